"""Terms from Word: a ``.docx`` file read into the plain-text layout the terms importer knows.

Headings keep their numbering: a heading numbered in its text keeps its number, one numbered by
Word (heading styles or list numbering) gets the number Word would show, counted here by level
(annexes number on, as the 2021 terms do). Lists become ``•`` bullets (numbered lists ``1)``
items), tables pipe rows, every other paragraph a paragraph. "Vedlegg N" headings start annexes
as in the plain-text format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import BytesIO
from typing import Any

from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate

__all__ = ["docx_to_text", "is_docx"]

_NUMBERED = re.compile(r"^\d+(?:\.\d+)*\.?\s+\S")
_ANNEX = re.compile(r"^Vedlegg\s+\d+")
_HEADING_STYLE = re.compile(r"^(?:Heading|Overskrift)\s*(\d)$", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def is_docx(data: bytes) -> bool:
    """A Word document (a ZIP file holding ``word/document.xml``)."""
    return data.startswith(b"PK\x03\x04") and b"word/" in data[:4096]


def _level(paragraph: Any) -> int | None:
    """The heading level of a paragraph (1, 2, 3 …), or None."""
    name = paragraph.style.name if paragraph.style is not None else ""
    match = _HEADING_STYLE.match(name or "")
    if match:
        return int(match[1])
    outline = paragraph._p.find(f"{_W}pPr/{_W}outlineLvl")
    if outline is not None:
        return int(outline.get(f"{_W}val", "9")) + 1
    return None


def _list_kind(paragraph: Any) -> str | None:
    """``bullet`` or ``number`` for list paragraphs (by style or Word list numbering), else None."""
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if "Bullet" in name or "Punkt" in name:
        return "bullet"
    if "Number" in name or "Nummer" in name:
        return "number"
    if paragraph._p.find(f"{_W}pPr/{_W}numPr") is not None:
        return "bullet"
    return None


def _blocks(document: Any) -> Iterator[tuple[str, Any]]:
    """("paragraph", p) and ("table", t) in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            yield "paragraph", Paragraph(child, document)
        elif child.tag == f"{_W}tbl":
            yield "table", Table(child, document)


class _Numbers:
    """Heading numbers as Word shows them: 1, 1.1, 1.1.1 …"""

    def __init__(self) -> None:
        self.counts: list[int] = []

    def next(self, level: int) -> str:
        del self.counts[level:]
        while len(self.counts) < level:
            self.counts.append(0)
        self.counts[level - 1] += 1
        return ".".join(str(n) for n in self.counts)

    def follow(self, number: str) -> None:
        self.counts = [int(n) for n in number.rstrip(".").split(".")]


def docx_to_text(data: bytes) -> str:
    """The plain-text terms of a ``.docx`` file.

    Raises:
        UserError: the bytes are not a readable Word document.
    """
    import docx

    try:
        document = docx.Document(BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken file
        raise UserError(
            fill(translate("Scanning", "The Word file cannot be read: %1"), type(exc).__name__)
        ) from None
    out: list[str] = []
    numbers = _Numbers()
    listing = False
    item = 0
    for kind, block in _blocks(document):
        if kind == "table":
            rows = [
                "| " + " | ".join(c.text.strip().replace("|", "/") for c in row.cells) + " |"
                for row in block.rows
            ]
            out += ["", *rows, ""]
            listing = False
            continue
        text = block.text.strip()
        if not text:
            continue
        level = _level(block)
        items = _list_kind(block) if level is None else None
        if level is not None:
            if _ANNEX.match(text):
                pass  # "Vedlegg 1: …" starts an annex; its sections number on
            elif _NUMBERED.match(text):
                numbers.follow(text.split()[0])
            elif not out:
                pass  # the title
            else:
                text = f"{numbers.next(level)} {text}"
            out += ["", text, ""]
        elif items is not None:
            if not listing:
                out.append("")
                item = 0
            item += 1
            out.append(f"  • {text}" if items == "bullet" else f"  {item}) {text}")
        else:
            out += ["", text, ""]
        listing = items is not None
    return "\n".join(_squeeze(out)).strip() + "\n"


def _squeeze(lines: list[str]) -> Iterator[str]:
    """No two blank lines in a row."""
    blank = False
    for line in lines:
        if not line.strip():
            if not blank:
                yield ""
            blank = True
        else:
            yield line
            blank = False
