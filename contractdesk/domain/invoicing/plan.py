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

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import groupby
from operator import itemgetter

from contractdesk.domain.invoicing.periods import (
    month_end,
    month_start,
    next_month_start,
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
from contractdesk.domain.invoicing.values import (
    DeliveryMethod,
    InvoiceKind,
    InvoicePeriod,
    ServiceKind,
)
from contractdesk.domain.money import ORE, money_str, round_ore, vat_of
from contractdesk.perf import gc_paused

ONE_OFF_DUE_DAYS = 14
USAGE_DUE_DAYS = 14
COLLECTION_NOTICE_DELAY = timedelta(days=14)  # §10.2: collection notice 14 days after due
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
    def collection_notice_date(self) -> date | None:
        """The day a collection notice may be sent if unpaid: due date + 14 days (§10.2);
        ``None`` for a credit note."""
        if self.kind is InvoiceKind.CREDIT:
            return None
        return self.due_date + COLLECTION_NOTICE_DELAY

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
            "collection_notice": _iso_or_none(self.collection_notice_date),
        }


def _iso_or_none(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def prorate(annual_price: Decimal, months: int, covered_days: int, period_days: int) -> Decimal:
    """Period amount x covered days / days in the period, rounded to øre half up.

    The period amount (annual x months / 12) is not rounded first; only the result is.
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
_ONE_DAY = timedelta(days=1)
_ONE_OFF_DUE = timedelta(days=ONE_OFF_DUE_DAYS)
_USAGE_DUE = timedelta(days=USAGE_DUE_DAYS)

# The plan builds hundreds of thousands of lines and documents from values it computed
# itself; it sets their slots directly instead of going through the frozen dataclasses'
# generated ``__init__`` (same objects, about half the cost).
_new = object.__new__
_LINE_SET = tuple(
    InvoiceLine.__dict__[name].__set__
    for name in (
        "description",
        "service_id",
        "period_start",
        "period_end",
        "amount",
        "service_kind",
    )
)
_DOC_SET = tuple(
    PlannedInvoice.__dict__[name].__set__
    for name in (
        "kind",
        "org_number",
        "invoice_date",
        "due_date",
        "lines",
        "fee",
        "net",
        "vat",
        "total",
    )
)


def _line(
    description: str,
    service_id: ServiceId,
    period_start: date,
    period_end: date,
    amount: Decimal,
    service_kind: ServiceKind,
) -> InvoiceLine:
    line = _new(InvoiceLine)
    s0, s1, s2, s3, s4, s5 = _LINE_SET
    s0(line, description)
    s1(line, service_id)
    s2(line, period_start)
    s3(line, period_end)
    s4(line, amount)
    s5(line, service_kind)
    return line


# Calendar periods as rows (start, end, days, scheduled invoice date), per invoice period
# and keyed by the absolute month number (year x 12 + month - 1) of the period's first
# month; the next period's key is the key plus the period's length in months. Every period
# length divides 12, so a day's period starts at month number m - m % months.
_PeriodRow = tuple[date, date, int, date]
_PERIOD_ROWS: dict[InvoicePeriod, dict[int, _PeriodRow]] = {kind: {} for kind in InvoicePeriod}
_KIND_INFO: dict[InvoicePeriod, tuple[int, timedelta, dict[int, _PeriodRow]]] = {
    kind: (kind.months, timedelta(days=kind.due_days), _PERIOD_ROWS[kind]) for kind in InvoicePeriod
}


def _period_row(kind: InvoicePeriod, key: int) -> _PeriodRow:
    rows = _PERIOD_ROWS[kind]
    row = rows.get(key)
    if row is None:
        period = period_containing(kind, date(key // 12, key % 12 + 1, 1))
        row = (period.start, period.end, period.days, scheduled_invoice_date(kind, period))
        rows[key] = row
    return row


def _whole_months(first: date, last: date) -> int:
    """Calendar months from ``first``'s month to ``last``'s month, both counted."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _cover_amount(
    annual: Decimal, months: int, p_days: int, cover_start: date, cover_end: date
) -> Decimal:
    """What a licence line covering ``cover_start`` … ``cover_end`` of a period costs (§12.3).

    Whole months (from a 1st to a month's last day) cost annual / 12 each; only a first period
    that starts mid-month is pro-rated by days over the period.
    """
    if cover_start.day == 1 and cover_end.day == month_end(cover_end).day:
        return round_ore(annual * _whole_months(cover_start, cover_end) / 12)
    return prorate(annual, months, (cover_end - cover_start).days + 1, p_days)


def _licence_charges(service: Licence, date_from: date, date_to: date) -> list[_RawCharge]:
    annual = service.annual_price
    if not annual:
        return []  # a free licence (§5.1)
    outcome = None
    # Without a termination nothing is ever "after the termination" or "after paid-until".
    received = paid_until = date.max
    if service.termination is not None:
        outcome = resolve_termination(service)
        assert outcome is not None
        if not outcome.billed:
            return []
        received = outcome.received
        paid_until = outcome.paid_until
    charges = _licence_invoices(service, date_from, date_to, received, paid_until)
    # A credit note is due only for the one period that runs past paid-until, and only if
    # it was invoiced on or before the day the termination was received.
    if outcome is not None and date_from <= received <= date_to:
        charges.extend(_licence_credit(service, received, paid_until))
    return charges


def _first_key(service: Licence) -> int:
    start = service.billing_start
    month = start.year * 12 + start.month - 1
    return month - month % service.period.months


def _licence_invoices(
    service: Licence, date_from: date, date_to: date, received: date, paid_until: date
) -> list[_RawCharge]:
    annual = service.annual_price
    kind = service.period
    months, due, rows = _KIND_INFO[kind]
    name = service.name
    sid = service.service_id
    start = service.billing_start
    full: Decimal | None = None  # the amount of a whole period, once needed
    charges: list[_RawCharge] = []
    first = _first_key(service)
    key = first
    if start < date_from:
        # Periods before the one holding date_from end before it, and so were invoiced
        # before it; skip them. If that is B's own period, its invoice (dated B) is too early.
        month = date_from.year * 12 + date_from.month - 1
        key = month - month % months
        if key == first:
            key += months
    while True:
        p_start, p_end, p_days, scheduled = rows.get(key) or _period_row(kind, key)
        if p_start > paid_until:
            break
        is_first = key == first
        invoice_date = start if is_first else scheduled
        if invoice_date > date_to:
            break
        key += months
        if invoice_date < date_from:
            continue
        cover_start = start if is_first else p_start
        cover_end = p_end
        if invoice_date > received and paid_until < cover_end:
            cover_end = paid_until  # invoiced after the termination: only up to paid-until
        if cover_start == p_start and cover_end == p_end:
            if full is None:
                full = prorate(annual, months, p_days, p_days)
            amount = full
        else:
            amount = _cover_amount(annual, months, p_days, cover_start, cover_end)
        if amount:
            line = _line(name, sid, cover_start, cover_end, amount, _LICENCE)
            charges.append(((invoice_date, False, invoice_date + due), line))
    return charges


def _licence_credit(service: Licence, received: date, paid_until: date) -> list[_RawCharge]:
    """The credit note for the whole months after paid-until of the period invoiced on or before
    the termination (§12.3: annual price / 12 a month)."""
    kind = service.period
    months = kind.months
    month = paid_until.year * 12 + paid_until.month - 1
    key = month - month % months
    p_start, p_end, p_days, scheduled = _PERIOD_ROWS[kind].get(key) or _period_row(kind, key)
    if p_end <= paid_until:
        return []
    is_first = key == _first_key(service)
    invoice_date = service.billing_start if is_first else scheduled
    if invoice_date > received:
        return []
    annual = service.annual_price
    credit = round_ore(annual * _whole_months(paid_until + _ONE_DAY, p_end) / 12)
    cover_start = service.billing_start if is_first else p_start
    if cover_start.day != 1:
        # A first period pro-rated by days: never credit more than its days after paid-until.
        invoiced = _cover_amount(annual, months, p_days, cover_start, p_end)
        credit = min(
            credit, invoiced - _cover_amount(annual, months, p_days, cover_start, paid_until)
        )
    if not credit:
        return []
    line = _line(service.name, service.service_id, paid_until + _ONE_DAY, p_end, -credit, _LICENCE)
    return [((received, True, received), line)]


def _one_off_charges(service: OneOffCost, date_from: date, date_to: date) -> list[_RawCharge]:
    day = service.cost_date
    if not date_from <= day <= date_to:
        return []
    if service.termination is not None:
        outcome = resolve_termination(service)
        if outcome is not None and day > outcome.end:
            return []  # cancelled before the work was due
    amount = service.amount.quantize(ORE, ROUND_HALF_UP)
    if not amount:
        return []
    line = _line(service.name, service.service_id, day, day, amount, _ONE_OFF)
    return [((day, False, day + _ONE_OFF_DUE), line)]


# Per usage month (its 1st): the key of the document it is invoiced on (the 1st of the next
# month, due 14 days later) and the month's last day. Shared by every usage service.
_USAGE_MONTHS: dict[date, tuple[tuple[date, bool, date], date]] = {}


def _usage_month(month: date) -> tuple[tuple[date, bool, date], date]:
    found = _USAGE_MONTHS.get(month)
    if found is None:
        invoice_date = next_month_start(month)
        found = ((invoice_date, False, invoice_date + _USAGE_DUE), month_end(month))
        if len(_USAGE_MONTHS) < 100_000:
            _USAGE_MONTHS[month] = found
    return found


def _usage_charges(service: UsageService, date_from: date, date_to: date) -> list[_RawCharge]:
    unit_price = service.unit_price
    if not unit_price:
        return []  # free
    # Month m is invoiced on the 1st of the next month: that lies in [date_from, date_to]
    # exactly when month_start(date_from - 1 day) <= m < month_start(date_to).
    lowest = month_start(date_from - _ONE_DAY)
    above = month_start(date_to)
    if service.termination is not None:
        outcome = resolve_termination(service)
        if outcome is not None:
            above = min(above, next_month_start(outcome.end))  # nothing after X's month (§5.1)
    name = service.name
    sid = service.service_id
    months = _USAGE_MONTHS
    s0, s1, s2, s3, s4, s5 = _LINE_SET
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
        key, last = months.get(month) or _usage_month(month)
        line = _new(InvoiceLine)  # _line(name, sid, month, last, amount, _USAGE), inlined
        s0(line, name)
        s1(line, sid)
        s2(line, month)
        s3(line, last)
        s4(line, amount)
        s5(line, _USAGE)
        charges.append((key, line))
    return charges


def _raw_charges(service: Service, date_from: date, date_to: date) -> list[_RawCharge]:
    if isinstance(service, Licence):
        return _licence_charges(service, date_from, date_to)
    if isinstance(service, UsageService):
        return _usage_charges(service, date_from, date_to)
    if isinstance(service, OneOffCost):
        return _one_off_charges(service, date_from, date_to)
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


# The invoice fee per delivery method, rounded once.
_FEES = {method: round_ore(method.fee) for method in DeliveryMethod}


def _customer_documents(
    customer: BillingCustomer, date_from: date, date_to: date
) -> list[PlannedInvoice]:
    charges: list[_RawCharge] = []
    for service in customer.services:
        charges += _raw_charges(service, date_from, date_to)
    if not charges:
        return []
    # Sorting by key alone is stable: one document's lines stay in the services' order.
    charges.sort(key=_charge_key)
    method = customer.delivery_method
    invoice_fee = _FEES.get(method)
    if invoice_fee is None:
        invoice_fee = round_ore(method.fee)
    org = customer.org_number
    s0, s1, s2, s3, s4, s5, s6, s7, s8 = _DOC_SET
    result: list[PlannedInvoice] = []
    for (invoice_date, is_credit, due), group in groupby(charges, _charge_key):
        lines = tuple(map(_charge_line, group))
        if is_credit:
            kind = _CREDIT
            fee = _ZERO
        else:
            kind = _INVOICE
            fee = invoice_fee
        net = lines[0].amount + fee
        if len(lines) > 1:
            for line in lines[1:]:
                net += line.amount
        vat = vat_of(net)
        doc = _new(PlannedInvoice)
        s0(doc, kind)
        s1(doc, org)
        s2(doc, invoice_date)
        s3(doc, due)
        s4(doc, lines)
        s5(doc, fee)
        s6(doc, net)
        s7(doc, vat)
        s8(doc, net + vat)
        result.append(doc)
    return result


_charge_key = itemgetter(0)
_charge_line = itemgetter(1)


def documents_from_charges(
    customer: BillingCustomer,
    groups: dict[tuple[date, bool, date], list[InvoiceLine]],
    method_on: Callable[[date], DeliveryMethod] | None = None,
) -> list[PlannedInvoice]:
    """Documents from lines already grouped by (invoice date, is credit, due date), in key order:
    an invoice carries the fee of the delivery method in effect on its date (``method_on``,
    default the customer's one method), a credit note none; VAT per document."""
    fee = round_ore(customer.delivery_method.fee)
    out = []
    for key in sorted(groups):
        invoice_date, is_credit, due = key
        lines = groups[key]
        if method_on is not None:
            fee = round_ore(method_on(invoice_date).fee)
        doc_fee = _ZERO if is_credit else fee
        net = sum((line.amount for line in lines), doc_fee)
        vat = vat_of(net)
        out.append(
            PlannedInvoice(
                _CREDIT if is_credit else _INVOICE,
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
    with gc_paused():
        for customer in sorted(customers, key=lambda c: c.org_number):
            for invoice in _customer_documents(customer, date_from, date_to):
                bucket = by_date.get(invoice.invoice_date)
                if bucket is None:
                    by_date[invoice.invoice_date] = [invoice]
                else:
                    bucket.append(invoice)
        return [invoice for day in sorted(by_date) for invoice in by_date[day]]


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
