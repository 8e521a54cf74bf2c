"""Signed scans: what a scan file may be (PDF or image, at most 50 MB), read and checked once."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate

__all__ = ["MAX_SCAN_BYTES", "ScanData", "clean_filename", "read_scan", "sniff_scan_type"]

MAX_SCAN_BYTES = 50 * 1024 * 1024
ScanData = tuple[str, str, bytes, str]
"""(filename, mime, bytes, sha256) of a checked scan."""


def _t(text: str, *values: object) -> str:
    return fill(text, *values)


def sniff_scan_type(data: bytes) -> str | None:
    """The MIME type of a scan by its first bytes: PDF, PNG, JPEG, TIFF, GIF or WebP; None
    otherwise.
    """
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if len(data) >= 12 and data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def clean_filename(name: str) -> str:
    base = Path(name or "").name
    text = unicodedata.normalize(
        "NFC", "".join(ch for ch in base if unicodedata.category(ch) != "Cc")
    ).strip()
    return (text or "scan")[-255:]


def read_scan(path: Path | str | None, data: bytes | None, filename: str | None) -> ScanData | None:
    """(filename, mime, bytes, sha256) of a scan given as a file or as bytes, checked; None when
    none.
    """
    if path is None and data is None:
        return None
    if path is not None:
        file = Path(path)
        try:
            if file.stat().st_size > MAX_SCAN_BYTES:
                raise UserError(
                    _t(translate("AgreementService", "%1 is larger than 50 MB."), file.name),
                    field="scan",
                )
            data = file.read_bytes()
        except OSError as exc:
            raise UserError(
                _t(
                    translate("AgreementService", "Cannot read %1: %2"),
                    file,
                    exc.strerror or exc,
                ),
                field="scan",
            ) from None
        filename = filename or file.name
    assert data is not None
    if not data:
        raise UserError(_t(translate("AgreementService", "The scan file is empty.")), field="scan")
    if len(data) > MAX_SCAN_BYTES:
        raise UserError(
            _t(translate("AgreementService", "The scan is larger than 50 MB.")), field="scan"
        )
    mime = sniff_scan_type(data)
    if mime is None:
        raise UserError(
            _t(
                translate(
                    "AgreementService",
                    "The scan must be a PDF or an image (PNG, JPEG, TIFF, GIF, WebP).",
                )
            ),
            field="scan",
        )
    return (
        clean_filename(filename or "scan"),
        mime,
        bytes(data),
        hashlib.sha256(data).hexdigest(),
    )
