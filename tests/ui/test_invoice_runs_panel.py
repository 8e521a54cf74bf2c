"""Fakturakjøring on the Services & invoicing page: freeze, list, export, undo; the run state."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from invoice_runs_testkit import FIRST_RUN_TO, seed_with_settings
from PySide6.QtCore import QDate, Qt

from contractdesk.ui.pages.billing import BillingPage
from contractdesk.ui.tasks import SyncPool
from contractdesk.ui.widgets.invoice_runs import RunsModel

SHOTS = (
    Path(os.environ.get("CONTRACTDESK_SCREENSHOTS", ""))
    if os.environ.get("CONTRACTDESK_SCREENSHOTS")
    else None
)


@pytest.fixture
def page(qtbot, services):  # type: ignore[no-untyped-def]
    seed_with_settings(services)
    page = BillingPage()
    qtbot.addWidget(page)
    page.pool = SyncPool()
    page.today = lambda: date(2027, 1, 15)
    page.resize(1280, 800)
    page.set_range(date(2026, 12, 1), date(2027, 3, 31))
    page.show()
    page.set_services(services)
    page.tabs.setCurrentWidget(page.runs_panel)
    return page


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.grab().save(str(SHOTS / f"{name}.png"))


def test_freeze_export_and_undo_from_the_page(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    panel = page.runs_panel
    assert page.tabs.tabText(4) == "Invoice r&uns"
    assert "0 frozen" in page.run_state.text()
    panel.freeze(FIRST_RUN_TO)
    assert "Run 1 frozen" in panel.message.text() and "numbers 10001" in panel.message.text()
    assert panel.runs_model.rowCount() == 1
    assert panel.selected_run().run_id == 1
    model = panel.runs_model
    assert model.index(0, RunsModel.STATUS).data() == "Frozen"
    assert model.index(0, RunsModel.NUMBERS).data().startswith("10001")
    assert "0 exported" in page.run_state.text() and "planned" in page.run_state.text()
    assert panel.undo_button.isEnabled()
    _shot(page, "invoice-runs-frozen-en")

    panel.export_selected("ehf", tmp_path / "ehf")
    assert "exported" in panel.message.text()
    assert any((tmp_path / "ehf").glob("invoice-*.xml"))
    assert model.index(0, RunsModel.STATUS).data() == "Exported"
    assert not panel.undo_button.isEnabled()
    frozen = page.run_state.text()
    assert "0 exported" not in frozen

    panel.freeze(date(2027, 3, 31))
    assert panel.selected_run().run_id == 2
    panel.confirm = lambda _text: False
    panel.undo_selected()
    assert model.rowCount() == 2 and model.index(0, RunsModel.STATUS).data() == "Frozen"
    panel.confirm = lambda _text: True
    panel.undo_selected()
    assert "Run 2 undone" in panel.message.text()
    assert model.index(0, RunsModel.STATUS).data() == "Undone"


def test_the_panel_in_norwegian(page, qapp) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.ui.i18n import install_language

    install_language(qapp, "nb")
    try:
        page.retranslate()
        assert page.tabs.tabText(4) == "Faktura&kjøring"
        page.runs_panel.freeze(FIRST_RUN_TO)
        assert "Kjøring 1" in page.runs_panel.message.text()
        assert page.runs_panel.runs_model.index(0, RunsModel.STATUS).data() == "Frosset"
        _shot(page, "invoice-runs-frozen-nb")
    finally:
        install_language(qapp, "en")
        page.retranslate()


def test_invoicing_settings_on_the_settings_page(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    from invoice_runs_testkit import seed_customers

    from contractdesk.ui.pages.settings import SettingsPage

    seed_customers(services)
    settings = SettingsPage()
    qtbot.addWidget(settings)
    settings.resize(1280, 800)
    settings.set_services(services)
    box = settings.invoicing_box
    assert box.first_number.value() == 1 and box.account.text() == ""
    box.account.setText("8601.11.17948")  # wrong check digit
    assert not box.save()
    assert "not a valid Norwegian account number" in box.message.text()
    box.account.setText("8601 11 17947")
    box.first_number.setValue(2027001)
    box.register.setChecked(False)
    assert box.save()
    got = services.invoice_runs.settings()
    assert (got.account_number, got.first_number, got.business_register) == (
        "86011117947",
        2027001,
        False,
    )
    assert box.account.text() == "8601.11.17947"
    assert not box.runs_from.isEnabled()
    box.limit_runs.setChecked(True)
    box.runs_from.setDate(QDate(2027, 1, 1))
    assert box.save()
    assert services.invoice_runs.settings().runs_from == date(2027, 1, 1)
    settings.show()
    _shot(settings, "settings-invoicing-en")
    services.invoice_runs.run(FIRST_RUN_TO)
    box.first_number.setValue(5)
    assert not box.save() and "fixed" in box.message.text()
    assert box.first_number.value() == 2027001


def test_drafts_get_their_numbers_from_a_receipt(page, services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services.invoice_runs.set_numbering("accounting")
    panel = page.runs_panel
    panel.freeze(FIRST_RUN_TO)
    model = panel.runs_model
    assert model.index(0, RunsModel.STATUS).data() == "Frozen, awaiting numbers"
    assert not panel.export_buttons["ehf"].isEnabled() and panel.receipt_button.isEnabled()
    run = panel.selected_run()
    receipt = tmp_path / "receipt.csv"
    receipt.write_text(
        "".join(f"1-{i};{500 + i}\n" for i in range(1, run.invoices + 1)), encoding="utf-8"
    )
    panel.import_receipt(receipt)
    assert "recorded" in panel.message.text()
    assert model.index(0, RunsModel.STATUS).data() == "Frozen"
    assert panel.export_buttons["ehf"].isEnabled() and not panel.receipt_button.isEnabled()


def test_the_plan_marks_frozen_and_exported_documents(page, qtmodeltester, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.ui.widgets.invoice_plan import InvoicePlanModel

    model = page.plan_model
    tips = lambda: {  # noqa: E731  (a one-line read of the column for the asserts below)
        model.index(r, InvoicePlanModel.DATE).data(): model.index(r, InvoicePlanModel.TOTAL).data(
            Qt.ItemDataRole.ToolTipRole
        )
        for r in range(model.rowCount())
    }
    assert set(tips().values()) == {"Planned: not in an invoice run yet"}
    page.runs_panel.freeze(FIRST_RUN_TO)
    after = tips()
    assert after["02/01/2027"] == "Frozen in an invoice run"
    assert after["05/03/2027"] == "Planned: not in an invoice run yet"
    row = next(
        r
        for r in range(model.rowCount())
        if model.index(r, InvoicePlanModel.DATE).data() == "02/01/2027"
    )
    assert model.index(row, InvoicePlanModel.NET).data(Qt.ItemDataRole.FontRole).italic()
    page.runs_panel.export_selected("csv", tmp_path / "run.csv")
    assert tips()["02/01/2027"] == "Frozen and exported to accounting"
    qtmodeltester.check(model)
    page.tabs.setCurrentIndex(0)
    _shot(page, "plan-run-states-en")
