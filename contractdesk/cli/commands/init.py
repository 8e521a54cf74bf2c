"""``contractdesk init``: create a store and the supplier profile without the wizard."""

from __future__ import annotations

import argparse
from typing import Any

from contractdesk.cli.registry import CommandRegistry, add_json_flag


def register(cli: CommandRegistry) -> None:
    p = cli.command("init", "create a new encrypted store with the supplier profile")
    p.add_argument("--supplier-org-number", required=True, metavar="ORGNR")
    p.add_argument("--supplier-name", required=True, metavar="NAME")
    p.add_argument(
        "--supplier-address",
        action="append",
        default=[],
        metavar="LINE",
        help="address line (repeatable)",
    )
    p.add_argument("--supplier-postcode", default="")
    p.add_argument("--supplier-city", default="")
    p.add_argument("--supplier-email", default="")
    p.add_argument("--supplier-phone", default="")
    p.add_argument("--supplier-signer", default="", help="the person who signs for the supplier")
    p.add_argument("--supplier-signer-title", default="")
    how = p.add_mutually_exclusive_group()
    how.add_argument(
        "--passphrase",
        dest="use_passphrase",
        action="store_true",
        help="unlock with a passphrase (CONTRACTDESK_PASSPHRASE or asked) instead of the keyring",
    )
    how.add_argument(
        "--keyring", dest="use_keyring", action="store_true", help="require the system keyring"
    )
    add_json_flag(p)
    p.set_defaults(func=run)


def run(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json
    from contractdesk.services.context import Services
    from contractdesk.services.errors import UserError
    from contractdesk.services.supplier import SupplierProfile
    from contractdesk.store.keys import keyring_usable
    from contractdesk.store.profile import create_profile

    profile = SupplierProfile(
        org_number=args.supplier_org_number,
        name=args.supplier_name,
        address_lines=tuple(args.supplier_address),
        postcode=args.supplier_postcode,
        city=args.supplier_city,
        email=args.supplier_email,
        phone=args.supplier_phone,
        signer_name=args.supplier_signer,
        signer_title=args.supplier_signer_title,
    ).validated()  # refuse bad input before anything is created
    use_keyring = True if args.use_keyring else (False if args.use_passphrase else None)
    passphrase = None
    if use_keyring is False or (use_keyring is None and not keyring_usable()):
        passphrase = ctx.passphrase(confirm=True, prompt="New passphrase: ")
        if passphrase is not None:
            try:
                passphrase.encode("utf-8")
            except UnicodeEncodeError:
                raise UserError("The passphrase is not valid text (UTF-8).") from None
        if not passphrase:
            raise UserError(
                "No system keyring is available: set CONTRACTDESK_PASSPHRASE or run in a terminal."
            )
        use_keyring = False
    existed = ctx.paths.data_dir.exists()
    try:
        store = create_profile(ctx.paths, passphrase=passphrase, use_keyring=use_keyring)
    except BaseException:
        if not existed and not ctx.paths.db.exists():  # leave no empty folder behind
            import shutil

            shutil.rmtree(ctx.paths.data_dir, ignore_errors=True)
        raise
    services = Services(store, ctx.paths)
    try:
        services.supplier.save(profile, actor="cli")
    finally:
        services.close()
    if args.json:
        emit_json(
            {
                "data_dir": str(ctx.paths.data_dir),
                "key_source": store.key_source,
                "supplier": profile,
            }
        )
    else:
        emit(f"Created the store in {ctx.paths.data_dir} (unlocked by {store.key_source}).")
        emit(
            "Next: write the recovery sheet (contractdesk backup recovery-sheet --out FILE) "
            "and choose a folder for automatic backups (contractdesk backup auto --folder DIR)."
        )
    return 0
