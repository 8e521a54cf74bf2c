"""Start of the GUI process: start time, arguments, logging; the GUI is ``contractdesk.ui.app``.

This module imports no Qt, so the process start time is taken before anything heavy loads.
"""

from __future__ import annotations

import argparse
import logging
import time
from collections.abc import Sequence
from pathlib import Path

PROCESS_START = time.perf_counter()
log = logging.getLogger("contractdesk")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="contractdesk")
    parser.add_argument("--data-dir")
    parser.add_argument(
        "--demo", action="store_true", help="open a throwaway store with demo customers"
    )
    parser.add_argument("--lang", choices=("nb", "en"))
    return parser.parse_args(list(argv))


def setup_logging(folder: Path) -> None:
    """Log to a rotating file in the data folder (no personal data or secrets are logged)."""
    from logging.handlers import RotatingFileHandler

    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    handler = RotatingFileHandler(
        folder / "contractdesk.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def run_gui(argv: Sequence[str]) -> int:
    """Start the app; returns the process exit code (the GUI lives in ``contractdesk.ui.app``)."""
    from contractdesk.ui.app import run_gui as run

    return run(argv)


def __getattr__(name: str) -> object:
    """``contractdesk.app.GuiController`` still works (it lives in ``contractdesk.ui.app``)."""
    if name == "GuiController":
        from contractdesk.ui.app import GuiController

        return GuiController
    raise AttributeError(name)
