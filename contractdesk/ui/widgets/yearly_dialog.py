"""The yearly price adjustment dialog (§13.1): preview every customer's new prices by the index,
with the warnings, then save it in one go; and write the announcement letters.

Work runs through ``run_task`` (``pool`` is injected so tests run it synchronously); only frozen
views come back to the GUI thread.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from contractdesk.errors import UserFacingError
from contractdesk.ui.files import in_documents
from contractdesk.ui.formatting import format_amount, format_date
from contractdesk.ui.widgets.service_dialogs import date_edit, pydate
from contractdesk.ui.widgets.status_line import reserve_lines

_Index = QModelIndex | QPersistentModelIndex


class YearlyModel(QAbstractTableModel):
    """The proposals of a yearly adjustment, one row per service (read-only)."""

    COLUMNS = ("customer", "service", "price", "new_price", "change", "announced", "warnings")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Customer"),
            self.tr("Service"),
            self.tr("Price"),
            self.tr("New price"),
            self.tr("Change"),
            self.tr("Announced"),
            self.tr("Warnings"),
        )[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        p = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if column == "customer":
            return p.customer_name
        if column == "service":
            return p.service_name
        if column in ("price", "new_price"):
            value = p.old_price if column == "price" else p.new_price
            return format_amount(value, keep_decimals=True)
        if column == "change":
            change = p.change
            return "" if change is None else f"{change * 100:.2f} %"
        if column == "announced":
            text = format_date(p.announced)
            return text if p.proved else self.tr("%1 (not proved)").replace("%1", text)
        return " ".join(message for _code, message in p.warnings)


class YearlyAdjustmentDialog(QDialog):
    """Preview, save and announce the yearly price adjustment for all customers."""

    def __init__(
        self, billing: Any, *, today: date, pool: Any = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.billing = billing
        self.pool = pool
        self.saved = False
        self.setWindowTitle(self.tr("Yearly price adjustment"))
        self.resize(900, 480)
        form = QFormLayout()
        self.effective = date_edit(date(today.year + 1, 1, 1))
        self.announced = date_edit(today)
        self.percent = QLineEdit()
        self.percent.setPlaceholderText(self.tr("the index"))
        form.addRow(self.tr("&Effective from"), self.effective)
        form.addRow(self.tr("A&nnounced on"), self.announced)
        form.addRow(self.tr("Change in &percent"), self.percent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.error = QLabel()
        reserve_lines(self.error)  # a message never moves the buttons
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.model = YearlyModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.preview_button = QPushButton(self.tr("Pre&view"))
        self.preview_button.clicked.connect(self.preview)
        self.letters_button = QPushButton(self.tr("&Letters…"))
        self.letters_button.setToolTip(
            self.tr("Write one announcement letter per customer (PDF and e-mail draft)")
        )
        self.letters_button.clicked.connect(self.choose_letters_folder)
        self.sent_button = QPushButton(self.tr("&Mark letters sent"))
        self.sent_button.setToolTip(
            self.tr("Record that the letters just written were sent today (proves the notice)")
        )
        self.sent_button.setEnabled(False)
        self.sent_button.clicked.connect(self.mark_sent)
        self.written: list[str] = []
        self.today = today
        self.save_button = QPushButton(self.tr("&Save adjustment"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (
            self.preview_button,
            self.letters_button,
            self.sent_button,
            self.save_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def _args(self) -> tuple[date, date, str | None]:
        return pydate(self.effective), pydate(self.announced), self.percent.text().strip() or None

    def _run(self, work: Any, done: Any) -> None:
        from contractdesk.ui.tasks import run_task

        self.error.clear()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserFacingError):
                self.error.setText(str(exc))
            else:
                self.error.setText(self.tr("Something went wrong: %1").replace("%1", str(exc)))

        run_task(lambda _p, _c: work(), on_success=done, on_failure=failed, pool=self.pool)

    def preview(self) -> None:
        effective, announced, percent = self._args()
        billing = self.billing

        def work() -> Any:
            return billing.preview_yearly_adjustment(effective, announced, percent=percent)

        self._run(work, self._show)

    def _show(self, plan: Any) -> None:
        self.model.set_rows(list(plan.proposals))
        warned = sum(1 for p in plan.proposals if p.warnings)
        self.summary.setText(
            self.tr("Index %1: %2 %; change %3 %. %4 with warnings.")
            .replace("%1", str(plan.index_year))
            .replace("%2", f"{plan.index_change * 100:.2f}")
            .replace("%3", f"{plan.change * 100:.2f}")
            .replace("%4", self.tr("%n service(s)", "", warned))
        )
        self.save_button.setEnabled(bool(plan.proposals) and not self.saved)

    def save(self) -> None:
        effective, announced, percent = self._args()
        billing = self.billing

        def work() -> Any:
            return billing.apply_yearly_adjustment(effective, announced, percent=percent)

        def done(plan: Any) -> None:
            self.saved = True
            self._show(plan)
            self.summary.setText(self.tr("Saved: %n price(s) adjusted.", "", len(plan.proposals)))

        self._run(work, done)

    def choose_letters_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the letters"), in_documents()
        )
        if folder:
            self.write_letters(Path(folder))

    def write_letters(self, folder: Path) -> None:
        effective, _announced, percent = self._args()
        billing = self.billing

        def work() -> Any:
            return billing.price_notices(effective, folder, percent=percent)

        def done(files: Any) -> None:
            self.written = [f.org_number for f in files]
            self.sent_button.setEnabled(bool(self.written))
            self.summary.setText(
                self.tr("Wrote %1 to %2.")
                .replace("%1", self.tr("%n letter(s)", "", len(files)))
                .replace("%2", str(folder))
            )

        self._run(work, done)

    def mark_sent(self) -> None:
        """§13.1: the letters written were sent today; the preview then uses that day."""
        effective = pydate(self.effective)
        orgs, day, billing = list(self.written), self.today, self.billing

        def work() -> Any:
            for org in orgs:
                billing.record_notice_sent(org, effective, day)
            return len(orgs)

        def done(count: Any) -> None:
            self.sent_button.setEnabled(False)
            self.summary.setText(self.tr("%n letter(s) recorded as sent.", "", int(count)))

        self._run(work, done)
