"""The Customers page (placeholder until its subsystem lands)."""

from __future__ import annotations

from contractdesk.ui.pages.base import PlaceholderPage


class CustomersPage(PlaceholderPage):
    page_id = "customers"

    def title(self) -> str:
        return self.tr("Customers")
