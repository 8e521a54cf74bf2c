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
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from contractdesk.app import PROCESS_START, parse_args, setup_logging
from contractdesk.paths import StorePaths
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


# Loaded on first use to keep start-up quick; loaded in the background once the store is open, so
# the first dialog, preview or print does not wait for them on the GUI thread.
WARM_MODULES = (
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
    "contractdesk.output.pdf",
)


def warm_up(pool: Pool | None = None) -> None:
    """Import the modules loaded on first use, and the PDF fonts, on a pool thread."""
    import importlib

    def work() -> None:
        for name in WARM_MODULES:
            importlib.import_module(name)
        from contractdesk.output.pdf.fonts import register_fonts

        register_fonts()

    op(None, work).failure(lambda exc: log.warning("warm-up failed: %r", exc)).with_pool(
        pool
    ).run_in_background()


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
        if self.demo:
            folder = self.data_dir
            self._run(lambda: demo_services(folder))
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
        paths = self.paths
        self._run(lambda: create_services(paths, result.profile, result.passphrase))

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
    ) -> None:
        label = QCoreApplication.translate("GuiController", "Opening your data…")
        (
            op(self.window, fn)
            .success(self._opened)
            .failure(failed or self._cannot_open)
            .with_progress(label)
            .with_pool(self.pool)
            .run_in_background()
        )

    def _opened(self, services: Services) -> None:
        self.services = services
        self.window.set_services(services)
        settle_heap()
        warm_up(self.pool)
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
        QMessageBox.critical(self.window, title, str(exc))
        self._done(False)

    def _ask_passphrase(self, error: str) -> str | None:
        from contractdesk.ui.unlock_dialog import UnlockDialog

        dialog = UnlockDialog(str(self.paths.db), error, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.value() or None

    def close(self) -> None:
        if self.services is not None:
            self.services.close()
            self.services = None


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
        controller.close()
        if instance is not None:
            instance.release()
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)
