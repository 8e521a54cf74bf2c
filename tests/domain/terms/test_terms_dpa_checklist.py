"""DPA checklist: Art. 28(3)(a)–(h) coverage of the 2021 DPA, its gaps, and its citations of the repealed 2000 act."""

from __future__ import annotations

import pytest

from contractdesk.domain.terms.document import Annex, Paragraph, Section, TermsDocument
from contractdesk.domain.terms.dpa_checklist import (
    ART_28_3_ITEMS,
    CoverageStatus,
    DpaChecklist,
    check_dpa,
    find_dpa_annex,
    find_repealed_references,
)
from contractdesk.store.shipped_terms import shipped_version


@pytest.fixture(scope="module")
def checklist_2021() -> DpaChecklist:
    annex = find_dpa_annex(shipped_version("2021-04-17").document)
    assert annex is not None and annex.label == "Vedlegg 1"
    return check_dpa(annex)


def test_all_eight_items_are_checked(checklist_2021: DpaChecklist) -> None:
    assert [i.letter for i in ART_28_3_ITEMS] == list("abcdefgh")
    assert [i.letter for i in checklist_2021.items] == list("abcdefgh")


def test_2021_dpa_covers_confidentiality_security_deletion_and_audits_with_their_clauses(
    checklist_2021: DpaChecklist,
) -> None:
    assert checklist_2021.item("b").status is CoverageStatus.COVERED
    assert "17.10" in checklist_2021.item("b").clause_numbers
    assert checklist_2021.item("c").clause_numbers == ("17.8",)
    assert checklist_2021.item("g").clause_numbers == ("17.5", "17.12")
    assert checklist_2021.item("h").status is CoverageStatus.COVERED
    assert "17.8" in checklist_2021.item("h").clause_numbers
    instructions = checklist_2021.item("a").elements[0]
    assert [c.section_number for c in instructions.clauses] == ["17.4.1", "17.6.2"]
    assert "instruks" in instructions.clauses[1].text


def test_2021_dpa_gaps_are_found(checklist_2021: DpaChecklist) -> None:
    status = {i.letter: i.status for i in checklist_2021.items}
    assert status == {
        "a": CoverageStatus.PARTIAL,  # nothing on transfers to third countries
        "b": CoverageStatus.COVERED,
        "c": CoverageStatus.COVERED,
        "d": CoverageStatus.PARTIAL,  # no prior authorisation / right to object for sub-processors
        "e": CoverageStatus.GAP,  # no assistance with data subjects' rights
        "f": CoverageStatus.PARTIAL,  # breach notice yes; DPIA and prior consultation no
        "g": CoverageStatus.COVERED,
        "h": CoverageStatus.COVERED,
    }
    assert [i.letter for i in checklist_2021.gaps] == ["a", "d", "e", "f"]
    assert [e.key for e in checklist_2021.item("f").missing] == ["f3", "f4"]
    assert [e.key for e in checklist_2021.item("d").missing] == ["d1"]
    assert checklist_2021.needs_confirmation


def test_2021_dpa_cites_the_repealed_2000_act(checklist_2021: DpaChecklist) -> None:
    refs = checklist_2021.repealed_references
    certain = [(r.section_number, r.quote) for r in refs if r.certain]
    assert certain == [
        (
            "17.3",
            "Lov av 14. april 2000 nr. 31 om behandling av personopplysninger (personopplysningsloven)",
        ),
        ("17.3", "forskrift av 15. desember 2000 nr. 1265 (personopplysningsforskriften)"),
        ("17.6.1", "personopplysningsforskriften § 2-15"),
        ("17.9", "personopplysningsforskriftens § 2-6"),
    ]
    likely = {r.quote for r in refs if not r.certain}
    assert {
        "personopplysningsloven § 13",
        "personopplysningsloven § 15",
        "personopplysningsloven §§ 13-15",
        "loven §§ 13 og 15",
        "lovens § 13",
        "personopplysningsloven kapittel 2",
    } <= likely
    assert {r.section_number for r in refs} == {"17.3", "17.6.1", "17.6.2", "17.8", "17.9"}
    # "personopplysningsloven" alone is the 2018 act's name too: 17.5 cites it and is not flagged
    assert all(r.section_number != "17.5" for r in refs)


def test_a_gdpr_based_dpa_has_no_gaps_and_no_repealed_references() -> None:
    paragraphs = [
        (
            "Databehandleren skal kun behandle personopplysninger etter dokumenterte instrukser fra "
            "behandlingsansvarlig, også når det gjelder overføring til tredjeland eller internasjonale organisasjoner."
        ),
        (
            "Databehandleren sikrer at personer som er autorisert til å behandle personopplysningene, har "
            "forpliktet seg til konfidensialitet."
        ),
        "Databehandleren gjennomfører alle tiltak som kreves etter personvernforordningen artikkel 32.",
        (
            "Databehandleren engasjerer ikke en underdatabehandler uten forhåndsgodkjenning fra behandlingsansvarlig. "
            "Underdatabehandlere pålegges de samme forpliktelsene som følger av denne avtalen."
        ),
        "Databehandleren skal bistå behandlingsansvarlig med å oppfylle de registrertes rettigheter.",
        (
            "Databehandleren skal bistå behandlingsansvarlig med sikkerhet, melding av brudd på "
            "personopplysningssikkerheten, vurdering av personvernkonsekvenser og forhåndsdrøftinger."
        ),
        (
            "Ved opphør skal databehandleren etter behandlingsansvarliges valg slette eller tilbakelevere alle "
            "personopplysninger og slette eksisterende kopier."
        ),
        (
            "Databehandleren gjør all informasjon som trengs for å påvise etterlevelse tilgjengelig for "
            "behandlingsansvarlig, og bidrar til revisjoner og inspeksjoner."
        ),
        "Avtalen følger personopplysningsloven (lov 15. juni 2018 nr. 38) og personvernforordningen.",
    ]
    dpa = Annex(
        "Vedlegg 1",
        "Databehandleravtale",
        (),
        (Section("1", "Databehandleravtale", tuple(map(Paragraph, paragraphs))),),
    )
    result = check_dpa(dpa)
    assert result.gaps == ()
    assert result.repealed_references == ()
    assert not result.needs_confirmation


def test_no_dpa_annex_is_found_when_there_is_none() -> None:
    doc = TermsDocument("T", annexes=(Annex("Vedlegg 2", "Prisliste"),))
    assert find_dpa_annex(doc) is None


def test_repealed_references_are_found_in_section_titles_and_registry_forms() -> None:
    sections = (
        Section(
            "3",
            "Ansvar etter personopplysningsforskriften § 2-8",
            (Paragraph("Se LOV-2000-04-14-31."),),
        ),
    )
    refs = find_repealed_references(sections)
    assert [(r.quote, r.certain) for r in refs] == [
        ("personopplysningsforskriften § 2-8", True),
        ("LOV-2000-04-14-31", True),
    ]
