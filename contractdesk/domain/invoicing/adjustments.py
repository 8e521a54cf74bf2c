"""Price adjustments applied to the plan (§13.1): each price where it is in effect.

* A **licence** adjustment applies to documents dated on or after its effective date; a credit
  note refunds at the price the credited period was invoiced at.
* A **usage** adjustment applies to usage months starting on or after its effective date.
* A service's own price is the price it started at; an adjustment adds a later price.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from contractdesk.domain.invoicing.periods import (
    month_start,
    next_month_start,
    period_containing,
    scheduled_invoice_date,
)
from contractdesk.domain.invoicing.plan import (
    Charge,
    InvoiceLine,
    PlannedInvoice,
    documents_from_charges,
    plan_invoices,
    service_charges,
)
from contractdesk.domain.invoicing.pricing import PriceAdjustment
from contractdesk.domain.invoicing.services import (
    BillingCustomer,
    Licence,
    Service,
    UsageService,
)
from contractdesk.domain.invoicing.termination import resolve_termination
from contractdesk.domain.invoicing.values import InvoiceKind
from contractdesk.perf import gc_paused

Adjustments = Mapping[int, Sequence[PriceAdjustment]]
"""Each service's adjustments (by service id), in order of effective date."""


def price_on(base: Decimal, adjustments: Iterable[PriceAdjustment], day: date) -> Decimal:
    """The price in effect on ``day``: the latest adjustment effective by then, else ``base``."""
    price = base
    for adjustment in sorted(adjustments, key=lambda a: a.effective):
        if adjustment.effective <= day and adjustment.new_price is not None:
            price = adjustment.new_price
    return price


def adjusted_charges(
    service: Service, adjustments: Sequence[PriceAdjustment], date_from: date, date_to: date
) -> list[Charge]:
    """One service's charges with each price applied where it is in effect (module docstring)."""
    if isinstance(service, Licence):
        return _licence_charges(service, adjustments, date_from, date_to)
    if isinstance(service, UsageService):
        cuts = [
            month_start(a.effective) if a.effective.day == 1 else next_month_start(a.effective)
            for a in adjustments
        ]
        prices = [service.unit_price] + [_new_price(a) for a in adjustments]
        charges: list[Charge] = []
        for record in service.usage:
            price = prices[bisect.bisect_right(cuts, record.month)]
            single = replace(service, unit_price=price, usage=(record,))
            charges.extend(service_charges(single, date_from, date_to))
        return charges
    return service_charges(service, date_from, date_to)


def _new_price(adjustment: PriceAdjustment) -> Decimal:
    assert adjustment.new_price is not None
    return adjustment.new_price


def _licence_charges(
    service: Licence, adjustments: Sequence[PriceAdjustment], date_from: date, date_to: date
) -> list[Charge]:
    cuts = [a.effective for a in adjustments]
    prices = [service.annual_price] + [_new_price(a) for a in adjustments]
    charges: list[Charge] = []
    for index, price in enumerate(prices):
        seg_from = date_from if index == 0 else max(date_from, cuts[index - 1])
        seg_to = date_to if index == len(cuts) else min(date_to, cuts[index] - timedelta(days=1))
        if seg_from > seg_to:
            continue
        priced = replace(service, annual_price=price)
        charges.extend(
            c for c in service_charges(priced, seg_from, seg_to) if c.kind is InvoiceKind.INVOICE
        )
    credited = credited_invoice_date(service)
    if credited is not None:
        priced = replace(service, annual_price=prices[bisect.bisect_right(cuts, credited)])
        charges.extend(
            c for c in service_charges(priced, date_from, date_to) if c.kind is InvoiceKind.CREDIT
        )
    return charges


def credited_invoice_date(licence: Licence) -> date | None:
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


def adjusted_documents(
    customer: BillingCustomer, adjustments: Adjustments, date_from: date, date_to: date
) -> list[PlannedInvoice]:
    """One customer's documents with its services' adjustments, grouped as the plan groups."""
    groups: dict[tuple[date, bool, date], list[InvoiceLine]] = {}
    for service in customer.services:
        own = adjustments.get(int(service.service_id), ())
        for charge in adjusted_charges(service, own, date_from, date_to):
            key = (charge.invoice_date, charge.kind is InvoiceKind.CREDIT, charge.due_date)
            groups.setdefault(key, []).append(charge.line)
    return documents_from_charges(customer, groups)


def plan_with_adjustments(
    customers: Sequence[BillingCustomer], adjustments: Adjustments, date_from: date, date_to: date
) -> list[PlannedInvoice]:
    """The plan of ``customers`` with price adjustments applied; customers without any take the
    plain (fast) path. Sorted as :func:`plan_invoices` sorts."""
    with gc_paused():
        if not adjustments:
            return plan_invoices(customers, date_from, date_to)
        plain: list[BillingCustomer] = []
        adjusted: list[BillingCustomer] = []
        for customer in customers:
            if any(int(s.service_id) in adjustments for s in customer.services):
                adjusted.append(customer)
            else:
                plain.append(customer)
        invoices = plan_invoices(plain, date_from, date_to)
        if adjusted:
            more = (
                document
                for customer in adjusted
                for document in adjusted_documents(customer, adjustments, date_from, date_to)
            )
            merge_in_plan_order(invoices, more)
        return invoices


def merge_in_plan_order(invoices: list[PlannedInvoice], more: Iterable[PlannedInvoice]) -> None:
    """Add ``more`` to ``invoices`` and sort them as the plan does: by date, customer, invoices
    before credit notes, due date."""
    invoices.extend(more)
    invoices.sort(
        key=lambda i: (i.invoice_date, i.org_number, i.kind is InvoiceKind.CREDIT, i.due_date)
    )
