"""People use case: everything held about a person, as JSON (GDPR Arts. 15 and 20)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from contractdesk.domain.people import ConsentKind, Role
from contractdesk.output.atomic import save_atomic
from contractdesk.services.people import reading
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import AuditEntry, Supplier
from contractdesk.store.queries import people as q
from contractdesk.store.types import utcnow
from contractdesk.store.unit import Session

EXPORT_SCHEMA = "https://contractdesk.invalid/schemas/person-export.schema.json"
EXPORT_SCHEMA_VERSION = 1
"""The export format: ``resources/schemas/person-export.schema.json`` (JSON Schema 2020-12)."""


class ExportUseCases:
    """The data-subject export (part of `PeopleService`)."""

    _store: Store

    def export(
        self, person_id: int, *, actor: str = "owner", log_access: bool = True
    ) -> dict[str, Any]:
        """Everything held about a person, as JSON-ready data (GDPR Arts. 15 and 20).

        The format is ``resources/schemas/person-export.schema.json``: ``schema``,
        ``schema_version``, ``exported_at``, ``controller`` (the supplier), ``person`` (personal
        fields), ``customers`` (roles and rights at each), ``consents`` (every event),
        ``requests`` (the request log) and ``audit`` (entries about the person, with their
        details). Dates are ISO 8601 strings. ``log_access`` records the export in the audit log.
        """
        with self._store.read_session() as s:
            data = _export_data(s, person_id)
        if log_access:
            self._log_export(person_id, actor)
        return data

    def export_to_file(self, person_id: int, path: Path | str, *, actor: str = "owner") -> Path:
        """Write the export as UTF-8 JSON to ``path``: complete or not at all.

        The export is audited only once the file is written (a failed save records nothing).

        Raises:
            SaveError: the file could not be written; nothing was recorded.
        """
        data = self.export(person_id, actor=actor, log_access=False)
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        target = save_atomic(Path(path), text.encode("utf-8"), mode=0o600)
        self._log_export(person_id, actor)
        return target

    def _log_export(self, person_id: int, actor: str) -> None:
        with self._store.session() as s:
            audit.append(
                s,
                actor=actor,
                action="person.exported",
                entity_type="person",
                entity_id=person_id,
                payload={},
            )


def _export_data(s: Session, person_id: int) -> dict[str, Any]:
    view = reading.person_view(s, q.person_by_id(s, person_id))
    supplier = s.get(Supplier, 1)
    return {
        "schema": EXPORT_SCHEMA,
        "schema_version": EXPORT_SCHEMA_VERSION,
        "exported_at": utcnow().isoformat(timespec="seconds"),
        "controller": {
            "org_number": supplier.org_number if supplier else "",
            "name": supplier.name if supplier else "",
            "email": supplier.email if supplier else "",
        },
        "person": {
            "id": view.id,
            "first_name": view.first_name,
            "middle_name": view.middle_name,
            "last_name": view.last_name,
            "title": view.title,
            "phone": view.phone,
            "mobile": view.mobile,
            "emails": list(view.emails),
            "created_at": view.created_at.isoformat(timespec="seconds"),
            "updated_at": view.updated_at.isoformat(timespec="seconds"),
            "erased_at": view.erased_at.isoformat(timespec="seconds") if view.erased_at else None,
        },
        "customers": [
            {
                "org_number": m.org_number,
                "customer_name": m.customer_name,
                "roles": [r.cli_name for r in m.roles],
                "rights": m.rights.as_dict(),
            }
            for m in view.memberships
        ],
        "roles": [
            {
                "org_number": c.org_number,
                "customer_name": c.name,
                "role": Role(r.role).cli_name,
                "since": r.since.isoformat(),
                "requested_by_person_id": r.requested_by_person_id,
                "source": r.source,
                "registry_role_code": r.registry_role_code,
            }
            for r, c in q.roles_with_customers(s, person_id)
        ],
        "consents": [
            {
                "kind": ConsentKind(c.kind).cli_name,
                "given": c.given,
                "on": c.on.isoformat(),
                "source": c.source,
                "recorded_at": c.recorded_at.isoformat(),
            }
            for c in sorted(q.consents_of(s, person_id), key=lambda c: c.id)
        ],
        "requests": [
            {
                "id": r.id,
                "kind": r.kind,
                "received_on": r.received_on.isoformat(),
                "due_on": r.due_on.isoformat(),
                "done_on": r.done_on.isoformat() if r.done_on else None,
                "note": r.note,
            }
            for r in q.requests_of(s, person_id)
        ],
        "audit": [_audit_entry(e) for e in q.audit_about(s, person_id)],
    }


def _audit_entry(e: AuditEntry) -> dict[str, Any]:
    return {
        "id": e.id,
        "at": e.at.isoformat(timespec="seconds"),
        "actor": e.actor,
        "action": e.action,
        "entity_type": e.entity_type,
        "entity_id": e.entity_id,
        "details": audit.payload_of(e),
    }
