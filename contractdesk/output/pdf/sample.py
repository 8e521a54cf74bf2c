"""A realistic sample agreement (terms shaped like the 2021 text) for previews, tests and
benchmarks."""

from __future__ import annotations

from decimal import Decimal

from contractdesk.domain.terms.document import (
    Annex,
    BulletList,
    Paragraph,
    Section,
    SignatureBlock,
    Table,
    TermsDocument,
)

from .model import AgreementInput, Party, ServiceLine, SignatoryInfo, SubProcessor

_FILLER = (
    "Partene skal samarbeide lojalt for å oppfylle avtalens formål, og hver part skal uten "
    "ugrunnet opphold varsle den andre parten om forhold som kan få betydning for leveransen. "
    "{supplier.name} leverer tjenestene i henhold til beskrivelsen i bestillingen og disse "
    "vilkårene, og kunden sørger for at opplysningene som oppgis er korrekte og oppdaterte."
)

_SECTIONS: list[tuple[str, str]] = [
    ("2", "Avtalens formål"),
    ("2.1", "Definisjoner"),
    ("2.2", "Prøvetid og ikraftsettelse av avtalen"),
    ("3", "Produkter og tjenester"),
    ("4", "Bestilling"),
    ("4.1", "Bestilling"),
    ("4.2", "Berettiget signatur"),
    ("4.3", "Nybestillinger av produkter og tjenester"),
    ("5", "Avbestilling og oppsigelse"),
    ("5.1", "Ingen oppsigelsestid"),
    ("6", "Markedsføring"),
    ("7", "Firmainformasjon"),
    ("7.1", "Utveksling av firmainformasjon"),
    ("7.2", "Kontaktperson"),
    ("8", "Personinformasjon"),
    ("8.1", "Godkjente personkontakter"),
    ("8.1.1", "Hovedkontakt/Nøkkelkontakt"),
    ("8.2", "Innsamlet persondata"),
    ("8.2.1", "Bruk av innsamlet persondata"),
    ("8.2.2", "Innsynsrett i persondata"),
    ("8.2.3", "Sletting og endring av persondata"),
    ("8.3", "Kundens plikter i forbindelse med personvern"),
    ("9", "Kundens bruk av tjenestene"),
    ("9.1", "Bruksrett"),
    ("9.2", "Eierskap til data"),
    ("9.3", "Leverandørens bruk av kundens data"),
    ("9.4", "Backup"),
    ("10", "Betaling"),
    ("10.1", "Fakturagebyr"),
    ("10.2", "Purring og inkasso"),
    ("10.3", "Tvist og innsigelser på faktura"),
    ("11", "Erstatningsplikt"),
    ("11.1", "Avbrudd og nedetid"),
    ("11.1.1", "Planlagt nedetid"),
    ("11.1.2", "Kritisk retting"),
    ("11.2", "Kompensasjon"),
    ("11.3", "Klagerett"),
    ("12", "Oppsigelse og bindingstid"),
    ("12.1", "Sletting av data"),
    ("12.2", "Bruksrett og tilganger"),
    ("12.3", "Refusjon av innbetalt lisens"),
    ("12.4", "Leverandørens rett til å si opp avtalen"),
    ("13", "Priser og bestilling av tjenester"),
    ("13.1", "Prisjustering"),
    ("14", "Endring av avtalevilkår"),
    ("15", "Lovvalg og verneting"),
]

_DPA: list[tuple[str, str]] = [
    ("17", "Databehandleravtale"),
    ("17.1", "Parter"),
    ("17.2", "Kontaktperson"),
    ("17.3", "Avtalens hensikt"),
    ("17.4", "Formålet med avtalen"),
    ("17.4.1", "Beskrivelse av formålet med bruken av databehandler"),
    ("17.4.2", "Spesifisering av aktuelle data"),
    ("17.5", "Varighet og oppsigelse"),
    ("17.6", "Partenes ansvar under personopplysningsloven"),
    ("17.6.1", "Behandlingsansvarliges plikter"),
    ("17.6.2", "Databehandlers plikter"),
    ("17.7", "Bruk av underleverandører"),
    ("17.8", "Krav til informasjonssikkerhet"),
    ("17.9", "Avviksmelding"),
    ("17.10", "Taushetsplikt"),
    ("17.11", "Mislighold"),
    ("17.12", "Ved opphør"),
    ("17.13", "Rettsvalg og verneting"),
]

INVOICE_PERIOD_TABLE = Table(
    rows=(
        ("Fakturaperiode", "Fakturadato", "Forfall"),
        ("Årlig", "1. januar", "14 dager"),
        ("Halvårlig (standard)", "2. januar og 2. juli", "14 dager"),
        ("Kvartalsvis", "3. januar, 3. april, 3. juli og 3. oktober", "14 dager"),
        ("Annenhver måned", "Den 4. i januar, mars, mai, juli, september og november", "7 dager"),
        ("Månedlig", "Den 5. hver måned", "7 dager"),
        ("Engangskostnader", "Fortløpende", "14 dager"),
        ("SMS-forbruk", "Månedlig, etterskuddsvis", "14 dager"),
    ),
    header=True,
)


def _blocks(number: str, title: str) -> tuple[Paragraph | BulletList | Table | SignatureBlock, ...]:
    if number == "2.2":
        return (
            Paragraph("Denne avtalen kan bekreftes på flere måter."),
            BulletList(
                (
                    "Ved ordinær signatur.",
                    "Ved aksept på fortsatt kundeforhold, online etter endt prøvetid.",
                )
            ),
            Paragraph(
                "Vedlegg 1, punkt 17 Databehandleravtale gjelder fra aksept av vilkår ved online "
                "registrering også før og igjennom prøvetiden."
            ),
        )
    if number == "3":
        return (
            Paragraph(_FILLER),
            Paragraph(
                "{supplier.name} har ambisjoner om å utvikle produkter innenfor følgende segmenter:"
            ),
            BulletList(
                (
                    "Salg",
                    "Kundeservice og oppfølging",
                    "Leveranser og produksjon",
                    "Intranett",
                    "E-handel",
                )
            ),
            Paragraph(_FILLER),
        )
    if number == "10":
        return (
            Paragraph("Lisenser faktureres forskuddsvis. Halvårlig fakturering er standard."),
            INVOICE_PERIOD_TABLE,
            Paragraph("Fakturering starter når prøvetiden er over."),
        )
    if number == "10.1":
        return (
            Paragraph("Fakturagebyr avhenger av leveringsmåte:"),
            BulletList(
                (
                    "Papirfaktura: kr 45,00",
                    "E-postfaktura: kr 12,00",
                    "EHF (elektronisk faktura): kr 0,00",
                )
            ),
        )
    if number == "8.1.1":
        return (
            Paragraph(
                "Kunden skal til enhver tid ha nøyaktig én hovedkontakt. Hovedkontakten har samme "
                "rettigheter som signaturberettiget og daglig leder."
            ),
            Paragraph(_FILLER),
        )
    n = sum(int(p) for p in number.split(".")) % 3 + 1
    return tuple(Paragraph(_FILLER) for _ in range(n))


def sample_terms() -> TermsDocument:
    """A terms document shaped like the 2021 text: ~60 sections, bullets, a table, the DPA annex."""
    sections = [Section(n, t, _blocks(n, t)) for n, t in _SECTIONS]
    sections.append(
        Section(
            "16",
            "Signering",
            (
                Paragraph(
                    "Denne avtalen er signert ved signatur i dette dokumentet eller aksept av "
                    "vilkår og "
                    "bestilling av tjenester fra {supplier.name}."
                ),
                Paragraph("Analog signatur", heading=True),
                SignatureBlock(
                    intro="Brukes i forbindelse med signatur på papir eller på teknologiske "
                    "plattformer som gir mulighet for signatur:"
                ),
            ),
        )
    )
    dpa = [Section(n, t, _blocks(n, t)) for n, t in _DPA]
    dpa.append(
        Section(
            "17.14",
            "Signering",
            (
                Paragraph("Databehandleravtalen signeres sammen med avtalevilkårene."),
                SignatureBlock(intro="Analog signatur:"),
            ),
        )
    )
    return TermsDocument(
        title="Avtalevilkår",
        front_matter=(
            Paragraph("Dato for gjeldende avtalevilkår er: 17.04.2021"),
            Paragraph(
                "Ved innsendelse av skjema eller signatur bekreftes det at vedkommende er i "
                "posisjon til å inngå avtaler på vegne av bedriften. Inkludert i denne avtalen er "
                "Databehandleravtale "
                "mellom kunden og {supplier.name}."
            ),
        ),
        sections=tuple(sections),
        annexes=(Annex("Vedlegg 1", "Databehandleravtale", (), tuple(dpa)),),
    )


SAMPLE_TERMS = sample_terms()
SAMPLE_SHA256 = SAMPLE_TERMS.sha256()

SAMPLE_SUPPLIER = Party(
    name="Webmaster Heimen",
    org_number="971049669",
    address_lines=("Uranusvegen 5",),
    postcode="6419",
    city="MOLDE",
    email="post@example.no",
    phone="+47 712 34 567",
)

SAMPLE_SUBPROCESSORS = (
    SubProcessor("PowerOffice", "Regnskap og fakturering", "Norge"),
    SubProcessor("Admento AS", "Regnskap", "Norge"),
    SubProcessor("BankID", "Identifisering ved signering av kontrakter", "Norge"),
    SubProcessor("LinkMobility AS", "SMS-utsending (kun mobilnummer)", "Norge"),
    SubProcessor("Creditsafe AS", "Kredittopplysninger", "Norge"),
    SubProcessor("ITEA AS", "Utvikling (tilgang ved support)", "Norge"),
)


def sample_input(
    org_number: str = "912345674",
    name: str = "Sámi Duodji Ođđasit AS",
    *,
    document_id: str = "AVT-2024-0001",
    terms: TermsDocument = SAMPLE_TERMS,
    services: int = 3,
    warning: str | None = None,
) -> AgreementInput:
    """A complete agreement input for one (fictional) customer."""
    lines = [
        ServiceLine(
            "CRM-lisens, 5 brukere", Decimal(12000), "Halvårlig", "12 måneder", Decimal(12)
        ),
        ServiceLine("SMS-pakke", Decimal("0.45"), "Månedlig, etterskuddsvis", "Ingen", Decimal(0)),
        ServiceLine("Oppsett og opplæring", Decimal(4500), "Engangskostnad", "Ingen", Decimal(45)),
        ServiceLine("Nettbutikkmodul", Decimal("2490.5"), "Kvartalsvis", "12 måneder", Decimal(12)),
    ]
    return AgreementInput(
        document_id=document_id,
        supplier=SAMPLE_SUPPLIER,
        customer=Party(
            name=name,
            org_number=org_number,
            address_lines=("Čohkkiid gáddi 12", "Postboks 44"),
            postcode="9520",
            city="GUOVDAGEAIDNU",
            email="post@example.com",
            phone="+47 78 48 00 00",
        ),
        services=tuple(lines[i % len(lines)] for i in range(services)),
        terms=terms,
        terms_label="17.04.2021",
        terms_sha256=terms.sha256() if terms is not SAMPLE_TERMS else SAMPLE_SHA256,
        customer_signatory=SignatoryInfo("Áilu Ŋuolja Đuđi", "Daglig leder", warning),
        supplier_signatory=SignatoryInfo("Frode Heimen", "Innehaver"),
        subprocessors=SAMPLE_SUBPROCESSORS,
    )
