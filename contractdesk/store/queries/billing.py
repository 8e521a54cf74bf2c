"""Billing loads: services, usage, price adjustments, and whole customers as domain values.

The repository owns the SQL of the billing area; the service layer (``services/billing``)
calls these functions inside its sessions and maps rows to views.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import case, delete, func, select
from sqlalchemy.orm import Session as Session  # re-exported: services type their sessions

from contractdesk.domain.invoicing import (
    BillingCustomer,
    DeliveryMethod,
    InvoicePeriod,
    Licence,
    OneOffCost,
    Service,
    ServiceKind,
    Termination,
    UsageRecord,
    UsageService,
)
from contractdesk.errors import NotFoundError
from contractdesk.i18n import fill, translate
from contractdesk.store.models import (
    BillingChange,
    Customer,
    PriceChange,
    PriceIndexYear,
    PriceNotice,
    ServiceRecord,
    UsageEntry,
)
from contractdesk.store.models.agreements import Acceptance
from contractdesk.store.models.people import Person, PersonRole
from contractdesk.store.models.settings import Supplier
from contractdesk.store.queries.portable import as_text, group_concat

_IN_LIMIT = 500  # ids per IN (...) list; above it, filter in Python


def service_by_id(s: Session, service_id: int) -> ServiceRecord:
    """The service with this id.

    Raises:
        NotFoundError: no such service.
    """
    try:
        key = int(service_id)
    except (TypeError, ValueError):
        key = -1
    row = s.get(ServiceRecord, key) if key > 0 else None
    if row is None:
        raise NotFoundError(fill(translate("BillingService", "No service with id %1."), service_id))
    return row


def price_change_by_id(s: Session, adjustment_id: int) -> PriceChange:
    """The price adjustment with this id.

    Raises:
        NotFoundError: no such adjustment.
    """
    change = s.get(PriceChange, int(adjustment_id))
    if change is None:
        raise NotFoundError(
            fill(translate("BillingService", "No price adjustment with id %1."), adjustment_id)
        )
    return change


def customers_with_service_counts(s: Session) -> list[tuple[str, str, int]]:
    """(org number, name, number of services) of every customer, unordered."""
    counts: dict[int, int] = {
        cid: n
        for cid, n in s.execute(
            select(ServiceRecord.customer_id, func.count()).group_by(ServiceRecord.customer_id)
        ).tuples()
    }
    rows = s.execute(select(Customer.id, Customer.org_number, Customer.name)).all()
    return [(org, name, int(counts.get(cid, 0))) for cid, org, name in rows]


def services_of(s: Session, customer_id: int) -> list[ServiceRecord]:
    """A customer's services, oldest first."""
    return list(
        s.execute(
            select(ServiceRecord)
            .where(ServiceRecord.customer_id == customer_id)
            .order_by(ServiceRecord.id)
        ).scalars()
    )


def service_ids(s: Session, customer_id: int | None = None) -> list[int]:
    """Ids of one customer's services, or of every service."""
    q = select(ServiceRecord.id)
    if customer_id is not None:
        q = q.where(ServiceRecord.customer_id == customer_id)
    return list(s.execute(q).scalars())


def customers_by_org_numbers(s: Session, org_numbers: Sequence[str]) -> dict[int, Customer]:
    """The customers with these (9-digit) org numbers, by id; unknown numbers are left out."""
    out: dict[int, Customer] = {}
    for start in range(0, len(org_numbers), _IN_LIMIT):
        chunk = list(org_numbers[start : start + _IN_LIMIT])
        out.update(
            (c.id, c)
            for c in s.execute(select(Customer).where(Customer.org_number.in_(chunk))).scalars()
        )
    return out


def services_of_customers(s: Session, customer_ids: Sequence[int]) -> list[ServiceRecord]:
    """The services of several customers, by id."""
    rows: list[ServiceRecord] = []
    for start in range(0, len(customer_ids), _IN_LIMIT):
        rows += s.execute(
            select(ServiceRecord)
            .where(ServiceRecord.customer_id.in_(list(customer_ids[start : start + _IN_LIMIT])))
            .order_by(ServiceRecord.id)
        ).scalars()
    return sorted(rows, key=lambda r: r.id)


def delete_service(s: Session, row: ServiceRecord) -> None:
    """Delete a service with its usage and price adjustments."""
    s.execute(delete(UsageEntry).where(UsageEntry.service_id == row.id))
    s.execute(delete(PriceChange).where(PriceChange.service_id == row.id))
    s.delete(row)


def billing_changes(
    s: Session, customer_id: int | None = None, service_id: int | None = None
) -> list[BillingChange]:
    """Recorded billing changes (delivery method, invoice period), oldest effective date first;
    of one customer, of one service, or all."""
    q = select(BillingChange).order_by(BillingChange.effective, BillingChange.id)
    if customer_id is not None:
        q = q.where(BillingChange.customer_id == customer_id)
    if service_id is not None:
        q = q.where(BillingChange.service_id == service_id)
    return list(s.execute(q).scalars())


def changes_with_org(
    s: Session, customer_id: int | None = None
) -> list[tuple[str, int | None, str, date, str, str]]:
    """(org number, service id, field, effective, before, after) of every recorded change (of one
    customer), oldest effective date first."""
    q = (
        select(
            Customer.org_number,
            BillingChange.service_id,
            BillingChange.field,
            BillingChange.effective,
            BillingChange.before,
            BillingChange.after,
        )
        .join(Customer, Customer.id == BillingChange.customer_id)
        .order_by(BillingChange.effective, BillingChange.id)
    )
    if customer_id is not None:
        q = q.where(BillingChange.customer_id == customer_id)
    return [tuple(r) for r in s.execute(q).all()]


def price_changes_with_org(
    s: Session, customer_id: int | None = None
) -> list[tuple[str, int, date, Decimal, Decimal]]:
    """(org number, service id, effective, old price, new price) of every recorded price
    adjustment or change (of one customer)."""
    q = (
        select(
            Customer.org_number,
            PriceChange.service_id,
            PriceChange.effective,
            PriceChange.old_price,
            PriceChange.new_price,
        )
        .join(ServiceRecord, ServiceRecord.id == PriceChange.service_id)
        .join(Customer, Customer.id == ServiceRecord.customer_id)
        .order_by(PriceChange.effective)
    )
    if customer_id is not None:
        q = q.where(ServiceRecord.customer_id == customer_id)
    return [tuple(r) for r in s.execute(q).all()]


def record_change(
    s: Session,
    customer_id: int,
    field: str,
    effective: date,
    current: str,
    after: str,
    service_id: int | None = None,
) -> str:
    """Record that ``field`` becomes ``after`` from ``effective`` on and return the value the
    stored column should now hold (the last change's).

    ``current`` is the column's value now (the value before any change when none is recorded).
    A change on the same day replaces that day's value; each change's ``before`` is kept equal
    to the value in effect the day before it, also when a change is put before a later one.
    """
    q = select(BillingChange).where(
        BillingChange.customer_id == customer_id,
        BillingChange.service_id.is_(None)
        if service_id is None
        else BillingChange.service_id == service_id,
        BillingChange.field == field,
    )
    changes = sorted(s.execute(q).scalars(), key=lambda c: (c.effective, c.id))
    initial = changes[0].before if changes else current
    same = next((c for c in changes if c.effective == effective), None)
    if same is not None:
        same.after = after
    else:
        row = BillingChange(
            customer_id=customer_id,
            service_id=service_id,
            field=field,
            effective=effective,
            before=initial,
            after=after,
        )
        s.add(row)
        changes = sorted([*changes, row], key=lambda c: c.effective)
    value = initial
    for change in changes:
        change.before = value
        value = change.after
    return value


def priced_services(
    s: Session, org_numbers: Sequence[str] | None = None
) -> list[tuple[Customer, ServiceRecord]]:
    """(customer, service) of every licence and usage service, of the given customers or all;
    in org-number and service order."""
    q = (
        select(Customer, ServiceRecord)
        .join(ServiceRecord, ServiceRecord.customer_id == Customer.id)
        .where(ServiceRecord.kind != ServiceKind.ONE_OFF.value)
        .order_by(Customer.org_number, ServiceRecord.id)
    )
    if org_numbers is not None:
        q = q.where(Customer.org_number.in_(list(org_numbers)))
    return [(c, r) for c, r in s.execute(q).tuples()]


def user_price_index(s: Session) -> list[PriceIndexYear]:
    """The consumer price index years the user added, by year."""
    return list(s.execute(select(PriceIndexYear).order_by(PriceIndexYear.year)).scalars())


def price_notice(s: Session, customer_id: int, effective: date) -> PriceNotice | None:
    """The latest announcement letter of an adjustment effective ``effective`` to a customer."""
    return s.execute(
        select(PriceNotice)
        .where(PriceNotice.customer_id == customer_id, PriceNotice.effective == effective)
        .order_by(PriceNotice.id.desc())
        .limit(1)
    ).scalar()


def sent_notices(s: Session, effective: date) -> dict[int, date]:
    """Customer id -> the day the announcement of an adjustment effective ``effective`` was sent."""
    rows = s.execute(
        select(PriceNotice.customer_id, func.min(PriceNotice.sent_on))
        .where(PriceNotice.effective == effective, PriceNotice.sent_on.is_not(None))
        .group_by(PriceNotice.customer_id)
    ).tuples()
    return {cid: sent for cid, sent in rows if sent is not None}


def supplier(s: Session) -> Supplier | None:
    """The supplier profile (the app's user), if set up."""
    return s.execute(select(Supplier).limit(1)).scalar()


def main_contact_email(s: Session, customer_id: int) -> str | None:
    """The first e-mail address of the customer's main contact, if any (letters by e-mail)."""
    emails = s.execute(
        select(Person.emails)
        .join(PersonRole, PersonRole.person_id == Person.id)
        .where(PersonRole.customer_id == customer_id, PersonRole.role == "main_contact")
    ).scalar()
    return emails[0] if emails else None


def orgs_with_accepted_terms(s: Session) -> set[str]:
    """Org numbers of the customers that have accepted any terms version."""
    q = select(Customer.org_number).join(Acceptance, Acceptance.customer_id == Customer.id)
    return set(s.execute(q.distinct()).scalars())


def has_accepted_terms(s: Session, customer_id: int) -> bool:
    """Whether the customer has accepted any terms version (§4.1, §2.2)."""
    found = s.execute(
        select(Acceptance.id).where(Acceptance.customer_id == customer_id).limit(1)
    ).first()
    return found is not None


def usage_entry(s: Session, service_id: int, month: date) -> UsageEntry | None:
    """A usage service's record for ``month`` (its 1st), if any."""
    return s.execute(
        select(UsageEntry).where(UsageEntry.service_id == service_id, UsageEntry.month == month)
    ).scalar()


def adjustments_by_service(s: Session, ids: Sequence[int]) -> dict[int, list[PriceChange]]:
    """Each service's price adjustments in order of effective date (services without: absent)."""
    out: dict[int, list[PriceChange]] = defaultdict(list)
    if not ids:
        return out
    q = select(PriceChange).order_by(PriceChange.effective)
    if len(ids) < _IN_LIMIT:
        q = q.where(PriceChange.service_id.in_(list(ids)))
    wanted = set(ids)
    for change in s.execute(q).scalars():
        if change.service_id in wanted:
            out[change.service_id].append(change)
    return out


def usage_by_service(
    s: Session, ids: Sequence[int], months: tuple[date, date] | None = None
) -> dict[int, list[tuple[date, Decimal]]]:
    """Usage per service in month order; with ``months=(lowest, above)`` only those months.

    Plain Core rows with the text parsed here: a plan may load hundreds of thousands of them.
    """
    out: dict[int, list[tuple[date, Decimal]]] = defaultdict(list)
    if not ids:
        return out
    table = UsageEntry.__table__
    q = select(
        table.c.service_id,
        as_text(table.c.month),
        as_text(table.c.quantity),
    )
    if len(ids) < _IN_LIMIT:
        q = q.where(table.c.service_id.in_(list(ids)))
    if months is not None:
        q = q.where(table.c.month >= months[0], table.c.month < months[1])
    wanted = set(ids)
    parse_date = date.fromisoformat
    for sid, month, quantity in s.connection().execute(q.order_by(table.c.month)):
        if sid in wanted:
            out[sid].append((parse_date(month), Decimal(quantity)))
    return out


def billing_customers(
    s: Session, customer_id: int | None, months: tuple[date, date] | None
) -> tuple[list[BillingCustomer], list[int]]:
    """Customers with services (one, or all), in org-number order, as domain values; and the ids
    of the services loaded.

    A customer whose relationship ended (§14) has every service terminated on that day, unless
    it was terminated before (:func:`relationship_termination`).

    One statement of plain text tuples whatever the count: each service joined with its
    customer and, for usage, its months as one text (no ORM objects, no per-value column
    conversion). The rows were validated when written, so they become domain values through
    the domain's unchecked ``trusted`` constructors, and each distinct date, amount, period
    and delivery text is parsed once. With ``months=(lowest, above)`` only those usage months
    are loaded.
    """
    rows = s.connection().execute(_services_query(customer_id, months)).all()
    return _customers_from_rows(rows), [row[2] for row in rows]


_USAGE_SEPARATOR = (
    " "  # between the month and quantity texts of a service's usage (neither holds one)
)


def _text(column: Any) -> Any:
    """``column`` read as the text SQLite holds (dates ``YYYY-MM-DD``, amounts as decimal text),
    without the column type's per-value conversion; the loader converts each distinct text once."""
    return as_text(column)


def _services_query(customer_id: int | None, months: tuple[date, date] | None) -> Any:
    """One row per service joined with its customer, in org-number and service-id order; a usage
    service's row ends with its usage as one text ``"<month> <quantity> <month> <quantity> …"``
    (any order), with ``months=(lowest, above)`` only for lowest <= month < above."""
    c = Customer.__table__.c
    t = ServiceRecord.__table__.c
    u = UsageEntry.__table__.c
    usage = select(
        group_concat(_text(u.month) + _USAGE_SEPARATOR + _text(u.quantity), _USAGE_SEPARATOR)
    ).where(u.service_id == t.id)
    if months is not None:
        usage = usage.where(u.month >= months[0], u.month < months[1])
    q = (
        select(
            c.org_number,
            c.delivery_method,
            t.id,
            t.kind,
            t.name,
            _text(t.annual_price),
            t.period,
            _text(t.start),
            t.trial_days,
            _text(t.amount),
            _text(t.cost_date),
            _text(t.unit_price),
            _text(t.terminated_on),
            _text(t.requested_end),
            case((t.kind == ServiceKind.USAGE.value, usage.scalar_subquery())),
            _text(c.relationship_ended_on),
        )
        .join_from(ServiceRecord.__table__, Customer.__table__, t.customer_id == c.id)
        .order_by(c.org_number, t.id)
    )
    if customer_id is not None:
        q = q.where(t.customer_id == customer_id)
    return q


def _customers_from_rows(rows: Sequence[Any]) -> list[BillingCustomer]:
    """Domain customers from ``_services_query`` rows (validated when they were written)."""
    days: dict[str, date] = {}
    amounts: dict[str, Decimal] = {}

    def day(text: str) -> date:
        value = days.get(text)
        if value is None:
            value = days[text] = date.fromisoformat(text)
        return value

    def amount(text: str) -> Decimal:
        value = amounts.get(text)
        if value is None:
            value = amounts[text] = Decimal(text)
        return value

    periods: dict[str, InvoicePeriod] = {}
    deliveries: dict[str, DeliveryMethod] = {}
    licence, one_off, usage_service = Licence.trusted, OneOffCost.trusted, UsageService.trusted
    record = UsageRecord.trusted
    termination_of = Termination.trusted
    licence_kind, one_off_kind = ServiceKind.LICENCE.value, ServiceKind.ONE_OFF.value
    customer = BillingCustomer.trusted
    customers: list[BillingCustomer] = []
    org: str | None = None
    method = DeliveryMethod.EMAIL
    services: list[Service] = []
    for (
        row_org,
        delivery,
        sid,
        kind,
        name,
        annual,
        period,
        start,
        trial,
        cost,
        cost_date,
        unit_price,
        terminated,
        requested,
        usage_text,
        ended,
    ) in rows:
        if row_org != org:
            if services:
                customers.append(customer(org, method, tuple(services)))  # type: ignore[arg-type]  # org is set once services has rows
            org = row_org
            services = []
            method = deliveries.get(delivery) or _stored_delivery(deliveries, delivery)
        termination = None
        if terminated is not None:
            termination = termination_of(
                day(terminated), None if requested is None else day(requested)
            )
        if ended is not None:
            termination = relationship_termination(termination, day(ended))
        if kind == licence_kind:
            services.append(
                licence(
                    sid,
                    name,
                    amount(annual),
                    day(start),
                    trial,
                    periods.get(period) or _stored_period(periods, period),
                    termination,
                )
            )
        elif kind == one_off_kind:
            services.append(one_off(sid, name, amount(cost), day(cost_date), termination))
        else:
            usage: tuple[UsageRecord, ...] = ()
            if usage_text:
                parts = usage_text.split(_USAGE_SEPARATOR)
                # ISO month texts sort as the months do; a service has at most one row a month.
                usage = tuple(
                    record(days.get(month) or day(month), amounts.get(quantity) or amount(quantity))
                    for month, quantity in sorted(zip(parts[::2], parts[1::2], strict=True))
                )
            services.append(usage_service(sid, name, amount(unit_price), usage, termination))
    if services:
        customers.append(customer(org, method, tuple(services)))  # type: ignore[arg-type]  # org is set once services has rows
    return customers


def relationship_termination(own: Termination | None, ended: date) -> Termination:
    """A service's termination once the customer relationship ended on ``ended`` (§14): its own
    termination if received by then, else the relationship's end (not held to the binding)."""
    if own is not None and own.received <= ended:
        return own
    return Termination.trusted(ended, None, False)


def _stored_delivery(seen: dict[str, DeliveryMethod], text: str) -> DeliveryMethod:
    """A stored delivery method (e-mail if it names none), remembered in ``seen``."""
    try:
        method = DeliveryMethod.parse(text)
    except ValueError:
        method = DeliveryMethod.EMAIL
    seen[text] = method
    return method


def _stored_period(seen: dict[str, InvoicePeriod], text: str) -> InvoicePeriod:
    """A stored invoice period name parsed, remembered in ``seen``."""
    period = seen[text] = InvoicePeriod.parse(text)
    return period
