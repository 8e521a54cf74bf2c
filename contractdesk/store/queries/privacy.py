"""The SQL of the privacy area: retention facts and changes, breaches, records, versions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from contractdesk.domain.terms.document import TermsDocument
from contractdesk.store import audit
from contractdesk.store.models import (
    Acceptance,
    Agreement,
    AuditEntry,
    Breach,
    BreachCustomer,
    Consent,
    Customer,
    DataSubjectRequest,
    Person,
    PersonRole,
    PrivacyDocumentVersion,
    ReacceptanceNotice,
    RetentionMark,
    ServiceRecord,
    SubProcessorEntry,
    SubProcessorTransfer,
    TermsVersion,
    UsageEntry,
)
from contractdesk.store.queries.portable import json_array_len, json_kind
from contractdesk.store.types import utcnow

# -- facts for the retention rules ---------------------------------------------------------------


@dataclass(frozen=True)
class CustomerRow:
    """One customer's raw facts (the service turns them into domain facts)."""

    id: int
    org_number: str
    name: str
    explicit_end: date | None
    created: date
    updated: date
    agreements: tuple[tuple[str, date | None], ...]
    last_sent: date | None
    recipients: int
    services: tuple[tuple[int, date | None, date | None, date | None, date | None], ...]
    last_usage: date | None
    acceptances: int
    registry_persons: int
    anonymised: bool
    done: frozenset[str]


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def customer_rows(s: Session) -> list[CustomerRow]:
    """Every customer with the facts retention needs, in a handful of queries."""
    agreements: dict[int, list[tuple[str, date | None]]] = defaultdict(list)
    sent: dict[int, list[date]] = defaultdict(list)
    recipients: dict[int, int] = defaultdict(int)
    for a in s.execute(
        select(
            Agreement.customer_id,
            Agreement.state,
            Agreement.terminated_at,
            Agreement.sent_at,
            Agreement.sent_to,
        )
    ):
        agreements[a.customer_id].append((a.state, _day(a.terminated_at)))
        if a.sent_at is not None:
            sent[a.customer_id].append(a.sent_at.date())
        if a.sent_to:
            recipients[a.customer_id] += 1
    for n in s.execute(
        select(ReacceptanceNotice.customer_id).where(ReacceptanceNotice.notified_how != "")
    ):
        recipients[n.customer_id] += 1
    services: dict[int, list[tuple[int, date | None, date | None, date | None, date | None]]] = (
        defaultdict(list)
    )
    for r in s.execute(
        select(
            ServiceRecord.customer_id,
            ServiceRecord.id,
            ServiceRecord.start,
            ServiceRecord.cost_date,
            ServiceRecord.terminated_on,
            ServiceRecord.requested_end,
        )
    ):
        services[r.customer_id].append(
            (r.id, r.start, r.cost_date, r.terminated_on, r.requested_end)
        )
    usage: dict[int, date] = {
        customer_id: month
        for customer_id, month in s.execute(
            select(ServiceRecord.customer_id, func.max(UsageEntry.month))
            .join(UsageEntry, UsageEntry.service_id == ServiceRecord.id)
            .group_by(ServiceRecord.customer_id)
        ).tuples()
    }
    accepted: dict[int, int] = {
        customer_id: n
        for customer_id, n in s.execute(
            select(Acceptance.customer_id, func.count(Acceptance.id)).group_by(
                Acceptance.customer_id
            )
        ).tuples()
    }
    done: dict[str, set[str]] = defaultdict(set)
    for m in s.execute(select(RetentionMark.subject, RetentionMark.rule)):
        done[m.subject].add(m.rule)
    # Columns only (no JSON documents parsed): a list of 10,000 customers stays fast.
    columns = select(
        Customer.id,
        Customer.org_number,
        Customer.name,
        Customer.relationship_ended_on,
        Customer.created_at,
        Customer.updated_at,
        func.coalesce(json_array_len(Customer.registry_roles), 0),
        Customer.signing_rule.is_not(None) & (json_kind(Customer.signing_rule) != "null"),
        Customer.business_address.is_(None) | (json_kind(Customer.business_address) == "null"),
        Customer.postal_address.is_(None) | (json_kind(Customer.postal_address) == "null"),
    ).order_by(Customer.id)
    empty: frozenset[str] = frozenset()
    rows = []
    for cid, org, name, ended, created, updated, roles, rule, no_business, no_postal in s.execute(
        columns
    ).tuples():
        rows.append(
            CustomerRow(
                id=cid,
                org_number=org,
                name=name,
                explicit_end=ended,
                created=created.date(),
                updated=updated.date(),
                agreements=tuple(agreements.get(cid, ())),
                last_sent=max(sent[cid], default=None) if cid in sent else None,
                recipients=recipients.get(cid, 0),
                services=tuple(services.get(cid, ())),
                last_usage=usage.get(cid),
                acceptances=int(accepted.get(cid, 0)),
                registry_persons=int(roles or 0) + (1 if rule else 0),
                anonymised=bool(no_business) and bool(no_postal) and name == "",
                done=frozenset(done[f"customer:{cid}"]) if f"customer:{cid}" in done else empty,
            )
        )
    return rows


def live_roles(s: Session) -> list[tuple[int, int]]:
    """(person id, customer id) of every role held by a person not erased."""
    return list(
        s.execute(
            select(PersonRole.person_id, PersonRole.customer_id)
            .join(Person, Person.id == PersonRole.person_id)
            .where(Person.erased_at.is_(None))
        ).tuples()
    )


def person_names(s: Session, person_ids: Iterable[int]) -> dict[int, str]:
    """Full names of the persons (for the owner's review of what a run will anonymise)."""
    ids = sorted(set(person_ids))
    out: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        for pid, first, middle, last in s.execute(
            select(Person.id, Person.first_name, Person.middle_name, Person.last_name).where(
                Person.id.in_(ids[start : start + 500])
            )
        ).tuples():
            out[pid] = " ".join(p for p in (first, middle, last) if p)
    return out


@dataclass(frozen=True)
class SignoffRow:
    person_id: int
    signed_off_on: date
    consent_ids: tuple[int, ...]
    has_roles: bool
    other_consents: bool
    erased: bool


def newsletter_signoffs(s: Session) -> list[SignoffRow]:
    """Persons whose newest newsletter event is a sign-off."""
    events: dict[int, list[Consent]] = defaultdict(list)
    for c in s.execute(
        select(Consent).where(Consent.kind == "newsletter").order_by(Consent.on, Consent.id)
    ).scalars():
        events[c.person_id].append(c)
    ids = [p for p, rows in events.items() if not rows[-1].given]
    if not ids:
        return []
    with_roles = set(
        s.execute(select(PersonRole.person_id).where(PersonRole.person_id.in_(ids))).scalars()
    )
    other = set(
        s.execute(
            select(Consent.person_id).where(
                Consent.kind != "newsletter", Consent.person_id.in_(ids)
            )
        ).scalars()
    )
    erased = set(
        s.execute(
            select(Person.id).where(Person.erased_at.is_not(None), Person.id.in_(ids))
        ).scalars()
    )
    out = []
    for person_id, rows in events.items():
        last = rows[-1]
        if last.given:
            continue
        out.append(
            SignoffRow(
                person_id,
                last.on,
                tuple(r.id for r in rows),
                person_id in with_roles,
                person_id in other,
                person_id in erased,
            )
        )
    return out


def closed_requests(s: Session) -> list[tuple[int, date]]:
    rows = s.execute(
        select(DataSubjectRequest.id, DataSubjectRequest.done_on).where(
            DataSubjectRequest.done_on.is_not(None)
        )
    )
    return [(r.id, r.done_on) for r in rows if r.done_on is not None]


def audit_entries_with_details(s: Session) -> list[tuple[int, date]]:
    """Audit entries whose details are not blank yet (ids and days only)."""
    rows = s.execute(
        select(AuditEntry.id, AuditEntry.at).where(
            AuditEntry.payload_salt.is_not(None), AuditEntry.payload != "{}"
        )
    )
    return [(r.id, r.at.date()) for r in rows]


# -- the changes a retention run makes -------------------------------------------------------------


def registry_person_names(s: Session, customer_id: int) -> list[str]:
    """Names in the customer's registry snapshot (role holders, signing rule)."""
    c = s.get(Customer, customer_id)
    if c is None:
        return []
    names: list[str] = []
    for entry in c.registry_roles or ():
        if isinstance(entry, dict):
            for key in ("name", "full_name", "first_name", "last_name"):
                value = entry.get(key)
                if isinstance(value, str) and len(value) >= 3:
                    names.append(value)
    rule = c.signing_rule if isinstance(c.signing_rule, dict) else {}
    for key in ("signer_sets", "lapsed_sets"):
        for group in rule.get(key) or ():
            names += [n for n in group if isinstance(n, str) and len(n) >= 3]
    return list(dict.fromkeys(names))


def blank_registry_persons(s: Session, customer_id: int) -> int:
    """Drop role holders and signing rule from the snapshot, and audit details naming them."""
    names = registry_person_names(s, customer_id)
    blanked = audit.erase_payloads(s, audit.entries_mentioning(s, names)) if names else 0
    s.execute(
        update(Customer)
        .where(Customer.id == customer_id)
        .values(
            registry_roles=[],
            signing_rule=None,
            registry_data=None,
            version=Customer.version + 1,  # a change: forms showing the old version are stale
        )
    )
    return blanked


def blank_recipients(s: Session, customer_id: int) -> int:
    """Drop the addresses agreements and §14 notices went to, and audit details naming them."""
    addresses = [
        a
        for a in s.execute(
            select(Agreement.sent_to).where(Agreement.customer_id == customer_id)
        ).scalars()
        if a
    ]
    addresses += [
        n
        for n in s.execute(
            select(ReacceptanceNotice.notified_how).where(
                ReacceptanceNotice.customer_id == customer_id
            )
        ).scalars()
        if n
    ]
    blanked = audit.erase_payloads(s, audit.entries_mentioning(s, addresses)) if addresses else 0
    s.execute(
        update(Agreement)
        .where(Agreement.customer_id == customer_id)
        .values(sent_to=None, version=Agreement.version + 1)
    )
    s.execute(
        update(ReacceptanceNotice)
        .where(ReacceptanceNotice.customer_id == customer_id)
        .values(notified_how="")
    )
    return blanked


def blank_signer_warnings(s: Session, person_ids: Sequence[int]) -> int:
    """Blank the signatory warnings (they name the signer) of acceptances signed by these persons.

    The acceptance itself (customer, version, date, method, scan) stays as evidence.
    """
    if not person_ids:
        return 0
    result = s.execute(
        update(Acceptance)
        .where(
            Acceptance.signed_by_person_id.in_(list(person_ids)),
            Acceptance.signatory_warning.is_not(None),
        )
        .values(signatory_warning="")
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]  # CursorResult of an UPDATE


def delete_services(s: Session, service_ids: Sequence[int]) -> int:
    """Delete services (their usage and price changes go with them: CASCADE)."""
    if not service_ids:
        return 0
    result = s.execute(delete(ServiceRecord).where(ServiceRecord.id.in_(list(service_ids))))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]  # CursorResult of a DELETE


def anonymise_customer(s: Session, customer_id: int) -> None:
    """Blank name, addresses and registry snapshot; the row, its id and org number stay."""
    c = s.get(Customer, customer_id)
    if c is None:
        return
    c.name = ""
    c.business_address = None
    c.postal_address = None
    c.registry_roles = []
    c.signing_rule = None
    c.registry_data = None


def delete_requests(s: Session, request_ids: Sequence[int]) -> int:
    if not request_ids:
        return 0
    result = s.execute(
        delete(DataSubjectRequest).where(DataSubjectRequest.id.in_(list(request_ids)))
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]  # CursorResult of a DELETE


def delete_consents(s: Session, consent_ids: Sequence[int]) -> int:
    if not consent_ids:
        return 0
    result = s.execute(delete(Consent).where(Consent.id.in_(list(consent_ids))))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]  # CursorResult of a DELETE


def add_mark(
    s: Session, subject: str, rule: str, kept: Iterable[str], kept_until: date | None
) -> None:
    s.add(RetentionMark(subject=subject, rule=rule, kept=list(kept), kept_until=kept_until))


def marks(s: Session) -> list[RetentionMark]:
    return list(s.execute(select(RetentionMark).order_by(RetentionMark.id)).scalars())


# -- records of processing -----------------------------------------------------------------------


@dataclass(frozen=True)
class ControllerRow:
    customer_id: int
    org_number: str
    name: str
    terms_label: str
    accepted_on: date


def _has_dpa(document_json: str) -> bool:
    from contractdesk.domain.terms.dpa_checklist import find_dpa_annex

    try:
        return find_dpa_annex(TermsDocument.from_json(document_json)) is not None
    except (ValueError, KeyError, TypeError):
        return False


def dpa_controllers(s: Session) -> list[ControllerRow]:
    """Customers whose newest acceptance has a DPA annex (minus those whose data is deleted)."""
    versions = {
        v.id: (v.label, _has_dpa(v.document))
        for v in s.execute(select(TermsVersion).where(TermsVersion.state == "published")).scalars()
    }
    done = {
        int(m.split(":")[1])
        for m in s.execute(
            select(RetentionMark.subject).where(RetentionMark.rule == "customer_data")
        ).scalars()
    }
    newest: dict[int, tuple[int, date]] = {}
    for customer_id, version_id, accepted_on in s.execute(
        select(
            Acceptance.customer_id, Acceptance.terms_version_id, Acceptance.accepted_on
        ).order_by(Acceptance.accepted_on, Acceptance.id)
    ).tuples():
        if versions.get(version_id, ("", False))[1]:
            newest[customer_id] = (version_id, accepted_on)
    out = []
    for cid, org, name in s.execute(
        select(Customer.id, Customer.org_number, Customer.name)
    ).tuples():
        if cid in newest and cid not in done:
            version_id, accepted_on = newest[cid]
            out.append(ControllerRow(cid, org, name, versions[version_id][0], accepted_on))
    return sorted(out, key=lambda r: (r.name.casefold(), r.org_number))


@dataclass(frozen=True)
class SubProcessorRow:
    id: int
    name: str
    org_number: str
    purpose: str
    data_shared: str
    location: str | None
    kind: str
    country: str
    basis: str


def subprocessor_rows(s: Session) -> list[SubProcessorRow]:
    """The current register (retired entries left out) with any recorded transfer basis."""
    transfers = {t.subprocessor_id: t for t in s.execute(select(SubProcessorTransfer)).scalars()}
    out = []
    for e in s.execute(
        select(SubProcessorEntry)
        .where(SubProcessorEntry.retired_at.is_(None))
        .order_by(SubProcessorEntry.id)
    ).scalars():
        t = transfers.get(e.id)
        out.append(
            SubProcessorRow(
                e.id,
                e.name,
                e.org_number or "",
                e.purpose,
                e.data_shared,
                e.location,
                e.kind,
                t.country if t else "",
                t.basis if t else "",
            )
        )
    return out


def set_transfer(s: Session, subprocessor_id: int, country: str, basis: str) -> None:
    row = s.get(SubProcessorTransfer, subprocessor_id)
    if row is None:
        s.add(SubProcessorTransfer(subprocessor_id=subprocessor_id, country=country, basis=basis))
    else:
        row.country, row.basis = country, basis


def document_version(s: Session, kind: str, language: str, sha256: str) -> tuple[int, bool]:
    """The version number for this content: the newest one if unchanged, else the next (recorded).

    Returns (version, new).
    """
    newest = s.execute(
        select(PrivacyDocumentVersion)
        .where(PrivacyDocumentVersion.kind == kind, PrivacyDocumentVersion.language == language)
        .order_by(PrivacyDocumentVersion.version.desc())
        .limit(1)
    ).scalar()
    if newest is not None and newest.sha256 == sha256:
        return newest.version, False
    version = (newest.version if newest else 0) + 1
    s.add(PrivacyDocumentVersion(kind=kind, language=language, version=version, sha256=sha256))
    s.flush()
    return version, True


def peek_document_version(s: Session, kind: str, language: str, sha256: str) -> int:
    """The version this content would get, without recording it."""
    newest = s.execute(
        select(PrivacyDocumentVersion)
        .where(PrivacyDocumentVersion.kind == kind, PrivacyDocumentVersion.language == language)
        .order_by(PrivacyDocumentVersion.version.desc())
        .limit(1)
    ).scalar()
    if newest is not None and newest.sha256 == sha256:
        return newest.version
    return (newest.version if newest else 0) + 1


# -- breaches --------------------------------------------------------------------------------


def active_customer_ids(s: Session) -> list[int]:
    """Customers with a live agreement (sent, signed or active) and no recorded end."""
    return list(
        s.execute(
            select(Customer.id)
            .join(Agreement, Agreement.customer_id == Customer.id)
            .where(
                Agreement.state.in_(("sent", "signed", "active")),
                Customer.relationship_ended_on.is_(None),
            )
            .distinct()
        ).scalars()
    )


def customers_with_service_named(s: Session, words: Iterable[str]) -> list[int]:
    """Customers with a running service whose name contains any of the words (case-insensitive)."""
    found: set[int] = set()
    for word in words:
        found |= set(
            s.execute(
                select(ServiceRecord.customer_id).where(
                    func.lower(ServiceRecord.name).contains(word.lower()),
                    ServiceRecord.terminated_on.is_(None),
                )
            ).scalars()
        )
    return sorted(found)


def add_breach(
    s: Session,
    *,
    discovered_at: datetime,
    deadline_at: datetime,
    summary: str,
    systems: Sequence[str],
    subprocessors: Sequence[str],
    customers: dict[int, str],
) -> Breach:
    breach = Breach(
        discovered_at=discovered_at,
        deadline_at=deadline_at,
        summary=summary,
        systems=list(systems),
        subprocessors=list(subprocessors),
    )
    s.add(breach)
    s.flush()
    for customer_id, reason in sorted(customers.items()):
        s.add(BreachCustomer(breach_id=breach.id, customer_id=customer_id, reason=reason))
    s.flush()
    return breach


def breaches(s: Session) -> list[Breach]:
    return list(s.execute(select(Breach).order_by(Breach.id)).scalars())


def breach(s: Session, breach_id: int) -> Breach | None:
    return s.get(Breach, breach_id)


def breach_customers(s: Session, breach_id: int) -> list[tuple[BreachCustomer, Customer]]:
    return list(
        s.execute(
            select(BreachCustomer, Customer)
            .join(Customer, Customer.id == BreachCustomer.customer_id)
            .where(BreachCustomer.breach_id == breach_id)
            .order_by(Customer.sort_name, Customer.id)
        ).tuples()
    )


def mark_notified(s: Session, link_ids: Sequence[int], how: str) -> None:
    """Record that these affected customers were notified now (``eml`` or ``smtp``)."""
    if link_ids:
        s.execute(
            update(BreachCustomer)
            .where(BreachCustomer.id.in_(list(link_ids)))
            .values(notified_at=utcnow(), notified_how=how)
        )


def main_contact(s: Session, customer_id: int) -> Person | None:
    return s.execute(
        select(Person)
        .join(PersonRole, PersonRole.person_id == Person.id)
        .where(PersonRole.customer_id == customer_id, PersonRole.role == "main_contact")
    ).scalar()


def subprocessor_names(s: Session) -> dict[str, SubProcessorEntry]:
    return {
        e.name: e
        for e in s.execute(
            select(SubProcessorEntry).where(SubProcessorEntry.retired_at.is_(None))
        ).scalars()
    }
