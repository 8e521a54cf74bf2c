"""The base of every main-window page: a title for the navigation and a hook for the services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from contractdesk.services.changes import Change
    from contractdesk.services.context import Services


class Page(QWidget):
    """A page gets the services once the store is open (``set_services``), and may need none
    before."""

    page_id = "page"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None

    def title(self) -> str:
        raise NotImplementedError

    def set_services(self, services: Services) -> None:
        from contractdesk.ui.changes import changes_of

        if self.services is not None and self.services is not services:
            changes_of(self.services).changed.disconnect(self.on_change)
        if self.services is not services:
            changes_of(services).changed.connect(self.on_change)
        self.services = services

    def on_change(self, change: Change) -> None:
        """Something changed in the store: reload what ``change`` concerns (default: nothing)."""

    def retranslate(self) -> None:
        """Re-read texts after a language change."""
