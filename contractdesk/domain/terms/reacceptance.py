"""The §14 re-acceptance cycle of a new terms version: dates, per-customer status, termination
proposals.

§14 of the 2021 terms: customers are notified at the latest 1 month before a change takes
effect, must accept the new terms (signed digitally or in writing), and an agreement not
accepted within 1 month is *considered terminated*. Here:

* last day to notify = effective date minus 1 calendar month;
* acceptance deadline = notice date plus 1 calendar month (accepting on that day is in time);
* months are calendar months clamped to the month's end: 31 March minus 1 month is
  28 February (29 in leap years), 31 January plus 1 month is 28/29 February.

Nothing here terminates anything: `propose_terminations` lists the overdue customers for
the owner to confirm one by one.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

__all__ = [
    "CustomerAcceptance",
    "ReacceptanceRow",
    "ReacceptanceStatus",
    "TerminationProposal",
    "acceptance_deadline",
    "add_months",
    "last_notice_date",
    "plan_reacceptance",
    "propose_terminations",
    "reacceptance_row",
]

CustomerId = int | str


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months, clamped to the end of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def last_notice_date(effective: date) -> date:
    """The last day customers may be notified of terms taking effect on ``effective`` (E − 1
    month)."""
    return add_months(effective, -1)


def acceptance_deadline(notified_on: date) -> date:
    """The last day a customer notified on ``notified_on`` may accept (notice + 1 month)."""
    return add_months(notified_on, 1)


class ReacceptanceStatus(StrEnum):
    """Where a customer stands in the re-acceptance of a new version."""

    TO_NOTIFY = "to_notify"
    NOTIFIED = "notified"
    ACCEPTED = "accepted"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class CustomerAcceptance:
    """What is recorded for one active customer and the new version: when notified, when
    accepted."""

    customer_id: CustomerId
    notified_on: date | None = None
    accepted_on: date | None = None


@dataclass(frozen=True)
class ReacceptanceRow:
    """One customer's line on the re-acceptance list.

    Attributes:
        acceptance_deadline: None until the customer has been notified.
        notice_late: notified after the last notice day, or not notified and that day has passed.
        accepted_late: accepted after the acceptance deadline.
    """

    customer_id: CustomerId
    effective_date: date
    last_notice_date: date
    notified_on: date | None
    acceptance_deadline: date | None
    accepted_on: date | None
    status: ReacceptanceStatus
    notice_late: bool = False
    accepted_late: bool = False


@dataclass(frozen=True)
class TerminationProposal:
    """An overdue customer proposed as "considered terminated" (§14); the owner must confirm it."""

    customer_id: CustomerId
    effective_date: date
    notified_on: date
    acceptance_deadline: date
    reason: str


def reacceptance_row(effective: date, customer: CustomerAcceptance, today: date) -> ReacceptanceRow:
    """The status of one customer on ``today`` for a version taking effect on ``effective``."""
    notice_by = last_notice_date(effective)
    deadline = acceptance_deadline(customer.notified_on) if customer.notified_on else None
    if customer.accepted_on is not None:
        status = ReacceptanceStatus.ACCEPTED
    elif customer.notified_on is None:
        status = ReacceptanceStatus.TO_NOTIFY
    elif deadline is not None and today > deadline:
        status = ReacceptanceStatus.OVERDUE
    else:
        status = ReacceptanceStatus.NOTIFIED
    if customer.notified_on is not None:
        notice_late = customer.notified_on > notice_by
    else:
        notice_late = status is ReacceptanceStatus.TO_NOTIFY and today > notice_by
    accepted_late = bool(customer.accepted_on and deadline and customer.accepted_on > deadline)
    return ReacceptanceRow(
        customer_id=customer.customer_id,
        effective_date=effective,
        last_notice_date=notice_by,
        notified_on=customer.notified_on,
        acceptance_deadline=deadline,
        accepted_on=customer.accepted_on,
        status=status,
        notice_late=notice_late,
        accepted_late=accepted_late,
    )


def plan_reacceptance(
    effective: date, customers: Iterable[CustomerAcceptance], today: date
) -> tuple[ReacceptanceRow, ...]:
    """The re-acceptance list for every active customer, in the order given."""
    return tuple(reacceptance_row(effective, c, today) for c in customers)


def propose_terminations(rows: Iterable[ReacceptanceRow]) -> tuple[TerminationProposal, ...]:
    """Overdue customers, proposed (never executed) as considered terminated under §14."""
    proposals = []
    for row in rows:
        if row.status is ReacceptanceStatus.OVERDUE and row.notified_on and row.acceptance_deadline:
            proposals.append(
                TerminationProposal(
                    customer_id=row.customer_id,
                    effective_date=row.effective_date,
                    notified_on=row.notified_on,
                    acceptance_deadline=row.acceptance_deadline,
                    reason=(
                        f"Notified {row.notified_on.isoformat()}, not accepted by "
                        f"{row.acceptance_deadline.isoformat()}: under §14 the agreement is "
                        "considered "
                        "terminated once the owner confirms."
                    ),
                )
            )
    return tuple(proposals)
