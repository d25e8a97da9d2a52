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


def _wide(frame: pd.DataFrame, col: str) -> pd.DataFrame:
    return frame.set_index(["teryt", "year", "indicator"])[col].unstack("indicator")


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
    f = f.loc[:, ["teryt", "year", "indicator", "value", "flag"]].copy()
    f["teryt"] = f["teryt"].map(lambda c: cmap.get(c, c)).astype("string")
    f["year"] = f["year"].astype("int64")
    f["flag"] = f["flag"].fillna("").astype("string")
    # A current code wins over the old code if both report the same year.
    f["_old"] = ~frame.loc[f.index, "teryt"].isin([powiat, woj, POLAND] + current)
    f = f.sort_values("_old").drop_duplicates(["teryt", "year", "indicator"]).drop(columns="_old")

    years = sorted(f["year"].unique().tolist())
    ind_ids = [i.id for i in catalog]
    stored_ids = [i.id for i in catalog.stored()]
    if not years:
        return _empty()

    vals = _wide(f, "value").reindex(columns=ind_ids)
    flags = _wide(f, "flag").astype(object).reindex(columns=ind_ids, fill_value="")
    present = _wide(f.assign(p=True), "p").astype(object).fillna(False).reindex(
        columns=ind_ids, fill_value=False).astype(bool)

    out = []
    # ---- gminas -------------------------------------------------------------------------
    gidx = pd.MultiIndex.from_product([current, years], names=["teryt", "year"])
    G = vals.reindex(gidx)
    GF = flags.reindex(gidx, fill_value="").fillna("")
    GP = present.reindex(gidx, fill_value=False).astype(bool)
    out.append(_block(G, GF, GP, catalog, level="gmina", n_units=1, n_expected=len(current)))

    # ---- powiat -------------------------------------------------------------------------
    n = len(current)
    sums = G.groupby(level="year").sum(min_count=1)
    counts = G.notna().groupby(level="year").sum()
    complete = sums.where(counts == n) if n else sums * np.nan
    pidx = pd.Index(years, name="year")
    own = _own(vals, powiat, pidx)
    own_flags = _own(flags, powiat, pidx, "")
    own_present = _own(present, powiat, pidx, False).astype(bool)
    out.append(_powiat_block(powiat, complete, counts, own, own_flags, own_present, catalog,
                             stored_ids, n))

    # ---- benchmarks ---------------------------------------------------------------------
    for code, level in ((woj, "wojewodztwo"), (POLAND, "polska")):
        if code in vals.index.get_level_values("teryt"):
            b = _own(vals, code, pidx)
            bf = _own(flags, code, pidx, "")
            bp = _own(present, code, pidx, False).astype(bool)
            bidx = pd.MultiIndex.from_product([[code], years], names=["teryt", "year"])
            b.index, bf.index, bp.index = bidx, bidx, bidx
            out.append(_block(b, bf, bp, catalog, level=level, n_units=pd.NA, n_expected=pd.NA))

    res = pd.concat([o for o in out if len(o)], ignore_index=True) if out else _empty()
    return _conform(res)


def _own(wide: pd.DataFrame, code: str, years: pd.Index, fill=np.nan) -> pd.DataFrame:
    """Return one unit's rows of a wide frame, indexed by year."""
    if code in wide.index.get_level_values("teryt"):
        out = wide.xs(code, level="teryt").reindex(years, fill_value=fill)
        return out if fill is np.nan else out.fillna(fill)
    return pd.DataFrame(fill, index=years, columns=wide.columns)


def _ratio(num: pd.Series, den: pd.Series, per: float) -> tuple[pd.Series, pd.Series]:
    """Return (value, zero-denominator mask)."""
    zero = den == 0
    value = (num / den.where(~zero)) * per
    return value, zero & num.notna()


def _first_flag(flags: pd.DataFrame, ids: list[str]) -> pd.Series:
    sub = flags[ids].astype("string").fillna("")
    out = pd.Series("", index=flags.index, dtype="string")
    for c in reversed(ids):
        s = sub[c]
        out = out.where(s == "", s)
    return out


def _block(V, F, P, catalog: Catalog, level: str, n_units, n_expected) -> pd.DataFrame:
    """Long rows for units whose every part comes from their own rows (gminas, benchmarks)."""
    parts = []
    stored = [i.id for i in catalog.stored()]
    s = V[stored].stack(future_stack=True).rename("value").to_frame()
    s["flag"] = F[stored].stack(future_stack=True).astype("string").fillna("")
    s["present"] = P[stored].stack(future_stack=True)
    s = s[s["present"]].drop(columns="present")
    s["numerator"] = np.nan
    s["denominator"] = np.nan
    parts.append(s)
    for ind in catalog.derived():
        ids = list(ind.inputs)
        num = V[list(ind.numerator)].sum(axis=1, min_count=len(ind.numerator))
        den = V[list(ind.denominator)].sum(axis=1, min_count=len(ind.denominator))
        value, zero = _ratio(num, den, ind.per)
        flag = _first_flag(F, ids).where(~zero, FLAG_ZERO_DENOMINATOR)
        any_input = P[list(ind.numerator)].any(axis=1)
        # Fallback: the derived figure stored directly, where counts cannot give it.
        direct = V[ind.id]
        use_direct = value.isna() & direct.notna() & ~zero
        value = value.where(~use_direct, direct)
        flag = flag.where(~use_direct, F[ind.id].astype("string").fillna(""))
        keep = any_input | P[ind.id]
        d = pd.DataFrame({"value": value, "flag": flag, "numerator": num.where(~use_direct),
                          "denominator": den.where(~use_direct)})[keep]
        d["indicator"] = ind.id
        parts.append(d.set_index("indicator", append=True))
    res = pd.concat(parts).reset_index()
    res["level"] = level
    res["n_units"] = n_units
    res["n_expected"] = n_expected
    return res


def _powiat_block(powiat, complete, counts, own, own_flags, own_present, catalog: Catalog,
                  stored_ids, n) -> pd.DataFrame:
    years = own.index
    complete = complete.reindex(years)
    counts = counts.reindex(years).fillna(0).astype(int)
    val, flg, nun, pres = {}, {}, {}, {}
    for i in catalog.stored():
        c = i.id
        own_v = own[c].astype("float64")
        if i.level == "powiat":
            # recorded by the powiat itself
            val[c] = own_v
            flg[c] = own_flags[c].astype("string")
            pres[c] = own_present[c]
            nun[c] = pd.Series(pd.NA, index=years, dtype="Int64")
            continue
        has = counts[c] > 0
        inc = has & (counts[c] < n)
        # years where no gmina has the figure: the powiat's own row (e.g. from BDL), if any
        val[c] = complete[c].where(has, own_v)
        flg[c] = (own_flags[c].astype("string").where(~has, "")
                  .where(~inc, FLAG_INCOMPLETE))
        pres[c] = has | own_present[c]
        nun[c] = counts[c].astype("Int64").where(has, pd.NA)
    V = pd.DataFrame(val)
    rows = []
    for c in stored_ids:
        d = pd.DataFrame({"value": V[c], "flag": flg[c], "n_units": nun[c]})[pres[c].astype(bool)]
        d["indicator"] = c
        rows.append(d)
    for ind in catalog.derived():
        ids = list(ind.inputs)
        num = V[list(ind.numerator)].sum(axis=1, min_count=len(ind.numerator))
        den = V[list(ind.denominator)].sum(axis=1, min_count=len(ind.denominator))
        value, zero = _ratio(num, den, ind.per)
        flag = pd.Series("", index=years, dtype="string")
        for c in reversed(ids):
            flag = flag.where(flg[c] == "", flg[c])
        flag = flag.where(~zero, FLAG_ZERO_DENOMINATOR)
        gmina_parts = [c for c in ids if catalog.get(c).level == "gmina" and nun[c].notna().any()]
        if gmina_parts:
            n_units = pd.concat([nun[c] for c in gmina_parts], axis=1).min(axis=1).astype("Int64")
        else:
            n_units = pd.Series(pd.NA, index=years, dtype="Int64")
        any_input = pd.concat([pres[c] for c in ind.numerator], axis=1).any(axis=1)
        direct = own[ind.id].astype("float64")
        use_direct = value.isna() & direct.notna() & ~zero
        value = value.where(~use_direct, direct)
        flag = flag.where(~use_direct, own_flags[ind.id].astype("string"))
        keep = any_input | own_present[ind.id]
        d = pd.DataFrame({"value": value, "flag": flag, "n_units": n_units,
                          "numerator": num.where(~use_direct),
                          "denominator": den.where(~use_direct)})[keep.astype(bool)]
        d["indicator"] = ind.id
        rows.append(d)
    res = pd.concat(rows).reset_index()
    res["teryt"] = powiat
    res["level"] = "powiat"
    res["n_expected"] = n
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
