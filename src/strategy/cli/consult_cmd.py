"""``strategy consult``: consultation drafts of the powiat strategy, one per gmina.

In: the store, the plan of the powiat strategy (``--plan``; by default the first
``strategia_powiatu`` plan for the powiat found in ``data/raw/plany``), the version, the date of
sending and the deadline for remarks. Out: ``<reports>/<powiat>/konsultacje/<wersja>/*.docx`` and
the shipping register ``rejestr_wysylki.csv``/``.xlsx`` next to the version folders, and a Polish
summary. Exit 0 on success, 2 on unusable arguments or inputs (nothing written).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..consultation.drafts import SHIPPING_NAME, draft_folder, write_drafts
from ..errors import StrategyError
from ..plan import load_plan
from . import ingest_cmd

PLANS = Path("data/raw/plany")
DEFAULT_DAYS = 21


def register(sub) -> None:
    p = sub.add_parser(
        "consult", help="przygotuj projekty strategii do konsultacji z gminami (.docx)",
        description="Tworzy dla każdej gminy powiatu projekt strategii do konsultacji: "
                    "nagłówek „PROJEKT – wersja do konsultacji”, informację, jak zgłaszać uwagi, "
                    "diagnozę gminy jako załącznik i formularz uwag. Zapisuje rejestr wysyłki.")
    p.add_argument("--powiat", default="3007", metavar="KOD", help="kod TERC powiatu (domyślnie 3007)")
    p.add_argument("--wersja", default="1.0", metavar="WERSJA", help="numer wersji projektu (domyślnie 1.0)")
    p.add_argument("--data", default=None, metavar="RRRR-MM-DD",
                   help="data wysłania (domyślnie dzisiejsza)")
    p.add_argument("--termin", default=None, metavar="RRRR-MM-DD",
                   help=f"termin zgłaszania uwag (domyślnie {DEFAULT_DAYS} dni od daty wysłania)")
    p.add_argument("--plan", type=Path, default=None, metavar="PLIK.yaml",
                   help=f"plan strategii powiatu (domyślnie z folderu {PLANS})")
    p.add_argument("--store", type=Path, default=ingest_cmd.DEFAULT_PATH, metavar="PLIK",
                   help=f"plik magazynu danych (domyślnie {ingest_cmd.DEFAULT_PATH})")
    p.add_argument("--reports", type=Path, default=Path("reports"), metavar="KATALOG",
                   help="katalog na dokumenty (domyślnie reports)")
    p.add_argument("--gminy", nargs="+", default=None, metavar="KOD",
                   help="tylko te gminy (kody TERC); domyślnie wszystkie gminy powiatu")
    p.set_defaults(func=run)


def find_plan(powiat: str, folder: Path = PLANS) -> Path:
    """Return the first plan of a ``strategia_powiatu`` for ``powiat`` in ``folder``."""
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            plan = load_plan(path)
        except StrategyError:
            continue
        if plan.kind == "strategia_powiatu" and plan.unit == powiat:
            return path
    raise StrategyError(f"nie znaleziono planu strategii powiatu {powiat} w folderze {folder}; "
                        "wskaż go opcją --plan")


def run(args: argparse.Namespace) -> int:
    try:
        sent = dt.date.fromisoformat(args.data) if args.data else dt.date.today()
        due = dt.date.fromisoformat(args.termin) if args.termin else sent + dt.timedelta(DEFAULT_DAYS)
    except ValueError as exc:
        print(f"BŁĄD: nieprawidłowa data ({exc}); użyj postaci RRRR-MM-DD", file=sys.stderr)
        return 2
    if not Path(args.store).exists():
        print(f"BŁĄD: brak magazynu danych {args.store}; najpierw uruchom 'strategy ingest' "
              "albo 'strategy demo'", file=sys.stderr)
        return 2
    plan = args.plan or find_plan(args.powiat)
    infos = write_drafts(args.store, plan, args.powiat, args.wersja, due, sent, args.reports,
                         gminas=args.gminy)
    folder = draft_folder(args.reports, args.powiat, args.wersja)
    print(f"Projekty do konsultacji, wersja {args.wersja} z {sent.isoformat()}, "
          f"termin uwag {due.isoformat()}: {len(infos)} (folder {folder})")
    for i in infos:
        print(f"  {i.gmina} ({i.teryt}): {i.path.name}")
    reg = folder.parent / f"{SHIPPING_NAME}.xlsx"
    print(f"Rejestr wysyłki: {reg} (i kopia CSV)")
    print("Zwrócone pliki zbierz poleceniem: strategy uwagi KATALOG_ZE_ZWROTAMI")
    return 0
