"""Benchmark: the service-level plan (store rows → domain → plan) for 10,000 customers with 3 services each.

Records figures only (run with ``uv run pytest tests/bench -m bench -s``): loading the rows from the
encrypted store, the whole ``BillingService.plan`` for 12 months (target < 2 s, wall and CPU time, with the
machine's load average), and a CSV export of it; checks the export wrote that plan exactly as ``csv.writer``
writes ``plan_csv_rows``.
"""

from __future__ import annotations

import csv
import io
import os
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from bench_data import org_numbers
from sqlalchemy import insert, select

from contractdesk.domain.invoicing import plan_csv_rows
from contractdesk.output.csv_plan import write_plan_csv
from contractdesk.store.models import Customer, ServiceRecord, UsageEntry
from contractdesk.store.types import utcnow

pytestmark = pytest.mark.bench

CUSTOMERS = 10_000
_PERIODS = ("yearly", "half-yearly", "quarterly", "bimonthly", "monthly")


def _fill(services) -> None:  # type: ignore[no-untyped-def]
    now = utcnow()
    with services.store.session() as s:
        s.execute(
            insert(Customer),
            [
                {
                    "org_number": org,
                    "name": f"Kunde {i}",
                    "status": "active",
                    "delivery_method": ("paper", "email", "ehf")[i % 3],
                    "invoice_period": "half-yearly",
                    "organisation_form": "",
                    "organisation_form_text": "",
                    "vat_registered": False,
                    "registry_roles": [],
                    "reference_list_allowed": True,
                    "logo_consent": False,
                    "created_at": now,
                    "updated_at": now,
                }
                for i, org in enumerate(org_numbers(CUSTOMERS))
            ],
        )
        ids = list(s.execute(select(Customer.id).order_by(Customer.id)).scalars())
        rows = []
        for i, cid in enumerate(ids):
            start = date(2025, 1, 1) + timedelta(days=(i * 37) % 900)
            base = {
                "customer_id": cid,
                "annual_price": None,
                "period": None,
                "start": None,
                "trial_days": 0,
                "amount": None,
                "cost_date": None,
                "unit_price": None,
                "terminated_on": None,
                "requested_end": None,
                "created_at": now,
                "updated_at": now,
            }
            rows.append(
                {
                    **base,
                    "kind": "licence",
                    "name": "Licence",
                    "annual_price": 1200 + (i % 50) * 100,
                    "period": _PERIODS[i % 5],
                    "start": start,
                    "trial_days": (i % 4) * 15,
                    "terminated_on": date(2027, 5, 1) + timedelta(days=i % 120)
                    if i % 10 == 0
                    else None,
                }
            )
            rows.append({**base, "kind": "usage", "name": "SMS", "unit_price": "0.395"})
            rows.append(
                {
                    **base,
                    "kind": "one_off",
                    "name": "Setup",
                    "amount": "2500.00",
                    "cost_date": date(2027, 1, 1) + timedelta(days=i % 365),
                }
            )
        for row in rows:
            if row["annual_price"] is not None:
                row["annual_price"] = str(row["annual_price"])
        s.execute(insert(ServiceRecord), rows)
        usage_ids = list(
            s.execute(select(ServiceRecord.id).where(ServiceRecord.kind == "usage")).scalars()
        )
        s.execute(
            insert(UsageEntry),
            [
                {
                    "service_id": sid,
                    "month": date(2027, m, 1),
                    "quantity": str(100 + sid % 400),
                    "recorded_at": now,
                }
                for sid in usage_ids
                for m in range(1, 13)
            ],
        )


def _load(services):  # type: ignore[no-untyped-def]
    """The repository's load of every customer's services as domain values (what the plan reads)."""
    from contractdesk.perf import gc_paused
    from contractdesk.store.queries.billing import billing_customers

    with gc_paused(), services.store.read_session() as s:
        return billing_customers(s, None, None)[0]


def test_bench_service_plan_for_10000_customers(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    _fill(services)
    filled = time.perf_counter() - began
    billing = services.billing
    load_before = os.getloadavg()[0]
    runs = []
    cpu = []
    loads = []
    for _ in range(3):
        began = time.perf_counter()
        loaded = _load(services)
        loads.append(time.perf_counter() - began)
        del loaded
        began, cpu_began = time.perf_counter(), time.process_time()
        plan = billing.plan(None, date(2027, 1, 1), date(2027, 12, 31))
        runs.append(time.perf_counter() - began)
        cpu.append(time.process_time() - cpu_began)
    began = time.perf_counter()
    result = billing.export_csv(tmp_path / "plan.csv", date(2027, 1, 1), date(2027, 12, 31))
    exported = time.perf_counter() - began
    began = time.perf_counter()
    write_plan_csv(tmp_path / "again.csv", plan)
    written = time.perf_counter() - began
    load_after = os.getloadavg()[0]
    services_count = sum(len(c.services) for c in _load(services))
    print(
        f"\nservice plan 2027, {CUSTOMERS} customers x 3 services ({services_count} "
        f"services): {len(plan)} documents; fill {filled:.2f} s; load rows "
        f"{', '.join(f'{r:.3f}' for r in loads)} s; whole plan {', '.join(f'{r:.3f}' for r in runs)} s "
        f"(best {min(runs):.3f} s, CPU best {min(cpu):.3f} s); CSV export {exported:.2f} s (of which "
        f"writing {written:.2f} s), {result.rows} lines; load average {load_before:.2f} -> {load_after:.2f} "
        f"on {os.cpu_count()} CPUs"
    )
    assert len(plan) > CUSTOMERS
    # The export wrote the same plan, and the fast writer wrote what csv.writer makes of the rows.
    text = (tmp_path / "again.csv").read_bytes()
    assert (tmp_path / "plan.csv").read_bytes() == text
    reference = io.StringIO()
    csv.writer(reference, delimiter=";", lineterminator="\r\n").writerows(plan_csv_rows(plan))
    assert text.decode("utf-8") == reference.getvalue()
