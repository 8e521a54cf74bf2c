"""Helpers for the store, CLI and services tests: keyring doubles, file fingerprints, sample rows.

The keyring doubles are real ``keyring`` backends (installed with ``keyring.set_keyring``), so
the code under test goes through the library exactly as with the OS keyring:

- ``MemoryKeyring``: recommended (priority 1), keeps entries in a dict.
- ``FileKeyring``: recommended, keeps entries in the JSON file named by
  ``CONTRACTDESK_TEST_KEYRING_FILE`` (usable from a subprocess through ``PYTHON_KEYRING_BACKEND``
  with ``tests/`` on ``PYTHONPATH``).
- ``LockedKeyring``: recommended, but every call raises ``KeyringLocked``.
- ``ForgetfulKeyring``: recommended, accepts a password and then has no entry (a broken backend).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS.parent
FIXTURE_STORES = TESTS / "fixtures" / "stores"
KEYRING_FILE_ENV = "CONTRACTDESK_TEST_KEYRING_FILE"


class MemoryKeyring(KeyringBackend):
    """A recommended backend whose entries live in ``self.entries``."""

    priority = 1  # type: ignore[assignment]  # a plain class attribute is enough for keyring

    def __init__(self, entries: dict[tuple[str, str], str] | None = None) -> None:
        super().__init__()
        self.entries = entries if entries is not None else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise PasswordDeleteError("no such entry") from None


class FileKeyring(KeyringBackend):
    """A recommended backend keeping entries in a JSON file (shared with subprocesses)."""

    priority = 1  # type: ignore[assignment]

    @staticmethod
    def _path() -> Path:
        return Path(os.environ[KEYRING_FILE_ENV])

    def _load(self) -> dict[str, str]:
        path = self._path()
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}/{username}"] = password
        self._path().write_text(json.dumps(data), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError("no such entry")
        self._path().write_text(json.dumps(data), encoding="utf-8")


class LockedKeyring(MemoryKeyring):
    """A recommended backend that is locked: reading and writing raise ``KeyringLocked``."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("the collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("the collection is locked")


class ForgetfulKeyring(MemoryKeyring):
    """A recommended backend that says yes to a set and then has no entry."""

    def set_password(self, service: str, username: str, password: str) -> None:
        pass


@contextlib.contextmanager
def installed(backend: KeyringBackend) -> Iterator[KeyringBackend]:
    """Make ``backend`` the keyring for the block, then put the previous one back."""
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


LOCK_FILES = {"store.lock"}
"""Empty lock files a process creates to take the store lock: they hold no data."""


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative name → sha256): equal fingerprints = byte-identical.

    The store lock file (empty; it only carries the lock) is left out.
    """
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in LOCK_FILES
    }


def subprocess_env(**extra: str) -> dict[str, str]:
    """Environment for a child Python: the project importable, the test keyring doubles too."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(PROJECT), str(TESTS)])
    env.pop("CONTRACTDESK_PASSPHRASE", None)
    env.pop("CONTRACTDESK_DATA_DIR", None)
    env.update(extra)
    return env


def python() -> str:
    return sys.executable


# --- sample rows ---------------------------------------------------------------------------

CANARY = "Kanarifugl-7Q3ZX"  # a text that must never be found in plain form on disk


def add_customer(session: Any, org_number: str, name: str, **fields: Any) -> Any:
    """Add a customer row directly through the ORM (the customers service is another issue)."""
    from contractdesk.store.models import Customer

    row = Customer(org_number=org_number, name=name, **fields)
    session.add(row)
    session.flush()
    return row


def add_person(session: Any, first_name: str, last_name: str, **fields: Any) -> Any:
    from contractdesk.store.models import Person

    row = Person(first_name=first_name, last_name=last_name, **fields)
    session.add(row)
    session.flush()
    return row


def table_dump(
    conn: Any,
    tables: tuple[str, ...] = ("supplier", "customer", "person", "app_setting", "audit_log"),
) -> dict[str, list[tuple[Any, ...]]]:
    """All rows of the given tables through a DB-API connection, ordered by their first column."""
    return {
        t: [tuple(r) for r in conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()]
        for t in tables
    }


def decrypted_pages(path: Path, key: Any, page_size: int = 4096, reserve: int = 80) -> list[bytes]:
    """Decrypt every page of a SQLCipher 4 file (raw key: AES-256-CBC, IV in the reserved tail).

    Used to prove a test's canary really was written (so its absence from the raw bytes means
    something), and to look into free pages after a delete (``secure_delete``).
    """
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    data = Path(path).read_bytes()
    pages = []
    for start in range(0, len(data) - page_size + 1, page_size):
        page = data[start : start + page_size]
        offset = 16 if start == 0 else 0  # page 1 starts with the plaintext salt
        body, iv = (
            page[offset : page_size - reserve],
            page[page_size - reserve : page_size - reserve + 16],
        )
        decryptor = Cipher(algorithms.AES(key.raw()), modes.CBC(iv)).decryptor()
        pages.append(decryptor.update(body) + decryptor.finalize())
    return pages


def colleague_store(store: Any) -> Any:
    """A second open store on the same data (own engine and connections): a colleague's window,
    or a script, working beside ``store``. The same file (SQLite) or database (PostgreSQL)."""
    if getattr(store, "engine_name", "sqlite") == "postgresql":
        from contractdesk.store.server import open_server_store

        return open_server_store(store.url)
    from contractdesk.store.engine import open_store

    return open_store(store.path, store.key_for_backup(), key_source="test")
