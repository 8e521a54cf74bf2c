"""Privacy (issue 18): retention that runs, Art. 30 records, breaches, statement, DPA draft."""

from contractdesk.services.privacy.breaches import parse_discovered
from contractdesk.services.privacy.service import PrivacyService
from contractdesk.services.privacy.views import (
    BreachCustomerView,
    BreachView,
    DpaDraftResult,
    ExportResult,
    MarkView,
    NoticeResult,
    RetentionPlan,
    RetentionRunResult,
)

__all__ = [
    "BreachCustomerView",
    "BreachView",
    "DpaDraftResult",
    "ExportResult",
    "MarkView",
    "NoticeResult",
    "PrivacyService",
    "RetentionPlan",
    "RetentionRunResult",
    "parse_discovered",
]
