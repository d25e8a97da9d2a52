"""Proposed targets for a gmina without its own plan, from the gmina's own baseline and trend.

In: a plan used as a template (another gmina's family-support programme), the code of the
gmina, the values frame of its powiat (:func:`strategy.diagnosis.powiat_values`) and the
catalogue. Out: a copy of the plan whose figures are the gmina's own or left to the gmina: every
catalogue target becomes a proposal computed by :func:`propose`, with its rule in
``Target.proposal``; a typed target (its baseline and value belong to the template's gmina)
and the output indicators keep their names but lose their numbers; the amounts of the budget
are dropped (the sources stay as a list, ``extra['zrodla_propozycja']``) - the gmina sets them.

Rule of a proposal (:func:`propose`), in the favourable direction of the catalogue:

* the baseline is the gmina's value in the last year with data not after the year before the
  programme; without one the target is left to the gmina;
* a quantity that is decided, not observed (assistants employed, places:
  :func:`strategy.analysis.forecast_rules.is_decided`) is proposed at least at its baseline
  level - more is the gmina's decision;
* otherwise the change is what the gmina's own linear trend (least squares over the last
  :data:`TREND_YEARS` years with data, at least 3) gives up to the target year, in the
  favourable direction, but not less than :data:`MIN_CHANGE` and not more than
  :data:`MAX_CHANGE` of the baseline: an unfavourable or flat trend still gets a
  :data:`MIN_CHANGE` improvement, a steep favourable one is not extrapolated beyond
  :data:`MAX_CHANGE`;
* counts are whole numbers (rounded in the favourable direction), other kinds one decimal
  (rounded towards the baseline, so that the proposal never promises more than the rule gives);
  a share stays within 0-100 and nothing goes below 0; a baseline of 0 for an indicator that
  should fall is kept at 0.
"""
from __future__ import annotations

import copy
import math

import numpy as np
import pandas as pd

from ..analysis.forecast_rules import is_decided
from ..catalog import Catalog, default_catalog
from .model import Plan, Target

#: Least and largest proposed change, as a share of the baseline.
MIN_CHANGE, MAX_CHANGE = 0.05, 0.15
#: Years of the gmina's own series the trend is fitted on.
TREND_YEARS = 5
#: What the document prints for a value the gmina has to set itself.
TO_SET = "do ustalenia przez gminę"
_SIGN = {"better": 1.0, "worse": -1.0}


def _series(values: pd.DataFrame, teryt: str, indicator: str, year: int) -> pd.Series:
    v = values[(values["teryt"] == teryt) & (values["indicator"] == indicator)
               & (values["year"] <= year) & values["value"].notna()]
    return v.groupby("year")["value"].first().sort_index().tail(TREND_YEARS)


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def propose(series: pd.Series, target_year: int, kind: str, direction: str,
            decided: bool = False) -> tuple[float | None, int | None, str]:
    """Return (proposed target, baseline year, the rule in Polish) from the gmina's own
    ``series`` (index: year) for an indicator of ``kind`` whose favourable ``direction`` is
    ``better`` or ``worse`` (see the module's rules)."""
    if series.empty:
        return None, None, f"brak danych gminy – wartość docelowa {TO_SET}"
    year, base = int(series.index[-1]), float(series.iloc[-1])
    sign = _SIGN.get(direction)
    if sign is None:
        return base, year, "utrzymanie poziomu z roku bazowego (wskaźnik bez kierunku oceny)"
    if decided:
        return base, year, ("co najmniej utrzymanie poziomu z roku bazowego; zwiększenie "
                            "zależy od decyzji gminy")
    if base == 0 and sign < 0:
        return 0.0, year, "utrzymanie wartości 0 z roku bazowego"
    lo, hi = MIN_CHANGE * abs(base), MAX_CHANGE * abs(base)
    trend = 0.0
    if len(series) >= 3:
        slope = float(np.polyfit(np.asarray(series.index, dtype=float),
                                 np.asarray(series.values, dtype=float), 1)[0])
        trend = slope * sign * (target_year - year)
    change = min(max(trend, lo), hi)
    target = base + sign * change
    if kind in ("count", "balance"):   # whole numbers, at least one more (or fewer)
        target = math.ceil(target) if sign > 0 else math.floor(target)
        target = max(target, base + 1) if sign > 0 else min(target, base - 1)
    else:                              # one decimal, towards the baseline, never past it
        target = (math.floor(target * 10) / 10 if sign > 0 else math.ceil(target * 10) / 10)
        target = max(target, base) if sign > 0 else min(target, base)
    target = max(target, 0.0)
    if kind == "share":
        target = min(target, 100.0)
    if trend > lo:
        rule = (f"kontynuacja korzystnego trendu gminy z lat {int(series.index[0])}–{year}, "
                f"nie więcej niż {_pct(MAX_CHANGE)} wartości bazowej")
    else:
        rule = (f"poprawa o {_pct(MIN_CHANGE)} wartości bazowej (trend gminy z lat "
                f"{int(series.index[0])}–{year} nie był korzystny lub był słabszy)"
                if len(series) >= 3 else
                f"poprawa o {_pct(MIN_CHANGE)} wartości bazowej (za mało lat danych do oceny "
                "trendu)")
    if kind in ("count", "balance"):
        rule += "; liczba zaokrąglona do całości"
    return float(target), year, rule


def as_proposal(plan: Plan, teryt: str, values: pd.DataFrame,
                catalog: Catalog | None = None) -> Plan:
    """Return a copy of ``plan`` whose targets are proposals for gmina ``teryt`` from its own
    data, without the template's numbers and amounts (see the module's rules)."""
    catalog = catalog or default_catalog()
    p = copy.deepcopy(plan)
    base_year = plan.years[0] - 1
    for _, t in p.targets():
        _propose_target(t, teryt, values, catalog, base_year, is_decided)
    for _, _, d in p.directions():
        for o in d.outputs:
            o.target, o.baseline, o.baseline_year, o.actual = None, None, None, {}
            o.proposal = TO_SET
    p.extra["zrodla_propozycja"] = [f.source for f in plan.funding]
    p.funding = []
    p.extra["propozycja"] = True
    return p


def _propose_target(t: Target, teryt: str, values, catalog: Catalog, base_year: int,
                    is_decided) -> None:
    t.actual, t.justification = {}, ""
    if not t.indicator or t.indicator not in catalog:
        t.target, t.baseline, t.baseline_year = None, None, None
        t.proposal = f"wskaźnik gminy – wartość bazową i docelową {TO_SET}"
        return
    ind = catalog.get(t.indicator)
    target, _, rule = propose(_series(values, teryt, t.indicator, base_year),
                              t.target_year or base_year + 3, ind.kind, ind.direction,
                              decided=is_decided(t.indicator))
    t.target, t.baseline, t.baseline_year, t.proposal = target, None, None, rule
