"""Reading a customer list from the owner's spreadsheet: CSV (any common dialect) or XLSX.

A header row names the columns (org number; optional contact name, e-mail, phone, in Norwegian
or English); without one, the first column holds the org numbers. CSV files may be UTF-8 (with
or without BOM) or Windows-1252, separated by semicolons, commas or tabs.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate

MAX_ROWS = 200_000
MAX_BYTES = 64 * 1024 * 1024

COLUMN_NAMES = {
    "org_number": (
        "orgnr",
        "org.nr",
        "org nr",
        "organisasjonsnummer",
        "org_number",
        "org number",
        "organisation number",
        "organization number",
        "orgnummer",
    ),
    "contact": ("kontaktperson", "kontakt", "contact", "contact person", "navn", "name"),
    "email": ("e-post", "epost", "email", "e-mail", "mail"),
    "phone": ("telefon", "tlf", "mobil", "phone", "mobile"),
}


@dataclass(frozen=True)
class RawRow:
    """One row as read: its line (1 = the first line of the file) and the known columns."""

    line: int
    org_number: str
    contact: str = ""
    email: str = ""
    phone: str = ""


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text or "")).casefold().split())


def _columns(header: Sequence[str]) -> dict[str, int] | None:
    keys = [_key(h) for h in header]
    found: dict[str, int] = {}
    for column, names in COLUMN_NAMES.items():
        for index, key in enumerate(keys):
            if key in names and column not in found:
                found[column] = index
    return found if "org_number" in found else None


def _cell(row: Sequence[object], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    value = row[index]
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def rows_of(table: Iterable[Sequence[object]]) -> Iterator[RawRow]:
    """Rows of a table (first row: header, or already data); blank rows are skipped."""
    columns: dict[str, int] | None = None
    for line, row in enumerate(table, start=1):
        if line > MAX_ROWS + 1:
            raise UserError(
                fill(translate("CustomerImport", "The file has more than %1 rows."), MAX_ROWS),
                field="file",
            )
        if not any(_cell(row, i) for i in range(len(row))):
            continue
        if columns is None:
            columns = _columns([_cell(row, i) for i in range(len(row))])
            if columns is not None:
                continue  # the header
            columns = {"org_number": 0}
        yield RawRow(
            line=line,
            org_number=_cell(row, columns.get("org_number")),
            contact=_cell(row, columns.get("contact")),
            email=_cell(row, columns.get("email")),
            phone=_cell(row, columns.get("phone")),
        )


def read_table(path: Path) -> list[RawRow]:
    """Every data row of a CSV or XLSX file.

    Raises:
        UserError: the file cannot be read, is too large, or is neither CSV nor XLSX.
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UserError(
                translate("CustomerImport", "The file is too large to import."), field="file"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(
            fill(translate("CustomerImport", "Cannot read %1: %2"), path.name, exc.strerror or ""),
            field="file",
        ) from None
    if data[:4] == b"PK\x03\x04":
        return list(rows_of(_xlsx_rows(data)))
    return list(rows_of(_csv_rows(data)))


def _csv_rows(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise UserError(
            translate("CustomerImport", "The file is neither a CSV file nor an Excel workbook."),
            field="file",
        )
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise UserError(
            fill(translate("CustomerImport", "The CSV file cannot be read: %1"), exc),
            field="file",
        ) from None


def _xlsx_rows(data: bytes) -> list[tuple[object, ...]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise UserError(
            fill(translate("CustomerImport", "The Excel workbook cannot be read: %1"), exc),
            field="file",
        ) from None
    try:
        sheet = book.worksheets[0]
        return [tuple(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
