"""Benchmark: team mode — moving a 10,000-customer store to PostgreSQL, the encrypted server backup
and restore, and how soon a colleague's write reaches this process's change bus.

Records figures only (run with ``uv run pytest tests/bench/test_bench_team_move.py -m bench -s``);
a real SQLCipher store and a real PostgreSQL 15 over loopback.
"""

from __future__ import annotations

import os
import queue
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from pg_testkit import PgServer

pytestmark = pytest.mark.bench

CUSTOMERS = 10_000


def _insert(services: Any) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))
    from test_customers_page import insert_customers

    for start in range(0, CUSTOMERS, 5000):
        insert_customers(services, 5000, start)


def test_bench_move_backup_restore(
    services: Any, pg_server: PgServer, pg_url: str, tmp_path: Path
) -> None:
    from sqlalchemy import create_engine

    from contractdesk.services.server_move import move_to_server
    from contractdesk.store.server_backup import dump_encrypted, restore_encrypted

    _insert(services)
    started = time.perf_counter()
    outcome = move_to_server(services.store, pg_url)
    moved = time.perf_counter() - started
    assert outcome.ok
    engine = create_engine(pg_url, hide_parameters=True)
    target = create_engine(pg_server.url(pg_server.create_database()), hide_parameters=True)
    try:
        dest = tmp_path / "team.cdpg"
        started = time.perf_counter()
        dump_encrypted(engine, dest, "bench passphrase")
        dumped = time.perf_counter() - started
        started = time.perf_counter()
        restore_encrypted(dest, "bench passphrase", target)
        restored = time.perf_counter() - started
    finally:
        engine.dispose()
        target.dispose()
    print(
        f"\nteam move, {CUSTOMERS} customers ({outcome.rows} rows, schema + copy + verify): "
        f"{moved:.2f} s; encrypted pg_dump: {dumped:.2f} s ({dest.stat().st_size / 1e6:.1f} MB); "
        f"restore: {restored:.2f} s; load average {os.getloadavg()[0]:.1f}"
    )


def test_bench_colleague_change_latency(pg_url: str, tmp_path: Path) -> None:
    from contractdesk.paths import StorePaths
    from contractdesk.services.context import Services
    from contractdesk.services.customers.views import OfflineCustomer
    from contractdesk.store.server import migrate_server, open_server_store

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))
    from test_customers_page import org_number_for

    migrate_server(pg_url)
    kari = Services(open_server_store(pg_url), StorePaths(tmp_path / "kari"))
    ola = Services(open_server_store(pg_url), StorePaths(tmp_path / "ola"))
    arrived: queue.Queue[float] = queue.Queue()
    kari.changes.subscribe(lambda _change: arrived.put(time.perf_counter()))
    try:
        kari.colleagues.listen()
        assert kari.colleagues.wait_until_listening()
        latencies = []
        for i in range(30):
            called = time.perf_counter()  # from the colleague's save (its commit included)
            ola.customers.register_offline(OfflineCustomer(org_number_for(i), f"Firma {i} AS"))
            latencies.append((arrived.get(timeout=5) - called) * 1000)
    finally:
        kari.close()
        ola.close()
    latencies.sort()
    print(
        f"\ncolleague's save → its change on this bus: median {statistics.median(latencies):.1f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95) - 1]:.1f} ms, max {latencies[-1]:.1f} ms "
        f"(load average {os.getloadavg()[0]:.1f})"
    )
