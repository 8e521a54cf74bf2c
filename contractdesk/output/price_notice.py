"""The §13.1 price adjustment letter (varsel om prisjustering), in Norwegian: PDF and e-mail.

Everything from the store is escaped before it goes into the PDF; the fonts are the embedded
DejaVu faces. The texts are the letter's own Norwegian wording (a document to the customer,
not the app's interface).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from email.message import EmailMessage

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from contractdesk.output.email.draft import build_message, make_address
from contractdesk.output.pdf.fonts import register_fonts
from contractdesk.output.text import para_text, safe_filename_part


@dataclass(frozen=True)
class NoticeLine:
    """One service in the letter: its name and annual (or unit) price before and after."""

    service: str
    old_price: Decimal
    new_price: Decimal
    per_unit: bool = False


@dataclass(frozen=True)
class PriceNoticeLetter:
    """What one customer's letter says."""

    supplier_name: str
    supplier_org_number: str
    supplier_email: str
    customer_name: str
    customer_org_number: str
    address_lines: tuple[str, ...]
    letter_date: date
    effective: date
    index_year: int
    index_change: Decimal
    lines: tuple[NoticeLine, ...]


def _kr(amount: Decimal) -> str:
    """Norwegian money: ``12 360,00``."""
    text = f"{amount:,.2f}" if amount == amount.quantize(Decimal("0.01")) else f"{amount:,}"
    return text.replace(",", "\u00a0").replace(".", ",")


def _d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def notice_file_stem(letter: PriceNoticeLetter) -> str:
    """``Prisjustering-<org>-<effective>``."""
    org = safe_filename_part(letter.customer_org_number, 20)
    return f"Prisjustering-{org}-{letter.effective.isoformat()}"


def notice_text(letter: PriceNoticeLetter) -> str:
    """The letter's body as plain text (the e-mail body; the PDF says the same)."""
    percent = f"{letter.index_change * 100:.1f}".replace(".", ",")
    rows = "\n".join(
        f"- {line.service}: {_kr(line.old_price)} → {_kr(line.new_price)} kr"
        + (" per enhet" if line.per_unit else " per år")
        for line in letter.lines
    )
    return (
        f"Til {letter.customer_name}\n\n"
        f"Varsel om prisjustering fra {_d(letter.effective)}\n\n"
        f"I samsvar med avtalevilkårenes punkt 13.1 justerer {letter.supplier_name} prisene "
        f"en gang i året i tråd med konsumprisindeksen. Konsumprisindeksen (Statistisk "
        f"sentralbyrå) steg {percent} % fra {letter.index_year - 1} til {letter.index_year}.\n\n"
        f"Fra {_d(letter.effective)} gjelder disse prisene (eks. mva.):\n{rows}\n\n"
        f"Ta kontakt med oss på {letter.supplier_email} om du har spørsmål.\n\n"
        f"Med vennlig hilsen\n{letter.supplier_name}\n"
    )


def render_notice_pdf(letter: PriceNoticeLetter) -> bytes:
    """The letter as a one-page A4 PDF."""
    fonts = register_fonts()
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=10.5, leading=14)
    head = ParagraphStyle("head", parent=body, fontName=fonts.bold, fontSize=13, leading=17)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=25 * mm,
        bottomMargin=25 * mm,
        title=para_text(f"Prisjustering {letter.customer_name}", 200),
        author=para_text(letter.supplier_name, 200),
    )
    sender = f"{letter.supplier_name}, org.nr. {letter.supplier_org_number}"
    address = "<br/>".join(para_text(x, 200) for x in (letter.customer_name, *letter.address_lines))
    paragraphs = notice_text(letter).split("\n\n")
    rows = [["Tjeneste", "Pris nå", "Ny pris"]] + [
        [
            Paragraph(para_text(line.service, 200), body),
            _kr(line.old_price),
            _kr(line.new_price) + (" / enhet" if line.per_unit else " / år"),
        ]
        for line in letter.lines
    ]
    table = Table(rows, colWidths=[80 * mm, 35 * mm, 45 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.regular, 10),
                ("FONT", (0, 0), (-1, 0), fonts.bold, 10),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, "#444444"),
            ]
        )
    )
    story = [
        Paragraph(para_text(sender, 300), body),
        Spacer(1, 8 * mm),
        Paragraph(address, body),
        Spacer(1, 8 * mm),
        Paragraph(_d(letter.letter_date), body),
        Spacer(1, 6 * mm),
        Paragraph(para_text(paragraphs[1], 300), head),
        Spacer(1, 4 * mm),
        Paragraph(para_text(paragraphs[2], 2000), body),
        Spacer(1, 4 * mm),
        Paragraph(para_text(paragraphs[3].split("\n")[0], 300), body),
        Spacer(1, 2 * mm),
        table,
        Spacer(1, 6 * mm),
        Paragraph(para_text(paragraphs[4], 500), body),
        Spacer(1, 6 * mm),
        Paragraph(para_text(paragraphs[5], 500, multiline=True), body),
    ]
    doc.build(story)
    return buffer.getvalue()


def notice_email(letter: PriceNoticeLetter, pdf: bytes, recipient: str) -> EmailMessage:
    """The letter as an e-mail draft to ``recipient`` with the PDF attached.

    Raises:
        InvalidAddress: the recipient's or the supplier's address is not valid.
    """
    return build_message(
        sender=make_address(letter.supplier_email, letter.supplier_name),
        recipients=[make_address(recipient, letter.customer_name)],
        subject=f"Varsel om prisjustering fra {_d(letter.effective)}",
        body=notice_text(letter),
        attachment=pdf,
        attachment_name=notice_file_stem(letter) + ".pdf",
    )
