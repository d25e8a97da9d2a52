"""Derived rates and powiat aggregates: sums of counts, never means of rates."""
import numpy as np
import pandas as pd
import pytest

from strategy.analysis.derive import FLAG_INCOMPLETE, compute_values
from strategy.catalog import Catalog
from strategy.store import conform
from strategy.units import Registry

AREAS = pd.DataFrame({"id": ["a"], "name": ["Obszar"], "order": ["1"]})


def _cat(rows):
    cols = Catalog.COLUMNS
    base = {c: "" for c in cols}
    recs = []
    for r in rows:
        d = dict(base, gender="f", unit="osoba", kind="count", direction="worse", level="gmina",
                 area="a", name=r["id"])
        d.update(r)
        recs.append(d)
    return Catalog(pd.DataFrame(recs, columns=cols), AREAS)


CAT = _cat([
    {"id": "ludnosc", "direction": "neutral"},
    {"id": "benef"},
    {"id": "dzieci_piecza", "level": "powiat"},
    {"id": "benef_pct", "kind": "share", "unit": "%", "numerator": "benef",
     "denominator": "ludnosc", "per": "100"},
    {"id": "piecza_na_1000", "kind": "rate", "numerator": "dzieci_piecza",
     "denominator": "ludnosc", "per": "1000"},
])


def _reg(gminas):
    rows = [{"teryt": "3007", "name": "kaliski"}] + [
        {"teryt": g, "name": f"G{g}"} for g in gminas]
    df = pd.DataFrame(rows)
    for c in Registry.COLUMNS:
        if c not in df:
            df[c] = ""
    return Registry(df)


REG = _reg(["3007012", "3007022"])


def _frame(rows):
    df = pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value"])
    return conform(df.assign(unit="", source="", flag=""))


def _get(v, teryt, ind, year):
    r = v[(v.teryt == teryt) & (v.indicator == ind) & (v.year == year)]
    assert len(r) == 1, r
    return r.iloc[0]


def test_powiat_rate_is_sum_of_counts_over_sum_of_denominators():
    # A: 10/100 = 10 %, B: 90/300 = 30 %; mean of rates 20 %, the right powiat value 100/400
    f = _frame([("3007012", 2022, "benef", 10), ("3007012", 2022, "ludnosc", 100),
                ("3007022", 2022, "benef", 90), ("3007022", 2022, "ludnosc", 300)])
    v = compute_values(f, "3007", CAT, REG)
    assert _get(v, "3007012", "benef_pct", 2022).value == pytest.approx(10.0)
    assert _get(v, "3007022", "benef_pct", 2022).value == pytest.approx(30.0)
    p = _get(v, "3007", "benef_pct", 2022)
    assert p.value == pytest.approx(25.0)
    assert p.value != pytest.approx(20.0)
    assert (p.numerator, p.denominator) == (100, 400)
    assert p.level == "powiat" and p.n_units == 2
    assert _get(v, "3007", "benef", 2022).value == 100


def test_missing_gmina_gives_nan_powiat_with_flag():
    f = _frame([("3007012", 2022, "benef", 10), ("3007012", 2022, "ludnosc", 100),
                ("3007022", 2022, "ludnosc", 300)])
    v = compute_values(f, "3007", CAT, REG)
    p = _get(v, "3007", "benef", 2022)
    assert np.isnan(p.value) and p.flag == FLAG_INCOMPLETE
    assert p.n_units == 1 and p.n_expected == 2
    r = _get(v, "3007", "benef_pct", 2022)
    assert np.isnan(r.value) and r.flag == FLAG_INCOMPLETE
    assert _get(v, "3007", "ludnosc", 2022).value == 400


def test_zero_denominator_is_nan_not_inf():
    f = _frame([("3007012", 2022, "benef", 5), ("3007012", 2022, "ludnosc", 0),
                ("3007022", 2022, "benef", 1), ("3007022", 2022, "ludnosc", 0)])
    v = compute_values(f, "3007", CAT, REG)
    assert np.isnan(_get(v, "3007012", "benef_pct", 2022).value)
    assert np.isnan(_get(v, "3007", "benef_pct", 2022).value)
    assert not np.isinf(v["value"]).any()


def test_mixed_levels_use_powiat_numerator_and_summed_denominators():
    f = _frame([("3007", 2022, "dzieci_piecza", 12), ("3007012", 2022, "ludnosc", 1000),
                ("3007022", 2022, "ludnosc", 3000)])
    v = compute_values(f, "3007", CAT, REG)
    p = _get(v, "3007", "piecza_na_1000", 2022)
    assert p.value == pytest.approx(12 / 4000 * 1000)   # 3 per 1000
    assert _get(v, "3007", "dzieci_piecza", 2022).value == 12


def test_benchmarks_pass_through_and_derive_from_own_rows():
    f = _frame([("3007012", 2022, "benef", 10), ("3007012", 2022, "ludnosc", 100),
                ("3007022", 2022, "benef", 90), ("3007022", 2022, "ludnosc", 300),
                ("30", 2022, "benef", 500), ("30", 2022, "ludnosc", 10000)])
    v = compute_values(f, "3007", CAT, REG)
    w = _get(v, "30", "benef_pct", 2022)
    assert w.level == "wojewodztwo" and w.value == pytest.approx(5.0)
    assert _get(v, "30", "benef", 2022).value == 500


def test_changed_gmina_code_joins_the_current_series():
    rows = [{"teryt": "3007", "name": "kaliski"},
            {"teryt": "3007052", "name": "K", "valid_to": "2020", "successor": "3007053"},
            {"teryt": "3007053", "name": "K", "valid_from": "2021"}]
    reg = Registry(pd.DataFrame([{c: r.get(c, "") for c in Registry.COLUMNS} for r in rows]))
    f = _frame([("3007052", 2020, "ludnosc", 100), ("3007053", 2021, "ludnosc", 110)])
    v = compute_values(f, "3007", CAT, reg)
    s = v[(v.teryt == "3007053") & (v.indicator == "ludnosc")]
    assert s.year.tolist() == [2020, 2021] and s.value.tolist() == [100, 110]
    assert "3007052" not in set(v.teryt)
    assert _get(v, "3007", "ludnosc", 2020).value == 100
