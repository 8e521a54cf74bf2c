"""A generated privacy document as one HTML page (UTF-8, no scripts, every value escaped)."""

from __future__ import annotations

from html import escape

from contractdesk.domain.privacy.document import PrivacyDocument
from contractdesk.domain.terms.document import BulletList, Paragraph, Table

from ..text import clean_text

__all__ = ["render_privacy_html"]

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;"
    "line-height:1.5;color:#1d1d1f}h1{color:#1f3a5f}h2{color:#1f3a5f;margin-top:1.6em}"
    "table{border-collapse:collapse;width:100%}td,th{border:1px solid #9aa5b1;padding:.3em .5em;"
    "vertical-align:top;text-align:left}th{background:#e6ebf1}.meta{color:#5b6470}"
)


def _text(value: str) -> str:
    return escape(clean_text(value, multiline=True)).replace("\n", "<br>")


def _table(block: Table) -> str:
    rows = []
    for index, row in enumerate(block.rows):
        tag = "th" if block.header and index == 0 else "td"
        rows.append("<tr>" + "".join(f"<{tag}>{_text(c)}</{tag}>" for c in row) + "</tr>")
    return "<table>" + "".join(rows) + "</table>"


def render_privacy_html(doc: PrivacyDocument) -> str:
    """The document as one HTML page."""
    lang = "nb" if doc.language == "nb" else "en"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(doc.title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{_text(doc.title)}</h1>",
    ]
    parts += [f'<p class="meta">{_text(line)}</p>' for line in doc.meta]
    for section in doc.sections:
        parts.append(f"<h2>{_text(section.title)}</h2>")
        for block in section.blocks:
            if isinstance(block, Paragraph):
                tag = "h3" if block.heading else "p"
                parts.append(f"<{tag}>{_text(block.text)}</{tag}>")
            elif isinstance(block, BulletList):
                parts.append(
                    "<ul>" + "".join(f"<li>{_text(i)}</li>" for i in block.items) + "</ul>"
                )
            elif isinstance(block, Table):
                parts.append(_table(block))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
