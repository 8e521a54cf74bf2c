""" "Import signed pages": a stack of scanned pages filed to their agreements by QR code.

The user chooses (or drops) the scan files and the signing date (asked once, default today).
"Read pages" finds the agreements in the scans (in the background); for each, the signatory is
chosen from the registry's signers among the customer's people (the issued document's
signatory first when the registry confirms them). "Record" then files the pages and records the
acceptances in the background, and lists each page: filed to which agreement (or filed before),
or to match by hand, with the reason.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from contractdesk.domain.orgnr import format_org_number
from contractdesk.ui.documents.verify_dialog import SCAN_FILTER
from contractdesk.ui.files import in_documents


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
        self._busy = 0  # background steps running
        self.result_value: Any = None
        self.files: list[str] = []
        self.documents: tuple[Any, ...] | None = None  # read, waiting for the signatories
        self.signer_boxes: dict[str, QComboBox] = {}
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
        self.signers_label = QLabel()
        self.signers_label.setWordWrap(True)
        self.signers_area = QScrollArea()
        self.signers_area.setWidgetResizable(True)
        self.signers_area.setObjectName("scanSignatories")
        self.signers_widget = QWidget()
        self.signers_form = QFormLayout(self.signers_widget)
        self.signers_area.setWidget(self.signers_widget)
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
        layout.addWidget(self.signers_label)
        layout.addWidget(self.signers_area, 2)
        layout.addWidget(self.filed_label)
        layout.addWidget(self.filed, 2)
        layout.addWidget(self.unmatched_label)
        layout.addWidget(self.unmatched, 1)
        layout.addWidget(self.buttons)
        self.resize(680, 620)
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import signed pages"))
        self.choose_button.setText(self.tr("&Choose scans…"))
        self.date_label.setText(self.tr("&Signed on:"))
        self.filed_label.setText(self.tr("Filed to their agreements:"))
        self.unmatched_label.setText(self.tr("To match by hand:"))
        self.filed.setAccessibleName(self.tr("Pages filed to their agreements"))
        self.unmatched.setAccessibleName(self.tr("Pages to match by hand"))
        self.signers_area.setAccessibleName(self.tr("Who signed each agreement"))
        self.signers_label.setText(
            self.tr("Who signed each agreement (the registry's signers first):")
        )
        self._update()

    def _update(self) -> None:
        self.files_label.setText(
            ", ".join(Path(f).name for f in self.files)
            if self.files
            else self.tr("Drop scanned pages here (one PDF or many images), or choose them.")
        )
        self.import_button.setEnabled(bool(self.files) and not self._busy)
        reading = self.documents is None
        self.import_button.setText(self.tr("&Read pages") if reading else self.tr("&Record"))
        self.signers_label.setVisible(not reading)
        self.signers_area.setVisible(not reading)

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
            self,
            self.tr("Import signed pages"),
            in_documents(),
            self.tr("PDF or scan") + f" ({SCAN_FILTER})",
        )
        if paths:
            self.set_files(paths)

    def set_files(self, paths: list[str]) -> None:
        self.files = list(dict.fromkeys(paths))
        self._set_documents(None)

    def _set_documents(self, documents: tuple[Any, ...] | None) -> None:
        """Show a signatory choice per document found (None: nothing read yet)."""
        self.documents = documents
        self.signer_boxes = {}
        while self.signers_form.rowCount():
            self.signers_form.removeRow(0)
        for doc in documents or ():
            box = QComboBox()
            box.setObjectName(f"signatory-{doc.document_id}")
            for signer in doc.signers:
                text = (
                    self.tr("%1 (a signatory by the registry)")
                    if signer.registry
                    else self.tr("%1 (not a signatory by the registry)")
                )
                box.addItem(text.replace("%1", signer.name), signer.person_id)
            if doc.default_signatory is not None:
                box.setCurrentIndex(box.findData(doc.default_signatory))
            pages = ", ".join(str(page) for _file, page in doc.pages)
            label = QLabel(
                self.tr("%1 – %2 (%3), page(s) %4:")
                .replace("%1", doc.document_id)
                .replace("%2", doc.customer_name)
                .replace("%3", format_org_number(doc.org_number))
                .replace("%4", pages)
                .replace("&", "&&")  # the label has a buddy: "&" would be a mnemonic
            )
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(box)
            box.setAccessibleName(
                self.tr("Signed %1 for %2")
                .replace("%1", doc.document_id)
                .replace("%2", doc.customer_name)
            )
            if not doc.signers:
                box.setPlaceholderText(self.tr("No person registered at the customer"))
                box.setEnabled(False)
            self.signers_form.addRow(label, box)
            self.signer_boxes[doc.document_id] = box
        self._update()

    def chosen_signatories(self) -> dict[str, int]:
        """The person chosen for each document read (documents without a choice left out)."""
        return {
            document_id: int(box.currentData())
            for document_id, box in self.signer_boxes.items()
            if box.currentData() is not None
        }

    # -- the import -------------------------------------------------------------------------------

    def start(self) -> Any:
        """The next step in the background: read the pages (the signatories are then chosen),
        or record the acceptances."""
        from contractdesk.ui.tasks import op

        if not self.files:
            return None
        files, docs = list(self.files), self.services.documents
        if self.documents is None:
            built = op(self, lambda: docs.scan_documents(files)).success(self._read)
        else:
            signed, today = self.date_edit.date().toPython(), self.today
            chosen = self.chosen_signatories()
            built = op(
                self,
                lambda: docs.import_scans(
                    files, signed_on=signed, signatories=chosen, actor="owner", today=today
                ),
            ).success(self._show)
        return self._run(built)

    def _run(self, built: Any) -> Any:
        self._busy += 1

        def finished() -> None:
            self._busy -= 1
            self._update()

        self.task = (
            built.failure(lambda exc: self.files_label.setText(str(exc)))
            .finished(finished)
            .with_progress(self.tr("Reading the scanned pages…"))
            .with_pool(self.pool)
            .run_in_background()
        )
        self._update()
        return self.task

    def _read(self, documents: tuple[Any, ...]) -> None:
        self.filed.clear()
        self.unmatched.clear()
        self._set_documents(documents)
        if not documents:
            self.start()  # nothing to choose: file (and list) the pages at once

    def _show(self, result: Any) -> None:
        self.result_value = result
        self._set_documents(None)
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
