"""Two people editing the same record (issue 19): the second save shows "Someone else changed this"
with the changed fields, and Reload loads the colleague's version into the form. Nothing is
overwritten silently. The colleague is a second store (own connections) on the same file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton

from contractdesk.services.billing import ServiceInput
from contractdesk.services.context import Services
from contractdesk.services.people import PersonInput
from contractdesk.store.engine import open_store
from contractdesk.store.models import Customer
from contractdesk.ui import errors as ui_errors
from contractdesk.ui.widgets.people_panel import PeoplePanel
from contractdesk.ui.widgets.services_panel import ServicesPanel

pytestmark = pytest.mark.usefixtures("sync_tasks")

ORG = "923130969"


@pytest.fixture
def colleague(services: Any, store_paths: Any) -> Iterator[Services]:
    store = open_store(services.store.path, services.store.key_for_backup(), key_source="test")
    other = Services(store, store_paths)
    yield other
    other.close()


@pytest.fixture
def customer(services: Any) -> str:
    with services.store.session() as s:
        s.add(Customer(org_number=ORG, name="Testesen AS", status="active", registry_roles=[]))
    return ORG


def conflict_box() -> QMessageBox:
    box = ui_errors.shown[-1]
    assert box.objectName() == "conflictMessage" and box.isVisible()
    return box


def reload_button(box: QMessageBox) -> QPushButton:
    button = box.findChild(QPushButton, "reloadButton")
    assert button is not None
    return button


def test_person_dialog_shows_the_conflict_and_reloads_the_colleagues_values(
    qtbot: Any, services: Any, colleague: Services, customer: str, tmp_path: Path
) -> None:
    panel = PeoplePanel(services)
    qtbot.addWidget(panel)
    panel.resize(1280, 800)
    panel.set_customer(ORG)
    panel.show()
    pid = panel.add_person(PersonInput("Kari", "Nordmann", phone="+4791234567"), "main-contact")
    panel.select_person(pid)
    seen: dict[str, Any] = {}

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, act)
            return
        try:
            # While the form is open, a colleague saves a new last name.
            colleague.people.correct(pid, PersonInput("Kari", "Berg", phone="+4791234567"))
            dialog.title_edit.setText("CEO")
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
            box = conflict_box()
            seen["text"] = box.text()
            seen["title"] = box.windowTitle()
            box.resize(640, 300)
            box.grab().save(str(tmp_path / "conflict.png"))
            assert dialog.isVisible()  # the form stays open, with the user's edit
            reload_button(box).click()
            seen["after_reload"] = (dialog.last.text(), dialog.title_edit.text())
            dialog.title_edit.setText("CEO")
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
            seen["closed"] = not dialog.isVisible()
        except Exception as exc:  # reported after exec() returns
            seen["error"] = exc
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, act)
    panel.edit_button.click()
    assert "error" not in seen, seen
    assert seen["title"] == "Someone else changed this"
    assert "Last name: now “Berg” (yours: “Nordmann”)" in seen["text"]
    assert "Title: now “(empty)” (yours: “CEO”)" in seen["text"]
    assert seen["after_reload"] == ("Berg", "")  # mine discarded, theirs loaded
    assert seen["closed"]
    stored = services.people.get(pid)
    assert (stored.last_name, stored.title) == ("Berg", "CEO")  # saved on top of theirs


def test_service_dialog_and_invoicing_settings_refuse_a_stale_save(
    qtbot: Any, services: Any, colleague: Services, customer: str
) -> None:
    sid = services.billing.add_service(
        ORG, ServiceInput("licence", "CRM", annual_price="12000", start=date(2027, 3, 1))
    )
    panel = ServicesPanel(services)
    qtbot.addWidget(panel)
    panel.today = lambda: date(2027, 3, 15)
    panel.set_customer(ORG)
    panel.select_service(sid)
    dialog = panel.edit_service()
    assert dialog is not None
    colleague.billing.edit_service(
        sid, ServiceInput("licence", "CRM Pro", annual_price="12000", start=date(2027, 3, 1))
    )
    dialog.price.setText("15000")
    dialog.accept()
    box = conflict_box()
    assert "Name: now “CRM Pro” (yours: “CRM”)" in box.text()
    assert services.billing.get_service(sid).annual_price == 12000  # nothing overwritten
    reload_button(box).click()
    assert dialog.name.text() == "CRM Pro"
    assert dialog.price.text().replace(",", ".") == "12000.00"  # (locale decimal sign)
    dialog.price.setText("15000")
    dialog.accept()
    saved = services.billing.get_service(sid)
    assert (saved.name, saved.annual_price) == ("CRM Pro", 15000)

    # The customer's invoicing settings as shown on the panel, changed by the colleague meanwhile.
    colleague.billing.set_customer_billing(ORG, delivery_method="paper")
    panel.delivery.setCurrentIndex(panel.delivery.findData(panel.delivery.itemData(2)))
    chosen = panel.delivery.currentData()
    panel.save_invoicing_button.click()
    box = conflict_box()
    assert "Delivery method: now “paper”" in box.text()
    assert services.billing.profile(ORG).delivery_method.value == "paper"
    reload_button(box).click()
    assert str(panel.delivery.currentData()) == "paper"
    panel.delivery.setCurrentIndex(panel.delivery.findData(chosen))
    panel.save_invoicing_button.click()
    assert services.billing.profile(ORG).delivery_method.value == str(chosen) != "paper"


def test_the_conflict_box_reads_norwegian(
    qtbot: Any, qapp: Any, services: Any, colleague: Services, customer: str
) -> None:
    from PySide6.QtWidgets import QWidget

    from contractdesk.errors import ConflictError
    from contractdesk.ui.i18n import install_language

    pid = services.people.add_person(PersonInput("Kari", "Nordmann"))
    read = services.people.get(pid)
    colleague.people.correct(pid, PersonInput("Kari", "Berg"))
    parent = QWidget()
    qtbot.addWidget(parent)
    try:
        install_language(qapp, "nb")
        with pytest.raises(ConflictError) as caught:
            services.people.correct(
                pid, PersonInput("Kari", "Nordmann", title="Sjef"), expected_version=read.version
            )
        assert str(caught.value).startswith("Noen andre har endret personen etter at du åpnet")
        box = ui_errors.present_error(parent, caught.value, reload=lambda: None)
        assert box.windowTitle() == "Noen andre har endret dette"
        assert "• Etternavn: nå «Berg» (din: «Nordmann»)" in box.text()
        assert reload_button(box).text() == "Last inn på nytt (forkast mine endringer)"
        box.close()
    finally:
        install_language(qapp, "en")


def test_marking_an_agreement_sent_after_a_colleague_did_shows_the_conflict(
    qtbot: Any, services: Any, colleague: Services, customer: str
) -> None:
    from contractdesk.ui.pages.agreements import AgreementsPage

    view = services.agreements.create_agreement(ORG, "2021-04-17")
    page = AgreementsPage()
    qtbot.addWidget(page)
    page.set_services(services)
    page.resize(1280, 800)
    page.show()
    page.tabs.setCurrentWidget(page.agreements_tab)
    qtbot.waitUntil(lambda: page.agreements_model.rowCount() == 1, timeout=5000)
    page.agreements.setCurrentIndex(page.agreements_proxy.index(0, 0))
    page.mark_sent_button.click()
    dialog = page.dialog
    colleague.agreements.mark_sent(view.document_id, "post@testesen.no")  # meanwhile
    dialog.label.setText("kari@testesen.no")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    box = conflict_box()
    assert "Sent to: now “post@testesen.no” (yours: “kari@testesen.no”)" in box.text()
    assert dialog.isVisible()
    reload_button(box).click()
    assert not dialog.isVisible()  # the edit is dropped; the page shows the stored state
    assert services.agreements.get_agreement(view.document_id).sent_to == "post@testesen.no"
