"""The main window: navigation, pages, and a status bar saying where the store is and how it is unlocked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from contractdesk import APP_NAME, __version__
from contractdesk.ui.pages.agreements import AgreementsPage
from contractdesk.ui.pages.base import Page
from contractdesk.ui.pages.billing import BillingPage
from contractdesk.ui.pages.customers import CustomersPage
from contractdesk.ui.pages.settings import SettingsPage
from contractdesk.ui.pages.terms import TermsPage


class MainWindow(QMainWindow):
    """Signals:
        painted(): emitted once, after the first paint (start-up benchmark).
    """

    painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Any = None
        self._painted = False
        self.setObjectName("MainWindow")
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setMaximumWidth(240)
        self.nav.setStyleSheet("QListWidget#navigation { font-size: 11pt; } "
                               "QListWidget#navigation::item { padding: 8px 10px; }")
        self.stack = QStackedWidget()
        self.pages: list[Page] = [CustomersPage(), AgreementsPage(), TermsPage(), BillingPage(), SettingsPage()]
        for page in self.pages:
            self.stack.addWidget(page)
            QListWidgetItem(self.nav)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.store_label = QLabel()
        self.statusBar().addPermanentWidget(self.store_label)
        self._build_menu()
        self.settings_page.language_changed.connect(self._change_language)
        self.retranslate()
        self.nav.setCurrentRow(0)
        self.resize(1100, 720)
        self._restore_state()

    @property
    def settings_page(self) -> SettingsPage:
        return next(p for p in self.pages if isinstance(p, SettingsPage))

    def page(self, page_id: str) -> Page:
        return next(p for p in self.pages if p.page_id == page_id)

    def _build_menu(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)
        self.go_menu = self.menuBar().addMenu("")
        self.go_actions: list[QAction] = []
        for index in range(len(self.pages)):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.nav.setCurrentRow(i))
            self.go_menu.addAction(action)
            self.go_actions.append(action)
        self.whois_action = QAction(self)  # "Who is this?" (people, issue 4); the dialog loads on first use
        self.whois_action.setShortcut(QKeySequence("Ctrl+K"))
        self.whois_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.whois_action.triggered.connect(self._open_whois)
        self.go_menu.addAction(self.whois_action)
        self.help_menu = self.menuBar().addMenu("")
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self._about)
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        self.setWindowTitle(APP_NAME)
        self.file_menu.setTitle(self.tr("&File"))
        self.quit_action.setText(self.tr("&Quit"))
        self.go_menu.setTitle(self.tr("&Go"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About ContractDesk"))
        self.whois_action.setText(self.tr("&Who is this?…"))
        for index, page in enumerate(self.pages):
            page.retranslate()
            self.nav.item(index).setText(page.title())
            self.go_actions[index].setText(page.title())
        self._update_store_label()

    def set_services(self, services: Any) -> None:
        """Hand the open store's services to every page and show where the store is."""
        self.services = services
        for page in self.pages:
            page.set_services(services)
        self._update_store_label()

    def _update_store_label(self) -> None:
        if self.services is None:
            self.store_label.setText(self.tr("Opening the store…"))
            return
        from contractdesk.store.profile import describe_key_source

        source = self.services.store.key_source
        text = {
            "keyring": self.tr("unlocked by the system keyring"),
            "passphrase": self.tr("unlocked by passphrase"),
            "memory": self.tr("demo data (discarded on exit)"),
        }.get(source, describe_key_source(source))
        self.store_label.setText(self.tr("Store: %1 — %2").replace("%1", str(self.services.store.path)).replace("%2", text))

    def _change_language(self, code: str) -> None:
        from PySide6.QtWidgets import QApplication

        from contractdesk.ui.i18n import install_language

        install_language(QApplication.instance(), code)  # type: ignore[arg-type]
        self.retranslate()

    def _open_whois(self) -> None:
        from contractdesk.ui.whois_dialog import show_whois

        show_whois(self)

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About ContractDesk"),
                          self.tr("ContractDesk %1\nCustomers, terms and signable agreements.").replace("%1", __version__))

    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        row = settings.value("window/page", 0)
        try:
            self.nav.setCurrentRow(int(row))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            self.nav.setCurrentRow(0)

    def save_state(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("window/page", self.nav.currentRow())

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.save_state()
        super().closeEvent(event)

    def paintEvent(self, event: Any) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()

    def bring_to_front(self) -> None:
        self.setWindowState((self.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
        self.show()
        self.raise_()
        self.activateWindow()
