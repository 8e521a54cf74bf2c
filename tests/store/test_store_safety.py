"""Fault tests (issue #16): a damaged -wal is refused before SQLite drops commits, a damaged middle
page turns the store read-only, erasures survive restores, a restore never loses a write made by
another process, and a new laptop restores with the recovery key alone."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from store_testkit import FileKeyring, MemoryKeyring, python, subprocess_env

from contractdesk.paths import StorePaths
from contractdesk.services.backups import restore_from_backup
from contractdesk.services.context import Services
from contractdesk.services.people import PersonInput
from contractdesk.store.engine import create_store, open_store
from contractdesk.store.health import StoreReadOnlyError
from contractdesk.store.keys import Key, KeyFile
from contractdesk.store.lock import StoreInUseError, StoreLock
from contractdesk.store.models import AppSetting
from contractdesk.store.profile import create_profile, load_key, lock_for_use, unlock_profile
from contractdesk.store.walcheck import FRAME_HEADER, WAL_HEADER, WalDamagedError, inspect_wal

COMMITS = 30


def _store_with_live_wal(folder: Path, key: Key) -> Path:
    """A data folder whose store has COMMITS transactions only in its -wal (as after a crash)."""
    live = folder.parent / f"{folder.name}-live"
    store = create_store(live / "contractdesk.db", key, key_source="memory")
    store.checkpoint()
    for n in range(COMMITS):
        with store.session() as s:
            s.add(AppSetting(key=f"w{n}", value={"n": n, "pad": "x" * 300}))
    folder.mkdir(parents=True)
    shutil.copy(live / "contractdesk.db", folder / "contractdesk.db")
    shutil.copy(live / "contractdesk.db-wal", folder / "contractdesk.db-wal")
    store.close()
    return folder / "contractdesk.db"


def _frame_offset(wal: Path, index: int) -> int:
    page_size = struct.unpack(">I", wal.read_bytes()[8:12])[0]
    return WAL_HEADER + index * (FRAME_HEADER + page_size)


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


def _damage_page(wal: Path) -> None:
    _flip(wal, _frame_offset(wal, 10) + FRAME_HEADER + 700)


def _damage_salt(wal: Path) -> None:
    _flip(wal, _frame_offset(wal, 10) + 9)


def _damage_header(wal: Path) -> None:
    _flip(wal, 26)  # the header's checksum


def _zero_block(wal: Path) -> None:
    data = bytearray(wal.read_bytes())
    start = _frame_offset(wal, 12)
    data[start : start + 4096] = bytes(4096)
    wal.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage", [_damage_page, _damage_salt, _damage_header, _zero_block], ids=lambda f: f.__name__
)
def test_a_damaged_wal_is_refused_nothing_deleted_and_a_copy_kept(
    tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    key = Key.generate()
    db = _store_with_live_wal(tmp_path / "data", key)
    wal = Path(f"{db}-wal")
    damage(wal)
    names = ("contractdesk.db", "contractdesk.db-wal")
    before = {n: (db.parent / n).read_bytes() for n in names}
    paths = StorePaths(db.parent)
    with pytest.raises(WalDamagedError) as caught:
        lock_for_use(paths)
    message = str(caught.value)
    assert "damaged" in message and "Restore from a backup" in message and "\n" not in message
    assert caught.value.lost > 0
    assert {n: (db.parent / n).read_bytes() for n in names} == before  # nothing deleted
    kept = caught.value.kept
    assert kept is not None and kept.exists() and Path(f"{kept}-wal").exists()
    assert Path(f"{kept}-wal").read_bytes() == wal.read_bytes()
    # What SQLite itself would have done: fewer commits than were acknowledged.
    trial = tmp_path / "trial"
    trial.mkdir()
    shutil.copy(kept, trial / "contractdesk.db")
    shutil.copy(f"{kept}-wal", trial / "contractdesk.db-wal")
    try:
        store = open_store(trial / "contractdesk.db", key, key_source="memory")
    except Exception:
        return  # SQLite could not even open it: refusing first was right as well
    with store.read_session() as s:
        kept_rows = s.query(AppSetting).filter(AppSetting.key.like("w%")).count()
    store.close()
    assert kept_rows < COMMITS


def test_an_intact_wal_and_a_torn_last_frame_open_normally(tmp_path: Path) -> None:
    key = Key.generate()
    db = _store_with_live_wal(tmp_path / "data", key)
    wal = Path(f"{db}-wal")
    report = inspect_wal(wal)
    assert report.frames == report.valid_frames > COMMITS and not report.damaged
    # A crash while the last (unacknowledged) frame was being written: cut it in half.
    size = len(wal.read_bytes())
    with open(wal, "r+b") as fh:
        fh.truncate(size - 2000)
    lock = lock_for_use(StorePaths(db.parent))
    try:
        store = open_store(db, key, key_source="memory")
        with store.read_session() as s:
            assert s.query(AppSetting).filter(AppSetting.key.like("w%")).count() >= COMMITS - 1
        store.close()
    finally:
        lock.release()


def test_middle_page_damage_turns_the_store_read_only_with_a_message(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    paths = StorePaths(tmp_path / "data")
    store = create_profile(paths, use_keyring=True)
    with store.session() as s:
        for n in range(400):
            s.add(AppSetting(key=f"fill{n}", value={"pad": "y" * 400}))
    store.close()
    size = paths.db.stat().st_size
    pages = size // 4096
    assert pages > 20
    _flip(paths.db, (pages // 2) * 4096 + 1500)
    store = unlock_profile(paths)  # page 1 is fine: it opens
    try:
        problems = store.verify()
        assert problems
        with pytest.raises(StoreReadOnlyError) as caught, store.session() as s:
            s.add(AppSetting(key="after", value=1))
        assert "read-only" in str(caught.value) and "Restore" in str(caught.value)
    finally:
        store.close()
    damaged = paths.db.read_bytes()
    again = unlock_profile(paths)  # a later process knows it too, without checking again
    try:
        assert again.damage is not None
        with pytest.raises(StoreReadOnlyError), again.session() as s:
            s.add(AppSetting(key="later", value=1))
    finally:
        again.close()
    assert paths.db.read_bytes() == damaged


def _profile_with_person(paths: StorePaths) -> tuple[Services, int]:
    services = Services(create_profile(paths, use_keyring=True), paths)
    person = services.people.add_person(
        PersonInput("Kari", "Nordmann", emails=("kari@example.no",))
    )
    return services, person


def test_erase_then_restore_an_older_backup_still_erased(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    paths = StorePaths(tmp_path / "data")
    services, kari = _profile_with_person(paths)
    backup = tmp_path / "before-erasure.cdbackup"
    services.backups.create(backup, "backup passphrase")
    services.people.erase(kari)
    services.close()
    outcome = restore_from_backup(paths, backup, "backup passphrase")
    assert outcome.erasures_reapplied == 1 and outcome.previous_store_copy is not None
    services = Services(unlock_profile(paths), paths)
    try:
        view = services.people.get(kari)
        assert view.erased and view.first_name == "" and view.emails == ()
        assert services.people.whois("Kari Nordmann").matches == ()
    finally:
        services.close()


def test_an_edited_ledger_line_is_noticed_and_ignored(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    paths = StorePaths(tmp_path / "data")
    services, kari = _profile_with_person(paths)
    ola = services.people.add_person(PersonInput("Ola", "Nordmann"))
    backup = tmp_path / "b.cdbackup"
    services.backups.create(backup, "pw")
    services.people.erase(kari)
    services.close()
    ledger = paths.data_dir / "erasures.ledger"
    ledger.write_text(ledger.read_text().replace(f'"person_id": {kari}', f'"person_id": {ola}'))
    outcome = restore_from_backup(paths, backup, "pw")
    assert outcome.erasures_reapplied == 0 and outcome.ledger_lines_rejected == 1
    services = Services(unlock_profile(paths), paths)
    try:
        assert not services.people.get(ola).erased
    finally:
        services.close()


def test_new_laptop_restore_with_the_recovery_key_alone(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    paths = StorePaths(tmp_path / "old-laptop")
    services, kari = _profile_with_person(paths)
    synced = tmp_path / "synced"
    services.backups.set_auto_folder(synced)
    first = services.backups.run_auto_now()
    services.people.erase(kari)  # after the backup: the ledger beside the backups knows it
    recovery_key = services.backups.recovery_key()
    services.close()
    memory_keyring.entries.clear()  # the old laptop, its keyring and its passphrase are gone
    new = StorePaths(tmp_path / "new-laptop")
    typed = recovery_key.lower().replace("-", " ")
    outcome = restore_from_backup(new, first, typed)
    assert outcome.new_key_source == "keyring" and outcome.erasures_reapplied == 1
    services = Services(unlock_profile(new), new)
    try:
        assert services.people.get(kari).erased
        assert services.backups.recovery_key() == recovery_key  # the same sheet stays valid
    finally:
        services.close()


def test_restore_refuses_or_waits_while_another_process_has_the_store_open(
    tmp_path: Path,
) -> None:
    """A writer in another process holds the store lock; restore never replaces the file under
    it, and every write it acknowledged is in the copy of the previous store."""
    keyring_file = tmp_path / "keyring.json"
    env = subprocess_env(
        PYTHON_KEYRING_BACKEND="store_testkit.FileKeyring",
        CONTRACTDESK_TEST_KEYRING_FILE=str(keyring_file),
    )
    data = tmp_path / "data"
    backup = tmp_path / "older.cdbackup"
    setup = (
        "from pathlib import Path\n"
        "from contractdesk.paths import StorePaths\n"
        "from contractdesk.services.context import Services\n"
        "from contractdesk.store.profile import create_profile\n"
        f"p = StorePaths(Path({str(data)!r}))\n"
        "s = Services(create_profile(p, use_keyring=True), p)\n"
        f"s.backups.create(Path({str(backup)!r}), 'pw')\n"
        "s.close()\n"
    )
    subprocess.run([python(), "-c", setup], env=env, check=True, timeout=60)
    writer = subprocess.Popen(
        [python(), "-c", _WRITER.format(data=str(data))],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "open"
    os.environ["PYTHON_KEYRING_BACKEND"] = "store_testkit.FileKeyring"
    os.environ["CONTRACTDESK_TEST_KEYRING_FILE"] = str(keyring_file)
    import keyring

    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    try:
        paths = StorePaths(data)
        with pytest.raises(StoreInUseError):
            restore_from_backup(paths, backup, "pw", wait=0.2)
        told: list[bool] = []
        outcome = restore_from_backup(  # waits for the writer, and says so
            paths, backup, "pw", wait=60, on_wait=lambda: told.append(True)
        )
        assert told == [True]
        acked = [int(line) for line in writer.stdout.read().split() if line.strip().isdigit()]
        assert writer.wait(timeout=30) == 0
        assert len(acked) == WRITES
        copy = outcome.previous_store_copy
        assert copy is not None
        raw = load_key(paths, KeyFile.load(paths.key_file))
        saved = open_store(copy, raw, key_source="memory", migrate=False)
        with saved.read_session() as s:
            found = {r.key for r in s.query(AppSetting).filter(AppSetting.key.like("acked-%"))}
        saved.close()
        lost = [n for n in acked if f"acked-{n}" not in found]
        assert lost == []
    finally:
        keyring.set_keyring(previous)
        os.environ.pop("PYTHON_KEYRING_BACKEND", None)
        os.environ.pop("CONTRACTDESK_TEST_KEYRING_FILE", None)
        if writer.poll() is None:
            writer.kill()
        writer.wait(timeout=30)
        writer.stdout.close()


WRITES = 300
_WRITER = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from contractdesk.paths import StorePaths\n"
    "from contractdesk.store.models import AppSetting\n"
    "from contractdesk.store.profile import unlock_profile\n"
    "store = unlock_profile(StorePaths(Path({data!r})))\n"
    "print('open', flush=True)\n"
    f"for n in range({WRITES}):\n"
    "    with store.session() as s:\n"
    "        s.add(AppSetting(key=f'acked-{{n}}', value=n))\n"
    "    print(n, flush=True)\n"
    "    time.sleep(0.002)\n"
    "store.close()\n"
)


def test_store_lock_is_shared_between_users_and_exclusive_for_replacing(tmp_path: Path) -> None:
    a, b, c = StoreLock(tmp_path), StoreLock(tmp_path), StoreLock(tmp_path)
    a.shared()
    b.shared(wait=0)
    assert not c.try_exclusive()
    a.release()
    b.release()
    assert c.try_exclusive()
    with pytest.raises(StoreInUseError):
        a.shared(wait=0.05)
    c.release()


def test_disk_full_during_erase_says_saved_when_the_erasure_was_committed(tmp_path: Path) -> None:
    """The commit fits, the checkpoint after it does not (RLIMIT_FSIZE below the file's end):
    the erasure is saved and the user is told so, not "nothing was saved"."""
    import resource
    import signal

    keyring_file = tmp_path / "keyring.json"
    env = subprocess_env(
        PYTHON_KEYRING_BACKEND="store_testkit.FileKeyring",
        CONTRACTDESK_TEST_KEYRING_FILE=str(keyring_file),
    )
    data = tmp_path / "data"
    setup = (
        "from pathlib import Path\n"
        "from contractdesk.paths import StorePaths\n"
        "from contractdesk.services.context import Services\n"
        "from contractdesk.services.people import PersonInput\n"
        "from contractdesk.store import audit\n"
        "from contractdesk.store.profile import create_profile\n"
        f"p = StorePaths(Path({str(data)!r}))\n"
        "s = Services(create_profile(p, use_keyring=True), p)\n"
        "pid = s.people.add_person(PersonInput('Kari', 'Nordmann'))\n"
        "with s.store.session() as ses:\n"
        "    for n in range(1500):\n"
        "        audit.append(ses, actor='t', action='test.fill', entity_type='x',"
        " entity_id=n, payload={'pad': 'z' * 300})\n"
        "s.backups.recovery_key()\n"
        "s.store.checkpoint()\n"
        "s.close()\n"
        "print(pid)\n"
    )
    done = subprocess.run(
        [python(), "-c", setup], env=env, check=True, timeout=120, capture_output=True, text=True
    )
    person = done.stdout.strip()
    db = data / "contractdesk.db"
    limit = db.stat().st_size // 2

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    result = subprocess.run(
        [
            python(),
            "-m",
            "contractdesk",
            "--data-dir",
            str(data),
            "person",
            "erase",
            person,
            "--yes",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=small_files,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert f"Erased person {person}" in result.stdout and "Backups made before now" in result.stdout
    assert "Nothing of this change was saved" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    assert Path(f"{db}-wal").stat().st_size > 0  # the checkpoint really failed: the WAL holds it
    os.environ["PYTHON_KEYRING_BACKEND"] = "store_testkit.FileKeyring"
    os.environ["CONTRACTDESK_TEST_KEYRING_FILE"] = str(keyring_file)
    import keyring

    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    try:
        services = Services(unlock_profile(StorePaths(data)), StorePaths(data))
        try:
            assert services.people.get(int(person)).erased
        finally:
            services.close()
    finally:
        keyring.set_keyring(previous)
        os.environ.pop("PYTHON_KEYRING_BACKEND", None)
        os.environ.pop("CONTRACTDESK_TEST_KEYRING_FILE", None)


def test_a_damaged_wrapped_key_is_not_called_a_wrong_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from contractdesk.store import keys
    from contractdesk.store.errors import WrongPassphraseError
    from contractdesk.store.keys import KeyFileDamagedError

    monkeypatch.setattr(keys, "ARGON2_TIME_COST", 1)
    monkeypatch.setattr(keys, "ARGON2_MEMORY_KIB", 8 * 1024)
    paths = StorePaths(tmp_path / "data")
    create_profile(paths, passphrase="right passphrase", use_keyring=False).close()
    with pytest.raises(WrongPassphraseError):
        unlock_profile(paths, passphrase="wrong passphrase")
    data = json.loads(paths.key_file.read_text())
    sealed = data["wrapped_key"]["sealed_key"]
    data["wrapped_key"]["sealed_key"] = ("A" if sealed[0] != "A" else "B") + sealed[1:]
    paths.key_file.write_text(json.dumps(data))
    with pytest.raises(KeyFileDamagedError) as caught:
        unlock_profile(paths, passphrase="right passphrase")
    assert "damaged" in str(caught.value) and "Wrong passphrase" not in str(caught.value)


def test_partial_leftovers_of_a_killed_backup_are_removed_at_the_next_start(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    paths = StorePaths(tmp_path / "data")
    services = Services(create_profile(paths, use_keyring=True), paths)
    elsewhere = tmp_path / "usb"
    services.backups.create(elsewhere / "first.cdbackup", "pw")
    services.close()
    leftovers = [
        paths.backups / ".contractdesk-x.db.1a2b3c4d.partial",
        elsewhere / ".second.cdbackup.5e6f7a8b.partial",
    ]
    paths.backups.mkdir(exist_ok=True)
    for leftover in leftovers:
        leftover.write_bytes(b"half a backup")
    unlock_profile(paths).close()
    assert not any(p.exists() for p in leftovers)
    assert (elsewhere / "first.cdbackup").exists()


def test_restore_when_the_key_file_is_missing_does_not_go_in_a_circle(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    paths = StorePaths(tmp_path / "data")
    services, kari = _profile_with_person(paths)
    backup = tmp_path / "b.cdbackup"
    services.backups.create(backup, "pw")
    services.close()
    paths.key_file.unlink()  # the key file is gone; the database is still there
    old = paths.db.read_bytes()
    outcome = restore_from_backup(paths, backup, "pw")
    assert outcome.new_key_source == "keyring" and outcome.previous_store_copy is not None
    assert outcome.previous_store_copy.read_bytes() == old  # set aside unchanged, not deleted
    services = Services(unlock_profile(paths), paths)
    try:
        assert services.people.get(kari).first_name == "Kari"
    finally:
        services.close()
