"""People: the values that cross threads (frozen DTOs) and the person input's validation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from contractdesk.domain.people import (
    ConsentKind,
    RequestKind,
    Rights,
    Role,
    full_name,
)
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.services.validation import clean_text, normalise_email, normalise_phone

MAX_EMAILS = 10


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
        """Trim and NFC-normalise names, refuse control characters, parse phones (NO) and e-mails.

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
    version: int = field(default=0, compare=False)
    """The record's version when read (optimistic locking): pass it back when saving an edit."""

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
            "version": self.version,
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
    """A person the registry lists in one of the customer's roles, ready to be registered."""

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
    ledger_saved: bool = True
    """False when the erasure ledger could not be written (the erasure itself is saved)."""

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


_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def _name(value: str, field: str, *, required: bool = False) -> str:
    """A cleaned name: trimmed, NFC, no control characters, no bidi overrides (they disguise)."""
    text = clean_text(value, field=field, required=required, max_len=200)
    if any(ch in _BIDI_CONTROLS for ch in text):
        raise UserError(
            fill(
                translate("PeopleService", "%1: text direction characters are not allowed."), field
            ),
            field=field,
        )
    return text
