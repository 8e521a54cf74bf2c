"""The plain-text terms importer: the 2021 seed becomes sections, tables, signatures and the DPA annex, losing no word."""

from __future__ import annotations

import re
import string
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from contractdesk.domain.terms.document import (
    Annex,
    Block,
    BulletList,
    Paragraph,
    Section,
    SignatureBlock,
    Table,
    TermsDocument,
)
from contractdesk.domain.terms.importer import (
    CONTENTS_HEADING_KEY,
    TermsImportError,
    import_terms,
    import_terms_with_report,
    stated_effective_date,
    to_plain_text,
)
from contractdesk.resources import resource_path

SEED = resource_path("terms", "2021-04-17", "source.txt")


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def seed_doc(seed_text: str) -> TermsDocument:
    return import_terms(seed_text)


def _seed_parts(seed_text: str) -> tuple[list[str], str]:
    """Split the seed independently of the importer: (contents-list lines, body text after it).

    The contents list runs from ``1 Innhold`` to the second line starting with ``Innledning``
    (the first is the list's own entry, the second the body's heading).
    """
    lines = seed_text.split("\n")
    start = lines.index("1 Innhold")
    body_start = [i for i, line in enumerate(lines) if line.startswith("Innledning")][1]
    contents = [line for line in lines[start:body_start] if line.strip()]
    return contents, "\n".join(lines[body_start:])


def _words(text: str) -> Counter[str]:
    out: Counter[str] = Counter()
    for token in text.split():
        token = token.strip(string.punctuation + "•–—«»…").casefold()
        if token:
            out[token] += 1
    return out


def _block_texts(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, BulletList):
        return list(block.items)
    if isinstance(block, Table):
        return [cell for row in block.rows for cell in row]
    if isinstance(block, SignatureBlock):
        return [
            block.intro,
            block.place_label,
            block.date_label,
            block.customer_label,
            block.supplier_label,
        ]
    raise AssertionError(block)


def _section_texts(section: Section) -> list[str]:
    return [section.number, section.title] + [t for b in section.blocks for t in _block_texts(b)]


def _document_words(doc: TermsDocument) -> Counter[str]:
    texts = [doc.title] + [t for b in doc.front_matter for t in _block_texts(b)]
    for section in doc.sections:
        texts += _section_texts(section)
    for annex in doc.annexes:
        texts += [annex.label, annex.title] + [t for b in annex.blocks for t in _block_texts(b)]
        for section in annex.sections:
            texts += _section_texts(section)
    return _words("\n".join(texts))


def test_every_numbered_heading_of_the_seed_body_becomes_one_section(
    seed_text: str, seed_doc: TermsDocument
) -> None:
    _, body = _seed_parts(seed_text)
    expected = [
        (m[1], " ".join(m[2].split()))
        for m in re.finditer(r"^(\d+(?:\.\d+)*)[ \u00a0]+([^\W\d].*)$", body, flags=re.MULTILINE)
    ]
    got = [(s.number, s.title) for s in seed_doc.all_sections() if s.number]
    assert got == expected
    assert len(got) == 67  # 2 … 17.14; "1 Innhold" is the contents list, not a section
    assert len({n for n, _ in got}) == len(got), "a contents entry was duplicated as a section"
    assert ("8.1.1", "Hovedkontakt/Nøkkelkontakt") in got
    assert ("5.1", "oppsigelsestid") in got  # the heading reads "5.1\u00a0 oppsigelsestid"


def test_no_word_is_lost_or_added_except_the_contents_list(seed_text: str) -> None:
    result = import_terms_with_report(seed_text)
    contents, _ = _seed_parts(seed_text)
    assert list(result.contents) == contents
    assert len(contents) == 69  # the heading, "Innledning" and 67 numbered entries
    seed_words = _words(seed_text)
    accounted = _document_words(result.document) + _words("\n".join(contents))
    assert seed_words - accounted == Counter(), "words lost"
    assert accounted - seed_words == Counter(), "words added"


def test_contents_list_is_kept_only_as_its_heading(seed_doc: TermsDocument) -> None:
    assert dict(seed_doc.meta)[CONTENTS_HEADING_KEY] == "1 Innhold"
    intro = seed_doc.sections[0]
    assert (intro.number, intro.title) == ("", "Innledning:")
    assert intro.blocks[0] == Paragraph(
        "Denne avtalen består av to deler. En generell avtale som regulerer kundeforholdet mellom Webmaster "
        "Heimen og kunde. Avtalen inneholder også et obligatorisk vedlegg: «Databehandleravtale» som "
        "regulerer samarbeid i henhold til personvern."
    )


def test_the_importer_reports_the_contents_entry_that_differs_from_its_heading(
    seed_text: str,
) -> None:
    notes = import_terms_with_report(seed_text).notes
    assert notes == (
        "contents entry '5.1 Ingen oppsigelsestid.' differs from heading 5.1 'oppsigelsestid'",
    )


def test_front_matter_keeps_title_date_and_supplier_block(seed_doc: TermsDocument) -> None:
    assert seed_doc.title == "Avtalevilkår"
    assert seed_doc.front_matter[0] == Paragraph("Dato for gjeldende avtalevilkår er: 17.04.2021")
    assert Paragraph("Leverandør:", heading=True) in seed_doc.front_matter
    assert (
        Paragraph("NO 971 049 669\nWebmaster Heimen\nUranusvegen 5\n6419 MOLDE")
        in seed_doc.front_matter
    )
    assert stated_effective_date(seed_doc).isoformat() == "2021-04-17"  # type: ignore[union-attr]


def _section(doc: TermsDocument, number: str) -> Section:
    return next(s for s in doc.all_sections() if s.number == number)


def test_invoice_periods_and_fees_become_tables(seed_doc: TermsDocument) -> None:
    periods = [b for b in _section(seed_doc, "10").blocks if isinstance(b, Table)]
    assert periods == [
        Table(
            (
                ("Årlig", "Fakturadato 1.1", "Forfall 14 dager"),
                ("Halvårlig (standard)", "Fakturadato: 2.1/2.7", "Forfall 14 dager"),
                ("Kvartalsvis", "Fakturadato 3.1/3.4/3.7/3.10", "Forfall 14 dager"),
                ("Annenhver måned", "Fakturadato 4. oddetalsmåneder", "Forfall 7 dager."),
                ("Månedlig", "Fakturadato 5. hver måned", "Forfall 7 dager."),
            )
        )
    ]
    assert _section(seed_doc, "10.1").blocks == (
        Table((("Papirfaktura", "Kr 45,-"), ("E-post", "Kr 12,-"), ("EHF", "Kr 0,-"))),
    )


def test_bullets_numbered_items_and_short_headings(seed_doc: TermsDocument) -> None:
    lists = [b for b in _section(seed_doc, "8.3").blocks if isinstance(b, BulletList)]
    assert lists[1].items[0] == "PowerOffice – Regnskap/Fakturering"
    assert len(lists[1].items) == 5
    items = [b.text[:3] for b in _section(seed_doc, "12.4").blocks if isinstance(b, Paragraph)]
    assert [t for t in items if t[0].isdigit()] == ["1. ", "2. ", "3. "]
    s10 = _section(seed_doc, "10").blocks
    assert Paragraph("Online betaling", heading=True) in s10
    assert Paragraph("Priser og valuta", heading=True) in s10
    assert Paragraph("Faktura:", heading=True) in s10
    # a run of short lines is a list of data, not headings
    assert Paragraph("Telefonnummer") in _section(seed_doc, "17.4.2").blocks
    assert Paragraph("Navn og adresse") in _section(seed_doc, "17.4.2").blocks


def test_both_analog_signatures_become_signature_blocks(seed_doc: TermsDocument) -> None:
    expected = SignatureBlock(
        intro="Brukes i forbindelse med signatur på papir eller på teknologiske plattformer som gir mulighet for signatur:",
        place_label="Sted:",
        date_label="Dato:",
        customer_label="For kunden",
        supplier_label="For Webmaster Heimen",
    )
    for number in ("16", "17.14"):
        blocks = _section(seed_doc, number).blocks
        assert blocks[-2:] == (Paragraph("Analog signatur", heading=True), expected)


def test_the_dpa_is_annex_1_holding_section_17(seed_doc: TermsDocument) -> None:
    assert [s.number for s in seed_doc.sections][-1] == "16"
    (annex,) = seed_doc.annexes
    assert isinstance(annex, Annex)
    assert (annex.label, annex.title, annex.blocks) == ("Vedlegg 1", "", ())
    numbers = [s.number for s in annex.sections]
    assert numbers[0] == "17" and numbers[-1] == "17.14"
    assert all(n == "17" or n.startswith("17.") for n in numbers)
    assert len(numbers) == 19


def test_round_trip_through_plain_text_gives_the_same_hash(seed_doc: TermsDocument) -> None:
    text = to_plain_text(seed_doc)
    again = import_terms(text)
    assert again == seed_doc
    assert again.sha256() == seed_doc.sha256()
    assert to_plain_text(again) == text
    assert text.count("Ufin behandling") == 1


def test_sha256_is_deterministic_across_processes(seed_doc: TermsDocument) -> None:
    code = (
        "from contractdesk.domain.terms.importer import import_terms\n"
        "from contractdesk.resources import resource_path\n"
        "p = resource_path('terms', '2021-04-17', 'source.txt')\n"
        "print(import_terms(p.read_bytes().decode('utf-8')).sha256())\n"
    )
    hashes = set()
    for seed in ("0", "1", "12345"):
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
            cwd=Path(__file__).resolve().parents[3],
        )
        assert out.returncode == 0, out.stderr
        hashes.add(out.stdout.strip())
    assert hashes == {seed_doc.sha256()}


def test_line_endings_and_bom_do_not_change_the_hash(
    seed_text: str, seed_doc: TermsDocument
) -> None:
    assert import_terms("\ufeff" + seed_text.replace("\n", "\r\n")).sha256() == seed_doc.sha256()


def test_empty_text_is_refused() -> None:
    with pytest.raises(TermsImportError):
        import_terms(" \n\n ")


def test_terms_without_contents_list_start_sections_at_the_first_heading() -> None:
    text = "Vilkår\n\nInnledende tekst.\n\n1 Formål\n\nTekst.\n\n1.1 Detaljer\n\nMer tekst.\n"
    doc = import_terms(text)
    assert doc.front_matter == (Paragraph("Innledende tekst."),)
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Formål"), ("1.1", "Detaljer")]
    assert doc.meta == ()
    assert import_terms(to_plain_text(doc)) == doc
    assert "Innhold" not in to_plain_text(doc)


def test_a_numbering_gap_is_reported_not_swallowed() -> None:
    result = import_terms_with_report("T\n\n1 A\n\nx.\n\n3 C\n\ny.\n")
    assert [s.number for s in result.document.sections] == ["1", "3"]
    assert result.notes == ("line 7: heading 3 does not follow the previous number",)


def test_hand_made_tables_round_trip_with_header_and_pipes() -> None:
    doc = TermsDocument(
        title="Priser",
        sections=(
            Section(
                "1",
                "Gebyrer",
                (
                    Table(
                        (("Metode", "Pris"), ("Papir | post", "Kr 45,-"), ("EHF", "Kr 0,-")),
                        header=True,
                    ),
                    BulletList(("{supplier.name} fakturerer", "Forfall 14 dager")),
                ),
            ),
        ),
    )
    assert import_terms(to_plain_text(doc)) == doc
