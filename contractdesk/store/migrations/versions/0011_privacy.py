"""Privacy (issue 18): breaches, retention marks, document versions, sub-processor transfers.

A breach keeps its Datatilsynet deadline (discovery + 72 hours) as a column, so it survives a
restart and never drifts; breach_customer records who was notified and when. retention_mark
says which retention rule was applied to which subject and what was kept as accounting
evidence (no personal data). privacy_document numbers the generated Art. 30 records and
privacy statements. subprocessor_transfer holds a sub-processor's country and transfer basis.

Revision ID: 0011
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from contractdesk.store.migrations.portable import is_postgresql, pg_drop_guard, pg_guard

revision = "0011"
down_revision = "0006"
branch_labels = None
depends_on = None


# The signatory warning names the signer ("Kari Nordmann is not a signatory of …"). It stays fixed
# like the other facts, except that it may be blanked when the signer's personal data goes.
_FACTS_FIXED_0004 = (
    "CREATE TRIGGER acceptance_facts_fixed BEFORE UPDATE OF customer_id, terms_version_id, "
    "accepted_on, method, signed_by_person_id, signatory_warning, recorded_by, recorded_at "
    "ON acceptance BEGIN SELECT RAISE(ABORT, 'the facts of an acceptance cannot change'); END"
)
_FACTS_FIXED = (
    "CREATE TRIGGER acceptance_facts_fixed BEFORE UPDATE OF customer_id, terms_version_id, "
    "accepted_on, method, signed_by_person_id, recorded_by, recorded_at "
    "ON acceptance BEGIN SELECT RAISE(ABORT, 'the facts of an acceptance cannot change'); END"
)
_WARNING_BLANK_ONLY = (
    "CREATE TRIGGER acceptance_warning_blank_only BEFORE UPDATE OF signatory_warning "
    "ON acceptance WHEN NEW.signatory_warning IS NOT NULL AND NEW.signatory_warning <> '' "
    "AND NEW.signatory_warning IS NOT OLD.signatory_warning "
    "BEGIN SELECT RAISE(ABORT, 'the facts of an acceptance cannot change'); END"
)


_FACTS_MESSAGE = "the facts of an acceptance cannot change"


def upgrade() -> None:
    if is_postgresql():
        pg_drop_guard("acceptance_facts_fixed", "acceptance")
        pg_guard(
            "acceptance_facts_fixed",
            "acceptance",
            "BEFORE UPDATE OF customer_id, terms_version_id, accepted_on, method, "
            "signed_by_person_id, recorded_by, recorded_at",
            _FACTS_MESSAGE,
        )
        pg_guard(
            "acceptance_warning_blank_only",
            "acceptance",
            "BEFORE UPDATE OF signatory_warning",
            _FACTS_MESSAGE,
            "NEW.signatory_warning IS NOT NULL AND NEW.signatory_warning <> '' "
            "AND NEW.signatory_warning IS DISTINCT FROM OLD.signatory_warning",
        )
    else:
        op.execute("DROP TRIGGER IF EXISTS acceptance_facts_fixed")
        op.execute(_FACTS_FIXED)
        op.execute(_WARNING_BLANK_ONLY)
    op.create_table(
        "breach",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("discovered_at", sa.String(40), nullable=False),
        sa.Column("deadline_at", sa.String(40), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("systems", sa.JSON, nullable=False),
        sa.Column("subprocessors", sa.JSON, nullable=False),
        sa.Column("authority_notified_at", sa.String(40)),
        sa.Column("recorded_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "breach_customer",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "breach_id",
            sa.Integer,
            sa.ForeignKey(
                "breach.id", ondelete="CASCADE", name="fk_breach_customer_breach_id_breach"
            ),
            nullable=False,
        ),
        sa.Column(
            "customer_id",
            sa.Integer,
            sa.ForeignKey(
                "customer.id", ondelete="CASCADE", name="fk_breach_customer_customer_id_customer"
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("notified_at", sa.String(40)),
        sa.Column("notified_how", sa.String(20), nullable=False),
        sa.UniqueConstraint("breach_id", "customer_id", name="uq_breach_customer_breach_customer"),
    )
    op.create_table(
        "retention_mark",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("subject", sa.String(50), nullable=False),
        sa.Column("rule", sa.String(30), nullable=False),
        sa.Column("applied_at", sa.String(40), nullable=False),
        sa.Column("kept", sa.JSON, nullable=False),
        sa.Column("kept_until", sa.Date),
    )
    op.create_index("ix_retention_mark_subject", "retention_mark", ["subject", "rule"])
    op.create_table(
        "privacy_document",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.CheckConstraint("kind IN ('art30', 'statement')", name="ck_privacy_document_kind"),
        sa.UniqueConstraint(
            "kind", "language", "version", name="uq_privacy_document_kind_language_version"
        ),
    )
    op.create_table(
        "subprocessor_transfer",
        sa.Column(
            "subprocessor_id",
            sa.Integer,
            sa.ForeignKey(
                "subprocessor.id",
                ondelete="CASCADE",
                name="fk_subprocessor_transfer_subprocessor_id_subprocessor",
            ),
            primary_key=True,
        ),
        sa.Column("country", sa.String(100), nullable=False),
        sa.Column("basis", sa.String(300), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    if is_postgresql():
        pg_drop_guard("acceptance_warning_blank_only", "acceptance")
        pg_drop_guard("acceptance_facts_fixed", "acceptance")
        pg_guard(
            "acceptance_facts_fixed",
            "acceptance",
            "BEFORE UPDATE OF customer_id, terms_version_id, accepted_on, method, "
            "signed_by_person_id, signatory_warning, recorded_by, recorded_at",
            _FACTS_MESSAGE,
        )
    else:
        op.execute("DROP TRIGGER IF EXISTS acceptance_warning_blank_only")
        op.execute("DROP TRIGGER IF EXISTS acceptance_facts_fixed")
        op.execute(_FACTS_FIXED_0004)
    op.drop_table("subprocessor_transfer")
    op.drop_table("privacy_document")
    op.drop_index("ix_retention_mark_subject", table_name="retention_mark")
    op.drop_table("retention_mark")
    op.drop_table("breach_customer")
    op.drop_table("breach")
