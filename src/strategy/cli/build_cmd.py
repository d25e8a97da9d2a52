"""``strategy build``: regenerate the documents of the powiat and its gminas with papermill.

In: command-line options. Out: exit status 0 (everything built or up to date), 1 (a job
failed), 2 (invalid options or data: nothing ran). Kept light: the batch machinery imports
papermill and pandas only when a job has to run.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from ..batch.build import BuildOptions, run_build
from ..batch.jobs import DEFAULT_TABLE
from ..errors import BuildError
from . import run_args


def _codes(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def register(sub) -> None:
    p = sub.add_parser(
        "build", help="buduje dokumenty (notatniki papermill) dla powiatu i gmin",
        description="Uruchamia notatniki dla każdej jednostki (równolegle), zapisuje wykonany "
                    "notatnik, HTML i DOCX w reports/<powiat>/<rok>/<teryt>_<nazwa>/ oraz reports/index.html "
                    "i reports/build.json. Buduje tylko to, czego dane wejściowe się zmieniły.")
    p.add_argument("--powiat", action="append", default=[], metavar="KOD",
                   help="kod TERC powiatu (można powtórzyć); domyślnie powiat demonstracyjny 3007")
    p.add_argument("--gmina", action="append", default=[], metavar="KOD",
                   help="kod TERC gminy (można powtórzyć): buduje tylko dokumenty tych gmin")
    p.add_argument("--only", type=_codes, default=[], metavar="DOKUMENTY",
                   help="tylko te dokumenty, np. diagnoza,strategia")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="liczba równoległych procesów (domyślnie liczba rdzeni)")
    p.add_argument("--force", action="store_true", help="buduje wszystko, także aktualne")
    p.add_argument("--html", action=argparse.BooleanOptionalAction, default=True,
                   help="zapisuje też wersję HTML notatnika (bez kodu)")
    p.add_argument("--reports", type=Path, default=Path("reports"), metavar="FOLDER",
                   help="folder wyników (domyślnie reports/)")
    p.add_argument("--store", type=Path, default=Path("data/processed/indicators.parquet"),
                   metavar="PLIK", help="magazyn danych (parquet)")
    p.add_argument("--rok", type=int, default=None, help="rok danych (domyślnie ostatni w magazynie)")
    p.add_argument("--table", type=Path, default=None, metavar="PLIK",
                   help="tabela zadań TOML (domyślnie tabela pakietu)")
    p.set_defaults(func=run)


def run(args) -> int:
    # A structural check only: strategy.units would import pandas, too slow for a no-op build.
    for code in args.powiat:
        if not re.fullmatch(r"\d{4}", code):
            raise BuildError(f"'{code}' nie jest kodem TERC powiatu (4 cyfry)")
    for code in args.gmina:
        if not re.fullmatch(r"\d{7}", code):
            raise BuildError(f"'{code}' nie jest kodem TERC gminy (7 cyfr)")
    if args.jobs < 1:
        raise BuildError("--jobs musi być liczbą dodatnią")
    opts = BuildOptions(powiat=args.powiat, gmina=args.gmina, only=args.only, jobs=args.jobs,
                        force=args.force, html=args.html, reports=args.reports, store=args.store,
                        table=args.table or DEFAULT_TABLE, rok=args.rok)
    return run_build(opts).exit_status


def main(argv: list[str] | None = None) -> int:
    """Run ``build`` alone (``python -m strategy.cli.build_cmd``), with the CLI's error handling."""
    parser = argparse.ArgumentParser(prog="strategy")
    register(parser.add_subparsers(dest="command"))
    return run_args(parser.parse_args(["build", *(sys.argv[1:] if argv is None else argv)]))


if __name__ == "__main__":
    sys.exit(main())
