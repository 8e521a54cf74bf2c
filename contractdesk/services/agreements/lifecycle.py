"""Steps the agreement use cases share inside one session: state moves, settling, views.

An agreement moves by the domain's `transition` and every move is audited; `settle` makes the
newest signed version in effect the one active agreement. Everything here runs inside a session
the calling use case opened.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from contractdesk.domain.people import full_name
from contractdesk.domain.signing import SignatoryCheck, check_signatory
from contractdesk.domain.terms.agreement import (
    AgreementState,
    InvalidTransitionError,
    transition,
)
from contractdesk.domain.terms.reacceptance import CustomerAcceptance, reacceptance_row
from contractdesk.errors import UserError
from contractdesk.i18n import fill, format_day, render_stored, translate
from contractdesk.store import audit
from contractdesk.store.models import (
    Acceptance,
    AcceptanceScan,
    Agreement,
    AgreementDocument,
    Customer,
    Person,
    ScanImportPage,
    TermsVersion,
)
from contractdesk.store.numbering import AGREEMENT_SERIES, serialise_series
from contractdesk.store.queries import agreements as q
from contractdesk.store.queries.agreements import Session
from contractdesk.store.types import utcnow

from .views import AcceptanceView, AgreementView, ReacceptanceView, TerminationProposal


def _t(text: str, *values: object) -> str:
    return fill(text, *values)


def move(
    s: Session,
    agreement: Agreement,
    target: AgreementState,
    actor: str,
    *,
    reason: str = "",
    extra: dict[str, Any] | None = None,
) -> None:
    try:
        state = transition(agreement.state, target)
    except InvalidTransitionError as exc:
        raise UserError(
            _t(translate("AgreementService", "Agreement %1: %2"), agreement.document_id, exc)
        ) from None
    old = agreement.state
    agreement.state = state.value
    agreement.updated_at = utcnow()
    if state is AgreementState.TERMINATED:
        agreement.terminated_at = agreement.updated_at
        agreement.ended_reason = reason or "terminated"
    if state is AgreementState.DRAFT:
        agreement.sent_at = None
        agreement.sent_to = None
    s.flush()
    payload: dict[str, Any] = {"from": old, "to": state.value}
    if reason:
        payload["reason"] = reason
    payload.update(extra or {})
    audit.append(
        s,
        actor=actor,
        action="agreement.state_changed",
        entity_type="agreement",
        entity_id=agreement.document_id,
        payload=payload,
    )


def settle(s: Session, customer: Customer, day: date, actor: str) -> int:
    """The newest signed-or-active agreement whose version is in effect becomes the active one.

    Older signed/active agreements end as superseded; signed ones for versions not yet in effect
    wait.
    """
    rows = q.signed_or_active(s, customer.id)
    in_effect = [
        (a, v) for a, v in rows if v.effective_date is not None and v.effective_date <= day
    ]
    if not in_effect:
        return 0
    winner, winner_version = max(
        in_effect, key=lambda r: (r[1].effective_date, r[0].signed_at or date.min, r[0].id)
    )
    changed = 0
    for agreement, version in rows:
        if agreement.id == winner.id:
            continue
        if (
            version.effective_date is not None
            and winner_version.effective_date is not None
            and version.effective_date > winner_version.effective_date
        ):
            continue  # signed for a later version: becomes active when that takes effect
        move(
            s,
            agreement,
            AgreementState.TERMINATED,
            actor,
            reason="superseded",
            extra={"superseded_by": winner.document_id},
        )
        changed += 1
    if winner.state != AgreementState.ACTIVE.value:
        move(s, winner, AgreementState.ACTIVE, actor)
        changed += 1
    return changed


def new_agreement(s: Session, customer: Customer, version: TermsVersion, actor: str) -> Agreement:
    now = utcnow()
    serialise_series(s, AGREEMENT_SERIES)  # no other connection numbers one until we commit
    agreement = Agreement(
        document_id=q.next_document_id(s, now.year),
        customer_id=customer.id,
        terms_version_id=version.id,
        state=AgreementState.DRAFT.value,
        created_at=now,
        updated_at=now,
    )
    s.add(agreement)
    s.flush()
    audit.append(
        s,
        actor=actor,
        action="agreement.created",
        entity_type="agreement",
        entity_id=agreement.document_id,
        payload={"org_number": customer.org_number, "terms_label": version.label},
    )
    return agreement


def agreement_for(
    s: Session,
    customer: Customer,
    version: TermsVersion,
    ref: int | str | None,
    actor: str,
) -> tuple[Agreement, bool]:
    """The agreement an acceptance belongs to, and whether the acceptance signs it.

    A further acceptance of a version already signed (e.g. the second of two joint signers)
    joins that agreement without changing its state.
    """
    if ref is not None:
        agreement = q.agreement_by_ref(s, ref)
        if agreement.customer_id != customer.id or agreement.terms_version_id != version.id:
            raise UserError(
                _t(
                    translate(
                        "AgreementService",
                        "Agreement %1 is not for this customer and terms version.",
                    ),
                    agreement.document_id,
                )
            )
        if agreement.state in (AgreementState.DRAFT.value, AgreementState.SENT.value):
            return agreement, True
        if agreement.state in (AgreementState.SIGNED.value, AgreementState.ACTIVE.value):
            return agreement, False
        raise UserError(
            _t(
                translate("AgreementService", "Agreement %1 is %2 already."),
                agreement.document_id,
                agreement.state,
            )
        )
    signed = q.latest_agreement(
        s, customer.id, version.id, (AgreementState.SIGNED.value, AgreementState.ACTIVE.value)
    )
    if signed is not None:
        return signed, False
    open_one = q.latest_agreement(
        s, customer.id, version.id, (AgreementState.DRAFT.value, AgreementState.SENT.value)
    )
    return (open_one or new_agreement(s, customer, version, actor)), True


def tick_notices(
    s: Session, customer: Customer, version: TermsVersion, acceptance: Acceptance
) -> None:
    """An acceptance answers the §14 notice of its version and of older versions still open."""
    rows = q.open_notices(s, customer.id)
    for notice, notice_version in rows:
        if notice_version.id == version.id or (
            notice_version.effective_date
            and version.effective_date
            and notice_version.effective_date <= version.effective_date
        ):
            notice.accepted_on = acceptance.accepted_on
            notice.acceptance_id = acceptance.id


def store_scan(s: Session, acceptance: Acceptance, scan: tuple[str, str, bytes, str]) -> None:
    filename, mime, data, digest = scan
    s.add(
        AcceptanceScan(
            acceptance_id=acceptance.id,
            filename=filename,
            mime=mime,
            size=len(data),
            sha256=digest,
            data=data,
        )
    )
    s.flush()


def notice_views(
    s: Session,
    day: date,
    *,
    version_id: int | None = None,
    customer_id: int | None = None,
) -> list[ReacceptanceView]:
    out = []
    rows = q.notice_rows(s, version_id=version_id, customer_id=customer_id)
    for notice, org, name, label, effective in rows:
        row = reacceptance_row(
            effective,
            CustomerAcceptance(notice.customer_id, notice.notified_on, notice.accepted_on),
            day,
        )
        status = "terminated" if notice.terminated_confirmed_at is not None else row.status.value
        out.append(
            ReacceptanceView(
                notice_id=notice.id,
                customer_id=notice.customer_id,
                org_number=org,
                customer_name=name,
                terms_label=label,
                effective_date=effective,
                last_notice_date=row.last_notice_date,
                notified_on=notice.notified_on,
                notified_how=notice.notified_how,
                acceptance_deadline=row.acceptance_deadline,
                accepted_on=notice.accepted_on,
                status=status,
                notice_late=row.notice_late,
                accepted_late=row.accepted_late,
                proposed_terminated_on=notice.proposed_terminated_on,
                terminated_confirmed_at=notice.terminated_confirmed_at,
            )
        )
    return out


def proposal(
    view: ReacceptanceView, considered: date, *, confirmed_at: datetime | None = None
) -> TerminationProposal:
    assert view.notified_on is not None and view.acceptance_deadline is not None
    reason = _t(
        translate(
            "AgreementService",
            "Notified %1, not accepted by %2: under §14 the agreement is considered terminated "
            "from %3 once the owner confirms.",
        ),
        format_day(view.notified_on),
        format_day(view.acceptance_deadline),
        format_day(considered),
    )
    return TerminationProposal(
        view.notice_id,
        view.org_number,
        view.customer_name,
        view.terms_label,
        view.notified_on,
        view.acceptance_deadline,
        considered,
        reason,
        confirmed_at,
    )


def agreement_view(
    s: Session, a: Agreement, docs: Mapping[int, AgreementDocument] | None = None
) -> AgreementView:
    """The view of an agreement with its latest issued document (``docs``: preloaded by id)."""
    customer = s.get(Customer, a.customer_id)
    version = s.get(TermsVersion, a.terms_version_id)
    assert customer is not None and version is not None
    doc = (docs if docs is not None else q.latest_documents(s, [a.id])).get(a.id)
    return AgreementView(
        a.id,
        a.document_id,
        customer.id,
        customer.org_number,
        customer.name,
        version.id,
        version.label,
        version.sha256,
        a.state,
        a.created_at,
        a.sent_at,
        a.sent_to,
        a.signed_at,
        a.signatory_person_id,
        a.terminated_at,
        a.ended_reason,
        doc.version if doc else None,
        doc.fingerprint if doc else None,
        doc.pdf_sha256 if doc else None,
        doc.issued_on if doc else None,
        version=a.version,
    )


def acceptance_view(s: Session, a: Acceptance) -> AcceptanceView:
    s.flush()
    return acceptance_rows(s, acceptance_id=a.id)[0][0]


def acceptance_rows(
    s: Session, *, customer_id: int | None = None, acceptance_id: int | None = None
) -> list[tuple[AcceptanceView, date]]:
    """Ledger lines (newest first) with their version's effective date (no scan bytes)."""
    out = []
    for (
        a,
        org,
        name,
        label,
        sha,
        effective,
        document_id,
        filename,
        mime,
        size,
        scan_sha,
    ) in q.acceptance_rows(s, customer_id=customer_id, acceptance_id=acceptance_id):
        out.append(
            (
                AcceptanceView(
                    id=a.id,
                    customer_id=a.customer_id,
                    org_number=org,
                    customer_name=name,
                    terms_label=label,
                    terms_sha256=sha,
                    accepted_on=a.accepted_on,
                    method=a.method,
                    signed_by_person_id=a.signed_by_person_id,
                    signed_by_name=a.signed_by_name,
                    warning=render_stored(a.signatory_warning),
                    note=a.note,
                    agreement_document_id=document_id,
                    recorded_at=a.recorded_at,
                    scan_filename=filename,
                    scan_mime=mime,
                    scan_size=size,
                    scan_sha256=scan_sha,
                ),
                effective or date.min,
            )
        )
    return out


def check(customer: Customer, name: str) -> SignatoryCheck:
    data = customer.registry_data if isinstance(customer.registry_data, Mapping) else {}
    procuration = data.get("procuration_rule")
    listed = data.get("signatories")
    return check_signatory(
        name,
        customer.registry_roles,
        customer.signing_rule,
        procuration_rule=procuration if isinstance(procuration, Mapping) else None,
        signatories=listed if isinstance(listed, list) else None,
        customer_name=customer.name,
    )


def person_name(person: Person) -> str:
    return full_name(person.first_name, person.middle_name, person.last_name)


def mark_imported(
    s: Session, imported: tuple[str, tuple[int, ...]], document_id: str, acceptance_id: int
) -> None:
    """Record that these pages of a scan file were filed to a document (never twice)."""
    source, pages = imported
    done = q.imported_pages(s, source)
    for page in pages:
        if page not in done:
            s.add(
                ScanImportPage(
                    source_sha256=source,
                    page=page,
                    document_id=document_id,
                    acceptance_id=acceptance_id,
                )
            )
    s.flush()
