"""Refresh all by the registry's update feeds: only changed customers, resumable, cancellable.

The stand-in registry serves paged entity, sub-unit and role feeds (``fixtures/brreg/shapes``),
``organisasjonsnummer`` searches and the bulk files.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from brreg_server import FIXTURES, ReplayServer
from sqlalchemy import text

from contractdesk.registry import RegistrySettings
from contractdesk.store.queries.customers import save_sync_state, sync_state

N: dict[str, str] = json.loads((FIXTURES / "shapes/routes.json").read_text(encoding="utf-8"))[
    "numbers"
]
CHANGED = ("recon", "windup", "forced", "da", "asa")
CURSORS = {"entity_next_id": 30000001, "sub_unit_next_id": 40000001, "role_after_id": 50000000}


@pytest.fixture
def customers(services: Any, brreg_replay: ReplayServer) -> Iterator[Any]:
    services.customers.configure_registry(
        RegistrySettings(base_url=brreg_replay.url, total_timeout=3.0, backoff_initial=0.01)
    )
    services.customers.feed_page_size = 2  # the fixture feeds come in pages of 2
    yield services.customers


def set_state(services: Any, state: dict[str, Any]) -> None:
    with services.store.session() as s:
        save_sync_state(s, state)


def state_of(services: Any) -> dict[str, Any]:
    with services.store.read_session() as s:
        return sync_state(s)


def rename(services: Any, number: str, name: str, status: str = "active") -> None:
    with services.store.session() as s:
        s.execute(
            text("UPDATE customer SET name = :n, status = :s WHERE org_number = :o"),
            {"n": name, "s": status, "o": number},
        )


@pytest.fixture
def synced(customers: Any, services: Any) -> Any:
    """Seven customers registered and refreshed once; the feed positions set to the fixtures'."""
    for key in (*CHANGED, "komm", "sa"):
        customers.register(N[key])
    first = customers.refresh_all()
    assert first.mode == "per-customer" and first.total == 7 and not first.failures
    assert state_of(services)["cursors"]["since"]
    set_state(services, {"cursors": dict(CURSORS)})
    for key in CHANGED:
        rename(services, N[key], f"Old name {key}")
    return customers


def test_refresh_all_fetches_only_the_customers_the_feeds_name(
    synced: Any, services: Any, brreg_replay: ReplayServer
) -> None:
    brreg_replay.clear_requests()
    seen: list[tuple[int, int, str]] = []
    outcome = synced.refresh_all(progress=lambda d, t, n: seen.append((d, t, n)))

    assert outcome.mode == "feeds" and not outcome.cancelled and not outcome.failures
    assert sorted(r.org_number for r in outcome.changed) == sorted(N[k] for k in CHANGED)
    assert outcome.total == 5  # komm and sa are in no feed: not asked
    asked = [r.path for r in brreg_replay.requests]
    assert not any(N["komm"] in p or N["sa"] in p for p in asked)
    assert outcome.requests == len(asked)
    # windup and forced changed only entity fields: one search for both, no roles asked
    assert sum(1 for r in brreg_replay.requests if "organisasjonsnummer" in r.query) == 1
    assert not any(N["windup"] in p for p in asked)
    assert f"/enhetsregisteret/api/enheter/{N['asa']}/roller" in asked  # roles changed
    assert synced.get(N["recon"]).status == "reconstruction"
    assert outcome.summary["name"] == 5 and outcome.summary["reconstruction"] == 1
    assert "5 new names" in outcome.summary_text
    assert seen[-1] == (5, 5, "")
    cursors = state_of(services)["cursors"]
    assert cursors["entity_next_id"] == 30000004
    assert cursors["sub_unit_next_id"] == 40000002
    assert cursors["role_after_id"] == 50000003
    assert outcome.as_dict()["summary_text"] == outcome.summary_text


def test_cancel_takes_effect_at_once_and_the_next_refresh_resumes(
    synced: Any, services: Any, brreg_replay: ReplayServer
) -> None:
    slow = f"/enhetsregisteret/api/enheter/{N['da']}/roller"
    brreg_replay.add_route(
        {"path": slow, "status": 200, "delay": 30, "content_type": "application/json", "text": "{}"}
    )
    cancel = threading.Event()

    def progress(done: int, total: int, number: str) -> None:
        if number.replace(" ", "") == N["da"]:
            threading.Timer(0.3, cancel.set).start()

    started = time.monotonic()
    outcome = synced.refresh_all(progress=progress, cancel=cancel)
    assert outcome.cancelled
    assert time.monotonic() - started < 5  # not the registry's 30 s, nor the client's timeout
    left = state_of(services)["pending"]
    assert N["da"] in left and "cursors" not in state_of(services)  # positions not yet moved
    assert synced.get(N["da"]).name == "Old name da"

    brreg_replay.add_route(  # the registry answers again
        {
            "path": slow,
            "status": 200,
            "content_type": "application/vnd.brreg.enhetsregisteret.rolle.v1+json",
            "file": f"shapes/{N['da']}.roller.json",
        }
    )
    resumed = synced.refresh_all()
    assert not resumed.cancelled and resumed.total == len(left)
    assert synced.get(N["da"]).name == "DELT ANSVAR FIKTIV DA"
    assert state_of(services)["cursors"]["role_after_id"] == 50000003


class Crash(Exception):
    pass


def test_a_crash_mid_refresh_resumes_where_it_stopped(
    synced: Any, services: Any, brreg_replay: ReplayServer
) -> None:
    def crash_after_two(done: int, total: int, number: str) -> None:
        if done == 2:
            raise Crash

    with pytest.raises(Crash):
        synced.refresh_all(progress=crash_after_two)
    left = state_of(services)["pending"]
    assert 0 < len(left) < 5
    brreg_replay.clear_requests()
    resumed = synced.refresh_all()
    assert resumed.total == len(left) and not resumed.failures
    assert not any("oppdateringer" in r.path for r in brreg_replay.requests)  # feeds not re-read
    assert all(synced.get(N[k]).name != f"Old name {k}" for k in CHANGED)


def test_first_refresh_of_many_customers_reads_the_bulk_files(
    customers: Any, services: Any, brreg_replay: ReplayServer
) -> None:
    for number in ("971049669", "923130969", "926511890"):
        customers.register(number)
        rename(services, number, "Old name")
    customers.bulk_threshold = 2
    brreg_replay.clear_requests()
    outcome = customers.refresh_all()
    assert outcome.mode == "bulk" and not outcome.failures
    paths = [r.path for r in brreg_replay.requests]
    assert "/enhetsregisteret/api/enheter/lastned" in paths
    assert "/enhetsregisteret/api/roller/totalbestand" in paths
    assert outcome.requests == len(paths) < 3 * 3  # not one look-up per customer
    assert customers.get("923130969").name == "AVARA AS"
    assert outcome.summary.get("name") == 3


def test_a_customer_registered_by_hand_since_is_verified_by_the_next_refresh(
    synced: Any, services: Any
) -> None:
    from contractdesk.services.customers import OfflineCustomer

    synced.register_offline(OfflineCustomer("971049669", "Heimen (typed by hand)"))
    outcome = synced.refresh_all()
    assert outcome.mode == "feeds" and outcome.total == 6
    assert synced.get("971049669").status == "active"


def test_a_customer_the_registry_cannot_answer_is_tried_again_next_time(
    customers: Any, services: Any
) -> None:
    from contractdesk.services.customers import OfflineCustomer

    customers.register_offline(OfflineCustomer("991000011", "Html AS"))
    outcome = customers.refresh_all()
    assert [f.org_number for f in outcome.failures] == ["991000011"]
    assert state_of(services)["retry"] == ["991000011"]
