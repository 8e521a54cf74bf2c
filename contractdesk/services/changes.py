"""One change notification for every view: what changed (areas) and which records (ids).

The services publish a :class:`Change` on their :class:`ChangeBus` after each write use case has
returned (its transaction committed). The bus knows no Qt: the GUI bridges it to one Qt signal,
and every open list, card and page reloads only what a change concerns.

Which use cases write, and what they change, is the table :data:`WRITES`; :func:`announce` wraps
those methods of the live service objects when the services container is built, so the use cases
themselves stay free of notification code. A test checks that every listed method exists.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

CUSTOMERS = "customers"
PEOPLE = "people"
AGREEMENTS = "agreements"
ACCEPTANCES = "acceptances"
TERMS = "terms"
SERVICES = "services"
SUPPLIER = "supplier"
INVOICE_RUNS = "invoice_runs"
PRIVACY = "privacy"  # retention marks, breaches and their notices, privacy documents
SETTINGS = "settings"
AUDIT = "audit"  # only the audit log (exports, stamps): no list shows it, no view reloads
ISSUED = "issued_documents"  # frozen document versions and PDF hashes (evidence; no list shows it)

_ORG = re.compile(r"^\d{9}$")


@dataclass(frozen=True)
class Change:
    """What changed.

    Attributes:
        areas: the kinds of records changed (``customers``, ``people``, ``agreements``…).
        org_numbers: the customers concerned; empty when not known (any customer may be).
        ids: the changed records' own ids (person, agreement, service…), when known.
        action: the use case that made the change (for logs and tests).
    """

    areas: frozenset[str]
    org_numbers: frozenset[str] = field(default_factory=frozenset)
    ids: frozenset[int | str] = field(default_factory=frozenset)
    action: str = ""

    def touches(self, *areas: str) -> bool:
        """True when any of ``areas`` changed."""
        return not self.areas.isdisjoint(areas)

    def concerns(self, org_number: str) -> bool:
        """True when the change may concern the customer ``org_number``."""
        return not self.org_numbers or org_number in self.org_numbers

    def merged(self, other: Change) -> Change:
        """One change standing for both (unknown customers stay unknown)."""
        orgs: frozenset[str] = (
            frozenset()
            if not self.org_numbers or not other.org_numbers
            else self.org_numbers | other.org_numbers
        )
        return Change(self.areas | other.areas, orgs, self.ids | other.ids, "")


Listener = Callable[[Change], None]


class ChangeBus:
    """Publish/subscribe for :class:`Change`; listeners are called on the publishing thread."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` for every change; returns a function that unsubscribes it."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def publish(self, change: Change) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(change)
            except Exception:  # a broken listener must not undo a committed change
                log.exception("a change listener failed")


# service attribute (dotted for a part: ``privacy.retention``) -> method -> areas it changes.
# Every public service method that opens ``store.session()`` (the write lock) is listed: a test
# reads the services' source and fails on one that is not (tests/services/test_changes_writes.py).
_PEOPLE_WRITE = frozenset({PEOPLE, CUSTOMERS})
_AGREEMENT_WRITE = frozenset({AGREEMENTS, ACCEPTANCES, CUSTOMERS})
_TERMS_WRITE = frozenset({TERMS})
_RUNS_WRITE = frozenset({INVOICE_RUNS, SERVICES})
_AUDIT_ONLY = frozenset({AUDIT})
# a retention run deletes or anonymises whatever its rules make due
_RETENTION_WRITE = frozenset({PRIVACY, PEOPLE, CUSTOMERS, AGREEMENTS, ACCEPTANCES, SERVICES})
WRITES: dict[str, dict[str, frozenset[str]]] = {
    "customers": {
        **{
            name: frozenset({CUSTOMERS})
            for name in (
                "register",
                "register_lookup",
                "register_offline",
                "refresh",
                "refresh_all",
            )
        },
        "confirm_signers": _PEOPLE_WRITE,
        "import_customers": _PEOPLE_WRITE,
    },
    "people": {
        name: _PEOPLE_WRITE
        for name in (
            "add_person",
            "add_person_at",
            "add_role",
            "remove_role",
            "remove_from_customer",
            "set_main_contact",
            "add_from_registry",
            "correct",
            "erase",
            "reapply_erasure",
        )
    }
    | {
        # a person's own records: no customer's row shows them
        **{
            name: frozenset({PEOPLE})
            for name in ("record_consent", "log_request", "complete_request")
        },
        "export": _AUDIT_ONLY,
        "export_to_file": _AUDIT_ONLY,
    },
    "terms": {
        **{
            name: _TERMS_WRITE
            for name in (
                "import_text",
                "import_file",
                "copy_to_draft",
                "update_draft",
                "delete_draft",
                "add_subprocessor",
                "update_subprocessor",
                "retire_subprocessor",
            )
        },
        "publish": frozenset({TERMS, ACCEPTANCES, AGREEMENTS}),
    },
    "agreements": {
        name: _AGREEMENT_WRITE
        for name in (
            "create_agreement",
            "mark_sent",
            "set_state",
            "delete_draft_agreement",
            "activate_due",
            "record_acceptance",
            "attach_scan",
            "erase_signer_name",
            "mark_notified",
            "confirm_terminations",
            "document_agreements",
        )
    }
    | {
        "issue_documents": frozenset({ISSUED}),
        "record_pdf": frozenset({ISSUED}),
        "record_pdfs": frozenset({ISSUED}),
        # stamps the day a customer would count as terminated: audited, shown nowhere new
        "termination_proposals": _AUDIT_ONLY,
    },
    "billing": {
        name: frozenset({SERVICES})
        for name in (
            "set_customer_billing",
            "add_service",
            "edit_service",
            "remove_service",
            "terminate",
            "withdraw_termination",
            "record_usage",
            "adjust_price",
            "remove_price_adjustment",
            "add_price_index",
            "apply_yearly_adjustment",
            "price_notices",
            "record_notice_sent",
        )
    }
    | {"export_csv": _AUDIT_ONLY},
    "invoice_runs": {
        **{name: _RUNS_WRITE for name in ("run", "undo", "import_receipt")},
        "export": frozenset({INVOICE_RUNS}),
        **{
            name: frozenset({INVOICE_RUNS, SETTINGS})
            for name in (
                "set_recipient",
                "set_runs_from",
                "set_start_number",
                "set_account_number",
                "set_numbering",
                "set_business_register",
            )
        },
    },
    "privacy.retention": {
        "run": _RETENTION_WRITE,
        "set_period": frozenset({PRIVACY, SETTINGS}),
    },
    "privacy.breaches": {
        name: frozenset({PRIVACY}) for name in ("add", "mark_reported", "notify", "send")
    },
    "privacy.documents": {
        "export_art30": frozenset({PRIVACY, AUDIT}),
        "export_statement": frozenset({PRIVACY, AUDIT}),
        "set_transfer": frozenset({PRIVACY, TERMS}),
        "create_dpa_draft": _TERMS_WRITE,
    },
    "settings": {"set": frozenset({SETTINGS})},
    "documents": {
        name: frozenset({AGREEMENTS, CUSTOMERS})
        for name in ("agreement_pdf", "signature_sheet", "email_draft", "send", "batch")
    },
    "paper": {
        name: frozenset({AGREEMENTS, CUSTOMERS})
        for name in ("print_pack", "sheets", "email_draft_with_sheet")
    },
    "supplier": {"save": frozenset({SUPPLIER})},
}

# Document use cases change something only when they made a new draft agreement (or sent one).
_ONLY_WHEN_CREATED = frozenset(
    {"agreement_pdf", "signature_sheet", "email_draft", "document_agreements"}
)
# These return how many records they changed (or whether they changed any): nothing to announce
# when none.
_COUNTS = frozenset({"activate_due", "mark_notified", "reapply_erasure"})


def _first_org_or_id(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[set[str], set[Any]]:
    orgs: set[str] = set()
    ids: set[Any] = set()
    first = args[0] if args else kwargs.get("org_number")
    if isinstance(first, str) and _ORG.match(first.replace(" ", "")):
        orgs.add(first.replace(" ", ""))
    elif isinstance(first, (int, str)) and not isinstance(first, bool):
        ids.add(first)
    elif isinstance(first, Iterable) and not isinstance(first, (str, bytes)):
        for item in first:
            if isinstance(item, str) and _ORG.match(item):
                orgs.add(item)
    return orgs, ids


def _result_orgs(result: Any) -> set[str]:
    found: set[str] = set()
    items = result if isinstance(result, (list, tuple)) else [result]
    for item in items:
        for candidate in (item, getattr(item, "ref", None), getattr(item, "customer", None)):
            org = getattr(candidate, "org_number", None)
            if isinstance(org, str) and _ORG.match(org):
                found.add(org)
    return found


def _created(result: Any) -> bool:
    if isinstance(result, dict):  # org number -> (agreement, made now)
        return any(bool(made) for _view, made in result.values())
    items = result if isinstance(result, tuple) else (result,)
    for item in items:
        ref: object = getattr(item, "ref", item)
        created = getattr(ref, "created", None)
        if created is not None:
            return bool(created)
    return True


class _Nesting(threading.local):
    """The write use cases running on this thread, outermost first, and what the inner ones
    changed: a use case that calls others announces once, for all of them."""

    def __init__(self) -> None:
        self.depth = 0
        self.inner: Change | None = None


_nesting = _Nesting()


def _inner_call(
    method: Callable[..., Any],
    name: str,
    areas: frozenset[str],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> Any:
    _nesting.depth += 1
    try:
        result = method(*args, **kwargs)
    finally:
        _nesting.depth -= 1
    change = _change_of(name, areas, args, kwargs, result)
    if change is not None:
        inner = _nesting.inner
        _nesting.inner = change if inner is None else inner.merged(change)
    return result


def _change_of(
    name: str, areas: frozenset[str], args: tuple[Any, ...], kwargs: dict[str, Any], result: Any
) -> Change | None:
    """What a call changed, None when it changed nothing."""
    if name in _ONLY_WHEN_CREATED and not _created(result):
        return None
    if (name in _COUNTS and not result) or (isinstance(result, list) and not result):
        return None
    orgs, ids = _first_org_or_id(args, kwargs)
    orgs |= _result_orgs(result)
    if isinstance(result, int) and not isinstance(result, bool) and name not in _COUNTS:
        ids.add(result)
    return Change(areas, frozenset(orgs), frozenset(ids), name)


def _wrap(bus: ChangeBus, method: Callable[..., Any], areas: frozenset[str], name: str) -> Any:
    @functools.wraps(method)
    def announcing(*args: Any, **kwargs: Any) -> Any:
        if _nesting.depth:  # inside another use case: it announces, with what this one changed
            return _inner_call(method, name, areas, args, kwargs)
        _nesting.inner = None
        _nesting.depth = 1
        try:
            result = method(*args, **kwargs)
        except BaseException:
            if _nesting.inner is not None:  # what the helpers committed before the failure
                bus.publish(_nesting.inner)
            raise
        finally:
            _nesting.depth = 0
        change, inner = _change_of(name, areas, args, kwargs, result), _nesting.inner
        _nesting.inner = None
        if change is not None:  # an outer use case that changed nothing hides its helpers'
            if inner is not None:  # bookkeeping; one that did carries their areas too
                change = Change(change.areas | inner.areas, change.org_numbers, change.ids, name)
            bus.publish(change)
        return result

    announcing.__announces__ = areas  # type: ignore[attr-defined]  # marks a wrapped method
    return announcing


def announce(services: object, bus: ChangeBus) -> None:
    """Wrap the write use cases of ``services`` (the container) so they publish on ``bus``."""
    for attribute, methods in WRITES.items():
        service = service_at(services, attribute)
        if service is None:
            continue
        for name, areas in methods.items():
            method = getattr(service, name, None)
            if method is None or hasattr(method, "__announces__"):
                continue
            setattr(service, name, _wrap(bus, method, areas, name))


def service_at(services: object, path: str) -> Any:
    """The service at ``path`` (``"people"``, ``"privacy.retention"``) of the container, or None."""
    found: Any = services
    for part in path.split("."):
        found = getattr(found, part, None)
        if found is None:
            return None
    return found
