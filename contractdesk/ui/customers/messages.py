"""Registry problems in the user's language (the registry adapter's own messages are English)."""

from __future__ import annotations

from typing import Any


def registry_error_text(owner: Any, exc: BaseException, *, offer_manual_entry: bool = True) -> str:
    """A short, translated sentence for a registry error; ``owner.tr`` translates.

    Errors are told apart by class name, so this module loads no HTTP code at start-up.
    """
    text = error_name_text(owner, type(exc).__name__, str(exc))
    if offer_manual_entry and getattr(exc, "manual_entry_possible", False):
        text += " " + str(owner.tr("You can register the customer by hand and verify it later."))
    return text


def error_name_text(owner: Any, name: str, fallback: str) -> str:
    """The translated sentence for a registry error class name (``fallback`` for any other)."""
    texts = {
        "NotFound": owner.tr("No organisation with this number was found in the registry."),
        "Removed": owner.tr("This organisation has been removed from the registry's open data."),
        "BadRequest": owner.tr("The registry refused the request."),
        "RateLimited": owner.tr("The registry is busy. Please try again in a moment."),
        "ServerError": owner.tr("The registry has a problem right now. Please try again later."),
        "NotJson": owner.tr("The registry sent an unexpected answer (not registry data)."),
        "Malformed": owner.tr("The registry sent incomplete or damaged data."),
        "TooLarge": owner.tr("The registry's answer was unexpectedly large and was not read."),
        "Timeout": owner.tr("The registry did not answer in time."),
        "Unreachable": owner.tr("The registry cannot be reached."),
        "Redirected": owner.tr("The registry answered with a redirect to another site, which was refused."),
        "UnexpectedResponse": owner.tr("The registry sent an unexpected answer."),
    }
    return str(texts.get(name, fallback))
