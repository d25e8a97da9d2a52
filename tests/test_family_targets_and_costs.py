"""A gmina's family-support proposal is judged on the gmina's own data and never promises less
than its no-action forecast (unless the forecast is too uncertain to use, which the rule and a
justification say); a justified target that improves on its baseline is not described as a
worsening; the programme shows the costs of each action by year when its plan gives them.
Expected values are computed by hand in the tests from the forecast method
(:mod:`strategy.analysis.forecast`: least-squares line over the years with data, the fitted
last value continued by the slope damped by 0,8 a year) and from the numbers of the demo plan."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
import yaml

from strategy.analysis.targets import FORECAST, target_flags
from strategy.catalog import default_catalog
from strategy.diagnosis import powiat_values
from strategy.documents.blocks import Recorder, Table, plain_text
from strategy.documents.builders import data
from strategy.documents.builders.rodzina import funding, plan_for_gmina
from strategy.ingest.loading import load_inputs
from strategy.plan import load_plan
from strategy.plan.model import Target
from strategy.plan.proposals import against_forecast, as_proposal, beyond, propose
from strategy.text import wspolne
from strategy.units import default_registry

ROOT = Path(__file__).resolve().parents[1]
FAMILY = ROOT / "data/raw/plany/DANE_DEMONSTRACYJNE_3007083_program_wspierania_rodziny.yaml"
DEMO = ROOT / "data/raw/demo"
GMINA = "3007093"
RATE = "dzieci_piecza_na_1000"
ALCOHOL = "powod_alkoholizm_rodziny"
# damping 0,8: the slope is continued over 2025-2028 by 0,8 + 0,64 + 0,512 + 0,4096
DAMPED_4 = 0.8 + 0.64 + 0.512 + 0.4096          # 2,3616


def frame(indicator, values, teryt=GMINA, first=2020):
    return pd.DataFrame([(teryt, first + i, indicator, float(v)) for i, v in enumerate(values)],
                        columns=["teryt", "year", "indicator", "value"])


def target_of(plan, indicator):
    [t] = [t for _, t in plan.targets() if t.indicator == indicator]
    return t


# ---- the proposal is the gmina's ---------------------------------------------------------------
def test_a_proposal_carries_the_gminas_own_unit():
    plan = load_plan(FAMILY)
    p = as_proposal(plan, GMINA, frame(RATE, []).iloc[:0], default_catalog())
    assert p.unit == GMINA and plan.unit == "3007083"
    q = plan_for_gmina(plan, GMINA, values=frame(RATE, [12, 11, 10, 9, 8]))
    assert q.unit == GMINA and "Stawiszyn" in q.title and "Opatówek" not in q.title


# ---- against the no-action forecast ------------------------------------------------------------
def test_the_nearest_value_better_than_the_forecast():
    assert beyond(7.2768, "worse", "count") == 7       # fewer is better: below 7,28
    assert beyond(7.0, "worse", "count") == 6          # equal is no better
    assert beyond(7.2768, "worse", "rate") == pytest.approx(7.2)
    assert beyond(7.2, "worse", "rate") == pytest.approx(7.1)
    assert beyond(3.01, "better", "count") == 4
    assert beyond(99.95, "better", "share") == 100.0   # a share stays within 100
    assert beyond(0.0, "worse", "count") == 0.0        # nothing below 0


def test_a_rule_weaker_than_a_clear_forecast_gives_way_to_it():
    # alcohol (fewer is better) 20, 18, 16, 14, 12 in 2020-2024: a perfect line, slope -2, so
    # the interval has no width; forecast for 2028: 12 - 2 x 2,3616 = 7,2768. The rule: 4
    # years x 2 = 8 is more than 15 % of 12 (1,8) -> 10,2, a count rounded down: 10 - no
    # better than 7,28; the target is the nearest whole number below it: 7
    v = frame(ALCOHOL, [20, 18, 16, 14, 12])
    rule_value, _, rule = propose(v.set_index("year")["value"], 2028, "count", "worse")
    assert rule_value == 10
    t = Target("alkohol", ALCOHOL, rule_value, 2028, proposal=rule)
    against_forecast(t, GMINA, v, default_catalog(), 2025, 2028)
    assert t.target == 7 and not t.justification
    assert "prognozy bez działań na 2028 r. (7,3; przedział 80%: 7,3–7,3)" in t.proposal
    assert "dawała 10" in t.proposal and "najbliższa liczba całkowita" in t.proposal


def test_a_proposal_is_never_weaker_than_the_gminas_forecast():
    # children in foster care per 1000 (less is better) 12, 11, 10, 9, 8: slope -1, forecast
    # for 2028 8 - 2,3616 = 5,6384; the rule gives 8 - 15 % = 6,8; the target: 5,6 (one
    # decimal, below 5,64) - and the check on the gmina's data finds nothing
    v = frame(RATE, [12, 11, 10, 9, 8])
    p = as_proposal(load_plan(FAMILY), GMINA, v, default_catalog())
    t = target_of(p, RATE)
    assert t.target == pytest.approx(5.6) and t.target_year == 2028
    assert "dawała 6,8" in t.proposal
    assert not [f for f in target_flags(p, v, default_catalog()) if f.kind == FORECAST]


def test_a_forecast_too_uncertain_leaves_the_rule_and_says_why():
    # 12, 3, 11, 2, 6: line 6,8 - 1,3 (year - 2022), fitted 2024: 4,2; forecast for 2028:
    # 4,2 - 1,3 x 2,3616 = 1,13; residuals 2,6 -5,1 4,2 -3,5 1,8: an interval far wider than
    # 1,13. The rule: 4 x 1,3 = 5,2 > 15 % of 6 (0,9): 6 - 0,9 = 5,1 stands
    v = frame(RATE, [12, 3, 11, 2, 6])
    p = as_proposal(load_plan(FAMILY), GMINA, v, default_catalog())
    t = target_of(p, RATE)
    assert t.target == pytest.approx(5.1)
    assert "prognozy bez działań na 2028 r. (1,1;" in t.proposal
    assert "nie wykorzystano" in t.proposal and "zbyt niepewna" in t.justification
    [flag] = [f for f in target_flags(p, v, default_catalog()) if f.kind == FORECAST]
    assert flag.indicator == RATE and flag.justified
    # the note under the table: 5,1 improves on 6, so no "worsening" is claimed
    [line] = data.justification_sentences(p, v, default_catalog())
    assert "nie oznacza pogorszenia" in line and "dopuszcza pogorszenie" not in line


def test_a_forecast_at_zero_is_kept_and_justified():
    # alcohol 0 in each of 2020-2024: the forecast is 0 with no interval; nothing is below 0,
    # so the target 0 stays - a target no better than the forecast, with its reason
    v = frame(ALCOHOL, [0, 0, 0, 0, 0])
    rule_value, _, rule = propose(v.set_index("year")["value"], 2028, "count", "worse")
    t = Target("alkohol", ALCOHOL, rule_value, 2028, proposal=rule)
    against_forecast(t, GMINA, v, default_catalog(), 2025, 2028)
    assert t.target == 0 and "nie może przyjąć" in t.justification


def test_too_few_years_for_a_forecast_is_said_in_the_rule():
    v = frame(RATE, [9, 8, 7])
    t = target_of(as_proposal(load_plan(FAMILY), GMINA, v, default_catalog()), RATE)
    assert "prognozy bez działań nie sporządzono (dane z 3 lat, potrzeba co najmniej 5)" \
        in t.proposal


def test_no_demo_proposal_is_weaker_than_its_forecast_without_a_reason():
    catalog, registry = default_catalog(), default_registry()
    store, problems, _ = load_inputs([DEMO], powiat="3007")   # a clean checkout has no store
    assert problems == []
    values, _ = powiat_values(store, "3007", catalog, registry)
    plan = load_plan(FAMILY)
    checked = 0
    for u in registry.gminas_of("3007"):
        if u.teryt == plan.unit:
            continue
        p = plan_for_gmina(plan, u.teryt, registry, values, catalog)
        assert p.unit == u.teryt
        flags = target_flags(p, values, catalog)
        assert not [f for f in flags if not f.justified], u.name
        for f in flags:         # a justified one only for a forecast too uncertain to use
            assert f.kind == FORECAST and f.high - f.low > abs(f.reference), u.name
        checked += 1
    assert checked == len(registry.gminas_of("3007")) - 1


# ---- the justification sentence ----------------------------------------------------------------
def test_the_justification_says_worse_only_for_a_worse_target():
    worse = wspolne.justification("Liczba rodzin", "1.2", "Nowe przepisy.")
    assert worse == ("Wskaźnik „Liczba rodzin” (cel 1.2): wartość docelowa dopuszcza "
                     "pogorszenie względem wartości bazowej. Uzasadnienie: Nowe przepisy.")
    better = wspolne.justification("Liczba rodzin", "1.2", "Prognoza niepewna.", worse=False)
    assert better == ("Wskaźnik „Liczba rodzin” (cel 1.2): wartość docelowa nie oznacza "
                      "pogorszenia względem wartości bazowej. Uzasadnienie przyjętej wartości: "
                      "Prognoza niepewna.")


def test_a_worse_justified_target_keeps_the_worsening_sentence():
    # families per assistant (less is better) 11 in 2025 -> 12 in 2028: worse
    plan = load_plan(FAMILY)
    t = target_of(plan, "rodziny_na_asystenta")
    t.target, t.justification = 12.0, "Więcej rodzin z listy oczekujących"
    v = frame("rodziny_na_asystenta", [11], teryt=plan.unit, first=2025)
    [line] = [s for s in data.justification_sentences(plan, v, default_catalog())
              if "oczekujących" in s]
    assert "dopuszcza pogorszenie" in line


# ---- costs per action --------------------------------------------------------------------------
def _tables(rec):
    return [b for b in rec.blocks if isinstance(b, Table)]


def test_the_programme_shows_the_costs_of_each_action_by_year():
    raw = yaml.safe_load(FAMILY.read_text(encoding="utf-8"))
    expected: dict[int, float] = {}
    actions = 0
    for g in raw["cele_strategiczne"]:
        for og in g["cele_operacyjne"]:
            for d in og["kierunki"]:
                actions += 1
                for c in d.get("koszty") or []:
                    for y, a in c["kwoty"].items():
                        expected[int(y)] = expected.get(int(y), 0.0) + float(a)
    plan = load_plan(FAMILY)
    rec = Recorder("t")
    funding(rec, SimpleNamespace(plan=plan, psrc="Źródło: plan", name="Opatówek"))
    by_source, by_action = _tables(rec)
    df = by_action.frame
    assert by_action.caption.startswith("Koszty działań programu w latach 2026–2028")
    assert len(df) == actions + 1 and df.iloc[-1, 0] == "Razem"   # one main goal: no subtotal
    for y, total in expected.items():
        assert df.iloc[-1][str(y)] == pytest.approx(total)
        assert by_source.frame.iloc[-1][str(y)] == pytest.approx(total)
    assert df.iloc[-1]["Razem"] == pytest.approx(sum(expected.values()))
    assert df.iloc[0, 0].startswith("1.1.1. ")
    assert any("zob." in plain_text(b) and "działań" in plain_text(b) for b in rec.blocks)


def test_a_proposal_shows_no_amounts():
    p = plan_for_gmina(load_plan(FAMILY), GMINA)
    rec = Recorder("t")
    funding(rec, SimpleNamespace(plan=p, psrc="Źródło: plan", name="Stawiszyn"))
    assert not _tables(rec)
    assert "ustali gmina Stawiszyn" in plain_text(rec.blocks[0])
