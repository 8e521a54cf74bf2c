"""Migration 0004: the shipped 2021 version seeded as published, and published versions immutable in the database itself."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import inspect
from store_testkit import FIXTURE_STORES

from contractdesk.domain.terms.subprocessors import seed_subprocessors
from contractdesk.paths import StorePaths
from contractdesk.store.engine import Store
from contractdesk.store.models import (
    Acceptance,
    AcceptanceScan,
    Agreement,
    ReacceptanceNotice,
    SubProcessorEntry,
    TermsVersion,
    TermsVersionSubProcessor,
)
from contractdesk.store.profile import unlock_profile
from contractdesk.store.shipped_terms import shipped_terms_dir, shipped_version

SHIPPED = shipped_version("2021-04-17")
MY_MODELS = (
    TermsVersion,
    SubProcessorEntry,
    TermsVersionSubProcessor,
    Agreement,
    Acceptance,
    AcceptanceScan,
    ReacceptanceNotice,
)


def _one(store: Store, sql: str, params: tuple = ()) -> tuple:  # type: ignore[type-arg]
    with store.raw_connection() as conn:
        return conn.execute(sql, params).fetchone()


def _exec(store: Store, sql: str, params: tuple = ()) -> None:  # type: ignore[type-arg]
    with store.raw_connection() as conn:
        conn.execute("BEGIN")
        try:
            conn.execute(sql, params)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def test_the_shipped_version_is_seeded_published_byte_for_byte(raw_store: Store) -> None:
    label, state, effective, document, sha, published_at = _one(
        raw_store,
        "SELECT label, state, effective_date, document, sha256, published_at FROM terms_version",
    )
    terms_json = (shipped_terms_dir() / "2021-04-17" / "terms.json").read_bytes()
    assert (label, state, effective) == ("2021-04-17", "published", "2021-04-17")
    assert document.encode("utf-8") == terms_json
    assert sha == hashlib.sha256(terms_json).hexdigest() == SHIPPED.sha256
    assert published_at is not None


def test_the_seeded_register_is_the_domain_seed_and_the_2021_version_lists_it(
    raw_store: Store,
) -> None:
    with raw_store.raw_connection() as conn:
        register = conn.execute(
            "SELECT name, purpose, data_shared, kind, source_clause, org_number, location FROM subprocessor "
            "ORDER BY id"
        ).fetchall()
        listed = conn.execute(
            "SELECT name FROM terms_version_subprocessor ORDER BY position"
        ).fetchall()
    assert register == [
        (s.name, s.purpose, s.data_shared, s.kind.value, s.source_clause, s.org_number, s.location)
        for s in seed_subprocessors()
    ]
    assert [r[0] for r in listed] == [s.name for s in seed_subprocessors()]


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE terms_version SET document = replace(document, 'Romsdal', 'Oslo')",
        "UPDATE terms_version SET sha256 = '" + "0" * 64 + "'",
        "UPDATE terms_version SET label = 'renamed'",
        "UPDATE terms_version SET effective_date = '2020-01-01'",
        "UPDATE terms_version SET state = 'draft'",
        "DELETE FROM terms_version",
        "UPDATE terms_version_subprocessor SET name = 'Someone else'",
        "DELETE FROM terms_version_subprocessor",
        (
            "INSERT INTO terms_version_subprocessor (terms_version_id, position, name, purpose, data_shared, kind) "
            "VALUES (1, 99, 'Sneaked in', '', '', 'access')"
        ),
    ],
)
def test_raw_sql_cannot_change_a_published_version(raw_store: Store, sql: str) -> None:
    before = _one(
        raw_store, "SELECT document, sha256, label, effective_date, state FROM terms_version"
    )
    count = _one(raw_store, "SELECT count(*) FROM terms_version_subprocessor")
    with pytest.raises(sqlcipher.IntegrityError, match="published terms version cannot"):
        _exec(raw_store, sql)
    assert (
        _one(raw_store, "SELECT document, sha256, label, effective_date, state FROM terms_version")
        == before
    )
    assert _one(raw_store, "SELECT count(*) FROM terms_version_subprocessor") == count


def test_a_draft_may_change_but_cannot_claim_to_be_published_without_a_hash(
    raw_store: Store,
) -> None:
    _exec(
        raw_store,
        "INSERT INTO terms_version (label, title, state, document, gaps_confirmed, created_at, "
        "updated_at) VALUES ('d', 'D', 'draft', '{}', 0, 'x', 'x')",
    )
    _exec(raw_store, "UPDATE terms_version SET document = '{\"title\":\"E\"}' WHERE label = 'd'")
    with pytest.raises(sqlcipher.IntegrityError, match="CHECK"):
        _exec(raw_store, "UPDATE terms_version SET state = 'published' WHERE label = 'd'")
    with pytest.raises(
        sqlcipher.IntegrityError, match="UNIQUE"
    ):  # a hash identifies one published version
        _exec(
            raw_store,
            "UPDATE terms_version SET state = 'published', effective_date = '2030-01-01', "
            "published_at = 'x', sha256 = ? WHERE label = 'd'",
            (SHIPPED.sha256,),
        )
    _exec(raw_store, "DELETE FROM terms_version WHERE label = 'd'")
    assert _one(raw_store, "SELECT count(*) FROM terms_version") == (1,)


def test_the_models_match_the_migrated_tables(raw_store: Store) -> None:
    inspector = inspect(raw_store.engine)
    for model in MY_MODELS:
        table = model.__table__  # type: ignore[attr-defined]
        columns = {c["name"]: c for c in inspector.get_columns(table.name)}
        assert set(columns) == {c.name for c in table.columns}, table.name
        for column in table.columns:
            assert columns[column.name]["nullable"] == (
                column.nullable and not column.primary_key
            ), (table.name, column.name)


def test_a_stored_0001_store_migrates_and_gets_the_2021_version(tmp_path: Path) -> None:
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_STORES / "store-0001", target)
    store = unlock_profile(StorePaths(target), passphrase="fixture-0001 passphrase")
    try:
        assert _one(store, "SELECT label, state, sha256 FROM terms_version") == (
            "2021-04-17",
            "published",
            SHIPPED.sha256,
        )
        assert _one(store, "SELECT count(*) FROM subprocessor") == (len(seed_subprocessors()),)
        assert store.integrity_check() == []
    finally:
        store.close()
