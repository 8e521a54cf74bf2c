"""The agreement e-mail: to the main contact, as an ``.eml`` draft or sent over SMTP."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contractdesk.domain.orgnr import format_org_number
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.services.smtp_password import PasswordPrompt, resolve_password
from contractdesk.store.engine import Store

from .preparing import parse_org
from .smtp import SendError, SmtpSettings, send_error
from .views import AgreementRef, DraftResult, EmailPreparation, PreparedAgreement, SendResult

if TYPE_CHECKING:
    from contractdesk.output.email import EmailTemplate
    from contractdesk.output.pdf import AgreementInput
    from contractdesk.services.agreements import AgreementService
    from contractdesk.services.people import PeopleService

    from .service import DocumentKind


def _t(text: str, *values: object) -> str:
    return fill(text, *values)


def sheet_filename(org_number: str, terms_label: str) -> str:
    """``Signaturside-923130969-2021-04-17.pdf``."""
    from contractdesk.output.text import safe_filename_part

    return (
        f"Signaturside-{safe_filename_part(org_number, 40)}-"
        f"{safe_filename_part(terms_label, 60)}.pdf"
    )


class MailingUseCases:
    """Agreement e-mails (part of `DocumentService`)."""

    _store: Store
    _people: PeopleService
    _agreements: AgreementService

    if TYPE_CHECKING:  # provided by the other parts of DocumentService

        def prepare(
            self,
            org_number: str,
            terms: str | None = None,
            signatory: int | None = None,
            *,
            agreement: int | str | None = None,
            today: date | None = None,
            actor: str = "owner",
        ) -> PreparedAgreement: ...

        def smtp_settings(self) -> SmtpSettings: ...

        def email_template(self) -> EmailTemplate: ...

        def signature_sheet(
            self, org_number: str, *args: Any, **kwargs: Any
        ) -> tuple[bytes, AgreementRef]: ...

        def _issue(
            self, kind: DocumentKind, prepared: PreparedAgreement, today: date | None, actor: str
        ) -> tuple[bytes, AgreementRef, AgreementInput]: ...

    def recipient(self, org_number: str) -> tuple[str, str]:
        """(e-mail, name) of the customer's main contact.

        Raises:
            UserError: no main contact, or the main contact has no e-mail address.
        """
        org = parse_org(org_number)
        person_id = self._people.main_contact(org)
        if person_id is None:
            raise UserError(
                _t(
                    translate(
                        "DocumentService",
                        "%1 has no main contact: choose one on the customer card first.",
                    ),
                    format_org_number(org),
                )
            )
        person = self._people.get(person_id)
        if person.erased or not person.emails:
            raise UserError(
                _t(
                    translate(
                        "DocumentService",
                        "The main contact %1 has no e-mail address: add one first.",
                    ),
                    person.full_name or person_id,
                )
            )
        return person.emails[0], person.full_name

    def email_message(
        self,
        org_number: str,
        terms: str | None = None,
        signatory: int | None = None,
        *,
        agreement: int | str | None = None,
        today: date | None = None,
        actor: str = "owner",
        with_sheet: bool = False,
    ) -> EmailPreparation:
        """The agreement e-mail to the main contact (template from the settings, PDF attached;
        ``with_sheet``: the signature sheet attached beside it)."""
        from contractdesk.output.email import InvalidAddress, TemplateError, agreement_draft

        email, name = self.recipient(org_number)
        prepared = self.prepare(
            org_number, terms, signatory, agreement=agreement, today=today, actor=actor
        )
        smtp = self.smtp_settings()
        sender = smtp.sender_email or prepared.input.supplier.email
        if not sender:
            raise UserError(
                translate(
                    "DocumentService",
                    "The supplier profile has no e-mail address to send from: "
                    "add one in Settings (or a sender in the e-mail settings).",
                )
            )
        pdf, ref, inp = self._issue("agreement", prepared, today, actor)
        try:
            message = agreement_draft(
                inp,
                pdf,
                email,
                name,
                template=self.email_template(),
                sender_email=sender,
            )
        except InvalidAddress as exc:
            raise UserError(
                _t(translate("DocumentService", "Not a valid e-mail address: %1."), exc.address)
            ) from None
        except TemplateError as exc:
            raise UserError(
                _t(
                    translate("DocumentService", "Unknown fields in the e-mail template: %1."),
                    ", ".join("{" + f + "}" for f in exc.unknown),
                )
            ) from None
        if with_sheet:
            sheet, _ = self.signature_sheet(
                org_number, ref.terms_label, agreement=ref.id, today=today, actor=actor
            )
            message.add_attachment(
                sheet,
                maintype="application",
                subtype="pdf",
                filename=sheet_filename(ref.org_number, ref.terms_label),
            )
        return EmailPreparation(message, ref, email, name, pdf)

    def email_draft(
        self,
        org_number: str,
        path: str | os.PathLike[str],
        terms: str | None = None,
        signatory: int | None = None,
        *,
        agreement: int | str | None = None,
        today: date | None = None,
        actor: str = "owner",
    ) -> DraftResult:
        """Save the agreement e-mail as an ``.eml`` draft (atomically) for the mail program to open.

        The agreement is not marked sent: the person sends it from the mail program.
        """
        from contractdesk.output.atomic import SaveError
        from contractdesk.output.email import save_eml

        prep = self.email_message(
            org_number, terms, signatory, agreement=agreement, today=today, actor=actor
        )
        try:
            written = save_eml(path, prep.message)
        except SaveError as exc:
            raise UserError(str(exc)) from None
        return DraftResult(Path(written), prep.ref, prep.recipient_email, prep.recipient_name)

    def send(
        self,
        org_number: str,
        terms: str | None = None,
        signatory: int | None = None,
        *,
        agreement: int | str | None = None,
        password: str | None = None,
        prompt: PasswordPrompt | None = None,
        today: date | None = None,
        actor: str = "owner",
        ssl_context: Any = None,
        with_sheet: bool = True,
    ) -> SendResult:
        """Send the agreement e-mail over SMTP and mark the agreement sent (date, recipient).

        The signature sheet goes with it (``with_sheet``), as in the e-mail draft: the customer
        prints, signs and returns it.

        The password is the one given, else the keyring's, else ``CONTRACTDESK_SMTP_PASSWORD``, else
        ``prompt``'s answer. A signed or active agreement is sent as a copy (its state stays); a
        terminated one is refused.

        Raises:
            SendError: not configured, no password, or the server failed (``kind`` says how);
            nothing
                was marked sent.
            UserError: as `email_message`.
        """
        from contractdesk.output.email import SmtpError, send_smtp

        smtp = self.smtp_settings()
        if not smtp.configured:
            raise SendError(
                translate(
                    "DocumentService",
                    "Set up the mail server (SMTP) first: E-mail settings, or "
                    "'contractdesk smtp set'.",
                ),
                kind="not_configured",
            )
        prep = self.email_message(
            org_number,
            terms,
            signatory,
            agreement=agreement,
            today=today,
            actor=actor,
            with_sheet=with_sheet,
        )
        if prep.ref.state == "terminated":
            raise UserError(
                _t(
                    translate("DocumentService", "Agreement %1 is terminated: it cannot be sent."),
                    prep.ref.document_id,
                )
            )
        secret = resolve_password(smtp.user, smtp.host, password, prompt)
        try:
            receipt = send_smtp(
                prep.message,
                smtp.host,
                smtp.port,
                smtp.security,
                smtp.user or None,
                secret,
                smtp.timeout,
                ssl_context=ssl_context,
            )
        except SmtpError as exc:
            raise send_error(exc, smtp) from None
        ref = self._record_sent(prep.ref, prep.recipient_email, actor)
        return SendResult(ref, prep.recipient_email, receipt.message_id, dict(receipt.refused))

    def _record_sent(self, ref: AgreementRef, recipient: str, actor: str) -> AgreementRef:
        """Mark the agreement sent (a resend re-dates it); a signed or active one only gets an
        audit entry."""
        from dataclasses import replace

        current = self._agreements.get_agreement(ref.id)
        if current.state == "sent":
            self._agreements.set_state(ref.id, "draft", reason="resent", actor=actor)
            current = self._agreements.mark_sent(ref.id, recipient, actor=actor)
        elif current.state == "draft":
            current = self._agreements.mark_sent(ref.id, recipient, actor=actor)
        else:
            from contractdesk.store import audit

            with self._store.session() as s:
                audit.append(
                    s,
                    actor=actor,
                    action="agreement.copy_sent",
                    entity_type="agreement",
                    entity_id=current.document_id,
                    payload={"sent_to": recipient, "state": current.state},
                )
        return replace(ref, state=current.state)
