"""The base of every main-window page: a title for the navigation and a hook for the services."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class Page(QWidget):
    """A page gets the services once the store is open (``set_services``), and may need none before."""

    page_id = "page"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Any = None

    def title(self) -> str:
        raise NotImplementedError

    def set_services(self, services: Any) -> None:
        self.services = services

    def retranslate(self) -> None:
        """Re-read texts after a language change."""


class PlaceholderPage(Page):
    """A page whose subsystem is not built yet: says so plainly."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.body = QLabel()
        self.body.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.body.setText(self.tr("This part of ContractDesk is not ready yet."))
