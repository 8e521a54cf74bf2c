"""The invoice plan: which invoices and credit notes fall due when, exactly as terms §10/§12 say.

The rules are issue 6's; where it leaves a choice, this module decides so:

* **Signed amounts.** Invoice lines are positive; credit-note lines, and a credit note's
  net, VAT and total, are negative, and the document's ``kind`` is
  :attr:`InvoiceKind.CREDIT`. Summing ``total`` over a plan gives what is owed net;
  accounting imports see a credit note as a negative document.
* **Credit amount.** A credit line is the original line minus the pro-rated amount of
  the days kept (period start or B … paid-until), so what the customer pays for that
  period is exactly what a line pro-rated to paid-until would have cost. Rounding the
  credited days directly could differ by one øre.
* **Credit notes** carry no fee, are dated D and due on D, and group like invoices (one
  note per customer and day).
* **Zero amounts** make no line (e.g. a free service, an empty usage month, a sub-øre
  pro-rata); a document without lines does not exist, so there is no fee-only invoice.
* **Range.** A plan holds the documents whose *invoice date* lies in the range.
* **One-off costs** dated after the end X of a cancellation are not invoiced; **usage**
  recorded for months after X's month is not invoiced (§5.1). Neither binds.
* **Trial.** A licence terminated before billing starts is not held to the binding
  period (see :func:`~contractdesk.domain.invoicing.termination.resolve_termination`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from contractdesk.domain.invoicing.periods import (
    month_end,
    month_start,
    next_month_start,
    next_period,
    period_containing,
    scheduled_invoice_date,
)
from contractdesk.domain.invoicing.services import (
    BillingCustomer,
    Licence,
    OneOffCost,
    Service,
    ServiceId,
    UsageService,
)
from contractdesk.domain.invoicing.termination import resolve_termination
from contractdesk.domain.invoicing.values import InvoiceKind, ServiceKind
from contractdesk.domain.money import ORE, VAT_RATE, money_str, round_ore

ONE_OFF_DUE_DAYS = 14
USAGE_DUE_DAYS = 14
_ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class InvoiceLine:
    """One line of a planned invoice or credit note.

    Attributes:
        description: the service's name.
        service_id: the service's id in the store.
        period_start: first day the line covers (a one-off cost: its date).
        period_end: last day the line covers.
        amount: NOK excl. VAT, rounded to øre; negative on credit notes.
        service_kind: licence, one-off or usage.
    """

    description: str
    service_id: ServiceId
    period_start: date
    period_end: date
    amount: Decimal
    service_kind: ServiceKind

    def to_json_dict(self) -> dict[str, object]:
        """The CLI's JSON form: amounts as decimal strings, dates ISO."""
        return {
            "description": self.description,
            "service_id": self.service_id,
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
            "amount": money_str(self.amount),
        }


@dataclass(frozen=True, slots=True)
class Charge:
    """What one service contributes to one document before lines are grouped into invoices."""

    kind: InvoiceKind
    invoice_date: date
    due_date: date
    line: InvoiceLine


@dataclass(frozen=True, slots=True)
class PlannedInvoice:
    """An invoice (or credit note) the plan says will be issued.

    Attributes:
        kind: ``invoice`` or ``credit``.
        org_number: the customer's 9-digit org number.
        invoice_date: the document date.
        due_date: invoice date + 14 or 7 days; a credit note's due date is its date.
        lines: at least one line, none of them 0.00.
        fee: the invoice fee by delivery method; 0.00 on credit notes.
        net: sum of lines + fee.
        vat: 25 % of ``net``, rounded to øre half up (away from zero for credits).
        total: net + vat.
    """

    kind: InvoiceKind
    org_number: str
    invoice_date: date
    due_date: date
    lines: tuple[InvoiceLine, ...]
    fee: Decimal
    net: Decimal
    vat: Decimal
    total: Decimal

    @property
    def lines_total(self) -> Decimal:
        """Sum of the lines, without fee and VAT."""
        return sum((line.amount for line in self.lines), _ZERO)

    def to_json_dict(self) -> dict[str, object]:
        """The CLI's JSON form (``invoices plan --json``): amounts as strings like ``"3049.72"``."""
        return {
            "org_number": self.org_number,
            "kind": self.kind.value,
            "invoice_date": self.invoice_date.isoformat(),
            "due_date": self.due_date.isoformat(),
            "lines": [line.to_json_dict() for line in self.lines],
            "fee": money_str(self.fee),
            "net": money_str(self.net),
            "vat": money_str(self.vat),
            "total": money_str(self.total),
        }


def prorate(annual_price: Decimal, months: int, covered_days: int, period_days: int) -> Decimal:
    """Period amount × covered days / days in the period, rounded to øre half up.

    The period amount (annual × months / 12) is not rounded first; only the result is.
    """
    return round_ore(annual_price * (months * covered_days) / (12 * period_days))


# Internally a charge is a plain tuple ((invoice date, is credit, due date), line): cheap to
# build, and its first item is the key that groups lines into one document.
_RawCharge = tuple[tuple[date, bool, date], InvoiceLine]
_INVOICE = InvoiceKind.INVOICE
_CREDIT = InvoiceKind.CREDIT
_LICENCE = ServiceKind.LICENCE
_ONE_OFF = ServiceKind.ONE_OFF
_USAGE = ServiceKind.USAGE


def _licence_charges(service: Licence, date_from: date, date_to: date) -> list[_RawCharge]:
    if service.is_free:
        return []
    outcome = resolve_termination(service)
    if outcome is not None and not outcome.billed:
        return []
    kind = service.period
    months = kind.months
    due = timedelta(days=kind.due_days)
    annual = service.annual_price
    name = service.name
    sid = service.service_id
    start = service.billing_start
    # Without a termination nothing is ever "after the termination" or "after paid-until".
    received = outcome.received if outcome is not None else date.max
    paid_until = outcome.paid_until if outcome is not None else date.max
    charges: list[_RawCharge] = []

    first = period_containing(kind, start)
    if start >= date_from:
        period = first
    else:
        # Periods before the one holding date_from end before it, and so were invoiced
        # before it; skip them. If that is B's own period, its invoice (dated B) is too early.
        period = period_containing(kind, date_from)
        if period == first:
            period = next_period(kind, first)
    while period.start <= paid_until:
        is_first = period == first
        invoice_date = start if is_first else scheduled_invoice_date(kind, period)
        if invoice_date > date_to:
            break
        if invoice_date >= date_from:
            cover_start = start if is_first else period.start
            cover_end = period.end
            if invoice_date > received and paid_until < cover_end:
                cover_end = paid_until  # invoiced after the termination: only up to paid-until
            amount = prorate(annual, months, (cover_end - cover_start).days + 1, period.days)
            if amount:
                line = InvoiceLine(name, sid, cover_start, cover_end, amount, _LICENCE)
                charges.append(((invoice_date, False, invoice_date + due), line))
        period = next_period(kind, period)

    # A credit note is due only for the one period that runs past paid-until, and only if
    # it was invoiced on or before the day the termination was received.
    if outcome is not None and date_from <= received <= date_to:
        period = period_containing(kind, paid_until)
        if period.end > paid_until:
            is_first = period == first
            invoice_date = start if is_first else scheduled_invoice_date(kind, period)
            if invoice_date <= received:
                cover_start = start if is_first else period.start
                invoiced = prorate(annual, months, (period.end - cover_start).days + 1, period.days)
                kept = prorate(annual, months, (paid_until - cover_start).days + 1, period.days)
                credit = invoiced - kept
                if credit:
                    line = InvoiceLine(
                        name,
                        sid,
                        paid_until + timedelta(days=1),
                        period.end,
                        -credit,
                        _LICENCE,
                    )
                    charges.append(((received, True, received), line))
    return charges


def _one_off_charges(service: OneOffCost, date_from: date, date_to: date) -> list[_RawCharge]:
    day = service.cost_date
    if not date_from <= day <= date_to:
        return []
    outcome = resolve_termination(service)
    if outcome is not None and day > outcome.end:
        return []  # cancelled before the work was due
    amount = round_ore(service.amount)
    if not amount:
        return []
    line = InvoiceLine(service.name, service.service_id, day, day, amount, _ONE_OFF)
    return [((day, False, day + timedelta(days=ONE_OFF_DUE_DAYS)), line)]


def _usage_charges(service: UsageService, date_from: date, date_to: date) -> list[_RawCharge]:
    if service.is_free:
        return []
    # Month m is invoiced on the 1st of the next month: that lies in [date_from, date_to]
    # exactly when month_start(date_from - 1 day) <= m < month_start(date_to).
    lowest = month_start(date_from - timedelta(days=1))
    above = month_start(date_to)
    outcome = resolve_termination(service)
    if outcome is not None:
        above = min(above, next_month_start(outcome.end))  # nothing after X's month (§5.1)
    due = timedelta(days=USAGE_DUE_DAYS)
    unit_price = service.unit_price
    charges: list[_RawCharge] = []
    for record in service.usage:
        month = record.month
        if month < lowest:
            continue
        if month >= above:
            break
        amount = (record.quantity * unit_price).quantize(ORE, ROUND_HALF_UP)
        if not amount:
            continue
        invoice_date = next_month_start(month)
        line = InvoiceLine(
            service.name, service.service_id, month, month_end(month), amount, _USAGE
        )
        charges.append(((invoice_date, False, invoice_date + due), line))
    return charges


def _raw_charges(service: Service, date_from: date, date_to: date) -> list[_RawCharge]:
    if isinstance(service, Licence):
        return _licence_charges(service, date_from, date_to)
    if isinstance(service, OneOffCost):
        return _one_off_charges(service, date_from, date_to)
    if isinstance(service, UsageService):
        return _usage_charges(service, date_from, date_to)
    raise TypeError(f"not a service: {service!r}")


def service_charges(service: Service, date_from: date, date_to: date) -> list[Charge]:
    """Every line one service contributes to documents dated ``date_from`` … ``date_to``.

    Invoice lines in date order, then the credit line if any. Zero amounts are left out,
    so a free service yields nothing.
    """
    return [
        Charge(_CREDIT if is_credit else _INVOICE, invoice_date, due, line)
        for (invoice_date, is_credit, due), line in _raw_charges(service, date_from, date_to)
    ]


def _customer_documents(
    customer: BillingCustomer, date_from: date, date_to: date
) -> list[PlannedInvoice]:
    groups: dict[tuple[date, bool, date], list[InvoiceLine]] = {}
    for service in customer.services:
        for key, line in _raw_charges(service, date_from, date_to):
            bucket = groups.get(key)
            if bucket is None:
                groups[key] = [line]
            else:
                bucket.append(line)
    invoice_fee = round_ore(customer.delivery_method.fee)
    org = customer.org_number
    result: list[PlannedInvoice] = []
    for key in sorted(groups):
        invoice_date, is_credit, due = key
        lines = groups[key]
        fee = _ZERO if is_credit else invoice_fee
        net = lines[0].amount + fee
        if len(lines) > 1:
            for line in lines[1:]:
                net += line.amount
        vat = (net * VAT_RATE).quantize(ORE, ROUND_HALF_UP)
        kind = _CREDIT if is_credit else _INVOICE
        result.append(
            PlannedInvoice(kind, org, invoice_date, due, tuple(lines), fee, net, vat, net + vat)
        )
    return result


def customer_invoices(
    customer: BillingCustomer, date_from: date, date_to: date
) -> list[PlannedInvoice]:
    """One customer's planned documents dated ``date_from`` … ``date_to``.

    Lines with the same kind, invoice date and due date form one document. An invoice
    carries one fee by delivery method; a credit note carries none. VAT (25 %) is on
    lines plus fee, rounded per document. Sorted by invoice date, invoices before credit
    notes, then due date.

    Raises:
        ValueError: ``date_from`` is after ``date_to``.
    """
    return plan_invoices([customer], date_from, date_to)


def plan_invoices(
    customers: Iterable[BillingCustomer], date_from: date, date_to: date
) -> list[PlannedInvoice]:
    """All planned invoices and credit notes dated ``date_from`` … ``date_to`` (both included).

    Sorted by invoice date, then org number, invoices before credit notes, then due date.
    See :func:`customer_invoices` for how lines form documents.

    Raises:
        ValueError: ``date_from`` is after ``date_to``.
    """
    if date_from > date_to:
        raise ValueError(f"the plan's start {date_from} is after its end {date_to}")
    # Customers in org-number order, each customer's documents in (date, kind, due) order:
    # appending them to per-date buckets yields the full order without one big sort.
    by_date: dict[date, list[PlannedInvoice]] = {}
    with _gc_paused():
        for customer in sorted(customers, key=lambda c: c.org_number):
            for invoice in _customer_documents(customer, date_from, date_to):
                bucket = by_date.get(invoice.invoice_date)
                if bucket is None:
                    by_date[invoice.invoice_date] = [invoice]
                else:
                    bucket.append(invoice)
        return [invoice for day in sorted(by_date) for invoice in by_date[day]]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the plan is built.

    A plan for 10,000 customers allocates about a million small objects, none in a
    reference cycle; the collector's repeated passes over them cost about a third of the
    run time and free nothing. Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class MonthTotal:
    """Plan totals for one calendar month of invoice dates (credit notes count negative)."""

    month: date
    invoices: int
    credit_notes: int
    net: Decimal
    vat: Decimal
    total: Decimal


def monthly_totals(invoices: Iterable[PlannedInvoice]) -> list[MonthTotal]:
    """Totals per month of invoice date, in month order; months without documents are absent."""
    counts: dict[date, list[int]] = {}
    sums: dict[date, list[Decimal]] = {}
    for inv in invoices:
        month = month_start(inv.invoice_date)
        if month not in counts:
            counts[month] = [0, 0]
            sums[month] = [_ZERO, _ZERO, _ZERO]
        counts[month][0 if inv.kind is InvoiceKind.INVOICE else 1] += 1
        row = sums[month]
        row[0] += inv.net
        row[1] += inv.vat
        row[2] += inv.total
    return [MonthTotal(m, counts[m][0], counts[m][1], *sums[m]) for m in sorted(counts)]
