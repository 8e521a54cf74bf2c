"""The one-page recovery sheet: the recovery key as text and as a QR code, and how to use it.

Drawn with plain canvas text (``drawString`` takes no markup, so user values such as the business
name appear literally) in the embedded DejaVu Sans. The texts are Norwegian with the English
below, since the sheet may be read years later by someone else.
"""

from __future__ import annotations

import io
from datetime import date

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from contractdesk.output.pdf.fonts import register_fonts

_STEPS = (
    "Slik gjenoppretter du på en ny maskin / How to restore on a new machine:",
    "1. Installer ContractDesk. / Install ContractDesk.",
    "2. Velg «Gjenopprett fra sikkerhetskopi» ved første start, velg siste sikkerhetskopi",
    "   (contractdesk-auto-….cdbackup) og skriv inn gjenopprettingsnøkkelen.",
    '   Choose "Restore from a backup" at first start, pick the newest backup, enter the key.',
    "3. Eller på kommandolinjen / or on the command line:",
    "   contractdesk backup restore FIL --recovery-key-file nøkkel.txt --yes",
)


def _clean(text: str) -> str:
    """One line of plain text: control characters dropped, at most 90 characters."""
    return "".join(ch for ch in text if ch.isprintable())[:90]


def render_recovery_sheet(
    recovery_key: str, *, business: str = "", data_dir: str = "", today: date | None = None
) -> bytes:
    """The sheet as PDF bytes."""
    fonts = register_fonts()
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=A4, pageCompression=1)
    pdf.setTitle("ContractDesk: gjenopprettingsark / recovery sheet")
    pdf.setAuthor("ContractDesk")
    width, height = A4
    left = 20 * mm
    y = height - 25 * mm
    pdf.setFont(fonts.bold, 18)
    pdf.drawString(left, y, "Gjenopprettingsark / Recovery sheet")
    y -= 9 * mm
    pdf.setFont(fonts.regular, 10)
    lines = [
        f"ContractDesk - {_clean(business)}" if business else "ContractDesk",
        f"Laget / made: {(today or date.today()).isoformat()}",
    ]
    if data_dir:
        lines.append(f"Datamappe / data folder: {_clean(data_dir)}")
    for line in lines:
        pdf.drawString(left, y, line)
        y -= 5.5 * mm
    y -= 6 * mm
    pdf.setFont(fonts.bold, 12)
    pdf.drawString(left, y, "Gjenopprettingsnøkkel / Recovery key")
    y -= 11 * mm
    pdf.setFont(fonts.bold, 16)
    pdf.drawString(left, y, _clean(recovery_key))
    y -= 8 * mm
    size = 60 * mm
    widget = QrCodeWidget(recovery_key, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, pdf, left, y - size)
    y -= size + 10 * mm
    pdf.setFont(fonts.regular, 10)
    warning = (
        "Med denne nøkkelen kan alle automatiske sikkerhetskopier åpnes, også uten passordet "
        "og uten denne maskinen. Oppbevar arket innelåst, adskilt fra sikkerhetskopiene.",
        "With this key every automatic backup can be opened, even without the passphrase and "
        "this machine. Keep the sheet locked away, apart from the backups.",
    )
    for paragraph in warning:
        for line in _wrap(paragraph, fonts.regular, 10, width - 2 * left):
            pdf.drawString(left, y, line)
            y -= 5 * mm
        y -= 2 * mm
    y -= 4 * mm
    for step in _STEPS:
        pdf.drawString(left, y, step)
        y -= 5.5 * mm
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and stringWidth(candidate, font, size) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines
