"""The Art. 30 records as CSV (UTF-8 with BOM, ``;``, CRLF); cells defused against formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from contractdesk.domain.invoicing.csv_export import sanitize_cell

from .text import clean_text

__all__ = ["records_csv_bytes"]


def records_csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([sanitize_cell(clean_text(cell)) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
