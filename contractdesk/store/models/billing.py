"""Services a customer buys (licences, one-off costs, usage), their usage and prices (issues 6, 14).

Money columns are :class:`DecimalText` (exact text, never floats). A licence's price is stored
as its annual price; the invoice period is stored by its command-line name (``half-yearly``),
like :attr:`Customer.invoice_period`. The database checks that each kind has the fields it
needs (migration 0005). The plan itself is never stored: it is computed from these rows.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from contractdesk.store.models.base import Base
from contractdesk.store.types import DecimalText, UTCDateTime, utcnow

SERVICE_KINDS = ("licence", "one_off", "usage")
PERIOD_NAMES = ("yearly", "half-yearly", "quarterly", "bimonthly", "monthly")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class ServiceRecord(Base):
    """One service of one customer: a licence, a one-off cost or metered usage (§5, §10, §12).

    Attributes:
        annual_price: licences only (NOK excl. VAT per year).
        period: licences only: the invoice period's CLI name.
        start, trial_days: licences only; billing starts ``trial_days`` after ``start``.
        amount, cost_date: one-off costs only.
        unit_price: usage only (NOK per unit, may have more than two decimals).
        terminated_on, requested_end: a termination received on D, optionally ending at R.
    """

    __tablename__ = "service"
    __table_args__ = (
        CheckConstraint(_in("kind", SERVICE_KINDS), name="kind"),
        CheckConstraint(
            "kind <> 'licence' OR (annual_price IS NOT NULL AND start IS NOT NULL "
            "AND period IS NOT NULL)",
            name="licence_fields",
        ),
        CheckConstraint(
            "kind <> 'one_off' OR (amount IS NOT NULL AND cost_date IS NOT NULL)",
            name="one_off_fields",
        ),
        CheckConstraint("kind <> 'usage' OR unit_price IS NOT NULL", name="usage_fields"),
        CheckConstraint(f"period IS NULL OR {_in('period', PERIOD_NAMES)}", name="period"),
        CheckConstraint("trial_days >= 0", name="trial_days"),
        CheckConstraint(
            "requested_end IS NULL OR "
            "(terminated_on IS NOT NULL AND requested_end >= terminated_on)",
            name="requested_end",
        ),
        Index("ix_service_customer_id", "customer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE", name="fk_service_customer_id_customer")
    )
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200))
    annual_price: Mapped[Decimal | None] = mapped_column(DecimalText, default=None)
    period: Mapped[str | None] = mapped_column(String(20), default=None)
    start: Mapped[date | None] = mapped_column(Date, default=None)
    trial_days: Mapped[int] = mapped_column(Integer, default=0)
    amount: Mapped[Decimal | None] = mapped_column(DecimalText, default=None)
    cost_date: Mapped[date | None] = mapped_column(Date, default=None)
    unit_price: Mapped[Decimal | None] = mapped_column(DecimalText, default=None)
    terminated_on: Mapped[date | None] = mapped_column(Date, default=None)
    requested_end: Mapped[date | None] = mapped_column(Date, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    """Counts up with every change; an UPDATE over a newer version is refused (0012)."""

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  # SQLAlchemy reads a plain dict

    def __repr__(self) -> str:
        return f"ServiceRecord(id={self.id}, kind={self.kind!r}, customer_id={self.customer_id})"


class UsageEntry(Base):
    """The quantity a usage service was used in one month (``month`` is the 1st); one per month."""

    __tablename__ = "usage_record"
    __table_args__ = (
        UniqueConstraint("service_id", "month", name="uq_usage_record_service_month"),
        CheckConstraint("CAST(strftime('%d', month) AS INTEGER) = 1", name="month_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE", name="fk_usage_record_service_id_service")
    )
    month: Mapped[date] = mapped_column(Date)
    quantity: Mapped[Decimal] = mapped_column(DecimalText)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    def __repr__(self) -> str:
        return f"UsageEntry(service_id={self.service_id}, month={self.month.isoformat()})"


class PriceChange(Base):
    """A price adjustment of a licence or usage service (§13.1): new price from ``effective``.

    ``old_price`` is the price before it, kept for the index check and the history.
    """

    __tablename__ = "price_adjustment"
    __table_args__ = (
        UniqueConstraint("service_id", "effective", name="uq_price_adjustment_service_effective"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE", name="fk_price_adjustment_service_id_service")
    )
    effective: Mapped[date] = mapped_column(Date)
    announced: Mapped[date] = mapped_column(Date)
    old_price: Mapped[Decimal] = mapped_column(DecimalText)
    new_price: Mapped[Decimal] = mapped_column(DecimalText)
    # "adjustment" (§13.1, announced) or "change" (a price edited from a date; migration 0006)
    kind: Mapped[str] = mapped_column(String(12), default="adjustment", server_default="adjustment")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"PriceChange(service_id={self.service_id}, effective={self.effective.isoformat()})"


class BillingChange(Base):
    """A delivery method (customer) or invoice period (licence) changed from ``effective`` on
    (issue 14): documents dated before it keep ``before``. Migration 0006."""

    __tablename__ = "billing_change"
    __table_args__ = (
        CheckConstraint("field IN ('delivery_method', 'period')", name="field"),
        CheckConstraint("field <> 'period' OR service_id IS NOT NULL", name="period_service"),
        Index("ix_billing_change_customer_id", "customer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE", name="fk_billing_change_customer_id_customer")
    )
    service_id: Mapped[int | None] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE", name="fk_billing_change_service_id_service"),
        default=None,
    )
    field: Mapped[str] = mapped_column(String(20))
    effective: Mapped[date] = mapped_column(Date)
    before: Mapped[str] = mapped_column(String(40))
    after: Mapped[str] = mapped_column(String(40))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"BillingChange({self.field}, from {self.effective.isoformat()})"


class PriceIndexYear(Base):
    """A user-added consumer price index figure (KPI annual average) for one year (§13.1)."""

    __tablename__ = "price_index"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    value: Mapped[Decimal] = mapped_column(DecimalText)
    source: Mapped[str] = mapped_column(String(200), default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PriceNotice(Base):
    """A price adjustment's announcement letter for one customer, and when it was sent (§13.1)."""

    __tablename__ = "price_notice"
    __table_args__ = (
        CheckConstraint("method IS NULL OR method IN ('letter', 'email')", name="method"),
        Index("ix_price_notice_customer_id", "customer_id", "effective"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE", name="fk_price_notice_customer_id_customer")
    )
    effective: Mapped[date] = mapped_column(Date)
    index_year: Mapped[int | None] = mapped_column(Integer, default=None)
    produced_on: Mapped[date] = mapped_column(Date)
    sent_on: Mapped[date | None] = mapped_column(Date, default=None)
    method: Mapped[str | None] = mapped_column(String(10), default=None)
    file_name: Mapped[str] = mapped_column(String(300), default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
