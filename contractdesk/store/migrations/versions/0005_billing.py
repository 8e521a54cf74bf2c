"""Services, usage and invoicing (issue 6): service, usage_record, price_adjustment.

Money is text (exact decimals). The database checks that each kind of service has its fields
(a licence: annual price, start and period; a one-off cost: amount and date; usage: unit price),
one usage record per service and month (the month's first day), and a requested end no earlier
than the day the termination was received. Services go with their customer (CASCADE): the plan
is computed, never stored; issued invoices live in the accounting system.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from contractdesk.store.migrations.portable import is_postgresql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

KINDS = "('licence', 'one_off', 'usage')"
PERIODS = "('yearly', 'half-yearly', 'quarterly', 'bimonthly', 'monthly')"


def upgrade() -> None:
    op.create_table(
        "service",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "customer_id",
            sa.Integer,
            sa.ForeignKey(
                "customer.id", ondelete="CASCADE", name="fk_service_customer_id_customer"
            ),
            nullable=False,
        ),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("annual_price", sa.String(40)),
        sa.Column("period", sa.String(20)),
        sa.Column("start", sa.Date),
        sa.Column("trial_days", sa.Integer, nullable=False),
        sa.Column("amount", sa.String(40)),
        sa.Column("cost_date", sa.Date),
        sa.Column("unit_price", sa.String(40)),
        sa.Column("terminated_on", sa.Date),
        sa.Column("requested_end", sa.Date),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.CheckConstraint(f"kind IN {KINDS}", name="ck_service_kind"),
        sa.CheckConstraint(
            "kind <> 'licence' OR (annual_price IS NOT NULL AND start IS NOT NULL "
            "AND period IS NOT NULL)",
            name="ck_service_licence_fields",
        ),
        sa.CheckConstraint(
            "kind <> 'one_off' OR (amount IS NOT NULL AND cost_date IS NOT NULL)",
            name="ck_service_one_off_fields",
        ),
        sa.CheckConstraint(
            "kind <> 'usage' OR unit_price IS NOT NULL", name="ck_service_usage_fields"
        ),
        sa.CheckConstraint(f"period IS NULL OR period IN {PERIODS}", name="ck_service_period"),
        sa.CheckConstraint("trial_days >= 0", name="ck_service_trial_days"),
        sa.CheckConstraint(
            "requested_end IS NULL OR (terminated_on IS NOT NULL AND requested_end >= terminated_on)",
            name="ck_service_requested_end",
        ),
    )
    op.create_index("ix_service_customer_id", "service", ["customer_id"])

    op.create_table(
        "usage_record",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "service_id",
            sa.Integer,
            sa.ForeignKey(
                "service.id", ondelete="CASCADE", name="fk_usage_record_service_id_service"
            ),
            nullable=False,
        ),
        sa.Column("month", sa.Date, nullable=False),
        sa.Column("quantity", sa.String(40), nullable=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("service_id", "month", name="uq_usage_record_service_month"),
        sa.CheckConstraint(
            "EXTRACT(DAY FROM month) = 1"
            if is_postgresql()
            else "CAST(strftime('%d', month) AS INTEGER) = 1",
            name="ck_usage_record_month_start",
        ),
    )

    op.create_table(
        "price_adjustment",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "service_id",
            sa.Integer,
            sa.ForeignKey(
                "service.id", ondelete="CASCADE", name="fk_price_adjustment_service_id_service"
            ),
            nullable=False,
        ),
        sa.Column("effective", sa.Date, nullable=False),
        sa.Column("announced", sa.Date, nullable=False),
        sa.Column("old_price", sa.String(40), nullable=False),
        sa.Column("new_price", sa.String(40), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.UniqueConstraint(
            "service_id", "effective", name="uq_price_adjustment_service_effective"
        ),
    )


def downgrade() -> None:
    for table in ("price_adjustment", "usage_record", "service"):
        op.drop_table(table)
