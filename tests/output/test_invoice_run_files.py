"""Accounting files and PDF invoices from frozen run documents (pure writers, no store)."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from contractdesk.domain.invoicing import InvoiceKind, InvoiceLine, ServiceKind
from contractdesk.domain.invoicing.runs import (
    DocumentRef,
    Party,
    RunDocument,
    Seller,
    collection_notice_date,
    kid,
)
from contractdesk.domain.invoicing.values import DeliveryMethod
from contractdesk.output.accounting import (
    CSV_COLUMNS,
    CUSTOMER_COLUMNS,
    customers_csv,
    parse_receipt,
    poweroffice_file,
    run_csv,
)
from contractdesk.output.accounting.files import ReceiptError
from contractdesk.output.pdf.invoice import render_invoice

HOSTILE = '=HYPERLINK("http://evil")&<AS><font color=red><a href="x">Sámi ŋ ŧ đ č'
SELLER = Seller(
    "971049669",
    "Webmaster Heimen",
    ("Uranusvegen 5",),
    "6419",
    "MOLDE",
    "NO",
    "post@example.no",
    "+4791915980",
    "86011117947",
    True,
)


def _party(name: str = "Kunde AS", reference: str = "Kari Nordmann") -> Party:
    return Party(
        7,
        "923130969",
        name,
        ("Postboks 12",),
        "0101",
        "OSLO",
        "NO",
        True,
        False,
        "faktura@example.no",
        reference,
        DeliveryMethod.PAPER,
    )


def _doc(kind: InvoiceKind = InvoiceKind.INVOICE, description: str = "CRM", **kw) -> RunDocument:  # type: ignore[no-untyped-def]
    sign = Decimal(-1) if kind is InvoiceKind.CREDIT else Decimal(1)
    line = InvoiceLine(
        description,
        3,
        date(2027, 1, 1),
        date(2027, 6, 30),
        Decimal("6000.00") * sign,
        ServiceKind.LICENCE,
    )
    fee = Decimal("0.00") if kind is InvoiceKind.CREDIT else Decimal("45.00")
    net = line.amount + fee
    vat = (net * Decimal("0.25")).quantize(Decimal("0.01"))
    number = kw.pop("number", "10001")
    return RunDocument(
        reference="1-1",
        kind=kind,
        number=number,
        kid=kid(7, int(number)) if number and kind is InvoiceKind.INVOICE else "",
        issue_date=date(2027, 1, 2),
        due_date=date(2027, 1, 16),
        collection_date=collection_notice_date(date(2027, 1, 16)),
        buyer=kw.pop("buyer", _party()),
        lines=(line,),
        fee=fee,
        net=net,
        vat=vat,
        total=net + vat,
        credited=kw.pop("credited", ()),
    )


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_generic_csv_columns_fee_row_and_defused_text() -> None:
    data = run_csv(
        1,
        [
            _doc(description=HOSTILE),
            _doc(
                InvoiceKind.CREDIT,
                number="10002",
                credited=(DocumentRef("10001", date(2027, 1, 2)),),
            ),
        ],
    )
    rows = _rows(data)
    assert tuple(rows[0]) == CSV_COLUMNS
    body = [dict(zip(CSV_COLUMNS, r, strict=True)) for r in rows[1:]]
    assert [(r["number"], r["line_type"], r["amount"]) for r in body] == [
        ("10001", "licence", "6000.00"),
        ("10001", "fee", "45.00"),
        ("10002", "licence", "-6000.00"),  # a signed amount is not "defused"
    ]
    assert body[0]["description"].startswith("'=HYPERLINK")
    assert body[2]["document_type"] == "credit_note" and body[2]["credits_invoice"] == "10001"
    assert body[0]["collection_notice_date"] == "2027-01-30"


def test_poweroffice_file_has_customers_then_orders() -> None:
    rows = _rows(
        poweroffice_file(
            [
                _doc(),
                _doc(
                    InvoiceKind.CREDIT,
                    number="10002",
                    credited=(DocumentRef("10001", date(2027, 1, 2)),),
                ),
            ]
        )
    )
    assert rows[0] == ["[Customers]"]
    assert rows[2][:3] == ["7", "Kunde AS", "923130969"] and rows[2][-1] == "Print"
    orders = rows.index(["[Orders]"])
    header = rows[orders + 1]
    head = dict(zip(header, rows[orders + 2], strict=True))
    assert (head["OrderNo"], head["CustomerCode"], head["OrderDate"]) == (
        "10001",
        "7",
        "02.01.2027",
    )
    line = dict(zip(header, rows[orders + 3], strict=True))
    assert (line["Description"], line["OrderLineUnitPrice"], line["PeriodTo"]) == (
        "CRM",
        "6000,00",
        "30.06.2027",
    )
    fee = dict(zip(header, rows[orders + 4], strict=True))
    assert (fee["Description"], fee["OrderLineUnitPrice"]) == ("Fakturagebyr", "45,00")
    credit_head = dict(zip(header, rows[orders + 5], strict=True))
    assert credit_head["Comment"] == "Kreditnota for faktura 10001"
    credit_line = dict(zip(header, rows[orders + 6], strict=True))
    assert (credit_line["OrderLineQuantity"], credit_line["OrderLineUnitPrice"]) == (
        "-1",
        "6000,00",
    )


def test_customer_master_lists_each_buyer_once() -> None:
    rows = _rows(customers_csv([_doc(), _doc(number="10002")]))
    assert tuple(rows[0]) == CUSTOMER_COLUMNS
    assert rows[1:] == [
        [
            "7",
            "923130969",
            "Kunde AS",
            "Postboks 12",
            "0101",
            "OSLO",
            "NO",
            "faktura@example.no",
            "paper",
            "yes",
            "no",
            "Kari Nordmann",
        ]
    ]


def test_receipt_parsing() -> None:
    assert parse_receipt(b"\xef\xbb\xbfreference;number\r\n1-1;7001\r\n1-2;7002\r\n") == {
        "1-1": 7001,
        "1-2": 7002,
    }
    assert parse_receipt(b"1-1,7001\n") == {"1-1": 7001}
    for bad in (b"1-1;x\n", b"1-1;7001\n1-1;7002\n", b";7001\n", b"reference;number\n"):
        with pytest.raises(ReceiptError):
            parse_receipt(bad)


def test_pdf_invoice_shows_what_the_law_and_the_bank_need(pdf_tools) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(buyer=_party(name=HOSTILE, reference=HOSTILE), description=HOSTILE)
    pdf = render_invoice(SELLER, doc)
    assert pdf == render_invoice(SELLER, doc)  # reproducible
    text = pdf_tools.normalise(pdf_tools.text(pdf))
    for expected in (
        "Faktura",
        "10001",
        doc.kid,
        "8601.11.17947",
        "Org.nr. 971 049 669 MVA",
        "Foretaksregisteret",
        "Forfallsdato",
        "16.01.2027",
        "01.01.2027",
        "30.06.2027",
        "Fakturagebyr",
        "Å betale",
        "MVA 25 %",
        "Org.nr. 923 130 969 MVA",
    ):
        assert expected in text, expected
    squeezed = pdf_tools.squeeze(text)
    assert pdf_tools.squeeze(HOSTILE) in squeezed  # literal, escaped, Sami letters present
    assert b"/URI" not in pdf and b"/Link" not in pdf
    credit = render_invoice(
        SELLER, _doc(InvoiceKind.CREDIT, credited=(DocumentRef("10001", date(2027, 1, 2)),))
    )
    credit_text = pdf_tools.normalise(pdf_tools.text(credit))
    assert "Kreditnota" in credit_text and "10001 av 02.01.2027" in credit_text
