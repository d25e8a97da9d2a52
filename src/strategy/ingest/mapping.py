"""Mapping files: which catalogue indicator a BDL file or BDL variable holds.

In: ``mapping.csv`` files written by people, and the package default ``data/bdl_mapping.csv``.
Out: :class:`MappingChain` answering "which rules describe this file?" (by file-name glob) and
"which rules describe this BDL variable?" (for API JSON, which carries ``variableId``), plus the
problems found in the mapping files themselves.

Format: a CSV file, UTF-8 or Windows-1250, fields separated by **semicolons** (``;``); a comma
separated file is accepted too (the separator is guessed from the header line). Headers::

    plik;zmienna_bdl;filtr;wskaznik;uwagi
    *ludnosc*.csv;72305;"Płeć=ogółem";ludnosc;identyfikator do weryfikacji
    *ludnosc*.csv;;"Płeć=kobiety";ludnosc_kobiety;
    LUDN_2137_*.csv;72305;"Wymiar 1=ogółem; Wymiar 2=ogółem";ludnosc;eksport tabeli (CTAB)

- ``plik``: a glob on the file name (``*`` and ``?``, case-insensitive), empty = API only;
  the table code BDL puts in its file names (``LUDN_2137`` of ``LUDN_2137_CTAB_....csv``) makes
  a glob ``LUDN_2137_*.csv``;
- ``zmienna_bdl``: the BDL variable id (used for API JSON; for CSV it only names the source);
- ``filtr``: conditions on dimension columns, ``Kolumna=wartość`` separated by ``;`` (quote the
  field in a ``;`` file); column names match tolerant to case and diacritics, values match
  case-insensitively with diacritics as written; empty = every row of the file. In a table
  export (CTAB) the dimensions have no names: ``Wymiar 1`` is the first value of the header cell
  (``"w wieku poprodukcyjnym;ogółem;2024;[osoba]"`` has ``Wymiar 1=w wieku poprodukcyjnym`` and
  ``Wymiar 2=ogółem``), the year and the unit are read from the cell itself;
- ``wskaznik``: the catalogue id (see ``strategy.catalog``); ``uwagi``: free notes;
- optional ``naglowek``: the dimension texts of a CTAB header cell joined by ``;`` (without year
  and unit); such a rule applies to a table column with exactly these texts in any file that no
  ``plik`` rule describes (the package maps the common BDL tables this way);
- optional ``zweryfikowane`` (``tak``/``nie``) and ``zrodlo``: whether the variable id was checked
  and where (documentation of the package mapping; not used when reading).

Several rules with the same ``plik`` and ``filtr`` are alternatives told apart by the unit the
file gives (``osoba`` -> a count, ``na 10 tys.`` -> a rate; see :mod:`.measure`): a count is never
routed to a rate indicator.

Lookup: the ``mapping.csv`` nearest to the input file (its folder, then parents up to the input
root) is asked first; the first level that has rules for the file (or the variable) wins; the
package default is the last level. Rules naming an indicator the catalogue does not know are
reported (file = the mapping file, row = its line) and not used.
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..catalog import Catalog, default_catalog
from .measure import classify, fit
from .problems import Problem
from .textfile import fold, fold_value, load_text

MAPPING_NAME = "mapping.csv"
COLUMNS = ["plik", "zmienna_bdl", "filtr", "wskaznik", "uwagi"]
REQUIRED = ["plik", "zmienna_bdl", "filtr", "wskaznik"]


@dataclass(frozen=True)
class Rule:
    """One mapping line: file glob and/or BDL variable -> catalogue indicator, rows by filter."""

    pattern: str
    variable: str
    filters: tuple[tuple[str, str], ...]   # (folded column name, folded value)
    indicator: str
    note: str
    mapping_file: str
    line: int
    header: str = ""        # folded CTAB dimension texts ("w wieku poprodukcyjnym;ogółem")

    def matches_file(self, name: str) -> bool:
        return bool(self.pattern) and fnmatch.fnmatch(name.casefold(), self.pattern.casefold())

    def filter_columns(self) -> list[str]:
        return [c for c, _ in self.filters]

    def accepts(self, dims: dict[str, str]) -> bool:
        """Return True when a row with dimension cells ``dims`` (folded name -> cell) passes."""
        return all(c in dims and fold_value(dims[c]) == v for c, v in self.filters)

    @property
    def source(self) -> str:
        return f"GUS BDL, zmienna {self.variable}" if self.variable else ""


@dataclass
class Mapping:
    """The rules of one mapping file and the problems found in it."""

    path: str
    rules: list[Rule] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def parse_filter(text: str) -> tuple[tuple[tuple[str, str], ...], str | None]:
    """Return ``((column, value), ...)`` folded, or ``((), error)`` for a malformed filter."""
    out = []
    for part in (p.strip() for p in text.replace("\n", ";").split(";")):
        if not part:
            continue
        if "=" not in part:
            return (), f"warunek '{part}' nie ma postaci Kolumna=wartość"
        col, val = (s.strip() for s in part.split("=", 1))
        if not col or not val:
            return (), f"warunek '{part}' nie ma postaci Kolumna=wartość"
        out.append((fold(col), fold_value(val)))
    return tuple(out), None


def load_mapping(path: Path, label: str | None = None, catalog: Catalog | None = None) -> Mapping:
    """Return the rules of the mapping file at ``path`` (problems collected, never raised)."""
    label = label or str(path)
    catalog = catalog or default_catalog()
    mapping = Mapping(label)
    text, problem = load_text(path, label)
    if problem:
        mapping.problems.append(problem)
        return mapping
    records = text.records()
    if text.limit_problem(label):
        mapping.problems.append(text.limit_problem(label))
        return mapping
    if not records:
        mapping.problems.append(Problem(label, "plik mapowania nie zawiera nagłówka",
                                        rule="mapowanie"))
        return mapping
    header_line, header = records[0]
    index = {fold(h): i for i, h in enumerate(header)}
    missing = [c for c in REQUIRED if c not in index]
    if missing:
        mapping.problems.append(Problem(
            label, "w pliku mapowania brakuje kolumn: " + ", ".join(missing), row=header_line,
            rule="kolumny", expected="nagłówek " + ";".join(COLUMNS)))
        return mapping
    for line, cells in records[1:]:
        def get(col: str, cells=cells) -> str:
            i = index.get(col, len(cells))
            return cells[i].strip() if i < len(cells) else ""

        pattern, variable, indicator = get("plik"), get("zmienna_bdl"), get("wskaznik")
        header = get("naglowek")
        if pattern.startswith("#"):
            continue  # a commented-out line
        if not indicator:
            mapping.problems.append(Problem(label, "wiersz mapowania bez wskaźnika", row=line,
                                            column="wskaznik", rule="mapowanie"))
            continue
        if indicator not in catalog:
            mapping.problems.append(Problem(
                label, f"wskaźnik '{indicator}' nie występuje w katalogu wskaźników", row=line,
                column="wskaznik", value=indicator, rule="mapowanie",
                expected="identyfikator z katalogu (np. ludnosc)"))
            continue
        if not pattern and not variable and not header:
            mapping.problems.append(Problem(
                label, "wiersz mapowania nie podaje ani wzorca nazwy pliku, ani zmiennej BDL, "
                "ani nagłówka kolumny tabeli",
                row=line, column="plik", rule="mapowanie"))
            continue
        filters, error = parse_filter(get("filtr"))
        if error:
            mapping.problems.append(Problem(label, f"błędny filtr: {error}", row=line,
                                            column="filtr", value=get("filtr"),
                                            rule="mapowanie"))
            continue
        mapping.rules.append(Rule(pattern, variable, filters, indicator, get("uwagi"), label,
                                  line, header_key(header) if header else ""))
    return mapping


def header_key(text: str) -> str:
    """Return CTAB dimension texts folded for matching (``;``-joined, case and spaces ignored)."""
    return ";".join(fold_value(p) for p in str(text).split(";"))


def choose(rules: list[Rule], unit: str, catalog: Catalog | None = None) -> list[Rule]:
    """Return the rules that apply to a row whose unit is ``unit``.

    Rules with the same filter are alternatives: the one whose indicator's unit fits the row's
    unit class is taken (a count never goes to a rate); if none fits, the first one is kept so
    the validator reports the mismatch instead of the row vanishing.
    """
    if len(rules) < 2:
        return rules
    catalog = catalog or default_catalog()
    groups: dict[tuple, list[Rule]] = {}
    for r in rules:
        groups.setdefault((r.filters, r.header), []).append(r)
    out = []
    row_class = classify(unit)[0]
    for group in groups.values():
        if len(group) == 1:
            out.append(group[0])
            continue
        units = {r.indicator: catalog.get(r.indicator).unit for r in group if r.indicator in catalog}
        exact = [r for r in group if row_class and classify(units.get(r.indicator))[0] == row_class]
        fitting = [r for r in group if fit(unit, units.get(r.indicator))[0]]
        out.append((exact or fitting or group)[0])
    return out


@lru_cache(maxsize=1)
def default_mapping() -> Mapping:
    """Return the mapping shipped with the package (``data/bdl_mapping.csv``)."""
    with resources.as_file(resources.files("strategy") / "data" / "bdl_mapping.csv") as p:
        return load_mapping(Path(p), "bdl_mapping.csv (domyślne mapowanie pakietu)")


@dataclass
class MappingChain:
    """Mapping files from the nearest to the package default; the first with rules wins."""

    levels: list[Mapping]

    @property
    def problems(self) -> list[Problem]:
        return [p for m in self.levels for p in m.problems]

    def rules_for_file(self, name: str) -> list[Rule]:
        for m in self.levels:
            rules = [r for r in m.rules if r.matches_file(name)]
            if rules:
                return rules
        return []

    def rules_for_header(self, dims: list[str]) -> list[Rule]:
        """Return the ``naglowek`` rules for a CTAB column with dimension texts ``dims``."""
        key = header_key(";".join(dims))
        for m in self.levels:
            rules = [r for r in m.rules if r.header and r.header == key]
            if rules:
                return rules
        return []

    def rules_for_variable(self, variable: str) -> list[Rule]:
        variable = str(variable).strip()
        for m in self.levels:
            rules = [r for r in m.rules if r.variable == variable]
            if rules:
                return rules
        return []

    def files(self) -> list[str]:
        return [m.path for m in self.levels]


def mapping_for(path: Path, root: Path | None = None, labeller=None) -> MappingChain:
    """Return the chain of mapping files that apply to the input file ``path``.

    ``mapping.csv`` files are looked for in ``path``'s folder and its parents up to ``root``
    (only the folder itself when ``root`` is None); ``labeller(path) -> str`` names them in
    problems (default: the path relative to ``root``, like the input files are named).
    """
    levels = []
    folder = path.parent.resolve()
    stop = Path(root).resolve() if root is not None else folder
    if stop.is_file():
        stop = stop.parent
    labeller = labeller or (lambda p: _relative(p, stop))
    while True:
        candidate = folder / MAPPING_NAME
        if candidate.is_file():
            stamp = candidate.stat().st_mtime_ns
            levels.append(_cached_load(candidate, labeller(candidate), stamp))
        if folder == stop or folder.parent == folder or stop not in folder.parents:
            break
        folder = folder.parent
    levels.append(default_mapping())
    return MappingChain(levels)


def _relative(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.name


@lru_cache(maxsize=64)
def _cached_load(path: Path, label: str, _mtime: int) -> Mapping:
    return load_mapping(path, label)
