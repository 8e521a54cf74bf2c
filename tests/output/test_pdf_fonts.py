"""The shipped fonts: licence present, every Norwegian and Sami letter has a glyph, registered once."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTFont

from contractdesk.output.pdf import missing_glyphs, register_fonts
from contractdesk.output.pdf.fonts import _FastTTFont
from contractdesk.resources import resource_path

LETTERS = "æøåÆØÅ ŋŧđčšžŊŦĐČŠŽ áÁ €–—…«»§ • ⚠"


def test_font_files_ship_with_their_licence() -> None:
    folder = resource_path("fonts")
    for name in (
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique.ttf",
    ):
        assert (folder / name).stat().st_size > 100_000, name
    licence = (folder / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera" in licence and "Permission is hereby granted" in licence


def test_every_face_has_the_norwegian_and_sami_letters() -> None:
    fonts = register_fonts()
    for face in (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic):
        assert missing_glyphs(LETTERS, face) == [], face
    assert missing_glyphs("漢") == ["漢"]  # the check itself works (no CJK in DejaVu Sans)


def test_fonts_register_once_and_reportlab_trusts_no_url() -> None:
    assert register_fonts() is register_fonts()
    assert not rl_config.trustedHosts
    assert not rl_config.trustedSchemes


class _Doc:
    """Stands in for a PDF document (the font keeps its code assignments per document)."""


# Each example parses the 700 kB font twice (fresh subset state): 40 examples keep this test ~4 s.
@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(alphabet="abcæøåÆØÅŋŧđčšžŊŦĐČ .,–«»\u00a0!09XYZ漢😀", max_size=30), max_size=12
    )
)
def test_fast_subset_mapping_equals_reportlabs(texts: list[str]) -> None:
    path = str(resource_path("fonts", "DejaVuSans.ttf"))
    reference, fast = TTFont("ref", path), _FastTTFont("fast", path)
    doc_a, doc_b = _Doc(), _Doc()
    for i, text in enumerate(texts):
        doc = doc_a if i % 2 else doc_b
        assert fast.splitString(text, doc) == reference.splitString(text, doc)
