"""File ▸ Move to a team server…: the wizard copies the local store to a real PostgreSQL database,
shows the per-table check, and can stop; the local store is left as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pg_testkit import SUPERUSER, SUPERUSER_PASSWORD, PgServer, dbname_of
from PySide6.QtWidgets import QWizard

from contractdesk.ui.server_move_dialog import MoveToServerWizard, TableCheckModel
from contractdesk.ui.tasks import SyncPool

SHOTS = Path("/tmp/teammove-shots")


def _wizard(qtbot: Any, services: Any, pg_server: PgServer, pg_url: str) -> MoveToServerWizard:
    wizard = MoveToServerWizard(services, pool=SyncPool())
    qtbot.addWidget(wizard)
    wizard.resize(1280, 800)
    wizard.show()
    page = wizard.server_page
    page.host.setText("127.0.0.1")
    page.port.setValue(pg_server.port)
    page.database.setText(dbname_of(pg_url))
    page.user.setText(SUPERUSER)
    page.password.setText(SUPERUSER_PASSWORD)
    page.tls.setChecked(False)  # the test server is on this machine, without TLS
    wizard.next()
    assert wizard.currentPage() is wizard.move_page
    return wizard


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_wizard_moves_checks_and_shows_every_table(
    qtbot: Any,
    qapp: Any,
    qtmodeltester: Any,
    services: Any,
    pg_server: PgServer,
    pg_url: str,
    language: str,
) -> None:
    from contractdesk.services.demo import populate_demo_customers
    from contractdesk.ui.i18n import install_language

    populate_demo_customers(services)
    install_language(qapp, language)
    try:
        wizard = _wizard(qtbot, services, pg_server, pg_url)
        page = wizard.move_page
        assert "127.0.0.1" in page.explain.text()
        assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
        wizard.start_move()
        assert page.outcome is not None and page.outcome.ok
        assert page.model.rowCount() == len(page.outcome.tables)
        assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
        assert page.use_server.isVisible() and page.use_server.isChecked()
        qtmodeltester.check(page.model)
        SHOTS.mkdir(exist_ok=True)
        wizard.grab().save(str(SHOTS / f"move-done-{language}.png"))
    finally:
        install_language(qapp, "en")
    with pg_server.connect(dbname_of(pg_url)) as conn:
        count = conn.execute("SELECT count(*) FROM customer").fetchone()
    assert count is not None and count[0] >= 5


def test_finishing_remembers_the_server_without_its_password_on_disk(
    qtbot: Any, services: Any, pg_server: PgServer, pg_url: str
) -> None:
    from store_testkit import MemoryKeyring, installed

    from contractdesk.services.safety.team import server_of

    with installed(MemoryKeyring()) as keyring:
        wizard = _wizard(qtbot, services, pg_server, pg_url)
        wizard.start_move()
        wizard.accept()
        profile = server_of(services.paths)
        assert profile is not None and profile.database == dbname_of(pg_url)
        assert not profile.require_tls
        saved = (services.paths.data_dir / "server.json").read_text(encoding="utf-8")
        assert SUPERUSER_PASSWORD not in saved
        assert SUPERUSER_PASSWORD in keyring.entries.values()  # type: ignore[attr-defined]


def test_stopping_leaves_the_server_empty(
    qtbot: Any, services: Any, pg_server: PgServer, pg_url: str
) -> None:
    from contractdesk.services.demo import populate_demo_customers

    populate_demo_customers(services)
    wizard = _wizard(qtbot, services, pg_server, pg_url)
    page = wizard.move_page
    # ask to stop at the first progress report (the task runs synchronously here)
    wizard.move_page.progress.valueChanged.connect(lambda _v: wizard.stop_move())
    wizard.start_move()
    assert page.outcome is None
    assert "stopped" in page.status.text()
    assert page.start.isEnabled()
    with pg_server.connect(dbname_of(pg_url)) as conn:
        assert conn.execute("SELECT count(*) FROM customer").fetchone() == (0,)


def test_the_check_model_is_a_proper_model(qtmodeltester: Any) -> None:
    from contractdesk.services.server_move import TableCheck

    model = TableCheckModel()
    model.set_rows(
        [TableCheck("customer", 3, 3, "a" * 64, "a" * 64), TableCheck("x", 1, 0, "b", "c")]
    )
    qtmodeltester.check(model)
    assert model.index(0, 3).data() == "Same content" and model.index(1, 3).data() == "DIFFERENT"


def test_the_app_opens_the_server_chosen_at_set_up_and_listens(
    qtbot: Any, pg_server: PgServer, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """First start, "Delt med teamet": the folder remembers the server (password in the keyring),
    the window opens the team's data and follows colleagues' changes."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QDialog
    from store_testkit import MemoryKeyring, installed

    from contractdesk.services.team import set_up_server
    from contractdesk.ui.app import GuiController
    from contractdesk.ui.main_window import MainWindow
    from contractdesk.ui.server_setup import ServerSetup
    from contractdesk.ui.wizard import FirstRunWizard, WizardResult

    set_up_server(pg_url, SUPERUSER, None)
    setup = ServerSetup(
        "127.0.0.1",
        pg_server.port,
        dbname_of(pg_url),
        SUPERUSER,
        SUPERUSER_PASSWORD,
        require_tls=False,
    )
    monkeypatch.setattr(FirstRunWizard, "exec", lambda self: int(QDialog.DialogCode.Accepted.value))
    monkeypatch.setattr(
        FirstRunWizard, "result_value", lambda self: WizardResult(None, None, server=setup)
    )
    with installed(MemoryKeyring()) as keyring:
        window = MainWindow()
        qtbot.addWidget(window)
        controller = GuiController(window, tmp_path / "data", demo=False)
        outcome: list[bool] = []
        controller.open_store(outcome.append)
        qtbot.waitUntil(lambda: outcome == [True], timeout=20000)
        services = controller.services
        assert services is not None and services.colleagues.enabled
        assert services.colleagues.wait_until_listening()
        assert not window.move_action.isEnabled()  # on the server already
        assert SUPERUSER_PASSWORD in keyring.entries.values()  # type: ignore[attr-defined]
        assert SUPERUSER_PASSWORD not in (tmp_path / "data" / "server.json").read_text()
        controller.close()
        # the next start opens the server again without asking anything
        window2 = MainWindow()
        qtbot.addWidget(window2)
        again = GuiController(window2, tmp_path / "data", demo=False)
        outcome.clear()
        again.open_store(outcome.append)
        qtbot.waitUntil(lambda: outcome == [True], timeout=20000)
        assert again.services is not None and again.services.colleagues.enabled
        again.close()
    QThreadPool.globalInstance().waitForDone(5000)


def test_a_server_that_does_not_open_is_not_remembered_and_the_wizard_returns(
    qtbot: Any, pg_server: PgServer, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QDialog
    from store_testkit import MemoryKeyring, installed

    from contractdesk.ui.app import GuiController
    from contractdesk.ui.main_window import MainWindow
    from contractdesk.ui.server_setup import ServerSetup
    from contractdesk.ui.wizard import FirstRunWizard, WizardResult

    wrong = ServerSetup(
        "127.0.0.1", pg_server.port, dbname_of(pg_url), SUPERUSER, "wrong password", False
    )
    shown: list[int] = []

    def exec_(self: FirstRunWizard) -> int:
        shown.append(1)
        if len(shown) == 1:
            return int(QDialog.DialogCode.Accepted.value)
        return int(QDialog.DialogCode.Rejected.value)  # the second time the user gives up

    monkeypatch.setattr(FirstRunWizard, "exec", exec_)
    monkeypatch.setattr(
        FirstRunWizard, "result_value", lambda self: WizardResult(None, None, server=wrong)
    )
    with installed(MemoryKeyring()) as keyring:
        window = MainWindow()
        qtbot.addWidget(window)
        controller = GuiController(window, tmp_path / "data", demo=False)
        outcome: list[bool] = []
        controller.open_store(outcome.append)
        qtbot.waitUntil(lambda: outcome == [False], timeout=20000)
        assert len(shown) == 2  # the error, then the wizard again
        assert not (tmp_path / "data" / "server.json").exists()
        assert keyring.entries == {}  # type: ignore[attr-defined]
    QThreadPool.globalInstance().waitForDone(5000)
