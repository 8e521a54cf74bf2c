"""Customer statuses and statutory signing rules as the user reads them (translated)."""

from __future__ import annotations

from contractdesk.domain.customers import status_label
from contractdesk.domain.registry_snapshot import field_label
from contractdesk.i18n import fill, translate

__all__ = ["field_label", "law_text", "status_label"]


def law_text(text_: str) -> str:
    known = {
        "The owner signs alone.": translate("CustomerService", "The owner signs alone."),
        "Each partner may sign alone.": translate(
            "CustomerService", "Each partner may sign alone."
        ),
        "Each general partner may sign alone.": translate(
            "CustomerService", "Each general partner may sign alone."
        ),
        "The board jointly.": translate("CustomerService", "The board jointly."),
        "The bankruptcy trustee binds the estate.": translate(
            "CustomerService", "The bankruptcy trustee binds the estate."
        ),
    }
    return known.get(text_, text_)


def summary_text(counts: dict[str, int]) -> str:
    """``{"bankrupt": 3, "signing_rule": 1, "address": 12}`` → "3 bankrupt, 1 new signing rule,
    12 addresses" (translated); "" when nothing changed."""
    one = {
        "bankrupt": translate("CustomerService", "%1 bankrupt"),
        "forced_dissolution": translate("CustomerService", "%1 forcibly dissolved"),
        "liquidation": translate("CustomerService", "%1 winding up"),
        "reconstruction": translate("CustomerService", "%1 in reconstruction"),
        "deleted": translate("CustomerService", "%1 deleted"),
        "removed": translate("CustomerService", "%1 removed from the registry"),
        "closed": translate("CustomerService", "%1 closed"),
        "signing_rule": translate("CustomerService", "%1 new signing rule"),
        "roles": translate("CustomerService", "%1 with new roles"),
        "address": translate("CustomerService", "%1 address"),
        "name": translate("CustomerService", "%1 new name"),
        "remarks": translate("CustomerService", "%1 with registry remarks"),
    }
    many = {
        "signing_rule": translate("CustomerService", "%1 new signing rules"),
        "address": translate("CustomerService", "%1 addresses"),
        "name": translate("CustomerService", "%1 new names"),
    }
    parts = []
    for kind, n in counts.items():
        template = many.get(kind, one.get(kind, "")) if n != 1 else one.get(kind, "")
        if template:
            parts.append(fill(template, n))
    return ", ".join(parts)
