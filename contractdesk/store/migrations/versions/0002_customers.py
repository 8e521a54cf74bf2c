"""Customers: list columns (sort keys, municipality), their indexes, and an FTS5 trigram search index.

``customer_search`` is an external-content FTS5 table over ``customer`` (name, org number,
municipality), kept by triggers; its ``secure-delete`` option removes old tokens at once, so a
changed or deleted name does not linger in the index. Contact names are searched through the
people's own look-up keys (``person_search_key``, migration 0003), which erasure clears.

Note for later migrations: recreating the ``customer`` table (a batch "move and copy") drops the
triggers below; re-create them (and ``INSERT INTO customer_search(customer_search)
VALUES('rebuild')``) in the same migration.

On PostgreSQL the keys are compared byte-wise (``COLLATE "C"``, the order SQLite uses), and the
search uses trigram indexes (``pg_trgm``) over the same Python-folded keys instead of FTS5.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

from contractdesk.store.migrations.portable import is_postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_AFTER_Z = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"})

SEARCH_COLUMNS = "name, org_number, municipality"

TRIGGERS = {
    "customer_search_ai": (
        "CREATE TRIGGER customer_search_ai AFTER INSERT ON customer BEGIN "
        f"INSERT INTO customer_search(rowid, {SEARCH_COLUMNS}) "
        "VALUES (new.id, new.name, new.org_number, new.municipality); END"
    ),
    "customer_search_ad": (
        "CREATE TRIGGER customer_search_ad AFTER DELETE ON customer BEGIN "
        f"INSERT INTO customer_search(customer_search, rowid, {SEARCH_COLUMNS}) "
        "VALUES ('delete', old.id, old.name, old.org_number, old.municipality); END"
    ),
    "customer_search_au": (
        "CREATE TRIGGER customer_search_au AFTER UPDATE OF name, org_number, municipality ON customer "
        "BEGIN "
        f"INSERT INTO customer_search(customer_search, rowid, {SEARCH_COLUMNS}) "
        "VALUES ('delete', old.id, old.name, old.org_number, old.municipality); "
        f"INSERT INTO customer_search(rowid, {SEARCH_COLUMNS}) "
        "VALUES (new.id, new.name, new.org_number, new.municipality); END"
    ),
}


def _sort_key(text: str) -> str:
    """A copy of ``contractdesk.domain.customers.sort_key`` as of this revision (no live imports)."""
    folded = unicodedata.normalize("NFC", text or "").casefold().translate(_AFTER_Z)
    decomposed = unicodedata.normalize("NFKD", folded)
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def _municipality(business: object, postal: object) -> str:
    import json

    for raw in (business, postal):
        address = json.loads(raw) if isinstance(raw, str) else raw
        if isinstance(address, dict):
            value = str(address.get("municipality") or address.get("city") or "").strip()
            if value:
                return value
    return ""


def upgrade() -> None:
    pg = is_postgresql()
    byte_order = {"collation": "C"} if pg else {}  # SQLite compares text byte-wise already
    op.add_column(
        "customer",
        sa.Column("sort_name", sa.String(500, **byte_order), nullable=False, server_default=""),
    )
    op.add_column(
        "customer", sa.Column("municipality", sa.String(200), nullable=False, server_default="")
    )
    op.add_column(
        "customer",
        sa.Column(
            "municipality_key", sa.String(200, **byte_order), nullable=False, server_default=""
        ),
    )
    conn = op.get_bind()
    rows = conn.execute(
        sa.text("SELECT id, name, business_address, postal_address FROM customer")
    ).all()
    for row in rows:
        municipality = _municipality(row.business_address, row.postal_address)
        conn.execute(
            sa.text(
                "UPDATE customer SET sort_name = :s, municipality = :m, municipality_key = :mk WHERE id = :id"
            ),
            {
                "s": _sort_key(row.name),
                "m": municipality,
                "mk": _sort_key(municipality),
                "id": row.id,
            },
        )
    # The name order's index also carries the columns a search tests, so a search walking it in
    # name order reads no customer row until the page is cut (services/customers.py).
    op.create_index(
        "ix_customer_sort_name", "customer", ["sort_name", "id", "municipality_key", "org_number"]
    )
    op.create_index(
        "ix_customer_municipality_key", "customer", ["municipality_key", "sort_name", "id"]
    )
    op.create_index("ix_customer_status", "customer", ["status", "sort_name", "id"])
    if pg:
        _pg_search_indexes()
        return
    op.execute(
        f"CREATE VIRTUAL TABLE customer_search USING fts5({SEARCH_COLUMNS}, "
        "content='customer', content_rowid='id', tokenize='trigram remove_diacritics 1')"
    )
    op.execute("INSERT INTO customer_search(customer_search, rank) VALUES ('secure-delete', 1)")
    op.execute("INSERT INTO customer_search(customer_search) VALUES ('rebuild')")
    for sql in TRIGGERS.values():
        op.execute(sql)


def _pg_search_indexes() -> None:
    """Trigram indexes for substring search over the folded keys and the org number."""
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in ("sort_name", "municipality_key", "org_number"):
        op.execute(
            f"CREATE INDEX ix_customer_{column}_trgm ON customer USING gin ({column} gin_trgm_ops)"
        )


def downgrade() -> None:
    if is_postgresql():
        for column in ("sort_name", "municipality_key", "org_number"):
            op.execute(f"DROP INDEX IF EXISTS ix_customer_{column}_trgm")
    else:
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS customer_search")
    op.drop_index("ix_customer_status", "customer")
    op.drop_index("ix_customer_municipality_key", "customer")
    op.drop_index("ix_customer_sort_name", "customer")
    with op.batch_alter_table("customer") as batch:
        batch.drop_column("municipality_key")
        batch.drop_column("municipality")
        batch.drop_column("sort_name")
