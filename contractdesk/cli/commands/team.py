"""Team mode: ``contractdesk server init URL --owner USER`` and ``contractdesk user add NAME
--role owner|staff|read-only`` (on the server of ``--server URL`` or
``CONTRACTDESK_DATABASE_URL``)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from contractdesk.cli.registry import CommandRegistry, add_json_flag

ROLES = ("owner", "staff", "read-only")


def register(cli: CommandRegistry) -> None:
    server = cli.noun("server", "set up a PostgreSQL server for team mode")
    p = server.add_parser(
        "init",
        help="create or upgrade the schema, the roles (owner, staff, read-only) and their "
        "grants in an empty or older database; run as its administrator",
    )
    p.add_argument("url", metavar="URL", help="postgresql://admin@host/database")
    p.add_argument("--owner", required=True, metavar="USER", help="the login that becomes owner")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the owner's password (when the login is created) from standard input",
    )
    add_json_flag(p)
    p.set_defaults(func=init)
    users = cli.noun("user", "users of a team server (owners only)")
    u = users.add_parser("add", help="create a login with a role (you must be an owner)")
    u.add_argument("name", metavar="NAME")
    u.add_argument("--role", required=True, choices=ROLES)
    u.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    add_json_flag(u)
    u.set_defaults(func=add)


def _password(args: argparse.Namespace, *, prompt: str) -> str | None:
    """One line of standard input (``--password-stdin``), else asked twice on a terminal."""
    if args.password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n") or None
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        first = getpass.getpass(prompt)
        if first and getpass.getpass("Repeat: ") != first:
            from contractdesk.errors import UserError

            raise UserError("The passwords differ.")
        return first or None
    return None


def init(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json
    from contractdesk.services.team import set_up_server

    password = _password(args, prompt=f"Password for {args.owner} (if new): ")
    done = set_up_server(args.url, args.owner, password)
    if args.json:
        emit_json(
            {
                "server": done.location,
                "schema_before": done.revision_before,
                "schema_revision": done.revision,
                "owner": done.owner,
                "owner_created": done.owner_created,
                "roles": ["contractdesk_owner", "contractdesk_staff", "contractdesk_readonly"],
            }
        )
    else:
        emit(
            f"{done.location} is set up (schema {done.revision}); {done.owner} is an owner"
            + (" (new login)." if done.owner_created else ".")
        )
    return 0


def add(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json
    from contractdesk.services.team import add_user

    store = ctx.services.store
    password = _password(args, prompt=f"Password for {args.name}: ")
    add_user(store, args.name, args.role, password)
    if args.json:
        emit_json({"user": args.name, "role": args.role})
    else:
        emit(f"Added {args.name} ({args.role}).")
    return 0
