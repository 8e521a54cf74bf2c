"""Importing a customer list: every row checked, every number looked up, then all or nothing.

Rows are validated first (org number, duplicates, contact fields); numbers already customers
are left as they are. The rest are looked up in the registry — one look-up each for a few, the
registry's bulk files for many (their signing rules then come from the organisation form until
the customer is refreshed) — and only when every row is good are they stored, in one
transaction. Otherwise nothing is stored and the report says what was wrong, row by row.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from contractdesk.domain.orgnr import InvalidOrgNumber, format_org_number, parse_org_number
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.registry import Cancelled, NotFound, RegistryClient, RegistryError, RegistryLookup
from contractdesk.registry.bulk import iter_bulk_entities, iter_bulk_roles
from contractdesk.registry.signing import complete_rules
from contractdesk.services.customers.errors import org_reason
from contractdesk.services.customers.import_file import RawRow, read_table
from contractdesk.services.customers.records import apply_snapshot, snapshot_of_lookup
from contractdesk.services.validation import clean_text, normalise_email, normalise_phone
from contractdesk.store import audit
from contractdesk.store.engine import Store
from contractdesk.store.models import Customer
from contractdesk.store.queries import customers as q

ProgressCallback = Callable[[int, int, str], None]


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one row of the file (``line`` counts from 1, the header included)."""

    line: int
    value: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "value": self.value, "message": self.message}


@dataclass(frozen=True)
class ImportReport:
    """The outcome: ``imported`` only when ``problems`` is empty (all or nothing)."""

    rows: int
    imported: tuple[str, ...] = ()
    existing: tuple[str, ...] = ()
    problems: tuple[RowProblem, ...] = ()
    contacts: tuple[tuple[str, str, str, str], ...] = ()
    """(org number, contact name, e-mail, phone) of rows with contact data, for the caller."""
    mode: str = "per-customer"
    requests: int = 0
    cancelled: bool = False
    contact_problems: tuple[RowProblem, ...] = ()
    """Contacts that could not be added after the customers were stored."""

    @property
    def ok(self) -> bool:
        return not self.problems and not self.cancelled

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "imported": list(self.imported),
            "existing": list(self.existing),
            "problems": [p.as_dict() for p in self.problems],
            "mode": self.mode,
            "requests": self.requests,
            "cancelled": self.cancelled,
            "contact_problems": [p.as_dict() for p in self.contact_problems],
        }


@dataclass
class _Plan:
    rows: int
    numbers: dict[str, int] = field(default_factory=dict)  # org number → line
    existing: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    contacts: list[tuple[str, str, str, str]] = field(default_factory=list)


def _check_rows(rows: Sequence[RawRow], known: set[str]) -> _Plan:
    plan = _Plan(rows=len(rows))
    if not rows:
        plan.problems.append(
            RowProblem(
                0, "", translate("CustomerImport", "The file holds no organisation numbers.")
            )
        )
    for row in rows:
        try:
            number = parse_org_number(row.org_number)
        except InvalidOrgNumber as exc:
            message = fill(
                translate("CustomerService", "Organisation number: %1"), org_reason(str(exc))
            )
            plan.problems.append(RowProblem(row.line, row.org_number, message))
            continue
        if number in plan.numbers or number in plan.existing:
            first = plan.numbers.get(number)
            plan.problems.append(
                RowProblem(
                    row.line,
                    row.org_number,
                    fill(
                        translate("CustomerImport", "Listed twice (first on line %1)."),
                        first or "?",
                    ),
                )
            )
            continue
        try:
            contact = (
                clean_text(row.contact, field=translate("CustomerImport", "Contact"), max_len=200),
                normalise_email(row.email) if row.email else "",
                normalise_phone(row.phone) if row.phone else "",
            )
        except UserError as exc:
            plan.problems.append(RowProblem(row.line, row.org_number, str(exc)))
            continue
        if any(contact):
            plan.contacts.append((number, *contact))
        if number in known:
            plan.existing.append(number)
        else:
            plan.numbers[number] = row.line
    return plan


def import_customers(
    store: Store,
    registry: RegistryClient,
    path: Path,
    *,
    actor: str,
    bulk_threshold: int,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> ImportReport:
    """Import the customer list in ``path`` (CSV or XLSX); see the module docstring.

    Raises:
        UserError: the file cannot be read at all.
    """
    cancel = cancel or threading.Event()
    before = registry.requests_made
    rows = read_table(path)
    with store.read_session() as s:
        known = q.all_org_numbers(s)
    plan = _check_rows(rows, known)
    mode = "bulk" if len(plan.numbers) > bulk_threshold else "per-customer"
    lookups: dict[str, RegistryLookup] = {}
    cancelled = False
    if not plan.problems:
        try:
            if mode == "bulk":
                lookups = _bulk_lookups(registry, plan, cancel)
            else:
                lookups = _each_lookup(registry, plan, cancel, progress)
        except Cancelled:
            cancelled = True
    imported: tuple[str, ...] = ()
    if not plan.problems and not cancelled:
        _store_all(store, plan, lookups, actor, path.name)
        imported = tuple(plan.numbers)
    return ImportReport(
        rows=plan.rows,
        imported=imported,
        existing=tuple(plan.existing),
        problems=tuple(sorted(plan.problems, key=lambda p: p.line)),
        contacts=tuple(plan.contacts) if imported or plan.existing else (),
        mode=mode,
        requests=registry.requests_made - before,
        cancelled=cancelled,
    )


def _problem_of(number: str, line: int, exc: RegistryError) -> RowProblem:
    if isinstance(exc, NotFound):
        message = translate(
            "CustomerImport", "The registry does not know this organisation number."
        )
    else:
        message = str(exc)
    return RowProblem(line, format_org_number(number), message)


def _sub_unit(plan: _Plan, lookup: RegistryLookup) -> bool:
    entity = lookup.entity
    if not entity.is_sub_unit:
        return False
    plan.problems.append(
        RowProblem(
            plan.numbers[entity.org_number],
            format_org_number(entity.org_number),
            fill(
                translate("CustomerImport", "A sub-unit: list its main entity %1 instead."),
                format_org_number(entity.parent_org_number or "") or "?",
            ),
        )
    )
    return True


def _each_lookup(
    registry: RegistryClient,
    plan: _Plan,
    cancel: threading.Event,
    progress: ProgressCallback | None,
) -> dict[str, RegistryLookup]:
    found: dict[str, RegistryLookup] = {}
    for done, (number, line) in enumerate(plan.numbers.items()):
        if cancel.is_set():
            raise Cancelled()
        if progress is not None:
            progress(done, len(plan.numbers), format_org_number(number))
        try:
            lookup = registry.lookup(number, cancel=cancel)
        except Cancelled:
            raise
        except RegistryError as exc:
            plan.problems.append(_problem_of(number, line, exc))
            continue
        if not _sub_unit(plan, lookup):
            found[number] = lookup
    return found


def _bulk_lookups(
    registry: RegistryClient, plan: _Plan, cancel: threading.Event
) -> dict[str, RegistryLookup]:
    wanted = set(plan.numbers)
    found: dict[str, RegistryLookup] = {}
    with tempfile.TemporaryDirectory(prefix="contractdesk-import-") as folder:
        files = {kind: Path(folder) / f"{kind}.json.gz" for kind in ("entities", "roles")}
        for kind, target in files.items():
            with target.open("wb") as sink:
                registry.download_bulk(kind, sink, cancel=cancel)
        roles = dict(iter_bulk_roles(files["roles"], wanted, cancelled=cancel.is_set))
        now = datetime.now(UTC)
        for entity in iter_bulk_entities(files["entities"], wanted, cancelled=cancel.is_set):
            held = roles.get(entity.org_number, ())
            found[entity.org_number] = RegistryLookup(
                entity, held, complete_rules(entity, held, []), now
            )
    for number in [n for n in plan.numbers if n not in found]:  # deleted, removed, unknown
        try:
            lookup = registry.lookup(number, cancel=cancel)
        except Cancelled:
            raise
        except RegistryError as exc:
            plan.problems.append(_problem_of(number, plan.numbers[number], exc))
            continue
        found[number] = lookup
    for lookup in list(found.values()):
        if _sub_unit(plan, lookup):
            del found[lookup.entity.org_number]
    return found


def _store_all(
    store: Store, plan: _Plan, lookups: dict[str, RegistryLookup], actor: str, file_name: str
) -> None:
    """Every new customer in one transaction, with one audit entry naming them all."""
    with store.session() as s:
        known = q.all_org_numbers(s)  # someone may have registered one meanwhile
        added: list[str] = []
        for number in plan.numbers:
            if number in known:
                continue
            lookup = lookups[number]
            c = Customer(org_number=number, registry_roles=[])
            retrieved = lookup.retrieved_at or datetime.now(UTC)
            apply_snapshot(c, snapshot_of_lookup(lookup), [], retrieved)
            s.add(c)
            added.append(number)
        s.flush()
        audit.append(
            s,
            actor=actor,
            action="customer.imported",
            entity_type="customer",
            entity_id="import",
            payload={"source": "import", "file": file_name, "org_numbers": added},
        )


def add_contacts(people: Any, report: ImportReport, *, actor: str) -> ImportReport:
    """Make each imported row's contact the customer's main contact (``people``: the people
    service). Customers that already were customers keep theirs."""
    if people is None or not report.imported:
        return report
    from contractdesk.services.people import PersonInput

    imported = set(report.imported)
    problems: list[RowProblem] = []
    for number, name, email, phone in report.contacts:
        if number not in imported or not name:
            continue
        first, _, last = name.rpartition(" ")
        data = PersonInput(
            first_name=first or last,
            last_name=last if first else "",
            phone=phone,
            emails=(email,) if email else (),
        )
        try:
            people.add_person_at(number, data, "main_contact", actor=actor)
        except UserError as exc:
            problems.append(RowProblem(0, format_org_number(number), str(exc)))
    return replace(report, contact_problems=tuple(problems))


__all__ = ["ImportReport", "RowProblem", "add_contacts", "import_customers"]
