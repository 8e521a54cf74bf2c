"""The base of every main-window page: a title for the navigation and a hook for the services."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget


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
