"""Team mode on a real PostgreSQL 15 server: set-up, roles the DATABASE enforces, refusals in words.

The role tests talk to the server through raw SQL (psycopg) as each login: what is refused here
is refused whatever a client does, not only by ContractDesk's own screens.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import psycopg
import pytest
from pg_testkit import PgServer, dbname_of

from contractdesk.domain.terms.importer import to_plain_text
from contractdesk.errors import UserError
from contractdesk.services.context import Services
from contractdesk.services.demo import DEMO_SUPPLIER
from contractdesk.services.team import add_user, set_up_server, store_facts
from contractdesk.store.errors import StoreError, StoreTooNewError
from contractdesk.store.server import open_server_store, redacted, server_url
from contractdesk.store.server_errors import PermissionRefusedError, ServerUnavailableError

PASSWORD = {
    "owner": "owner-secret-9f3k",
    "staff": "staff-secret-2m7q",
    "read-only": "reader-secret-5x8w",
}
_SERIAL = itertools.count(1)


@dataclass
class Team:
    server: PgServer
    dbname: str
    admin_url: str
    users: dict[str, str]  # role -> login

    def url(self, role: str) -> str:
        return self.server.url(self.dbname, user=self.users[role], password=PASSWORD[role])

    def connect(self, role: str) -> Any:
        return self.server.connect(self.dbname, user=self.users[role], password=PASSWORD[role])


@pytest.fixture
def team(pg_server: PgServer, pg_store_url: str) -> Iterator[Team]:
    """A set-up server database with an owner, a staff member and a read-only user (logins are
    cluster-wide: each test gets its own names)."""
    n = f"{os.getpid()}_{next(_SERIAL)}"
    users = {"owner": f"eier_{n}", "staff": f"ansatt_{n}", "read-only": f"regnskap_{n}"}
    done = set_up_server(pg_store_url, users["owner"], PASSWORD["owner"])
    assert done.owner_created and done.revision == "0013"
    dbname = dbname_of(pg_store_url)
    owner_store = open_server_store(
        pg_server.url(dbname, user=users["owner"], password=PASSWORD["owner"])
    )
    try:
        services = Services(owner_store, None)  # type: ignore[arg-type]  # no local folder in team mode
        services.supplier.save(DEMO_SUPPLIER, actor="test")
        for role in ("staff", "read-only"):
            add_user(owner_store, users[role], role, PASSWORD[role])
    finally:
        owner_store.close()
    yield Team(pg_server, dbname, pg_store_url, users)
    with pg_server.connect() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        for login in users.values():
            conn.execute(f'DROP ROLE IF EXISTS "{login}"')


def _refused(conn: Any, sql: str, params: Any = None) -> str:
    """Run ``sql`` and return the database's refusal (its SQLSTATE), failing if it is allowed."""
    with pytest.raises(psycopg.Error) as caught:
        conn.execute(sql, params)
    conn.rollback() if not conn.autocommit else None
    return str(caught.value.sqlstate)


# -- set-up and identity -------------------------------------------------------------------------


def test_init_creates_the_schema_groups_and_logins_and_info_names_user_and_role(team: Team) -> None:
    for role, login in team.users.items():
        store = open_server_store(team.url(role))
        try:
            facts = store_facts(store)
        finally:
            store.close()
        assert (facts.engine, facts.user, facts.role, facts.revision) == (
            "postgresql",
            login,
            role,
            "0013",
        )
        assert PASSWORD[role] not in facts.location and "***" in facts.location


def test_init_is_idempotent_and_makes_an_existing_login_owner(team: Team) -> None:
    again = set_up_server(team.admin_url, team.users["staff"], None)
    assert not again.owner_created and again.revision_before == "0013"
    store = open_server_store(team.url("staff"))
    try:
        assert store.team_role() == "owner"  # the first group found: owner wins
    finally:
        store.close()


def test_a_new_owner_login_needs_a_password(pg_store_url: str) -> None:
    with pytest.raises(UserError, match="password"):
        set_up_server(pg_store_url, f"nobody_{os.getpid()}", None)


def test_a_schema_newer_than_the_code_is_refused(pg_server: PgServer, pg_store_url: str) -> None:
    with pg_server.connect(dbname_of(pg_store_url)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreTooNewError, match="newer version of ContractDesk"):
        open_server_store(pg_store_url)


def test_an_empty_database_is_not_opened_but_named_for_set_up(pg_url: str) -> None:
    with pytest.raises(StoreError, match="server init"):
        open_server_store(pg_url)


def test_the_password_is_never_in_a_message(team: Team) -> None:
    wrong = team.server.url(team.dbname, user=team.users["staff"], password="Hemmelig-Feil-123")
    with pytest.raises(ServerUnavailableError) as caught:
        open_server_store(wrong)
    message = str(caught.value)
    assert "Hemmelig-Feil-123" not in message and "user name or password is wrong" in message
    store = open_server_store(team.url("staff"))
    try:
        assert PASSWORD["staff"] not in repr(store) and PASSWORD["staff"] not in repr(store.engine)
    finally:
        store.close()
    assert redacted(team.url("owner")).count(PASSWORD["owner"]) == 0


def test_tls_is_required_unless_the_server_is_this_machine() -> None:
    assert server_url("postgresql://kari@db.example.no/firma").query["sslmode"] == "require"
    assert "sslmode" not in server_url("postgresql://kari@127.0.0.1/firma").query
    assert (
        server_url("postgresql://kari@db.example.no/firma?sslmode=verify-full").query["sslmode"]
        == "verify-full"
    )
    assert server_url("postgresql://kari@db/firma").drivername == "postgresql+psycopg"


# -- what the database itself refuses (raw SQL as each login) -------------------------------------


def test_nobody_may_update_or_delete_the_audit_log(team: Team) -> None:
    for role in ("owner", "staff", "read-only"):
        with team.connect(role) as conn:
            assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] > 0
            assert _refused(conn, "UPDATE audit_log SET actor = 'x'") == "42501"
            assert _refused(conn, "DELETE FROM audit_log") == "42501"
            assert _refused(conn, "TRUNCATE audit_log") == "42501"
    # even the administrator who owns the tables: the triggers refuse it
    with team.server.connect(team.dbname) as conn:
        assert _refused(conn, "DELETE FROM audit_log") == "23000"
        assert _refused(conn, "UPDATE audit_log SET hash = 'x'") == "23000"


def test_an_audit_entry_must_name_the_login_that_writes_it(team: Team) -> None:
    staff = team.users["staff"]
    insert = (
        "INSERT INTO audit_log (at, actor, action, entity_type, entity_id, payload_digest, "
        "prev_hash, hash) VALUES ('2026-01-01T00:00:00+00:00', %s, 'x', 'x', '1', 'd', 'p', %s)"
    )
    with team.connect("staff") as conn:
        assert _refused(conn, insert, (team.users["owner"], "h1")) == "23000"
        assert _refused(conn, insert, ("owner", "h2")) == "23000"
        conn.execute(insert, (f"{staff} (cli)", "h3"))


def test_staff_may_not_publish_terms_erase_people_or_manage_users(team: Team) -> None:
    with team.connect("staff") as conn:
        conn.execute(
            "INSERT INTO terms_version (label, title, state, document, gaps_confirmed, created_at, "
            "updated_at) VALUES ('utkast', 'Utkast', 'draft', '{}', false, 'now', 'now')"
        )
        # a draft may be edited, but not turned into a published version
        conn.execute("UPDATE terms_version SET title = 'Nytt utkast' WHERE label = 'utkast'")
        publish = (
            "UPDATE terms_version SET state = 'published', sha256 = repeat('a', 64), "
            "effective_date = '2030-01-01', published_at = 'now' WHERE label = 'utkast'"
        )
        assert _refused(conn, publish) == "42501"
        assert (
            _refused(
                conn,
                "INSERT INTO terms_version (label, title, state, effective_date, document, sha256, "
                "gaps_confirmed, created_at, updated_at, published_at) VALUES ('x', 'x', 'published', "
                "'2030-01-01', '{}', repeat('b', 64), true, 'now', 'now', 'now')",
            )
            == "42501"
        )
        # the published version is not even visible for change
        changed = conn.execute(
            "UPDATE terms_version SET title = 'x' WHERE state = 'published'"
        ).rowcount
        assert changed == 0
        conn.execute(
            "INSERT INTO person (first_name, middle_name, last_name, title, phone, mobile, emails, "
            "created_at, updated_at) VALUES ('Kari', '', 'Nordmann', '', '', '', '[]', 'now', 'now')"
        )
        assert _refused(conn, "UPDATE person SET erased_at = 'now'") == "42501"
        assert _refused(conn, "DELETE FROM person") == "42501"
        assert (
            _refused(conn, "SELECT contractdesk_erase_audit_payloads(ARRAY[1]::bigint[])")
            == "42501"
        )
        assert (
            _refused(
                conn, "SELECT contractdesk_add_user('x', 'SCRAM-SHA-256$x', 'contractdesk_owner')"
            )
            == "42501"
        )
        assert _refused(conn, "CREATE ROLE inntrenger LOGIN") == "42501"
        assert _refused(conn, "UPDATE supplier SET name = 'x'") == "42501"
        assert _refused(conn, "UPDATE subprocessor SET name = 'x'") == "42501"
        # what staff do every day is allowed
        conn.execute("UPDATE customer SET name = name WHERE false")
        conn.execute("UPDATE person SET title = 'Daglig leder' WHERE last_name = 'Nordmann'")


def test_read_only_may_read_everything_and_change_nothing(team: Team) -> None:
    with team.connect("read-only") as conn:
        assert conn.execute("SELECT count(*) FROM supplier").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM terms_version").fetchone() == (1,)
        for sql in (
            "INSERT INTO customer (org_number, name, organisation_form, organisation_form_text, "
            "status, vat_registered, registry_roles, delivery_method, invoice_period, "
            "reference_list_allowed, logo_consent, created_at, updated_at) VALUES ('971049669', "
            "'X', 'AS', '', 'active', false, '[]', 'email', 'yearly', false, false, 'now', 'now')",
            "UPDATE supplier SET name = 'x'",
            "DELETE FROM app_setting",
            "INSERT INTO audit_log (at, actor, action, entity_type, entity_id, payload_digest, "
            "prev_hash, hash) VALUES ('now', current_user, 'x', 'x', '1', 'd', 'p', 'h')",
        ):
            assert _refused(conn, sql) == "42501", sql


def test_the_owner_erases_audit_details_only_through_the_function(team: Team) -> None:
    with team.connect("owner") as conn:
        first = conn.execute("SELECT id, hash FROM audit_log ORDER BY id LIMIT 1").fetchone()
        assert conn.execute(
            "SELECT contractdesk_erase_audit_payloads(ARRAY[%s]::bigint[])", (first[0],)
        ).fetchone() == (1,)
        row = conn.execute(
            "SELECT payload, payload_salt, hash FROM audit_log WHERE id = %s", (first[0],)
        ).fetchone()
        assert row == ('{"erased": true}', None, first[1])


# -- through the app: refusals become one readable sentence ---------------------------------------


def test_the_app_says_what_a_role_may_not_do(team: Team, tmp_path: Any) -> None:
    staff = Services(open_server_store(team.url("staff")), None)  # type: ignore[arg-type]
    try:
        draft = staff.terms.copy_to_draft("2021-04-17", "neste")  # drafting is staff's work
        staff.terms.update_draft(
            "neste", text=to_plain_text(draft.document).replace("Avtalevilkår", "Vilkår 2030", 1)
        )
        with pytest.raises(
            PermissionRefusedError, match=r"Your role \(staff\) may not publish terms\."
        ):
            staff.terms.publish(
                "neste", date(2030, 1, 1), confirm_gaps=True, today=date(2029, 1, 1)
            )
        with pytest.raises(PermissionRefusedError, match="may not manage users"):
            add_user(staff.store, f"ny_{os.getpid()}", "staff", "long-enough-pass")
        with pytest.raises(PermissionRefusedError, match="may not change the business details"):
            staff.supplier.save(replace(DEMO_SUPPLIER, name="Annet Navn AS"), actor="gui")
        entries = staff.safety.audit_entries()
        assert entries[-1].actor.startswith(f"{team.users['staff']} (")
    finally:
        staff.close()
    reader = Services(open_server_store(team.url("read-only")), None)  # type: ignore[arg-type]
    try:
        assert reader.terms.list_versions()  # reading works
        with pytest.raises(
            PermissionRefusedError, match=r"Your role \(read-only\) may not change data\."
        ):
            reader.terms.copy_to_draft("2021-04-17", "neste2")
    finally:
        reader.close()
    owner = Services(open_server_store(team.url("owner")), None)  # type: ignore[arg-type]
    try:
        owner.terms.publish("neste", date(2030, 1, 1), confirm_gaps=True, today=date(2029, 1, 1))
        assert owner.terms.get("neste").row.state == "published"
        assert owner.safety.audit_entries()[-1].actor.startswith(team.users["owner"])
    finally:
        owner.close()


def test_staff_cannot_erase_a_person_through_the_app_and_an_owner_can(team: Team) -> None:
    from contractdesk.services.people import PersonInput
    from contractdesk.store import audit

    staff = Services(open_server_store(team.url("staff")), None)  # type: ignore[arg-type]
    try:
        person = staff.people.add_person(PersonInput("Kari", "Nordmann", emails=("kari@firma.no",)))
        with pytest.raises(PermissionRefusedError, match=r"\(staff\) may not erase personal data"):
            staff.people.erase(person)
        assert not staff.people.get(person).erased
    finally:
        staff.close()
    owner = Services(open_server_store(team.url("owner")), None)  # type: ignore[arg-type]
    try:
        owner.people.erase(person)
        assert owner.people.get(person).erased
        with owner.store.read_session() as s:
            assert audit.verify(s).ok  # details blanked by the function; the chain still holds
            assert not any("kari@firma.no" in (e.payload or "") for e in audit.entries(s))
    finally:
        owner.close()
