"""``strategy ingest [ŚCIEŻKI...] [--powiat KOD] [--store PLIK]``: input files -> the store.

In: files or folders (default ``data/raw/demo``), optionally the powiat code and the store path.
Out: on success the store written atomically (default ``data/processed/indicators.parquet``) and
a Polish summary of what was loaded, exit 0; on any problem a table of every problem (plik |
arkusz | wiersz | kolumna | znaleziono | oczekiwano | problem) with counts per rule, exit 2, and
nothing written - the existing store stays as it was.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections import Counter
from pathlib import Path

from .. import DEMO_MARK
from ..ingest.loading import Summary, load_inputs
from ..ingest.problems import Problem
from ..store import DEFAULT_PATH, write
from ..validate import RULES

DEFAULT_INPUT = Path("data/raw/demo")
#: Table columns: header, Problem attribute, share of the free width.
_COLUMNS = [("plik", "file", 0.16), ("arkusz", "sheet", 0.09), ("wiersz", "row", 0.0),
            ("kolumna", "column", 0.10), ("znaleziono", "value", 0.12),
            ("oczekiwano", "expected", 0.18), ("problem", "message", 0.35)]
#: Descriptions of the readers' rule ids (the validator's are in strategy.validate.RULES).
_READER_RULES = {"odczyt": "nie można odczytać pliku", "format": "nieobsługiwany format pliku",
                 "pusty": "brak danych w pliku", "kodowanie": "błędne kodowanie znaków"}


def register(sub) -> None:
    p = sub.add_parser(
        "ingest", help="wczytaj dane wejściowe (BDL CSV/JSON, szablon XLSX/CSV) do magazynu",
        description="Sprawdza pliki z danymi i zapisuje je w magazynie danych. Gdy dane mają "
                    "błędy, wypisuje je wszystkie i niczego nie zapisuje.")
    p.add_argument("paths", nargs="*", metavar="ŚCIEŻKA", type=Path,
                   help=f"pliki lub foldery z danymi (domyślnie {DEFAULT_INPUT})")
    p.add_argument("--powiat", metavar="KOD", default=None,
                   help="kod TERC powiatu, 4 cyfry (domyślnie ustalany z danych)")
    p.add_argument("--store", metavar="PLIK", type=Path, default=DEFAULT_PATH,
                   help=f"plik magazynu danych (domyślnie {DEFAULT_PATH})")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    paths = list(args.paths) or [DEFAULT_INPUT]
    try:
        store, problems, summary = load_inputs(paths, powiat=args.powiat)
    except Exception as exc:  # noqa: BLE001 - never a traceback for bad input
        names = ", ".join(str(p) for p in paths)
        print(f"BŁĄD: nieoczekiwany błąd podczas wczytywania {names}: "
              f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    if problems:
        print(format_problems(problems))
        print(f"BŁĄD: dane mają problemy ({len(problems)}); niczego nie zapisano, magazyn "
              f"danych {args.store} pozostał bez zmian.", file=sys.stderr)
        return 2
    try:
        path = write(store, args.store)
    except OSError as exc:
        print(f"BŁĄD: nie można zapisać magazynu danych {args.store}: {exc.strerror or exc}",
              file=sys.stderr)
        return 1
    print(format_summary(summary, path))
    return 0


def format_problems(problems: list[Problem], width: int | None = None) -> str:
    """Return the problems as a text table with wrapped cells and counts per rule at the end."""
    width = width or max(100, min(shutil.get_terminal_size((140, 20)).columns, 200))
    problems = sorted(problems, key=lambda p: (p.file, p.sheet, p.row or 0))
    cells = [[_cell(p, attr) for _, attr, _ in _COLUMNS] for p in problems]
    natural = [max([len(head)] + [len(r[i]) for r in cells])
               for i, (head, _, _) in enumerate(_COLUMNS)]
    free = width - 3 * (len(_COLUMNS) - 1)
    widths = list(natural)
    floor = [max(len(head), 8) for head, _, _ in _COLUMNS]
    while sum(widths) > free:   # narrow the widest column that can still give way
        i = max((k for k in range(len(widths)) if widths[k] > floor[k] and _COLUMNS[k][2]),
                key=lambda k: widths[k] / _COLUMNS[k][2], default=None)
        if i is None:
            break
        widths[i] -= 1
    sep = "-+-".join("-" * w for w in widths)
    lines = [f"Znaleziono problemy w danych wejściowych: {len(problems)}", "",
             " | ".join(h.ljust(w) for (h, _, _), w in zip(_COLUMNS, widths)).rstrip(), sep]
    for row in cells:
        wrapped = [textwrap.wrap(c, w, break_long_words=True, break_on_hyphens=False) or [""]
                   for c, w in zip(row, widths)]
        for i in range(max(len(x) for x in wrapped)):
            lines.append(" | ".join((x[i] if i < len(x) else "").ljust(w)
                                    for x, w in zip(wrapped, widths)).rstrip())
        lines.append(sep)
    lines += ["", "Liczba problemów według rodzaju:"]
    for rule, n in Counter(p.rule or "inne" for p in problems).most_common():
        label = RULES.get(rule) or _READER_RULES.get(rule) or rule
        lines.append(f"  {label} [{rule}]: {n}")
    return "\n".join(lines)


def _cell(p: Problem, attr: str) -> str:
    v = getattr(p, attr)
    if v is None:
        return ""
    s = str(v).replace("\n", " ").replace("\r", " ")
    if attr == "value" and len(s) > 80:
        s = s[:79] + "…"
    return s


def format_summary(s: Summary, path: Path) -> str:
    """Return the Polish description of what was loaded and where the store is."""
    lines = []
    if s.demo:
        lines += [f"*** {DEMO_MARK} - liczby są wygenerowane, nie pochodzą z GUS ani z OPS ***",
                  ""]
    lines.append(f"Wczytano dane z plików: {len(s.files)}")
    if s.powiat:
        label = dict(s.units).get(s.powiat, "")
        lines.append(f"Powiat: {s.powiat} {label}".rstrip())
    lines.append(f"Jednostki ({len(s.units)}):")
    lines += [f"  {code:<7}  {label}" for code, label in s.units]
    lines.append(f"Lata: {_years(s.years)}")
    lines.append(f"Wskaźniki: {s.indicators}, według obszarów:")
    lines += [f"  {area}: {n}" for area, n in s.by_area.items()]
    lines.append(f"Wiersze: {_int(s.rows)}")
    lines.append("Oznaczenia: " + ", ".join(f"{k}: {_int(v)}" for k, v in s.flags.items()))
    if s.warnings:
        lines += ["", f"Uwagi (nie blokują wczytania): {len(s.warnings)}"]
        lines += [f"  - {w}" for w in s.warnings[:20]]
        if len(s.warnings) > 20:
            lines.append(f"  ... i {len(s.warnings) - 20} więcej")
    lines += ["", f"Magazyn danych zapisano: {path}"]
    return "\n".join(lines)


def _years(years: list[int]) -> str:
    if not years:
        return "brak"
    if years == list(range(years[0], years[-1] + 1)) and len(years) > 2:
        return f"{years[0]}-{years[-1]} ({len(years)} {_lat(len(years))})"
    return ", ".join(str(y) for y in years)


def _lat(n: int) -> str:
    if n == 1:
        return "rok"
    return "lata" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "lat"


def _int(n: int) -> str:
    return f"{n:,}".replace(",", " ")
