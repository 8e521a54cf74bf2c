"""Agreement documents from the store: parties, services, signatory and warnings, sub-processors,
footer, reuse of the agreement, refusals, the e-mail draft and template, SMTP sending (real local
server), batches."""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import ssl
import subprocess
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from documents_testkit import (
    HOST,
    NAME_A,
    ORG_A,
    ORG_B,
    ORG_DELETED,
    V1,
    free_port,
    run_server,
    seed,
)
from store_testkit import MemoryKeyring, installed

from contractdesk.domain.fingerprint import short_fingerprint
from contractdesk.domain.terms.importer import to_plain_text
from contractdesk.services.documents import SendError, SmtpSettings
from contractdesk.services.errors import UserError
from contractdesk.services.smtp_password import SMTP_PASSWORD_ENV, SmtpPasswordError

pytestmark = pytest.mark.both_engines  # each test runs on SQLite and on PostgreSQL

TODAY = date(2026, 3, 2)


@pytest.fixture
def docs(services):  # type: ignore[no-untyped-def]
    services.people_ids = seed(services)
    return services


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return out.stdout.replace("\u00a0", " ")


# -- mapping ---------------------------------------------------------------------------------------


def test_the_input_maps_parties_services_signatories_and_the_version(docs) -> None:  # type: ignore[no-untyped-def]
    prepared = docs.documents.prepare(ORG_A, today=TODAY)
    inp, ref = prepared.input, prepared.ref
    assert (inp.supplier.name, inp.supplier.org_number, inp.supplier.phone) == (
        "Webmaster Heimen",
        "971049669",
        "91 91 59 80",
    )
    assert inp.customer.name == NAME_A and inp.customer.org_number == ORG_A
    assert (inp.customer.address_lines, inp.customer.postcode, inp.customer.city) == (
        ("Storgata 1",),
        "6413",
        "MOLDE",
    )
    assert (inp.customer.email, inp.customer.phone) == ("post@testesen.no", "71 23 45 67")
    assert [
        (s.name, s.price, s.invoice_period, s.binding, s.invoice_fee) for s in inp.services
    ] == [
        (
            "CRM-lisens, 5 brukere",
            Decimal("12000.00"),
            "Kvartalsvis (pris per år)",
            "Til og med 31.12.2026",
            Decimal("45.00"),
        ),
        (
            "SMS-utsending",
            Decimal("0.45"),
            "Månedlig, etterskuddsvis (pris per enhet)",
            "Ingen",
            Decimal("45.00"),
        ),
        ("Oppsett og opplæring", Decimal("4500.00"), "Engangskostnad", "Ingen", Decimal("45.00")),
    ]
    # The general manager signs; the registry makes her a signatory: no warning.
    assert inp.customer_signatory is not None
    assert (
        inp.customer_signatory.name,
        inp.customer_signatory.role,
        inp.customer_signatory.warning,
    ) == ("Kari Nordmann", "Daglig leder", None)
    assert (inp.supplier_signatory.name, inp.supplier_signatory.role) == (
        "Frode Heimen",
        "Daglig leder",
    )
    version = docs.terms.get(V1)
    assert inp.terms_label == V1 and inp.terms_sha256 == version.row.sha256
    # §17.7 lists the register's sub-processors, never the supplier itself.
    assert [s.name for s in inp.subprocessors] == [
        s.name for s in version.subprocessors if s.name != "Webmaster Heimen"
    ]
    assert len(inp.subprocessors) >= 5
    link = next(s for s in inp.subprocessors if s.name == "LinkMobility AS")
    assert link.restriction == "Kun mobilnummer"
    assert ("agreement.date", "02.03.2026") in inp.extra_fields
    assert ref.signatory_person_id == docs.people_ids["kari"] and ref.warnings == ()
    assert ref.created and ref.state == "draft" and re.fullmatch(r"CD-\d{4}-\d{6}", ref.document_id)
    assert docs.agreements.get_agreement(ref.document_id).terms_label == V1


def test_the_same_open_agreement_is_reused_and_a_signed_one_gives_a_copy(docs) -> None:  # type: ignore[no-untyped-def]
    first = docs.documents.prepare(ORG_A, today=TODAY).ref
    again = docs.documents.prepare(ORG_A, today=TODAY).ref
    assert again.document_id == first.document_id and not again.created
    docs.agreements.record_acceptance(
        ORG_A,
        V1,
        method="paper",
        signed_by_person_id=docs.people_ids["kari"],
        accepted_on=TODAY,
        today=TODAY,
    )
    copy = docs.documents.prepare(ORG_A, today=TODAY).ref
    assert copy.document_id == first.document_id and copy.state == "active"
    assert len(docs.agreements.agreements(ORG_A)) == 1


def test_a_chosen_person_the_registry_does_not_make_a_signatory_is_printed_the_user_warned(  # type: ignore[no-untyped-def]
    docs, tmp_path
) -> None:
    pdf, ref = docs.documents.agreement_pdf(ORG_A, signatory=docs.people_ids["ola"], today=TODAY)
    assert ref.signatory_name == "Ola Nordmann"
    # The chair of the board signs only with others by the registry (the ledger's rule and words).
    assert ref.warnings == (
        (
            "Ola Nordmann may sign for Testesen Åse & Sønner AS only together with others by the "
            "registry data; signing rule: Daglig leder alene."
        ),
    )
    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert "Ola Nordmann" in text and "Styrets leder" in text
    # The warning is the user's to act on, in the app: the customer's document never carries it.
    assert "Merk:" not in text and "har ikke signaturrett alene" not in text


def test_without_registry_data_or_people_the_signature_line_has_no_name_and_the_user_is_told(
    docs,
) -> None:  # type: ignore[no-untyped-def]
    prepared = docs.documents.prepare(ORG_B, today=TODAY)
    assert prepared.input.customer_signatory is None and prepared.input.services == ()
    assert prepared.ref.warnings == (
        "No signing rule is registered: confirm by hand who may sign.",
        (
            "No signatory is known for Fjordkraft Prøve AS: the customer's signature line "
            "is left without a name."
        ),
    )


def test_the_pdf_shows_the_customer_and_on_every_page_the_footer(docs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pdf, ref = docs.documents.agreement_pdf(ORG_A, today=TODAY)
    text = pdf_text(pdf, tmp_path)
    pages = text.split("\f")[:-1]
    assert len(pages) > 10
    assert NAME_A in text and "923 130 969" in text and "Storgata 1" in text
    assert ref.fingerprint is not None and re.fullmatch(r"[0-9a-f]{64}", ref.fingerprint)
    short = short_fingerprint(ref.fingerprint)
    for number, page in enumerate(pages, 1):
        flat = " ".join(page.split())
        assert f"Dokument-ID: {ref.document_id}" in flat and V1 in flat and short in flat
        assert f"Side {number} av {len(pages)}" in flat
    sheet, sheet_ref = docs.documents.signature_sheet(ORG_A, today=TODAY)
    sheet_text = pdf_text(sheet, tmp_path)
    assert sheet_text.count("\f") == 1 and sheet_ref.document_id == ref.document_id
    assert (
        "For kunden" in sheet_text
        and "Kari Nordmann" in sheet_text
        and "For Webmaster Heimen" in sheet_text
    )


def test_version_fields_are_filled_and_missing_ones_reported(docs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    draft = docs.terms.copy_to_draft(V1, "2026-05-01")
    text = (
        to_plain_text(draft.document)
        .replace(
            "Avtalevilkår",
            "Avtalevilkår for {customer.name}, se {supplier.website}, verneting {supplier.venue}",
            1,
        )
        .replace(
            "Dato for gjeldende avtalevilkår er: 17.04.2021",
            "Gjelder fra {terms.effective_date} for {customer.org_number} "
            "({customer_signatory.name})",
        )
    )
    assert "{terms.effective_date}" in text
    docs.terms.update_draft("2026-05-01", text=text)
    docs.terms.publish("2026-05-01", date(2026, 5, 1), confirm_gaps=True, today=TODAY)
    docs.documents.set_document_fields({"supplier.website": "https://heimen.example"}, actor="test")
    pdf, ref = docs.documents.agreement_pdf(ORG_A, terms="2026-05-01", today=TODAY)
    flat = " ".join(pdf_text(pdf, tmp_path).split())
    assert (
        f"Avtalevilkår for {NAME_A}, se https://heimen.example, verneting {{supplier.venue}}"
        in flat
    )
    assert "Gjelder fra 01.05.2026 for 923 130 969 (Kari Nordmann)" in flat
    assert ref.terms_label == "2026-05-01"
    assert (
        ref.warnings[-1] == "The terms use {supplier.venue} with no value: set it in the settings."
    )
    # Without --terms the version in effect today (the 2021 one) is used.
    assert docs.documents.prepare(ORG_A, today=TODAY).ref.terms_label == V1


# -- refusals --------------------------------------------------------------------------------------


def test_a_deleted_company_gets_no_agreement_and_nothing_is_made(docs) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(
        UserError,
        match="Slettet Selskap AS \\(926 511 890\\): The company is deleted in the registry",
    ):
        docs.documents.agreement_pdf(ORG_DELETED, today=TODAY)
    assert docs.agreements.agreements(ORG_DELETED) == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"terms": "nope"}, "No terms version 'nope'"),
        ({"signatory": 999}, "No person with id 999"),
        ({"org_number": "923130968"}, "check digit"),
        (
            {"org_number": "990001111"},
            "No customer with organisation number 990 001 111; register it first.",
        ),
    ],
)
def test_unknown_inputs_are_refused_with_a_clear_message(docs, kwargs, message) -> None:  # type: ignore[no-untyped-def]
    args = {"org_number": ORG_A, **kwargs}
    with pytest.raises(UserError, match=message):
        docs.documents.prepare(args.pop("org_number"), today=TODAY, **args)


def test_a_draft_version_is_refused(docs) -> None:  # type: ignore[no-untyped-def]
    docs.terms.copy_to_draft(V1, "utkast")
    with pytest.raises(UserError, match="is a draft"):
        docs.documents.prepare(ORG_A, terms="utkast", today=TODAY)


# -- e-mail ----------------------------------------------------------------------------------------


def test_the_eml_draft_goes_to_the_main_contact_with_the_pdf_and_the_edited_template(
    docs, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    docs.documents.set_email_template(
        "Avtale for {customer.name} ({document.id})",
        "Hei {recipient.name}!\nVedlagt avtalen datert {agreement.date}.\n",
        actor="test",
    )
    result = docs.documents.email_draft(ORG_A, tmp_path / "avtale.eml", today=TODAY)
    msg = message_from_bytes((tmp_path / "avtale.eml").read_bytes(), policy=policy.default)
    assert msg["X-Unsent"] == "1"
    assert msg["To"].addresses[0].addr_spec == "kari@testesen.no" == result.recipient_email
    assert msg["From"].addresses[0].addr_spec == "post@example.no"
    assert msg["Subject"] == f"Avtale for {NAME_A} ({result.ref.document_id})"
    body = msg.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert body == "Hei Kari Nordmann!\nVedlagt avtalen datert 02.03.2026.\n"
    [attachment] = list(msg.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content().startswith(b"%PDF-")
    assert docs.agreements.get_agreement(result.ref.document_id).state == "draft"  # saved, not sent


def test_a_template_with_an_unknown_field_is_refused_and_the_old_one_kept(docs) -> None:  # type: ignore[no-untyped-def]
    before = docs.documents.email_template()
    with pytest.raises(UserError, match=r"\{customer\.navn\}"):
        docs.documents.set_email_template("Avtale {customer.navn}", "Hei")
    assert docs.documents.email_template() == before
    assert before.subject.startswith("Avtale med {supplier.name}")


def test_no_main_contact_means_no_e_mail(docs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="has no main contact"):
        docs.documents.email_draft(ORG_B, tmp_path / "x.eml", today=TODAY)
    assert not (tmp_path / "x.eml").exists()


@pytest.fixture
def plain_server() -> Iterator[Controller]:
    yield from run_server()


def test_sending_delivers_to_the_main_contact_and_marks_the_agreement_sent(
    docs, plain_server
) -> None:  # type: ignore[no-untyped-def]
    docs.documents.set_smtp_settings(
        SmtpSettings(HOST, plain_server.port, "none", timeout=10), actor="test"
    )
    result = docs.documents.send(ORG_A, today=TODAY)
    [envelope] = plain_server.handler.envelopes
    assert envelope.rcpt_tos == ["kari@testesen.no"] and envelope.mail_from == "post@example.no"
    got = message_from_bytes(envelope.content, policy=policy.default)
    assert got["X-Unsent"] is None and got["Message-ID"] == result.message_id
    agreement = docs.agreements.get_agreement(result.ref.document_id)
    assert (agreement.state, agreement.sent_to, result.ref.state) == (
        "sent",
        "kari@testesen.no",
        "sent",
    )
    assert agreement.sent_at is not None
    # Sending again re-dates the same agreement.
    again = docs.documents.send(ORG_A, today=TODAY)
    assert (
        again.ref.document_id == result.ref.document_id and len(plain_server.handler.envelopes) == 2
    )
    assert docs.agreements.get_agreement(result.ref.document_id).state == "sent"


def test_a_refused_connection_is_a_clear_error_and_nothing_is_marked(docs) -> None:  # type: ignore[no-untyped-def]
    docs.documents.set_smtp_settings(
        SmtpSettings(HOST, free_port(), "none", timeout=5), actor="test"
    )
    with pytest.raises(SendError, match=r"Could not reach the mail server 127\.0\.0\.1") as caught:
        docs.documents.send(ORG_A, today=TODAY)
    assert caught.value.kind == "connect"
    [agreement] = docs.agreements.agreements(ORG_A)
    assert agreement.state == "draft" and agreement.sent_to is None


def test_an_unconfigured_server_is_refused_before_anything(docs) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SendError, match="Set up the mail server") as caught:
        docs.documents.send(ORG_A, today=TODAY)
    assert caught.value.kind == "not_configured"
    assert docs.agreements.agreements(ORG_A) == []


def test_smtp_settings_are_validated_and_never_hold_a_password(docs) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="Port must be between"):
        docs.documents.set_smtp_settings(SmtpSettings("smtp.example.no", 0))
    with pytest.raises(UserError, match="Security must be"):
        docs.documents.set_smtp_settings(SmtpSettings("smtp.example.no", 587, "ssl"))
    saved = docs.documents.set_smtp_settings(
        SmtpSettings(" smtp.example.no ", 587, "STARTTLS", "frode")
    )
    assert saved == SmtpSettings("smtp.example.no", 587, "starttls", "frode")
    assert set(docs.settings.get("smtp")) == {
        "host",
        "port",
        "security",
        "user",
        "sender_email",
        "timeout",
    }


# -- the password ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cert_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
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
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(HOST))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return folder / "cert.pem", folder / "key.pem"


def _login(server, session, envelope, mechanism, auth_data) -> AuthResult:  # type: ignore[no-untyped-def]
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        b"frode",
        b"hemmelig",
    )
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def login_server(cert_files) -> Iterator[Controller]:  # type: ignore[no-untyped-def]
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(*map(str, cert_files))
    yield from run_server(
        tls_context=server_ctx, require_starttls=True, authenticator=_login, auth_require_tls=True
    )


def test_the_password_comes_from_the_keyring_and_a_wrong_one_is_an_auth_error(  # type: ignore[no-untyped-def]
    docs, login_server, cert_files
) -> None:
    client = ssl.create_default_context(cafile=str(cert_files[0]))
    docs.documents.set_smtp_settings(
        SmtpSettings(HOST, login_server.port, "starttls", "frode", timeout=10)
    )
    with installed(MemoryKeyring()) as backend:
        assert docs.documents.smtp_password_source().kind == "ask"
        docs.documents.save_smtp_password("hemmelig")
        assert backend.entries == {("ContractDesk", f"smtp:frode@{HOST}"): "hemmelig"}
        assert docs.documents.smtp_password_source().kind == "keyring"
        result = docs.documents.send(ORG_A, today=TODAY, ssl_context=client)
        assert len(login_server.handler.envelopes) == 1 and result.ref.state == "sent"
        docs.documents.save_smtp_password("feil")
        with pytest.raises(SendError, match="refused the login") as caught:
            docs.documents.send(ORG_A, today=TODAY, ssl_context=client)
        assert caught.value.kind == "auth" and "feil" not in str(caught.value)
    assert "hemmelig" not in repr(docs.settings.all())


def test_without_a_keyring_the_password_comes_from_the_environment_or_a_prompt(  # type: ignore[no-untyped-def]
    docs, login_server, cert_files, monkeypatch
) -> None:
    client = ssl.create_default_context(cafile=str(cert_files[0]))
    docs.documents.set_smtp_settings(
        SmtpSettings(HOST, login_server.port, "starttls", "frode", timeout=10)
    )
    with pytest.raises(SmtpPasswordError, match="No system keyring"):
        docs.documents.save_smtp_password("hemmelig")  # the fail backend: nothing is kept anywhere
    with pytest.raises(SmtpPasswordError, match="No SMTP password for frode"):
        docs.documents.send(ORG_A, today=TODAY, ssl_context=client)
    asked: list[str] = []
    docs.documents.send(
        ORG_A, today=TODAY, ssl_context=client, prompt=lambda text: asked.append(text) or "hemmelig"
    )
    assert asked == [f"Password for frode at {HOST}:"]
    monkeypatch.setenv(SMTP_PASSWORD_ENV, "hemmelig")
    assert docs.documents.smtp_password_source().kind == "environment"
    docs.documents.send(ORG_A, today=TODAY, ssl_context=client)
    assert len(login_server.handler.envelopes) == 2


# -- batches ---------------------------------------------------------------------------------------


def test_a_batch_writes_one_file_per_customer_and_leaves_out_deleted_ones(docs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[int, int, str]] = []
    result = docs.documents.batch(
        tmp_path / "out",
        [ORG_A, ORG_B, ORG_DELETED],
        workers=1,
        today=TODAY,
        progress=lambda d, t, stage: seen.append((d, t, stage)),
    )
    assert sorted(p.name for p in result.written) == [f"{ORG_A}-{V1}.pdf", f"{ORG_B}-{V1}.pdf"]
    assert [org for org, _ in result.skipped] == [ORG_DELETED]
    assert "deleted in the registry" in result.skipped[0][1]
    assert not result.cancelled and result.result is not None and result.result.ok
    assert seen[0] == (0, 3, "prepare") and seen[-1] == (2, 2, "render")
    assert {r.org_number for r in result.refs} == {ORG_A, ORG_B}
    assert (tmp_path / "out" / f"{ORG_A}-{V1}.pdf").read_bytes().startswith(b"%PDF-")
    # All active customers: the deleted one is not among them; the agreements are reused.
    again = docs.documents.batch(tmp_path / "all", all_active=True, workers=1, today=TODAY)
    assert {r.org_number for r in again.refs} == {ORG_A, ORG_B} and again.skipped == ()
    assert {r.document_id for r in again.refs} == {r.document_id for r in result.refs}


def test_a_cancelled_batch_writes_nothing_more(docs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = docs.documents.batch(
        tmp_path / "out", all_active=True, workers=1, today=TODAY, cancel=lambda: True
    )
    assert result.cancelled and result.written == ()
    assert not (tmp_path / "out").exists() and docs.agreements.agreements() == []


def test_hostile_store_values_print_literally(docs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.store.models import Customer

    hostile = (
        "<a href='https://evil.example'>Klikk</a> & <img src='/etc/passwd'/> <AS> Čáhppes Ŋuolja Đ"
    )
    with docs.store.session() as s:
        customer = s.query(Customer).filter_by(org_number=ORG_B).one()
        customer.name = hostile
        customer.business_address = {
            "lines": ["x" * 3000],
            "postcode": "9520",
            "city": "<font color=red>",
        }
    pdf, ref = docs.documents.agreement_pdf(ORG_B, today=TODAY)
    path = tmp_path / "h.pdf"
    path.write_bytes(pdf)
    flat = " ".join(pdf_text(pdf, tmp_path).split())
    assert hostile in flat and "<font color=red>" in flat and "[avkortet]" in flat
    assert b"/URI" not in pdf and b"/Subtype /Image" not in pdf
    assert ref.customer_name == hostile
