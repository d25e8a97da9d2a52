"""Problem ranking and SWOT suggestions from the figures.

In: the values of ``compute_values``, the comparisons of ``compare``, the trends of
``trends_frame`` and the catalogue.
Out: :func:`rank_problems` - one row per indicator with a score and its visible parts;
:func:`rank_areas` - areas ordered by score; :func:`swot_suggestions` - strengths and
weaknesses, each carrying the numbers it cites. Opportunities and threats are left to the
authors: they do not follow from the unit's own statistics.

The score of an indicator (direction other than ``neutral``) is a weighted sum of three parts,
each between 0 and 1 before weighting (the columns ``gap``, ``trend`` and ``level`` hold the
weighted parts, so they add up to ``score``, which lies between 0 and 1):

* ``gap`` (weight :data:`W_GAP` = 0.5): how much worse the value is than the reference (the
  powiat for a gmina, the województwo - or Poland - for a powiat), in units of the spread among
  the powiat's gminas (their standard deviation), counted only in the unfavourable direction and
  capped at 2 spreads: ``min(max(z, 0), 2) / 2``;
* ``trend`` (weight :data:`W_TREND` = 0.3): 1 for a statistically significant unfavourable
  trend, 0.5 for an unfavourable change not confirmed as a trend, 0 otherwise;
* ``level`` (weight :data:`W_LEVEL` = 0.2): 1 when the gmina is in the least favourable third of
  the powiat's gminas (rank > 2/3 of the number ranked), else 0.

``gap`` and ``level`` are computed only for comparable kinds (rates, shares, ratios): counts and
amounts depend on the size of a unit. A powiat without a benchmark in the store is judged by its
own trends only. An area's score is the mean of its :data:`TOP_N` highest indicator scores.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..catalog import Catalog, default_catalog
from .compare import INTENSIVE

W_GAP, W_TREND, W_LEVEL = 0.5, 0.3, 0.2
GAP_CAP = 2.0
TOP_N = 3
STRENGTH_Z = 0.5   # a value better than the reference by half a spread is a strength
RANKING_COLUMNS = ["indicator", "area", "direction", "year", "value", "reference_value",
                   "reference", "z", "rank", "n_units", "trend_direction", "trend_significant",
                   "gap", "trend", "level", "score"]
STRENGTH, WEAKNESS = "mocna strona", "słaba strona"


def _sign(direction: str) -> int:
    return 1 if direction == "worse" else (-1 if direction == "better" else 0)


def rank_problems(teryt: str, year: int, values: pd.DataFrame, comparisons: pd.DataFrame,
                  trends: dict, catalog: Catalog | None = None) -> pd.DataFrame:
    """Return the score and its parts for every non-neutral indicator of ``teryt`` in ``year``.

    ``trends`` is the dict of :func:`strategy.analysis.trend.trends_frame` (keyed by
    ``(teryt, indicator)``). Sorted by score, highest (most pressing) first.
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
    comp = {}
    if is_gmina:
        c = comparisons.loc[(comparisons["teryt"] == teryt) & (comparisons["year"] == year),
                            ["indicator", "rank", "n_units"]]
        comp = {i: (r, n) for i, r, n in zip(c["indicator"].tolist(), c["rank"].tolist(),
                                             c["n_units"].tolist())}
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
        gap = 0.0 if np.isnan(z) else min(max(z, 0.0), GAP_CAP) / GAP_CAP
        rank = n_units = pd.NA
        level = 0.0
        if intensive and ind.id in comp:
            rank, n_units = comp[ind.id]
            if not pd.isna(rank) and not pd.isna(n_units) and n_units >= 3:
                level = 1.0 if rank > 2 * n_units / 3 else 0.0
        t = trends.get((teryt, ind.id))
        tr = 0.0
        if t is not None and t.worsening(ind.direction):
            tr = 1.0 if t.significant else 0.5
        rows.append({
            "indicator": ind.id, "area": ind.area, "direction": ind.direction, "year": year,
            "value": value, "reference_value": ref_v, "reference": ref_name if intensive else None,
            "z": z, "rank": rank, "n_units": n_units,
            "trend_direction": t.direction if t else None,
            "trend_significant": bool(t.significant) if t else False,
            "gap": W_GAP * gap, "trend": W_TREND * tr, "level": W_LEVEL * level,
        })
    df = pd.DataFrame(rows, columns=RANKING_COLUMNS[:-1])
    df["score"] = df["gap"] + df["trend"] + df["level"]
    df["rank"] = df["rank"].astype("Int64")
    df["n_units"] = df["n_units"].astype("Int64")
    return df.sort_values(["score", "indicator"], ascending=[False, True], kind="stable") \
        .reset_index(drop=True)


def rank_areas(ranking: pd.DataFrame, catalog: Catalog | None = None,
               top_n: int = TOP_N) -> pd.DataFrame:
    """Return areas ordered by score (mean of the ``top_n`` highest indicator scores)."""
    catalog = catalog or default_catalog()
    groups: dict = {}
    for area, ind, score in zip(ranking["area"].tolist(), ranking["indicator"].tolist(),
                                ranking["score"].tolist()):
        if not pd.isna(area):
            groups.setdefault(area, []).append((score, ind))
    rows = []
    for area, g in groups.items():            # areas in order of first appearance
        # as nlargest(top_n, "score"): highest first, ties in the ranking's order, NaN last
        top = (sorted((p for p in g if not np.isnan(p[0])), key=lambda p: -p[0])
               + [p for p in g if np.isnan(p[0])])[:top_n]
        scores = np.array([p[0] for p in top if not np.isnan(p[0])], dtype="float64")
        rows.append({"area": area, "area_name": catalog.areas.get(area, area),
                     "score": float(scores.mean()) if len(scores) else float("nan"),
                     "n_indicators": len(g), "top_indicators": [p[1] for p in top]})
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

    A weakness: an indicator worse than the reference by at least half a spread together with a
    rank in the least favourable third or an unfavourable trend, or a significant unfavourable
    trend alone. A strength: better than the reference by at least half a spread, or a
    significant favourable trend. Each item: kind, area, area_name, indicator,
    indicator_name, unit (of measure), teryt, unit_name, year, value, reference_value,
    reference, diff, diff_pct, rank, n_units, trend (dict or None), basis (list of 'porównanie'
    and/or 'trend'), score.
    """
    catalog = catalog or default_catalog()
    weak, strong = [], []
    for r in ranking.to_dict("records"):
        ind = catalog.get(r["indicator"])
        t = trends.get((teryt, ind.id))
        z = r["z"]
        worse_gap = not pd.isna(z) and z >= STRENGTH_Z
        better_gap = not pd.isna(z) and z <= -STRENGTH_Z
        t_bad = t is not None and t.significant and t.worsening(ind.direction)
        t_good = t is not None and t.significant and t.improving(ind.direction)
        kind = basis = None
        if (worse_gap and (r["level"] > 0 or r["trend"] > 0)) or t_bad:
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


def ranking_rule() -> str:
    """Return the Polish description of the ranking, for the methodology section."""
    return ("Problemy uszeregowano według punktacji od 0 do 1, na którą składają się trzy "
            "jawne części: odstęp od wartości odniesienia (dla gminy - powiatu, dla powiatu - "
            "województwa) w jednostkach odchylenia standardowego wartości gmin, liczony tylko "
            "w niekorzystnym kierunku i ograniczony do dwóch odchyleń (waga 0,5); niekorzystny "
            "kierunek zmian - 1 dla istotnego trendu, 0,5 dla zmiany niepotwierdzonej trendem "
            "(waga 0,3); miejsce w najmniej korzystnej jednej trzeciej gmin powiatu (waga 0,2). "
            "Odstęp i miejsce liczono tylko dla wskaźników w przeliczeniu na mieszkańców i "
            "udziałów. Punktacja obszaru to średnia trzech najwyżej ocenionych wskaźników "
            "obszaru.")
