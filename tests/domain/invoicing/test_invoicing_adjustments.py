"""Plans with price adjustments (property tests): adjusted documents agree with the plain plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from contractdesk.domain.invoicing import (
    BillingCustomer,
    DeliveryMethod,
    InvoicePeriod,
    Licence,
    OneOffCost,
    PriceAdjustment,
    Termination,
    UsageRecord,
    UsageService,
    adjusted_documents,
    plan_invoices,
)


@dataclass
class _Loaded:
    org_number: str
    delivery: DeliveryMethod
    services: list
    adjustments: dict = field(default_factory=dict)


def _adjusted_documents(customer: _Loaded, date_from: date, date_to: date) -> list:
    plain = BillingCustomer(customer.org_number, customer.delivery, tuple(customer.services))
    return adjusted_documents(plain, customer.adjustments, date_from, date_to)


ORG = "971049669"
FROM, TO = date(2026, 1, 1), date(2029, 12, 31)
days = st.integers(min_value=0, max_value=4 * 365)


@st.composite
def customers(draw: st.DrawFn) -> _Loaded:
    services: list = []
    for sid in range(draw(st.integers(1, 3))):
        start = date(2026, 1, 1) + timedelta(days=draw(days))
        termination = None
        if draw(st.booleans()):
            received = start + timedelta(days=draw(st.integers(-30, 700)))
            later = draw(st.one_of(st.none(), st.integers(0, 400)))
            termination = Termination(
                received, None if later is None else received + timedelta(days=later)
            )
        kind = draw(st.sampled_from(["licence", "licence", "usage", "one-off"]))
        if kind == "licence":
            price = Decimal(draw(st.integers(1, 5_000_000))) / 100
            services.append(
                Licence(
                    sid,
                    f"L{sid}",
                    price,
                    start,
                    draw(st.integers(0, 60)),
                    draw(st.sampled_from(list(InvoicePeriod))),
                    termination,
                )
            )
        elif kind == "usage":
            months = draw(st.lists(st.integers(0, 47), unique=True, max_size=10))
            records = tuple(
                UsageRecord(
                    date(2026 + m // 12, m % 12 + 1, 1), Decimal(draw(st.integers(0, 5000)))
                )
                for m in months
            )
            services.append(UsageService(sid, f"U{sid}", Decimal("0.395"), records, termination))
        else:
            services.append(
                OneOffCost(
                    sid, f"O{sid}", Decimal(draw(st.integers(0, 100_000))) / 100, start, termination
                )
            )
    return _Loaded(ORG, draw(st.sampled_from(list(DeliveryMethod))), services)


def _price(service) -> Decimal:  # type: ignore[no-untyped-def]
    return service.annual_price if isinstance(service, Licence) else service.unit_price


@settings(max_examples=150, deadline=None)
@given(customers(), st.lists(days, min_size=1, max_size=3, unique=True))
def test_adjustments_to_the_same_price_change_nothing(
    customer: _Loaded, offsets: list[int]
) -> None:
    for service in customer.services:
        if not isinstance(service, OneOffCost):
            customer.adjustments[int(service.service_id)] = [
                PriceAdjustment(
                    FROM + timedelta(days=o),
                    FROM,
                    _price(service),
                    _price(service),
                )
                for i, o in enumerate(sorted(offsets))
            ]
    plain = plan_invoices(
        [BillingCustomer(ORG, customer.delivery, tuple(customer.services))], FROM, TO
    )
    assert _adjusted_documents(customer, FROM, TO) == plain


@settings(max_examples=150, deadline=None)
@given(customers(), days, st.integers(1, 3_000_000))
def test_documents_before_an_adjustment_are_as_without_it(
    customer: _Loaded, offset: int, cents: int
) -> None:
    effective = FROM + timedelta(days=offset)
    for service in customer.services:
        if isinstance(service, Licence):
            customer.adjustments[int(service.service_id)] = [
                PriceAdjustment(
                    effective,
                    FROM,
                    service.annual_price,
                    Decimal(cents) / 100,
                )
            ]
    plain = plan_invoices(
        [BillingCustomer(ORG, customer.delivery, tuple(customer.services))], FROM, TO
    )
    adjusted = _adjusted_documents(customer, FROM, TO)
    assert [d for d in adjusted if d.invoice_date < effective] == [
        d for d in plain if d.invoice_date < effective
    ]
    for doc in adjusted:  # every document still adds up
        assert doc.net == sum((line.amount for line in doc.lines), doc.fee)
        assert doc.total == doc.net + doc.vat
