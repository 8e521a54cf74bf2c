"""The one error printer of the command line.

A problem the user can act on (:class:`~contractdesk.errors.UserFacingError`, a driver error the
store names, a number too large, text that is not UTF-8, a file the system refuses) is printed
as one line on stderr and exits 1; anything else is a bug, logged with its traceback and
re-raised. Errors are told apart only with ``isinstance``.
"""

from __future__ import annotations

import logging

from contractdesk.errors import UserFacingError

log = logging.getLogger(__name__)


def known_message(exc: Exception) -> str | None:
    """The one-line message for an error the user can act on, or None for a bug."""
    from contractdesk.store.errors import map_db_error

    if isinstance(exc, UserFacingError):
        return str(exc)
    mapped = map_db_error(exc)
    if mapped is not None:
        return str(mapped)
    if isinstance(exc, OverflowError):  # e.g. an id of 2**63 or more
        return "A number is too large."
    if isinstance(exc, UnicodeError):  # e.g. non-UTF-8 bytes in an argument or a variable
        return "An argument or environment value is not valid text (UTF-8)."
    if isinstance(exc, OSError) and exc.strerror:
        name = f" {exc.filename}" if exc.filename else ""
        return f"Cannot use{name}: {exc.strerror}."
    return None


def print_error(exc: Exception) -> int:
    """Print ``exc`` for the user and return the exit status 1, or re-raise a bug."""
    from contractdesk.cli.output import error

    known = known_message(exc)
    if known is not None:
        error(known)
        return 1
    log.exception("unexpected error")
    raise exc
