"""What a move to the server reports: per table, rows and content hashes on both sides."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class TableCheck:
    """One table: rows in the local store and on the server, and whether their contents match."""

    table: str
    local_rows: int
    server_rows: int
    local_hash: str
    server_hash: str

    @property
    def ok(self) -> bool:
        return self.local_rows == self.server_rows and self.local_hash == self.server_hash


@dataclass(frozen=True)
class MoveOutcome:
    """A finished, verified move: where to, the checks, and the local store kept as a backup."""

    server: str  # the server address without its password
    local_store: Path
    tables: tuple[TableCheck, ...]
    skipped: tuple[str, ...]
    schema_created: bool

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tables)

    @property
    def rows(self) -> int:
        return sum(t.server_rows for t in self.tables)

    def to_json(self) -> dict[str, Any]:
        return {
            "server": self.server,
            "ok": self.ok,
            "rows": self.rows,
            "local_store": str(self.local_store),
            "local_store_kept": True,
            "schema_created": self.schema_created,
            "tables": [
                {
                    "table": t.table,
                    "local_rows": t.local_rows,
                    "server_rows": t.server_rows,
                    "local_sha256": t.local_hash,
                    "server_sha256": t.server_hash,
                    "ok": t.ok,
                }
                for t in self.tables
            ],
            "skipped": list(self.skipped),
        }
