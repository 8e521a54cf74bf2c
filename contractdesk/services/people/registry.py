"""People use cases: the persons in a customer's registry roles, registered as people."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contractdesk.domain.people import Role, fold, full_name
from contractdesk.errors import UserError
from contractdesk.i18n import translate
from contractdesk.services.people.roles import customer_roles, grant, insert_person, parse_role
from contractdesk.services.people.views import PersonInput, RegistryHolder
from contractdesk.store.engine import Store
from contractdesk.store.models import Customer, Person
from contractdesk.store.queries.customers import customer_by_org_number
from contractdesk.store.unit import Session

# Registry role codes whose holders sign alone or with others (signature, procuration, owners,
# partners, trustee); DAGL is the general manager; any other registry role is a plain contact.
REGISTRY_SIGNATORY_CODES = frozenset(
    {"INNH", "SIGN", "SIFE", "SIHV", "PROK", "POFE", "POHV", "DTSO", "DTPR", "KOMP", "BOBE"}
)


class RegistryUseCases:
    """Registry role holders → registered people (part of `PeopleService`)."""

    _store: Store

    def registry_holders(self, org_number: str) -> list[RegistryHolder]:
        """The persons in the customer's registry roles (as last fetched), with a suggested role."""
        with self._store.read_session() as s:
            customer = customer_by_org_number(s, org_number)
            registered = _registered_names(s, customer)
            holders = []
            for index, entry in enumerate(customer.registry_roles or []):
                if not _is_person_holder(entry):
                    continue
                name = full_name(*_holder_names(entry))
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
        """Register the registry role holder at ``index`` of the customer's ``registry_roles`` as a
        person with a role there (suggested from the registry role unless given); returns the id.

        A holder already registered at the customer gets the role added to the existing person.
        """
        with self._store.session() as s:
            customer = customer_by_org_number(s, org_number)
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
            chosen = parse_role(role) if role is not None else _suggested_role(entry)
            first, middle, last = _holder_names(entry)
            clean = PersonInput(first, last, middle).validated()
            person_id = _registered_names(s, customer).get(fold(clean.full_name))
            if person_id is None:
                person_id = insert_person(s, clean, actor, source="registry").id
            if chosen in customer_roles(s, customer).roles_of(person_id):
                return person_id
            grant(
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


def _registered_names(s: Session, customer: Customer) -> dict[str, int]:
    """Folded full name → id of the first live person with a role at the customer."""
    registered: dict[str, int] = {}
    for pid in customer_roles(s, customer).people():
        p = s.get(Person, pid)
        if p is not None and p.erased_at is None:
            registered.setdefault(fold(full_name(p.first_name, p.middle_name, p.last_name)), pid)
    return registered


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
