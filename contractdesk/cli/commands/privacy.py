"""Privacy commands (issue 18): retention, records, breach, privacy-statement, terms dpa-draft."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from typing import Any

from contractdesk.cli.registry import CommandRegistry, add_json_flag

# The same help as in terms.py: whichever module registers the noun first sets it.
TERMS_HELP = "terms versions: list, show, import, copy, edit, diff, publish"


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None


def register(cli: CommandRegistry) -> None:
    _register_retention(cli)
    records = cli.noun("records", "records of processing activities (GDPR Art. 30)")
    p = records.add_parser("art30", help="export the Art. 30 records as PDF (and CSV)")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--csv", metavar="FILE.csv")
    add_json_flag(p)
    p.set_defaults(func=art30)
    p = records.add_parser("transfer", help="record a sub-processor's country and transfer basis")
    p.add_argument("name", help="the sub-processor's name as in the register")
    p.add_argument("--country", required=True)
    p.add_argument("--basis", default="", help="e.g. 'EU standard contractual clauses'")
    p.set_defaults(func=set_transfer)
    _register_breach(cli)
    p = cli.command("privacy-statement", "the supplier's privacy statement as PDF (and HTML)")
    p.add_argument("--lang", required=True, choices=("nb", "en"))
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--html", metavar="FILE.html")
    add_json_flag(p)
    p.set_defaults(func=privacy_statement)
    terms = cli.noun("terms", TERMS_HELP)
    p = terms.add_parser(
        "dpa-draft", help="a draft version whose DPA covers Art. 28(3)(a)-(h) (GDPR, 2018 act)"
    )
    p.add_argument("label", help="the new draft's label")
    p.add_argument("--from", dest="source", help="copy this version (default: newest published)")
    add_json_flag(p)
    p.set_defaults(func=dpa_draft)


def _register_retention(cli: CommandRegistry) -> None:
    verbs = cli.noun("retention", "retention rules: what is due, and deleting it")
    p = verbs.add_parser("rules", help="the rules, their periods and sources")
    add_json_flag(p)
    p.set_defaults(func=retention_rules)
    p = verbs.add_parser("set", help="change a rule's period (customer-data months, …)")
    p.add_argument("rule", help="customer_data, case_logs, billing, prospects, newsletter_signoffs")
    p.add_argument("period", type=int)
    p.set_defaults(func=retention_set)
    p = verbs.add_parser("due", help="what is due, by rule, and exactly what would happen")
    p.add_argument("--date", type=_day, help="as on this day (default today)")
    add_json_flag(p)
    p.set_defaults(func=retention_due)
    p = verbs.add_parser("kept", help="what earlier runs kept as evidence, and until when")
    add_json_flag(p)
    p.set_defaults(func=retention_kept)
    p = verbs.add_parser("run", help="delete or anonymise what is due; prune old backups")
    p.add_argument("--yes", action="store_true", help="confirm: without it nothing is deleted")
    p.add_argument("--date", type=_day, help="as on this day (default today)")
    add_json_flag(p)
    p.set_defaults(func=retention_run)


def _register_breach(cli: CommandRegistry) -> None:
    verbs = cli.noun("breach", "personal data breaches (§17.9, GDPR Arts. 33-34)")
    p = verbs.add_parser("add", help="record a breach; the 72-hour deadline starts at discovery")
    p.add_argument("--discovered", required=True, metavar="DATETIME", help="e.g. 2027-03-01T14:30")
    p.add_argument("--summary", required=True, metavar="TEXT")
    p.add_argument("--customer", nargs="*", default=[], metavar="ORGNR")
    p.add_argument("--system", action="append", default=[], help="an affected system (repeat)")
    p.add_argument(
        "--subprocessor", action="append", default=[], help="a sub-processor involved (repeat)"
    )
    add_json_flag(p)
    p.set_defaults(func=breach_add)
    p = verbs.add_parser("list", help="breaches with their Datatilsynet deadline")
    add_json_flag(p)
    p.set_defaults(func=breach_list)
    p = verbs.add_parser("notify", help="the notice to each affected customer: .eml files or sent")
    p.add_argument("id", type=int)
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--eml", metavar="DIR", help="save one .eml draft per customer in DIR")
    how.add_argument("--send", action="store_true", help="send through the mail server (smtp set)")
    add_json_flag(p)
    p.set_defaults(func=breach_notify)
    p = verbs.add_parser("reported", help="record that Datatilsynet was notified")
    p.add_argument("id", type=int)
    p.set_defaults(func=breach_reported)


# -- retention -------------------------------------------------------------------------------------


def retention_rules(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json, emit_table

    rules = ctx.services.privacy.retention.rules()
    if args.json:
        emit_json([r.as_dict() for r in rules])
    else:
        emit_table(
            [[r.key.value, r.period_text, r.source] for r in rules], ["rule", "period", "source"]
        )
    return 0


def retention_set(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit

    rule = ctx.services.privacy.retention.set_period(args.rule, args.period, actor="cli")
    emit(f"{rule.key.value}: {rule.period_text}")
    return 0


def _print_plan(plan: Any) -> None:
    from contractdesk.cli.output import emit

    if plan.empty:
        emit("Nothing is due.")
        return
    for item in plan.items:
        emit(f"[{item.rule.value}] {item.label} (due {item.due_on.isoformat()})")
        for op in item.operations:
            emit(f"  - {op.text()}")
        for kept in item.kept:
            emit(f"  kept: {kept}")
        if item.kept_until:
            emit(f"  kept until {item.kept_until.isoformat()}")
    for name in plan.backups:
        emit(f"[backup] delete {name}")


def retention_due(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json

    plan = ctx.services.privacy.retention.due(args.date)
    if args.json:
        emit_json(plan.as_dict())
    else:
        _print_plan(plan)
    return 0


def retention_kept(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json, emit_table

    marks = ctx.services.privacy.retention.marks()
    if args.json:
        emit_json(
            [
                {
                    "subject": m.subject,
                    "rule": m.rule,
                    "applied_at": m.applied_at,
                    "kept_as_evidence": list(m.kept),
                    "kept_until": m.kept_until,
                }
                for m in marks
            ]
        )
    else:
        emit_table(
            [
                [
                    m.subject,
                    m.rule,
                    f"{m.applied_at:%Y-%m-%d}",
                    str(m.kept_until or ""),
                    "; ".join(m.kept),
                ]
                for m in marks
            ],
            ["subject", "rule", "applied", "kept until", "kept"],
        )
    return 0


def retention_run(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json, error

    retention = ctx.services.privacy.retention
    plan = retention.due(args.date)
    if not args.yes:
        _print_plan(plan)
        error("nothing was deleted; add --yes to delete what is listed")
        return 1
    result = retention.run(today=args.date, expected=plan.keys, actor="cli")
    if args.json:
        emit_json(result.as_dict())
    else:
        emit(
            f"Done: {result.items} item(s), {result.persons_erased} person(s) anonymised, "
            f"{len(result.backups_pruned)} old backup(s) deleted."
        )
    return 0


# -- records and statement -------------------------------------------------------------------------


def art30(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    result = ctx.services.privacy.documents.export_art30(args.out, csv=args.csv, actor="cli")
    if args.json:
        emit_json(result.as_dict())
    else:
        emit(
            f"Records version {result.version}: {result.controllers} controller(s), "
            f"{result.subprocessors} sub-processor(s) -> {', '.join(map(str, result.files))}"
        )
    return 0


def set_transfer(ctx: Any, args: argparse.Namespace) -> int:
    ctx.services.privacy.documents.set_transfer(args.name, args.country, args.basis, actor="cli")
    return 0


def privacy_statement(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    result = ctx.services.privacy.documents.export_statement(
        args.lang, args.out, html=args.html, actor="cli"
    )
    if args.json:
        emit_json(result.as_dict())
    else:
        emit(f"Privacy statement ({result.language}) version {result.version}")
    return 0


def dpa_draft(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    result = ctx.services.privacy.documents.create_dpa_draft(
        args.label, source_label=args.source, actor="cli"
    )
    if args.json:
        emit_json(result.as_dict())
    else:
        gaps = ", ".join(result.gaps) or "none"
        emit(f"Draft {result.label} (from {result.source_label}); DPA checklist gaps: {gaps}")
    return 0


# -- breaches --------------------------------------------------------------------------------------


def breach_add(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json
    from contractdesk.services.privacy import parse_discovered

    view = ctx.services.privacy.breaches.add(
        discovered_at=parse_discovered(args.discovered),
        summary=args.summary,
        systems=args.system,
        subprocessors=args.subprocessor,
        customers=args.customer,
        actor="cli",
    )
    if args.json:
        emit_json(view.as_dict(datetime.now(UTC)))
    else:
        emit(
            f"Breach {view.id}: notify Datatilsynet by "
            f"{view.datatilsynet_deadline.astimezone():%Y-%m-%d %H:%M}; "
            f"{len(view.customers)} customer(s) affected"
        )
    return 0


def breach_list(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json, emit_table

    now = datetime.now(UTC)
    views = ctx.services.privacy.breaches.list_all()
    if args.json:
        emit_json([v.as_dict(now) for v in views])
    else:
        emit_table(
            [
                [
                    str(v.id),
                    f"{v.discovered_at.astimezone():%Y-%m-%d %H:%M}",
                    f"{v.datatilsynet_deadline.astimezone():%Y-%m-%d %H:%M}",
                    "reported" if v.authority_notified_at else v.countdown(now).text(),
                    str(len(v.customers)),
                    v.summary,
                ]
                for v in views
            ],
            ["id", "discovered", "deadline", "status", "customers", "summary"],
        )
    return 0


def breach_notify(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    breaches = ctx.services.privacy.breaches
    if args.send:
        results = breaches.send(
            args.id, smtp=ctx.services.documents.smtp_settings(), prompt=_smtp_prompt, actor="cli"
        )
    else:
        results = breaches.notify(args.id, args.eml, actor="cli")
    if args.json:
        emit_json([r.as_dict() for r in results])
    else:
        for r in results:
            done = "sent" if r.sent else str(r.path)
            emit(f"{r.org_number}: {done}" if r.done else f"{r.org_number}: skipped ({r.skipped})")
    return 0


def _smtp_prompt(text: str) -> str | None:
    import getpass
    import sys

    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(text + " ") or None
    return None


def breach_reported(ctx: Any, args: argparse.Namespace) -> int:
    ctx.services.privacy.breaches.mark_reported(args.id, actor="cli")
    return 0
