"""Unit costs from the data and the plans' amounts checked against them.

In: the long values frame (``teryt``, ``year``, ``indicator``, ``value``), a plan
(:class:`strategy.plan.Plan`) and the catalogue. Out: :func:`unit_cost` - a
:class:`UnitCost` (spending / count in the last year with both, for the unit or, without its
own data, its powiat); :func:`cost_checks` - a :class:`CostCheck` per count a plan fixes
(e.g. 4 family assistants in 2028) compared with the money the plan gives that year, and the
counts that could not be compared with the reason (a code of :data:`SKIP_REASONS`). Facts only;
the Polish sentences are in :mod:`strategy.text.kontrola`.

Unit costs (:data:`COSTS`): one family assistant a year (``koszt_asystentow`` /
``asystenci_rodziny``), one child in foster care a year (``wydatki_piecza_powiat`` / the
children in kinship, non-professional and professional foster families, family children's homes
and institutions). The cost of the last year with data is carried to a later year of a plan by
the damped linear trend of the cost per unit (:func:`strategy.analysis.forecast.forecast`, the
method of the diagnosis; wages grow), and used as it is when no forecast can be made.

The check: a count a plan fixes is a target of the count's indicator (or a typed target whose
name names it, e.g. "Liczba asystentów rodziny") - a direction's output, or a goal's indicator
given to the direction of the goal that names the subject ("asystent") earliest in its name
(one direction; with a tie the count is not compared). Expected money =
count x unit cost in the target year. With direction costs (``koszty``) the direction's costs
of that year are compared both ways: a finding when they differ from the expected money by
more than :data:`TOLERANCE` of it. A plan with money only by source (a gmina programme without
direction costs) is compared as an upper bound: its whole frame that year (without the gmina's
co-financing of foster care, a separate task) is a finding only when it is below the expected
money by more than the tolerance - it cannot pay for the count. An annual report's spending on
family assistants is compared both ways with the number of assistants it reports
(:func:`report_checks`).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd

from ..catalog import Catalog, default_catalog
from .forecast import forecast
from .forecast_rules import is_decided
from .targets import indicator_series, plan_targets

#: Planned money more than this share above or below count x unit cost is a finding.
TOLERANCE = 0.15
#: Why a count was not compared (``CostCheck`` not made): no unit cost in the data for it; the
#: direction has no money in the target year; no direction of the goal names the subject.
NO_UNIT_COST, NO_MONEY, NO_DIRECTION = "brak_kosztu", "brak_kwot", "brak_kierunku"
SKIP_REASONS = (NO_UNIT_COST, NO_MONEY, NO_DIRECTION)


@dataclass(frozen=True)
class CostBasis:
    """How a unit cost is computed: spending indicator / the sum of count indicators; the words
    of a target's or a direction's name that name the subject (regular expressions)."""

    key: str
    spending: str
    counts: tuple[str, ...]
    target_words: str      # a typed target counting the subject
    direction_words: str   # a direction doing it


COSTS = {
    "asystent": CostBasis("asystent", "koszt_asystentow", ("asystenci_rodziny",),
                          r"^liczba\s+(zatrudnionych\s+)?asystent", r"asystent"),
    "dziecko_piecza": CostBasis(
        "dziecko_piecza", "wydatki_piecza_powiat",
        ("dzieci_rz_spokrewnione", "dzieci_rz_niezawodowe", "dzieci_rz_zawodowe", "dzieci_rdd",
         "dzieci_placowki"),
        r"^liczba\s+dzieci\s+(umieszczonych\s+)?w\s+(rodzinnej\s+|instytucjonalnej\s+)?pieczy", r"piecz"),
}


@dataclass(frozen=True)
class UnitCost:
    """Spending / count of ``teryt`` in ``year`` (``amount`` zł a year per unit) and the series
    of the cost per unit (``series``: {year: amount}) it is carried forward with."""

    key: str
    teryt: str
    year: int
    amount: float
    spending: float
    count: float
    series: dict = field(default_factory=dict, hash=False, compare=False)

    def at(self, year: int) -> tuple[float, bool]:
        """Return (cost per unit in ``year``, whether it was carried forward by the trend)."""
        if year <= self.year:
            return self.amount, False
        s = pd.Series(self.series, dtype="float64")
        f = forecast(s, self.key, self.teryt, kind="amount", horizon=year)
        if not f.made:
            return self.amount, False
        return float(f.value_in(year)), True


def _unit_cost_of(values: pd.DataFrame, basis: CostBasis, teryt: str) -> UnitCost | None:
    spend = indicator_series(values, teryt, basis.spending)
    counts = [indicator_series(values, teryt, c) for c in basis.counts]
    years = set(spend.index)
    for c in counts:
        years &= set(c.index)
    per = {}
    for y in sorted(years):
        n = math.fsum(float(c[y]) for c in counts)
        if n > 0:
            per[y] = (float(spend[y]) / n, float(spend[y]), n)
    if not per:
        return None
    y = max(per)
    return UnitCost(basis.key, teryt, y, per[y][0], per[y][1], per[y][2],
                    {k: v[0] for k, v in per.items()})


def unit_cost(values: pd.DataFrame, key: str, teryt: str) -> UnitCost | None:
    """Return the unit cost ``key`` (:data:`COSTS`) of ``teryt`` in its last year with data, or
    of its powiat when the unit has none; None when neither has."""
    basis = COSTS[key]
    got = _unit_cost_of(values, basis, teryt)
    if got is None and len(teryt) == 7:
        got = _unit_cost_of(values, basis, teryt[:4])
    return got


@dataclass(frozen=True)
class CostCheck:
    """A count a plan fixes against the plan's money in the count's year.

    ``part`` is "kierunek" (the direction's costs, compared both ways), "ramy" (the plan's
    frame without the foster-care co-financing: an upper bound, a finding only when too
    little) or "sprawozdanie" (the annual report's spending, :func:`report_checks`); ``direction`` the direction id; ``target_part`` where the count stands ("kierunek
    1.1.1" or "cel 1.1"); ``expected`` = ``count`` x ``cost_in_year``; ``carried`` whether the
    unit cost was carried forward by its trend; ``finding`` whether the difference exceeds
    :data:`TOLERANCE`."""

    unit: str
    direction: str
    part: str
    target_part: str
    name: str
    indicator: str | None
    year: int
    count: float
    planned: float
    cost: UnitCost
    cost_in_year: float
    carried: bool
    expected: float
    finding: bool

    @property
    def difference(self) -> float:
        """Return planned / expected - 1 (e.g. -0.30: 30 % less than the count needs)."""
        return self.planned / self.expected - 1 if self.expected else math.inf


@dataclass(frozen=True)
class CostSkip:
    """A count a plan fixes that was not compared, with the reason (:data:`SKIP_REASONS`)."""

    unit: str
    target_part: str
    name: str
    indicator: str | None
    reason: str


def _subject(t, basis: CostBasis) -> bool:
    if t.indicator:
        return t.indicator in basis.counts and len(basis.counts) == 1
    return bool(re.search(basis.target_words, t.name.strip().lower()))


def _naming(directions, basis: CostBasis) -> list:
    """Return the direction that names the subject earliest in its name ("Zatrudnienie
    asystentów rodziny" before "Dyżury pracownika socjalnego i asystenta rodziny"), as a list:
    empty when none names it or two name it at the same place."""
    found = []
    for d in directions:
        m = re.search(basis.direction_words, d.name.lower())
        if m:
            found.append((m.start(), d))
    if not found:
        return []
    first = min(p for p, _ in found)
    best = [d for p, d in found if p == first]
    return best if len(best) == 1 else []


def _money(costs, year: int) -> float:
    return math.fsum(f.amounts.get(year, 0.0) for f in costs)


def _frame_money(plan, year: int) -> float:
    return math.fsum(f.amounts.get(year, 0.0) for f in plan.funding
                     if not (f.payer == "gmina" and "piecz" in f.source.lower()))


def cost_checks(plan, values: pd.DataFrame, catalog: Catalog | None = None
                ) -> tuple[list[CostCheck], list[CostSkip]]:
    """Return the counts ``plan`` fixes compared with its money, and those not compared."""
    catalog = catalog or default_catalog()
    checks: list[CostCheck] = []
    skips: list[CostSkip] = []
    with_costs = plan.has_costs()
    seen = set()
    costs: dict[str, UnitCost | None] = {}    # the unit cost of a key, read once per plan
    for g in plan.goals:
        for og in g.operational:
            for key, basis in COSTS.items():
                named = _naming(og.directions, basis)
                pairs = [(d, t, f"kierunek {d.id}") for d in og.directions for t in d.outputs
                         if _subject(t, basis)]
                goal_counts = [t for t in og.targets if _subject(t, basis)]
                for t in goal_counts:
                    if len(named) == 1:
                        pairs.append((named[0], t, f"cel {og.id}"))
                    else:
                        skips.append(CostSkip(plan.unit, f"cel {og.id}", t.name, t.indicator,
                                              NO_DIRECTION))
                for d, t, where in pairs:
                    if t.target is None or t.target_year is None or id(t) in seen:
                        continue
                    seen.add(id(t))
                    if key not in costs:
                        costs[key] = unit_cost(values, key, plan.unit)
                    uc = costs[key]
                    if uc is None:
                        skips.append(CostSkip(plan.unit, where, t.name, t.indicator,
                                              NO_UNIT_COST))
                        continue
                    year = int(t.target_year)
                    if with_costs:
                        planned, part = _money(d.costs, year), "kierunek"
                    else:
                        planned, part = _frame_money(plan, year), "ramy"
                    if planned <= 0.005:
                        skips.append(CostSkip(plan.unit, where, t.name, t.indicator, NO_MONEY))
                        continue
                    per, carried = uc.at(year)
                    expected = float(t.target) * per
                    off = planned - expected
                    finding = (abs(off) > TOLERANCE * expected if part == "kierunek"
                               else off < -TOLERANCE * expected)
                    checks.append(CostCheck(plan.unit, d.id, part, where, t.name, t.indicator,
                                            year, float(t.target), planned, uc, per, carried,
                                            expected, finding))
    # staff and places the plan fixes for which the data have no unit cost
    covered = {c for b in COSTS.values() for c in b.counts if len(b.counts) == 1}
    for part, gid, t in plan_targets(plan):
        if t.indicator and t.indicator in catalog and t.indicator not in covered \
                and is_decided(t.indicator) and t.target is not None \
                and catalog.get(t.indicator).kind == "count":
            skips.append(CostSkip(plan.unit, f"{part} {gid}", t.name, t.indicator,
                                  NO_UNIT_COST))
    return checks, skips


def _number(x) -> float | None:
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return None
    return float(x)


def report_checks(plan, values: pd.DataFrame) -> list[CostCheck]:
    """Return the annual report's spending on family assistants against the number it reports
    x the unit cost in the report's year (``part`` "sprawozdanie", compared both ways).

    The report (``plan.extra["sprawozdanie"]``) gives the year (``rok``), the number of
    assistants (``asystenci.liczba``, else the reported value of an ``asystenci_rodziny``
    target for that year) and its spending (``wydatki``: the items of the direction
    ``asystenci.kierunek``, else the items whose source names an assistant). Nothing is
    compared when any of these is missing."""
    report = plan.extra.get("sprawozdanie")
    if not isinstance(report, dict):
        return []
    year = _number(report.get("rok"))
    if year is None:
        return []
    year = int(year)
    staff = report.get("asystenci") if isinstance(report.get("asystenci"), dict) else {}
    count = _number(staff.get("liczba"))
    if count is None:
        count = next((float(t.actual[year]) for _, t in plan.targets()
                      if t.indicator == "asystenci_rodziny" and year in t.actual), None)
    direction = str(staff.get("kierunek", "")).strip()
    items = [w for w in report.get("wydatki") or [] if isinstance(w, dict)]
    if direction:
        spent = [w for w in items if str(w.get("kierunek", "")).strip() == direction]
    else:
        spent = [w for w in items if "asysten" in str(w.get("zrodlo", "")).lower()]
    amounts = [_number(w.get("kwota")) for w in spent]
    if not count or not amounts or any(a is None for a in amounts):
        return []
    uc = unit_cost(values, "asystent", plan.unit)
    if uc is None:
        return []
    planned = math.fsum(amounts)
    per, carried = uc.at(year)
    expected = count * per
    return [CostCheck(plan.unit, direction, "sprawozdanie", "sprawozdanie",
                      "Liczba asystentów rodziny", "asystenci_rodziny", year, count, planned, uc,
                      per, carried, expected, abs(planned - expected) > TOLERANCE * expected)]
