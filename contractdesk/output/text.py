"""Untrusted text made safe for output: control characters, length caps, markup escaping, fields.

Every value that reaches a PDF or an e-mail passes through :func:`clean_text` (and, for
ReportLab markup, :func:`escape_markup`): NFC normalisation, no control characters, no
bidirectional overrides, no lone surrogates, and an optional length cap that cuts with a
visible mark so a 10,000-character value never breaks a layout.

Fields such as ``{customer.name}`` in plain texts are filled by :func:`fill_fields`, which
looks names up in a flat mapping: it never evaluates attribute access or format specs
(unlike ``str.format``), so a user-edited template cannot reach into Python objects.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from xml.sax.saxutils import escape as _xml_escape

#: The mark appended where a value was cut to its maximum length.
TRUNCATION_MARK = "… [avkortet]"

# C0 and C1 controls except TAB/LF/CR (handled apart), DEL, bidirectional embeddings,
# overrides and isolates (a spoofing vector: "Trojan Source"), the BOM/zero-width no-break
# space, interlinear annotation marks and the non-characters U+FFFE/U+FFFF.
_DROP = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb\ufffe\uffff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_NEWLINES = re.compile("\r\n?|[\u2028\u2029\x85]")
_FIELD = re.compile(r"\{([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+)\}")


def clean_text(
    value: object,
    max_len: int | None = None,
    *,
    multiline: bool = False,
    mark: str = TRUNCATION_MARK,
) -> str:
    """Return ``value`` as printable text: safe to escape and place in a document.

    Args:
        value: any value; ``None`` becomes ``""``, other objects ``str(value)``.
        max_len: cut to this many characters (the mark included) when longer.
        multiline: keep line breaks (as ``\\n``); otherwise they become spaces.
        mark: appended where the text was cut.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    text = _SURROGATE.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text)
    text = _NEWLINES.sub("\n", text)
    text = text.replace("\t", " ")
    text = _DROP.sub("", text)
    if not multiline:
        text = text.replace("\n", " ")
    if max_len is not None and len(text) > max_len:
        keep = max(0, max_len - len(mark))
        text = text[:keep].rstrip() + mark
    return text


def escape_markup(text: str) -> str:
    """Escape ``&``, ``<``, ``>`` and quotes so ReportLab's paragraph parser shows text
    literally."""
    return _xml_escape(text, {'"': "&quot;", "'": "&#39;"})


def para_text(value: object, max_len: int | None = None, *, multiline: bool = False) -> str:
    """Clean and escape a value for a ReportLab ``Paragraph``; line breaks become ``<br/>``."""
    escaped = escape_markup(clean_text(value, max_len, multiline=multiline))
    return escaped.replace("\n", "<br/>") if multiline else escaped


def field_names(text: str) -> list[str]:
    """Names of the ``{a.b}`` fields in ``text``, in order of appearance."""
    return _FIELD.findall(text)


def fill_fields(text: str, values: Mapping[str, str], *, keep_unknown: bool = True) -> str:
    """Replace ``{name.part}`` fields by ``values[name.part]``.

    Unknown fields stay as written when ``keep_unknown`` (so a document shows what was not
    filled), else raise ``KeyError``. Values are inserted verbatim: clean/escape afterwards.
    """

    def repl(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in values:
            return values[name]
        if keep_unknown:
            return match.group(0)
        raise KeyError(name)

    return _FIELD.sub(repl, text)


def safe_filename_part(text: str, max_len: int = 80) -> str:
    """A piece of a file name: letters, digits, ``.``, ``-`` and ``_`` only (others become
    ``_``)."""
    cleaned = clean_text(text)
    out = re.sub(r"[^\w.\-]+", "_", cleaned, flags=re.UNICODE).strip("._")
    return out[:max_len] or "_"
