"""Translatable user-facing text for the Qt-free core.

Core code writes ``translate("Context", "English text")`` for every message a user may see
(errors, labels in documents). Qt's ``lupdate`` extracts these calls like ``tr()``; the GUI
installs ``QCoreApplication.translate`` as the translator at start-up, so the same message
reads in Norwegian in the app and in English in the CLI. Placeholders are ``%1``, ``%2``
(Qt style), filled with ``fill``.
"""

from __future__ import annotations

from collections.abc import Callable

Translator = Callable[[str, str], str]
_translator: Translator | None = None


def install_translator(fn: Translator | None) -> None:
    """Set the function used by ``translate`` (None: English source text)."""
    global _translator
    _translator = fn


def translate(context: str, text: str) -> str:
    """The translated ``text`` (or the English text when no translator is installed)."""
    if _translator is None:
        return text
    try:
        return _translator(context, text) or text
    except Exception:  # a translation must never turn an error into a crash
        return text


def fill(template: str, *values: object) -> str:
    """Replace ``%1``, ``%2``… with the values (highest number first, so %10 is safe)."""
    out = template
    for index in range(len(values), 0, -1):
        out = out.replace(f"%{index}", str(values[index - 1]))
    return out
