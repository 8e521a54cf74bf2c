"""The supplier profile (the app's user) and key/value application settings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from contractdesk.store.models.base import Base
from contractdesk.store.types import UTCDateTime, utcnow


class Supplier(Base):
    """The supplier (leverandør): one row, id 1, editable in settings."""

    __tablename__ = "supplier"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_number: Mapped[str] = mapped_column(String(9))
    name: Mapped[str] = mapped_column(String(200))
    address_lines: Mapped[list[str]] = mapped_column(JSON, default=list)
    postcode: Mapped[str] = mapped_column(String(20), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    signer_name: Mapped[str] = mapped_column(String(200), default="")
    signer_title: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    """Counts up with every change; an UPDATE over a newer version is refused (0012)."""

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  # SQLAlchemy reads a plain dict


class AppSetting(Base):
    """A setting stored in the encrypted store (window state lives in QSettings instead)."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    """Counts up with every change; an UPDATE over a newer version is refused (0012)."""

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  # SQLAlchemy reads a plain dict
