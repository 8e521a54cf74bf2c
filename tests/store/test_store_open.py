"""Opening the store: the key is proven by a read, a wrong key or damaged file changes nothing,
and every pooled connection runs with the safe pragmas; files are owner-only."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select, text
from store_testkit import MemoryKeyring, add_customer, fingerprint

from contractdesk.paths import StorePaths
from contractdesk.store.engine import Store, create_store, open_store
from contractdesk.store.errors import (
    StoreExistsError,
    StoreNotFoundError,
    WrongKeyOrDamagedError,
    WrongPassphraseError,
)
from contractdesk.store.keys import Key, KeyFile
from contractdesk.store.models import Customer
from contractdesk.store.profile import create_profile, unlock_profile

PAGE = 4096  # SQLCipher 4 default page size


def _filled_store(folder: Path, key: Key, rows: int = 120) -> Path:
    """A closed store whose last pages all hold the rows of one plain table (``filler``).

    A table of our own keeps the page layout known whatever later migrations add to the schema:
    everything after the schema pages belongs to ``filler``, and reading it touches every page.
    """
    store = create_store(folder / "contractdesk.db", key, key_source="memory")
    with store.session() as s:
        add_customer(s, "971049669", "Customer AS")
        s.execute(text("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"))
        for i in range(rows):
            s.execute(text("INSERT INTO filler (body) VALUES (:b)"), {"b": f"{i:05d}" * 600})
    store.close()
    assert not Path(f"{store.path}-wal").exists()  # closed cleanly: everything is in the main file
    return store.path


def _open_and_read_everything(path: Path, key: Key) -> None:
    store = open_store(path, key, key_source="memory")
    try:
        with store.session() as s:
            bodies = s.execute(text("SELECT body FROM filler ORDER BY id")).scalars().all()
            assert [b[:5] for b in bodies] == [f"{i:05d}" for i in range(len(bodies))]
            s.execute(select(Customer.name)).scalars().all()
    finally:
        store.close()


def test_wrong_key_leaves_the_file_byte_identical_and_creates_no_wal(tmp_path: Path) -> None:
    path = _filled_store(tmp_path, Key.generate())
    before = fingerprint(tmp_path)

    with pytest.raises(WrongKeyOrDamagedError) as err:
        open_store(path, Key.generate(), key_source="memory")

    assert str(path) in str(err.value)
    assert "wrong key" in str(err.value)
    assert fingerprint(tmp_path) == before  # also: no -wal, -shm or journal appeared


def test_wrong_passphrase_leaves_the_folder_byte_identical(tmp_path: Path) -> None:
    paths = StorePaths(tmp_path / "data")
    create_profile(paths, passphrase="the right one").close()
    before = fingerprint(paths.data_dir)

    with pytest.raises(WrongPassphraseError):
        unlock_profile(paths, passphrase="the wrong one")
    assert fingerprint(paths.data_dir) == before


def test_key_file_of_another_store_is_a_wrong_key_not_a_new_store(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    one, other = StorePaths(tmp_path / "one"), StorePaths(tmp_path / "other")
    create_profile(one).close()
    create_profile(other).close()
    paths_key = KeyFile.load(other.key_file)
    paths_key.save(one.key_file)  # the user copied the wrong store.json
    before = fingerprint(one.data_dir)

    with pytest.raises(WrongKeyOrDamagedError) as err:
        unlock_profile(one)
    assert str(one.db) in str(err.value)
    assert fingerprint(one.data_dir) == before


def _flip(offset: int) -> Callable[[bytes], bytes]:
    def damage(data: bytes) -> bytes:
        bad = bytearray(data)
        bad[offset] ^= 0x5A
        return bytes(bad)

    return damage


DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "flipped byte on page 1": _flip(100),
    "flipped byte in the salt": _flip(3),
    "flipped byte on page 2 (schema)": _flip(PAGE + 200),
    "flipped byte on a later data page": lambda data: _flip(len(data) - 10 * PAGE + 1000)(data),
    "flipped byte on the last page": lambda data: _flip(len(data) - 500)(data),
    "truncated by a page": lambda data: data[:-PAGE],
    "truncated mid-page": lambda data: data[:-1000],
    "truncated to half": lambda data: data[: len(data) // 2],
    "only the first page": lambda data: data[:PAGE],
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_damaged_file_is_named_in_one_clear_error_and_left_untouched(
    tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    key = Key.generate()
    path = _filled_store(tmp_path, key)
    data = path.read_bytes()
    assert len(data) > 100 * PAGE
    path.write_bytes(damage(data))
    before = fingerprint(tmp_path)

    with pytest.raises(WrongKeyOrDamagedError) as err:
        _open_and_read_everything(path, key)

    assert str(path) in str(err.value)
    assert fingerprint(tmp_path) == before


def test_damage_on_a_later_page_is_found_by_the_integrity_check(tmp_path: Path) -> None:
    key = Key.generate()
    path = _filled_store(tmp_path, key)
    path.write_bytes(DAMAGES["flipped byte on a later data page"](path.read_bytes()))

    store = open_store(path, key, key_source="memory")  # page 1 is fine: the open succeeds
    try:
        problems = store.integrity_check()
    finally:
        store.close()
    assert problems, "a flipped byte must show in the integrity check"


def test_undamaged_store_passes_the_integrity_check(raw_store: Store) -> None:
    with raw_store.session() as s:
        add_customer(s, "971049669", "Healthy AS")
    assert raw_store.integrity_check() == []


def test_open_refuses_a_missing_file_and_create_refuses_an_existing_one(
    tmp_path: Path, raw_store: Store
) -> None:
    with pytest.raises(StoreNotFoundError):
        open_store(tmp_path / "nothing.db", Key.generate(), key_source="memory")
    assert not (tmp_path / "nothing.db").exists()
    with pytest.raises(StoreExistsError):
        create_store(raw_store.path, Key.generate(), key_source="memory")


EXPECTED_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL: an acknowledged commit survives power loss
    "foreign_keys": 1,
    "secure_delete": 1,  # erased persons do not linger in free pages
    "temp_store": 2,  # MEMORY: SQLCipher's temp files would be plaintext
}


def test_pragmas_are_in_force_on_every_pooled_connection(raw_store: Store) -> None:
    # Hold several connections at once so the pool has to create distinct ones.
    conns = [raw_store.engine.connect() for _ in range(3)]
    try:
        seen = set()
        for conn in conns:
            seen.add(id(conn.connection.dbapi_connection))
            values = {
                name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in EXPECTED_PRAGMAS
            }
            assert values == EXPECTED_PRAGMAS
        assert len(seen) == 3
    finally:
        for conn in conns:
            conn.close()
    with raw_store.session() as s:  # and through the session the services use
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_pragmas_after_reopening_an_existing_store(tmp_path: Path) -> None:
    key = Key.generate()
    path = _filled_store(tmp_path, key, rows=1)
    store = open_store(path, key, key_source="memory")
    try:
        with store.engine.connect() as conn:
            values = {
                name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in EXPECTED_PRAGMAS
            }
    finally:
        store.close()
    assert values == EXPECTED_PRAGMAS


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_are_owner_only(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    old_umask = os.umask(0o022)  # a typical desktop umask: group and others could read by default
    try:
        paths = StorePaths(tmp_path / "data")
        store = create_profile(paths)
        try:
            with store.session() as s:
                add_customer(s, "971049669", "Open Files AS")
            wal, shm = Path(f"{paths.db}-wal"), Path(f"{paths.db}-shm")
            assert wal.exists() and shm.exists()  # the store is open in WAL mode
            from contractdesk.store.backup import create_backup

            backup = create_backup(store, tmp_path / "out" / "backup.cdbackup", "backup passphrase")
            from contractdesk.store.backup import snapshot

            with store.raw_connection() as conn:
                snap = snapshot(conn, paths.db, store.key_for_backup(), reason="test")
            assert _mode(paths.data_dir) == 0o700
            assert _mode(paths.db) == 0o600
            assert _mode(paths.key_file) == 0o600
            assert _mode(wal) == 0o600
            assert _mode(shm) == 0o600
            assert _mode(backup) == 0o600
            assert _mode(snap) == 0o600
            assert _mode(paths.backups) == 0o700
        finally:
            store.close()
    finally:
        os.umask(old_umask)


def test_wrong_key_leaves_a_crashed_stores_wal_alone_and_the_right_key_recovers_it(
    raw_store: Store, store_key: Key, tmp_path: Path
) -> None:
    """A crash leaves -wal/-shm beside the file; a wrong key must not touch them (they hold commits)."""
    with raw_store.session() as s:
        add_customer(s, "971049669", "Committed Before The Crash AS")
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal", "-shm"):  # the files as a killed process leaves them
        source = Path(f"{raw_store.path}{suffix}")
        (crashed / source.name).write_bytes(source.read_bytes())
    raw_store.close()
    copy = crashed / raw_store.path.name
    assert Path(f"{copy}-wal").stat().st_size > 0
    before = fingerprint(crashed)

    with pytest.raises(WrongKeyOrDamagedError):
        open_store(copy, Key.generate(), key_source="memory")
    assert fingerprint(crashed) == before

    store = open_store(copy, store_key, key_source="memory")
    try:
        with store.session() as s:
            assert s.execute(select(Customer.name)).scalars().all() == [
                "Committed Before The Crash AS"
            ]
    finally:
        store.close()


def _last_wal_frame_of_page(wal: bytes, page: int) -> bytes:
    """The newest copy of a page in a WAL file (32-byte header; frames of 24-byte header + page)."""
    found = b""
    for start in range(32, len(wal) - (24 + PAGE) + 1, 24 + PAGE):
        if int.from_bytes(wal[start : start + 4], "big") == page:
            found = wal[start + 24 : start + 24 + PAGE]
    assert found, f"page {page} is not in the WAL"
    return found


def test_a_checkpoint_cut_short_still_opens_with_the_right_key_only(
    raw_store: Store, store_key: Key, tmp_path: Path
) -> None:
    """A crash (or full disk) in the middle of a checkpoint leaves a new page 1 in the main file
    that counts pages still only in the WAL. The key check must not call that a wrong key."""
    with raw_store.session() as s:
        for i in range(60):
            add_customer(s, f"{900_000_000 + i}", f"Customer {i} " + "x" * 300)
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):
        source = Path(f"{raw_store.path}{suffix}")
        (crashed / source.name).write_bytes(source.read_bytes())
    raw_store.close()
    copy = crashed / raw_store.path.name
    main = bytearray(copy.read_bytes())
    main[:PAGE] = _last_wal_frame_of_page(
        Path(f"{copy}-wal").read_bytes(), 1
    )  # checkpoint got this far
    copy.write_bytes(bytes(main))
    before = fingerprint(crashed)

    with pytest.raises(WrongKeyOrDamagedError):
        open_store(copy, Key.generate(), key_source="memory")
    assert fingerprint(crashed) == before

    store = open_store(copy, store_key, key_source="memory")
    try:
        with store.session() as s:
            assert len(s.execute(select(Customer.id)).scalars().all()) == 60
        assert store.integrity_check() == []
    finally:
        store.close()
