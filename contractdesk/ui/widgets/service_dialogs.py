"""Dialogs of the services panel: add/edit a service, terminate, record usage, adjust a price.

Each dialog takes a ``submit`` callable (the use case); when it raises a ``UserError`` the
message is shown in the dialog, the field it names gets the focus, and the dialog stays open.
Terminate and price dialogs show what the input means (binding end, end, paid-until; §13.1
warnings) while the user types, through a ``preview``/``check`` callable.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from contractdesk.domain.dates import far_ahead
from contractdesk.domain.invoicing import InvoicePeriod, ServiceKind
from contractdesk.services.errors import ConflictError, UserError
from contractdesk.ui.formatting import (
    date_edit_format,
    format_amount,
    format_amount_input,
    format_date,
    format_number,
    month_edit_format,
)
from contractdesk.ui.widgets.dates import limit_date

if TYPE_CHECKING:  # the services load SQLAlchemy: not at start-up
    from contractdesk.services.billing import ServiceInput, ServiceView, TerminationView


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def date_edit(day: date, parent: QWidget | None = None) -> QDateEdit:
    edit = QDateEdit(qdate(day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_edit_format())
    limit_date(edit)
    return edit


def period_label(period: InvoicePeriod) -> str:
    """The invoice period with its invoice dates, in the UI language."""
    return {
        InvoicePeriod.YEARLY: QCoreApplication.translate("InvoicePeriod", "Yearly (1 January)"),
        InvoicePeriod.HALF_YEARLY: QCoreApplication.translate(
            "InvoicePeriod", "Half-yearly (2 January, 2 July)"
        ),
        InvoicePeriod.QUARTERLY: QCoreApplication.translate(
            "InvoicePeriod", "Quarterly (3rd of Jan, Apr, Jul, Oct)"
        ),
        InvoicePeriod.BIMONTHLY: QCoreApplication.translate(
            "InvoicePeriod", "Every second month (4th of Jan, Mar, …)"
        ),
        InvoicePeriod.MONTHLY: QCoreApplication.translate(
            "InvoicePeriod", "Monthly (5th of every month)"
        ),
    }[InvoicePeriod(period)]


def kind_label(kind: ServiceKind) -> str:
    """The service kind in the UI language."""
    return {
        ServiceKind.LICENCE: QCoreApplication.translate("ServiceKind", "Licence"),
        ServiceKind.ONE_OFF: QCoreApplication.translate("ServiceKind", "One-off cost"),
        ServiceKind.USAGE: QCoreApplication.translate("ServiceKind", "Usage (e.g. SMS)"),
    }[ServiceKind(kind)]


class _FormDialog(QDialog):
    """A form with an error line and OK/Cancel; subclasses fill ``self.form``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel()
        self.error.setObjectName("errorLabel")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._fields: dict[str, QWidget] = {}

    def add_row(self, text: str, field: QWidget, name: str | None = None) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field)
        self.form.addRow(label, field)
        if name:
            self._fields[name] = field
        return label

    def show_error(self, exc: UserError) -> None:
        self.error.setText(str(exc))
        field = self._fields.get(exc.field or "")
        if field is not None:
            field.setFocus()

    def run(self, fn: Callable[[], Any]) -> bool:
        """Call ``fn``; a ``UserError`` is shown here. True when it succeeded."""
        try:
            fn()
        except UserError as exc:
            self.show_error(exc)
            return False
        self.error.clear()
        return True


class ServiceDialog(_FormDialog):
    """Add or edit a service; the rows follow the kind. A licence's price is per year or month."""

    def __init__(
        self,
        submit: Callable[[ServiceInput], Any],
        *,
        default_period: InvoicePeriod,
        today: date,
        view: ServiceView | None = None,
        parent: QWidget | None = None,
        saved: Callable[[Any], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self._on_saved = saved
        self._today = today
        self._confirmed_start: date | None = None  # a far start the user confirmed (OK twice)
        # Reload after a conflict (a colleague saved first): refill from the store (``fill``).
        self.reload: Callable[[], None] | None = None
        self.setWindowTitle(self.tr("Edit service") if view else self.tr("Add service"))
        self.kind = QComboBox()
        for kind in ServiceKind:
            self.kind.addItem(kind_label(kind), kind)
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.price_basis = QComboBox()
        self.price_basis.addItem(self.tr("per year"), "annual")
        self.price_basis.addItem(self.tr("per month"), "monthly")
        self.price = QLineEdit()
        self.price.setPlaceholderText("12000")
        self.period = QComboBox()
        self.period.addItem(
            self.tr("Customer's default: %1").replace("%1", period_label(default_period)), None
        )
        for period in InvoicePeriod:
            self.period.addItem(period_label(period), period)
        self.start = date_edit(today)
        self.trial_days = QSpinBox()
        self.trial_days.setRange(0, 3660)
        self.trial_days.valueChanged.connect(self._trial_suffix)
        self._trial_suffix(0)
        self.amount = QLineEdit()
        self.cost_date = date_edit(today)
        self.unit_price = QLineEdit()
        self.unit_price.setPlaceholderText(format_amount_input(Decimal("0.395")))

        self.add_row(self.tr("&Kind"), self.kind, "kind")
        self.add_row(self.tr("&Name"), self.name, "name")
        self._licence_rows = [
            self.add_row(self.tr("&Price excl. VAT"), self.price, "annual_price"),
            self.add_row(self.tr("Price &basis"), self.price_basis),
            self.add_row(self.tr("Invoice &period"), self.period, "period"),
            self.add_row(self.tr("&Start date"), self.start, "start"),
            self.add_row(self.tr("&Trial period"), self.trial_days, "trial_days"),
        ]
        self._fields["monthly_price"] = self.price
        self._one_off_rows = [
            self.add_row(self.tr("&Amount excl. VAT"), self.amount, "amount"),
            self.add_row(self.tr("&Date invoiced"), self.cost_date, "date"),
        ]
        self._usage_rows = [
            self.add_row(self.tr("&Unit price excl. VAT"), self.unit_price, "unit_price")
        ]
        self.kind.currentIndexChanged.connect(self._kind_changed)

        if view is not None:
            self.fill(view)
            self.kind.setEnabled(False)
        self._kind_changed()
        self.name.setFocus()

    def fill(self, view: ServiceView) -> None:
        """Show a stored service's values (on opening, and on Reload after a conflict)."""
        self.kind.setCurrentIndex(self.kind.findData(view.kind))
        self.name.setText(view.name)
        if view.annual_price is not None:
            self.price.setText(format_amount_input(view.annual_price))
        if view.period is not None:
            self.period.setCurrentIndex(self.period.findData(view.period))
        if view.start is not None:
            self.start.setDate(qdate(view.start))
        self.trial_days.setValue(view.trial_days)
        if view.amount is not None:
            self.amount.setText(format_amount_input(view.amount))
        if view.cost_date is not None:
            self.cost_date.setDate(qdate(view.cost_date))
        if view.unit_price is not None:
            self.unit_price.setText(format_amount_input(view.unit_price))

    def _trial_suffix(self, days: int) -> None:
        # " day(s)": the English and Norwegian files give "1 day" / "30 days", "1 dag" / "30 dager".
        self.trial_days.setSuffix(self.tr(" day(s)", "suffix after a number of days", days))

    def chosen_kind(self) -> ServiceKind:
        return ServiceKind(self.kind.currentData())

    def _kind_changed(self) -> None:
        kind = self.chosen_kind()
        for rows, shown in (
            (self._licence_rows, kind is ServiceKind.LICENCE),
            (self._one_off_rows, kind is ServiceKind.ONE_OFF),
            (self._usage_rows, kind is ServiceKind.USAGE),
        ):
            for label in rows:
                buddy = label.buddy()
                if buddy is not None:
                    self.form.setRowVisible(buddy, shown)

    def service_input(self) -> ServiceInput:
        from contractdesk.services.billing import ServiceInput

        kind = self.chosen_kind()
        name = self.name.text()
        if kind is ServiceKind.LICENCE:
            price = self.price.text()
            monthly = self.price_basis.currentData() == "monthly"
            return ServiceInput(
                kind,
                name,
                annual_price=None if monthly else price,
                monthly_price=price if monthly else None,
                period=self.period.currentData(),
                start=pydate(self.start),
                trial_days=self.trial_days.value(),
            )
        if kind is ServiceKind.ONE_OFF:
            return ServiceInput(
                kind, name, amount=self.amount.text(), cost_date=pydate(self.cost_date)
            )
        return ServiceInput(kind, name, unit_price=self.unit_price.text())

    def accept(self) -> None:
        """Save in the background (the write waits for the store); close when it is saved.

        ``submit`` runs on a pool thread: it calls the use case only; ``saved`` gets its result
        on the GUI thread. A start far ahead asks for confirmation first.
        """
        from contractdesk.ui.tasks import op

        if not self._far_start_confirmed():
            return
        try:
            data = self.service_input()
        except UserError as exc:
            self.show_error(exc)
            return
        submit = self._submit
        self.buttons.setEnabled(False)
        (
            op(self, lambda: submit(data))
            .success(self._saved)
            .failure(self._not_saved)
            .finished(lambda: self.buttons.setEnabled(True))
            .run_in_background()
        )

    def _saved(self, result: object) -> None:
        self.error.clear()
        if self._on_saved is not None:
            self._on_saved(result)
        super().accept()

    def _not_saved(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.show_error(exc)
            return
        from contractdesk.ui.errors import present_error

        if isinstance(exc, ConflictError):
            self.error.setText(str(exc))
            present_error(self, exc, reload=self._reload)
            return
        present_error(self, exc)

    def _reload(self) -> None:
        if self.reload is not None:
            self.reload()
        self.error.clear()

    def _far_start_confirmed(self) -> bool:
        """A licence starting more than two years ahead is saved only on a second OK."""
        start = pydate(self.start)
        if self.chosen_kind() is not ServiceKind.LICENCE or not far_ahead(start, self._today):
            return True
        if self._confirmed_start == start:
            return True
        self._confirmed_start = start
        self.error.setText(
            self.tr(
                "The service starts %1, more than two years from today. If that is right, "
                "press OK again."
            ).replace("%1", format_date(start))
        )
        self.start.setFocus()
        return False


class TerminateDialog(_FormDialog):
    """Record a termination received on D, optionally ending later (R); shows the outcome live,
    and asks for confirmation when nothing would be invoiced at all."""

    def __init__(
        self,
        preview: Callable[[date, date | None], TerminationView],
        submit: Callable[[date, date | None], Any],
        *,
        today: date,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._preview = preview
        self._submit = submit
        self.setWindowTitle(
            self.tr("Terminate %1").replace("%1", title) if title else self.tr("Terminate service")
        )
        self.received = date_edit(today)
        self.later = QCheckBox(self.tr("The customer asked for a &later end"))
        self.requested_end = date_edit(today)
        self.requested_end.setEnabled(False)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.confirm_empty = QCheckBox(self.tr("Yes, no invoice at all is sent for this service"))
        self.confirm_empty.setObjectName("confirmEmptyPlan")
        self.confirm_empty.setVisible(False)
        self.confirm_empty.toggled.connect(lambda _on: self._update_ok())
        self.add_row(self.tr("&Received on"), self.received, "received")
        self.form.addRow("", self.later)
        self.add_row(self.tr("&Requested end"), self.requested_end, "requested_end")
        self.form.addRow(self.outcome)
        self.form.addRow(self.confirm_empty)
        self._empties_plan = False
        self._invalid = False
        self.later.toggled.connect(self.requested_end.setEnabled)
        for signal in (
            self.received.dateChanged,
            self.requested_end.dateChanged,
            self.later.toggled,
        ):
            signal.connect(self.update_outcome)
        self.update_outcome()

    def values(self) -> tuple[date, date | None]:
        return pydate(self.received), pydate(self.requested_end) if self.later.isChecked() else None

    def update_outcome(self) -> None:
        received, requested = self.values()
        try:
            view = self._preview(received, requested)
        except UserError as exc:
            self.outcome.clear()
            self.error.setText(str(exc))
            self.confirm_empty.setVisible(False)
            self._empties_plan = False
            self._invalid = True
            self._update_ok()
            return
        self._invalid = False
        self.error.clear()
        self.outcome.setText(describe_termination(view))
        # the destructive case shown before saving: every invoice of the service goes
        self._empties_plan = not view.billed
        self.outcome.setStyleSheet("color: #b00020; font-weight: bold;" if not view.billed else "")
        self.confirm_empty.setVisible(not view.billed)
        if view.billed:
            self.confirm_empty.setChecked(False)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        confirmed = not self._empties_plan or self.confirm_empty.isChecked()
        ok.setEnabled(confirmed and not self._invalid)

    def accept(self) -> None:
        if self.run(lambda: self._submit(*self.values())):
            super().accept()


def describe_termination(view: TerminationView) -> str:
    """ "Binding ends …. The service ends … and is paid until …." in the UI language."""
    if view.binding_end is not None:
        first = QCoreApplication.translate("Termination", "Binding ends %1.").replace(
            "%1", format_date(view.binding_end)
        )
    else:
        first = QCoreApplication.translate("Termination", "No binding period applies.")
    if not view.billed:
        return (
            first
            + " "
            + QCoreApplication.translate(
                "Termination", "It ends %1, before billing starts: nothing is invoiced."
            ).replace("%1", format_date(view.end))
        )
    return (
        first
        + " "
        + QCoreApplication.translate(
            "Termination",
            "The service ends %1 and is paid until %2; later periods are not "
            "invoiced, and a period already invoiced is refunded after that day.",
        )
        .replace("%1", format_date(view.end))
        .replace("%2", format_date(view.paid_until))
    ) + _rounding(view)


def _rounding(view: TerminationView) -> str:
    """§12.3: said when the end is rounded up to the month's end (issue 14)."""
    if not view.rounded_to_month_end:
        return ""
    return " " + QCoreApplication.translate(
        "Termination", "The end is rounded to the month's end (§12.3): whole months are refunded."
    )


class UsageDialog(_FormDialog):
    """Record one month's quantity for a usage service; says when it replaces an earlier figure."""

    def __init__(
        self,
        submit: Callable[[date, str], Any],
        *,
        today: date,
        recorded: dict[date, Decimal] | None = None,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self._recorded = dict(recorded or {})
        self.setWindowTitle(
            self.tr("Record usage: %1").replace("%1", title) if title else self.tr("Record usage")
        )
        last_month = (
            date(today.year - 1, 12, 1)
            if today.month == 1
            else date(today.year, today.month - 1, 1)
        )
        self.month = date_edit(last_month)
        self.month.setDisplayFormat(month_edit_format())
        self.quantity = QLineEdit()
        self.hint = QLabel()
        self.add_row(self.tr("&Month"), self.month, "month")
        self.add_row(self.tr("&Quantity"), self.quantity, "quantity")
        self.form.addRow(self.hint)
        self.month.dateChanged.connect(self._month_changed)
        self._month_changed()
        self.quantity.setFocus()

    def chosen_month(self) -> date:
        day = pydate(self.month)
        return date(day.year, day.month, 1)

    def _month_changed(self) -> None:
        earlier = self._recorded.get(self.chosen_month())
        self.hint.setText(
            ""
            if earlier is None
            else self.tr("Already recorded: %1. Saving replaces it.").replace(
                "%1", format_number(earlier)
            )
        )

    def accept(self) -> None:
        if self.run(lambda: self._submit(self.chosen_month(), self.quantity.text())):
            super().accept()


class PriceDialog(_FormDialog):
    """Adjust a licence's annual or a usage unit price from a date (§13.1); warns while typing."""

    def __init__(
        self,
        check: Callable[[date, date, str], list[Any]],
        submit: Callable[[date, date, str], Any],
        *,
        today: date,
        current: Decimal,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._check = check
        self._submit = submit
        self.setWindowTitle(
            self.tr("Adjust price: %1").replace("%1", title) if title else self.tr("Adjust price")
        )
        self.effective = date_edit(date(today.year + 1, 1, 1))
        self.announced = date_edit(today)
        self.price = QLineEdit()
        self.price.setPlaceholderText(format_amount_input(current))
        self.current = QLabel(format_amount(current, keep_decimals=True))
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setObjectName("warningLabel")
        self.form.addRow(self.tr("Current price"), self.current)
        self.add_row(self.tr("&New price excl. VAT"), self.price, "new_price")
        self.add_row(self.tr("&Effective from"), self.effective, "effective")
        self.add_row(self.tr("&Announced on"), self.announced, "announced")
        self.form.addRow(self.warnings)
        for signal in (
            self.effective.dateChanged,
            self.announced.dateChanged,
            self.price.textChanged,
        ):
            signal.connect(self.update_warnings)
        self.update_warnings()
        self.price.setFocus()

    def values(self) -> tuple[date, date, str]:
        return pydate(self.effective), pydate(self.announced), self.price.text()

    def update_warnings(self) -> None:
        effective, announced, price = self.values()
        try:
            warnings = self._check(effective, announced, price if price.strip() else "")
        except UserError:
            warnings = []
        self.warnings.setText("\n".join(w.message for w in warnings))

    def accept(self) -> None:
        if self.run(lambda: self._submit(*self.values())):
            super().accept()
