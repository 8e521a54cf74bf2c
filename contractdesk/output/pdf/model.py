"""Plain input types for the agreement PDF: parties, services, signatories, texts.

These frozen dataclasses are all the renderer knows: no database rows, no Qt. A service
maps store rows into them. Every string is untrusted: the renderer cleans, caps and
escapes it. Lists passed for tuple fields are turned into tuples, so inputs stay hashable
and can cross process boundaries (pickle) for batch rendering.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from contractdesk.domain.terms.document import TermsDocument


def _tuple(obj: Any, name: str) -> None:
    value = getattr(obj, name)
    if value is None:
        object.__setattr__(obj, name, ())
    elif not isinstance(value, tuple):
        if isinstance(value, (str, bytes)):
            raise TypeError(f"{name} must be a sequence, not a string")
        object.__setattr__(obj, name, tuple(value))


def _money(obj: Any, name: str) -> None:
    value = getattr(obj, name)
    if isinstance(value, float) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"{name} must be a Decimal (øre-exact), got {type(value).__name__}")
    if isinstance(value, int):
        object.__setattr__(obj, name, Decimal(value))


@dataclass(frozen=True)
class Party:
    """One party of the agreement (the supplier or the customer) as printed on the first page.

    ``org_number`` is the 9-digit number; it is printed as ``971 049 669`` (other text is
    printed as given).
    """

    name: str
    org_number: str
    address_lines: tuple[str, ...] = ()
    postcode: str = ""
    city: str = ""
    email: str = ""
    phone: str = ""
    country: str = ""

    def __post_init__(self) -> None:
        _tuple(self, "address_lines")


@dataclass(frozen=True)
class SignatoryInfo:
    """The person expected to sign for a party: printed under the signature line.

    ``warning`` is for the app (e.g. the registry does not make this person a signatory): it is
    never printed in the customer's document.
    """

    name: str
    role: str = ""
    warning: str | None = None


@dataclass(frozen=True)
class ServiceLine:
    """One of the customer's services, as a row of the services table."""

    name: str
    price: Decimal
    invoice_period: str
    binding: str
    invoice_fee: Decimal = Decimal(0)
    start: str = ""
    """Start date and trial period as printed, e.g. ``01.03.2027 (prøvetid 30 dager)``."""

    def __post_init__(self) -> None:
        _money(self, "price")
        _money(self, "invoice_fee")


@dataclass(frozen=True)
class SubProcessor:
    """A sub-processor listed in the DPA annex (§8.3, §17.7)."""

    name: str
    purpose: str
    location: str = ""
    """Where the data is processed and the transfer basis, e.g. ``Norge`` or ``EU/EØS``."""
    restriction: str = ""
    """What the sub-processor may see, e.g. ``kun mobilnummer`` (printed with the purpose)."""


@dataclass(frozen=True)
class AgreementTexts:
    """The renderer's own words (labels, headings, footer), Norwegian by default.

    These are plain text like everything else (escaped, never markup). Placeholders in
    braces are filled by the renderer: ``{page}``/``{pages}`` in ``page_label``,
    ``{supplier}``/``{customer}`` in ``subtitle``.
    """

    locale: str = "nb_NO"
    subtitle: str = "Avtale mellom {supplier} og {customer}"
    supplier_heading: str = "Leverandør"
    customer_heading: str = "Kunde"
    org_number_label: str = "Org.nr."
    email_label: str = "E-post"
    phone_label: str = "Telefon"
    terms_version_label: str = "Vilkårsversjon"
    document_id_label: str = "Dokument-ID"
    services_heading: str = "Tjenester"
    service_columns: tuple[str, str, str, str, str, str] = (
        "Tjeneste",
        "Oppstart",
        "Pris eks. mva.",
        "Fakturaperiode",
        "Binding",
        "Fakturagebyr",
    )
    services_continued: str = "Tjenester (forts.)"
    prices_note: str = "Alle priser er oppgitt i norske kroner (NOK) eksklusive merverdiavgift."
    no_services: str = "Ingen tjenester er registrert på denne avtalen."
    toc_heading: str = "Innhold"
    subprocessors_heading: str = "Underleverandører"
    subprocessor_columns: tuple[str, str, str] = (
        "Underleverandør",
        "Formål",
        "Plassering / overføringsgrunnlag",
    )
    signature_heading: str = "Signering"
    name_label: str = "Navn"
    role_label: str = "Rolle"
    warning_prefix: str = "Merk:"
    page_label: str = "Side {page} av {pages}"
    sha_label: str = "SHA-256"
    issue_date_label: str = "Utstedt"
    version_label: str = "versjon"
    fingerprint_label: str = "Fingeravtrykk"
    fingerprint_full_label: str = "Dokumentets fingeravtrykk (SHA-256)"
    fingerprint_note: str = (
        "Koden og fingeravtrykket viser hvilket utstedt dokument denne siden hører til."
    )
    signature_line_label: str = "Signatur"
    initials_label: str = "Parafering"
    signature_sheet_title: str = "Signaturside"
    signature_sheet_intro: str = (
        "Denne siden signeres når avtaleteksten allerede er sendt kunden. Signaturen gjelder "
        "avtalevilkårene og databehandleravtalen i versjonen angitt nedenfor."
    )
    agreement_block_heading: str = "Avtalevilkår"
    dpa_block_heading: str = "Databehandleravtale"
    pdf_subject: str = "Avtalevilkår {label} med databehandleravtale"


@dataclass(frozen=True)
class AgreementInput:
    """Everything one customer's agreement PDF shows.

    Args:
        document_id: the agreement's id, printed in every footer.
        supplier: the supplier (from the profile).
        customer: the customer (from the store / registry).
        services: the customer's services for the services table.
        terms: the terms version. Its texts may hold fields (see ``field_values`` in
            ``contractdesk.output.pdf.fields``); unknown fields are printed as written.
        terms_label: the version label, e.g. ``"17.04.2021"``.
        terms_sha256: the version's SHA-256 (hex); the footer shows the first 12 digits.
        customer_signatory: the person expected to sign for the customer (with a warning
            when the registry does not make them a signatory), or ``None`` for blank lines.
        supplier_signatory: the person signing for the supplier, or ``None``.
        subprocessors: the sub-processor list printed in the DPA annex.
        subprocessor_section: number of the section after whose text the list is printed
            (e.g. ``"17.7"``); ``None``: the annex section whose title mentions
            "underleverandør", else the end of the last annex.
        texts: the renderer's labels (Norwegian by default).
        extra_fields: more ``{name}`` values for the terms' texts, e.g. ``("customer.contact", …)``.
        issue_date: the day the document was issued: printed on the first page and the sheet,
            and the PDF's creation date when rendered reproducibly.
        fingerprint: the issued snapshot's SHA-256 (64 hex digits): short in every footer, in
            full with the QR code at every signature block. Empty: not issued (no code).
        document_version: the issued version of this agreement's document (1, 2, …).
        initials: an initials field ("Parafering") in the footer of every page.
    """

    document_id: str
    supplier: Party
    customer: Party
    services: tuple[ServiceLine, ...]
    terms: TermsDocument
    terms_label: str
    terms_sha256: str
    customer_signatory: SignatoryInfo | None = None
    supplier_signatory: SignatoryInfo | None = None
    subprocessors: tuple[SubProcessor, ...] = ()
    subprocessor_section: str | None = None
    texts: AgreementTexts = field(default_factory=AgreementTexts)
    extra_fields: tuple[tuple[str, str], ...] = ()
    issue_date: date | None = None
    fingerprint: str = ""
    document_version: int = 0
    initials: bool = False

    def __post_init__(self) -> None:
        _tuple(self, "services")
        _tuple(self, "subprocessors")
        _tuple(self, "extra_fields")
        subs = tuple(
            s if isinstance(s, SubProcessor) else SubProcessor(*s) for s in self.subprocessors
        )
        object.__setattr__(self, "subprocessors", subs)

    def __repr__(self) -> str:
        return (
            f"AgreementInput(document_id={self.document_id!r}, customer={self.customer.name!r}, "
            f"terms={self.terms_label!r}, services={len(self.services)})"
        )


def as_inputs(items: Iterable[AgreementInput]) -> list[AgreementInput]:
    """Materialise an iterable of inputs, checking their type early (before a batch starts)."""
    out = list(items)
    for item in out:
        if not isinstance(item, AgreementInput):
            raise TypeError(f"expected AgreementInput, got {type(item).__name__}")
    return out
