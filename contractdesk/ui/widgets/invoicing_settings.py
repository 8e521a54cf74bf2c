"""Settings → Invoicing: who numbers invoices, the series' first number, the bank account, and
whether the business is in Foretaksregisteret (used by every invoice run)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from contractdesk.errors import UserFacingError
from contractdesk.ui.widgets.service_dialogs import date_edit, pydate, qdate
from contractdesk.ui.widgets.status_line import reserve_lines

if TYPE_CHECKING:
    from contractdesk.services.context import Services


class InvoicingSettingsBox(QGroupBox):
    """The invoicing settings of the open store; ``save()`` applies what changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        self._loaded: Any = None
        form = QFormLayout(self)
        self.numbering = QComboBox()
        self.numbering.addItem("", "contractdesk")
        self.numbering.addItem("", "accounting")
        self.first_number = QSpinBox()
        self.first_number.setRange(1, 99_999_999)
        self.account = QLineEdit()
        self.account.setPlaceholderText("1234.56.78903")
        self.register = QCheckBox()
        self.labels = [QLabel() for _ in range(3)]
        for label, field in zip(
            self.labels, (self.numbering, self.first_number, self.account), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.register)
        self.limit_runs = QCheckBox()
        self.runs_from = date_edit(date.today())
        self.runs_from.setEnabled(False)
        self.limit_runs.toggled.connect(self.runs_from.setEnabled)
        limit_row = QHBoxLayout()
        limit_row.addWidget(self.limit_runs)
        limit_row.addWidget(self.runs_from)
        limit_row.addStretch(1)
        form.addRow("", limit_row)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        reserve_lines(self.message)  # a message never moves the buttons
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.message, 1)
        form.addRow(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Invoicing"))
        self.numbering.setItemText(0, self.tr("ContractDesk numbers invoices (with KID)"))
        self.numbering.setItemText(1, self.tr("The accounting system numbers invoices"))
        self.labels[0].setText(self.tr("&Numbering"))
        self.labels[1].setText(self.tr("&First invoice number"))
        self.labels[2].setText(self.tr("&Bank account"))
        self.register.setText(self.tr("Registered in Foretaksregisteret (printed on invoices)"))
        self.save_button.setText(self.tr("Save &invoicing"))
        self.limit_runs.setText(self.tr("Runs take invoices &dated from"))
        self.limit_runs.setToolTip(
            self.tr("Planned invoices dated earlier were invoiced outside ContractDesk")
        )
        self.first_number.setToolTip(
            self.tr("Set once: fixed as soon as the first invoice has its number.")
        )

    def set_services(self, services: Services) -> None:
        self.services = services
        self.load()

    def load(self) -> None:
        if self.services is None:
            return
        settings = self.services.invoice_runs.settings()
        self._loaded = settings
        self.numbering.setCurrentIndex(max(self.numbering.findData(settings.numbering.value), 0))
        self.first_number.setValue(settings.first_number)
        if settings.account_number:
            from contractdesk.domain.invoicing.runs import format_account_number

            self.account.setText(format_account_number(settings.account_number))
        else:
            self.account.clear()
        self.register.setChecked(settings.business_register)
        self.limit_runs.setChecked(settings.runs_from is not None)
        if settings.runs_from is not None:
            self.runs_from.setDate(qdate(settings.runs_from))

    def save(self) -> bool:
        """Apply the changed fields; a refused one is named in the message line."""
        if self.services is None or self._loaded is None:
            return False
        runs = self.services.invoice_runs
        old = self._loaded
        try:
            if str(self.numbering.currentData()) != old.numbering.value:
                runs.set_numbering(str(self.numbering.currentData()))
            if self.first_number.value() != old.first_number:
                runs.set_start_number(self.first_number.value())
            if (
                self.account.text().strip()
                and "".join(ch for ch in self.account.text() if ch.isdigit()) != old.account_number
            ):
                runs.set_account_number(self.account.text())
            if self.register.isChecked() != old.business_register:
                runs.set_business_register(self.register.isChecked())
            runs_from = pydate(self.runs_from) if self.limit_runs.isChecked() else None
            if runs_from != old.runs_from:
                runs.set_runs_from(runs_from)
        except UserFacingError as exc:
            self.message.setText(str(exc))
            self.load()
            return False
        self.load()
        self.message.setText(self.tr("Saved."))
        return True
