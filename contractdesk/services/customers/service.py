"""Customers: register from the registry or by hand, show, refresh (registry wins), list and search.

One org number, one customer (DOMAIN.md). Registry answers are taken whole or not at all: a bad
answer (timeout, 404, HTML, malformed JSON …) raises a named
:class:`~contractdesk.registry.errors.RegistryError` and leaves the stored customer untouched;
``manual_entry_possible`` on the error tells the caller to offer registering by hand.

Every change is audited in the transaction that makes it. Only ids and frozen dataclasses
leave this module, so results may cross threads (GUI workers). Reads use the store's read
sessions and never wait for the write lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from contractdesk.domain.orgnr import format_org_number
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.registry import (
    RegistryError,
    RegistryLookup,
    RegistrySettings,
    Removed,
)
from contractdesk.registry.client import CancelCheck
from contractdesk.services.customers.eligibility import eligibility_of
from contractdesk.services.customers.errors import (
    CustomerExistsError,
)
from contractdesk.services.customers.importing import ImportReport, add_contacts, import_customers
from contractdesk.services.customers.offline import clean_offline
from contractdesk.services.customers.records import (
    apply_snapshot,
    snapshot_of_lookup,
    view_of,
)
from contractdesk.services.customers.refresh import mark_removed, take_lookup
from contractdesk.services.customers.registry_access import RegistryAccess
from contractdesk.services.customers.results import RefreshAllResult, RefreshResult
from contractdesk.services.customers.signers import confirm_signers
from contractdesk.services.customers.sync import BULK_THRESHOLD, FeedSync
from contractdesk.services.customers.views import (
    CustomerQuery,
    CustomerRow,
    CustomerView,
    Eligibility,
    OfflineCustomer,
)
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import Customer
from contractdesk.store.queries import customers as q
from contractdesk.store.types import utcnow

PAGE_SIZE = 200
"""Rows per page of the customer list (the GUI fetches more as the user scrolls)."""
MAX_PAGE_SIZE = 5000

ProgressCallback = Callable[[int, int, str], None]


class CustomerService(RegistryAccess):
    """Use cases for customers. Writes take ``actor`` (``owner`` in the GUI, ``cli``, ``demo``).

    Args:
        store: the open store.
        registry_settings: how to reach the registry; None reads ``CONTRACTDESK_REGISTRY_URL``
            (default ``https://data.brreg.no``) when the registry is first used.
    """

    def __init__(self, store: Store, *, registry_settings: RegistrySettings | None = None) -> None:
        super().__init__(registry_settings)
        self._store = store
        self.bulk_threshold = BULK_THRESHOLD
        """More customers to fetch than this at once: the registry's bulk file is read."""
        self.feed_page_size = 1000

    def __repr__(self) -> str:
        return f"CustomerService({self._store!r})"

    # -- registering ---------------------------------------------------------------------------

    def register(
        self, org_number: str, *, cancel: CancelCheck = None, actor: str = "owner"
    ) -> CustomerView:
        """Fetch the organisation from the registry and register it as a customer.

        Raises:
            InvalidOrgNumberError, CustomerExistsError: before any request.
            RegistryError: the registry could not answer; nothing was stored.
            UserError: the number belongs to a sub-unit (register its main entity).
        """
        number = self.parse_org_number(org_number)
        with self._store.read_session() as s:
            _refuse_existing(q.customer_id_and_name(s, number), number)
        lookup = self.registry.lookup(number, cancel=cancel)
        return self.register_lookup(lookup, actor=actor)

    def register_lookup(self, lookup: RegistryLookup, *, actor: str = "owner") -> CustomerView:
        """Register the organisation of a registry answer already fetched (e.g. shown on a card)."""
        entity = lookup.entity
        number = self.parse_org_number(entity.org_number)
        if entity.is_sub_unit:
            parent = (
                format_org_number(entity.parent_org_number) if entity.parent_org_number else "?"
            )
            raise UserError(
                fill(
                    translate(
                        "CustomerService",
                        "%1 is a sub-unit (a branch); register its main entity %2 instead.",
                    ),
                    format_org_number(number),
                    parent,
                ),
                field="org_number",
            )
        snap = snapshot_of_lookup(lookup)
        with self._store.session() as s:
            _refuse_existing(q.customer_id_and_name(s, number), number)
            c = Customer(org_number=number, registry_roles=[])
            apply_snapshot(c, snap, [], lookup.retrieved_at or utcnow())
            s.add(c)
            s.flush()
            audit.append(
                s,
                actor=actor,
                action="customer.registered",
                entity_type="customer",
                entity_id=number,
                payload={"source": "registry", "name": c.name, "status": c.status},
            )
            return view_of(c)

    def register_offline(self, data: OfflineCustomer, *, actor: str = "owner") -> CustomerView:
        """Register a customer by hand (the registry cannot be reached); it stays "not verified"
        (status ``unverified``) until a refresh succeeds, which then takes the registry's values.

        Raises:
            InvalidOrgNumberError, CustomerExistsError, UserError (a bad field).
        """
        number = self.parse_org_number(data.org_number)
        name, address = clean_offline(data)
        with self._store.session() as s:
            _refuse_existing(q.customer_id_and_name(s, number), number)
            c = Customer(
                org_number=number,
                name=name,
                status="unverified",
                business_address=address,
                registry_roles=[],
                signing_rule=None,
                registry_data=None,
                verified_at=None,
            )
            s.add(c)
            s.flush()
            audit.append(
                s,
                actor=actor,
                action="customer.registered",
                entity_type="customer",
                entity_id=number,
                payload={"source": "manual", "name": name, "status": "unverified"},
            )
            return view_of(c)

    # -- reading -------------------------------------------------------------------------------

    def get(self, org_number: str) -> CustomerView:
        """The customer's card.

        Raises:
            InvalidOrgNumberError, NotFoundError.
        """
        number = self.parse_org_number(org_number)
        with self._store.read_session() as s:
            return view_of(q.customer_by_org_number(s, number))

    def exists(self, org_number: str) -> bool:
        number = self.parse_org_number(org_number)
        with self._store.read_session() as s:
            return q.customer_id_and_name(s, number) is not None

    def may_issue_agreement(self, org_number: str) -> bool:
        """False for a deleted, removed or bankrupt customer, and one under liquidation."""
        return self.agreement_eligibility(org_number).allowed

    def agreement_eligibility(self, org_number: str) -> Eligibility:
        """Whether a new agreement may be issued, with the reason (or a warning) for the user."""
        return eligibility_of(self.get(org_number))

    def list_customers(
        self, query: CustomerQuery | None = None, *, offset: int = 0, limit: int = PAGE_SIZE
    ) -> list[CustomerRow]:
        """One page of the customer list, filtered and ordered in SQL.

        Args:
            query: search text and sort column (one of :data:`SORT_COLUMNS`; unknown: name).
            offset, limit: the page (``limit`` at most :data:`MAX_PAGE_SIZE`).
        """
        query = query or CustomerQuery()
        limit = max(0, min(int(limit), MAX_PAGE_SIZE))
        offset = max(0, int(offset))
        with self._store.read_session() as s:
            rows = q.customer_page(
                s, query.search, query.sort, query.descending, offset=offset, limit=limit
            )
        return [CustomerRow(*r) for r in rows]

    def count(self, search: str = "") -> int:
        """How many customers the search finds (all customers without one)."""
        with self._store.read_session() as s:
            return q.count_customers(s, search)

    def org_numbers(self) -> list[str]:
        """Every customer's org number, in list order (by name)."""
        with self._store.read_session() as s:
            return q.org_numbers_by_name(s)

    def confirm_signers(
        self,
        org_number: str,
        signer_sets: Sequence[Sequence[str]],
        *,
        confirmed_by: str,
        expected_version: int | None = None,
        actor: str = "owner",
    ) -> CustomerView:
        """Record by hand who may sign (each set signs together), and who confirmed it.
        ``expected_version``: the customer's version the dialog showed (``CustomerView.version``).

        Raises:
            InvalidOrgNumberError, NotFoundError; UserError: no signer, or no one confirming.
        """
        number = self.parse_org_number(org_number)
        return confirm_signers(
            self._store,
            number,
            signer_sets,
            confirmed_by=confirmed_by,
            actor=actor,
            expected_version=expected_version,
        )

    def import_customers(
        self,
        path: str | Path,
        *,
        people: Any = None,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        actor: str = "owner",
    ) -> ImportReport:
        """Import a customer list (CSV or XLSX of org numbers, optionally contact name, e-mail,
        phone): all rows or none (see :mod:`~contractdesk.services.customers.importing`).

        Args:
            people: the people service, to make each row's contact the main contact.

        Raises:
            UserError: the file cannot be read.
        """
        report = import_customers(
            self._store,
            self.registry,
            Path(path),
            actor=actor,
            bulk_threshold=self.bulk_threshold,
            progress=progress,
            cancel=cancel,
        )
        return add_contacts(people, report, actor=actor)

    # -- refreshing ----------------------------------------------------------------------------

    def refresh(
        self, org_number: str, *, cancel: CancelCheck = None, actor: str = "owner"
    ) -> RefreshResult:
        """Fetch the customer again and take the registry's values (terms §7: the registry wins).

        The changed fields come back as a diff and go to the audit log; a signatory who no longer
        holds a signing role is flagged. A 410 (removed from open data) sets the status to
        ``removed`` and changes nothing else.

        Raises:
            InvalidOrgNumberError, NotFoundError: before any request.
            RegistryError: a bad answer; the stored customer is untouched.
        """
        number = self.parse_org_number(org_number)
        with self._store.read_session() as s:
            q.customer_by_org_number(s, number)
        try:
            lookup = self.registry.lookup(number, cancel=cancel)
        except Removed:
            return mark_removed(self._store, number, actor)
        if lookup.entity.org_number != number:  # the client checks this too; never store a mix-up
            raise RegistryError(detail=f"asked for {number}, got {lookup.entity.org_number}")
        return take_lookup(self._store, number, lookup, actor)

    def refresh_all(
        self,
        *,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        actor: str = "owner",
    ) -> RefreshAllResult:
        """Refresh every customer: the first time each one (or by the bulk file for many), then
        only those the registry's update feeds name since the last refresh (see
        :mod:`~contractdesk.services.customers.sync`). Resumes work a crash or cancel left.

        Args:
            progress: called with (done, total, org number) as customers are taken, and at the end.
            cancel: set it to stop (within a fraction of a second); what was taken stays taken.

        A customer the registry cannot answer for is listed in ``failures``, left untouched and
        tried again next time.
        """
        return FeedSync(
            self._store,
            self.registry,
            actor=actor,
            progress=progress,
            cancel=cancel,
            bulk_threshold=self.bulk_threshold,
            feed_page_size=self.feed_page_size,
        ).run()


def _refuse_existing(found: tuple[int, str] | None, number: str) -> None:
    if found is not None:
        raise CustomerExistsError(number, found[1])


def count_by_status(store: Store) -> dict[str, int]:
    """Customers per status (every status present, zero included)."""
    with store.read_session() as s:
        return q.count_by_status(s)
