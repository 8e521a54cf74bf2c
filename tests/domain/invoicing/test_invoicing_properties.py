"""Property tests over random services and dates: periods tile the billed time, credits never
exceed what was invoiced, document totals add up, and the plan does not depend on how a date
range is split."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

from hypothesis import event, given, settings
from hypothesis import strategies as st

from contractdesk.domain.invoicing import (
    BillingCustomer,
    DeliveryMethod,
    InvoiceKind,
    InvoiceLine,
    InvoicePeriod,
    Licence,
    OneOffCost,
    PlannedInvoice,
    Termination,
    UsageRecord,
    UsageService,
    period_containing,
    plan_invoices,
    resolve_termination,
)
from contractdesk.domain.money import round_ore

ORGS = ["971049669", "974760673", "923609016", "889640782"]
WIDE_FROM = date(2020, 1, 1)
WIDE_TO = date(2040, 12, 31)
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None)


def _prices(min_value: str) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=Decimal(min_value), max_value=Decimal(2000000), places=2)


@st.composite
def terminations(draw: st.DrawFn, start: date, always: bool = False) -> Termination | None:
    """Often none; else received around ``start`` (mostly after a year's binding)."""
    if not always and draw(st.sampled_from(range(4))) == 1:
        return None
    # During the trial, during the binding, after it; a sure termination is mostly after.
    phases = [(0, 364), (365, 1200), (365, 1200)] if always else [(-90, -1), (0, 364), (365, 1200)]
    phase = draw(st.sampled_from(phases))
    received = start + timedelta(days=draw(st.integers(*phase)))
    requested = None
    if draw(st.sampled_from(range(3))) == 1:
        requested = received + timedelta(days=draw(st.integers(0, 500)))
    return Termination(received, requested)


@st.composite
def licences(
    draw: st.DrawFn, min_price: str = "0.01", service_id: int = 1, terminated: bool = False
) -> Licence:
    start = draw(st.dates(date(2024, 1, 1), date(2031, 12, 31)))
    trial_days = draw(st.integers(0, 120))
    free = not terminated and draw(st.sampled_from(range(10))) == 1
    return Licence(
        service_id,
        "Licence",
        Decimal(0) if free else draw(_prices(min_price)),
        start,
        trial_days=trial_days,
        period=draw(st.sampled_from(list(InvoicePeriod))),
        termination=draw(terminations(start + timedelta(days=trial_days), always=terminated)),
    )


@st.composite
def one_offs(draw: st.DrawFn, service_id: int) -> OneOffCost:
    day = draw(st.dates(date(2024, 1, 1), date(2032, 12, 31)))
    return OneOffCost(
        service_id,
        "One-off",
        draw(st.decimals(min_value=Decimal(0), max_value=Decimal(100000), places=3)),
        day,
        draw(terminations(day)),
    )


@st.composite
def usages(draw: st.DrawFn, service_id: int) -> UsageService:
    first = draw(st.dates(date(2024, 1, 1), date(2031, 12, 31))).replace(day=1)
    months = draw(st.integers(0, 30))
    records = []
    month = first
    for _ in range(months):
        records.append(UsageRecord(month, Decimal(draw(st.integers(0, 5000)))))
        month = (month + timedelta(days=32)).replace(day=1)
    return UsageService(
        service_id,
        "SMS",
        draw(st.decimals(min_value=Decimal(0), max_value=Decimal(2), places=3)),
        tuple(records),
        draw(terminations(first)),
    )


@st.composite
def customers(draw: st.DrawFn) -> list[BillingCustomer]:
    result = []
    next_id = 1
    for org in draw(st.lists(st.sampled_from(ORGS), min_size=1, max_size=3, unique=True)):
        services: list[Licence | OneOffCost | UsageService] = []
        kinds = st.sampled_from(["licence", "one_off", "usage"])
        for make in draw(st.lists(kinds, min_size=1, max_size=4)):
            if make == "licence":
                services.append(draw(licences(service_id=next_id)))
            elif make == "one_off":
                services.append(draw(one_offs(next_id)))
            else:
                services.append(draw(usages(next_id)))
            next_id += 1
        result.append(
            BillingCustomer(org, draw(st.sampled_from(list(DeliveryMethod))), tuple(services))
        )
    return result


def _licence_lines(licence: Licence) -> tuple[list[InvoiceLine], list[InvoiceLine]]:
    plan = plan_invoices(
        [BillingCustomer(ORGS[0], DeliveryMethod.PAPER, (licence,))], WIDE_FROM, WIDE_TO
    )
    invoiced = sorted(
        (ln for inv in plan if inv.kind is InvoiceKind.INVOICE for ln in inv.lines),
        key=lambda ln: ln.period_start,
    )
    credited = [ln for inv in plan if inv.kind is InvoiceKind.CREDIT for ln in inv.lines]
    return invoiced, credited


@PROPERTY_SETTINGS
@given(licences(min_price="100.00"))
def test_invoiced_periods_tile_billed_time_without_gap_or_overlap(licence: Licence) -> None:
    invoiced, credited = _licence_lines(licence)
    outcome = resolve_termination(licence)
    if licence.is_free or (outcome is not None and not outcome.billed):
        event("free" if licence.is_free else "cancelled in trial")
        assert invoiced == [] and credited == []
        return
    start = licence.billing_start
    assert invoiced[0].period_start == start
    for before, after in pairwise(invoiced):
        assert after.period_start == before.period_end + timedelta(days=1)
    for line in invoiced:
        period = period_containing(licence.period, line.period_start)
        assert line.period_end in period, "a line never spans two calendar periods"
        assert line.period_start in (start, period.start)
    last = invoiced[-1]
    event("terminated" if outcome else "running")
    event(f"credit note: {bool(credited)}")
    if outcome is None:
        assert credited == []
        assert last.period_end == WIDE_TO
        return
    # Invoiced minus credited is exactly billing start … paid-until.
    assert len(credited) <= 1
    if credited:
        (credit,) = credited
        assert credit.period_start == outcome.paid_until + timedelta(days=1)
        assert credit.period_end == last.period_end
    else:
        assert last.period_end == outcome.paid_until


@PROPERTY_SETTINGS
@given(licences(terminated=True))
def test_credit_never_exceeds_what_was_invoiced_and_is_whole_months(licence: Licence) -> None:
    """§12.3 (refunds by whole months): a credit is the whole months after paid-until at a
    twelfth of the annual price, never more than the credited line was invoiced at."""
    invoiced, credited = _licence_lines(licence)
    event(f"credit note: {bool(credited)}")
    assert sum(-c.amount for c in credited) <= sum(i.amount for i in invoiced)
    for credit in credited:
        assert credit.amount < 0
        (original,) = [ln for ln in invoiced if ln.period_end == credit.period_end]
        assert -credit.amount <= original.amount
        assert credit.period_start.day == 1
        months = (
            (credit.period_end.year - credit.period_start.year) * 12
            + credit.period_end.month
            - credit.period_start.month
            + 1
        )
        if original.period_start.day == 1:
            assert -credit.amount == round_ore(licence.annual_price * months / 12)


def _check_document(inv: PlannedInvoice, delivery: DeliveryMethod) -> None:
    assert inv.lines
    assert all(ln.amount != 0 and ln.amount.as_tuple().exponent == -2 for ln in inv.lines)
    if inv.kind is InvoiceKind.INVOICE:
        assert inv.fee == delivery.fee
        assert all(ln.amount > 0 for ln in inv.lines)
        assert inv.due_date > inv.invoice_date
    else:
        assert inv.fee == 0
        assert all(ln.amount < 0 for ln in inv.lines)
        assert inv.due_date == inv.invoice_date
    assert inv.net == sum((ln.amount for ln in inv.lines), Decimal(0)) + inv.fee
    assert inv.vat == (inv.net * Decimal("0.25")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert inv.total == inv.net + inv.vat
    assert inv.total == inv.lines_total + inv.fee + inv.vat


@PROPERTY_SETTINGS
@given(
    customers(),
    st.dates(date(2024, 1, 1), date(2032, 12, 31)),
    st.one_of(st.integers(0, 40), st.integers(300, 1500)),
)
def test_totals_equal_lines_plus_fee_plus_vat_and_plan_is_ordered(
    custs: list[BillingCustomer], date_from: date, days: int
) -> None:
    date_to = date_from + timedelta(days=days)
    plan = plan_invoices(custs, date_from, date_to)
    delivery = {c.org_number: c.delivery_method for c in custs}
    keys = []
    for inv in plan:
        assert date_from <= inv.invoice_date <= date_to
        _check_document(inv, delivery[inv.org_number])
        keys.append(
            (inv.invoice_date, inv.org_number, inv.kind is InvoiceKind.CREDIT, inv.due_date)
        )
    event(f"documents: {min(len(plan), 10)}{'+' if len(plan) >= 10 else ''}")
    event(f"credit note: {any(k[2] for k in keys)}")
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys), "one document per customer, kind, date and due date"


@PROPERTY_SETTINGS
@given(
    customers(),
    st.dates(date(2024, 1, 1), date(2032, 12, 31)),
    st.one_of(st.integers(0, 40), st.integers(300, 900)),
    st.one_of(st.integers(0, 40), st.integers(300, 900)),
)
def test_splitting_the_date_range_changes_nothing(
    custs: list[BillingCustomer], date_from: date, first_days: int, second_days: int
) -> None:
    middle = date_from + timedelta(days=first_days)
    date_to = middle + timedelta(days=1 + second_days)
    whole = plan_invoices(custs, date_from, date_to)
    parts = plan_invoices(custs, date_from, middle) + plan_invoices(
        custs, middle + timedelta(days=1), date_to
    )
    event(f"documents: {min(len(whole), 10)}{'+' if len(whole) >= 10 else ''}")
    event(f"credit note: {any(inv.kind is InvoiceKind.CREDIT for inv in whole)}")
    assert parts == whole
