"""Invoice periods, delivery methods and service kinds: names, fees, invoice days, due days."""

from __future__ import annotations

from decimal import Decimal

import pytest

from contractdesk.domain.invoicing import DeliveryMethod, InvoiceKind, InvoicePeriod, ServiceKind


@pytest.mark.parametrize(
    ("period", "cli", "months", "day", "due"),
    [
        (InvoicePeriod.YEARLY, "yearly", 12, 1, 14),
        (InvoicePeriod.HALF_YEARLY, "half-yearly", 6, 2, 14),
        (InvoicePeriod.QUARTERLY, "quarterly", 3, 3, 14),
        (InvoicePeriod.BIMONTHLY, "bimonthly", 2, 4, 7),
        (InvoicePeriod.MONTHLY, "monthly", 1, 5, 7),
    ],
)
def test_invoice_period_table_of_terms_10(
    period: InvoicePeriod, cli: str, months: int, day: int, due: int
) -> None:
    assert period.cli_name == cli
    assert InvoicePeriod.parse(cli) is period
    assert InvoicePeriod.parse(period.value) is period
    assert period.months == months
    assert period.invoice_day == day
    assert period.due_days == due


def test_half_yearly_is_the_default() -> None:
    assert InvoicePeriod.default() is InvoicePeriod.HALF_YEARLY


@pytest.mark.parametrize("text", ["every-second-month", "Every-Second-Month", " bimonthly "])
def test_every_second_month_is_an_alias_of_bimonthly(text: str) -> None:
    assert InvoicePeriod.parse(text) is InvoicePeriod.BIMONTHLY


@pytest.mark.parametrize("text", ["", "weekly", "half", "2"])
def test_unknown_period_names_are_refused_with_the_choices(text: str) -> None:
    with pytest.raises(ValueError, match=r"yearly|half-yearly|quarterly|bimonthly|monthly"):
        InvoicePeriod.parse(text)


@pytest.mark.parametrize(
    ("method", "fee"),
    [
        (DeliveryMethod.PAPER, "45.00"),
        (DeliveryMethod.EMAIL, "12.00"),
        (DeliveryMethod.EHF, "0.00"),
    ],
)
def test_invoice_fee_by_delivery_method(method: DeliveryMethod, fee: str) -> None:
    assert method.fee == Decimal(fee)
    assert DeliveryMethod.parse(method.cli_name) is method


def test_delivery_method_parse_accepts_e_mail_and_refuses_fax() -> None:
    assert DeliveryMethod.parse("E-mail") is DeliveryMethod.EMAIL
    with pytest.raises(ValueError, match=r"paper|email|ehf"):
        DeliveryMethod.parse("fax")


def test_service_kind_cli_names() -> None:
    assert [k.cli_name for k in ServiceKind] == ["licence", "one-off", "usage"]
    assert ServiceKind.parse("one-off") is ServiceKind.ONE_OFF
    assert ServiceKind.parse("license") is ServiceKind.LICENCE
    with pytest.raises(ValueError, match=r"licence|one-off|usage"):
        ServiceKind.parse("subscription")


def test_document_kinds_print_as_the_json_values() -> None:
    assert str(InvoiceKind.INVOICE) == "invoice"
    assert str(InvoiceKind.CREDIT) == "credit"
