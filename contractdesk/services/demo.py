"""The ``--demo`` data set: a supplier profile and customers from the shipped registry fixtures."""

from __future__ import annotations

from typing import Any

from contractdesk.services.supplier import SupplierProfile

DEMO_SUPPLIER = SupplierProfile(
    org_number="971049669",
    name="Webmaster Heimen",
    address_lines=("Uranusvegen 5",),
    postcode="6419",
    city="MOLDE",
    email="post@example.no",
    phone="+4791915980",
    signer_name="Frode Heimen",
    signer_title="Daglig leder",
)


def populate_demo(services: Any) -> None:
    """Fill a fresh (throwaway) store with demo data; later subsystems add their part here."""
    services.supplier.save(DEMO_SUPPLIER, actor="demo")
