"""Entry point: ``contractdesk`` opens the app; ``contractdesk NOUN VERB …`` runs the CLI.

The GUI path is chosen before the CLI parser is built, so the window is not delayed by
importing the command modules or SQLAlchemy.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

GUI_FLAGS_WITH_VALUE = {"--data-dir", "--lang"}
GUI_FLAGS = {"--demo"}


def _is_gui(argv: Sequence[str]) -> bool:
    it = iter(argv)
    for arg in it:
        if arg in GUI_FLAGS:
            continue
        if arg in GUI_FLAGS_WITH_VALUE:
            next(it, None)
            continue
        if any(arg.startswith(f + "=") for f in GUI_FLAGS_WITH_VALUE):
            continue
        return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    import multiprocessing

    # First: in the frozen bundle a batch's worker process starts as this executable and must stop
    # here.
    multiprocessing.freeze_support()
    args = list(sys.argv[1:] if argv is None else argv)
    if _is_gui(args):
        from contractdesk.app import run_gui

        return run_gui(args)
    from contractdesk.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
