"""The privacy area's DTOs (frozen dataclasses): what the GUI and the CLI show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from contractdesk.domain.privacy.breach import Countdown, countdown
from contractdesk.domain.privacy.plan import RetentionItem
from contractdesk.domain.privacy.retention import RetentionRule
from contractdesk.domain.terms.dpa_checklist import DpaChecklist


@dataclass(frozen=True)
class RetentionPlan:
    """What is due on ``today``: the rules as set, the items, and the backups to prune."""

    today: date
    rules: tuple[RetentionRule, ...]
    items: tuple[RetentionItem, ...]
    backups: tuple[str, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(i.key for i in self.items)

    @property
    def empty(self) -> bool:
        return not self.items and not self.backups

    def as_dict(self) -> dict[str, Any]:
        by_rule: dict[str, list[dict[str, Any]]] = {r.key.value: [] for r in self.rules}
        for item in self.items:
            by_rule[item.rule.value].append(item.as_dict())
        return {
            "today": self.today.isoformat(),
            "rules": [{**r.as_dict(), "due": by_rule[r.key.value]} for r in self.rules],
            "backups_to_prune": list(self.backups),
        }


@dataclass(frozen=True)
class RetentionRunResult:
    items: int
    persons_erased: int
    audit_entries_blanked: int
    backups_pruned: tuple[str, ...]
    by_rule: tuple[tuple[str, int], ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "persons_erased": self.persons_erased,
            "audit_entries_blanked": self.audit_entries_blanked,
            "backups_pruned": list(self.backups_pruned),
            "by_rule": dict(self.by_rule),
        }


@dataclass(frozen=True)
class MarkView:
    subject: str
    rule: str
    applied_at: datetime
    kept: tuple[str, ...]
    kept_until: date | None


@dataclass(frozen=True)
class BreachCustomerView:
    org_number: str
    name: str
    reason: str
    notified_at: datetime | None
    notified_how: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "org_number": self.org_number,
            "name": self.name,
            "reason": self.reason,
            "notified_at": self.notified_at.isoformat() if self.notified_at else None,
            "notified_how": self.notified_how or None,
        }


@dataclass(frozen=True)
class BreachView:
    id: int
    discovered_at: datetime
    datatilsynet_deadline: datetime
    summary: str
    systems: tuple[str, ...]
    subprocessors: tuple[str, ...]
    customers: tuple[BreachCustomerView, ...]
    authority_notified_at: datetime | None

    def countdown(self, now: datetime) -> Countdown:
        return countdown(self.datatilsynet_deadline, now)

    def as_dict(self, now: datetime) -> dict[str, Any]:
        left = self.countdown(now)
        return {
            "id": self.id,
            "discovered_at": self.discovered_at.isoformat(),
            "datatilsynet_deadline": self.datatilsynet_deadline.isoformat(),
            "seconds_left": left.seconds,
            "overdue": left.overdue and self.authority_notified_at is None,
            "authority_notified_at": (
                self.authority_notified_at.isoformat() if self.authority_notified_at else None
            ),
            "summary": self.summary,
            "systems": list(self.systems),
            "subprocessors": list(self.subprocessors),
            "customers": [c.as_dict() for c in self.customers],
        }


@dataclass(frozen=True)
class NoticeResult:
    org_number: str
    path: Path | None
    skipped: str = ""
    sent: bool = False

    @property
    def done(self) -> bool:
        return self.path is not None or self.sent

    def as_dict(self) -> dict[str, Any]:
        return {
            "org_number": self.org_number,
            "eml": str(self.path) if self.path else None,
            "sent": self.sent,
            "skipped": self.skipped or None,
        }


@dataclass(frozen=True)
class ExportResult:
    kind: str
    language: str
    version: int
    sha256: str
    files: tuple[Path, ...]
    controllers: int = 0
    subprocessors: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "language": self.language,
            "version": self.version,
            "sha256": self.sha256,
            "files": [str(f) for f in self.files],
            "controllers": self.controllers,
            "subprocessors": self.subprocessors,
        }


@dataclass(frozen=True)
class DpaDraftResult:
    label: str
    source_label: str
    checklist: DpaChecklist

    @property
    def gaps(self) -> tuple[str, ...]:
        return tuple(i.letter for i in self.checklist.gaps)

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "source": self.source_label,
            "checklist": {i.letter: i.status.value for i in self.checklist.items},
            "gaps": list(self.gaps),
            "repealed_references": len(self.checklist.repealed_references),
        }
