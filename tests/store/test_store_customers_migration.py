"""Migration 0002: old customers get sort keys and a search index; the index follows every change."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import text
from store_testkit import FIXTURE_STORES

from contractdesk.domain.search_fold import search_fold
from contractdesk.paths import StorePaths
from contractdesk.services.customers import CustomerQuery, CustomerService
from contractdesk.store.engine import Store
from contractdesk.store.models import Customer
from contractdesk.store.profile import unlock_profile

FIXTURE_0001_PASSPHRASE = "fixture-0001 passphrase"  # tests/fixtures/stores/README.md


def test_customers_of_a_0001_store_are_listed_and_searchable_after_the_upgrade(
    tmp_path: Path,
) -> None:
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_STORES / "store-0001", target)
    store = unlock_profile(StorePaths(target), passphrase=FIXTURE_0001_PASSPHRASE)
    try:
        with store.session() as s:
            rows = s.execute(
                text(
                    "SELECT org_number, sort_name, municipality, municipality_key FROM customer "
                    "ORDER BY org_number"
                )
            ).all()
        assert [tuple(r) for r in rows] == [
            ("923609016", "kunde en asa", "BERGEN", "bergen"),
            ("986148248", "kunde to as", "BERGEN", "bergen"),
        ]
        service = CustomerService(store)
        assert [r.name for r in service.list_customers()] == ["Kunde Én ASA", "Kunde To AS"]
        assert [r.org_number for r in service.list_customers(CustomerQuery(search="unde é"))] == [
            "923609016"
        ]
        assert [r.org_number for r in service.list_customers(CustomerQuery(search="kunde to"))] == [
            "986148248"
        ]
        assert service.count("bergen") == 2
        assert store.integrity_check() == []
    finally:
        store.close()


def test_search_index_triggers_and_options_exist_at_head(raw_store: Store) -> None:
    with raw_store.session() as s:
        triggers = set(
            s.execute(
                text(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                    "AND tbl_name = 'customer'"
                )
            ).scalars()
        )
        assert {"customer_search_ai", "customer_search_ad", "customer_search_au"} <= triggers
        options = dict(s.execute(text("SELECT k, v FROM customer_search_config")).all())
        assert options.get("secure-delete") == 1  # old names do not linger in the index
        indexes = set(
            s.execute(
                text(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'customer'"
                )
            ).scalars()
        )
        assert {
            "ix_customer_sort_name",
            "ix_customer_municipality_key",
            "ix_customer_status",
        } <= indexes


def test_index_follows_inserts_renames_and_deletes_made_through_the_models(
    raw_store: Store,
) -> None:
    def hits(word: str) -> list[int]:
        with raw_store.session() as s:
            return list(
                s.execute(
                    text("SELECT rowid FROM customer_search WHERE customer_search MATCH :q"),
                    {"q": f'"{search_fold(word)}"'},  # the index holds the folded text
                ).scalars()
            )

    with raw_store.session() as s:
        customer = Customer(
            org_number="971049669",
            name="Webmaster Heimen",
            registry_roles=[],
            business_address={"lines": [], "municipality": "MOLDE"},
        )
        s.add(customer)
        s.flush()
        cid = customer.id
    assert hits("master") == [cid] and hits("molde") == [cid] and hits("049669") == [cid]
    with raw_store.session() as s:
        row = s.get(Customer, cid)
        assert row is not None
        assert (row.sort_name, row.municipality) == ("webmaster heimen", "MOLDE")
        row.name = "Ærlig Nettverk AS"
        row.business_address = {"lines": [], "city": "TROMSØ"}
    assert hits("master") == [] and hits("nettverk") == [cid] and hits("tromsø") == [cid]
    with raw_store.session() as s:
        row = s.get(Customer, cid)
        assert row is not None and row.sort_name == "{rlig nettverk as"
        s.delete(row)
    assert hits("nettverk") == []
