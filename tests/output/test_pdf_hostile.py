"""Hostile text in every field: it renders literally, never as markup, link, image or crash."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from decimal import Decimal

import pytest

from contractdesk.domain.terms.document import (
    Annex,
    BulletList,
    Paragraph,
    Section,
    SignatureBlock,
    Table,
    TermsDocument,
)
from contractdesk.output.pdf import (
    AgreementInput,
    Party,
    ServiceLine,
    SignatoryInfo,
    SubProcessor,
    render_agreement,
    render_signature_sheet,
)
from contractdesk.output.pdf.sample import sample_input
from contractdesk.output.text import TRUNCATION_MARK

LONG = "A" * 10_000
LONG_CELL = "Q" * 10_000
LONG_PARA = "Z" * 10_000

# (given, how it must appear in the extracted text)
CASES = [
    ("Smith & Sønner AS", "Smith & Sønner AS"),
    ("<AS>", "<AS>"),
    ("Firma <font color=red size=40>STOR", "Firma <font color=red size=40>STOR"),
    ('<a href="http://x">klikk</a>', '<a href="http://x">klikk</a>'),
    ('<img src="/etc/passwd"/>', '<img src="/etc/passwd"/>'),
    (
        "<link href='file:///etc/passwd'>lenke</link>",
        "<link href='file:///etc/passwd'>lenke</link>",
    ),
    ("&amp; &lt;b&gt; &#65; &nbsp;", "&amp; &lt;b&gt; &#65; &nbsp;"),
    (
        "<onDraw name=drawTOCEntryEnd label='1,2,3'/>",
        "<onDraw name=drawTOCEntryEnd label='1,2,3'/>",
    ),
    ("<para>]]><br/><b>fet", "<para>]]><br/><b>fet"),
    ("Sámi ŋ ŧ đ č š ž Ŋ Ŧ Đ Č Š Ž æøå ÆØÅ", "Sámi ŋ ŧ đ č š ž Ŋ Ŧ Đ Č Š Ž æøå ÆØÅ"),
    ("ctrl\x00\x01\x07\x1b[31m\x7f\x9b\u202eslutt", "ctrl[31mslutt"),
]


def _hostile_input(value: str) -> AgreementInput:
    """Every untrusted field of the agreement set to ``value``."""
    terms = TermsDocument(
        title="Avtalevilkår",
        front_matter=(Paragraph(f"Forside: {value}"),),
        sections=(
            Section(
                "1",
                f"Tittel {value}",
                (Paragraph(f"Avsnitt {value}"), BulletList((f"Punkt {value}",))),
            ),
            Section(
                "2",
                "Tabell",
                (Table((("Kolonne", "Verdi"), ("Celle", f"Celle {value}")), header=True),),
            ),
            Section("3", "Signering", (SignatureBlock(intro=f"Intro {value}"),)),
        ),
        annexes=(
            Annex(
                "Vedlegg 1",
                "Databehandleravtale",
                (),
                (
                    Section("17", "Parter", (Paragraph("DBA."),)),
                    Section("17.14", "Signering", (SignatureBlock(),)),
                ),
            ),
        ),
    )
    party = Party(
        name=f"Kunde {value}",
        org_number="912345674",
        address_lines=(f"Gate {value}",),
        postcode="9520",
        city=f"By {value}",
        email=f"e {value}",
        phone=f"tlf {value}",
    )
    return AgreementInput(
        document_id=f"ID {value}",
        supplier=dataclasses.replace(sample_input().supplier, name=f"Lev {value}"),
        customer=party,
        services=(
            ServiceLine(
                f"Tjeneste {value}",
                Decimal(100),
                f"Periode {value}",
                f"Binding {value}",
                Decimal(0),
            ),
        ),
        terms=terms,
        terms_label=f"v {value}",
        terms_sha256="ab" * 32,
        customer_signatory=SignatoryInfo(f"Navn {value}", f"Rolle {value}", f"Advarsel {value}"),
        supplier_signatory=SignatoryInfo(f"Selger {value}", f"Rolle {value}"),
        subprocessors=(SubProcessor(f"Under {value}", f"Formål {value}", f"Sted {value}"),),
        # Issued: the QR code and fingerprint are drawn beside every signature block.
        issue_date=date(2027, 3, 1),
        fingerprint="ab" * 32,
        document_version=1,
    )


def _assert_no_active_content(pdf_tools, pdf: bytes) -> None:
    objects = pdf_tools.objects(pdf)
    for marker in (
        "/URI",
        "/Link",
        "/Annots",
        "/Subtype /Image",
        "/Launch",
        "/JavaScript",
        "/XObject",
    ):
        assert marker not in objects, marker


@pytest.mark.parametrize(("value", "expected"), CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_hostile_value_renders_literally_everywhere(value: str, expected: str, pdf_tools) -> None:
    inp = _hostile_input(value)
    pdf = render_agreement(inp)
    text = pdf_tools.squeeze(pdf_tools.text(pdf, raw=True))
    for label in (
        "Kunde",
        "Gate",
        "By",
        "Tjeneste",
        "Periode",
        "Binding",
        "Navn",
        "Selger",
        "Under",
        "Formål",
        "Forside:",
        "Tittel",
        "Avsnitt",
        "Punkt",
        "Celle",
        "Intro",
        "ID",
    ):
        assert pdf_tools.squeeze(f"{label} {expected}") in text, (label, expected)
    # A warning for the user is never printed in the customer's document.
    assert "Advarsel" not in text
    _assert_no_active_content(pdf_tools, pdf)
    pdf_tools.qpdf_check(pdf)
    assert 4 <= pdf_tools.page_count(pdf) <= 12
    sheet = render_signature_sheet(inp)
    assert pdf_tools.page_count(sheet) == 1
    sheet_text = pdf_tools.squeeze(pdf_tools.text(sheet, raw=True))
    assert pdf_tools.squeeze(f"Navn {expected}") in sheet_text
    assert "Advarsel" not in sheet_text
    _assert_no_active_content(pdf_tools, sheet)


def test_ten_thousand_characters_wrap_or_are_cut_with_a_mark(pdf_tools) -> None:
    inp = _hostile_input(LONG)
    terms = dataclasses.replace(
        inp.terms,
        sections=(
            *inp.terms.sections,
            Section("4", "Lang celle", (Table((("Kort", "Lang"), ("x", LONG_CELL)), header=True),)),
            Section("5", "Langt avsnitt", (Paragraph(LONG_PARA),)),
        ),
    )
    inp = dataclasses.replace(inp, terms=terms)
    pdf = render_agreement(inp)
    pdf_tools.qpdf_check(pdf)
    pages = pdf_tools.page_count(pdf)
    assert pages <= 40
    raw = pdf_tools.text(pdf)
    squeezed = re.sub(r"\s+", "", raw)
    # the terms text is never cut: the paragraph and the table cell wrap in full
    assert squeezed.count("Z") == 10_000
    assert squeezed.count("Q") == 10_000
    # fixed places (names, addresses, services, signature lines) are cut with a visible mark
    flat = pdf_tools.normalise(raw)
    assert flat.count(TRUNCATION_MARK) >= 8
    mark = re.escape(re.sub(r"\s+", "", TRUNCATION_MARK))
    for label in ("Kunde", "Gate", "Tjeneste", "Navn", "Selger", "Under"):
        assert re.search(rf"{label}A+{mark}", squeezed), label
    # every page still has its footer
    for i, page in enumerate(pdf_tools.pages(pdf), start=1):
        assert f"Side {i} av {pages}" in pdf_tools.normalise(page)
    sheet = render_signature_sheet(inp)
    assert pdf_tools.page_count(sheet) == 1


def test_missing_glyphs_and_odd_characters_do_not_crash(pdf_tools) -> None:
    odd = (
        "emoji 😀 CJK 漢字 RTL עברית zero\u200bwidth surrogate \ud800 bom \ufeff nonchar \uffff end"
    )
    inp = _hostile_input(odd)
    pdf = render_agreement(inp)
    text = pdf_tools.normalise(pdf_tools.text(pdf))
    assert "Kunde emoji" in text and "end" in text
    assert "\ufffd" in text or "surrogate" in text  # a lone surrogate becomes U+FFFD
    pdf_tools.qpdf_check(pdf)
