"""The audit log: append-only, hash-chained entries of who changed what, when.

Each entry's hash covers its fields, the salted digest of its payload and the previous entry's
hash. The payload (which may name a person) is stored apart from the chain: erasing a person
blanks the payloads that mention them (and their salts), and the chain still verifies.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from contractdesk.store.models.audit import AuditEntry
from contractdesk.store.types import utcnow

GENESIS = "0" * 64
ERASED = '{"erased": true}'


def _canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def payload_digest(payload: str, salt: str) -> str:
    return hashlib.sha256(f"{salt}:{payload}".encode()).hexdigest()


def entry_hash(
    at: datetime, actor: str, action: str, entity_type: str, entity_id: str, digest: str, prev: str
) -> str:
    material = _canonical(
        [at.isoformat(timespec="microseconds"), actor, action, entity_type, entity_id, digest, prev]
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def append(
    session: Session,
    *,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: object,
    payload: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append an entry in the caller's transaction (so the change and its record commit together).

    Args:
        actor: who made the change, e.g. ``"owner"``, ``"cli"`` or ``"registry"``.
        action: what happened, e.g. ``"customer.registered"``.
        entity_type: ``"customer"``, ``"person"``, ``"agreement"``, ``"settings"``…
        entity_id: the database id or org number of the entity.
        payload: details (old/new values); may name persons, who can later be erased from it.
    """
    # Serialise appenders: take the write lock before reading the chain's tail (on a server,
    # every unit of work holds the store's write lock from its start: store/server.py).
    session.flush()
    actor = _with_login(session, actor)
    last = session.execute(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).scalar()
    prev = last or GENESIS
    text = _canonical(payload or {})
    salt = secrets.token_hex(16)
    digest = payload_digest(text, salt)
    at = utcnow()
    entry = AuditEntry(
        at=at,
        actor=actor,
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id),
        payload=text,
        payload_salt=salt,
        payload_digest=digest,
        prev_hash=prev,
        hash=entry_hash(at, actor, action, entity_type, str(entity_id), digest, prev),
    )
    session.add(entry)
    session.flush()
    return entry


def _with_login(session: Session, actor: str) -> str:
    """On a server, the entry names the database login first: ``kari (cli)`` (the database
    refuses any other name, migration 0013); the local store records ``actor`` as given."""
    if session.get_bind().dialect.name != "postgresql":
        return actor
    login = str(session.execute(text("SELECT session_user")).scalar())
    if actor == login:
        return actor
    return f"{login} ({actor[: max(0, 100 - len(login) - 3)]})"


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_broken_id: int | None = None
    reason: str = ""


def verify(session: Session) -> VerifyResult:
    """Walk the chain; name the first entry whose hash, link or payload digest does not match."""
    prev = GENESIS
    checked = 0
    for entry in session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars():
        checked += 1
        if entry.prev_hash != prev:
            return VerifyResult(False, checked, entry.id, "link to the previous entry is broken")
        expected = entry_hash(
            entry.at,
            entry.actor,
            entry.action,
            entry.entity_type,
            entry.entity_id,
            entry.payload_digest,
            entry.prev_hash,
        )
        if expected != entry.hash:
            return VerifyResult(False, checked, entry.id, "entry was altered")
        if entry.payload_salt is not None:
            if payload_digest(entry.payload or "", entry.payload_salt) != entry.payload_digest:
                return VerifyResult(False, checked, entry.id, "details were altered")
        elif entry.payload not in (
            None,
            ERASED,
        ):  # only erasure may drop the salt, and it blanks the details
            return VerifyResult(False, checked, entry.id, "details were altered")
        prev = entry.hash
    return VerifyResult(True, checked)


def erase_payloads(session: Session, entry_ids: Iterable[int]) -> int:
    """Blank the payload and salt of the given entries (erasure of a person); returns the count."""
    ids = list(entry_ids)
    if not ids:
        return 0
    if session.get_bind().dialect.name == "postgresql":  # nobody may UPDATE the log: an owner's
        # function blanks the details and nothing else (store/server_roles.py)
        changed = session.execute(
            text("SELECT contractdesk_erase_audit_payloads(CAST(:ids AS bigint[]))"), {"ids": ids}
        ).scalar()
        session.expire_all()
        return int(changed or 0)
    result = session.execute(
        update(AuditEntry).where(AuditEntry.id.in_(ids)).values(payload=ERASED, payload_salt=None)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]  # CursorResult of an UPDATE


def entries_mentioning(
    session: Session, needles: Iterable[str], entity: tuple[str, str] | None = None
) -> list[int]:
    """Ids of entries whose payload contains any of the texts, or that concern the given entity."""
    found: set[int] = set()
    texts = [n for n in needles if n]
    for entry in session.execute(
        select(AuditEntry.id, AuditEntry.payload, AuditEntry.entity_type, AuditEntry.entity_id)
    ):
        if (entity is not None and (entry.entity_type, entry.entity_id) == entity) or (
            entry.payload and any(t in entry.payload for t in texts)
        ):
            found.add(entry.id)
    return sorted(found)


def payload_of(entry: AuditEntry) -> dict[str, Any]:
    if not entry.payload:
        return {}
    try:
        data = json.loads(entry.payload)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def entries(session: Session, entity_type: str | None = None) -> list[AuditEntry]:
    """Every audit entry (of ``entity_type`` when given), oldest first."""
    query = select(AuditEntry).order_by(AuditEntry.id)
    if entity_type:
        query = query.where(AuditEntry.entity_type == entity_type)
    return list(session.execute(query).scalars())
