"""Records of processing activities (GDPR Art. 30), built from what the store knows.

As processor (Art. 30(2)): each controller — a customer with an accepted DPA —, the categories
of processing carried out for them, the sub-processors with country and transfer basis, and the
security measures. As controller (Art. 30(1)): the supplier's own processing of its customers'
contact persons. The document is Norwegian (it is handed to Datatilsynet); the CSV has the same
content in rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from contractdesk.domain.privacy.document import PrivacyDocument, ReportSection
from contractdesk.domain.privacy.retention import RetentionRule
from contractdesk.domain.terms.document import BulletList, Paragraph, Table

__all__ = [
    "CSV_HEADER",
    "EEA_COUNTRIES",
    "PROCESSOR_CATEGORIES",
    "SECURITY_MEASURES",
    "ControllerEntry",
    "SubProcessorRecord",
    "SupplierInfo",
    "build_art30",
    "csv_rows",
    "transfer_of",
]

EEA_COUNTRIES = frozenset(
    [
        "norge",
        "norway",
        "noreg",
        "sverige",
        "sweden",
        "danmark",
        "denmark",
        "finland",
        "island",
        "iceland",
        "liechtenstein",
        "tyskland",
        "germany",
        "irland",
        "ireland",
        "nederland",
        "netherlands",
        "frankrike",
        "france",
        "belgia",
        "belgium",
        "luxembourg",
        "østerrike",
        "austria",
        "polen",
        "poland",
        "spania",
        "spain",
        "portugal",
        "italia",
        "italy",
        "estland",
        "estonia",
        "latvia",
        "litauen",
        "lithuania",
        "tsjekkia",
        "czechia",
        "slovakia",
        "slovenia",
        "kroatia",
        "croatia",
        "ungarn",
        "hungary",
        "romania",
        "bulgaria",
        "hellas",
        "greece",
        "kypros",
        "cyprus",
        "malta",
        "eu",
        "eøs",
        "eea",
    ]
)

#: What the supplier does for each controller (the DPA §17.3-17.4: the licensed CRM).
PROCESSOR_CATEGORIES: tuple[str, ...] = (
    "Lagring og drift av kundens CRM-database (innsamling, registrering, sammenstilling, lagring)",
    "Brukerstøtte og feilretting med tilgang til kundens data (§17.6.2)",
    "Sikkerhetskopiering og sletting ved opphør (§9.4, §17.12)",
    "Utsending av SMS for kunden (kun mobilnummer, via underleverandør)",
)
PROCESSOR_SUBJECTS = "Kundens kontaktpersoner, kunder og andre personer kunden registrerer"
PROCESSOR_DATA = (
    "Navn, adresse, stilling og arbeidsgiver, telefonnummer, e-postadresse; "
    "fødselsnummer kun når kunden krever det (§17.4.2)"
)

#: The technical and organisational measures (Art. 32) the app itself shows.
SECURITY_MEASURES: tuple[str, ...] = (
    "Kryptert database (SQLCipher 4, AES-256 med HMAC-SHA512 per side)",
    "Tilfeldig 256-bits nøkkel i systemets nøkkelring, ellers pakket med passordfrase (Argon2id)",
    "Slettede opplysninger overskrives (secure_delete), også i ledige sider",
    "Krypterte sikkerhetskopier; eldre kopier slettes etter slettefristen",
    "Hash-kjedet revisjonslogg over hvem som endret hva; "
    "personopplysninger kan fjernes uten å bryte kjeden",
    "Taushetserklæring for alle ansatte og underleverandører med tilgang (§17.10)",
    "Avvikshåndtering med 72-timersfrist til Datatilsynet (§17.9)",
)


@dataclass(frozen=True)
class SupplierInfo:
    org_number: str
    name: str
    address: str
    email: str
    phone: str
    contact: str  # the signer / daily manager


@dataclass(frozen=True)
class ControllerEntry:
    """A customer with an accepted DPA (terms version with the DPA annex)."""

    org_number: str
    name: str
    terms_label: str
    accepted_on: date


@dataclass(frozen=True)
class SubProcessorRecord:
    name: str
    org_number: str
    purpose: str
    data_shared: str
    kind: str
    country: str
    transfer_basis: str


def transfer_of(location: str | None, country: str, basis: str) -> tuple[str, str]:
    """(country, transfer basis) as recorded, else derived from the register's location."""
    place = (country or location or "").strip()
    if basis.strip():
        return place or "Ikke oppgitt", basis.strip()
    if not place:
        return "Ikke oppgitt", "Ikke registrert - må avklares (GDPR kap. V)"
    words = {w.strip(".,()").lower() for w in place.split()}
    if words & EEA_COUNTRIES:
        return place, "Innenfor EU/EØS - ingen overføring til tredjeland"
    return place, "Tredjeland - overføringsgrunnlag må registreres (GDPR art. 44-49)"


def _supplier_table(s: SupplierInfo) -> Table:
    return Table(
        (
            ("Navn", s.name),
            ("Organisasjonsnummer", s.org_number),
            ("Adresse", s.address),
            ("E-post", s.email),
            ("Telefon", s.phone),
            ("Kontaktperson", s.contact),
        )
    )


def _subprocessor_table(subs: Sequence[SubProcessorRecord]) -> Table:
    rows = [("Underleverandør", "Formål", "Opplysninger", "Land", "Overføringsgrunnlag")]
    for sp in subs:
        name = f"{sp.name} ({sp.org_number})" if sp.org_number else sp.name
        rows.append((name, sp.purpose, sp.data_shared, sp.country, sp.transfer_basis))
    return Table(tuple(rows), header=True)


def build_art30(
    supplier: SupplierInfo,
    controllers: Sequence[ControllerEntry],
    subprocessors: Sequence[SubProcessorRecord],
    rules: Sequence[RetentionRule],
    *,
    version: int,
    generated_on: date,
) -> PrivacyDocument:
    """The records as one document (Norwegian)."""
    controller_rows = [("Behandlingsansvarlig", "Org.nr.", "Avtaleversjon", "Akseptert")]
    controller_rows += [
        (c.name, c.org_number, c.terms_label, c.accepted_on.strftime("%d.%m.%Y"))
        for c in controllers
    ]
    retention = BulletList(tuple(f"{r.title}: {r.period_text} ({r.source})" for r in rules))
    processor = ReportSection(
        "Del A - Som databehandler (artikkel 30 nr. 2)",
        (
            Paragraph("a) Databehandler og kontaktperson", heading=True),
            _supplier_table(supplier),
            Paragraph(
                f"Behandlingsansvarlige: {len(controllers)} kunder med akseptert "
                "databehandleravtale (vedlegg 1 til avtalevilkårene).",
                heading=True,
            ),
            Table(tuple(controller_rows), header=True),
            Paragraph(
                "b) Kategorier av behandling utført på vegne av hver behandlingsansvarlig",
                heading=True,
            ),
            BulletList(PROCESSOR_CATEGORIES),
            Paragraph(f"Registrerte: {PROCESSOR_SUBJECTS}. Opplysninger: {PROCESSOR_DATA}."),
            Paragraph("c) Underleverandører og overføring til tredjeland", heading=True),
            _subprocessor_table(subprocessors),
            Paragraph(
                "d) Tekniske og organisatoriske sikkerhetstiltak (artikkel 32)", heading=True
            ),
            BulletList(SECURITY_MEASURES),
        ),
    )
    controller = ReportSection(
        "Del B - Som behandlingsansvarlig (artikkel 30 nr. 1)",
        (
            _supplier_table(supplier),
            Paragraph("Formål", heading=True),
            BulletList(
                (
                    "Kundeavtaler: godkjente kontaktpersoner og signaturrett (§7-8)",
                    "Fakturering og regnskap (bokføringsloven)",
                    "Varsling om endrede vilkår (§14) og om avvik (§17.9)",
                )
            ),
            Paragraph(
                "Registrerte: kundenes kontaktpersoner, hovedkontakter, signaturberettigede og "
                "daglige ledere. Opplysninger: navn, stilling, telefon, mobil, e-post, roller hos "
                "kunden, samtykker, henvendelser om personvern."
            ),
            Paragraph(
                "Mottakere: underleverandørene i del A c); Datatilsynet ved avvik. "
                "Overføring til tredjeland: som i del A c)."
            ),
            Paragraph("Slettefrister", heading=True),
            retention,
            Paragraph("Sikkerhetstiltak: som i del A d).", heading=False),
        ),
    )
    meta = (
        f"Versjon {version}",
        f"Dato {generated_on.strftime('%d.%m.%Y')}",
        f"{supplier.name}, org.nr. {supplier.org_number}",
    )
    return PrivacyDocument(
        "art30",
        "nb",
        "Protokoll over behandlingsaktiviteter (personvernforordningen artikkel 30)",
        meta,
        (processor, controller),
    )


CSV_HEADER: tuple[str, ...] = (
    "record",
    "version",
    "date",
    "controller",
    "controller_org_number",
    "terms_version",
    "accepted_on",
    "processor",
    "processor_org_number",
    "categories",
    "sub_processor",
    "sub_processor_org_number",
    "purpose",
    "data",
    "country",
    "transfer_basis",
    "security_measures",
)


def csv_rows(
    supplier: SupplierInfo,
    controllers: Sequence[ControllerEntry],
    subprocessors: Sequence[SubProcessorRecord],
    *,
    version: int,
    generated_on: date,
) -> list[tuple[str, ...]]:
    """One row per controller, one per sub-processor, one for the supplier's own processing."""
    day = generated_on.isoformat()
    categories = " | ".join(PROCESSOR_CATEGORIES)
    measures = " | ".join(SECURITY_MEASURES)
    rows: list[tuple[str, ...]] = []
    blank_sub = ("",) * 6
    for c in controllers:
        rows.append(
            (
                "30(2) controller",
                str(version),
                day,
                c.name,
                c.org_number,
                c.terms_label,
                c.accepted_on.isoformat(),
                supplier.name,
                supplier.org_number,
                categories,
                *blank_sub,
                measures,
            )
        )
    for sp in subprocessors:
        rows.append(
            (
                "30(2) sub-processor",
                str(version),
                day,
                "",
                "",
                "",
                "",
                supplier.name,
                supplier.org_number,
                "",
                sp.name,
                sp.org_number,
                sp.purpose,
                sp.data_shared,
                sp.country,
                sp.transfer_basis,
                "",
            )
        )
    rows.append(
        (
            "30(1) controller",
            str(version),
            day,
            supplier.name,
            supplier.org_number,
            "",
            "",
            "",
            "",
            "Kundeavtaler, kontaktpersoner, fakturering, varsling",
            *blank_sub,
            measures,
        )
    )
    return rows
