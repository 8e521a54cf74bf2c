"""Dates, amounts and counts as the user reads them: Norwegian 01.11.2026 and 12 000,00; plural forms."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale

from contractdesk.domain.money import to_money
from contractdesk.services.billing import ServiceInput
from contractdesk.store.models import Customer
from contractdesk.ui.formatting import (
    date_edit_format,
    format_amount_input,
    format_date,
    format_datetime,
    format_money,
    format_month,
    format_number,
    month_edit_format,
)
from contractdesk.ui.pages.billing import BillingPage
from contractdesk.ui.tasks import SyncPool
from contractdesk.ui.widgets.invoice_plan import InvoicePlanModel, MonthTotalsModel
from contractdesk.ui.widgets.service_dialogs import UsageDialog, date_edit
from contractdesk.ui.widgets.services_panel import ServicesModel, ServicesPanel

# Background tasks run synchronously here; the journeys on the real pool are in test_journey.py.
pytestmark = pytest.mark.usefixtures("sync_tasks")

NB = QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway)
US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
ORG = "971049669"
TODAY = date(2027, 3, 15)
NBSP = "\u00a0"


def test_norwegian_dates_are_day_month_four_digit_year() -> None:
    assert format_date(date(2026, 11, 1), NB) == "01.11.2026"
    assert format_date(None, NB) == ""
    assert date_edit_format(NB) == "dd.MM.yyyy"
    assert month_edit_format(NB) == "MM.yyyy"
    assert format_month(date(2026, 11, 1), NB) == "nov. 2026"
    moment = datetime(2026, 11, 1, 14, 5)  # naive: local time already
    assert format_datetime(moment, NB) == "01.11.2026 14:05"


def test_english_short_dates_keep_a_four_digit_year() -> None:
    assert QLocale(US).dateFormat(QLocale.FormatType.ShortFormat) == "M/d/yy"  # what Qt gives
    assert date_edit_format(US) == "M/d/yyyy"
    assert format_date(date(2026, 11, 1), US) == "11/1/2026"
    assert month_edit_format(US) == "M/yyyy"
    assert format_datetime(datetime(2026, 11, 1, 14, 5, tzinfo=UTC), US).startswith("11/")


def test_amounts_have_a_decimal_comma_in_norwegian_and_stay_exact() -> None:
    assert format_money(Decimal(12000), NB) == f"12{NBSP}000,00"
    assert format_money(Decimal("1234567.005"), NB) == f"1{NBSP}234{NBSP}567,01"  # øre, half up
    assert format_money(Decimal(12000), US) == "12,000.00"
    assert format_number(Decimal("1234.50"), NB) == f"1{NBSP}234,5"
    assert format_number(Decimal(1200), US) == "1,200"
    # What a field is filled with reads back as the same amount.
    for loc in (NB, US):
        for amount in (Decimal("12000.00"), Decimal("0.395")):
            assert to_money(format_amount_input(amount, loc)) == amount
    assert format_amount_input(Decimal("12000.00"), NB) == "12000,00"


@pytest.fixture
def norwegian(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    from contractdesk.ui.i18n import install_language

    install_language(qapp, "nb")
    try:
        yield
    finally:
        install_language(qapp, "en")


@pytest.fixture
def shop(services):  # type: ignore[no-untyped-def]
    with services.store.session() as s:
        s.add(Customer(org_number=ORG, name="Testesen AS", status="active"))
    services.billing.add_service(
        ORG,
        ServiceInput(
            "licence", "Webmaster CRM", annual_price="12000", start=date(2027, 3, 1), trial_days=30
        ),
    )
    services.billing.add_service(ORG, ServiceInput("usage", "SMS", unit_price="0.395"))
    return services


@pytest.fixture
def qtapp_language(qapp):  # type: ignore[no-untyped-def]
    """Switch the app's language in a test (English again afterwards)."""
    from contractdesk.ui.i18n import install_language

    yield lambda code: install_language(qapp, code)
    install_language(qapp, "en")


def column(model, col: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_norwegian_invoice_plan_shows_dates_and_amounts_the_norwegian_way(  # type: ignore[no-untyped-def]
    qtbot, shop, norwegian
) -> None:
    page = BillingPage()
    qtbot.addWidget(page)
    page.pool = SyncPool()
    page.today = lambda: TODAY
    page.set_range(date(2027, 1, 1), date(2027, 12, 31))
    page.show()
    page.set_services(shop)
    plan = page.plan_model
    assert column(plan, InvoicePlanModel.DATE) == ["31.03.2027", "02.07.2027"]
    assert column(plan, InvoicePlanModel.TOTAL) == [f"3{NBSP}827,15", f"7{NBSP}515,00"]
    assert (
        plan.index(0, InvoicePlanModel.DATE).data(InvoicePlanModel.SortRole) == "2027-03-31"
    )  # sorts by date
    assert column(page.totals_model, MonthTotalsModel.MONTH) == ["mars 2027", "juli 2027"]
    summary = page.summary.text()
    assert summary.startswith("2 fakturaer, 0 kreditnotaer: kr ") and f"11{NBSP}342,15" in summary
    # The range pickers read the Norwegian way too.
    assert page.date_from.text() == "01.01.2027" and page.date_to.text() == "31.12.2027"
    page.set_range(date(2027, 12, 31), date(2027, 1, 1))
    page.refresh()
    assert "31.12.2027" in page.error.text() and "2027-12-31" not in page.error.text()


def test_norwegian_services_panel_and_dialogs(qtbot, shop, norwegian) -> None:  # type: ignore[no-untyped-def]
    panel = ServicesPanel(shop)
    qtbot.addWidget(panel)
    panel.today = lambda: TODAY
    panel.set_customer(ORG)
    model = panel.model
    licence = model.row_of(next(r.id for r in model.rows() if r.name == "Webmaster CRM"))
    usage = model.row_of(next(r.id for r in model.rows() if r.name == "SMS"))
    assert model.index(licence, ServicesModel.BINDING_END).data() == "30.03.2028"
    assert model.index(licence, ServicesModel.START).data() == "01.03.2027"
    assert model.index(licence, ServicesModel.START).data(ServicesModel.SortRole) == "2027-03-01"
    assert model.index(licence, ServicesModel.PRICE).data() == f"12{NBSP}000,00 per år"
    assert model.index(usage, ServicesModel.PRICE).data() == "0,395 per enhet"

    picker = date_edit(TODAY)
    qtbot.addWidget(picker)
    assert picker.text() == "15.03.2027"
    panel.select_service(model.row_at(usage).id)
    dialog = panel.record_usage()
    assert isinstance(dialog, UsageDialog)
    assert dialog.month.text() == "02.2027"
    dialog.quantity.setText("1200,5")
    dialog.accept()
    assert panel.message.text().startswith(
        f"Forbruk for feb. 2027 registrert: 1{NBSP}200,5 (kr 474,20"
    ), panel.message.text()
    usage = model.row_of(next(r.id for r in model.rows() if r.name == "SMS"))
    panel.select_service(model.row_at(usage).id)
    editing = panel.edit_service()
    assert editing.unit_price.text() == "0,395"  # a decimal comma to edit, read back by the service


def test_counts_use_the_plural_forms_of_each_language(qtbot, qtapp_language) -> None:  # type: ignore[no-untyped-def]
    page = BillingPage()
    qtbot.addWidget(page)
    tr = page.tr
    assert tr("%n invoice(s)", "", 1) == "1 invoice" and tr("%n invoice(s)", "", 3) == "3 invoices"
    qtapp_language("nb")
    assert tr("%n invoice(s)", "", 1) == "1 faktura" and tr("%n invoice(s)", "", 3) == "3 fakturaer"
    assert tr("%n credit note(s)", "", 1) == "1 kreditnota"
