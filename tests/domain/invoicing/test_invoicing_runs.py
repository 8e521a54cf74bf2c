"""Invoice-run rules: KID (MOD10), account numbers (MOD11), what is left to freeze, credits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contractdesk.domain.invoicing import InvoiceKind, InvoiceLine, PlannedInvoice, ServiceKind
from contractdesk.domain.invoicing.runs import (
    InvalidAccountNumber,
    InvoicedPeriod,
    account_number,
    collection_notice_date,
    credited_targets,
    format_account_number,
    is_public_body,
    is_valid_kid,
    kid,
    line_key,
    unfrozen,
)


def _line(sid: int, start: date, end: date, amount: str) -> InvoiceLine:
    return InvoiceLine("CRM", sid, start, end, Decimal(amount), ServiceKind.LICENCE)


def _doc(kind: InvoiceKind, *lines: InvoiceLine, fee: str = "12.00") -> PlannedInvoice:
    net = sum((ln.amount for ln in lines), Decimal("0.00")) + Decimal(fee)
    vat = (net * Decimal("0.25")).quantize(Decimal("0.01"))
    return PlannedInvoice(
        kind,
        "923130969",
        date(2027, 1, 2),
        date(2027, 1, 16),
        lines,
        Decimal(fee),
        net,
        vat,
        net + vat,
    )


def test_kid_is_customer_and_number_with_a_luhn_check_digit() -> None:
    value = kid(42, 10001)
    assert value.startswith("000042" + "00010001")
    assert len(value) == 15
    assert is_valid_kid(value)
    broken = value[:-1] + str((int(value[-1]) + 1) % 10)
    assert not is_valid_kid(broken)
    from stdnum import luhn

    for customer, number in [(0, 0), (1, 1), (42, 10001), (999999, 99999999), (123, 123456789)]:
        body = f"{customer:06d}{number:08d}"
        assert kid(customer, number) == body + luhn.calc_check_digit(body)


def test_account_number_is_checked_with_mod11() -> None:
    assert account_number("8601.11.17947") == "86011117947"
    assert format_account_number("86011117947") == "8601.11.17947"
    with pytest.raises(InvalidAccountNumber):
        account_number("8601.11.17948")
    with pytest.raises(InvalidAccountNumber):
        account_number("1234")


def test_unfrozen_keeps_only_new_lines_and_recomputes_totals() -> None:
    a = _line(1, date(2027, 1, 1), date(2027, 6, 30), "6000.00")
    b = _line(2, date(2027, 1, 1), date(2027, 6, 30), "1000.00")
    doc = _doc(InvoiceKind.INVOICE, a, b)
    assert unfrozen([doc], set()) == [doc]
    left = unfrozen([doc], {line_key(a, InvoiceKind.INVOICE)})
    assert [ln.service_id for ln in left[0].lines] == [2]
    assert (left[0].net, left[0].vat, left[0].total) == (
        Decimal("1012.00"),
        Decimal("253.00"),
        Decimal("1265.00"),
    )
    assert (
        unfrozen([doc], {line_key(a, InvoiceKind.INVOICE), line_key(b, InvoiceKind.INVOICE)}) == []
    )
    # the same period as a credit line is another line
    assert unfrozen([doc], {line_key(a, InvoiceKind.CREDIT)})[0] == doc


def test_credit_note_targets_the_invoice_covering_its_period() -> None:
    credit = _doc(
        InvoiceKind.CREDIT, _line(1, date(2027, 4, 1), date(2027, 6, 30), "-3000.00"), fee="0.00"
    )
    invoiced = {
        1: [
            InvoicedPeriod(date(2026, 7, 1), date(2026, 12, 31), "old"),
            InvoicedPeriod(date(2027, 1, 1), date(2027, 6, 30), "current"),
        ]
    }
    assert credited_targets(credit, invoiced) == ("current",)
    assert credited_targets(credit, {}) == ()


def test_collection_notice_and_public_bodies() -> None:
    assert collection_notice_date(date(2027, 1, 16)) == date(2027, 1, 30)
    assert is_public_body("KOMM") and is_public_body("stat") and not is_public_body("AS")


def test_a_credit_is_measured_against_the_frozen_invoice_line() -> None:
    from contractdesk.domain.invoicing.runs import credit_as_invoiced

    credit = _doc(
        InvoiceKind.CREDIT, _line(1, date(2027, 4, 1), date(2027, 6, 30), "-6033.15"), fee="0.00"
    )
    frozen = {1: [InvoicedPeriod(date(2027, 1, 1), date(2027, 6, 30), 9, Decimal("6000.00"))]}
    planned = {(1, date(2027, 1, 1), date(2027, 6, 30)): Decimal("12000.00")}
    adjusted = credit_as_invoiced(credit, frozen, planned)
    assert adjusted.lines[0].amount == Decimal("-3016.57")
    assert adjusted.net == Decimal("-3016.57") and adjusted.vat == Decimal("-754.14")
    # the same price: unchanged; never more than was invoiced
    same = {(1, date(2027, 1, 1), date(2027, 6, 30)): Decimal("6000.00")}
    assert credit_as_invoiced(credit, frozen, same).lines[0].amount == Decimal("-6000.00")
    assert credit_as_invoiced(credit, {}, planned) == credit


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**7), st.integers(0, 10**10))
def test_kid_equals_stdnum_luhn_over_the_whole_number(customer: int, number: int) -> None:
    from stdnum import luhn

    body = f"{customer:06d}{number:08d}"
    assert kid(customer, number) == body + luhn.calc_check_digit(body)
    assert luhn.is_valid(kid(customer, number))
