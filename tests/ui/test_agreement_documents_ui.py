"""Agreement documents in the GUI: preview from memory, print, save as, e-mail draft and sending, batch with
cancel, the e-mail settings, and the customer card's agreements."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import date
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from documents_testkit import (
    HOST,
    NAME_A,
    ORG_A,
    ORG_B,
    ORG_DELETED,
    V1,
    free_port,
    issue_anyway,
    run_server,
    seed,
)
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton

from contractdesk.services.documents import SmtpSettings
from contractdesk.ui.documents.actions import DocumentActions, DocumentTarget, SendDialog
from contractdesk.ui.documents.batch_dialog import BatchDialog
from contractdesk.ui.documents.email_settings import EmailSettingsDialog
from contractdesk.ui.documents.preview import PdfPreviewDialog, print_document
from contractdesk.ui.pages.agreements import AgreementsPage
from contractdesk.ui.tasks import SyncPool

# Background tasks run synchronously here; journeys on the real pool are in test_journey.py.
pytestmark = pytest.mark.usefixtures("sync_tasks")

TODAY = date(2026, 3, 2)


class DeferredPool:
    """A pool that holds its tasks until the test runs them (to act while a task is pending)."""

    def __init__(self) -> None:
        self.pending: list[Any] = []

    def start(self, runnable: Any) -> None:
        self.pending.append(runnable)

    def run_all(self) -> None:
        while self.pending:
            self.pending.pop(0).run()


class UrlSink(QObject):
    """Receives the URLs ``QDesktopServices.openUrl`` is asked to open (instead of a mail program)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def pages_of(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@pytest.fixture
def docs(services):  # type: ignore[no-untyped-def]
    seed(services)
    return services


@pytest.fixture
def page(qtbot, docs):  # type: ignore[no-untyped-def]
    widget = AgreementsPage()
    qtbot.addWidget(widget)
    widget.today = TODAY
    widget.set_services(docs)
    widget.document_actions.pool = SyncPool()
    widget.resize(1300, 800)
    widget.show()
    return widget


def select_agreement(page, document_id: str) -> None:  # type: ignore[no-untyped-def]
    page.tabs.setCurrentIndex(2)
    model = page.agreements_model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).document_id == document_id)
    page.agreements.setCurrentIndex(page.agreements_proxy.mapFromSource(model.index(row, 0)))


def test_preview_shows_the_agreement_from_memory_with_its_page_count(page, docs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    actions = page.document_actions
    assert not actions.preview_button.isEnabled()  # nothing selected
    agreement = docs.agreements.create_agreement(ORG_A, V1, today=TODAY)
    page.refresh()
    select_agreement(page, agreement.document_id)
    assert actions.preview_button.isEnabled() and actions.batch_button.isEnabled()
    actions.preview_button.click()
    assert issue_anyway(actions) is not None  # the sample terms' sub-processors: no location
    dialog = actions.dialog
    assert isinstance(dialog, PdfPreviewDialog) and dialog.isVisible()
    saved = tmp_path / "copy.pdf"
    assert dialog.save_as(str(saved)) == str(saved)
    assert saved.read_bytes() == dialog.pdf and not list(tmp_path.glob(".*.part"))
    assert dialog.page_count() == pages_of(saved) > 10
    assert dialog.info.text() == f"{dialog.page_count()} pages"
    assert dialog.view.document() is dialog.document
    assert page.status.text().startswith(
        f"Agreement {agreement.document_id} for {NAME_A} ({dialog.page_count()} pages)"
    )
    dialog.close()


def test_print_renders_every_page_into_the_printer(qtbot, docs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pdf, _ref = docs.documents.agreement_pdf(ORG_A, today=TODAY)
    dialog = PdfPreviewDialog(pdf, "x", str(tmp_path / "x.pdf"))
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer) == dialog.page_count()
    assert pages_of(tmp_path / "printed.pdf") == dialog.page_count()
    assert dialog.status.text() == f"{dialog.page_count()} pages sent to the printer."
    high = QPrinter(QPrinter.PrinterMode.HighResolution)
    high.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    high.setOutputFileName(str(tmp_path / "low.pdf"))
    assert print_document(dialog.document, high, max_dpi=40) == dialog.page_count()
    assert pages_of(tmp_path / "low.pdf") == dialog.page_count()


def test_save_as_makes_and_writes_the_pdf_in_the_background(page, docs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    agreement = docs.agreements.create_agreement(ORG_A, V1, today=TODAY)
    page.refresh()
    select_agreement(page, agreement.document_id)
    target = tmp_path / "avtale.pdf"
    page.document_actions.save_as(str(target))
    issue_anyway(page.document_actions)
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert NAME_A in text and agreement.document_id in text
    assert page.status.text() == f"Agreement {agreement.document_id} saved as {target}."


def test_the_e_mail_draft_is_saved_and_handed_to_the_mail_program(page, docs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    agreement = docs.agreements.create_agreement(ORG_A, V1, today=TODAY)
    page.refresh()
    select_agreement(page, agreement.document_id)
    sink = UrlSink()
    QDesktopServices.setUrlHandler("file", sink, "open")
    try:
        page.document_actions.save_email_draft(str(tmp_path / "utkast.eml"))
        issue_anyway(page.document_actions)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in sink.urls] == [str(tmp_path / "utkast.eml")]
    msg = message_from_bytes((tmp_path / "utkast.eml").read_bytes(), policy=policy.default)
    assert msg["X-Unsent"] == "1" and msg["To"].addresses[0].addr_spec == "kari@testesen.no"
    assert page.status.text().startswith("E-mail draft to kari@testesen.no saved as")


@pytest.fixture
def smtp_server() -> Iterator[Controller]:
    yield from run_server()


def test_sending_asks_first_then_sends_and_the_agreement_shows_sent(
    qtbot, page, docs, smtp_server
) -> None:  # type: ignore[no-untyped-def]
    docs.documents.set_smtp_settings(SmtpSettings(HOST, smtp_server.port, "none", timeout=10))
    agreement = docs.agreements.create_agreement(ORG_A, V1, today=TODAY)
    page.refresh()
    select_agreement(page, agreement.document_id)
    page.document_actions.send_email()  # reads the server and recipient in the background
    issue_anyway(page.document_actions)
    dialog = page.document_actions.dialog
    assert (
        isinstance(dialog, SendDialog) and not dialog.password.isVisible()
    )  # no login: no password
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert len(smtp_server.handler.envelopes) == 1
    # "Send now" sends the signature sheet beside the agreement, as the e-mail draft does
    from email import message_from_bytes, policy

    sent = message_from_bytes(smtp_server.handler.envelopes[0].content, policy=policy.default)
    names = [part.get_filename() for part in sent.iter_attachments()]
    assert len(names) == 2 and names[1].startswith("Signaturside-" + ORG_A)
    assert all(part.get_content_type() == "application/pdf" for part in sent.iter_attachments())
    assert docs.agreements.get_agreement(agreement.document_id).state == "sent"
    row = page.agreements_model.row_at(page.agreements_model.row_of(agreement.id))
    assert row.state == "sent"  # the page reloaded
    assert (
        page.status.text()
        == f"Agreement {agreement.document_id} sent to kari@testesen.no and marked as sent."
    )


def test_a_failed_send_says_why_and_leaves_the_agreement_a_draft(qtbot, page, docs) -> None:  # type: ignore[no-untyped-def]
    docs.documents.set_smtp_settings(
        SmtpSettings(HOST, free_port(), "starttls", "frode", timeout=5)
    )
    agreement = docs.agreements.create_agreement(ORG_A, V1, today=TODAY)
    page.refresh()
    select_agreement(page, agreement.document_id)
    page.document_actions.send_email()  # reads the server and recipient in the background
    issue_anyway(page.document_actions)
    dialog = page.document_actions.dialog
    assert dialog.password.isVisible()  # no keyring here and no environment variable: asked
    dialog.password.setText("hemmelig")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    box = page.document_actions.dialog
    assert isinstance(box, QMessageBox) and box.text().startswith(
        f"Could not reach the mail server {HOST}:"
    )
    assert "hemmelig" not in box.text()
    assert docs.agreements.get_agreement(agreement.document_id).state == "draft"
    box.close()


def test_send_without_a_server_opens_the_e_mail_settings_which_save_and_validate(
    qtbot, page, docs
) -> None:  # type: ignore[no-untyped-def]
    agreement = docs.agreements.create_agreement(ORG_A, V1, today=TODAY)
    page.refresh()
    select_agreement(page, agreement.document_id)
    page.document_actions.send_email()  # reads the server and recipient in the background
    dialog = page.document_actions.dialog
    assert isinstance(dialog, EmailSettingsDialog)
    assert not dialog.password.isEnabled() and "No system keyring" in dialog.password_note.text()
    dialog.host.setText("smtp.example.no")
    dialog.port.setValue(465)
    dialog.security.setCurrentIndex(dialog.security.findData("tls"))
    dialog.user.setText("frode")
    dialog.subject.setText("Avtale {kunde.navn}")
    dialog.accept()
    assert dialog.isVisible() and "{kunde.navn}" in dialog.error_label.text()
    dialog.subject.setText("Avtale for {customer.name}")
    dialog.accept()
    assert not dialog.isVisible()
    assert docs.documents.smtp_settings() == SmtpSettings("smtp.example.no", 465, "tls", "frode")
    assert docs.documents.email_template().subject == "Avtale for {customer.name}"


def test_batch_with_cancel_stops_before_any_file(qtbot, docs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pool = DeferredPool()
    dialog = BatchDialog(docs, pool=pool, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.workers = 1
    dialog.show()
    assert dialog.all_radio.isChecked() and dialog.all_radio.text() == "&All active customers (2)"
    deleted = next(
        dialog.customers.item(i)
        for i in range(dialog.customers.count())
        if dialog.customers.item(i).data(Qt.ItemDataRole.UserRole) == ORG_DELETED
    )
    assert not deleted.flags() & Qt.ItemFlag.ItemIsEnabled
    assert dialog.start() is None and dialog.summary.text() == "Choose the folder for the files."
    dialog.folder.setText(str(tmp_path / "out"))
    dialog.start()  # the check before issuing runs first
    pool.run_all()
    issue_anyway(dialog)
    task = dialog.task
    assert task is not None and dialog.progress is not None and dialog.progress.isVisible()
    assert not dialog.start_button.isEnabled()
    qtbot.mouseClick(
        dialog.progress.findChild(QPushButton), Qt.MouseButton.LeftButton
    )  # its Cancel button
    assert task.cancelled
    pool.run_all()
    assert dialog.progress is None and dialog.start_button.isEnabled()
    assert dialog.outcome.cancelled and dialog.outcome.written == ()
    assert "Cancelled" in dialog.summary.text() and not (tmp_path / "out").exists()


def test_batch_for_chosen_customers_writes_their_files(qtbot, docs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = BatchDialog(docs, pool=SyncPool(), chosen=[ORG_B], today=TODAY)
    qtbot.addWidget(dialog)
    dialog.workers = 1
    assert dialog.chosen_radio.isChecked() and dialog.chosen_org_numbers() == [ORG_B]
    seen: list[Any] = []
    dialog.batch_done.connect(seen.append)
    dialog.folder.setText(str(tmp_path / "out"))
    dialog.start()
    assert issue_anyway(dialog) is not None  # ORG_B: no registry data on who may sign
    assert [p.name for p in (tmp_path / "out").iterdir()] == [f"{ORG_B}-{V1}.pdf"]
    assert (
        dialog.summary.text() == f"1 of 1 agreement written to {tmp_path / 'out'}."
    )  # English plural form
    assert len(seen) == 1 and seen[0].written


def test_the_customer_card_offers_the_documents_and_lists_the_new_agreement(
    qtbot, docs, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.ui.customers.card import CustomerCardDialog

    card = CustomerCardDialog(docs, ORG_A)
    qtbot.addWidget(card)
    panel = card.card.documents_panel
    assert panel is not None and panel.document_actions.preview_button.isEnabled()
    assert not panel.document_actions.batch_button.isVisibleTo(panel)
    panel.document_actions.pool = SyncPool()
    panel.document_actions.save_as(str(tmp_path / "a.pdf"))
    issue_anyway(panel.document_actions)
    [agreement] = docs.agreements.agreements(ORG_A)
    assert (
        agreement.document_id in card.card.agreements_label.text()
    )  # the card's list was reloaded
    assert (
        panel.status.text() == f"Agreement {agreement.document_id} saved as {tmp_path / 'a.pdf'}."
    )
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF-")
    deleted = CustomerCardDialog(docs, ORG_DELETED)
    qtbot.addWidget(deleted)
    assert not deleted.card.documents_panel.document_actions.preview_button.isEnabled()


def test_actions_without_a_target_do_nothing(qtbot, docs) -> None:  # type: ignore[no-untyped-def]
    actions = DocumentActions(lambda: None)
    qtbot.addWidget(actions)
    actions.set_services(docs)
    assert actions.preview() is None and actions.save_as("/nonexistent/x.pdf") is None
    assert not actions.print_button.isEnabled() and actions.batch_button.isEnabled()
    target = DocumentTarget(ORG_A, state="terminated")
    actions.target = lambda: target
    actions.update_enabled()
    assert actions.preview_button.isEnabled() and not actions.send_action.isEnabled()
