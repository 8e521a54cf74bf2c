"""The ``contractdesk`` command line: ``contractdesk [--data-dir DIR] NOUN VERB …``.

Exit codes: 0 success, 1 user error (one line on stderr), 2 wrong usage.
Command modules live in ``contractdesk/cli/commands/``; each has ``register(registry)`` and
imports heavy modules inside its handlers, so ``--help`` and start-up stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Sequence

from contractdesk import __version__
from contractdesk.cli.registry import CommandRegistry

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="contractdesk",
        description="ContractDesk: customers, terms and signable agreements. Without a command it opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"ContractDesk {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data folder (default: CONTRACTDESK_DATA_DIR or the user data folder)",
    )
    sub = parser.add_subparsers(dest="noun", metavar="COMMAND")
    registry = CommandRegistry(sub)
    from contractdesk.cli import commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"contractdesk.cli.commands.{info.name}")
        module.register(registry)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from contractdesk.cli.context import CliContext
    from contractdesk.cli.output import error

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: 2 on wrong usage, 0 after --help/--version
        return exc.code if isinstance(exc.code, int) else 2
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    ctx = CliContext(args)
    try:
        result = args.func(ctx, args)
        return int(result or 0)
    except KeyboardInterrupt:
        error("interrupted")
        return 1
    except Exception as exc:  # user-facing errors exit 1; bugs keep their traceback in the log
        from contractdesk.cli.errors import print_error

        return print_error(exc)
    finally:
        ctx.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
