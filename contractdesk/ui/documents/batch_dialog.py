"""Batch: the agreements of chosen or all active customers as ``ORGNR-<label>.pdf`` files in a
folder.

The work runs in the background (``run_task``; rendering uses worker processes on every core)
behind a ``QProgressDialog`` whose Cancel stops it between customers and between chunks. Files
already written stay (each one complete).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from contractdesk.domain.customers import BLOCKED_STATUSES, status_label
from contractdesk.domain.orgnr import format_org_number
from contractdesk.ui.documents.issue_check_dialog import IssueGate
from contractdesk.ui.files import in_documents

if TYPE_CHECKING:
    from contractdesk.services.context import Services

BLOCKED = BLOCKED_STATUSES


class BatchDialog(QDialog):
    """Choose the customers, the version and the folder; make the agreements with progress and
    cancel.

    Signals:
        batch_done(object): the batch finished (a ``DocumentBatchResult``), cancelled or not.
    """

    batch_done = Signal(object)

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        pool: Any = None,
        chosen: Sequence[str] = (),
        today: date | None = None,
        gate: IssueGate | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.gate = gate if gate is not None else IssueGate(self)
        self.pool = pool
        self.today = today
        self.workers: int | None = None  # None: every core
        self.task: Any = None
        self.progress: QProgressDialog | None = None
        self.outcome: Any = None
        self.folder = QLineEdit()
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(lambda: self.browse())
        self.version = QComboBox()
        self.all_radio = QRadioButton()
        self.chosen_radio = QRadioButton()
        self.scope = QButtonGroup(self)
        self.scope.addButton(self.all_radio)
        self.scope.addButton(self.chosen_radio)
        self.customers = QListWidget()
        self.customers.setObjectName("batchCustomers")
        self.summary = QLabel()
        self.summary.setObjectName("batchSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.start_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.start_button.clicked.connect(lambda: self.start())
        self.buttons.rejected.connect(self.reject)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse_button)
        self.folder_label = QLabel()
        self.version_label = QLabel()
        self.version_label.setBuddy(self.version)
        form = QFormLayout()
        form.addRow(self.folder_label, folder_row)
        form.addRow(self.version_label, self.version)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.all_radio)
        layout.addWidget(self.chosen_radio)
        layout.addWidget(self.customers, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.all_radio.toggled.connect(lambda on: self.customers.setEnabled(not on))
        self.resize(620, 620)
        self._fill(chosen)
        (self.chosen_radio if chosen else self.all_radio).setChecked(True)
        self.customers.setEnabled(bool(chosen))
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Make agreements"))
        self.folder_label.setText(self.tr("&Folder:"))
        self.folder_label.setBuddy(self.folder)
        self.browse_button.setText(self.tr("&Browse…"))
        self.version_label.setText(self.tr("&Terms version:"))
        self.version.setItemText(0, self.tr("The version in effect today"))
        self.all_radio.setText(
            self.tr("&All active customers (%1)").replace("%1", str(self.active_count))
        )
        self.chosen_radio.setText(self.tr("&Chosen customers:"))
        self.start_button.setText(self.tr("&Make agreements"))

    def _fill(self, chosen: Sequence[str]) -> None:
        self.version.addItem("", None)
        for row in self.services.terms.list_versions():
            if row.published:
                self.version.addItem(row.label, row.label)
        self.active_count = len(self.services.documents.active_org_numbers())
        wanted = set(chosen)
        for org, name, status in self.services.agreements.customer_choices():
            item = QListWidgetItem(f"{name} ({format_org_number(org)})")
            item.setData(Qt.ItemDataRole.UserRole, org)
            if status in BLOCKED:
                item.setFlags(
                    item.flags() & ~Qt.ItemFlag.ItemIsEnabled & ~Qt.ItemFlag.ItemIsUserCheckable
                )
                item.setText(f"{item.text()} – {status_label(status)}")  # a word, not the code
            else:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if org in wanted else Qt.CheckState.Unchecked
                )
            self.customers.addItem(item)

    def chosen_org_numbers(self) -> list[str]:
        out = []
        for index in range(self.customers.count()):
            item = self.customers.item(index)
            if (
                item.flags() & Qt.ItemFlag.ItemIsUserCheckable
                and item.checkState() == Qt.CheckState.Checked
            ):
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the agreements"), self.folder.text() or in_documents()
        )
        if folder:
            self.folder.setText(folder)

    def start(self) -> Any:
        """Check what to confirm, then start the batch in the background; returns the task
        (None when the input is incomplete)."""
        folder = self.folder.text().strip()
        if not folder:
            self.summary.setText(self.tr("Choose the folder for the files."))
            return None
        everyone = self.all_radio.isChecked()
        orgs = [] if everyone else self.chosen_org_numbers()
        if not everyone and not orgs:
            self.summary.setText(self.tr("Tick the customers to make agreements for."))
            return None
        terms = self.version.currentData()
        self.gate.pool = self.pool
        return self.gate.check(
            self.services,
            None if everyone else orgs,
            lambda: self._start(folder, orgs, everyone, terms),
            terms=terms,
            today=self.today,
            failed=self._failed,
        )

    def _start(self, folder: str, orgs: list[str], everyone: bool, terms: str | None) -> Any:
        from contractdesk.ui.tasks import run_task

        docs, workers, today = self.services.documents, self.workers, self.today

        def work(progress: Any, cancel: Any) -> Any:
            return docs.batch(
                Path(folder),
                orgs,
                all_active=everyone,
                terms=terms,
                progress=progress,
                cancel=cancel.is_set,
                workers=workers,
                today=today,
            )

        self.progress = QProgressDialog(
            self.tr("Reading the customers…"), self.tr("Cancel"), 0, 0, self
        )
        self.progress.setWindowTitle(self.windowTitle())
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self.progress.show()
        self.start_button.setEnabled(False)
        self.summary.setText("")
        self.task = run_task(
            work,
            on_success=self._finished,
            on_failure=self._failed,
            on_progress=self._progressed,
            pool=self.pool,
        )
        return self.task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
        if self.progress is not None:
            self.progress.setLabelText(self.tr("Stopping after the agreements being made…"))

    def _progressed(self, done: int, total: int, stage: str) -> None:
        if self.progress is None or self.progress.wasCanceled():
            return
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, total))
        if stage == "prepare":
            self.progress.setLabelText(
                self.tr("Reading the customers: %1 of %2")
                .replace("%1", str(done))
                .replace("%2", str(total))
            )
        else:
            self.progress.setLabelText(
                self.tr("Agreements made: %1 of %2")
                .replace("%1", str(done))
                .replace("%2", str(total))
            )

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(
                self.cancel
            )  # closing a progress dialog emits canceled
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.start_button.setEnabled(True)

    def _finished(self, outcome: Any) -> None:
        self._close_progress()
        self.outcome = outcome
        failed = outcome.result.failed if outcome.result is not None else ()
        lines = [
            self.tr("%1 of %n agreement(s) written to %2.", "", outcome.total)
            .replace("%1", str(len(outcome.written)))
            .replace("%2", self.folder.text().strip())
        ]
        if outcome.cancelled:
            lines.append(self.tr("Cancelled: the files written so far are complete."))
        for org, reason in outcome.skipped:
            lines.append(
                self.tr("Left out %1: %2")
                .replace("%1", format_org_number(org))
                .replace("%2", reason)
            )
        for failure in failed:
            lines.append(
                self.tr("Failed %1: %2")
                .replace("%1", format_org_number(failure.org_number))
                .replace("%2", failure.message)
            )
        self.summary.setText("\n".join(lines))
        self.batch_done.emit(outcome)

    def _failed(self, exc: BaseException) -> None:
        self._close_progress()
        self.summary.setText(self.tr("No agreements were made: %1").replace("%1", str(exc)))
