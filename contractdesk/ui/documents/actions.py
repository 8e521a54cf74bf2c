"""The agreement-document buttons: Preview, Print, Save as, E-mail (draft or send), Batch, E-mail
settings.

``DocumentActions`` sits on the Agreements page (for the selected agreement) and on the customer
card (for that customer). It asks its owner what to act on through a callable returning a
``DocumentTarget``. Making a PDF, saving a draft and sending run in ``run_task`` (never on the
GUI thread); results and errors come back on the GUI thread. Services are passed in; nothing
here imports them, the store or ReportLab at module level.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from contractdesk.domain.orgnr import format_org_number
from contractdesk.ui.documents.issue_check_dialog import IssueGate
from contractdesk.ui.documents.printing import PrintFlow, PrintJob
from contractdesk.ui.files import in_documents
from contractdesk.ui.tasks import Task, TaskContext, op, task_op

if TYPE_CHECKING:
    from contractdesk.services.context import Services
    from contractdesk.services.documents import AgreementRef
    from contractdesk.services.paper import SheetBatch


@dataclass(frozen=True)
class DocumentTarget:
    """What the buttons act on: a customer, and optionally one of its agreements (and so its
    version)."""

    org_number: str
    agreement_id: int | None = None
    terms_label: str | None = None
    state: str | None = None


def suggested_folder() -> str:
    """The user's documents folder (where file dialogs start)."""
    return in_documents()


def suggested_name(
    org_number: str, terms_label: str | None, kind: str = "Avtale", suffix: str = "pdf"
) -> str:
    """``Avtale-923130969-2021-04-17.pdf`` in the user's documents folder."""
    label = f"-{terms_label}" if terms_label else ""
    return in_documents(f"{kind}-{org_number}{label}.{suffix}")


class SendDialog(QDialog):
    """Confirm sending: who gets it, through which server; the password when none is saved."""

    def __init__(
        self,
        customer: str,
        recipient: str,
        server: str,
        ask_password: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Send the agreement"))
        text = QLabel(
            self.tr("Send the agreement for %1 to %2 through %3? It is then marked as sent.")
            .replace("%1", customer)
            .replace("%2", recipient)
            .replace("%3", server)
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Send"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        if ask_password:
            form = QFormLayout()
            label = QLabel(self.tr("&Password (not saved):"))
            label.setBuddy(self.password)
            form.addRow(label, self.password)
            layout.addLayout(form)
        self.password.setVisible(ask_password)
        layout.addWidget(self.buttons)


class DocumentActions(QWidget):
    """A row of buttons for the agreement document of the current target.

    Args:
        target: returns what to act on, or None (the buttons are then disabled).
        with_batch: show the Batch button (the Agreements page; not the customer card).

    Signals:
        changed(): an agreement was made or its state changed (reload lists).
        message(str): a result or an error, for a status line.
    """

    changed = Signal()
    message = Signal(str)

    def __init__(
        self,
        target: Callable[[], DocumentTarget | None],
        parent: QWidget | None = None,
        *,
        with_batch: bool = True,
    ) -> None:
        super().__init__(parent)
        self.target = target
        self.services: Services | None = None
        self.pool: Any = None  # tests: a SyncPool; None: Qt's global thread pool
        self.today: date | None = None
        self.dialog: Any = None
        self.task: Any = None
        self.print_flow: PrintFlow | None = None
        self.gate = IssueGate(self)
        self.preview_button = QPushButton()
        self.print_button = QToolButton()
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.print_menu = QMenu(self)
        self.print_agreement_action = self.print_menu.addAction("")
        self.print_sheet_action = self.print_menu.addAction("")
        self.print_pack_action = self.print_menu.addAction("")
        self.print_button.setMenu(self.print_menu)
        self.sheet_button = QToolButton()
        self.sheet_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.sheet_menu = QMenu(self)
        self.preview_sheet_action = self.sheet_menu.addAction("")
        self.save_sheet_action = self.sheet_menu.addAction("")
        self.sheet_print_action = self.sheet_menu.addAction("")
        self.sheets_many_action = self.sheet_menu.addAction("")
        self.sheets_many_action.setVisible(with_batch)
        self.print_many_action = self.sheet_menu.addAction("")
        self.print_many_action.setVisible(with_batch)
        self.sheet_button.setMenu(self.sheet_menu)
        self.save_button = QPushButton()
        self.email_button = QToolButton()
        self.email_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.email_menu = QMenu(self)
        self.draft_action = self.email_menu.addAction("")
        self.draft_sheet_action = self.email_menu.addAction("")
        self.send_action = self.email_menu.addAction("")
        self.email_menu.addSeparator()
        self.settings_action = self.email_menu.addAction("")
        self.email_button.setMenu(self.email_menu)
        self.batch_button = QPushButton()
        self.batch_button.setVisible(with_batch)
        self.preview_button.clicked.connect(lambda: self.preview())
        self.print_agreement_action.triggered.connect(lambda: self.print_agreement())
        self.print_sheet_action.triggered.connect(lambda: self.print_sheet())
        self.print_pack_action.triggered.connect(lambda: self.print_pack())
        self.preview_sheet_action.triggered.connect(lambda: self.preview_sheet())
        self.save_sheet_action.triggered.connect(lambda: self.save_sheet_as())
        self.sheet_print_action.triggered.connect(lambda: self.print_sheet())
        self.sheets_many_action.triggered.connect(lambda: self.sheets_for_many())
        self.print_many_action.triggered.connect(lambda: self.print_sheets_for_many())
        self.draft_sheet_action.triggered.connect(lambda: self.save_email_draft(with_sheet=True))
        self.save_button.clicked.connect(lambda: self.save_as())
        self.draft_action.triggered.connect(lambda: self.save_email_draft())
        self.send_action.triggered.connect(lambda: self.send_email())
        self.settings_action.triggered.connect(lambda: self.open_email_settings())
        self.batch_button.clicked.connect(lambda: self.open_batch())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (
            self.preview_button,
            self.print_button,
            self.save_button,
            self.sheet_button,
            self.email_button,
            self.batch_button,
        ):
            layout.addWidget(button)
        self.retranslate()
        self.update_enabled()

    def retranslate(self) -> None:
        self.preview_button.setText(self.tr("Pre&view"))
        self.print_button.setText(self.tr("&Print"))
        self.print_agreement_action.setText(self.tr("The &agreement…"))
        self.print_sheet_action.setText(self.tr("The &signature sheet…"))
        self.print_pack_action.setText(
            self.tr("Print &pack: the agreement and a signature sheet for each party…")
        )
        self.sheet_button.setText(self.tr("Signature s&heet"))
        self.sheet_button.setToolTip(
            self.tr("One page to sign on paper: the parties, the terms version and the document id")
        )
        self.preview_sheet_action.setText(self.tr("Pre&view"))
        self.save_sheet_action.setText(self.tr("&Save as…"))
        self.sheet_print_action.setText(self.tr("&Print…"))
        self.sheets_many_action.setText(self.tr("Sheets for &several customers…"))
        self.print_many_action.setText(self.tr("P&rint sheets for every active customer…"))
        self.draft_sheet_action.setText(self.tr("Save a draft with the &signature sheet attached…"))
        self.save_button.setText(self.tr("&Save as…"))
        self.email_button.setText(self.tr("E-ma&il"))
        self.draft_action.setText(self.tr("Save a &draft and open it in the mail program…"))
        self.send_action.setText(self.tr("&Send now…"))
        self.settings_action.setText(self.tr("E-mail &settings…"))
        self.batch_button.setText(self.tr("&Batch…"))
        tip = self.tr(
            "The agreement PDF: terms, DPA annex and signature blocks, filled in for the customer"
        )
        self.preview_button.setToolTip(tip)

    def set_services(self, services: Services) -> None:
        self.services = services
        self.update_enabled()

    def update_enabled(self) -> None:
        has = self.services is not None
        target = self.target() if has else None
        for widget in (
            self.preview_button,
            self.print_button,
            self.save_button,
            self.sheet_button,
            self.email_button,
        ):
            widget.setEnabled(target is not None)
        self.send_action.setEnabled(target is not None and target.state != "terminated")
        self.batch_button.setEnabled(has)

    # -- helpers -----------------------------------------------------------------------------------

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None]) -> Any:
        from contractdesk.ui.tasks import run_task

        self.setCursor(Qt.CursorShape.BusyCursor)

        def finished() -> None:
            self.unsetCursor()

        self.task = run_task(
            lambda _progress, _cancel: work(),
            on_success=done,
            on_failure=self._failed,
            on_finished=finished,
            pool=self.pool,
        )
        return self.task

    def _kwargs(self, target: DocumentTarget) -> dict[str, Any]:
        return {"agreement": target.agreement_id, "today": self.today}

    def _say(self, text: str) -> None:
        self.message.emit(text)

    def _failed(self, exc: BaseException) -> None:
        from contractdesk.services.documents import SendError
        from contractdesk.ui.errors import present_error, user_message

        if isinstance(exc, SendError) and exc.kind == "not_configured":
            # The service's message also names the CLI command; here the way is the E-mail menu.
            exc = SendError(
                self.tr("Set up the mail server (SMTP) first: E-mail ▸ E-mail settings."),
                kind=exc.kind,
            )
        self._say(user_message(exc))
        self.dialog = present_error(self, exc, title=self.tr("Agreement"))

    def _warnings(self, ref: Any) -> str:
        return "".join("\n⚠ " + w for w in ref.warnings)

    def _issue(self, target: DocumentTarget, proceed: Callable[[], Any]) -> Any:
        """Check what to confirm before issuing (off the GUI thread), then ``proceed``."""
        self.gate.pool = self.pool
        return self.gate.check(
            self.services,
            [target.org_number],
            proceed,
            terms=target.terms_label,
            today=self.today,
            failed=self._failed,
        )

    def _issue_many(self, org_numbers: list[str] | None, proceed: Callable[[], Any]) -> Any:
        """The same for several customers (None: every active one)."""
        self.gate.pool = self.pool
        return self.gate.check(
            self.services, org_numbers, proceed, today=self.today, failed=self._failed
        )

    def _maker(self, kind: str, target: DocumentTarget) -> Callable[[], tuple[bytes, AgreementRef]]:
        """Issues (or reads) the agreement PDF (``kind`` "agreement") or the signature sheet."""
        assert self.services is not None
        docs, kwargs = self.services.documents, self._kwargs(target)
        make = docs.agreement_pdf if kind == "agreement" else docs.signature_sheet
        return lambda: make(target.org_number, target.terms_label, **kwargs)

    # -- actions -----------------------------------------------------------------------------------

    def preview(self) -> Any:
        """Check, then make the PDF in the background and show it in a preview window."""
        return self._preview("agreement")

    def preview_sheet(self) -> Any:
        """Check, then make the signature sheet in the background and show it in a preview."""
        return self._preview("sheet")

    def _preview(self, kind: str) -> Any:
        from contractdesk.ui.documents.preview import PdfPreviewDialog

        target = self.target()
        if self.services is None or target is None:
            return None
        sheet = kind == "sheet"

        def done(result: tuple[bytes, AgreementRef]) -> None:
            pdf, ref = result
            title = self.tr("Signature sheet %1 – %2") if sheet else self.tr("Agreement %1 – %2")
            title = title.replace("%1", ref.document_id).replace("%2", ref.customer_name)
            name = suggested_name(
                ref.org_number, ref.terms_label, kind="Signaturside" if sheet else "Avtale"
            )
            dialog = PdfPreviewDialog(pdf, title, name, self, pool=self.pool)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog = dialog
            dialog.open()
            if not sheet:
                self._say(
                    self.tr("Agreement %1 for %2 (%n page(s)).", "", dialog.page_count())
                    .replace("%1", ref.document_id)
                    .replace("%2", ref.customer_name)
                    + self._warnings(ref)
                )
            if ref.created:
                self.changed.emit()

        make = self._maker(kind, target)
        return self._issue(target, lambda: self._run(make, done))

    def _print(self, make: Callable[[], PrintJob]) -> PrintFlow:
        """Make the job in the background, then the system print dialog, then spool."""
        flow = PrintFlow(self, pool=self.pool)
        flow.message.connect(self._say)
        self.print_flow = flow
        flow.start(make)
        return flow

    def print_agreement(self) -> Any:
        """Check, make the agreement PDF in the background, then the system print dialog."""
        return self._print_one("agreement")

    def print_sheet(self) -> Any:
        """Check, make the signature sheet in the background, then the system print dialog."""
        return self._print_one("sheet")

    def _print_one(self, kind: str) -> Any:
        target = self.target()
        if self.services is None or target is None:
            return None
        issue = self._maker(kind, target)

        def make() -> PrintJob:
            pdf, ref = issue()
            title = (
                self.tr("Agreement %1") if kind == "agreement" else self.tr("Signature sheet %1")
            )
            return PrintJob((pdf,), title.replace("%1", ref.document_id))

        return self._issue(target, lambda: self._print(make))

    def print_pack(self) -> Any:
        """The agreement and a signature sheet for each party, as one print job."""
        target = self.target()
        if self.services is None or target is None:
            return None
        paper, kwargs = self.services.paper, self._kwargs(target)

        def make() -> PrintJob:
            pack = paper.print_pack(target.org_number, target.terms_label, **kwargs)
            return PrintJob(
                pack.documents, self.tr("Print pack %1").replace("%1", pack.ref.document_id)
            )

        return self._issue(target, lambda: self._print(make))

    def print_sheets_for_many(self, org_numbers: list[str] | None = None) -> Any:
        """The signature sheets of several customers (default: every active one) as one job."""
        if self.services is None:
            return None
        paper, docs, today = self.services.paper, self.services.documents, self.today

        def make() -> PrintJob:
            names = org_numbers if org_numbers is not None else docs.active_org_numbers()
            batch, pdfs = paper.sheets(names, today=today)
            return PrintJob(pdfs, self.tr("%n signature sheet(s)", "", len(batch.refs)))

        return self._issue_many(org_numbers, lambda: self._print(make))

    def save_sheet_as(self, path: str | None = None) -> Any:
        """Ask for a file, check, then make and save the signature sheet there."""
        return self._save_as("sheet", path)

    def save_as(self, path: str | None = None) -> Any:
        """Ask for a file, check, then make and save the PDF there (atomically)."""
        return self._save_as("agreement", path)

    def _save_as(self, kind: str, path: str | None) -> Any:
        from contractdesk.output.atomic import save_atomic

        target = self.target()
        if self.services is None or target is None:
            return None
        sheet = kind == "sheet"
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save the signature sheet") if sheet else self.tr("Save the agreement"),
                suggested_name(
                    target.org_number,
                    target.terms_label,
                    kind="Signaturside" if sheet else "Avtale",
                ),
                self.tr("PDF (*.pdf)"),
            )
        if not path:
            return None
        issue, file = self._maker(kind, target), path

        def work() -> AgreementRef:
            pdf, ref = issue()
            save_atomic(file, pdf)
            return ref

        def done(ref: AgreementRef) -> None:
            text = (
                self.tr("Signature sheet for %1 saved as %2.")
                if sheet
                else self.tr("Agreement %1 saved as %2.")
            )
            self._say(text.replace("%1", ref.document_id).replace("%2", file) + self._warnings(ref))
            if ref.created:
                self.changed.emit()

        return self._issue(target, lambda: self._run(work, done))

    def sheets_for_many(
        self, org_numbers: list[str] | None = None, folder: str | None = None
    ) -> Any:
        """Signature sheets for several customers (default: every active one) into a folder."""
        if self.services is None:
            return None
        if folder is None:
            folder = QFileDialog.getExistingDirectory(
                self, self.tr("Folder for the signature sheets"), suggested_folder()
            )
        if not folder:
            return None
        paper, docs, out, today = self.services.paper, self.services.documents, folder, self.today

        def work(context: TaskContext) -> SheetBatch:
            names = org_numbers if org_numbers is not None else docs.active_org_numbers()
            batch, _pdfs = paper.sheets(
                names,
                out,
                progress=context.progress,
                cancel=lambda: context.cancelled,
                today=today,
            )
            return batch

        def done(batch: SheetBatch) -> None:
            text = self.tr("%n signature sheet(s) written to %1.", "", len(batch.written)).replace(
                "%1", out
            )
            for org, why in batch.skipped:
                text += "\n⚠ " + f"{format_org_number(org)}: {why}"
            if batch.cancelled:
                text += "\n" + self.tr("Cancelled: the rest were not made.")
            self._say(text)
            if batch.refs:
                self.changed.emit()

        def start() -> Task[SheetBatch]:
            self.task = (
                task_op(self, work)
                .success(done)
                .failure(self._failed)
                .with_progress(self.tr("Making signature sheets…"), cancellable=True)
                .with_pool(self.pool)
                .run_in_background()
            )
            return self.task

        return self._issue_many(org_numbers, start)

    def save_email_draft(self, path: str | None = None, *, with_sheet: bool = False) -> Any:
        """Save the e-mail to the main contact as an .eml draft and open it in the default mail
        program."""
        target = self.target()
        if self.services is None or target is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save the e-mail draft"),
                suggested_name(target.org_number, target.terms_label, suffix="eml"),
                self.tr("E-mail (*.eml)"),
            )
        if not path:
            return None
        docs, paper, file = self.services.documents, self.services.paper, path

        def done(draft: Any) -> None:
            opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(draft.path)))
            text = (
                self.tr("E-mail draft to %1 saved as %2.")
                .replace("%1", draft.recipient_email)
                .replace("%2", str(draft.path))
            )
            if not opened:
                text += " " + self.tr("No mail program opened it: open the file yourself.")
            self._say(text + self._warnings(draft.ref))
            if draft.ref.created:
                self.changed.emit()

        kwargs = self._kwargs(target)
        make = paper.email_draft_with_sheet if with_sheet else docs.email_draft
        return self._issue(
            target,
            lambda: self._run(
                lambda: make(target.org_number, file, target.terms_label, **kwargs), done
            ),
        )

    def send_email(self) -> Any:
        """Read who gets it and how (the keyring may be slow) in the background, then the check
        before issuing, then confirm (asking for the password when none is saved), then send in
        the background."""
        target = self.target()
        if self.services is None or target is None:
            return None
        docs, customers = self.services.documents, self.services.customers

        def prepare() -> tuple[Any, str, Any, str] | None:
            smtp = docs.smtp_settings()
            if not smtp.configured:
                return None
            recipient, _name = docs.recipient(target.org_number)
            source = docs.smtp_password_source()
            return smtp, recipient, source, customers.get(target.org_number).name

        def confirm(found: tuple[Any, str, Any, str] | None) -> None:
            if found is None:
                self._say(self.tr("Set up the mail server first."))
                self.open_email_settings()
                return
            self._issue(target, lambda: ask(*found))

        def ask(smtp: Any, recipient: str, source: Any, customer: str) -> None:
            dialog = SendDialog(
                f"{customer} ({format_org_number(target.org_number)})",
                recipient,
                f"{smtp.host}:{smtp.port}",
                source.needs_prompt,
                self,
            )
            self.dialog = dialog
            dialog.accepted.connect(
                lambda: self._send(
                    target, dialog.password.text() or None, asked=source.needs_prompt
                )
            )
            dialog.open()

        self.task = (
            op(self, prepare).success(confirm).failure(self._failed).with_pool(self.pool)
        ).run_in_background()
        return self.task

    def _send(self, target: DocumentTarget, password: str | None, *, asked: bool = False) -> Any:
        docs = self.services.documents
        if asked and password is None:
            # Without this the service's "no password" message would name the CLI command.
            self._say(
                self.tr(
                    "No password was typed, so nothing was sent. Type it when sending, or save it "
                    "in E-mail ▸ E-mail settings."
                )
            )
            return None

        def done(result: Any) -> None:
            self._say(
                self.tr("Agreement %1 sent to %2 and marked as sent.")
                .replace("%1", result.ref.document_id)
                .replace("%2", result.recipient_email)
                + self._warnings(result.ref)
            )
            self.changed.emit()

        return self._run(
            lambda: docs.send(
                target.org_number, target.terms_label, password=password, **self._kwargs(target)
            ),
            done,
        )

    def open_email_settings(self) -> Any:
        from contractdesk.ui.documents.email_settings import EmailSettingsDialog

        if self.services is None:
            return None
        dialog = EmailSettingsDialog(self.services, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_batch(self) -> Any:
        from contractdesk.ui.documents.batch_dialog import BatchDialog

        if self.services is None:
            return None
        target = self.target()
        dialog = BatchDialog(
            self.services,
            self,
            pool=self.pool,
            chosen=[target.org_number] if target else [],
            today=self.today,
            gate=self.gate,
        )
        dialog.batch_done.connect(lambda _outcome: self.changed.emit())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog
