"""Restore from a backup (choose the file, type the recovery key or the backup's passphrase), and
a relay that brings background results back to the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from contractdesk.ui.files import in_documents

MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class RestoreRequest:
    """What the user chose: the backup file, its secret, and a passphrase for a new key (if one
    is needed because there is no system keyring)."""

    path: Path
    secret: str
    new_passphrase: str | None = None


class RestoreDialog(QDialog):
    """Asks for a backup file and the recovery key (or the backup passphrase)."""

    def __init__(self, *, needs_new_passphrase: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.needs_new_passphrase = needs_new_passphrase
        layout = QVBoxLayout(self)
        self.explain = QLabel(
            self.tr(
                "Choose a backup file (automatic backups are named contractdesk-auto-….cdbackup) "
                "and type the recovery key from your recovery sheet, or the passphrase the backup "
                "was made with. The current data, if any, is kept as a copy in backups/."
            )
        )
        self.explain.setWordWrap(True)
        layout.addWidget(self.explain)
        form = QFormLayout()
        self.file = QLineEdit()
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        file_label = QLabel(self.tr("Backup &file"))
        file_label.setBuddy(self.file)
        form.addRow(file_label, row)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        secret_label = QLabel(self.tr("Recovery &key or backup passphrase"))
        secret_label.setBuddy(self.secret)
        form.addRow(secret_label, self.secret)
        self.new_passphrase = QLineEdit()
        self.new_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_label = QLabel(self.tr("&New passphrase for this computer"))
        self.new_label.setBuddy(self.new_passphrase)
        form.addRow(self.new_label, self.new_passphrase)
        self.new_label.setVisible(needs_new_passphrase)
        self.new_passphrase.setVisible(needs_new_passphrase)
        layout.addLayout(form)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Restore"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for edit in (self.file, self.secret, self.new_passphrase):
            edit.textChanged.connect(self._update)
        self._update()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a backup"),
            in_documents(),
            self.tr("ContractDesk backups (*.cdbackup *.db);;All files (*)"),
        )
        if path:
            self.file.setText(path)

    def _update(self) -> None:
        ok = bool(self.file.text().strip()) and bool(self.secret.text())
        if self.needs_new_passphrase and len(self.new_passphrase.text()) < MIN_PASSPHRASE:
            ok = False
            if self.new_passphrase.text():
                self.hint.setText(self.tr("Use at least %n character(s).", "", MIN_PASSPHRASE))
        else:
            self.hint.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def request(self) -> RestoreRequest:
        return RestoreRequest(
            Path(self.file.text().strip()),
            self.secret.text(),
            self.new_passphrase.text() if self.needs_new_passphrase else None,
        )


class GuiRelay(QObject):
    """Delivers a background task's outcome to plain Python callbacks on the GUI thread.

    ``run_task`` connects its signals to the callables it is given; a plain function or a method
    of a non-Qt object would run on the worker thread. Connected to this object's slots instead,
    the signals are queued to the thread the relay lives in (the GUI thread).
    """

    def __init__(
        self,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_finished: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_finished = on_finished
        _live_relays.add(self)

    @Slot(object)
    def succeeded(self, result: object) -> None:
        if self._on_success is not None:
            self._on_success(result)

    @Slot(object)
    def failed(self, exc: object) -> None:
        if self._on_failure is not None and isinstance(exc, BaseException):
            self._on_failure(exc)

    @Slot()
    def finished(self) -> None:
        try:
            if self._on_finished is not None:
                self._on_finished()
        finally:
            _live_relays.discard(self)


_live_relays: set[GuiRelay] = set()
