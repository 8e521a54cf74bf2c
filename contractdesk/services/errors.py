"""Errors a use case reports to the user (re-exported from :mod:`contractdesk.errors`)."""

from __future__ import annotations

from contractdesk.errors import NotFoundError, UserError

__all__ = ["NotFoundError", "UserError"]
