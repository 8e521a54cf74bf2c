"""Team mode at set-up and start: the server chosen in the first-run wizard, and opening it.

The folder's ``server.json`` names the server (no secret); the password is in the OS keyring, or
asked at each start when there is none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from contractdesk.paths import StorePaths
from contractdesk.store.server_profile import (
    ServerProfile,
    load_server_password,
    load_server_profile,
    save_server_profile,
    store_server_password,
)

if TYPE_CHECKING:
    from contractdesk.services.context import Services

__all__ = [
    "ServerProfile",
    "choose_server",
    "open_server_services",
    "server_of",
    "server_password",
]


def server_of(paths: StorePaths) -> ServerProfile | None:
    """The team server this data folder uses, or None (the local encrypted store)."""
    return load_server_profile(paths.data_dir)


def server_password(profile: ServerProfile) -> str | None:
    """The saved password (keyring), or None: ask the user."""
    return load_server_password(profile)


def choose_server(paths: StorePaths, profile: ServerProfile, password: str) -> bool:
    """Remember the server for this folder and its password in the keyring (True when kept;
    False: no keyring, the password will be asked at each start)."""
    paths.ensure_dir()
    kept = store_server_password(profile, password) if password else False
    save_server_profile(paths.data_dir, profile)
    return kept


def open_server_services(
    paths: StorePaths, profile: ServerProfile, password: str | None
) -> Services:
    """Connect to the team server and build the services on it."""
    from contractdesk.services.context import Services
    from contractdesk.store.server import open_server_store

    return Services(open_server_store(profile.url(password)), paths)
