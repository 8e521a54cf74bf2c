"""The yearly price adjustment (§13.1) as one action: proposals per service, with the rules.

The terms: "Webmaster Heimen kan justere pris en gang i året i tråd med indeksregulering. Dette
vil varsles innen 01.10 i inneværende år. Ved endring av forretningsmodell … varsles minst 12
måneder i forkant … mer enn 10 % utover konsumprisindeksen skal fases inn over flere år."
Read here as:

* the index is Statistics Norway's consumer price index (KPI), annual average; the change
  used for an adjustment effective in year Y is the change from Y-2 to Y-1 (the last whole
  year known when it is announced by 1 October of Y-1);
* an increase above the index change is warned about (it is no longer an index adjustment);
* an increase above the index is a business-model change, announced at least 12 months
  before it takes effect;
* an increase more than 10 percentage points above the index change in one step is flagged:
  it must be phased over several years.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from contractdesk.domain.invoicing.periods import anniversary
from contractdesk.domain.invoicing.pricing import (
    PriceAdjustment,
    PriceAdjustmentWarning,
    check_price_adjustment,
)
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate

PHASING_LIMIT = Decimal("0.10")  # 10 percentage points above the index in one step


class YearlyWarningCode(StrEnum):
    """The yearly action's own §13.1 flags (beside :class:`PriceWarningCode`)."""

    MODEL_CHANGE_NOTICE = "model_change_notice"
    NOT_PHASED = "not_phased"


@dataclass(frozen=True, slots=True)
class YearlyWarning:
    code: YearlyWarningCode
    message: str


def index_change(table: Mapping[int, Decimal], effective: date) -> tuple[int, Decimal]:
    """(the index year, its change) for an adjustment effective on ``effective``: the change
    from ``effective.year - 2`` to ``effective.year - 1``, e.g. ``Decimal("0.0309")``.

    Raises:
        UserError: the table lacks one of the two years.
    """
    year = effective.year - 1
    if year not in table or year - 1 not in table:
        raise UserError(
            fill(
                translate(
                    "PriceRules",
                    "The consumer price index for %1 and %2 is needed; add it with the year's "
                    "annual average from Statistics Norway.",
                ),
                year - 1,
                year,
            ),
            field="index_year",
        )
    return year, (table[year] / table[year - 1] - 1).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def raised(price: Decimal, change: Decimal, places: int = 2) -> Decimal:
    """``price`` raised by ``change`` (e.g. 0.031), rounded half up to ``places`` decimals."""
    return (price * (1 + change)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def yearly_warnings(
    adjustment: PriceAdjustment,
    others: list[PriceAdjustment],
    index: Decimal,
) -> tuple[list[PriceAdjustmentWarning], list[YearlyWarning]]:
    """The §13.1 checks of one proposed adjustment: once a year, announced by 1 October of the
    year before, above the index; and the business-model rules (12 months, phasing)."""
    warnings = check_price_adjustment(adjustment, others, index)
    flags: list[YearlyWarning] = []
    change = adjustment.change
    if change is None or change <= index:
        return warnings, flags
    if anniversary(adjustment.announced) > adjustment.effective:
        flags.append(
            YearlyWarning(
                YearlyWarningCode.MODEL_CHANGE_NOTICE,
                fill(
                    translate(
                        "PriceRules",
                        "An increase above the index is a business-model change: announce it at "
                        "least 12 months ahead (by %1 for %2; §13.1).",
                    ),
                    _year_before(adjustment.effective).isoformat(),
                    adjustment.effective.isoformat(),
                ),
            )
        )
    if change - index > PHASING_LIMIT:
        flags.append(
            YearlyWarning(
                YearlyWarningCode.NOT_PHASED,
                fill(
                    translate(
                        "PriceRules",
                        "The increase of %1 % is more than 10 % above the index (%2 %): phase it "
                        "in over several years (§13.1).",
                    ),
                    f"{change * 100:.2f}",
                    f"{index * 100:.2f}",
                ),
            )
        )
    return warnings, flags


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return date(day.year - 1, 2, 28)
