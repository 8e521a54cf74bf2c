"""Schema revisions this code knows, without importing Alembic (start-up stays fast).

A test checks this list against Alembic's history; append a revision here with every migration.
"""

from __future__ import annotations

SCHEMA_REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0011",
    "0007",
    "0010",
    "0012",
    "0013",
)
SCHEMA_HEAD = SCHEMA_REVISIONS[-1]
