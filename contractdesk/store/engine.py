"""The encrypted SQLite store: open with a raw key, prove it by a read, migrate, hand out sessions.

SQLAlchemy's pysqlite dialect runs over the ``sqlcipher3`` DB-API module with a ``creator`` that
keys every new connection (``PRAGMA key = "x'…'"``: a raw key, no KDF on open). We do not use the
``sqlite+pysqlcipher`` URL form: it carries the key in the URL and re-keys each connection.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from contractdesk.store.errors import (
    StoreError,
    StoreExistsError,
    StoreNotFoundError,
    StoreTooNewError,
    WrongKeyOrDamagedError,
    map_db_error,
)
from contractdesk.store.keys import Key
from contractdesk.store.schema import SCHEMA_HEAD, SCHEMA_REVISIONS
from contractdesk.store.versions import conflict_from_stale

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

_BEGIN_OPTION = "contractdesk_begin"

CONNECTION_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",  # erased persons must not linger in free pages
    "PRAGMA temp_store = MEMORY",  # never FILE: SQLCipher temp files are plaintext
    "PRAGMA synchronous = FULL",  # WAL + FULL: acknowledged commits survive power loss
    "PRAGMA busy_timeout = 5000",
)


def connect_raw(path: Path, key: Key, *, mode: str = "rw") -> sqlcipher.Connection:
    """Open one keyed connection and prove the key with a read; no write happens before that.

    Args:
        path: the database file.
        key: the raw store key.
        mode: ``rw`` (file must exist), ``rwc`` (may create) or ``ro``. Except for ``rwc``, the key
            is first proven on the main file alone (``prove_key``), so that a wrong key cannot
            make SQLite recover or checkpoint a ``-wal`` left by a crash.

    Raises:
        WrongKeyOrDamagedError: the key is wrong or the file is damaged (the file is untouched).
    """
    if mode != "rwc":
        prove_key(path, key)
    uri = f"{Path(path).resolve().as_uri()}?mode={mode}"
    try:
        conn = sqlcipher.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    except sqlcipher.Error as exc:
        raise map_db_error(exc, path) or StoreError(f"Cannot open {path}.", path) from None
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {key.pragma_value()}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        conn.close()
        mapped = map_db_error(exc, path)
        if mapped is None or isinstance(mapped, WrongKeyOrDamagedError):
            raise WrongKeyOrDamagedError(path) from None
        raise mapped from None
    return conn


def prove_key(path: Path, key: Key) -> None:
    """Decrypt page 1 of the main file with ``key`` while nothing at all can be written.

    ``immutable=1`` makes SQLite ignore the ``-wal``/``-shm`` files and take no locks. Without it,
    a wrong key on a store that a crash left with a ``-wal`` would still run WAL recovery and, on
    close, checkpoint the WAL into the file and delete it, before the key is known to be right.

    Raises:
        WrongKeyOrDamagedError: page 1 does not decrypt and verify with this key.
    """
    path = Path(path)
    if not path.exists():
        return  # the real open reports it
    uri = f"{path.resolve().as_uri()}?immutable=1"
    try:
        conn = sqlcipher.connect(uri, uri=True, isolation_level=None)
    except sqlcipher.Error as exc:
        raise map_db_error(exc, path) or StoreError(f"Cannot open {path}.", path) from None
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {key.pragma_value()}")
        conn.execute("PRAGMA user_version").fetchone()  # reads (decrypts, checks) page 1 only
    except sqlcipher.DatabaseError as exc:
        mapped = map_db_error(exc, path)
        if mapped is None or type(mapped) is WrongKeyOrDamagedError:  # SQLITE_NOTADB: page 1 failed
            raise WrongKeyOrDamagedError(path) from None
        # Anything else (SQLITE_CORRUPT) came after page 1 decrypted and passed its HMAC, so the key
        # is right; the main file alone may be inconsistent while its WAL is not (a checkpoint cut
        # short by a crash or a full disk). The normal open, which reads the WAL, decides.
    finally:
        conn.close()


def _apply_pragmas(conn: sqlcipher.Connection) -> None:
    for pragma in CONNECTION_PRAGMAS:
        conn.execute(pragma)


def create_empty_file(path: Path) -> None:
    """Create the database file owner-only (its -wal/-shm inherit the mode)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def read_revision(conn: sqlcipher.Connection) -> str | None:
    """The Alembic revision stamped in the store, or None for an empty store."""
    row = conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).fetchone()
    if row is None:
        return None
    rev = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return rev[0] if rev else None


class Store:
    """An open store: the engine, a session factory and facts for the status bar."""

    engine_name = "sqlite"
    """``sqlite`` (this encrypted local store) or ``postgresql`` (``store.server.ServerStore``)."""

    def __init__(
        self,
        path: Path,
        key: Key,
        *,
        key_source: str,
        pool_size: int = 4,
        first_connection: sqlcipher.Connection | None = None,
    ) -> None:
        """Args:
        first_connection: a keyed connection already proven on this file (by ``open_store``);
            the pool takes it as its first connection instead of opening another.
        """
        self.path = Path(path)
        self.location = str(self.path)  # where the data is, for messages (a file or a server)
        self.key_source = key_source
        self._key = key
        self.lock: Any = None  # the StoreLock held shared while this store is open (profile.py)
        self.damage: str | None = None  # set once a check found damage: no more writes
        self._spare = [first_connection] if first_connection is not None else []

        def creator() -> sqlcipher.Connection:
            try:
                conn = self._spare.pop()  # list.pop is atomic: one thread gets it
            except IndexError:
                conn = connect_raw(self.path, self._key)
            _apply_pragmas(conn)
            return conn

        self.engine: Engine = create_engine(
            "sqlite://",
            module=sqlcipher,
            creator=creator,
            poolclass=QueuePool,
            pool_size=pool_size,
            max_overflow=4,
            hide_parameters=True,  # SQL errors must not carry personal values into logs/exceptions
        )

        @event.listens_for(self.engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            # pysqlite's own transaction handling is replaced by explicit BEGIN (SQLAlchemy docs).
            dbapi_conn.isolation_level = None

        @event.listens_for(self.engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql(conn.get_execution_options().get(_BEGIN_OPTION, "BEGIN"))

        # Units of work begin IMMEDIATE: they take the write lock first (waiting up to the busy
        # timeout for another writer), so the read-then-write pattern of every use case always
        # works on the newest data. A deferred BEGIN would fail with "database is locked"
        # (SQLITE_BUSY_SNAPSHOT) whenever another thread or process committed in between.
        self.sessions = sessionmaker(
            self.engine.execution_options(**{_BEGIN_OPTION: "BEGIN IMMEDIATE"}),
            expire_on_commit=False,
        )
        self.read_sessions = sessionmaker(self.engine, expire_on_commit=False)

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r}, key_source={self.key_source!r})"

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back on error; driver errors get names.

        It holds the store's write lock from its first statement to its end: keep it short, and
        never wait for the network or the user inside it.
        """
        if self.damage is not None:
            from contractdesk.store.health import StoreReadOnlyError

            raise StoreReadOnlyError(self.path, self.damage)
        with self._unit_of_work(self.sessions) as session:
            yield session

    @contextlib.contextmanager
    def read_session(self) -> Iterator[Session]:
        """A session for reading only: does not wait for (nor block) writers. Do not write in it."""
        with self._unit_of_work(self.read_sessions) as session:
            yield session

    @contextlib.contextmanager
    def _unit_of_work(self, factory: sessionmaker[Session]) -> Iterator[Session]:
        session = factory()
        try:
            yield session
            session.commit()
        except Exception as exc:
            try:
                session.rollback()
            except Exception:  # e.g. the disk failed again: the original error is the one to report
                log.warning("rollback after a failed unit of work failed too")
            stale = conflict_from_stale(exc)
            if stale is not None:
                raise stale from exc
            mapped = map_db_error(exc, self.path)
            if mapped is not None and mapped is not exc:
                raise mapped from exc
            raise
        finally:
            session.close()

    @contextlib.contextmanager
    def raw_connection(self) -> Iterator[sqlcipher.Connection]:
        """A keyed DB-API connection outside the pool (backups, checks)."""
        conn = connect_raw(self.path, self._key)
        try:
            _apply_pragmas(conn)
            yield conn
        finally:
            conn.close()

    def revision(self) -> str | None:
        with self.raw_connection() as conn:
            return read_revision(conn)

    def database_user(self) -> str | None:
        """The database login (team mode); None for the local store, which has no users."""
        return None

    def team_role(self) -> str | None:
        """``owner``, ``staff`` or ``readonly`` in team mode; None for the local store."""
        return None

    def sqlcipher_version(self) -> str:
        with self.raw_connection() as conn:
            row = conn.execute("PRAGMA cipher_version").fetchone()
            return str(row[0]) if row else "unknown"

    def integrity_check(self) -> list[str]:
        """Run SQLite's integrity check and SQLCipher's HMAC check; [] means clean."""
        with self.raw_connection() as conn:
            return integrity_problems(conn)

    def checkpoint(self, *, wait_ms: int = 200) -> bool:
        """Move the WAL into the main file and empty it (after erasures, before backups).

        It waits at most ``wait_ms`` for readers, so it never holds the write lock for seconds;
        when readers are still busy it copies what it can and the WAL is emptied by a later
        checkpoint. Returns True when the WAL was emptied.
        """
        with self.raw_connection() as conn:
            conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
            try:
                row = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            except sqlcipher.OperationalError:
                row = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                return False
            return bool(row is not None and row[0] == 0)

    def verify(self) -> list[str]:
        """SQLCipher's page check (HMAC of every page) and SQLite's integrity check; on damage
        the store turns read-only (``damage``) and a marker beside it keeps it so."""
        from contractdesk.store.health import mark_damaged

        with self.raw_connection() as conn:
            problems = integrity_problems(conn)
        if problems:
            self.damage = problems[0][:300]
            mark_damaged(self.path, self.damage)
        return problems

    def key_for_backup(self) -> Key:
        """The raw key, for same-key snapshots made by the backup module only."""
        return self._key

    def close(self) -> None:
        while self._spare:
            self._spare.pop().close()
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def integrity_problems(conn: sqlcipher.Connection) -> list[str]:
    """SQLite's integrity check and SQLCipher's page HMAC check; [] means clean.

    A page so damaged that the check itself cannot read it is reported as a problem, not raised.
    """
    problems: list[str] = []
    for pragma in ("PRAGMA integrity_check", "PRAGMA cipher_integrity_check"):
        try:
            rows = conn.execute(pragma).fetchall()
        except sqlcipher.DatabaseError as exc:
            problems.append(f"{pragma.split()[1]}: {exc}")
            continue
        problems += [str(r[0]) for r in rows if r[0] != "ok"]
    return problems


def create_store(path: Path, key: Key, *, key_source: str) -> Store:
    """Create a new encrypted store at ``path`` and migrate it to the current schema."""
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        raise StoreExistsError(f"A store already exists at {path}.", path)
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:  # its frames would be replayed into the new file
        raise StoreExistsError(
            f"{wal} is left from an earlier store: move it away (it may hold data) "
            "before creating one.",
            wal,
        )
    if not path.exists():
        create_empty_file(path)
    conn = connect_raw(path, key, mode="rw")
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        _apply_pragmas(conn)
        _migrate(conn, None, path, key)
    except BaseException:
        conn.close()
        raise
    return Store(path, key, key_source=key_source, first_connection=conn)


def open_store(path: Path, key: Key, *, key_source: str, migrate: bool = True) -> Store:
    """Open a store: prove the key, refuse a newer schema, back up and migrate an older one."""
    path = Path(path)
    if not path.exists():
        raise StoreNotFoundError(f"No store at {path}.", path)
    conn = connect_raw(path, key, mode="rw")
    try:
        revision = read_revision(conn)
        if revision is not None and revision not in SCHEMA_REVISIONS:
            raise StoreTooNewError(path, revision)
        if revision != SCHEMA_HEAD:
            if not migrate:
                raise StoreError(f"{path} needs an upgrade to schema {SCHEMA_HEAD}.", path)
            _apply_pragmas(conn)
            if revision is not None:
                from contractdesk.store.backup import snapshot

                snapshot(conn, path, key, reason=f"before-migration-{revision}")
            _migrate(conn, revision, path, key)
    except sqlcipher.Error as exc:  # e.g. a damaged page behind the schema: name it and the file
        conn.close()
        raise map_db_error(exc, path) or StoreError(f"Cannot open {path}.", path) from None
    except BaseException:
        conn.close()
        raise
    return Store(path, key, key_source=key_source, first_connection=conn)


def _migrate(conn: sqlcipher.Connection, current: str | None, path: Path, key: Key) -> None:
    """Upgrade to head in ONE transaction on a dedicated SQLAlchemy connection."""
    from alembic import command
    from alembic.config import Config

    started = time.perf_counter()
    engine = create_engine(
        "sqlite://",
        module=sqlcipher,
        creator=lambda: connect_raw(path, key),
        poolclass=QueuePool,
        hide_parameters=True,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        dbapi_conn.execute("PRAGMA foreign_keys = OFF")  # batch mode copies tables
        dbapi_conn.execute("PRAGMA secure_delete = ON")
        dbapi_conn.execute("PRAGMA temp_store = MEMORY")
        dbapi_conn.execute("PRAGMA synchronous = FULL")

    @event.listens_for(engine, "begin")
    def _on_begin(c: Any) -> None:
        c.exec_driver_sql("BEGIN IMMEDIATE")

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with engine.connect() as sa_conn, sa_conn.begin():
            cfg.attributes["connection"] = sa_conn
            command.upgrade(cfg, "head")
            fk = sa_conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if fk:
                raise StoreError(
                    f"Upgrading {path} would break references; nothing was changed.", path
                )
    except StoreError:
        raise
    except Exception as exc:
        mapped = map_db_error(exc, path)
        if mapped is not None:
            raise mapped from exc
        raise
    finally:
        engine.dispose()
    log.info(
        "store migrated from %s to %s in %.0f ms",
        current,
        SCHEMA_HEAD,
        (time.perf_counter() - started) * 1000,
    )


def utc_stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
