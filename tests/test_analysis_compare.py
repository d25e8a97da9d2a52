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
