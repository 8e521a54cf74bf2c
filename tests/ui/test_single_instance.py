"""A second instance on the same data folder is refused; a stale lock from a crash does not block."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from contractdesk.ui.single_instance import SingleInstance


def test_second_instance_is_refused_and_first_is_asked_forward(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = SingleInstance(tmp_path)
    assert first.acquire()
    code = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from contractdesk.ui.single_instance import SingleInstance\n"
        "app = QCoreApplication([])\n"
        f"s = SingleInstance({str(tmp_path)!r})\n"
        "print('acquired' if s.acquire() else 'refused')\n"
        "print('asked' if s.ask_first_to_come_forward() else 'not-asked')\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with qtbot.waitSignal(first.activation_requested, timeout=10_000):
        proc = subprocess.Popen(
            [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env
        )
        # keep the event loop turning so the first instance can answer
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=20_000)
    stdout, _ = proc.communicate(timeout=10)
    out = stdout.split()
    assert out == ["refused", "asked"]
    first.release()


def test_stale_lock_after_a_crash_is_cleared(tmp_path: Path) -> None:
    # A lock file naming a process that no longer exists, as a crash leaves it.
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / "contractdesk.lock").write_text(
        f"{dead.pid}\ncontractdesk\n{socket.gethostname()}\n"
    )
    instance = SingleInstance(tmp_path)
    assert instance.acquire()
    instance.release()
