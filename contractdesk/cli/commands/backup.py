"""``contractdesk backup create|restore|auto|recovery-sheet`` and ``contractdesk check``.

Backups are encrypted and verified; a restore works in an empty or missing data folder too (a
new laptop), waits for other processes to close the store, and erases again every person the
erasure ledger lists.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from contractdesk.cli.registry import CommandRegistry, add_json_flag

BACKUP_PASSPHRASE_ENV = "CONTRACTDESK_BACKUP_PASSPHRASE"
DATABASE_URL_ENV = "CONTRACTDESK_DATABASE_URL"


def register(cli: CommandRegistry) -> None:
    verbs = cli.noun("backup", "make or restore an encrypted backup of the store")
    p = verbs.add_parser(
        "create",
        help="write an encrypted backup (passphrase: CONTRACTDESK_BACKUP_PASSPHRASE, "
        "else CONTRACTDESK_PASSPHRASE, else asked)",
    )
    p.add_argument("file", type=Path)
    p.add_argument(
        "--recovery-key",
        action="store_true",
        help="encrypt with the store's recovery key (the recovery sheet opens it) instead",
    )
    add_json_flag(p)
    p.set_defaults(func=create)
    r = verbs.add_parser(
        "restore",
        help="replace the store with a verified backup (the current store is kept as a copy); "
        "works in an empty or missing data folder",
    )
    r.add_argument("file", type=Path)
    r.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    r.add_argument(
        "--recovery-key-file",
        type=Path,
        metavar="FILE",
        help="a text file holding the recovery key (from the recovery sheet)",
    )
    r.add_argument(
        "--wait",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="how long to wait for other ContractDesk processes to close the store (default 10)",
    )
    add_json_flag(r)
    r.set_defaults(func=restore)
    a = verbs.add_parser(
        "auto", help="daily automatic backups into a folder (keeps 7 daily and 12 monthly)"
    )
    a.add_argument("--folder", type=Path, metavar="DIR", help="set the folder for the backups")
    a.add_argument("--run", action="store_true", help="make one now when the last is a day old")
    add_json_flag(a)
    a.set_defaults(func=auto)
    s = verbs.add_parser(
        "recovery-sheet", help="write the one-page recovery sheet (recovery key as text and QR)"
    )
    s.add_argument("--out", required=True, type=Path, metavar="FILE")
    s.set_defaults(func=recovery_sheet)
    c = cli.command("check", "run the integrity checks of the store now")
    add_json_flag(c)
    c.set_defaults(func=check)


def _backup_passphrase(ctx: Any) -> str:
    from contractdesk.services.errors import UserError

    value = _env(BACKUP_PASSPHRASE_ENV) or ctx.passphrase(prompt="Backup passphrase: ")
    if not value:
        raise UserError(
            f"A backup needs a passphrase: set {BACKUP_PASSPHRASE_ENV} or run in a terminal."
        )
    return str(value)


def _env(name: str) -> str | None:
    from contractdesk.services.errors import UserError

    value = os.environ.get(name)
    if not value:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UserError(f"{name} is not valid text (UTF-8).") from None
    return value


def create(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    passphrase = None if args.recovery_key else _backup_passphrase(ctx)
    info = ctx.services.backups.create(args.file, passphrase)
    if args.json:
        emit_json({"file": str(info.path), "schema_revision": info.revision, "rows": info.counts})
    else:
        emit(f"Backup written to {info.path} ({sum(info.counts.values())} rows, integrity ok).")
    return 0


def _restore_secret(args: argparse.Namespace, ctx: Any) -> str:
    from contractdesk.services.errors import UserError

    if args.recovery_key_file is not None:
        try:
            text = args.recovery_key_file.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise UserError(
                f"Cannot read the recovery key file {args.recovery_key_file}: {exc.strerror or exc}"
            ) from None
        return str(text).strip()
    value = _env(BACKUP_PASSPHRASE_ENV)
    if value:
        return value
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        entered = str(getpass.getpass("Recovery key or backup passphrase: "))
        if entered:
            return entered
    raise UserError(
        f"A restore needs the recovery key or the backup passphrase: use --recovery-key-file, "
        f"set {BACKUP_PASSPHRASE_ENV}, or run in a terminal."
    )


def _confirm(ctx: Any, args: argparse.Namespace) -> None:
    from contractdesk.services.errors import UserError

    if args.yes:
        return
    if not (sys.stdin and sys.stdin.isatty()):
        raise UserError("Restoring replaces the current store: confirm with --yes.")
    answer = input(f"Replace the store in {ctx.paths.data_dir} with {args.file}? [y/N] ")
    if answer.strip().lower() not in ("y", "yes", "j", "ja"):
        raise UserError("Nothing was restored.")


def restore(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json, error
    from contractdesk.paths import PASSPHRASE_ENV
    from contractdesk.services.backups import open_backup_info, restore_from_backup
    from contractdesk.services.errors import UserError
    from contractdesk.store.keys import keyring_usable

    secret = _restore_secret(args, ctx)
    if _is_server_backup(args.file):
        return _restore_server(ctx, args, secret)
    info, _ = open_backup_info(args.file, secret)
    if info.problems:
        raise UserError(f"The backup {args.file} is damaged; nothing was restored.")
    _confirm(ctx, args)
    live = _env(PASSPHRASE_ENV)
    new_passphrase = None
    fresh = not ctx.paths.key_file.exists()
    if fresh and not keyring_usable():
        new_passphrase = live or ctx.passphrase(confirm=True, prompt="New passphrase: ")
    outcome = restore_from_backup(
        ctx.paths,
        args.file,
        secret,
        live_passphrase=live,
        prompt=ctx.passphrase,
        new_passphrase=new_passphrase,
        wait=max(0.0, args.wait),
        on_wait=lambda: error(
            f"the store is open elsewhere: waiting up to {max(0.0, args.wait):g} s for it to "
            "close (--wait SECONDS)"
        ),
    )
    if args.json:
        emit_json(
            {
                "restored_from": str(args.file),
                "previous_store_copy": str(outcome.previous_store_copy)
                if outcome.previous_store_copy
                else None,
                "rows": outcome.counts,
                "erasures_reapplied": outcome.erasures_reapplied,
            }
        )
        return 0
    kept = (
        f" The previous store was kept as {outcome.previous_store_copy}."
        if outcome.previous_store_copy
        else ""
    )
    emit(f"Restored from {args.file}.{kept}")
    if outcome.erasures_reapplied:
        emit(
            f"{outcome.erasures_reapplied} person(s) erased after this backup was made were "
            "erased again."
        )
    if outcome.ledger_lines_rejected:
        emit(
            f"{outcome.ledger_lines_rejected} line(s) of the erasure ledger were changed or "
            "belong to another store and were ignored."
        )
    if outcome.new_key_source:
        emit(f"The store now has a new key ({outcome.new_key_source}).")
    return 0


def _is_server_backup(path: Path) -> bool:
    from contractdesk.store.server_backup import is_server_backup

    return is_server_backup(path)


def _restore_server(ctx: Any, args: argparse.Namespace, secret: str) -> int:
    """A team server's backup (pg_dump, encrypted) goes into an EMPTY database: the one named by
    --server or CONTRACTDESK_DATABASE_URL."""
    from contractdesk.cli.output import emit, emit_json
    from contractdesk.services.errors import UserError
    from contractdesk.services.server_backups import restore_server_backup
    from contractdesk.store.server import redacted

    url = getattr(args, "server", None) or os.environ.get(DATABASE_URL_ENV)
    if not url:
        raise UserError(
            f"{args.file} is a server backup: name the empty database to restore it into with "
            f"--server URL or {DATABASE_URL_ENV}."
        )
    if not args.yes:
        if not (sys.stdin and sys.stdin.isatty()):
            raise UserError(
                "Restoring writes the whole backup into the database: confirm with --yes."
            )
        answer = input(f"Restore {args.file} into {redacted(url)}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes", "j", "ja"):
            raise UserError("Nothing was restored.")
    info = restore_server_backup(url, args.file, secret)
    if args.json:
        emit_json(
            {
                "restored_from": str(args.file),
                "server": redacted(url),
                "schema_revision": info.revision,
                "rows": info.counts,
            }
        )
        return 0
    emit(
        f"Restored {args.file} into {redacted(url)} ({sum(info.counts.values())} rows, "
        "the same as when the backup was made)."
    )
    return 0


def auto(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    backups = ctx.services.backups
    if args.folder is not None:
        backups.set_auto_folder(args.folder)
    made = backups.run_auto_if_due() if (args.run or args.folder is not None) else None
    config = backups.auto_config()
    if args.json:
        emit_json(
            {
                "folder": str(config.folder) if config.folder else None,
                "last": config.last,
                "made": str(made) if made else None,
            }
        )
        return 0
    if config.folder is None:
        emit("Automatic backups are off: choose a folder with --folder DIR.")
        return 0
    emit(f"Automatic backups go to {config.folder} (7 daily and 12 monthly are kept).")
    if made:
        emit(f"Backup written to {made}.")
    return 0


def recovery_sheet(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit
    from contractdesk.output.atomic import SaveError, save_atomic
    from contractdesk.output.pdf.recovery_sheet import render_recovery_sheet
    from contractdesk.services.errors import UserError

    if args.out.is_dir():
        raise UserError(f"{args.out} is a folder: give a file name for the PDF.")
    services = ctx.services
    key = services.backups.recovery_key()
    profile = services.supplier.get()
    pdf = render_recovery_sheet(
        key, business=getattr(profile, "name", "") or "", data_dir=str(ctx.paths.data_dir)
    )
    try:
        save_atomic(args.out, pdf, mode=0o600)
    except SaveError as exc:
        raise UserError(str(exc)) from None
    emit(f"Recovery sheet written to {args.out}. Print it and keep it somewhere safe.")
    return 0


def check(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    problems = ctx.services.backups.check()
    if args.json:
        emit_json({"ok": not problems, "problems": problems[:20], "store": str(ctx.paths.db)})
    elif problems:
        emit(
            f"{ctx.paths.db} is damaged ({len(problems)} problem(s)); it is read-only now. "
            "Restore from a backup: contractdesk backup restore FILE."
        )
    else:
        emit("The store passed its checks.")
    return 1 if problems else 0
