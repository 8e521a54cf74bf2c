"""Agreements and the acceptance ledger: who accepted which terms version, when, how, signed by whom; §14 cycle.

* An *acceptance* records that a customer accepted a published version: the date, the method
  (paper signature scanned back, online acceptance, e-mail), the person who signed (their name
  is kept as it was then), a warning when the registry data does not make that person a
  signatory, and the signed scan (PDF or image) stored inside the encrypted store.
* An *agreement* is one document for a customer on a version (``CD-2027-000123``), moving
  draft → sent → signed → active → terminated by the domain's `transition`. Recording an
  acceptance signs the customer's open agreement on that version (or makes one); the newest
  signed version in effect becomes the one active agreement, the one before it ends as
  ``superseded``.
* The §14 cycle: publishing a version lists every active customer (see ``TermsService.publish``);
  here the owner marks them notified, acceptances tick them off, and overdue customers are
  *proposed* as considered terminated. Nothing ends until `confirm_terminations` is called
  with the owner's explicit choice.

Every change is audited in the same transaction.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from contractdesk.domain.customers import BLOCKED_STATUSES
from contractdesk.domain.orgnr import InvalidOrgNumber, format_org_number, parse_org_number
from contractdesk.domain.people import fold, full_name
from contractdesk.domain.terms.agreement import (
    AgreementState,
    InvalidTransitionError,
    transition,
)
from contractdesk.domain.terms.reacceptance import (
    CustomerAcceptance,
    ReacceptanceStatus,
    reacceptance_row,
)
from contractdesk.i18n import fill, format_day, render_stored, stored_message, translate
from contractdesk.services.errors import NotFoundError, UserError
from contractdesk.services.validation import clean_text, normalise_email
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import (
    Acceptance,
    AcceptanceScan,
    Agreement,
    Customer,
    Person,
    ReacceptanceNotice,
    TermsVersion,
)
from contractdesk.store.queries.people import blank_signer_names
from contractdesk.store.types import utcnow

__all__ = [
    "MAX_SCAN_BYTES",
    "METHODS",
    "AcceptanceResult",
    "AcceptanceView",
    "AgreementService",
    "AgreementView",
    "CustomerAcceptanceStatus",
    "ReacceptanceView",
    "ScanFile",
    "SignatoryCheck",
    "TerminationProposalView",
    "check_signatory",
    "sniff_scan_type",
]

METHODS = ("paper", "online", "email")
MAX_SCAN_BYTES = 50 * 1024 * 1024
DOCUMENT_ID_RE = re.compile(r"^CD-(\d{4})-(\d{6})$")

# Registry role codes whose holder may sign alone (the general manager has a signatory's rights, §8.1.1),
# and those who sign only together with others (the board jointly, joint signature/procuration).
SOLE_SIGNER_CODES = frozenset(
    {"DAGL", "INNH", "SIHV", "POHV", "SIGN", "PROK", "DTSO", "DTPR", "KOMP", "BOBE"}
)
JOINT_SIGNER_CODES = frozenset({"SIFE", "POFE", "LEDE", "NEST", "MEDL"})


# -- values that cross threads (frozen) ------------------------------------------------------------


@dataclass(frozen=True)
class AgreementView:
    """An agreement as the ledger, the PDF and the CLI see it."""

    id: int
    document_id: str
    customer_id: int
    org_number: str
    customer_name: str
    terms_version_id: int
    terms_label: str
    terms_sha256: str | None
    state: str
    created_at: datetime
    sent_at: datetime | None
    sent_to: str | None
    signed_at: date | None
    signatory_person_id: int | None
    terminated_at: datetime | None
    ended_reason: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "document_id": self.document_id,
            "org_number": self.org_number,
            "customer_name": self.customer_name,
            "terms_label": self.terms_label,
            "terms_sha256": self.terms_sha256,
            "state": self.state,
            "created_at": self.created_at,
            "sent_at": self.sent_at,
            "sent_to": self.sent_to,
            "signed_at": self.signed_at,
            "signatory_person_id": self.signatory_person_id,
            "terminated_at": self.terminated_at,
            "ended_reason": self.ended_reason,
        }


@dataclass(frozen=True)
class AcceptanceView:
    """One line of the acceptance ledger."""

    id: int
    customer_id: int
    org_number: str
    customer_name: str
    terms_label: str
    terms_sha256: str | None
    accepted_on: date
    method: str
    signed_by_person_id: int | None
    signed_by_name: str
    warning: str | None
    note: str
    agreement_document_id: str | None
    recorded_at: datetime
    scan_filename: str | None = None
    scan_mime: str | None = None
    scan_size: int | None = None
    scan_sha256: str | None = None

    @property
    def has_scan(self) -> bool:
        return self.scan_sha256 is not None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "org_number": self.org_number,
            "customer_name": self.customer_name,
            "terms_label": self.terms_label,
            "terms_sha256": self.terms_sha256,
            "accepted_on": self.accepted_on,
            "method": self.method,
            "signed_by_person_id": self.signed_by_person_id,
            "signed_by": self.signed_by_name,
            "warning": self.warning,
            "note": self.note,
            "document_id": self.agreement_document_id,
            "recorded_at": self.recorded_at,
            "scan": None
            if not self.has_scan
            else {
                "filename": self.scan_filename,
                "mime": self.scan_mime,
                "size": self.scan_size,
                "sha256": self.scan_sha256,
            },
        }


@dataclass(frozen=True)
class AcceptanceResult:
    acceptance: AcceptanceView
    agreement: AgreementView
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class ScanFile:
    """A stored scan: the bytes as they were attached, with name, type and hash."""

    acceptance_id: int
    filename: str
    mime: str
    data: bytes
    sha256: str


@dataclass(frozen=True)
class ReacceptanceView:
    """One customer on the §14 list of a version (status ``terminated`` once the owner confirmed it)."""

    notice_id: int
    customer_id: int
    org_number: str
    customer_name: str
    terms_label: str
    effective_date: date
    last_notice_date: date
    notified_on: date | None
    notified_how: str
    acceptance_deadline: date | None
    accepted_on: date | None
    status: str
    notice_late: bool
    accepted_late: bool
    proposed_terminated_on: date | None
    terminated_confirmed_at: datetime | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "notice_id": self.notice_id,
            "org_number": self.org_number,
            "customer_name": self.customer_name,
            "terms_label": self.terms_label,
            "effective_date": self.effective_date,
            "last_notice_date": self.last_notice_date,
            "notified_on": self.notified_on,
            "notified_how": self.notified_how,
            "acceptance_deadline": self.acceptance_deadline,
            "accepted_on": self.accepted_on,
            "status": self.status,
            "notice_late": self.notice_late,
            "accepted_late": self.accepted_late,
            "proposed_terminated_on": self.proposed_terminated_on,
            "terminated_confirmed_at": self.terminated_confirmed_at,
        }


@dataclass(frozen=True)
class TerminationProposal:
    """An overdue customer proposed as considered terminated (§14), for the owner to confirm."""

    notice_id: int
    org_number: str
    customer_name: str
    terms_label: str
    notified_on: date
    acceptance_deadline: date
    considered_terminated_on: date
    reason: str
    confirmed_at: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "notice_id": self.notice_id,
            "org_number": self.org_number,
            "customer_name": self.customer_name,
            "terms_label": self.terms_label,
            "notified_on": self.notified_on,
            "acceptance_deadline": self.acceptance_deadline,
            "considered_terminated_on": self.considered_terminated_on,
            "reason": self.reason,
            "confirmed_at": self.confirmed_at,
        }


TerminationProposalView = TerminationProposal


@dataclass(frozen=True)
class CustomerAcceptanceStatus:
    """Where a customer stands: the version last accepted, whether it is the one in effect, pending §14 rows."""

    customer_id: int
    org_number: str
    name: str
    customer_status: str
    latest: AcceptanceView | None
    current_label: str | None
    up_to_date: bool
    agreement_document_id: str | None
    agreement_state: str | None
    pending: tuple[ReacceptanceView, ...]

    def as_dict(self) -> dict[str, Any]:
        """``acceptance status --json`` form (flat)."""
        latest = self.latest
        return {
            "org_number": self.org_number,
            "name": self.name,
            "customer_status": self.customer_status,
            "terms_label": latest.terms_label if latest else None,
            "accepted_on": latest.accepted_on if latest else None,
            "method": latest.method if latest else None,
            "signed_by": latest.signed_by_name if latest else None,
            "warning": latest.warning if latest else None,
            "has_scan": latest.has_scan if latest else False,
            "current_label": self.current_label,
            "up_to_date": self.up_to_date,
            "document_id": self.agreement_document_id,
            "agreement_state": self.agreement_state,
            "reacceptance": [
                {
                    "terms_label": p.terms_label,
                    "status": p.status,
                    "last_notice_date": p.last_notice_date,
                    "notified_on": p.notified_on,
                    "acceptance_deadline": p.acceptance_deadline,
                }
                for p in self.pending
            ],
        }


# -- signatories (pure) ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SignatoryCheck:
    """Whether the registry data makes a person a signatory: ``warning`` is None when it does."""

    signatory: bool
    warning: str | None
    roles: tuple[str, ...] = ()
    # the warning as a stored message (``i18n.stored_message``): kept in the ledger, translated
    # whenever it is shown
    warning_code: str | None = None


def _name_keys(name: str) -> set[str]:
    """The folded full name, and first + last only (a middle name may be missing on one side)."""
    words = fold(name).replace(",", " ").split()
    keys = {" ".join(words)} if words else set()
    if len(words) > 2:
        keys.add(f"{words[0]} {words[-1]}")
    return keys


def _entry_name(entry: Mapping[str, Any]) -> str:
    first = str(entry.get("first_name") or "").strip()
    last = str(entry.get("last_name") or "").strip()
    if first or last:
        return full_name(first, str(entry.get("middle_name") or "").strip(), last)
    return str(entry.get("name") or "")


def _sets(rule: Mapping[str, Any] | None) -> list[tuple[str, ...]]:
    groups = (rule or {}).get("signer_sets") if isinstance(rule, Mapping) else None
    return [tuple(str(n) for n in g) for g in (groups or []) if isinstance(g, (list, tuple))]


def check_signatory(
    name: str,
    registry_roles: Sequence[Mapping[str, Any]] | None,
    signing_rule: Mapping[str, Any] | None,
    *,
    procuration_rule: Mapping[str, Any] | None = None,
    signatories: Sequence[Mapping[str, Any]] | None = None,
    customer_name: str = "",
) -> SignatoryCheck:
    """Is ``name`` a signatory by the customer's registry data (roles, signing and procuration rules)?

    Names are compared folded (case, accents, spaces), with and without middle names. A person
    in a one-name signer set, a signatory who ``may_sign_alone``, or the holder of a role that
    signs alone (general manager, owner, signature, procuration …) is a signatory. One who
    appears only in joint sets or joint roles (the board, joint signature) gets a warning that
    others must sign too; anyone else gets a warning too.
    """
    keys = _name_keys(name)
    who = customer_name or translate("AgreementService", "the customer")
    roles = [r for r in (registry_roles or []) if isinstance(r, Mapping)]
    sets = _sets(signing_rule) + _sets(procuration_rule)
    listed = [x for x in (signatories or []) if isinstance(x, Mapping)]
    if not roles and not sets and not listed:
        return _warned(
            (
                "AgreementService",
                QT_TRANSLATE_NOOP(
                    "AgreementService",
                    "No registry data on who may sign for %1: check the signing authority "
                    "by hand (fetch the customer from the registry).",
                ),
                (who,),
            ),
        )
    held: list[str] = []
    sole = False
    joint = False
    for entry in roles:
        if (
            entry.get("deceased")
            or entry.get("deregistered")
            or str(entry.get("holder_kind") or "person") != "person"
        ):
            continue
        if not keys & _name_keys(_entry_name(entry)):
            continue
        code = str(entry.get("role_code") or "").upper()
        held.append(str(entry.get("role") or code))
        if code in SOLE_SIGNER_CODES:
            sole = True
        elif code in JOINT_SIGNER_CODES:
            joint = True
    for entry in listed:
        if keys & _name_keys(str(entry.get("name") or "")):
            if entry.get("may_sign_alone"):
                sole = True
            else:
                joint = True
    partners: list[str] = []
    for group in sets:
        if any(keys & _name_keys(member) for member in group):
            if len(group) == 1:
                sole = True
            else:
                joint = True
                partners += [m for m in group if not keys & _name_keys(m)]
    if sole:
        return SignatoryCheck(True, None, tuple(held))
    rule = str((signing_rule or {}).get("text") or "").strip()
    if joint:
        others = ", ".join(dict.fromkeys(partners))
        parts: list[tuple[str, str, tuple[object, ...]] | str] = [
            (
                "AgreementService",
                QT_TRANSLATE_NOOP(
                    "AgreementService",
                    "%1 may sign for %2 only together with others by the registry data",
                ),
                (name, who),
            )
        ]
        if others:
            parts.append(
                (
                    "AgreementService",
                    QT_TRANSLATE_NOOP("AgreementService", " (with %1)"),
                    (others,),
                )
            )
    else:
        parts = [
            (
                "AgreementService",
                QT_TRANSLATE_NOOP(
                    "AgreementService", "%1 is not a signatory of %2 by the registry data"
                ),
                (name, who),
            )
        ]
    if rule:
        parts.append(
            (
                "AgreementService",
                QT_TRANSLATE_NOOP("AgreementService", "; signing rule: %1"),
                (rule,),
            )
        )
    if not rule.endswith((".", "!", "?")) or not rule:
        parts.append(".")
    return _warned(*parts, roles=tuple(held))


def _warned(
    *parts: tuple[str, str, tuple[object, ...]] | str, roles: tuple[str, ...] = ()
) -> SignatoryCheck:
    """A failed check whose warning is kept as a stored message (translated when shown)."""
    code = stored_message(*parts)
    return SignatoryCheck(False, render_stored(code), roles, warning_code=code)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for lupdate; it is translated when the stored message is shown."""
    return text


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def sniff_scan_type(data: bytes) -> str | None:
    """The MIME type of a scan by its first bytes: PDF, PNG, JPEG, TIFF, GIF or WebP; None otherwise."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if len(data) >= 12 and data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _clean_filename(name: str) -> str:
    base = Path(name or "").name
    text = unicodedata.normalize(
        "NFC", "".join(ch for ch in base if unicodedata.category(ch) != "Cc")
    ).strip()
    return (text or "scan")[-255:]


# -- the service -----------------------------------------------------------------------------------


class AgreementService:
    """Acceptance ledger, agreement states and the §14 re-acceptance cycle."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __repr__(self) -> str:
        return f"AgreementService({self._store!r})"

    # -- agreements ----------------------------------------------------------------------------------

    def create_agreement(
        self,
        org_number: str,
        terms_label: str | None = None,
        *,
        actor: str = "owner",
        today: date | None = None,
    ) -> AgreementView:
        """A draft agreement for a customer on a published version (default: the one in effect today).

        Raises:
            UserError: unknown or deleted customer, a draft version, or no published version.
        """
        day = today or date.today()
        with self._store.session() as s:
            customer = self._customer(s, org_number)
            if customer.status in ("deleted", "removed"):
                raise UserError(
                    fill(
                        translate(
                            "AgreementService",
                            "%1 is deleted in the registry: no new agreement can be issued.",
                        ),
                        customer.name,
                    )
                )
            version = self._published(s, terms_label) if terms_label else self._in_effect(s, day)
            agreement = self._new_agreement(s, customer, version, actor)
            return self._agreement_view(s, agreement)

    def get_agreement(self, ref: int | str) -> AgreementView:
        """An agreement by id or document id (``CD-2027-000123``)."""
        with self._store.read_session() as s:
            return self._agreement_view(s, self._agreement(s, ref))

    def agreements(self, org_number: str | None = None) -> list[AgreementView]:
        with self._store.read_session() as s:
            q = select(Agreement).order_by(Agreement.id)
            if org_number:
                q = q.where(Agreement.customer_id == self._customer(s, org_number).id)
            return [self._agreement_view(s, a) for a in s.execute(q).scalars()]

    def mark_sent(self, ref: int | str, sent_to: str, *, actor: str = "owner") -> AgreementView:
        """The agreement went to the customer (``sent_to``: an e-mail address, or e.g. "post")."""
        recipient = sent_to.strip()
        if "@" in recipient:
            recipient = normalise_email(recipient, field=translate("AgreementService", "Sent to"))
        recipient = clean_text(
            recipient, field=translate("AgreementService", "Sent to"), required=True, max_len=320
        )
        with self._store.session() as s:
            agreement = self._agreement(s, ref)
            self._move(s, agreement, AgreementState.SENT, actor, extra={"sent_to": recipient})
            agreement.sent_at = utcnow()
            agreement.sent_to = recipient
            return self._agreement_view(s, agreement)

    def set_state(
        self, ref: int | str, target: str, *, reason: str = "", actor: str = "owner"
    ) -> AgreementView:
        """Move an agreement (draft ↔ sent, signed → active, → terminated) by the allowed transitions.

        ``signed`` comes only from recording an acceptance (`record_acceptance`), so the ledger always
        says who signed.
        """
        try:
            state = AgreementState(str(target).strip().lower())
        except ValueError:
            raise UserError(
                fill(translate("AgreementService", "Unknown agreement state %1."), repr(target))
            ) from None
        if state is AgreementState.SIGNED:
            raise UserError(
                fill(
                    translate(
                        "AgreementService",
                        "An agreement is signed by recording the customer's acceptance.",
                    )
                )
            )
        with self._store.session() as s:
            agreement = self._agreement(s, ref)
            if state is AgreementState.ACTIVE:
                others = s.execute(
                    select(Agreement).where(
                        Agreement.customer_id == agreement.customer_id,
                        Agreement.state == "active",
                        Agreement.id != agreement.id,
                    )
                ).scalars()
                for other in others:
                    self._move(s, other, AgreementState.TERMINATED, actor, reason="superseded")
            self._move(
                s,
                agreement,
                state,
                actor,
                reason=reason or ("terminated" if state is AgreementState.TERMINATED else ""),
            )
            return self._agreement_view(s, agreement)

    def document_agreements(
        self, org_numbers: Iterable[str], terms_label: str, *, actor: str = "owner"
    ) -> dict[str, tuple[AgreementView, bool]]:
        """For each customer, the agreement a document on this version is made for, in one transaction.

        An open one (draft or sent, the newest) first, else a signed or active one (a copy), else a
        new draft; the flag says whether it was made now. Customers that are deleted or removed are
        left out (no new agreement; the caller tells why). Used by the agreement PDF and batches.

        Raises:
            UserError: an unknown customer, an unknown or draft version.
        """
        out: dict[str, tuple[AgreementView, bool]] = {}
        with self._store.session() as s:
            version = self._published(s, terms_label)
            customers = self._customers(s, org_numbers)
            found: dict[int, list[Agreement]] = {}
            ids = [c.id for c in customers]
            for start in range(0, len(ids), 500):
                for a in s.execute(
                    select(Agreement)
                    .where(
                        Agreement.terms_version_id == version.id,
                        Agreement.customer_id.in_(ids[start : start + 500]),
                    )
                    .order_by(Agreement.id)
                ).scalars():
                    found.setdefault(a.customer_id, []).append(a)
            for customer in customers:
                rows = found.get(customer.id, [])
                chosen = next(
                    (
                        a
                        for states in (("draft", "sent"), ("signed", "active"))
                        for a in reversed(rows)
                        if a.state in states
                    ),
                    None,
                )
                made = chosen is None
                if chosen is None:
                    if customer.status in ("deleted", "removed"):
                        continue
                    chosen = self._new_agreement(s, customer, version, actor)
                out[customer.org_number] = (self._agreement_view(s, chosen), made)
        return out

    def delete_draft_agreement(self, ref: int | str, *, actor: str = "owner") -> None:
        with self._store.session() as s:
            agreement = self._agreement(s, ref)
            if agreement.state != AgreementState.DRAFT.value:
                raise UserError(
                    fill(
                        translate(
                            "AgreementService", "Only a draft agreement can be deleted; %1 is %2."
                        ),
                        agreement.document_id,
                        agreement.state,
                    )
                )
            s.delete(agreement)
            audit.append(
                s,
                actor=actor,
                action="agreement.deleted",
                entity_type="agreement",
                entity_id=agreement.document_id,
                payload={},
            )

    def activate_due(self, *, today: date | None = None, actor: str = "owner") -> int:
        """Make signed agreements whose version has taken effect active (the older one ends as superseded).

        Returns how many agreements changed state.
        """
        day = today or date.today()
        changed = 0
        with self._store.session() as s:
            ids = s.execute(
                select(Agreement.customer_id).where(Agreement.state == "signed").distinct()
            ).scalars()
            for customer_id in list(ids):
                customer = s.get(Customer, customer_id)
                if customer is not None:
                    changed += self._settle(s, customer, day, actor)
        return changed

    # -- acceptances --------------------------------------------------------------------------------------

    def signatory_check(self, org_number: str, person_id: int) -> SignatoryCheck:
        """Whether the registry data makes this person a signatory of the customer (for forms and the PDF)."""
        with self._store.read_session() as s:
            customer = self._customer(s, org_number)
            person = self._person(s, person_id)
            return self._check(customer, self._person_name(person))

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
    ) -> AcceptanceResult:
        """Record that a customer accepted a published version, with the signer and (optionally) the scan.

        The signer is checked against the customer's registry roles and signing rule: a person who
        is not a signatory by that data is recorded with a warning (never refused: the owner decides).
        The customer's open agreement on that version (or ``agreement_ref``) becomes signed, or a
        new one is made; the newest signed version in effect becomes the active agreement.

        Raises:
            UserError: unknown customer/person/version, a draft version, an erased person, a date in
                the future, an unknown method, or a scan that is not a PDF or image.
        """
        day = today or date.today()
        chosen = (method or "").strip().lower()
        if chosen not in METHODS:
            raise UserError(
                fill(
                    translate("AgreementService", "Method must be paper, online or email, not %1."),
                    repr(method),
                ),
                field="method",
            )
        if accepted_on > day:
            raise UserError(
                fill(
                    translate("AgreementService", "The acceptance date %1 is in the future."),
                    format_day(accepted_on),
                ),
                field="date",
            )
        clean_note = clean_text(note, field=translate("AgreementService", "Note"), max_len=2000)
        scan = self._read_scan(scan_path, scan_bytes, scan_filename)
        with self._store.session() as s:
            customer = self._customer(s, org_number)
            version = self._published(s, terms_label)
            person = self._person(s, signed_by_person_id)
            if person.erased_at is not None:
                raise UserError(
                    fill(
                        translate(
                            "AgreementService",
                            "Person %1 has been erased and cannot be recorded as a signer.",
                        ),
                        person.id,
                    )
                )
            name = self._person_name(person)
            check = self._check(customer, name)
            warnings = [check.warning] if check.warning else []
            if customer.status in BLOCKED_STATUSES:
                warnings.append(
                    fill(
                        translate("AgreementService", "%1 has registry status %2."),
                        customer.name,
                        customer.status,
                    )
                )
            if chosen == "paper" and scan is None:
                warnings.append(
                    fill(
                        translate(
                            "AgreementService",
                            "A paper signature without its scan: attach the signed scan when it arrives.",
                        )
                    )
                )
            agreement, signs = self._agreement_for(s, customer, version, agreement_ref, actor)
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
                self._store_scan(s, acceptance, scan)
            if signs:
                self._move(
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
            self._tick_notices(s, customer, version, acceptance)
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
            self._settle(s, customer, day, actor)
            s.flush()
            return AcceptanceResult(
                self._acceptance_view(s, acceptance),
                self._agreement_view(s, agreement),
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
        """Attach the signed scan to an acceptance recorded without one (a scan, once stored, never changes)."""
        scan = self._read_scan(path, data, filename)
        if scan is None:
            raise UserError(fill(translate("AgreementService", "Choose the scan file to attach.")))
        with self._store.session() as s:
            acceptance = self._acceptance(s, acceptance_id)
            if s.execute(
                select(AcceptanceScan.id).where(AcceptanceScan.acceptance_id == acceptance.id)
            ).scalar():
                raise UserError(
                    fill(
                        translate(
                            "AgreementService",
                            "This acceptance has its scan already; a stored scan never changes.",
                        )
                    )
                )
            self._store_scan(s, acceptance, scan)
            customer = s.get(Customer, acceptance.customer_id)
            audit.append(
                s,
                actor=actor,
                action="acceptance.scan_attached",
                entity_type="customer",
                entity_id=customer.org_number if customer else acceptance.customer_id,
                payload={"acceptance_id": acceptance.id, "scan_sha256": scan[3]},
            )
            return self._acceptance_view(s, acceptance)

    def scan(self, acceptance_id: int) -> ScanFile:
        """The stored scan of an acceptance, byte for byte.

        Raises:
            NotFoundError: no such acceptance, or it has no scan.
        """
        with self._store.read_session() as s:
            row = s.execute(
                select(AcceptanceScan).where(AcceptanceScan.acceptance_id == acceptance_id)
            ).scalar()
            if row is None:
                raise NotFoundError(
                    fill(translate("AgreementService", "Acceptance %1 has no scan."), acceptance_id)
                )
            if hashlib.sha256(row.data).hexdigest() != row.sha256:
                raise UserError(
                    fill(
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
            where = (
                [Acceptance.customer_id == self._customer(s, org_number).id] if org_number else []
            )
            return [view for view, _ in self._acceptance_rows(s, *where)]

    def acceptance_status(self, *, today: date | None = None) -> list[CustomerAcceptanceStatus]:
        """For every customer: the version last accepted, whether it is the one in effect, the agreement, §14 rows."""
        day = today or date.today()
        with self._store.read_session() as s:
            try:
                current = self._in_effect(s, day)
            except UserError:
                current = None
            accepted: dict[int, list[tuple[AcceptanceView, date]]] = {}
            for view, effective in self._acceptance_rows(s):
                accepted.setdefault(view.customer_id, []).append((view, effective))
            agreements: dict[int, tuple[str, str]] = {}
            for customer_id, document_id, state in s.execute(
                select(Agreement.customer_id, Agreement.document_id, Agreement.state).order_by(
                    (Agreement.state == "active").asc(), Agreement.id.asc()
                )
            ).all():
                agreements[customer_id] = (
                    document_id,
                    state,
                )  # the last wins: active, else the newest
            notices: dict[int, list[ReacceptanceView]] = {}
            for notice in self._notice_views(s, day):
                if notice.status != ReacceptanceStatus.ACCEPTED.value:
                    notices.setdefault(notice.customer_id, []).append(notice)
            out = []
            for customer_id, org, name, status in s.execute(
                select(Customer.id, Customer.org_number, Customer.name, Customer.status).order_by(
                    Customer.name, Customer.org_number
                )
            ).all():
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
        """Blank the name snapshot of an erased person on the acceptances they signed; returns how many.

        The acceptance itself (date, method, version, person id, scan) stays: it is evidence of the
        agreement. ``PeopleService.erase`` blanks the snapshot itself, in its own transaction.
        """
        with self._store.session() as s:
            ids = blank_signer_names(s, person_id)
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

    def customer_choices(self) -> list[tuple[str, str, str]]:
        """(org number, name, registry status) of every customer, by name (for pickers)."""
        with self._store.read_session() as s:
            rows = s.execute(
                select(Customer.org_number, Customer.name, Customer.status).order_by(
                    Customer.name, Customer.org_number
                )
            ).all()
            return [(r[0], r[1], r[2]) for r in rows]

    # -- §14 re-acceptance ------------------------------------------------------------------------------

    def reacceptance_versions(self) -> list[str]:
        """Labels of the published versions that have a re-acceptance list, newest first."""
        with self._store.read_session() as s:
            q = (
                select(TermsVersion.label)
                .join(ReacceptanceNotice, ReacceptanceNotice.terms_version_id == TermsVersion.id)
                .distinct()
                .order_by(TermsVersion.effective_date.desc())
            )
            return list(s.execute(q).scalars())

    def reacceptance_list(
        self, terms_label: str | None = None, *, today: date | None = None
    ) -> list[ReacceptanceView]:
        """The §14 list of one version (default: every version with a list), by customer name."""
        day = today or date.today()
        with self._store.read_session() as s:
            version_id = self._published(s, terms_label).id if terms_label else None
            return self._notice_views(s, day, version_id=version_id)

    def mark_notified(
        self,
        terms_label: str,
        org_numbers: Iterable[str],
        notified_on: date,
        *,
        how: str = "",
        actor: str = "owner",
        today: date | None = None,
    ) -> int:
        """Record that these customers were told of the new version on ``notified_on`` (§14).

        Returns how many rows changed. A later date than a recorded one does not move the deadline
        back: the first notice counts, so a second call changes nothing for that customer.
        """
        day = today or date.today()
        if notified_on > day:
            raise UserError(
                fill(
                    translate("AgreementService", "The notice date %1 is in the future."),
                    format_day(notified_on),
                ),
                field="date",
            )
        method = clean_text(how, field=translate("AgreementService", "How"), max_len=200)
        changed = 0
        with self._store.session() as s:
            version = self._published(s, terms_label)
            customers = self._customers(s, org_numbers)
            notices = {
                n.customer_id: n
                for n in s.execute(
                    select(ReacceptanceNotice).where(
                        ReacceptanceNotice.terms_version_id == version.id
                    )
                ).scalars()
            }
            for customer in customers:
                notice = notices.get(customer.id)
                if notice is None:
                    raise UserError(
                        fill(
                            translate(
                                "AgreementService", "%1 is not on the re-acceptance list of %2."
                            ),
                            customer.name,
                            version.label,
                        )
                    )
                if notice.terminated_confirmed_at is not None or notice.notified_on is not None:
                    continue
                notice.notified_on = notified_on
                notice.notified_how = method
                changed += 1
                audit.append(
                    s,
                    actor=actor,
                    action="reacceptance.notified",
                    entity_type="customer",
                    entity_id=customer.org_number,
                    payload={
                        "terms_label": version.label,
                        "notified_on": notified_on,
                        "how": method,
                    },
                )
        return changed

    def termination_proposals(
        self, *, today: date | None = None, actor: str = "owner"
    ) -> list[TerminationProposal]:
        """Overdue customers proposed as considered terminated (§14), for the owner to confirm one by one.

        The first time a customer is proposed, the day it would count as terminated (the day after the
        acceptance deadline) is stamped on its row and audited; nothing is terminated here.
        """
        day = today or date.today()
        out = []
        with self._store.session() as s:
            for view in self._notice_views(s, day):
                if (
                    view.status != ReacceptanceStatus.OVERDUE.value
                    or view.acceptance_deadline is None
                ):
                    continue
                notice = s.get(ReacceptanceNotice, view.notice_id)
                assert notice is not None
                considered = view.acceptance_deadline + timedelta(days=1)
                if notice.proposed_terminated_on is None:
                    notice.proposed_terminated_on = considered
                    audit.append(
                        s,
                        actor=actor,
                        action="reacceptance.termination_proposed",
                        entity_type="customer",
                        entity_id=view.org_number,
                        payload={
                            "terms_label": view.terms_label,
                            "acceptance_deadline": view.acceptance_deadline,
                            "considered_terminated_on": considered,
                        },
                    )
                out.append(self._proposal(view, notice.proposed_terminated_on or considered))
        return out

    def confirm_terminations(
        self, notice_ids: Iterable[int], *, actor: str = "owner", today: date | None = None
    ) -> list[TerminationProposal]:
        """The owner confirms: these overdue customers' agreements are considered terminated (§14).

        All or nothing: every id must still be overdue and unconfirmed. Each customer's open
        agreements end (reason ``not_reaccepted``) and the customer relationship ends on the day after
        the acceptance deadline.

        Raises:
            UserError: an id is unknown, not overdue (e.g. accepted meanwhile), or confirmed already.
        """
        day = today or date.today()
        ids = list(dict.fromkeys(int(i) for i in notice_ids))
        if not ids:
            raise UserError(
                fill(
                    translate(
                        "AgreementService", "Choose the customers whose termination you confirm."
                    )
                )
            )
        out = []
        with self._store.session() as s:
            views = {v.notice_id: v for v in self._notice_views(s, day)}
            for notice_id in ids:
                view = views.get(notice_id)
                if view is None:
                    raise NotFoundError(
                        fill(translate("AgreementService", "No re-acceptance row %1."), notice_id)
                    )
                if view.status == "terminated":
                    raise UserError(
                        fill(
                            translate(
                                "AgreementService", "The termination of %1 was confirmed already."
                            ),
                            view.customer_name,
                        )
                    )
                if (
                    view.status != ReacceptanceStatus.OVERDUE.value
                    or view.acceptance_deadline is None
                ):
                    raise UserError(
                        fill(
                            translate(
                                "AgreementService",
                                "%1 is not overdue (status: %2); nothing was terminated.",
                            ),
                            view.customer_name,
                            view.status,
                        )
                    )
            now = utcnow()
            for notice_id in ids:
                view = views[notice_id]
                assert view.acceptance_deadline is not None
                notice = s.get(ReacceptanceNotice, notice_id)
                customer = s.get(Customer, view.customer_id)
                assert notice is not None and customer is not None
                considered = notice.proposed_terminated_on or view.acceptance_deadline + timedelta(
                    days=1
                )
                notice.proposed_terminated_on = considered
                notice.terminated_confirmed_at = now
                ended = []
                for agreement in s.execute(
                    select(Agreement).where(
                        Agreement.customer_id == customer.id,
                        Agreement.state.in_(("sent", "signed", "active")),
                    )
                ).scalars():
                    self._move(
                        s, agreement, AgreementState.TERMINATED, actor, reason="not_reaccepted"
                    )
                    ended.append(agreement.document_id)
                if customer.relationship_ended_on is None:
                    customer.relationship_ended_on = considered
                audit.append(
                    s,
                    actor=actor,
                    action="reacceptance.termination_confirmed",
                    entity_type="customer",
                    entity_id=customer.org_number,
                    payload={
                        "terms_label": view.terms_label,
                        "considered_terminated_on": considered,
                        "agreements_ended": ended,
                    },
                )
                out.append(self._proposal(view, considered, confirmed_at=now))
        return out

    # -- internals: look-ups -----------------------------------------------------------------------------

    @staticmethod
    def _customer(s: Session, org_number: str) -> Customer:
        try:
            org = parse_org_number(org_number)
        except InvalidOrgNumber as exc:
            raise UserError(str(exc), field="org_number") from None
        customer = s.execute(select(Customer).where(Customer.org_number == org)).scalar()
        if customer is None:
            raise NotFoundError(
                fill(
                    translate("AgreementService", "No customer with org number %1."),
                    format_org_number(org),
                ),
                field="org_number",
            )
        return customer

    @staticmethod
    def _customers(s: Session, org_numbers: Iterable[str]) -> list[Customer]:
        """Several customers by org number in few queries, in the order given (each once)."""
        wanted: list[str] = []
        for text in org_numbers:
            try:
                wanted.append(parse_org_number(text))
            except InvalidOrgNumber as exc:
                raise UserError(str(exc), field="org_number") from None
        wanted = list(dict.fromkeys(wanted))
        found: dict[str, Customer] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found.update(
                (c.org_number, c)
                for c in s.execute(select(Customer).where(Customer.org_number.in_(chunk))).scalars()
            )
        for org in wanted:
            if org not in found:
                raise NotFoundError(
                    fill(
                        translate("AgreementService", "No customer with org number %1."),
                        format_org_number(org),
                    ),
                    field="org_number",
                )
        return [found[org] for org in wanted]

    @staticmethod
    def _person(s: Session, person_id: int) -> Person:
        person = s.get(Person, int(person_id))
        if person is None:
            raise NotFoundError(
                fill(translate("AgreementService", "No person with id %1."), person_id),
                field="signed_by",
            )
        return person

    @staticmethod
    def _check(customer: Customer, name: str) -> SignatoryCheck:
        data = customer.registry_data if isinstance(customer.registry_data, Mapping) else {}
        procuration = data.get("procuration_rule")
        listed = data.get("signatories")
        return check_signatory(
            name,
            customer.registry_roles,
            customer.signing_rule,
            procuration_rule=procuration if isinstance(procuration, Mapping) else None,
            signatories=listed if isinstance(listed, list) else None,
            customer_name=customer.name,
        )

    @staticmethod
    def _person_name(person: Person) -> str:
        return full_name(person.first_name, person.middle_name, person.last_name)

    @staticmethod
    def _published(s: Session, label: str | None) -> TermsVersion:
        v = s.execute(
            select(TermsVersion).where(TermsVersion.label == (label or "").strip())
        ).scalar()
        if v is None:
            raise NotFoundError(
                fill(translate("AgreementService", "No terms version %1."), repr(label)),
                field="terms",
            )
        if v.state != "published":
            raise UserError(
                fill(
                    translate("AgreementService", "Terms version %1 is a draft: publish it first."),
                    repr(v.label),
                ),
                field="terms",
            )
        return v

    @staticmethod
    def _in_effect(s: Session, day: date) -> TermsVersion:
        v = s.execute(
            select(TermsVersion)
            .where(TermsVersion.state == "published", TermsVersion.effective_date <= day)
            .order_by(TermsVersion.effective_date.desc())
            .limit(1)
        ).scalar()
        if v is None:
            raise UserError(
                fill(
                    translate("AgreementService", "No published terms version is in effect on %1."),
                    format_day(day),
                )
            )
        return v

    @staticmethod
    def _agreement(s: Session, ref: int | str) -> Agreement:
        text = str(ref).strip()
        if DOCUMENT_ID_RE.match(text.upper()):
            agreement = s.execute(
                select(Agreement).where(Agreement.document_id == text.upper())
            ).scalar()
        elif text.isdigit():
            agreement = s.get(Agreement, int(text))
        else:
            agreement = None
        if agreement is None:
            raise NotFoundError(fill(translate("AgreementService", "No agreement %1."), text))
        return agreement

    @staticmethod
    def _acceptance(s: Session, acceptance_id: int) -> Acceptance:
        acceptance = s.get(Acceptance, int(acceptance_id))
        if acceptance is None:
            raise NotFoundError(
                fill(translate("AgreementService", "No acceptance %1."), acceptance_id)
            )
        return acceptance

    # -- internals: agreements -----------------------------------------------------------------------------

    @staticmethod
    def _next_document_id(s: Session, year: int) -> str:
        prefix = f"CD-{year:04d}-"
        last = s.execute(
            select(Agreement.document_id)
            .where(Agreement.document_id.like(f"{prefix}%"))
            .order_by(Agreement.document_id.desc())
            .limit(1)
        ).scalar()
        number = int(last[len(prefix) :]) + 1 if last else 1
        return f"{prefix}{number:06d}"

    def _new_agreement(
        self, s: Session, customer: Customer, version: TermsVersion, actor: str
    ) -> Agreement:
        now = utcnow()
        agreement = Agreement(
            document_id=self._next_document_id(s, now.year),
            customer_id=customer.id,
            terms_version_id=version.id,
            state=AgreementState.DRAFT.value,
            created_at=now,
            updated_at=now,
        )
        s.add(agreement)
        s.flush()
        audit.append(
            s,
            actor=actor,
            action="agreement.created",
            entity_type="agreement",
            entity_id=agreement.document_id,
            payload={"org_number": customer.org_number, "terms_label": version.label},
        )
        return agreement

    def _agreement_for(
        self,
        s: Session,
        customer: Customer,
        version: TermsVersion,
        ref: int | str | None,
        actor: str,
    ) -> tuple[Agreement, bool]:
        """The agreement an acceptance belongs to, and whether the acceptance signs it.

        A further acceptance of a version already signed (e.g. the second of two joint signers)
        joins that agreement without changing its state.
        """
        if ref is not None:
            agreement = self._agreement(s, ref)
            if agreement.customer_id != customer.id or agreement.terms_version_id != version.id:
                raise UserError(
                    fill(
                        translate(
                            "AgreementService",
                            "Agreement %1 is not for this customer and terms version.",
                        ),
                        agreement.document_id,
                    )
                )
            if agreement.state in (AgreementState.DRAFT.value, AgreementState.SENT.value):
                return agreement, True
            if agreement.state in (AgreementState.SIGNED.value, AgreementState.ACTIVE.value):
                return agreement, False
            raise UserError(
                fill(
                    translate("AgreementService", "Agreement %1 is %2 already."),
                    agreement.document_id,
                    agreement.state,
                )
            )
        signed = s.execute(
            select(Agreement)
            .where(
                Agreement.customer_id == customer.id,
                Agreement.terms_version_id == version.id,
                Agreement.state.in_((AgreementState.SIGNED.value, AgreementState.ACTIVE.value)),
            )
            .order_by(Agreement.id.desc())
            .limit(1)
        ).scalar()
        if signed is not None:
            return signed, False
        open_one = s.execute(
            select(Agreement)
            .where(
                Agreement.customer_id == customer.id,
                Agreement.terms_version_id == version.id,
                Agreement.state.in_((AgreementState.DRAFT.value, AgreementState.SENT.value)),
            )
            .order_by(Agreement.id.desc())
            .limit(1)
        ).scalar()
        return (open_one or self._new_agreement(s, customer, version, actor)), True

    @staticmethod
    def _move(
        s: Session,
        agreement: Agreement,
        target: AgreementState,
        actor: str,
        *,
        reason: str = "",
        extra: dict[str, Any] | None = None,
    ) -> None:
        try:
            state = transition(agreement.state, target)
        except InvalidTransitionError as exc:
            raise UserError(
                fill(translate("AgreementService", "Agreement %1: %2"), agreement.document_id, exc)
            ) from None
        old = agreement.state
        agreement.state = state.value
        agreement.updated_at = utcnow()
        if state is AgreementState.TERMINATED:
            agreement.terminated_at = agreement.updated_at
            agreement.ended_reason = reason or "terminated"
        if state is AgreementState.DRAFT:
            agreement.sent_at = None
            agreement.sent_to = None
        s.flush()
        payload: dict[str, Any] = {"from": old, "to": state.value}
        if reason:
            payload["reason"] = reason
        payload.update(extra or {})
        audit.append(
            s,
            actor=actor,
            action="agreement.state_changed",
            entity_type="agreement",
            entity_id=agreement.document_id,
            payload=payload,
        )

    def _settle(self, s: Session, customer: Customer, day: date, actor: str) -> int:
        """The newest signed-or-active agreement whose version is in effect becomes the active one; older
        signed/active agreements end as superseded; signed ones for versions not yet in effect wait."""
        rows = list(
            s.execute(
                select(Agreement, TermsVersion)
                .join(TermsVersion, TermsVersion.id == Agreement.terms_version_id)
                .where(
                    Agreement.customer_id == customer.id, Agreement.state.in_(("signed", "active"))
                )
            ).all()
        )
        in_effect = [
            (a, v) for a, v in rows if v.effective_date is not None and v.effective_date <= day
        ]
        if not in_effect:
            return 0
        winner, winner_version = max(
            in_effect, key=lambda r: (r[1].effective_date, r[0].signed_at or date.min, r[0].id)
        )
        changed = 0
        for agreement, version in rows:
            if agreement.id == winner.id:
                continue
            if (
                version.effective_date is not None
                and version.effective_date > winner_version.effective_date
            ):
                continue  # signed for a later version: becomes active when that takes effect
            self._move(
                s,
                agreement,
                AgreementState.TERMINATED,
                actor,
                reason="superseded",
                extra={"superseded_by": winner.document_id},
            )
            changed += 1
        if winner.state != AgreementState.ACTIVE.value:
            self._move(s, winner, AgreementState.ACTIVE, actor)
            changed += 1
        return changed

    # -- internals: scans and notices --------------------------------------------------------------------

    @staticmethod
    def _read_scan(
        path: Path | str | None, data: bytes | None, filename: str | None
    ) -> tuple[str, str, bytes, str] | None:
        """(filename, mime, bytes, sha256) of a scan given as a file or as bytes, checked; None when none."""
        if path is None and data is None:
            return None
        if path is not None:
            file = Path(path)
            try:
                if file.stat().st_size > MAX_SCAN_BYTES:
                    raise UserError(
                        fill(translate("AgreementService", "%1 is larger than 50 MB."), file.name),
                        field="scan",
                    )
                data = file.read_bytes()
            except OSError as exc:
                raise UserError(
                    fill(
                        translate("AgreementService", "Cannot read %1: %2"),
                        file,
                        exc.strerror or exc,
                    ),
                    field="scan",
                ) from None
            filename = filename or file.name
        assert data is not None
        if not data:
            raise UserError(
                fill(translate("AgreementService", "The scan file is empty.")), field="scan"
            )
        if len(data) > MAX_SCAN_BYTES:
            raise UserError(
                fill(translate("AgreementService", "The scan is larger than 50 MB.")), field="scan"
            )
        mime = sniff_scan_type(data)
        if mime is None:
            raise UserError(
                fill(
                    translate(
                        "AgreementService",
                        "The scan must be a PDF or an image (PNG, JPEG, TIFF, GIF, WebP).",
                    )
                ),
                field="scan",
            )
        return (
            _clean_filename(filename or "scan"),
            mime,
            bytes(data),
            hashlib.sha256(data).hexdigest(),
        )

    @staticmethod
    def _store_scan(s: Session, acceptance: Acceptance, scan: tuple[str, str, bytes, str]) -> None:
        filename, mime, data, digest = scan
        s.add(
            AcceptanceScan(
                acceptance_id=acceptance.id,
                filename=filename,
                mime=mime,
                size=len(data),
                sha256=digest,
                data=data,
            )
        )
        s.flush()

    @staticmethod
    def _tick_notices(
        s: Session, customer: Customer, version: TermsVersion, acceptance: Acceptance
    ) -> None:
        """An acceptance answers the §14 notice of its version and of older versions still open."""
        rows = s.execute(
            select(ReacceptanceNotice, TermsVersion)
            .join(TermsVersion, TermsVersion.id == ReacceptanceNotice.terms_version_id)
            .where(
                ReacceptanceNotice.customer_id == customer.id,
                ReacceptanceNotice.accepted_on.is_(None),
                ReacceptanceNotice.terminated_confirmed_at.is_(None),
            )
        ).all()
        for notice, notice_version in rows:
            if notice_version.id == version.id or (
                notice_version.effective_date
                and version.effective_date
                and notice_version.effective_date <= version.effective_date
            ):
                notice.accepted_on = acceptance.accepted_on
                notice.acceptance_id = acceptance.id

    def _notice_views(
        self,
        s: Session,
        day: date,
        *,
        version_id: int | None = None,
        customer_id: int | None = None,
    ) -> list[ReacceptanceView]:
        q = (
            select(
                ReacceptanceNotice,
                Customer.org_number,
                Customer.name,
                TermsVersion.label,
                TermsVersion.effective_date,
            )
            .join(Customer, Customer.id == ReacceptanceNotice.customer_id)
            .join(TermsVersion, TermsVersion.id == ReacceptanceNotice.terms_version_id)
        )
        if version_id is not None:
            q = q.where(ReacceptanceNotice.terms_version_id == version_id)
        if customer_id is not None:
            q = q.where(ReacceptanceNotice.customer_id == customer_id)
        q = q.order_by(TermsVersion.effective_date.desc(), Customer.name, Customer.org_number)
        out = []
        for notice, org, name, label, effective in s.execute(q).all():
            row = reacceptance_row(
                effective,
                CustomerAcceptance(notice.customer_id, notice.notified_on, notice.accepted_on),
                day,
            )
            status = (
                "terminated" if notice.terminated_confirmed_at is not None else row.status.value
            )
            out.append(
                ReacceptanceView(
                    notice_id=notice.id,
                    customer_id=notice.customer_id,
                    org_number=org,
                    customer_name=name,
                    terms_label=label,
                    effective_date=effective,
                    last_notice_date=row.last_notice_date,
                    notified_on=notice.notified_on,
                    notified_how=notice.notified_how,
                    acceptance_deadline=row.acceptance_deadline,
                    accepted_on=notice.accepted_on,
                    status=status,
                    notice_late=row.notice_late,
                    accepted_late=row.accepted_late,
                    proposed_terminated_on=notice.proposed_terminated_on,
                    terminated_confirmed_at=notice.terminated_confirmed_at,
                )
            )
        return out

    @staticmethod
    def _proposal(
        view: ReacceptanceView, considered: date, *, confirmed_at: datetime | None = None
    ) -> TerminationProposal:
        assert view.notified_on is not None and view.acceptance_deadline is not None
        reason = fill(
            translate(
                "AgreementService",
                "Notified %1, not accepted by %2: under §14 the agreement is considered terminated from %3 "
                "once the owner confirms.",
            ),
            format_day(view.notified_on),
            format_day(view.acceptance_deadline),
            format_day(considered),
        )
        return TerminationProposal(
            view.notice_id,
            view.org_number,
            view.customer_name,
            view.terms_label,
            view.notified_on,
            view.acceptance_deadline,
            considered,
            reason,
            confirmed_at,
        )

    # -- internals: views -------------------------------------------------------------------------------------

    @staticmethod
    def _agreement_view(s: Session, a: Agreement) -> AgreementView:
        customer = s.get(Customer, a.customer_id)
        version = s.get(TermsVersion, a.terms_version_id)
        assert customer is not None and version is not None
        return AgreementView(
            a.id,
            a.document_id,
            customer.id,
            customer.org_number,
            customer.name,
            version.id,
            version.label,
            version.sha256,
            a.state,
            a.created_at,
            a.sent_at,
            a.sent_to,
            a.signed_at,
            a.signatory_person_id,
            a.terminated_at,
            a.ended_reason,
        )

    @classmethod
    def _acceptance_view(cls, s: Session, a: Acceptance) -> AcceptanceView:
        s.flush()
        return cls._acceptance_rows(s, Acceptance.id == a.id)[0][0]

    @staticmethod
    def _acceptance_rows(s: Session, *where: Any) -> list[tuple[AcceptanceView, date]]:
        """Ledger lines (newest first) with their version's effective date, in one query (no scan bytes)."""
        q = (
            select(
                Acceptance,
                Customer.org_number,
                Customer.name,
                TermsVersion.label,
                TermsVersion.sha256,
                TermsVersion.effective_date,
                Agreement.document_id,
                AcceptanceScan.filename,
                AcceptanceScan.mime,
                AcceptanceScan.size,
                AcceptanceScan.sha256,
            )
            .join(Customer, Customer.id == Acceptance.customer_id)
            .join(TermsVersion, TermsVersion.id == Acceptance.terms_version_id)
            .outerjoin(Agreement, Agreement.id == Acceptance.agreement_id)
            .outerjoin(AcceptanceScan, AcceptanceScan.acceptance_id == Acceptance.id)
            .where(*where)
            .order_by(Acceptance.accepted_on.desc(), Acceptance.id.desc())
        )
        out = []
        for (
            a,
            org,
            name,
            label,
            sha,
            effective,
            document_id,
            filename,
            mime,
            size,
            scan_sha,
        ) in s.execute(q).all():
            out.append(
                (
                    AcceptanceView(
                        id=a.id,
                        customer_id=a.customer_id,
                        org_number=org,
                        customer_name=name,
                        terms_label=label,
                        terms_sha256=sha,
                        accepted_on=a.accepted_on,
                        method=a.method,
                        signed_by_person_id=a.signed_by_person_id,
                        signed_by_name=a.signed_by_name,
                        warning=render_stored(a.signatory_warning),
                        note=a.note,
                        agreement_document_id=document_id,
                        recorded_at=a.recorded_at,
                        scan_filename=filename,
                        scan_mime=mime,
                        scan_size=size,
                        scan_sha256=scan_sha,
                    ),
                    effective or date.min,
                )
            )
        return out
