"""The billing area's values that cross threads and layers (frozen DTOs) and their JSON forms."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from contractdesk.domain.invoicing import (
    DeliveryMethod,
    InvoicePeriod,
    PriceAdjustment,
    ServiceKind,
    TerminationOutcome,
)
from contractdesk.domain.money import round_ore

TerminationView = TerminationOutcome
"""What a termination means for one service (§5, §12.3): the domain's outcome, as is."""


@dataclass(frozen=True)
class ServiceInput:
    """A service as the user typed it; the fields that apply depend on ``kind``.

    Attributes:
        kind: licence, one-off or usage (a :class:`ServiceKind` or its CLI name).
        name: shown as the invoice line's description.
        annual_price: licences: NOK excl. VAT per year. Give this or ``monthly_price``.
        monthly_price: licences: the UI may take a monthly price (annual = 12 x monthly).
        period: licences: the invoice period; ``None`` takes the customer's default.
        start: licences: the start date S.
        trial_days: licences: N, billing starts at S + N days (default 0).
        amount, cost_date: one-off costs: the amount and the day it is invoiced.
        unit_price: usage: NOK per unit (e.g. per SMS), up to 6 decimals.
    """

    kind: ServiceKind | str
    name: str
    annual_price: Decimal | int | str | None = None
    monthly_price: Decimal | int | str | None = None
    period: InvoicePeriod | str | None = None
    start: date | None = None
    trial_days: int | None = None
    amount: Decimal | int | str | None = None
    cost_date: date | None = None
    unit_price: Decimal | int | str | None = None


@dataclass(frozen=True)
class BillingProfile:
    """A customer's invoicing preferences (§10): delivery method (the fee) and default period."""

    org_number: str
    name: str
    delivery_method: DeliveryMethod
    invoice_period: InvoicePeriod
    version: int | None = field(default=None, compare=False)
    """The record's version when read (optimistic locking): pass it back when saving an edit."""

    @property
    def fee(self) -> Decimal:
        return self.delivery_method.fee

    def as_dict(self) -> dict[str, Any]:
        return {
            "org_number": self.org_number,
            "version": self.version,
            "name": self.name,
            "delivery_method": self.delivery_method.cli_name,
            "invoice_period": self.invoice_period.cli_name,
            "fee": str(self.fee),
        }


@dataclass(frozen=True)
class CustomerChoice:
    """A customer for pick lists: org number, name, how many services it has, and whether it has
    accepted the terms (ordering without is allowed but shown, §4.1)."""

    org_number: str
    name: str
    services: int
    accepted: bool = True


@dataclass(frozen=True)
class UsageView:
    """One month of recorded usage and what it comes to (quantity x unit price, øre)."""

    month: date
    quantity: Decimal
    amount: Decimal

    def as_dict(self) -> dict[str, Any]:
        return {
            "month": self.month.strftime("%Y-%m"),
            "quantity": str(self.quantity),
            "amount": str(self.amount),
        }


@dataclass(frozen=True)
class PriceAdjustmentView:
    """A recorded price adjustment: the new price from ``effective``, announced on ``announced``."""

    id: int
    service_id: int
    effective: date
    announced: date
    old_price: Decimal
    new_price: Decimal
    kind: str = "adjustment"

    @property
    def is_adjustment(self) -> bool:
        """A §13.1 adjustment (announced); ``False`` for a price edited from a date."""
        return self.kind == "adjustment"

    def as_domain(self) -> PriceAdjustment:
        return PriceAdjustment(self.effective, self.announced, self.old_price, self.new_price)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "effective": self.effective.isoformat(),
            "announced": self.announced.isoformat(),
            "old_price": str(self.old_price),
            "new_price": str(self.new_price),
            "kind": self.kind,
        }


@dataclass(frozen=True)
class ServiceView:
    """One service as the UI and CLI show it, with its binding and (earliest) end.

    ``price`` is the price in effect on ``as_of`` (annual for licences, per unit for usage,
    the amount for one-off costs); ``earliest_end`` is the end a termination received on
    ``as_of`` would give, or X once terminated.
    """

    id: int
    org_number: str
    kind: ServiceKind
    name: str
    annual_price: Decimal | None
    period: InvoicePeriod | None
    start: date | None
    trial_days: int
    amount: Decimal | None
    cost_date: date | None
    unit_price: Decimal | None
    termination: TerminationOutcome | None
    as_of: date
    price: Decimal
    billing_start: date | None
    binding_end: date | None
    earliest_end: date
    adjustments: tuple[PriceAdjustmentView, ...] = ()
    usage: tuple[UsageView, ...] = ()
    version: int | None = field(default=None, compare=False)
    """The record's version when read (optimistic locking): pass it back when saving an edit."""

    @property
    def monthly_price(self) -> Decimal | None:
        """Licences: the price in effect / 12, rounded to øre (display only)."""
        return round_ore(self.price / 12) if self.kind is ServiceKind.LICENCE else None

    @property
    def is_free(self) -> bool:
        return self.price == 0

    @property
    def terminated(self) -> bool:
        return self.termination is not None

    def as_input(self) -> ServiceInput:
        """The stored fields, to edit (``dataclasses.replace``) and pass to ``edit_service``."""
        return ServiceInput(
            self.kind,
            self.name,
            annual_price=self.annual_price,
            period=self.period,
            start=self.start,
            trial_days=self.trial_days,
            amount=self.amount,
            cost_date=self.cost_date,
            unit_price=self.unit_price,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "org_number": self.org_number,
            "kind": self.kind.cli_name,
            "name": self.name,
            "annual_price": _dec(self.annual_price),
            "period": self.period.cli_name if self.period else None,
            "start": _iso(self.start),
            "trial_days": self.trial_days,
            "billing_start": _iso(self.billing_start),
            "amount": _dec(self.amount),
            "date": _iso(self.cost_date),
            "unit_price": _dec(self.unit_price),
            "price": str(self.price),
            "as_of": self.as_of.isoformat(),
            "binding_end": _iso(self.binding_end),
            "earliest_end": self.earliest_end.isoformat(),
            "termination": self.termination.as_dict() if self.termination else None,
            "price_adjustments": [a.as_dict() for a in self.adjustments],
            "usage": [u.as_dict() for u in self.usage],
        }


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: the file, its invoice-line rows and documents."""

    path: Path
    rows: int
    invoices: int


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class YearlyProposal:
    """One service's line in the yearly price adjustment (§13.1), previewed or saved.

    ``announced`` is the day its letter was sent when that is recorded (``proved``), else the
    day given. ``warnings`` are (code, message) pairs: the §13.1 rules it breaks.
    """

    org_number: str
    customer_name: str
    service_id: int
    service_name: str
    kind: ServiceKind
    old_price: Decimal
    new_price: Decimal
    effective: date
    announced: date
    proved: bool
    warnings: tuple[tuple[str, str], ...] = ()

    @property
    def change(self) -> Decimal | None:
        if self.old_price == 0:
            return None
        return (self.new_price - self.old_price) / self.old_price

    def as_dict(self) -> dict[str, Any]:
        change = self.change
        return {
            "org_number": self.org_number,
            "customer": self.customer_name,
            "service_id": self.service_id,
            "service": self.service_name,
            "kind": self.kind.cli_name,
            "old_price": str(self.old_price),
            "new_price": str(self.new_price),
            "change_percent": None if change is None else f"{change * 100:.2f}",
            "effective": self.effective.isoformat(),
            "announced": self.announced.isoformat(),
            "announcement_proved": self.proved,
            "warnings": [{"code": c, "message": m} for c, m in self.warnings],
        }


@dataclass(frozen=True)
class YearlyPlan:
    """The yearly adjustment: the index it is based on and each service's proposal."""

    index_year: int
    index_change: Decimal
    change: Decimal
    proposals: tuple[YearlyProposal, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "index_year": self.index_year,
            "index_change_percent": f"{self.index_change * 100:.2f}",
            "change_percent": f"{self.change * 100:.2f}",
            "proposals": [p.as_dict() for p in self.proposals],
        }


@dataclass(frozen=True)
class ChangeView:
    """A change that takes effect in the plan on ``effective`` (shown where it starts)."""

    org_number: str
    service_id: int | None
    what: str  # delivery_method | period | price
    effective: date
    before: str
    after: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "org_number": self.org_number,
            "service_id": self.service_id,
            "what": self.what,
            "effective": self.effective.isoformat(),
            "before": self.before,
            "after": self.after,
        }
