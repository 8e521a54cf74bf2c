"""Invoice plan views: a table model of planned invoices, one of monthly totals, and a bar chart.

The models hold frozen domain values (``PlannedInvoice``, ``MonthTotal``). ``SortRole`` gives
exact sort keys (ISO dates, amounts as whole øre), never floats; only the chart converts amounts
to floats, because QtCharts draws floats, and it shows them rounded to whole kroner.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QAbstractTableModel, QDate, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

from contractdesk.domain.invoicing import InvoiceKind, MonthTotal, PlannedInvoice
from contractdesk.domain.money import round_ore
from contractdesk.domain.orgnr import format_org_number

Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def format_amount(amount: Decimal, locale: QLocale | None = None, *, keep_decimals: bool = False) -> str:
    """``Decimal("3049.72")`` → ``3 049,72`` (nb) or ``3,049.72`` (en): exact, øre rounded half up.

    With ``keep_decimals`` a price such as ``0.395`` keeps its decimals (at least two are shown).
    """
    loc = locale or QLocale()
    text = str(round_ore(amount))
    if keep_decimals:
        exact = amount.normalize()
        exponent = exact.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -2:
            text = format(exact, "f")
    negative = text.startswith("-")
    whole, _, fraction = text.lstrip("-").partition(".")
    group = loc.groupSeparator() or ","
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    body = group.join(groups) + loc.decimalPoint() + fraction
    return (loc.negativeSign() if negative else "") + body


def format_date(day: date | None, locale: QLocale | None = None) -> str:
    """A date in the locale's short form (``31.03.2027`` in Norwegian); empty for ``None``."""
    if day is None:
        return ""
    loc = locale or QLocale()
    return loc.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def format_month(day: date, locale: QLocale | None = None) -> str:
    """``2027-03-01`` → ``Mar 2027`` / ``mar. 2027``."""
    loc = locale or QLocale()
    return loc.toString(QDate(day.year, day.month, 1), "MMM yyyy")


def _ore(amount: Decimal) -> int:
    return int(round_ore(amount) * 100)


class InvoicePlanModel(QAbstractTableModel):
    """One row per planned invoice or credit note.

    ``IdRole`` gives the row's index in :meth:`invoices`; ``SortRole`` an exact sort key.
    """

    IdRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2
    DATE, DUE, ORG, CUSTOMER, KIND, LINES, FEE, NET, VAT, TOTAL = range(10)
    COLUMNS = 10
    _AMOUNT_COLUMNS = (FEE, NET, VAT, TOTAL)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._invoices: list[PlannedInvoice] = []
        self._names: dict[str, str] = {}

    def set_invoices(self, invoices: Sequence[PlannedInvoice], names: dict[str, str] | None = None) -> None:
        """Show ``invoices``; ``names`` maps org numbers to customer names."""
        self.beginResetModel()
        self._invoices = list(invoices)
        self._names = dict(names or {})
        self.endResetModel()

    def invoices(self) -> list[PlannedInvoice]:
        return list(self._invoices)

    def invoice_at(self, row: int) -> PlannedInvoice:
        return self._invoices[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._invoices)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Invoice date"), self.tr("Due"), self.tr("Org. number"), self.tr("Customer"),
                    self.tr("Kind"), self.tr("Lines"), self.tr("Fee"), self.tr("Net"), self.tr("VAT"),
                    self.tr("Total"))[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self._AMOUNT_COLUMNS:
            return _RIGHT
        return None

    def kind_text(self, kind: InvoiceKind) -> str:
        return self.tr("Credit note") if kind is InvoiceKind.CREDIT else self.tr("Invoice")

    def lines_text(self, invoice: PlannedInvoice) -> str:
        return "; ".join(f"{line.description} ({format_date(line.period_start)}–{format_date(line.period_end)}) "
                         f"{format_amount(line.amount)}" for line in invoice.lines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._invoices):
            return None
        inv = self._invoices[index.row()]
        col = index.column()
        if role == self.IdRole:
            return index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(inv, col)
        if role == self.SortRole:
            keys: tuple[Any, ...] = (
                inv.invoice_date.isoformat(), inv.due_date.isoformat(), inv.org_number,
                self._names.get(inv.org_number, "").casefold(), inv.kind.value, len(inv.lines),
                _ore(inv.fee), _ore(inv.net), _ore(inv.vat), _ore(inv.total))
            return keys[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in self._AMOUNT_COLUMNS:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and col == self.LINES:
            return "\n".join(f"{line.description}: {format_date(line.period_start)}–{format_date(line.period_end)}"
                             f"  {format_amount(line.amount)}" for line in inv.lines)
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
        amount = {self.FEE: inv.fee, self.NET: inv.net, self.VAT: inv.vat, self.TOTAL: inv.total}[col]
        return format_amount(amount)


class MonthTotalsModel(QAbstractTableModel):
    """Totals per month of invoice date: invoices, credit notes, net, VAT, total."""

    SortRole = Qt.ItemDataRole.UserRole + 2
    MONTH, INVOICES, CREDITS, NET, VAT, TOTAL = range(6)
    COLUMNS = 6

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._totals: list[MonthTotal] = []

    def set_totals(self, totals: Sequence[MonthTotal]) -> None:
        self.beginResetModel()
        self._totals = list(totals)
        self.endResetModel()

    def totals(self) -> list[MonthTotal]:
        return list(self._totals)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._totals)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Month"), self.tr("Invoices"), self.tr("Credit notes"), self.tr("Net"), self.tr("VAT"),
                    self.tr("Total"))[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section != self.MONTH:
            return _RIGHT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._totals):
            return None
        total = self._totals[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.MONTH:
                return format_month(total.month)
            if col == self.INVOICES:
                return str(total.invoices)
            if col == self.CREDITS:
                return str(total.credit_notes)
            return format_amount({self.NET: total.net, self.VAT: total.vat, self.TOTAL: total.total}[col])
        if role == self.SortRole:
            keys: tuple[Any, ...] = (total.month.isoformat(), total.invoices, total.credit_notes, _ore(total.net),
                                     _ore(total.vat), _ore(total.total))
            return keys[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col != self.MONTH:
            return _RIGHT
        return None


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
        self.axis_y = QValueAxis()
        self.axis_y.setLabelFormat("%.0f")
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

    def set_months(self, months: Sequence[MonthTotal]) -> None:
        self._months = list(months)
        self.bar_set.remove(0, self.bar_set.count())
        values = [float(round_ore(m.net)) for m in self._months]  # drawing only
        self.bar_set.append(values)
        self.axis_x.clear()
        self.axis_x.append([format_month(m.month) for m in self._months])
        top = max([0.0, *values])
        bottom = min([0.0, *values])
        self.axis_y.setRange(bottom, top * 1.1 if top > 0 else 1.0)
        self.axis_y.applyNiceNumbers()
        summary = "; ".join(f"{format_month(m.month)}: {format_amount(m.net)}" for m in self._months)
        self.setAccessibleName(self.chart_.title())
        self.setAccessibleDescription(summary)
        self.setToolTip(summary.replace("; ", "\n"))
