"""Comparisons: ranks follow direction (1 = most favourable), ties, quartiles, position."""
import pandas as pd
import pytest

from strategy.analysis.compare import ABOVE, BELOW, NEAR, compare, comparison_row
from strategy.catalog import default_catalog


def _values(ind, gmina_values, powiat_value, year=2023):
    rows = [{"teryt": t, "year": year, "indicator": ind, "value": v, "level": "gmina"}
            for t, v in gmina_values.items()]
    rows.append({"teryt": "3007", "year": year, "indicator": ind, "value": powiat_value,
                 "level": "powiat"})
    return pd.DataFrame(rows)


G = {"3007012": 10.0, "3007022": 30.0, "3007032": 20.0, "3007042": 20.0, "3007053": 40.0}


def _ranks(df):
    return dict(zip(df.teryt, df["rank"].astype(int)))


def test_rank_worse_direction_lowest_is_first_with_min_ties():
    # beneficjenci_na_10tys: higher is worse -> 10 is 1st, the two 20s share 2nd, 30 is 4th
    c = compare(_values("beneficjenci_na_10tys", G, 25.0), default_catalog())
    assert _ranks(c) == {"3007012": 1, "3007032": 2, "3007042": 2, "3007022": 4, "3007053": 5}


def test_rank_better_direction_highest_is_first():
    c = compare(_values("uslugi_opiekuncze_na_1000_65plus", G, 25.0), default_catalog())
    assert _ranks(c) == {"3007053": 1, "3007022": 2, "3007032": 3, "3007042": 3, "3007012": 5}


def test_neutral_has_no_rank():
    c = compare(_values("udzial_65plus", G, 25.0), default_catalog())
    assert c["rank"].isna().all()


def test_diff_quartiles_and_position():
    c = compare(_values("beneficjenci_na_10tys", G, 25.0), default_catalog())
    r = comparison_row(c, "3007022", "beneficjenci_na_10tys", 2023)
    assert r["diff"] == pytest.approx(5.0)              # 30 - 25
    assert r["diff_pct"] == pytest.approx(20.0)         # 5 / 25
    # sorted 10, 20, 20, 30, 40: median 20, q1 20, q3 30 (linear interpolation)
    assert (r["median"], r["q1"], r["q3"]) == (20.0, 20.0, 30.0)
    assert r["n_units"] == 5
    # band = 0.5 * (30 - 20) = 5: 30 > 25 -> above; 10 < 15 -> below; 20 -> near
    pos = dict(zip(c.teryt, c.position))
    assert pos["3007022"] == ABOVE and pos["3007012"] == BELOW and pos["3007032"] == NEAR
    assert pos["3007053"] == ABOVE


def test_counts_are_not_ranked_but_shown_as_share_of_powiat():
    c = compare(_values("bezrobotni", {"3007012": 30.0, "3007022": 70.0}, 100.0),
                default_catalog())
    assert c["rank"].isna().all() and c["diff"].isna().all()
    assert dict(zip(c.teryt, c.share_of_powiat)) == {"3007012": 30.0, "3007022": 70.0}


def test_groups_are_computed_per_indicator_and_year_and_rows_sorted():
    # two years and two indicators in one frame, rows given in no particular order
    a = _values("beneficjenci_na_10tys", {"3007022": 4.0, "3007012": 1.0, "3007032": 2.0,
                                          "3007042": 3.0}, 2.0, year=2023)
    b = _values("beneficjenci_na_10tys", {"3007012": 7.0, "3007022": 7.0}, 7.0, year=2022)
    c = _values("uslugi_opiekuncze_na_1000_65plus", {"3007012": 5.0, "3007022": 9.0,
                                                     "3007032": 1.0}, 4.0, year=2023)
    df = pd.concat([c, a, b], ignore_index=True).iloc[::-1]
    out = compare(df, default_catalog())
    assert list(zip(out.indicator, out.year, out.teryt)) == [
        ("beneficjenci_na_10tys", 2022, "3007012"), ("beneficjenci_na_10tys", 2022, "3007022"),
        ("beneficjenci_na_10tys", 2023, "3007012"), ("beneficjenci_na_10tys", 2023, "3007022"),
        ("beneficjenci_na_10tys", 2023, "3007032"), ("beneficjenci_na_10tys", 2023, "3007042"),
        ("uslugi_opiekuncze_na_1000_65plus", 2023, "3007012"),
        ("uslugi_opiekuncze_na_1000_65plus", 2023, "3007022"),
        ("uslugi_opiekuncze_na_1000_65plus", 2023, "3007032")]
    r = comparison_row(out, "3007012", "beneficjenci_na_10tys", 2023)
    # 1, 2, 3, 4: median (2 + 3) / 2, q1 at 0.75 between 1 and 2, q3 at 2.25 between 3 and 4
    assert (r["median"], r["q1"], r["q3"], r["n_units"], r["rank"]) == (2.5, 1.75, 3.25, 4, 1)
    r = comparison_row(out, "3007022", "beneficjenci_na_10tys", 2022)
    assert (r["median"], r["n_units"], r["rank"], r["powiat_value"]) == (7.0, 2, 1, 7.0)
    # better direction: 9 first, 5 second, 1 third
    assert _ranks(out[out.indicator == "uslugi_opiekuncze_na_1000_65plus"]) == {
        "3007022": 1, "3007012": 2, "3007032": 3}


def test_no_gmina_values_give_an_empty_comparison_with_the_columns():
    from strategy.analysis.compare import COMPARISON_COLUMNS
    df = _values("beneficjenci_na_10tys", {}, 25.0)
    out = compare(df, default_catalog())
    assert out.empty and list(out.columns) == COMPARISON_COLUMNS
