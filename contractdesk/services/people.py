"""People and their roles at customers; "who is this?"; data-subject requests (export, correct, erase).

Every change is audited in the same transaction. Audit details about roles name people by id
only; details that hold personal values are recorded against the person (``person:ID``), so an
erasure can blank them and the hash chain still verifies (see ``store/audit.py``).
Nothing here logs personal data.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from contractdesk.domain.dates import EARLIEST
from contractdesk.domain.orgnr import InvalidOrgNumber, format_org_number, parse_org_number
from contractdesk.domain.people import (
    Assignment,
    ConsentKind,
    CustomerRoles,
    PeopleRuleError,
    RequestKind,
    Rights,
    Role,
    fold,
    full_name,
    name_tokens,
    request_deadline,
    rights_for,
    sort_roles,
)
from contractdesk.i18n import fill, format_day, translate
from contractdesk.services.errors import NotFoundError, UserError
from contractdesk.services.validation import (
    clean_text,
    display_phone,
    normalise_email,
    normalise_phone,
)
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import (
    AuditEntry,
    Consent,
    Customer,
    DataSubjectRequest,
    Person,
    PersonRole,
    PersonSearchKey,
)
from contractdesk.store.types import utcnow

EXPORT_SCHEMA = "https://contractdesk.invalid/schemas/person-export.schema.json"
EXPORT_SCHEMA_VERSION = 1
"""The export format: ``resources/schemas/person-export.schema.json`` (JSON Schema 2020-12)."""

MAX_EMAILS = 10
WHOIS_LIMIT = 20

# Registry role codes whose holders sign alone or with others (signature, procuration, owners,
# partners, trustee); DAGL is the general manager; any other registry role is a plain contact.
REGISTRY_SIGNATORY_CODES = frozenset(
    {"INNH", "SIGN", "SIFE", "SIHV", "PROK", "POFE", "POHV", "DTSO", "DTPR", "KOMP", "BOBE"}
)


# -- values that cross threads (frozen) -----------------------------------------------------


@dataclass(frozen=True)
class PersonInput:
    """A person's personal fields as typed by the user; ``validated()`` cleans them."""

    first_name: str
    last_name: str
    middle_name: str = ""
    title: str = ""
    phone: str = ""
    mobile: str = ""
    emails: tuple[str, ...] = ()

    def validated(self) -> PersonInput:
        """Trim and NFC-normalise names, refuse control characters, parse phones (NO) and e-mail syntax.

        Raises:
            UserError: naming the first bad field.
        """
        emails: list[str] = []
        for raw in self.emails:
            email = normalise_email(raw)
            if email and email.casefold() not in {e.casefold() for e in emails}:
                emails.append(email)
        if len(emails) > MAX_EMAILS:
            raise UserError(
                fill(translate("PeopleService", "E-mail: at most %1 addresses."), MAX_EMAILS),
                field="emails",
            )
        return PersonInput(
            first_name=_name(self.first_name, "First name", required=True),
            last_name=_name(self.last_name, "Last name", required=True),
            middle_name=_name(self.middle_name, "Middle name"),
            title=_name(self.title, "Title"),
            phone=normalise_phone(self.phone, field="Phone"),
            mobile=normalise_phone(self.mobile, field="Mobile"),
            emails=tuple(emails),
        )

    @property
    def full_name(self) -> str:
        return full_name(self.first_name, self.middle_name, self.last_name)


@dataclass(frozen=True)
class Membership:
    """A person at one customer: roles, rights, and who the customer's main contact is."""

    org_number: str
    customer_name: str
    customer_status: str
    roles: tuple[Role, ...]
    rights: Rights
    main_contact_person_id: int | None
    since: date | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "org_number": self.org_number,
            "customer_name": self.customer_name,
            "customer_status": self.customer_status,
            "roles": [r.cli_name for r in self.roles],
            "rights": self.rights.as_dict(),
            "main_contact_person_id": self.main_contact_person_id,
            "since": self.since,
        }


@dataclass(frozen=True)
class ConsentState:
    """The consent in force for one kind (the latest event), or ``given=None`` when never asked."""

    kind: ConsentKind
    given: bool | None
    on: date | None = None
    source: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.cli_name,
            "given": self.given,
            "on": self.on,
            "source": self.source,
        }


@dataclass(frozen=True)
class PersonView:
    """Everything shown on a person's card."""

    id: int
    first_name: str
    middle_name: str
    last_name: str
    title: str
    phone: str
    mobile: str
    emails: tuple[str, ...]
    erased_at: datetime | None
    created_at: datetime
    updated_at: datetime
    memberships: tuple[Membership, ...] = ()
    consents: tuple[ConsentState, ...] = ()

    @property
    def erased(self) -> bool:
        return self.erased_at is not None

    @property
    def full_name(self) -> str:
        return full_name(self.first_name, self.middle_name, self.last_name)

    def as_input(self) -> PersonInput:
        return PersonInput(
            self.first_name,
            self.last_name,
            self.middle_name,
            self.title,
            self.phone,
            self.mobile,
            self.emails,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "first_name": self.first_name,
            "middle_name": self.middle_name,
            "last_name": self.last_name,
            "full_name": self.full_name,
            "title": self.title,
            "phone": self.phone,
            "mobile": self.mobile,
            "emails": list(self.emails),
            "erased": self.erased,
            "erased_at": self.erased_at,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "customers": [m.as_dict() for m in self.memberships],
            "consents": [c.as_dict() for c in self.consents],
        }


@dataclass(frozen=True)
class PersonRow:
    """One line of a people list (at one customer when listed for it)."""

    id: int
    full_name: str
    title: str
    emails: tuple[str, ...]
    phone: str
    mobile: str
    erased: bool
    roles: tuple[Role, ...] = ()
    rights: Rights = field(default_factory=Rights)
    since: date | None = None
    requested_by_person_id: int | None = None
    org_numbers: tuple[str, ...] = ()

    @property
    def is_main_contact(self) -> bool:
        return Role.MAIN_CONTACT in self.roles

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "full_name": self.full_name,
            "title": self.title,
            "emails": list(self.emails),
            "phone": self.phone,
            "mobile": self.mobile,
            "erased": self.erased,
            "roles": [r.cli_name for r in self.roles],
            "rights": self.rights.as_dict(),
            "since": self.since,
            "requested_by_person_id": self.requested_by_person_id,
            "org_numbers": list(self.org_numbers),
        }


@dataclass(frozen=True)
class WhoisMatch:
    """A registered person matching the query, and what they may do at each customer."""

    person_id: int
    full_name: str
    title: str
    emails: tuple[str, ...]
    phone: str
    mobile: str
    matched_on: str
    memberships: tuple[Membership, ...]

    @property
    def approved(self) -> bool:
        return any(m.rights.approved_contact for m in self.memberships)

    def as_dict(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "full_name": self.full_name,
            "title": self.title,
            "emails": list(self.emails),
            "phone": self.phone,
            "mobile": self.mobile,
            "matched_on": self.matched_on,
            "approved": self.approved,
            "customers": [m.as_dict() for m in self.memberships],
        }


@dataclass(frozen=True)
class WhoisResult:
    """The answer to "who is this?". No match: not a registered person, so not approved (§8)."""

    query: str
    kind: str  # name | email | phone | empty
    matches: tuple[WhoisMatch, ...]
    more: bool = False

    @property
    def approved(self) -> bool:
        return any(m.approved for m in self.matches)

    def as_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "kind": self.kind,
            "approved": self.approved,
            "matches": [m.as_dict() for m in self.matches],
            "more": self.more,
        }


@dataclass(frozen=True)
class RegistryHolder:
    """A person the registry lists in one of the customer's roles, ready to become a registered person."""

    index: int
    name: str
    role_code: str
    role: str
    suggested_role: Role
    person_id: int | None
    """The registered person with this name at the customer, if there already is one."""


@dataclass(frozen=True)
class RequestView:
    """One data-subject request with its deadline."""

    id: int
    person_id: int | None
    person_name: str
    kind: RequestKind
    received_on: date
    due_on: date
    done_on: date | None
    note: str

    def overdue(self, today: date | None = None) -> bool:
        return self.done_on is None and (today or date.today()) > self.due_on

    def as_dict(self, today: date | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "person_id": self.person_id,
            "person_name": self.person_name,
            "kind": self.kind.value,
            "received_on": self.received_on,
            "due_on": self.due_on,
            "done_on": self.done_on,
            "note": self.note,
            "overdue": self.overdue(today),
        }


@dataclass(frozen=True)
class ErasureResult:
    """What an erasure did. ``needs_main_contact``: customers whose main contact was erased and
    where no successor was named: the role stays with the anonymised record until one is."""

    person_id: int
    handed_over: tuple[tuple[str, int], ...]
    needs_main_contact: tuple[str, ...]
    roles_removed: int
    audit_entries_blanked: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "handed_over": [
                {"org_number": o, "main_contact_person_id": p} for o, p in self.handed_over
            ],
            "needs_main_contact": list(self.needs_main_contact),
            "roles_removed": self.roles_removed,
            "audit_entries_blanked": self.audit_entries_blanked,
        }


# -- helpers ---------------------------------------------------------------------------------


_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def _name(value: str, field: str, *, required: bool = False) -> str:
    """A cleaned name: trimmed, NFC, no control characters, no bidi overrides (they disguise names)."""
    text = clean_text(value, field=field, required=required, max_len=200)
    if any(ch in _BIDI_CONTROLS for ch in text):
        raise UserError(
            fill(
                translate("PeopleService", "%1: text direction characters are not allowed."), field
            ),
            field=field,
        )
    return text


def search_keys(
    first: str, middle: str, last: str, emails: Iterable[str], phones: Iterable[str]
) -> list[tuple[str, str]]:
    """The ``(kind, value)`` look-up keys of a person (folded name words, e-mails, E.164 numbers)."""
    keys: list[tuple[str, str]] = [("name", t) for t in name_tokens(first, middle, last)]
    keys += [("email", e.casefold()) for e in dict.fromkeys(emails) if e]
    keys += [("phone", p) for p in dict.fromkeys(phones) if p]
    return keys


def classify_query(text: str) -> tuple[str, list[str]]:
    """``("email", [key])``, ``("phone", [e164])``, ``("name", [word prefixes])`` or ``("empty", [])``."""
    raw = " ".join((text or "").split())
    if not raw:
        return "empty", []
    if "@" in raw:
        try:
            return "email", [normalise_email(raw).casefold()]
        except UserError:
            return "email", [raw.casefold()]
    stripped = (
        raw.replace(" ", "")
        .replace("-", "")
        .replace("(", "")
        .replace(")", "")
        .replace(".", "")
        .replace("/", "")
    )
    digits = stripped.removeprefix("+")
    if stripped.startswith("00"):
        stripped = "+" + stripped[2:]
    if digits.isdigit() and len(digits) >= 5:
        import phonenumbers

        try:
            number = phonenumbers.parse(stripped, "NO")
            return "phone", [
                phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            ]
        except phonenumbers.NumberParseException:
            return "phone", ["+" + digits if stripped.startswith("+") else stripped]
    tokens = name_tokens(raw)
    return ("name", list(tokens)) if tokens else ("empty", [])


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
    "SELECT r.person_id, r.role, r.since, c.id, c.org_number, c.name, c.status, "
    "(SELECT m.person_id FROM person_role m WHERE m.customer_id = c.id AND m.role = 'main_contact') "
    "FROM person_role r JOIN customer c ON c.id = r.customer_id WHERE r.person_id IN ({marks})"
)


def _prefix_upper(prefix: str) -> str:
    return prefix + "\U0010ffff"


def _org(org_number: str) -> str:
    try:
        return parse_org_number(org_number)
    except InvalidOrgNumber as exc:
        raise UserError(
            fill(translate("PeopleService", "Organisation number: %1"), exc), field="org_number"
        ) from None


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` completely or not at all (temp file, fsync, rename)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# -- the service -----------------------------------------------------------------------------


class PeopleService:
    """Use cases for people, roles, "who is this?" and data-subject requests.

    Every write takes ``actor`` (``owner`` in the GUI, ``cli`` on the command line) for the audit log;
    ``requested_by`` is the person id of whoever at the customer asked for a change (§8.1.1).
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    def __repr__(self) -> str:
        return f"PeopleService({self._store!r})"

    # -- reading -----------------------------------------------------------------------------

    def get(self, person_id: int) -> PersonView:
        """The person's card: personal fields, customers with roles and rights, consents.

        Raises:
            NotFoundError: no such person.
        """
        with self._store.session() as s:
            return self._view(s, self._person(s, person_id))

    def list_people(
        self, org_number: str | None = None, *, include_erased: bool = False
    ) -> list[PersonRow]:
        """People at one customer (with their roles there, main contact first) or everyone."""
        with self._store.session() as s:
            if org_number is not None:
                customer = self._customer(s, org_number)
                return self._rows_at(s, customer)
            q = select(Person).order_by(Person.last_name, Person.first_name, Person.id)
            if not include_erased:
                q = q.where(Person.erased_at.is_(None))
            people = list(s.execute(q).scalars())
            orgs: dict[int, list[str]] = {}
            for pid, org in s.execute(
                select(PersonRole.person_id, Customer.org_number)
                .join(Customer, Customer.id == PersonRole.customer_id)
                .distinct()
                .order_by(Customer.org_number)
            ):
                orgs.setdefault(pid, []).append(org)
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
                for p in people
            ]

    def main_contact(self, org_number: str) -> int | None:
        """The person id of the customer's main contact, or None while it has none."""
        with self._store.session() as s:
            customer = self._customer(s, org_number)
            return s.execute(
                select(PersonRole.person_id).where(
                    PersonRole.customer_id == customer.id,
                    PersonRole.role == Role.MAIN_CONTACT.value,
                )
            ).scalar()

    def problems(self, org_number: str) -> list[str]:
        """Invariant problems at a customer (e.g. people but no main contact); empty when all is well."""
        with self._store.session() as s:
            customer = self._customer(s, org_number)
            roles = self._roles(s, customer)
            found = roles.problems()
            main = roles.main_contact() if not found else None
            person = s.get(Person, main) if main is not None else None
            if person is not None and person.erased_at is not None:
                found.append(
                    fill(
                        translate(
                            "PeopleService",
                            "The main contact of %1 was erased: a signatory or "
                            "the general manager names the next.",
                        ),
                        format_org_number(customer.org_number),
                    )
                )
            return found

    # -- adding people and roles ---------------------------------------------------------------

    def add_person(self, data: PersonInput, *, actor: str = "owner") -> int:
        """Register a person without a customer (e.g. an external accountant, before adding roles)."""
        clean = data.validated()
        with self._store.session() as s:
            return self._insert_person(s, clean, actor).id

    def add_person_at(
        self,
        org_number: str,
        data: PersonInput,
        role: Role | str,
        *,
        requested_by: int | None = None,
        requested_on: date | None = None,
        actor: str = "owner",
    ) -> int:
        """Register a person and give them a role at a customer, in one transaction; returns the id.

        Raises:
            UserError: invalid field, unknown customer, or a rule of §7.2/§8.1.1 (who may ask).
        """
        role = self._role(role)
        clean = data.validated()
        with self._store.session() as s:
            customer = self._customer(s, org_number)
            person = self._insert_person(s, clean, actor)
            self._grant(s, customer, person.id, role, requested_by, requested_on, actor)
            return person.id

    def add_role(
        self,
        org_number: str,
        person_id: int,
        role: Role | str,
        *,
        requested_by: int | None = None,
        requested_on: date | None = None,
        actor: str = "owner",
    ) -> None:
        """Give a registered person a role at a customer (a main contact role replaces the current one)."""
        role = self._role(role)
        with self._store.session() as s:
            customer = self._customer(s, org_number)
            self._grant(s, customer, person_id, role, requested_by, requested_on, actor)

    def remove_role(
        self,
        org_number: str,
        person_id: int,
        role: Role | str,
        *,
        requested_by: int | None = None,
        actor: str = "owner",
    ) -> None:
        """Take a role away. The main contact cannot be removed: set the next one instead (§7.2).

        Raises:
            UserError: the rule broken, e.g. no or the wrong requester for an approved contact.
        """
        role = self._role(role)
        with self._store.session() as s:
            customer = self._customer(s, org_number)
            self._person(s, person_id)
            if requested_by is not None:
                self._live_person(
                    s, requested_by, what=translate("PeopleService", "The person who asked")
                )
            self._check(
                lambda: self._roles(s, customer).check_remove(person_id, role, requested_by)
            )
            s.execute(
                delete(PersonRole).where(
                    PersonRole.customer_id == customer.id,
                    PersonRole.person_id == person_id,
                    PersonRole.role == role.value,
                )
            )
            audit.append(
                s,
                actor=actor,
                action="role.removed",
                entity_type="customer",
                entity_id=customer.org_number,
                payload={
                    "person_id": person_id,
                    "role": role.value,
                    "requested_by_person_id": requested_by,
                },
            )

    def remove_from_customer(
        self,
        org_number: str,
        person_id: int,
        *,
        requested_by: int | None = None,
        actor: str = "owner",
    ) -> None:
        """Take every role of a person at a customer away (not allowed while they are its main contact)."""
        with self._store.session() as s:
            customer = self._customer(s, org_number)
            roles = self._roles(s, customer)
            held = roles.roles_of(person_id)
            if not held:
                raise UserError(
                    fill(
                        translate("PeopleService", "Person %1 has no role at %2."),
                        person_id,
                        format_org_number(customer.org_number),
                    )
                )
            if requested_by is not None:
                self._live_person(
                    s, requested_by, what=translate("PeopleService", "The person who asked")
                )
            for role in held:
                self._check(lambda r=role: roles.check_remove(person_id, r, requested_by))  # type: ignore[misc]
            s.execute(
                delete(PersonRole).where(
                    PersonRole.customer_id == customer.id, PersonRole.person_id == person_id
                )
            )
            for role in held:
                audit.append(
                    s,
                    actor=actor,
                    action="role.removed",
                    entity_type="customer",
                    entity_id=customer.org_number,
                    payload={
                        "person_id": person_id,
                        "role": role.value,
                        "requested_by_person_id": requested_by,
                    },
                )

    def set_main_contact(
        self,
        org_number: str,
        person_id: int,
        *,
        requested_by: int | None = None,
        requested_on: date | None = None,
        keep_previous_as_contact: bool = True,
        actor: str = "owner",
    ) -> None:
        """Make ``person_id`` the customer's one main contact (§7.2, §8.1.1).

        Args:
            requested_by: who asked: the current main contact, a signatory or the general manager.
                Not needed only while the customer has no main contact yet.
            keep_previous_as_contact: the previous main contact stays an approved contact (unless
                they hold another role there anyway); False removes them from the customer.
        """
        with self._store.session() as s:
            customer = self._customer(s, org_number)
            self._set_main(
                s,
                customer,
                person_id,
                requested_by,
                requested_on,
                keep_previous_as_contact,
                actor,
                reason="",
            )

    def registry_holders(self, org_number: str) -> list[RegistryHolder]:
        """The persons in the customer's registry roles (as last fetched), with a suggested role."""
        with self._store.session() as s:
            customer = self._customer(s, org_number)
            registered: dict[str, int] = {}
            for pid in self._roles(s, customer).people():
                p = s.get(Person, pid)
                if p is not None and p.erased_at is None:
                    registered.setdefault(
                        fold(full_name(p.first_name, p.middle_name, p.last_name)), pid
                    )
            holders = []
            for index, entry in enumerate(customer.registry_roles or []):
                if not _is_person_holder(entry):
                    continue
                first, middle, last = _holder_names(entry)
                name = full_name(first, middle, last)
                holders.append(
                    RegistryHolder(
                        index=index,
                        name=name,
                        role_code=str(entry.get("role_code") or ""),
                        role=str(entry.get("role") or ""),
                        suggested_role=_suggested_role(entry),
                        person_id=registered.get(fold(name)),
                    )
                )
            return holders

    def add_from_registry(
        self,
        org_number: str,
        index: int,
        *,
        role: Role | str | None = None,
        requested_by: int | None = None,
        actor: str = "owner",
    ) -> int:
        """Register the registry role holder at ``index`` of the customer's ``registry_roles`` as a person
        with a role there (suggested from the registry role unless given); returns the person id.

        A holder already registered at the customer gets the role added to the existing person.
        """
        with self._store.session() as s:
            customer = self._customer(s, org_number)
            entries = customer.registry_roles or []
            if not 0 <= index < len(entries) or not _is_person_holder(entries[index]):
                raise UserError(
                    translate(
                        "PeopleService",
                        "That registry role holder is not a person at this "
                        "customer; fetch the roles again.",
                    )
                )
            entry = entries[index]
            chosen = self._role(role) if role is not None else _suggested_role(entry)
            first, middle, last = _holder_names(entry)
            clean = PersonInput(first, last, middle).validated()
            existing = None
            for pid in self._roles(s, customer).people():
                p = s.get(Person, pid)
                if (
                    p is not None
                    and p.erased_at is None
                    and fold(full_name(p.first_name, p.middle_name, p.last_name))
                    == fold(clean.full_name)
                ):
                    existing = pid
                    break
            if existing is None:
                person_id = self._insert_person(s, clean, actor, source="registry").id
            else:
                person_id = existing
            if chosen in self._roles(s, customer).roles_of(person_id):
                return person_id
            self._grant(
                s,
                customer,
                person_id,
                chosen,
                requested_by,
                None,
                actor,
                source="registry",
                registry_role_code=str(entry.get("role_code") or ""),
            )
            return person_id

    # -- correcting ------------------------------------------------------------------------------

    def correct(self, person_id: int, data: PersonInput, *, actor: str = "owner") -> PersonView:
        """Replace a person's personal fields (a correction, GDPR Art. 16); audited with old and new values."""
        clean = data.validated()
        with self._store.session() as s:
            person = self._live_person(s, person_id)
            before = _fields_of(person)
            after = {
                "first_name": clean.first_name,
                "middle_name": clean.middle_name,
                "last_name": clean.last_name,
                "title": clean.title,
                "phone": clean.phone,
                "mobile": clean.mobile,
                "emails": list(clean.emails),
            }
            changed = {
                k: {"before": before[k], "after": v} for k, v in after.items() if before[k] != v
            }
            if changed:
                for key, value in after.items():
                    setattr(person, key, value)
                person.updated_at = utcnow()
                self._reindex(s, person)
                audit.append(
                    s,
                    actor=actor,
                    action="person.corrected",
                    entity_type="person",
                    entity_id=person.id,
                    payload={"changed": changed},
                )
            return self._view(s, person)

    # -- consent -----------------------------------------------------------------------------------

    def record_consent(
        self,
        person_id: int,
        kind: ConsentKind | str,
        given: bool,
        *,
        on: date | None = None,
        source: str = "",
        actor: str = "owner",
        today: date | None = None,
    ) -> None:
        """Record that a person gave or withdrew consent (marketing e-mail, newsletter), when and
        how. A consent is given today or earlier (from 2000), never in the future."""
        kind = _consent_kind(kind)
        source_text = clean_text(source, field="Source", max_len=500)
        now = today or date.today()
        day = on or now
        if day > now or day < EARLIEST:
            raise UserError(
                fill(
                    translate(
                        "PeopleService",
                        "A consent is given or withdrawn today or earlier (from %1), not %2.",
                    ),
                    format_day(EARLIEST),
                    format_day(day),
                ),
                field="on",
            )
        with self._store.session() as s:
            self._live_person(s, person_id)
            s.add(
                Consent(
                    person_id=person_id, kind=kind.value, given=given, on=day, source=source_text
                )
            )
            audit.append(
                s,
                actor=actor,
                action="consent.given" if given else "consent.withdrawn",
                entity_type="person",
                entity_id=person_id,
                payload={"kind": kind.value, "on": day.isoformat(), "source": source_text},
            )

    def consents(self, person_id: int) -> tuple[ConsentState, ...]:
        with self._store.session() as s:
            return self._consents(s, person_id)

    # -- data-subject requests -----------------------------------------------------------------------

    def log_request(
        self,
        person_id: int | None,
        kind: RequestKind | str,
        *,
        received_on: date | None = None,
        note: str = "",
        actor: str = "owner",
        today: date | None = None,
    ) -> int:
        """Log a data-subject request; its deadline is one month after receipt. Returns its id.

        Raises:
            UserError: the request is dated in the future (after ``today``) or before 2000.
        """
        kind = _request_kind(kind)
        note_text = clean_text(note, field="Note", max_len=2000)
        day = today or date.today()
        received = received_on or day
        if received > day or received < EARLIEST:
            raise UserError(
                fill(
                    translate(
                        "PeopleService",
                        "A request is received today or earlier (from %1), not %2.",
                    ),
                    format_day(EARLIEST),
                    format_day(received),
                ),
                field="received_on",
            )
        with self._store.session() as s:
            if person_id is not None:
                self._person(s, person_id)
            row = DataSubjectRequest(
                person_id=person_id,
                kind=kind.value,
                received_on=received,
                due_on=request_deadline(received),
                note=note_text,
            )
            s.add(row)
            s.flush()
            audit.append(
                s,
                actor=actor,
                action="request.logged",
                entity_type="person" if person_id is not None else "request",
                entity_id=person_id if person_id is not None else row.id,
                payload={
                    "request_id": row.id,
                    "kind": kind.value,
                    "received_on": received.isoformat(),
                    "note": note_text,
                },
            )
            return row.id

    def complete_request(
        self, request_id: int, *, done_on: date | None = None, actor: str = "owner"
    ) -> None:
        with self._store.session() as s:
            row = s.get(DataSubjectRequest, request_id)
            if row is None:
                raise NotFoundError(
                    fill(translate("PeopleService", "No data-subject request %1."), request_id)
                )
            if row.done_on is not None:
                raise UserError(
                    fill(
                        translate("PeopleService", "Request %1 was already done on %2."),
                        request_id,
                        format_day(row.done_on),
                    )
                )
            row.done_on = done_on or date.today()
            audit.append(
                s,
                actor=actor,
                action="request.done",
                entity_type="request",
                entity_id=row.id,
                payload={
                    "request_id": row.id,
                    "kind": row.kind,
                    "done_on": row.done_on.isoformat(),
                },
            )

    def requests(
        self, *, open_only: bool = False, person_id: int | None = None
    ) -> list[RequestView]:
        """The request log, oldest deadline first."""
        with self._store.session() as s:
            q = select(DataSubjectRequest).order_by(
                DataSubjectRequest.due_on, DataSubjectRequest.id
            )
            if open_only:
                q = q.where(DataSubjectRequest.done_on.is_(None))
            if person_id is not None:
                q = q.where(DataSubjectRequest.person_id == person_id)
            out = []
            for r in s.execute(q).scalars():
                name = ""
                if r.person_id is not None:
                    p = s.get(Person, r.person_id)
                    if p is not None:
                        name = full_name(p.first_name, p.middle_name, p.last_name)
                out.append(
                    RequestView(
                        r.id,
                        r.person_id,
                        name,
                        RequestKind(r.kind),
                        r.received_on,
                        r.due_on,
                        r.done_on,
                        r.note,
                    )
                )
            return out

    # -- export ------------------------------------------------------------------------------------------

    def export(
        self, person_id: int, *, actor: str = "owner", log_access: bool = True
    ) -> dict[str, Any]:
        """Everything held about a person, as JSON-ready data (GDPR Arts. 15 and 20).

        The format is ``resources/schemas/person-export.schema.json``: ``schema``, ``schema_version``,
        ``exported_at``, ``controller`` (the supplier), ``person`` (personal fields), ``customers``
        (roles and rights at each), ``consents`` (every event), ``requests`` (the request log) and
        ``audit`` (entries about the person, with their details). Dates are ISO 8601 strings.
        """
        from contractdesk.store.models import Supplier

        with self._store.session() as s:
            person = self._person(s, person_id)
            view = self._view(s, person)
            supplier = s.get(Supplier, 1)
            role_rows = s.execute(
                select(PersonRole, Customer)
                .join(Customer, Customer.id == PersonRole.customer_id)
                .where(PersonRole.person_id == person_id)
                .order_by(Customer.org_number, PersonRole.role)
            ).all()
            roles = [
                {
                    "org_number": c.org_number,
                    "customer_name": c.name,
                    "role": Role(r.role).cli_name,
                    "since": r.since.isoformat(),
                    "requested_by_person_id": r.requested_by_person_id,
                    "source": r.source,
                    "registry_role_code": r.registry_role_code,
                }
                for r, c in role_rows
            ]
            consents = [
                {
                    "kind": ConsentKind(c.kind).cli_name,
                    "given": c.given,
                    "on": c.on.isoformat(),
                    "source": c.source,
                    "recorded_at": c.recorded_at.isoformat(),
                }
                for c in s.execute(
                    select(Consent).where(Consent.person_id == person_id).order_by(Consent.id)
                ).scalars()
            ]
            requests = [
                {
                    "id": r.id,
                    "kind": r.kind,
                    "received_on": r.received_on.isoformat(),
                    "due_on": r.due_on.isoformat(),
                    "done_on": r.done_on.isoformat() if r.done_on else None,
                    "note": r.note,
                }
                for r in s.execute(
                    select(DataSubjectRequest)
                    .where(DataSubjectRequest.person_id == person_id)
                    .order_by(DataSubjectRequest.id)
                ).scalars()
            ]
            entries = self._audit_about(s, person_id)
            data: dict[str, Any] = {
                "schema": EXPORT_SCHEMA,
                "schema_version": EXPORT_SCHEMA_VERSION,
                "exported_at": utcnow().isoformat(timespec="seconds"),
                "controller": {
                    "org_number": supplier.org_number if supplier else "",
                    "name": supplier.name if supplier else "",
                    "email": supplier.email if supplier else "",
                },
                "person": {
                    "id": view.id,
                    "first_name": view.first_name,
                    "middle_name": view.middle_name,
                    "last_name": view.last_name,
                    "title": view.title,
                    "phone": view.phone,
                    "mobile": view.mobile,
                    "emails": list(view.emails),
                    "created_at": view.created_at.isoformat(timespec="seconds"),
                    "updated_at": view.updated_at.isoformat(timespec="seconds"),
                    "erased_at": view.erased_at.isoformat(timespec="seconds")
                    if view.erased_at
                    else None,
                },
                "customers": [
                    {
                        "org_number": m.org_number,
                        "customer_name": m.customer_name,
                        "roles": [r.cli_name for r in m.roles],
                        "rights": m.rights.as_dict(),
                    }
                    for m in view.memberships
                ],
                "roles": roles,
                "consents": consents,
                "requests": requests,
                "audit": [
                    {
                        "id": e.id,
                        "at": e.at.isoformat(timespec="seconds"),
                        "actor": e.actor,
                        "action": e.action,
                        "entity_type": e.entity_type,
                        "entity_id": e.entity_id,
                        "details": audit.payload_of(e),
                    }
                    for e in entries
                ],
            }
            if log_access:
                audit.append(
                    s,
                    actor=actor,
                    action="person.exported",
                    entity_type="person",
                    entity_id=person_id,
                    payload={},
                )
            return data

    def export_to_file(self, person_id: int, path: Path | str, *, actor: str = "owner") -> Path:
        """Write the export as UTF-8 JSON to ``path``: complete or not at all."""
        data = self.export(person_id, actor=actor)
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        target = Path(path)
        _write_atomically(target, text.encode("utf-8"))
        return target

    # -- erasure --------------------------------------------------------------------------------------------

    def erase(
        self,
        person_id: int,
        *,
        next_main_contacts: Mapping[str, int] | None = None,
        actor: str = "owner",
    ) -> ErasureResult:
        """Erase a person (GDPR Art. 17, terms §8.2.3): anonymise, keep the id and the history.

        The personal fields and look-up keys are blanked; consent sources and request notes about them
        are blanked; their other roles end; where they are the main contact, the role passes to the
        person named in ``next_main_contacts[org_number]`` (or stays with the anonymised record, the
        customer listed in ``needs_main_contact``, until one is named). Audit details that hold their
        values are blanked (the chain still verifies). Finally the WAL is checkpointed into the file.

        Raises:
            UserError: already erased, or a named successor is unknown or erased.
        """
        successors = {_org(k): int(v) for k, v in (next_main_contacts or {}).items()}
        with self._store.session() as s:
            person = self._live_person(s, person_id)
            needles = _needles(person)
            handed: list[tuple[str, int]] = []
            needs: list[str] = []
            removed = 0
            memberships = s.execute(
                select(PersonRole, Customer)
                .join(Customer, Customer.id == PersonRole.customer_id)
                .where(PersonRole.person_id == person_id)
                .order_by(Customer.org_number)
            ).all()
            for org, successor in successors.items():
                if successor == person_id:
                    raise UserError(
                        translate(
                            "PeopleService",
                            "The next main contact must be someone other than the erased person.",
                        )
                    )
                if org not in {
                    c.org_number for r, c in memberships if r.role == Role.MAIN_CONTACT.value
                }:
                    raise UserError(
                        fill(
                            translate("PeopleService", "Person %1 is not the main contact of %2."),
                            person_id,
                            format_org_number(org),
                        )
                    )
            for role_row, customer in memberships:
                if role_row.role == Role.MAIN_CONTACT.value:
                    continue
                s.delete(role_row)
                removed += 1
                audit.append(
                    s,
                    actor=actor,
                    action="role.removed",
                    entity_type="customer",
                    entity_id=customer.org_number,
                    payload={"person_id": person_id, "role": role_row.role, "reason": "erasure"},
                )
            s.flush()
            for role_row, customer in memberships:
                if role_row.role != Role.MAIN_CONTACT.value:
                    continue
                successor = successors.get(customer.org_number)
                if successor is None:
                    needs.append(customer.org_number)
                    continue
                self._set_main(
                    s, customer, successor, None, None, False, actor, reason="erasure", force=True
                )
                handed.append((customer.org_number, successor))
            # Blank what names them, before the erasure's own entries are written.
            entry_ids = audit.entries_mentioning(s, needles, entity=("person", str(person_id)))
            blanked = audit.erase_payloads(s, entry_ids)
            s.execute(update(Consent).where(Consent.person_id == person_id).values(source=""))
            s.execute(
                update(DataSubjectRequest)
                .where(DataSubjectRequest.person_id == person_id)
                .values(note="")
            )
            s.execute(delete(PersonSearchKey).where(PersonSearchKey.person_id == person_id))
            # Signed acceptances stay as evidence (date, method, version, scan), but not the name snapshot.
            from contractdesk.store.models.agreements import Acceptance

            s.execute(
                update(Acceptance)
                .where(Acceptance.signed_by_person_id == person_id)
                .values(signed_by_name="")
            )
            now = utcnow()
            for key in ("first_name", "middle_name", "last_name", "title", "phone", "mobile"):
                setattr(person, key, "")
            person.emails = []
            person.erased_at = now
            person.updated_at = now
            today = date.today()
            open_erasures = list(
                s.execute(
                    select(DataSubjectRequest).where(
                        DataSubjectRequest.person_id == person_id,
                        DataSubjectRequest.kind == RequestKind.ERASURE.value,
                        DataSubjectRequest.done_on.is_(None),
                    )
                ).scalars()
            )
            if not open_erasures:
                row = DataSubjectRequest(
                    person_id=person_id,
                    kind=RequestKind.ERASURE.value,
                    received_on=today,
                    due_on=request_deadline(today),
                    note="",
                )
                s.add(row)
                open_erasures = [row]
            for row in open_erasures:
                row.done_on = today
            s.flush()
            audit.append(
                s,
                actor=actor,
                action="person.erased",
                entity_type="person",
                entity_id=person_id,
                payload={
                    "handed_over": [
                        {"org_number": o, "main_contact_person_id": p} for o, p in handed
                    ],
                    "needs_main_contact": needs,
                    "roles_removed": removed,
                    "requests_done": [r.id for r in open_erasures],
                },
            )
        self._store.checkpoint()
        return ErasureResult(person_id, tuple(handed), tuple(needs), removed, blanked)

    # -- who is this? ----------------------------------------------------------------------------------

    def whois(self, text: str, *, limit: int = WHOIS_LIMIT) -> WhoisResult:
        """Find registered persons by name (word prefixes), e-mail or phone; with customers and rights.

        Reads only indexed look-up keys, then the matches' roles. No match means not approved (§8).
        """
        kind, keys = classify_query(text)
        query = " ".join((text or "").split())
        if kind == "empty":
            return WhoisResult(query, kind, ())
        # Plain SQL on one pooled connection: this runs on every keystroke, so it skips the ORM.
        if kind == "name":
            sql = " INTERSECT ".join(_NAME_KEY_SQL for _ in keys) + " LIMIT ?"
            params: list[Any] = [v for k in keys for v in (k, _prefix_upper(k))]
        else:
            sql = _EXACT_KEY_SQL
            params = [kind, keys[0]]
        with self._store.engine.connect() as conn:
            ids = [row[0] for row in conn.exec_driver_sql(sql, (*params, limit + 1))]
            more = len(ids) > limit
            ids = ids[:limit]
            if not ids:
                return WhoisResult(query, kind, ())
            marks = ", ".join("?" for _ in ids)
            people = conn.exec_driver_sql(_WHOIS_PEOPLE_SQL.format(marks=marks), tuple(ids)).all()
            role_rows = conn.exec_driver_sql(_WHOIS_ROLES_SQL.format(marks=marks), tuple(ids)).all()
        grouped: dict[int, dict[int, list[Any]]] = {}
        for r in role_rows:
            grouped.setdefault(r[0], {}).setdefault(r[3], []).append(r)
        matches = []
        for pid, first, middle, last, title, phone, mobile, emails in people:
            memberships = []
            for items in grouped.get(pid, {}).values():
                roles = sort_roles(Role(i[1]) for i in items)
                head = items[0]
                memberships.append(
                    Membership(
                        head[4],
                        head[5],
                        head[6],
                        roles,
                        rights_for(roles),
                        head[7],
                        min(date.fromisoformat(i[2]) for i in items),
                    )
                )
            memberships.sort(key=lambda m: (fold(m.customer_name), m.org_number))
            matches.append(
                WhoisMatch(
                    pid,
                    full_name(first, middle, last),
                    title,
                    tuple(json.loads(emails) if emails else ()),
                    phone,
                    mobile,
                    kind,
                    tuple(memberships),
                )
            )
        matches.sort(key=lambda m: (not m.approved, fold(m.full_name), m.person_id))
        return WhoisResult(query, kind, tuple(matches), more)

    # -- internals -----------------------------------------------------------------------------------------

    @staticmethod
    def _role(role: Role | str) -> Role:
        if isinstance(role, Role):
            return role
        try:
            return Role.parse(role)
        except PeopleRuleError as exc:
            raise UserError(str(exc), field="role") from None

    @staticmethod
    def _check(fn: Any) -> None:
        try:
            fn()
        except PeopleRuleError as exc:
            raise UserError(str(exc)) from None

    @staticmethod
    def _customer(s: Session, org_number: str) -> Customer:
        org = _org(org_number)
        customer = s.execute(select(Customer).where(Customer.org_number == org)).scalar()
        if customer is None:
            raise NotFoundError(
                fill(
                    translate(
                        "PeopleService",
                        "No customer with organisation number %1; register it first.",
                    ),
                    format_org_number(org),
                )
            )
        return customer

    @staticmethod
    def _person(s: Session, person_id: int) -> Person:
        person = s.get(Person, int(person_id))
        if person is None:
            raise NotFoundError(
                fill(translate("PeopleService", "No person with id %1."), person_id)
            )
        return person

    def _live_person(self, s: Session, person_id: int, *, what: str = "") -> Person:
        person = self._person(s, person_id)
        if person.erased_at is not None:
            if what:
                raise UserError(
                    fill(translate("PeopleService", "%1 (person %2) was erased."), what, person_id)
                )
            raise UserError(fill(translate("PeopleService", "Person %1 was erased."), person_id))
        return person

    @staticmethod
    def _roles(s: Session, customer: Customer) -> CustomerRoles:
        rows = s.execute(
            select(PersonRole.person_id, PersonRole.role, Person.erased_at)
            .join(Person, Person.id == PersonRole.person_id)
            .where(PersonRole.customer_id == customer.id)
        ).all()
        return CustomerRoles(
            (Assignment(pid, Role(role)) for pid, role, _ in rows),
            format_org_number(customer.org_number),
            erased={pid for pid, _, erased_at in rows if erased_at is not None},
        )

    def _insert_person(
        self, s: Session, clean: PersonInput, actor: str, *, source: str = "manual"
    ) -> Person:
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
        self._reindex(s, person)
        audit.append(
            s,
            actor=actor,
            action="person.added",
            entity_type="person",
            entity_id=person.id,
            payload={**_fields_of(person), "source": source},
        )
        return person

    @staticmethod
    def _reindex(s: Session, person: Person) -> None:
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
                PersonSearchKey.__table__.insert(),
                [{"person_id": person.id, "kind": k, "value": v} for k, v in keys],
            )

    def _grant(
        self,
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
        self._live_person(s, person_id)
        if requested_by is not None:
            self._live_person(
                s, requested_by, what=translate("PeopleService", "The person who asked")
            )
        roles = self._roles(s, customer)
        if role is Role.MAIN_CONTACT:
            self._set_main(
                s,
                customer,
                person_id,
                requested_by,
                requested_on,
                True,
                actor,
                reason="",
                source=source,
                registry_role_code=registry_role_code,
            )
            return
        self._check(lambda: roles.check_add(person_id, role, requested_by))
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

    def _set_main(
        self,
        s: Session,
        customer: Customer,
        person_id: int,
        requested_by: int | None,
        requested_on: date | None,
        keep_previous_as_contact: bool,
        actor: str,
        *,
        reason: str,
        force: bool = False,
        source: str = "manual",
        registry_role_code: str = "",
    ) -> None:
        self._live_person(s, person_id, what=translate("PeopleService", "The new main contact"))
        if requested_by is not None:
            self._live_person(
                s, requested_by, what=translate("PeopleService", "The person who asked")
            )
        roles = self._roles(s, customer)
        if not force:
            self._check(lambda: roles.check_set_main(person_id, requested_by))
        previous = roles.main_contact()
        day = requested_on or date.today()
        # Main contact implies approved contact: a separate contact role would be a duplicate.
        s.execute(
            delete(PersonRole).where(
                PersonRole.customer_id == customer.id,
                PersonRole.person_id == person_id,
                PersonRole.role == Role.CONTACT.value,
            )
        )
        if previous is None:
            s.add(
                PersonRole(
                    person_id=person_id,
                    customer_id=customer.id,
                    role=Role.MAIN_CONTACT.value,
                    since=day,
                    requested_by_person_id=requested_by,
                    source=source,
                    registry_role_code=registry_role_code,
                )
            )
        else:
            # Hand the role over in one UPDATE: the database never sees a customer without its main contact.
            s.execute(
                update(PersonRole)
                .where(
                    PersonRole.customer_id == customer.id,
                    PersonRole.role == Role.MAIN_CONTACT.value,
                )
                .values(
                    person_id=person_id,
                    since=day,
                    requested_by_person_id=requested_by,
                    source=source,
                    registry_role_code=registry_role_code,
                    created_at=utcnow(),
                )
            )
            previous_other = [r for r in roles.roles_of(previous) if r is not Role.MAIN_CONTACT]
            prev_person = s.get(Person, previous)
            if (
                keep_previous_as_contact
                and not previous_other
                and prev_person is not None
                and prev_person.erased_at is None
            ):
                s.add(
                    PersonRole(
                        person_id=previous,
                        customer_id=customer.id,
                        role=Role.CONTACT.value,
                        since=day,
                        requested_by_person_id=requested_by,
                        source="manual",
                    )
                )
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

    def _memberships(
        self, s: Session, person_ids: Sequence[int]
    ) -> dict[int, tuple[Membership, ...]]:
        if not person_ids:
            return {}
        rows = s.execute(
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
        customer_ids = {r.id for r in rows}
        mains = (
            dict(
                s.execute(
                    select(PersonRole.customer_id, PersonRole.person_id).where(
                        PersonRole.customer_id.in_(customer_ids),
                        PersonRole.role == Role.MAIN_CONTACT.value,
                    )
                ).all()
            )
            if customer_ids
            else {}
        )
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

    def _consents(self, s: Session, person_id: int) -> tuple[ConsentState, ...]:
        latest: dict[str, Consent] = {}
        for c in s.execute(
            select(Consent).where(Consent.person_id == person_id).order_by(Consent.on, Consent.id)
        ).scalars():
            latest[c.kind] = c
        states = []
        for kind in ConsentKind:
            c = latest.get(kind.value)
            states.append(
                ConsentState(kind, c.given, c.on, c.source) if c else ConsentState(kind, None)
            )
        return tuple(states)

    def _view(self, s: Session, person: Person) -> PersonView:
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
            self._memberships(s, [person.id]).get(person.id, ()),
            self._consents(s, person.id),
        )

    def _rows_at(self, s: Session, customer: Customer) -> list[PersonRow]:
        rows = s.execute(
            select(PersonRole, Person)
            .join(Person, Person.id == PersonRole.person_id)
            .where(PersonRole.customer_id == customer.id)
        ).all()
        grouped: dict[int, list[Any]] = {}
        people: dict[int, Person] = {}
        for role_row, person in rows:
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

    @staticmethod
    def _audit_about(s: Session, person_id: int) -> list[AuditEntry]:
        """Entries about the person: their own, and role changes that name them by id."""
        ident = str(person_id)
        refs = [
            func.json_extract(AuditEntry.payload, f"$.{key}") == person_id
            for key in ("person_id", "from_person_id", "to_person_id", "requested_by_person_id")
        ]
        q = select(AuditEntry).where(
            or_(
                and_(AuditEntry.entity_type == "person", AuditEntry.entity_id == ident),
                and_(AuditEntry.entity_type == "customer", or_(*refs)),
            )
        )
        return list(s.execute(q.order_by(AuditEntry.id)).scalars())


# -- module helpers ------------------------------------------------------------------------------------


def _fields_of(person: Person) -> dict[str, Any]:
    return {
        "first_name": person.first_name,
        "middle_name": person.middle_name,
        "last_name": person.last_name,
        "title": person.title,
        "phone": person.phone,
        "mobile": person.mobile,
        "emails": list(person.emails or ()),
    }


def _needles(person: Person) -> list[str]:
    """The person's identifying values as they may appear in audit details (names, addresses, numbers)."""
    found = [
        full_name(person.first_name, person.middle_name, person.last_name),
        full_name(person.first_name, "", person.last_name),
        *(person.emails or ()),
    ]
    for number in (person.phone, person.mobile):
        if number:
            found += [number, display_phone(number)]
    return [n for n in dict.fromkeys(found) if n and len(n) >= 3]


def _consent_kind(kind: ConsentKind | str) -> ConsentKind:
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


def _request_kind(kind: RequestKind | str) -> RequestKind:
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


def _is_person_holder(entry: Any) -> bool:
    if not isinstance(entry, Mapping):
        return False
    if str(entry.get("holder_kind") or "person") != "person":
        return False
    if entry.get("deceased") or entry.get("deregistered"):
        return False
    return bool(str(entry.get("name") or "").strip() or entry.get("last_name"))


def _holder_names(entry: Mapping[str, Any]) -> tuple[str, str, str]:
    first = str(entry.get("first_name") or "").strip()
    middle = str(entry.get("middle_name") or "").strip()
    last = str(entry.get("last_name") or "").strip()
    if first or last:
        return first, middle, last
    words = str(entry.get("name") or "").split()
    if len(words) < 2:
        return " ".join(words), "", ""  # validation then asks for the last name
    return words[0], " ".join(words[1:-1]), words[-1]


def _suggested_role(entry: Mapping[str, Any]) -> Role:
    code = str(entry.get("role_code") or "").upper()
    if code == "DAGL":
        return Role.GENERAL_MANAGER
    if code in REGISTRY_SIGNATORY_CODES or entry.get("may_sign") or entry.get("signatory"):
        return Role.SIGNATORY
    return Role.CONTACT


__all__ = [
    "ConsentState",
    "ErasureResult",
    "Membership",
    "PeopleService",
    "PersonInput",
    "PersonRow",
    "PersonView",
    "RegistryHolder",
    "RequestView",
    "WhoisMatch",
    "WhoisResult",
    "classify_query",
    "search_keys",
]
