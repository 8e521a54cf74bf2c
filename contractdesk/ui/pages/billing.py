"""The Services & invoicing page: the invoice plan for any range and customer, monthly totals, a
chart of the coming 12 months, CSV export for the accounting system, the chosen customer's
services, the yearly price adjustment (§13.1), and the invoice runs (Fakturakjøring).

The plan is computed in the background (``run_task``); only frozen domain values come back to
the GUI thread. ``pool`` and ``today`` are attributes so tests can run tasks synchronously and
fix the date.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from contractdesk.domain.invoicing import MonthTotal, PlannedInvoice, monthly_totals
from contractdesk.domain.orgnr import format_org_number
from contractdesk.services.changes import CUSTOMERS, SERVICES
from contractdesk.services.errors import UserError
from contractdesk.ui.files import documents_folder
from contractdesk.ui.formatting import format_amount, format_date
from contractdesk.ui.pages.base import Page
from contractdesk.ui.widgets.invoice_plan import (
    InvoiceChart,
    InvoicePlanModel,
    MonthTotalsModel,
)
from contractdesk.ui.widgets.invoice_runs import InvoiceRunsPanel, PlanRunStateModel
from contractdesk.ui.widgets.service_dialogs import date_edit, pydate, qdate
from contractdesk.ui.widgets.services_panel import ServicesPanel
from contractdesk.ui.widgets.status_line import reserve_lines

if TYPE_CHECKING:
    from contractdesk.services.changes import Change
    from contractdesk.services.context import Services

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlanResult:
    """One background calculation's result: the plan, monthly totals, the coming 12 months."""

    invoices: tuple[PlannedInvoice, ...]
    totals: tuple[MonthTotal, ...]
    coming: tuple[MonthTotal, ...]
    credit_notes: int = 0
    net: Decimal = Decimal("0.00")
    total: Decimal = Decimal("0.00")
    states: tuple[str, ...] = ()  # per document: planned | frozen | exported (invoice runs)

    @classmethod
    def of(
        cls,
        invoices: list[PlannedInvoice],
        coming: list[MonthTotal],
        states: list[str] | None = None,
    ) -> PlanResult:
        """Everything the page shows, summed off the GUI thread."""
        totals = monthly_totals(invoices)
        return cls(
            tuple(invoices),
            tuple(totals),
            tuple(coming),
            credit_notes=sum(t.credit_notes for t in totals),
            net=sum((t.net for t in totals), Decimal("0.00")),
            total=sum((t.total for t in totals), Decimal("0.00")),
            states=tuple(states or ()),
        )


def _months_later(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


class BillingPage(Page):
    """The invoice plan across all customers or one, with totals, chart, export and services."""

    page_id = "billing"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pool: Any = None  # None: the global QThreadPool; tests pass a SyncPool
        self.today: Callable[[], date] = date.today
        self._generation = 0
        self._stale = True
        self._names: dict[str, str] = {}
        self._task: Any = None
        self._result: PlanResult | None = None

        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        layout.addWidget(self.heading)

        filters = QHBoxLayout()
        self.customer_label = QLabel()
        self.customer = QComboBox()
        self.customer.setMinimumContentsLength(24)
        self.customer_label.setBuddy(self.customer)
        first = self.today().replace(day=1)
        self.from_label = QLabel()
        self.date_from = date_edit(first)
        self.from_label.setBuddy(self.date_from)
        self.to_label = QLabel()
        self.date_to = date_edit(_months_later(first, 12) - timedelta(days=1))
        self.to_label.setBuddy(self.date_to)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_csv)
        self.decimal_comma = QCheckBox()
        self.yearly_button = QPushButton()  # §13.1: the yearly price adjustment for everyone
        self.yearly_button.clicked.connect(self.open_yearly_adjustment)
        for widget in (
            self.customer_label,
            self.customer,
            self.from_label,
            self.date_from,
            self.to_label,
            self.date_to,
            self.refresh_button,
            self.export_button,
            self.decimal_comma,
            self.yearly_button,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        layout.addLayout(filters)

        self.summary = QLabel()
        self.summary.setObjectName("summaryLabel")
        self.error = QLabel()
        reserve_lines(self.error)  # a message never moves the buttons
        self.error.setObjectName("errorLabel")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.run_state = QLabel()  # how much of the plan is frozen in runs / exported
        self.run_state.setObjectName("runStateLabel")
        layout.addWidget(self.run_state)
        layout.addWidget(self.error)

        self.tabs = QTabWidget()
        # The models sort themselves (one key per row): a proxy would be too slow for a large plan.
        self.plan_model = PlanRunStateModel(self)  # the plan with each document's run state
        self.plan_view = self._table(self.plan_model)
        self.plan_view.sortByColumn(InvoicePlanModel.DATE, Qt.SortOrder.AscendingOrder)
        self.totals_model = MonthTotalsModel(self)
        self.totals_view = self._table(self.totals_model)
        self.totals_view.sortByColumn(MonthTotalsModel.MONTH, Qt.SortOrder.AscendingOrder)
        self.chart = InvoiceChart()
        self.services_panel = ServicesPanel()
        self.services_panel.today = lambda: self.today()
        self.services_panel.changed.connect(self._services_changed)
        self.services_hint = QLabel()
        self.services_hint.setWordWrap(True)
        services_tab = QWidget()
        services_layout = QVBoxLayout(services_tab)
        services_layout.addWidget(self.services_hint)
        services_layout.addWidget(self.services_panel, 1)
        self.tabs.addTab(self.plan_view, "")
        self.tabs.addTab(self.totals_view, "")
        self.tabs.addTab(self.chart, "")
        self.tabs.addTab(services_tab, "")
        self.runs_panel = InvoiceRunsPanel()
        self.runs_panel.changed.connect(self._schedule)
        self.tabs.addTab(self.runs_panel, "")
        layout.addWidget(self.tabs, 1)

        self.customer.currentIndexChanged.connect(self._customer_changed)
        self.date_from.dateChanged.connect(self._range_changed)
        self.date_to.dateChanged.connect(self._range_changed)
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Refresh),
            self,
            self.refresh,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.retranslate()
        self._fill_customers([])
        self._update_enabled()

    @staticmethod
    def _table(model: QAbstractItemModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSortingEnabled(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)
        view.setAlternatingRowColors(True)
        view.verticalHeader().setVisible(False)
        # Sized to the first rows once (ResizeToContents would measure on every change).
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setResizeContentsPrecision(200)
        view.horizontalHeader().setStretchLastSection(True)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        return view

    # -- texts ------------------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Services & invoicing")

    def retranslate(self) -> None:
        self.plan_view.setAccessibleName(self.tr("Invoice plan"))
        self.totals_view.setAccessibleName(self.tr("Totals per month"))
        self.heading.setText(self.title())
        self.customer_label.setText(self.tr("&Customer"))
        if self.customer.count():
            self.customer.setItemText(0, self.tr("All customers"))
        self.from_label.setText(self.tr("&From"))
        self.to_label.setText(self.tr("&To"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.refresh_button.setToolTip(self.tr("Calculate the plan again (F5)"))
        self.export_button.setText(self.tr("E&xport CSV…"))
        self.export_button.setToolTip(self.tr("Write the plan as CSV for the accounting system"))
        self.yearly_button.setText(self.tr("&Yearly price adjustment…"))
        self.decimal_comma.setText(self.tr("Decimal co&mma"))
        self.decimal_comma.setToolTip(
            self.tr("Write 3049,72 instead of 3049.72 (for spreadsheets in Norwegian)")
        )
        self.tabs.setTabText(0, self.tr("Invoice &plan"))
        self.tabs.setTabText(1, self.tr("Totals per &month"))
        self.tabs.setTabText(2, self.tr("Coming &12 months"))
        self.tabs.setTabText(3, self.tr("&Services"))
        self.tabs.setTabText(4, self.tr("Invoice r&uns"))
        self.runs_panel.retranslate()
        self.services_hint.setText(
            self.tr("Choose a customer above to see and change its services.")
        )
        self.chart.retranslate()
        self.services_panel.retranslate()
        self._update_summary()

    # -- services and customers --------------------------------------------------------------------

    def set_services(self, services: Services) -> None:
        super().set_services(services)
        self.services_panel.set_services(services)
        self.runs_panel.pool = self.pool
        self.runs_panel.set_services(services, today=self.today())
        self.reload_customers()
        self._stale = True
        if self.isVisible():
            self.refresh()

    def on_change(self, change: Change) -> None:
        """Services or customers changed (e.g. on a customer's card): plan again when shown."""
        if not change.touches(SERVICES, CUSTOMERS):
            return
        self.reload_customers()
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def reload_customers(self) -> None:
        if self.services is None:
            return
        try:
            choices = self.services.billing.customers()
        except UserError as exc:
            self.error.setText(str(exc))
            return
        self._fill_customers(choices)

    def _fill_customers(self, choices: list[Any]) -> None:
        current = self.selected_customer()
        self._names = {c.org_number: c.name for c in choices}
        self.customer.blockSignals(True)
        self.customer.clear()
        self.customer.addItem(self.tr("All customers"), None)
        for choice in choices:
            text = f"{choice.name} ({format_org_number(choice.org_number)})"
            if not choice.accepted and choice.services:
                text += " - " + self.tr("terms not accepted")  # §4.1: ordered without agreement
            self.customer.addItem(text, choice.org_number)
        index = self.customer.findData(current) if current else 0
        self.customer.setCurrentIndex(max(index, 0))
        self.customer.blockSignals(False)

    def selected_customer(self) -> str | None:
        value = self.customer.currentData()
        return str(value) if value else None

    def set_customer(self, org_number: str | None) -> None:
        """Show the plan (and the services) of one customer, or of all with ``None``."""
        index = self.customer.findData(org_number) if org_number else 0
        if index < 0:
            self.error.setText(
                self.tr("No customer with organisation number %1.").replace("%1", str(org_number))
            )
            return
        self.customer.setCurrentIndex(index)

    def set_range(self, date_from: date, date_to: date) -> None:
        """Plan invoices dated ``date_from`` … ``date_to`` (recalculated when the page is shown)."""
        self.date_from.blockSignals(True)
        self.date_from.setDate(qdate(date_from))
        self.date_from.blockSignals(False)
        self.date_to.setDate(qdate(date_to))
        self._range_changed()

    def plan_range(self) -> tuple[date, date]:
        return pydate(self.date_from), pydate(self.date_to)

    def _customer_changed(self) -> None:
        org = self.selected_customer()
        self.services_panel.set_customer(org)
        self.services_hint.setVisible(org is None)
        self._update_enabled()
        self._schedule()

    def _range_changed(self) -> None:
        self._schedule()

    def _services_changed(self) -> None:
        self.reload_customers()
        self._schedule()

    def _schedule(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def _update_enabled(self) -> None:
        ready = self.services is not None
        for widget in (self.refresh_button, self.export_button):
            widget.setEnabled(ready)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.services is not None:
            self.refresh()

    # -- the plan ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Calculate the plan for the chosen customer and range in the background."""
        self._update_enabled()
        if self.services is None:
            return
        date_from, date_to = self.plan_range()
        if date_from > date_to:
            self.error.setText(
                self.tr("The first day (%1) is after the last day (%2).")
                .replace("%1", format_date(date_from))
                .replace("%2", format_date(date_to))
            )
            return
        self._stale = False
        self._generation += 1
        generation = self._generation
        billing = self.services.billing
        org = self.selected_customer()
        today = self.today()
        if self._task is not None:
            self._task.cancel()
        self.summary.setText(self.tr("Calculating…"))

        runs = getattr(self.services, "invoice_runs", None)

        def work(_progress: Any, _cancel: Any) -> PlanResult:
            invoices = billing.plan(org, date_from, date_to)
            states = runs.frozen_state(invoices) if runs is not None else None
            return PlanResult.of(invoices, billing.coming_months(org, today=today), states)

        from contractdesk.ui.tasks import run_task

        self._task = run_task(
            work,
            on_success=lambda result: self._show_plan(generation, result),
            on_failure=lambda exc: self._plan_failed(generation, exc),
            pool=self.pool,
        )

    def _show_plan(self, generation: int, result: PlanResult) -> None:
        if generation != self._generation:
            return  # a newer calculation is on its way
        self._task = None
        self.error.clear()
        self.plan_model.set_invoices(result.invoices, self._names)
        self.plan_model.set_states(result.states)
        self.totals_model.set_totals(result.totals)
        for view, sized in ((self.plan_view, "_plan_sized"), (self.totals_view, "_totals_sized")):
            if view.model().rowCount() and not getattr(self, sized, False):
                view.resizeColumnsToContents()
                setattr(self, sized, True)
        self.chart.set_months(result.coming)
        self._result = result
        self._update_summary()

    def _plan_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._task = None
        self.summary.clear()
        if isinstance(exc, UserError):
            self.error.setText(str(exc))
        else:
            self.error.setText(
                self.tr("The plan could not be calculated: %1").replace("%1", str(exc))
            )

    def _update_run_state(self) -> None:
        states = self._result.states if self._result is not None else ()
        if not states:
            self.run_state.clear()
            return
        self.run_state.setText(
            self.tr("Invoice runs: %1 planned, %2 frozen, %3 exported.")
            .replace("%1", str(states.count("planned")))
            .replace("%2", str(states.count("frozen")))
            .replace("%3", str(states.count("exported")))
        )

    def _update_summary(self) -> None:
        self._update_run_state()
        result = self._result
        if result is None or not result.invoices:
            self.summary.setText(
                self.tr("No invoices planned in this period.") if result is not None else ""
            )
            return
        invoices = self.tr("%n invoice(s)", "", len(result.invoices) - result.credit_notes)
        credit_notes = self.tr("%n credit note(s)", "", result.credit_notes)
        self.summary.setText(
            self.tr(
                "%1, %2: NOK %3 excl. VAT, NOK %4 incl. VAT.", "invoices, credit notes: amounts"
            )
            .replace("%1", invoices)
            .replace("%2", credit_notes)
            .replace("%3", format_amount(result.net))
            .replace("%4", format_amount(result.total))
        )

    def open_yearly_adjustment(self) -> Any:
        """The §13.1 yearly adjustment: preview, save, letters (the plan refreshes after)."""
        if self.services is None:
            return None
        from contractdesk.ui.widgets.yearly_dialog import YearlyAdjustmentDialog

        dialog = YearlyAdjustmentDialog(
            self.services.billing, today=self.today(), pool=self.pool, parent=self
        )
        dialog.finished.connect(lambda _result: self._services_changed())
        dialog.open()
        self.yearly_dialog = dialog
        return dialog

    # -- export ------------------------------------------------------------------------------------

    def export_csv(self) -> None:
        """Ask where to save, then write the plan as CSV (complete or not at all)."""
        if self.services is None:
            return
        date_from, date_to = self.plan_range()
        settings = QSettings()
        folder = str(settings.value("billing/export_dir", "") or documents_folder())
        suggested = str(
            Path(folder) / f"invoice-plan-{date_from.isoformat()}-{date_to.isoformat()}.csv"
        )
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export invoice plan"), suggested, self.tr("CSV files (*.csv)")
        )
        if not path:
            return
        settings.setValue("billing/export_dir", str(Path(path).parent))
        self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the plan for the chosen customer and range to ``path`` in the background."""
        if self.services is None:
            return
        date_from, date_to = self.plan_range()
        if date_from > date_to:
            self.error.setText(
                self.tr("The first day (%1) is after the last day (%2).")
                .replace("%1", format_date(date_from))
                .replace("%2", format_date(date_to))
            )
            return
        billing = self.services.billing
        org = self.selected_customer()
        separator = "," if self.decimal_comma.isChecked() else "."
        self.export_button.setEnabled(False)

        def work(_progress: Any, _cancel: Any) -> Any:
            return billing.export_csv(path, date_from, date_to, org, decimal_separator=separator)

        def done(result: Any) -> None:
            self.error.clear()
            self.summary.setText(
                self.tr("Exported %1 (%2) to %3.", "invoices, lines, file")
                .replace("%1", self.tr("%n invoice(s)", "", result.invoices))
                .replace("%2", self.tr("%n line(s)", "", result.rows))
                .replace("%3", str(result.path))
            )

        def failed(exc: BaseException) -> None:
            self.error.setText(
                str(exc)
                if isinstance(exc, UserError)
                else self.tr("The export failed: %1").replace("%1", str(exc))
            )

        from contractdesk.ui.tasks import run_task

        run_task(
            work,
            on_success=done,
            on_failure=failed,
            on_finished=lambda: self.export_button.setEnabled(True),
            pool=self.pool,
        )
