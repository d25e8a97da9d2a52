"""The processed store: one tidy parquet file of every figure, written atomically.

In: a canonical frame (see :data:`COLUMNS`) from the readers in ``ingest``, already validated.
Out: ``data/processed/indicators.parquet`` and :class:`Store` objects loaded from it, with the
store's metadata (whether it holds demo figures, which files it came from, which loads made it).

Metadata (the parquet schema metadata under the key ``strategy``, JSON): ``demo`` (bool),
``sources`` (every file name read into the store), ``format`` (1) and ``loads``: one entry per
``strategy ingest`` run that made the store, oldest first, each
``{"time": "2026-04-15T10:02:03+00:00", "files": [...], "rows": read, "added": n,
"replaced": n, "kept": n, "powiat": "0607" or null, "fresh": bool}``, and ``"codes"`` when the
load stored data of an old gmina code under the current one or read a unit's former name:
``[{"from": "1211032", "to": "1211033", "label": "1211032 Czarny Dunajec (gmina wiejska do 2022
r.) → 1211033", "years": [2020, 2021, 2022], "rows": n, "files": [...]}, {"code": "2212082",
"former_name": "Słupsk", "name": "Redzikowo", "renamed_in": 2024, "files": [...]}]``. A build
record reads ``Store.loads`` to name the data loads behind a document.

Loads add up: :func:`merge` puts a new load into the existing store - rows of the same
(teryt, year, indicator) are replaced, all others kept.

One row per (teryt, year, indicator). Counts are stored as counts; rates are derived later in
``analysis`` from the counts and their denominators (other stored indicators), so powiat values
can be computed as sums of counts over sums of denominators.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .errors import StoreError

#: Columns of the canonical tidy frame, in order.
COLUMNS = ["teryt", "year", "indicator", "value", "unit", "source", "flag"]
#: Provenance columns readers add so validation can name file, sheet, row and column.
PROVENANCE = ["file", "sheet", "row", "column"]
KEY = ["teryt", "year", "indicator"]

# Flags: why a value is missing or special. Empty string = an ordinary value.
FLAG_OK = ""
FLAG_NO_DATA = "brak_danych"       # "-" or "." in GUS/OZPS tables: no data / not reliable
FLAG_NOT_APPLICABLE = "nie_dotyczy"  # "x": the cell cannot be filled
FLAG_ESTIMATE = "szacunek"         # an estimate (value present)
FLAG_SUPPRESSED = "tajemnica"      # withheld for statistical confidentiality
FLAGS = (FLAG_OK, FLAG_NO_DATA, FLAG_NOT_APPLICABLE, FLAG_ESTIMATE, FLAG_SUPPRESSED)
#: Symbols used in GUS and OZPS tables and the flag each one means.
SYMBOL_FLAGS = {"-": FLAG_NO_DATA, "–": FLAG_NO_DATA, ".": FLAG_NO_DATA,
                "x": FLAG_NOT_APPLICABLE, "X": FLAG_NOT_APPLICABLE}
FLAG_LABELS = {FLAG_OK: "", FLAG_NO_DATA: "brak danych", FLAG_NOT_APPLICABLE: "nie dotyczy",
               FLAG_ESTIMATE: "szacunek", FLAG_SUPPRESSED: "tajemnica statystyczna"}

DEFAULT_PATH = Path("data/processed/indicators.parquet")
_META_KEY = b"strategy"


def empty_frame(with_provenance: bool = False) -> pd.DataFrame:
    """Return an empty canonical frame with the right dtypes."""
    cols = COLUMNS + (PROVENANCE if with_provenance else [])
    return conform(pd.DataFrame({c: [] for c in cols}))


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with canonical column order and dtypes (provenance kept if present)."""
    cols = COLUMNS + [c for c in PROVENANCE if c in frame.columns]
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise StoreError(f"ramka danych nie ma kolumn {missing}")
    out = frame.loc[:, cols].copy()
    for c in ("teryt", "indicator", "unit", "source", "flag"):
        out[c] = out[c].astype("string").fillna("" if c in ("flag", "unit", "source") else pd.NA)
    out["year"] = pd.to_numeric(out["year"], errors="coerce").astype("Int64")
    out["value"] = pd.to_numeric(out["value"], errors="coerce").astype("float64")
    if "row" in out:
        out["row"] = pd.to_numeric(out["row"], errors="coerce").astype("Int64")
    for c in ("file", "sheet", "column"):
        if c in out:
            out[c] = out[c].astype("string").fillna("")
    return out.reset_index(drop=True)


@dataclass
class Store:
    """Figures of the store with its metadata."""

    frame: pd.DataFrame
    demo: bool = False
    sources: list[str] = field(default_factory=list)
    loads: list[dict] = field(default_factory=list)

    def select(self, teryt=None, indicators=None, years=None) -> pd.DataFrame:
        """Return rows for the given unit codes (or prefixes ending with '*'), indicators, years."""
        f = self.frame
        mask = pd.Series(True, index=f.index)
        if teryt is not None:
            codes = [teryt] if isinstance(teryt, str) else list(teryt)
            exact = [c for c in codes if not c.endswith("*")]
            m = f["teryt"].isin(exact)
            for c in codes:
                if c.endswith("*"):
                    m |= f["teryt"].str.startswith(c[:-1])
            mask &= m
        if indicators is not None:
            mask &= f["indicator"].isin([indicators] if isinstance(indicators, str) else list(indicators))
        if years is not None:
            mask &= f["year"].isin([years] if isinstance(years, int) else list(years))
        return f[mask]

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.frame["year"].dropna().unique())

    @property
    def units(self) -> list[str]:
        return sorted(self.frame["teryt"].dropna().unique())


def write(store: Store, path: str | Path = DEFAULT_PATH) -> Path:
    """Write the store atomically (temporary file in the same folder, then rename).

    Rows are sorted by :data:`KEY` (teryt first) and written in row groups of
    :data:`_GROUP_ROWS` rows with statistics, so reading one powiat of a national store decodes
    one or two row groups. If anything fails before the rename, the previous file is untouched
    and no temporary file is left behind.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = conform(store.frame)[COLUMNS].sort_values(KEY, kind="stable").reset_index(drop=True)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    meta = {"demo": store.demo, "sources": store.sources, "format": 1, "loads": store.loads}
    table = table.replace_schema_metadata(
        {**(table.schema.metadata or {}), _META_KEY: json.dumps(meta, ensure_ascii=False).encode()}
    )
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        # rows sorted by teryt in modest row groups: the min/max statistics of each group let
        # a read of some units skip the groups of all other units (see :func:`load`)
        pq.write_table(table, tmp, row_group_size=_GROUP_ROWS, write_statistics=True)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; give the usual file mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _filters(units) -> list | None:
    """Return pyarrow filters (OR of ANDs) for unit codes; ``'3007*'`` is a prefix."""
    if units is None:
        return None
    out = []
    for code in ([units] if isinstance(units, str) else units):
        if code.endswith("*"):
            p = code[:-1]
            out.append([("teryt", ">=", p), ("teryt", "<", p[:-1] + chr(ord(p[-1]) + 1))])
        else:
            out.append([("teryt", "=", code)])
    return out


#: Rows per row group of a written store; a group this small is decoded whole when it may hold
#: a unit asked for.
_GROUP_ROWS = 32_768


def unreadable_store(path: Path, exc: BaseException) -> str:
    """Return the Polish message for a store file pyarrow cannot read (its detail is English)."""
    return (f"nie można odczytać magazynu danych {path}: plik jest uszkodzony, niepełny albo nie "
            f"jest magazynem danych zapisanym przez 'strategy ingest' (rodzaj błędu: "
            f"{type(exc).__name__}); zapisz magazyn ponownie poleceniem 'strategy ingest'")


def load(path: str | Path = DEFAULT_PATH, units=None) -> Store:
    """Load the store; raise :class:`StoreError` with a Polish message if it is missing.

    ``units`` limits the rows read to these unit codes (``'3007*'`` for a powiat and its gminas):
    a national store holds ~2 million rows, a powiat's documents need a few thousand.
    """
    path = Path(path)
    if not path.exists():
        raise StoreError(
            f"brak magazynu danych {path}: uruchom najpierw 'strategy ingest' (lub 'strategy demo')"
        )
    try:
        # pyarrow skips the row groups whose teryt statistics exclude every unit asked for
        table = pq.read_table(path, filters=_filters(units))
    except Exception as exc:  # pyarrow raises several types (English messages) for a bad file
        raise StoreError(unreadable_store(path, exc)) from exc
    raw = (table.schema.metadata or {}).get(_META_KEY)
    meta = json.loads(raw) if raw else {}
    return Store(frame=conform(table.to_pandas()), demo=bool(meta.get("demo")),
                 sources=list(meta.get("sources", [])), loads=list(meta.get("loads", [])))


@dataclass
class MergeCounts:
    """What a merge did, in rows: added (new keys), replaced (keys already there), kept."""

    added: int = 0
    replaced: int = 0
    kept: int = 0


def merge(old: Store, new: Store) -> tuple[Store, MergeCounts]:
    """Return ``old`` with the rows of ``new`` put in: same (teryt, year, indicator) replaced,
    every other row of ``old`` kept. Sources and loads of both are kept, ``old``'s first."""
    of, nf = conform(old.frame)[COLUMNS], conform(new.frame)[COLUMNS]
    if of.empty:
        counts = MergeCounts(added=len(nf))
        frame = nf
    else:
        okeys = pd.MultiIndex.from_frame(of[KEY].astype({"year": "int64"}))
        nkeys = pd.MultiIndex.from_frame(nf[KEY].astype({"year": "int64"}))
        replaced = okeys.isin(nkeys)
        counts = MergeCounts(added=int((~nkeys.isin(okeys)).sum()),
                             replaced=int(replaced.sum()), kept=int((~replaced).sum()))
        frame = pd.concat([of[~replaced], nf], ignore_index=True)
    sources = list(dict.fromkeys(list(old.sources) + list(new.sources)))
    return Store(frame=conform(frame), demo=old.demo or new.demo, sources=sources,
                 loads=list(old.loads) + list(new.loads)), counts
