"""Page geometry, colours and paragraph styles of the agreement (built once per process)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from .fonts import register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 22 * mm
MARGIN_RIGHT = 22 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 24 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

INK = colors.HexColor("#1d1d1f")
ACCENT = colors.HexColor("#1f3a5f")
MUTED = colors.HexColor("#5b6470")
RULE = colors.HexColor("#9aa5b1")
TABLE_HEAD = colors.HexColor("#e6ebf1")
TABLE_ALT = colors.HexColor("#f6f8fa")
WARNING_INK = colors.HexColor("#9b1c1c")
WARNING_BG = colors.HexColor("#fdecea")


@dataclass(frozen=True)
class Styles:
    """The named paragraph styles used by the renderer."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    meta: ParagraphStyle
    h1: ParagraphStyle
    h1_free: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    annex: ParagraphStyle
    body: ParagraphStyle
    body_heading: ParagraphStyle
    bullet: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head_right: ParagraphStyle
    party_head: ParagraphStyle
    party: ParagraphStyle
    party_name: ParagraphStyle
    note: ParagraphStyle
    toc_heading: ParagraphStyle
    toc1: ParagraphStyle
    toc2: ParagraphStyle
    toc3: ParagraphStyle
    sig_label: ParagraphStyle
    sig_name: ParagraphStyle
    sig_small: ParagraphStyle
    warning: ParagraphStyle
    sheet_block: ParagraphStyle
    sheet_title: ParagraphStyle

    def heading(self, level: int) -> ParagraphStyle:
        """The heading style for a section level (1, 2, 3 and deeper)."""
        return self.h1 if level <= 1 else self.h2 if level == 2 else self.h3

    def toc(self, level: int) -> ParagraphStyle:
        """The table-of-contents style for a level (0 = annex, 1, 2, 3+)."""
        return self.toc1 if level <= 1 else self.toc2 if level == 2 else self.toc3


@cache
def get_styles() -> Styles:
    """Build the styles (and register the fonts) once per process."""
    f = register_fonts()
    base = ParagraphStyle(
        "cd-base",
        fontName=f.regular,
        bulletFontName=f.regular,
        fontSize=9.5,
        leading=13.2,
        textColor=INK,
        alignment=TA_LEFT,
        splitLongWords=1,
        allowWidows=0,
        allowOrphans=0,
    )

    def style(name: str, **kw: object) -> ParagraphStyle:
        parent = kw.pop("parent", base)
        return ParagraphStyle(f"cd-{name}", parent=parent, **kw)

    body = style("body", spaceAfter=5)
    cell = style("cell", fontSize=8.5, leading=11, allowWidows=1, allowOrphans=1)
    return Styles(
        title=style(
            "title", fontName=f.bold, fontSize=22, leading=27, textColor=ACCENT, spaceAfter=2
        ),
        subtitle=style("subtitle", fontSize=12, leading=16, textColor=INK, spaceAfter=4),
        meta=style("meta", fontSize=8.5, leading=11.5, textColor=MUTED),
        h1=style(
            "h1",
            fontName=f.bold,
            fontSize=12.5,
            leading=16,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=5,
            keepWithNext=1,
        ),
        h1_free=style(
            "h1-free",
            fontName=f.bold,
            fontSize=12.5,
            leading=16,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=5,
        ),
        h2=style(
            "h2",
            fontName=f.bold,
            fontSize=10.5,
            leading=14,
            textColor=ACCENT,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
        ),
        h3=style(
            "h3",
            fontName=f.bold_italic,
            fontSize=9.5,
            leading=13,
            textColor=ACCENT,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
        ),
        annex=style(
            "annex",
            fontName=f.bold,
            fontSize=16,
            leading=20,
            textColor=ACCENT,
            spaceBefore=0,
            spaceAfter=8,
            keepWithNext=1,
        ),
        body=body,
        body_heading=style(
            "body-heading", fontName=f.bold, spaceBefore=4, spaceAfter=3, keepWithNext=1
        ),
        bullet=style(
            "bullet", parent=body, leftIndent=16, bulletIndent=5, bulletFontSize=9.5, spaceAfter=2.5
        ),
        cell=cell,
        cell_head=style("cell-head", parent=cell, fontName=f.bold),
        cell_right=style("cell-right", parent=cell, alignment=TA_RIGHT),
        cell_head_right=style("cell-head-right", parent=cell, fontName=f.bold, alignment=TA_RIGHT),
        party_head=style(
            "party-head", fontName=f.bold, fontSize=8, leading=10, textColor=MUTED, spaceAfter=3
        ),
        party=style("party", fontSize=9.5, leading=12.5, allowWidows=1, allowOrphans=1),
        party_name=style("party-name", fontName=f.bold, fontSize=10.5, leading=13.5, spaceAfter=1),
        note=style("note", fontSize=8.5, leading=11.5, textColor=MUTED, spaceBefore=4),
        toc_heading=style(
            "toc-heading", fontName=f.bold, fontSize=16, leading=20, textColor=ACCENT, spaceAfter=10
        ),
        toc1=style("toc1", fontName=f.bold, fontSize=9.5, leading=12.5),
        toc2=style("toc2", fontSize=9, leading=12, leftIndent=14),
        toc3=style("toc3", fontSize=8.5, leading=11.5, leftIndent=30, textColor=MUTED),
        sig_label=style("sig-label", fontName=f.bold, fontSize=9, leading=12),
        sig_name=style("sig-name", fontSize=9, leading=12),
        sig_small=style("sig-small", fontSize=8, leading=10.5, textColor=MUTED),
        warning=style("warning", fontName=f.bold, fontSize=8.5, leading=11, textColor=WARNING_INK),
        sheet_title=style(
            "sheet-title", fontName=f.bold, fontSize=16, leading=19, textColor=ACCENT, spaceAfter=2
        ),
        sheet_block=style(
            "sheet-block",
            fontName=f.bold,
            fontSize=11,
            leading=14,
            textColor=ACCENT,
            spaceBefore=6,
            spaceAfter=4,
            keepWithNext=1,
        ),
    )


ALIGN_CENTER = TA_CENTER
