"""Calendar periods of every kind, their invoice dates, day counts in leap years, month ends."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from contractdesk.domain.invoicing import (
    InvoicePeriod,
    Period,
    anniversary,
    iter_periods,
    month_end,
    parse_month,
    period_containing,
    scheduled_invoice_date,
)

Y, H, Q, B, M = (
    InvoicePeriod.YEARLY,
    InvoicePeriod.HALF_YEARLY,
    InvoicePeriod.QUARTERLY,
    InvoicePeriod.BIMONTHLY,
    InvoicePeriod.MONTHLY,
)


@pytest.mark.parametrize(
    ("kind", "day", "start", "end", "invoice_date"),
    [
        (Y, date(2027, 5, 17), date(2027, 1, 1), date(2027, 12, 31), date(2027, 1, 1)),
        (H, date(2027, 5, 17), date(2027, 1, 1), date(2027, 6, 30), date(2027, 1, 2)),
        (H, date(2027, 7, 1), date(2027, 7, 1), date(2027, 12, 31), date(2027, 7, 2)),
        (Q, date(2027, 5, 17), date(2027, 4, 1), date(2027, 6, 30), date(2027, 4, 3)),
        (Q, date(2027, 12, 31), date(2027, 10, 1), date(2027, 12, 31), date(2027, 10, 3)),
        (B, date(2027, 5, 17), date(2027, 5, 1), date(2027, 6, 30), date(2027, 5, 4)),
        (B, date(2027, 2, 28), date(2027, 1, 1), date(2027, 2, 28), date(2027, 1, 4)),
        (B, date(2027, 12, 1), date(2027, 11, 1), date(2027, 12, 31), date(2027, 11, 4)),
        (M, date(2027, 5, 17), date(2027, 5, 1), date(2027, 5, 31), date(2027, 5, 5)),
        (M, date(2028, 2, 29), date(2028, 2, 1), date(2028, 2, 29), date(2028, 2, 5)),
    ],
)
def test_period_containing_a_day_and_its_invoice_date(
    kind: InvoicePeriod, day: date, start: date, end: date, invoice_date: date
) -> None:
    period = period_containing(kind, day)
    assert period == Period(start, end)
    assert day in period
    assert scheduled_invoice_date(kind, period) == invoice_date


@pytest.mark.parametrize(
    ("kind", "day", "days_2027", "days_2028"),
    [
        (Y, date(2027, 2, 1), 365, 366),
        (H, date(2027, 2, 1), 181, 182),
        (H, date(2027, 8, 1), 184, 184),
        (Q, date(2027, 2, 1), 90, 91),
        (B, date(2027, 2, 1), 59, 60),
        (M, date(2027, 2, 1), 28, 29),
        (M, date(2027, 3, 1), 31, 31),
    ],
)
def test_days_in_period_follow_leap_years(
    kind: InvoicePeriod, day: date, days_2027: int, days_2028: int
) -> None:
    assert period_containing(kind, day).days == days_2027
    assert period_containing(kind, day.replace(year=2028)).days == days_2028


@pytest.mark.parametrize("kind", list(InvoicePeriod))
def test_periods_follow_each_other_through_two_years(kind: InvoicePeriod) -> None:
    periods = iter_periods(kind, date(2027, 1, 1))
    seen = [next(periods) for _ in range(24 // kind.months)]
    assert seen[0].start == date(2027, 1, 1)
    assert seen[-1].end == date(2028, 12, 31)
    for before, after in pairwise(seen):
        assert (after.start - before.end).days == 1
    assert sum(p.days for p in seen) == 365 + 366


@pytest.mark.parametrize(
    ("day", "end"),
    [
        (date(2027, 1, 31), date(2027, 1, 31)),
        (date(2027, 2, 1), date(2027, 2, 28)),
        (date(2028, 2, 10), date(2028, 2, 29)),
        (date(2100, 2, 10), date(2100, 2, 28)),
        (date(2000, 2, 10), date(2000, 2, 29)),
        (date(2027, 4, 30), date(2027, 4, 30)),
        (date(2027, 12, 5), date(2027, 12, 31)),
    ],
)
def test_month_end(day: date, end: date) -> None:
    assert month_end(day) == end


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 3, 31), date(2028, 3, 31)),
        (date(2028, 2, 29), date(2029, 3, 1)),
        (date(2027, 2, 28), date(2028, 2, 28)),
        (date(2027, 12, 31), date(2028, 12, 31)),
    ],
)
def test_anniversary(day: date, expected: date) -> None:
    assert anniversary(day) == expected


def test_parse_month() -> None:
    assert parse_month("2027-03") == date(2027, 3, 1)
    for bad in ("2027-3-1", "27-03", "2027/03", "2027-13", ""):
        with pytest.raises(ValueError):
            parse_month(bad)


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError):
        Period(date(2027, 2, 1), date(2027, 1, 31))
