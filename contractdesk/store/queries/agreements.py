"""Agreements, acceptances, scans and §14 notices: the SQL of the agreement ledger.

Functions take an open session and return ORM rows or plain tuples; the agreement services map
them into their views. Look-ups that do not find their row raise ``NotFoundError`` with the
message the user sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from contractdesk.domain.orgnr import InvalidOrgNumber, format_org_number, parse_org_number
from contractdesk.errors import NotFoundError, UserError
from contractdesk.i18n import fill, format_day, translate
from contractdesk.store.models import (
    Acceptance,
    AcceptanceScan,
    Agreement,
    AgreementDocument,
    Customer,
    Person,
    ReacceptanceNotice,
    ScanImportPage,
    Supplier,
    TermsVersion,
)

__all__ = [
    "DOCUMENT_ID_RE",
    "Session",
    "acceptance_by_id",
    "acceptance_rows",
    "agreement_by_ref",
    "agreement_states",
    "agreements_in_states",
    "agreements_of",
    "agreements_on_version",
    "customer_choices",
    "customer_ids_with_state",
    "customers_by_org_numbers",
    "document_versions",
    "documents_by_fingerprint",
    "documents_by_pdf_hash",
    "imported_pages",
    "latest_agreement",
    "latest_documents",
    "next_document_id",
    "notice_rows",
    "notices_of_version",
    "open_notices",
    "person_by_id",
    "published_version",
    "reacceptance_labels",
    "scan_by_sha256",
    "scan_of",
    "signed_or_active",
    "supplier_org_number",
    "version_in_effect",
]

DOCUMENT_ID_RE = re.compile(r"^CD-(\d{4})-(\d{6})$")
_CHUNK = 500


def _t(text: str, *values: object) -> str:
    return fill(text, *values)


# -- look-ups --------------------------------------------------------------------------------------


def customers_by_org_numbers(s: Session, org_numbers: Iterable[str]) -> list[Customer]:
    """Several customers by org number in few queries, in the order given (each once).

    Raises:
        UserError: a number is not a valid org number.
        NotFoundError: no customer has one of them (the message of ``customer_by_org_number``).
    """
    wanted: list[str] = []
    for text in org_numbers:
        try:
            wanted.append(parse_org_number(text))
        except InvalidOrgNumber as exc:
            raise UserError(
                _t(translate("Customers", "Organisation number: %1"), exc), field="org_number"
            ) from None
    wanted = list(dict.fromkeys(wanted))
    found: dict[str, Customer] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        found.update(
            (c.org_number, c)
            for c in s.execute(select(Customer).where(Customer.org_number.in_(chunk))).scalars()
        )
    for org in wanted:
        if org not in found:
            raise NotFoundError(
                _t(
                    translate(
                        "Customers", "No customer with organisation number %1; register it first."
                    ),
                    format_org_number(org),
                ),
                field="org_number",
            )
    return [found[org] for org in wanted]


def person_by_id(s: Session, person_id: int, *, field: str = "signed_by") -> Person:
    person = s.get(Person, int(person_id))
    if person is None:
        raise NotFoundError(
            _t(translate("AgreementService", "No person with id %1."), person_id), field=field
        )
    return person


def published_version(s: Session, label: str | None) -> TermsVersion:
    """The published terms version with this label (a draft is refused)."""
    v = s.execute(select(TermsVersion).where(TermsVersion.label == (label or "").strip())).scalar()
    if v is None:
        raise NotFoundError(
            _t(translate("AgreementService", "No terms version %1."), repr(label)), field="terms"
        )
    if v.state != "published":
        raise UserError(
            _t(
                translate("AgreementService", "Terms version %1 is a draft: publish it first."),
                repr(v.label),
            ),
            field="terms",
        )
    return v


def version_in_effect(s: Session, day: date) -> TermsVersion:
    """The newest published version in effect on ``day``."""
    v = s.execute(
        select(TermsVersion)
        .where(TermsVersion.state == "published", TermsVersion.effective_date <= day)
        .order_by(TermsVersion.effective_date.desc())
        .limit(1)
    ).scalar()
    if v is None:
        raise UserError(
            _t(
                translate("AgreementService", "No published terms version is in effect on %1."),
                format_day(day),
            )
        )
    return v


def agreement_by_ref(s: Session, ref: int | str) -> Agreement:
    """An agreement by id or document id (``CD-2027-000123``)."""
    text = str(ref).strip()
    agreement: Agreement | None = None
    if DOCUMENT_ID_RE.match(text.upper()):
        agreement = s.execute(
            select(Agreement).where(Agreement.document_id == text.upper())
        ).scalar()
    elif text.isdigit():
        agreement = s.get(Agreement, int(text))
    if agreement is None:
        raise NotFoundError(_t(translate("AgreementService", "No agreement %1."), text))
    return agreement


def acceptance_by_id(s: Session, acceptance_id: int) -> Acceptance:
    acceptance = s.get(Acceptance, int(acceptance_id))
    if acceptance is None:
        raise NotFoundError(_t(translate("AgreementService", "No acceptance %1."), acceptance_id))
    return acceptance


def next_document_id(s: Session, year: int) -> str:
    """The next free ``CD-<year>-<number>``."""
    prefix = f"CD-{year:04d}-"
    last = s.execute(
        select(Agreement.document_id)
        .where(Agreement.document_id.like(f"{prefix}%"))
        .order_by(Agreement.document_id.desc())
        .limit(1)
    ).scalar()
    number = int(last[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{number:06d}"


# -- agreements ------------------------------------------------------------------------------------


def agreements_of(s: Session, customer_id: int | None = None) -> list[Agreement]:
    q = select(Agreement).order_by(Agreement.id)
    if customer_id is not None:
        q = q.where(Agreement.customer_id == customer_id)
    return list(s.execute(q).scalars())


def latest_agreement(
    s: Session,
    customer_id: int,
    version_id: int,
    states: Sequence[str],
    *,
    exclude_id: int | None = None,
) -> Agreement | None:
    """The newest agreement of a customer on a version in one of ``states``."""
    q = select(Agreement).where(
        Agreement.customer_id == customer_id,
        Agreement.terms_version_id == version_id,
        Agreement.state.in_(tuple(states)),
    )
    if exclude_id is not None:
        q = q.where(Agreement.id != exclude_id)
    return s.execute(q.order_by(Agreement.id.desc()).limit(1)).scalar()


def agreements_in_states(
    s: Session, customer_id: int, states: Sequence[str], *, exclude_id: int | None = None
) -> list[Agreement]:
    q = select(Agreement).where(
        Agreement.customer_id == customer_id, Agreement.state.in_(tuple(states))
    )
    if exclude_id is not None:
        q = q.where(Agreement.id != exclude_id)
    return list(s.execute(q.order_by(Agreement.id)).scalars())


def agreements_on_version(
    s: Session, version_id: int, customer_ids: Sequence[int]
) -> dict[int, list[Agreement]]:
    """Every agreement on a version of these customers, oldest first, by customer id."""
    found: dict[int, list[Agreement]] = {}
    ids = list(customer_ids)
    for start in range(0, len(ids), _CHUNK):
        for a in s.execute(
            select(Agreement)
            .where(
                Agreement.terms_version_id == version_id,
                Agreement.customer_id.in_(ids[start : start + _CHUNK]),
            )
            .order_by(Agreement.id)
        ).scalars():
            found.setdefault(a.customer_id, []).append(a)
    return found


def signed_or_active(s: Session, customer_id: int) -> list[tuple[Agreement, TermsVersion]]:
    """A customer's signed and active agreements with their versions."""
    return [
        (a, v)
        for a, v in s.execute(
            select(Agreement, TermsVersion)
            .join(TermsVersion, TermsVersion.id == Agreement.terms_version_id)
            .where(Agreement.customer_id == customer_id, Agreement.state.in_(("signed", "active")))
        ).all()
    ]


def customer_ids_with_state(s: Session, state: str) -> list[int]:
    return list(
        s.execute(
            select(Agreement.customer_id).where(Agreement.state == state).distinct()
        ).scalars()
    )


def agreement_states(s: Session) -> dict[int, tuple[str, str]]:
    """(document id, state) per customer: the active agreement, else the newest."""
    out: dict[int, tuple[str, str]] = {}
    for customer_id, document_id, state in s.execute(
        select(Agreement.customer_id, Agreement.document_id, Agreement.state).order_by(
            (Agreement.state == "active").asc(), Agreement.id.asc()
        )
    ).all():
        out[customer_id] = (document_id, state)  # the last wins: active, else the newest
    return out


def customer_choices(s: Session) -> list[tuple[int, str, str, str]]:
    """(id, org number, name, status) of every customer, by name."""
    rows = s.execute(
        select(Customer.id, Customer.org_number, Customer.name, Customer.status).order_by(
            Customer.name, Customer.org_number
        )
    ).all()
    return [(r[0], r[1], r[2], r[3]) for r in rows]


# -- acceptances and scans -------------------------------------------------------------------------


def acceptance_rows(
    s: Session, *, customer_id: int | None = None, acceptance_id: int | None = None
) -> list[tuple[Any, ...]]:
    """Ledger lines, newest first, in one query (no scan bytes).

    Each: (acceptance, org number, customer name, version label, version sha256, effective date,
    document id, scan filename, scan mime, scan size, scan sha256).
    """
    q = (
        select(
            Acceptance,
            Customer.org_number,
            Customer.name,
            TermsVersion.label,
            TermsVersion.sha256,
            TermsVersion.effective_date,
            Agreement.document_id,
            AcceptanceScan.filename,
            AcceptanceScan.mime,
            AcceptanceScan.size,
            AcceptanceScan.sha256,
        )
        .join(Customer, Customer.id == Acceptance.customer_id)
        .join(TermsVersion, TermsVersion.id == Acceptance.terms_version_id)
        .outerjoin(Agreement, Agreement.id == Acceptance.agreement_id)
        .outerjoin(AcceptanceScan, AcceptanceScan.acceptance_id == Acceptance.id)
    )
    if customer_id is not None:
        q = q.where(Acceptance.customer_id == customer_id)
    if acceptance_id is not None:
        q = q.where(Acceptance.id == acceptance_id)
    q = q.order_by(Acceptance.accepted_on.desc(), Acceptance.id.desc())
    return [tuple(row) for row in s.execute(q).all()]


def scan_of(s: Session, acceptance_id: int) -> AcceptanceScan | None:
    return s.execute(
        select(AcceptanceScan).where(AcceptanceScan.acceptance_id == acceptance_id)
    ).scalar()


def scan_by_sha256(s: Session, sha256: str) -> AcceptanceScan | None:
    """A stored scan with these bytes (the first), or None."""
    return s.execute(
        select(AcceptanceScan).where(AcceptanceScan.sha256 == sha256).limit(1)
    ).scalar()


# -- §14 notices -----------------------------------------------------------------------------------


def open_notices(s: Session, customer_id: int) -> list[tuple[ReacceptanceNotice, TermsVersion]]:
    """A customer's §14 notices not yet accepted or ended, with their versions."""
    return [
        (n, v)
        for n, v in s.execute(
            select(ReacceptanceNotice, TermsVersion)
            .join(TermsVersion, TermsVersion.id == ReacceptanceNotice.terms_version_id)
            .where(
                ReacceptanceNotice.customer_id == customer_id,
                ReacceptanceNotice.accepted_on.is_(None),
                ReacceptanceNotice.terminated_confirmed_at.is_(None),
            )
        ).all()
    ]


def notice_rows(
    s: Session, *, version_id: int | None = None, customer_id: int | None = None
) -> list[tuple[ReacceptanceNotice, str, str, str, date]]:
    """(notice, org number, customer name, version label, effective date), newest version first."""
    q = (
        select(
            ReacceptanceNotice,
            Customer.org_number,
            Customer.name,
            TermsVersion.label,
            TermsVersion.effective_date,
        )
        .join(Customer, Customer.id == ReacceptanceNotice.customer_id)
        .join(TermsVersion, TermsVersion.id == ReacceptanceNotice.terms_version_id)
    )
    if version_id is not None:
        q = q.where(ReacceptanceNotice.terms_version_id == version_id)
    if customer_id is not None:
        q = q.where(ReacceptanceNotice.customer_id == customer_id)
    q = q.order_by(TermsVersion.effective_date.desc(), Customer.name, Customer.org_number)
    return [(n, org, name, label, eff) for n, org, name, label, eff in s.execute(q).all()]


def notices_of_version(s: Session, version_id: int) -> dict[int, ReacceptanceNotice]:
    """The §14 notices of a version by customer id."""
    return {
        n.customer_id: n
        for n in s.execute(
            select(ReacceptanceNotice).where(ReacceptanceNotice.terms_version_id == version_id)
        ).scalars()
    }


def reacceptance_labels(s: Session) -> list[str]:
    """Labels of the versions that have a §14 list, newest first."""
    q = (
        select(TermsVersion.label, TermsVersion.effective_date)
        .join(ReacceptanceNotice, ReacceptanceNotice.terms_version_id == TermsVersion.id)
        .distinct()
        .order_by(TermsVersion.effective_date.desc())
    )
    return [str(row[0]) for row in s.execute(q)]


# -- issued documents and imported scan pages ------------------------------------------------------


def document_versions(s: Session, agreement_id: int) -> list[AgreementDocument]:
    """Every issued version of an agreement's document, oldest first."""
    return list(
        s.execute(
            select(AgreementDocument)
            .where(AgreementDocument.agreement_id == agreement_id)
            .order_by(AgreementDocument.version)
        ).scalars()
    )


def latest_documents(s: Session, agreement_ids: Sequence[int]) -> dict[int, AgreementDocument]:
    """The newest issued version per agreement (agreements never issued are left out)."""
    out: dict[int, AgreementDocument] = {}
    ids = list(agreement_ids)
    for start in range(0, len(ids), _CHUNK):
        for row in s.execute(
            select(AgreementDocument)
            .where(AgreementDocument.agreement_id.in_(ids[start : start + _CHUNK]))
            .order_by(AgreementDocument.agreement_id, AgreementDocument.version)
        ).scalars():
            out[row.agreement_id] = row
    return out


def documents_by_fingerprint(s: Session, fingerprint: str) -> list[AgreementDocument]:
    return list(
        s.execute(
            select(AgreementDocument).where(AgreementDocument.fingerprint == fingerprint)
        ).scalars()
    )


def imported_pages(s: Session, source_sha256: str) -> dict[int, ScanImportPage]:
    """The pages of a scan file imported before, by page number."""
    return {
        row.page: row
        for row in s.execute(
            select(ScanImportPage).where(ScanImportPage.source_sha256 == source_sha256)
        ).scalars()
    }


def documents_by_pdf_hash(s: Session, sha256: str) -> list[AgreementDocument]:
    """Issued versions whose agreement PDF or signature sheet had these bytes."""
    return list(
        s.execute(
            select(AgreementDocument).where(
                (AgreementDocument.pdf_sha256 == sha256)
                | (AgreementDocument.sheet_sha256 == sha256)
            )
        ).scalars()
    )


def supplier_org_number(s: Session) -> str | None:
    """The supplier profile's org number (None before the profile is saved)."""
    row = s.get(Supplier, 1)
    return row.org_number if row is not None else None
