"""Binding periods (12 months from billing start, none when free) and termination end dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from contractdesk.domain.invoicing import (
    Licence,
    OneOffCost,
    Termination,
    UsageService,
    binding_end,
    earliest_end,
    resolve_termination,
)


def _licence(start: date, trial_days: int = 0, price: str = "12000") -> Licence:
    return Licence(1, "CRM", Decimal(price), start, trial_days)


@pytest.mark.parametrize(
    ("start", "trial_days", "expected"),
    [
        (date(2027, 3, 1), 30, date(2028, 3, 30)),  # B = 2027-03-31
        (date(2027, 3, 1), 0, date(2028, 2, 29)),  # ends on a leap day
        (date(2028, 2, 29), 0, date(2029, 2, 28)),  # starts on a leap day
        (date(2028, 2, 1), 28, date(2029, 2, 28)),  # B = 2028-02-29 after the trial
        (date(2027, 2, 28), 0, date(2028, 2, 27)),
        (date(2028, 3, 1), 0, date(2029, 2, 28)),
        (date(2027, 1, 31), 0, date(2028, 1, 30)),
        (date(2027, 12, 31), 0, date(2028, 12, 30)),
        (date(2027, 12, 20), 14, date(2029, 1, 2)),  # B = 2028-01-03
    ],
)
def test_paid_licence_binds_until_the_day_before_the_anniversary_of_billing_start(
    start: date, trial_days: int, expected: date
) -> None:
    assert binding_end(_licence(start, trial_days)) == expected


def test_free_services_bind_nothing() -> None:
    assert binding_end(_licence(date(2027, 3, 1), price="0")) is None
    assert binding_end(OneOffCost(2, "Setup", Decimal(500), date(2027, 3, 1))) is None
    assert binding_end(UsageService(3, "SMS", Decimal("0.39"))) is None


@pytest.mark.parametrize(
    ("received", "requested", "end", "paid_until", "binding"),
    [
        # B = 2027-03-31, binding end 2028-03-30.
        (date(2027, 9, 10), None, date(2028, 3, 30), date(2028, 3, 31), date(2028, 3, 30)),
        (
            date(2027, 9, 10),
            date(2028, 1, 15),
            date(2028, 3, 30),
            date(2028, 3, 31),
            date(2028, 3, 30),
        ),
        (
            date(2027, 9, 10),
            date(2028, 8, 15),
            date(2028, 8, 15),
            date(2028, 8, 31),
            date(2028, 3, 30),
        ),
        (date(2028, 3, 30), None, date(2028, 3, 30), date(2028, 3, 31), date(2028, 3, 30)),
        (date(2028, 5, 10), None, date(2028, 5, 10), date(2028, 5, 31), date(2028, 3, 30)),
        (date(2028, 5, 31), None, date(2028, 5, 31), date(2028, 5, 31), date(2028, 3, 30)),
        (date(2029, 2, 1), None, date(2029, 2, 1), date(2029, 2, 28), date(2028, 3, 30)),
    ],
)
def test_end_is_the_latest_of_received_requested_and_binding_end(
    received: date, requested: date | None, end: date, paid_until: date, binding: date
) -> None:
    licence = _licence(date(2027, 3, 1), 30)
    outcome = resolve_termination(licence, Termination(received, requested))
    assert outcome is not None
    assert (outcome.end, outcome.paid_until, outcome.binding_end) == (end, paid_until, binding)
    assert outcome.billed


def test_section_5_1_termination_in_trial_is_free_only_when_it_ends_inside_the_trial() -> None:
    licence = _licence(date(2027, 3, 1), 30)  # B = 2027-03-31
    outcome = resolve_termination(licence, Termination(date(2027, 3, 15)))
    assert outcome is not None
    assert outcome.binding_end is None
    assert outcome.end == date(2027, 3, 15)
    assert not outcome.billed

    with_later_end = resolve_termination(licence, Termination(date(2027, 3, 15), date(2027, 5, 10)))
    assert with_later_end is not None
    assert with_later_end.billed
    # An end after billing starts binds the 12 months like any order (issue 14's decision).
    assert with_later_end.binding_end == date(2028, 3, 30)
    assert (with_later_end.end, with_later_end.paid_until) == (date(2028, 3, 30), date(2028, 3, 31))


def test_termination_on_billing_start_day_is_held_to_the_binding() -> None:
    licence = _licence(date(2027, 3, 1), 30)
    outcome = resolve_termination(licence, Termination(date(2027, 3, 31)))
    assert outcome is not None
    assert outcome.end == date(2028, 3, 30)


def test_free_licence_ends_when_terminated_month_end_paid_until() -> None:
    outcome = resolve_termination(
        _licence(date(2027, 3, 1), price="0"), Termination(date(2027, 6, 3))
    )
    assert outcome is not None
    assert (outcome.end, outcome.paid_until, outcome.binding_end) == (
        date(2027, 6, 3),
        date(2027, 6, 30),
        None,
    )


def test_resolve_uses_the_services_own_termination_and_none_without_one() -> None:
    licence = _licence(date(2027, 3, 1), 30)
    assert resolve_termination(licence) is None
    outcome = resolve_termination(licence.terminated(date(2028, 5, 10)))
    assert outcome is not None
    assert outcome.end == date(2028, 5, 10)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2027, 4, 1), date(2028, 3, 30)),
        (date(2028, 6, 1), date(2028, 6, 1)),
    ],
)
def test_earliest_end_shown_on_each_service(today: date, expected: date) -> None:
    assert earliest_end(_licence(date(2027, 3, 1), 30), today) == expected
    assert earliest_end(UsageService(3, "SMS", Decimal("0.39")), today) == today
