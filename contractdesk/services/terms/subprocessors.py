"""Terms use cases: the sub-processor register (add, change, retire)."""

from __future__ import annotations

from contractdesk.domain.orgnr import InvalidOrgNumber, parse_org_number
from contractdesk.domain.terms.subprocessors import SubProcessorKind
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.services.terms.common import sub_view
from contractdesk.services.terms.views import SubProcessorInput, SubProcessorView
from contractdesk.services.validation import clean_text
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import SubProcessorEntry
from contractdesk.store.queries import terms as q
from contractdesk.store.types import utcnow
from contractdesk.store.versions import expect_version

_FIELDS = ("name", "org_number", "purpose", "data_shared", "location", "kind", "source_clause")


class SubProcessorUseCases:
    """The register (part of `TermsService`)."""

    _store: Store

    def subprocessors(self, *, include_retired: bool = False) -> list[SubProcessorView]:
        """The register, in the order entries were added."""
        with self._store.read_session() as s:
            return [sub_view(e) for e in q.register(s, include_retired=include_retired)]

    def add_subprocessor(
        self, data: SubProcessorInput, *, actor: str = "owner"
    ) -> SubProcessorView:
        clean = _clean_sub(data)
        with self._store.session() as s:
            q.refuse_taken_subprocessor_name(s, clean.name, None)
            entry = SubProcessorEntry(**{key: getattr(clean, key) for key in _FIELDS})
            s.add(entry)
            s.flush()
            audit.append(
                s,
                actor=actor,
                action="subprocessor.added",
                entity_type="subprocessor",
                entity_id=entry.id,
                payload=sub_view(entry).as_dict(),
            )
            return sub_view(entry)

    def update_subprocessor(
        self,
        entry_id: int,
        data: SubProcessorInput,
        *,
        expected_version: int | None = None,
        actor: str = "owner",
    ) -> SubProcessorView:
        """Change a register entry. Versions published earlier keep the entry as it was then.
        ``expected_version``: the entry's version the form showed (a newer one: ConflictError)."""
        clean = _clean_sub(data)
        with self._store.session() as s:
            entry = q.subprocessor_by_id(s, entry_id)
            expect_version(
                entry,
                expected_version,
                entity="subprocessor",
                mine={key: getattr(clean, key) for key in _FIELDS},
            )
            if entry.retired_at is not None:
                raise UserError(
                    fill(
                        translate(
                            "TermsService",
                            "%1 was removed from the register; add it again instead.",
                        ),
                        entry.name,
                    )
                )
            q.refuse_taken_subprocessor_name(s, clean.name, entry.id)
            before = sub_view(entry).as_dict()
            for key in _FIELDS:
                setattr(entry, key, getattr(clean, key))
            entry.updated_at = utcnow()
            s.flush()
            after = sub_view(entry).as_dict()
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
            return sub_view(entry)

    def retire_subprocessor(self, entry_id: int, *, actor: str = "owner") -> SubProcessorView:
        """Take an entry off the register (kept for the versions that listed it)."""
        with self._store.session() as s:
            entry = q.subprocessor_by_id(s, entry_id)
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
            return sub_view(entry)


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
            fill(
                translate("TermsService", "Kind must be data_shared or access, not %1."),
                repr(data.kind),
            ),
            field="kind",
        )
    location = (
        clean_text(data.location, field=translate("TermsService", "Location"), max_len=200) or None
    )
    return SubProcessorInput(
        name=name,
        purpose=clean_text(data.purpose, field=translate("TermsService", "Purpose"), max_len=2000),
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
