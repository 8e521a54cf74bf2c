"""Team mode: the same store interface on a PostgreSQL 15+ server (``ServerStore``).

Services see what they see on the local SQLCipher store (``Store``): ``session()`` is a unit of
work, ``read_session()`` reads without blocking writers, ``revision()`` names the schema. The
semantics are kept too: a unit of work takes one transaction-scoped advisory lock first, so writes
are serialised across the team exactly as SQLite's ``BEGIN IMMEDIATE`` serialises them on one
machine (read-then-write use cases such as "next number" stay correct under concurrency); a read
session is one ``REPEATABLE READ`` snapshot, like a SQLite read transaction.

The connection password never appears in a message or a log line: URLs are shown with the
password masked (``redacted``), SQL errors carry no parameters (``hide_parameters``), and driver
errors are re-raised as named errors without the driver's text where it could quote values.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from contractdesk.store.engine import MIGRATIONS_DIR, Store
from contractdesk.store.errors import StoreError, StoreTooNewError
from contractdesk.store.schema import SCHEMA_HEAD, SCHEMA_REVISIONS
from contractdesk.store.server_errors import ServerUnavailableError, map_server_error
from contractdesk.store.versions import conflict_from_stale

log = logging.getLogger(__name__)

WRITE_LOCK = 0x436F6E7472616374  # "Contract": the advisory lock every unit of work takes
MIGRATION_LOCK = WRITE_LOCK + 1
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
_WRITE_OPTION = "contractdesk_write"


def server_url(url: str | URL) -> URL:
    """The SQLAlchemy URL for a ``postgresql://`` (or ``postgres://``) URL: the psycopg 3 driver,
    and TLS required (``sslmode=require``) unless the URL says otherwise or the server is this
    machine (loopback or a Unix socket).

    Raises:
        StoreError: not a PostgreSQL URL (the message shows it without its password).
    """
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        raise StoreError(
            "The server address must look like postgresql://user@host/database."
        ) from None
    if parsed.get_backend_name() not in ("postgresql", "postgres"):
        raise StoreError(
            f"{redacted(parsed)} is not a PostgreSQL address (postgresql://user@host/database)."
        )
    parsed = parsed.set(drivername="postgresql+psycopg")
    query = dict(parsed.query)
    local = parsed.host is None or parsed.host in _LOCAL_HOSTS or "host" in query
    if "sslmode" not in query and not local:
        parsed = parsed.update_query_dict({"sslmode": "require"})
    return parsed


def redacted(url: str | URL) -> str:
    """The URL for messages and logs: the password replaced by ``***``."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        return "(an address that is not a URL)"
    return parsed.set(drivername=parsed.get_backend_name()).render_as_string(hide_password=True)


def is_server_url(value: str | None) -> bool:
    return bool(value) and str(value).split(":", 1)[0].split("+", 1)[0] in (
        "postgresql",
        "postgres",
    )


def make_server_engine(url: URL, *, pool_size: int = 4) -> Engine:
    """An engine for the server (no password in its repr, no parameters in its errors)."""
    return create_engine(
        url,
        pool_size=pool_size,
        max_overflow=4,
        pool_pre_ping=True,  # a restarted server or a dropped connection costs a retry, no error
        hide_parameters=True,
        connect_args={"connect_timeout": 10, "application_name": "ContractDesk"},
    )


class ServerStore(Store):
    """A store on a PostgreSQL server, with the interface of the local ``Store``."""

    engine_name = "postgresql"

    def __init__(self, url: URL, engine: Engine) -> None:
        self.url = url
        self.location = redacted(url)
        # Not a file: a name for the few places that show a store's path. Nothing is written there.
        self.path = Path("/", "server", f"{url.host or 'localhost'}", f"{url.database or ''}")
        self.key_source = "server"
        self.lock: Any = None
        self.damage: str | None = None
        self._spare = []
        self.engine = engine

        @event.listens_for(self.engine, "begin")
        def _on_begin(conn: Any) -> None:
            if conn.get_execution_options().get(_WRITE_OPTION):
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")

        self.sessions = sessionmaker(
            self.engine.execution_options(**{_WRITE_OPTION: True}), expire_on_commit=False
        )
        self.read_sessions = sessionmaker(
            self.engine.execution_options(isolation_level="REPEATABLE READ"),
            expire_on_commit=False,
        )

    def __repr__(self) -> str:
        return f"ServerStore({self.location!r})"

    @contextlib.contextmanager
    def _unit_of_work(self, factory: sessionmaker[Session]) -> Iterator[Session]:
        session = factory()
        try:
            yield session
            session.commit()
        except Exception as exc:
            try:
                session.rollback()
            except Exception:  # e.g. the connection dropped: report the original error
                log.warning("rollback after a failed unit of work failed too")
            stale = conflict_from_stale(exc)  # a colleague's commit moved the row's version on
            if stale is not None:
                raise stale from None
            mapped = map_server_error(exc, self)
            if mapped is not None and mapped is not exc:
                raise mapped from None
            raise
        finally:
            session.close()

    @contextlib.contextmanager
    def raw_connection(self) -> Iterator[Any]:
        """A DB-API (psycopg) connection from the pool, returned to it afterwards."""
        conn = self.engine.raw_connection()
        try:
            yield conn.driver_connection
        finally:
            conn.close()

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return read_server_revision(conn)

    def database_user(self) -> str:
        """The PostgreSQL role this store is connected as (the login user)."""
        with self.engine.connect() as conn:
            return str(conn.execute(text("SELECT session_user")).scalar())

    def team_role(self) -> str | None:
        """The user's ContractDesk group: ``owner``, ``staff``, ``readonly`` (None: none)."""
        from contractdesk.store.server_roles import role_of_current_user

        with self.engine.connect() as conn:
            return role_of_current_user(conn)

    def sqlcipher_version(self) -> str:
        return ""

    def integrity_check(self) -> list[str]:
        """The server keeps its own pages consistent (checksums, WAL): nothing to check here."""
        return []

    def checkpoint(self, *, wait_ms: int = 200) -> bool:
        """The server folds its WAL itself; erased data leaves with its next ``VACUUM``."""
        return True

    def verify(self) -> list[str]:
        return []

    def key_for_backup(self) -> Any:
        raise StoreError("A server store has no local key; back it up on the server (pg_dump).")

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def read_server_revision(conn: Any) -> str | None:
    """The Alembic revision stamped on the server, or None for an empty database."""
    exists = conn.execute(text("SELECT to_regclass('alembic_version') IS NOT NULL")).scalar()
    if not exists:
        return None
    rev = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return str(rev) if rev is not None else None


def open_server_store(url: str | URL, *, pool_size: int = 4) -> ServerStore:
    """Connect to a set-up server database; refuse one that is empty, older or newer than the code.

    Raises:
        ServerUnavailableError: the server cannot be reached or refuses the login.
        StoreTooNewError: the schema was written by a newer ContractDesk.
        StoreError: the database is not set up, or needs ``contractdesk server init`` to upgrade.
    """
    parsed = server_url(url)
    engine = make_server_engine(parsed, pool_size=pool_size)
    try:
        with engine.connect() as conn:
            revision = read_server_revision(conn)
    except Exception as exc:
        engine.dispose()
        raise map_server_error(exc, None, location=redacted(parsed)) or exc from None
    try:
        check_revision(revision, redacted(parsed))
    except BaseException:
        engine.dispose()
        raise
    log.info("connected to %s", redacted(parsed))
    return ServerStore(parsed, engine)


def check_revision(revision: str | None, location: str) -> None:
    if revision is None:
        raise StoreError(
            f"{location} holds no ContractDesk data yet; set it up with "
            "`contractdesk server init URL --owner USER`."
        )
    if revision not in SCHEMA_REVISIONS:
        raise StoreTooNewError(location, revision)
    if revision != SCHEMA_HEAD:
        raise StoreError(
            f"{location} needs an upgrade to schema {SCHEMA_HEAD}; the server's administrator "
            "upgrades it with `contractdesk server init URL --owner USER`."
        )


def migrate_server(url: str | URL) -> tuple[str | None, str]:
    """Upgrade a server database to the current schema in one transaction (PostgreSQL has
    transactional DDL: a failure changes nothing). Returns (revision before, revision after).

    Raises:
        StoreTooNewError: the schema is newer than this code.
    """
    from alembic import command
    from alembic.config import Config

    parsed = server_url(url)
    engine = make_server_engine(parsed, pool_size=1)
    started = time.perf_counter()
    try:
        with engine.connect() as conn, conn.begin():
            conn.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
            before = read_server_revision(conn)
            if before is not None and before not in SCHEMA_REVISIONS:
                raise StoreTooNewError(redacted(parsed), before)
            if before != SCHEMA_HEAD:
                cfg = Config()
                cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
    except StoreError:
        raise
    except Exception as exc:
        raise map_server_error(exc, None, location=redacted(parsed)) or exc from None
    finally:
        engine.dispose()
    log.info(
        "server schema %s -> %s in %.0f ms",
        before,
        SCHEMA_HEAD,
        (time.perf_counter() - started) * 1000,
    )
    return before, SCHEMA_HEAD


__all__ = [
    "ServerStore",
    "ServerUnavailableError",
    "is_server_url",
    "migrate_server",
    "open_server_store",
    "redacted",
    "server_url",
]
