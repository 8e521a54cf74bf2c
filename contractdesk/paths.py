"""Where ContractDesk keeps its files: data folder resolution (flag > env > platformdirs)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_ENV = "CONTRACTDESK_DATA_DIR"
PASSPHRASE_ENV = "CONTRACTDESK_PASSPHRASE"
DB_FILE_NAME = "contractdesk.db"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("ContractDesk", appauthor=False, roaming=True))


def resolve_data_dir(flag: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` wins, then ``CONTRACTDESK_DATA_DIR``, then the platform's user data folder."""
    if flag:
        return Path(flag).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


@dataclass(frozen=True)
class StorePaths:
    """The files of one store inside its data folder."""

    data_dir: Path

    @property
    def db(self) -> Path:
        return self.data_dir / DB_FILE_NAME

    @property
    def key_file(self) -> Path:
        return self.data_dir / "store.json"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def lock(self) -> Path:
        return self.data_dir / "contractdesk.lock"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    def exists(self) -> bool:
        return self.db.exists()

    def ensure_dir(self) -> None:
        """Create the data folder owner-only; tighten an existing one that others could read."""
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            if self.data_dir.stat().st_mode & 0o077:
                self.data_dir.chmod(0o700)
        except OSError:  # not ours to change (e.g. a shared mount): the files inside are still 0600
            pass


def passphrase_from_env() -> str | None:
    value = os.environ.get(PASSPHRASE_ENV)
    return value if value else None
