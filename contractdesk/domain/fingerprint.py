"""The document fingerprint: the SHA-256 of an issued agreement's canonical snapshot, and its QR
code.

An issued agreement is frozen as a *snapshot*: a JSON-able mapping of everything the document
says (parties, services, prices, terms version and its hash, signatories, sub-processors, issue
date). Its canonical form (sorted keys, no spaces, UTF-8, NFC) hashed with SHA-256 is the
fingerprint. The paper carries it in a QR code together with the document id, the document
version and the page count (``CD:<document id>:<version>:<FINGERPRINT>:<kind><pages>``, all in
QR's compact alphanumeric alphabet), so a scan can be traced back to what was issued.
Pure: no I/O.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

__all__ = [
    "CODE_PREFIX",
    "DocumentCode",
    "canonical_json",
    "changed_parts",
    "fingerprint",
    "parse_code",
    "short_fingerprint",
]

CODE_PREFIX = "CD"
KINDS = {"A": "agreement", "S": "sheet"}
_CODE_RE = re.compile(
    r"^CD:(?P<doc>CD-\d{4}-\d{6}):(?P<version>\d{1,4}):(?P<fp>[0-9A-F]{64}):(?P<kind>[AS])(?P<pages>\d{1,4})$"
)
_HEX_RE = re.compile(r"^[0-9a-f]{64}$")


def _plain(value: Any) -> Any:
    """JSON-able form: Decimal and dates as strings, tuples as lists, text NFC-normalised."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int)):
        return value
    raise TypeError(f"not part of a snapshot: {type(value).__name__}")


def canonical_json(snapshot: Mapping[str, Any]) -> str:
    """The canonical text of a snapshot: sorted keys, no spaces, non-ASCII kept (NFC)."""
    return json.dumps(_plain(snapshot), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def fingerprint(snapshot: Mapping[str, Any]) -> str:
    """SHA-256 (64 lower-case hex digits) of the snapshot's canonical UTF-8 text."""
    return hashlib.sha256(canonical_json(snapshot).encode("utf-8")).hexdigest()


def short_fingerprint(value: str) -> str:
    """The first 12 hex digits, grouped for reading aloud: ``3f2a 9c1b 7d4e``."""
    head = value[:12]
    return " ".join(head[i : i + 4] for i in range(0, len(head), 4))


def changed_parts(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """The top-level parts of two snapshots that differ (sorted), e.g. ``["issued_on",
    "services"]``."""
    a, b = _plain(old), _plain(new)
    keys = set(a) | set(b)
    return sorted(k for k in keys if a.get(k) != b.get(k))


@dataclass(frozen=True)
class DocumentCode:
    """What the QR code on a page says: which document, which version, its fingerprint, its
    pages."""

    document_id: str
    version: int
    fingerprint: str
    kind: str
    """``agreement`` (the whole document) or ``sheet`` (the one-page signature sheet)."""
    pages: int

    def __post_init__(self) -> None:
        if not _HEX_RE.match(self.fingerprint):
            raise ValueError("a fingerprint is 64 lower-case hex digits")
        if self.kind not in KINDS.values():
            raise ValueError(f"unknown document kind {self.kind!r}")

    def text(self) -> str:
        """The QR payload (upper case, so QR encodes it in its compact alphanumeric mode)."""
        kind = "S" if self.kind == "sheet" else "A"
        return (
            f"{CODE_PREFIX}:{self.document_id}:{self.version}:{self.fingerprint.upper()}:"
            f"{kind}{self.pages}"
        )


def parse_code(text: str) -> DocumentCode | None:
    """The `DocumentCode` in a QR payload, or None when the text is not one of ours."""
    match = _CODE_RE.match((text or "").strip())
    if match is None:
        return None
    return DocumentCode(
        match["doc"],
        int(match["version"]),
        match["fp"].lower(),
        KINDS[match["kind"]],
        int(match["pages"]),
    )
