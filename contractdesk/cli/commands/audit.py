"""``contractdesk audit list|verify``: read and check the hash-chained audit log."""

from __future__ import annotations

import argparse
from typing import Any

from contractdesk.cli.registry import CommandRegistry, add_json_flag


def register(cli: CommandRegistry) -> None:
    verbs = cli.noun("audit", "read or verify the audit log")
    p = verbs.add_parser("list", help="list audit entries, newest last")
    p.add_argument("--entity", help="only entries of this entity type (customer, person, …)")
    p.add_argument("--limit", type=int, default=0, help="only the last N entries")
    add_json_flag(p)
    p.set_defaults(func=list_entries)
    v = verbs.add_parser("verify", help="check the hash chain; names the first broken entry")
    add_json_flag(v)
    v.set_defaults(func=verify)


def list_entries(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit_json, emit_table

    items = [
        {
            "id": e.id,
            "at": e.at,
            "actor": e.actor,
            "action": e.action,
            "entity_type": e.entity_type,
            "entity_id": e.entity_id,
            "details": e.details,
            "hash": e.hash,
        }
        for e in ctx.services.safety.audit_entries(args.entity, args.limit)
    ]
    if args.json:
        emit_json(items)
    else:
        emit_table(
            [
                [
                    str(i["id"]),
                    i["at"].isoformat(timespec="seconds"),
                    i["actor"],
                    i["action"],
                    f"{i['entity_type']}:{i['entity_id']}",
                ]
                for i in items
            ],
            ["id", "at", "actor", "action", "entity"],
        )
    return 0


def verify(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json, error

    result = ctx.services.safety.verify_audit()
    if args.json:
        emit_json(
            {
                "ok": result.ok,
                "checked": result.checked,
                "first_broken_id": result.first_broken_id,
                "reason": result.reason,
            }
        )
    elif result.ok:
        emit(f"Audit log intact: {result.checked} entries verified.")
    if not result.ok:
        if not args.json:
            error(f"audit log broken at entry {result.first_broken_id}: {result.reason}")
        return 1
    return 0
