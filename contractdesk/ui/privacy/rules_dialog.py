"""Change the retention periods: one field per rule, with its unit and its source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from contractdesk.errors import UserFacingError
from contractdesk.ui.widgets.status_line import reserve_lines

if TYPE_CHECKING:
    from contractdesk.services.context import Services


class RulesDialog(QDialog):
    """Saves every changed period through ``services.privacy.retention.set_period`` (audited)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Retention periods"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.fields: dict[str, QSpinBox] = {}
        self._rules = services.privacy.retention.rules()
        units = {"days": self.tr("days"), "months": self.tr("months"), "years": self.tr("years")}
        for rule in self._rules:
            spin = QSpinBox()
            spin.setRange(1, 3650)
            spin.setValue(rule.period)
            spin.setSuffix(" " + units[rule.unit.value])
            spin.setToolTip(rule.source)
            source = QLabel(rule.source)
            source.setWordWrap(True)
            source.setStyleSheet("color: #5b6470;")
            box = QVBoxLayout()
            box.addWidget(spin)
            box.addWidget(source)
            holder = QWidget()
            holder.setLayout(box)
            form.addRow(rule.title + ":", holder)
            self.fields[rule.key.value] = spin
        layout.addLayout(form)
        self.error = QLabel()
        reserve_lines(self.error)  # a message never moves the buttons
        self.error.setStyleSheet("color: #b00020;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            for rule in self._rules:
                value = self.fields[rule.key.value].value()
                if value != rule.period:
                    self.services.privacy.retention.set_period(rule.key.value, value)
        except UserFacingError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
