"""diagnose(): a gmina and a powiat from a small inline store."""
import pandas as pd
import pytest

from strategy import DEMO_MARK
from strategy.catalog import default_catalog
from strategy.diagnosis import Diagnosis, Figure, diagnose, powiat_values
from strategy.store import Store, conform
from strategy.units import default_registry

GMINAS = [u.teryt for u in default_registry().gminas_of("3007")]
YEARS = list(range(2017, 2024))          # 7 years


def _store(demo=True):
    rows = []
    for i, t in enumerate(GMINAS):
        for y in YEARS:
            pop = 1000 * (i + 1)
            rows.append((t, y, "ludnosc", pop))
            # beneficiaries: i-th gmina has (i + 1) % of population ... rising by 1 person/year
            rows.append((t, y, "beneficjenci", 10 * (i + 1) + (y - 2017)))
            rows.append((t, y, "niebieskie_karty", 2))
    # the 3rd gmina reports beneficiaries from 2020 only (4 years: no forecast)
    rows = [r for r in rows if not (r[0] == GMINAS[2] and r[2] == "niebieskie_karty"
                                    and r[1] < 2020)]
    df = pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value"])
    return Store(frame=conform(df.assign(unit="", source="", flag="")), demo=demo)


STORE = _store()


def test_gmina_diagnosis_numbers():
    d = diagnose(GMINAS[0], STORE, charts=False)
    assert isinstance(d, Diagnosis)
    assert d.year == 2023 and d.kind == "gmina" and d.powiat == "3007" and d.demo
    t = d.tables["pomoc_spoleczna"].set_index("Wskaźnik")
    row = t.loc["Liczba beneficjentów środowiskowej pomocy społecznej na 10 tys. mieszkańców"]
    # gmina 1 in 2023: 16 / 1000 * 10000 = 160
    assert row["2023"] == pytest.approx(160.0)
    # powiat: sum of beneficiaries 10*(1+..+11) + 11*6 = 726 over 66 000 residents
    assert row["Powiat (2023)"] == pytest.approx(726 / 66000 * 10000)
    # every other gmina has a lower rate? gmina i: (10(i+1)+6)/(1000(i+1)) falls with i,
    # so gmina 1 has the highest rate -> worst -> rank 11 of 11
    assert row["Miejsce wśród gmin"] == 11.0 and row["Liczba gmin"] == 11.0
    assert [c for c in t.columns][:1] == ["Jednostka"]
    assert {"2019", "2023"} <= set(t.columns)


def test_forecasts_trends_and_sentences():
    d = diagnose(GMINAS[0], STORE, charts=False, horizon=2027)
    f = d.forecasts["beneficjenci_na_10tys"]
    assert f.made and f.years[-1] == 2027
    assert d.trend_items["beneficjenci"].direction == "wzrost"
    # 10 -> 16 people: a count too small (mean 13 < 30) for its trend to be called significant
    assert not d.trend_items["beneficjenci"].significant
    assert d.trend_items["beneficjenci"].reason == "count_noise"
    assert any("2027" in s for s in d.sentences["pomoc_spoleczna"])
    assert any(DEMO_MARK in p for p in d.methodology)
    assert all(s["kind"] in ("mocna strona", "słaba strona") for s in d.swot)
    assert all(s["text"] for s in d.swot)


def test_forecast_refused_with_four_years():
    d = diagnose(GMINAS[2], STORE, charts=False)
    f = d.forecasts["niebieskie_karty_na_10tys"]
    assert not f.made and "co najmniej 5" in f.refused_reason


def test_ranking_parts_add_up():
    d = diagnose(GMINAS[0], STORE, charts=False)
    r = d.ranking
    assert len(r) and ((r.gap + r.trend + r.level) - r.score).abs().max() < 1e-12
    assert list(d.areas["score"]) == sorted(d.areas["score"], reverse=True)


def test_powiat_diagnosis_and_cache():
    v1 = powiat_values(STORE, "3007")
    assert powiat_values(STORE, "3007") is v1     # computed once per store
    d = diagnose("3007", STORE, charts=False)
    assert d.kind == "powiat" and d.name == "kaliski"
    t = d.tables["demografia"].set_index("Wskaźnik")
    assert t.loc[default_catalog().get("ludnosc").name, "2023"] == 66000


def test_explicit_year_and_precomputed_values():
    v, _ = powiat_values(STORE, "3007")
    d = diagnose(GMINAS[1], STORE, year=2020, charts=False, values=v)
    assert d.year == 2020 and d.values["year"].max() == 2020


def test_figures_are_png_with_captions():
    d = diagnose(GMINAS[0], STORE, charts=True, horizon=2026)
    assert d.figures
    for f in d.figures.values():
        assert isinstance(f, Figure) and f.png[:8] == b"\x89PNG\r\n\x1a\n"
        assert f.caption and DEMO_MARK in f.source
    assert "trend_beneficjenci_na_10tys" in d.figures
