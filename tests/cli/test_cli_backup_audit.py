"""``contractdesk backup create|restore`` and ``audit list|verify`` in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_testkit import MemoryKeyring, fingerprint, table_dump

from contractdesk.cli import main
from contractdesk.paths import StorePaths
from contractdesk.store.engine import connect_raw
from contractdesk.store.keys import Key
from contractdesk.store.profile import unlock_profile
from contractdesk.store.schema import SCHEMA_HEAD

BACKUP_PASSPHRASE = "the backup passphrase"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def init(capsys: pytest.CaptureFixture[str], folder: Path, name: str) -> StorePaths:
    code, _, err = run(
        capsys,
        "--data-dir",
        str(folder),
        "init",
        "--supplier-org-number",
        "971049669",
        "--supplier-name",
        name,
        "--supplier-signer",
        f"{name} Signer",
    )
    assert code == 0, err
    return StorePaths(folder)


def dump(paths: StorePaths) -> dict[str, list[tuple[object, ...]]]:
    store = unlock_profile(paths)
    try:
        with store.raw_connection() as conn:
            return table_dump(conn, ("supplier", "app_setting", "audit_log"))
    finally:
        store.close()


@pytest.fixture
def backup_passphrase(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CONTRACTDESK_BACKUP_PASSPHRASE", BACKUP_PASSPHRASE)
    return BACKUP_PASSPHRASE


def test_backup_create_then_restore_into_a_fresh_profile(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    backup_passphrase: str,
) -> None:
    source = init(capsys, tmp_path / "source", "Source AS")
    backup = tmp_path / "out" / "source.cdbackup"
    code, out, err = run(
        capsys, "--data-dir", str(source.data_dir), "backup", "create", str(backup), "--json"
    )
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["file"] == str(backup) and report["schema_revision"] == SCHEMA_HEAD
    assert report["rows"]["supplier"] == 1
    assert b"Source AS" not in backup.read_bytes()

    target = init(capsys, tmp_path / "target", "Target AS")
    before = fingerprint(target.data_dir)
    old_rows = dump(target)

    # Not a terminal and no --yes: nothing happens.
    code, out, err = run(
        capsys, "--data-dir", str(target.data_dir), "backup", "restore", str(backup)
    )
    assert (code, out) == (1, "")
    assert "--yes" in err and len(err.strip().splitlines()) == 1
    assert fingerprint(target.data_dir) == before

    code, out, err = run(
        capsys,
        "--data-dir",
        str(target.data_dir),
        "backup",
        "restore",
        str(backup),
        "--yes",
        "--json",
    )
    assert (code, err) == (0, "")
    restored = json.loads(out)
    assert dump(target) == dump(source)
    kept = Path(restored["previous_store_copy"])
    assert kept.parent == target.backups
    store = unlock_profile(target)
    key: Key = store.key_for_backup()
    assert store.integrity_check() == []
    store.close()
    conn = connect_raw(kept, key, mode="ro")  # the previous store, under the target's own key
    try:
        assert table_dump(conn, ("supplier", "app_setting", "audit_log")) == old_rows
    finally:
        conn.close()


def test_wrong_backup_passphrase_is_one_clear_line(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    backup_passphrase: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = init(capsys, tmp_path / "source", "Source AS")
    backup = tmp_path / "source.cdbackup"
    assert run(capsys, "--data-dir", str(source.data_dir), "backup", "create", str(backup))[0] == 0
    before = fingerprint(source.data_dir)

    monkeypatch.setenv("CONTRACTDESK_BACKUP_PASSPHRASE", "not it")
    code, out, err = run(
        capsys, "--data-dir", str(source.data_dir), "backup", "restore", str(backup), "--yes"
    )
    assert (code, out) == (1, "")
    (line,) = err.strip().splitlines()
    assert str(backup) in line and "wrong key or passphrase" in line
    assert fingerprint(source.data_dir) == before


def test_backup_needs_a_passphrase_and_a_free_file_name(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = init(capsys, tmp_path / "source", "Source AS")
    backup = tmp_path / "b.cdbackup"
    code, _, err = run(capsys, "--data-dir", str(source.data_dir), "backup", "create", str(backup))
    assert code == 1 and "CONTRACTDESK_BACKUP_PASSPHRASE" in err and not backup.exists()

    monkeypatch.setenv("CONTRACTDESK_BACKUP_PASSPHRASE", BACKUP_PASSPHRASE)
    backup.write_text("not mine to overwrite")
    code, _, err = run(capsys, "--data-dir", str(source.data_dir), "backup", "create", str(backup))
    assert code == 1 and "exists already" in err
    assert backup.read_text() == "not mine to overwrite"


def test_restore_into_a_missing_folder_makes_the_store_there(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    backup_passphrase: str,
) -> None:
    source = init(capsys, tmp_path / "source", "Source AS")
    backup = tmp_path / "b.cdbackup"
    assert run(capsys, "--data-dir", str(source.data_dir), "backup", "create", str(backup))[0] == 0
    empty = tmp_path / "empty"
    code, out, err = run(
        capsys, "--data-dir", str(empty), "backup", "restore", str(backup), "--yes"
    )
    assert code == 0, err
    assert "Restored from" in out and "new key" in out
    from contractdesk.paths import StorePaths
    from contractdesk.services.supplier import SupplierService

    store = unlock_profile(StorePaths(empty))
    try:
        profile = SupplierService(store).get()
        assert profile is not None and profile.name == "Source AS"
    finally:
        store.close()


def test_audit_verify_and_list(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    paths = init(capsys, tmp_path / "data", "Audited AS")
    store = unlock_profile(paths)
    from contractdesk.services.settings import SettingsService

    SettingsService(store).set("language", "en", actor="test")
    SettingsService(store).set("language", "nb", actor="test")
    store.close()
    base = ["--data-dir", str(paths.data_dir), "audit"]

    code, out, err = run(capsys, *base, "verify")
    assert (code, err) == (0, "") and "3 entries verified" in out
    code, out, _ = run(capsys, *base, "list", "--json")
    entries = json.loads(out)
    assert [e["action"] for e in entries] == [
        "supplier.saved",
        "settings.changed",
        "settings.changed",
    ]
    assert entries[2]["details"] == {"before": "en", "after": "nb"}
    assert entries[0]["at"].endswith("+00:00")  # ISO 8601 with the offset
    code, out, _ = run(capsys, *base, "list", "--entity", "settings", "--limit", "1", "--json")
    assert [e["id"] for e in json.loads(out)] == [entries[2]["id"]]
    code, out, _ = run(capsys, *base, "list")
    assert code == 0 and "settings.changed" in out

    # Tamper with the second entry's details straight in the file.
    store = unlock_profile(paths)
    with store.raw_connection() as conn:
        conn.execute(
            'UPDATE audit_log SET payload = \'{"after": "de"}\' WHERE id = ?', (entries[1]["id"],)
        )
    store.close()

    code, out, err = run(capsys, *base, "verify")
    assert (code, out) == (1, "")
    assert (
        err.strip()
        == f"contractdesk: audit log broken at entry {entries[1]['id']}: details were altered"
    )
    code, out, _ = run(capsys, *base, "verify", "--json")
    assert code == 1
    assert json.loads(out) == {
        "ok": False,
        "checked": 2,
        "first_broken_id": entries[1]["id"],
        "reason": "details were altered",
    }


def test_restore_refuses_while_the_app_has_the_folder_open(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    backup_passphrase: str,
) -> None:
    import fcntl
    import os

    source = init(capsys, tmp_path / "source", "Source AS")
    backup = tmp_path / "b.cdbackup"
    assert run(capsys, "--data-dir", str(source.data_dir), "backup", "create", str(backup))[0] == 0
    target = init(capsys, tmp_path / "target", "Target AS")
    target.lock.write_text("4242\ncontractdesk\nhost\n")  # as the app's QLockFile writes it

    fd = os.open(target.lock, os.O_RDONLY)
    fcntl.flock(
        fd, fcntl.LOCK_EX | fcntl.LOCK_NB
    )  # the running app holds it (QLockFile uses flock)
    try:
        before = fingerprint(target.data_dir)
        code, _, err = run(
            capsys, "--data-dir", str(target.data_dir), "backup", "restore", str(backup), "--yes"
        )
        assert code == 1 and "close it" in err
        assert fingerprint(target.data_dir) == before
    finally:
        os.close(fd)

    # The same lock file left behind by a crash (nobody holds it) does not block the restore.
    code, _, err = run(
        capsys, "--data-dir", str(target.data_dir), "backup", "restore", str(backup), "--yes"
    )
    assert code == 0, err
    assert dump(target) == dump(source)
