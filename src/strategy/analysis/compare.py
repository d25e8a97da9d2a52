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
  The rule in Polish, for the methodology, is :func:`strategy.text.metodologia.position_rule`.

Counts, amounts and balances grow with the size of a gmina, so comparing them with the powiat or
ranking them would mostly rank gminas by population: for those kinds ``diff``, ``diff_pct``,
``rank`` and ``position`` are empty and ``share_of_powiat`` (the gmina's part of the powiat
total, in %) is given instead. ``comparable`` says which kind a row is.

The assessment of a gmina against its powiat - what the comparison table's "Ocena" column and
the comparison sentence both say - is :func:`assessment`, the one place it is decided:

* no assessment (None) for a ``neutral`` indicator (or one without a direction) and when a
  value is missing;
* :data:`SIMILAR` ("podobnie jak w powiecie") when the gmina's value differs from the powiat's
  by less than :data:`SIMILAR_REL` (10 %) of the powiat's value, ``|value - powiat| <
  0.1 · |powiat|`` (for a powiat value of 0: only an equal value); the same 10 % below which
  the problem ranking ignores a deviation (:data:`strategy.analysis.ranking.MIN_GAP`);
* otherwise :data:`BETTER` or :data:`WORSE` by the indicator's direction (``worse``: a lower
  value is better, ``better``: a higher one).
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
#: The assessment of a gmina against its powiat (:func:`assessment`).
BETTER, WORSE, SIMILAR = "korzystniej", "mniej korzystnie", "podobnie"
#: A relative difference from the powiat's value below this is "similar" (0.1 = 10 %).
SIMILAR_REL = 0.10


def assessment(direction, value, powiat_value) -> str | None:
    """Return :data:`BETTER`, :data:`WORSE` or :data:`SIMILAR` for a gmina's ``value`` against
    the ``powiat_value`` of an indicator with ``direction`` (worse/better/neutral); None when
    there is no assessment (neutral indicator, missing value). The rule is in the module's
    docstring."""
    if direction not in ("worse", "better") or _missing(value) or _missing(powiat_value):
        return None
    v, p = float(value), float(powiat_value)
    if abs(v - p) < SIMILAR_REL * abs(p) or v == p:
        return SIMILAR
    return BETTER if (v > p) == (direction == "better") else WORSE


def _missing(x) -> bool:
    try:
        return x is None or bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def compare(values: pd.DataFrame, catalog: Catalog | None = None) -> pd.DataFrame:
    """Return the comparison of every gmina with its powiat and the other gminas.

    One pass over arrays: the gminas' values are sorted once by (indicator, year, value), and
    counts, medians, quartiles and ranks are read from the sorted groups.
    """
    catalog = catalog or default_catalog()
    level = values["level"]
    g = values.loc[(level == "gmina") & values["value"].notna(),
                   ["teryt", "indicator", "year", "value"]]
    p = values.loc[level == "powiat", ["indicator", "year", "value"]]
    n = len(g)
    # groups (indicator, year) as integers: indicator code x number of years + year code
    icode, inds = pd.factorize(g["indicator"])
    inds = list(inds)
    year = g["year"].to_numpy()
    years, ycode = np.unique(year, return_inverse=True)
    ny = max(len(years), 1)
    gid = icode.astype(np.intp) * ny + ycode
    # the powiat's value of each row's (indicator, year)
    if p.duplicated(["indicator", "year"]).any():
        raise pd.errors.MergeError(
            "Merge keys are not unique in right dataset; not a many-to-one merge")
    pi = pd.Index(inds, dtype=object).get_indexer(p["indicator"].to_numpy(dtype=object))
    py = np.searchsorted(years, p["year"].to_numpy())
    py_ok = (pi >= 0) & (py < len(years))
    py_ok[py_ok] &= years[py[py_ok]] == p["year"].to_numpy()[py_ok]
    powiat_of = np.full(len(inds) * ny, np.nan)
    powiat_of[pi[py_ok] * ny + py[py_ok]] = p["value"].to_numpy(dtype=float)[py_ok]
    value = g["value"].to_numpy(dtype=float)
    pval = powiat_of[gid]
    # sorted by group, then value: group statistics and ranks (ties share the lowest rank)
    order = np.lexsort((value, gid))
    sg, sv = gid[order], value[order]
    first = np.ones(n, dtype=bool)
    first[1:] = sg[1:] != sg[:-1]
    starts = np.flatnonzero(first)
    counts = np.diff(np.append(starts, n))
    grp = np.cumsum(first) - 1                       # group of each sorted row
    mid = starts + counts // 2
    median = np.where(counts % 2 == 1, sv[mid], (sv[mid] + sv[np.maximum(mid - 1, 0)]) / 2)
    q1, q3 = (_quantile(sv, starts, counts, q) for q in (0.25, 0.75))
    run = first.copy()
    run[1:] |= sv[1:] != sv[:-1]
    run_starts = np.flatnonzero(run)
    run_ends = np.append(run_starts[1:], n)
    rid = np.cumsum(run) - 1
    gstart = starts[grp]
    asc_s = (run_starts[rid] - gstart + 1).astype(float)
    desc_s = (gstart + counts[grp] - run_ends[rid] + 1).astype(float)
    asc, desc, gof = np.empty(n), np.empty(n), np.empty(n, dtype=np.intp)
    asc[order], desc[order], gof[order] = asc_s, desc_s, grp
    # the indicator's direction and kind
    known = {i.id: i for i in catalog}
    dir_dtype = _direction_dtype()
    directions = np.array([known[i].direction if i in known else np.nan for i in inds],
                          dtype=object)[icode]
    comparable = np.array([known[i].kind in INTENSIVE if i in known else np.nan for i in inds],
                          dtype=object)[icode]
    all_known = all(i in known for i in inds)
    comp = comparable.astype(bool) if all_known else np.array(
        [c is True for c in comparable], dtype=bool)
    rank = np.where(directions == "worse", asc, np.where(directions == "better", desc, np.nan))
    diff = value - pval
    base = np.abs(pval)
    band = IQR_FACTOR * (q3[gof] - q1[gof])
    med = median[gof]
    pos = np.where(value > med + band, ABOVE, np.where(value < med - band, BELOW, NEAR))
    with np.errstate(divide="ignore", invalid="ignore"):
        diff_pct = diff / np.where(base != 0, base, np.nan) * 100
        share = value / np.where(pval != 0, pval, np.nan) * 100
    # rows in the order (indicator, year, teryt)
    tcode, teryts = pd.factorize(g["teryt"])
    perm = np.lexsort((_sort_ranks(list(teryts))[tcode], year, _sort_ranks(inds)[icode]))
    out = pd.DataFrame({
        "teryt": g["teryt"].array.take(perm),
        "indicator": pd.array(g["indicator"].array.take(perm), dtype="string"),
        "year": g["year"].array.take(perm),
        "value": value[perm],
        "powiat_value": pval[perm],
        "diff": np.where(comp, diff, np.nan)[perm],
        "diff_pct": np.where(comp, diff_pct, np.nan)[perm],
        "rank": pd.array(np.where(comp, rank, np.nan)[perm], dtype="Int64"),
        "n_units": pd.array(counts[gof][perm], dtype="Int64"),
        "median": med[perm],
        "q1": q1[gof][perm],
        "q3": q3[gof][perm],
        "position": pd.array(np.where(comp, pos, None)[perm], dtype="string"),
        "share_of_powiat": np.where(comp, np.nan, share)[perm],
        "comparable": comp[perm] if all_known else comparable[perm],
        "direction": pd.array(directions[perm], dtype=dir_dtype),
    })
    return out


def _quantile(sv: np.ndarray, starts: np.ndarray, counts: np.ndarray, q: float) -> np.ndarray:
    """Return the ``q`` quantile of each sorted group (linear interpolation between order
    statistics, computed as pandas' groupby quantile does)."""
    pos = q * (counts - 1).astype(float)
    lo = pos.astype(np.int64)
    frac = pos % 1
    val = sv[starts + lo]
    nxt = sv[np.minimum(starts + lo + 1, len(sv) - 1)]
    return np.where(frac == 0.0, val, val + (nxt - val) * frac)


def _sort_ranks(labels: list) -> np.ndarray:
    """Return each label's position among the labels sorted."""
    ranks = np.empty(len(labels), dtype=np.intp)
    ranks[sorted(range(len(labels)), key=labels.__getitem__)] = np.arange(len(labels))
    return ranks


def _direction_dtype():
    """Return the dtype pandas gives a column of Python strings (``str`` in pandas 3)."""
    return pd.Series(["worse"]).dtype


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
