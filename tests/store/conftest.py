"""Fixtures for the store tests: a recommended in-memory keyring, and a fresh raw-key store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_testkit import MemoryKeyring, installed  # tests/ is on sys.path (rootdir conftest)

from contractdesk.store.engine import Store, create_store
from contractdesk.store.keys import Key


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A recommended keyring backend for this test only (entries in ``.entries``)."""
    with installed(MemoryKeyring()) as backend:
        yield backend  # type: ignore[misc]


@pytest.fixture
def store_key() -> Key:
    return Key.generate()


@pytest.fixture
def raw_store(tmp_path: Path, store_key: Key) -> Iterator[Store]:
    """A new store at head with a raw key in memory (no keyring, no KDF)."""
    store = create_store(tmp_path / "data" / "contractdesk.db", store_key, key_source="memory")
    yield store
    store.close()
