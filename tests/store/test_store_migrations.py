"""Schema versions: a stored old store opens and migrates (after a backup); a newer one is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import text
from store_testkit import FIXTURE_STORES, fingerprint

from contractdesk.paths import StorePaths
from contractdesk.store import audit
from contractdesk.store.engine import (
    Store,
    connect_raw,
    integrity_problems,
    open_store,
    read_revision,
)
from contractdesk.store.errors import StoreError, StoreTooNewError
from contractdesk.store.keys import Key, KeyFile, unwrap_key
from contractdesk.store.profile import unlock_profile
from contractdesk.store.schema import SCHEMA_HEAD, SCHEMA_REVISIONS

FIXTURE_0001_PASSPHRASE = "fixture-0001 passphrase"  # documented in tests/fixtures/stores/README.md


def test_schema_revisions_match_alembic_history() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    import contractdesk.store.engine as engine_module

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(engine_module.__file__).parent / "migrations"))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_heads() == [SCHEMA_HEAD], "exactly one head, and it is SCHEMA_HEAD"
    history = tuple(rev.revision for rev in reversed(list(script.walk_revisions("base", "heads"))))
    assert history == SCHEMA_REVISIONS


@pytest.fixture
def old_store(tmp_path: Path) -> StorePaths:
    """A copy of the stored schema-0001 data folder."""
    source = FIXTURE_STORES / "store-0001"
    target = tmp_path / "data"
    shutil.copytree(source, target)
    return StorePaths(target)


def _key(paths: StorePaths) -> Key:
    keyfile = KeyFile.load(paths.key_file)
    assert keyfile.wrapped is not None
    return unwrap_key(keyfile.wrapped, FIXTURE_0001_PASSPHRASE, keyfile.store_id)


def test_stored_0001_store_migrates_to_head_after_a_backup(old_store: StorePaths) -> None:
    original = old_store.db.read_bytes()

    store = unlock_profile(old_store, passphrase=FIXTURE_0001_PASSPHRASE)
    try:
        assert store.revision() == SCHEMA_HEAD
        assert store.integrity_check() == []
        with store.session() as s:
            assert s.execute(text("SELECT name, signer_name FROM supplier")).one() == (
                "Fixture Leverandør AS",
                "Kari Nordmann",
            )
            assert s.execute(
                text("SELECT org_number FROM customer ORDER BY org_number")
            ).scalars().all() == ["923609016", "986148248"]
            assert s.execute(text("SELECT first_name, last_name FROM person")).one() == (
                "Ola",
                "Nordmann",
            )
            assert (
                s.execute(text("SELECT value FROM app_setting WHERE key = 'language'")).scalar()
                == '"nb"'
            )
            result = audit.verify(s)
        assert result.ok, result
        assert result.checked >= 4
    finally:
        store.close()

    backups = sorted(old_store.backups.glob("contractdesk-before-migration-0001-*.db"))
    assert len(backups) == 1
    conn = connect_raw(backups[0], _key(old_store), mode="ro")  # the same key opens the backup
    try:
        assert read_revision(conn) == "0001"
        assert integrity_problems(conn) == []
        assert conn.execute("SELECT count(*) FROM customer").fetchone()[0] == 2
    finally:
        conn.close()
    assert original != old_store.db.read_bytes()

    # At head now: opening again neither migrates nor makes another backup.
    unlock_profile(old_store, passphrase=FIXTURE_0001_PASSPHRASE).close()
    assert len(list(old_store.backups.iterdir())) == 1


def test_old_store_is_not_migrated_when_migration_is_declined(old_store: StorePaths) -> None:
    before = fingerprint(old_store.data_dir)
    with pytest.raises(StoreError, match="needs an upgrade"):
        unlock_profile(old_store, passphrase=FIXTURE_0001_PASSPHRASE, migrate=False)
    assert fingerprint(old_store.data_dir) == before


def _stamp(store: Store, revision: str) -> None:
    with store.session() as s:
        s.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})


@pytest.mark.parametrize("revision", ["9999", "0001a"])
def test_store_from_a_newer_release_is_refused_and_left_unchanged(
    raw_store: Store, store_key: Key, revision: str
) -> None:
    _stamp(raw_store, revision)
    raw_store.close()
    folder = raw_store.path.parent
    before = fingerprint(folder)

    with pytest.raises(StoreTooNewError) as err:
        open_store(raw_store.path, store_key, key_source="memory")

    assert err.value.revision == revision
    assert str(raw_store.path) in str(err.value)
    assert "newer version" in str(err.value)
    assert fingerprint(folder) == before
    assert not (folder / "backups").exists()


FAILING_MIGRATION = '''"""A migration that fails half-way (test only)."""

import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("UPDATE supplier SET name = 'changed by a failed migration'")
    raise RuntimeError("migration step failed")


def downgrade() -> None:
    pass
'''


def test_a_failing_migration_changes_nothing(
    old_store: StorePaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All steps run in ONE transaction: a failure in the last step undoes the earlier ones."""
    import contractdesk.store.engine as engine_module

    migrations = tmp_path / "migrations"
    shutil.copytree(
        engine_module.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__")
    )
    (migrations / "versions" / "9001_fails.py").write_text(
        FAILING_MIGRATION.format(head=SCHEMA_HEAD)
    )
    monkeypatch.setattr(engine_module, "MIGRATIONS_DIR", migrations)
    monkeypatch.setattr(engine_module, "SCHEMA_REVISIONS", (*SCHEMA_REVISIONS, "9001"))
    monkeypatch.setattr(engine_module, "SCHEMA_HEAD", "9001")
    key = _key(old_store)
    conn = connect_raw(old_store.db, key)
    tables_before = conn.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
    conn.close()

    with pytest.raises(RuntimeError, match="migration step failed"):
        open_store(old_store.db, key, key_source="passphrase")

    conn = connect_raw(old_store.db, key)
    try:
        assert read_revision(conn) == "0001"
        assert (
            conn.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
            == tables_before
        )
        assert conn.execute("SELECT name FROM supplier").fetchone()[0] == "Fixture Leverandør AS"
        assert integrity_problems(conn) == []
    finally:
        conn.close()
    assert (
        len(list(old_store.backups.glob("*.db"))) == 1
    )  # the backup made before the attempt stays
