"""``contractdesk info``: version, engine, data folder or server, schema revision, key source,
SQLCipher version; in team mode the login and its role."""

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

    if ctx.server_url:
        return _server_info(ctx, args)
    from contractdesk import __version__
    from contractdesk.cli.output import emit, emit_json
    from contractdesk.store.errors import KeyUnavailableError, PassphraseRequiredError
    from contractdesk.store.profile import key_source_of
    from contractdesk.store.schema import SCHEMA_HEAD

    mem = sqlcipher.connect(":memory:")
    cipher_version = mem.execute("PRAGMA cipher_version").fetchone()[0]
    mem.close()
    data: dict[str, Any] = {
        "version": __version__,
        "engine": "sqlite",
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
            data["schema_revision"] = _stored_revision(ctx)
            data["unlocked"] = True
        except (PassphraseRequiredError, KeyUnavailableError) as exc:
            data["unlock_error"] = str(exc)
    if args.json:
        emit_json(data)
    else:
        for key, value in data.items():
            emit(f"{key}: {value}")
    return 0


def _server_info(ctx: Any, args: argparse.Namespace) -> int:
    """Team mode: the server (password masked), the login and its role, the schema."""
    from contractdesk import __version__
    from contractdesk.cli.output import emit, emit_json
    from contractdesk.services.team import store_facts
    from contractdesk.store.schema import SCHEMA_HEAD

    facts = store_facts(ctx.services.store)
    data: dict[str, Any] = {
        "version": __version__,
        "engine": facts.engine,
        "server": facts.location,
        "user": facts.user,
        "role": facts.role,
        "schema_revision": facts.revision,
        "schema_head": SCHEMA_HEAD,
    }
    if args.json:
        emit_json(data)
    else:
        for key, value in data.items():
            emit(f"{key}: {value}")
    return 0


def _stored_revision(ctx: Any) -> str | None:
    """Read the schema revision without opening the store for work: info never migrates it."""
    import sqlcipher3.dbapi2 as sqlcipher

    from contractdesk.paths import passphrase_from_env
    from contractdesk.store.engine import connect_raw, read_revision
    from contractdesk.store.errors import StoreError, map_db_error
    from contractdesk.store.keys import KeyFile
    from contractdesk.store.profile import load_key

    if not ctx.paths.key_file.exists():
        raise StoreError(
            f"The key file {ctx.paths.key_file} is missing, so {ctx.paths.db} cannot be opened."
        )
    keyfile = KeyFile.load(ctx.paths.key_file)
    key = load_key(ctx.paths, keyfile, passphrase=passphrase_from_env(), prompt=ctx.passphrase)
    from contractdesk.store.profile import lock_for_use

    lock = lock_for_use(ctx.paths)  # the -wal is checked before SQLite may touch it
    try:
        conn = connect_raw(ctx.paths.db, key)  # only reads; "ro" would leave -wal/-shm behind
        try:
            return read_revision(conn)
        except sqlcipher.Error as exc:
            raise map_db_error(exc, ctx.paths.db) or StoreError(
                f"Cannot read {ctx.paths.db}."
            ) from None
        finally:
            conn.close()
    finally:
        lock.release()
