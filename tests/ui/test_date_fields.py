"""Dates with sense in the GUI: sane ranges, "not in the future" for what happened, a far start
asks for confirmation, and a termination that empties the plan is shown and confirmed first."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from contractdesk.services.billing import ServiceInput
from contractdesk.store.models import Customer
from contractdesk.ui.widgets.request_log import LogRequestDialog
from contractdesk.ui.widgets.services_panel import ServicesPanel

# Background tasks run synchronously here; the journeys on the real pool are in test_journey.py.
pytestmark = pytest.mark.usefixtures("sync_tasks")

ORG = "923130969"
TODAY = date(2027, 3, 15)


@pytest.fixture
def panel(qtbot, services):  # type: ignore[no-untyped-def]
    with services.store.session() as s:
        s.add(Customer(org_number=ORG, name="Testesen AS", status="active"))
    panel = ServicesPanel(services)
    qtbot.addWidget(panel)
    panel.today = lambda: TODAY
    panel.set_customer(ORG)
    return panel


def test_a_start_more_than_two_years_ahead_is_saved_only_when_confirmed(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    dialog = panel.add_service()
    dialog.name.setText("CRM")
    dialog.price.setText("12000")
    dialog.start.setDate(QDate(2029, 6, 1))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "more than two years" in dialog.error.text()
    assert panel.model.rowCount() == 0
    dialog.accept()  # OK again: confirmed (saved in the background)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)


def test_no_date_field_offers_the_year_2999(panel) -> None:  # type: ignore[no-untyped-def]
    dialog = panel.add_service()
    dialog.start.setDate(QDate(2999, 1, 1))
    assert dialog.start.date().year() == 2099
    dialog.start.setDate(QDate(1999, 12, 31))
    assert dialog.start.date().year() == 2000
    dialog.reject()


def test_a_termination_that_empties_the_plan_is_shown_and_must_be_confirmed(
    qtbot, panel, services
) -> None:  # type: ignore[no-untyped-def]
    services.billing.add_service(
        ORG,
        ServiceInput(
            "licence", "CRM", annual_price=Decimal(12000), start=date(2027, 3, 1), trial_days=60
        ),
    )
    panel.refresh()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)  # the list loads in the background
    panel.select_service(panel.model.row_at(0).id)
    dialog = panel.terminate_service()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.received.setDate(QDate(2027, 3, 20))  # in the trial: nothing will be invoiced
    assert "nothing is invoiced" in dialog.outcome.text()
    assert dialog.confirm_empty.isVisibleTo(dialog) and not ok.isEnabled()
    dialog.confirm_empty.setChecked(True)
    assert ok.isEnabled()
    dialog.received.setDate(QDate(2026, 1, 1))  # before the licence starts: refused
    assert "before the service starts" in dialog.error.text()
    assert not ok.isEnabled()
    dialog.reject()
    assert services.billing.plan(ORG, date(2027, 1, 1), date(2028, 12, 31))


def test_a_request_cannot_be_logged_as_received_in_the_future(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = LogRequestDialog()
    qtbot.addWidget(dialog)
    dialog.received.setDate(QDate(9999, 12, 7))
    assert dialog.received.date() == QDate.currentDate()


def test_enter_saves_the_business_details_and_a_service_dialog(qtbot, services, panel) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from contractdesk.ui.pages.settings import SettingsPage

    page = SettingsPage()
    qtbot.addWidget(page)
    page.set_services(services)
    qtbot.waitUntil(lambda: page.supplier_form.name.text() != "")  # loaded in the background
    page.supplier_form.name.setText("Heimen Web AS")
    qtbot.keyClick(page.supplier_form.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: services.supplier.get().name == "Heimen Web AS")
    dialog = panel.add_service()
    dialog.show()
    dialog.name.setText("CRM")
    dialog.price.setText("12000")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
