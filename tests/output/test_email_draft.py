"""The .eml draft: parsed back with Python's email package; template fields; header safety."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from contractdesk.output.email import (
    DEFAULT_TEMPLATE,
    EmailTemplate,
    InvalidAddress,
    TemplateError,
    agreement_draft,
    save_eml,
    validate_template,
)
from contractdesk.output.pdf.sample import sample_input

PDF = b"%PDF-1.4\n% fake but binary \x00\xff\n%%EOF\n"


def _parse(path: Path):
    return BytesParser(policy=policy.default).parsebytes(path.read_bytes())


def test_draft_round_trips_with_unsent_flag_recipient_subject_body_and_pdf(tmp_path: Path) -> None:
    inp = sample_input()
    msg = agreement_draft(inp, PDF, "ailu@example.com", "Áilu Ŋuolja Đuđi")
    path = save_eml(tmp_path / "avtale.eml", msg)
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF throughout
    parsed = _parse(path)
    assert parsed["X-Unsent"] == "1"
    assert parsed["To"].addresses[0].addr_spec == "ailu@example.com"
    assert parsed["To"].addresses[0].display_name == "Áilu Ŋuolja Đuđi"
    assert parsed["From"].addresses[0].addr_spec == "post@example.no"
    assert parsed["From"].addresses[0].display_name == "Webmaster Heimen"
    assert parsed["Subject"] == "Avtale med Webmaster Heimen – avtalevilkår 17.04.2021"
    assert parsed["Message-ID"] and parsed["Date"]
    body = parsed.get_body(preferencelist=("plain",)).get_content()
    assert body.startswith("Hei Áilu Ŋuolja Đuđi,")
    assert "Sámi Duodji Ođđasit AS (org.nr. 912 345 674)" in body
    assert "Dokument-ID: AVT-2024-0001" in body
    assert "Frode Heimen" in body
    attachments = list(parsed.iter_attachments())
    assert len(attachments) == 1
    att = attachments[0]
    assert att.get_content_type() == "application/pdf"
    assert att.get_filename() == "Avtale-912345674-17.04.2021.pdf"
    assert att.get_content() == PDF
    assert [p.name for p in tmp_path.iterdir()] == ["avtale.eml"]


def test_header_injection_through_names_and_subject_is_impossible(tmp_path: Path) -> None:
    inp = sample_input()
    template = EmailTemplate(subject="Avtale {customer.name}", body="Hei")
    hostile = sample_input(name="Firma\r\nBcc: evil@example.org\r\nX-Evil: 1")
    msg = agreement_draft(
        hostile, PDF, "ok@example.com", "Ola\r\nBcc: evil@example.org", template=template
    )
    parsed = _parse(save_eml(tmp_path / "x.eml", msg))
    assert parsed["Bcc"] is None and parsed["X-Evil"] is None
    assert [a.addr_spec for a in parsed["To"].addresses] == ["ok@example.com"]
    assert parsed["Subject"] == "Avtale Firma Bcc: evil@example.org X-Evil: 1"
    assert inp.customer.name not in parsed["Subject"]


def test_invalid_addresses_are_refused_with_a_named_error() -> None:
    for bad in (
        "",
        "not-an-address",
        "a@b@c",
        "x@example.com\r\nBcc: y@example.com",
        "ola@ex ample.no",
    ):
        with pytest.raises(InvalidAddress):
            agreement_draft(sample_input(), PDF, bad)


def test_editable_template_fields_and_unknown_fields() -> None:
    validate_template(DEFAULT_TEMPLATE)
    bad = EmailTemplate(subject="Hei {customer.navn}", body="{supplier.name} {recipient.adresse}")
    with pytest.raises(TemplateError) as err:
        validate_template(bad)
    assert err.value.unknown == ["customer.navn", "recipient.adresse"]
    with pytest.raises(TemplateError):
        agreement_draft(sample_input(), PDF, "a@example.com", template=bad)
    custom = EmailTemplate(
        subject="{supplier.name}: {terms.label}", body="{customer.vat_number}\n{customer.address}"
    )
    msg = agreement_draft(sample_input(), PDF, "a@example.com", template=custom)
    assert msg["Subject"] == "Webmaster Heimen: 17.04.2021"
    body = msg.get_body(preferencelist=("plain",)).get_content()
    assert "NO 912 345 674 MVA" in body
    assert "Čohkkiid gáddi 12, Postboks 44, 9520 GUOVDAGEAIDNU" in body


def test_recipient_name_defaults_to_the_customer() -> None:
    msg = agreement_draft(sample_input(), PDF, "a@example.com")
    assert (
        msg.get_body(preferencelist=("plain",))
        .get_content()
        .startswith("Hei Sámi Duodji Ođđasit AS,")
    )
