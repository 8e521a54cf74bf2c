"""What is due over 10,000 customers (30,000 people, 10,000 agreements, 10,000 services), and the
Art. 30 records of all of them: printed figures, never timed assertions."""

from __future__ import annotations

import statistics
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from bench_data import org_numbers

pytestmark = pytest.mark.bench

CUSTOMERS = 10_000


def populate(folder: Path) -> Any:
    """A store with CUSTOMERS customers (every hundredth ended 4 months ago), 3 people each."""
    from sqlalchemy import insert

    from contractdesk.paths import StorePaths
    from contractdesk.services.context import Services
    from contractdesk.services.demo import DEMO_SUPPLIER
    from contractdesk.store.models import (
        Acceptance,
        Agreement,
        Customer,
        Person,
        PersonRole,
        ServiceRecord,
        TermsVersion,
    )
    from contractdesk.store.profile import demo_profile
    from contractdesk.store.types import utcnow

    services = Services(demo_profile(folder), StorePaths(folder))
    services.supplier.save(DEMO_SUPPLIER, actor="bench")
    now = utcnow()
    today = date.today()
    with services.store.session() as s:
        version = s.query(TermsVersion).filter_by(state="published").first()
        assert version is not None
        orgs = org_numbers(CUSTOMERS)
        s.execute(
            insert(Customer),
            [
                {
                    "id": i + 1,
                    "org_number": org,
                    "name": f"Kunde {i} AS",
                    "status": "active",
                    # every hundredth customer ended 4 months ago: due
                    "relationship_ended_on": today - timedelta(days=120) if i % 100 == 0 else None,
                    "registry_roles": [{"name": f"Styreleder {i}"}],
                    "created_at": now,
                    "updated_at": now,
                }
                for i, org in enumerate(orgs)
            ],
        )
        s.execute(
            insert(Person),
            [
                {
                    "id": p,
                    "first_name": "Kari",
                    "last_name": f"N{p}",
                    "emails": [f"k{p}@x.no"],
                    "created_at": now,
                    "updated_at": now,
                }
                for p in range(1, 3 * CUSTOMERS + 1)
            ],
        )
        s.execute(
            insert(PersonRole),
            [
                {
                    "person_id": 3 * c + k + 1,
                    "customer_id": c + 1,
                    "role": "main_contact" if k == 0 else "contact",
                    "since": today,
                    "created_at": now,
                }
                for c in range(CUSTOMERS)
                for k in range(3)
            ],
        )
        s.execute(
            insert(Agreement),
            [
                {
                    "id": c + 1,
                    "document_id": f"CD-2024-{c + 1:06d}",
                    "customer_id": c + 1,
                    "terms_version_id": version.id,
                    "state": "active",
                    "created_at": now,
                    "updated_at": now,
                    "signed_at": date(2024, 1, 2),
                }
                for c in range(CUSTOMERS)
            ],
        )
        s.execute(
            insert(Acceptance),
            [
                {
                    "customer_id": c + 1,
                    "terms_version_id": version.id,
                    "agreement_id": c + 1,
                    "accepted_on": date(2024, 1, 2),
                    "method": "online",
                    "signed_by_person_id": 3 * c + 1,
                    "recorded_at": now,
                }
                for c in range(CUSTOMERS)
            ],
        )
        s.execute(
            insert(ServiceRecord),
            [
                {
                    "customer_id": c + 1,
                    "kind": "licence",
                    "name": "CRM",
                    "annual_price": "12000",
                    "period": "half-yearly",
                    "start": date(2024, 1, 1),
                    "trial_days": 0,
                    "created_at": now,
                    "updated_at": now,
                }
                for c in range(CUSTOMERS)
            ],
        )
    return services


def test_bench_retention_due_and_art30(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("privacy-bench")
    services = populate(folder)
    retention = services.privacy.retention
    due_ms = []
    for _ in range(3):
        started = time.perf_counter()
        plan = retention.due()
        due_ms.append((time.perf_counter() - started) * 1000)
    assert len(plan.items) == CUSTOMERS // 100
    started = time.perf_counter()
    result = services.privacy.documents.export_art30(folder / "art30.pdf", csv=folder / "art30.csv")
    art30_s = time.perf_counter() - started
    started = time.perf_counter()
    retention.run(expected=plan.keys)
    run_s = time.perf_counter() - started
    print(
        f"\nretention due over {CUSTOMERS:,} customers: median {statistics.median(due_ms):.0f} ms "
        f"({len(plan.items)} due); Art. 30 of {result.controllers:,} controllers: {art30_s:.1f} s "
        f"({(folder / 'art30.pdf').stat().st_size // 1024} kB); "
        f"run over {len(plan.items)} customers (3 persons each): {run_s:.1f} s"
    )
    services.close()
