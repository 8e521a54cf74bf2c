"""Terms versions: list, read, import, copy into a draft, edit, publish (hash and DPA checklist), diff; sub-processors.

A published version never changes: the service refuses it and the database refuses it too
(triggers, migration 0004). Publishing computes the SHA-256 of the canonical content, runs the
DPA checklist (GDPR Art. 28(3) and references to the repealed 2000 act) and, when that finds
anything, publishes only with ``confirm_gaps=True``. It also copies the current sub-processor
register into the version and puts every active customer on the §14 re-acceptance list.
Every change is audited in the same transaction.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from contractdesk.domain.orgnr import InvalidOrgNumber, parse_org_number
from contractdesk.domain.terms.diff import TermsDiff, diff_terms, format_terms_diff
from contractdesk.domain.terms.document import TermsDocument
from contractdesk.domain.terms.dpa_checklist import DpaChecklist, check_dpa, find_dpa_annex
from contractdesk.domain.terms.fields import unknown_fields
from contractdesk.domain.terms.importer import (
    TermsImportError,
    import_terms_with_report,
    stated_effective_date,
)
from contractdesk.domain.terms.reacceptance import last_notice_date
from contractdesk.domain.terms.subprocessors import SubProcessorKind, extract_subprocessors
from contractdesk.i18n import fill, format_day, translate
from contractdesk.services.errors import NotFoundError, UserError
from contractdesk.services.validation import clean_text
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import (
    Customer,
    ReacceptanceNotice,
    SubProcessorEntry,
    TermsVersion,
    TermsVersionSubProcessor,
)
from contractdesk.store.types import utcnow

__all__ = [
    "ConfirmationRequired",
    "ImportOutcome",
    "PublishPreview",
    "PublishResult",
    "SubProcessorInput",
    "SubProcessorView",
    "TermsService",
    "TermsVersionRow",
    "TermsVersionView",
    "active_customer_ids",
    "checklist_to_dict",
]

LABEL_RE = re.compile(r"^\w[\w.\-]{0,49}$")
MAX_TERMS_FILE_BYTES = 5 * 1024 * 1024


def _t(text: str, *values: object) -> str:
    """A translated message (``translate(context, text)`` at the call, so lupdate finds it) filled in."""
    return fill(text, *values)


# -- values that cross threads (frozen) ------------------------------------------------------------


@dataclass(frozen=True)
class TermsVersionRow:
    """A version in the list: label, state, effective date, hash (published only) and content hash."""

    id: int
    label: str
    title: str
    state: str
    effective_date: date | None
    sha256: str | None
    content_sha256: str
    published_at: datetime | None
    updated_at: datetime

    @property
    def published(self) -> bool:
        return self.state == "published"

    def as_dict(self) -> dict[str, Any]:
        """``terms list --json`` form: ``label``, ``effective_date``, ``sha256``, ``state`` and more."""
        return {
            "label": self.label,
            "effective_date": self.effective_date.isoformat() if self.effective_date else None,
            "sha256": self.sha256,
            "state": self.state,
            "title": self.title,
            "content_sha256": self.content_sha256,
            "published_at": self.published_at.isoformat() if self.published_at else None,
        }


@dataclass(frozen=True)
class SubProcessorView:
    """A sub-processor in the register, or as a version listed it (then ``id`` is the register entry's)."""

    id: int | None
    name: str
    purpose: str
    data_shared: str
    kind: str
    org_number: str | None = None
    location: str | None = None
    source_clause: str = ""
    retired_at: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "org_number": self.org_number,
            "purpose": self.purpose,
            "data_shared": self.data_shared,
            "location": self.location,
            "kind": self.kind,
            "source_clause": self.source_clause,
            "retired_at": self.retired_at.isoformat() if self.retired_at else None,
        }


@dataclass(frozen=True)
class SubProcessorInput:
    """What the user types for a register entry (validated by the service)."""

    name: str
    purpose: str = ""
    data_shared: str = ""
    kind: str = SubProcessorKind.DATA_SHARED.value
    org_number: str | None = None
    location: str | None = None
    source_clause: str = ""


@dataclass(frozen=True)
class TermsVersionView:
    """One version in full: the document, its source text, the checklist snapshot and its sub-processors."""

    row: TermsVersionRow
    document: TermsDocument
    source_text: str | None
    dpa_checklist: dict[str, Any] | None
    gaps_confirmed: bool
    subprocessors: tuple[SubProcessorView, ...]
    copied_from: str | None

    @property
    def label(self) -> str:
        return self.row.label

    def as_dict(self) -> dict[str, Any]:
        """``terms show --json`` form: the list fields plus the document and what was published with it."""
        data = self.row.as_dict()
        data.update(
            {
                "copied_from": self.copied_from,
                "gaps_confirmed": self.gaps_confirmed,
                "dpa_checklist": self.dpa_checklist,
                "subprocessors": [s.as_dict() for s in self.subprocessors],
                "document": self.document.to_dict(),
            }
        )
        return data


@dataclass(frozen=True)
class ImportOutcome:
    """A draft made from a plain-text file, and what the importer noticed."""

    version: TermsVersionView
    notes: tuple[str, ...]
    stated_effective_date: date | None
    same_as_published: str | None
    """The label of a published version with exactly this content, if any."""


@dataclass(frozen=True)
class PublishPreview:
    """What publishing a draft would do, and whether the user must confirm it.

    Attributes:
        checklist: the DPA checklist (None when the version has no DPA annex).
        confirmation_reasons: why confirmation is needed (gaps, repealed-act references, no DPA).
        warnings: things to know that need no confirmation (late notice, parties missing in the register).
        customers_to_notify: active customers put on the §14 re-acceptance list.
    """

    label: str
    effective_date: date
    content_sha256: str
    checklist: DpaChecklist | None
    confirmation_reasons: tuple[str, ...]
    warnings: tuple[str, ...]
    last_notice_date: date
    customers_to_notify: int
    subprocessors: tuple[SubProcessorView, ...]

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.confirmation_reasons)


@dataclass(frozen=True)
class PublishResult:
    version: TermsVersionRow
    preview: PublishPreview
    notices_created: int


class ConfirmationRequired(UserError):
    """Publishing needs the user's confirmation (DPA gaps, repealed-act references); ``preview`` says why."""

    def __init__(self, message: str, preview: PublishPreview) -> None:
        super().__init__(message)
        self.preview = preview


# -- helpers ---------------------------------------------------------------------------------------


def _sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def checklist_to_dict(
    checklist: DpaChecklist | None, *, annex_label: str | None = None
) -> dict[str, Any]:
    """JSON form of a DPA checklist (stored with a published version, printed by ``terms show --json``)."""
    if checklist is None:
        return {"has_dpa": False, "annex": None, "items": [], "repealed_references": []}
    return {
        "has_dpa": True,
        "annex": annex_label,
        "items": [
            {
                "letter": item.letter,
                "title": item.item.title,
                "status": item.status.value,
                "clauses": list(item.clause_numbers),
                "missing": [e.description for e in item.missing],
            }
            for item in checklist.items
        ],
        "repealed_references": [
            {
                "section_number": r.section_number,
                "section_title": r.section_title,
                "quote": r.quote,
                "reason": r.reason,
                "certain": r.certain,
            }
            for r in checklist.repealed_references
        ],
    }


def active_customer_ids(s: Session) -> list[int]:
    """Customers in a customer relationship: not ended, and not deleted/removed from the registry."""
    q = (
        select(Customer.id)
        .where(
            Customer.relationship_ended_on.is_(None), Customer.status.not_in(("deleted", "removed"))
        )
        .order_by(Customer.id)
    )
    return list(s.execute(q).scalars())


def _clean_label(label: str) -> str:
    text = unicodedata.normalize("NFC", (label or "").strip())
    if not LABEL_RE.match(text):
        raise UserError(
            _t(
                translate(
                    "TermsService",
                    "Label %1: use 1–50 letters, digits, '.', '-' or '_', e.g. 2025-01-01.",
                ),
                repr(label),
            ),
            field="label",
        )
    return text


def _sub_view(e: SubProcessorEntry) -> SubProcessorView:
    return SubProcessorView(
        e.id,
        e.name,
        e.purpose,
        e.data_shared,
        e.kind,
        e.org_number,
        e.location,
        e.source_clause,
        e.retired_at,
    )


def _fold_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().replace(".", " ").split())


# -- the service -----------------------------------------------------------------------------------


class TermsService:
    """Use cases on terms versions and the sub-processor register."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __repr__(self) -> str:
        return f"TermsService({self._store!r})"

    # -- reading -----------------------------------------------------------------------------------

    def list_versions(self) -> list[TermsVersionRow]:
        """Every version: published ones by effective date, then drafts by label."""
        with self._store.read_session() as s:
            rows = [self._row(v) for v in s.execute(select(TermsVersion)).scalars()]
        return sorted(rows, key=lambda r: (not r.published, r.effective_date or date.max, r.label))

    def get(self, label: str) -> TermsVersionView:
        """One version in full.

        Raises:
            NotFoundError: no version has this label.
        """
        with self._store.read_session() as s:
            return self._view(s, self._version(s, label))

    def document(self, label: str) -> TermsDocument:
        with self._store.read_session() as s:
            return TermsDocument.from_json(self._version(s, label).document)

    def current(self, today: date | None = None) -> TermsVersionRow | None:
        """The published version in effect on ``today``: the latest effective date not after it."""
        day = today or date.today()
        published = [
            r
            for r in self.list_versions()
            if r.published and r.effective_date and r.effective_date <= day
        ]
        return published[-1] if published else None

    def latest_published(self) -> TermsVersionRow | None:
        published = [r for r in self.list_versions() if r.published]
        return published[-1] if published else None

    def by_sha256(self, sha256: str) -> TermsVersionRow | None:
        """The published version with this hash (e.g. read from a PDF's footer)."""
        with self._store.read_session() as s:
            v = s.execute(
                select(TermsVersion).where(TermsVersion.sha256 == sha256.strip().lower())
            ).scalar()
            return self._row(v) if v is not None else None

    def checklist(self, label: str) -> DpaChecklist | None:
        """The DPA checklist of a version as the current rules see it (None: no DPA annex)."""
        annex = find_dpa_annex(self.document(label))
        return check_dpa(annex) if annex is not None else None

    def diff(self, old_label: str, new_label: str) -> TermsDiff:
        """Section-aware comparison of two versions (any state)."""
        with self._store.read_session() as s:
            old = TermsDocument.from_json(self._version(s, old_label).document)
            new = TermsDocument.from_json(self._version(s, new_label).document)
        return diff_terms(old, new)

    def diff_text(self, old_label: str, new_label: str, *, include_unchanged: bool = False) -> str:
        return format_terms_diff(
            self.diff(old_label, new_label), include_unchanged=include_unchanged
        )

    # -- drafts --------------------------------------------------------------------------------------

    def import_text(
        self,
        text: str,
        label: str,
        *,
        effective_date: date | None = None,
        actor: str = "owner",
        source_name: str = "",
    ) -> ImportOutcome:
        """Import plain-text terms (the 2021 layout) as a new draft.

        ``effective_date`` is the planned date (it is fixed when publishing); without it, the date
        the text states ("… datert 17.04.2021") is used.

        Raises:
            UserError: bad label, label taken, or the text cannot be read as terms.
        """
        clean = _clean_label(label)
        try:
            result = import_terms_with_report(text)
        except TermsImportError as exc:
            raise UserError(
                _t(translate("TermsService", "The file could not be read as terms: %1"), exc)
            ) from None
        document = result.document
        stated = stated_effective_date(document)
        notes = list(result.notes)
        planned = effective_date or stated
        if effective_date and stated and effective_date != stated:
            notes.append(
                _t(
                    translate(
                        "TermsService",
                        "The text says it is dated %1; the effective date given is %2.",
                    ),
                    format_day(stated),
                    format_day(effective_date),
                )
            )
        canonical = document.canonical_json()
        with self._store.session() as s:
            self._label_free(s, clean)
            version = TermsVersion(
                label=clean,
                title=document.title,
                state="draft",
                effective_date=planned,
                document=canonical,
                source_text=text,
            )
            s.add(version)
            s.flush()
            same = s.execute(
                select(TermsVersion.label).where(TermsVersion.sha256 == _sha256_text(canonical))
            ).scalar()
            audit.append(
                s,
                actor=actor,
                action="terms.imported",
                entity_type="terms_version",
                entity_id=clean,
                payload={
                    "source": source_name,
                    "content_sha256": _sha256_text(canonical),
                    "sections": len(document.all_sections()),
                    "notes": len(notes),
                },
            )
            view = self._view(s, version)
        return ImportOutcome(view, tuple(notes), stated, same)

    def import_file(
        self,
        path: Path | str,
        label: str,
        *,
        effective_date: date | None = None,
        actor: str = "owner",
    ) -> ImportOutcome:
        """Import a UTF-8 plain-text file (BOM allowed) as a new draft; see `import_text`."""
        file = Path(path)
        try:
            size = file.stat().st_size
            if size > MAX_TERMS_FILE_BYTES:
                raise UserError(
                    _t(
                        translate("TermsService", "%1 is too large for a terms text (over 5 MB)."),
                        file.name,
                    )
                )
            raw = file.read_bytes()
        except OSError as exc:
            raise UserError(
                _t(translate("TermsService", "Cannot read %1: %2"), file, exc.strerror or exc)
            ) from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UserError(
                _t(
                    translate(
                        "TermsService", "%1 is not UTF-8 text; save it as UTF-8 and try again."
                    ),
                    file.name,
                )
            ) from None
        return self.import_text(
            text, label, effective_date=effective_date, actor=actor, source_name=file.name
        )

    def copy_to_draft(
        self, source_label: str, new_label: str, *, actor: str = "owner"
    ) -> TermsVersionView:
        """A new draft with the content of ``source_label`` (any state), to edit into the next version."""
        clean = _clean_label(new_label)
        with self._store.session() as s:
            source = self._version(s, source_label)
            self._label_free(s, clean)
            draft = TermsVersion(
                label=clean,
                title=source.title,
                state="draft",
                effective_date=None,
                document=source.document,
                source_text=None,
                copied_from_id=source.id,
            )
            s.add(draft)
            s.flush()
            audit.append(
                s,
                actor=actor,
                action="terms.copied",
                entity_type="terms_version",
                entity_id=clean,
                payload={"from": source.label},
            )
            return self._view(s, draft)

    def update_draft(
        self,
        label: str,
        *,
        document: TermsDocument | None = None,
        text: str | None = None,
        document_json: str | None = None,
        effective_date: date | None = None,
        new_label: str | None = None,
        actor: str = "owner",
    ) -> TermsVersionView:
        """Edit a draft: replace its content (a document, its JSON, or plain text re-imported), its planned
        date or its label.

        Raises:
            UserError: the version is published (published versions never change), or the content is invalid.
        """
        given = [x is not None for x in (document, text, document_json)]
        if sum(given) > 1:
            raise UserError(
                _t(
                    translate(
                        "TermsService",
                        "Give the new content once: a document, its JSON or its text.",
                    )
                )
            )
        notes: list[str] = []
        new_doc = document
        if document_json is not None:
            try:
                new_doc = TermsDocument.from_json(document_json)
            except (ValueError, KeyError, TypeError) as exc:
                raise UserError(
                    _t(translate("TermsService", "Not a terms document in JSON: %1"), exc)
                ) from None
        if text is not None:
            try:
                result = import_terms_with_report(text)
            except TermsImportError as exc:
                raise UserError(
                    _t(translate("TermsService", "The text could not be read as terms: %1"), exc)
                ) from None
            new_doc = result.document
            notes = list(result.notes)
        with self._store.session() as s:
            version = self._version(s, label)
            self._refuse_published(version)
            changes: dict[str, Any] = {}
            if new_doc is not None:
                canonical = new_doc.canonical_json()
                if canonical != version.document:
                    changes["content_sha256"] = {
                        "old": _sha256_text(version.document),
                        "new": _sha256_text(canonical),
                    }
                    version.document = canonical
                    version.title = new_doc.title
                    version.source_text = text
            if effective_date is not None and effective_date != version.effective_date:
                changes["effective_date"] = {"old": version.effective_date, "new": effective_date}
                version.effective_date = effective_date
            if new_label is not None:
                clean = _clean_label(new_label)
                if clean != version.label:
                    self._label_free(s, clean)
                    changes["label"] = {"old": version.label, "new": clean}
                    version.label = clean
            if changes:
                version.updated_at = utcnow()
                s.flush()
                audit.append(
                    s,
                    actor=actor,
                    action="terms.draft_edited",
                    entity_type="terms_version",
                    entity_id=version.label,
                    payload={"changes": changes, "notes": len(notes)},
                )
            return self._view(s, version)

    def delete_draft(self, label: str, *, actor: str = "owner") -> None:
        """Delete a draft (never a published version)."""
        with self._store.session() as s:
            version = self._version(s, label)
            self._refuse_published(version)
            for link in s.execute(
                select(TermsVersionSubProcessor).where(
                    TermsVersionSubProcessor.terms_version_id == version.id
                )
            ).scalars():
                s.delete(link)
            s.delete(version)
            audit.append(
                s,
                actor=actor,
                action="terms.draft_deleted",
                entity_type="terms_version",
                entity_id=label,
                payload={"content_sha256": _sha256_text(version.document)},
            )

    # -- publishing ------------------------------------------------------------------------------------

    def publish_preview(
        self, label: str, effective_date: date, *, today: date | None = None
    ) -> PublishPreview:
        """What `publish` would check and do, without changing anything (the publish dialog shows it).

        Raises:
            UserError: the version is published already, or cannot be published (see `publish`).
        """
        with self._store.read_session() as s:
            return self._preview(s, self._version(s, label), effective_date, today or date.today())

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
            ConfirmationRequired: the DPA checklist found gaps or repealed-act references (or there is
                no DPA) and ``confirm_gaps`` is False; nothing was changed.
            UserError: published already; unknown fields; same content or same/earlier date than a
                published version.
        """
        day = today or date.today()
        with self._store.session() as s:
            version = self._version(s, label)
            preview = self._preview(s, version, effective_date, day)
            if preview.needs_confirmation and not confirm_gaps:
                raise ConfirmationRequired(
                    _t(
                        translate("TermsService", "Not published: %1 Confirm to publish anyway."),
                        " ".join(preview.confirmation_reasons),
                    ),
                    preview,
                )
            document = TermsDocument.from_json(version.document)
            annex = find_dpa_annex(document)
            snapshot = checklist_to_dict(
                preview.checklist, annex_label=annex.label if annex else None
            )
            snapshot["checked_on"] = day.isoformat()
            register = list(
                s.execute(
                    select(SubProcessorEntry)
                    .where(SubProcessorEntry.retired_at.is_(None))
                    .order_by(SubProcessorEntry.id)
                ).scalars()
            )
            for link in s.execute(
                select(TermsVersionSubProcessor).where(
                    TermsVersionSubProcessor.terms_version_id == version.id
                )
            ).scalars():
                s.delete(link)
            s.flush()
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
            now = utcnow()
            version.state = "published"
            version.effective_date = effective_date
            version.sha256 = _sha256_text(version.document)
            version.dpa_checklist = json.dumps(snapshot, ensure_ascii=False, sort_keys=True)
            version.gaps_confirmed = bool(preview.needs_confirmation and confirm_gaps)
            version.published_at = now
            version.updated_at = now
            s.flush()
            created = 0
            for customer_id in active_customer_ids(s):
                s.add(ReacceptanceNotice(customer_id=customer_id, terms_version_id=version.id))
                created += 1
            s.flush()
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
            return PublishResult(self._row(version), preview, created)

    # -- sub-processor register --------------------------------------------------------------------------

    def subprocessors(self, *, include_retired: bool = False) -> list[SubProcessorView]:
        """The register, in the order entries were added."""
        with self._store.read_session() as s:
            q = select(SubProcessorEntry).order_by(SubProcessorEntry.id)
            if not include_retired:
                q = q.where(SubProcessorEntry.retired_at.is_(None))
            return [_sub_view(e) for e in s.execute(q).scalars()]

    def add_subprocessor(
        self, data: SubProcessorInput, *, actor: str = "owner"
    ) -> SubProcessorView:
        clean = self._clean_sub(data)
        with self._store.session() as s:
            self._sub_name_free(s, clean.name, None)
            entry = SubProcessorEntry(
                name=clean.name,
                org_number=clean.org_number,
                purpose=clean.purpose,
                data_shared=clean.data_shared,
                location=clean.location,
                kind=clean.kind,
                source_clause=clean.source_clause,
            )
            s.add(entry)
            s.flush()
            audit.append(
                s,
                actor=actor,
                action="subprocessor.added",
                entity_type="subprocessor",
                entity_id=entry.id,
                payload=_sub_view(entry).as_dict(),
            )
            return _sub_view(entry)

    def update_subprocessor(
        self, entry_id: int, data: SubProcessorInput, *, actor: str = "owner"
    ) -> SubProcessorView:
        """Change a register entry. Versions published earlier keep the entry as it was then."""
        clean = self._clean_sub(data)
        with self._store.session() as s:
            entry = self._sub(s, entry_id)
            if entry.retired_at is not None:
                raise UserError(
                    _t(
                        translate(
                            "TermsService",
                            "%1 was removed from the register; add it again instead.",
                        ),
                        entry.name,
                    )
                )
            self._sub_name_free(s, clean.name, entry.id)
            before = _sub_view(entry).as_dict()
            for key in (
                "name",
                "org_number",
                "purpose",
                "data_shared",
                "location",
                "kind",
                "source_clause",
            ):
                setattr(entry, key, getattr(clean, key))
            entry.updated_at = utcnow()
            s.flush()
            after = _sub_view(entry).as_dict()
            changes = {
                k: {"old": before[k], "new": after[k]} for k in after if before[k] != after[k]
            }
            if changes:
                audit.append(
                    s,
                    actor=actor,
                    action="subprocessor.changed",
                    entity_type="subprocessor",
                    entity_id=entry.id,
                    payload={"changes": changes},
                )
            return _sub_view(entry)

    def retire_subprocessor(self, entry_id: int, *, actor: str = "owner") -> SubProcessorView:
        """Take an entry off the register (kept for the versions that listed it)."""
        with self._store.session() as s:
            entry = self._sub(s, entry_id)
            if entry.retired_at is None:
                entry.retired_at = utcnow()
                entry.updated_at = entry.retired_at
                s.flush()
                audit.append(
                    s,
                    actor=actor,
                    action="subprocessor.removed",
                    entity_type="subprocessor",
                    entity_id=entry.id,
                    payload={"name": entry.name},
                )
            return _sub_view(entry)

    # -- internals -------------------------------------------------------------------------------------

    @staticmethod
    def _row(v: TermsVersion) -> TermsVersionRow:
        return TermsVersionRow(
            v.id,
            v.label,
            v.title,
            v.state,
            v.effective_date,
            v.sha256,
            _sha256_text(v.document),
            v.published_at,
            v.updated_at,
        )

    def _view(self, s: Session, v: TermsVersion) -> TermsVersionView:
        links = s.execute(
            select(TermsVersionSubProcessor)
            .where(TermsVersionSubProcessor.terms_version_id == v.id)
            .order_by(TermsVersionSubProcessor.position)
        ).scalars()
        subs = tuple(
            SubProcessorView(
                link.subprocessor_id,
                link.name,
                link.purpose,
                link.data_shared,
                link.kind,
                link.org_number,
                link.location,
            )
            for link in links
        )
        copied = s.get(TermsVersion, v.copied_from_id).label if v.copied_from_id else None  # type: ignore[union-attr]
        return TermsVersionView(
            row=self._row(v),
            document=TermsDocument.from_json(v.document),
            source_text=v.source_text,
            dpa_checklist=json.loads(v.dpa_checklist) if v.dpa_checklist else None,
            gaps_confirmed=v.gaps_confirmed,
            subprocessors=subs,
            copied_from=copied,
        )

    @staticmethod
    def _version(s: Session, label: str) -> TermsVersion:
        v = s.execute(
            select(TermsVersion).where(TermsVersion.label == (label or "").strip())
        ).scalar()
        if v is None:
            raise NotFoundError(
                _t(translate("TermsService", "No terms version %1."), repr(label)), field="label"
            )
        return v

    @staticmethod
    def _label_free(s: Session, label: str) -> None:
        if s.execute(select(func.count()).where(TermsVersion.label == label)).scalar():
            raise UserError(
                _t(
                    translate(
                        "TermsService", "A terms version %1 exists already; choose another label."
                    ),
                    repr(label),
                ),
                field="label",
            )

    @staticmethod
    def _refuse_published(v: TermsVersion) -> None:
        if v.state == "published":
            raise UserError(
                _t(
                    translate(
                        "TermsService",
                        "Terms version %1 is published and cannot change; copy it into a new draft instead.",
                    ),
                    repr(v.label),
                ),
                field="label",
            )

    def _preview(self, s: Session, v: TermsVersion, effective: date, today: date) -> PublishPreview:
        self._refuse_published(v)
        document = TermsDocument.from_json(v.document)
        unknown = unknown_fields(document)
        if unknown:
            raise UserError(
                _t(
                    translate("TermsService", "Unknown fields %1: correct them before publishing."),
                    ", ".join("{" + n + "}" for n in unknown),
                )
            )
        content_sha = _sha256_text(v.document)
        same = s.execute(
            select(TermsVersion.label).where(TermsVersion.sha256 == content_sha)
        ).scalar()
        if same is not None:
            raise UserError(
                _t(
                    translate("TermsService", "This content is published already as %1."),
                    repr(same),
                )
            )
        published = list(
            s.execute(select(TermsVersion).where(TermsVersion.state == "published")).scalars()
        )
        latest = max((p.effective_date for p in published if p.effective_date), default=None)
        if latest is not None and effective <= latest:
            raise UserError(
                _t(
                    translate(
                        "TermsService",
                        "A new version must take effect after %1 (the latest published version).",
                    ),
                    format_day(latest),
                ),
                field="effective_date",
            )
        annex = find_dpa_annex(document)
        checklist = check_dpa(annex) if annex is not None else None
        reasons: list[str] = []
        if checklist is None:
            reasons.append(
                _t(translate("TermsService", "The version has no DPA annex (Databehandleravtale)."))
            )
        else:
            gaps = [f"({i.letter}) {i.status.value}" for i in checklist.gaps]
            if gaps:
                reasons.append(
                    _t(
                        translate(
                            "TermsService", "The DPA does not fully cover GDPR Art. 28(3): %1."
                        ),
                        ", ".join(gaps),
                    )
                )
            if checklist.repealed_references:
                reasons.append(
                    _t(
                        translate(
                            "TermsService",
                            "The DPA cites the repealed Personal Data Act of 2000 (%1 places).",
                        ),
                        len(checklist.repealed_references),
                    )
                )
        warnings: list[str] = []
        notice_by = last_notice_date(effective)
        customers = len(active_customer_ids(s))
        if notice_by < today and customers:
            warnings.append(
                _t(
                    translate(
                        "TermsService",
                        "Customers must be notified by %1 (one month before %2), which has passed.",
                    ),
                    format_day(notice_by),
                    format_day(effective),
                )
            )
        register = [
            e
            for e in s.execute(
                select(SubProcessorEntry)
                .where(SubProcessorEntry.retired_at.is_(None))
                .order_by(SubProcessorEntry.id)
            ).scalars()
        ]
        known = {_fold_name(e.name) for e in register}
        missing = [
            p.name for p in extract_subprocessors(document) if _fold_name(p.name) not in known
        ]
        if missing:
            warnings.append(
                _t(
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
            content_sha256=content_sha,
            checklist=checklist,
            confirmation_reasons=tuple(reasons),
            warnings=tuple(warnings),
            last_notice_date=notice_by,
            customers_to_notify=customers,
            subprocessors=tuple(_sub_view(e) for e in register),
        )

    @staticmethod
    def _clean_sub(data: SubProcessorInput) -> SubProcessorInput:
        name = clean_text(
            data.name, field=translate("TermsService", "Name"), required=True, max_len=200
        )
        org: str | None = None
        if data.org_number and data.org_number.strip():
            try:
                org = parse_org_number(data.org_number)
            except InvalidOrgNumber as exc:
                raise UserError(str(exc), field="org_number") from None
        kind = (data.kind or "").strip().lower().replace("-", "_")
        if kind not in {k.value for k in SubProcessorKind}:
            raise UserError(
                _t(
                    translate("TermsService", "Kind must be data_shared or access, not %1."),
                    repr(data.kind),
                ),
                field="kind",
            )
        location = (
            clean_text(data.location, field=translate("TermsService", "Location"), max_len=200)
            or None
        )
        return SubProcessorInput(
            name=name,
            purpose=clean_text(
                data.purpose, field=translate("TermsService", "Purpose"), max_len=2000
            ),
            data_shared=clean_text(
                data.data_shared, field=translate("TermsService", "Data shared"), max_len=2000
            ),
            kind=kind,
            org_number=org,
            location=location,
            source_clause=clean_text(
                data.source_clause, field=translate("TermsService", "Clause"), max_len=20
            ),
        )

    @staticmethod
    def _sub(s: Session, entry_id: int) -> SubProcessorEntry:
        entry = s.get(SubProcessorEntry, entry_id)
        if entry is None:
            raise NotFoundError(
                _t(translate("TermsService", "No sub-processor %1 in the register."), entry_id)
            )
        return entry

    @staticmethod
    def _sub_name_free(s: Session, name: str, own_id: int | None) -> None:
        q = select(SubProcessorEntry.id).where(
            SubProcessorEntry.retired_at.is_(None),
            func.lower(SubProcessorEntry.name) == name.lower(),
        )
        for other in s.execute(q).scalars():
            if other != own_id:
                raise UserError(
                    _t(translate("TermsService", "%1 is in the register already."), name),
                    field="name",
                )
