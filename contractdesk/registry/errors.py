"""Named registry errors, each with a short user-facing English message (translated in the UI)."""

from __future__ import annotations

from datetime import date

from contractdesk.domain import orgnr as _orgnr
from contractdesk.errors import UserFacingError
from contractdesk.i18n import translate


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for the translation files; it is translated when an error is raised."""
    return text


class RegistryError(UserFacingError):
    """Base of every error the registry client raises.

    ``str(error)`` is the short message for the user; ``detail`` carries technical text
    (the registry's own error message, the URL, the status) for the log, never for display
    without escaping. ``manual_entry_possible`` tells the caller to offer registering the
    customer by hand.
    """

    user_message = QT_TRANSLATE_NOOP("RegistryErrors", "The registry could not answer.")
    manual_entry_possible = True

    def __init__(
        self, message: str | None = None, *, detail: str = "", status: int | None = None
    ) -> None:
        super().__init__(message or translate("RegistryErrors", self.user_message))
        self.detail = detail
        self.status = status

    @property
    def message(self) -> str:
        """The short user-facing message."""
        return str(self)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({str(self)!r}, status={self.status!r}, detail={self.detail!r})"
        )


class InvalidOrgNumber(RegistryError, _orgnr.InvalidOrgNumber):
    """The text is not a valid organisation number; raised before any request is made.

    Also an instance of :class:`contractdesk.domain.orgnr.InvalidOrgNumber` (a ``ValueError``).
    """

    user_message = QT_TRANSLATE_NOOP("RegistryErrors", "This is not a valid organisation number.")
    manual_entry_possible = False

    def __init__(self, message: str | None = None, *, text: str = "", detail: str = "") -> None:
        super().__init__(message, detail=detail)
        self.text = text


class NotFound(RegistryError):
    """HTTP 404: the registry does not know this organisation number."""

    user_message = QT_TRANSLATE_NOOP(
        "RegistryErrors", "No organisation with this number was found in the registry."
    )


class Removed(RegistryError):
    """HTTP 410: the entity was removed from the registry's open data (e.g. for legal reasons).

    The registry asks users of its data to purge any copy they hold.
    """

    user_message = QT_TRANSLATE_NOOP(
        "RegistryErrors", "This organisation has been removed from the registry's open data."
    )

    def __init__(
        self,
        message: str | None = None,
        *,
        org_number: str = "",
        deletion_date: date | None = None,
        detail: str = "",
        status: int | None = 410,
    ) -> None:
        super().__init__(message, detail=detail, status=status)
        self.org_number = org_number
        self.deletion_date = deletion_date


class BadRequest(RegistryError):
    """HTTP 400: the registry refused the request (bad parameter, search paged too deep)."""

    user_message = QT_TRANSLATE_NOOP("RegistryErrors", "The registry refused the request.")


class RateLimited(RegistryError):
    """HTTP 429 that persisted through the retries, or asked for a longer wait than allowed."""

    user_message = QT_TRANSLATE_NOOP(
        "RegistryErrors", "The registry is busy. Please try again in a moment."
    )

    def __init__(
        self,
        message: str | None = None,
        *,
        retry_after: float | None = None,
        detail: str = "",
        status: int | None = 429,
    ) -> None:
        super().__init__(message, detail=detail, status=status)
        self.retry_after = retry_after


class ServerError(RegistryError):
    """HTTP 5xx (or a dropped connection) that persisted through the retries."""

    user_message = QT_TRANSLATE_NOOP(
        "RegistryErrors", "The registry has a problem right now. Please try again later."
    )


class NotJson(RegistryError):
    """The answer was not JSON (an HTML page at 200, or a wrong content type)."""

    user_message = QT_TRANSLATE_NOOP(
        "RegistryErrors", "The registry sent an unexpected answer (not registry data)."
    )


class Malformed(RegistryError):
    """The answer was JSON-labelled but unreadable, or lacks fields the registry always sends."""

    user_message = QT_TRANSLATE_NOOP(
        "RegistryErrors", "The registry sent incomplete or damaged data."
    )


class TooLarge(RegistryError):
    """The answer exceeded the body size cap; reading stopped."""

    user_message = QT_TRANSLATE_NOOP(
        "RegistryErrors", "The registry's answer was unexpectedly large and was not read."
    )


class Timeout(RegistryError):
    """The registry did not answer within the time limit."""

    user_message = QT_TRANSLATE_NOOP(
        "RegistryErrors",
        "The registry did not answer in time. Please try again, or register the customer by hand.",
    )


class Unreachable(RegistryError):
    """No connection to the registry (offline, refused, name not resolved)."""

    user_message = QT_TRANSLATE_NOOP(
        "RegistryErrors",
        "The registry cannot be reached. You can register the customer by hand and verify later.",
    )


class Redirected(RegistryError):
    """The registry redirected to another site (or too often); the redirect was not followed."""

    user_message = QT_TRANSLATE_NOOP(
        "RegistryErrors",
        "The registry answered with a redirect to another site, which was refused.",
    )


class UnexpectedResponse(RegistryError):
    """Any other HTTP status (401, 403, 406, 415 …)."""

    user_message = QT_TRANSLATE_NOOP("RegistryErrors", "The registry sent an unexpected answer.")


class Cancelled(RegistryError):
    """The caller cancelled the request (e.g. the user pressed Cancel in a worker dialog)."""

    user_message = QT_TRANSLATE_NOOP("RegistryErrors", "Cancelled.")
    manual_entry_possible = False


__all__ = [
    "BadRequest",
    "Cancelled",
    "InvalidOrgNumber",
    "Malformed",
    "NotFound",
    "NotJson",
    "RateLimited",
    "Redirected",
    "RegistryError",
    "Removed",
    "ServerError",
    "Timeout",
    "TooLarge",
    "UnexpectedResponse",
    "Unreachable",
]
