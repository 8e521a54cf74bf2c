"""Errors of the customer use cases (both the user can act on)."""

from __future__ import annotations

from contractdesk.domain.orgnr import format_org_number
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate


class CustomerExistsError(UserError):
    """The org number is already a customer (one org number, one customer)."""

    def __init__(self, org_number: str, name: str) -> None:
        super().__init__(
            fill(
                translate("CustomerService", "%1 is already a customer: %2."),
                format_org_number(org_number),
                name,
            ),
            field="org_number",
        )
        self.org_number = org_number
        self.name = name


class InvalidOrgNumberError(UserError):
    """Not a valid organisation number (refused before any registry request)."""

    def __init__(self, text_: str, reason: str) -> None:
        super().__init__(
            fill(translate("CustomerService", "Organisation number: %1"), reason),
            field="org_number",
        )
        self.text = text_


def org_reason(message: str) -> str:
    reasons = {
        "An organisation number has 9 digits": translate(
            "CustomerService", "An organisation number has 9 digits."
        ),
        "An organisation number starts with 8 or 9": translate(
            "CustomerService", "An organisation number starts with 8 or 9."
        ),
        "The organisation number's check digit is wrong": translate(
            "CustomerService", "The check digit is wrong."
        ),
    }
    return reasons.get(message, message)
