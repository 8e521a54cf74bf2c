"""Invoice runs through the service: freezing, numbering, credit references, undo, exports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from invoice_runs_testkit import (
    ACCOUNT,
    FIRST_RUN_TO,
    NO_AS,
    SECOND_RUN_TO,
    seed_customers,
    seed_with_settings,
    two_runs,
)
from lxml import etree
from sqlalchemy import select

from contractdesk.domain.invoicing import InvoiceKind
from contractdesk.domain.invoicing.runs import is_valid_kid
from contractdesk.errors import NotFoundError, UserError
from contractdesk.services.billing import ServiceInput
from contractdesk.store.models import AuditEntry

pytestmark = pytest.mark.both_engines  # each test runs on SQLite and on PostgreSQL

NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}


def actions(services) -> list[str]:  # type: ignore[no-untyped-def]
    with services.store.read_session() as s:
        return [e.action for e in s.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()]


def test_recipient_reference_and_email_are_validated_and_audited(services) -> None:  # type: ignore[no-untyped-def]
    seed_customers(services)
    runs = services.invoice_runs
    assert runs.set_recipient(NO_AS, buyer_reference="Innkjøp 42") == ("Innkjøp 42", "")
    assert runs.set_recipient(NO_AS, email="ap@example.no") == ("Innkjøp 42", "ap@example.no")
    assert runs.set_recipient(NO_AS, buyer_reference="") == ("", "ap@example.no")
    with pytest.raises(UserError):
        runs.set_recipient(NO_AS, email="not an address")
    with pytest.raises(UserError):
        runs.set_recipient(NO_AS, buyer_reference="bad\x07text")
    with pytest.raises(NotFoundError):
        runs.set_recipient("974760673", buyer_reference="x")
    assert actions(services).count("invoices.recipient_changed") == 3


def test_a_run_needs_an_account_number(services) -> None:  # type: ignore[no-untyped-def]
    seed_customers(services)
    with pytest.raises(UserError, match="bank account"):
        services.invoice_runs.run(FIRST_RUN_TO)
    with pytest.raises(UserError, match="not a valid Norwegian account number"):
        services.invoice_runs.set_account_number("1234.56.78901")


def test_runs_number_one_unbroken_series_and_never_freeze_a_line_twice(services) -> None:  # type: ignore[no-untyped-def]
    first, second = two_runs(services)
    assert (first.run_id, first.first_number) == (1, 10001)
    assert second.first_number == first.last_number + 1
    assert (second.invoices, second.credit_notes) == (5, 1)
    numbers = []
    keys = set()
    for run in (first, second):
        _seller, docs = services.invoice_runs.documents(run.run_id)
        numbers += [int(d.number) for d in docs]
        for d in docs:
            assert is_valid_kid(d.kid)
            assert d.kid[6:14] == f"{int(d.number):08d}"
            for line in d.lines:
                key = (line.service_id, d.kind, line.period_start, line.period_end)
                assert key not in keys
                keys.add(key)
    assert numbers == list(range(10001, second.last_number + 1))
    with pytest.raises(UserError, match="Nothing to freeze"):
        services.invoice_runs.run(SECOND_RUN_TO)
    assert actions(services).count("invoices.run_frozen") == 2


def test_runs_from_leaves_what_was_invoiced_elsewhere(services) -> None:  # type: ignore[no-untyped-def]
    seed_with_settings(services)
    services.invoice_runs.set_runs_from(date(2027, 1, 1))
    run = services.invoice_runs.run(FIRST_RUN_TO)
    _seller, docs = services.invoice_runs.documents(run.run_id)
    assert docs and min(d.issue_date for d in docs) >= date(2027, 1, 1)
    assert services.invoice_runs.settings().runs_from == date(2027, 1, 1)


def test_the_start_number_is_fixed_once_numbers_are_given(services) -> None:  # type: ignore[no-untyped-def]
    seed_with_settings(services)
    services.invoice_runs.set_start_number(500)
    services.invoice_runs.run(FIRST_RUN_TO)
    with pytest.raises(UserError, match="fixed"):
        services.invoice_runs.set_start_number(1000)
    assert services.invoice_runs.runs()[0].first_number == 500


def test_a_credit_note_references_the_invoice_it_corrects(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _first, second = two_runs(services)
    _seller, docs = services.invoice_runs.documents(second.run_id)
    (credit,) = [d for d in docs if d.kind is InvoiceKind.CREDIT]
    (ref,) = credit.credited
    _seller, earlier = services.invoice_runs.documents(1)
    (invoice,) = [d for d in earlier if d.number == ref.number]
    assert invoice.issue_date == ref.issue_date == date(2027, 1, 2)
    assert invoice.buyer.org_number == credit.buyer.org_number == NO_AS
    (line,) = credit.lines
    assert any(
        ln.service_id == line.service_id
        and ln.period_start <= line.period_start
        and ln.period_end == line.period_end
        for ln in invoice.lines
    )
    # round trip: the EHF credit note names the same invoice
    services.invoice_runs.export(second.run_id, "ehf", tmp_path)
    tree = etree.parse(str(tmp_path / f"creditnote-{credit.number}.xml"))
    assert (
        tree.findtext("cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID", namespaces=NS)
        == invoice.number
    )
    assert (
        tree.findtext(
            "cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueDate", namespaces=NS
        )
        == "2027-01-02"
    )


def test_frozen_documents_do_not_change_when_services_change(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed_with_settings(services)
    run = services.invoice_runs.run(FIRST_RUN_TO)
    before = services.invoice_runs.documents(run.run_id)
    services.billing.edit_service(
        ids[NO_AS],
        ServiceInput(
            "licence", "Renamed", annual_price="99000", start=date(2025, 1, 1), period="half-yearly"
        ),
    )
    services.supplier.save(
        services.supplier.get().__class__(org_number="971049669", name="Other name"), actor="test"
    )
    assert services.invoice_runs.documents(run.run_id) == before


def test_undo_only_the_newest_unexported_run_and_audit_it(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second = two_runs(services)
    with pytest.raises(UserError, match="only the newest"):
        services.invoice_runs.undo(first.run_id)
    with pytest.raises(NotFoundError):
        services.invoice_runs.undo(99)
    count = services.invoice_runs.undo(second.run_id)
    assert count == second.invoices + second.credit_notes
    assert "invoices.run_undone" in actions(services)
    with pytest.raises(UserError, match="undone already"):
        services.invoice_runs.undo(second.run_id)
    # the numbers come back: the series stays unbroken
    again = services.invoice_runs.run(SECOND_RUN_TO)
    assert again.first_number == second.first_number
    services.invoice_runs.export(again.run_id, "csv", tmp_path / "run.csv")
    with pytest.raises(UserError, match="exported"):
        services.invoice_runs.undo(again.run_id)
    statuses = {r.run_id: (r.status, r.exports) for r in services.invoice_runs.runs()}
    assert statuses == {1: ("frozen", ()), 2: ("undone", ()), 3: ("frozen", ("csv",))}


@pytest.mark.parametrize("fmt", ["ehf", "csv", "poweroffice", "customers", "pdf"])
def test_every_export_is_byte_identical_again(services, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    _first, second = two_runs(services)
    folder = fmt in ("ehf", "pdf")
    a = tmp_path / ("a" if folder else "a.csv")
    b = tmp_path / ("b" if folder else "b.csv")
    first = services.invoice_runs.export(second.run_id, fmt, a)
    again = services.invoice_runs.export(second.run_id, fmt, b)
    assert first.same_as_before is None and again.same_as_before is True
    assert first.digest == again.digest
    if folder:
        names = sorted(p.name for p in a.iterdir())
        assert names == sorted(p.name for p in b.iterdir()) and len(names) == 6
        for name in names:
            assert (a / name).read_bytes() == (b / name).read_bytes()
    else:
        assert a.read_bytes() == b.read_bytes()


def test_accounting_numbering_exports_drafts_and_reads_the_receipt(
    services, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    seed_customers(services)
    services.invoice_runs.set_account_number(ACCOUNT)
    services.invoice_runs.set_numbering("accounting")
    run = services.invoice_runs.run(FIRST_RUN_TO)
    assert run.first_number is None
    drafts = services.invoice_runs.export(run.run_id, "poweroffice", tmp_path / "po.csv")
    text = (tmp_path / "po.csv").read_text("utf-8-sig")
    assert "\n1-1;" in text  # a draft is named by its reference
    with pytest.raises(UserError, match="receipt"):
        services.invoice_runs.export(run.run_id, "ehf", tmp_path / "ehf")
    receipt = tmp_path / "receipt.csv"
    rows = ["reference;number"] + [f"1-{i};{7000 + i}" for i in range(1, run.invoices + 1)]
    receipt.write_text("\n".join(rows) + "\n", "utf-8")
    assert services.invoice_runs.import_receipt(run.run_id, receipt) == run.invoices
    _seller, docs = services.invoice_runs.documents(run.run_id)
    assert [d.number for d in docs] == [str(7000 + i) for i in range(1, run.invoices + 1)]
    assert all(is_valid_kid(d.kid) for d in docs)
    services.invoice_runs.export(run.run_id, "ehf", tmp_path / "ehf")
    assert len(list((tmp_path / "ehf").iterdir())) == run.invoices
    numbered = services.invoice_runs.export(run.run_id, "poweroffice", tmp_path / "po2.csv")
    assert numbered.same_as_before is False and numbered.digest != drafts.digest
    assert "\n7001;" in (tmp_path / "po2.csv").read_text("utf-8-sig")
    again = services.invoice_runs.export(run.run_id, "poweroffice", tmp_path / "po3.csv")
    assert again.same_as_before is True
    bad = tmp_path / "bad.csv"
    bad.write_text("9-1;1\n", "utf-8")
    with pytest.raises(UserError, match="not drafts of run"):
        services.invoice_runs.import_receipt(run.run_id, bad)


def test_the_plan_shows_what_is_planned_frozen_and_exported(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed_with_settings(services)
    run = services.invoice_runs.run(date(2027, 1, 5))
    plan = services.billing.plan(None, date(2026, 12, 1), date(2027, 2, 28))
    states = services.invoice_runs.frozen_state(plan)
    by_date = {(p.invoice_date, p.org_number): s for p, s in zip(plan, states, strict=True)}
    assert set(states) == {"frozen", "planned"}
    assert all(s == "frozen" for (d, _o), s in by_date.items() if d <= date(2027, 1, 5))
    assert all(s == "planned" for (d, _o), s in by_date.items() if d > date(2027, 1, 5))
    services.invoice_runs.export(run.run_id, "csv", tmp_path / "x.csv")
    assert "exported" in services.invoice_runs.frozen_state(plan)


def test_csv_totals_match_the_documents(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import csv

    _first, second = two_runs(services)
    services.invoice_runs.export(second.run_id, "csv", tmp_path / "run.csv")
    with (tmp_path / "run.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    _seller, docs = services.invoice_runs.documents(second.run_id)
    for doc in docs:
        mine = [r for r in rows if r["number"] == doc.number]
        assert sum(Decimal(r["amount"]) for r in mine) == doc.net
        assert {r["document_total"] for r in mine} == {str(doc.total)}
    (credit,) = [r for r in rows if r["document_type"] == "credit_note"]
    assert credit["credits_invoice"] and Decimal(credit["amount"]) < 0


def test_a_credit_note_credits_what_was_invoiced_not_todays_price(services) -> None:  # type: ignore[no-untyped-def]
    from invoice_runs_testkit import TERMINATED_ON

    ids = seed_with_settings(services)
    services.invoice_runs.run(FIRST_RUN_TO)
    # the price is edited after the invoice went out (the plan re-plans as if it had always been so)
    services.billing.edit_service(
        ids[NO_AS],
        ServiceInput(
            "licence",
            "CRM-lisens",
            annual_price="24000",
            start=date(2025, 1, 1),
            period="half-yearly",
        ),
    )
    services.billing.terminate(ids[NO_AS], TERMINATED_ON)
    second = services.invoice_runs.run(SECOND_RUN_TO)
    _seller, docs = services.invoice_runs.documents(second.run_id)
    (credit,) = [d for d in docs if d.kind is InvoiceKind.CREDIT]
    (line,) = credit.lines
    # the plan now credits Apr-Jun of a 12000.00 half-year (-6000.00); what was invoiced for
    # the half-year was 6000.00, so the credit is the same share of that
    planned = services.billing.plan(NO_AS, TERMINATED_ON, TERMINATED_ON)
    (planned_credit,) = [p for p in planned if p.kind is InvoiceKind.CREDIT]
    assert planned_credit.lines[0].amount == Decimal("-6000.00")
    assert line.amount == Decimal("-3000.00")
    assert credit.net == line.amount and credit.total == credit.net + credit.vat


def test_receipts_only_for_drafts_and_no_export_of_an_undone_run(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _first, second = two_runs(services)
    receipt = tmp_path / "receipt.csv"
    receipt.write_text("2-1;9001\n", "utf-8")
    with pytest.raises(UserError, match="not waiting for numbers"):
        services.invoice_runs.import_receipt(second.run_id, receipt)
    services.invoice_runs.undo(second.run_id)
    with pytest.raises(UserError, match="undone"):
        services.invoice_runs.export(second.run_id, "csv", tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()


def test_a_failed_export_is_not_recorded_and_leaves_no_temp_file(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed_with_settings(services)
    run = services.invoice_runs.run(FIRST_RUN_TO)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the export's folder should be", "utf-8")
    with pytest.raises(UserError, match=r"run\.csv"):
        services.invoice_runs.export(run.run_id, "csv", blocker / "run.csv")
    with pytest.raises(UserError):
        services.invoice_runs.export(run.run_id, "ehf", blocker / "ehf")
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != "data")  # "data": a local store
    assert left == ["not-a-folder"]  # no temp file
    assert services.invoice_runs.runs()[0].exports == ()
    assert services.invoice_runs.undo(run.run_id) == run.invoices  # still undoable


def test_the_demo_can_freeze_and_export_a_run_at_once(tmp_path: Path) -> None:
    from contractdesk.paths import StorePaths
    from contractdesk.services.context import Services
    from contractdesk.services.demo import populate_demo
    from contractdesk.store.profile import demo_profile

    paths = StorePaths(tmp_path / "data")
    services = Services(demo_profile(paths.data_dir), paths)
    try:
        populate_demo(services)
        result = services.invoice_runs.run(date.today())
        assert result.invoices >= 1
        services.invoice_runs.export(result.run_id, "csv", tmp_path / "demo.csv")
    finally:
        services.close()
