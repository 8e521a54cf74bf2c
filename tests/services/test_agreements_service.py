"""Acceptance ledger, signatory warnings, signed scans, agreement states and the §14 cycle."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from agreements_testkit import ORG_A, ORG_B, V1, customer_testesen, kari_and_ola
from sqlalchemy import select, text

from contractdesk.domain.terms.importer import to_plain_text
from contractdesk.services.agreements import check_signatory
from contractdesk.services.agreements import scans as agreements_module
from contractdesk.services.errors import NotFoundError, UserError
from contractdesk.store.audit import payload_of
from contractdesk.store.models import Acceptance, AuditEntry, Customer, Person

pytestmark = pytest.mark.both_engines  # each test runs on SQLite and on PostgreSQL

ORG_C = "926511890"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" + bytes(range(256)) + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def ledger(services):  # type: ignore[no-untyped-def]
    """Three customers (A: Kari Nordmann general manager and sole signer; B: board signs jointly; C:
    no
    registry data) and three persons (1 Kari, 2 Ola, 3 Per)."""
    with services.store.session() as s:
        s.add(customer_testesen("Daglig leder alene."))
        s.add(
            Customer(
                org_number=ORG_B,
                name="Heimen AS",
                status="active",
                registry_roles=[
                    {"role_code": "LEDE", "role": "Styrets leder", "name": "Ola Nordmann"},
                    {"role_code": "MEDL", "role": "Styremedlem", "name": "Per Hansen"},
                ],
                signing_rule={
                    "text": "Styrets leder og ett styremedlem i fellesskap.",
                    "signer_sets": [["Ola Nordmann", "Per Hansen"]],
                },
            )
        )
        s.add(Customer(org_number=ORG_C, name="Ukjent AS", status="active"))
        s.add_all(kari_and_ola())
        s.add(Person(first_name="Per", last_name="Hansen"))
    return services.agreements


def accept(  # type: ignore[no-untyped-def]
    ledger, *, method: str = "paper", day: date = date(2022, 5, 2), **extra
):
    """Kari (person 1) accepts V1 for customer A on ``day`` (the usual acceptance here)."""
    return ledger.record_acceptance(
        ORG_A, V1, method=method, signed_by_person_id=1, accepted_on=day, today=day, **extra
    )


def _publish_v2(services, effective: date, *, today: date, label: str = "v2") -> None:  # type: ignore[no-untyped-def]
    draft = services.terms.copy_to_draft(V1, label)
    services.terms.update_draft(
        label, text=to_plain_text(draft.document).replace("Avtalevilkår", f"Vilkår {label}", 1)
    )
    services.terms.publish(label, effective, confirm_gaps=True, today=today)


def _actions(services) -> list[str]:  # type: ignore[no-untyped-def]
    with services.store.session() as s:
        return [e.action for e in s.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()]


# -- signatories -----------------------------------------------------------------------------------


def test_a_registry_signatory_signs_without_warning_and_others_are_recorded_with_one(
    ledger,
) -> None:  # type: ignore[no-untyped-def]
    ok = accept(ledger, method="online", day=date(2022, 3, 1))
    assert ok.warnings == () and ok.acceptance.warning is None
    assert ok.acceptance.signed_by_name == "Kari Nordmann"
    other = ledger.record_acceptance(
        ORG_A,
        V1,
        method="email",
        signed_by_person_id=2,
        accepted_on=date(2022, 3, 2),
        today=date(2022, 3, 2),
    )
    assert other.acceptance.warning == (
        "Ola Nordmann is not a signatory of Testesen AS by the registry data; "
        "signing rule: Daglig leder alene."
    )
    assert other.warnings[0] == other.acceptance.warning
    joint = ledger.record_acceptance(
        ORG_B,
        V1,
        method="email",
        signed_by_person_id=2,
        accepted_on=date(2022, 3, 2),
        today=date(2022, 3, 2),
    )
    assert (
        "only together with others" in joint.acceptance.warning
        and "Per Hansen" in joint.acceptance.warning
    )
    unknown = ledger.record_acceptance(
        ORG_C,
        V1,
        method="online",
        signed_by_person_id=3,
        accepted_on=date(2022, 3, 2),
        today=date(2022, 3, 2),
    )
    assert "No registry data" in unknown.acceptance.warning
    assert [a.warning is None for a in ledger.acceptances(ORG_A)] == [False, True]  # newest first


@pytest.mark.parametrize(
    ("name", "roles", "rule", "extra", "signatory"),
    [
        ("KARI  nordmann", [{"role_code": "DAGL", "name": "Kari Nordmann"}], None, {}, True),
        ("Åse Øvrebø", [{"role_code": "INNH", "name": "Ase Ovrebo"}], None, {}, True),
        (
            "Kari Nordmann",
            [
                {
                    "role_code": "DAGL",
                    "first_name": "Kari",
                    "middle_name": "Berit",
                    "last_name": "Nordmann",
                    "name": "Kari Berit Nordmann",
                }
            ],
            None,
            {},
            True,
        ),
        (
            "Kari Nordmann",
            [{"role_code": "DAGL", "name": "Kari Nordmann", "deregistered": True}],
            None,
            {},
            False,
        ),
        ("Kari Nordmann", [{"role_code": "REVI", "name": "Kari Nordmann"}], None, {}, False),
        ("Kari Nordmann", [{"role_code": "MEDL", "name": "Kari Nordmann"}], None, {}, False),
        ("Kari Nordmann", [], {"signer_sets": [["Kari Nordmann"]]}, {}, True),
        (
            "Kari Nordmann",
            [],
            {"signer_sets": []},
            {"procuration_rule": {"signer_sets": [["Kari Nordmann"]]}},
            True,
        ),
        (
            "Kari Nordmann",
            [],
            None,
            {"signatories": [{"name": "Kari Nordmann", "may_sign_alone": True}]},
            True,
        ),
        (
            "Kari Nordmann",
            [],
            None,
            {"signatories": [{"name": "Kari Nordmann", "may_sign_alone": False}]},
            False,
        ),
    ],
)
def test_signatory_check_compares_normalised_names_with_roles_and_rules(  # type: ignore[no-untyped-def]
    name, roles, rule, extra, signatory
) -> None:
    result = check_signatory(name, roles, rule, customer_name="X AS", **extra)
    assert result.signatory is signatory
    assert (result.warning is None) is signatory


def test_a_person_erased_unknown_or_a_draft_version_or_future_date_is_refused(
    ledger, services
) -> None:  # type: ignore[no-untyped-def]
    services.terms.copy_to_draft(V1, "draft")
    cases = [
        ({"terms_label": "draft"}, "is a draft"),
        ({"signed_by_person_id": 99}, "No person with id 99"),
        ({"accepted_on": date(2030, 1, 1)}, "in the future"),
        ({"method": "fax"}, "Method must be"),
        ({"org_number": "923 130 968"}, "check digit"),
        (
            {"org_number": "990001111"},
            "No customer with organisation number 990 001 111; register it first.",
        ),
    ]
    base = {
        "org_number": ORG_A,
        "terms_label": V1,
        "method": "paper",
        "signed_by_person_id": 1,
        "accepted_on": date(2022, 1, 1),
    }
    for change, message in cases:
        args = {**base, **change}
        org, label = args.pop("org_number"), args.pop("terms_label")
        with pytest.raises(UserError, match=message):
            ledger.record_acceptance(org, label, today=date(2022, 1, 1), **args)
    with services.store.session() as s:
        s.get(Person, 3).erased_at = datetime(2022, 1, 1, tzinfo=UTC)
    with pytest.raises(UserError, match="erased"):
        ledger.record_acceptance(
            ORG_A,
            V1,
            method="paper",
            signed_by_person_id=3,
            accepted_on=date(2022, 1, 1),
            today=date(2022, 1, 1),
        )
    assert ledger.acceptances() == []


# -- scans -----------------------------------------------------------------------------------------


def test_the_signed_scan_is_stored_in_the_store_and_comes_back_byte_identical(
    ledger, services, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    scan = tmp_path / "signert avtale.pdf"
    scan.write_bytes(PDF)
    result = accept(ledger, scan_path=scan)
    view = result.acceptance
    assert (view.scan_filename, view.scan_mime, view.scan_size) == (
        "signert avtale.pdf",
        "application/pdf",
        len(PDF),
    )
    assert view.scan_sha256 == hashlib.sha256(PDF).hexdigest()
    scan.unlink()  # the store keeps its own copy
    stored = ledger.scan(view.id)
    assert stored.data == PDF and stored.mime == "application/pdf"
    with pytest.raises(UserError, match="has its scan already"):
        ledger.attach_scan(view.id, data=PNG, filename="other.png")
    assert ledger.scan(view.id).data == PDF
    if services.store.engine_name == "sqlite":
        # Inside the encrypted file: no plaintext PDF marker in the database or its WAL.
        services.store.checkpoint()
        raw = services.store.path.read_bytes()
        assert b"%PDF-1.4" not in raw and b"signert avtale" not in raw


def test_a_paper_acceptance_without_scan_warns_and_the_scan_can_be_attached_once(ledger) -> None:  # type: ignore[no-untyped-def]
    result = accept(ledger)
    assert any("without its scan" in w for w in result.warnings)
    with pytest.raises(NotFoundError, match="has no scan"):
        ledger.scan(result.acceptance.id)
    view = ledger.attach_scan(result.acceptance.id, data=PNG, filename="../../etc/scan\x07.png")
    assert view.scan_mime == "image/png" and view.scan_filename == "scan.png"
    assert ledger.scan(result.acceptance.id).data == PNG


def test_a_scan_that_is_not_a_pdf_or_image_or_is_too_large_is_refused(
    ledger, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    args = {
        "method": "paper",
        "signed_by_person_id": 1,
        "accepted_on": date(2022, 5, 2),
        "today": date(2022, 5, 2),
    }
    with pytest.raises(UserError, match="PDF or an image"):
        ledger.record_acceptance(
            ORG_A, V1, scan_bytes=b"MZ\x90\x00 not a scan", scan_filename="x.exe", **args
        )
    with pytest.raises(UserError, match="empty"):
        ledger.record_acceptance(ORG_A, V1, scan_bytes=b"", scan_filename="x.pdf", **args)
    monkeypatch.setattr(agreements_module, "MAX_SCAN_BYTES", 100)
    with pytest.raises(UserError, match="larger than 50 MB"):
        ledger.record_acceptance(ORG_A, V1, scan_bytes=PDF, scan_filename="x.pdf", **args)
    assert ledger.acceptances() == []


def test_acceptances_and_scans_cannot_be_changed_or_deleted_in_the_database(
    ledger, services
) -> None:  # type: ignore[no-untyped-def]
    result = accept(ledger, scan_bytes=PDF, scan_filename="a.pdf")
    for sql in (
        "UPDATE acceptance SET accepted_on = '2020-01-01'",
        "UPDATE acceptance SET method = 'online'",
        "UPDATE acceptance SET signed_by_person_id = 2",
        "DELETE FROM acceptance",
        "UPDATE acceptance_scan SET size = 1",
        "DELETE FROM acceptance_scan",
    ):
        with pytest.raises(Exception, match="cannot"), services.store.session() as s:
            s.execute(text(sql))
    with services.store.session() as s:  # the name snapshot may be blanked (erasure)
        s.execute(text("UPDATE acceptance SET signed_by_name = ''"))
    assert ledger.scan(result.acceptance.id).data == PDF


# -- agreements ------------------------------------------------------------------------------------


def test_agreements_get_readable_document_ids_and_move_only_by_allowed_transitions(
    ledger, services
) -> None:  # type: ignore[no-untyped-def]
    first = ledger.create_agreement(ORG_A, today=date(2026, 1, 5))
    second = ledger.create_agreement(ORG_B, V1)
    year = first.created_at.year
    assert (first.document_id, second.document_id) == (f"CD-{year}-000001", f"CD-{year}-000002")
    assert first.state == "draft" and first.terms_label == V1 and first.terms_sha256 is not None
    sent = ledger.mark_sent(first.document_id.lower(), "Post@Testesen.no")
    assert (sent.state, sent.sent_to) == ("sent", "Post@testesen.no")
    assert ledger.set_state(first.id, "draft").sent_to is None
    with pytest.raises(UserError, match="cannot go from draft to active"):
        ledger.set_state(first.id, "active")
    with pytest.raises(UserError, match="recording the customer's acceptance"):
        ledger.set_state(first.id, "signed")
    ledger.mark_sent(first.id, "post")
    signed = accept(ledger, day=date(2026, 1, 9))
    assert signed.agreement.document_id == first.document_id
    assert signed.agreement.state == "active" and signed.agreement.signed_at == date(2026, 1, 9)
    assert signed.agreement.signatory_person_id == 1
    ended = ledger.set_state(first.id, "terminated", reason="customer terminated (§5)")
    assert ended.state == "terminated" and ended.ended_reason == "customer terminated (§5)"
    with pytest.raises(UserError, match="final state"):
        ledger.set_state(first.id, "active")
    with (
        services.store.session() as s,
        pytest.raises(Exception, match="terminated agreement is final"),
    ):
        s.execute(text(f"UPDATE agreement SET state = 'active' WHERE id = {first.id}"))
    ledger.delete_draft_agreement(second.id)
    with pytest.raises(NotFoundError):
        ledger.get_agreement(second.document_id)
    assert _actions(services).count("agreement.state_changed") == 6


def test_reacceptance_signs_the_new_version_and_it_becomes_active_when_it_takes_effect(
    ledger, services
) -> None:  # type: ignore[no-untyped-def]
    accept(ledger, method="online", day=date(2022, 1, 3))
    _publish_v2(services, date(2027, 3, 1), today=date(2027, 1, 10))
    ledger.record_acceptance(
        ORG_A,
        "v2",
        method="online",
        signed_by_person_id=1,
        accepted_on=date(2027, 1, 20),
        today=date(2027, 1, 20),
    )
    states = {a.terms_label: a.state for a in ledger.agreements(ORG_A)}
    assert states == {V1: "active", "v2": "signed"}
    status = {s.org_number: s for s in ledger.acceptance_status(today=date(2027, 1, 20))}[ORG_A]
    assert (status.latest.terms_label, status.current_label, status.up_to_date) == ("v2", V1, True)
    assert ledger.activate_due(today=date(2027, 2, 28)) == 0
    assert ledger.activate_due(today=date(2027, 3, 1)) == 2
    by_label = {a.terms_label: a for a in ledger.agreements(ORG_A)}
    assert by_label["v2"].state == "active"
    assert (by_label[V1].state, by_label[V1].ended_reason) == ("terminated", "superseded")
    spare = ledger.create_agreement(ORG_A, "v2")
    with services.store.session() as s, pytest.raises(Exception, match=r"(?i)unique"):
        s.execute(
            text(f"UPDATE agreement SET state = 'active' WHERE id = {spare.id}")
        )  # one active per customer


def test_acceptance_status_tells_who_has_not_accepted_the_version_in_effect(
    ledger, services
) -> None:  # type: ignore[no-untyped-def]
    accept(ledger, day=date(2022, 1, 3), scan_bytes=PDF, scan_filename="a.pdf")
    _publish_v2(services, date(2027, 3, 1), today=date(2027, 1, 1))
    rows = {r.org_number: r for r in ledger.acceptance_status(today=date(2027, 3, 2))}
    a = rows[ORG_A].as_dict()
    assert (a["terms_label"], a["method"], a["signed_by"], a["has_scan"]) == (
        V1,
        "paper",
        "Kari Nordmann",
        True,
    )
    assert (a["current_label"], a["up_to_date"]) == ("v2", False)
    assert a["reacceptance"][0]["status"] == "to_notify"
    assert rows[ORG_C].latest is None and rows[ORG_C].up_to_date is False


# -- §14 re-acceptance -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("effective", "notify_by", "notified", "deadline"),
    [
        (date(2027, 3, 31), date(2027, 2, 28), date(2027, 1, 31), date(2027, 2, 28)),  # month ends
        (date(2028, 3, 31), date(2028, 2, 29), date(2028, 1, 31), date(2028, 2, 29)),  # leap year
        (date(2028, 3, 1), date(2028, 2, 1), date(2028, 2, 29), date(2028, 3, 29)),
        (
            date(2027, 1, 15),
            date(2026, 12, 15),
            date(2026, 12, 15),
            date(2027, 1, 15),
        ),  # across the new year
    ],
)
def test_reacceptance_dates_on_month_ends_and_leap_years(  # type: ignore[no-untyped-def]
    ledger, services, effective, notify_by, notified, deadline
) -> None:
    _publish_v2(services, effective, today=notified)
    [row] = [r for r in ledger.reacceptance_list("v2", today=notified) if r.org_number == ORG_A]
    assert (row.last_notice_date, row.status, row.acceptance_deadline) == (
        notify_by,
        "to_notify",
        None,
    )
    assert ledger.mark_notified("v2", [ORG_A], notified, how="e-post", today=notified) == 1
    [row] = [r for r in ledger.reacceptance_list("v2", today=deadline) if r.org_number == ORG_A]
    assert (row.notified_on, row.acceptance_deadline, row.status) == (
        notified,
        deadline,
        "notified",
    )
    assert row.notice_late is (notified > notify_by)
    [row] = [
        r
        for r in ledger.reacceptance_list("v2", today=date.fromordinal(deadline.toordinal() + 1))
        if r.org_number == ORG_A
    ]
    assert row.status == "overdue"


def test_overdue_customers_are_only_proposed_and_end_only_when_the_owner_confirms(
    ledger, services
) -> None:  # type: ignore[no-untyped-def]
    for org, person in ((ORG_A, 1), (ORG_B, 2)):
        ledger.record_acceptance(
            org,
            V1,
            method="online",
            signed_by_person_id=person,
            accepted_on=date(2022, 1, 3),
            today=date(2022, 1, 3),
        )
    _publish_v2(services, date(2027, 3, 1), today=date(2027, 1, 10))
    assert (
        ledger.mark_notified(
            "v2", [ORG_A, ORG_B, ORG_C], date(2027, 1, 15), today=date(2027, 1, 15)
        )
        == 3
    )
    assert (
        ledger.mark_notified("v2", [ORG_A], date(2027, 1, 20), today=date(2027, 1, 20)) == 0
    )  # first notice counts
    ledger.record_acceptance(
        ORG_B,
        "v2",
        method="email",
        signed_by_person_id=2,
        accepted_on=date(2027, 2, 10),
        today=date(2027, 2, 10),
    )
    assert (
        ledger.termination_proposals(today=date(2027, 2, 15)) == []
    )  # deadline 15 February: still in time

    proposals = ledger.termination_proposals(today=date(2027, 2, 16))
    assert [
        (p.org_number, p.acceptance_deadline, p.considered_terminated_on) for p in proposals
    ] == [
        (ORG_A, date(2027, 2, 15), date(2027, 2, 16)),
        (ORG_C, date(2027, 2, 15), date(2027, 2, 16)),
    ]
    # Proposing changed nothing: A's agreement is active and the customer relationship goes on.
    assert {a.org_number: a.state for a in ledger.agreements()}[ORG_A] == "active"
    with services.store.session() as s:
        assert (
            s.execute(
                select(Customer.relationship_ended_on).where(Customer.org_number == ORG_A)
            ).scalar()
            is None
        )
    accepted = {r.org_number: r for r in ledger.reacceptance_list("v2", today=date(2027, 2, 16))}[
        ORG_B
    ]
    with pytest.raises(UserError, match="not overdue"):
        ledger.confirm_terminations(
            [accepted.notice_id, proposals[0].notice_id], today=date(2027, 2, 16)
        )
    assert {a.org_number: a.state for a in ledger.agreements()}[ORG_A] == "active"  # all or nothing

    done = ledger.confirm_terminations([proposals[0].notice_id], today=date(2027, 2, 16))
    assert [p.org_number for p in done] == [ORG_A] and done[0].confirmed_at is not None
    agreement_a = next(a for a in ledger.agreements(ORG_A))
    assert (agreement_a.state, agreement_a.ended_reason) == ("terminated", "not_reaccepted")
    with services.store.session() as s:
        assert s.execute(
            select(Customer.relationship_ended_on).where(Customer.org_number == ORG_A)
        ).scalar() == date(2027, 2, 16)
    rows = {r.org_number: r.status for r in ledger.reacceptance_list("v2", today=date(2027, 2, 16))}
    assert rows == {ORG_A: "terminated", ORG_B: "accepted", ORG_C: "overdue"}
    with pytest.raises(UserError, match="confirmed already"):
        ledger.confirm_terminations([proposals[0].notice_id], today=date(2027, 2, 17))
    assert [p.org_number for p in ledger.termination_proposals(today=date(2027, 2, 17))] == [ORG_C]
    with services.store.session() as s:
        confirmed = [
            payload_of(e)
            for e in s.execute(
                select(AuditEntry).where(AuditEntry.action == "reacceptance.termination_confirmed")
            ).scalars()
        ]
    assert confirmed == [
        {
            "terms_label": "v2",
            "considered_terminated_on": "2027-02-16",
            "agreements_ended": [agreement_a.document_id],
        }
    ]
    assert _actions(services).count("reacceptance.termination_proposed") == 2


def test_a_later_acceptance_resumes_an_ended_relationship(ledger, services) -> None:  # type: ignore[no-untyped-def]
    _publish_v2(services, date(2027, 3, 1), today=date(2027, 1, 10))
    ledger.mark_notified("v2", [ORG_C], date(2027, 1, 15), today=date(2027, 1, 15))
    [proposal] = [
        p for p in ledger.termination_proposals(today=date(2027, 3, 1)) if p.org_number == ORG_C
    ]
    ledger.confirm_terminations([proposal.notice_id], today=date(2027, 3, 1))
    ledger.record_acceptance(
        ORG_C,
        "v2",
        method="online",
        signed_by_person_id=3,
        accepted_on=date(2027, 4, 1),
        today=date(2027, 4, 1),
    )
    with services.store.session() as s:
        assert (
            s.execute(
                select(Customer.relationship_ended_on).where(Customer.org_number == ORG_C)
            ).scalar()
            is None
        )
    assert "customer.relationship_resumed" in _actions(services)


def test_notices_cannot_be_dated_in_the_future_or_given_to_customers_not_on_the_list(
    ledger, services
) -> None:  # type: ignore[no-untyped-def]
    with services.store.session() as s:
        s.add(Customer(org_number="990001111", name="Ny AS", status="active"))
    with pytest.raises(UserError, match=r"is a draft|No terms version"):
        ledger.mark_notified("v2", [ORG_A], date(2027, 1, 1), today=date(2027, 1, 1))
    _publish_v2(services, date(2027, 3, 1), today=date(2027, 1, 1))
    with pytest.raises(UserError, match="in the future"):
        ledger.mark_notified("v2", [ORG_A], date(2027, 1, 2), today=date(2027, 1, 1))
    with services.store.session() as s:
        s.add(Customer(org_number="923609016", name="Etter AS", status="active"))
    with pytest.raises(UserError, match="not on the re-acceptance list"):
        ledger.mark_notified("v2", ["923609016"], date(2027, 1, 1), today=date(2027, 1, 1))
    assert ledger.reacceptance_versions() == ["v2"]


def test_the_customer_list_shows_the_agreement_state(ledger, services) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.services.customers import CustomerQuery

    ledger.create_agreement(ORG_B, V1)
    accept(ledger, method="online", day=date(2022, 1, 3))
    rows = {
        r.org_number: r.agreement_state for r in services.customers.list_customers(CustomerQuery())
    }
    assert rows == {ORG_A: "active", ORG_B: "draft", ORG_C: ""}


def test_an_erased_signers_name_can_be_blanked_and_the_acceptance_stays(ledger) -> None:  # type: ignore[no-untyped-def]
    result = accept(ledger, scan_bytes=PDF, scan_filename="a.pdf")
    assert ledger.erase_signer_name(1) == 1
    assert ledger.erase_signer_name(1) == 0
    [view] = ledger.acceptances(ORG_A)
    assert (view.id, view.signed_by_name, view.signed_by_person_id, view.accepted_on) == (
        result.acceptance.id,
        "",
        1,
        date(2022, 5, 2),
    )
    assert ledger.scan(view.id).data == PDF


def test_erasing_a_person_blanks_their_name_on_signed_acceptances_but_keeps_the_evidence(
    ledger, services
) -> None:  # type: ignore[no-untyped-def]
    result = accept(ledger, scan_bytes=PDF, scan_filename="a.pdf")
    assert result.acceptance.signed_by_name != ""
    services.people.erase(1)
    [view] = ledger.acceptances(ORG_A)
    assert (view.id, view.signed_by_name, view.signed_by_person_id) == (result.acceptance.id, "", 1)
    assert ledger.scan(view.id).data == PDF


def test_erasing_a_signer_also_blanks_the_signatory_warning_that_names_them(
    ledger, services
) -> None:  # type: ignore[no-untyped-def]
    """Issue 18: "Ola Nordmann is not a signatory…" must not outlive Ola's erasure."""
    other = ledger.record_acceptance(
        ORG_A,
        V1,
        method="email",
        signed_by_person_id=2,
        accepted_on=date(2022, 3, 2),
        today=date(2022, 3, 2),
    )
    assert "Ola Nordmann" in (other.acceptance.warning or "")
    services.people.erase(2)
    [view] = ledger.acceptances(ORG_A)
    assert (view.id, view.signed_by_name, view.signed_by_person_id) == (other.acceptance.id, "", 2)
    assert not view.warning
    with services.store.read_session() as s:
        stored = s.execute(
            select(Acceptance.signatory_warning).where(Acceptance.id == other.acceptance.id)
        ).scalar_one()
    assert "Ola" not in (stored or "") and "Nordmann" not in (stored or "")
