"""People: the DTOs built from repository rows (cards, lists, memberships, consents)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from contractdesk.domain.people import ConsentKind, Role, fold, full_name, rights_for, sort_roles
from contractdesk.services.people.views import ConsentState, Membership, PersonRow, PersonView
from contractdesk.store.models import Consent, Customer, Person
from contractdesk.store.queries import people as q
from contractdesk.store.unit import Session


def memberships(s: Session, person_ids: Sequence[int]) -> dict[int, tuple[Membership, ...]]:
    """Person id → their customers with roles, rights and each customer's main contact."""
    if not person_ids:
        return {}
    rows, mains = q.memberships_rows(s, person_ids)
    grouped: dict[tuple[int, int], list[Any]] = {}
    for r in rows:
        grouped.setdefault((r.person_id, r.id), []).append(r)
    out: dict[int, list[Membership]] = {}
    for (pid, cid), items in grouped.items():
        roles = sort_roles(Role(i.role) for i in items)
        first = items[0]
        out.setdefault(pid, []).append(
            Membership(
                first.org_number,
                first.name,
                first.status,
                roles,
                rights_for(roles),
                mains.get(cid),
                min(i.since for i in items),
            )
        )
    return {
        pid: tuple(sorted(ms, key=lambda m: (fold(m.customer_name), m.org_number)))
        for pid, ms in out.items()
    }


def consents(s: Session, person_id: int) -> tuple[ConsentState, ...]:
    """The consent in force for each kind (the latest event)."""
    latest: dict[str, Consent] = {}
    for c in q.consents_of(s, person_id):
        latest[c.kind] = c
    states = []
    for kind in ConsentKind:
        event = latest.get(kind.value)
        states.append(
            ConsentState(kind, event.given, event.on, event.source)
            if event
            else ConsentState(kind, None)
        )
    return tuple(states)


def person_view(s: Session, person: Person) -> PersonView:
    """The person's card."""
    return PersonView(
        person.id,
        person.first_name,
        person.middle_name,
        person.last_name,
        person.title,
        person.phone,
        person.mobile,
        tuple(person.emails or ()),
        person.erased_at,
        person.created_at,
        person.updated_at,
        memberships(s, [person.id]).get(person.id, ()),
        consents(s, person.id),
        version=person.version,
    )


def rows_at(s: Session, customer: Customer) -> list[PersonRow]:
    """The people at one customer with their roles there, main contact first."""
    grouped: dict[int, list[Any]] = {}
    people: dict[int, Person] = {}
    for role_row, person in q.rows_at(s, customer.id):
        grouped.setdefault(person.id, []).append(role_row)
        people[person.id] = person
    out = []
    for pid, items in grouped.items():
        p = people[pid]
        roles = sort_roles(Role(i.role) for i in items)
        main = next((i for i in items if i.role == Role.MAIN_CONTACT.value), None)
        first = main or min(items, key=lambda i: i.since)
        out.append(
            PersonRow(
                pid,
                full_name(p.first_name, p.middle_name, p.last_name),
                p.title,
                tuple(p.emails or ()),
                p.phone,
                p.mobile,
                p.erased_at is not None,
                roles,
                rights_for(roles),
                first.since,
                first.requested_by_person_id,
                (customer.org_number,),
            )
        )
    out.sort(key=lambda r: (not r.is_main_contact, fold(r.full_name), r.id))
    return out


def everyone(s: Session, *, include_erased: bool) -> list[PersonRow]:
    """Every person, with the org numbers of the customers where they hold a role."""
    orgs = q.org_numbers_by_person(s)
    return [
        PersonRow(
            p.id,
            full_name(p.first_name, p.middle_name, p.last_name),
            p.title,
            tuple(p.emails or ()),
            p.phone,
            p.mobile,
            p.erased_at is not None,
            org_numbers=tuple(orgs.get(p.id, ())),
        )
        for p in q.people(s, include_erased=include_erased)
    ]
