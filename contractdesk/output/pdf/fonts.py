"""The embedded TrueType fonts (DejaVu Sans, shipped in ``resources/fonts/``), registered once.

Helvetica and the other PDF base fonts lack the Sami letters (ŋ ŧ đ č š ž); DejaVu Sans has
them and its licence allows embedding and redistribution (``resources/fonts/LICENSE-DejaVu.txt``).
ReportLab embeds a subset of each TTF used in a document.
"""

from __future__ import annotations

import threading
import zlib
from dataclasses import dataclass
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from contractdesk.resources import resource_path

FAMILY = "DejaVuSans"


@dataclass(frozen=True)
class FontSet:
    """Registered font names: use them in styles and canvas calls."""

    regular: str
    bold: str
    italic: str
    bold_italic: str


_FILES = {
    "regular": ("DejaVuSans", "DejaVuSans.ttf"),
    "bold": ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf"),
    "italic": ("DejaVuSans-Oblique", "DejaVuSans-Oblique.ttf"),
    "bold_italic": ("DejaVuSans-BoldOblique", "DejaVuSans-BoldOblique.ttf"),
}
_lock = threading.Lock()
_fonts: FontSet | None = None


class _FastTTFont(TTFont):
    """``TTFont`` with a fast path for text whose characters already have codes in subset 0.

    ReportLab maps every character of every drawn string to its subset code in a Python
    loop (``splitString``); for running Norwegian text nearly all characters are already
    assigned, so one ``str.translate`` does the same work. New characters take the normal
    path, which assigns them.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        # The embedded subset is a pure function of its code list; agreements of one version
        # mostly embed the same subsets (fonts are primed in a fixed order), so keep a few.
        make_subset = self.face.makeSubset
        cache: dict[tuple[int, ...], bytes] = {}

        def cached_make_subset(subset: list[int]) -> bytes:
            key = tuple(subset)
            data = cache.get(key)
            if data is None:
                if len(cache) >= 32:
                    cache.clear()
                data = cache[key] = make_subset(subset)
            return data

        self.face.makeSubset = cached_make_subset

        # ReportLab compresses the embedded subset in every document; compress each distinct
        # subset once and hand the stream its compressed bytes (PDFStream skips its filters
        # when the dictionary already names one).
        add_subset = self.face.addSubsetObjects
        stream_name = f"fontFile:{self.face.filename}(%s)"
        packed: dict[int, tuple[bytes, bytes]] = {}

        def add_subset_objects(doc: Any, fontname: str, subset: list[int]) -> Any:
            ref = add_subset(doc, fontname, subset)
            stream = doc.idToObject.get(stream_name % fontname)
            if (
                isinstance(stream, pdfdoc.PDFStream)
                and stream.filters == [pdfdoc.PDFZCompress]
                and "Filter" not in stream.dictionary.dict
                and isinstance(stream.content, bytes)
            ):
                raw = stream.content
                hit = packed.get(id(raw))
                if hit is None or hit[0] is not raw:
                    if len(packed) >= 32:
                        packed.clear()
                    hit = packed[id(raw)] = (raw, zlib.compress(raw))
                stream.content = hit[1]
                stream.dictionary["Filter"] = pdfdoc.PDFArray(
                    [pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)]
                )
            return ref

        self.face.addSubsetObjects = add_subset_objects

    def splitString(
        self, text: str | bytes, doc: object, encoding: str = "utf-8"
    ) -> list[tuple[int, bytes]]:
        state = self.state.get(doc) if isinstance(text, str) else None
        if state is not None and isinstance(text, str):
            assignments = state.assignments
            fast: tuple[int, dict[int, int], frozenset[int]] | None = getattr(
                state, "_cd_fast", None
            )
            if fast is None or fast[0] != len(assignments):
                table: dict[int, int] = {code: n for code, n in assignments.items() if 0 < n < 256}
                if 32 in table:
                    table[0xA0] = table[32]  # no-break space is drawn as a space, as ReportLab does
                fast = (len(assignments), table, frozenset(table))
                state._cd_fast = fast
            if fast[2].issuperset(map(ord, text)):
                return [(0, text.translate(fast[1]).encode("latin-1"))] if text else []
        result: list[tuple[int, bytes]] = super().splitString(text, doc, encoding)
        return result


def harden_reportlab() -> None:
    """Configure ReportLab for this app (once, process-wide).

    No remote or local resource may be fetched through markup: trust no host, no scheme.
    Streams are stored binary (no ASCII85 layer): smaller files, faster saves.
    """
    rl_config.trustedHosts = []
    rl_config.trustedSchemes = []
    rl_config.useA85 = 0


def register_fonts() -> FontSet:
    """Register the DejaVu Sans faces with ReportLab (once per process) and return their names."""
    global _fonts
    if _fonts is not None:
        return _fonts
    with _lock:
        if _fonts is None:
            harden_reportlab()
            registered = set(pdfmetrics.getRegisteredFontNames())
            for name, filename in _FILES.values():
                if name not in registered:
                    pdfmetrics.registerFont(
                        _FastTTFont(name, str(resource_path("fonts", filename)))
                    )
            names = {key: name for key, (name, _) in _FILES.items()}
            pdfmetrics.registerFontFamily(
                FAMILY,
                normal=names["regular"],
                bold=names["bold"],
                italic=names["italic"],
                boldItalic=names["bold_italic"],
            )
            _fonts = FontSet(**names)
    return _fonts


def missing_glyphs(text: str, font_name: str | None = None) -> list[str]:
    """Characters of ``text`` that the (regular) embedded font cannot draw."""
    fonts = register_fonts()
    font = pdfmetrics.getFont(font_name or fonts.regular)
    cmap = font.face.charToGlyph  # TTFont only
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in cmap})
