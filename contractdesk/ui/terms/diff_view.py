"""Side-by-side, section-aware comparison of two terms versions.

The parts list (sections in the new version's reading order, removed ones where they were) sits
beside a two-column text: the old version on the left, the new on the right. Deleted words are
struck through on the left, inserted words underlined on the right (and coloured), so the change
reads without colour too. All text is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from contractdesk.ui.terms.models import DiffPartsModel

if TYPE_CHECKING:
    from contractdesk.domain.terms.diff import DiffRow, PartDiff, Segment, TermsDiff

DiffSource = Callable[[str, str], "TermsDiff"]

_DEL = "background-color:#f5b7b1; text-decoration: line-through;"
_INS = "background-color:#abebc6; text-decoration: underline;"
_ROW = {"delete": "#fdedec", "insert": "#eafaf1", "replace": "#fef9e7", "equal": ""}


def _esc(text: str | None) -> str:
    return html.escape(text or "")


def _segments(segments: tuple[Segment, ...], style: str) -> str:
    return "".join(
        f'<span style="{style}">{_esc(s.text)}</span>' if s.changed else _esc(s.text)
        for s in segments
    )


def _row_html(row: DiffRow) -> str:
    if row.kind == "replace":
        left, right = _segments(row.left_segments, _DEL), _segments(row.right_segments, _INS)
    elif row.kind == "delete":
        left, right = f'<span style="{_DEL}">{_esc(row.left)}</span>', ""
    elif row.kind == "insert":
        left, right = "", f'<span style="{_INS}">{_esc(row.right)}</span>'
    else:
        left, right = _esc(row.left), _esc(row.right)
    color = _ROW.get(row.kind, "")
    bg = f' bgcolor="{color}"' if color else ""
    return f'<tr><td width="50%"{bg}>{left}</td><td width="50%"{bg}>{right}</td></tr>'


def diff_html(
    parts: list[tuple[int, PartDiff]], status_text: Callable[[PartDiff], str], old: str, new: str
) -> str:
    """The side-by-side table of the given parts; each part's header carries the anchor
    ``p<position>``."""
    out = [
        '<table width="100%" cellspacing="0" cellpadding="3" border="0">',
        f'<tr><th width="50%" align="left">{_esc(old)}</th>'
        f'<th width="50%" align="left">{_esc(new)}</th></tr>',
    ]
    for position, part in parts:
        old_label = f"{part.old_number or ''} {part.old_title or ''}".strip()
        new_label = f"{part.new_number or ''} {part.new_title or ''}".strip()
        out.append(
            f'<tr><td bgcolor="#e5e8e8"><a name="p{position}"></a><b>{_esc(old_label)}</b></td>'
            f'<td bgcolor="#e5e8e8"><b>{_esc(new_label)}</b> — {_esc(status_text(part))}</td></tr>'
        )
        out += [_row_html(row) for row in part.rows]
    out.append("</table>")
    return "\n".join(out)


class DiffView(QWidget):
    """Pick two versions (old, new); the changed sections list and the side-by-side text follow."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source: DiffSource | None = None
        self.diff: TermsDiff | None = None
        self.old_combo = QComboBox()
        self.new_combo = QComboBox()
        self.old_label = QLabel()
        self.old_label.setBuddy(self.old_combo)
        self.new_label = QLabel()
        self.new_label.setBuddy(self.new_combo)
        self.changed_only = QCheckBox()
        self.changed_only.setChecked(True)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        for widget in (
            self.old_label,
            self.old_combo,
            self.new_label,
            self.new_combo,
            self.changed_only,
        ):
            top.addWidget(widget)
        top.addStretch(1)

        self.model = DiffPartsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.parts = QTableView()
        self.parts.setObjectName("diffParts")
        self.parts.setModel(self.proxy)
        self.parts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.parts.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.parts.verticalHeader().hide()
        self.parts.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.text = QTextBrowser()
        self.text.setObjectName("diffText")
        self.text.setOpenLinks(False)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        splitter = QSplitter()
        splitter.addWidget(self.parts)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.legend)

        self.old_combo.currentIndexChanged.connect(self.compare)
        self.new_combo.currentIndexChanged.connect(self.compare)
        self.changed_only.toggled.connect(self._render)
        self.parts.selectionModel().currentRowChanged.connect(self._part_chosen)
        self.retranslate()

    def retranslate(self) -> None:
        self.parts.setAccessibleName(self.tr("Sections that differ"))
        self.text.setAccessibleName(self.tr("The two versions side by side"))
        self.old_label.setText(self.tr("&Old:"))
        self.new_label.setText(self.tr("&New:"))
        self.changed_only.setText(self.tr("&Changed sections only"))
        self.legend.setText(
            self.tr(
                "Left: the old version, removed words struck through. Right: the new version, "
                "added words underlined."
            )
        )
        if getattr(self, "diff", None) is not None:
            self._render()  # the summary ("Sections: 1 changed…") in the new language

    def set_versions(
        self, labels: list[str], *, old: str | None = None, new: str | None = None
    ) -> None:
        """Offer these labels; preselect ``old``/``new`` (default: the last two)."""
        for combo in (self.old_combo, self.new_combo):
            combo.blockSignals(True)
            current = combo.currentText()
            combo.clear()
            combo.addItems(labels)
            if current in labels:
                combo.setCurrentText(current)
            combo.blockSignals(False)
        if labels:
            self.old_combo.setCurrentText(old or labels[max(0, len(labels) - 2)])
            self.new_combo.setCurrentText(new or labels[-1])
        self.compare()

    def compare(self) -> None:
        old, new = self.old_combo.currentText(), self.new_combo.currentText()
        if self.source is None or not old or not new:
            self.diff = None
        else:
            self.diff = self.source(old, new)
        self._render()

    def status_text(self, part: PartDiff) -> str:
        return self.model.cell((0, part), 2)

    def _render(self) -> None:
        diff = self.diff
        if diff is None:
            self.model.set_rows([])
            self.text.clear()
            self.summary.clear()
            return
        parts = list(diff.parts)
        if self.changed_only.isChecked():
            parts = [p for p in parts if p.status.value != "unchanged"]
        self.model.set_rows(parts)
        counts = diff.counts()
        self.summary.setText(
            self.tr("Sections: %1 changed, %2 added, %3 removed, %4 unchanged.")
            .replace("%1", str(counts[_status("changed")]))
            .replace("%2", str(counts[_status("added")]))
            .replace("%3", str(counts[_status("removed")]))
            .replace("%4", str(counts[_status("unchanged")]))
            if diff.has_changes
            else self.tr("The two versions read the same.")
        )
        indexed = [
            (self.model.row_id(row), self.model.part_at(n)) for n, row in enumerate(self.model.rows)
        ]
        self.text.setHtml(
            diff_html(
                indexed,
                self.status_text,
                self.old_combo.currentText(),
                self.new_combo.currentText(),
            )
        )

    def select_part(self, row: int) -> None:
        self.parts.setCurrentIndex(self.proxy.index(row, 0))

    def _part_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            position = current.data(DiffPartsModel.IdRole)
            self.text.scrollToAnchor(f"p{position}")


def _status(name: str):  # type: ignore[no-untyped-def]  # ChangeStatus is imported lazily
    from contractdesk.domain.terms.diff import ChangeStatus

    return ChangeStatus(name)
