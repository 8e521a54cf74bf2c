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
    populate_demo_customers(services)


def populate_demo_customers(services: Any) -> list[str]:
    """Register the demo companies from ``resources/demo/brreg`` (offline, no network), each with
    its registry role holders as people and the first of them as main contact. Returns the org numbers."""
    from contractdesk.registry.demo import demo_lookups

    registered: list[str] = []
    for lookup in demo_lookups():
        if services.customers.exists(lookup.entity.org_number):
            continue
        view = services.customers.register_lookup(lookup, actor="demo")
        registered.append(view.org_number)
        people = getattr(services, "people", None)
        if people is None:
            continue
        first: int | None = None
        holders = people.registry_holders(view.org_number)
        holders.sort(key=lambda h: h.suggested_role.value == "contact")  # signers first: they may ask
        for holder in holders:
            asked_by = first if holder.suggested_role.value == "contact" else None
            if asked_by is None and holder.suggested_role.value == "contact":
                continue
            person_id = people.add_from_registry(view.org_number, holder.index, requested_by=asked_by,
                                                 actor="demo")
            first = first or person_id
        if first is not None and people.main_contact(view.org_number) is None:
            people.set_main_contact(view.org_number, first, actor="demo")
    return registered
