"""Who may sign: signatories from roles and rules, skipping deceased and deregistered persons."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from brreg_server import ReplayServer
from registry_testkit import fast_client

from contractdesk.registry import (
    OrganisationForm,
    RegistryClient,
    RegistryEntity,
    RegistryLookup,
    RegistryRole,
    SigningRule,
    signatories,
    statutory_rule,
    usable_signer_sets,
)


@pytest.fixture
def client(brreg_replay: ReplayServer) -> Iterator[RegistryClient]:
    with fast_client(brreg_replay.url) as registry:
        yield registry


@pytest.fixture
def troubled(client: RegistryClient) -> RegistryLookup:
    """991000003: roles with deceased, deregistered and legacy ``fratraadt`` holders."""
    return client.lookup("991000003")


def test_inactive_role_holders_are_marked(troubled: RegistryLookup) -> None:
    flags = {(r.role_code, r.name): (r.deceased, r.deregistered, r.active) for r in troubled.roles}
    assert flags[("DAGL", "Dagfinn Avdødsen")] == (True, False, False)
    assert flags[("MEDL", "Avgått Avregistrertsen")] == (False, True, False)
    assert flags[("MEDL", "Gammel Fratredersen")] == (False, True, False)  # older `fratraadt`
    assert flags[("SIHV", "Signe Dødsdatosen")] == (True, False, False)
    assert flags[("MEDL", "Aktiv Styremedlemsen")] == (False, False, True)
    auditor = next(r for r in troubled.roles if r.role_code == "REVI")
    assert auditor.entity_deleted and not auditor.active


def test_signatories_skip_deceased_and_deregistered_persons(troubled: RegistryLookup) -> None:
    names = [s.name for s in troubled.signatories]
    assert names == ["Kari <i> O'Brien & <Sønn>", "Aktiv Styremedlemsen"]
    for gone in (
        "Dagfinn Avdødsen",
        "Avgått Avregistrertsen",
        "Gammel Fratredersen",
        "Signe Dødsdatosen",
    ):
        assert gone not in names
    assert "Vara Varasen" not in names  # deputies do not sign


def test_signer_sets_naming_a_missing_person_are_not_usable(troubled: RegistryLookup) -> None:
    rule = troubled.signature_rule
    assert rule is not None and rule.registered and len(rule.signer_sets) == 3
    assert usable_signer_sets(rule, troubled.roles) == (("Kari <i> O'Brien & <Sønn>",),)


def test_signatories_say_who_may_sign_alone(troubled: RegistryLookup) -> None:
    alone = {s.name: s.may_sign_alone for s in troubled.signatories}
    assert alone == {
        "Kari <i> O'Brien & <Sønn>": True,
        "Aktiv Styremedlemsen": True,
    }  # chair by rule, SIHV by grant
    member = next(s for s in troubled.signatories if s.name == "Aktiv Styremedlemsen")
    assert member.role_codes == ("MEDL", "SIHV")
    assert member.birth_date == date(1980, 8, 8)


def test_no_procuration_when_none_is_granted(troubled: RegistryLookup) -> None:
    assert troubled.procuration_rule is None


def test_joint_board_rule_with_procuration(client: RegistryClient) -> None:
    found = client.lookup("990005559")
    by_name = {s.name: s for s in found.signatories}
    assert set(by_name) == {
        "Jon Modellsen",
        "Kari Fiktivsen",
        "Ola Oppdiktet Testesen",
        "Eva Prøvesen",
        "Liv Attrapsen",
    }
    assert by_name["Jon Modellsen"].role_codes == ("DAGL", "POHV")
    assert by_name["Liv Attrapsen"].may_sign_alone  # procuration each alone
    assert not by_name["Kari Fiktivsen"].may_sign_alone  # two board members jointly
    assert "Sivert Stedfortredersen" not in by_name


def test_named_joint_signature_means_neither_signs_alone(client: RegistryClient) -> None:
    found = client.lookup("990006660")
    assert [(s.name, s.may_sign_alone) for s in found.signatories] == [
        ("Per Eksempelsen", False),
        ("Anne Påfunnsen", False),
    ]
    assert found.signatories[0].role_codes == ("DAGL", "LEDE", "SIFE")


def test_partners_each_sign_alone_by_law(client: RegistryClient) -> None:
    found = client.lookup("990007772")
    rule = found.signature_rule
    assert rule is not None and (rule.basis, rule.registered) == ("law", False)
    assert rule.signer_sets == (("Guro Kompanjongsen",), ("Trond Kompanjongsen",))
    assert all(s.may_sign_alone for s in found.signatories)


def test_bankrupt_estate_is_bound_by_its_trustee(client: RegistryClient) -> None:
    found = client.lookup("990003335")
    assert found.signature_rule is not None
    assert found.signature_rule.signer_sets == (("adv. Berit Bostyrersen",),)
    assert "adv. Berit Bostyrersen" in [s.name for s in found.signatories]


def test_company_without_registered_rule_falls_back_to_the_board_jointly(
    client: RegistryClient,
) -> None:
    found = client.lookup("926511890")
    rule = found.signature_rule
    assert rule is not None and rule.basis == "law" and found.needs_manual_confirmation
    assert rule.signer_sets == (
        ("Petter Prøvesen", "Elin Eksempelsen"),
    )  # the deputy is no board member here


def _role(code: str, name: str, born: date, **flags: bool) -> RegistryRole:
    return RegistryRole(
        role_code=code,
        role=code,
        group_code=code,
        group=code,
        holder_kind="person",
        name=name,
        birth_date=born,
        **flags,
    )


def test_a_person_deregistered_in_one_role_still_signs_in_another() -> None:
    roles = [
        _role("MEDL", "Ada Aktiv", date(1970, 1, 1), deregistered=True),
        _role("DAGL", "Ada Aktiv", date(1970, 1, 1)),
    ]
    [ada] = signatories(roles)
    assert ada.role_codes == ("DAGL",)


def test_a_namesake_with_another_birth_date_is_not_skipped() -> None:
    roles = [
        _role("MEDL", "Ola Nordmann", date(1950, 1, 1), deceased=True),
        _role("LEDE", "Ola Nordmann", date(1980, 1, 1)),
    ]
    rule = SigningRule(
        kind="signature",
        text="Styrets leder alene.",
        signer_sets=(("Ola Nordmann",),),
        registered=True,
    )
    [ola] = signatories(roles, [rule])
    assert (ola.birth_date, ola.may_sign_alone) == (date(1980, 1, 1), True)


def test_rule_persons_without_a_role_are_signatories_unless_deceased() -> None:
    roles = [_role("SIHV", "Dora Død", date(1940, 1, 1), deceased=True)]
    rule = SigningRule(
        kind="signature", text="x", signer_sets=(("Dora Død",), ("Nina Ny",)), registered=True
    )
    assert [s.name for s in signatories(roles, [rule])] == ["Nina Ny"]


def test_statutory_rule_for_forms_without_a_known_rule() -> None:
    entity = RegistryEntity(
        org_number="990004447",
        name="X",
        organisation_form=OrganisationForm("NUF", "Norskregistrert utenlandsk foretak"),
        business_address=None,
        postal_address=None,
        vat_registered=False,
        status="active",
    )
    rule = statutory_rule(entity, [_role("DAGL", "Nils Norsk", date(1970, 1, 1))])
    assert (rule.basis, rule.registered, rule.signer_sets) == ("none", False, ())
    assert rule.needs_manual_confirmation
