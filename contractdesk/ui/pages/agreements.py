"""The Agreements page (placeholder until its subsystem lands)."""

from __future__ import annotations

from contractdesk.ui.pages.base import PlaceholderPage


class AgreementsPage(PlaceholderPage):
    page_id = "agreements"

    def title(self) -> str:
        return self.tr("Agreements")
