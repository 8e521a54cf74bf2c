"""The editable e-mail template (subject and body with ``{field}`` placeholders), Norwegian by
default."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from contractdesk.errors import UserFacingError

from ..pdf.fields import field_values
from ..pdf.model import AgreementInput
from ..text import clean_text, field_names, fill_fields

SUBJECT_MAX = 250
BODY_MAX = 100_000


class TemplateError(UserFacingError, ValueError):
    """The template uses fields that do not exist; ``unknown`` lists them."""

    def __init__(self, unknown: list[str]) -> None:
        super().__init__(
            "Unknown fields in the e-mail template: " + ", ".join("{" + f + "}" for f in unknown)
        )
        self.unknown = unknown


@dataclass(frozen=True)
class EmailTemplate:
    """Subject and body with fields such as ``{customer.name}`` and ``{supplier.name}``.

    The fields are those of the agreement (see ``contractdesk.output.pdf.fields``) plus
    ``recipient.name``. Fields are looked up by name only: no attribute access, no format
    specs, so a template typed by a user cannot reach into the program.
    """

    subject: str
    body: str

    def fields(self) -> list[str]:
        """The field names used, in order, without duplicates."""
        seen: dict[str, None] = {}
        for name in field_names(self.subject) + field_names(self.body):
            seen.setdefault(name, None)
        return list(seen)


DEFAULT_TEMPLATE = EmailTemplate(
    subject="Avtale med {supplier.name} – avtalevilkår {terms.label}",
    body=(
        "Hei {recipient.name},\n"
        "\n"
        "vedlagt er avtalen mellom {customer.name} (org.nr. {customer.org_number}) og "
        "{supplier.name}, med avtalevilkår datert {terms.label} og databehandleravtale "
        "(vedlegg 1).\n"
        "\n"
        "Avtalen signeres av signaturberettiget for {customer.name}. Skriv ut avtalen, fyll inn "
        "sted og dato, signer, og send en skannet kopi i retur til {supplier.email}.\n"
        "\n"
        "Dokument-ID: {document.id}\n"
        "\n"
        "Med vennlig hilsen\n"
        "{supplier_signatory.name}\n"
        "{supplier.name}\n"
        "{supplier.phone}\n"
    ),
)

#: Every field a template may use (those of ``field_values`` plus ``recipient.name``).
KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        *(
            f"{p}.{k}"
            for p in ("supplier", "customer")
            for k in (
                "name",
                "org_number",
                "vat_number",
                "address",
                "postcode",
                "city",
                "email",
                "phone",
            )
        ),
        "supplier_signatory.name",
        "supplier_signatory.role",
        "customer_signatory.name",
        "customer_signatory.role",
        "terms.label",
        "terms.sha256",
        "terms.sha256_short",
        "document.id",
        "recipient.name",
    }
)


def validate_template(template: EmailTemplate, extra: frozenset[str] = frozenset()) -> None:
    """Raise ``TemplateError`` when the template uses a field that does not exist."""
    unknown = [f for f in template.fields() if f not in KNOWN_FIELDS and f not in extra]
    if unknown:
        raise TemplateError(unknown)


def email_values(inp: AgreementInput, recipient_name: str = "") -> dict[str, str]:
    """The field values for one agreement's e-mail."""
    values = field_values(inp)
    values["recipient.name"] = recipient_name
    return values


def render_template(template: EmailTemplate, values: Mapping[str, str]) -> tuple[str, str]:
    """Fill the template: ``(subject, body)``, cleaned (the subject on one line).

    Raises:
        TemplateError: a field has no value in ``values``.
    """
    unknown = [f for f in template.fields() if f not in values]
    if unknown:
        raise TemplateError(unknown)
    clean = {k: clean_text(v, 1000) for k, v in values.items()}
    subject = clean_text(fill_fields(template.subject, clean), SUBJECT_MAX)
    body = clean_text(fill_fields(template.body, clean), BODY_MAX, multiline=True)
    return subject, body
