"""The ``contractdesk`` command line: ``contractdesk [--data-dir DIR | --server URL] NOUN VERB …``.

Exit codes: 0 success, 1 user error (one line on stderr), 2 wrong usage.
Command modules live in ``contractdesk/cli/commands/``; each has ``register(registry)`` and
imports heavy modules inside its handlers, so ``--help`` and start-up stay fast.
"""

from __future__ import annotations

import argparse
import contextlib
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
        description="ContractDesk: customers, terms and signable agreements. "
        "Without a command it opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"ContractDesk {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data folder (default: CONTRACTDESK_DATA_DIR or the user data folder)",
    )
    parser.add_argument(
        "--server",
        metavar="URL",
        help="use a team server, postgresql://user@host/database (default: "
        "CONTRACTDESK_DATABASE_URL; without either, the local encrypted store)",
    )
    sub = parser.add_subparsers(dest="noun", metavar="COMMAND")
    registry = CommandRegistry(sub)
    from contractdesk.cli import commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"contractdesk.cli.commands.{info.name}")
        module.register(registry)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status (0 ok, 1 user error, 2 wrong usage).

    No argument or environment value yields a traceback: known errors print one line; a closed
    output pipe (``| head -1``) ends quietly.
    """
    from contractdesk.cli.output import error

    _tolerant_streams()
    try:
        return _run(argv)
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        error("interrupted")
        return 1


def _run(argv: Sequence[str] | None) -> int:
    from contractdesk.cli.context import CliContext

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
        sys.stdout.flush()
        return int(result or 0)
    except (BrokenPipeError, KeyboardInterrupt):
        raise
    except Exception as exc:  # known errors exit 1 with one line; bugs keep a traceback in the log
        from contractdesk.cli.errors import print_error

        return print_error(exc)
    finally:
        ctx.close()


def _tolerant_streams() -> None:
    """Text from arguments that is not valid UTF-8 is written back as the bytes it came as."""
    for stream, errors in ((sys.stdout, "surrogateescape"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors=errors)


def _silence_stdout() -> None:
    """After the reader closed the pipe: further output (and the flush at exit) goes nowhere."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
