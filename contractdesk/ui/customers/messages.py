"""Registry problems as the user reads them: the error's own (translated) sentence, plus a hint."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from contractdesk.errors import UserFacingError


def registry_error_text(exc: BaseException, *, offer_manual_entry: bool = True) -> str:
    """The sentence for a registry error (``str(exc)``, translated where it was raised).

    For an error after which the customer may still be registered by hand, a hint says so.
    Errors are told apart only by their classes.
    """
    from contractdesk.registry.errors import RegistryError

    if not isinstance(exc, UserFacingError):
        return str(
            QCoreApplication.translate(
                "RegistryMessages", "The registry sent an unexpected answer."
            )
        )
    text = str(exc)
    hint = str(
        QCoreApplication.translate(
            "RegistryMessages", "You can register the customer by hand and verify it later."
        )
    )
    manual = isinstance(exc, RegistryError) and exc.manual_entry_possible
    if offer_manual_entry and manual and "by hand" not in text and hint not in text:
        text += " " + hint
    return text
