"""One store lock for every process: shared while a store is open, exclusive to replace the file.

The GUI, the CLI and scripts hold a *shared* lock on ``store.lock`` in the data folder for as long
as they have the store open. A restore (or anything else that replaces the database file) takes
it *exclusively*: it waits a bounded time for the others to close and otherwise refuses, so no
process can keep committing into a file that was replaced under it. The lock is an ``flock``: the
kernel drops it when a process dies, so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from contractdesk.i18n import fill, translate
from contractdesk.store.errors import StoreError

LOCK_NAME = "store.lock"

try:  # pragma: no cover - platform switch
    import fcntl

    _HAVE_FLOCK = True
except ImportError:  # pragma: no cover - Windows: the single-instance lock still guards the GUI
    _HAVE_FLOCK = False


class StoreInUseError(StoreError):
    """Another process has the store open, so it cannot be replaced now."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            fill(
                translate(
                    "StoreLock",
                    "The store in %1 is open in another ContractDesk window, command or script: "
                    "close it and try again. Nothing was changed.",
                ),
                path,
            ),
            path,
        )


class StoreLock:
    """The data folder's lock file; ``shared()`` for users of the store, ``exclusive()`` to
    replace it. One object holds at most one lock at a time."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / LOCK_NAME
        self._fd: int | None = None
        self.mode = ""

    def __repr__(self) -> str:
        return f"StoreLock({str(self.path)!r}, mode={self.mode or 'none'})"

    def _open(self) -> int:
        if self._fd is None:
            self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        return self._fd

    def _try(self, op: int) -> bool:
        if not _HAVE_FLOCK:
            return True
        try:
            fcntl.flock(self._open(), op | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _acquire(self, op: int, wait: float, on_wait: Callable[[], None] | None = None) -> bool:
        deadline = time.monotonic() + max(0.0, wait)
        delay = 0.01
        told = False
        while not self._try(op):
            if on_wait is not None and not told and wait > 0:
                on_wait()
                told = True
            if time.monotonic() >= deadline:
                return False
            time.sleep(delay)
            delay = min(delay * 2, 0.2)
        return True

    def shared(self, *, wait: float = 10.0) -> None:
        """Hold the lock shared (the store is open here). Waits while a restore runs.

        Raises:
            StoreInUseError: a restore held the store longer than ``wait`` seconds.
        """
        if not self._acquire(fcntl.LOCK_SH if _HAVE_FLOCK else 0, wait):
            raise StoreInUseError(self.data_dir)
        self.mode = "shared"

    def exclusive(self, *, wait: float = 0.0, on_wait: Callable[[], None] | None = None) -> None:
        """Hold the lock exclusively (nobody else has the store open).

        Raises:
            StoreInUseError: others still had the store open after ``wait`` seconds.
        """
        if not self._acquire(fcntl.LOCK_EX if _HAVE_FLOCK else 0, wait, on_wait):
            raise StoreInUseError(self.data_dir)
        self.mode = "exclusive"

    def try_exclusive(self) -> bool:
        """Take the lock exclusively if nobody else holds it; never waits."""
        if self._acquire(fcntl.LOCK_EX if _HAVE_FLOCK else 0, 0.0):
            self.mode = "exclusive"
            return True
        return False

    def downgrade(self) -> None:
        """Exclusive → shared, without a moment in which a replacer could step in."""
        if _HAVE_FLOCK and self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_SH)
        self.mode = "shared"

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                if _HAVE_FLOCK:
                    fcntl.flock(self._fd, fcntl.LOCK_UN)
                os.close(self._fd)
            self._fd = None
        self.mode = ""


@contextlib.contextmanager
def exclusively(
    data_dir: Path, *, wait: float = 0.0, on_wait: Callable[[], None] | None = None
) -> Iterator[StoreLock]:
    """The store lock held exclusively for the block (``on_wait`` is called once if it waits)."""
    lock = StoreLock(data_dir)
    try:
        lock.exclusive(wait=wait, on_wait=on_wait)
        yield lock
    finally:
        lock.release()
