"""Printing PDFs: the system print dialog, then rendering and spooling off the GUI thread.

:class:`PrintFlow` is the one way the app prints: from the Agreements page, the customer card and
the preview. It makes the documents in the background (the agreement; the signature sheet; the
"print pack" of the agreement and a sheet for each party; many customers' sheets), opens the real
``QPrintDialog`` (page range over the whole job, copies, collation; "print to file" included), and
spools on a pool thread with a progress dialog whose Cancel stops between pages.

Each page is rendered with ``QPdfDocument.render`` (at most :data:`MAX_PRINT_DPI`) and drawn
full-page onto the printer's ``QPainter``; Qt allows painting on a ``QPrinter`` from a worker
thread, and each worker loads its own ``QPdfDocument``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QLineEdit, QWidget

from contractdesk.errors import UserFacingError
from contractdesk.ui.files import documents_folder
from contractdesk.ui.tasks import Pool, Task, TaskContext, op, task_op

log = logging.getLogger(__name__)
MAX_PRINT_DPI = 300


class PrintError(UserFacingError):
    """The printer could not be started (no printer, or the output file cannot be written)."""


@dataclass(frozen=True)
class PrintJob:
    """Documents printed one after another as one job, and the job's name."""

    documents: tuple[bytes, ...]
    title: str
    pages: int = 0


def _load(pdf: bytes) -> tuple[object, QBuffer]:
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    return document, buffer


def count_pages(documents: Sequence[bytes]) -> int:
    """Pages of all documents together (any thread)."""
    total = 0
    for pdf in documents:
        document, _buffer = _load(pdf)
        total += int(document.pageCount())  # type: ignore[attr-defined]  # QPdfDocument
    return total


def _selection(printer: QPrinter, total: int) -> list[int]:
    """The job's page numbers (0-based) to print, each as often as the copies ask, in order."""
    pages = list(range(total))
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(printer.fromPage(), 1)
        last = min(printer.toPage() or total, total)
        pages = list(range(first - 1, last))
    copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    if copies == 1:
        return pages
    if printer.collateCopies():
        return pages * copies
    return [page for page in pages for _ in range(copies)]


def print_pdfs(
    documents: Sequence[bytes],
    printer: QPrinter,
    context: TaskContext | None = None,
    *,
    max_dpi: int = MAX_PRINT_DPI,
    title: str = "ContractDesk",
) -> int:
    """Print the documents on ``printer`` as one job (page range and copies from the printer).

    Returns the pages printed. Stops between pages when ``context`` says cancel (the job is
    aborted). Meant for a worker thread.

    Raises:
        PrintError: the printer could not begin (nothing printed).
    """
    loaded = [_load(pdf) for pdf in documents]
    index = [
        (doc, page)
        for doc, _buffer in loaded
        for page in range(int(doc.pageCount()))  # type: ignore[attr-defined]  # QPdfDocument
    ]
    wanted = _selection(printer, len(index))
    printer.setFullPage(True)
    printer.setDocName(title)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(
            QCoreApplication.translate("PrintFlow", "The printer could not start: %1").replace(
                "%1", printer.outputFileName() or printer.printerName()
            )
        )
    printed = 0
    try:
        dpi = min(int(printer.resolution()), max_dpi)
        area = printer.pageLayout().fullRectPixels(printer.resolution())
        target = QSizeF(area.width(), area.height())
        for number, job_page in enumerate(wanted):
            if context is not None:
                if context.cancelled:
                    printer.abort()
                    context.check_cancelled()
                context.progress(number, len(wanted), "")
            if number:
                printer.newPage()
            document, page = index[job_page]
            _draw_page(painter, document, page, dpi, target)
            printed += 1
    finally:
        painter.end()
    return printed


BAND_PIXELS = 600  # rows rendered and drawn at a time (~3 MB at 300 dpi): short calls, low memory


def _draw_page(painter: QPainter, document: object, page: int, dpi: int, target: QSizeF) -> None:
    """Render page ``page`` at ``dpi`` and draw it full-page (aspect kept, centred horizontally).

    The page is rendered and drawn in horizontal bands: each Qt call holds Python's GIL while it
    runs, so short calls keep the GUI thread responsive while a worker prints.
    """
    from PySide6.QtPdf import QPdfDocumentRenderOptions

    points = document.pagePointSize(page)  # type: ignore[attr-defined]  # QPdfDocument
    full = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    size = QSizeF(full).scaled(target, Qt.AspectRatioMode.KeepAspectRatio)
    scale = size.width() / full.width()
    left = (target.width() - size.width()) / 2
    for top in range(0, full.height(), BAND_PIXELS):
        rows = min(BAND_PIXELS, full.height() - top)
        options = QPdfDocumentRenderOptions()
        options.setScaledSize(full)
        options.setScaledClipRect(QRect(0, top, full.width(), rows))
        band = document.render(page, QSize(full.width(), rows), options)  # type: ignore[attr-defined]  # QPdfDocument
        painter.drawImage(QRectF(left, top * scale, size.width(), rows * scale), band)


def default_printer() -> QPrinter:
    return QPrinter(QPrinter.PrinterMode.HighResolution)


def start_print_to_file_in_documents(dialog: QPrintDialog, title: str) -> None:
    """Let "Print to file" offer ``<title>.pdf`` in the Documents folder, like every file dialog
    here (Qt's own dialog would offer the program's working folder). The field is the Unix
    dialog's ``filename``; other platforms' native dialogs have none and choose for themselves.
    A printer already set to a file keeps its file."""
    field = dialog.findChild(QLineEdit, "filename")
    if field is None or dialog.printer().outputFileName():
        return
    folder = documents_folder()
    safe = "".join("-" if c in '/\\:*?"<>|' else c for c in title).strip() or "print"
    field.setText(str((folder if folder.is_dir() else Path.home()) / f"{safe}.pdf"))


class PrintFlow(QObject):
    """Make → ask (the system print dialog) → spool in the background with progress and Cancel.

    Args:
        parent: the widget the dialogs belong to.
        pool: the task pool (tests: a ``SyncPool``; default Qt's global pool).

    Signals:
        asked(): the print dialog is open (``dialog``; tests accept it programmatically).
        printed(int): the pages sent to the printer.
        message(str): a result for a status line.
    """

    asked = Signal()
    printed = Signal(int)
    message = Signal(str)

    printer_factory: Callable[[], QPrinter] = staticmethod(default_printer)
    max_dpi = MAX_PRINT_DPI

    def __init__(self, parent: QWidget, *, pool: Pool | None = None) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.pool = pool
        self.job: PrintJob | None = None
        self.printer: QPrinter | None = None
        self.dialog: QPrintDialog | None = None
        self.task: Task[object] | None = None

    def start(self, make: Callable[[], PrintJob]) -> Task[PrintJob]:
        """Make the documents in the background (and count their pages), then ask."""

        def work() -> PrintJob:
            job = make()
            return PrintJob(job.documents, job.title, count_pages(job.documents))

        return (
            op(self.parent_widget, work)
            .success(self.ask)
            .with_progress(self.tr("Preparing the documents…"))
            .with_pool(self.pool)
            .run_in_background()
        )

    def ask(self, job: PrintJob) -> QPrintDialog:
        """Open the system print dialog for ``job`` (window-modal; the event loop keeps running)."""
        self.job = job
        printer = self.printer_factory()
        printer.setDocName(job.title)
        dialog = QPrintDialog(printer, self.parent_widget)
        dialog.setWindowTitle(self.tr("Print %1").replace("%1", job.title))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies, True)
        dialog.setMinMax(1, max(job.pages, 1))
        start_print_to_file_in_documents(dialog, job.title)
        dialog.finished.connect(self._answered)
        self.printer, self.dialog = printer, dialog
        QDialog.open(dialog)  # QPrintDialog.open() wants (receiver, member): use QDialog's own
        self.asked.emit()
        return dialog

    def _answered(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and self.job is not None:
            self.spool()
        else:
            self.message.emit(self.tr("Nothing was printed."))

    def spool(self) -> Task[int] | None:
        """Render and send the pages on a pool thread, with a progress dialog and Cancel."""
        job, printer = self.job, self.printer
        if job is None or printer is None:
            return None
        dpi = self.max_dpi

        def work(context: TaskContext) -> int:
            return print_pdfs(job.documents, printer, context, max_dpi=dpi, title=job.title)

        def done(pages: int) -> None:
            self.message.emit(self.tr("%n page(s) sent to the printer.", "", pages))
            self.printed.emit(pages)

        task = (
            task_op(self.parent_widget, work)
            .success(done)
            .cancelled(lambda: self.message.emit(self.tr("Printing was cancelled.")))
            .with_progress(
                self.tr("Printing %1…").replace("%1", job.title),
                cancellable=True,
                delay_ms=200,
            )
            .with_pool(self.pool)
            .run_in_background()
        )
        self.task = task  # type: ignore[assignment]  # Task[int] kept as a Task[object]
        return task
