"""Customers' services and the invoice plan: add, edit, terminate, record usage, plan, export (issue 6).

Store rows are mapped to the pure domain (:mod:`contractdesk.domain.invoicing`), which computes
every invoice date, pro-rata, fee, binding end and credit note. This module validates input,
keeps the rows, audits every change in the same transaction, and applies recorded price
adjustments (§13.1) to the plan:

* A **licence** adjustment applies to documents dated on or after its effective date; a credit
  note refunds at the price the credited period was invoiced at.
* A **usage** adjustment applies to usage months starting on or after its effective date.
* A service's stored price is the price it started at; an adjustment adds a later price.

Choices left open by the issue:

* A licence added without a period gets the customer's default period *at that moment*;
  changing the customer's default later changes only services added afterwards.
* The plan is computed, never stored. Changing a licence's period or price afterwards
  re-plans it as if it had always been so (the accounting system holds what was issued).
* Actors: ``owner`` in the GUI, ``cli`` on the command line (the audit log's ``actor``).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import String, case, delete, func, select, type_coerce
from sqlalchemy.orm import Session

from contractdesk.domain.invoicing import (
    BillingCustomer,
    Charge,
    DeliveryMethod,
    InvoiceKind,
    InvoiceLine,
    InvoicePeriod,
    Licence,
    MonthTotal,
    OneOffCost,
    PlannedInvoice,
    PriceAdjustment,
    PriceAdjustmentWarning,
    Service,
    ServiceKind,
    Termination,
    TerminationOutcome,
    UsageRecord,
    UsageService,
    binding_end,
    check_price_adjustment,
    check_price_adjustments,
    earliest_end,
    monthly_totals,
    period_containing,
    plan_invoices,
    resolve_termination,
    scheduled_invoice_date,
    service_charges,
    write_plan_csv,
)
from contractdesk.domain.invoicing.periods import month_start, next_month_start
from contractdesk.domain.money import ORE, VAT_RATE, round_ore, to_money
from contractdesk.domain.orgnr import InvalidOrgNumber, format_org_number, parse_org_number
from contractdesk.i18n import fill, translate
from contractdesk.perf import gc_paused
from contractdesk.services.errors import NotFoundError, UserError
from contractdesk.services.validation import clean_text
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import Customer, PriceChange, ServiceRecord, UsageEntry

MAX_AMOUNT = Decimal("1000000000")  # NOK 1 billion: anything above is a typing error
MAX_TRIAL_DAYS = 3660
MAX_PLAN_DAYS = 366 * 20
UNIT_PRICE_PLACES = 6
QUANTITY_PLACES = 3
CHART_MONTHS = 12


# -- values that cross threads (frozen) -----------------------------------------------------


@dataclass(frozen=True)
class ServiceInput:
    """A service as the user typed it; the fields that apply depend on ``kind``.

    Attributes:
        kind: licence, one-off or usage (a :class:`ServiceKind` or its CLI name).
        name: shown as the invoice line's description.
        annual_price: licences: NOK excl. VAT per year. Give this or ``monthly_price``.
        monthly_price: licences: the UI may take a monthly price (annual = 12 × monthly).
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
    """A customer's invoicing preferences (§10): delivery method (decides the fee) and default period."""

    org_number: str
    name: str
    delivery_method: DeliveryMethod
    invoice_period: InvoicePeriod

    @property
    def fee(self) -> Decimal:
        return self.delivery_method.fee

    def as_dict(self) -> dict[str, Any]:
        return {
            "org_number": self.org_number,
            "name": self.name,
            "delivery_method": self.delivery_method.cli_name,
            "invoice_period": self.invoice_period.cli_name,
            "fee": str(self.fee),
        }


@dataclass(frozen=True)
class CustomerChoice:
    """A customer for pick lists: org number, name, and how many services it has."""

    org_number: str
    name: str
    services: int


@dataclass(frozen=True)
class UsageView:
    """One month of recorded usage and what it comes to (quantity × unit price, øre)."""

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

    def as_domain(self) -> PriceAdjustment:
        return PriceAdjustment(self.effective, self.announced, self.old_price, self.new_price)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "effective": self.effective.isoformat(),
            "announced": self.announced.isoformat(),
            "old_price": str(self.old_price),
            "new_price": str(self.new_price),
        }


@dataclass(frozen=True)
class TerminationView:
    """What a termination means for one service (§5, §12.3).

    Attributes:
        received: D. requested_end: R or ``None``.
        binding_end: the binding end that held the service, ``None`` if none did.
        end: X, the latest of D, R and the binding end.
        paid_until: the last day of X's month: invoiced up to here, refunded after it.
        billed: ``False`` when the licence ends before billing starts (nothing invoiced).
    """

    service_id: int
    received: date
    requested_end: date | None
    binding_end: date | None
    end: date
    paid_until: date
    billed: bool

    @classmethod
    def of(cls, service_id: int, outcome: TerminationOutcome) -> TerminationView:
        return cls(
            service_id,
            outcome.received,
            outcome.requested_end,
            outcome.binding_end,
            outcome.end,
            outcome.paid_until,
            outcome.billed,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "service_id": self.service_id,
            "received": self.received.isoformat(),
            "requested_end": _iso(self.requested_end),
            "binding_end": _iso(self.binding_end),
            "end": self.end.isoformat(),
            "paid_until": self.paid_until.isoformat(),
            "billed": self.billed,
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
    termination: TerminationView | None
    as_of: date
    price: Decimal
    billing_start: date | None
    binding_end: date | None
    earliest_end: date
    adjustments: tuple[PriceAdjustmentView, ...] = ()
    usage: tuple[UsageView, ...] = ()

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


@dataclass(frozen=True)
class _Loaded:
    """One customer's services as domain values, with their price adjustments (by service id)."""

    org_number: str
    delivery: DeliveryMethod
    services: list[Service] = field(default_factory=list)
    adjustments: dict[int, list[PriceAdjustmentView]] = field(default_factory=dict)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


# -- the service ---------------------------------------------------------------------------


class BillingService:
    """Services per customer and the invoice plan. Every write is audited in its transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __repr__(self) -> str:
        return f"BillingService({self.store!r})"

    # customers' preferences -----------------------------------------------------------

    def customers(self) -> list[CustomerChoice]:
        """Every customer, by name, with the number of services it has."""
        with self.store.session() as s:
            counts = dict(
                s.execute(
                    select(ServiceRecord.customer_id, func.count()).group_by(
                        ServiceRecord.customer_id
                    )
                ).all()
            )
            rows = s.execute(select(Customer.id, Customer.org_number, Customer.name)).all()
        choices = [CustomerChoice(org, name, int(counts.get(cid, 0))) for cid, org, name in rows]
        return sorted(choices, key=lambda c: (c.name.casefold(), c.org_number))

    def profile(self, org_number: str) -> BillingProfile:
        """The customer's delivery method and default invoice period."""
        with self.store.session() as s:
            return self._profile(self._customer(s, org_number))

    def set_customer_billing(
        self,
        org_number: str,
        *,
        delivery_method: DeliveryMethod | str | None = None,
        invoice_period: InvoicePeriod | str | None = None,
        actor: str = "owner",
    ) -> BillingProfile:
        """Change how the customer receives invoices (the fee) and/or its default invoice period."""
        delivery = None if delivery_method is None else _delivery(delivery_method)
        period = None if invoice_period is None else _period(invoice_period)
        if delivery is None and period is None:
            raise UserError(
                translate(
                    "BillingService", "Give a delivery method or an invoice period to change."
                )
            )
        with self.store.session() as s:
            customer = self._customer(s, org_number)
            before = self._profile(customer)
            if delivery is not None:
                customer.delivery_method = delivery.value
            if period is not None:
                customer.invoice_period = period.cli_name
            after = self._profile(customer)
            if after != before:
                audit.append(
                    s,
                    actor=actor,
                    action="customer.billing_changed",
                    entity_type="customer",
                    entity_id=customer.org_number,
                    payload={"before": before.as_dict(), "after": after.as_dict()},
                )
            return after

    # services -------------------------------------------------------------------------

    def add_service(self, org_number: str, data: ServiceInput, *, actor: str = "owner") -> int:
        """Add a service to a customer; returns its id.

        Raises:
            UserError: a field is missing, does not apply to the kind, or is out of range.
            NotFoundError: no such customer.
        """
        with self.store.session() as s:
            customer = self._customer(s, org_number)
            values = _validated(data, self._profile(customer).invoice_period)
            row = ServiceRecord(customer_id=customer.id, **values)
            s.add(row)
            s.flush()
            audit.append(
                s,
                actor=actor,
                action="service.added",
                entity_type="service",
                entity_id=row.id,
                payload={"org_number": customer.org_number, **_snapshot(row)},
            )
            return row.id

    def edit_service(
        self, service_id: int, data: ServiceInput, *, actor: str = "owner"
    ) -> ServiceView:
        """Replace a service's fields (its kind stays); usage, adjustments and termination stay."""
        with self.store.session() as s:
            row = self._service(s, service_id)
            customer = s.get(Customer, row.customer_id)
            assert customer is not None
            if _kind(data.kind).value != row.kind:
                raise UserError(
                    translate(
                        "BillingService",
                        "A service cannot change its kind; add a new service instead.",
                    ),
                    field="kind",
                )
            values = _validated(data, self._profile(customer).invoice_period)
            before = _snapshot(row)
            for key, value in values.items():
                setattr(row, key, value)
            s.flush()
            after = _snapshot(row)
            if after != before:
                audit.append(
                    s,
                    actor=actor,
                    action="service.edited",
                    entity_type="service",
                    entity_id=row.id,
                    payload={"before": before, "after": after},
                )
        return self.get_service(service_id)

    def remove_service(self, service_id: int, *, actor: str = "owner") -> None:
        """Delete a service entered by mistake, with its usage and price adjustments.

        A service the customer ends is *terminated* instead, so the plan keeps its last invoices.
        """
        with self.store.session() as s:
            row = self._service(s, service_id)
            customer = s.get(Customer, row.customer_id)
            snapshot = _snapshot(row)
            s.execute(delete(UsageEntry).where(UsageEntry.service_id == row.id))
            s.execute(delete(PriceChange).where(PriceChange.service_id == row.id))
            s.delete(row)
            audit.append(
                s,
                actor=actor,
                action="service.removed",
                entity_type="service",
                entity_id=service_id,
                payload={"org_number": customer.org_number if customer else None, **snapshot},
            )

    def get_service(self, service_id: int, *, today: date | None = None) -> ServiceView:
        with self.store.session() as s:
            row = self._service(s, service_id)
            customer = s.get(Customer, row.customer_id)
            assert customer is not None
            return self._views(s, customer, [row], today or date.today())[0]

    def list_services(self, org_number: str, *, today: date | None = None) -> list[ServiceView]:
        """The customer's services (licences, one-off costs, usage), oldest first."""
        with self.store.session() as s:
            customer = self._customer(s, org_number)
            rows = list(
                s.execute(
                    select(ServiceRecord)
                    .where(ServiceRecord.customer_id == customer.id)
                    .order_by(ServiceRecord.id)
                ).scalars()
            )
            return self._views(s, customer, rows, today or date.today())

    def services_by_customer(
        self, org_numbers: Iterable[str], *, today: date | None = None
    ) -> dict[str, list[ServiceView]]:
        """Several customers' services, as `list_services` gives them, in a few queries (batch documents).

        Unknown org numbers are left out.
        """
        day = today or date.today()
        wanted = list(dict.fromkeys(parse_org_number(o) for o in org_numbers))
        out: dict[str, list[ServiceView]] = {}
        with self.store.read_session() as s:
            customers: dict[int, Customer] = {}
            for start in range(0, len(wanted), 500):
                customers.update(
                    (c.id, c)
                    for c in s.execute(
                        select(Customer).where(Customer.org_number.in_(wanted[start : start + 500]))
                    ).scalars()
                )
            ids = list(customers)
            rows: list[ServiceRecord] = []
            for start in range(0, len(ids), 500):
                rows += s.execute(
                    select(ServiceRecord)
                    .where(ServiceRecord.customer_id.in_(ids[start : start + 500]))
                    .order_by(ServiceRecord.id)
                ).scalars()
            service_ids = [r.id for r in rows]
            usage = self._usage(s, service_ids)
            adjustments = self._adjustments(s, service_ids)
            for customer in customers.values():
                out[customer.org_number] = []
            for row in sorted(rows, key=lambda r: r.id):
                org = customers[row.customer_id].org_number
                out[org].append(
                    _view(org, row, usage.get(row.id, []), adjustments.get(row.id, []), day)
                )
        return out

    # termination ----------------------------------------------------------------------

    def preview_termination(
        self, service_id: int, received: date, requested_end: date | None = None
    ) -> TerminationView:
        """What terminating on ``received`` (ending at ``requested_end``) would mean; nothing is saved."""
        termination = _termination(received, requested_end)
        with self.store.session() as s:
            row = self._service(s, service_id)
            service = _to_domain(row, ())
        outcome = resolve_termination(service, termination)
        assert outcome is not None
        return TerminationView.of(service_id, outcome)

    def terminate(
        self,
        service_id: int,
        received: date,
        requested_end: date | None = None,
        *,
        actor: str = "owner",
    ) -> TerminationView:
        """Record a termination received on D, optionally ending at R (§5, §12).

        Returns binding end, end X and paid-until. A second call replaces the first termination
        (a correction), and both are in the audit log.
        """
        termination = _termination(received, requested_end)
        with self.store.session() as s:
            row = self._service(s, service_id)
            before = {"received": _iso(row.terminated_on), "requested_end": _iso(row.requested_end)}
            row.terminated_on = termination.received
            row.requested_end = termination.requested_end
            outcome = resolve_termination(_to_domain(row, ()))
            assert outcome is not None
            view = TerminationView.of(row.id, outcome)
            audit.append(
                s,
                actor=actor,
                action="service.terminated",
                entity_type="service",
                entity_id=row.id,
                payload={"before": before, "after": view.as_dict()},
            )
            return view

    def withdraw_termination(self, service_id: int, *, actor: str = "owner") -> None:
        """Undo a termination recorded by mistake (or withdrawn by the customer)."""
        with self.store.session() as s:
            row = self._service(s, service_id)
            if row.terminated_on is None:
                raise UserError(translate("BillingService", "This service is not terminated."))
            before = {"received": _iso(row.terminated_on), "requested_end": _iso(row.requested_end)}
            row.terminated_on = None
            row.requested_end = None
            audit.append(
                s,
                actor=actor,
                action="service.termination_withdrawn",
                entity_type="service",
                entity_id=row.id,
                payload={"before": before},
            )

    # usage ------------------------------------------------------------------------------

    def record_usage(
        self, service_id: int, month: date, quantity: Decimal | int | str, *, actor: str = "owner"
    ) -> UsageView:
        """Set a usage service's quantity for ``month`` (any day of it); replaces an earlier figure."""
        if not isinstance(month, date):
            raise UserError(
                translate("BillingService", "Month: expected a month as YYYY-MM."), field="month"
            )
        first = month_start(month)
        qty = _amount(
            quantity, translate("BillingService", "Quantity"), "quantity", places=QUANTITY_PLACES
        )
        with self.store.session() as s:
            row = self._service(s, service_id)
            if row.kind != ServiceKind.USAGE.value:
                raise UserError(
                    fill(
                        translate(
                            "BillingService",
                            "Service %1 is not a usage service; usage is "
                            "recorded only for usage (e.g. SMS).",
                        ),
                        row.id,
                    ),
                    field="service",
                )
            entry = s.execute(
                select(UsageEntry).where(UsageEntry.service_id == row.id, UsageEntry.month == first)
            ).scalar()
            before = None if entry is None else str(entry.quantity)
            if entry is None:
                s.add(UsageEntry(service_id=row.id, month=first, quantity=qty))
            else:
                entry.quantity = qty
            audit.append(
                s,
                actor=actor,
                action="usage.recorded",
                entity_type="service",
                entity_id=row.id,
                payload={"month": first.strftime("%Y-%m"), "before": before, "after": str(qty)},
            )
            price = _price_on(
                row.unit_price or Decimal(0), self._adjustments(s, [row.id]).get(row.id, []), first
            )
            return UsageView(first, qty, round_ore(qty * price))

    # price adjustments (§13.1) ------------------------------------------------------------

    def check_price_adjustment(
        self,
        service_id: int,
        effective: date,
        announced: date,
        new_price: Decimal | int | str | None = None,
        *,
        index_change: Decimal | None = None,
    ) -> list[PriceAdjustmentWarning]:
        """The §13.1 warnings a planned adjustment would raise (at most once a year; announced by
        1 October; above the index if ``index_change`` is given). Nothing is saved."""
        with self.store.session() as s:
            row = self._service(s, service_id)
            others = self._adjustments(s, [row.id]).get(row.id, [])
            base = _base_price(row)
        price = (
            base
            if new_price is None
            else _amount(
                new_price,
                translate("BillingService", "New price"),
                "new_price",
                places=_price_places(row),
            )
        )
        old = _price_on(base, others, effective - timedelta(days=1))
        planned = PriceAdjustment(effective, announced, old, price)
        return check_price_adjustment(
            planned, [a.as_domain() for a in others if a.effective != effective], index_change
        )

    def adjust_price(
        self,
        service_id: int,
        effective: date,
        announced: date,
        new_price: Decimal | int | str,
        *,
        index_change: Decimal | None = None,
        actor: str = "owner",
    ) -> tuple[PriceAdjustmentView, list[PriceAdjustmentWarning]]:
        """Record a price adjustment of a licence (annual price) or usage (unit price).

        The adjustment is saved even when it breaks a §13.1 rule; the warnings say which.
        """
        if not isinstance(effective, date) or not isinstance(announced, date):
            raise UserError(
                translate("BillingService", "Give the effective and announcement dates.")
            )
        with self.store.session() as s:
            row = self._service(s, service_id)
            if row.kind == ServiceKind.ONE_OFF.value:
                raise UserError(
                    translate(
                        "BillingService", "A one-off cost has no price to adjust; edit its amount."
                    )
                )
            price = _amount(
                new_price,
                translate("BillingService", "New price"),
                "new_price",
                places=_price_places(row),
            )
            others = self._adjustments(s, [row.id]).get(row.id, [])
            if any(a.effective == effective for a in others):
                raise UserError(
                    fill(
                        translate(
                            "BillingService",
                            "Service %1 already has a price adjustment effective %2.",
                        ),
                        row.id,
                        effective.isoformat(),
                    )
                )
            old = _price_on(_base_price(row), others, effective - timedelta(days=1))
            change = PriceChange(
                service_id=row.id,
                effective=effective,
                announced=announced,
                old_price=old,
                new_price=price,
            )
            s.add(change)
            s.flush()
            view = PriceAdjustmentView(change.id, row.id, effective, announced, old, price)
            warnings = check_price_adjustment(
                view.as_domain(), [a.as_domain() for a in others], index_change
            )
            audit.append(
                s,
                actor=actor,
                action="service.price_adjusted",
                entity_type="service",
                entity_id=row.id,
                payload={**view.as_dict(), "warnings": [w.code.value for w in warnings]},
            )
            return view, warnings

    def remove_price_adjustment(self, adjustment_id: int, *, actor: str = "owner") -> None:
        with self.store.session() as s:
            change = s.get(PriceChange, int(adjustment_id))
            if change is None:
                raise NotFoundError(
                    fill(
                        translate("BillingService", "No price adjustment with id %1."),
                        adjustment_id,
                    )
                )
            view = _adjustment_view(change)
            s.delete(change)
            audit.append(
                s,
                actor=actor,
                action="service.price_adjustment_removed",
                entity_type="service",
                entity_id=view.service_id,
                payload=view.as_dict(),
            )

    def price_warnings(
        self, org_number: str | None = None, *, index_change: Decimal | None = None
    ) -> list[tuple[int, PriceAdjustmentWarning]]:
        """(service id, warning) for every recorded adjustment that breaks a §13.1 rule."""
        with self.store.session() as s:
            q = select(ServiceRecord.id)
            if org_number is not None:
                q = q.where(ServiceRecord.customer_id == self._customer(s, org_number).id)
            ids = list(s.execute(q).scalars())
            adjustments = self._adjustments(s, ids)
        out: list[tuple[int, PriceAdjustmentWarning]] = []
        for sid in sorted(adjustments):
            for warning in check_price_adjustments(
                [a.as_domain() for a in adjustments[sid]], index_change
            ):
                out.append((sid, warning))
        return out

    # the plan ---------------------------------------------------------------------------

    def plan(self, org_number: str | None, date_from: date, date_to: date) -> list[PlannedInvoice]:
        """Planned invoices and credit notes dated ``date_from`` … ``date_to``, for one customer
        or (``None``) all; sorted by date, org number, invoices before credit notes.

        Raises:
            UserError: the range is reversed or longer than 20 years.
        """
        _check_range(date_from, date_to)
        # One collector pause over loading and planning: the loaded values are freed (by
        # reference counting) before it runs again, so it never walks them.
        with gc_paused():
            customers, adjustments = self._load(org_number, date_from, date_to)
            plain = customers
            adjusted: list[_Loaded] = []
            if adjustments:
                plain = []
                for customer in customers:
                    own = {
                        int(service.service_id): adjustments[int(service.service_id)]
                        for service in customer.services
                        if service.service_id in adjustments
                    }
                    if own:
                        adjusted.append(
                            _Loaded(
                                customer.org_number,
                                customer.delivery_method,
                                list(customer.services),
                                own,
                            )
                        )
                    else:
                        plain.append(customer)
            invoices = plan_invoices(plain, date_from, date_to)
            if adjusted:
                for loaded in adjusted:
                    invoices.extend(_adjusted_documents(loaded, date_from, date_to))
                invoices.sort(
                    key=lambda i: (
                        i.invoice_date,
                        i.org_number,
                        i.kind is InvoiceKind.CREDIT,
                        i.due_date,
                    )
                )
            del customers, plain, adjusted
        return invoices

    def monthly_totals(
        self, org_number: str | None, date_from: date, date_to: date
    ) -> list[MonthTotal]:
        """Totals per month of invoice date (months without documents are left out)."""
        return monthly_totals(self.plan(org_number, date_from, date_to))

    def coming_months(
        self,
        org_number: str | None = None,
        *,
        today: date | None = None,
        months: int = CHART_MONTHS,
    ) -> list[MonthTotal]:
        """Totals for each of the ``months`` months from today's month on, empty months included
        (the chart of the coming year's invoicing)."""
        first = month_start(today or date.today())
        last = first
        for _ in range(months):
            last = next_month_start(last)
        totals = {
            t.month: t for t in self.monthly_totals(org_number, first, last - timedelta(days=1))
        }
        zero = Decimal("0.00")
        out = []
        month = first
        for _ in range(months):
            out.append(totals.get(month, MonthTotal(month, 0, 0, zero, zero, zero)))
            month = next_month_start(month)
        return out

    def export_csv(
        self,
        path: str | Path,
        date_from: date,
        date_to: date,
        org_number: str | None = None,
        *,
        decimal_separator: str = ".",
        bom: bool = False,
        actor: str = "owner",
    ) -> ExportResult:
        """Write the plan as `;`-separated UTF-8 CSV for the accounting system, atomically.

        The file is complete or untouched. Raises :class:`UserError` naming the file when it
        cannot be written (missing folder, no permission, disk full).
        """
        target = Path(path)
        # One plan, written as it is; the collector stays paused until the plan is freed again,
        # so it never walks its hundreds of thousands of documents and lines.
        with gc_paused():
            invoices = self.plan(org_number, date_from, date_to)
            documents = len(invoices)
            try:
                rows = write_plan_csv(
                    target, invoices, decimal_separator=decimal_separator, bom=bom
                )
            except OSError as exc:
                raise UserError(
                    fill(
                        translate("BillingService", "Could not write %1: %2"),
                        target,
                        exc.strerror or exc,
                    ),
                    field="path",
                ) from exc
            finally:
                del invoices
        with self.store.session() as s:
            audit.append(
                s,
                actor=actor,
                action="invoices.exported",
                entity_type="plan",
                entity_id=org_number or "all",
                payload={
                    "from": date_from.isoformat(),
                    "to": date_to.isoformat(),
                    "file": target.name,
                    "rows": rows,
                    "invoices": documents,
                },
            )
        return ExportResult(target, rows, documents)

    # internals --------------------------------------------------------------------------

    @staticmethod
    def _customer(s: Session, org_number: str) -> Customer:
        try:
            org = parse_org_number(org_number)
        except InvalidOrgNumber as exc:
            raise UserError(
                fill(translate("BillingService", "Organisation number: %1"), exc),
                field="org_number",
            ) from None
        customer = s.execute(select(Customer).where(Customer.org_number == org)).scalar()
        if customer is None:
            raise NotFoundError(
                fill(
                    translate(
                        "BillingService",
                        "No customer with organisation number %1; register it first.",
                    ),
                    format_org_number(org),
                )
            )
        return customer

    @staticmethod
    def _service(s: Session, service_id: int) -> ServiceRecord:
        try:
            key = int(service_id)
        except (TypeError, ValueError):
            key = -1
        row = s.get(ServiceRecord, key) if key > 0 else None
        if row is None:
            raise NotFoundError(
                fill(translate("BillingService", "No service with id %1."), service_id)
            )
        return row

    @staticmethod
    def _profile(customer: Customer) -> BillingProfile:
        try:
            delivery = DeliveryMethod.parse(customer.delivery_method)
        except ValueError:
            delivery = DeliveryMethod.EMAIL
        try:
            period = InvoicePeriod.parse(customer.invoice_period)
        except ValueError:
            period = InvoicePeriod.default()
        return BillingProfile(customer.org_number, customer.name, delivery, period)

    @staticmethod
    def _adjustments(
        s: Session, service_ids: Sequence[int]
    ) -> dict[int, list[PriceAdjustmentView]]:
        out: dict[int, list[PriceAdjustmentView]] = defaultdict(list)
        if not service_ids:
            return out
        q = select(PriceChange).order_by(PriceChange.effective)
        if len(service_ids) < 500:
            q = q.where(PriceChange.service_id.in_(list(service_ids)))
        wanted = set(service_ids)
        for change in s.execute(q).scalars():
            if change.service_id in wanted:
                out[change.service_id].append(_adjustment_view(change))
        return out

    @staticmethod
    def _usage(
        s: Session, service_ids: Sequence[int], months: tuple[date, date] | None = None
    ) -> dict[int, list[tuple[date, Decimal]]]:
        """Usage per service in month order; with ``months=(lowest, above)`` only lowest <= month < above.

        Plain Core rows with the text parsed here: a plan may load hundreds of thousands of them.
        """
        out: dict[int, list[tuple[date, Decimal]]] = defaultdict(list)
        if not service_ids:
            return out
        table = UsageEntry.__table__
        q = select(
            table.c.service_id,
            type_coerce(table.c.month, String),
            type_coerce(table.c.quantity, String),
        )
        if len(service_ids) < 500:
            q = q.where(table.c.service_id.in_(list(service_ids)))
        if months is not None:
            q = q.where(table.c.month >= months[0], table.c.month < months[1])
        wanted = set(service_ids)
        parse_date = date.fromisoformat
        for sid, month, quantity in s.connection().execute(q.order_by(table.c.month)):
            if sid in wanted:
                out[sid].append((parse_date(month), Decimal(quantity)))
        return out

    def _views(
        self, s: Session, customer: Customer, rows: list[ServiceRecord], today: date
    ) -> list[ServiceView]:
        ids = [r.id for r in rows]
        usage = self._usage(s, ids)
        adjustments = self._adjustments(s, ids)
        return [
            _view(
                customer.org_number, row, usage.get(row.id, []), adjustments.get(row.id, []), today
            )
            for row in rows
        ]

    def _load(
        self, org_number: str | None, date_from: date | None = None, date_to: date | None = None
    ) -> tuple[list[BillingCustomer], dict[int, list[PriceAdjustmentView]]]:
        """Customers with services, in org-number order, as domain values; and the services' price
        adjustments by service id.

        One statement of plain text tuples whatever the count: each service joined with its
        customer and, for usage, its months as one text (no ORM objects, no per-value column
        conversion). The rows were validated when written, so they become domain values through
        the domain's unchecked ``trusted`` constructors, and each distinct date, amount, period
        and delivery text is parsed once. With a plan range, only the usage months that range can
        invoice are loaded (month m is invoiced on the 1st of the next month).
        """
        months = None
        if date_from is not None and date_to is not None:
            months = (month_start(date_from - timedelta(days=1)), month_start(date_to))
        with gc_paused():
            with self.store.read_session() as s:
                customer_id = None if org_number is None else self._customer(s, org_number).id
                rows = s.connection().execute(_services_query(customer_id, months)).all()
                adjustments = self._adjustments(s, [row[2] for row in rows])
            return _customers_from_rows(rows), adjustments


_USAGE_SEPARATOR = (
    " "  # between the month and quantity texts of a service's usage (neither holds one)
)


def _text(column: Any) -> Any:
    """``column`` read as the text SQLite holds (dates ``YYYY-MM-DD``, amounts as decimal text),
    without the column type's per-value conversion; the loader converts each distinct text once."""
    return type_coerce(column, String)


def _services_query(customer_id: int | None, months: tuple[date, date] | None) -> Any:
    """One row per service joined with its customer, in org-number and service-id order; a usage
    service's row ends with its usage as one text ``"<month> <quantity> <month> <quantity> …"``
    (any order), with ``months=(lowest, above)`` only for lowest <= month < above."""
    c = Customer.__table__.c
    t = ServiceRecord.__table__.c
    u = UsageEntry.__table__.c
    usage = select(
        func.group_concat(_text(u.month) + _USAGE_SEPARATOR + _text(u.quantity), _USAGE_SEPARATOR)
    ).where(u.service_id == t.id)
    if months is not None:
        usage = usage.where(u.month >= months[0], u.month < months[1])
    q = (
        select(
            c.org_number,
            c.delivery_method,
            t.id,
            t.kind,
            t.name,
            _text(t.annual_price),
            t.period,
            _text(t.start),
            t.trial_days,
            _text(t.amount),
            _text(t.cost_date),
            _text(t.unit_price),
            _text(t.terminated_on),
            _text(t.requested_end),
            case((t.kind == ServiceKind.USAGE.value, usage.scalar_subquery())),
        )
        .join_from(ServiceRecord.__table__, Customer.__table__, t.customer_id == c.id)
        .order_by(c.org_number, t.id)
    )
    if customer_id is not None:
        q = q.where(t.customer_id == customer_id)
    return q


def _customers_from_rows(rows: Sequence[Any]) -> list[BillingCustomer]:
    """Domain customers from ``_services_query`` rows (validated when they were written)."""
    days: dict[str, date] = {}
    amounts: dict[str, Decimal] = {}

    def day(text: str) -> date:
        value = days.get(text)
        if value is None:
            value = days[text] = date.fromisoformat(text)
        return value

    def amount(text: str) -> Decimal:
        value = amounts.get(text)
        if value is None:
            value = amounts[text] = Decimal(text)
        return value

    periods: dict[str, InvoicePeriod] = {}
    deliveries: dict[str, DeliveryMethod] = {}
    licence, one_off, usage_service = Licence.trusted, OneOffCost.trusted, UsageService.trusted
    record = UsageRecord.trusted
    termination_of = Termination.trusted
    licence_kind, one_off_kind = ServiceKind.LICENCE.value, ServiceKind.ONE_OFF.value
    customer = BillingCustomer.trusted
    customers: list[BillingCustomer] = []
    org: str | None = None
    method = DeliveryMethod.EMAIL
    services: list[Service] = []
    for (
        row_org,
        delivery,
        sid,
        kind,
        name,
        annual,
        period,
        start,
        trial,
        cost,
        cost_date,
        unit_price,
        terminated,
        requested,
        usage_text,
    ) in rows:
        if row_org != org:
            if services:
                customers.append(customer(org, method, tuple(services)))  # type: ignore[arg-type]
            org = row_org
            services = []
            method = deliveries.get(delivery) or _stored_delivery(deliveries, delivery)
        termination = None
        if terminated is not None:
            termination = termination_of(
                day(terminated), None if requested is None else day(requested)
            )
        if kind == licence_kind:
            services.append(
                licence(
                    sid,
                    name,
                    amount(annual),
                    day(start),
                    trial,
                    periods.get(period) or _stored_period(periods, period),
                    termination,
                )
            )
        elif kind == one_off_kind:
            services.append(one_off(sid, name, amount(cost), day(cost_date), termination))
        else:
            usage: tuple[UsageRecord, ...] = ()
            if usage_text:
                parts = usage_text.split(_USAGE_SEPARATOR)
                # ISO month texts sort as the months do; a service has at most one row a month.
                usage = tuple(
                    record(days.get(month) or day(month), amounts.get(quantity) or amount(quantity))
                    for month, quantity in sorted(zip(parts[::2], parts[1::2]))
                )
            services.append(usage_service(sid, name, amount(unit_price), usage, termination))
    if services:
        customers.append(customer(org, method, tuple(services)))  # type: ignore[arg-type]
    return customers


def _stored_delivery(seen: dict[str, DeliveryMethod], text: str) -> DeliveryMethod:
    """A stored delivery method (e-mail if it names none), remembered in ``seen``."""
    try:
        method = DeliveryMethod.parse(text)
    except ValueError:
        method = DeliveryMethod.EMAIL
    seen[text] = method
    return method


def _stored_period(seen: dict[str, InvoicePeriod], text: str) -> InvoicePeriod:
    """A stored invoice period name parsed, remembered in ``seen``."""
    period = seen[text] = InvoicePeriod.parse(text)
    return period


# -- mapping and validation ----------------------------------------------------------------


def _kind(value: ServiceKind | str) -> ServiceKind:
    try:
        return value if isinstance(value, ServiceKind) else ServiceKind.parse(value)
    except ValueError:
        raise UserError(
            fill(translate("BillingService", "Kind: %1 is not licence, one-off or usage."), value),
            field="kind",
        ) from None


def _period(value: InvoicePeriod | str) -> InvoicePeriod:
    try:
        return value if isinstance(value, InvoicePeriod) else InvoicePeriod.parse(value)
    except ValueError:
        raise UserError(
            fill(
                translate(
                    "BillingService",
                    "Invoice period: %1 is not yearly, half-yearly, "
                    "quarterly, bimonthly or monthly.",
                ),
                value,
            ),
            field="period",
        ) from None


def _delivery(value: DeliveryMethod | str) -> DeliveryMethod:
    try:
        return value if isinstance(value, DeliveryMethod) else DeliveryMethod.parse(value)
    except ValueError:
        raise UserError(
            fill(
                translate("BillingService", "Delivery method: %1 is not paper, email or ehf."),
                value,
            ),
            field="delivery_method",
        ) from None


def _amount(
    value: Decimal | int | str | None, label: str, name: str, *, places: int = 2
) -> Decimal:
    """A non-negative amount with at most ``places`` decimals (never a float)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise UserError(fill(translate("BillingService", "%1 is required."), label), field=name)
    if isinstance(value, float | bool):
        raise UserError(
            fill(translate("BillingService", "%1: give the amount as text or Decimal."), label),
            field=name,
        )
    try:
        amount = to_money(value)
    except (InvalidOperation, ValueError, TypeError):
        raise UserError(
            fill(translate("BillingService", "%1: %2 is not an amount."), label, value), field=name
        ) from None
    if not amount.is_finite():
        raise UserError(
            fill(translate("BillingService", "%1: %2 is not an amount."), label, value), field=name
        )
    if amount < 0:
        raise UserError(
            fill(translate("BillingService", "%1 cannot be negative."), label), field=name
        )
    if amount >= MAX_AMOUNT:
        raise UserError(fill(translate("BillingService", "%1 is too large."), label), field=name)
    exponent = amount.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        raise UserError(
            fill(translate("BillingService", "%1: at most %2 decimals."), label, places), field=name
        )
    return amount


def _price_places(row: ServiceRecord) -> int:
    return UNIT_PRICE_PLACES if row.kind == ServiceKind.USAGE.value else 2


def _date(value: object, label: str, name: str) -> date:
    if value is None:
        raise UserError(fill(translate("BillingService", "%1 is required."), label), field=name)
    if not isinstance(value, date):
        raise UserError(
            fill(translate("BillingService", "%1: expected a date (YYYY-MM-DD)."), label),
            field=name,
        )
    return value


def _validated(data: ServiceInput, default_period: InvoicePeriod) -> dict[str, Any]:
    """Column values for a service, or a :class:`UserError` naming the first bad field."""
    kind = _kind(data.kind)
    name = clean_text(
        data.name, field=translate("BillingService", "Name"), required=True, max_len=200
    )
    unexpected: list[tuple[str, object]] = []
    values: dict[str, Any] = {
        "kind": kind.value,
        "name": name,
        "annual_price": None,
        "period": None,
        "start": None,
        "trial_days": 0,
        "amount": None,
        "cost_date": None,
        "unit_price": None,
    }
    if kind is ServiceKind.LICENCE:
        if data.annual_price is not None and data.monthly_price is not None:
            raise UserError(
                translate("BillingService", "Give an annual or a monthly price, not both."),
                field="annual_price",
            )
        if data.monthly_price is not None:
            monthly = _amount(
                data.monthly_price, translate("BillingService", "Monthly price"), "monthly_price"
            )
            values["annual_price"] = round_ore(monthly * 12)
        else:
            values["annual_price"] = round_ore(
                _amount(
                    data.annual_price, translate("BillingService", "Annual price"), "annual_price"
                )
            )
        values["period"] = (
            default_period if data.period is None else _period(data.period)
        ).cli_name
        values["start"] = _date(data.start, translate("BillingService", "Start date"), "start")
        trial = 0 if data.trial_days is None else data.trial_days
        if (
            isinstance(trial, bool)
            or not isinstance(trial, int)
            or not 0 <= trial <= MAX_TRIAL_DAYS
        ):
            raise UserError(
                fill(
                    translate("BillingService", "Trial days: a whole number from 0 to %1."),
                    MAX_TRIAL_DAYS,
                ),
                field="trial_days",
            )
        values["trial_days"] = trial
        unexpected = [
            ("amount", data.amount),
            ("date", data.cost_date),
            ("unit_price", data.unit_price),
        ]
    elif kind is ServiceKind.ONE_OFF:
        values["amount"] = round_ore(
            _amount(data.amount, translate("BillingService", "Amount"), "amount")
        )
        values["cost_date"] = _date(data.cost_date, translate("BillingService", "Date"), "date")
        unexpected = [
            ("annual_price", data.annual_price),
            ("monthly_price", data.monthly_price),
            ("period", data.period),
            ("start", data.start),
            ("trial_days", data.trial_days or None),
            ("unit_price", data.unit_price),
        ]
    else:
        values["unit_price"] = _amount(
            data.unit_price,
            translate("BillingService", "Unit price"),
            "unit_price",
            places=UNIT_PRICE_PLACES,
        )
        unexpected = [
            ("annual_price", data.annual_price),
            ("monthly_price", data.monthly_price),
            ("period", data.period),
            ("start", data.start),
            ("trial_days", data.trial_days or None),
            ("amount", data.amount),
            ("date", data.cost_date),
        ]
    for field_name, value in unexpected:
        if value is not None:
            raise UserError(
                fill(
                    translate("BillingService", "%1 does not apply to a %2 service."),
                    field_name.replace("_", " "),
                    kind.cli_name,
                ),
                field=field_name,
            )
    return values


def _termination(received: date, requested_end: date | None) -> Termination:
    received = _date(received, translate("BillingService", "Received"), "received")
    if requested_end is not None and not isinstance(requested_end, date):
        raise UserError(
            translate("BillingService", "Requested end: expected a date (YYYY-MM-DD)."),
            field="requested_end",
        )
    if requested_end is not None and requested_end < received:
        raise UserError(
            fill(
                translate(
                    "BillingService",
                    "The requested end %1 is before the termination was received (%2).",
                ),
                requested_end.isoformat(),
                received.isoformat(),
            ),
            field="requested_end",
        )
    return Termination(received, requested_end)


def _snapshot(row: ServiceRecord) -> dict[str, Any]:
    """A service's fields for the audit log (no personal data)."""
    return {
        "kind": row.kind,
        "name": row.name,
        "annual_price": _dec(row.annual_price),
        "period": row.period,
        "start": _iso(row.start),
        "trial_days": row.trial_days,
        "amount": _dec(row.amount),
        "date": _iso(row.cost_date),
        "unit_price": _dec(row.unit_price),
        "terminated_on": _iso(row.terminated_on),
        "requested_end": _iso(row.requested_end),
    }


def _adjustment_view(change: PriceChange) -> PriceAdjustmentView:
    return PriceAdjustmentView(
        change.id,
        change.service_id,
        change.effective,
        change.announced,
        change.old_price,
        change.new_price,
    )


def _base_price(row: ServiceRecord) -> Decimal:
    if row.kind == ServiceKind.LICENCE.value:
        return row.annual_price or Decimal(0)
    if row.kind == ServiceKind.USAGE.value:
        return row.unit_price or Decimal(0)
    return row.amount or Decimal(0)


def _price_on(base: Decimal, adjustments: Iterable[PriceAdjustmentView], day: date) -> Decimal:
    """The price in effect on ``day``: the latest adjustment effective on or before it, else the base."""
    price = base
    for adjustment in sorted(adjustments, key=lambda a: a.effective):
        if adjustment.effective <= day:
            price = adjustment.new_price
    return price


def _to_domain(row: ServiceRecord, usage: Iterable[tuple[date, Decimal]]) -> Service:
    termination = (
        Termination(row.terminated_on, row.requested_end) if row.terminated_on is not None else None
    )
    if row.kind == ServiceKind.LICENCE.value:
        assert row.annual_price is not None and row.start is not None and row.period is not None
        return Licence(
            row.id,
            row.name,
            row.annual_price,
            row.start,
            row.trial_days,
            InvoicePeriod.parse(row.period),
            termination,
        )
    if row.kind == ServiceKind.ONE_OFF.value:
        assert row.amount is not None and row.cost_date is not None
        return OneOffCost(row.id, row.name, row.amount, row.cost_date, termination)
    assert row.unit_price is not None
    records = tuple(UsageRecord(month, quantity) for month, quantity in usage)
    return UsageService(row.id, row.name, row.unit_price, records, termination)


def _view(
    org: str,
    row: ServiceRecord,
    usage: list[tuple[date, Decimal]],
    adjustments: list[PriceAdjustmentView],
    today: date,
) -> ServiceView:
    service = _to_domain(row, usage)
    outcome = resolve_termination(service)
    price = _price_on(_base_price(row), adjustments, today)
    usage_views = tuple(
        UsageView(m, q, round_ore(q * _price_on(_base_price(row), adjustments, m)))
        for m, q in usage
    )
    return ServiceView(
        id=row.id,
        org_number=org,
        kind=ServiceKind(row.kind),
        name=row.name,
        annual_price=row.annual_price,
        period=InvoicePeriod.parse(row.period) if row.period else None,
        start=row.start,
        trial_days=row.trial_days,
        amount=row.amount,
        cost_date=row.cost_date,
        unit_price=row.unit_price,
        termination=TerminationView.of(row.id, outcome) if outcome is not None else None,
        as_of=today,
        price=price,
        billing_start=service.billing_start if isinstance(service, Licence) else None,
        binding_end=binding_end(service),
        earliest_end=outcome.end if outcome is not None else earliest_end(service, today),
        adjustments=tuple(adjustments),
        usage=usage_views,
    )


def _check_range(date_from: date, date_to: date) -> None:
    if not isinstance(date_from, date) or not isinstance(date_to, date):
        raise UserError(translate("BillingService", "Give the plan's first and last day as dates."))
    if date_from > date_to:
        raise UserError(
            fill(
                translate("BillingService", "The plan's first day %1 is after its last day %2."),
                date_from.isoformat(),
                date_to.isoformat(),
            ),
            field="date_from",
        )
    if (date_to - date_from).days > MAX_PLAN_DAYS:
        raise UserError(
            translate("BillingService", "A plan may span at most 20 years."), field="date_to"
        )


# -- plans with price adjustments ------------------------------------------------------------


def _adjusted_charges(
    service: Service, adjustments: list[PriceAdjustmentView], date_from: date, date_to: date
) -> list[Charge]:
    """One service's charges with each price applied where it is in effect (module docstring)."""
    if isinstance(service, Licence):
        cuts = [a.effective for a in adjustments]
        prices = [service.annual_price] + [a.new_price for a in adjustments]
        charges: list[Charge] = []
        for index, price in enumerate(prices):
            seg_from = date_from if index == 0 else max(date_from, cuts[index - 1])
            seg_to = (
                date_to if index == len(cuts) else min(date_to, cuts[index] - timedelta(days=1))
            )
            if seg_from > seg_to:
                continue
            priced = replace(service, annual_price=price)
            charges.extend(
                c
                for c in service_charges(priced, seg_from, seg_to)
                if c.kind is InvoiceKind.INVOICE
            )
        credited = _credited_invoice_date(service)
        if credited is not None:
            price = prices[bisect.bisect_right(cuts, credited)]
            priced = replace(service, annual_price=price)
            charges.extend(
                c
                for c in service_charges(priced, date_from, date_to)
                if c.kind is InvoiceKind.CREDIT
            )
        return charges
    if isinstance(service, UsageService):
        cuts = [
            month_start(a.effective) if a.effective.day == 1 else next_month_start(a.effective)
            for a in adjustments
        ]
        prices = [service.unit_price] + [a.new_price for a in adjustments]
        charges = []
        for record in service.usage:
            price = prices[bisect.bisect_right(cuts, record.month)]
            single = replace(service, unit_price=price, usage=(record,))
            charges.extend(service_charges(single, date_from, date_to))
        return charges
    return service_charges(service, date_from, date_to)


def _credited_invoice_date(licence: Licence) -> date | None:
    """The invoice date of the period a termination's credit note refunds, if there is one."""
    outcome = resolve_termination(licence)
    if outcome is None or not outcome.billed:
        return None
    period = period_containing(licence.period, outcome.paid_until)
    if period.end <= outcome.paid_until:
        return None
    first = period_containing(licence.period, licence.billing_start)
    return (
        licence.billing_start if period == first else scheduled_invoice_date(licence.period, period)
    )


def _adjusted_documents(customer: _Loaded, date_from: date, date_to: date) -> list[PlannedInvoice]:
    """Group one customer's charges into documents exactly as the domain's plan does."""
    groups: dict[tuple[date, bool, date], list[InvoiceLine]] = {}
    for service in customer.services:
        adjustments = customer.adjustments.get(int(service.service_id), [])
        for charge in _adjusted_charges(service, adjustments, date_from, date_to):
            key = (charge.invoice_date, charge.kind is InvoiceKind.CREDIT, charge.due_date)
            groups.setdefault(key, []).append(charge.line)
    fee = round_ore(customer.delivery.fee)
    zero = Decimal("0.00")
    out = []
    for key in sorted(groups):
        invoice_date, is_credit, due = key
        lines = groups[key]
        doc_fee = zero if is_credit else fee
        net = sum((line.amount for line in lines), doc_fee)
        vat = (net * VAT_RATE).quantize(ORE, ROUND_HALF_UP)
        kind = InvoiceKind.CREDIT if is_credit else InvoiceKind.INVOICE
        out.append(
            PlannedInvoice(
                kind,
                customer.org_number,
                invoice_date,
                due,
                tuple(lines),
                doc_fee,
                net,
                vat,
                net + vat,
            )
        )
    return out
