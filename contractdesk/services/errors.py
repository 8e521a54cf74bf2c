"""Errors a use case reports to the user (CLI: exit 1 with the message; GUI: a message box)."""

from __future__ import annotations

from contractdesk.errors import UserFacingError


class UserError(UserFacingError):
    """Something the user can correct: invalid input, a rule of the terms, a missing record."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class NotFoundError(UserError):
    """The record asked for does not exist."""
