"""Loads for agreement documents: customers with their people and roles, issuable customers."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from contractdesk.store.models import Customer, Person, PersonRole

__all__ = ["customers_in", "issuable_customers", "people_with_roles"]

_CHUNK = 500


def customers_in(s: Session, org_numbers: Sequence[str]) -> list[Customer]:
    """The customers with these (parsed) org numbers that exist, in few queries."""
    out: list[Customer] = []
    orgs = list(org_numbers)
    for start in range(0, len(orgs), _CHUNK):
        out.extend(
            s.execute(
                select(Customer).where(Customer.org_number.in_(orgs[start : start + _CHUNK]))
            ).scalars()
        )
    return out


def people_with_roles(s: Session, customer_ids: Sequence[int]) -> list[tuple[int, str, Person]]:
    """(customer id, role, person) for every role held at these customers, by customer, person."""
    out: list[tuple[int, str, Person]] = []
    ids = list(customer_ids)
    for start in range(0, len(ids), _CHUNK):
        q = (
            select(PersonRole.customer_id, PersonRole.role, Person)
            .join(Person, Person.id == PersonRole.person_id)
            .where(PersonRole.customer_id.in_(ids[start : start + _CHUNK]))
            .order_by(PersonRole.customer_id, Person.id, PersonRole.id)
        )
        out.extend((cid, role, p) for cid, role, p in s.execute(q).all())
    return out


def issuable_customers(s: Session) -> list[tuple[str, str]]:
    """(org number, registry status) of customers in a customer relationship, by sort name.

    In a relationship: not ended, and not deleted or removed from the registry (the caller
    leaves out the other statuses no agreement may be issued to).
    """
    q = (
        select(Customer.org_number, Customer.status)
        .where(
            Customer.relationship_ended_on.is_(None),
            Customer.status.not_in(("deleted", "removed")),
        )
        .order_by(Customer.sort_name, Customer.id)
    )
    return [(org, status) for org, status in s.execute(q).all()]
