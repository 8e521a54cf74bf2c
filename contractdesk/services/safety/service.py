"""The store's safety: describe it and read its audit log (backups and keys: ``BackupService``)."""

from __future__ import annotations

from pathlib import Path

from contractdesk.paths import StorePaths
from contractdesk.services.safety.views import AuditCheck, AuditEntryView, StoreInfo
from contractdesk.store import audit
from contractdesk.store.engine import Store


class SafetyService:
    """How the open store is unlocked, and its audit log."""

    def __init__(self, store: Store, paths: StorePaths) -> None:
        self._store = store
        self._paths = paths

    def __repr__(self) -> str:
        return f"SafetyService({str(self._paths.data_dir)!r})"

    def info(self) -> StoreInfo:
        """Where the store is and how it is unlocked."""
        return StoreInfo(
            Path(self._store.path),
            self._store.key_source,
            bool(getattr(self._store, "damage", None)),
        )

    def audit_entries(self, entity_type: str | None = None, limit: int = 0) -> list[AuditEntryView]:
        """The audit log, oldest first (only ``entity_type``'s; only the last ``limit``)."""
        with self._store.read_session() as s:
            rows = [
                AuditEntryView(
                    e.id,
                    e.at,
                    e.actor,
                    e.action,
                    e.entity_type,
                    str(e.entity_id),
                    audit.payload_of(e),
                    e.hash,
                )
                for e in audit.entries(s, entity_type)
            ]
        return rows[-limit:] if limit else rows

    def verify_audit(self) -> AuditCheck:
        """Walk the audit log's hash chain; names the first broken entry."""
        with self._store.read_session() as s:
            result = audit.verify(s)
        return AuditCheck(result.ok, result.checked, result.first_broken_id, result.reason)
