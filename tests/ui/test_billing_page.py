"""The Services & invoicing page: plan, totals, the 12-month chart, CSV export, services panel."""

from __future__ import annotations

import csv
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from contractdesk.domain.invoicing import InvoicePeriod, ServiceKind
from contractdesk.services.billing import ServiceInput
from contractdesk.store.models import Customer
from contractdesk.ui.formatting import format_amount
from contractdesk.ui.pages.billing import BillingPage
from contractdesk.ui.tasks import SyncPool
from contractdesk.ui.widgets.invoice_plan import InvoicePlanModel, MonthTotalsModel
from contractdesk.ui.widgets.services_panel import ServicesModel, ServicesPanel

# Background tasks run synchronously here; the journeys on the real pool are in test_journey.py.
pytestmark = pytest.mark.usefixtures("sync_tasks")

ORG = "971049669"
ORG_B = "923130969"
TODAY = date(2027, 3, 15)
WORKED = ServiceInput(
    "licence", "Webmaster CRM", annual_price="12000", start=date(2027, 3, 1), trial_days=30
)
EN = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


@pytest.fixture(autouse=True)
def _english_numbers():  # type: ignore[no-untyped-def]
    old = QLocale()
    QLocale.setDefault(EN)
    yield
    QLocale.setDefault(old)


@pytest.fixture
def shop(services):  # type: ignore[no-untyped-def]
    """Two customers: the worked example (e-mail) and a paper customer with a one-off cost."""
    with services.store.session() as s:
        s.add(Customer(org_number=ORG, name="Testesen AS", status="active"))
        s.add(Customer(org_number=ORG_B, name="Heimen AS", status="active"))
    services.billing.add_service(ORG, WORKED)
    services.billing.set_customer_billing(ORG_B, delivery_method="paper")
    services.billing.add_service(
        ORG_B, ServiceInput("one-off", "Setup", amount="1000", cost_date=date(2027, 5, 3))
    )
    return services


@pytest.fixture
def page(qtbot, shop):  # type: ignore[no-untyped-def]
    page = BillingPage()
    qtbot.addWidget(page)
    page.pool = SyncPool()
    page.today = lambda: TODAY
    page.set_range(date(2027, 1, 1), date(2027, 12, 31))
    page.show()  # a shown page recalculates on every change
    page.set_services(shop)
    return page


def column(model, col: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_format_amount_is_exact_and_follows_the_locale() -> None:
    nb = QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway)
    assert format_amount(Decimal("3049.72"), EN) == "3,049.72"
    assert format_amount(Decimal("1234567.005"), EN) == "1,234,567.01"
    assert format_amount(Decimal("-1503"), EN) == "-1,503.00"
    assert format_amount(Decimal("0.395"), EN, keep_decimals=True) == "0.395"
    assert format_amount(Decimal("3049.72"), nb).replace("\u00a0", " ") == "3 049,72"


def test_plan_view_shows_the_worked_example_for_all_customers(page) -> None:  # type: ignore[no-untyped-def]
    view = page.plan_model
    assert view.rowCount() == 3
    assert column(view, InvoicePlanModel.DATE) == ["31/03/2027", "03/05/2027", "02/07/2027"]
    assert column(view, InvoicePlanModel.CUSTOMER) == ["Testesen AS", "Heimen AS", "Testesen AS"]
    assert column(view, InvoicePlanModel.TOTAL) == ["3,827.15", "1,306.25", "7,515.00"]
    assert column(view, InvoicePlanModel.VAT) == ["765.43", "261.25", "1,503.00"]
    assert column(view, InvoicePlanModel.FEE) == ["12.00", "45.00", "12.00"]
    assert "Webmaster CRM" in view.index(0, InvoicePlanModel.LINES).data()
    assert (
        "3 invoices, 0 credit notes" in page.summary.text() and "12,648.40" in page.summary.text()
    )

    page.plan_view.sortByColumn(InvoicePlanModel.TOTAL, Qt.SortOrder.DescendingOrder)
    assert column(view, InvoicePlanModel.TOTAL) == ["7,515.00", "3,827.15", "1,306.25"]

    totals = page.totals_model
    assert column(totals, MonthTotalsModel.MONTH) == ["Mar 2027", "May 2027", "Jul 2027"]
    assert column(totals, MonthTotalsModel.TOTAL) == ["3,827.15", "1,306.25", "7,515.00"]


def test_one_customer_filters_the_plan_and_opens_its_services(page) -> None:  # type: ignore[no-untyped-def]
    page.set_customer(ORG_B)
    assert column(page.plan_model, InvoicePlanModel.ORG) == ["923 130 969"]
    assert page.services_panel.org_number == ORG_B
    assert [r.name for r in page.services_panel.model.rows()] == ["Setup"]
    assert page.services_hint.isHidden()
    page.set_customer(None)
    assert page.plan_model.rowCount() == 3 and page.services_panel.model.rowCount() == 0


def test_chart_shows_the_coming_twelve_months(page) -> None:  # type: ignore[no-untyped-def]
    chart = page.chart
    months = chart.months()
    assert [m.month for m in months][:2] == [date(2027, 3, 1), date(2027, 4, 1)] and len(
        months
    ) == 12
    assert chart.bar_set.count() == 12
    values = [chart.bar_set.at(i) for i in range(12)]
    assert values[0] == pytest.approx(3061.72) and values[2] == pytest.approx(
        1045.00
    )  # Mar, May: net
    assert values[4] == pytest.approx(6012.00) and values[10] == pytest.approx(6012.00)  # Jul, Jan
    assert values[1] == 0
    # whole month names, and the amounts with thousands separators
    assert chart.axis_x.categories()[0] == "March<br>2027" and chart.axis_x.count() == 12
    assert "6,000" in chart.axis_y.categoriesLabels() or "6 000" in [
        label.replace("\xa0", " ") for label in chart.axis_y.categoriesLabels()
    ]
    assert chart.series.count() == 1
    assert "Mar 2027: 3,061.72" in chart.accessibleDescription()


def test_range_errors_are_shown_and_the_plan_is_kept(page) -> None:  # type: ignore[no-untyped-def]
    page.set_range(date(2027, 12, 31), date(2027, 1, 1))
    page.refresh()
    assert "after the last day" in page.error.text()
    assert page.plan_model.rowCount() == 3


def test_export_writes_the_shown_plan_atomically(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    out.mkdir()
    target = out / "plan.csv"
    page.decimal_comma.setChecked(True)
    page.export_to(target)
    rows = list(csv.reader(target.read_text(encoding="utf-8").splitlines(), delimiter=";"))
    assert [r[13] for r in rows[1:]] == ["3827,15", "1306,25", "7515,00"]
    assert "Exported 3 invoices (3 lines)" in page.summary.text()
    assert sorted(p.name for p in out.iterdir()) == ["plan.csv"]  # no temporary file left

    page.export_to(out / "missing" / "plan.csv")
    assert "Could not write" in page.error.text()
    assert page.export_button.isEnabled()


def test_export_button_asks_for_a_file(
    page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "chosen.csv"
    asked: list[str] = []

    def fake_dialog(parent, title, suggested, filters):  # type: ignore[no-untyped-def]
        asked.append(suggested)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    page.export_button.click()
    assert asked[0].endswith("invoice-plan-2027-01-01-2027-12-31.csv")
    assert target.read_text(encoding="utf-8").startswith("invoice;kind;org_number")


def test_plan_and_totals_models_pass_the_model_tester(qtmodeltester, page) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.plan_model)
    qtmodeltester.check(page.totals_model)
    empty = InvoicePlanModel()
    qtmodeltester.check(empty)


def test_models_sort_themselves_and_keep_persistent_indexes(qtmodeltester, page) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPersistentModelIndex

    model = page.plan_model
    qtmodeltester.check(model)  # stays attached: checks the layout change below
    held = QPersistentModelIndex(model.index(0, InvoicePlanModel.TOTAL))  # 3,827.15
    model.sort(InvoicePlanModel.CUSTOMER, Qt.SortOrder.AscendingOrder)
    assert column(model, InvoicePlanModel.CUSTOMER) == ["Heimen AS", "Testesen AS", "Testesen AS"]
    assert held.row() == 1 and held.data() == "3,827.15"
    assert [model.index(r, 0).data(InvoicePlanModel.IdRole) for r in range(3)] == [1, 0, 2]
    page.set_range(date(2027, 1, 1), date(2027, 6, 30))  # a new plan keeps the chosen order
    assert column(model, InvoicePlanModel.CUSTOMER) == ["Heimen AS", "Testesen AS"]
    page.totals_model.sort(MonthTotalsModel.TOTAL, Qt.SortOrder.DescendingOrder)
    assert column(page.totals_model, MonthTotalsModel.TOTAL) == ["3,827.15", "1,306.25"]


def test_keyboard_reaches_every_control(page) -> None:  # type: ignore[no-untyped-def]
    for label, field in (
        (page.customer_label, page.customer),
        (page.from_label, page.date_from),
        (page.to_label, page.date_to),
    ):
        assert label.buddy() is field and "&" in label.text()
    for button in (page.refresh_button, page.export_button):
        assert "&" in button.text()
    assert [page.tabs.tabText(i) for i in range(4)] == [
        "Invoice &plan",
        "Totals per &month",
        "Coming &12 months",
        "&Services",
    ]


def test_background_calculation_reports_on_the_gui_thread(qtbot, shop) -> None:  # type: ignore[no-untyped-def]
    page = BillingPage()
    qtbot.addWidget(page)
    page.today = lambda: TODAY
    page.set_services(shop)
    page.set_range(date(2027, 1, 1), date(2027, 12, 31))
    page.refresh()  # the global thread pool
    qtbot.waitUntil(lambda: page.plan_model.rowCount() == 3, timeout=10_000)


# -- the services panel ---------------------------------------------------------------------------


@pytest.fixture
def panel(qtbot, shop):  # type: ignore[no-untyped-def]
    panel = ServicesPanel(shop)
    qtbot.addWidget(panel)
    panel.today = lambda: TODAY
    panel.set_customer(ORG)
    return panel


def test_panel_lists_services_with_binding_and_earliest_end(panel) -> None:  # type: ignore[no-untyped-def]
    model = panel.model
    assert model.rowCount() == 1
    assert model.index(0, ServicesModel.BINDING_END).data() == "30/03/2028"
    # Still in the trial on 15 March: a termination now is not held to the binding period.
    assert model.index(0, ServicesModel.EARLIEST_END).data() == "15/03/2027"
    panel.today = lambda: date(2027, 5, 1)
    panel.refresh()
    assert model.index(0, ServicesModel.EARLIEST_END).data() == "30/03/2028"
    assert model.index(0, ServicesModel.BILLING_START).data() == "31/03/2027"
    assert model.index(0, ServicesModel.PRICE).data() == "12,000.00 per year"
    assert model.index(0, ServicesModel.STATUS).data() == "Active"
    assert panel.delivery.currentData() == "email"
    assert InvoicePeriod(panel.period.currentData()) is InvoicePeriod.HALF_YEARLY


def test_panel_adds_a_licence_with_a_monthly_price(panel, shop) -> None:  # type: ignore[no-untyped-def]
    dialog = panel.add_service()
    assert dialog is not None and dialog.isVisible()
    dialog.kind.setCurrentIndex(dialog.kind.findData(ServiceKind.LICENCE))
    dialog.name.setText("Booking")
    dialog.price_basis.setCurrentIndex(dialog.price_basis.findData("monthly"))
    dialog.accept()  # no price yet: refused in the dialog
    assert dialog.isVisible() and "Monthly price is required" in dialog.error.text()
    assert dialog.focusWidget() is dialog.price  # the field named in the error
    dialog.price.setText("250")
    dialog.trial_days.setValue(14)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    added = next(r for r in shop.billing.list_services(ORG) if r.name == "Booking")
    assert (added.annual_price, added.trial_days, added.start) == (Decimal("3000.00"), 14, TODAY)
    assert panel.selected_id() == added.id
    # §4.1: ordering without accepted terms is allowed, and the panel says so.
    assert panel.message.text().startswith("Service added. ")
    assert "has not accepted the terms of agreement" in panel.message.text()


def test_panel_shows_only_the_fields_of_the_kind(panel) -> None:  # type: ignore[no-untyped-def]
    dialog = panel.add_service()
    dialog.kind.setCurrentIndex(dialog.kind.findData(ServiceKind.USAGE))
    assert not dialog.form.isRowVisible(dialog.price) and dialog.form.isRowVisible(
        dialog.unit_price
    )
    dialog.name.setText("SMS")
    dialog.unit_price.setText("0,395")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    usage_row = panel.model.row_of(panel.selected_id())
    assert panel.model.index(usage_row, ServicesModel.PRICE).data() == "0.395 per unit"


def test_panel_terminates_with_a_live_outcome(panel, shop) -> None:  # type: ignore[no-untyped-def]
    panel.select_service(panel.model.row_at(0).id)
    dialog = panel.terminate_service()
    dialog.received.setDate(dialog.received.date().fromString("2027-09-10", "yyyy-MM-dd"))
    assert "Binding ends 30/03/2028." in dialog.outcome.text()
    assert "paid until 31/03/2028" in dialog.outcome.text()
    dialog.later.setChecked(True)
    dialog.requested_end.setDate(dialog.requested_end.date().fromString("2027-09-01", "yyyy-MM-dd"))
    assert "before the termination was received" in dialog.error.text()
    dialog.later.setChecked(False)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (
        panel.model.index(0, ServicesModel.STATUS).data()
        == "Terminated 10/09/2027: ends 30/03/2028, paid until 31/03/2028"
    )
    assert panel.withdraw_button.isEnabled()
    plan = shop.billing.plan(ORG, date(2028, 1, 1), date(2028, 12, 31))
    assert [str(i.lines[0].amount) for i in plan] == ["3000.00"]


def test_panel_records_usage_and_says_when_it_replaces(panel, shop) -> None:  # type: ignore[no-untyped-def]
    sms = shop.billing.add_service(ORG, ServiceInput("usage", "SMS", unit_price="0.5"))
    shop.billing.record_usage(sms, date(2027, 2, 1), "10")
    panel.refresh()
    panel.select_service(sms)
    assert panel.usage_button.isEnabled()
    dialog = panel.record_usage()
    assert dialog.chosen_month() == date(2027, 2, 1)  # last month by default
    assert "Already recorded: 10" in dialog.hint.text()
    dialog.quantity.setText("120")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert "NOK 60.00" in panel.message.text()
    assert [(u.month, u.quantity) for u in shop.billing.get_service(sms).usage] == [
        (date(2027, 2, 1), Decimal("120"))
    ]


def test_panel_price_dialog_warns_before_saving(panel, shop) -> None:  # type: ignore[no-untyped-def]
    panel.select_service(panel.model.row_at(0).id)
    dialog = panel.adjust_price()
    dialog.price.setText("12600")
    dialog.announced.setDate(dialog.announced.date().fromString("2027-10-15", "yyyy-MM-dd"))
    assert "must be announced by 2027-10-01" in dialog.warnings.text()
    dialog.announced.setDate(dialog.announced.date().fromString("2027-09-15", "yyyy-MM-dd"))
    assert dialog.warnings.text() == ""
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    plan = shop.billing.plan(ORG, date(2028, 1, 1), date(2028, 1, 31))
    assert plan[0].lines[0].amount == Decimal("6300.00")


def test_panel_saves_delivery_and_period(panel, shop) -> None:  # type: ignore[no-untyped-def]
    changed: list[bool] = []
    panel.changed.connect(lambda: changed.append(True))
    panel.delivery.setCurrentIndex(panel.delivery.findData(panel.delivery.itemData(0)))  # paper
    panel.period.setCurrentIndex(panel.period.findData(InvoicePeriod.MONTHLY))
    panel.save_invoicing_button.click()
    profile = shop.billing.profile(ORG)
    assert (profile.delivery_method.value, profile.invoice_period) == (
        "paper",
        InvoicePeriod.MONTHLY,
    )
    assert changed == [True] and "Invoicing saved" in panel.message.text()


def test_panel_remove_asks_first(panel, shop) -> None:  # type: ignore[no-untyped-def]
    panel.select_service(panel.model.row_at(0).id)
    box = panel.remove_service()
    assert box is not None and box.isVisible()
    box.done(QMessageBox.StandardButton.Cancel)
    assert len(shop.billing.list_services(ORG)) == 1
    box = panel.remove_service()
    box.done(QMessageBox.StandardButton.Yes)
    assert shop.billing.list_services(ORG) == [] and panel.model.rowCount() == 0


def test_panel_edit_keeps_the_kind(panel, shop) -> None:  # type: ignore[no-untyped-def]
    panel.select_service(panel.model.row_at(0).id)
    dialog = panel.edit_service()
    assert not dialog.kind.isEnabled() and dialog.name.text() == "Webmaster CRM"
    assert dialog.price.text() == "12000.00" and dialog.trial_days.value() == 30
    dialog.name.setText("Webmaster CRM Pro")
    dialog.accept()
    assert shop.billing.list_services(ORG)[0].name == "Webmaster CRM Pro"


def test_panel_without_customer_disables_actions(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = ServicesPanel()
    qtbot.addWidget(panel)
    assert not panel.add_button.isEnabled() and not panel.invoicing_box.isEnabled()
    assert panel.add_service() is None


def test_services_model_passes_the_model_tester(qtmodeltester, panel) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(panel.model)


def test_page_replans_after_a_change_in_the_panel(page, shop) -> None:  # type: ignore[no-untyped-def]
    page.set_customer(ORG)
    panel = page.services_panel
    panel.select_service(panel.model.row_at(0).id)
    dialog = panel.terminate_service()
    dialog.received.setDate(dialog.received.date().fromString("2027-04-10", "yyyy-MM-dd"))
    dialog.accept()
    # Terminated inside the binding period: the plan for 2027 is unchanged, but 2028 Q1 is the last.
    page.set_range(date(2028, 1, 1), date(2028, 12, 31))
    assert column(page.plan_model, InvoicePlanModel.TOTAL) == ["3,765.00"]


def test_yearly_adjustment_dialog_previews_saves_and_writes_letters_section_13_1(
    page, shop, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.ui.widgets.yearly_dialog import YearlyAdjustmentDialog

    dialog = page.open_yearly_adjustment()
    assert isinstance(dialog, YearlyAdjustmentDialog) and dialog.isVisible()
    dialog.preview()  # effective 2028-01-01 needs the index of 2026 and 2027
    assert "2026 and 2027" in dialog.error.text()
    shop.billing.add_price_index(2026, "140.0")
    shop.billing.add_price_index(2027, "144.2")
    dialog.preview()
    assert dialog.error.text() == ""
    assert "Index 2027: 3.00 %" in dialog.summary.text()
    assert column(dialog.model, 1) == ["Webmaster CRM"]
    assert column(dialog.model, 3) == ["12,360.00"]  # 12,000 x 1.03
    dialog.grab().save(os.environ.get("CD_SHOT", str(tmp_path / "yearly.png")))
    dialog.write_letters(tmp_path)
    assert (tmp_path / f"Prisjustering-{ORG}-2028-01-01.pdf").exists()
    assert dialog.sent_button.isEnabled()
    dialog.mark_sent()  # sent "today" (15/03/2027): the announcement is now proved
    dialog.preview()
    assert column(dialog.model, 5) == ["15/03/2027"]
    assert dialog.save_button.isEnabled()
    dialog.save()
    assert "Saved" in dialog.summary.text() and not dialog.save_button.isEnabled()
    plan = shop.billing.plan(ORG, date(2028, 1, 1), date(2028, 1, 31))
    assert plan[0].lines[0].amount == Decimal("6180.00")  # the half-year at 12,360
    dialog.reject()


def test_plan_due_date_tells_the_collection_notice_day_section_10_2(page) -> None:  # type: ignore[no-untyped-def]
    model = page.plan_model
    first = model.index(0, InvoicePlanModel.DUE)
    assert first.data() == "14/04/2027"
    assert first.data(Qt.ItemDataRole.ToolTipRole) == "Collection notice from 28/04/2027 (§10.2)"
