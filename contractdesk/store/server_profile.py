"""Which team server a data folder uses: ``server.json`` (no secret), the password in the keyring.

Chosen once at set-up ("Delt med teamet"). The file holds host, port, database, user and whether
TLS is required; the password lives only in the OS keyring (service ``ContractDesk``, user
``server:<user>@<host>:<port>/<database>``), never in the file, QSettings, a log or a message.
Without a usable keyring the password is asked at each start.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import URL

from contractdesk.i18n import translate
from contractdesk.store.errors import KeyUnavailableError, StoreError
from contractdesk.store.keys import KEYRING_SERVICE, keyring_usable, write_private_file

SERVER_FILE = "server.json"
DEFAULT_PORT = 5432


@dataclass(frozen=True)
class ServerProfile:
    """How to reach the team's PostgreSQL server (no password)."""

    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    require_tls: bool = True

    def url(self, password: str | None) -> URL:
        """The SQLAlchemy URL; ``sslmode=require`` unless TLS was explicitly turned off."""
        return URL.create(
            "postgresql+psycopg",
            username=self.user,
            password=password or None,
            host=self.host,
            port=self.port,
            database=self.database,
            query={"sslmode": "require" if self.require_tls else "disable"},
        )

    def url_text(self, password: str | None) -> str:
        """The same URL as text (with the password: hand it on, never show or log it)."""
        return str(self.url(password).render_as_string(hide_password=False))

    @property
    def keyring_username(self) -> str:
        return f"server:{self.user}@{self.host}:{self.port}/{self.database}"

    def to_json(self) -> str:
        return json.dumps({"format": 1, **asdict(self)}, indent=2) + "\n"

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ServerProfile:
        return cls(
            host=str(data["host"]),
            database=str(data["database"]),
            user=str(data["user"]),
            port=int(data.get("port", DEFAULT_PORT)),
            require_tls=bool(data.get("require_tls", True)),
        )


def save_server_profile(data_dir: Path, profile: ServerProfile) -> Path:
    path = Path(data_dir) / SERVER_FILE
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_private_file(path, profile.to_json().encode("utf-8"))
    return path


def load_server_profile(data_dir: Path) -> ServerProfile | None:
    """The folder's server, or None when it uses the local store."""
    path = Path(data_dir) / SERVER_FILE
    if not path.exists():
        return None
    try:
        return ServerProfile.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        raise StoreError(
            translate(
                "ServerProfile",
                "The server settings (server.json) are damaged; choose the server again.",
            ),
            path,
        ) from None


def store_server_password(profile: ServerProfile, password: str) -> bool:
    """Keep the password in the OS keyring (read back to prove it); False when no keyring."""
    import keyring

    if not keyring_usable():
        return False
    try:
        keyring.set_password(KEYRING_SERVICE, profile.keyring_username, password)
        back = keyring.get_password(KEYRING_SERVICE, profile.keyring_username)
    except Exception as exc:  # KeyringError or a backend's own (D-Bus…): an environment error
        raise KeyUnavailableError(
            f"The system keyring refused to store the password ({type(exc).__name__})."
        ) from None
    return back == password


def load_server_password(profile: ServerProfile) -> str | None:
    """The password from the keyring; None when there is no keyring or no entry (ask then)."""
    import keyring
    from keyring.errors import KeyringLocked

    if not keyring_usable():
        return None
    try:
        value = keyring.get_password(KEYRING_SERVICE, profile.keyring_username)
    except KeyringLocked:
        raise KeyUnavailableError(
            translate(
                "ServerProfile",
                "The system keyring is locked: unlock it (log in to your desktop keyring) and "
                "try again.",
            )
        ) from None
    except Exception as exc:
        raise KeyUnavailableError(f"The system keyring failed ({type(exc).__name__}).") from None
    return value if isinstance(value, str) else None
