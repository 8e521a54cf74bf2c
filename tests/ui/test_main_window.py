"""The main window: navigation to every area, the status bar, state kept across runs."""

from __future__ import annotations

from PySide6.QtCore import Qt

from contractdesk.ui.main_window import MainWindow


def test_navigation_lists_every_area_and_switches_pages(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == [
        "Overview",
        "Customers",
        "Agreements",
        "Terms",
        "Services & invoicing",
        "Privacy",
        "Settings",
    ]
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.settings_page


def test_status_bar_tells_where_the_store_is_and_how_it_is_unlocked(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    assert "Opening" in window.store_label.text()
    window.set_services(services)
    text = window.store_label.text()
    assert "demo" in text
    # the path is a technical detail: in the tooltip and under "Details" in About, not shown
    assert str(services.store.path) not in text
    assert window.store_label.toolTip() == str(services.store.path)
    box = window._about()
    assert str(services.store.path) in box.detailedText()
    box.close()


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
