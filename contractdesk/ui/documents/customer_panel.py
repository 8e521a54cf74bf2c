"""The customer card's agreement-document buttons (Preview, Print, Save as, E-mail) with a status
line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from contractdesk.ui.documents.actions import DocumentActions, DocumentTarget
from contractdesk.ui.widgets.status_line import reserve_lines

if TYPE_CHECKING:
    from contractdesk.services.context import Services


class CustomerDocumentsPanel(QWidget):
    """Preview / Print / Save as / E-mail for one customer's agreement (its open one, else a new
    draft).

    The buttons are disabled for a customer no agreement may be issued to (deleted, bankrupt …).
    ``document_actions.changed`` tells the card to list the customer's agreements again.
    """

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.org_number: str | None = None
        self.may_issue = False
        self.status = QLabel()
        reserve_lines(self.status)  # a message never moves the buttons
        self.status.setObjectName("customerDocumentsStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.document_actions = DocumentActions(self.target, self, with_batch=False)
        self.document_actions.set_services(services)
        self.document_actions.message.connect(self.status.setText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.document_actions)
        layout.addWidget(self.status)

    def target(self) -> DocumentTarget | None:
        return DocumentTarget(self.org_number) if self.org_number and self.may_issue else None

    def set_customer(self, org_number: str | None, may_issue: bool = True) -> None:
        self.org_number = org_number
        self.may_issue = may_issue
        self.status.setText("")
        self.document_actions.update_enabled()

    def retranslate(self) -> None:
        self.document_actions.retranslate()
