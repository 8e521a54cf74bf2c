"""People: roles at customers, look-up keys, consents, data-subject requests (issue 4).

The database itself keeps "exactly one main contact": a partial unique index allows at most one
per customer, and triggers refuse to delete or demote the main contact while its customer exists
(hand the role over by changing its ``person_id`` instead). A deleted customer takes its roles along.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from contractdesk.store.migrations.portable import is_postgresql, pg_drop_guard, pg_guard

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

ROLES = "('main_contact', 'contact', 'signatory', 'general_manager')"


def upgrade() -> None:
    op.create_table(
        "person_role",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "person_id",
            sa.Integer,
            sa.ForeignKey("person.id", ondelete="RESTRICT", name="fk_person_role_person_id_person"),
            nullable=False,
        ),
        sa.Column(
            "customer_id",
            sa.Integer,
            sa.ForeignKey(
                "customer.id", ondelete="CASCADE", name="fk_person_role_customer_id_customer"
            ),
            nullable=False,
        ),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("since", sa.Date, nullable=False),
        sa.Column(
            "requested_by_person_id",
            sa.Integer,
            sa.ForeignKey(
                "person.id",
                ondelete="RESTRICT",
                name="fk_person_role_requested_by_person_id_person",
            ),
        ),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("registry_role_code", sa.String(10), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.UniqueConstraint(
            "person_id", "customer_id", "role", name="uq_person_role_person_customer_role"
        ),
        sa.CheckConstraint(f"role IN {ROLES}", name="ck_person_role_role"),
    )
    op.create_index("ix_person_role_person_id", "person_role", ["person_id"])
    op.create_index("ix_person_role_customer", "person_role", ["customer_id", "role"])
    op.create_index(
        "uq_person_role_main_contact",
        "person_role",
        ["customer_id"],
        unique=True,
        sqlite_where=sa.text("role = 'main_contact'"),
        postgresql_where=sa.text("role = 'main_contact'"),
    )
    if is_postgresql():
        message = "the main contact cannot be removed without naming the next"
        pg_guard(
            "person_role_keep_main_contact",
            "person_role",
            "BEFORE DELETE",
            message,
            "OLD.role = 'main_contact' AND EXISTS (SELECT 1 FROM customer WHERE id = OLD.customer_id)",
        )
        pg_guard(
            "person_role_keep_main_contact_role",
            "person_role",
            "BEFORE UPDATE OF role, customer_id",
            message,
            "OLD.role = 'main_contact' AND (NEW.role <> 'main_contact' "
            "OR NEW.customer_id <> OLD.customer_id)",
        )
    else:
        _sqlite_main_contact_triggers()
    _create_person_tables()


def _sqlite_main_contact_triggers() -> None:
    op.execute(
        "CREATE TRIGGER person_role_keep_main_contact BEFORE DELETE ON person_role "
        "WHEN OLD.role = 'main_contact' AND EXISTS (SELECT 1 FROM customer WHERE id = OLD.customer_id) "
        "BEGIN SELECT RAISE(ABORT, 'the main contact cannot be removed without naming the next'); END"
    )
    op.execute(
        "CREATE TRIGGER person_role_keep_main_contact_role BEFORE UPDATE OF role, customer_id ON person_role "
        "WHEN OLD.role = 'main_contact' AND (NEW.role <> 'main_contact' OR NEW.customer_id <> OLD.customer_id) "
        "BEGIN SELECT RAISE(ABORT, 'the main contact cannot be removed without naming the next'); END"
    )


def _create_person_tables() -> None:
    op.create_table(
        "person_search_key",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "person_id",
            sa.Integer,
            sa.ForeignKey(
                "person.id", ondelete="CASCADE", name="fk_person_search_key_person_id_person"
            ),
            nullable=False,
        ),
        sa.Column("kind", sa.String(10), nullable=False),
        # byte-wise on PostgreSQL too: searches scan prefix ranges of it
        sa.Column(
            "value",
            sa.String(320, **({"collation": "C"} if is_postgresql() else {})),
            nullable=False,
        ),
        sa.CheckConstraint("kind IN ('name', 'email', 'phone')", name="ck_person_search_key_kind"),
    )
    op.create_index("ix_person_search_key_person_id", "person_search_key", ["person_id"])
    op.create_index(
        "ix_person_search_key_lookup", "person_search_key", ["kind", "value", "person_id"]
    )

    op.create_table(
        "person_consent",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "person_id",
            sa.Integer,
            sa.ForeignKey(
                "person.id", ondelete="RESTRICT", name="fk_person_consent_person_id_person"
            ),
            nullable=False,
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("given", sa.Boolean, nullable=False),
        sa.Column("on", sa.Date, nullable=False),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.CheckConstraint(
            "kind IN ('marketing_email', 'newsletter')", name="ck_person_consent_kind"
        ),
    )
    op.create_index("ix_person_consent_person", "person_consent", ["person_id", "kind"])

    op.create_table(
        "data_subject_request",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "person_id",
            sa.Integer,
            sa.ForeignKey(
                "person.id", ondelete="RESTRICT", name="fk_data_subject_request_person_id_person"
            ),
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("due_on", sa.Date, nullable=False),
        sa.Column("done_on", sa.Date),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.CheckConstraint(
            "kind IN ('access', 'correction', 'erasure', 'restriction', 'portability', 'objection')",
            name="ck_data_subject_request_kind",
        ),
    )
    op.create_index("ix_data_subject_request_person_id", "data_subject_request", ["person_id"])
    op.create_index("ix_data_subject_request_open", "data_subject_request", ["done_on", "due_on"])


def downgrade() -> None:
    if is_postgresql():
        pg_drop_guard("person_role_keep_main_contact_role", "person_role")
        pg_drop_guard("person_role_keep_main_contact", "person_role")
    else:
        op.execute("DROP TRIGGER IF EXISTS person_role_keep_main_contact_role")
        op.execute("DROP TRIGGER IF EXISTS person_role_keep_main_contact")
    for table in ("data_subject_request", "person_consent", "person_search_key", "person_role"):
        op.drop_table(table)
