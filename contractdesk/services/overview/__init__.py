"""The overview: what needs the owner's attention today (issue 12)."""

from contractdesk.services.overview.service import OverviewService
from contractdesk.services.overview.views import (
    AttentionCard,
    AttentionItem,
    CardKey,
    GettingStarted,
    Overview,
)

__all__ = [
    "AttentionCard",
    "AttentionItem",
    "CardKey",
    "GettingStarted",
    "Overview",
    "OverviewService",
]
