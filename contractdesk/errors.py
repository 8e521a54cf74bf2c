"""The one root exception and its two branches: what the user can act on, and bugs.

Every error ContractDesk raises on purpose derives from :class:`ContractDeskError`:

- :class:`UserFacingError` — the user can act on it (invalid input, a rule of the terms, wrong key,
  disk full, registry unreachable, a missing record). Its ``str()`` is one readable sentence in the
  user's language; the GUI shows it in a message box, the CLI prints it on one line and exits 1.
- :class:`BugError` — a broken assumption inside ContractDesk. Shown as "something went wrong"
  with the traceback in the log.

Anything that is not a ``ContractDeskError`` is treated as a bug too. Presenters classify only by
these classes (``isinstance``), never by module or class-name strings.
"""

from __future__ import annotations

from dataclasses import dataclass


class ContractDeskError(Exception):
    """Root of every error ContractDesk raises on purpose."""


class UserFacingError(ContractDeskError):
    """A problem the user can act on; ``str(exc)`` is the message to show."""


class BugError(ContractDeskError):
    """A broken assumption in ContractDesk itself: logged with its traceback."""


class UserError(UserFacingError):
    """Something the user can correct: invalid input, a rule of the terms, a missing record.

    ``field`` names the input at fault (a form can put the cursor there).
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class NotFoundError(UserError):
    """The record asked for does not exist."""


@dataclass(frozen=True)
class FieldChange:
    """One field a colleague changed: its label, their value and the value the user was saving."""

    field: str
    label: str
    theirs: str
    mine: str


class ConflictError(UserFacingError):
    """A save over a newer change: someone else changed the record after the user read it.

    Nothing was saved. ``changes`` lists the fields where the stored (their) value differs from
    the user's; ``version`` is the stored record's version (reload to edit on top of it).
    """

    def __init__(
        self,
        message: str,
        changes: tuple[FieldChange, ...] = (),
        *,
        entity: str = "",
        version: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.changes = changes
        self.entity = entity
        self.version = version

    def __str__(self) -> str:
        return self.message


def is_user_facing(exc: BaseException) -> bool:
    """True when ``exc`` is a problem the user can act on (its message is meant for them)."""
    return isinstance(exc, UserFacingError)
