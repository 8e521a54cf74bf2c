"""What the migrations need to run on both engines: SQLite (local) and PostgreSQL (team mode).

SQLite keeps its rules in triggers written inline in each migration (unchanged since release).
PostgreSQL's triggers call a function and cannot test a subquery in ``WHEN``, so a guard is a
PL/pgSQL function (``<name>_guard``) that raises when its condition holds, and a row trigger that
calls it. The error is SQLSTATE 23000 (integrity constraint violation), like SQLite's
``RAISE(ABORT)`` in a trigger, so both reach the code as an integrity error. Stable: migrations
rely on it.
"""

from __future__ import annotations

from alembic import op


def is_postgresql() -> bool:
    """True when the migration runs on a PostgreSQL server."""
    return bool(op.get_bind().dialect.name == "postgresql")


def pg_guard(name: str, table: str, event: str, message: str, condition: str = "TRUE") -> None:
    """Create a PostgreSQL guard: ``event`` (e.g. ``BEFORE UPDATE OF a, b``) on ``table`` raises
    ``message`` when ``condition`` (PL/pgSQL over ``OLD``/``NEW``; may hold a subquery) is true."""
    if "'" in message:
        raise ValueError("guard messages hold no quotes")
    op.execute(
        f"CREATE OR REPLACE FUNCTION {name}_guard() RETURNS trigger LANGUAGE plpgsql AS $guard$ "
        f"BEGIN IF {condition} THEN "
        f"RAISE EXCEPTION USING ERRCODE = '23000', MESSAGE = '{message}'; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $guard$"
    )
    op.execute(
        f"CREATE TRIGGER {name} {event} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}_guard()"
    )


def pg_drop_guard(name: str, table: str) -> None:
    op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    op.execute(f"DROP FUNCTION IF EXISTS {name}_guard()")
