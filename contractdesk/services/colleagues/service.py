"""Team mode: every write on a PostgreSQL store notifies the team, and what colleagues change
arrives on this process's :class:`~contractdesk.services.changes.ChangeBus` as a ``Change``.

On the local encrypted store there are no colleagues: nothing is installed and ``listen()``
returns False. The GUI calls ``listen()`` once the store is open; commands and scripts only send.
"""

from __future__ import annotations

import logging
from typing import Any

from contractdesk.services.changes import Change, ChangeBus
from contractdesk.store.notify import (
    ALL_AREAS,
    ChangeListener,
    install_notifier,
    new_session_token,
)

log = logging.getLogger(__name__)

COLLEAGUE = "colleague"
NOTIFIER_TOKEN = "_contractdesk_notify_token"


def on_server(store: object) -> bool:
    """True when ``store`` is a PostgreSQL (team) store."""
    return getattr(store, "engine_name", "") == "postgresql"


def change_from_payload(data: dict[str, Any]) -> Change:
    """The ``Change`` a colleague's notification stands for (unknown areas: all of them)."""
    areas = frozenset(a for a in data.get("areas") or () if isinstance(a, str) and a in ALL_AREAS)
    orgs = frozenset(o for o in data.get("orgs") or () if isinstance(o, str) and o.isdigit())
    return Change(areas or frozenset(ALL_AREAS), orgs, frozenset(), COLLEAGUE)


class ColleagueChanges:
    """Sends this process's writes to the team and, once listening, publishes theirs on ``bus``."""

    def __init__(self, store: Any, bus: ChangeBus) -> None:
        self._store = store
        self._bus = bus
        self._listener: ChangeListener | None = None
        self.enabled = on_server(store)
        # One notifier (and token) per store, however many service containers are built on it.
        token = getattr(store, NOTIFIER_TOKEN, None)
        self.token = token if isinstance(token, str) else new_session_token()
        if self.enabled and token is None:
            install_notifier(store.sessions, self.token)
            setattr(store, NOTIFIER_TOKEN, self.token)

    def __repr__(self) -> str:
        return f"ColleagueChanges(enabled={self.enabled}, listening={self.listening})"

    @property
    def listening(self) -> bool:
        return self._listener is not None and self._listener.listening.is_set()

    def listen(self, *, timeout: float = 0.5) -> bool:
        """Start receiving colleagues' changes (a thread with its own connection); False on a
        local store. ``wait_until_listening`` tells when the server has the LISTEN."""
        if not self.enabled:
            return False
        if self._listener is None:
            self._listener = ChangeListener(
                self._connect, self.token, self._received, timeout=timeout
            )
            self._listener.start()
        return True

    def wait_until_listening(self, seconds: float = 5.0) -> bool:
        return self._listener is not None and self._listener.listening.wait(seconds)

    def _connect(self) -> Any:
        fairy = self._store.engine.raw_connection()
        driver = fairy.driver_connection
        fairy.detach()  # a dedicated connection: never handed back to the pool
        return driver

    def _received(self, data: dict[str, Any]) -> None:
        self._bus.publish(change_from_payload(data))

    def close(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.stop()
