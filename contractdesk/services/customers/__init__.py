"""Customers: register from the registry or by hand, show, refresh, list and search.

``service.py`` holds the use cases, ``views.py`` the DTOs; the search planner and the customer
SQL are in :mod:`contractdesk.store.queries.customers`, the registry snapshot diff in
:mod:`contractdesk.domain.registry_snapshot`. Every name importable from here before the split
still is.
"""

from __future__ import annotations

from contractdesk.domain.customers import SORT_COLUMNS
from contractdesk.domain.registry_snapshot import field_label
from contractdesk.services.customers.errors import CustomerExistsError, InvalidOrgNumberError
from contractdesk.services.customers.importing import ImportReport, RowProblem
from contractdesk.services.customers.labels import status_label, summary_text
from contractdesk.services.customers.records import preview
from contractdesk.services.customers.results import (
    RefreshAllResult,
    RefreshFailure,
    RefreshResult,
)
from contractdesk.services.customers.service import (
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    CustomerService,
    ProgressCallback,
    count_by_status,
)
from contractdesk.services.customers.views import (
    Address,
    CustomerQuery,
    CustomerRow,
    CustomerView,
    DepartedSignatory,
    Eligibility,
    FieldChange,
    OfflineCustomer,
    Remark,
    RoleEntry,
    SignatoryView,
    SigningRuleView,
)
from contractdesk.store.queries.customers import (
    AGREEMENT_STATE_SQL,
    COLLECT_LIMIT,
    SearchPart,
    search_ids,
    search_parts,
)

__all__ = [
    "AGREEMENT_STATE_SQL",
    "COLLECT_LIMIT",
    "MAX_PAGE_SIZE",
    "PAGE_SIZE",
    "SORT_COLUMNS",
    "Address",
    "CustomerExistsError",
    "CustomerQuery",
    "CustomerRow",
    "CustomerService",
    "CustomerView",
    "DepartedSignatory",
    "Eligibility",
    "FieldChange",
    "ImportReport",
    "InvalidOrgNumberError",
    "OfflineCustomer",
    "ProgressCallback",
    "RefreshAllResult",
    "RefreshFailure",
    "RefreshResult",
    "Remark",
    "RoleEntry",
    "RowProblem",
    "SearchPart",
    "SignatoryView",
    "SigningRuleView",
    "count_by_status",
    "field_label",
    "preview",
    "search_ids",
    "search_parts",
    "status_label",
    "summary_text",
]
