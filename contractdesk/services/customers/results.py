"""The DTOs of a refresh: one customer's outcome, a failure, and the outcome of refreshing all."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from contractdesk.domain.registry_snapshot import FieldChange
from contractdesk.services.customers.labels import summary_text
from contractdesk.services.customers.views import DepartedSignatory

__all__ = ["RefreshAllResult", "RefreshFailure", "RefreshResult"]


@dataclass(frozen=True)
class RefreshResult:
    """What a refresh of one customer found and took."""

    org_number: str
    name: str
    changes: tuple[FieldChange, ...]
    departed_signatories: tuple[DepartedSignatory, ...] = ()
    status: str = "active"
    message: str = ""
    """A note for the user, e.g. that the company was removed from the registry's open data."""

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def as_dict(self) -> dict[str, Any]:
        return {
            "org_number": self.org_number,
            "name": self.name,
            "status": self.status,
            "changes": [c.as_dict() for c in self.changes],
            "departed_signatories": [d.as_dict() for d in self.departed_signatories],
            "message": self.message,
        }


@dataclass(frozen=True)
class RefreshFailure:
    """A customer the registry could not answer for: nothing about it was changed."""

    org_number: str
    name: str
    message: str
    error: str
    manual_entry_possible: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {
            "org_number": self.org_number,
            "name": self.name,
            "message": self.message,
            "error": self.error,
        }


@dataclass(frozen=True)
class RefreshAllResult:
    """The outcome of refreshing every customer (or those the update feeds named).

    ``mode``: ``per-customer`` (each customer asked in turn: the first refresh of a few
    customers), ``bulk`` (the registry's bulk file: a first refresh of many) or ``feeds`` (only
    the customers the update feeds named since the last refresh). ``requests``: registry
    requests made. ``summary``: what changed, counted (see :func:`summary_text`).
    """

    total: int
    results: tuple[RefreshResult, ...]
    failures: tuple[RefreshFailure, ...]
    cancelled: bool = False
    mode: str = "per-customer"
    requests: int = 0
    summary: Mapping[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> tuple[RefreshResult, ...]:
        return tuple(r for r in self.results if r.changed)

    @property
    def summary_text(self) -> str:
        return summary_text(dict(self.summary))

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "refreshed": len(self.results),
            "changed": [r.as_dict() for r in self.changed],
            "failures": [f.as_dict() for f in self.failures],
            "cancelled": self.cancelled,
            "mode": self.mode,
            "requests": self.requests,
            "summary": dict(self.summary),
            "summary_text": self.summary_text,
        }
