"""Importing a customer list (CSV/XLSX): row-by-row report, all or nothing, bulk for many."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from brreg_server import ReplayServer

from contractdesk.errors import UserError
from contractdesk.registry import RegistrySettings


@pytest.fixture
def customers(services: Any, brreg_replay: ReplayServer) -> Iterator[Any]:
    services.customers.configure_registry(
        RegistrySettings(base_url=brreg_replay.url, total_timeout=3.0, backoff_initial=0.01)
    )
    yield services.customers


def write(tmp_path: Path, text: str, encoding: str = "utf-8-sig", name: str = "kunder.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_good_list_is_imported_with_its_contacts(
    customers: Any, services: Any, tmp_path: Path
) -> None:
    customers.register("926511890")  # already a customer: left as it is
    path = write(
        tmp_path,
        "Organisasjonsnummer;Kontaktperson;E-post;Telefon\r\n"
        "971 049 669;Frode Heimen;frode@example.no;+47 912 34 567\r\n"
        ";;;\r\n"
        "923.130.969;;;\r\n"
        "926511890;;;\r\n",
    )
    report = customers.import_customers(path, people=services.people)
    assert report.ok and report.mode == "per-customer"
    assert set(report.imported) == {"971049669", "923130969"}
    assert report.existing == ("926511890",)
    assert customers.get("971049669").name == "WEBMASTER HEIMEN"
    people = services.people.list_people("971049669")
    assert [(p.full_name, p.emails, p.roles) for p in people] == [
        ("Frode Heimen", ("frode@example.no",), ("main_contact",))
    ]
    assert report.as_dict()["problems"] == []


def test_any_bad_row_imports_nothing_and_every_problem_is_reported(
    customers: Any, services: Any, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "orgnr,kontakt,email\n"
        "971049669,,\n"
        "971049668,,\n"  # wrong check digit
        "971 049 669,,\n"  # twice
        "923130969,Kari,not-an-address\n"
        "990008884,,\n",  # unknown to the registry: only found by asking
        encoding="utf-8",
    )
    report = customers.import_customers(path)
    assert not report.ok and report.imported == ()
    assert [(p.line, p.value) for p in report.problems] == [
        (3, "971049668"),
        (4, "971 049 669"),
        (5, "923130969"),
    ]
    assert "first on line 2" in report.problems[1].message
    assert customers.count() == 0
    fixed = write(tmp_path, "orgnr\n971049669\n990008884\n", encoding="utf-8")
    report = customers.import_customers(fixed)
    assert [(p.line, p.value) for p in report.problems] == [(3, "990 008 884")]
    assert "does not know" in report.problems[0].message and customers.count() == 0


def test_windows_1252_and_headerless_and_xlsx(customers: Any, tmp_path: Path) -> None:
    path = write(tmp_path, "971049669\tBjørn Ås\n", encoding="cp1252")
    assert customers.import_customers(path).imported == ("971049669",)

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Kunde", "Org.nr"])
    sheet.append(["Avara", 923130969])  # a number cell, as spreadsheets keep it
    book.save(tmp_path / "kunder.xlsx")
    report = customers.import_customers(tmp_path / "kunder.xlsx")
    assert report.imported == ("923130969",)


def test_an_empty_or_unreadable_file_is_refused(customers: Any, tmp_path: Path) -> None:
    assert not customers.import_customers(write(tmp_path, "orgnr\n")).ok
    with pytest.raises(UserError):
        customers.import_customers(tmp_path / "missing.csv")
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"\x00\x01\x02")
    with pytest.raises(UserError):
        customers.import_customers(binary)


def test_many_rows_are_looked_up_in_the_bulk_files(
    customers: Any, brreg_replay: ReplayServer, tmp_path: Path
) -> None:
    customers.bulk_threshold = 1
    path = write(tmp_path, "orgnr\n971049669\n923130969\n", encoding="utf-8")
    brreg_replay.clear_requests()
    report = customers.import_customers(path)
    assert report.ok and report.mode == "bulk" and report.requests == 2
    assert [r.path for r in brreg_replay.requests] == [
        "/enhetsregisteret/api/enheter/lastned",
        "/enhetsregisteret/api/roller/totalbestand",
    ]
    view = customers.get("971049669")
    assert view.name == "WEBMASTER HEIMEN" and view.signing_rule.signer_sets == (("Frode Heimen",),)
