"""The one-page signature sheet, and the real 2021 terms rendered end to end."""

from __future__ import annotations

import dataclasses

from contractdesk.output.pdf import render_agreement, render_signature_sheet
from contractdesk.output.pdf.sample import SAMPLE_SHA256, sample_input
from contractdesk.store.shipped_terms import shipped_version


def test_signature_sheet_is_one_page_with_parties_version_id_and_both_blocks(pdf_tools) -> None:
    inp = sample_input(warning="Ikke signaturberettiget ifølge Enhetsregisteret.")
    sheet = render_signature_sheet(inp)
    assert pdf_tools.page_count(sheet) == 1
    text = pdf_tools.normalise(pdf_tools.text(sheet))
    for expected in (
        "Signaturside",
        "Webmaster Heimen",
        "Org.nr. 971 049 669",
        "Sámi Duodji Ođđasit AS",
        "Org.nr. 912 345 674",
        "Vilkårsversjon 17.04.2021",
        f"SHA-256 {SAMPLE_SHA256}",
        "Dokument-ID AVT-2024-0001",
        "Avtalevilkår (pkt. 16)",
        "Vedlegg 1 \u2013 Databehandleravtale (pkt. 17.14)",
        "Side 1 av 1",
    ):
        assert expected in text, expected
    # Each party its own place and date, in both blocks; no internal warning on the paper.
    assert text.count("Sted:") == 4
    assert text.count("Dato:") == 4
    assert text.count("For kunden") == 2
    assert "Merk:" not in text and "Ikke signaturberettiget" not in text
    assert pdf_tools.info(sheet)["Title"].endswith("\u2013 Signaturside")
    assert all(f["emb"] == "yes" for f in pdf_tools.fonts(sheet))
    pdf_tools.qpdf_check(sheet)


def _shipped_input():
    version = shipped_version("2021-04-17")
    inp = sample_input(terms=version.document)
    return dataclasses.replace(
        inp,
        terms_label=version.label,
        terms_sha256=version.sha256,
        extra_fields=(
            ("supplier.website", "www.example.no"),
            ("supplier.venue", "Romsdal tingrett"),
        ),
    )


def test_the_shipped_2021_terms_render_as_a_complete_agreement(pdf_tools) -> None:
    inp = _shipped_input()
    pdf = render_agreement(inp)
    pages = pdf_tools.pages(pdf)
    n = len(pages)
    assert 12 <= n <= 30
    for i, page in enumerate(pages, start=1):
        assert f"Side {i} av {n}" in pdf_tools.normalise(page)
        assert inp.terms_sha256[:12] in page
    text = pdf_tools.normalise(pdf_tools.text(pdf))
    assert "1 Innhold" in text  # the contents heading as the 2021 text had it
    for expected in (
        "8.1.1 Hovedkontakt/Nøkkelkontakt",
        "17.9 Avviksmelding",
        "17.14 Signering",
        "Romsdal tingrett",
    ):
        assert expected in text, expected
    assert text.count("Sted:") == 4
    assert text.count("For Webmaster Heimen") >= 2
    assert "PowerOffice Regnskap og fakturering" in text
    pdf_tools.qpdf_check(pdf)
    sheet = render_signature_sheet(inp)
    assert pdf_tools.page_count(sheet) == 1
    assert "(pkt. 17.14)" in pdf_tools.normalise(pdf_tools.text(sheet))


def _line_rows(pdf: bytes, tmp_path, dpi: int = 150) -> list[tuple[int, bool]]:
    """Horizontal lines across the left signature column: (y in pixels, drawn in ink = dark)."""
    import subprocess

    from PIL import Image

    from contractdesk.output.pdf.styles import FRAME_WIDTH, MARGIN_LEFT

    src = tmp_path / "sheet.pdf"
    src.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-gray", "-png", "-r", str(dpi), str(src), str(tmp_path / "sheet")],
        check=True,
    )
    (png,) = list(tmp_path.glob("sheet*.png"))
    image = Image.open(png).convert("L")
    scale = dpi / 72
    left = int(MARGIN_LEFT * scale) + 4
    right = int((MARGIN_LEFT + (FRAME_WIDTH - 22) / 2) * scale) - 4
    pixels = image.load()
    rows: list[tuple[int, bool]] = []
    for y in range(image.height):
        values = [pixels[x, y] for x in range(left, right)]
        if sum(v < 215 for v in values) > 0.97 * len(values):
            dark = min(values) < 90
            if rows and y - rows[-1][0] <= 2:
                rows[-1] = (rows[-1][0], rows[-1][1] or dark)
            else:
                rows.append((y, dark))
    return rows


def test_the_sheet_leaves_at_least_25_mm_to_sign_for_each_party_in_each_block(
    pdf_tools, tmp_path
) -> None:
    dpi = 150
    sheet = render_signature_sheet(sample_input())
    rows = _line_rows(sheet, tmp_path, dpi)
    signature_lines = [i for i, (_, dark) in enumerate(rows) if dark]
    assert len(signature_lines) == 2  # one signature line per block (customer column)
    for i in signature_lines:
        above = rows[i - 1]
        assert not above[1]  # the date line, a grey rule
        room_mm = (rows[i][0] - above[0]) / dpi * 25.4
        print(f"\nsigning room above the signature line: {room_mm:.1f} mm")
        assert room_mm >= 25.0


def test_unknown_signatory_gets_lines_long_names_wrap_and_org_numbers_sit_by_the_lines(
    pdf_tools,
) -> None:
    legal = (
        "Stiftelsen Nordnorsk Kompetansesenter for Bærekraftig Havbruk, Fiskeri og "
        "Kystkultur i Vesterålen og Lofoten med Avdelinger i Troms og Finnmark"
    )
    inp = dataclasses.replace(
        sample_input(name=legal), customer_signatory=None, supplier_signatory=None
    )
    sheet = render_signature_sheet(inp)
    assert pdf_tools.page_count(sheet) == 1
    text = pdf_tools.normalise(pdf_tools.text(sheet))
    assert legal in text  # wrapped, never cut while the page has room
    assert "[avkortet]" not in text
    assert text.count("Navn:") == 4 and text.count("Rolle:") == 4  # lines to write on
    assert "Signatur · Org.nr. 912 345 674" in text and "Signatur · Org.nr. 971 049 669" in text
