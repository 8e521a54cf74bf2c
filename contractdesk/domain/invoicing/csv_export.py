"""CSV text of an invoice plan for the accounting system: `;`-separated UTF-8 (pure; no files).

One row per invoice line. Columns (:data:`CSV_COLUMNS`):

``invoice``       running number of the document within this export (groups its lines)
``kind``          ``invoice`` or ``credit``
``org_number``    the customer's 9-digit org number
``invoice_date``, ``due_date``, ``period_start``, ``period_end``   ISO dates ``2027-03-31``
``description``, ``service_id``
``amount``        the line amount excl. VAT
``fee``, ``net``, ``vat``, ``total``   document amounts, on the document's FIRST row only
                  (empty on its other rows), so that summing any column gives the right total
``collection_notice``  the day a collection notice may go out (due + 14 days, §10.2), on every
                  row of an invoice; empty for credit notes (added last: earlier columns stay)

Numbers are written as plain decimals with two places (``3049.72``; with
``decimal_separator=","`` as ``3049,72`` for spreadsheets in Norwegian locale), never
with thousands separators. Credit notes are negative (``-1503.00``) and stay numbers:
formula-injection escaping applies only to the text columns (description, service id,
org number), never to the numeric and date columns this module formats itself, which can
only hold digits, one separator and a leading minus.

A text cell starting with ``=``, ``+``, ``-``, ``@``, TAB or CR gets a leading apostrophe
(OWASP's advice), so a spreadsheet shows it as text instead of running it as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any, TextIO

from contractdesk.domain.invoicing.plan import PlannedInvoice
from contractdesk.domain.money import money_str
from contractdesk.perf import gc_paused

CSV_COLUMNS: tuple[str, ...] = (
    "invoice",
    "kind",
    "org_number",
    "invoice_date",
    "due_date",
    "description",
    "service_id",
    "period_start",
    "period_end",
    "amount",
    "fee",
    "net",
    "vat",
    "total",
    "collection_notice",
)
CSV_DELIMITER = ";"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def sanitize_cell(text: str) -> str:
    """Defuse spreadsheet formula injection: prefix ``'`` when text starts with = + - @ TAB CR."""
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def _number(amount: Decimal, decimal_separator: str) -> str:
    text = money_str(amount)
    return text if decimal_separator == "." else text.replace(".", decimal_separator)


def plan_csv_rows(
    invoices: Iterable[PlannedInvoice], decimal_separator: str = "."
) -> Iterator[list[str]]:
    """The header row, then one row per invoice line (see the module docstring)."""
    if decimal_separator not in (".", ","):
        raise ValueError("decimal_separator must be '.' or ','")
    yield list(CSV_COLUMNS)
    for number, inv in enumerate(invoices, start=1):
        head = [str(number), inv.kind.value, sanitize_cell(inv.org_number)]
        dates = [inv.invoice_date.isoformat(), inv.due_date.isoformat()]
        totals = [_number(v, decimal_separator) for v in (inv.fee, inv.net, inv.vat, inv.total)]
        notice_day = inv.collection_notice_date
        notice = "" if notice_day is None else notice_day.isoformat()
        for i, line in enumerate(inv.lines):
            yield [
                *head,
                *dates,
                sanitize_cell(line.description),
                sanitize_cell(str(line.service_id)),
                line.period_start.isoformat(),
                line.period_end.isoformat(),
                _number(line.amount, decimal_separator),
                *(totals if i == 0 else ["", "", "", ""]),
                notice,
            ]


def _writer(fh: TextIO) -> Any:
    """The CSV writer of every export: ``;``-separated, CRLF, quoting only where needed."""
    return csv.writer(fh, delimiter=CSV_DELIMITER, lineterminator="\r\n")


def _text_cell(text: str) -> str:
    """A text cell exactly as :func:`_writer` writes it inside a row: sanitised, then quoted
    (quotes doubled) only if it holds the delimiter, a quote or a line break."""
    out = io.StringIO()
    _writer(out).writerow((sanitize_cell(text), ""))
    return out.getvalue()[:-3]  # the empty second cell: ";\r\n"


def _csv_documents(
    invoices: Iterable[PlannedInvoice], decimal_separator: str, count: list[int]
) -> Iterator[str]:
    """Each document's rows as CSV text, byte for byte what :func:`_writer` makes of
    :func:`plan_csv_rows`' rows; adds the line rows made to ``count[0]``.

    Faster than the writer for a plan of 100,000 documents: a plan repeats few distinct
    dates, texts and service ids, so those cells are made once; only text cells can need
    quoting (numbers, ISO dates and kinds hold none of ``;``, ``"``, CR, LF). Amounts the
    plan made are øre-exact, and their ``str`` (``"3049.72"``) is what :func:`money_str`
    gives; any other amount is rounded.
    """
    comma = decimal_separator == ","
    dates: dict[date, str] = {}
    texts: dict[str, str] = {}
    ids: dict[tuple[type, object], str] = {}
    kinds: dict[object, str] = {}

    def money(amount: Decimal) -> str:
        text = str(amount)
        if text[-3:-2] != "." or len(text) > 28:  # not "d.dd": round (and raise) as money_str does
            text = money_str(amount)
        return text.replace(".", ",") if comma else text

    def day(value: date) -> str:
        text = dates[value] = value.isoformat()
        return text

    def cell(value: str) -> str:
        text = texts[value] = _text_cell(value)
        return text

    made = 0
    try:
        for number, inv in enumerate(invoices, start=1):
            kind = kinds.get(inv.kind)
            if kind is None:
                kind = kinds[inv.kind] = inv.kind.value
            org = inv.org_number
            issued = inv.invoice_date
            due = inv.due_date
            head = (
                f"{number};{kind};{texts.get(org) or cell(org)};"
                f"{dates.get(issued) or day(issued)};{dates.get(due) or day(due)};"
            )
            notice_day = inv.collection_notice_date
            notice = "" if notice_day is None else dates.get(notice_day) or day(notice_day)
            tail = (
                f";{money(inv.fee)};{money(inv.net)};{money(inv.vat)};{money(inv.total)}"
                f";{notice}\r\n"
            )
            rows = []
            for line in inv.lines:
                sid = line.service_id
                key = (type(sid), sid)
                sid_text = ids.get(key)
                if sid_text is None:
                    sid_text = ids[key] = _text_cell(str(sid))
                text = line.description
                first = line.period_start
                last = line.period_end
                amount = str(line.amount)
                if amount[-3:-2] != "." or len(amount) > 28 or comma:
                    amount = money(line.amount)
                rows.append(
                    f"{head}{texts.get(text) or cell(text)};{sid_text};"
                    f"{dates.get(first) or day(first)};{dates.get(last) or day(last)};"
                    f"{amount}{tail}"
                )
                tail = f";;;;;{notice}\r\n"
            made += len(rows)
            yield "".join(rows)
    finally:
        count[0] += made


def plan_csv_chunks(
    invoices: Iterable[PlannedInvoice],
    count: list[int],
    *,
    decimal_separator: str = ".",
    bom: bool = False,
) -> Iterator[str]:
    """The whole CSV text of a plan in pieces (a BOM if asked, the header, then the documents'
    rows in chunks of 2,048 documents); adds the line rows made to ``count[0]``.

    Pure text building: an output adapter (``contractdesk.output.csv_plan``) writes the pieces
    to a file atomically.

    Raises:
        ValueError: ``decimal_separator`` is neither ``"."`` nor ``","``.
    """
    if decimal_separator not in (".", ","):
        raise ValueError("decimal_separator must be '.' or ','")
    return _chunks(invoices, count, decimal_separator, bom)


def _chunks(
    invoices: Iterable[PlannedInvoice], count: list[int], decimal_separator: str, bom: bool
) -> Iterator[str]:
    header = io.StringIO()
    _writer(header).writerow(CSV_COLUMNS)
    yield ("\ufeff" if bom else "") + header.getvalue()
    # The text is short-lived and acyclic; the collector would only walk the plan again.
    with gc_paused():
        chunk: list[str] = []
        for text in _csv_documents(invoices, decimal_separator, count):
            chunk.append(text)
            if len(chunk) == 2048:
                yield "".join(chunk)
                chunk.clear()
        yield "".join(chunk)
