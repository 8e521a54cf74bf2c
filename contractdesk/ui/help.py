"""F1 help: a short text per page, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class PageHelp(QObject):
    """The help texts (a QObject so ``self.tr`` gives them one translation context)."""

    def window_title(self, title: str) -> str:
        return self.tr("Help: %1").replace("%1", title)

    def texts(self) -> dict[str, tuple[str, str]]:
        return {
            "overview": (
                self.tr("Overview"),
                self.tr(
                    "The overview shows what needs your attention today. Each card counts one kind "
                    "of task: agreements not sent or not returned, notices of new terms, binding "
                    "periods that end soon, price changes to announce by 1 October, requests from "
                    "people about their data, warnings from the registry and the invoices of the "
                    "next 30 days.\n\nClick a card to see the list behind it. Double-click a line "
                    "(or press Enter) to open the customer. “Open …” takes you to the page where "
                    "the task is done.",
                ),
            ),
            "customers": (
                self.tr("Customers"),
                self.tr(
                    "Your customers, found by name, organisation number, municipality or contact. "
                    "Add a customer with Ctrl+N: type its organisation number or name and the "
                    "details are fetched from the Brønnøysund registry. Press Enter on a customer "
                    "to open its card with people, services and agreements. F5 fetches the "
                    "selected customer from the registry again.",
                ),
            ),
            "agreements": (
                self.tr("Agreements"),
                self.tr(
                    "Who accepted which version of your terms, when and how, with the signed scan. "
                    "When you publish new terms, the re-acceptance tab lists every customer to "
                    "notify and the last day to accept (§14). The agreements tab makes, previews, "
                    "prints and e-mails the agreement documents.",
                ),
            ),
            "terms": (
                self.tr("Terms"),
                self.tr(
                    "The versions of your terms of agreement with the data processing agreement. "
                    "Import or copy a version to edit it as a draft, compare two versions, check "
                    "the data processing agreement against the GDPR list, and publish it with the "
                    "day it takes effect. A published version never changes.",
                ),
            ),
            "billing": (
                self.tr("Services & invoicing"),
                self.tr(
                    "What each customer buys: licences, one-off work and usage such as SMS. The "
                    "plan shows the invoices the terms give, month by month, and exports them for "
                    "your accounting program. A termination shows what it does to the plan before "
                    "you save it.",
                ),
            ),
            "settings": (
                self.tr("Settings"),
                self.tr(
                    "Your business details as they appear on the agreements, the language of the "
                    "program, and how e-mail is sent.",
                ),
            ),
        }


def page_help(page_id: str) -> tuple[str, str]:
    """(title, text) of the help for ``page_id``."""
    texts = PageHelp().texts()
    return texts.get(page_id, texts["overview"])


class HelpDialog(QDialog):
    """The help for one page: its title and text, and Close (Esc)."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageHelp")
        self.setWindowTitle(PageHelp().window_title(title))
        self.title_label = QLabel(title)
        self.title_label.setObjectName("pageHeading")
        self.text_label = QLabel(text)
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_label.setMinimumWidth(480)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.text_label)
        layout.addWidget(buttons)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)

    def text(self) -> str:
        return self.title_label.text()


def show_page_help(parent: QWidget, page_id: str) -> HelpDialog:
    """Open the help for ``page_id`` (not blocking) and return the dialog."""
    title, text = page_help(page_id)
    dialog = HelpDialog(title, text, parent)
    dialog.open()
    return dialog
