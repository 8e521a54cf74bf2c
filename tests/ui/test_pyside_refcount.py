"""Guard against the PySide6 6.12.0 / CPython 3.11 none_dealloc abort (void calls drop a ref to None).

Runs in a child process so an abort fails this test instead of killing the whole suite.
"""

from __future__ import annotations

import os
import subprocess
import sys


def test_ten_thousand_void_calls_do_not_abort() -> None:
    code = (
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication([])\n"
        "label = QLabel()\n"
        "for i in range(10_000):\n"
        "    label.setText(str(i))\n"
        "    label.setVisible(False)\n"
        "print(label.text())\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "9999"
