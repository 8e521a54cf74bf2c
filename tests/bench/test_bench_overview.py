"""The overview at 100,000 customers: every card read in one go, and each card's statement alone.

Run: uv run pytest tests/bench/test_bench_overview.py -m bench -s
The store: 100,000 customers each with a paid licence (starts spread over 900 days), 10,000
draft and 10,000 sent agreements, §14 notices of a new version for every active customer
(33,000 notified), 1,000
open data-subject requests, 2,000 flagged companies and 1,000 departed signatories, 1,000
planned price changes. Figures are printed, never asserted.
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from bench_data import org_numbers
from sqlalchemy import insert, select, update

from contractdesk.store.models import Customer
from contractdesk.store.models.agreements import Agreement, ReacceptanceNotice
from contractdesk.store.models.billing import PriceChange, ServiceRecord
from contractdesk.store.models.people import DataSubjectRequest
from contractdesk.store.models.terms import TermsVersion
from contractdesk.store.queries import overview as q
from contractdesk.store.types import utcnow

pytestmark = pytest.mark.bench

CUSTOMERS = 100_000
TODAY = date(2027, 9, 1)


def _status(i: int) -> str:
    return {0: "bankrupt", 1: "liquidation"}.get(i % 100, "active") if i % 100 < 2 else "active"


def _fill(services: Any) -> None:
    now = utcnow()
    with services.store.session() as s:
        s.execute(
            insert(Customer),
            [
                {
                    "org_number": org,
                    "name": f"Kunde {i}",
                    "status": _status(i),
                    "delivery_method": "email",
                    "invoice_period": "half-yearly",
                    "organisation_form": "",
                    "organisation_form_text": "",
                    "vat_registered": False,
                    "registry_roles": [],
                    "registry_data": {"departed_signatories": [{"name": "Ola"}]}
                    if i % 100 == 50
                    else None,
                    "reference_list_allowed": True,
                    "logo_consent": False,
                    "created_at": now,
                    "updated_at": now,
                }
                for i, org in enumerate(org_numbers(CUSTOMERS))
            ],
        )
        ids = list(s.execute(select(Customer.id).order_by(Customer.id)).scalars())
        s.execute(
            insert(ServiceRecord),
            [
                {
                    "customer_id": cid,
                    "kind": "licence",
                    "name": "Lisens",
                    "annual_price": str(1200 + (i % 50) * 100),
                    "period": "half-yearly",
                    "start": date(2025, 1, 1) + timedelta(days=(i * 37) % 900),
                    "trial_days": (i % 4) * 15,
                    "created_at": now,
                    "updated_at": now,
                }
                for i, cid in enumerate(ids)
            ],
        )
        version = s.execute(select(TermsVersion)).scalars().first()
        assert version is not None
        agreements = []
        for n, cid in enumerate(ids[:20_000]):
            sent = n % 2 == 1
            agreements.append(
                {
                    "document_id": f"CD-2027-{n:06d}",
                    "customer_id": cid,
                    "terms_version_id": version.id,
                    "state": "sent" if sent else "draft",
                    "sent_at": datetime(2027, 6, 1, tzinfo=UTC) + timedelta(hours=n)
                    if sent
                    else None,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        s.execute(insert(Agreement), agreements)
        service_ids = list(s.execute(select(ServiceRecord.id).limit(1000)).scalars())
        s.execute(
            insert(PriceChange),
            [
                {
                    "service_id": sid,
                    "effective": date(2028, 1, 1),
                    "announced": date(2027, 9, 20),
                    "old_price": "1200",
                    "new_price": "1300",
                    "created_at": now,
                }
                for sid in service_ids
            ],
        )
        s.execute(
            insert(DataSubjectRequest),
            [
                {
                    "person_id": None,
                    "kind": "access",
                    "received_on": date(2027, 8, 1) + timedelta(days=n % 30),
                    "due_on": date(2027, 9, 1) + timedelta(days=n % 30),
                    "note": "",
                    "created_at": now,
                }
                for n in range(1000)
            ],
        )
    _new_version_with_notices(services, ids[:50_000])


def _new_version_with_notices(services: Any, ids: list[int]) -> None:
    from contractdesk.domain.terms.importer import to_plain_text

    draft = services.terms.copy_to_draft("2021-04-17", "v2")
    services.terms.update_draft(
        "v2", text=to_plain_text(draft.document).replace("Avtalevilkår", "Vilkår v2", 1)
    )
    services.terms.publish("v2", date(2027, 10, 15), confirm_gaps=True, today=date(2027, 7, 1))
    # publishing put every active customer on the list (to notify); two in three of the first
    # 50,000 were notified on 1 August
    with services.store.session() as s:
        version = s.execute(select(TermsVersion).where(TermsVersion.label == "v2")).scalar_one()
        n = ReacceptanceNotice.__table__.c
        s.execute(
            update(ReacceptanceNotice.__table__)
            .where(
                n.terms_version_id == version.id,
                n.customer_id <= max(ids),
                n.customer_id % 3 != 0,
            )
            .values(notified_on=date(2027, 8, 1))
        )


def _timed(fn: Any, runs: int = 5) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), min(times)


def test_bench_overview_at_100000_customers(services) -> None:  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    _fill(services)
    print(f"\nfilled the store in {time.perf_counter() - began:.1f} s")
    view = services.overview.overview(TODAY)
    print("counts:", {card.key.value: card.count for card in view.cards})
    now = datetime(2027, 9, 1, 12, tzinfo=UTC)
    cards = {
        "drafts": lambda s: q.drafted_agreements(s, limit=200),
        "unreturned": lambda s: q.unreturned_agreements(
            s, sent_before=q.days_before(now, 14), limit=200
        ),
        "notices": lambda s: q.open_notices(
            s,
            notified_late_before=date(2027, 8, 1),
            effective_late_before=date(2027, 10, 1),
            limit=200,
        ),
        "binding": lambda s: q.binding_ends(
            s, first=TODAY, last=TODAY + timedelta(days=60), limit=200
        ),
        "price notice": lambda s: q.planned_price_changes(s, after=TODAY, limit=200),
        "requests": lambda s: q.data_subject_requests(s, limit=200),
        "registry": lambda s: q.registry_flags(s, limit=200),
        "getting started": q.getting_started_counts,
    }
    with services.store.read_session() as s:
        for name, fn in cards.items():
            median, best = _timed(lambda fn=fn: fn(s))
            print(f"  {name:16} median {median:7.1f} ms, best {best:7.1f} ms")
    median, best = _timed(
        lambda: services.billing.plan(None, TODAY, TODAY + timedelta(days=30)), runs=3
    )
    print(f"  {'invoices (plan)':16} median {median:7.1f} ms, best {best:7.1f} ms")
    median, best = _timed(lambda: services.overview.overview(TODAY, include_invoices=False))
    print(f"every card but the invoices (shown first): median {median:.0f} ms, best {best:.0f} ms")
    median, best = _timed(lambda: services.overview.invoices(TODAY), runs=3)
    print(f"the invoices card: median {median:.0f} ms, best {best:.0f} ms")
    median, best = _timed(lambda: services.overview.overview(TODAY), runs=3)
    print(f"whole overview: median {median:.0f} ms, best {best:.0f} ms")
