"""Invoice plan views: a table model of planned invoices, one of monthly totals, and a bar chart.

The models hold frozen domain values (``PlannedInvoice``, ``MonthTotal``). ``SortRole`` gives
exact sort keys (ISO dates, amounts as whole øre), never floats; only the chart converts amounts
to floats, because QtCharts draws floats, and it shows them rounded to whole kroner.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
)
from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

from contractdesk.domain.invoicing import InvoiceKind, MonthTotal, PlannedInvoice
from contractdesk.domain.money import round_ore
from contractdesk.domain.orgnr import format_org_number
from contractdesk.ui.formatting import format_amount, format_date, format_month, format_number

Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _ore(amount: Decimal) -> int:
    return int(round_ore(amount) * 100)


class SortableRows(QAbstractTableModel):
    """A table over a Python list that sorts itself: one key per row and a C sort, no proxy.

    A ``QSortFilterProxyModel`` asks ``data()`` twice per comparison — millions of Python calls
    for a plan of 100,000 invoices; this computes one plain key per row. Rows that tie keep the
    order the list was given in (the sort starts from that order and is stable). Subclasses give
    ``key_function(column)``; ``_items`` is the list in display order, ``_order[row]`` the
    item's position in the list as given.
    """

    SortRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._source: list[Any] = []
        self._items: list[Any] = []
        self._order: list[int] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def key_function(self, column: int) -> Callable[[Any], Any]:
        """A function giving each item's sort key for ``column`` (exactly comparable values)."""
        raise NotImplementedError

    def _set_items(self, items: Sequence[Any]) -> None:
        self.beginResetModel()
        self._source = list(items)
        self._apply_sort()
        self.endResetModel()

    def _apply_sort(self) -> None:
        if self._sort is None:
            self._order = list(range(len(self._source)))
        else:
            column, order = self._sort
            keys = list(map(self.key_function(column), self._source))
            self._order = sorted(
                range(len(keys)),
                key=keys.__getitem__,
                reverse=order == Qt.SortOrder.DescendingOrder,
            )
        self._items = [self._source[i] for i in self._order]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.columnCount() or self._sort == (column, order):
            return  # QTableView.sortByColumn asks twice
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old_order = self._order
        self._apply_sort()
        new_row = [0] * len(self._order)
        for row, position in enumerate(self._order):
            new_row[position] = row
        self.changePersistentIndexList(
            persistent, [self.index(new_row[old_order[i.row()]], i.column()) for i in persistent]
        )
        self.layoutChanged.emit()


class InvoicePlanModel(SortableRows):
    """One row per planned invoice or credit note, in the order shown (``sort`` reorders).

    ``IdRole`` gives the row's position in the plan as calculated; ``SortRole`` an exact sort key.
    """

    IdRole = Qt.ItemDataRole.UserRole + 1
    DATE, DUE, ORG, CUSTOMER, KIND, LINES, FEE, NET, VAT, TOTAL = range(10)
    COLUMNS = 10
    _AMOUNT_COLUMNS = (FEE, NET, VAT, TOTAL)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._names: dict[str, str] = {}

    def set_invoices(
        self, invoices: Sequence[PlannedInvoice], names: dict[str, str] | None = None
    ) -> None:
        """Show ``invoices``; ``names`` maps org numbers to customer names."""
        self._names = dict(names or {})
        self._set_items(invoices)

    def invoices(self) -> list[PlannedInvoice]:
        """The invoices in the order shown."""
        return list(self._items)

    def invoice_at(self, row: int) -> PlannedInvoice:
        return self._items[row]  # type: ignore[no-any-return]  # items are PlannedInvoice values

    def key_function(self, column: int) -> Callable[[Any], Any]:
        if column == self.CUSTOMER:
            names = self._names
            return lambda inv: names.get(inv.org_number, "").casefold()
        if column == self.LINES:
            return lambda inv: len(inv.lines)
        if column == self.KIND:
            return lambda inv: inv.kind.value
        return attrgetter(
            ("invoice_date", "due_date", "org_number", "", "", "", "fee", "net", "vat", "total")[
                column
            ]
        )

    def _key(self, inv: PlannedInvoice, col: int) -> Any:
        keys: tuple[Any, ...] = (
            inv.invoice_date.isoformat(),
            inv.due_date.isoformat(),
            inv.org_number,
            self._names.get(inv.org_number, "").casefold(),
            inv.kind.value,
            len(inv.lines),
            _ore(inv.fee),
            _ore(inv.net),
            _ore(inv.vat),
            _ore(inv.total),
        )
        return keys[col]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  Qt's own signature: an invalid index is the default
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  Qt's own signature: an invalid index is the default
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Invoice date"),
                self.tr("Due"),
                self.tr("Org. number"),
                self.tr("Customer"),
                self.tr("Kind"),
                self.tr("Lines"),
                self.tr("Fee"),
                self.tr("Net"),
                self.tr("VAT"),
                self.tr("Total"),
            )[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self._AMOUNT_COLUMNS:
            return _RIGHT
        return None

    def kind_text(self, kind: InvoiceKind) -> str:
        return self.tr("Credit note") if kind is InvoiceKind.CREDIT else self.tr("Invoice")

    def lines_text(self, invoice: PlannedInvoice) -> str:
        return "; ".join(
            f"{line.description} ({format_date(line.period_start)}\u2013"
            f"{format_date(line.period_end)}) "
            f"{format_amount(line.amount)}"
            for line in invoice.lines
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        inv: PlannedInvoice = self._items[index.row()]
        col = index.column()
        if role == self.IdRole:
            return self._order[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(inv, col)
        if role == self.SortRole:
            return self._key(inv, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in self._AMOUNT_COLUMNS:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and col == self.DUE:
            notice = inv.collection_notice_date  # §10.2: due + 14 days; none on credit notes
            if notice is None:
                return None
            return self.tr("Collection notice from %1 (§10.2)").replace("%1", format_date(notice))
        if role == Qt.ItemDataRole.ToolTipRole and col == self.LINES:
            return "\n".join(
                f"{line.description}: "
                f"{format_date(line.period_start)}–{format_date(line.period_end)}"
                f"  {format_amount(line.amount)}"
                for line in inv.lines
            )
        return None

    def _display(self, inv: PlannedInvoice, col: int) -> str:
        if col == self.DATE:
            return format_date(inv.invoice_date)
        if col == self.DUE:
            return format_date(inv.due_date)
        if col == self.ORG:
            return format_org_number(inv.org_number)
        if col == self.CUSTOMER:
            return self._names.get(inv.org_number, "")
        if col == self.KIND:
            return self.kind_text(inv.kind)
        if col == self.LINES:
            return self.lines_text(inv)
        amount = {self.FEE: inv.fee, self.NET: inv.net, self.VAT: inv.vat, self.TOTAL: inv.total}[
            col
        ]
        return format_amount(amount)


class MonthTotalsModel(SortableRows):
    """Totals per month of invoice date: invoices, credit notes, net, VAT, total."""

    MONTH, INVOICES, CREDITS, NET, VAT, TOTAL = range(6)
    COLUMNS = 6

    def set_totals(self, totals: Sequence[MonthTotal]) -> None:
        self._set_items(totals)

    def totals(self) -> list[MonthTotal]:
        """The totals in the order shown."""
        return list(self._items)

    def key_function(self, column: int) -> Callable[[Any], Any]:
        return attrgetter(("month", "invoices", "credit_notes", "net", "vat", "total")[column])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  Qt's own signature: an invalid index is the default
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  Qt's own signature: an invalid index is the default
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Month"),
                self.tr("Invoices"),
                self.tr("Credit notes"),
                self.tr("Net"),
                self.tr("VAT"),
                self.tr("Total"),
            )[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section != self.MONTH:
            return _RIGHT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        total: MonthTotal = self._items[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.MONTH:
                return format_month(total.month)
            if col == self.INVOICES:
                return str(total.invoices)
            if col == self.CREDITS:
                return str(total.credit_notes)
            return format_amount(
                {self.NET: total.net, self.VAT: total.vat, self.TOTAL: total.total}[col]
            )
        if role == self.SortRole:
            keys: tuple[Any, ...] = (
                total.month.isoformat(),
                total.invoices,
                total.credit_notes,
                _ore(total.net),
                _ore(total.vat),
                _ore(total.total),
            )
            return keys[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col != self.MONTH:
            return _RIGHT
        return None


def nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) that cuts ``span`` into about ``ticks``."""
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def whole_month(day: date) -> str:
    """The month's whole name with its year below: "desember" over "2026"."""
    name = QLocale().standaloneMonthName(day.month, QLocale.FormatType.LongFormat)
    return f"{name}<br>{day.year}"  # chart labels read HTML: the year on a second line


class InvoiceChart(QChartView):
    """A bar chart of the coming months' invoicing, net (excl. VAT) per month of invoice date.

    ``bar_set`` holds one value per month in :meth:`months` order (whole kroner, for drawing).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        self.chart_ = QChart()
        super().__init__(self.chart_, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_.legend().setVisible(True)
        self.chart_.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.series = QBarSeries()
        self.bar_set = QBarSet("")
        self.series.append(self.bar_set)
        self.chart_.addSeries(self.series)
        self.axis_x = QBarCategoryAxis()
        small = self.axis_x.labelsFont()
        small.setPointSizeF(max(7.5, small.pointSizeF() * 0.85))
        self.axis_x.setLabelsFont(small)  # "september" fits a twelfth of the chart
        self.axis_y = QCategoryAxis()
        self.axis_y.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        self.chart_.addAxis(self.axis_x, Qt.AlignmentFlag.AlignBottom)
        self.chart_.addAxis(self.axis_y, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.axis_x)
        self.series.attachAxis(self.axis_y)
        self._months: list[MonthTotal] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.retranslate()

    def retranslate(self) -> None:
        self.chart_.setTitle(self.tr("Invoicing in the coming 12 months (excl. VAT)"))
        self.bar_set.setLabel(self.tr("Net, invoices less credit notes"))
        self.set_months(self._months)

    def months(self) -> list[MonthTotal]:
        return list(self._months)

    def _set_amount_axis(self, bottom: float, top: float) -> None:
        """Kroner on the y axis at round steps, with the locale's thousands separator."""
        for label in self.axis_y.categoriesLabels():
            self.axis_y.remove(label)
        step = nice_step(max(top - bottom, 1.0))
        low = math.floor(bottom / step) * step
        high = math.ceil(top / step) * step if top > 0 else step
        value = low
        while value <= high + step / 2:
            self.axis_y.append(format_number(int(value)), value)
            value += step
        self.axis_y.setRange(low, high)
        self.axis_y.setStartValue(low)

    def set_months(self, months: Sequence[MonthTotal]) -> None:
        self._months = list(months)
        self.bar_set.remove(0, self.bar_set.count())
        values = [float(round_ore(m.net)) for m in self._months]  # drawing only
        self.bar_set.append(values)
        self.axis_x.clear()
        self.axis_x.append([whole_month(m.month) for m in self._months])
        top = max([0.0, *values])
        bottom = min([0.0, *values])
        self._set_amount_axis(bottom, top)
        summary = "; ".join(
            f"{format_month(m.month)}: {format_amount(m.net)}" for m in self._months
        )
        self.setAccessibleName(self.chart_.title())
        self.setAccessibleDescription(summary)
        self.setToolTip(summary.replace("; ", "\n"))
