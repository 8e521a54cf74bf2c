"""The agreement PDF: first page, contents, terms, DPA annex, signature blocks, footer, checks."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest

from contractdesk.domain.terms.document import (
    Annex,
    Paragraph,
    Section,
    SignatureBlock,
    TermsDocument,
)
from contractdesk.output.pdf import (
    AgreementInput,
    ServiceLine,
    clear_cache,
    display_org_number,
    format_money,
    render_agreement,
)
from contractdesk.output.pdf.sample import SAMPLE_SHA256, sample_input

WARNING = "Áilu Ŋuolja Đuđi er ikke signaturberettiget for kunden ifølge Enhetsregisteret."


@pytest.fixture(scope="module")
def agreement() -> tuple[AgreementInput, bytes]:
    inp = sample_input(warning=WARNING)
    return inp, render_agreement(inp)


def test_first_page_names_both_parties_and_lists_the_services(agreement, pdf_tools) -> None:
    _, pdf = agreement
    first = pdf_tools.normalise(pdf_tools.pages(pdf)[0])
    for expected in (
        "Avtalevilkår",
        "Avtale mellom Webmaster Heimen og Sámi Duodji Ođđasit AS",
        "Webmaster Heimen",
        "Org.nr. 971 049 669",
        "Uranusvegen 5",
        "6419 MOLDE",
        "Sámi Duodji Ođđasit AS",
        "Org.nr. 912 345 674",
        "Čohkkiid gáddi 12",
        "9520 GUOVDAGEAIDNU",
        "CRM-lisens, 5 brukere",
        "kr 12 000,00",
        "Halvårlig",
        "12 måneder",
        "kr 12,00",
        "kr 0,45",
        "Oppsett og opplæring",
        "kr 4 500,00",
        "kr 45,00",
        "Pris eks. mva.",
        "Fakturaperiode",
        "Binding",
        "Fakturagebyr",
    ):
        assert expected in first, expected


def test_every_page_has_the_footer_with_id_version_hash_and_page_x_of_y(
    agreement, pdf_tools
) -> None:
    _, pdf = agreement
    pages = pdf_tools.pages(pdf)
    n = pdf_tools.page_count(pdf)
    assert len(pages) == n
    assert 10 <= n <= 30
    for i, text in enumerate(pages, start=1):
        flat = pdf_tools.normalise(text)
        assert "Dokument-ID: AVT-2024-0001" in flat, i
        assert "Vilkårsversjon 17.04.2021" in flat, i
        assert f"SHA-256 {SAMPLE_SHA256[:12]}" in flat, i
        assert f"Side {i} av {n}" in flat, i
        assert SAMPLE_SHA256[:13] not in flat  # 12 hex digits, not more


def _toc_rows(pdf_tools, pdf: bytes) -> list[tuple[str, int]]:
    """(section number, page) pairs read from the contents pages."""
    rows = []
    for page in (2, 3):
        text = pdf_tools.text(pdf, page, layout=True)
        if page == 3 and "Innhold" not in pdf_tools.text(pdf, 2):
            break
        for line in text.splitlines():
            m = re.match(r"^\s*(\d+(?:\.\d+)*)\s+\S.*?\s(\d+)\s*$", line)
            if m and "Side" not in line:
                rows.append((m.group(1), int(m.group(2))))
    return rows


def _body_text(pdf_tools, pdf: bytes) -> str:
    """The text after the contents pages (the terms' own text), white space collapsed."""
    first = min(page for _, page in _toc_rows(pdf_tools, pdf))
    return pdf_tools.normalise("\n".join(pdf_tools.pages(pdf)[first - 1 :]))


def _assert_toc_matches_pages(pdf_tools, pdf: bytes) -> int:
    pages = pdf_tools.pages(pdf)
    rows = _toc_rows(pdf_tools, pdf)
    assert len(rows) > 40
    for number, page in rows:
        body = pages[page - 1]
        assert re.search(rf"(?m)^{re.escape(number)}\s", body), f"{number} not on page {page}"
    return len(rows)


def test_table_of_contents_gives_the_page_of_every_section(agreement, pdf_tools) -> None:
    _, pdf = agreement
    assert "Innhold" in pdf_tools.text(pdf, 2)
    count = _assert_toc_matches_pages(pdf_tools, pdf)
    assert count >= 60  # main sections and the DPA's 17.x


def test_toc_and_page_count_stay_right_when_the_first_page_grows(pdf_tools) -> None:
    many = sample_input(services=45)
    pdf = render_agreement(many)
    first_pages = pdf_tools.text(pdf, 2)
    assert "Nettbutikkmodul" in first_pages  # the services table went on to page 2
    pages = pdf_tools.pages(pdf)
    contents_page = next(
        i for i, p in enumerate(pages, 1) if "Innhold" in p.splitlines()[1:4] or "\nInnhold\n" in p
    )
    assert contents_page >= 3
    n = len(pages)
    assert f"Side {n} av {n}" in pdf_tools.normalise(pages[-1])
    # the same version with a short first page afterwards: still right
    short = render_agreement(sample_input(services=1))
    _assert_toc_matches_pages(pdf_tools, short)
    m = len(pdf_tools.pages(short))
    assert m < n


def test_terms_text_bullets_table_and_fields_are_rendered(agreement, pdf_tools) -> None:
    _, pdf = agreement
    text = pdf_tools.normalise(pdf_tools.text(pdf))
    assert "8.1.1 Hovedkontakt/Nøkkelkontakt" in text
    assert "• Ved ordinær signatur." in text
    assert (
        "Annenhver måned" in text
        and "Den 4. i januar, mars, mai, juli, september og november" in text
    )
    assert (
        "Webmaster Heimen har ambisjoner om å utvikle produkter" in text
    )  # {supplier.name} filled
    assert "{supplier.name}" not in text


def test_dpa_annex_starts_a_page_and_lists_the_subprocessors_after_17_7(
    agreement, pdf_tools
) -> None:
    _, pdf = agreement
    pages = pdf_tools.pages(pdf)
    annex_page = next(
        i for i, p in enumerate(pages) if "Vedlegg 1 \u2013 Databehandleravtale" in p and i > 2
    )
    lines = [ln for ln in pages[annex_page].splitlines() if ln.strip()]
    # the page header (two lines), then the annex heading: the annex starts a new page
    assert any(ln.startswith("Vedlegg 1 \u2013 Databehandleravtale") for ln in lines[:3]), lines[:4]
    text = _body_text(pdf_tools, pdf)
    start = text.index("17.7 Bruk av underleverandører")
    table = text.index("Underleverandører Underleverandør Formål Plassering", start)
    assert table < text.index("17.8 Krav til informasjonssikkerhet")
    for name in (
        "PowerOffice",
        "Admento AS",
        "BankID",
        "LinkMobility AS",
        "Creditsafe AS",
        "ITEA AS",
    ):
        assert name in text[table:]
    assert "SMS-utsending (kun mobilnummer)" in text


def test_two_signature_blocks_with_names_roles_and_never_the_warning(agreement, pdf_tools) -> None:
    _, pdf = agreement
    text = _body_text(pdf_tools, pdf)
    # Each party its own place and date line in each of the two blocks.
    assert text.count("Sted:") == 4
    assert text.count("Dato:") == 4
    assert text.count("For kunden") == 2
    assert text.count("For Webmaster Heimen") == 2
    assert text.count("Áilu Ŋuolja Đuđi Daglig leder") == 2 or text.count("Áilu Ŋuolja Đuđi") >= 2
    assert text.count("Frode Heimen") >= 2
    assert text.count("Innehaver") == 2
    # The warning is for the app: the customer's document never carries it.
    assert "Merk:" not in text and WARNING not in text
    # §16 block after section 16's text, §17.14 block at the end of the DPA
    assert (
        text.index("16 Signering")
        < text.index("Sted:")
        < text.index("Vedlegg 1 \u2013 Databehandleravtale")
    )
    assert text.rindex("Sted:") > text.index("17.14 Signering")


def test_no_warning_when_the_signatory_is_entitled_and_blank_lines_when_unknown(pdf_tools) -> None:
    plain = render_agreement(sample_input())
    assert "Merk:" not in pdf_tools.text(plain)
    nobody = dataclasses.replace(sample_input(), customer_signatory=None)
    text = pdf_tools.normalise(pdf_tools.text(render_agreement(nobody)))
    assert text.count("Navn:") == 2
    assert text.count("Rolle:") == 2
    assert "Áilu" not in text


def test_metadata_title_author_subject(agreement, pdf_tools) -> None:
    _, pdf = agreement
    info = pdf_tools.info(pdf)
    assert info["Title"] == "Avtalevilkår 17.04.2021 \u2013 Sámi Duodji Ođđasit AS"
    assert info["Author"] == "Webmaster Heimen"
    assert info["Subject"] == "Avtalevilkår 17.04.2021 med databehandleravtale"
    assert info["Creator"] == "ContractDesk"
    assert info["Page size"].startswith("595.2") and "x 841.8" in info["Page size"]  # A4


def test_fonts_are_embedded_dejavu_subsets(agreement, pdf_tools) -> None:
    _, pdf = agreement
    fonts = pdf_tools.fonts(pdf)
    assert fonts
    assert all(f["emb"] == "yes" for f in fonts), fonts
    assert all("DejaVuSans" in f["name"] for f in fonts), fonts
    assert all(f["uni"] == "yes" for f in fonts), fonts


def test_qpdf_check_is_clean_and_the_outline_lists_the_sections(agreement, pdf_tools) -> None:
    _, pdf = agreement
    report = pdf_tools.qpdf_check(pdf)
    assert "No syntax or stream encoding errors found" in report
    objects = pdf_tools.objects(pdf)
    assert "/Lang (nb-NO)" in objects
    assert "/Outlines" in objects
    assert "(17.14\\240\\240Signering)" in objects or "17.14" in objects


def test_cached_terms_give_the_same_bytes_and_never_leak_another_customer(pdf_tools) -> None:
    terms = TermsDocument(
        title="Avtalevilkår",
        sections=(
            Section(
                "1",
                "Parter",
                (Paragraph("Avtalen gjelder {customer.name}, org.nr. {customer.org_number}."),),
            ),
            Section("2", "Leverandør", (Paragraph("Leverandør er {supplier.name}."),)),
            Section("3", "Signering", (SignatureBlock(),)),
        ),
        annexes=(
            Annex(
                "Vedlegg 1",
                "Databehandleravtale",
                (),
                (Section("17", "DBA", (Paragraph("Tekst."),)),),
            ),
        ),
    )
    a = dataclasses.replace(sample_input(terms=terms), terms_sha256=terms.sha256())
    b = dataclasses.replace(
        sample_input("987654325", "Bedrift B AS", terms=terms, document_id="AVT-B"),
        terms_sha256=terms.sha256(),
    )
    clear_cache()
    first = render_agreement(a, reproducible=True)  # cold: builds the story
    other = render_agreement(b, reproducible=True)
    again = render_agreement(a, reproducible=True)  # warm
    assert first == again
    text_b = pdf_tools.normalise(pdf_tools.text(other))
    assert "Avtalen gjelder Bedrift B AS, org.nr. 987 654 325." in text_b
    assert "Sámi Duodji" not in text_b
    assert "Avtalen gjelder Sámi Duodji Ođđasit AS, org.nr. 912 345 674." in pdf_tools.normalise(
        pdf_tools.text(again)
    )


def test_replayed_terms_pages_equal_freshly_drawn_ones(
    monkeypatch: pytest.MonkeyPatch, pdf_tools
) -> None:
    from contractdesk.output.pdf import flowables

    inputs = [
        sample_input(f"9{i:08d}", f"Kunde {i} AS", document_id=f"AVT-{i}", services=1 + i % 3)
        for i in range(4)
    ]
    inputs.append(
        sample_input(warning=WARNING, services=45)
    )  # other positions: a different front part
    clear_cache()
    monkeypatch.setattr(flowables, "REPLAY_ENABLED", False)
    drawn = [render_agreement(inp, reproducible=True) for inp in inputs]
    monkeypatch.setattr(flowables, "REPLAY_ENABLED", True)
    clear_cache()
    for inp in inputs:  # record
        render_agreement(inp, reproducible=True)
    replayed = [render_agreement(inp, reproducible=True) for inp in reversed(inputs)][::-1]
    assert replayed == drawn
    from contractdesk.output.pdf.fields import field_values
    from contractdesk.output.pdf.story import terms_story

    story = terms_story(inputs[0], field_values(inputs[0]))
    recorded = [item for item in story.body if getattr(item, "_replay", None)]
    assert len(recorded) > 100  # the terms' paragraphs really were replayed, not redrawn
    assert "Kunde 2 AS" in pdf_tools.text(replayed[2]) and "Kunde 1 AS" not in pdf_tools.text(
        replayed[2]
    )


def test_terms_without_signature_blocks_get_one_for_the_terms_and_one_for_the_dpa(
    pdf_tools,
) -> None:
    terms = TermsDocument(
        title="Vilkår",
        sections=(Section("1", "Formål", (Paragraph("Tekst."),)),),
        annexes=(
            Annex(
                "Vedlegg 1",
                "Databehandleravtale",
                (),
                (Section("17", "DBA", (Paragraph("Tekst."),)),),
            ),
        ),
    )
    inp = dataclasses.replace(sample_input(terms=terms), terms_sha256=terms.sha256())
    text = pdf_tools.normalise(pdf_tools.text(render_agreement(inp)))
    assert text.count("Sted:") == 4  # each party its own, in both blocks
    assert text.count("For kunden") == 2


def test_norwegian_display_formats() -> None:
    assert format_money(Decimal(12000)) == "kr\u00a012\u00a0000,00"
    assert format_money(Decimal("0.005")) == "kr\u00a00,01"  # øre rounded half up
    assert format_money(Decimal(-12)) == "kr\u00a0-12,00"
    assert display_org_number("971049669") == "971 049 669"
    assert display_org_number(" 971 049 669 ") == "971 049 669"
    assert display_org_number("ukjent") == "ukjent"


def test_service_prices_must_be_decimal() -> None:
    with pytest.raises(TypeError):
        ServiceLine("X", 12.5, "Månedlig", "Ingen", Decimal(0))  # type: ignore[arg-type]
