"""The Privacy page: due items and the confirmed run, Art. 30 and statement exports, breaches with
countdown; in English and Norwegian. Screenshots go to the test's temp folder."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from sqlalchemy import select

from contractdesk.domain.privacy.retention import add_months
from contractdesk.services.people import PersonInput
from contractdesk.store.models import Customer
from contractdesk.ui.pages.privacy import PrivacyPage
from contractdesk.ui.tasks import SyncPool

V1 = "2021-04-17"


@pytest.fixture
def store(services):  # type: ignore[no-untyped-def]
    with services.store.session() as s:
        s.add(Customer(org_number="971049669", name="Slutt AS", status="active"))
        s.add(Customer(org_number="923130969", name="Aktiv AS", status="active"))
    for org in ("971049669", "923130969"):
        person = services.people.add_person_at(
            org, PersonInput("Kari", "Nordmann", emails=(f"k{org}@example.no",)), "main-contact"
        )
        services.agreements.record_acceptance(
            org, V1, method="online", signed_by_person_id=person, accepted_on=date(2024, 2, 1)
        )
    with services.store.session() as s:
        c = s.execute(select(Customer).where(Customer.org_number == "971049669")).scalar_one()
        c.relationship_ended_on = add_months(date.today(), -4)
    services.privacy.breaches.add(
        discovered_at=datetime.now(UTC) - timedelta(hours=3),
        summary="Feilsendt e-post med kundeliste",
        customers=("923130969",),
    )
    return services


@pytest.fixture
def page(qtbot, store):  # type: ignore[no-untyped-def]
    page = PrivacyPage()
    qtbot.addWidget(page)
    page.pool = SyncPool()
    page.resize(1280, 800)
    page.set_services(store)
    page.show()
    return page


def cells(model, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(model.index(r, column).data()) for r in range(model.rowCount())]


def test_due_items_are_shown_and_deleted_only_after_confirmation(
    page, store, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    ModelTester(qtbot).check(page.due_model)  # type: ignore[no-untyped-call]
    ModelTester(qtbot).check(page.breaches_model)  # type: ignore[no-untyped-call]
    assert cells(page.due_model, 1) == ["Slutt AS (971049669)"]
    assert cells(page.due_model, 3)[0] == "Anonymise person Kari Nordmann (#1)"  # named for review
    assert "§12.1" in page.rules_label.text() and "Bokføringsloven § 13" in page.rules_label.text()
    assert page.run_button.isEnabled()
    page.grab().save(str(tmp_path / "privacy-en.png"))

    asked: list[tuple[str, str]] = []
    page.confirm = lambda question, details: asked.append((question, details)) or False
    page.run_due()
    assert "Slutt AS" in asked[0][1] and "Anonymise person" in asked[0][1]
    assert page.due_model.rowCount() == 1  # declined: nothing happened
    page.confirm = lambda question, details: True
    page.run_due()
    assert page.due_model.rowCount() == 0 and not page.run_button.isEnabled()
    assert "1 person(s) anonymised" in page.status.text()


def test_rule_periods_are_settings_shown_with_their_sources(page, store, qtbot) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.ui.privacy.rules_dialog import RulesDialog

    dialog = RulesDialog(store, page)
    qtbot.addWidget(dialog)
    assert dialog.fields["customer_data"].value() == 3
    assert dialog.fields["customer_data"].toolTip().startswith("Avtalevilkår 17.04.2021 §12.1")
    dialog.fields["customer_data"].setValue(6)
    dialog.accept()
    assert store.settings.get("retention_months_after_termination") == 6
    page.refresh()
    assert page.due_model.rowCount() == 0  # ended 4 months ago: not due under 6 months
    assert "6 months after the relationship ends" in page.rules_label.text()


def test_breach_countdown_documents_and_norwegian(page, store, tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.ui.i18n import install_language

    model = page.breaches_model
    assert cells(model, 5) == ["Feilsendt e-post med kundeliste"]
    assert cells(model, 3)[0].startswith("68 h")
    page.breach_view.selectRow(0)
    page.notify_customers(str(tmp_path / "eml"))
    assert (tmp_path / "eml").is_dir() and len(list((tmp_path / "eml").glob("*.eml"))) == 1
    page.export_art30(str(tmp_path / "art30.pdf"))
    assert (tmp_path / "art30.pdf").exists() and (tmp_path / "art30.csv").exists()
    page.export_statement(str(tmp_path / "statement.pdf"))
    assert (tmp_path / "statement.html").exists() and "Version 1" in page.status.text()
    page.create_dpa_draft("2027-dba")
    assert "gaps: none" in page.status.text()
    page.mark_reported()
    assert cells(model, 3) == ["reported"]
    try:
        install_language(qapp, "nb")
        page.retranslate()
        assert page.run_button.text() == "&Slett det som er forfalt …"
        assert page.retention_box.title().startswith("Sletting")
        assert "signert(e) aksept(er)" in cells(page.due_model, 4)[0]
        qapp.processEvents()
        page.grab().save(str(tmp_path / "privacy-nb.png"))
    finally:
        install_language(qapp, "en")
        page.retranslate()


def test_breach_dialog_records_a_breach_with_sub_processor_customers(page, store, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from contractdesk.ui.privacy.breach_dialog import BreachDialog

    dialog = BreachDialog(store, page)
    qtbot.addWidget(dialog)
    dialog.accept()  # nothing described yet
    assert dialog.result_value is None and "Describe what happened" in dialog.error.text()
    dialog.summary.setPlainText("Innbrudd hos regnskapsbyrå")
    dialog.systems.setText("Regnskap, e-post")
    names = [dialog.subprocessors.item(r).text() for r in range(dialog.subprocessors.count())]
    dialog.subprocessors.item(names.index("Admento AS")).setCheckState(Qt.CheckState.Checked)
    dialog.accept()
    view = dialog.result_value
    assert view is not None and view.systems == ("Regnskap", "e-post")
    assert view.subprocessors == ("Admento AS",)
    assert {c.name for c in view.customers} == {"Aktiv AS"}  # the ended customer is not active
