"""Crash and disk-full injection: SIGKILL mid-commit many times; writes failing on a full disk.

After each fault the store must pass its integrity checks, hold every commit it acknowledged,
and hold no half transaction (each setting row comes with its audit entry, and vice versa).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

from sqlalchemy import select
from store_testkit import python, subprocess_env

from contractdesk.store import audit
from contractdesk.store.engine import Store, open_store
from contractdesk.store.keys import Key
from contractdesk.store.models import AppSetting, AuditEntry

CHILD = Path(__file__).with_name("store_child.py")
CRASH_ROUNDS = int(os.environ.get("CONTRACTDESK_CRASH_ROUNDS", "12"))  # raise it for a longer soak


def _start(mode: str, db: Path, key: Key, tag: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [python(), str(CHILD), mode, str(db), tag],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=subprocess_env(),
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(key.raw().hex() + "\n")
    proc.stdin.flush()
    first = proc.stdout.readline()
    if first.strip() != "ready":
        proc.kill()
        _, err = proc.communicate()
        raise AssertionError(f"child did not start: {first!r} {err}")
    return proc


def _commit_number(line: str) -> int:
    assert line.strip().isdigit(), f"expected a commit number from the child, got {line!r}"
    return int(line)


def _settings_and_audit(store: Store, tag: str) -> tuple[set[str], set[str]]:
    with store.session() as s:
        keys = set(
            s.execute(select(AppSetting.key).where(AppSetting.key.like(f"{tag}-%"))).scalars()
        )
        entries = set(
            s.execute(
                select(AuditEntry.entity_id).where(AuditEntry.entity_id.like(f"{tag}-%"))
            ).scalars()
        )
        assert audit.verify(s).ok
    return keys, entries


def test_sigkill_mid_commit_never_loses_an_acknowledged_commit(
    raw_store: Store, store_key: Key
) -> None:
    db = raw_store.path
    raw_store.close()
    rng = random.Random(20240611)
    zygote = _start("zygote", db, store_key, "-")
    assert zygote.stdin is not None and zygote.stdout is not None
    total_acknowledged = 0
    worker = 0
    try:
        for round_no in range(CRASH_ROUNDS):
            tag = f"r{round_no}"
            zygote.stdin.write(f"go {tag}\n")
            zygote.stdin.flush()
            acknowledged = []
            line = zygote.stdout.readline()
            assert line.startswith("ready "), f"unexpected line from the child: {line!r}"
            worker = int(line.split()[1])
            acknowledged.append(
                _commit_number(zygote.stdout.readline())
            )  # the first commit went in
            deadline = time.monotonic() + rng.uniform(0.0, 0.08)
            while time.monotonic() < deadline:
                acknowledged.append(_commit_number(zygote.stdout.readline()))
            os.kill(worker, signal.SIGKILL)  # at a random point: often in the middle of a commit
            while not (line := zygote.stdout.readline()).startswith("dead "):
                acknowledged.append(
                    _commit_number(line)
                )  # printed before the kill: acknowledged too
            worker = 0
            status = int(line.split()[1])
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
            total_acknowledged += len(acknowledged)

            store = open_store(db, store_key, key_source="memory")
            try:
                assert store.integrity_check() == []
                keys, entries = _settings_and_audit(store, tag)
            finally:
                store.close()
            assert {f"{tag}-{n}" for n in acknowledged} <= keys, "an acknowledged commit was lost"
            assert keys == entries, (
                "a transaction was half kept (row without its audit entry or back)"
            )
    finally:
        if worker:
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker, signal.SIGKILL)
        zygote.kill()
        zygote.communicate(timeout=30)
    assert total_acknowledged >= CRASH_ROUNDS * 3


def test_a_full_disk_is_a_named_could_not_save_error_and_loses_nothing(
    raw_store: Store, store_key: Key
) -> None:
    db = raw_store.path
    raw_store.close()
    proc = _start("fill-disk", db, store_key, "full")
    out, err = proc.communicate("", timeout=60)
    lines = out.strip().split("\n")
    report = json.loads(lines[-1])
    acknowledged = [int(x) for x in lines[:-1]]

    assert report["error"] == "DiskFullError", (report, err)
    assert "could not save" in report["message"].lower()
    assert "nothing of this change was saved" in report["message"].lower()
    assert len(acknowledged) >= 5  # the small commits before the limit went through

    store = open_store(db, store_key, key_source="memory")  # no limit in this process
    try:
        assert store.integrity_check() == []
        keys, entries = _settings_and_audit(store, "full")
        with store.session() as s:  # the store still takes writes once there is room again
            s.add(AppSetting(key="after-the-disk-was-freed", value=1))
    finally:
        store.close()
    assert keys == {f"full-{n}" for n in acknowledged}
    assert f"full-{report['failed']}" not in keys
    assert keys == entries


def test_cli_init_on_a_full_disk_says_could_not_save(tmp_path: Path) -> None:
    """The whole path: a real CLI process whose files may not grow (EFBIG), one clear line, exit 1."""
    import resource

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, resource.RLIM_INFINITY))

    data = tmp_path / "data"
    result = subprocess.run(
        [
            python(),
            "-m",
            "contractdesk",
            "--data-dir",
            str(data),
            "init",
            "--supplier-org-number",
            "971049669",
            "--supplier-name",
            "Full Disk AS",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=small_files,
        env=subprocess_env(
            PYTHON_KEYRING_BACKEND="store_testkit.FileKeyring",
            CONTRACTDESK_TEST_KEYRING_FILE=str(tmp_path / "keyring.json"),
        ),
    )
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("contractdesk: Could not save"), result.stderr
    assert "store-" in (tmp_path / "keyring.json").read_text()  # it went the keyring way
