"""``contractdesk invoices run|runs|undo-run|export-run|pdf|set-start-number|settings`` (issue 15),
in-process and as two real processes racing for the numbers on one SQLCipher store."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from invoice_runs_testkit import (
    ACCOUNT,
    FIRST_RUN_TO,
    NO_AS,
    SECOND_RUN_TO,
    TERMINATED_ON,
    seed_customers,
    seed_with_settings,
)
from store_testkit import python, subprocess_env

from contractdesk.paths import StorePaths
from contractdesk.store.profile import unlock_profile


def test_run_runs_export_pdf_and_undo(passphrase_store, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = passphrase_store(seed_with_settings)
    code, out, err = cli(data, "invoices", "run", "--to", FIRST_RUN_TO.isoformat(), "--json")
    assert code == 0, err
    first = json.loads(out)
    assert set(first) == {"run_id", "invoices", "credit_notes", "first_number", "last_number"}
    assert (first["run_id"], first["first_number"], first["credit_notes"]) == (1, 10001, 0)
    assert first["last_number"] == 10000 + first["invoices"]

    code, out, err = cli(data, "invoices", "run", "--to", FIRST_RUN_TO.isoformat())
    assert code == 1 and "Nothing to freeze" in err

    code, out, _ = cli(data, "invoices", "runs", "--json")
    (listed,) = json.loads(out)
    assert (listed["run_id"], listed["status"], listed["exports"]) == (1, "frozen", [])

    code, _, err = cli(data, "invoices", "undo-run", "1")
    assert code == 1 and "--yes" in err
    code, out, err = cli(data, "invoices", "undo-run", "1", "--yes", "--json")
    assert code == 0, err
    assert json.loads(out)["status"] == "undone"

    code, out, _ = cli(data, "invoices", "run", "--to", FIRST_RUN_TO.isoformat(), "--json")
    again = json.loads(out)
    assert (again["run_id"], again["first_number"]) == (2, 10001)  # the numbers came back

    ehf = tmp_path / "ehf"
    for args in (
        ("--ehf", str(ehf)),
        ("--csv", str(tmp_path / "run.csv")),
        ("--poweroffice", str(tmp_path / "po.csv")),
        ("--customers", str(tmp_path / "customers.csv")),
    ):
        code, out, err = cli(data, "invoices", "export-run", "2", *args, "--json")
        assert code == 0, err
    assert len(list(ehf.glob("invoice-*.xml"))) == again["invoices"]
    before = {p.name: p.read_bytes() for p in ehf.iterdir()}
    code, out, err = cli(data, "invoices", "export-run", "2", "--ehf", str(ehf), "--json")
    assert json.loads(out)["same_as_before"] is True
    assert {p.name: p.read_bytes() for p in ehf.iterdir()} == before

    code, out, err = cli(data, "invoices", "pdf", "2", "--out", str(tmp_path / "pdf"))
    assert code == 0, err
    assert len(list((tmp_path / "pdf").glob("faktura-*.pdf"))) == again["invoices"]

    code, _, err = cli(data, "invoices", "undo-run", "2", "--yes")
    assert code == 1 and "exported" in err
    code, _, err = cli(data, "invoices", "set-start-number", "5")
    assert code == 1 and "fixed" in err
    code, out, _ = cli(data, "audit", "list", "--json")
    assert {"invoices.run_frozen", "invoices.run_undone", "invoices.run_exported"} <= {
        e["action"] for e in json.loads(out)
    }


def test_settings_and_start_number(passphrase_store, cli) -> None:  # type: ignore[no-untyped-def]
    data = passphrase_store(seed_customers)
    code, out, err = cli(data, "invoices", "settings", "--account", ACCOUNT, "--json")
    assert code == 0, err
    assert json.loads(out)["account_number"] == "86011117947"
    code, _, err = cli(data, "invoices", "settings", "--account", "1234.56.78901")
    assert code == 1 and "not a valid Norwegian account number" in err
    code, out, _ = cli(data, "invoices", "set-start-number", "2027001", "--json")
    assert json.loads(out)["first_number"] == 2027001
    code, out, _ = cli(
        data,
        "invoices",
        "settings",
        "--numbering",
        "accounting",
        "--foretaksregisteret",
        "no",
        "--json",
    )
    assert json.loads(out) == {
        "numbering": "accounting",
        "first_number": 2027001,
        "account_number": "86011117947",
        "business_register": False,
        "runs_from": None,
    }
    code, out, _ = cli(data, "invoices", "settings", "--runs-from", "2027-01-01", "--json")
    assert json.loads(out)["runs_from"] == "2027-01-01"
    code, _, err = cli(data, "invoices", "run", "--to", "2026-12-31")
    assert code == 1 and "Runs start on 2027-01-01" in err
    code, out, _ = cli(data, "invoices", "settings", "--runs-from", "all", "--json")
    assert json.loads(out)["runs_from"] is None


def _run_process(data: Path, to: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [python(), "-m", "contractdesk", "invoices", "run", "--to", to, "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(
            CONTRACTDESK_DATA_DIR=str(data), CONTRACTDESK_PASSPHRASE="correct horse battery staple"
        ),
    )


def _seed_and_terminate(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed_with_settings(services)
    services.billing.terminate(ids[NO_AS], TERMINATED_ON)


def test_two_concurrent_runs_leave_no_gap_and_share_no_line(passphrase_store) -> None:  # type: ignore[no-untyped-def]
    """Two processes run at once while a third connection holds the write lock: both wait, then
    one freezes, the other freezes what is left (or is refused); numbers stay one series."""
    data = passphrase_store(_seed_and_terminate)
    store = unlock_profile(StorePaths(data), passphrase="correct horse battery staple")
    try:
        with store.raw_connection() as conn:
            conn.execute("BEGIN IMMEDIATE")  # hold the write lock while both start
            procs = [
                _run_process(data, FIRST_RUN_TO.isoformat()),
                _run_process(data, SECOND_RUN_TO.isoformat()),
            ]
            time.sleep(2.5)
            conn.execute("COMMIT")
        results = [p.communicate(timeout=120) for p in procs]
        codes = [p.returncode for p in procs]
        assert set(codes) <= {0, 1}, results
        assert 0 in codes
        for code, (_out, err) in zip(codes, results, strict=True):
            if code == 1:
                assert b"Nothing to freeze" in err or b"busy" in err.lower(), err
        from contractdesk.services.context import Services

        services = Services(store, StorePaths(data))
        numbers: list[int] = []
        keys: set[tuple[object, ...]] = set()
        runs = [r for r in services.invoice_runs.runs() if r.status == "frozen"]
        for run in sorted(runs, key=lambda r: r.run_id):
            _seller, docs = services.invoice_runs.documents(run.run_id)
            numbers += [int(d.number) for d in docs]
            for d in docs:
                for line in d.lines:
                    key = (line.service_id, d.kind, line.period_start, line.period_end)
                    assert key not in keys, key
                    keys.add(key)
        assert numbers == list(range(10001, 10001 + len(numbers)))
        plan = services.billing.plan(None, FIRST_RUN_TO.replace(year=2008), SECOND_RUN_TO)
        assert len(keys) == sum(len(p.lines) for p in plan)
    finally:
        store.close()
