"""People repository: the SQL behind people, roles, look-up keys, consents, requests and erasure."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, and_, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from contractdesk.domain.people import name_tokens
from contractdesk.errors import NotFoundError
from contractdesk.i18n import fill, translate
from contractdesk.store.models import (
    AuditEntry,
    Consent,
    Customer,
    DataSubjectRequest,
    Person,
    PersonRole,
    PersonSearchKey,
)
from contractdesk.store.models.agreements import Acceptance
from contractdesk.store.queries.portable import driver_sql, json_number
from contractdesk.store.types import utcnow

__all__ = [
    "WhoisRows",
    "audit_about",
    "blank_signer_names",
    "consents_of",
    "delete_roles",
    "main_contact_id",
    "memberships_rows",
    "open_requests",
    "org_numbers_by_person",
    "people",
    "person_by_id",
    "reindex",
    "role_assignments",
    "roles_with_customers",
    "rows_at",
    "search_keys",
    "whois_rows",
]

MAIN_CONTACT = "main_contact"

_NAME_KEY_SQL = (
    "SELECT person_id FROM person_search_key WHERE kind = 'name' AND value >= ? AND value < ?"
)
_EXACT_KEY_SQL = (
    "SELECT DISTINCT person_id FROM person_search_key WHERE kind = ? AND value = ? LIMIT ?"
)
_WHOIS_PEOPLE_SQL = (
    "SELECT id, first_name, middle_name, last_name, title, phone, mobile, emails FROM person "
    "WHERE erased_at IS NULL AND id IN ({marks})"
)
_WHOIS_ROLES_SQL = (
    "SELECT r.person_id, r.role, {since}, c.id, c.org_number, c.name, c.status, "
    "(SELECT m.person_id FROM person_role m "
    "WHERE m.customer_id = c.id AND m.role = 'main_contact') "
    "FROM person_role r JOIN customer c ON c.id = r.customer_id WHERE r.person_id IN ({marks})"
)


def search_keys(
    first: str, middle: str, last: str, emails: Iterable[str], phones: Iterable[str]
) -> list[tuple[str, str]]:
    """The ``(kind, value)`` look-up keys of a person (folded name words, e-mails, E.164)."""
    keys: list[tuple[str, str]] = [("name", t) for t in name_tokens(first, middle, last)]
    keys += [("email", e.casefold()) for e in dict.fromkeys(emails) if e]
    keys += [("phone", p) for p in dict.fromkeys(phones) if p]
    return keys


def reindex(s: Session, person: Person) -> None:
    """Replace the person's look-up keys with those of their current fields (none once erased)."""
    s.execute(delete(PersonSearchKey).where(PersonSearchKey.person_id == person.id))
    keys = search_keys(
        person.first_name,
        person.middle_name,
        person.last_name,
        person.emails or (),
        (person.phone, person.mobile),
    )
    if keys:
        s.execute(
            insert(PersonSearchKey),
            [{"person_id": person.id, "kind": k, "value": v} for k, v in keys],
        )


class WhoisRows:
    """The raw answer of a look-up: ``people`` (id, names, title, phones, e-mails) and ``roles``."""

    def __init__(self, people: Sequence[Row[Any]], roles: Sequence[Row[Any]], more: bool) -> None:
        self.people = people
        self.roles = roles
        self.more = more


def whois_rows(conn: Connection, kind: str, keys: Sequence[str], limit: int) -> WhoisRows:
    """Persons whose look-up keys match (``name``: every word a prefix; else exact), with roles.

    Plain SQL on one connection: this runs on every keystroke, so it skips the ORM.
    """
    if kind == "name":
        sql = " INTERSECT ".join(_NAME_KEY_SQL for _ in keys) + " LIMIT ?"
        params: list[Any] = [v for k in keys for v in (k, k + "\U0010ffff")]
    else:
        sql = _EXACT_KEY_SQL
        params = [kind, keys[0]]
    dialect = conn.dialect.name
    ids = [row[0] for row in conn.exec_driver_sql(driver_sql(dialect, sql), (*params, limit + 1))]
    more = len(ids) > limit
    ids = ids[:limit]
    if not ids:
        return WhoisRows((), (), False)
    marks = ", ".join("?" for _ in ids)
    people_sql = driver_sql(dialect, _WHOIS_PEOPLE_SQL.format(marks=marks))
    since = "CAST(r.since AS TEXT)" if dialect == "postgresql" else "r.since"  # ISO text
    roles_sql = driver_sql(dialect, _WHOIS_ROLES_SQL.format(marks=marks, since=since))
    people_rows = conn.exec_driver_sql(people_sql, tuple(ids)).all()
    role_rows = conn.exec_driver_sql(roles_sql, tuple(ids)).all()
    return WhoisRows(people_rows, role_rows, more)


def decode_emails(raw: str | list[str] | None) -> tuple[str, ...]:
    """The e-mail list of a raw ``person.emails`` column value."""
    if isinstance(raw, list | tuple):  # PostgreSQL's driver hands JSON over parsed
        return tuple(str(e) for e in raw)
    return tuple(json.loads(raw) if raw else ())


def person_by_id(s: Session, person_id: int) -> Person:
    """The person with this id (erased or not).

    Raises:
        NotFoundError: no such person.
    """
    person = s.get(Person, int(person_id))
    if person is None:
        raise NotFoundError(fill(translate("PeopleService", "No person with id %1."), person_id))
    return person


def people(s: Session, *, include_erased: bool) -> list[Person]:
    """Everyone, by last and first name."""
    q = select(Person).order_by(Person.last_name, Person.first_name, Person.id)
    if not include_erased:
        q = q.where(Person.erased_at.is_(None))
    return list(s.execute(q).scalars())


def org_numbers_by_person(s: Session) -> dict[int, list[str]]:
    """Person id → the org numbers of the customers where they hold a role."""
    orgs: dict[int, list[str]] = {}
    for pid, org in s.execute(
        select(PersonRole.person_id, Customer.org_number)
        .join(Customer, Customer.id == PersonRole.customer_id)
        .distinct()
        .order_by(Customer.org_number)
    ):
        orgs.setdefault(pid, []).append(org)
    return orgs


def main_contact_id(s: Session, customer_id: int) -> int | None:
    """The person id of the customer's main contact, or None."""
    return s.execute(
        select(PersonRole.person_id).where(
            PersonRole.customer_id == customer_id, PersonRole.role == MAIN_CONTACT
        )
    ).scalar()


def role_assignments(s: Session, customer_id: int) -> list[Row[Any]]:
    """(person_id, role, erased_at) for every role at the customer."""
    return list(
        s.execute(
            select(PersonRole.person_id, PersonRole.role, Person.erased_at)
            .join(Person, Person.id == PersonRole.person_id)
            .where(PersonRole.customer_id == customer_id)
        ).all()
    )


def delete_roles(s: Session, customer_id: int, person_id: int, role: str | None = None) -> None:
    """Delete the person's role (or every role when ``role`` is None) at the customer."""
    q = delete(PersonRole).where(
        PersonRole.customer_id == customer_id, PersonRole.person_id == person_id
    )
    if role is not None:
        q = q.where(PersonRole.role == role)
    s.execute(q)


def roles_with_customers(s: Session, person_id: int) -> list[Row[Any]]:
    """(PersonRole, Customer) for each role the person holds, by org number and role."""
    return list(
        s.execute(
            select(PersonRole, Customer)
            .join(Customer, Customer.id == PersonRole.customer_id)
            .where(PersonRole.person_id == person_id)
            .order_by(Customer.org_number, PersonRole.role)
        ).all()
    )


def memberships_rows(
    s: Session, person_ids: Sequence[int]
) -> tuple[list[Row[Any]], dict[int, int]]:
    """The persons' roles with their customers, and customer id → main contact person id."""
    rows = list(
        s.execute(
            select(
                PersonRole.person_id,
                PersonRole.role,
                PersonRole.since,
                Customer.id,
                Customer.org_number,
                Customer.name,
                Customer.status,
            )
            .join(Customer, Customer.id == PersonRole.customer_id)
            .where(PersonRole.person_id.in_(list(person_ids)))
        ).all()
    )
    customer_ids = {r.id for r in rows}
    mains: dict[int, int] = {}
    if customer_ids:
        mains = {
            cid: pid
            for cid, pid in s.execute(
                select(PersonRole.customer_id, PersonRole.person_id).where(
                    PersonRole.customer_id.in_(customer_ids), PersonRole.role == MAIN_CONTACT
                )
            ).all()
        }
    return rows, mains


def rows_at(s: Session, customer_id: int) -> list[Row[Any]]:
    """(PersonRole, Person) for every role at the customer."""
    return list(
        s.execute(
            select(PersonRole, Person)
            .join(Person, Person.id == PersonRole.person_id)
            .where(PersonRole.customer_id == customer_id)
        ).all()
    )


def consents_of(s: Session, person_id: int) -> list[Consent]:
    """Every consent event of the person, oldest first."""
    return list(
        s.execute(
            select(Consent).where(Consent.person_id == person_id).order_by(Consent.on, Consent.id)
        ).scalars()
    )


def requests_of(s: Session, person_id: int) -> list[DataSubjectRequest]:
    """The person's data-subject requests, in the order logged."""
    return list(
        s.execute(
            select(DataSubjectRequest)
            .where(DataSubjectRequest.person_id == person_id)
            .order_by(DataSubjectRequest.id)
        ).scalars()
    )


def request_log(
    s: Session, *, open_only: bool, person_id: int | None
) -> list[tuple[DataSubjectRequest, Person | None]]:
    """The request log, oldest deadline first, with each request's person (if any)."""
    q = select(DataSubjectRequest).order_by(DataSubjectRequest.due_on, DataSubjectRequest.id)
    if open_only:
        q = q.where(DataSubjectRequest.done_on.is_(None))
    if person_id is not None:
        q = q.where(DataSubjectRequest.person_id == person_id)
    return [
        (r, s.get(Person, r.person_id) if r.person_id is not None else None)
        for r in s.execute(q).scalars()
    ]


def open_requests(s: Session, person_id: int, kind: str) -> list[DataSubjectRequest]:
    """The person's requests of this kind that are not done yet."""
    return list(
        s.execute(
            select(DataSubjectRequest).where(
                DataSubjectRequest.person_id == person_id,
                DataSubjectRequest.kind == kind,
                DataSubjectRequest.done_on.is_(None),
            )
        ).scalars()
    )


def audit_about(s: Session, person_id: int) -> list[AuditEntry]:
    """Entries about the person: their own, and role changes that name them by id."""
    ident = str(person_id)
    refs = [
        json_number(AuditEntry.payload, key) == person_id
        for key in ("person_id", "from_person_id", "to_person_id", "requested_by_person_id")
    ]
    q = select(AuditEntry).where(
        or_(
            and_(AuditEntry.entity_type == "person", AuditEntry.entity_id == ident),
            and_(AuditEntry.entity_type == "customer", or_(*refs)),
        )
    )
    return list(s.execute(q.order_by(AuditEntry.id)).scalars())


def blank_signer_names(s: Session, person_id: int) -> list[int]:
    """Blank the name snapshot on the acceptances the person signed, and the signatory warning
    that names them ("Ola Nordmann is not a signatory…"); returns the ids whose name was blanked.

    The acceptance itself (date, method, version, person id, scan) stays: it is evidence.
    """
    ids = list(
        s.execute(
            select(Acceptance.id).where(
                Acceptance.signed_by_person_id == int(person_id), Acceptance.signed_by_name != ""
            )
        ).scalars()
    )
    if ids:
        s.execute(update(Acceptance).where(Acceptance.id.in_(ids)).values(signed_by_name=""))
    s.execute(
        update(Acceptance)
        .where(
            Acceptance.signed_by_person_id == int(person_id),
            Acceptance.signatory_warning.is_not(None),
            Acceptance.signatory_warning != "",
        )
        .values(signatory_warning="")
    )
    return ids


def blank_personal_traces(s: Session, person_id: int) -> None:
    """Blank consent sources and request notes about the person and drop their look-up keys."""
    s.execute(update(Consent).where(Consent.person_id == person_id).values(source=""))
    s.execute(
        update(DataSubjectRequest).where(DataSubjectRequest.person_id == person_id).values(note="")
    )
    s.execute(delete(PersonSearchKey).where(PersonSearchKey.person_id == person_id))


def add_request(
    s: Session, person_id: int | None, kind: str, received: date, due: date, note: str
) -> DataSubjectRequest:
    """Insert a data-subject request (flushed, so it has its id)."""
    row = DataSubjectRequest(
        person_id=person_id, kind=kind, received_on=received, due_on=due, note=note
    )
    s.add(row)
    s.flush()
    return row


def hand_over_main_contact(s: Session, customer_id: int, values: dict[str, Any]) -> None:
    """Pass the main contact role on in one UPDATE: the customer is never without one."""
    s.execute(
        update(PersonRole)
        .where(PersonRole.customer_id == customer_id, PersonRole.role == MAIN_CONTACT)
        .values(**values, created_at=utcnow(), version=PersonRole.version + 1)
    )
