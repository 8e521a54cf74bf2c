"""Issue 6's worked example, figure for figure: half-yearly licence, trial, termination."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from contractdesk.domain.invoicing import (
    BillingCustomer,
    DeliveryMethod,
    InvoiceKind,
    InvoicePeriod,
    Licence,
    PlannedInvoice,
    binding_end,
    plan_invoices,
    resolve_termination,
)

ORG = "971049669"
LICENCE = Licence(
    service_id=7,
    name="Webmaster CRM",
    annual_price=Decimal(12000),
    start=date(2027, 3, 1),
    trial_days=30,
    period=InvoicePeriod.HALF_YEARLY,
)


def _plan(licence: Licence, until: date = date(2030, 12, 31)) -> list[PlannedInvoice]:
    customer = BillingCustomer(ORG, DeliveryMethod.EMAIL, (licence,))
    return plan_invoices([customer], date(2027, 1, 1), until)


def test_billing_starts_after_the_trial() -> None:
    assert LICENCE.billing_start == date(2027, 3, 31)


def test_first_invoice_is_dated_billing_start_and_pro_rated_by_days() -> None:
    first = _plan(LICENCE)[0]
    assert first.kind is InvoiceKind.INVOICE
    assert first.org_number == ORG
    assert first.invoice_date == date(2027, 3, 31)
    assert first.due_date == date(2027, 4, 14)
    assert len(first.lines) == 1
    line = first.lines[0]
    assert (line.period_start, line.period_end) == (date(2027, 3, 31), date(2027, 6, 30))
    assert line.service_id == 7
    assert line.description == "Webmaster CRM"
    assert line.amount == Decimal("3049.72")  # 6,000 x 92/181
    assert first.fee == Decimal("12.00")
    assert first.net == Decimal("3061.72")
    assert first.vat == Decimal("765.43")
    assert first.total == Decimal("3827.15")


def test_second_invoice_is_the_full_half_year_on_2_july() -> None:
    second = _plan(LICENCE)[1]
    assert second.invoice_date == date(2027, 7, 2)
    assert second.due_date == date(2027, 7, 16)
    assert [(ln.period_start, ln.period_end, ln.amount) for ln in second.lines] == [
        (date(2027, 7, 1), date(2027, 12, 31), Decimal("6000.00"))
    ]
    assert second.fee == Decimal("12.00")
    assert second.vat == Decimal("1503.00")
    assert second.total == Decimal("7515.00")


def test_termination_in_binding_runs_to_binding_end_and_month_end() -> None:
    terminated = LICENCE.terminated(date(2027, 9, 10))
    assert binding_end(terminated) == date(2028, 3, 30)
    outcome = resolve_termination(terminated)
    assert outcome is not None
    assert outcome.end == date(2028, 3, 30)
    assert outcome.paid_until == date(2028, 3, 31)

    plan = _plan(terminated)
    assert [inv.invoice_date for inv in plan] == [
        date(2027, 3, 31),
        date(2027, 7, 2),
        date(2028, 1, 2),
    ]
    last = plan[-1]
    assert last.kind is InvoiceKind.INVOICE
    assert last.due_date == date(2028, 1, 16)
    assert [(ln.period_start, ln.period_end, ln.amount) for ln in last.lines] == [
        (date(2028, 1, 1), date(2028, 3, 31), Decimal("3000.00"))  # 6,000 x 91/182
    ]
    # Nothing after, and no credit note: 2027's invoices end before the paid-until day.
    assert all(inv.kind is InvoiceKind.INVOICE for inv in plan)
