"""The structured terms document: the contract between the terms importer, the store and the PDF.

A terms version is a `TermsDocument`: front matter, numbered sections (flat, in reading
order; the depth comes from the number, e.g. ``8.1.1`` is level 3) and annexes (the DPA is
``Vedlegg 1``). Blocks are plain text: never markup. Texts may contain fields such as
``{supplier.name}`` or ``{customer.org_number}``; they are filled in when a document is made.

The canonical content (``canonical_json``) is what a published version's SHA-256 covers.

``meta`` keys in use: ``contents_heading`` (the contents list's heading as the source text
had it, e.g. ``"1 Innhold"``; set by ``importer.py``; absent = the text had no contents list).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text. ``heading`` marks a short unnumbered heading line.

    A ``\\n`` inside ``text`` is a hard line break (e.g. the supplier's address block).
    """

    text: str
    heading: bool = False


@dataclass(frozen=True)
class BulletList:
    """A bullet list; each item is plain text."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table of plain-text cells; the first row is a header when ``header`` is true."""

    rows: tuple[tuple[str, ...], ...]
    header: bool = False


@dataclass(frozen=True)
class SignatureBlock:
    """An analog signature block: ``Sted:``/``Dato:`` lines, then two signature lines side by
    side."""

    intro: str = ""
    place_label: str = "Sted:"
    date_label: str = "Dato:"
    customer_label: str = "For kunden"
    supplier_label: str = "For {supplier.name}"


Block = Paragraph | BulletList | Table | SignatureBlock


@dataclass(frozen=True)
class Section:
    """A numbered section, e.g. ``Section("8.1.1", "Hovedkontakt/Nøkkelkontakt", (...))``."""

    number: str
    title: str
    blocks: tuple[Block, ...] = ()

    @property
    def level(self) -> int:
        """Depth of the section: ``"8"`` is 1, ``"8.1"`` is 2, ``"8.1.1"`` is 3."""
        return self.number.count(".") + 1 if self.number else 1


@dataclass(frozen=True)
class Annex:
    """An annex such as ``Vedlegg 1`` (the DPA), with its own numbered sections."""

    label: str
    title: str
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class TermsDocument:
    """A whole terms text: title, front matter, sections, annexes."""

    title: str
    front_matter: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    annexes: tuple[Annex, ...] = ()
    meta: tuple[tuple[str, str], ...] = field(default=())

    def __repr__(self) -> str:
        return (
            f"TermsDocument({self.title!r}, sections={len(self.sections)}, "
            f"annexes={len(self.annexes)})"
        )

    def all_sections(self) -> tuple[Section, ...]:
        """Every section, the annexes' included, in reading order."""
        out = list(self.sections)
        for annex in self.annexes:
            out.extend(annex.sections)
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the canonical form is ``canonical_json``)."""
        return {
            "title": self.title,
            "front_matter": [_block_to_dict(b) for b in self.front_matter],
            "sections": [_section_to_dict(s) for s in self.sections],
            "annexes": [
                {
                    "label": a.label,
                    "title": a.title,
                    "blocks": [_block_to_dict(b) for b in a.blocks],
                    "sections": [_section_to_dict(s) for s in a.sections],
                }
                for a in self.annexes
            ],
            "meta": [list(kv) for kv in self.meta],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TermsDocument:
        return cls(
            title=data["title"],
            front_matter=tuple(_block_from_dict(b) for b in data.get("front_matter", ())),
            sections=tuple(_section_from_dict(s) for s in data.get("sections", ())),
            annexes=tuple(
                Annex(
                    label=a["label"],
                    title=a["title"],
                    blocks=tuple(_block_from_dict(b) for b in a.get("blocks", ())),
                    sections=tuple(_section_from_dict(s) for s in a.get("sections", ())),
                )
                for a in data.get("annexes", ())
            ),
            meta=tuple((k, v) for k, v in data.get("meta", ())),
        )

    def canonical_json(self) -> str:
        """Canonical serialisation: NFC text, sorted keys, no insignificant white space."""
        return _nfc(
            json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        )

    def sha256(self) -> str:
        """SHA-256 (hex) of the canonical content; identifies a published version."""
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()

    @classmethod
    def from_json(cls, text: str) -> TermsDocument:
        return cls.from_dict(json.loads(text))


def _section_to_dict(s: Section) -> dict[str, Any]:
    return {"number": s.number, "title": s.title, "blocks": [_block_to_dict(b) for b in s.blocks]}


def _section_from_dict(d: dict[str, Any]) -> Section:
    return Section(d["number"], d["title"], tuple(_block_from_dict(b) for b in d.get("blocks", ())))


def _block_to_dict(b: Block) -> dict[str, Any]:
    if isinstance(b, Paragraph):
        return {"type": "paragraph", "text": b.text, "heading": b.heading}
    if isinstance(b, BulletList):
        return {"type": "bullets", "items": list(b.items)}
    if isinstance(b, Table):
        return {"type": "table", "rows": [list(r) for r in b.rows], "header": b.header}
    if isinstance(b, SignatureBlock):
        return {
            "type": "signature",
            "intro": b.intro,
            "place_label": b.place_label,
            "date_label": b.date_label,
            "customer_label": b.customer_label,
            "supplier_label": b.supplier_label,
        }
    raise TypeError(f"unknown block {type(b).__name__}")


def _block_from_dict(d: dict[str, Any]) -> Block:
    kind = d["type"]
    if kind == "paragraph":
        return Paragraph(d["text"], bool(d.get("heading", False)))
    if kind == "bullets":
        return BulletList(tuple(d["items"]))
    if kind == "table":
        return Table(tuple(tuple(r) for r in d["rows"]), bool(d.get("header", False)))
    if kind == "signature":
        return SignatureBlock(
            d.get("intro", ""),
            d.get("place_label", "Sted:"),
            d.get("date_label", "Dato:"),
            d.get("customer_label", "For kunden"),
            d.get("supplier_label", "For {supplier.name}"),
        )
    raise ValueError(f"unknown block type {kind!r}")
