"""Plain-text terms (laid out like the 17.04.2021 seed) to a `TermsDocument`, and back to text.

The layout the importer understands (the seed's, see ``resources/terms/2021-04-17/source.txt``):

* the first line is the title; everything up to the contents list or the first numbered
  heading is front matter (date line, preamble, supplier block: each group of lines
  separated by a blank line is one block; lines inside a group are kept with ``\\n``);
* a contents list headed ``Innhold`` (optionally numbered, e.g. ``1 Innhold``): its entries
  are *not* sections. The heading is kept in ``meta`` as ``contents_heading`` so that the
  exporter writes a contents list again; the entries themselves are regenerated from the
  sections. The list ends where its first entry (or an entry's number) appears again: the
  body. A heading like ``Innhold`` without such an end is kept as ordinary text;
* numbered headings on a line of their own (``8.1.1 Hovedkontakt/Nøkkelkontakt``); an
  unnumbered line that the contents list names (``Innledning:``) is an unnumbered section;
* ``•`` bullets (one item a line, usually indented) → `BulletList`; indented numbered items
  (``  1. Ufin behandling …``) → one `Paragraph` each, their number kept in the text;
* tables: the §10 invoice-period lines (``<period> Fakturadato … Forfall N dager``, two or
  more in a row), price lines (``Papirfaktura Kr 45,-``, two or more in one group) and the
  exporter's own pipe tables (``| a | b |``);
* an analog signature: ``Sted: Dato:``, then a group of an underscore line and
  ``For kunden For <supplier>`` → `SignatureBlock`; a paragraph directly before it that ends
  with ``:`` is its ``intro``. A heading such as ``Analog signatur`` before it stays a
  heading paragraph, so any renderer shows it;
* ``Vedlegg N:`` (optionally ``Vedlegg N: Title``) starts an `Annex`; the sections after it
  belong to the annex.

A short single line (at most four words, no closing full stop) between longer blocks, or a
one- or two-word line ending with ``:``, is a ``Paragraph(heading=True)``.

Round trip: ``import_terms(to_plain_text(doc))`` equals ``doc`` for every document that
``import_terms`` produced (the tests check this on the seed). Hand-made documents round-trip
when their texts do not themselves look like the structures above (e.g. a paragraph starting
with ``•`` or ``2 Foo`` would come back as a bullet list or a heading).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from contractdesk.domain.terms.document import (
    Annex,
    Block,
    BulletList,
    Paragraph,
    Section,
    SignatureBlock,
    Table,
    TermsDocument,
)
from contractdesk.errors import UserFacingError

__all__ = [
    "CONTENTS_HEADING_KEY",
    "ImportResult",
    "TermsImportError",
    "block_to_plain_text",
    "import_terms",
    "import_terms_with_report",
    "stated_effective_date",
    "to_plain_text",
]

#: ``meta`` key holding the contents list's heading (e.g. ``"1 Innhold"``); absent = no contents
#: list.
CONTENTS_HEADING_KEY = "contents_heading"

_WS = "[ \\t\u00a0]"
_HEADING_RE = re.compile(rf"^(?P<number>[1-9]\d?(?:\.\d{{1,2}})*){_WS}+(?P<title>[^\W\d_].*)$")
_CONTENTS_RE = re.compile(
    rf"^(?:(?P<number>[1-9]\d?){_WS}+)?(?:innhold|innholdsfortegnelse)\s*:?$", re.IGNORECASE
)
_ANNEX_RE = re.compile(rf"^(?P<label>Vedlegg{_WS}+\d+)(?:{_WS}*:{_WS}*(?P<title>.*))?$")
_BULLET_RE = re.compile(r"^\s*[•◦▪‣]\s*(?P<text>.*)$")
_DASH_BULLET_RE = re.compile(r"^\s+[-–]\s+(?P<text>\S.*)$")
_NUMBERED_ITEM_RE = re.compile(r"^\s+\d{1,2}[.)]\s+\S")
_INVOICE_ROW_RE = re.compile(
    rf"^(?P<period>\S.*?){_WS}+(?P<dates>Fakturadato:?{_WS}+\S.*?){_WS}+(?P<due>Forfall{_WS}+\d+{_WS}+dager\.?)$"
)
_PRICE_ROW_RE = re.compile(
    r"^(?P<item>\S.*?)[ \t\u00a0]+(?P<price>kr\.?[ \t\u00a0]*\d[\d \t\u00a0.]*(?:,-|,\d{2})?)$",
    re.IGNORECASE,
)
_PLACE_DATE_RE = re.compile(rf"^(?P<place>[^\s:][^:]*:){_WS}+(?P<date>[^\s:][^:]*:)$")
_UNDERSCORES_RE = re.compile(rf"^_{{5,}}(?:{_WS}+_{{5,}})*$")
_SIGNERS_RE = re.compile(rf"^(?P<customer>For\b.*?){_WS}+(?P<supplier>For\b.*)$")
_PIPE_SEPARATOR_RE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")
_STATED_DATE_RE = re.compile(
    r"gjeldende avtalevilkår er:?\s*(\d{1,2})\.(\d{1,2})\.(\d{4})", re.IGNORECASE
)

_SIGNATURE_RULE = "_" * 23
_MAX_HEADING_WORDS = 12
_MAX_HEADING_CHARS = 100
_MAX_ENTRY_CHARS = 120
_SHORT_LINE_WORDS = 4


class TermsImportError(UserFacingError, ValueError):
    """The text cannot be read as terms (e.g. it is empty)."""


@dataclass(frozen=True)
class ImportResult:
    """What the importer read: the document, the dropped contents list, and notes for a human.

    Attributes:
        document: the structured terms.
        contents: the contents list's lines as they stood in the text (heading first); these
            are the only words of the text that are not in ``document`` (they are regenerated
            from the sections on export).
        notes: things a human should look at, e.g. a contents entry that differs from its
            heading, or a heading whose number does not follow the previous one.
    """

    document: TermsDocument
    contents: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def import_terms(text: str) -> TermsDocument:
    """Read plain-text terms into a `TermsDocument` (see the module docstring for the layout)."""
    return import_terms_with_report(text).document


def stated_effective_date(doc: TermsDocument) -> date | None:
    """The date in the front matter's ``Dato for gjeldende avtalevilkår er: DD.MM.YYYY`` line."""
    for block in doc.front_matter:
        if isinstance(block, Paragraph):
            match = _STATED_DATE_RE.search(block.text)
            if match:
                day, month, year = (int(g) for g in match.groups())
                try:
                    return date(year, month, day)
                except ValueError:
                    return None
    return None


# --------------------------------------------------------------------------- reading


@dataclass
class _Chunk:
    """A group of non-blank lines (trailing white space removed) and its 1-based first line."""

    lines: list[str]
    line_no: int

    @property
    def single(self) -> str | None:
        """The line, stripped, when the group is one line that is not a list item; else None."""
        if len(self.lines) == 1 and not _is_item_line(self.lines[0]):
            return self.lines[0].strip()
        return None


@dataclass
class _Container:
    """A section (or front matter / annex preamble) being filled."""

    number: str
    title: str
    chunks: list[_Chunk] = field(default_factory=list)


@dataclass
class _AnnexDraft:
    label: str
    title: str
    preamble: _Container
    sections: list[_Container] = field(default_factory=list)


def _normalise_source(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [line.rstrip() for line in text.split("\n")]


def _chunks(lines: Sequence[str]) -> list[_Chunk]:
    out: list[_Chunk] = []
    current: list[str] = []
    start = 0
    for index, line in enumerate(lines, start=1):
        if line.strip():
            if not current:
                start = index
            current.append(line)
        elif current:
            out.append(_Chunk(current, start))
            current = []
    if current:
        out.append(_Chunk(current, start))
    return out


def _is_bullet_line(line: str) -> bool:
    return bool(_BULLET_RE.match(line) or _DASH_BULLET_RE.match(line))


def _is_item_line(line: str) -> bool:
    return _is_bullet_line(line) or bool(_NUMBERED_ITEM_RE.match(line))


def _split_chunk(chunk: _Chunk) -> list[_Chunk]:
    """Cut a group of lines where one block ends and the next begins (a run of plain lines,
    a bullet list with its indented continuation lines, one numbered item), so that the text
    reads the same as the exporter's, which puts a blank line between blocks."""
    parts: list[_Chunk] = []
    kind = ""
    for offset, line in enumerate(chunk.lines):
        if _is_bullet_line(line):
            new_kind = "bullet"
        elif _NUMBERED_ITEM_RE.match(line):
            new_kind = "item"
        elif kind == "bullet" and line[:1].isspace():
            new_kind = "bullet"  # continuation of the previous bullet
        else:
            new_kind = "plain"
        if parts and new_kind == kind and kind != "item":
            parts[-1].lines.append(line)
        else:
            parts.append(_Chunk([line], chunk.line_no + offset))
        kind = new_kind
    return parts


def _entry_key(text: str) -> str:
    """Compare contents entries and headings: collapse spaces, drop closing ``.``/``:``,
    casefold."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip().rstrip(".:").strip().casefold()


def _parse_number(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def _is_successor(previous: tuple[int, ...] | None, number: tuple[int, ...]) -> bool:
    if previous is None:
        return len(number) == 1
    if number == (*previous, 1):
        return True
    for depth in range(1, len(previous) + 1):
        if number == (*previous[: depth - 1], previous[depth - 1] + 1):
            return True
    return False


def _heading(line: str | None) -> tuple[str, str] | None:
    if line is None:
        return None
    match = _HEADING_RE.match(line)
    if not match:
        return None
    title = re.sub(f"^{_WS}+", "", match["title"]).strip()
    if len(title) > _MAX_HEADING_CHARS or len(title.split()) > _MAX_HEADING_WORDS:
        return None
    return match["number"], title


def import_terms_with_report(text: str) -> ImportResult:
    """Read plain-text terms; also return the dropped contents list and notes for a human.

    Raises:
        TermsImportError: the text has no title line.
    """
    chunks = [part for chunk in _chunks(_normalise_source(text)) for part in _split_chunk(chunk)]
    if not chunks:
        raise TermsImportError("The terms text is empty")
    notes: list[str] = []
    first = chunks[0]
    title = first.lines[0].strip()
    rest = chunks[1:]
    if len(first.lines) > 1:
        rest.insert(0, _Chunk(first.lines[1:], first.line_no + 1))

    front = _Container("", "")
    meta: list[tuple[str, str]] = []
    contents: list[str] = []
    toc_entries: list[_Chunk] = []
    previous_number: tuple[int, ...] | None = None

    # Front matter, up to the contents list or the first heading / annex.
    index = 0
    while index < len(rest):
        chunk = rest[index]
        line = chunk.single
        contents_match = _CONTENTS_RE.match(line) if line is not None else None
        if contents_match:
            body_index = _read_contents(rest, index + 1, toc_entries)
            if body_index is not None:
                meta.append((CONTENTS_HEADING_KEY, line))  # type: ignore[arg-type]  # line is set when contents_match is
                contents.append(chunk.lines[0])
                number = contents_match["number"]
                previous_number = (int(number),) if number else None
                index = body_index
                break
            notes.append(
                f"line {chunk.line_no}: {line!r} is not followed by a contents list; kept as text"
            )
        if line is not None and (_heading(line) is not None or _ANNEX_RE.match(line)):
            heading = _heading(line)
            if heading is None or len(_parse_number(heading[0])) == 1:
                break
        front.chunks.append(chunk)
        index += 1
    contents.extend(c.lines[0] for c in toc_entries)
    unnumbered_entries = {_entry_key(c.lines[0]) for c in toc_entries if _heading(c.single) is None}

    # Body: sections and annexes.
    sections: list[_Container] = []
    annexes: list[_AnnexDraft] = []
    current: _Container | None = None
    for chunk in rest[index:]:
        line = chunk.single
        annex_match = _ANNEX_RE.match(line) if line is not None else None
        heading = _heading(line)
        if annex_match and len(annex_match["title"] or "") <= _MAX_HEADING_CHARS:
            annex = _AnnexDraft(
                label=re.sub(f"{_WS}+", " ", annex_match["label"]),
                title=(annex_match["title"] or "").strip(),
                preamble=_Container("", ""),
            )
            annexes.append(annex)
            current = annex.preamble
            continue
        if heading is not None:
            number, heading_title = heading
            parsed = _parse_number(number)
            if not _is_successor(previous_number, parsed):
                notes.append(
                    f"line {chunk.line_no}: heading {number} does not follow the previous number"
                )
            previous_number = parsed
            current = _Container(number, heading_title)
            (annexes[-1].sections if annexes else sections).append(current)
            continue
        if line is not None and _entry_key(line) in unnumbered_entries:
            current = _Container("", line)
            (annexes[-1].sections if annexes else sections).append(current)
            continue
        if current is None:
            current = front
            notes.append(
                f"line {chunk.line_no}: text between the contents list and the first heading"
                " kept as front matter"
            )
        current.chunks.append(chunk)

    document = TermsDocument(
        title=title,
        front_matter=_blocks(front.chunks),
        sections=tuple(_section(c) for c in sections),
        annexes=tuple(
            Annex(
                a.label, a.title, _blocks(a.preamble.chunks), tuple(_section(c) for c in a.sections)
            )
            for a in annexes
        ),
        meta=tuple(meta),
    )
    notes.extend(_contents_notes(toc_entries, document))
    return ImportResult(document, tuple(contents), tuple(notes))


def _read_contents(rest: list[_Chunk], index: int, entries: list[_Chunk]) -> int | None:
    """Collect contents entries from ``rest[index:]`` into ``entries``.

    Returns the index where the body starts: the first entry (or an entry's number) seen
    again. None, with ``entries`` left empty, when there is no such end: then the heading
    was not a contents list's.
    """
    seen_numbers: set[str] = set()
    first_key: str | None = None
    found: list[_Chunk] = []
    while index < len(rest):
        chunk = rest[index]
        line = chunk.single
        if line is None or len(line) > _MAX_ENTRY_CHARS:
            return None
        key = _entry_key(line)
        heading = _heading(line)
        if first_key is not None and (
            key == first_key or (heading is not None and heading[0] in seen_numbers)
        ):
            entries.extend(found)
            return index
        if first_key is None:
            first_key = key
        if heading is not None:
            seen_numbers.add(heading[0])
        found.append(chunk)
        index += 1
    return None


def _contents_notes(entries: Iterable[_Chunk], document: TermsDocument) -> list[str]:
    notes: list[str] = []
    by_number = {s.number: s for s in document.all_sections() if s.number}
    listed: set[str] = set()
    for chunk in entries:
        line = chunk.lines[0].strip()
        heading = _heading(line)
        if heading is None:
            continue
        number, entry_title = heading
        listed.add(number)
        section = by_number.get(number)
        if section is None:
            notes.append(f"contents entry {line!r} has no section")
        elif _entry_key(entry_title) != _entry_key(section.title):
            notes.append(f"contents entry {line!r} differs from heading {number} {section.title!r}")
    if listed:
        for number in by_number:
            if number not in listed:
                notes.append(f"section {number} is missing from the contents list")
    return notes


def _section(container: _Container) -> Section:
    return Section(container.number, container.title, _blocks(container.chunks))


def _blocks(chunks: Sequence[_Chunk]) -> tuple[Block, ...]:
    raw: list[Block] = []
    for chunk in chunks:
        raw.extend(_chunk_blocks(chunk.lines))
    merged = _merge_invoice_rows(_merge_signatures(raw))
    return tuple(_mark_headings(merged))


def _chunk_blocks(lines: Sequence[str]) -> list[Block]:
    """One group of lines → blocks: pipe table, price table, bullets, numbered items, paragraph."""
    stripped = [line.strip() for line in lines]
    if all(s.startswith("|") and s.endswith("|") and len(s) > 1 for s in stripped):
        return [_pipe_table(stripped)]
    if len(lines) >= 2 and all(_PRICE_ROW_RE.match(s) for s in stripped):
        rows = tuple(
            (m["item"], m["price"])
            for m in (_PRICE_ROW_RE.match(s) for s in stripped)
            if m is not None
        )
        return [Table(rows)]
    out: list[Block] = []
    pending: list[str] = []
    items: list[str] = []

    def flush_paragraph() -> None:
        if pending:
            out.append(Paragraph("\n".join(pending)))
            pending.clear()

    def flush_items() -> None:
        if items:
            out.append(BulletList(tuple(items)))
            items.clear()

    for line, text in zip(lines, stripped, strict=True):
        bullet = _BULLET_RE.match(line) or _DASH_BULLET_RE.match(line)
        if bullet:
            flush_paragraph()
            items.append(bullet["text"].strip())
        elif _NUMBERED_ITEM_RE.match(line):
            flush_paragraph()
            flush_items()
            out.append(Paragraph(text))
        elif items and line[:1].isspace():
            items[-1] = f"{items[-1]} {text}".strip()
        else:
            flush_items()
            pending.append(text)
    flush_paragraph()
    flush_items()
    return out


def _split_pipe_row(line: str) -> tuple[str, ...]:
    cells: list[str] = []
    current: list[str] = []
    body = line[1:-1]
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body) and body[i + 1] in "|\\":
            current.append(body[i + 1])
            i += 2
            continue
        if ch == "|":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
        i += 1
    cells.append("".join(current).strip())
    return tuple(cells)


def _pipe_table(lines: Sequence[str]) -> Table:
    header = len(lines) >= 2 and bool(_PIPE_SEPARATOR_RE.match(lines[1]))
    rows = [_split_pipe_row(line) for n, line in enumerate(lines) if not (header and n == 1)]
    return Table(tuple(rows), header=header)


def _single_line(block: Block) -> str | None:
    if isinstance(block, Paragraph) and "\n" not in block.text:
        return block.text
    return None


def _merge_signatures(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        place_line = _single_line(blocks[i])
        place = _PLACE_DATE_RE.match(place_line) if place_line is not None else None
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        sign_lines = nxt.text.split("\n") if isinstance(nxt, Paragraph) else []
        signers = _SIGNERS_RE.match(sign_lines[1]) if len(sign_lines) == 2 else None
        if place and signers and _UNDERSCORES_RE.match(sign_lines[0]):
            intro = ""
            previous = _single_line(out[-1]) if out else None
            if previous is not None and previous.endswith(":"):
                intro = previous
                out.pop()
            out.append(
                SignatureBlock(
                    intro=intro,
                    place_label=place["place"],
                    date_label=place["date"],
                    customer_label=signers["customer"],
                    supplier_label=signers["supplier"],
                )
            )
            i += 2
            continue
        out.append(blocks[i])
        i += 1
    return out


def _merge_invoice_rows(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    run: list[tuple[str, str, str]] = []

    def flush() -> None:
        if len(run) >= 2:
            out.append(Table(tuple(run)))
        else:
            out.extend(Paragraph(" ".join(row)) for row in run)
        run.clear()

    for block in blocks:
        line = _single_line(block)
        match = _INVOICE_ROW_RE.match(line) if line is not None else None
        if match:
            run.append((match["period"], match["dates"], match["due"]))
            if " ".join(run[-1]) != line:  # spacing would change: keep the paragraph as it was
                run.pop()
                flush()
                out.append(block)
            continue
        flush()
        out.append(block)
    flush()
    return out


def _is_short(block: Block | None) -> bool:
    line = _single_line(block) if block is not None else None
    return (
        line is not None
        and len(line.split()) <= _SHORT_LINE_WORDS
        and not line.endswith((".", ",", ";", "!", "?", ":"))
    )


def _mark_headings(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for i, block in enumerate(blocks):
        line = _single_line(block)
        heading = False
        if line is not None:
            if line.endswith(":") and len(line.split()) <= 2:
                heading = True
            elif _is_short(block) and i + 1 < len(blocks):
                previous = blocks[i - 1] if i > 0 else None
                heading = not _is_short(previous) and not _is_short(blocks[i + 1])
        if heading and isinstance(block, Paragraph):
            block = Paragraph(block.text, heading=True)
        out.append(block)
    return out


# --------------------------------------------------------------------------- writing


def _heading_line(section: Section) -> str:
    return f"{section.number} {section.title}" if section.number else section.title


def _pipe_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def block_to_plain_text(block: Block) -> str:
    """One block as the plain text the importer reads back (lines joined with ``\\n``)."""
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, BulletList):
        return "\n".join(f"  • {item}" for item in block.items)
    if isinstance(block, Table):
        lines = ["| " + " | ".join(_pipe_cell(c) for c in row) + " |" for row in block.rows]
        if block.header and block.rows:
            lines.insert(1, "|" + "|".join("---" for _ in block.rows[0]) + "|")
        return "\n".join(lines)
    if isinstance(block, SignatureBlock):
        parts = [block.intro] if block.intro else []
        parts.append(f"{block.place_label} {block.date_label}")
        parts.append(
            f"{_SIGNATURE_RULE} {_SIGNATURE_RULE}\n{block.customer_label} {block.supplier_label}"
        )
        return "\n\n".join(parts)
    raise TypeError(f"unknown block {type(block).__name__}")


_ITEM_TEXT_RE = re.compile(r"^\d{1,2}[.)]\s+\S")


def _blocks_text(blocks: Sequence[Block]) -> list[str]:
    """Blocks as text parts; consecutive numbered-item paragraphs become one indented group."""
    parts: list[str] = []
    items: list[str] = []
    for block in blocks:
        line = _single_line(block)
        if line is not None and _ITEM_TEXT_RE.match(line):
            items.append(f"  {line}")
            continue
        if items:
            parts.append("\n".join(items))
            items = []
        parts.append(block_to_plain_text(block))
    if items:
        parts.append("\n".join(items))
    return parts


def _contents_entries(doc: TermsDocument) -> list[str]:
    """The contents list: one line per section, each number (or unnumbered title) once."""
    out: list[str] = []
    seen: set[str] = set()
    for section in doc.all_sections():
        line = _heading_line(section)
        key = section.number or _entry_key(line)
        if line and key not in seen:
            seen.add(key)
            out.append(line)
    return out


def to_plain_text(doc: TermsDocument) -> str:
    """The document as plain text in the seed's layout; `import_terms` reads it back unchanged.

    The contents list (when ``meta`` has ``contents_heading``) is regenerated from the
    sections; tables are written as pipe tables (``| a | b |``).
    """
    parts: list[str] = [doc.title]
    parts.extend(_blocks_text(doc.front_matter))
    contents_heading = dict(doc.meta).get(CONTENTS_HEADING_KEY)
    if contents_heading:
        parts.append(contents_heading)
        parts.extend(_contents_entries(doc))
    for section in doc.sections:
        parts.append(_heading_line(section))
        parts.extend(_blocks_text(section.blocks))
    for annex in doc.annexes:
        parts.append(f"{annex.label}: {annex.title}" if annex.title else f"{annex.label}:")
        parts.extend(_blocks_text(annex.blocks))
        for section in annex.sections:
            parts.append(_heading_line(section))
            parts.extend(_blocks_text(section.blocks))
    return "\n\n".join(p for p in parts if p) + "\n"
