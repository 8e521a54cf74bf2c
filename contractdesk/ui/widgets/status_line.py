"""Status and error lines that keep their place: the room for their text is reserved, so a
message appearing (or wrapping onto a second line) never pushes the buttons and tabs around."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel

STATUS_LINES = 2  # most messages fit in two lines at 1280 px; a longer one may still grow


class _KeepsRoom(QObject):
    """Re-reserves the room when the font changes (e.g. a style or language switch)."""

    def __init__(self, label: QLabel, lines: int) -> None:
        super().__init__(label)
        self.lines = lines
        label.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange and isinstance(watched, QLabel):
            _reserve(watched, self.lines)
        return False


def _reserve(label: QLabel, lines: int) -> None:
    margins = label.contentsMargins()
    label.setMinimumHeight(
        lines * label.fontMetrics().lineSpacing() + margins.top() + margins.bottom()
    )


def reserve_lines(label: QLabel, lines: int = STATUS_LINES) -> QLabel:
    """Keep room for ``lines`` lines of ``label``'s text, shown or empty; returns the label."""
    label.setWordWrap(True)
    _reserve(label, lines)
    _KeepsRoom(label, lines)
    return label
