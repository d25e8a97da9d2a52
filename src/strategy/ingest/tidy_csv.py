"""Reader of tidy CSV files in the store's canonical columns.

In: a CSV (``,`` or ``;`` separated, UTF-8 with or without BOM or Windows-1250) with the header
``teryt,year,indicator,value,unit,source,flag`` - columns in any order, names matched tolerant
to case and quotes. ``teryt``, ``year``, ``indicator`` and ``value`` are required; ``unit``,
``source`` and ``flag`` may be missing. Values may use a decimal point or a decimal comma.
Out: :class:`~strategy.ingest.raw.ReadResult` with one raw row per data line, every cell kept as
text (codes with leading zeros, values exactly as written). The ``flag`` cell goes to
``attr_raw`` (it already uses the store's flag names, e.g. ``brak_danych``); ``source`` falls
back to "plik <name>" when empty.
"""
from __future__ import annotations

from pathlib import Path

from .problems import Problem
from .raw import ReadResult
from .textfile import (
    TextFile,
    find_header,
    fold,
    is_demo,
    load_text,
    raw_frame,
    trim_trailing,
)

CANONICAL = ["teryt", "year", "indicator", "value", "unit", "source", "flag"]
REQUIRED = ["teryt", "year", "indicator", "value"]


def is_tidy_header(cells: list[str]) -> bool:
    """Return True when ``cells`` hold the required canonical columns (and nothing BDL-like)."""
    folded = {fold(c) for c in cells}
    return {"teryt", "year", "indicator"} <= folded


def read_tidy_csv(path: str | Path, name: str | None = None, *, text: TextFile | None = None
                  ) -> ReadResult:
    """Return the raw figures of a tidy CSV file (problems collected, never raised).

    ``text`` is the file already decoded by :func:`~.textfile.load_text` (not read again).
    """
    path = Path(path)
    name = name or path.name
    result = ReadResult(files=[name], demo=is_demo(path.name))
    if text is None:
        text, problem = load_text(path, name)
        if problem:
            result.problems.append(problem)
            return result
    result.demo = result.demo or is_demo(text.text)
    records = text.records()
    too_many = text.limit_problem(name)
    if too_many:
        result.problems.append(too_many)
    h = find_header(records, is_tidy_header)
    if h is None:
        h = 0 if records else None
    if h is None:
        result.problems.append(Problem(name, "plik nie zawiera nagłówka ani danych",
                                       rule="pusty"))
        return result
    header_line, header = records[h]
    header = trim_trailing(header)
    folded = [fold(c) for c in header]
    missing = [c for c in REQUIRED if c not in folded]
    if missing:
        result.problems.append(Problem(
            name, "brakuje kolumn: " + ", ".join(missing), row=header_line, rule="kolumny",
            expected="nagłówek " + ",".join(CANONICAL)))
        return result
    col = {c: folded.index(c) for c in CANONICAL if c in folded}

    def cell(cells, key):
        i = col.get(key)
        return cells[i] if i is not None and i < len(cells) else ""

    rows = []
    for line, cells in records[h + 1:]:
        value = cell(cells, "value")
        rows.append({
            "teryt_raw": cell(cells, "teryt"),
            "name_raw": "",
            "year_raw": cell(cells, "year"),
            "indicator": cell(cells, "indicator").strip(),
            "value_raw": value if value != "" else None,
            "value_num": float("nan"),
            "attr_raw": cell(cells, "flag"),
            "unit": cell(cells, "unit"),
            "source": cell(cells, "source").strip() or f"plik {path.name}",
            "file": name,
            "sheet": "",
            "row": line,
            "column": header[col["value"]],
            "teryt_column": header[col["teryt"]],
            "year_column": header[col["year"]],
        })
    if not rows:
        result.problems.append(Problem(name, "plik zawiera tylko nagłówek, brak wierszy danych",
                                       row=header_line, rule="pusty"))
        return result
    result.frame = raw_frame(rows)
    return result
