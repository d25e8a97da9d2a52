"""The ingest pipeline: input files -> validated :class:`strategy.store.Store` and a summary.

In: paths to files or folders (``data/raw/demo``), optionally the powiat being built.
Out: ``(store, problems, summary)`` from :func:`load_inputs`. When ``problems`` is non-empty the
store must not be written (the caller decides; :mod:`strategy.cli.ingest_cmd` exits with 2).
The store is demo when any file read is marked as demo data; its sources are the files read.
The powiat is inferred from the data when not given (all gminas must share one powiat).

Nothing here raises for bad input: reader crashes become a Polish problem naming the file.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..catalog import Catalog, default_catalog
from ..errors import UnitError
from .problems import Problem
from ..store import COLUMNS, FLAG_LABELS, Store, empty_frame
from ..units import Registry, default_registry, kind_of, normalize_code
from ..validate import POLAND, check_frame_consistency, check_powiat, infer_powiat, validate
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


def load_inputs(paths, *, powiat: str | None = None, catalog: Catalog | None = None,
                registry: Registry | None = None, years: tuple[int, int] | None = None
                ) -> tuple[Store, list[Problem], Summary]:
    """Return the store built from ``paths``, every problem found and a summary of it."""
    catalog = catalog or default_catalog()
    registry = registry or default_registry()
    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    result = _read(paths)
    problems = list(result.problems)
    frame, found = validate(result.frame, catalog=catalog, registry=registry, years=years)
    problems += found
    chosen, powiat_problem = _powiat(powiat, frame, registry, result.files)
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
    summary.warnings = check_frame_consistency(frame, catalog) if not problems else []
    return store, problems, summary


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


def _powiat(given: str | None, frame: pd.DataFrame, registry: Registry, files: list[str]
            ) -> tuple[str | None, Problem | None]:
    where = ", ".join(files)
    if given is not None:
        try:
            code = normalize_code(given)
            if kind_of(code) != "powiat":
                raise UnitError(f"'{given}' nie jest kodem powiatu (4 cyfry, np. 3007)")
        except UnitError as exc:
            return None, Problem(where, f"parametr --powiat: {exc}", value=str(given),
                                 expected="4-cyfrowy kod TERC powiatu, np. 3007", rule="powiat")
        if code not in registry:
            return None, Problem(where, f"powiat {code} nie jest znany w rejestrze jednostek",
                                 value=code, expected="powiat z rejestru jednostek",
                                 rule="powiat")
        return code, None
    if frame.empty:
        return None, None
    code, cands = infer_powiat(frame)
    if code is None and cands:
        return None, Problem(where, "dane obejmują jednostki kilku powiatów ("
                             + ", ".join(cands) + "); wskaż powiat opcją --powiat",
                             value=", ".join(cands), expected="jednostki jednego powiatu",
                             rule="powiat")
    return code, None
