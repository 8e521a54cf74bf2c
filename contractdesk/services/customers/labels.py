"""Customer statuses and statutory signing rules as the user reads them (translated)."""

from __future__ import annotations

from contractdesk.domain.registry_snapshot import field_label
from contractdesk.i18n import translate

__all__ = ["field_label", "law_text", "status_label"]


def status_label(status: str) -> str:
    """The status as the user reads it (translated)."""
    labels = {
        "active": translate("CustomerService", "Active"),
        "deleted": translate("CustomerService", "Deleted"),
        "removed": translate("CustomerService", "Removed from the registry"),
        "bankrupt": translate("CustomerService", "Bankrupt"),
        "liquidation": translate("CustomerService", "Under liquidation"),
        "forced_dissolution": translate("CustomerService", "Forcibly dissolved"),
        "reconstruction": translate("CustomerService", "In reconstruction"),
        "closed": translate("CustomerService", "Closed (sub-unit)"),
        "unverified": translate("CustomerService", "Not verified"),
    }
    return labels.get(status, status)


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
