"""Customers' services and the invoice plan (issue 6, 14): the billing area's use cases.

``service.py`` holds the use cases (:class:`BillingService`), ``views.py`` the DTOs; the plan
is in ``plan.py``, price adjustments in ``pricing.py``, changes from a date in ``changes.py``,
the yearly §13.1 adjustment and its letters in ``yearly.py``, input checks in ``validation.py``,
row-to-view mapping in ``mapping.py``. The SQL is in ``contractdesk.store.queries.billing``.
"""

from contractdesk.domain.invoicing.amounts import MAX_AMOUNT, QUANTITY_PLACES, UNIT_PRICE_PLACES
from contractdesk.services.billing.plan import CHART_MONTHS
from contractdesk.services.billing.service import BillingService
from contractdesk.services.billing.validation import MAX_PLAN_DAYS, MAX_TRIAL_DAYS
from contractdesk.services.billing.views import (
    BillingProfile,
    ChangeView,
    CustomerChoice,
    ExportResult,
    PriceAdjustmentView,
    ServiceInput,
    ServiceView,
    TerminationView,
    UsageView,
    YearlyPlan,
    YearlyProposal,
)

__all__ = [
    "CHART_MONTHS",
    "MAX_AMOUNT",
    "MAX_PLAN_DAYS",
    "MAX_TRIAL_DAYS",
    "QUANTITY_PLACES",
    "UNIT_PRICE_PLACES",
    "BillingProfile",
    "BillingService",
    "ChangeView",
    "CustomerChoice",
    "ExportResult",
    "PriceAdjustmentView",
    "ServiceInput",
    "ServiceView",
    "TerminationView",
    "UsageView",
    "YearlyPlan",
    "YearlyProposal",
]
