"""CLI: ``customer add|show|list|refresh|import`` and ``registry search|lookup`` (replay server)."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest
from brreg_server import ReplayServer

from contractdesk.cli import main

PASSPHRASE = "correct horse battery staple"

SHOW_KEYS = {
    "org_number",
    "version",  # the record version (issue 19; --expected-version)
    "name",
    "organisation_form",
    "organisation_form_text",
    "business_address",
    "postal_address",
    "status",
    "status_date",
    "vat_registered",
    "registry_roles",
    "signing_rule",
    "procuration_rule",
    "signatories",
    "departed_signatories",
    "remarks",
    "invoice_address",
    "needs_manual_confirmation",
    "may_issue_agreement",
    "verified_at",
    "created_at",
    "updated_at",
    "details",
}
ADDRESS_KEYS = {
    "lines",
    "postcode",
    "city",
    "municipality",
    "municipality_number",
    "country_code",
    "country",
}
ROLE_KEYS = {
    "role_code",
    "role",
    "name",
    "group_code",
    "group",
    "holder_kind",
    "may_sign",
    "elected_by",
    "liability_share",
    "capacity_limited",
}
RULE_KEYS = {
    "kind",
    "text",
    "signer_sets",
    "lapsed_sets",
    "registered",
    "basis",
    "rule_status",
    "standardised",
    "needs_manual_confirmation",
    "confirmed_sets",
    "confirmed_by",
    "confirmed_at",
}
ROW_KEYS = {"org_number", "name", "municipality", "status", "main_contact", "agreement_state"}


@pytest.fixture
def store_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A passphrase store (cheap KDF settings) with the supplier profile; no customers yet."""
    from contractdesk.paths import StorePaths
    from contractdesk.services.context import Services
    from contractdesk.services.demo import DEMO_SUPPLIER
    from contractdesk.store import keys
    from contractdesk.store.profile import create_profile

    monkeypatch.setattr(keys, "ARGON2_TIME_COST", 1)
    monkeypatch.setattr(keys, "ARGON2_MEMORY_KIB", 8 * 1024)
    paths = StorePaths(tmp_path / "data")
    services = Services(create_profile(paths, passphrase=PASSPHRASE, use_keyring=False), paths)
    services.supplier.save(DEMO_SUPPLIER, actor="test")
    services.close()
    monkeypatch.setenv("CONTRACTDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CONTRACTDESK_DATA_DIR", str(paths.data_dir))
    return paths.data_dir


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_add_from_the_registry_prints_the_customer_document(
    store_dir: Path, brreg_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run_json(capsys, "customer", "add", "990 005 559")
    assert set(doc) == SHOW_KEYS
    assert doc["org_number"] == "990005559"
    assert doc["name"] == "FIKTIV TEGNINGSRETT AS"
    assert doc["organisation_form"] == "AS"
    assert (
        set(doc["business_address"]) == ADDRESS_KEYS and set(doc["postal_address"]) == ADDRESS_KEYS
    )
    assert doc["business_address"]["municipality_number"] == "4601"
    assert doc["status"] == "active"
    assert doc["registry_roles"] and all(set(r) == ROLE_KEYS for r in doc["registry_roles"])
    assert {"role_code": "LEDE", "role": "Styrets leder", "name": "Kari Fiktivsen"}.items() <= next(
        r for r in doc["registry_roles"] if r["role_code"] == "LEDE"
    ).items()
    assert set(doc["signing_rule"]) == RULE_KEYS
    assert doc["signing_rule"]["text"] == "To styremedlemmer i fellesskap."
    assert ["Kari Fiktivsen", "Eva Prøvesen"] in doc["signing_rule"]["signer_sets"]
    assert doc["verified_at"] is not None

    shown = run_json(capsys, "customer", "show", "990005559")
    assert shown == doc


def test_show_prints_the_card_as_text(
    store_dir: Path, brreg_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "customer", "add", "990004447")[0] == 0
    code, out, _ = run(capsys, "customer", "show", "990 004 447")
    assert code == 0
    assert "FIKTIV TESTVEL VELFORENING  [990 004 447]" in out
    assert "confirm by hand" in out  # an association: no signing rule registered


def test_add_twice_is_refused(
    store_dir: Path, brreg_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "customer", "add", "971049669")[0] == 0
    code, _, err = run(capsys, "customer", "add", "971 049 669")
    assert code == 1
    assert "already a customer" in err


def test_invalid_org_number_is_refused_without_asking_the_registry(
    store_dir: Path,
    brreg_replay: ReplayServer,
    brreg_server: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for bad in ("971049668", "000000000"):
        code, _, err = run(capsys, "customer", "add", bad)
        assert code == 1 and "Organisation number" in err
    code, _, err = run(capsys, "registry", "lookup", "971049668")
    assert code == 1
    assert brreg_replay.requests == []


def test_unreachable_registry_exits_1_and_says_offline_registration_is_possible(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("CONTRACTDESK_REGISTRY_URL", f"http://127.0.0.1:{port}")
    code, out, err = run(capsys, "customer", "add", "971049669")
    assert code == 1 and out == ""
    assert "by hand" in err
    assert "customer add 971049669 --offline --name NAME" in err
    assert run_json(capsys, "customer", "list") == []


@pytest.mark.parametrize(
    ("org_number", "words"),
    [
        ("990008884", "No organisation"),  # 404
        ("990002223", "removed"),  # 410
        ("991000011", "unexpected answer"),  # HTML at 200
        ("991000046", "damaged"),  # malformed JSON
    ],
)
def test_bad_registry_answers_exit_1_with_a_clear_message(
    store_dir: Path,
    brreg_server: str,
    capsys: pytest.CaptureFixture[str],
    org_number: str,
    words: str,
) -> None:
    code, _, err = run(capsys, "customer", "add", org_number)
    assert code == 1
    assert words in err and "--offline" in err
    assert "Traceback" not in err


def test_offline_add_then_refresh_verifies_and_shows_the_diff(
    store_dir: Path, brreg_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run_json(
        capsys,
        "customer",
        "add",
        "923130969",
        "--offline",
        "--name",
        "Avara",
        "--address",
        "Raveien 438",
        "--postcode",
        "3239",
        "--city",
        "Sandefjord",
    )
    assert doc["status"] == "unverified" and doc["verified_at"] is None
    assert doc["business_address"]["lines"] == ["Raveien 438"]
    assert set(doc) == SHOW_KEYS

    code, out, _ = run(capsys, "customer", "refresh", "923 130 969")
    assert code == 0
    assert "Name: Avara → AVARA AS" in out
    assert "Status: unverified → active" in out
    shown = run_json(capsys, "customer", "show", "923130969")
    assert shown["status"] == "active" and shown["verified_at"] is not None
    audit = run_json(capsys, "audit", "list", "--entity", "customer")
    assert [e["action"] for e in audit] == ["customer.registered", "customer.refreshed"]


def test_offline_needs_a_name_and_names_need_offline(
    store_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "customer", "add", "923130969", "--offline")[0] == 2
    assert run(capsys, "customer", "add", "923130969", "--name", "Avara")[0] == 2


def test_list_and_search(
    store_dir: Path, brreg_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for number in ("971049669", "990005559", "990001111"):
        assert run(capsys, "customer", "add", number)[0] == 0
    rows = run_json(capsys, "customer", "list")
    assert [r["name"] for r in rows] == [
        "FIKTIV SLETTET HANDEL AS",
        "FIKTIV TEGNINGSRETT AS",
        "WEBMASTER HEIMEN",
    ]
    assert all(set(r) == ROW_KEYS for r in rows)
    assert rows[0]["status"] == "deleted"
    found = run_json(capsys, "customer", "list", "--search", "tegning")
    assert [r["org_number"] for r in found] == ["990005559"]
    assert [r["org_number"] for r in run_json(capsys, "customer", "list", "--search", "971 0")] == [
        "971049669"
    ]
    assert [
        r["org_number"]
        for r in run_json(
            capsys, "customer", "list", "--sort", "org_number", "--desc", "--limit", "2"
        )
    ] == ["990005559", "990001111"]
    code, out, _ = run(capsys, "customer", "list")
    assert code == 0 and "Deleted" in out and "971 049 669" in out


def test_refresh_all_reports_failures_and_changes_nothing_for_them(
    store_dir: Path, brreg_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "customer", "add", "971049669")[0] == 0
    assert run(capsys, "customer", "add", "991000011", "--offline", "--name", "Html AS")[0] == 0
    code, out, err = run(capsys, "customer", "refresh", "--all", "--json")
    assert code == 1
    outcome = json.loads(out)
    assert outcome["total"] == 2 and outcome["refreshed"] == 1 and not outcome["cancelled"]
    assert [f["org_number"] for f in outcome["failures"]] == ["991000011"]
    assert "991 000 011" in err and "Nothing was changed" in err
    assert run_json(capsys, "customer", "show", "991000011")["name"] == "Html AS"


def test_registry_search_pages_json(
    store_dir: Path, brreg_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run_json(capsys, "registry", "search", "heimen")
    assert doc["total"] == 3 and doc["page"] == 0
    assert [i["org_number"] for i in doc["items"]] == ["971049669", "990012008", "990013004"]
    assert set(doc["items"][0]) == {
        "org_number",
        "name",
        "organisation_form",
        "municipality",
        "status",
    }
    second = run_json(capsys, "registry", "search", "heimen", "--page", "1", "--size", "2")
    assert second["page"] == 1 and len(second["items"]) == 1
    assert run_json(capsys, "registry", "search", "finnesikke")["items"] == []


def test_registry_lookup_shows_without_storing(
    store_dir: Path, brreg_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run_json(capsys, "registry", "lookup", "990003335")
    assert doc["status"] == "bankrupt" and doc["may_issue_agreement"] is False
    assert run_json(capsys, "customer", "list") == []


def test_hostile_registry_text_is_printed_literally(
    store_dir: Path, brreg_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run_json(capsys, "customer", "add", "991000003")
    assert doc["name"] == '<AS> & Søn "Ltd" <script>alert(1)</script> <font color=red>'
    code, out, _ = run(capsys, "customer", "show", "991000003")
    assert code == 0
    assert '<AS> & Søn "Ltd" <script>alert(1)</script> <font color=red>' in out
    assert "\x1b" not in out


def test_import_a_customer_list_all_or_nothing(
    store_dir: Path, brreg_server: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "kunder.csv"
    bad.write_text("orgnr;kontakt\n971049669;\n971049668;\n", encoding="utf-8")
    code, _, err = run(capsys, "customer", "import", str(bad))
    assert code == 1 and "line 3: 971049668" in err and "Nothing was imported" in err
    assert run_json(capsys, "customer", "list") == []

    good = tmp_path / "kunder2.csv"
    good.write_text("orgnr;kontakt\n971049669;Frode Heimen\n923130969;\n", encoding="utf-8")
    doc = run_json(capsys, "customer", "import", str(good))
    assert sorted(doc["imported"]) == ["923130969", "971049669"] and doc["problems"] == []
    assert doc["mode"] == "per-customer" and doc["requests"] >= 2
    assert len(run_json(capsys, "customer", "list")) == 2


def test_refresh_all_tells_what_changed_and_how_many_requests(
    store_dir: Path, brreg_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "customer", "add", "923130969", "--offline", "--name", "Avara")[0] == 0
    code, out, _ = run(capsys, "customer", "refresh", "--all")
    assert code == 0 and "Changes: 1 new signing rule" in out and "1 new name." in out
    assert "4 registry requests (per-customer)." in out


def test_confirm_signers_by_hand(
    store_dir: Path, brreg_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "customer", "add", "990004447")[0] == 0  # an association: no rule
    rule = run_json(
        capsys,
        "customer",
        "confirm-signers",
        "990004447",
        "--signers",
        "Kari Leder;Ola Kasserer",
        "--confirmed-by",
        "Kari Leder (e-post 3.12.)",
    )
    assert rule["confirmed_sets"] == [["Kari Leder", "Ola Kasserer"]]
    assert not rule["needs_manual_confirmation"]
    _, out, _ = run(capsys, "customer", "show", "990004447")
    assert "Confirmed by hand by Kari Leder (e-post 3.12.)" in out
