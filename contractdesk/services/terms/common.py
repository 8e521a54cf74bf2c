"""Terms: steps shared by the use cases (label rules, the published-is-final rule, DTO builders)."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

from contractdesk.domain.terms.document import TermsDocument
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.services.terms.views import SubProcessorView, TermsVersionRow, TermsVersionView
from contractdesk.store.models import SubProcessorEntry, TermsVersion
from contractdesk.store.queries import terms as q
from contractdesk.store.unit import Session

LABEL_RE = re.compile(r"^\w[\w.\-]{0,49}$")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def clean_label(label: str) -> str:
    """The label trimmed and NFC-normalised; a UserError when it breaks the label rule."""
    text = unicodedata.normalize("NFC", (label or "").strip())
    if not LABEL_RE.match(text):
        raise UserError(
            fill(
                translate(
                    "TermsService",
                    "Label %1: use 1–50 letters, digits, '.', '-' or '_', e.g. 2025-01-01.",
                ),
                repr(label),
            ),
            field="label",
        )
    return text


def refuse_published(v: TermsVersion) -> None:
    """A published version never changes."""
    if v.state == "published":
        raise UserError(
            fill(
                translate(
                    "TermsService",
                    "Terms version %1 is published and cannot change; "
                    "copy it into a new draft instead.",
                ),
                repr(v.label),
            ),
            field="label",
        )


def fold_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().replace(".", " ").split())


def sub_view(e: SubProcessorEntry) -> SubProcessorView:
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
        version=e.version,
    )


def row_of(v: TermsVersion) -> TermsVersionRow:
    return TermsVersionRow(
        v.id,
        v.label,
        v.title,
        v.state,
        v.effective_date,
        v.sha256,
        sha256_text(v.document),
        v.published_at,
        v.updated_at,
        version=v.version,
    )


def view_of(s: Session, v: TermsVersion) -> TermsVersionView:
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
        for link in q.links_of(s, v.id)
    )
    source = s.get(TermsVersion, v.copied_from_id) if v.copied_from_id else None
    return TermsVersionView(
        row=row_of(v),
        document=TermsDocument.from_json(v.document),
        source_text=v.source_text,
        dpa_checklist=json.loads(v.dpa_checklist) if v.dpa_checklist else None,
        gaps_confirmed=v.gaps_confirmed,
        subprocessors=subs,
        copied_from=source.label if source is not None else None,
    )
