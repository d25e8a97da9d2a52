"""Reader of the GUS BDL CSV export in the long layout.

In: a file as BDL's "eksport do CSV" writes it - ``;``-separated, quoted strings, a trailing
``;`` on every line, UTF-8 (with or without BOM) or Windows-1250, header::

    "Kod";"Nazwa";"<dimension columns...>";"Rok";"Wartosc";"Jednostka miary";"Atrybut";

with 0..n dimension columns between ``Nazwa`` and ``Rok`` ("Płeć", "Wiek", "Wymiar 1"...).
Column names are matched tolerant to case, diacritics and quotes (``Wartość`` = ``Wartosc``);
``Kod``, ``Rok`` and ``Wartosc`` are required, the others optional.
Out: :class:`~strategy.ingest.raw.ReadResult` - one raw row per data row and per mapping rule
whose filter the row passes (see :mod:`strategy.ingest.mapping`); rows no filter accepts are
other breakdowns and are dropped. Cells stay text exactly as in the file: codes with their
leading zeros ("023011807012" or a 7-digit TERC), values as written ("1 234,5" with a space,
U+00A0 or U+202F, "-" for no data), names with their type suffix ("Opatówek (3)").
``row`` is the physical line of the file (header line = 1 when it is the first line).
"""
from __future__ import annotations

import itertools
from pathlib import Path

from .mapping import MappingChain, choose, mapping_for
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

REQUIRED = {"kod": "Kod", "rok": "Rok", "wartosc": "Wartosc"}
OPTIONAL = {"nazwa": "Nazwa", "jednostka miary": "Jednostka miary", "atrybut": "Atrybut"}
_KNOWN = set(REQUIRED) | set(OPTIONAL)
#: The header is looked for in the first records of a file.
HEADER_SEARCH = 10


def is_bdl_header(cells: list[str]) -> bool:
    """Return True for a header that looks like BDL's long layout (``Kod`` and two more known)."""
    folded = {fold(c) for c in cells}
    return "kod" in folded and len(folded & (_KNOWN - {"kod"})) >= 2


def read_bdl_csv(path: str | Path, name: str | None = None, *, root: Path | None = None,
                 mapping: MappingChain | None = None, text: TextFile | None = None
                 ) -> ReadResult:
    """Return the raw figures of a BDL long-layout CSV export (problems collected, never raised).

    ``name`` is how the file is called in messages (default: its file name); ``mapping`` the
    chain of mapping files (default: looked up next to the file, up to ``root``); ``text`` the
    file already decoded by :func:`~.textfile.load_text` (it is not read again).

    The records are read one at a time into columns (no dict per row, repeated texts shared),
    so a national export of half a million rows stays within a few hundred MB.
    """
    path = Path(path)
    name = name or path.name
    result = ReadResult(files=[name], demo=is_demo(path.name), area_files={name})
    if text is None:
        text, problem = load_text(path, name)
        if problem:
            result.problems.append(problem)
            return result
    result.demo = result.demo or is_demo(text.text[:4096])
    stream = text.iter_records()
    records = list(itertools.islice(stream, HEADER_SEARCH))
    h = find_header(records, is_bdl_header)
    if h is None:
        first = records[0][1] if records else []
        result.problems.append(Problem(
            name, "nie znaleziono nagłówka eksportu BDL", row=records[0][0] if records else None,
            value=";".join(first), rule="kolumny",
            expected='nagłówek "Kod";"Nazwa";...;"Rok";"Wartosc";"Jednostka miary";"Atrybut"'))
        return result
    header_line, header = records[h]
    header = trim_trailing(header)
    folded = [fold(c) for c in header]
    missing = [label for key, label in REQUIRED.items() if key not in folded]
    if missing:
        result.problems.append(Problem(
            name, "brakuje kolumn: " + ", ".join(missing), row=header_line, rule="kolumny",
            expected='kolumny "Kod", "Rok" i "Wartosc" eksportu BDL'))
        return result
    col = {key: folded.index(key) for key in _KNOWN if key in folded}
    first_dim = col.get("nazwa", col["kod"]) + 1
    dims = {folded[i]: i for i in range(first_dim, col["rok"]) if folded[i] not in _KNOWN}

    chain = mapping or mapping_for(path, root)
    result.problems += chain.problems
    rules = chain.rules_for_file(path.name)
    if not rules:
        result.problems.append(Problem(
            name, "żaden plik mapowania nie opisuje tego pliku (nie wiadomo, jaki wskaźnik "
            "zawiera); dodaj wiersz do mapping.csv w folderze z danymi", rule="mapowanie",
            expected="wiersz plik;zmienna_bdl;filtr;wskaznik;uwagi pasujący do nazwy pliku"))
        return result

    const = {"value_num": float("nan"), "file": name, "sheet": "",
             "column": header[col["wartosc"]], "teryt_column": header[col["kod"]],
             "year_column": header[col["rok"]]}
    idx = [col.get(k) for k in ("kod", "nazwa", "rok", "atrybut", "jednostka miary")]
    iv = col["wartosc"]
    dim_items = list(dims.items())
    dim_names = [d for d, _ in dim_items]
    passing: dict[tuple, list] = {}   # dimension cells -> the mapping targets they pass
    targets = [(rule, rule.indicator, rule.source or f"GUS BDL, plik {path.name}")
               for rule in rules]
    shared: dict[str, str] = {}   # one object per distinct code, name, year, unit, attribute
    share = shared.setdefault
    out: dict[str, list] = {c: [] for c in ("teryt_raw", "name_raw", "year_raw", "indicator",
                                            "value_raw", "attr_raw", "unit", "source", "row")}
    progress = RowProgress(name)
    data_records = 0
    for line, cells in itertools.chain(records[h + 1:], stream):
        data_records += 1
        if not data_records % 10_000:
            progress.tick(data_records)
        n = len(cells)
        key = tuple(cells[i] if i < n else "" for _, i in dim_items)
        accepted = passing.get(key)
        if accepted is None:   # a few distinct combinations of dimension cells in a whole file
            dim_values = dict(zip(dim_names, key))
            accepted = passing[key] = [t for t in targets if t[0].accepts(dim_values)]
        if not accepted:
            continue
        code, uname, year, attr, unit = (share(cells[i], cells[i]) if i is not None and i < n
                                         else "" for i in idx)
        if len(accepted) > 1:   # alternatives told apart by the unit (a count is never a rate)
            chosen = choose([t[0] for t in accepted], unit)
            accepted = [t for t in accepted if t[0] in chosen]
        value = cells[iv] if iv < n else ""
        for _, indicator, source in accepted:
            out["teryt_raw"].append(code)
            out["name_raw"].append(uname)
            out["year_raw"].append(year)
            out["indicator"].append(indicator)
            out["value_raw"].append(value if value != "" else None)
            out["attr_raw"].append(attr)
            out["unit"].append(unit)
            out["source"].append(source)
            out["row"].append(line)
    rows = len(out["row"])
    too_many = text.limit_problem(name)
    if too_many:
        result.problems.append(too_many)
    if rows:
        result.frame = raw_frame({**out, **{k: [v] * rows for k, v in const.items()}})
    elif data_records:
        wanted = sorted({f"{c}" for r in rules for c, _ in r.filters})
        absent = [c for c in wanted if c not in dims]
        msg = "żaden wiersz pliku nie spełnia filtrów z mapowania"
        if absent:
            msg += "; w pliku nie ma kolumn: " + ", ".join(absent)
        result.problems.append(Problem(
            name, msg, rule="mapowanie",
            expected="; ".join(f"{r.mapping_file}, wiersz {r.line}" for r in rules)))
    else:
        result.problems.append(Problem(name, "plik zawiera tylko nagłówek, brak wierszy danych",
                                       row=header_line, rule="pusty"))
    return result
