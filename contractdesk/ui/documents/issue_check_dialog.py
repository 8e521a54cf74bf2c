"""Before issuing: the problems the app found, shown for the user to confirm (never printed).

`IssueCheckDialog` lists `DocumentService.issue_problems` (no registry signing data, a signer
the registry does not confirm, an unverified customer, an incomplete supplier profile, terms that
name another business …). "Issue anyway" accepts; Cancel rejects. `confirm_issue` opens it only
when there is something to confirm and calls ``proceed`` once the user agreed (at once when
there is nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)


class IssueCheckDialog(QDialog):
    """The problems found before issuing; accept means "issue anyway"."""

    def __init__(self, problems: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problems = list(problems)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget()
        self.list.setObjectName("issueProblems")
        self.list.setWordWrap(True)
        self.list.addItems(self.problems)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.issue_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.resize(600, 320)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Before issuing"))
        self.intro.setText(
            self.tr(
                "Check these before the agreement is issued. They are for you: the customer's "
                "document does not mention them."
            )
        )
        self.issue_button.setText(self.tr("&Issue anyway"))


def confirm_issue(
    parent: QWidget,
    services: Any,
    org_number: str,
    proceed: Callable[[], Any],
    *,
    terms: str | None = None,
    signatory: int | None = None,
    today: Any = None,
) -> IssueCheckDialog | None:
    """Show the problems before issuing and call ``proceed`` once confirmed (at once if none)."""
    problems = services.documents.issue_problems(org_number, terms, signatory, today=today)
    if not problems:
        proceed()
        return None
    dialog = IssueCheckDialog(problems, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(proceed)
    dialog.open()
    return dialog
