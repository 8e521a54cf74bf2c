"""Foundation: supplier, settings, audit log, customer and person.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from contractdesk.store.migrations.portable import is_postgresql, pg_drop_guard, pg_guard

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "supplier",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("org_number", sa.String(9), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("address_lines", sa.JSON, nullable=False),
        sa.Column("postcode", sa.String(20), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("signer_name", sa.String(200), nullable=False),
        sa.Column("signer_title", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.JSON),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("entity_type", sa.String(50), nullable=False),
        sa.Column("entity_id", sa.String(50), nullable=False),
        sa.Column("payload", sa.Text),
        sa.Column("payload_salt", sa.String(64)),
        sa.Column("payload_digest", sa.String(64), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("hash", name="uq_audit_log_hash"),
    )
    op.create_index("ix_audit_log_entity", "audit_log", ["entity_type", "entity_id"])
    # Append-only: rows may not be deleted, and only the erasable payload may change.
    if is_postgresql():
        pg_guard("audit_log_no_delete", "audit_log", "BEFORE DELETE", "audit log is append-only")
        pg_guard(
            "audit_log_no_update",
            "audit_log",
            "BEFORE UPDATE OF id, at, actor, action, entity_type, entity_id, payload_digest, "
            "prev_hash, hash",
            "audit log is append-only",
        )
    else:
        _sqlite_audit_triggers()
    _create_customer_and_person()


def _sqlite_audit_triggers() -> None:
    op.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE OF id, at, actor, action, entity_type, "
        "entity_id, payload_digest, prev_hash, hash ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
    )


def _create_customer_and_person() -> None:
    op.create_table(
        "customer",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("org_number", sa.String(9), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("organisation_form", sa.String(20), nullable=False),
        sa.Column("organisation_form_text", sa.String(200), nullable=False),
        sa.Column("business_address", sa.JSON),
        sa.Column("postal_address", sa.JSON),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("deleted_on", sa.Date),
        sa.Column("vat_registered", sa.Boolean, nullable=False),
        sa.Column("registry_roles", sa.JSON, nullable=False),
        sa.Column("signing_rule", sa.JSON),
        sa.Column("registry_data", sa.JSON),
        sa.Column("verified_at", sa.String(40)),
        sa.Column("delivery_method", sa.String(10), nullable=False),
        sa.Column("invoice_period", sa.String(20), nullable=False),
        sa.Column("reference_list_allowed", sa.Boolean, nullable=False),
        sa.Column("logo_consent", sa.Boolean, nullable=False),
        sa.Column("relationship_ended_on", sa.Date),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("org_number", name="uq_customer_org_number"),
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("first_name", sa.String(200), nullable=False),
        sa.Column("middle_name", sa.String(200), nullable=False),
        sa.Column("last_name", sa.String(200), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("mobile", sa.String(40), nullable=False),
        sa.Column("emails", sa.JSON, nullable=False),
        sa.Column("erased_at", sa.String(40)),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    if is_postgresql():
        pg_drop_guard("audit_log_no_update", "audit_log")
        pg_drop_guard("audit_log_no_delete", "audit_log")
    for table in ("person", "customer", "audit_log", "app_setting", "supplier"):
        op.drop_table(table)
