"""How command modules plug into the CLI: nouns with verbs, shared by several modules."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

Handler = Callable[[Any, argparse.Namespace], "int | None"]


class CommandRegistry:
    """Hands out argparse subparsers: ``noun("customer").add_parser("add")``, or a bare
    ``command``."""

    def __init__(self, subparsers: Any) -> None:
        self._subparsers = subparsers
        self._nouns: dict[str, Any] = {}

    def noun(self, name: str, help: str) -> Any:
        """The verb subparsers of a noun (created on first use; several modules may add verbs)."""
        if name not in self._nouns:
            parser = self._subparsers.add_parser(name, help=help, description=help)
            verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
            self._nouns[name] = verbs
        return self._nouns[name]

    def command(self, name: str, help: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = self._subparsers.add_parser(
            name, help=help, description=help
        )
        return parser


def add_expected_version_flag(parser: argparse.ArgumentParser) -> None:
    """``--expected-version N``: refuse the change (exit 1, "Someone else changed …") unless the
    record is still at version N, the ``version`` its ``--json`` output showed (issue 19)."""
    parser.add_argument(
        "--expected-version",
        type=int,
        metavar="N",
        help='change only if the record is still at version N (its JSON\'s "version")',
    )


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json", action="store_true", help="print JSON (UTF-8; amounts as strings)"
    )
