"""Every kind of unit and status of issue 17 registers and shows as the registry says.

Fixtures: ``tests/fixtures/brreg/shapes`` (public sector with a parent, reconstruction,
winding-up, forced dissolution, remarks, c/o and postboks postal addresses, a foreign address
without postcode, election info, liability shares, restricted capacity, a lasting power of
attorney, free-text signing rules, a closed sub-unit).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from brreg_server import FIXTURES, ReplayServer

from contractdesk.errors import UserError
from contractdesk.registry import RegistrySettings

N: dict[str, str] = json.loads((FIXTURES / "shapes/routes.json").read_text(encoding="utf-8"))[
    "numbers"
]


@pytest.fixture
def customers(services: Any, brreg_replay: ReplayServer) -> Iterator[Any]:
    services.customers.configure_registry(
        RegistrySettings(base_url=brreg_replay.url, total_timeout=3.0, backoff_initial=0.01)
    )
    yield services.customers


@pytest.mark.parametrize("key", ["komm", "orgl", "fylk", "stat"])
def test_public_sector_units_register_as_main_units(customers: Any, key: str) -> None:
    view = customers.register(N[key])
    assert view.status == "active" and view.stored
    assert view.organisation_form in {"KOMM", "ORGL", "FYLK", "STAT"}
    assert view.signing_rule.needs_manual_confirmation  # no rule registered: ask the customer
    if key == "orgl":
        assert view.details["parent_org_number"] == N["komm"]
        assert [r.name for r in view.registry_roles] == ["Etat Ledersen"]


def test_reconstruction_with_remark_and_postal_address_for_paper(customers: Any) -> None:
    view = customers.register(N["recon"])
    assert view.status == "reconstruction" and view.status_date == date(2026, 6, 2)
    assert view.may_issue_agreement
    assert "reconstruction" in customers.agreement_eligibility(N["recon"]).warning
    assert [(r.info_type, r.text) for r in view.remarks] == [
        ("FADR", "Forretningsadressen er trolig feil")
    ]
    assert view.invoice_address.lines == ("c/o Regnskapsbyrå Fiktiv AS", "Postboks 44")
    assert view.invoice_address.postcode == "5804"
    assert view.as_dict()["invoice_address"]["lines"][0].startswith("c/o")


@pytest.mark.parametrize(
    ("key", "status", "when"),
    [
        ("windup", "liquidation", date(2026, 3, 1)),
        ("forced", "forced_dissolution", date(2026, 2, 14)),
    ],
)
def test_winding_up_and_forced_dissolution_block_new_agreements(
    customers: Any, key: str, status: str, when: date
) -> None:
    view = customers.register(N[key])
    assert (view.status, view.status_date) == (status, when)
    assert not customers.agreement_eligibility(N[key]).allowed


def test_foreign_address_is_kept_as_the_registry_gives_it(customers: Any) -> None:
    view = customers.register(N["nuf"])
    address = view.business_address
    assert address.lines == ("Drottninggatan 1", "111 51 Stockholm")
    assert (address.postcode, address.city, address.country_code) == ("", "", "SE")
    assert address.is_foreign and address.country == "Sverige"
    assert view.invoice_address.lines == ("Postboks 12 Sentrum",)


def test_partners_liability_share_and_restricted_capacity(customers: Any) -> None:
    view = customers.register(N["da"])
    shares = {r.name: r.liability_share for r in view.registry_roles}
    assert shares == {"Dina Deltakersen": "50%", "Dag Begrensetsen": "50%"}
    limited = {r.name for r in view.registry_roles if r.capacity_limited}
    assert limited == {"Dag Begrensetsen"}
    signers = {s.name: s for s in view.signatories}
    assert signers["Dag Begrensetsen"].capacity_limited
    assert not signers["Dag Begrensetsen"].may_sign_alone  # cannot sign alone — check
    assert signers["Dina Deltakersen"].may_sign_alone


def test_standard_rule_wording_gives_signer_sets_and_election_info(customers: Any) -> None:
    view = customers.register(N["asa"])
    rule = view.signing_rule
    assert rule.text == "Styrets leder alene eller to styremedlemmer i fellesskap."
    assert not rule.standardised  # RI: the registry did not standardise it …
    assert not view.needs_manual_confirmation  # … but the wording says who signs
    assert rule.signer_sets == (
        ("Lise Ledersen",),
        ("Lise Ledersen", "Ansatt Valgtsen"),
        ("Lise Ledersen", "Frida Fullmaktsen"),
        ("Ansatt Valgtsen", "Frida Fullmaktsen"),
    )
    elected = {r.name: r.elected_by for r in view.registry_roles}
    assert elected["Ansatt Valgtsen"] == "Representant for de ansatte"
    frida = next(s for s in view.signatories if s.name == "Frida Fullmaktsen")
    assert frida.capacity_limited and not frida.may_sign_alone


def test_sole_chair_wording(customers: Any) -> None:
    assert customers.register(N["sa"]).signing_rule.signer_sets == (("Sam Virkesen",),)


def test_free_text_rule_asks_for_confirmation_and_records_who_confirmed(
    customers: Any, services: Any
) -> None:
    view = customers.register(N["freetext"])
    rule = view.signing_rule
    assert rule.registered and rule.signer_sets == ()
    assert rule.text == "Daglig leder sammen med den styret til enhver tid bestemmer."
    assert view.needs_manual_confirmation
    assert "confirm by hand" in customers.agreement_eligibility(N["freetext"]).warning

    confirmed = customers.confirm_signers(
        N["freetext"], [["Fri Tekstesen", "Ola Styremedlemsen"]], confirmed_by="Kari (telefon)"
    )
    assert not confirmed.needs_manual_confirmation
    assert confirmed.signing_rule.confirmed_by == "Kari (telefon)"
    assert confirmed.signing_rule.effective_sets == (("Fri Tekstesen", "Ola Styremedlemsen"),)
    assert customers.agreement_eligibility(N["freetext"]).warning == ""
    customers.refresh(N["freetext"])  # the same rule text: the confirmation stands
    assert customers.get(N["freetext"]).signing_rule.confirmed_by == "Kari (telefon)"
    with pytest.raises(UserError):
        customers.confirm_signers(N["freetext"], [], confirmed_by="Kari")
    with pytest.raises(UserError):
        customers.confirm_signers(N["freetext"], [["Fri Tekstesen"]], confirmed_by=" ")


def test_closed_sub_unit_is_flagged_and_refused(customers: Any) -> None:
    found = customers.fetch(N["closed"])
    assert found.entity.is_sub_unit and found.entity.status == "closed"
    assert found.entity.closed_date == date(2026, 4, 30)
    assert customers.preview(found).status == "closed"
    with pytest.raises(UserError, match="sub-unit"):
        customers.register_lookup(found)
