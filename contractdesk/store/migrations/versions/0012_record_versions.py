"""Team mode (issue 19): a version on every editable record, and search over folded text.

1. ``version`` (integer, 1 for every existing row) on each table a user edits. The models map it
   as SQLAlchemy's ``version_id_col``: every UPDATE says ``WHERE version = <read>`` and counts
   up, so a save over a colleague's newer change is refused instead of overwriting it.
2. ``customer.search_name`` / ``customer.search_municipality``: the name and municipality in the
   one search form (``contractdesk.domain.search_fold``; a copy of it as of this revision is
   below). On SQLite the FTS5 trigram index ``customer_search`` is rebuilt over these columns
   (its triggers with it), and the short-prefix search reads two new indexes; on PostgreSQL
   trigram indexes over the same columns (replacing 0002's over the sort keys) serve the same
   queries. The people's name look-up keys
   (``person_search_key``) are recomputed by the same rule.

Revision ID: 0012
Revises: 0010
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0010"
branch_labels = None
depends_on = None

VERSIONED_TABLES = (
    "customer",
    "person",
    "person_role",
    "service",
    "agreement",
    "terms_version",
    "subprocessor",
    "supplier",
    "app_setting",
    "invoice_recipient",
    "data_subject_request",
    "breach",
)

_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "đ": "d", "ŧ": "t", "ŋ": "n", "ł": "l"})
_A_RUN = re.compile("a{2,}")
_PUNCTUATION = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    """A copy of ``contractdesk.domain.search_fold.search_fold`` as of this revision."""
    lowered = unicodedata.normalize("NFKC", text or "").casefold().translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", lowered)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_A_RUN.sub("a", stripped).split())


def _name_tokens(*parts: str) -> list[str]:
    """A copy of ``contractdesk.domain.people.name_tokens`` as of this revision."""
    seen: dict[str, None] = {}
    for part in parts:
        for word in _fold(part).split():
            seen.setdefault(word, None)
            for piece in _PUNCTUATION.split(word):
                if piece and piece != word:
                    seen.setdefault(piece, None)
    return list(seen)


SEARCH_COLUMNS = "search_name, org_number, search_municipality"
_OLD_COLUMNS = "name, org_number, municipality"

TRIGGERS = {
    "customer_search_ai": (
        "CREATE TRIGGER customer_search_ai AFTER INSERT ON customer BEGIN "
        f"INSERT INTO customer_search(rowid, {SEARCH_COLUMNS}) "
        "VALUES (new.id, new.search_name, new.org_number, new.search_municipality); END"
    ),
    "customer_search_ad": (
        "CREATE TRIGGER customer_search_ad AFTER DELETE ON customer BEGIN "
        f"INSERT INTO customer_search(customer_search, rowid, {SEARCH_COLUMNS}) "
        "VALUES ('delete', old.id, old.search_name, old.org_number, old.search_municipality); END"
    ),
    "customer_search_au": (
        "CREATE TRIGGER customer_search_au AFTER UPDATE OF search_name, org_number, "
        "search_municipality ON customer BEGIN "
        f"INSERT INTO customer_search(customer_search, rowid, {SEARCH_COLUMNS}) "
        "VALUES ('delete', old.id, old.search_name, old.org_number, old.search_municipality); "
        f"INSERT INTO customer_search(rowid, {SEARCH_COLUMNS}) "
        "VALUES (new.id, new.search_name, new.org_number, new.search_municipality); END"
    ),
}

_OLD_TRIGGERS = {
    "customer_search_ai": (
        "CREATE TRIGGER customer_search_ai AFTER INSERT ON customer BEGIN "
        f"INSERT INTO customer_search(rowid, {_OLD_COLUMNS}) "
        "VALUES (new.id, new.name, new.org_number, new.municipality); END"
    ),
    "customer_search_ad": (
        "CREATE TRIGGER customer_search_ad AFTER DELETE ON customer BEGIN "
        f"INSERT INTO customer_search(customer_search, rowid, {_OLD_COLUMNS}) "
        "VALUES ('delete', old.id, old.name, old.org_number, old.municipality); END"
    ),
    "customer_search_au": (
        "CREATE TRIGGER customer_search_au AFTER UPDATE OF name, org_number, municipality "
        "ON customer BEGIN "
        f"INSERT INTO customer_search(customer_search, rowid, {_OLD_COLUMNS}) "
        "VALUES ('delete', old.id, old.name, old.org_number, old.municipality); "
        f"INSERT INTO customer_search(rowid, {_OLD_COLUMNS}) "
        "VALUES (new.id, new.name, new.org_number, new.municipality); END"
    ),
}


def _fill_search_columns(conn: sa.engine.Connection) -> None:
    rows = conn.execute(sa.text("SELECT id, name, municipality FROM customer")).all()
    for row in rows:
        conn.execute(
            sa.text(
                "UPDATE customer SET search_name = :n, search_municipality = :m WHERE id = :id"
            ),
            {"n": _fold(row.name), "m": _fold(row.municipality), "id": row.id},
        )


def _refold_person_keys(conn: sa.engine.Connection) -> None:
    rows = conn.execute(
        sa.text("SELECT id, first_name, middle_name, last_name FROM person WHERE erased_at IS NULL")
    ).all()
    for row in rows:
        conn.execute(
            sa.text("DELETE FROM person_search_key WHERE person_id = :p AND kind = 'name'"),
            {"p": row.id},
        )
        for token in _name_tokens(row.first_name, row.middle_name, row.last_name):
            conn.execute(
                sa.text(
                    "INSERT INTO person_search_key (person_id, kind, value) VALUES (:p, 'name', :v)"
                ),
                {"p": row.id, "v": token},
            )


def _search_index_sqlite(columns: str, triggers: dict[str, str]) -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS customer_search")
    op.execute(
        f"CREATE VIRTUAL TABLE customer_search USING fts5({columns}, "
        "content='customer', content_rowid='id', tokenize='trigram remove_diacritics 1')"
    )
    op.execute("INSERT INTO customer_search(customer_search, rank) VALUES ('secure-delete', 1)")
    op.execute("INSERT INTO customer_search(customer_search) VALUES ('rebuild')")
    for sql in triggers.values():
        op.execute(sql)


def upgrade() -> None:
    conn = op.get_bind()
    for table in VERSIONED_TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    # Byte-wise order on PostgreSQL, as on SQLite: prefix ranges and LIKE 'x%' use the indexes.
    byte_order = {"collation": "C"} if conn.dialect.name == "postgresql" else {}
    op.add_column(
        "customer",
        sa.Column("search_name", sa.String(1000, **byte_order), nullable=False, server_default=""),
    )
    op.add_column(
        "customer",
        sa.Column(
            "search_municipality", sa.String(400, **byte_order), nullable=False, server_default=""
        ),
    )
    _fill_search_columns(conn)
    _refold_person_keys(conn)
    # Short searches (1-2 letters) are prefixes of the folded name or municipality; the name
    # order's index carries both, so a search walking it in name order reads no customer row.
    op.drop_index("ix_customer_sort_name", "customer")
    op.create_index(
        "ix_customer_sort_name",
        "customer",
        ["sort_name", "id", "search_name", "search_municipality", "org_number"],
    )
    op.create_index("ix_customer_search_name", "customer", ["search_name", "sort_name", "id"])
    op.create_index(
        "ix_customer_search_municipality", "customer", ["search_municipality", "sort_name", "id"]
    )
    if conn.dialect.name == "sqlite":
        _search_index_sqlite(SEARCH_COLUMNS, TRIGGERS)
    elif conn.dialect.name == "postgresql":
        trgm = conn.execute(
            sa.text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        ).scalar()
        if trgm:  # words anywhere: trigram indexes over the folded columns replace 0002's
            for column in ("sort_name", "municipality_key"):
                op.execute(f"DROP INDEX IF EXISTS ix_customer_{column}_trgm")
            for column in ("search_name", "search_municipality"):
                op.execute(
                    f"CREATE INDEX ix_customer_{column}_trgm ON customer "
                    f"USING gin ({column} gin_trgm_ops)"
                )


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS customer_search")
    else:
        for column in ("search_name", "search_municipality"):
            op.execute(f"DROP INDEX IF EXISTS ix_customer_{column}_trgm")
        for column in ("sort_name", "municipality_key"):
            op.execute(
                f"CREATE INDEX IF NOT EXISTS ix_customer_{column}_trgm ON customer "
                f"USING gin ({column} gin_trgm_ops)"
            )
    op.drop_index("ix_customer_search_municipality", "customer")
    op.drop_index("ix_customer_search_name", "customer")
    op.drop_index("ix_customer_sort_name", "customer")
    op.create_index(
        "ix_customer_sort_name", "customer", ["sort_name", "id", "municipality_key", "org_number"]
    )
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+): a batch copy would drop the tables' triggers.
    for table in VERSIONED_TABLES:
        op.execute(f"ALTER TABLE {table} DROP COLUMN version")
    op.execute("ALTER TABLE customer DROP COLUMN search_municipality")
    op.execute("ALTER TABLE customer DROP COLUMN search_name")
    if conn.dialect.name == "sqlite":
        _search_index_sqlite(_OLD_COLUMNS, _OLD_TRIGGERS)
