"""The one-page signature sheet, and the real 2021 terms rendered end to end."""

from __future__ import annotations

import dataclasses

from contractdesk.store.shipped_terms import shipped_version
from contractdesk.output.pdf import render_agreement, render_signature_sheet
from contractdesk.output.pdf.sample import SAMPLE_SHA256, sample_input


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
        "Vedlegg 1 – Databehandleravtale (pkt. 17.14)",
        "Side 1 av 1",
    ):
        assert expected in text, expected
    assert text.count("Sted:") == 2
    assert text.count("Dato:") == 2
    assert text.count("For kunden") == 2
    assert text.count("Merk: Ikke signaturberettiget ifølge Enhetsregisteret.") == 2
    assert pdf_tools.info(sheet)["Title"].endswith("– Signaturside")
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
    assert text.count("Sted:") == 2
    assert text.count("For Webmaster Heimen") >= 2
    assert "PowerOffice Regnskap og fakturering" in text
    pdf_tools.qpdf_check(pdf)
    sheet = render_signature_sheet(inp)
    assert pdf_tools.page_count(sheet) == 1
    assert "(pkt. 17.14)" in pdf_tools.normalise(pdf_tools.text(sheet))
