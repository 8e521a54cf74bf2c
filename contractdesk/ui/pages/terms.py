"""The Terms page (placeholder until its subsystem lands)."""

from __future__ import annotations

from contractdesk.ui.pages.base import PlaceholderPage


class TermsPage(PlaceholderPage):
    page_id = "terms"

    def title(self) -> str:
        return self.tr("Terms")
