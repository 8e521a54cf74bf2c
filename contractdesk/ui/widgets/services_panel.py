"""One customer's services: binding and earliest end, add/edit/terminate, usage, invoicing.

Embed it in the customer card: ``panel = ServicesPanel(services); panel.set_customer("971049669")``.
Every action is also a public method returning its (open, non-modal) dialog — ``add_service``,
``edit_service``, ``terminate_service``, ``record_usage``, ``adjust_price`` — so the card, shortcuts
and tests can drive it. Errors show in the dialog or the panel's message line, never swallowed.

Signals:
    changed(): a service, usage figure or the customer's invoicing preferences were saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from contractdesk.domain.invoicing import DeliveryMethod, InvoicePeriod, ServiceKind
from contractdesk.services.errors import ConflictError, UserError
from contractdesk.ui.formatting import format_amount, format_date, format_month, format_number
from contractdesk.ui.widgets.service_dialogs import (
    PriceDialog,
    ServiceDialog,
    TerminateDialog,
    UsageDialog,
    kind_label,
    period_label,
)

if TYPE_CHECKING:
    from contractdesk.services.context import Services

if (
    TYPE_CHECKING
):  # the services load SQLAlchemy: not at start-up (the customer card embeds this panel)
    from contractdesk.services.billing import ServiceView

Index = QModelIndex | QPersistentModelIndex


class ServicesModel(QAbstractTableModel):
    """A customer's services over ``ServiceView`` values.

    ``IdRole`` gives the service id, ``SortRole`` an exact sort key (ISO dates, øre).
    """

    IdRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2
    NAME, KIND, PRICE, PERIOD, START, BILLING_START, BINDING_END, EARLIEST_END, STATUS = range(9)
    COLUMNS = 9

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ServiceView] = []

    def set_rows(self, rows: list[ServiceView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[ServiceView]:
        return list(self._rows)

    def row_at(self, row: int) -> ServiceView:
        return self._rows[row]

    def row_of(self, service_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == service_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  Qt's own signature: an invalid index is the default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  Qt's own signature: an invalid index is the default
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < self.COLUMNS:
            return None
        return (
            self.tr("Service"),
            self.tr("Kind"),
            self.tr("Price excl. VAT"),
            self.tr("Invoice period"),
            self.tr("Start / date"),
            self.tr("Billing from"),
            self.tr("Binding end"),
            self.tr("Earliest end"),
            self.tr("Status"),
        )[section]

    def price_text(self, row: ServiceView) -> str:
        if row.kind is ServiceKind.LICENCE:
            return self.tr("%1 per year").replace("%1", format_amount(row.price))
        if row.kind is ServiceKind.USAGE:
            return self.tr("%1 per unit").replace(
                "%1", format_amount(row.price, keep_decimals=True)
            )
        return format_amount(row.price)

    def status_text(self, row: ServiceView) -> str:
        t = row.termination
        if t is not None:
            if not t.billed:
                return self.tr("Cancelled %1, before billing starts").replace(
                    "%1", format_date(t.received)
                )
            return (
                self.tr("Terminated %1: ends %2, paid until %3")
                .replace("%1", format_date(t.received))
                .replace("%2", format_date(t.end))
                .replace("%3", format_date(t.paid_until))
            )
        if row.is_free:
            return self.tr("Free (no binding)")
        return self.tr("Active")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == self.IdRole:
            return row.id
        start = row.start or row.cost_date
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.NAME:
                return row.name
            if col == self.KIND:
                return kind_label(row.kind)
            if col == self.PRICE:
                return self.price_text(row)
            if col == self.PERIOD:
                return period_label(row.period) if row.period else ""
            if col == self.START:
                return format_date(start)
            if col == self.BILLING_START:
                return format_date(row.billing_start)
            if col == self.BINDING_END:
                return format_date(row.binding_end) if row.binding_end else self.tr("none")
            if col == self.EARLIEST_END:
                return format_date(row.earliest_end)
            return self.status_text(row)
        if role == self.SortRole:
            keys: tuple[Any, ...] = (
                row.name.casefold(),
                row.kind.value,
                int(row.price * 1_000_000),
                row.period.months if row.period else 0,
                start.isoformat() if start else "",
                row.billing_start.isoformat() if row.billing_start else "",
                row.binding_end.isoformat() if row.binding_end else "",
                row.earliest_end.isoformat(),
                self.status_text(row),
            )
            return keys[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.PRICE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.STATUS and row.adjustments:
            return "\n".join(
                self.tr("From %1: %2")
                .replace("%1", format_date(a.effective))
                .replace("%2", format_amount(a.new_price, keep_decimals=True))
                for a in row.adjustments
            )
        return None


class ServicesPanel(QWidget):
    """One customer's services with binding and earliest end, and its invoicing choices."""

    changed = Signal()
    loaded = Signal()  # the panel shows freshly read data

    def __init__(self, services: Services | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self.services = services
        self.org_number: str | None = None
        self.profile_version: int | None = None  # the invoicing settings shown: their version
        self.today: Callable[[], date] = date.today
        self.dialog: QWidget | None = None
        layout = QVBoxLayout(self)

        self.invoicing_box = QGroupBox()
        row = QHBoxLayout(self.invoicing_box)
        self.delivery_label = QLabel()
        self.delivery = QComboBox()
        for method in DeliveryMethod:
            self.delivery.addItem("", method)
        self.delivery_label.setBuddy(self.delivery)
        self.period_label = QLabel()
        self.period = QComboBox()
        for period in InvoicePeriod:
            self.period.addItem("", period)
        self.period_label.setBuddy(self.period)
        self.save_invoicing_button = QPushButton()
        self.save_invoicing_button.clicked.connect(self.save_invoicing)
        for widget in (self.delivery_label, self.delivery, self.period_label, self.period):
            row.addWidget(widget)
        row.addWidget(self.save_invoicing_button)
        row.addStretch(1)
        layout.addWidget(self.invoicing_box)

        self.model = ServicesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.activated.connect(lambda _index: self.edit_service())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.terminate_button = QPushButton()
        self.withdraw_button = QPushButton()
        self.usage_button = QPushButton()
        self.price_button = QPushButton()
        self.remove_button = QPushButton()
        actions: list[tuple[QPushButton, Callable[[], object]]] = [
            (self.add_button, self.add_service),
            (self.edit_button, self.edit_service),
            (self.terminate_button, self.terminate_service),
            (self.withdraw_button, self.withdraw_termination),
            (self.usage_button, self.record_usage),
            (self.price_button, self.adjust_price),
            (self.remove_button, self.remove_service),
        ]
        for button, action in actions:
            button.clicked.connect(lambda _=False, a=action: a())
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = QLabel()
        self.message.setObjectName("messageLabel")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.New),
            self,
            self.add_service,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.retranslate()
        self._update_buttons()

    # -- texts -------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.table.setAccessibleName(self.tr("Services"))
        self.invoicing_box.setTitle(self.tr("Invoicing"))
        self.delivery_label.setText(self.tr("&Delivery"))
        fees = {
            DeliveryMethod.PAPER: self.tr("Paper (fee NOK 45)"),
            DeliveryMethod.EMAIL: self.tr("E-mail (fee NOK 12)"),
            DeliveryMethod.EHF: self.tr("EHF e-invoice (no fee)"),
        }
        for i in range(self.delivery.count()):
            self.delivery.setItemText(i, fees[self.delivery.itemData(i)])
        self.period_label.setText(self.tr("Default &invoice period"))
        for i in range(self.period.count()):
            self.period.setItemText(i, period_label(self.period.itemData(i)))
        self.save_invoicing_button.setText(self.tr("Sa&ve invoicing"))
        self.add_button.setText(self.tr("&Add service…"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.terminate_button.setText(self.tr("&Terminate…"))
        self.withdraw_button.setText(self.tr("&Withdraw termination"))
        self.usage_button.setText(self.tr("Record &usage…"))
        self.price_button.setText(self.tr("Adjust &price…"))
        self.remove_button.setText(self.tr("&Remove…"))

    # -- loading -----------------------------------------------------------------------------------

    def set_services(self, services: Services) -> None:
        self.services = services
        self.refresh()

    def set_customer(self, org_number: str | None) -> None:
        """Show ``org_number``'s services (``None``: none)."""
        self.org_number = org_number
        self.message.clear()
        self.refresh()

    def refresh(self) -> None:
        """Read the customer's invoicing profile and services in the background, then show them."""
        from contractdesk.ui.tasks import op

        if self.services is None or self.org_number is None:
            self.model.set_rows([])
            self._update_buttons()
            return
        billing, org, today = self.services.billing, self.org_number, self.today()
        self._generation += 1
        generation = self._generation

        def load() -> tuple[Any, list[ServiceView]]:
            return billing.profile(org), billing.list_services(org, today=today)

        def shown(result: tuple[Any, list[ServiceView]]) -> None:
            if generation == self._generation:
                self._show(*result)

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, UserError):
                from contractdesk.ui.errors import present_error

                present_error(self, exc)
                return
            self.model.set_rows([])
            self.show_message(str(exc), error=True)
            self._update_buttons()

        op(self, load).success(shown).failure(failed).run_in_background()

    def _show(self, profile: Any, rows: list[ServiceView]) -> None:
        selected = self.selected_id()
        self.profile_version = profile.version
        self.delivery.setCurrentIndex(self.delivery.findData(profile.delivery_method))
        self.period.setCurrentIndex(self.period.findData(profile.invoice_period))
        self.model.set_rows(rows)
        if selected is not None:
            self.select_service(selected)
        self._update_buttons()
        self.loaded.emit()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return int(self.model.data(rows[0], ServicesModel.IdRole)) if rows else None

    def selected(self) -> ServiceView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_service(self, service_id: int) -> None:
        row = self.model.row_of(service_id)
        if row >= 0:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        ready = self.services is not None and self.org_number is not None
        view = self.selected() if ready else None
        self.invoicing_box.setEnabled(ready)
        self.add_button.setEnabled(ready)
        for button in (self.edit_button, self.terminate_button, self.remove_button):
            button.setEnabled(view is not None)
        self.withdraw_button.setEnabled(view is not None and view.terminated)
        self.usage_button.setEnabled(view is not None and view.kind is ServiceKind.USAGE)
        self.price_button.setEnabled(view is not None and view.kind is not ServiceKind.ONE_OFF)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.setText(text)

    def _saved(self, text: str, service_id: int | None = None) -> None:
        self.refresh()
        if service_id is not None:
            self.select_service(service_id)
        self.show_message(text)
        self.changed.emit()

    def _open(self, dialog: QWidget) -> QWidget:
        self.dialog = dialog
        dialog.open()  # type: ignore[attr-defined]  # window-modal, returns at once
        return dialog

    # -- actions -----------------------------------------------------------------------------------

    def save_invoicing(self) -> None:
        if self.services is None or self.org_number is None:
            return
        billing = self.services.billing
        try:
            # Issue 14: the fee changes from the next invoice not yet handed over, never before.
            effective = billing.next_invoice_date(self.org_number, today=self.today())
            profile = billing.set_customer_billing(
                self.org_number,
                delivery_method=self.delivery.currentData(),
                invoice_period=self.period.currentData(),
                effective=effective,
                expected_version=self.profile_version,
            )
        except UserError as exc:
            self.show_message(str(exc), error=True)
            return
        except ConflictError as exc:  # a colleague changed it since it was shown
            from contractdesk.ui.errors import present_error

            self.show_message(str(exc), error=True)
            self.dialog = present_error(self, exc, reload=self.refresh)
            return
        self.profile_version = profile.version
        self._saved(
            self.tr("Invoicing saved: %1 from %3, default period %2.")
            .replace("%1", self.delivery.currentText())
            .replace("%2", period_label(profile.invoice_period))
            .replace("%3", format_date(effective))
        )

    def add_service(self) -> ServiceDialog | None:
        if self.services is None or self.org_number is None:
            return None
        billing = self.services.billing
        org = self.org_number

        profile = billing.profile(org)

        def submit(data: Any) -> tuple[int, str | None]:  # on a pool thread
            service_id = billing.add_service(org, data)
            return service_id, billing.order_warning(org)  # §4.1: allowed, terms not accepted

        def saved(result: tuple[int, str | None]) -> None:
            service_id, warning = result
            text = self.tr("Service added.")
            self._saved(f"{text} {warning}" if warning else text, service_id)

        dialog = ServiceDialog(
            submit,
            default_period=profile.invoice_period,
            today=self.today(),
            parent=self,
            saved=saved,
        )
        self._open(dialog)
        return dialog

    def edit_service(self) -> ServiceDialog | None:
        view = self.selected()
        if self.services is None or view is None:
            return None
        billing = self.services.billing

        profile = billing.profile(view.org_number)
        read = {"version": view.version}  # the version the form shows

        def submit(data: Any) -> ServiceView:  # on a pool thread
            return billing.edit_service(view.id, data, expected_version=read["version"])

        dialog = ServiceDialog(
            submit,
            default_period=profile.invoice_period,
            today=self.today(),
            view=view,
            parent=self,
            saved=lambda _view: self._saved(self.tr("Service saved."), view.id),
        )

        def reload() -> None:  # after a conflict: the colleague's values, their version
            fresh = billing.get_service(view.id, today=self.today())
            read["version"] = fresh.version
            dialog.fill(fresh)
            self.refresh()

        dialog.reload = reload
        self._open(dialog)
        return dialog

    def terminate_service(self) -> TerminateDialog | None:
        view = self.selected()
        if self.services is None or view is None:
            return None
        billing = self.services.billing

        def submit(received: date, requested: date | None) -> None:
            billing.terminate(view.id, received, requested)
            self._saved(self.tr("Termination recorded."), view.id)

        dialog = TerminateDialog(
            lambda d, r: billing.preview_termination(view.id, d, r),
            submit,
            today=self.today(),
            title=view.name,
            parent=self,
        )
        if view.termination is not None:
            from contractdesk.ui.widgets.service_dialogs import qdate

            dialog.received.setDate(qdate(view.termination.received))
            if view.termination.requested_end is not None:
                dialog.later.setChecked(True)
                dialog.requested_end.setDate(qdate(view.termination.requested_end))
        self._open(dialog)
        return dialog

    def withdraw_termination(self) -> None:
        view = self.selected()
        if self.services is None or view is None:
            return
        try:
            self.services.billing.withdraw_termination(view.id)
        except UserError as exc:
            self.show_message(str(exc), error=True)
            return
        self._saved(self.tr("Termination withdrawn."), view.id)

    def record_usage(self) -> UsageDialog | None:
        view = self.selected()
        if self.services is None or view is None or view.kind is not ServiceKind.USAGE:
            return None
        billing = self.services.billing

        def submit(month: date, quantity: str) -> None:
            usage = billing.record_usage(view.id, month, quantity)
            self._saved(
                self.tr("Usage for %1 recorded: %2 (NOK %3 excl. VAT).")
                .replace("%1", format_month(month))
                .replace("%2", format_number(usage.quantity))
                .replace("%3", format_amount(usage.amount)),
                view.id,
            )

        dialog = UsageDialog(
            submit,
            today=self.today(),
            recorded={u.month: u.quantity for u in view.usage},
            title=view.name,
            parent=self,
        )
        self._open(dialog)
        return dialog

    def adjust_price(self) -> PriceDialog | None:
        view = self.selected()
        if self.services is None or view is None or view.kind is ServiceKind.ONE_OFF:
            return None
        billing = self.services.billing

        def check(effective: date, announced: date, price: str) -> list[Any]:
            return list(
                billing.check_price_adjustment(view.id, effective, announced, price or None)
            )

        def submit(effective: date, announced: date, price: str) -> None:
            _, warnings = billing.adjust_price(view.id, effective, announced, price)
            text = self.tr("Price adjustment saved.")
            if warnings:
                text += " " + " ".join(w.message for w in warnings)
            self._saved(text, view.id)

        dialog = PriceDialog(
            check, submit, today=self.today(), current=view.price, title=view.name, parent=self
        )
        self._open(dialog)
        return dialog

    def remove_service(self) -> QMessageBox | None:
        view = self.selected()
        if self.services is None or view is None:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Remove service"),
            self.tr(
                "Remove %1 with its usage and price adjustments? Use Terminate when the customer "
                "ends a service; remove only what was entered by mistake."
            ).replace("%1", view.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def done(result: int) -> None:
            if result != QMessageBox.StandardButton.Yes:
                return
            try:
                self.services.billing.remove_service(view.id)
            except UserError as exc:
                self.show_message(str(exc), error=True)
                return
            self._saved(self.tr("Service removed."))

        box.finished.connect(done)
        self._open(box)
        return box
