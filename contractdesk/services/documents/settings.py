"""Document settings: the SMTP server, the agreement e-mail template, the version-level fields.

The SMTP password is never a setting (see ``contractdesk.services.smtp_password``).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.services.smtp_password import (
    PasswordSource,
    forget_password,
    password_source,
    save_password,
)
from contractdesk.services.validation import clean_text

from .smtp import SmtpSettings

if TYPE_CHECKING:
    from contractdesk.output.email import EmailTemplate
    from contractdesk.services.settings import SettingsService

SETTING_SMTP = "smtp"
SETTING_EMAIL_TEMPLATE = "agreement_email_template"
SETTING_DOCUMENT_FIELDS = "agreement_document_fields"
SETTING_INITIALS = "agreement_initials_field"
#: Fields a terms text may use whose values are kept in the settings (the same for every customer).
SETTING_FIELDS = ("supplier.website", "supplier.venue")


def _t(text: str, *values: object) -> str:
    return fill(text, *values)


class DocumentSettingsUseCases:
    """Settings of the documents (part of `DocumentService`)."""

    _settings: SettingsService
    _lock: threading.Lock
    _versions: dict[tuple[Any, ...], Any]

    def smtp_settings(self) -> SmtpSettings:
        return SmtpSettings.from_data(self._settings.get(SETTING_SMTP))

    def set_smtp_settings(self, settings: SmtpSettings, *, actor: str = "owner") -> SmtpSettings:
        """Save the SMTP server settings (validated; the password is never among them)."""
        clean = settings.validated()
        self._settings.set(SETTING_SMTP, clean.as_dict(), actor=actor)
        return clean

    def smtp_password_source(self) -> PasswordSource:
        """Where sending will take the password from: keyring, environment, ask, or none (no
        login)."""
        smtp = self.smtp_settings()
        return password_source(smtp.user, smtp.host)

    def save_smtp_password(self, password: str) -> None:
        """Keep the SMTP password in the OS keyring (raises ``SmtpPasswordError`` where there is
        none)."""
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
                _t(
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

    def initials_field(self) -> bool:
        """Whether every page of an agreement has an initials field ("Parafering") in its footer."""
        return self._settings.get(SETTING_INITIALS) is True

    def set_initials_field(self, on: bool, *, actor: str = "owner") -> bool:
        """Turn the initials field on or off for documents issued from now on."""
        self._settings.set(SETTING_INITIALS, bool(on), actor=actor)
        return bool(on)

    def document_fields(self) -> dict[str, str]:
        """Values of the version-level fields kept in the settings (``supplier.website``,
        ``supplier.venue``)."""
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
                _t(
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

    def _template_extra_fields(self) -> frozenset[str]:
        return frozenset({"agreement.date", "terms.effective_date", *SETTING_FIELDS})
