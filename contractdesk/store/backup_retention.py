"""Backups older than the retention window: listed for review, then deleted.

Considered are the copies the app itself writes: snapshots in ``backups/`` (``*.db`` with their
``-wal``, ``*.cdbackup``) and the automatic backups (``contractdesk-auto-*.cdbackup``) in the
folder chosen for them. Earlier key files (``store-*.json``) and the erasure ledger hold no
customer data and are needed to open and restore old copies, so they stay. Age is the time in
an automatic backup's name, else the file's modification time.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from contractdesk.fsutil import fsync_dir

__all__ = ["old_snapshots", "prune_snapshots"]


def old_snapshots(folder: Path, cutoff: datetime, *, auto_folder: Path | None = None) -> list[Path]:
    """Backups made before ``cutoff`` (aware), oldest first: ``folder``'s snapshots and the
    automatic backups in ``auto_folder``."""
    from contractdesk.store.autobackup import PREFIX, SUFFIX, stamp_of

    candidates: list[Path] = []
    if folder.is_dir():
        candidates += [*folder.glob("*.db"), *folder.glob(f"*{SUFFIX}")]
    if auto_folder is not None and auto_folder.is_dir():
        candidates += list(auto_folder.glob(f"{PREFIX}*{SUFFIX}"))
    found = []
    for path in dict.fromkeys(candidates):
        if not path.is_file():
            continue
        written = stamp_of(path) or datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        if written < cutoff:
            found.append((written, path))
    return [p for _, p in sorted(found)]


def prune_snapshots(paths: list[Path]) -> list[str]:
    """Delete the backups (and any ``-wal``/``-shm`` beside them); returns the paths deleted."""
    deleted: list[str] = []
    for path in paths:
        for extra in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            extra.unlink(missing_ok=True)
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        deleted.append(str(path))
    for parent in dict.fromkeys(p.parent for p in paths):
        fsync_dir(parent)
    return deleted
