"""Reader of the GUS BDL table export ("CTAB"), what BDL's table view downloads.

In: a file named like ``LUDN_2137_CTAB_20260414235116.csv`` (subject code, table number, layout,
time stamp): one row per unit, one column per dimension-value/year combination::

    "Kod";"Nazwa";"ogółem;ogółem;2024;[osoba]";"70 i więcej;ogółem;2024;[osoba]";
    "0607011";"Kraśnik (1)";"34 512";"4 012";

The header cell joins the dimension values, the year and the unit in brackets with the file's
separator inside the quotes. ``Kod`` is 7 digits, TERC plus type (``0607011``; a powiat
``0607000``, a voivodeship ``0600000``, Poland ``0000000``); names carry the type
(``Kraśnik (1)``, ``Annopol - miasto (4)``, ``Powiat kraśnicki``). Both variants are read: ``;``
with a decimal comma (as downloaded), and re-saved with ``,`` and a decimal point
(``"ludność w tysiącach,2024,[tys. osób]"``, ``0607011,"Kraśnik (1)",1181.7,,-14.5``), where an
empty cell means no data. UTF-8 (with or without BOM) or Windows-1250.

Which indicator a column holds: the rules of ``mapping.csv`` for the file name (filter on the
unnamed dimensions as ``Wymiar 1=...; Wymiar 2=...``), else the package rules by the table code
in the file name (``LUDN_2137_*.csv``), else the package rules by the dimension texts of the
header (``naglowek``), see :mod:`.mapping`. Columns no rule describes are skipped (one note per
file); a file with no column described is a problem that lists its header cells.

Out: :class:`~strategy.ingest.raw.ReadResult` - one raw row per unit row and mapped column, the
unit from the header (``[tys. osób]`` is converted by the validator). The file is an *area file*:
with ``--powiat`` the rows of other units are skipped (see :mod:`.loading`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .mapping import MappingChain, choose, mapping_for
from .numbers import parse_number, parse_symbol
from .problems import Problem
from .raw import ReadResult
from .textfile import find_header, fold, is_demo, load_text, raw_frame, trim_trailing

_YEAR = re.compile(r"(19|20)\d{2}")
_UNIT = re.compile(r"\[(.*)\]")


@dataclass(frozen=True)
class Column:
    """One value column of a CTAB file: dimension texts, year and unit from its header cell."""

    index: int
    header: str
    dims: tuple[str, ...]
    year: str
    unit: str

    def dim_map(self) -> dict[str, str]:
        return {f"wymiar {i + 1}": d for i, d in enumerate(self.dims)}


def parse_header_cell(cell: str) -> tuple[tuple[str, ...], str, str] | None:
    """Return ``(dims, year, unit)`` of a CTAB header cell, or None if it is not one.

    ``"w wieku poprodukcyjnym;ogółem;2024;[osoba]"`` -> ``(("w wieku poprodukcyjnym",
    "ogółem"), "2024", "osoba")``; the separator inside may be ``;`` or ``,``.
    """
    text = cell.replace("\ufeff", "").strip()
    for sep in (";", ","):
        parts = [p.strip() for p in text.split(sep)]
        if len(parts) < 2:
            continue
        unit = ""
        m = _UNIT.fullmatch(parts[-1])
        if m:
            unit, parts = m.group(1).strip(), parts[:-1]
        if parts and _YEAR.fullmatch(parts[-1]) and (unit or len(parts) > 1):
            return tuple(p for p in parts[:-1] if p), parts[-1], unit
    return None


def is_ctab_header(cells: list[str]) -> bool:
    """Return True for a CTAB header: ``Kod``, ``Nazwa`` and cells with a year and a unit."""
    cells = trim_trailing(cells)
    if len(cells) < 3 or fold(cells[0]) != "kod" or fold(cells[1]) != "nazwa":
        return False
    return any(parse_header_cell(c) is not None for c in cells[2:])


def read_bdl_ctab(path: str | Path, name: str | None = None, *, root: Path | None = None,
                  mapping: MappingChain | None = None) -> ReadResult:
    """Return the raw figures of a BDL table export (problems collected, never raised)."""
    path = Path(path)
    name = name or path.name
    result = ReadResult(files=[name], demo=is_demo(path.name), area_files={name})
    text, problem = load_text(path, name)
    if problem:
        result.problems.append(problem)
        return result
    result.demo = result.demo or is_demo(text.text[:4096])
    records = text.records()
    if text.limit_problem(name):
        result.problems.append(text.limit_problem(name))
        return result
    h = find_header(records, is_ctab_header)
    if h is None:
        result.problems.append(Problem(name, "nie znaleziono nagłówka eksportu tabeli BDL",
                                       rule="kolumny"))
        return result
    header_line, header = records[h]
    header = trim_trailing(header)
    columns, bad = [], []
    for i, cell in enumerate(header[2:], start=2):
        parsed = parse_header_cell(cell)
        if parsed is None:
            bad.append(cell)
            continue
        dims, year, unit = parsed
        columns.append(Column(i, cell, dims, year, unit))
    decimal_point = text.delimiter == ","

    chain = mapping or mapping_for(path, root)
    result.problems += chain.problems
    file_rules = chain.rules_for_file(path.name)
    if file_rules and not any(r.accepts(c.dim_map()) for r in file_rules for c in columns):
        file_rules = []     # rules for another layout of a similar name (``*ludnosc*.csv``)
    plan: list[tuple[Column, list]] = []
    unmapped = []
    for col in columns:
        if file_rules:
            rules = [r for r in file_rules if r.accepts(col.dim_map())]
        else:
            rules = chain.rules_for_header(list(col.dims))
        rules = choose(rules, col.unit)
        if rules:
            plan.append((col, rules))
        else:
            unmapped.append(col)
    if not plan:
        shown = "; ".join(f'"{c.header}"' for c in columns[:6])
        result.problems.append(Problem(
            name, "żaden plik mapowania nie opisuje kolumn tej tabeli BDL (nie wiadomo, jaki "
            f"wskaźnik zawierają); kolumny: {shown}", row=header_line, rule="mapowanie",
            expected=f"wiersz mapping.csv, np. {_table_glob(path.name)};;\"Wymiar 1=...; "
            "Wymiar 2=...\";wskaznik;"))
        return result
    if unmapped or bad:
        kinds = sorted({";".join(c.dims) for c in unmapped})
        listed = ", ".join(f'"{k}"' for k in kinds[:5]) + (" ..." if len(kinds) > 5 else "")
        n = len(unmapped) + len(bad)
        word = "kolumnę" if n == 1 else ("kolumny" if n % 10 in (2, 3, 4)
                                         and n % 100 not in (12, 13, 14) else "kolumn")
        result.notes.append(f"{name}: pominięto {n} {word} bez mapowania na wskaźnik katalogu "
                            f"({listed or 'nieczytelne nagłówki'}); opisz je w mapping.csv, "
                            "jeśli są potrzebne")

    rows = []
    for line, cells in records[h + 1:]:
        code = cells[0].strip() if cells else ""
        if not code:
            continue
        unit_name = cells[1].strip() if len(cells) > 1 else ""
        for col, rules in plan:
            raw = cells[col.index].strip() if col.index < len(cells) else ""
            value_raw, value_num = raw, float("nan")
            if raw == "":
                value_raw = "-"            # an empty cell of a re-saved file: no data
            elif decimal_point and parse_symbol(raw) is None:
                try:
                    value_num = parse_number(raw, decimal_point=True)
                except ValueError:
                    pass                   # the validator reports it with row and column
            for rule in rules:
                rows.append({
                    "teryt_raw": code, "name_raw": unit_name, "year_raw": col.year,
                    "indicator": rule.indicator, "value_raw": value_raw, "value_num": value_num,
                    "attr_raw": "", "unit": col.unit,
                    "source": rule.source or f"GUS BDL, plik {path.name}",
                    "file": name, "sheet": "", "row": line, "column": col.header,
                    "teryt_column": header[0], "year_column": col.header,
                })
    if rows:
        result.frame = raw_frame(rows)
    else:
        result.problems.append(Problem(name, "plik zawiera tylko nagłówek, brak wierszy danych",
                                       row=header_line, rule="pusty"))
    return result


def _table_glob(file_name: str) -> str:
    m = re.match(r"([A-Z]{3,5}_\d+)_", file_name)
    return f"{m.group(1)}_*.csv" if m else file_name
