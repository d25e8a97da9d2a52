"""Prognoza zmian: a damped linear trend with prediction intervals.

In: a series of one unit's indicator (index: year), the indicator's kind, a horizon year.
Out: :class:`Forecast` - yearly values up to the horizon with an 80 % prediction interval, or a
refusal with its reason as a code (``refusal``: :data:`TOO_FEW_POINTS`,
:data:`HORIZON_NOT_AFTER_DATA`, :data:`DECIDED`) and the numbers it rests on (``n_points``,
``last_year``, ``horizon``, ``basis``). The Polish of the forecast - the reasons, the sentences
and the method paragraphs - is in :mod:`strategy.text.prognoza`.

Method (:data:`METHOD`):

1. take the last :data:`WINDOW` years with data (at least :data:`MIN_POINTS`, otherwise no
   forecast) and fit the least-squares line value = a + b·year;
2. start from the fitted value in the last year with data (less sensitive to one unusual year
   than the last observation) and continue the slope damped by φ (default 0.8) each year:
   ``ŷ(T + h) = a + b·T + b·(φ + φ² + ... + φ^h)``, so the forecast levels off instead of
   extending a short trend indefinitely;
3. the 80 % interval is ``ŷ ± t(0.90, n - 2) · s · sqrt(h + 1/n + (x_h - x̄)² / Sxx)`` where
   ``s`` is the residual standard error, ``x_h = T + φ + ... + φ^h`` the damped equivalent of
   the year and ``h`` the number of years ahead: for h = 1 this is the ordinary regression
   prediction interval, and the ``h`` term lets the interval widen with every further year as
   yearly shocks accumulate;
4. bounds: counts, amounts, rates and ratios cannot fall below 0, shares stay within 0-100 %;
   balances (natural increase, migration) may be negative. ``bounded`` is True when a bound cut
   the forecast or its interval.

A derived rate (e.g. beneficiaries per 10 000 residents) is forecast as the rate itself, not
as a ratio of separately forecast counts. An 80 % interval is reported because it is the
customary range for planning and a 95 % interval from 5-8 yearly points is too wide to use.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from .trend import _t_quantile

#: Read as "metodą tłumionego trendu liniowego" (damped linear trend).
METHOD = "tłumionego trendu liniowego"
WINDOW = 8
MIN_POINTS = 5
DAMPING = 0.8
LEVEL = 0.80
#: Horizon when neither the caller nor a plan's period gives one: the end of the national
#: "Strategia rozwoju usług społecznych" perspective (2035), the period of a ten-year powiat
#: strategy started in 2026. A strategy's own forecasts reach the last year of its plan.
DEFAULT_HORIZON = 2035
UNBOUNDED_KINDS = frozenset({"balance"})
#: Why a forecast was not made (``Forecast.refusal``): fewer than MIN_POINTS years with data;
#: the horizon is not after the last year with data; a decided quantity (see
#: :mod:`.forecast_rules`), shown as a plan.
TOO_FEW_POINTS, HORIZON_NOT_AFTER_DATA, DECIDED = ("too_few_points", "horizon_not_after_data",
                                                   "decided")


@dataclass
class Forecast:
    indicator: str
    teryt: str
    method: str
    horizon: int
    last_year: int | None
    years: list[int] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    n_points: int = 0
    #: the Polish wording of ``refusal`` for readers that print it (tables); analysis leaves it
    #: None, :func:`strategy.diagnosis.diagnose` fills it from :mod:`strategy.text.prognoza`
    refused_reason: str | None = None
    bounded: bool = False
    level: float = LEVEL           # coverage of the interval
    damping: float = DAMPING
    obs_years: list[int] = field(default_factory=list)   # the years the forecast is based on
    decided: bool = False          # a decided quantity (places, staff): shown as a plan
    refusal: str | None = None     # why no forecast was made (a code above), None if made
    basis: str | None = None       # of a decided quantity: who decides (forecast_rules.csv)

    @property
    def made(self) -> bool:
        return self.refusal is None

    def as_series(self) -> pd.Series:
        return pd.Series(self.values, index=self.years, dtype="float64")

    def as_dict(self) -> dict:
        return asdict(self)

    def value_in(self, year: int) -> float | None:
        return self.values[self.years.index(year)] if year in self.years else None


def bounds_for(kind: str) -> tuple[float | None, float | None]:
    """Return (lower, upper) bounds of an indicator kind."""
    if kind in UNBOUNDED_KINDS:
        return None, None
    if kind == "share":
        return 0.0, 100.0
    return 0.0, None


def forecast(series: pd.Series, indicator: str = "", teryt: str = "", kind: str = "count",
             horizon: int = DEFAULT_HORIZON, window: int = WINDOW, damping: float = DAMPING,
             level: float = LEVEL) -> Forecast:
    """Return the damped-trend forecast of ``series`` up to ``horizon`` (see module docs)."""
    s = series.dropna().sort_index()
    s = s.iloc[-window:] if window else s
    n = len(s)
    last = int(s.index[-1]) if n else None
    base = dict(indicator=indicator, teryt=teryt, method=METHOD, horizon=horizon,
                last_year=last, n_points=n, level=level, damping=damping,
                obs_years=[int(y) for y in s.index])
    if n < MIN_POINTS:
        return Forecast(**base, refusal=TOO_FEW_POINTS)
    if horizon <= last:
        return Forecast(**base, refusal=HORIZON_NOT_AFTER_DATA)
    x = np.asarray(s.index, dtype=float)
    y = np.asarray(s.values, dtype=float)
    xm = x.mean()
    sxx = float(((x - xm) ** 2).sum())
    b = float(((x - xm) * (y - y.mean())).sum() / sxx)
    a = float(y.mean() - b * xm)
    resid = y - (a + b * x)
    sd = math.sqrt(float((resid ** 2).sum()) / (n - 2))
    t = _t_quantile(0.5 + level / 2, n - 2)
    hs = np.arange(1, horizon - last + 1)
    damp_sum = np.cumsum(damping ** hs)
    start = a + b * last
    vals = start + b * damp_sum
    xh = last + damp_sum
    half = t * sd * np.sqrt(hs + 1 / n + (xh - xm) ** 2 / sxx)
    lower, upper = vals - half, vals + half
    lo_b, hi_b = bounds_for(kind)
    bounded = False
    if lo_b is not None:
        bounded |= bool((lower < lo_b).any() or (vals < lo_b).any())
        vals, lower, upper = (np.maximum(v, lo_b) for v in (vals, lower, upper))
    if hi_b is not None:
        bounded |= bool((upper > hi_b).any() or (vals > hi_b).any())
        vals, lower, upper = (np.minimum(v, hi_b) for v in (vals, lower, upper))
    return Forecast(**base, years=[int(last + h) for h in hs], values=vals.tolist(),
                    lower=lower.tolist(), upper=upper.tolist(), bounded=bounded)


def decided(series: pd.Series, indicator: str, teryt: str, basis: str,
            horizon: int = DEFAULT_HORIZON) -> Forecast:
    """Return the refusal for a decided quantity (see :mod:`.forecast_rules`): no values,
    ``refusal`` :data:`DECIDED`, ``decided`` True and ``basis`` (who decides)."""
    s = series.dropna().sort_index()
    return Forecast(indicator=indicator, teryt=teryt, method=METHOD, horizon=horizon,
                    last_year=int(s.index[-1]) if len(s) else None, n_points=len(s),
                    obs_years=[int(y) for y in s.index], refusal=DECIDED, basis=basis,
                    decided=True)
