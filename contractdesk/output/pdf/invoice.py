"""A Norwegian PDF invoice or credit note from a frozen run document (issue 15).

The same frozen values as the EHF file: seller with org number, ``MVA`` and
"Foretaksregisteret", buyer and invoice address, invoice and due date, KID, account number,
lines with their periods, the invoice fee, and the VAT summary. The document's language is
Norwegian (it is the legal invoice text, like the EHF), whatever the interface language. Every
value is escaped before it reaches a ReportLab paragraph; the fonts are the embedded TTFs.
Rendering is reproducible: the same document gives the same bytes.
"""

from __future__ import annotations

import io
import threading
from datetime import date
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from contractdesk.domain.invoicing.runs import RunDocument, Seller, format_account_number
from contractdesk.domain.orgnr import format_org_number
from contractdesk.output.pdf.formatting import format_money
from contractdesk.output.pdf.styles import ACCENT, RULE, TABLE_HEAD, get_styles
from contractdesk.output.text import para_text

_lock = threading.Lock()  # ReportLab's global state is not thread-safe
_WIDTH = A4[0] - 36 * mm


def invoice_file_name(doc: RunDocument) -> str:
    """``faktura-10001.pdf`` or ``kreditnota-10007.pdf``."""
    stem = "kreditnota" if doc.is_credit else "faktura"
    return f"{stem}-{doc.number or doc.reference}.pdf"


def _date(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _money(amount: Decimal) -> str:
    return format_money(amount)


def _p(text: object, style: object) -> Paragraph:
    return Paragraph(para_text(text), style)


def render_invoice(seller: Seller, doc: RunDocument) -> bytes:
    """The document as PDF bytes (A4, one or more pages)."""
    styles = get_styles()
    buf = io.BytesIO()
    title = "Kreditnota" if doc.is_credit else "Faktura"
    with _lock:
        pdf = SimpleDocTemplate(
            buf,
            pagesize=A4,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=16 * mm,
            bottomMargin=18 * mm,
            invariant=1,
            creator="ContractDesk",
            title=f"{title} {doc.number or doc.reference}",
            author=seller.name,
            initialFontName=styles.body.fontName,
        )
        pdf.build(_story(seller, doc, title))
    return buf.getvalue()


def _story(seller: Seller, doc: RunDocument, title: str) -> list[object]:
    s = styles = get_styles()
    org = format_org_number(seller.org_number)
    seller_lines = [
        f"<b>{para_text(seller.name)}</b>",
        *(para_text(x) for x in seller.address_lines),
        para_text(f"{seller.postcode} {seller.city}".strip()),
        para_text(f"Org.nr. {org} MVA"),
    ]
    if seller.in_business_register:
        seller_lines.append("Foretaksregisteret")
    if seller.email:
        seller_lines.append(para_text(seller.email))
    if seller.phone:
        seller_lines.append(para_text(f"Tlf. {seller.phone}"))
    b = doc.buyer
    buyer_lines = [
        f"<b>{para_text(b.name)}</b>",
        *(para_text(x) for x in b.address_lines),
        para_text(f"{b.postcode} {b.city}".strip()),
    ]
    if b.country_code and b.country_code.upper() != "NO":
        buyer_lines.append(para_text(b.country_code.upper()))
    buyer_lines.append(
        para_text(f"Org.nr. {format_org_number(b.org_number)}{' MVA' if b.vat_registered else ''}")
    )
    head = Table(
        [
            [
                Paragraph("<br/>".join(buyer_lines), s.party),
                Paragraph("<br/>".join(seller_lines), s.party),
            ]
        ],
        colWidths=[_WIDTH * 0.55, _WIDTH * 0.45],
    )
    head.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    facts = [
        ("Fakturanr." if not doc.is_credit else "Kreditnotanr.", doc.number or "(utkast)"),
        ("Fakturadato" if not doc.is_credit else "Dato", _date(doc.issue_date)),
    ]
    if not doc.is_credit:
        facts += [
            ("Forfallsdato", _date(doc.due_date)),
            ("KID", doc.kid or "-"),
            ("Kontonr.", format_account_number(seller.account_number)),
        ]
    facts += [
        ("Kundenr.", str(b.customer_number)),
        ("Deres ref.", b.buyer_reference),
    ]
    for ref in doc.credited:
        facts.append(("Krediterer faktura", f"{ref.number} av {_date(ref.issue_date)}"))
    facts_table = Table(
        [[_p(k, s.cell_head), _p(v, s.cell)] for k, v in facts],
        colWidths=[38 * mm, 62 * mm],
        hAlign="RIGHT",
    )
    facts_table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    rows: list[list[object]] = [
        [
            _p("Beskrivelse", s.cell_head),
            _p("Periode", s.cell_head),
            _p("Beløp", s.cell_head_right),
        ]
    ]
    for line in doc.lines:
        rows.append(
            [
                _p(line.description, s.cell),
                _p(f"{_date(line.period_start)}\u2013{_date(line.period_end)}", s.cell),
                _p(_money(line.amount), s.cell_right),
            ]
        )
    if doc.fee:
        rows.append([_p("Fakturagebyr", s.cell), _p("", s.cell), _p(_money(doc.fee), s.cell_right)])
    lines_table = Table(rows, colWidths=[_WIDTH * 0.5, _WIDTH * 0.3, _WIDTH * 0.2], repeatRows=1)
    lines_table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), TABLE_HEAD),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    summary = Table(
        [
            [_p("Grunnlag MVA 25 %", s.cell), _p(_money(doc.net), s.cell_right)],
            [_p("MVA 25 %", s.cell), _p(_money(doc.vat), s.cell_right)],
            [
                _p("Å betale" if not doc.is_credit else "Til gode", s.cell_head),
                _p(_money(doc.total), s.cell_head_right),
            ],
        ],
        colWidths=[50 * mm, 40 * mm],
        hAlign="RIGHT",
    )
    summary.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 2), (-1, 2), 0.8, ACCENT),
                ("BACKGROUND", (0, 2), (-1, 2), colors.HexColor("#f6f8fa")),
            ]
        )
    )
    note = (
        "Kreditnotaen gjøres opp mot fakturaen den krediterer."
        if doc.is_credit
        else (
            f"Betal til konto {format_account_number(seller.account_number)} med KID {doc.kid} "
            f"innen {_date(doc.due_date)}. Innsigelser må fremsettes før forfall. "
            f"Ved manglende betaling kan inkassovarsel sendes fra {_date(doc.collection_date)}."
            if doc.kid
            else f"Betal til konto {format_account_number(seller.account_number)} "
            f"innen {_date(doc.due_date)}."
        )
    )
    return [
        head,
        Spacer(1, 8 * mm),
        Paragraph(title, styles.title),
        Spacer(1, 2 * mm),
        facts_table,
        Spacer(1, 6 * mm),
        lines_table,
        Spacer(1, 4 * mm),
        summary,
        Spacer(1, 8 * mm),
        _p(note, s.note),
    ]
