"""Benchmark: terms import/publish/diff, a 20 MB scan in and out, status and §14 lists for 2,000 customers."""

from __future__ import annotations

import os
import time
from datetime import date

import pytest
from bench_data import org_numbers

from contractdesk.domain.terms.importer import to_plain_text
from contractdesk.store.models import Customer, Person
from contractdesk.store.shipped_terms import shipped_version

pytestmark = pytest.mark.bench

CUSTOMERS = 2_000


def _timed(label: str, fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    print(f"{label}: {(time.perf_counter() - start) * 1000:.0f} ms")
    return result


def test_bench_terms_and_ledger(services) -> None:  # type: ignore[no-untyped-def]
    orgs = org_numbers(CUSTOMERS)
    with services.store.session() as s:
        s.add(Person(first_name="Kari", last_name="Nordmann"))
        for i, org in enumerate(orgs):
            s.add(
                Customer(
                    org_number=org,
                    name=f"Kunde {i:05d} AS",
                    status="active",
                    registry_roles=[{"role_code": "DAGL", "name": "Kari Nordmann"}],
                )
            )
    text = shipped_version("2021-04-17").source_text or ""
    _timed("import the 2021 seed as a draft", lambda: services.terms.import_text(text, "seed"))
    draft = services.terms.copy_to_draft("2021-04-17", "v2")
    edited = to_plain_text(draft.document).replace("Romsdal tingrett", "Oslo tingrett")
    _timed("edit a draft by plain text", lambda: services.terms.update_draft("v2", text=edited))
    _timed("diff 2021 vs v2", lambda: services.terms.diff("2021-04-17", "v2"))
    for i, org in enumerate(orgs[:500]):
        services.agreements.record_acceptance(
            org,
            "2021-04-17",
            method="online",
            signed_by_person_id=1,
            accepted_on=date(2022, 1, 1 + i % 28),
            today=date(2022, 2, 1),
        )
    result = _timed(
        f"publish v2 ({CUSTOMERS} customers to notify)",
        lambda: services.terms.publish(
            "v2", date(2027, 3, 1), confirm_gaps=True, today=date(2027, 1, 1)
        ),
    )
    assert result.notices_created == CUSTOMERS
    _timed(
        f"mark {CUSTOMERS} notified",
        lambda: services.agreements.mark_notified(
            "v2", orgs, date(2027, 1, 5), today=date(2027, 1, 5)
        ),
    )
    rows = _timed(
        f"re-acceptance list of {CUSTOMERS}",
        lambda: services.agreements.reacceptance_list("v2", today=date(2027, 3, 1)),
    )
    assert len(rows) == CUSTOMERS
    proposals = _timed(
        "termination proposals (first run stamps)",
        lambda: services.agreements.termination_proposals(today=date(2027, 3, 1)),
    )
    assert len(proposals) == CUSTOMERS
    status = _timed(
        f"acceptance status of {CUSTOMERS}",
        lambda: services.agreements.acceptance_status(today=date(2027, 3, 1)),
    )
    assert len(status) == CUSTOMERS
    scan = b"%PDF-1.7\n" + os.urandom(20 * 1024 * 1024)
    recorded = _timed(
        "record an acceptance with a 20 MB scan",
        lambda: services.agreements.record_acceptance(
            orgs[-1],
            "v2",
            method="paper",
            signed_by_person_id=1,
            accepted_on=date(2027, 1, 10),
            scan_bytes=scan,
            scan_filename="big.pdf",
            today=date(2027, 1, 10),
        ),
    )
    back = _timed(
        "read the 20 MB scan back", lambda: services.agreements.scan(recorded.acceptance.id)
    )
    assert back.data == scan
    _timed("ledger (501 acceptances)", lambda: services.agreements.acceptances())
