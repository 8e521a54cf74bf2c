"""Working at the same time: a colleague's committed write reaches this process's change bus
(LISTEN/NOTIFY on a real PostgreSQL server, two separate connections / "processes")."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from contractdesk.paths import StorePaths
from contractdesk.services.changes import CUSTOMERS, PEOPLE, Change
from contractdesk.services.context import Services
from contractdesk.services.customers.views import OfflineCustomer
from contractdesk.store.notify import ALL_AREAS

ORG = "974760673"
OTHER = "923609016"


@pytest.fixture
def team(pg_url: str, tmp_path: Path) -> Iterator[tuple[Services, Services]]:
    """Two colleagues: each has their own services on the same server database."""
    from contractdesk.store.server import migrate_server, open_server_store

    migrate_server(pg_url)
    kari = Services(open_server_store(pg_url), StorePaths(tmp_path / "kari"))
    ola = Services(open_server_store(pg_url), StorePaths(tmp_path / "ola"))
    try:
        yield kari, ola
    finally:
        kari.close()
        ola.close()


def _collect(services: Services) -> queue.Queue[Change]:
    received: queue.Queue[Change] = queue.Queue()
    services.changes.subscribe(received.put)
    return received


def _next(received: queue.Queue[Change], seconds: float = 1.0) -> Change | None:
    try:
        return received.get(timeout=seconds)
    except queue.Empty:
        return None


def test_a_colleagues_write_arrives_within_a_second(team: tuple[Services, Services]) -> None:
    kari, ola = team
    assert kari.colleagues.listen() and kari.colleagues.wait_until_listening()
    at_kari = _collect(kari)
    at_ola = _collect(ola)
    ola.customers.register_offline(OfflineCustomer(ORG, "Nordvik Regnskap AS"))
    change = _next(at_kari, 1.0)  # within a second (tests/bench: a few ms)
    assert change is not None, "Kari did not hear of Ola's new customer within a second"
    assert change.touches(CUSTOMERS) and change.org_numbers == frozenset({ORG})
    assert change.action == "colleague"
    # Ola's own window got its change from its own use case, once (its listener is not running)
    own = _next(at_ola, 0.2)
    assert own is not None and own.action == "register_offline"
    assert _next(at_ola, 0.3) is None


def test_own_changes_are_not_heard_twice(team: tuple[Services, Services]) -> None:
    kari, _ola = team
    kari.colleagues.listen()
    assert kari.colleagues.wait_until_listening()
    at_kari = _collect(kari)
    kari.customers.register_offline(OfflineCustomer(ORG, "Nordvik Regnskap AS"))
    first = _next(at_kari)
    assert first is not None and first.action == "register_offline"
    assert _next(at_kari, 0.5) is None  # the NOTIFY of Kari's own session is skipped


def test_a_rolled_back_write_notifies_nobody(team: tuple[Services, Services]) -> None:
    from contractdesk.errors import UserFacingError

    kari, ola = team
    ola.customers.register_offline(OfflineCustomer(ORG, "Nordvik Regnskap AS"))
    kari.colleagues.listen()
    assert kari.colleagues.wait_until_listening()
    at_kari = _collect(kari)
    with pytest.raises(UserFacingError):  # exists already: the transaction rolls back
        ola.customers.register_offline(OfflineCustomer(ORG, "Nordvik Regnskap AS"))
    assert _next(at_kari, 0.5) is None
    # a person added to a customer: people and that customer
    ola.customers.register_offline(OfflineCustomer(OTHER, "Fjord Data AS"))
    assert _next(at_kari) is not None
    from contractdesk.services.people import PersonInput

    ola.people.add_person_at(OTHER, PersonInput("Kari", "Nordmann"), "contact")
    change = _next(at_kari)
    assert change is not None and change.touches(PEOPLE)
    assert change.org_numbers == frozenset({OTHER})  # the role names the customer


def test_the_listener_stops_when_the_services_close(team: tuple[Services, Services]) -> None:
    kari, _ola = team
    kari.colleagues.listen(timeout=0.2)
    assert kari.colleagues.wait_until_listening()
    listener = kari.colleagues._listener
    assert listener is not None and listener.is_alive()
    kari.colleagues.close()  # waits for the thread (its wait for notifications times out)
    assert not listener.is_alive()
    assert not kari.colleagues.listening


def test_on_the_local_store_nothing_listens(services: Services) -> None:
    assert not services.colleagues.enabled
    assert services.colleagues.listen() is False


def test_after_a_lost_connection_it_listens_again_and_reloads_everything(
    team: tuple[Services, Services], pg_server: Any, pg_url: str
) -> None:
    from pg_testkit import dbname_of

    kari, ola = team
    kari.colleagues.listen()
    assert kari.colleagues.wait_until_listening()
    at_kari = _collect(kari)
    with pg_server.connect(dbname_of(pg_url)) as conn:  # e.g. the server restarted
        killed = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND query LIKE 'LISTEN%'"
        ).fetchall()
    assert killed == [(True,)]
    change = _next(at_kari, 6.0)  # retried after 2 s
    assert change is not None and change.areas == frozenset(ALL_AREAS)  # anything may have changed
    ola.customers.register_offline(OfflineCustomer(ORG, "Nordvik Regnskap AS"))
    change = _next(at_kari)
    assert change is not None and change.org_numbers == frozenset({ORG})


def test_a_failed_statement_inside_a_unit_of_work_announces_nothing(
    team: tuple[Services, Services],
) -> None:
    from sqlalchemy import text

    kari, ola = team
    kari.colleagues.listen()
    assert kari.colleagues.wait_until_listening()
    at_kari = _collect(kari)
    with ola.store.session() as s, pytest.raises(Exception, match="integer"):
        s.execute(text("UPDATE customer SET id = 'not a number'"))
    # the commit at the end of the block rolls the aborted transaction back, without a NOTIFY
    assert _next(at_kari, 0.5) is None
