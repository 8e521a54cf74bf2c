"""May a new agreement be issued to a customer? The reason when not, or a warning (translated)."""

from __future__ import annotations

from contractdesk.domain.customers import BLOCKED_STATUSES
from contractdesk.i18n import translate
from contractdesk.services.customers.views import CustomerView, Eligibility


def eligibility_of(view: CustomerView) -> Eligibility:
    """Whether a new agreement may be issued, with the reason (or a warning) for the user."""
    if view.status in BLOCKED_STATUSES:
        reasons = {
            "deleted": translate(
                "CustomerService",
                "The company is deleted in the registry: no new agreement can be issued.",
            ),
            "removed": translate(
                "CustomerService",
                "The company was removed from the registry's open data: "
                "no new agreement can be issued.",
            ),
            "bankrupt": translate(
                "CustomerService",
                "The company is bankrupt: the estate is bound by its trustee; "
                "no new agreement is issued.",
            ),
            "liquidation": translate(
                "CustomerService",
                "The company is under liquidation: no new agreement is issued.",
            ),
            "forced_dissolution": translate(
                "CustomerService",
                "The company is being forcibly dissolved: no new agreement is issued.",
            ),
            "closed": translate(
                "CustomerService",
                "The unit is closed down in the registry: no new agreement is issued.",
            ),
        }
        return Eligibility(False, reason=reasons[view.status])
    if view.status == "reconstruction":
        return Eligibility(
            True,
            warning=translate(
                "CustomerService",
                "The company is in reconstruction negotiations: check with the reconstructor "
                "before a new agreement.",
            ),
        )
    if view.status == "unverified":
        return Eligibility(
            True,
            warning=translate(
                "CustomerService",
                "The customer is not verified against the registry: refresh it first.",
            ),
        )
    if view.needs_manual_confirmation:
        return Eligibility(
            True,
            warning=translate(
                "CustomerService",
                "No signing rule is registered: confirm by hand who may sign.",
            ),
        )
    return Eligibility(True)
