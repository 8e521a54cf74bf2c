"""The privacy commands: retention due/run, records art30, breach add/list/notify,
privacy-statement, terms dpa-draft; JSON keys as scripts read them."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from contractdesk.domain.privacy.retention import add_months
from contractdesk.services.people import PersonInput
from contractdesk.store.models import Customer

V1 = "2021-04-17"
ENDED = "971049669"
ACTIVE = "923130969"


def seed(services) -> None:  # type: ignore[no-untyped-def]
    with services.store.session() as s:
        s.add(Customer(org_number=ENDED, name="Slutt AS", status="active"))
        s.add(Customer(org_number=ACTIVE, name="Aktiv AS", status="active"))
    for org in (ENDED, ACTIVE):
        person = services.people.add_person_at(
            org, PersonInput("Kari", f"K{org}", emails=(f"k{org}@example.no",)), "main-contact"
        )
        services.agreements.record_acceptance(
            org, V1, method="online", signed_by_person_id=person, accepted_on=date(2024, 2, 1)
        )
    with services.store.session() as s:
        c = s.execute(select(Customer).where(Customer.org_number == ENDED)).scalar_one()
        c.relationship_ended_on = add_months(date.today(), -4)


def test_retention_due_and_run(passphrase_store, cli) -> None:  # type: ignore[no-untyped-def]
    data = passphrase_store(seed)
    code, out, _ = cli(data, "retention", "due", "--json")
    assert code == 0
    plan = json.loads(out)
    rules = {r["rule"]: r for r in plan["rules"]}
    assert set(rules) == {
        "customer_data",
        "case_logs",
        "billing",
        "prospects",
        "newsletter_signoffs",
    }
    assert [d["label"] for d in rules["customer_data"]["due"]] == ["Slutt AS (971049669)"]
    assert "§12.1" in rules["customer_data"]["source"]
    assert rules["billing"]["source"].startswith("Bokføringsloven § 13")

    code, out, err = cli(data, "retention", "run")
    assert code == 1 and "--yes" in err and "Slutt AS" in out
    code, out, _ = cli(data, "retention", "run", "--yes", "--json")
    assert code == 0 and json.loads(out)["persons_erased"] == 1
    code, out, _ = cli(data, "retention", "due", "--json")
    assert json.loads(out)["rules"][0]["due"] == []
    code, out, _ = cli(data, "retention", "kept", "--json")
    kept = json.loads(out)
    assert [(k["rule"], k["kept_until"]) for k in kept] == [
        ("customer_data", f"{add_months(date.today(), -4).year + 6}-01-01")
    ]
    assert any("acceptance" in text for text in kept[0]["kept_as_evidence"])
    code, out, _ = cli(data, "retention", "set", "customer-data", "6")
    assert code == 0 and "6 months" in out


def test_records_statement_and_dpa_draft(passphrase_store, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = passphrase_store(seed)
    code, out, _ = cli(
        data,
        "records",
        "art30",
        "--out",
        str(tmp_path / "a.pdf"),
        "--csv",
        str(tmp_path / "a.csv"),
        "--json",
    )
    assert code == 0
    result = json.loads(out)
    assert result["controllers"] == 2 and result["subprocessors"] == 7 and result["version"] == 1
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert "Slutt AS" in (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    code, out, _ = cli(
        data,
        "privacy-statement",
        "--lang",
        "en",
        "--out",
        str(tmp_path / "s.pdf"),
        "--html",
        str(tmp_path / "s.html"),
    )
    assert code == 0 and "version 1" in out
    assert "PowerOffice" in (tmp_path / "s.html").read_text(encoding="utf-8")
    code, _, _ = cli(data, "privacy-statement", "--lang", "sv", "--out", str(tmp_path / "x.pdf"))
    assert code == 2
    code, out, _ = cli(data, "terms", "dpa-draft", "2027-dba", "--json")
    assert code == 0 and json.loads(out)["gaps"] == []
    code, out, _ = cli(data, "terms", "list", "--json")
    assert {"label": "2027-dba", "state": "draft"}.items() <= next(
        v for v in json.loads(out) if v["label"] == "2027-dba"
    ).items()


def test_breach_add_list_notify(passphrase_store, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = passphrase_store(seed)
    discovered = (datetime.now(UTC) - timedelta(hours=2)).replace(microsecond=0)
    code, out, err = cli(
        data,
        "breach",
        "add",
        "--discovered",
        discovered.isoformat(),
        "--summary",
        "Feilsendt eksport",
        "--customer",
        ACTIVE,
        ENDED,
        "--system",
        "CRM",
        "--json",
    )
    assert code == 0, err
    added = json.loads(out)
    assert added["datatilsynet_deadline"] == (discovered + timedelta(hours=72)).isoformat()
    code, out, _ = cli(data, "breach", "list", "--json")
    listed = json.loads(out)
    assert [b["datatilsynet_deadline"] for b in listed] == [added["datatilsynet_deadline"]]
    assert 69 * 3600 < listed[0]["seconds_left"] <= 70 * 3600
    code, out, _ = cli(
        data, "breach", "notify", str(added["id"]), "--eml", str(tmp_path / "eml"), "--json"
    )
    assert code == 0
    assert sorted(Path(r["eml"]).name for r in json.loads(out)) == [
        f"avvik-{added['id']}-{ACTIVE}.eml",
        f"avvik-{added['id']}-{ENDED}.eml",
    ]
    code, _, err = cli(data, "breach", "add", "--discovered", "yesterday", "--summary", "x")
    assert code == 1 and "date and time" in err
    code, _, err = cli(data, "breach", "notify", "99", "--eml", str(tmp_path))
    assert code == 1 and "No breach" in err
