"""Dates, months, times, amounts and numbers as the GUI shows them, in the user's language.

Norwegian Bokmål: ``01.11.2026``, ``nov. 2026``, ``12 000,00``; English: the locale's short date
with a four-digit year, ``Nov 2026``, ``12,000.00``. Everything goes through ``QLocale()`` (the
default ``install_language`` sets), so a language switch changes the next text shown. Amounts are
exact (``Decimal``, øre rounded half up), never floats. Sort keys and file names stay ISO: only what
the user reads is formatted here. The CLI never uses this module (its output is a scripting
interface).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QDate, QLocale, QTime

from contractdesk.domain.money import round_ore

__all__ = [
    "date_edit_format",
    "format_amount",
    "format_amount_input",
    "format_date",
    "format_datetime",
    "format_money",
    "format_month",
    "format_number",
    "month_edit_format",
]

_TWO_DIGIT_YEAR = re.compile(r"(?<!y)yy(?!y)")


def date_edit_format(locale: QLocale | None = None) -> str:
    """The locale's short date format with a four-digit year: ``dd.MM.yyyy`` (nb), ``M/d/yyyy``
    (en_US).

    Use it for ``QDateEdit.setDisplayFormat`` so what the user types and reads matches the tables.
    """
    loc = locale or QLocale()
    return _TWO_DIGIT_YEAR.sub("yyyy", loc.dateFormat(QLocale.FormatType.ShortFormat))


def month_edit_format(locale: QLocale | None = None) -> str:
    """The short date format without the day: ``MM.yyyy`` (nb), ``M/yyyy`` (en_US); for month
    pickers."""
    without_day = re.sub(r"d+[^dMy]*", "", date_edit_format(locale))
    return without_day.strip(" ./-,") or "MM.yyyy"


def format_date(day: date | None, locale: QLocale | None = None) -> str:
    """A date as the user reads it (``01.11.2026`` in Norwegian); empty for ``None``."""
    if day is None:
        return ""
    loc = locale or QLocale()
    return loc.toString(QDate(day.year, day.month, day.day), date_edit_format(loc))


def format_datetime(moment: datetime | None, locale: QLocale | None = None) -> str:
    """A moment in local time, date and hour:minute (``01.11.2026 14:05``); empty for ``None``.

    A naive ``datetime`` is taken as local time already; an aware one is converted to local time.
    """
    if moment is None:
        return ""
    loc = locale or QLocale()
    local = moment.astimezone() if moment.tzinfo is not None else moment
    clock = loc.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    return f"{format_date(local.date(), loc)} {clock}"


def format_month(day: date, locale: QLocale | None = None) -> str:
    """The month of ``day``: ``nov. 2026`` (nb), ``Nov 2026`` (en)."""
    loc = locale or QLocale()
    return loc.toString(QDate(day.year, day.month, 1), "MMM yyyy")


def _grouped(text: str, loc: QLocale) -> str:
    """``"-1234567.5"`` (plain decimal text) with the locale's group separator and decimal point."""
    negative = text.startswith("-")
    whole, _, fraction = text.lstrip("-").partition(".")
    group = loc.groupSeparator() or ","
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    body = group.join(groups) + (loc.decimalPoint() + fraction if fraction else "")
    return (loc.negativeSign() if negative else "") + body


def format_money(
    amount: Decimal, locale: QLocale | None = None, *, keep_decimals: bool = False
) -> str:
    """``Decimal("3049.72")`` → ``3 049,72`` (nb) or ``3,049.72`` (en): exact, øre rounded half up.

    With ``keep_decimals`` a price such as ``0.395`` keeps its decimals (at least two are shown).
    """
    loc = locale or QLocale()
    text = str(round_ore(amount))
    if keep_decimals:
        exact = amount.normalize()
        exponent = exact.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -2:
            text = format(exact, "f")
    return _grouped(text, loc)


format_amount = format_money
"""The name the invoice plan and services panel have used: the same function."""


def format_number(value: Decimal | int, locale: QLocale | None = None) -> str:
    """A quantity exactly as recorded, without trailing zeros: ``1 234,5`` (nb), ``1,234.5``
    (en)."""
    loc = locale or QLocale()
    if isinstance(value, int):
        return _grouped(str(value), loc)
    exact = value.normalize()
    exponent = exact.as_tuple().exponent
    text = (
        format(exact, "f")
        if isinstance(exponent, int) and exponent < 0
        else format(exact.quantize(Decimal(1)), "f")
    )
    return _grouped(text, loc)


def format_amount_input(amount: Decimal, locale: QLocale | None = None) -> str:
    """An amount to edit in a text field: the locale's decimal point, no grouping (``12000,00`` in
    nb).

    The services read it back (``to_money`` accepts a decimal comma or point); grouping is left out
    because an English ``12,000.00`` would read as a decimal comma.
    """
    loc = locale or QLocale()
    return format(amount, "f").replace(".", loc.decimalPoint())
