"""Acceptance use cases: who accepted which terms version, when, how, signed by whom, with the scan.

The signer is checked against the customer's registry data (`contractdesk.domain.signing`): a
person who is not a signatory by that data is recorded with a warning, never refused. The
signed scan (PDF or image) is kept inside the encrypted store and never changes once stored.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from contractdesk.domain.customers import BLOCKED_STATUSES, status_label
from contractdesk.domain.signing import SignatoryCheck
from contractdesk.domain.terms.agreement import AgreementState
from contractdesk.domain.terms.reacceptance import ReacceptanceStatus
from contractdesk.errors import NotFoundError, UserError
from contractdesk.i18n import fill, format_day, translate
from contractdesk.services.validation import clean_text
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import Acceptance, Customer
from contractdesk.store.queries import agreements as q
from contractdesk.store.queries.customers import customer_by_org_number
from contractdesk.store.queries.people import blank_signer_names

from . import lifecycle as lc
from .scans import read_scan
from .views import (
    AcceptanceResult,
    AcceptanceView,
    CustomerAcceptanceStatus,
    ReacceptanceView,
    ScanFile,
)

METHODS = ("paper", "online", "email")


def _t(text: str, *values: object) -> str:
    return fill(text, *values)


class AcceptanceUseCases:
    """The acceptance ledger (part of `AgreementService`)."""

    _store: Store

    def signatory_check(self, org_number: str, person_id: int) -> SignatoryCheck:
        """Whether the registry data makes this person a signatory of the customer (for forms and
        the PDF).
        """
        with self._store.read_session() as s:
            customer = customer_by_org_number(s, org_number)
            person = q.person_by_id(s, person_id)
            return lc.check(customer, lc.person_name(person))

    def record_acceptance(
        self,
        org_number: str,
        terms_label: str,
        *,
        method: str,
        signed_by_person_id: int,
        accepted_on: date,
        scan_path: Path | str | None = None,
        scan_bytes: bytes | None = None,
        scan_filename: str | None = None,
        note: str = "",
        agreement_ref: int | str | None = None,
        actor: str = "owner",
        today: date | None = None,
        imported: tuple[str, tuple[int, ...]] | None = None,
    ) -> AcceptanceResult:
        """Record that a customer accepted a published version, with the signer and (optionally) the
        scan.

        The signer is checked against the customer's registry roles and signing rule: a person who
        is not a signatory by that data is recorded with a warning (never refused: the owner
        decides). The customer's open agreement on that version (or ``agreement_ref``) becomes
        signed, or a new one is made; the newest signed version in effect becomes the active
        agreement.

        ``imported``: (the scan file's SHA-256, its page numbers) when the scan came from
        `DocumentService.import_scans`: the pages are marked filed in the same transaction.

        Raises:
            UserError: unknown customer/person/version, a draft version, an erased person, a date in
                the future, an unknown method, or a scan that is not a PDF or image.
        """
        day = today or date.today()
        chosen = (method or "").strip().lower()
        if chosen not in METHODS:
            raise UserError(
                _t(
                    translate("AgreementService", "Method must be paper, online or email, not %1."),
                    repr(method),
                ),
                field="method",
            )
        if accepted_on > day:
            raise UserError(
                _t(
                    translate("AgreementService", "The acceptance date %1 is in the future."),
                    format_day(accepted_on),
                ),
                field="date",
            )
        clean_note = clean_text(note, field=translate("AgreementService", "Note"), max_len=2000)
        scan = read_scan(scan_path, scan_bytes, scan_filename)
        with self._store.session() as s:
            customer = customer_by_org_number(s, org_number)
            version = q.published_version(s, terms_label)
            person = q.person_by_id(s, signed_by_person_id)
            if person.erased_at is not None:
                raise UserError(
                    _t(
                        translate(
                            "AgreementService",
                            "Person %1 has been erased and cannot be recorded as a signer.",
                        ),
                        person.id,
                    )
                )
            name = lc.person_name(person)
            check = lc.check(customer, name)
            warnings = [check.warning] if check.warning else []
            if customer.status in BLOCKED_STATUSES:
                warnings.append(
                    _t(
                        translate("AgreementService", "%1 has registry status %2."),
                        customer.name,
                        status_label(customer.status),
                    )
                )
            if chosen == "paper" and scan is None:
                warnings.append(
                    _t(
                        translate(
                            "AgreementService",
                            "A paper signature without its scan: attach the signed scan when it "
                            "arrives.",
                        )
                    )
                )
            agreement, signs = lc.agreement_for(s, customer, version, agreement_ref, actor)
            acceptance = Acceptance(
                customer_id=customer.id,
                terms_version_id=version.id,
                agreement_id=agreement.id,
                accepted_on=accepted_on,
                method=chosen,
                signed_by_person_id=person.id,
                signed_by_name=name,
                signatory_warning=check.warning_code or check.warning,
                note=clean_note,
                recorded_by=actor,
            )
            s.add(acceptance)
            s.flush()
            if scan is not None:
                lc.store_scan(s, acceptance, scan)
            if signs:
                lc.move(
                    s,
                    agreement,
                    AgreementState.SIGNED,
                    actor,
                    extra={"acceptance_id": acceptance.id},
                )
                agreement.signed_at = accepted_on
                agreement.signatory_person_id = person.id
                s.flush()
            audit.append(
                s,
                actor=actor,
                action="acceptance.recorded",
                entity_type="customer",
                entity_id=customer.org_number,
                payload={
                    "acceptance_id": acceptance.id,
                    "terms_label": version.label,
                    "terms_sha256": version.sha256,
                    "accepted_on": accepted_on,
                    "method": chosen,
                    "person_id": person.id,
                    "signatory": check.signatory,
                    "document_id": agreement.document_id,
                    "scan_sha256": scan[3] if scan else None,
                },
            )
            lc.tick_notices(s, customer, version, acceptance)
            if imported is not None:  # pages of a scan file, filed in the same transaction
                lc.mark_imported(s, imported, agreement.document_id, acceptance.id)
            if (
                customer.relationship_ended_on is not None
                and accepted_on > customer.relationship_ended_on
            ):
                audit.append(
                    s,
                    actor=actor,
                    action="customer.relationship_resumed",
                    entity_type="customer",
                    entity_id=customer.org_number,
                    payload={
                        "ended_on": customer.relationship_ended_on,
                        "accepted_on": accepted_on,
                    },
                )
                customer.relationship_ended_on = None
            lc.settle(s, customer, day, actor)
            s.flush()
            return AcceptanceResult(
                lc.acceptance_view(s, acceptance),
                lc.agreement_view(s, agreement),
                tuple(warnings),
            )

    def attach_scan(
        self,
        acceptance_id: int,
        *,
        path: Path | str | None = None,
        data: bytes | None = None,
        filename: str | None = None,
        actor: str = "owner",
    ) -> AcceptanceView:
        """Attach the signed scan to an acceptance recorded without one (a scan, once stored, never
        changes).
        """
        scan = read_scan(path, data, filename)
        if scan is None:
            raise UserError(_t(translate("AgreementService", "Choose the scan file to attach.")))
        with self._store.session() as s:
            acceptance = q.acceptance_by_id(s, acceptance_id)
            if q.scan_of(s, acceptance.id) is not None:
                raise UserError(
                    _t(
                        translate(
                            "AgreementService",
                            "This acceptance has its scan already; a stored scan never changes.",
                        )
                    )
                )
            lc.store_scan(s, acceptance, scan)
            customer = s.get(Customer, acceptance.customer_id)
            audit.append(
                s,
                actor=actor,
                action="acceptance.scan_attached",
                entity_type="customer",
                entity_id=customer.org_number if customer else acceptance.customer_id,
                payload={"acceptance_id": acceptance.id, "scan_sha256": scan[3]},
            )
            return lc.acceptance_view(s, acceptance)

    def scan(self, acceptance_id: int) -> ScanFile:
        """The stored scan of an acceptance, byte for byte.

        Raises:
            NotFoundError: no such acceptance, or it has no scan.
        """
        with self._store.read_session() as s:
            row = q.scan_of(s, acceptance_id)
            if row is None:
                raise NotFoundError(
                    _t(translate("AgreementService", "Acceptance %1 has no scan."), acceptance_id)
                )
            if hashlib.sha256(row.data).hexdigest() != row.sha256:
                raise UserError(
                    _t(
                        translate(
                            "AgreementService",
                            "The stored scan of acceptance %1 does not match its recorded hash.",
                        ),
                        acceptance_id,
                    )
                )
            return ScanFile(acceptance_id, row.filename, row.mime, bytes(row.data), row.sha256)

    def acceptances(self, org_number: str | None = None) -> list[AcceptanceView]:
        """The ledger (one customer's, or everyone's), newest first."""
        with self._store.read_session() as s:
            customer_id = customer_by_org_number(s, org_number).id if org_number else None
            return [view for view, _ in lc.acceptance_rows(s, customer_id=customer_id)]

    def acceptance_status(self, *, today: date | None = None) -> list[CustomerAcceptanceStatus]:
        """For every customer: the version last accepted, whether it is the one in effect, the
        agreement, §14 rows.
        """
        day = today or date.today()
        with self._store.read_session() as s:
            try:
                current = q.version_in_effect(s, day)
            except UserError:
                current = None
            accepted: dict[int, list[tuple[AcceptanceView, date]]] = {}
            for view, effective in lc.acceptance_rows(s):
                accepted.setdefault(view.customer_id, []).append((view, effective))
            agreements = q.agreement_states(s)
            notices: dict[int, list[ReacceptanceView]] = {}
            for notice in lc.notice_views(s, day):
                if notice.status != ReacceptanceStatus.ACCEPTED.value:
                    notices.setdefault(notice.customer_id, []).append(notice)
            out = []
            for customer_id, org, name, status in q.customer_choices(s):
                rows = accepted.get(customer_id, [])
                # The newest version accepted; on a tie the latest acceptance of it.
                latest = (
                    max(rows, key=lambda r: (r[1], r[0].accepted_on, r[0].id))[0] if rows else None
                )
                up_to_date = current is not None and any(
                    view.terms_label == current.label
                    or effective >= (current.effective_date or date.max)
                    for view, effective in rows
                )
                agreement = agreements.get(customer_id)
                out.append(
                    CustomerAcceptanceStatus(
                        customer_id=customer_id,
                        org_number=org,
                        name=name,
                        customer_status=status,
                        latest=latest,
                        current_label=current.label if current else None,
                        up_to_date=up_to_date,
                        agreement_document_id=agreement[0] if agreement else None,
                        agreement_state=agreement[1] if agreement else None,
                        pending=tuple(notices.get(customer_id, ())),
                    )
                )
            return out

    def erase_signer_name(self, person_id: int, *, actor: str = "owner") -> int:
        """Blank the name snapshot of an erased person on the acceptances they signed; returns how
        many.

        The acceptance itself (date, method, version, person id, scan) stays: it is evidence of the
        agreement. ``PeopleService.erase`` blanks the snapshot itself, in its own transaction.
        """
        with self._store.session() as s:
            ids = blank_signer_names(s, person_id)  # the one signer-name erasure (store/queries)
            if ids:
                audit.append(
                    s,
                    actor=actor,
                    action="acceptance.signer_name_erased",
                    entity_type="person",
                    entity_id=person_id,
                    payload={"acceptances": ids},
                )
            return len(ids)

    def imported_pages(self, source_sha256: str) -> dict[int, tuple[str, int | None]]:
        """Pages of a scan file filed before: page → (document id, acceptance id)."""
        with self._store.read_session() as s:
            return {
                page: (row.document_id, row.acceptance_id)
                for page, row in q.imported_pages(s, source_sha256).items()
            }
