"""Services, binding periods and invoice plans as the terms (§5, §10, §12, §13) define them.

Pure domain code: ``Decimal`` money (øre, half up), ``datetime.date`` dates, frozen values.
Typical use::

    from contractdesk.domain.invoicing import BillingCustomer, Licence, plan_invoices

    licence = Licence(1, "CRM", Decimal("12000"), date(2027, 3, 1), trial_days=30)
    customer = BillingCustomer("971049669", DeliveryMethod.EMAIL, (licence,))
    for invoice in plan_invoices([customer], date(2027, 1, 1), date(2027, 12, 31)):
        print(invoice.to_json_dict())

Modules: ``values`` (enums), ``periods`` (calendar periods and dates), ``services``
(input values), ``termination`` (binding and ends), ``plan`` (the invoice plan),
``pricing`` (§13.1 checks), ``adjustments`` (prices applied to the plan), ``csv_export``
(CSV text for accounting; ``contractdesk.output.csv_plan`` writes the file).
"""

from contractdesk.domain.invoicing.adjustments import (
    adjusted_documents,
    plan_with_adjustments,
    price_on,
)
from contractdesk.domain.invoicing.csv_export import (
    CSV_COLUMNS,
    plan_csv_chunks,
    plan_csv_rows,
    sanitize_cell,
)
from contractdesk.domain.invoicing.periods import (
    Period,
    anniversary,
    iter_periods,
    month_end,
    parse_month,
    period_containing,
    scheduled_invoice_date,
)
from contractdesk.domain.invoicing.plan import (
    Charge,
    InvoiceLine,
    MonthTotal,
    PlannedInvoice,
    customer_invoices,
    monthly_totals,
    plan_invoices,
    prorate,
    service_charges,
)
from contractdesk.domain.invoicing.pricing import (
    PriceAdjustment,
    PriceAdjustmentWarning,
    PriceWarningCode,
    announcement_deadline,
    check_price_adjustment,
    check_price_adjustments,
)
from contractdesk.domain.invoicing.services import (
    BillingCustomer,
    Licence,
    OneOffCost,
    Service,
    ServiceId,
    Termination,
    UsageRecord,
    UsageService,
)
from contractdesk.domain.invoicing.termination import (
    TerminationOutcome,
    binding_end,
    earliest_end,
    resolve_termination,
)
from contractdesk.domain.invoicing.values import (
    DeliveryMethod,
    InvoiceKind,
    InvoicePeriod,
    ServiceKind,
)

__all__ = [
    "CSV_COLUMNS",
    "BillingCustomer",
    "Charge",
    "DeliveryMethod",
    "InvoiceKind",
    "InvoiceLine",
    "InvoicePeriod",
    "Licence",
    "MonthTotal",
    "OneOffCost",
    "Period",
    "PlannedInvoice",
    "PriceAdjustment",
    "PriceAdjustmentWarning",
    "PriceWarningCode",
    "Service",
    "ServiceId",
    "ServiceKind",
    "Termination",
    "TerminationOutcome",
    "UsageRecord",
    "UsageService",
    "adjusted_documents",
    "anniversary",
    "announcement_deadline",
    "binding_end",
    "check_price_adjustment",
    "check_price_adjustments",
    "customer_invoices",
    "earliest_end",
    "iter_periods",
    "month_end",
    "monthly_totals",
    "parse_month",
    "period_containing",
    "plan_csv_chunks",
    "plan_csv_rows",
    "plan_invoices",
    "plan_with_adjustments",
    "price_on",
    "prorate",
    "resolve_termination",
    "sanitize_cell",
    "scheduled_invoice_date",
    "service_charges",
]
