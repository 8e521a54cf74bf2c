"""Checking a customer typed by hand (while the registry cannot be reached)."""

from __future__ import annotations

from typing import Any

from contractdesk.errors import UserError
from contractdesk.i18n import translate
from contractdesk.services.customers.views import OfflineCustomer
from contractdesk.services.validation import clean_text


def clean_offline(data: OfflineCustomer) -> tuple[str, dict[str, Any] | None]:
    """The cleaned name and business address (None when no address field is given).

    Raises:
        UserError: a bad field (``field`` names it).
    """
    name = clean_text(
        data.name, field=translate("CustomerService", "Name"), required=True, max_len=500
    )
    lines = tuple(
        line
        for line in (
            clean_text(x, field=translate("CustomerService", "Address"), max_len=200)
            for x in data.address_lines
        )
        if line
    )
    if len(lines) > 4:
        raise UserError(translate("CustomerService", "Address: at most 4 lines"), field="address")
    postcode = clean_text(data.postcode, field=translate("CustomerService", "Postcode"), max_len=20)
    city = clean_text(data.city, field=translate("CustomerService", "City"), max_len=100)
    municipality = clean_text(
        data.municipality, field=translate("CustomerService", "Municipality"), max_len=100
    )
    country_code = clean_text(
        data.country_code, field=translate("CustomerService", "Country code"), max_len=2
    ).upper()
    country = clean_text(data.country, field=translate("CustomerService", "Country"), max_len=100)
    if not (lines or postcode or city or municipality):
        return name, None
    return name, {
        "lines": list(lines),
        "postcode": postcode,
        "city": city,
        "municipality": municipality,
        "municipality_number": "",
        "country_code": country_code,
        "country": country,
    }
