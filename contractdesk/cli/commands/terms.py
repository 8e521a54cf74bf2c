"""``contractdesk terms …``, ``acceptance …``, ``subprocessor …`` and ``agreement …``: versions,
ledger, §14 cycle.

Dates are ``YYYY-MM-DD`` (``DD.MM.YYYY`` is accepted too). ``terms publish`` refuses a DPA with
gaps or references to the repealed 2000 act unless ``--yes``/``--confirm-gaps`` is given;
``acceptance confirm-termination`` ends agreements only with ``--yes``.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from typing import Any

from contractdesk.cli.registry import (
    CommandRegistry,
    add_expected_version_flag,
    add_json_flag,
)

METHOD_CHOICES = ("paper", "online", "email")
KIND_CHOICES = ("data_shared", "access")
_NB_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def _date(text: str) -> date:
    value = text.strip()
    try:
        m = _NB_DATE.match(value)
        if m:
            return date(int(m[3]), int(m[2]), int(m[1]))
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def register(cli: CommandRegistry) -> None:
    _register_terms(cli)
    _register_acceptance(cli)
    _register_subprocessors(cli)
    _register_agreements(cli)


def _register_terms(cli: CommandRegistry) -> None:
    verbs = cli.noun("terms", "terms versions: list, show, import, copy, edit, diff, publish")

    p = verbs.add_parser("list", help="every version: label, effective date, sha256, state")
    add_json_flag(p)
    p.set_defaults(func=terms_list)

    p = verbs.add_parser("show", help="one version: summary and sections (--text: the whole text)")
    p.add_argument("label", metavar="LABEL")
    p.add_argument("--text", action="store_true", help="print the whole text as plain text")
    add_json_flag(p)
    p.set_defaults(func=terms_show)

    p = verbs.add_parser(
        "import",
        help="import a plain-text terms file (the 2021 layout) or a Word .docx as a new draft",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--label", required=True, help="the new version's label, e.g. 2027-01-01")
    p.add_argument(
        "--effective",
        type=_date,
        metavar="DATE",
        help="planned effective date (default: the date the text states)",
    )
    add_json_flag(p)
    p.set_defaults(func=terms_import)

    p = verbs.add_parser("copy", help="copy a version into a new draft")
    p.add_argument("source", metavar="LABEL")
    p.add_argument("new_label", metavar="NEW_LABEL")
    p.set_defaults(func=terms_copy)

    p = verbs.add_parser(
        "edit",
        help="edit a draft: new content from a .txt (re-imported) or .json file, date, label",
    )
    p.add_argument("label", metavar="LABEL")
    p.add_argument(
        "--file", metavar="FILE", help="new content: plain text, or a document as JSON (.json)"
    )
    p.add_argument("--effective", type=_date, metavar="DATE", help="planned effective date")
    p.add_argument("--rename", metavar="NEW_LABEL", help="a new label for the draft")
    p.set_defaults(func=terms_edit)

    p = verbs.add_parser("delete", help="delete a draft (published versions are kept for ever)")
    p.add_argument("label", metavar="LABEL")
    p.set_defaults(func=terms_delete)

    p = verbs.add_parser("diff", help="section-aware differences between two versions")
    p.add_argument("old", metavar="A")
    p.add_argument("new", metavar="B")
    p.add_argument("--all", action="store_true", help="also print unchanged sections and lines")
    p.set_defaults(func=terms_diff)

    p = verbs.add_parser(
        "checklist", help="the DPA checklist (GDPR Art. 28(3) a–h, repealed-act references)"
    )
    p.add_argument("label", metavar="LABEL")
    add_json_flag(p)
    p.set_defaults(func=terms_checklist)

    p = verbs.add_parser(
        "publish", help="publish a draft with its effective date (fixes its sha256)"
    )
    p.add_argument("label", metavar="LABEL")
    p.add_argument("--effective", required=True, type=_date, metavar="DATE")
    p.add_argument(
        "--yes",
        "--confirm-gaps",
        dest="confirm",
        action="store_true",
        help="publish even though the DPA checklist found gaps or repealed-act references",
    )
    add_json_flag(p)
    p.set_defaults(func=terms_publish)


def _register_acceptance(cli: CommandRegistry) -> None:
    verbs = cli.noun("acceptance", "the acceptance ledger and the §14 re-acceptance cycle")

    p = verbs.add_parser("record", help="record that a customer accepted a terms version")
    p.add_argument("org_number", metavar="ORGNR")
    p.add_argument("--terms", required=True, metavar="LABEL")
    p.add_argument("--method", required=True, choices=METHOD_CHOICES)
    p.add_argument("--signed-by", required=True, type=int, metavar="PERSON_ID")
    p.add_argument("--date", required=True, type=_date, metavar="DATE")
    p.add_argument(
        "--scan", metavar="FILE", help="the signed scan (PDF or image), stored encrypted"
    )
    p.add_argument("--note", default="")
    add_json_flag(p)
    p.set_defaults(func=acceptance_record)

    p = verbs.add_parser(
        "status", help="per customer: version accepted, when, how, by whom; up to date?"
    )
    add_json_flag(p)
    p.set_defaults(func=acceptance_status)

    p = verbs.add_parser("list", help="the acceptance ledger (one customer's, or everyone's)")
    p.add_argument("org_number", metavar="ORGNR", nargs="?")
    add_json_flag(p)
    p.set_defaults(func=acceptance_list)

    p = verbs.add_parser(
        "scan", help="write an acceptance's stored scan to a file (complete or not at all)"
    )
    p.add_argument("acceptance_id", metavar="ID", type=int)
    p.add_argument("--output", required=True, metavar="FILE")
    p.set_defaults(func=acceptance_scan)

    p = verbs.add_parser(
        "attach-scan", help="attach the signed scan to an acceptance recorded without one"
    )
    p.add_argument("acceptance_id", metavar="ID", type=int)
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=acceptance_attach)

    p = verbs.add_parser("reacceptance", help="the §14 list: last day to notify, deadline, status")
    p.add_argument("label", metavar="LABEL", nargs="?")
    add_json_flag(p)
    p.set_defaults(func=reacceptance_list)

    p = verbs.add_parser("notify", help="record that customers were notified of a new version")
    p.add_argument("label", metavar="LABEL")
    p.add_argument("org_numbers", metavar="ORGNR", nargs="+")
    p.add_argument("--date", required=True, type=_date, metavar="DATE")
    p.add_argument("--how", default="", help="e.g. 'e-mail to the main contact'")
    p.set_defaults(func=reacceptance_notify)

    p = verbs.add_parser(
        "proposals", help="overdue customers proposed as considered terminated (§14)"
    )
    add_json_flag(p)
    p.set_defaults(func=reacceptance_proposals)

    p = verbs.add_parser(
        "confirm-termination", help="confirm: these overdue customers' agreements end (§14)"
    )
    p.add_argument("notice_ids", metavar="NOTICE_ID", type=int, nargs="+")
    p.add_argument("--yes", action="store_true", help="confirm: the agreements are terminated")
    add_json_flag(p)
    p.set_defaults(func=reacceptance_confirm)


def _register_subprocessors(cli: CommandRegistry) -> None:
    verbs = cli.noun("subprocessor", "the sub-processor register (§8.3, §17.7)")

    p = verbs.add_parser("list", help="the register")
    p.add_argument("--all", action="store_true", help="include entries taken off the register")
    add_json_flag(p)
    p.set_defaults(func=sub_list)

    for verb, helptext in (
        ("add", "add an entry"),
        ("edit", "change an entry (published versions keep theirs)"),
    ):
        p = verbs.add_parser(verb, help=helptext)
        if verb == "edit":
            p.add_argument("entry_id", metavar="ID", type=int)
        p.add_argument("--name", required=verb == "add")
        p.add_argument("--purpose")
        p.add_argument("--data-shared")
        p.add_argument("--org-number")
        p.add_argument("--location")
        p.add_argument("--kind", choices=KIND_CHOICES)
        p.add_argument("--clause", help="the clause of the terms naming it, e.g. 8.3")
        add_json_flag(p)
        p.set_defaults(func=sub_add if verb == "add" else sub_edit)

    p = verbs.add_parser(
        "remove", help="take an entry off the register (kept for the versions that listed it)"
    )
    p.add_argument("entry_id", metavar="ID", type=int)
    p.set_defaults(func=sub_remove)


def _register_agreements(cli: CommandRegistry) -> None:
    verbs = cli.noun("agreement", "agreements: create, list, show, mark sent, change state")

    p = verbs.add_parser(
        "create", help="a draft agreement for a customer (default: the terms in effect)"
    )
    p.add_argument("org_number", metavar="ORGNR")
    p.add_argument("--terms", metavar="LABEL")
    add_json_flag(p)
    p.set_defaults(func=agreement_create)

    p = verbs.add_parser("list", help="agreements (one customer's, or everyone's)")
    p.add_argument("org_number", metavar="ORGNR", nargs="?")
    add_json_flag(p)
    p.set_defaults(func=agreement_list)

    p = verbs.add_parser("show", help="one agreement by id or document id (CD-2027-000123)")
    p.add_argument("ref", metavar="ID")
    add_json_flag(p)
    p.set_defaults(func=agreement_show)

    p = verbs.add_parser("mark-sent", help="the agreement went to the customer")
    p.add_argument("ref", metavar="ID")
    p.add_argument("--to", required=True, help="e-mail address (or 'post')")
    add_expected_version_flag(p)
    p.set_defaults(func=agreement_mark_sent)

    p = verbs.add_parser("set-state", help="draft ↔ sent, signed → active, → terminated")
    p.add_argument("ref", metavar="ID")
    p.add_argument("state", choices=("draft", "sent", "active", "terminated"))
    p.add_argument("--reason", default="")
    add_expected_version_flag(p)
    p.set_defaults(func=agreement_set_state)


# -- terms -----------------------------------------------------------------------------------------


def terms_list(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json, emit_table

    rows = ctx.services.terms.list_versions()
    if args.json:
        emit_json([r.as_dict() for r in rows])
    else:
        emit_table(
            [
                [
                    r.label,
                    r.state,
                    r.effective_date.isoformat() if r.effective_date else "-",
                    r.sha256 or f"(draft {r.content_sha256[:12]}…)",
                    r.title,
                ]
                for r in rows
            ],
            ["label", "state", "effective", "sha256", "title"],
        )
    return 0


def terms_show(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json
    from contractdesk.domain.terms.importer import to_plain_text

    view = ctx.services.terms.get(args.label)
    if args.json:
        emit_json(view.as_dict())
        return 0
    if args.text:
        emit(to_plain_text(view.document).rstrip("\n"))
        return 0
    row = view.row
    emit(f"{row.label}  {row.title}")
    emit(f"  state:      {row.state}")
    emit(f"  effective:  {row.effective_date.isoformat() if row.effective_date else '-'}")
    emit(f"  sha256:     {row.sha256 or '(set when published)'}")
    if not row.published:
        emit(f"  content:    {row.content_sha256}")
    if view.copied_from:
        emit(f"  copied from {view.copied_from}")
    for section in view.document.sections:
        emit(f"  {'  ' * (section.level - 1)}{section.number} {section.title}".rstrip())
    for annex in view.document.annexes:
        emit(f"  {annex.label}: {annex.title}".rstrip())
        for section in annex.sections:
            emit(f"    {'  ' * (section.level - 1)}{section.number} {section.title}".rstrip())
    if view.subprocessors:
        emit("  sub-processors at publication: " + ", ".join(s.name for s in view.subprocessors))
    return 0


def _import_docx(ctx: Any, args: argparse.Namespace) -> Any:
    """A Word file (``.docx``) read into the terms layout and imported; None for other files."""
    from pathlib import Path

    from contractdesk.scanning.word import docx_to_text, is_docx
    from contractdesk.services.errors import UserError

    path = Path(args.file)
    if path.suffix.lower() != ".docx":
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror or exc}") from None
    if not is_docx(data):
        raise UserError(f"{path.name} is not a Word (.docx) document.")
    return ctx.services.terms.import_text(
        docx_to_text(data),
        args.label,
        effective_date=args.effective,
        actor="cli",
        source_name=path.name,
    )


def terms_import(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    outcome = _import_docx(ctx, args)
    if outcome is None:
        outcome = ctx.services.terms.import_file(
            args.file, args.label, effective_date=args.effective, actor="cli"
        )
    row = outcome.version.row
    if args.json:
        data = outcome.version.row.as_dict()
        data.update(
            {
                "notes": list(outcome.notes),
                "same_as_published": outcome.same_as_published,
                "stated_effective_date": outcome.stated_effective_date,
            }
        )
        emit_json(data)
        return 0
    emit(
        f"Imported {row.label} as a draft: "
        f"{len(outcome.version.document.all_sections())} sections, "
        f"content sha256 {row.content_sha256}."
    )
    if outcome.same_as_published:
        emit(f"The content is identical to the published version {outcome.same_as_published}.")
    for note in outcome.notes:
        emit(f"  note: {note}")
    return 0


def terms_copy(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit

    view = ctx.services.terms.copy_to_draft(args.source, args.new_label, actor="cli")
    emit(f"Draft {view.label} made from {args.source}.")
    return 0


def terms_edit(ctx: Any, args: argparse.Namespace) -> int:
    from pathlib import Path

    from contractdesk.cli.output import emit
    from contractdesk.services.errors import UserError

    kwargs: dict[str, Any] = {
        "effective_date": args.effective,
        "new_label": args.rename,
        "actor": "cli",
    }
    if args.file:
        path = Path(args.file)
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as exc:
            raise UserError(f"Cannot read {path}: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise UserError(f"{path.name} is not UTF-8 text") from None
        kwargs["document_json" if path.suffix.lower() == ".json" else "text"] = text
    view = ctx.services.terms.update_draft(args.label, **kwargs)
    emit(f"Draft {view.label} saved (content sha256 {view.row.content_sha256}).")
    return 0


def terms_delete(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit

    ctx.services.terms.delete_draft(args.label, actor="cli")
    emit(f"Draft {args.label} deleted.")
    return 0


def terms_diff(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit

    text = ctx.services.terms.diff_text(args.old, args.new, include_unchanged=args.all)
    emit(text.rstrip("\n") if text else f"No differences between {args.old} and {args.new}.")
    return 0


def _print_checklist(data: dict[str, Any]) -> None:
    from contractdesk.cli.output import emit

    if not data["has_dpa"]:
        emit("  No DPA annex (Databehandleravtale) found.")
        return
    for item in data["items"]:
        mark = {"covered": "ok ", "partial": "PARTIAL", "gap": "GAP"}[item["status"]]
        clauses = ", ".join(item["clauses"]) or "-"
        emit(f"  ({item['letter']}) {mark:7} {item['title']}  [{clauses}]")
        for missing in item["missing"]:
            emit(f"        missing: {missing}")
    for ref in data["repealed_references"]:
        emit(f"  repealed act in {ref['section_number']}: {ref['quote']!r} — {ref['reason']}")


def terms_checklist(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json
    from contractdesk.domain.terms.dpa_checklist import find_dpa_annex
    from contractdesk.services.terms import checklist_to_dict

    view = ctx.services.terms.get(args.label)
    annex = find_dpa_annex(view.document)
    data = checklist_to_dict(
        ctx.services.terms.checklist(args.label), annex_label=annex.label if annex else None
    )
    if args.json:
        emit_json(data)
    else:
        _print_checklist(data)
    return 0


def terms_publish(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json, error
    from contractdesk.services.terms import ConfirmationRequired, checklist_to_dict

    try:
        result = ctx.services.terms.publish(
            args.label, args.effective, confirm_gaps=args.confirm, actor="cli"
        )
    except ConfirmationRequired as exc:
        if not args.json:
            _print_checklist(checklist_to_dict(exc.preview.checklist))
        error(f"{exc} (use --yes or --confirm-gaps)")
        return 1
    row = result.version
    if args.json:
        data = row.as_dict()
        data.update(
            {
                "customers_to_notify": result.notices_created,
                "last_notice_date": result.preview.last_notice_date,
                "confirmed": list(result.preview.confirmation_reasons),
                "warnings": list(result.preview.warnings),
            }
        )
        emit_json(data)
        return 0
    emit(f"Published {row.label}, effective {row.effective_date.isoformat()}, sha256 {row.sha256}.")
    for reason in result.preview.confirmation_reasons:
        emit(f"  confirmed: {reason}")
    for warning in result.preview.warnings:
        emit(f"  warning: {warning}")
    emit(
        f"  {result.notices_created} customer(s) to notify by "
        f"{result.preview.last_notice_date.isoformat()} (§14)."
    )
    return 0


# -- acceptance ------------------------------------------------------------------------------------


def acceptance_record(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    result = ctx.services.agreements.record_acceptance(
        args.org_number,
        args.terms,
        method=args.method,
        signed_by_person_id=args.signed_by,
        accepted_on=args.date,
        scan_path=args.scan,
        note=args.note,
        actor="cli",
    )
    if args.json:
        data = result.acceptance.as_dict()
        data["warnings"] = list(result.warnings)
        data["agreement_state"] = result.agreement.state
        emit_json(data)
        return 0
    a = result.acceptance
    emit(
        f"Recorded: {a.customer_name} accepted {a.terms_label} "
        f"on {a.accepted_on.isoformat()} ({a.method}), "
        f"signed by {a.signed_by_name}; agreement {result.agreement.document_id} "
        f"is {result.agreement.state}."
    )
    for warning in result.warnings:
        emit(f"  warning: {warning}")
    return 0


def acceptance_status(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json, emit_table

    rows = ctx.services.agreements.acceptance_status()
    if args.json:
        emit_json([r.as_dict() for r in rows])
        return 0
    table = []
    for r in rows:
        latest = r.latest
        table.append(
            [
                r.org_number,
                r.name,
                latest.terms_label if latest else "-",
                latest.accepted_on.isoformat() if latest else "-",
                latest.method if latest else "-",
                latest.signed_by_name if latest else "-",
                "yes" if r.up_to_date else "NO",
                "!" if latest and latest.warning else "",
            ]
        )
    emit_table(
        table, ["org", "customer", "version", "accepted", "method", "signed by", "current", "warn"]
    )
    return 0


def acceptance_list(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json, emit_table

    rows = ctx.services.agreements.acceptances(args.org_number)
    if args.json:
        emit_json([r.as_dict() for r in rows])
        return 0
    emit_table(
        [
            [
                str(a.id),
                a.org_number,
                a.customer_name,
                a.terms_label,
                a.accepted_on.isoformat(),
                a.method,
                a.signed_by_name,
                a.scan_filename or "-",
                a.warning or "",
            ]
            for a in rows
        ],
        ["id", "org", "customer", "version", "accepted", "method", "signed by", "scan", "warning"],
    )
    return 0


def acceptance_scan(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit
    from contractdesk.output.atomic import save_atomic

    scan = ctx.services.agreements.scan(args.acceptance_id)
    path = save_atomic(args.output, scan.data, mode=0o600)
    emit(
        f"Wrote {scan.filename} ({scan.mime}, {len(scan.data)} bytes, "
        f"sha256 {scan.sha256}) to {path}."
    )
    return 0


def acceptance_attach(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit

    view = ctx.services.agreements.attach_scan(args.acceptance_id, path=args.file, actor="cli")
    emit(f"Scan {view.scan_filename} attached (sha256 {view.scan_sha256}).")
    return 0


def reacceptance_list(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json, emit_table

    rows = ctx.services.agreements.reacceptance_list(args.label)
    if args.json:
        emit_json([r.as_dict() for r in rows])
        return 0

    def d(value: date | None) -> str:
        return value.isoformat() if value else "-"

    emit_table(
        [
            [
                str(r.notice_id),
                r.terms_label,
                r.org_number,
                r.customer_name,
                d(r.last_notice_date),
                d(r.notified_on),
                d(r.acceptance_deadline),
                d(r.accepted_on),
                r.status,
            ]
            for r in rows
        ],
        [
            "id",
            "version",
            "org",
            "customer",
            "notify by",
            "notified",
            "deadline",
            "accepted",
            "status",
        ],
    )
    return 0


def reacceptance_notify(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit

    count = ctx.services.agreements.mark_notified(
        args.label, args.org_numbers, args.date, how=args.how, actor="cli"
    )
    emit(f"{count} customer(s) marked notified on {args.date.isoformat()}.")
    return 0


def reacceptance_proposals(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    proposals = ctx.services.agreements.termination_proposals(actor="cli")
    if args.json:
        emit_json([p.as_dict() for p in proposals])
        return 0
    if not proposals:
        emit("No overdue customers.")
    for p in proposals:
        emit(f"{p.notice_id}  {p.org_number}  {p.customer_name}: {p.reason}")
    return 0


def reacceptance_confirm(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json, error

    if not args.yes:
        error(
            "nothing terminated: confirm with --yes that these agreements "
            "are considered terminated (§14)"
        )
        return 1
    done = ctx.services.agreements.confirm_terminations(args.notice_ids, actor="cli")
    if args.json:
        emit_json([p.as_dict() for p in done])
        return 0
    for p in done:
        emit(
            f"Terminated: {p.customer_name} ({p.org_number}) "
            f"from {p.considered_terminated_on.isoformat()}."
        )
    return 0


# -- sub-processors --------------------------------------------------------------------------------


def sub_list(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json, emit_table

    rows = ctx.services.terms.subprocessors(include_retired=args.all)
    if args.json:
        emit_json([r.as_dict() for r in rows])
        return 0
    emit_table(
        [
            [
                str(r.id),
                r.name,
                r.org_number or "-",
                r.purpose,
                r.data_shared,
                r.location or "-",
                r.kind,
            ]
            for r in rows
        ],
        ["id", "name", "org", "purpose", "data shared", "location", "kind"],
    )
    return 0


def _sub_input(args: argparse.Namespace, base: Any = None) -> Any:
    from contractdesk.services.terms import SubProcessorInput

    def pick(name: str, attr: str, default: Any) -> Any:
        value = getattr(args, name)
        if value is not None:
            return value
        return getattr(base, attr) if base is not None else default

    return SubProcessorInput(
        name=pick("name", "name", ""),
        purpose=pick("purpose", "purpose", ""),
        data_shared=pick("data_shared", "data_shared", ""),
        kind=pick("kind", "kind", "data_shared"),
        org_number=pick("org_number", "org_number", None),
        location=pick("location", "location", None),
        source_clause=pick("clause", "source_clause", ""),
    )


def sub_add(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    view = ctx.services.terms.add_subprocessor(_sub_input(args), actor="cli")
    if args.json:
        emit_json(view.as_dict())
    else:
        emit(f"Added {view.name} (id {view.id}).")
    return 0


def sub_edit(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json
    from contractdesk.services.errors import NotFoundError

    current = next((s for s in ctx.services.terms.subprocessors() if s.id == args.entry_id), None)
    if current is None:
        raise NotFoundError(f"No sub-processor {args.entry_id} in the register.")
    view = ctx.services.terms.update_subprocessor(
        args.entry_id, _sub_input(args, current), actor="cli"
    )
    if args.json:
        emit_json(view.as_dict())
    else:
        emit(f"Saved {view.name} (id {view.id}).")
    return 0


def sub_remove(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit

    view = ctx.services.terms.retire_subprocessor(args.entry_id, actor="cli")
    emit(f"{view.name} taken off the register.")
    return 0


# -- agreements ------------------------------------------------------------------------------------


def _emit_agreement(view: Any, as_json: bool) -> None:
    from contractdesk.cli.output import emit, emit_json

    if as_json:
        emit_json(view.as_dict())
    else:
        emit(
            f"{view.document_id}  {view.customer_name} ({view.org_number})  "
            f"terms {view.terms_label}  {view.state}"
        )


def agreement_create(ctx: Any, args: argparse.Namespace) -> int:
    _emit_agreement(
        ctx.services.agreements.create_agreement(args.org_number, args.terms, actor="cli"),
        args.json,
    )
    return 0


def agreement_list(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json, emit_table

    rows = ctx.services.agreements.agreements(args.org_number)
    if args.json:
        emit_json([r.as_dict() for r in rows])
        return 0
    emit_table(
        [
            [
                r.document_id,
                r.org_number,
                r.customer_name,
                r.terms_label,
                r.state,
                r.signed_at.isoformat() if r.signed_at else "-",
            ]
            for r in rows
        ],
        ["document", "org", "customer", "terms", "state", "signed"],
    )
    return 0


def agreement_show(ctx: Any, args: argparse.Namespace) -> int:
    _emit_agreement(ctx.services.agreements.get_agreement(args.ref), args.json)
    return 0


def agreement_mark_sent(ctx: Any, args: argparse.Namespace) -> int:
    view = ctx.services.agreements.mark_sent(
        args.ref, args.to, expected_version=args.expected_version, actor="cli"
    )
    _emit_agreement(view, False)
    return 0


def agreement_set_state(ctx: Any, args: argparse.Namespace) -> int:
    _emit_agreement(
        ctx.services.agreements.set_state(
            args.ref,
            args.state,
            reason=args.reason,
            expected_version=args.expected_version,
            actor="cli",
        ),
        False,
    )
    return 0
