"""The app driven through the platform accessibility API (AT-SPI) with real mouse clicks, the way
a screen reader or a test robot does: every page is reached from the sidebar, and no control on
it lacks a name. Runs the real app (``--demo``) under Xvfb in its own dbus session; skipped where
Xvfb, xdotool, dbus-run-session or the system's pyatspi are missing (.ci/run installs them)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"


def _missing() -> str | None:
    for tool in ("Xvfb", "xdotool", "dbus-run-session"):
        if shutil.which(tool) is None:
            return tool
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True)
    return None if probe.returncode == 0 else "python3-pyatspi"


@pytest.fixture
def display() -> str:
    missing = _missing()
    if missing:
        pytest.skip(f"{missing} is not installed")
    number = next(
        n for n in range(90 + os.getpid() % 100, 400) if not Path(f"/tmp/.X11-unix/X{n}").exists()
    )
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.5)
    yield f":{number}"
    server.terminate()
    server.wait(10)


def test_every_page_is_reached_by_real_clicks_and_every_control_is_named(
    display: str, tmp_path: Path
) -> None:
    env = dict(os.environ, DISPLAY=display, HOME=str(tmp_path))
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(
        [
            "dbus-run-session",
            "--",
            SYSTEM_PYTHON,
            str(HERE / "atspi_probe.py"),
            "--",
            sys.executable,
            "-m",
            "contractdesk",
            "--demo",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-2000:]
    result = json.loads(lines[-1])
    assert result["error"] is None, result
    pages = result["pages"]
    assert [p["name"] for p in pages] == [
        "Overview",
        "Customers",
        "Agreements",
        "Terms",
        "Services & invoicing",
        "Settings",
    ]
    assert all(p["selected_after_click"] for p in pages), pages
    assert all(p["controls"] > 3 for p in pages), pages
    assert result["unnamed"] == {p["name"]: [] for p in pages}
