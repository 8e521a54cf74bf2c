"""Terms repository: the SQL behind terms versions, the sub-processor register and §14 notices."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from contractdesk.errors import NotFoundError, UserError
from contractdesk.i18n import fill, translate
from contractdesk.store.models import (
    Customer,
    ReacceptanceNotice,
    SubProcessorEntry,
    TermsVersion,
    TermsVersionSubProcessor,
)

__all__ = [
    "active_customer_ids",
    "add_notices",
    "all_versions",
    "delete_links",
    "label_with_sha256",
    "links_of",
    "published_versions",
    "refuse_taken_label",
    "refuse_taken_subprocessor_name",
    "register",
    "subprocessor_by_id",
    "version_by_label",
    "version_by_sha256",
]


def active_customer_ids(s: Session) -> list[int]:
    """Customers in a relationship: not ended, and not deleted/removed from the registry."""
    q = (
        select(Customer.id)
        .where(
            Customer.relationship_ended_on.is_(None), Customer.status.not_in(("deleted", "removed"))
        )
        .order_by(Customer.id)
    )
    return list(s.execute(q).scalars())


def all_versions(s: Session) -> list[TermsVersion]:
    return list(s.execute(select(TermsVersion)).scalars())


def published_versions(s: Session) -> list[TermsVersion]:
    return list(s.execute(select(TermsVersion).where(TermsVersion.state == "published")).scalars())


def version_by_label(s: Session, label: str) -> TermsVersion:
    """The version with this label.

    Raises:
        NotFoundError: none has it (``field="label"``).
    """
    v = s.execute(select(TermsVersion).where(TermsVersion.label == (label or "").strip())).scalar()
    if v is None:
        raise NotFoundError(
            fill(translate("TermsService", "No terms version %1."), repr(label)), field="label"
        )
    return v


def version_by_sha256(s: Session, sha256: str) -> TermsVersion | None:
    return s.execute(
        select(TermsVersion).where(TermsVersion.sha256 == sha256.strip().lower())
    ).scalar()


def label_with_sha256(s: Session, sha256: str) -> str | None:
    """The label of the published version with this hash, if any."""
    return s.execute(select(TermsVersion.label).where(TermsVersion.sha256 == sha256)).scalar()


def refuse_taken_label(s: Session, label: str) -> None:
    """Raise a UserError when a version has this label already."""
    if s.execute(select(func.count()).where(TermsVersion.label == label)).scalar():
        raise UserError(
            fill(
                translate(
                    "TermsService", "A terms version %1 exists already; choose another label."
                ),
                repr(label),
            ),
            field="label",
        )


def links_of(s: Session, version_id: int) -> list[TermsVersionSubProcessor]:
    """The sub-processors a version lists, in their order."""
    return list(
        s.execute(
            select(TermsVersionSubProcessor)
            .where(TermsVersionSubProcessor.terms_version_id == version_id)
            .order_by(TermsVersionSubProcessor.position)
        ).scalars()
    )


def delete_links(s: Session, version_id: int) -> None:
    for link in links_of(s, version_id):
        s.delete(link)
    s.flush()


def register(s: Session, *, include_retired: bool = False) -> list[SubProcessorEntry]:
    """The sub-processor register, in the order entries were added."""
    q = select(SubProcessorEntry).order_by(SubProcessorEntry.id)
    if not include_retired:
        q = q.where(SubProcessorEntry.retired_at.is_(None))
    return list(s.execute(q).scalars())


def subprocessor_by_id(s: Session, entry_id: int) -> SubProcessorEntry:
    entry = s.get(SubProcessorEntry, entry_id)
    if entry is None:
        raise NotFoundError(
            fill(translate("TermsService", "No sub-processor %1 in the register."), entry_id)
        )
    return entry


def refuse_taken_subprocessor_name(s: Session, name: str, own_id: int | None) -> None:
    """Raise a UserError when another live register entry has this name (any case)."""
    q = select(SubProcessorEntry.id).where(
        SubProcessorEntry.retired_at.is_(None),
        func.lower(SubProcessorEntry.name) == name.lower(),
    )
    for other in s.execute(q).scalars():
        if other != own_id:
            raise UserError(
                fill(translate("TermsService", "%1 is in the register already."), name),
                field="name",
            )


def add_notices(s: Session, version_id: int) -> int:
    """Put every active customer on the §14 re-acceptance list for the version; how many."""
    created = 0
    for customer_id in active_customer_ids(s):
        s.add(ReacceptanceNotice(customer_id=customer_id, terms_version_id=version_id))
        created += 1
    s.flush()
    return created
