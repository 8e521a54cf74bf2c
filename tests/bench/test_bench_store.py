"""Benchmark: opening the store with the raw key (target < 10 ms), unwrapping a passphrase key,
and the checks a backup runs, on a store with 1,000 customers.

Run: uv run pytest tests/bench/test_bench_store.py -m bench -s
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from store_testkit import MemoryKeyring, add_customer, installed

from contractdesk.paths import StorePaths
from contractdesk.store.backup import create_backup, inspect_backup
from contractdesk.store.engine import create_store, open_store
from contractdesk.store.keys import Key, unwrap_key, wrap_key
from contractdesk.store.profile import create_profile, unlock_profile

pytestmark = pytest.mark.bench

OPEN_TARGET_MS = 10.0
CUSTOMERS = 1_000


def _ms(fn: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _report(name: str, times: list[float]) -> float:
    median = statistics.median(times)
    print(
        f"\n{name}: median {median:.2f} ms, min {min(times):.2f}, max {max(times):.2f} ({len(times)} runs)"
    )
    return median


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Key]:
    key = Key.generate()
    path = tmp_path_factory.mktemp("bench") / "contractdesk.db"
    store = create_store(path, key, key_source="memory")
    with store.session() as s:
        for i in range(CUSTOMERS):
            add_customer(
                s,
                f"{900_000_000 + i}",
                f"Bench Customer {i} AS",
                business_address={"lines": [f"Gate {i}"], "postcode": "0155", "city": "OSLO"},
            )
    store.close()
    print(f"\nstore with {CUSTOMERS} customers: {path.stat().st_size / 1024:.0f} KiB")
    return path, key


def test_open_with_raw_key(filled: tuple[Path, Key]) -> None:
    path, key = filled

    def open_close() -> None:
        open_store(path, key, key_source="memory").close()

    def open_query_close() -> None:
        store = open_store(path, key, key_source="memory")
        with store.session() as s:
            s.execute(text("SELECT count(*) FROM customer")).scalar()
        store.close()

    open_close()  # warm the imports
    times = _ms(open_close, 50)
    _report("open_store (raw key: prove key, read revision, engine)", times)
    _report("open_store + first query through a pooled connection", _ms(open_query_close, 50))
    # The best run is what the code costs; the median also shows how busy the (shared) machine is.
    assert min(times) < OPEN_TARGET_MS


def test_passphrase_and_keyring_unlock(tmp_path: Path) -> None:
    key = Key.generate()
    wrapped = wrap_key(key, "bench passphrase", "bench")
    _report(
        "Argon2id unwrap (t=3, m=64 MiB, p=2)",
        _ms(lambda: unwrap_key(wrapped, "bench passphrase", "bench"), 5),
    )

    paths = StorePaths(tmp_path / "pp")
    create_profile(paths, passphrase="bench passphrase").close()
    _report(
        "unlock_profile, passphrase mode",
        _ms(lambda: unlock_profile(paths, passphrase="bench passphrase").close(), 5),
    )

    with installed(MemoryKeyring()):
        kr = StorePaths(tmp_path / "kr")
        create_profile(kr).close()
        _report(
            "unlock_profile, keyring mode (in-memory backend)",
            _ms(lambda: unlock_profile(kr).close(), 20),
        )


def test_integrity_check_and_backup(filled: tuple[Path, Key], tmp_path: Path) -> None:
    path, key = filled
    store = open_store(path, key, key_source="memory")
    try:
        _report(f"integrity + HMAC check, {CUSTOMERS} customers", _ms(store.integrity_check, 5))
        counter = iter(range(100))
        _report(
            "create_backup (checks before, export, PBKDF2 key, check after)",
            _ms(lambda: create_backup(store, tmp_path / f"b{next(counter)}.cdbackup", "bench"), 3),
        )
        _report("inspect_backup", _ms(lambda: inspect_backup(tmp_path / "b0.cdbackup", "bench"), 3))
    finally:
        store.close()
