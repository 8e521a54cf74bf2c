"""Retention use cases: the rules as set, what is due, and "Slett det som er forfalt" (the run)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from contractdesk.domain.privacy.plan import (
    CustomerFacts,
    LogFacts,
    Op,
    RetentionItem,
    SignoffFacts,
    due_items,
    split_people,
    with_person_names,
)
from contractdesk.domain.privacy.retention import (
    RetentionRule,
    RuleKey,
    add_months,
    default_settings,
    due_on,
    relationship_end,
    rules_from_settings,
)
from contractdesk.errors import UserError
from contractdesk.i18n import fill, translate
from contractdesk.paths import StorePaths
from contractdesk.services.privacy.ports import PeoplePort, SettingsPort
from contractdesk.services.privacy.views import MarkView, RetentionPlan, RetentionRunResult
from contractdesk.store import audit
from contractdesk.store.backup_retention import old_snapshots, prune_snapshots
from contractdesk.store.engine import Store
from contractdesk.store.queries import privacy as q

_CUSTOMER_RULES = (RuleKey.CUSTOMER_DATA, RuleKey.BILLING, RuleKey.PROSPECTS)


class RetentionUseCases:
    """Retention rules that run. ``people`` is the people service (its erasure use case)."""

    def __init__(
        self, store: Store, paths: StorePaths, *, settings: SettingsPort, people: PeoplePort
    ) -> None:
        self._store = store
        self._paths = paths
        self._settings = settings
        self._people = people

    def __repr__(self) -> str:
        return f"RetentionUseCases({self._store!r})"

    # -- rules -----------------------------------------------------------------------------------

    def rules(self) -> tuple[RetentionRule, ...]:
        """The rules with the periods set now (settings), each with its source."""
        values = {**default_settings(), **self._settings.all()}
        return rules_from_settings(values)

    def set_period(self, rule: str, period: int, *, actor: str = "owner") -> RetentionRule:
        """Change a rule's period (a setting, audited by the settings service).

        Raises:
            UserError: unknown rule, or a period below 1.
        """
        try:
            key = RuleKey(rule.strip().lower().replace("-", "_"))
        except ValueError:
            names = ", ".join(k.value for k in RuleKey)
            raise UserError(
                fill(
                    translate("Retention", "Unknown retention rule %1: use one of %2."), rule, names
                ),
                field="rule",
            ) from None
        if period < 1:
            raise UserError(
                translate("Retention", "A retention period must be at least 1."), field="period"
            )
        current = next(r for r in self.rules() if r.key is key)
        self._settings.set(current.setting, int(period), actor=actor)
        return next(r for r in self.rules() if r.key is key)

    # -- what is due -----------------------------------------------------------------------------

    def due(self, today: date | None = None) -> RetentionPlan:
        """What is due on ``today`` (default today), by rule, and backups older than the window."""
        day = today or date.today()
        rules = self.rules()
        with self._store.read_session() as s:
            rows = q.customer_rows(s)
            roles = q.live_roles(s)
            signoffs = q.newsletter_signoffs(s)
            logs = LogFacts(tuple(q.closed_requests(s)), tuple(q.audit_entries_with_details(s)))
        facts = _customer_facts(rows, roles, rules, day)
        signoff_facts = [
            SignoffFacts(
                r.person_id,
                r.signed_off_on,
                r.consent_ids,
                not r.has_roles and not r.other_consents and not r.erased,
            )
            for r in signoffs
        ]
        items = due_items(rules, facts, signoff_facts, logs, day)
        erase = [
            i for item in items for o in item.operations if o.op is Op.ERASE_PERSON for i in o.ids
        ]
        if erase:
            with self._store.read_session() as s:
                items = with_person_names(items, q.person_names(s, erase))
        window = next(r for r in rules if r.key is RuleKey.CUSTOMER_DATA)
        cutoff = datetime.combine(add_months(day, -window.period), time(), tzinfo=UTC)
        backups = tuple(
            str(p)
            for p in old_snapshots(self._paths.backups, cutoff, auto_folder=self._auto_folder())
        )
        return RetentionPlan(day, rules, items, backups)

    def _auto_folder(self) -> Path | None:
        from contractdesk.store.autobackup import load_config

        return load_config(self._paths.data_dir).folder

    def marks(self) -> list[MarkView]:
        """What earlier runs did, and the evidence they kept (and until when)."""
        with self._store.read_session() as s:
            return [
                MarkView(m.subject, m.rule, m.applied_at, tuple(m.kept or ()), m.kept_until)
                for m in q.marks(s)
            ]

    # -- the run ---------------------------------------------------------------------------------

    def run(
        self,
        *,
        today: date | None = None,
        expected: Sequence[str] | None = None,
        actor: str = "owner",
    ) -> RetentionRunResult:
        """Delete or anonymise what is due, prune old backups, and audit it without personal data.

        Args:
            expected: the item keys the user confirmed (``RetentionPlan.keys``); when the list
                changed since, nothing is done.

        Raises:
            UserError: the due list changed after it was shown.
        """
        plan = self.due(today)
        if expected is not None and tuple(expected) != plan.keys:
            raise UserError(
                translate(
                    "Retention",
                    "What is due changed since it was shown; nothing was deleted. Review it again.",
                )
            )
        erased = 0
        blanked = 0
        for item in plan.items:
            n_erased, n_blanked = self._apply(item, actor)
            erased += n_erased
            blanked += n_blanked
        shown = set(plan.backups)
        everything = old_snapshots(
            self._paths.backups, datetime.now(UTC), auto_folder=self._auto_folder()
        )
        to_prune = [p for p in everything if str(p) in shown]
        pruned = tuple(prune_snapshots(to_prune))
        counts: dict[str, int] = {}
        for item in plan.items:
            counts[item.rule.value] = counts.get(item.rule.value, 0) + 1
        with self._store.session() as s:
            audit.append(
                s,
                actor=actor,
                action="retention.run",
                entity_type="retention",
                entity_id=plan.today.isoformat(),
                payload={
                    "items_by_rule": counts,
                    "persons_erased": erased,
                    "audit_entries_blanked": blanked,
                    "backups_pruned": len(pruned),
                },
            )
        self._store.checkpoint()
        return RetentionRunResult(
            len(plan.items), erased, blanked, pruned, tuple(sorted(counts.items()))
        )

    def _apply(self, item: RetentionItem, actor: str) -> tuple[int, int]:
        erased = 0
        for op in item.operations:
            if op.op is Op.ERASE_PERSON:
                for person_id in op.ids:
                    if not self._people.get(person_id).erased:
                        self._people.erase(person_id, actor=actor)
                        erased += 1
        blanked = 0
        with self._store.session() as s:
            for op in item.operations:
                blanked += _store_op(s, op.op, op.ids)
            if item.rule in _CUSTOMER_RULES:
                q.add_mark(s, item.subject, item.rule.value, item.kept, item.kept_until)
            audit.append(
                s,
                actor=actor,
                action="retention.applied",
                entity_type="retention",
                entity_id=item.subject,
                payload={
                    "rule": item.rule.value,
                    "due_on": item.due_on,
                    "operations": [
                        {"op": o.op.value, "count": len(o.ids)} for o in item.operations
                    ],
                    "kept_until": item.kept_until,
                },
            )
        return erased, blanked


def _store_op(s: Any, op: Op, ids: tuple[int, ...]) -> int:
    """Run one store-level operation in the caller's session; returns audit entries blanked."""
    if op is Op.ERASE_PERSON:  # the people erasure ran before; the warnings that name them go too
        q.blank_signer_warnings(s, ids)
    elif op is Op.BLANK_REGISTRY_PERSONS:
        return sum(q.blank_registry_persons(s, i) for i in ids)
    elif op is Op.BLANK_RECIPIENTS:
        return sum(q.blank_recipients(s, i) for i in ids)
    elif op is Op.DELETE_SERVICES:
        q.delete_services(s, ids)
    elif op is Op.ANONYMISE_CUSTOMER:
        for i in ids:
            q.anonymise_customer(s, i)
    elif op is Op.DELETE_REQUESTS:
        q.delete_requests(s, ids)
    elif op is Op.DELETE_NEWSLETTER_CONSENTS:
        q.delete_consents(s, ids)
    elif op is Op.BLANK_AUDIT_DETAILS:
        return audit.erase_payloads(s, ids)
    return 0


_RULE_VALUES = frozenset(k.value for k in RuleKey)


def _rule_keys(names: frozenset[str]) -> set[RuleKey]:
    return {RuleKey(n) for n in names if n in _RULE_VALUES} if names else set()


def _last_billing_day(row: q.CustomerRow) -> date | None:
    days = [d for _sid, *dates in row.services for d in dates if d is not None]
    if row.last_usage is not None:
        days.append(row.last_usage)
    return max(days, default=None)


def _customer_facts(
    rows: Sequence[q.CustomerRow],
    roles: Sequence[tuple[int, int]],
    rules: Sequence[RetentionRule],
    today: date,
) -> list[CustomerFacts]:
    """Turn raw rows into facts; a customer is *released* when its personal data is due or gone."""
    customer_rule = next(r for r in rules if r.key is RuleKey.CUSTOMER_DATA)
    prospect_rule = next(r for r in rules if r.key is RuleKey.PROSPECTS)
    ends: dict[int, date | None] = {}
    contact: dict[int, date] = {}
    ever: dict[int, bool] = {}
    released: set[int] = set()
    for r in rows:
        ended = relationship_end(
            r.explicit_end,
            r.agreements,
            ((t, e) for _sid, _start, _cost, t, e in r.services),
            today,
        )
        ends[r.id] = ended
        ever[r.id] = r.acceptances > 0 or any(state != "draft" for state, _ in r.agreements)
        contact[r.id] = max(d for d in (r.created, r.updated, r.last_sent) if d is not None)
        done = _rule_keys(r.done)
        if (
            done & {RuleKey.CUSTOMER_DATA, RuleKey.PROSPECTS}
            or (ended is not None and due_on(customer_rule, ended) <= today)
            or (not ever[r.id] and not r.services and due_on(prospect_rule, contact[r.id]) <= today)
        ):
            released.add(r.id)
    people = split_people(roles, released)
    out = []
    for r in rows:
        erase, kept = people.get(r.id, ((), ()))
        out.append(
            CustomerFacts(
                customer_id=r.id,
                org_number=r.org_number,
                name=r.name,
                ended_on=ends[r.id],
                ever_customer=ever[r.id],
                last_contact=contact[r.id],
                last_billing_day=_last_billing_day(r),
                erase_person_ids=erase,
                kept_person_ids=kept,
                registry_persons=r.registry_persons,
                recipients=r.recipients,
                service_ids=tuple(sid for sid, *_ in r.services),
                acceptances=r.acceptances,
                anonymised=r.anonymised,
                done=frozenset(_rule_keys(r.done)),
            )
        )
    return out
