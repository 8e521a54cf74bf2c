"""The supplier's own privacy statement (personvernerklæring), in Norwegian (nb) or English (en).

Generated from the supplier profile, the sub-processor register, the retention rules and the
purposes below, under the headings the four seed policies cover: who is controller, what is
collected, purposes and legal basis, sharing and sub-processors, transfers, retention, rights
and how to use them, contact, complaints to Datatilsynet. The document's language is chosen
by the caller (the website may need both), independent of the app's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from contractdesk.domain.privacy.document import Block, PrivacyDocument, ReportSection
from contractdesk.domain.privacy.records import SubProcessorRecord, SupplierInfo
from contractdesk.domain.privacy.retention import RetentionRule, RuleKey
from contractdesk.domain.terms.document import BulletList, Paragraph, Table

__all__ = ["HEADINGS", "LANGUAGES", "RULE_TITLES", "build_statement"]

LANGUAGES = ("nb", "en")

HEADINGS: dict[str, tuple[str, ...]] = {
    "nb": (
        "1. Behandlingsansvarlig",
        "2. Hvilke opplysninger vi samler inn",
        "3. Formål og rettslig grunnlag",
        "4. Deling av opplysninger og underleverandører",
        "5. Overføring til land utenfor EU/EØS",
        "6. Hvor lenge vi lagrer opplysningene",
        "7. Dine rettigheter og hvordan du bruker dem",
        "8. Kontakt",
        "9. Klage til Datatilsynet",
    ),
    "en": (
        "1. Who is the controller",
        "2. What we collect",
        "3. Purposes and legal basis",
        "4. Sharing and sub-processors",
        "5. Transfers outside the EU/EEA",
        "6. How long we keep the data",
        "7. Your rights and how to use them",
        "8. Contact",
        "9. Complaints to Datatilsynet",
    ),
}

RULE_TITLES: dict[str, dict[RuleKey, str]] = {
    "nb": {
        RuleKey.CUSTOMER_DATA: "Kundedata etter avsluttet kundeforhold",
        RuleKey.CASE_LOGS: "Sakslogger og henvendelser",
        RuleKey.BILLING: "Personopplysninger knyttet til fakturering",
        RuleKey.PROSPECTS: "Potensielle kunder etter siste kontakt",
        RuleKey.NEWSLETTER_SIGNOFFS: "Avmelding fra nyhetsbrev",
    },
    "en": {
        RuleKey.CUSTOMER_DATA: "Customer data after the relationship ends",
        RuleKey.CASE_LOGS: "Case and request logs",
        RuleKey.BILLING: "Personal data tied to billing",
        RuleKey.PROSPECTS: "Prospects after the last contact",
        RuleKey.NEWSLETTER_SIGNOFFS: "Newsletter sign-offs",
    },
}

_UNITS = {
    "nb": {"days": "dager", "months": "måneder", "years": "år"},
    "en": {"days": "days", "months": "months", "years": "years"},
}

_TEXT: dict[str, dict[str, str]] = {
    "nb": {
        "title": "Personvernerklæring",
        "controller": "{name} (org.nr. {org}) er behandlingsansvarlig for personopplysningene "
        "beskrevet i denne erklæringen. For opplysninger vi behandler i kundenes CRM-system er "
        "kunden behandlingsansvarlig og vi databehandler, regulert i databehandleravtalen.",
        "collected": "Vi behandler opplysninger om kontaktpersoner hos våre kunder og om "
        "potensielle kunder:",
        "legal": "Rettslig grunnlag",
        "sharing": "Vi selger aldri personopplysninger. Vi deler opplysninger bare med "
        "underleverandørene under, som behandler dem på våre vegne etter egne "
        "databehandleravtaler:",
        "transfer_none": "Vi overfører ikke personopplysninger til land utenfor EU/EØS.",
        "transfer_unknown": "Vi har ikke registrert overføringer til land utenfor EU/EØS. "
        "For disse underleverandørene er landet ennå ikke oppgitt: {names}.",
        "purpose": "Formål",
        "transfer_some": "Følgende underleverandører kan behandle opplysninger utenfor "
        "EU/EØS, på grunnlaget som er oppgitt:",
        "retention": "Opplysningene slettes eller anonymiseres når de ikke lenger trengs. "
        "Regnskapsopplysninger lagres så lenge bokføringsloven krever. Sikkerhetskopier eldre "
        "enn slettefristen slettes.",
        "rights": "Du har rett til innsyn (art. 15), retting (art. 16), sletting (art. 17), "
        "begrensning (art. 18), dataportabilitet i et maskinlesbart format (art. 20) og til å "
        "protestere (art. 21), og du kan når som helst trekke tilbake et samtykke. Send en "
        "e-post til {email}; vi svarer innen én måned. Gjelder det data i et kundesystem, "
        "kontakter du bedriften opplysningene kommer fra.",
        "contact": "{name}, {address}. E-post: {email}. Telefon: {phone}.",
        "complaint": "Mener du at vi behandler personopplysninger i strid med regelverket, kan "
        "du klage til Datatilsynet, Postboks 458 Sentrum, 0105 Oslo, www.datatilsynet.no.",
        "version": "Versjon {version}, {date}",
        "rule": "{title}: {period} {unit} ({source})",
        "none": "Ingen registrert.",
        "heads": "Underleverandør|Formål|Opplysninger|Land",
    },
    "en": {
        "title": "Privacy statement",
        "controller": "{name} (organisation number {org}) is the controller of the personal "
        "data described in this statement. For data we process in our customers' CRM systems "
        "the customer is the controller and we are its processor, under the data processing "
        "agreement.",
        "collected": "We process data about contact persons at our customers and about "
        "prospective customers:",
        "legal": "Legal basis",
        "sharing": "We never sell personal data. We share data only with the sub-processors "
        "below, who process it on our behalf under their own data processing agreements:",
        "transfer_none": "We do not transfer personal data to countries outside the EU/EEA.",
        "transfer_unknown": "We have recorded no transfers to countries outside the EU/EEA. "
        "The country of these sub-processors is not stated yet: {names}.",
        "purpose": "Purpose",
        "transfer_some": "The following sub-processors may process data outside the EU/EEA, "
        "on the basis given:",
        "retention": "Data is deleted or anonymised when it is no longer needed. Accounting "
        "records are kept as long as the Bookkeeping Act requires. Backups older than the "
        "retention period are deleted.",
        "rights": "You have the right of access (Art. 15), rectification (Art. 16), erasure "
        "(Art. 17), restriction (Art. 18), data portability in a machine-readable format "
        "(Art. 20) and to object (Art. 21), and you may withdraw a consent at any time. E-mail "
        "{email}; we answer within one month. For data in a customer's system, contact the "
        "company the data comes from.",
        "contact": "{name}, {address}. E-mail: {email}. Phone: {phone}.",
        "complaint": "If you believe we process personal data in breach of the rules, you may "
        "complain to Datatilsynet (the Norwegian Data Protection Authority), Postboks 458 "
        "Sentrum, 0105 Oslo, Norway, www.datatilsynet.no.",
        "version": "Version {version}, {date}",
        "rule": "{title}: {period} {unit} ({source})",
        "none": "None registered.",
        "heads": "Sub-processor|Purpose|Data|Country",
    },
}

_COLLECTED = {
    "nb": (
        "Navn, stilling og arbeidsgiver",
        "Telefon, mobil og e-postadresse",
        "Roller hos kunden (hovedkontakt, kontaktperson, signaturberettiget, daglig leder)",
        "Samtykker og avmeldinger (nyhetsbrev, markedsføring)",
        "Henvendelser om personvern og saker du har meldt",
    ),
    "en": (
        "Name, title and employer",
        "Phone, mobile and e-mail address",
        "Roles at the customer (main contact, contact person, signatory, general manager)",
        "Consents and sign-offs (newsletter, marketing)",
        "Privacy requests and cases you have reported",
    ),
}

#: (purpose, legal basis) per language.
PURPOSES = {
    "nb": (
        (
            "Inngå og følge opp kundeavtaler",
            "Avtale, art. 6 nr. 1 b, og berettiget interesse, art. 6 nr. 1 f",
        ),
        ("Fakturering og regnskap", "Rettslig forpliktelse (bokføringsloven), art. 6 nr. 1 c"),
        ("Kundestøtte og varsling om endringer og avvik", "Berettiget interesse, art. 6 nr. 1 f"),
        ("Nyhetsbrev og markedsføring", "Samtykke, art. 6 nr. 1 a"),
    ),
    "en": (
        (
            "Entering into and managing customer agreements",
            "Contract, Art. 6(1)(b), and legitimate interest, Art. 6(1)(f)",
        ),
        ("Invoicing and accounting", "Legal obligation (Bookkeeping Act), Art. 6(1)(c)"),
        ("Support and notices of changes and breaches", "Legitimate interest, Art. 6(1)(f)"),
        ("Newsletter and marketing", "Consent, Art. 6(1)(a)"),
    ),
}


def _third_country(sp: SubProcessorRecord) -> bool:
    return sp.transfer_basis.startswith("Tredjeland") or (
        bool(sp.transfer_basis)
        and "EØS" not in sp.transfer_basis
        and "Ikke" not in sp.transfer_basis
    )


def _transfers(t: dict[str, str], subs: Sequence[SubProcessorRecord]) -> tuple[Block, ...]:
    abroad = [sp for sp in subs if _third_country(sp)]
    if abroad:
        lines = tuple(f"{sp.name}: {sp.country}, {sp.transfer_basis}" for sp in abroad)
        return (Paragraph(t["transfer_some"]), BulletList(lines))
    unknown = [sp.name for sp in subs if sp.country == "Ikke oppgitt"]
    if unknown:
        return (Paragraph(t["transfer_unknown"].format(names=", ".join(unknown))),)
    return (Paragraph(t["transfer_none"]),)


def build_statement(
    supplier: SupplierInfo,
    subprocessors: Sequence[SubProcessorRecord],
    rules: Sequence[RetentionRule],
    *,
    language: str,
    version: int,
    generated_on: date,
) -> PrivacyDocument:
    """The statement in ``language`` (``nb`` or ``en``)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    t = _TEXT[language]
    h = HEADINGS[language]
    values = {
        "name": supplier.name,
        "org": supplier.org_number,
        "email": supplier.email,
        "phone": supplier.phone,
        "address": supplier.address,
    }
    heads = tuple(t["heads"].split("|"))
    sub_rows = [heads] + [(sp.name, sp.purpose, sp.data_shared, sp.country) for sp in subprocessors]
    units = _UNITS[language]
    rule_lines = tuple(
        t["rule"].format(
            title=RULE_TITLES[language][r.key],
            period=r.period,
            unit=units[r.unit.value],
            source=r.source,
        )
        for r in rules
    )
    sections = (
        ReportSection(h[0], (Paragraph(t["controller"].format(**values)),)),
        ReportSection(h[1], (Paragraph(t["collected"]), BulletList(_COLLECTED[language]))),
        ReportSection(
            h[2],
            (Table(((t["purpose"], t["legal"]), *PURPOSES[language]), header=True),),
        ),
        ReportSection(
            h[3],
            (Paragraph(t["sharing"]), Table(tuple(sub_rows), header=True))
            if subprocessors
            else (Paragraph(t["none"]),),
        ),
        ReportSection(h[4], _transfers(t, subprocessors)),
        ReportSection(h[5], (Paragraph(t["retention"]), BulletList(rule_lines))),
        ReportSection(h[6], (Paragraph(t["rights"].format(**values)),)),
        ReportSection(h[7], (Paragraph(t["contact"].format(**values)),)),
        ReportSection(h[8], (Paragraph(t["complaint"]),)),
    )
    meta = (
        f"{supplier.name}",
        t["version"].format(version=version, date=generated_on.strftime("%d.%m.%Y")),
    )
    return PrivacyDocument("statement", language, t["title"], meta, sections)
