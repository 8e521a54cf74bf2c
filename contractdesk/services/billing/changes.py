"""Changes that take effect from a date (issue 14, "history that stays true"): a customer's
delivery method, a service's invoice period and price. Documents dated before the effective
date stay as they were; the default effective date is the next invoice not yet handed over (the
first planned invoice dated today or later)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from contractdesk.domain.invoicing import (
    DeliveryMethod,
    InvoiceKind,
    InvoicePeriod,
    PlannedInvoice,
    ServiceKind,
)
from contractdesk.domain.invoicing.periods import month_start
from contractdesk.errors import UserError
from contractdesk.i18n import fill, format_day, translate
from contractdesk.services.billing.mapping import (
    adjustment_views,
    base_price,
    price_in_effect,
    profile_of,
    snapshot,
)
from contractdesk.services.billing.validation import (
    parse_delivery,
    parse_kind,
    parse_period,
    service_values,
)
from contractdesk.services.billing.views import BillingProfile, ServiceInput, ServiceView
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import Customer, PriceChange, ServiceRecord
from contractdesk.store.queries import billing as queries
from contractdesk.store.queries.billing import Session
from contractdesk.store.queries.customers import customer_by_org_number
from contractdesk.store.versions import expect_version

LOOK_AHEAD = timedelta(days=800)  # far enough to find the next invoice of any period


class ChangeUseCases:
    """The dated-change part of :class:`BillingService`."""

    store: Store

    if TYPE_CHECKING:  # provided by PlanUseCases and BillingService

        def plan(
            self, org_number: str | None, date_from: date, date_to: date
        ) -> list[PlannedInvoice]: ...

        def get_service(self, service_id: int, *, today: date | None = None) -> ServiceView: ...

    def next_invoice_date(
        self, org_number: str, *, service_id: int | None = None, today: date | None = None
    ) -> date:
        """The date of the next invoice not yet handed over (the first planned invoice dated
        ``today`` or later), of one service if given; ``today`` when none is planned."""
        day = today or date.today()
        for invoice in self.plan(org_number, day, day + LOOK_AHEAD):
            if invoice.kind is not InvoiceKind.INVOICE:
                continue
            if service_id is None or any(ln.service_id == service_id for ln in invoice.lines):
                return invoice.invoice_date
        return day

    def set_customer_billing(
        self,
        org_number: str,
        *,
        delivery_method: DeliveryMethod | str | None = None,
        invoice_period: InvoicePeriod | str | None = None,
        effective: date | None = None,
        expected_version: int | None = None,
        actor: str = "owner",
    ) -> BillingProfile:
        """Change how the customer receives invoices (the fee, from ``effective`` on: default the
        next invoice not yet handed over) and/or its default invoice period for new licences."""
        delivery = None if delivery_method is None else parse_delivery(delivery_method)
        period = None if invoice_period is None else parse_period(invoice_period)
        if delivery is None and period is None:
            raise UserError(
                translate(
                    "BillingService", "Give a delivery method or an invoice period to change."
                )
            )
        day = effective
        if delivery is not None and day is None:
            day = self.next_invoice_date(org_number)
        with self.store.session() as s:
            customer = customer_by_org_number(s, org_number)
            mine: dict[str, Any] = {}
            if delivery is not None:
                mine["delivery_method"] = delivery.value
            if period is not None:
                mine["invoice_period"] = period.cli_name
            expect_version(customer, expected_version, entity="customer", mine=mine)
            before = profile_of(customer)
            payload: dict[str, Any] = {}
            if delivery is not None and delivery is not before.delivery_method:
                assert day is not None
                customer.delivery_method = queries.record_change(
                    s, customer.id, "delivery_method", day, before.delivery_method.value,
                    delivery.value,
                )  # fmt: skip
                payload["effective"] = day.isoformat()
            if period is not None:
                customer.invoice_period = period.cli_name
            after = profile_of(customer)
            if after != before:
                audit.append(
                    s,
                    actor=actor,
                    action="customer.billing_changed",
                    entity_type="customer",
                    entity_id=customer.org_number,
                    payload={"before": _audited(before), "after": _audited(after), **payload},
                )
            s.flush()
            return profile_of(customer)

    def edit_service(
        self,
        service_id: int,
        data: ServiceInput,
        *,
        effective: date | None = None,
        expected_version: int | None = None,
        actor: str = "owner",
    ) -> ServiceView:
        """Change a service's fields (its kind stays); usage, adjustments and termination stay.

        A licence's invoice period and a licence's or usage service's price change from
        ``effective`` on (default: the service's next invoice not yet handed over); documents
        dated before it keep the old values. A one-off cost already invoiced cannot change.
        """
        day = effective or self._default_effective(service_id)
        with self.store.session() as s:
            row = queries.service_by_id(s, service_id)
            customer = s.get(Customer, row.customer_id)
            assert customer is not None
            if parse_kind(data.kind).value != row.kind:
                raise UserError(
                    translate(
                        "BillingService",
                        "A service cannot change its kind; add a new service instead.",
                    ),
                    field="kind",
                )
            values = service_values(data, profile_of(customer).invoice_period)
            expect_version(row, expected_version, entity="service", mine=values)
            before = snapshot(row)
            dated = _dated_changes(s, customer, row, values, day)
            for key, value in values.items():
                setattr(row, key, value)
            s.flush()
            after = snapshot(row)
            if after != before or dated:
                audit.append(
                    s,
                    actor=actor,
                    action="service.edited",
                    entity_type="service",
                    entity_id=row.id,
                    payload={"before": before, "after": after, **dated},
                )
        return self.get_service(service_id)

    def _default_effective(self, service_id: int) -> date:
        with self.store.read_session() as s:
            row = queries.service_by_id(s, service_id)
            customer = s.get(Customer, row.customer_id)
            assert customer is not None
            org, kind = customer.org_number, row.kind
        if kind == ServiceKind.USAGE.value:
            return month_start(date.today())  # this month's usage is not invoiced yet
        return self.next_invoice_date(org, service_id=service_id)


def _audited(profile: BillingProfile) -> dict[str, Any]:
    """The profile for the audit log (its record version is the store's business)."""
    out = profile.as_dict()
    out.pop("version", None)
    return out


def _dated_changes(
    s: Session, customer: Customer, row: ServiceRecord, values: dict[str, Any], day: date
) -> dict[str, Any]:
    """Record the period and price changes of an edit from ``day`` where documents before it
    exist (``values`` then keeps the stored base); refuse changing an invoiced one-off cost."""
    out: dict[str, Any] = {}
    if row.kind == ServiceKind.ONE_OFF.value:
        _refuse_invoiced_one_off(row, values, day)
        return out
    invoiced_before = _invoiced_before(s, row, day)
    if not invoiced_before:
        return out  # nothing dated before the change: the stored fields simply change
    if row.kind == ServiceKind.LICENCE.value and values["period"] != row.period:
        assert row.period is not None
        values["period"] = queries.record_change(
            s, customer.id, "period", day, row.period, values["period"], service_id=row.id
        )
        out["period_effective"] = day.isoformat()
    column = "annual_price" if row.kind == ServiceKind.LICENCE.value else "unit_price"
    new_price: Decimal = values[column]
    base = base_price(row)
    adjustments = adjustment_views(s, [row.id]).get(row.id, [])
    old = price_in_effect(base, adjustments, day - timedelta(days=1))
    values[column] = getattr(row, column)  # the base stays; the new price applies from day
    if new_price == price_in_effect(base, adjustments, day):
        return out
    if any(a.effective == day for a in adjustments):
        raise UserError(
            fill(
                translate("BillingService", "Service %1 already has a price change effective %2."),
                row.id,
                format_day(day),
            ),
            field="effective",
        )
    s.add(
        PriceChange(
            service_id=row.id,
            effective=day,
            announced=date.today(),
            old_price=old,
            new_price=new_price,
            kind="change",
        )
    )
    out["price_effective"] = day.isoformat()
    out["new_price"] = str(new_price)
    return out


def _invoiced_before(s: Session, row: ServiceRecord, day: date) -> bool:
    """Whether the service has documents dated before ``day`` (a licence billed from before it,
    usage recorded for a month before it)."""
    if row.kind == ServiceKind.LICENCE.value:
        assert row.start is not None
        return row.start + timedelta(days=row.trial_days) < day
    usage = queries.usage_by_service(s, [row.id]).get(row.id, [])
    return any(month < month_start(day) for month, _ in usage)


def _refuse_invoiced_one_off(row: ServiceRecord, values: dict[str, Any], day: date) -> None:
    assert row.cost_date is not None
    changed = values["amount"] != row.amount or values["cost_date"] != row.cost_date
    if changed and row.cost_date < day:
        raise UserError(
            fill(
                translate(
                    "BillingService",
                    "The one-off cost was invoiced on %1, before %2; an invoiced amount is not "
                    "changed (add a new one-off cost or a credit instead).",
                ),
                format_day(row.cost_date),
                format_day(day),
            ),
            field="amount",
        )
