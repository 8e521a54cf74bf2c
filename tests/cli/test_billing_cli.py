"""CLI: ``customer set``, ``service add|list|show|edit|terminate|adjust-price|remove``,
``usage record``, ``invoices plan|totals|export``: names, JSON figures, exit codes."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ORG = "971049669"
ORG_B = "923130969"
PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def data_dir(passphrase_store) -> Path:  # type: ignore[no-untyped-def]
    """A passphrase store (cheap KDF) with two customers inserted directly."""

    def seed(services) -> None:  # type: ignore[no-untyped-def]
        from contractdesk.store.models import Customer

        with services.store.session() as s:
            s.add(Customer(org_number=ORG, name="Testesen AS", status="active"))
            s.add(Customer(org_number=ORG_B, name="Heimen AS", status="active"))

    return passphrase_store(seed)


@pytest.fixture
def run(data_dir: Path, cli):  # type: ignore[no-untyped-def]
    return lambda *args: cli(data_dir, *args)


def add(run, *args: str) -> int:  # type: ignore[no-untyped-def]
    code, out, err = run("service", "add", *args, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert list(data) == ["id"]
    return int(data["id"])


WORKED = (
    "--kind",
    "licence",
    "--name",
    "Webmaster CRM",
    "--annual-price",
    "12000",
    "--period",
    "half-yearly",
    "--start",
    "2027-03-01",
    "--trial-days",
    "30",
)


def test_worked_example_plan_json_has_the_exact_figures(run) -> None:  # type: ignore[no-untyped-def]
    sid = add(run, ORG, *WORKED)
    code, out, err = run(
        "invoices", "plan", ORG, "--from", "2027-01-01", "--to", "2027-12-31", "--json"
    )
    assert code == 0, err
    assert json.loads(out) == [
        {
            "org_number": ORG,
            "kind": "invoice",
            "invoice_date": "2027-03-31",
            "due_date": "2027-04-14",
            "lines": [
                {
                    "description": "Webmaster CRM",
                    "service_id": sid,
                    "period_start": "2027-03-31",
                    "period_end": "2027-06-30",
                    "amount": "3049.72",
                }
            ],
            "fee": "12.00",
            "net": "3061.72",
            "vat": "765.43",
            "total": "3827.15",
            "collection_notice": "2027-04-28",
        },
        {
            "org_number": ORG,
            "kind": "invoice",
            "invoice_date": "2027-07-02",
            "due_date": "2027-07-16",
            "lines": [
                {
                    "description": "Webmaster CRM",
                    "service_id": sid,
                    "period_start": "2027-07-01",
                    "period_end": "2027-12-31",
                    "amount": "6000.00",
                }
            ],
            "fee": "12.00",
            "net": "6012.00",
            "vat": "1503.00",
            "total": "7515.00",
            "collection_notice": "2027-07-30",
        },
    ]

    code, out, err = run("service", "terminate", str(sid), "--received", "2027-09-10", "--json")
    assert code == 0, err
    assert json.loads(out) == {
        "service_id": sid,
        "received": "2027-09-10",
        "requested_end": None,
        "binding_end": "2028-03-30",
        "end": "2028-03-30",
        "paid_until": "2028-03-31",
        "billed": True,
    }
    # Issue 14 (4.): a second termination is refused, naming the first.
    code, out, err = run("service", "terminate", str(sid), "--received", "2027-09-10")
    assert code == 1 and "already terminated (received 2027-09-10)" in err
    run("service", "withdraw-termination", str(sid))
    code, out, _ = run("service", "terminate", str(sid), "--received", "2027-09-10")
    assert "binding ends 2028-03-30" in out and "paid until 2028-03-31" in out
    assert "rounded to the month's end" in out  # §12.3, said when it happens

    code, out, _ = run("invoices", "plan", "--from", "2028-01-01", "--to", "2030-12-31", "--json")
    plan = json.loads(out)
    assert [
        (i["invoice_date"], i["lines"][0]["period_end"], i["lines"][0]["amount"], i["total"])
        for i in plan
    ] == [("2028-01-02", "2028-03-31", "3000.00", "3765.00")]


def test_customer_set_changes_the_fee_and_default_period(run) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(
        "customer", "set", ORG, "--delivery", "paper", "--period", "every-second-month", "--json"
    )
    assert code == 0, err
    assert json.loads(out) == {
        "org_number": ORG,
        "version": 2,  # the customer record's version (issue 19: --expected-version)
        "name": "Testesen AS",
        "delivery_method": "paper",
        "invoice_period": "bimonthly",
        "fee": "45.00",
    }
    sid = add(
        run,
        ORG,
        "--kind",
        "licence",
        "--name",
        "CRM",
        "--monthly-price",
        "100",
        "--start",
        "2027-01-01",
    )
    code, out, _ = run("service", "show", str(sid), "--json")
    shown = json.loads(out)
    assert (shown["period"], shown["annual_price"]) == ("bimonthly", "1200.00")
    code, out, _ = run(
        "invoices", "plan", ORG, "--from", "2027-01-01", "--to", "2027-01-31", "--json"
    )
    [first] = json.loads(out)
    assert (first["due_date"], first["fee"], first["lines"][0]["amount"]) == (
        "2027-01-08",
        "45.00",
        "200.00",
    )
    code, out, _ = run("customer", "set", ORG, "--delivery", "ehf")
    assert code == 0 and "ehf" in out and "bimonthly" in out


def test_one_off_and_usage_through_the_cli(run) -> None:  # type: ignore[no-untyped-def]
    setup = add(
        run, ORG, "--kind", "one-off", "--name", "Setup", "--amount", "1500", "--date", "2027-05-10"
    )
    sms = add(run, ORG, "--kind", "usage", "--name", "SMS", "--unit-price", "0.395")
    code, out, err = run(
        "usage", "record", str(sms), "--month", "2027-04", "--quantity", "1234", "--json"
    )
    assert code == 0, err
    assert json.loads(out) == {"month": "2027-04", "quantity": "1234", "amount": "487.43"}
    code, out, _ = run("invoices", "plan", "--from", "2027-05-01", "--to", "2027-05-31", "--json")
    assert [
        (i["invoice_date"], i["due_date"], [ln["service_id"] for ln in i["lines"]], i["total"])
        for i in json.loads(out)
    ] == [
        ("2027-05-01", "2027-05-15", [sms], "624.29"),
        ("2027-05-10", "2027-05-24", [setup], "1890.00"),
    ]
    code, out, _ = run("invoices", "totals", "--from", "2027-05-01", "--to", "2027-05-31", "--json")
    assert json.loads(out) == [
        {
            "month": "2027-05",
            "invoices": 2,
            "credit_notes": 0,
            "net": "2011.43",
            "vat": "502.86",
            "total": "2514.29",
        }
    ]
    code, out, _ = run("service", "list", ORG, "--json", "--as-of", "2027-05-01")
    listed = json.loads(out)
    assert [(s["id"], s["kind"], s["binding_end"], s["earliest_end"]) for s in listed] == [
        (setup, "one-off", None, "2027-05-01"),
        (sms, "usage", None, "2027-05-01"),
    ]
    assert listed[1]["usage"] == [{"month": "2027-04", "quantity": "1234", "amount": "487.43"}]


def test_service_list_and_edit_in_text_form(run) -> None:  # type: ignore[no-untyped-def]
    sid = add(run, ORG, *WORKED)
    code, out, err = run("service", "edit", str(sid), "--name", "CRM Pro", "--json")
    assert code == 0, err
    assert json.loads(out)["name"] == "CRM Pro" and json.loads(out)["annual_price"] == "12000.00"
    code, out, _ = run("service", "list", ORG, "--as-of", "2027-05-01")
    assert "CRM Pro" in out and "2028-03-30" in out and "earliest end 2028-03-30" in out


def test_price_adjustment_warns_on_stderr_but_is_recorded(run) -> None:  # type: ignore[no-untyped-def]
    sid = add(
        run,
        ORG,
        "--kind",
        "licence",
        "--name",
        "CRM",
        "--annual-price",
        "12000",
        "--start",
        "2027-01-01",
    )
    code, out, err = run(
        "service",
        "adjust-price",
        str(sid),
        "--effective",
        "2028-01-01",
        "--announced",
        "2027-10-20",
        "--price",
        "12600",
    )
    assert code == 0
    assert "12600" in out and "must be announced by 2027-10-01" in err
    code, out, _ = run(
        "invoices", "plan", ORG, "--from", "2028-01-01", "--to", "2028-01-31", "--json"
    )
    assert json.loads(out)[0]["lines"][0]["amount"] == "6300.00"


def test_csv_export_through_the_cli(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add(run, ORG, *WORKED)
    add(
        run,
        ORG_B,
        "--kind",
        "one-off",
        "--name",
        "=cmd|' /C calc'!A0",
        "--amount",
        "99.5",
        "--date",
        "2027-04-02",
    )
    target = tmp_path / "plan.csv"
    code, out, err = run(
        "invoices", "export", "--from", "2027-01-01", "--to", "2027-12-31", "--csv", str(target)
    )
    assert code == 0, err
    assert "Wrote 3 invoices (3 lines)" in out
    raw = target.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(raw.decode("utf-8").splitlines(), delimiter=";"))
    assert rows[0] == [
        "invoice",
        "kind",
        "org_number",
        "invoice_date",
        "due_date",
        "description",
        "service_id",
        "period_start",
        "period_end",
        "amount",
        "fee",
        "net",
        "vat",
        "total",
        "collection_notice",  # §10.2: added at the end, the columns before it stay
    ]
    assert [r[14] for r in rows[1:]] == ["2027-04-28", "2027-04-30", "2027-07-30"]
    assert [(r[2], r[3], r[9], r[13]) for r in rows[1:]] == [
        (ORG, "2027-03-31", "3049.72", "3827.15"),
        (ORG_B, "2027-04-02", "99.50", "139.38"),
        (ORG, "2027-07-02", "6000.00", "7515.00"),
    ]
    assert rows[2][5] == "'=cmd|' /C calc'!A0"  # shown as text by a spreadsheet, never run

    comma = tmp_path / "komma.csv"
    code, _, _ = run(
        "invoices",
        "export",
        ORG_B,
        "--from",
        "2027-01-01",
        "--to",
        "2027-12-31",
        "--csv",
        str(comma),
        "--decimal-comma",
        "--bom",
    )
    text = comma.read_bytes().decode("utf-8")
    assert (
        code == 0
        and text.startswith("\ufeff")
        and ";99,50;" in text
        and ORG not in text.replace(ORG_B, "")
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ("service", "add", ORG, "--kind", "licence", "--name", "X", "--annual-price", "1"),
            1,
            "Start date is required",
        ),
        (("service", "add", ORG, "--kind", "rental", "--name", "X"), 2, "invalid choice"),
        (
            ("service", "add", ORG, "--kind", "licence", "--name", "X", "--start", "1.3.2027"),
            2,
            "YYYY-MM-DD",
        ),
        (
            ("service", "add", ORG, "--kind", "licence", "--name", "X", "--period", "weekly"),
            2,
            "unknown invoice period",
        ),
        (
            (
                "service",
                "add",
                ORG,
                "--kind",
                "licence",
                "--name",
                "X",
                "--annual-price",
                "1",
                "--monthly-price",
                "1",
            ),
            2,
            "not allowed with argument",
        ),
        (
            ("service", "add", ORG, "--kind", "usage", "--name", "SMS", "--unit-price", "-1"),
            1,
            "cannot be negative",
        ),
        (
            ("service", "add", ORG, "--kind", "usage", "--name", "SMS", "--unit-price", "abc"),
            1,
            "is not an amount",
        ),
        (
            (
                "service",
                "add",
                "923130968",
                "--kind",
                "usage",
                "--name",
                "SMS",
                "--unit-price",
                "1",
            ),
            1,
            "Organisation number",
        ),
        (
            (
                "service",
                "add",
                "916000006",
                "--kind",
                "usage",
                "--name",
                "SMS",
                "--unit-price",
                "1",
            ),
            1,
            "No customer with organisation number 916 000 006",
        ),
        (("service", "terminate", "404", "--received", "2027-01-01"), 1, "No service with id 404"),
        (("service", "terminate", "1", "--requested-end", "2027-01-01"), 2, "--received"),
        (("usage", "record", "1", "--month", "2027-13", "--quantity", "1"), 2, "month"),
        (("usage", "record", "1", "--month", "March", "--quantity", "1"), 2, "YYYY-MM"),
        (
            ("invoices", "plan", "--from", "2027-12-31", "--to", "2027-01-01"),
            1,
            "after its last day",
        ),
        (("invoices", "plan", "--to", "2027-01-01"), 2, "--from"),
        (("invoices", "export", "--from", "2027-01-01", "--to", "2027-12-31"), 2, "--csv"),
        (("customer", "set", ORG), 1, "give --delivery and/or --period"),
        (("customer", "set", ORG, "--delivery", "fax"), 2, "invalid choice"),
        (("service", "remove", "1"), 1, "--yes"),
    ],
)
def test_wrong_usage_exits_2_and_refusals_exit_1_with_one_line(run, args, code, message) -> None:  # type: ignore[no-untyped-def]
    got, _out, err = run(*args)
    assert got == code, err
    assert message in err
    if code == 1:
        assert err.count("\n") == 1 and err.startswith("contractdesk: ")


def test_terminating_with_a_requested_end_before_it_was_received_exits_1(run) -> None:  # type: ignore[no-untyped-def]
    sid = add(run, ORG, *WORKED)
    code, _, err = run(
        "service",
        "terminate",
        str(sid),
        "--received",
        "2027-09-10",
        "--requested-end",
        "2027-09-01",
    )
    assert code == 1 and "before the termination was received" in err
    code, out, _ = run("service", "show", str(sid), "--json")
    assert json.loads(out)["termination"] is None


def test_export_into_a_missing_folder_exits_1_and_leaves_nothing(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add(run, ORG, *WORKED)
    target = tmp_path / "nowhere" / "plan.csv"
    code, _, err = run(
        "invoices", "export", "--from", "2027-01-01", "--to", "2027-12-31", "--csv", str(target)
    )
    assert code == 1 and "Could not write" in err and not target.parent.exists()


def test_remove_and_withdraw(run) -> None:  # type: ignore[no-untyped-def]
    sid = add(run, ORG, *WORKED)
    assert run("service", "terminate", str(sid), "--received", "2027-04-01")[0] == 0
    code, out, _ = run("service", "withdraw-termination", str(sid))
    assert code == 0 and "withdrawn" in out
    assert run("service", "remove", str(sid), "--yes")[0] == 0
    code, out, _ = run("service", "list", ORG, "--json")
    assert json.loads(out) == []
    code, out, _ = run("audit", "list", "--entity", "service", "--json")
    assert [e["action"] for e in json.loads(out)] == [
        "service.added",
        "service.terminated",
        "service.termination_withdrawn",
        "service.removed",
    ]
    assert {e["actor"] for e in json.loads(out)} == {"cli"}


def test_the_installed_entry_point_runs_the_plan(data_dir: Path) -> None:
    env = {
        **os.environ,
        "CONTRACTDESK_DATA_DIR": str(data_dir),
        "CONTRACTDESK_PASSPHRASE": PASSPHRASE,
    }
    # The store was made with cheap KDF settings recorded in its key file: a fresh process opens it.
    add_cmd = [sys.executable, "-m", "contractdesk", "service", "add", ORG, *WORKED, "--json"]
    added = subprocess.run(add_cmd, capture_output=True, text=True, env=env, timeout=120)
    assert added.returncode == 0, added.stderr
    plan = subprocess.run(
        [
            sys.executable,
            "-m",
            "contractdesk",
            "invoices",
            "plan",
            ORG,
            "--from",
            "2027-03-01",
            "--to",
            "2027-03-31",
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert plan.returncode == 0, plan.stderr
    assert [i["total"] for i in json.loads(plan.stdout)] == ["3827.15"]
