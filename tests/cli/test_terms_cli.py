"""CLI: ``terms list|import|show|diff|publish``, ``acceptance record|status|scan``, ``subprocessor list`` and the §14 verbs."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from agreements_testkit import ORG_A, ORG_B, seed_two_customers

from contractdesk.domain.terms.subprocessors import seed_subprocessors
from contractdesk.store.shipped_terms import shipped_terms_dir, shipped_version

PASSPHRASE = "correct horse battery staple"
SHIPPED = shipped_version("2021-04-17")
SEED = (
    shipped_terms_dir() / "2021-04-17" / "source.txt"
)  # shared/seeds/003_…txt, unchanged (hash-checked)
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 4 + b"\n%%EOF\n"


@pytest.fixture
def data_dir(passphrase_store) -> Path:  # type: ignore[no-untyped-def]
    """A passphrase store (cheap KDF) with two customers and two persons (1: the registry signatory)."""

    return passphrase_store(seed_two_customers)


@pytest.fixture
def run(data_dir: Path, cli):  # type: ignore[no-untyped-def]
    return lambda *args: cli(data_dir, *args)


def test_terms_list_json_has_label_effective_date_sha256_and_state(run) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("terms", "list", "--json")
    assert code == 0, err
    [row] = json.loads(out)
    assert {k: row[k] for k in ("label", "effective_date", "sha256", "state")} == {
        "label": "2021-04-17",
        "effective_date": "2021-04-17",
        "sha256": SHIPPED.sha256,
        "state": "published",
    }


def test_importing_the_seed_file_gives_the_shipped_hash(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(
        "terms", "import", str(SEED), "--label", "seed", "--effective", "17.04.2021", "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert (data["state"], data["sha256"], data["content_sha256"]) == (
        "draft",
        None,
        SHIPPED.sha256,
    )
    assert data["same_as_published"] == "2021-04-17"
    code, out, _ = run("terms", "show", "seed", "--json")
    shown = json.loads(out)
    assert shown["content_sha256"] == SHIPPED.sha256
    assert shown["document"] == SHIPPED.document.to_dict()
    code, out, _ = run("terms", "show", "2021-04-17")
    assert (
        "8.1.1 Hovedkontakt/Nøkkelkontakt" in out and "Vedlegg 1" in out and SHIPPED.sha256 in out
    )
    code, out, _ = run("terms", "show", "2021-04-17", "--text")
    assert "Romsdal tingrett" in out
    code, out, _ = run("terms", "diff", "2021-04-17", "seed")
    assert code == 0 and "No differences" in out


def test_a_published_version_cannot_be_changed_from_the_cli(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    edited = tmp_path / "edited.txt"
    edited.write_text(
        SEED.read_text(encoding="utf-8").replace("Romsdal tingrett", "Oslo tingrett"),
        encoding="utf-8",
    )
    for args in (
        ("terms", "edit", "2021-04-17", "--file", str(edited)),
        ("terms", "edit", "2021-04-17", "--rename", "x"),
        ("terms", "delete", "2021-04-17"),
        ("terms", "publish", "2021-04-17", "--effective", "2030-01-01", "--yes"),
    ):
        code, out, err = run(*args)
        assert code == 1 and "published and cannot change" in err, (args, err)
    code, out, _ = run("terms", "list", "--json")
    assert json.loads(out)[0]["sha256"] == SHIPPED.sha256
    code, out, _ = run("terms", "show", "2021-04-17", "--json")
    assert (
        hashlib.sha256(
            json.dumps(
                json.loads(out)["document"],
                ensure_ascii=False,
                sort_keys=True,
                separators=(",", ":"),
            ).encode()
        ).hexdigest()
        == SHIPPED.sha256
    )


def test_publish_with_gaps_is_refused_without_yes_and_then_lists_customers(
    run, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    edited = tmp_path / "2027.txt"
    edited.write_text(
        SEED.read_text(encoding="utf-8").replace("Romsdal tingrett", "Oslo tingrett"),
        encoding="utf-8",
    )
    assert (
        run("terms", "import", str(edited), "--label", "2027-01-01", "--effective", "2027-01-01")[0]
        == 0
    )
    code, out, err = run("terms", "diff", "2021-04-17", "2027-01-01")
    assert "~ 15 Lovvalg og verneting" in out and "[-Romsdal-]{+Oslo+}" in out
    code, out, err = run("terms", "publish", "2027-01-01", "--effective", "2027-01-01")
    assert code == 1
    assert "(e) gap" in err and "--confirm-gaps" in err
    assert "(e) GAP" in out and "repealed act in 17.3" in out
    code, out, _ = run("terms", "list", "--json")
    assert {r["label"]: r["state"] for r in json.loads(out)}["2027-01-01"] == "draft"
    code, out, err = run(
        "terms", "publish", "2027-01-01", "--effective", "2027-01-01", "--confirm-gaps", "--json"
    )
    assert code == 0, err
    published = json.loads(out)
    assert published["state"] == "published" and len(published["sha256"]) == 64
    assert published["customers_to_notify"] == 2 and published["last_notice_date"] == "2026-12-01"
    code, out, _ = run("terms", "checklist", "2027-01-01", "--json")
    assert {i["letter"]: i["status"] for i in json.loads(out)["items"]}["e"] == "gap"
    code, out, _ = run("acceptance", "reacceptance", "2027-01-01", "--json")
    rows = json.loads(out)
    assert [(r["org_number"], r["status"], r["last_notice_date"]) for r in rows] == [
        (ORG_B, "to_notify", "2026-12-01"),
        (ORG_A, "to_notify", "2026-12-01"),
    ]


def test_acceptance_record_with_scan_then_status_and_scan_out(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    scan = tmp_path / "signert.pdf"
    scan.write_bytes(PDF)
    code, out, err = run(
        "acceptance",
        "record",
        "923 130 969",
        "--terms",
        "2021-04-17",
        "--method",
        "paper",
        "--signed-by",
        "1",
        "--date",
        "2022-03-01",
        "--scan",
        str(scan),
        "--json",
    )
    assert code == 0, err
    recorded = json.loads(out)
    assert (recorded["signed_by"], recorded["warning"], recorded["agreement_state"]) == (
        "Kari Nordmann",
        None,
        "active",
    )
    assert recorded["scan"]["sha256"] == hashlib.sha256(PDF).hexdigest()
    code, out, err = run(
        "acceptance",
        "record",
        ORG_B,
        "--terms",
        "2021-04-17",
        "--method",
        "email",
        "--signed-by",
        "2",
        "--date",
        "2022-03-02",
    )
    assert code == 0 and "warning: No registry data" in out
    code, out, _ = run("acceptance", "status", "--json")
    status = {r["org_number"]: r for r in json.loads(out)}
    assert {
        k: status[ORG_A][k]
        for k in ("terms_label", "accepted_on", "method", "signed_by", "has_scan", "up_to_date")
    } == {
        "terms_label": "2021-04-17",
        "accepted_on": "2022-03-01",
        "method": "paper",
        "signed_by": "Kari Nordmann",
        "has_scan": True,
        "up_to_date": True,
    }
    assert status[ORG_B]["warning"].startswith("No registry data")
    target = tmp_path / "out" / "copy.pdf"
    target.parent.mkdir()
    code, out, err = run("acceptance", "scan", str(recorded["id"]), "--output", str(target))
    assert code == 0, err
    assert target.read_bytes() == PDF
    code, out, err = run(
        "acceptance",
        "record",
        ORG_A,
        "--terms",
        "2021-04-17",
        "--method",
        "fax",
        "--signed-by",
        "1",
        "--date",
        "2022-03-01",
    )
    assert code == 2  # wrong usage
    code, out, err = run(
        "acceptance",
        "record",
        ORG_A,
        "--terms",
        "nope",
        "--method",
        "online",
        "--signed-by",
        "1",
        "--date",
        "2022-03-01",
    )
    assert code == 1 and "No terms version 'nope'" in err


def test_subprocessor_list_json_has_the_register_seeded_from_the_terms(run) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("subprocessor", "list", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert [
        (r["name"], r["purpose"], r["data_shared"], r["org_number"], r["location"]) for r in rows
    ] == [(s.name, s.purpose, s.data_shared, None, None) for s in seed_subprocessors()]
    code, out, err = run(
        "subprocessor",
        "add",
        "--name",
        "Fiken AS",
        "--purpose",
        "Regnskap",
        "--location",
        "Norge",
        "--json",
    )
    added = json.loads(out)
    code, out, err = run("subprocessor", "edit", str(added["id"]), "--org-number", "923 609 016")
    assert code == 0, err
    code, out, _ = run("subprocessor", "remove", str(rows[1]["id"]))
    code, out, _ = run("subprocessor", "list", "--json")
    names = {r["name"]: r for r in json.loads(out)}
    assert "Admento AS" not in names and names["Fiken AS"]["org_number"] == "923609016"


def test_overdue_termination_needs_yes(run) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.paths import StorePaths
    from contractdesk.services.context import Services
    from contractdesk.store.profile import unlock_profile

    code, out, err = run(
        "acceptance",
        "record",
        ORG_A,
        "--terms",
        "2021-04-17",
        "--method",
        "online",
        "--signed-by",
        "1",
        "--date",
        "2022-03-01",
    )
    assert code == 0, err
    code, out, err = run("terms", "copy", "2021-04-17", "v2")
    draft_text = run("terms", "show", "v2", "--text")[1].replace("Romsdal", "Molde")
    paths = StorePaths(Path(json.loads(run("info", "--json")[1])["data_dir"]))
    services = Services(unlock_profile(paths, passphrase=PASSPHRASE), paths)
    try:
        services.terms.update_draft("v2", text=draft_text)
        services.terms.publish("v2", date(2025, 1, 1), confirm_gaps=True, today=date(2024, 11, 1))
        services.agreements.mark_notified(
            "v2", [ORG_A], date(2024, 11, 15), today=date(2024, 11, 15)
        )
    finally:
        services.close()
    code, out, err = run("acceptance", "proposals", "--json")
    [proposal] = json.loads(out)
    assert (proposal["org_number"], proposal["acceptance_deadline"]) == (ORG_A, "2024-12-15")
    code, out, err = run("acceptance", "confirm-termination", str(proposal["notice_id"]))
    assert code == 1 and "--yes" in err
    code, out, _ = run("agreement", "list", ORG_A, "--json")
    assert json.loads(out)[0]["state"] == "active"
    code, out, err = run("acceptance", "confirm-termination", str(proposal["notice_id"]), "--yes")
    assert code == 0 and "Terminated: Testesen AS" in out
    code, out, _ = run("agreement", "list", ORG_A, "--json")
    assert (json.loads(out)[0]["state"], json.loads(out)[0]["ended_reason"]) == (
        "terminated",
        "not_reaccepted",
    )
