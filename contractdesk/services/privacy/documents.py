"""Document use cases: the Art. 30 records, the privacy statement, and the modern DPA draft."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from contractdesk.domain.orgnr import format_org_number
from contractdesk.domain.privacy.document import PrivacyDocument
from contractdesk.domain.privacy.dpa_draft import modern_dpa
from contractdesk.domain.privacy.records import (
    CSV_HEADER,
    ControllerEntry,
    SubProcessorRecord,
    SupplierInfo,
    build_art30,
    csv_rows,
    transfer_of,
)
from contractdesk.domain.privacy.retention import RetentionRule
from contractdesk.domain.privacy.statement import LANGUAGES, build_statement
from contractdesk.domain.terms.dpa_checklist import check_dpa, find_dpa_annex
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.services.privacy.ports import SupplierPort, TermsPort
from contractdesk.services.privacy.views import DpaDraftResult, ExportResult
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.queries import privacy as q

# (kind, language, content sha256) -> the document's version number
_VersionOf = Callable[[str, str, str], int]


class DocumentUseCases:
    """Generate, version and save the privacy documents; draft the new DPA via the terms service."""

    def __init__(
        self,
        store: Store,
        *,
        supplier: SupplierPort,
        terms: TermsPort,
        rules: Callable[[], tuple[RetentionRule, ...]],
    ) -> None:
        self._store = store
        self._supplier = supplier
        self._terms = terms
        self._rules = rules

    def __repr__(self) -> str:
        return f"DocumentUseCases({self._store!r})"

    # -- inputs ----------------------------------------------------------------------------------

    def supplier_info(self) -> SupplierInfo:
        p = self._supplier.get()
        if p is None:
            raise UserError(translate("Privacy", "Enter the supplier's details in Settings first."))
        place = " ".join(x for x in (p.postcode, p.city) if x)
        address = ", ".join([*p.address_lines, place] if place else list(p.address_lines))
        return SupplierInfo(
            format_org_number(p.org_number), p.name, address, p.email, p.phone, p.signer_name
        )

    def subprocessors(self) -> list[SubProcessorRecord]:
        with self._store.read_session() as s:
            rows = q.subprocessor_rows(s)
        out = []
        for r in rows:
            country, basis = transfer_of(r.location, r.country, r.basis)
            out.append(
                SubProcessorRecord(
                    r.name, r.org_number, r.purpose, r.data_shared, r.kind, country, basis
                )
            )
        return out

    def controllers(self) -> list[ControllerEntry]:
        with self._store.read_session() as s:
            rows = q.dpa_controllers(s)
        return [
            ControllerEntry(format_org_number(r.org_number), r.name, r.terms_label, r.accepted_on)
            for r in rows
        ]

    def set_transfer(self, name: str, country: str, basis: str, *, actor: str = "owner") -> None:
        """Record a sub-processor's country and transfer basis (records and statement show it)."""
        with self._store.session() as s:
            entry = q.subprocessor_names(s).get(name)
            if entry is None:
                raise UserError(
                    fill(translate("Breaches", "Not in the sub-processor register: %1."), name),
                    field="name",
                )
            q.set_transfer(
                s, entry.id, " ".join(country.split())[:100], " ".join(basis.split())[:300]
            )
            audit.append(
                s,
                actor=actor,
                action="subprocessor.transfer_set",
                entity_type="subprocessor",
                entity_id=entry.id,
                payload={"country": country, "basis": basis},
            )

    # -- Art. 30 -----------------------------------------------------------------------------------

    def art30_document(self, today: date | None = None) -> PrivacyDocument:
        """The records as they would be exported now (the version they would get, not recorded)."""
        return self._art30(today or date.today(), self._peek_version)[0]

    def _art30(
        self, day: date, version_of: _VersionOf
    ) -> tuple[PrivacyDocument, list[ControllerEntry], list[SubProcessorRecord], int]:
        supplier = self.supplier_info()
        controllers = self.controllers()
        subs = self.subprocessors()
        rules = self._rules()
        draft = build_art30(supplier, controllers, subs, rules, version=0, generated_on=day)
        version = version_of("art30", "nb", draft.sha256())
        doc = build_art30(supplier, controllers, subs, rules, version=version, generated_on=day)
        return doc, controllers, subs, version

    def export_art30(
        self,
        pdf: Path | str,
        *,
        csv: Path | str | None = None,
        today: date | None = None,
        actor: str = "owner",
    ) -> ExportResult:
        """Write the records as PDF (and CSV), dated and versioned."""
        from contractdesk.output.atomic import save_atomic
        from contractdesk.output.pdf.report import render_privacy_document
        from contractdesk.output.records_csv import records_csv_bytes

        day = today or date.today()
        doc, controllers, subs, version = self._art30(day, self._record_version)
        files = [save_atomic(pdf, render_privacy_document(doc))]
        if csv is not None:
            rows = csv_rows(
                self.supplier_info(), controllers, subs, version=version, generated_on=day
            )
            files.append(save_atomic(csv, records_csv_bytes(CSV_HEADER, rows)))
        self._audit("records.art30_exported", "art30", version, doc.sha256(), actor)
        return ExportResult(
            "art30", "nb", version, doc.sha256(), tuple(files), len(controllers), len(subs)
        )

    # -- privacy statement ------------------------------------------------------------------

    def statement_document(self, language: str, today: date | None = None) -> PrivacyDocument:
        return self._statement(_language(language), today or date.today(), self._peek_version)[0]

    def _statement(
        self, language: str, day: date, version_of: _VersionOf
    ) -> tuple[PrivacyDocument, int]:
        supplier = self.supplier_info()
        subs = self.subprocessors()
        rules = self._rules()
        draft = build_statement(
            supplier, subs, rules, language=language, version=0, generated_on=day
        )
        version = version_of("statement", language, draft.sha256())
        doc = build_statement(
            supplier, subs, rules, language=language, version=version, generated_on=day
        )
        return doc, version

    def export_statement(
        self,
        language: str,
        pdf: Path | str,
        *,
        html: Path | str | None = None,
        today: date | None = None,
        actor: str = "owner",
    ) -> ExportResult:
        """Write the statement as PDF (and HTML for the website), versioned per language."""
        from contractdesk.output.atomic import save_atomic
        from contractdesk.output.html import render_privacy_html
        from contractdesk.output.pdf.report import render_privacy_document

        lang = _language(language)
        doc, version = self._statement(lang, today or date.today(), self._record_version)
        files = [save_atomic(pdf, render_privacy_document(doc))]
        if html is not None:
            files.append(save_atomic(html, render_privacy_html(doc).encode("utf-8")))
        self._audit("privacy_statement.exported", lang, version, doc.sha256(), actor)
        return ExportResult("statement", lang, version, doc.sha256(), tuple(files))

    # -- the DPA draft ----------------------------------------------------------------------

    def create_dpa_draft(
        self, label: str, *, source_label: str | None = None, actor: str = "owner"
    ) -> DpaDraftResult:
        """A new draft terms version whose DPA annex covers Art. 28(3)(a)-(h).

        A copy of ``source_label`` (default: the newest published version) with the modern DPA
        annex citing the GDPR and the 2018 act; the owner edits and publishes it (§14 cycle).
        """
        terms = self._terms
        if source_label is None:
            latest = terms.latest_published()
            if latest is None:
                raise UserError(
                    translate("Privacy", "There is no published terms version to start from.")
                )
            source_label = str(latest.label)
        source_doc = terms.document(source_label)
        if find_dpa_annex(source_doc) is None:
            raise UserError(
                fill(translate("Privacy", "Terms version %1 has no DPA annex."), source_label)
            )
        new_doc = modern_dpa(source_doc)
        view = terms.copy_to_draft(source_label, label, actor=actor)
        terms.update_draft(view.label, document=new_doc, actor=actor)
        annex = find_dpa_annex(new_doc)
        assert annex is not None
        return DpaDraftResult(view.label, source_label, check_dpa(annex))

    # -- helpers -----------------------------------------------------------------------------------

    def _record_version(self, kind: str, language: str, sha: str) -> int:
        """The version of a document with this content, recorded now when it is new."""
        with self._store.session() as s:
            return q.document_version(s, kind, language, sha)[0]

    def _peek_version(self, kind: str, language: str, sha: str) -> int:
        """The version a document with this content would get (nothing recorded)."""
        with self._store.read_session() as s:
            return q.peek_document_version(s, kind, language, sha)

    def _audit(self, action: str, entity: str, version: int, sha: str, actor: str) -> None:
        with self._store.session() as s:
            audit.append(
                s,
                actor=actor,
                action=action,
                entity_type="privacy_document",
                entity_id=entity,
                payload={"version": version, "sha256": sha},
            )


def _language(language: str) -> str:
    lang = (language or "").strip().lower()
    if lang not in LANGUAGES:
        raise UserError(
            fill(translate("Privacy", "Unknown language %1: use nb or en."), language), field="lang"
        )
    return lang
