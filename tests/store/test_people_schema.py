"""The store keeps "exactly one main contact" itself: a partial unique index and triggers (migration 0003)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text

from contractdesk.services.people import PersonInput
from contractdesk.store.models import Customer, PersonRole

ORG_A = "923130969"


def add_customers(services) -> None:  # type: ignore[no-untyped-def]
    with services.store.session() as s:
        s.add(Customer(org_number=ORG_A, name="Testesen AS", status="active"))


def test_the_database_itself_keeps_one_main_contact(services) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import IntegrityError

    from contractdesk.store.errors import StoreError

    add_customers(services)
    people = services.people
    kari = people.add_person_at(ORG_A, PersonInput("Kari", "Nordmann"), "main-contact")
    ola = people.add_person_at(ORG_A, PersonInput("Ola", "Hansen"), "contact", requested_by=kari)
    with services.store.session() as s:
        customer_id = s.execute(select(Customer.id).where(Customer.org_number == ORG_A)).scalar()
    with (
        pytest.raises((IntegrityError, StoreError), match=r"UNIQUE|unique"),
        services.store.session() as s,
    ):
        s.add(
            PersonRole(
                person_id=ola, customer_id=customer_id, role="main_contact", since=date.today()
            )
        )
    with (
        pytest.raises((IntegrityError, StoreError), match="without naming the next"),
        services.store.session() as s,
    ):
        s.execute(text("DELETE FROM person_role WHERE role = 'main_contact'"))
    with (
        pytest.raises((IntegrityError, StoreError), match="without naming the next"),
        services.store.session() as s,
    ):
        s.execute(text("UPDATE person_role SET role = 'contact' WHERE role = 'main_contact'"))
    with (
        pytest.raises((IntegrityError, StoreError), match=r"CHECK|check"),
        services.store.session() as s,
    ):
        s.add(PersonRole(person_id=ola, customer_id=customer_id, role="owner", since=date.today()))
    assert people.main_contact(ORG_A) == kari
    # Handing over is one UPDATE of the holder; deleting the customer takes its roles along.
    with services.store.session() as s:
        s.execute(
            text("UPDATE person_role SET person_id = :p WHERE role = 'main_contact'"), {"p": ola}
        )
    assert people.main_contact(ORG_A) == ola
    with services.store.session() as s:
        s.execute(text("DELETE FROM customer WHERE org_number = :o"), {"o": ORG_A})
        assert s.execute(text("SELECT count(*) FROM person_role")).scalar() == 0
