"""The overview's look-ups: one statement per card of "what needs attention today".

Each function runs ONE statement and returns ``(count, rows)``: the number of matching rows
(a window ``count(*) OVER ()``, so no second statement) and at most ``limit`` of them, most
urgent first. Rows are plain tuples of Python values; the service turns them into views.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    Numeric,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    true,
    type_coerce,
)
from sqlalchemy.orm import Session

from contractdesk.store.models.agreements import Acceptance, Agreement, ReacceptanceNotice
from contractdesk.store.models.billing import PriceChange, ServiceRecord
from contractdesk.store.models.customers import Customer
from contractdesk.store.models.people import DataSubjectRequest, Person
from contractdesk.store.models.terms import TermsVersion
from contractdesk.store.queries.portable import add_months, binding_end, json_array_len

__all__ = [
    "FLAGGED_STATUSES",
    "binding_ends",
    "customer_names",
    "data_subject_requests",
    "drafted_agreements",
    "getting_started_counts",
    "open_notices",
    "planned_price_changes",
    "registry_flags",
    "unreturned_agreements",
]

Rows = tuple[int, list[tuple[Any, ...]]]
# Registry statuses the owner must see (deleted, removed, bankrupt, dissolving).
FLAGGED_STATUSES = ("deleted", "removed", "bankrupt", "liquidation")


def _split(result: list[Any]) -> Rows:
    """``(count, rows)`` from rows whose last column is ``count(*) OVER ()``."""
    if not result:
        return 0, []
    return int(result[0][-1]), [tuple(row[:-1]) for row in result]


def _total() -> Any:
    return func.count().over().label("total")


def drafted_agreements(s: Session, *, limit: int) -> Rows:
    """Agreements drafted but not sent: (org number, customer name, document id, created at)."""
    a = Agreement.__table__.c
    c = Customer.__table__.c
    q = (
        select(c.org_number, c.name, a.document_id, Agreement.created_at, _total())
        .join_from(Agreement.__table__, Customer.__table__, a.customer_id == c.id)
        .where(a.state == "draft")
        .order_by(a.created_at, a.id)
        .limit(limit)
    )
    return _split(list(s.execute(q).all()))


def unreturned_agreements(s: Session, *, sent_before: datetime, limit: int) -> Rows:
    """Agreements sent before ``sent_before``, not yet signed: (org, name, document id, sent at)."""
    a = Agreement.__table__.c
    c = Customer.__table__.c
    q = (
        select(c.org_number, c.name, a.document_id, Agreement.sent_at, _total())
        .join_from(Agreement.__table__, Customer.__table__, a.customer_id == c.id)
        .where(a.state == "sent", Agreement.sent_at <= sent_before)
        .order_by(a.sent_at, a.id)
        .limit(limit)
    )
    return _split(list(s.execute(q).all()))


def open_notices(
    s: Session, *, notified_late_before: date, effective_late_before: date, limit: int
) -> tuple[int, int, date | None, date | None, list[tuple[Any, ...]]]:
    """Open §14 notices of published versions (not accepted, termination not confirmed), most
    urgent first, in one statement.

    A notified customer is overdue when notified before ``notified_late_before``; one still to
    notify is late when the version takes effect before ``effective_late_before`` (the service
    finds both days with the domain's calendar-month rules, so the counts are exact).

    Returns:
        (count, overdue, earliest notice date among the not overdue, earliest effective date
        among the not overdue still to notify, rows) with rows (org number, customer name,
        version label, effective date, notified on) ordered by their approximate deadline.
    """
    n = ReacceptanceNotice.__table__.c
    t = TermsVersion.__table__.c
    c = Customer.__table__.c
    # the open notices (no customer join: only the rows shown need names)
    base = (
        select(
            n.customer_id,
            n.notified_on,
            t.label,
            t.effective_date,
            case(
                (n.notified_on.is_(None), t.effective_date < effective_late_before),
                else_=n.notified_on < notified_late_before,
            ).label("overdue"),
            case(
                (n.notified_on.is_(None), add_months(t.effective_date, -1)),
                else_=add_months(n.notified_on, 1),
            ).label("deadline"),
        )
        .select_from(ReacceptanceNotice.__table__)
        .join(TermsVersion.__table__, t.id == n.terms_version_id)
        .where(
            n.accepted_on.is_(None),
            n.terminated_confirmed_at.is_(None),
            t.effective_date.is_not(None),
            t.state == "published",
        )
        .cte("open_notices")
    )
    top = select(base).order_by(base.c.deadline, base.c.customer_id).limit(limit).subquery("top")
    coming = ~base.c.overdue
    stats = select(
        func.count().label("total"),
        func.sum(cast(base.c.overdue, Integer)).label("late"),
        func.min(case((coming, base.c.notified_on))).label("coming_notified"),
        func.min(case((and_(coming, base.c.notified_on.is_(None)), base.c.effective_date))).label(
            "coming_effective"
        ),
    ).subquery("stats")
    q = (
        select(
            c.org_number,
            c.name,
            top.c.label,
            type_coerce(top.c.effective_date, Date),
            type_coerce(top.c.notified_on, Date),
            stats.c.total,
            stats.c.late,
            type_coerce(stats.c.coming_notified, Date),
            type_coerce(stats.c.coming_effective, Date),
        )
        .select_from(top)
        .join(Customer.__table__, c.id == top.c.customer_id)
        .join(stats, true())
        .order_by(top.c.deadline, c.org_number)
    )
    result = s.execute(q).all()
    if not result:
        return 0, 0, None, None, []
    first = result[0]
    rows = [tuple(r[:5]) for r in result]
    return int(first[5]), int(first[6] or 0), first[7], first[8], rows


def binding_ends(s: Session, *, first: date, last: date, limit: int) -> Rows:
    """Paid, not terminated licences whose 12-month binding ends ``first`` … ``last``:
    (org number, customer name, service name, binding end).

    The binding runs from billing start B (start + trial days) to the day before B's
    anniversary; SQLite's ``+1 year`` on 29 February gives 1 March, as the domain's rule does.
    """
    t = ServiceRecord.__table__.c
    c = Customer.__table__.c
    end = binding_end(t.start, t.trial_days).label("binding_end")
    inner = (
        select(c.org_number, c.name, t.name.label("service"), end)
        .join_from(ServiceRecord.__table__, Customer.__table__, t.customer_id == c.id)
        .where(
            t.kind == "licence",
            t.terminated_on.is_(None),
            # a binding ends at least a year (less a day) after the start: skip later starts
            t.start <= _year_before(last),
            cast(type_coerce(t.annual_price, String), Numeric) > 0,
        )
        .subquery()
    )
    q = (
        select(
            inner.c.org_number,
            inner.c.name,
            inner.c.service,
            type_coerce(inner.c.binding_end, Date),
            _total(),
        )
        .where(
            inner.c.binding_end >= literal(first, Date), inner.c.binding_end <= literal(last, Date)
        )
        .order_by(inner.c.binding_end, inner.c.org_number)
        .limit(limit)
    )
    return _split(list(s.execute(q).all()))


def planned_price_changes(s: Session, *, after: date, limit: int) -> Rows:
    """Price adjustments taking effect after ``after``: (org number, customer name, service name,
    effective, announced, old price, new price), soonest first."""
    p = PriceChange.__table__.c
    t = ServiceRecord.__table__.c
    c = Customer.__table__.c
    q = (
        select(
            c.org_number,
            c.name,
            t.name,
            PriceChange.effective,
            PriceChange.announced,
            PriceChange.old_price,
            PriceChange.new_price,
            _total(),
        )
        .select_from(PriceChange.__table__)
        .join(ServiceRecord.__table__, t.id == p.service_id)
        .join(Customer.__table__, c.id == t.customer_id)
        .where(PriceChange.effective > after)
        .order_by(p.effective, c.org_number)
        .limit(limit)
    )
    return _split(list(s.execute(q).all()))


def data_subject_requests(s: Session, *, limit: int) -> Rows:
    """Open data-subject requests: (request id, kind, received on, due on, first name, last name,
    erased), earliest deadline first."""
    r = DataSubjectRequest.__table__.c
    p = Person.__table__.c
    q = (
        select(
            r.id,
            r.kind,
            DataSubjectRequest.received_on,
            DataSubjectRequest.due_on,
            func.coalesce(p.first_name, ""),
            func.coalesce(p.last_name, ""),
            p.erased_at.is_not(None),
            _total(),
        )
        .select_from(DataSubjectRequest.__table__)
        .outerjoin(Person.__table__, p.id == r.person_id)
        .where(r.done_on.is_(None))
        .order_by(r.due_on, r.id)
        .limit(limit)
    )
    return _split(list(s.execute(q).all()))


def registry_flags(s: Session, *, limit: int) -> Rows:
    """Customers the registry flags: (org number, name, status, departed signatories count).

    Deleted, removed, bankrupt or dissolving companies, and those whose last refresh found a
    signatory who no longer holds a signing role.
    """
    c = Customer.__table__.c
    departed = func.coalesce(json_array_len(c.registry_data, "departed_signatories"), 0)
    q = (
        select(c.org_number, c.name, c.status, departed, _total())
        .where(
            or_(c.status.in_(FLAGGED_STATUSES), and_(c.registry_data.is_not(None), departed > 0))
        )
        .order_by(c.sort_name, c.id)
        .limit(limit)
    )
    return _split(list(s.execute(q).all()))


def getting_started_counts(s: Session) -> tuple[int, int, int, int, int]:
    """(customers, people not erased, services, agreements, agreements sent or accepted) in one
    statement: what the "getting started" steps check."""
    a = Agreement.__table__.c

    def count(table: Any, *where: Any) -> Any:
        return select(func.count()).select_from(table).where(*where).scalar_subquery()

    q = select(
        count(Customer.__table__),
        count(Person.__table__, Person.__table__.c.erased_at.is_(None)),
        count(ServiceRecord.__table__),
        count(Agreement.__table__),
        count(Agreement.__table__, or_(a.state != "draft", a.sent_at.is_not(None)))
        + count(Acceptance.__table__),
    )
    row = s.execute(q).one()
    return int(row[0]), int(row[1]), int(row[2]), int(row[3]), int(row[4])


def customer_names(s: Session, org_numbers: list[str]) -> dict[str, str]:
    """The names of the customers with these org numbers (for lines computed outside SQL)."""
    if not org_numbers:
        return {}
    c = Customer.__table__.c
    rows = s.execute(select(c.org_number, c.name).where(c.org_number.in_(set(org_numbers))))
    return {str(org): str(name) for org, name in rows}


def _year_before(day: date) -> date:
    """``day`` one year earlier plus a day (29 February: 1 March of the year before)."""
    try:
        return day.replace(year=day.year - 1) + timedelta(days=1)
    except ValueError:
        return date(day.year - 1, 3, 1) + timedelta(days=1)


def days_before(moment: datetime, days: int) -> datetime:
    """``moment`` minus whole days (a helper for the 14-day cut-off)."""
    return moment - timedelta(days=days)
