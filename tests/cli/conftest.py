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


PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def passphrase_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Factory: ``make(seed)`` creates a passphrase store (cheap KDF settings, recorded in the key file)
    with the demo supplier profile, runs ``seed(services)`` on it, sets ``CONTRACTDESK_PASSPHRASE``
    and returns the data folder."""
    from contractdesk.paths import StorePaths
    from contractdesk.services.context import Services
    from contractdesk.services.demo import DEMO_SUPPLIER
    from contractdesk.store import keys
    from contractdesk.store.profile import create_profile

    def make(seed=None) -> Path:  # type: ignore[no-untyped-def]
        monkeypatch.setattr(keys, "ARGON2_TIME_COST", 1)
        monkeypatch.setattr(keys, "ARGON2_MEMORY_KIB", 8 * 1024)
        paths = StorePaths(tmp_path / "data")
        services = Services(create_profile(paths, passphrase=PASSPHRASE, use_keyring=False), paths)
        try:
            services.supplier.save(DEMO_SUPPLIER, actor="test")
            if seed is not None:
                seed(services)
        finally:
            services.close()
        monkeypatch.setenv("CONTRACTDESK_PASSPHRASE", PASSPHRASE)
        return paths.data_dir

    return make


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run the CLI in-process: ``cli(data_dir, *args)`` → (exit code, stdout, stderr)."""
    from contractdesk.cli import main

    def run(data_dir: Path, *args: str) -> tuple[int, str, str]:
        try:
            code = main(["--data-dir", str(data_dir), *args])
        except SystemExit as exc:  # argparse: wrong usage
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run
