"""Refresh every customer the cheap way: by the registry's update feeds, in resumable steps.

The first refresh takes every customer (one look-up each for a few; the bulk file for many) and
remembers when it started. Later refreshes read the entity, sub-unit and role update feeds since
then and fetch only the customers named: the entity alone (100 per request) where only entity
fields changed, entity, roles and signing rules where roles changed. The work left (``pending``)
and the feed positions to keep once it is done are stored with every step, in the transaction
that takes the step's registry values: after a crash or a cancel the next refresh resumes.
Cancelling takes effect within a fraction of a second: each registry call runs beside the
refresh and is abandoned (it stops at its next chunk or its own time limit).
"""

from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from contractdesk.domain.orgnr import format_org_number
from contractdesk.domain.registry_snapshot import summarise
from contractdesk.errors import UserError
from contractdesk.registry import Cancelled, RegistryClient, RegistryError, RegistryLookup, Removed
from contractdesk.registry.bulk import iter_bulk_entities, iter_bulk_roles
from contractdesk.registry.models import RegistryEntity, RegistryRole
from contractdesk.registry.signing import complete_rules
from contractdesk.services.customers.feeds import read_feeds
from contractdesk.services.customers.records import role_keys, snapshot_of_lookup
from contractdesk.services.customers.refresh import mark_removed_in, take_snapshot
from contractdesk.services.customers.results import (
    RefreshAllResult,
    RefreshFailure,
    RefreshResult,
)
from contractdesk.store.engine import Store
from contractdesk.store.queries import customers as q
from contractdesk.store.types import utcnow

T = TypeVar("T")
ProgressCallback = Callable[[int, int, str], None]

BULK_THRESHOLD = 2000
"""More customers to fetch than this: read the registry's bulk files instead of asking each."""
ENTITIES_PER_REQUEST = 100
BULK_STEP = 2000
"""Customers taken per transaction from a bulk file."""
_POLL = 0.05


class FeedSync:
    """One run of "refresh all" (see the module docstring). Not thread-safe; build one per run."""

    def __init__(
        self,
        store: Store,
        registry: RegistryClient,
        *,
        actor: str,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        bulk_threshold: int = BULK_THRESHOLD,
        feed_page_size: int = 1000,
    ) -> None:
        self.store = store
        self.registry = registry
        self.actor = actor
        self.progress = progress
        self.cancel = cancel or threading.Event()
        self.bulk_threshold = bulk_threshold
        self.feed_page_size = feed_page_size
        self.results: list[RefreshResult] = []
        self.failures: list[RefreshFailure] = []
        self.total = 0
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="registry-call")
        self._requests_before = registry.requests_made

    # -- the run -----------------------------------------------------------------------------------

    def run(self) -> RefreshAllResult:
        cancelled = False
        mode = "feeds"
        try:
            state = self._prepare()
            mode = str(state.get("mode") or "feeds")
            self._work(state)
            if not self.cancel.is_set():
                self._finish(state)
        except Cancelled:
            cancelled = True
        finally:
            self._pool.shutdown(wait=False, cancel_futures=True)
        cancelled = cancelled or self.cancel.is_set()
        done = len(self.results) + len(self.failures)
        if self.progress is not None:
            self.progress(done, self.total, "")
        return RefreshAllResult(
            total=self.total,
            results=tuple(self.results),
            failures=tuple(self.failures),
            cancelled=cancelled,
            mode=mode,
            requests=self.registry.requests_made - self._requests_before,
            summary=summarise(r.changes for r in self.results),
        )

    def _prepare(self) -> dict[str, Any]:
        """The state to work from: resumed, first refresh, or the feeds read since the last."""
        with self.store.read_session() as s:
            state = q.sync_state(s)
            customers = q.all_org_numbers(s) if not state.get("pending") else set()
            unverified = q.org_numbers_with_status(s, "unverified")
        if state.get("pending"):
            return state  # resume what a crash or a cancel left
        if not state.get("cursors"):
            started = datetime.now(UTC).isoformat()
            order = self._by_name()
            state = {
                "pending": dict.fromkeys(order, "full"),
                "next_cursors": {"since": started},
                "mode": "bulk" if len(order) > self.bulk_threshold else "per-customer",
            }
        else:
            pending, after = read_feeds(
                self.registry,
                self._call,
                state["cursors"],
                customers,
                page_size=self.feed_page_size,
            )
            for number in [*(state.get("retry") or []), *unverified]:
                if number in customers:  # failed last time, or registered by hand since
                    pending.setdefault(number, "full")
            mode = "bulk" if len(pending) > self.bulk_threshold else "feeds"
            state = {"pending": pending, "next_cursors": after, "mode": mode}
        with self.store.session() as s:
            q.save_sync_state(s, state)
        return state

    def _by_name(self) -> list[str]:
        with self.store.read_session() as s:
            return q.org_numbers_by_name(s)

    def _finish(self, state: dict[str, Any]) -> None:
        retry = [f.org_number for f in self.failures]
        with self.store.session() as s:
            q.save_sync_state(
                s, {"cursors": state.get("next_cursors") or {}, "retry": retry, "pending": {}}
            )

    def _work(self, state: dict[str, Any]) -> None:
        pending: dict[str, str] = dict(state.get("pending") or {})
        self.total = len(pending)
        if state.get("mode") == "bulk":
            self._bulk(state, pending)
            return
        removed = [n for n, k in pending.items() if k == "removed"]
        entity_only = [n for n, k in pending.items() if k == "entity"]
        lookups = [n for n, k in pending.items() if k in ("roles", "full")]
        self._take_removed(state, pending, removed)
        self._take_entities(state, pending, entity_only)
        for number in lookups:
            self._check()
            self._tick(number)
            self._take_one(state, pending, number)

    # -- registry calls ----------------------------------------------------------------------------

    def _call(self, fn: Callable[[], T]) -> T:
        """Run one registry call beside the refresh; give up on it at once when cancelled."""
        self._check()
        future: Future[T] = self._pool.submit(fn)
        while True:
            try:
                return future.result(timeout=_POLL)
            except TimeoutError:
                if self.cancel.is_set():
                    future.cancel()
                    raise Cancelled() from None

    def _check(self) -> None:
        if self.cancel.is_set():
            raise Cancelled()

    def _tick(self, number: str) -> None:
        if self.progress is not None:
            done = len(self.results) + len(self.failures)
            self.progress(done, self.total, format_org_number(number))

    # -- taking values -----------------------------------------------------------------------------

    def _take_one(self, state: dict[str, Any], pending: dict[str, str], number: str) -> None:
        try:
            lookup = self._call(partial(self.registry.lookup, number, cancel=self.cancel))
        except Removed:
            self._take_removed(state, pending, [number])
            return
        except (RegistryError, UserError) as exc:
            if isinstance(exc, Cancelled):
                raise
            self._fail(number, exc)
            return
        self._apply(state, pending, [(number, snapshot_of_lookup(lookup), lookup.retrieved_at)])

    def _take_removed(
        self, state: dict[str, Any], pending: dict[str, str], numbers: Sequence[str]
    ) -> None:
        if not numbers:
            return
        with self.store.session() as s:
            found = q.customers_by_org_number(s, numbers)
            for number in numbers:
                if number in found:
                    self.results.append(mark_removed_in(s, found[number], self.actor))
                pending.pop(number, None)
            q.save_sync_state(s, {**state, "pending": pending})

    def _take_entities(
        self, state: dict[str, Any], pending: dict[str, str], numbers: Sequence[str]
    ) -> None:
        for start in range(0, len(numbers), ENTITIES_PER_REQUEST):
            batch = list(numbers[start : start + ENTITIES_PER_REQUEST])
            self._tick(batch[0])
            try:
                entities = self._call(
                    partial(
                        self.registry.get_entities,
                        batch,
                        per_request=ENTITIES_PER_REQUEST,
                        cancel=self.cancel,
                    )
                )
            except Cancelled:
                raise
            except RegistryError:
                entities = ()
            found = {e.org_number: e for e in entities}
            now = datetime.now(UTC)
            self._apply(
                state,
                pending,
                [
                    (
                        n,
                        snapshot_of_lookup(
                            RegistryLookup(found[n], retrieved_at=now), with_roles=False
                        ),
                        now,
                    )
                    for n in batch
                    if n in found
                ],
            )
            for number in batch:  # deleted, removed or unknown: not in a search answer
                if number not in found:
                    self._check()
                    self._take_one(state, pending, number)

    def _apply(
        self,
        state: dict[str, Any],
        pending: dict[str, str],
        taken: Iterable[tuple[str, Any, datetime | None]],
    ) -> None:
        taken = list(taken)
        if not taken:
            return
        today: date = datetime.now(UTC).date()
        with self.store.session() as s:
            found = q.customers_by_org_number(s, [n for n, _, _ in taken])
            for number, snap, retrieved in taken:
                c = found.get(number)
                if c is not None:
                    self.results.append(
                        take_snapshot(s, c, snap, retrieved or utcnow(), self.actor, today)
                    )
                pending.pop(number, None)
            q.save_sync_state(s, {**state, "pending": pending})

    def _fail(self, number: str, exc: RegistryError | UserError) -> None:
        with self.store.read_session() as s:
            found = q.customer_id_and_name(s, number)
        self.failures.append(
            RefreshFailure(
                org_number=number,
                name=found[1] if found else "",
                message=str(exc),
                error=type(exc).__name__,
                manual_entry_possible=bool(getattr(exc, "manual_entry_possible", False)),
            )
        )

    # -- bulk --------------------------------------------------------------------------------------

    def _bulk(self, state: dict[str, Any], pending: dict[str, str]) -> None:
        """Many customers: read the bulk files (entities; roles where roles are wanted)."""
        wanted = set(pending)
        with tempfile.TemporaryDirectory(prefix="contractdesk-bulk-") as folder:
            entities_file = Path(folder) / "enheter.json.gz"
            self._download("entities", entities_file)
            roles: dict[str, tuple[RegistryRole, ...]] = {}
            role_wanted = {n for n, k in pending.items() if k in ("roles", "full")}
            if role_wanted:
                roles_file = Path(folder) / "roller.json.gz"
                self._download("roles", roles_file)
                roles = dict(iter_bulk_roles(roles_file, role_wanted, cancelled=self.cancel.is_set))
            step: list[tuple[RegistryEntity, tuple[RegistryRole, ...] | None]] = []
            for entity in iter_bulk_entities(entities_file, wanted, cancelled=self.cancel.is_set):
                step.append((entity, roles.get(entity.org_number)))
                if len(step) >= BULK_STEP:
                    self._tick(entity.org_number)
                    self._apply(state, pending, self._bulk_snapshots(step))
                    step = []
            self._apply(state, pending, self._bulk_snapshots(step))
        for number in [n for n, k in pending.items() if k == "removed"]:
            self._take_removed(state, pending, [number])
        for number in list(pending):  # not in the bulk file: deleted, removed or unknown
            self._check()
            self._tick(number)
            self._take_one(state, pending, number)

    def _bulk_snapshots(
        self, step: Sequence[tuple[RegistryEntity, tuple[RegistryRole, ...] | None]]
    ) -> list[tuple[str, Any, datetime | None]]:
        """Snapshots of bulk items. Roles that differ from the stored ones bring their signing
        rules from the signature service (the bulk files hold none); unchanged roles keep the
        stored rules."""
        now = datetime.now(UTC)
        with self.store.read_session() as s:
            stored = q.stored_role_keys(s, [e.org_number for e, _ in step])
        out: list[tuple[str, Any, datetime | None]] = []
        for entity, roles in step:
            number = entity.org_number
            if roles is None or role_keys(roles) == stored.get(number):
                lookup = RegistryLookup(entity, retrieved_at=now)
                out.append((number, snapshot_of_lookup(lookup, with_roles=False), now))
                continue
            rules = []
            if entity.in_business_register and entity.status != "deleted":
                try:
                    rules = list(
                        self._call(
                            partial(self.registry.get_signing_rules, number, cancel=self.cancel)
                        )
                    )
                except Cancelled:
                    raise
                except RegistryError as exc:
                    self._fail(number, exc)
                    continue
            lookup = RegistryLookup(entity, roles, complete_rules(entity, roles, rules), now)
            out.append((number, snapshot_of_lookup(lookup), now))
        return out

    def _download(self, kind: str, target: Path) -> None:
        with target.open("wb") as sink:
            self._call(partial(self.registry.download_bulk, kind, sink, cancel=self.cancel))


def wait_for(event: threading.Event, seconds: float) -> bool:
    """Sleep up to ``seconds``, waking at once when ``event`` is set (True then)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if event.wait(min(_POLL, end - time.monotonic())):
            return True
    return event.is_set()
