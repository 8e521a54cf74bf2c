"""Which business a terms text names as the supplier, and the same text with supplier fields.

The 2021 terms write the supplier out ("Webmaster Heimen", "Uranusvegen 5", an e-mail address):
set up for another business, they would still name that one. `named_business` finds the
business a text names (its VAT line "NO 971 049 669" with the name and address after it, and
the DPA contact line); `with_supplier_fields` gives the text with those values replaced by
``{supplier.*}`` fields, ready to become the next version. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contractdesk.domain.people import fold
from contractdesk.domain.terms.document import TermsDocument
from contractdesk.domain.terms.fields import field_names

__all__ = ["NamedBusiness", "named_business", "names_business", "with_supplier_fields"]

_VAT_BLOCK = re.compile(
    r"NO\s+(\d{3})\s?(\d{3})\s?(\d{3})(?:\s+MVA)?\s*\n([^\n]+)\n([^\n]+)\n(\d{4})\s+([^\n]+)"
)
_DASH = "[\u2013-]"  # an en dash or a hyphen
_CONTACT = re.compile(
    rf"(?:Daglig leder|Kontaktperson)[^\n\u2013-]*{_DASH}\s*([^\u2013\n]+?)\s*{_DASH}\s*"
    rf"Tlf\.?\s*([\d +]+?)\s*{_DASH}\s*E-post:\s*(\S+@\S+)"
)


@dataclass(frozen=True)
class NamedBusiness:
    """The supplier a terms text writes out (empty strings where it does not say)."""

    org_number: str
    name: str
    address: str = ""
    postcode: str = ""
    city: str = ""
    signer: str = ""
    phone: str = ""
    email: str = ""


def _plain(doc: TermsDocument) -> str:
    from contractdesk.domain.terms.importer import to_plain_text

    return to_plain_text(doc)


def named_business(doc: TermsDocument) -> NamedBusiness | None:
    """The business the text names as supplier, or None when it names none (or uses fields)."""
    text = _plain(doc)
    match = _VAT_BLOCK.search(text)
    if match is None:
        return None
    contact = _CONTACT.search(text)
    return NamedBusiness(
        org_number="".join(match.group(1, 2, 3)),
        name=match[4].strip(),
        address=match[5].strip(),
        postcode=match[6],
        city=match[7].strip(),
        signer=contact[1].strip() if contact else "",
        phone=contact[2].strip() if contact else "",
        email=contact[3].strip().rstrip(".,;") if contact else "",
    )


def names_business(doc: TermsDocument, name: str, org_number: str) -> bool:
    """Whether the text is for this supplier: it uses ``{supplier.name}``, or names this
    business."""
    if "supplier.name" in field_names(doc):
        return True
    named = named_business(doc)
    if named is not None:
        return named.org_number == org_number or fold(named.name) == fold(name)
    return fold(name) in fold(_plain(doc))


def with_supplier_fields(doc: TermsDocument, named: NamedBusiness) -> TermsDocument:
    """The text with the named business's details replaced by ``{supplier.*}`` fields."""
    from contractdesk.domain.terms.importer import import_terms

    spaced = f"{named.org_number[:3]} {named.org_number[3:6]} {named.org_number[6:]}"
    pairs = [
        (named.email, "{supplier.email}"),
        (f"NO {spaced} MVA", "{supplier.vat_number}"),
        (f"NO {spaced}", "{supplier.vat_number}"),
        (spaced, "{supplier.org_number}"),
        (named.org_number, "{supplier.org_number}"),
        (named.signer, "{supplier_signatory.name}"),
        (named.phone, "{supplier.phone}"),
        (named.address, "{supplier.address}"),
        (f"{named.postcode} {named.city}", "{supplier.postcode} {supplier.city}"),
        (named.name, "{supplier.name}"),
    ]
    text = _plain(doc)
    for old, new in pairs:
        if old.strip():
            text = text.replace(old, new)
    return import_terms(text)
