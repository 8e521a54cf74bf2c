"""Money in NOK as Decimal, øre-exact; VAT and Norwegian formatting helpers (no floats)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

ORE = Decimal("0.01")
VAT_RATE = Decimal("0.25")


def to_money(value: Decimal | int | str) -> Decimal:
    """Parse to Decimal; refuses floats, which cannot hold øre exactly."""
    if isinstance(value, float):
        raise TypeError("money must not be a float")
    if isinstance(value, str):
        value = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    return Decimal(value)


def round_ore(amount: Decimal) -> Decimal:
    """Round to whole øre, half up (commercial rounding)."""
    return amount.quantize(ORE, rounding=ROUND_HALF_UP)


def vat_of(net: Decimal, rate: Decimal = VAT_RATE) -> Decimal:
    """VAT on a net amount, rounded to øre half up."""
    return round_ore(net * rate)


def money_str(amount: Decimal) -> str:
    """Machine form used in JSON and CSV: ``"3049.72"``."""
    return str(round_ore(amount))
