"""Derived indicators and powiat aggregates, computed from the stored counts.

In: the canonical tidy frame (``strategy.store.COLUMNS``), a powiat code, the catalogue and the
unit registry.
Out: :func:`compute_values` - one long frame (:data:`VALUE_COLUMNS`) with every stored and
derived indicator for the powiat's gminas, for the powiat itself and for the benchmarks found in
the store (the powiat's województwo, two digits, and Poland, ``"00"``).

Rules:

* a gmina's derived value is ``sum(numerator ids) / sum(denominator ids) * per``; it is NaN when
  any part is missing or the denominator is zero (never ``inf``);
* a powiat value of a gmina-level figure is the **sum of the gminas' counts**, and a powiat rate
  is the sum of gmina numerators over the sum of gmina denominators - never a mean of gmina
  rates. A sum is given only when every gmina of the powiat has the figure that year; otherwise
  the value is NaN with flag ``niepelne`` and ``n_units`` says how many gminas had it. When no
  gmina has the figure at all, the powiat's own row (e.g. from BDL) is used if present;
* powiat-level figures (foster care, unemployment rate...) come from the powiat's own rows; a
  derived indicator mixing levels (numerator recorded by the powiat, denominator by the gminas)
  uses the powiat's own numerator and the summed gmina denominators;
* gmina codes that changed with the gmina's type (``3007052`` -> ``3007053``) are joined into the
  current code, so a series runs across the change;
* a derived indicator that the store holds directly (e.g. BDL's "beneficjenci na 10 tys.") is
  used only where it cannot be computed from counts.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pyarrow as pa

from ..catalog import Catalog, default_catalog
from ..units import Registry, default_registry

VALUE_COLUMNS = ["teryt", "year", "indicator", "value", "numerator", "denominator", "flag",
                 "level", "n_units", "n_expected"]
#: Flag of a powiat value that is missing because some gminas lack the figure.
FLAG_INCOMPLETE = "niepelne"
#: Flag of a derived value whose denominator is zero.
FLAG_ZERO_DENOMINATOR = "mianownik_zero"
POLAND = "00"
LEVELS = ("gmina", "powiat", "wojewodztwo", "polska")


def gmina_codes(powiat: str, registry: Registry | None = None) -> list[str]:
    """Return the current codes of the whole gminas of ``powiat`` (sorted)."""
    registry = registry or default_registry()
    return [u.teryt for u in registry.gminas_of(powiat)]


def _code_map(powiat: str, registry: Registry, current: list[str]) -> dict[str, str]:
    """Map every gmina code of the powiat (old and current) to the current code."""
    out = {c: c for c in current}
    for u in registry:
        if u.kind == "gmina" and u.teryt.startswith(powiat) and u.teryt not in out:
            cur = registry.current(u.teryt)
            if cur in current:
                out[u.teryt] = cur
    return out


def compute_values(frame: pd.DataFrame, powiat: str, catalog: Catalog | None = None,
                   registry: Registry | None = None) -> pd.DataFrame:
    """Return every indicator for the gminas of ``powiat``, the powiat and the benchmarks.

    Columns :data:`VALUE_COLUMNS`: ``numerator``/``denominator`` are filled for derived
    indicators (NaN for stored ones), ``level`` is ``gmina``/``powiat``/``wojewodztwo``/
    ``polska``, ``n_units`` the number of gminas contributing to a powiat sum (1 for a gmina,
    ``<NA>`` for a figure not summed from gminas), ``n_expected`` the number of gminas.
    Sorted by indicator, teryt and year.
    """
    catalog = catalog or default_catalog()
    registry = registry or default_registry()
    current = gmina_codes(powiat, registry)
    cmap = _code_map(powiat, registry, current)
    woj = powiat[:2]
    ind_ids = [i.id for i in catalog]
    units = list(current) + [powiat, woj, POLAND]
    ui = {c: k for k, c in enumerate(units)}
    # every code read (old gmina codes too) -> row of its unit in the arrays
    code_row = {**{c: ui[cur] for c, cur in cmap.items()}, powiat: ui[powiat],
                woj: ui[woj], POLAND: ui[POLAND]}
    ii = {c: k for k, c in enumerate(ind_ids)}

    f = frame[frame["teryt"].isin(list(code_row)) & frame["indicator"].isin(ind_ids)
              & frame["year"].notna()]
    if not len(f):
        return _empty()
    tcode, tcodes = pd.factorize(f["teryt"])
    a = np.array([code_row[t] for t in tcodes], dtype=np.intp)[tcode]
    icode, icodes = pd.factorize(f["indicator"])
    c = np.array([ii[x] for x in icodes], dtype=np.intp)[icode]
    year = f["year"].to_numpy(dtype="int64")
    years, b = np.unique(year, return_inverse=True)
    val = f["value"].to_numpy(dtype=float, na_value=np.nan)
    flag = f["flag"].fillna("").to_numpy(dtype=object)
    shape = (len(units), len(years), len(ind_ids))
    # One row per cell: a current code wins over an old code of the same gmina reporting the
    # same year (then the first row in the frame's order).
    old = np.array([t not in ui for t in tcodes], dtype=bool)[tcode]
    order = np.concatenate([np.flatnonzero(~old), np.flatnonzero(old)])
    _, first = np.unique(np.ravel_multi_index((a[order], b[order], c[order]), shape),
                         return_index=True)
    rows = order[first]
    a, b, c, val, flag = a[rows], b[rows], c[rows], val[rows], flag[rows]
    V = np.full(shape, np.nan)
    F = np.full(shape, "", dtype=object)
    P = np.zeros(shape, dtype=bool)
    V[a, b, c] = val
    F[a, b, c] = flag
    P[a, b, c] = True
    n = len(current)
    k = ui[powiat]
    pv, pf, pp, pn = _powiat_arrays(V, F, P, n, k, catalog, ii)
    V[k], F[k], P[k] = pv, pf, pp
    # n_units: 1 for a gmina, the contributing gminas for the powiat, none for benchmarks
    N = np.full(shape, np.nan)
    N[:n] = 1.0
    N[k] = pn
    return _long(units, years, V, F, P, N, catalog, ii, n, k)


def _powiat_arrays(V, F, P, n, k, catalog: Catalog, ii):
    """Return the powiat's stored figures (values, flags, presence, n_units per indicator):
    gmina-level ones summed from complete gminas, powiat-level ones from its own rows."""
    pv, pf, pp = V[k].copy(), F[k].copy(), P[k].copy()
    pn = np.full(pv.shape, np.nan)
    if n:
        G = V[:n]
        counts = np.sum(~np.isnan(G), axis=0)
        sums = np.nansum(G, axis=0)
        has = counts > 0
        complete = np.where(counts == n, sums, np.nan)
        inc = has & (counts < n)
        cols = np.array([ii[i.id] for i in catalog.stored() if i.level == "gmina"], dtype=int)
        if len(cols):
            h = has[:, cols]
            # years where no gmina has the figure keep the powiat's own row (e.g. from BDL)
            pv[:, cols] = np.where(h, complete[:, cols], pv[:, cols])
            pf[:, cols] = np.where(inc[:, cols], FLAG_INCOMPLETE,
                                   np.where(h, "", pf[:, cols]))
            pp[:, cols] = h | pp[:, cols]
            pn[:, cols] = np.where(h, counts[:, cols], np.nan)
    return pv, pf, pp, pn


def _long(units, years, V, F, P, N, catalog: Catalog, ii, n, k) -> pd.DataFrame:
    """Return the long rows of all units from arrays [unit, year, indicator]: stored figures
    where present, derived ones where any numerator part (or the derived figure itself) is
    present. Rows 0..n-1 are gminas, ``k`` the powiat, the rest benchmarks."""
    shape = V.shape
    VAL = V.copy()
    NUM = np.full(shape, np.nan)
    DEN = np.full(shape, np.nan)
    FLG = F.copy()
    KEEP = P.copy()
    NUN = N.copy()
    for i in catalog:
        if not i.derived:
            continue
        j = ii[i.id]
        nums = [ii[x] for x in i.numerator]
        dens = [ii[x] for x in i.denominator]
        num = V[:, :, nums].sum(axis=2)
        den = V[:, :, dens].sum(axis=2)
        zero = (den == 0) & ~np.isnan(num)
        with np.errstate(divide="ignore", invalid="ignore"):
            val = np.where(den == 0, np.nan, num / den * i.per)
        inputs = [ii[x] for x in i.inputs]
        flag = np.full(val.shape, "", dtype=object)
        for x in reversed(inputs):
            fx = F[:, :, x]
            flag = np.where(fx != "", fx, flag)
        flag = np.where(zero, FLAG_ZERO_DENOMINATOR, flag)
        # the derived figure stored directly, used where counts cannot give it
        direct = V[:, :, j]
        use = np.isnan(val) & ~np.isnan(direct) & ~zero
        VAL[:, :, j] = np.where(use, direct, val)
        FLG[:, :, j] = np.where(use, F[:, :, j], flag)
        NUM[:, :, j] = np.where(use, np.nan, num)
        DEN[:, :, j] = np.where(use, np.nan, den)
        KEEP[:, :, j] = P[:, :, nums].any(axis=2) | P[:, :, j]
        # the powiat: the fewest gminas contributing to any part summed from gminas
        g = [x for x in inputs if not np.isnan(N[k, :, x]).all()]
        with warnings.catch_warnings():       # years where no part is summed
            warnings.simplefilter("ignore", RuntimeWarning)
            NUN[k, :, j] = np.nanmin(N[k][:, g], axis=1) if g else np.nan
    # rows in the final order: indicator, teryt, year
    ids = list(ii)
    iorder = np.array(sorted(range(len(ids)), key=ids.__getitem__), dtype=np.intp)
    uorder = np.array(sorted(range(len(units)), key=units.__getitem__), dtype=np.intp)

    def arrange(X):
        return X[uorder][:, :, iorder].transpose(2, 0, 1).ravel()

    keep = arrange(KEEP)
    ni, nu, ny = len(iorder), len(uorder), len(years)
    cell_i = np.repeat(iorder, nu * ny)[keep]
    cell_u = np.tile(np.repeat(uorder, ny), ni)[keep]
    cell_y = np.tile(np.arange(ny), ni * nu)[keep]
    value = arrange(VAL)[keep]
    value[np.isinf(value)] = np.nan
    level = np.array(["gmina"] * n + ["powiat", "wojewodztwo", "polska"], dtype=object)
    return pd.DataFrame({
        "teryt": _strings(units, cell_u),
        "year": np.asarray(years, dtype="int64")[cell_y],
        "indicator": _strings(ids, cell_i),
        "value": value,
        "numerator": arrange(NUM)[keep],
        "denominator": arrange(DEN)[keep],
        "flag": pd.array(arrange(FLG)[keep], dtype="string"),
        "level": _strings(level, cell_u),
        "n_units": pd.array(arrange(NUN)[keep], dtype="Int64"),
        "n_expected": pd.array(np.where(cell_u <= k, float(n), np.nan), dtype="Int64"),
    })


def _strings(labels, codes: np.ndarray):
    """Return ``labels[codes]`` as a pandas string array."""
    return pd.array(pa.array(list(labels), type=pa.large_string()).take(codes), dtype="string")


def _empty() -> pd.DataFrame:
    return _conform(pd.DataFrame({c: [] for c in VALUE_COLUMNS}))


def _conform(res: pd.DataFrame) -> pd.DataFrame:
    for c in ("numerator", "denominator"):
        if c not in res:
            res[c] = np.nan
    res = res.loc[:, VALUE_COLUMNS].copy()
    res["teryt"] = res["teryt"].astype("string")
    res["indicator"] = res["indicator"].astype("string")
    res["level"] = res["level"].astype("string")
    res["flag"] = res["flag"].astype("string").fillna("")
    res["year"] = res["year"].astype("int64")
    for c in ("value", "numerator", "denominator"):
        res[c] = pd.to_numeric(res[c], errors="coerce").astype("float64")
    for c in ("n_units", "n_expected"):
        res[c] = pd.to_numeric(res[c], errors="coerce").astype("Int64")
    res.loc[np.isinf(res["value"]), "value"] = np.nan
    return res.sort_values(["indicator", "teryt", "year"], kind="stable").reset_index(drop=True)


def series(values: pd.DataFrame, teryt: str, indicator: str) -> pd.Series:
    """Return one unit's values of one indicator as a Series indexed by year (NaN dropped)."""
    m = (values["teryt"] == teryt) & (values["indicator"] == indicator)
    s = values.loc[m, ["year", "value"]].dropna().set_index("year")["value"]
    return s.sort_index()


class SeriesLookup:
    """:func:`series` for many units and indicators of one frame: the frame is grouped once.

    ``lookup(teryt, indicator)`` equals ``series(values, teryt, indicator)``; with
    ``first_year`` the years before it are left out.
    """

    def __init__(self, values: pd.DataFrame):
        self._groups = series_points(
            values.loc[values["value"].notna() & values["year"].notna()])
        self._year_dtype = values["year"].dtype

    def __call__(self, teryt: str, indicator: str, first_year: int | None = None) -> pd.Series:
        pts = self._groups.get((teryt, indicator), ())
        if first_year is not None:
            pts = [p for p in pts if p[0] >= first_year]
        years = np.array([p[0] for p in pts], dtype=self._year_dtype)
        vals = np.array([p[1] for p in pts], dtype="float64")
        return pd.Series(vals, index=_year_index(years), name="value")


def series_points(values: pd.DataFrame) -> dict[tuple, list[tuple]]:
    """Return the ``(year, value)`` points of each ``(teryt, indicator)`` of ``values``, in year
    order (rows of one year in the frame's order)."""
    groups: dict[tuple, list] = {}
    for key, y, x in zip(zip(values["teryt"].tolist(), values["indicator"].tolist()),
                         values["year"].tolist(), values["value"].tolist()):
        groups.setdefault(key, []).append((y, x))
    for pts in groups.values():
        pts.sort(key=_year_of)
    return groups


def _year_of(point: tuple):
    return point[0]


try:   # the index DataFrame.set_index builds (a RangeIndex when the years are evenly spaced)
    from pandas.core.indexes.base import ensure_index_from_sequences as _from_sequences
except ImportError:  # pragma: no cover - another pandas: the same years, maybe another class
    _from_sequences = None


def _year_index(years: np.ndarray) -> pd.Index:
    """Return the index ``set_index("year")`` gives for these years, as :func:`series` has."""
    if _from_sequences is None:  # pragma: no cover
        return pd.Index(years, name="year")
    return _from_sequences([years], names=["year"])
