"""Composition root of the GUI: paths → single-instance lock → window → key → store → services.

The window is shown before SQLAlchemy and the store are loaded, so it paints at once; the store
is opened right after the first paint.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PROCESS_START = time.perf_counter()
log = logging.getLogger("contractdesk")


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="contractdesk")
    parser.add_argument("--data-dir")
    parser.add_argument(
        "--demo", action="store_true", help="open a throwaway store with demo customers"
    )
    parser.add_argument("--lang", choices=("nb", "en"))
    return parser.parse_args(list(argv))


def setup_logging(folder: Path) -> None:
    """Log to a rotating file in the data folder (no personal data or secrets are logged)."""
    from logging.handlers import RotatingFileHandler

    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    handler = RotatingFileHandler(
        folder / "contractdesk.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


class GuiController:
    """Opens the store for the window: wizard on first run, passphrase prompt, clear errors."""

    def __init__(self, app: Any, window: Any, data_dir: Path, demo: bool) -> None:
        self.app = app
        self.window = window
        self.data_dir = data_dir
        self.demo = demo
        self.services: Any = None

    def open_store(self) -> bool:
        from PySide6.QtWidgets import QDialog, QMessageBox

        from contractdesk.paths import StorePaths, passphrase_from_env
        from contractdesk.services.context import Services
        from contractdesk.store.errors import StoreError, WrongPassphraseError
        from contractdesk.store.keys import keyring_usable
        from contractdesk.store.profile import create_profile, demo_profile, unlock_profile
        from contractdesk.ui.wizard import FirstRunWizard

        paths = StorePaths(self.data_dir)
        try:
            if self.demo:
                store = demo_profile(self.data_dir)
                self.services = Services(store, paths)
                from contractdesk.services.demo import populate_demo

                populate_demo(self.services)
            elif not paths.exists():
                wizard = FirstRunWizard(keyring_usable(), self.window)
                if wizard.exec() != QDialog.DialogCode.Accepted:
                    return False
                result = wizard.result_value()
                if result.restore is not None:
                    if not self.restore(result.restore, first_run=True):
                        return False
                    return self.open_store()
                assert result.profile is not None
                store = create_profile(
                    paths,
                    passphrase=result.passphrase,
                    use_keyring=None if result.passphrase else True,
                )
                self.services = Services(store, paths)
                self.services.supplier.save(result.profile)
                self._offer_recovery_sheet()
            else:
                passphrase = passphrase_from_env()
                error = ""
                while True:
                    try:
                        store = unlock_profile(
                            paths,
                            passphrase=passphrase,
                            prompt=lambda e=error: self._ask_passphrase(paths, e),
                        )
                        break
                    except WrongPassphraseError as exc:
                        passphrase = None
                        error = str(exc)
                    except StoreError as exc:
                        if "passphrase" in type(exc).__name__.lower() and not passphrase:
                            return False  # the user cancelled the prompt
                        raise
                self.services = Services(store, paths)
        except StoreError as exc:
            log.warning("store could not be opened: %s", type(exc).__name__)
            from PySide6.QtCore import QCoreApplication

            title = QCoreApplication.translate(
                "GuiController", "ContractDesk cannot open your data"
            )
            box = QMessageBox(QMessageBox.Icon.Critical, title, str(exc), parent=self.window)
            restore = box.addButton(
                QCoreApplication.translate("GuiController", "Restore from a backup…"),
                QMessageBox.ButtonRole.AcceptRole,
            )
            box.addButton(QMessageBox.StandardButton.Close)
            box.exec()
            if box.clickedButton() is restore and self.demo is False:
                from contractdesk.ui.backup_dialogs import RestoreDialog

                dialog = RestoreDialog(
                    needs_new_passphrase=not keyring_usable(), parent=self.window
                )
                if dialog.exec() == QDialog.DialogCode.Accepted and self.restore(dialog.request()):
                    return self.open_store()
            return False
        self.window.set_services(self.services)
        self._after_start()
        return True

    # -- safety: background check, automatic backups, restore -----------------------------------

    def _after_start(self) -> None:
        """In the background: the integrity check, then the daily backup when one is due."""
        from contractdesk.ui.tasks import run_task

        services = self.services
        if services is None or self.demo:
            return

        done = threading.Event()
        self._background_done = done

        def work(_progress: Any, _cancel: Any) -> tuple[list[str], Any]:
            try:
                problems = services.backups.check()
                made = None if problems else services.backups.run_auto_if_due()
                return problems, made
            finally:
                done.set()

        from contractdesk.ui.backup_dialogs import GuiRelay

        relay = GuiRelay(self._checked, self._background_failed)
        self.check_task = run_task(
            work, on_success=relay.succeeded, on_failure=relay.failed, on_finished=relay.finished
        )

    def _checked(self, outcome: tuple[list[str], Any]) -> None:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

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
            from PySide6.QtWidgets import QDialog

            from contractdesk.ui.backup_dialogs import RestoreDialog

            dialog = RestoreDialog(needs_new_passphrase=False, parent=self.window)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.restore_and_reopen(dialog.request())

    def _offer_recovery_sheet(self) -> None:
        """At set-up: offer to save the recovery sheet (the key that opens every backup)."""
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from contractdesk.ui.backup_dialogs import GuiRelay
        from contractdesk.ui.tasks import run_task

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
            "recovery-sheet.pdf",
            "PDF (*.pdf)",
        )
        if not path:
            return
        profile = services.supplier.get()
        business = profile.name if profile is not None else ""
        relay = GuiRelay(on_failure=self._background_failed)
        run_task(
            lambda _p, _c: services.backups.write_recovery_sheet(Path(path), business),
            on_success=relay.succeeded,
            on_failure=relay.failed,
            on_finished=relay.finished,
        )

    def _background_failed(self, exc: BaseException) -> None:
        log.warning("background check or backup failed: %s", type(exc).__name__)

    def restore(self, request: Any, *, first_run: bool = False) -> bool:
        """Restore from a backup (the current store is closed first); tells the user the outcome.

        The slow part runs in a worker while a local event loop keeps the window responsive.
        """
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        from contractdesk.paths import StorePaths, passphrase_from_env
        from contractdesk.services.backups import restore_from_backup
        from contractdesk.ui.tasks import run_task

        paths = StorePaths(self.data_dir)
        self.wait_for_background()
        if self.services is not None:
            self.services.close()  # pages keep the old object until the store is opened again
            self.services = None

        def work(_progress: Any, _cancel: Any) -> Any:
            return restore_from_backup(
                paths,
                request.path,
                request.secret,
                live_passphrase=passphrase_from_env() or request.new_passphrase,
                new_passphrase=request.new_passphrase,
                check_app_lock=False,
            )

        outcome = _wait_for(run_task, work)
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
        self.open_store()

    def auto_backup_at_quit(self) -> None:
        """The daily backup when one is due, after the window closed (never on a visible GUI)."""
        if self.services is None or self.demo:
            return
        try:
            self.services.backups.run_auto_if_due()
        except Exception:  # the next start tries again; the store itself is untouched
            log.warning("automatic backup at quit failed")

    def _ask_passphrase(self, paths: Any, error: str) -> str | None:
        from PySide6.QtWidgets import QDialog

        from contractdesk.ui.unlock_dialog import UnlockDialog

        dialog = UnlockDialog(str(paths.db), error, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.value() or None

    def wait_for_background(self, timeout: float = 120.0) -> None:
        """Let the start-up check or backup finish before the store closes under it."""
        done = getattr(self, "_background_done", None)
        if done is not None:
            done.wait(timeout)

    def close(self) -> None:
        self.wait_for_background()
        if self.services is not None:
            self.services.close()
            self.services = None


def _wait_for(run_task: Any, work: Any) -> Any:
    """Run ``work`` in a worker and wait in a local event loop; the result or the exception."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    box: list[Any] = []
    run_task(
        work,
        on_success=box.append,
        on_failure=box.append,
        on_finished=loop.quit,
    )
    if not box:
        loop.exec()
    return box[0] if box else None


def run_gui(argv: Sequence[str]) -> int:
    """Start the app; returns the process exit code."""
    args = _parse(argv)
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from contractdesk import APP_NAME, ORG_NAME, __version__
    from contractdesk.paths import resolve_data_dir
    from contractdesk.ui.i18n import chosen_language, install_language

    app = QApplication.instance() or QApplication(sys.argv[:1])
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

    from contractdesk.ui.main_window import MainWindow

    window = MainWindow()
    controller = GuiController(app, window, data_dir, args.demo)
    window.restore_handler = controller.restore_and_reopen  # Settings → Restore from a backup
    if instance is not None:
        instance.activation_requested.connect(window.bring_to_front)
    window.painted.connect(
        lambda: log.info(
            "main window painted %.0f ms after start", (time.perf_counter() - PROCESS_START) * 1000
        )
    )

    probe = os.environ.get("CONTRACTDESK_EXIT_AFTER_START") == "1"
    timings: dict[str, float] = {}

    def _painted() -> None:
        timings["painted_ms"] = (time.perf_counter() - PROCESS_START) * 1000
        if probe:
            print(f"painted_ms={timings['painted_ms']:.1f}", file=sys.stderr, flush=True)

    window.painted.connect(_painted)

    def _open() -> None:
        if not controller.open_store():
            window.close()
            app.exit(1)
            return
        timings["store_open_ms"] = (time.perf_counter() - PROCESS_START) * 1000
        if probe:  # start-up check for benchmarks and the frozen bundle: report, then quit cleanly
            print(f"store_open_ms={timings['store_open_ms']:.1f}", file=sys.stderr, flush=True)
            QTimer.singleShot(0, window.close)

    # Open the store only after the window has painted, so the user sees it at once.
    window.painted.connect(
        lambda: QTimer.singleShot(0, _open), Qt.ConnectionType.SingleShotConnection
    )
    window.show()
    try:
        return int(app.exec())
    finally:
        controller.auto_backup_at_quit()
        controller.close()
        if instance is not None:
            instance.release()
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)
