"""Tables of the documents as DataFrames: goals, money with totals, targets with baselines from
the data, degree of achievement, the gminas side by side, a plan used as a template."""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
import yaml

from strategy.documents.builders import plan_for_gmina
from strategy.documents.builders import data
from strategy.plan import load_plan
from strategy.units import default_registry

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "data/raw/plany"
STRATEGY = PLANS / "DANE_DEMONSTRACYJNE_3007_strategia.yaml"
FAMILY = PLANS / "DANE_DEMONSTRACYJNE_3007083_program_wspierania_rodziny.yaml"
FOSTER = PLANS / "DANE_DEMONSTRACYJNE_3007_program_pieczy.yaml"


def values(rows):
    return pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value"])


def _direction_costs(raw) -> list[dict]:
    """Every ``koszty`` entry of the directions of a raw (PyYAML) plan."""
    return [k for g in raw["cele_strategiczne"] for og in g["cele_operacyjne"]
            for d in og["kierunki"] for k in d.get("koszty", [])]


def test_funding_totals_are_the_sums_of_the_directions_costs():
    raw = yaml.safe_load(STRATEGY.read_text(encoding="utf-8"))
    assert "finansowanie" not in raw           # the frame is the sum of the directions' costs
    costs = _direction_costs(raw)
    df = data.funding_frame(load_plan(STRATEGY)).set_index("Źródło finansowania")
    for src in {k["zrodlo"] for k in costs}:
        assert df.at[src, "Razem"] == pytest.approx(
            sum(sum(k["kwoty"].values()) for k in costs if k["zrodlo"] == src))
    # 1.1.2: 250 000, 1.2.1: 150 000, 1.2.2: 3 700 000, 2.2.1: 20 000 (4 120 000) and 1.3.1:
    # 120 000, 2.2.2: 80 000, 2.3.1: 180 000, 2.3.2: 30 000, 2.5.1: 50 000, 2.5.2: 15 000,
    # 3.2.2: 132 000, 3.3.1: 300 000, 3.4.1: 90 000, 3.4.2: 20 000, 4.1.1: 60 000,
    # 4.1.2: 350 000, 4.2.1: 10 000, 4.2.2: 150 000 (1 587 000) and 2.6.1: 24 000, 4.2.3: 15 000
    assert df.at["budżet powiatu", "2026"] == 5_746_000
    assert df.at["Razem", "2026"] == sum(k["kwoty"][2026] for k in costs)
    grand = sum(sum(k["kwoty"].values()) for k in costs)
    assert df.at["Razem", "Razem"] == pytest.approx(grand) == 199_282_000
    assert list(df.columns) == [str(y) for y in range(2026, 2036)] + ["Razem"]
    # sources in the order of their payers: powiat, gminas, state, PFRON, EU
    assert list(df.index[:-1]) == ["budżet powiatu", "budżety gmin",
                                   "budżet państwa (dotacje celowe)", "PFRON",
                                   "fundusze Unii Europejskiej"]


def test_goals_frame_has_one_row_per_direction():
    plan = load_plan(STRATEGY)
    df = data.goals_frame(plan)
    raw = yaml.safe_load(STRATEGY.read_text(encoding="utf-8"))
    assert len(df) == sum(len(og["kierunki"]) for g in raw["cele_strategiczne"]
                          for og in g["cele_operacyjne"])
    one = data.goals_frame(plan, "2")
    assert list(one["Kierunek działań"].str[:5]) == ["2.1.1", "2.2.1", "2.2.2", "2.3.1", "2.3.2",
                                                     "2.4.1", "2.4.2", "2.5.1", "2.5.2",
                                                     "2.6.1", "2.6.2"]
    assert "Cel strategiczny" not in one.columns
    assert one.iloc[1]["Realizatorzy"] == "PCPR w Kaliszu"


def test_baseline_comes_from_the_data_of_the_year_before_the_plan():
    plan = load_plan(FAMILY)                      # 2026-2028: baseline year 2025
    v = values([("3007083", 2023, "rodziny_na_asystenta", 9.0),
                ("3007083", 2024, "rodziny_na_asystenta", 11.0),
                ("3007083", 2024, "asystenci_rodziny", 2.0),
                ("3007012", 2024, "asystenci_rodziny", 7.0)])
    df = data.targets_frame(plan, v, _catalog()).set_index("Wskaźnik")
    name = _catalog().get("rodziny_na_asystenta").name
    assert df.at[name, "Wartość bazowa"] == 11.0 and df.at[name, "Rok bazowy"] == "2024"
    assert df.at[_catalog().get("asystenci_rodziny").name, "Wartość bazowa"] == 2.0
    typed = "Liczba dzieci, które wróciły do rodziny biologicznej"
    assert df.at[typed, "Wartość bazowa"] == 1.0 and df.at[typed, "Rok bazowy"] == "2024"
    # no figure and no value given: the target waits for its baseline, and says so
    assert (df.at[_catalog().get("dzieci_piecza_na_1000").name, "Wartość bazowa"]
            == "do ustalenia – brak wartości bazowej")


def test_achievement_frame_uses_reported_values_then_data():
    plan = load_plan(FAMILY)                      # 2026-2028, values reported for 2026
    v = values([("3007083", 2024, "asystenci_rodziny", 2.0),
                ("3007083", 2026, "dzieci_piecza_na_1000", 5.0)])
    df = data.achievement_frame(plan, v, 2026).set_index("Wskaźnik")
    a = df.loc[_catalog().get("asystenci_rodziny").name]
    assert a["Wartość w 2026 r."] == 3 and a["Źródło wartości"] == "sprawozdanie"
    assert a["Stopień realizacji (%)"] == pytest.approx((3 - 2) / (4 - 2) * 100)
    assert a["Ocena"] == "w trakcie realizacji"
    p = df.loc[_catalog().get("dzieci_piecza_na_1000").name]
    assert p["Wartość w 2026 r."] == 5.0 and p["Źródło wartości"] == "dane"


def test_achievement_frame_follows_the_favourable_direction():
    # families per assistant: higher is worse (catalogue); baseline 11 (2024), target 10,
    # 10 reported for 2026: (10 - 11) / (10 - 11) = 100 %; the typed count of children back
    # home (kierunek: wzrost) 1 -> 3, 2 reported: 50 %
    plan = load_plan(FAMILY)
    v = values([("3007083", 2024, "rodziny_na_asystenta", 11.0),
                ("3007083", 2024, "asystenci_rodziny", 2.0)])
    df = data.achievement_frame(plan, v, 2026).set_index("Wskaźnik")
    r = df.loc[_catalog().get("rodziny_na_asystenta").name]
    assert r["Wartość bazowa"] == 11.0 and r["Wartość w 2026 r."] == 10
    assert r["Stopień realizacji (%)"] == pytest.approx(100.0) and r["Ocena"] == "cel osiągnięty"
    back = df.loc["Liczba dzieci, które wróciły do rodziny biologicznej"]
    assert back["Stopień realizacji (%)"] == pytest.approx(50.0)


def test_synthesis_has_every_gmina_and_the_powiat_value_not_a_mean():
    reg = default_registry()
    v = values([("3007012", 2024, "ludnosc", 100.0), ("3007022", 2024, "ludnosc", 300.0),
                ("3007012", 2024, "udzial_65plus", 10.0), ("3007022", 2024, "udzial_65plus", 30.0),
                ("3007", 2024, "ludnosc", 400.0), ("3007", 2024, "udzial_65plus", 25.0)])
    df = data.synthesis_frame(v, "3007", 2024, reg)
    assert len(df) == 12 and df.iloc[-1]["Gmina"] == "Powiat kaliski"
    assert df.iloc[-1]["Udział 65+ (%)"] == 25.0          # the powiat's own value
    assert df.set_index("Gmina").at["Brzeziny", "Ludność"] == 300.0
    assert math.isnan(df.set_index("Gmina").at["Lisków", "Ludność"])


def test_foster_forms_totals_and_share_of_family_care():
    v = values([("3007", 2024, "dzieci_rz_spokrewnione", 40.0), ("3007", 2024, "dzieci_rz_niezawodowe", 20.0),
                ("3007", 2024, "dzieci_rz_zawodowe", 15.0), ("3007", 2024, "dzieci_rdd", 5.0),
                ("3007", 2024, "dzieci_placowki", 20.0)])
    df = data.foster_forms_frame(v, "3007", [2024]).set_index("Forma pieczy")["2024"]
    assert df["piecza rodzinna razem"] == 80 and df["piecza zastępcza razem"] == 100
    assert df["udział pieczy rodzinnej (%)"] == pytest.approx(80.0)


def test_limits_of_professional_foster_families():
    v = values([("3007", 2023, "rz_zawodowe", 5.0), ("3007", 2024, "rz_zawodowe", 6.0)])
    df = data.limits_frame(load_plan(FOSTER), v)
    assert list(df["Rok"]) == ["2026", "2027", "2028"]
    assert list(df["Limit rodzin zastępczych zawodowych"]) == [8, 9, 10]
    assert list(df["Zmiana wobec stanu z ostatniego roku z danymi"]) == [2, 3, 4]
    assert df.attrs["current"] == (6.0, 2024)


def test_spending_total():
    df = data.spending_frame([{"zrodlo": "a", "kwota": 52400.0}, {"zrodlo": "b", "kwota": 108315.5}])
    assert df.iloc[-1]["Kwota (zł)"] == pytest.approx(160715.5)


def test_plan_used_as_a_template_for_another_gmina():
    plan = load_plan(FAMILY)
    p = plan_for_gmina(plan, "3007012")
    assert p.unit == "3007012" and "Blizanów" in p.title and "Blizanów" in p.institution
    texts = [d.name for _, _, d in p.directions()] + [x for _, _, d in p.directions() for x in d.leads]
    assert not any("Opatów" in t for t in texts + [p.title, p.institution])
    # the template's centre ("GOPS w Opatówku") is this gmina's, by the name the document uses
    assert p.institution == "Ośrodek pomocy społecznej w gminie Blizanów"
    assert p.institution in texts and not any("GOPS" in t for t in texts)
    assert all(not t.actual for _, t in p.targets())
    assert "sprawozdanie" not in p.extra and p.extra["wzor"]["teryt"] == "3007083"
    # without the gmina's values no target of Opatówek is kept, nor its budget
    assert all(t.target is None for _, t in p.targets()) and p.funding == []
    assert plan.unit == "3007083" and plan.targets()[0][1].actual   # the original is untouched
    assert plan_for_gmina(plan, "3007083") is plan


def _catalog():
    from strategy.catalog import default_catalog
    return default_catalog()
