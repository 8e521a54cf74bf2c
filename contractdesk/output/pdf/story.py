"""The terms part of the agreement as flowables, built once per terms version and reused.

The terms text (sections, bullets, tables, the DPA annex with the sub-processor list) is
the same for every customer of a version. ``terms_story`` turns a ``TermsDocument`` into a
``TermsStory``: a list of shared, pre-parsed flowables (``MemoParagraph`` remembers its
line breaks) with *slots* for what differs per customer (signature blocks, texts that use
``{customer.*}`` fields). The story is cached per version, supplier and sub-processor list;
each agreement expands the slots and lays out the shared flowables again, which costs little
because their parsing and line breaking are already done, and the shared paragraphs replay
the page operators they recorded the first time they were drawn (see ``flowables.py``).
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Union

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from contractdesk.domain.fingerprint import DocumentCode
from contractdesk.domain.terms import document as td

from ..text import clean_text, field_names, fill_fields, para_text
from .fields import is_static_field, static_values
from .flowables import (
    Heading,
    KeepIntact,
    MemoParagraph,
    StaticCollector,
    TocEntry,
    TocLine,
    make_static,
    para,
    shared_para,
    static_build,
    table_style,
    text_table,
)
from .formatting import display_org_number
from .model import AgreementInput, AgreementTexts, Party, SignatoryInfo
from .qr import QrCode
from .styles import FRAME_WIDTH, INK, RULE, Styles, get_styles

# Caps for values printed in fixed-size places (they are cut with a visible mark).
TITLE_MAX = 300
FIELD_VALUE_MAX = 500
SIG_NAME_MAX = 160
SIG_LABEL_MAX = 160
TOC_MAX_LEVEL = 3


@dataclass(frozen=True)
class RenderContext:
    """Per-agreement values that slots need: the input, its field values and the styles.

    ``page_total`` holds the page count the current layout pass expects (0: not known yet),
    ``kind`` says which document this is (``agreement`` or ``sheet``): the QR code says both.
    """

    inp: AgreementInput
    values: Mapping[str, str]
    styles: Styles
    kind: str = "agreement"
    page_total: list[int] = field(default_factory=lambda: [0])

    def code_text(self) -> str:
        """The QR payload of this document (see ``contractdesk.domain.fingerprint``)."""
        inp = self.inp
        code = DocumentCode(
            clean_text(inp.document_id, 20),
            max(1, inp.document_version),
            inp.fingerprint,
            self.kind,
            max(0, self.page_total[0]),
        )
        return code.text()

    @property
    def texts(self) -> AgreementTexts:
        return self.inp.texts


Slot = Callable[[RenderContext], list[Flowable]]
Item = Union[Flowable, "SlotItem"]


@dataclass(frozen=True)
class SlotItem:
    """A place in the shared story filled per agreement."""

    build: Slot


@dataclass
class Layout:
    """Where the headings landed: the TOC rows ``(toc_level, label, page)`` and the page count."""

    toc: tuple[tuple[int, str, int], ...]
    pages: int


@dataclass
class TermsStory:
    """The shared flowables of one terms version (see the module docstring)."""

    front: list[Item]
    body: list[Item]
    headings: list[TocEntry]
    signature_sections: list[tuple[str, td.SignatureBlock]]
    priming: tuple[tuple[str, str], ...] = ()
    replay_token: int = 0
    toc_titles: dict[tuple[int, str], MemoParagraph] = field(default_factory=dict)
    toc_lines: dict[tuple[int, str, int], TocLine] = field(default_factory=dict)
    layouts: dict[Any, Layout] = field(default_factory=dict)

    def expand(self, items: list[Item], ctx: RenderContext) -> list[Flowable]:
        """The items with every slot filled for this agreement."""
        out: list[Flowable] = []
        for item in items:
            if isinstance(item, SlotItem):
                out.extend(item.build(ctx))
            else:
                out.append(item)
        return out

    def toc_title(self, level: int, label: str, styles: Styles) -> MemoParagraph:
        """The (memoised) paragraph of one TOC line's title."""
        key = (level, label)
        para_ = self.toc_titles.get(key)
        if para_ is None:
            para_ = self.toc_titles[key] = para(label, styles.toc(level))
        return para_

    def toc_line(self, level: int, label: str, page: int, styles: Styles) -> TocLine:
        """The (memoised, replayed) TOC line for a heading on a page."""
        key = (level, label, page)
        line = self.toc_lines.get(key)
        if line is None:
            if len(self.toc_lines) > 4000:
                self.toc_lines.clear()
            title = self.toc_title(level, label, styles)
            line = TocLine(title, str(page), styles.toc(level), dots=level >= 1, plain=label)
            self.toc_lines[key] = make_static(line)
        return line


# --------------------------------------------------------------------------- cache

_CACHE_SIZE = 8
_cache: OrderedDict[Any, tuple[td.TermsDocument, TermsStory]] = OrderedDict()
_cache_lock = threading.Lock()


def clear_cache() -> None:
    """Forget every cached terms story (e.g. in tests, or to free memory)."""
    with _cache_lock:
        _cache.clear()


def terms_story(inp: AgreementInput, values: Mapping[str, str]) -> TermsStory:
    """The cached story for ``inp``'s terms version, supplier and sub-processors (built on a
    miss)."""
    key = (
        inp.terms_sha256,
        id(inp.terms),
        static_values(dict(values)),
        inp.subprocessors,
        inp.subprocessor_section,
        inp.texts,
    )
    with _cache_lock:
        hit = _cache.get(key)
        if hit is None:
            # Same version, other object (e.g. unpickled in a worker): compare by value.
            for other_key, (terms, story) in _cache.items():
                if other_key[0] == key[0] and other_key[2:] == key[2:] and terms == inp.terms:
                    hit = (terms, story)
                    break
        if hit is not None:
            _cache[key] = hit
            _cache.move_to_end(key)
            return hit[1]
    story = build_terms_story(inp, values, get_styles())
    with _cache_lock:
        _cache[key] = (inp.terms, story)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return story


# --------------------------------------------------------------------------- building


class _Builder:
    def __init__(self, inp: AgreementInput, values: Mapping[str, str], styles: Styles) -> None:
        self.inp = inp
        self.texts = inp.texts
        self.styles = styles
        self.static = {k: v for k, v in values.items() if is_static_field(k)}
        self.headings: list[TocEntry] = []
        self.signature_sections: list[tuple[str, td.SignatureBlock]] = []
        self._outline_level = -1

    # -- text -------------------------------------------------------------------------

    def _is_dynamic(self, text: str) -> bool:
        return any(not is_static_field(name) for name in field_names(text))

    def fill_static(self, text: str) -> str:
        return fill_fields(text, self.static)

    # -- headings ---------------------------------------------------------------------

    def _toc(self, outline_level: int, label: str) -> TocEntry:
        # PDF outlines may not skip levels: clamp to one deeper than the previous entry.
        level = min(outline_level, self._outline_level + 1)
        self._outline_level = level
        entry = TocEntry(level=level, label=label, key=f"h{len(self.headings)}")
        self.headings.append(entry)
        return entry

    def heading(self, text: str, style: Any, outline_level: int, toc_level: int) -> Item:
        label = clean_text(text, TITLE_MAX)
        entry = self._toc(outline_level, label)
        toc_level_ = toc_level

        if self._is_dynamic(text):
            raw = text

            def build(ctx: RenderContext) -> list[Flowable]:
                filled = clean_text(fill_fields(raw, _capped(ctx.values)), TITLE_MAX)
                h = Heading(para_text(filled), style)
                h.toc = TocEntry(entry.level, filled, entry.key)
                h.toc_level = toc_level_
                return [h]

            return SlotItem(build)
        h = Heading(para_text(label), style)
        h.toc = entry
        h.toc_level = toc_level_
        return h

    # -- blocks -----------------------------------------------------------------------

    def block(self, block: td.Block, section: str) -> list[Item]:
        s = self.styles
        if isinstance(block, td.Paragraph):
            style = s.body_heading if block.heading else s.body
            return [self._text_para(block.text, style)]
        if isinstance(block, td.BulletList):
            return [self._text_para(item, s.bullet, bullet=True) for item in block.items]
        if isinstance(block, td.Table):
            return [self._table(block)]
        if isinstance(block, td.SignatureBlock):
            self.signature_sections.append((section, block))
            return [SlotItem(_signature_slot(block))]
        raise TypeError(f"unknown block {type(block).__name__}")

    def _text_para(self, text: str, style: Any, *, bullet: bool = False) -> Item:
        bullet_text = "\u2022" if bullet else None
        filled = self.fill_static(text)
        if self._is_dynamic(filled):

            def build(ctx: RenderContext) -> list[Flowable]:
                value = fill_fields(filled, _capped(ctx.values))
                return [
                    MemoParagraph(para_text(value, multiline=True), style, bulletText=bullet_text)
                ]

            return SlotItem(build)
        return MemoParagraph(para_text(filled, multiline=True), style, bulletText=bullet_text)

    def _table(self, table: td.Table) -> Item:
        rows = [[self.fill_static(cell) for cell in row] for row in table.rows]
        if not rows:
            return Spacer(0, 0)
        styles = self.styles
        if any(self._is_dynamic(cell) for row in rows for cell in row):

            def build(ctx: RenderContext) -> list[Flowable]:
                values = _capped(ctx.values)
                filled = [[fill_fields(c, values) for c in row] for row in rows]
                return [text_table(filled, styles, FRAME_WIDTH, header=table.header)]

            return SlotItem(build)
        return text_table(rows, styles, FRAME_WIDTH, header=table.header)

    def subprocessor_items(self) -> list[Item]:
        subs = self.inp.subprocessors
        if not subs:
            return []
        t = self.texts
        rows = [list(t.subprocessor_columns)] + [
            [
                sp.name,
                f"{sp.purpose} ({sp.restriction.strip()})"
                if sp.restriction.strip()
                else sp.purpose,
                sp.location.strip() or "\u2013",
            ]
            for sp in subs
        ]
        table = text_table(
            rows,
            self.styles,
            FRAME_WIDTH,
            header=True,
            col_widths=[FRAME_WIDTH * 0.3, FRAME_WIDTH * 0.45, FRAME_WIDTH * 0.25],
            max_len=FIELD_VALUE_MAX,
        )
        return [para(t.subprocessors_heading, self.styles.body_heading), table]

    # -- the whole document --------------------------------------------------------------

    def sections(
        self,
        sections: tuple[td.Section, ...],
        outline_base: int,
        insert_after: str | None,
        sub_items: list[Item],
    ) -> list[Item]:
        items: list[Item] = []
        for sec in sections:
            title = f"{sec.number}\u00a0\u00a0{sec.title}" if sec.number else sec.title
            toc_level = sec.level if sec.level <= TOC_MAX_LEVEL else 99
            part: list[Item] = [
                self.heading(
                    title, self.styles.heading(sec.level), outline_base + sec.level - 1, toc_level
                )
            ]
            signed = any(isinstance(b, td.SignatureBlock) for b in sec.blocks)
            for b in sec.blocks:
                if (
                    isinstance(b, td.SignatureBlock)
                    and sub_items
                    and insert_after == "__before_signature__"
                ):
                    items.extend(sub_items)
                    sub_items = []
                part.extend(self.block(b, sec.number))
            if signed:
                # A signing section stays on one page with its heading and text where it fits.
                items.append(SlotItem(_keep_together(part)))
            else:
                items.extend(part)
            if sub_items and insert_after == sec.number:
                items.extend(sub_items)
                sub_items = []
        if sub_items and insert_after == "__end__":
            items.extend(sub_items)
        return items


def _subprocessor_anchor(inp: AgreementInput) -> tuple[int, str]:
    """Where the sub-processor list goes: (annex index or -1 for the main text, section/marker)."""
    terms = inp.terms
    if inp.subprocessor_section:
        for i, annex in enumerate(terms.annexes):
            if any(s.number == inp.subprocessor_section for s in annex.sections):
                return i, inp.subprocessor_section
        return -1, inp.subprocessor_section
    for i in range(len(terms.annexes) - 1, -1, -1):
        for sec in terms.annexes[i].sections:
            if "underleverandør" in sec.title.lower() or "sub-processor" in sec.title.lower():
                return i, sec.number
    if terms.annexes:
        last = terms.annexes[-1]
        has_sig = any(isinstance(b, td.SignatureBlock) for s in last.sections for b in s.blocks)
        return len(terms.annexes) - 1, "__before_signature__" if has_sig else "__end__"
    return -1, "__end__"


_tokens = itertools.count(1)


def build_terms_story(inp: AgreementInput, values: Mapping[str, str], styles: Styles) -> TermsStory:
    """Turn ``inp.terms`` into shared flowables and slots (uncached; see ``terms_story``).

    Every paragraph made here is *static*: drawn once, then replayed (see flowables.py).
    """
    collector = StaticCollector()
    with static_build(collector):
        story = _build_terms_story(inp, values, styles)
    for entry in story.headings:  # TOC lines draw the labels and page numbers in the TOC fonts
        for style in (styles.toc1, styles.toc2, styles.toc3):
            collector.add(style.fontName, entry.label.replace("\u00a0", " ") + "0123456789")
    story.priming = collector.priming()
    story.replay_token = next(_tokens)
    return story


def _build_terms_story(
    inp: AgreementInput, values: Mapping[str, str], styles: Styles
) -> TermsStory:
    terms = inp.terms
    b = _Builder(inp, values, styles)
    texts = inp.texts
    sub_items = b.subprocessor_items()
    sub_annex, sub_anchor = _subprocessor_anchor(inp)
    has_signature = any(
        isinstance(x, td.SignatureBlock) for s in terms.all_sections() for x in s.blocks
    ) or any(isinstance(x, td.SignatureBlock) for a in terms.annexes for x in a.blocks)

    front: list[Item] = []
    for blk in terms.front_matter:
        front.extend(b.block(blk, ""))

    body: list[Item] = []
    body.extend(
        b.sections(
            terms.sections,
            0,
            sub_anchor if sub_annex == -1 else None,
            sub_items if sub_annex == -1 else [],
        )
    )
    if not has_signature:
        body.append(b.heading(texts.signature_heading, styles.h1, 0, 1))
        body.extend(b.block(td.SignatureBlock(), ""))
    for i, annex in enumerate(terms.annexes):
        body.append(PageBreak())
        label = " \u2013 ".join(p for p in (annex.label.strip(), annex.title.strip()) if p)
        body.append(b.heading(label, styles.annex, 0, 0))
        b._outline_level = 0
        for blk in annex.blocks:
            body.extend(b.block(blk, annex.label))
        here = sub_items if sub_annex == i else []
        body.extend(b.sections(annex.sections, 1, sub_anchor if sub_annex == i else None, here))
        if not has_signature and i == len(terms.annexes) - 1:
            body.append(b.heading(texts.signature_heading, styles.h1, 1, 1))
            body.extend(b.block(td.SignatureBlock(), annex.label))
    return TermsStory(
        front=front, body=body, headings=b.headings, signature_sections=b.signature_sections
    )


def _keep_together(part: list[Item]) -> Slot:
    def build(ctx: RenderContext) -> list[Flowable]:
        content: list[Flowable] = []
        for item in part:
            content.extend(item.build(ctx) if isinstance(item, SlotItem) else [item])
        return [KeepTogether(content)]

    return build


def _capped(values: Mapping[str, str]) -> dict[str, str]:
    return {k: clean_text(v, FIELD_VALUE_MAX) for k, v in values.items()}


# --------------------------------------------------------------------------- signature block


def _signature_slot(block: td.SignatureBlock) -> Slot:
    def build(ctx: RenderContext) -> list[Flowable]:
        return signature_block(block, ctx)

    return build


SIGN_ROOM = 26 * mm
"""Free height between the date line and the signature line: room for a hand signature."""
WRITE_ROOM = 18.0
"""Height of a line to write on (place, date, name, role)."""


def signature_block(
    block: td.SignatureBlock, ctx: RenderContext, *, cap_scale: float = 1.0, with_code: bool = True
) -> list[Flowable]:
    """The analog signature block: each party its own column to fill in with a pen.

    Per party: the party label ("For kunden" / "For <supplier>") with its org number, its own
    ``Sted:`` and ``Dato:`` lines, ``SIGN_ROOM`` of free space, the signature line, and the
    printed name and role of the person expected to sign (lines to write them when unknown).
    Below: the document's QR code with its fingerprint in full (when issued). Nothing meant for
    the user (warnings) is printed here.
    """
    s = ctx.styles
    inp = ctx.inp
    t = ctx.texts
    values = _capped(ctx.values)
    gap = 22.0
    col = (FRAME_WIDTH - gap) / 2
    name_max = max(24, int(SIG_NAME_MAX * cap_scale))
    label_max = max(24, int(SIG_LABEL_MAX * cap_scale))

    def label(text: str) -> str:
        return clean_text(fill_fields(text, values), label_max)

    def line_caption(party: Party) -> Flowable:
        number = display_org_number(party.org_number)
        text = f"{t.signature_line_label}  ·  {t.org_number_label} {number}" if number else ""
        return shared_para(text or t.signature_line_label, s.sig_small)

    def who(info: SignatoryInfo | None) -> tuple[Flowable | str, Flowable | str]:
        if info is None:
            return shared_para(f"{t.name_label}:", s.sig_small), shared_para(
                f"{t.role_label}:", s.sig_small
            )
        role = info.role.strip() if info.role else ""
        return (
            shared_para(info.name, s.sig_name, name_max),
            shared_para(role, s.sig_small, name_max) if role else "",
        )

    c_name, c_role = who(inp.customer_signatory)
    s_name, s_role = who(inp.supplier_signatory)
    rows: list[list[Any]] = [
        [
            shared_para(label(block.customer_label), s.sig_label),
            "",
            shared_para(label(block.supplier_label), s.sig_label),
        ],
        [
            shared_para(label(block.place_label), s.sig_small),
            "",
            shared_para(label(block.place_label), s.sig_small),
        ],
        [
            shared_para(label(block.date_label), s.sig_small),
            "",
            shared_para(label(block.date_label), s.sig_small),
        ],
        ["", "", ""],
        [line_caption(inp.customer), "", line_caption(inp.supplier)],
        [c_name, "", s_name],
        [c_role, "", s_role],
    ]
    heights: list[float | None] = [None, WRITE_ROOM, WRITE_ROOM, SIGN_ROOM, None]
    heights += [
        WRITE_ROOM if inp.customer_signatory is None or inp.supplier_signatory is None else None
    ] * 2
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 1), (-1, 2), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (0, 1), (0, 2), 0.6, RULE),
        ("LINEBELOW", (2, 1), (2, 2), 0.6, RULE),
        ("LINEBELOW", (0, 3), (0, 3), 0.9, INK),
        ("LINEBELOW", (2, 3), (2, 3), 0.9, INK),
    ]
    for column, info in ((0, inp.customer_signatory), (2, inp.supplier_signatory)):
        if info is None:
            commands.append(("VALIGN", (column, 5), (column, 6), "BOTTOM"))
            commands.append(("LINEBELOW", (column, 5), (column, 6), 0.6, RULE))
    table = Table(
        rows,
        colWidths=[col, gap, col],
        rowHeights=heights,
        style=table_style(commands),
        hAlign="LEFT",
    )
    out: list[Flowable] = []
    if block.intro and block.intro.strip():
        out.append(para(fill_fields(block.intro, values), s.body, multiline=True))
    # The lines themselves never split across pages.
    content: list[Flowable] = [Spacer(0, 6), table]
    if inp.fingerprint and with_code:
        content += [Spacer(0, 8), fingerprint_box(ctx)]
    content.append(Spacer(0, 6))
    out.append(KeepIntact(content))
    return out


QR_SIZE = 26 * mm


def fingerprint_box(ctx: RenderContext) -> Flowable:
    """The QR code beside the full fingerprint, the document id, version and issue date."""
    s = ctx.styles
    inp = ctx.inp
    t = ctx.texts
    fp = clean_text(inp.fingerprint, 64)
    groups = " ".join(fp[i : i + 16] for i in range(0, len(fp), 16))
    ident = f"{t.document_id_label} {clean_text(inp.document_id, 20)}"
    if inp.document_version:
        ident += f", {t.version_label} {inp.document_version}"
    if inp.issue_date is not None:
        ident += f"  ·  {t.issue_date_label} {inp.issue_date.strftime('%d.%m.%Y')}"
    text = [
        shared_para(t.fingerprint_full_label, s.sig_label),
        shared_para(groups, s.sig_name),
        shared_para(ident, s.sig_small),
        shared_para(t.fingerprint_note, s.sig_small),
    ]
    return Table(
        [[QrCode(ctx.code_text, QR_SIZE), text]],
        colWidths=[QR_SIZE + 8, FRAME_WIDTH - QR_SIZE - 8],
        style=table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
        hAlign="LEFT",
    )


def signature_sections(inp: AgreementInput) -> list[tuple[str, td.SignatureBlock]]:
    """The terms' signature blocks in reading order, each with its section number (or annex
    label)."""
    terms = inp.terms
    out: list[tuple[str, td.SignatureBlock]] = [
        ("", b) for b in terms.front_matter if isinstance(b, td.SignatureBlock)
    ]
    for sec in terms.sections:
        out.extend((sec.number, b) for b in sec.blocks if isinstance(b, td.SignatureBlock))
    for annex in terms.annexes:
        out.extend((annex.label, b) for b in annex.blocks if isinstance(b, td.SignatureBlock))
        for sec in annex.sections:
            out.extend((sec.number, b) for b in sec.blocks if isinstance(b, td.SignatureBlock))
    return out


__all__ = [
    "Layout",
    "RenderContext",
    "SlotItem",
    "TermsStory",
    "build_terms_story",
    "clear_cache",
    "fingerprint_box",
    "signature_block",
    "signature_sections",
    "terms_story",
]
