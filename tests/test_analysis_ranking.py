"""Ranking: a priority comes from the deviation from the powiat or a low place among the gminas,
the trend only modifies it, small counts never make one; SWOT items carry their numbers.

Expected scores are computed by hand from the rule in :mod:`strategy.analysis.ranking`:
gap = 0.5 * min(rel, 0.5) / 0.5 for rel >= 0.10, level = 0.3 in the worst third,
trend = (gap + level) * 0.25 * t (t = 1 significant unfavourable ... -1 significant favourable).
"""
import pandas as pd
import pytest

from strategy.analysis.compare import compare
from strategy.analysis.ranking import (SMALL_COUNT, TREND_MOD, W_GAP, W_LEVEL, rank_areas,
                                       rank_problems, swot_suggestions)
from strategy.analysis.trend import trends_frame
from strategy.catalog import default_catalog

GM = ["3007012", "3007022", "3007032", "3007042", "3007053", "3007062"]


def _values():
    rows = []
    # beneficjenci_na_10tys (worse): gmina 3007062 is worst and rising steadily
    for y in range(2018, 2024):
        for i, t in enumerate(GM):
            v = 100 + 10 * i + (5 * (y - 2018) if t == "3007062" else 0)
            rows.append((t, y, "beneficjenci_na_10tys", float(v), "gmina"))
            # uslugi (better): 3007062 is best
            rows.append((t, y, "uslugi_opiekuncze_na_1000_65plus", float(10 + 2 * i), "gmina"))
        rows.append(("3007", y, "beneficjenci_na_10tys", 130.0, "powiat"))
        rows.append(("3007", y, "uslugi_opiekuncze_na_1000_65plus", 15.0, "powiat"))
    return pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value", "level"])


def _rank(values=None, teryt="3007062", year=2023):
    v = _values() if values is None else values
    c = compare(v, default_catalog())
    _, tr = trends_frame(v)
    return v, c, tr, rank_problems(teryt, year, v, c, tr, default_catalog())


def test_parts_add_up_and_worst_indicator_scores_by_deviation_level_and_trend():
    v, c, tr, r = _rank()
    assert (r["gap"] + r["trend"] + r["level"]).tolist() == pytest.approx(r["score"].tolist())
    b = r.set_index("indicator").loc["beneficjenci_na_10tys"]
    # 2023: 175 against the powiat's 130 -> 45 / 130 = 34.6 % worse; 6th of 6 gminas;
    # 150, 155, ..., 175 over 2018-2023 is an exact line: a significant unfavourable trend
    rel = 45 / 130
    assert b.rel_gap == pytest.approx(rel)
    assert b.gap == pytest.approx(0.5 * rel / 0.5)
    assert b.level == pytest.approx(0.3)
    assert b.trend == pytest.approx((rel + 0.3) * 0.25)
    assert b.score == pytest.approx((rel + 0.3) * 1.25)
    assert (W_GAP, W_LEVEL, TREND_MOD) == (0.5, 0.3, 0.25)
    u = r.set_index("indicator").loc["uslugi_opiekuncze_na_1000_65plus"]
    assert u.score == 0 and u["rank"] == 1


def test_value_at_the_powiat_level_is_not_a_priority():
    v, c, tr, _ = _rank()
    r = rank_problems("3007042", 2023, v, c, tr, default_catalog()).set_index("indicator")
    # 130 = powiat: no deviation; 4th of 6 is not in the worst third (4 > 6 * 2/3 is false)
    assert r.loc["beneficjenci_na_10tys", "rel_gap"] == 0
    assert r.loc["beneficjenci_na_10tys", "score"] == 0


def _one(values_by_gmina, powiat_value, years=range(2018, 2024), ind="dzieci_piecza_na_1000",
         num="dzieci_piecza_z_gminy", nums=None):
    """Rows of one indicator: {teryt: [values per year]}, the powiat constant, numerators."""
    rows = []
    for k, y in enumerate(years):
        for t, vals in values_by_gmina.items():
            rows.append((t, y, ind, float(vals[k]), "gmina"))
            if nums is not None:   # a numerator per gmina: constant, or a list per year
                n = nums[t][k] if isinstance(nums[t], list) else nums[t]
                rows.append((t, y, num, float(n), "gmina"))
        rows.append(("3007", y, ind, float(powiat_value), "powiat"))
    return pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value", "level"])


def test_best_gmina_with_a_worsening_trend_is_not_a_priority():
    # gmina 3007012 has the lowest rate (best, direction worse) but it rises steadily
    vals = {"3007012": [2, 3, 4, 5, 6, 7], "3007022": [9] * 6, "3007032": [10] * 6,
            "3007042": [11] * 6}
    # the children behind its rate rise with it, 20 -> 70 (beyond the noise of counts: a
    # constant count behind a rising rate would not make the rise significant)
    nums = {t: 50 for t in vals} | {"3007012": [20, 30, 40, 50, 60, 70]}
    v = _one(vals, 9.0, nums=nums)
    _, _, tr, r = _rank(v, "3007012")
    row = r.set_index("indicator").loc["dzieci_piecza_na_1000"]
    assert row["rank"] == 1 and row["trend_direction"] == "wzrost" and row["trend_significant"]
    assert row.gap == 0 and row.level == 0 and row.trend == 0 and row.score == 0
    a = rank_areas(r, default_catalog()).set_index("area")
    assert a.loc["piecza_zastepcza", "score"] == 0
    assert a.loc["piecza_zastepcza", "top_indicators"] == []


def test_forty_percent_above_the_powiat_is_a_priority():
    vals = {"3007012": [14] * 6, "3007022": [10] * 6, "3007032": [10] * 6,
            "3007042": [9] * 6}
    v = _one(vals, 10.0, nums={t: 40 for t in vals})
    _, _, _, r = _rank(v, "3007012")
    row = r.set_index("indicator").loc["dzieci_piecza_na_1000"]
    # (14 - 10) / 10 = 40 % -> gap 0.5 * 0.4 / 0.5 = 0.4; 4th of 4 -> level 0.3; flat: t = 0
    assert row.rel_gap == pytest.approx(0.4) and row.gap == pytest.approx(0.4)
    assert row.level == pytest.approx(0.3) and row.trend == 0
    assert row.score == pytest.approx(0.7)
    a = rank_areas(r, default_catalog()).set_index("area")
    assert a.loc["piecza_zastepcza", "top_indicators"] == ["dzieci_piecza_na_1000"]
    # the count dzieci_piecza_z_gminy (score 0) does not dilute the area: only comparable
    # indicators count, and the rate is the only one present -> 0.7
    assert a.loc["piecza_zastepcza", "score"] == pytest.approx(0.7)


def test_small_deviation_below_ten_percent_counts_nothing():
    vals = {"3007012": [10.9] * 6, "3007022": [10] * 6, "3007032": [10] * 6,
            "3007042": [11] * 6}
    v = _one(vals, 10.0, nums={t: 40 for t in vals})
    _, _, _, r = _rank(v, "3007012")
    row = r.set_index("indicator").loc["dzieci_piecza_na_1000"]
    assert row.rel_gap == pytest.approx(0.09) and row.gap == 0


def test_a_count_of_three_is_not_a_priority():
    # 3 children behind a rate 60 % above the powiat, last of four gminas
    vals = {"3007012": [16] * 6, "3007022": [10] * 6, "3007032": [10] * 6,
            "3007042": [9] * 6}
    v = _one(vals, 10.0, nums={"3007012": 3, "3007022": 40, "3007032": 40, "3007042": 40})
    _, _, _, r = _rank(v, "3007012")
    row = r.set_index("indicator").loc["dzieci_piecza_na_1000"]
    assert SMALL_COUNT == 10 and row.numerator_value == 3 and row.small
    assert row.gap == 0 and row.level == 0 and row.score == 0


def test_counts_are_never_priorities():
    rows = [(t, y, "dzieci_piecza_z_gminy", float(3 + (y - 2018) * 2), "gmina")
            for y in range(2018, 2024) for t in GM]
    v = pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value", "level"])
    _, _, _, r = _rank(v, "3007012")
    row = r.set_index("indicator").loc["dzieci_piecza_z_gminy"]
    assert row.trend_direction == "wzrost" and row.score == 0


def test_powiat_without_benchmark_takes_the_mean_of_its_gminas_deviations():
    # gminas 15, 10, 10, 9 against the powiat 10: deviations 50 %, 0, 0, -10 %
    # -> gaps 0.5, 0, 0, 0 -> powiat gap 0.5 / 4 = 0.125; level not used for the powiat
    vals = {"3007012": [15] * 6, "3007022": [10] * 6, "3007032": [10] * 6,
            "3007042": [9] * 6}
    v = _one(vals, 10.0, nums={t: 40 for t in vals})
    v = pd.concat([v, pd.DataFrame([("3007", y, "dzieci_piecza_z_gminy", 160.0, "powiat")
                                    for y in range(2018, 2024)], columns=v.columns)])
    _, _, _, r = _rank(v, "3007")
    row = r.set_index("indicator").loc["dzieci_piecza_na_1000"]
    assert row.reference == "gminy"
    assert row.gap == pytest.approx(0.125) and row.level == 0 and row.score == pytest.approx(0.125)


def test_areas_ordered_by_score():
    _, _, _, r = _rank()
    a = rank_areas(r, default_catalog())
    top = r.set_index("indicator").loc["beneficjenci_na_10tys", "score"]
    assert a.iloc[0]["area"] == "pomoc_spoleczna" and a.iloc[0]["score"] == pytest.approx(top)
    assert a.set_index("area").loc["seniorzy", "score"] == 0
    assert a.set_index("area").loc["seniorzy", "top_indicators"] == []
    assert list(a["score"]) == sorted(a["score"], reverse=True)


def test_swot_items_cite_numbers():
    v, c, tr, r = _rank()
    items = swot_suggestions(r, c, tr, "3007062", "Lisków", default_catalog())
    kinds = {i["indicator"]: i for i in items}
    w = kinds["beneficjenci_na_10tys"]
    assert w["kind"] == "słaba strona" and w["value"] == 175.0 and w["powiat_value"] == 130.0
    assert w["year"] == 2023 and w["rank"] == 6 and w["n_units"] == 6
    s = kinds["uslugi_opiekuncze_na_1000_65plus"]
    assert s["kind"] == "mocna strona" and s["value"] == 20.0 and s["rank"] == 1
    assert {i["kind"] for i in items} <= {"mocna strona", "słaba strona"}


def test_small_counts_give_no_swot_item():
    # 3 -> 8 homeless people over six years (a steady rise): a count below 10, and a count
    # too small for its trend to be called significant (mean 5,5 < 30)
    rows = [(t, y, "osoby_bezdomne", float(3 + (y - 2018)), "gmina")
            for y in range(2018, 2024) for t in GM]
    v = pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value", "level"])
    v, c, tr, r = _rank(v, "3007012")
    assert not tr[("3007012", "osoby_bezdomne")].significant
    assert swot_suggestions(r, c, tr, "3007012", "Blizanów", default_catalog()) == []
    # a rise from 30 to 80 people (50 > 2 * sqrt(110) = 21,0: beyond the noise of counts) is a
    # weakness (by its trend)
    v2 = v.assign(value=v["value"] * 10)
    v2, c2, tr2, r2 = _rank(v2, "3007012")
    items = swot_suggestions(r2, c2, tr2, "3007012", "Blizanów", default_catalog())
    assert [(i["indicator"], i["kind"], i["basis"]) for i in items] == [
        ("osoby_bezdomne", "słaba strona", ["trend"])]
