"""Use cases of the overview: what needs the owner's attention today, read in one go.

Read-only (``store.read_session()``): one statement per quick card (``cards.py``); the invoices
of the next 30 days and those waiting for an invoice run come from the billing plan, what is due
for deletion from the retention rules (the same numbers as the pages behind them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from contractdesk.services.overview.cards import BINDING_DAYS, QUICK, UNRETURNED_DAYS
from contractdesk.services.overview.views import (
    SLOW_CARDS,
    AttentionCard,
    AttentionItem,
    CardKey,
    GettingStarted,
    Overview,
)
from contractdesk.store.engine import Store
from contractdesk.store.queries import overview as q

__all__ = ["BINDING_DAYS", "INVOICE_DAYS", "UNRETURNED_DAYS", "OverviewService"]

INVOICE_DAYS = 30  # invoices dated within this many days
DEFAULT_LIMIT = 200  # lines kept per card (the count is always the full number)

PlanFn = Callable[[str | None, date, date], Sequence[Any]]


class OverviewService:
    """The overview's use cases: :meth:`overview` (every card), :meth:`cards` (some of them, for a
    view that reloads only what a change concerns) and :meth:`getting_started`.

    Args:
        store: the open store (only read).
        plan: the billing plan, ``plan(org_number | None, from, to)`` → planned invoices
            (``BillingService.plan``); without it the invoices card is empty.
        runs_due: planned invoices up to a day that no invoice run holds yet
            (``InvoiceRunService.due``); without it the runs card is empty.
        retention_due: what the retention rules make due on a day (``RetentionUseCases.due``);
            without it the retention card is empty.
    """

    def __init__(
        self,
        store: Store,
        plan: PlanFn | None = None,
        *,
        runs_due: Callable[[date], Sequence[Any]] | None = None,
        retention_due: Callable[[date], Any] | None = None,
    ) -> None:
        self._store = store
        self._plan = plan
        self._runs_due = runs_due
        self._retention_due = retention_due

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

        ``include_invoices=False`` leaves the slow cards out (``SLOW_CARDS``: invoices, invoice
        runs and retention compute the billing plan or the retention rules): the GUI shows the
        other cards first and asks for those with :meth:`cards`.
        """
        day = today or date.today()
        keys = [k for k in CardKey if include_invoices or k not in SLOW_CARDS]
        cards = self.cards(keys, day, now=now, limit=limit)
        return Overview(today=day, cards=cards, getting_started=self.getting_started())

    def getting_started(self) -> GettingStarted:
        """What a new user has done so far (one statement)."""
        with self._store.read_session() as s:
            return GettingStarted(*q.getting_started_counts(s))

    def cards(
        self,
        keys: Iterable[CardKey],
        today: date | None = None,
        *,
        now: datetime | None = None,
        limit: int = DEFAULT_LIMIT,
    ) -> tuple[AttentionCard, ...]:
        """The cards ``keys`` as of ``today``, in the overview's order: one statement each
        (the slow ones from the billing plan or the retention rules)."""
        day = today or date.today()
        moment = now or datetime.combine(day, datetime.now(UTC).timetz())
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        wanted = set(keys)
        out: list[AttentionCard] = []
        quick = [k for k in CardKey if k in wanted and k not in SLOW_CARDS]
        if quick:
            with self._store.read_session() as s:
                out += [QUICK[k](s, day, moment, limit) for k in quick]
        if CardKey.INVOICES in wanted:
            out.append(self.invoices(day, limit=limit))
        if CardKey.RUNS in wanted:
            out.append(self.runs(day, limit=limit))
        if CardKey.RETENTION in wanted:
            out.append(self.retention(day, limit=limit))
        order = list(CardKey)
        return tuple(sorted(out, key=lambda c: order.index(c.key)))

    def invoices(self, today: date | None = None, *, limit: int = DEFAULT_LIMIT) -> AttentionCard:
        """The invoices dated today … 30 days ahead, their count and sum incl. VAT."""
        day = today or date.today()
        if self._plan is None:
            return AttentionCard(CardKey.INVOICES, 0, amount=Decimal("0.00"))
        invoices = self._plan(None, day, day + timedelta(days=INVOICE_DAYS))
        card = self._planned_card(CardKey.INVOICES, invoices, limit)
        first = invoices[0].invoice_date if invoices else None
        return AttentionCard(
            card.key, card.count, next_day=first, amount=card.amount, items=card.items
        )

    def runs(self, today: date | None = None, *, limit: int = DEFAULT_LIMIT) -> AttentionCard:
        """Planned invoices dated up to today that no invoice run holds yet: a run is due."""
        day = today or date.today()
        if self._runs_due is None:
            return AttentionCard(CardKey.RUNS, 0)
        due = sorted(self._runs_due(day), key=lambda i: (i.invoice_date, i.org_number))
        card = self._planned_card(CardKey.RUNS, due, limit)
        first = due[0].invoice_date if due else None
        return AttentionCard(
            card.key, card.count, next_day=first, amount=card.amount, items=card.items
        )

    def retention(self, today: date | None = None, *, limit: int = DEFAULT_LIMIT) -> AttentionCard:
        """What the retention rules make due for deletion today (items and old backups)."""
        day = today or date.today()
        if self._retention_due is None:
            return AttentionCard(CardKey.RETENTION, 0)
        plan = self._retention_due(day)
        items = tuple(
            AttentionItem(
                org_number="",
                name=str(item.label),
                what=str(item.rule.value),
                code="retention",
                day=item.due_on,
            )
            for item in sorted(plan.items, key=lambda i: (i.due_on, i.label))[:limit]
        )
        count = len(plan.items) + len(plan.backups)
        return AttentionCard(
            CardKey.RETENTION, count, next_day=items[0].day if items else None, items=items
        )

    def _planned_card(self, key: CardKey, invoices: Sequence[Any], limit: int) -> AttentionCard:
        """A card of planned invoices: count, sum incl. VAT and the first ``limit`` lines."""
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
        return AttentionCard(key, len(invoices), amount=total, items=items)
