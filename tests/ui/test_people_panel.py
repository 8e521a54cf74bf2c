"""The people panel of a customer card: list with roles and rights, add/correct/remove, main contact, erase."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from contractdesk.services.people import PersonInput
from contractdesk.store.models import Customer
from contractdesk.ui.widgets.people_panel import PeoplePanel, PeopleTableModel
from contractdesk.ui.widgets.person_dialogs import (
    EraseDialog,
    PersonDialog,
    RegistryHolderDialog,
    RequestedByDialog,
)

# Background tasks run synchronously here; the journeys on the real pool are in test_journey.py.
pytestmark = pytest.mark.usefixtures("sync_tasks")

ORG = "923130969"


def add_customer(services, org: str = ORG, name: str = "Testesen AS", registry_roles=None) -> None:  # type: ignore[no-untyped-def]
    with services.store.session() as s:
        s.add(
            Customer(
                org_number=org, name=name, status="active", registry_roles=registry_roles or []
            )
        )


def with_modal(act: Callable[[Any], None]) -> dict[str, Any]:
    """Run ``act`` on the next modal dialog once it is shown; it is cancelled if ``act`` leaves it open."""
    seen: dict[str, Any] = {}

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, run)
            return
        seen["dialog"] = type(dialog).__name__
        try:
            act(dialog)
        except Exception as exc:  # reported by the test after exec() returns
            seen["error"] = exc
        finally:
            seen["error_text"] = getattr(getattr(dialog, "error_label", None), "text", lambda: "")()
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, run)
    return seen


def ok(dialog: Any) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


@pytest.fixture
def panel(qtbot, services):  # type: ignore[no-untyped-def]
    add_customer(services)
    widget = PeoplePanel(services)
    qtbot.addWidget(widget)
    widget.set_customer(ORG)
    widget.show()
    return widget


def test_people_models_pass_the_model_tester(qtmodeltester, services) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.ui.whois_dialog import WhoisModel
    from contractdesk.ui.widgets.request_log import RequestTableModel

    add_customer(services)
    kari = services.people.add_person_at(
        ORG, PersonInput("Kari", "Nordmann", emails=("k@example.no",)), "main-contact"
    )
    services.people.add_person_at(ORG, PersonInput("Ola", "Hansen"), "contact", requested_by=kari)
    services.people.log_request(kari, "access")
    people = PeopleTableModel()
    people.set_rows(services.people.list_people(ORG))
    qtmodeltester.check(people)
    requests = RequestTableModel()
    requests.set_rows(services.people.requests())
    qtmodeltester.check(requests)
    matches = WhoisModel()
    matches.set_matches(list(services.people.whois("kari").matches))
    qtmodeltester.check(matches)


def test_panel_lists_main_contact_first_with_roles_and_rights_and_warns_without_one(
    panel, services
) -> None:  # type: ignore[no-untyped-def]
    tora = services.people.add_person_at(ORG, PersonInput("Tora", "Testesen"), "general-manager")
    panel.refresh()
    assert not panel.warning.isHidden() and "no main contact" in panel.warning.text()
    kari = services.people.add_person_at(
        ORG, PersonInput("Kari", "Nordmann", title="Regnskap"), "main-contact"
    )
    panel.refresh()
    assert panel.warning.isHidden()
    model = panel.model
    assert model.rowCount() == 2
    assert model.data(model.index(0, 0), PeopleTableModel.IdRole) == kari
    assert model.data(model.index(0, 0)) == "Kari Nordmann, Regnskap"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.FontRole).bold()
    assert model.data(model.index(0, 1)) == "Main contact"
    assert model.data(model.index(1, 1)) == "General manager"
    assert model.data(model.index(1, 2)) == "contact, order, sign, manage contacts"
    assert model.data(model.index(1, 0), PeopleTableModel.IdRole) == tora
    assert not panel.edit_button.isEnabled()
    panel.select_person(kari)
    assert (
        panel.edit_button.isEnabled()
        and not panel.main_button.isEnabled()
        and not panel.remove_button.isEnabled()
    )


def test_add_person_dialog_refuses_bad_input_inline_then_adds(panel, services) -> None:  # type: ignore[no-untyped-def]
    changed = []
    panel.changed.connect(lambda: changed.append(True))

    def bad(dialog: PersonDialog) -> None:
        dialog.first.setText("Kari")
        dialog.last.setText("Nordmann")
        dialog.emails.setPlainText("not-an-address")
        ok(dialog)
        assert dialog.isVisible()  # stays open, with the reason

    seen = with_modal(bad)
    panel.add_button.click()
    assert seen["dialog"] == "PersonDialog" and "error" not in seen
    assert "E-mail" in seen["error_text"]
    assert panel.rows() == [] and changed == []

    def good(dialog: PersonDialog) -> None:
        assert (
            dialog.chosen_role().value == "main_contact"
        )  # the first person: main contact proposed
        dialog.first.setText(" Kari ")
        dialog.last.setText("Nordmann")
        dialog.phone.setText("91 91 59 80")
        dialog.emails.setPlainText("kari@example.no\nkari@privat.no")
        ok(dialog)

    seen = with_modal(good)
    panel.add_button.click()
    assert "error" not in seen, seen
    rows = panel.rows()
    assert [(r.full_name, r.emails, r.phone) for r in rows] == [
        ("Kari Nordmann", ("kari@example.no", "kari@privat.no"), "+4791915980")
    ]
    assert panel.selected_person_id() == rows[0].id
    assert changed == [True]
    assert panel.model.data(panel.model.index(0, 4)) == "91 91 59 80"


def test_contact_needs_a_requester_and_main_contact_change_asks_who(panel, services) -> None:  # type: ignore[no-untyped-def]
    kari = panel.add_person(PersonInput("Kari", "Nordmann"), "main-contact")
    tora = panel.add_person(PersonInput("Tora", "Testesen"), "general-manager")

    def add_contact(dialog: PersonDialog) -> None:
        assert dialog.chosen_role().value == "contact"
        dialog.first.setText("Ola")
        dialog.last.setText("Hansen")
        dialog.requested_by.setCurrentIndex(
            0
        )  # "nobody": refused now that the customer has a main contact
        ok(dialog)
        assert "say who asked" in dialog.error_label.text()
        dialog.requested_by.setCurrentIndex(dialog.requested_by.findData(kari))
        ok(dialog)

    seen = with_modal(add_contact)
    panel.add_button.click()
    assert "error" not in seen, seen
    ola = next(r.id for r in panel.rows() if r.full_name == "Ola Hansen")

    panel.select_person(ola)
    assert panel.main_button.isEnabled()

    def choose_requester(dialog: RequestedByDialog) -> None:
        assert dialog.keep_previous.isVisibleTo(dialog)
        assert {dialog.requested_by.itemData(i) for i in range(dialog.requested_by.count())} == {
            kari,
            tora,
        }
        dialog.requested_by.setCurrentIndex(dialog.requested_by.findData(tora))
        ok(dialog)

    seen = with_modal(choose_requester)
    panel.main_button.click()
    assert "error" not in seen, seen
    assert services.people.main_contact(ORG) == ola
    assert panel.rows()[0].id == ola
    assert {r.id: r.roles[0].value for r in panel.rows()}[kari] == "contact"


def test_remove_asks_who_and_the_main_contact_cannot_be_removed(panel, services) -> None:  # type: ignore[no-untyped-def]
    kari = panel.add_person(PersonInput("Kari", "Nordmann"), "main-contact")
    ola = panel.add_person(PersonInput("Ola", "Hansen"), "contact", requested_by=kari)
    panel.select_person(kari)
    assert not panel.remove_button.isEnabled()
    with pytest.raises(Exception, match="without naming the next"):
        panel.remove_person(kari, requested_by=None)
    panel.select_person(ola)

    def remove(dialog: RequestedByDialog) -> None:
        dialog.requested_by.setCurrentIndex(
            dialog.requested_by.findData(ola)
        )  # asking for oneself is allowed
        ok(dialog)

    seen = with_modal(remove)
    panel.remove_button.click()
    assert "error" not in seen, seen
    assert [r.id for r in panel.rows()] == [kari]


def test_create_from_registry_in_one_step(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    add_customer(
        services,
        registry_roles=[
            {"role_code": "DAGL", "role": "Daglig leder", "name": "Tora Testesen"},
            {"role_code": "SIGN", "role": "Signatur", "name": "Sigrid Signer"},
        ],
    )
    panel = PeoplePanel(services)
    qtbot.addWidget(panel)
    panel.set_customer(ORG)

    def pick(dialog: RegistryHolderDialog) -> None:
        dialog.view.setCurrentIndex(dialog.model.index(1, 0))
        assert dialog.chosen_role().value == "signatory"  # suggested from the registry role
        ok(dialog)

    seen = with_modal(pick)
    panel.registry_button.click()
    assert "error" not in seen, seen
    assert [(r.full_name, [x.value for x in r.roles]) for r in panel.rows()] == [
        ("Sigrid Signer", ["signatory"])
    ]


def test_correct_consent_export_and_erase(panel, services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kari = panel.add_person(PersonInput("Kari", "Nordmann"), "main-contact")
    ola = panel.add_person(
        PersonInput("Ola", "Hansen", emails=("ola@example.no",)), "contact", requested_by=kari
    )
    panel.select_person(ola)

    def correct(dialog: PersonDialog) -> None:
        assert dialog.last.text() == "Hansen" and dialog.role is None
        dialog.title_edit.setText("IT-ansvarlig")
        ok(dialog)

    seen = with_modal(correct)
    panel.edit_button.click()
    assert "error" not in seen, seen
    assert services.people.get(ola).title == "IT-ansvarlig"

    def consent(dialog: Any) -> None:
        dialog.kind.setCurrentIndex(dialog.kind.findData("newsletter"))
        dialog.source.setText("phone call")
        ok(dialog)

    seen = with_modal(consent)
    panel.consent_button.click()
    assert "error" not in seen, seen
    states = {c.kind.value: c for c in services.people.consents(ola)}
    assert states["newsletter"].given is True and states["newsletter"].source == "phone call"

    target = panel.export_person(ola, tmp_path / "ola.json")
    assert json.loads(target.read_text(encoding="utf-8"))["person"]["title"] == "IT-ansvarlig"

    def request_log(dialog: Any) -> None:
        assert dialog.person_id == ola
        dialog.log_request("access", date(2024, 1, 31), "copy of data")
        assert dialog.model.rowCount() == 1

    seen = with_modal(request_log)
    panel.requests_button.click()
    assert seen["dialog"] == "RequestLogDialog" and "error" not in seen, seen
    assert [r.due_on for r in services.people.requests(person_id=ola)] == [date(2024, 2, 29)]

    panel.select_person(kari)

    def erase(dialog: EraseDialog) -> None:
        erase_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not erase_button.isEnabled()  # confirmation first
        assert (
            dialog.successor_boxes[ORG].currentData() == ola
        )  # the main contact's successor is asked for
        dialog.confirm.setChecked(True)
        erase_button.click()

    seen = with_modal(erase)
    panel.erase_button.click()
    assert seen["dialog"] == "EraseDialog" and "error" not in seen, seen
    assert services.people.get(kari).erased
    assert [(r.id, r.is_main_contact) for r in panel.rows()] == [(ola, True)]
    assert "Erased" in panel.message.text()


def test_panel_modules_load_without_the_services() -> None:
    code = (
        "import sys\nimport contractdesk.ui.widgets.people_panel, contractdesk.ui.whois_dialog, "
        "contractdesk.ui.widgets.request_log\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic'))) or 'none')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "none"
