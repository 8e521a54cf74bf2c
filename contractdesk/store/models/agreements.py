"""Agreements (document instances with a state), acceptances with their signed scans, §14
re-acceptance notices, issued document versions and imported scan pages.

What the database enforces itself (migration 0004): at most one active agreement per customer;
a terminated agreement stays terminated; acceptances and scans are evidence and are never
deleted, and their facts (customer, version, date, method, signer, scan bytes) never change
(only the signer's name snapshot may be blanked, for an erasure).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from contractdesk.store.models.base import Base
from contractdesk.store.types import UTCDateTime, utcnow

AGREEMENT_STATES = ("draft", "sent", "signed", "active", "terminated")
ACCEPTANCE_METHODS = ("paper", "online", "email")


class Agreement(Base):
    """One agreement document for a customer on a terms version, e.g. ``CD-2027-000123``.

    ``signed_at`` is the calendar date of the signature/acceptance; the other ``*_at`` are UTC
    timestamps. ``ended_reason`` says why a terminated agreement ended (``superseded``,
    ``not_reaccepted``, ``terminated``, ``lapsed``).
    """

    __tablename__ = "agreement"
    __table_args__ = (
        CheckConstraint(
            "state IN ('draft', 'sent', 'signed', 'active', 'terminated')", name="state"
        ),
        Index(
            "uq_agreement_one_active",
            "customer_id",
            unique=True,
            sqlite_where=text("state = 'active'"),
        ),
        Index("ix_agreement_customer", "customer_id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[str] = mapped_column(String(20), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="RESTRICT"))
    terms_version_id: Mapped[int] = mapped_column(
        ForeignKey("terms_version.id", ondelete="RESTRICT")
    )
    state: Mapped[str] = mapped_column(String(12), default="draft")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    sent_to: Mapped[str | None] = mapped_column(String(320), default=None)
    signed_at: Mapped[date | None] = mapped_column(Date, default=None)
    signatory_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="RESTRICT"), default=None
    )
    terminated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    ended_reason: Mapped[str | None] = mapped_column(String(40), default=None)

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    """Counts up with every change; an UPDATE over a newer version is refused (0012)."""

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  # SQLAlchemy reads a plain dict

    def __repr__(self) -> str:
        return f"Agreement({self.document_id!r}, state={self.state!r})"


class Acceptance(Base):
    """A customer accepted a terms version: when, how, who signed (name as at that time), any
    warning."""

    __tablename__ = "acceptance"
    __table_args__ = (
        CheckConstraint("method IN ('paper', 'online', 'email')", name="method"),
        Index("ix_acceptance_customer", "customer_id", "accepted_on"),
        Index("ix_acceptance_version", "terms_version_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="RESTRICT"))
    terms_version_id: Mapped[int] = mapped_column(
        ForeignKey("terms_version.id", ondelete="RESTRICT")
    )
    agreement_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreement.id", ondelete="RESTRICT"), default=None
    )
    accepted_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(10))
    signed_by_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="RESTRICT"), default=None
    )
    signed_by_name: Mapped[str] = mapped_column(String(600), default="")
    signatory_warning: Mapped[str | None] = mapped_column(Text, default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100), default="owner")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return (
            f"Acceptance(id={self.id}, customer_id={self.customer_id}, "
            f"version={self.terms_version_id})"
        )


class AcceptanceScan(Base):
    """The signed scan (PDF or image) of an acceptance, stored inside the encrypted store."""

    __tablename__ = "acceptance_scan"
    __table_args__ = (UniqueConstraint("acceptance_id", name="uq_acceptance_scan_acceptance_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    acceptance_id: Mapped[int] = mapped_column(ForeignKey("acceptance.id", ondelete="RESTRICT"))
    filename: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"AcceptanceScan(acceptance_id={self.acceptance_id}, {self.mime}, {self.size} bytes)"


class AgreementDocument(Base):
    """One issued version of an agreement's document: the frozen snapshot and its fingerprint.

    ``snapshot`` is the canonical JSON text (``domain.fingerprint.canonical_json``) and
    ``fingerprint`` its SHA-256; ``pdf_sha256``/``sheet_sha256`` are the hashes of the PDF bytes
    of the whole document and of the signature sheet rendered from it (reproducibly), once made.
    A change makes a new ``version``; old versions stay (migration 0007 forbids changing the
    snapshot or deleting a row).
    """

    __tablename__ = "agreement_document"
    __table_args__ = (
        UniqueConstraint("agreement_id", "version", name="uq_agreement_document_version"),
        Index("ix_agreement_document_fingerprint", "fingerprint"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="RESTRICT"))
    version: Mapped[int] = mapped_column(Integer)
    issued_on: Mapped[date] = mapped_column(Date)
    snapshot: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(String(64))
    pdf_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    pdf_pages: Mapped[int | None] = mapped_column(Integer, default=None)
    sheet_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    issued_by: Mapped[str] = mapped_column(String(100), default="owner")
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"AgreementDocument(agreement_id={self.agreement_id}, v{self.version})"


class ScanImportPage(Base):
    """A page of an imported scan, by the scan file's SHA-256 and page number: what it was filed to.

    Importing the same scan again finds its pages here and records nothing twice.
    """

    __tablename__ = "scan_import_page"
    __table_args__ = (
        UniqueConstraint("source_sha256", "page", name="uq_scan_import_page_source_page"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_sha256: Mapped[str] = mapped_column(String(64))
    page: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[str] = mapped_column(String(20))
    acceptance_id: Mapped[int | None] = mapped_column(
        ForeignKey("acceptance.id", ondelete="RESTRICT"), default=None
    )
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"ScanImportPage({self.source_sha256[:12]}, page={self.page}, {self.document_id})"


class ReacceptanceNotice(Base):
    """One customer on the §14 list of a new version: notified when, accepted when, termination
    proposed/confirmed."""

    __tablename__ = "reacceptance_notice"
    __table_args__ = (
        UniqueConstraint(
            "customer_id", "terms_version_id", name="uq_reacceptance_notice_customer_version"
        ),
        Index("ix_reacceptance_notice_version", "terms_version_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="RESTRICT"))
    terms_version_id: Mapped[int] = mapped_column(
        ForeignKey("terms_version.id", ondelete="RESTRICT")
    )
    notified_on: Mapped[date | None] = mapped_column(Date, default=None)
    notified_how: Mapped[str] = mapped_column(String(200), default="")
    accepted_on: Mapped[date | None] = mapped_column(Date, default=None)
    acceptance_id: Mapped[int | None] = mapped_column(
        ForeignKey("acceptance.id", ondelete="RESTRICT"), default=None
    )
    # The day the agreement is considered terminated (§14: the day after the acceptance deadline),
    # stamped when the owner is first shown the proposal; nothing ends until it is confirmed.
    proposed_terminated_on: Mapped[date | None] = mapped_column(Date, default=None)
    terminated_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return (
            f"ReacceptanceNotice(customer_id={self.customer_id}, version={self.terms_version_id})"
        )


__all__ = [
    "ACCEPTANCE_METHODS",
    "AGREEMENT_STATES",
    "Acceptance",
    "AcceptanceScan",
    "Agreement",
    "AgreementDocument",
    "ReacceptanceNotice",
    "ScanImportPage",
]
