"""Each gmina against its powiat and against the other gminas of the powiat.

In: the long frame of :func:`strategy.analysis.derive.compute_values` and the catalogue.
Out: :func:`compare` - one row per gmina, indicator and year (:data:`COMPARISON_COLUMNS`).

* ``diff`` = gmina value - powiat value (points for shares, units of the indicator otherwise),
  ``diff_pct`` = ``diff`` / |powiat value| * 100;
* ``rank`` among the gminas that have the figure that year, **1 = most favourable** following the
  indicator's direction (``worse``: the lowest value ranks 1, ``better``: the highest), ties share
  the lowest rank (1, 2, 2, 4); no rank for ``neutral`` indicators;
* ``median``, ``q1``, ``q3`` of the gminas' values (linear interpolation between order
  statistics, as ``pandas.Series.quantile``);
* ``position`` by the IQR rule: ``powyżej`` when the value exceeds the median by more than half
  the interquartile range (q3 - q1), ``poniżej`` when it is lower by more than that, otherwise
  ``w pobliżu`` (mediany). With IQR = 0 any value different from the median is above or below.

Counts, amounts and balances grow with the size of a gmina, so comparing them with the powiat or
ranking them would mostly rank gminas by population: for those kinds ``diff``, ``diff_pct``,
``rank`` and ``position`` are empty and ``share_of_powiat`` (the gmina's part of the powiat
total, in %) is given instead. ``comparable`` says which kind a row is.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..catalog import Catalog, default_catalog

COMPARISON_COLUMNS = ["teryt", "indicator", "year", "value", "powiat_value", "diff", "diff_pct",
                      "rank", "n_units", "median", "q1", "q3", "position", "share_of_powiat",
                      "comparable", "direction"]
#: Kinds whose values can be compared between units of different size.
INTENSIVE = frozenset({"share", "rate", "ratio"})
ABOVE, BELOW, NEAR = "powyżej", "poniżej", "w pobliżu"
#: Half the interquartile range is the "near the median" band.
IQR_FACTOR = 0.5


def compare(values: pd.DataFrame, catalog: Catalog | None = None) -> pd.DataFrame:
    """Return the comparison of every gmina with its powiat and the other gminas."""
    catalog = catalog or default_catalog()
    meta = pd.DataFrame([{"indicator": i.id, "direction": i.direction,
                          "comparable": i.kind in INTENSIVE} for i in catalog])
    g = values.loc[(values["level"] == "gmina") & values["value"].notna(),
                   ["teryt", "indicator", "year", "value"]]
    p = values.loc[values["level"] == "powiat", ["indicator", "year", "value"]].rename(
        columns={"value": "powiat_value"})
    df = g.merge(p, on=["indicator", "year"], how="left", validate="m:1")
    df = df.merge(meta, on="indicator", how="left", validate="m:1")
    df["indicator"] = df["indicator"].astype("string")
    grp = df.groupby(["indicator", "year"], sort=False)["value"]
    df["n_units"] = grp.transform("count").astype("Int64")
    df["median"] = grp.transform("median")
    q = grp.quantile([0.25, 0.75]).unstack()
    q.columns = ["q1", "q3"]
    df = df.merge(q.reset_index(), on=["indicator", "year"], how="left", validate="m:1")
    grp = df.groupby(["indicator", "year"], sort=False)["value"]
    asc = grp.rank(method="min", ascending=True)
    desc = grp.rank(method="min", ascending=False)
    rank = np.where(df["direction"] == "worse", asc,
                    np.where(df["direction"] == "better", desc, np.nan))
    comp = df["comparable"].fillna(False).astype(bool)
    df["rank"] = pd.Series(rank, index=df.index).where(comp).astype("Int64")
    diff = df["value"] - df["powiat_value"]
    base = df["powiat_value"].abs()
    df["diff"] = diff.where(comp)
    df["diff_pct"] = (diff / base.where(base != 0) * 100).where(comp)
    band = IQR_FACTOR * (df["q3"] - df["q1"])
    pos = np.where(df["value"] > df["median"] + band, ABOVE,
                   np.where(df["value"] < df["median"] - band, BELOW, NEAR))
    df["position"] = pd.Series(pos, index=df.index, dtype="string").where(comp)
    tot = df["powiat_value"]
    df["share_of_powiat"] = (df["value"] / tot.where(tot != 0) * 100).where(~comp)
    return df.loc[:, COMPARISON_COLUMNS].sort_values(
        ["indicator", "year", "teryt"], kind="stable").reset_index(drop=True)


def comparison_row(comparisons: pd.DataFrame, teryt: str, indicator: str, year: int) -> dict | None:
    """Return one row as the dict sentence builders take (year, value, powiat_value, diff,
    diff_pct, rank, n_units, median, position), or None when there is no such row."""
    m = ((comparisons["teryt"] == teryt) & (comparisons["indicator"] == indicator)
         & (comparisons["year"] == year))
    if not m.any():
        return None
    return _row_dict(comparisons.loc[m].iloc[0])


def comparison_rows(comparisons: pd.DataFrame, teryt: str, year: int) -> dict[str, dict]:
    """Return :func:`comparison_row` of every indicator of ``teryt`` in ``year``, by indicator
    (the rows selected once, not once per indicator)."""
    m = (comparisons["teryt"] == teryt) & (comparisons["year"] == year)
    out: dict[str, dict] = {}
    for r in comparisons.loc[m].to_dict("records"):
        if r["indicator"] not in out:
            out[r["indicator"]] = _row_dict(r)
    return out


_ROW_KEYS = ("year", "value", "powiat_value", "diff", "diff_pct", "rank", "n_units", "median",
             "position", "share_of_powiat", "q1", "q3")


def _row_dict(r) -> dict:
    out = {}
    for k in _ROW_KEYS:
        v = r[k]
        out[k] = None if pd.isna(v) else (int(v) if k in ("year", "rank", "n_units") else
                                          (str(v) if k == "position" else float(v)))
    return out


def position_rule() -> str:
    """Return the Polish description of the position rule, for the methodology section."""
    return ("Położenie gminy względem pozostałych gmin powiatu określono regułą rozstępu "
            "ćwiartkowego: wartość uznaje się za wyraźnie wyższą („powyżej”) lub niższą "
            "(„poniżej”) od mediany gmin, gdy różni się od niej o więcej niż połowę rozstępu "
            "między pierwszym a trzecim kwartylem; w pozostałych przypadkach jest „w pobliżu” "
            "mediany. Miejsce 1 oznacza sytuację najkorzystniejszą w powiecie; gminy o równych "
            "wartościach zajmują to samo miejsce. Liczebności (np. liczby osób) nie są "
            "porównywane między gminami, bo zależą od liczby mieszkańców - porównuje się "
            "wskaźniki w przeliczeniu na mieszkańców lub udziały.")
