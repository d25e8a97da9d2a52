"""Input keys of the jobs, with hashes cached by file stat so an unchanged build stays fast.

In: file paths (notebooks, plans, templates, package sources) and the processed store.
Out: sha256 hex digests; a :class:`StoreSummary` (years, units, names, one hash per gmina
``teryt[:6]`` prefix and per powiat) read from the cache while the store file is unchanged.

The cache lives in ``reports/.hashcache.json``; an entry is valid while (size, mtime_ns, inode)
of its file are unchanged. pandas/pyarrow are imported only when the store changed.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import StoreError

CACHE_NAME = ".hashcache.json"
_PACKAGE_DIR = Path(__file__).resolve().parents[1]
#: Package folders whose code does not change what a notebook produces.
_SKIP_DIRS = {"batch", "cli", "__pycache__"}


def _stat_sig(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ino]


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
    slices: dict[str, str]           # teryt prefix (6 or 4 digits) -> hash of its rows
    demo: bool


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
        from .. import __version__
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

    def store(self, path: str | Path) -> StoreSummary:
        """Return the store summary, recomputed only when the store file changed."""
        p = Path(path).resolve()
        try:
            sig = _stat_sig(p)
        except FileNotFoundError:
            raise StoreError(f"brak magazynu danych {p}: uruchom najpierw 'strategy ingest' "
                             "(lub 'strategy demo')") from None
        entry = self.data.get("store")
        if not (entry and entry["path"] == str(p) and entry["sig"] == sig):
            entry = {"path": str(p), "sig": sig, "summary": _summarize(p)}
            self.data["store"] = entry
            self.dirty = True
        return StoreSummary(**entry["summary"])

    def save(self) -> None:
        if not self.dirty:
            return
        from .record import atomic_write_text
        atomic_write_text(self.path, json.dumps(self.data, ensure_ascii=False))
        self.dirty = False


def _summarize(path: Path) -> dict:
    """Read the store once and return what the builder needs to know about it."""
    import numpy as np
    import pandas as pd

    from .. import store as store_mod
    from ..units import WHOLE_GMINA_TYPES, default_registry

    st = store_mod.load(path)
    frame = st.frame[store_mod.COLUMNS].sort_values(store_mod.KEY, kind="stable")
    frame = frame.reset_index(drop=True)
    row_hash = pd.util.hash_pandas_object(frame, index=False).to_numpy()
    teryt = frame["teryt"].astype(str).to_numpy()
    slices = {}
    for width in (6, 4):
        # Rows are sorted by teryt, so the rows of one prefix are contiguous.
        prefixes = pd.Series(teryt).str[:width].to_numpy()
        if not len(prefixes):
            continue
        starts = [0] + (np.flatnonzero(prefixes[1:] != prefixes[:-1]) + 1).tolist()
        bounds = starts + [len(prefixes)]
        for a, b in zip(bounds[:-1], bounds[1:]):
            if len(prefixes[a]) == width:
                slices[prefixes[a]] = hashlib.sha256(row_hash[a:b].tobytes()).hexdigest()
    registry = default_registry()
    units = sorted(set(teryt))
    gminas: dict[str, list[str]] = {}
    names = {}
    for code in units:
        known = code in registry
        if known:
            names[code] = registry.name(code)
        if len(code) == 7 and code[6] in WHOLE_GMINA_TYPES:
            if known and registry.get(code).successor:
                continue  # an old code of a gmina that changed type: built under the new code
            gminas.setdefault(code[:4], []).append(code)
    for code in {c[:4] for c in units}:
        if code in registry:
            names[code] = registry.name(code)
    return {"path": str(path), "years": st.years, "units": units, "names": names,
            "gminas": gminas, "slices": slices, "demo": st.demo}
