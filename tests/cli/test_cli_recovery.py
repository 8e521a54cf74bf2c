"""``backup recovery-sheet``, ``backup auto`` and ``check`` from the command line (issue #16)."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from store_testkit import MemoryKeyring

from contractdesk.store.autobackup import PREFIX, SUFFIX, apply_retention, to_keep
from contractdesk.store.recovery import normalise_recovery_key


def test_recovery_sheet_holds_the_key_as_text_and_restores_an_auto_backup(
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    passphrase_store,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    data = passphrase_store()
    folder = tmp_path / "synced"
    code, out, err = cli(data, "backup", "auto", "--folder", str(folder), "--json")
    assert code == 0, err
    made = json.loads(out)["made"]
    assert made and Path(made).exists() and Path(made).name.startswith(PREFIX)
    sheet = tmp_path / "sheet.pdf"
    code, out, err = cli(data, "backup", "recovery-sheet", "--out", str(sheet))
    assert code == 0, err
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(sheet), "-"], capture_output=True, text=True, check=True
        ).stdout
        keys = [normalise_recovery_key(line) for line in text.splitlines()]
        key = next(k for k in keys if k)
        (tmp_path / "key.txt").write_text(key + "\n")
        code, out, err = cli(
            tmp_path / "new-laptop",
            "backup",
            "restore",
            made,
            "--recovery-key-file",
            str(tmp_path / "key.txt"),
            "--yes",
        )
        assert code == 0, err
        assert "Restored from" in out


def test_check_reports_a_clean_store(passphrase_store, cli) -> None:  # type: ignore[no-untyped-def]
    data = passphrase_store()
    code, out, _ = cli(data, "check", "--json")
    assert code == 0 and json.loads(out)["ok"] is True


def test_retention_keeps_seven_daily_and_twelve_monthly(tmp_path: Path) -> None:
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    stamps = [start + timedelta(days=d) for d in range(400)]
    keep = to_keep(stamps)
    days = {s.date() for s in keep if s >= stamps[-1] - timedelta(days=6)}
    assert len(days) == 7
    assert len({(s.year, s.month) for s in keep}) == 12
    assert len(keep) <= 7 + 12
    for stamp in stamps[-30:]:
        (tmp_path / f"{PREFIX}{stamp.strftime('%Y%m%dT%H%M%SZ')}{SUFFIX}").write_bytes(b"x")
    (tmp_path / "mine.cdbackup").write_bytes(b"not ours")
    removed = apply_retention(tmp_path)
    assert len(removed) == 30 - len(to_keep(stamps[-30:]))
    assert (tmp_path / "mine.cdbackup").exists()


@pytest.mark.parametrize("typed", ["abcd efgh", "", "0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ"])
def test_recovery_key_typing(typed: str) -> None:
    result = normalise_recovery_key(typed)
    assert (result is not None) == (len(typed) > 20)


def test_a_manual_backup_with_the_recovery_key_opens_with_the_sheet(
    tmp_path: Path,
    passphrase_store,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    from contractdesk.services.backups import open_backup_info

    data = passphrase_store()
    backup = tmp_path / "manual.cdbackup"
    code, _, err = cli(data, "backup", "create", str(backup), "--recovery-key")
    assert code == 0, err
    code, _, err = cli(data, "backup", "recovery-sheet", "--out", str(tmp_path / "s.pdf"))
    assert code == 0, err
    import os

    from contractdesk.paths import StorePaths
    from contractdesk.services.context import Services
    from contractdesk.store.profile import unlock_profile

    store = unlock_profile(StorePaths(data), passphrase=os.environ["CONTRACTDESK_PASSPHRASE"])
    services = Services(store, StorePaths(data))
    try:
        key = services.backups.recovery_key()
    finally:
        services.close()
    info, _ = open_backup_info(backup, key.replace("-", " ").lower())
    assert not info.problems
