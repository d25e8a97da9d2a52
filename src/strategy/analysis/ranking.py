"""Problem ranking and SWOT suggestions from the figures.

In: the values of ``compute_values``, the comparisons of ``compare``, the trends of
``trends_frame`` and the catalogue.
Out: :func:`rank_problems` - one row per indicator with a score and its visible parts;
:func:`rank_areas` - areas ordered by score; :func:`swot_suggestions` - strengths and
weaknesses, each carrying the numbers it cites (their sentences: :mod:`strategy.text.swot`; the
rule in Polish: :mod:`strategy.text.ranking`). Opportunities and threats are left to the
authors: they do not follow from the unit's own statistics.

An indicator (direction other than ``neutral``) is a priority for what a reader can check in
the tables: a value clearly worse than the reference, or a place among the least favourable
gminas. The trend only strengthens or weakens that judgement; it never makes a priority alone.
The score lies between 0 and 1 and is the sum of the three columns ``gap``, ``level`` and
``trend``:

* ``gap`` (at most :data:`W_GAP` = 0.5): the relative deviation from the reference (the powiat
  for a gmina, the województwo - or Poland - for a powiat) in the unfavourable direction,
  ``rel = ±(value - reference) / |reference|``; below :data:`MIN_GAP` (10 %) it counts as 0,
  from there it grows linearly to the full weight at :data:`GAP_FULL` (50 %) and stays there:
  ``W_GAP · min(rel, GAP_FULL) / GAP_FULL``;
* ``level`` (:data:`W_LEVEL` = 0.3 or 0): the gmina is in the least favourable third of the
  powiat's gminas (rank > 2/3 of the number ranked, at least 3 ranked);
* ``trend`` (a modifier): ``base · TREND_MOD · t`` where ``base = gap + level`` and ``t`` is 1
  for a significant unfavourable trend, 0.5 for an unfavourable change not confirmed as a
  trend, -0.5 and -1 for the favourable ones, 0 otherwise; with :data:`TREND_MOD` = 0.25 the
  score is at most 1 (0.8 · 1.25) and 0 whenever ``base`` is 0.

Only comparable kinds (rates, shares, ratios) get a ``gap`` and a ``level``: counts and amounts
depend on the size of a unit and are never priorities. An indicator whose numerator (the count
of people, families or events behind the rate) is below :data:`SMALL_COUNT` in the year scores
0 (``small`` is True): a rate of three children moves by a third with one child. Rates of a
balance (natural increase, migration) have no relative deviation, only a ``level``. An area's
score is the mean of the :data:`TOP_N` highest scores of its comparable indicators; its
``top_indicators`` are
those with a score above 0 (none for an area scoring 0).

An area stands out (:func:`stands_out`) only when its score is at least
:data:`STANDOUT_SCORE` (0.25): a quarter of the largest possible score, e.g. a deviation of
25 % from the reference alone (0.25), or a place in the least favourable third (0.3). When every
area scores below it - e.g. all between 0.00 and 0.12 - the order of the areas is the order of
small differences and no area is named as the first priority.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..catalog import Catalog, default_catalog
from .compare import BETTER, INTENSIVE, SIMILAR_REL, WORSE, assessment

W_GAP, W_LEVEL = 0.5, 0.3
#: The trend changes the score by at most this part of it (up or down).
TREND_MOD = 0.25
#: Relative deviations below this are not counted; at GAP_FULL the deviation counts fully.
#: MIN_GAP is the band in which the comparison with the powiat reads "podobnie" (10 %).
MIN_GAP, GAP_FULL = SIMILAR_REL, 0.50
#: A rate whose numerator (people, families, events) is below this never drives a priority.
SMALL_COUNT = 10
TOP_N = 3
#: An area whose score is below this does not stand out: with every area below it the ranking
#: names no first priority (see :func:`stands_out`).
STANDOUT_SCORE = 0.25
STRENGTH_Z = 0.5   # a value better than the reference by half a spread is a strength
RANKING_COLUMNS = ["indicator", "area", "direction", "year", "value", "reference_value",
                   "reference", "z", "rel_gap", "rank", "n_units", "numerator_value", "small",
                   "trend_direction", "trend_significant", "gap", "trend", "level", "score"]
STRENGTH, WEAKNESS = "mocna strona", "słaba strona"


def stands_out(score) -> bool:
    """True when an area's (or an indicator's) ``score`` is at least :data:`STANDOUT_SCORE`."""
    return score is not None and not pd.isna(score) and float(score) >= STANDOUT_SCORE


def _sign(direction: str) -> int:
    return 1 if direction == "worse" else (-1 if direction == "better" else 0)


def rank_problems(teryt: str, year: int, values: pd.DataFrame, comparisons: pd.DataFrame,
                  trends: dict, catalog: Catalog | None = None) -> pd.DataFrame:
    """Return the score and its parts for every non-neutral indicator of ``teryt`` in ``year``.

    ``trends`` is the dict of :func:`strategy.analysis.trend.trends_frame` (keyed by
    ``(teryt, indicator)``). Sorted by score, highest (most pressing) first.

    A powiat is compared with the województwo (or Poland). Where the store has no such value
    for a gmina-level indicator, the powiat's ``gap`` and ``level`` are the means of its gminas'
    parts (each gmina against the powiat; ``reference`` is then ``"gminy"``): an area is the
    more pressing for the powiat the more of its gminas are clearly worse than the powiat.
    """
    catalog = catalog or default_catalog()
    is_gmina = len(teryt) == 7
    v = values[(values["year"] == year) & values["value"].notna()]

    def by_indicator(m) -> dict:
        return dict(zip(v.loc[m, "indicator"].tolist(), v.loc[m, "value"].tolist()))

    own = by_indicator(v["teryt"] == teryt)
    if is_gmina:
        ref = by_indicator(v["level"] == "powiat")
        ref_name = "powiat"
    else:
        ref = {}
        ref_name = None
        for lvl in ("wojewodztwo", "polska"):
            r = by_indicator(v["level"] == lvl)
            if len(r):
                ref, ref_name = r, lvl
                break
    gm = v[v["level"] == "gmina"]
    spread = gm.groupby("indicator")["value"].std(ddof=1).to_dict()
    c = comparisons.loc[comparisons["year"] == year, ["teryt", "indicator", "rank", "n_units"]]
    comp_all: dict = {}
    for t_, i, r, n in zip(c["teryt"].tolist(), c["indicator"].tolist(), c["rank"].tolist(),
                           c["n_units"].tolist()):
        comp_all.setdefault(t_, {})[i] = (r, n)
    comp = comp_all.get(teryt, {}) if is_gmina else {}
    gminas: dict = {}
    if not is_gmina:
        for t_, i, x in zip(gm["teryt"].tolist(), gm["indicator"].tolist(),
                            gm["value"].tolist()):
            gminas.setdefault(t_, {})[i] = x
    rows = []
    for ind in catalog:
        if ind.direction == "neutral" or ind.id not in own:
            continue
        sgn = _sign(ind.direction)
        value = float(own[ind.id])
        intensive = ind.kind in INTENSIVE
        ref_v = float(ref[ind.id]) if (intensive and ind.id in ref) else np.nan
        sp = float(spread.get(ind.id, np.nan))
        z = np.nan
        if intensive and not np.isnan(ref_v):
            z = sgn * (value - ref_v) / sp if sp and not np.isnan(sp) and sp > 0 else 0.0
        rel, num, small, gap, level, rank, n_units = _parts(ind, value, ref_v, comp.get(ind.id),
                                                            own, catalog)
        reference = ref_name if intensive else None
        if (not is_gmina and intensive and np.isnan(ref_v) and ind.level == "gmina"
                and gminas and not small):
            # no benchmark above the powiat: the mean of the gminas' parts against the powiat
            parts = [_parts(ind, float(g[ind.id]), value, comp_all.get(t_, {}).get(ind.id), g,
                            catalog)
                     for t_, g in sorted(gminas.items()) if ind.id in g]
            if parts:
                gap = float(np.mean([p_[3] for p_ in parts]))
                reference = "gminy"
        t = trends.get((teryt, ind.id))
        tr = trend_factor(t, ind.direction)
        rows.append({
            "indicator": ind.id, "area": ind.area, "direction": ind.direction, "year": year,
            "value": value, "reference_value": ref_v, "reference": reference,
            "z": z, "rel_gap": rel, "rank": rank, "n_units": n_units,
            "numerator_value": np.nan if num is None else num, "small": bool(small),
            "trend_direction": t.direction if t else None,
            "trend_significant": bool(t.significant) if t else False,
            "gap": gap, "trend": (gap + level) * TREND_MOD * tr + 0.0, "level": level,
        })
    df = pd.DataFrame(rows, columns=RANKING_COLUMNS[:-1])
    df["score"] = df["gap"] + df["trend"] + df["level"]
    df["rank"] = df["rank"].astype("Int64")
    df["n_units"] = df["n_units"].astype("Int64")
    return df.sort_values(["score", "indicator"], ascending=[False, True], kind="stable") \
        .reset_index(drop=True)


def _parts(ind, value: float, ref_v: float, comp, counts: dict, catalog: Catalog):
    """Return (rel, numerator, small, gap, level, rank, n_units) of one unit's indicator.

    A rate of a balance (natural increase, migration per 1000) has no relative deviation: its
    reference may be close to 0 or negative; only its place among the gminas counts."""
    intensive = ind.kind in INTENSIVE
    rel = np.nan
    balance = any(p in catalog and catalog.get(p).kind == "balance" for p in ind.numerator)
    if intensive and not balance and not np.isnan(ref_v) and ref_v != 0:
        rel = _sign(ind.direction) * (value - ref_v) / abs(ref_v)
    num = numerator_value(ind, counts)
    small = num is not None and abs(num) < SMALL_COUNT
    rank = n_units = pd.NA
    level = 0.0
    if intensive and comp is not None:
        rank, n_units = comp
        if not pd.isna(rank) and not pd.isna(n_units) and n_units >= 3:
            level = W_LEVEL if rank > 2 * n_units / 3 else 0.0
    gap = gap_part(rel)
    if small or not intensive:
        gap = level = 0.0
    return rel, num, small, gap, level, rank, n_units


def gap_part(rel: float) -> float:
    """Return the ``gap`` column for a relative unfavourable deviation ``rel`` (0.4 = 40 %)."""
    if rel is None or np.isnan(rel) or rel < MIN_GAP:
        return 0.0
    return W_GAP * min(rel, GAP_FULL) / GAP_FULL


def trend_factor(trend, direction: str) -> float:
    """Return t of the trend modifier: 1/0.5 unfavourable, -1/-0.5 favourable, 0 otherwise."""
    if trend is None:
        return 0.0
    if trend.worsening(direction):
        return 1.0 if trend.significant else 0.5
    if trend.improving(direction):
        return -1.0 if trend.significant else -0.5
    return 0.0


def numerator_value(ind, own: dict) -> float | None:
    """Return the count behind a derived indicator (sum of its numerator parts) in ``own``,
    None when the indicator has no numerator or a part is missing."""
    if not ind.numerator or any(p not in own or pd.isna(own[p]) for p in ind.numerator):
        return None
    return float(sum(float(own[p]) for p in ind.numerator))


def rank_areas(ranking: pd.DataFrame, catalog: Catalog | None = None,
               top_n: int = TOP_N) -> pd.DataFrame:
    """Return areas ordered by score: the mean of the ``top_n`` highest scores of the area's
    comparable indicators (rates, shares, ratios; counts and amounts never score, so they do
    not dilute the mean), 0 for an area without one. The ``top_indicators`` of an area are
    those of the ``top_n`` with a score above 0."""
    catalog = catalog or default_catalog()
    groups: dict = {}
    counted: dict = {}
    for area, ind, score in zip(ranking["area"].tolist(), ranking["indicator"].tolist(),
                                ranking["score"].tolist()):
        if not pd.isna(area):
            counted[area] = counted.get(area, 0) + 1
            groups.setdefault(area, [])
            if ind not in catalog or catalog.get(ind).kind in INTENSIVE:
                groups[area].append((score, ind))
    rows = []
    for area, g in groups.items():            # areas in order of first appearance
        # as nlargest(top_n, "score"): highest first, ties in the ranking's order, NaN last
        top = (sorted((p for p in g if not np.isnan(p[0])), key=lambda p: -p[0])
               + [p for p in g if np.isnan(p[0])])[:top_n]
        scores = np.array([p[0] for p in top if not np.isnan(p[0])], dtype="float64")
        rows.append({"area": area, "area_name": catalog.areas.get(area, area),
                     "score": float(scores.mean()) if len(scores) else 0.0,
                     "n_indicators": counted[area],
                     "top_indicators": [p[1] for p in top if p[0] > 0]})
    out = pd.DataFrame(rows, columns=["area", "area_name", "score", "n_indicators",
                                      "top_indicators"])
    order = {a: i for i, a in enumerate(catalog.areas)}
    out["_o"] = out["area"].map(order)
    return out.sort_values(["score", "_o"], ascending=[False, True]).drop(columns="_o") \
        .reset_index(drop=True)


def swot_suggestions(ranking: pd.DataFrame, comparisons: pd.DataFrame, trends: dict,
                     teryt: str, unit_name: str, catalog: Catalog | None = None,
                     max_per_kind: int = 8) -> list[dict]:
    """Return strengths and weaknesses with the numbers they cite.

    A weakness: an indicator worse than the reference by at least half a spread (and by at
    least 10 % of it: the comparison table's "mniej korzystnie", :func:`.compare.assessment`)
    together with a rank in the least favourable third or an unfavourable trend, or a
    significant unfavourable trend alone. A strength: better than the reference by at least
    half a spread (and "korzystniej" in the comparison table), or a significant favourable
    trend. Small counts give neither: a rate whose numerator is below
    :data:`SMALL_COUNT` (``small``) or a count below it. Each item: kind, area, area_name, indicator,
    indicator_name, unit (of measure), teryt, unit_name, year, value, reference_value,
    reference, diff, diff_pct, rank, n_units, trend (dict or None), basis (list of 'porównanie'
    and/or 'trend'), score.
    """
    catalog = catalog or default_catalog()
    weak, strong = [], []
    for r in ranking.to_dict("records"):
        ind = catalog.get(r["indicator"])
        if r.get("small") or (ind.kind == "count" and abs(r["value"]) < SMALL_COUNT):
            continue
        t = trends.get((teryt, ind.id))
        z = r["z"]
        # a gap the comparison table also calls worse (better): at least 10 % from the reference
        judged = assessment(ind.direction, r["value"], r["reference_value"])
        worse_gap = not pd.isna(z) and z >= STRENGTH_Z and judged == WORSE
        better_gap = not pd.isna(z) and z <= -STRENGTH_Z and judged == BETTER
        t_bad = t is not None and t.significant and t.worsening(ind.direction)
        t_good = t is not None and t.significant and t.improving(ind.direction)
        kind = basis = None
        t_worse = t is not None and t.worsening(ind.direction)
        if (worse_gap and (r["level"] > 0 or t_worse)) or t_bad:
            kind = WEAKNESS
            basis = (["porównanie"] if worse_gap else []) + (["trend"] if t_bad else [])
        elif better_gap or t_good:
            kind = STRENGTH
            basis = (["porównanie"] if better_gap else []) + (["trend"] if t_good else [])
        if kind is None:
            continue
        ref_v = None if pd.isna(r["reference_value"]) else float(r["reference_value"])
        diff = None if ref_v is None else r["value"] - ref_v
        item = {
            "kind": kind, "area": ind.area, "area_name": catalog.areas.get(ind.area, ind.area),
            "indicator": ind.id, "indicator_name": ind.name, "unit": ind.unit,
            "teryt": teryt, "unit_name": unit_name, "year": int(r["year"]),
            "value": float(r["value"]), "reference_value": ref_v, "reference": r["reference"],
            "powiat_value": ref_v if r["reference"] == "powiat" else None,
            "diff": diff,
            "diff_pct": diff / abs(ref_v) * 100 if diff is not None and ref_v else None,
            "rank": None if pd.isna(r["rank"]) else int(r["rank"]),
            "n_units": None if pd.isna(r["n_units"]) else int(r["n_units"]),
            "trend": t.as_dict() if t is not None and "trend" in basis else None,
            "basis": basis, "score": float(r["score"]),
            "_z": 0.0 if pd.isna(z) else float(z),
        }
        (weak if kind == WEAKNESS else strong).append(item)
    weak.sort(key=lambda d: -d["score"])
    # strengths backed by a comparison first, then the most favourable ones
    strong.sort(key=lambda d: ("porównanie" not in d["basis"], d["_z"], d["indicator"]))
    out = strong[:max_per_kind] + weak[:max_per_kind]
    for d in out:
        d.pop("_z")
    return out
