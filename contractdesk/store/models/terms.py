"""Terms versions (draft or published), the sub-processor register, and what a version listed at
publication.

A published version is immutable in the database itself (migration 0004): triggers refuse any
UPDATE or DELETE of a published ``terms_version`` row, and any change to the sub-processor list
of a published version. ``document`` holds the version's ``canonical_json()``; ``sha256`` is set
when the version is published and is the SHA-256 of exactly that text.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from contractdesk.store.models.base import Base
from contractdesk.store.types import UTCDateTime, utcnow

TERMS_STATES = ("draft", "published")
SUBPROCESSOR_KINDS = ("data_shared", "access")


class TermsVersion(Base):
    """One terms text: a draft being edited, or a published version customers accept."""

    __tablename__ = "terms_version"
    __table_args__ = (
        CheckConstraint("state IN ('draft', 'published')", name="state"),
        CheckConstraint(
            "state = 'draft' OR (sha256 IS NOT NULL AND effective_date IS NOT NULL"
            " AND published_at IS NOT NULL)",
            name="published_complete",
        ),
        CheckConstraint("sha256 IS NULL OR length(sha256) = 64", name="sha256_length"),
        Index(
            "uq_terms_version_sha256",
            "sha256",
            unique=True,
            sqlite_where=text("sha256 IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(50), unique=True)
    title: Mapped[str] = mapped_column(String(500), default="")
    state: Mapped[str] = mapped_column(String(10), default="draft")
    # Drafts may carry a planned date; a published version always has its effective date.
    effective_date: Mapped[date | None] = mapped_column(Date, default=None)
    document: Mapped[str] = mapped_column(Text)  # TermsDocument.canonical_json()
    sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    source_text: Mapped[str | None] = mapped_column(
        Text, default=None
    )  # imported plain text, unchanged
    # The DPA checklist as the publisher saw it (JSON); None for the shipped first version.
    dpa_checklist: Mapped[str | None] = mapped_column(Text, default=None)
    gaps_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    copied_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("terms_version.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    """Counts up with every change; an UPDATE over a newer version is refused (0012)."""

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  # SQLAlchemy reads a plain dict

    def __repr__(self) -> str:
        return f"TermsVersion(id={self.id}, label={self.label!r}, state={self.state!r})"


class SubProcessorEntry(Base):
    """A register entry (§8.3, §17.6.2, §17.7). Retired entries stay for the versions that listed
    them."""

    __tablename__ = "subprocessor"
    __table_args__ = (
        CheckConstraint("kind IN ('data_shared', 'access')", name="kind"),
        Index(
            "uq_subprocessor_name_current",
            "name",
            unique=True,
            sqlite_where=text("retired_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    org_number: Mapped[str | None] = mapped_column(String(9), default=None)
    purpose: Mapped[str] = mapped_column(Text, default="")
    data_shared: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str | None] = mapped_column(String(200), default=None)
    kind: Mapped[str] = mapped_column(String(20), default="data_shared")
    source_clause: Mapped[str] = mapped_column(String(20), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    """Counts up with every change; an UPDATE over a newer version is refused (0012)."""

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  # SQLAlchemy reads a plain dict

    def __repr__(self) -> str:
        return f"SubProcessorEntry(id={self.id}, name={self.name!r})"


class TermsVersionSubProcessor(Base):
    """A sub-processor as a version listed it when it was published (a copy: later edits do not
    change it)."""

    __tablename__ = "terms_version_subprocessor"
    __table_args__ = (
        Index("ix_terms_version_subprocessor_version", "terms_version_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    terms_version_id: Mapped[int] = mapped_column(
        ForeignKey("terms_version.id", ondelete="RESTRICT")
    )
    subprocessor_id: Mapped[int | None] = mapped_column(
        ForeignKey("subprocessor.id", ondelete="RESTRICT"), default=None
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    org_number: Mapped[str | None] = mapped_column(String(9), default=None)
    purpose: Mapped[str] = mapped_column(Text, default="")
    data_shared: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str | None] = mapped_column(String(200), default=None)
    kind: Mapped[str] = mapped_column(String(20), default="data_shared")

    def __repr__(self) -> str:
        return f"TermsVersionSubProcessor(version={self.terms_version_id}, name={self.name!r})"
