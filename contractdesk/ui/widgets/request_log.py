"""The data-subject request log: each request with its one-month deadline; log new ones, mark them
done."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from contractdesk.domain.people import RequestKind
from contractdesk.services.errors import UserError
from contractdesk.ui.formatting import date_edit_format, format_date
from contractdesk.ui.widgets.dates import limit_date
from contractdesk.ui.widgets.person_dialogs import SubmitDialog, erased_person_text
from contractdesk.ui.widgets.status_line import reserve_lines

if TYPE_CHECKING:
    from contractdesk.services.context import Services
    from contractdesk.services.people import RequestView

Index = QModelIndex | QPersistentModelIndex


def request_kind_label(widget: Any, kind: RequestKind) -> str:
    """The translated name of a data-subject request kind."""
    return {
        RequestKind.ACCESS: QCoreApplication.translate("RequestKinds", "Access"),
        RequestKind.CORRECTION: QCoreApplication.translate("RequestKinds", "Correction"),
        RequestKind.ERASURE: QCoreApplication.translate("RequestKinds", "Erasure"),
        RequestKind.RESTRICTION: QCoreApplication.translate("RequestKinds", "Restriction"),
        RequestKind.PORTABILITY: QCoreApplication.translate("RequestKinds", "Portability"),
        RequestKind.OBJECTION: QCoreApplication.translate("RequestKinds", "Objection"),
    }[kind]


class RequestTableModel(QAbstractTableModel):
    """Requests over ``RequestView`` values; overdue open requests are marked. ``IdRole``: request
    id."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: Any = None, today: date | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RequestView] = []
        self.today = today

    def set_rows(self, rows: list[RequestView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RequestView:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  Qt's own signature: an invalid index is the default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  Qt's own signature: an invalid index is the default
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation != Qt.Orientation.Horizontal
            or role != Qt.ItemDataRole.DisplayRole
            or not 0 <= section < 6
        ):
            return None
        return (
            self.tr("Request"),
            self.tr("Person"),
            self.tr("Received"),
            self.tr("Deadline"),
            self.tr("Status"),
            self.tr("Note"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == self.IdRole:
            return r.id
        if role == self.SortRole and col in (2, 3):
            return (r.received_on if col == 2 else r.due_on).isoformat()
        if role == self.SortRole and col == 4 and r.done_on is not None:
            return r.done_on.isoformat()
        if role in (Qt.ItemDataRole.DisplayRole, self.SortRole):
            if col == 0:
                return (
                    request_kind_label(self, r.kind)
                    if role == Qt.ItemDataRole.DisplayRole
                    else r.kind.value
                )
            if col == 1:
                if r.person_id is None:
                    return ""
                return r.person_name or erased_person_text()
            if col == 2:
                return format_date(r.received_on)
            if col == 3:
                return format_date(r.due_on)
            if col == 4:
                if r.done_on is not None:
                    return self.tr("Done %1").replace("%1", format_date(r.done_on))
                return self.tr("OVERDUE") if r.overdue(self.today) else self.tr("Open")
            if col == 5:
                return r.note
        if role == Qt.ItemDataRole.ForegroundRole and col in (3, 4) and r.overdue(self.today):
            return QBrush(QColor("#b00020"))
        return None


class LogRequestDialog(SubmitDialog):
    """Log a new data-subject request."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Log a request"))
        self.kind = QComboBox()
        for kind in RequestKind:
            self.kind.addItem(request_kind_label(self, kind), kind.value)
        self.received = QDateEdit(QDate.currentDate())
        self.received.setDisplayFormat(date_edit_format())
        self.received.setCalendarPopup(True)
        limit_date(self.received, until_today=True)  # a request is not received in the future
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("&Request"), self.kind)
        form.addRow(self.tr("Re&ceived"), self.received)
        form.addRow(self.tr("&Note"), self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)


class RequestLogDialog(QDialog):
    """The request log (all, or one person's), oldest deadline first."""

    def __init__(
        self, services: Services, person_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.person_id = person_id
        self.setWindowTitle(self.tr("Data-subject requests"))
        self.resize(760, 380)
        self.model = RequestTableModel(self)
        self.view = QTableView()
        self.view.setAccessibleName(self.tr("Data-subject requests"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.open_only = QCheckBox(self.tr("Only &open requests"))
        self.open_only.toggled.connect(self.refresh)
        self.log_button = QPushButton(self.tr("&Log request…"))
        self.log_button.clicked.connect(self._log_clicked)
        self.done_button = QPushButton(self.tr("Mark &done"))
        self.done_button.clicked.connect(self._done_clicked)
        self.message = QLabel()
        reserve_lines(self.message)  # a message never moves the buttons
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_only)
        buttons.addStretch(1)
        buttons.addWidget(self.log_button)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        explain = QLabel(self.tr("Answer each request within one month of receipt (GDPR Art. 12)."))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        """Read the log again, off the GUI thread."""
        from contractdesk.ui.tasks import op

        people, open_only, person = self.services.people, self.open_only.isChecked(), self.person_id
        op(self, lambda: people.requests(open_only=open_only, person_id=person)).success(
            self.model.set_rows
        ).run_in_background()

    def log_request(self, kind: str, received_on: date, note: str = "") -> int:
        """Log a request at once (programmatic use; the dialog does it off the GUI thread)."""
        request_id = int(self._logging(kind, received_on, note)())
        self.refresh()
        return request_id

    def mark_done(self, request_id: int, done_on: date | None = None) -> None:
        self._completing(request_id, done_on)()
        self.refresh()

    def _logging(self, kind: str, received_on: date, note: str) -> Callable[[], Any]:
        people, person = self.services.people, self.person_id
        return lambda: people.log_request(person, kind, received_on=received_on, note=note)

    def _completing(self, request_id: int, done_on: date | None) -> Callable[[], Any]:
        people = self.services.people
        return lambda: people.complete_request(request_id, done_on=done_on)

    def _log_clicked(self) -> None:
        dialog = LogRequestDialog(self)
        dialog.background = lambda: self._logging(
            str(dialog.kind.currentData()), dialog.received.date().toPython(), dialog.note.text()
        )
        dialog.saved = lambda _request_id: self.refresh()
        dialog.exec()

    def _done_clicked(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        from contractdesk.ui.tasks import op

        work = self._completing(int(self.model.data(index, RequestTableModel.IdRole)), None)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserError):
                self.message.setText(str(exc))
                return
            from contractdesk.ui.errors import present_error

            present_error(self, exc)

        op(self, work).success(lambda _r: self.refresh()).failure(failed).run_in_background()
