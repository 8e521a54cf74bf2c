"""Benchmark: the -wal check before opening (a full 1,000-frame -wal) and an erasure next to a
long reader (the checkpoint after it waits at most 200 ms, then gives up).

Run: uv run pytest tests/bench/test_bench_safety.py -m bench -s
"""

from __future__ import annotations

import os
import struct
import time
from pathlib import Path

import pytest

from contractdesk.services.people import PeopleService, PersonInput
from contractdesk.store.engine import create_store
from contractdesk.store.keys import Key
from contractdesk.store.models import AppSetting
from contractdesk.store.walcheck import _checksum, inspect_wal

pytestmark = pytest.mark.bench


def _synthetic_wal(path: Path, frames: int, page_size: int = 4096) -> None:
    salt1, salt2 = 123, 456
    header = struct.pack(">6I", 0x377F0682, 3007000, page_size, 0, salt1, salt2)
    s0, s1 = _checksum(header, 0, 0, False)
    data = bytearray(header + struct.pack(">2I", s0, s1))
    for i in range(frames):
        page = os.urandom(page_size)
        frame = struct.pack(">2I", i + 1, 1 if i % 5 == 4 else 0)
        s0, s1 = _checksum(frame, s0, s1, False)
        s0, s1 = _checksum(page, s0, s1, False)
        data += frame + struct.pack(">4I", salt1, salt2, s0, s1) + page
    path.write_bytes(bytes(data))


def test_bench_wal_check(tmp_path: Path) -> None:
    wal = tmp_path / "contractdesk.db-wal"
    _synthetic_wal(wal, 1000)
    times = []
    for _ in range(3):
        started = time.perf_counter()
        report = inspect_wal(wal)
        times.append((time.perf_counter() - started) * 1000)
    assert report.valid_frames == 1000 and not report.damaged
    print(
        f"\n-wal check, 1,000 frames (4 MB): best {min(times):.0f} ms, load {os.getloadavg()[0]:.1f}"
    )


def test_bench_erase_next_to_a_long_reader(tmp_path: Path) -> None:
    store = create_store(tmp_path / "contractdesk.db", Key.generate(), key_source="memory")
    people = PeopleService(store)
    ids = [people.add_person(PersonInput(f"P{i}", "Nordmann")) for i in range(6)]
    conn = store.engine.raw_connection()
    cursor = conn.cursor()
    cursor.execute("BEGIN")
    cursor.execute("SELECT count(*) FROM person").fetchone()  # a reader that stays open
    erase_ms = []
    for pid in ids[:5]:
        started = time.perf_counter()
        people.erase(pid)
        erase_ms.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    with store.session() as s:
        s.add(AppSetting(key="after", value=1))
    write_ms = (time.perf_counter() - started) * 1000
    cursor.execute("COMMIT")
    conn.close()
    store.close()
    print(
        f"\nerase next to a long reader: {min(erase_ms):.0f}–{max(erase_ms):.0f} ms; "
        f"the next write {write_ms:.0f} ms; load {os.getloadavg()[0]:.1f}"
    )
