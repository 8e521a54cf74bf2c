"""CLI: ``agreement pdf|sheet|email|batch|email-template|verify|import-scans`` and ``smtp``."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from documents_testkit import HOST, NAME_A, ORG_A, ORG_B, ORG_DELETED, V1, run_server, seed


@pytest.fixture
def data_dir(passphrase_store) -> Path:  # type: ignore[no-untyped-def]
    """A passphrase store (cheap KDF) with the document test customers (see documents_testkit)."""
    return passphrase_store(seed)


@pytest.fixture
def run(data_dir: Path, cli):  # type: ignore[no-untyped-def]
    return lambda *args: cli(data_dir, *args)


def pdftotext(path: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.replace("\u00a0", " ").split())


def test_pdf_writes_the_agreement_with_the_customer_and_the_formatted_org_number(
    run, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("agreement", "pdf", ORG_A, "--out", str(tmp_path / "a.pdf"))
    assert code == 0, err
    assert (
        out.startswith("CD-") and f"{NAME_A} (923 130 969), terms {V1}: agreement written to" in out
    )
    text = pdftotext(tmp_path / "a.pdf")
    assert NAME_A in text and "Org.nr. 923 130 969" in text and "Kari Nordmann" in text
    assert err == ""
    # The same agreement again: same document id; listed by the existing verbs.
    code, out2, _ = run("agreement", "pdf", ORG_A, "--out", str(tmp_path / "b.pdf"), "--json")
    assert code == 0 and json.loads(out2)["document_id"] == out.split(":")[0]
    code, listing, _ = run("agreement", "list", ORG_A, "--json")
    assert [a["document_id"] for a in json.loads(listing)] == [out.split(":")[0]]


def test_pdf_with_a_chosen_signatory_warns_on_stderr(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(
        "agreement",
        "pdf",
        ORG_A,
        "--out",
        str(tmp_path / "a.pdf"),
        "--signatory",
        "2",
        "--terms",
        V1,
    )
    assert code == 0 and "written to" in out
    assert (
        "warning: Ola Nordmann may sign for Testesen Åse & Sønner AS only together with others"
        in err
    )
    # Told on stderr, never printed in the customer's document.
    assert "Merk:" not in pdftotext(tmp_path / "a.pdf")


def test_sheet_is_one_page(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("agreement", "sheet", ORG_A, "--out", str(tmp_path / "s.pdf"))
    assert code == 0 and "signature sheet written to" in out and err == ""
    text = pdftotext(tmp_path / "s.pdf")
    assert "Signaturside" in text and "923 130 969" in text and "Side 1 av 1" in text


def test_a_deleted_company_is_refused_with_exit_1_and_no_file(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("agreement", "pdf", ORG_DELETED, "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and out == ""
    assert err.startswith(
        "contractdesk: Slettet Selskap AS (926 511 890): The company is deleted in the registry"
    )
    assert not (tmp_path / "x.pdf").exists()
    code, _, err = run(
        "agreement", "pdf", ORG_A, "--out", str(tmp_path / "x.pdf"), "--terms", "2099"
    )
    assert code == 1 and "No terms version '2099'" in err


def test_email_eml_is_a_draft_to_the_main_contact(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("agreement", "email", ORG_A, "--eml", str(tmp_path / "avtale.eml"))
    assert code == 0, err
    assert "draft to kari@testesen.no saved as" in out
    msg = message_from_bytes((tmp_path / "avtale.eml").read_bytes(), policy=policy.default)
    assert msg["X-Unsent"] == "1" and str(msg["To"]) == "Kari Nordmann <kari@testesen.no>"
    assert msg["Subject"] == f"Avtale med Webmaster Heimen \u2013 avtalevilkår {V1}"
    assert (
        "vedlagt er avtalen mellom Testesen Åse & Sønner AS (org.nr. 923 130 969)"
        in msg.get_body(("plain",)).get_content()
    )
    [pdf] = list(msg.iter_attachments())
    assert pdf.get_filename() == f"Avtale-{ORG_A}-{V1}.pdf" and pdf.get_content().startswith(
        b"%PDF-"
    )
    code, _, err = run("agreement", "email", ORG_A)
    assert code == 2 and "one of the arguments --eml --send is required" in err


@pytest.fixture
def smtp_server() -> Iterator[Controller]:
    yield from run_server()


def test_email_send_delivers_and_marks_the_agreement_sent(run, smtp_server) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(
        "smtp", "set", "--host", HOST, "--port", str(smtp_server.port), "--security", "none"
    )
    assert code == 0, err
    code, out, err = run("agreement", "email", ORG_B, "--send")
    assert code == 1 and "has no main contact" in err and smtp_server.handler.envelopes == []
    code, out, err = run("agreement", "email", ORG_A, "--send")
    assert code == 0, err
    assert "sent to kari@testesen.no (state sent)" in out
    [envelope] = smtp_server.handler.envelopes
    assert envelope.rcpt_tos == ["kari@testesen.no"]
    assert message_from_bytes(envelope.content, policy=policy.default)["X-Unsent"] is None
    code, shown, _ = run("agreement", "show", out.split(":")[0], "--json")
    agreement = json.loads(shown)
    assert (agreement["state"], agreement["sent_to"]) == ("sent", "kari@testesen.no") and agreement[
        "sent_at"
    ]


def test_smtp_set_without_a_keyring_says_where_the_password_comes_from(run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("smtp", "set", "--host", "smtp.example.no", "--user", "frode")
    assert code == 0 and "No system keyring here: set CONTRACTDESK_SMTP_PASSWORD" in out
    code, out, _ = run("smtp", "show", "--json")
    assert json.loads(out) == {
        "host": "smtp.example.no",
        "port": 587,
        "security": "starttls",
        "user": "frode",
        "sender_email": "",
        "timeout": 30.0,
        "password": "ask",
    }
    monkeypatch.setenv("CONTRACTDESK_SMTP_PASSWORD", "hemmelig")
    code, out, _ = run("smtp", "show")
    assert "password  CONTRACTDESK_SMTP_PASSWORD" in out and "hemmelig" not in out


def test_email_template_can_be_changed_and_reset(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = tmp_path / "body.txt"
    body.write_text("Hei {recipient.name},\nher er avtalen {document.id}.\n", encoding="utf-8")
    code, out, _ = run(
        "agreement",
        "email-template",
        "--subject",
        "Avtale for {customer.name}",
        "--body-file",
        str(body),
    )
    assert code == 0 and out.startswith("Subject: Avtale for {customer.name}\n")
    run("agreement", "email", ORG_A, "--eml", str(tmp_path / "a.eml"))
    msg = message_from_bytes((tmp_path / "a.eml").read_bytes(), policy=policy.default)
    assert msg["Subject"] == f"Avtale for {NAME_A}"
    code, _, err = run("agreement", "email-template", "--subject", "{kunde.navn}")
    assert code == 1 and "{kunde.navn}" in err
    code, out, _ = run("agreement", "email-template", "--reset")
    assert "Subject: Avtale med {supplier.name}" in out


def test_batch_writes_the_named_customers_with_progress_on_stderr(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out_dir = tmp_path / "batch"
    code, out, err = run(
        "agreement", "batch", "--out", str(out_dir), ORG_A, ORG_B, ORG_DELETED, "--workers", "2"
    )
    assert code == 1  # a named customer was left out
    assert sorted(p.name for p in out_dir.iterdir()) == [f"{ORG_A}-{V1}.pdf", f"{ORG_B}-{V1}.pdf"]
    assert "contractdesk: rendered 0/2" in err and "contractdesk: rendered 2/2" in err
    assert (
        f"contractdesk: skipped {ORG_DELETED}: Slettet Selskap AS (926 511 890): "
        "The company is deleted" in err
    )
    assert "2 of 3 agreements written to" in out
    assert "Fjordkraft Prøve AS" in pdftotext(out_dir / f"{ORG_B}-{V1}.pdf")


def test_batch_all_active_as_json(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(
        "agreement", "batch", "--out", str(tmp_path / "all"), "--all", "--workers", "1", "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert sorted(Path(p).name for p in data["written"]) == [
        f"{ORG_A}-{V1}.pdf",
        f"{ORG_B}-{V1}.pdf",
    ]
    assert data["skipped"] == [] and data["failed"] == [] and data["cancelled"] is False
    code, _, err = run("agreement", "batch", "--out", str(tmp_path / "x"))
    assert code == 1 and "--all" in err
    code, _, err = run("agreement", "batch", "--out", str(tmp_path / "x"), "--all", ORG_A)
    assert code == 1 and "not both" in err


def test_smtp_password_from_stdin_goes_to_the_keyring_only(
    run, memory_keyring, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("hemmelig\n"))
    code, out, err = run(
        "smtp", "set", "--host", "smtp.example.no", "--user", "frode", "--password-stdin"
    )
    assert code == 0, err
    assert "The password is kept in the system keyring." in out
    assert memory_keyring.entries == {("ContractDesk", "smtp:frode@smtp.example.no"): "hemmelig"}
    code, out, _ = run("smtp", "show")
    assert "password  the system keyring" in out and "hemmelig" not in out
    code, out, _ = run("smtp", "forget-password")
    assert "removed" in out and memory_keyring.entries == {}


def test_show_verify_and_import_scans(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("agreement", "pdf", ORG_A, "--out", str(tmp_path / "a.pdf"), "--json")
    assert code == 0, err
    issued = json.loads(out)
    code, shown, _ = run("agreement", "show", issued["document_id"], "--json")
    view = json.loads(shown)
    assert code == 0 and len(view["fingerprint"]) == 64 and int(view["fingerprint"], 16) >= 0
    assert view["pdf_sha256"] == issued["pdf_sha256"] and view["document_version"] == 1
    code, out, _ = run("agreement", "verify", str(tmp_path / "a.pdf"), "--json")
    result = json.loads(out)
    assert code == 0 and result["match"] is True and result["exact_file"] is True
    assert (result["document_id"], result["org_number"], result["fingerprint"]) == (
        issued["document_id"],
        ORG_A,
        view["fingerprint"],
    )
    blank = tmp_path / "blank.png"
    from PIL import Image

    Image.new("L", (800, 1000), 255).save(blank)
    code, out, _ = run("agreement", "verify", str(blank), "--json")
    assert code == 1 and json.loads(out)["match"] is False
    code, out, _ = run("agreement", "verify", str(blank))
    assert code == 1 and out.startswith("no match: No ContractDesk code")
    # The signed sheet scanned back (here: its PDF) and a blank page: filed, and to match by hand.
    code, _, err = run("agreement", "sheet", ORG_A, "--out", str(tmp_path / "s.pdf"))
    assert code == 0, err
    code, out, err = run("agreement", "import-scans", str(tmp_path / "s.pdf"), str(blank), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert [(p["page"], p["document_id"]) for p in report["filed"]] == [(1, issued["document_id"])]
    assert [(p["file"], p["page"]) for p in report["unmatched"]] == [("blank.png", 1)]
    code, status, _ = run("acceptance", "status", "--json")
    row = next(r for r in json.loads(status) if r["org_number"] == ORG_A)
    assert (row["method"], row["has_scan"]) == ("paper", True)


def test_supplier_draft_makes_the_next_version_with_supplier_fields(run) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("agreement", "supplier-draft", V1, "--label", "2027-01-01")
    assert code == 0, err
    assert out.startswith("Draft 2027-01-01 made from")
    code, shown, _ = run("terms", "show", "2027-01-01", "--json")
    assert code == 0 and "{supplier.name}" in shown and "Webmaster Heimen" not in shown


def test_settings_turn_the_initials_field_on_for_new_documents(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = run("agreement", "settings", "--json")
    assert code == 0 and json.loads(out) == {"initials": False}
    code, out, err = run("agreement", "settings", "--initials", "on")
    assert (code, out, err) == (0, "initials: on\n", "")
    code, _out, _err = run("agreement", "pdf", ORG_A, "--out", str(tmp_path / "a.pdf"))
    assert code == 0
    pages = subprocess.run(
        ["pdftotext", str(tmp_path / "a.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")[:-1]
    assert len(pages) > 10 and all("Parafering:" in page for page in pages)
    assert json.loads(run("agreement", "settings", "--initials", "off", "--json")[1]) == {
        "initials": False
    }
    code, _out, err = run("agreement", "settings", "--initials", "maybe")
    assert code == 2 and "expected on or off" in err


def test_import_scans_with_a_named_signatory(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("agreement", "sheet", ORG_A, "--out", str(tmp_path / "s.pdf"))
    assert code == 0, err
    sheet = str(tmp_path / "s.pdf")
    code, out, err = run("agreement", "import-scans", sheet, "--signatory", "Per Hansen", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert (
        report["filed"] == []
        and "Per Hansen is not among the people of" in (report["unmatched"][0]["reason"])
    )
    code, out, err = run("agreement", "import-scans", sheet, "--signatory", "ola nordmann")
    assert code == 0 and "filed to CD-" in out, err
    code, listing, _ = run("acceptance", "status", "--json")
    row = next(r for r in json.loads(listing) if r["org_number"] == ORG_A)
    assert row["method"] == "paper"
    code, out, _ = run("acceptance", "list", ORG_A, "--json")
    assert code == 0 and "Ola Nordmann" in out
