"""Billing history and §13.1 notices (issue 14): billing_change, price_index, price_notice, and
price_adjustment.kind.

* ``billing_change``: a delivery method (customer) or invoice period (licence) that changes from
  a date, with the value before and after, so documents dated before it stay as they were.
* ``price_adjustment.kind``: ``adjustment`` (a §13.1 index adjustment, announced) or ``change``
  (a price edited from a date; not subject to the announcement rules).
* ``price_index``: the user's own consumer price index figures (KPI, Statistics Norway's annual
  average), added to the table shipped in resources.
* ``price_notice``: an announcement letter of a price adjustment produced for a customer, and
  when it was sent (proves "announced by 1 October").

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "billing_change",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "customer_id",
            sa.Integer,
            sa.ForeignKey(
                "customer.id", ondelete="CASCADE", name="fk_billing_change_customer_id_customer"
            ),
            nullable=False,
        ),
        sa.Column(
            "service_id",
            sa.Integer,
            sa.ForeignKey(
                "service.id", ondelete="CASCADE", name="fk_billing_change_service_id_service"
            ),
        ),
        sa.Column("field", sa.String(20), nullable=False),
        sa.Column("effective", sa.Date, nullable=False),
        sa.Column("before", sa.String(40), nullable=False),
        sa.Column("after", sa.String(40), nullable=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.CheckConstraint(
            "field IN ('delivery_method', 'period')", name="ck_billing_change_field"
        ),
        sa.CheckConstraint(
            "field <> 'period' OR service_id IS NOT NULL", name="ck_billing_change_period_service"
        ),
    )
    op.create_index("ix_billing_change_customer_id", "billing_change", ["customer_id"])
    op.create_table(
        "price_index",
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("value", sa.String(40), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "price_notice",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "customer_id",
            sa.Integer,
            sa.ForeignKey(
                "customer.id", ondelete="CASCADE", name="fk_price_notice_customer_id_customer"
            ),
            nullable=False,
        ),
        sa.Column("effective", sa.Date, nullable=False),
        sa.Column("index_year", sa.Integer),
        sa.Column("produced_on", sa.Date, nullable=False),
        sa.Column("sent_on", sa.Date),
        sa.Column("method", sa.String(10)),
        sa.Column("file_name", sa.String(300), nullable=False, server_default=""),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.CheckConstraint(
            "method IS NULL OR method IN ('letter', 'email')", name="ck_price_notice_method"
        ),
    )
    op.create_index("ix_price_notice_customer_id", "price_notice", ["customer_id", "effective"])
    with op.batch_alter_table("price_adjustment") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(12), nullable=False, server_default="adjustment")
        )


def downgrade() -> None:
    with op.batch_alter_table("price_adjustment") as batch:
        batch.drop_column("kind")
    op.drop_index("ix_price_notice_customer_id", "price_notice")
    op.drop_table("price_notice")
    op.drop_table("price_index")
    op.drop_index("ix_billing_change_customer_id", "billing_change")
    op.drop_table("billing_change")
