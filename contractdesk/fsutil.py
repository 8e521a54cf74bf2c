"""Atomic file saves: write a temp file beside the target, fsync, rename over the target.

A reader sees either the old file or the complete new one, never a partial file, and a
failed save (disk full, file size limit, permission) leaves no temp file behind.
"""

from __future__ import annotations

import contextlib
import errno as _errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from contractdesk.errors import UserFacingError

_BUFFER = 1 << 20  # stream in 1 MiB pieces


class SaveError(UserFacingError, OSError):
    """A file could not be saved; the target is untouched. ``filename`` names the target."""


def save_atomic(
    path: str | os.PathLike[str], data: bytes, *, mode: int | None = None, durable: bool = True
) -> Path:
    """Write ``data`` to ``path`` atomically and durably; return the target path.

    The bytes go to a temp file in the same folder, which is flushed to disk (``fsync``)
    and renamed over the target (``os.replace``); the folder is then synced so the rename
    survives a power loss. On any failure the temp file is removed and the target keeps its
    old content (or stays absent).

    Args:
        path: the target file.
        data: the complete new content.
        mode: permission bits for the new file; default: those of the file it replaces,
            else ``0o644``.
        durable: sync the file and the folder (default). ``False`` skips both: still
            atomic for readers, but a power loss may leave an empty file; the caller then
            syncs once at the end (batch output, see ``render_batch``).

    Raises:
        SaveError: the write, sync or rename failed (``errno`` tells why, e.g. ``ENOSPC``,
            ``EFBIG``, ``EACCES``); the message names the target.
    """
    return write_atomic(path, lambda fh: fh.write(data), mode=mode, durable=durable)


def write_atomic(
    path: str | os.PathLike[str],
    write: Callable[[BinaryIO], object],
    *,
    mode: int | None = None,
    durable: bool = True,
) -> Path:
    """Like :func:`save_atomic`, with the content streamed: ``write`` gets the open temp file.

    The temp file (``.<name>.<random>.part``) is created with mode 0600 and gets ``mode``
    before the rename, so a private file (``mode=0o600``) is never readable by others.
    An exception raised by ``write`` removes the temp file and propagates unchanged; an
    ``OSError`` becomes :class:`SaveError`.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if mode is None:
        try:
            mode = target.stat().st_mode & 0o7777
        except OSError:
            mode = 0o644
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise _save_error(exc, target) from exc
    tmp = Path(tmp_name)
    try:
        with open(fd, "wb", buffering=_BUFFER) as fh:
            write(fh)
            fh.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), mode)
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError) and not isinstance(exc, SaveError):
            raise _save_error(exc, target) from exc
        raise
    if durable:
        fsync_dir(folder)
    return target


def _save_error(exc: OSError, target: Path) -> SaveError:
    code = exc.errno if exc.errno is not None else _errno.EIO
    reason = exc.strerror or str(exc)
    return SaveError(code, f"Could not save {target}: {reason}", str(target))


def fsync_dir(folder: str | os.PathLike[str]) -> None:
    """Sync a folder so a rename in it is durable (best effort: not every OS allows it)."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
