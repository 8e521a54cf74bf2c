"""The change notification, the safety use cases and the paper workflow, on a real store."""

from __future__ import annotations

import subprocess
from datetime import date
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from documents_testkit import ORG_A, ORG_B, ORG_DELETED, seed

from contractdesk.errors import UserError
from contractdesk.services.changes import (
    ACCEPTANCES,
    AGREEMENTS,
    CUSTOMERS,
    PEOPLE,
    SERVICES,
    WRITES,
    Change,
    ChangeBus,
    service_at,
)
from contractdesk.services.people import PersonInput

TODAY = date(2026, 3, 2)


def listen(services: Any) -> list[Change]:
    seen: list[Change] = []
    services.changes.subscribe(seen.append)
    return seen


def test_every_listed_write_use_case_exists(services: Any) -> None:
    for attribute, methods in WRITES.items():
        service = service_at(services, attribute)
        for name in methods:
            assert hasattr(getattr(service, name), "__announces__"), f"{attribute}.{name}"


def test_a_new_main_contact_is_announced_for_its_customer(services: Any) -> None:
    seed(services)
    seen = listen(services)
    ola = services.people.add_person_at(ORG_B, PersonInput("Ola", "Hansen"), "main_contact")
    assert [c.action for c in seen] == ["add_person_at"]
    assert seen[0].org_numbers == {ORG_B} and seen[0].touches(PEOPLE, CUSTOMERS)
    assert seen[0].concerns(ORG_B) and not seen[0].concerns(ORG_A)
    assert ola in seen[0].ids


def test_reads_and_no_op_writes_announce_nothing(services: Any) -> None:
    seed(services)
    seen = listen(services)
    services.customers.get(ORG_A)
    services.agreements.agreements()
    assert services.agreements.activate_due(today=TODAY) == 0
    services.documents.agreement_pdf(ORG_A, today=TODAY)  # makes a draft: announced once
    services.documents.agreement_pdf(ORG_A, today=TODAY)  # the same draft: nothing new
    assert [c.action for c in seen] == ["agreement_pdf"]
    assert all(c.org_numbers == {ORG_A} and c.touches(AGREEMENTS) for c in seen)


def test_a_failed_write_announces_nothing_and_a_broken_listener_undoes_nothing(
    services: Any,
) -> None:
    seed(services)
    seen = listen(services)
    services.changes.subscribe(lambda _c: 1 / 0)
    with pytest.raises(UserError):
        services.documents.agreement_pdf(ORG_DELETED, today=TODAY)
    assert seen == []
    from contractdesk.services.billing import ServiceInput

    service_id = services.billing.add_service(
        ORG_B, ServiceInput("usage", "SMS", unit_price="0.45")
    )
    assert [c.action for c in seen] == ["add_service"] and service_id in seen[0].ids
    assert seen[0].touches(SERVICES) and services.billing.get_service(service_id)


def test_changes_merge_and_an_unknown_customer_means_any() -> None:
    a = Change(frozenset({PEOPLE}), frozenset({ORG_A}), frozenset({1}))
    b = Change(frozenset({ACCEPTANCES}), frozenset({ORG_B}))
    both = a.merged(b)
    assert both.areas == {PEOPLE, ACCEPTANCES} and both.org_numbers == {ORG_A, ORG_B}
    anyone = a.merged(Change(frozenset({PEOPLE})))
    assert anyone.org_numbers == frozenset() and anyone.concerns("999999999")
    bus = ChangeBus()
    seen: list[Change] = []
    stop = bus.subscribe(seen.append)
    bus.publish(a)
    stop()
    bus.publish(b)
    assert seen == [a]


def test_safety_describes_the_store(services: Any) -> None:
    info = services.safety.info()
    assert info.key_source == "memory" and info.path == services.store.path
    assert not info.damaged


def test_opening_by_passphrase_and_the_audit_log(tmp_path: Path) -> None:
    from contractdesk.paths import StorePaths
    from contractdesk.services.demo import DEMO_SUPPLIER
    from contractdesk.services.safety import create_services, open_services
    from contractdesk.store.errors import PassphraseRequiredError, WrongPassphraseError

    paths = StorePaths(tmp_path / "data")
    services = create_services(paths, DEMO_SUPPLIER, "first passphrase")
    try:
        entries = services.safety.audit_entries()
        assert entries
        kind = entries[-1].entity_type
        assert services.safety.audit_entries(kind, limit=1) == entries[-1:]
        assert services.safety.verify_audit().ok
    finally:
        services.close()
    with pytest.raises(PassphraseRequiredError):
        open_services(paths)
    with pytest.raises(WrongPassphraseError):
        open_services(paths, "second passphrase")
    again = open_services(paths, "first passphrase")
    assert again.supplier.get().name == DEMO_SUPPLIER.name
    assert again.safety.info().key_source == "passphrase"
    again.close()


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_print_pack_is_the_agreement_and_a_sheet_per_party(services: Any, tmp_path: Path) -> None:
    seed(services)
    pack = services.paper.print_pack(ORG_A, today=TODAY)
    assert len(pack.documents) == 3 and pack.documents[1] == pack.documents[2]
    sheet = tmp_path / "sheet.pdf"
    sheet.write_bytes(pack.sheet)
    assert "Signaturside" in pdf_text(sheet) and pack.ref.document_id in pdf_text(sheet)
    assert len(services.agreements.agreements()) == 1  # one agreement for all three


def test_sheets_for_several_customers_leave_out_who_cannot_sign(
    services: Any, tmp_path: Path
) -> None:
    seed(services)
    done: list[int] = []
    batch, pdfs = services.paper.sheets(
        [ORG_A, ORG_B, ORG_DELETED],
        tmp_path / "sheets",
        progress=lambda d, _t, _s: done.append(d),
        today=TODAY,
    )
    assert [p.name.split("-")[1] for p in batch.written] == [ORG_A, ORG_B]
    assert [org for org, _why in batch.skipped] == [ORG_DELETED] and batch.total == 3
    assert len(pdfs) == 2 and done[-1] == 3
    cancelled, _pdfs = services.paper.sheets([ORG_A, ORG_B], cancel=lambda: True, today=TODAY)
    assert cancelled.cancelled and cancelled.written == ()
    with pytest.raises(UserError):
        services.paper.sheets([], today=TODAY)


def test_the_e_mail_draft_carries_the_sheet_beside_the_agreement(
    services: Any, tmp_path: Path
) -> None:
    seed(services)
    draft = services.paper.email_draft_with_sheet(ORG_A, tmp_path / "a.eml", today=TODAY)
    message = message_from_bytes(draft.path.read_bytes(), policy=policy.default)
    names = [part.get_filename() for part in message.iter_attachments()]
    assert (
        len(names) == 2 and names[0].startswith("Avtale-") and names[1].startswith("Signaturside-")
    )
    assert draft.recipient_email == "kari@testesen.no"
