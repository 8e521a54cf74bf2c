"""Agreement documents for customers: the PDF, the signature sheet, the e-mail (draft or SMTP) and batches.

``DocumentService`` maps the store into the renderer's plain inputs (``contractdesk.output.pdf``):

* the supplier from the profile, the customer from the store (registry name and address);
* the customer's services with price, invoice period, binding end and invoice fee (§10, §12);
* a published terms version (default: the one in effect today, else the latest published) with
  its version-level fields filled (``fill_fields``) and the sub-processors it was published with;
* the customer's signatory: the person chosen, or the registry's signatory / general manager,
  with a warning where the registry does not make that person a signatory (§2.1, §4.2);
* the document id of the customer's agreement on that version, reused (an open one first, then
  a signed one) or created as a draft.

It refuses a customer no agreement may be issued to (deleted, removed, bankrupt, in liquidation).
E-mail: the main contact is the recipient; subject and body come from an editable Norwegian
template kept in the settings. SMTP settings (host, port, security, user, sender) are settings too;
the password never is (see ``smtp_password``). A successful send marks the agreement sent.
Only public use cases of the other services are called, outside any open session of this one.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contractdesk.domain.orgnr import InvalidOrgNumber, format_org_number, parse_org_number
from contractdesk.domain.people import Role
from contractdesk.domain.terms.fields import (
    SUPPORTED_FIELDS,
    UnknownFieldError,
    field_names,
    fill_fields,
)
from contractdesk.i18n import fill, translate
from contractdesk.services.agreements import (
    AgreementService,
    AgreementView,
    SignatoryCheck,
    check_signatory,
)
from contractdesk.services.errors import NotFoundError, UserError
from contractdesk.services.smtp_password import (
    PasswordPrompt,
    PasswordSource,
    forget_password,
    password_source,
    resolve_password,
    save_password,
)
from contractdesk.services.validation import clean_text, display_phone, normalise_email
from contractdesk.store.engine import Store

if TYPE_CHECKING:
    from contractdesk.output.email import EmailTemplate
    from contractdesk.output.pdf import (
        AgreementInput,
        Party,
        ServiceLine,
        SignatoryInfo,
    )
    from contractdesk.output.pdf.batch import BatchResult
    from contractdesk.services.billing import BillingService, ServiceView
    from contractdesk.services.customers import CustomerService
    from contractdesk.services.people import PeopleService
    from contractdesk.services.settings import SettingsService
    from contractdesk.services.supplier import SupplierService
    from contractdesk.services.terms import TermsService, TermsVersionRow

__all__ = [
    "AgreementRef",
    "DocumentBatchResult",
    "DocumentService",
    "DraftResult",
    "EmailPreparation",
    "PreparedAgreement",
    "SendError",
    "SendResult",
    "SmtpSettings",
]

SETTING_SMTP = "smtp"
SETTING_EMAIL_TEMPLATE = "agreement_email_template"
SETTING_DOCUMENT_FIELDS = "agreement_document_fields"
SECURITY_CHOICES = ("none", "starttls", "tls")
#: Fields a terms text may use whose values are kept in the settings (the same for every customer).
SETTING_FIELDS = ("supplier.website", "supplier.venue")
BatchProgress = Callable[[int, int, str], None]
"""``progress(done, total, stage)``; stage ``prepare`` (reading the store) or ``render`` (making the PDFs)."""

# The document is Norwegian whatever the app's language: these texts go into the PDF.
NB_PERIODS = {
    "yearly": "Årlig",
    "half_yearly": "Halvårlig",
    "quarterly": "Kvartalsvis",
    "bimonthly": "Annenhver måned",
    "monthly": "Månedlig",
}
NB_ROLES = {Role.GENERAL_MANAGER: "Daglig leder", Role.SIGNATORY: "Signaturberettiget"}


def nb_date(day: date) -> str:
    """``17.04.2021``."""
    return day.strftime("%d.%m.%Y")



# -- values that cross threads (frozen) ------------------------------------------------------------


@dataclass(frozen=True)
class AgreementRef:
    """The agreement a document was made for: its document id, customer, version, state, signatory."""

    id: int
    document_id: str
    org_number: str
    customer_name: str
    terms_label: str
    terms_sha256: str
    state: str
    created: bool = False
    """True when this call made the agreement (a new draft)."""
    signatory_name: str | None = None
    signatory_person_id: int | None = None
    warnings: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "document_id": self.document_id,
            "org_number": self.org_number,
            "customer_name": self.customer_name,
            "terms_label": self.terms_label,
            "terms_sha256": self.terms_sha256,
            "state": self.state,
            "created": self.created,
            "signatory": self.signatory_name,
            "signatory_person_id": self.signatory_person_id,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class PreparedAgreement:
    """The renderer's input for one customer, and the agreement it belongs to."""

    input: AgreementInput
    ref: AgreementRef


@dataclass(frozen=True)
class EmailPreparation:
    """An agreement e-mail ready to save or send (``X-Unsent: 1``, the PDF attached)."""

    message: EmailMessage
    ref: AgreementRef
    recipient_email: str
    recipient_name: str
    pdf: bytes


@dataclass(frozen=True)
class DraftResult:
    """An ``.eml`` draft written for the main contact."""

    path: Path
    ref: AgreementRef
    recipient_email: str
    recipient_name: str


@dataclass(frozen=True)
class SendResult:
    """A sent agreement e-mail: the agreement (now marked sent), the recipient, the server's answer."""

    ref: AgreementRef
    recipient_email: str
    message_id: str
    refused: Mapping[str, tuple[int, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentBatchResult:
    """A batch: what the renderer did, the customers left out (and why), the agreements it was for."""

    result: BatchResult | None
    skipped: tuple[tuple[str, str], ...]
    refs: tuple[AgreementRef, ...]
    cancelled: bool
    prepare_seconds: float

    @property
    def written(self) -> tuple[Path, ...]:
        return self.result.written if self.result is not None else ()

    @property
    def total(self) -> int:
        return len(self.refs) + len(self.skipped)

    def as_dict(self) -> dict[str, Any]:
        res = self.result
        return {
            "total": self.total,
            "written": [str(p) for p in self.written],
            "failed": [
                {"org_number": f.org_number, "document_id": f.document_id, "message": f.message}
                for f in (res.failed if res else ())
            ],
            "skipped": [{"org_number": org, "reason": why} for org, why in self.skipped],
            "cancelled": self.cancelled,
            "prepare_seconds": round(self.prepare_seconds, 3),
            "render_seconds": round(res.seconds, 3) if res else 0.0,
        }


@dataclass(frozen=True)
class SmtpSettings:
    """The SMTP server to send agreements through (never the password: see ``smtp_password``)."""

    host: str = ""
    port: int = 587
    security: str = "starttls"
    user: str = ""
    sender_email: str = ""
    """The From address; empty: the supplier's e-mail."""
    timeout: float = 30.0

    @property
    def configured(self) -> bool:
        return bool(self.host)

    def validated(self) -> SmtpSettings:
        """A cleaned copy, or UserError naming the first bad field."""
        host = clean_text(self.host, field=translate("DocumentService", "Server"), max_len=253)
        if any(ch.isspace() for ch in host) or "/" in host:
            raise UserError(
                fill(translate("DocumentService", "Server: %1 is not a host name."), repr(host)),
                field="host",
            )
        try:
            port = int(self.port)
        except (TypeError, ValueError):
            raise UserError(
                translate("DocumentService", "Port must be a number."), field="port"
            ) from None
        if not 1 <= port <= 65535:
            raise UserError(
                translate("DocumentService", "Port must be between 1 and 65535."), field="port"
            )
        security = str(self.security or "").strip().lower()
        if security not in SECURITY_CHOICES:
            raise UserError(
                fill(
                    translate("DocumentService", "Security must be none, starttls or tls, not %1."),
                    repr(self.security),
                ),
                field="security",
            )
        user = clean_text(self.user, field=translate("DocumentService", "User"), max_len=320)
        sender = (
            normalise_email(self.sender_email, field=translate("DocumentService", "Sender"))
            if self.sender_email
            else ""
        )
        try:
            timeout = float(self.timeout)
        except (TypeError, ValueError):
            timeout = 30.0
        return SmtpSettings(host, port, security, user, sender, min(max(timeout, 1.0), 300.0))

    def as_dict(self) -> dict[str, Any]:
        return {
            "host": self.host,
            "port": self.port,
            "security": self.security,
            "user": self.user,
            "sender_email": self.sender_email,
            "timeout": self.timeout,
        }

    @classmethod
    def from_data(cls, data: object) -> SmtpSettings:
        if not isinstance(data, Mapping):
            return cls()
        try:
            port = int(data.get("port") or 587)
        except (TypeError, ValueError):
            port = 587
        try:
            timeout = float(data.get("timeout") or 30.0)
        except (TypeError, ValueError):
            timeout = 30.0
        return cls(
            str(data.get("host") or ""),
            port,
            str(data.get("security") or "starttls"),
            str(data.get("user") or ""),
            str(data.get("sender_email") or ""),
            timeout,
        )


class SendError(UserError):
    """Sending failed (nothing was marked sent). ``kind`` names the failure, ``detail`` the server's words."""

    def __init__(self, message: str, *, kind: str, detail: str = "") -> None:
        super().__init__(message + (f" ({detail})" if detail else ""))
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True)
class _Version:
    """A published version ready for documents (cached per label, hash and field values)."""

    label: str
    sha256: str
    effective_date: date | None
    document: Any  # TermsDocument, fields of the version filled
    subprocessors: tuple[Any, ...]  # SubProcessor
    extra_fields: tuple[tuple[str, str], ...]
    missing_fields: tuple[str, ...]
    title_fields: bool = False
    """The title still holds per-document fields (e.g. ``{customer.name}``): filled per customer."""


@dataclass(frozen=True)
class _Person:
    """A person as the document needs them: id, full name, title, roles at the customer, erased."""

    id: int
    name: str
    title: str
    roles: tuple[Role, ...]
    erased: bool


@dataclass
class _Customer:
    """A customer read from the store for documents (plain values: no ORM object leaves the session)."""

    org_number: str
    name: str
    status: str
    business: dict[str, Any]
    postal: dict[str, Any]
    details: dict[str, Any]
    registry_roles: list[Mapping[str, Any]]
    signing_rule: Mapping[str, Any] | None
    verified: bool
    fee: Any  # Decimal: the invoice fee of the customer's delivery method (§10.1)
    people: dict[int, _Person] = field(default_factory=dict)

    def _rule(self, key: str) -> Mapping[str, Any] | None:
        value = self.details.get(key)
        return value if isinstance(value, Mapping) else None

    def _listed(self) -> list[Mapping[str, Any]]:
        value = self.details.get("signatories")
        return [x for x in value if isinstance(x, Mapping)] if isinstance(value, list) else []

    def check(self, name: str) -> SignatoryCheck:
        """Whether the registry data makes ``name`` a signatory (the ledger's own rule)."""
        return check_signatory(
            name,
            self.registry_roles,
            self.signing_rule,
            procuration_rule=self._rule("procuration_rule"),
            signatories=self._listed(),
            customer_name=self.name,
        )

    def has_registry_data(self) -> bool:
        procuration = self._rule("procuration_rule") or {}
        return bool(
            self.registry_roles
            or (self.signing_rule or {}).get("signer_sets")
            or procuration.get("signer_sets")
            or self._listed()
        )

    def pdf_warning(self, check: SignatoryCheck, name: str) -> str | None:
        """The warning printed beside the signature line (Norwegian, like the document)."""
        if check.signatory:
            return None
        if not self.has_registry_data():
            return (
                f"Enhetsregisteret har ingen opplysninger om hvem som kan signere for {self.name}; "
                "kontroller signaturretten."
            )
        text = f"{name} har ikke signaturrett alene for {self.name} etter Enhetsregisteret"
        rule = str((self.signing_rule or {}).get("text") or "").strip()
        if rule and (self.signing_rule or {}).get("basis") != "law":
            text += f"; signaturregel: {rule}"
        return text if text.endswith((".", "!", "?")) else text + "."

    def registry_signatory(self) -> SignatoryInfo | None:
        """A person the registry makes a sole signatory: listed signatories, the general manager, one-name sets."""
        from contractdesk.output.pdf import SignatoryInfo

        names: list[tuple[str, str]] = []
        names += [
            (str(x.get("name") or ""), ", ".join(str(r) for r in x.get("roles") or ()))
            for x in self._listed()
            if x.get("may_sign_alone")
        ]
        names += [
            (str(r.get("name") or ""), str(r.get("role") or "Daglig leder"))
            for r in self.registry_roles
            if str(r.get("role_code") or "").upper() == "DAGL"
            and not r.get("deceased")
            and not r.get("deregistered")
            and str(r.get("holder_kind") or "person") == "person"
        ]
        names += [
            (str(g[0]), "")
            for g in (self.signing_rule or {}).get("signer_sets") or ()
            if isinstance(g, (list, tuple)) and len(g) == 1
        ]
        for name, role in names:
            if not name:
                continue
            check = self.check(name)
            if check.signatory:
                return SignatoryInfo(name, role or ", ".join(dict.fromkeys(check.roles)))
        return None

    def warnings(self) -> list[str]:
        """What the user should know before this customer signs (not verified, no signing rule)."""
        from contractdesk.services.customers import SigningRuleView

        out = []
        if self.status == "unverified":
            out.append(
                translate(
                    "DocumentService",
                    "The customer is not verified against the registry: refresh it first.",
                )
            )
        elif SigningRuleView.from_data(self.signing_rule).needs_manual_confirmation:
            out.append(
                translate(
                    "DocumentService",
                    "No signing rule is registered: confirm by hand who may sign.",
                )
            )
        return out

    def party(self) -> Party:
        from contractdesk.output.pdf import Party
        from contractdesk.services.customers import Address

        business, postal = Address.from_data(self.business), Address.from_data(self.postal)
        address = business if not business.is_empty else postal
        country = address.country if address.country_code not in ("", "NO") else ""
        return Party(
            name=self.name,
            org_number=self.org_number,
            address_lines=address.lines,
            postcode=address.postcode,
            city=address.city,
            email=str(self.details.get("email") or ""),
            phone=_phone(self.details.get("phone") or self.details.get("mobile")),
            country=country,
        )


# -- the service -----------------------------------------------------------------------------------


class DocumentService:
    """Agreement PDFs, signature sheets, e-mails and batches for customers (issue 7)."""

    def __init__(
        self,
        store: Store,
        *,
        supplier: SupplierService,
        settings: SettingsService,
        customers: CustomerService,
        people: PeopleService,
        terms: TermsService,
        agreements: AgreementService,
        billing: BillingService,
    ) -> None:
        self._store = store
        self._supplier = supplier
        self._settings = settings
        self._customers = customers
        self._people = people
        self._terms = terms
        self._agreements = agreements
        self._billing = billing
        self._lock = threading.Lock()
        self._versions: dict[tuple[Any, ...], _Version] = {}

    def __repr__(self) -> str:
        return f"DocumentService({self._store!r})"

    # -- settings: SMTP, the e-mail template, the version-level fields ------------------------------------

    def smtp_settings(self) -> SmtpSettings:
        return SmtpSettings.from_data(self._settings.get(SETTING_SMTP))

    def set_smtp_settings(self, settings: SmtpSettings, *, actor: str = "owner") -> SmtpSettings:
        """Save the SMTP server settings (validated; the password is never among them)."""
        clean = settings.validated()
        self._settings.set(SETTING_SMTP, clean.as_dict(), actor=actor)
        return clean

    def smtp_password_source(self) -> PasswordSource:
        """Where sending will take the password from: keyring, environment, ask, or none (no login)."""
        smtp = self.smtp_settings()
        return password_source(smtp.user, smtp.host)

    def save_smtp_password(self, password: str) -> None:
        """Keep the SMTP password in the OS keyring (raises ``SmtpPasswordError`` where there is none)."""
        smtp = self.smtp_settings()
        save_password(smtp.user, smtp.host, password)

    def forget_smtp_password(self) -> bool:
        smtp = self.smtp_settings()
        return forget_password(smtp.user, smtp.host)

    def email_template(self) -> EmailTemplate:
        """The agreement e-mail's subject and body (the Norwegian default until edited)."""
        from contractdesk.output.email import DEFAULT_TEMPLATE, EmailTemplate

        data = self._settings.get(SETTING_EMAIL_TEMPLATE)
        if (
            isinstance(data, Mapping)
            and isinstance(data.get("subject"), str)
            and isinstance(data.get("body"), str)
        ):
            return EmailTemplate(data["subject"], data["body"])
        return DEFAULT_TEMPLATE

    def set_email_template(self, subject: str, body: str, *, actor: str = "owner") -> EmailTemplate:
        """Save an edited template; refuses fields that do not exist (the message lists them)."""
        from contractdesk.output.email import EmailTemplate, TemplateError, validate_template

        clean_subject = clean_text(
            subject, field=translate("DocumentService", "Subject"), required=True, max_len=250
        )
        clean_body = (body or "").replace("\r\n", "\n").strip("\n") + "\n"
        if not clean_body.strip():
            raise UserError(translate("DocumentService", "The e-mail text is empty."), field="body")
        template = EmailTemplate(clean_subject, clean_body)
        try:
            validate_template(template, extra=self._template_extra_fields())
        except TemplateError as exc:
            raise UserError(
                fill(
                    translate("DocumentService", "Unknown fields in the e-mail template: %1."),
                    ", ".join("{" + f + "}" for f in exc.unknown),
                ),
                field="template",
            ) from None
        self._settings.set(
            SETTING_EMAIL_TEMPLATE,
            {"subject": template.subject, "body": template.body},
            actor=actor,
        )
        return template

    def reset_email_template(self, *, actor: str = "owner") -> EmailTemplate:
        from contractdesk.output.email import DEFAULT_TEMPLATE

        self._settings.set(SETTING_EMAIL_TEMPLATE, None, actor=actor)
        return DEFAULT_TEMPLATE

    def document_fields(self) -> dict[str, str]:
        """Values of the version-level fields kept in the settings (``supplier.website``, ``supplier.venue``)."""
        data = self._settings.get(SETTING_DOCUMENT_FIELDS)
        values = {name: "" for name in SETTING_FIELDS}
        if isinstance(data, Mapping):
            values.update(
                {k: str(v) for k, v in data.items() if k in SETTING_FIELDS and isinstance(v, str)}
            )
        return values

    def set_document_fields(
        self, values: Mapping[str, str], *, actor: str = "owner"
    ) -> dict[str, str]:
        unknown = [k for k in values if k not in SETTING_FIELDS]
        if unknown:
            raise UserError(
                fill(
                    translate("DocumentService", "These fields cannot be set here: %1."),
                    ", ".join(unknown),
                )
            )
        merged = self.document_fields()
        merged.update({k: clean_text(v, field=k, max_len=300) for k, v in values.items()})
        self._settings.set(SETTING_DOCUMENT_FIELDS, merged, actor=actor)
        with self._lock:
            self._versions.clear()
        return merged

    # -- documents ------------------------------------------------------------------------------------

    def prepare(
        self,
        org_number: str,
        terms: str | None = None,
        signatory: int | None = None,
        *,
        agreement: int | str | None = None,
        today: date | None = None,
        actor: str = "owner",
    ) -> PreparedAgreement:
        """The renderer's input for a customer, with its agreement reused or made (a draft).

        Args:
            org_number: the customer.
            terms: a published version's label; default the version of ``agreement``, else the
                one in effect today, else the latest published.
            signatory: person id of who signs for the customer; default the registry's signatory
                or general manager among the customer's people, else the registry's own names.
            agreement: make the document for this agreement (id or document id) of the customer.

        Raises:
            UserError: unknown customer/person/version, a draft version, a customer no agreement
                may be issued to (deleted …), no supplier profile, unknown fields in the terms.
        """
        day = today or date.today()
        org = _org(org_number)
        existing: AgreementView | None = None
        if agreement is not None:
            existing = self._agreements.get_agreement(agreement)
            if existing.org_number != org:
                raise UserError(
                    fill(
                        translate("DocumentService", "Agreement %1 belongs to %2, not to %3."),
                        existing.document_id,
                        format_org_number(existing.org_number),
                        format_org_number(org),
                    )
                )
            terms = terms or existing.terms_label
        version = self._version(terms, day)
        prepared, skipped = self._prepare_many(
            [org], version, signatory, day, actor, existing=existing
        )
        if skipped:
            raise UserError(skipped[0][1])
        return prepared[0]

    def agreement_pdf(
        self,
        org_number: str,
        terms: str | None = None,
        signatory: int | None = None,
        *,
        agreement: int | str | None = None,
        today: date | None = None,
        actor: str = "owner",
    ) -> tuple[bytes, AgreementRef]:
        """The customer's agreement as PDF bytes, and the agreement it belongs to (see `prepare`)."""
        from contractdesk.output.pdf import render_agreement

        prepared = self.prepare(
            org_number, terms, signatory, agreement=agreement, today=today, actor=actor
        )
        return _render(render_agreement, prepared.input), prepared.ref

    def signature_sheet(
        self,
        org_number: str,
        terms: str | None = None,
        signatory: int | None = None,
        *,
        agreement: int | str | None = None,
        today: date | None = None,
        actor: str = "owner",
    ) -> tuple[bytes, AgreementRef]:
        """The one-page signature sheet (parties, version, document id, the two signature blocks)."""
        from contractdesk.output.pdf import render_signature_sheet

        prepared = self.prepare(
            org_number, terms, signatory, agreement=agreement, today=today, actor=actor
        )
        return _render(render_signature_sheet, prepared.input), prepared.ref

    def recipient(self, org_number: str) -> tuple[str, str]:
        """(e-mail, name) of the customer's main contact.

        Raises:
            UserError: no main contact, or the main contact has no e-mail address.
        """
        org = _org(org_number)
        person_id = self._people.main_contact(org)
        if person_id is None:
            raise UserError(
                fill(
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
                fill(
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
    ) -> EmailPreparation:
        """The agreement e-mail to the main contact (template from the settings, PDF attached)."""
        from contractdesk.output.email import InvalidAddress, TemplateError, agreement_draft
        from contractdesk.output.pdf import render_agreement

        email, name = self.recipient(org_number)
        prepared = self.prepare(
            org_number, terms, signatory, agreement=agreement, today=today, actor=actor
        )
        pdf = _render(render_agreement, prepared.input)
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
        try:
            message = agreement_draft(
                prepared.input,
                pdf,
                email,
                name,
                template=self.email_template(),
                sender_email=sender,
            )
        except InvalidAddress as exc:
            raise UserError(
                fill(translate("DocumentService", "Not a valid e-mail address: %1."), exc.address)
            ) from None
        except TemplateError as exc:
            raise UserError(
                fill(
                    translate("DocumentService", "Unknown fields in the e-mail template: %1."),
                    ", ".join("{" + f + "}" for f in exc.unknown),
                )
            ) from None
        return EmailPreparation(message, prepared.ref, email, name, pdf)

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
    ) -> SendResult:
        """Send the agreement e-mail over SMTP and mark the agreement sent (date, recipient).

        The password is the one given, else the keyring's, else ``CONTRACTDESK_SMTP_PASSWORD``, else
        ``prompt``'s answer. A signed or active agreement is sent as a copy (its state stays); a
        terminated one is refused.

        Raises:
            SendError: not configured, no password, or the server failed (``kind`` says how); nothing
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
            org_number, terms, signatory, agreement=agreement, today=today, actor=actor
        )
        if prep.ref.state == "terminated":
            raise UserError(
                fill(
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
            raise _send_error(exc, smtp) from None
        ref = self._record_sent(prep.ref, prep.recipient_email, actor)
        return SendResult(ref, prep.recipient_email, receipt.message_id, dict(receipt.refused))

    # -- batches --------------------------------------------------------------------------------------

    def active_org_numbers(self) -> list[str]:
        """Customers in a customer relationship to whom an agreement may be issued, by name."""
        from sqlalchemy import select

        from contractdesk.domain.customers import BLOCKED_STATUSES
        from contractdesk.services.terms import active_customer_ids
        from contractdesk.store.models import Customer

        with self._store.read_session() as s:
            ids = set(active_customer_ids(s))
            rows = s.execute(
                select(Customer.id, Customer.org_number, Customer.status).order_by(
                    Customer.sort_name, Customer.id
                )
            ).all()
        return [org for cid, org, status in rows if cid in ids and status not in BLOCKED_STATUSES]

    def batch(
        self,
        out_dir: str | os.PathLike[str],
        org_numbers: Iterable[str] | None = None,
        *,
        all_active: bool = False,
        terms: str | None = None,
        progress: BatchProgress | None = None,
        cancel: Callable[[], bool] | None = None,
        workers: int | None = None,
        today: date | None = None,
        actor: str = "owner",
    ) -> DocumentBatchResult:
        """Make the agreements of the named (or all active) customers as ``ORGNR-<label>.pdf`` files.

        Customers no agreement may be issued to are left out and listed in ``skipped`` with the
        reason. Rendering uses worker processes (``workers``, default every core); call this from a
        background thread. ``cancel`` is polled between customers and between rendered chunks.

        Raises:
            UserError: no customers named (and not ``all_active``), an invalid or unknown org number,
                an unknown or draft version, no supplier profile.
        """
        from contractdesk.output.pdf.batch import render_batch

        day = today or date.today()
        report = progress or (lambda _d, _t, _s: None)
        stop = cancel or (lambda: False)
        if all_active:
            names = self.active_org_numbers()
        else:
            names = list(dict.fromkeys(_org(o) for o in (org_numbers or ())))
            if not names:
                raise UserError(
                    translate(
                        "DocumentService", "Name the customers, or choose all active customers."
                    )
                )
        started = time.perf_counter()
        version = self._version(terms, day)
        report(0, len(names), "prepare")
        prepared, skipped = self._prepare_many(names, version, None, day, actor, cancel=stop)
        report(len(names), len(names), "prepare")
        prepare_seconds = time.perf_counter() - started
        refs = tuple(p.ref for p in prepared)
        if stop():
            return DocumentBatchResult(None, tuple(skipped), refs, True, prepare_seconds)
        result = render_batch(
            [p.input for p in prepared],
            out_dir,
            progress=lambda d, t: report(d, t, "render"),
            cancel=stop,
            workers=workers,
        )
        return DocumentBatchResult(result, tuple(skipped), refs, result.cancelled, prepare_seconds)

    # -- internals: mapping -----------------------------------------------------------------------------

    def _prepare_many(
        self,
        orgs: Sequence[str],
        version: _Version,
        signatory: int | None,
        day: date,
        actor: str,
        *,
        existing: AgreementView | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> tuple[list[PreparedAgreement], list[tuple[str, str]]]:
        """Inputs for several customers in a few queries and one write (new drafts); (prepared, skipped).

        Skipped: customers no agreement may be issued to, with the reason.
        """
        from contractdesk.domain.customers import BLOCKED_STATUSES
        from contractdesk.output.pdf import AgreementInput

        supplier, supplier_signatory = self._supplier_party()
        loaded, chosen = self._load(orgs, signatory)
        skipped = [
            (org, self._blocked_reason(loaded[org]))
            for org in orgs
            if loaded[org].status in BLOCKED_STATUSES
        ]
        eligible = [org for org in orgs if loaded[org].status not in BLOCKED_STATUSES]
        if not eligible or (cancel and cancel()):
            return [], skipped
        services = self._billing.services_by_customer(eligible, today=day)
        if existing is not None:
            rows = {existing.org_number: (existing, False)}
        else:
            rows = self._agreements.document_agreements(eligible, version.label, actor=actor)
        prepared: list[PreparedAgreement] = []
        for org in eligible:
            customer = loaded[org]
            agreement, created = rows[org]
            info, person_id, warnings = self._signatory(customer, chosen)
            warnings[:0] = customer.warnings()
            if version.missing_fields:
                warnings.append(
                    fill(
                        translate(
                            "DocumentService",
                            "The terms use %1 with no value: set it in the settings.",
                        ),
                        ", ".join("{" + n + "}" for n in version.missing_fields),
                    )
                )
            inp = AgreementInput(
                document_id=agreement.document_id,
                supplier=supplier,
                customer=customer.party(),
                services=_service_lines(services.get(org, []), customer.fee, day),
                terms=version.document,
                terms_label=version.label,
                terms_sha256=version.sha256,
                customer_signatory=info,
                supplier_signatory=supplier_signatory,
                subprocessors=version.subprocessors,
                extra_fields=version.extra_fields + (("agreement.date", nb_date(day)),),
            )
            if version.title_fields:
                inp = _fill_title(inp)
            ref = AgreementRef(
                agreement.id,
                agreement.document_id,
                org,
                customer.name,
                version.label,
                version.sha256,
                agreement.state,
                created,
                info.name if info else None,
                person_id,
                tuple(warnings),
            )
            prepared.append(PreparedAgreement(inp, ref))
        return prepared, skipped

    def _blocked_reason(self, customer: _Customer) -> str:
        reason = (
            self._customers.agreement_eligibility(customer.org_number).reason or customer.status
        )
        return fill(
            translate("DocumentService", "%1 (%2): %3"),
            customer.name,
            format_org_number(customer.org_number),
            reason,
        )

    def _load(
        self, orgs: Sequence[str], person_id: int | None
    ) -> tuple[dict[str, _Customer], _Person | None]:
        """The customers (registry data, billing fee, people with their roles there), and the chosen person."""
        from sqlalchemy import select

        from contractdesk.domain.invoicing import DeliveryMethod
        from contractdesk.domain.people import full_name
        from contractdesk.store.models import Customer, Person, PersonRole

        def person_of(p: Any) -> _Person:
            return _Person(
                p.id,
                full_name(p.first_name, p.middle_name, p.last_name),
                p.title or "",
                (),
                p.erased_at is not None,
            )

        out: dict[str, _Customer] = {}
        chosen: _Person | None = None
        with self._store.read_session() as s:
            by_id: dict[int, _Customer] = {}
            for start in range(0, len(orgs), 500):
                for c in s.execute(
                    select(Customer).where(Customer.org_number.in_(list(orgs[start : start + 500])))
                ).scalars():
                    try:
                        fee = DeliveryMethod.parse(c.delivery_method).fee
                    except ValueError:
                        fee = DeliveryMethod.EMAIL.fee
                    data = c.registry_data if isinstance(c.registry_data, Mapping) else {}
                    by_id[c.id] = out[c.org_number] = _Customer(
                        org_number=c.org_number,
                        name=c.name,
                        status=c.status,
                        business=dict(c.business_address or {}),
                        postal=dict(c.postal_address or {}),
                        details=dict(data),
                        registry_roles=[
                            r for r in (c.registry_roles or []) if isinstance(r, Mapping)
                        ],
                        signing_rule=c.signing_rule
                        if isinstance(c.signing_rule, Mapping)
                        else None,
                        verified=c.verified_at is not None,
                        fee=fee,
                    )
            ids = list(by_id)
            for start in range(0, len(ids), 500):
                q = (
                    select(PersonRole.customer_id, PersonRole.role, Person)
                    .join(Person, Person.id == PersonRole.person_id)
                    .where(PersonRole.customer_id.in_(ids[start : start + 500]))
                    .order_by(PersonRole.customer_id, Person.id, PersonRole.id)
                )
                for customer_id, role, p in s.execute(q).all():
                    people = by_id[customer_id].people
                    row = people.get(p.id) or person_of(p)
                    try:
                        roles = row.roles + (Role(role),)
                    except ValueError:
                        roles = row.roles
                    people[p.id] = _Person(row.id, row.name, row.title, roles, row.erased)
            if person_id is not None:
                p = s.get(Person, int(person_id))
                if p is None:
                    raise NotFoundError(
                        fill(translate("DocumentService", "No person with id %1."), person_id),
                        field="signatory",
                    )
                chosen = person_of(p)
        for org in orgs:
            if org not in out:
                raise NotFoundError(
                    fill(
                        translate("DocumentService", "No customer with org number %1."),
                        format_org_number(org),
                    ),
                    field="org_number",
                )
        if chosen is not None and chosen.erased:
            raise UserError(
                fill(translate("DocumentService", "Person %1 is erased and cannot sign."), chosen.id),
                field="signatory",
            )
        return out, chosen

    def _signatory(
        self, customer: _Customer, chosen: _Person | None
    ) -> tuple[SignatoryInfo | None, int | None, list[str]]:
        """Who signs for the customer: (printed info, person id or None, warnings for the user)."""
        from contractdesk.output.pdf import SignatoryInfo

        if chosen is not None:
            at_customer = customer.people.get(chosen.id)
            check = customer.check(chosen.name)
            role = _role_text(check, chosen.title, at_customer.roles if at_customer else ())
            return (
                SignatoryInfo(chosen.name, role, customer.pdf_warning(check, chosen.name)),
                chosen.id,
                [check.warning] if check.warning else [],
            )
        candidates = [
            p
            for p in customer.people.values()
            if not p.erased and (Role.GENERAL_MANAGER in p.roles or Role.SIGNATORY in p.roles)
        ]
        checked = [(p, customer.check(p.name)) for p in candidates]
        confirmed = [(p, c) for p, c in checked if c.signatory]
        # The general manager first (the usual signer), then by person id.
        confirmed.sort(key=lambda pc: Role.GENERAL_MANAGER not in pc[0].roles)
        pick = confirmed[0] if confirmed else None
        if pick is None:
            registry = customer.registry_signatory()
            if registry is not None:
                return registry, None, []
            pick = checked[0] if checked else None
        if pick is None:
            return (
                None,
                None,
                [
                    fill(
                        translate(
                            "DocumentService",
                            "No signatory is known for %1: the customer's "
                            "signature line is left without a name.",
                        ),
                        customer.name,
                    )
                ],
            )
        person, check = pick
        info = SignatoryInfo(
            person.name,
            _role_text(check, person.title, person.roles),
            customer.pdf_warning(check, person.name),
        )
        return info, person.id, [check.warning] if check.warning else []

    def _supplier_party(self) -> tuple[Party, SignatoryInfo | None]:
        from contractdesk.output.pdf import Party, SignatoryInfo

        profile = self._supplier.get()
        if profile is None or not profile.name:
            raise UserError(
                translate(
                    "DocumentService",
                    "Fill in the supplier profile in Settings before making agreements.",
                )
            )
        party = Party(
            name=profile.name,
            org_number=profile.org_number,
            address_lines=profile.address_lines,
            postcode=profile.postcode,
            city=profile.city,
            email=profile.email,
            phone=_phone(profile.phone),
        )
        signer = (
            SignatoryInfo(profile.signer_name, profile.signer_title)
            if profile.signer_name
            else None
        )
        return party, signer

    def _version(self, label: str | None, day: date) -> _Version:
        """A published version with its version-level fields filled (cached: one object per version)."""
        rows = self._terms.list_versions()
        row: TermsVersionRow | None
        if label:
            row = next((r for r in rows if r.label == label.strip()), None)
            if row is None:
                raise NotFoundError(
                    fill(translate("DocumentService", "No terms version %1."), repr(label)),
                    field="terms",
                )
            if not row.published:
                raise UserError(
                    fill(
                        translate(
                            "DocumentService", "Terms version %1 is a draft: publish it first."
                        ),
                        repr(row.label),
                    ),
                    field="terms",
                )
        else:
            published = [r for r in rows if r.published]
            in_effect = [r for r in published if r.effective_date and r.effective_date <= day]
            candidates = in_effect or published
            row = candidates[-1] if candidates else None
            if row is None:
                raise UserError(
                    translate("DocumentService", "No terms version is published yet."),
                    field="terms",
                )
        settings_values = self.document_fields()
        values = {k: v for k, v in settings_values.items() if v}
        if row.effective_date is not None:
            values["terms.effective_date"] = nb_date(row.effective_date)
        key = (row.label, row.sha256, tuple(sorted(values.items())))
        with self._lock:
            cached = self._versions.get(key)
        if cached is not None:
            return cached
        from contractdesk.output.pdf import SubProcessor
        from contractdesk.output.text import field_names as text_field_names

        view = self._terms.get(row.label)
        document = view.document
        try:
            used = field_names(document)
            if used:
                document = fill_fields(document, values, allow_missing=True)
        except UnknownFieldError as exc:
            raise UserError(
                fill(
                    translate("DocumentService", "Terms version %1 has unknown fields: %2."),
                    row.label,
                    exc,
                )
            ) from None
        extra_names = {n for n, what in SUPPORTED_FIELDS.items() if what.startswith("extra:")} - {
            "agreement.date"
        }
        missing = tuple(sorted(n for n in field_names(document) if n in extra_names))
        version = _Version(
            label=row.label,
            sha256=row.sha256 or "",
            effective_date=row.effective_date,
            document=document,
            subprocessors=tuple(
                SubProcessor(s.name, s.purpose, s.location or "") for s in view.subprocessors
            ),
            extra_fields=tuple(sorted(values.items())),
            missing_fields=missing,
            title_fields=bool(text_field_names(document.title)),
        )
        with self._lock:
            if len(self._versions) >= 4:
                self._versions.clear()
            self._versions[key] = version
        return version

    def _template_extra_fields(self) -> frozenset[str]:
        return frozenset({"agreement.date", "terms.effective_date", *SETTING_FIELDS})

    # -- internals: sending ------------------------------------------------------------------------------

    def _record_sent(self, ref: AgreementRef, recipient: str, actor: str) -> AgreementRef:
        """Mark the agreement sent (a resend re-dates it); a signed or active one only gets an audit entry."""
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


# -- helpers ---------------------------------------------------------------------------------------


def _org(text: str) -> str:
    try:
        return parse_org_number(text)
    except InvalidOrgNumber as exc:
        raise UserError(str(exc), field="org_number") from None


def _render(fn: Callable[[AgreementInput], bytes], inp: AgreementInput) -> bytes:
    from contractdesk.output.pdf import RenderError

    try:
        return fn(inp)
    except RenderError as exc:
        raise UserError(
            fill(translate("DocumentService", "The PDF could not be made: %1"), exc)
        ) from None


def _phone(text: object) -> str:
    value = str(text or "").strip()
    return display_phone(value) if value.startswith("+") else value


def _service_lines(services: Sequence[ServiceView], fee: Any, day: date) -> tuple[ServiceLine, ...]:
    """The services table: each service still running, with price, period, binding and the invoice fee."""
    from contractdesk.output.pdf import ServiceLine

    return tuple(
        ServiceLine(s.name, s.price, _period_text(s), _binding_text(s, day), fee)
        for s in services
        if s.termination is None or s.termination.end >= day
    )


def _fill_title(inp: AgreementInput) -> AgreementInput:
    """Fill the per-customer fields of the title (the renderer fills fields in the text, not in the title).

    The document then differs per customer, so the renderer lays out its terms again for each one.
    """
    from dataclasses import replace

    from contractdesk.domain.terms.fields import fill_text
    from contractdesk.output.pdf.fields import field_values

    values = {k: v for k, v in field_values(inp).items() if k in SUPPORTED_FIELDS}
    return replace(
        inp, terms=replace(inp.terms, title=fill_text(inp.terms.title, values, allow_missing=True))
    )


def _period_text(service: ServiceView) -> str:
    kind = service.kind.value
    if kind == "licence":
        period = NB_PERIODS.get(
            service.period.value if service.period else "half_yearly", "Halvårlig"
        )
        return f"{period} (pris per år)"
    if kind == "usage":
        return "Månedlig, etterskuddsvis (pris per enhet)"
    return "Engangskostnad"


def _binding_text(service: ServiceView, day: date) -> str:
    if service.termination is not None:
        return f"Oppsagt, slutter {nb_date(service.termination.end)}"
    if service.binding_end is None:
        return "Ingen"
    if service.binding_end < day:
        return f"Utløpt {nb_date(service.binding_end)}"
    return f"Til og med {nb_date(service.binding_end)}"


def _role_text(check: SignatoryCheck, title: str, roles: Iterable[Role]) -> str:
    held = ", ".join(dict.fromkeys(r for r in check.roles if r))
    if held:
        return held
    if title:
        return title
    for role in (Role.GENERAL_MANAGER, Role.SIGNATORY):
        if role in roles:
            return NB_ROLES[role]
    return ""


def _send_error(exc: Exception, smtp: SmtpSettings) -> SendError:
    """A clear message for each way sending can fail (the server's words as detail; never the password)."""
    from contractdesk.output import email as mail

    where = f"{smtp.host}:{smtp.port}"
    detail = str(exc)
    cases: list[tuple[type[Exception], str, str]] = [
        (
            mail.SmtpInsecureAuthError,
            "insecure_auth",
            translate(
                "DocumentService",
                "The password would be sent unencrypted: choose STARTTLS or TLS in the e-mail settings.",
            ),
        ),
        (
            mail.SmtpTimeoutError,
            "timeout",
            fill(
                translate(
                    "DocumentService",
                    "The mail server %1 did not answer in time. Nothing was sent.",
                ),
                where,
            ),
        ),
        (
            mail.SmtpTlsError,
            "tls",
            fill(
                translate(
                    "DocumentService",
                    "The secure connection to %1 failed: check the security setting (STARTTLS or TLS) "
                    "and the port. Nothing was sent.",
                ),
                where,
            ),
        ),
        (
            mail.SmtpAuthError,
            "auth",
            fill(
                translate(
                    "DocumentService",
                    "The mail server %1 refused the login: check the user name and password. "
                    "Nothing was sent.",
                ),
                where,
            ),
        ),
        (
            mail.SmtpSenderRefused,
            "sender",
            fill(
                translate(
                    "DocumentService",
                    "The mail server %1 refused the sender address. Nothing was sent.",
                ),
                where,
            ),
        ),
        (
            mail.SmtpRecipientRefused,
            "recipient",
            fill(
                translate(
                    "DocumentService",
                    "The mail server %1 refused the recipient's address. Nothing was sent.",
                ),
                where,
            ),
        ),
        (
            mail.SmtpConnectError,
            "connect",
            fill(
                translate(
                    "DocumentService",
                    "Could not reach the mail server %1: check the server name, the port and the "
                    "network. Nothing was sent.",
                ),
                where,
            ),
        ),
        (
            mail.SmtpProtocolError,
            "protocol",
            fill(
                translate(
                    "DocumentService",
                    "The mail server %1 answered with an error. Nothing was sent.",
                ),
                where,
            ),
        ),
    ]
    for cls, kind, message in cases:
        if isinstance(exc, cls):
            return SendError(message, kind=kind, detail=detail)
    return SendError(
        fill(translate("DocumentService", "Sending through %1 failed. Nothing was sent."), where),
        kind="error",
        detail=detail,
    )
