"""Encrypted backups: create → restore on a fresh profile gives the same rows, checked both ways."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from store_testkit import CANARY, MemoryKeyring, add_customer, add_person, fingerprint, table_dump

from contractdesk.paths import StorePaths
from contractdesk.services.settings import SettingsService
from contractdesk.services.supplier import SupplierProfile, SupplierService
from contractdesk.store import audit
from contractdesk.store.backup import create_backup, inspect_backup, restore_backup
from contractdesk.store.engine import Store, connect_raw, integrity_problems
from contractdesk.store.errors import StoreError, StoreTooNewError, WrongKeyOrDamagedError
from contractdesk.store.profile import create_profile, unlock_profile
from contractdesk.store.schema import SCHEMA_HEAD

BACKUP_PASSPHRASE = "backup passphrase 1"


def _fill(store: Store, tag: str) -> None:
    SupplierService(store).save(
        SupplierProfile(
            "971049669",
            f"{tag} Leverandør AS",
            ("Storgata 1",),
            "0155",
            "Oslo",
            signer_name=f"{tag} Signer",
        ),
        actor="test",
    )
    SettingsService(store).set("language", "nb", actor="test")
    with store.session() as s:
        add_customer(s, "923609016", f"{tag} {CANARY} Kunde ASA")
        add_person(s, f"{tag}-{CANARY}-first", "Nordmann", emails=[f"{tag.lower()}@kunde.example"])
        audit.append(
            s,
            actor="test",
            action="customer.registered",
            entity_type="customer",
            entity_id="923609016",
        )


def _dump(store: Store) -> dict[str, list[tuple[object, ...]]]:
    with store.raw_connection() as conn:
        return table_dump(conn)


@pytest.fixture
def source(tmp_path: Path, memory_keyring: MemoryKeyring) -> Store:
    store = create_profile(StorePaths(tmp_path / "source"))
    _fill(store, "Source")
    yield store
    store.close()


def test_backup_restored_on_a_fresh_profile_has_the_same_rows(
    source: Store, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    backup = create_backup(source, tmp_path / "out" / "contractdesk.cdbackup", BACKUP_PASSPHRASE)
    expected = _dump(source)

    # The backup: encrypted (no SQLite header, no personal text), checked, complete.
    data = backup.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    assert CANARY.encode() not in data and b"Nordmann" not in data
    info = inspect_backup(backup, BACKUP_PASSPHRASE)
    assert info.problems == []
    assert info.revision == SCHEMA_HEAD
    assert (
        info.counts["customer"] == 1
        and info.counts["person"] == 1
        and info.counts["audit_log"] == 3
    )
    assert sorted(p.name for p in backup.parent.iterdir()) == [backup.name]  # no temp file left

    # A fresh profile elsewhere, with its own key and its own data.
    target_paths = StorePaths(tmp_path / "target")
    target = create_profile(target_paths)
    _fill(target, "Target")
    target_key = target.key_for_backup()
    assert target_key != source.key_for_backup()
    old_target = _dump(target)
    target.close()

    safety = restore_backup(backup, BACKUP_PASSPHRASE, target_paths.db, target_key)

    restored = unlock_profile(target_paths)  # the target's own key opens the restored store
    try:
        assert _dump(restored) == expected
        assert restored.integrity_check() == []
        assert restored.revision() == SCHEMA_HEAD
        with restored.session() as s:
            assert audit.verify(s).ok
    finally:
        restored.close()

    # The previous store was kept, verified, under the target's key.
    assert safety is not None and safety.parent == target_paths.backups
    conn = connect_raw(safety, target_key, mode="ro")
    try:
        assert table_dump(conn) == old_target
        assert integrity_problems(conn) == []
    finally:
        conn.close()


def test_wrong_backup_passphrase_is_a_clear_error_and_restores_nothing(
    source: Store, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    backup = create_backup(source, tmp_path / "b.cdbackup", BACKUP_PASSPHRASE)
    target_paths = StorePaths(tmp_path / "target")
    target = create_profile(target_paths)
    key = target.key_for_backup()
    target.close()
    before = fingerprint(target_paths.data_dir)
    backup_before = backup.read_bytes()

    with pytest.raises(WrongKeyOrDamagedError) as err:
        inspect_backup(backup, "not the passphrase")
    assert str(backup) in str(err.value)
    with pytest.raises(WrongKeyOrDamagedError):
        restore_backup(backup, "not the passphrase", target_paths.db, key)

    assert fingerprint(target_paths.data_dir) == before
    assert backup.read_bytes() == backup_before


def test_backup_refuses_to_overwrite_a_file(source: Store, tmp_path: Path) -> None:
    dest = tmp_path / "existing.cdbackup"
    dest.write_bytes(b"precious")
    with pytest.raises(StoreError, match="exists already"):
        create_backup(source, dest, BACKUP_PASSPHRASE)
    assert dest.read_bytes() == b"precious"


def test_restore_over_a_damaged_store_keeps_the_damaged_file_aside(
    source: Store, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    backup = create_backup(source, tmp_path / "b.cdbackup", BACKUP_PASSPHRASE)
    target_paths = StorePaths(tmp_path / "target")
    target = create_profile(target_paths)
    key = target.key_for_backup()
    target.close()
    damaged = bytearray(target_paths.db.read_bytes())
    damaged[200] ^= 0xFF
    target_paths.db.write_bytes(bytes(damaged))
    with pytest.raises(WrongKeyOrDamagedError):
        unlock_profile(target_paths)

    kept = restore_backup(backup, BACKUP_PASSPHRASE, target_paths.db, key)

    assert kept is not None and kept.read_bytes() == bytes(damaged)  # nothing of it was lost
    restored = unlock_profile(target_paths)
    try:
        assert _dump(restored) == _dump(source)
    finally:
        restored.close()


def test_backup_from_a_newer_release_is_refused(
    source: Store, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with source.session() as s:
        s.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    backup = create_backup(source, tmp_path / "new.cdbackup", BACKUP_PASSPHRASE)
    target_paths = StorePaths(tmp_path / "target")
    target = create_profile(target_paths)
    key = target.key_for_backup()
    target.close()
    before = fingerprint(target_paths.data_dir)

    with pytest.raises(StoreTooNewError):
        restore_backup(backup, BACKUP_PASSPHRASE, target_paths.db, key)
    assert fingerprint(target_paths.data_dir) == before
