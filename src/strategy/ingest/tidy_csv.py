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

import itertools
from pathlib import Path

from .problems import Problem
from .progress import RowProgress
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


#: The header is looked for in the first records of a file.
HEADER_SEARCH = 10


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
    stream = text.iter_records()
    records = list(itertools.islice(stream, HEADER_SEARCH))
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
    # read record by record into columns, repeated texts shared (bounded memory, see bdl_csv)
    keys = ("teryt", "year", "indicator", "value", "flag", "unit", "source")
    idx = [col.get(k) for k in keys]
    shared: dict[str, str] = {}
    share = shared.setdefault
    own_source = f"plik {path.name}"
    out: dict[str, list] = {c: [] for c in ("teryt_raw", "year_raw", "indicator", "value_raw",
                                            "attr_raw", "unit", "source", "row")}
    progress = RowProgress(name)
    for k, (line, cells) in enumerate(itertools.chain(records[h + 1:], stream), start=1):
        if not k % 10_000:
            progress.tick(k)
        n = len(cells)
        teryt, year, ind, value, flag, unit, source = (
            cells[i] if i is not None and i < n else "" for i in idx)
        out["teryt_raw"].append(share(teryt, teryt))
        out["year_raw"].append(share(year, year))
        ind = ind.strip()
        out["indicator"].append(share(ind, ind))
        out["value_raw"].append(value if value != "" else None)
        out["attr_raw"].append(share(flag, flag))
        out["unit"].append(share(unit, unit))
        source = source.strip() or own_source
        out["source"].append(share(source, source))
        out["row"].append(line)
    too_many = text.limit_problem(name)
    if too_many:
        result.problems.append(too_many)
    rows = len(out["row"])
    if not rows:
        result.problems.append(Problem(name, "plik zawiera tylko nagłówek, brak wierszy danych",
                                       row=header_line, rule="pusty"))
        return result
    const = {"name_raw": "", "value_num": float("nan"), "file": name, "sheet": "",
             "column": header[col["value"]], "teryt_column": header[col["teryt"]],
             "year_column": header[col["year"]]}
    result.frame = raw_frame({**out, **{k: [v] * rows for k, v in const.items()}})
    return result
