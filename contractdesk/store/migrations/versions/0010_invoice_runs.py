"""Invoice runs (issue 15): invoice_run, invoice_document, invoice_document_line, invoice_export,
invoice_recipient (a customer's own buyer reference and e-mail for invoices).

Frozen invoices and credit notes with their lines, and a record of each export. Document numbers
are unique (one unbroken series; NULL while the accounting system numbers them). Customers and
services are referred to by id without a foreign key: frozen documents outlive them.

Revision ID: 0010
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0007"  # after 0011 (privacy) and 0007 (issued documents), as merged
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "invoice_run",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("date_to", sa.Date, nullable=False),
        sa.Column("numbering", sa.String(20), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("undone_at", sa.String(40)),
        sa.Column("seller", sa.JSON, nullable=False),
        sa.Column("invoices", sa.Integer, nullable=False),
        sa.Column("credit_notes", sa.Integer, nullable=False),
        sa.CheckConstraint("status IN ('frozen', 'undone')", name="ck_invoice_run_status"),
        sa.CheckConstraint(
            "numbering IN ('contractdesk', 'accounting')", name="ck_invoice_run_numbering"
        ),
    )
    op.create_table(
        "invoice_document",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "run_id",
            sa.Integer,
            sa.ForeignKey("invoice_run.id", ondelete="CASCADE", name="fk_invoice_document_run_id"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("number", sa.Integer),
        sa.Column("kid", sa.String(30), nullable=False),
        sa.Column("customer_id", sa.Integer, nullable=False),
        sa.Column("org_number", sa.String(9), nullable=False),
        sa.Column("invoice_date", sa.Date, nullable=False),
        sa.Column("due_date", sa.Date, nullable=False),
        sa.Column("collection_date", sa.Date, nullable=False),
        sa.Column("fee", sa.String(40), nullable=False),
        sa.Column("net", sa.String(40), nullable=False),
        sa.Column("vat", sa.String(40), nullable=False),
        sa.Column("total", sa.String(40), nullable=False),
        sa.Column("buyer", sa.JSON, nullable=False),
        sa.Column("credited", sa.JSON, nullable=False),
        sa.CheckConstraint("kind IN ('invoice', 'credit')", name="ck_invoice_document_kind"),
    )
    op.create_index("ix_invoice_document_run", "invoice_document", ["run_id", "position"])
    op.create_index("uq_invoice_document_number", "invoice_document", ["number"], unique=True)
    op.create_table(
        "invoice_document_line",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey(
                "invoice_document.id",
                ondelete="CASCADE",
                name="fk_invoice_document_line_document_id",
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("service_id", sa.Integer, nullable=False),
        sa.Column("service_kind", sa.String(10), nullable=False),
        sa.Column("is_credit", sa.Boolean, nullable=False),
        sa.Column("description", sa.String(200), nullable=False),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("amount", sa.String(40), nullable=False),
    )
    op.create_index(
        "ix_invoice_document_line_document", "invoice_document_line", ["document_id", "position"]
    )
    op.create_index(
        "ix_invoice_document_line_service", "invoice_document_line", ["service_id", "period_start"]
    )
    op.create_table(
        "invoice_export",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "run_id",
            sa.Integer,
            sa.ForeignKey("invoice_run.id", ondelete="CASCADE", name="fk_invoice_export_run_id"),
            nullable=False,
        ),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("target", sa.String(500), nullable=False),
        sa.Column("files", sa.Integer, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
    )
    op.create_index("ix_invoice_export_run", "invoice_export", ["run_id"])
    op.create_table(
        "invoice_recipient",
        sa.Column(
            "customer_id",
            sa.Integer,
            sa.ForeignKey(
                "customer.id", ondelete="CASCADE", name="fk_invoice_recipient_customer_id"
            ),
            primary_key=True,
        ),
        sa.Column("buyer_reference", sa.String(200), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("invoice_recipient")
    op.drop_table("invoice_export")
    op.drop_table("invoice_document_line")
    op.drop_table("invoice_document")
    op.drop_table("invoice_run")
