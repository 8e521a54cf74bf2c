"""Retention rules with their sources, and when something falls due (pure: dates in, dates out).

Each rule is a setting (its period can be changed) and names where it comes from, so the owner
can see why a record is deleted or kept:

- ``customer_data``: 3 months after the relationship ends; terms §12.1 (seeds/000: 6 months)
- ``case_logs``: 5 years; terms §8.2.3
- ``billing``: 5 years after the fiscal year; bokføringsloven § 13 (seeds/000, seeds/002)
- ``prospects``: 2 years after the last contact; seeds/001 (Avara)
- ``newsletter_signoffs``: 30 days after the sign-off; seeds/004 (Proviso)
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from contractdesk.i18n import fill, translate

__all__ = [
    "RULE_KEYS",
    "RetentionRule",
    "RuleKey",
    "Unit",
    "add_months",
    "billing_due",
    "default_settings",
    "due_on",
    "relationship_end",
    "rule_title",
    "rules_from_settings",
]


class RuleKey(StrEnum):
    CUSTOMER_DATA = "customer_data"
    CASE_LOGS = "case_logs"
    BILLING = "billing"
    PROSPECTS = "prospects"
    NEWSLETTER_SIGNOFFS = "newsletter_signoffs"


RULE_KEYS: tuple[RuleKey, ...] = tuple(RuleKey)


class Unit(StrEnum):
    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"


@dataclass(frozen=True)
class _RuleSpec:
    key: RuleKey
    setting: str
    default: int
    unit: Unit
    source: str  # where the rule comes from (terms clause, law, seed policy); not translated


_SPECS: tuple[_RuleSpec, ...] = (
    _RuleSpec(
        RuleKey.CUSTOMER_DATA,
        "retention_months_after_termination",
        3,
        Unit.MONTHS,
        "Avtalevilkår 17.04.2021 §12.1 («innen 3 måneder»); "
        "seeds/000 (Adventor): «senest 6 måneder»",
    ),
    _RuleSpec(
        RuleKey.CASE_LOGS,
        "case_log_retention_years",
        5,
        Unit.YEARS,
        "Avtalevilkår 17.04.2021 §8.2.3 («Sakslogger slettes etter 5 år»)",
    ),
    _RuleSpec(
        RuleKey.BILLING,
        "billing_retention_years",
        5,
        Unit.YEARS,
        "Bokføringsloven § 13 (5 år etter regnskapsårets slutt); seeds/000, seeds/002",
    ),
    _RuleSpec(
        RuleKey.PROSPECTS,
        "prospect_retention_years",
        2,
        Unit.YEARS,
        "seeds/001 (Avara): «2 år från den senaste kontakten»",
    ),
    _RuleSpec(
        RuleKey.NEWSLETTER_SIGNOFFS,
        "newsletter_signoff_retention_days",
        30,
        Unit.DAYS,
        "seeds/004 (Proviso): «slette dine personopplysninger i løpet av 30 dager»",
    ),
)


def rule_title(key: RuleKey | str) -> str:
    """A rule's title in the user's language."""
    return {
        RuleKey.CUSTOMER_DATA: translate("Retention", "Customer data after the relationship ends"),
        RuleKey.CASE_LOGS: translate("Retention", "Case and request logs"),
        RuleKey.BILLING: translate("Retention", "Personal data tied to billing"),
        RuleKey.PROSPECTS: translate("Retention", "Prospects after the last contact"),
        RuleKey.NEWSLETTER_SIGNOFFS: translate("Retention", "Newsletter sign-offs"),
    }[RuleKey(key)]


def default_settings() -> dict[str, int]:
    """The settings keys of the rules and their defaults (merged into the settings defaults)."""
    return {spec.setting: spec.default for spec in _SPECS}


@dataclass(frozen=True)
class RetentionRule:
    """One rule as set now: how long, counted from what, and its source."""

    key: RuleKey
    setting: str
    period: int
    unit: Unit
    source: str

    def __repr__(self) -> str:
        return f"RetentionRule({self.key.value}, {self.period} {self.unit.value})"

    @property
    def title(self) -> str:
        return rule_title(self.key)

    @property
    def period_text(self) -> str:
        """E.g. "3 months after the relationship ends"."""
        templates = {
            RuleKey.CUSTOMER_DATA: translate("Retention", "%1 months after the relationship ends"),
            RuleKey.CASE_LOGS: translate("Retention", "%1 years after the case was closed"),
            RuleKey.BILLING: translate("Retention", "%1 years after the end of the fiscal year"),
            RuleKey.PROSPECTS: translate("Retention", "%1 years after the last contact"),
            RuleKey.NEWSLETTER_SIGNOFFS: translate("Retention", "%1 days after the sign-off"),
        }
        return fill(templates[self.key], self.period)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.key.value,
            "setting": self.setting,
            "period": self.period,
            "unit": self.unit.value,
            "source": self.source,
            "title": self.title,
            "description": self.period_text,
        }


def rules_from_settings(values: Mapping[str, Any]) -> tuple[RetentionRule, ...]:
    """The rules with the periods set in ``values`` (a missing or invalid value: the default)."""
    rules = []
    for spec in _SPECS:
        raw = values.get(spec.setting, spec.default)
        try:
            period = int(raw)
        except (TypeError, ValueError):
            period = spec.default
        if period < 0:
            period = spec.default
        rules.append(RetentionRule(spec.key, spec.setting, period, spec.unit, spec.source))
    return tuple(rules)


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def due_on(rule: RetentionRule, anchor: date) -> date:
    """The day the data counted from ``anchor`` must be gone (at the latest)."""
    if rule.unit is Unit.DAYS:
        return anchor + timedelta(days=rule.period)
    if rule.unit is Unit.MONTHS:
        return add_months(anchor, rule.period)
    if rule.key is RuleKey.BILLING:
        return billing_due(anchor, rule.period)
    return add_months(anchor, 12 * rule.period)


def billing_due(last_billing_day: date, years: int) -> date:
    """Bokføringsloven § 13: kept ``years`` after the end of the fiscal year; gone the day after."""
    return date(last_billing_day.year + years + 1, 1, 1)


def relationship_end(
    explicit: date | None,
    agreements: Iterable[tuple[str, date | None]],
    services: Iterable[tuple[date | None, date | None]],
    today: date,
) -> date | None:
    """When the customer relationship ended, or None while it lasts (or never began).

    Args:
        explicit: the customer's recorded end (§14: not re-accepted), which wins.
        agreements: (state, day it was terminated) of every agreement.
        services: (termination received, requested end) of every service.
        today: services whose end lies ahead still run.

    The relationship lasts from acceptance until termination (§2.1, §4.3): it has ended when
    there was an agreement, none is live any more, and no service runs.
    """
    if explicit is not None:
        return explicit
    ended: list[date] = []
    live = False
    any_agreement = False
    for state, terminated in agreements:
        if state == "draft":
            continue
        any_agreement = True
        if state != "terminated":
            live = True
        elif terminated is not None:
            ended.append(terminated)
    if live or not any_agreement or not ended:
        return None
    for received, requested in services:
        end = requested or received
        if end is None or end > today:
            return None
        ended.append(end)
    return max(ended)
