"""Invoicing settings and recipients: numbering, first number, account, buyer reference."""

from __future__ import annotations

from datetime import date

from contractdesk.domain.invoicing.runs import (
    InvalidAccountNumber,
    NumberingMode,
    Seller,
    account_number,
)
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.services.invoice_runs.views import InvoicingSettings
from contractdesk.services.settings import SettingsService
from contractdesk.services.supplier import SupplierService
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.queries import invoice_runs as q

KEY_NUMBERING = "invoicing.numbering"
KEY_FIRST_NUMBER = "invoicing.first_number"
KEY_ACCOUNT = "invoicing.account_number"
KEY_REGISTER = "invoicing.business_register"
KEY_RUNS_FROM = "invoicing.runs_from"
MAX_FIRST_NUMBER = 99_999_999


class InvoicingSetup:
    """The settings side of invoice runs (a base of :class:`InvoiceRunService`)."""

    store: Store
    _settings: SettingsService
    _supplier: SupplierService

    # settings -------------------------------------------------------------------------

    def settings(self) -> InvoicingSettings:
        """The numbering mode, first number, account number and register flag."""
        values = self._settings.all()
        try:
            mode = NumberingMode.parse(str(values.get(KEY_NUMBERING) or "contractdesk"))
        except ValueError:
            mode = NumberingMode.CONTRACTDESK
        first = values.get(KEY_FIRST_NUMBER)
        register = values.get(KEY_REGISTER)
        try:
            runs_from = date.fromisoformat(str(values.get(KEY_RUNS_FROM) or ""))
        except ValueError:
            runs_from = None
        return InvoicingSettings(
            mode,
            int(first) if isinstance(first, int) and first > 0 else 1,
            str(values.get(KEY_ACCOUNT) or ""),
            True if register is None else bool(register),
            runs_from,
        )

    def set_runs_from(self, day: date | None, *, actor: str = "owner") -> InvoicingSettings:
        """Runs take planned documents dated on or after ``day`` only (``None``: all); documents
        dated before it were invoiced outside ContractDesk."""
        self._settings.set(KEY_RUNS_FROM, None if day is None else day.isoformat(), actor=actor)
        return self.settings()

    def set_start_number(self, number: int, *, actor: str = "owner") -> InvoicingSettings:
        """Set the series' first number; refused once any document carries a number.

        Raises:
            UserError: not 1 … 99,999,999, or numbers have been given already.
        """
        if not isinstance(number, int) or not 1 <= number <= MAX_FIRST_NUMBER:
            raise UserError(
                fill(
                    translate("InvoiceRuns", "The first invoice number must be 1 … %1."),
                    MAX_FIRST_NUMBER,
                ),
                field="first_number",
            )
        with self.store.read_session() as s:
            given = q.numbered_documents(s)
        if given:
            raise UserError(
                translate(
                    "InvoiceRuns",
                    "The first invoice number is fixed once invoices have numbers; "
                    "the series continues from the last number.",
                ),
                field="first_number",
            )
        self._settings.set(KEY_FIRST_NUMBER, number, actor=actor)
        return self.settings()

    def set_account_number(self, text: str, *, actor: str = "owner") -> InvoicingSettings:
        """Set the supplier's bank account (checked with ``stdnum.no.kontonr``).

        Raises:
            UserError: not a valid Norwegian account number.
        """
        try:
            digits = account_number(text)
        except InvalidAccountNumber:
            raise UserError(
                fill(
                    translate("InvoiceRuns", "%1 is not a valid Norwegian account number."),
                    text.strip(),
                ),
                field="account_number",
            ) from None
        self._settings.set(KEY_ACCOUNT, digits, actor=actor)
        return self.settings()

    def set_numbering(
        self, mode: NumberingMode | str, *, actor: str = "owner"
    ) -> InvoicingSettings:
        """Choose who numbers invoices: ``contractdesk`` or ``accounting``."""
        try:
            value = NumberingMode.parse(str(mode))
        except ValueError as exc:
            raise UserError(str(exc), field="numbering") from None
        self._settings.set(KEY_NUMBERING, value.value, actor=actor)
        return self.settings()

    def set_business_register(self, registered: bool, *, actor: str = "owner") -> InvoicingSettings:
        """Whether the supplier is in Foretaksregisteret (then every invoice says so)."""
        self._settings.set(KEY_REGISTER, bool(registered), actor=actor)
        return self.settings()

    def set_recipient(
        self,
        org_number: str,
        *,
        buyer_reference: str | None = None,
        email: str | None = None,
        actor: str = "owner",
    ) -> tuple[str, str]:
        """Set a customer's own buyer reference and/or invoice e-mail ("" clears it; ``None``
        keeps it); later runs freeze them instead of the main contact's name and e-mail.

        Returns:
            The buyer reference and e-mail now stored.

        Raises:
            UserError: a control character, too long, or not an e-mail address.
            NotFoundError: no such customer.
        """
        from contractdesk.services.validation import clean_text, normalise_email
        from contractdesk.store.queries.customers import customer_by_org_number

        reference = None
        if buyer_reference is not None:
            reference = clean_text(
                buyer_reference,
                field=translate("InvoiceRuns", "Buyer reference"),
                max_len=200,
            )
        address = None
        if email is not None:
            address = normalise_email(email) if email.strip() else ""
        with self.store.session() as s:
            customer = customer_by_org_number(s, org_number)
            old_reference, old_email = q.recipient_of(s, customer.id)
            new = (
                old_reference if reference is None else reference,
                old_email if address is None else address,
            )
            before = q.set_recipient(s, customer.id, *new)
            audit.append(
                s,
                actor=actor,
                action="invoices.recipient_changed",
                entity_type="customer",
                entity_id=customer.org_number,
                payload={"before": before, "after": {"buyer_reference": new[0], "email": new[1]}},
            )
        return new

    # internals ------------------------------------------------------------------------

    def _seller(self, config: InvoicingSettings) -> Seller:
        profile = self._supplier.get()
        if profile is None:
            raise UserError(
                translate("InvoiceRuns", "Enter the supplier's details in Settings first."),
                field="supplier",
            )
        if not config.account_number:
            raise UserError(
                translate(
                    "InvoiceRuns",
                    "Set the supplier's bank account number first (Settings → Invoicing, "
                    "or contractdesk invoices settings --account NUMBER).",
                ),
                field="account_number",
            )
        return Seller(
            org_number=profile.org_number,
            name=profile.name,
            address_lines=tuple(profile.address_lines),
            postcode=profile.postcode,
            city=profile.city,
            country_code="NO",
            email=profile.email,
            phone=profile.phone,
            account_number=config.account_number,
            in_business_register=config.business_register,
        )
