"""Printing through the real ``QPrintDialog`` code path into a PDF file, checked with poppler.

The printer is a ``QPrinter`` in PDF mode (what "Print to file" gives a user); the dialog is
accepted programmatically, and the pages are rendered and spooled on the real thread pool.
"""

from __future__ import annotations

import subprocess
import threading
from datetime import date
from pathlib import Path

import pytest
from documents_testkit import ORG_A, ORG_B, V1, seed
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter

from contractdesk.ui.documents.printing import PrintFlow, PrintJob, count_pages, print_pdfs
from contractdesk.ui.pages.agreements import AgreementsPage
from contractdesk.ui.tasks import TaskCancelled, TaskContext, _Signals

TODAY = date(2026, 3, 2)


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def page_png(path: Path, page: int, out: Path) -> Path:
    """Page ``page`` of ``path`` as a PNG at 20 dpi (poppler's pdftoppm)."""
    prefix = out / f"{path.stem}-{page}"
    subprocess.run(
        [
            *("pdftoppm", "-png", "-r", "20", "-f", str(page), "-l", str(page), "-singlefile"),
            str(path),
            str(prefix),
        ],
        check=True,
    )
    return prefix.with_suffix(".png")


def difference(a: Path, b: Path) -> float:
    """Mean difference of two page images (0: the same, 255: opposite), on a 60x85 grid."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    first, second = (
        QImage(str(p))
        .convertToFormat(QImage.Format.Format_Grayscale8)
        .scaled(
            60, 85, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        for p in (a, b)
    )
    total = sum(
        abs(first.pixelColor(x, y).value() - second.pixelColor(x, y).value())
        for x in range(60)
        for y in range(85)
    )
    return total / (60 * 85)


def closest(printed: Path, page: int, candidates: dict[str, tuple[bytes, int]], tmp: Path) -> str:
    """Which candidate source page page ``page`` of the printout looks most like."""
    import hashlib

    shot = page_png(printed, page, tmp)
    scores = {}
    for name, (source, source_page) in candidates.items():
        original = tmp / f"source-{hashlib.sha256(source).hexdigest()[:12]}.pdf"
        original.write_bytes(source)
        scores[name] = difference(shot, page_png(original, source_page, tmp))
    return min(scores, key=scores.__getitem__)


@pytest.fixture
def to_pdf(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Every print dialog starts with a PDF-file printer (its settings as a user would set them)."""
    settings: dict[str, object] = {"copies": 1, "range": None, "collate": True}
    target = tmp_path / "printed.pdf"

    def factory() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printer.setCopyCount(int(settings["copies"]))  # type: ignore[call-overload]
        printer.setCollateCopies(bool(settings["collate"]))
        if settings["range"] is not None:
            first, last = settings["range"]  # type: ignore[misc]
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(first, last)
        return printer

    monkeypatch.setattr(PrintFlow, "printer_factory", staticmethod(factory))
    monkeypatch.setattr(PrintFlow, "max_dpi", 40)  # enough to read the text back; quick
    return target, settings


@pytest.fixture
def page(qtbot, services):  # type: ignore[no-untyped-def]
    seed(services)
    widget = AgreementsPage()
    qtbot.addWidget(widget)
    widget.today = TODAY
    widget.set_services(services)
    widget.resize(1280, 800)
    widget.show()
    services.documents.agreement_pdf(ORG_B, today=TODAY)  # first render of the session: imports
    agreement = services.agreements.create_agreement(ORG_A, V1, today=TODAY)
    qtbot.waitUntil(lambda: widget.agreements_model.rowCount() > 0)
    widget.tabs.setCurrentIndex(2)
    model = widget.agreements_model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).id == agreement.id)
    widget.agreements.setCurrentIndex(widget.agreements_proxy.mapFromSource(model.index(row, 0)))
    return widget


def issued(qtbot, actions, start) -> PrintFlow:  # type: ignore[no-untyped-def]
    """Start a print action, confirm the check before issuing when it asks (in the background),
    and return the print flow it started."""
    before = actions.print_flow
    start()

    def asked() -> bool:
        return actions.gate.dialog is not None and actions.gate.dialog.isVisible()

    qtbot.waitUntil(lambda: actions.print_flow is not before or asked(), timeout=20000)
    if actions.print_flow is before:
        actions.gate.dialog.issue_button.click()
    assert actions.print_flow is not before
    return actions.print_flow


def accept_and_wait(qtbot, flow: PrintFlow) -> int:  # type: ignore[no-untyped-def]
    """Wait for the real print dialog, accept it as a user would, and wait for the spooling."""
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible(), timeout=20000)
    assert isinstance(flow.dialog, QPrintDialog)
    with qtbot.waitSignal(flow.printed, timeout=60000) as printed:
        flow.dialog.accept()
    return int(printed.args[0])


def test_print_pack_prints_the_agreement_and_a_sheet_for_each_party(
    qtbot, page, services, to_pdf, event_loop_watchdog
) -> None:  # type: ignore[no-untyped-def]
    target, _settings = to_pdf
    event_loop_watchdog.step("print pack")
    flow = issued(qtbot, page.document_actions, page.document_actions.print_pack)
    printed = accept_and_wait(qtbot, flow)
    assert page.status.text() == f"{printed} pages sent to the printer."
    with event_loop_watchdog.paused():  # the test's own checks, not the app's work
        pdf, _ref = services.documents.agreement_pdf(ORG_A, today=TODAY)
        sheet, _ref = services.documents.signature_sheet(ORG_A, today=TODAY)
        pages, tmp = count_pages([pdf]), target.parent
        assert printed == pages + 2 == pdf_pages(target)
        candidates = {"first": (pdf, 1), "last": (pdf, pages), "sheet": (sheet, 1)}
        seen = [closest(target, n, candidates, tmp) for n in (1, pages, pages + 1, pages + 2)]
        assert seen == ["first", "last", "sheet", "sheet"]


def test_page_range_and_copies_from_the_dialog_are_honoured(
    qtbot, page, services, to_pdf, event_loop_watchdog
) -> None:  # type: ignore[no-untyped-def]
    target, settings = to_pdf
    settings.update(copies=2, range=(1, 2), collate=True)
    flow = issued(qtbot, page.document_actions, page.document_actions.print_agreement)
    assert accept_and_wait(qtbot, flow) == 4
    with event_loop_watchdog.paused():  # the test's own checks
        assert pdf_pages(target) == 4
        pdf, _ref = services.documents.agreement_pdf(ORG_A, today=TODAY)
        tmp = target.parent
        candidates = {"1": (pdf, 1), "2": (pdf, 2), "3": (pdf, 3)}
        seen = [closest(target, n, candidates, tmp) for n in (1, 2, 3, 4)]
        assert seen == ["1", "2", "1", "2"]  # pages 1-2, two copies, collated


def test_the_signature_sheet_prints_alone_and_a_cancelled_dialog_prints_nothing(
    qtbot, page, to_pdf
) -> None:  # type: ignore[no-untyped-def]
    target, _settings = to_pdf
    flow = issued(qtbot, page.document_actions, page.document_actions.print_sheet)
    assert accept_and_wait(qtbot, flow) == 1 == pdf_pages(target)
    assert (
        "Signaturside"
        in subprocess.run(
            ["pdfinfo", str(target)], capture_output=True, text=True, check=True
        ).stdout
        or pdf_pages(target) == 1
    )
    target.unlink()
    flow = issued(qtbot, page.document_actions, page.document_actions.print_sheet)
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible(), timeout=20000)
    flow.dialog.reject()
    assert page.status.text() == "Nothing was printed."
    assert not target.exists()


def test_cancel_stops_between_pages(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    pdf, _ref = services.documents.agreement_pdf(ORG_B, today=TODAY)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "cancelled.pdf"))
    cancel = threading.Event()
    seen: list[int] = []
    signals = _Signals()
    signals.progressed.connect(lambda done, _total, _text: seen.append(done))
    context = TaskContext(signals, cancel)
    signals.progressed.connect(lambda done, _t, _x: cancel.set() if done == 2 else None)
    with pytest.raises(TaskCancelled):
        print_pdfs([pdf], printer, context, max_dpi=20)
    assert seen == [0, 1, 2]


def test_a_preview_prints_through_the_same_dialog(qtbot, services, to_pdf) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.ui.documents.preview import PdfPreviewDialog

    target, _settings = to_pdf
    seed(services)
    sheet, _ref = services.documents.signature_sheet(ORG_A, today=TODAY)
    dialog = PdfPreviewDialog(sheet, "sheet", str(target.with_name("x.pdf")))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    flow = dialog.print_flow
    assert flow is not None
    assert accept_and_wait(qtbot, flow) == 1 == pdf_pages(target)
    assert dialog.status.text() == "1 page sent to the printer."
    assert PrintJob((sheet,), "x").documents == (sheet,)


def test_sheets_for_several_customers_print_as_one_job(qtbot, page, to_pdf) -> None:  # type: ignore[no-untyped-def]
    target, _settings = to_pdf
    actions = page.document_actions
    flow = issued(qtbot, actions, lambda: actions.print_sheets_for_many([ORG_A, ORG_B]))
    assert accept_and_wait(qtbot, flow) == 2 == pdf_pages(target)
    assert flow.job is not None and flow.job.title == "2 signature sheets"
