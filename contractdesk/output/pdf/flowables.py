"""ReportLab flowables for the agreement: memoised paragraphs, headings, TOC lines, tables.

Every text given to these helpers is untrusted plain text; they clean and escape it
(``contractdesk.output.text``) before it meets ReportLab's paragraph markup. Only the
literal markup written in this package (``<b>`` etc.) is ever parsed as markup.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ..text import para_text
from .styles import INK, MUTED, RULE, TABLE_ALT, TABLE_HEAD, Styles

_MEMO_LIMIT = 16
_REPLAY_LIMIT = 4


# --------------------------------------------------------------------------- replay
#
# The terms part of every agreement of a version draws the same flowables at the same
# places. A *static* flowable (built once per version, see story.py) records the PDF
# operators it appends to the page the first time it is drawn, and appends the same
# operators again in later documents instead of drawing. That is only valid when the
# operators are byte-identical, which needs the same font names (F1, F2 …) and the same
# glyph codes in every document: ``prime_fonts`` assigns them at the start of each
# document, in a fixed order, for every character the static flowables use. A recording
# is only kept if drawing assigned no new code (checked by a fingerprint of the fonts).


class StaticCollector:
    """Collects, while a version's story is built, the characters each font must draw."""

    def __init__(self) -> None:
        self.chars: dict[str, set[str]] = {}

    def add(self, font: str, text: str) -> None:
        if text:
            self.chars.setdefault(font, set()).update(text)

    def add_paragraph(self, p: Paragraph) -> None:
        for frag in p.frags:
            text = getattr(frag, "text", None)
            if text:
                self.add(frag.fontName, text)
        if p.bulletText:
            self.add(p.style.bulletFontName, str(p.bulletText))

    def priming(self) -> tuple[tuple[str, str], ...]:
        """``(font name, characters)`` in a fixed order: what ``prime_fonts`` assigns."""
        return tuple(sorted((font, "".join(sorted(chars))) for font, chars in self.chars.items()))


_collector: ContextVar[StaticCollector | None] = ContextVar(
    "contractdesk_static_collector", default=None
)


@contextmanager
def static_build(collector: StaticCollector) -> Iterator[StaticCollector]:
    """Within this block, new ``MemoParagraph``s are static: recorded once, replayed after."""
    token = _collector.set(collector)
    try:
        yield collector
    finally:
        _collector.reset(token)


def prime_fonts(canvas: Any, priming: tuple[tuple[str, str], ...], token: int) -> None:
    """Give the document fixed font names and glyph codes; enable replay with ``token``."""
    from reportlab.pdfbase import pdfmetrics

    doc = canvas._doc
    fonts = []
    for name, chars in priming:
        font = pdfmetrics.getFont(name)
        font.splitString(chars, doc)
        font.getSubsetInternalName(0, doc)
        fonts.append(font)

    def fingerprint() -> tuple[int, ...]:
        return (len(doc.fontMapping), *(len(f.state[doc].assignments) for f in fonts))

    canvas._cd_replay_token = token
    canvas._cd_fingerprint = fingerprint


#: Switch replay off (e.g. to check that replayed output equals drawn output).
REPLAY_ENABLED = True


def _replay_draw(
    flowable: Any, draw: Callable[[], None], canvas: Any, x: float, y: float, sw: float
) -> None:
    memo = flowable.__dict__.get("_replay")
    token = getattr(canvas, "_cd_replay_token", None)
    if memo is None or token is None or not REPLAY_ENABLED:
        draw()
        return
    key = (
        token,
        x,
        y,
        sw,
        canvas._fillColorObj,
        canvas._strokeColorObj,
        canvas._fontname,
        canvas._fontsize,
        canvas._leading,
    )
    ops = memo.get(key)
    if ops is not None:
        canvas._code.extend(ops)
        return
    code = canvas._code
    start = len(code)
    before = canvas._cd_fingerprint()
    draw()
    if canvas._cd_fingerprint() != before:
        flowable._replay = None  # it needed new glyph codes: never replay it
    elif len(memo) < _REPLAY_LIMIT:
        memo[key] = code[start:]


def make_static(flowable: Flowable) -> Flowable:
    """Mark a flowable (a ``MemoParagraph`` or ``TocLine``) as recorded and replayed."""
    flowable._replay = {}
    return flowable


class MemoParagraph(Paragraph):
    """A ``Paragraph`` that remembers its line breaking per width and its splits.

    One instance can then be laid out in many documents (the terms part of every customer's
    agreement) while its markup is parsed and its lines broken only once. ReportLab already
    re-lays out the same flowable instances in ``multiBuild``; this only skips repeated work.
    """

    blPara: Any  # ReportLab's attribute names, typed for the memo below
    _wrapWidths: list[float]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        collector = _collector.get()
        if collector is not None:
            self._replay: dict[Any, list[str]] | None = {}
            collector.add_paragraph(self)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        _replay_draw(self, lambda: Paragraph.drawOn(self, canvas, x, y, _sW), canvas, x, y, _sW)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        memo: dict[float, tuple[Any, list[float], float]] = self.__dict__.setdefault(
            "_wrap_memo", {}
        )
        hit = memo.get(availWidth)
        if hit is None:
            width, height = Paragraph.wrap(self, availWidth, availHeight)
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            memo[availWidth] = (self.blPara, self._wrapWidths, height)
            return width, height
        self.blPara, self._wrapWidths, self.height = hit
        self.width = availWidth
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        memo: dict[tuple[float, float], list[Flowable]] = self.__dict__.setdefault(
            "_split_memo", {}
        )
        key = (availWidth, availHeight)
        hit = memo.get(key)
        if hit is None:
            self.wrap(availWidth, availHeight)
            hit = Paragraph.split(self, availWidth, availHeight)
            if self.__dict__.get("_replay") is not None:
                for part in hit:  # the parts are memoised too, so they can be replayed
                    make_static(part)
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            memo[key] = hit
        return list(hit)


@dataclass(frozen=True)
class TocEntry:
    """A heading as listed in the table of contents and the PDF outline."""

    level: int
    label: str
    key: str


class Heading(MemoParagraph):
    """A section heading; the document records its page for the TOC and the outline."""

    toc: TocEntry | None = None


def para(
    text: object, style: ParagraphStyle, max_len: int | None = None, *, multiline: bool = False
) -> MemoParagraph:
    """A paragraph showing ``text`` literally (cleaned, capped, escaped)."""
    return MemoParagraph(para_text(text, max_len, multiline=multiline), style)


_SHARED_LIMIT = 512
_shared: OrderedDict[tuple[str, int, int | None, bool], tuple[ParagraphStyle, MemoParagraph]] = (
    OrderedDict()
)


def shared_para(
    text: object, style: ParagraphStyle, max_len: int | None = None, *, multiline: bool = False
) -> MemoParagraph:
    """`para`, the same instance for the same text and style (labels of the signature blocks,
    the parties, the fingerprint box): parsed and line-broken once for every block and document.

    Use it only for a paragraph placed in a table or a ``KeepIntact`` (never straight into a
    frame: ReportLab marks frame flowables while laying out). Rendering runs under the
    renderer's lock, so the instances are never laid out by two threads at once.
    """
    key = (str(text), id(style), max_len, multiline)
    hit = _shared.get(key)
    if hit is not None and hit[0] is style:
        _shared.move_to_end(key)
        return hit[1]
    made = para(text, style, max_len, multiline=multiline)
    _shared[key] = (style, made)  # the style is kept so its id is never reused meanwhile
    while len(_shared) > _SHARED_LIMIT:
        _shared.popitem(last=False)
    return made


def markup_para(markup: str, style: ParagraphStyle) -> MemoParagraph:
    """A paragraph from trusted markup built in this package (values already escaped)."""
    return MemoParagraph(markup, style)


class TocLine(Flowable):
    """One table-of-contents line: title (wrapping), dot leader, right-aligned page number."""

    PAGE_COLUMN = 30.0

    def __init__(
        self,
        title: MemoParagraph,
        page: str,
        style: ParagraphStyle,
        *,
        dots: bool = True,
        plain: str | None = None,
    ) -> None:
        super().__init__()
        self.title = title
        self.plain = plain
        self.page = page
        self.style = style
        self.dots = dots
        self._title_h = 0.0

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        _replay_draw(self, lambda: Flowable.drawOn(self, canvas, x, y, _sW), canvas, x, y, _sW)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        _, self._title_h = self.title.wrap(availWidth - self.PAGE_COLUMN - 6, availHeight)
        self.height = self._title_h + 1.5
        return availWidth, self.height

    def draw(self) -> None:
        canv = self.canv
        title = self.title
        y0 = self.height - self._title_h
        style = self.style
        bl = title.blPara
        lines = bl.lines
        n = len(lines)
        last = lines[-1]
        extra = last[0] if isinstance(last, tuple) else getattr(last, "extraSpace", 0.0)
        widths = title._wrapWidths
        line_w = widths[0] if n == 1 else widths[-1]
        indent = style.leftIndent + (style.firstLineIndent if n == 1 else 0)
        x_end = indent + line_w - extra
        baseline = y0 + title.height - style.fontSize - (n - 1) * style.leading
        x_page = self.width
        canv.saveState()
        canv.setFont(style.fontName, style.fontSize)
        canv.setFillColor(style.textColor)
        if n == 1 and self.plain is not None:
            canv.drawString(indent, baseline, self.plain)  # one line: skip the paragraph machinery
        else:
            title.drawOn(canv, 0, y0)
        canv.drawRightString(x_page, baseline, self.page)
        if self.dots:
            x1 = x_end + 4
            x2 = x_page - canv.stringWidth(self.page, style.fontName, style.fontSize) - 4
            if x2 - x1 > 6:
                canv.setStrokeColor(MUTED)
                canv.setLineWidth(0.7)
                canv.setLineCap(1)
                canv.setDash(0.01, 3)
                canv.line(x1, baseline + 1, x2, baseline + 1)
        canv.restoreState()


def table_style(commands: Sequence[tuple[Any, ...]]) -> TableStyle:
    """A table style whose default cell font is the embedded one (never Helvetica)."""
    from .fonts import register_fonts

    return TableStyle([("FONTNAME", (0, 0), (-1, -1), register_fonts().regular), *commands])


def column_widths(
    rows: Sequence[Sequence[str]], total: float, *, min_share: float = 0.12
) -> list[float]:
    """Column widths for a text table: by the longest (capped) text in each column."""
    ncols = max((len(r) for r in rows), default=1)
    weights = []
    for c in range(ncols):
        longest = max((len(r[c]) if c < len(r) else 0 for r in rows), default=0)
        weights.append(max(6, min(longest, 60)) ** 0.8)
    total_w = sum(weights)
    shares = [max(min_share, w / total_w) for w in weights]
    scale = sum(shares)
    return [total * s / scale for s in shares]


def text_table(
    rows: Sequence[Sequence[str]],
    styles: Styles,
    width: float,
    *,
    header: bool,
    col_widths: Sequence[float] | None = None,
    right_columns: Sequence[int] = (),
    max_len: int | None = None,
) -> Table:
    """A grid table of plain-text cells that wrap, may split between and inside rows."""
    ncols = max((len(r) for r in rows), default=1)
    widths = list(col_widths) if col_widths else column_widths(rows, width)
    data: list[list[Flowable]] = []
    for i, row in enumerate(rows):
        cells: list[Flowable] = []
        for c in range(ncols):
            text = row[c] if c < len(row) else ""
            head = header and i == 0
            right = c in right_columns
            if head:
                style = styles.cell_head_right if right else styles.cell_head
            else:
                style = styles.cell_right if right else styles.cell
            cells.append(para(text, style, max_len, multiline=True))
        data.append(cells)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
    ]
    first_body = 1 if header else 0
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), TABLE_HEAD))
    for r in range(first_body + 1, len(data), 2):
        commands.append(("BACKGROUND", (0, r), (-1, r), TABLE_ALT))
    return Table(
        data,
        colWidths=widths,
        style=table_style(commands),
        repeatRows=1 if header else 0,
        splitByRow=1,
        splitInRow=1,
        hAlign="LEFT",
        spaceBefore=3,
        spaceAfter=7,
    )


class KeepIntact(Flowable):
    """A short stack of flowables that is never split: it moves to the next page as a whole.

    Unlike ``KeepTogether`` it can sit inside a ``KeepTogether`` (ReportLab's cannot nest).
    Keep its content well under a page: it is drawn as one piece.
    """

    def __init__(self, content: Sequence[Flowable]) -> None:
        super().__init__()
        self.content = list(content)
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._sizes = [f.wrap(availWidth, availHeight) for f in self.content]
        self.width = availWidth
        self.height = sum(h for _, h in self._sizes)
        return self.width, self.height

    def draw(self) -> None:
        y = self.height
        for f, (_, h) in zip(self.content, self._sizes, strict=False):
            y -= h
            f.drawOn(self.canv, 0, y)
