"""Terms versions shipped with the app in ``resources/terms/<label>/`` (the first is 2021-04-17).

Each folder holds:

* ``terms.json``: the document's ``canonical_json()``, byte for byte, so the file's SHA-256
  is the version's hash;
* ``source.txt``: the plain text it was imported from, unchanged (optional);
* ``meta.json``: ``{"label", "effective_date" (ISO), "sha256", "source_sha256"}``.

`load_shipped_versions` checks every hash and refuses a folder that does not match, so a
shipped version cannot drift from what customers signed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from contractdesk.domain.terms.document import TermsDocument
from contractdesk.domain.terms.importer import import_terms
from contractdesk.errors import UserFacingError
from contractdesk.resources import resource_path

__all__ = [
    "ShippedVersion",
    "ShippedVersionError",
    "load_shipped_versions",
    "shipped_terms_dir",
    "shipped_version",
    "write_shipped_version",
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
        return f"ShippedVersion({self.label!r}, effective={self.effective_date.isoformat()}, sha256={self.sha256[:12]}…)"


def shipped_terms_dir() -> Path:
    """The folder holding one sub-folder per shipped version."""
    return resource_path("terms")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _load_one(folder: Path) -> ShippedVersion:
    try:
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        terms_bytes = (folder / TERMS_FILE).read_bytes()
        label = str(meta["label"])
        effective = date.fromisoformat(str(meta["effective_date"]))
        recorded = str(meta["sha256"])
    except (OSError, KeyError, ValueError) as exc:
        raise ShippedVersionError(f"{folder}: incomplete shipped terms version ({exc})") from exc
    document = TermsDocument.from_json(terms_bytes.decode("utf-8"))
    if document.sha256() != recorded or _sha256(terms_bytes) != recorded:
        raise ShippedVersionError(
            f"{folder}: terms.json does not match the recorded sha256 {recorded}"
        )
    source_text: str | None = None
    source = folder / SOURCE_FILE
    if source.is_file():
        source_bytes = source.read_bytes()
        if "source_sha256" in meta and _sha256(source_bytes) != meta["source_sha256"]:
            raise ShippedVersionError(
                f"{folder}: source.txt does not match the recorded source_sha256"
            )
        source_text = source_bytes.decode("utf-8")
    return ShippedVersion(label, effective, recorded, document, source_text)


def load_shipped_versions(root: Path | None = None) -> tuple[ShippedVersion, ...]:
    """Every shipped version, oldest effective date first.

    Args:
        root: folder to read instead of ``resources/terms`` (tests).

    Raises:
        ShippedVersionError: a folder is incomplete or does not match its hash.
    """
    base = root if root is not None else shipped_terms_dir()
    versions = [
        _load_one(p) for p in sorted(base.iterdir()) if p.is_dir() and (p / META_FILE).exists()
    ]
    return tuple(sorted(versions, key=lambda v: (v.effective_date, v.label)))


def shipped_version(label: str, root: Path | None = None) -> ShippedVersion:
    """The shipped version with this label (e.g. ``"2021-04-17"``); KeyError when none."""
    for version in load_shipped_versions(root):
        if version.label == label:
            return version
    raise KeyError(label)


def write_shipped_version(
    folder: Path, source_text: str, label: str, effective_date: date
) -> ShippedVersion:
    """Import ``source_text`` and write a shipped version folder (maintainers: adding a version).

    The source text is written unchanged; ``terms.json`` is the canonical JSON.
    """
    document = import_terms(source_text)
    folder.mkdir(parents=True, exist_ok=True)
    canonical = document.canonical_json().encode("utf-8")
    source_bytes = source_text.encode("utf-8")
    (folder / TERMS_FILE).write_bytes(canonical)
    (folder / SOURCE_FILE).write_bytes(source_bytes)
    meta = {
        "label": label,
        "effective_date": effective_date.isoformat(),
        "sha256": document.sha256(),
        "source_sha256": _sha256(source_bytes),
    }
    (folder / META_FILE).write_text(
        json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return ShippedVersion(label, effective_date, document.sha256(), document, source_text)
