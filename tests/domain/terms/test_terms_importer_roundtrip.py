"""Property: whatever the importer made of a text, exporting and importing it again changes nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contractdesk.domain.terms.importer import import_terms, to_plain_text

# Lines of every kind the importer treats specially, plus tricky look-alikes.
LINES = [
    "1 Innhold",
    "Innhold",
    "Innledning",
    "Innledning:",
    "1 Formål",
    "2 Definisjoner.",
    "2.1 Kunde",
    "2.1.1 Hovedkontakt/Nøkkelkontakt",
    "3 Betaling",
    "10 Betaling",
    "17 Databehandleravtale",
    "Vedlegg 1:",
    "Vedlegg 2: Prisliste",
    "Vedlegg 1, punkt 17 gjelder også i prøvetiden.",
    "  • Salg",
    "  • Kundeservice og oppfølging",
    "• Uten innrykk",
    "  - strek",
    "  1. Første punkt – med tekst.",
    "  2. Andre punkt.",
    "1. Uten innrykk.",
    "Årlig Fakturadato 1.1 Forfall 14 dager",
    "Månedlig Fakturadato 5. hver måned Forfall 7 dager.",
    "Papirfaktura Kr 45,-",
    "EHF Kr 0,-",
    "| a | b |",
    "|---|---|",
    "| c \\| d | e |",
    "Sted: Dato:",
    "_______________________ _______________________",
    "For kunden For {supplier.name}",
    "Brukes ved signatur på papir:",
    "Analog signatur",
    "Online betaling",
    "Faktura:",
    "Telefonnummer",
    "6419 MOLDE",
    "17.04.2021",
    "* Fakturaperiode for SMS forbruk er etterskuddsvis.",
    "Dette er en vanlig setning med punktum på slutten.",
    "En lang linje " + "med mange ord " * 12 + "og slutt.",
    "   innrykket fortsettelse",
    "",
    "",
    "",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=40))
def test_import_export_import_is_stable(lines: list[str]) -> None:
    text = "Vilkår\n\n" + "\n".join(lines)
    doc = import_terms(text)
    again = import_terms(to_plain_text(doc))
    assert again == doc
    assert again.sha256() == doc.sha256()
