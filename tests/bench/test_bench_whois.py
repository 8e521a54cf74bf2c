""" "Who is this?" over 100,000 people at 10,000 customers: each answer within 30 ms (median and p95 per kind)."""

from __future__ import annotations

import random
import statistics
import time
from datetime import date

import pytest
from bench_data import FIRST_NAMES as FIRST
from bench_data import LAST_NAMES as LAST
from bench_data import org_numbers

pytestmark = pytest.mark.bench

PEOPLE = 100_000
CUSTOMERS = 10_000
TARGET_MS = 30.0


@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from sqlalchemy import insert

    from contractdesk.paths import StorePaths
    from contractdesk.services.context import Services
    from contractdesk.services.people import search_keys
    from contractdesk.store.models import Customer, Person, PersonRole, PersonSearchKey
    from contractdesk.store.profile import demo_profile
    from contractdesk.store.types import utcnow

    folder = tmp_path_factory.mktemp("whois-bench")
    services = Services(demo_profile(folder), StorePaths(folder))
    rng = random.Random(4)
    now = utcnow()
    began = time.perf_counter()
    people, keys, roles, samples = [], [], [], []
    for i in range(1, PEOPLE + 1):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"{first}.{last}.{i}@firma{i % 997}.no".lower() if i % 3 else ""
        phone = f"+479{i:07d}"
        mobile = f"+474{i:07d}" if i % 2 else ""
        people.append(
            {
                "id": i,
                "first_name": first,
                "middle_name": "",
                "last_name": last,
                "title": "",
                "phone": phone,
                "mobile": mobile,
                "emails": [email] if email else [],
                "created_at": now,
                "updated_at": now,
            }
        )
        keys += [
            {"person_id": i, "kind": k, "value": v}
            for k, v in search_keys(first, "", last, [email] if email else [], (phone, mobile))
        ]
        customer = (i - 1) % CUSTOMERS + 1
        roles.append(
            {
                "person_id": i,
                "customer_id": customer,
                "role": "main_contact" if i <= CUSTOMERS else "contact",
                "since": date(2024, 1, 1),
                "source": "manual",
                "registry_role_code": "",
                "created_at": now,
            }
        )
        if i % 500 == 0:
            samples.append((first, last, email, phone))
    with services.store.session() as s:
        s.execute(
            insert(Customer),
            [
                {"id": n + 1, "org_number": org, "name": f"Kunde {n + 1} AS", "status": "active"}
                for n, org in enumerate(org_numbers(CUSTOMERS))
            ],
        )
        s.execute(insert(Person), people)
        s.execute(insert(PersonSearchKey), keys)
        s.execute(insert(PersonRole), roles)
    services.store.checkpoint()
    print(
        f"\npopulated {PEOPLE} people, {len(keys)} look-up keys, {CUSTOMERS} customers in "
        f"{time.perf_counter() - began:.1f} s"
    )
    yield services, samples
    services.close()


def _measure(services, queries: list[str]) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for q in queries:
        began = time.perf_counter()
        services.people.whois(q)
        times.append((time.perf_counter() - began) * 1000)
    return times


def test_bench_whois_100000_people(populated) -> None:  # type: ignore[no-untyped-def]
    services, samples = populated
    kinds = {
        "full name": [f"{f} {last}" for f, last, _, _ in samples],
        "last name prefix": [last[:4] for _, last, _, _ in samples],
        "e-mail": [e for _, _, e, _ in samples if e],
        "phone (national)": [p[3:] for _, _, _, p in samples],
        "unknown (not approved)": [f"stranger{i}@nowhere.example" for i in range(len(samples))],
        "one common word": ["Hansen"] * 50,
    }
    _measure(services, kinds["full name"][:20])  # warm the pool and the page cache
    # Correctness on the big set: the sampled people are found, strangers are not.
    first, last, _email, phone = samples[0]
    assert any(
        m.full_name == f"{first} {last}" for m in services.people.whois(f"{first} {last}").matches
    )
    assert services.people.whois(phone[3:]).approved
    assert not services.people.whois("stranger@nowhere.example").approved
    lines = []
    worst = 0.0
    for kind, queries in kinds.items():
        times = sorted(_measure(services, queries))
        median = statistics.median(times)
        p95 = times[int(len(times) * 0.95) - 1]
        worst = max(worst, p95)
        lines.append(
            f"  {kind:24s} n={len(times):4d} median {median:6.2f} ms  p95 {p95:6.2f} ms  max {times[-1]:6.2f} ms"
        )
    print(f"\nwhois over {PEOPLE} people (target < {TARGET_MS} ms):\n" + "\n".join(lines))
    assert worst < TARGET_MS
