"""The one place the GUI shows an error: ``present_error(parent, exc)``.

Problems the user can act on (:class:`~contractdesk.errors.UserFacingError`) are shown as their
own sentence; anything else is a bug: "something went wrong", the traceback in the log and under
"Details". Errors are told apart only with ``isinstance``.

A :class:`~contractdesk.errors.ConflictError` (a colleague saved the record after this window read
it) gets its own box, "Someone else changed this": the changed fields with their value and the
user's, and **Reload**, which drops the user's edit and loads the colleague's (``reload``).
Nothing is saved over the newer change.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from contractdesk.errors import ConflictError, UserFacingError

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
    parent: QWidget | None,
    exc: BaseException,
    *,
    title: str | None = None,
    reload: Callable[[], None] | None = None,
) -> QMessageBox:
    """Show ``exc`` in a window-modal message box (not blocking the event loop); returns the box.

    ``reload``: what **Reload** does for a :class:`ConflictError` (load the colleague's version
    into the form); without it the box only explains.
    """
    if isinstance(exc, ConflictError):
        return present_conflict(parent, exc, reload)
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


def conflict_lines(exc: ConflictError) -> list[str]:
    """One line per changed field: its label, the colleague's value and the user's."""
    return [
        QCoreApplication.translate("present_error", "%1: now “%2” (yours: “%3”)")
        .replace("%1", change.label[:1].upper() + change.label[1:])
        .replace("%2", change.theirs)
        .replace("%3", change.mine)
        for change in exc.changes
    ]


def present_conflict(
    parent: QWidget | None, exc: ConflictError, reload: Callable[[], None] | None
) -> QMessageBox:
    """ "Someone else changed this": what changed, and Reload (discard mine, load theirs)."""
    box = QMessageBox(parent)
    box.setObjectName("conflictMessage")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("present_error", "Someone else changed this"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    lines = conflict_lines(exc)
    if lines:
        text = QCoreApplication.translate(
            "present_error",
            "Someone else saved a change here after you opened it. Nothing of yours was saved. "
            "What is stored now:",
        )
        box.setText(text + "\n\n" + "\n".join(f"• {line}" for line in lines))
    else:
        box.setText(str(exc))
    if reload is not None:
        button = box.addButton(
            QCoreApplication.translate("present_error", "Reload (discard my changes)"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        button.setObjectName("reloadButton")
        button.clicked.connect(reload)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(button)
    else:
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    shown.append(box)
    del shown[:-5]
    box.open()
    return box
