"""Price adjustment use cases (§13.1): check, record, remove, and list the broken rules."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from contractdesk.domain.invoicing import (
    PriceAdjustment,
    PriceAdjustmentWarning,
    ServiceKind,
    check_price_adjustment,
    check_price_adjustments,
)
from contractdesk.domain.invoicing.amounts import UNIT_PRICE_PLACES, checked_amount
from contractdesk.errors import UserError
from contractdesk.i18n import fill, format_day, translate
from contractdesk.services.billing.mapping import (
    adjustment_view,
    adjustment_views,
    base_price,
    price_in_effect,
)
from contractdesk.services.billing.views import PriceAdjustmentView
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import PriceChange, ServiceRecord
from contractdesk.store.queries import billing as queries
from contractdesk.store.queries.customers import customer_by_org_number


def _price_places(row: ServiceRecord) -> int:
    return UNIT_PRICE_PLACES if row.kind == ServiceKind.USAGE.value else 2


def _new_price(row: ServiceRecord, value: Decimal | int | str) -> Decimal:
    label = translate("BillingService", "New price")
    return checked_amount(value, label, "new_price", places=_price_places(row))


class PricingUseCases:
    """The §13.1 part of :class:`BillingService`."""

    store: Store

    def check_price_adjustment(
        self,
        service_id: int,
        effective: date,
        announced: date,
        new_price: Decimal | int | str | None = None,
        *,
        index_change: Decimal | None = None,
    ) -> list[PriceAdjustmentWarning]:
        """The §13.1 warnings a planned adjustment would raise (at most once a year; announced by
        1 October; above the index if ``index_change`` is given). Nothing is saved."""
        with self.store.read_session() as s:
            row = queries.service_by_id(s, service_id)
            others = adjustment_views(s, [row.id]).get(row.id, [])
            base = base_price(row)
            price = base if new_price is None else _new_price(row, new_price)
        old = price_in_effect(base, others, effective - timedelta(days=1))
        planned = PriceAdjustment(effective, announced, old, price)
        return check_price_adjustment(
            planned,
            [a.as_domain() for a in others if a.effective != effective and a.is_adjustment],
            index_change,
        )

    def adjust_price(
        self,
        service_id: int,
        effective: date,
        announced: date,
        new_price: Decimal | int | str,
        *,
        index_change: Decimal | None = None,
        actor: str = "owner",
    ) -> tuple[PriceAdjustmentView, list[PriceAdjustmentWarning]]:
        """Record a price adjustment of a licence (annual price) or usage (unit price).

        The adjustment is saved even when it breaks a §13.1 rule; the warnings say which.
        """
        if not isinstance(effective, date) or not isinstance(announced, date):
            raise UserError(
                translate("BillingService", "Give the effective and announcement dates.")
            )
        with self.store.session() as s:
            row = queries.service_by_id(s, service_id)
            if row.kind == ServiceKind.ONE_OFF.value:
                raise UserError(
                    translate(
                        "BillingService", "A one-off cost has no price to adjust; edit its amount."
                    )
                )
            price = _new_price(row, new_price)
            others = adjustment_views(s, [row.id]).get(row.id, [])
            if any(a.effective == effective for a in others):
                raise UserError(
                    fill(
                        translate(
                            "BillingService",
                            "Service %1 already has a price adjustment effective %2.",
                        ),
                        row.id,
                        format_day(effective),
                    )
                )
            old = price_in_effect(base_price(row), others, effective - timedelta(days=1))
            change = PriceChange(
                service_id=row.id,
                effective=effective,
                announced=announced,
                old_price=old,
                new_price=price,
            )
            s.add(change)
            s.flush()
            view = PriceAdjustmentView(change.id, row.id, effective, announced, old, price)
            warnings = check_price_adjustment(
                view.as_domain(), [a.as_domain() for a in others if a.is_adjustment], index_change
            )
            audit.append(
                s,
                actor=actor,
                action="service.price_adjusted",
                entity_type="service",
                entity_id=row.id,
                payload={**view.as_dict(), "warnings": [w.code.value for w in warnings]},
            )
            return view, warnings

    def remove_price_adjustment(self, adjustment_id: int, *, actor: str = "owner") -> None:
        with self.store.session() as s:
            change = queries.price_change_by_id(s, adjustment_id)
            view = adjustment_view(change)
            s.delete(change)
            audit.append(
                s,
                actor=actor,
                action="service.price_adjustment_removed",
                entity_type="service",
                entity_id=view.service_id,
                payload=view.as_dict(),
            )

    def price_warnings(
        self, org_number: str | None = None, *, index_change: Decimal | None = None
    ) -> list[tuple[int, PriceAdjustmentWarning]]:
        """(service id, warning) for every recorded adjustment that breaks a §13.1 rule."""
        with self.store.read_session() as s:
            customer_id = None
            if org_number is not None:
                customer_id = customer_by_org_number(s, org_number).id
            adjustments = adjustment_views(s, queries.service_ids(s, customer_id))
        out: list[tuple[int, PriceAdjustmentWarning]] = []
        for sid in sorted(adjustments):
            for warning in check_price_adjustments(
                [a.as_domain() for a in adjustments[sid] if a.is_adjustment], index_change
            ):
                out.append((sid, warning))
        return out
