"""``strategy demo``: the whole pipeline on the embedded demo data (powiat kaliski, 3007).

In: ``data/raw/demo`` (generated figures, real TERYT codes) and the demo plans in
``data/raw/plany``. Out: the store ``data/processed/indicators.parquet`` and, once the build step
is available, every demo document under ``reports/``. Every output says "DANE DEMONSTRACYJNE".
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import ingest_cmd

DEMO_INPUT = Path("data/raw/demo")
DEMO_POWIAT = "3007"


def register(sub) -> None:
    p = sub.add_parser(
        "demo", help="uruchom cały proces na danych demonstracyjnych powiatu kaliskiego",
        description="Wczytuje dane demonstracyjne (DANE DEMONSTRACYJNE: prawdziwe kody TERYT, "
                    "wygenerowane liczby) do magazynu i buduje z nich dokumenty.")
    p.add_argument("--store", type=Path, default=ingest_cmd.DEFAULT_PATH, metavar="PLIK",
                   help=f"plik magazynu danych (domyślnie {ingest_cmd.DEFAULT_PATH})")
    p.add_argument("--reports", type=Path, default=Path("reports"), metavar="KATALOG",
                   help="katalog na dokumenty (domyślnie reports)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    print("== Krok 1: wczytanie danych demonstracyjnych ==", flush=True)
    rc = ingest_cmd.run(argparse.Namespace(paths=[DEMO_INPUT], powiat=DEMO_POWIAT,
                                           store=args.store))
    if rc:
        print("BŁĄD: dane demonstracyjne nie wczytały się; dalsze kroki pominięto.",
              file=sys.stderr)
        return rc
    return 0
