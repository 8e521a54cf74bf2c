"""Price adjustment checks (§13.1): at most once a year, announced by 1 October; warnings only.

The terms: "Webmaster Heimen kan justere pris en gang i året i tråd med indeksregulering.
Dette vil varsles innen 01.10 i inneværende år." Read here as:

* at most one adjustment takes effect per calendar year (per service; the caller passes
  the adjustments of one service, or of one customer if prices move together);
* an adjustment must be announced by 1 October of the year before it takes effect:
  effective any day of 2028 → announce by 2027-10-01 (issue 14);
* optionally, when the index change is known, an increase beyond it is flagged (§13.1
  ties adjustments to the index; larger changes are business-model changes that need
  12 months' notice and phasing over several years).

Nothing here refuses an adjustment: the app shows the warnings and the user decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from contractdesk.i18n import fill, format_day, translate


class PriceWarningCode(StrEnum):
    """Which §13.1 rule an adjustment breaks."""

    TWICE_IN_ONE_YEAR = "twice_in_one_year"
    ANNOUNCED_TOO_LATE = "announced_too_late"
    ABOVE_INDEX = "above_index"


@dataclass(frozen=True, slots=True)
class PriceAdjustment:
    """A price change: when it takes effect, when it was (or will be) announced.

    ``old_price``/``new_price`` (any consistent unit, e.g. annual NOK) are optional and
    only used for the index check.
    """

    effective: date
    announced: date
    old_price: Decimal | None = None
    new_price: Decimal | None = None

    @property
    def change(self) -> Decimal | None:
        """Relative change, e.g. ``Decimal("0.035")`` for +3.5 %; ``None`` if unknown."""
        if self.old_price is None or self.new_price is None or self.old_price == 0:
            return None
        return (self.new_price - self.old_price) / self.old_price


@dataclass(frozen=True, slots=True)
class PriceAdjustmentWarning:
    """One broken rule, with a message the UI can show as is."""

    code: PriceWarningCode
    adjustment: PriceAdjustment
    message: str


def announcement_deadline(effective: date) -> date:
    """1 October of the year before ``effective``: the latest day to announce it (§13.1).

    "Dette vil varsles innen 01.10 i inneværende år" read as: next year's adjustment is announced
    by 1 October of the year before it takes effect (effective 2028-06-01 or 2028-10-02 ->
    announce by 2027-10-01).
    """
    return date(effective.year - 1, 10, 1)


def check_price_adjustment(
    adjustment: PriceAdjustment,
    others: Iterable[PriceAdjustment] = (),
    index_change: Decimal | None = None,
) -> list[PriceAdjustmentWarning]:
    """Warnings for one (planned) adjustment against the service's other adjustments.

    Args:
        adjustment: the adjustment being checked.
        others: the same service's other adjustments (``adjustment`` itself is ignored).
        index_change: the consumer price index change to compare with, e.g.
            ``Decimal("0.031")``; no index check when ``None``.
    """
    warnings: list[PriceAdjustmentWarning] = []
    clash = sorted(
        (o for o in others if o != adjustment and o.effective.year == adjustment.effective.year),
        key=lambda o: o.effective,
    )
    if clash:
        when = ", ".join(format_day(o.effective) for o in clash)
        warnings.append(
            PriceAdjustmentWarning(
                PriceWarningCode.TWICE_IN_ONE_YEAR,
                adjustment,
                fill(
                    translate(
                        "PriceRules",
                        "Prices may be adjusted at most once a year (§13.1); %1 already has an "
                        "adjustment effective %2.",
                    ),
                    adjustment.effective.year,
                    when,
                ),
            )
        )
    deadline = announcement_deadline(adjustment.effective)
    if adjustment.announced > deadline:
        warnings.append(
            PriceAdjustmentWarning(
                PriceWarningCode.ANNOUNCED_TOO_LATE,
                adjustment,
                fill(
                    translate(
                        "PriceRules",
                        "An adjustment effective %1 must be announced by %2 (§13.1); it was "
                        "announced %3.",
                    ),
                    format_day(adjustment.effective),
                    format_day(deadline),
                    format_day(adjustment.announced),
                ),
            )
        )
    change = adjustment.change
    if index_change is not None and change is not None and change > index_change:
        warnings.append(
            PriceAdjustmentWarning(
                PriceWarningCode.ABOVE_INDEX,
                adjustment,
                fill(
                    translate(
                        "PriceRules",
                        "The change of %1 % exceeds the index change of %2 %; a larger change is "
                        "a business-model change that must be announced 12 months ahead (§13.1).",
                    ),
                    f"{change * 100:.2f}",
                    f"{index_change * 100:.2f}",
                ),
            )
        )
    return warnings


def check_price_adjustments(
    adjustments: Iterable[PriceAdjustment], index_change: Decimal | None = None
) -> list[PriceAdjustmentWarning]:
    """Warnings for every adjustment of one service, in order of effective date."""
    items = sorted(adjustments, key=lambda a: (a.effective, a.announced))
    warnings: list[PriceAdjustmentWarning] = []
    for i, adjustment in enumerate(items):
        warnings.extend(
            check_price_adjustment(adjustment, items[:i] + items[i + 1 :], index_change)
        )
    return warnings
