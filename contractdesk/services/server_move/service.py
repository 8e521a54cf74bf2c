"""``move_to_server``: copy the open local store into an empty server database and verify it.

The local store is only read; afterwards it stays where it is, unchanged, as the backup of the
moment of the move. The server side must be empty: a database with no tables gets the schema
first (the same migrations as ``server init``), one set up by ``server init`` is used as it is,
and one holding data is refused.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.services.server_move.views import MoveOutcome, TableCheck
from contractdesk.store.engine import Store
from contractdesk.store.server import make_server_engine, redacted, server_url
from contractdesk.store.server_errors import map_server_error
from contractdesk.store.server_move import copy_store, ensure_server_schema

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]


def move_to_server(
    local: Store,
    url: str,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> MoveOutcome:
    """Copy ``local`` into the empty database at ``url``; verified table by table.

    Raises:
        UserError: the local store failed its integrity check (nothing copied).
        TargetNotEmptyError / SchemaMismatchError: the server database cannot take it.
        MoveVerificationError: a table differed; the server transaction was rolled back.
        MoveCancelled: ``cancelled()`` said so; rolled back.
        ServerUnavailableError: the server cannot be reached or refuses the login.
    """
    if getattr(local, "engine_name", "") == "postgresql":
        raise UserError(translate("ServerMove", "This store is on a server already."))
    problems = local.integrity_check()
    if problems:
        raise UserError(
            fill(
                translate(
                    "ServerMove",
                    "The local store failed its integrity check (%1); restore it from a backup "
                    "before moving it.",
                ),
                problems[0][:200],
            )
        )
    target_url = server_url(url)
    location = redacted(target_url)
    engine = make_server_engine(target_url, pool_size=1)
    try:
        created = ensure_server_schema(engine, url)
        report = copy_store(local.engine, engine, progress=progress, cancelled=cancelled)
    except Exception as exc:
        mapped = map_server_error(exc, None, location=location)
        if mapped is not None and mapped is not exc:
            raise mapped from None
        raise
    finally:
        engine.dispose()
    log.info("moved %d rows to %s", report.rows, location)
    return MoveOutcome(
        location,
        local.path,
        tuple(
            TableCheck(t.name, t.source_rows, t.target_rows, t.source_hash, t.target_hash)
            for t in report.tables
        ),
        report.skipped,
        created,
    )
