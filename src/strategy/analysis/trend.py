"""Trends of one unit's indicator over the years.

In: a series of values indexed by year (or the long frame of ``compute_values``).
Out: :class:`Trend` - changes between the first and the last year, the average annual rate
(CAGR), the least-squares slope with its 95 % confidence interval, and a verbal direction;
:func:`trends_frame` - the same for many units and indicators as a frame.

Rules:

* ``pct_change`` = (end - start) / |start| * 100, None when the start is 0;
* ``avg_annual_rate`` (CAGR, in %) = ((end / start) ** (1 / (end_year - start_year)) - 1) * 100,
  only when both values are positive and the years differ, otherwise None;
* ``slope`` is the OLS slope of value on year (units per year); the interval is
  ``slope ± t(0.975, n - 2) · se(slope)``; ``significant`` when the interval excludes 0.
  Fewer than :data:`MIN_POINTS_TEST` points: no test, ``significant`` is False and ``reason``
  is the code :data:`TOO_FEW_POINTS`;
* ``direction``: with a significant slope, ``wzrost`` or ``spadek`` by its sign; without one,
  ``bez zmian`` when the relative change between the end points is below
  :data:`SMALL_CHANGE_PCT` % (or there is no change at all), otherwise ``wzrost``/``spadek`` by
  the sign of the change between the end points (a change not confirmed as a steady trend).
* small counts are never significant: for an indicator of the kind ``count`` (people,
  families, events - not rates, shares or amounts) a trend is never called significant when
  the series is small, i.e. its mean over the years is below :data:`MIN_COUNT_MEAN` (30 a year), or the
  change between the end points is within the noise of counts, ``|end - start| <=``
  :data:`NOISE_Z` ``· sqrt(start + end)`` (two standard deviations of the difference of two
  Poisson counts: 13 -> 15 differs by 2 against a noise of 2 · sqrt(28) ≈ 10.6).
  ``significant`` is then False and ``reason`` is the code :data:`COUNT_NOISE`; the slope and
  its interval are still given. A series of 30 to 35 people with a perfect straight line has
  an OLS interval far from 0, yet a change of 5 in a count of 30 is what chance gives; the
  sentence then describes the change as it is (:mod:`strategy.text.diagnoza_obszary`). The
  rule in Polish, for the methodology, is :func:`strategy.text.metodologia.trend_rule`.
  Which indicators are counts is read from the catalogue (``catalog``, the default one when
  not given). The same rule holds for a rate or share whose numerator is a count (e.g.
  children in foster care per 1 000 children): :func:`trends_dict` tests the counts behind it
  (the sum of the catalogue's ``numerator`` parts in the same years, when all are counts and
  present), so 15 children in both years do not make a "significant" rise of the rate when
  the number of children falls. ``basis_start`` and ``basis_end`` are then those counts in the
  first and the last year (None otherwise).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, fields
from functools import lru_cache

import numpy as np
import pandas as pd

# scipy.special, not scipy.stats: the same t quantile (stats.t.ppf calls stdtrit) without
# importing scipy.stats (~0.5 s and ~50 MB in every kernel).
from scipy.special import stdtrit

from ..catalog import Catalog, default_catalog
from .derive import series_points

MIN_POINTS_TEST = 3
SMALL_CHANGE_PCT = 5.0
CONFIDENCE = 0.95
UP, DOWN, FLAT = "wzrost", "spadek", "bez zmian"
#: ``Trend.reason`` when the slope was not tested: fewer than MIN_POINTS_TEST points.
TOO_FEW_POINTS = "too_few_points"
#: ``Trend.reason`` when a count is too small for a test (see the module's docstring).
COUNT_NOISE = "count_noise"
#: A count whose mean over the years is below this is never significant.
MIN_COUNT_MEAN = 30
#: A count's change within NOISE_Z * sqrt(start + end) is noise.
NOISE_Z = 2.0


@dataclass
class Trend:
    indicator: str
    teryt: str
    start_year: int
    end_year: int
    start_value: float
    end_value: float
    abs_change: float
    pct_change: float | None
    avg_annual_rate: float | None
    slope: float | None
    slope_ci_low: float | None
    slope_ci_high: float | None
    significant: bool
    direction: str
    last_year_change: float | None
    last_year_pct: float | None
    n_points: int
    reason: str | None = None   # why the slope was not tested (a code), None if it was
    basis_start: float | None = None   # the count behind a rate in the first year
    basis_end: float | None = None     # ... and in the last year

    def as_dict(self) -> dict:
        # the fields are scalars: a plain copy equals dataclasses.asdict, without its deepcopy
        return {f: getattr(self, f) for f in _TREND_FIELDS}

    def worsening(self, direction: str) -> bool:
        """True when the change is unfavourable for an indicator with this catalogue direction."""
        if direction == "worse":
            return self.direction == UP
        if direction == "better":
            return self.direction == DOWN
        return False

    def improving(self, direction: str) -> bool:
        if direction == "worse":
            return self.direction == DOWN
        if direction == "better":
            return self.direction == UP
        return False


_TREND_FIELDS = tuple(f.name for f in fields(Trend))


def _pct(new: float, old: float) -> float | None:
    return None if old == 0 else (new - old) / abs(old) * 100


def compute_trend(series: pd.Series, indicator: str = "", teryt: str = "", *,
                  count: bool | None = None, catalog: Catalog | None = None) -> Trend | None:
    """Return the trend of ``series`` (index: year, values; NaN dropped), None if it is empty.

    ``count``: whether the values are counts (the small-count rule applies); None reads it
    from the catalogue's kind of ``indicator`` (an id the catalogue does not know: no)."""
    s = series.dropna().sort_index()
    if s.empty:
        return None
    if count is None:
        count = indicator in count_indicators(catalog)
    return _trend(np.asarray(s.index, dtype=float), np.asarray(s.values, dtype=float),
                  indicator, teryt, count=count)


def count_indicators(catalog: Catalog | None = None) -> frozenset[str]:
    """Return the ids of the catalogue's indicators of the kind ``count``."""
    catalog = catalog or default_catalog()
    return frozenset(i.id for i in catalog if i.kind == "count")


def small_count(vals) -> bool:
    """True when counts ``vals`` (in order of years) are too small for a test of their trend:
    their mean is below :data:`MIN_COUNT_MEAN` or the change between the first and the last
    is at most :data:`NOISE_Z` · sqrt(first + last)."""
    v = np.asarray(vals, dtype=float)
    if len(v) == 0:
        return True
    v0, v1 = float(v[0]), float(v[-1])
    return bool(v.mean() < MIN_COUNT_MEAN
                or abs(v1 - v0) <= NOISE_Z * math.sqrt(max(abs(v0) + abs(v1), 0.0)))


@lru_cache(maxsize=64)
def _t_quantile(p: float, df: int) -> float:
    """Return the ``p`` quantile of Student's t with ``df`` degrees of freedom (cached)."""
    return float(stdtrit(df, p))


def _trend(years: np.ndarray, vals: np.ndarray, indicator: str, teryt: str,
           count: bool = False, behind: np.ndarray | None = None) -> Trend:
    """Return the trend of values ``vals`` in ``years`` (floats, sorted, no NaN, not empty);
    ``count``: the values are counts (the small-count rule applies); ``behind``: the counts
    behind a rate in the same years (the small-count rule applies to them)."""
    n = len(vals)
    y0, y1 = int(years[0]), int(years[-1])
    v0, v1 = float(vals[0]), float(vals[-1])
    cagr = None
    if v0 > 0 and v1 > 0 and y1 > y0:
        cagr = ((v1 / v0) ** (1 / (y1 - y0)) - 1) * 100
    slope = lo = hi = None
    significant = False
    reason = None
    if n >= MIN_POINTS_TEST:
        xm = years.mean()
        sxx = float(((years - xm) ** 2).sum())
        slope = float(((years - xm) * (vals - vals.mean())).sum() / sxx)
        intercept = vals.mean() - slope * xm
        resid = vals - (intercept + slope * years)
        s2 = float((resid ** 2).sum()) / (n - 2)
        se = math.sqrt(s2 / sxx)
        t = _t_quantile(0.5 + CONFIDENCE / 2, n - 2)
        lo, hi = slope - t * se, slope + t * se
        significant = bool(lo > 0 or hi < 0)
        if (count and small_count(vals)) or (behind is not None and small_count(behind)):
            significant, reason = False, COUNT_NOISE
    else:
        reason = TOO_FEW_POINTS
    pct = _pct(v1, v0)
    if significant:
        direction = UP if slope > 0 else DOWN
    elif v1 == v0 or (pct is not None and abs(pct) < SMALL_CHANGE_PCT):
        direction = FLAT
    else:
        direction = UP if v1 > v0 else DOWN
    last_change = last_pct = None
    if n >= 2 and int(years[-2]) == y1 - 1:
        last_change = v1 - float(vals[-2])
        last_pct = _pct(v1, float(vals[-2]))
    return Trend(indicator=indicator, teryt=teryt, start_year=y0, end_year=y1, start_value=v0,
                 end_value=v1, abs_change=v1 - v0, pct_change=pct, avg_annual_rate=cagr,
                 slope=slope, slope_ci_low=lo, slope_ci_high=hi, significant=significant,
                 direction=direction, last_year_change=last_change, last_year_pct=last_pct,
                 n_points=n, reason=reason,
                 basis_start=None if behind is None else float(behind[0]),
                 basis_end=None if behind is None else float(behind[-1]))


def trends_frame(values: pd.DataFrame, teryts: list[str] | None = None,
                 indicators: list[str] | None = None, first_year: int | None = None,
                 last_year: int | None = None, catalog: Catalog | None = None,
                 ) -> tuple[pd.DataFrame, dict[tuple[str, str], Trend]]:
    """Return trends of the chosen units and indicators between ``first_year`` and
    ``last_year`` (inclusive, both optional): a frame (one row per Trend) and a dict keyed by
    ``(teryt, indicator)``. ``catalog`` says which indicators are counts (default: the
    default catalogue)."""
    out = trends_dict(values, teryts, indicators, first_year, last_year, catalog)
    return trends_table(out.values()), out


def trends_table(trends) -> pd.DataFrame:
    """Return the trends as a frame, one row per :class:`Trend` (its fields as columns)."""
    return pd.DataFrame([t.as_dict() for t in trends], columns=list(_TREND_FIELDS))


def trends_dict(values: pd.DataFrame, teryts: list[str] | None = None,
                indicators: list[str] | None = None, first_year: int | None = None,
                last_year: int | None = None,
                catalog: Catalog | None = None) -> dict[tuple[str, str], Trend]:
    """Return the dict of :func:`trends_frame` (keyed by ``(teryt, indicator)``, sorted by
    them) without building the frame."""
    catalog = catalog or default_catalog()
    counts = count_indicators(catalog)
    numerators = {i.id: tuple(i.numerator) for i in catalog
                  if i.kind != "count" and i.numerator and all(p in counts for p in i.numerator)}
    m = values["value"].notna() & values["teryt"].notna() & values["indicator"].notna()
    if teryts is not None:
        m &= values["teryt"].isin(teryts)
    if indicators is not None:
        m &= values["indicator"].isin(indicators)
    if first_year is not None:
        m &= values["year"] >= first_year
    if last_year is not None:
        m &= values["year"] <= last_year
    groups = series_points(values.loc[m])
    out: dict[tuple[str, str], Trend] = {}
    for teryt, ind in sorted(groups):          # the order of groupby(["teryt", "indicator"])
        pts = groups[(teryt, ind)]
        years = np.array([p[0] for p in pts], dtype=float)
        out[(str(teryt), str(ind))] = _trend(
            years, np.array([p[1] for p in pts], dtype=float), str(ind), str(teryt),
            count=str(ind) in counts,
            behind=_behind(groups, teryt, numerators.get(str(ind)), years))
    return out


def _behind(groups: dict, teryt, parts, years: np.ndarray) -> np.ndarray | None:
    """Return the counts behind a rate in ``years`` (the sum of its numerator ``parts``), None
    when it has none or a part lacks one of the years."""
    if not parts:
        return None
    total = np.zeros(len(years))
    for part in parts:
        by_year = {float(y): x for y, x in groups.get((teryt, part), [])}
        if any(float(y) not in by_year for y in years):
            return None
        total += np.array([float(by_year[float(y)]) for y in years])
    return total
