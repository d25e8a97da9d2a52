"""Ranking: score parts add up, weights as documented, SWOT items carry their numbers."""
import pandas as pd
import pytest

from strategy.analysis.compare import compare
from strategy.analysis.ranking import (W_GAP, W_LEVEL, W_TREND, rank_areas, rank_problems,
                                       swot_suggestions)
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


def _rank():
    v = _values()
    c = compare(v, default_catalog())
    _, tr = trends_frame(v)
    return v, c, tr, rank_problems("3007062", 2023, v, c, tr, default_catalog())


def test_parts_add_up_and_worst_indicator_scores_full():
    v, c, tr, r = _rank()
    assert (r["gap"] + r["trend"] + r["level"]).tolist() == pytest.approx(r["score"].tolist())
    b = r.set_index("indicator").loc["beneficjenci_na_10tys"]
    # 2023 values 100, 110, 120, 130, 140, 175; powiat 130; z = 45 / sample sd
    vals = [100, 110, 120, 130, 140, 175]
    mean = sum(vals) / 6
    sd = (sum((x - mean) ** 2 for x in vals) / 5) ** 0.5
    z = 45 / sd
    assert 1 < z < 2
    assert b.gap == pytest.approx(W_GAP * z / 2) and b.trend == pytest.approx(W_TREND)
    assert b.level == pytest.approx(W_LEVEL)
    assert b.score == pytest.approx(W_GAP * z / 2 + W_TREND + W_LEVEL)
    u = r.set_index("indicator").loc["uslugi_opiekuncze_na_1000_65plus"]
    assert u.score == 0 and u["rank"] == 1


def test_gap_is_standardised_by_spread():
    v, c, tr, _ = _rank()
    r = rank_problems("3007042", 2023, v, c, tr, default_catalog()).set_index("indicator")
    vals = v[(v.year == 2023) & (v.indicator == "beneficjenci_na_10tys") & (v.level == "gmina")]
    z = (130.0 - 130.0) / vals["value"].std()
    assert r.loc["beneficjenci_na_10tys", "z"] == pytest.approx(z)
    assert r.loc["beneficjenci_na_10tys", "gap"] == 0


def test_areas_ordered_by_score():
    _, _, _, r = _rank()
    a = rank_areas(r, default_catalog())
    top = r.set_index("indicator").loc["beneficjenci_na_10tys", "score"]
    assert a.iloc[0]["area"] == "pomoc_spoleczna" and a.iloc[0]["score"] == pytest.approx(top)
    assert a.set_index("area").loc["seniorzy", "score"] == 0
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
