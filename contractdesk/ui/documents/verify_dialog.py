""" "Check document": drop (or choose) a PDF or a scan and see which issued agreement it is.

The check runs in the background (rasterising and decoding take a moment); the answer says the
document, customer, version and issue date, whether it is exactly what was issued, and what
changed when it belongs to an older version.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from contractdesk.ui.files import in_documents

SCAN_FILTER = "*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.gif *.webp *.bmp"


class VerifyDocumentDialog(QDialog):
    """Drop a file on the dialog (or choose one) to check it against what was issued.

    Args:
        services: the services container (``documents.verify``).
        pool: the thread pool for the check (tests: a ``SyncPool``).
    """

    def __init__(self, services: Any, parent: QWidget | None = None, *, pool: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        self.pool = pool
        self.task: Any = None
        self.result_value: Any = None
        self.setAcceptDrops(True)
        self.drop_label = QLabel()
        self.drop_label.setObjectName("verifyDropArea")
        self.drop_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_label.setMinimumHeight(120)
        self.drop_label.setStyleSheet("QLabel#verifyDropArea { border: 2px dashed #9aa5b1; }")
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(lambda: self.choose())
        self.answer = QLabel()
        self.answer.setObjectName("verifyAnswer")
        self.answer.setWordWrap(True)
        self.answer.setTextFormat(Qt.TextFormat.PlainText)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.drop_label)
        layout.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.answer, 1)
        layout.addWidget(buttons)
        self.resize(560, 360)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Check document"))
        self.drop_label.setText(
            self.tr("Drop a PDF or a scan of an agreement here\n(PDF, PNG, JPEG, TIFF)")
        )
        self.choose_button.setText(self.tr("&Choose a file…"))

    # -- input ------------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            event.acceptProposedAction()
            self.check(urls[0].toLocalFile())

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Check document"),
            in_documents(),
            self.tr("PDF or scan") + f" ({SCAN_FILTER})",
        )
        if path:
            self.check(path)

    # -- the check --------------------------------------------------------------------------------

    def check(self, path: str) -> Any:
        """Check ``path`` in the background; the answer appears in the dialog."""
        from contractdesk.ui.tasks import run_task

        self.answer.setText(self.tr("Checking %1 …").replace("%1", path))
        docs = self.services.documents
        self.task = run_task(
            lambda _progress, _cancel: docs.verify(path),
            on_success=self._show,
            on_failure=lambda exc: self.answer.setText(str(exc)),
            pool=self.pool,
        )
        return self.task

    def _show(self, result: Any) -> None:
        self.result_value = result
        if result.match:
            head = self.tr("✔ Exactly as issued")
        elif result.document_id and result.version and result.latest_version:
            head = self.tr("✖ Not the current version")
        else:
            head = self.tr("✖ Not an issued document")
        lines = [head, "", result.reason]
        if result.document_id:
            lines += [
                "",
                self.tr("Document: %1, version %2")
                .replace("%1", result.document_id)
                .replace("%2", str(result.version or "\u2013")),
            ]
        if result.customer_name:
            lines.append(
                self.tr("Customer: %1 (%2)")
                .replace("%1", result.customer_name)
                .replace("%2", result.org_number or "")
            )
        if result.fingerprint:
            lines.append(self.tr("Fingerprint: %1").replace("%1", result.fingerprint))
        self.answer.setText("\n".join(lines))
