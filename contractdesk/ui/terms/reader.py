"""Read a terms version: a section tree beside the text; choosing a section scrolls the text to it.

The text is rendered as HTML from the structured document; every piece of it is escaped (terms
texts are plain text, never markup).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from contractdesk.domain.terms.document import Block, Section, TermsDocument

AnchorRole = Qt.ItemDataRole.UserRole + 1


def _text(value: str) -> str:
    return html.escape(value).replace("\n", "<br>")


def block_html(block: Block) -> str:
    """One block as escaped HTML."""
    from contractdesk.domain.terms.document import BulletList, Paragraph, SignatureBlock, Table

    if isinstance(block, Paragraph):
        return (
            f"<p><b>{_text(block.text)}</b></p>" if block.heading else f"<p>{_text(block.text)}</p>"
        )
    if isinstance(block, BulletList):
        return "<ul>" + "".join(f"<li>{_text(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Table):
        rows = []
        for number, row in enumerate(block.rows):
            tag = "th" if block.header and number == 0 else "td"
            rows.append("<tr>" + "".join(f"<{tag}>{_text(c)}</{tag}>" for c in row) + "</tr>")
        return '<table border="1" cellspacing="0" cellpadding="4">' + "".join(rows) + "</table>"
    if isinstance(block, SignatureBlock):
        intro = f"<p>{_text(block.intro)}</p>" if block.intro else ""
        line = "_" * 24
        return (
            intro + '<table cellpadding="6"><tr>'
            f"<td>{_text(block.place_label)} {line}</td>"
            f"<td>{_text(block.date_label)} {line}</td></tr><tr>"
            f"<td>{line}<br>{_text(block.customer_label)}</td><td>{line}<br>{_text(block.supplier_label)}</td>"
            "</tr></table>"
        )
    return ""


def _heading(section: Section, anchor: str) -> str:
    level = min(section.level + 1, 6)
    label = f"{section.number} {section.title}".strip()
    return f'<h{level}><a name="{anchor}"></a>{_text(label)}</h{level}>'


def document_html(doc: TermsDocument) -> tuple[str, list[tuple[str, str, int, str]]]:
    """The document as HTML, and its outline: (anchor, label, level, kind) in reading order."""
    parts = [f'<h1><a name="top"></a>{_text(doc.title)}</h1>']
    outline: list[tuple[str, str, int, str]] = [("top", doc.title, 0, "front")]
    parts += [block_html(b) for b in doc.front_matter]
    for number, section in enumerate(doc.sections):
        anchor = f"s{number}"
        parts.append(_heading(section, anchor))
        parts += [block_html(b) for b in section.blocks]
        outline.append(
            (anchor, f"{section.number} {section.title}".strip(), section.level, "section")
        )
    for a_number, annex in enumerate(doc.annexes):
        anchor = f"a{a_number}"
        parts.append(
            f'<h1><a name="{anchor}"></a>{_text(f"{annex.label}: {annex.title}".strip(": "))}</h1>'
        )
        parts += [block_html(b) for b in annex.blocks]
        outline.append((anchor, f"{annex.label} {annex.title}".strip(), 0, "annex"))
        for number, section in enumerate(annex.sections):
            sub = f"{anchor}s{number}"
            parts.append(_heading(section, sub))
            parts += [block_html(b) for b in section.blocks]
            outline.append(
                (sub, f"{section.number} {section.title}".strip(), section.level, "annex-section")
            )
    return "\n".join(parts), outline


class DocumentReader(QWidget):
    """A section tree (keyboard: arrows, Enter) and the document text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeView()
        self.tree.setObjectName("sectionTree")
        self.tree.setHeaderHidden(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.outline_model = QStandardItemModel(self)
        self.tree.setModel(self.outline_model)
        self.text = QTextBrowser()
        self.text.setObjectName("termsText")
        self.text.setOpenLinks(False)
        self.tree.setAccessibleName(self.tr("Sections"))
        self.text.setAccessibleName(self.tr("Terms text"))
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.tree.selectionModel().currentChanged.connect(self._section_chosen)
        self.tree.activated.connect(self._section_chosen)
        self.setFocusProxy(self.tree)

    def set_document(self, doc: TermsDocument | None) -> None:
        self.outline_model.clear()
        if doc is None:
            self.text.clear()
            return
        body, outline = document_html(doc)
        self.text.setHtml(body)
        parents: list[tuple[int, QStandardItem]] = []
        root = self.outline_model.invisibleRootItem()
        for anchor, label, level, kind in outline:
            item = QStandardItem(label)
            item.setData(anchor, AnchorRole)
            item.setEditable(False)
            if kind in ("front", "annex"):
                root.appendRow(item)
                parents = [(0, item)]
                continue
            while parents and parents[-1][0] >= level:
                parents.pop()
            (parents[-1][1] if parents else root).appendRow(item)
            parents.append((level, item))
        self.tree.expandToDepth(0)

    def section_labels(self) -> list[str]:
        """Every label in the tree, depth first (tests, accessibility checks)."""
        out: list[str] = []

        def walk(item: QStandardItem) -> None:
            for row in range(item.rowCount()):
                child = item.child(row)
                out.append(child.text())
                walk(child)

        walk(self.outline_model.invisibleRootItem())
        return out

    def select_label(self, label: str) -> bool:
        matches = self.outline_model.findItems(
            label, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
        )
        if not matches:
            return False
        self.tree.setCurrentIndex(matches[0].index())
        return True

    def _section_chosen(self, index: QModelIndex, _previous: Any = None) -> None:
        anchor = index.data(AnchorRole) if index.isValid() else None
        if anchor:
            self.text.scrollToAnchor(str(anchor))
