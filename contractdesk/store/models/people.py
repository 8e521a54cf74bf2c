"""People (personal data, data subjects), their roles at customers, look-up keys, consents and
requests.

Invariants the database enforces itself (migration 0003): at most one main contact per customer
(a partial unique index), and a main contact is never deleted or demoted while its customer
exists (triggers): the role passes to the next person by changing its ``person_id``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from contractdesk.store.models.base import Base
from contractdesk.store.types import UTCDateTime, utcnow

ROLE_VALUES = ("main_contact", "contact", "signatory", "general_manager")
SEARCH_KINDS = ("name", "email", "phone")
CONSENT_KINDS = ("marketing_email", "newsletter")
REQUEST_KINDS = ("access", "correction", "erasure", "restriction", "portability", "objection")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Person(Base):
    """A person. Erasure anonymises the personal fields and keeps the id (§8.2.3)."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(200), default="")
    middle_name: Mapped[str] = mapped_column(String(200), default="")
    last_name: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")  # E.164
    mobile: Mapped[str] = mapped_column(String(40), default="")  # E.164
    emails: Mapped[list[str]] = mapped_column(JSON, default=list)
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    """Counts up with every change; an UPDATE over a newer version is refused (0012)."""

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  # SQLAlchemy reads a plain dict

    def __repr__(self) -> str:
        return f"Person(id={self.id})"


class PersonRole(Base):
    """A role held by a person *at a customer*, with who asked for it and since when (§8.1.1)."""

    __tablename__ = "person_role"
    __table_args__ = (
        UniqueConstraint(
            "person_id", "customer_id", "role", name="uq_person_role_person_customer_role"
        ),
        CheckConstraint(_in("role", ROLE_VALUES), name="role"),
        Index(
            "uq_person_role_main_contact",
            "customer_id",
            unique=True,
            sqlite_where=text("role = 'main_contact'"),
        ),
        Index("ix_person_role_customer", "customer_id", "role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    since: Mapped[date] = mapped_column(Date)
    requested_by_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="RESTRICT"), default=None
    )
    source: Mapped[str] = mapped_column(String(20), default="manual")  # manual | registry
    registry_role_code: Mapped[str] = mapped_column(String(10), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    """Counts up with every change; an UPDATE over a newer version is refused (0012)."""

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  # SQLAlchemy reads a plain dict

    def __repr__(self) -> str:
        return (
            f"PersonRole(person_id={self.person_id}, customer_id={self.customer_id}, "
            f"role={self.role!r})"
        )


class PersonSearchKey(Base):
    """Folded name words, e-mail addresses and E.164 numbers of a person: "who is this?" reads only
    these.

    Deleted with the person's personal data on erasure.
    """

    __tablename__ = "person_search_key"
    __table_args__ = (
        CheckConstraint(_in("kind", SEARCH_KINDS), name="kind"),
        Index("ix_person_search_key_lookup", "kind", "value", "person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    value: Mapped[str] = mapped_column(String(320))


class Consent(Base):
    """One consent event: given or withdrawn, on a date, from a source. The latest per kind is in
    force."""

    __tablename__ = "person_consent"
    __table_args__ = (
        CheckConstraint(_in("kind", CONSENT_KINDS), name="kind"),
        Index("ix_person_consent_person", "person_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(20))
    given: Mapped[bool] = mapped_column(Boolean)
    on: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(500), default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DataSubjectRequest(Base):
    """A data-subject request (access, correction, erasure, …) with its one-month deadline."""

    __tablename__ = "data_subject_request"
    __table_args__ = (
        CheckConstraint(_in("kind", REQUEST_KINDS), name="kind"),
        Index("ix_data_subject_request_open", "done_on", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="RESTRICT"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    received_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date, default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    """Counts up with every change; an UPDATE over a newer version is refused (0012)."""

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  # SQLAlchemy reads a plain dict
