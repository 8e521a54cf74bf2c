"""Automatic daily backups into a folder the user chose (a synced folder works).

Settings are in ``autobackup.json`` in the data folder (the folder and when the last backup was
made; no secret). A backup is due when the last one is older than a day; it is encrypted with
the store's recovery key, checked before (the store) and after (the backup), and the erasure
ledger is copied beside it. Retention keeps the newest backup of each of the last 7 days that
have one and of each of the last 12 months; older automatic backups are deleted.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from contractdesk.store import ledger
from contractdesk.store.backup import create_backup
from contractdesk.store.engine import Store
from contractdesk.store.keys import write_private_file
from contractdesk.store.recovery import ensure_recovery_key

log = logging.getLogger(__name__)

CONFIG_NAME = "autobackup.json"
PREFIX = "contractdesk-auto-"
SUFFIX = ".cdbackup"
_NAME_RE = re.compile(rf"^{PREFIX}(\d{{8}}T\d{{6}}Z)(?:-\d+)?{re.escape(SUFFIX)}$")
KEEP_DAILY = 7
KEEP_MONTHLY = 12


@dataclass(frozen=True)
class AutoBackupConfig:
    folder: Path | None
    last: datetime | None

    def due(self, now: datetime | None = None) -> bool:
        if self.folder is None:
            return False
        moment = now or datetime.now(UTC)
        return self.last is None or moment - self.last >= timedelta(days=1)


def load_config(data_dir: Path) -> AutoBackupConfig:
    try:
        data = json.loads((data_dir / CONFIG_NAME).read_text(encoding="utf-8"))
        folder = Path(data["folder"]) if data.get("folder") else None
        last = datetime.fromisoformat(data["last"]) if data.get("last") else None
        return AutoBackupConfig(folder, last)
    except (OSError, ValueError, KeyError, TypeError):
        return AutoBackupConfig(None, None)


def save_config(data_dir: Path, config: AutoBackupConfig) -> None:
    data = {
        "folder": str(config.folder) if config.folder else None,
        "last": config.last.isoformat(timespec="seconds") if config.last else None,
    }
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_private_file(data_dir / CONFIG_NAME, (json.dumps(data, indent=2) + "\n").encode())


def set_folder(data_dir: Path, folder: Path) -> AutoBackupConfig:
    """Choose (and create) the folder for automatic backups."""
    folder = Path(folder).expanduser().resolve()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    config = AutoBackupConfig(folder, load_config(data_dir).last)
    save_config(data_dir, config)
    return config


def backup_now(store: Store, data_dir: Path, *, now: datetime | None = None) -> Path:
    """Make an automatic backup now (integrity check first), copy the ledger, apply retention."""
    config = load_config(data_dir)
    if config.folder is None:
        raise ValueError("no folder for automatic backups is set")
    moment = now or datetime.now(UTC)
    key = ensure_recovery_key(store)
    stamp = moment.strftime("%Y%m%dT%H%M%SZ")
    dest = config.folder / f"{PREFIX}{stamp}{SUFFIX}"
    n = 1
    while dest.exists():
        n += 1
        dest = config.folder / f"{PREFIX}{stamp}-{n}{SUFFIX}"
    create_backup(store, dest, key)
    ledger.copy_beside(data_dir, config.folder)
    save_config(data_dir, AutoBackupConfig(config.folder, moment))
    removed = apply_retention(config.folder)
    log.info("automatic backup written (%d old ones removed)", len(removed))
    return dest


def run_if_due(store: Store, data_dir: Path, *, now: datetime | None = None) -> Path | None:
    """``backup_now`` when the last automatic backup is older than a day; else None."""
    if not load_config(data_dir).due(now):
        return None
    return backup_now(store, data_dir, now=now)


def stamp_of(path: Path) -> datetime | None:
    match = _NAME_RE.match(path.name)
    if not match:
        return None
    return datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def to_keep(stamps: list[datetime]) -> set[datetime]:
    """The newest of each of the last 7 days with a backup and of each of the last 12 months."""
    newest_first = sorted(stamps, reverse=True)
    keep: set[datetime] = set()
    days: list[str] = []
    months: list[str] = []
    for moment in newest_first:
        day, month = moment.strftime("%Y-%m-%d"), moment.strftime("%Y-%m")
        if day not in days and len(days) < KEEP_DAILY:
            days.append(day)
            keep.add(moment)
        if month not in months and len(months) < KEEP_MONTHLY:
            months.append(month)
            keep.add(moment)
    return keep


def apply_retention(folder: Path) -> list[Path]:
    """Delete automatic backups outside the retention rule; returns what was deleted."""
    files = {p: stamp_of(p) for p in folder.glob(f"{PREFIX}*{SUFFIX}")}
    dated = {p: s for p, s in files.items() if s is not None}
    keep = to_keep(list(dated.values()))
    removed = []
    for path, stamp in dated.items():
        if stamp not in keep:
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                log.warning("could not delete an old automatic backup")
    return removed


def remove_partials(*folders: Path) -> int:
    """Delete ``.partial`` leftovers of an interrupted backup (a killed ``backup create``)."""
    count = 0
    for folder in folders:
        if folder is None or not folder.is_dir():
            continue
        for leftover in folder.glob(".*.partial"):
            try:
                leftover.unlink()
                count += 1
            except OSError:
                pass
    return count
