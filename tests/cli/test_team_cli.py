"""Team mode on the command line against a real PostgreSQL server: ``server init``, ``user add``,
``--server`` / ``CONTRACTDESK_DATABASE_URL`` for every command, ``info --json``."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from pg_testkit import PgServer, dbname_of

from contractdesk.cli import main

OWNER_PW = "eier-passord-7Hq2"
STAFF_PW = "ansatt-passord-3Kd9"


def run(capsys: pytest.CaptureFixture[str], *args: str, stdin: str = "") -> tuple[int, str, str]:
    import sys

    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(args))
    finally:
        sys.stdin = old
    out, err = capsys.readouterr()
    return code, out, err


def test_server_init_user_add_and_every_command_on_the_server(
    capsys: pytest.CaptureFixture[str],
    pg_server: PgServer,
    pg_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CONTRACTDESK_DATA_DIR", str(tmp_path / "data"))
    db = dbname_of(pg_url)
    tag = os.getpid()
    owner, staff = f"kari_{tag}", f"ola_{tag}"
    admin = pg_server.url(db, driver="postgresql")  # the form people type: postgresql://
    code, out, err = run(
        capsys,
        "server",
        "init",
        admin,
        "--owner",
        owner,
        "--password-stdin",
        "--json",
        stdin=OWNER_PW + "\n",
    )
    assert (code, err) == (0, "")
    done = json.loads(out)
    assert (done["schema_revision"], done["owner"], done["owner_created"]) == ("0013", owner, True)
    assert "***" in done["server"]

    owner_url = pg_server.url(db, user=owner, password=OWNER_PW, driver="postgresql")
    code, out, err = run(
        capsys,
        "--server",
        owner_url,
        "user",
        "add",
        staff,
        "--role",
        "staff",
        "--password-stdin",
        stdin=STAFF_PW + "\n",
    )
    assert (code, out.strip(), err) == (0, f"Added {staff} (staff).", "")

    staff_url = pg_server.url(db, user=staff, password=STAFF_PW, driver="postgresql")
    monkeypatch.setenv("CONTRACTDESK_DATABASE_URL", staff_url)
    code, out, err = run(capsys, "info", "--json")
    assert (code, err) == (0, "")
    info = json.loads(out)
    assert (info["engine"], info["user"], info["role"], info["schema_revision"]) == (
        "postgresql",
        staff,
        "staff",
        "0013",
    )
    assert STAFF_PW not in out
    code, out, err = run(
        capsys,
        "user",
        "add",
        f"per_{tag}",
        "--role",
        "read-only",
        "--password-stdin",
        stdin="lesepassord-12345\n",
    )
    assert (code, out) == (1, "")
    assert err.strip() == "contractdesk: Your role (staff) may not manage users."
    code, out, err = run(capsys, "customer", "list", "--json")
    assert (code, json.loads(out), err) == (0, [], "")
    code, out, err = run(capsys, "audit", "verify", "--json")
    assert code == 0 and json.loads(out)["ok"] is True

    wrong = pg_server.url(db, user=staff, password="Feil-Passord-999", driver="postgresql")
    code, out, err = run(capsys, "--server", wrong, "info")
    assert code == 1 and "Feil-Passord-999" not in err
    assert "user name or password is wrong" in err


def test_server_init_refuses_an_address_that_is_not_postgresql(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTRACTDESK_DATA_DIR", str(tmp_path / "data"))
    code, _, err = run(capsys, "server", "init", "sqlite:///x", "--owner", "kari")
    assert code == 1 and "not a PostgreSQL address" in err
    code, _, err = run(capsys, "user", "add", "kari", "--role", "staff", "--password-stdin")
    assert code == 1  # no store here, and users exist only on a server


def test_on_the_server_a_stale_correction_exits_1_and_changes_nothing(
    capsys: pytest.CaptureFixture[str],
    pg_server: PgServer,
    pg_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 19 on PostgreSQL through the command line: two colleagues' commands, one record."""
    monkeypatch.setenv("CONTRACTDESK_DATA_DIR", str(tmp_path / "data"))
    db = dbname_of(pg_url)
    owner = f"eva_{os.getpid()}"
    admin = pg_server.url(db, driver="postgresql")
    code, _out, err = run(
        capsys, "server", "init", admin, "--owner", owner, "--password-stdin", stdin=OWNER_PW + "\n"
    )
    assert code == 0, err
    url = pg_server.url(db, user=owner, password=OWNER_PW, driver="postgresql")
    monkeypatch.setenv("CONTRACTDESK_DATABASE_URL", url)
    code, _out, err = run(
        capsys, "customer", "add", "923130969", "--offline", "--name", "Testesen AS"
    )
    assert code == 0, err
    code, out, err = run(
        capsys,
        "person",
        "add",
        "923130969",
        "--first",
        "Kari",
        "--last",
        "Nordmann",
        "--role",
        "main-contact",
        "--json",
    )
    assert code == 0, err
    pid = str(json.loads(out)["id"])
    code, out, err = run(capsys, "person", "correct", pid, "--last", "Berg", "--json")
    assert code == 0 and json.loads(out)["version"] == 2, err
    code, out, err = run(
        capsys, "person", "correct", pid, "--title", "CEO", "--expected-version", "1"
    )
    assert (code, out) == (1, "")
    assert "Someone else changed this person" in err and "yours “CEO”" in err
    code, out, _err = run(capsys, "person", "show", pid, "--json")
    shown = json.loads(out)
    assert (shown["last_name"], shown["title"], shown["version"]) == ("Berg", "", 2)
