"""What a CLI command gets: the data folder, and the store and services opened on first use."""

from __future__ import annotations

import argparse
import getpass
import sys
from functools import cached_property
from typing import TYPE_CHECKING

from contractdesk.paths import StorePaths, passphrase_from_env, resolve_data_dir

if TYPE_CHECKING:
    from contractdesk.services.context import Services


DATABASE_URL_ENV = "CONTRACTDESK_DATABASE_URL"


def server_url_from(args: argparse.Namespace) -> str | None:
    """The team server to use: ``--server URL``, else ``CONTRACTDESK_DATABASE_URL``, else None
    (the local encrypted store)."""
    import os

    value = getattr(args, "server", None) or os.environ.get(DATABASE_URL_ENV) or None
    return str(value) if value else None


class CliContext:
    """Lazily unlocks the store: commands that need no store never pay for it."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.paths = StorePaths(resolve_data_dir(getattr(args, "data_dir", None)))
        self._server_url = server_url_from(args)
        self._server_resolved = self._server_url is not None
        self._services: Services | None = None

    @property
    def server_url(self) -> str | None:
        """``--server``, ``CONTRACTDESK_DATABASE_URL``, else the server the folder was set up for
        (read on first use, inside the command's error handling)."""
        if not self._server_resolved:
            self._server_resolved = True
            self._server_url = self._server_chosen_at_set_up()
        return self._server_url

    @server_url.setter
    def server_url(self, value: str | None) -> None:
        self._server_url, self._server_resolved = value, True

    def passphrase(self, *, confirm: bool = False, prompt: str = "Passphrase: ") -> str | None:
        """``CONTRACTDESK_PASSPHRASE``, else ask on a terminal, else None."""
        value = passphrase_from_env()
        if value:
            return value
        if sys.stdin is not None and sys.stdin.isatty():
            first = getpass.getpass(prompt)
            if confirm and getpass.getpass("Repeat: ") != first:
                from contractdesk.services.errors import UserError

                raise UserError("The passphrases differ.")
            return first or None
        return None

    @cached_property
    def services(self) -> Services:
        from contractdesk.services.context import Services
        from contractdesk.store.engine import Store

        store: Store
        if self.server_url:
            from contractdesk.store.server import open_server_store

            store = open_server_store(self.server_url)
        else:
            from contractdesk.store.profile import unlock_profile

            store = unlock_profile(
                self.paths, passphrase=passphrase_from_env(), prompt=self._prompt
            )
        services = Services(store, self.paths)
        self._services = services
        return services

    def _server_chosen_at_set_up(self) -> str | None:
        """The team server this data folder was set up for ("Delt med teamet": ``server.json``,
        the password from the keyring; without one, libpq's PGPASSWORD or ~/.pgpass)."""
        from contractdesk.services.safety.team import server_of, server_password

        profile = server_of(self.paths)
        if profile is None:
            return None
        return profile.url_text(server_password(profile))

    def _prompt(self) -> str | None:
        return self.passphrase()

    def close(self) -> None:
        if self._services is not None:
            self._services.close()
