"""No argument, environment value or closed pipe makes the CLI print a traceback (issue #16).

Hypothesis builds command lines from the real parser's nouns and verbs with arbitrary values
(huge numbers, non-UTF-8 bytes as Python sees them, control characters, empty strings) and
arbitrary environment values, runs them in-process on a real passphrase store, and requires exit
0, 1 or 2 and no exception. Commands that reach the network (registry, e-mail) or start worker
processes are left out; so are the GUI start and paths outside the test folder.
"""

from __future__ import annotations

import argparse
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_testkit import python, subprocess_env

from contractdesk.cli import build_parser, main

SKIP = {
    ("registry", None),
    ("customer", "add"),
    ("customer", "refresh"),
    ("agreement", "email"),
    ("agreement", "batch"),
    ("smtp", None),
}


def _commands() -> list[tuple[str, ...]]:
    parser = build_parser()
    found: list[tuple[str, ...]] = []
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for noun, noun_parser in sub.choices.items():
        if (noun, None) in SKIP:
            continue
        verbs = [a for a in noun_parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not verbs:
            found.append((noun,))
            continue
        for verb in verbs[0].choices:
            if (noun, verb) not in SKIP:
                found.append((noun, verb))
    return found


COMMANDS = _commands()
WORDS = [
    "--json",
    "--yes",
    "--all",
    "--out",
    "--folder",
    "--terms",
    "--from",
    "--to",
    "--role",
    "--first",
    "--last",
    "--wait",
    "0",
    "-1",
    "1",
    str(2**63),
    str(2**64 + 7),
    "9" * 40,
    "971049669",
    "2027-13-45",
    "2027-01-01",
    "out.pdf",
    ".",
    "",
    "nan",
    "1e309",
]
NOT_UTF8 = os.fsdecode(b"\xff\xfe-caf\xe9")
SAFE_TEXT = st.text(
    alphabet=st.characters(
        blacklist_characters="/\\\x00", blacklist_categories=("Cs",), max_codepoint=0x2FFF
    ),
    max_size=10,
).filter(lambda s: not s.startswith("~"))
TOKENS = st.one_of(st.sampled_from(WORDS), SAFE_TEXT, st.just(NOT_UTF8))
ENV_VALUES = st.one_of(
    st.none(),
    st.sampled_from(["correct horse battery staple", "wrong", NOT_UTF8, "x" * 5000]),
    SAFE_TEXT.filter(bool),
)


@pytest.fixture
def fuzz_store(passphrase_store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    data = passphrase_store()
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("CONTRACTDESK_REGISTRY_URL", "http://127.0.0.1:9")
    yield data


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    command=st.sampled_from(COMMANDS),
    extra=st.lists(TOKENS, max_size=6),
    passphrase=ENV_VALUES,
    backup_passphrase=ENV_VALUES,
)
def test_any_arguments_and_environment_exit_0_1_or_2_without_a_traceback(
    fuzz_store: Path,
    capsys: pytest.CaptureFixture[str],
    command: tuple[str, ...],
    extra: list[str],
    passphrase: str | None,
    backup_passphrase: str | None,
) -> None:
    saved = {
        k: os.environ.get(k) for k in ("CONTRACTDESK_PASSPHRASE", "CONTRACTDESK_BACKUP_PASSPHRASE")
    }
    for name, value in (
        ("CONTRACTDESK_PASSPHRASE", passphrase),
        ("CONTRACTDESK_BACKUP_PASSPHRASE", backup_passphrase),
    ):
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    try:
        code = main(["--data-dir", str(fuzz_store), *command, *extra])
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    _, err = capsys.readouterr()
    assert code in (0, 1, 2)
    assert "Traceback" not in err


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    for args in (["--help"], ["--data-dir", str(tmp_path / "none"), "info", "--json"]):
        proc = subprocess.Popen(
            [python(), "-m", "contractdesk", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=subprocess_env(),
        )
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # the reader went away (as with `| head -0`)
        err = proc.stderr.read().decode("utf-8", "replace")
        proc.stderr.close()
        assert proc.wait(timeout=60) in (0, 1, 2)
        assert "Traceback" not in err and "BrokenPipe" not in err


def test_non_utf8_passphrase_huge_ids_and_init_leave_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CONTRACTDESK_PASSPHRASE", NOT_UTF8)
    folder = tmp_path / "fresh"
    code = main(
        [
            "--data-dir",
            str(folder),
            "init",
            "--passphrase",
            "--supplier-org-number",
            "971049669",
            "--supplier-name",
            "X AS",
        ]
    )
    err = capsys.readouterr().err
    assert code == 1 and "UTF-8" in err and not folder.exists()
    code = main(["--data-dir", str(folder), "person", "show", str(2**63)])
    assert code in (1, 2) and "Traceback" not in capsys.readouterr().err
