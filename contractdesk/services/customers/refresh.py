"""Taking a registry answer over a stored customer (terms §7: the registry is right).

Each function runs one short write transaction: the registry was asked before, never inside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from contractdesk.domain.people import full_name
from contractdesk.domain.registry_snapshot import FieldChange, Snapshot, diff, iso
from contractdesk.i18n import translate
from contractdesk.registry import RegistryLookup
from contractdesk.services.customers.records import (
    apply_snapshot,
    norm_name,
    snapshot_of_customer,
    snapshot_of_lookup,
)
from contractdesk.services.customers.results import RefreshResult
from contractdesk.services.customers.views import DepartedSignatory
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import Customer
from contractdesk.store.queries.customers import (
    Session,
    customer_by_org_number,
    registry_signers_of,
)
from contractdesk.store.types import utcnow


def take_lookup(store: Store, number: str, lookup: RegistryLookup, actor: str) -> RefreshResult:
    """Take the registry's values; the changed fields go to the audit log."""
    new = snapshot_of_lookup(lookup)
    today = datetime.now(UTC).date()
    with store.session() as s:
        c = customer_by_org_number(s, number)
        return take_snapshot(s, c, new, lookup.retrieved_at or utcnow(), actor, today)


def take_snapshot(
    s: Session, c: Customer, new: Snapshot, retrieved: datetime, actor: str, today: date
) -> RefreshResult:
    """Apply ``new`` to the customer ``c`` inside the caller's transaction."""
    old = snapshot_of_customer(c)
    changes = diff(old, new)
    departed_now, departed_all = departed_signatories(s, c, old, new, today)
    apply_snapshot(c, new, departed_all, retrieved)
    if changes or departed_now:
        audit.append(
            s,
            actor=actor,
            action="customer.refreshed",
            entity_type="customer",
            entity_id=c.org_number,
            payload={
                "changes": [ch.as_dict() for ch in changes],
                "departed_signatories": [d.name for d in departed_now],
            },
        )
    return RefreshResult(
        org_number=c.org_number,
        name=c.name,
        changes=tuple(changes),
        departed_signatories=tuple(departed_now),
        status=c.status,
    )


def mark_removed(store: Store, number: str, actor: str) -> RefreshResult:
    """A 410: the status becomes ``removed``; everything else stored is kept."""
    with store.session() as s:
        return mark_removed_in(s, customer_by_org_number(s, number), actor)


def mark_removed_in(s: Session, c: Customer, actor: str) -> RefreshResult:
    message = translate(
        "CustomerService",
        "The company was removed from the registry's open data. Its status is now "
        "“removed”; the stored data was kept.",
    )
    changes: list[FieldChange] = []
    if c.status != "removed":
        changes.append(FieldChange("status", c.status, "removed"))
        c.status = "removed"
        audit.append(
            s,
            actor=actor,
            action="customer.refreshed",
            entity_type="customer",
            entity_id=c.org_number,
            payload={"changes": [ch.as_dict() for ch in changes], "registry": "410"},
        )
    return RefreshResult(
        org_number=c.org_number,
        name=c.name,
        changes=tuple(changes),
        status=c.status,
        message=message,
    )


def departed_signatories(
    s: Session, c: Customer, old: Snapshot, new: Snapshot, today: date
) -> tuple[list[DepartedSignatory], list[dict[str, Any]]]:
    """Signatories no longer in the registry: (newly flagged now, the stored list to keep)."""
    data = c.registry_data if isinstance(c.registry_data, dict) else {}
    kept = [d for d in data.get("departed_signatories") or [] if isinstance(d, Mapping)]
    if new.signatories is None:  # a reduced answer says nothing about signatories
        return [], [dict(d) for d in kept]
    current = {norm_name(str(x.get("name") or "")) for x in new.signatories}
    flagged: dict[str, DepartedSignatory] = {}
    for prev in old.signatories or []:
        name = str(prev.get("name") or "")
        if name and norm_name(name) not in current:
            flagged[norm_name(name)] = DepartedSignatory(
                name, tuple(prev.get("roles") or ()), today
            )
    for person_id, first, middle, last in registry_signers_of(s, c.id):
        name = full_name(first, middle, last)
        key = norm_name(name)
        if key and key not in current:
            before = flagged.get(key)
            flagged[key] = DepartedSignatory(name, before.roles if before else (), today, person_id)
    already = {norm_name(str(d.get("name") or "")) for d in kept}
    newly = [d for k, d in flagged.items() if k not in already]
    keep = [dict(d) for d in kept if norm_name(str(d.get("name") or "")) not in current]
    keep += [
        {
            "name": d.name,
            "roles": list(d.roles),
            "noticed_on": iso(d.noticed_on),
            "person_id": d.person_id,
        }
        for d in newly
    ]
    return newly, keep
