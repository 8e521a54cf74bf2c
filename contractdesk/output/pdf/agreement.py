"""Render a customer's agreement PDF and its one-page signature sheet (ReportLab platypus, A4).

The agreement: a first page naming both parties and the customer's services, a table of
contents, the terms' numbered sections, the DPA annex with the sub-processor list, and the
analog signature blocks. Every page carries a footer with the document id, the terms version
label, the first 12 hex digits of the version's SHA-256 and "Side x av y".

Speed: the terms part is laid out from a per-version cache (``story.py``). The table of
contents and the page count are taken from the previous agreement of the same version and
shape; the build checks them and runs again only when a page number moved, so a warm
agreement takes one pass.
"""

from __future__ import annotations

import calendar
import contextlib
import copy
import io
import re
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
)

from contractdesk.domain.fingerprint import short_fingerprint
from contractdesk.domain.terms.document import SignatureBlock
from contractdesk.errors import BugError

from ..text import clean_text, para_text
from .fields import field_values
from .flowables import (
    Heading,
    KeepIntact,
    TocLine,
    markup_para,
    para,
    prime_fonts,
    shared_para,
    table_style,
    text_table,
)
from .formatting import address_lines, display_org_number, format_money
from .model import AgreementInput, Party
from .qr import QrCode
from .story import (
    QR_SIZE,
    TOC_MAX_LEVEL,
    Layout,
    RenderContext,
    TermsStory,
    signature_block,
    signature_sections,
    terms_story,
)
from .styles import (
    FRAME_HEIGHT,
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_TOP,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    Styles,
    get_styles,
)

MAX_PASSES = 6
NAME_MAX = 300
LINE_MAX = 200
CELL_MAX = 400
ID_MAX = 80

# One build at a time per process: the cached terms flowables are shared between builds.
_render_lock = threading.RLock()


class RenderError(BugError, RuntimeError):
    """The agreement could not be laid out (a bug: every input should render)."""


# --------------------------------------------------------------------------- page chrome


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with "…" so that it fits ``width`` points in the given font."""
    if stringWidth(text, font, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if stringWidth(text[:mid] + "…", font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


class _Chrome:
    """Header and footer painter; knows the expected page count of the current pass."""

    def __init__(
        self, inp: AgreementInput, styles: Styles, total_pages: int | None, *, header: bool
    ) -> None:
        t = inp.texts
        self.styles = styles
        self.total = total_pages
        self.page_label = t.page_label
        self.header = header
        doc_id = clean_text(inp.document_id, ID_MAX)
        label = clean_text(inp.terms_label, ID_MAX)
        if inp.fingerprint:
            if inp.document_version > 1:
                doc_id += f" {t.version_label} {inp.document_version}"
            mark = f"{t.fingerprint_label} {short_fingerprint(clean_text(inp.fingerprint, 64))}"
        else:
            mark = f"{t.sha_label} {clean_text(inp.terms_sha256, 64)[:12]}"
        self.footer_left = (
            f"{t.document_id_label}: {doc_id}  ·  {t.terms_version_label} {label}  ·  {mark}"
        )
        self.initials = f"{t.initials_label}:" if inp.initials else ""
        self.header_left = (
            f"{clean_text(inp.supplier.name, 120)}  \u2013  {clean_text(inp.customer.name, 120)}"
        )
        self.header_right = f"{clean_text(inp.terms.title, 80)} {label}".strip()
        self.pages_seen = 0
        self._constant_ops: dict[bool, list[str]] = {}

    def first(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        self._paint(canv, doc, header=False)

    def later(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        self._paint(canv, doc, header=self.header)

    def _label(self, page: int | str) -> str:
        total = str(self.total) if self.total else "?"
        return clean_text(
            self.page_label.replace("{page}", str(page)).replace("{pages}", total), 60
        )

    def _paint(self, canv: Canvas, doc: BaseDocTemplate, *, header: bool) -> None:
        page = canv.getPageNumber()
        self.pages_seen = max(self.pages_seen, page)
        f = self.styles.meta.fontName
        size = 7.5
        y_footer = MARGIN_BOTTOM - 12 * mm
        # Everything but the page number is the same on every page of the document: draw it
        # once, then append the same operators (the glyph codes are fixed within a document).
        ops = self._constant_ops.get(header)
        if ops is not None:
            canv._code.extend(ops)
        else:
            start = len(canv._code)
            canv.saveState()
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.5)
            canv.setFillColor(MUTED)
            canv.setFont(f, size)
            canv.line(MARGIN_LEFT, y_footer + 9, PAGE_WIDTH - MARGIN_LEFT, y_footer + 9)
            widest = self._label(self.total or 999)
            room = FRAME_WIDTH - canv.stringWidth(widest, f, size) - 12
            if self.initials:
                box = 22 * mm
                x_box = PAGE_WIDTH - MARGIN_LEFT - box
                canv.drawRightString(x_box - 4, y_footer - 11, self.initials)
                canv.rect(x_box, y_footer - 15, box, 11, stroke=1, fill=0)
            canv.drawString(MARGIN_LEFT, y_footer, fit_text(self.footer_left, f, size, room))
            if header:
                y_header = PAGE_HEIGHT - MARGIN_TOP + 7 * mm
                canv.line(MARGIN_LEFT, y_header - 4, PAGE_WIDTH - MARGIN_LEFT, y_header - 4)
                right_h = fit_text(self.header_right, f, size, FRAME_WIDTH * 0.4)
                canv.drawRightString(PAGE_WIDTH - MARGIN_LEFT, y_header, right_h)
                room = FRAME_WIDTH - canv.stringWidth(right_h, f, size) - 12
                canv.drawString(MARGIN_LEFT, y_header, fit_text(self.header_left, f, size, room))
            canv.restoreState()
            self._constant_ops[header] = canv._code[start:]
        canv.saveState()
        canv.setFillColor(MUTED)
        canv.setFont(f, size)
        canv.drawRightString(PAGE_WIDTH - MARGIN_LEFT, y_footer, self._label(page))
        canv.restoreState()


class _Frame(Frame):
    """A frame whose deep copy is shallow.

    ``KeepTogether`` deep-copies the current frame every time it measures its content
    (to simulate generated content); only attributes of the copy are ever changed, so a
    shallow copy is equivalent and much cheaper (headings keep with their next block).
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> _Frame:
        return copy.copy(self)


class _Doc(BaseDocTemplate):
    """A4 document recording where headings land (TOC rows, PDF outline)."""

    def __init__(
        self,
        buf: io.BytesIO,
        chrome: _Chrome,
        meta: dict[str, Any],
        *,
        reproducible: bool,
        story: TermsStory | None = None,
        issue_date: date | None = None,
    ) -> None:
        super().__init__(
            buf,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            leftMargin=MARGIN_LEFT,
            rightMargin=MARGIN_LEFT,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            invariant=1 if reproducible else 0,
            creator="ContractDesk",
            initialFontName=get_styles().body.fontName,
            **meta,
        )
        frame = _Frame(
            MARGIN_LEFT,
            MARGIN_BOTTOM,
            FRAME_WIDTH,
            FRAME_HEIGHT,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate("first", [frame], onPage=chrome.first, autoNextPageTemplate="later"),
                PageTemplate("later", [frame], onPage=chrome.later),
            ]
        )
        self.chrome = chrome
        self.story = story
        self.issue_date = issue_date if reproducible else None
        self.toc_rows: list[tuple[int, str, int]] = []

    def beforeDocument(self) -> None:
        if self.issue_date is not None:
            # Reproducible with the issue date as creation (and modification) date.
            stamp = TimeStamp(invariant=1)
            moment = datetime(self.issue_date.year, self.issue_date.month, self.issue_date.day)
            stamp.t = calendar.timegm(moment.timetuple())
            stamp.lt = moment.timetuple()
            stamp.YMDhms = tuple(stamp.lt)[:6]
            self.canv._doc._timeStamp = stamp
        if self.story is not None and self.story.priming:
            prime_fonts(self.canv, self.story.priming, self.story.replay_token)

    def afterFlowable(self, flowable: Flowable) -> None:
        entry = getattr(flowable, "toc", None)
        if entry is None:
            return
        page = self.canv.getPageNumber()
        toc_level = getattr(flowable, "toc_level", 1)
        if toc_level <= TOC_MAX_LEVEL:
            self.toc_rows.append((toc_level, entry.label, page))
        self.canv.bookmarkPage(entry.key)
        self.canv.addOutlineEntry(
            entry.label, entry.key, level=entry.level, closed=entry.level >= 1
        )


def _build(doc: _Doc, story: list[Flowable]) -> None:
    """``doc.build`` that undoes ReportLab's edits on shared flowables afterwards.

    Platypus marks flowables while laying out (``keepWithNext`` grouping, ``_postponed``)
    and records the undo steps in ``_multiBuildEdits`` for ``multiBuild``; the cached
    terms flowables are shared between documents, so the marks are undone after every build.
    """
    edits: list[tuple[Any, ...]] = []
    doc._multiBuildEdits = edits.append
    try:
        doc.build(story)
    finally:
        for edit in reversed(edits):
            with contextlib.suppress(AttributeError):
                edit[0](*edit[1:])
        del doc._multiBuildEdits


def _meta(inp: AgreementInput, title_suffix: str = "") -> dict[str, Any]:
    t = inp.texts
    label = clean_text(inp.terms_label, ID_MAX)
    customer = clean_text(inp.customer.name, 160)
    title = f"{clean_text(inp.terms.title, 120)} {label} \u2013 {customer}{title_suffix}"
    subject = t.pdf_subject.replace("{label}", label)
    return {
        "title": clean_text(title, 300),
        "author": clean_text(inp.supplier.name, 200),
        "subject": clean_text(subject, 300),
        "keywords": [
            clean_text(inp.document_id, ID_MAX),
            clean_text(display_org_number(inp.customer.org_number), 40),
        ],
        "lang": re.sub(r"[^A-Za-z-]", "", t.locale.replace("_", "-"))[:12] or "nb-NO",
    }


# --------------------------------------------------------------------------- first page


def _party_cell(party: Party, heading: str, ctx: RenderContext) -> list[Flowable]:
    s = ctx.styles
    t = ctx.texts
    out: list[Flowable] = [
        shared_para(heading.upper(), s.party_head),
        shared_para(party.name, s.party_name, NAME_MAX),
    ]
    org = display_org_number(party.org_number)
    if org:
        out.append(markup_para(f"{para_text(t.org_number_label)} {para_text(org, 60)}", s.party))
    for line in address_lines(party)[:8]:
        out.append(shared_para(line, s.party, LINE_MAX))
    contact: list[str] = []
    if party.email.strip():
        contact.append(f"{para_text(t.email_label)}: {para_text(party.email, LINE_MAX)}")
    if party.phone.strip():
        contact.append(f"{para_text(t.phone_label)}: {para_text(party.phone, 80)}")
    if contact:
        out.append(Spacer(0, 3))
        out.extend(markup_para(c, s.party) for c in contact)
    return out


def _front_page(ctx: RenderContext) -> list[Flowable]:
    s = ctx.styles
    t = ctx.texts
    inp = ctx.inp
    supplier = clean_text(inp.supplier.name, NAME_MAX)
    customer = clean_text(inp.customer.name, NAME_MAX)
    sub = _fill_template(t.subtitle, {"supplier": supplier, "customer": customer})
    meta = "  ·  ".join(_identity(inp))
    gap = 14.0
    col = (FRAME_WIDTH - gap) / 2
    parties = Table(
        [
            [
                _party_cell(inp.supplier, t.supplier_heading, ctx),
                "",
                _party_cell(inp.customer, t.customer_heading, ctx),
            ]
        ],
        colWidths=[col, gap, col],
        style=table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (0, 0), 0.6, RULE),
                ("BOX", (2, 0), (2, 0), 0.6, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        ),
        hAlign="LEFT",
        splitInRow=1,
    )
    out: list[Flowable] = [
        para(inp.terms.title, s.title, NAME_MAX),
        markup_para(sub, s.subtitle),
        markup_para(meta, s.meta),
        Spacer(0, 14),
        parties,
        Spacer(0, 16),
        # Not kept with the table: a long table starts on this page and goes on on the next.
        para(t.services_heading, s.h1_free),
    ]
    out.extend(_services(ctx))
    out.append(Spacer(0, 10))
    return out


def _identity(inp: AgreementInput) -> list[str]:
    """Markup pieces naming the document: terms version, document id and version, issue date,
    fingerprint (issued) or the terms' hash (not issued)."""
    t = inp.texts
    doc = f"{para_text(t.document_id_label)} {para_text(inp.document_id, ID_MAX)}"
    if inp.fingerprint and inp.document_version:
        doc += f", {para_text(t.version_label)} {inp.document_version}"
    out = [
        f"{para_text(t.terms_version_label)} <b>{para_text(inp.terms_label, ID_MAX)}</b>",
        doc,
    ]
    if inp.issue_date is not None:
        out.append(f"{para_text(t.issue_date_label)} <b>{inp.issue_date.strftime('%d.%m.%Y')}</b>")
    if inp.fingerprint:
        short = short_fingerprint(clean_text(inp.fingerprint, 64))
        out.append(f"{para_text(t.fingerprint_label)} {para_text(short)}")
    else:
        out.append(f"{para_text(t.sha_label)} {para_text(inp.terms_sha256[:12], 12)}")
    return out


def _fill_template(template: str, values: dict[str, str]) -> str:
    """Escape a label template and its ``{name}`` values separately; values are set in bold."""
    out: list[str] = []
    rest = clean_text(template, 400)
    for piece in re.split(r"(\{[a-z]+\})", rest):
        name = piece[1:-1] if piece.startswith("{") and piece.endswith("}") else None
        if name is not None and name in values:
            out.append(f"<b>{para_text(values[name])}</b>")
        else:
            out.append(para_text(piece))
    return "".join(out)


def _services(ctx: RenderContext) -> list[Flowable]:
    s = ctx.styles
    t = ctx.texts
    inp = ctx.inp
    if not inp.services:
        return [para(t.no_services, s.body)]
    loc = t.locale
    rows = [list(t.service_columns)]
    for line in inp.services:
        free = line.price == 0
        rows.append(
            [
                line.name,
                line.start,
                format_money(line.price, loc),
                line.invoice_period,
                line.binding,
                "\u2013" if free else format_money(line.invoice_fee, loc),
            ]
        )
    w = FRAME_WIDTH
    table = text_table(
        rows,
        s,
        w,
        header=True,
        col_widths=[w * 0.21, w * 0.13, w * 0.16, w * 0.19, w * 0.14, w * 0.17],
        right_columns=(2, 5),
        max_len=CELL_MAX,
    )
    return [_Continued(table, para(t.services_continued, s.h1_free)), para(t.prices_note, s.note)]


class _Continued(Flowable):
    """A table that, when split over pages, starts each later part with a "continued" heading."""

    def __init__(self, table: Table, caption: Flowable) -> None:
        super().__init__()
        self.table = table
        self.caption = caption

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self.table.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = list(self.table.split(availWidth, availHeight))
        if len(parts) < 2:
            return parts
        first, *rest = parts
        out: list[Flowable] = [first]
        for part in rest:
            out += [self.caption, part]
        return out

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self.table.drawOn(canvas, x, y, _sW)

    def getSpaceBefore(self) -> float:
        return float(self.table.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.table.getSpaceAfter())


# --------------------------------------------------------------------------- table of contents


def _toc(ctx: RenderContext, story: TermsStory, layout: Layout | None) -> list[Flowable]:
    s = ctx.styles
    heading = dict(ctx.inp.terms.meta).get("contents_heading") or ctx.texts.toc_heading
    out: list[Flowable] = [para(heading, s.toc_heading, 200)]
    rows = layout.toc if layout is not None else _placeholder_rows(story)
    for level, label, page in rows:
        if level == 0 or level == 1:
            out.append(Spacer(0, 5 if level == 1 else 10))
        if layout is None:
            out.append(
                TocLine(
                    story.toc_title(level, label, s),
                    str(page),
                    s.toc(level),
                    dots=level >= 1,
                    plain=label,
                )
            )
        else:
            out.append(story.toc_line(level, label, page, s))
    return out


def _placeholder_rows(story: TermsStory) -> tuple[tuple[int, str, int], ...]:
    """TOC rows before any page is known (first pass of a new version): page 0 everywhere."""
    rows = []
    for item in story.body:
        level = getattr(item, "toc_level", 1)
        if isinstance(item, Heading) and item.toc is not None and level <= TOC_MAX_LEVEL:
            rows.append((level, item.toc.label, 0))
    return tuple(rows)


# --------------------------------------------------------------------------- public API


def _layout_key(inp: AgreementInput) -> tuple[Any, ...]:
    cs = inp.customer_signatory
    return (
        len(inp.services),
        cs is None,
        inp.supplier_signatory is None,
        bool(inp.fingerprint),
        inp.issue_date is None,
        inp.initials,
    )


def render_agreement(inp: AgreementInput, *, reproducible: bool = False) -> bytes:
    """Render the customer's full agreement as PDF bytes.

    Args:
        inp: everything the agreement shows (untrusted text is escaped and capped).
        reproducible: fixed timestamps and file id, so equal inputs give equal bytes.

    Raises:
        RenderError: the table of contents did not settle (should not happen).
    """
    styles = get_styles()
    values = field_values(inp)
    ctx = RenderContext(inp, values, styles)
    with _render_lock:
        story = terms_story(inp, values)
        key = _layout_key(inp)
        layout = story.layouts.get(key)
        for _ in range(MAX_PASSES):
            pdf, actual = _render_once(ctx, story, layout, reproducible)
            if layout is not None and actual.toc == layout.toc and actual.pages == layout.pages:
                story.layouts[key] = actual
                return pdf
            layout = actual
    raise RenderError(f"table of contents did not settle for {inp.document_id!r}")


def _render_once(
    ctx: RenderContext, story: TermsStory, layout: Layout | None, reproducible: bool
) -> tuple[bytes, Layout]:
    inp = ctx.inp
    buf = io.BytesIO()
    chrome = _Chrome(inp, ctx.styles, layout.pages if layout else None, header=True)
    doc = _Doc(
        buf, chrome, _meta(inp), reproducible=reproducible, story=story, issue_date=inp.issue_date
    )
    ctx.page_total[0] = layout.pages if layout is not None else 0
    flow: list[Flowable] = _front_page(ctx)
    flow.extend(story.expand(story.front, ctx))
    flow.append(PageBreak())
    flow.extend(_toc(ctx, story, layout))
    flow.append(PageBreak())
    flow.extend(story.expand(story.body, ctx))
    _build(doc, flow)
    return buf.getvalue(), Layout(tuple(doc.toc_rows), chrome.pages_seen)


def render_signature_sheet(inp: AgreementInput, *, reproducible: bool = False) -> bytes:
    """Render the one-page signature sheet: parties, version, document id, the signature blocks.

    For a customer who already has the full text: the sheet names the terms version (label
    and SHA-256) the signatures apply to, the issue date, and (issued) the document's QR code
    and fingerprint. Names are wrapped, and cut only when the sheet would not fit one page.
    """
    styles = get_styles()
    values = field_values(inp)
    ctx = RenderContext(inp, values, styles, kind="sheet", page_total=[1])
    with _render_lock:
        # Long values are cut harder until the sheet fits one page.
        for scale in SHEET_CAP_SCALES:
            pdf, pages = _render_sheet_once(ctx, scale, reproducible)
            if pages <= 1:
                return pdf
    return pdf


SHEET_CAP_SCALES = (1.0, 0.5, 0.25, 0.12)


def _render_sheet_once(ctx: RenderContext, scale: float, reproducible: bool) -> tuple[bytes, int]:
    inp = ctx.inp
    s = ctx.styles
    t = inp.texts

    def cap(n: int) -> int:
        return max(24, int(n * scale))

    buf = io.BytesIO()
    chrome = _Chrome(inp, s, 1, header=False)
    doc = _Doc(
        buf,
        chrome,
        _meta(inp, f" \u2013 {clean_text(t.signature_sheet_title, 60)}"),
        reproducible=reproducible,
        issue_date=inp.issue_date,
    )
    # No subtitle: the parties' box below names both (room for long names).
    heading: list[Flowable] = [
        para(t.signature_sheet_title, s.sheet_title, 80),
        markup_para("  ·  ".join(_identity(inp)), s.meta),
        markup_para(f"{para_text(t.sha_label)} {para_text(inp.terms_sha256, 64)}", s.meta),
    ]
    if inp.fingerprint:
        fp = clean_text(inp.fingerprint, 64)
        groups = " ".join(fp[i : i + 16] for i in range(0, len(fp), 16))
        heading.append(para(f"{t.fingerprint_full_label}: {groups}", s.meta))
    flow: list[Flowable] = [_sheet_heading(ctx, heading)]
    flow += [
        Spacer(0, 6),
        _sheet_parties(ctx, cap),
        para(t.signature_sheet_intro, s.note, 600),
    ]
    blocks = signature_sections(inp)
    if not blocks:
        blocks = [("", SignatureBlock())] + [
            (a.label, SignatureBlock()) for a in inp.terms.annexes[-1:]
        ]
    for number, block in blocks[:2]:
        content: list[Flowable] = [para(_sheet_block_heading(inp, number), s.sheet_block, cap(200))]
        content.extend(
            signature_block(replace(block, intro=""), ctx, cap_scale=scale, with_code=False)
        )
        flow.append(KeepTogether(content))
    _build(doc, flow)
    return buf.getvalue(), chrome.pages_seen


def _sheet_heading(ctx: RenderContext, heading: list[Flowable]) -> Flowable:
    """The sheet's title and identity, with the QR code on the right when issued."""
    if not ctx.inp.fingerprint:
        return KeepIntact(heading)
    return Table(
        [[heading, QrCode(ctx.code_text, QR_SIZE)]],
        colWidths=[FRAME_WIDTH - QR_SIZE - 6, QR_SIZE + 6],
        style=table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
        hAlign="LEFT",
    )


def _sheet_block_heading(inp: AgreementInput, number: str) -> str:
    t = inp.texts
    terms = inp.terms
    for annex in terms.annexes:
        if number == annex.label or any(sec.number == number for sec in annex.sections):
            title = annex.title or t.dpa_block_heading
            return (
                f"{annex.label} \u2013 {title} (pkt. {number})"
                if number != annex.label
                else f"{annex.label} \u2013 {title}"
            )
    return f"{t.agreement_block_heading} (pkt. {number})" if number else t.agreement_block_heading


def _sheet_parties(ctx: RenderContext, cap: Callable[[int], int]) -> Flowable:
    inp = ctx.inp
    s = ctx.styles
    t = ctx.texts

    def cell(party: Party, heading: str) -> list[Flowable]:
        out: list[Flowable] = [
            para(heading.upper(), s.party_head),
            para(party.name, s.party_name, cap(NAME_MAX)),
        ]
        org = display_org_number(party.org_number)
        if org:
            out.append(
                markup_para(f"{para_text(t.org_number_label)} {para_text(org, 60)}", s.party)
            )
        lines = address_lines(party)
        if lines:
            out.append(para(", ".join(lines), s.party, cap(120)))
        return out

    gap = 14.0
    col = (FRAME_WIDTH - gap) / 2
    return Table(
        [[cell(inp.supplier, t.supplier_heading), "", cell(inp.customer, t.customer_heading)]],
        colWidths=[col, gap, col],
        style=table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (0, 0), 0.6, RULE),
                ("BOX", (2, 0), (2, 0), 0.6, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        ),
        hAlign="LEFT",
    )
