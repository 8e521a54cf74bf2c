"""Privacy (issue 18): breaches with their persisted 72-hour deadline, notified customers, retention
marks (what a retention run did, and the evidence it kept), generated document versions, and the
transfer basis recorded for sub-processors.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from contractdesk.store.models.base import Base
from contractdesk.store.types import UTCDateTime, utcnow

DOCUMENT_KINDS = ("art30", "statement")


class Breach(Base):
    """A personal data breach (§17.9); ``deadline_at`` (found + 72 h) is stored, not recomputed."""

    __tablename__ = "breach"

    id: Mapped[int] = mapped_column(primary_key=True)
    discovered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deadline_at: Mapped[datetime] = mapped_column(UTCDateTime)
    summary: Mapped[str] = mapped_column(Text)
    systems: Mapped[list[str]] = mapped_column(JSON, default=list)
    subprocessors: Mapped[list[str]] = mapped_column(JSON, default=list)
    authority_notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    """Counts up with every change; an UPDATE over a newer version is refused (0012)."""

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  # SQLAlchemy reads a plain dict

    def __repr__(self) -> str:
        return f"Breach(id={self.id}, deadline_at={self.deadline_at!r})"


class BreachCustomer(Base):
    """A customer affected by a breach, and when (and how) its main contact was notified."""

    __tablename__ = "breach_customer"
    __table_args__ = (
        UniqueConstraint("breach_id", "customer_id", name="uq_breach_customer_breach_customer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    breach_id: Mapped[int] = mapped_column(ForeignKey("breach.id", ondelete="CASCADE"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(200), default="")
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    notified_how: Mapped[str] = mapped_column(String(20), default="")  # eml | smtp


class RetentionMark(Base):
    """A retention rule applied to a subject (``customer:12``): when, and the evidence it kept."""

    __tablename__ = "retention_mark"
    __table_args__ = (Index("ix_retention_mark_subject", "subject", "rule"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(50))
    rule: Mapped[str] = mapped_column(String(30))
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    kept: Mapped[list[str]] = mapped_column(JSON, default=list)
    kept_until: Mapped[date | None] = mapped_column(Date, default=None)


class PrivacyDocumentVersion(Base):
    """A generated document version: Art. 30 records or the privacy statement, per language."""

    __tablename__ = "privacy_document"
    __table_args__ = (
        CheckConstraint("kind IN ('art30', 'statement')", name="kind"),
        UniqueConstraint(
            "kind", "language", "version", name="uq_privacy_document_kind_language_version"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(5))
    version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SubProcessorTransfer(Base):
    """Country and transfer basis (GDPR ch. V) recorded for a sub-processor register entry."""

    __tablename__ = "subprocessor_transfer"

    subprocessor_id: Mapped[int] = mapped_column(
        ForeignKey("subprocessor.id", ondelete="CASCADE"), primary_key=True
    )
    country: Mapped[str] = mapped_column(String(100), default="")
    basis: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


__all__ = [
    "DOCUMENT_KINDS",
    "Breach",
    "BreachCustomer",
    "PrivacyDocumentVersion",
    "RetentionMark",
    "SubProcessorTransfer",
]
