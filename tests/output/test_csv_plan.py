"""CSV export of the plan: columns, `;` and UTF-8, formula injection defused, credit notes as
negative numbers, and atomic writes that leave the old file and no temp file on failure."""

from __future__ import annotations

import csv
import errno
import io
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from contractdesk.domain.invoicing import (
    CSV_COLUMNS,
    BillingCustomer,
    DeliveryMethod,
    Licence,
    OneOffCost,
    PlannedInvoice,
    Service,
    plan_invoices,
    sanitize_cell,
)
from contractdesk.output.atomic import SaveError
from contractdesk.output.csv_plan import write_plan_csv

ORG = "971049669"
NASTY = [
    '=HYPERLINK("http://evil","x")',
    "+47 SMS",
    "-20 % rabatt",
    "@SUM(A1)",
    "\tTabbed",
    "\rReturn",
]


def _plan() -> list[PlannedInvoice]:
    services: list[Service] = [
        Licence(1, 'Lisens; «Ærlig» "CRM"', Decimal(12000), date(2027, 3, 1), 30).terminated(
            date(2028, 5, 10)
        ),
        *(OneOffCost(10 + i, text, Decimal(100), date(2027, 4, 1)) for i, text in enumerate(NASTY)),
    ]
    customer = BillingCustomer(ORG, DeliveryMethod.EMAIL, tuple(services))
    return plan_invoices([customer], date(2027, 1, 1), date(2028, 12, 31))


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))


def test_one_row_per_line_with_header_and_org_number(tmp_path: Path) -> None:
    target = tmp_path / "plan.csv"
    plan = _plan()
    assert write_plan_csv(target, plan) == sum(len(inv.lines) for inv in plan)
    rows = _read(target)
    assert tuple(rows[0]) == CSV_COLUMNS
    body = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]]
    assert len(body) == 10
    assert {row["org_number"] for row in body} == {ORG}
    first = body[0]
    assert first == {
        "invoice": "1",
        "kind": "invoice",
        "org_number": ORG,
        "invoice_date": "2027-03-31",
        "due_date": "2027-04-14",
        "description": 'Lisens; «Ærlig» "CRM"',
        "service_id": "1",
        "period_start": "2027-03-31",
        "period_end": "2027-06-30",
        "amount": "3049.72",
        "fee": "12.00",
        "net": "3061.72",
        "vat": "765.43",
        "total": "3827.15",
        "collection_notice": "2027-04-28",  # §10.2: due + 14 days
    }


def test_document_totals_only_on_first_row_so_columns_sum_right(tmp_path: Path) -> None:
    target = tmp_path / "plan.csv"
    plan = _plan()
    write_plan_csv(target, plan)
    body = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in _read(target)[1:]]
    april = [row for row in body if row["invoice_date"] == "2027-04-01"]
    assert len(april) == 6
    assert april[0]["fee"] == "12.00" and april[0]["total"] == "765.00"  # (600 + 12) x 1.25
    assert all(row[c] == "" for row in april[1:] for c in ("fee", "net", "vat", "total"))
    assert {row["collection_notice"] for row in april} == {"2027-04-29"}  # §10.2, every row
    assert sum(Decimal(r["total"]) for r in body if r["total"]) == sum(inv.total for inv in plan)
    assert sum(Decimal(r["amount"]) for r in body) == sum(inv.lines_total for inv in plan)


def test_formula_injection_is_defused_in_text_cells(tmp_path: Path) -> None:
    target = tmp_path / "plan.csv"
    write_plan_csv(target, _plan())
    descriptions = [row[CSV_COLUMNS.index("description")] for row in _read(target)[1:]]
    for text in NASTY:
        assert "'" + text in descriptions
        assert text not in descriptions
    for cell in (row for line in _read(target) for row in line):
        assert not cell.startswith(("=", "+", "@", "\t", "\r"))


def test_credit_note_amounts_stay_negative_numbers(tmp_path: Path) -> None:
    target = tmp_path / "plan.csv"
    write_plan_csv(target, _plan())
    credit = [dict(zip(CSV_COLUMNS, r, strict=True)) for r in _read(target)[1:] if r[1] == "credit"]
    assert [(r["amount"], r["fee"], r["net"], r["vat"], r["total"]) for r in credit] == [
        ("-1000.00", "0.00", "-1000.00", "-250.00", "-1250.00")
    ]
    assert credit[0]["collection_notice"] == ""  # a credit note is never collected
    assert Decimal(credit[0]["amount"]) < 0


def test_sanitize_cell_leaves_ordinary_text_alone() -> None:
    assert sanitize_cell("Lisens 2027") == "Lisens 2027"
    assert sanitize_cell("") == ""
    assert sanitize_cell("a=b") == "a=b"
    assert sanitize_cell("-5") == "'-5"


def test_utf8_without_bom_by_default_with_bom_and_decimal_comma_on_request(tmp_path: Path) -> None:
    plain = tmp_path / "plain.csv"
    write_plan_csv(plain, _plan())
    raw = plain.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert "«Ærlig»".encode() in raw
    assert b"\r\n" in raw

    excel = tmp_path / "excel.csv"
    write_plan_csv(excel, _plan(), decimal_separator=",", bom=True)
    raw = excel.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][CSV_COLUMNS.index("amount")] == "3049,72"
    assert any(r[CSV_COLUMNS.index("total")] == "-1250,00" for r in rows)
    with pytest.raises(ValueError):
        write_plan_csv(excel, _plan(), decimal_separator=";")


def test_export_replaces_an_existing_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "plan.csv"
    target.write_text("old", encoding="utf-8")
    write_plan_csv(target, _plan())
    assert _read(target)[0] == list(CSV_COLUMNS)
    assert os.listdir(tmp_path) == ["plan.csv"]


def test_failure_while_producing_rows_leaves_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "plan.csv"
    target.write_text("old export", encoding="utf-8")
    plan = _plan()

    def broken() -> Iterator[PlannedInvoice]:
        yield from plan[:2]
        raise RuntimeError("plan failed half way")

    with pytest.raises(RuntimeError, match="half way"):
        write_plan_csv(target, broken())
    assert target.read_text(encoding="utf-8") == "old export"
    assert os.listdir(tmp_path) == ["plan.csv"]


def test_missing_folder_raises_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(SaveError) as caught:
        write_plan_csv(tmp_path / "nowhere" / "plan.csv", _plan())
    assert caught.value.errno == errno.ENOENT
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE is POSIX")
def test_disk_full_mid_write_leaves_old_file_and_no_temp(tmp_path: Path) -> None:
    """A real write failure: the child process may write at most 2,000 bytes to any file."""
    target = tmp_path / "plan.csv"
    target.write_text("old export", encoding="utf-8")
    code = textwrap.dedent(
        f"""
        import resource, signal, sys
        from datetime import date
        from decimal import Decimal
        from contractdesk.domain.invoicing import *
        from contractdesk.output.csv_plan import write_plan_csv
        services = tuple(
            OneOffCost(i, "Consulting work " * 3, Decimal(1000 + i), date(2027, 1, 1 + i % 28))
            for i in range(500)
        )
        plan = plan_invoices(
            [BillingCustomer("971049669", DeliveryMethod.PAPER, services)],
            date(2027, 1, 1), date(2027, 12, 31),
        )
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))
        try:
            write_plan_csv({str(target)!r}, plan)
        except OSError as exc:
            print("failed:", exc.errno)
            sys.exit(0)
        sys.exit(3)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("failed:")
    assert target.read_text(encoding="utf-8") == "old export"
    assert os.listdir(tmp_path) == ["plan.csv"]
