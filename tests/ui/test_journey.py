"""The owner's paper journey through the main window at 1280x800, in Norwegian and in English.

Customer from the registry → person → main contact → service → agreement → preview → print
(through the real print dialog, to a PDF file) → signature sheet → e-mail draft → record the
signed paper with its scan → the customer list shows it. Background work runs on the real
thread pool, and the event-loop watchdog fails the journey if the GUI thread blocks longer than
200 ms. Screenshots of each step are written to the test's temp folder (``screens/``).
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from brreg_server import ReplayServer
from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from contractdesk.domain.invoicing.values import ServiceKind
from contractdesk.ui.customers.card import CustomerCardDialog
from contractdesk.ui.documents.preview import PdfPreviewDialog
from contractdesk.ui.documents.printing import PrintFlow
from contractdesk.ui.main_window import MainWindow
from contractdesk.ui.pages.agreements import AgreementsPage
from contractdesk.ui.pages.customers import CustomersPage
from contractdesk.ui.tasks import SyncPool

ORG = "923130969"
SIZE = (1280, 800)


class UrlSink(QObject):
    """Receives what ``QDesktopServices.openUrl`` is asked to open (instead of a mail program)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


class Screens:
    """Screenshots of the journey's steps, numbered, for a person to look at."""

    def __init__(self, folder: Path, lang: str, watchdog: Any) -> None:
        self.folder = folder
        self.lang = lang
        self.watchdog = watchdog
        self.count = 0
        folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, widget: QWidget, name: str) -> Path:
        self.count += 1
        path = self.folder / f"{self.lang}-{self.count:02d}-{name}.png"
        with self.watchdog.paused():  # the test's own work (grab and PNG encoding)
            assert widget.grab().save(str(path))
        return path


def with_modal(act: Callable[[Any], None]) -> dict[str, Any]:
    """Run ``act`` on the next modal dialog once it is shown (it is cancelled if left open)."""
    seen: dict[str, Any] = {}

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, run)
            return
        seen["dialog"] = dialog
        try:
            act(dialog)
        except Exception as exc:  # reported by the test
            seen["error"] = exc
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, run)
    return seen


def double_click(qtbot: Any, view: Any, index: Any) -> None:
    """A user's double-click: press, release, then the double-click press and release."""
    centre = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def show_page(window: MainWindow, page_id: str) -> None:
    from contractdesk.ui.main_window import PAGE_SPECS

    window.nav.setCurrentRow(next(i for i, spec in enumerate(PAGE_SPECS) if spec[0] == page_id))


def ok(dialog: Any) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(x.split()[-1] for x in info.stdout.splitlines() if x.startswith("Pages:")))


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def journey_services(services: Any, brreg_replay: ReplayServer) -> Iterator[Any]:
    from contractdesk.registry import RegistrySettings

    services.customers.configure_registry(
        RegistrySettings(base_url=brreg_replay.url, connect_timeout=2.0, total_timeout=4.0)
    )
    yield services
    QThreadPool.globalInstance().waitForDone(10000)  # no worker outlives the test


@pytest.fixture
def printer_to_pdf(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    target = tmp_path / "printed.pdf"

    def factory() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return printer

    monkeypatch.setattr(PrintFlow, "printer_factory", staticmethod(factory))
    monkeypatch.setattr(PrintFlow, "max_dpi", 40)
    return target


@pytest.fixture
def url_sink() -> Iterator[UrlSink]:
    sink = UrlSink()
    QDesktopServices.setUrlHandler("file", sink, "open")
    yield sink
    QDesktopServices.unsetUrlHandler("file")


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_from_a_new_customer_to_the_signed_paper(
    qtbot: Any,
    qapp: Any,
    lang: str,
    journey_services: Any,
    printer_to_pdf: Path,
    url_sink: UrlSink,
    tmp_path: Path,
    event_loop_watchdog: Any,
) -> None:
    from contractdesk.ui.i18n import install_language

    services, watchdog = journey_services, event_loop_watchdog
    shot = Screens(tmp_path / "screens", lang, event_loop_watchdog)
    install_language(qapp, lang)
    try:
        with watchdog.paused():  # start-up, as ui/app.py does it: window, store, warm-up
            from contractdesk.ui.app import import_gui_modules, warm_up

            warm_up(SyncPool())
            import_gui_modules()
            window = MainWindow()
            qtbot.addWidget(window)
            window.resize(*SIZE)
            window.show()
            window.set_services(services)
            qtbot.waitExposed(window)
        _journey(qtbot, window, services, printer_to_pdf, url_sink, tmp_path, watchdog, shot)
    finally:
        install_language(qapp, "en")


def _journey(
    qtbot: Any,
    window: MainWindow,
    services: Any,
    printed: Path,
    url_sink: UrlSink,
    tmp_path: Path,
    watchdog: Any,
    shot: Screens,
) -> None:
    page = window.page("customers")
    assert isinstance(page, CustomersPage)
    show_page(window, "customers")
    shot(window, "customers-empty")

    watchdog.step("add the customer from the registry")
    add = page.add_customer()
    qtbot.keyClicks(add.query, ORG)
    qtbot.waitUntil(lambda: add.lookup is not None, timeout=10000)
    shot(add, "add-customer")
    qtbot.mouseClick(add.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.row_of(ORG) >= 0, timeout=10000)
    row = page.model.row_of(ORG)
    shot(window, "customer-listed")

    watchdog.step("open the card by double-click (one card)")
    double_click(qtbot, page.table, page.model.index(row, 0))
    qtbot.waitUntil(lambda: page.cards.get(ORG) is not None, timeout=5000)
    card = page.cards[ORG]
    qtbot.waitUntil(lambda: card.card.view is not None, timeout=10000)
    window.activateWindow()
    double_click(qtbot, page.table, page.model.index(row, 0))
    cards = [w for w in QApplication.topLevelWidgets() if isinstance(w, CustomerCardDialog)]
    assert [c for c in cards if c.isVisible()] == [card]  # a second open brought it forward
    shot(card, "card")

    watchdog.step("add a person as main contact")
    people = card.card.people_panel

    def add_person(dialog: Any) -> None:
        assert dialog.chosen_role().value == "main_contact"  # the first person is proposed
        dialog.first.setText("Kari")
        dialog.last.setText("Nordmann")
        dialog.emails.setPlainText("kari@testesen.no")
        ok(dialog)

    seen = with_modal(add_person)
    people.add_button.click()
    assert "error" not in seen, seen
    qtbot.waitUntil(lambda: "Kari Nordmann" in str(page.model.index(row, 4).data()), timeout=5000)
    shot(card, "person-main-contact")

    watchdog.step("add a service")
    service_dialog = card.card.services_panel.add_service()
    service_dialog.kind.setCurrentIndex(service_dialog.kind.findData(ServiceKind.LICENCE))
    service_dialog.name.setText("CRM")
    service_dialog.price.setText("12000")
    shot(service_dialog, "service")
    ok(service_dialog)
    qtbot.waitUntil(lambda: not service_dialog.isVisible(), timeout=5000)

    watchdog.step("preview the agreement")
    actions = card.card.documents_panel.document_actions
    actions.preview()
    # The check before issuing (the sample terms' sub-processors have no location): confirmed
    # once, it is not asked again for the same problems.
    qtbot.waitUntil(lambda: actions.gate.dialog is not None, timeout=20000)
    shot(actions.gate.dialog, "issue-check")
    qtbot.mouseClick(actions.gate.dialog.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(actions.dialog, PdfPreviewDialog), timeout=20000)
    preview = actions.dialog
    qtbot.waitUntil(lambda: preview.isVisible(), timeout=5000)
    pages = preview.page_count()
    assert pages > 10
    qtbot.wait(600)  # QPdfView renders its pages on its own thread
    shot(preview, "preview")
    preview.close()
    draft = services.agreements.agreements()[0]
    qtbot.waitUntil(lambda: page.model.index(row, 5).data() not in (None, "", "—"), timeout=5000)

    watchdog.step("print the pack through the print dialog")
    actions.print_pack()
    qtbot.waitUntil(lambda: actions.print_flow is not None, timeout=20000)
    flow = actions.print_flow
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible(), timeout=20000)
    shot(flow.dialog, "print-dialog")
    with qtbot.waitSignal(flow.printed, timeout=60000) as done:
        flow.dialog.accept()
    assert done.args == [pages + 2]
    with watchdog.paused():
        assert pdf_pages(printed) == pages + 2

    watchdog.step("the signature sheet: preview and save")
    actions.preview_sheet()
    qtbot.waitUntil(
        lambda: isinstance(actions.dialog, PdfPreviewDialog) and actions.dialog is not preview,
        timeout=20000,
    )
    sheet_preview = actions.dialog
    qtbot.waitUntil(lambda: sheet_preview.isVisible(), timeout=5000)
    assert sheet_preview.page_count() == 1
    qtbot.wait(600)
    shot(sheet_preview, "signature-sheet")
    sheet_preview.close()
    sheet = tmp_path / "Signaturside.pdf"
    actions.save_sheet_as(str(sheet))
    qtbot.waitUntil(sheet.exists, timeout=20000)
    with watchdog.paused():
        assert "Signaturside" in pdf_text(sheet) and draft.document_id in pdf_text(sheet)

    watchdog.step("the e-mail draft with the sheet")
    eml = tmp_path / "avtale.eml"
    actions.save_email_draft(str(eml), with_sheet=True)
    qtbot.waitUntil(lambda: bool(url_sink.urls), timeout=20000)
    with watchdog.paused():
        message = message_from_bytes(eml.read_bytes(), policy=policy.default)
        names = [part.get_filename() for part in message.iter_attachments()]
        assert message["To"].addresses[0].addr_spec == "kari@testesen.no"
        assert len(names) == 2 and names[1].startswith("Signaturside-")
    shot(card, "card-after-documents")

    watchdog.step("record the signed paper with its scan")
    card.close()
    show_page(window, "agreements")
    agreements = window.page("agreements")
    assert isinstance(agreements, AgreementsPage)
    qtbot.waitUntil(lambda: agreements.agreements_model.rowCount() == 1, timeout=10000)
    agreements.tabs.setCurrentIndex(0)
    qtbot.mouseClick(agreements.record_button, Qt.MouseButton.LeftButton)
    record = agreements.dialog
    record.customer.setCurrentIndex(record.customer.findData(ORG))
    record.scan.edit.setText(str(sheet))  # the signed sheet, scanned back
    shot(record, "record-acceptance")
    ok(record)
    qtbot.waitUntil(lambda: not record.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: agreements.ledger_model.rowCount() == 1, timeout=10000)
    shot(window, "agreements-ledger")

    watchdog.step("the customer list shows the signed agreement")
    show_page(window, "customers")
    state = services.agreements.agreements()[0].state
    assert state in ("signed", "active")
    qtbot.waitUntil(lambda: page.model.row_at(row).agreement_state == state, timeout=10000)
    shot(window, "customers-after")
