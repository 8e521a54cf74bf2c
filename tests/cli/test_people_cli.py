"""CLI: ``person add|show|list|export|erase``, ``whois``, ``customer set-main-contact``, ``audit list|verify``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ORG_A = "923130969"
ORG_B = "971049669"
PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def data_dir(passphrase_store) -> Path:  # type: ignore[no-untyped-def]
    """A passphrase store (cheap KDF settings recorded in the key file) with two customers."""

    def seed(services) -> None:  # type: ignore[no-untyped-def]
        from contractdesk.store.models import Customer

        with services.store.session() as s:
            s.add(Customer(org_number=ORG_A, name="Testesen AS", status="active"))
            s.add(Customer(org_number=ORG_B, name="Heimen AS", status="active"))

    return passphrase_store(seed)


@pytest.fixture
def run(data_dir: Path, cli):  # type: ignore[no-untyped-def]
    return lambda *args: cli(data_dir, *args)


def add(run, org: str, first: str, last: str, role: str, *extra: str) -> int:  # type: ignore[no-untyped-def]
    code, out, err = run(
        "person", "add", org, "--first", first, "--last", last, "--role", role, "--json", *extra
    )
    assert code == 0, err
    return int(json.loads(out)["id"])


def test_person_add_prints_the_new_id_and_show_and_list_give_json(run) -> None:  # type: ignore[no-untyped-def]
    kari = add(
        run,
        ORG_A,
        "Kari",
        "Nordmann",
        "main-contact",
        "--email",
        "kari@example.no",
        "--phone",
        "91 91 59 80",
        "--title",
        "Daglig leder",
    )
    ola = add(run, "923 130 969", "Ola", "Hansen", "contact", "--requested-by", str(kari))
    code, out, _ = run("person", "show", str(kari), "--json")
    shown = json.loads(out)
    assert code == 0
    assert (shown["full_name"], shown["phone"], shown["emails"]) == (
        "Kari Nordmann",
        "+4791915980",
        ["kari@example.no"],
    )
    assert shown["customers"][0]["roles"] == ["main-contact"]
    assert shown["customers"][0]["rights"] == {
        "approved_contact": True,
        "may_order": True,
        "may_sign": False,
        "may_manage_contacts": True,
    }
    code, out, _ = run("person", "list", ORG_A, "--json")
    assert [(p["id"], p["roles"]) for p in json.loads(out)] == [
        (kari, ["main-contact"]),
        (ola, ["contact"]),
    ]
    code, out, _ = run("person", "list", "--json")
    assert {p["id"] for p in json.loads(out)} == {kari, ola}
    code, out, _ = run("person", "list", ORG_A)
    assert "Kari Nordmann" in out and "main-contact" in out


def test_rules_and_bad_input_exit_1_with_one_line_and_wrong_usage_exits_2(run) -> None:  # type: ignore[no-untyped-def]
    kari = add(run, ORG_A, "Kari", "Nordmann", "main-contact")
    code, out, err = run(
        "person", "add", ORG_A, "--first", "Ola", "--last", "Hansen", "--role", "contact"
    )
    assert code == 1 and "say who asked" in err and err.count("\n") == 1 and out == ""
    code, _, err = run(
        "person",
        "add",
        ORG_A,
        "--first",
        "Ola",
        "--last",
        "Hansen",
        "--role",
        "contact",
        "--email",
        "not-an-address",
    )
    assert code == 1 and err.startswith("contractdesk: E-mail")
    code, _, err = run(
        "person", "add", "990005559", "--first", "A", "--last", "B", "--role", "contact"
    )
    assert code == 1 and "990 005 559" in err
    code, _, err = run("person", "add", ORG_A, "--first", "A", "--last", "B", "--role", "boss")
    assert code == 2 and "main-contact" in err
    code, _, err = run("person", "show", "999")
    assert code == 1 and "999" in err
    code, _, err = run("customer", "set-main-contact", ORG_A, str(kari))
    assert code == 1 and "already the main contact" in err


def test_set_main_contact_records_who_asked(run) -> None:  # type: ignore[no-untyped-def]
    kari = add(run, ORG_A, "Kari", "Nordmann", "main-contact")
    tora = add(run, ORG_A, "Tora", "Testesen", "general-manager")
    ola = add(run, ORG_A, "Ola", "Hansen", "contact", "--requested-by", str(kari))
    code, _, err = run("customer", "set-main-contact", ORG_A, str(ola))
    assert code == 1 and "say who asked" in err
    code, _, err = run("customer", "set-main-contact", ORG_A, str(ola), "--requested-by", str(ola))
    assert code == 1 and "may not change the main contact" in err
    code, out, err = run(
        "customer", "set-main-contact", ORG_A, str(ola), "--requested-by", str(tora), "--json"
    )
    assert code == 0, err
    assert json.loads(out) == {"org_number": ORG_A, "main_contact_person_id": ola}
    code, out, _ = run("audit", "list", "--json")
    change = [e for e in json.loads(out) if e["action"] == "main_contact.changed"][-1]
    assert change["entity_id"] == ORG_A
    assert change["details"]["requested_by_person_id"] == tora
    assert change["details"]["from_person_id"] == kari and change["details"]["to_person_id"] == ola


def test_whois_answers_with_customers_and_rights_or_not_approved(run) -> None:  # type: ignore[no-untyped-def]
    kari = add(
        run,
        ORG_A,
        "Kari",
        "Nordmann",
        "main-contact",
        "--email",
        "kari@example.no",
        "--phone",
        "91915980",
    )
    boss = add(run, ORG_B, "Bo", "Sjef", "general-manager")
    code, _, err = run(
        "person", "add-role", str(kari), ORG_B, "--role", "contact", "--requested-by", str(boss)
    )
    assert code == 0, err
    code, out, _ = run("whois", "+47 919 15 980", "--json")
    answer = json.loads(out)
    assert code == 0 and answer["approved"] is True and answer["kind"] == "phone"
    customers = {c["org_number"]: c for c in answer["matches"][0]["customers"]}
    assert customers[ORG_A]["rights"]["may_manage_contacts"] is True
    assert customers[ORG_B]["rights"]["may_manage_contacts"] is False and customers[ORG_B][
        "roles"
    ] == ["contact"]
    code, out, _ = run("whois", "kari", "nord")
    assert "Kari Nordmann" in out and "may order" in out
    code, out, _ = run("whois", "eve@evil.example", "--json")
    assert code == 0 and json.loads(out) == {
        "query": "eve@evil.example",
        "kind": "email",
        "approved": False,
        "matches": [],
        "more": False,
    }
    code, out, _ = run("whois", "Eve")
    assert "NOT APPROVED" in out


def test_export_and_erase_through_the_cli(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kari = add(run, ORG_A, "Kari", "Nordmann", "main-contact")
    canary = add(
        run,
        ORG_A,
        "CliCanary5R",
        "Person",
        "contact",
        "--requested-by",
        str(kari),
        "--email",
        "cli.canary5r@example.no",
    )
    code, _, err = run(
        "person", "consent", str(canary), "newsletter", "--given", "--source", "CliSource5R"
    )
    assert code == 0, err
    code, out, _ = run("person", "export", str(canary), "--json")
    exported = json.loads(out)
    assert exported["schema_version"] == 1 and exported["person"]["first_name"] == "CliCanary5R"
    target = tmp_path / "canary.json"
    code, _, _ = run("person", "export", str(canary), "--output", str(target))
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["person"]["id"] == canary

    code, _, err = run("person", "erase", str(canary))
    assert code == 1 and "--yes" in err
    assert json.loads(run("person", "show", str(canary), "--json")[1])["erased"] is False
    code, out, err = run("person", "erase", str(canary), "--yes", "--json")
    assert code == 0, err
    assert json.loads(out)["person_id"] == canary
    shown = json.loads(run("person", "show", str(canary), "--json")[1])
    assert shown["erased"] is True and shown["full_name"] == "" and shown["customers"] == []
    code, out, _ = run("audit", "list", "--json")
    assert code == 0 and "person.erased" in out
    assert all(c not in out.lower() for c in ("clicanary5r", "cli.canary5r", "clisource5r"))
    code, out, _ = run("audit", "verify")
    assert code == 0 and "intact" in out
    code, out, _ = run("person", "requests", "--json")
    assert [(r["kind"], r["person_id"], r["done_on"] is not None) for r in json.loads(out)] == [
        ("erasure", canary, True)
    ]


def test_erasing_the_main_contact_names_the_next_or_warns(run) -> None:  # type: ignore[no-untyped-def]
    kari = add(run, ORG_A, "Kari", "Nordmann", "main-contact")
    ola = add(run, ORG_A, "Ola", "Hansen", "contact", "--requested-by", str(kari))
    code, _, err = run(
        "person", "erase", str(kari), "--yes", "--next-main-contact", f"{ORG_A}={ola}"
    )
    assert code == 0, err
    listed = json.loads(run("person", "list", ORG_A, "--json")[1])
    assert [(p["id"], p["roles"]) for p in listed] == [(ola, ["main-contact"])]
    code, _, err = run("person", "erase", str(ola), "--yes")
    assert code == 0 and "923 130 969 has no main contact now" in err
    code, _, err = run("person", "erase", str(ola), "--yes", "--next-main-contact", "oops")
    assert code == 1


def test_request_log_commands(run) -> None:  # type: ignore[no-untyped-def]
    kari = add(run, ORG_A, "Kari", "Nordmann", "main-contact")
    code, out, err = run(
        "person", "request", "access", "--person", str(kari), "--received", "2024-01-31", "--json"
    )
    assert code == 0, err
    logged = json.loads(out)
    assert (logged["due_on"], logged["overdue"]) == ("2024-02-29", True)
    code, _, err = run("person", "request", "access", "--received", "31.01.2024")
    assert code == 1 and "YYYY-MM-DD" in err
    code, _, _ = run("person", "request-done", str(logged["id"]), "--on", "2024-02-10")
    assert code == 0
    code, out, _ = run("person", "requests", "--open", "--json")
    assert json.loads(out) == []


def test_audit_verify_names_the_first_broken_entry(run, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    add(run, ORG_A, "Kari", "Nordmann", "main-contact")
    from contractdesk.paths import StorePaths
    from contractdesk.store.profile import unlock_profile

    store = unlock_profile(StorePaths(data_dir), passphrase=PASSPHRASE)
    try:
        with store.raw_connection() as conn:
            target = conn.execute(
                "SELECT id FROM audit_log WHERE action = 'person.added'"
            ).fetchone()[0]
            conn.execute(
                "UPDATE audit_log SET payload = replace(payload, 'Kari', 'Karl') WHERE id = ?",
                (target,),
            )
    finally:
        store.close()
    code, _, err = run("audit", "verify")
    assert code == 1 and f"entry {target}" in err


def test_a_correction_over_a_newer_version_exits_1_and_says_what_changed(run) -> None:  # type: ignore[no-untyped-def]
    pid = add(run, ORG_A, "Kari", "Nordmann", "main-contact")
    code, out, _err = run("person", "show", str(pid), "--json")
    assert code == 0 and json.loads(out)["version"] == 1
    # A colleague (another command) saves first …
    code, out, err = run("person", "correct", str(pid), "--last", "Berg", "--json")
    assert code == 0, err
    assert json.loads(out)["version"] == 2
    # … so a script that read version 1 is refused, with one readable line, and changes nothing.
    code, out, err = run("person", "correct", str(pid), "--title", "CEO", "--expected-version", "1")
    assert code == 1 and out == ""
    assert err.strip().count("\n") == 0
    assert "Someone else changed this person" in err and "reload it" in err
    code, out, _err = run("person", "show", str(pid), "--json")
    shown = json.loads(out)
    assert (shown["last_name"], shown["title"], shown["version"]) == ("Berg", "", 2)
    code, out, err = run(
        "person", "correct", str(pid), "--title", "CEO", "--expected-version", "2", "--json"
    )
    assert code == 0 and json.loads(out)["title"] == "CEO", err
