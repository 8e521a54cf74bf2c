"""History that stays true (issue 14, §10): a change from a date never alters the documents
dated before it, and a period change neither bills a day twice nor leaves one unbilled."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from contractdesk.domain.invoicing import (
    BillingCustomer,
    DeliveryMethod,
    InvoiceKind,
    InvoicePeriod,
    Licence,
    Termination,
    plan_invoices,
    resolve_termination,
)
from contractdesk.domain.invoicing.history import Change, History, plan_with_history

ORG = "971049669"
FROM, TO = date(2026, 1, 1), date(2029, 12, 31)
periods = st.sampled_from(list(InvoicePeriod))


@st.composite
def licences(draw: st.DrawFn) -> Licence:
    start = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 700)))
    termination = None
    if draw(st.booleans()):
        received = start + timedelta(days=draw(st.integers(0, 900)))
        termination = Termination(received)
    return Licence(
        1,
        "CRM",
        Decimal(draw(st.integers(1200, 5_000_000))) / 100,
        start,
        draw(st.integers(0, 45)),
        draw(periods),
        termination,
    )


def _plans(licence: Licence, new: InvoicePeriod, effective: date) -> tuple[list, list]:  # type: ignore[type-arg]
    customer = BillingCustomer(ORG, DeliveryMethod.EMAIL, (licence,))
    change = Change(effective, licence.period.cli_name, new.cli_name)
    changed = plan_with_history([customer], History(periods={1: [change]}), FROM, TO)
    return plan_invoices([customer], FROM, TO), changed


@settings(max_examples=200, deadline=None)
@given(licences(), periods, st.integers(0, 1400))
def test_section_10_period_change_keeps_every_document_dated_before_it(
    licence: Licence, new: InvoicePeriod, offset: int
) -> None:
    effective = FROM + timedelta(days=offset)
    plain, changed = _plans(licence, new, effective)
    assert [d for d in changed if d.invoice_date < effective] == [
        d for d in plain if d.invoice_date < effective
    ]


@settings(max_examples=200, deadline=None)
@given(licences(), periods, st.integers(0, 1400))
def test_section_10_period_change_bills_each_day_once(
    licence: Licence, new: InvoicePeriod, offset: int
) -> None:
    effective = FROM + timedelta(days=offset)
    _, changed = _plans(licence, new, effective)
    lines = sorted(
        (ln.period_start, ln.period_end)
        for d in changed
        if d.kind is InvoiceKind.INVOICE
        for ln in d.lines
    )
    for (_, end), (start, _) in itertools.pairwise(lines):
        assert start == end + timedelta(days=1)  # no gap, no overlap
    credits = [ln for d in changed if d.kind is InvoiceKind.CREDIT for ln in d.lines]
    if lines:
        assert lines[0][0] == licence.billing_start
        outcome = resolve_termination(licence)
        if outcome is not None and lines[-1][1] > outcome.paid_until:
            # Invoiced past paid-until only before the termination: then credited back (§12.3).
            [credit] = credits
            assert (credit.period_start, credit.period_end) == (
                outcome.paid_until + timedelta(days=1),
                lines[-1][1],
            )


def test_section_10_1_delivery_change_sets_the_fee_by_invoice_date() -> None:
    licence = Licence(1, "CRM", Decimal(12000), date(2027, 1, 1), 0, InvoicePeriod.QUARTERLY)
    customer = BillingCustomer(ORG, DeliveryMethod.EHF, (licence,))
    history = History(delivery={ORG: [Change(date(2027, 5, 1), "paper", "ehf")]})
    plan = plan_with_history([customer], history, date(2027, 1, 1), date(2027, 12, 31))
    assert [(d.invoice_date, d.fee, d.total) for d in plan] == [
        (date(2027, 1, 1), Decimal("45.00"), Decimal("3806.25")),  # (3,000 + 45) x 1.25
        (date(2027, 4, 3), Decimal("45.00"), Decimal("3806.25")),
        (date(2027, 7, 3), Decimal("0.00"), Decimal("3750.00")),
        (date(2027, 10, 3), Decimal("0.00"), Decimal("3750.00")),
    ]
