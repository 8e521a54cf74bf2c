"""Billing service: services, termination, usage, price adjustments, the plan and its CSV."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from contractdesk.domain.invoicing import InvoiceKind, InvoicePeriod, PriceWarningCode, ServiceKind
from contractdesk.services.billing import ServiceInput
from contractdesk.services.errors import NotFoundError, UserError
from contractdesk.store import audit
from contractdesk.store.models import AuditEntry, Customer

pytestmark = pytest.mark.both_engines  # each test runs on SQLite and on PostgreSQL

ORG = "971049669"
ORG_B = "923130969"
WORKED = ServiceInput(
    "licence", "Webmaster CRM", annual_price="12000", start=date(2027, 3, 1), trial_days=30
)


def add_customer(services, org: str = ORG, name: str = "Testesen AS") -> None:  # type: ignore[no-untyped-def]
    with services.store.session() as s:
        s.add(Customer(org_number=org, name=name, status="active"))


def actions(services) -> list[str]:  # type: ignore[no-untyped-def]
    with services.store.session() as s:
        return [e.action for e in s.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()]


def figures(invoice) -> tuple:  # type: ignore[no-untyped-def]
    d = invoice.to_json_dict()
    return (
        d["kind"],
        d["invoice_date"],
        d["due_date"],
        [(ln["period_start"], ln["period_end"], ln["amount"]) for ln in d["lines"]],
        d["fee"],
        d["net"],
        d["vat"],
        d["total"],
    )


@pytest.fixture
def billing(services):  # type: ignore[no-untyped-def]
    add_customer(services)
    return services.billing


# -- the worked example -------------------------------------------------------------------


def test_worked_example_through_the_service(billing) -> None:  # type: ignore[no-untyped-def]
    sid = billing.add_service(ORG, WORKED)
    plan = billing.plan(ORG, date(2027, 1, 1), date(2027, 12, 31))
    assert [figures(i) for i in plan] == [
        (
            "invoice",
            "2027-03-31",
            "2027-04-14",
            [("2027-03-31", "2027-06-30", "3049.72")],
            "12.00",
            "3061.72",
            "765.43",
            "3827.15",
        ),
        (
            "invoice",
            "2027-07-02",
            "2027-07-16",
            [("2027-07-01", "2027-12-31", "6000.00")],
            "12.00",
            "6012.00",
            "1503.00",
            "7515.00",
        ),
    ]
    assert plan[0].lines[0].service_id == sid and plan[0].lines[0].description == "Webmaster CRM"

    outcome = billing.terminate(sid, date(2027, 9, 10))
    assert (outcome.binding_end, outcome.end, outcome.paid_until) == (
        date(2028, 3, 30),
        date(2028, 3, 30),
        date(2028, 3, 31),
    )

    later = billing.plan(None, date(2028, 1, 1), date(2030, 12, 31))
    assert [figures(i) for i in later] == [
        (
            "invoice",
            "2028-01-02",
            "2028-01-16",
            [("2028-01-01", "2028-03-31", "3000.00")],
            "12.00",
            "3012.00",
            "753.00",
            "3765.00",
        ),
    ]
    assert actions(billing)[-2:] == ["service.added", "service.terminated"]


def test_a_monthly_price_from_the_ui_is_twelve_times_the_annual(billing) -> None:  # type: ignore[no-untyped-def]
    sid = billing.add_service(ORG, replace(WORKED, annual_price=None, monthly_price="1000"))
    view = billing.get_service(sid, today=date(2027, 5, 1))
    assert view.annual_price == Decimal("12000.00") and view.monthly_price == Decimal("1000.00")
    assert billing.plan(ORG, date(2027, 1, 1), date(2027, 4, 30))[0].lines[0].amount == Decimal(
        "3049.72"
    )


def test_service_view_shows_binding_end_and_earliest_end(billing) -> None:  # type: ignore[no-untyped-def]
    sid = billing.add_service(ORG, WORKED)
    during = billing.get_service(sid, today=date(2027, 5, 1))
    assert during.billing_start == date(2027, 3, 31)
    assert during.binding_end == date(2028, 3, 30)
    assert during.earliest_end == date(
        2028, 3, 30
    )  # terminating today still runs to the binding end
    after = billing.get_service(sid, today=date(2028, 6, 15))
    assert after.earliest_end == date(2028, 6, 15)
    assert after.termination is None
    as_json = after.as_dict()
    assert as_json["kind"] == "licence" and as_json["period"] == "half-yearly"
    assert as_json["annual_price"] == "12000.00" and as_json["binding_end"] == "2028-03-30"


def test_free_service_is_never_invoiced_and_binds_nothing(billing) -> None:  # type: ignore[no-untyped-def]
    sid = billing.add_service(ORG, replace(WORKED, annual_price="0"))
    view = billing.get_service(sid, today=date(2027, 5, 1))
    assert view.binding_end is None and view.earliest_end == date(2027, 5, 1) and view.is_free
    assert billing.plan(None, date(2027, 1, 1), date(2029, 12, 31)) == []


# -- customer preferences -------------------------------------------------------------------------


def test_delivery_method_decides_the_fee_and_is_audited(billing) -> None:  # type: ignore[no-untyped-def]
    billing.add_service(ORG, WORKED)
    assert billing.profile(ORG).delivery_method.value == "email"
    profile = billing.set_customer_billing(ORG, delivery_method="paper")
    assert profile.fee == Decimal("45.00")
    first = billing.plan(ORG, date(2027, 3, 1), date(2027, 3, 31))[0]
    assert (first.fee, first.net, first.vat, first.total) == (
        Decimal("45.00"),
        Decimal("3094.72"),
        Decimal("773.68"),
        Decimal("3868.40"),
    )
    billing.set_customer_billing(ORG, delivery_method="ehf")
    assert billing.plan(ORG, date(2027, 3, 1), date(2027, 3, 31))[0].fee == Decimal("0.00")
    assert actions(billing).count("customer.billing_changed") == 2


def test_default_period_applies_to_licences_added_afterwards(billing) -> None:  # type: ignore[no-untyped-def]
    before = billing.add_service(ORG, WORKED)
    billing.set_customer_billing(ORG, invoice_period="every-second-month")
    assert billing.profile(ORG).invoice_period is InvoicePeriod.BIMONTHLY
    after = billing.add_service(ORG, WORKED)
    explicit = billing.add_service(ORG, replace(WORKED, period="yearly"))
    periods = {v.id: v.period for v in billing.list_services(ORG)}
    assert periods == {
        before: InvoicePeriod.HALF_YEARLY,
        after: InvoicePeriod.BIMONTHLY,
        explicit: InvoicePeriod.YEARLY,
    }


def test_setting_nothing_or_nonsense_is_refused(billing) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="Give a delivery method or an invoice period"):
        billing.set_customer_billing(ORG)
    with pytest.raises(UserError, match="Delivery method: fax is not"):
        billing.set_customer_billing(ORG, delivery_method="fax")
    with pytest.raises(UserError, match="Invoice period: weekly is not"):
        billing.set_customer_billing(ORG, invoice_period="weekly")


# -- validation -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (replace(WORKED, start=None), "Start date is required"),
        (replace(WORKED, annual_price=None), "Annual price is required"),
        (replace(WORKED, annual_price="-1"), "Annual price cannot be negative"),
        (replace(WORKED, annual_price="12000.005"), "Annual price: at most 2 decimals"),
        (replace(WORKED, annual_price="twelve"), "Annual price: twelve is not an amount"),
        (replace(WORKED, annual_price="NaN"), "is not an amount"),
        (replace(WORKED, annual_price=12000.0), "give the amount as text or Decimal"),
        (replace(WORKED, monthly_price="1000"), "annual or a monthly price, not both"),
        (replace(WORKED, amount="500"), "amount does not apply to a licence service"),
        (replace(WORKED, trial_days=-1), "Trial days: a whole number"),
        (replace(WORKED, period="weekly"), "Invoice period: weekly"),
        (replace(WORKED, kind="subscription"), "Kind: subscription is not"),
        (replace(WORKED, name="  "), "Name is required"),
        (replace(WORKED, name="CRM\x00"), "Name: control characters"),
        (ServiceInput("one-off", "Setup", amount="500"), "Date is required"),
        (ServiceInput("one-off", "Setup", cost_date=date(2027, 1, 1)), "Amount is required"),
        (
            ServiceInput(
                "one-off", "Setup", amount="5", cost_date=date(2027, 1, 1), start=date(2027, 1, 1)
            ),
            "start does not apply to a one-off service",
        ),
        (ServiceInput("usage", "SMS"), "Unit price is required"),
        (ServiceInput("usage", "SMS", unit_price="0.1234567"), "Unit price: at most 6 decimals"),
        (
            ServiceInput("usage", "SMS", unit_price="0.5", annual_price="1"),
            "annual price does not apply",
        ),
    ],
)
def test_invalid_services_are_refused_with_the_field_named(billing, data, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match=message):
        billing.add_service(ORG, data)
    assert billing.list_services(ORG) == []


def test_unknown_customer_and_service_are_named(billing) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError, match="No customer with organisation number 923 130 969"):
        billing.add_service(ORG_B, WORKED)
    with pytest.raises(UserError, match="Organisation number"):
        billing.plan("123", date(2027, 1, 1), date(2027, 12, 31))
    with pytest.raises(NotFoundError, match="No service with id 99"):
        billing.terminate(99, date(2027, 1, 1))
    with pytest.raises(UserError, match="after its last day"):
        billing.plan(None, date(2027, 2, 1), date(2027, 1, 1))


def test_edit_keeps_the_kind_and_replans(billing) -> None:  # type: ignore[no-untyped-def]
    sid = billing.add_service(ORG, WORKED)
    view = billing.edit_service(
        sid, replace(billing.get_service(sid).as_input(), name="CRM Pro", annual_price="24000")
    )
    assert view.name == "CRM Pro" and view.annual_price == Decimal("24000.00")
    assert billing.plan(ORG, date(2027, 3, 1), date(2027, 3, 31))[0].lines[0].amount == Decimal(
        "6099.45"
    )
    with pytest.raises(UserError, match="cannot change its kind"):
        billing.edit_service(sid, ServiceInput("usage", "SMS", unit_price="1"))
    assert "service.edited" in actions(billing)


# -- one-off costs, usage, grouping ---------------------------------------------------------------


def test_one_off_on_a_licence_invoice_date_shares_the_invoice_and_its_fee(billing) -> None:  # type: ignore[no-untyped-def]
    billing.add_service(ORG, WORKED)
    setup = billing.add_service(
        ORG, ServiceInput("one-off", "Setup", amount="1500", cost_date=date(2027, 7, 2))
    )
    july = billing.plan(ORG, date(2027, 7, 1), date(2027, 7, 31))
    assert len(july) == 1
    assert [(ln.service_id, ln.amount) for ln in july[0].lines][1] == (setup, Decimal("1500.00"))
    assert (july[0].fee, july[0].net, july[0].total) == (
        Decimal("12.00"),
        Decimal("7512.00"),
        Decimal("9390.00"),
    )


def test_usage_is_invoiced_in_arrears_and_a_month_recorded_twice_is_replaced(billing) -> None:  # type: ignore[no-untyped-def]
    sms = billing.add_service(ORG, ServiceInput("usage", "SMS", unit_price="0.395"))
    billing.record_usage(sms, date(2027, 3, 1), "1000")
    usage = billing.record_usage(sms, date(2027, 3, 17), "1234")  # any day names its month
    assert (usage.month, usage.quantity, usage.amount) == (
        date(2027, 3, 1),
        Decimal("1234"),
        Decimal("487.43"),
    )
    [invoice] = billing.plan(ORG, date(2027, 1, 1), date(2027, 12, 31))
    assert figures(invoice) == (
        "invoice",
        "2027-04-01",
        "2027-04-15",
        [("2027-03-01", "2027-03-31", "487.43")],
        "12.00",
        "499.43",
        "124.86",
        "624.29",
    )
    assert [u.quantity for u in billing.get_service(sms).usage] == [Decimal("1234")]


def test_usage_is_only_recorded_for_usage_services(billing) -> None:  # type: ignore[no-untyped-def]
    sid = billing.add_service(ORG, WORKED)
    with pytest.raises(UserError, match="is not a usage service"):
        billing.record_usage(sid, date(2027, 3, 1), "10")
    sms = billing.add_service(ORG, ServiceInput("usage", "SMS", unit_price="0.5"))
    with pytest.raises(UserError, match="Quantity cannot be negative"):
        billing.record_usage(sms, date(2027, 3, 1), "-3")


def test_plan_across_customers_is_ordered_by_date_then_org_number(services) -> None:  # type: ignore[no-untyped-def]
    add_customer(services, ORG, "B-kunden AS")
    add_customer(services, ORG_B, "A-kunden AS")
    billing = services.billing
    billing.add_service(
        ORG,
        ServiceInput(
            "licence", "CRM", annual_price="1200", start=date(2027, 1, 1), period="monthly"
        ),
    )
    billing.add_service(
        ORG_B,
        ServiceInput(
            "licence", "CRM", annual_price="2400", start=date(2027, 1, 1), period="monthly"
        ),
    )
    plan = billing.plan(None, date(2027, 1, 1), date(2027, 2, 28))
    assert [(i.invoice_date.isoformat(), i.org_number) for i in plan] == [
        ("2027-01-01", ORG_B),
        ("2027-01-01", ORG),
        ("2027-02-05", ORG_B),
        ("2027-02-05", ORG),
    ]
    assert [c.name for c in billing.customers()] == ["A-kunden AS", "B-kunden AS"]
    assert [i.org_number for i in billing.plan(ORG, date(2027, 1, 1), date(2027, 2, 28))] == [
        ORG,
        ORG,
    ]


# -- termination ----------------------------------------------------------------------------------


def test_termination_after_the_binding_gives_a_credit_note_dated_the_day_received(billing) -> None:  # type: ignore[no-untyped-def]
    sid = billing.add_service(
        ORG, ServiceInput("licence", "CRM", annual_price="12000", start=date(2027, 1, 1))
    )
    view = billing.terminate(sid, date(2028, 2, 10))
    assert (view.binding_end, view.end, view.paid_until) == (
        date(2027, 12, 31),
        date(2028, 2, 10),
        date(2028, 2, 29),
    )
    plan = billing.plan(ORG, date(2028, 1, 1), date(2028, 12, 31))
    assert [figures(i) for i in plan] == [
        (
            "invoice",
            "2028-01-02",
            "2028-01-16",
            [("2028-01-01", "2028-06-30", "6000.00")],
            "12.00",
            "6012.00",
            "1503.00",
            "7515.00",
        ),
        (
            "credit",
            "2028-02-10",
            "2028-02-10",
            [("2028-03-01", "2028-06-30", "-4000.00")],
            "0.00",
            "-4000.00",
            "-1000.00",
            "-5000.00",
        ),
    ]
    assert plan[1].kind is InvoiceKind.CREDIT

    billing.withdraw_termination(sid)
    assert [i.kind for i in billing.plan(ORG, date(2028, 1, 1), date(2028, 12, 31))] == [
        InvoiceKind.INVOICE
    ] * 2


def test_a_later_requested_end_is_kept_and_a_reversed_one_refused(billing) -> None:  # type: ignore[no-untyped-def]
    sid = billing.add_service(ORG, WORKED)
    with pytest.raises(UserError, match="requested end 2027-09-01 is before"):
        billing.terminate(sid, date(2027, 9, 10), date(2027, 9, 1))
    preview = billing.preview_termination(sid, date(2027, 9, 10), date(2028, 8, 15))
    assert billing.get_service(sid).termination is None  # a preview saves nothing
    saved = billing.terminate(sid, date(2027, 9, 10), date(2028, 8, 15))
    assert saved == preview
    assert (saved.end, saved.paid_until) == (date(2028, 8, 15), date(2028, 8, 31))
    last = billing.plan(ORG, date(2028, 1, 1), date(2030, 12, 31))[-1]
    assert (last.invoice_date, last.lines[0].period_end, last.lines[0].amount) == (
        date(2028, 7, 2),
        date(2028, 8, 31),
        Decimal("2000.00"),
    )  # §12.3: July and August, 2 x 12,000 / 12


def test_a_one_off_cost_cancelled_before_its_date_is_not_invoiced(billing) -> None:  # type: ignore[no-untyped-def]
    sid = billing.add_service(
        ORG, ServiceInput("one-off", "Course", amount="4000", cost_date=date(2027, 6, 1))
    )
    billing.terminate(sid, date(2027, 5, 2))
    assert billing.plan(ORG, date(2027, 1, 1), date(2027, 12, 31)) == []


def test_removing_a_service_takes_its_usage_along(billing) -> None:  # type: ignore[no-untyped-def]
    sms = billing.add_service(ORG, ServiceInput("usage", "SMS", unit_price="0.5"))
    billing.record_usage(sms, date(2027, 3, 1), "10")
    billing.remove_service(sms)
    assert billing.list_services(ORG) == []
    assert billing.plan(None, date(2027, 1, 1), date(2027, 12, 31)) == []
    with billing.store.session() as s:
        assert s.execute(text("SELECT count(*) FROM usage_record")).scalar() == 0
    assert actions(billing)[-1] == "service.removed"


# -- price adjustments (§13.1) --------------------------------------------------------------------


def test_price_adjustment_applies_from_its_effective_date(billing) -> None:  # type: ignore[no-untyped-def]
    sid = billing.add_service(
        ORG, ServiceInput("licence", "CRM", annual_price="12000", start=date(2027, 1, 1))
    )
    view, warnings = billing.adjust_price(sid, date(2028, 1, 1), date(2027, 9, 15), "12600")
    assert warnings == [] and view.old_price == Decimal("12000.00")
    plan = billing.plan(ORG, date(2027, 6, 1), date(2028, 12, 31))
    assert [(i.invoice_date.isoformat(), str(i.lines[0].amount)) for i in plan] == [
        ("2027-07-02", "6000.00"),
        ("2028-01-02", "6300.00"),
        ("2028-07-02", "6300.00"),
    ]
    assert billing.get_service(sid, today=date(2028, 2, 1)).price == Decimal("12600")
    assert billing.get_service(sid, today=date(2027, 12, 31)).price == Decimal("12000.00")


def test_credit_note_refunds_at_the_price_the_period_was_invoiced_at(billing) -> None:  # type: ignore[no-untyped-def]
    sid = billing.add_service(
        ORG, ServiceInput("licence", "CRM", annual_price="12000", start=date(2027, 1, 1))
    )
    billing.adjust_price(sid, date(2028, 3, 1), date(2027, 9, 15), "24000")
    billing.terminate(sid, date(2028, 2, 10))  # the Jan-Jun 2028 half-year was invoiced at 12,000
    credit = billing.plan(ORG, date(2028, 1, 1), date(2028, 12, 31))[-1]
    assert credit.kind is InvoiceKind.CREDIT and credit.lines[0].amount == Decimal("-4000.00")


def test_price_adjustments_that_break_the_rules_are_saved_with_warnings(billing) -> None:  # type: ignore[no-untyped-def]
    sid = billing.add_service(
        ORG, ServiceInput("licence", "CRM", annual_price="12000", start=date(2027, 1, 1))
    )
    preview = billing.check_price_adjustment(sid, date(2028, 1, 1), date(2027, 10, 15), "12600")
    assert [w.code for w in preview] == [PriceWarningCode.ANNOUNCED_TOO_LATE]
    billing.adjust_price(sid, date(2028, 1, 1), date(2027, 9, 1), "12600")
    _, warnings = billing.adjust_price(
        sid, date(2028, 7, 1), date(2027, 9, 1), "13000", index_change=Decimal("0.02")
    )
    assert {w.code for w in warnings} == {
        PriceWarningCode.TWICE_IN_ONE_YEAR,
        PriceWarningCode.ABOVE_INDEX,
    }
    assert "at most once a year" in warnings[0].message
    assert {code for _, code in ((s, w.code) for s, w in billing.price_warnings(ORG))} == {
        PriceWarningCode.TWICE_IN_ONE_YEAR
    }
    with pytest.raises(UserError, match="already has a price adjustment effective 2028-01-01"):
        billing.adjust_price(sid, date(2028, 1, 1), date(2027, 9, 1), "12700")
    setup = billing.add_service(
        ORG, ServiceInput("one-off", "Setup", amount="100", cost_date=date(2027, 1, 1))
    )
    with pytest.raises(UserError, match="one-off cost has no price to adjust"):
        billing.adjust_price(setup, date(2028, 1, 1), date(2027, 9, 1), "200")


def test_usage_price_adjustment_applies_to_months_from_its_effective_date(billing) -> None:  # type: ignore[no-untyped-def]
    sms = billing.add_service(ORG, ServiceInput("usage", "SMS", unit_price="0.50"))
    for month in (1, 2, 3):
        billing.record_usage(sms, date(2027, month, 1), "100")
    billing.adjust_price(sms, date(2027, 2, 15), date(2026, 9, 1), "0.60")  # mid-month: from March
    plan = billing.plan(ORG, date(2027, 1, 1), date(2027, 12, 31))
    assert [str(i.lines[0].amount) for i in plan] == ["50.00", "50.00", "60.00"]


def test_adjusted_and_plain_customers_plan_alike_when_no_adjustment_is_in_effect(services) -> None:  # type: ignore[no-untyped-def]
    billing = services.billing
    for org in (ORG, ORG_B):
        add_customer(services, org)
        billing.add_service(
            org,
            ServiceInput(
                "licence",
                "CRM",
                annual_price="9999.99",
                start=date(2027, 2, 13),
                trial_days=11,
                period="quarterly",
            ),
        )
        billing.add_service(
            org, ServiceInput("one-off", "Setup", amount="100", cost_date=date(2027, 4, 3))
        )
        sms = billing.add_service(org, ServiceInput("usage", "SMS", unit_price="0.395"))
        billing.record_usage(sms, date(2027, 3, 1), "77")
        lic = billing.add_service(
            org,
            ServiceInput(
                "licence", "Extra", annual_price="600", start=date(2027, 1, 1), period="monthly"
            ),
        )
        billing.terminate(lic, date(2028, 3, 20))
    billing.adjust_price(lic, date(2040, 1, 1), date(2039, 9, 1), "700")  # only ORG_B's, far ahead

    def comparable(org: str) -> list[tuple]:
        # The same documents, lines and amounts; only the org number and the service ids differ.
        return [
            (figures(i), [ln.description for ln in i.lines])
            for i in billing.plan(org, date(2027, 1, 1), date(2028, 12, 31))
        ]

    plans = {org: comparable(org) for org in (ORG, ORG_B)}
    assert plans[ORG] == plans[ORG_B]
    assert len(plans[ORG]) > 10


# -- totals, chart data, CSV ----------------------------------------------------------------------


def test_coming_months_lists_every_month_with_zeros(billing) -> None:  # type: ignore[no-untyped-def]
    billing.add_service(ORG, WORKED)
    months = billing.coming_months(today=date(2027, 3, 15))
    assert (
        len(months) == 12
        and months[0].month == date(2027, 3, 1)
        and months[-1].month == date(2028, 2, 1)
    )
    totals = {m.month.month: str(m.total) for m in months if m.invoices}
    assert totals == {3: "3827.15", 7: "7515.00", 1: "7515.00"}
    assert months[1].total == Decimal("0.00")


def test_csv_export_writes_the_plan_and_is_audited(billing, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    billing.add_service(ORG, replace(WORKED, name='=HYPERLINK("x")'))
    target = tmp_path / "plan.csv"
    result = billing.export_csv(target, date(2027, 1, 1), date(2027, 12, 31))
    assert (result.rows, result.invoices) == (2, 2)
    rows = list(csv.reader(target.read_text(encoding="utf-8").splitlines(), delimiter=";"))
    assert rows[0][:3] == ["invoice", "kind", "org_number"]
    assert rows[1][2] == ORG and rows[1][5] == '\'=HYPERLINK("x")' and rows[1][9] == "3049.72"
    assert actions(billing)[-1] == "invoices.exported"


def test_csv_export_to_a_missing_folder_names_the_file_and_writes_nothing(
    billing, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    billing.add_service(ORG, WORKED)
    target = tmp_path / "missing" / "plan.csv"
    with pytest.raises(UserError, match=r"Could not write .*plan.csv"):
        billing.export_csv(target, date(2027, 1, 1), date(2027, 12, 31))
    assert not target.parent.exists()


# -- the store keeps its own rules ----------------------------------------------------------------


def test_database_refuses_incomplete_services_and_two_figures_for_a_month(billing) -> None:  # type: ignore[no-untyped-def]
    sms = billing.add_service(ORG, ServiceInput("usage", "SMS", unit_price="0.5"))
    billing.record_usage(sms, date(2027, 3, 1), "1")
    with pytest.raises(IntegrityError), billing.store.session() as s:
        s.execute(
            text(
                "INSERT INTO service (customer_id, kind, name, trial_days, created_at, updated_at) "
                "SELECT id, 'licence', 'x', 0, '', '' FROM customer"
            )
        )
    with pytest.raises(IntegrityError), billing.store.session() as s:
        s.execute(
            text(
                f"INSERT INTO usage_record (service_id, month, quantity, recorded_at) "
                f"VALUES ({sms}, '2027-03-01', '2', '')"
            )
        )
    with pytest.raises(IntegrityError), billing.store.session() as s:
        s.execute(
            text(
                f"INSERT INTO usage_record (service_id, month, quantity, recorded_at) "
                f"VALUES ({sms}, '2027-04-02', '2', '')"
            )
        )


def test_every_change_is_in_the_audit_chain(billing) -> None:  # type: ignore[no-untyped-def]
    sid = billing.add_service(ORG, WORKED)
    billing.terminate(sid, date(2027, 9, 10))
    billing.set_customer_billing(ORG, delivery_method="paper")
    with billing.store.session() as s:
        assert audit.verify(s).ok
    assert actions(billing)[-3:] == [
        "service.added",
        "service.terminated",
        "customer.billing_changed",
    ]
    assert ServiceKind.LICENCE.cli_name == "licence"
