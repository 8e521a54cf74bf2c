"""Retention that runs: customers ended 1, 3 and 4 months ago; exactly the due ones are proposed;
after the run none of their personal data is left in the decrypted store (free pages included),
the accounting evidence stays and is marked; old backups are pruned; the audit names no one."""

from __future__ import annotations

import os
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from canary_testkit import decrypted_pages, found, plaintext_export
from sqlalchemy import func, select

from contractdesk.domain.privacy.retention import RuleKey, add_months
from contractdesk.errors import UserError
from contractdesk.services.billing import ServiceInput
from contractdesk.services.people import PersonInput
from contractdesk.store import audit
from contractdesk.store.models import (
    Acceptance,
    AcceptanceScan,
    AuditEntry,
    Customer,
    ServiceRecord,
)

pytestmark = pytest.mark.both_engines  # each test runs on SQLite and on PostgreSQL

V1 = "2021-04-17"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" + bytes(range(256)) + b"\n%%EOF\n"
TODAY = date.today()
# name, org number, months since the relationship ended (None: still a customer), canary tag (ASCII:
# JSON columns escape other letters, which would hide a canary from the scan)
CUSTOMERS = (
    ("Enmåned AS", "923130969", 1, "One"),
    ("Tremåneder AS", "928571432", 3, "Three"),
    ("Firemåneder AS", "926511890", 4, "Four"),
    ("Aktiv AS", "915933149", None, "Live"),
)


def canaries(tag: str) -> dict[str, str]:
    return {
        "first": f"Cnry{tag}First",
        "last": f"Cnry{tag}Last",
        "title": f"Cnry{tag}Title",
        "email": f"cnry.{tag.lower()}@canary-example.no",
        "registry": f"Cnry{tag}Styreleder",
        "sent_to": f"sent.{tag.lower()}@canary-example.no",
    }


def populate(services) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Four customers, each with a main contact, a registry role holder, an agreement e-mailed,
    a signed acceptance with its scan, and a licence; then the relationships end as in CUSTOMERS."""
    with services.store.session() as s:
        for name, org, _, tag in CUSTOMERS:
            c = canaries(tag)
            s.add(
                Customer(
                    org_number=org,
                    name=name,
                    status="active",
                    registry_roles=[
                        {"role_code": "LEDE", "role": "Styrets leder", "name": c["registry"]}
                    ],
                    signing_rule={"text": "Styrets leder alene.", "signer_sets": [[c["registry"]]]},
                )
            )
    ids = {}
    start = date(2024, 1, 1)
    for _name, org, _, tag in CUSTOMERS:
        c = canaries(tag)
        person = services.people.add_person_at(
            org,
            PersonInput(c["first"], c["last"], title=c["title"], emails=(c["email"],)),
            "main-contact",
        )
        ids[org] = person
        agreement = services.agreements.create_agreement(org, V1, today=start)
        services.agreements.mark_sent(agreement.document_id, c["sent_to"])
        services.agreements.record_acceptance(
            org,
            V1,
            method="paper",
            signed_by_person_id=person,
            accepted_on=start,
            scan_bytes=PDF,
            scan_filename="signert.pdf",
            agreement_ref=agreement.document_id,
            today=start,
        )
        services.billing.add_service(
            org, ServiceInput("licence", "CRM", annual_price="12000", start=start)
        )
    with services.store.session() as s:
        for _name, org, months, _tag in CUSTOMERS:
            if months is not None:
                customer = s.execute(
                    select(Customer).where(Customer.org_number == org)
                ).scalar_one()
                customer.relationship_ended_on = add_months(TODAY, -months)
    return ids


@pytest.mark.sqlite_only  # looks into the decrypted pages of the file
def test_exactly_the_due_customers_are_proposed_and_the_run_leaves_no_personal_data(
    services, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    populate(services)
    old = services.paths.backups / "contractdesk-before-migration-0004-20200101T000000Z.db"
    fresh = services.paths.backups / "contractdesk-before-migration-0005-20990101T000000Z.db"
    services.paths.backups.mkdir(parents=True, exist_ok=True)
    for path in (old, fresh):
        path.write_bytes(b"encrypted snapshot")
    past = time.time() - 200 * 86400
    os.utime(old, (past, past))
    from contractdesk.store import autobackup

    auto = tmp_path / "synced"
    auto.mkdir()
    autobackup.save_config(services.paths.data_dir, autobackup.AutoBackupConfig(auto, None))
    old_auto = auto / "contractdesk-auto-20200105T030000Z.cdbackup"
    new_auto = auto / f"contractdesk-auto-{TODAY:%Y%m%d}T030000Z.cdbackup"
    for path in (old_auto, new_auto):
        path.write_bytes(b"encrypted backup")
    retention = services.privacy.retention

    plan = retention.due()
    customer_items = [i for i in plan.items if i.rule is RuleKey.CUSTOMER_DATA]
    assert [i.label for i in customer_items] == [
        "Firemåneder AS (926511890)",  # the longest overdue first
        "Tremåneder AS (928571432)",
    ]
    assert [i.due_on for i in customer_items] == [add_months(add_months(TODAY, -4), 3), TODAY]
    assert {i.rule for i in plan.items} == {RuleKey.CUSTOMER_DATA}  # nothing else is due yet
    assert plan.backups == (str(old_auto), str(old))  # oldest first
    shown = plan.as_dict()
    ops = [o["op"] for o in shown["rules"][0]["due"][0]["operations"]]
    assert ops == ["erase_person", "blank_registry_persons", "blank_recipients"]
    assert shown["rules"][0]["source"].startswith("Avtalevilkår 17.04.2021 §12.1")
    assert any("bokføringsloven" in k for k in shown["rules"][0]["due"][0]["kept_as_evidence"])
    # A day earlier, the customer ended three months ago was not due yet.
    assert (
        len(
            [
                i
                for i in retention.due(TODAY - timedelta(days=1)).items
                if i.rule is RuleKey.CUSTOMER_DATA
            ]
        )
        == 1
    )

    gone = [*canaries("Three").values(), *canaries("Four").values()]
    kept = [*canaries("One").values(), *canaries("Live").values()]
    services.store.checkpoint()
    assert found(decrypted_pages(services), gone) != []  # the probe works

    result = retention.run(expected=plan.keys)

    assert result.items == 2 and result.persons_erased == 2
    assert result.backups_pruned == (str(old_auto), str(old))
    assert not old.exists() and fresh.exists()
    assert not old_auto.exists() and new_auto.exists()
    plain = plaintext_export(services, tmp_path / "after")
    assert found(plain, gone) == []
    assert found(plain, kept) == kept  # positive control: the others' data is untouched
    pages = decrypted_pages(services)
    assert found(pages, gone) == []  # not even in free pages
    for path in services.paths.data_dir.rglob("*"):
        if path.is_file():
            assert found(path.read_bytes(), gone) == [], path

    # Accounting evidence stays and is marked.
    with services.store.read_session() as s:
        assert s.execute(select(func.count(Acceptance.id))).scalar() == 4
        assert s.execute(select(func.count(AcceptanceScan.id))).scalar() == 4
        assert all(scan.data == PDF for scan in s.execute(select(AcceptanceScan)).scalars())
        assert s.execute(select(func.count(ServiceRecord.id))).scalar() == 4
        names = set(s.execute(select(Customer.name)).scalars())
        assert {"Tremåneder AS", "Firemåneder AS"} <= names
        assert audit.verify(s).ok
        entries = list(
            s.execute(select(AuditEntry).where(AuditEntry.action.like("retention.%"))).scalars()
        )
    assert [e.action for e in entries] == [
        "retention.applied",
        "retention.applied",
        "retention.run",
    ]
    assert found(b"".join((e.payload or "").encode() for e in entries), gone + kept) == []
    marks = retention.marks()
    assert [m.rule for m in marks] == ["customer_data", "customer_data"]
    # Invoiced until the relationship ended: kept 5 years after the end of that fiscal year.
    assert [m.kept_until for m in marks] == [
        date(add_months(TODAY, -months).year + 6, 1, 1) for months in (4, 3)
    ]
    assert any("bokføringsloven" in k for k in marks[0].kept)

    # Done is done: nothing is proposed again, and a stale confirmation changes nothing.
    assert [i for i in retention.due().items if i.rule is RuleKey.CUSTOMER_DATA] == []
    with pytest.raises(UserError, match="changed"):
        retention.run(expected=plan.keys)


def test_other_rules_fall_due_by_their_own_periods(services) -> None:  # type: ignore[no-untyped-def]
    ids = populate(services)
    people = services.people
    subscriber = people.add_person(PersonInput("Nyhets", "Leser", emails=("leser@example.no",)))
    people.record_consent(subscriber, "newsletter", True, on=TODAY - timedelta(days=90))
    people.record_consent(subscriber, "newsletter", False, on=TODAY - timedelta(days=31))
    recent = people.add_person(PersonInput("Fersk", "Avmeldt"))
    people.record_consent(recent, "newsletter", True, on=TODAY - timedelta(days=40))
    people.record_consent(recent, "newsletter", False, on=TODAY - timedelta(days=29))
    request = people.log_request(ids["915933149"], "access", received_on=date(2020, 1, 2))
    people.complete_request(request, done_on=date(2020, 1, 20))
    with services.store.session() as s:
        s.add(Customer(org_number="974760673", name="Prospekt AS", status="active"))
    retention = services.privacy.retention

    plan = retention.due()
    by_rule = {rule: [i for i in plan.items if i.rule is rule] for rule in RuleKey}
    assert [i.subject for i in by_rule[RuleKey.NEWSLETTER_SIGNOFFS]] == [f"person:{subscriber}"]
    assert [i.subject for i in by_rule[RuleKey.CASE_LOGS]] == ["requests"]
    assert by_rule[RuleKey.PROSPECTS] == []  # registered today: 2 years to go
    assert by_rule[RuleKey.BILLING] == []  # invoiced until the end: kept 5 years after that year
    later = retention.due(date(TODAY.year + 6, 1, 2))
    assert {i.label for i in later.items if i.rule is RuleKey.BILLING} >= {
        "Tremåneder AS (928571432)",
        "Firemåneder AS (926511890)",
    }
    assert [i.label for i in later.items if i.rule is RuleKey.PROSPECTS] == [
        "Prospekt AS (974760673)"
    ]

    retention.set_period("newsletter-signoffs", 20)
    assert {i.subject for i in retention.due().items if i.rule is RuleKey.NEWSLETTER_SIGNOFFS} == {
        f"person:{subscriber}",
        f"person:{recent}",
    }
    retention.run()
    assert people.get(subscriber).erased and people.get(recent).erased
    assert all(c.given is None and c.on is None for c in people.consents(subscriber))
    with pytest.raises(UserError, match="Unknown retention rule"):
        retention.set_period("forever", 1)
