"""Reading documents that come in: scans (each page's QR codes) and Word files (``word.py``).

An input adapter beside ``registry`` and ``output``: pure Python packages only (no program is
started). PDFs are rasterised with PDFium (``pypdfium2``), images opened with Pillow (every frame
of a multi-page TIFF or GIF), and codes decoded with ZXing-C++ (``zxing-cpp``). A page whose
code is not found at first is tried again cleaned of speckles (median filter), enlarged, and
sharpened with a global binarizer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate

__all__ = ["PageCodes", "ScanReadError", "page_images", "read_codes"]

RASTER_DPI = 200
"""Resolution PDF pages are rasterised at: a 26 mm code is then ~200 pixels wide."""
MAX_PAGES = 500


class ScanReadError(UserError):
    """The file is neither a readable PDF nor an image."""


@dataclass(frozen=True)
class PageCodes:
    """The QR texts found on one page (1-based ``page``), in reading order."""

    page: int
    texts: tuple[str, ...]


def _pdf_pages(data: bytes) -> Iterator[Any]:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]  # ships no type information

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ScanReadError(
            fill(translate("Scanning", "The PDF cannot be read: %1."), str(exc))
        ) from None
    try:
        for index in range(min(len(pdf), MAX_PAGES)):
            page = pdf[index]
            try:
                yield page.render(scale=RASTER_DPI / 72, grayscale=True).to_pil()
            finally:
                page.close()
    finally:
        pdf.close()


def _image_frames(data: bytes) -> Iterator[Any]:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(BytesIO(data))
    except (UnidentifiedImageError, OSError) as exc:
        raise ScanReadError(
            fill(translate("Scanning", "The image cannot be read: %1."), str(exc))
        ) from None
    for count, frame in enumerate(ImageSequence.Iterator(image)):
        if count >= MAX_PAGES:
            break
        yield frame.convert("L")


def page_images(data: bytes) -> Iterator[Any]:
    """Each page of a PDF or image file as a grayscale Pillow image."""
    if data.startswith(b"%PDF-"):
        yield from _pdf_pages(data)
    else:
        yield from _image_frames(data)


def _attempts(image: Any) -> Iterator[tuple[Any, dict[str, Any]]]:
    """The page as given, then cleaned of speckles, then enlarged, then sharpened and levelled."""
    import zxingcpp
    from PIL import Image, ImageFilter, ImageOps

    yield image, {}
    clean = image.filter(ImageFilter.MedianFilter(3))
    yield clean, {}
    yield clean.resize((clean.width * 2, clean.height * 2), Image.Resampling.BICUBIC), {}
    sharp = ImageOps.autocontrast(image.filter(ImageFilter.SHARPEN))
    yield sharp, {"binarizer": zxingcpp.Binarizer.GlobalHistogram}


def _decode(image: Any) -> list[str]:
    import zxingcpp

    qr = zxingcpp.barcode_formats_from_str("QRCode")
    for candidate, options in _attempts(image):
        found = [
            b.text
            for b in zxingcpp.read_barcodes(candidate, formats=qr, **options)
            if b.valid and b.text
        ]
        if found:
            return found
    return []


def read_codes(data: bytes) -> list[PageCodes]:
    """The QR texts of every page of a scan (PDF or image), page by page.

    Raises:
        ScanReadError: the bytes are neither a readable PDF nor an image.
    """
    return [
        PageCodes(number, tuple(_decode(image)))
        for number, image in enumerate(page_images(data), start=1)
    ]
