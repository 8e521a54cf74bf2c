"""``contractdesk person …``, ``whois``, ``customer set-main-contact``: people, roles, data-subject
rights.

Roles are typed as main-contact | contact | signatory | general-manager. Changes to approved
contacts and the main contact take ``--requested-by PERSON_ID``: who at the customer asked (§8.1.1).
"""

from __future__ import annotations

import argparse
from typing import Any

from contractdesk.cli.registry import (
    CommandRegistry,
    add_expected_version_flag,
    add_json_flag,
)

ROLE_CHOICES = ("main-contact", "contact", "signatory", "general-manager")
REQUEST_KINDS = ("access", "correction", "erasure", "restriction", "portability", "objection")
CONSENT_CHOICES = ("marketing-email", "newsletter")


def register(cli: CommandRegistry) -> None:
    verbs = cli.noun("person", "people at customers: add, show, list, correct, export, erase")

    p = verbs.add_parser("add", help="register a person with a role at a customer")
    p.add_argument("org_number", metavar="ORGNR")
    _person_fields(p, required=True)
    p.add_argument("--role", required=True, choices=ROLE_CHOICES)
    _requested_by(p)
    add_json_flag(p)
    p.set_defaults(func=add)

    p = verbs.add_parser(
        "show", help="show a person with their customers, roles, rights and consents"
    )
    p.add_argument("person_id", metavar="ID", type=int)
    add_json_flag(p)
    p.set_defaults(func=show)

    p = verbs.add_parser(
        "list", help="list the people at a customer (main contact first), or everyone"
    )
    p.add_argument("org_number", metavar="ORGNR", nargs="?")
    p.add_argument(
        "--include-erased", action="store_true", help="also list erased (anonymised) persons"
    )
    add_json_flag(p)
    p.set_defaults(func=list_people)

    p = verbs.add_parser(
        "correct", help="correct a person's personal data (only the fields given change)"
    )
    p.add_argument("person_id", metavar="ID", type=int)
    _person_fields(p, required=False)
    add_expected_version_flag(p)
    add_json_flag(p)
    p.set_defaults(func=correct)

    p = verbs.add_parser("add-role", help="give a registered person a role at a customer")
    p.add_argument("person_id", metavar="ID", type=int)
    p.add_argument("org_number", metavar="ORGNR")
    p.add_argument("--role", required=True, choices=ROLE_CHOICES)
    _requested_by(p)
    p.set_defaults(func=add_role)

    p = verbs.add_parser(
        "remove-role", help="take a role at a customer away (never the main contact's)"
    )
    p.add_argument("person_id", metavar="ID", type=int)
    p.add_argument("org_number", metavar="ORGNR")
    p.add_argument("--role", required=True, choices=ROLE_CHOICES)
    _requested_by(p)
    p.set_defaults(func=remove_role)

    p = verbs.add_parser(
        "export", help="everything held about a person, as JSON (access, portability)"
    )
    p.add_argument("person_id", metavar="ID", type=int)
    p.add_argument(
        "--output", metavar="FILE", help="write to FILE (complete or not at all) instead of stdout"
    )
    add_json_flag(p)
    p.set_defaults(func=export)

    p = verbs.add_parser(
        "erase", help="erase a person: anonymise personal data, keep ids and history"
    )
    p.add_argument("person_id", metavar="ID", type=int)
    p.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    p.add_argument(
        "--next-main-contact",
        action="append",
        default=[],
        metavar="ORGNR=PERSON_ID",
        help="where the person is the main contact, who takes over (repeatable)",
    )
    add_json_flag(p)
    p.set_defaults(func=erase)

    p = verbs.add_parser(
        "consent", help="record consent given or withdrawn (marketing e-mail, newsletter)"
    )
    p.add_argument("person_id", metavar="ID", type=int)
    p.add_argument("kind", choices=CONSENT_CHOICES)
    state = p.add_mutually_exclusive_group(required=True)
    state.add_argument("--given", dest="given", action="store_true")
    state.add_argument("--withdrawn", dest="given", action="store_false")
    p.add_argument("--on", metavar="YYYY-MM-DD", help="date (default today)")
    p.add_argument("--source", default="", help="how: e-mail, web form, phone call …")
    p.set_defaults(func=consent)

    p = verbs.add_parser("request", help="log a data-subject request (deadline: one month)")
    p.add_argument("kind", choices=REQUEST_KINDS)
    p.add_argument("--person", dest="person_id", metavar="ID", type=int)
    p.add_argument("--received", metavar="YYYY-MM-DD", help="date received (default today)")
    p.add_argument("--note", default="")
    add_json_flag(p)
    p.set_defaults(func=log_request)

    p = verbs.add_parser("request-done", help="mark a data-subject request done")
    p.add_argument("request_id", metavar="REQUEST_ID", type=int)
    p.add_argument("--on", metavar="YYYY-MM-DD", help="date done (default today)")
    p.set_defaults(func=request_done)

    p = verbs.add_parser("requests", help="the data-subject request log with deadlines")
    p.add_argument(
        "--open", dest="open_only", action="store_true", help="only requests not yet done"
    )
    add_json_flag(p)
    p.set_defaults(func=list_requests)

    w = cli.command(
        "whois",
        "who is this? a name, e-mail or phone: customers and rights (unknown: not approved)",
    )
    w.add_argument("text", metavar="TEXT", nargs="+")
    add_json_flag(w)
    w.set_defaults(func=whois)

    customer = cli.noun("customer", "customers")
    p = customer.add_parser(
        "set-main-contact", help="make a person the customer's one main contact"
    )
    p.add_argument("org_number", metavar="ORGNR")
    p.add_argument("person_id", metavar="PERSON_ID", type=int)
    _requested_by(
        p, "the current main contact, a signatory or the general manager (needed once there is one)"
    )
    p.add_argument(
        "--drop-previous",
        action="store_true",
        help="remove the previous main contact from the customer instead of keeping them as a "
        "contact",
    )
    add_json_flag(p)
    p.set_defaults(func=set_main_contact)


def _person_fields(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument("--first", required=required, metavar="NAME", help="first name")
    p.add_argument("--middle", metavar="NAME", help="middle name")
    p.add_argument("--last", required=required, metavar="NAME", help="last name")
    p.add_argument("--title", help="job title")
    p.add_argument(
        "--email", action="append", metavar="ADDRESS", help="e-mail address (repeatable)"
    )
    p.add_argument("--phone", metavar="NUMBER", help="phone (Norwegian by default; +CC for others)")
    p.add_argument("--mobile", metavar="NUMBER", help="mobile")


def _requested_by(p: argparse.ArgumentParser, text: str = "") -> None:
    p.add_argument(
        "--requested-by",
        type=int,
        metavar="PERSON_ID",
        help=text or "who at the customer asked: main contact, signatory or general manager",
    )


def _date(text: str | None, what: str) -> Any:
    from datetime import date

    from contractdesk.services.errors import UserError

    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"{what}: use the form YYYY-MM-DD") from None


def _roles_text(roles: Any) -> str:
    return ", ".join(r.cli_name for r in roles)


def add(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json
    from contractdesk.services.people import PersonInput

    data = PersonInput(
        args.first,
        args.last,
        args.middle or "",
        args.title or "",
        args.phone or "",
        args.mobile or "",
        tuple(args.email or ()),
    )
    person_id = ctx.services.people.add_person_at(
        args.org_number, data, args.role, requested_by=args.requested_by, actor="cli"
    )
    if args.json:
        emit_json({"id": person_id})
    else:
        emit(f"Added person {person_id} as {args.role}.")
    return 0


def show(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json
    from contractdesk.domain.orgnr import format_org_number
    from contractdesk.services.validation import display_phone

    view = ctx.services.people.get(args.person_id)
    if args.json:
        emit_json(view.as_dict())
        return 0
    emit(f"{view.id}: {view.full_name or '(erased)'}" + (f", {view.title}" if view.title else ""))
    for email in view.emails:
        emit(f"  e-mail: {email}")
    if view.phone:
        emit(f"  phone:  {display_phone(view.phone)}")
    if view.mobile:
        emit(f"  mobile: {display_phone(view.mobile)}")
    for m in view.memberships:
        emit(f"  {format_org_number(m.org_number)} {m.customer_name}: {_roles_text(m.roles)}")
    for c in view.consents:
        state = "not asked" if c.given is None else ("given" if c.given else "withdrawn")
        emit(f"  consent {c.kind.cli_name}: {state}" + (f" on {c.on.isoformat()}" if c.on else ""))
    return 0


def list_people(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json, emit_table

    rows = ctx.services.people.list_people(args.org_number, include_erased=args.include_erased)
    if args.json:
        emit_json([r.as_dict() for r in rows])
    else:
        emit_table(
            [
                [
                    str(r.id),
                    r.full_name or "(erased)",
                    _roles_text(r.roles) if args.org_number else " ".join(r.org_numbers),
                    ", ".join(r.emails),
                ]
                for r in rows
            ],
            ["id", "name", "roles" if args.org_number else "customers", "e-mail"],
        )
    return 0


def correct(ctx: Any, args: argparse.Namespace) -> int:
    from dataclasses import replace

    from contractdesk.cli.output import emit, emit_json

    people = ctx.services.people
    read = people.get(args.person_id)
    current = read.as_input()
    changes = {
        k: v
        for k, v in {
            "first_name": args.first,
            "middle_name": args.middle,
            "last_name": args.last,
            "title": args.title,
            "phone": args.phone,
            "mobile": args.mobile,
            "emails": tuple(args.email) if args.email is not None else None,
        }.items()
        if v is not None
    }
    # The fields not given keep the values just read: a colleague's save in between is refused.
    expected = read.version if args.expected_version is None else args.expected_version
    view = people.correct(
        args.person_id, replace(current, **changes), expected_version=expected, actor="cli"
    )
    if args.json:
        emit_json(view.as_dict())
    else:
        emit(f"Corrected person {view.id}.")
    return 0


def add_role(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit

    ctx.services.people.add_role(
        args.org_number, args.person_id, args.role, requested_by=args.requested_by, actor="cli"
    )
    emit(f"Person {args.person_id} is now {args.role}.")
    return 0


def remove_role(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit

    ctx.services.people.remove_role(
        args.org_number, args.person_id, args.role, requested_by=args.requested_by, actor="cli"
    )
    emit(f"Person {args.person_id} is no longer {args.role}.")
    return 0


def export(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    people = ctx.services.people
    if args.output:
        path = people.export_to_file(args.person_id, args.output, actor="cli")
        emit(f"Wrote {path}.")
        return 0
    emit_json(people.export(args.person_id, actor="cli"))
    return 0


def erase(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json, error
    from contractdesk.domain.orgnr import format_org_number
    from contractdesk.services.errors import UserError

    if not args.yes:
        raise UserError(f"Erasing person {args.person_id} cannot be undone: repeat with --yes")
    successors: dict[str, int] = {}
    for item in args.next_main_contact:
        org, sep, pid = item.partition("=")
        if not sep or not pid.strip().isdigit():
            raise UserError(f"--next-main-contact {item!r}: use ORGNR=PERSON_ID")
        successors[org.strip()] = int(pid)
    result = ctx.services.people.erase(args.person_id, next_main_contacts=successors, actor="cli")
    if args.json:
        emit_json(result.as_dict())
    else:
        emit(f"Erased person {result.person_id}: personal data anonymised, id and history kept.")
        emit(
            "Backups made before now still hold the data until they are deleted on schedule "
            "(automatic backups: after 7 days, monthly ones after 12 months); restoring one "
            "erases this person again."
        )
    if not result.ledger_saved:
        error(
            "warning: the erasure is saved, but it could not be noted in the erasure ledger "
            "(disk full?); restoring an older backup would bring this person back."
        )
    for org in result.needs_main_contact:
        error(
            f"warning: {format_org_number(org)} has no main contact now; name one with: "
            f"customer set-main-contact {org} PERSON_ID "
            "--requested-by PERSON_ID"
        )
    return 0


def consent(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit

    ctx.services.people.record_consent(
        args.person_id,
        args.kind,
        args.given,
        on=_date(args.on, "--on"),
        source=args.source,
        actor="cli",
    )
    emit(f"Recorded: {args.kind} {'given' if args.given else 'withdrawn'}.")
    return 0


def log_request(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    people = ctx.services.people
    request_id = people.log_request(
        args.person_id,
        args.kind,
        received_on=_date(args.received, "--received"),
        note=args.note,
        actor="cli",
    )
    view = next(r for r in people.requests() if r.id == request_id)
    if args.json:
        emit_json(view.as_dict())
    else:
        emit(f"Logged request {request_id} ({args.kind}); answer by {view.due_on.isoformat()}.")
    return 0


def request_done(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit

    ctx.services.people.complete_request(
        args.request_id, done_on=_date(args.on, "--on"), actor="cli"
    )
    emit(f"Request {args.request_id} done.")
    return 0


def list_requests(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json, emit_table

    rows = ctx.services.people.requests(open_only=args.open_only)
    if args.json:
        emit_json([r.as_dict() for r in rows])
    else:
        emit_table(
            [
                [
                    str(r.id),
                    r.kind.value,
                    str(r.person_id or ""),
                    r.received_on.isoformat(),
                    r.due_on.isoformat(),
                    r.done_on.isoformat() if r.done_on else ("OVERDUE" if r.overdue() else "open"),
                ]
                for r in rows
            ],
            ["id", "kind", "person", "received", "due", "done"],
        )
    return 0


def whois(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json
    from contractdesk.domain.orgnr import format_org_number

    result = ctx.services.people.whois(" ".join(args.text))
    if args.json:
        emit_json(result.as_dict())
        return 0
    if not result.matches:
        emit(f"{result.query}: not registered, so NOT APPROVED (terms §8).")
        return 0
    for m in result.matches:
        emit(
            f"{m.person_id}: {m.full_name}"
            + (f", {m.title}" if m.title else "")
            + ("" if m.approved else " (NOT APPROVED: no role at any customer)")
        )
        for c in m.memberships:
            rights = [
                name
                for name, ok in (
                    ("approved contact", c.rights.approved_contact),
                    ("may order", c.rights.may_order),
                    ("may sign", c.rights.may_sign),
                )
                if ok
            ]
            emit(
                f"  {format_org_number(c.org_number)} {c.customer_name}: "
                f"{_roles_text(c.roles)} — {', '.join(rights)}"
            )
    if result.more:
        emit("… more matches: type more of the name.")
    return 0


def set_main_contact(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    people = ctx.services.people
    people.set_main_contact(
        args.org_number,
        args.person_id,
        requested_by=args.requested_by,
        keep_previous_as_contact=not args.drop_previous,
        actor="cli",
    )
    if args.json:
        from contractdesk.domain.orgnr import parse_org_number

        emit_json(
            {
                "org_number": parse_org_number(args.org_number),
                "main_contact_person_id": people.main_contact(args.org_number),
            }
        )
    else:
        emit(f"Person {args.person_id} is now the main contact.")
    return 0
