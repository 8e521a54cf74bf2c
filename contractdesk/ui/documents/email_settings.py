"""E-mail settings: the SMTP server (password to the system keyring) and the agreement e-mail
template.

OK saves through the document service; a ``UserError`` (bad port, unknown template field, no
keyring for the password) is shown in the dialog, which stays open. The password field is never
filled from anywhere: a typed password goes to the keyring and nowhere else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from contractdesk.ui.widgets.details import DetailsBox

if TYPE_CHECKING:
    from contractdesk.services.context import Services

SECURITY = ("starttls", "tls", "none")


def _note() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class EmailSettingsDialog(QDialog):
    """The mail server and the agreement e-mail's subject and text."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tabs = QTabWidget()
        server = QWidget()
        self.host = QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.security = QComboBox()
        self.user = QLineEdit()
        self.sender_edit = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_note = _note()
        self.forget_button = QPushButton()
        self.forget_button.clicked.connect(lambda: self.forget_password())
        self.form = QFormLayout(server)
        self.labels = [QLabel() for _ in range(6)]
        for label, field in zip(
            self.labels,
            (self.host, self.port, self.security, self.user, self.sender_edit, self.password),
            strict=True,
        ):
            label.setBuddy(field)
            self.form.addRow(label, field)
        self.form.addRow(self.password_note)
        self.password_details = DetailsBox()
        self.password_details.set_text("")
        self.form.addRow(self.password_details)
        self.form.addRow(self.forget_button)
        template = QWidget()
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        # the template's field codes are a technical detail: under "Details"
        self.fields_note = DetailsBox()
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(lambda: self.reset_template())
        self.subject_label = QLabel()
        self.subject_label.setBuddy(self.subject)
        template_layout = QVBoxLayout(template)
        template_layout.addWidget(self.subject_label)
        template_layout.addWidget(self.subject)
        template_layout.addWidget(self.body, 1)
        template_layout.addWidget(self.fields_note)
        template_layout.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.tabs.addTab(server, "")
        self.tabs.addTab(template, "")
        self.error_label = _note()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(640, 560)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("E-mail settings"))
        self.tabs.setTabText(0, self.tr("Mail &server"))
        self.tabs.setTabText(1, self.tr("Agreement &e-mail"))
        for label, text in zip(
            self.labels,
            (
                self.tr("Ser&ver:"),
                self.tr("&Port:"),
                self.tr("Se&curity:"),
                self.tr("&User:"),
                self.tr("Se&nder:"),
                self.tr("Pass&word:"),
            ),
            strict=True,
        ):
            label.setText(text)
        names = {
            "starttls": self.tr("STARTTLS (usually port 587)"),
            "tls": self.tr("TLS (usually port 465)"),
            "none": self.tr("None (unencrypted; no login)"),
        }
        current = self.security.currentData()
        self.security.clear()
        for key in SECURITY:
            self.security.addItem(names[key], key)
        if current is not None:
            self.security.setCurrentIndex(max(0, self.security.findData(current)))
        self.sender_edit.setPlaceholderText(self.tr("empty: the supplier's e-mail address"))
        self.forget_button.setText(self.tr("&Forget the saved password"))
        self.subject_label.setText(self.tr("Su&bject:"))
        self.reset_button.setText(self.tr("&Reset to the standard text"))
        self.fields_note.retranslate()
        self.body.setAccessibleName(self.tr("Text of the e-mail"))
        self.fields_note.set_text(
            self.tr(
                "Fields: {customer.name}, {customer.org_number}, {recipient.name}, "
                "{supplier.name}, {supplier.email}, "
                "{supplier.phone}, {supplier_signatory.name}, {terms.label}, {document.id}, "
                "{agreement.date} and the "
                "other agreement fields."
            )
        )

    def load(self) -> None:
        docs = self.services.documents
        smtp = docs.smtp_settings()
        self.host.setText(smtp.host)
        self.port.setValue(smtp.port)
        self.security.setCurrentIndex(max(0, self.security.findData(smtp.security)))
        self.user.setText(smtp.user)
        self.sender_edit.setText(smtp.sender_email)
        template = docs.email_template()
        self.subject.setText(template.subject)
        self.body.setPlainText(template.body)
        self._show_password_source()

    def _show_password_source(self) -> None:
        from contractdesk.services.smtp_password import SMTP_PASSWORD_ENV, SmtpPasswordError

        try:
            source = self.services.documents.smtp_password_source()
        except SmtpPasswordError as exc:
            self.password_note.setText(str(exc))
            return
        self.password.setEnabled(source.keyring_usable)
        self.forget_button.setVisible(source.kind == "keyring")
        if not source.keyring_usable:
            self.password.setPlaceholderText(self.tr("no system keyring here"))
            self.password_note.setText(
                self.tr(
                    "No system keyring is available, so the password is not saved: it is asked "
                    "each time you send."
                )
            )
            # the environment variable is for administrators: under "Details"
            self.password_details.set_text(
                self.tr("Scripts may give the password in the environment variable %1.").replace(
                    "%1", SMTP_PASSWORD_ENV
                )
            )
        elif source.kind == "keyring":
            self.password.setPlaceholderText(
                self.tr("saved in the system keyring (type to change)")
            )
            self.password_note.setText(
                self.tr("The password is kept in the system keyring, never in ContractDesk's data.")
            )
        else:
            self.password.setPlaceholderText(self.tr("kept in the system keyring"))
            self.password_note.setText(
                self.tr(
                    "A password typed here is kept in the system keyring, never in "
                    "ContractDesk's data. Empty: asked each time you send."
                )
            )

    def reset_template(self) -> None:
        from contractdesk.output.email import DEFAULT_TEMPLATE

        self.subject.setText(DEFAULT_TEMPLATE.subject)
        self.body.setPlainText(DEFAULT_TEMPLATE.body)

    def forget_password(self) -> None:
        from contractdesk.services.errors import UserError

        try:
            self.services.documents.forget_smtp_password()
        except UserError as exc:
            self.error_label.setText(str(exc))
        self._show_password_source()

    def accept(self) -> None:
        from contractdesk.services.documents import SmtpSettings
        from contractdesk.services.errors import UserError

        docs = self.services.documents
        try:
            docs.set_smtp_settings(
                SmtpSettings(
                    self.host.text(),
                    self.port.value(),
                    self.security.currentData(),
                    self.user.text(),
                    self.sender_edit.text(),
                    docs.smtp_settings().timeout,
                )
            )
            docs.set_email_template(self.subject.text(), self.body.toPlainText())
            if self.password.text():
                docs.save_smtp_password(self.password.text())
        except UserError as exc:
            self.error_label.setText(str(exc))
            return
        finally:
            self.password.clear()
        super().accept()
