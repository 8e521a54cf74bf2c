"""The PostgreSQL test server itself: real, password-protected, with the extensions team mode needs."""

from __future__ import annotations

import psycopg
import pytest
from pg_testkit import PgServer, dbname_of


def test_fresh_database_is_empty_and_has_the_extensions_available(
    pg_server: PgServer, pg_url: str
) -> None:
    with pg_server.connect(dbname_of(pg_url)) as conn:
        version = conn.execute("SHOW server_version_num").fetchone()
        assert version is not None and int(version[0]) >= 150000
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
        assert tables == (0,)
        available = {
            row[0]
            for row in conn.execute(
                "SELECT name FROM pg_available_extensions WHERE name IN ('pg_trgm', 'unaccent')"
            )
        }
        assert available == {"pg_trgm", "unaccent"}


def test_each_test_gets_its_own_database(pg_server: PgServer, pg_url: str) -> None:
    other = pg_server.create_database()
    try:
        assert other != dbname_of(pg_url)
    finally:
        pg_server.drop_database(other)


def test_tcp_connections_need_the_password(pg_server: PgServer, pg_url: str) -> None:
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        pg_server.connect(dbname_of(pg_url), password="wrong").close()
