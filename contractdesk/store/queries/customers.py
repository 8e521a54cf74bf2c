"""Customer look-ups shared by every area (the one place that says "no such customer")."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from contractdesk.domain.orgnr import InvalidOrgNumber, format_org_number, parse_org_number
from contractdesk.errors import NotFoundError, UserError
from contractdesk.i18n import fill, translate
from contractdesk.store.models.customers import Customer


def customer_by_org_number(s: Session, org_number: str) -> Customer:
    """The customer with this org number (any spacing).

    Raises:
        UserError: the number is not a valid org number (``field="org_number"``).
        NotFoundError: no customer has it.
    """
    try:
        org = parse_org_number(org_number)
    except InvalidOrgNumber as exc:
        raise UserError(
            fill(translate("Customers", "Organisation number: %1"), exc), field="org_number"
        ) from None
    customer = s.execute(select(Customer).where(Customer.org_number == org)).scalar()
    if customer is None:
        raise NotFoundError(
            fill(
                translate(
                    "Customers", "No customer with organisation number %1; register it first."
                ),
                format_org_number(org),
            ),
            field="org_number",
        )
    return customer
