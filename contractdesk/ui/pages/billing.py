"""The Services & invoicing page (placeholder until its subsystem lands)."""

from __future__ import annotations

from contractdesk.ui.pages.base import PlaceholderPage


class BillingPage(PlaceholderPage):
    page_id = "billing"

    def title(self) -> str:
        return self.tr("Services & invoicing")
