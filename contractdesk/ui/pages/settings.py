"""Settings: the supplier profile, agreement documents, language, how the store is unlocked,
backups, invoicing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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

from contractdesk.ui.errors import present_error, user_message
from contractdesk.ui.files import in_documents
from contractdesk.ui.pages.base import Page
from contractdesk.ui.tasks import op
from contractdesk.ui.widgets.document_settings import DocumentSettingsBox
from contractdesk.ui.widgets.invoicing_settings import InvoicingSettingsBox
from contractdesk.ui.widgets.status_line import reserve_lines
from contractdesk.ui.widgets.supplier_form import SupplierForm

if TYPE_CHECKING:
    from contractdesk.services.context import Services
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
        # Enter in any field saves, as in a dialog with a default button
        for field in self.supplier_form.findChildren(QLineEdit):
            field.returnPressed.connect(self._save_on_enter)
        self.saved_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.saved_label, 1)
        box_layout.addWidget(self.supplier_form)
        box_layout.addLayout(row)
        layout.addWidget(self.supplier_box)
        self.documents_box = DocumentSettingsBox()
        layout.addWidget(self.documents_box)

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
        self.backup_label = QLabel()
        self.backup_label.setWordWrap(True)
        self.status_label = QLabel()
        reserve_lines(self.status_label)  # a message never moves the buttons
        self.status_label.setWordWrap(True)
        self.passphrase_button = QPushButton()
        self.passphrase_button.clicked.connect(self._set_passphrase)
        self.keyring_button = QPushButton()
        self.keyring_button.clicked.connect(self._use_keyring)
        self.backup_button = QPushButton()
        self.backup_button.clicked.connect(self._create_backup)
        self.restore_button = QPushButton()
        self.restore_button.clicked.connect(self._restore)
        self.auto_button = QPushButton()
        self.auto_button.clicked.connect(self._choose_auto_folder)
        self.sheet_button = QPushButton()
        self.sheet_button.clicked.connect(self._recovery_sheet)
        sec.addWidget(self.security_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.passphrase_button)
        buttons.addWidget(self.keyring_button)
        buttons.addStretch(1)
        sec.addLayout(buttons)
        sec.addWidget(self.backup_label)
        backup_buttons = QHBoxLayout()
        for button in (
            self.backup_button,
            self.restore_button,
            self.auto_button,
            self.sheet_button,
        ):
            backup_buttons.addWidget(button)
        backup_buttons.addStretch(1)
        sec.addLayout(backup_buttons)
        sec.addWidget(self.status_label)
        self.task_pool: Any = None  # None: the global thread pool; tests pass a SyncPool
        self.busy = False
        layout.addWidget(self.security_box)
        self.invoicing_box = InvoicingSettingsBox()
        layout.addWidget(self.invoicing_box)
        layout.addStretch(1)
        self._select_language()
        self.retranslate()

    def title(self) -> str:
        return self.tr("Settings")

    def _save_on_enter(self) -> None:
        if self.save_button.isEnabled():
            self.save_button.click()

    def retranslate(self) -> None:
        self.supplier_box.setTitle(self.tr("Your business (supplier)"))
        self.save_button.setText(self.tr("&Save"))
        self.language_box.setTitle(self.tr("Language"))
        self.language_label.setText(self.tr("&Language"))
        self.security_box.setTitle(self.tr("Security and backup"))
        self.passphrase_button.setText(self.tr("Set a &passphrase…"))
        self.keyring_button.setText(self.tr("Use the system &keyring"))
        self.backup_button.setText(self.tr("Create &backup…"))
        self.restore_button.setText(self.tr("&Restore from a backup…"))
        self.auto_button.setText(self.tr("&Automatic backups…"))
        self.sheet_button.setText(self.tr("Recovery &sheet…"))
        self.supplier_form.retranslate()
        self.invoicing_box.retranslate()
        self.documents_box.retranslate()
        self._describe_security()

    def set_services(self, services: Services) -> None:
        super().set_services(services)
        supplier = services.supplier
        op(self, supplier.get).success(self.supplier_form.set_profile).run_in_background()
        self.invoicing_box.set_services(services)
        self.documents_box.set_services(services)
        self._describe_security()

    def _describe_security(self) -> None:
        if self.services is None:
            self.security_label.setText("")
            return
        info = self.services.safety.info()
        source = info.key_source
        how = {
            "keyring": self.tr("the system keyring (no passphrase needed)"),
            "passphrase": self.tr("a passphrase, asked at start-up"),
            "memory": self.tr("a temporary key (demo data, discarded on exit)"),
            "server": self.tr("your login on the team's server"),
        }.get(source, source)
        self.security_label.setText(
            self.tr("Store: %1\nUnlocked by: %2").replace("%1", str(info.path)).replace("%2", how)
        )
        real = source != "memory"
        self.passphrase_button.setText(
            self.tr("Change the &passphrase…")
            if source == "passphrase"
            else self.tr("Set a &passphrase…")
        )
        self.keyring_button.setVisible(source == "passphrase")
        for button in (
            self.passphrase_button,
            self.keyring_button,
            self.backup_button,
            self.restore_button,
            self.auto_button,
            self.sheet_button,
        ):
            button.setEnabled(real and not self.busy)
        config = self.services.backups.auto_config() if real else None
        if config is None or config.folder is None:
            self.backup_label.setText(
                self.tr("Automatic backups are off: choose a folder (a synced folder works).")
            )
        else:
            last = config.last.astimezone().strftime("%Y-%m-%d %H:%M") if config.last else "-"
            self.backup_label.setText(
                self.tr("Automatic backups: daily into %1 (7 daily and 12 monthly kept); last %2.")
                .replace("%1", str(config.folder))
                .replace("%2", last)
            )
        if info.damaged:
            self.status_label.setText(
                self.tr("The store is damaged and read-only: restore it from a backup.")
            )

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
            .failure(
                lambda exc: present_error(
                    self, exc, title=self.tr("Not saved"), reload=self._reload_supplier
                )
            )
            .run_in_background()
        )

    def _reload_supplier(self) -> None:
        """After a conflict: the profile as a colleague saved it (the edits here are dropped)."""
        if self.services is not None:
            self.supplier_form.set_profile(self.services.supplier.get())

    # -- background work ------------------------------------------------------------------------

    def _run(self, work: Any, done_text: str, on_success: Any = None) -> None:
        """Run slow work (Argon2, backups, PDFs) off the GUI thread; report on the GUI thread."""
        self.busy = True
        self._describe_security()
        self.status_label.setText(self.tr("Working…"))

        def succeeded(result: Any) -> None:
            self.status_label.setText(done_text)
            if on_success is not None:
                on_success(result)

        def failed(exc: BaseException) -> None:
            self.status_label.setText(user_message(exc))
            present_error(self, exc, title=self.tr("Not done"))

        def finished() -> None:
            self.busy = False
            self._describe_security()

        (
            op(self, work)
            .success(succeeded)
            .failure(failed)
            .finished(finished)
            .with_progress(self.tr("Working…"))
            .with_pool(self.task_pool)
            .run_in_background()
        )

    def _set_passphrase(self) -> None:
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
        backups = self.services.backups
        self._run(
            lambda: backups.change_passphrase(first),
            self.tr("From now on ContractDesk asks for this passphrase when it starts."),
        )

    def _use_keyring(self) -> None:
        if self.services is None:
            return
        backups = self.services.backups
        self._run(
            backups.use_keyring,
            self.tr("The key is in the system keyring now: no passphrase is asked at start-up."),
        )

    def _create_backup(self) -> None:
        if self.services is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save backup as"),
            in_documents("contractdesk-backup.cdbackup"),
            self.tr("ContractDesk backup (*.cdbackup *.db)"),
        )
        if not path:
            return
        passphrase, ok = QInputDialog.getText(
            self,
            self.tr("Backup passphrase"),
            self.tr("Passphrase for this backup (empty: the recovery key opens it):"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        backups = self.services.backups
        self._run(
            lambda: backups.create(path, passphrase or None),
            self.tr("The backup was written and checked."),
        )

    def _restore(self) -> None:
        from contractdesk.ui.backup_dialogs import RestoreDialog

        dialog = RestoreDialog(needs_new_passphrase=False, parent=self)
        if dialog.exec() != RestoreDialog.DialogCode.Accepted:
            return
        handler = getattr(self.window(), "restore_handler", None)
        if handler is not None:
            handler(dialog.request())

    def _choose_auto_folder(self) -> None:
        if self.services is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for automatic backups (a synced folder works)"), in_documents()
        )
        if not folder:
            return
        backups = self.services.backups

        def work() -> Any:
            backups.set_auto_folder(folder)
            return backups.run_auto_now()

        self._run(work, self.tr("Automatic backups are on; the first one was written."))

    def _recovery_sheet(self) -> None:
        if self.services is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the recovery sheet as"),
            in_documents("recovery-sheet.pdf"),
            "PDF (*.pdf)",
        )
        if not path:
            return
        backups = self.services.backups
        profile = self.services.supplier.get()
        business = profile.name if profile is not None else ""
        self._run(
            lambda: backups.write_recovery_sheet(path, business),
            self.tr("Recovery sheet written: print it and keep it somewhere safe."),
        )
