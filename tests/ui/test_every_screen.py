"""Every page, tab and dialog at 1280x800, in Norwegian and English: no English left in the
Norwegian UI, no clipped or elided text, no sideways scrolling, every control named and
reachable by keyboard. Screenshots land in the test's temp folder for a person to look at."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from screen_walk import Seen, collect, english_texts, norwegian_texts, walk_tabs

from contractdesk.ui.main_window import MainWindow
from contractdesk.ui.tasks import SyncPool

SHOWN: list[QDialog] = []
PAGES = ("overview", "customers", "agreements", "terms", "billing", "settings")


@pytest.fixture
def demo(services: Any) -> Any:
    from contractdesk.services.demo import populate_demo_business, populate_demo_customers

    orgs = populate_demo_customers(services)
    populate_demo_business(services, orgs, today=date(2026, 12, 7))
    return services


@pytest.fixture
def nonblocking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dialogs that would block (``exec``) are shown instead, so the walk can look at them."""

    def show(self: QDialog) -> int:
        self.show()
        SHOWN.append(self)  # kept alive after "exec" returns, so the walk can look at it
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QDialog, "exec", show)
    monkeypatch.setattr(QMessageBox, "exec", show)


def _window(qtbot: Any, services: Any) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    for page_id in PAGES:
        page = window.page(page_id)
        if hasattr(page, "pool"):
            page.pool = SyncPool()
    window.set_services(services)
    window.resize(1280, 800)
    window.show()
    QApplication.processEvents()
    return window


def _dialogs(window: MainWindow, services: Any) -> Iterator[tuple[str, Callable[[], Any]]]:
    """(name, opener) of each dialog a user reaches from the pages."""
    customers = window.page("customers")
    yield "add customer", lambda: customers.add_customer()
    yield "customer card", lambda: customers.open_customer(_any_org(services))
    yield "who is this", lambda: window._open_whois()
    yield "help", lambda: window.show_help()
    yield "about", lambda: window._about()
    agreements = window.page("agreements")
    yield "record acceptance", lambda: agreements.record_acceptance()
    terms = window.page("terms")
    yield "import terms", lambda: terms.import_terms()
    yield "import terms from word", lambda: terms.import_terms(word=True)

    def supplier_draft() -> Any:
        terms.select_label("2021-04-17")
        return terms.supplier_draft()

    yield "supplier draft", supplier_draft

    def issue_check() -> Any:
        from contractdesk.ui.documents.issue_check_dialog import IssueCheckDialog

        check = services.documents.issue_check([_any_org(services)])
        dialog = IssueCheckDialog(
            check.problems,
            window,
            supplier_mismatch="shown",  # the supplier draft box too
            terms_label=check.terms_label,
            services=services,
        )
        from PySide6.QtCore import Qt

        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # as the app opens it
        dialog.open()
        return dialog

    yield "before issuing", issue_check
    yield "copy terms", lambda: terms.copy_version()
    yield "add sub-processor", lambda: terms.add_subprocessor()
    yield "new agreement", lambda: agreements.new_agreement()
    yield "import signed pages", lambda: agreements.import_scans()
    yield "e-mail settings", lambda: agreements.document_actions.open_email_settings()
    billing = window.page("billing")
    panel = billing.services_panel

    def with_service(action: str) -> Callable[[], Any]:
        def run() -> Any:
            billing.set_customer(_any_org(services))
            QApplication.processEvents()
            if panel.table.model().rowCount() and action != "add_service":
                panel.table.selectRow(0)
            return getattr(panel, action)()

        return run

    for action in ("add_service", "edit_service", "terminate_service", "adjust_price"):
        yield action.replace("_", " "), with_service(action)

    def card_button(name: str) -> Callable[[], Any]:
        def run() -> Any:
            card = customers.open_customer(_any_org(services))
            QApplication.processEvents()
            people = card.card.people_panel
            if people.view.model().rowCount():
                people.view.selectRow(0)
            getattr(people, name).click()

        return run

    for name in (
        "add_button",
        "registry_button",
        "edit_button",
        "consent_button",
        "requests_button",
    ):
        yield f"people {name}", card_button(name)


def _any_org(services: Any) -> str:
    from sqlalchemy import select

    from contractdesk.store.models import Customer

    with services.store.read_session() as s:
        return str(s.execute(select(Customer.org_number).order_by(Customer.org_number)).scalar())


def _walk_window(root: QWidget, seen: Seen, shots: Path, name: str) -> None:
    for n, _ in enumerate(walk_tabs(root)):
        collect(root, seen)
        root.window().grab().save(str(shots / f"{name}-{n}.png"))


def _walk_everything(qtbot: Any, services: Any, shots: Path) -> Seen:
    window = _window(qtbot, services)
    seen = Seen()
    for page_id in PAGES:
        window.go_to(page_id)
        QApplication.processEvents()
        _walk_window(window, seen, shots, page_id)
    for name, opener in _dialogs(window, services):
        before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        opener()
        # a dialog may open once its data is read in the background: let that finish here
        QThreadPool.globalInstance().waitForDone(10_000)
        QApplication.processEvents()
        qtbot.wait(20)  # shown, laid out, sized
        opened = [
            w for w in QApplication.topLevelWidgets() if w.isVisible() and id(w) not in before
        ]
        opened += [d for d in SHOWN if d not in opened]
        SHOWN.clear()
        for number, dialog in enumerate(opened):
            _walk_window(dialog, seen, shots, f"{name.replace(' ', '-')}-{number}")
            dialog.close()
    return seen


@pytest.mark.usefixtures("nonblocking")
def test_no_english_is_left_in_the_norwegian_ui(qtbot, qapp, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.ui.i18n import install_language

    try:
        install_language(qapp, "nb")
        seen = _walk_everything(qtbot, demo, tmp_path)
    finally:
        install_language(qapp, "en")
    allowed = {"ContractDesk", "OK", "Status", "PDF", "EHF", "SMS", "CRM-lisens"}
    labels = {row.label for row in demo.terms.list_versions()}
    english = english_texts(seen.texts, allowed, labels)
    assert english == [], "\n".join(english)


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.usefixtures("nonblocking")
def test_nothing_is_clipped_and_nothing_scrolls_sideways_at_1280x800(
    qtbot, qapp, demo, tmp_path: Path, language: str
) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.ui.i18n import install_language

    try:
        install_language(qapp, language)
        seen = _walk_everything(qtbot, demo, tmp_path)
    finally:
        install_language(qapp, "en")
    assert seen.clipped == [], "\n".join(seen.clipped)
    assert seen.sideways == [], "\n".join(seen.sideways)
    if language == "en":  # and no Norwegian text left in the English UI
        # "Avtalevilkår" is the title of the terms document itself (data, not UI)
        norwegian = norwegian_texts(seen.texts, {"Status", "ContractDesk", "Avtalevilkår"})
        assert norwegian == [], "\n".join(norwegian)


@pytest.mark.usefixtures("nonblocking")
def test_every_control_has_a_name_and_is_reachable_by_keyboard(qtbot, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seen = _walk_everything(qtbot, demo, tmp_path)
    assert seen.unnamed == [], "\n".join(seen.unnamed)
    assert seen.unreachable == [], "\n".join(seen.unreachable)


def test_a_live_language_switch_retranslates_dates_summaries_and_the_terms_header(
    qtbot, qapp, demo
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDateEdit

    window = _window(qtbot, demo)
    for page_id in PAGES:
        window.go_to(page_id)
        QApplication.processEvents()
    terms = window.page("terms")
    terms.select_label("2021-04-17")
    agreements = window.page("agreements")
    assert "to notify" in agreements.reaccept_summary.text()
    assert "Published" in terms.info.text()
    try:
        window._change_language("nb")
        assert "Publisert" in terms.info.text()
        assert "varsle" in agreements.reaccept_summary.text()
        fields = window.findChildren(QDateEdit)
        assert fields
        assert all(f.displayFormat() in ("dd.MM.yyyy", "MM.yyyy") for f in fields)
        assert window.nav.item(0).text() == "Oversikt"
    finally:
        window._change_language("en")
    assert "Published" in terms.info.text()
