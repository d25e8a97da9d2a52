"""Forecast: refusal below 5 points, bounds, horizon, widening intervals, damping."""
import numpy as np
import pandas as pd
import pytest

from strategy.analysis.forecast import (HORIZON_NOT_AFTER_DATA, MIN_POINTS, TOO_FEW_POINTS,
                                        forecast)


def _s(vals, start=2015):
    return pd.Series(vals, index=range(start, start + len(vals)), dtype="float64")


def test_refuses_four_points_with_the_reason_as_a_code():
    f = forecast(_s([1, 2, 3, 4]), kind="count")
    assert not f.made and f.values == []
    assert f.refusal == TOO_FEW_POINTS and f.n_points == 4 and MIN_POINTS == 5
    assert f.refused_reason is None       # the words are strategy.text.prognoza's
    assert forecast(_s([1, 2, 3, 4, 5]), kind="count").refusal is None


def test_refuses_a_horizon_not_after_the_data():
    f = forecast(_s([5, 6, 7, 8, 9]), horizon=2019)       # last year 2019
    assert not f.made and f.refusal == HORIZON_NOT_AFTER_DATA
    assert f.horizon == 2019 and f.last_year == 2019 and f.values == []


def test_horizon_is_honoured():
    f = forecast(_s([5, 6, 7, 8, 9]), horizon=2022)       # last year 2019
    assert f.years == [2020, 2021, 2022] and f.horizon == 2022
    assert forecast(_s([5, 6, 7, 8, 9]), horizon=2030).years[-1] == 2030


def test_damped_values_by_hand():
    # exact line y = 5 + (year - 2015): a+b*T = 9 at 2019, slope 1, phi 0.8
    f = forecast(_s([5, 6, 7, 8, 9]), horizon=2021, damping=0.8)
    assert f.values == pytest.approx([9 + 0.8, 9 + 0.8 + 0.64])
    # a perfect fit has zero residuals: the interval collapses to the forecast
    assert f.lower == pytest.approx(f.values) and f.upper == pytest.approx(f.values)


def test_count_never_below_zero_on_steep_fall():
    f = forecast(_s([100, 80, 60, 40, 20, 5]), kind="count", horizon=2030)
    assert min(f.lower) >= 0 and min(f.values) >= 0 and f.bounded


def test_share_stays_within_0_100():
    up = forecast(_s([80, 86, 91, 95, 98, 99.5]), kind="share", horizon=2030)
    assert max(up.upper) <= 100 and max(up.values) <= 100 and up.bounded
    down = forecast(_s([20, 14, 9, 5, 2, 1]), kind="share", horizon=2030)
    assert min(down.lower) >= 0 and down.bounded


def test_balance_may_go_negative():
    f = forecast(_s([10, 5, 0, -5, -10, -15]), kind="balance", horizon=2025)
    assert f.values[-1] < -15 and not f.bounded


def test_interval_widens_with_horizon():
    f = forecast(_s([10, 13, 11, 15, 14, 17, 16, 19]), kind="count", horizon=2030)
    width = np.array(f.upper) - np.array(f.lower)
    assert (np.diff(width) > 0).all()
    assert all(lo <= v <= hi for lo, v, hi in zip(f.lower, f.values, f.upper))


def test_uses_last_eight_years_only():
    vals = [1000, 1000, 1000] + [10, 11, 12, 13, 14, 15, 16, 17]
    f = forecast(_s(vals, 2010), horizon=2021)
    assert f.n_points == 8 and f.values[0] == pytest.approx(17.8)
