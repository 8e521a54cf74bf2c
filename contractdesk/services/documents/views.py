"""Agreement documents' views: frozen values that cross threads (refs, prepared inputs, results)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from contractdesk.output.pdf import AgreementInput
    from contractdesk.output.pdf.batch import BatchResult

__all__ = [
    "AgreementRef",
    "DocumentBatchResult",
    "DraftResult",
    "EmailPreparation",
    "FiledPage",
    "IssueCheck",
    "PreparedAgreement",
    "ScanDocument",
    "ScanImportResult",
    "ScanSigner",
    "SendResult",
    "UnmatchedPage",
]


@dataclass(frozen=True)
class IssueCheck:
    """What to confirm before issuing: the problems, and the supplier mismatch among them."""

    problems: tuple[str, ...]
    supplier_mismatch: str = ""
    """Set when the terms version names another business than the supplier profile."""
    terms_label: str = ""
    refused: bool = False
    """Issuing would be refused (a deleted or bankrupt customer, the supplier itself, no
    supplier profile): there is nothing to confirm, only to see."""


@dataclass(frozen=True)
class AgreementRef:
    """The agreement a document was made for: its document id, customer, version, state,
    signatory."""

    id: int
    document_id: str
    org_number: str
    customer_name: str
    terms_label: str
    terms_sha256: str
    state: str
    created: bool = False
    """True when this call made the agreement (a new draft)."""
    signatory_name: str | None = None
    signatory_person_id: int | None = None
    warnings: tuple[str, ...] = ()
    document_version: int | None = None
    """The issued version of the document (None: prepared, not issued)."""
    fingerprint: str | None = None
    issued_on: date | None = None
    pdf_sha256: str | None = None
    """SHA-256 of the PDF bytes this call made (or of the agreement PDF issued before)."""
    issued_id: int | None = None
    sheet_sha256: str | None = None
    """SHA-256 of the signature sheet recorded for this issued version (not in ``as_dict``)."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "document_id": self.document_id,
            "org_number": self.org_number,
            "customer_name": self.customer_name,
            "terms_label": self.terms_label,
            "terms_sha256": self.terms_sha256,
            "state": self.state,
            "created": self.created,
            "signatory": self.signatory_name,
            "signatory_person_id": self.signatory_person_id,
            "warnings": list(self.warnings),
            "document_version": self.document_version,
            "fingerprint": self.fingerprint,
            "issued_on": self.issued_on,
            "pdf_sha256": self.pdf_sha256,
        }


@dataclass(frozen=True)
class PreparedAgreement:
    """The renderer's input for one customer, and the agreement it belongs to."""

    input: AgreementInput
    ref: AgreementRef


@dataclass(frozen=True)
class EmailPreparation:
    """An agreement e-mail ready to save or send (``X-Unsent: 1``, the PDF attached)."""

    message: EmailMessage
    ref: AgreementRef
    recipient_email: str
    recipient_name: str
    pdf: bytes


@dataclass(frozen=True)
class DraftResult:
    """An ``.eml`` draft written for the main contact."""

    path: Path
    ref: AgreementRef
    recipient_email: str
    recipient_name: str


@dataclass(frozen=True)
class SendResult:
    """A sent agreement e-mail: the agreement (now marked sent), the recipient, the server's
    answer."""

    ref: AgreementRef
    recipient_email: str
    message_id: str
    refused: Mapping[str, tuple[int, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentBatchResult:
    """A batch: what the renderer did, the customers left out (and why), the agreements it was
    for."""

    result: BatchResult | None
    skipped: tuple[tuple[str, str], ...]
    refs: tuple[AgreementRef, ...]
    cancelled: bool
    prepare_seconds: float

    @property
    def written(self) -> tuple[Path, ...]:
        return self.result.written if self.result is not None else ()

    @property
    def total(self) -> int:
        return len(self.refs) + len(self.skipped)

    def as_dict(self) -> dict[str, Any]:
        res = self.result
        return {
            "total": self.total,
            "written": [str(p) for p in self.written],
            "failed": [
                {"org_number": f.org_number, "document_id": f.document_id, "message": f.message}
                for f in (res.failed if res else ())
            ],
            "skipped": [{"org_number": org, "reason": why} for org, why in self.skipped],
            "cancelled": self.cancelled,
            "prepare_seconds": round(self.prepare_seconds, 3),
            "render_seconds": round(res.seconds, 3) if res else 0.0,
        }


@dataclass(frozen=True)
class FiledPage:
    """A page filed to an agreement (``already``: by an earlier import of the same file)."""

    file: str
    page: int
    document_id: str
    acceptance_id: int | None
    already: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "page": self.page,
            "document_id": self.document_id,
            "acceptance_id": self.acceptance_id,
            "already": self.already,
        }


@dataclass(frozen=True)
class UnmatchedPage:
    """A page to match by hand, and why it was not filed."""

    file: str
    page: int
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "page": self.page, "reason": self.reason}


@dataclass(frozen=True)
class ScanImportResult:
    """What an import did: the filed pages and those to match by hand."""

    filed: tuple[FiledPage, ...]
    unmatched: tuple[UnmatchedPage, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "filed": [p.as_dict() for p in self.filed],
            "unmatched": [p.as_dict() for p in self.unmatched],
        }


@dataclass(frozen=True)
class ScanSigner:
    """A person at the customer who may be recorded as having signed (``registry``: the registry
    data make them a signatory)."""

    person_id: int
    name: str
    registry: bool

    def as_dict(self) -> dict[str, Any]:
        return {"person_id": self.person_id, "name": self.name, "registry": self.registry}


@dataclass(frozen=True)
class ScanDocument:
    """An issued document found in scans, not filed yet: who may have signed it.

    ``signers`` lists the registry's signers among the customer's people first;
    ``default_signatory`` is the issued document's signatory when the registry confirms them,
    else the first of the registry's signers (None: the registry confirms nobody).
    """

    document_id: str
    org_number: str
    customer_name: str
    pages: tuple[tuple[str, int], ...]
    signers: tuple[ScanSigner, ...]
    default_signatory: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "org_number": self.org_number,
            "customer_name": self.customer_name,
            "pages": [{"file": f, "page": p} for f, p in self.pages],
            "signers": [s.as_dict() for s in self.signers],
            "default_signatory": self.default_signatory,
        }
