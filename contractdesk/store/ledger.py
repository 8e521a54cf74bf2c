"""The erasure ledger: which persons were erased, kept OUTSIDE the database so a restore of an
older backup cannot bring them back.

One JSON line per erasure: person id, time, data-subject request ids — no personal data — and an
HMAC-SHA256 (key derived from the store's recovery key) so an edited or foreign line is noticed
and ignored. The ledger lives beside the store (``erasures.ledger``) and is copied beside the
automatic backups, so a restore on a new machine finds it next to the backup it restores.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from contractdesk.fsutil import save_atomic

log = logging.getLogger(__name__)

LEDGER_NAME = "erasures.ledger"


@dataclass(frozen=True)
class LedgerEntry:
    person_id: int
    at: str
    request_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class LedgerRead:
    """The entries whose HMAC verifies, and how many lines did not (edited, damaged, foreign)."""

    entries: tuple[LedgerEntry, ...]
    rejected: int


def _mac(key: bytes, fields: dict[str, Any]) -> str:
    body = json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hmac.new(key, body, "sha256").hexdigest()


def entry_line(
    key: bytes, person_id: int, request_ids: list[int], at: datetime | None = None
) -> str:
    """One ledger line (with its newline)."""
    fields: dict[str, Any] = {
        "v": 1,
        "person_id": int(person_id),
        "at": (at or datetime.now(UTC)).isoformat(timespec="seconds"),
        "request_ids": [int(r) for r in request_ids],
    }
    return json.dumps({**fields, "mac": _mac(key, fields)}, sort_keys=True) + "\n"


def append(folder: Path, line: str) -> None:
    """Append a line to ``folder``'s ledger durably (fsync); the folder is created if needed."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / LEDGER_NAME
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        data = line.encode("utf-8")
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def read(paths: list[Path], key: bytes) -> LedgerRead:
    """The verified entries of the ledger files given (missing ones skipped), one per person."""
    found: dict[int, LedgerEntry] = {}
    rejected = 0
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for line in text.splitlines():
            if not line.strip():
                continue
            entry = _parse(line, key)
            if entry is None:
                rejected += 1
            elif entry.person_id not in found:
                found[entry.person_id] = entry
    return LedgerRead(tuple(sorted(found.values(), key=lambda e: e.at)), rejected)


def _parse(line: str, key: bytes) -> LedgerEntry | None:
    try:
        data = json.loads(line)
        mac = str(data.pop("mac"))
        if not hmac.compare_digest(mac, _mac(key, data)):
            return None
        return LedgerEntry(
            int(data["person_id"]), str(data["at"]), tuple(int(r) for r in data["request_ids"])
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def copy_beside(src_folder: Path, dest_folder: Path) -> None:
    """Copy the ledger next to backups in ``dest_folder`` (atomically; best effort)."""
    src = src_folder / LEDGER_NAME
    if not src.exists():
        return
    dest = dest_folder / LEDGER_NAME
    try:
        dest_folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        existing = dest.read_bytes() if dest.exists() else b""
        ours = src.read_bytes()
        # Keep lines only the other copy has (e.g. a restore elsewhere): union, ours first.
        extra = [
            ln for ln in existing.splitlines(keepends=True) if ln not in set(ours.splitlines(True))
        ]
        save_atomic(dest, ours + b"".join(extra), mode=0o600)  # the one atomic-save helper
    except OSError:  # SaveError is an OSError; the temp file is already gone
        log.warning("could not copy the erasure ledger beside the backups")
