"""``contractdesk info``: version, data folder, schema revision, key source, SQLCipher version."""

from __future__ import annotations

import argparse
from typing import Any

from contractdesk.cli.registry import CommandRegistry, add_json_flag


def register(cli: CommandRegistry) -> None:
    p = cli.command("info", "show version, data folder, schema, key source and SQLCipher version")
    add_json_flag(p)
    p.set_defaults(func=run)


def run(ctx: Any, args: argparse.Namespace) -> int:
    import sqlcipher3.dbapi2 as sqlcipher

    from contractdesk import __version__
    from contractdesk.cli.output import emit, emit_json
    from contractdesk.store.errors import PassphraseRequiredError
    from contractdesk.store.profile import key_source_of
    from contractdesk.store.schema import SCHEMA_HEAD

    mem = sqlcipher.connect(":memory:")
    cipher_version = mem.execute("PRAGMA cipher_version").fetchone()[0]
    mem.close()
    data: dict[str, Any] = {
        "version": __version__,
        "data_dir": str(ctx.paths.data_dir),
        "store_exists": ctx.paths.exists(),
        "schema_revision": None,
        "schema_head": SCHEMA_HEAD,
        "key_source": key_source_of(ctx.paths),
        "unlocked": False,
        "sqlcipher_version": cipher_version,
    }
    if ctx.paths.exists():
        try:
            data["schema_revision"] = ctx.services.store.revision()
            data["unlocked"] = True
        except PassphraseRequiredError:
            pass
    if args.json:
        emit_json(data)
    else:
        for key, value in data.items():
            emit(f"{key}: {value}")
    return 0
