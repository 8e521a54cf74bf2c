"""The Customers page: a lazily fetched, SQL-sorted list, search as you type, and the customer card.

Keyboard: Ctrl+F (or Alt+S) to search, Down to the list, Enter to open a card, Ctrl+N to add a
customer, F5 to refresh the selected customer, Ctrl+Shift+F5 to refresh all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from contractdesk.services.changes import ACCEPTANCES, AGREEMENTS, CUSTOMERS, PEOPLE
from contractdesk.ui.customers.list_model import CustomerListModel, size_columns_from_sample
from contractdesk.ui.pages.base import Page

if TYPE_CHECKING:
    from contractdesk.services.changes import Change
    from contractdesk.services.context import Services
    from contractdesk.ui.customers.card import CustomerCardDialog

SEARCH_DEBOUNCE_MS = 150


class CustomersPage(Page):
    """Signals:
    customer_opened(str): a customer's card was opened (org number).
    """

    page_id = "customers"
    customer_opened = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pool: Any = None  # tests put a SyncPool here; None: Qt's global thread pool
        self.card_dialog: Any = None
        self.cards: dict[str, CustomerCardDialog] = {}
        self.add_dialog: Any = None
        self.task: Any = None
        self._sized = False

        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        layout.addWidget(self.heading)

        bar = QHBoxLayout()
        self.search_label = QLabel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("customerSearch")
        self.search_label.setBuddy(self.search)
        bar.addWidget(self.search_label)
        bar.addWidget(self.search, 1)
        self.add_button = QPushButton()
        self.refresh_button = QPushButton()
        self.refresh_all_button = QPushButton()
        self.import_button = QPushButton()
        self.import_button.setObjectName("importCustomers")
        for button in (
            self.add_button,
            self.refresh_button,
            self.refresh_all_button,
            self.import_button,
        ):
            bar.addWidget(button)
        layout.addLayout(bar)

        self.model = CustomerListModel(parent=self)
        self.table = QTableView()
        self.table.setObjectName("customerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # a header click calls model.sort → SQL ORDER BY
        self.table.setTabKeyNavigation(False)
        layout.addWidget(self.table, 1)
        self.count_label = QLabel()
        layout.addWidget(self.count_label)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DEBOUNCE_MS)
        self.timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.search.returnPressed.connect(self._search_return)
        self.search.installEventFilter(self)
        # Enter and double-click both arrive as ``activated`` (also connecting ``doubleClicked``
        # opened two cards).
        self.table.activated.connect(self._activated)
        self.model.loaded.connect(self._loaded)
        self.model.rowsInserted.connect(lambda *_: self._update_count())
        self.add_button.clicked.connect(self.add_customer)
        self.refresh_button.clicked.connect(self.refresh_selected)
        self.refresh_all_button.clicked.connect(self.refresh_all)
        self.import_button.clicked.connect(lambda: self.import_list())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        for keys, slot in (
            (QKeySequence.StandardKey.Find, self.focus_search),
            (QKeySequence.StandardKey.Refresh, self.refresh_selected),
            (QKeySequence("Ctrl+Shift+F5"), self.refresh_all),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.retranslate()
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Customers")

    # -- data ----------------------------------------------------------------------------------

    def set_services(self, services: Services) -> None:
        super().set_services(services)
        self.model.use_background(self.pool)  # pages are read on a pool thread
        self.model.set_services(services)

    def apply_search(self) -> None:
        """Filter the list by the search box now (the debounce timer calls this)."""
        self.timer.stop()
        self.model.set_search(self.search.text())

    def reload(self, select_org_number: str | None = None) -> None:
        """Read the list again; ``select_org_number``'s row is selected once it is in."""
        if select_org_number:
            self.model.loaded.connect(
                lambda: self.select(select_org_number), Qt.ConnectionType.SingleShotConnection
            )
        self.model.reload()

    def select(self, org_number: str) -> bool:
        """Select a customer's row (fetching further pages if needed, up to a few)."""
        row = self.model.row_of(org_number)
        tries = 0
        while row < 0 and self.model.canFetchMore(QModelIndex()) and tries < 50:
            self.model.fetchMore(QModelIndex())
            row = self.model.row_of(org_number)
            tries += 1
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def selected_org_number(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isSelected(index):
            return None
        return str(index.data(CustomerListModel.OrgNumberRole))

    # -- actions -------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def open_customer(self, org_number: str) -> Any:
        """Open the customer's card (one per customer: a second open brings it forward)."""
        import shiboken6

        from contractdesk.ui.customers.card import CustomerCardDialog

        if self.services is None:
            return None
        dialog = self.cards.get(org_number)
        if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            self.card_dialog = dialog
            return dialog
        dialog = CustomerCardDialog(self.services, org_number, self, pool=self.pool)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.cards.pop(org_number, None))
        self.cards[org_number] = dialog
        self.card_dialog = dialog
        dialog.show()  # not window-modal: several customers' cards may be open side by side
        self.customer_opened.emit(org_number)
        return dialog

    def on_change(self, change: Change) -> None:
        """Rows of the list show main contacts, agreement states and registry data: reload
        the rows fetched so far (in the background), keeping the selection."""
        if change.touches(CUSTOMERS, PEOPLE, AGREEMENTS, ACCEPTANCES):
            self.model.refresh_rows(pool=self.pool, keep=self.selected_org_number(), view=self)

    def add_customer(self) -> Any:
        """Open the Add customer dialog; returns it."""
        if self.services is None:
            return None
        from contractdesk.ui.customers.add_dialog import AddCustomerDialog

        dialog = AddCustomerDialog(self.services, self, pool=self.pool)
        dialog.registered.connect(self._registered)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.add_dialog = dialog
        dialog.open()
        return dialog

    def refresh_selected(self) -> Any:
        number = self.selected_org_number()
        if number is None or self.services is None:
            return None
        from contractdesk.ui.customers.refresh import refresh_one

        self.task = refresh_one(self, self.services, number, pool=self.pool)
        return self.task

    def refresh_all(self) -> Any:
        if self.services is None:
            return None
        from contractdesk.ui.customers.refresh import refresh_all

        self.task = refresh_all(self, self.services, pool=self.pool)
        return self.task

    def import_list(self, path: str | None = None) -> Any:
        """Import a customer list (asks for the file unless ``path`` is given); returns the task."""
        if self.services is None:
            return None
        from contractdesk.ui.customers.import_list import choose_and_import

        self.task = choose_and_import(
            self, self.services, path=path, pool=self.pool, on_done=lambda _r: self.reload()
        )
        return self.task

    # -- internals -----------------------------------------------------------------------------

    def _registered(self, org_number: str) -> None:
        if self.search.text():
            self.search.clear()
            self.apply_search()
        self.reload(org_number)
        self.table.setFocus()

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_customer(str(index.data(CustomerListModel.OrgNumberRole)))

    def _search_return(self) -> None:
        self.apply_search()
        if self.model.rowCount():
            self.table.setFocus()
            self.table.setCurrentIndex(self.model.index(0, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount()
        ):  # type: ignore[attr-defined]  # a KeyPress event is a QKeyEvent
            if self.timer.isActive():
                self.apply_search()
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, 0))
            return True
        return super().eventFilter(watched, event)

    def _loaded(self) -> None:
        if not self._sized and self.model.rowCount():
            size_columns_from_sample(self.table, self.model)
            self._sized = True
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        more = self.model.canFetchMore(QModelIndex())
        if self.model.search:
            text = (
                self.tr("%1+ customers match").replace("%1", str(shown))
                if more
                else self.tr("%Ln customer(s) match", "", shown)
            )
        else:
            text = (
                self.tr("%1+ customers").replace("%1", str(shown))
                if more
                else self.tr("%Ln customer(s)", "", shown)
            )
        self.count_label.setText(text)
        empty = shown == 0 and self.services is not None
        self.empty_label.setVisible(empty)
        self.empty_label.setText(
            self.tr("No customer matches the search.")
            if self.model.search
            else self.tr(
                "No customers yet. Add one with “Add customer” (Ctrl+N): type its org number or "
                "name."
            )
        )

    def _update_buttons(self) -> None:
        ready = self.services is not None
        self.add_button.setEnabled(ready)
        self.import_button.setEnabled(ready)
        self.refresh_all_button.setEnabled(ready and self.model.rowCount() > 0)
        self.refresh_button.setEnabled(ready and self.selected_org_number() is not None)

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.table.setAccessibleName(self.tr("Customers"))
        self.search_label.setText(self.tr("&Search:"))
        self.search.setPlaceholderText(self.tr("Name, org number, municipality or contact"))
        self.add_button.setText(self.tr("&Add customer…"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.refresh_all_button.setText(self.tr("Refresh a&ll"))
        self.import_button.setText(self.tr("&Import…"))
        self.import_button.setToolTip(
            self.tr("Import a customer list (CSV or Excel) of organisation numbers")
        )
        self.add_button.setToolTip(self.tr("Add a customer from the registry (Ctrl+N)"))
        self.refresh_button.setToolTip(
            self.tr("Fetch the selected customer from the registry again (F5)")
        )
        self.refresh_all_button.setToolTip(
            self.tr(
                "Fetch the customers changed in the registry since the last refresh (Ctrl+Shift+F5)"
            )
        )
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
        )
        self._update_count()
