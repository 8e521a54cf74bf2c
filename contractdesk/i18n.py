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


# -- stored messages: codes in the store, translated when shown ---------------------------------

_STORED_MARK = "\u2063msg:"  # an invisible separator and a tag: never typed by a user


def stored_message(*parts: tuple[str, str, tuple[object, ...]] | str) -> str:
    """A message to keep in the store: its English templates and values, not the translated text.

    Each part is ``(context, template, values)`` (a ``translate`` call to make when shown) or a
    literal string. ``render_stored`` turns it into text in the language in force then.
    """
    import json

    encoded: list[object] = []
    for part in parts:
        if isinstance(part, str):
            encoded.append(part)
        else:
            context, template, values = part
            encoded.append([context, template, [str(v) for v in values]])
    return _STORED_MARK + json.dumps(encoded, ensure_ascii=False)


def render_stored(stored: str | None) -> str | None:
    """The text of a stored message in the current language; other text (older rows) as it is."""
    if stored is None or not stored.startswith(_STORED_MARK):
        return stored
    import json

    try:
        parts = json.loads(stored[len(_STORED_MARK) :])
    except ValueError:
        return stored
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, list) and len(part) == 3:
            context, template, values = part
            out.append(fill(translate(str(context), str(template)), *values))
    return "".join(out)


def format_day(day: object) -> str:
    """A date inside a message, in the language in force: ``17.04.2021`` in Norwegian, ISO 8601
    (``2021-04-17``) in English and on the command line (its output is a scripting interface)."""
    strftime = getattr(day, "strftime", None)
    if strftime is None:
        return str(day)
    return str(strftime(translate("Dates", "%Y-%m-%d")))
