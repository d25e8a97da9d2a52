"""The ``strategy`` command. Thin: each subcommand lives in its own module and calls the package.

Exit statuses: 0 success, 1 a build/job failed, 2 invalid input or usage (nothing written).
"""
from __future__ import annotations

import argparse
import importlib
import sys

from ..errors import StrategyError

#: Subcommand modules, in the order ``strategy --help`` lists them. Each has ``register(sub)``
#: that adds its parser and sets ``func(args) -> int``.
SUBCOMMANDS = ["demo", "pobierz", "ingest", "template", "jednostki", "granice", "build",
               "notatnik", "uwagi", "consult", "pdf"]


def build_parser(names: list[str] | None = None) -> argparse.ArgumentParser:
    """Return the parser with the given subcommands (all of them by default)."""
    parser = argparse.ArgumentParser(
        prog="strategy",
        description="Warsztat strategii rozwiązywania problemów społecznych powiatu i gmin.",
    )
    sub = parser.add_subparsers(dest="command", metavar="POLECENIE")
    for name in names or SUBCOMMANDS:
        importlib.import_module(f"{__name__}.{name}_cmd").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # Import only the subcommand that runs: some pull in pandas and scipy, and a build with
    # nothing to do must answer in about a second.
    first = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser([first] if first in SUBCOMMANDS else None)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return run_args(args)


def run_args(args: argparse.Namespace) -> int:
    """Run a parsed subcommand; a :class:`StrategyError` becomes a Polish message and status 2."""
    try:
        return int(args.func(args) or 0)
    except StrategyError as exc:
        print(f"BŁĄD: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Przerwano.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
