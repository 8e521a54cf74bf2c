"""Terms use cases: list, read, import, copy into a draft, edit and delete drafts, diff.

Publishing is in ``publish``, the sub-processor register in ``subprocessors``; `TermsService`
offers them all. A published version never changes: the service refuses it and the database
refuses it too (triggers, migration 0004). Every change is audited in the same transaction;
reads use a read session.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from contractdesk.domain.terms.diff import TermsDiff, diff_terms, format_terms_diff
from contractdesk.domain.terms.document import TermsDocument
from contractdesk.domain.terms.dpa_checklist import DpaChecklist, check_dpa, find_dpa_annex
from contractdesk.domain.terms.importer import (
    TermsImportError,
    import_terms_with_report,
    stated_effective_date,
)
from contractdesk.errors import UserError
from contractdesk.i18n import fill, format_day, translate
from contractdesk.services.terms.common import (
    clean_label,
    refuse_published,
    row_of,
    sha256_text,
    view_of,
)
from contractdesk.services.terms.publish import PublishUseCases
from contractdesk.services.terms.subprocessors import SubProcessorUseCases
from contractdesk.services.terms.views import ImportOutcome, TermsVersionRow, TermsVersionView
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import TermsVersion
from contractdesk.store.queries import terms as q
from contractdesk.store.types import utcnow
from contractdesk.store.versions import expect_version

MAX_TERMS_FILE_BYTES = 5 * 1024 * 1024


class TermsService(PublishUseCases, SubProcessorUseCases):
    """Use cases on terms versions and the sub-processor register."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __repr__(self) -> str:
        return f"TermsService({self._store!r})"

    # -- reading -----------------------------------------------------------------------------------

    def list_versions(self) -> list[TermsVersionRow]:
        """Every version: published ones by effective date, then drafts by label."""
        with self._store.read_session() as s:
            rows = [row_of(v) for v in q.all_versions(s)]
        return sorted(rows, key=lambda r: (not r.published, r.effective_date or date.max, r.label))

    def get(self, label: str) -> TermsVersionView:
        """One version in full.

        Raises:
            NotFoundError: no version has this label.
        """
        with self._store.read_session() as s:
            return view_of(s, q.version_by_label(s, label))

    def document(self, label: str) -> TermsDocument:
        with self._store.read_session() as s:
            return TermsDocument.from_json(q.version_by_label(s, label).document)

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
            v = q.version_by_sha256(s, sha256)
            return row_of(v) if v is not None else None

    def checklist(self, label: str) -> DpaChecklist | None:
        """The DPA checklist of a version as the current rules see it (None: no DPA annex)."""
        annex = find_dpa_annex(self.document(label))
        return check_dpa(annex) if annex is not None else None

    def diff(self, old_label: str, new_label: str) -> TermsDiff:
        """Section-aware comparison of two versions (any state)."""
        with self._store.read_session() as s:
            old = TermsDocument.from_json(q.version_by_label(s, old_label).document)
            new = TermsDocument.from_json(q.version_by_label(s, new_label).document)
        return diff_terms(old, new)

    def diff_text(self, old_label: str, new_label: str, *, include_unchanged: bool = False) -> str:
        return format_terms_diff(
            self.diff(old_label, new_label), include_unchanged=include_unchanged
        )

    # -- drafts ---------------------------------------------------------------------------------

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
        clean = clean_label(label)
        try:
            result = import_terms_with_report(text)
        except TermsImportError as exc:
            raise UserError(
                fill(translate("TermsService", "The file could not be read as terms: %1"), exc)
            ) from None
        document = result.document
        stated = stated_effective_date(document)
        notes = list(result.notes)
        planned = effective_date or stated
        if effective_date and stated and effective_date != stated:
            notes.append(
                fill(
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
            q.refuse_taken_label(s, clean)
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
            same = q.label_with_sha256(s, sha256_text(canonical))
            audit.append(
                s,
                actor=actor,
                action="terms.imported",
                entity_type="terms_version",
                entity_id=clean,
                payload={
                    "source": source_name,
                    "content_sha256": sha256_text(canonical),
                    "sections": len(document.all_sections()),
                    "notes": len(notes),
                },
            )
            view = view_of(s, version)
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
                    fill(
                        translate("TermsService", "%1 is too large for a terms text (over 5 MB)."),
                        file.name,
                    )
                )
            raw = file.read_bytes()
        except OSError as exc:
            raise UserError(
                fill(translate("TermsService", "Cannot read %1: %2"), file, exc.strerror or exc)
            ) from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UserError(
                fill(
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
        """A new draft with the content of ``source_label`` (any state), to edit."""
        clean = clean_label(new_label)
        with self._store.session() as s:
            source = q.version_by_label(s, source_label)
            q.refuse_taken_label(s, clean)
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
            return view_of(s, draft)

    def update_draft(
        self,
        label: str,
        *,
        document: TermsDocument | None = None,
        text: str | None = None,
        document_json: str | None = None,
        effective_date: date | None = None,
        new_label: str | None = None,
        expected_version: int | None = None,
        actor: str = "owner",
    ) -> TermsVersionView:
        """Edit a draft: replace its content (a document, its JSON, or plain text re-imported), its
        planned date or its label. ``expected_version``: the version the editor was filled from
        (``TermsVersionRow.version``); a colleague's newer save raises ``ConflictError``.

        Raises:
            UserError: the version is published (published versions never change), or the content
                is invalid.
        """
        given = [x is not None for x in (document, text, document_json)]
        if sum(given) > 1:
            raise UserError(
                fill(
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
                    fill(translate("TermsService", "Not a terms document in JSON: %1"), exc)
                ) from None
        if text is not None:
            try:
                result = import_terms_with_report(text)
            except TermsImportError as exc:
                raise UserError(
                    fill(translate("TermsService", "The text could not be read as terms: %1"), exc)
                ) from None
            new_doc = result.document
            notes = list(result.notes)
        with self._store.session() as s:
            version = q.version_by_label(s, label)
            refuse_published(version)
            mine: dict[str, Any] = {"label": clean_label(new_label) if new_label else label}
            if effective_date is not None:
                mine["effective_date"] = effective_date
            if new_doc is not None:
                mine["title"] = new_doc.title
            expect_version(version, expected_version, entity="terms", mine=mine)
            changes: dict[str, Any] = {}
            if new_doc is not None:
                canonical = new_doc.canonical_json()
                if canonical != version.document:
                    changes["content_sha256"] = {
                        "old": sha256_text(version.document),
                        "new": sha256_text(canonical),
                    }
                    version.document = canonical
                    version.title = new_doc.title
                    version.source_text = text
            if effective_date is not None and effective_date != version.effective_date:
                changes["effective_date"] = {"old": version.effective_date, "new": effective_date}
                version.effective_date = effective_date
            if new_label is not None:
                clean = clean_label(new_label)
                if clean != version.label:
                    q.refuse_taken_label(s, clean)
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
                s.flush()
            return view_of(s, version)

    def delete_draft(self, label: str, *, actor: str = "owner") -> None:
        """Delete a draft (never a published version)."""
        with self._store.session() as s:
            version = q.version_by_label(s, label)
            refuse_published(version)
            q.delete_links(s, version.id)
            s.delete(version)
            audit.append(
                s,
                actor=actor,
                action="terms.draft_deleted",
                entity_type="terms_version",
                entity_id=label,
                payload={"content_sha256": sha256_text(version.document)},
            )
