"""The SMTP server agreements are sent through, and what each way of failing tells the user."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.services.validation import clean_text, normalise_email

__all__ = ["SECURITY_CHOICES", "SendError", "SmtpSettings", "send_error"]

SECURITY_CHOICES = ("none", "starttls", "tls")


def _t(text: str, *values: object) -> str:
    return fill(text, *values)


@dataclass(frozen=True)
class SmtpSettings:
    """The SMTP server to send agreements through (never the password: see ``smtp_password``)."""

    host: str = ""
    port: int = 587
    security: str = "starttls"
    user: str = ""
    sender_email: str = ""
    """The From address; empty: the supplier's e-mail."""
    timeout: float = 30.0

    @property
    def configured(self) -> bool:
        return bool(self.host)

    def validated(self) -> SmtpSettings:
        """A cleaned copy, or UserError naming the first bad field."""
        host = clean_text(self.host, field=translate("DocumentService", "Server"), max_len=253)
        if any(ch.isspace() for ch in host) or "/" in host:
            raise UserError(
                _t(translate("DocumentService", "Server: %1 is not a host name."), repr(host)),
                field="host",
            )
        try:
            port = int(self.port)
        except (TypeError, ValueError):
            raise UserError(
                translate("DocumentService", "Port must be a number."), field="port"
            ) from None
        if not 1 <= port <= 65535:
            raise UserError(
                translate("DocumentService", "Port must be between 1 and 65535."), field="port"
            )
        security = str(self.security or "").strip().lower()
        if security not in SECURITY_CHOICES:
            raise UserError(
                _t(
                    translate("DocumentService", "Security must be none, starttls or tls, not %1."),
                    repr(self.security),
                ),
                field="security",
            )
        user = clean_text(self.user, field=translate("DocumentService", "User"), max_len=320)
        sender = (
            normalise_email(self.sender_email, field=translate("DocumentService", "Sender"))
            if self.sender_email
            else ""
        )
        try:
            timeout = float(self.timeout)
        except (TypeError, ValueError):
            timeout = 30.0
        return SmtpSettings(host, port, security, user, sender, min(max(timeout, 1.0), 300.0))

    def as_dict(self) -> dict[str, Any]:
        return {
            "host": self.host,
            "port": self.port,
            "security": self.security,
            "user": self.user,
            "sender_email": self.sender_email,
            "timeout": self.timeout,
        }

    @classmethod
    def from_data(cls, data: object) -> SmtpSettings:
        if not isinstance(data, Mapping):
            return cls()
        try:
            port = int(data.get("port") or 587)
        except (TypeError, ValueError):
            port = 587
        try:
            timeout = float(data.get("timeout") or 30.0)
        except (TypeError, ValueError):
            timeout = 30.0
        return cls(
            str(data.get("host") or ""),
            port,
            str(data.get("security") or "starttls"),
            str(data.get("user") or ""),
            str(data.get("sender_email") or ""),
            timeout,
        )


class SendError(UserError):
    """Sending failed (nothing was marked sent). ``kind`` names the failure, ``detail`` the
    server's words."""

    def __init__(self, message: str, *, kind: str, detail: str = "") -> None:
        super().__init__(message + (f" ({detail})" if detail else ""))
        self.kind = kind
        self.detail = detail


def send_error(exc: Exception, smtp: SmtpSettings) -> SendError:
    """A clear message for each way sending can fail (the server's words as detail; never the
    password)."""
    from contractdesk.output import email as mail

    where = f"{smtp.host}:{smtp.port}"
    detail = str(exc)
    cases: list[tuple[type[Exception], str, str]] = [
        (
            mail.SmtpInsecureAuthError,
            "insecure_auth",
            translate(
                "DocumentService",
                "The password would be sent unencrypted: choose STARTTLS or TLS in the e-mail "
                "settings.",
            ),
        ),
        (
            mail.SmtpTimeoutError,
            "timeout",
            _t(
                translate(
                    "DocumentService",
                    "The mail server %1 did not answer in time. Nothing was sent.",
                ),
                where,
            ),
        ),
        (
            mail.SmtpTlsError,
            "tls",
            _t(
                translate(
                    "DocumentService",
                    "The secure connection to %1 failed: check the security setting "
                    "(STARTTLS or TLS) and the port. Nothing was sent.",
                ),
                where,
            ),
        ),
        (
            mail.SmtpAuthError,
            "auth",
            _t(
                translate(
                    "DocumentService",
                    "The mail server %1 refused the login: check the user name and password. "
                    "Nothing was sent.",
                ),
                where,
            ),
        ),
        (
            mail.SmtpSenderRefused,
            "sender",
            _t(
                translate(
                    "DocumentService",
                    "The mail server %1 refused the sender address. Nothing was sent.",
                ),
                where,
            ),
        ),
        (
            mail.SmtpRecipientRefused,
            "recipient",
            _t(
                translate(
                    "DocumentService",
                    "The mail server %1 refused the recipient's address. Nothing was sent.",
                ),
                where,
            ),
        ),
        (
            mail.SmtpConnectError,
            "connect",
            _t(
                translate(
                    "DocumentService",
                    "Could not reach the mail server %1: check the server name, the port and the "
                    "network. Nothing was sent.",
                ),
                where,
            ),
        ),
        (
            mail.SmtpProtocolError,
            "protocol",
            _t(
                translate(
                    "DocumentService",
                    "The mail server %1 answered with an error. Nothing was sent.",
                ),
                where,
            ),
        ),
    ]
    for cls, kind, message in cases:
        if isinstance(exc, cls):
            return SendError(message, kind=kind, detail=detail)
    return SendError(
        _t(translate("DocumentService", "Sending through %1 failed. Nothing was sent."), where),
        kind="error",
        detail=detail,
    )
