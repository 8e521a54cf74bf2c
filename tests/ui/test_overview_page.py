"""The Overview page: first page, cards with counts, the list behind a card, getting started, F1."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from overview_testkit import TODAY, seed_attention
from PySide6.QtCore import Qt

from contractdesk.services.overview import CardKey
from contractdesk.ui.formatting import format_date, format_money
from contractdesk.ui.main_window import MainWindow
from contractdesk.ui.tasks import SyncPool


def _window(qtbot, services, *, seed: bool = True) -> MainWindow:  # type: ignore[no-untyped-def]
    if seed:
        seed_attention(services)
    window = MainWindow()
    qtbot.addWidget(window)
    page = window.page("overview")
    page.pool = SyncPool()
    page.today = TODAY
    window.set_services(services)
    window.resize(1280, 800)
    window.show()
    return window


@pytest.mark.parametrize("language", ["en", "nb"])
def test_overview_is_the_first_page_and_each_card_counts(
    qtbot, qapp, services, tmp_path: Path, language: str
) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.ui.i18n import install_language

    window = _window(qtbot, services)
    try:
        install_language(qapp, language)
        window.retranslate()
        page = window.page("overview")
        assert window.stack.currentWidget() is page
        assert window.nav.item(0).text() == ("Oversikt" if language == "nb" else "Overview")
        counts = {key: button.count_label.text() for key, button in page.cards.items()}
        assert counts[CardKey.DRAFTS] == "1" and counts[CardKey.UNRETURNED] == "1"
        assert counts[CardKey.REGISTRY] == "4" and counts[CardKey.REQUESTS] == "2"
        requests = page.cards[CardKey.REQUESTS]
        assert requests.detail_label.text() == (
            "1 forfalt · neste frist 20.09.2027"
            if language == "nb"
            else f"1 overdue · next deadline {format_date(date(2027, 9, 20))}"
        )
        invoices = page.cards[CardKey.INVOICES].detail_label.text()
        assert format_money(Decimal("3140")) in invoices
        # a click on a card shows the list behind it
        qtbot.mouseClick(page.cards[CardKey.REGISTRY], Qt.MouseButton.LeftButton)
        assert page.model.rowCount() == 4
        names = {page.model.index(r, 0).data() for r in range(4)}
        assert names == {"Gamma AS", "Delta AS", "Zeta AS", "Epsilon AS"}
        statuses = {page.model.index(r, 3).data() for r in range(4)}
        if language == "nb":
            assert "Konkurs" in statuses
        else:
            assert "Bankrupt" in statuses
        page.grab().save(str(tmp_path / f"overview-{language}.png"))
        window.grab().save(str(Path("/tmp") / f"overview-window-{language}.png"))
    finally:
        install_language(qapp, "en")


def test_a_line_opens_the_customer_and_open_goes_to_the_page(qtbot, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, services)
    page = window.page("overview")
    opened: list[str] = []
    monkeypatch.setattr(window, "open_customer", lambda org: opened.append(org))
    page.open_customer.disconnect()
    page.open_customer.connect(window.open_customer)
    page.show_list(CardKey.DRAFTS)
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == ["923130969"]
    qtbot.mouseClick(page.go_button, Qt.MouseButton.LeftButton)
    agreements = window.page("agreements")
    assert window.stack.currentWidget() is agreements
    assert agreements.tabs.currentIndex() == 2  # the agreements themselves
    window.go_to("overview")
    page.show_list(CardKey.NOTICES)
    qtbot.mouseClick(page.go_button, Qt.MouseButton.LeftButton)
    assert agreements.tabs.currentIndex() == 1  # re-acceptance (§14)


def test_getting_started_shows_until_the_first_agreement_is_sent(
    qtbot, qapp, services, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from contractdesk.ui.i18n import install_language

    window = _window(qtbot, services, seed=False)
    page = window.page("overview")
    assert page.getting_started.isVisible()
    try:
        install_language(qapp, "nb")
        window.retranslate()
        assert page.getting_started.heading.text() == "Kom i gang"
        window.grab().save(str(tmp_path / "overview-getting-started-nb.png"))
    finally:
        install_language(qapp, "en")
        window.retranslate()
    window.grab().save(str(tmp_path / "overview-getting-started-en.png"))
    assert page.getting_started.done == [True, False, False, False, False]
    qtbot.mouseClick(page.getting_started.buttons[1], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.page("customers")


def test_f1_opens_help_for_the_page_shown_and_ctrl_n_adds_a_customer_from_the_sidebar(
    qtbot, services
) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, services)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_F1)
    from contractdesk.ui.help import HelpDialog

    box = window.findChild(HelpDialog, "pageHelp")
    assert box is not None and box.isVisible() and box.text() == "Overview"
    box.close()
    customers = window.page("customers")
    customers.pool = SyncPool()
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is customers
    assert customers.add_dialog is not None and customers.add_dialog.isVisible()
    customers.add_dialog.reject()
