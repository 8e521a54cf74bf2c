""" "Import signed pages": a stack of scanned pages filed to their agreements by QR code.

The user chooses (or drops) the scan files and the signing date (asked once, default today);
the import runs in the background and lists each page: filed to which agreement (or filed
before), or to match by hand, with the reason.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from contractdesk.ui.documents.verify_dialog import SCAN_FILTER


class ImportScansDialog(QDialog):
    """Choose scans and a date, import them, and see where each page went.

    Args:
        services: the services container (``documents.import_scans``).
        today: the day to default the signing date to (tests set one).
        pool: the thread pool for the import (tests: a ``SyncPool``).
    """

    def __init__(
        self,
        services: Any,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        pool: Any = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.pool = pool
        self.today = today
        self.task: Any = None
        self.result_value: Any = None
        self.files: list[str] = []
        self.setAcceptDrops(True)
        self.files_label = QLabel()
        self.files_label.setWordWrap(True)
        self.files_label.setTextFormat(Qt.TextFormat.PlainText)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(lambda: self.choose())
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        day = today or date.today()
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_label = QLabel()
        self.date_label.setBuddy(self.date_edit)
        form = QFormLayout()
        form.addRow(self.date_label, self.date_edit)
        self.filed_label = QLabel()
        self.filed = QListWidget()
        self.filed.setObjectName("filedPages")
        self.unmatched_label = QLabel()
        self.unmatched = QListWidget()
        self.unmatched.setObjectName("unmatchedPages")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.clicked.connect(lambda: self.start())
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.files_label)
        layout.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(form)
        layout.addWidget(self.filed_label)
        layout.addWidget(self.filed, 2)
        layout.addWidget(self.unmatched_label)
        layout.addWidget(self.unmatched, 1)
        layout.addWidget(self.buttons)
        self.resize(620, 480)
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import signed pages"))
        self.choose_button.setText(self.tr("&Choose scans…"))
        self.date_label.setText(self.tr("&Signed on:"))
        self.filed_label.setText(self.tr("Filed to their agreements:"))
        self.unmatched_label.setText(self.tr("To match by hand:"))
        self.import_button.setText(self.tr("&Import"))
        self._update()

    def _update(self) -> None:
        self.files_label.setText(
            ", ".join(Path(f).name for f in self.files)
            if self.files
            else self.tr("Drop scanned pages here (one PDF or many images), or choose them.")
        )
        self.import_button.setEnabled(bool(self.files) and self.task is None)

    # -- input ------------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.set_files(paths)

    def choose(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import signed pages"), "", self.tr("PDF or scan") + f" ({SCAN_FILTER})"
        )
        if paths:
            self.set_files(paths)

    def set_files(self, paths: list[str]) -> None:
        self.files = list(dict.fromkeys(paths))
        self._update()

    # -- the import -------------------------------------------------------------------------------

    def start(self) -> Any:
        """Import the chosen files in the background."""
        from contractdesk.ui.tasks import run_task

        if not self.files:
            return None
        signed = self.date_edit.date().toPython()
        files, docs, today = list(self.files), self.services.documents, self.today

        def finished() -> None:
            self.task = None
            self._update()

        self.task = run_task(
            lambda _p, _c: docs.import_scans(files, signed_on=signed, actor="owner", today=today),
            on_success=self._show,
            on_failure=lambda exc: self.files_label.setText(str(exc)),
            on_finished=finished,
            pool=self.pool,
        )
        self._update()
        return self.task

    def _show(self, result: Any) -> None:
        self.result_value = result
        self.filed.clear()
        self.unmatched.clear()
        for page in result.filed:
            text = (
                self.tr("%1, page %2 → %3 (filed before)")
                if page.already
                else self.tr("%1, page %2 → %3")
            )
            self.filed.addItem(
                text.replace("%1", page.file)
                .replace("%2", str(page.page))
                .replace("%3", page.document_id)
            )
        for page in result.unmatched:
            self.unmatched.addItem(
                self.tr("%1, page %2: %3")
                .replace("%1", page.file)
                .replace("%2", str(page.page))
                .replace("%3", page.reason)
            )
