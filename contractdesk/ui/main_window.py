"""The main window: navigation, pages, and a status bar saying where the store is and how opened."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
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
    ("overview", "contractdesk.ui.pages.overview", "OverviewPage", "Overview"),
    ("customers", "contractdesk.ui.pages.customers", "CustomersPage", "Customers"),
    ("agreements", "contractdesk.ui.pages.agreements", "AgreementsPage", "Agreements"),
    ("terms", "contractdesk.ui.pages.terms", "TermsPage", "Terms"),
    ("billing", "contractdesk.ui.pages.billing", "BillingPage", "Services & invoicing"),
    ("privacy", "contractdesk.ui.pages.privacy", "PrivacyPage", "Privacy"),
    ("settings", "contractdesk.ui.pages.settings", "SettingsPage", "Settings"),
)


SIDEBAR_WIDTH = 250

STYLE_SHEET = """
QListWidget#navigation { font-size: 11pt; border: none; background: #f3f5f7; }
QListWidget#navigation::item { padding: 9px 10px; }
QListWidget#navigation::item:selected { background: #dbe7f3; color: #0d2b45; }
QLabel#pageHeading { font-size: 17pt; font-weight: 600; color: #0d2b45; }
QLabel#pageSubheading { color: #546e7a; }
QLabel#listHeading, QLabel#gettingStartedHeading { font-size: 12pt; font-weight: 600; }
QFrame#gettingStarted { background: #f1f8e9; border: 1px solid #c5e1a5; border-radius: 6px; }
QPushButton[card="true"] { text-align: left; background: #ffffff; border: 1px solid #cfd8dc;
    border-radius: 8px; }
QPushButton[card="true"]:hover { border-color: #90a4ae; }
QPushButton[card="true"]:checked { border: 2px solid #1565c0; background: #e3f2fd; }
QPushButton[card="true"]:focus { border: 2px solid #1e88e5; }
QPushButton[urgent="true"] QLabel#cardCount { color: #b71c1c; }
QLabel#cardDetail { color: #546e7a; }
"""


def retranslate_date_fields() -> None:
    """Every open date (and month) field in the language now in force: dd.MM.yyyy in Norwegian."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication, QDateEdit

    from contractdesk.ui.formatting import date_edit_format, month_edit_format

    for window in QApplication.topLevelWidgets():
        for field in window.findChildren(QDateEdit):
            months_only = "d" not in field.displayFormat()
            field.setLocale(QLocale())
            field.setDisplayFormat(month_edit_format() if months_only else date_edit_format())


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
        self.setStyleSheet(STYLE_SHEET)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(SIDEBAR_WIDTH)
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self._built: dict[int, Page] = {}
        from contractdesk.ui.icons import icon

        for page_id, *_rest in PAGE_SPECS:
            self.stack.addWidget(QWidget())  # stands in until the page is first shown
            item = QListWidgetItem(self.nav)
            item.setIcon(icon(page_id))
        self.nav.currentRowChanged.connect(self._show_page)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.setCentralWidget(self.splitter)
        self.store_label = QLabel()
        self.statusBar().addPermanentWidget(self.store_label)
        self._build_menu()
        self.retranslate()
        self.resize(1280, 800)
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
            if cls == "OverviewPage":
                page.open_page.connect(self.go_to)
                page.open_customer.connect(self.open_customer)
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
        return self.page("settings")  # type: ignore[return-value]  # the "settings" page is a SettingsPage

    def page(self, page_id: str) -> Page:
        return self._ensure_page(self.page_index(page_id))

    @staticmethod
    def page_index(page_id: str) -> int:
        return next(i for i, spec in enumerate(PAGE_SPECS) if spec[0] == page_id)

    def go_to(self, page_id: str) -> Page:
        """Show the page ``page_id`` (and select it in the sidebar); ``"agreements:1"`` also
        opens the page's tab 1."""
        page_id, _, tab = page_id.partition(":")
        self.nav.setCurrentRow(self.page_index(page_id))
        page = self.page(page_id)
        tabs = getattr(page, "tabs", None)
        if tab.isdigit() and tabs is not None:
            tabs.setCurrentIndex(int(tab))
        return page

    def open_customer(self, org_number: str) -> Any:
        """Open the customer card of ``org_number`` (from any page)."""
        page = self.go_to("customers")
        return page.open_customer(org_number)  # type: ignore[attr-defined]  # the customers page

    def new_customer(self) -> Any:
        """Ctrl+N wherever the focus is: the customers page's "Add customer" dialog."""
        page = self.go_to("customers")
        return page.add_customer()  # type: ignore[attr-defined]  # the customers page

    def show_help(self) -> Any:
        """F1: help for the page shown, in the user's language."""
        from contractdesk.ui.help import show_page_help

        return show_page_help(self, PAGE_SPECS[self.nav.currentRow()][0])

    @staticmethod
    def page_title(index: int) -> str:
        from PySide6.QtCore import QCoreApplication

        _page_id, _module, cls, title = PAGE_SPECS[index]
        return QCoreApplication.translate(cls, title)

    def _build_menu(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.new_customer_action = QAction(self)
        self.new_customer_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_customer_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.new_customer_action.triggered.connect(self.new_customer)
        self.file_menu.addAction(self.new_customer_action)
        self.file_menu.addSeparator()
        self.move_action = QAction(self)  # team mode: the local store onto a server (issue 19)
        self.move_action.setEnabled(False)
        self.move_action.triggered.connect(self.move_to_server)
        self.file_menu.addAction(self.move_action)
        self.file_menu.addSeparator()
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
        self.help_action = QAction(self)
        self.help_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.help_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.help_action.triggered.connect(self.show_help)
        self.help_menu.addAction(self.help_action)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self._about)
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        self.setWindowTitle(APP_NAME)
        self.file_menu.setTitle(self.tr("&File"))
        self.quit_action.setText(self.tr("&Quit"))
        self.go_menu.setTitle(self.tr("&Go"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.nav.setAccessibleName(self.tr("Pages"))
        self.about_action.setText(self.tr("&About ContractDesk"))
        self.help_action.setText(self.tr("&Help for this page"))
        self.new_customer_action.setText(self.tr("&New customer…"))
        self.move_action.setText(self.tr("&Move to a team server…"))
        self.whois_action.setText(self.tr("&Who is this?…"))
        for index in range(len(PAGE_SPECS)):
            if index in self._built:
                self._built[index].retranslate()
            self.nav.item(index).setText(self.page_title(index))
            # "&" in a title is a literal ampersand in a menu, not a mnemonic
            self.go_actions[index].setText(self.page_title(index).replace("&", "&&"))
        self._update_store_label()

    def set_services(self, services: Services) -> None:
        """Hand the open store's services to every page and show where the store is."""
        self.services = services
        for page in self._built.values():
            page.set_services(services)
        self._update_store_label()
        local = services.safety.info().key_source in ("keyring", "passphrase")
        self.move_action.setEnabled(local and not services.colleagues.enabled)

    def move_to_server(self) -> Any:
        """File ▸ Move to a team server…; returns the wizard (opened, not modal to the app)."""
        if self.services is None:
            return None
        from contractdesk.ui.server_move_dialog import MoveToServerWizard

        wizard = MoveToServerWizard(self.services, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        return wizard

    def _update_store_label(self) -> None:
        if self.services is None:
            self.store_label.setText(self.tr("Opening the store…"))
            return
        info = self.services.safety.info()
        text = {
            "keyring": self.tr("unlocked by the system keyring"),
            "passphrase": self.tr("unlocked by passphrase"),
            "memory": self.tr("demo data (discarded on exit)"),
            "server": self.tr("the team's server"),
        }.get(info.key_source, info.key_source)
        # the path is a technical detail: in the tooltip and under "Details" in About
        self.store_label.setText(self.tr("Data: %1").replace("%1", text))
        self.store_label.setToolTip(str(info.path))

    def _change_language(self, code: str) -> None:
        from PySide6.QtWidgets import QApplication

        from contractdesk.ui.i18n import install_language

        install_language(QApplication.instance(), code)  # type: ignore[arg-type]  # a QApplication runs
        self.retranslate()
        retranslate_date_fields()

    def _open_whois(self) -> None:
        from contractdesk.ui.whois_dialog import show_whois

        show_whois(self)

    def _about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle(self.tr("About ContractDesk"))
        box.setText(
            self.tr("ContractDesk %1\nCustomers, terms and signable agreements.").replace(
                "%1", __version__
            )
        )
        if self.services is not None:
            box.setDetailedText(
                self.tr("Data file: %1").replace("%1", str(self.services.safety.info().path))
            )
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.open()
        return box

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
            self.nav.setCurrentRow(int(row))  # type: ignore[arg-type]  # QSettings value: object; bad ones caught
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
