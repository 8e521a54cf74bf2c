"""A generated privacy document (records of processing, privacy statement): plain text in sections.

Blocks are the terms document's plain-text blocks (paragraph, bullet list, table): never markup.
The PDF and HTML adapters escape every value. ``sha256`` identifies the content, so the same
content keeps its version number and a change makes the next one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from contractdesk.domain.terms.document import BulletList, Paragraph, Table

__all__ = ["Block", "PrivacyDocument", "ReportSection"]

Block = Paragraph | BulletList | Table


@dataclass(frozen=True)
class ReportSection:
    title: str
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class PrivacyDocument:
    """Title, meta lines (version, date, who), sections; ``language`` is ``nb`` or ``en``."""

    kind: str
    language: str
    title: str
    meta: tuple[str, ...]
    sections: tuple[ReportSection, ...]

    def __repr__(self) -> str:
        return f"PrivacyDocument({self.kind!r}, {self.language!r}, sections={len(self.sections)})"

    def content_json(self) -> str:
        """The content without the meta lines (they carry the version and date)."""
        data: list[Any] = [self.kind, self.language, self.title]
        for section in self.sections:
            blocks: list[Any] = []
            for b in section.blocks:
                if isinstance(b, Paragraph):
                    blocks.append(["p", b.text])
                elif isinstance(b, BulletList):
                    blocks.append(["ul", list(b.items)])
                else:
                    blocks.append(["table", [list(r) for r in b.rows]])
            data.append([section.title, blocks])
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def sha256(self) -> str:
        return hashlib.sha256(self.content_json().encode("utf-8")).hexdigest()

    def with_meta(self, meta: tuple[str, ...]) -> PrivacyDocument:
        return PrivacyDocument(self.kind, self.language, self.title, meta, self.sections)

    def all_text(self) -> str:
        """Every text of the document, one per line (tests and search)."""
        out = [self.title, *self.meta]
        for section in self.sections:
            out.append(section.title)
            for b in section.blocks:
                if isinstance(b, Paragraph):
                    out.append(b.text)
                elif isinstance(b, BulletList):
                    out += list(b.items)
                else:
                    out += [" | ".join(r) for r in b.rows]
        return "\n".join(out)
