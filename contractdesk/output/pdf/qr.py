"""The document's QR code and fingerprint box: what a scan of a signed page is traced back by.

The code says ``CD:<document id>:<version>:<FINGERPRINT>:<kind><pages>`` (see
``contractdesk.domain.fingerprint``). It is encoded with ReportLab's QR encoder at error
correction level M with a fixed mask (choosing the "best" of eight masks costs eight times
as much and any mask decodes), memoised per payload, and drawn as one path (its operators
memoised too: a document draws the same code at each signature block).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.colors import black, white
from reportlab.pdfgen.pathobject import PDFPathObject
from reportlab.platypus import Flowable

__all__ = ["QUIET_MODULES", "QrCode", "qr_modules"]

QUIET_MODULES = 4
"""The quiet zone (white border) around the code, in modules, as the QR standard asks."""


@lru_cache(maxsize=256)
def qr_modules(text: str) -> tuple[tuple[bool, ...], ...]:
    """The dark/light modules of ``text``'s QR code (level M, mask 0)."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.version = code.calculate_version()
    code.makeImpl(False, 0)
    return tuple(tuple(bool(m) for m in row) for row in code.modules)


class QrCode(Flowable):
    """A square QR code ``size`` points wide (quiet zone included).

    ``payload`` is called at draw time: the page count it may include is known only then (from
    the previous layout pass of the same document).
    """

    def __init__(self, payload: Callable[[], str], size: float) -> None:
        super().__init__()
        self.payload = payload
        self.size = size
        self.width = self.height = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setFillColor(white)
        canv.rect(0, 0, self.size, self.size, stroke=0, fill=1)
        canv.setFillColor(black)
        # The path's operators (text) for this code and size: the same code is drawn at every
        # signature block of a document, so it is built once.
        canv.drawPath(PDFPathObject([_path_code(self.payload(), self.size)]), stroke=0, fill=1)
        canv.restoreState()


@lru_cache(maxsize=32)
def _path_code(text: str, size: float) -> str:
    """The PDF path operators of the dark runs of ``text``'s code, ``size`` points wide."""
    modules = qr_modules(text)
    count = len(modules)
    box = size / (count + 2 * QUIET_MODULES)
    path = PDFPathObject()
    for r, row in enumerate(modules):
        y = size - (QUIET_MODULES + r + 1) * box
        c = 0
        while c < count:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < count and row[c]:
                c += 1
            path.rect((QUIET_MODULES + start) * box, y, (c - start) * box, box)
    return str(path.getCode())
