"""Restoring a team server's backup (an encrypted ``pg_dump`` archive) into an empty database.

Making one is ``BackupService.create`` on a server store; the file opens with the backup
passphrase or the store's recovery key, like a local backup.
"""

from __future__ import annotations

from pathlib import Path

from contractdesk.store.errors import WrongKeyOrDamagedError
from contractdesk.store.recovery import normalise_recovery_key
from contractdesk.store.server import make_server_engine, server_url
from contractdesk.store.server_backup import (
    ServerBackupInfo,
    is_server_backup,
    restore_encrypted,
)

__all__ = ["ServerBackupInfo", "is_server_backup", "restore_server_backup"]


def restore_server_backup(url: str, src: Path, secret: str) -> ServerBackupInfo:
    """Restore ``src`` into the EMPTY database at ``url`` (one transaction; verified row counts).

    ``secret`` is the backup passphrase or the recovery key (as typed: any case, dashes).
    """
    engine = make_server_engine(server_url(url), pool_size=1)
    try:
        candidates = [c for c in (normalise_recovery_key(secret), secret) if c]
        last: Exception | None = None
        for candidate in dict.fromkeys(candidates):
            try:
                return restore_encrypted(Path(src), candidate, engine)
            except WrongKeyOrDamagedError as exc:
                last = exc
        raise last or WrongKeyOrDamagedError(src)
    finally:
        engine.dispose()
