"""``strategy ingest [ŚCIEŻKI...] [--powiat KOD] [--store PLIK] [--od-nowa]``: files -> store.

In: files or folders (default ``data/raw/demo``), optionally the powiat code and the store path.
Out: on success the figures read are **merged** into the store (rows of the same unit, year
and indicator replaced, all others kept; ``--od-nowa`` starts the store afresh), written
atomically (default ``data/processed/indicators.parquet``), the load recorded in the store's
metadata (``loads``, see :mod:`strategy.store`), and a Polish summary: what was read, what was
skipped on purpose (parts of gminas, other units of a national file), how many rows were added,
replaced and kept, then the table of the powiat's gminas with data by area
(:mod:`strategy.coverage`: what is missing before a build); exit 0. On any problem a table of
the problems (plik | arkusz | wiersz | kolumna | znaleziono | oczekiwano | problem) - identical
problems on several rows grouped into one line with the count and the rows, a key given with
different values on many rows one line, long cell texts cut, at most :data:`MAX_SHOWN` lines and
a count of the rest - with counts per rule, exit 2, and nothing written.

A store of demonstration data is not mixed with real data: a real load into a demo store starts
it afresh (said in the summary); a demo load into a real store is refused unless ``--od-nowa``.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import shutil
import sys
import textwrap
from collections import Counter
from pathlib import Path

from .. import DEMO_MARK
from ..catalog import default_catalog
from ..coverage import coverage, format_coverage
from ..errors import StoreError, StrategyError
from ..ingest.loading import Summary, load_inputs
from ..ingest.problems import Problem, group_problems
from ..locking import LockError, hold
from ..store import DEFAULT_PATH, MergeCounts, load, merge, write
from ..units import default_registry
from ..validate import RULES, infer_powiat
from ..writing import write_error

DEFAULT_INPUT = Path("data/raw/demo")
#: Table columns: header, Problem attribute, share of the free width.
_COLUMNS = [("plik", "file", 0.16), ("arkusz", "sheet", 0.09), ("wiersz", "row", 0.0),
            ("kolumna", "column", 0.10), ("znaleziono", "value", 0.12),
            ("oczekiwano", "expected", 0.18), ("problem", "message", 0.35)]
#: Descriptions of the readers' rule ids (the validator's are in strategy.validate.RULES).
#: Most entries of the problem table printed (the rest counted in one line and by rule).
MAX_SHOWN = 100
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
    p.add_argument("--od-nowa", dest="fresh", action="store_true",
                   help="zacznij magazyn od nowa (domyślnie nowe dane są dopisywane do "
                        "istniejącego magazynu, a wiersze tej samej jednostki, roku i wskaźnika "
                        "zastępowane)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    paths = list(args.paths) or [DEFAULT_INPUT]
    try:
        store, problems, summary = load_inputs(paths, powiat=args.powiat)
    except StrategyError as exc:    # e.g. an unreadable data/raw/jednostki.csv
        print(f"BŁĄD: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - never a traceback for bad input
        names = ", ".join(str(p) for p in paths)
        print(f"BŁĄD: nieoczekiwany błąd podczas wczytywania {names}: "
              f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    if problems:
        for note in summary.notes:
            print(f"Uwaga: {note}")
        print(format_problems(problems))
        print(f"BŁĄD: dane mają problemy ({len(problems)}); niczego nie zapisano, magazyn "
              f"danych {args.store} pozostał bez zmian.", file=sys.stderr)
        return 2
    return save_load(store, summary, args.store, fresh=bool(args.fresh))


def save_load(store, summary: Summary, store_path, *, fresh: bool = False,
              command: str = "strategy ingest") -> int:
    """Merge a validated load into the store at ``store_path``, write it, print the summary.

    Rows of the same unit, year and indicator are replaced, all others kept; ``fresh`` starts
    the store afresh. The load is recorded in the store's metadata (``loads``). The store is
    read, merged and written under its lock (:mod:`strategy.locking`), so two loads at the same
    time both end up in it. Return the exit status (0 written, 1 cannot write or the store is
    locked by another command for too long, 2 the existing store cannot be merged with).
    """
    store_path = Path(store_path)
    if store_path.is_dir():
        print(f"BŁĄD: {store_path} jest folderem, a magazyn danych to plik (np. "
              f"{store_path / DEFAULT_PATH.name}); podaj w --store ścieżkę pliku. Niczego nie "
              "zapisano.", file=sys.stderr)
        return 2
    try:
        with hold(store_path, command, what="magazyn danych"):
            return _save_locked(store, summary, store_path, fresh)
    except LockError as exc:
        print(f"BŁĄD: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # the lock file cannot be made (a read-only or full disk)
        print(f"BŁĄD: {write_error(exc, store_path, 'magazynu danych')}. Niczego nie zapisano.",
              file=sys.stderr)
        return 1


def _save_locked(store, summary: Summary, store_path: Path, fresh: bool) -> int:
    why_fresh = "na życzenie (--od-nowa)" if fresh else ""
    old = None
    if not fresh and store_path.exists():
        try:
            old = load(store_path)
        except StoreError as exc:
            print(f"BŁĄD: {exc}; aby zacząć magazyn od nowa, dodaj opcję --od-nowa",
                  file=sys.stderr)
            return 2
        if old.demo and not store.demo:
            old, why_fresh = None, (f"poprzedni magazyn zawierał {DEMO_MARK} - nie łączy się "
                                    "ich z prawdziwymi danymi")
        elif store.demo and not old.demo:
            print(f"BŁĄD: wczytywane pliki to {DEMO_MARK}, a magazyn {store_path} zawiera "
                  "prawdziwe dane; aby zastąpić magazyn danymi demonstracyjnymi, dodaj opcję "
                  "--od-nowa. Niczego nie zapisano.", file=sys.stderr)
            return 2
    elif not store_path.exists():
        why_fresh = why_fresh or "nowy magazyn"
    entry = {"time": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
             "files": list(summary.files), "rows": len(store.frame),
             "powiat": summary.powiat, "fresh": old is None}
    if summary.recoded:
        entry["codes"] = [dict(r) for r in summary.recoded]
    if old is not None:
        merged, counts = merge(old, store)
    else:
        merged, counts = store, MergeCounts(added=len(store.frame))
        merged.loads = []
    entry.update(added=counts.added, replaced=counts.replaced, kept=counts.kept)
    merged.loads = list(merged.loads) + [entry]
    try:
        path = write(merged, store_path)
    except OSError as exc:  # pyarrow's own text is English: the errno decides the message
        print(f"BŁĄD: {write_error(exc, store_path, 'magazynu danych')}. Magazyn pozostał bez "
              "zmian.", file=sys.stderr)
        return 1
    print(format_summary(summary, path, counts=counts, fresh=why_fresh,
                         total=len(merged.frame)))
    table = coverage_text(merged.frame, summary.powiat)
    if table:
        print("\n" + table)
    return 0


def coverage_text(frame, powiat: str | None) -> str:
    """Return the table of the powiat's gminas with data by area (:mod:`strategy.coverage`) for
    the store ``frame`` after a load; the powiat inferred from the data when not given."""
    registry = default_registry()
    if powiat is None:
        powiat, _ = infer_powiat(frame)
    if powiat is None or powiat not in registry:
        return ""
    return format_coverage(coverage(frame, default_catalog(), registry, powiat), registry, powiat)


def format_problems(problems: list[Problem], width: int | None = None) -> str:
    """Return the problems as a text table with wrapped cells and counts per rule at the end."""
    width = width or max(100, min(shutil.get_terminal_size((140, 20)).columns, 200))
    total = len(problems)
    problems = group_problems(sorted(problems, key=lambda p: (p.file, p.sheet, p.row or 0)))
    shown = problems[:MAX_SHOWN]
    cells = [[_cell(p, attr) for _, attr, _ in _COLUMNS] for p in shown]
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
    head = f"Znaleziono problemy w danych wejściowych: {total}"
    if len(problems) < total:
        head += f" (w {len(problems)} {_grupach(len(problems))}: te same problemy w kilku " \
                "wierszach podano raz, z listą wierszy)"
    lines = [head, "",
             " | ".join(h.ljust(w) for (h, _, _), w in zip(_COLUMNS, widths)).rstrip(), sep]
    for row in cells:
        wrapped = [textwrap.wrap(c, w, break_long_words=True, break_on_hyphens=False) or [""]
                   for c, w in zip(row, widths)]
        for i in range(max(len(x) for x in wrapped)):
            lines.append(" | ".join((x[i] if i < len(x) else "").ljust(w)
                                    for x, w in zip(wrapped, widths)).rstrip())
        lines.append(sep)
    if len(problems) > len(shown):
        rest = problems[len(shown):]
        n_rest = sum(max(1, len(p.rows)) for p in rest)
        lines.append(f"… i {_int(n_rest)} dalszych problemów w {_int(len(rest))} "
                     f"{_pozycjach(len(rest))} tabeli (pokazano pierwsze {len(shown)}; liczby "
                     "wszystkich według rodzaju poniżej) - popraw najpierw te powyżej, bo "
                     "zwykle mają tę samą przyczynę")
    lines += ["", "Liczba problemów według rodzaju:"]
    counted = Counter()
    for p in problems:
        counted[p.rule or "inne"] += max(1, len(p.rows))
    for rule, n in counted.most_common():
        label = RULES.get(rule) or _READER_RULES.get(rule) or rule
        lines.append(f"  {label} [{rule}]: {n}")
    return "\n".join(lines)


def _wierszy(n: int) -> str:
    if n == 1:
        return "wiersz"
    return "wiersze" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "wierszy"


def _pozycjach(n: int) -> str:
    return "pozycji" if n == 1 else "pozycjach"


def _grupach(n: int) -> str:
    return "grupie" if n == 1 else "grupach"


def _cell(p: Problem, attr: str) -> str:
    if attr == "row" and p.rows:
        return p.rows_text()
    v = getattr(p, attr)
    if v is None:
        return ""
    s = str(v).replace("\n", " ").replace("\r", " ")
    if attr == "value" and len(s) > 80:
        s = s[:79] + "…"
    return s


def format_summary(s: Summary, path: Path, *, counts: MergeCounts | None = None,
                   fresh: str = "", total: int | None = None) -> str:
    """Return the Polish description of what was loaded, merged and where the store is."""
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
    if s.recoded:
        lines += ["", "Zmiany kodów i nazw jednostek:"]
        lines += [f"  - {n}" for n in s.code_lines()]
    if s.notes:
        lines += ["", "Pominięte wiersze (zgodnie z zasadami, nie błędy):"]
        lines += [f"  - {n}" for n in s.notes]
    if s.warnings:
        lines += ["", f"Uwagi (nie blokują wczytania): {len(s.warnings)}"]
        lines += [f"  - {w}" for w in s.warnings[:20]]
        if len(s.warnings) > 20:
            lines.append(f"  ... i {len(s.warnings) - 20} więcej")
    if counts is not None:
        lines.append("")
        if fresh:
            lines.append(f"Magazyn zaczęto od nowa ({fresh}).")
        total = total if total is not None else s.rows
        lines.append(f"Magazyn: dodano {_int(counts.added)}, zastąpiono {_int(counts.replaced)}, "
                     f"pozostawiono bez zmian {_int(counts.kept)} (wiersze z wcześniejszych "
                     f"wczytań); razem {_int(total)} {_wierszy(total)}.")
    lines += ["", f"Magazyn danych zapisano: {path}"]
    return "\n".join(lines)


def _years(years: list[int]) -> str:
    if not years:
        return "brak"
    if years == list(range(years[0], years[-1] + 1)) and len(years) > 2:
        return f"{years[0]}–{years[-1]} ({len(years)} {_lat(len(years))})"
    return ", ".join(str(y) for y in years)


def _lat(n: int) -> str:
    if n == 1:
        return "rok"
    return "lata" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "lat"


def _int(n: int) -> str:
    return f"{n:,}".replace(",", " ")
