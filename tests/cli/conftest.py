"""Fixtures for the CLI tests: a recommended in-memory keyring (no KDF cost), data folder in env."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_testkit import MemoryKeyring, installed  # tests/ is on sys.path (rootdir conftest)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with installed(MemoryKeyring()) as backend:
        yield backend  # type: ignore[misc]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``CONTRACTDESK_DATA_DIR`` for this test (nothing created yet)."""
    folder = tmp_path / "data"
    monkeypatch.setenv("CONTRACTDESK_DATA_DIR", str(folder))
    return folder
