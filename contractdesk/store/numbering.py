"""Gap-free number series under concurrency: one writer at a time per series.

Numbers are allocated as "the highest given + 1" inside the unit of work that writes them (invoice
numbers: ``queries.invoice_runs.next_number``; agreement numbers ``CD-<year>-<n>``:
``queries.agreements.next_document_id``). That is gap-free and duplicate-free only while no other
connection allocates from the same series between the read and the commit:

- SQLite: every unit of work (``Store.session``) begins IMMEDIATE and so already holds the store's
  one write lock from its first statement to its commit: nothing more to do;
- PostgreSQL: :func:`serialise_series` takes a transaction-scoped advisory lock named after the
  series (``pg_advisory_xact_lock``), released by the commit or rollback. A second connection
  waits there and then reads the first one's committed numbers. No sequences: they leave gaps
  when a transaction rolls back.

Call it first in the unit of work, before the series is read. The read that follows must see
the commits made while it waited: true for SQLite's one writer and for PostgreSQL's READ
COMMITTED write sessions (each statement reads the newest commits); under REPEATABLE READ the
snapshot would be taken before the wait. The unique constraints (invoice number, document id)
stay as the last guard: a slip would fail the save, never give a number twice.
"""

from __future__ import annotations

import zlib

from sqlalchemy import text
from sqlalchemy.orm import Session

INVOICE_SERIES = "invoice-numbers"
"""The one series of invoices and credit notes (and the runs that freeze them)."""
AGREEMENT_SERIES = "agreement-numbers"
"""Agreement document ids ``CD-<year>-<number>``."""


def series_lock_key(series: str) -> int:
    """The advisory lock key of a series: a stable signed 64-bit number (CRC-32 of the name in
    the high half, a fixed tag in the low half so it cannot meet other users' small keys)."""
    return (zlib.crc32(series.encode("utf-8")) << 32 | 0x43_44_4E_4F) - (1 << 63)


def serialise_series(s: Session, series: str) -> None:
    """Hold ``series`` for this unit of work: no other connection allocates from it meanwhile."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": series_lock_key(series)})
