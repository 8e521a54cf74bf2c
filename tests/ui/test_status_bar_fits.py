"""The status bar's store line is shown whole at 1280×800, in both languages."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from contractdesk.ui.i18n import install_language
from contractdesk.ui.main_window import MainWindow


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_store_line_is_not_cut_at_the_window_edge(qtbot, services, language) -> None:  # type: ignore[no-untyped-def]
    install_language(QApplication.instance(), language)  # type: ignore[arg-type]
    try:
        window = MainWindow()
        qtbot.addWidget(window)
        window.set_services(services)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        label = window.store_label
        qtbot.waitUntil(lambda: label.isVisible())
        right = label.mapTo(window, label.rect().topRight()).x()
        assert label.width() >= label.sizeHint().width()
        assert right < window.width()
    finally:
        install_language(QApplication.instance(), "en")  # type: ignore[arg-type]


def test_the_store_line_fits_after_a_live_language_switch(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_services(services)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    try:
        window._change_language("nb")
        label = window.store_label
        qtbot.waitUntil(lambda: label.width() >= label.sizeHint().width(), timeout=2000)
        assert "forkastes" in label.text()
        assert label.mapTo(window, label.rect().topRight()).x() < window.width()
    finally:
        window._change_language("en")
