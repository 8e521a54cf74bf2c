"""Invoice runs (issue 15): freeze the plan into numbered invoices and credit notes, export them."""

from contractdesk.services.invoice_runs.service import InvoiceRunService
from contractdesk.services.invoice_runs.views import (
    EXPORT_FORMATS,
    ExportResult,
    InvoicingSettings,
    RunResult,
    RunView,
)

__all__ = [
    "EXPORT_FORMATS",
    "ExportResult",
    "InvoiceRunService",
    "InvoicingSettings",
    "RunResult",
    "RunView",
]
