"""Reading the registry's update feeds since the last refresh: which customers changed, and how.

The entity and sub-unit feeds are paged by update id (``oppdateringsid``), the role feed by event
id; each is read until a page comes back short. Only customers are kept: ``entity`` (refetch the
entity), ``roles`` (refetch entity, roles and signing rules), ``removed`` (gone from open data:
nothing to fetch). The cursors returned are stored only once every change was taken.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any, TypeVar

from contractdesk.registry import RegistryClient
from contractdesk.registry.models import EntityUpdatePage

FEED_PAGE_SIZE = 1000
"""Updates per feed request (the registry allows up to 10,000)."""

KIND_RANK = {"entity": 0, "roles": 1, "full": 2, "removed": 3}
"""When several feeds name a customer, the larger piece of work wins."""

T = TypeVar("T")
Call = Callable[[Callable[[], T]], T]
"""Runs one registry call (with the caller's cancellation and counting)."""


def merge(pending: dict[str, str], number: str, kind: str) -> None:
    before = pending.get(number)
    if before is None or KIND_RANK[kind] > KIND_RANK[before]:
        pending[number] = kind


def read_feeds(
    registry: RegistryClient,
    call: Call[Any],
    cursors: dict[str, Any],
    customers: set[str],
    *,
    page_size: int = FEED_PAGE_SIZE,
) -> tuple[dict[str, str], dict[str, Any]]:
    """(pending work per customer org number, the cursors after reading) from ``cursors``."""
    pending: dict[str, str] = {}
    since = _since(cursors)
    after: dict[str, Any] = {"since": cursors.get("since")}
    for feed in ("entity", "sub_unit"):
        after[f"{feed}_next_id"] = _read_entity_feed(
            registry,
            call,
            feed,
            cursors.get(f"{feed}_next_id"),
            since,
            customers,
            pending,
            page_size,
        )
    after["role_after_id"] = _read_role_feed(
        registry, call, cursors.get("role_after_id"), since, customers, pending, page_size
    )
    if all(after.get(k) is not None for k in ("entity_next_id", "sub_unit_next_id")) and (
        after.get("role_after_id") is not None
    ):
        after["since"] = None
    return pending, after


def _since(cursors: dict[str, Any]) -> datetime | None:
    value = cursors.get("since")
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def _read_entity_feed(
    registry: RegistryClient,
    call: Call[Any],
    feed: str,
    next_id: int | None,
    since: datetime | None,
    customers: set[str],
    pending: dict[str, str],
    size: int,
) -> int | None:
    get = registry.get_entity_updates if feed == "entity" else registry.get_sub_unit_updates
    while True:
        if next_id is None and since is None:
            return None
        ask_since = since if next_id is None else None
        page: EntityUpdatePage = call(
            partial(get, from_update_id=next_id, since=ask_since, size=size)
        )
        for item in page.items:
            if item.org_number in customers:
                merge(
                    pending,
                    item.org_number,
                    "removed" if item.change_type == "removed" else "entity",
                )
        if page.next_update_id is not None:
            next_id = page.next_update_id
        if len(page.items) < size:
            return next_id


def _read_role_feed(
    registry: RegistryClient,
    call: Call[Any],
    after_id: int | None,
    since: datetime | None,
    customers: set[str],
    pending: dict[str, str],
    size: int,
) -> int | None:
    while True:
        if after_id is None and since is None:
            return None
        if after_id is None:
            batch = call(partial(registry.get_role_updates, after_time=since, size=size))
        else:
            batch = call(partial(registry.get_role_updates, after_id=after_id, size=size))
        for event in batch.items:
            if event.org_number in customers:
                merge(pending, event.org_number, "roles")
        if batch.last_id is not None:
            after_id = batch.last_id
        if batch.caught_up:
            return after_id
