"""The store's safety: describe it, set a passphrase, back it up, read the audit log."""

from __future__ import annotations

from pathlib import Path

from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.paths import StorePaths
from contractdesk.services.safety.views import AuditCheck, AuditEntryView, StoreInfo
from contractdesk.store import audit
from contractdesk.store.backup import create_backup
from contractdesk.store.engine import Store
from contractdesk.store.profile import change_to_passphrase

MIN_PASSPHRASE = 8


class SafetyService:
    """The open store's key, backups and audit log (slow ones: call them off the GUI thread)."""

    def __init__(self, store: Store, paths: StorePaths) -> None:
        self._store = store
        self._paths = paths

    def __repr__(self) -> str:
        return f"SafetyService({str(self._paths.data_dir)!r})"

    def info(self) -> StoreInfo:
        """Where the store is and how it is unlocked."""
        return StoreInfo(Path(self._store.path), self._store.key_source)

    def set_passphrase(self, passphrase: str, repeated: str | None = None) -> StoreInfo:
        """Unlock the store with ``passphrase`` from now on (Argon2id: takes ~0.3 s).

        Raises:
            UserError: a demo store, a passphrase shorter than 8 characters, or two that differ.
        """
        if self._store.key_source == "memory":
            raise UserError(
                translate(
                    "SafetyService", "The demo store has no passphrase: it is discarded on exit."
                )
            )
        if repeated is not None and passphrase != repeated:
            raise UserError(translate("SafetyService", "The two passphrases differ."))
        if len(passphrase) < MIN_PASSPHRASE:
            raise UserError(
                fill(
                    translate("SafetyService", "A passphrase needs at least %1 characters."),
                    MIN_PASSPHRASE,
                )
            )
        change_to_passphrase(self._paths, self._store.key_for_backup(), passphrase)
        self._store.key_source = "passphrase"
        return self.info()

    def create_backup(self, path: str | Path, passphrase: str) -> Path:
        """Write an encrypted, checked backup to ``path``; returns where it was written.

        Raises:
            UserError: no passphrase for the backup.
            StoreError: the backup could not be written or did not check out.
        """
        if not passphrase:
            raise UserError(translate("SafetyService", "A backup needs a passphrase."))
        return create_backup(self._store, Path(path), passphrase)

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
