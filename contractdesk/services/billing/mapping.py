"""Store rows of the billing area mapped to domain values and views (no SQL, no session)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from contractdesk.domain.invoicing import (
    DeliveryMethod,
    InvoicePeriod,
    Licence,
    OneOffCost,
    Service,
    ServiceKind,
    Termination,
    UsageRecord,
    UsageService,
    binding_end,
    earliest_end,
    price_on,
    resolve_termination,
)
from contractdesk.domain.money import round_ore
from contractdesk.services.billing.views import (
    BillingProfile,
    PriceAdjustmentView,
    ServiceView,
    UsageView,
    _dec,
    _iso,
)
from contractdesk.store.models import Customer, PriceChange, ServiceRecord
from contractdesk.store.queries import billing as queries
from contractdesk.store.queries.billing import Session, relationship_termination


def profile_of(customer: Customer) -> BillingProfile:
    """A customer's invoicing preferences; unreadable stored values fall back to the defaults."""
    try:
        delivery = DeliveryMethod.parse(customer.delivery_method)
    except ValueError:
        delivery = DeliveryMethod.EMAIL
    try:
        period = InvoicePeriod.parse(customer.invoice_period)
    except ValueError:
        period = InvoicePeriod.default()
    return BillingProfile(
        customer.org_number, customer.name, delivery, period, version=customer.version
    )


def snapshot(row: ServiceRecord) -> dict[str, Any]:
    """A service's fields for the audit log (no personal data)."""
    return {
        "kind": row.kind,
        "name": row.name,
        "annual_price": _dec(row.annual_price),
        "period": row.period,
        "start": _iso(row.start),
        "trial_days": row.trial_days,
        "amount": _dec(row.amount),
        "date": _iso(row.cost_date),
        "unit_price": _dec(row.unit_price),
        "terminated_on": _iso(row.terminated_on),
        "requested_end": _iso(row.requested_end),
    }


def adjustment_view(change: PriceChange) -> PriceAdjustmentView:
    return PriceAdjustmentView(
        change.id,
        change.service_id,
        change.effective,
        change.announced,
        change.old_price,
        change.new_price,
        change.kind,
    )


def base_price(row: ServiceRecord) -> Decimal:
    if row.kind == ServiceKind.LICENCE.value:
        return row.annual_price or Decimal(0)
    if row.kind == ServiceKind.USAGE.value:
        return row.unit_price or Decimal(0)
    return row.amount or Decimal(0)


def price_in_effect(
    base: Decimal, adjustments: Iterable[PriceAdjustmentView], day: date
) -> Decimal:
    """The price in effect on ``day`` (the domain's rule, over recorded adjustments)."""
    return price_on(base, (a.as_domain() for a in adjustments), day)


def service_to_domain(
    row: ServiceRecord, usage: Iterable[tuple[date, Decimal]], ended: date | None = None
) -> Service:
    """The domain value of a stored service; ``ended``: the relationship's end (§14), if any."""
    termination = (
        Termination(row.terminated_on, row.requested_end) if row.terminated_on is not None else None
    )
    if ended is not None:
        termination = relationship_termination(termination, ended)
    if row.kind == ServiceKind.LICENCE.value:
        assert row.annual_price is not None and row.start is not None and row.period is not None
        return Licence(
            row.id,
            row.name,
            row.annual_price,
            row.start,
            row.trial_days,
            InvoicePeriod.parse(row.period),
            termination,
        )
    if row.kind == ServiceKind.ONE_OFF.value:
        assert row.amount is not None and row.cost_date is not None
        return OneOffCost(row.id, row.name, row.amount, row.cost_date, termination)
    assert row.unit_price is not None
    records = tuple(UsageRecord(month, quantity) for month, quantity in usage)
    return UsageService(row.id, row.name, row.unit_price, records, termination)


def service_view(
    org: str,
    row: ServiceRecord,
    usage: list[tuple[date, Decimal]],
    adjustments: list[PriceAdjustmentView],
    today: date,
    ended: date | None = None,
) -> ServiceView:
    service = service_to_domain(row, usage, ended)
    outcome = resolve_termination(service)
    price = price_in_effect(base_price(row), adjustments, today)
    usage_views = tuple(
        UsageView(m, q, round_ore(q * price_in_effect(base_price(row), adjustments, m)))
        for m, q in usage
    )
    return ServiceView(
        id=row.id,
        org_number=org,
        kind=ServiceKind(row.kind),
        name=row.name,
        annual_price=row.annual_price,
        period=InvoicePeriod.parse(row.period) if row.period else None,
        start=row.start,
        trial_days=row.trial_days,
        amount=row.amount,
        cost_date=row.cost_date,
        unit_price=row.unit_price,
        termination=outcome,
        as_of=today,
        price=price,
        billing_start=service.billing_start if isinstance(service, Licence) else None,
        binding_end=binding_end(service),
        earliest_end=outcome.end if outcome is not None else earliest_end(service, today),
        adjustments=tuple(adjustments),
        usage=usage_views,
        version=row.version,
    )


def adjustment_views(
    s: Session, service_ids: Sequence[int]
) -> dict[int, list[PriceAdjustmentView]]:
    """Recorded adjustments of these services as views, by service id, by effective date."""
    return {
        sid: [adjustment_view(c) for c in changes]
        for sid, changes in queries.adjustments_by_service(s, service_ids).items()
    }


def service_views(
    s: Session, customer: Customer, rows: Sequence[ServiceRecord], today: date
) -> list[ServiceView]:
    """Views of one customer's services with their usage and adjustments (two queries)."""
    ids = [r.id for r in rows]
    usage = queries.usage_by_service(s, ids)
    adjustments = adjustment_views(s, ids)
    ended = customer.relationship_ended_on
    return [
        service_view(
            customer.org_number,
            row,
            usage.get(row.id, []),
            adjustments.get(row.id, []),
            today,
            ended,
        )
        for row in rows
    ]
