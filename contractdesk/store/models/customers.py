"""Customers: organisations known by their org number, with the registry's data (terms §2.1, §7)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Index, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from contractdesk.domain.customers import CUSTOMER_STATUSES as ALL_STATUSES
from contractdesk.domain.customers import sort_key
from contractdesk.domain.search_fold import search_fold
from contractdesk.store.models.base import Base
from contractdesk.store.types import UTCDateTime, utcnow

CUSTOMER_STATUSES = ALL_STATUSES  # the domain says which statuses exist


class Customer(Base):
    """One org number, one customer. Registry fields are the registry's; a refresh takes them."""

    __tablename__ = "customer"
    __table_args__ = (
        Index(
            "ix_customer_sort_name",
            "sort_name",
            "id",
            "search_name",
            "search_municipality",
            "org_number",
        ),
        Index("ix_customer_search_name", "search_name", "sort_name", "id"),
        Index("ix_customer_search_municipality", "search_municipality", "sort_name", "id"),
        Index("ix_customer_municipality_key", "municipality_key", "sort_name", "id"),
        Index("ix_customer_status", "status", "sort_name", "id"),
    )

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
    # Derived for the list (migration 0002), kept by the listeners below: the name's sort key, the
    # municipality shown (business address, else postal) and its sort key. An FTS5 index
    # (``customer_search``, rebuilt by 0012) over the folded name, org number and municipality.
    sort_name: Mapped[str] = mapped_column(String(500), default="")
    municipality: Mapped[str] = mapped_column(String(200), default="")
    municipality_key: Mapped[str] = mapped_column(String(200), default="")
    # The name and municipality in the one search form (``domain.search_fold``, migration 0012):
    # the search indexes of both engines are built over these, and the query is folded alike.
    search_name: Mapped[str] = mapped_column(String(1000), default="")
    search_municipality: Mapped[str] = mapped_column(String(400), default="")

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    """Counts up with every change; an UPDATE over a newer version is refused (0012)."""

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  # SQLAlchemy reads a plain dict

    def __repr__(self) -> str:
        return f"Customer(id={self.id}, org_number={self.org_number!r})"


def display_municipality(customer: Customer) -> str:
    """The municipality of the business address, else of the postal address, else its city."""
    for address in (customer.business_address, customer.postal_address):
        if isinstance(address, dict):
            value = str(address.get("municipality") or address.get("city") or "").strip()
            if value:
                return value
    return ""


@event.listens_for(Customer, "before_insert")
@event.listens_for(Customer, "before_update")
def _derive_list_columns(_mapper: Any, _connection: Any, customer: Customer) -> None:
    customer.sort_name = sort_key(customer.name or "")
    customer.municipality = display_municipality(customer)
    customer.municipality_key = sort_key(customer.municipality)
    customer.search_name = search_fold(customer.name or "")
    customer.search_municipality = search_fold(customer.municipality)
