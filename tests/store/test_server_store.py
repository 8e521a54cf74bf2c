"""The server store keeps the local store's semantics with two real connections: units of work are
serialised (read-then-write stays correct), a read session is one snapshot, errors have names."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select, text

from contractdesk.store.models import AppSetting
from contractdesk.store.server import open_server_store


def test_units_of_work_on_two_connections_are_serialised(pg_store_url: str) -> None:
    first, second = open_server_store(pg_store_url), open_server_store(pg_store_url)
    order: list[str] = []
    inside = threading.Event()

    def slow_writer() -> None:
        with first.session() as s:
            s.execute(text("SELECT 1"))  # the unit of work (and its lock) starts here
            order.append("first begins")
            inside.set()
            time.sleep(0.3)
            s.add(AppSetting(key="counter", value=1))
            order.append("first commits")

    try:
        worker = threading.Thread(target=slow_writer)
        worker.start()
        inside.wait(5)
        with second.session() as s:  # waits for the first unit of work: it sees its row
            row = s.get(AppSetting, "counter")
            order.append("second begins")
            assert row is not None and row.value == 1
            row.value = row.value + 1
        worker.join(5)
        assert order == ["first begins", "first commits", "second begins"]
        with second.read_session() as s:
            assert s.get(AppSetting, "counter").value == 2  # type: ignore[union-attr]
    finally:
        first.close()
        second.close()


def test_a_read_session_is_one_snapshot(pg_store_url: str) -> None:
    reader, writer = open_server_store(pg_store_url), open_server_store(pg_store_url)
    try:
        with reader.read_session() as r:
            before = r.execute(select(func.count()).select_from(AppSetting)).scalar()
            with writer.session() as w:  # a write meanwhile does not wait for the reader …
                w.add(AppSetting(key="elsewhere", value="x"))
            # … and the reader's view does not move under it
            assert r.execute(select(func.count()).select_from(AppSetting)).scalar() == before
        with reader.read_session() as r:
            assert r.execute(select(func.count()).select_from(AppSetting)).scalar() == before + 1
    finally:
        reader.close()
        writer.close()


def test_sql_errors_carry_no_values(pg_store_url: str) -> None:
    store = open_server_store(pg_store_url)
    try:
        with pytest.raises(Exception) as caught, store.session() as s:
            s.execute(text("SELECT 1 / :zero"), {"zero": 0})
        assert "hidden due to hide_parameters" in str(caught.value)
    finally:
        store.close()
