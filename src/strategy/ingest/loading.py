"""The ingest pipeline: input files -> validated :class:`strategy.store.Store` and a summary.

In: paths to files or folders (``data/raw/demo``), optionally the powiat being built.
Out: ``(store, problems, summary)`` from :func:`load_inputs`. When ``problems`` is non-empty the
store must not be written (the caller decides; :mod:`strategy.cli.ingest_cmd` exits with 2).
The store holds only what these files gave; merging it into the existing store is the
caller's step (:func:`strategy.store.merge`). The store is demo when any file read is marked as
demo data; its sources are the files read.

The powiat is ``--powiat`` (checked against the TERC register) or inferred from the data (all
gminas must share one powiat). BDL files often cover a voivodeship or the country: with a powiat
given, their rows of other units are skipped before validation, one note per file
(``Summary.notes``, with the readers' notes on skipped table columns and the validator's on
skipped gmina parts). ``Summary.warnings`` holds what does not block loading: unit names that
differ from the register, parts above their totals, powiat rows that differ from the sum of
their gminas. ``Summary.recoded`` the old gmina codes whose data were stored under the current
code (Czarny Dunajec 1211032 until 2022 -> 1211033) and the units the files name by a former name;
:meth:`Summary.code_lines` says them in Polish.

Nothing here raises for bad input: reader crashes become a Polish problem naming the file.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
import re
from pathlib import Path

import pandas as pd

from ..catalog import Catalog, default_catalog
from ..errors import UnitError
from .problems import Problem
from ..store import COLUMNS, FLAG_LABELS, Store, empty_frame
from ..units import IMPORT_HINT, Registry, default_registry, kind_of, normalize_code
from .validation import (POLAND, check_frame_consistency, check_powiat, check_powiat_sums,
                        infer_powiat, validate)
from . import read_paths
from .raw import ReadResult


@dataclass
class Summary:
    """What was loaded: units, years, indicators by area, rows, flags, demo, powiat, files."""

    units: list[tuple[str, str]] = field(default_factory=list)   # (teryt, label)
    years: list[int] = field(default_factory=list)
    indicators: int = 0
    by_area: dict[str, int] = field(default_factory=dict)          # area name -> indicators
    rows: int = 0
    flags: dict[str, int] = field(default_factory=dict)            # flag label -> rows
    demo: bool = False
    powiat: str | None = None
    files: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)          # consistency, not errors
    notes: list[str] = field(default_factory=list)                 # rows skipped on purpose
    #: old codes whose data went under the current code, and units named by a former name
    #: (records of :func:`strategy.validate.join_codes` and ``validate(recoded=...)``)
    recoded: list[dict] = field(default_factory=list)

    def code_lines(self) -> list[str]:
        """Return one Polish line per code change or rename applied in the load."""
        out = []
        for r in self.recoded:
            if "from" in r:
                years = r["years"]
                span = (f"{years[0]}–{years[-1]}" if len(years) > 1 and
                        years == list(range(years[0], years[-1] + 1))
                        else ", ".join(map(str, years)))
                out.append(f"{r['label']}: dane z {'lat' if len(years) > 1 else 'roku'} {span} "
                           f"zapisano pod obecnym kodem gminy ({r['rows']} "
                           f"{_rows(r['rows'])})")
            else:
                what = "powiatu" if len(r["code"]) == 4 else "gminy"
                out.append(f"{r['code']} {r['former_name']} → {r['name']}: plik podaje dawną "
                           f"nazwę {what} (obecna od {r['renamed_in']} r.); kod bez zmian, w "
                           "dokumentach obecna nazwa")
        return out


def load_inputs(paths, *, powiat: str | None = None, catalog: Catalog | None = None,
                registry: Registry | None = None, years: tuple[int, int] | None = None
                ) -> tuple[Store, list[Problem], Summary]:
    """Return the store built from ``paths``, every problem found and a summary of it."""
    catalog = catalog or default_catalog()
    registry = registry or default_registry()
    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    result = _read(paths)
    problems = list(result.problems)
    notes: list[str] = list(result.notes)
    name_warnings: list[Problem] = []
    recoded: list[dict] = []
    raw = result.frame
    given, given_problem = _given_powiat(powiat, registry, result.files)
    if given_problem:
        problems.append(given_problem)
    if given and result.area_files and len(raw):
        raw = _keep_powiat(raw, given, result.area_files, registry, notes)
    frame, found = validate(raw, catalog=catalog, registry=registry, years=years,
                            notes=notes, warnings=name_warnings, recoded=recoded)
    problems += found
    chosen, powiat_problem = (given, None) if (given or given_problem) else _infer(
        frame, result.files)
    if powiat_problem:
        problems.append(powiat_problem)
    if chosen:
        problems += check_powiat(frame, chosen, registry)
    if frame.empty and not problems:
        problems.append(Problem(", ".join(result.files) or ", ".join(map(str, paths)),
                                "w podanych plikach nie znaleziono żadnych danych",
                                rule="pusty", expected="co najmniej jedna wartość wskaźnika"))
    store = Store(frame=frame[COLUMNS] if len(frame) else empty_frame(),
                  demo=bool(result.demo), sources=list(result.files))
    summary = summarize(store, catalog, registry)
    summary.powiat = chosen
    summary.files = list(result.files)
    summary.notes = notes
    summary.recoded = recoded
    summary.warnings = (name_warnings + check_frame_consistency(frame, catalog)
                        + (check_powiat_sums(frame, chosen, registry, catalog) if chosen else [])
                        if not problems else [])
    return store, problems, summary


def _rows(n: int) -> str:
    if n == 1:
        return "wiersz"
    return "wiersze" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "wierszy"


def summarize(store: Store, catalog: Catalog | None = None,
              registry: Registry | None = None) -> Summary:
    """Return the summary of a store's contents (names from the registry, areas in order)."""
    catalog = catalog or default_catalog()
    registry = registry or default_registry()
    f = store.frame
    units = []
    for code in sorted(f["teryt"].dropna().unique(), key=lambda c: (len(c) != 7, c)):
        if code == POLAND:
            units.append((code, "Polska"))
        else:
            units.append((code, registry.get(code).label if code in registry else code))
    inds = set(f["indicator"].dropna().unique())
    by_area = {}
    for area_id, area_name in catalog.areas.items():
        n = sum(1 for i in catalog.in_area(area_id) if i.id in inds)
        if n:
            by_area[area_name] = n
    flags = Counter(FLAG_LABELS.get(fl, fl) or "wartości liczbowe" for fl in f["flag"].fillna(""))
    return Summary(units=units, years=store.years, indicators=len(inds), by_area=by_area,
                   rows=len(f), flags=dict(flags), demo=store.demo)


def _read(paths: list[Path]):
    """Return the readers' result; an unexpected crash becomes a problem naming the file."""
    try:
        return read_paths(paths)
    except Exception:  # noqa: BLE001 - a reader bug must not reach the user as a traceback
        pass
    result = ReadResult()
    for p in paths:
        files = sorted(q for q in p.rglob("*") if q.is_file()) if p.is_dir() else [p]
        for f in files:
            try:
                result.extend(read_paths([f]))
            except Exception as exc:  # noqa: BLE001
                result.problems.append(Problem(
                    str(f), f"nieoczekiwany błąd podczas czytania pliku ({type(exc).__name__}: "
                    f"{_short(exc)}); sprawdź, czy to właściwy plik z danymi", rule="odczyt"))
                result.files.append(str(f))
    return result


def _short(exc: Exception, n: int = 120) -> str:
    s = str(exc).replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


def _given_powiat(given: str | None, registry: Registry, files: list[str]
                  ) -> tuple[str | None, Problem | None]:
    """Return the powiat code of ``--powiat`` or a problem saying what is wrong with it."""
    if given is None:
        return None, None
    where = ", ".join(files)
    try:
        code = normalize_code(given)
        if len(code) == 3 and validate_ok("0" + code):
            raise UnitError(f"'{given}' ma 3 cyfry: zapewne chodzi o powiat 0{code} "
                            "(zero na początku kodu jest częścią kodu)")
        if kind_of(code) != "powiat":
            raise UnitError(f"'{given}' nie jest kodem powiatu (4 cyfry, np. 3007)")
    except UnitError as exc:
        return None, Problem(where, f"parametr --powiat: {exc}", value=str(given),
                             expected="4-cyfrowy kod TERC powiatu, np. 3007", rule="powiat")
    if code not in registry:
        return None, Problem(where, f"powiat {code} nie występuje w rejestrze TERC"
                             f"{f' (stan na {registry.as_of})' if registry.as_of else ''}; "
                             f"{IMPORT_HINT}", value=code, expected="powiat z rejestru TERC",
                             rule="powiat")
    return code, None


def validate_ok(code: str) -> bool:
    try:
        kind_of(code)
    except UnitError:
        return False
    return True


def _keep_powiat(raw: pd.DataFrame, powiat: str, area_files: set[str], registry: Registry,
                 notes: list[str]) -> pd.DataFrame:
    """Return ``raw`` without the rows of other units in files that cover a larger area.

    BDL files (long, table and API exports) often hold a whole voivodeship or the country: rows
    of units other than the powiat, its gminas (and their parts), its voivodeship and Poland are
    skipped with one note per file. Hand-made files (template, tidy CSV) are not filtered: a unit
    of another powiat there is a mistake the validator reports.
    """
    codes = raw["teryt_raw"].map(lambda c: _terc_or_none(c, registry))
    inside = codes.map(lambda c: c is None or c == POLAND or c == powiat[:2]
                       or c.startswith(powiat))
    drop = ~inside & raw["file"].isin(area_files)
    for file in sorted(set(raw.loc[drop, "file"])):
        mask = drop & (raw["file"] == file)
        n = int(raw.loc[mask, ["sheet", "row"]].drop_duplicates().shape[0])
        notes.append(f"{file}: pominięto {_int(n)} {_rows(n)} innych jednostek niż powiat "
                     f"{powiat}, jego gminy, województwo i Polska (plik obejmuje większy obszar)")
    return raw[~drop].reset_index(drop=True)


def _terc_or_none(code_raw, registry: Registry) -> str | None:
    s = re.sub(r"[\s\u00a0\u202f\"']", "", str(code_raw or ""))
    if s in ("0" * 12, "0" * 7) or s.upper() in (POLAND, "POLSKA"):
        return POLAND
    try:
        if len(s) == 12 and s.isdigit():
            return registry.from_bdl(s)
    except UnitError:
        return None
    if len(s) == 7 and s.isdigit():
        if s.endswith("00000"):
            return s[:2]
        if s.endswith("000"):
            return s[:4]
        return s
    return s if s.isdigit() and len(s) in (2, 4) else None


def _int(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _infer(frame: pd.DataFrame, files: list[str]) -> tuple[str | None, Problem | None]:
    where = ", ".join(files)
    if frame.empty:
        return None, None
    code, cands = infer_powiat(frame)
    if code is None and cands:
        shown = ", ".join(cands[:12]) + (f" i {len(cands) - 12} innych" if len(cands) > 12
                                        else "")
        return None, Problem(where, f"dane obejmują jednostki kilku powiatów ({shown}); "
                             "wskaż powiat opcją --powiat", value=shown,
                             expected="jednostki jednego powiatu", rule="powiat")
    return code, None
