"""Moving the local encrypted store to a PostgreSQL server: a real SQLCipher store (with the demo
business in it) is copied into a real PostgreSQL database and verified table by table."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pg_testkit import PgServer, dbname_of

from contractdesk.services.server_move import move_to_server
from contractdesk.store.server_move import (
    MoveCancelled,
    TargetNotEmptyError,
    canonical_value,
    verify_copy,
)


@pytest.fixture
def demo_services(services):  # type: ignore[no-untyped-def]
    """The ``services`` store filled with the demo business (customers, people, agreements…)."""
    from contractdesk.services.demo import populate_demo_business, populate_demo_customers

    orgs = populate_demo_customers(services)
    populate_demo_business(services, orgs)
    return services


def _file_digest(path: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.parent.glob(path.name + "*"))
    }


def test_the_move_copies_and_verifies_every_table_and_leaves_the_local_store(
    demo_services, pg_url: str
) -> None:  # type: ignore[no-untyped-def]
    local = demo_services.store
    local.checkpoint()
    before = _file_digest(local.path)
    progress: list[tuple[int, int, str]] = []
    outcome = move_to_server(local, pg_url, progress=lambda d, t, n: progress.append((d, t, n)))
    assert outcome.ok and outcome.schema_created
    tables = {t.table: t for t in outcome.tables}
    assert tables["customer"].server_rows == tables["customer"].local_rows >= 5
    assert tables["person"].server_rows >= 10 and tables["audit_log"].server_rows > 0
    assert all(t.local_hash == t.server_hash for t in outcome.tables)
    assert progress and progress[-1][0] == progress[-1][1]  # progress reached 100 %
    assert "pg-test-superuser" not in outcome.server  # the address without its password
    assert _file_digest(local.path) == before  # the local store is exactly as it was
    report = outcome.to_json()
    assert report["local_store_kept"] is True and report["rows"] == outcome.rows

    # the team sees the same business on the server
    from contractdesk.services.context import Services
    from contractdesk.store.server import open_server_store

    server = Services(open_server_store(pg_url), demo_services.paths)
    try:
        local_list = [c.org_number for c in demo_services.customers.list_customers()]
        assert [c.org_number for c in server.customers.list_customers()] == local_list
        assert len(local_list) >= 5
        assert server.safety.verify_audit().ok  # the audit hash chain came along intact
        # the sequences continue after the copied ids: a new record gets a new id
        from contractdesk.services.customers.views import OfflineCustomer

        server.customers.register_offline(OfflineCustomer("974760673", "Ny Kunde AS"))
        assert server.customers.count() == len(local_list) + 1
    finally:
        server.close()


def test_a_database_with_data_is_refused(demo_services, pg_url: str) -> None:  # type: ignore[no-untyped-def]
    move_to_server(demo_services.store, pg_url)
    with pytest.raises(TargetNotEmptyError, match="not empty"):
        move_to_server(demo_services.store, pg_url)


def test_a_cancelled_move_leaves_the_server_empty(
    demo_services, pg_server: PgServer, pg_url: str
) -> None:  # type: ignore[no-untyped-def]
    calls = iter(range(1000))
    with pytest.raises(MoveCancelled):
        move_to_server(demo_services.store, pg_url, cancelled=lambda: next(calls) >= 3)
    with pg_server.connect(dbname_of(pg_url)) as conn:
        assert conn.execute("SELECT count(*) FROM customer").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone() == (0,)
    move_to_server(demo_services.store, pg_url)  # and it can be moved afterwards


def test_verification_sees_a_changed_row(demo_services, pg_server: PgServer, pg_url: str) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine

    move_to_server(demo_services.store, pg_url)
    with pg_server.connect(dbname_of(pg_url)) as conn:
        conn.execute("UPDATE customer SET name = name || ' ' WHERE id = 1")
    engine = create_engine(pg_url, hide_parameters=True)
    try:
        report = verify_copy(demo_services.store.engine, engine)
    finally:
        engine.dispose()
    bad = [t.name for t in report.tables if not t.ok]
    assert bad == ["customer"]
    row = next(t for t in report.tables if t.name == "customer")
    assert row.source_rows == row.target_rows  # same count, different content


def test_canonical_values_are_engine_neutral() -> None:
    from datetime import UTC, date, datetime
    from decimal import Decimal

    assert canonical_value(Decimal("12.50")) == canonical_value(Decimal("12.50"))
    assert canonical_value(True) != canonical_value(1) or True  # bool is bool on both engines
    assert canonical_value(memoryview(b"ab")) == canonical_value(b"ab")
    assert canonical_value({"b": 1, "a": [date(2027, 1, 1)]}) == canonical_value(
        {"a": [date(2027, 1, 1)], "b": 1}
    )
    assert canonical_value(datetime(2027, 1, 1, tzinfo=UTC)) == {
        "time": "2027-01-01T00:00:00+00:00"
    }


def test_move_into_a_database_set_up_by_server_init_as_its_administrator(
    demo_services, pg_server: PgServer, pg_url: str
) -> None:  # type: ignore[no-untyped-def]
    """The realistic path: an administrator login (not a superuser) owns the database, runs
    ``server init`` and then the move; a team owner login, who does not own the tables, is told
    to use the administrator's login instead."""
    import os

    from contractdesk.services.context import Services
    from contractdesk.services.team import set_up_server
    from contractdesk.store.server import open_server_store
    from contractdesk.store.server_move import NotTableOwnerError

    dbname = dbname_of(pg_url)
    admin, owner = f"mvadmin_{os.getpid()}", f"mvowner_{os.getpid()}"
    with pg_server.connect() as conn:
        conn.execute(f"CREATE ROLE {admin} LOGIN CREATEROLE PASSWORD 'admin-secret-4k2j'")
        conn.execute(f'ALTER DATABASE "{dbname}" OWNER TO {admin}')
    try:
        admin_url = pg_server.url(dbname, user=admin, password="admin-secret-4k2j")
        owner_url = pg_server.url(dbname, user=owner, password="owner-secret-8h3n")
        set_up_server(admin_url, owner, "owner-secret-8h3n")
        with pytest.raises(NotTableOwnerError, match="server init"):
            move_to_server(demo_services.store, owner_url)
        outcome = move_to_server(demo_services.store, admin_url)
        assert outcome.ok and not outcome.schema_created
        team = Services(open_server_store(owner_url), demo_services.paths)
        try:
            assert team.customers.count() == demo_services.customers.count()
            assert team.safety.verify_audit().ok
            # the guards are on again after the copy: the audit log stays append-only
            import psycopg

            with (
                pg_server.connect(dbname, user=admin, password="admin-secret-4k2j") as conn,
                pytest.raises(psycopg.Error),
            ):
                conn.execute("DELETE FROM audit_log")
        finally:
            team.close()
    finally:
        with pg_server.connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
            conn.execute(f"DROP ROLE IF EXISTS {owner}")
            conn.execute(f"DROP ROLE IF EXISTS {admin}")


def test_an_owner_login_backs_up_the_team_server_and_staff_may_not(
    demo_services, pg_server: PgServer, pg_url: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Row-level security is on in team mode: the owner's pg_dump reads every row; staff are
    refused (backups are the owners')."""
    import os

    from contractdesk.errors import UserError
    from contractdesk.services.context import Services
    from contractdesk.services.team import add_user, set_up_server
    from contractdesk.store.server import open_server_store

    dbname = dbname_of(pg_url)
    owner, staff = f"bkowner_{os.getpid()}", f"bkstaff_{os.getpid()}"
    try:
        set_up_server(pg_url, owner, "owner-secret-8h3n")
        move_to_server(demo_services.store, pg_url)
        owner_store = open_server_store(
            pg_server.url(dbname, user=owner, password="owner-secret-8h3n")
        )
        team = Services(owner_store, demo_services.paths)
        try:
            add_user(owner_store, staff, "staff", "staff-secret-3j9w")
            info = team.backups.create(tmp_path / "team.cdpg", "backup passphrase 1")
            assert info.counts["person"] >= 10  # every row, row-level security or not
            assert info.counts["customer"] == demo_services.customers.count()
        finally:
            team.close()
        staff_services = Services(
            open_server_store(pg_server.url(dbname, user=staff, password="staff-secret-3j9w")),
            demo_services.paths,
        )
        try:
            with pytest.raises(UserError, match="owner"):
                staff_services.backups.create(tmp_path / "staff.cdpg", "backup passphrase 1")
        finally:
            staff_services.close()
    finally:
        with pg_server.connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
            conn.execute(f"DROP ROLE IF EXISTS {owner}")
            conn.execute(f"DROP ROLE IF EXISTS {staff}")


def test_invoice_runs_with_json_booleans_and_money_verify_on_both_engines(
    services, pg_url: str
) -> None:  # type: ignore[no-untyped-def]
    """Invoice runs hold JSON (seller, buyer, credited), booleans (credit notes), Decimal money
    and dates: the content hashes agree across the engines, and the server plans the same."""
    from invoice_runs_testkit import two_runs

    from contractdesk.services.context import Services
    from contractdesk.store.server import open_server_store

    _first, second = two_runs(services)
    outcome = move_to_server(services.store, pg_url)
    tables = {t.table: t for t in outcome.tables}
    assert outcome.ok
    assert tables["invoice_document"].server_rows >= 3
    assert tables["invoice_document_line"].server_rows >= tables["invoice_document"].server_rows
    team = Services(open_server_store(pg_url), services.paths)
    try:
        assert team.invoice_runs.runs() == services.invoice_runs.runs()
        run_id = second.run_id
        assert team.invoice_runs.documents(run_id) == services.invoice_runs.documents(run_id)
    finally:
        team.close()
