"""``strategy demo``: the whole pipeline on the embedded demo data (powiat kaliski, 3007).

In: ``data/raw/demo`` (generated figures, real TERYT codes) and the demo plans in
``data/raw/plany``. Out: the store ``data/processed/indicators.parquet`` and every demo document
built through the notebooks (``strategy build``) under ``reports/`` with ``reports/index.html``.
Every output says "DANE DEMONSTRACYJNE".
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..batch.build import BuildOptions, run_build
from . import ingest_cmd

DEMO_INPUT = Path("data/raw/demo")
DEMO_POWIAT = "3007"


def register(sub) -> None:
    p = sub.add_parser(
        "demo", help="uruchom cały proces na danych demonstracyjnych powiatu kaliskiego",
        description="Wczytuje dane demonstracyjne (DANE DEMONSTRACYJNE: prawdziwe kody TERYT, "
                    "wygenerowane liczby) do magazynu i buduje z nich wszystkie dokumenty.")
    p.add_argument("--store", type=Path, default=ingest_cmd.DEFAULT_PATH, metavar="PLIK",
                   help=f"plik magazynu danych (domyślnie {ingest_cmd.DEFAULT_PATH})")
    p.add_argument("--reports", type=Path, default=Path("reports"), metavar="KATALOG",
                   help="katalog na dokumenty (domyślnie reports)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="liczba równoległych procesów budowania (domyślnie liczba rdzeni)")
    p.add_argument("--bez-dokumentow", action="store_true", dest="no_documents",
                   help="tylko wczytanie danych, bez budowania dokumentów")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    print("== Krok 1 z 2: wczytanie danych demonstracyjnych ==", flush=True)
    # merged like any load: the demo store is renewed, a real store at this path is refused
    rc = ingest_cmd.run(argparse.Namespace(paths=[DEMO_INPUT], powiat=DEMO_POWIAT,
                                           store=args.store, fresh=False))
    if rc:
        print("BŁĄD: dane demonstracyjne nie wczytały się; dalsze kroki pominięto.",
              file=sys.stderr)
        return rc
    if args.no_documents:
        return 0
    print("\n== Krok 2 z 2: dokumenty (notatniki papermill, tylko to, co się zmieniło) ==",
          flush=True)
    report = run_build(BuildOptions(powiat=[DEMO_POWIAT], jobs=args.jobs, reports=args.reports,
                                    store=args.store))
    index = args.reports / "index.html"
    print(f"\nDokumenty (DANE DEMONSTRACYJNE) są w katalogu {args.reports}/{DEMO_POWIAT}/; "
          f"spis wszystkich z odnośnikami: {index}")
    return report.exit_status
