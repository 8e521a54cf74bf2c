"""The sub-processor register seeded from the 2021 terms: who gets which data, and nothing invented."""

from __future__ import annotations

import json

from contractdesk.domain.terms.document import BulletList, Paragraph, Section, TermsDocument
from contractdesk.domain.terms.subprocessors import (
    SEED_SUBPROCESSORS,
    SubProcessorKind,
    extract_subprocessors,
    seed_subprocessors,
)
from contractdesk.store.shipped_terms import shipped_version


def test_seed_register_names_the_parties_of_the_2021_terms() -> None:
    register = {s.name: s for s in seed_subprocessors()}
    assert list(register) == [
        "PowerOffice",
        "Admento AS",
        "BankID",
        "LinkMobility AS",
        "Creditsafe AS",
        "Webmaster Heimen",
        "ITEA AS",
    ]
    assert register["PowerOffice"].purpose == "Regnskap/Fakturering"
    assert register["LinkMobility AS"].data_shared == "Kun mobilnummer"
    assert register["Creditsafe AS"].purpose == "Tjenesteleverandør av Kredittopplysninger"
    assert register["ITEA AS"].kind is SubProcessorKind.ACCESS
    assert register["ITEA AS"].source_clause == "17.6.2"
    assert register["BankID"].source_clause == "8.3"


def test_no_org_number_or_location_is_invented() -> None:
    assert all(s.org_number is None and s.location is None for s in SEED_SUBPROCESSORS)


def test_seed_register_is_what_the_shipped_terms_say() -> None:
    assert extract_subprocessors(shipped_version("2021-04-17").document) == SEED_SUBPROCESSORS


def test_register_serialises_for_the_cli() -> None:
    data = json.loads(json.dumps([s.to_dict() for s in SEED_SUBPROCESSORS]))
    assert data[3] == {
        "name": "LinkMobility AS",
        "org_number": None,
        "purpose": "Tjenesteleverandør av mobil.",
        "data_shared": "Kun mobilnummer",
        "location": None,
        "kind": "data_shared",
        "source_clause": "8.3",
    }


def test_other_wordings_give_an_empty_extraction() -> None:
    doc = TermsDocument(
        "T",
        sections=(
            Section(
                "1", "Partnere", (Paragraph("Vi bruker disse:"), BulletList(("Firma AS – Drift",)))
            ),
        ),
    )
    assert extract_subprocessors(doc) == ()
