"""The invoice plan use cases: plan, totals per month, the coming year's chart, CSV export."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from contractdesk.domain.invoicing import (
    MonthTotal,
    PlannedInvoice,
    PriceAdjustment,
    monthly_totals,
)
from contractdesk.domain.invoicing.history import Change, History, plan_with_history
from contractdesk.domain.invoicing.periods import month_start, next_month_start
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.output.csv_plan import write_plan_csv
from contractdesk.perf import gc_paused
from contractdesk.services.billing.validation import check_range
from contractdesk.services.billing.views import ChangeView, ExportResult
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import PriceChange
from contractdesk.store.queries import billing as queries
from contractdesk.store.queries.customers import customer_by_org_number

CHART_MONTHS = 12


class PlanUseCases:
    """The plan part of :class:`BillingService`."""

    store: Store

    def plan(self, org_number: str | None, date_from: date, date_to: date) -> list[PlannedInvoice]:
        """Planned invoices and credit notes dated ``date_from`` … ``date_to``, for one customer
        or (``None``) all; sorted by date, org number, invoices before credit notes.

        Raises:
            UserError: the range is reversed or longer than 20 years.
        """
        check_range(date_from, date_to)
        # One collector pause over loading and planning: the loaded values are freed (by
        # reference counting) before it runs again, so it never walks them.
        with gc_paused():
            months = (month_start(date_from - timedelta(days=1)), month_start(date_to))
            with self.store.read_session() as s:
                customer_id = None
                if org_number is not None:
                    customer_id = customer_by_org_number(s, org_number).id
                customers, ids = queries.billing_customers(s, customer_id, months)
                adjustments = _domain_adjustments(queries.adjustments_by_service(s, ids))
                history = _history(adjustments, queries.changes_with_org(s, customer_id))
            invoices = plan_with_history(customers, history, date_from, date_to)
            del customers
        return invoices

    def changes(self, org_number: str | None, date_from: date, date_to: date) -> list[ChangeView]:
        """The changes that take effect in ``date_from`` … ``date_to`` (delivery method, invoice
        period, price), by date: the plan shows each where it starts."""
        check_range(date_from, date_to)
        with self.store.read_session() as s:
            customer_id = None
            if org_number is not None:
                customer_id = customer_by_org_number(s, org_number).id
            rows = queries.changes_with_org(s, customer_id)
            prices = queries.price_changes_with_org(s, customer_id)
        out = [
            ChangeView(org, sid, field, day, before, after)
            for org, sid, field, day, before, after in rows
        ] + [
            ChangeView(org, sid, "price", day, str(old), str(new))
            for org, sid, day, old, new in prices
        ]
        return sorted(
            (c for c in out if date_from <= c.effective <= date_to),
            key=lambda c: (c.effective, c.org_number, c.service_id or 0),
        )

    def monthly_totals(
        self, org_number: str | None, date_from: date, date_to: date
    ) -> list[MonthTotal]:
        """Totals per month of invoice date (months without documents are left out)."""
        return monthly_totals(self.plan(org_number, date_from, date_to))

    def coming_months(
        self,
        org_number: str | None = None,
        *,
        today: date | None = None,
        months: int = CHART_MONTHS,
    ) -> list[MonthTotal]:
        """Totals for each of the ``months`` months from today's month on, empty months included
        (the chart of the coming year's invoicing)."""
        first = month_start(today or date.today())
        last = first
        for _ in range(months):
            last = next_month_start(last)
        totals = {
            t.month: t for t in self.monthly_totals(org_number, first, last - timedelta(days=1))
        }
        zero = Decimal("0.00")
        out = []
        month = first
        for _ in range(months):
            out.append(totals.get(month, MonthTotal(month, 0, 0, zero, zero, zero)))
            month = next_month_start(month)
        return out

    def export_csv(
        self,
        path: str | Path,
        date_from: date,
        date_to: date,
        org_number: str | None = None,
        *,
        decimal_separator: str = ".",
        bom: bool = False,
        actor: str = "owner",
    ) -> ExportResult:
        """Write the plan as `;`-separated UTF-8 CSV for the accounting system, atomically.

        The file is complete or untouched. Raises :class:`UserError` naming the file when it
        cannot be written (missing folder, no permission, disk full).
        """
        target = Path(path)
        # One plan, written as it is; the collector stays paused until the plan is freed again,
        # so it never walks its hundreds of thousands of documents and lines.
        with gc_paused():
            invoices = self.plan(org_number, date_from, date_to)
            documents = len(invoices)
            try:
                rows = write_plan_csv(
                    target, invoices, decimal_separator=decimal_separator, bom=bom
                )
            except OSError as exc:
                raise UserError(
                    fill(
                        translate("BillingService", "Could not write %1: %2"),
                        target,
                        _reason(exc),
                    ),
                    field="path",
                ) from exc
            finally:
                del invoices
        with self.store.session() as s:
            audit.append(
                s,
                actor=actor,
                action="invoices.exported",
                entity_type="plan",
                entity_id=org_number or "all",
                payload={
                    "from": date_from.isoformat(),
                    "to": date_to.isoformat(),
                    "file": target.name,
                    "rows": rows,
                    "invoices": documents,
                },
            )
        return ExportResult(target, rows, documents)


def _reason(exc: OSError) -> object:
    """The operating system's reason (``SaveError`` wraps the original ``OSError``)."""
    cause = exc.__cause__ if isinstance(exc.__cause__, OSError) else exc
    return cause.strerror or cause


def _domain_adjustments(rows: dict[int, list[PriceChange]]) -> dict[int, list[PriceAdjustment]]:
    return {
        sid: [PriceAdjustment(c.effective, c.announced, c.old_price, c.new_price) for c in changes]
        for sid, changes in rows.items()
    }


def _history(
    adjustments: dict[int, list[PriceAdjustment]],
    changes: list[tuple[str, int | None, str, date, str, str]],
) -> History:
    periods: dict[int, list[Change]] = {}
    delivery: dict[str, list[Change]] = {}
    for org, service_id, field, effective, before, after in changes:
        change = Change(effective, before, after)
        if field == "period" and service_id is not None:
            periods.setdefault(service_id, []).append(change)
        elif field == "delivery_method":
            delivery.setdefault(org, []).append(change)
    return History(adjustments, periods, delivery)
