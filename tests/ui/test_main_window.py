"""The main window: navigation to every area, status bar naming the store, state kept across runs."""

from __future__ import annotations

from PySide6.QtCore import Qt

from contractdesk.ui.main_window import MainWindow


def test_navigation_lists_every_area_and_switches_pages(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["Customers", "Agreements", "Terms", "Services & invoicing", "Settings"]
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.settings_page


def test_status_bar_tells_where_the_store_is_and_how_it_is_unlocked(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    assert "Opening" in window.store_label.text()
    window.set_services(services)
    text = window.store_label.text()
    assert str(services.store.path) in text
    assert "demo" in text


def test_window_state_is_kept_between_runs(qtbot) -> None:  # type: ignore[no-untyped-def]
    first = MainWindow()
    qtbot.addWidget(first)
    first.resize(700, 500)
    first.nav.setCurrentRow(2)
    first.save_state()
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.nav.currentRow() == 2
    assert second.size().width() == 700


def test_settings_page_edits_the_supplier_profile(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_services(services)
    form = window.settings_page.supplier_form
    qtbot.waitUntil(lambda: form.name.text() == "Webmaster Heimen")  # read in the background
    assert form.org_number.text() == "971 049 669"
    form.name.setText("Heimen Web AS")
    qtbot.mouseClick(window.settings_page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.settings_page.saved_label.text() != "")
    assert services.supplier.get().name == "Heimen Web AS"
    form.org_number.setText("971 049 668")
    assert not window.settings_page.save_button.isEnabled()
