"""Errors a use case reports to the user (re-exported from :mod:`contractdesk.errors`)."""

from __future__ import annotations

from contractdesk.errors import ConflictError, FieldChange, NotFoundError, UserError

__all__ = ["ConflictError", "FieldChange", "NotFoundError", "UserError"]
