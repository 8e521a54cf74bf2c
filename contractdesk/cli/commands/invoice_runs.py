"""``contractdesk invoices run|runs|undo-run|export-run|pdf|import-receipt|set-start-number``
and ``invoices settings`` (issue 15).

A run freezes every planned invoice dated up to ``--to`` that no run holds yet; exports write the
frozen data and give the same bytes every time. ``invoices export --from --to --csv`` (the plan
export) is unchanged; its verbs live in ``billing.py``.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from contractdesk.cli.registry import CommandRegistry, add_json_flag


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _date_or_all(text: str) -> date | str:
    return "all" if text.strip().lower() == "all" else _date(text)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _yes_no(text: str) -> bool:
    key = text.strip().lower()
    if key in ("yes", "ja", "true", "1"):
        return True
    if key in ("no", "nei", "false", "0"):
        return False
    raise argparse.ArgumentTypeError(f"expected yes or no, got {text!r}")


def register(cli: CommandRegistry) -> None:
    invoices = cli.noun("invoices", "the invoice plan, invoice runs and their exports")
    p = invoices.add_parser(
        "run", help="freeze every planned invoice dated up to DATE that no run holds yet"
    )
    p.add_argument("--to", dest="date_to", required=True, type=_date, metavar="DATE")
    add_json_flag(p)
    p.set_defaults(func=invoices_run)

    p = invoices.add_parser("runs", help="list invoice runs, newest first")
    add_json_flag(p)
    p.set_defaults(func=invoices_runs)

    p = invoices.add_parser(
        "undo-run", help="undo the newest run while nothing of it has been exported"
    )
    p.add_argument("run_id", type=_positive, metavar="RUN_ID")
    p.add_argument("--yes", action="store_true", help="confirm: the run's documents are deleted")
    add_json_flag(p)
    p.set_defaults(func=invoices_undo_run)

    p = invoices.add_parser("export-run", help="write a run as EHF, CSV, PowerOffice or customers")
    p.add_argument("run_id", type=_positive, metavar="RUN_ID")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--ehf", metavar="DIR", help="one EHF (UBL 2.1) file per document")
    target.add_argument("--csv", metavar="FILE", help="generic CSV, one row per line")
    target.add_argument("--poweroffice", metavar="FILE", help="PowerOffice Go standard import")
    target.add_argument("--customers", metavar="FILE", help="customer master of the run's buyers")
    add_json_flag(p)
    p.set_defaults(func=invoices_export_run)

    p = invoices.add_parser("pdf", help="one PDF invoice or credit note per document of a run")
    p.add_argument("run_id", type=_positive, metavar="RUN_ID")
    p.add_argument("--out", required=True, metavar="DIR")
    add_json_flag(p)
    p.set_defaults(func=invoices_pdf)

    p = invoices.add_parser(
        "import-receipt", help="record the numbers the accounting system gave a run's drafts"
    )
    p.add_argument("run_id", type=_positive, metavar="RUN_ID")
    p.add_argument("file", metavar="FILE", help="CSV rows: reference;number")
    add_json_flag(p)
    p.set_defaults(func=invoices_import_receipt)

    p = invoices.add_parser(
        "set-start-number", help="the first number of the invoice series (only before the first)"
    )
    p.add_argument("number", type=_positive, metavar="N")
    add_json_flag(p)
    p.set_defaults(func=invoices_set_start_number)

    p = invoices.add_parser(
        "recipient", help="a customer's own buyer reference and e-mail for invoices"
    )
    p.add_argument("org_number", metavar="ORGNR")
    p.add_argument("--reference", metavar="TEXT", help='"Deres ref." ("" clears it)')
    p.add_argument("--email", metavar="ADDRESS", help='e-mail for invoices ("" clears it)')
    add_json_flag(p)
    p.set_defaults(func=invoices_recipient)

    p = invoices.add_parser(
        "settings", help="show or set numbering, bank account and Foretaksregisteret"
    )
    p.add_argument("--account", metavar="NUMBER", help="the supplier's bank account number")
    p.add_argument("--numbering", choices=("contractdesk", "accounting"))
    p.add_argument("--foretaksregisteret", type=_yes_no, metavar="yes|no")
    p.add_argument(
        "--runs-from",
        metavar="DATE|all",
        type=_date_or_all,
        help="runs take planned invoices dated from DATE (earlier ones were invoiced elsewhere)",
    )
    add_json_flag(p)
    p.set_defaults(func=invoices_settings)


def invoices_run(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    result = ctx.services.invoice_runs.run(args.date_to, actor="cli")
    if args.json:
        emit_json(result.as_dict())
    elif result.first_number is None:
        emit(
            f"Run {result.run_id}: {result.invoices} invoices and {result.credit_notes} credit "
            "notes frozen as drafts (the accounting system numbers them)."
        )
    else:
        emit(
            f"Run {result.run_id}: {result.invoices} invoices and {result.credit_notes} credit "
            f"notes, numbers {result.first_number}-{result.last_number}."
        )
    return 0


def invoices_runs(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json, emit_table

    runs = ctx.services.invoice_runs.runs()
    if args.json:
        emit_json([r.as_dict() for r in runs])
        return 0
    emit_table(
        [
            [
                str(r.run_id),
                r.date_to.isoformat(),
                r.status,
                str(r.invoices),
                str(r.credit_notes),
                "" if r.first_number is None else f"{r.first_number}-{r.last_number}",
                ", ".join(r.exports),
                str(r.total),
            ]
            for r in runs
        ],
        ["run", "to", "status", "invoices", "credit notes", "numbers", "exported", "total"],
    )
    return 0


def invoices_undo_run(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json
    from contractdesk.errors import UserError

    if not args.yes:
        raise UserError("Undoing a run deletes its documents: confirm with --yes.")
    count = ctx.services.invoice_runs.undo(args.run_id, actor="cli")
    if args.json:
        emit_json({"run_id": args.run_id, "documents": count, "status": "undone"})
    else:
        emit(f"Run {args.run_id} undone ({count} documents).")
    return 0


def _emit_export(args: argparse.Namespace, result: Any) -> int:
    from contractdesk.cli.output import emit, emit_json

    if args.json:
        emit_json(result.as_dict())
    else:
        emit(f"Wrote {result.files} file(s) of run {result.run_id} to {result.target}.")
    return 0


def invoices_export_run(ctx: Any, args: argparse.Namespace) -> int:
    for fmt in ("ehf", "csv", "poweroffice", "customers"):
        target = getattr(args, fmt)
        if target:
            result = ctx.services.invoice_runs.export(args.run_id, fmt, target, actor="cli")
            return _emit_export(args, result)
    return 2  # argparse requires one of them


def invoices_pdf(ctx: Any, args: argparse.Namespace) -> int:
    result = ctx.services.invoice_runs.export(args.run_id, "pdf", args.out, actor="cli")
    return _emit_export(args, result)


def invoices_import_receipt(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    count = ctx.services.invoice_runs.import_receipt(args.run_id, args.file, actor="cli")
    if args.json:
        emit_json({"run_id": args.run_id, "numbers": count})
    else:
        emit(f"Recorded {count} invoice numbers for run {args.run_id}.")
    return 0


def _emit_settings(args: argparse.Namespace, settings: Any) -> int:
    from contractdesk.cli.output import emit, emit_json

    if args.json:
        emit_json(settings.as_dict())
    else:
        for key, value in settings.as_dict().items():
            emit(f"{key}: {value}")
    return 0


def invoices_set_start_number(ctx: Any, args: argparse.Namespace) -> int:
    return _emit_settings(
        args, ctx.services.invoice_runs.set_start_number(args.number, actor="cli")
    )


def invoices_settings(ctx: Any, args: argparse.Namespace) -> int:
    service = ctx.services.invoice_runs
    if args.account is not None:
        service.set_account_number(args.account, actor="cli")
    if args.numbering is not None:
        service.set_numbering(args.numbering, actor="cli")
    if args.foretaksregisteret is not None:
        service.set_business_register(args.foretaksregisteret, actor="cli")
    if args.runs_from is not None:
        service.set_runs_from(None if args.runs_from == "all" else args.runs_from, actor="cli")
    return _emit_settings(args, service.settings())


def invoices_recipient(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    reference, email = ctx.services.invoice_runs.set_recipient(
        args.org_number, buyer_reference=args.reference, email=args.email, actor="cli"
    )
    if args.json:
        emit_json({"org_number": args.org_number, "buyer_reference": reference, "email": email})
    else:
        emit(
            f"Buyer reference: {reference or '(main contact)'}; e-mail: {email or '(main contact)'}"
        )
    return 0
