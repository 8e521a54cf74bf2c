"""The supplier profile form, shared by the first-run wizard and the Settings page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from contractdesk.domain.orgnr import InvalidOrgNumber, format_org_number, parse_org_number

if TYPE_CHECKING:  # the services (and SQLAlchemy) load after the window has painted
    from contractdesk.services.supplier import SupplierProfile


class SupplierForm(QWidget):
    """Fields of the supplier profile; the org number is checked as the user types.

    Signals:
        validity_changed(bool): the org number and name are (not) acceptable.
    """

    validity_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.version: int | None = None  # the stored profile's version this form shows
        form = QFormLayout(self)
        self.org_number = QLineEdit()
        self.org_number.setPlaceholderText("971 049 669")
        self.org_number_hint = QLabel()
        self.org_number_hint.setObjectName("fieldHint")
        self.name = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(60)
        self.postcode = QLineEdit()
        self.city = QLineEdit()
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.signer_name = QLineEdit()
        self.signer_title = QLineEdit()
        self._labels = [QLabel() for _ in range(9)]
        fields = [
            self.org_number,
            self.name,
            self.address,
            self.postcode,
            self.city,
            self.email,
            self.phone,
            self.signer_name,
            self.signer_title,
        ]
        for label, field in zip(self._labels, fields, strict=False):
            label.setBuddy(field)
            form.addRow(label, field)
            if field is self.org_number:
                form.addRow("", self.org_number_hint)
        self.org_number.textChanged.connect(self._check)
        self.name.textChanged.connect(self._check)
        self.retranslate()
        self._check()

    def retranslate(self) -> None:
        texts = [
            self.tr("&Organisation number"),
            self.tr("&Name"),
            self.tr("&Address"),
            self.tr("&Postcode"),
            self.tr("&City"),
            self.tr("&E-mail"),
            self.tr("&Phone"),
            self.tr("&Signs for the supplier"),
            self.tr("Signer's &title"),
        ]
        for label, text in zip(self._labels, texts, strict=False):
            label.setText(text)
        self._check()

    def _check(self) -> None:
        ok_org = False
        text = self.org_number.text().strip()
        if not text:
            self.org_number_hint.setText(self.tr("Nine digits, as in the Brønnøysund register."))
        else:
            try:
                digits = parse_org_number(text)
            except InvalidOrgNumber:
                self.org_number_hint.setText(
                    self.tr("Not a valid organisation number (check the digits).")
                )
            else:
                ok_org = True
                self.org_number_hint.setText(
                    self.tr("Valid: %1").replace("%1", format_org_number(digits))
                )
        self.validity_changed.emit(ok_org and bool(self.name.text().strip()))

    def is_valid(self) -> bool:
        try:
            parse_org_number(self.org_number.text())
        except InvalidOrgNumber:
            return False
        return bool(self.name.text().strip())

    def profile(self) -> SupplierProfile:
        from contractdesk.services.supplier import SupplierProfile

        lines = tuple(
            line.strip() for line in self.address.toPlainText().splitlines() if line.strip()
        )
        return SupplierProfile(
            org_number=self.org_number.text(),
            name=self.name.text(),
            address_lines=lines,
            postcode=self.postcode.text(),
            city=self.city.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            signer_name=self.signer_name.text(),
            signer_title=self.signer_title.text(),
            version=self.version,
        )

    def set_profile(self, profile: SupplierProfile | None) -> None:
        if profile is None:
            return
        self.version = profile.version  # saved back: a colleague's newer save is not overwritten
        self.org_number.setText(format_org_number(profile.org_number))
        self.name.setText(profile.name)
        self.address.setPlainText("\n".join(profile.address_lines))
        self.postcode.setText(profile.postcode)
        self.city.setText(profile.city)
        self.email.setText(profile.email)
        from contractdesk.services.validation import display_phone

        self.phone.setText(display_phone(profile.phone))
        self.signer_name.setText(profile.signer_name)
        self.signer_title.setText(profile.signer_title)
