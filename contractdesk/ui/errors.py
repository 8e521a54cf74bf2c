"""The one place the GUI shows an error: ``present_error(parent, exc)``.

Problems the user can act on (:class:`~contractdesk.errors.UserFacingError`) are shown as their
own sentence; anything else is a bug: "something went wrong", the traceback in the log and under
"Details". Errors are told apart only with ``isinstance``.
"""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from contractdesk.errors import UserFacingError

log = logging.getLogger(__name__)

# The boxes shown last (kept alive while open; tests read them).
shown: list[QMessageBox] = []


def user_message(exc: BaseException) -> str:
    """The sentence to show for ``exc`` (registry errors in the user's language)."""
    from contractdesk.registry.errors import RegistryError

    if isinstance(exc, RegistryError):
        from contractdesk.ui.customers.messages import registry_error_text

        return registry_error_text(exc)
    if isinstance(exc, UserFacingError):
        return str(exc)
    return str(
        QCoreApplication.translate(
            "present_error",
            "Something went wrong. The details are in the log; please tell your supplier.",
        )
    )


def present_error(
    parent: QWidget | None, exc: BaseException, *, title: str | None = None
) -> QMessageBox:
    """Show ``exc`` in a window-modal message box (not blocking the event loop); returns the box."""
    bug = not isinstance(exc, UserFacingError)
    if bug:
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(exc)))
    box = QMessageBox(parent)
    box.setObjectName("errorMessage")
    box.setIcon(QMessageBox.Icon.Critical if bug else QMessageBox.Icon.Warning)
    if title is None:
        title = (
            QCoreApplication.translate("present_error", "Something went wrong")
            if bug
            else QCoreApplication.translate("present_error", "Not done")
        )
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(user_message(exc))
    if bug:
        box.setDetailedText(f"{type(exc).__name__}: {exc}")
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    shown.append(box)
    del shown[:-5]
    box.open()
    return box
