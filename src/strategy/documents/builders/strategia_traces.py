"""The strategy's goals traced to the powiat's diagnosis, both ways.

In: the plan of the strategy (goals with their indicators, ``obszary_odroczone``), the powiat's
:class:`strategy.diagnosis.Diagnosis` (``ranking``, ``areas``, ``comparisons``,
``trend_items``) and the catalogue. Out: plain facts for the goals chapter, the sentences are
in :mod:`strategy.text.strategia`:

* :func:`goal_findings` - per operational goal, the findings of the diagnosis it answers: the
  goal's own catalogue indicators (targets and output indicators of its directions) the
  diagnosis ranks, each with its value, its trend and how it compares (with the województwo or
  Poland, or - without them - how many gminas are clearly less favourable than the powiat);
  :func:`goal_places` - the areas of those indicators with their place in the ranking;
* :func:`area_answers` - per priority area of the diagnosis (score above 0, in the ranking's
  order) the operational goals that answer it, or the reason it is deferred, or neither (a
  build warning: :func:`unanswered`);
* :func:`target_forecasts` - the targets whose indicator the diagnosis forecasts, with the
  forecast for the target year (the forecast chapter's own figures);
* :func:`stands_out` - whether any area's score reaches :data:`STANDS_OUT`; below it the
  strategy says that no area stands out instead of naming a first priority.

An operational goal answers an area when one of its catalogue indicators (its targets or the
output indicators of its directions) belongs to the area.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ...analysis.compare import INTENSIVE
from ...analysis.ranking import MIN_GAP, STANDOUT_SCORE
from ...catalog import Catalog
from ...plan import Plan

#: An area stands out when its score reaches this (the diagnosis' own threshold,
#: :data:`strategy.analysis.ranking.STANDOUT_SCORE`): below it no area differs from the
#: reference by a quarter even in its worst indicators, and the strategy names no first
#: priority.
STANDS_OUT = STANDOUT_SCORE
#: At most this many findings are cited for one operational goal.
MAX_FINDINGS = 4


@dataclass
class Finding:
    """One finding of the diagnosis: an indicator of the powiat in the diagnosis year with its
    trend and comparison."""
    indicator: str
    name: str
    area: str
    year: int
    value: float
    #: "wojewodztwo" / "polska" with ``reference_value``; "gminy" with the gminas clearly less
    #: favourable than the powiat; None: no comparison
    reference: str | None = None
    reference_value: float = float("nan")
    #: the gminas at least MIN_GAP less favourable than the powiat, least favourable first:
    #: (name, value)
    worse_gminas: list[tuple[str, float]] = field(default_factory=list)
    n_gminas: int = 0
    #: "wzrost" / "spadek" / "bez zmian" / None, significant or not, from which year and value
    trend: str | None = None
    trend_significant: bool = False
    trend_start: int | None = None
    trend_start_value: float = float("nan")
    direction: str = "neutral"   # the indicator's favourable direction in the catalogue
    score: float = 0.0


@dataclass
class AreaAnswer:
    """A priority area of the diagnosis and what the strategy does about it."""
    area: str
    name: str
    score: float
    goals: list[tuple[str, str]]   # (operational goal id, name)
    deferred: str = ""             # the reason from obszary_odroczone


def goal_indicators(og) -> list[str]:
    """Return the catalogue indicators of an operational goal: its targets, then the output
    indicators of its directions, each once."""
    out: list[str] = []
    for t in [*og.targets, *(o for d in og.directions for o in d.outputs)]:
        if t.indicator and t.indicator not in out:
            out.append(t.indicator)
    return out


def goal_areas(plan: Plan, catalog: Catalog) -> dict[str, list[str]]:
    """Return the areas each operational goal answers, by goal id (areas in the catalogue's
    order)."""
    order = list(catalog.areas)
    out = {}
    for g in plan.goals:
        for og in g.operational:
            areas = {catalog.get(i).area for i in goal_indicators(og) if i in catalog}
            out[og.id] = sorted(areas, key=lambda a: order.index(a) if a in order else 99)
    return out


def _finding(row: dict, d, catalog: Catalog, registry) -> Finding:
    ind = catalog.get(row["indicator"])
    f = Finding(indicator=ind.id, name=ind.name, area=ind.area, year=int(row["year"]),
                value=float(row["value"]), direction=ind.direction,
                score=float(row["score"]) if not pd.isna(row["score"]) else 0.0)
    ref = row.get("reference")
    if ind.kind in INTENSIVE and ref in ("wojewodztwo", "polska") \
            and not pd.isna(row["reference_value"]):
        f.reference, f.reference_value = ref, float(row["reference_value"])
    elif ind.kind in INTENSIVE and ref == "gminy":
        f.reference = "gminy"
        c = d.comparisons
        c = c[(c["indicator"] == ind.id) & (c["year"] == f.year) & c["value"].notna()]
        f.n_gminas = len(c)
        sign = 1 if ind.direction == "worse" else -1
        worse = []
        for teryt, value, pv in zip(c["teryt"], c["value"], c["powiat_value"]):
            if pd.isna(pv) or pv == 0:
                continue
            if sign * (float(value) - float(pv)) / abs(float(pv)) >= MIN_GAP:
                worse.append((registry.display_name(teryt) if registry else teryt,
                              float(value)))
        f.worse_gminas = sorted(worse, key=lambda x: -sign * x[1])
    t = d.trend_items.get(ind.id) if d.trend_items else None
    if t is not None:
        f.trend, f.trend_significant = t.direction, bool(t.significant)
        f.trend_start, f.trend_start_value = int(t.start_year), float(t.start_value)
    return f


def goal_findings(plan: Plan, d, catalog: Catalog, registry=None) -> dict[str, list[Finding]]:
    """Return the findings each operational goal answers, by goal id: its own catalogue
    indicators the diagnosis ranks, rates and shares first, at most :data:`MAX_FINDINGS`."""
    if d is None or d.ranking is None or d.ranking.empty:
        return {og.id: [] for g in plan.goals for og in g.operational}
    rows = {r["indicator"]: r for r in d.ranking.to_dict("records")}
    out = {}
    for g in plan.goals:
        for og in g.operational:
            own = [i for i in goal_indicators(og) if i in rows and i in catalog]
            own.sort(key=lambda i: catalog.get(i).kind not in INTENSIVE)
            out[og.id] = [_finding(rows[i], d, catalog, registry) for i in own[:MAX_FINDINGS]]
    return out


def goal_places(plan: Plan, d, catalog: Catalog) -> dict[str, list[tuple[str, int | None]]]:
    """Return the areas of each operational goal, by goal id, as (area name, place in the
    ranking of areas - None for an area without a positive score), the best placed first."""
    places = {}
    if d is not None and d.areas is not None:
        places = {a: k for k, (a, s) in enumerate(zip(d.areas["area"], d.areas["score"]),
                                                  start=1) if s > 0}
    out = {}
    for og_id, areas in goal_areas(plan, catalog).items():
        items = [(catalog.areas.get(a, a), places.get(a)) for a in areas]
        out[og_id] = sorted(items, key=lambda x: x[1] if x[1] is not None else 999)
    return out


def priority_areas(d) -> pd.DataFrame:
    """Return the areas of the diagnosis with a score above 0, in the ranking's order."""
    if d is None or d.areas is None or d.areas.empty:
        return pd.DataFrame(columns=["area", "area_name", "score"])
    return d.areas[d.areas["score"] > 0].reset_index(drop=True)


def stands_out(d) -> bool:
    """Return whether any area of the diagnosis reaches :data:`STANDS_OUT`."""
    if d is None or d.areas is None or d.areas.empty:
        return False
    return bool(np.nanmax(d.areas["score"].to_numpy(dtype=float)) >= STANDS_OUT)


def area_answers(plan: Plan, d, catalog: Catalog) -> list[AreaAnswer]:
    """Return each priority area of the diagnosis with the operational goals that answer it or
    the reason the plan defers it (``obszary_odroczone``)."""
    areas = goal_areas(plan, catalog)
    names = {og.id: og.name for g in plan.goals for og in g.operational}
    deferred = {x.area: x.reason for x in plan.deferred_areas}
    out = []
    for area, name, score in zip(*(priority_areas(d)[c].tolist()
                                   for c in ("area", "area_name", "score"))):
        goals = [(og_id, names[og_id]) for og_id, a in areas.items() if area in a]
        out.append(AreaAnswer(area, name, float(score), goals,
                              "" if goals else deferred.get(area, "")))
    return out


def unanswered(answers: list[AreaAnswer]) -> list[AreaAnswer]:
    """Return the priority areas no goal answers and the plan does not defer."""
    return [a for a in answers if not a.goals and not a.deferred]


@dataclass
class TargetForecast:
    """A target next to the diagnosis' forecast without action for its year."""
    goal: str
    name: str
    indicator: str
    year: int
    target: float
    forecast: float
    low: float
    high: float
    direction: str


def target_forecasts(plan: Plan, d, catalog: Catalog) -> list[TargetForecast]:
    """Return the targets of the operational goals whose indicator the diagnosis forecasts
    (``d.forecasts``, a forecast made) for a year the forecast covers, in the plan's order."""
    forecasts = getattr(d, "forecasts", None) or {}
    out = []
    for og, t in plan.targets():
        f = forecasts.get(t.indicator) if t.indicator else None
        if f is None or not getattr(f, "made", False) or t.target is None \
                or t.target_year not in (f.years or []):
            continue
        i = f.years.index(t.target_year)
        out.append(TargetForecast(og.id, t.name, t.indicator, int(t.target_year),
                                  float(t.target), float(f.values[i]), float(f.lower[i]),
                                  float(f.upper[i]), catalog.get(t.indicator).direction))
    return out
