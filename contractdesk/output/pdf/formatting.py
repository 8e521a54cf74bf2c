"""Display formats for the agreement: money as ``kr 12 000,00`` (Babel), org numbers, addresses."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import format_currency

from contractdesk.domain.money import round_ore
from contractdesk.domain.orgnr import format_org_number

from .model import Party

# Norwegian style puts the currency before the amount ("kr 12 000,00"); the space after
# "kr" is a no-break space so the amount never starts a line alone.
_NB_PATTERN = "¤\u00a0#,##0.00;¤\u00a0-#,##0.00"


@lru_cache(maxsize=16)
def _locale(name: str) -> Locale:
    return Locale.parse(name)


def format_money(amount: Decimal, locale: str = "nb_NO", currency: str = "NOK") -> str:
    """``Decimal("12000")`` → ``"kr 12 000,00"`` (no-break spaces) in ``nb_NO``; øre rounded half
    up."""
    value = round_ore(Decimal(amount))
    loc = _locale(locale)
    if loc.language in ("nb", "nn", "no"):
        return format_currency(
            value, currency, format=_NB_PATTERN, locale=loc, currency_digits=False
        )
    return format_currency(value, currency, locale=loc)


def display_org_number(value: str) -> str:
    """``"971049669"`` → ``"971 049 669"``; anything that is not 9 digits is returned stripped."""
    digits = "".join(ch for ch in (value or "") if not ch.isspace())
    if len(digits) == 9 and digits.isdigit():
        return format_org_number(digits)
    return (value or "").strip()


def postal_line(party: Party) -> str:
    """``"6419 MOLDE"``: postcode and city on one line (empty when both are empty)."""
    return " ".join(part for part in (party.postcode.strip(), party.city.strip()) if part)


def address_lines(party: Party) -> list[str]:
    """The party's address as printed: street lines, postcode and city, country if any."""
    lines = [line for line in party.address_lines if line and line.strip()]
    postal = postal_line(party)
    if postal:
        lines.append(postal)
    if party.country and party.country.strip():
        lines.append(party.country.strip())
    return lines


def one_line_address(party: Party) -> str:
    """The address on one line, for fields: ``"Uranusvegen 5, 6419 MOLDE"``."""
    return ", ".join(address_lines(party))
