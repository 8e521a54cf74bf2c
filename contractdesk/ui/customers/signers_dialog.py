"""Confirming by hand who may sign, where the registry gives no usable signing rule."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from contractdesk.errors import ConflictError
from contractdesk.ui.tasks import run_task

if TYPE_CHECKING:
    from contractdesk.services.context import Services
    from contractdesk.services.customers import CustomerView


class ConfirmSignersDialog(QDialog):
    """One line per group of people who sign together (names joined by "+"), and who said so.

    Signals:
        confirmed(object): the customer's card after the confirmation was recorded.
    """

    confirmed = Signal(object)

    def __init__(
        self,
        services: Services,
        view: CustomerView,
        parent: QWidget | None = None,
        *,
        pool: Any = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.view = view
        self.conflict_box: Any = None  # the "someone else changed this" box, when shown
        self.pool = pool
        self.task: Any = None
        layout = QVBoxLayout(self)
        self.rule_label = QLabel()
        self.rule_label.setTextFormat(Qt.TextFormat.PlainText)
        self.rule_label.setWordWrap(True)
        layout.addWidget(self.rule_label)
        form = QFormLayout()
        self.sets_edit = QPlainTextEdit()
        self.sets_edit.setObjectName("signerSets")
        rule = view.signing_rule
        known = rule.confirmed_sets or rule.signer_sets
        if not known:
            known = tuple((s.name,) for s in view.signatories)
        self.sets_edit.setPlainText("\n".join(" + ".join(names) for names in known))
        self.by_edit = QLineEdit(rule.confirmed_by)
        self.by_edit.setObjectName("confirmedBy")
        self.sets_caption = QLabel()
        self.by_caption = QLabel()
        self.sets_caption.setBuddy(self.sets_edit)
        self.by_caption.setBuddy(self.by_edit)
        form.addRow(self.sets_caption, self.sets_edit)
        form.addRow(self.by_caption, self.by_edit)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setObjectName("signersMessage")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(560, 360)
        self.retranslate()

    def signer_sets(self) -> list[list[str]]:
        lines = self.sets_edit.toPlainText().splitlines()
        return [[n.strip() for n in line.split("+") if n.strip()] for line in lines if line.strip()]

    def save(self) -> None:
        sets, who, number = self.signer_sets(), self.by_edit.text(), self.view.org_number
        version = self.view.version  # the customer as this dialog shows it
        self.buttons.setEnabled(False)

        def work(_progress: Any, _cancel: Any) -> Any:
            return self.services.customers.confirm_signers(
                number, sets, confirmed_by=who, expected_version=version
            )

        def succeeded(view: Any) -> None:
            self.confirmed.emit(view)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            self.message.setText(str(exc))
            if isinstance(exc, ConflictError):  # a colleague confirmed or refreshed meanwhile
                from contractdesk.ui.errors import present_error

                self.conflict_box = present_error(self, exc, reload=self.reload)

        self.task = run_task(work, on_success=succeeded, on_failure=failed, pool=self.pool)

    def reload(self) -> None:
        """After a conflict: the customer as stored now (the edits here are dropped)."""
        self.view = self.services.customers.get(self.view.org_number)
        rule = self.view.signing_rule
        known = rule.confirmed_sets or rule.signer_sets
        if not known:
            known = tuple((s.name,) for s in self.view.signatories)
        self.sets_edit.setPlainText("\n".join(" + ".join(names) for names in known))
        self.by_edit.setText(rule.confirmed_by)
        self.message.clear()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Confirm who may sign"))
        rule = self.view.signing_rule
        self.rule_label.setText(
            self.tr("The registry's rule: %1").replace("%1", rule.display_text or "—")
        )
        self.sets_caption.setText(self.tr("Who signs (one group per line, names joined by +):"))
        self.by_caption.setText(self.tr("Confirmed by:"))
