"""The same Alembic migrations build the same schema on PostgreSQL as on SQLite, and step back."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from pg_testkit import PgServer, dbname_of

from contractdesk.store.schema import SCHEMA_HEAD
from contractdesk.store.server import MIGRATIONS_DIR, migrate_server, open_server_store


def _sqlite_tables(tmp_path: Path) -> dict[str, set[str]]:
    from contractdesk.store.profile import demo_profile

    store = demo_profile(tmp_path / "local")
    try:
        inspector = sa.inspect(store.engine)
        names = [t for t in inspector.get_table_names() if not t.startswith("customer_search")]
        return {t: {c["name"] for c in inspector.get_columns(t)} for t in names}
    finally:
        store.close()


def test_migrations_reach_head_on_postgresql_with_the_tables_and_columns_of_sqlite(
    pg_server: PgServer, pg_url: str, tmp_path: Path
) -> None:
    assert migrate_server(pg_url) == (None, SCHEMA_HEAD)
    assert migrate_server(pg_url) == (SCHEMA_HEAD, SCHEMA_HEAD)  # a second run changes nothing
    store = open_server_store(pg_url)
    try:
        assert store.revision() == SCHEMA_HEAD
        inspector = sa.inspect(store.engine)
        server = {
            t: {c["name"] for c in inspector.get_columns(t)} for t in inspector.get_table_names()
        }
    finally:
        store.close()
    assert server == _sqlite_tables(tmp_path)
    with pg_server.connect(dbname_of(pg_url)) as conn:
        extensions = {r[0] for r in conn.execute("SELECT extname FROM pg_extension")}
        assert "pg_trgm" in extensions
        guards = {
            r[0] for r in conn.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        }
        assert {
            "audit_log_no_update",
            "audit_log_no_delete",
            "audit_log_actor_is_login",
            "terms_version_published_no_update",
            "acceptance_warning_blank_only",
            "agreement_document_frozen",
            "person_role_keep_main_contact",
        } <= guards
        partial = conn.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'uq_agreement_one_active'"
        ).fetchone()
        assert partial is not None and "WHERE" in partial[0]


def test_every_migration_steps_back_and_forth_on_postgresql(pg_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    migrate_server(pg_url)
    engine = sa.create_engine(pg_url)
    try:
        with engine.begin() as conn:
            cfg = Config()
            cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
            left = sa.inspect(conn).get_table_names()
            assert left == ["alembic_version"]
            command.upgrade(cfg, "head")
    finally:
        engine.dispose()
    store = open_server_store(pg_url)
    try:
        assert store.revision() == SCHEMA_HEAD
    finally:
        store.close()
