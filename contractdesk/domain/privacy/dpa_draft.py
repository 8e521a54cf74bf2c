"""A modern DPA annex: the 2021 structure (sections 17-17.14) with texts that cover GDPR Art. 28(3).

The 2021 annex cites the repealed Personal Data Act of 2000 and its regulations, misses Art.
28(3)(e) (assisting with data subjects' rights) and covers (a), (d) and (f) only in part. This
draft keeps every section number and title of the source annex and rewrites the sections that
cite the old act or miss a point; it cites the GDPR (Regulation (EU) 2016/679) and the 2018 act
(lov 15. juni 2018 nr. 38, personopplysningsloven). It is a proposal for the owner to edit; it
becomes a version only through the normal draft → publish cycle (§14).
"""

from __future__ import annotations

from dataclasses import replace

from contractdesk.domain.terms.document import BulletList, Paragraph, Section, TermsDocument
from contractdesk.domain.terms.dpa_checklist import find_dpa_annex

__all__ = ["GDPR", "PERSONAL_DATA_ACT_2018", "REWRITTEN", "modern_dpa"]

GDPR = "forordning (EU) 2016/679 (personvernforordningen)"
PERSONAL_DATA_ACT_2018 = (
    "lov 15. juni 2018 nr. 38 om behandling av personopplysninger (personopplysningsloven)"
)

_P = Paragraph

#: New blocks by section number; sections not named here keep their 2021 text.
REWRITTEN: dict[str, tuple[Paragraph | BulletList, ...]] = {
    "17.3": (
        _P(
            "Avtalen innebærer at databehandler behandler personopplysninger som "
            "behandlingsansvarlig har samlet inn og registrert, og regulerer databehandlers bruk "
            "av disse opplysningene."
        ),
        _P(
            f"Avtalens hensikt er å oppfylle kravene til databehandleravtaler i {GDPR} artikkel "
            f"28 nr. 3, jf. {PERSONAL_DATA_ACT_2018}. Avtalen skal sikre at personopplysninger om "
            "de registrerte ikke brukes urettmessig eller kommer uberettigede i hende."
        ),
        _P(
            "Avtalen regulerer databehandlers behandling av personopplysninger på vegne av den "
            "behandlingsansvarlige, herunder innsamling, registrering, sammenstilling, lagring, "
            "utlevering eller kombinasjoner av disse."
        ),
    ),
    "17.5": (
        _P(
            "Avtalen gjelder så lenge databehandler behandler personopplysninger på vegne av "
            "behandlingsansvarlig i henhold til formålet angitt i punkt 17.3 og 17.4."
        ),
        _P(
            "Ved brudd på denne avtalen eller personvernregelverket kan behandlingsansvarlig "
            "pålegge databehandler å stanse den videre behandlingen av opplysningene med "
            "øyeblikkelig virkning."
        ),
        _P(
            "Oppsigelse reguleres av de generelle vilkårene punkt 12. Databehandleravtalen "
            "gjelder så lenge kundeforholdet består; ved opphør gjelder punkt 17.12."
        ),
    ),
    "17.6.1": (
        _P(
            "Behandlingsansvarlig er den som bestemmer formålet med behandlingen av "
            "personopplysninger og hvilke midler som skal brukes, jf. personvernforordningen "
            "artikkel 4 nr. 7."
        ),
        _P(
            "Behandlingsansvarlig har ansvar for at behandlingen har et rettslig grunnlag, at de "
            "registrerte får informasjon, og at kravene i personvernforordningen artikkel 5, 24 "
            "og 32 er oppfylt, også for opplysninger som oppbevares hos databehandler."
        ),
        _P(
            "Behandlingsansvarlig utpeker hvem som skal ha tilgang («brukere») og hvor omfattende "
            "tilgangen skal være, og skal uten opphold melde fra til databehandler dersom en "
            "bruker har misbrukt sin tilgang."
        ),
    ),
    "17.6.2": (
        _P(
            "Databehandler er den som behandler personopplysninger på vegne av den "
            "behandlingsansvarlige, jf. personvernforordningen artikkel 4 nr. 8."
        ),
        _P(
            "Databehandler behandler personopplysninger bare etter dokumenterte instrukser fra "
            "behandlingsansvarlig, gitt i denne avtalen eller skriftlig senere (artikkel 28 nr. 3 "
            "bokstav a). Annen bruk av opplysningene skal på forhånd avtales skriftlig med "
            "behandlingsansvarlig. Mener databehandler at en instruks er i strid med "
            "personvernregelverket, skal behandlingsansvarlig varsles straks."
        ),
        _P(
            "Databehandler overfører ikke personopplysninger til tredjeland eller internasjonale "
            "organisasjoner utenfor EU/EØS uten dokumentert instruks fra behandlingsansvarlig og "
            "et gyldig overføringsgrunnlag etter personvernforordningen kapittel V, med mindre "
            "det kreves etter EU/EØS-rett; da varsles behandlingsansvarlig på forhånd."
        ),
        _P("Partene er enige om at bare følgende hos databehandler har tilgang til opplysningene:"),
        BulletList(
            (
                "Ansatte hos databehandler med supportansvar.",
                "Ansatte hos ITEA AS med supportansvar (utvikler).",
            )
        ),
        _P(
            "Databehandler skal, ut fra behandlingens art og med egnede tekniske og "
            "organisatoriske tiltak, bistå behandlingsansvarlig med å oppfylle de registrertes "
            "rettigheter etter personvernforordningen kapittel III: innsyn, retting, sletting, "
            "begrensning, dataportabilitet og protest (artikkel 28 nr. 3 bokstav e). Henvendelser "
            "fra de registrerte sendes videre til behandlingsansvarlig uten ugrunnet opphold."
        ),
        _P(
            "Databehandler skal bistå behandlingsansvarlig med å sikre at pliktene i artikkel 32 "
            "til 36 oppfylles (artikkel 28 nr. 3 bokstav f): sikkerhet ved behandlingen, melding "
            "av avvik, vurdering av personvernkonsekvenser (konsekvensvurdering etter artikkel 35) "
            "og forhåndsdrøftinger med Datatilsynet (artikkel 36)."
        ),
        _P(
            "Databehandler skal gjøre tilgjengelig for behandlingsansvarlig all dokumentasjon og "
            "informasjon som er nødvendig for å påvise at pliktene i artikkel 28 er oppfylt "
            "(artikkel 28 nr. 3 bokstav h)."
        ),
    ),
    "17.7": (
        _P(
            "Databehandler benytter underleverandører (underdatabehandlere) som er oppført i "
            "listen over underleverandører i avtalevilkårene punkt 8.3 og i produktet. "
            "Behandlingsansvarlig godkjenner disse ved å akseptere avtalen (generell skriftlig "
            "godkjenning, artikkel 28 nr. 2)."
        ),
        _P(
            "Databehandler skal varsle behandlingsansvarlig om planlagte endringer i bruken av "
            "underleverandører minst 30 dager før endringen, slik at behandlingsansvarlig kan "
            "fremme innsigelse mot endringen."
        ),
        _P(
            "Databehandler skal pålegge hver underleverandør de samme forpliktelsene med hensyn "
            "til personvern som følger av denne avtalen, gjennom en skriftlig "
            "databehandleravtale (artikkel 28 nr. 4). Databehandler er fullt ansvarlig overfor "
            "behandlingsansvarlig for underleverandørens oppfyllelse."
        ),
    ),
    "17.8": (
        _P(
            "Databehandler skal gjennomføre egnede tekniske og organisatoriske tiltak for å "
            "oppnå et sikkerhetsnivå som passer til risikoen, jf. personvernforordningen artikkel "
            "32, blant annet kryptering av lagrede data og sikkerhetskopier, tilgangsstyring og "
            "logging."
        ),
        _P(
            "Databehandler skal dokumentere rutiner og andre tiltak for å oppfylle disse kravene. "
            "Dokumentasjonen skal være tilgjengelig på behandlingsansvarliges forespørsel."
        ),
        _P(
            "Databehandler skal på forespørsel fra behandlingsansvarlig bistå og stille seg til "
            "disposisjon for revisjoner, herunder inspeksjoner, som foretas av "
            "behandlingsansvarlig eller en revisor behandlingsansvarlig har gitt fullmakt."
        ),
    ),
    "17.9": (
        _P(
            "Et brudd på personopplysningssikkerheten (avvik) er et sikkerhetsbrudd som fører "
            "til utilsiktet eller ulovlig tilintetgjøring, tap, endring, ulovlig spredning av "
            "eller tilgang til personopplysninger, jf. personvernforordningen artikkel 4 nr. 12."
        ),
        _P(
            "Databehandler skal melde avviket til behandlingsansvarlig uten ugrunnet opphold "
            "etter å ha blitt oppmerksom på det, med de opplysningene behandlingsansvarlig "
            "trenger for å melde avviket til Datatilsynet innen 72 timer (artikkel 33) og varsle "
            "de registrerte når det kreves (artikkel 34)."
        ),
    ),
    "17.12": (
        _P(
            "Ved avtalens opphør skal databehandler, etter behandlingsansvarliges valg, slette "
            "eller tilbakelevere alle personopplysninger som er behandlet på vegne av "
            "behandlingsansvarlig, med mindre lagring kreves etter EU/EØS-rett eller norsk rett "
            "(artikkel 28 nr. 3 bokstav g)."
        ),
        _P(
            "Sletting gjelder også sikkerhetskopier og andre kopier; kopier slettes senest "
            "innen slettefristen i avtalevilkårene punkt 12.1."
        ),
        _P(
            "Databehandler skal skriftlig dokumentere at sletting eller tilbakelevering er "
            "foretatt innen rimelig tid etter avtalens opphør."
        ),
    ),
}


def modern_dpa(doc: TermsDocument) -> TermsDocument:
    """``doc`` with its DPA annex rewritten (numbers and titles kept); the rest unchanged.

    Raises:
        ValueError: the document has no DPA annex.
    """
    annex = find_dpa_annex(doc)
    if annex is None:
        raise ValueError("the terms have no DPA annex")
    sections: list[Section] = []
    for section in annex.sections:
        blocks = REWRITTEN.get(section.number)
        if section.number == "17.6":
            section = replace(section, title="Partenes ansvar etter personvernregelverket")
        sections.append(section if blocks is None else replace(section, blocks=blocks))
    new_annex = replace(annex, sections=tuple(sections))
    annexes = tuple(new_annex if a is annex else a for a in doc.annexes)
    return replace(doc, annexes=annexes)
