"""Invoice runs (issue 15): frozen invoices and credit notes, their lines, and what was exported.

A run's documents are never changed after it is made: corrections are credit notes of a later
run. A run is undone (its documents deleted, the run row kept as ``undone``) only while nothing
of it has been exported. Customers and services are referred to by id without a foreign key:
frozen documents must outlive the customer row (five years of accounting records); the buyer is
kept as a JSON snapshot.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from contractdesk.store.models.base import Base
from contractdesk.store.types import DecimalText, UTCDateTime, utcnow


class InvoiceRun(Base):
    """One invoice run: every planned line dated up to ``date_to`` that no earlier run holds."""

    __tablename__ = "invoice_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    date_to: Mapped[date] = mapped_column(Date)
    numbering: Mapped[str] = mapped_column(String(20))  # contractdesk | accounting
    status: Mapped[str] = mapped_column(String(10), default="frozen")  # frozen | undone
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    seller: Mapped[dict[str, Any]] = mapped_column(JSON)
    invoices: Mapped[int] = mapped_column(Integer, default=0)
    credit_notes: Mapped[int] = mapped_column(Integer, default=0)

    def __repr__(self) -> str:
        return f"InvoiceRun(id={self.id}, status={self.status!r})"


class InvoiceDocument(Base):
    """A frozen invoice or credit note; ``number`` is None until the accounting system gives it."""

    __tablename__ = "invoice_document"
    __table_args__ = (
        Index("ix_invoice_document_run", "run_id", "position"),
        Index("uq_invoice_document_number", "number", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("invoice_run.id", ondelete="CASCADE", name="fk_invoice_document_run_id")
    )
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))  # invoice | credit
    number: Mapped[int | None] = mapped_column(Integer, default=None)
    kid: Mapped[str] = mapped_column(String(30), default="")
    customer_id: Mapped[int] = mapped_column(Integer)
    org_number: Mapped[str] = mapped_column(String(9))
    invoice_date: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)
    collection_date: Mapped[date] = mapped_column(Date)
    fee: Mapped[Decimal] = mapped_column(DecimalText)
    net: Mapped[Decimal] = mapped_column(DecimalText)
    vat: Mapped[Decimal] = mapped_column(DecimalText)
    total: Mapped[Decimal] = mapped_column(DecimalText)
    buyer: Mapped[dict[str, Any]] = mapped_column(JSON)
    credited: Mapped[list[int]] = mapped_column(JSON, default=list)  # invoice_document ids

    def __repr__(self) -> str:
        return f"InvoiceDocument(id={self.id}, number={self.number})"


class InvoiceDocumentLine(Base):
    """A frozen line: the service, its period and amount (negative on credit notes)."""

    __tablename__ = "invoice_document_line"
    __table_args__ = (
        Index("ix_invoice_document_line_document", "document_id", "position"),
        Index("ix_invoice_document_line_service", "service_id", "period_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey(
            "invoice_document.id", ondelete="CASCADE", name="fk_invoice_document_line_document_id"
        )
    )
    position: Mapped[int] = mapped_column(Integer)
    service_id: Mapped[int] = mapped_column(Integer)
    service_kind: Mapped[str] = mapped_column(String(10))
    is_credit: Mapped[bool] = mapped_column(Boolean)
    description: Mapped[str] = mapped_column(String(200))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(DecimalText)


class InvoiceRecipient(Base):
    """Where a customer's invoices go, when it is not the main contact: its own reference
    ("Deres ref.", required by public buyers) and the e-mail address for invoices."""

    __tablename__ = "invoice_recipient"

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE", name="fk_invoice_recipient_customer_id"),
        primary_key=True,
    )
    buyer_reference: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    """Counts up with every change; an UPDATE over a newer version is refused (0012)."""

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  # SQLAlchemy reads a plain dict


class InvoiceExport(Base):
    """A file written from a run: its format, name and SHA-256 (a re-export must match it)."""

    __tablename__ = "invoice_export"
    __table_args__ = (Index("ix_invoice_export_run", "run_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("invoice_run.id", ondelete="CASCADE", name="fk_invoice_export_run_id")
    )
    format: Mapped[str] = mapped_column(String(20))  # ehf | csv | poweroffice | customers | pdf
    target: Mapped[str] = mapped_column(String(500))
    files: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
