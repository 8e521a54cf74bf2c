"""``contractdesk store move-to-server URL [--yes] [--json]``: the local store onto a server.

The local encrypted store is copied into an empty PostgreSQL database, verified table by table
(row counts and content hashes) and left untouched in its data folder as the backup of the move.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from contractdesk.cli.registry import CommandRegistry, add_json_flag


def register(cli: CommandRegistry) -> None:
    verbs = cli.noun("store", "the store itself: move it to a team server")
    p = verbs.add_parser(
        "move-to-server",
        help="copy the local store into an empty PostgreSQL database and verify every table; "
        "the local store stays as it is (the backup of the move)",
    )
    p.add_argument(
        "url",
        metavar="URL",
        help="postgresql://user@host/database (password: in the URL, PGPASSWORD or ~/.pgpass)",
    )
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add_json_flag(p)
    p.set_defaults(func=move_to_server)


def _confirm(ctx: Any, args: argparse.Namespace, location: str) -> None:
    from contractdesk.services.errors import UserError

    if args.yes:
        return
    if not (sys.stdin and sys.stdin.isatty()):
        raise UserError("Moving copies the whole store to the server: confirm with --yes.")
    answer = input(
        f"Copy the store in {ctx.paths.data_dir} to {location}? The local store is kept "
        "unchanged. [y/N] "
    )
    if answer.strip().lower() not in ("y", "yes", "j", "ja"):
        raise UserError("Nothing was moved.")


def _print_report(tables: list[Any]) -> None:
    from contractdesk.cli.output import emit_table

    emit_table(
        [
            [
                t.table,
                str(t.local_rows),
                str(t.server_rows),
                t.local_hash[:12],
                t.server_hash[:12],
                "ok" if t.ok else "DIFFERENT",
            ]
            for t in tables
        ],
        ["table", "local rows", "server rows", "local sha256", "server sha256", "check"],
    )


def move_to_server(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json
    from contractdesk.paths import passphrase_from_env
    from contractdesk.services.server_move import move_to_server as move
    from contractdesk.store.profile import unlock_profile
    from contractdesk.store.server import redacted, server_url

    location = redacted(server_url(args.url))
    _confirm(ctx, args, location)
    local = unlock_profile(ctx.paths, passphrase=passphrase_from_env(), prompt=ctx.passphrase)
    try:
        outcome = move(local, args.url)
    finally:
        local.close()
    if args.json:
        emit_json(outcome.to_json())
        return 0
    _print_report(list(outcome.tables))
    emit()
    emit(
        f"Moved {outcome.rows} rows in {len(outcome.tables)} tables to {outcome.server}; "
        "every table verified (row count and content hash)."
    )
    emit(
        f"The local store {outcome.local_store} was not changed: keep it as the backup of the "
        "move. From now on use the server (--server URL or CONTRACTDESK_DATABASE_URL)."
    )
    return 0
