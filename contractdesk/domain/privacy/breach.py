"""Personal data breaches (terms §17.9, GDPR Arts. 33-34): the 72-hour deadline and who is affected.

Datatilsynet must be notified within 72 hours after the breach was discovered (Art. 33(1)); as
processor, the supplier tells each affected controller (customer) without undue delay (Art.
33(2)). The deadline is computed once, when the breach is recorded, and stored with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from contractdesk.i18n import fill, translate

__all__ = [
    "NOTIFY_WITHIN",
    "Countdown",
    "affected_by_subprocessors",
    "countdown",
    "datatilsynet_deadline",
    "notice_text",
]

NOTIFY_WITHIN = timedelta(hours=72)


def datatilsynet_deadline(discovered_at: datetime) -> datetime:
    """72 hours after discovery (an aware datetime; naive input is refused)."""
    if discovered_at.tzinfo is None:
        raise ValueError("discovered_at must be time zone-aware")
    return (discovered_at + NOTIFY_WITHIN).astimezone(UTC)


@dataclass(frozen=True)
class Countdown:
    """Time left until the deadline (negative when overdue)."""

    seconds: int

    @property
    def overdue(self) -> bool:
        return self.seconds < 0

    def text(self) -> str:
        left = abs(self.seconds)
        hours, rest = divmod(left, 3600)
        minutes = rest // 60
        if self.overdue:
            return fill(translate("Breaches", "overdue by %1 h %2 min"), hours, minutes)
        return fill(translate("Breaches", "%1 h %2 min left"), hours, minutes)


def countdown(deadline: datetime, now: datetime) -> Countdown:
    return Countdown(int((deadline - now).total_seconds()))


def affected_by_subprocessors(
    subprocessors: Iterable[str],
    shares_with_all: Mapping[str, bool],
    customers_with_services: Mapping[str, Iterable[int]],
    active_customers: Iterable[int],
) -> set[int]:
    """Customers whose data went through the named sub-processors.

    Args:
        subprocessors: names of the sub-processors the breach concerns.
        shares_with_all: per sub-processor name, whether it receives every customer's contact
            persons and company data (§8.3) — True for accounting, signing, credit checks.
        customers_with_services: per sub-processor name, the customers whose services route
            data to it (e.g. the SMS provider: customers with a usage service for SMS).
        active_customers: every customer with a live relationship.
    """
    active = set(active_customers)
    out: set[int] = set()
    for name in subprocessors:
        if name in customers_with_services:
            out |= set(customers_with_services[name])
        elif shares_with_all.get(name, False):
            out |= active
    return out


def notice_text(
    *,
    customer_name: str,
    supplier_name: str,
    supplier_email: str,
    supplier_phone: str,
    summary: str,
    systems: Iterable[str],
    discovered_at: datetime,
    breach_id: int,
) -> tuple[str, str]:
    """The Norwegian notice to an affected customer (the controller): subject and body.

    Plain text: the caller cleans values before they reach a file; nothing here is markup.
    """
    local = discovered_at.astimezone()
    subject = (
        f"Avviksmelding fra {supplier_name}: "
        f"brudd på personopplysningssikkerheten (sak {breach_id})"
    )
    systems_text = ", ".join(s for s in systems if s) or "under kartlegging"
    body = "\n".join(
        (
            f"Til {customer_name}",
            "",
            f"Som databehandler for dere (databehandleravtalen punkt 17.9) varsler {supplier_name} "
            "om et brudd på personopplysningssikkerheten som kan berøre personopplysninger vi "
            "behandler på deres vegne (personvernforordningen artikkel 33 nr. 2).",
            "",
            f"Hva har skjedd: {summary}",
            f"Oppdaget: {local:%d.%m.%Y kl. %H:%M}",
            f"Berørte systemer: {systems_text}",
            "",
            "Som behandlingsansvarlig vurderer dere om bruddet skal meldes til Datatilsynet. "
            "Fristen er 72 timer etter at bruddet ble oppdaget (artikkel 33 nr. 1), og de "
            "registrerte skal varsles dersom bruddet sannsynligvis medfører høy risiko for dem "
            "(artikkel 34). Vi bistår med opplysningene dere trenger, og sender mer informasjon "
            "så snart den foreligger.",
            "",
            f"Kontakt: {supplier_name}, {supplier_email} {supplier_phone}".rstrip(),
            "",
            "Med vennlig hilsen",
            supplier_name,
        )
    )
    return subject, body
