"""``contractdesk info`` and ``contractdesk init`` run in-process: output, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_testkit import MemoryKeyring, fingerprint

from contractdesk import __version__
from contractdesk.cli import main
from contractdesk.paths import StorePaths
from contractdesk.store.schema import SCHEMA_HEAD

INIT = ["init", "--supplier-org-number", "971049669", "--supplier-name", "Heimen Webmaster"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {err!r}"
    assert lines[0].startswith("contractdesk: ")
    return lines[0]


def test_info_json_without_a_store(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, err = run(capsys, "info", "--json")
    assert (code, err) == (0, "")
    info = json.loads(out)
    assert {
        "version",
        "data_dir",
        "schema_revision",
        "key_source",
        "sqlcipher_version",
    } <= info.keys()
    assert info["version"] == __version__
    assert info["data_dir"] == str(data_dir)
    assert info["schema_revision"] is None and info["key_source"] is None
    assert info["store_exists"] is False
    assert info["engine"] == "sqlite"
    assert info["sqlcipher_version"].startswith("4.")
    assert not data_dir.exists()  # info creates nothing


def test_init_with_the_keyring_then_info(
    capsys: pytest.CaptureFixture[str], data_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    code, out, err = run(capsys, *INIT, "--supplier-email", "Post@Heimen.example", "--json")
    assert (code, err) == (0, "")
    created = json.loads(out)
    assert created["key_source"] == "keyring"
    assert created["supplier"]["org_number"] == "971049669"
    assert created["supplier"]["email"] == "Post@heimen.example"  # the domain part is normalised
    assert len(memory_keyring.entries) == 1

    code, out, err = run(capsys, "info", "--json")
    assert code == 0
    info = json.loads(out)
    assert (info["key_source"], info["schema_revision"], info["unlocked"]) == (
        "keyring",
        SCHEMA_HEAD,
        True,
    )

    code, out, _ = run(capsys, "info")  # the plain form: one "name: value" line each
    assert code == 0 and f"schema_revision: {SCHEMA_HEAD}" in out.splitlines()


def test_init_with_a_passphrase_and_info_with_and_without_it(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTRACTDESK_PASSPHRASE", "a passphrase for scripts")
    code, out, err = run(capsys, *INIT)
    assert (code, err) == (0, "")
    assert "passphrase" in out

    code, out, _ = run(capsys, "info", "--json")
    assert json.loads(out)["unlocked"] is True

    monkeypatch.delenv("CONTRACTDESK_PASSPHRASE")
    code, out, _ = run(capsys, "info", "--json")  # no passphrase, no terminal: still informs
    info = json.loads(out)
    assert code == 0 and info["unlocked"] is False and info["key_source"] == "passphrase"
    assert "CONTRACTDESK_PASSPHRASE" in info["unlock_error"]

    monkeypatch.setenv("CONTRACTDESK_PASSPHRASE", "not the passphrase")
    before = fingerprint(data_dir)
    code, out, err = run(capsys, "info", "--json")
    assert (code, out) == (1, "")
    assert one_error_line(err) == "contractdesk: Wrong passphrase."
    assert fingerprint(data_dir) == before


def test_info_never_migrates_an_old_store(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from store_testkit import FIXTURE_STORES

    shutil.copytree(FIXTURE_STORES / "store-0001", data_dir)
    monkeypatch.setenv("CONTRACTDESK_PASSPHRASE", "fixture-0001 passphrase")
    before = fingerprint(data_dir)
    code, out, _ = run(capsys, "info", "--json")
    assert code == 0
    assert json.loads(out)["schema_revision"] == "0001"
    assert fingerprint(data_dir) == before


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--supplier-org-number", "971049668"], "contractdesk: Organisation number"),
        (["--supplier-name", "   "], "contractdesk: Name is required"),
        (["--supplier-email", "not an address"], "contractdesk: E-mail"),
        (["--supplier-phone", "12"], "contractdesk: Phone"),
        (["--supplier-signer", "Kari\x07Nordmann"], "contractdesk: Signer: control characters"),
    ],
)
def test_init_refuses_bad_input_with_one_line_and_creates_nothing(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    extra: list[str],
    message: str,
) -> None:
    code, out, err = run(capsys, *INIT, *extra)
    assert (code, out) == (1, "")
    assert one_error_line(err).startswith(message)
    assert not data_dir.exists()
    assert memory_keyring.entries == {}


def test_wrong_usage_exits_2(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, _, err = run(capsys, "init", "--supplier-name", "No Org Number AS")
    assert code == 2 and "--supplier-org-number" in err
    code, _, err = run(capsys, "no-such-command")
    assert code == 2 and "invalid choice" in err
    code, _, _ = run(capsys, "backup")  # a noun without its verb
    assert code == 2
    code, _, _ = run(capsys, "init", "--keyring", "--passphrase", *INIT[1:])  # mutually exclusive
    assert code == 2
    assert not data_dir.exists()


def test_version_and_help_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and __version__ in out
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "info" in out and "backup" in out


def test_init_without_keyring_or_passphrase_says_how(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    # keyring's fail backend (tests/conftest.py) and no terminal to ask on
    code, out, err = run(capsys, *INIT)
    assert (code, out) == (1, "")
    assert "CONTRACTDESK_PASSPHRASE" in one_error_line(err)
    assert not StorePaths(data_dir).db.exists()
    code, _, err = run(capsys, *INIT, "--keyring")
    assert code == 1 and "keyring" in one_error_line(err)
    assert not StorePaths(data_dir).db.exists()


def test_init_twice_refuses_and_leaves_the_store(
    capsys: pytest.CaptureFixture[str], data_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    assert run(capsys, *INIT)[0] == 0
    before = fingerprint(data_dir)
    code, _, err = run(capsys, *INIT[:-1], "Another Name")
    assert code == 1 and "already exists" in one_error_line(err)
    memory_keyring.entries.clear()  # even with the key gone from the keyring: no new key over the data
    code, _, err = run(capsys, *INIT)
    assert code == 1 and "already exists" in one_error_line(err)
    code, _, err = run(capsys, "info", "--json")
    assert code == 0
    assert fingerprint(data_dir) == before
    assert memory_keyring.entries == {}


def test_data_dir_flag_wins_over_the_environment(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    other = tmp_path / "elsewhere"
    assert run(capsys, "--data-dir", str(other), *INIT)[0] == 0
    assert StorePaths(other).db.exists() and not data_dir.exists()
    _code, out, _ = run(capsys, "--data-dir", str(other), "info", "--json")
    assert json.loads(out)["data_dir"] == str(other)
