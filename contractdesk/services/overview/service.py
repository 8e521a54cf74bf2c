"""Use cases of the overview: what needs the owner's attention today, read in one go.

Read-only: one read session (``store.read_session()``), one statement per card from
``store/queries/overview.py``; the §14 and price-notice dates come from the domain's rules; the
invoices of the next 30 days come from the billing plan (the same numbers as the Services page).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
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
from contractdesk.services.overview.views import (
    AttentionCard,
    AttentionItem,
    CardKey,
    GettingStarted,
    Overview,
)
from contractdesk.store.engine import Store
from contractdesk.store.queries import overview as q

__all__ = ["BINDING_DAYS", "INVOICE_DAYS", "UNRETURNED_DAYS", "OverviewService"]

UNRETURNED_DAYS = 14  # a sent agreement not back after this many days needs a reminder
BINDING_DAYS = 60  # binding periods ending within this many days
INVOICE_DAYS = 30  # invoices dated within this many days
DEFAULT_LIMIT = 200  # lines kept per card (the count is always the full number)

PlanFn = Callable[[str | None, date, date], Sequence[Any]]


class OverviewService:
    """The overview's one use case, :meth:`overview`.

    Args:
        store: the open store (only read).
        plan: the billing plan, ``plan(org_number | None, from, to)`` → planned invoices
            (``BillingService.plan``); without it the invoices card is empty.
    """

    def __init__(self, store: Store, plan: PlanFn | None = None) -> None:
        self._store = store
        self._plan = plan

    def __repr__(self) -> str:
        return f"OverviewService({self._store!r})"

    def overview(
        self,
        today: date | None = None,
        *,
        now: datetime | None = None,
        limit: int = DEFAULT_LIMIT,
        include_invoices: bool = True,
    ) -> Overview:
        """Every card as of ``today`` (default: the real today).

        ``include_invoices=False`` leaves the invoices card out (it computes the billing plan,
        the slowest card at scale): the GUI shows the other cards first and asks for it with
        :meth:`invoices`.
        """
        day = today or date.today()
        moment = now or datetime.combine(day, datetime.now(UTC).timetz())
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        with self._store.read_session() as s:
            cards = [
                _simple(CardKey.DRAFTS, q.drafted_agreements(s, limit=limit), "draft", _created),
                _simple(
                    CardKey.UNRETURNED,
                    q.unreturned_agreements(
                        s, sent_before=q.days_before(moment, UNRETURNED_DAYS), limit=limit
                    ),
                    "sent",
                    _created,
                ),
                _notices(s, day, limit),
                _simple(
                    CardKey.BINDING,
                    q.binding_ends(
                        s, first=day, last=day + timedelta(days=BINDING_DAYS), limit=limit
                    ),
                    "binding",
                    lambda row: row[3],
                ),
                _price_notices(q.planned_price_changes(s, after=day, limit=limit), day),
                _requests(q.data_subject_requests(s, limit=limit), day),
                _registry(q.registry_flags(s, limit=limit)),
            ]
            started = GettingStarted(*q.getting_started_counts(s))
        if include_invoices:
            cards.append(self.invoices(day, limit=limit))
        return Overview(today=day, cards=tuple(cards), getting_started=started)

    def invoices(self, today: date | None = None, *, limit: int = DEFAULT_LIMIT) -> AttentionCard:
        """The invoices dated today … 30 days ahead, their count and sum incl. VAT."""
        day = today or date.today()
        if self._plan is None:
            return AttentionCard(CardKey.INVOICES, 0, amount=Decimal("0.00"))
        invoices = self._plan(None, day, day + timedelta(days=INVOICE_DAYS))
        total = sum((i.total for i in invoices), Decimal("0.00"))
        shown = invoices[:limit]
        with self._store.read_session() as s:
            names = q.customer_names(s, [i.org_number for i in shown])
        items = tuple(
            AttentionItem(
                org_number=i.org_number,
                name=names.get(i.org_number, ""),
                what="",
                code=str(getattr(i.kind, "value", i.kind)),
                day=i.invoice_date,
                amount=i.total,
            )
            for i in shown
        )
        return AttentionCard(
            CardKey.INVOICES,
            len(invoices),
            next_day=invoices[0].invoice_date if invoices else None,
            amount=total,
            items=items,
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
