"""The registry-owned fields of a customer and the rule that diffs two of them (pure).

A refresh compares what is stored with what the registry now answers; the registry wins
(terms §7). Fields a reduced answer does not carry (``None``: a deleted entity's answer has no
addresses, roles or rules) are not compared and keep what is stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from contractdesk.domain.address import Address
from contractdesk.i18n import translate

REGISTRY_DATA_OWN_KEYS = frozenset({"procuration_rule", "signatories", "departed_signatories"})
"""Keys of the stored registry JSON that are not plain registry facts (``details``)."""


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def field_label(name: str) -> str:
    """A diffed field's name as the user reads it (translated)."""
    labels = {
        "name": translate("CustomerService", "Name"),
        "organisation_form": translate("CustomerService", "Organisation form"),
        "business_address": translate("CustomerService", "Business address"),
        "postal_address": translate("CustomerService", "Postal address"),
        "status": translate("CustomerService", "Status"),
        "status_date": translate("CustomerService", "Status date"),
        "vat_registered": translate("CustomerService", "VAT registered"),
        "registry_roles": translate("CustomerService", "Roles"),
        "signing_rule": translate("CustomerService", "Signing rule"),
        "procuration_rule": translate("CustomerService", "Procuration"),
        "signatories": translate("CustomerService", "Signatories"),
        "remarks": translate("CustomerService", "Registry remarks"),
    }
    return labels.get(name, name)


@dataclass(frozen=True)
class FieldChange:
    """One field a refresh changed: the stored value and the registry's (JSON-like values)."""

    field: str
    old: Any
    new: Any

    @property
    def label(self) -> str:
        return field_label(self.field)

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class Snapshot:
    """The registry-owned fields of a customer, as stored or as the registry now answers."""

    name: str
    organisation_form: str
    organisation_form_text: str
    business_address: dict[str, Any] | None
    postal_address: dict[str, Any] | None
    status: str
    deleted_on: date | None
    vat_registered: bool
    registry_roles: list[dict[str, Any]] | None
    signing_rule: dict[str, Any] | None
    procuration_rule: dict[str, Any] | None
    signatories: list[dict[str, Any]] | None
    details: dict[str, Any]

    @property
    def reduced(self) -> bool:
        """A deleted entity's answer: no roles or rules (keep the stored ones)."""
        return self.registry_roles is None


def _roles_summary(roles: Iterable[Mapping[str, Any]] | None) -> list[str]:
    return sorted(
        f"{r.get('role', '') or r.get('role_code', '')}: {r.get('name', '')}" for r in roles or []
    )


def _rule_summary(rule: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not rule:
        return None
    return {
        "text": rule.get("text", ""),
        "signer_sets": [list(s) for s in rule.get("signer_sets") or []],
        "registered": bool(rule.get("registered")),
    }


def _address_summary(address: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not address:
        return None
    return Address.from_data(address).as_dict()


def _remarks(details: Mapping[str, Any]) -> list[str]:
    return [
        f"{r.get('info_type', '')}: {r.get('text', '')}" if isinstance(r, Mapping) else str(r)
        for r in details.get("remarks") or []
    ]


def diff(old: Snapshot, new: Snapshot) -> list[FieldChange]:
    """Registry-owned fields that differ; fields the new answer lacks (None) are skipped."""
    changes: list[FieldChange] = []

    def compare(name: str, before: Any, after: Any) -> None:
        if before != after:
            changes.append(FieldChange(name, before, after))

    compare("name", old.name, new.name)
    compare("organisation_form", old.organisation_form, new.organisation_form)
    compare("status", old.status, new.status)
    if new.deleted_on is not None or old.deleted_on is not None:
        compare("status_date", iso(old.deleted_on), iso(new.deleted_on))
    compare("vat_registered", old.vat_registered, new.vat_registered)
    for name in ("business_address", "postal_address"):
        after = getattr(new, name)
        if after is not None or new.status != "deleted":
            compare(name, _address_summary(getattr(old, name)), _address_summary(after))
    if "remarks" in new.details and _remarks(old.details) != _remarks(new.details):
        compare("remarks", _remarks(old.details), _remarks(new.details))
    if new.registry_roles is not None:
        compare(
            "registry_roles", _roles_summary(old.registry_roles), _roles_summary(new.registry_roles)
        )
    if new.signing_rule is not None:
        compare("signing_rule", _rule_summary(old.signing_rule), _rule_summary(new.signing_rule))
    if new.registry_roles is not None:  # a full answer: no procuration rule means none granted
        compare(
            "procuration_rule",
            _rule_summary(old.procuration_rule),
            _rule_summary(new.procuration_rule),
        )
    return changes


SUMMARY_KINDS = (
    "bankrupt",
    "forced_dissolution",
    "liquidation",
    "reconstruction",
    "deleted",
    "removed",
    "closed",
    "signing_rule",
    "roles",
    "address",
    "name",
    "remarks",
)
"""What a refresh summary counts, in the order it is told."""


def summarise(changes: Iterable[Iterable[FieldChange]]) -> dict[str, int]:
    """Per customer's changes → counts of what changed, e.g. ``{"bankrupt": 3, "address": 12}``.

    A new status counts under the status; a changed business or postal address counts once per
    customer; kinds with no change are left out.
    """
    counts = dict.fromkeys(SUMMARY_KINDS, 0)
    for customer_changes in changes:
        kinds: set[str] = set()
        for change in customer_changes:
            if change.field == "status" and change.new in counts:
                kinds.add(str(change.new))
            elif change.field in ("business_address", "postal_address"):
                kinds.add("address")
            elif change.field in ("signing_rule", "procuration_rule"):
                kinds.add("signing_rule")
            elif change.field in ("registry_roles", "name", "remarks"):
                kinds.add("roles" if change.field == "registry_roles" else change.field)
        for kind in kinds:
            counts[kind] += 1
    return {k: n for k, n in counts.items() if n}
