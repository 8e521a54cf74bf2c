"""Record a breach: when discovered, what happened, which systems, sub-processors, customers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from contractdesk.errors import UserFacingError
from contractdesk.ui.widgets.status_line import reserve_lines

if TYPE_CHECKING:
    from contractdesk.services.context import Services


class BreachDialog(QDialog):
    """Calls ``services.privacy.breaches.add`` on OK; ``result_value`` is the new breach's view."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.result_value: Any = None
        self.setWindowTitle(self.tr("Record a breach"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.discovered = QDateTimeEdit(QDateTime.currentDateTime())
        self.discovered.setCalendarPopup(True)
        self.discovered.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.summary = QPlainTextEdit()
        self.summary.setMaximumHeight(90)
        self.systems = QLineEdit()
        self.systems.setPlaceholderText(self.tr("e.g. CRM, e-mail; separated by commas"))
        self.customers = QLineEdit()
        self.customers.setPlaceholderText(self.tr("organisation numbers, separated by spaces"))
        self.subprocessors = QListWidget()
        self.subprocessors.setMaximumHeight(130)
        for sub in services.terms.subprocessors():
            item = QListWidgetItem(sub.name, self.subprocessors)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        form.addRow(self.tr("&Discovered:"), self.discovered)
        form.addRow(self.tr("&What happened:"), self.summary)
        form.addRow(self.tr("S&ystems:"), self.systems)
        form.addRow(self.tr("Sub-&processors involved:"), self.subprocessors)
        form.addRow(self.tr("Other &customers:"), self.customers)
        layout.addLayout(form)
        self.hint = QLabel(
            self.tr(
                "Customers whose data went through a chosen sub-processor are added. "
                "Datatilsynet must be notified within 72 hours of discovery."
            )
        )
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.error = QLabel()
        reserve_lines(self.error)  # a message never moves the buttons
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen_subprocessors(self) -> list[str]:
        out = []
        for row in range(self.subprocessors.count()):
            item = self.subprocessors.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.text())
        return out

    def accept(self) -> None:
        moment = self.discovered.dateTime().toSecsSinceEpoch()
        try:
            self.result_value = self.services.privacy.breaches.add(
                discovered_at=datetime.fromtimestamp(moment, tz=UTC),
                summary=self.summary.toPlainText(),
                systems=[s.strip() for s in self.systems.text().split(",") if s.strip()],
                subprocessors=self.chosen_subprocessors(),
                customers=self.customers.text().replace(",", " ").split(),
            )
        except UserFacingError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
