"""Snapshots in ``backups/`` older than the retention window: listed for review, then deleted.

Only database snapshots the app itself writes (``*.db`` with their ``-wal``) are considered;
earlier key files (``store-*.json``) hold no personal data and are needed to open old copies,
so they stay. Age is the file's modification time.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["old_snapshots", "prune_snapshots"]


def old_snapshots(folder: Path, cutoff: datetime) -> list[Path]:
    """Snapshots in ``folder`` last written before ``cutoff`` (aware), oldest first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.db"):
        if not path.is_file():
            continue
        written = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        if written < cutoff:
            found.append((written, path))
    return [p for _, p in sorted(found)]


def prune_snapshots(paths: list[Path]) -> list[str]:
    """Delete the snapshots (and any ``-wal``/``-shm`` beside them); returns the names deleted."""
    deleted = []
    for path in paths:
        for extra in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            extra.unlink(missing_ok=True)
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        deleted.append(path.name)
    if paths:
        try:
            fd = os.open(paths[0].parent, os.O_RDONLY)
        except OSError:
            return deleted
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)
    return deleted
