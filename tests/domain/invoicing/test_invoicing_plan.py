"""The invoice plan: every period kind, pro-rating, grouping and fees, VAT, free services,
one-off costs, usage in arrears, termination and credit notes, ordering and date ranges."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from contractdesk.domain.invoicing import (
    BillingCustomer,
    DeliveryMethod,
    InvoiceKind,
    InvoicePeriod,
    Licence,
    OneOffCost,
    PlannedInvoice,
    Service,
    ServiceKind,
    Termination,
    UsageRecord,
    UsageService,
    customer_invoices,
    monthly_totals,
    plan_invoices,
    service_charges,
)

ORG_A = "971049669"
ORG_B = "974760673"
Y, H, Q, B, M = (
    InvoicePeriod.YEARLY,
    InvoicePeriod.HALF_YEARLY,
    InvoicePeriod.QUARTERLY,
    InvoicePeriod.BIMONTHLY,
    InvoicePeriod.MONTHLY,
)
FAR = date(2035, 12, 31)


def _plan(
    *services: Service,
    delivery: DeliveryMethod = DeliveryMethod.EHF,
    start: date = date(2020, 1, 1),
    end: date = FAR,
) -> list[PlannedInvoice]:
    return plan_invoices([BillingCustomer(ORG_A, delivery, services)], start, end)


def _lines(plan: list[PlannedInvoice]) -> list[tuple[str, date, date, date, Decimal]]:
    return [
        (inv.kind.value, inv.invoice_date, ln.period_start, ln.period_end, ln.amount)
        for inv in plan
        for ln in inv.lines
    ]


def _lic(period: InvoicePeriod, start: date, price: str = "12000", **kw: object) -> Licence:
    return Licence(1, "CRM", Decimal(price), start, period=period, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("period", "dates", "amount", "due_days"),
    [
        (Y, [date(2027, 1, 1)], "12000.00", 14),
        (H, [date(2027, 1, 1), date(2027, 7, 2)], "6000.00", 14),
        (
            Q,
            [date(2027, 1, 1), date(2027, 4, 3), date(2027, 7, 3), date(2027, 10, 3)],
            "3000.00",
            14,
        ),
        (B, [date(2027, m, 4 if m > 1 else 1) for m in (1, 3, 5, 7, 9, 11)], "2000.00", 7),
        (M, [date(2027, m, 5 if m > 1 else 1) for m in range(1, 13)], "1000.00", 7),
    ],
)
def test_a_year_of_each_period_kind_from_1_january(
    period: InvoicePeriod, dates: list[date], amount: str, due_days: int
) -> None:
    plan = _plan(_lic(period, date(2027, 1, 1)), end=date(2027, 12, 31))
    assert [inv.invoice_date for inv in plan] == dates
    assert all(inv.lines[0].amount == Decimal(amount) for inv in plan)
    assert all((inv.due_date - inv.invoice_date).days == due_days for inv in plan)
    assert sum(inv.lines_total for inv in plan) == Decimal("12000.00")


@pytest.mark.parametrize(
    ("period", "period_end", "amount", "due"),
    [
        (Y, date(2028, 12, 31), "10524.59", date(2028, 2, 29)),  # 12,000 x 321/366
        (H, date(2028, 6, 30), "4516.48", date(2028, 2, 29)),  # 6,000 x 137/182
        (Q, date(2028, 3, 31), "1516.48", date(2028, 2, 29)),  # 3,000 x 46/91
        (B, date(2028, 2, 29), "500.00", date(2028, 2, 22)),  # 2,000 x 15/60
        (M, date(2028, 2, 29), "517.24", date(2028, 2, 22)),  # 1,000 x 15/29
    ],
)
def test_first_invoice_in_a_leap_february_is_pro_rated_by_days(
    period: InvoicePeriod, period_end: date, amount: str, due: date
) -> None:
    first = _plan(_lic(period, date(2028, 2, 15)))[0]
    assert first.invoice_date == date(2028, 2, 15)
    assert first.due_date == due
    assert [(ln.period_start, ln.period_end, ln.amount) for ln in first.lines] == [
        (date(2028, 2, 15), period_end, Decimal(amount))
    ]


def test_pro_rating_rounds_half_up_to_ore() -> None:
    # 361.80 / 12 x 1/30 = 1.005 exactly: half up gives 1.01 (banker's rounding would give 1.00).
    first = _plan(_lic(M, date(2027, 4, 30), "361.80"))[0]
    assert first.lines[0].amount == Decimal("1.01")


def test_month_end_start_pays_one_day_then_full_months() -> None:
    plan = _plan(_lic(M, date(2027, 1, 31)), end=date(2027, 3, 31))
    assert _lines(plan) == [
        ("invoice", date(2027, 1, 31), date(2027, 1, 31), date(2027, 1, 31), Decimal("32.26")),
        ("invoice", date(2027, 2, 5), date(2027, 2, 1), date(2027, 2, 28), Decimal("1000.00")),
        ("invoice", date(2027, 3, 5), date(2027, 3, 1), date(2027, 3, 31), Decimal("1000.00")),
    ]


def test_start_inside_a_period_before_its_invoice_day_is_not_invoiced_twice() -> None:
    plan = _plan(_lic(H, date(2027, 7, 1)), end=date(2028, 1, 31))
    assert _lines(plan) == [
        ("invoice", date(2027, 7, 1), date(2027, 7, 1), date(2027, 12, 31), Decimal("6000.00")),
        ("invoice", date(2028, 1, 2), date(2028, 1, 1), date(2028, 6, 30), Decimal("6000.00")),
    ]


def test_trial_days_move_billing_start_and_first_invoice() -> None:
    plan = _plan(_lic(Q, date(2027, 12, 20), trial_days=14), end=date(2028, 4, 30))
    assert [inv.invoice_date for inv in plan] == [date(2028, 1, 3), date(2028, 4, 3)]
    assert plan[0].lines[0].period_start == date(2028, 1, 3)
    assert plan[0].lines[0].amount == Decimal("2934.07")  # 3,000 x 89/91


@pytest.mark.parametrize(
    ("delivery", "fee", "vat", "total"),
    [
        (DeliveryMethod.PAPER, "45.00", "761.25", "3806.25"),
        (DeliveryMethod.EMAIL, "12.00", "753.00", "3765.00"),
        (DeliveryMethod.EHF, "0.00", "750.00", "3750.00"),
    ],
)
def test_invoice_fee_by_delivery_method_and_vat_on_lines_plus_fee(
    delivery: DeliveryMethod, fee: str, vat: str, total: str
) -> None:
    inv = _plan(_lic(Q, date(2027, 1, 1)), delivery=delivery)[0]
    assert inv.lines_total == Decimal("3000.00")
    assert (inv.fee, inv.net, inv.vat, inv.total) == (
        Decimal(fee),
        Decimal("3000.00") + Decimal(fee),
        Decimal(vat),
        Decimal(total),
    )


def test_vat_is_rounded_per_invoice_not_per_line() -> None:
    # Two lines of 0.02: per line VAT would be 0.01 + 0.01; per invoice 0.04 x 25 % = 0.01.
    services = (
        OneOffCost(1, "A", Decimal("0.02"), date(2027, 5, 10)),
        OneOffCost(2, "B", Decimal("0.02"), date(2027, 5, 10)),
    )
    (inv,) = _plan(*services)
    assert len(inv.lines) == 2
    assert inv.vat == Decimal("0.01")
    assert inv.total == Decimal("0.05")


def test_lines_with_same_dates_form_one_invoice_with_one_fee() -> None:
    services = (
        _lic(H, date(2027, 1, 1)),
        OneOffCost(2, "Course", Decimal(1500), date(2027, 7, 2)),
    )
    plan = _plan(
        *services, delivery=DeliveryMethod.PAPER, start=date(2027, 7, 1), end=date(2027, 7, 31)
    )
    (inv,) = plan
    assert [(ln.service_id, ln.amount) for ln in inv.lines] == [
        (1, Decimal("6000.00")),
        (2, Decimal("1500.00")),
    ]
    assert inv.fee == Decimal("45.00")
    assert inv.net == Decimal("7545.00")
    assert inv.vat == Decimal("1886.25")
    assert inv.total == Decimal("9431.25")


def test_same_date_but_different_due_date_makes_two_invoices_two_fees() -> None:
    services = (
        _lic(M, date(2027, 1, 1)),  # 5 July, due 12 July
        OneOffCost(2, "Course", Decimal(1500), date(2027, 7, 5)),  # due 19 July
    )
    plan = _plan(
        *services, delivery=DeliveryMethod.EMAIL, start=date(2027, 7, 1), end=date(2027, 7, 31)
    )
    assert [(inv.invoice_date, inv.due_date, inv.fee) for inv in plan] == [
        (date(2027, 7, 5), date(2027, 7, 12), Decimal("12.00")),
        (date(2027, 7, 5), date(2027, 7, 19), Decimal("12.00")),
    ]


def test_yearly_licence_and_december_usage_share_the_1_january_invoice() -> None:
    services = (
        _lic(Y, date(2027, 1, 1)),
        UsageService(2, "SMS", Decimal("0.50"), (UsageRecord(date(2027, 12, 1), Decimal(100)),)),
    )
    plan = _plan(*services, start=date(2028, 1, 1), end=date(2028, 1, 31))
    (inv,) = plan
    assert inv.invoice_date == date(2028, 1, 1)
    assert [ln.service_kind for ln in inv.lines] == [ServiceKind.LICENCE, ServiceKind.USAGE]
    assert inv.lines_total == Decimal("12050.00")


def test_free_services_produce_no_invoice_and_no_fee_only_invoice() -> None:
    services = (
        _lic(M, date(2027, 1, 1), price="0"),
        OneOffCost(2, "Free setup", Decimal(0), date(2027, 2, 1)),
        UsageService(3, "SMS", Decimal(0), (UsageRecord(date(2027, 1, 1), Decimal(100)),)),
        UsageService(4, "SMS", Decimal("0.39"), (UsageRecord(date(2027, 1, 1), Decimal(0)),)),
    )
    assert _plan(*services, delivery=DeliveryMethod.PAPER) == []


def test_one_off_is_invoiced_on_its_date_due_in_14_days() -> None:
    (inv,) = _plan(OneOffCost(5, "Setup", Decimal("2500.004"), date(2027, 6, 10)))
    assert (inv.invoice_date, inv.due_date) == (date(2027, 6, 10), date(2027, 6, 24))
    line = inv.lines[0]
    assert (line.period_start, line.period_end, line.amount) == (
        date(2027, 6, 10),
        date(2027, 6, 10),
        Decimal("2500.00"),
    )


@pytest.mark.parametrize(
    ("termination", "invoiced"),
    [
        (Termination(date(2027, 6, 1)), False),  # cancelled before the work
        (Termination(date(2027, 6, 10)), True),  # on the day
        (Termination(date(2027, 6, 1), date(2027, 6, 30)), True),  # runs on past the date
    ],
)
def test_cancelled_one_off_after_the_end_is_not_invoiced(
    termination: Termination, invoiced: bool
) -> None:
    cost = OneOffCost(5, "Setup", Decimal(2500), date(2027, 6, 10), termination)
    assert bool(_plan(cost)) is invoiced


def test_usage_is_invoiced_in_arrears_on_the_1st_due_in_14_days() -> None:
    usage = UsageService(
        9,
        "SMS",
        Decimal("0.395"),
        (
            UsageRecord(date(2027, 3, 1), Decimal(1234)),
            UsageRecord(date(2027, 4, 1), Decimal(3)),
            UsageRecord(date(2027, 12, 1), Decimal(10)),
        ),
    )
    plan = _plan(usage)
    assert [(inv.invoice_date, inv.due_date) for inv in plan] == [
        (date(2027, 4, 1), date(2027, 4, 15)),
        (date(2027, 5, 1), date(2027, 5, 15)),
        (date(2028, 1, 1), date(2028, 1, 15)),
    ]
    assert _lines(plan)[:2] == [
        ("invoice", date(2027, 4, 1), date(2027, 3, 1), date(2027, 3, 31), Decimal("487.43")),
        (
            "invoice",
            date(2027, 5, 1),
            date(2027, 4, 1),
            date(2027, 4, 30),
            Decimal("1.19"),
        ),  # 1.185
    ]


def test_usage_after_the_end_month_is_not_invoiced() -> None:
    records = tuple(UsageRecord(date(2027, m, 1), Decimal(100)) for m in range(3, 9))
    usage = UsageService(9, "SMS", Decimal("0.50"), records, Termination(date(2027, 5, 10)))
    assert [ln.period_start for inv in _plan(usage) for ln in inv.lines] == [
        date(2027, 3, 1),
        date(2027, 4, 1),
        date(2027, 5, 1),
    ]


def test_usage_runs_to_the_requested_end() -> None:
    records = tuple(UsageRecord(date(2027, m, 1), Decimal(100)) for m in range(3, 9))
    usage = UsageService(
        9, "SMS", Decimal("0.50"), records, Termination(date(2027, 5, 10), date(2027, 7, 1))
    )
    assert len(_plan(usage)) == 5


# --- licence termination ------------------------------------------------------------------

EXAMPLE = Licence(1, "CRM", Decimal(12000), date(2027, 3, 1), trial_days=30)  # B = 2027-03-31


def test_termination_after_binding_credits_the_rest_of_an_invoiced_period() -> None:
    plan = _plan(EXAMPLE.terminated(date(2028, 5, 10)), delivery=DeliveryMethod.EMAIL)
    assert [(inv.kind.value, inv.invoice_date) for inv in plan] == [
        ("invoice", date(2027, 3, 31)),
        ("invoice", date(2027, 7, 2)),
        ("invoice", date(2028, 1, 2)),
        ("credit", date(2028, 5, 10)),
    ]
    credit = plan[-1]
    assert credit.due_date == date(2028, 5, 10)
    assert [(ln.period_start, ln.period_end, ln.amount) for ln in credit.lines] == [
        (date(2028, 6, 1), date(2028, 6, 30), Decimal("-1000.00"))  # §12.3: 1 month x 12,000/12
    ]
    assert credit.fee == Decimal("0.00")
    assert (credit.net, credit.vat, credit.total) == (
        Decimal("-1000.00"),
        Decimal("-250.00"),
        Decimal("-1250.00"),
    )


def test_requested_end_beyond_binding_pro_rates_the_period_invoiced_after_termination() -> None:
    plan = _plan(EXAMPLE.terminated(date(2027, 9, 10), date(2028, 8, 15)))
    assert _lines(plan)[-2:] == [
        ("invoice", date(2028, 1, 2), date(2028, 1, 1), date(2028, 6, 30), Decimal("6000.00")),
        ("invoice", date(2028, 7, 2), date(2028, 7, 1), date(2028, 8, 31), Decimal("2000.00")),
    ]


def test_cancelled_in_trial_nothing_is_invoiced() -> None:
    assert _plan(EXAMPLE.terminated(date(2027, 3, 15)), delivery=DeliveryMethod.PAPER) == []


def test_section_5_1_cancelled_in_trial_with_end_after_billing_start_binds_12_months() -> None:
    # Issue 14: an end date after billing starts binds the 12 months like any order.
    plan = _plan(EXAMPLE.terminated(date(2027, 3, 15), date(2027, 5, 10)))
    assert _lines(plan) == [
        ("invoice", date(2027, 3, 31), date(2027, 3, 31), date(2027, 6, 30), Decimal("3049.72")),
        ("invoice", date(2027, 7, 2), date(2027, 7, 1), date(2027, 12, 31), Decimal("6000.00")),
        ("invoice", date(2028, 1, 2), date(2028, 1, 1), date(2028, 3, 31), Decimal("3000.00")),
    ]


def test_first_invoice_credited_when_terminated_after_binding_in_its_period() -> None:
    # Yearly licence from 2027-01-01 binds until 2027-12-31; terminated 2028-03-10.
    plan = _plan(_lic(Y, date(2027, 1, 1)).terminated(date(2028, 3, 10)))
    assert _lines(plan) == [
        ("invoice", date(2027, 1, 1), date(2027, 1, 1), date(2027, 12, 31), Decimal("12000.00")),
        ("invoice", date(2028, 1, 1), date(2028, 1, 1), date(2028, 12, 31), Decimal("12000.00")),
        ("credit", date(2028, 3, 10), date(2028, 4, 1), date(2028, 12, 31), Decimal("-9000.00")),
    ]


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        # Received on the invoice day: invoiced in full, the rest credited the same day.
        (
            date(2028, 4, 3),
            [
                (
                    "invoice",
                    date(2028, 4, 3),
                    date(2028, 4, 1),
                    date(2028, 6, 30),
                    Decimal("3000.00"),
                ),
                (
                    "credit",
                    date(2028, 4, 3),
                    date(2028, 5, 1),
                    date(2028, 6, 30),
                    Decimal("-2000.00"),
                ),
            ],
        ),
        # Received the day before: the quarter is invoiced only to the paid-until day.
        (
            date(2028, 4, 2),
            [
                (
                    "invoice",
                    date(2028, 4, 3),
                    date(2028, 4, 1),
                    date(2028, 4, 30),
                    Decimal("1000.00"),
                )
            ],
        ),
    ],
)
def test_termination_on_and_before_the_invoice_day(
    received: date, expected: list[tuple[object, ...]]
) -> None:
    licence = _lic(Q, date(2027, 1, 1)).terminated(received)
    assert _lines(_plan(licence, start=date(2028, 4, 1)))[-len(expected) :] == expected
    assert _plan(licence, start=date(2028, 5, 1)) == []


def test_monthly_licence_terminated_in_binding_is_invoiced_to_binding_end_without_credit() -> None:
    plan = _plan(_lic(M, date(2027, 1, 1)).terminated(date(2027, 6, 20)))
    assert len(plan) == 12
    assert plan[-1].lines[0].period_end == date(2027, 12, 31)
    assert all(inv.kind is InvoiceKind.INVOICE for inv in plan)


def test_monthly_licence_terminated_before_invoice_day_pays_that_whole_month() -> None:
    plan = _plan(_lic(M, date(2027, 1, 1)).terminated(date(2028, 3, 3)))
    assert plan[-1].invoice_date == date(2028, 3, 5)
    assert plan[-1].lines[0].amount == Decimal("1000.00")


def test_credit_notes_of_several_services_on_one_day_form_one_note() -> None:
    d = date(2028, 5, 10)
    services = (
        Licence(1, "CRM", Decimal(12000), date(2027, 1, 1), termination=Termination(d)),
        Licence(2, "Web", Decimal(6000), date(2027, 1, 1), termination=Termination(d)),
    )
    credit = [
        inv
        for inv in _plan(*services, delivery=DeliveryMethod.PAPER)
        if inv.kind is InvoiceKind.CREDIT
    ]
    (note,) = credit
    assert [ln.service_id for ln in note.lines] == [1, 2]
    assert note.fee == Decimal("0.00")
    assert note.net == Decimal("-1000.00") + Decimal("-500.00")  # §12.3: June, whole months


# --- range, ordering, totals, JSON -----------------------------------------------------------


def test_range_bounds_are_inclusive_and_reversed_range_is_refused() -> None:
    licence = _lic(Q, date(2027, 1, 1))
    assert [
        i.invoice_date for i in _plan(licence, start=date(2027, 4, 3), end=date(2027, 7, 3))
    ] == [
        date(2027, 4, 3),
        date(2027, 7, 3),
    ]
    assert _plan(licence, start=date(2027, 4, 4), end=date(2027, 7, 2)) == []
    with pytest.raises(ValueError, match="after"):
        _plan(licence, start=date(2027, 2, 1), end=date(2027, 1, 1))


def test_plan_is_sorted_by_date_then_org_number_then_invoices_before_credits() -> None:
    d = date(2028, 4, 3)
    a = BillingCustomer(ORG_A, DeliveryMethod.EHF, (_lic(Q, date(2027, 1, 1)).terminated(d),))
    b = BillingCustomer(ORG_B, DeliveryMethod.EHF, (_lic(Q, date(2027, 1, 1)),))
    plan = plan_invoices([b, a], date(2028, 1, 1), date(2028, 4, 30))
    assert [(inv.invoice_date, inv.org_number, inv.kind.value) for inv in plan] == [
        (date(2028, 1, 3), ORG_A, "invoice"),
        (date(2028, 1, 3), ORG_B, "invoice"),
        (d, ORG_A, "invoice"),
        (d, ORG_A, "credit"),
        (d, ORG_B, "invoice"),
    ]
    assert customer_invoices(a, date(2028, 1, 1), date(2028, 4, 30)) == [
        inv for inv in plan if inv.org_number == ORG_A
    ]


def test_service_charges_tells_one_service_s_lines() -> None:
    charges = service_charges(
        EXAMPLE.terminated(date(2028, 5, 10)), date(2028, 1, 1), date(2028, 12, 31)
    )
    assert [(c.kind, c.invoice_date, c.due_date, c.line.amount) for c in charges] == [
        (InvoiceKind.INVOICE, date(2028, 1, 2), date(2028, 1, 16), Decimal("6000.00")),
        (InvoiceKind.CREDIT, date(2028, 5, 10), date(2028, 5, 10), Decimal("-1000.00")),
    ]


def test_monthly_totals_count_credits_negative() -> None:
    plan = _plan(
        EXAMPLE.terminated(date(2028, 5, 10)), delivery=DeliveryMethod.EMAIL, start=date(2028, 1, 1)
    )
    totals = monthly_totals(plan)
    assert [(t.month, t.invoices, t.credit_notes, t.net, t.vat, t.total) for t in totals] == [
        (date(2028, 1, 1), 1, 0, Decimal("6012.00"), Decimal("1503.00"), Decimal("7515.00")),
        (date(2028, 5, 1), 0, 1, Decimal("-1000.00"), Decimal("-250.00"), Decimal("-1250.00")),
    ]


def test_json_form_has_the_cli_keys_and_decimal_strings() -> None:
    plan = _plan(EXAMPLE.terminated(date(2028, 5, 10)), delivery=DeliveryMethod.EMAIL)
    assert plan[0].to_json_dict() == {
        "org_number": ORG_A,
        "kind": "invoice",
        "invoice_date": "2027-03-31",
        "due_date": "2027-04-14",
        "lines": [
            {
                "description": "CRM",
                "service_id": 1,
                "period_start": "2027-03-31",
                "period_end": "2027-06-30",
                "amount": "3049.72",
            }
        ],
        "fee": "12.00",
        "net": "3061.72",
        "vat": "765.43",
        "total": "3827.15",
        "collection_notice": "2027-04-28",  # §10.2: due + 14 days
    }
    credit = plan[-1].to_json_dict()
    assert (credit["kind"], credit["fee"], credit["total"]) == ("credit", "0.00", "-1250.00")


def test_credit_is_whole_months_at_a_twelfth_of_the_annual_price_section_12_3() -> None:
    # §12.3 (product owner: refunds by whole months): 1,000.03 a year, H1 2028 invoiced as
    # 500.02; terminated 10 February, paid until 29 February; March-June credited as
    # 4 x 1,000.03 / 12 = 333.34.
    licence = _lic(H, date(2027, 1, 1), "1000.03").terminated(date(2028, 2, 10))
    assert _lines(_plan(licence, start=date(2028, 1, 1))) == [
        ("invoice", date(2028, 1, 2), date(2028, 1, 1), date(2028, 6, 30), Decimal("500.02")),
        ("credit", date(2028, 2, 10), date(2028, 3, 1), date(2028, 6, 30), Decimal("-333.34")),
    ]
