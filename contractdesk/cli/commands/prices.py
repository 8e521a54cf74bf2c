"""``contractdesk prices …``: the yearly price adjustment (§13.1) for all or chosen customers, its
consumer price index table, and the announcement letters (issue 14).

``prices adjust-all`` previews (customer by customer, with the §13.1 warnings) unless ``--apply``
is given. Exit codes: 0 done, 1 refused (the reason on stderr), 2 wrong usage.
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


def register(cli: CommandRegistry) -> None:
    prices = cli.noun(
        "prices", "the yearly price adjustment by the consumer price index (§13.1) and its letters"
    )
    p = prices.add_parser("index", help="the consumer price index table (KPI annual averages)")
    add_json_flag(p)
    p.set_defaults(func=prices_index)

    p = prices.add_parser("index-add", help="add or correct one year's index (2015 = 100)")
    p.add_argument("year", type=int, metavar="YEAR")
    p.add_argument("value", metavar="INDEX", help="Statistics Norway's annual average, e.g. 137.2")
    p.add_argument("--source", default="", metavar="TEXT", help="where the figure comes from")
    p.set_defaults(func=prices_index_add)

    p = prices.add_parser(
        "adjust-all",
        help="raise every licence and usage price by the index from D (preview unless --apply)",
    )
    p.add_argument("org_numbers", metavar="ORGNR", nargs="*", help="chosen customers (default all)")
    p.add_argument("--effective", required=True, type=_date, metavar="D", help="e.g. 2026-01-01")
    p.add_argument(
        "--announced",
        type=_date,
        metavar="D",
        help="the day customers were told (default: each letter's recorded sending, else today)",
    )
    p.add_argument("--percent", metavar="P", help="a change other than the index, in percent")
    p.add_argument("--apply", action="store_true", help="save the adjustment (default: preview)")
    add_json_flag(p)
    p.set_defaults(func=prices_adjust_all)

    p = prices.add_parser(
        "notices", help="the announcement letters: one PDF (and .eml) per customer, in Norwegian"
    )
    p.add_argument("org_numbers", metavar="ORGNR", nargs="*", help="chosen customers (default all)")
    p.add_argument("--effective", required=True, type=_date, metavar="D")
    p.add_argument("--percent", metavar="P", help="a change other than the index, in percent")
    p.add_argument("--out", required=True, metavar="DIR", help="an existing folder")
    add_json_flag(p)
    p.set_defaults(func=prices_notices)

    p = prices.add_parser("notice-sent", help="record that a customer's letter was sent on D")
    p.add_argument("org_number", metavar="ORGNR")
    p.add_argument("--effective", required=True, type=_date, metavar="D")
    p.add_argument("--sent", required=True, type=_date, metavar="D")
    p.add_argument("--method", choices=("letter", "email"), default="email")
    p.set_defaults(func=prices_notice_sent)


def prices_index(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json, emit_table

    table = ctx.services.billing.price_index()
    if args.json:
        emit_json([{"year": y, "index": str(v)} for y, v in table.items()])
    else:
        emit_table([[str(y), str(v)] for y, v in table.items()], ["year", "index"])
    return 0


def prices_index_add(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit

    ctx.services.billing.add_price_index(args.year, args.value, source=args.source, actor="cli")
    emit(f"Index {args.year}: {args.value}.")
    return 0


def prices_adjust_all(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json, emit_table, error

    billing = ctx.services.billing
    chosen = args.org_numbers or None
    action = billing.apply_yearly_adjustment if args.apply else billing.preview_yearly_adjustment
    kwargs = {"org_numbers": chosen, "percent": args.percent}
    if args.apply:
        kwargs["actor"] = "cli"
    plan = action(args.effective, args.announced, **kwargs)
    if args.json:
        emit_json({**plan.as_dict(), "saved": bool(args.apply)})
        return 0
    emit(
        f"Index {plan.index_year}: {plan.index_change * 100:.2f} %; "
        f"change {plan.change * 100:.2f} % from {args.effective}."
    )
    emit_table(
        [
            [
                p.org_number,
                p.customer_name,
                str(p.service_id),
                p.service_name,
                str(p.old_price),
                str(p.new_price),
                p.announced.isoformat() + ("" if p.proved else " (typed)"),
            ]
            for p in plan.proposals
        ],
        ["org number", "customer", "id", "service", "price", "new price", "announced"],
    )
    for p in plan.proposals:
        for _code, message in p.warnings:
            error(f"warning: {p.org_number} service {p.service_id}: {message}")
    emit("Saved." if args.apply else "Preview only: add --apply to save.")
    return 0


def prices_notices(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    files = ctx.services.billing.price_notices(
        args.effective,
        args.out,
        org_numbers=args.org_numbers or None,
        percent=args.percent,
        actor="cli",
    )
    if args.json:
        emit_json(
            [
                {"org_number": f.org_number, "pdf": str(f.pdf), "eml": f.eml and str(f.eml)}
                for f in files
            ]
        )
    else:
        emit(f"Wrote {len(files)} letters to {args.out}.")
    return 0


def prices_notice_sent(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit

    ctx.services.billing.record_notice_sent(
        args.org_number, args.effective, args.sent, args.method, actor="cli"
    )
    emit(f"Letter to {args.org_number} recorded as sent {args.sent} ({args.method}).")
    return 0
