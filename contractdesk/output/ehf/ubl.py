"""UBL 2.1 invoices and credit notes by PEPPOL BIS Billing 3.0 (EHF), written with lxml.

One document per file, from a frozen :class:`~contractdesk.domain.invoicing.runs.RunDocument`;
the same document always gives the same bytes (no timestamps). What goes in, by the rules:

* Seller and buyer: ``EndpointID`` and legal ``CompanyID`` with scheme ``0192`` (the
  Norwegian organisation number); the seller's ``NO<org>MVA`` and, when it is registered there,
  ``Foretaksregisteret`` (NO-R-002); the buyer's ``NO<org>MVA`` when it is VAT-registered.
* ``BuyerReference`` always (PEPPOL-EN16931-R003); an ``InvoicePeriod`` on every line.
* The invoice fee as a document-level charge with VAT (category S, 25 %).
* Invoices: ``PaymentMeans`` 30 (credit transfer) with the KID as ``PaymentID`` and the
  supplier's account number. Credit notes: positive amounts, type 381, and a
  ``BillingReference`` to each invoice they correct.
"""

from __future__ import annotations

from copy import deepcopy
from datetime import date
from decimal import Decimal
from functools import lru_cache

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints

from contractdesk.domain.invoicing.runs import Party, RunDocument, Seller
from contractdesk.domain.money import round_ore

CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
NS_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
NS_CREDIT = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
NS_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
NS_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
ORG_SCHEME = "0192"  # Enhetsregisteret, the Norwegian organisation number
CURRENCY = "NOK"
VAT_PERCENT = "25"
FEE_REASON = "Fakturagebyr"
UNIT_CODE = "C62"  # "one" (UN/ECE rec. 20): one period, one cost, one month of usage

_CAC = f"{{{NS_CAC}}}"
_CBC = f"{{{NS_CBC}}}"
_SUB = etree.SubElement
_NSMAP = {"cac": NS_CAC, "cbc": NS_CBC}


def document_file_name(doc: RunDocument) -> str:
    """``invoice-10001.xml`` or ``creditnote-10007.xml`` (the reference while unnumbered)."""
    stem = "creditnote" if doc.is_credit else "invoice"
    return f"{stem}-{doc.number or doc.reference}.xml"


def write_ubl(seller: Seller, doc: RunDocument) -> bytes:
    """The document as UBL 2.1 XML (UTF-8, with declaration).

    Raises:
        ValueError: the document has no number (the accounting system has not numbered it yet).
    """
    if not doc.number:
        raise ValueError(f"document {doc.reference} has no number yet")
    credit = doc.is_credit
    root = etree.Element(
        f"{{{NS_CREDIT}}}CreditNote" if credit else f"{{{NS_INVOICE}}}Invoice",
        nsmap={None: NS_CREDIT if credit else NS_INVOICE, "cac": NS_CAC, "cbc": NS_CBC},
    )
    sign = Decimal(-1) if credit else Decimal(1)
    _text(root, "CustomizationID", CUSTOMIZATION_ID)
    _text(root, "ProfileID", PROFILE_ID)
    _text(root, "ID", doc.number)
    _text(root, "IssueDate", doc.issue_date.isoformat())
    if not credit:
        _text(root, "DueDate", doc.due_date.isoformat())
    _text(root, "CreditNoteTypeCode" if credit else "InvoiceTypeCode", "381" if credit else "380")
    _text(root, "DocumentCurrencyCode", CURRENCY)
    _text(root, "BuyerReference", doc.buyer.buyer_reference or doc.buyer.org_number)
    for ref in doc.credited:
        billing = _SUB(root, _CAC + "BillingReference")
        invoice_ref = _SUB(billing, _CAC + "InvoiceDocumentReference")
        _text(invoice_ref, "ID", ref.number)
        _text(invoice_ref, "IssueDate", ref.issue_date.isoformat())
    # The parties are the same in many documents of a run: built once, copied in (lxml, in C).
    root.append(deepcopy(_seller_party(seller)))
    root.append(deepcopy(_buyer_party(doc.buyer)))
    if not credit:
        means = _SUB(root, _CAC + "PaymentMeans")
        _text(means, "PaymentMeansCode", "30", name="Credit transfer")
        if doc.kid:
            _text(means, "PaymentID", doc.kid)
        account = _SUB(means, _CAC + "PayeeFinancialAccount")
        _text(account, "ID", seller.account_number)
        terms = _SUB(root, _CAC + "PaymentTerms")
        _text(
            terms,
            "Note",
            f"Forfall {doc.due_date.isoformat()}. Inkassovarsel tidligst "
            f"{doc.collection_date.isoformat()}.",
        )
    fee = round_ore(doc.fee * sign)
    if fee:
        charge = _SUB(root, _CAC + "AllowanceCharge")
        _text(charge, "ChargeIndicator", "true")
        _text(charge, "AllowanceChargeReason", FEE_REASON)
        _amount(charge, "Amount", fee)
        _tax_category(charge, "TaxCategory")
    lines_total = round_ore(sum((line.amount for line in doc.lines), Decimal(0)) * sign)
    net = round_ore(doc.net * sign)
    vat = round_ore(doc.vat * sign)
    tax = _SUB(root, _CAC + "TaxTotal")
    _amount(tax, "TaxAmount", vat)
    sub = _SUB(tax, _CAC + "TaxSubtotal")
    _amount(sub, "TaxableAmount", net)
    _amount(sub, "TaxAmount", vat)
    _tax_category(sub, "TaxCategory")
    totals = _SUB(root, _CAC + "LegalMonetaryTotal")
    _amount(totals, "LineExtensionAmount", lines_total)
    _amount(totals, "TaxExclusiveAmount", net)
    _amount(totals, "TaxInclusiveAmount", net + vat)
    if fee:
        _amount(totals, "ChargeTotalAmount", fee)
    _amount(totals, "PayableAmount", net + vat)
    for number, line in enumerate(doc.lines, start=1):
        _line(
            root,
            number,
            line.description,
            line.period_start,
            line.period_end,
            round_ore(line.amount * sign),
            credit,
        )
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _line(
    root: etree._Element,
    number: int,
    description: str,
    start: date,
    end: date,
    amount: Decimal,
    credit: bool,
) -> None:
    line = _SUB(root, _CAC + ("CreditNoteLine" if credit else "InvoiceLine"))
    _text(line, "ID", str(number))
    quantity = _text(line, "CreditedQuantity" if credit else "InvoicedQuantity", "1")
    quantity.set("unitCode", UNIT_CODE)
    _amount(line, "LineExtensionAmount", amount)
    period = _SUB(line, _CAC + "InvoicePeriod")
    _text(period, "StartDate", start.isoformat())
    _text(period, "EndDate", end.isoformat())
    item = _SUB(line, _CAC + "Item")
    _text(item, "Name", _clean(description) or "Tjeneste")
    _tax_category(item, "ClassifiedTaxCategory")
    price = _SUB(line, _CAC + "Price")
    _amount(price, "PriceAmount", amount)


@lru_cache(maxsize=8)
def _seller_party(seller: Seller) -> etree._Element:
    """``cac:AccountingSupplierParty`` (cached: never change the element returned)."""
    outer = etree.Element(_CAC + "AccountingSupplierParty", nsmap=_NSMAP)
    party = _SUB(outer, _CAC + "Party")
    _text(party, "EndpointID", seller.org_number, schemeID=ORG_SCHEME)
    _text(_SUB(party, _CAC + "PartyName"), "Name", _clean(seller.name))
    _address(party, seller.address_lines, seller.city, seller.postcode, seller.country_code)
    _tax_scheme(party, f"NO{seller.org_number}MVA", "VAT")
    if seller.in_business_register:
        _tax_scheme(party, "Foretaksregisteret", "TAX")
    legal = _SUB(party, _CAC + "PartyLegalEntity")
    _text(legal, "RegistrationName", _clean(seller.name))
    _text(legal, "CompanyID", seller.org_number, schemeID=ORG_SCHEME)
    if seller.email or seller.phone:
        contact = _SUB(party, _CAC + "Contact")
        if seller.phone:
            _text(contact, "Telephone", seller.phone)
        if seller.email:
            _text(contact, "ElectronicMail", seller.email)
    return outer


@lru_cache(maxsize=4096)
def _buyer_party(buyer: Party) -> etree._Element:
    """``cac:AccountingCustomerParty`` (cached: never change the element returned)."""
    outer = etree.Element(_CAC + "AccountingCustomerParty", nsmap=_NSMAP)
    party = _SUB(outer, _CAC + "Party")
    _text(party, "EndpointID", buyer.org_number, schemeID=ORG_SCHEME)
    _text(_SUB(party, _CAC + "PartyName"), "Name", _clean(buyer.name))
    _address(party, buyer.address_lines, buyer.city, buyer.postcode, buyer.country_code)
    if buyer.vat_registered:
        _tax_scheme(party, f"NO{buyer.org_number}MVA", "VAT")
    legal = _SUB(party, _CAC + "PartyLegalEntity")
    _text(legal, "RegistrationName", _clean(buyer.name))
    _text(legal, "CompanyID", buyer.org_number, schemeID=ORG_SCHEME)
    if buyer.email:
        _text(_SUB(party, _CAC + "Contact"), "ElectronicMail", buyer.email)
    return outer


def _address(
    party: etree._Element, lines: tuple[str, ...], city: str, postcode: str, country: str
) -> None:
    address = _SUB(party, _CAC + "PostalAddress")
    cleaned = [_clean(x) for x in lines if _clean(x)]
    if cleaned:
        _text(address, "StreetName", cleaned[0])
    if len(cleaned) > 1:
        _text(address, "AdditionalStreetName", ", ".join(cleaned[1:]))
    if city:
        _text(address, "CityName", _clean(city))
    if postcode:
        _text(address, "PostalZone", _clean(postcode))
    _text(_SUB(address, _CAC + "Country"), "IdentificationCode", (country or "NO").upper())


def _tax_scheme(party: etree._Element, company_id: str, scheme: str) -> None:
    tax = _SUB(party, _CAC + "PartyTaxScheme")
    _text(tax, "CompanyID", company_id)
    _text(_SUB(tax, _CAC + "TaxScheme"), "ID", scheme)


def _tax_category(parent: etree._Element, tag: str) -> None:
    category = _SUB(parent, _CAC + tag)
    _text(category, "ID", "S")
    _text(category, "Percent", VAT_PERCENT)
    _text(_SUB(category, _CAC + "TaxScheme"), "ID", "VAT")


def _amount(parent: etree._Element, tag: str, value: Decimal) -> etree._Element:
    return _text(parent, tag, str(round_ore(value)), currencyID=CURRENCY)


def _text(parent: etree._Element, tag: str, value: str, **attrs: str) -> etree._Element:
    element = _SUB(parent, _CBC + tag, attrs) if attrs else _SUB(parent, _CBC + tag)
    element.text = value
    return element


def _clean(text: str) -> str:
    """Text without XML-illegal control characters, on one line."""
    return " ".join("".join(ch for ch in str(text) if ch >= " " or ch in "\t\n").split())
