"""Send a message over SMTP (plain, STARTTLS or implicit TLS) with a named error for every failure.

Every failure maps to one ``SmtpError`` subclass the GUI can explain: the connection was
refused or the host not found, it timed out, TLS failed (bad certificate, no STARTTLS),
the login was refused, the server refused the sender or a recipient, or the server broke
the protocol. The password is never put in an error message.
"""

from __future__ import annotations

import contextlib
import copy
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from enum import Enum

from contractdesk.errors import UserFacingError


class SmtpSecurity(str, Enum):  # noqa: UP042 - StrEnum would change str()/format() of members
    """How the connection is protected."""

    NONE = "none"
    STARTTLS = "starttls"
    TLS = "tls"


class SmtpError(UserFacingError):
    """Sending failed; subclasses say why. ``host``/``port`` name the server."""

    def __init__(self, message: str, host: str = "", port: int = 0) -> None:
        super().__init__(message)
        self.host = host
        self.port = port


class SmtpConnectError(SmtpError):
    """The server could not be reached: refused, host not found, or connection dropped."""


class SmtpTimeoutError(SmtpError):
    """The server did not answer in time."""


class SmtpTlsError(SmtpError):
    """TLS failed: handshake or certificate error, or STARTTLS not offered."""


class SmtpAuthError(SmtpError):
    """The login was refused (wrong user or password) or no usable login method."""


class SmtpInsecureAuthError(SmtpError):
    """A password would be sent over an unencrypted connection; nothing was sent."""


class SmtpSenderRefused(SmtpError):
    """The server refused the sender address."""


class SmtpRecipientRefused(SmtpError):
    """The server refused the recipient(s); ``recipients`` maps address → (code, reply)."""

    def __init__(
        self, message: str, recipients: dict[str, tuple[int, str]], host: str = "", port: int = 0
    ) -> None:
        super().__init__(message, host, port)
        self.recipients = recipients


class SmtpProtocolError(SmtpError):
    """The server answered with an unexpected error (e.g. refused the message data)."""


@dataclass(frozen=True)
class SendReceipt:
    """A sent message: its id, the accepted recipients, and any refused ones (partial refusal)."""

    message_id: str
    accepted: tuple[str, ...]
    refused: dict[str, tuple[int, str]]


def _reply(code: int, raw: bytes | str) -> str:
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return f"{code} {text}".strip()


def _recipients(message: EmailMessage) -> list[str]:
    from email.utils import getaddresses

    fields = [str(v) for key in ("To", "Cc", "Bcc") for v in message.get_all(key, [])]
    return [addr for _, addr in getaddresses(fields) if addr]


def send_smtp(  # noqa: C901  listed in the shrink-only budget of tests/test_code_health.py
    message: EmailMessage,
    host: str,
    port: int,
    security: SmtpSecurity | str = SmtpSecurity.STARTTLS,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 30.0,
    *,
    ssl_context: ssl.SSLContext | None = None,
    allow_insecure_auth: bool = False,
    local_hostname: str | None = None,
) -> SendReceipt:
    """Send ``message`` (``X-Unsent`` removed) through the SMTP server.

    Args:
        message: the message; From/To/Cc/Bcc give the envelope.
        host: server name or address.
        port: 25/587 (plain/STARTTLS) or 465 (TLS) usually.
        security: ``none``, ``starttls`` or ``tls``.
        user: login name; no login when empty.
        password: the login password (from the keyring).
        timeout: seconds for connecting and for every reply.
        ssl_context: TLS settings; default: the system's trusted CAs, host name checked.
        allow_insecure_auth: permit a login over an unencrypted connection (not advised).
        local_hostname: the name sent in EHLO (default: this machine's FQDN).

    Raises:
        SmtpInsecureAuthError, SmtpConnectError, SmtpTimeoutError, SmtpTlsError,
        SmtpAuthError, SmtpSenderRefused, SmtpRecipientRefused, SmtpProtocolError.
    """
    sec = SmtpSecurity(security)
    if user and sec is SmtpSecurity.NONE and not allow_insecure_auth:
        raise SmtpInsecureAuthError(
            "Refusing to send the password unencrypted: choose STARTTLS or TLS", host, port
        )
    outgoing = copy.copy(message)
    del outgoing["X-Unsent"]
    context = ssl_context or ssl.create_default_context()
    phase = "connect"
    where = f"{host}:{port}"
    smtp: smtplib.SMTP | None = None
    try:
        if sec is SmtpSecurity.TLS:
            phase = "tls"
            smtp = smtplib.SMTP_SSL(
                host, port, timeout=timeout, context=context, local_hostname=local_hostname
            )
        else:
            smtp = smtplib.SMTP(host, port, timeout=timeout, local_hostname=local_hostname)
        phase = "ehlo"
        smtp.ehlo()
        if sec is SmtpSecurity.STARTTLS:
            phase = "tls"
            if not smtp.has_extn("starttls"):
                raise SmtpTlsError(f"{where} does not offer STARTTLS", host, port)
            smtp.starttls(context=context)
            smtp.ehlo()
        if user:
            phase = "auth"
            smtp.login(user, password or "")
        phase = "send"
        refused = smtp.send_message(outgoing)
        accepted = tuple(a for a in _recipients(outgoing) if a not in refused)
        receipt = SendReceipt(
            message_id=str(outgoing.get("Message-ID", "")),
            accepted=accepted,
            refused={k: (code, _reply(code, text)) for k, (code, text) in refused.items()},
        )
        # The message was accepted; a failed goodbye does not matter.
        with contextlib.suppress(smtplib.SMTPException, OSError):
            smtp.quit()
        smtp = None
        return receipt
    except SmtpError:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise SmtpAuthError(
            f"Login refused by {where}: {_reply(exc.smtp_code, exc.smtp_error)}", host, port
        ) from exc
    except smtplib.SMTPNotSupportedError as exc:
        cls: type[SmtpError] = SmtpTlsError if phase == "tls" else SmtpAuthError
        raise cls(f"{where} does not support this ({phase}): {exc}", host, port) from exc
    except smtplib.SMTPSenderRefused as exc:
        raise SmtpSenderRefused(
            f"{where} refused the sender {exc.sender}: {_reply(exc.smtp_code, exc.smtp_error)}",
            host,
            port,
        ) from exc
    except smtplib.SMTPRecipientsRefused as exc:
        rejected = {k: (code, _reply(code, text)) for k, (code, text) in exc.recipients.items()}
        details = "; ".join(f"{k}: {v[1]}" for k, v in rejected.items())
        raise SmtpRecipientRefused(
            f"{where} refused the recipient(s): {details}", rejected, host, port
        ) from exc
    except smtplib.SMTPServerDisconnected as exc:
        # smtplib reports a read timeout as a disconnect; the timeout is its context.
        if isinstance(exc.__context__, (socket.timeout, TimeoutError)):
            raise SmtpTimeoutError(
                f"{where} did not answer within {timeout:g} s ({phase})", host, port
            ) from exc
        if phase == "tls":
            raise SmtpTlsError(
                f"{where} closed the connection during TLS setup: {exc}", host, port
            ) from exc
        raise SmtpConnectError(
            f"{where} closed the connection ({phase}): {exc}", host, port
        ) from exc
    except smtplib.SMTPConnectError as exc:
        raise SmtpConnectError(
            f"{where} refused the session: {_reply(exc.smtp_code, exc.smtp_error)}", host, port
        ) from exc
    except smtplib.SMTPResponseException as exc:
        raise SmtpProtocolError(
            f"{where} answered {_reply(exc.smtp_code, exc.smtp_error)} ({phase})", host, port
        ) from exc
    except smtplib.SMTPException as exc:
        kind: type[SmtpError] = SmtpAuthError if phase == "auth" else SmtpProtocolError
        raise kind(f"{where}: {exc} ({phase})", host, port) from exc
    except TimeoutError as exc:
        raise SmtpTimeoutError(
            f"{where} did not answer within {timeout:g} s ({phase})", host, port
        ) from exc
    except ssl.CertificateError as exc:
        raise SmtpTlsError(f"The certificate of {where} is not valid: {exc}", host, port) from exc
    except ssl.SSLError as exc:
        raise SmtpTlsError(f"TLS with {where} failed: {exc.reason or exc}", host, port) from exc
    except ConnectionRefusedError as exc:
        raise SmtpConnectError(
            f"{where} refused the connection (is the port right?)", host, port
        ) from exc
    except socket.gaierror as exc:
        raise SmtpConnectError(
            f"Host {host!r} not found: {exc.strerror or exc}", host, port
        ) from exc
    except OSError as exc:
        failure: type[SmtpError] = SmtpTlsError if phase == "tls" else SmtpConnectError
        raise failure(
            f"Connection to {where} failed ({phase}): {exc.strerror or exc}", host, port
        ) from exc
    finally:
        if smtp is not None:
            with contextlib.suppress(OSError):
                smtp.close()
