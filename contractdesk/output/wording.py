"""The document's own Norwegian words for values the services hand over (periods, binding, roles).

The agreement is Norwegian whatever the app's language: these texts go into the PDF, so they
live here beside the renderer, not in the services. Every function takes plain values.
"""

from __future__ import annotations

from datetime import date

__all__ = [
    "NB_PERIODS",
    "NB_ROLES",
    "binding_text",
    "nb_date",
    "period_text",
    "role_name",
    "start_text",
]

NB_PERIODS = {
    "yearly": "Årlig",
    "half_yearly": "Halvårlig",
    "quarterly": "Kvartalsvis",
    "bimonthly": "Annenhver måned",
    "monthly": "Månedlig",
}
NB_ROLES = {"general_manager": "Daglig leder", "signatory": "Signaturberettiget"}


def nb_date(day: date) -> str:
    """``17.04.2021``."""
    return day.strftime("%d.%m.%Y")


def period_text(kind: str, period: str | None) -> str:
    """The services table's invoice period of a service kind (``licence``, ``usage``,
    ``one_off``)."""
    if kind == "licence":
        name = NB_PERIODS.get(period or "half_yearly", "Halvårlig")
        return f"{name} (pris per år)"
    if kind == "usage":
        return "Månedlig, etterskuddsvis (pris per enhet)"
    return "Engangskostnad"


def binding_text(terminated_end: date | None, binding_end: date | None, day: date) -> str:
    """The services table's binding column on ``day``."""
    if terminated_end is not None:
        return f"Oppsagt, slutter {nb_date(terminated_end)}"
    if binding_end is None:
        return "Ingen"
    if binding_end < day:
        return f"Utløpt {nb_date(binding_end)}"
    return f"Til og med {nb_date(binding_end)}"


def start_text(start: date | None, trial_days: int) -> str:
    """The services table's start column: the start date and the trial period, if any."""
    if start is None:
        return ""
    text = nb_date(start)
    if trial_days > 0:
        text += f" (prøvetid {trial_days} dager)"
    return text


def role_name(role: str) -> str:
    """``general_manager`` → "Daglig leder"; unknown roles give ""."""
    return NB_ROLES.get(role, "")
