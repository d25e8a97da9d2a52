"""``strategy consult``: consultation drafts of the powiat strategy, one per gmina.

In: the store, the plan of the powiat strategy (``--plan``; by default the first
``strategia_powiatu`` plan for the powiat found in ``data/raw/plany``), the strategy's notebook
(``--notatnik``; by default the author copy ``notebooks/autorskie/<powiat>/strategia_powiatu.ipynb``
when there is one, else the template ``notebooks/strategia_powiatu.ipynb``), the version, the
date of sending and the deadline for remarks.

The notebook is run once through papermill with ``konsultacje = True``; its document is saved
with its blocks into ``<reports>/<powiat>/konsultacje/<wersja>/strategia/`` (the executed
notebook, the strategy's DOCX and ``strategia.bloki.json``), and each gmina's draft is rendered
from those blocks (:func:`strategy.consultation.drafts.write_drafts`): what the author added,
removed or moved in the notebook is in every draft.

Out: ``<reports>/<powiat>/konsultacje/<wersja>/*.docx`` and the shipping register
``rejestr_wysylki.csv``/``.xlsx`` next to the version folders, and a Polish summary. Exit 0 on
success, 2 on unusable arguments or inputs, 1 when the strategy's notebook fails.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..consultation.drafts import SHIPPING_NAME, draft_folder, write_drafts
from ..documents.authoring import blocks_path
from ..errors import StrategyError
from ..locking import LockError
from ..plan import load_plan
from . import ingest_cmd

PLANS = Path("data/raw/plany")
NOTEBOOKS = Path("notebooks")
NOTEBOOK = "strategia_powiatu.ipynb"
#: Name of the strategy's DOCX the notebook writes into its output folder.
STRATEGY_DOCX = "strategia.docx"
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
    p.add_argument("--notatnik", type=Path, default=None, metavar="PLIK.ipynb",
                   help="notatnik strategii, z którego powstaje projekt (domyślnie notatnik "
                        f"autorski {NOTEBOOKS}/autorskie/KOD/{NOTEBOOK}, a gdy go nie ma - "
                        f"szablon {NOTEBOOKS}/{NOTEBOOK})")
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


def strategy_notebook(powiat: str, folder: Path = NOTEBOOKS) -> Path:
    """Return the strategy's notebook of ``powiat``: its author copy when there is one, else
    the template."""
    author = folder / "autorskie" / powiat / NOTEBOOK
    return author if author.is_file() else folder / NOTEBOOK


def run_strategy_notebook(notebook: Path, *, powiat: str, store: Path, plan: Path,
                          out_dir: Path) -> Path:
    """Run the strategy's ``notebook`` as a draft for consultation into ``out_dir``; return
    the blocks file its document saved."""
    # papermill (and a kernel) only when drafts are made: the rest of the CLI starts without it
    import papermill as pm

    out_dir.mkdir(parents=True, exist_ok=True)
    blocks = blocks_path(out_dir / STRATEGY_DOCX)
    blocks.unlink(missing_ok=True)   # never a draft from the blocks of an earlier run
    pm.execute_notebook(str(notebook), str(out_dir / NOTEBOOK), cwd=str(Path.cwd()),
                        parameters={"teryt": powiat, "store": str(Path(store).resolve()),
                                    "plan": str(Path(plan).resolve()),
                                    "output_dir": str(out_dir.resolve()), "konsultacje": True},
                        progress_bar=False)
    if not blocks.is_file():
        raise StrategyError(f"notatnik {notebook} nie zapisał dokumentu strategii "
                            f"({out_dir / STRATEGY_DOCX}); czy ma komórkę dok.save()?")
    return blocks


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
    notebook = args.notatnik or strategy_notebook(args.powiat)
    if not notebook.is_file():
        print(f"BŁĄD: nie ma notatnika strategii {notebook}", file=sys.stderr)
        return 2
    folder = draft_folder(args.reports, args.powiat, args.wersja)
    print(f"Strategia z notatnika {notebook} (uruchomiony jako projekt do konsultacji)")
    try:
        blocks = run_strategy_notebook(notebook, powiat=args.powiat, store=args.store, plan=plan,
                                       out_dir=folder / "strategia")
    except StrategyError:
        raise
    except Exception as exc:  # noqa: BLE001 - papermill reports a failed cell in several ways
        print(f"BŁĄD: notatnik strategii {notebook} zakończył się błędem; projektów nie "
              f"utworzono. Notatnik z komunikatem błędu: {folder / 'strategia' / NOTEBOOK}\n"
              f"{str(exc).strip().splitlines()[-1] if str(exc).strip() else exc!r}",
              file=sys.stderr)
        return 1
    try:
        infos = write_drafts(args.store, plan, args.powiat, args.wersja, due, sent, args.reports,
                             gminas=args.gminy, blocks=blocks)
    except LockError as exc:  # another consultation is writing the shipping register
        print(f"BŁĄD: {exc}", file=sys.stderr)
        return 1
    print(f"Projekty do konsultacji, wersja {args.wersja} z {sent.isoformat()}, "
          f"termin uwag {due.isoformat()}: {len(infos)} (folder {folder})")
    for i in infos:
        print(f"  {i.gmina} ({i.teryt}): {i.path.name}")
    reg = folder.parent / f"{SHIPPING_NAME}.xlsx"
    print(f"Rejestr wysyłki: {reg} (i kopia CSV)")
    print("Zwrócone pliki zbierz poleceniem: strategy uwagi KATALOG_ZE_ZWROTAMI")
    return 0
