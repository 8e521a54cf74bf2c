"""HTML output for the website (the privacy statement): every value escaped."""

from __future__ import annotations

from .report import render_privacy_html

__all__ = ["render_privacy_html"]
