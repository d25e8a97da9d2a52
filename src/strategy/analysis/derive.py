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
    """
    catalog = catalog or default_catalog()
    registry = registry or default_registry()
    current = gmina_codes(powiat, registry)
    cmap = _code_map(powiat, registry, current)
    woj = powiat[:2]

    f = frame[frame["teryt"].isin(list(cmap) + [powiat, woj, POLAND])]
    f = f[f["indicator"].isin([i.id for i in catalog])]
    f = f.loc[:, ["teryt", "year", "indicator", "value", "flag"]].reset_index(drop=True)
    # A current code wins over the old code if both report the same year.
    f["_old"] = ~f["teryt"].isin([powiat, woj, POLAND] + current)
    f["teryt"] = f["teryt"].map(lambda c: cmap.get(c, c)).astype("string")
    f = f[f["year"].notna()]
    f["year"] = f["year"].astype("int64")
    f["flag"] = f["flag"].fillna("").astype("string")
    f = f.sort_values("_old").drop_duplicates(["teryt", "year", "indicator"]).drop(columns="_old")

    years = sorted(f["year"].unique().tolist())
    ind_ids = [i.id for i in catalog]
    stored_ids = [i.id for i in catalog.stored()]
    if not years:
        return _empty()

    units = list(current) + [c for c in (powiat, woj, POLAND)]
    ui = {c: k for k, c in enumerate(units)}
    yi = {y: k for k, y in enumerate(years)}
    ii = {c: k for k, c in enumerate(ind_ids)}
    shape = (len(units), len(years), len(ind_ids))
    V = np.full(shape, np.nan)
    F = np.full(shape, "", dtype=object)
    P = np.zeros(shape, dtype=bool)
    a = f["teryt"].map(ui).to_numpy(dtype=int)
    b = f["year"].map(yi).to_numpy(dtype=int)
    c = f["indicator"].map(ii).to_numpy(dtype=int)
    V[a, b, c] = f["value"].to_numpy(dtype=float, na_value=np.nan)
    F[a, b, c] = f["flag"].to_numpy(dtype=object)
    P[a, b, c] = True
    n = len(current)
    years_arr = np.asarray(years, dtype="int64")
    out = []
    # ---- gminas -------------------------------------------------------------------------
    if n:
        out.append(_rows(current, years_arr, V[:n], F[:n], P[:n], catalog, ii, "gmina",
                         np.ones((n, len(years))), n))
    # ---- powiat -------------------------------------------------------------------------
    k = ui[powiat]
    pv, pf, pp, pn = _powiat_arrays(V, F, P, n, k, catalog, ii)
    out.append(_rows([powiat], years_arr, pv[None], pf[None], pp[None], catalog, ii, "powiat",
                     pn[None], n, from_gminas=True))
    # ---- benchmarks ---------------------------------------------------------------------
    for code, level in ((woj, "wojewodztwo"), (POLAND, "polska")):
        k = ui[code]
        if P[k].any():
            out.append(_rows([code], years_arr, V[k:k + 1], F[k:k + 1], P[k:k + 1], catalog, ii,
                             level, np.full((1, len(years)), np.nan), None))
    res = pd.concat([o for o in out if len(o)], ignore_index=True) if out else _empty()
    return _conform(res)


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


def _rows(codes, years, V, F, P, catalog: Catalog, ii, level, N, n_expected,
          from_gminas=False) -> pd.DataFrame:
    """Return long rows of units given as arrays [unit, year, indicator]: stored figures where
    present, derived ones where any numerator part (or the derived figure itself) is present.
    ``N`` holds n_units (per unit-year for gminas, per year-indicator for the powiat)."""
    nu, ny = V.shape[0], V.shape[1]
    T = np.repeat(np.asarray(codes, dtype=object), ny)
    Y = np.tile(years, nu)
    parts = []
    for i in catalog:
        j = ii[i.id]
        if not i.derived:
            keep = P[:, :, j].ravel()
            if not keep.any():
                continue
            val = V[:, :, j].ravel()
            flag = F[:, :, j].ravel()
            num = den = np.full(val.shape, np.nan)
            nun = (N[:, :, j] if from_gminas else N).ravel()
        else:
            nums = [ii[x] for x in i.numerator]
            dens = [ii[x] for x in i.denominator]
            num = V[:, :, nums].sum(axis=2).ravel()
            den = V[:, :, dens].sum(axis=2).ravel()
            zero = (den == 0) & ~np.isnan(num)
            with np.errstate(divide="ignore", invalid="ignore"):
                val = np.where(den == 0, np.nan, num / den * i.per)
            inputs = [ii[x] for x in i.inputs]
            flag = np.full(val.shape, "", dtype=object)
            for x in reversed(inputs):
                fx = F[:, :, x].ravel()
                flag = np.where(fx != "", fx, flag)
            flag = np.where(zero, FLAG_ZERO_DENOMINATOR, flag)
            # the derived figure stored directly, used where counts cannot give it
            direct = V[:, :, j].ravel()
            use = np.isnan(val) & ~np.isnan(direct) & ~zero
            val = np.where(use, direct, val)
            flag = np.where(use, F[:, :, j].ravel(), flag)
            num = np.where(use, np.nan, num)
            den = np.where(use, np.nan, den)
            keep = (P[:, :, nums].any(axis=2) | P[:, :, j]).ravel()
            if not keep.any():
                continue
            if from_gminas:
                g = [x for x in inputs if not np.isnan(N[:, :, x]).all()]
                with warnings.catch_warnings():       # years where no part is summed
                    warnings.simplefilter("ignore", RuntimeWarning)
                    nun = (np.nanmin(N[:, :, g], axis=2) if g else
                           np.full((nu, ny), np.nan)).ravel()
            else:
                nun = N.ravel()
        parts.append(pd.DataFrame({
            "teryt": T[keep], "year": Y[keep], "indicator": i.id, "value": val[keep],
            "numerator": num[keep], "denominator": den[keep], "flag": flag[keep],
            "n_units": nun[keep]}))
    if not parts:
        return _empty()
    res = pd.concat(parts, ignore_index=True)
    res["level"] = level
    res["n_expected"] = n_expected if n_expected is not None else np.nan
    return res


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
