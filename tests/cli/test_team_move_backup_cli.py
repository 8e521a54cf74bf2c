"""``store move-to-server`` and server backups from the command line (real SQLCipher + PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pg_testkit import PgServer, dbname_of


def _seed(services) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.services.demo import populate_demo_customers

    populate_demo_customers(services)


def test_move_to_server_reports_every_table(passphrase_store, cli, pg_url: str) -> None:  # type: ignore[no-untyped-def]
    data = passphrase_store(_seed)
    code, out, err = cli(data, "store", "move-to-server", pg_url)
    assert code == 1 and "--yes" in err  # no terminal to confirm on: nothing happens without it
    code, out, err = cli(data, "store", "move-to-server", pg_url, "--yes", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["ok"] is True and report["local_store_kept"] is True
    assert "pg-test-superuser" not in out  # the password is never printed
    customers = next(t for t in report["tables"] if t["table"] == "customer")
    assert customers["local_rows"] == customers["server_rows"] >= 5
    assert customers["local_sha256"] == customers["server_sha256"]
    # a second move into the same (now full) database is refused with a clear message
    code, out, err = cli(data, "store", "move-to-server", pg_url, "--yes")
    assert code == 1 and "not empty" in err


def test_move_to_server_prints_a_table_report(passphrase_store, cli, pg_url: str) -> None:  # type: ignore[no-untyped-def]
    data = passphrase_store(_seed)
    code, out, err = cli(data, "store", "move-to-server", pg_url, "--yes")
    assert code == 0, err
    assert "customer" in out and "DIFFERENT" not in out
    assert "was not changed" in out and "backup" in out


def test_server_backup_create_and_restore(
    passphrase_store,
    cli,
    pg_server: PgServer,
    pg_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    data = passphrase_store(_seed)
    assert cli(data, "store", "move-to-server", pg_url, "--yes")[0] == 0
    monkeypatch.setenv("CONTRACTDESK_BACKUP_PASSPHRASE", "backup passphrase 1")
    dest = tmp_path / "team.cdpg"
    code, out, err = cli(data, "--server", pg_url, "backup", "create", str(dest), "--json")
    assert code == 0, err
    info = json.loads(out)
    assert info["rows"]["customer"] >= 5 and dest.exists()
    assert b"PGDMP" not in dest.read_bytes()  # encrypted, never a plain dump
    # the recovery sheet's key opens a server backup too
    keyed = tmp_path / "keyed.cdpg"
    code, out, err = cli(data, "--server", pg_url, "backup", "create", str(keyed), "--recovery-key")
    assert code == 0, err

    empty = pg_server.url(pg_server.create_database())
    monkeypatch.setenv("CONTRACTDESK_DATABASE_URL", empty)
    code, out, err = cli(data, "backup", "restore", str(dest), "--yes", "--json")
    assert code == 0, err
    restored = json.loads(out)
    assert restored["rows"]["customer"] == info["rows"]["customer"]
    assert "pg-test-superuser" not in out
    with pg_server.connect(dbname_of(empty)) as conn:
        assert conn.execute("SELECT count(*) FROM customer").fetchone() == (
            info["rows"]["customer"],
        )
    # again into the same database: refused, it is not empty any more
    code, out, err = cli(data, "backup", "restore", str(dest), "--yes")
    assert code == 1 and "not empty" in err

    # the backup made with --recovery-key restores with the recovery key from the sheet
    from contractdesk.paths import StorePaths
    from contractdesk.services.context import Services
    from contractdesk.store.server import open_server_store

    team = Services(open_server_store(pg_url), StorePaths(tmp_path / "team-folder"))
    try:
        key = team.backups.recovery_key()
    finally:
        team.close()
    key_file = tmp_path / "key.txt"
    key_file.write_text(key.lower().replace("-", " "), encoding="utf-8")  # as typed off paper
    monkeypatch.delenv("CONTRACTDESK_BACKUP_PASSPHRASE")
    third = pg_server.url(pg_server.create_database())
    code, out, err = cli(
        data,
        "--server",
        third,
        "backup",
        "restore",
        str(keyed),
        "--yes",
        "--recovery-key-file",
        str(key_file),
    )
    assert code == 0, err
    assert "Restored" in out


def test_commands_use_the_server_the_folder_was_set_up_for(
    cli, pg_server: PgServer, pg_url: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """After "Delt med teamet" (or a move with "open the server from the next start") the
    folder names the server; commands use it, with the password from the keyring."""
    from pg_testkit import SUPERUSER, SUPERUSER_PASSWORD
    from store_testkit import MemoryKeyring, installed

    from contractdesk.paths import StorePaths
    from contractdesk.services.safety.team import ServerProfile, choose_server
    from contractdesk.services.team import set_up_server

    set_up_server(pg_url, SUPERUSER, None)
    data = tmp_path / "folder"
    profile = ServerProfile("127.0.0.1", dbname_of(pg_url), SUPERUSER, pg_server.port, False)
    with installed(MemoryKeyring()):
        assert choose_server(StorePaths(data), profile, SUPERUSER_PASSWORD)
        code, out, err = cli(data, "info", "--json")
    assert code == 0, err
    facts = json.loads(out)
    assert facts["engine"] == "postgresql"
    assert SUPERUSER_PASSWORD not in out
