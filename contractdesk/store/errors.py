"""Named store errors with user-facing messages; driver errors are mapped at the boundary.

Messages never carry keys, passphrases or personal data: only the file path and what to do.
"""

from __future__ import annotations

import errno
from pathlib import Path

from contractdesk.errors import UserFacingError
from contractdesk.i18n import fill, translate


class StoreError(UserFacingError):
    """Base of every error the store reports to a user."""

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None

    def __str__(self) -> str:
        return self.message


class WrongKeyOrDamagedError(StoreError):
    """The key does not open the file, or the file is damaged; the file was not changed."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            fill(
                translate(
                    "StoreErrors",
                    "Cannot open %1: wrong key or passphrase, or the file is damaged. "
                    "The file was not changed; restore it from a backup if the key is right.",
                ),
                path,
            ),
            path,
        )


class StoreDamagedError(WrongKeyOrDamagedError):
    """The key opened the file, but a page of it failed its check (damage found while reading)."""

    def __init__(self, path: Path | str) -> None:
        StoreError.__init__(
            self,
            fill(
                translate(
                    "StoreErrors",
                    "%1 is damaged (a part of it failed its check). The file was not changed; "
                    "restore it from a backup.",
                ),
                path,
            ),
            path,
        )


class WrongPassphraseError(StoreError):
    """The passphrase does not unwrap the store key."""

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__(translate("StoreErrors", "Wrong passphrase."), path)


class PassphraseRequiredError(StoreError):
    """The store is unlocked by a passphrase and none was given."""

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__(
            translate(
                "StoreErrors",
                "This store is unlocked with a passphrase: enter it, or set "
                "CONTRACTDESK_PASSPHRASE.",
            ),
            path,
        )


class KeyUnavailableError(StoreError):
    """The key lives in the OS keyring and cannot be read now (no backend, locked, or missing)."""


class StoreNotFoundError(StoreError):
    """No store exists in the data folder yet."""


class StoreExistsError(StoreError):
    """A store already exists where a new one would be created."""


class StoreTooNewError(StoreError):
    """The store was written by a newer ContractDesk; refusing to touch it."""

    def __init__(self, path: Path | str, revision: str) -> None:
        super().__init__(
            fill(
                translate(
                    "StoreErrors",
                    "%1 was written by a newer version of ContractDesk (schema %2). "
                    "Update ContractDesk to open it; the file was not changed.",
                ),
                path,
                revision,
            ),
            path,
        )
        self.revision = revision


class DiskFullError(StoreError):
    """The disk is full (or a file size limit was hit): nothing of the failed change was saved."""

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__(
            translate(
                "StoreErrors",
                "Could not save: the disk is full or cannot be written. Nothing of this change was "
                "saved; free some space and try again.",
            ),
            path,
        )


class ReadOnlyError(StoreError):
    """The store file or folder cannot be written."""

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__(
            fill(
                translate("StoreErrors", "Could not save: %1 is read-only."),
                path or translate("StoreErrors", "the store"),
            ),
            path,
        )


class StoreBusyError(StoreError):
    """Another program holds a lock on the store."""

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__(
            translate(
                "StoreErrors",
                "The store is busy (locked by another program). Try again in a moment.",
            ),
            path,
        )


class IntegrityError(StoreError):
    """An integrity check failed."""


# SQLite's primary result codes (sqlcipher3 reports them as ``exc.sqlite_errorcode``).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_NOTADB = 26


def _sqlite_code(exc: BaseException) -> int | None:
    driver = getattr(exc, "orig", None) or exc
    code = getattr(driver, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def map_db_error(exc: BaseException, path: Path | str | None = None) -> StoreError | None:
    """Translate a driver (or OS) error into a named StoreError; None when it is a bug.

    SQLite reports a full disk as ``SQLITE_FULL`` only for ``ENOSPC``; a file size limit
    (``EFBIG``), a quota (``EDQUOT``) or a failing device come back as a bare ``SQLITE_IOERR``
    ("disk I/O error": sqlcipher3 does not expose the extended code). Either way nothing of the
    failed change was saved, so both are reported as "could not save" (``DiskFullError``).
    """
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            return DiskFullError(path)
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return ReadOnlyError(path)
        return None
    code = _sqlite_code(exc)
    text = str(getattr(exc, "orig", None) or exc).lower()
    if code == SQLITE_NOTADB or "not a database" in text:
        return WrongKeyOrDamagedError(path or translate("StoreErrors", "the store"))
    if code == SQLITE_CORRUPT or "malformed" in text:
        return StoreDamagedError(path or translate("StoreErrors", "the store"))
    if code in (SQLITE_FULL, SQLITE_IOERR) or "disk is full" in text or "disk i/o error" in text:
        return DiskFullError(path)
    if code in (SQLITE_READONLY, SQLITE_PERM) or "readonly" in text or "read-only" in text:
        return ReadOnlyError(path)
    if (
        code in (SQLITE_BUSY, SQLITE_LOCKED)
        or "database is locked" in text
        or "database is busy" in text
    ):
        return StoreBusyError(path)
    return None
