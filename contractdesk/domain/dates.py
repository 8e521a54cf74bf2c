"""Dates with sense: the range a business date can have, and the rules of what dates mean.

Pure rules (no I/O): the services refuse what breaks them, the GUI uses the same limits for its
date fields so an impossible date cannot be picked in the first place.
"""

from __future__ import annotations

from datetime import date

__all__ = [
    "CONFIRM_AFTER_DAYS",
    "EARLIEST",
    "LATEST",
    "far_ahead",
    "in_range",
]

# No agreement, service or request of this business is older than this or later than that.
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)
# A start further ahead than this (about two years) is probably a typing error: ask first.
CONFIRM_AFTER_DAYS = 731


def in_range(day: date) -> bool:
    """``EARLIEST`` <= ``day`` <= ``LATEST``."""
    return EARLIEST <= day <= LATEST


def far_ahead(day: date, today: date) -> bool:
    """``day`` is more than about two years after ``today`` (the user should confirm it)."""
    return (day - today).days > CONFIRM_AFTER_DAYS
