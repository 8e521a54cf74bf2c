"""Walk every visible widget of a window (every tab of every tab widget) and collect what a user
sees: texts, clipped or elided texts, unnamed or unreachable controls. Used by the
"every screen" tests (translation, clipping, accessibility)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QToolButton,
    QWidget,
)

ROOT = Path(__file__).resolve().parents[2]

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QTextEdit,
    QPlainTextEdit,
)


@dataclass
class Seen:
    """What one walk found. ``texts``: (where, text) pairs of visible text."""

    texts: list[tuple[str, str]] = field(default_factory=list)
    clipped: list[str] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)
    sideways: list[str] = field(default_factory=list)


def describe(widget: QWidget) -> str:
    names = []
    w: QWidget | None = widget
    while w is not None and len(names) < 4:
        names.append(w.objectName() or type(w).__name__)
        w = w.parentWidget()
    return "/".join(reversed(names))


def _plain(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text) if "<" in text and ">" in text else text
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def visible_widgets(root: QWidget) -> Iterator[QWidget]:
    for child in root.findChildren(QWidget):
        if child.isVisible() and child.window() is root.window():
            yield child


def accessible_name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    name = iface.text(QAccessible.Text.Name) if iface is not None else ""
    return (name or widget.accessibleName() or "").strip()


def walk_tabs(root: QWidget) -> Iterator[None]:
    """Yield once per combination shown: each tab of each (visible) tab widget in turn."""
    yield None
    for tabs in root.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        current = tabs.currentIndex()
        for index in range(tabs.count()):
            if index == current or not tabs.isTabEnabled(index):
                continue
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            yield None
        tabs.setCurrentIndex(current)
        QApplication.processEvents()


def collect(root: QWidget, seen: Seen) -> None:
    """Everything visible in ``root``'s window now."""
    where = root.window().objectName() or type(root.window()).__name__
    title = root.window().windowTitle()
    if title:
        seen.texts.append((where + ":title", title))
    for w in visible_widgets(root):
        _texts_of(w, where, seen)
        _check_clipped(w, seen)
        _check_named(w, seen)


def _texts_of(w: QWidget, where: str, seen: Seen) -> None:
    here = f"{where}:{describe(w)}"
    text = _own_text(w)
    if text:
        seen.texts.append((here, text))
    if isinstance(w, QTabBar):
        seen.texts.extend((here, _plain(w.tabText(i))) for i in range(w.count()))
    if isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView):
        seen.texts.extend(_view_texts(w, here))
    if w.toolTip():
        seen.texts.append((here + ":tooltip", _plain(w.toolTip())))


def _own_text(w: QWidget) -> str:
    if isinstance(w, QLabel | QAbstractButton):
        return _plain(w.text())
    if isinstance(w, QGroupBox):
        return _plain(w.title())
    if isinstance(w, QLineEdit) and not w.text():
        return w.placeholderText()
    if isinstance(w, QComboBox):
        return w.currentText()
    return ""


def _view_texts(w: QAbstractItemView, here: str) -> list[tuple[str, str]]:
    model = w.model()
    if model is None:
        return []
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model: one column
        columns = 1
    out = []
    for column in range(columns):
        header = model.headerData(column, Qt.Orientation.Horizontal)
        if header:
            out.append((here + ":header", str(header)))
    for row in range(min(model.rowCount(QModelIndex()), 30)):
        for column in range(columns):
            value = model.index(row, column).data()
            if isinstance(value, str) and value:
                out.append((here + ":cell", value))
    return out


def _beyond_window(w: QWidget) -> bool:
    """Part of ``w`` lies right of or below its window (cut off by the window's edge); widgets
    inside a scroll area are the scroll area's business."""
    parent = w.parentWidget()
    while parent is not None and parent is not w.window():
        if isinstance(parent, QAbstractScrollArea):
            return False
        parent = parent.parentWidget()
    window = w.window()
    corner = w.mapTo(window, w.rect().bottomRight())
    return corner.x() > window.width() + 1 or corner.y() > window.height() + 1


def _check_clipped(w: QWidget, seen: Seen) -> None:
    shows_text = (isinstance(w, QLabel) and bool(w.text())) or isinstance(w, QAbstractButton)
    if shows_text and _beyond_window(w):
        seen.clipped.append(f"{describe(w)}: beyond the window's edge")
    if isinstance(w, QAbstractScrollArea) and _scrolls_sideways(w):
        seen.sideways.append(describe(w))
    if isinstance(w, QLabel):
        seen.clipped.extend(_label_clipped(w))
    elif isinstance(w, QPushButton | QCheckBox | QRadioButton | QToolButton) and w.text():
        hint = w.sizeHint()
        if hint.width() > w.width() + 1:
            seen.clipped.append(
                f"{describe(w)}: {_plain(w.text())!r} ({hint.width()} > {w.width()})"
            )
    elif isinstance(w, QHeaderView) and w.orientation() == Qt.Orientation.Horizontal:
        seen.clipped.extend(_header_clipped(w))
    elif isinstance(w, QListWidget):
        seen.clipped.extend(_list_clipped(w))
    elif isinstance(w, QTabBar):
        seen.clipped.extend(_tabs_clipped(w))


def _scrolls_sideways(w: QAbstractScrollArea) -> bool:
    """A page or panel that scrolls sideways (tables may: their columns are the user's)."""
    bar = w.horizontalScrollBar()
    return (
        bar.isVisible()
        and bar.maximum() > 0
        and not isinstance(w, QAbstractItemView | QTextEdit | QPlainTextEdit)
    )


def _label_clipped(w: QLabel) -> list[str]:
    if not w.text() or w.textFormat() == Qt.TextFormat.RichText:
        return []
    if "<" in w.text() and Qt.mightBeRichText(w.text()):
        return []
    text = _plain(w.text())
    rect = w.contentsRect()
    if w.wordWrap():
        if w.heightForWidth(rect.width()) > rect.height() + 2:
            return [f"{describe(w)}: {text!r} (height)"]
        return []
    widest = max(w.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
    if widest > rect.width() + 1:
        return [f"{describe(w)}: {text!r} ({widest} > {rect.width()})"]
    return []


def _header_clipped(w: QHeaderView) -> list[str]:
    model = w.model()
    if model is None:
        return []
    out = []
    for section in range(w.count()):
        if w.isSectionHidden(section) or w.sectionSize(section) == 0:
            continue
        text = model.headerData(section, Qt.Orientation.Horizontal)
        if isinstance(text, str) and text:
            need = w.fontMetrics().horizontalAdvance(text) + 8  # text, margins
            if need > w.sectionSize(section):
                out.append(f"{describe(w)}: header {text!r} ({need} > {w.sectionSize(section)})")
    return out


def _list_clipped(w: QListWidget) -> list[str]:
    out = []
    for row in range(w.count()):
        item = w.item(row)
        rect = w.visualItemRect(item)
        if w.wordWrap() and item.text():  # wrapped: the lines must fit the item's height
            width = rect.width() - w.iconSize().width() - 8
            bounds = QRect(0, 0, max(width, 1), 100_000)
            flags = int(Qt.TextFlag.TextWordWrap)
            high = w.fontMetrics().boundingRect(bounds, flags, item.text()).height()
            if high > rect.height() + 2:
                out.append(f"{describe(w)}: item {item.text()!r} (height {high} > {rect.height()})")
            continue
        need = w.fontMetrics().horizontalAdvance(item.text()) + w.iconSize().width() + 8
        if item.text() and need > rect.width():
            out.append(f"{describe(w)}: item {item.text()!r} ({need} > {rect.width()})")
    return out


def _tabs_clipped(w: QTabBar) -> list[str]:
    out = []
    for i in range(w.count()):
        if w.tabRect(i).width() + 1 < w.tabSizeHint(i).width():
            out.append(f"{describe(w)}: tab {w.tabText(i)!r}")
        elif w.tabRect(i).right() > w.width():
            out.append(f"{describe(w)}: tab {w.tabText(i)!r} beyond the bar")
    return out


def _is_part(w: QWidget) -> bool:
    """Parts of a composite control (a spin box's line edit, a scroll bar's arrows…)."""
    parent = w.parentWidget()
    if isinstance(w, QTabBar) or type(w).__name__ in ("QScrollBar", "QHeaderView"):
        return True
    if parent is None:
        return False
    if isinstance(parent, QAbstractSpinBox | QComboBox | QTabBar):
        return True
    return isinstance(w, QAbstractButton) and not w.text() and type(parent).__name__ == "QScrollBar"


def _check_named(w: QWidget, seen: Seen) -> None:
    if not isinstance(w, INTERACTIVE) or _is_part(w) or not w.isEnabled():
        return
    if not accessible_name(w):
        seen.unnamed.append(f"{describe(w)} ({type(w).__name__})")
    if isinstance(w, QAbstractButton):
        reachable = w.focusPolicy() != Qt.FocusPolicy.NoFocus or bool(w.shortcut().toString())
    else:
        reachable = bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus)
    if not reachable:
        seen.unreachable.append(f"{describe(w)} ({type(w).__name__})")


# --- English in the Norwegian UI -------------------------------------------------------------

ENGLISH_WORDS = {
    "the",
    "and",
    "of",
    "with",
    "is",
    "are",
    "which",
    "this",
    "that",
    "from",
    "will",
    "has",
    "have",
    "been",
    "was",
    "not",
    "by",
    "on",
    "or",
    "no",
    "yes",
    "changed",
    "added",
    "removed",
    "unchanged",
    "customer",
    "customers",
    "agreement",
    "agreements",
    "terms",
    "service",
    "services",
    "invoice",
    "invoices",
    "settings",
    "none",
    "yet",
    "open",
    "save",
    "cancel",
    "close",
    "add",
    "edit",
    "delete",
    "name",
    "date",
    "status",
    "sections",
    "processing",
    "controller",
    "processor",
    "security",
    "missing",
    "covered",
    "partial",
    "gap",
    "notified",
    "accepted",
    "overdue",
    "signed",
    "sent",
    "draft",
    "active",
    "phone",
    "email",
    "address",
    "select",
    "choose",
    "print",
    "preview",
    "month",
    "months",
    "year",
    "years",
    "day",
    "days",
    "total",
    "amount",
    "price",
    "start",
    "end",
    "when",
    "who",
    "what",
    "new",
    "record",
}
NORWEGIAN_TOO = {"i", "at", "for", "til", "en", "e-post", "status", "start"}


def source_strings() -> set[str]:
    """Every English source text of the Norwegian translation whose Norwegian differs."""
    tree = ET.parse(ROOT / "resources" / "translations" / "contractdesk_nb.ts")
    out: set[str] = set()
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        text = (translation.text or "") if translation is not None else ""
        if translation is not None and list(translation):
            text = " ".join(t.text or "" for t in translation)
        if source and _plain(source) != _plain(text) and len(source) > 3:
            out.add(_plain(source))
    return out


def norwegian_strings() -> set[str]:
    """Every Norwegian text of the translation that differs from its English source."""
    tree = ET.parse(ROOT / "resources" / "translations" / "contractdesk_nb.ts")
    out: set[str] = set()
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or list(translation):
            continue
        text = translation.text or ""
        if text and _plain(source) != _plain(text) and len(text) > 3 and "%" not in text:
            out.add(_plain(text))
    return out


def norwegian_texts(texts: list[tuple[str, str]], allowed: set[str]) -> list[str]:
    """Texts of the English UI that are a Norwegian translation shown as it is."""
    norwegian = norwegian_strings() - allowed
    return sorted({f"{where}: {text!r}" for where, text in texts if text in norwegian})


ISO_IN_SENTENCE = re.compile(
    r"[A-Za-zÆØÅæøå].*\b\d{4}-\d{2}-\d{2}\b|\b\d{4}-\d{2}-\d{2}\b.*[A-Za-zÆØÅæøå]{3}"
)


def english_texts(
    texts: list[tuple[str, str]], allowed: set[str], identifiers: set[str]
) -> list[str]:
    """Texts that read English (a source string shown as is, or English words), or show an
    ISO date inside a sentence. ``identifiers`` (e.g. terms labels "2021-04-17") are names, not
    dates; file paths and ALL-CAPS codes are not words."""
    sources = source_strings()
    found = []
    for where, original in sorted(set(texts)):
        if not original or original in allowed:
            continue
        text = re.sub(r"(/[\w.\-]+)+", " ", original)
        for identifier in identifiers:
            text = text.replace(identifier, "ID")
        if "%1" in text or "%n" in text:
            found.append(f"{where}: {text!r} (placeholder left)")
            continue
        if text in sources:
            found.append(f"{where}: {text!r}")
            continue
        words = re.findall(r"[A-Za-z]+", text)
        english = [
            w
            for w in words
            if w.lower() in ENGLISH_WORDS and w.lower() not in NORWEGIAN_TOO and not w.isupper()
        ]
        if len(english) >= 2 or (len(words) <= 2 and english and len(text) < 25):
            found.append(f"{where}: {text!r} (English words {english})")
            continue
        if ISO_IN_SENTENCE.search(text):
            found.append(f"{where}: {text!r} (ISO date in a sentence)")
    return found


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)
