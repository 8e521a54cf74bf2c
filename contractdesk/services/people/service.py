"""People use cases: read cards and lists, add people and roles, main contact, correct, consent.

Registry holders, "who is this?", data-subject requests, export and erasure are in their own
modules of this package; `PeopleService` offers them all. Every change is audited in the same
transaction; reads use a read session and never take the write lock.
"""

from __future__ import annotations

from datetime import date

from contractdesk.domain.dates import EARLIEST
from contractdesk.domain.orgnr import format_org_number
from contractdesk.domain.people import ConsentKind, Role
from contractdesk.errors import UserError
from contractdesk.i18n import fill, format_day, translate
from contractdesk.services.people import reading
from contractdesk.services.people.export import ExportUseCases
from contractdesk.services.people.registry import RegistryUseCases
from contractdesk.services.people.rights import RightsUseCases
from contractdesk.services.people.roles import (
    MainContactChange,
    audit_role_removed,
    check,
    consent_kind,
    customer_roles,
    fields_of,
    grant,
    insert_person,
    live_person,
    parse_role,
    requester,
    set_main,
)
from contractdesk.services.people.views import ConsentState, PersonInput, PersonRow, PersonView
from contractdesk.services.people.whois import WhoisUseCase
from contractdesk.services.validation import clean_text
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import Consent
from contractdesk.store.queries import people as q
from contractdesk.store.queries.customers import customer_by_org_number
from contractdesk.store.types import utcnow
from contractdesk.store.versions import expect_version


class PeopleService(RegistryUseCases, WhoisUseCase, RightsUseCases, ExportUseCases):
    """Use cases for people, roles, "who is this?" and data-subject requests.

    Every write takes ``actor`` (``owner`` in the GUI, ``cli`` on the command line) for the audit
    log; ``requested_by`` is the person id of whoever at the customer asked for a change (§8.1.1).
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    def __repr__(self) -> str:
        return f"PeopleService({self._store!r})"

    # -- reading ----------------------------------------------------------------------------------

    def get(self, person_id: int) -> PersonView:
        """The person's card: personal fields, customers with roles and rights, consents.

        Raises:
            NotFoundError: no such person.
        """
        with self._store.read_session() as s:
            return reading.person_view(s, q.person_by_id(s, person_id))

    def list_people(
        self, org_number: str | None = None, *, include_erased: bool = False
    ) -> list[PersonRow]:
        """People at one customer (with their roles there, main contact first) or everyone."""
        with self._store.read_session() as s:
            if org_number is not None:
                return reading.rows_at(s, customer_by_org_number(s, org_number))
            return reading.everyone(s, include_erased=include_erased)

    def main_contact(self, org_number: str) -> int | None:
        """The person id of the customer's main contact, or None while it has none."""
        with self._store.read_session() as s:
            return q.main_contact_id(s, customer_by_org_number(s, org_number).id)

    def problems(self, org_number: str) -> list[str]:
        """Invariant problems at a customer (e.g. no main contact); empty when all is well."""
        with self._store.read_session() as s:
            customer = customer_by_org_number(s, org_number)
            roles = customer_roles(s, customer)
            found = roles.problems()
            main = roles.main_contact() if not found else None
            if main is not None and main in roles.erased:
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

    def consents(self, person_id: int) -> tuple[ConsentState, ...]:
        with self._store.read_session() as s:
            return reading.consents(s, person_id)

    # -- adding people and roles ------------------------------------------------------------------

    def add_person(self, data: PersonInput, *, actor: str = "owner") -> int:
        """Register a person without a customer (e.g. an external accountant)."""
        clean = data.validated()
        with self._store.session() as s:
            return insert_person(s, clean, actor).id

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
        chosen = parse_role(role)
        clean = data.validated()
        with self._store.session() as s:
            customer = customer_by_org_number(s, org_number)
            person = insert_person(s, clean, actor)
            grant(s, customer, person.id, chosen, requested_by, requested_on, actor)
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
        """Give a registered person a role at a customer (a main contact role replaces the old)."""
        chosen = parse_role(role)
        with self._store.session() as s:
            customer = customer_by_org_number(s, org_number)
            grant(s, customer, person_id, chosen, requested_by, requested_on, actor)

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
        chosen = parse_role(role)
        with self._store.session() as s:
            customer = customer_by_org_number(s, org_number)
            q.person_by_id(s, person_id)
            requester(s, requested_by)
            roles = customer_roles(s, customer)
            check(lambda: roles.check_remove(person_id, chosen, requested_by))
            q.delete_roles(s, customer.id, person_id, chosen.value)
            audit_role_removed(
                s, customer, person_id, chosen.value, actor, requested_by=requested_by
            )

    def remove_from_customer(
        self,
        org_number: str,
        person_id: int,
        *,
        requested_by: int | None = None,
        actor: str = "owner",
    ) -> None:
        """Take every role of a person at a customer away (not while they are its main contact)."""
        with self._store.session() as s:
            customer = customer_by_org_number(s, org_number)
            roles = customer_roles(s, customer)
            held = roles.roles_of(person_id)
            if not held:
                raise UserError(
                    fill(
                        translate("PeopleService", "Person %1 has no role at %2."),
                        person_id,
                        format_org_number(customer.org_number),
                    )
                )
            requester(s, requested_by)
            for role in held:
                check(lambda r=role: roles.check_remove(person_id, r, requested_by))  # type: ignore[misc]  # default-bound loop variable
            q.delete_roles(s, customer.id, person_id)
            for role in held:
                audit_role_removed(
                    s, customer, person_id, role.value, actor, requested_by=requested_by
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
        change = MainContactChange(person_id, requested_by, requested_on, keep_previous_as_contact)
        with self._store.session() as s:
            set_main(s, customer_by_org_number(s, org_number), change, actor)

    # -- correcting and consent ------------------------------------------------------------------

    def correct(
        self,
        person_id: int,
        data: PersonInput,
        *,
        expected_version: int | None = None,
        actor: str = "owner",
    ) -> PersonView:
        """Replace a person's personal fields (GDPR Art. 16); audited with old and new values.

        ``expected_version``: the version the edit form was filled from (``PersonView.version``);
        a newer stored version raises :class:`~contractdesk.errors.ConflictError`.
        """
        clean = data.validated()
        with self._store.session() as s:
            person = live_person(s, person_id)
            before = fields_of(person)
            after = {
                "first_name": clean.first_name,
                "middle_name": clean.middle_name,
                "last_name": clean.last_name,
                "title": clean.title,
                "phone": clean.phone,
                "mobile": clean.mobile,
                "emails": list(clean.emails),
            }
            expect_version(person, expected_version, entity="person", mine=after)
            changed = {
                k: {"before": before[k], "after": v} for k, v in after.items() if before[k] != v
            }
            if changed:
                for key, value in after.items():
                    setattr(person, key, value)
                person.updated_at = utcnow()
                q.reindex(s, person)
                audit.append(
                    s,
                    actor=actor,
                    action="person.corrected",
                    entity_type="person",
                    entity_id=person.id,
                    payload={"changed": changed},
                )
            s.flush()
            return reading.person_view(s, person)

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
        """Record that a person gave or withdrew consent (marketing e-mail, newsletter). A
        consent is given today or earlier (from 2000), never in the future."""
        chosen = consent_kind(kind)
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
            live_person(s, person_id)
            s.add(
                Consent(
                    person_id=person_id, kind=chosen.value, given=given, on=day, source=source_text
                )
            )
            audit.append(
                s,
                actor=actor,
                action="consent.given" if given else "consent.withdrawn",
                entity_type="person",
                entity_id=person_id,
                payload={"kind": chosen.value, "on": day.isoformat(), "source": source_text},
            )
