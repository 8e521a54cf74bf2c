"""What the safety use cases return: frozen values that may cross threads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class StoreInfo:
    """Where the store is, how it is unlocked (``keyring``, ``passphrase`` or ``memory``), and
    whether a check found it damaged (then it is read-only)."""

    path: Path
    key_source: str
    damaged: bool = False


@dataclass(frozen=True)
class AuditEntryView:
    """One entry of the audit log."""

    id: int
    at: datetime
    actor: str
    action: str
    entity_type: str
    entity_id: str
    details: dict[str, Any]
    hash: str


@dataclass(frozen=True)
class AuditCheck:
    """The outcome of walking the audit log's hash chain."""

    ok: bool
    checked: int
    first_broken_id: int | None
    reason: str
