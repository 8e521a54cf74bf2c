"""The overview's quick cards: one statement each (``store/queries/overview.py``), turned into
:class:`AttentionCard` views with the domain's date rules (§14 notices, §13.1 price notices)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from contractdesk.domain.invoicing.pricing import announcement_deadline
from contractdesk.domain.terms.reacceptance import (
    CustomerAcceptance,
    ReacceptanceStatus,
    acceptance_deadline,
    add_months,
    last_notice_date,
    reacceptance_row,
)
from contractdesk.services.overview.views import AttentionCard, AttentionItem, CardKey
from contractdesk.store.queries import overview as q

__all__ = ["BINDING_DAYS", "QUICK", "UNRETURNED_DAYS"]

UNRETURNED_DAYS = 14  # a sent agreement not back after this many days needs a reminder
BINDING_DAYS = 60  # binding periods ending within this many days


def _drafts(s: Any, day: date, moment: datetime, limit: int) -> AttentionCard:
    return _simple(CardKey.DRAFTS, q.drafted_agreements(s, limit=limit), "draft", _created)


def _unreturned(s: Any, day: date, moment: datetime, limit: int) -> AttentionCard:
    before = q.days_before(moment, UNRETURNED_DAYS)
    rows = q.unreturned_agreements(s, sent_before=before, limit=limit)
    return _simple(CardKey.UNRETURNED, rows, "sent", _created)


def _binding(s: Any, day: date, moment: datetime, limit: int) -> AttentionCard:
    last = day + timedelta(days=BINDING_DAYS)
    rows = q.binding_ends(s, first=day, last=last, limit=limit)
    return _simple(CardKey.BINDING, rows, "binding", lambda row: row[3])


def _ordering(s: Any, day: date, moment: datetime, limit: int) -> AttentionCard:
    """Customers with services and no accepted terms (§4.1, §2.2): the number of services."""
    count, rows = q.ordering_without_acceptance(s, limit=limit)
    items = tuple(
        AttentionItem(org_number=org, name=name, what=str(services), code="ordering", day=first)
        for org, name, services, first in rows
    )
    return AttentionCard(
        CardKey.ORDERING, count, next_day=items[0].day if items else None, items=items
    )


def _breaches(s: Any, day: date, moment: datetime, limit: int) -> AttentionCard:
    """Breaches not reported to Datatilsynet, with their 72-hour deadline (GDPR Art. 33)."""
    count, rows = q.open_breaches(s, limit=limit)
    items = tuple(
        AttentionItem(
            org_number="",
            name=str(summary),
            what=str(breach_id),
            code="breach",
            day=deadline.date(),
            overdue=deadline <= moment,
            moment=deadline,
        )
        for breach_id, summary, _discovered, deadline in rows
    )
    coming = [i.moment for i in items if i.moment is not None and not i.overdue]
    return AttentionCard(
        CardKey.BREACHES,
        count,
        overdue=sum(1 for i in items if i.overdue),
        next_day=coming[0].date() if coming else None,
        items=items,
        next_moment=coming[0] if coming else None,
    )


def _created(row: tuple[Any, ...]) -> date | None:
    moment = row[3]
    return moment.date() if isinstance(moment, datetime) else None


def _simple(
    key: CardKey,
    result: tuple[int, list[tuple[Any, ...]]],
    code: str,
    day_of: Callable[[tuple[Any, ...]], date | None],
) -> AttentionCard:
    """A card whose rows are (org number, name, what, day-ish, …) in urgency order."""
    count, rows = result
    items = tuple(
        AttentionItem(org_number=r[0], name=r[1], what=str(r[2]), code=code, day=day_of(r))
        for r in rows
    )
    return AttentionCard(key, count, next_day=items[0].day if items else None, items=items)


def _first_day_with(rule: Callable[[date], bool], around: date) -> date:
    """The first day on or after ``around`` - 7 days for which ``rule`` holds (rules here are
    monotonic, and hold from about ``around`` on)."""
    day = around - timedelta(days=7)
    while not rule(day):
        day += timedelta(days=1)
    return day


def _notices(s: Any, day: date, limit: int) -> AttentionCard:
    """§14: customers still to notify (by the last notice day) and notified customers who have
    not accepted (by their acceptance deadline); overdue when that day has passed.

    The statement counts with two exact thresholds from the domain's calendar-month rules: a
    notice is overdue when its acceptance deadline is before today (notified before
    ``notified_late``); a customer still to notify is late when the last notice day is before
    today (the version takes effect before ``effective_late``).
    """
    notified_late = _first_day_with(lambda d: acceptance_deadline(d) >= day, add_months(day, -1))
    effective_late = _first_day_with(lambda d: last_notice_date(d) >= day, add_months(day, 1))
    count, overdue, coming_notified, coming_effective, rows = q.open_notices(
        s, notified_late_before=notified_late, effective_late_before=effective_late, limit=limit
    )
    items: list[AttentionItem] = []
    for org, name, label, effective, notified in rows:
        row = reacceptance_row(effective, CustomerAcceptance(org, notified_on=notified), day)
        deadline: date | None
        if row.status is ReacceptanceStatus.TO_NOTIFY:
            deadline, late = row.last_notice_date, day > row.last_notice_date
        else:
            deadline = row.acceptance_deadline
            late = row.status is ReacceptanceStatus.OVERDUE
        items.append(
            AttentionItem(
                org_number=org,
                name=name,
                what=label,
                code="overdue" if late else str(row.status.value),
                day=deadline,
                overdue=late,
            )
        )
    items.sort(key=lambda i: (i.day or date.max, i.org_number))
    coming = [
        d
        for d in (
            acceptance_deadline(coming_notified) if coming_notified else None,
            last_notice_date(coming_effective) if coming_effective else None,
        )
        if d is not None
    ]
    return AttentionCard(
        CardKey.NOTICES,
        count,
        overdue=overdue,
        next_day=min(coming) if coming else None,
        items=tuple(items),
    )


def _price_notices(result: tuple[int, list[tuple[Any, ...]]], day: date) -> AttentionCard:
    """Planned price adjustments with the 1 October by which each must be announced (§13.1)."""
    count, rows = result
    items = []
    for org, name, service, effective, announced, _old, new in rows:
        deadline = announcement_deadline(effective)
        items.append(
            AttentionItem(
                org_number=org,
                name=name,
                what=str(service),
                code="price",
                day=deadline,
                overdue=announced > deadline,
                amount=new,
            )
        )
    coming = [i.day for i in items if i.day is not None and i.day >= day]
    return AttentionCard(
        CardKey.PRICE_NOTICE,
        count,
        overdue=sum(1 for i in items if i.overdue),
        next_day=min(coming) if coming else None,
        items=tuple(items),
    )


def _requests(result: tuple[int, list[tuple[Any, ...]]], day: date) -> AttentionCard:
    """Open data-subject requests with their one-month deadlines."""
    count, rows = result
    items = tuple(
        AttentionItem(
            org_number="",
            name="" if erased else f"{first} {last}".strip(),
            what=str(kind),
            code="request",
            day=due,
            overdue=due < day,
        )
        for _id, kind, _received, due, first, last, erased in rows
    )
    coming = [i.day for i in items if i.day is not None and i.day >= day]
    return AttentionCard(
        CardKey.REQUESTS,
        count,
        overdue=sum(1 for i in items if i.overdue),
        next_day=min(coming) if coming else None,
        items=items,
    )


def _registry(result: tuple[int, list[tuple[Any, ...]]]) -> AttentionCard:
    """Deleted, bankrupt, dissolving companies and departed signatories."""
    count, rows = result
    items = tuple(
        AttentionItem(
            org_number=org,
            name=name,
            what=str(departed or ""),
            code=status if status in q.FLAGGED_STATUSES else "departed",
            day=None,
            overdue=False,
        )
        for org, name, status, departed in rows
    )
    return AttentionCard(CardKey.REGISTRY, count, items=items)


QUICK: dict[CardKey, Callable[[Any, date, datetime, int], AttentionCard]] = {
    CardKey.DRAFTS: _drafts,
    CardKey.UNRETURNED: _unreturned,
    CardKey.NOTICES: lambda s, day, _moment, limit: _notices(s, day, limit),
    CardKey.BINDING: _binding,
    CardKey.PRICE_NOTICE: lambda s, day, _moment, limit: _price_notices(
        q.planned_price_changes(s, after=day, limit=limit), day
    ),
    CardKey.REQUESTS: lambda s, day, _moment, limit: _requests(
        q.data_subject_requests(s, limit=limit), day
    ),
    CardKey.REGISTRY: lambda s, _day, _moment, limit: _registry(q.registry_flags(s, limit=limit)),
    CardKey.ORDERING: _ordering,
    CardKey.BREACHES: _breaches,
}
