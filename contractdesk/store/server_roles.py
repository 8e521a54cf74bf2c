"""Team mode's users and roles, enforced by PostgreSQL itself (GRANTs and row-level security).

Three group roles (``NOLOGIN``); each person logs in as their own role, a member of one group:

* ``contractdesk_owner``: everything — publishing terms, erasure, the business details, the
  sub-processor register, privacy records, and user management (``contractdesk_add_user``);
* ``contractdesk_staff``: customers, people, services, agreements, acceptances, invoicing and
  settings; terms only as drafts (row-level security: a staff member can neither publish a version
  nor change a published one); people only while not erased (row-level security); no erasure of
  audit details, no user management;
* ``contractdesk_readonly``: ``SELECT`` only (e.g. the accountant).

The audit log is append-only for everyone: ``INSERT`` and ``SELECT`` are granted, never ``UPDATE``
or ``DELETE`` (and triggers refuse them even to the tables' owner). Erasure blanks the personal
details of entries through ``contractdesk_erase_audit_payloads``, a ``SECURITY DEFINER`` function
only owners may run, which changes nothing but the payload and its salt (the chain stays
verifiable). Migration 0013 creates both functions (execute granted here) and makes the database
refuse an audit entry that does not name the login writing it.

Apply with :func:`apply_roles` (``contractdesk server init``), as the database's administrator
(the role that owns the tables and may create roles). It is idempotent: run it again after an
upgrade so new tables get their grants.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate

GROUPS = {
    "owner": "contractdesk_owner",
    "staff": "contractdesk_staff",
    "readonly": "contractdesk_readonly",
}
ROLE_NAMES = {"owner": "owner", "staff": "staff", "read-only": "readonly", "readonly": "readonly"}

STAFF_TABLES = frozenset(
    {
        "customer",
        "person",  # row-level security: not erased
        "person_role",
        "person_search_key",
        "person_consent",
        "data_subject_request",
        "service",
        "usage_record",
        "price_adjustment",
        "billing_change",
        "price_notice",
        "price_index",
        "agreement",
        "acceptance",
        "acceptance_scan",
        "reacceptance_notice",
        "agreement_document",
        "scan_import_page",
        "invoice_run",
        "invoice_document",
        "invoice_document_line",
        "invoice_export",
        "invoice_recipient",
        "app_setting",
        "terms_version",  # row-level security: drafts only
        "terms_version_subprocessor",  # the published versions' lists are fixed by triggers
    }
)
"""Tables staff may write (``SELECT, INSERT, UPDATE, DELETE``); every other table they only read."""

NO_DELETE_FOR_STAFF = frozenset({"person"})
APPEND_ONLY = "audit_log"

_NAME = re.compile(r"^[a-z_][a-z0-9_.@-]{0,62}$")

_POLICIES = {
    "terms_version": (
        ("terms_version_read", "SELECT", "{all}", "true", None),
        ("terms_version_owner", "ALL", "{owner}", "true", "true"),
        ("terms_version_staff_insert", "INSERT", "{staff}", None, "state = 'draft'"),
        ("terms_version_staff_update", "UPDATE", "{staff}", "state = 'draft'", "state = 'draft'"),
        ("terms_version_staff_delete", "DELETE", "{staff}", "state = 'draft'", None),
    ),
    "person": (
        ("person_read", "SELECT", "{all}", "true", None),
        ("person_owner", "ALL", "{owner}", "true", "true"),
        ("person_staff_insert", "INSERT", "{staff}", None, "erased_at IS NULL"),
        ("person_staff_update", "UPDATE", "{staff}", "erased_at IS NULL", "erased_at IS NULL"),
    ),
}


def valid_role_name(name: str) -> bool:
    """A login name ContractDesk creates: lower case letters, digits, ``_ . @ -``; 63 at most."""
    return bool(_NAME.match(name))


def role_of_current_user(conn: Any) -> str | None:
    """``owner``, ``staff`` or ``readonly`` for the logged-in user (the first group it is in)."""
    rows = conn.execute(
        text(
            "SELECT rolname FROM pg_roles WHERE rolname IN "
            "('contractdesk_owner', 'contractdesk_staff', 'contractdesk_readonly') "
            "AND pg_has_role(session_user, oid, 'MEMBER')"
        )
    ).all()
    found = {str(r[0]) for r in rows}
    for role, group in GROUPS.items():
        if group in found:
            return role
    return None


def _tables(conn: Any) -> list[str]:
    rows = conn.execute(
        text(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
            "AND tablename <> 'alembic_version' ORDER BY tablename"
        )
    ).all()
    return [str(r[0]) for r in rows]


def _ensure_groups(conn: Any) -> None:
    for group in GROUPS.values():
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": group})
        if exists.first() is None:
            conn.exec_driver_sql(f"CREATE ROLE {group} NOLOGIN")


def _grant_tables(conn: Any, tables: list[str]) -> None:
    owner, staff, readonly = GROUPS["owner"], GROUPS["staff"], GROUPS["readonly"]
    for table in tables:
        conn.exec_driver_sql(f"REVOKE ALL ON {table} FROM PUBLIC, {owner}, {staff}, {readonly}")
        conn.exec_driver_sql(f"GRANT SELECT ON {table} TO {owner}, {staff}, {readonly}")
        if table == APPEND_ONLY:
            conn.exec_driver_sql(f"GRANT INSERT ON {table} TO {owner}, {staff}")
            continue
        conn.exec_driver_sql(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {owner}")
        if table in STAFF_TABLES:
            verbs = "INSERT, UPDATE" if table in NO_DELETE_FOR_STAFF else "INSERT, UPDATE, DELETE"
            conn.exec_driver_sql(f"GRANT {verbs} ON {table} TO {staff}")


def _row_security(conn: Any) -> None:
    groups = {
        "all": ", ".join(GROUPS.values()),
        "owner": GROUPS["owner"],
        "staff": GROUPS["staff"],
    }
    for table, policies in _POLICIES.items():
        conn.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for name, command, to, using, check in policies:
            conn.exec_driver_sql(f"DROP POLICY IF EXISTS {name} ON {table}")
            sql = f"CREATE POLICY {name} ON {table} FOR {command} TO {to.format(**groups)}"
            if using is not None:
                sql += f" USING ({using})"
            if check is not None:
                sql += f" WITH CHECK ({check})"
            conn.exec_driver_sql(sql)


def apply_roles(conn: Any) -> None:
    """Create the groups (when missing) and (re)apply every grant, policy and function."""
    owner, staff, readonly = GROUPS["owner"], GROUPS["staff"], GROUPS["readonly"]
    _ensure_groups(conn)
    database = conn.execute(text("SELECT current_database()")).scalar()
    conn.exec_driver_sql(f'REVOKE ALL ON DATABASE "{database}" FROM PUBLIC')
    conn.exec_driver_sql(f'GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO {owner}, {staff}')
    conn.exec_driver_sql(f'GRANT CONNECT ON DATABASE "{database}" TO {readonly}')
    conn.exec_driver_sql("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {owner}, {staff}, {readonly}")
    _grant_tables(conn, _tables(conn))
    conn.exec_driver_sql(f"GRANT SELECT ON alembic_version TO {owner}, {staff}, {readonly}")
    conn.exec_driver_sql(
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {owner}, {staff}"
    )
    conn.exec_driver_sql(f"GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO {readonly}")
    _row_security(conn)
    for function in (
        "contractdesk_erase_audit_payloads(bigint[])",
        "contractdesk_add_user(text, text, text)",
    ):
        conn.exec_driver_sql(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        conn.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {function} TO {owner}")


def role_exists(conn: Any, name: str) -> bool:
    found = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
    return found is not None


def scram_verifier(conn: Any, name: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of a password, computed here by libpq (the password itself is
    never sent to the server)."""
    pgconn = conn.connection.driver_connection.pgconn
    verifier = pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256")
    return bytes(verifier).decode()


def add_user(conn: Any, name: str, password: str, role: str) -> None:
    """Create the login ``name`` in the group of ``role`` through ``contractdesk_add_user``
    (owners only: the database refuses anybody else)."""
    group = GROUPS[ROLE_NAMES[role]]
    conn.execute(
        text("SELECT contractdesk_add_user(:name, :verifier, :grp)"),
        {"name": name, "verifier": scram_verifier(conn, name, password), "grp": group},
    )


def grant_group(conn: Any, name: str, role: str) -> None:
    """Make an existing login a member of the group of ``role`` (administrator)."""
    conn.exec_driver_sql(f'GRANT {GROUPS[ROLE_NAMES[role]]} TO "{name}"')


@dataclass(frozen=True)
class SetUpResult:
    location: str
    before: str | None
    after: str
    created: bool


def set_up(url: str, owner: str, password: str | None) -> SetUpResult:
    """``server init``: migrate, apply the roles, and make ``owner`` an owner (created when
    missing, which needs ``password``). Run as the database's administrator.

    Raises:
        UserError: ``owner`` does not exist and no password was given.
    """
    from contractdesk.store.server import make_server_engine, migrate_server, redacted, server_url
    from contractdesk.store.server_errors import map_server_error

    parsed = server_url(url)
    before, after = migrate_server(parsed)
    engine = make_server_engine(parsed, pool_size=1)
    try:
        with engine.begin() as conn:
            apply_roles(conn)
            created = not role_exists(conn, owner)
            if created:
                if not password:
                    raise UserError(
                        fill(
                            translate(
                                "TeamService",
                                "%1 does not exist yet: give its password on standard input "
                                "(--password-stdin) or when asked.",
                            ),
                            owner,
                        ),
                        field="password",
                    )
                create_login(conn, owner, password, "owner")
            else:
                grant_group(conn, owner, "owner")
    except UserError:
        raise
    except Exception as exc:
        raise map_server_error(exc, None, location=redacted(parsed)) or exc from None
    finally:
        engine.dispose()
    return SetUpResult(redacted(parsed), before, after, created)


def create_login(conn: Any, name: str, password: str, role: str) -> None:
    """Create a login in a group directly (administrator, at ``server init``)."""
    verifier = scram_verifier(conn, name, password)
    group = GROUPS[ROLE_NAMES[role]]
    conn.exec_driver_sql(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{verifier}' IN ROLE {group}")
