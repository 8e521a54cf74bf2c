"""Backups of a PostgreSQL store: ``pg_dump --format=custom`` piped straight into an encrypted file.

No plaintext dump ever touches the disk: ``pg_dump`` writes to a pipe, and every 64 KiB read from
it is sealed with AES-256-GCM before it is written (to a temp name beside the target, renamed
when complete). The key is derived from the backup passphrase or the store's recovery key with
Argon2id — the parameters the key file uses. A restore decrypts into ``pg_restore``'s stdin, into
an empty database, in one transaction.

File format (``.cdpg``)::

    MAGIC | u32 header length | header (JSON, authenticated) | chunks

Each chunk is ``u32 length | AES-GCM(ciphertext + tag)``; its nonce is a random 7-byte prefix, a
4-byte counter and a final-chunk flag, and its associated data the header's SHA-256, so chunks
cannot be reordered, dropped, cut off or moved between files unnoticed.

The password of the database user reaches ``pg_dump``/``pg_restore`` through ``PGPASSWORD`` in
the child's environment only, never on a command line or in a log.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import secrets
import shutil
import struct
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import URL, Engine, func, inspect, select, text

from contractdesk.fsutil import fsync_dir
from contractdesk.i18n import fill, translate
from contractdesk.store import keys
from contractdesk.store.errors import StoreError, WrongKeyOrDamagedError
from contractdesk.store.keys import derive_key

MAGIC = b"ContractDesk-pg_dump\x01\n"
CHUNK = 64 * 1024
_LEN = struct.Struct(">I")
_MAX_HEADER = 64 * 1024


class ServerBackupError(StoreError):
    """pg_dump/pg_restore failed or the backup file cannot be used; the message says what to do."""


class TargetDatabaseNotEmptyError(ServerBackupError):
    """A restore must go into an empty database; this one holds tables."""

    def __init__(self) -> None:
        super().__init__(
            translate(
                "ServerBackup",
                "The database to restore into is not empty; nothing was restored. Create a new, "
                "empty database and restore into it.",
            )
        )


@dataclass(frozen=True)
class ServerBackupInfo:
    """A written or read server backup: where, which schema, rows per table at dump time."""

    path: Path
    revision: str | None
    counts: dict[str, int] = field(default_factory=dict)
    created_at: str = ""
    entries: int = 0  # items pg_restore lists in the archive (tables, data, indexes…)


# --- connection parameters for the client programs ------------------------------------------


def client_target(url: URL) -> tuple[str, dict[str, str]]:
    """The libpq connection string (no password) and the extra environment for pg_dump/pg_restore.

    The password goes into ``PGPASSWORD`` of the child process only.
    """
    from psycopg.conninfo import make_conninfo

    params: dict[str, Any] = {
        "host": url.host or "localhost",
        "port": url.port or 5432,
        "dbname": url.database or "",
        "user": url.username or "",
    }
    for key in ("host", "sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout"):
        value = url.query.get(key)
        if isinstance(value, str):
            params[key] = value
    env = {"PGPASSWORD": url.password} if url.password else {}
    return make_conninfo(**{k: v for k, v in params.items() if v != ""}), env


def _program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ServerBackupError(
            fill(
                translate(
                    "ServerBackup",
                    "%1 was not found: install the PostgreSQL client programs "
                    "(Debian: postgresql-client-15) and try again.",
                ),
                name,
            )
        )
    return found


def _child_env(extra: dict[str, str]) -> dict[str, str]:
    """The child's environment: ours (PGPASSWORD, ~/.pgpass and PGSSL* keep working when the URL
    has no password), the URL's password on top; the connection string wins over PGHOST & co."""
    env = dict(os.environ)
    env.update(extra)
    env["PGAPPNAME"] = "contractdesk-backup"
    return env


class _Drain(threading.Thread):
    """Reads a child's stderr so it never blocks on a full pipe; keeps only the error lines."""

    def __init__(self, stream: IO[bytes]) -> None:
        super().__init__(daemon=True)
        self._stream = stream
        self.lines: list[str] = []

    def run(self) -> None:
        for raw in self._stream:
            line = raw.decode("utf-8", "replace").strip()
            # DETAIL/CONTEXT lines can quote row values (personal data): never kept.
            if line and not any(tag in line for tag in ("DETAIL:", "CONTEXT:", "HINT:")):
                self.lines.append(line[:300])

    def summary(self) -> str:
        errors = [line for line in self.lines if "error" in line.lower()] or self.lines
        return errors[0] if errors else ""


# --- the encrypted stream ---------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _key_for(secret: str, header: dict[str, Any]) -> bytes:
    salt = base64.b64decode(header["salt"])
    return derive_key(
        secret,
        salt,
        int(header["time_cost"]),
        int(header["memory_kib"]),
        int(header["parallelism"]),
    )


def _nonce(prefix: bytes, counter: int, final: bool) -> bytes:
    return prefix + struct.pack(">I", counter) + (b"\x01" if final else b"\x00")


def _new_header(revision: str | None, counts: dict[str, int]) -> dict[str, Any]:
    return {
        "format": 1,
        "kind": "contractdesk-pg-dump",
        "dump_format": "custom",
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "schema_revision": revision,
        "rows": counts,
        "kdf": "argon2id",
        "time_cost": keys.ARGON2_TIME_COST,  # read now: the key file's current parameters
        "memory_kib": keys.ARGON2_MEMORY_KIB,
        "parallelism": keys.ARGON2_PARALLELISM,
        "salt": _b64(secrets.token_bytes(16)),
        "cipher": "aes-256-gcm-chunked",
        "chunk": CHUNK,
        "nonce_prefix": _b64(secrets.token_bytes(7)),
    }


def _read_exact(stream: IO[bytes], size: int) -> bytes:
    parts, left = [], size
    while left:
        part = stream.read(left)
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def encrypt_stream(source: IO[bytes], out: IO[bytes], header: dict[str, Any], secret: str) -> None:
    """Seal everything read from ``source`` into ``out`` (header first)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header_bytes = json.dumps(header, sort_keys=True).encode("utf-8")
    aad = hashlib.sha256(header_bytes).digest()
    aead = AESGCM(_key_for(secret, header))
    prefix = base64.b64decode(header["nonce_prefix"])
    out.write(MAGIC + _LEN.pack(len(header_bytes)) + header_bytes)
    counter = 0
    pending = _read_exact(source, CHUNK)
    while True:
        following = _read_exact(source, CHUNK) if len(pending) == CHUNK else b""
        final = not following
        sealed = aead.encrypt(_nonce(prefix, counter, final), pending, aad)
        out.write(_LEN.pack(len(sealed)) + sealed)
        if final:
            return
        counter += 1
        pending = following


def read_header(src: Path) -> dict[str, Any]:
    """The authenticated-later header of a server backup (no secret needed)."""
    with open(src, "rb") as fh:
        return _header(fh, src)[0]


def _header(fh: IO[bytes], src: Path) -> tuple[dict[str, Any], bytes]:
    if fh.read(len(MAGIC)) != MAGIC:
        raise ServerBackupError(
            fill(translate("ServerBackup", "%1 is not a ContractDesk server backup."), src)
        )
    raw_len = fh.read(_LEN.size)
    size = _LEN.unpack(raw_len)[0] if len(raw_len) == _LEN.size else 0
    raw = fh.read(size) if 0 < size <= _MAX_HEADER else b""
    try:
        header = json.loads(raw)
        if header.get("kind") != "contractdesk-pg-dump":
            raise ValueError("not a server backup")
    except (ValueError, AttributeError):
        raise WrongKeyOrDamagedError(src) from None
    return header, raw


def is_server_backup(src: Path) -> bool:
    try:
        with open(src, "rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def decrypt_chunks(src: Path, secret: str) -> Iterator[bytes]:
    """The plaintext of a server backup, chunk by chunk; a wrong secret, a changed or cut-off file
    raises ``WrongKeyOrDamagedError`` (at the first chunk for a wrong secret)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    with open(src, "rb") as fh:
        header, raw = _header(fh, src)
        aad = hashlib.sha256(raw).digest()
        try:
            aead = AESGCM(_key_for(secret, header))
            prefix = base64.b64decode(header["nonce_prefix"])
        except (KeyError, ValueError, TypeError):
            raise WrongKeyOrDamagedError(src) from None
        counter = 0
        while True:
            raw_len = fh.read(_LEN.size)
            if len(raw_len) != _LEN.size:
                raise WrongKeyOrDamagedError(src)  # cut off before the final chunk
            sealed = _read_exact(fh, _LEN.unpack(raw_len)[0])
            for final in (False, True):
                try:
                    plain = aead.decrypt(_nonce(prefix, counter, final), sealed, aad)
                    break
                except InvalidTag:
                    continue
            else:
                raise WrongKeyOrDamagedError(src)
            yield plain
            if final:
                if fh.read(1):
                    raise WrongKeyOrDamagedError(src)  # something appended after the end
                return
            counter += 1


# --- dump --------------------------------------------------------------------------------------


def _table_counts(conn: Any) -> dict[str, int]:
    from contractdesk.store.models import Base

    present = set(inspect(conn).get_table_names())
    return {
        t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
        for t in Base.metadata.sorted_tables
        if t.name in present
    }


def dump_encrypted(engine: Engine, dest: Path, secret: str) -> ServerBackupInfo:
    """``pg_dump --format=custom`` of the store's database into the encrypted file ``dest``.

    The row counts and the dump come from one snapshot (``pg_export_snapshot``), so the counts
    describe exactly what the file holds. The file is checked afterwards (decrypted into
    ``pg_restore --list``).
    """
    if not secret:
        raise ServerBackupError(translate("ServerBackup", "A backup needs a passphrase."))
    dest = Path(dest)
    if dest.exists():
        raise ServerBackupError(
            fill(translate("ServerBackup", "%1 exists already; choose another file name."), dest),
        )
    conninfo, extra = client_target(engine.url)
    pg_dump = _program("pg_dump")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{secrets.token_hex(4)}.partial")
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            counts = _table_counts(conn)
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            header = _new_header(revision, counts)
            argv = [
                pg_dump,
                "--format=custom",
                f"--snapshot={snapshot}",
                "--enable-row-security",  # team mode has row-level security (every row readable)
                f"--dbname={conninfo}",
            ]
            try:
                _run_dump(argv, _child_env(extra), tmp, header, secret)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
    try:
        entries = list_archive(tmp, secret, env=_child_env({}))
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, dest)
    fsync_dir(dest.parent)
    return ServerBackupInfo(dest, revision, counts, str(header["created_at"]), entries)


def _run_dump(
    argv: list[str], env: dict[str, str], tmp: Path, header: dict[str, Any], secret: str
) -> None:
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        with subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        ) as proc:
            assert proc.stdout is not None and proc.stderr is not None
            drain = _Drain(proc.stderr)
            drain.start()
            try:
                encrypt_stream(proc.stdout, out, header, secret)
            except BaseException:
                proc.kill()
                raise
            finally:
                proc.stdout.close()
                code = proc.wait()
                drain.join(5)
        if code != 0:
            raise ServerBackupError(
                fill(
                    translate("ServerBackup", "pg_dump failed (exit %1): %2"),
                    code,
                    drain.summary() or "-",
                )
            )
        out.flush()
        os.fsync(out.fileno())


def list_archive(src: Path, secret: str, *, env: dict[str, str] | None = None) -> int:
    """Decrypt into ``pg_restore --list`` (nothing written): the number of archive entries.

    Raises:
        WrongKeyOrDamagedError: the secret does not open it, or the file was changed.
        ServerBackupError: the decrypted archive is not one pg_restore can read.
    """
    argv = [_program("pg_restore"), "--list"]
    out: list[bytes] = []
    with subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env if env is not None else _child_env({}),
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        stdout = proc.stdout
        reader = threading.Thread(target=lambda: out.append(stdout.read()), daemon=True)
        reader.start()
        drain = _Drain(proc.stderr)
        drain.start()
        _feed(proc, decrypt_chunks(src, secret))
        reader.join(30)
        drain.join(5)
    if proc.returncode != 0:
        raise ServerBackupError(
            fill(
                translate("ServerBackup", "The backup %1 is not a readable dump: %2"),
                src,
                drain.summary() or "-",
            )
        )
    listing = b"".join(out).decode("utf-8", "replace").splitlines()
    return sum(1 for line in listing if line and not line.startswith(";"))


def _feed(proc: subprocess.Popen[bytes], chunks: Iterator[bytes]) -> None:
    """Write ``chunks`` into the child's stdin; on a decryption error the child is killed first,
    so it never sees (and never commits) a cut-off archive."""
    assert proc.stdin is not None
    try:
        for chunk in chunks:
            try:
                proc.stdin.write(chunk)
            except BrokenPipeError:
                break
    except BaseException:
        proc.kill()
        with contextlib.suppress(OSError):
            proc.stdin.close()
        proc.wait()
        raise
    with contextlib.suppress(BrokenPipeError):
        proc.stdin.close()
    proc.wait()


# --- restore -----------------------------------------------------------------------------------


def database_is_empty(engine: Engine) -> bool:
    """True when no schema but PostgreSQL's own holds a table, view or sequence."""
    with engine.connect() as conn:
        found = conn.execute(
            text(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind IN ('r', 'v', 'm', 'S', 'p') "
                "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
                "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'"
            )
        ).scalar_one()
    return int(found) == 0


def restore_encrypted(src: Path, secret: str, engine: Engine) -> ServerBackupInfo:
    """Restore a server backup into the EMPTY database of ``engine`` (one transaction).

    Raises:
        TargetDatabaseNotEmptyError: the database holds tables (nothing restored).
        WrongKeyOrDamagedError: the secret does not open the backup, or it was changed.
        ServerBackupError: pg_restore failed (its transaction rolled back: still empty).
    """
    src = Path(src)
    header = read_header(src)
    next(iter(decrypt_chunks(src, secret)))  # a wrong secret is named before anything runs
    if not database_is_empty(engine):
        raise TargetDatabaseNotEmptyError()
    conninfo, extra = client_target(engine.url)
    argv = [
        _program("pg_restore"),
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={conninfo}",
    ]
    with subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_child_env(extra),
    ) as proc:
        assert proc.stderr is not None
        drain = _Drain(proc.stderr)
        drain.start()
        _feed(proc, decrypt_chunks(src, secret))
        drain.join(5)
    if proc.returncode != 0:
        raise ServerBackupError(
            fill(
                translate(
                    "ServerBackup",
                    "pg_restore failed (exit %1), nothing was restored: %2",
                ),
                proc.returncode,
                drain.summary() or "-",
            )
        )
    with engine.connect() as conn:
        counts = _table_counts(conn)
    expected = {str(k): int(v) for k, v in dict(header.get("rows") or {}).items()}
    if expected and counts != expected:
        raise ServerBackupError(
            translate(
                "ServerBackup",
                "The restored database does not hold the rows the backup lists; check it before "
                "use.",
            )
        )
    return ServerBackupInfo(
        src, header.get("schema_revision"), counts, str(header.get("created_at", ""))
    )
