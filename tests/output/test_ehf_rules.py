"""Every kind of EHF the plan can make passes the official PEPPOL BIS Billing 3.0 rules.

The judge is ``../shared/peppol/validate.py`` (CEN EN 16931 + PEPPOL incl. Norwegian rules, run
with saxonche). Kinds covered: licence periods (half-yearly, quarterly, monthly), a one-off
cost, SMS usage, invoice fees as charges with VAT (e-mail 12, paper 45, EHF none), a credit
note, a public customer (no VAT number, EHF) and a foreign-address customer (SE).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from invoice_runs_testkit import FOREIGN, NO_AS, PUBLIC, PUBLIC_REFERENCE, two_runs
from lxml import etree

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
VALIDATOR = SHARED / "peppol" / "validate.py"
NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}

pytestmark = pytest.mark.skipif(
    not VALIDATOR.is_file(),
    reason=f"the PEPPOL rules are not at {VALIDATOR} (CI lays out ../shared)",
)


def _validator() -> Any:
    spec = importlib.util.spec_from_file_location("peppol_validate", VALIDATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ehf_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from contractdesk.paths import StorePaths
    from contractdesk.services.context import Services
    from contractdesk.services.demo import DEMO_SUPPLIER
    from contractdesk.store.profile import demo_profile

    root = tmp_path_factory.mktemp("ehf")
    paths = StorePaths(root / "data")
    services = Services(demo_profile(paths.data_dir), paths)
    try:
        services.supplier.save(DEMO_SUPPLIER, actor="test")
        first, second = two_runs(services)
        for run in (first, second):
            services.invoice_runs.export(run.run_id, "ehf", root / "out")
    finally:
        services.close()
    return {p.name: p for p in sorted((root / "out").iterdir())}


@pytest.fixture(scope="module")
def verdicts(
    ehf_files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[tuple[str, str, str]]]:
    # A tampered copy proves the judge judges: a wrong payable amount must fail BR-CO-16.
    any_invoice = next(p for n, p in ehf_files.items() if n.startswith("invoice"))
    tampered = tmp_path_factory.mktemp("tampered") / "tampered.xml"
    tree = etree.parse(str(any_invoice))
    tree.find("cac:LegalMonetaryTotal/cbc:PayableAmount", namespaces=NS).text = "1.00"
    tree.write(str(tampered), xml_declaration=True, encoding="UTF-8")
    found = _validator().validate([*ehf_files.values(), tampered])
    return {Path(k).name: v for k, v in found.items()}


def _tree(path: Path) -> Any:
    return etree.parse(str(path))


def _kinds(ehf_files: dict[str, Path]) -> dict[str, Path]:
    """One file per kind of document, found by what is in it."""
    kinds: dict[str, Path] = {}
    for name, path in ehf_files.items():
        t = _tree(path)
        buyer = t.findtext("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID", namespaces=NS)
        items = set(t.xpath("//cac:Item/cbc:Name/text()", namespaces=NS))
        charge = t.findtext("cac:AllowanceCharge/cbc:Amount", namespaces=NS)
        if name.startswith("creditnote"):
            kinds["credit note"] = path
        elif buyer == PUBLIC:
            kinds["public customer, EHF, quarterly"] = path
        elif buyer == FOREIGN:
            kinds["foreign address, paper fee 45, monthly"] = path
        elif "SMS" in items:
            kinds["SMS usage"] = path
        elif "Oppsett & opplæring" in items:
            kinds["one-off cost"] = path
        elif buyer == NO_AS and charge == "12.00":
            kinds["half-yearly licence, e-mail fee 12"] = path
    return kinds


def test_every_kind_of_document_is_covered(ehf_files: dict[str, Path]) -> None:
    assert set(_kinds(ehf_files)) == {
        "credit note",
        "public customer, EHF, quarterly",
        "foreign address, paper fee 45, monthly",
        "SMS usage",
        "one-off cost",
        "half-yearly licence, e-mail fee 12",
    }


def test_no_fatal_rule_fails_for_any_file(verdicts: dict[str, list[tuple[str, str, str]]]) -> None:
    assert {rid for flag, rid, _text in verdicts.pop("tampered.xml") if flag == "fatal"} >= {
        "BR-CO-16"
    }
    assert len(verdicts) >= 15
    fatal = {name: [p for p in problems if p[0] == "fatal"] for name, problems in verdicts.items()}
    assert {k: v for k, v in fatal.items() if v} == {}


def test_seller_and_buyer_identifiers(ehf_files: dict[str, Path]) -> None:
    kinds = _kinds(ehf_files)
    for path in ehf_files.values():
        t = _tree(path)
        seller = t.find("cac:AccountingSupplierParty/cac:Party", namespaces=NS)
        endpoint = seller.find("cbc:EndpointID", namespaces=NS)
        assert (endpoint.get("schemeID"), endpoint.text) == ("0192", "971049669")
        assert seller.xpath("cac:PartyTaxScheme/cbc:CompanyID/text()", namespaces=NS) == [
            "NO971049669MVA",
            "Foretaksregisteret",
        ]
        buyer = t.find("cac:AccountingCustomerParty/cac:Party", namespaces=NS)
        assert buyer.find("cbc:EndpointID", namespaces=NS).get("schemeID") == "0192"
        assert t.findtext("cbc:BuyerReference", namespaces=NS)
        lines = t.xpath("cac:InvoiceLine|cac:CreditNoteLine", namespaces=NS)
        assert lines and all(
            ln.find("cac:InvoicePeriod/cbc:StartDate", namespaces=NS) is not None for ln in lines
        )
    vat_ids = lambda p: _tree(p).xpath(  # noqa: E731  (a one-line helper for the two asserts)
        "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID/text()",
        namespaces=NS,
    )
    assert vat_ids(kinds["SMS usage"]) == [f"NO{NO_AS}MVA"]
    assert vat_ids(kinds["public customer, EHF, quarterly"]) == []
    country = _tree(kinds["foreign address, paper fee 45, monthly"]).findtext(
        "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode",
        namespaces=NS,
    )
    assert country == "SE"


def test_payment_means_and_fee(ehf_files: dict[str, Path]) -> None:
    kinds = _kinds(ehf_files)
    t = _tree(kinds["foreign address, paper fee 45, monthly"])
    assert t.findtext("cac:PaymentMeans/cbc:PaymentMeansCode", namespaces=NS) == "30"
    kid = t.findtext("cac:PaymentMeans/cbc:PaymentID", namespaces=NS)
    assert kid and kid[6:14] == f"{int(t.findtext('cbc:ID', namespaces=NS)):08d}"
    assert t.findtext("cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID", namespaces=NS) == (
        "86011117947"
    )
    assert t.findtext("cac:AllowanceCharge/cbc:ChargeIndicator", namespaces=NS) == "true"
    assert t.findtext("cac:AllowanceCharge/cbc:Amount", namespaces=NS) == "45.00"
    assert t.findtext("cac:AllowanceCharge/cac:TaxCategory/cbc:Percent", namespaces=NS) == "25"
    public = _tree(kinds["public customer, EHF, quarterly"])
    assert public.findtext("cbc:BuyerReference", namespaces=NS) == PUBLIC_REFERENCE
    assert (
        public.findtext(
            "cac:AccountingCustomerParty/cac:Party/cac:Contact/cbc:ElectronicMail", namespaces=NS
        )
        == "faktura@molde.example.no"
    )
    assert _tree(kinds["SMS usage"]).findtext("cbc:BuyerReference", namespaces=NS) == (
        "Kari Nordmann"  # no own reference: the main contact's name
    )
    assert public.find("cac:AllowanceCharge", namespaces=NS) is None
    credit = _tree(kinds["credit note"])
    assert credit.findtext(
        "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID", namespaces=NS
    )
    assert credit.findtext("cac:LegalMonetaryTotal/cbc:PayableAmount", namespaces=NS)[0] != "-"
