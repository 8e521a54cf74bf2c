"""Customers: organisations known by their org number, with the registry's data (terms §2.1, §7)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, String
from sqlalchemy.orm import Mapped, mapped_column

from contractdesk.store.models.base import Base
from contractdesk.store.types import UTCDateTime, utcnow

CUSTOMER_STATUSES = ("active", "deleted", "removed", "bankrupt", "liquidation", "unverified")


class Customer(Base):
    """One org number, one customer. Registry fields are the registry's; a refresh takes its values."""

    __tablename__ = "customer"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_number: Mapped[str] = mapped_column(String(9), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    organisation_form: Mapped[str] = mapped_column(String(20), default="")
    organisation_form_text: Mapped[str] = mapped_column(String(200), default="")
    # Addresses: {"lines": [...], "postcode", "city", "municipality", "municipality_number",
    # "country_code", "country"}
    business_address: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    postal_address: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    status: Mapped[str] = mapped_column(String(20), default="unverified")
    deleted_on: Mapped[date | None] = mapped_column(Date, default=None)
    vat_registered: Mapped[bool] = mapped_column(Boolean, default=False)
    # The registry's role holders and signing rules, as last fetched (JSON snapshots).
    registry_roles: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    signing_rule: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    registry_data: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # Invoicing preferences (terms §10): paper | email | ehf; invoice period name.
    delivery_method: Mapped[str] = mapped_column(String(10), default="email")
    invoice_period: Mapped[str] = mapped_column(String(20), default="half-yearly")
    # Marketing consent (§6): name in reference lists allowed; logo only with consent.
    reference_list_allowed: Mapped[bool] = mapped_column(Boolean, default=True)
    logo_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    relationship_ended_on: Mapped[date | None] = mapped_column(Date, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    def __repr__(self) -> str:
        return f"Customer(id={self.id}, org_number={self.org_number!r})"
