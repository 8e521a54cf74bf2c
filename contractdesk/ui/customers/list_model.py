"""The customer list model: rows fetched from SQL page by page, filtered and ordered in SQL.

The model holds only the rows fetched so far (``CustomerRow`` values). Views ask for more as the
user scrolls (``canFetchMore``/``fetchMore``, a page of :data:`PAGE_SIZE` rows each); a new search
text or a click on a header resets it and fetches the first page again with the new ``WHERE`` /
``ORDER BY``. Nothing is ever sorted or filtered in Python, so 100,000 customers cost no more than
a few hundred.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPalette

from contractdesk.domain.customers import BLOCKED_STATUSES, SORT_COLUMNS
from contractdesk.domain.orgnr import format_org_number

if TYPE_CHECKING:  # the services load SQLAlchemy: not at start-up
    from contractdesk.services.context import Services
    from contractdesk.services.customers import CustomerQuery, CustomerRow
    from contractdesk.ui.tasks import Pool, Task

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
PageFetcher = Callable[["CustomerQuery", int, int], "list[CustomerRow]"]
"""``fetch(query, offset, limit)`` → rows; e.g. ``services.customers.list_customers`` wrapped."""

PAGE_SIZE = 200
COLUMNS = SORT_COLUMNS
BLOCKED = BLOCKED_STATUSES


def status_text(status: str) -> str:
    """The status as the user reads it (translated)."""
    labels = {
        "active": QCoreApplication.translate("CustomerStatus", "Active"),
        "deleted": QCoreApplication.translate("CustomerStatus", "Deleted"),
        "removed": QCoreApplication.translate("CustomerStatus", "Removed from the registry"),
        "bankrupt": QCoreApplication.translate("CustomerStatus", "Bankrupt"),
        "liquidation": QCoreApplication.translate("CustomerStatus", "Under liquidation"),
        "forced_dissolution": QCoreApplication.translate("CustomerStatus", "Forcibly dissolved"),
        "reconstruction": QCoreApplication.translate("CustomerStatus", "In reconstruction"),
        "closed": QCoreApplication.translate("CustomerStatus", "Closed"),
        "unverified": QCoreApplication.translate("CustomerStatus", "Not verified"),
    }
    return str(labels.get(status, status))


def agreement_text(state: str) -> str:
    labels = {
        "": "—",
        "draft": QCoreApplication.translate("CustomerStatus", "Draft"),
        "sent": QCoreApplication.translate("CustomerStatus", "Sent"),
        "signed": QCoreApplication.translate("CustomerStatus", "Signed"),
        "active": QCoreApplication.translate("CustomerStatus", "Active"),
        "terminated": QCoreApplication.translate("CustomerStatus", "Terminated"),
    }
    return str(labels.get(state, state))


class CustomerListModel(QAbstractTableModel):
    """Customers over ``CustomerRow`` values, fetched lazily in pages.

    Roles: ``IdRole`` the customer's database id, ``OrgNumberRole`` its 9 digits, ``SortRole`` the
    value the column sorts by, ``StatusRole`` the status code.

    Signals:
        loaded(): the rows were reset (new search or order) and the first page is in.
    """

    IdRole = int(Qt.ItemDataRole.UserRole.value) + 1
    OrgNumberRole = int(Qt.ItemDataRole.UserRole.value) + 2
    SortRole = int(Qt.ItemDataRole.UserRole.value) + 3
    StatusRole = int(Qt.ItemDataRole.UserRole.value) + 4
    NAME, ORG_NUMBER, MUNICIPALITY, STATUS, MAIN_CONTACT, AGREEMENT = range(6)

    loaded = Signal()

    def __init__(
        self, fetch: PageFetcher | None = None, *, page_size: int = PAGE_SIZE, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._page_size = page_size
        self._rows: list[CustomerRow] = []
        self._more = False
        self._search = ""
        self._sort = "name"
        self._descending = False
        self._generation = 0
        self._background = False  # fetch on the calling thread until use_background()
        self._pool: Pool | None = None
        self._fetching = False

    # -- the source and the query -----------------------------------------------------------------

    @classmethod
    def for_services(cls, services: Services, **kwargs: Any) -> CustomerListModel:
        model = cls(**kwargs)
        model.set_services(services)
        return model

    def set_services(self, services: Services) -> None:
        """Read from ``services.customers`` (None: empty) and fetch the first page."""
        if services is None:
            self.set_fetcher(None)
            return

        def fetch(query: CustomerQuery, offset: int, limit: int) -> list[CustomerRow]:
            rows: list[CustomerRow] = services.customers.list_customers(
                query, offset=offset, limit=limit
            )
            return rows

        self.set_fetcher(fetch)

    def set_fetcher(self, fetch: PageFetcher | None) -> None:
        self._fetch = fetch
        self.reload()

    @property
    def search(self) -> str:
        return self._search

    @property
    def sort_column(self) -> str:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    def set_search(self, text: str) -> None:
        """Filter by name, org number, municipality or contact (in SQL) and fetch the first page."""
        text = " ".join((text or "").split())
        if text == self._search:
            return
        self._search = text
        self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by a column (in SQL); called by the view when a header is clicked."""
        if not 0 <= column < len(COLUMNS):
            return
        sort, descending = COLUMNS[column], order == Qt.SortOrder.DescendingOrder
        if (sort, descending) == (self._sort, self._descending) and self._rows:
            return
        self._sort, self._descending = sort, descending
        self.reload()

    def query(self) -> CustomerQuery:
        from contractdesk.services.customers import CustomerQuery

        return CustomerQuery(search=self._search, sort=self._sort, descending=self._descending)

    def use_background(self, pool: Pool | None = None) -> None:
        """Fetch pages on a pool thread from now on (the page's model; tests may pass a SyncPool).

        The rows shown stay until the new ones arrive; ``loaded`` says when a first page is in.
        """
        self._background = True
        self._pool = pool

    def reload(self) -> None:
        """Drop the rows and fetch the first page again (a new search or order)."""
        self._generation += 1
        if self._background and self._fetch is not None:
            self._fetch_first_page()
            return
        self.beginResetModel()
        self._rows = []
        self._more = False
        if self._fetch is not None:
            page = self._fetch(self.query(), 0, self._page_size)
            self._rows = list(page)
            self._more = len(page) == self._page_size
        self.endResetModel()
        self.loaded.emit()

    def refresh_rows(
        self, *, pool: Pool | None = None, keep: str | None = None, view: Any = None
    ) -> Task[list[CustomerRow]] | None:
        """Read the rows fetched so far again in the background (after a change in the store),
        then show them at once; the row of ``keep`` is selected again in ``view``."""
        from contractdesk.ui.tasks import op

        if self._fetch is None:
            return None
        fetch, query, count = self._fetch, self.query(), max(len(self._rows), self._page_size)
        self._generation += 1
        generation = self._generation

        def shown(rows: list[CustomerRow]) -> None:
            if generation != self._generation or query != self.query():
                return  # a newer search or reload took over
            self.beginResetModel()
            self._rows = list(rows)
            self._more = len(rows) == count
            self.endResetModel()
            self.loaded.emit()
            if keep is not None and view is not None and (row := self.row_of(keep)) >= 0:
                view.table.setCurrentIndex(self.index(row, 0))

        return (
            op(self, lambda: fetch(query, 0, count))
            .success(shown)
            .with_pool(pool)
            .run_in_background()
        )

    def _fetch_first_page(self) -> None:
        from contractdesk.ui.tasks import op

        fetch, query, size, generation = (
            self._fetch,
            self.query(),
            self._page_size,
            self._generation,
        )
        assert fetch is not None

        def shown(rows: list[CustomerRow]) -> None:
            if generation != self._generation:
                return  # a newer search or order took over
            self._fetching = False
            self.beginResetModel()
            self._rows = list(rows)
            self._more = len(rows) == size
            self.endResetModel()
            self.loaded.emit()

        self._fetching = True
        (
            op(self, lambda: fetch(query, 0, size))
            .success(shown)
            .finished(self._fetched)
            .with_pool(self._pool)
            .run_in_background()
        )

    def _fetched(self) -> None:
        self._fetching = False

    def _fetch_next_page(self) -> None:
        from contractdesk.ui.tasks import op

        fetch, query, generation = self._fetch, self.query(), self._generation
        offset, size = len(self._rows), self._page_size
        assert fetch is not None

        def append(page: list[CustomerRow]) -> None:
            if generation != self._generation or offset != len(self._rows):
                return
            self._fetching = False
            self._append(page, size)

        self._fetching = True
        (
            op(self, lambda: fetch(query, offset, size))
            .success(append)
            .finished(self._fetched)
            .with_pool(self._pool)
            .run_in_background()
        )

    def _append(self, page: list[CustomerRow], size: int) -> None:
        self._more = len(page) == size
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    # -- lazy fetching ----------------------------------------------------------------------------

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return (
            not parent.isValid() and self._more and self._fetch is not None and not self._fetching
        )

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if parent.isValid() or not self._more or self._fetch is None or self._fetching:
            return
        if self._background:
            self._fetch_next_page()
            return
        page = self._fetch(self.query(), len(self._rows), self._page_size)
        self._more = len(page) == self._page_size
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    # -- access -----------------------------------------------------------------------------------

    def row_at(self, row: int) -> CustomerRow:
        return self._rows[row]

    def rows(self) -> list[CustomerRow]:
        return list(self._rows)

    def row_of(self, org_number: str) -> int:
        """The row of a customer among those fetched, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.org_number == org_number), -1)

    # -- QAbstractTableModel ----------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Name"),
                self.tr("Org number"),
                self.tr("Municipality"),
                self.tr("Status"),
                self.tr("Main contact"),
                self.tr("Agreement"),
            )[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every visible cell and role on each repaint: plain ints, early exits.
        role = int(role)
        if role not in _ROLES_USED:
            return None
        r = index.row()
        if r < 0 or r >= len(self._rows):
            return None
        row = self._rows[r]
        col = index.column()
        if role in (_DISPLAY, _ACCESSIBLE):
            return _display(row, col)
        if role == _ID:
            return row.id
        if role == _ORG:
            return row.org_number
        if role == _STATUS:
            return row.status
        if role == _SORT:
            return (
                (
                    row.name.casefold(),
                    row.org_number,
                    row.municipality.casefold(),
                    row.status,
                    row.main_contact.casefold(),
                    row.agreement_state,
                )[col]
                if 0 <= col < 6
                else None
            )
        return _decoration(row.status, role, col)


def _display(row: CustomerRow, col: int) -> Any:
    if col == 0:
        return row.name
    if col == 1:
        return format_org_number(row.org_number)
    if col == 2:
        return row.municipality
    if col == 3:
        return status_text(row.status)
    if col == 4:
        return row.main_contact
    if col == 5:
        return agreement_text(row.agreement_state)
    return None


def _decoration(status: str, role: int, col: int) -> Any:
    if status == "active":
        return _RIGHT_ALIGNED if role == _ALIGN and col == 1 else None
    if role == _TOOLTIP:
        return status_text(status) if col in (0, 3) else None
    if role == _FOREGROUND:
        if status in BLOCKED:
            return QPalette().color(QPalette.ColorRole.PlaceholderText)
        return _UNVERIFIED_COLOUR if col == 3 and status == "unverified" else None
    if role == _FONT:
        return _BOLD if col == 3 else None
    if role == _ALIGN and col == 1:
        return _RIGHT_ALIGNED
    return None


_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_ID = int(CustomerListModel.IdRole)
_ORG = int(CustomerListModel.OrgNumberRole)
_SORT = int(CustomerListModel.SortRole)
_STATUS = int(CustomerListModel.StatusRole)
_ROLES_USED = frozenset(
    {_DISPLAY, _ACCESSIBLE, _TOOLTIP, _FOREGROUND, _FONT, _ALIGN, _ID, _ORG, _SORT, _STATUS}
)
_RIGHT_ALIGNED = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_UNVERIFIED_COLOUR = QColor(160, 100, 0)
_BOLD = QFont()
_BOLD.setBold(True)


def size_columns_from_sample(
    view: Any, model: CustomerListModel, *, sample: int = 60, maximum: int = 360
) -> None:
    """Set column widths from the header and the first ``sample`` rows (never from every row)."""
    metrics = view.fontMetrics()
    header = view.horizontalHeader()
    padding = 24
    rows = min(sample, model.rowCount())
    for col in range(model.columnCount()):
        title = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
        width = (
            header.fontMetrics().horizontalAdvance(title) + padding + 16
        )  # room for the sort arrow
        for row in range(rows):
            text = str(model.data(model.index(row, col)) or "")
            width = max(width, metrics.horizontalAdvance(text) + padding)
        header.resizeSection(col, min(width, maximum))
