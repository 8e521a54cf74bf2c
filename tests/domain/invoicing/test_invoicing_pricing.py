"""§13.1 price adjustments: at most once a year, announced by 1 October; warnings, not refusals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from contractdesk.domain.invoicing import (
    PriceAdjustment,
    PriceWarningCode,
    announcement_deadline,
    check_price_adjustment,
    check_price_adjustments,
)


@pytest.mark.parametrize(
    ("effective", "deadline"),
    [
        (date(2028, 1, 1), date(2027, 10, 1)),
        (date(2028, 6, 1), date(2027, 10, 1)),
        (date(2028, 10, 1), date(2027, 10, 1)),
        (date(2028, 10, 2), date(2027, 10, 1)),
        (date(2028, 12, 31), date(2027, 10, 1)),
    ],
)
def test_section_13_1_announcement_deadline_is_1_october_of_the_year_before(
    effective: date, deadline: date
) -> None:
    assert announcement_deadline(effective) == deadline


def test_announced_on_1_october_for_new_year_is_fine() -> None:
    assert check_price_adjustment(PriceAdjustment(date(2028, 1, 1), date(2027, 10, 1))) == []


def test_announced_on_2_october_is_too_late_for_new_year() -> None:
    (warning,) = check_price_adjustment(PriceAdjustment(date(2028, 1, 1), date(2027, 10, 2)))
    assert warning.code is PriceWarningCode.ANNOUNCED_TOO_LATE
    assert "2027-10-01" in warning.message and "§13.1" in warning.message


def test_two_adjustments_in_one_year_warn_on_both() -> None:
    first = PriceAdjustment(date(2028, 1, 1), date(2027, 9, 1))
    second = PriceAdjustment(date(2028, 7, 1), date(2027, 9, 1))
    warnings = check_price_adjustments([second, first])
    assert [(w.code, w.adjustment) for w in warnings] == [
        (PriceWarningCode.TWICE_IN_ONE_YEAR, first),
        (PriceWarningCode.TWICE_IN_ONE_YEAR, second),
    ]
    assert "2028-07-01" in warnings[0].message


def test_one_adjustment_per_year_is_fine_and_self_is_ignored() -> None:
    a = PriceAdjustment(date(2028, 1, 1), date(2027, 9, 1))
    b = PriceAdjustment(date(2029, 1, 1), date(2028, 9, 1))
    assert check_price_adjustments([a, b]) == []
    assert check_price_adjustment(a, [a, b]) == []


def test_both_rules_broken_gives_both_warnings() -> None:
    earlier = PriceAdjustment(date(2028, 2, 1), date(2027, 9, 1))
    late = PriceAdjustment(date(2028, 11, 1), date(2028, 10, 15))
    assert [w.code for w in check_price_adjustment(late, [earlier])] == [
        PriceWarningCode.TWICE_IN_ONE_YEAR,
        PriceWarningCode.ANNOUNCED_TOO_LATE,
    ]


@pytest.mark.parametrize(
    ("new_price", "warned"), [("1035", False), ("1035.01", True), ("900", False)]
)
def test_increase_beyond_the_index_is_flagged_when_the_index_is_given(
    new_price: str, warned: bool
) -> None:
    adjustment = PriceAdjustment(
        date(2028, 1, 1), date(2027, 9, 1), Decimal(1000), Decimal(new_price)
    )
    codes = [w.code for w in check_price_adjustment(adjustment, index_change=Decimal("0.035"))]
    assert (PriceWarningCode.ABOVE_INDEX in codes) is warned
    assert check_price_adjustment(adjustment) == []
