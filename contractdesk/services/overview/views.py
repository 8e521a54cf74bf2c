"""The overview's values: cards of what needs the owner's attention today, and the first steps.

Every text the user sees is a code here (``CardKey``, ``AttentionItem.code``); the GUI translates
it at display time, so the same view reads in Norwegian and English.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "SLOW_CARDS",
    "AttentionCard",
    "AttentionItem",
    "CardKey",
    "GettingStarted",
    "Overview",
]


class CardKey(StrEnum):
    """The cards, in the order the overview shows them."""

    DRAFTS = "drafts"
    UNRETURNED = "unreturned"
    NOTICES = "notices"
    BINDING = "binding"
    PRICE_NOTICE = "price_notice"
    REQUESTS = "requests"
    REGISTRY = "registry"
    INVOICES = "invoices"
    ORDERING = "ordering"  # services ordered without accepted terms (§4.1, §2.2)
    BREACHES = "breaches"  # breaches not yet reported to Datatilsynet: the 72-hour countdown
    RETENTION = "retention"  # what the retention rules make due for deletion
    RUNS = "runs"  # planned invoices up to today that no invoice run holds yet


# Cards computed outside one statement (billing plan, retention rules): read after the others.
SLOW_CARDS = frozenset({CardKey.INVOICES, CardKey.RETENTION, CardKey.RUNS})


@dataclass(frozen=True, slots=True)
class AttentionItem:
    """One line of the list behind a card.

    Attributes:
        org_number: the customer's org number ("" for a data-subject request).
        name: the customer's (or, for a request, the person's) name.
        what: the thing itself: document id, service name, terms label, request kind.
        code: what kind of line it is (``draft``, ``sent``, ``to_notify``, ``notified``,
            ``overdue``, ``binding``, ``price``, ``request``, ``deleted``, ``removed``,
            ``bankrupt``, ``liquidation``, ``departed``, ``invoice``, ``credit``, ``ordering``,
            ``breach``, ``retention``, ``run``).
        day: the date that matters (deadline, sent on, binding end, invoice date).
        overdue: the date has passed and something should have happened.
        moment: the exact time that matters (a breach's 72-hour deadline), else None.
        amount: money on the line (invoice total incl. VAT, new price), else None.
    """

    org_number: str
    name: str
    what: str
    code: str
    day: date | None
    overdue: bool = False
    amount: Decimal | None = None
    moment: datetime | None = None


@dataclass(frozen=True, slots=True)
class AttentionCard:
    """One card: how many, how many overdue, the next date that matters, a sum, and its list
    (at most the first ``limit`` lines; ``count`` is the full number)."""

    key: CardKey
    count: int
    overdue: int = 0
    next_day: date | None = None
    amount: Decimal | None = None
    items: tuple[AttentionItem, ...] = ()
    next_moment: datetime | None = None  # the next deadline to the minute (breaches: 72 hours)


@dataclass(frozen=True, slots=True)
class GettingStarted:
    """What a new user has done so far; the overview shows the steps until an agreement is sent."""

    customers: int
    people: int
    services: int
    agreements: int
    sent: int

    @property
    def done(self) -> bool:
        """The first agreement went out (sent, signed or accepted): the steps are not shown."""
        return self.sent > 0


@dataclass(frozen=True, slots=True)
class Overview:
    """Everything the overview page shows, as of ``today``."""

    today: date
    cards: tuple[AttentionCard, ...]
    getting_started: GettingStarted

    def card(self, key: CardKey | str) -> AttentionCard | None:
        """The card ``key``, None when it was left out (read separately)."""
        return next((c for c in self.cards if c.key == key), None)

    def with_card(self, card: AttentionCard) -> Overview:
        """This overview with ``card`` added or replaced."""
        return self.with_cards((card,))

    def with_cards(
        self, cards: tuple[AttentionCard, ...], started: GettingStarted | None = None
    ) -> Overview:
        """This overview with ``cards`` added or replaced (and ``started``, when given)."""
        keys = {c.key for c in cards}
        merged = (*(c for c in self.cards if c.key not in keys), *cards)
        order = list(CardKey)
        return Overview(
            self.today,
            tuple(sorted(merged, key=lambda c: order.index(c.key))),
            self.getting_started if started is None else started,
        )
