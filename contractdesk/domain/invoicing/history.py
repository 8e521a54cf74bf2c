"""History that stays true (issue 14): changes that take effect from a date and never alter the
documents dated before it.

* **Delivery method** (the fee, §10.1): each document carries the fee of the method in effect
  on its invoice date.
* **Invoice period** of a licence (§10): documents dated before the change follow the old
  period; from the change on, the new period invoices what the old invoices did not cover. A
  new period that began before the change and was not invoiced by the old one is invoiced on
  the day the old period would have invoiced it, not before the change (a "bridge" line from
  the first uncovered day to the new period's end);
  a new period partly covered already is invoiced for its uncovered whole months only.
* **Price**: a change from a date is a price in effect from that date (as an adjustment,
  :mod:`.adjustments`), without the §13.1 announcement rules (a correction or an agreed
  change, not an index adjustment).

A credit note for a terminated licence refunds the whole months after paid-until of the line
that covers them, at the price that line was invoiced at (§12.3).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from contractdesk.domain.invoicing.adjustments import (
    adjusted_charges,
    merge_in_plan_order,
    price_on,
)
from contractdesk.domain.invoicing.periods import (
    month_end,
    period_containing,
    scheduled_invoice_date,
)
from contractdesk.domain.invoicing.plan import (
    Charge,
    InvoiceLine,
    PlannedInvoice,
    documents_from_charges,
    plan_invoices,
)
from contractdesk.domain.invoicing.pricing import PriceAdjustment
from contractdesk.domain.invoicing.services import BillingCustomer, Licence, Service
from contractdesk.domain.invoicing.termination import resolve_termination
from contractdesk.domain.invoicing.values import (
    DeliveryMethod,
    InvoiceKind,
    InvoicePeriod,
    ServiceKind,
)
from contractdesk.domain.money import round_ore
from contractdesk.perf import gc_paused

_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Change:
    """A value that takes effect on ``effective``; ``before`` was in effect until the day before."""

    effective: date
    before: str
    after: str


@dataclass(frozen=True)
class History:
    """Everything that changes over time for the plan: by service id, and the customer's own.

    Attributes:
        adjustments: price adjustments and price changes per service, by effective date.
        periods: invoice-period changes per licence, by effective date.
        delivery: the customer's delivery-method changes per org number, by effective date.
    """

    adjustments: Mapping[int, Sequence[PriceAdjustment]] = field(default_factory=dict)
    periods: Mapping[int, Sequence[Change]] = field(default_factory=dict)
    delivery: Mapping[str, Sequence[Change]] = field(default_factory=dict)

    def touches(self, customer: BillingCustomer) -> bool:
        """Whether anything of the customer changes over time (else the plain plan is exact)."""
        if customer.org_number in self.delivery:
            return True
        return any(
            int(s.service_id) in self.adjustments or int(s.service_id) in self.periods
            for s in customer.services
        )


def value_on(initial: str, changes: Sequence[Change], day: date) -> str:
    """The value in effect on ``day``: the latest change effective by then, else ``initial``."""
    value = initial
    for change in changes:
        if change.effective <= day:
            value = change.after
    return value


def initial_value(current: str, changes: Sequence[Change]) -> str:
    """The value before the first change (``current`` if nothing changed)."""
    return changes[0].before if changes else current


def _months(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _line(licence: Licence, start: date, end: date, amount: Decimal) -> InvoiceLine:
    return InvoiceLine(licence.name, licence.service_id, start, end, amount, ServiceKind.LICENCE)


def licence_charges(
    licence: Licence,
    adjustments: Sequence[PriceAdjustment],
    periods: Sequence[Change],
    date_from: date,
    date_to: date,
) -> list[Charge]:
    """One licence's charges dated ``date_from`` … ``date_to`` with its period changes applied
    (module docstring); ``licence.period`` is the period before the first change."""
    if not periods:
        return adjusted_charges(licence, adjustments, date_from, date_to)
    kinds = [InvoicePeriod.parse(periods[0].before)] + [
        InvoicePeriod.parse(c.after) for c in periods
    ]
    cuts = [c.effective for c in periods]
    invoices: list[Charge] = []
    covered: date | None = None
    for index, kind in enumerate(kinds):
        seg_from = licence.start if index == 0 else cuts[index - 1]
        seg_to = date_to if index == len(cuts) else min(date_to, cuts[index] - _DAY)
        if seg_from > seg_to:
            continue
        own = replace(licence, period=kind)
        charges = [
            c
            for c in adjusted_charges(own, adjustments, seg_from, seg_to)
            if c.kind is InvoiceKind.INVOICE
        ]
        if index > 0 and covered is not None:
            charges = _continue_after(
                own, adjustments, charges, covered, seg_from, kinds[index - 1]
            )
        invoices.extend(charges)
        for charge in charges:
            if covered is None or charge.line.period_end > covered:
                covered = charge.line.period_end
    credit = _credit(licence, adjustments, invoices, cuts[0], kinds[0])
    out = [c for c in invoices if date_from <= c.invoice_date <= date_to]
    if credit is not None and date_from <= credit.invoice_date <= date_to:
        out.append(credit)
    return out


def _continue_after(
    licence: Licence,
    adjustments: Sequence[PriceAdjustment],
    charges: list[Charge],
    covered: date,
    effective: date,
    old_kind: InvoicePeriod,
) -> list[Charge]:
    """The new period's charges from ``effective`` on, without what is covered up to ``covered``,
    with a bridge line dated ``effective`` for a new period the old invoices left uncovered."""
    outcome = resolve_termination(licence)
    paid_until = outcome.paid_until if outcome is not None else date.max
    out: list[Charge] = []
    first_new = covered + _DAY
    if first_new <= paid_until:
        period = period_containing(licence.period, first_new)
        starts = {c.line.period_start for c in charges}
        if period.start not in starts and first_new not in starts:
            end = min(period.end, paid_until)
            price = price_on(licence.annual_price, adjustments, effective)
            amount = round_ore(price * _months(first_new, end) / 12)
            if amount:
                # Dated when the old period would have invoiced it, and not before the change.
                old = period_containing(old_kind, first_new)
                dated = max(effective, scheduled_invoice_date(old_kind, old))
                due = dated + timedelta(days=licence.period.due_days)
                line = _line(licence, first_new, end, amount)
                out.append(Charge(InvoiceKind.INVOICE, dated, due, line))
    for charge in charges:
        line = charge.line
        if line.period_end <= covered:
            continue
        if line.period_start <= covered:
            price = price_on(licence.annual_price, adjustments, charge.invoice_date)
            amount = round_ore(price * _months(first_new, line.period_end) / 12)
            line = _line(licence, first_new, line.period_end, amount)
            charge = Charge(charge.kind, charge.invoice_date, charge.due_date, line)
        out.append(charge)
    return out


def _credit(
    licence: Licence,
    adjustments: Sequence[PriceAdjustment],
    invoices: Sequence[Charge],
    first_change: date,
    first_kind: InvoicePeriod,
) -> Charge | None:
    """§12.3: the whole months after paid-until of the line covering them, if it was invoiced
    on or before the day the termination was received; at that line's price. A line dated
    before the first change is credited exactly as the plan without changes credits it."""
    outcome = resolve_termination(licence)
    if outcome is None or not outcome.billed:
        return None
    first = outcome.paid_until + _DAY
    covering = [c for c in invoices if c.line.period_start <= first <= c.line.period_end]
    if not covering or covering[0].invoice_date > outcome.received:
        return None
    charge = covering[0]
    if charge.invoice_date < first_change:
        old = replace(licence, period=first_kind)
        day = outcome.received
        credits = adjusted_charges(old, adjustments, day, day)
        return next((c for c in credits if c.kind is InvoiceKind.CREDIT), None)
    line = charge.line
    price = price_on(licence.annual_price, adjustments, charge.invoice_date)
    amount = min(round_ore(price * _months(first, line.period_end) / 12), line.amount)
    if not amount:
        return None
    credit = _line(licence, first, month_end(line.period_end), -amount)
    return Charge(InvoiceKind.CREDIT, outcome.received, outcome.received, credit)


def _service_charges(
    service: Service, history: History, date_from: date, date_to: date
) -> list[Charge]:
    sid = int(service.service_id)
    adjustments = history.adjustments.get(sid, ())
    if isinstance(service, Licence):
        periods = history.periods.get(sid, ())
        return licence_charges(service, adjustments, periods, date_from, date_to)
    return adjusted_charges(service, adjustments, date_from, date_to)


def customer_documents(
    customer: BillingCustomer, history: History, date_from: date, date_to: date
) -> list[PlannedInvoice]:
    """One customer's documents with its history applied, grouped as the plan groups them."""
    groups: dict[tuple[date, bool, date], list[InvoiceLine]] = {}
    for service in customer.services:
        for charge in _service_charges(service, history, date_from, date_to):
            key = (charge.invoice_date, charge.kind is InvoiceKind.CREDIT, charge.due_date)
            groups.setdefault(key, []).append(charge.line)
    changes = history.delivery.get(customer.org_number, ())
    if not changes:
        return documents_from_charges(customer, groups)
    initial = initial_value(customer.delivery_method.value, changes)

    def method_on(day: date) -> DeliveryMethod:
        return DeliveryMethod.parse(value_on(initial, changes, day))

    return documents_from_charges(customer, groups, method_on)


def plan_with_history(
    customers: Sequence[BillingCustomer], history: History, date_from: date, date_to: date
) -> list[PlannedInvoice]:
    """The plan of ``customers`` with their history; customers without any take the plain (fast)
    path. Sorted as :func:`plan_invoices` sorts."""
    with gc_paused():
        if not (history.adjustments or history.periods or history.delivery):
            return plan_invoices(customers, date_from, date_to)
        plain: list[BillingCustomer] = []
        changed: list[BillingCustomer] = []
        for customer in customers:
            (changed if history.touches(customer) else plain).append(customer)
        invoices = plan_invoices(plain, date_from, date_to)
        if changed:
            more = (
                document
                for customer in changed
                for document in customer_documents(customer, history, date_from, date_to)
            )
            merge_in_plan_order(invoices, more)
        return invoices


__all__ = [
    "Change",
    "History",
    "customer_documents",
    "initial_value",
    "licence_charges",
    "plan_with_history",
    "value_on",
]
