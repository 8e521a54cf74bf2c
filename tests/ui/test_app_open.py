"""Opening the store after the first paint: the Argon2 unlock runs off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool

from contractdesk.paths import StorePaths
from contractdesk.services.demo import DEMO_SUPPLIER
from contractdesk.services.safety import create_services
from contractdesk.ui.app import GuiController
from contractdesk.ui.main_window import MainWindow


@pytest.fixture
def passphrase_store(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    create_services(StorePaths(folder), DEMO_SUPPLIER, "correct horse battery").close()
    return folder


def test_the_window_stays_live_while_the_passphrase_unlocks_the_store(
    qtbot: Any,
    passphrase_store: Path,
    monkeypatch: pytest.MonkeyPatch,
    event_loop_watchdog: Any,
) -> None:
    monkeypatch.setenv("CONTRACTDESK_PASSPHRASE", "correct horse battery")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    controller = GuiController(window, passphrase_store, demo=False)
    outcome: list[bool] = []
    event_loop_watchdog.step("unlock with Argon2id")
    controller.open_store(outcome.append)
    qtbot.waitUntil(lambda: outcome == [True], timeout=20000)
    assert window.services is controller.services
    assert window.store_label.text().endswith("unlocked by passphrase")
    controller.close()
    QThreadPool.globalInstance().waitForDone(5000)


def test_a_demo_store_opens_in_the_background(qtbot: Any, tmp_path: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    controller = GuiController(window, tmp_path / "demo", demo=True)
    outcome: list[bool] = []
    controller.open_store(outcome.append)
    qtbot.waitUntil(lambda: outcome == [True], timeout=30000)
    assert controller.services is not None and controller.services.customers.count() > 0
    controller.close()
    QThreadPool.globalInstance().waitForDone(5000)
