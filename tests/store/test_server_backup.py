"""Server backups: pg_dump piped into an encrypted file, restored into an empty database.

Real PostgreSQL (tests/pg_testkit.py), real pg_dump/pg_restore; nothing mocked.
"""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest
from pg_testkit import PgServer, dbname_of
from sqlalchemy import create_engine, text

from contractdesk.store.errors import WrongKeyOrDamagedError
from contractdesk.store.server_backup import (
    CHUNK,
    TargetDatabaseNotEmptyError,
    client_target,
    decrypt_chunks,
    dump_encrypted,
    encrypt_stream,
    is_server_backup,
    list_archive,
    read_header,
    restore_encrypted,
)

SECRET = "correct horse battery staple"
CANARY = "Kanarifugl-Østby-7731"


_ENGINES: list = []  # type: ignore[type-arg]


def _engine(url: str):  # type: ignore[no-untyped-def]
    engine = create_engine(url, hide_parameters=True)
    _ENGINES.append(engine)
    return engine


@pytest.fixture(autouse=True)
def _dispose_engines(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from contractdesk.store import keys

    monkeypatch.setattr(keys, "ARGON2_TIME_COST", 1)  # cheap KDF: the parameters are in the file
    monkeypatch.setattr(keys, "ARGON2_MEMORY_KIB", 8 * 1024)
    yield
    while _ENGINES:
        _ENGINES.pop().dispose()


def _fill(url: str) -> None:
    """A small store-like database: the schema revision and a customer row with a canary."""
    engine = _engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)"))
        conn.execute(text("INSERT INTO alembic_version VALUES ('0010')"))
        conn.execute(
            text("CREATE TABLE customer (id serial PRIMARY KEY, org_number text, name text)")
        )
        conn.execute(
            text(
                "INSERT INTO customer (org_number, name) SELECT '9710496' || g, :n "
                "FROM generate_series(10, 99) g"
            ),
            {"n": CANARY},
        )
    engine.dispose()


def test_stream_round_trip_and_tampering(tmp_path: Path) -> None:
    from contractdesk.store.server_backup import _new_header

    data = os.urandom(3 * CHUNK + 123)
    out = io.BytesIO()
    encrypt_stream(io.BytesIO(data), out, _new_header("0010", {"customer": 1}), SECRET)
    path = tmp_path / "b.cdpg"
    path.write_bytes(out.getvalue())
    assert is_server_backup(path)
    assert b"".join(decrypt_chunks(path, SECRET)) == data
    assert read_header(path)["rows"] == {"customer": 1}
    with pytest.raises(WrongKeyOrDamagedError):
        next(iter(decrypt_chunks(path, "wrong passphrase")))
    # cut off after the first chunk: noticed (the final-chunk flag is missing)
    cut = tmp_path / "cut.cdpg"
    cut.write_bytes(out.getvalue()[: len(out.getvalue()) - 200])
    with pytest.raises(WrongKeyOrDamagedError):
        b"".join(decrypt_chunks(cut, SECRET))
    # one flipped byte in the middle
    flipped = bytearray(out.getvalue())
    flipped[len(flipped) // 2] ^= 1
    bad = tmp_path / "flipped.cdpg"
    bad.write_bytes(bytes(flipped))
    with pytest.raises(WrongKeyOrDamagedError):
        b"".join(decrypt_chunks(bad, SECRET))
    # the header is authenticated too: a changed row count breaks every chunk
    header_changed = out.getvalue().replace(b'"customer": 1', b'"customer": 2')
    changed = tmp_path / "header.cdpg"
    changed.write_bytes(header_changed)
    with pytest.raises(WrongKeyOrDamagedError):
        next(iter(decrypt_chunks(changed, SECRET)))


def test_empty_input_still_has_a_final_chunk(tmp_path: Path) -> None:
    from contractdesk.store.server_backup import _new_header

    out = io.BytesIO()
    encrypt_stream(io.BytesIO(b""), out, _new_header(None, {}), SECRET)
    path = tmp_path / "empty.cdpg"
    path.write_bytes(out.getvalue())
    assert b"".join(decrypt_chunks(path, SECRET)) == b""


def test_password_goes_to_the_environment_not_the_command_line() -> None:
    from sqlalchemy import make_url

    conninfo, env = client_target(
        make_url("postgresql+psycopg://kari:s3cret-pw@db.example.no:6543/cd?sslmode=require")
    )
    assert "s3cret" not in conninfo
    assert "sslmode=require" in conninfo and "port=6543" in conninfo
    assert env == {"PGPASSWORD": "s3cret-pw"}


def test_dump_is_encrypted_verified_and_restores_into_an_empty_database(
    pg_server: PgServer, pg_url: str, tmp_path: Path
) -> None:
    _fill(pg_url)
    dest = tmp_path / "team.cdpg"
    info = dump_encrypted(_engine(pg_url), dest, SECRET)
    assert info.revision == "0010" and info.entries > 0
    raw = dest.read_bytes()
    assert CANARY.encode() not in raw and b"PGDMP" not in raw  # no plaintext dump on disk
    assert not list(tmp_path.glob(".*partial"))
    assert oct(dest.stat().st_mode & 0o777) == "0o600"
    # the file decrypts into a real custom-format archive
    assert b"".join(decrypt_chunks(dest, SECRET)).startswith(b"PGDMP")
    assert list_archive(dest, SECRET) == info.entries

    target = pg_server.url(pg_server.create_database())
    restored = restore_encrypted(dest, SECRET, _engine(target))
    assert restored.revision == "0010"
    with pg_server.connect(dbname_of(target)) as conn:
        rows = conn.execute("SELECT count(*), min(name) FROM customer").fetchone()
    assert rows == (90, CANARY)

    # into a database that holds tables: refused, nothing changed
    with pytest.raises(TargetDatabaseNotEmptyError):
        restore_encrypted(dest, SECRET, _engine(target))
    # a wrong secret is named before pg_restore runs
    empty = pg_server.url(pg_server.create_database())
    with pytest.raises(WrongKeyOrDamagedError):
        restore_encrypted(dest, "not the passphrase", _engine(empty))


def test_a_changed_backup_restores_nothing(
    pg_server: PgServer, pg_url: str, tmp_path: Path
) -> None:
    _fill(pg_url)
    dest = tmp_path / "team.cdpg"
    dump_encrypted(_engine(pg_url), dest, SECRET)
    data = bytearray(dest.read_bytes())
    data[-50] ^= 0x55  # damage the last chunk: detected only after the first chunks went through
    dest.write_bytes(bytes(data))
    target = pg_server.url(pg_server.create_database())
    with pytest.raises(WrongKeyOrDamagedError):
        restore_encrypted(dest, SECRET, _engine(target))
    with pg_server.connect(dbname_of(target)) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    assert tables == (0,)  # pg_restore was stopped before it could commit anything


def test_password_never_on_the_command_line(pg_url: str, tmp_path: Path) -> None:
    """While pg_dump runs, its command line (visible to every local user) has no password."""
    _fill(pg_url)
    seen: list[str] = []
    real_popen = subprocess.Popen

    class Recording(real_popen):  # type: ignore[misc, valid-type]  # records argv, runs for real
        def __init__(self, argv, *a, **kw):  # type: ignore[no-untyped-def]
            seen.append(" ".join(argv))
            super().__init__(argv, *a, **kw)

    subprocess.Popen = Recording  # type: ignore[misc]
    try:
        dump_encrypted(_engine(pg_url), tmp_path / "x.cdpg", SECRET)
    finally:
        subprocess.Popen = real_popen  # type: ignore[misc]
    assert seen and all("pg-test-superuser" not in argv for argv in seen)


def test_a_url_without_password_uses_pgpassword(
    pg_server: PgServer, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scripts may keep the password out of the URL (PGPASSWORD or ~/.pgpass), as libpq does."""
    from pg_testkit import SUPERUSER_PASSWORD

    _fill(pg_url)
    monkeypatch.setenv("PGPASSWORD", SUPERUSER_PASSWORD)
    bare = pg_server.url(dbname_of(pg_url), password=None)
    info = dump_encrypted(_engine(bare), tmp_path / "bare.cdpg", SECRET)
    assert info.revision == "0010" and info.entries > 0
