"""Targets against the no-action forecast and against the resources the plan sets.

In: a plan (:class:`strategy.plan.Plan`), the long values frame of its unit (``teryt``,
``year``, ``indicator``, ``value``, as :func:`strategy.diagnosis.powiat_values` returns it) and
the catalogue. Out: :func:`target_flags` - a :class:`TargetFlag` per target that promises no
more than doing nothing, or that the staff and places of the plan do not carry. Facts only:
the Polish sentences are written by :mod:`strategy.text.kontrola` (the control) and by the
documents that mark their tables.

Two kinds (``TargetFlag.kind``):

* :data:`FORECAST` ("prognoza") - a catalogue target for a year after the last year with data,
  whose indicator is forecast (not a decided quantity, :mod:`.forecast_rules`, nor a ratio
  per a decided quantity such as families per assistant - its value follows the staff the plan
  decides, so it is judged against that staff, below) by the method
  the diagnosis uses (:func:`strategy.analysis.forecast.forecast`, horizon: the plan's last
  year or the target year if later), is flagged when it is no better than the point forecast
  in the indicator's favourable direction: for a "worse" indicator (less is better) when
  ``target >= forecast``, for a "better" one when ``target <= forecast``. A neutral indicator,
  a refused forecast (too few years) or a target year within the data: no flag.
  ``reference`` is the point forecast, ``low``/``high`` its 80 % interval.
* :data:`RESOURCES` ("zasoby"):

  - a ratio per staff or place (a catalogue indicator with one numerator and one denominator,
    the denominator a decided quantity - e.g. families per family assistant): the number
    served the target implies, ``target x staff in the target year / per``, against the number
    served at the baseline, ``baseline ratio x baseline staff / per``. The staff in the target
    year is the plan's own target of the denominator for that year; without one for that year,
    interpolated linearly between the last year with data and the plan's next later target of
    it, or its last earlier target; without any, the staff of the last year with data.
    Flagged when the implied number is below the baseline number (a lower load with too few
    new staff means fewer helped). ``reference`` is the ratio that keeps the baseline number
    with the planned staff (baseline number x per / staff in the target year);
  - places (a target whose unit is "miejsce", catalogue or typed) of the plan's institutions
    of the kind its name names (OIK/hostel, ŚDS, DPS, WTZ, ZAZ, placówka opiekuńczo-
    wychowawcza, mieszkanie chronione/treningowe, schronisko): flagged when the target raises
    the places above the baseline while the matched institutions are occupied below
    :data:`OCCUPANCY_MIN` (occupied / places). ``reference`` is the number of occupied places.

``justified`` is True when the target has a justification (``uzasadnienie``); a justified flag
is a note, not an inconsistency.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd

from ..catalog import Catalog, default_catalog
from .forecast import LEVEL, forecast
from .forecast_rules import is_decided

FORECAST, RESOURCES = "prognoza", "zasoby"
#: An institution occupied below this share of its places does not need more places.
OCCUPANCY_MIN = 0.8
#: Words of a target's name that name an institution kind (keys of
#: :data:`strategy.plan.scope.INSTITUTION_KINDS`), matched in lower case.
KIND_PATTERNS = {
    "oik": r"\boik\b|interwencji kryzysowej|hostel",
    "sds": r"\bśds\b|środowiskow\w* dom\w* samopomocy",
    "dps": r"\bdps\b|dom\w* pomocy społecznej",
    "wtz": r"\bwtz\b|warsztat\w* terapii",
    "zaz": r"\bzaz\b|zakład\w* aktywności zawodowej",
    "placowka": r"opiekuńczo-wychowawcz",
    "mieszkanie": r"mieszkani\w*|mieszkań\b",
    "schronisko": r"schronisk|noclegowni",
}
PLACE_UNITS = frozenset({"miejsce", "miejsca", "miejsc"})


@dataclass(frozen=True)
class TargetFlag:
    """A target that promises no more than the forecast, or that the resources do not carry.

    ``goal`` is the operational goal id (goal indicators) or the direction id (output
    indicators; ``detail["part"]`` says which: "cel" or "kierunek"); ``indicator`` the
    catalogue id (None for a typed indicator); ``reference`` the forecast value, or for
    "zasoby" the value the resources give (see the module docs); ``low``/``high`` the forecast's
    interval (None for "zasoby"); ``detail`` the numbers behind the flag.
    """

    kind: str
    goal: str
    name: str
    indicator: str | None
    year: int
    baseline: float | None
    target: float
    reference: float
    low: float | None
    high: float | None
    justified: bool
    detail: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def justification(self) -> str:
        return self.detail.get("justification", "")


def plan_targets(plan):
    """Yield (part, id, target) of every target: goal indicators ("cel") and direction outputs
    ("kierunek")."""
    for g in plan.goals:
        for og in g.operational:
            for t in og.targets:
                yield "cel", og.id, t
            for d in og.directions:
                for t in d.outputs:
                    yield "kierunek", d.id, t


def indicator_series(values: pd.DataFrame, teryt: str, indicator: str) -> pd.Series:
    """Return one unit's values of one indicator by year (int years, NaN and repeated years
    dropped, the last kept); an empty Series for no values."""
    if values is None or not len(values):
        return pd.Series(dtype="float64")
    v = values[(values["teryt"].astype(str) == teryt) & (values["indicator"] == indicator)]
    v = v.dropna(subset=["value"])
    s = pd.Series(v["value"].astype(float).values, index=v["year"].astype(int).values)
    return s[~s.index.duplicated(keep="last")].sort_index()


def _favourable(t, catalog: Catalog) -> str:
    if t.indicator and t.indicator in catalog:
        d = catalog.get(t.indicator).direction
        if d != "neutral":
            return d
    return t.direction or "neutral"


def _baseline(t, s: pd.Series) -> tuple[float | None, int | None]:
    if t.baseline_year is not None and t.baseline_year in s.index:
        return float(s[t.baseline_year]), t.baseline_year
    if t.baseline is not None:
        return float(t.baseline), t.baseline_year
    if len(s):
        return float(s.iloc[-1]), int(s.index[-1])
    return None, None


def _common(part, t) -> dict:
    return {"part": part, "justification": t.justification or "",
            "line": t.target_line or t.line}


# ---- against the forecast ----------------------------------------------------------------------
#: Why a target was not checked (``TargetGap.reason``): a typed indicator (no data to
#: forecast); too few years with data for a forecast; no data of the unit; a places target of
#: no institution of the plan with places and occupied places.
TYPED, TOO_FEW, NO_DATA, NO_INSTITUTION = ("spoza_katalogu", "za_malo_danych", "brak_danych",
                                           "brak_instytucji")


@dataclass(frozen=True)
class TargetGap:
    """A target the check could not judge: ``kind`` (:data:`FORECAST`/:data:`RESOURCES`),
    where (``goal``, ``part``), its name and why (``reason``: :data:`TYPED`, :data:`TOO_FEW`,
    :data:`NO_DATA`, :data:`NO_INSTITUTION`)."""

    kind: str
    goal: str
    part: str
    name: str
    reason: str


@dataclass
class Review:
    """Flags of one kind, how many targets were judged and the gaps."""

    flags: list
    checked: int
    gaps: list


def forecast_review(plan, values: pd.DataFrame, catalog: Catalog | None = None) -> Review:
    """Return the :data:`FORECAST` flags of ``plan``, the number of targets compared with a
    forecast and the targets that could not be (typed, too few years, no data)."""
    catalog = catalog or default_catalog()
    out, gaps, checked = [], [], 0
    for part, gid, t in plan_targets(plan):
        if t.target is None or t.target_year is None:
            continue
        if not t.indicator or t.indicator not in catalog:
            gaps.append(TargetGap(FORECAST, gid, part, t.name, TYPED))
            continue
        direction = _favourable(t, catalog)
        if is_decided(t.indicator) or direction not in ("better", "worse") \
                or _ratio_parts(catalog.get(t.indicator)) is not None:
            continue
        s = indicator_series(values, plan.unit, t.indicator)
        if not len(s):
            gaps.append(TargetGap(FORECAST, gid, part, t.name, NO_DATA))
            continue
        if t.target_year <= int(s.index[-1]):
            continue
        ind = catalog.get(t.indicator)
        horizon = max(int(plan.years[1]), int(t.target_year))
        f = forecast(s, t.indicator, plan.unit, kind=ind.kind, horizon=horizon)
        if not f.made:
            gaps.append(TargetGap(FORECAST, gid, part, t.name, TOO_FEW))
            continue
        checked += 1
        i = f.years.index(t.target_year)
        ref, low, high = f.values[i], f.lower[i], f.upper[i]
        target = float(t.target)
        weak = target >= ref if direction == "worse" else target <= ref
        if not weak:
            continue
        base, base_year = _baseline(t, s)
        out.append(TargetFlag(
            FORECAST, gid, t.name, t.indicator, int(t.target_year), base, target, ref, low, high,
            bool(t.justification),
            {**_common(part, t), "direction": direction, "baseline_year": base_year,
             "last_year": f.last_year, "n_points": f.n_points, "obs_years": f.obs_years,
             "method": f.method, "level": LEVEL, "horizon": horizon, "bounded": f.bounded,
             "unit": plan.unit}))
    return Review(out, checked, gaps)


def forecast_flags(plan, values: pd.DataFrame, catalog: Catalog | None = None
                   ) -> list[TargetFlag]:
    """Return a :data:`FORECAST` flag per catalogue target no better than the forecast."""
    return forecast_review(plan, values, catalog).flags


# ---- against the resources ---------------------------------------------------------------------
def _ratio_parts(ind) -> tuple[str, str, float] | None:
    """Return (served, staff, per) of a ratio per a decided quantity, else None."""
    if len(ind.numerator) != 1 or len(ind.denominator) != 1:
        return None
    staff = ind.denominator[0]
    if not is_decided(staff):
        return None
    return ind.numerator[0], staff, float(ind.per or 1.0)


def staff_in(plan, staff: str, year: int, base: float, base_year: int
             ) -> tuple[float, str, int | None, float | None]:
    """Return (staff in ``year``, how it was found, the plan target's year, its value): the
    plan's target
    of ``staff`` for that year ("plan"), interpolated between the data of ``base_year`` and the
    plan's next later target ("interpolacja"), the plan's last earlier target ("plan_wczesniej"),
    else the data ("dane")."""
    own = sorted({(t.target_year, float(t.target)) for _, _, t in plan_targets(plan)
                  if t.indicator == staff and t.target is not None and t.target_year is not None})
    same = [v for y, v in own if y == year]
    if same:
        return same[-1], "plan", year, same[-1]
    later = [(y, v) for y, v in own if y > year]
    if later and year > base_year:
        y1, v1 = later[0]
        return (base + (v1 - base) * (year - base_year) / (y1 - base_year), "interpolacja", y1,
                v1)
    earlier = [(y, v) for y, v in own if y < year]
    if earlier:
        return earlier[-1][1], "plan_wczesniej", earlier[-1][0], earlier[-1][1]
    return base, "dane", None, None


def _ratio_flag(plan, part, gid, t, values, catalog) -> tuple[TargetFlag | None, bool]:
    """Return (the flag or None, whether the target could be judged)."""
    parts = _ratio_parts(catalog.get(t.indicator))
    if parts is None:
        return None, False
    served, staff, per = parts
    s = indicator_series(values, plan.unit, t.indicator)
    st = indicator_series(values, plan.unit, staff)
    common = sorted(set(s.index) & set(st.index))
    if not common:
        return None, False
    if t.baseline_year is not None and t.baseline_year in common:
        base_year = t.baseline_year
    else:
        base_year = common[-1]
    if t.target_year <= base_year:
        return None, True
    base_ratio = float(s[base_year])
    base_staff = float(st[base_year])
    staff_t, how, staff_year, staff_plan = staff_in(plan, staff, int(t.target_year), base_staff,
                                                    base_year)
    if staff_t <= 0:
        return None, False
    served_base = base_ratio * base_staff / per
    served_implied = float(t.target) * staff_t / per
    if served_implied >= served_base - 1e-9:
        return None, True
    reference = served_base * per / staff_t
    return TargetFlag(
        RESOURCES, gid, t.name, t.indicator, int(t.target_year), base_ratio, float(t.target),
        reference, None, None, bool(t.justification),
        {**_common(part, t), "measure": "wskaznik_na_kadre", "served_indicator": served,
         "staff_indicator": staff, "per": per, "baseline_year": base_year,
         "staff_baseline": base_staff, "staff_target": staff_t, "staff_source": how,
         "staff_target_year": staff_year, "served_baseline": served_base,
         "staff_plan_target": staff_plan, "served_implied": served_implied,
         "unit": plan.unit}), True


def _stems(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"\w+", text.lower()) if len(w) >= 6}


def matched_institutions(plan, name: str) -> list:
    """Return the plan's institutions of the kinds ``name`` names (see :data:`KIND_PATTERNS`);
    within a kind with several institutions, those whose name or profile shares a
    distinguishing word with ``name`` (e.g. "treningow" of "mieszkania treningowe") when any
    does."""
    low = name.lower()
    kinds = [k for k, pat in KIND_PATTERNS.items() if re.search(pat, low)]
    words = _stems(name)
    out = []
    for k in kinds:
        mine = [i for i in plan.institutions if i.kind == k]
        if len(mine) > 1:
            stems = [_stems(f"{i.name} {i.profile}") for i in mine]
            shared = set.intersection(*stems)
            narrowed = [i for i, st in zip(mine, stems) if (st - shared) & words]
            mine = narrowed or mine
        out += mine
    return out


def _is_places(t, catalog) -> bool:
    if t.indicator and t.indicator in catalog:
        return catalog.get(t.indicator).unit.strip().lower() in PLACE_UNITS
    return t.unit.strip().lower() in PLACE_UNITS


def _places_flag(plan, part, gid, t, values, catalog) -> tuple[TargetFlag | None, bool]:
    """Return (the flag or None, whether an institution with occupancy was matched)."""
    if not plan.institutions or not _is_places(t, catalog):
        return None, False
    name = t.name if not t.indicator or t.indicator not in catalog else \
        f"{t.name} {catalog.get(t.indicator).name}"
    insts = [i for i in matched_institutions(plan, name)
             if i.places is not None and i.occupied is not None]
    if not insts:
        return None, False
    places = float(sum(i.places for i in insts))
    occupied = float(sum(i.occupied for i in insts))
    if places <= 0:
        return None, False
    occupancy = occupied / places
    s = indicator_series(values, plan.unit, t.indicator) if t.indicator else pd.Series(dtype="float64")
    base, base_year = _baseline(t, s)
    if base is None:
        base, base_year = places, (plan.institutions_as_of.year
                                   if plan.institutions_as_of else None)
    if float(t.target) <= base or occupancy >= OCCUPANCY_MIN:
        return None, True
    return TargetFlag(
        RESOURCES, gid, t.name, t.indicator, int(t.target_year), base, float(t.target),
        occupied, None, None, bool(t.justification),
        {**_common(part, t), "measure": "miejsca", "places": places, "occupied": occupied,
         "occupancy": occupancy, "threshold": OCCUPANCY_MIN, "baseline_year": base_year,
         "institutions": [i.name for i in insts], "kinds": sorted({i.kind for i in insts}),
         "as_of": plan.institutions_as_of, "unit": plan.unit}), True


def resource_review(plan, values: pd.DataFrame, catalog: Catalog | None = None) -> Review:
    """Return the :data:`RESOURCES` flags of ``plan``, the number of ratio and places targets
    judged and the places targets no institution of the plan could be matched with."""
    catalog = catalog or default_catalog()
    out, gaps, checked = [], [], 0
    for part, gid, t in plan_targets(plan):
        if t.target is None or t.target_year is None or (isinstance(t.target, float)
                                                         and math.isnan(t.target)):
            continue
        ratio = (t.indicator and t.indicator in catalog
                 and _ratio_parts(catalog.get(t.indicator)) is not None)
        if ratio:
            flag, judged = _ratio_flag(plan, part, gid, t, values, catalog)
            if not judged:
                gaps.append(TargetGap(RESOURCES, gid, part, t.name, NO_DATA))
        elif _is_places(t, catalog):
            flag, judged = _places_flag(plan, part, gid, t, values, catalog)
            if not judged:
                gaps.append(TargetGap(RESOURCES, gid, part, t.name, NO_INSTITUTION))
        else:
            continue
        checked += judged
        if flag is not None:
            out.append(flag)
    return Review(out, checked, gaps)


def resource_flags(plan, values: pd.DataFrame, catalog: Catalog | None = None
                   ) -> list[TargetFlag]:
    """Return a :data:`RESOURCES` flag per ratio target the planned staff does not carry and
    per places target of an institution occupied below :data:`OCCUPANCY_MIN`."""
    return resource_review(plan, values, catalog).flags


def flags_of(flags: list[TargetFlag], goal: str, target) -> list[TargetFlag]:
    """Return the flags of one target (``goal``: its operational goal or direction id, as in
    ``TargetFlag.goal``; ``target``: the :class:`strategy.plan.Target`), for marking its row."""
    return [f for f in flags if f.goal == goal and f.name == target.name
            and f.year == target.target_year and f.indicator == target.indicator
            and f.target == target.target]


def target_flags(plan, values: pd.DataFrame, catalog: Catalog | None = None
                 ) -> list[TargetFlag]:
    """Return the flags of ``plan``'s targets: against the forecast, then against the
    resources (module docs)."""
    catalog = catalog or default_catalog()
    return forecast_flags(plan, values, catalog) + resource_flags(plan, values, catalog)
