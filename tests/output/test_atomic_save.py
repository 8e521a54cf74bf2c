"""Atomic saves: complete file or untouched target, no temp file left, even when writes fail."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from contractdesk.fsutil import SaveError, save_atomic

# A child process whose file-size limit makes the write fail after ``limit`` bytes
# (a real EFBIG from the kernel, like a full disk; SIGXFSZ ignored so write() returns it).
CHILD = textwrap.dedent(
    """
    import resource, signal, sys
    from contractdesk.fsutil import SaveError, save_atomic
    target, limit, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        save_atomic(target, b"n" * size)
    except SaveError as exc:
        print(exc.errno, exc.filename)
        sys.exit(3)
    print("saved")
    """
)


def _save_in_child(target: Path, limit: int, size: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(target), str(limit), str(size)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_saves_and_replaces_a_file(tmp_path: Path) -> None:
    target = tmp_path / "avtale.pdf"
    save_atomic(target, b"first")
    assert target.read_bytes() == b"first"
    target.chmod(0o600)
    save_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert target.stat().st_mode & 0o777 == 0o600  # the replaced file's mode is kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["avtale.pdf"]


@pytest.mark.parametrize("limit", [0, 1, 4096, 65_536])
def test_failing_write_leaves_the_old_file_and_no_temp(tmp_path: Path, limit: int) -> None:
    target = tmp_path / "avtale.pdf"
    target.write_bytes(b"old complete content")
    result = _save_in_child(target, limit, 200_000)
    assert result.returncode == 3, result.stdout + result.stderr
    code, name = result.stdout.split()
    assert int(code) == errno.EFBIG
    assert name == str(target)
    assert target.read_bytes() == b"old complete content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["avtale.pdf"]


def test_failing_write_of_a_new_file_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "ny.pdf"
    result = _save_in_child(target, 10_000, 50_000)
    assert result.returncode == 3, result.stdout + result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_child_saves_when_the_limit_allows(tmp_path: Path) -> None:
    target = tmp_path / "ok.pdf"
    result = _save_in_child(target, 1_000_000, 50_000)
    assert result.returncode == 0 and result.stdout.strip() == "saved", result.stderr
    assert target.read_bytes() == b"n" * 50_000
    assert [p.name for p in tmp_path.iterdir()] == ["ok.pdf"]


def test_missing_folder_and_directory_target_raise_save_error(tmp_path: Path) -> None:
    with pytest.raises(SaveError) as missing:
        save_atomic(tmp_path / "nope" / "x.pdf", b"x")
    assert missing.value.errno == errno.ENOENT
    folder_target = tmp_path / "is-a-dir"
    folder_target.mkdir()
    with pytest.raises(SaveError):
        save_atomic(folder_target, b"x")
    assert folder_target.is_dir()
    assert [p.name for p in tmp_path.iterdir()] == ["is-a-dir"]
    assert os.listdir(folder_target) == []


def test_the_old_import_path_still_works() -> None:
    from contractdesk.output import atomic

    assert atomic.save_atomic is save_atomic and atomic.SaveError is SaveError
