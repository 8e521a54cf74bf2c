"""Damage found by a check: the store turns read-only until it is restored from a backup.

``Store.verify()`` (SQLCipher's page HMAC check and SQLite's integrity check; the GUI runs it in
the background after start-up, every backup runs it first, ``contractdesk check`` on demand)
records damage in ``damaged.json`` beside the database. Every later open reads the marker, so
no process writes into a damaged file again; a successful restore removes it.
"""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime
from pathlib import Path

from contractdesk.i18n import fill, translate
from contractdesk.store.errors import StoreError

MARKER_NAME = "damaged.json"


class StoreReadOnlyError(StoreError):
    """The store was found damaged: it can be read, but nothing more is saved into it."""

    def __init__(self, path: Path | str, problem: str = "") -> None:
        super().__init__(
            fill(
                translate(
                    "StoreHealth",
                    "Not saved: %1 is damaged, so it is read-only now. Restore it from a backup "
                    "(Settings, or contractdesk backup restore FILE).",
                ),
                path,
            ),
            path,
        )
        self.problem = problem


def marker_path(db: Path) -> Path:
    return Path(db).parent / MARKER_NAME


def mark_damaged(db: Path, problem: str) -> None:
    """Remember that the store is damaged (best effort: the disk may be failing too)."""
    data = {"found_at": datetime.now(UTC).isoformat(timespec="seconds"), "problem": problem}
    with contextlib.suppress(OSError):
        marker_path(db).write_text(json.dumps(data) + "\n", encoding="utf-8")


def recorded_damage(db: Path) -> str | None:
    """The problem a check recorded for this store, or None while none was found."""
    try:
        data = json.loads(marker_path(db).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return "damage recorded"
    return str(data.get("problem") or "damage recorded") if isinstance(data, dict) else None


def clear_damage(db: Path) -> None:
    with contextlib.suppress(OSError):
        marker_path(db).unlink()
