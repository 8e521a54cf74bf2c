"""Issued documents: an agreement's document frozen as a snapshot with its fingerprint, by version.

Issuing stores what the document says (the *content*, from the document service) with the
document id, the version number and the issue date; the SHA-256 of its canonical form is the
fingerprint printed on the paper. Issuing the same content again reuses the latest version
(same issue date, same fingerprint, so the same PDF bytes); a change makes a new version and
the old ones stay.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from contractdesk.domain.fingerprint import canonical_json, fingerprint
from contractdesk.errors import BugError, NotFoundError
from contractdesk.i18n import fill, translate
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import Agreement, AgreementDocument
from contractdesk.store.queries import agreements as q

from .views import IssuedDocument

__all__ = ["IssuedDocumentUseCases", "issued_view"]

#: Parts of a snapshot set when issuing (not part of the content compared for a new version).
ISSUE_KEYS = ("document_id", "version", "issued_on")


def _t(text: str, *values: object) -> str:
    return fill(text, *values)


def issued_view(row: AgreementDocument, document_id: str, *, latest: bool = True) -> IssuedDocument:
    return IssuedDocument(
        id=row.id,
        agreement_id=row.agreement_id,
        document_id=document_id,
        version=row.version,
        issued_on=row.issued_on,
        fingerprint=row.fingerprint,
        snapshot=json.loads(row.snapshot),
        pdf_sha256=row.pdf_sha256,
        pdf_pages=row.pdf_pages,
        sheet_sha256=row.sheet_sha256,
        latest=latest,
    )


def _content(snapshot: Mapping[str, Any]) -> str:
    return canonical_json({k: v for k, v in snapshot.items() if k not in ISSUE_KEYS})


class IssuedDocumentUseCases:
    """Issued document versions (part of `AgreementService`)."""

    _store: Store

    def issue_documents(
        self,
        contents: Sequence[tuple[int, Mapping[str, Any]]],
        day: date,
        *,
        actor: str = "owner",
    ) -> list[IssuedDocument]:
        """Freeze each agreement's document content (``(agreement id, content)``), in one
        transaction.

        The same content as the latest version gives that version back; other content makes the
        next version, issued on ``day``.
        """
        unchanged = self._unchanged(contents)
        if unchanged is not None:
            return unchanged  # nothing new to freeze: no write transaction
        out: list[IssuedDocument] = []
        with self._store.session() as s:
            latest = q.latest_documents(s, [agreement_id for agreement_id, _ in contents])
            for agreement_id, content in contents:
                agreement = s.get(Agreement, agreement_id)
                if agreement is None:
                    raise NotFoundError(
                        _t(translate("AgreementService", "No agreement %1."), agreement_id)
                    )
                row = latest.get(agreement_id)
                if row is not None and _content(json.loads(row.snapshot)) == _content(content):
                    out.append(issued_view(row, agreement.document_id))
                    continue
                row = self._new_version(s, agreement, row, content, day, actor)
                latest[agreement_id] = row
                out.append(issued_view(row, agreement.document_id))
        return out

    def _unchanged(
        self, contents: Sequence[tuple[int, Mapping[str, Any]]]
    ) -> list[IssuedDocument] | None:
        """The latest versions when every content is the same as its latest version (read only),
        else None (the write transaction then checks again)."""
        with self._store.read_session() as s:
            latest = q.latest_documents(s, [agreement_id for agreement_id, _ in contents])
            out: list[IssuedDocument] = []
            for agreement_id, content in contents:
                row = latest.get(agreement_id)
                if row is None or _content(json.loads(row.snapshot)) != _content(content):
                    return None
                agreement = s.get(Agreement, agreement_id)
                if agreement is None:
                    return None
                out.append(issued_view(row, agreement.document_id))
            return out

    @staticmethod
    def _new_version(
        s: q.Session,
        agreement: Agreement,
        previous: AgreementDocument | None,
        content: Mapping[str, Any],
        day: date,
        actor: str,
    ) -> AgreementDocument:
        version = previous.version + 1 if previous is not None else 1
        snapshot = {
            **content,
            "document_id": agreement.document_id,
            "version": version,
            "issued_on": day,
        }
        row = AgreementDocument(
            agreement_id=agreement.id,
            version=version,
            issued_on=day,
            snapshot=canonical_json(snapshot),
            fingerprint=fingerprint(snapshot),
            issued_by=actor,
        )
        s.add(row)
        s.flush()
        audit.append(
            s,
            actor=actor,
            action="agreement.issued",
            entity_type="agreement",
            entity_id=agreement.document_id,
            payload={"version": version, "fingerprint": row.fingerprint, "issued_on": day},
        )
        return row

    def record_pdf(self, issued_id: int, kind: str, sha256: str, pages: int | None = None) -> None:
        """Keep the hash of the PDF rendered from an issued version (the first one made stays)."""
        self.record_pdfs([(issued_id, kind, sha256, pages)])

    def record_pdfs(self, items: Sequence[tuple[int, str, str, int | None]]) -> None:
        """`record_pdf` for many (issued id, kind, sha256, pages) in one transaction."""
        with self._store.session() as s:
            for issued_id, kind, sha256, pages in items:
                row = s.get(AgreementDocument, int(issued_id))
                if row is None:
                    raise BugError(f"no issued document {issued_id}")
                if kind == "sheet":
                    row.sheet_sha256 = row.sheet_sha256 or sha256
                else:
                    row.pdf_sha256 = row.pdf_sha256 or sha256
                    row.pdf_pages = row.pdf_pages or pages

    def issued_versions(self, ref: int | str) -> list[IssuedDocument]:
        """Every issued version of an agreement's document, oldest first."""
        with self._store.read_session() as s:
            agreement = q.agreement_by_ref(s, ref)
            rows = q.document_versions(s, agreement.id)
            last = rows[-1].version if rows else 0
            return [issued_view(r, agreement.document_id, latest=r.version == last) for r in rows]

    def find_issued(self, document_id: str) -> list[IssuedDocument]:
        """The issued versions of a document id (empty when unknown: no such agreement or none)."""
        with self._store.read_session() as s:
            try:
                agreement = q.agreement_by_ref(s, document_id)
            except NotFoundError:
                return []
            rows = q.document_versions(s, agreement.id)
            last = rows[-1].version if rows else 0
            return [issued_view(r, agreement.document_id, latest=r.version == last) for r in rows]

    def issued_by_fingerprint(self, value: str) -> list[IssuedDocument]:
        """Issued versions with this fingerprint (normally one)."""
        return self._issued_rows(lambda s: q.documents_by_fingerprint(s, value.lower()))

    def issued_by_pdf_hash(self, sha256: str) -> list[IssuedDocument]:
        """Issued versions whose agreement PDF or sheet had exactly these bytes."""
        return self._issued_rows(lambda s: q.documents_by_pdf_hash(s, sha256.lower()))

    def _issued_rows(
        self, rows: Callable[[q.Session], list[AgreementDocument]]
    ) -> list[IssuedDocument]:
        with self._store.read_session() as s:
            out = []
            for row in rows(s):
                agreement = s.get(Agreement, row.agreement_id)
                assert agreement is not None
                versions = q.document_versions(s, agreement.id)
                latest = versions[-1].version == row.version
                out.append(issued_view(row, agreement.document_id, latest=latest))
            return out
