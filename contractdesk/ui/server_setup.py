"""Set-up choice: the encrypted store on this machine, or the team's PostgreSQL server.

Two wizard pages: :class:`ModePage` ("Alene på denne maskinen" / "Delt med teamet") and
:class:`ServerPage` (host, port, database, user, password; TLS required unless explicitly turned
off for a server on this machine). The password is handed to the keyring by the controller,
never written to QSettings.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


@dataclass(frozen=True)
class ServerSetup:
    """What the user entered for the team server (the password goes to the keyring only)."""

    host: str
    port: int
    database: str
    user: str
    password: str
    require_tls: bool

    def __repr__(self) -> str:  # never show the password
        return (
            f"ServerSetup({self.user}@{self.host}:{self.port}/{self.database}, "
            f"tls={self.require_tls})"
        )


class ModePage(QWizardPage):
    """Where the data lives: alone on this machine (default) or shared with the team."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Where do you keep your data?"))
        layout = QVBoxLayout(self)
        self.local = QRadioButton(self.tr("&Only on this computer"))
        self.local.setAccessibleName(self.tr("Only on this computer"))
        self.local_hint = QLabel(
            self.tr(
                "One person: the data is kept encrypted on this computer. You can move it to "
                "a team server later."
            )
        )
        self.team = QRadioButton(self.tr("&Shared with the team"))
        self.team.setAccessibleName(self.tr("Shared with the team"))
        self.team_hint = QLabel(
            self.tr(
                "Several people: the data is kept on your team's PostgreSQL server (version 15 "
                "or newer), and everyone sees each other's changes."
            )
        )
        self.group = QButtonGroup(self)
        for button, hint in ((self.local, self.local_hint), (self.team, self.team_hint)):
            self.group.addButton(button)
            hint.setWordWrap(True)
            hint.setIndent(24)
            layout.addWidget(button)
            layout.addWidget(hint)
            button.setAccessibleDescription(hint.text())
        layout.addStretch(1)
        self.local.setChecked(True)

    def shared(self) -> bool:
        return self.team.isChecked()


class ServerPage(QWizardPage):
    """The team server's address and login; TLS is required unless turned off explicitly."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your team's server"))
        self.setSubTitle(
            self.tr(
                "Ask whoever set up the server for these details. The password is kept in the "
                "system keyring."
            )
        )
        form = QFormLayout()
        self.host = QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("contractdesk")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        rows = (
            (self.tr("&Server"), self.host, self.tr("Server (host name)")),
            (self.tr("P&ort"), self.port, self.tr("Port")),
            (self.tr("&Database"), self.database, self.tr("Database")),
            (self.tr("&User"), self.user, self.tr("User")),
            (self.tr("Pass&word"), self.password, self.tr("Password")),
        )
        for label_text, widget, name in rows:
            label = QLabel(label_text)
            label.setBuddy(widget)
            widget.setAccessibleName(name)
            form.addRow(label, widget)
        self.host.setPlaceholderText(self.tr("e.g. db.example.no"))
        self.tls = QCheckBox(self.tr("Require an &encrypted connection (TLS)"))
        self.tls.setAccessibleName(self.tr("Require an encrypted connection (TLS)"))
        self.tls.setChecked(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("errorLabel")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tls)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        for edit in (self.host, self.database, self.user, self.password):
            edit.textChanged.connect(self._update)
        self.tls.toggled.connect(self._update)
        self._update()

    def _update(self) -> None:
        host = self.host.text().strip().lower()
        if not self.tls.isChecked() and host and host not in LOCAL_HOSTS:
            self.hint.setText(
                self.tr(
                    "Without TLS the password and the data cross the network readable by "
                    "anyone on the way: turn it off only for a server on this computer."
                )
            )
        else:
            self.hint.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return all(e.text().strip() for e in (self.host, self.database, self.user))

    def setup(self) -> ServerSetup:
        return ServerSetup(
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
            password=self.password.text(),
            require_tls=self.tls.isChecked(),
        )
