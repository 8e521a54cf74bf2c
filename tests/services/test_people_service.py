"""People service: validation, roles at customers with who asked, one main contact, registry holders, consents, requests."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from contractdesk.domain.people import Role
from contractdesk.services.errors import NotFoundError, UserError
from contractdesk.services.people import PersonInput
from contractdesk.store.models import AuditEntry, Customer

pytestmark = pytest.mark.both_engines  # each test runs on SQLite and on PostgreSQL

ORG_A = "923130969"
ORG_B = "971049669"


def add_customer(services, org: str, name: str, registry_roles=None) -> None:  # type: ignore[no-untyped-def]
    with services.store.session() as s:
        s.add(
            Customer(
                org_number=org, name=name, status="active", registry_roles=registry_roles or []
            )
        )


def audit_actions(services) -> list[tuple[str, str, dict]]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from contractdesk.store.audit import payload_of

    with services.store.session() as s:
        return [
            (e.action, e.entity_id, payload_of(e))
            for e in s.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()
        ]


@pytest.fixture
def people(services):  # type: ignore[no-untyped-def]
    add_customer(services, ORG_A, "Testesen AS")
    add_customer(services, ORG_B, "Heimen AS")
    return services.people


def test_names_are_trimmed_and_nfc_normalised_phones_parsed_and_emails_checked(people) -> None:  # type: ignore[no-untyped-def]
    decomposed = "A\u030ase"  # "Åse" typed with a combining ring
    pid = people.add_person_at(
        ORG_A,
        PersonInput(
            f"  {decomposed} ",
            " Øvrebø ",
            title=" Daglig leder ",
            phone="91 91 59 80",
            mobile="+46 70 123 45 67",
            emails=("Ase@Example.NO", "ase@example.no"),
        ),
        "main-contact",
    )
    view = people.get(pid)
    assert view.first_name == "\u00c5se" and view.last_name == "Øvrebø"
    assert view.title == "Daglig leder"
    assert view.phone == "+4791915980" and view.mobile == "+46701234567"
    assert view.emails == ("Ase@example.no",)  # one address, domain lower-cased, duplicate dropped


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (PersonInput("Kari\x07", "Nordmann"), "First name: control characters"),
        (PersonInput("Kari", "Nord\nmann"), "Last name: control characters"),
        (PersonInput("Kari", "Nord\u202emann"), "Last name: text direction characters"),
        (PersonInput("  ", "Nordmann"), "First name is required"),
        (PersonInput("Kari", "Nordmann", phone="12"), "Phone"),
        (PersonInput("Kari", "Nordmann", mobile="call me"), "Mobile: not a phone number"),
        (PersonInput("Kari", "Nordmann", emails=("kari@",)), "E-mail"),
        (PersonInput("Kari", "Nordmann", emails=("kari at example.no",)), "E-mail"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_stored(
    people, data, message
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match=message):
        people.add_person_at(ORG_A, data, "main-contact")
    assert people.list_people() == []
    assert people.main_contact(ORG_A) is None


def test_unknown_customer_or_person_is_named(people) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError, match="990 005 559"):
        people.add_person_at("990005559", PersonInput("A", "B"), "contact")
    with pytest.raises(UserError, match="Organisation number"):
        people.add_person_at("123", PersonInput("A", "B"), "contact")
    with pytest.raises(NotFoundError, match="42"):
        people.get(42)


def test_exactly_one_main_contact_and_changes_record_who_asked(people, services) -> None:  # type: ignore[no-untyped-def]
    kari = people.add_person_at(ORG_A, PersonInput("Kari", "Nordmann"), "main-contact")
    tora = people.add_person_at(ORG_A, PersonInput("Tora", "Testesen"), "general-manager")
    ola = people.add_person_at(ORG_A, PersonInput("Ola", "Hansen"), "contact", requested_by=kari)
    assert people.main_contact(ORG_A) == kari

    with pytest.raises(UserError, match="say who asked"):
        people.set_main_contact(ORG_A, ola)
    with pytest.raises(UserError, match="may not change the main contact"):
        people.set_main_contact(ORG_A, ola, requested_by=ola)
    with pytest.raises(UserError, match="without naming the next"):
        people.remove_role(ORG_A, kari, "main-contact", requested_by=tora)

    people.set_main_contact(ORG_A, ola, requested_by=tora, requested_on=date(2024, 5, 2))
    rows = {r.id: r for r in people.list_people(ORG_A)}
    assert people.main_contact(ORG_A) == ola
    assert rows[ola].roles == (
        Role.MAIN_CONTACT,
    )  # the separate contact role is folded into main contact
    assert rows[ola].since == date(2024, 5, 2) and rows[ola].requested_by_person_id == tora
    assert rows[kari].roles == (
        Role.CONTACT,
    )  # the previous main contact stays an approved contact
    assert people.list_people(ORG_A)[0].id == ola  # main contact listed first
    assert people.problems(ORG_A) == []
    change = [a for a in audit_actions(services) if a[0] == "main_contact.changed"][-1]
    assert change[1] == ORG_A
    assert change[2] == {
        "from_person_id": kari,
        "to_person_id": ola,
        "requested_by_person_id": tora,
        "requested_on": "2024-05-02",
    }


def test_adding_a_second_main_contact_hands_the_role_over(people) -> None:  # type: ignore[no-untyped-def]
    kari = people.add_person_at(ORG_A, PersonInput("Kari", "Nordmann"), "main-contact")
    with pytest.raises(UserError, match="say who asked"):
        people.add_person_at(ORG_A, PersonInput("Per", "Olsen"), "main-contact")
    per = people.add_person_at(
        ORG_A, PersonInput("Per", "Olsen"), "main-contact", requested_by=kari
    )
    assert people.main_contact(ORG_A) == per
    assert [r.id for r in people.list_people(ORG_A) if r.is_main_contact] == [per]


def test_contacts_are_added_and_removed_only_at_a_managers_request(people, services) -> None:  # type: ignore[no-untyped-def]
    kari = people.add_person_at(ORG_A, PersonInput("Kari", "Nordmann"), "main-contact")
    ola = people.add_person_at(ORG_A, PersonInput("Ola", "Hansen"), "contact", requested_by=kari)
    with pytest.raises(UserError, match=r"§8\.1\.1"):
        people.add_person_at(ORG_A, PersonInput("Eve", "Intruder"), "contact", requested_by=ola)
    assert {r.full_name for r in people.list_people(ORG_A)} == {"Kari Nordmann", "Ola Hansen"}
    people.remove_role(ORG_A, ola, "contact", requested_by=kari)
    assert [r.id for r in people.list_people(ORG_A)] == [kari]
    removed = [a for a in audit_actions(services) if a[0] == "role.removed"]
    assert removed[-1][2] == {"person_id": ola, "role": "contact", "requested_by_person_id": kari}


def test_a_person_at_two_customers_has_separate_roles_and_rights(people) -> None:  # type: ignore[no-untyped-def]
    kari = people.add_person_at(
        ORG_A, PersonInput("Kari", "Regnskap", title="Accountant"), "main-contact"
    )
    boss = people.add_person_at(ORG_B, PersonInput("Bo", "Sjef"), "general-manager")
    people.add_role(ORG_B, kari, "contact", requested_by=boss)
    view = people.get(kari)
    by_org = {m.org_number: m for m in view.memberships}
    assert by_org[ORG_A].roles == (Role.MAIN_CONTACT,) and by_org[ORG_A].rights.may_manage_contacts
    assert by_org[ORG_B].roles == (Role.CONTACT,) and not by_org[ORG_B].rights.may_manage_contacts
    assert by_org[ORG_B].main_contact_person_id is None
    listed = {r.id: r for r in people.list_people()}
    assert listed[kari].org_numbers == (ORG_A, ORG_B) and listed[boss].org_numbers == (ORG_B,)
    # Removing her at one customer leaves the other untouched.
    people.remove_from_customer(ORG_B, kari, requested_by=boss)
    assert [m.org_number for m in people.get(kari).memberships] == [ORG_A]
    with pytest.raises(UserError, match="without naming the next"):
        people.remove_from_customer(ORG_A, kari)


def test_a_person_is_created_from_a_registry_role_holder_in_one_call(services) -> None:  # type: ignore[no-untyped-def]
    add_customer(
        services,
        ORG_A,
        "Testesen AS",
        registry_roles=[
            {
                "role_code": "DAGL",
                "role": "Daglig leder",
                "name": "Tora Testesen",
                "holder_kind": "person",
            },
            {"role_code": "LEDE", "role": "Styrets leder", "name": "Ola Mellom Nordmann"},
            {
                "role_code": "SIGN",
                "role": "Signatur",
                "name": "Sigrid Signer",
                "first_name": "Sigrid",
                "last_name": "Signer",
            },
            {
                "role_code": "REVI",
                "role": "Revisor",
                "name": "Revisjon AS",
                "holder_kind": "entity",
            },
            {"role_code": "MEDL", "role": "Styremedlem", "name": "Dead Person", "deceased": True},
        ],
    )
    people = services.people
    holders = people.registry_holders(ORG_A)
    assert [(h.index, h.name, h.suggested_role) for h in holders] == [
        (0, "Tora Testesen", Role.GENERAL_MANAGER),
        (1, "Ola Mellom Nordmann", Role.CONTACT),
        (2, "Sigrid Signer", Role.SIGNATORY),
    ]
    tora = people.add_from_registry(ORG_A, 0)
    view = people.get(tora)
    assert (view.first_name, view.middle_name, view.last_name) == ("Tora", "", "Testesen")
    assert view.memberships[0].roles == (Role.GENERAL_MANAGER,)
    assert people.registry_holders(ORG_A)[0].person_id == tora
    assert people.add_from_registry(ORG_A, 0) == tora  # once only
    ola = people.add_from_registry(ORG_A, 1, role="main-contact")
    assert people.get(ola).middle_name == "Mellom"
    assert people.main_contact(ORG_A) == ola
    with pytest.raises(UserError, match="not a person"):
        people.add_from_registry(ORG_A, 3)
    exported = people.export(tora)
    assert (
        exported["roles"][0]["source"] == "registry"
        and exported["roles"][0]["registry_role_code"] == "DAGL"
    )


def test_correction_changes_fields_reindexes_and_audits_old_and_new(people, services) -> None:  # type: ignore[no-untyped-def]
    kari = people.add_person_at(
        ORG_A, PersonInput("Kari", "Nordmann", emails=("kari@old.no",)), "main-contact"
    )
    people.correct(
        kari, PersonInput("Kari", "Hansen", emails=("kari@new.no",), phone="22 22 22 22")
    )
    view = people.get(kari)
    assert (view.last_name, view.emails, view.phone) == ("Hansen", ("kari@new.no",), "+4722222222")
    assert people.whois("kari@old.no").matches == ()
    assert people.whois("kari@new.no").matches[0].person_id == kari
    assert people.whois("kari hansen").matches[0].person_id == kari
    corrected = [a for a in audit_actions(services) if a[0] == "person.corrected"][-1]
    assert corrected[2]["changed"]["last_name"] == {"before": "Nordmann", "after": "Hansen"}
    assert "first_name" not in corrected[2]["changed"]


def test_consent_is_recorded_with_date_and_source_and_can_be_withdrawn(people) -> None:  # type: ignore[no-untyped-def]
    kari = people.add_person_at(ORG_A, PersonInput("Kari", "Nordmann"), "main-contact")
    states = {c.kind.value: c for c in people.consents(kari)}
    assert states["newsletter"].given is None
    people.record_consent(kari, "newsletter", True, on=date(2024, 1, 10), source="web form")
    people.record_consent(kari, "marketing-email", True, on=date(2024, 1, 10), source="e-mail")
    people.record_consent(kari, "newsletter", False, on=date(2024, 3, 1), source="unsubscribe link")
    states = {c.kind.value: c for c in people.consents(kari)}
    assert (states["newsletter"].given, states["newsletter"].on, states["newsletter"].source) == (
        False,
        date(2024, 3, 1),
        "unsubscribe link",
    )
    assert states["marketing_email"].given is True
    history = people.export(kari)["consents"]
    assert [(c["kind"], c["given"]) for c in history] == [
        ("newsletter", True),
        ("marketing-email", True),
        ("newsletter", False),
    ]
    with pytest.raises(UserError, match="marketing-email, newsletter"):
        people.record_consent(kari, "sms", True)


def test_request_log_shows_one_month_deadlines_and_overdue_requests(people) -> None:  # type: ignore[no-untyped-def]
    kari = people.add_person_at(ORG_A, PersonInput("Kari", "Nordmann"), "main-contact")
    access = people.log_request(kari, "access", received_on=date(2024, 1, 31), note="by phone")
    anon = people.log_request(None, "objection", received_on=date(2024, 2, 10))
    log = {r.id: r for r in people.requests()}
    assert log[access].due_on == date(2024, 2, 29)
    assert log[access].person_name == "Kari Nordmann"
    assert log[anon].due_on == date(2024, 3, 10)
    assert log[access].overdue(date(2024, 3, 1)) and not log[access].overdue(date(2024, 2, 29))
    people.complete_request(access, done_on=date(2024, 2, 20))
    assert [r.id for r in people.requests(open_only=True)] == [anon]
    with pytest.raises(UserError, match="already done"):
        people.complete_request(access)
    with pytest.raises(UserError, match="access, correction, erasure"):
        people.log_request(kari, "complaint")


def test_export_holds_everything_about_the_person_in_the_documented_schema(
    people, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.resources import resource_path

    kari = people.add_person_at(
        ORG_A,
        PersonInput("Kari", "Nordmann", title="CEO", emails=("kari@example.no",)),
        "main-contact",
    )
    boss = people.add_person_at(ORG_B, PersonInput("Bo", "Sjef"), "general-manager")
    people.add_role(ORG_B, kari, "contact", requested_by=boss)
    people.record_consent(kari, "newsletter", True, source="web form")
    people.log_request(kari, "access", note="wants a copy")
    out = tmp_path / "exports"
    out.mkdir()
    target = out / "kari.json"
    people.export_to_file(kari, target)
    data = json.loads(target.read_text(encoding="utf-8"))
    schema = json.loads(
        resource_path("schemas", "person-export.schema.json").read_text(encoding="utf-8")
    )
    _check_against_schema(data, schema)
    assert data["person"]["emails"] == ["kari@example.no"]
    assert {c["org_number"] for c in data["customers"]} == {ORG_A, ORG_B}
    assert {r["role"] for r in data["roles"]} == {"main-contact", "contact"}
    assert data["requests"][0]["note"] == "wants a copy"
    actions = [e["action"] for e in data["audit"]]
    assert "person.added" in actions and "role.added" in actions and "consent.given" in actions
    assert data["controller"]["name"] == "Webmaster Heimen"
    assert list(out.iterdir()) == [target]  # no temp file left behind


def _check_against_schema(value, schema) -> None:  # type: ignore[no-untyped-def]
    """The parts of JSON Schema the export schema uses: type, required, properties, items, enum, const."""
    types = schema.get("type")
    if types is not None:
        allowed = types if isinstance(types, list) else [types]
        mapping = {
            "object": dict,
            "array": list,
            "string": str,
            "integer": int,
            "boolean": bool,
            "null": type(None),
        }
        assert any(
            isinstance(value, mapping[t]) and not (t == "integer" and isinstance(value, bool))
            for t in allowed
        ), (value, allowed)
    if "const" in schema:
        assert value == schema["const"]
    if "enum" in schema:
        assert value in schema["enum"], (value, schema["enum"])
    if isinstance(value, dict):
        for key in schema.get("required", []):
            assert key in value, key
        props = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            assert set(value) <= set(props), set(value) - set(props)
        for key, sub in props.items():
            if key in value:
                _check_against_schema(value[key], sub)
    if isinstance(value, list) and "items" in schema:
        for item in value:
            _check_against_schema(item, schema["items"])
