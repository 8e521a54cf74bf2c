"""Registry problems in the user's language (the registry adapter's own messages are English)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def registry_error_text(exc: BaseException, *, offer_manual_entry: bool = True) -> str:
    """A short, translated sentence for a registry error.

    Errors are told apart by class name, so this module loads no HTTP code at start-up.
    """
    text = error_name_text(type(exc).__name__, str(exc))
    if offer_manual_entry and getattr(exc, "manual_entry_possible", False):
        text += " " + str(
            QCoreApplication.translate(
                "RegistryMessages", "You can register the customer by hand and verify it later."
            )
        )
    return text


def error_name_text(name: str, fallback: str) -> str:
    """The translated sentence for a registry error class name (``fallback`` for any other)."""
    texts = {
        "NotFound": QCoreApplication.translate(
            "RegistryMessages", "No organisation with this number was found in the registry."
        ),
        "Removed": QCoreApplication.translate(
            "RegistryMessages", "This organisation has been removed from the registry's open data."
        ),
        "BadRequest": QCoreApplication.translate(
            "RegistryMessages", "The registry refused the request."
        ),
        "RateLimited": QCoreApplication.translate(
            "RegistryMessages", "The registry is busy. Please try again in a moment."
        ),
        "ServerError": QCoreApplication.translate(
            "RegistryMessages", "The registry has a problem right now. Please try again later."
        ),
        "NotJson": QCoreApplication.translate(
            "RegistryMessages", "The registry sent an unexpected answer (not registry data)."
        ),
        "Malformed": QCoreApplication.translate(
            "RegistryMessages", "The registry sent incomplete or damaged data."
        ),
        "TooLarge": QCoreApplication.translate(
            "RegistryMessages", "The registry's answer was unexpectedly large and was not read."
        ),
        "Timeout": QCoreApplication.translate(
            "RegistryMessages", "The registry did not answer in time."
        ),
        "Unreachable": QCoreApplication.translate(
            "RegistryMessages", "The registry cannot be reached."
        ),
        "Redirected": QCoreApplication.translate(
            "RegistryMessages",
            "The registry answered with a redirect to another site, which was refused.",
        ),
        "UnexpectedResponse": QCoreApplication.translate(
            "RegistryMessages", "The registry sent an unexpected answer."
        ),
    }
    return str(texts.get(name, fallback))
