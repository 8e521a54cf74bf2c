""" "Who is this?": a name, e-mail or phone number answers with customers and rights; strangers are not approved."""

from __future__ import annotations

import pytest

from contractdesk.services.people import PersonInput, classify_query
from contractdesk.store.models import Customer

pytestmark = pytest.mark.both_engines  # each test runs on SQLite and on PostgreSQL

ORG_A = "923130969"
ORG_B = "971049669"


@pytest.fixture
def people(services):  # type: ignore[no-untyped-def]
    with services.store.session() as s:
        s.add(Customer(org_number=ORG_A, name="Testesen AS", status="active"))
        s.add(Customer(org_number=ORG_B, name="Heimen AS", status="bankrupt"))
    return services.people


@pytest.mark.parametrize(
    ("text", "kind", "keys"),
    [
        ("Kari@Example.NO", "email", ["kari@example.no"]),
        ("91 91 59 80", "phone", ["+4791915980"]),
        ("+47 919-15-980", "phone", ["+4791915980"]),
        ("0047 91915980", "phone", ["+4791915980"]),
        ("+46 70 123 45 67", "phone", ["+46701234567"]),
        ("  Åse   Øvre ", "name", ["ase", "ovre"]),
        ("   ", "empty", []),
    ],
)
def test_queries_are_recognised(text: str, kind: str, keys: list[str]) -> None:
    assert classify_query(text) == (kind, keys)


def test_whois_finds_by_name_email_and_phone_with_rights_per_customer(people) -> None:  # type: ignore[no-untyped-def]
    ase = people.add_person_at(
        ORG_A,
        PersonInput(
            "Åse",
            "Øvrebø",
            title="Regnskapsfører",
            emails=("ase@regnskap.no",),
            mobile="91 91 59 80",
        ),
        "main-contact",
    )
    boss = people.add_person_at(ORG_B, PersonInput("Bo", "Sjef"), "general-manager")
    people.add_role(ORG_B, ase, "contact", requested_by=boss)

    for query in ("ase ovre", "ÅSE", "øvrebø", "Ase@Regnskap.no", "919 15 980", "+4791915980"):
        result = people.whois(query)
        assert [m.person_id for m in result.matches] == [ase], query
        assert result.approved
    match = people.whois("ase@regnskap.no").matches[0]
    by_org = {m.org_number: m for m in match.memberships}
    assert by_org[ORG_A].rights.may_manage_contacts and by_org[ORG_A].rights.approved_contact
    assert not by_org[ORG_B].rights.may_manage_contacts and by_org[ORG_B].rights.approved_contact
    assert by_org[ORG_B].rights.may_order  # §4.1/§4.3: contact persons may order
    assert by_org[ORG_B].customer_status == "bankrupt"  # shown, so the user sees it
    assert by_org[ORG_B].main_contact_person_id is None
    data = people.whois("ase@regnskap.no").as_dict()
    assert data["approved"] is True
    assert data["matches"][0]["customers"][0]["roles"] in (["main-contact"], ["contact"])


def test_a_stranger_is_not_approved(people) -> None:  # type: ignore[no-untyped-def]
    people.add_person_at(
        ORG_A, PersonInput("Kari", "Nordmann", emails=("kari@example.no",)), "main-contact"
    )
    for query in ("eve@evil.example", "99 88 77 66", "Eve Intruder", "kari nordmannsen", ""):
        result = people.whois(query)
        assert result.matches == () and result.approved is False, query
        assert result.as_dict()["approved"] is False


def test_a_registered_person_without_any_role_is_not_approved(people) -> None:  # type: ignore[no-untyped-def]
    pid = people.add_person(PersonInput("Former", "Employee", emails=("former@example.no",)))
    result = people.whois("former@example.no")
    assert [m.person_id for m in result.matches] == [pid]
    assert result.matches[0].approved is False and result.approved is False


def test_name_words_are_prefixes_and_all_must_match(people) -> None:  # type: ignore[no-untyped-def]
    kari = people.add_person_at(ORG_A, PersonInput("Kari", "Nordmann"), "main-contact")
    karin = people.add_person_at(ORG_A, PersonInput("Karin", "Berg"), "contact", requested_by=kari)
    people.add_person_at(ORG_A, PersonInput("Ola", "Nordmann"), "contact", requested_by=kari)
    assert {m.person_id for m in people.whois("kar").matches} == {kari, karin}
    assert [m.person_id for m in people.whois("kar nord").matches] == [kari]
    assert [m.person_id for m in people.whois("berg karin").matches] == [karin]


def test_results_are_capped_and_say_there_are_more(people) -> None:  # type: ignore[no-untyped-def]
    first = people.add_person_at(ORG_A, PersonInput("Hansen", "Hansen"), "main-contact")
    for i in range(5):
        people.add_person_at(
            ORG_A, PersonInput(f"Person{i}", "Hansen"), "contact", requested_by=first
        )
    result = people.whois("hansen", limit=3)
    assert len(result.matches) == 3 and result.more


def test_erased_people_are_not_found(people) -> None:  # type: ignore[no-untyped-def]
    kari = people.add_person_at(
        ORG_A, PersonInput("Kari", "Nordmann", emails=("kari@example.no",)), "main-contact"
    )
    ola = people.add_person_at(ORG_A, PersonInput("Ola", "Hansen"), "contact", requested_by=kari)
    people.erase(kari, next_main_contacts={ORG_A: ola})
    assert people.whois("kari@example.no").matches == ()
    assert people.whois("Kari").matches == ()
    assert people.whois("ola").matches[0].memberships[0].main_contact_person_id == ola
