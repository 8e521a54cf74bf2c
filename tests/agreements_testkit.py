"""Customers and people for the acceptance-ledger tests (service, CLI and page): Testesen AS, whose
general manager Kari Nordmann signs alone, and Heimen AS."""

from __future__ import annotations

from typing import Any

ORG_A = "923130969"
ORG_B = "900000057"  # not the supplier (971 049 669): no agreement with itself
V1 = "2021-04-17"


def customer_testesen(signing_text: str = "Daglig leder alene") -> Any:
    """Customer A: Testesen AS; the registry names Kari Nordmann general manager, sole signer."""
    from contractdesk.store.models import Customer

    return Customer(
        org_number=ORG_A,
        name="Testesen AS",
        status="active",
        registry_roles=[{"role_code": "DAGL", "role": "Daglig leder", "name": "Kari Nordmann"}],
        signing_rule={"text": signing_text, "signer_sets": [["Kari Nordmann"]]},
    )


def kari_and_ola() -> list[Any]:
    """Persons 1 (Kari Nordmann) and 2 (Ola Nordmann), in that order."""
    from contractdesk.store.models import Person

    return [
        Person(first_name="Kari", last_name="Nordmann"),
        Person(first_name="Ola", last_name="Nordmann"),
    ]


def seed_two_customers(services: Any) -> Any:
    """Testesen AS (A) and Heimen AS (B, no registry data); persons 1 Kari and 2 Ola."""
    from contractdesk.store.models import Customer

    with services.store.session() as s:
        s.add(customer_testesen())
        s.add(Customer(org_number=ORG_B, name="Heimen AS", status="active"))
        s.add_all(kari_and_ola())
    return services
