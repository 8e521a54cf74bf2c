"""Settings: the supplier profile, language, how the store is unlocked, and backups."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from contractdesk.ui.errors import present_error
from contractdesk.ui.pages.base import Page
from contractdesk.ui.tasks import Task, op
from contractdesk.ui.widgets.supplier_form import SupplierForm

if TYPE_CHECKING:
    from contractdesk.services.context import Services
    from contractdesk.services.safety import StoreInfo
    from contractdesk.services.supplier import SupplierProfile


class SettingsPage(Page):
    """Signals:
    language_changed(str): the user chose ``nb`` or ``en``.
    """

    page_id = "settings"
    language_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        inner = QWidget()
        scroll.setWidget(inner)
        layout = QVBoxLayout(inner)

        self.supplier_box = QGroupBox()
        box_layout = QVBoxLayout(self.supplier_box)
        self.supplier_form = SupplierForm()
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self._save_supplier)
        self.supplier_form.validity_changed.connect(self.save_button.setEnabled)
        self.saved_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.saved_label, 1)
        box_layout.addWidget(self.supplier_form)
        box_layout.addLayout(row)
        layout.addWidget(self.supplier_box)

        self.language_box = QGroupBox()
        lang_form = QFormLayout(self.language_box)
        self.language = QComboBox()
        self.language.addItem("Norsk (bokmål)", "nb")
        self.language.addItem("English", "en")
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        lang_form.addRow(self.language_label, self.language)
        self.language.currentIndexChanged.connect(self._language_chosen)
        layout.addWidget(self.language_box)

        self.security_box = QGroupBox()
        sec = QVBoxLayout(self.security_box)
        self.security_label = QLabel()
        self.security_label.setWordWrap(True)
        self.passphrase_button = QPushButton()
        self.passphrase_button.clicked.connect(self._set_passphrase)
        self.backup_button = QPushButton()
        self.backup_button.clicked.connect(self._create_backup)
        self.backup_label = QLabel()
        self.backup_label.setObjectName("backupStatus")
        sec.addWidget(self.security_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.passphrase_button)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.backup_label, 1)
        sec.addLayout(buttons)
        layout.addWidget(self.security_box)
        layout.addStretch(1)
        self._select_language()
        self.retranslate()

    def title(self) -> str:
        return self.tr("Settings")

    def retranslate(self) -> None:
        self.supplier_box.setTitle(self.tr("Your business (supplier)"))
        self.save_button.setText(self.tr("&Save"))
        self.language_box.setTitle(self.tr("Language"))
        self.language_label.setText(self.tr("&Language"))
        self.security_box.setTitle(self.tr("Security and backup"))
        self.passphrase_button.setText(self.tr("Set a &passphrase…"))
        self.backup_button.setText(self.tr("Create &backup…"))
        self.supplier_form.retranslate()
        self._describe_security()

    def set_services(self, services: Services) -> None:
        super().set_services(services)
        supplier = services.supplier
        op(self, supplier.get).success(self.supplier_form.set_profile).run_in_background()
        self._describe_security()

    def _describe_security(self) -> None:
        if self.services is None:
            self.security_label.setText("")
            return
        info = self.services.safety.info()
        how = {
            "keyring": self.tr("the system keyring (no passphrase needed)"),
            "passphrase": self.tr("a passphrase, asked at start-up"),
            "memory": self.tr("a temporary key (demo data, discarded on exit)"),
        }.get(info.key_source, info.key_source)
        self.security_label.setText(
            self.tr("Store: %1\nUnlocked by: %2").replace("%1", str(info.path)).replace("%2", how)
        )
        self.passphrase_button.setEnabled(info.key_source != "memory")

    def _select_language(self) -> None:
        from contractdesk.ui.i18n import chosen_language

        index = self.language.findData(chosen_language())
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(index, 0))
        self.language.blockSignals(False)

    def _language_chosen(self) -> None:
        code = str(self.language.currentData())
        QSettings().setValue("language", code)
        self.language_changed.emit(code)

    def _save_supplier(self) -> None:
        if self.services is None:
            return
        supplier, profile = self.services.supplier, self.supplier_form.profile()

        def saved(result: SupplierProfile) -> None:
            self.supplier_form.set_profile(result)
            self.saved_label.setText(self.tr("Saved."))

        (
            op(self, lambda: supplier.save(profile))
            .success(saved)
            .failure(lambda exc: present_error(self, exc, title=self.tr("Not saved")))
            .run_in_background()
        )

    def _set_passphrase(self) -> Task[StoreInfo] | None:
        """Ask twice, then wrap the key with the new passphrase in the background (Argon2id)."""
        if self.services is None:
            return None
        first, ok = QInputDialog.getText(
            self,
            self.tr("New passphrase"),
            self.tr("New passphrase (at least 8 characters):"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return None
        second, ok = QInputDialog.getText(
            self,
            self.tr("New passphrase"),
            self.tr("Repeat the passphrase:"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return None
        return self.set_passphrase(first, second)

    def set_passphrase(self, first: str, second: str) -> Task[StoreInfo] | None:
        if self.services is None:
            return None
        safety = self.services.safety

        def done(_info: StoreInfo) -> None:
            self._describe_security()
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Passphrase set"),
                self.tr("From now on ContractDesk asks for this passphrase when it starts."),
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

        return (
            op(self, lambda: safety.set_passphrase(first, second))
            .success(done)
            .failure(
                lambda exc: present_error(self, exc, title=self.tr("Passphrase not changed"))
            )
            .with_progress(self.tr("Setting the passphrase…"))
            .run_in_background()
        )

    def _create_backup(self) -> Task[Path] | None:
        if self.services is None:
            return None
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save backup as"),
            "contractdesk-backup.db",
            self.tr("ContractDesk backup (*.db)"),
        )
        if not path:
            return None
        passphrase, ok = QInputDialog.getText(
            self,
            self.tr("Backup passphrase"),
            self.tr("Passphrase for this backup (needed to restore it):"),
            QLineEdit.EchoMode.Password,
        )
        if not ok or not passphrase:
            return None
        return self.create_backup(path, passphrase)

    def create_backup(self, path: str, passphrase: str) -> Task[Path] | None:
        """Write and check an encrypted backup in the background, with progress."""
        if self.services is None:
            return None
        safety = self.services.safety

        def done(_written: Path) -> None:
            self.backup_label.setText(self.tr("The backup was written and checked."))

        return (
            op(self, lambda: safety.create_backup(path, passphrase))
            .success(done)
            .failure(lambda exc: present_error(self, exc, title=self.tr("Backup failed")))
            .with_progress(self.tr("Writing the backup…"))
            .run_in_background()
        )
