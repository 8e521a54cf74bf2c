"""Fakturakjøring (invoice runs): freeze the plan into runs, list, export and undo them.

Every store call runs off the GUI thread through :func:`contractdesk.ui.tasks.run_task`; only
frozen view values (``RunView``, ``RunResult``, ``ExportResult``) come back. Actions are public
methods (``freeze``, ``export_selected``, ``undo_selected``) so tests drive them without dialogs.

Signals:
    changed: a run was frozen or undone (the plan's frozen/planned state changed).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from contractdesk.errors import UserFacingError
from contractdesk.ui.files import in_documents
from contractdesk.ui.formatting import format_amount, format_date
from contractdesk.ui.widgets.invoice_plan import InvoicePlanModel
from contractdesk.ui.widgets.service_dialogs import date_edit, pydate, qdate
from contractdesk.ui.widgets.status_line import reserve_lines

if TYPE_CHECKING:
    from contractdesk.services.context import Services

Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RunsModel(QAbstractTableModel):
    """Runs over ``RunView`` values, newest first. ``IdRole``: the run id."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    RUN, TO, STATUS, INVOICES, CREDITS, NUMBERS, TOTAL, EXPORTED = range(8)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_runs(self, runs: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(runs)
        self.endResetModel()

    def run_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else 8

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Run"),
            self.tr("Up to"),
            self.tr("State"),
            self.tr("Invoices"),
            self.tr("Credit notes"),
            self.tr("Numbers"),
            self.tr("Total incl. VAT"),
            self.tr("Exported as"),
        )[section]

    def status_text(self, run: Any) -> str:
        if run.status == "undone":
            return self.tr("Undone")
        if run.exports:
            return self.tr("Exported")
        if run.unnumbered:
            return self.tr("Frozen, awaiting numbers")
        return self.tr("Frozen")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        run = self._rows[index.row()]
        col = index.column()
        if role == self.IdRole:
            return run.run_id
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            self.RUN,
            self.INVOICES,
            self.CREDITS,
            self.TOTAL,
        ):
            return _RIGHT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == self.NUMBERS:
            if run.first_number is None:
                return self.tr("from the accounting system") if run.status == "frozen" else ""
            return f"{run.first_number}\u2013{run.last_number}"
        return (
            str(run.run_id),
            format_date(run.date_to),
            self.status_text(run),
            str(run.invoices),
            str(run.credit_notes),
            None,
            format_amount(run.total) if run.status == "frozen" else "",
            ", ".join(run.exports),
        )[col]


class PlanRunStateModel(InvoicePlanModel):
    """The invoice plan, with each document's run state: frozen documents in italics, exported
    ones greyed, and the state as the tooltip of the cells that have none of their own."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._states: tuple[str, ...] = ()

    def set_states(self, states: tuple[str, ...]) -> None:
        """States in the order the invoices were given to ``set_invoices``."""
        self._states = states
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.COLUMNS - 1)
            )

    def state_at(self, row: int) -> str:
        position = self._order[row] if 0 <= row < len(self._order) else -1
        return self._states[position] if 0 <= position < len(self._states) else ""

    def state_text(self, state: str) -> str:
        return {
            "planned": self.tr("Planned: not in an invoice run yet"),
            "frozen": self.tr("Frozen in an invoice run"),
            "exported": self.tr("Frozen and exported to accounting"),
        }.get(state, "")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and self._states:
            state = self.state_at(index.row())
            if role == Qt.ItemDataRole.FontRole and state in ("frozen", "exported"):
                font = QFont()
                font.setItalic(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole and state == "exported":
                return QBrush(QColor("#6b7280"))
            if role == Qt.ItemDataRole.ToolTipRole:
                own = super().data(index, role)  # the plan's own tooltips (lines, due date) first
                return own if own is not None else (self.state_text(state) or None)
        return super().data(index, role)


class InvoiceRunsPanel(QWidget):
    """Freeze, list, export and undo invoice runs."""

    changed = Signal()
    FORMATS = ("ehf", "pdf", "csv", "poweroffice", "customers")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        self.pool: Any = None  # None: the global QThreadPool; tests pass a SyncPool
        self.confirm = self._confirm  # tests replace it to answer for the user
        self.runs_model = RunsModel(self)
        layout = QVBoxLayout(self)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        layout.addWidget(self.explain)
        top = QHBoxLayout()
        self.to_label = QLabel()
        self.date_to = date_edit(date.today())
        self.to_label.setBuddy(self.date_to)
        self.run_button = QPushButton()
        self.run_button.clicked.connect(lambda: self.freeze(pydate(self.date_to)))
        for widget in (self.to_label, self.date_to, self.run_button):
            top.addWidget(widget)
        top.addStretch(1)
        layout.addLayout(top)
        self.view = QTableView()
        self.view.setModel(self.runs_model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(self._update_enabled)
        layout.addWidget(self.view, 1)
        actions = QHBoxLayout()
        self.export_buttons: dict[str, QPushButton] = {}
        for fmt in self.FORMATS:
            button = QPushButton()
            button.clicked.connect(lambda _=False, f=fmt: self._ask_export(f))
            self.export_buttons[fmt] = button
            actions.addWidget(button)
        self.receipt_button = QPushButton()
        self.receipt_button.clicked.connect(self._ask_receipt)
        actions.addWidget(self.receipt_button)
        actions.addStretch(1)
        self.undo_button = QPushButton()
        self.undo_button.clicked.connect(lambda: self.undo_selected())
        actions.addWidget(self.undo_button)
        layout.addLayout(actions)
        self.message = QLabel()
        reserve_lines(self.message)  # a message never moves the buttons
        self.message.setObjectName("runsMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        self.retranslate()
        self._update_enabled()

    def retranslate(self) -> None:
        self.view.setAccessibleName(self.tr("Invoice runs"))
        self.explain.setText(
            self.tr(
                "A run freezes every planned invoice dated up to the chosen day that no run holds "
                "yet, numbers it and gives it a KID. Frozen invoices never change; corrections "
                "are credit notes in a later run. A run can be undone until it is exported."
            )
        )
        self.to_label.setText(self.tr("Invoices &up to"))
        self.run_button.setText(self.tr("&Freeze run"))
        texts = {
            "ehf": self.tr("E&HF…"),
            "pdf": self.tr("P&DF…"),
            "csv": self.tr("C&SV…"),
            "poweroffice": self.tr("&PowerOffice Go…"),
            "customers": self.tr("Customer &register…"),
        }
        for fmt, button in self.export_buttons.items():
            button.setText(texts[fmt])
        self.undo_button.setText(self.tr("&Undo run…"))
        self.receipt_button.setText(self.tr("Import &receipt…"))
        self.receipt_button.setToolTip(
            self.tr("Read the invoice numbers the accounting system gave this run's drafts")
        )
        self.runs_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 7)

    def set_services(self, services: Services, *, today: date | None = None) -> None:
        self.services = services
        if today is not None:
            self.date_to.setDate(qdate(today))
        self.reload()

    # -- state ------------------------------------------------------------------------------------

    def selected_run(self) -> Any:
        rows = self.view.selectionModel().selectedRows()
        return self.runs_model.run_at(rows[0].row()) if rows else None

    def select_run(self, run_id: int) -> None:
        for row in range(self.runs_model.rowCount()):
            if self.runs_model.run_at(row).run_id == run_id:
                self.view.selectRow(row)
                return

    def _update_enabled(self) -> None:
        run = self.selected_run()
        ready = self.services is not None
        self.run_button.setEnabled(ready)
        live = run is not None and run.status == "frozen"
        for fmt, button in self.export_buttons.items():
            needs_numbers = fmt in ("ehf", "pdf")
            button.setEnabled(live and not (needs_numbers and run.unnumbered))
        self.undo_button.setEnabled(live and not run.exports)
        self.receipt_button.setEnabled(live and bool(run.unnumbered))

    def _work(self, fn: Any, done: Any) -> None:
        from contractdesk.ui.tasks import run_task

        def failed(exc: BaseException) -> None:
            self.message.setText(
                str(exc)
                if isinstance(exc, UserFacingError)
                else self.tr("The invoice run failed: %1").replace("%1", str(exc))
            )

        run_task(lambda _p, _c: fn(), on_success=done, on_failure=failed, pool=self.pool)

    def reload(self, select: int | None = None) -> None:
        """Read the runs again (in the background)."""
        if self.services is None:
            return
        runs = self.services.invoice_runs

        def done(views: list[Any]) -> None:
            keep = select if select is not None else getattr(self.selected_run(), "run_id", None)
            self.runs_model.set_runs(views)
            if keep is not None:
                self.select_run(keep)
            self._update_enabled()

        self._work(runs.runs, done)

    # -- actions ----------------------------------------------------------------------------------

    def freeze(self, date_to: date) -> None:
        """Freeze a run of every planned invoice up to ``date_to``."""
        if self.services is None:
            return
        runs = self.services.invoice_runs

        def done(result: Any) -> None:
            numbers = (
                self.tr("numbers %1\u2013%2")
                .replace("%1", str(result.first_number))
                .replace("%2", str(result.last_number))
                if result.first_number is not None
                else self.tr("numbers from the accounting system")
            )
            self.message.setText(
                self.tr("Run %1 frozen: %2, %3; %4.")
                .replace("%1", str(result.run_id))
                .replace("%2", self.tr("%n invoice(s)", "", result.invoices))
                .replace("%3", self.tr("%n credit note(s)", "", result.credit_notes))
                .replace("%4", numbers)
            )
            self.reload(select=result.run_id)
            self.changed.emit()

        self._work(lambda: runs.run(date_to), done)

    def _ask_export(self, fmt: str) -> None:
        run = self.selected_run()
        if run is None:
            return
        if fmt in ("ehf", "pdf"):
            path = QFileDialog.getExistingDirectory(
                self, self.tr("Export run to folder"), in_documents()
            )
        else:
            suggested = in_documents(f"invoice-run-{run.run_id}-{fmt}.csv")
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export run"), suggested, self.tr("CSV files (*.csv)")
            )
        if path:
            self.export_selected(fmt, Path(path))

    def export_selected(self, fmt: str, target: Path) -> None:
        """Export the selected run as ``fmt`` to ``target`` (a folder for EHF and PDF)."""
        run = self.selected_run()
        if run is None or self.services is None:
            return
        runs = self.services.invoice_runs

        def done(result: Any) -> None:
            self.message.setText(
                self.tr("Run %1 exported: %2 to %3.")
                .replace("%1", str(result.run_id))
                .replace("%2", self.tr("%n file(s)", "", result.files))
                .replace("%3", str(result.target))
            )
            self.reload(select=result.run_id)
            self.changed.emit()

        self._work(lambda: runs.export(run.run_id, fmt, target), done)

    def _ask_receipt(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import receipt"), in_documents(), self.tr("CSV files (*.csv)")
        )
        if path:
            self.import_receipt(Path(path))

    def import_receipt(self, path: Path) -> None:
        """Record the numbers in the accounting system's receipt for the selected run."""
        run = self.selected_run()
        if run is None or self.services is None:
            return
        runs = self.services.invoice_runs

        def done(count: int) -> None:
            self.message.setText(
                self.tr("Run %1: %2 recorded.")
                .replace("%1", str(run.run_id))
                .replace("%2", self.tr("%n invoice number(s)", "", count))
            )
            self.reload(select=run.run_id)

        self._work(lambda: runs.import_receipt(run.run_id, path), done)

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Undo run"), text)
        return answer == QMessageBox.StandardButton.Yes

    def undo_selected(self) -> None:
        """Undo the selected run after asking (only the newest, and only before any export)."""
        run = self.selected_run()
        if run is None or self.services is None:
            return
        question = self.tr(
            "Undo run %1? Its invoices and credit notes are deleted and their numbers are used "
            "again by the next run."
        ).replace("%1", str(run.run_id))
        if not self.confirm(question):
            return
        runs = self.services.invoice_runs

        def done(count: int) -> None:
            self.message.setText(
                self.tr("Run %1 undone (%2).")
                .replace("%1", str(run.run_id))
                .replace("%2", self.tr("%n document(s)", "", count))
            )
            self.reload()
            self.changed.emit()

        self._work(lambda: runs.undo(run.run_id), done)
