"""What the retention rules make due: one item per customer, person or log, and what happens.

The service gathers plain facts from the store (:class:`CustomerFacts`, :class:`SignoffFacts`,
:class:`LogFacts`); these functions decide, without I/O, what is due today and what each item
will delete or anonymise, and what is kept as accounting evidence (and until when).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from contractdesk.domain.privacy.retention import (
    RetentionRule,
    RuleKey,
    billing_due,
    due_on,
)
from contractdesk.i18n import fill, translate

__all__ = [
    "CustomerFacts",
    "LogFacts",
    "Op",
    "Operation",
    "RetentionItem",
    "SignoffFacts",
    "due_items",
    "split_people",
    "with_person_names",
]


class Op(StrEnum):
    """The things a retention run does (each names the rows it touches by id)."""

    ERASE_PERSON = "erase_person"  # anonymise through the people erasure use case
    BLANK_REGISTRY_PERSONS = (
        "blank_registry_persons"  # role holders' names in the registry snapshot
    )
    BLANK_RECIPIENTS = "blank_recipients"  # e-mail addresses agreements and notices were sent to
    DELETE_SERVICES = "delete_services"  # services, usage and price changes (billing evidence)
    ANONYMISE_CUSTOMER = "anonymise_customer"  # name and addresses
    DELETE_REQUESTS = "delete_requests"  # closed data-subject requests
    BLANK_AUDIT_DETAILS = "blank_audit_details"  # audit payloads (the hash chain stays verifiable)
    DELETE_NEWSLETTER_CONSENTS = "delete_newsletter_consents"


@dataclass(frozen=True)
class Operation:
    """One thing a run does; ``names`` (display only, parallel to ``ids``) name the persons."""

    op: Op
    ids: tuple[int, ...] = ()
    names: tuple[str, ...] = ()

    def text(self) -> str:
        n = len(self.ids)
        texts = {
            Op.ERASE_PERSON: translate("Retention", "Anonymise person %1"),
            Op.BLANK_REGISTRY_PERSONS: translate(
                "Retention", "Delete the names of the registry's role holders"
            ),
            Op.BLANK_RECIPIENTS: translate(
                "Retention", "Delete the e-mail addresses agreements and notices were sent to"
            ),
            Op.DELETE_SERVICES: translate(
                "Retention", "Delete %1 service(s) with usage and prices"
            ),
            Op.ANONYMISE_CUSTOMER: translate(
                "Retention", "Anonymise the customer's name and addresses"
            ),
            Op.DELETE_REQUESTS: translate("Retention", "Delete %1 closed request(s)"),
            Op.BLANK_AUDIT_DETAILS: translate("Retention", "Blank the details of %1 audit entries"),
            Op.DELETE_NEWSLETTER_CONSENTS: translate(
                "Retention", "Delete the newsletter sign-up and sign-off records"
            ),
        }
        if self.op is Op.ERASE_PERSON:
            shown = [
                f"{name} (#{i})" if name else f"#{i}"
                for i, name in zip(self.ids, self.names or ("",) * len(self.ids), strict=True)
            ]
            return fill(texts[self.op], ", ".join(shown))
        return fill(texts[self.op], n)

    def as_dict(self) -> dict[str, Any]:
        return {"op": self.op.value, "ids": list(self.ids), "text": self.text()}


@dataclass(frozen=True)
class RetentionItem:
    """One due item: rule, subject (``customer:12``), what happens, what stays as evidence."""

    rule: RuleKey
    subject: str
    label: str
    anchor: date
    due_on: date
    operations: tuple[Operation, ...]
    kept: tuple[str, ...] = ()
    kept_until: date | None = None

    @property
    def key(self) -> str:
        """Identifies the item across a preview and the run that follows it."""
        ops = ";".join(f"{o.op.value}:{','.join(map(str, o.ids))}" for o in self.operations)
        return f"{self.rule.value}|{self.subject}|{ops}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule.value,
            "subject": self.subject,
            "label": self.label,
            "anchor": self.anchor.isoformat(),
            "due_on": self.due_on.isoformat(),
            "operations": [o.as_dict() for o in self.operations],
            "kept_as_evidence": list(self.kept),
            "kept_until": self.kept_until.isoformat() if self.kept_until else None,
        }


@dataclass(frozen=True)
class CustomerFacts:
    """What the store knows about one customer, as retention needs it (no personal values)."""

    customer_id: int
    org_number: str
    name: str
    ended_on: date | None  # the relationship's end, None while it lasts or never began
    ever_customer: bool  # an acceptance or a non-draft agreement exists
    last_contact: date  # prospects: the newest sign of contact
    last_billing_day: date | None  # newest service start/cost/usage/end date
    erase_person_ids: tuple[int, ...]  # live persons with roles here and at no live customer
    kept_person_ids: tuple[int, ...]  # persons also needed at a live customer
    registry_persons: int  # role holders in the registry snapshot
    recipients: int  # agreements/notices with a recipient address
    service_ids: tuple[int, ...]
    acceptances: int
    anonymised: bool  # name and addresses already blanked
    done: frozenset[RuleKey] = field(default_factory=frozenset)  # rules already applied


@dataclass(frozen=True)
class SignoffFacts:
    """A person whose newest newsletter consent event is a sign-off."""

    person_id: int
    signed_off_on: date
    consent_ids: tuple[int, ...]
    erase_person: bool  # nothing else ties them to the store (no roles, no other consent)


@dataclass(frozen=True)
class LogFacts:
    """Closed requests and audit entries with details, each with its day (ids only)."""

    requests: tuple[tuple[int, date], ...]
    audit_entries: tuple[tuple[int, date], ...]


def _rule(rules: Sequence[RetentionRule], key: RuleKey) -> RetentionRule:
    return next(r for r in rules if r.key is key)


def _evidence(c: CustomerFacts) -> tuple[str, ...]:
    kept = []
    if c.acceptances:
        kept.append(
            fill(
                translate(
                    "Retention",
                    "%1 signed acceptance(s) with their scans (evidence of the agreement)",
                ),
                c.acceptances,
            )
        )
    if c.service_ids:
        kept.append(
            fill(
                translate(
                    "Retention", "%1 service(s) and the invoicing details (bokføringsloven § 13)"
                ),
                len(c.service_ids),
            )
        )
    kept.append(translate("Retention", "Organisation number and name (invoice recipient)"))
    return tuple(kept)


def _personal_data_ops(c: CustomerFacts) -> list[Operation]:
    """Erase the customer's own people, blank registry persons and invoice recipients."""
    ops: list[Operation] = []
    if c.erase_person_ids:
        ops.append(Operation(Op.ERASE_PERSON, c.erase_person_ids))
    if c.registry_persons:
        ops.append(Operation(Op.BLANK_REGISTRY_PERSONS, (c.customer_id,)))
    if c.recipients:
        ops.append(Operation(Op.BLANK_RECIPIENTS, (c.customer_id,)))
    return ops


def _customer_item(
    c: CustomerFacts, rule: RetentionRule, billing: RetentionRule, today: date
) -> RetentionItem | None:
    if c.ended_on is None or RuleKey.CUSTOMER_DATA in c.done:
        return None
    when = due_on(rule, c.ended_on)
    if when > today:
        return None
    ops = _personal_data_ops(c)
    kept = list(_evidence(c))
    if c.kept_person_ids:
        kept.append(
            fill(
                translate("Retention", "Person(s) %1: also contacts of a customer still active"),
                ", ".join(f"#{i}" for i in c.kept_person_ids),
            )
        )
    until = billing_due(max(c.last_billing_day or c.ended_on, c.ended_on), billing.period)
    return RetentionItem(
        RuleKey.CUSTOMER_DATA,
        f"customer:{c.customer_id}",
        f"{c.name} ({c.org_number})",
        c.ended_on,
        when,
        tuple(ops),
        tuple(kept),
        until,
    )


def _billing_item(c: CustomerFacts, rule: RetentionRule, today: date) -> RetentionItem | None:
    if c.ended_on is None or RuleKey.BILLING in c.done or not c.ever_customer:
        return None
    anchor = max(c.last_billing_day or c.ended_on, c.ended_on)
    when = billing_due(anchor, rule.period)
    if when > today:
        return None
    ops: list[Operation] = []
    if c.service_ids:
        ops.append(Operation(Op.DELETE_SERVICES, c.service_ids))
    if not c.anonymised:
        ops.append(Operation(Op.ANONYMISE_CUSTOMER, (c.customer_id,)))
    if not ops:
        return None
    kept: tuple[str, ...] = ()
    if c.acceptances:
        kept = (
            translate(
                "Retention",
                "Signed acceptances stay: the store keeps them as unalterable evidence",
            ),
        )
    return RetentionItem(
        RuleKey.BILLING,
        f"customer:{c.customer_id}",
        f"{c.name} ({c.org_number})",
        anchor,
        when,
        tuple(ops),
        kept,
    )


def _prospect_item(c: CustomerFacts, rule: RetentionRule, today: date) -> RetentionItem | None:
    if c.ever_customer or c.service_ids or RuleKey.PROSPECTS in c.done:
        return None
    when = due_on(rule, c.last_contact)
    if when > today:
        return None
    ops = _personal_data_ops(c)
    if not c.anonymised:
        ops.append(Operation(Op.ANONYMISE_CUSTOMER, (c.customer_id,)))
    return RetentionItem(
        RuleKey.PROSPECTS,
        f"customer:{c.customer_id}",
        f"{c.name} ({c.org_number})",
        c.last_contact,
        when,
        tuple(ops),
    )


def _signoff_item(f: SignoffFacts, rule: RetentionRule, today: date) -> RetentionItem | None:
    when = due_on(rule, f.signed_off_on)
    if when > today:
        return None
    ops = [Operation(Op.DELETE_NEWSLETTER_CONSENTS, f.consent_ids)]
    if f.erase_person:
        ops.append(Operation(Op.ERASE_PERSON, (f.person_id,)))
    return RetentionItem(
        RuleKey.NEWSLETTER_SIGNOFFS,
        f"person:{f.person_id}",
        fill(translate("Retention", "Person #%1"), f.person_id),
        f.signed_off_on,
        when,
        tuple(ops),
    )


def _log_items(logs: LogFacts, rule: RetentionRule, today: date) -> list[RetentionItem]:
    items = []
    requests = tuple(i for i, day in logs.requests if due_on(rule, day) <= today)
    if requests:
        oldest = min(day for i, day in logs.requests if i in set(requests))
        items.append(
            RetentionItem(
                RuleKey.CASE_LOGS,
                "requests",
                translate("Retention", "Closed data-subject requests"),
                oldest,
                due_on(rule, oldest),
                (Operation(Op.DELETE_REQUESTS, requests),),
            )
        )
    entries = tuple(i for i, day in logs.audit_entries if due_on(rule, day) <= today)
    if entries:
        oldest = min(day for i, day in logs.audit_entries if i in set(entries))
        items.append(
            RetentionItem(
                RuleKey.CASE_LOGS,
                "audit",
                translate("Retention", "Details of old audit entries"),
                oldest,
                due_on(rule, oldest),
                (Operation(Op.BLANK_AUDIT_DETAILS, entries),),
                (translate("Retention", "Who did what and when (the hash chain)"),),
            )
        )
    return items


def due_items(
    rules: Sequence[RetentionRule],
    customers: Iterable[CustomerFacts],
    signoffs: Iterable[SignoffFacts],
    logs: LogFacts,
    today: date,
) -> tuple[RetentionItem, ...]:
    """Everything due on ``today``, by rule (in the rules' order), then by subject."""
    customer_rule = _rule(rules, RuleKey.CUSTOMER_DATA)
    billing_rule = _rule(rules, RuleKey.BILLING)
    prospect_rule = _rule(rules, RuleKey.PROSPECTS)
    items: list[RetentionItem] = []
    for c in customers:
        for item in (
            _customer_item(c, customer_rule, billing_rule, today),
            _billing_item(c, billing_rule, today),
            _prospect_item(c, prospect_rule, today),
        ):
            if item is not None:
                items.append(item)
    signoff_rule = _rule(rules, RuleKey.NEWSLETTER_SIGNOFFS)
    for f in signoffs:
        item = _signoff_item(f, signoff_rule, today)
        if item is not None:
            items.append(item)
    items += _log_items(logs, _rule(rules, RuleKey.CASE_LOGS), today)
    order = {r.key: n for n, r in enumerate(rules)}
    return tuple(sorted(items, key=lambda i: (order[i.rule], i.due_on, i.subject)))


def with_person_names(
    items: Sequence[RetentionItem], names: dict[int, str]
) -> tuple[RetentionItem, ...]:
    """The items with the persons to be anonymised named (for the owner's review only)."""
    out = []
    for item in items:
        ops = tuple(
            replace(o, names=tuple(names.get(i, "") for i in o.ids))
            if o.op is Op.ERASE_PERSON
            else o
            for o in item.operations
        )
        out.append(replace(item, operations=ops))
    return tuple(out)


def split_people(
    roles: Iterable[tuple[int, int]], released: set[int]
) -> dict[int, tuple[tuple[int, ...], tuple[int, ...]]]:
    """Per released customer: (persons to erase, persons kept because a live customer needs them).

    Args:
        roles: (person id, customer id) of every live person's roles.
        released: customers whose personal data is due to go (or already gone).
    """
    by_person: dict[int, set[int]] = {}
    for person_id, customer_id in roles:
        by_person.setdefault(person_id, set()).add(customer_id)
    out: dict[int, tuple[list[int], list[int]]] = {c: ([], []) for c in released}
    for person_id, customers in sorted(by_person.items()):
        here = customers & released
        if not here:
            continue
        target = 0 if customers <= released else 1
        for customer_id in here:
            out[customer_id][target].append(person_id)
    return {c: (tuple(e), tuple(k)) for c, (e, k) in out.items()}
