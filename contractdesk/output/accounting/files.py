"""Accounting files from a frozen run; each function returns the file's bytes (same input, same
bytes).

* :func:`run_csv` — the generic CSV: ``;``-separated UTF-8, one row per invoice line and one per
  invoice fee, columns :data:`CSV_COLUMNS` (documented in the README).
* :func:`poweroffice_file` — PowerOffice Go's "Standardimport" layout: a ``[Customers]`` block
  and an ``[Orders]`` block, each announced in the first cell above its table, ``;``-separated;
  in the order block the first row of each order is its head and the following rows its lines.
* :func:`customers_csv` — the customer master of the run's buyers (org number, name, invoice
  address, e-mail for invoices, delivery method).
* :func:`parse_receipt` — the accounting system's numbers read back for drafts.

Cells that a spreadsheet would run as a formula (``= + - @``, TAB, CR) are defused as the plan
export does; amounts in the generic CSV are signed decimals with a point.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from contractdesk.domain.invoicing.csv_export import sanitize_cell
from contractdesk.domain.invoicing.runs import Party, RunDocument
from contractdesk.domain.money import money_str, vat_of

CSV_COLUMNS = (
    "run_id",
    "reference",
    "document_type",
    "number",
    "kid",
    "issue_date",
    "due_date",
    "collection_notice_date",
    "customer_number",
    "org_number",
    "customer_name",
    "buyer_reference",
    "delivery_method",
    "line_no",
    "line_type",
    "service_id",
    "description",
    "period_start",
    "period_end",
    "amount",
    "vat_rate",
    "line_vat",
    "document_net",
    "document_vat",
    "document_total",
    "credits_invoice",
)
CUSTOMER_COLUMNS = (
    "customer_number",
    "org_number",
    "name",
    "address",
    "postcode",
    "city",
    "country_code",
    "invoice_email",
    "delivery_method",
    "vat_registered",
    "public_body",
    "buyer_reference",
)
POWEROFFICE_CUSTOMER_COLUMNS = (
    "Code",
    "Name",
    "OrganizationNumber",
    "EmailAddress",
    "InvoiceEmailAddress",
    "MailAddressLine1",
    "MailAddressLine2",
    "MailAddressZipCode",
    "MailAddressCity",
    "MailAddressCountryCode",
    "InvoiceDeliveryType",
)
POWEROFFICE_ORDER_COLUMNS = (
    "OrderNo",
    "CustomerCode",
    "OrderDate",
    "DueDate",
    "CustomerReference",
    "Kid",
    "Comment",
    "Description",
    "OrderLineQuantity",
    "OrderLineUnitPrice",
    "PeriodFrom",
    "PeriodTo",
)
# PowerOffice Go's names of the delivery methods on a customer card.
_POWEROFFICE_DELIVERY = {"paper": "Print", "email": "Email", "ehf": "EHF"}
_VAT_RATE = "25"
_REFERENCE = re.compile(r"^\d+-\d+$")  # ContractDesk's document reference: RUN-POSITION
_RISKY = frozenset("=+-@\t\r")
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")  # amounts stay as they are; text is defused
_FEE = "Fakturagebyr"


def _safe(cell: str) -> str:
    """Text defused against formula injection; amounts (``-3016.57``) stay as they are."""
    if cell[:1] in _RISKY and not _NUMBER.match(cell):
        return sanitize_cell(cell)
    return cell


def _rows_to_bytes(rows: Iterable[Sequence[str]], *, bom: bool = False) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    safe = _safe
    for row in rows:
        writer.writerow([safe(cell) for cell in row])
    data = buf.getvalue().encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data


def run_csv(run_id: int, documents: Sequence[RunDocument]) -> bytes:
    """The generic CSV of a run (header + one row per line and per fee)."""

    def rows() -> Iterable[Sequence[str]]:
        yield CSV_COLUMNS
        for doc in documents:
            head = (
                str(run_id),
                doc.reference,
                "credit_note" if doc.is_credit else "invoice",
                doc.number,
                doc.kid,
                doc.issue_date.isoformat(),
                doc.due_date.isoformat(),
                doc.collection_date.isoformat(),
                str(doc.buyer.customer_number),
                doc.buyer.org_number,
                doc.buyer.name,
                doc.buyer.buyer_reference,
                doc.buyer.delivery_method.value,
            )
            tail = (
                money_str(doc.net),
                money_str(doc.vat),
                money_str(doc.total),
                " ".join(ref.number for ref in doc.credited),
            )
            n = 0
            for n, line in enumerate(doc.lines, start=1):
                yield (
                    *head,
                    str(n),
                    line.service_kind.value,
                    str(line.service_id),
                    line.description,
                    line.period_start.isoformat(),
                    line.period_end.isoformat(),
                    money_str(line.amount),
                    _VAT_RATE,
                    money_str(vat_of(line.amount)),
                    *tail,
                )
            if doc.fee:
                yield (
                    *head,
                    str(n + 1),
                    "fee",
                    "",
                    _FEE,
                    doc.issue_date.isoformat(),
                    doc.issue_date.isoformat(),
                    money_str(doc.fee),
                    _VAT_RATE,
                    money_str(vat_of(doc.fee)),
                    *tail,
                )

    return _rows_to_bytes(rows())


def _buyers(documents: Sequence[RunDocument]) -> list[Party]:
    seen: dict[int, Party] = {}
    for doc in documents:
        seen.setdefault(doc.buyer.customer_number, doc.buyer)
    return [seen[k] for k in sorted(seen)]


def customers_csv(documents: Sequence[RunDocument]) -> bytes:
    """The customer master of the run's buyers, by customer number."""

    def rows() -> Iterable[Sequence[str]]:
        yield CUSTOMER_COLUMNS
        for p in _buyers(documents):
            yield (
                str(p.customer_number),
                p.org_number,
                p.name,
                ", ".join(p.address_lines),
                p.postcode,
                p.city,
                p.country_code,
                p.email,
                p.delivery_method.value,
                "yes" if p.vat_registered else "no",
                "yes" if p.public_body else "no",
                p.buyer_reference,
            )

    return _rows_to_bytes(rows())


def _nb(amount: Decimal) -> str:
    return money_str(amount).replace(".", ",")


def _nb_date(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def poweroffice_file(documents: Sequence[RunDocument]) -> bytes:
    """PowerOffice Go standard import: ``[Customers]`` then ``[Orders]`` (UTF-8 with BOM).

    Order numbers are the invoice numbers; drafts without a number carry ContractDesk's reference
    (``<run>-<position>``), which the import receipt maps back to the numbers PowerOffice gives.
    Credit notes are orders with negative quantities and a comment naming the credited invoices.
    """

    def rows() -> Iterable[Sequence[str]]:
        yield ("[Customers]",)
        yield POWEROFFICE_CUSTOMER_COLUMNS
        for p in _buyers(documents):
            lines = [*p.address_lines, "", ""]
            yield (
                str(p.customer_number),
                p.name,
                p.org_number,
                p.email,
                p.email,
                lines[0],
                ", ".join(lines[1:]).strip(", "),
                p.postcode,
                p.city,
                p.country_code,
                _POWEROFFICE_DELIVERY[p.delivery_method.value],
            )
        yield ()
        yield ("[Orders]",)
        yield POWEROFFICE_ORDER_COLUMNS
        for doc in documents:
            sign = Decimal(-1) if doc.is_credit else Decimal(1)
            comment = (
                "Kreditnota for faktura " + ", ".join(r.number for r in doc.credited)
                if doc.credited
                else ("Kreditnota" if doc.is_credit else "")
            )
            yield (
                doc.number or doc.reference,
                str(doc.buyer.customer_number),
                _nb_date(doc.issue_date),
                _nb_date(doc.due_date),
                doc.buyer.buyer_reference,
                doc.kid,
                comment,
                "",
                "",
                "",
                "",
                "",
            )
            for line in doc.lines:
                yield (
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    line.description,
                    "-1" if doc.is_credit else "1",
                    _nb(line.amount * sign),
                    _nb_date(line.period_start),
                    _nb_date(line.period_end),
                )
            if doc.fee:
                yield ("", "", "", "", "", "", "", _FEE, "1", _nb(doc.fee), "", "")

    return _rows_to_bytes(rows(), bom=True)


class ReceiptError(ValueError):
    """An import receipt that cannot be read: the message names the line."""


def parse_receipt(data: bytes) -> dict[str, int]:
    """Read an import receipt: ``reference;number`` rows (header optional; ``,`` or ``;``).

    ``reference`` is ContractDesk's ``<run>-<position>`` as exported in ``OrderNo``; ``number``
    the invoice number the accounting system gave the draft.

    Raises:
        ReceiptError: a row with no reference, a number that is not a whole positive number,
            or a reference twice.
    """
    text = data.decode("utf-8-sig")
    dialect = ";" if text.count(";") >= text.count(",") else ","
    out: dict[str, int] = {}
    for n, row in enumerate(csv.reader(io.StringIO(text), delimiter=dialect), start=1):
        cells = [c.strip() for c in row]
        if not cells or not any(cells):
            continue
        if n == 1 and not _REFERENCE.match(cells[0]):
            continue  # header
        if len(cells) < 2 or not cells[0]:
            raise ReceiptError(f"line {n}: expected reference;number")
        if not cells[1].isdigit() or int(cells[1]) < 1:
            raise ReceiptError(f"line {n}: {cells[1]!r} is not an invoice number")
        if cells[0] in out:
            raise ReceiptError(f"line {n}: {cells[0]} appears twice")
        out[cells[0]] = int(cells[1])
    if not out:
        raise ReceiptError("the receipt holds no invoice numbers")
    return out
