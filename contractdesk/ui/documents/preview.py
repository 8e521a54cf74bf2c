"""Preview a PDF inside the app (``QPdfView`` over a ``QPdfDocument`` read from memory), print it,
save it.

The bytes never touch the disk for a preview: ``QPdfDocument`` loads from a ``QBuffer``. Printing
renders each page with ``QPdfDocument.render`` (at most 300 dpi) into the printer's ``QPainter``;
saving writes atomically (``save_atomic``). Qt PDF modules are imported when a preview opens, so
the main window does not load them at start-up.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from contractdesk.ui.documents.printing import MAX_PRINT_DPI, PrintError, PrintFlow, PrintJob
from contractdesk.ui.files import in_documents
from contractdesk.ui.tasks import Pool
from contractdesk.ui.widgets.status_line import reserve_lines

__all__ = ["MAX_PRINT_DPI", "PdfPreviewDialog", "PrintError", "load_pdf", "print_document"]


def load_pdf(pdf: bytes, parent: QWidget) -> tuple[Any, QBuffer]:
    """A ``QPdfDocument`` reading ``pdf`` from memory, and the buffer it reads (keep both alive)."""
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer(parent)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    return document, buffer


def print_document(document: Any, printer: Any, *, max_dpi: int = MAX_PRINT_DPI) -> int:
    """Print every page of a loaded ``QPdfDocument`` on ``printer`` (a ``QPrinter``); returns the
    pages.

    Each page is rendered at the printer's resolution (at most ``max_dpi``) and drawn full-page,
    keeping its aspect ratio, centred horizontally.

    Raises:
        PrintError: the printer could not begin (nothing printed).
    """
    pages = int(document.pageCount())
    printer.setFullPage(True)
    printer.setDocName(str(document.metaData(document.MetaDataField.Title) or "ContractDesk"))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(printer.outputFileName() or printer.printerName())
    try:
        dpi = min(int(printer.resolution()), max_dpi)
        area = printer.pageLayout().fullRectPixels(printer.resolution())
        target = QSizeF(area.width(), area.height())
        for index in range(pages):
            if index:
                printer.newPage()
            points = document.pagePointSize(index)
            image = document.render(
                index, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            )
            size = QSizeF(image.size()).scaled(target, Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(
                QRectF((target.width() - size.width()) / 2, 0, size.width(), size.height()), image
            )
    finally:
        painter.end()
    return pages


class PdfPreviewDialog(QDialog):
    """A PDF shown page by page, with Print…, Save as… and Close.

    Args:
        pdf: the document's bytes.
        title: the window title.
        suggested_name: the file name offered by Save as.
    """

    def __init__(
        self,
        pdf: bytes,
        title: str,
        suggested_name: str,
        parent: QWidget | None = None,
        *,
        pool: Pool | None = None,
    ) -> None:
        from PySide6.QtPdfWidgets import QPdfView

        super().__init__(parent)
        self.pdf = pdf
        self.suggested_name = suggested_name
        self.print_dialog: Any = None
        self.pool = pool
        self.title = title
        self.print_flow: PrintFlow | None = None
        self.setWindowTitle(title)
        self.resize(860, 980)
        self.document, self._buffer = load_pdf(pdf, self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfPreview")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel()
        reserve_lines(self.status)  # a message never moves the buttons
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.print_button.clicked.connect(lambda: self.open_print_dialog())
        self.save_button.clicked.connect(lambda: self.save_as())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        row.addWidget(self.info, 1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.print_button.setText(self.tr("&Print…"))
        self.save_button.setText(self.tr("&Save as…"))
        self.info.setText(self.tr("%n page(s)", "", self.page_count()))

    def page_count(self) -> int:
        return int(self.document.pageCount())

    def open_print_dialog(self) -> PrintFlow:
        """The system print dialog (page range, copies); the pages spool in the background."""
        flow = PrintFlow(self, pool=self.pool)
        flow.message.connect(self.status.setText)
        self.print_flow = flow
        self.print_dialog = flow.ask(PrintJob((self.pdf,), self.title, self.page_count()))
        return flow

    def print_to(self, printer: Any) -> int:
        """Print on ``printer`` (a ``QPrinter``); the outcome is shown in the dialog."""
        try:
            pages = print_document(self.document, printer)
        except PrintError as exc:
            self.status.setText(self.tr("The printer could not start: %1").replace("%1", str(exc)))
            return 0
        self.status.setText(self.tr("%n page(s) sent to the printer.", "", pages))
        return pages

    def save_as(self, path: str | None = None) -> str | None:
        """Write the PDF to a file the user picks (complete or not at all); returns the path."""
        from contractdesk.output.atomic import SaveError, save_atomic

        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save the agreement"),
                in_documents(self.suggested_name),
                self.tr("PDF (*.pdf)"),
            )
        if not path:
            return None
        try:
            save_atomic(path, self.pdf)
        except SaveError as exc:
            self.status.setText(self.tr("Not saved: %1").replace("%1", str(exc)))
            return None
        self.status.setText(self.tr("Saved as %1.").replace("%1", path))
        return path
