"""The agreement ledger's views: frozen values that cross threads (agreements, acceptances, §14
rows).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from contractdesk.domain.signing import SignatoryCheck

__all__ = [
    "AcceptanceResult",
    "AcceptanceView",
    "AgreementView",
    "CustomerAcceptanceStatus",
    "IssuedDocument",
    "ReacceptanceView",
    "ScanFile",
    "SignatoryCheck",
    "TerminationProposal",
    "TerminationProposalView",
]


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
    document_version: int | None = None
    fingerprint: str | None = None
    pdf_sha256: str | None = None
    issued_on: date | None = None
    version: int = field(default=0, compare=False)
    """The agreement record's version when read (optimistic locking; not ``document_version``)."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
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
            "document_version": self.document_version,
            "fingerprint": self.fingerprint,
            "pdf_sha256": self.pdf_sha256,
            "issued_on": self.issued_on,
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
    """One customer on the §14 list of a version (status ``terminated`` once the owner confirmed
    it).
    """

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
    """Where a customer stands: the version last accepted, whether it is the one in effect, pending
    §14 rows.
    """

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


@dataclass(frozen=True)
class IssuedDocument:
    """One issued version of an agreement's document: the frozen snapshot and its fingerprint."""

    id: int
    agreement_id: int
    document_id: str
    version: int
    issued_on: date
    fingerprint: str
    snapshot: dict[str, Any]
    pdf_sha256: str | None
    pdf_pages: int | None
    sheet_sha256: str | None
    latest: bool = True
    """False when a later version of the same agreement's document exists."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "version": self.version,
            "issued_on": self.issued_on,
            "fingerprint": self.fingerprint,
            "pdf_sha256": self.pdf_sha256,
            "pdf_pages": self.pdf_pages,
            "sheet_sha256": self.sheet_sha256,
            "latest": self.latest,
        }
