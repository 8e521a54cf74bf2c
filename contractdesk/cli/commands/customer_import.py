"""``contractdesk customer import FILE`` and ``customer confirm-signers``: customer lists and
signers confirmed by hand."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from contractdesk.cli.registry import CommandRegistry, add_json_flag


def register(cli: CommandRegistry) -> None:
    verbs = cli.noun("customer", "customers: add from the registry or by hand, show, list, refresh")

    p = verbs.add_parser(
        "import",
        help="import a customer list (CSV or XLSX of org numbers; optional contact name, "
        "e-mail, phone): every row checked, all or nothing",
    )
    p.add_argument("file", metavar="FILE")
    add_json_flag(p)
    p.set_defaults(func=import_list)

    p = verbs.add_parser(
        "confirm-signers",
        help="record by hand who may sign where the registry gives no usable rule",
    )
    p.add_argument("org_number", metavar="ORGNR")
    p.add_argument(
        "--signers",
        action="append",
        required=True,
        metavar="NAME[;NAME…]",
        help="one set of persons who sign together (repeat for alternatives)",
    )
    p.add_argument("--confirmed-by", required=True, metavar="WHO", help="who confirmed it")
    add_json_flag(p)
    p.set_defaults(func=confirm_signers)


def import_list(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json, error
    from contractdesk.output.text import clean_text

    def progress(done: int, total: int, number: str) -> None:
        if number and not args.json and sys.stderr.isatty():
            print(f"\r{done + 1}/{total} {number}", end="", file=sys.stderr, flush=True)

    services = ctx.services
    report = services.customers.import_customers(
        args.file, people=services.people, progress=progress, actor="cli"
    )
    if args.json:
        emit_json(report.as_dict())
    for problem in report.problems:
        where = f"line {problem.line}: " if problem.line else ""
        value = f"{clean_text(problem.value)}: " if problem.value else ""
        error(f"{where}{value}{problem.message}")
    for problem in report.contact_problems:
        error(f"{clean_text(problem.value)}: contact not added: {problem.message}")
    if not report.ok:
        error(f"Nothing was imported ({len(report.problems)} rows to fix).")
        return 1
    if not args.json:
        emit(
            f"Imported {len(report.imported)} customers"
            f" ({len(report.existing)} already customers) from {report.rows} rows;"
            f" {report.requests} registry requests ({report.mode})."
        )
    return 0


def confirm_signers(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    sets = [[n.strip() for n in text.split(";")] for text in args.signers]
    view = ctx.services.customers.confirm_signers(
        args.org_number, sets, confirmed_by=args.confirmed_by, actor="cli"
    )
    if args.json:
        emit_json(view.signing_rule.as_dict())
    else:
        emit(f"Signers of {view.display_org_number} confirmed by {args.confirmed_by}.")
    return 0
