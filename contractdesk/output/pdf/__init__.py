"""The agreement PDF: input types, the renderer, the signature sheet and batch rendering."""

from __future__ import annotations

from .agreement import RenderError, render_agreement, render_signature_sheet
from .fonts import missing_glyphs, register_fonts
from .formatting import display_org_number, format_money
from .model import AgreementInput, AgreementTexts, Party, ServiceLine, SignatoryInfo, SubProcessor
from .story import clear_cache

__all__ = [
    "AgreementInput",
    "AgreementTexts",
    "Party",
    "RenderError",
    "ServiceLine",
    "SignatoryInfo",
    "SubProcessor",
    "clear_cache",
    "display_org_number",
    "format_money",
    "missing_glyphs",
    "register_fonts",
    "render_agreement",
    "render_signature_sheet",
]
