"""The CLI as a user's shell runs it: a real process (``python -m contractdesk``), exit codes, UTF-8 JSON."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from store_testkit import python, subprocess_env

from contractdesk.paths import StorePaths
from contractdesk.services.supplier import SupplierProfile, SupplierService
from contractdesk.store.profile import unlock_profile
from contractdesk.store.schema import SCHEMA_HEAD


def contractdesk(*args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [python(), "-m", "contractdesk", *args],
        capture_output=True,
        timeout=120,
        env=subprocess_env(**env),
    )


def test_init_in_a_real_process_with_utf8_json(tmp_path: Path) -> None:
    data = tmp_path / "Blåbær AS data"  # a non-ASCII path must come back intact in the JSON
    env = {
        "CONTRACTDESK_DATA_DIR": str(data),
        "CONTRACTDESK_PASSPHRASE": "script passphrase",
        "LC_ALL": "C",  # no UTF-8 locale: the JSON must still be UTF-8
    }

    created = contractdesk(
        "init",
        "--supplier-org-number",
        "971 049 669",
        "--supplier-name",
        "Blåbær AS",
        "--json",
        **env,
    )
    assert created.returncode == 0, created.stderr
    assert created.stderr == b""
    assert "Blåbær".encode() in created.stdout  # UTF-8, not \\u escapes
    report = json.loads(created.stdout.decode("utf-8"))
    assert report["data_dir"] == str(data)
    assert report["key_source"] == "passphrase"
    assert report["supplier"]["org_number"] == "971049669"

    store = unlock_profile(
        StorePaths(data), passphrase="script passphrase"
    )  # what the process made
    try:
        assert store.revision() == SCHEMA_HEAD
        assert SupplierService(store).get() == SupplierProfile("971049669", "Blåbær AS")
    finally:
        store.close()


def test_wrong_usage_exits_2_with_usage_and_no_traceback(tmp_path: Path) -> None:
    # (user errors, exit 1 with one line, are covered in-process in test_cli_info_init.py)
    data = tmp_path / "data"
    usage = contractdesk("--data-dir", str(data), "init")
    assert usage.returncode == 2
    assert b"usage:" in usage.stderr and b"Traceback" not in usage.stderr
    assert usage.stdout == b""
    assert not data.exists()
