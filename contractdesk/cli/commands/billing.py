"""``customer set``, ``service …``, ``usage record``, ``invoices plan|totals|export`` (issue 6, 14).

Dates are ISO (``2027-03-31``), months ``YYYY-MM``, amounts decimals with a point
(``12000``, ``0.395``). ``--json`` prints amounts as strings (``"3049.72"``). Exit codes: 0 done,
1 refused (the reason on stderr), 2 wrong usage (a malformed date, an unknown option).
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from contractdesk.cli.registry import (
    CommandRegistry,
    add_expected_version_flag,
    add_json_flag,
)

KIND_CHOICES = ("licence", "one-off", "usage")
DELIVERY_CHOICES = ("paper", "email", "ehf")
PERIOD_HELP = "yearly|half-yearly|quarterly|bimonthly (every-second-month)|monthly"


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _month(text: str) -> date:
    from contractdesk.domain.invoicing import parse_month

    try:
        return parse_month(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _period(text: str) -> str:
    from contractdesk.domain.invoicing import InvoicePeriod

    try:
        return InvoicePeriod.parse(text).cli_name
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def register(cli: CommandRegistry) -> None:
    customer = cli.noun(
        "customer",
        "customers: add from the registry or by hand, show, list, refresh, set invoicing",
    )
    p = customer.add_parser(
        "set", help="set a customer's invoice delivery (decides the fee) and default period"
    )
    p.add_argument("org_number", metavar="ORGNR")
    p.add_argument(
        "--delivery",
        choices=DELIVERY_CHOICES,
        help="paper (fee 45), email (fee 12) or ehf (no fee)",
    )
    p.add_argument(
        "--period", type=_period, help=f"default invoice period for new licences: {PERIOD_HELP}"
    )
    p.add_argument(
        "--effective",
        type=_date,
        metavar="D",
        help="the delivery method (fee) applies to invoices dated D or later "
        "(default: the next invoice not yet handed over)",
    )
    add_expected_version_flag(p)
    add_json_flag(p)
    p.set_defaults(func=customer_set)

    service = cli.noun("service", "a customer's services: licences, one-off costs, usage (SMS)")
    p = service.add_parser("add", help="add a licence, one-off cost or usage service to a customer")
    p.add_argument("org_number", metavar="ORGNR")
    p.add_argument("--kind", required=True, choices=KIND_CHOICES)
    p.add_argument("--name", required=True, metavar="TEXT", help="shown on the invoice line")
    _service_fields(p)
    add_json_flag(p)
    p.set_defaults(func=service_add)

    p = service.add_parser(
        "edit", help="change a service's fields (only those given; the kind stays)"
    )
    p.add_argument("service_id", metavar="ID", type=int)
    p.add_argument("--name", metavar="TEXT")
    _service_fields(p)
    p.add_argument(
        "--effective",
        type=_date,
        metavar="D",
        help="a new period or price applies to invoices dated D or later "
        "(default: the service's next invoice not yet handed over)",
    )
    add_expected_version_flag(p)
    add_json_flag(p)
    p.set_defaults(func=service_edit)

    p = service.add_parser("list", help="a customer's services with binding end and earliest end")
    p.add_argument("org_number", metavar="ORGNR")
    p.add_argument(
        "--as-of",
        type=_date,
        metavar="D",
        help="the day 'earliest end' is counted from (default today)",
    )
    add_json_flag(p)
    p.set_defaults(func=service_list)

    p = service.add_parser(
        "show", help="one service with its usage, price adjustments and termination"
    )
    p.add_argument("service_id", metavar="ID", type=int)
    p.add_argument(
        "--as-of",
        type=_date,
        metavar="D",
        help="the day 'earliest end' is counted from (default today)",
    )
    add_json_flag(p)
    p.set_defaults(func=service_show)

    p = service.add_parser(
        "terminate", help="record a termination received on D (optionally ending later)"
    )
    p.add_argument("service_id", metavar="ID", type=int)
    p.add_argument(
        "--received",
        required=True,
        type=_date,
        metavar="D",
        help="the day the termination was sent",
    )
    p.add_argument(
        "--requested-end", type=_date, metavar="D", help="a later end the customer asked for"
    )
    add_json_flag(p)
    p.set_defaults(func=service_terminate)

    p = service.add_parser("withdraw-termination", help="undo a termination recorded by mistake")
    p.add_argument("service_id", metavar="ID", type=int)
    p.set_defaults(func=service_withdraw)

    p = service.add_parser(
        "remove", help="delete a service entered by mistake (use terminate when it ends)"
    )
    p.add_argument("service_id", metavar="ID", type=int)
    p.add_argument(
        "--yes", action="store_true", help="confirm: its usage and price adjustments go too"
    )
    p.set_defaults(func=service_remove)

    p = service.add_parser(
        "adjust-price", help="record a price adjustment (§13.1); warns when it breaks a rule"
    )
    p.add_argument("service_id", metavar="ID", type=int)
    p.add_argument(
        "--effective", required=True, type=_date, metavar="D", help="first day of the new price"
    )
    p.add_argument(
        "--announced", required=True, type=_date, metavar="D", help="the day customers were told"
    )
    p.add_argument(
        "--price",
        required=True,
        metavar="N",
        help="new annual price (licence) or unit price (usage)",
    )
    p.add_argument(
        "--index-change", metavar="PCT", help="consumer price index change in percent, e.g. 3.1"
    )
    add_json_flag(p)
    p.set_defaults(func=service_adjust_price)

    usage = cli.noun("usage", "recorded usage of usage services (SMS)")
    p = usage.add_parser(
        "record", help="set a usage service's quantity for a month (replaces an earlier figure)"
    )
    p.add_argument("service_id", metavar="ID", type=int)
    p.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
    p.add_argument("--quantity", required=True, metavar="N")
    add_json_flag(p)
    p.set_defaults(func=usage_record)

    invoices = cli.noun(
        "invoices", "the invoice plan: what will be invoiced when, and its CSV export"
    )
    p = invoices.add_parser("plan", help="planned invoices and credit notes dated FROM … TO")
    _plan_range(p)
    add_json_flag(p)
    p.set_defaults(func=invoices_plan)

    p = invoices.add_parser("totals", help="plan totals per month of invoice date")
    _plan_range(p)
    add_json_flag(p)
    p.set_defaults(func=invoices_totals)

    p = invoices.add_parser(
        "export", help="write the plan as CSV for the accounting system (; separated, UTF-8)"
    )
    _plan_range(p)
    p.add_argument(
        "--csv", required=True, metavar="FILE", help="the file to write (complete or not at all)"
    )
    p.add_argument("--decimal-comma", action="store_true", help="write 3049,72 instead of 3049.72")
    p.add_argument(
        "--bom", action="store_true", help="start with a UTF-8 byte-order mark (for Excel)"
    )
    add_json_flag(p)
    p.set_defaults(func=invoices_export)


def _service_fields(p: argparse.ArgumentParser) -> None:
    price = p.add_mutually_exclusive_group()
    price.add_argument("--annual-price", metavar="N", help="licence: NOK excl. VAT per year")
    price.add_argument(
        "--monthly-price",
        metavar="N",
        help="licence: NOK excl. VAT per month (annual = 12 × N)",
    )
    p.add_argument(
        "--period", type=_period, help=f"licence: {PERIOD_HELP} (default: the customer's)"
    )
    p.add_argument("--start", type=_date, metavar="D", help="licence: start date")
    p.add_argument(
        "--trial-days",
        type=_count,
        metavar="N",
        help="licence: trial days; billing starts after them",
    )
    p.add_argument("--amount", metavar="N", help="one-off: NOK excl. VAT")
    p.add_argument("--date", type=_date, metavar="D", help="one-off: the day it is invoiced")
    p.add_argument("--unit-price", metavar="N", help="usage: NOK excl. VAT per unit (e.g. per SMS)")


def _plan_range(p: argparse.ArgumentParser) -> None:
    p.add_argument("org_number", metavar="ORGNR", nargs="?", help="one customer (default: all)")
    p.add_argument(
        "--from",
        dest="date_from",
        required=True,
        type=_date,
        metavar="D",
        help="first invoice date",
    )
    p.add_argument(
        "--to", dest="date_to", required=True, type=_date, metavar="D", help="last invoice date"
    )


# -- handlers ------------------------------------------------------------------------------------


def customer_set(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json
    from contractdesk.services.errors import UserError

    if args.delivery is None and args.period is None:
        raise UserError("give --delivery and/or --period")
    profile = ctx.services.billing.set_customer_billing(
        args.org_number,
        delivery_method=args.delivery,
        invoice_period=args.period,
        effective=args.effective,
        expected_version=args.expected_version,
        actor="cli",
    )
    if args.json:
        emit_json(profile.as_dict())
    else:
        emit(
            f"{profile.name}: invoices by {profile.delivery_method.cli_name} (fee {profile.fee}), "
            f"default period {profile.invoice_period.cli_name}"
        )
    return 0


def _input_from(args: argparse.Namespace, kind: str, name: str | None) -> Any:
    from contractdesk.services.billing import ServiceInput

    return ServiceInput(
        kind,
        name or "",
        annual_price=args.annual_price,
        monthly_price=args.monthly_price,
        period=args.period,
        start=args.start,
        trial_days=args.trial_days,
        amount=args.amount,
        cost_date=args.date,
        unit_price=args.unit_price,
    )


def service_add(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json, error

    billing = ctx.services.billing
    sid = billing.add_service(args.org_number, _input_from(args, args.kind, args.name), actor="cli")
    warning = billing.order_warning(args.org_number)
    if warning:
        error(f"warning: {warning}")
    if args.json:
        emit_json({"id": sid})
    else:
        emit(f"Added service {sid}.")
    return 0


def service_edit(ctx: Any, args: argparse.Namespace) -> int:
    from dataclasses import replace

    from contractdesk.cli.output import emit_json

    billing = ctx.services.billing
    read = billing.get_service(args.service_id)
    current = read.as_input()
    changes = {
        key: value
        for key, value in {
            "name": args.name,
            "annual_price": args.annual_price,
            "monthly_price": args.monthly_price,
            "period": args.period,
            "start": args.start,
            "trial_days": args.trial_days,
            "amount": args.amount,
            "cost_date": args.date,
            "unit_price": args.unit_price,
        }.items()
        if value is not None
    }
    if "monthly_price" in changes:
        changes["annual_price"] = None
    # The fields not given keep the values just read: a colleague's save in between is refused.
    view = billing.edit_service(
        args.service_id,
        replace(current, **changes),
        effective=args.effective,
        expected_version=read.version if args.expected_version is None else args.expected_version,
        actor="cli",
    )
    if args.json:
        emit_json(view.as_dict())
    else:
        _print_services([view])
    return 0


def _print_services(views: list[Any]) -> None:
    from contractdesk.cli.output import emit_table

    rows = []
    for v in views:
        if v.kind.value == "licence":
            what = f"{v.price}/year {v.period.cli_name if v.period else ''}, start {v.start}"
        elif v.kind.value == "one_off":
            what = f"{v.amount} on {v.cost_date}"
        else:
            what = f"{v.price}/unit"
        if v.termination is not None:
            status = f"ends {v.termination.end}, paid until {v.termination.paid_until}"
        else:
            status = f"earliest end {v.earliest_end}"
        rows.append([str(v.id), v.kind.cli_name, v.name, what, str(v.binding_end or "-"), status])
    emit_table(rows, ["id", "kind", "name", "price", "binding end", "status"])


def service_list(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json

    views = ctx.services.billing.list_services(args.org_number, today=args.as_of)
    if args.json:
        emit_json([v.as_dict() for v in views])
    else:
        _print_services(views)
    return 0


def service_show(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json

    view = ctx.services.billing.get_service(args.service_id, today=args.as_of)
    if args.json:
        emit_json(view.as_dict())
    else:
        _print_services([view])
    return 0


def service_terminate(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    view = ctx.services.billing.terminate(
        args.service_id, args.received, args.requested_end, actor="cli"
    )
    if args.json:
        emit_json(view.as_dict())
        return 0
    binding = f"binding ends {view.binding_end}" if view.binding_end else "no binding period"
    emit(
        f"Service {view.service_id} terminated on {view.received}: {binding}; ends {view.end}, "
        f"paid until {view.paid_until}."
    )
    if not view.billed:
        emit("It ends before billing starts: nothing is invoiced.")
    elif view.rounded_to_month_end:
        emit(
            f"The end {view.end} is rounded to the month's end: "
            f"paid until {view.paid_until} (§12.3)."
        )
    return 0


def service_withdraw(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit

    ctx.services.billing.withdraw_termination(args.service_id, actor="cli")
    emit(f"Termination of service {args.service_id} withdrawn.")
    return 0


def service_remove(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit
    from contractdesk.services.errors import UserError

    if not args.yes:
        raise UserError(
            "removing a service deletes it with its usage; add --yes to confirm "
            "(a service the customer ends is terminated instead)"
        )
    ctx.services.billing.remove_service(args.service_id, actor="cli")
    emit(f"Service {args.service_id} removed.")
    return 0


def service_adjust_price(ctx: Any, args: argparse.Namespace) -> int:
    from decimal import Decimal, InvalidOperation

    from contractdesk.cli.output import emit, emit_json, error
    from contractdesk.services.errors import UserError

    index = None
    if args.index_change is not None:
        try:
            index = Decimal(args.index_change.replace(",", ".")) / 100
        except InvalidOperation:
            raise UserError(f"--index-change: {args.index_change!r} is not a percentage") from None
    view, warnings = ctx.services.billing.adjust_price(
        args.service_id, args.effective, args.announced, args.price, index_change=index, actor="cli"
    )
    if args.json:
        emit_json(
            {
                **view.as_dict(),
                "warnings": [{"code": w.code.value, "message": w.message} for w in warnings],
            }
        )
    else:
        emit(
            f"Price of service {view.service_id}: {view.old_price} → {view.new_price} "
            f"from {view.effective}."
        )
        for warning in warnings:
            error(f"warning: {warning.message}")
    return 0


def usage_record(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    view = ctx.services.billing.record_usage(
        args.service_id, args.month, args.quantity, actor="cli"
    )
    if args.json:
        emit_json(view.as_dict())
    else:
        emit(
            f"Service {args.service_id}, {view.month:%Y-%m}: {view.quantity} "
            f"(NOK {view.amount} excl. VAT)."
        )
    return 0


def invoices_plan(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json, emit_table

    plan = ctx.services.billing.plan(args.org_number, args.date_from, args.date_to)
    if args.json:
        emit_json([invoice.to_json_dict() for invoice in plan])
        return 0
    rows = [
        [
            str(i.invoice_date),
            str(i.due_date),
            i.org_number,
            i.kind.value,
            "; ".join(
                f"{ln.description} {ln.period_start}–{ln.period_end} {ln.amount}" for ln in i.lines
            ),
            str(i.fee),
            str(i.vat),
            str(i.total),
        ]
        for i in plan
    ]
    emit_table(rows, ["date", "due", "org number", "kind", "lines", "fee", "vat", "total"])
    for change in ctx.services.billing.changes(args.org_number, args.date_from, args.date_to):
        what = change.what.replace("_", " ")
        service = f" service {change.service_id}" if change.service_id else ""
        emit(
            f"From {change.effective}: {change.org_number}{service} {what} "
            f"{change.before} → {change.after}"
        )
    return 0


def invoices_totals(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json, emit_table

    totals = ctx.services.billing.monthly_totals(args.org_number, args.date_from, args.date_to)
    items = [
        {
            "month": t.month.strftime("%Y-%m"),
            "invoices": t.invoices,
            "credit_notes": t.credit_notes,
            "net": str(t.net),
            "vat": str(t.vat),
            "total": str(t.total),
        }
        for t in totals
    ]
    if args.json:
        emit_json(items)
    else:
        emit_table(
            [
                [
                    i["month"],
                    str(i["invoices"]),
                    str(i["credit_notes"]),
                    i["net"],
                    i["vat"],
                    i["total"],
                ]
                for i in items
            ],
            ["month", "invoices", "credit notes", "net", "vat", "total"],
        )
    return 0


def invoices_export(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    result = ctx.services.billing.export_csv(
        args.csv,
        args.date_from,
        args.date_to,
        args.org_number,
        decimal_separator="," if args.decimal_comma else ".",
        bom=args.bom,
        actor="cli",
    )
    if args.json:
        emit_json({"file": str(result.path), "rows": result.rows, "invoices": result.invoices})
    else:
        emit(f"Wrote {result.invoices} invoices ({result.rows} lines) to {result.path}.")
    return 0
