"""Terms use cases: preview and publish a draft (hash, DPA checklist, register, §14 notices)."""

from __future__ import annotations

import json
from datetime import date

from contractdesk.domain.terms.document import TermsDocument
from contractdesk.domain.terms.dpa_checklist import DpaChecklist, check_dpa, find_dpa_annex
from contractdesk.domain.terms.fields import unknown_fields
from contractdesk.domain.terms.reacceptance import last_notice_date
from contractdesk.domain.terms.subprocessors import extract_subprocessors
from contractdesk.errors import UserError
from contractdesk.i18n import fill, format_day, translate
from contractdesk.services.terms.common import (
    fold_name,
    refuse_published,
    row_of,
    sha256_text,
    sub_view,
)
from contractdesk.services.terms.views import (
    ConfirmationRequired,
    PublishPreview,
    PublishResult,
    checklist_to_dict,
)
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import SubProcessorEntry, TermsVersion, TermsVersionSubProcessor
from contractdesk.store.queries import terms as q
from contractdesk.store.types import utcnow
from contractdesk.store.unit import Session


class PublishUseCases:
    """Publishing (part of `TermsService`)."""

    _store: Store

    def publish_preview(
        self, label: str, effective_date: date, *, today: date | None = None
    ) -> PublishPreview:
        """What `publish` would check and do, without changing anything (the publish dialog).

        Raises:
            UserError: the version is published already, or cannot be published (see `publish`).
        """
        with self._store.read_session() as s:
            version = q.version_by_label(s, label)
            return _preview(s, version, effective_date, today or date.today())

    def publish(
        self,
        label: str,
        effective_date: date,
        *,
        confirm_gaps: bool = False,
        actor: str = "owner",
        today: date | None = None,
    ) -> PublishResult:
        """Publish a draft with its effective date: fix its SHA-256, keep the DPA checklist and the
        sub-processor list as they are now, and put every active customer on the §14 list.

        Raises:
            ConfirmationRequired: the DPA checklist found gaps or repealed-act references (or there
                is no DPA) and ``confirm_gaps`` is False; nothing was changed.
            UserError: published already; unknown fields; same content or same/earlier date than a
                published version.
        """
        day = today or date.today()
        with self._store.session() as s:
            version = q.version_by_label(s, label)
            preview = _preview(s, version, effective_date, day)
            if preview.needs_confirmation and not confirm_gaps:
                raise ConfirmationRequired(
                    fill(
                        translate("TermsService", "Not published: %1 Confirm to publish anyway."),
                        " ".join(preview.confirmation_reasons),
                    ),
                    preview,
                )
            annex = find_dpa_annex(TermsDocument.from_json(version.document))
            snapshot = checklist_to_dict(
                preview.checklist, annex_label=annex.label if annex else None
            )
            snapshot["checked_on"] = day.isoformat()
            register = q.register(s)
            _list_register(s, version, register)
            now = utcnow()
            version.state = "published"
            version.effective_date = effective_date
            version.sha256 = sha256_text(version.document)
            version.dpa_checklist = json.dumps(snapshot, ensure_ascii=False, sort_keys=True)
            version.gaps_confirmed = bool(preview.needs_confirmation and confirm_gaps)
            version.published_at = now
            version.updated_at = now
            s.flush()
            created = q.add_notices(s, version.id)
            audit.append(
                s,
                actor=actor,
                action="terms.published",
                entity_type="terms_version",
                entity_id=label,
                payload={
                    "sha256": version.sha256,
                    "effective_date": effective_date,
                    "gaps": [i["letter"] for i in snapshot["items"] if i["status"] != "covered"],
                    "repealed_references": len(snapshot["repealed_references"]),
                    "has_dpa": snapshot["has_dpa"],
                    "gaps_confirmed": version.gaps_confirmed,
                    "subprocessors": [e.name for e in register],
                    "customers_to_notify": created,
                    "last_notice_date": preview.last_notice_date,
                },
            )
            return PublishResult(row_of(version), preview, created)


def _list_register(s: Session, version: TermsVersion, register: list[SubProcessorEntry]) -> None:
    """Copy the register as it is now into the version's own list."""
    q.delete_links(s, version.id)
    for position, entry in enumerate(register):
        s.add(
            TermsVersionSubProcessor(
                terms_version_id=version.id,
                subprocessor_id=entry.id,
                position=position,
                name=entry.name,
                org_number=entry.org_number,
                purpose=entry.purpose,
                data_shared=entry.data_shared,
                location=entry.location,
                kind=entry.kind,
            )
        )
    s.flush()


def _preview(s: Session, v: TermsVersion, effective: date, today: date) -> PublishPreview:
    refuse_published(v)
    document = TermsDocument.from_json(v.document)
    _refuse_unpublishable(s, v, document, effective)
    annex = find_dpa_annex(document)
    checklist = check_dpa(annex) if annex is not None else None
    notice_by = last_notice_date(effective)
    customers = len(q.active_customer_ids(s))
    register = q.register(s)
    warnings: list[str] = []
    if notice_by < today and customers:
        warnings.append(
            fill(
                translate(
                    "TermsService",
                    "Customers must be notified by %1 (one month before %2), which has passed.",
                ),
                format_day(notice_by),
                format_day(effective),
            )
        )
    known = {fold_name(e.name) for e in register}
    missing = [p.name for p in extract_subprocessors(document) if fold_name(p.name) not in known]
    if missing:
        warnings.append(
            fill(
                translate(
                    "TermsService",
                    "Named in the text but not in the sub-processor register: %1.",
                ),
                ", ".join(dict.fromkeys(missing)),
            )
        )
    return PublishPreview(
        label=v.label,
        effective_date=effective,
        content_sha256=sha256_text(v.document),
        checklist=checklist,
        confirmation_reasons=tuple(_confirmation_reasons(checklist)),
        warnings=tuple(warnings),
        last_notice_date=notice_by,
        customers_to_notify=customers,
        subprocessors=tuple(sub_view(e) for e in register),
    )


def _refuse_unpublishable(
    s: Session, v: TermsVersion, document: TermsDocument, effective: date
) -> None:
    unknown = unknown_fields(document)
    if unknown:
        raise UserError(
            fill(
                translate("TermsService", "Unknown fields %1: correct them before publishing."),
                ", ".join("{" + n + "}" for n in unknown),
            )
        )
    same = q.label_with_sha256(s, sha256_text(v.document))
    if same is not None:
        raise UserError(
            fill(translate("TermsService", "This content is published already as %1."), repr(same))
        )
    latest = max(
        (p.effective_date for p in q.published_versions(s) if p.effective_date), default=None
    )
    if latest is not None and effective <= latest:
        raise UserError(
            fill(
                translate(
                    "TermsService",
                    "A new version must take effect after %1 (the latest published version).",
                ),
                format_day(latest),
            ),
            field="effective_date",
        )


def _confirmation_reasons(checklist: DpaChecklist | None) -> list[str]:
    if checklist is None:
        return [translate("TermsService", "The version has no DPA annex (Databehandleravtale).")]
    reasons: list[str] = []
    gaps = [f"({i.letter}) {i.status.value}" for i in checklist.gaps]
    if gaps:
        reasons.append(
            fill(
                translate("TermsService", "The DPA does not fully cover GDPR Art. 28(3): %1."),
                ", ".join(gaps),
            )
        )
    if checklist.repealed_references:
        reasons.append(
            fill(
                translate(
                    "TermsService",
                    "The DPA cites the repealed Personal Data Act of 2000 (%1 places).",
                ),
                len(checklist.repealed_references),
            )
        )
    return reasons
