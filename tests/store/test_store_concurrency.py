"""Several threads (GUI, background tasks) and processes (the CLI) using one store at once."""

from __future__ import annotations

import subprocess
import threading
from collections import Counter

from sqlalchemy import select
from store_testkit import python, subprocess_env

from contractdesk.services.settings import SettingsService
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.keys import Key
from contractdesk.store.models import AppSetting


def test_concurrent_read_then_write_units_of_work_all_succeed(raw_store: Store) -> None:
    """Each set() reads the old value, writes the new one and appends to the audit chain."""
    settings = SettingsService(raw_store)
    errors: Counter[str] = Counter()

    def work(worker: int) -> None:
        for i in range(25):
            try:
                settings.set(f"worker-{worker}", i, actor=f"thread-{worker}")
            except Exception as exc:  # collected: the assertion below shows them all
                errors[f"{type(exc).__name__}: {exc}"] += 1

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == Counter()
    assert {k: settings.get(f"worker-{k}") for k in range(4)} == {k: 24 for k in range(4)}
    with raw_store.read_session() as s:
        result = audit.verify(s)
    assert (result.ok, result.checked) == (True, 100)


def test_a_reader_is_not_held_up_by_an_open_unit_of_work(raw_store: Store) -> None:
    writing, release = threading.Event(), threading.Event()

    def writer() -> None:
        with raw_store.session() as s:
            s.add(AppSetting(key="pending", value=1))
            s.flush()
            writing.set()
            release.wait(10)

    t = threading.Thread(target=writer)
    t.start()
    try:
        assert writing.wait(10)
        with raw_store.read_session() as s:  # returns at once, and sees only committed data
            assert s.execute(select(AppSetting.key)).scalars().all() == []
    finally:
        release.set()
        t.join()
    with raw_store.read_session() as s:
        assert s.execute(select(AppSetting.key)).scalars().all() == ["pending"]


CLI_WRITER = """
import sys
from contractdesk.services.settings import SettingsService
from contractdesk.store.engine import open_store
from contractdesk.store.keys import Key
store = open_store(sys.argv[1], Key(bytes.fromhex(sys.stdin.readline().strip())), key_source="memory")
for i in range(10):
    SettingsService(store).set("from-the-other-process", i, actor="cli")
store.close()
"""


def test_another_process_writing_at_the_same_time(raw_store: Store, store_key: Key) -> None:
    proc = subprocess.Popen(
        [python(), "-c", CLI_WRITER, str(raw_store.path)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=subprocess_env(),
    )
    assert proc.stdin is not None
    proc.stdin.write(store_key.raw().hex() + "\n")
    proc.stdin.close()
    proc.stdin = None  # so communicate() does not flush it
    settings = SettingsService(raw_store)
    for i in range(10):
        settings.set("from-this-process", i, actor="gui")
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert settings.get("from-the-other-process") == 9
    with raw_store.read_session() as s:
        result = audit.verify(s)
    assert (result.ok, result.checked) == (True, 20)
