"""Session-wide test settings: Qt offscreen, no real keyring, no user data touched."""

from __future__ import annotations

import os

# Before anything imports Qt: render offscreen, never talk to a real desktop.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No test may reach the user's real keyring: the fail backend unless a test installs one.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
os.environ.pop("CONTRACTDESK_PASSPHRASE", None)
os.environ.pop("CONTRACTDESK_DATA_DIR", None)
os.environ.pop("CONTRACTDESK_REGISTRY_URL", None)
os.environ.setdefault("LC_ALL", "C.UTF-8")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

SHARED = Path(__file__).resolve().parents[1] / "tests" / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point XDG/home folders at a temp dir so no test touches the real user profile."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
