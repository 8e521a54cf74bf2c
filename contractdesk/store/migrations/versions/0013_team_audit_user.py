"""Team mode (issue 19): audit entries name their login; functions for erasure and new users.

On PostgreSQL the actor of an entry must be the login itself (``kari``) or the login followed by
the channel (``kari (cli)``); the database refuses any other, so nobody can write an entry in a
colleague's name. The actor is part of the entry's hash, so the chain covers it. On SQLite (one
person, no logins) nothing changes.

Two ``SECURITY DEFINER`` functions, which ``contractdesk server init`` lets owners run (nobody
else): ``contractdesk_erase_audit_payloads`` blanks the personal details of audit entries and
nothing else (nobody is granted ``UPDATE`` on the log), ``contractdesk_add_user`` creates a login
in one of the three groups from a SCRAM verifier (the password never reaches the server).

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

from alembic import op

from contractdesk.store.migrations.portable import is_postgresql, pg_drop_guard, pg_guard

_ADD_USER = "contractdesk_add_user(text, text, text)"

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


FUNCTIONS = (
    # Blank the personal details of audit entries (erasure): owners only; nothing else changes.
    """
CREATE OR REPLACE FUNCTION contractdesk_erase_audit_payloads(ids bigint[]) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE changed integer;
BEGIN
  UPDATE audit_log SET payload = '{"erased": true}', payload_salt = NULL WHERE id = ANY(ids);
  GET DIAGNOSTICS changed = ROW_COUNT;
  RETURN changed;
END $fn$
""",
    # Create a login in one of the three groups, from a SCRAM verifier made on the client (the
    # password itself never reaches the server or its logs): owners only.
    """
CREATE OR REPLACE FUNCTION contractdesk_add_user(name text, verifier text, grp text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
BEGIN
  IF grp NOT IN ('contractdesk_owner', 'contractdesk_staff', 'contractdesk_readonly') THEN
    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'unknown ContractDesk role';
  END IF;
  IF verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'a SCRAM verifier is required';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name) THEN
    RAISE EXCEPTION USING ERRCODE = '42710', MESSAGE = 'the user exists already';
  END IF;
  EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', name, verifier, grp);
END $fn$
""",
)


def upgrade() -> None:
    if is_postgresql():
        for sql in FUNCTIONS:
            op.execute(sql)
        for function in ("contractdesk_erase_audit_payloads(bigint[])", _ADD_USER):
            op.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        pg_guard(
            "audit_log_actor_is_login",
            "audit_log",
            "BEFORE INSERT",
            "an audit entry must name the database user that writes it",
            "NEW.actor IS DISTINCT FROM session_user "
            "AND left(NEW.actor, length(session_user) + 2) IS DISTINCT FROM session_user || ' ('",
        )


def downgrade() -> None:
    if is_postgresql():
        pg_drop_guard("audit_log_actor_is_login", "audit_log")
        op.execute("DROP FUNCTION IF EXISTS contractdesk_erase_audit_payloads(bigint[])")
        op.execute(f"DROP FUNCTION IF EXISTS {_ADD_USER}")
