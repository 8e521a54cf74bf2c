"""Copy the local encrypted store into an empty PostgreSQL database and verify it, table by table.

The copy runs in ONE transaction on the target: every table of the models is copied in
dependency order (SQLAlchemy Core, the models' column types on both sides), the sequences are set
past the copied ids, and then every table is verified — row count and a content hash — before
the transaction commits. A difference rolls everything back, so the target is either a verified
copy or as empty as before. The local store is only read (one read transaction: a consistent
snapshot even while the app keeps working) and is left exactly as it was.

The content hash is computed the same way on both engines: each row is read through the models'
types (so a date is a ``date``, a boolean a ``bool``, JSON a Python value, money a ``Decimal`` on
both), turned into canonical JSON (ISO dates, sorted keys, bytes as their SHA-256) and hashed;
the row hashes are sorted by primary key in Python (the two engines collate text differently)
and hashed together.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    LargeBinary,
    Table,
    func,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError

from contractdesk.i18n import fill, translate
from contractdesk.store.errors import StoreError
from contractdesk.store.models import Base

log = logging.getLogger(__name__)

BATCH = 500
BLOB_BATCH = 20

# Tables the migrations fill on every new database (the shipped terms and their register): on
# the target they may hold those rows only — and the audit log is empty — for it to count as empty.
SEEDED_TABLES = frozenset({"terms_version", "subprocessor", "terms_version_subprocessor"})

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


class TargetNotEmptyError(StoreError):
    """The server database already holds ContractDesk data: nothing was copied."""

    def __init__(self, tables: list[str]) -> None:
        super().__init__(
            fill(
                translate(
                    "ServerMove",
                    "The server database is not empty (%1 already hold data); nothing was "
                    "copied. Move into a new, empty database.",
                ),
                ", ".join(tables[:5]),
            )
        )
        self.tables = tables


class NotTableOwnerError(StoreError):
    """The server user may not prepare the tables for the copy (it does not own them)."""

    def __init__(self) -> None:
        super().__init__(
            translate(
                "ServerMove",
                "This database user does not own the ContractDesk tables on the server; move "
                "with the user that set the database up (contractdesk server init). Nothing was "
                "copied.",
            )
        )


class SchemaMismatchError(StoreError):
    """The server's schema revision differs from the local store's: nothing was copied."""


class MoveVerificationError(StoreError):
    """The copy did not match the local store; it was rolled back (the server is empty again)."""

    def __init__(self, report: MoveReport) -> None:
        bad = [t.name for t in report.tables if not t.ok]
        super().__init__(
            fill(
                translate(
                    "ServerMove",
                    "The copy on the server did not match the local store (%1); it was undone, "
                    "the server database is empty again and the local store is unchanged.",
                ),
                ", ".join(bad[:5]),
            )
        )
        self.report = report


class MoveCancelled(StoreError):
    """The user cancelled the move; the server transaction was rolled back."""

    def __init__(self) -> None:
        super().__init__(
            translate("ServerMove", "The move was cancelled; nothing was saved on the server.")
        )


@dataclass(frozen=True)
class TableReport:
    """One table of the move: rows and content hash on both sides."""

    name: str
    source_rows: int
    target_rows: int
    source_hash: str
    target_hash: str

    @property
    def ok(self) -> bool:
        return self.source_rows == self.target_rows and self.source_hash == self.target_hash


@dataclass(frozen=True)
class MoveReport:
    """What the move copied and how each table verified; ``skipped``: tables not copied."""

    tables: tuple[TableReport, ...]
    skipped: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tables)

    @property
    def rows(self) -> int:
        return sum(t.target_rows for t in self.tables)


# --- canonical rows and content hashes ---------------------------------------------------------


def canonical_value(value: Any) -> Any:
    """A JSON-ready value that is the same for the same data read from SQLite or PostgreSQL."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Decimal):
        return {"decimal": format(value, "f")}
    if isinstance(value, float):
        return {"float": repr(value)}
    if isinstance(value, (datetime, date, time)):
        return {"time": value.isoformat()}
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"sha256": hashlib.sha256(bytes(value)).hexdigest()}
    if isinstance(value, dict):
        return {"json": {str(k): canonical_value(v) for k, v in value.items()}}
    if isinstance(value, (list, tuple)):
        return [canonical_value(v) for v in value]
    return {"other": str(value)}


def row_digest(row: tuple[Any, ...]) -> str:
    material = json.dumps(
        [canonical_value(v) for v in row], sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _pk_sort_key(values: tuple[Any, ...]) -> tuple[tuple[int, Any], ...]:
    # Text sorts by code point here (engines differ); None and mixed types never clash.
    return tuple((0, v) if v is not None else (1, 0) for v in values)


def table_digest(conn: Connection, table: Table) -> tuple[int, str]:
    """Row count and content hash of ``table`` as seen on ``conn`` (any engine)."""
    pk = list(table.primary_key.columns)
    pk_index = [list(table.columns).index(c) for c in pk]
    digests: list[tuple[tuple[tuple[int, Any], ...], str]] = []
    result = conn.execution_options(yield_per=_batch_size(table)).execute(select(table))
    for row in result:
        values = tuple(row)
        digests.append((_pk_sort_key(tuple(values[i] for i in pk_index)), row_digest(values)))
    digests.sort(key=lambda item: item[0])
    whole = hashlib.sha256()
    for _key, digest in digests:
        whole.update(digest.encode("ascii"))
    return len(digests), whole.hexdigest()


# --- the move ----------------------------------------------------------------------------------


def model_tables() -> list[Table]:
    """Every table of the models, parents before children."""
    return list(Base.metadata.sorted_tables)


def _revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def check_target_empty(conn: Connection, tables: list[Table]) -> None:
    """Refuse a target that holds anything but the rows the migrations put into a new database."""
    names = set(inspect(conn).get_table_names())
    busy = []
    for table in tables:
        if table.name not in names or table.name in SEEDED_TABLES:
            continue
        if conn.execute(select(func.count()).select_from(table)).scalar_one():
            busy.append(table.name)
    if busy:
        raise TargetNotEmptyError(busy)


def _check_schema(source: Connection, target: Connection, tables: list[Table]) -> None:
    source_rev, target_rev = _revision(source), _revision(target)
    if target_rev is None:
        raise SchemaMismatchError(
            translate(
                "ServerMove",
                "The server database has no ContractDesk tables yet: set it up first "
                "(contractdesk server init URL --owner USER), then move.",
            )
        )
    if source_rev != target_rev:
        raise SchemaMismatchError(
            fill(
                translate(
                    "ServerMove",
                    "The server database is at schema %1 and the local store at %2: update "
                    "ContractDesk where it is older, then move.",
                ),
                target_rev,
                source_rev or "-",
            )
        )
    missing = sorted(set(t.name for t in tables) - set(inspect(target).get_table_names()))
    if missing:
        raise SchemaMismatchError(
            fill(
                translate("ServerMove", "The server database lacks the tables %1."),
                ", ".join(missing),
            )
        )


def _batch_size(table: Table) -> int:
    """Scans and issued PDFs are large: fewer rows at a time keep the memory small."""
    return BLOB_BATCH if any(isinstance(c.type, LargeBinary) for c in table.columns) else BATCH


def _batches(conn: Connection, table: Table) -> Iterator[list[dict[str, Any]]]:
    order = list(table.primary_key.columns)
    size = _batch_size(table)
    result = conn.execution_options(yield_per=size).execute(select(table).order_by(*order))
    for part in result.partitions(size):
        yield [dict(row._mapping) for row in part]


def _count(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _prepare_target(target: Connection, tables: list[Table]) -> None:
    """Empty the seeded tables and switch off the guard triggers for the copy (PostgreSQL).

    The guards (published terms are final, the audit log is append-only…) would refuse rows that
    are final already; they are switched off inside this transaction only and on again before
    it commits. Foreign keys stay checked.
    """
    quoted = ", ".join(_q(target, t.name) for t in tables)
    if target.dialect.name == "postgresql":
        try:
            for table in tables:
                target.execute(text(f"ALTER TABLE {_q(target, table.name)} DISABLE TRIGGER USER"))
            target.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY"))
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) == "42501":  # insufficient privilege
                raise NotTableOwnerError() from None
            raise
    else:  # another SQLite file (tests, tools): plain deletes, children first
        for table in reversed(tables):
            target.execute(table.delete())


def _finish_target(target: Connection, tables: list[Table]) -> None:
    if target.dialect.name != "postgresql":
        return
    for table in tables:
        target.execute(text(f"ALTER TABLE {_q(target, table.name)} ENABLE TRIGGER USER"))
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or pk[0].type.python_type is not int:
            continue
        seq = target.execute(
            text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": pk[0].name}
        ).scalar()
        if seq:
            target.execute(
                text(
                    f"SELECT setval(:seq, COALESCE((SELECT max({_q(target, pk[0].name)}) "
                    f"FROM {_q(target, table.name)}), 0) + 1, false)"
                ),
                {"seq": seq},
            )


def _q(conn: Connection, name: str) -> str:
    return str(conn.dialect.identifier_preparer.quote(name))


def copy_store(
    source_engine: Engine,
    target_engine: Engine,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> MoveReport:
    """Copy every model table from ``source_engine`` into the empty ``target_engine`` database.

    Raises:
        TargetNotEmptyError / SchemaMismatchError: the target cannot take the copy (untouched).
        MoveVerificationError: a table did not verify; the copy was rolled back.
        MoveCancelled: ``cancelled()`` said so; the copy was rolled back.
    """
    tables = model_tables()
    report = (lambda *_: None) if progress is None else progress
    stop = cancelled or (lambda: False)
    with (
        source_engine.connect() as source,
        source.begin(),
        target_engine.connect() as target,
        target.begin(),
    ):
        _check_schema(source, target, tables)
        check_target_empty(target, tables)
        totals = {t.name: _count(source, t) for t in tables}
        counter = _Counter(sum(totals.values()) * 2, report, stop)
        _prepare_target(target, tables)
        for table in tables:
            for batch in _batches(source, table):
                counter.check()
                target.execute(insert(table), batch)
                counter.add(len(batch), table.name)
        _finish_target(target, tables)
        result = _compare(source, target, tables, counter, totals)
        if not result.ok:
            raise MoveVerificationError(result)
    log.info("store moved to the server: %d tables, %d rows", len(tables), result.rows)
    return result


class _Counter:
    """Progress over copied and verified rows, and the cancel check."""

    def __init__(self, total: int, report: Progress, stop: Cancelled) -> None:
        self.total, self.done = total, 0
        self._report, self._stop = report, stop

    def check(self) -> None:
        if self._stop():
            raise MoveCancelled()

    def add(self, rows: int, table: str) -> None:
        self.done += rows
        self._report(self.done, self.total, table)


def _compare(
    source: Connection,
    target: Connection,
    tables: list[Table],
    counter: _Counter | None = None,
    totals: dict[str, int] | None = None,
) -> MoveReport:
    checked: list[TableReport] = []
    for table in tables:
        if counter is not None:
            counter.check()
        s_rows, s_hash = table_digest(source, table)
        t_rows, t_hash = table_digest(target, table)
        checked.append(TableReport(table.name, s_rows, t_rows, s_hash, t_hash))
        if counter is not None:
            counter.add((totals or {}).get(table.name, 0), table.name)
    return MoveReport(tuple(checked), _skipped(source, tables))


def verify_copy(source_engine: Engine, target_engine: Engine) -> MoveReport:
    """Compare every model table of two databases (row counts and content hashes), read only."""
    with (
        source_engine.connect() as source,
        source.begin(),
        target_engine.connect() as target,
        target.begin(),
    ):
        return _compare(source, target, model_tables())


def ensure_server_schema(engine: Engine, url: str) -> bool:
    """Set up the schema on a server database with no ContractDesk tables; True when it did."""
    from contractdesk.store.server import migrate_server, read_server_revision

    with engine.connect() as conn:
        revision = read_server_revision(conn)
    if revision is not None:
        return False
    migrate_server(url)
    return True


def _skipped(source: Connection, tables: list[Table]) -> tuple[str, ...]:
    """Tables of the local file that are not copied: SQLite's own, the search index (derived,
    rebuilt by the server from the copied rows) and the migration bookkeeping."""
    known = {t.name for t in tables}
    names = inspect(source).get_table_names()
    return tuple(
        sorted(
            n
            for n in names
            if n not in known
            and not n.startswith("sqlite_")
            and not n.startswith("customer_search_")
        )
    )
