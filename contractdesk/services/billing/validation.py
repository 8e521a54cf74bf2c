"""Input checks of the billing use cases: kinds, periods, delivery methods, dates, service fields.

Amounts go through the domain's one check (:mod:`contractdesk.domain.invoicing.amounts`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from contractdesk.domain.dates import EARLIEST, LATEST, in_range
from contractdesk.domain.invoicing import (
    DeliveryMethod,
    InvoicePeriod,
    ServiceKind,
    Termination,
)
from contractdesk.domain.invoicing.amounts import (
    UNIT_PRICE_PLACES,
    annual_from_monthly,
    checked_amount,
)
from contractdesk.domain.money import round_ore
from contractdesk.errors import UserError
from contractdesk.i18n import fill, format_day, translate
from contractdesk.services.billing.views import ServiceInput
from contractdesk.services.validation import clean_text

MAX_TRIAL_DAYS = 3660
MAX_PLAN_DAYS = 366 * 20


def parse_kind(value: ServiceKind | str) -> ServiceKind:
    try:
        return value if isinstance(value, ServiceKind) else ServiceKind.parse(value)
    except ValueError:
        raise UserError(
            fill(translate("BillingService", "Kind: %1 is not licence, one-off or usage."), value),
            field="kind",
        ) from None


def parse_period(value: InvoicePeriod | str) -> InvoicePeriod:
    try:
        return value if isinstance(value, InvoicePeriod) else InvoicePeriod.parse(value)
    except ValueError:
        raise UserError(
            fill(
                translate(
                    "BillingService",
                    "Invoice period: %1 is not yearly, half-yearly, "
                    "quarterly, bimonthly or monthly.",
                ),
                value,
            ),
            field="period",
        ) from None


def parse_delivery(value: DeliveryMethod | str) -> DeliveryMethod:
    try:
        return value if isinstance(value, DeliveryMethod) else DeliveryMethod.parse(value)
    except ValueError:
        raise UserError(
            fill(
                translate("BillingService", "Delivery method: %1 is not paper, email or ehf."),
                value,
            ),
            field="delivery_method",
        ) from None


def required_date(value: object, label: str, name: str) -> date:
    if value is None:
        raise UserError(fill(translate("BillingService", "%1 is required."), label), field=name)
    if not isinstance(value, date):
        raise UserError(
            fill(translate("BillingService", "%1: expected a date (YYYY-MM-DD)."), label),
            field=name,
        )
    if not in_range(value):
        raise UserError(
            fill(
                translate("BillingService", "%1: %2 is not a possible date here (%3 to %4)."),
                label,
                format_day(value),
                format_day(EARLIEST),
                format_day(LATEST),
            ),
            field=name,
        )
    return value


def check_after_start(kind: str, start: date | None, received: date) -> None:
    """A licence's termination cannot be received before the licence starts (a one-off cost
    may be cancelled before its date: then nothing is invoiced)."""
    if kind == "licence" and start is not None and received < start:
        raise UserError(
            fill(
                translate(
                    "BillingService",
                    "The termination is received %1, before the service starts (%2).",
                ),
                format_day(received),
                format_day(start),
            ),
            field="received",
        )


def service_values(data: ServiceInput, default_period: InvoicePeriod) -> dict[str, Any]:
    """Column values for a service, or a :class:`UserError` naming the first bad field."""
    kind = parse_kind(data.kind)
    name = clean_text(
        data.name, field=translate("BillingService", "Name"), required=True, max_len=200
    )
    unexpected: list[tuple[str, object]] = []
    values: dict[str, Any] = {
        "kind": kind.value,
        "name": name,
        "annual_price": None,
        "period": None,
        "start": None,
        "trial_days": 0,
        "amount": None,
        "cost_date": None,
        "unit_price": None,
    }
    if kind is ServiceKind.LICENCE:
        if data.annual_price is not None and data.monthly_price is not None:
            raise UserError(
                translate("BillingService", "Give an annual or a monthly price, not both."),
                field="annual_price",
            )
        if data.monthly_price is not None:
            label = translate("BillingService", "Monthly price")
            monthly = checked_amount(data.monthly_price, label, "monthly_price")
            values["annual_price"] = annual_from_monthly(monthly, label, "monthly_price")
        else:
            values["annual_price"] = round_ore(
                checked_amount(
                    data.annual_price, translate("BillingService", "Annual price"), "annual_price"
                )
            )
        values["period"] = (
            default_period if data.period is None else parse_period(data.period)
        ).cli_name
        values["start"] = required_date(
            data.start, translate("BillingService", "Start date"), "start"
        )
        trial = 0 if data.trial_days is None else data.trial_days
        if (
            isinstance(trial, bool)
            or not isinstance(trial, int)
            or not 0 <= trial <= MAX_TRIAL_DAYS
        ):
            raise UserError(
                fill(
                    translate("BillingService", "Trial days: a whole number from 0 to %1."),
                    MAX_TRIAL_DAYS,
                ),
                field="trial_days",
            )
        values["trial_days"] = trial
        unexpected = [
            ("amount", data.amount),
            ("date", data.cost_date),
            ("unit_price", data.unit_price),
        ]
    elif kind is ServiceKind.ONE_OFF:
        values["amount"] = round_ore(
            checked_amount(data.amount, translate("BillingService", "Amount"), "amount")
        )
        values["cost_date"] = required_date(
            data.cost_date, translate("BillingService", "Date"), "date"
        )
        unexpected = [
            ("annual_price", data.annual_price),
            ("monthly_price", data.monthly_price),
            ("period", data.period),
            ("start", data.start),
            ("trial_days", data.trial_days or None),
            ("unit_price", data.unit_price),
        ]
    else:
        values["unit_price"] = checked_amount(
            data.unit_price,
            translate("BillingService", "Unit price"),
            "unit_price",
            places=UNIT_PRICE_PLACES,
        )
        unexpected = [
            ("annual_price", data.annual_price),
            ("monthly_price", data.monthly_price),
            ("period", data.period),
            ("start", data.start),
            ("trial_days", data.trial_days or None),
            ("amount", data.amount),
            ("date", data.cost_date),
        ]
    for field_name, value in unexpected:
        if value is not None:
            raise UserError(
                fill(
                    translate("BillingService", "%1 does not apply to a %2 service."),
                    field_name.replace("_", " "),
                    kind.cli_name,
                ),
                field=field_name,
            )
    return values


def checked_termination(received: date, requested_end: date | None) -> Termination:
    received = required_date(received, translate("BillingService", "Received"), "received")
    if requested_end is not None and not isinstance(requested_end, date):
        raise UserError(
            translate("BillingService", "Requested end: expected a date (YYYY-MM-DD)."),
            field="requested_end",
        )
    if requested_end is not None and requested_end < received:
        raise UserError(
            fill(
                translate(
                    "BillingService",
                    "The requested end %1 is before the termination was received (%2).",
                ),
                format_day(requested_end),
                format_day(received),
            ),
            field="requested_end",
        )
    return Termination(received, requested_end)


def check_range(date_from: date, date_to: date) -> None:
    if not isinstance(date_from, date) or not isinstance(date_to, date):
        raise UserError(translate("BillingService", "Give the plan's first and last day as dates."))
    if date_from > date_to:
        raise UserError(
            fill(
                translate("BillingService", "The plan's first day %1 is after its last day %2."),
                format_day(date_from),
                format_day(date_to),
            ),
            field="date_from",
        )
    if (date_to - date_from).days > MAX_PLAN_DAYS:
        raise UserError(
            translate("BillingService", "A plan may span at most 20 years."), field="date_to"
        )
