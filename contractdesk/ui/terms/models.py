"""Table models of the Terms and Agreements pages, over frozen row values from the services.

Every model has named columns, ``IdRole`` (the row's id: a label, a database id), ``SortRole``
(a value that sorts right: ISO dates, numbers) and ``set_rows``. Statuses are written out in
words and coloured as well, never by colour alone.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from contractdesk.domain.orgnr import format_org_number
from contractdesk.ui.formatting import format_date

if TYPE_CHECKING:  # the services load SQLAlchemy: not at start-up
    from contractdesk.domain.terms.diff import PartDiff
    from contractdesk.services.agreements import AcceptanceView, AgreementView, ReacceptanceView
    from contractdesk.services.terms import SubProcessorView, TermsVersionRow

Index = QModelIndex | QPersistentModelIndex

RED = QColor("#f8d7da")
AMBER = QColor("#fff3cd")
GREEN = QColor("#d1e7dd")
GREY = QColor("#e2e3e5")
DARK = QColor("#1b1b1b")


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def scan_kind_text(mime: str) -> str:
    """What kind of file a scan is, as the user reads it (not a MIME type)."""
    if mime == "application/pdf":
        return QCoreApplication.translate("ScanViewer", "PDF document")
    if mime.startswith("image/"):
        return QCoreApplication.translate("ScanViewer", "image (%1)").replace(
            "%1", mime.split("/", 1)[1].upper()
        )
    return QCoreApplication.translate("ScanViewer", "file")


class RowTableModel(QAbstractTableModel):
    """A read-only table over a list of row values; subclasses name the columns and the cells."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    # -- what subclasses give ----------------------------------------------------------------------

    def headers(self) -> list[str]:
        raise NotImplementedError

    def cell(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def row_id(self, row: Any) -> Any:
        return getattr(row, "id", None)

    def sort_value(self, row: Any, column: int) -> Any:
        return self.cell(row, column).casefold()

    def tooltip(self, row: Any, column: int) -> str | None:
        return None

    def background(self, row: Any, column: int) -> QColor | None:
        return None

    # -- the model ---------------------------------------------------------------------------------

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, ident: Any) -> int:
        """The row number of the row with this id, or -1."""
        for number, row in enumerate(self._rows):
            if self.row_id(row) == ident:
                return number
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  Qt's own signature: an invalid index is the default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  Qt's own signature: an invalid index is the default
        return 0 if parent.isValid() else len(self.headers())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = self.headers()
        return headers[section] if 0 <= section < len(headers) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(row, column)
        if role == self.IdRole:
            return self.row_id(row)
        if role == self.SortRole:
            return self.sort_value(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            color = self.background(row, column)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(DARK) if self.background(row, column) is not None else None
        return None


# -- terms -----------------------------------------------------------------------------------------


class VersionsModel(RowTableModel):
    """Terms versions (``TermsVersionRow``); ``IdRole``: the label."""

    def headers(self) -> list[str]:
        return [
            self.tr("Label"),
            self.tr("State"),
            self.tr("Effective"),
            self.tr("SHA-256"),
            self.tr("Title"),
        ]

    def row_id(self, row: TermsVersionRow) -> Any:
        return row.label

    def cell(self, row: TermsVersionRow, column: int) -> str:
        if column == 0:
            return row.label
        if column == 1:
            return self.tr("Published") if row.published else self.tr("Draft")
        if column == 2:
            return format_date(row.effective_date)
        if column == 3:
            return (row.sha256[:16] + "…") if row.sha256 else "—"
        return row.title

    def sort_value(self, row: TermsVersionRow, column: int) -> Any:
        if column == 2:
            return _iso(row.effective_date)
        return super().sort_value(row, column)

    def tooltip(self, row: TermsVersionRow, column: int) -> str | None:
        if column == 3:
            return row.sha256 or self.tr(
                "Set when the version is published. Content now: %1"
            ).replace("%1", row.content_sha256)
        return None

    def background(self, row: TermsVersionRow, column: int) -> QColor | None:
        return AMBER if column == 1 and not row.published else None


class SubProcessorModel(RowTableModel):
    """The sub-processor register (``SubProcessorView``); ``IdRole``: the entry id."""

    def headers(self) -> list[str]:
        return [
            self.tr("Name"),
            self.tr("Org number"),
            self.tr("Purpose"),
            self.tr("Data shared"),
            self.tr("Location"),
            self.tr("Kind"),
            self.tr("Clause"),
        ]

    def cell(self, row: SubProcessorView, column: int) -> str:
        if column == 0:
            return row.name
        if column == 1:
            return format_org_number(row.org_number) if row.org_number else "—"
        if column == 2:
            return row.purpose
        if column == 3:
            return row.data_shared
        if column == 4:
            return row.location or "—"
        if column == 5:
            return self.tr("Receives data") if row.kind == "data_shared" else self.tr("Has access")
        return row.source_clause


def dpa_text(text: str) -> str:
    """A DPA checklist text (stored in English, as its code) in the user's language."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("DpaChecklist", text)


class ChecklistModel(RowTableModel):
    """The DPA checklist's items (dicts as ``checklist_to_dict`` gives them); gaps highlighted.

    ``IdRole``: the item's letter.
    """

    def headers(self) -> list[str]:
        return [
            self.tr("Item"),
            self.tr("GDPR Art. 28(3) requires"),
            self.tr("Status"),
            self.tr("Clauses"),
            self.tr("Missing"),
        ]

    def row_id(self, row: dict[str, Any]) -> Any:
        return row["letter"]

    def cell(self, row: dict[str, Any], column: int) -> str:
        if column == 0:
            return f"({row['letter']})"
        if column == 1:
            return dpa_text(str(row["title"]))
        if column == 2:
            return str(
                {
                    "covered": self.tr("Covered"),
                    "partial": self.tr("Partial"),
                    "gap": self.tr("Gap"),
                }.get(row["status"], row["status"])
            )
        if column == 3:
            return ", ".join(row["clauses"]) or "—"
        return "; ".join(dpa_text(m) for m in row["missing"])

    def tooltip(self, row: dict[str, Any], column: int) -> str | None:
        return "\n".join(dpa_text(m) for m in row["missing"]) or None

    def background(self, row: dict[str, Any], column: int) -> QColor | None:
        return {"gap": RED, "partial": AMBER}.get(row["status"])


class DiffPartsModel(RowTableModel):
    """The parts of a terms diff (``PartDiff``), in reading order; ``IdRole``: the part's
    position."""

    def set_rows(self, rows: list[Any]) -> None:
        super().set_rows(list(enumerate(rows)))

    def part_at(self, row: int) -> PartDiff:
        return self._rows[row][1]  # type: ignore[no-any-return]  # rows are (position, PartDiff)

    def headers(self) -> list[str]:
        return [self.tr("Section"), self.tr("Title"), self.tr("Change")]

    def row_id(self, row: tuple[int, PartDiff]) -> Any:
        return row[0]

    def cell(self, row: tuple[int, PartDiff], column: int) -> str:
        part = row[1]
        front = part.kind.value == "front_matter"
        if column == 0:
            return "—" if front else part.number
        if column == 1:
            return self.tr("(front matter)") if front else part.title
        text = {
            "added": self.tr("Added"),
            "removed": self.tr("Removed"),
            "changed": self.tr("Changed"),
            "unchanged": self.tr("Unchanged"),
        }[part.status.value]
        notes = []
        if part.renumbered:
            notes.append(self.tr("was %1").replace("%1", part.old_number or "—"))
        if part.retitled:
            notes.append(self.tr("retitled"))
        if part.formatting_only:
            notes.append(self.tr("formatting only"))
        return f"{text} ({', '.join(notes)})" if notes else text

    def sort_value(self, row: tuple[int, PartDiff], column: int) -> Any:
        return row[0] if column == 0 else super().sort_value(row, column)

    def background(self, row: tuple[int, PartDiff], column: int) -> QColor | None:
        return {"added": GREEN, "removed": RED, "changed": AMBER}.get(row[1].status.value)


# -- agreements ------------------------------------------------------------------------------------


def method_text(_owner: Any, method: str) -> str:
    """How an acceptance was given, as the user reads it."""
    t = QCoreApplication
    return str(
        {
            "paper": t.translate("AgreementTexts", "Paper signature"),
            "online": t.translate("AgreementTexts", "Online acceptance"),
            "email": t.translate("AgreementTexts", "E-mail"),
        }.get(method, method)
    )


def agreement_state_text(_owner: Any, state: str) -> str:
    """An agreement's state, as the user reads it."""
    t = QCoreApplication
    return str(
        {
            "draft": t.translate("AgreementTexts", "Draft"),
            "sent": t.translate("AgreementTexts", "Sent"),
            "signed": t.translate("AgreementTexts", "Signed"),
            "active": t.translate("AgreementTexts", "Active"),
            "terminated": t.translate("AgreementTexts", "Terminated"),
        }.get(state, state)
    )


class AgreementModel(RowTableModel):
    """Agreements (``AgreementView``); ``IdRole``: the agreement id."""

    def headers(self) -> list[str]:
        return [
            self.tr("Document"),
            self.tr("Customer"),
            self.tr("Org number"),
            self.tr("Terms"),
            self.tr("State"),
            self.tr("Sent"),
            self.tr("Signed"),
        ]

    def cell(self, row: AgreementView, column: int) -> str:
        if column == 0:
            return row.document_id
        if column == 1:
            return row.customer_name
        if column == 2:
            return format_org_number(row.org_number)
        if column == 3:
            return row.terms_label
        if column == 4:
            text = agreement_state_text(self, row.state)
            return f"{text} ({row.ended_reason})" if row.ended_reason else text
        if column == 5:
            return format_date(row.sent_at.date()) if row.sent_at else ""
        return format_date(row.signed_at)

    def sort_value(self, row: AgreementView, column: int) -> Any:
        if column == 5:
            return row.sent_at.isoformat() if row.sent_at else ""
        if column == 6:
            return _iso(row.signed_at)
        return super().sort_value(row, column)

    def tooltip(self, row: AgreementView, column: int) -> str | None:
        return (
            self.tr("Sent to %1").replace("%1", row.sent_to)
            if column == 5 and row.sent_to
            else None
        )

    def background(self, row: AgreementView, column: int) -> QColor | None:
        if column != 4:
            return None
        return {"active": GREEN, "terminated": GREY, "sent": AMBER}.get(row.state)


class AcceptanceModel(RowTableModel):
    """The acceptance ledger (``AcceptanceView``); ``IdRole``: the acceptance id. Warnings
    highlighted."""

    def headers(self) -> list[str]:
        return [
            self.tr("Customer"),
            self.tr("Org number"),
            self.tr("Version"),
            self.tr("Accepted"),
            self.tr("Method"),
            self.tr("Signed by"),
            self.tr("Warning"),
            self.tr("Scan"),
        ]

    def cell(self, row: AcceptanceView, column: int) -> str:
        if column == 0:
            return row.customer_name
        if column == 1:
            return format_org_number(row.org_number)
        if column == 2:
            return row.terms_label
        if column == 3:
            return format_date(row.accepted_on)
        if column == 4:
            return method_text(self, row.method)
        if column == 5:
            return row.signed_by_name or self.tr("(erased)")
        if column == 6:
            return row.warning or ""
        return row.scan_filename or "—"

    def sort_value(self, row: AcceptanceView, column: int) -> Any:
        return _iso(row.accepted_on) if column == 3 else super().sort_value(row, column)

    def tooltip(self, row: AcceptanceView, column: int) -> str | None:
        if column == 6 and row.warning:
            return row.warning
        if column == 7 and row.has_scan:
            return (
                scan_kind_text(row.scan_mime or "")
                + ", "
                + self.tr("%Ln byte(s)", "", int(row.scan_size or 0))
            )
        return None

    def background(self, row: AcceptanceView, column: int) -> QColor | None:
        return AMBER if column == 6 and row.warning else None


class ReacceptanceModel(RowTableModel):
    """The §14 list (``ReacceptanceView``); ``IdRole``: the notice id. Overdue rows in red."""

    def headers(self) -> list[str]:
        return [
            self.tr("Customer"),
            self.tr("Org number"),
            self.tr("Version"),
            self.tr("Notify by"),
            self.tr("Notified"),
            self.tr("Accept by"),
            self.tr("Accepted"),
            self.tr("Status"),
        ]

    def row_id(self, row: ReacceptanceView) -> Any:
        return row.notice_id

    def status_text(self, row: ReacceptanceView) -> str:
        text = {
            "to_notify": self.tr("To notify"),
            "notified": self.tr("Notified"),
            "accepted": self.tr("Accepted"),
            "overdue": self.tr("Overdue: termination proposed"),
            "terminated": self.tr("Terminated (confirmed)"),
        }.get(row.status, row.status)
        if row.status == "to_notify" and row.notice_late:
            text += " — " + self.tr("notice late")
        return str(text)

    def cell(self, row: ReacceptanceView, column: int) -> str:
        if column == 0:
            return row.customer_name
        if column == 1:
            return format_org_number(row.org_number)
        if column == 2:
            return row.terms_label
        if column == 3:
            return format_date(row.last_notice_date)
        if column == 4:
            return format_date(row.notified_on)
        if column == 5:
            return format_date(row.acceptance_deadline)
        if column == 6:
            return format_date(row.accepted_on)
        return self.status_text(row)

    def sort_value(self, row: ReacceptanceView, column: int) -> Any:
        days = {
            3: row.last_notice_date,
            4: row.notified_on,
            5: row.acceptance_deadline,
            6: row.accepted_on,
        }
        return _iso(days[column]) if column in days else super().sort_value(row, column)

    def background(self, row: ReacceptanceView, column: int) -> QColor | None:
        if column != 7 and row.status != "overdue":
            return None
        if row.status == "to_notify" and row.notice_late:
            return AMBER
        return {"overdue": RED, "accepted": GREEN, "terminated": GREY}.get(row.status)
