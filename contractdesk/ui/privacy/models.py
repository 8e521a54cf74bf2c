"""Table models of the Privacy page: what is due (by rule) and the breaches with their countdown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from contractdesk.ui.formatting import format_date, format_datetime

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class DueItemsModel(QAbstractTableModel):
    """One row per due retention item: rule, what, due on, what happens, what is kept."""

    COLUMNS = ("rule", "subject", "due", "actions", "kept")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Any] = []
        self._titles: dict[str, str] = {}

    def set_items(self, items: list[Any], titles: dict[str, str]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._titles = dict(titles)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's default argument
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's default argument
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Rule"),
            self.tr("Concerns"),
            self.tr("Due"),
            self.tr("What happens"),
            self.tr("Kept as evidence"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = self.COLUMNS[index.column()]
        if role == ID_ROLE:
            return item.key
        if role == SORT_ROLE:
            return item.due_on.toordinal() if column == "due" else self._text(item, column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(item, column)
        return None

    def _text(self, item: Any, column: str) -> str:
        if column == "rule":
            return self._titles.get(item.rule.value, item.rule.value)
        if column == "subject":
            return str(item.label)
        if column == "due":
            return format_date(item.due_on)
        if column == "actions":
            return "; ".join(op.text() for op in item.operations)
        kept = list(item.kept)
        if item.kept_until:
            kept.append(self.tr("until %1").replace("%1", format_date(item.kept_until)))
        return "; ".join(kept)


class BreachesModel(QAbstractTableModel):
    """One row per breach: number, discovered, deadline, time left (ticks), customers, summary."""

    COLUMNS = ("id", "discovered", "deadline", "left", "customers", "summary")

    def __init__(self, parent: Any = None, *, now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self.now = now or (lambda: datetime.now(UTC))

    def set_breaches(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def tick(self) -> None:
        """The countdown column changed (called by a timer)."""
        if self._rows:
            column = self.COLUMNS.index("left")
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def breach_id(self, row: int) -> int | None:
        return int(self._rows[row].id) if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's default argument
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's default argument
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("No."),
            self.tr("Discovered"),
            self.tr("Datatilsynet deadline"),
            self.tr("Time left"),
            self.tr("Customers"),
            self.tr("What happened"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        b = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == ID_ROLE:
            return b.id
        if role == Qt.ItemDataRole.ForegroundRole and column == "left":
            if b.authority_notified_at is None and b.countdown(self.now()).seconds < 12 * 3600:
                from PySide6.QtGui import QColor

                return QColor("#b00020")
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return None
        if column == "id":
            return b.id
        if column == "discovered":
            return format_datetime(b.discovered_at)
        if column == "deadline":
            return format_datetime(b.datatilsynet_deadline)
        if column == "left":
            if b.authority_notified_at is not None:
                return self.tr("reported")
            return b.countdown(self.now()).text()
        if column == "customers":
            return len(b.customers)
        return b.summary
