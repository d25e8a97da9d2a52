"""Trends: OLS slope and its 95 % interval against scipy's definition, CAGR, direction rule."""
import math

import pandas as pd
import pytest
from scipy import stats

from strategy.analysis.trend import (DOWN, FLAT, TOO_FEW_POINTS, UP, compute_trend,
                                     trends_frame)


def test_slope_and_interval_match_linregress():
    years = [2016, 2017, 2018, 2019, 2020, 2021]
    vals = [10.0, 12.0, 11.0, 15.0, 16.0, 18.0]
    t = compute_trend(pd.Series(vals, index=years), "x", "3007012")
    ref = stats.linregress(years, vals)
    q = stats.t.ppf(0.975, len(years) - 2)
    assert t.slope == pytest.approx(ref.slope)
    assert t.slope_ci_low == pytest.approx(ref.slope - q * ref.stderr)
    assert t.slope_ci_high == pytest.approx(ref.slope + q * ref.stderr)
    assert t.significant and t.direction == UP
    assert t.abs_change == 8.0 and t.pct_change == pytest.approx(80.0)
    assert t.avg_annual_rate == pytest.approx((1.8 ** (1 / 5) - 1) * 100)
    assert t.last_year_change == 2.0 and t.last_year_pct == pytest.approx(2 / 16 * 100)
    assert t.n_points == 6 and t.reason is None


def test_hand_computed_slope():
    # x = 0,1,2 (years 2020-2022), y = 1, 3, 2: slope = sum(dx*dy)/sum(dx^2) = (-1*-1 + 1*0)/2
    t = compute_trend(pd.Series([1.0, 3.0, 2.0], index=[2020, 2021, 2022]))
    assert t.slope == pytest.approx(0.5)
    # residuals: fitted 1.5, 2, 2.5 -> -0.5, 1, -0.5; s2 = 1.5/1; se = sqrt(1.5/2)
    half = stats.t.ppf(0.975, 1) * math.sqrt(1.5 / 2)
    assert t.slope_ci_low == pytest.approx(0.5 - half)
    assert not t.significant


def test_two_points_not_tested_and_reason_given():
    t = compute_trend(pd.Series([100.0, 150.0], index=[2022, 2023]))
    assert t.slope is None and not t.significant
    assert t.reason == TOO_FEW_POINTS and t.n_points == 2
    assert t.direction == UP          # +50 % end to end, not a steady trend but not "bez zmian"


def test_bez_zmian_when_not_significant_and_small_change():
    t = compute_trend(pd.Series([100.0, 103.0, 98.0, 102.0], index=[2020, 2021, 2022, 2023]))
    assert not t.significant and t.direction == FLAT


def test_significant_fall_and_cagr_undefined_for_zero():
    t = compute_trend(pd.Series([9.0, 6.0, 3.0, 0.0], index=[2020, 2021, 2022, 2023]))
    assert t.significant and t.direction == DOWN
    assert t.avg_annual_rate is None
    assert t.slope == pytest.approx(-3.0)


def test_trends_frame_respects_year_window():
    v = pd.DataFrame({"teryt": "3007012", "indicator": "a", "year": [2019, 2020, 2021, 2022],
                      "value": [1.0, 2.0, 3.0, 10.0]})
    frame, d = trends_frame(v, last_year=2021)
    t = d[("3007012", "a")]
    assert t.end_year == 2021 and t.end_value == 3.0 and len(frame) == 1
