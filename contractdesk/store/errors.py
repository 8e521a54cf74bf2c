"""Named store errors with user-facing messages; driver errors are mapped at the boundary.

Messages never carry keys, passphrases or personal data: only the file path and what to do.
"""

from __future__ import annotations

import errno
from pathlib import Path


class StoreError(Exception):
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
            f"Cannot open {path}: wrong key or passphrase, or the file is damaged. "
            "The file was not changed; restore it from a backup if the key is right.",
            path,
        )


class WrongPassphraseError(StoreError):
    """The passphrase does not unwrap the store key."""

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__("Wrong passphrase.", path)


class PassphraseRequiredError(StoreError):
    """The store is unlocked by a passphrase and none was given."""

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__(
            "This store is unlocked with a passphrase: enter it, or set CONTRACTDESK_PASSPHRASE.", path
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
            f"{path} was written by a newer version of ContractDesk (schema {revision}). "
            "Update ContractDesk to open it; the file was not changed.",
            path,
        )
        self.revision = revision


class DiskFullError(StoreError):
    """The disk is full (or a file size limit was hit): nothing of the failed change was saved."""

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__("Could not save: the disk is full. Free some space and try again.", path)


class ReadOnlyError(StoreError):
    """The store file or folder cannot be written."""

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__(f"Could not save: {path or 'the store'} is read-only.", path)


class StoreBusyError(StoreError):
    """Another program holds a lock on the store."""

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__("The store is busy (locked by another program). Try again in a moment.", path)


class IntegrityError(StoreError):
    """An integrity check failed."""


def map_db_error(exc: BaseException, path: Path | str | None = None) -> StoreError | None:
    """Translate a driver (or OS) error into a named StoreError; None when it is a bug."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            return DiskFullError(path)
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return ReadOnlyError(path)
        return None
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "file is not a database" in text or "malformed" in text or "not a database" in text:
        return WrongKeyOrDamagedError(path or "the store")
    if "database or disk is full" in text or "disk i/o error" in text and "full" in text:
        return DiskFullError(path)
    if "readonly" in text or "read-only" in text:
        return ReadOnlyError(path)
    if "database is locked" in text or "database is busy" in text:
        return StoreBusyError(path)
    return None
