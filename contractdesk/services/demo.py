"""The ``--demo`` data set: a supplier profile, customers from the shipped registry fixtures, their
people, services, usage, agreements and acceptances."""

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


DEMO_ACCOUNT = "8601.11.17947"  # a valid (MOD11) Norwegian account number


def populate_demo(services: Any) -> None:
    """Fill a fresh (throwaway) store with demo data; later subsystems add their part here."""
    services.supplier.save(DEMO_SUPPLIER, actor="demo")
    orgs = populate_demo_customers(services)
    # The supplier is among the registry fixtures: no agreement between the supplier and itself.
    populate_demo_business(services, [o for o in orgs if o != DEMO_SUPPLIER.org_number])
    # Invoice runs (issue 15): a bank account, so Fakturakjøring can freeze and export at once.
    services.invoice_runs.set_account_number(DEMO_ACCOUNT, actor="demo")


def populate_demo_customers(services: Any) -> list[str]:
    """Register the demo companies from ``resources/demo/brreg`` (offline, no network), each with
    its registry role holders as people and the first of them as main contact.

    Returns the org numbers.
    """
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
        holders.sort(
            key=lambda h: h.suggested_role.value == "contact"
        )  # signers first: they may ask
        for holder in holders:
            asked_by = first if holder.suggested_role.value == "contact" else None
            if asked_by is None and holder.suggested_role.value == "contact":
                continue
            person_id = people.add_from_registry(
                view.org_number, holder.index, requested_by=asked_by, actor="demo"
            )
            first = first or person_id
        if first is not None and people.main_contact(view.org_number) is None:
            people.set_main_contact(view.org_number, first, actor="demo")
    return registered


def populate_demo_business(services: Any, orgs: list[str], *, today: Any = None) -> None:
    """Services, usage, agreements and acceptances for the demo customers, dated around today,
    so every page of a newcomer's ``--demo`` has something to show."""
    from datetime import date, timedelta
    from decimal import Decimal

    from contractdesk.services.billing import ServiceInput

    supplier = services.supplier.get() if getattr(services, "supplier", None) else None
    # No agreement between the supplier and itself (refused since #13).
    orgs = [o for o in orgs if supplier is None or o != supplier.org_number]
    billing = getattr(services, "billing", None)
    agreements = getattr(services, "agreements", None)
    people = getattr(services, "people", None)
    if billing is None or not orgs:
        return
    day = today or date.today()
    year_ago = date(day.year - 1, day.month, 1)
    plans = [
        ("email", "half-yearly", [("licence", "CRM-lisens", "12000", 30)], "paper"),
        (
            "ehf",
            "quarterly",
            [("licence", "CRM-lisens", "6000", 0), ("usage", "SMS-utsending", "0.59", 0)],
            "online",
        ),
        (
            "paper",
            "yearly",
            [
                ("licence", "CRM-lisens Pluss", "24000", 14),
                ("one-off", "Oppsett og opplæring", "4500", 0),
            ],
            "sent",
        ),
        ("email", "monthly", [("licence", "CRM-lisens Basis", "3600", 0)], "draft"),
        ("email", "half-yearly", [("licence", "Gratis prøvelisens", "0", 0)], None),
    ]
    for org, (delivery, period, items, agreement) in zip(sorted(orgs), plans, strict=False):
        billing.set_customer_billing(
            org, delivery_method=delivery, invoice_period=period, actor="demo"
        )
        for kind, name, price, trial in items:
            if kind == "licence":
                billing.add_service(
                    org,
                    ServiceInput(
                        kind="licence",
                        name=name,
                        annual_price=Decimal(price),
                        start=year_ago,
                        trial_days=trial,
                    ),
                    actor="demo",
                )
            elif kind == "one-off":
                billing.add_service(
                    org,
                    ServiceInput(
                        kind="one-off",
                        name=name,
                        amount=Decimal(price),
                        cost_date=day + timedelta(days=10),
                    ),
                    actor="demo",
                )
            else:
                service_id = billing.add_service(
                    org,
                    ServiceInput(kind="usage", name=name, unit_price=Decimal(price)),
                    actor="demo",
                )
                for back, quantity in ((3, 1200), (2, 950), (1, 1430)):
                    month = date(day.year, day.month, 1)
                    for _ in range(back):
                        month = (month - timedelta(days=1)).replace(day=1)
                    billing.record_usage(service_id, month, quantity, actor="demo")
        if agreements is None or agreement is None:
            continue
        if agreement in ("paper", "online") and people is not None:
            signer = next((p.id for p in people.list_people(org) if p.rights.may_sign), None)
            if signer is not None:
                agreements.record_acceptance(
                    org,
                    "2021-04-17",
                    method=agreement,
                    signed_by_person_id=signer,
                    accepted_on=year_ago,
                    actor="demo",
                    today=day,
                )
                continue
        view = agreements.create_agreement(org, actor="demo", today=day)
        if agreement == "sent":
            agreements.mark_sent(view.id, "post", actor="demo")
