"""SMTP sending against a real local server (aiosmtpd on 127.0.0.1): success and every named failure."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
from collections.abc import Iterator
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from contractdesk.output.email import (
    SmtpAuthError,
    SmtpConnectError,
    SmtpInsecureAuthError,
    SmtpRecipientRefused,
    SmtpSecurity,
    SmtpSenderRefused,
    SmtpTimeoutError,
    SmtpTlsError,
    agreement_draft,
    send_smtp,
)
from contractdesk.output.pdf.sample import sample_input

HOST = "127.0.0.1"
PDF = b"%PDF-1.4\n%%EOF\n"


class Sink:
    """Collects delivered messages; refuses recipients at nobody@…"""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if address.startswith("blocked@"):
            return "550 5.7.1 Sender not allowed"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("nobody@"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted"


def _authenticator(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == b"frode"
        and auth_data.password == b"hemmelig"
    )
    return AuthResult(success=ok, handled=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def cert_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(HOST))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def _server_context(cert_files: tuple[Path, Path]) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(*map(str, cert_files))
    return ctx


def _client_context(cert_files: tuple[Path, Path]) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(cert_files[0]))


def _run(controller: Controller) -> Iterator[Controller]:
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()


@pytest.fixture
def plain_server() -> Iterator[Controller]:
    yield from _run(Controller(Sink(), hostname=HOST, port=_free_port()))


@pytest.fixture
def starttls_server(cert_files) -> Iterator[Controller]:
    yield from _run(
        Controller(
            Sink(),
            hostname=HOST,
            port=_free_port(),
            tls_context=_server_context(cert_files),
            require_starttls=True,
            authenticator=_authenticator,
            auth_require_tls=True,
        )
    )


@pytest.fixture
def tls_server(cert_files) -> Iterator[Controller]:
    yield from _run(
        Controller(
            Sink(),
            hostname=HOST,
            port=_free_port(),
            ssl_context=_server_context(cert_files),
            authenticator=_authenticator,
            # aiosmtpd counts only STARTTLS as TLS; this whole session is TLS already
            auth_require_tls=False,
            server_hostname="localhost",
        )
    )


def _message(to: str = "ailu@example.com"):
    return agreement_draft(sample_input(), PDF, to, "Áilu Ŋuolja Đuđi")


def test_plain_send_delivers_the_message_without_the_unsent_flag(plain_server: Controller) -> None:
    msg = _message()
    assert msg["X-Unsent"] == "1"
    receipt = send_smtp(msg, HOST, plain_server.port, SmtpSecurity.NONE, timeout=10)
    assert receipt.accepted == ("ailu@example.com",) and receipt.refused == {}
    [envelope] = plain_server.handler.envelopes
    assert envelope.mail_from == "post@example.no"
    assert envelope.rcpt_tos == ["ailu@example.com"]
    got = message_from_bytes(envelope.content, policy=policy.default)
    assert got["X-Unsent"] is None
    assert got["Subject"] == msg["Subject"]
    assert got["Message-ID"] == receipt.message_id
    [att] = list(got.iter_attachments())
    assert att.get_content() == PDF
    assert msg["X-Unsent"] == "1"  # the caller's draft is left as it was


def test_starttls_with_login_delivers(starttls_server: Controller, cert_files) -> None:
    receipt = send_smtp(
        _message(),
        HOST,
        starttls_server.port,
        "starttls",
        "frode",
        "hemmelig",
        10,
        ssl_context=_client_context(cert_files),
    )
    assert receipt.accepted == ("ailu@example.com",)
    assert len(starttls_server.handler.envelopes) == 1


def test_implicit_tls_with_login_delivers(tls_server: Controller, cert_files) -> None:
    send_smtp(
        _message(),
        HOST,
        tls_server.port,
        SmtpSecurity.TLS,
        "frode",
        "hemmelig",
        10,
        ssl_context=_client_context(cert_files),
    )
    assert len(tls_server.handler.envelopes) == 1


def test_wrong_password_is_an_auth_error_without_the_password(
    starttls_server: Controller, cert_files
) -> None:
    with pytest.raises(SmtpAuthError) as err:
        send_smtp(
            _message(),
            HOST,
            starttls_server.port,
            "starttls",
            "frode",
            "feil-passord-123",
            10,
            ssl_context=_client_context(cert_files),
        )
    assert "feil-passord-123" not in str(err.value)
    assert "535" in str(err.value)
    assert starttls_server.handler.envelopes == []


def test_untrusted_certificate_is_a_tls_error(
    starttls_server: Controller, tls_server: Controller
) -> None:
    with pytest.raises(SmtpTlsError):
        send_smtp(_message(), HOST, starttls_server.port, "starttls", "frode", "hemmelig", 10)
    with pytest.raises(SmtpTlsError):
        send_smtp(_message(), HOST, tls_server.port, "tls", "frode", "hemmelig", 10)


def test_starttls_not_offered_is_a_tls_error(plain_server: Controller) -> None:
    with pytest.raises(SmtpTlsError, match="STARTTLS"):
        send_smtp(_message(), HOST, plain_server.port, "starttls", timeout=10)
    assert plain_server.handler.envelopes == []


def test_refused_recipient_is_named(plain_server: Controller) -> None:
    with pytest.raises(SmtpRecipientRefused) as err:
        send_smtp(_message("nobody@example.com"), HOST, plain_server.port, "none", timeout=10)
    assert "nobody@example.com" in err.value.recipients
    assert err.value.recipients["nobody@example.com"][0] == 550


def test_refused_sender_is_named(plain_server: Controller) -> None:
    msg = agreement_draft(
        sample_input(), PDF, "ailu@example.com", sender_email="blocked@example.no"
    )
    with pytest.raises(SmtpSenderRefused, match=r"blocked@example\.no"):
        send_smtp(msg, HOST, plain_server.port, "none", timeout=10)
    assert plain_server.handler.envelopes == []


def test_refused_connection_is_a_connect_error() -> None:
    with pytest.raises(SmtpConnectError, match="refused"):
        send_smtp(_message(), HOST, _free_port(), "none", timeout=5)


def test_silent_server_is_a_timeout() -> None:
    with socket.socket() as listener:
        listener.bind((HOST, 0))
        listener.listen(1)  # accepts the TCP connection but never greets
        with pytest.raises(SmtpTimeoutError):
            send_smtp(_message(), HOST, listener.getsockname()[1], "none", timeout=0.5)


def test_password_over_plain_text_is_refused_before_connecting() -> None:
    with pytest.raises(SmtpInsecureAuthError):
        send_smtp(_message(), HOST, _free_port(), "none", "frode", "hemmelig", 5)
