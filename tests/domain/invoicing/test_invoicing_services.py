"""Service values refuse bad input: floats, negative amounts, bad dates, duplicate usage months."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from contractdesk.domain.invoicing import (
    BillingCustomer,
    DeliveryMethod,
    InvoicePeriod,
    Licence,
    OneOffCost,
    Termination,
    UsageRecord,
    UsageService,
)
from contractdesk.domain.orgnr import InvalidOrgNumber

S = date(2027, 3, 1)


def test_money_may_not_be_a_float() -> None:
    with pytest.raises(TypeError):
        Licence(1, "CRM", 12000.0, S)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        OneOffCost(1, "Setup", 99.5, S)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        UsageService(1, "SMS", 0.395)  # type: ignore[arg-type]


def test_ints_and_norwegian_strings_become_decimals() -> None:
    # Typed as Decimal for callers; ints and text are normalised at run time all the same.
    assert Licence(1, "CRM", 12000, S).annual_price == Decimal(12000)  # type: ignore[arg-type]
    setup = OneOffCost(1, "Setup", "12 000,50", S)  # type: ignore[arg-type]
    assert setup.amount == Decimal("12000.50")


@pytest.mark.parametrize("amount", ["-1", "NaN", "Infinity"])
def test_amounts_must_be_finite_and_not_negative(amount: str) -> None:
    with pytest.raises(ValueError):
        Licence(1, "CRM", Decimal(amount), S)


def test_trial_days_must_be_a_non_negative_int() -> None:
    with pytest.raises(ValueError):
        Licence(1, "CRM", Decimal(1), S, trial_days=-1)
    with pytest.raises(TypeError):
        Licence(1, "CRM", Decimal(1), S, trial_days=1.5)  # type: ignore[arg-type]


def test_dates_must_be_dates_not_datetimes() -> None:
    with pytest.raises(TypeError):
        Licence(1, "CRM", Decimal(1), datetime(2027, 3, 1, 12, 0))
    with pytest.raises(TypeError):
        Termination("2027-03-01")  # type: ignore[arg-type]


def test_requested_end_cannot_precede_the_termination() -> None:
    with pytest.raises(ValueError, match="before"):
        Termination(date(2027, 9, 10), date(2027, 9, 9))
    assert Termination(date(2027, 9, 10), date(2027, 9, 10)).effective_end == date(2027, 9, 10)
    assert Termination(date(2027, 9, 10)).effective_end == date(2027, 9, 10)


def test_licence_period_accepts_the_storage_name() -> None:
    licence = Licence(1, "CRM", Decimal(1), S, period="quarterly")  # type: ignore[arg-type]
    assert licence.period is InvoicePeriod.QUARTERLY
    assert Licence(1, "CRM", Decimal(1), S).period is InvoicePeriod.HALF_YEARLY


def test_monthly_price_makes_the_annual_price() -> None:
    licence = Licence.from_monthly_price(1, "CRM", "83.33", S, period=InvoicePeriod.MONTHLY)
    assert licence.annual_price == Decimal("999.96")
    assert licence.period is InvoicePeriod.MONTHLY


def test_terminated_returns_a_new_licence_and_keeps_the_old() -> None:
    licence = Licence(1, "CRM", Decimal(1), S)
    ended = licence.terminated(date(2027, 9, 10), date(2027, 12, 31))
    assert licence.termination is None
    assert ended.termination == Termination(date(2027, 9, 10), date(2027, 12, 31))


def test_usage_records_are_per_month_and_unique() -> None:
    record = UsageRecord(date(2027, 3, 17), Decimal(5))
    assert record.month == date(2027, 3, 1)
    with pytest.raises(ValueError, match="more than one record"):
        UsageService(
            1, "SMS", Decimal("0.395"), (record, UsageRecord(date(2027, 3, 1), Decimal(1)))
        )
    with pytest.raises(ValueError):
        UsageRecord(date(2027, 3, 1), Decimal(-1))


def test_with_usage_replaces_the_month() -> None:
    usage = UsageService(1, "SMS", Decimal("0.395"))
    usage = usage.with_usage(date(2027, 4, 1), 10).with_usage(date(2027, 3, 1), 5)
    usage = usage.with_usage(date(2027, 4, 30), 12)
    assert usage.quantity_for(date(2027, 4, 15)) == Decimal(12)
    assert usage.quantity_for(date(2027, 3, 1)) == Decimal(5)
    assert usage.quantity_for(date(2027, 5, 1)) == Decimal(0)
    assert [r.month for r in usage.usage] == [date(2027, 3, 1), date(2027, 4, 1)]


def test_billing_customer_checks_and_normalises_the_org_number() -> None:
    customer = BillingCustomer("971 049 669", DeliveryMethod.PAPER)
    assert customer.org_number == "971049669"
    with pytest.raises(InvalidOrgNumber):
        BillingCustomer("971049668", DeliveryMethod.PAPER)


def test_services_are_immutable() -> None:
    licence = Licence(1, "CRM", Decimal(1), S)
    with pytest.raises(AttributeError):
        licence.annual_price = Decimal(2)  # type: ignore[misc]
