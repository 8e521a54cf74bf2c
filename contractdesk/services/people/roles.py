"""People: steps shared by the use cases inside one session (look-ups, inserts, role grants).

Each step checks the domain rule (``domain/people.py``) before it writes and records its audit
entry in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from contractdesk.domain.orgnr import InvalidOrgNumber, format_org_number, parse_org_number
from contractdesk.domain.people import (
    Assignment,
    ConsentKind,
    CustomerRoles,
    PeopleRuleError,
    RequestKind,
    Role,
)
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.services.people.views import PersonInput
from contractdesk.store import audit
from contractdesk.store.models import Customer, Person, PersonRole
from contractdesk.store.queries import people as q
from contractdesk.store.unit import Session


def parse_role(role: Role | str) -> Role:
    """The role named (``main-contact`` …); a UserError for an unknown name."""
    if isinstance(role, Role):
        return role
    try:
        return Role.parse(role)
    except PeopleRuleError as exc:
        raise UserError(str(exc), field="role") from None


def check(fn: Callable[[], object]) -> None:
    """Run a domain rule check; its refusal becomes a UserError."""
    try:
        fn()
    except PeopleRuleError as exc:
        raise UserError(str(exc)) from None


def org(org_number: str) -> str:
    """The org number parsed; a UserError (field ``org_number``) when invalid."""
    try:
        return parse_org_number(org_number)
    except InvalidOrgNumber as exc:
        raise UserError(
            fill(translate("PeopleService", "Organisation number: %1"), exc), field="org_number"
        ) from None


def consent_kind(kind: ConsentKind | str) -> ConsentKind:
    if isinstance(kind, ConsentKind):
        return kind
    try:
        return ConsentKind(str(kind).strip().lower().replace("-", "_"))
    except ValueError:
        names = ", ".join(k.cli_name for k in ConsentKind)
        raise UserError(
            fill(
                translate("PeopleService", "Unknown consent %1: use one of %2."), repr(kind), names
            ),
            field="consent",
        ) from None


def request_kind(kind: RequestKind | str) -> RequestKind:
    if isinstance(kind, RequestKind):
        return kind
    try:
        return RequestKind(str(kind).strip().lower())
    except ValueError:
        names = ", ".join(k.value for k in RequestKind)
        raise UserError(
            fill(
                translate("PeopleService", "Unknown request kind %1: use one of %2."),
                repr(kind),
                names,
            ),
            field="kind",
        ) from None


def live_person(s: Session, person_id: int, *, what: str = "") -> Person:
    """The person, refused when erased (``what`` names them in the message, e.g. the requester)."""
    person = q.person_by_id(s, person_id)
    if person.erased_at is not None:
        if what:
            raise UserError(
                fill(translate("PeopleService", "%1 (person %2) was erased."), what, person_id)
            )
        raise UserError(fill(translate("PeopleService", "Person %1 was erased."), person_id))
    return person


def requester(s: Session, requested_by: int | None) -> None:
    """Refuse an unknown or erased requester."""
    if requested_by is not None:
        live_person(s, requested_by, what=translate("PeopleService", "The person who asked"))


def customer_roles(s: Session, customer: Customer) -> CustomerRoles:
    """The customer's role assignments as the domain rules see them."""
    rows = q.role_assignments(s, customer.id)
    return CustomerRoles(
        (Assignment(pid, Role(role)) for pid, role, _ in rows),
        format_org_number(customer.org_number),
        erased={pid for pid, _, erased_at in rows if erased_at is not None},
    )


def fields_of(person: Person) -> dict[str, Any]:
    """The person's personal fields as audit details."""
    return {
        "first_name": person.first_name,
        "middle_name": person.middle_name,
        "last_name": person.last_name,
        "title": person.title,
        "phone": person.phone,
        "mobile": person.mobile,
        "emails": list(person.emails or ()),
    }


def insert_person(s: Session, clean: PersonInput, actor: str, *, source: str = "manual") -> Person:
    """Insert a validated person with look-up keys; audited as ``person.added``."""
    person = Person(
        first_name=clean.first_name,
        middle_name=clean.middle_name,
        last_name=clean.last_name,
        title=clean.title,
        phone=clean.phone,
        mobile=clean.mobile,
        emails=list(clean.emails),
    )
    s.add(person)
    s.flush()
    q.reindex(s, person)
    audit.append(
        s,
        actor=actor,
        action="person.added",
        entity_type="person",
        entity_id=person.id,
        payload={**fields_of(person), "source": source},
    )
    return person


def audit_role_removed(
    s: Session,
    customer: Customer,
    person_id: int,
    role: str,
    actor: str,
    *,
    requested_by: int | None = None,
    reason: str = "",
) -> None:
    payload: dict[str, Any] = {"person_id": person_id, "role": role}
    if reason:
        payload["reason"] = reason
    else:
        payload["requested_by_person_id"] = requested_by
    audit.append(
        s,
        actor=actor,
        action="role.removed",
        entity_type="customer",
        entity_id=customer.org_number,
        payload=payload,
    )


def grant(
    s: Session,
    customer: Customer,
    person_id: int,
    role: Role,
    requested_by: int | None,
    requested_on: date | None,
    actor: str,
    *,
    source: str = "manual",
    registry_role_code: str = "",
) -> None:
    """Give the person a role at the customer (the main contact role through `set_main`)."""
    live_person(s, person_id)
    requester(s, requested_by)
    if role is Role.MAIN_CONTACT:
        set_main(
            s,
            customer,
            MainContactChange(person_id, requested_by, requested_on, True),
            actor,
            source=source,
            registry_role_code=registry_role_code,
        )
        return
    roles = customer_roles(s, customer)
    check(lambda: roles.check_add(person_id, role, requested_by))
    day = requested_on or date.today()
    s.add(
        PersonRole(
            person_id=person_id,
            customer_id=customer.id,
            role=role.value,
            since=day,
            requested_by_person_id=requested_by,
            source=source,
            registry_role_code=registry_role_code,
        )
    )
    s.flush()
    audit.append(
        s,
        actor=actor,
        action="role.added",
        entity_type="customer",
        entity_id=customer.org_number,
        payload={
            "person_id": person_id,
            "role": role.value,
            "requested_by_person_id": requested_by,
            "requested_on": day.isoformat(),
            "source": source,
        },
    )


class MainContactChange:
    """Who becomes main contact, who asked, when, and whether the previous one stays a contact."""

    def __init__(
        self,
        person_id: int,
        requested_by: int | None,
        requested_on: date | None,
        keep_previous_as_contact: bool,
    ) -> None:
        self.person_id = person_id
        self.requested_by = requested_by
        self.requested_on = requested_on
        self.keep_previous_as_contact = keep_previous_as_contact


def set_main(
    s: Session,
    customer: Customer,
    change: MainContactChange,
    actor: str,
    *,
    reason: str = "",
    force: bool = False,
    source: str = "manual",
    registry_role_code: str = "",
) -> None:
    """Make a person the customer's one main contact (§7.2, §8.1.1); ``force`` skips who-may-ask."""
    person_id, requested_by = change.person_id, change.requested_by
    live_person(s, person_id, what=translate("PeopleService", "The new main contact"))
    requester(s, requested_by)
    roles = customer_roles(s, customer)
    if not force:
        check(lambda: roles.check_set_main(person_id, requested_by))
    previous = roles.main_contact()
    day = change.requested_on or date.today()
    # Main contact implies approved contact: a separate contact role would be a duplicate.
    q.delete_roles(s, customer.id, person_id, Role.CONTACT.value)
    values = {
        "person_id": person_id,
        "since": day,
        "requested_by_person_id": requested_by,
        "source": source,
        "registry_role_code": registry_role_code,
    }
    if previous is None:
        s.add(PersonRole(customer_id=customer.id, role=Role.MAIN_CONTACT.value, **values))
    else:
        _hand_over(s, customer, previous, roles, change, values)
    s.flush()
    payload: dict[str, Any] = {
        "from_person_id": previous,
        "to_person_id": person_id,
        "requested_by_person_id": requested_by,
        "requested_on": day.isoformat(),
    }
    if reason:
        payload["reason"] = reason
    audit.append(
        s,
        actor=actor,
        action="main_contact.changed" if previous is not None else "main_contact.set",
        entity_type="customer",
        entity_id=customer.org_number,
        payload=payload,
    )


def _hand_over(
    s: Session,
    customer: Customer,
    previous: int,
    roles: CustomerRoles,
    change: MainContactChange,
    values: dict[str, Any],
) -> None:
    q.hand_over_main_contact(s, customer.id, values)
    previous_other = [r for r in roles.roles_of(previous) if r is not Role.MAIN_CONTACT]
    prev_person = s.get(Person, previous)
    if (
        change.keep_previous_as_contact
        and not previous_other
        and prev_person is not None
        and prev_person.erased_at is None
    ):
        s.add(
            PersonRole(
                person_id=previous,
                customer_id=customer.id,
                role=Role.CONTACT.value,
                since=values["since"],
                requested_by_person_id=change.requested_by,
                source="manual",
            )
        )
