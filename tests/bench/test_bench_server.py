"""Team mode figures: PostgreSQL over loopback beside the local SQLCipher store, same data, same run.

Run: uv run pytest tests/bench/test_bench_server.py -m bench -s
At 100,000 customers (30,000 with a main contact who has an e-mail and phones): the customer
list's first page, the search per keystroke (SQL page of 200; target p95 <= 30 ms), "who is
this?" per kind of query; and the 12-month plan of 10,000 customers x 3 services (the billing
bench's data). Figures are printed, not asserted. The PostgreSQL server is the test session's
(tests/pg_testkit.py: fsync off, 64 MB shared buffers), reached over TCP on 127.0.0.1.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pg_testkit import PgServer
from test_bench_billing_service import _fill as fill_plan_data
from test_bench_customers import (
    FIRST,
    FORMS,
    LAST,
    MUNICIPALITIES,
    STATUSES,
    WORDS,
    _keystrokes,
    _org_numbers,
    _p95,
)

pytestmark = pytest.mark.bench

CUSTOMERS = 100_000
WITH_MAIN_CONTACT = 30_000


def _rows(rng: random.Random) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[str]]]:
    from contractdesk.domain.customers import sort_key
    from contractdesk.domain.search_fold import search_fold
    from contractdesk.services.people import search_keys
    from contractdesk.store.types import utcnow

    now = utcnow()
    customers, people, keys, roles = [], [], [], []
    for i, org in enumerate(_org_numbers(CUSTOMERS), start=1):
        form = rng.choice(FORMS)
        if form == "ENK":
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(WORDS)}"
        else:
            name = " ".join(rng.sample(WORDS, rng.choice((1, 2, 2, 3)))) + f" {form}"
        name = name.upper() if rng.random() < 0.8 else name
        muni = rng.choice(MUNICIPALITIES)
        customers.append(
            {
                "id": i,
                "org_number": org,
                "name": name,
                "organisation_form": form,
                "organisation_form_text": "",
                "business_address": {"lines": ["Veien 1"], "city": muni, "municipality": muni},
                "status": rng.choice(STATUSES),
                "vat_registered": form == "AS",
                "registry_roles": [],
                "sort_name": sort_key(name),
                "municipality": muni,
                "municipality_key": sort_key(muni),
                "search_name": search_fold(name),  # the one search rule (migration 0012)
                "search_municipality": search_fold(muni),
                "created_at": now,
                "updated_at": now,
            }
        )
        if i <= WITH_MAIN_CONTACT:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            email = f"{first}.{last}.{i}@firma{i % 997}.no".lower()
            phone, mobile = f"+479{i:07d}", f"+474{i:07d}"
            people.append(
                {
                    "id": i,
                    "first_name": first,
                    "middle_name": "",
                    "last_name": last,
                    "title": "",
                    "phone": phone,
                    "mobile": mobile,
                    "emails": [email],
                    "created_at": now,
                    "updated_at": now,
                }
            )
            keys += [
                {"person_id": i, "kind": k, "value": v}
                for k, v in search_keys(first, "", last, [email], (phone, mobile))
            ]
            roles.append(
                {
                    "person_id": i,
                    "customer_id": i,
                    "role": "main_contact",
                    "since": date(2024, 1, 1),
                    "source": "manual",
                    "registry_role_code": "",
                    "created_at": now,
                }
            )
    texts = (
        rng.sample(WORDS, 30)
        + rng.sample(MUNICIPALITIES, 10)
        + [c["org_number"] for c in rng.sample(customers, 10)]
        + [f"{p['first_name']} {p['last_name']}" for p in rng.sample(people, 10)]
        + [c["name"][:14] for c in rng.sample(customers, 10)]
        + ["finnes ikke", "xq"]
    )
    sample = rng.sample(people, 40)
    whois = {
        "full name": [f"{p['first_name']} {p['last_name']}" for p in sample],
        "e-mail": [p["emails"][0] for p in sample],
        "phone": [p["phone"][3:] for p in sample],
    }
    return {"customers": customers, "people": people, "keys": keys, "roles": roles}, {
        "search": texts,
        **whois,
    }


def _populate(services: Any, rows: dict[str, list[dict[str, Any]]]) -> float:
    from sqlalchemy import insert

    from contractdesk.store.models import Customer, Person, PersonRole, PersonSearchKey

    began = time.perf_counter()
    with services.store.session() as s:
        for start in range(0, CUSTOMERS, 10_000):
            s.execute(insert(Customer), rows["customers"][start : start + 10_000])
        s.execute(insert(Person), rows["people"])
        s.execute(insert(PersonSearchKey), rows["keys"])
        s.execute(insert(PersonRole), rows["roles"])
    _settle(services)
    return time.perf_counter() - began


def _settle(services: Any) -> None:
    """After a bulk load: the server's statistics (autovacuum would do it), SQLite's checkpoint."""
    if services.store.engine_name == "postgresql":
        from sqlalchemy import text

        with services.store.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
    else:
        services.store.checkpoint()


def _open(engine: str, folder: Path, pg_server: PgServer, pg_template: str) -> Any:
    from contractdesk.paths import StorePaths
    from contractdesk.services.context import Services
    from contractdesk.services.demo import DEMO_SUPPLIER

    if engine == "postgresql":
        from contractdesk.store.server import open_server_store

        store = open_server_store(pg_server.url(pg_server.create_database(template=pg_template)))
    else:
        from contractdesk.store.profile import demo_profile

        store = demo_profile(folder)
    services = Services(store, StorePaths(folder))
    services.supplier.save(DEMO_SUPPLIER, actor="bench")
    return services


@pytest.fixture(scope="module")
def stores(
    tmp_path_factory: pytest.TempPathFactory, pg_server: PgServer, pg_template: str
) -> Iterator[tuple[dict[str, Any], dict[str, list[str]]]]:
    rows, samples = _rows(random.Random(7))
    opened: dict[str, Any] = {}
    for engine in ("sqlite", "postgresql"):
        services = _open(engine, tmp_path_factory.mktemp(engine), pg_server, pg_template)
        seconds = _populate(services, rows)
        print(f"\n{engine}: {CUSTOMERS} customers, {WITH_MAIN_CONTACT} contacts in {seconds:.1f} s")
        opened[engine] = services
    yield opened, samples
    for services in opened.values():
        services.close()


def _timed(call: Any, args: list[Any]) -> list[float]:
    times = []
    for arg in args:
        began = time.perf_counter()
        call(arg)
        times.append((time.perf_counter() - began) * 1000)
    return times


def _line(label: str, times: list[float]) -> str:
    return (
        f"{label:34s} median {statistics.median(times):6.2f} ms  p95 {_p95(times):6.2f} ms  "
        f"max {max(times):6.2f} ms  (n={len(times)})"
    )


def test_bench_team_server_beside_the_local_store(
    stores: tuple[dict[str, Any], dict[str, list[str]]],
    tmp_path: Path,
    pg_server: PgServer,
    pg_template: str,
) -> None:
    from contractdesk.services.customers import CustomerQuery

    opened, samples = stores
    report: list[str] = []
    keystrokes = [typed for text in samples["search"] for typed in _keystrokes(text)]
    for engine, services in opened.items():
        customers = services.customers
        first_page = _timed(
            lambda _, c=customers: c.list_customers(CustomerQuery(), limit=200), list(range(30))
        )
        search = _timed(
            lambda typed, c=customers: c.list_customers(CustomerQuery(search=typed), limit=200),
            keystrokes,
        )
        report.append(f"[{engine}]")
        report.append("  " + _line("customer list, first page of 200", first_page))
        report.append("  " + _line("search per keystroke, page of 200", search))
        for kind in ("full name", "e-mail", "phone"):
            times = _timed(services.people.whois, samples[kind])
            report.append("  " + _line(f"whois by {kind}", times))
    for engine in ("sqlite", "postgresql"):
        services = _open(engine, tmp_path / f"plan-{engine}", pg_server, pg_template)
        try:
            fill_plan_data(services)
            _settle(services)
            best = min(
                _timed(
                    lambda _, b=services.billing: b.plan(
                        None, date(2027, 1, 1), date(2027, 12, 31)
                    ),
                    [0, 1, 2],
                )
            )
            report.append(
                f"[{engine}] 12-month plan, 10,000 customers x 3 services: best {best:.0f} ms"
            )
        finally:
            services.close()
    load = os.getloadavg()
    print(
        f"\nteam server vs local store (load average {load[0]:.1f} on {os.cpu_count()} CPUs):\n  "
        + "\n  ".join(report)
    )
