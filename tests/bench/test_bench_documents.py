"""Agreement documents from the store: one agreement (prepare + render) and a 1,000-customer batch.

Run: ``uv run pytest tests/bench/test_bench_documents.py -m bench -s``. The store holds 1,000 active
customers (registry roles, a general manager with a person record, a licence and an SMS service
each) and the shipped 2021 terms. Figures are printed, never asserted against a time.
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from contractdesk.domain.orgnr import is_valid_org_number

pytestmark = pytest.mark.bench
CUSTOMERS = 1000


def _report(name: str, **figures: object) -> None:
    print(f"\n[bench] {name}: " + ", ".join(f"{k}={v}" for k, v in figures.items()))


def _org_numbers(n: int) -> list[str]:
    out, number = [], 810000000
    while len(out) < n:
        number += 1
        if is_valid_org_number(str(number)):
            out.append(str(number))
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from contractdesk.paths import StorePaths
    from contractdesk.services.context import Services
    from contractdesk.services.demo import DEMO_SUPPLIER
    from contractdesk.store.models import Customer, Person, PersonRole, ServiceRecord
    from contractdesk.store.profile import demo_profile

    folder = tmp_path_factory.mktemp("bench-docs")
    services = Services(demo_profile(folder / "data"), StorePaths(folder / "data"))
    services.supplier.save(DEMO_SUPPLIER, actor="bench")
    orgs = _org_numbers(CUSTOMERS)
    with services.store.session() as s:
        for i, org in enumerate(orgs):
            name = f"Kari Nordmann {i}"
            customer = Customer(
                org_number=org,
                name=f"Kunde {i} AS",
                sort_name=f"kunde {i:05d} as",
                status="active",
                verified_at=datetime(2026, 1, 1, tzinfo=UTC),
                business_address={
                    "lines": [f"Storgata {i}"],
                    "postcode": "6413",
                    "city": "MOLDE",
                    "country_code": "NO",
                },
                registry_roles=[{"role_code": "DAGL", "role": "Daglig leder", "name": name}],
                signing_rule={
                    "text": "Daglig leder alene.",
                    "signer_sets": [[name]],
                    "registered": True,
                },
            )
            s.add(customer)
            person = Person(
                first_name="Kari", last_name=f"Nordmann {i}", emails=[f"kari{i}@example.no"]
            )
            s.add(person)
            s.flush()
            s.add(
                PersonRole(
                    person_id=person.id,
                    customer_id=customer.id,
                    role="general_manager",
                    since=date(2026, 1, 1),
                )
            )
            s.add(
                PersonRole(
                    person_id=person.id,
                    customer_id=customer.id,
                    role="main_contact",
                    since=date(2026, 1, 1),
                )
            )
            s.add(
                ServiceRecord(
                    customer_id=customer.id,
                    kind="licence",
                    name="CRM-lisens",
                    annual_price=Decimal(12000),
                    period="half-yearly",
                    start=date(2026, 1, 1),
                )
            )
            s.add(
                ServiceRecord(
                    customer_id=customer.id, kind="usage", name="SMS", unit_price=Decimal("0.45")
                )
            )
    yield services, orgs
    services.close()


def test_one_agreement_from_the_store_warm(store) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.output.pdf import render_agreement

    services, orgs = store
    docs = services.documents
    for org in orgs[:3]:
        docs.agreement_pdf(org)  # warm: version cached, story built, agreements made
    prepare, render, total = [], [], []
    for org in orgs[:30]:
        t = time.perf_counter()
        prepared = docs.prepare(org)
        p = time.perf_counter()
        render_agreement(prepared.input)
        r = time.perf_counter()
        prepare.append((p - t) * 1000)
        render.append((r - p) * 1000)
    for org in orgs[30:60]:
        t = time.perf_counter()
        docs.agreement_pdf(org)  # includes making the draft agreement (one write transaction)
        total.append((time.perf_counter() - t) * 1000)
    _report(
        "one agreement from the store, warm process",
        prepare_median_ms=round(statistics.median(prepare), 1),
        prepare_min_ms=round(min(prepare), 1),
        render_median_ms=round(statistics.median(render), 1),
        render_min_ms=round(min(render), 1),
        first_time_incl_new_draft_median_ms=round(statistics.median(total), 1),
        load=os.getloadavg()[0],
    )


def test_batch_of_all_active_customers(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services, _orgs = store
    t = time.perf_counter()
    outcome = services.documents.batch(tmp_path / "out", all_active=True, workers=2)
    wall = time.perf_counter() - t
    assert outcome.result is not None and outcome.result.ok and len(outcome.written) == CUSTOMERS
    _report(
        f"batch of {CUSTOMERS} customers from the store, 2 workers",
        wall_s=round(wall, 2),
        prepare_s=round(outcome.prepare_seconds, 2),
        render_wall_s=round(outcome.result.seconds, 2),
        worker_cpu_s=round(outcome.result.cpu_seconds, 1),
        cpu_bound_estimate_on_2_idle_cores_s=round(
            outcome.prepare_seconds + outcome.result.cpu_seconds / 2, 1
        ),
        load=os.getloadavg()[0],
    )
