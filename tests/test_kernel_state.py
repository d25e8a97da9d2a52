"""The warm kernel's memory bound: the package's caches can be emptied between notebooks."""
from strategy.batch import kernel_state
from strategy.text import numbers


def test_trim_caches_empties_chart_and_number_caches():
    import pandas as pd

    from strategy import charts

    s = pd.Series([10.0, 12.0, 11.5], index=[2022, 2023, 2024])
    kept = charts.trend_chart("Test", s, s * 1.1, None, "osoby", "test", "gmina Testowa",
                              "powiat", reuse=True)
    assert charts.trend_chart("Test", s, s, None, "osoby", "test", "gmina Testowa", "powiat",
                              reuse=True) is kept
    numbers.fmt_number(1234.5, 1)
    assert numbers._fmt_number_cached.cache_info().currsize > 0
    kernel_state.trim_caches()
    assert numbers._fmt_number_cached.cache_info().currsize == 0
    # the kept figure is let go: the next chart of the kind is drawn on a new one
    again = charts.trend_chart("Test", s, s, None, "osoby", "test", "gmina Testowa",
                               "powiat", reuse=True)
    assert again is not kept


def test_rss_is_read_from_proc():
    # a Python process with numpy and pandas loaded holds well over 20 MB and under 10 GB
    assert 20 < kernel_state.rss_mb() < 10_000


def test_the_table_caches_are_registered_too():
    from strategy.text import cells

    cells.auto_decimals([12.5])
    assert cells._decimals_needed_cached.cache_info().currsize > 0
    kernel_state.trim_caches()
    assert cells._decimals_needed_cached.cache_info().currsize == 0
