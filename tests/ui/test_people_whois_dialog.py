""" "Who is this?" (Ctrl+K): answers as you type with customers and rights; strangers are not approved."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from contractdesk.services.people import PersonInput
from contractdesk.store.models import Customer
from contractdesk.ui.main_window import MainWindow
from contractdesk.ui.whois_dialog import WhoisDialog

# Background tasks run synchronously here; the journeys on the real pool are in test_journey.py.
pytestmark = pytest.mark.usefixtures("sync_tasks")

ORG_A = "923130969"
ORG_B = "971049669"


@pytest.fixture
def people(services):  # type: ignore[no-untyped-def]
    with services.store.session() as s:
        s.add(Customer(org_number=ORG_A, name="Testesen AS", status="active"))
        s.add(Customer(org_number=ORG_B, name="Heimen AS", status="bankrupt"))
    kari = services.people.add_person_at(
        ORG_A,
        PersonInput("Kari", "Nordmann", emails=("kari@example.no",), mobile="91 91 59 80"),
        "main-contact",
    )
    boss = services.people.add_person_at(ORG_B, PersonInput("Bo", "Sjef"), "general-manager")
    services.people.add_role(ORG_B, kari, "contact", requested_by=boss)
    return {"kari": kari, "boss": boss}


def test_ctrl_k_opens_who_is_this_in_the_main_window(qtbot, services, people) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.whois_action.shortcut() == QKeySequence("Ctrl+K")
    window.whois_action.trigger()  # no store yet: nothing opens
    assert getattr(window, "whois_dialog", None) is None
    window.set_services(services)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = window.whois_dialog
    assert isinstance(dialog, WhoisDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.query, "kari@example.no")
    qtbot.waitUntil(
        lambda: dialog.result is not None and dialog.result.query == "kari@example.no", timeout=2000
    )
    assert "Registered" in dialog.verdict.text()
    window.whois_action.trigger()  # the same dialog comes forward
    assert window.whois_dialog is dialog


def test_answer_shows_customers_and_rights(qtbot, services, people) -> None:  # type: ignore[no-untyped-def]
    dialog = WhoisDialog(services)
    qtbot.addWidget(dialog)
    result = dialog.lookup("91 91 59 80")
    assert [m.person_id for m in result.matches] == [people["kari"]]
    text = dialog.details.text()
    assert "Kari Nordmann" in text and "Testesen AS" in text and "Heimen AS" in text
    assert "923 130 969" in text and "(Bankrupt)" in text  # a word, not the code
    # main contact at A, plain contact at B (§4.1/§4.3: both may order; §8.1.1: only A manages contacts)
    assert "✘ may order" not in text
    assert "✔ may add or remove contacts" in text and "✘ may add or remove contacts" in text
    assert "Main contact" in text and "Contact person" in text
    assert dialog.model.data(dialog.model.index(0, 0)) == "Kari Nordmann — Heimen AS, Testesen AS"


def test_a_stranger_is_shown_as_not_approved(qtbot, services, people) -> None:  # type: ignore[no-untyped-def]
    dialog = WhoisDialog(services)
    qtbot.addWidget(dialog)
    dialog.lookup("eve@evil.example")
    assert "NOT APPROVED" in dialog.verdict.text()
    assert dialog.model.rowCount() == 0 and not dialog.export_button.isEnabled()
    services.people.add_person(PersonInput("Former", "Employee"))
    dialog.lookup("former employee")
    assert "without a role" in dialog.verdict.text() and "NOT APPROVED" in dialog.verdict.text()


def test_names_are_shown_as_text_not_markup(qtbot, services, people) -> None:  # type: ignore[no-untyped-def]
    evil = services.people.add_person_at(
        ORG_A, PersonInput("<b>Evil</b>", "<img src=x>"), "contact", requested_by=people["kari"]
    )
    dialog = WhoisDialog(services)
    qtbot.addWidget(dialog)
    dialog.lookup("evil")
    assert dialog.selected_match().person_id == evil
    assert (
        "&lt;b&gt;Evil&lt;/b&gt;" in dialog.details.text() and "<img" not in dialog.details.text()
    )


def test_data_subject_actions_from_the_answer(qtbot, services, people, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = WhoisDialog(services)
    qtbot.addWidget(dialog)
    dialog.lookup("bo sjef")
    written = dialog.export_selected(tmp_path / "bo.json")
    assert written.exists()

    seen: dict[str, Any] = {}

    def erase() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(10, erase)
            return
        seen["successors"] = list(modal.successor_boxes)
        modal.confirm.setChecked(True)
        modal.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        if modal.isVisible():
            modal.reject()

    QTimer.singleShot(0, erase)
    dialog.erase_button.click()
    assert (
        seen["successors"] == []
    )  # Bo is general manager, not a main contact: nobody to hand over to
    assert services.people.get(people["boss"]).erased
    assert dialog.model.rowCount() == 0 and "NOT APPROVED" in dialog.verdict.text()


def test_request_log_shows_deadlines_and_marks_done(qtbot, services, people) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.ui.widgets.request_log import RequestLogDialog

    log = RequestLogDialog(services, people["kari"])
    qtbot.addWidget(log)
    request_id = log.log_request("access", date(2024, 1, 31), "by phone")
    model = log.model
    assert model.rowCount() == 1
    assert [model.data(model.index(0, c)) for c in range(6)] == [
        "Access",
        "Kari Nordmann",
        "31/01/2024",
        "29/02/2024",
        "OVERDUE",
        "by phone",
    ]  # English (en_NO) dates
    assert (
        model.data(model.index(0, 3), model.SortRole) == "2024-02-29"
    )  # sorts by the date, not the text
    log.mark_done(request_id, date(2024, 2, 20))
    assert model.data(model.index(0, 4)) == "Done 20/02/2024"
    log.open_only.setChecked(True)
    assert model.rowCount() == 0
