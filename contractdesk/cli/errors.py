"""The one error printer of the command line.

A problem the user can act on (:class:`~contractdesk.errors.UserFacingError`) is printed as one
line on stderr and exits 1; anything else is a bug, logged with its traceback and re-raised.
Errors are told apart only with ``isinstance``.
"""

from __future__ import annotations

import logging

from contractdesk.errors import UserFacingError

log = logging.getLogger(__name__)


def print_error(exc: Exception) -> int:
    """Print ``exc`` for the user and return the exit status 1, or re-raise a bug."""
    from contractdesk.cli.output import error

    if isinstance(exc, UserFacingError):
        error(str(exc))
        return 1
    log.exception("unexpected error")
    raise exc
