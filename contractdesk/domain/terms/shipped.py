"""Terms versions shipped with the app: the value and the pure hash checks (no file access).

Each shipped version is a folder ``resources/terms/<label>/`` (read by
``contractdesk.store.shipped_terms``) holding:

* ``terms.json``: the document's ``canonical_json()``, byte for byte, so the file's SHA-256
  is the version's hash;
* ``source.txt``: the plain text it was imported from, unchanged (optional);
* ``meta.json``: ``{"label", "effective_date" (ISO), "sha256", "source_sha256"}``.

`verify_shipped_version` checks every hash and refuses content that does not match, so a
shipped version cannot drift from what customers signed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from contractdesk.domain.terms.document import TermsDocument
from contractdesk.errors import UserFacingError

__all__ = [
    "META_FILE",
    "SOURCE_FILE",
    "TERMS_FILE",
    "ShippedVersion",
    "ShippedVersionError",
    "shipped_meta",
    "verify_shipped_version",
]

TERMS_FILE = "terms.json"
SOURCE_FILE = "source.txt"
META_FILE = "meta.json"


class ShippedVersionError(UserFacingError, ValueError):
    """A shipped terms folder is incomplete or its content does not match its recorded hash."""


@dataclass(frozen=True)
class ShippedVersion:
    """One shipped terms version: label, effective date, hash, document and (if any) source text."""

    label: str
    effective_date: date
    sha256: str
    document: TermsDocument
    source_text: str | None = None

    def __repr__(self) -> str:
        return (
            f"ShippedVersion({self.label!r}, effective={self.effective_date.isoformat()}, "
            f"sha256={self.sha256[:12]}…)"
        )


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def verify_shipped_version(
    where: str, meta_text: str, terms_bytes: bytes, source_bytes: bytes | None
) -> ShippedVersion:
    """The version these bytes hold, every recorded hash checked.

    Args:
        where: names the folder in messages.

    Raises:
        ShippedVersionError: the meta data is incomplete or a hash does not match.
    """
    try:
        meta = json.loads(meta_text)
        label = str(meta["label"])
        effective = date.fromisoformat(str(meta["effective_date"]))
        recorded = str(meta["sha256"])
    except (KeyError, ValueError, TypeError) as exc:
        raise ShippedVersionError(f"{where}: incomplete shipped terms version ({exc})") from exc
    document = TermsDocument.from_json(terms_bytes.decode("utf-8"))
    if document.sha256() != recorded or _sha256(terms_bytes) != recorded:
        raise ShippedVersionError(
            f"{where}: terms.json does not match the recorded sha256 {recorded}"
        )
    source_text: str | None = None
    if source_bytes is not None:
        if "source_sha256" in meta and _sha256(source_bytes) != meta["source_sha256"]:
            raise ShippedVersionError(
                f"{where}: source.txt does not match the recorded source_sha256"
            )
        source_text = source_bytes.decode("utf-8")
    return ShippedVersion(label, effective, recorded, document, source_text)


def shipped_meta(document: TermsDocument, source_bytes: bytes, label: str, effective: date) -> str:
    """The ``meta.json`` text of a new shipped version."""
    meta: dict[str, Any] = {
        "label": label,
        "effective_date": effective.isoformat(),
        "sha256": document.sha256(),
        "source_sha256": _sha256(source_bytes),
    }
    return json.dumps(meta, indent=2, ensure_ascii=False) + "\n"
