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

What the gmina's own data ask of the programme (:func:`findings`, :func:`as_proposal`), each
answered by an action (a direction of a goal the proposal adds, :data:`text.PROPOSED_GOAL`):

* a worsening problem of families (:data:`PROBLEMS`: helplessness in care and upbringing,
  alcohol, domestic violence, poverty, children in foster care): the value of the last year
  with data is worse than the mean of the years before it (up to :data:`TREND_YEARS` years in
  all) by more than :data:`WORSE_MARGIN` of that mean, and a count by at least
  :data:`WORSE_COUNT`; the indicator also gets a proposed target by the rule above;
* children in foster care per 1000 at least :data:`HIGH_RATIO` times the powiat's rate: the
  target is the largest change (:data:`MAX_CHANGE`) and its rule says how far above the powiat
  the gmina is, with work to limit placements;
* an institution the gmina does not have (:data:`INSTITUTIONS`, 0 in its last year with data):
  the template's resources that name it are left out (with the reason), and for day-support
  centres creating one or cooperating with a neighbour is proposed.

Against the no-action forecast (:func:`against_forecast`): a target whose indicator is forecast
(not a decided quantity nor a ratio per a decided one; the method and horizon of the check,
:func:`strategy.analysis.targets.forecast_review`, on the gmina's data up to the year before the
programme) must be better than the forecast for its year in the favourable direction. When the
value of the rules is not, the target is the nearest value better than the forecast at the
precision shown (counts one whole number, other kinds 0,1 beyond it; within the bounds of the
kind). When the forecast is refused (too few years) or its 80 % interval is wider than its
value (it allows almost anything), the value of the rules stands; the rule says why, and a
target no better than such a forecast carries a justification (``Target.justification``) saying
it was too uncertain to use. The rule of each target says what the forecast was.

Families per assistant (``rodziny_na_asystenta``) is a ratio of the staff: lowering it with the
same assistants means fewer families helped. Its proposal is therefore the statutory limit
(:data:`FAMILIES_PER_ASSISTANT`) with the assistants that limit needs when the gmina is above
it (the proposed number of assistants is raised to that), otherwise the baseline kept, with the
number of assistants a lower value would need said in the rule.
"""
from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..analysis.forecast import MIN_POINTS, forecast
from ..analysis.forecast_rules import is_decided
from ..analysis.targets import indicator_series
from ..catalog import Catalog, default_catalog
from ..text import program_rodziny as text
from ..text.prognoza import WIDE, unreadable
from .model import Direction, OperationalGoal, Plan, Target

#: Least and largest proposed change, as a share of the baseline.
MIN_CHANGE, MAX_CHANGE = 0.05, 0.15
#: Years of the gmina's own series the trend is fitted on.
TREND_YEARS = 5
#: What the document prints for a value the gmina has to set itself.
TO_SET = "do ustalenia przez gminę"
_SIGN = {"better": 1.0, "worse": -1.0}
#: A worsening: the last value worse than the mean of the earlier years by more than this share
#: of it - and, for a count, by at least :data:`WORSE_COUNT` (1 family more is no signal).
WORSE_MARGIN = 0.10
WORSE_COUNT = 2
#: A rate of the gmina at least this many times the powiat's is far above it.
HIGH_RATIO = 1.5
#: Statutory limit of families per family assistant (art. 15 ust. 4 u.w.r.p.z.).
FAMILIES_PER_ASSISTANT = 15
#: Problems of families a proposal answers when they worsen: indicator -> action (text.ACTIONS).
PROBLEMS = {"powod_bezradnosc_rodziny": "bezradnosc", "powod_alkoholizm_rodziny": "alkohol",
            "powod_przemoc_rodziny": "przemoc", "powod_ubostwo_rodziny": "ubostwo",
            "dzieci_piecza_z_gminy": "piecza"}
#: The rate compared with the powiat's, and the action for a rate far above it.
FOSTER_RATE, FOSTER_ACTION = "dzieci_piecza_na_1000", "piecza"
#: Institutions of family support: indicator -> (words naming it in a resource, action proposed
#: when the gmina has none, or None).
INSTITUTIONS = {"placowki_wsparcia_dziennego": (("świetlic", "wsparcia dziennego", "ognisk"),
                                                "wsparcie_dzienne"),
                "rodziny_wspierajace": (("rodziny wspierając", "rodzin wspierając"), None)}
WORSE, HIGH, MISSING = "pogorszenie", "powyżej powiatu", "brak instytucji"
#: Words an action that creates an institution starts with (it presupposes none).
CREATING = ("pozyskanie", "utworzenie", "tworzenie", "powołanie", "założenie")
#: Places of the institutions, for the resource line written from the data.
PLACES = {"placowki_wsparcia_dziennego": "miejsca_wsparcia_dziennego"}
#: A parenthesis with a figure of the template's gmina ("(50 miejsc)", "(trzech w 2026 r.)").
_OWN_FIGURES = re.compile(r"\s*\([^)]*(\d|dw[aóo]|trz|czter|pięć)[^)]*\)")


@dataclass
class Finding:
    """A fact of the gmina's own data a proposal answers with an action (``action``: the id of
    the direction proposed for it)."""

    indicator: str
    kind: str                       # WORSE, HIGH or MISSING
    year: int
    value: float
    before: float | None = None     # the value of the year before (WORSE), None if none
    mean: float | None = None       # the mean of the earlier years (WORSE)
    first_year: int | None = None   # the first of the earlier years (WORSE)
    powiat: float | None = None     # the powiat's value in ``year`` (HIGH)
    action: str = ""


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
        rule += text.WHOLE_NUMBER
    return float(target), year, rule


def _worsening(s: pd.Series, direction: str, count: bool = False
               ) -> tuple[float, float] | None:
    """Return (last value, mean of the earlier ones) when the last is worse than that mean by
    more than :data:`WORSE_MARGIN` of it (and for a ``count`` by at least :data:`WORSE_COUNT`),
    else None."""
    sign = _SIGN.get(direction)
    if sign is None or len(s) < 2:
        return None
    last, mean = float(s.iloc[-1]), float(s.iloc[:-1].mean())
    worse = sign * (mean - last)
    if worse > WORSE_MARGIN * abs(mean) and worse > 0 and (not count or worse >= WORSE_COUNT):
        return last, mean
    return None


def _last(values: pd.DataFrame, teryt: str, indicator: str, year: int
          ) -> tuple[float | None, int | None]:
    s = _series(values, teryt, indicator, year)
    return (None, None) if s.empty else (float(s.iloc[-1]), int(s.index[-1]))


def findings(values: pd.DataFrame, teryt: str, year: int,
             catalog: Catalog | None = None) -> list[Finding]:
    """Return what gmina ``teryt``'s data up to ``year`` ask of its programme (the module's
    rules): worsening problems of families, a foster-care rate far above the powiat's, the
    institutions it lacks."""
    catalog = catalog or default_catalog()
    out = []
    for ind in PROBLEMS:
        if ind not in catalog:
            continue
        s = _series(values, teryt, ind, year)
        w = _worsening(s, catalog.get(ind).direction, catalog.get(ind).kind == "count")
        if w:
            y = int(s.index[-1])
            before = float(s.loc[y - 1]) if (y - 1) in s.index else None
            out.append(Finding(ind, WORSE, y, w[0], before=before, mean=w[1],
                               first_year=int(s.index[0])))
    rate, ry = _last(values, teryt, FOSTER_RATE, year)
    if ry is not None:
        p = values[(values["teryt"] == teryt[:4]) & (values["indicator"] == FOSTER_RATE)
                   & (values["year"] == ry) & values["value"].notna()]["value"]
        if len(p) and float(p.iloc[0]) > 0 and rate >= HIGH_RATIO * float(p.iloc[0]):
            out.append(Finding(FOSTER_RATE, HIGH, ry, rate, powiat=float(p.iloc[0])))
    for ind in INSTITUTIONS:
        v, y = _last(values, teryt, ind, year)
        if y is not None and v == 0:
            out.append(Finding(ind, MISSING, y, 0.0))
    return out


def _action_key(f: Finding) -> str | None:
    if f.kind == WORSE:
        return PROBLEMS.get(f.indicator)
    return FOSTER_ACTION if f.kind == HIGH else INSTITUTIONS[f.indicator][1]


def _direction(p: Plan, key: str, id_: str) -> Direction:
    name, partners, output, unit = text.ACTIONS[key]
    y0, y1 = p.years
    out = Target(output, None, None, y1, unit=unit, proposal=TO_SET)
    return Direction(id_, name, [p.institution], list(partners), f"{y0}-{y1}",
                     ["budżet gminy"], outputs=[out])


def _propose_actions(p: Plan, found: list[Finding], catalog: Catalog,
                     dropped: dict[str, tuple]) -> None:
    """Add to ``p`` one action per distinct answer ``found`` asks for: an institution's in
    place of the template's action that ran it (``dropped``: indicator -> (operational goal,
    position, id) of that action), one for an indicator a goal of the template already targets
    in that goal, the others in an operational goal of their own with targets for the
    worsening problems; set each finding's ``action``."""
    keys: list[str] = []
    for f in found:
        key = _action_key(f)
        if key and key not in keys:
            keys.append(key)
    ids: dict[str, str] = {}
    for f in found:
        key = _action_key(f)
        if f.kind == MISSING and key and f.indicator in dropped and key not in ids:
            og, pos, id_ = dropped[f.indicator]
            og.directions.insert(pos, _direction(p, key, id_))
            ids[key] = id_
    for f in found:     # a goal whose target is the indicator gets the action answering it
        key = _action_key(f)
        og = next((og for og, t in p.targets() if t.indicator == f.indicator), None)
        if key and key not in ids and og is not None:
            n = max([int(d.id.rsplit(".", 1)[-1]) for d in og.directions
                     if d.id.rsplit(".", 1)[-1].isdigit()] or [0]) + 1
            ids[key] = f"{og.id}.{n}"
            og.directions.append(_direction(p, key, ids[key]))
    rest = [k for k in keys if k not in ids]
    if rest and p.goals:
        g = p.goals[-1]
        og = OperationalGoal(f"{g.id}.{len(g.operational) + 1}", text.PROPOSED_GOAL, [], [])
        for n, key in enumerate(rest, start=1):
            ids[key] = f"{og.id}.{n}"
            og.directions.append(_direction(p, key, ids[key]))
        for f in found:
            if (f.kind == WORSE and _action_key(f) in rest
                    and not any(t.indicator == f.indicator for _, t in p.targets())):
                ind = catalog.get(f.indicator)
                og.targets.append(Target(ind.name, f.indicator, None, p.years[1],
                                         source=ind.source))
        g.operational.append(og)
    for f in found:
        key = _action_key(f)
        f.action = ids.get(key, "") if key else ""


def _institution(name: str) -> str | None:
    low = name.lower()
    return next((ind for ind, (words, _) in INSTITUTIONS.items()
                 if any(w in low for w in words)), None)


def _has(values: pd.DataFrame, teryt: str, ind: str, year: int
         ) -> tuple[bool, float | None, int | None]:
    v, y = _last(values, teryt, ind, year)
    return (y is not None and v > 0), v, y


def _adapt_actions(p: Plan, values: pd.DataFrame, teryt: str, year: int) -> dict[str, tuple]:
    """Make the template's actions the gmina's: figures of the template's gmina in parentheses
    leave their names; an action that runs an institution the gmina lacks (or has no data on)
    is left out - the one that creates it stays - and one running day-support centres it has
    gets a name without the template's number. ``extra['dzialania_pominiete']``: (name,
    indicator, year or None, the id of the action proposed instead - set later). Return the
    places of the actions left out: indicator -> (operational goal, position, id)."""
    dropped, places = [], {}
    for g in p.goals:
        for og in g.operational:
            kept = []
            for d in og.directions:
                d.name = _OWN_FIGURES.sub("", d.name)
                ind = _institution(d.name)
                if ind is None or d.name.lower().startswith(CREATING):
                    kept.append(d)
                    continue
                ok, _, y = _has(values, teryt, ind, year)
                if ok:
                    if ind == "placowki_wsparcia_dziennego":
                        d.name = text.RUN_CENTRES
                    kept.append(d)
                else:
                    dropped.append([d.name, ind, y, None])
                    places.setdefault(ind, (og, len(kept), d.id))
            og.directions = kept
    p.extra["dzialania_pominiete"] = dropped
    return places


def _adapt_resources(p: Plan, found: list[Finding], values: pd.DataFrame, teryt: str,
                     year: int) -> None:
    """Write the template's resources naming an institution from the gmina's data, or leave
    them out when it has none (or no data): ``extra['zasoby_pominiete']`` (name, indicator,
    year or None, the id of the action proposed instead or None). Give the actions left out
    (:func:`_adapt_actions`) the id of the action proposed instead."""
    instead = {f.indicator: f.action for f in found if f.kind == MISSING and f.action}
    for row in p.extra.get("dzialania_pominiete", []):
        row[3] = instead.get(row[1])
    keep, left = [], []
    for r in p.extra.get("zasoby") or []:
        ind = _institution(str(r))
        if ind is None:
            keep.append(r)
            continue
        ok, v, y = _has(values, teryt, ind, year)
        if ok:
            places = _value(values, teryt, PLACES[ind], y) if ind in PLACES else None
            keep.append(text.institution_resource(ind, v, places, y))
        else:
            left.append((str(r), ind, y, instead.get(ind)))
    if isinstance(p.extra.get("zasoby"), list):
        p.extra["zasoby"] = keep
    p.extra["zasoby_pominiete"] = left


def propose_caseload(ratio: float, families: float | None, assistants: float | None,
                     year: int, limit: int = FAMILIES_PER_ASSISTANT
                     ) -> tuple[float | None, int | None, str]:
    """Return (proposed families per assistant, assistants it needs or None, rule) from the
    baseline ``ratio`` with ``families`` served by ``assistants`` in ``year`` (the module's
    rules): never a lower ratio without the assistants to reach it."""
    if not assistants:
        return None, None, text.caseload_no_assistant(year)
    if families is None:
        families = ratio * assistants
    if ratio > limit:
        needed = math.ceil(families / limit)
        return float(limit), needed, text.caseload_limit(year, assistants, families, limit,
                                                         needed)
    more = assistants + 1
    return float(ratio), None, text.caseload_keep(year, assistants, families,
                                                  math.floor(families / more * 10) / 10, more,
                                                  limit)


def as_proposal(plan: Plan, teryt: str, values: pd.DataFrame,
                catalog: Catalog | None = None) -> Plan:
    """Return a copy of ``plan`` whose targets are proposals for gmina ``teryt`` from its own
    data, without the template's numbers and amounts (see the module's rules)."""
    catalog = catalog or default_catalog()
    p = copy.deepcopy(plan)
    p.unit = teryt              # the targets are judged on the gmina's data, not the template's
    base_year = plan.years[0] - 1
    found = findings(values, teryt, base_year, catalog)
    dropped = _adapt_actions(p, values, teryt, base_year)
    _propose_actions(p, found, catalog, dropped)
    _adapt_resources(p, found, values, teryt, base_year)
    p.extra["odpowiedzi"] = found
    needed = None
    for _, t in p.targets():
        _propose_target(t, teryt, values, catalog, base_year, is_decided)
        if t.indicator == "rodziny_na_asystenta":
            needed = _caseload_target(t, teryt, values, base_year) or needed
        high = next((f for f in found if f.kind == HIGH and f.indicator == t.indicator), None)
        if high is not None:
            _high_rate_target(t, high, teryt, values)
    if needed:
        n, year, families = needed
        for _, t in p.targets():
            if t.indicator == "asystenci_rodziny" and (t.target is None or t.target < n):
                t.target = float(n)
                t.proposal = text.assistants_needed(year, families, FAMILIES_PER_ASSISTANT)
    for _, t in p.targets():
        against_forecast(t, teryt, values, catalog, base_year, p.years[1])
    for _, _, d in p.directions():
        for o in d.outputs:
            o.target, o.baseline, o.baseline_year, o.actual = None, None, None, {}
            o.proposal = TO_SET
    p.extra["zrodla_propozycja"] = [f.source for f in plan.funding]
    p.funding = []
    p.extra["propozycja"] = True
    return p


def _value(values: pd.DataFrame, teryt: str, indicator: str, year: int) -> float | None:
    v = values[(values["teryt"] == teryt) & (values["indicator"] == indicator)
               & (values["year"] == year) & values["value"].notna()]["value"]
    return float(v.iloc[0]) if len(v) else None


def _caseload_target(t: Target, teryt: str, values: pd.DataFrame, year: int
                     ) -> tuple[int, int, float] | None:
    """Set the proposal of a families-per-assistant target (:func:`propose_caseload`); return
    (assistants needed, the baseline year, families served) when the statutory limit needs more
    assistants than the gmina has, else None."""
    ratio, y = _last(values, teryt, "rodziny_na_asystenta", year)
    if y is None:
        return None
    a = _value(values, teryt, "asystenci_rodziny", y)
    f = _value(values, teryt, "rodziny_z_asystentem", y)
    target, needed, rule = propose_caseload(ratio, f, a, y)
    t.target, t.baseline, t.baseline_year, t.proposal = target, None, None, rule
    if needed and a is not None and needed > a:
        return needed, y, (f if f is not None else ratio * a)
    return None


def _high_rate_target(t: Target, f: Finding, teryt: str, values: pd.DataFrame) -> None:
    """Set the proposal of a rate far above the powiat's: the largest change of the rules."""
    target = math.ceil(f.value * (1 - MAX_CHANGE) * 10) / 10
    kids, _ = _last(values, teryt, "dzieci_piecza_z_gminy", f.year)
    fewer = max(1, math.floor((kids or 0) * (1 - target / f.value) + 0.5))
    t.target = float(target)
    t.proposal = text.high_rate_rule(f.year, f.value, f.powiat, f.value / f.powiat,
                                     round(MAX_CHANGE * 100), fewer, f.action)


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


def forecast_checked(indicator: str | None, catalog: Catalog) -> bool:
    """True when a target of ``indicator`` is compared with the no-action forecast: a catalogue
    indicator with a favourable direction, not a decided quantity nor a ratio per one."""
    if not indicator or indicator not in catalog or is_decided(indicator):
        return False
    ind = catalog.get(indicator)
    if ind.direction not in _SIGN:
        return False
    return not (len(ind.numerator) == 1 and len(ind.denominator) == 1
                and is_decided(ind.denominator[0]))


def beyond(reference: float, direction: str, kind: str) -> float:
    """Return the nearest value better than ``reference`` in the favourable ``direction`` at
    the precision a target of ``kind`` is shown with: a whole number for counts (balances), one
    decimal otherwise; within the bounds of the kind (not below 0 except a balance, a share not
    above 100), so at a bound the bound itself."""
    sign = _SIGN[direction]
    if kind in ("count", "balance"):
        v = math.floor(reference + 1e-9) + 1 if sign > 0 else math.ceil(reference - 1e-9) - 1
    else:
        tenth = (math.floor(reference * 10 + 1e-9) + 1 if sign > 0
                 else math.ceil(reference * 10 - 1e-9) - 1)
        v = round(tenth / 10, 1)
    if kind != "balance":
        v = max(v, 0.0)
    if kind == "share":
        v = min(v, 100.0)
    return float(v)


def against_forecast(t: Target, teryt: str, values: pd.DataFrame, catalog: Catalog,
                     base_year: int, last_year: int) -> None:
    """Make a proposed target better than gmina ``teryt``'s no-action forecast for its year
    (the module's rules), and say in its rule what the forecast was; the forecast from the data
    up to ``base_year``, horizon the programme's ``last_year`` or the target year if later."""
    if t.target is None or t.target_year is None or not forecast_checked(t.indicator, catalog):
        return
    ind = catalog.get(t.indicator)
    s = indicator_series(values, teryt, t.indicator).loc[:base_year]
    if s.empty or t.target_year <= int(s.index[-1]):
        return
    f = forecast(s, t.indicator, teryt, kind=ind.kind,
                 horizon=max(int(last_year), int(t.target_year)))
    if not f.made:
        t.proposal += text.forecast_refused(f.n_points, MIN_POINTS)
        return
    i = f.years.index(t.target_year)
    ref, low, high = f.values[i], f.lower[i], f.upper[i]
    sign = _SIGN[ind.direction]
    if sign * (float(t.target) - ref) > 1e-9:
        t.proposal += text.forecast_beaten(t.target_year, ref, low, high)
        return
    if unreadable(ref, low, high) == WIDE:
        t.proposal += text.forecast_too_uncertain(t.target_year, ref, low, high)
        t.justification = text.forecast_uncertain_justification(t.target_year, ref, low, high)
        return
    value = beyond(ref, ind.direction, ind.kind)
    rule, rule_value = t.proposal.removesuffix(text.WHOLE_NUMBER), t.target
    t.target = value
    if sign * (value - ref) > 1e-9:
        t.proposal = text.forecast_rule(t.target_year, ref, low, high, rule_value, rule,
                                        ind.kind in ("count", "balance"))
    else:                       # the forecast reaches the bound of the kind: nothing better
        t.proposal = text.forecast_at_bound(t.target_year, ref, value)
        t.justification = text.forecast_at_bound(t.target_year, ref, value)
