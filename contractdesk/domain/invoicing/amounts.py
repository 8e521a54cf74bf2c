"""Amounts as the user enters them: one validation and one cap for every way of entering a price.

Every price, amount, unit price and quantity typed in the GUI or on the command line goes
through :func:`checked_amount`; a licence entered by its monthly price is also checked by the
annual price it becomes (:func:`annual_from_monthly`), so no way of entering a price gets
around the cap (§13: prices are NOK excl. VAT; anything from NOK 1 billion up is a typing error).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from contractdesk.domain.money import round_ore, to_money
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate

MAX_AMOUNT = Decimal("1000000000")  # NOK 1 billion: anything from here up is a typing error
UNIT_PRICE_PLACES = 6
QUANTITY_PLACES = 3


def _refuse(text: str, label: str, name: str, *args: object) -> UserError:
    """``text`` is already translated (each call site names its literal for the extractor)."""
    return UserError(fill(text, label, *args), field=name)


def checked_amount(
    value: Decimal | int | str | None,
    label: str,
    name: str,
    *,
    places: int = 2,
    cap: Decimal = MAX_AMOUNT,
) -> Decimal:
    """A non-negative amount below ``cap`` with at most ``places`` decimals (never a float).

    Args:
        value: what the user typed (text with ``.`` or ``,``, an int or a Decimal).
        label: the field's name in the user's language, for the message.
        name: the field's key (``UserError.field``).

    Raises:
        UserError: missing, not a number, negative, too large or too precise.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _refuse(translate("BillingService", "%1 is required."), label, name)
    if isinstance(value, float | bool):
        raise _refuse(
            translate("BillingService", "%1: give the amount as text or Decimal."), label, name
        )
    try:
        amount = to_money(value)
    except (InvalidOperation, ValueError, TypeError):
        raise _refuse(
            translate("BillingService", "%1: %2 is not an amount."), label, name, value
        ) from None
    if not amount.is_finite():
        raise _refuse(translate("BillingService", "%1: %2 is not an amount."), label, name, value)
    if amount < 0:
        raise _refuse(translate("BillingService", "%1 cannot be negative."), label, name)
    if amount >= cap:
        raise _refuse(translate("BillingService", "%1 is too large."), label, name)
    exponent = amount.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        raise _refuse(translate("BillingService", "%1: at most %2 decimals."), label, name, places)
    return amount


def annual_from_monthly(monthly: Decimal, label: str, name: str) -> Decimal:
    """The annual price of a licence entered by its monthly price (12 x monthly), under the cap.

    Raises:
        UserError: the annual price it makes reaches the cap (e.g. 999,999,999.99 a month).
    """
    annual = round_ore(monthly * 12)
    if annual >= MAX_AMOUNT:
        raise _refuse(translate("BillingService", "%1 is too large."), label, name)
    return annual
