"""Check a store's ``-wal`` before SQLite may open it: refuse one whose committed frames SQLite
would silently drop.

SQLite replays the ``-wal`` frame by frame and stops at the first frame whose salts differ from
the header's or whose running checksum does not match; everything after it is discarded, and the
first connection that closes deletes the file. A torn write at the very end (a crash while the
last, unacknowledged transaction was being written) is dropped rightly. A damaged frame with
whole *committed* transactions after it is not: those commits were acknowledged. We refuse such a
store before SQLite touches it, keep copies of the database and its ``-wal`` in ``backups/``, and
say what to do. Only the file format is read here; no key is needed (checksums cover the
encrypted pages).
"""

from __future__ import annotations

import logging
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path

from contractdesk.i18n import fill, translate
from contractdesk.store.errors import StoreError

log = logging.getLogger(__name__)

WAL_HEADER = 32
FRAME_HEADER = 24
_MAGIC = (0x377F0682, 0x377F0683)


class WalDamagedError(StoreError):
    """The ``-wal`` holds committed transactions that SQLite would drop; nothing was opened."""

    def __init__(self, path: Path, kept: Path | None, lost: int) -> None:
        where = (
            fill(translate("WalCheck", "Copies of both files are in %1."), kept.parent)
            if kept
            else ""
        )
        super().__init__(
            fill(
                translate(
                    "WalCheck",
                    "The journal of %1 is damaged: %2 saved change(s) after the damage could not "
                    "be read back, so the store was not opened and nothing was deleted. %3 "
                    "Restore from a backup (contractdesk backup restore FILE), or keep the copies "
                    "for expert help.",
                ),
                path,
                lost,
                where,
            ).replace("  ", " "),
            path,
        )
        self.kept = kept
        self.lost = lost


@dataclass(frozen=True)
class WalReport:
    """What the check found: valid frames, the last valid commit, and commits SQLite would drop."""

    frames: int
    valid_frames: int
    dropped_commits: int
    reason: str = ""

    @property
    def damaged(self) -> bool:
        return self.dropped_commits > 0


def _checksum(data: bytes, s0: int, s1: int, big_endian: bool) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    mask = 0xFFFFFFFF
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & mask
        s1 = (s1 + words[i + 1] + s0) & mask
    return s0, s1


def inspect_wal(wal: Path) -> WalReport:
    """Read the ``-wal`` the way SQLite's recovery does and count the commits it would drop."""
    try:
        data = Path(wal).read_bytes()
    except FileNotFoundError:
        return WalReport(0, 0, 0)
    if len(data) < WAL_HEADER:
        return WalReport(0, 0, 0)  # no header: SQLite ignores (and resets) it; it held nothing
    magic, _version, page_size, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", data[:32])
    if magic not in _MAGIC or page_size < 512 or page_size & (page_size - 1):
        # A damaged header: SQLite would drop every frame. Count what it would drop.
        return _count_lost(data, page_size or 4096, None, 0, "header")
    big = bool(magic & 1)
    if _checksum(data[:24], 0, 0, big) != (c1, c2):
        return _count_lost(data, page_size, (salt1, salt2), 0, "header checksum")
    size = FRAME_HEADER + page_size
    count = (len(data) - WAL_HEADER) // size
    s0, s1 = c1, c2
    valid = 0
    for i in range(count):
        off = WAL_HEADER + i * size
        header = data[off : off + FRAME_HEADER]
        _page, _commit, fs1, fs2, fc1, fc2 = struct.unpack(">6I", header)
        if (fs1, fs2) != (salt1, salt2):
            return _count_lost(data, page_size, (salt1, salt2), i, "salt", valid)
        s0, s1 = _checksum(header[:8], s0, s1, big)
        s0, s1 = _checksum(data[off + FRAME_HEADER : off + size], s0, s1, big)
        if (s0, s1) != (fc1, fc2):
            return _count_lost(data, page_size, (salt1, salt2), i, "checksum", valid)
        valid = i + 1
    return WalReport(count, valid, 0)


def _count_lost(
    data: bytes,
    page_size: int,
    salts: tuple[int, int] | None,
    broken: int,
    reason: str,
    valid: int = 0,
) -> WalReport:
    """Commit frames of the current generation that SQLite would drop.

    After a damaged header every commit is dropped; after a damaged frame, every commit after
    the end of the broken frame's own transaction (that one may be a torn, unacknowledged write).
    """
    size = FRAME_HEADER + page_size
    count = max(0, (len(data) - WAL_HEADER) // size)
    frames = []
    for i in range(count):
        off = WAL_HEADER + i * size
        _page, commit, fs1, fs2 = struct.unpack(">4I", data[off : off + 16])
        frames.append((commit, (fs1, fs2)))
    if salts is None:  # the header itself is unreadable: take the salts most frames share
        seen: dict[tuple[int, int], int] = {}
        for _commit, key in frames:
            seen[key] = seen.get(key, 0) + 1
        if not seen:
            return WalReport(count, 0, 0, reason)
        salts = max(seen, key=lambda k: seen[k])
    if reason in ("header", "header checksum"):
        lost = sum(1 for commit, key in frames if commit and key == salts)
        return WalReport(count, 0, lost, reason)
    lost = 0
    own_ended = False
    for commit, key in frames[broken:]:
        if key != salts or not commit:
            continue
        if own_ended:
            lost += 1
        own_ended = True
    return WalReport(count, valid, lost, reason)


def check_wal_before_open(db: Path, backups: Path) -> WalReport:
    """Refuse a store whose ``-wal`` would lose committed transactions; keep copies of both files.

    Call it only while no other process has the store open (holding the store lock exclusively):
    a live ``-wal`` that another process is appending to is not replayed by SQLite.

    Raises:
        WalDamagedError: committed frames would be dropped (copies kept in ``backups``).
    """
    wal = Path(f"{db}-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        return WalReport(0, 0, 0)
    report = inspect_wal(wal)
    if not report.damaged:
        return report
    log.error(
        "refusing to open a store whose -wal is damaged (%s; %d commits would be dropped)",
        report.reason,
        report.dropped_commits,
    )
    kept: Path | None = None
    try:
        from contractdesk.store.engine import utc_stamp

        backups.mkdir(parents=True, exist_ok=True, mode=0o700)
        kept = backups / f"{db.stem}-damaged-wal-{utc_stamp()}.db"
        n = 1
        while kept.exists():
            n += 1
            kept = backups / f"{db.stem}-damaged-wal-{utc_stamp()}-{n}.db"
        shutil.copy2(db, kept)
        shutil.copy2(wal, f"{kept}-wal")
    except OSError:
        log.exception("could not copy the damaged store into backups")
        kept = None
    raise WalDamagedError(db, kept, report.dropped_commits)
