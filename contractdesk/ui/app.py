"""The GUI's composition root: single-instance lock → window → (after first paint) store → services.

The window is shown before SQLAlchemy and the store are loaded, so it paints at once. The store is
unlocked in the background (Argon2id with a passphrase takes ~0.3 s): the window stays live, and
the services are handed to it when they are ready.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from contractdesk.app import PROCESS_START, parse_args, setup_logging
from contractdesk.paths import StorePaths
from contractdesk.ui.files import in_documents
from contractdesk.ui.main_window import MainWindow
from contractdesk.ui.tasks import Pool, op

if TYPE_CHECKING:
    from contractdesk.services.context import Services

log = logging.getLogger("contractdesk")


def settle_heap() -> None:
    """Move the objects made at start-up (modules, Qt wrappers, the store) out of the collector.

    A full garbage collection holds Python's GIL; over the whole start-up heap it takes a few
    hundred milliseconds, and when a worker thread triggers it the GUI thread stalls that long.
    Frozen objects are not scanned again, so later collections stay short (``gc.freeze``).
    """
    import gc

    gc.freeze()


# Loaded on first use to keep start-up quick; loaded once the store is open instead, so the
# first dialog, preview or print does not wait for them. Qt's modules are imported on the GUI
# thread (one per event-loop turn); the PDF renderer and its fonts on a pool thread.
WARM_GUI_MODULES = (
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPrintSupport",
    "contractdesk.ui.customers.card",
    "contractdesk.ui.widgets.people_panel",
    "contractdesk.ui.widgets.services_panel",
    "contractdesk.ui.documents.preview",
    "contractdesk.ui.terms.acceptance_dialogs",
    "contractdesk.ui.pages.agreements",
    "contractdesk.ui.pages.terms",
    "contractdesk.ui.pages.billing",
)


def import_gui_modules(names: tuple[str, ...] = WARM_GUI_MODULES) -> None:
    """Import the GUI modules now, on this (the GUI) thread."""
    import importlib

    for name in names:
        importlib.import_module(name)


def warm_up(pool: Pool | None = None) -> None:
    """The PDF renderer and fonts on a pool thread; the GUI modules one per event-loop turn."""
    from PySide6.QtCore import QTimer

    def work() -> None:
        import contractdesk.output.pdf  # noqa: F401  (imported for its side effect: loaded)
        from contractdesk.output.pdf.fonts import register_fonts

        register_fonts()

    op(None, work).failure(lambda exc: log.warning("warm-up failed: %r", exc)).with_pool(
        pool
    ).run_in_background()
    pending = list(WARM_GUI_MODULES)

    def next_module() -> None:
        if pending:
            import_gui_modules((pending.pop(0),))
            QTimer.singleShot(0, next_module)

    QTimer.singleShot(0, next_module)


class GuiController:
    """Opens the store for the window: wizard on first run, passphrase prompt, clear errors."""

    def __init__(
        self, window: MainWindow, data_dir: Path, demo: bool, *, pool: Pool | None = None
    ) -> None:
        self.window = window
        self.data_dir = data_dir
        self.demo = demo
        self.pool = pool
        self.services: Services | None = None
        self.paths = StorePaths(data_dir)
        self._done: Callable[[bool], None] = lambda _ok: None

    def open_store(self, done: Callable[[bool], None]) -> None:
        """Open (or create) the store in the background; ``done(ok)`` on the GUI thread."""
        from contractdesk.paths import passphrase_from_env
        from contractdesk.services.safety import demo_services, store_exists

        self._done = done
        from contractdesk.errors import UserFacingError

        try:
            on_server = self._server_profile() is not None
        except UserFacingError as exc:  # server.json damaged: say so (the store is not touched)
            self._cannot_open(exc)
            return
        if self.demo:
            folder = self.data_dir
            self._run(lambda: demo_services(folder))
        elif on_server:
            self._open_server(None)
        elif not store_exists(self.paths):
            self._first_run()
        else:
            self._unlock(passphrase_from_env(), "")

    def _first_run(self) -> None:
        from contractdesk.services.safety import create_services, keyring_usable
        from contractdesk.ui.wizard import FirstRunWizard

        wizard = FirstRunWizard(keyring_usable(), self.window)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            self._done(False)
            return
        result = wizard.result_value()
        if result.server is not None:
            self._choose_server(result.server)
            return
        if result.restore is not None:
            if not self.restore(result.restore, first_run=True):
                self._done(False)
                return
            self.open_store(self._done)
            return
        assert result.profile is not None
        paths, profile = self.paths, result.profile
        self._run(
            lambda: create_services(paths, profile, result.passphrase),
            after=self._offer_recovery_sheet,
        )

    # -- team mode: the server chosen at set-up (server.json + the password in the keyring) ----

    def _server_profile(self) -> Any:
        from contractdesk.services.safety.team import server_of

        return None if self.demo else server_of(self.paths)

    def _choose_server(self, setup: Any) -> None:
        """First start, "Delt med teamet": connect; only a server that opens is remembered
        (``server.json`` + the password in the keyring). Otherwise the wizard comes back."""
        from contractdesk.services.safety.team import (
            ServerProfile,
            choose_server,
            open_server_services,
        )

        profile = ServerProfile(
            setup.host, setup.database, setup.user, setup.port, setup.require_tls
        )
        paths, password = self.paths, setup.password or None

        def failed(exc: BaseException) -> None:
            from contractdesk.ui.errors import present_error

            present_error(self.window, exc)
            self._first_run()

        self._run(
            lambda: open_server_services(paths, profile, password),
            failed,
            after=lambda: choose_server(paths, profile, setup.password),
        )

    def _open_server(self, password: str | None) -> None:
        from contractdesk.errors import UserFacingError
        from contractdesk.services.safety.team import open_server_services, server_password

        profile = self._server_profile()
        if password is None:
            try:
                password = server_password(profile)
            except UserFacingError as exc:  # e.g. the keyring is locked
                self._cannot_open(exc)
                return
        if password is None:
            password = self._ask_server_password(profile)
            if password is None:
                self._done(False)
                return
        paths = self.paths
        self._run(lambda: open_server_services(paths, profile, password))

    def _ask_server_password(self, profile: Any) -> str | None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        label = QCoreApplication.translate(
            "GuiController", "Password for %1 on the team server:"
        ).replace("%1", f"{profile.user}@{profile.host}")
        text, ok = QInputDialog.getText(
            self.window,
            QCoreApplication.translate("GuiController", "Connect to the team server"),
            label,
            QLineEdit.EchoMode.Password,
        )
        return text if ok and text else None

    def _unlock(self, passphrase: str | None, error: str) -> None:
        from contractdesk.services.safety import open_services
        from contractdesk.store.errors import PassphraseRequiredError, WrongPassphraseError

        paths = self.paths

        def failed(exc: BaseException) -> None:
            if isinstance(exc, (PassphraseRequiredError, WrongPassphraseError)):
                asked = self._ask_passphrase(
                    str(exc) if isinstance(exc, WrongPassphraseError) else error
                )
                if asked is None:  # the user cancelled the prompt
                    self._done(False)
                else:
                    self._unlock(asked, "")
                return
            self._cannot_open(exc)

        self._run(lambda: open_services(paths, passphrase), failed)

    def _run(
        self,
        fn: Callable[[], Services],
        failed: Callable[[BaseException], None] | None = None,
        after: Callable[[], None] | None = None,
    ) -> None:
        label = QCoreApplication.translate("GuiController", "Opening your data…")

        def opened(services: Services) -> None:
            self._opened(services)
            if after is not None:
                after()

        (
            op(self.window, fn)
            .success(opened)
            .failure(failed or self._cannot_open)
            .with_progress(label)
            .with_pool(self.pool)
            .run_in_background()
        )

    def _opened(self, services: Services) -> None:
        self.services = services
        self.window.set_services(services)
        services.colleagues.listen()  # team mode: colleagues' changes refresh the views too
        settle_heap()
        warm_up(self.pool)
        self._after_start()
        self._done(True)

    def _cannot_open(self, exc: BaseException) -> None:
        from contractdesk.errors import UserFacingError

        if not isinstance(exc, UserFacingError):
            from contractdesk.ui.errors import present_error

            present_error(self.window, exc)
            self._done(False)
            return
        log.warning("store could not be opened: %s", type(exc).__name__)
        title = QCoreApplication.translate("GuiController", "ContractDesk cannot open your data")
        box = QMessageBox(QMessageBox.Icon.Critical, title, str(exc), parent=self.window)
        restore = box.addButton(
            QCoreApplication.translate("GuiController", "Restore from a backup…"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is restore and not self.demo:
            from contractdesk.services.safety import keyring_usable
            from contractdesk.ui.backup_dialogs import RestoreDialog

            dialog = RestoreDialog(needs_new_passphrase=not keyring_usable(), parent=self.window)
            if dialog.exec() == QDialog.DialogCode.Accepted and self.restore(dialog.request()):
                self.open_store(self._done)
                return
        self._done(False)

    # -- safety: background check, automatic backups, restore (issue #16) -----------------------

    def _after_start(self) -> None:
        """In the background: the integrity check, then the daily backup when one is due."""
        services = self.services
        if services is None or self.demo:
            return
        done = threading.Event()
        self._background_done = done

        def work() -> tuple[list[str], Any]:
            try:
                problems = services.backups.check()
                made = None if problems else services.backups.run_auto_if_due()
                return problems, made
            finally:
                done.set()

        self.check_task = (
            op(self.window, work)
            .success(self._checked)
            .failure(self._background_failed)
            .with_pool(self.pool)
            .run_in_background()
        )

    def _checked(self, outcome: tuple[list[str], Any]) -> None:
        problems, _made = outcome
        if not problems:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("GuiController", "Your data is damaged"),
            QCoreApplication.translate(
                "GuiController",
                "A check found damage in the store, so it is read-only now: nothing more is "
                "saved into it. Restore it from a backup under Settings → Security and backup.",
            ),
            parent=self.window,
        )
        restore = box.addButton(
            QCoreApplication.translate("GuiController", "Restore from a backup…"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is restore:
            from contractdesk.ui.backup_dialogs import RestoreDialog

            dialog = RestoreDialog(needs_new_passphrase=False, parent=self.window)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.restore_and_reopen(dialog.request())

    def _offer_recovery_sheet(self) -> None:
        """At set-up: offer to save the recovery sheet (the key that opens every backup)."""
        from PySide6.QtWidgets import QFileDialog

        services = self.services
        if services is None:
            return
        answer = QMessageBox.question(
            self.window,
            QCoreApplication.translate("GuiController", "Recovery sheet"),
            QCoreApplication.translate(
                "GuiController",
                "Save the recovery sheet now? It holds the recovery key that opens your backups "
                "on a new computer, even without this one. Print it and keep it safe. (Later: "
                "Settings → Recovery sheet.)",
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            QCoreApplication.translate("GuiController", "Save the recovery sheet as"),
            in_documents("recovery-sheet.pdf"),
            "PDF (*.pdf)",
        )
        if not path:
            return
        profile = services.supplier.get()
        business = profile.name if profile is not None else ""
        (
            op(self.window, lambda: services.backups.write_recovery_sheet(Path(path), business))
            .failure(self._background_failed)
            .with_pool(self.pool)
            .run_in_background()
        )

    def _background_failed(self, exc: BaseException) -> None:
        log.warning("background check or backup failed: %s", type(exc).__name__)

    def restore(self, request: Any, *, first_run: bool = False) -> bool:
        """Restore from a backup (the current store is closed first); tells the user the outcome.

        The slow part runs in a worker while a local event loop keeps the window responsive.
        """
        from contractdesk.paths import passphrase_from_env
        from contractdesk.services.backups import restore_from_backup

        paths = self.paths
        self.wait_for_background()
        if self.services is not None:
            self.services.close()  # pages keep the old object until the store is opened again
            self.services = None

        def work() -> Any:
            return restore_from_backup(
                paths,
                request.path,
                request.secret,
                live_passphrase=passphrase_from_env() or request.new_passphrase,
                new_passphrase=request.new_passphrase,
                check_app_lock=False,
            )

        outcome = _wait_for(work, self.pool)
        title = QCoreApplication.translate("GuiController", "Restore from a backup")
        if isinstance(outcome, BaseException):
            from contractdesk.errors import UserFacingError

            text = (
                str(outcome)
                if isinstance(outcome, UserFacingError)
                else QCoreApplication.translate(
                    "GuiController", "The restore failed; nothing was changed."
                )
            )
            QMessageBox.warning(self.window, title, text)
            return False
        message = (
            QCoreApplication.translate(
                "GuiController",
                "Restored from %1. Persons erased after this backup was made, erased again: %2.",
            )
            .replace("%1", str(outcome.restored_from))
            .replace("%2", str(outcome.erasures_reapplied))
        )
        QMessageBox.information(self.window, title, message)
        return True

    def restore_and_reopen(self, request: Any) -> None:
        """Settings → Restore: close the store, restore, open it again (asking as at start-up)."""
        self.window.setEnabled(False)
        try:
            self.restore(request)
        finally:
            self.window.setEnabled(True)
        self.open_store(lambda _ok: None)  # in the background, as at start-up

    def auto_backup_at_quit(self) -> None:
        """The daily backup when one is due, after the window closed (never on a visible GUI)."""
        if self.services is None or self.demo:
            return
        try:
            self.services.backups.run_auto_if_due()
        except Exception:  # the next start tries again; the store itself is untouched
            log.warning("automatic backup at quit failed")

    def wait_for_background(self, timeout: float = 120.0) -> None:
        """Let the start-up check or backup finish before the store closes under it."""
        done = getattr(self, "_background_done", None)
        if done is not None:
            done.wait(timeout)

    def _ask_passphrase(self, error: str) -> str | None:
        from contractdesk.ui.unlock_dialog import UnlockDialog

        dialog = UnlockDialog(str(self.paths.db), error, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.value() or None

    def close(self) -> None:
        self.wait_for_background()
        if self.services is not None:
            self.services.close()
            self.services = None


def _wait_for(work: Callable[[], Any], pool: Pool | None = None) -> Any:
    """Run ``work`` in a worker and wait in a local event loop; the result or the exception."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    box: list[Any] = []
    (
        op(None, work)
        .success(box.append)
        .failure(box.append)
        .finished(loop.quit)
        .with_pool(pool)
        .run_in_background()
    )
    if not box:
        loop.exec()
    return box[0] if box else None


def run_gui(argv: Sequence[str]) -> int:
    """Start the app; returns the process exit code."""
    args = parse_args(argv)
    from contractdesk import APP_NAME, ORG_NAME, __version__
    from contractdesk.paths import resolve_data_dir
    from contractdesk.ui.i18n import chosen_language, install_language

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    install_language(app, args.lang or chosen_language())
    from contractdesk.ui.icons import app_icon

    app.setWindowIcon(app_icon())

    demo_dir: Path | None = None
    instance = None
    if args.demo:
        demo_dir = Path(tempfile.mkdtemp(prefix="contractdesk-demo-"))
        data_dir = demo_dir
    else:
        from contractdesk.ui.single_instance import SingleInstance

        data_dir = resolve_data_dir(args.data_dir)
        instance = SingleInstance(data_dir)
        if not instance.acquire():
            instance.ask_first_to_come_forward()
            QMessageBox.information(
                None,
                APP_NAME,
                app.translate(
                    "run_gui",
                    "ContractDesk is already running on %1. That window was brought forward.",
                ).replace("%1", str(data_dir)),
            )
            return 1
        setup_logging(data_dir / "logs")

    window = MainWindow()
    controller = GuiController(window, data_dir, args.demo)
    window.restore_handler = controller.restore_and_reopen  # Settings → Restore from a backup
    if instance is not None:
        instance.activation_requested.connect(window.bring_to_front)
    window.painted.connect(
        lambda: log.info(
            "main window painted %.0f ms after start", (time.perf_counter() - PROCESS_START) * 1000
        )
    )

    probe = os.environ.get("CONTRACTDESK_EXIT_AFTER_START") == "1"

    def _painted() -> None:
        if probe:
            painted_ms = (time.perf_counter() - PROCESS_START) * 1000
            print(f"painted_ms={painted_ms:.1f}", file=sys.stderr, flush=True)

    window.painted.connect(_painted)

    def _opened(ok: bool) -> None:
        if not ok:
            window.close()
            app.exit(1)
            return
        if probe:  # start-up check for benchmarks and the frozen bundle: report, then quit cleanly
            open_ms = (time.perf_counter() - PROCESS_START) * 1000
            print(f"store_open_ms={open_ms:.1f}", file=sys.stderr, flush=True)
            QTimer.singleShot(0, window.close)

    # Open the store only after the window has painted, so the user sees it at once.
    window.painted.connect(
        lambda: QTimer.singleShot(0, lambda: controller.open_store(_opened)),
        Qt.ConnectionType.SingleShotConnection,
    )
    window.show()
    try:
        return int(app.exec())
    finally:
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(30_000)  # no worker outlives the store
        controller.auto_backup_at_quit()
        controller.close()
        if instance is not None:
            instance.release()
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)
