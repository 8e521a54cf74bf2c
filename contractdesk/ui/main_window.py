"""The main window: navigation, pages, and a status bar saying where the store is and how it is unlocked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
from contractdesk.ui.pages.base import Page

if TYPE_CHECKING:
    from contractdesk.services.context import Services
    from contractdesk.ui.pages.settings import SettingsPage

# (page id, module, class, its title in that class's translation context). A page is built on
# its first visit, so start-up pays only for the page shown first.
PAGE_SPECS: tuple[tuple[str, str, str, str], ...] = (
    ("customers", "contractdesk.ui.pages.customers", "CustomersPage", "Customers"),
    ("agreements", "contractdesk.ui.pages.agreements", "AgreementsPage", "Agreements"),
    ("terms", "contractdesk.ui.pages.terms", "TermsPage", "Terms"),
    ("billing", "contractdesk.ui.pages.billing", "BillingPage", "Services & invoicing"),
    ("settings", "contractdesk.ui.pages.settings", "SettingsPage", "Settings"),
)


class MainWindow(QMainWindow):
    """Signals:
    painted(): emitted once, after the first paint (start-up benchmark).
    """

    painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        self._painted = False
        self.setObjectName("MainWindow")
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setMaximumWidth(240)
        self.nav.setStyleSheet(
            "QListWidget#navigation { font-size: 11pt; } "
            "QListWidget#navigation::item { padding: 8px 10px; }"
        )
        self.stack = QStackedWidget()
        self._built: dict[int, Page] = {}
        for _spec in PAGE_SPECS:
            self.stack.addWidget(QWidget())  # stands in until the page is first shown
            QListWidgetItem(self.nav)
        self.nav.currentRowChanged.connect(self._show_page)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.store_label = QLabel()
        self.statusBar().addPermanentWidget(self.store_label)
        self._build_menu()
        self.retranslate()
        self.resize(1100, 720)
        self._restore_state()

    def _ensure_page(self, index: int) -> Page:
        """The page at ``index``, built (and handed the services) on first use."""
        page = self._built.get(index)
        if page is None:
            import importlib

            _page_id, module, cls, _title = PAGE_SPECS[index]
            page = getattr(importlib.import_module(module), cls)()
            if cls == "SettingsPage":
                page.language_changed.connect(self._change_language)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._built[index] = page
            if self.services is not None:
                page.set_services(self.services)
        return page

    def _show_page(self, index: int) -> None:
        if 0 <= index < len(PAGE_SPECS):
            self.stack.setCurrentWidget(self._ensure_page(index))

    @property
    def pages(self) -> list[Page]:
        """Every page (building those not shown yet)."""
        return [self._ensure_page(i) for i in range(len(PAGE_SPECS))]

    @property
    def settings_page(self) -> SettingsPage:
        return self.page("settings")  # type: ignore[return-value]

    def page(self, page_id: str) -> Page:
        return self._ensure_page(next(i for i, spec in enumerate(PAGE_SPECS) if spec[0] == page_id))

    @staticmethod
    def page_title(index: int) -> str:
        from PySide6.QtCore import QCoreApplication

        _page_id, _module, cls, title = PAGE_SPECS[index]
        return QCoreApplication.translate(cls, title)

    def _build_menu(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)
        self.go_menu = self.menuBar().addMenu("")
        self.go_actions: list[QAction] = []
        for index in range(len(PAGE_SPECS)):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.nav.setCurrentRow(i))
            self.go_menu.addAction(action)
            self.go_actions.append(action)
        self.whois_action = QAction(
            self
        )  # "Who is this?" (people, issue 4); the dialog loads on first use
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
        for index in range(len(PAGE_SPECS)):
            if index in self._built:
                self._built[index].retranslate()
            self.nav.item(index).setText(self.page_title(index))
            self.go_actions[index].setText(self.page_title(index))
        self._update_store_label()

    def set_services(self, services: Services) -> None:
        """Hand the open store's services to every page and show where the store is."""
        self.services = services
        for page in self._built.values():
            page.set_services(services)
        self._update_store_label()

    def _update_store_label(self) -> None:
        if self.services is None:
            self.store_label.setText(self.tr("Opening the store…"))
            return
        info = self.services.safety.info()
        text = {
            "keyring": self.tr("unlocked by the system keyring"),
            "passphrase": self.tr("unlocked by passphrase"),
            "memory": self.tr("demo data (discarded on exit)"),
        }.get(info.key_source, info.key_source)
        self.store_label.setText(
            self.tr("Store: %1 — %2").replace("%1", str(info.path)).replace("%2", text)
        )

    def _change_language(self, code: str) -> None:
        from PySide6.QtWidgets import QApplication

        from contractdesk.ui.i18n import install_language

        install_language(QApplication.instance(), code)  # type: ignore[arg-type]
        self.retranslate()

    def _open_whois(self) -> None:
        from contractdesk.ui.whois_dialog import show_whois

        show_whois(self)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About ContractDesk"),
            self.tr("ContractDesk %1\nCustomers, terms and signable agreements.").replace(
                "%1", __version__
            ),
        )

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

    def closeEvent(self, event: Any) -> None:
        self.save_state()
        super().closeEvent(event)

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()

    def bring_to_front(self) -> None:
        self.setWindowState(
            (self.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
        )
        self.show()
        self.raise_()
        self.activateWindow()
