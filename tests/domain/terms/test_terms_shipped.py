"""The 2021-04-17 terms ship with the app, text unchanged, and importing the seed reproduces them exactly."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest

from contractdesk.domain.terms.importer import import_terms
from contractdesk.store.shipped_terms import (
    ShippedVersionError,
    load_shipped_versions,
    shipped_terms_dir,
    shipped_version,
    write_shipped_version,
)

# SHA-256 of shared/seeds/003_72477088c63529a9.txt, the terms as signed in 2021.
SEED_SHA256 = "83c0dacfcb557afcdfe6489aaa6a9e05cd7c2d81a8e2e98106bbec90ba9b1bfc"


def test_the_2021_version_is_shipped_with_its_effective_date() -> None:
    versions = load_shipped_versions()
    assert [v.label for v in versions][:1] == ["2021-04-17"]
    first = versions[0]
    assert first.effective_date == date(2021, 4, 17)
    assert first.document.title == "Avtalevilkår"
    assert [a.label for a in first.document.annexes] == ["Vedlegg 1"]


def test_shipped_source_is_the_seed_unchanged() -> None:
    source = shipped_terms_dir() / "2021-04-17" / "source.txt"
    assert hashlib.sha256(source.read_bytes()).hexdigest() == SEED_SHA256


def test_importing_the_seed_reproduces_the_shipped_version() -> None:
    version = shipped_version("2021-04-17")
    assert version.source_text is not None
    imported = import_terms(version.source_text)
    assert imported.sha256() == version.sha256
    assert imported == version.document
    terms_json = (shipped_terms_dir() / "2021-04-17" / "terms.json").read_bytes()
    assert terms_json == imported.canonical_json().encode("utf-8")
    assert hashlib.sha256(terms_json).hexdigest() == version.sha256


def test_a_tampered_shipped_version_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "2021-04-17"
    shutil.copytree(shipped_terms_dir() / "2021-04-17", folder)
    terms = folder / "terms.json"
    terms.write_bytes(terms.read_bytes().replace(b"Romsdal tingrett", b"Oslo tingrett"))
    with pytest.raises(ShippedVersionError, match="sha256"):
        load_shipped_versions(tmp_path)


def test_a_changed_source_text_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "2021-04-17"
    shutil.copytree(shipped_terms_dir() / "2021-04-17", folder)
    (folder / "source.txt").write_bytes((folder / "source.txt").read_bytes() + b"\n")
    with pytest.raises(ShippedVersionError, match="source"):
        load_shipped_versions(tmp_path)


def test_writing_a_version_folder_then_loading_it(tmp_path: Path) -> None:
    text = "Vilkår\n\n1 Formål\n\nTekst.\n"
    written = write_shipped_version(tmp_path / "2030-01-01", text, "2030-01-01", date(2030, 1, 1))
    (loaded,) = load_shipped_versions(tmp_path)
    assert loaded == written
    assert loaded.source_text == text
    with pytest.raises(KeyError):
        shipped_version("1999-01-01", tmp_path)


def test_the_terms_domain_reads_no_files() -> None:
    """Loading the shipped folders is the store's job (``store/shipped_terms.py``): the domain
    only checks the bytes it is given."""
    import contractdesk.domain.terms as terms_domain

    banned = ("open(", "read_bytes", "read_text", "write_bytes", "write_text", "iterdir", "mkdir")
    offenders = [
        f"{path.name}: {word}"
        for path in Path(terms_domain.__file__).parent.glob("*.py")
        for word in banned
        if word in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
