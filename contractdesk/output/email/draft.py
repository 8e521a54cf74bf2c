"""Build the agreement e-mail (an ``.eml`` draft with ``X-Unsent: 1`` and the PDF attached)."""

from __future__ import annotations

import os
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime, make_msgid
from pathlib import Path

from email_validator import EmailNotValidError, validate_email

from contractdesk.errors import UserFacingError

from ..atomic import save_atomic
from ..pdf.model import AgreementInput
from ..text import clean_text, safe_filename_part
from .template import DEFAULT_TEMPLATE, EmailTemplate, email_values, render_template


class InvalidAddress(UserFacingError, ValueError):
    """An e-mail address is not valid; ``address`` is the text given."""

    def __init__(self, address: str, reason: str) -> None:
        super().__init__(f"Invalid e-mail address {address!r}: {reason}")
        self.address = address


def make_address(addr: str, name: str = "") -> Address:
    """A checked ``Address`` (syntax only, no DNS lookup); the display name is cleaned.

    Raises:
        InvalidAddress: not a valid address.
    """
    text = clean_text(addr, 320).strip()
    try:
        valid = validate_email(text, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        raise InvalidAddress(addr, str(exc)) from exc
    return Address(
        display_name=clean_text(name, 200).strip(),
        username=valid.local_part,
        domain=valid.ascii_domain,
    )


def attachment_filename(inp: AgreementInput, prefix: str = "Avtale") -> str:
    """``Avtale-912345674-17.04.2021.pdf``: only safe ASCII-ish file-name characters."""
    org = "".join(ch for ch in inp.customer.org_number if ch.isdigit()) or "kunde"
    return (
        f"{safe_filename_part(prefix, 40)}-{safe_filename_part(org, 40)}-"
        f"{safe_filename_part(inp.terms_label, 60)}.pdf"
    )


def build_message(
    *,
    sender: Address,
    recipients: list[Address],
    subject: str,
    body: str,
    attachment: bytes | None = None,
    attachment_name: str = "avtale.pdf",
    unsent: bool = True,
    date: datetime | None = None,
) -> EmailMessage:
    """A plain-text message with an optional PDF attachment.

    ``unsent`` adds ``X-Unsent: 1`` so mail programs (Outlook) open the ``.eml`` as a draft
    ready to send; ``send_smtp`` removes it before sending.
    """
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = recipients
    msg["Subject"] = clean_text(subject, 250)
    msg["Date"] = format_datetime(date or datetime.now().astimezone())
    msg["Message-ID"] = make_msgid(domain=sender.domain or None)
    if unsent:
        msg["X-Unsent"] = "1"
    msg.set_content(clean_text(body, 100_000, multiline=True))
    if attachment is not None:
        msg.add_attachment(
            attachment,
            maintype="application",
            subtype="pdf",
            filename=safe_filename_part(attachment_name, 120),
        )
    return msg


def agreement_draft(
    inp: AgreementInput,
    pdf: bytes,
    recipient_email: str,
    recipient_name: str = "",
    *,
    template: EmailTemplate = DEFAULT_TEMPLATE,
    sender_email: str | None = None,
    sender_name: str | None = None,
) -> EmailMessage:
    """The agreement e-mail for one customer: the template filled, the PDF attached.

    Args:
        inp: the agreement (its fields fill the template).
        pdf: the rendered agreement (``render_agreement(inp)``).
        recipient_email: the main contact's address.
        recipient_name: their name (``{recipient.name}``; the customer's name when empty).
        template: subject and body with fields.
        sender_email: the From address; default the supplier's e-mail.
        sender_name: the From name; default the supplier's name.

    Raises:
        InvalidAddress: the recipient or sender address is not valid.
        TemplateError: the template uses an unknown field.
    """
    values = email_values(inp, recipient_name or inp.customer.name)
    subject, body = render_template(template, values)
    sender = make_address(
        sender_email or inp.supplier.email,
        sender_name if sender_name is not None else inp.supplier.name,
    )
    recipient = make_address(recipient_email, recipient_name)
    return build_message(
        sender=sender,
        recipients=[recipient],
        subject=subject,
        body=body,
        attachment=pdf,
        attachment_name=attachment_filename(inp),
    )


def eml_bytes(message: EmailMessage) -> bytes:
    """The message as an ``.eml`` file (RFC 5322, CRLF line ends)."""
    return message.as_bytes(policy=SMTP_POLICY)


def save_eml(path: str | os.PathLike[str], message: EmailMessage) -> Path:
    """Save the message as an ``.eml`` draft, atomically."""
    return save_atomic(path, eml_bytes(message))
