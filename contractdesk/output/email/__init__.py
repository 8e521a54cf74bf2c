"""The agreement e-mail: template, ``.eml`` draft, and SMTP sending with named errors."""

from __future__ import annotations

from .draft import (
    InvalidAddress,
    agreement_draft,
    attachment_filename,
    build_message,
    eml_bytes,
    make_address,
    save_eml,
)
from .smtp import (
    SendReceipt,
    SmtpAuthError,
    SmtpConnectError,
    SmtpError,
    SmtpInsecureAuthError,
    SmtpProtocolError,
    SmtpRecipientRefused,
    SmtpSecurity,
    SmtpSenderRefused,
    SmtpTimeoutError,
    SmtpTlsError,
    send_smtp,
)
from .template import (
    DEFAULT_TEMPLATE,
    EmailTemplate,
    TemplateError,
    email_values,
    render_template,
    validate_template,
)

__all__ = [
    "DEFAULT_TEMPLATE",
    "EmailTemplate",
    "InvalidAddress",
    "SendReceipt",
    "SmtpAuthError",
    "SmtpConnectError",
    "SmtpError",
    "SmtpInsecureAuthError",
    "SmtpProtocolError",
    "SmtpRecipientRefused",
    "SmtpSecurity",
    "SmtpSenderRefused",
    "SmtpTimeoutError",
    "SmtpTlsError",
    "TemplateError",
    "agreement_draft",
    "attachment_filename",
    "build_message",
    "email_values",
    "eml_bytes",
    "make_address",
    "render_template",
    "save_eml",
    "send_smtp",
    "validate_template",
]
