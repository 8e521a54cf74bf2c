"""Load the terms versions shipped in ``resources/terms/`` (the hash checks are the domain's)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from contractdesk.domain.terms.importer import import_terms
from contractdesk.domain.terms.shipped import (
    META_FILE,
    SOURCE_FILE,
    TERMS_FILE,
    ShippedVersion,
    ShippedVersionError,
    shipped_meta,
    verify_shipped_version,
)
from contractdesk.resources import resource_path

__all__ = [
    "ShippedVersion",
    "ShippedVersionError",
    "load_shipped_versions",
    "shipped_terms_dir",
    "shipped_version",
    "write_shipped_version",
]


def shipped_terms_dir() -> Path:
    """The folder holding one sub-folder per shipped version."""
    return resource_path("terms")


def _load_one(folder: Path) -> ShippedVersion:
    try:
        meta_text = (folder / META_FILE).read_text(encoding="utf-8")
        terms_bytes = (folder / TERMS_FILE).read_bytes()
        source = folder / SOURCE_FILE
        source_bytes = source.read_bytes() if source.is_file() else None
    except OSError as exc:
        raise ShippedVersionError(f"{folder}: incomplete shipped terms version ({exc})") from exc
    return verify_shipped_version(str(folder), meta_text, terms_bytes, source_bytes)


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
    source_bytes = source_text.encode("utf-8")
    (folder / TERMS_FILE).write_bytes(document.canonical_json().encode("utf-8"))
    (folder / SOURCE_FILE).write_bytes(source_bytes)
    (folder / META_FILE).write_text(
        shipped_meta(document, source_bytes, label, effective_date), encoding="utf-8"
    )
    return ShippedVersion(label, effective_date, document.sha256(), document, source_text)
