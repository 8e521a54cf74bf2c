"""A generated privacy document (Art. 30 records, privacy statement) as a PDF.

Every value is cleaned and escaped (``para``/``text_table``); the only markup is the bullet
character written here. Fonts are the embedded DejaVu faces (``get_styles`` registers them).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from reportlab.platypus import (
    Flowable,
    ListFlowable,
    ListItem,
    SimpleDocTemplate,
    Spacer,
)

from contractdesk.domain.privacy.document import PrivacyDocument
from contractdesk.domain.terms.document import BulletList, Paragraph, Table

from ..text import clean_text
from .flowables import column_widths, para, text_table
from .styles import (
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MUTED,
    PAGE_WIDTH,
    get_styles,
)

__all__ = ["render_privacy_document"]


def _blocks(doc: PrivacyDocument) -> list[Flowable]:
    st = get_styles()
    story: list[Flowable] = [para(doc.title, st.title)]
    story += [para(line, st.meta) for line in doc.meta]
    story.append(Spacer(1, 10))
    for section in doc.sections:
        story.append(para(section.title, st.h1))
        for block in section.blocks:
            if isinstance(block, Paragraph):
                story.append(
                    para(block.text, st.body_heading if block.heading else st.body, multiline=True)
                )
            elif isinstance(block, BulletList):
                story.append(
                    ListFlowable(
                        [ListItem(para(item, st.bullet, multiline=True)) for item in block.items],
                        bulletType="bullet",
                        bulletFontName=st.body.fontName,
                        bulletFontSize=8,
                        leftIndent=12,
                    )
                )
            elif isinstance(block, Table):
                story += _tables(block)
    return story


_CHUNK = 40  # rows per table: ReportLab re-measures a whole table at each page split


def _tables(block: Table) -> list[Flowable]:
    """The table as tables of at most ``_CHUNK`` rows (header repeated), equal column widths."""
    st = get_styles()
    widths = column_widths(block.rows, FRAME_WIDTH, min_share=0.18)
    head = block.rows[:1] if block.header else ()
    body = block.rows[1:] if block.header else block.rows
    out: list[Flowable] = []
    for start in range(0, max(len(body), 1), _CHUNK):
        rows = (*head, *body[start : start + _CHUNK])
        out.append(text_table(rows, st, FRAME_WIDTH, header=block.header, col_widths=widths))
    return out


def render_privacy_document(doc: PrivacyDocument, *, reproducible: bool = False) -> bytes:
    """The document as PDF bytes (A4, embedded fonts, title and language in the metadata)."""
    out = io.BytesIO()
    meta: dict[str, Any] = {
        "title": clean_text(doc.title, 200),
        "author": clean_text(doc.meta[0] if doc.meta else "", 200),
        "subject": clean_text(" · ".join(doc.meta), 300),
        "lang": "nb-NO" if doc.language == "nb" else "en-GB",
    }
    template = SimpleDocTemplate(
        out,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        invariant=1 if reproducible else 0,
        creator="ContractDesk",
        initialFontName=get_styles().body.fontName,
        **meta,
    )
    if reproducible:
        template.creationDate = datetime(2000, 1, 1, tzinfo=UTC)
    footer = clean_text(" · ".join((doc.title, *doc.meta[:2])), 140)
    page_word = "Side" if doc.language == "nb" else "Page"

    def paint(canvas: Any, frame_doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(get_styles().meta.fontName, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN_LEFT, MARGIN_BOTTOM / 2, footer)
        canvas.drawRightString(
            PAGE_WIDTH - MARGIN_RIGHT, MARGIN_BOTTOM / 2, f"{page_word} {frame_doc.page}"
        )
        canvas.restoreState()

    template.build(_blocks(doc), onFirstPage=paint, onLaterPages=paint)
    return out.getvalue()
