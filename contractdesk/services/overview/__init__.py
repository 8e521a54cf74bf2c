"""The overview: what needs the owner's attention today (issue 12).

The views import nothing heavy, so the GUI's first page can use them before the store is open;
``OverviewService`` (which needs the store layer, SQLAlchemy) is imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from contractdesk.services.overview.views import (
    SLOW_CARDS,
    AttentionCard,
    AttentionItem,
    CardKey,
    GettingStarted,
    Overview,
)

if TYPE_CHECKING:
    from contractdesk.services.overview.service import OverviewService

__all__ = [
    "SLOW_CARDS",
    "AttentionCard",
    "AttentionItem",
    "CardKey",
    "GettingStarted",
    "Overview",
    "OverviewService",
]


def __getattr__(name: str) -> Any:
    if name == "OverviewService":
        from contractdesk.services.overview.service import OverviewService

        return OverviewService
    raise AttributeError(name)
