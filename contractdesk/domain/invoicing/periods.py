"""Calendar invoice periods, invoice and due dates, month ends and anniversaries (§10, §12)."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from contractdesk.domain.invoicing.values import InvoicePeriod


@dataclass(frozen=True, slots=True)
class Period:
    """A closed date interval ``start`` … ``end`` (both days included)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends {self.end} before it starts {self.start}")

    @property
    def days(self) -> int:
        """Number of days in the period, both ends counted."""
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def __repr__(self) -> str:
        return f"Period({self.start.isoformat()}..{self.end.isoformat()})"


@lru_cache(maxsize=4096)
def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_end(day: date) -> date:
    """The last day of ``day``'s month."""
    return _month_end(day.year, day.month)


def month_start(day: date) -> date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def next_month_start(day: date) -> date:
    """The first day of the month after ``day``'s month."""
    if day.month == 12:
        return date(day.year + 1, 1, 1)
    return date(day.year, day.month + 1, 1)


def parse_month(text: str) -> date:
    """``"2027-03"`` → ``date(2027, 3, 1)`` (the form ``usage record --month`` takes).

    Raises:
        ValueError: not a ``YYYY-MM`` month.
    """
    parts = (text or "").strip().split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValueError(f"expected a month as YYYY-MM, got {text!r}")
    return date(int(parts[0]), int(parts[1]), 1)


def anniversary(day: date) -> date:
    """The same date one year later; the anniversary of 29 February is 1 March.

    So a year counted from 29 February 2028 runs to 28 February 2029 inclusive.
    """
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February in a leap year
        return date(day.year + 1, 3, 1)


@lru_cache(maxsize=4096)
def _period(kind: InvoicePeriod, year: int, index: int) -> Period:
    months = kind.months
    first = index * months + 1
    last = first + months - 1
    return Period(date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]))


def period_containing(kind: InvoicePeriod, day: date) -> Period:
    """The calendar period of ``kind`` that contains ``day``.

    Years run Jan-Dec, half-years Jan-Jun and Jul-Dec, quarters Jan-Mar …, every second
    month Jan-Feb, Mar-Apr …, months are months.
    """
    return _period(kind, day.year, (day.month - 1) // kind.months)


def next_period(kind: InvoicePeriod, period: Period) -> Period:
    """The calendar period of ``kind`` right after ``period``."""
    return period_containing(kind, period.end + timedelta(days=1))


def iter_periods(kind: InvoicePeriod, first_day: date) -> Iterator[Period]:
    """Endless consecutive calendar periods, starting with the one containing ``first_day``."""
    period = period_containing(kind, first_day)
    while True:
        yield period
        period = next_period(kind, period)


def scheduled_invoice_date(kind: InvoicePeriod, period: Period) -> date:
    """The regular invoice date of a period: the 1st … 5th of its first month (§10)."""
    return period.start.replace(day=kind.invoice_day)


def due_date(invoice_date: date, due_days: int) -> date:
    """``invoice_date`` plus ``due_days`` days."""
    return invoice_date + timedelta(days=due_days)
