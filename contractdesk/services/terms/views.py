"""Terms: the values that cross threads (frozen DTOs), the confirmation error and the checklist's
JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from contractdesk.domain.terms.document import TermsDocument
from contractdesk.domain.terms.dpa_checklist import DpaChecklist
from contractdesk.domain.terms.subprocessors import SubProcessorKind
from contractdesk.errors import UserError


@dataclass(frozen=True)
class TermsVersionRow:
    """A version in the list: label, state, effective date, hash (published only), content hash."""

    id: int
    label: str
    title: str
    state: str
    effective_date: date | None
    sha256: str | None
    content_sha256: str
    published_at: datetime | None
    updated_at: datetime
    version: int = field(default=0, compare=False)
    """The record's version when read (optimistic locking): pass it back when saving a draft."""

    @property
    def published(self) -> bool:
        return self.state == "published"

    def as_dict(self) -> dict[str, Any]:
        """``terms list --json`` form: ``label``, ``effective_date``, ``sha256``, ``state`` …"""
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
    """A sub-processor in the register, or as a version listed it (``id``: the register entry's)."""

    id: int | None
    name: str
    purpose: str
    data_shared: str
    kind: str
    org_number: str | None = None
    location: str | None = None
    source_clause: str = ""
    retired_at: datetime | None = None
    version: int | None = field(default=None, compare=False)
    """The register entry's version when read (optimistic locking); None for a version's copy."""

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
    """One version in full: document, source text, checklist snapshot and its sub-processors."""

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
        """``terms show --json`` form: the list fields, the document and what came with it."""
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
        warnings: things to know that need no confirmation (late notice, parties missing in the
            register).
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
    """Publishing needs confirmation (DPA gaps, repealed-act references); see ``preview``."""

    def __init__(self, message: str, preview: PublishPreview) -> None:
        super().__init__(message)
        self.preview = preview


def checklist_to_dict(
    checklist: DpaChecklist | None, *, annex_label: str | None = None
) -> dict[str, Any]:
    """JSON form of a DPA checklist (stored with a published version; ``terms show --json``)."""
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
