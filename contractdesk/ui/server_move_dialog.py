"""File ▸ Move to a team server…: the local store copied to an empty server database, verified.

Two pages: the server (the set-up page's fields) and the move itself — a confirmation, then the
copy in the background with progress and Cancel, then the table-by-table check. The local store
is never changed; afterwards ContractDesk can open the server from the next start.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from contractdesk.ui.server_setup import ServerPage
from contractdesk.ui.tasks import Pool, Task, task_op

if TYPE_CHECKING:
    from contractdesk.services.context import Services
    from contractdesk.services.server_move import MoveOutcome, TableCheck

_Index = QModelIndex | QPersistentModelIndex


class TableCheckModel(QAbstractTableModel):
    """The move's check, one row per table: local rows, server rows, whether the contents match."""

    TABLE, LOCAL, SERVER, CHECK = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TableCheck] = []

    def set_rows(self, rows: list[TableCheck]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Table"),
            self.tr("Rows here"),
            self.tr("Rows on the server"),
            self.tr("Check"),
        )[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TABLE:
                return row.table
            if column == self.LOCAL:
                return str(row.local_rows)
            if column == self.SERVER:
                return str(row.server_rows)
            return self.tr("Same content") if row.ok else self.tr("DIFFERENT")
        if role == Qt.ItemDataRole.ToolTipRole and column == self.CHECK:
            return f"SHA-256 {row.local_hash[:16]}… / {row.server_hash[:16]}…"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.LOCAL, self.SERVER):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class _MovePage(QWizardPage):
    def __init__(self, wizard: MoveToServerWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Copy and check"))
        layout = QVBoxLayout(self)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        layout.addWidget(self.explain)
        row = QHBoxLayout()
        self.start = QPushButton(self.tr("&Start the move"))
        self.start.setAccessibleName(self.tr("Start the move"))
        self.cancel = QPushButton(self.tr("&Stop"))
        self.cancel.setAccessibleName(self.tr("Stop the move"))
        self.cancel.setEnabled(False)
        row.addWidget(self.start)
        row.addWidget(self.cancel)
        row.addStretch(1)
        layout.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress of the move"))
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.model = TableCheckModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Check per table"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        self.use_server = QCheckBox(self.tr("&Open the server from the next start"))
        self.use_server.setAccessibleName(self.tr("Open the server from the next start"))
        self.use_server.setChecked(True)
        self.use_server.hide()
        layout.addWidget(self.use_server)
        self.outcome: MoveOutcome | None = None

    def initializePage(self) -> None:
        setup = self._wizard.server_page.setup()
        self.explain.setText(
            self.tr(
                "ContractDesk copies all your data into the empty database %1 and checks every "
                "table (row count and content). The data on this computer is not changed: it "
                "stays as the backup of the move."
            ).replace("%1", f"{setup.user}@{setup.host}:{setup.port}/{setup.database}")
        )

    def isComplete(self) -> bool:
        return self.outcome is not None and self.outcome.ok


class MoveToServerWizard(QWizard):
    """Moves the open local store to a team server; ``outcome`` once done."""

    def __init__(
        self, services: Services, parent: QWidget | None = None, *, pool: Pool | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.pool = pool
        self.task: Task[Any] | None = None
        self._stop = threading.Event()
        self.setWindowTitle(self.tr("Move to a team server"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.server_page = ServerPage()
        self.server_page.setSubTitle(
            self.tr(
                "An empty database on your team's PostgreSQL server (15 or newer); ask whoever "
                "runs the server to create one for ContractDesk."
            )
        )
        self.move_page = _MovePage(self)
        self.addPage(self.server_page)
        self.addPage(self.move_page)
        self.move_page.start.clicked.connect(self.start_move)
        self.move_page.cancel.clicked.connect(self.stop_move)

    def start_move(self) -> Task[Any]:
        from contractdesk.services.server_move import move_to_server

        page = self.move_page
        url = self._url()
        store = self.services.store
        stop = self._stop
        stop.clear()
        page.start.setEnabled(False)
        page.cancel.setEnabled(True)
        page.status.setText(self.tr("Copying…"))
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self.task = (
            task_op(
                self,
                lambda ctx: move_to_server(
                    store,
                    url,
                    progress=ctx.progress,
                    cancelled=lambda: ctx.cancelled or stop.is_set(),
                ),
            )
            .on_progress(self._progressed)
            .success(self._moved)
            .failure(self._failed)
            .cancelled(self._stopped)
            .finished(self._finished)
            .with_pool(self.pool)
            .run_in_background()
        )
        return self.task

    def _url(self) -> str:
        setup = self.server_page.setup()
        from contractdesk.services.safety.team import ServerProfile

        profile = ServerProfile(
            setup.host, setup.database, setup.user, setup.port, setup.require_tls
        )
        return profile.url_text(setup.password or None)

    def stop_move(self) -> None:
        self._stop.set()
        if self.task is not None:
            self.task.cancel()
        self.move_page.status.setText(self.tr("Stopping…"))

    def _progressed(self, done: int, total: int, table: str) -> None:
        self.move_page.progress.setRange(0, max(total, 1))
        self.move_page.progress.setValue(done)
        self.move_page.status.setText(self.tr("Copying and checking: %1").replace("%1", table))

    def _moved(self, outcome: MoveOutcome) -> None:
        page = self.move_page
        page.outcome = outcome
        page.model.set_rows(list(outcome.tables))
        page.status.setText(
            self.tr(
                "Done: %1 rows in %2 tables are on the server, and every table has the same "
                "content as here. The data on this computer was not changed."
            )
            .replace("%1", str(outcome.rows))
            .replace("%2", str(len(outcome.tables)))
        )
        page.use_server.show()
        page.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        if self._stop.is_set():
            self._stopped()
            return
        report = getattr(exc, "report", None)
        if report is not None:
            from contractdesk.services.server_move import TableCheck

            self.move_page.model.set_rows(
                [
                    TableCheck(t.name, t.source_rows, t.target_rows, t.source_hash, t.target_hash)
                    for t in report.tables
                ]
            )
        self.move_page.status.setText(str(exc))
        self.move_page.start.setEnabled(True)

    def _stopped(self) -> None:
        self.move_page.status.setText(
            self.tr("The move was stopped; nothing was saved on the server.")
        )
        self.move_page.start.setEnabled(True)

    def _finished(self) -> None:
        self.move_page.cancel.setEnabled(False)
        self.button(QWizard.WizardButton.BackButton).setEnabled(self.move_page.outcome is None)

    def accept(self) -> None:
        """Finish: remember the server for the next start when asked to."""
        page = self.move_page
        if page.outcome is not None and page.use_server.isChecked():
            from contractdesk.services.safety.team import ServerProfile, choose_server

            setup = self.server_page.setup()
            profile = ServerProfile(
                setup.host, setup.database, setup.user, setup.port, setup.require_tls
            )
            choose_server(self.services.paths, profile, setup.password)
        super().accept()
