"""First run: a short wizard: where the data lives, then the supplier profile and how the local
store is unlocked — or the team server's address (team mode)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from contractdesk.services.errors import UserError
from contractdesk.services.supplier import SupplierProfile
from contractdesk.ui.backup_dialogs import RestoreDialog, RestoreRequest
from contractdesk.ui.server_setup import ModePage, ServerPage, ServerSetup
from contractdesk.ui.widgets.status_line import reserve_lines
from contractdesk.ui.widgets.supplier_form import SupplierForm

MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class WizardResult:
    profile: SupplierProfile | None  # None when the user chose to restore a backup instead
    passphrase: str | None  # None: keep the key in the system keyring
    restore: RestoreRequest | None = None
    server: ServerSetup | None = None  # "Shared with the team": the server to use


class _ProfilePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your business"))
        self.setSubTitle(
            self.tr("ContractDesk prints these details as the supplier on every agreement.")
        )
        layout = QVBoxLayout(self)
        self.form = SupplierForm()
        self.error = QLabel()
        reserve_lines(self.error)  # a message never moves the buttons
        self.error.setWordWrap(True)
        self.error.setObjectName("errorLabel")
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        self.restore_button = QPushButton(self.tr("Restore from a backup…"))
        self.restore_button.setToolTip(
            self.tr("Restore your data from a backup, with the recovery key or its passphrase")
        )
        layout.addWidget(self.restore_button)
        self.form.validity_changed.connect(lambda _ok: self.completeChanged.emit())

    def isComplete(self) -> bool:
        return self.form.is_valid()

    def validatePage(self) -> bool:
        try:
            self.form.profile().validated()
        except UserError as exc:
            self.error.setText(str(exc))
            return False
        self.error.clear()
        return True


class _ProtectionPage(QWizardPage):
    def __init__(self, keyring_available: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keyring_available = keyring_available
        self.setTitle(self.tr("Protect your data"))
        layout = QVBoxLayout(self)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        layout.addWidget(self.explain)
        self.use_passphrase = QCheckBox(
            self.tr("Unlock with a &passphrase instead of the system keyring")
        )
        layout.addWidget(self.use_passphrase)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self._pl = QLabel(self.tr("Pass&phrase"))
        self._pl.setBuddy(self.passphrase)
        self._rl = QLabel(self.tr("&Repeat"))
        self._rl.setBuddy(self.repeat)
        form.addRow(self._pl, self.passphrase)
        form.addRow(self._rl, self.repeat)
        layout.addLayout(form)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        if keyring_available:
            self.explain.setText(
                self.tr(
                    "Your data is encrypted. The key is kept in your system keyring, so "
                    "ContractDesk opens without asking. Choose a passphrase instead if you prefer "
                    "to type one."
                )
            )
        else:
            self.explain.setText(
                self.tr(
                    "Your data is encrypted. No system keyring is available here, so choose a "
                    "passphrase: you will type it each time ContractDesk starts. It cannot be "
                    "recovered if lost."
                )
            )
            self.use_passphrase.setChecked(True)
            self.use_passphrase.setEnabled(False)
        for w in (self.use_passphrase,):
            w.toggled.connect(self._update)
        self.passphrase.textChanged.connect(self._update)
        self.repeat.textChanged.connect(self._update)
        self._update()

    def wants_passphrase(self) -> bool:
        return self.use_passphrase.isChecked()

    def _update(self) -> None:
        on = self.wants_passphrase()
        for w in (self.passphrase, self.repeat, self._pl, self._rl):
            w.setEnabled(on)
        if on and self.passphrase.text() and len(self.passphrase.text()) < MIN_PASSPHRASE:
            self.hint.setText(self.tr("Use at least %n character(s).", "", MIN_PASSPHRASE))
        elif on and self.repeat.text() and self.repeat.text() != self.passphrase.text():
            self.hint.setText(self.tr("The two passphrases differ."))
        else:
            self.hint.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if not self.wants_passphrase():
            return True
        text = self.passphrase.text()
        return len(text) >= MIN_PASSPHRASE and text == self.repeat.text()


class FirstRunWizard(QWizard):
    """Collects the supplier profile and the unlock method; ``result_value()`` after ``exec()``."""

    def __init__(self, keyring_available: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to ContractDesk"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.mode_page = ModePage()
        self.profile_page = _ProfilePage()
        self.protection_page = _ProtectionPage(keyring_available)
        self.server_page = ServerPage()
        self.MODE = self.addPage(self.mode_page)
        self.PROFILE = self.addPage(self.profile_page)
        self.PROTECTION = self.addPage(self.protection_page)
        self.SERVER = self.addPage(self.server_page)
        self.keyring_available = keyring_available
        self.restore_request: RestoreRequest | None = None
        self.profile_page.restore_button.clicked.connect(self._restore_clicked)

    def nextId(self) -> int:
        """Team mode goes from the choice to the server page; the local store through the
        profile and protection pages."""
        current = self.currentId()
        if current == self.MODE:
            return self.SERVER if self.mode_page.shared() else self.PROFILE
        if current in (self.PROTECTION, self.SERVER):
            return -1
        return super().nextId()

    def _restore_clicked(self) -> None:
        dialog = RestoreDialog(needs_new_passphrase=not self.keyring_available, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.restore_request = dialog.request()
        self.accept()

    def result_value(self) -> WizardResult:
        if self.restore_request is not None:
            return WizardResult(None, None, self.restore_request)
        if self.mode_page.shared():
            return WizardResult(None, None, server=self.server_page.setup())
        passphrase = (
            self.protection_page.passphrase.text()
            if self.protection_page.wants_passphrase()
            else None
        )
        return WizardResult(self.profile_page.form.profile().validated(), passphrase)
