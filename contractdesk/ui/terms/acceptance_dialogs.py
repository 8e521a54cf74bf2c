"""Dialogs of the Agreements page: record an acceptance (with its scan), view a scan, notify,
confirm terminations.

The scan viewer shows a PDF with Qt PDF from memory (the decrypted bytes never touch the disk
unless the user saves a copy) and an image with QImage.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from contractdesk.domain.customers import status_label
from contractdesk.domain.orgnr import format_org_number
from contractdesk.ui.files import in_documents
from contractdesk.ui.formatting import format_date
from contractdesk.ui.terms.dialogs import FileField, SubmitDialog, date_edit, pydate
from contractdesk.ui.terms.models import method_text, scan_kind_text
from contractdesk.ui.widgets.dates import limit_date
from contractdesk.ui.widgets.details import DetailsBox

if TYPE_CHECKING:
    from contractdesk.services.agreements import ReacceptanceView, ScanFile
    from contractdesk.services.context import Services


class RecordAcceptanceDialog(SubmitDialog):
    """Record that a customer accepted a terms version: date, method, who signed, the signed scan.

    The signer is checked against the customer's registry data as they are chosen; a warning does
    not stop the recording (the owner decides), it is stored with it.
    """

    def __init__(
        self,
        services: Services,
        *,
        org_number: str | None = None,
        terms_label: str | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.today = today
        self.setWindowTitle(self.tr("Record acceptance"))
        self.resize(620, 420)
        self.customer = QComboBox()
        for org, name, status in services.agreements.customer_choices():
            suffix = "" if status == "active" else f" [{status_label(status)}]"
            self.customer.addItem(f"{name} ({format_org_number(org)}){suffix}", org)
        if org_number:
            self.customer.setCurrentIndex(max(0, self.customer.findData(org_number)))
        self.version = QComboBox()
        current = services.terms.current(today)
        for row in services.terms.list_versions():
            if row.published:
                self.version.addItem(f"{row.label} — {row.title}", row.label)
        chosen = terms_label or (current.label if current else None)
        if chosen:
            self.version.setCurrentIndex(max(0, self.version.findData(chosen)))
        self.method = QComboBox()
        for method in ("paper", "online", "email"):
            self.method.addItem(method_text(self, method), method)
        self.accepted_on = date_edit(today)
        limit_date(self.accepted_on, until_today=True, today=today)
        self.signer = QComboBox()
        self.signer_check = QLabel()
        self.signer_check.setObjectName("signerCheck")
        self.signer_check.setWordWrap(True)
        self.signer_check.setTextFormat(Qt.TextFormat.PlainText)
        self.scan = FileField(
            self.tr("Signed scan"),
            self.tr(
                "PDF or image (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.gif *.webp);;All files (*)"
            ),
        )
        self.note = QLineEdit()
        form = QFormLayout()
        for text, widget, buddy in (
            (self.tr("&Customer:"), self.customer, self.customer),
            (self.tr("&Terms version:"), self.version, self.version),
            (self.tr("&Method:"), self.method, self.method),
            (self.tr("&Date accepted:"), self.accepted_on, self.accepted_on),
            (self.tr("&Signed by:"), self.signer, self.signer),
            ("", self.signer_check, None),
            (self.tr("Sc&an:"), self.scan, self.scan.edit),
            (self.tr("&Note:"), self.note, self.note),
        ):
            label = QLabel(text)
            if buddy is not None:
                label.setBuddy(buddy)
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.customer.currentIndexChanged.connect(self._load_people)
        self.signer.currentIndexChanged.connect(self._check_signer)
        self._load_people()

    def org_number(self) -> str | None:
        value = self.customer.currentData()
        return str(value) if value else None

    def _load_people(self) -> None:
        self.signer.blockSignals(True)
        self.signer.clear()
        org = self.org_number()
        seen: set[int] = set()
        if org:
            for row in self.services.people.list_people(org):
                if not row.erased:
                    self.signer.addItem(row.full_name, row.id)
                    seen.add(row.id)
        for row in self.services.people.list_people():
            if not row.erased and row.id not in seen:
                # internal ids are never shown: the name, and where the person belongs
                self.signer.addItem(
                    self.tr("%1 (not at this customer)").replace("%1", row.full_name), row.id
                )
        self.signer.blockSignals(False)
        self._check_signer()

    def select_signer(self, person_id: int) -> None:
        self.signer.setCurrentIndex(self.signer.findData(person_id))

    def _check_signer(self) -> None:
        org, person = self.org_number(), self.signer.currentData()
        if not org or person is None:
            self.signer_check.setText(
                self.tr("Register the person who signed under the customer's people first.")
            )
            self.signer_check.setStyleSheet("color: #8a6d00")
            return
        check = self.services.agreements.signatory_check(org, int(person))
        if check.warning:
            self.signer_check.setText("⚠ " + check.warning)
            self.signer_check.setStyleSheet("color: #8a6d00")
        else:
            self.signer_check.setText(self.tr("✓ A signatory by the registry data."))
            self.signer_check.setStyleSheet("color: #1e6b35")

    def submit(self) -> Any:
        job = self.background()
        return job()

    def background(self) -> Callable[[], Any]:
        """The recording (it reads and stores the scan) with the fields read here."""
        from contractdesk.services.errors import UserError

        org, person = self.org_number(), self.signer.currentData()
        if not org:
            raise UserError(self.tr("Choose the customer."))
        if person is None:
            raise UserError(self.tr("Choose who signed."))
        if self.version.currentData() is None:
            raise UserError(self.tr("No published terms version to accept."))
        service, label = self.services.agreements, str(self.version.currentData())
        method, signer = str(self.method.currentData()), int(person)
        day, scan, note = (
            pydate(self.accepted_on.date()),
            self.scan.path() or None,
            self.note.text(),
        )
        today = self.today
        return lambda: service.record_acceptance(
            org,
            label,
            method=method,
            signed_by_person_id=signer,
            accepted_on=day,
            scan_path=scan,
            note=note,
            today=today,
        )


class ScanViewer(QDialog):
    """Shows a stored scan: a PDF page by page (Qt PDF, from memory) or an image; saves a copy."""

    def __init__(self, scan: ScanFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scan = scan
        self.setWindowTitle(scan.filename)
        self.resize(820, 900)
        self.info = QLabel(
            self.tr("%1 — %2, %3", "file name, kind, size")
            .replace("%1", scan.filename)
            .replace("%2", scan_kind_text(scan.mime))
            .replace("%3", self.tr("%Ln byte(s)", "", len(scan.data)))
        )
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # the technical facts (file type, fingerprint) only under "Details"
        self.details = DetailsBox()
        self.details.set_text(
            self.tr("File type: %1").replace("%1", scan.mime)
            + "\n"
            + self.tr("SHA-256: %1").replace("%1", scan.sha256)
        )
        self.pdf_document: Any = None
        self.pdf_view: Any = None
        self.image_label: QLabel | None = None
        self._buffer: QBuffer | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.details)
        if scan.mime == "application/pdf":
            from PySide6.QtPdf import QPdfDocument
            from PySide6.QtPdfWidgets import QPdfView

            self._buffer = QBuffer(self)
            self._buffer.setData(QByteArray(scan.data))
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.pdf_document = QPdfDocument(self)
            self.pdf_document.load(self._buffer)
            self.pdf_view = QPdfView(self)
            self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.pdf_view.setDocument(self.pdf_document)
            layout.addWidget(self.pdf_view, 1)
        else:
            image = QImage.fromData(scan.data)
            self.image_label = QLabel()
            self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            if image.isNull():
                self.image_label.setText(
                    self.tr("This image cannot be shown here; save a copy to open it.")
                )
            else:
                self.image_label.setPixmap(QPixmap.fromImage(image))
            area = QScrollArea()
            area.setWidget(self.image_label)
            area.setWidgetResizable(True)
            layout.addWidget(area, 1)
        self.save_button = QPushButton(self.tr("&Save a copy…"))
        self.save_button.clicked.connect(self.save_copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)

    def page_count(self) -> int:
        return (
            int(self.pdf_document.pageCount())
            if self.pdf_document is not None
            else (0 if self.image_label is None or self.image_label.pixmap().isNull() else 1)
        )

    def save_copy(self, path: str | None = None) -> str | None:
        """Write the scan's bytes to a file the user picks (complete or not at all)."""
        from contractdesk.output.atomic import save_atomic

        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save a copy of the scan"), in_documents(self.scan.filename)
            )
        if not path:
            return None
        save_atomic(path, self.scan.data, mode=0o600)
        return path


class NotifyDialog(SubmitDialog):
    """Record the day the chosen customers were told of the new version (§14), and how."""

    def __init__(
        self,
        services: Services,
        rows: list[ReacceptanceView],
        *,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.rows = rows
        self.today = today
        self.setWindowTitle(self.tr("Mark notified"))
        self.notified_on = date_edit(today)
        limit_date(self.notified_on, until_today=True, today=today)
        self.how = QLineEdit()
        self.how.setPlaceholderText(self.tr("e.g. e-mail to the main contact"))
        names = QLabel(
            "\n".join(
                f"{r.customer_name} ({format_org_number(r.org_number)}) — {r.terms_label}"
                for r in rows
            )
        )
        names.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        date_label = QLabel(self.tr("&Notified on:"))
        date_label.setBuddy(self.notified_on)
        how_label = QLabel(self.tr("&How:"))
        how_label.setBuddy(self.how)
        form.addRow(date_label, self.notified_on)
        form.addRow(how_label, self.how)
        layout = QVBoxLayout(self)
        layout.addWidget(names)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def submit(self) -> Any:
        return self.background()()

    def background(self) -> Callable[[], int]:
        """Mark every chosen customer notified (one use case per version), off the GUI thread."""
        service, day, how, today = (
            self.services.agreements,
            pydate(self.notified_on.date()),
            self.how.text(),
            self.today,
        )
        groups = [
            (label, [r.org_number for r in self.rows if r.terms_label == label])
            for label in dict.fromkeys(r.terms_label for r in self.rows)
        ]

        def work() -> int:
            return sum(
                service.mark_notified(label, orgs, day, how=how, today=today)
                for label, orgs in groups
            )

        return work


class ConfirmTerminationDialog(SubmitDialog):
    """The owner's explicit confirmation that overdue customers' agreements are considered
    terminated (§14)."""

    def __init__(
        self,
        services: Services,
        rows: list[ReacceptanceView],
        *,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.rows = rows
        self.today = today
        self.setWindowTitle(self.tr("Confirm termination"))
        self.resize(620, 360)
        intro = QLabel(
            self.tr(
                "Under §14 an agreement not re-accepted within one month of the notice is "
                "considered terminated. These customers were notified and did not accept in time:"
            )
        )
        intro.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlainText(
            "\n".join(
                self.tr("%1 (%2): notified %3, deadline %4 — terminated from %5")
                .replace("%1", r.customer_name)
                .replace("%2", format_org_number(r.org_number))
                .replace("%3", format_date(r.notified_on))
                .replace("%4", format_date(r.acceptance_deadline))
                .replace("%5", format_date(r.proposed_terminated_on))
                for r in rows
            )
        )
        self.confirm = QCheckBox(self.tr("I &confirm that these agreements are terminated"))
        self.confirm.toggled.connect(self.ok_button.setEnabled)
        self.ok_button.setEnabled(False)
        self.ok_button.setText(self.tr("Terminate"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.confirm)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def submit(self) -> Any:
        return self.background()()

    def background(self) -> Callable[[], Any]:
        """The confirmed terminations, off the GUI thread."""
        from contractdesk.services.errors import UserError

        if not self.confirm.isChecked():
            raise UserError(self.tr("Tick the confirmation first."))
        service, ids, today = self.services.agreements, [r.notice_id for r in self.rows], self.today
        return lambda: service.confirm_terminations(ids, today=today)


class NewAgreementDialog(SubmitDialog):
    """A draft agreement for a customer on a published terms version."""

    def __init__(
        self, services: Services, *, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.today = today
        self.setWindowTitle(self.tr("New agreement"))
        self.customer = QComboBox()
        for org, name, status in services.agreements.customer_choices():
            if status not in ("deleted", "removed"):
                self.customer.addItem(f"{name} ({format_org_number(org)})", org)
        self.version = QComboBox()
        current = services.terms.current(today)
        for row in services.terms.list_versions():
            if row.published:
                self.version.addItem(row.label, row.label)
        if current is not None:
            self.version.setCurrentIndex(max(0, self.version.findData(current.label)))
        form = QFormLayout()
        for text, widget in (
            (self.tr("&Customer:"), self.customer),
            (self.tr("&Terms version:"), self.version),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def submit(self) -> Any:
        from contractdesk.services.errors import UserError

        if self.customer.currentData() is None or self.version.currentData() is None:
            raise UserError(self.tr("Choose the customer and the terms version."))
        return self.services.agreements.create_agreement(
            str(self.customer.currentData()), str(self.version.currentData()), today=self.today
        )
