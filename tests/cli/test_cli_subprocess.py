"""The CLI as a user's shell runs it: a real process (``python -m contractdesk``), exit codes, UTF-8 JSON."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from store_testkit import python, subprocess_env

from contractdesk.store.schema import SCHEMA_HEAD


def contractdesk(*args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [python(), "-m", "contractdesk", *args],
        capture_output=True,
        timeout=120,
        env=subprocess_env(**env),
    )


def test_init_then_info_json_in_real_processes(tmp_path: Path) -> None:
    data = tmp_path / "Blåbær AS data"  # a non-ASCII path must come back intact in the JSON
    env = {
        "CONTRACTDESK_DATA_DIR": str(data),
        "CONTRACTDESK_PASSPHRASE": "script passphrase",
        "LC_ALL": "C",
    }

    created = contractdesk(
        "init", "--supplier-org-number", "971 049 669", "--supplier-name", "Blåbær AS", **env
    )
    assert created.returncode == 0, created.stderr
    assert created.stderr == b""

    info = contractdesk("info", "--json", **env)
    assert info.returncode == 0, info.stderr
    report = json.loads(info.stdout.decode("utf-8"))
    assert report["data_dir"] == str(data)
    assert (report["schema_revision"], report["key_source"], report["unlocked"]) == (
        SCHEMA_HEAD,
        "passphrase",
        True,
    )
    assert report["sqlcipher_version"].startswith("4.")
    assert "Blåbær".encode() in info.stdout  # UTF-8, not \\u escapes


def test_wrong_usage_exits_2_with_usage_and_no_traceback(tmp_path: Path) -> None:
    # (user errors, exit 1 with one line, are covered in-process in test_cli_info_init.py)
    data = tmp_path / "data"
    usage = contractdesk("--data-dir", str(data), "init")
    assert usage.returncode == 2
    assert b"usage:" in usage.stderr and b"Traceback" not in usage.stderr
    assert usage.stdout == b""
    assert not data.exists()
