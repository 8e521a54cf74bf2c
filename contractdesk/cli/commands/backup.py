"""``contractdesk backup create FILE`` / ``backup restore FILE``: encrypted, verified backups."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from contractdesk.cli.registry import CommandRegistry, add_json_flag

BACKUP_PASSPHRASE_ENV = "CONTRACTDESK_BACKUP_PASSPHRASE"


def register(cli: CommandRegistry) -> None:
    verbs = cli.noun("backup", "make or restore an encrypted backup of the store")
    p = verbs.add_parser(
        "create",
        help="write an encrypted backup (passphrase: CONTRACTDESK_BACKUP_PASSPHRASE, "
        "else CONTRACTDESK_PASSPHRASE, else asked)",
    )
    p.add_argument("file", type=Path)
    add_json_flag(p)
    p.set_defaults(func=create)
    r = verbs.add_parser(
        "restore",
        help="replace the store with a verified backup (the current store is kept as a copy)",
    )
    r.add_argument("file", type=Path)
    r.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add_json_flag(r)
    r.set_defaults(func=restore)


def _backup_passphrase(ctx: Any) -> str:
    from contractdesk.services.errors import UserError

    value = os.environ.get(BACKUP_PASSPHRASE_ENV) or ctx.passphrase(prompt="Backup passphrase: ")
    if not value:
        raise UserError(
            f"A backup needs a passphrase: set {BACKUP_PASSPHRASE_ENV} or run in a terminal."
        )
    return value


def create(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json
    from contractdesk.store.backup import create_backup, inspect_backup

    passphrase = _backup_passphrase(ctx)
    dest = create_backup(ctx.services.store, args.file, passphrase)
    info = inspect_backup(dest, passphrase)
    if args.json:
        emit_json({"file": str(dest), "schema_revision": info.revision, "rows": info.counts})
    else:
        emit(f"Backup written to {dest} ({sum(info.counts.values())} rows, integrity ok).")
    return 0


def restore(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json
    from contractdesk.paths import passphrase_from_env
    from contractdesk.services.errors import UserError
    from contractdesk.store.backup import data_folder_in_use, inspect_backup, restore_backup
    from contractdesk.store.engine import open_store
    from contractdesk.store.keys import KeyFile
    from contractdesk.store.profile import load_key

    passphrase = _backup_passphrase(ctx)
    info = inspect_backup(args.file, passphrase)
    if info.problems:
        raise UserError(f"The backup {args.file} is damaged; nothing was restored.")
    if not ctx.paths.key_file.exists():
        raise UserError(
            "Create or unlock a store here first (contractdesk init), then restore into it."
        )
    if data_folder_in_use(ctx.paths.lock):
        raise UserError(f"ContractDesk is open on {ctx.paths.data_dir}: close it, then restore.")
    if not args.yes:
        if not (sys.stdin and sys.stdin.isatty()):
            raise UserError("Restoring replaces the current store: confirm with --yes.")
        answer = input(f"Replace the store in {ctx.paths.data_dir} with {args.file}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes", "j", "ja"):
            raise UserError("Nothing was restored.")
    keyfile = KeyFile.load(ctx.paths.key_file)
    key = load_key(ctx.paths, keyfile, passphrase=passphrase_from_env(), prompt=ctx.passphrase)
    safety = restore_backup(args.file, passphrase, ctx.paths.db, key)
    store = open_store(ctx.paths.db, key, key_source=keyfile.source)  # migrates an older backup
    problems = store.integrity_check()
    store.close()
    if problems:
        raise UserError(
            f"The restored store failed its check; the previous store is kept at {safety}."
        )
    if args.json:
        emit_json(
            {
                "restored_from": str(args.file),
                "previous_store_copy": str(safety) if safety else None,
                "rows": info.counts,
            }
        )
    else:
        emit(f"Restored from {args.file}. The previous store was kept as {safety}.")
    return 0
