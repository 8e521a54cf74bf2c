"""People use cases: data-subject requests and erasure (GDPR Art. 17, terms §8.2.3)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date

from contractdesk.domain.dates import EARLIEST
from contractdesk.domain.orgnr import format_org_number
from contractdesk.domain.people import RequestKind, Role, full_name, request_deadline
from contractdesk.errors import NotFoundError, UserError
from contractdesk.i18n import fill, format_day, translate
from contractdesk.services.people.roles import (
    MainContactChange,
    audit_role_removed,
    live_person,
    org,
    request_kind,
    set_main,
)
from contractdesk.services.people.views import ErasureResult, RequestView
from contractdesk.services.validation import clean_text, display_phone
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import Customer, DataSubjectRequest, Person, PersonRole
from contractdesk.store.queries import people as q
from contractdesk.store.types import utcnow
from contractdesk.store.unit import Session

log = logging.getLogger(__name__)


class RightsUseCases:
    """Data-subject requests and erasure (part of `PeopleService`)."""

    _store: Store

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
        chosen = request_kind(kind)
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
                q.person_by_id(s, person_id)
            row = q.add_request(
                s, person_id, chosen.value, received, request_deadline(received), note_text
            )
            audit.append(
                s,
                actor=actor,
                action="request.logged",
                entity_type="person" if person_id is not None else "request",
                entity_id=person_id if person_id is not None else row.id,
                payload={
                    "request_id": row.id,
                    "kind": chosen.value,
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
        with self._store.read_session() as s:
            return [
                RequestView(
                    r.id,
                    r.person_id,
                    full_name(p.first_name, p.middle_name, p.last_name) if p is not None else "",
                    RequestKind(r.kind),
                    r.received_on,
                    r.due_on,
                    r.done_on,
                    r.note,
                )
                for r, p in q.request_log(s, open_only=open_only, person_id=person_id)
            ]

    def erase(
        self,
        person_id: int,
        *,
        next_main_contacts: Mapping[str, int] | None = None,
        actor: str = "owner",
        record: bool = True,
    ) -> ErasureResult:
        """Erase a person (GDPR Art. 17, terms §8.2.3): anonymise, keep the id and the history.

        The personal fields and look-up keys are blanked; consent sources and request notes about
        them are blanked; their other roles end; where they are the main contact, the role passes
        to the person named in ``next_main_contacts[org_number]`` (or stays with the anonymised
        record, the customer listed in ``needs_main_contact``, until one is named). Audit details
        that hold their values are blanked (the chain still verifies). Finally the WAL is
        checkpointed into the file (a failure there does not undo the committed erasure).

        The erasure is noted in the erasure ledger (outside the database; ``record``), so a
        restore of an older backup erases the person again.

        Raises:
            UserError: already erased, or a named successor is unknown or erased.
        """
        successors = {org(k): int(v) for k, v in (next_main_contacts or {}).items()}
        with self._store.session() as s:
            person = live_person(s, person_id)
            needles = _needles(person)
            memberships = [(r, c) for r, c in q.roles_with_customers(s, person_id)]
            _check_successors(person_id, successors, memberships)
            removed = _end_other_roles(s, person_id, memberships, actor)
            handed, needs = _hand_over_main(s, memberships, successors, actor)
            # Blank what names them, before the erasure's own entries are written.
            entry_ids = audit.entries_mentioning(s, needles, entity=("person", str(person_id)))
            blanked = audit.erase_payloads(s, entry_ids)
            q.blank_personal_traces(s, person_id)
            # Signed acceptances stay as evidence (date, method, version, scan), not the name.
            q.blank_signer_names(s, person_id)
            _anonymise(person)
            done = _close_erasure_requests(s, person_id)
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
                    "requests_done": done,
                },
            )
        ledger_saved = self._after_erase(person_id, done) if record else True
        return ErasureResult(
            person_id, tuple(handed), tuple(needs), removed, blanked, ledger_saved=ledger_saved
        )

    def reapply_erasure(self, person_id: int) -> bool:
        """Erase again a person the erasure ledger lists (after a restore); False when the
        restored store has no such person or they are erased already."""
        with self._store.read_session() as s:
            person = s.get(Person, int(person_id))
            if person is None or person.erased_at is not None:
                return False
        self.erase(person_id, actor="restore", record=False)
        return True

    def _after_erase(self, person_id: int, request_ids: list[int]) -> bool:
        """After the commit (the erasure is saved whatever happens here): note it in the erasure
        ledger beside the store and the automatic backups, then fold the WAL into the file.
        Returns False when the ledger could not be written."""
        saved = record_in_ledger(self._store, person_id, request_ids)
        try:
            self._store.checkpoint()
        except Exception:  # committed already: a later checkpoint folds the WAL in
            log.warning("checkpoint after an erasure failed; the erasure itself is saved")
        return saved


def record_in_ledger(store: Store, person_id: int, request_ids: list[int]) -> bool:
    """Append the erasure to the ledger beside the store and beside the automatic backups."""
    from contractdesk.store import ledger
    from contractdesk.store.autobackup import load_config
    from contractdesk.store.recovery import ensure_recovery_key, ledger_mac_key

    if store.engine_name != "sqlite":  # a server's backups are the server's (pg_dump): no file here
        return True
    data_dir = store.path.parent
    try:
        key = ledger_mac_key(ensure_recovery_key(store))
        line = ledger.entry_line(key, person_id, request_ids)
        ledger.append(data_dir, line)
    except Exception:  # e.g. a full disk: the erasure itself is committed
        log.warning("the erasure could not be noted in the erasure ledger")
        return False
    folder = load_config(data_dir).folder
    if folder is not None:
        try:
            ledger.append(folder, line)
        except OSError:
            log.warning("the erasure ledger beside the automatic backups could not be updated")
    return True


def _check_successors(
    person_id: int, successors: dict[str, int], memberships: list[tuple[PersonRole, Customer]]
) -> None:
    mains = {c.org_number for r, c in memberships if r.role == Role.MAIN_CONTACT.value}
    for org_number, successor in successors.items():
        if successor == person_id:
            raise UserError(
                translate(
                    "PeopleService",
                    "The next main contact must be someone other than the erased person.",
                )
            )
        if org_number not in mains:
            raise UserError(
                fill(
                    translate("PeopleService", "Person %1 is not the main contact of %2."),
                    person_id,
                    format_org_number(org_number),
                )
            )


def _end_other_roles(
    s: Session, person_id: int, memberships: list[tuple[PersonRole, Customer]], actor: str
) -> int:
    removed = 0
    for role_row, customer in memberships:
        if role_row.role == Role.MAIN_CONTACT.value:
            continue
        s.delete(role_row)
        removed += 1
        audit_role_removed(s, customer, person_id, role_row.role, actor, reason="erasure")
    s.flush()
    return removed


def _hand_over_main(
    s: Session,
    memberships: list[tuple[PersonRole, Customer]],
    successors: dict[str, int],
    actor: str,
) -> tuple[list[tuple[str, int]], list[str]]:
    handed: list[tuple[str, int]] = []
    needs: list[str] = []
    for role_row, customer in memberships:
        if role_row.role != Role.MAIN_CONTACT.value:
            continue
        successor = successors.get(customer.org_number)
        if successor is None:
            needs.append(customer.org_number)
            continue
        change = MainContactChange(successor, None, None, False)
        set_main(s, customer, change, actor, reason="erasure", force=True)
        handed.append((customer.org_number, successor))
    return handed, needs


def _anonymise(person: Person) -> None:
    now = utcnow()
    for key in ("first_name", "middle_name", "last_name", "title", "phone", "mobile"):
        setattr(person, key, "")
    person.emails = []
    person.erased_at = now
    person.updated_at = now


def _close_erasure_requests(s: Session, person_id: int) -> list[int]:
    """Mark the open erasure requests done (logging one if there was none); their ids."""
    today = date.today()
    rows = q.open_requests(s, person_id, RequestKind.ERASURE.value)
    if not rows:
        rows = [
            q.add_request(
                s, person_id, RequestKind.ERASURE.value, today, request_deadline(today), ""
            )
        ]
    for row in rows:
        row.done_on = today
    s.flush()
    return [r.id for r in rows]


def _needles(person: Person) -> list[str]:
    """The person's identifying values as they may appear in audit details."""
    found = [
        full_name(person.first_name, person.middle_name, person.last_name),
        full_name(person.first_name, "", person.last_name),
        *(person.emails or ()),
    ]
    for number in (person.phone, person.mobile):
        if number:
            found += [number, display_phone(number)]
    return [n for n in dict.fromkeys(found) if n and len(n) >= 3]


__all__ = ["RightsUseCases"]
