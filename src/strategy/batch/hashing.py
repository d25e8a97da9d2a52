"""Input keys of the jobs, with hashes cached by file stat so an unchanged build stays fast.

In: file paths (notebooks, plans, templates, package sources) and the processed store.
Out: sha256 hex digests; a :class:`StoreSummary` (years, units, the names a reader sees, and the
content hash of the rows of every powiat with its gminas - ``'3007*'`` - and of every unit code)
read from the cache while the store file is unchanged.

The cache lives in ``reports/.hashcache.json``; an entry is valid while (size, mtime_ns, inode,
ctime_ns) of its file are unchanged. The change time cannot be set back by a program (unlike
the modification time), so a store rewritten in place with the same size and mtime is noticed;
what enters the job keys is always the hash of the content. pandas/pyarrow are imported only
when the store changed.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..errors import StoreError
from .files import atomic_write_text

CACHE_NAME = ".hashcache.json"
_PACKAGE_DIR = Path(__file__).resolve().parents[1]
#: Package folders whose code does not change what a notebook produces.
_SKIP_DIRS = {"batch", "cli", "__pycache__"}


#: Version of the store summary's layout: a cached summary of another version is recomputed.
SUMMARY_FORMAT = 2


def _stat_sig(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]


def digest(*parts: str | bytes) -> str:
    """Return the sha256 hex digest of the parts, separated so that ('ab','c') != ('a','bc')."""
    h = hashlib.sha256()
    for p in parts:
        b = p.encode() if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


def canonical(obj) -> str:
    """Return a canonical JSON text of parameters (sorted keys), for hashing."""
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str)


@dataclass
class StoreSummary:
    path: str
    years: list[int]
    units: list[str]
    names: dict[str, str]
    gminas: dict[str, list[str]]     # powiat -> whole gminas (current codes) with data
    slices: dict[str, str]           # "3007*" (a powiat and its gminas) or a code -> row hash
    demo: bool

    def rows_hash(self, patterns) -> str:
        """Return the hash of the store rows matched by unit ``patterns`` (see store_scope)."""
        return digest(*(f"{p}={self.slices.get(p, 'brak')}" for p in patterns))


class HashCache:
    """File hashes and the store summary, cached by stat in one JSON file."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.data = {}
        self.data.setdefault("files", {})
        self.dirty = False

    def file(self, path: str | Path) -> str:
        """Return the sha256 of a file's content, or ``'brak'`` if it does not exist."""
        p = Path(path)
        try:
            sig = _stat_sig(p)
        except FileNotFoundError:
            return "brak"
        entry = self.data["files"].get(str(p))
        if entry and entry["sig"] == sig:
            return entry["sha256"]
        sha = hashlib.sha256(p.read_bytes()).hexdigest()
        self.data["files"][str(p)] = {"sig": sig, "sha256": sha}
        self.dirty = True
        return sha

    def package(self, sources: bool = True) -> str:
        """Return a hash of the package version and (``sources``) the code a notebook can call."""
        parts = [__version__]
        if not sources:
            return digest(*parts)
        for root, dirs, files in os.walk(_PACKAGE_DIR):
            dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
            for f in sorted(files):
                if f.endswith((".py", ".csv", ".yaml", ".toml", ".docx")):
                    full = Path(root, f)
                    parts += [str(full.relative_to(_PACKAGE_DIR)), self.file(full)]
        return digest(*parts)

    def store(self, path: str | Path, registry: str = "") -> StoreSummary:
        """Return the store summary, recomputed only when the store file or the unit register
        (``registry``: a hash of its files, for the names) changed."""
        p = Path(path).resolve()
        try:
            sig = _stat_sig(p)
        except FileNotFoundError:
            raise StoreError(f"brak magazynu danych {p}: uruchom najpierw 'strategy ingest' "
                             "(lub 'strategy demo')") from None
        entry = self.data.get("store")
        if not (entry and entry["path"] == str(p) and entry["sig"] == sig
                and entry.get("format") == SUMMARY_FORMAT and entry.get("registry") == registry):
            entry = {"path": str(p), "sig": sig, "format": SUMMARY_FORMAT, "registry": registry,
                     "summary": _summarize(p)}
            self.data["store"] = entry
            self.dirty = True
        return StoreSummary(**entry["summary"])

    def save(self) -> None:
        if not self.dirty:
            return
        atomic_write_text(self.path, json.dumps(self.data, ensure_ascii=False))
        self.dirty = False


#: Files of the project folder that change the unit register: a TERC register imported with
#: ``strategy jednostki`` and its code history, the office's own unit file. Kept in step with
#: ``strategy.terc.LOCAL_REGISTER``/``LOCAL_HISTORY`` and ``strategy.units.LOCAL_UNITS``
#: (not imported here: they pull in pandas).
REGISTRY_FILES = ("data/rejestr/TERC.csv", "data/rejestr/historia.csv", "data/raw/jednostki.csv")


def registry_files() -> list[Path]:
    """Return the files besides the package that make the unit register (names, types, codes):
    :data:`REGISTRY_FILES` and the files named by ``STRATEGY_UNITS``; a missing one counts as
    ``brak``. Kept in step with :func:`strategy.units.default_registry`."""
    paths = [Path(x) for x in os.environ.get("STRATEGY_UNITS", "").split(os.pathsep) if x]
    paths += [Path(x) for x in REGISTRY_FILES]
    return [p.resolve() for p in paths]


def _runs(keys):
    """Yield (key, start, stop) of the runs of equal keys in a sorted array."""
    import numpy as np

    if not len(keys):
        return
    starts = [0] + (np.flatnonzero(keys[1:] != keys[:-1]) + 1).tolist()
    bounds = starts + [len(keys)]
    for a, b in zip(bounds[:-1], bounds[1:]):
        yield keys[a], a, b


def reader_names(registry, codes) -> dict[str, str]:
    """Return the name a reader sees for each code the register knows
    (:meth:`strategy.units.Registry.display_name`: "Kraśnik (gmina miejska)" where two gminas
    of a powiat share a name)."""
    return {c: registry.display_name(c) for c in codes if c in registry}


def _summarize(path: Path) -> dict:
    """Read the store once and return what the builder needs to know about it."""
    # lazy: pandas (and the store and register built on it) only when the store changed;
    # a build with nothing to do answers from the cache without them
    import pandas as pd

    from .. import store as store_mod
    from ..units import WHOLE_GMINA_TYPES, default_registry

    st = store_mod.load(path)
    frame = st.frame[store_mod.COLUMNS].sort_values(store_mod.KEY, kind="stable")
    frame = frame.reset_index(drop=True)
    row_hash = pd.util.hash_pandas_object(frame, index=False).to_numpy()
    teryt = frame["teryt"].astype(str).to_numpy()
    slices = {}
    # Rows are sorted by teryt, so the rows of one code, and of one powiat with its gminas,
    # are contiguous.
    for code, a, b in _runs(teryt):
        slices[code] = hashlib.sha256(row_hash[a:b].tobytes()).hexdigest()
    for prefix, a, b in _runs(pd.Series(teryt).str[:4].to_numpy()):
        if len(prefix) == 4 and prefix.isdigit():
            slices[prefix + "*"] = hashlib.sha256(row_hash[a:b].tobytes()).hexdigest()
    registry = default_registry()
    units = sorted(set(teryt))
    gminas: dict[str, list[str]] = {}
    for code in units:
        if len(code) == 7 and code[6] in WHOLE_GMINA_TYPES:
            if code in registry and registry.get(code).successor:
                continue  # an old code of a gmina that changed type: built under the new code
            gminas.setdefault(code[:4], []).append(code)
    names = reader_names(registry, units + sorted({c[:4] for c in units if len(c) >= 4}))
    return {"path": str(path), "years": st.years, "units": units, "names": names,
            "gminas": gminas, "slices": slices, "demo": st.demo}
