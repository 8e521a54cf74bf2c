"""Billing use cases: customers' invoicing preferences, services, termination, usage (issue 6, 14).

Each use case validates its input, opens a session (``read_session`` for reads), calls the
repository (:mod:`contractdesk.store.queries.billing`) and the domain
(:mod:`contractdesk.domain.invoicing`), and audits every change in the same transaction.
The plan and its export are in :mod:`.plan`, price adjustments (§13.1) in :mod:`.pricing`.

Choices left open by the issue:

* A licence added without a period gets the customer's default period *at that moment*;
  changing the customer's default later changes only services added afterwards.
* The plan is computed, never stored.
* Actors: ``owner`` in the GUI, ``cli`` on the command line (the audit log's ``actor``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from contractdesk.domain.invoicing import (
    ServiceKind,
    resolve_termination,
)
from contractdesk.domain.invoicing.amounts import QUANTITY_PLACES, checked_amount
from contractdesk.domain.invoicing.periods import month_start
from contractdesk.domain.money import round_ore
from contractdesk.domain.orgnr import parse_org_number
from contractdesk.errors import UserError
from contractdesk.i18n import fill, format_day, translate
from contractdesk.services.billing.changes import ChangeUseCases
from contractdesk.services.billing.mapping import (
    adjustment_views,
    base_price,
    price_in_effect,
    profile_of,
    service_to_domain,
    service_view,
    service_views,
    snapshot,
)
from contractdesk.services.billing.plan import PlanUseCases
from contractdesk.services.billing.pricing import PricingUseCases
from contractdesk.services.billing.validation import (
    check_after_start,
    checked_termination,
    service_values,
)
from contractdesk.services.billing.views import (
    BillingProfile,
    CustomerChoice,
    ServiceInput,
    ServiceView,
    TerminationView,
    UsageView,
    _iso,
)
from contractdesk.services.billing.yearly import YearlyUseCases
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import Customer, ServiceRecord, UsageEntry
from contractdesk.store.queries import billing as queries
from contractdesk.store.queries.customers import customer_by_org_number


class BillingService(ChangeUseCases, PlanUseCases, PricingUseCases, YearlyUseCases):
    """Services per customer and the invoice plan. Every write is audited in its transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __repr__(self) -> str:
        return f"BillingService({self.store!r})"

    # customers' preferences -----------------------------------------------------------

    def customers(self) -> list[CustomerChoice]:
        """Every customer, by name, with the number of services it has and whether it accepted
        the terms."""
        with self.store.read_session() as s:
            rows = queries.customers_with_service_counts(s)
            accepted = queries.orgs_with_accepted_terms(s)
        choices = [CustomerChoice(org, name, count, org in accepted) for org, name, count in rows]
        return sorted(choices, key=lambda c: (c.name.casefold(), c.org_number))

    def profile(self, org_number: str) -> BillingProfile:
        """The customer's delivery method and default invoice period."""
        with self.store.read_session() as s:
            return profile_of(customer_by_org_number(s, org_number))

    # services -------------------------------------------------------------------------

    def add_service(self, org_number: str, data: ServiceInput, *, actor: str = "owner") -> int:
        """Add a service to a customer; returns its id.

        Raises:
            UserError: a field is missing, does not apply to the kind, or is out of range; or
                the customer relationship has ended (§14).
            NotFoundError: no such customer.
        """
        with self.store.session() as s:
            customer = customer_by_org_number(s, org_number)
            _refuse_if_ended(customer)
            values = service_values(data, profile_of(customer).invoice_period)
            row = ServiceRecord(customer_id=customer.id, **values)
            s.add(row)
            s.flush()
            audit.append(
                s,
                actor=actor,
                action="service.added",
                entity_type="service",
                entity_id=row.id,
                payload={"org_number": customer.org_number, **snapshot(row)},
            )
            return row.id

    def order_warning(self, org_number: str) -> str | None:
        """A warning to show when ordering for a customer who has accepted no terms (§4.1, §2.2):
        ordering is allowed, but the agreement is not in place. ``None`` when all is well."""
        with self.store.read_session() as s:
            customer = customer_by_org_number(s, org_number)
            if queries.has_accepted_terms(s, customer.id):
                return None
        return fill(
            translate(
                "BillingService",
                "%1 has not accepted the terms of agreement: the order is recorded, but get the "
                "agreement accepted (§4.1, §2.2).",
            ),
            customer.name,
        )

    def remove_service(self, service_id: int, *, actor: str = "owner") -> None:
        """Delete a service entered by mistake, with its usage and price adjustments.

        A service the customer ends is *terminated* instead, so the plan keeps its last invoices.
        """
        with self.store.session() as s:
            row = queries.service_by_id(s, service_id)
            customer = s.get(Customer, row.customer_id)
            before = snapshot(row)
            queries.delete_service(s, row)
            audit.append(
                s,
                actor=actor,
                action="service.removed",
                entity_type="service",
                entity_id=service_id,
                payload={"org_number": customer.org_number if customer else None, **before},
            )

    def get_service(self, service_id: int, *, today: date | None = None) -> ServiceView:
        with self.store.read_session() as s:
            row = queries.service_by_id(s, service_id)
            customer = s.get(Customer, row.customer_id)
            assert customer is not None
            return service_views(s, customer, [row], today or date.today())[0]

    def list_services(self, org_number: str, *, today: date | None = None) -> list[ServiceView]:
        """The customer's services (licences, one-off costs, usage), oldest first."""
        with self.store.read_session() as s:
            customer = customer_by_org_number(s, org_number)
            rows = queries.services_of(s, customer.id)
            return service_views(s, customer, rows, today or date.today())

    def services_by_customer(
        self, org_numbers: Iterable[str], *, today: date | None = None
    ) -> dict[str, list[ServiceView]]:
        """Several customers' services, as `list_services` gives them, in a few queries.

        Unknown org numbers are left out.
        """
        day = today or date.today()
        wanted = list(dict.fromkeys(parse_org_number(o) for o in org_numbers))
        with self.store.read_session() as s:
            customers = queries.customers_by_org_numbers(s, wanted)
            rows = queries.services_of_customers(s, list(customers))
            ids = [r.id for r in rows]
            usage = queries.usage_by_service(s, ids)
            adjustments = adjustment_views(s, ids)
            out: dict[str, list[ServiceView]] = {c.org_number: [] for c in customers.values()}
            for row in rows:
                owner = customers[row.customer_id]
                out[owner.org_number].append(
                    service_view(
                        owner.org_number,
                        row,
                        usage.get(row.id, []),
                        adjustments.get(row.id, []),
                        day,
                        owner.relationship_ended_on,
                    )
                )
        return out

    # termination ----------------------------------------------------------------------

    def preview_termination(
        self, service_id: int, received: date, requested_end: date | None = None
    ) -> TerminationView:
        """What terminating on ``received`` (ending at ``requested_end``) would mean; not saved."""
        termination = checked_termination(received, requested_end)
        with self.store.read_session() as s:
            row = queries.service_by_id(s, service_id)
            check_after_start(row.kind, row.start, termination.received)
            service = service_to_domain(row, ())
        outcome = resolve_termination(service, termination)
        assert outcome is not None
        return outcome

    def terminate(
        self,
        service_id: int,
        received: date,
        requested_end: date | None = None,
        *,
        actor: str = "owner",
    ) -> TerminationView:
        """Record a termination received on D, optionally ending at R (§5, §12).

        Returns binding end, end X and paid-until. A second termination is refused (issue 14: it
        would bring back an invoice already credited); withdraw the first to correct it.
        """
        termination = checked_termination(received, requested_end)
        with self.store.session() as s:
            row = queries.service_by_id(s, service_id)
            check_after_start(row.kind, row.start, termination.received)
            if row.terminated_on is not None:
                raise UserError(
                    fill(
                        translate(
                            "BillingService",
                            "Service %1 is already terminated (received %2); a second termination "
                            "is refused. Withdraw the first one to correct it.",
                        ),
                        row.id,
                        format_day(row.terminated_on),
                    ),
                    field="received",
                )
            before = {"received": None, "requested_end": None}
            row.terminated_on = termination.received
            row.requested_end = termination.requested_end
            outcome = resolve_termination(service_to_domain(row, ()))
            assert outcome is not None
            audit.append(
                s,
                actor=actor,
                action="service.terminated",
                entity_type="service",
                entity_id=row.id,
                payload={"before": before, "after": outcome.as_dict()},
            )
            return outcome

    def withdraw_termination(self, service_id: int, *, actor: str = "owner") -> None:
        """Undo a termination recorded by mistake (or withdrawn by the customer)."""
        with self.store.session() as s:
            row = queries.service_by_id(s, service_id)
            if row.terminated_on is None:
                raise UserError(translate("BillingService", "This service is not terminated."))
            before = {"received": _iso(row.terminated_on), "requested_end": _iso(row.requested_end)}
            row.terminated_on = None
            row.requested_end = None
            audit.append(
                s,
                actor=actor,
                action="service.termination_withdrawn",
                entity_type="service",
                entity_id=row.id,
                payload={"before": before},
            )

    # usage ------------------------------------------------------------------------------

    def record_usage(
        self, service_id: int, month: date, quantity: Decimal | int | str, *, actor: str = "owner"
    ) -> UsageView:
        """Set a usage service's quantity for ``month`` (any day), replacing an earlier one."""
        if not isinstance(month, date):
            raise UserError(
                translate("BillingService", "Month: expected a month as YYYY-MM."), field="month"
            )
        first = month_start(month)
        qty = checked_amount(
            quantity, translate("BillingService", "Quantity"), "quantity", places=QUANTITY_PLACES
        )
        with self.store.session() as s:
            row = queries.service_by_id(s, service_id)
            if row.kind != ServiceKind.USAGE.value:
                raise UserError(
                    fill(
                        translate(
                            "BillingService",
                            "Service %1 is not a usage service; usage is "
                            "recorded only for usage (e.g. SMS).",
                        ),
                        row.id,
                    ),
                    field="service",
                )
            customer = s.get(Customer, row.customer_id)
            assert customer is not None
            _refuse_usage_after_end(row, customer, first)
            entry = queries.usage_entry(s, row.id, first)
            before = None if entry is None else str(entry.quantity)
            if entry is None:
                s.add(UsageEntry(service_id=row.id, month=first, quantity=qty))
            else:
                entry.quantity = qty
            audit.append(
                s,
                actor=actor,
                action="usage.recorded",
                entity_type="service",
                entity_id=row.id,
                payload={"month": first.strftime("%Y-%m"), "before": before, "after": str(qty)},
            )
            adjustments = adjustment_views(s, [row.id]).get(row.id, [])
            price = price_in_effect(base_price(row), adjustments, first)
            return UsageView(first, qty, round_ore(qty * price))


def _refuse_if_ended(customer: Customer) -> None:
    """§14: a customer whose relationship has ended gets no new services."""
    if customer.relationship_ended_on is not None:
        raise UserError(
            fill(
                translate(
                    "BillingService",
                    "The customer relationship with %1 ended on %2 (§14); no new services can be "
                    "added until the terms are accepted again.",
                ),
                customer.name,
                format_day(customer.relationship_ended_on),
            ),
            field="org_number",
        )


def _refuse_usage_after_end(row: ServiceRecord, customer: Customer, month: date) -> None:
    """Usage in a month after the service's end (X, or the relationship's end) is refused."""
    outcome = resolve_termination(service_to_domain(row, (), customer.relationship_ended_on))
    if outcome is not None and month > outcome.end:
        raise UserError(
            fill(
                translate(
                    "BillingService",
                    "Service %1 ended on %2; usage for %3 cannot be recorded after its end.",
                ),
                row.id,
                format_day(outcome.end),
                month.strftime("%Y-%m"),
            ),
            field="month",
        )
