"""Gap-free numbering under concurrency (issue 19): agreement numbers and invoice runs issued at
the same moment from several connections (threads, each user with its own store and pool) never
share a number and leave no gap. Real SQLCipher file; no mocks."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from invoice_runs_testkit import FIRST_RUN_TO, SECOND_RUN_TO, seed_with_settings
from sqlalchemy import select
from store_testkit import colleague_store

from contractdesk.errors import UserError
from contractdesk.services.context import Services
from contractdesk.store.models import Customer
from contractdesk.store.models.agreements import Agreement
from contractdesk.store.models.invoice_runs import InvoiceDocument

pytestmark = pytest.mark.both_engines  # each test runs on SQLite and on PostgreSQL

USERS = 3


@pytest.fixture
def users(services: Any, store_paths: Any) -> Iterator[list[Services]]:
    """``USERS`` colleagues on one store, each with its own Store (own connections)."""
    others = [Services(colleague_store(services.store), store_paths) for _ in range(USERS - 1)]
    yield [services, *others]
    for other in others:
        other.close()


def at_once(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Run the jobs in threads released together; their results or raised exceptions."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def runner(i: int) -> None:
        barrier.wait()
        try:
            results[i] = jobs[i]()
        except Exception as exc:  # collected: the test looks at each outcome
            results[i] = exc

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def _org_numbers(count: int) -> list[str]:
    found: list[str] = []
    base = 91_000_000
    while len(found) < count:
        digits = str(base)
        base += 1
        weights = (3, 2, 7, 6, 5, 4, 3, 2)
        check = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
        if check != 10:
            found.append(digits + str(0 if check == 11 else check))
    return found


def test_agreement_numbers_issued_at_once_are_unique_and_gap_free(users: list[Services]) -> None:
    per_user = 6
    numbers = _org_numbers(USERS * per_user)
    with users[0].store.session() as s:
        for i, org in enumerate(numbers):
            s.add(
                Customer(org_number=org, name=f"Kunde {i} AS", status="active", registry_roles=[])
            )

    def issue(user: Services, orgs: list[str]) -> list[str]:
        return [user.agreements.create_agreement(org, "2021-04-17").document_id for org in orgs]

    results = at_once(
        [
            (lambda u=u, i=i: issue(u, numbers[i * per_user : (i + 1) * per_user]))
            for i, u in enumerate(users)
        ]
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    issued = [d for r in results for d in r]
    with users[0].store.read_session() as s:
        stored = sorted(s.execute(select(Agreement.document_id)).scalars())
    year = stored[0][3:7]
    expected = [f"CD-{year}-{n:06d}" for n in range(1, USERS * per_user + 1)]
    assert stored == expected  # no duplicate, no gap
    assert sorted(issued) == expected  # each caller got the number it stored


def test_invoice_runs_started_at_once_share_no_number_and_leave_no_gap(
    users: list[Services],
) -> None:
    seed_with_settings(users[0])
    dates = [FIRST_RUN_TO, SECOND_RUN_TO, SECOND_RUN_TO]
    results = at_once(
        [
            (lambda u=u, d=d: u.invoice_runs.run(d, actor="test"))
            for u, d in zip(users, dates, strict=True)
        ]
    )
    runs = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, Exception)]
    assert runs, results
    assert all(isinstance(r, UserError) and "Nothing to freeze" in str(r) for r in refused), refused
    with users[0].store.read_session() as s:
        stored = sorted(
            n
            for n in s.execute(select(InvoiceDocument.number)).scalars()
            if n is not None  # every document of the contractdesk series has one
        )
        total = len(list(s.execute(select(InvoiceDocument.id)).scalars()))
    assert stored == list(range(10001, 10001 + total))  # unbroken from the start number
    ranges = sorted((r.first_number, r.last_number) for r in runs)
    for (_lo, hi), (next_lo, _hi) in itertools.pairwise(ranges):
        assert next_lo == hi + 1  # the runs' ranges follow each other
    assert ranges[0][0] == 10001 and ranges[-1][1] == 10001 + total - 1


def test_a_series_is_held_by_one_postgresql_transaction_at_a_time(pg_store_url: str) -> None:
    """The series lock itself (beside the server store's write lock): while one transaction holds
    the invoice series, another cannot take it, and can once the first commits; another series
    is free meanwhile."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.orm import Session

    from contractdesk.store.numbering import (
        AGREEMENT_SERIES,
        INVOICE_SERIES,
        serialise_series,
        series_lock_key,
    )

    engine = create_engine(pg_store_url)
    try:
        with Session(engine) as first, Session(engine) as second:
            serialise_series(first, INVOICE_SERIES)

            def try_take(series: str) -> bool:
                got = second.execute(
                    text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": series_lock_key(series)}
                ).scalar()
                second.commit()  # releases what it took
                return bool(got)

            assert try_take(INVOICE_SERIES) is False  # held by the first transaction
            assert try_take(AGREEMENT_SERIES) is True  # another series is independent
            first.commit()
            assert try_take(INVOICE_SERIES) is True  # released by the commit
    finally:
        engine.dispose()
