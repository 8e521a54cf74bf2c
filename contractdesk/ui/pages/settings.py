"""Settings: the supplier profile, language, how the store is unlocked, backups, invoicing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, Signal
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

from contractdesk.ui.pages.base import Page
from contractdesk.ui.widgets.invoicing_settings import InvoicingSettingsBox
from contractdesk.ui.widgets.supplier_form import SupplierForm


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
        sec.addWidget(self.security_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.passphrase_button)
        buttons.addWidget(self.backup_button)
        buttons.addStretch(1)
        sec.addLayout(buttons)
        layout.addWidget(self.security_box)
        self.invoicing_box = InvoicingSettingsBox()
        layout.addWidget(self.invoicing_box)
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
        self.invoicing_box.retranslate()
        self._describe_security()

    def set_services(self, services: Any) -> None:
        super().set_services(services)
        self.supplier_form.set_profile(services.supplier.get())
        if hasattr(services, "invoice_runs"):
            self.invoicing_box.set_services(services)
        self._describe_security()

    def _describe_security(self) -> None:
        if self.services is None:
            self.security_label.setText("")
            return
        source = self.services.store.key_source
        how = {
            "keyring": self.tr("the system keyring (no passphrase needed)"),
            "passphrase": self.tr("a passphrase, asked at start-up"),
            "memory": self.tr("a temporary key (demo data, discarded on exit)"),
        }.get(source, source)
        self.security_label.setText(
            self.tr("Store: %1\nUnlocked by: %2")
            .replace("%1", str(self.services.store.path))
            .replace("%2", how)
        )
        self.passphrase_button.setEnabled(self.services.store.key_source != "memory")

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
        from contractdesk.services.errors import UserError

        if self.services is None:
            return
        try:
            saved = self.services.supplier.save(self.supplier_form.profile())
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return
        self.supplier_form.set_profile(saved)
        self.saved_label.setText(self.tr("Saved."))

    def _set_passphrase(self) -> None:
        from contractdesk.store.profile import change_to_passphrase

        if self.services is None:
            return
        first, ok = QInputDialog.getText(
            self,
            self.tr("New passphrase"),
            self.tr("New passphrase (at least 8 characters):"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        second, ok = QInputDialog.getText(
            self,
            self.tr("New passphrase"),
            self.tr("Repeat the passphrase:"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        if len(first) < 8 or first != second:
            QMessageBox.warning(
                self,
                self.tr("Passphrase not changed"),
                self.tr("The passphrases differ or are shorter than 8 characters."),
            )
            return
        change_to_passphrase(self.services.paths, self.services.store.key_for_backup(), first)
        self.services.store.key_source = "passphrase"
        self._describe_security()
        QMessageBox.information(
            self,
            self.tr("Passphrase set"),
            self.tr("From now on ContractDesk asks for this passphrase when it starts."),
        )

    def _create_backup(self) -> None:
        from contractdesk.store.backup import create_backup
        from contractdesk.store.errors import StoreError

        if self.services is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save backup as"),
            "contractdesk-backup.db",
            self.tr("ContractDesk backup (*.db)"),
        )
        if not path:
            return
        passphrase, ok = QInputDialog.getText(
            self,
            self.tr("Backup passphrase"),
            self.tr("Passphrase for this backup (needed to restore it):"),
            QLineEdit.EchoMode.Password,
        )
        if not ok or not passphrase:
            return
        try:
            create_backup(self.services.store, path, passphrase)
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("Backup failed"), str(exc))
            return
        QMessageBox.information(
            self, self.tr("Backup written"), self.tr("The backup was written and checked.")
        )
