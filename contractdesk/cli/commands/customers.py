"""``contractdesk customer add|show|list|refresh`` and ``registry search|lookup``.

Customers from the registry.

Registry text is printed as the registry sent it, minus control characters (a hostile name
cannot move the cursor or recolour the terminal). A registry that cannot answer is exit 1 with
the reason, and — where it helps — how to register the customer by hand instead.
"""

from __future__ import annotations

import argparse
from typing import Any

from contractdesk.cli.registry import CommandRegistry, add_json_flag
from contractdesk.domain.customers import SORT_COLUMNS as SORT_CHOICES


def register(cli: CommandRegistry) -> None:
    verbs = cli.noun("customer", "customers: add from the registry or by hand, show, list, refresh")

    p = verbs.add_parser(
        "add", help="register a customer from the registry (or by hand with --offline)"
    )
    p.add_argument("org_number", metavar="ORGNR")
    p.add_argument(
        "--offline",
        action="store_true",
        help="register by hand without asking the registry (marked not verified until a refresh)",
    )
    p.add_argument("--name", help="the name (with --offline)")
    p.add_argument(
        "--address", action="append", default=[], metavar="LINE", help="address line (repeatable)"
    )
    p.add_argument("--postcode", default="")
    p.add_argument("--city", default="")
    p.add_argument("--municipality", default="")
    p.add_argument("--country-code", default="NO")
    add_json_flag(p)
    p.set_defaults(func=add)

    p = verbs.add_parser("show", help="show a customer: registry data, status, roles, signing rule")
    p.add_argument("org_number", metavar="ORGNR")
    add_json_flag(p)
    p.set_defaults(func=show)

    p = verbs.add_parser(
        "list", help="list customers, optionally searching name, org number, municipality, contact"
    )
    p.add_argument("--search", default="", metavar="TEXT")
    p.add_argument("--sort", choices=SORT_CHOICES, default="name")
    p.add_argument("--desc", action="store_true", help="descending order")
    p.add_argument("--limit", type=int, default=0, help="at most N customers (default: all)")
    p.add_argument("--offset", type=int, default=0)
    add_json_flag(p)
    p.set_defaults(func=list_customers)

    p = verbs.add_parser(
        "refresh", help="fetch one customer (or all) again; the registry's values are taken"
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("org_number", metavar="ORGNR", nargs="?")
    which.add_argument("--all", action="store_true", help="refresh every customer")
    add_json_flag(p)
    p.set_defaults(func=refresh)

    reg = cli.noun("registry", "ask the registry (Enhetsregisteret) without storing anything")
    p = reg.add_parser("search", help="search the registry by name (one page)")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--page", type=int, default=0, help="page number from 0")
    p.add_argument(
        "--size", type=int, default=None, help="hits per page (default: the registry's 20)"
    )
    add_json_flag(p)
    p.set_defaults(func=registry_search)

    p = reg.add_parser("lookup", help="everything the registry knows about one org number")
    p.add_argument("org_number", metavar="ORGNR")
    add_json_flag(p)
    p.set_defaults(func=registry_lookup)


# -- helpers --------------------------------------------------------------------------------------


def _plain(value: object) -> str:
    from contractdesk.output.text import clean_text

    return clean_text(value)


def _registry_failure(exc: Exception, org_number: str | None) -> int:
    """Print a registry problem (and the way to register by hand) and return exit code 1."""
    from contractdesk.cli.output import error

    error(str(exc))
    if org_number and getattr(exc, "manual_entry_possible", False):
        error(
            "to register it by hand (not verified until a refresh): "
            f"contractdesk customer add {org_number} "
            "--offline --name NAME [--address LINE] [--postcode CODE] [--city CITY]"
        )
    return 1


def _print_signing(view: Any) -> None:
    from contractdesk.cli.output import emit

    rule = view.signing_rule
    emit(f"  Signing rule: {_plain(rule.display_text) or '(none registered)'}")
    for signer_set in rule.signer_sets:
        emit(
            "    - "
            + (
                " and ".join(_plain(n) for n in signer_set)
                if len(signer_set) > 1
                else f"{_plain(signer_set[0])} alone"
            )
        )
    if rule.confirmed:
        emit(f"    Confirmed by hand by {_plain(rule.confirmed_by)}:")
        for signer_set in rule.confirmed_sets:
            emit("      - " + " and ".join(_plain(n) for n in signer_set))
    if view.needs_manual_confirmation:
        if rule.registered and not rule.standardised:
            emit("    The registry gives this rule only as text: confirm by hand who may sign.")
        else:
            emit("    No signing rule is registered: confirm by hand who may sign.")
    if view.procuration_rule is not None:
        emit(f"  Procuration: {_plain(view.procuration_rule.text)}")


def _print_roles(view: Any) -> None:
    from contractdesk.cli.output import emit

    if view.registry_roles:
        emit("  Roles:")
        for role in view.registry_roles:
            notes = [
                "may sign" if role.may_sign else "",
                f"elected by {_plain(role.elected_by)}" if role.elected_by else "",
                f"liability share {_plain(role.liability_share)}" if role.liability_share else "",
                "cannot sign alone: check" if role.capacity_limited else "",
            ]
            shown = ", ".join(n for n in notes if n)
            emit(
                f"    {_plain(role.role)}: {_plain(role.name)}" + (f"  ({shown})" if shown else "")
            )
    for remark in view.remarks:
        emit(f"  Registry remark ({_plain(remark.info_type)}): {_plain(remark.text)}")


def _print_card(view: Any) -> None:
    from contractdesk.cli.output import emit
    from contractdesk.services.customers import status_label

    status = status_label(view.status)
    if view.status_date:
        status += f" ({view.status_date.isoformat()})"
    emit(f"{_plain(view.name)}  [{view.display_org_number}]")
    form = " ".join(
        x
        for x in (
            view.organisation_form,
            f"({_plain(view.organisation_form_text)})" if view.organisation_form_text else "",
        )
        if x
    )
    if form:
        emit(f"  Organisation form: {form}")
    emit(f"  Status: {status}")
    if not view.may_issue_agreement:
        emit("  No new agreement can be issued to this customer.")
    emit(f"  VAT registered: {'yes' if view.vat_registered else 'no'}")
    for label, address in (
        ("Business address", view.business_address),
        ("Postal address", view.postal_address),
    ):
        if address.is_empty:
            continue
        parts = [*address.lines, " ".join(x for x in (address.postcode, address.city) if x)]
        muni = address.municipality
        if muni or address.municipality_number:
            parts.append(f"municipality {muni} {address.municipality_number}".rstrip())
        if address.country and address.country_code != "NO":
            parts.append(address.country)
        emit(f"  {label}: " + ", ".join(_plain(p) for p in parts if p))
    _print_signing(view)
    _print_roles(view)
    for departed in view.departed_signatories:
        emit(
            f"  ! {_plain(departed.name)} no longer holds a signing role in the registry"
            + (f" (noticed {departed.noticed_on.isoformat()})" if departed.noticed_on else "")
        )
    if view.verified_at:
        emit(f"  Verified against the registry: {view.verified_at.isoformat(timespec='seconds')}")
    else:
        emit(
            "  Not verified against the registry: run `contractdesk customer refresh "
            f"{view.org_number}` when it can be reached."
        )


def _change_line(change: Any) -> str:
    import json

    def show(value: object) -> str:
        if value is None or value == "" or value == []:
            return "—"
        return _plain(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))

    return f"  {change.label}: {show(change.old)} → {show(change.new)}"


# -- handlers -------------------------------------------------------------------------------------


def add(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json, error
    from contractdesk.registry import RegistryError
    from contractdesk.services.customers import OfflineCustomer

    customers = ctx.services.customers
    if args.offline:
        if not args.name:
            error("--offline needs --name NAME")
            return 2
        view = customers.register_offline(
            OfflineCustomer(
                org_number=args.org_number,
                name=args.name,
                address_lines=tuple(args.address),
                postcode=args.postcode,
                city=args.city,
                municipality=args.municipality,
                country_code=args.country_code,
            ),
            actor="cli",
        )
    else:
        if args.name or args.address or args.postcode or args.city or args.municipality:
            error(
                "--name and address options go with --offline; "
                "without it the registry's data is taken"
            )
            return 2
        try:
            view = customers.register(args.org_number, actor="cli")
        except RegistryError as exc:
            return _registry_failure(exc, args.org_number)
    if args.json:
        emit_json(view.as_dict())
    else:
        emit(f"Registered {_plain(view.name)} ({view.display_org_number}).")
        if view.status == "unverified":
            emit(
                "Not verified against the registry yet: "
                "refresh it when the registry can be reached."
            )
        _print_card(view)
    return 0


def show(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json

    view = ctx.services.customers.get(args.org_number)
    if args.json:
        emit_json(view.as_dict())
    else:
        _print_card(view)
    return 0


def list_customers(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json, emit_table
    from contractdesk.domain.orgnr import format_org_number
    from contractdesk.services.customers import MAX_PAGE_SIZE, CustomerQuery, status_label

    customers = ctx.services.customers
    query = CustomerQuery(search=args.search, sort=args.sort, descending=args.desc)
    wanted = args.limit if args.limit > 0 else None
    rows: list[Any] = []
    offset = max(0, args.offset)
    while wanted is None or len(rows) < wanted:
        size = MAX_PAGE_SIZE if wanted is None else min(MAX_PAGE_SIZE, wanted - len(rows))
        page = customers.list_customers(query, offset=offset, limit=size)
        rows.extend(page)
        offset += len(page)
        if len(page) < size:
            break
    if args.json:
        emit_json([r.as_dict() for r in rows])
    else:
        emit_table(
            [
                [
                    format_org_number(r.org_number),
                    _plain(r.name),
                    _plain(r.municipality),
                    status_label(r.status),
                    _plain(r.main_contact),
                ]
                for r in rows
            ],
            ["org number", "name", "municipality", "status", "main contact"],
        )
    return 0


def refresh(ctx: Any, args: argparse.Namespace) -> int:
    import sys

    from contractdesk.cli.output import emit, emit_json, error
    from contractdesk.domain.orgnr import format_org_number
    from contractdesk.registry import RegistryError

    customers = ctx.services.customers
    if not args.all:
        try:
            result = customers.refresh(args.org_number, actor="cli")
        except RegistryError as exc:
            error(f"{exc} Nothing was changed.")
            return 1
        if args.json:
            emit_json(result.as_dict())
            return 0
        if result.message:
            error(result.message)
        _print_result(result)
        return 0

    def progress(done: int, total: int, number: str) -> None:
        if number and not args.json and sys.stderr.isatty():
            print(f"\r{done + 1}/{total} {number}", end="", file=sys.stderr, flush=True)

    outcome = customers.refresh_all(progress=progress, actor="cli")
    if not args.json and sys.stderr.isatty():
        print(file=sys.stderr)
    if args.json:
        emit_json(outcome.as_dict())
    else:
        for result in outcome.changed:
            _print_result(result)
        emit(
            f"Refreshed {len(outcome.results)} of {outcome.total} customers; "
            f"{len(outcome.changed)} changed."
        )
        if outcome.summary_text:
            emit(f"Changes: {outcome.summary_text}.")
        emit(f"{outcome.requests} registry requests ({outcome.mode}).")
    if outcome.cancelled:
        error("Cancelled: the next refresh continues where this one stopped.")
    for failure in outcome.failures:
        error(
            f"{format_org_number(failure.org_number)} {_plain(failure.name)}: "
            f"{failure.message} Nothing was changed."
        )
    return 1 if outcome.failures else 0


def _print_result(result: Any) -> None:
    from contractdesk.cli.output import emit
    from contractdesk.domain.orgnr import format_org_number

    head = f"{format_org_number(result.org_number)} {_plain(result.name)}"
    if not result.changes and not result.departed_signatories:
        emit(f"{head}: no changes.")
        return
    emit(f"{head}: the registry's values were taken:")
    for change in result.changes:
        emit(_change_line(change))
    for departed in result.departed_signatories:
        emit(
            f"  ! {_plain(departed.name)} no longer holds a signing role in the registry: "
            "check who signs."
        )


def _registry() -> Any:
    from contractdesk.registry import RegistryClient, RegistrySettings

    return RegistryClient(RegistrySettings.from_env())


def registry_search(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json, emit_table, error
    from contractdesk.domain.orgnr import format_org_number
    from contractdesk.registry import RegistryError

    if (
        not args.text.strip()
        or len(args.text.strip()) > 180
        or args.page < 0
        or (args.size or 1) < 1
    ):
        error("search text must have 1 to 180 characters; --page from 0, --size from 1")
        return 2
    try:
        with _registry() as registry:
            page = registry.search(args.text, page=args.page, size=args.size)
    except RegistryError as exc:
        return _registry_failure(exc, None)
    items = []
    for e in page.items:
        address = e.business_address or e.postal_address
        items.append(
            {
                "org_number": e.org_number,
                "name": e.name,
                "organisation_form": e.organisation_form.code if e.organisation_form else "",
                "municipality": address.municipality if address else "",
                "status": e.status,
            }
        )
    if args.json:
        emit_json(
            {
                "items": items,
                "page": page.page,
                "total_pages": page.total_pages,
                "total": page.total,
                "size": page.size,
            }
        )
    else:
        emit_table(
            [
                [
                    format_org_number(i["org_number"]),
                    _plain(i["name"]),
                    i["organisation_form"],
                    _plain(i["municipality"]),
                    i["status"],
                ]
                for i in items
            ],
            ["org number", "name", "form", "municipality", "status"],
        )
        emit(f"Page {page.page + 1} of {max(page.total_pages, 1)} ({page.total} hits).")
    return 0


def registry_lookup(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json
    from contractdesk.registry import InvalidOrgNumber, RegistryError
    from contractdesk.services.customers import preview

    try:
        with _registry() as registry:
            lookup = registry.lookup(args.org_number)
    except InvalidOrgNumber:
        raise
    except RegistryError as exc:
        return _registry_failure(exc, args.org_number)
    view = preview(lookup)
    if args.json:
        emit_json(view.as_dict())
    else:
        _print_card(view)
    return 0
