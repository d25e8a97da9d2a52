"""Money in plans: costs per direction of action by source and year, the frame as their sum,
a written frame checked against it, payers; the frames by direction and by goal and source,
and the unit (zł or thousands) an amount table uses."""
from __future__ import annotations

import pandas as pd
import pytest

from strategy.documents.builders import data, money
from strategy.errors import PlanError
from strategy.plan import load_plan
from strategy.plan.model import payer_of

PLAN = """\
dokument: strategia_powiatu
jednostka: "3007"
instytucja: PCPR
lata: [2026, 2027]
cele_strategiczne:
  - id: "1"
    nazwa: Rodzina
    cele_operacyjne:
      - id: "1.1"
        nazwa: Wsparcie
        kierunki:
          - id: "1.1.1"
            nazwa: Asystenci
            realizatorzy: [OPS]
            termin: 2026-2027
            koszty:
              - zrodlo: budżety gmin
                kwoty: {2026: 100, 2027: 110}
              - zrodlo: budżet powiatu
                kwoty: {2026: 10}
          - id: "1.1.2"
            nazwa: Poradnictwo
            realizatorzy: [PCPR]
            termin: 2026-2027
            koszty:
              - zrodlo: Budżet  powiatu
                kwoty: {2026: 40, 2027: 50}
  - id: "2"
    nazwa: Seniorzy
    cele_operacyjne:
      - id: "2.1"
        nazwa: Usługi
        kierunki:
          - id: "2.1.1"
            nazwa: Usługi opiekuńcze
            realizatorzy: [OPS]
            termin: 2026-2027
            koszty:
              - zrodlo: środki zewnętrzne
                platnik: ue
                kwoty: {2027: 1000}
          - id: "2.1.2"
            nazwa: Bez kosztów
            realizatorzy: [OPS]
            termin: 2026-2027
"""


def write(tmp_path, text):
    p = tmp_path / "plan.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_frame_is_the_sum_of_the_directions_costs(tmp_path):
    plan = load_plan(write(tmp_path, PLAN))
    frame = {f.source: (f.payer, f.amounts) for f in plan.funding}
    # "Budżet  powiatu" of 1.1.2 is the same source as "budżet powiatu" of 1.1.1
    assert frame == {"budżet powiatu": ("powiat", {2026: 50.0, 2027: 50.0}),
                     "budżety gmin": ("gmina", {2026: 100.0, 2027: 110.0}),
                     "środki zewnętrzne": ("ue", {2027: 1000.0})}
    assert [f.source for f in plan.funding] == ["budżet powiatu", "budżety gmin",
                                                "środki zewnętrzne"]   # by payer
    assert plan.has_costs()
    assert plan.by_payer()["powiat"] == {2026: 50.0, 2027: 50.0}


def test_a_written_frame_must_equal_the_directions_sum(tmp_path):
    ok = PLAN + """finansowanie:
  - zrodlo: budżet powiatu
    kwoty: {2026: 50, 2027: 50}
  - zrodlo: budżety gmin
    kwoty: {2026: 100, 2027: 110}
  - zrodlo: środki zewnętrzne
    platnik: ue
    kwoty: {2027: 1000}
"""
    assert len(load_plan(write(tmp_path, ok)).funding) == 3
    bad = ok.replace("kwoty: {2026: 100, 2027: 110}\n  - zrodlo: środki",
                     "kwoty: {2026: 100, 2027: 120}\n  - zrodlo: środki")
    bad += "  - zrodlo: PFRON\n    kwoty: {2026: 5}\n"
    with pytest.raises(PlanError) as exc:
        load_plan(write(tmp_path, bad))
    text = str(exc.value)
    assert ("plik plan.yaml, wiersz 49: finansowanie 'budżety gmin', rok 2027: "
            "120,00\u00a0zł, a suma kosztów kierunków działań z tego źródła to 110,00\u00a0zł") in text
    assert "wiersz 54: finansowanie 'PFRON': żaden kierunek działań nie ma kosztów" in text


def test_cost_errors_name_the_direction_and_line(tmp_path):
    bad = PLAN.replace("kwoty: {2026: 40, 2027: 50}", "kwoty: {2026: -40, 2027: dużo}")
    bad = bad.replace("platnik: ue", "platnik: unia")
    with pytest.raises(PlanError) as exc:
        load_plan(write(tmp_path, bad))
    text = str(exc.value)
    assert "wiersz 27: kierunek 1.1.2, koszty 'Budżet  powiatu', rok 2026: kwota ujemna" in text
    assert "wiersz 27: kierunek 1.1.2, koszty 'Budżet  powiatu', rok 2027, kwota: 'dużo' nie jest liczbą" in text
    assert "wiersz 40: kierunek 2.1.1, koszty 'środki zewnętrzne': nieznany płatnik 'unia'" in text


def test_old_plan_with_a_frame_by_source_only_still_loads(tmp_path):
    old = PLAN.replace("""            koszty:
              - zrodlo: budżety gmin
                kwoty: {2026: 100, 2027: 110}
              - zrodlo: budżet powiatu
                kwoty: {2026: 10}
""", "").replace("""            koszty:
              - zrodlo: Budżet  powiatu
                kwoty: {2026: 40, 2027: 50}
""", "").replace("""            koszty:
              - zrodlo: środki zewnętrzne
                platnik: ue
                kwoty: {2027: 1000}
""", "") + "finansowanie:\n  - zrodlo: budżet powiatu\n    kwoty: {2026: 7}\n"
    plan = load_plan(write(tmp_path, old))
    assert not plan.has_costs()
    assert [(f.source, f.amounts, f.payer) for f in plan.funding] == [
        ("budżet powiatu", {2026: 7.0}, "powiat")]


@pytest.mark.parametrize("source,payer", [
    ("budżet powiatu", "powiat"), ("współfinansowanie gmin", "gmina"),
    ("współfinansowanie pieczy zastępczej (budżet gminy)", "gmina"),
    ("budżet państwa (dotacje celowe)", "panstwo"), ("program rządowy (asystent rodziny)", "panstwo"),
    ("Fundusz Pracy", "panstwo"), ("PFRON", "pfron"), ("fundusze Unii Europejskiej", "ue"),
    ("Europejski Fundusz Społeczny Plus", "ue"), ("środki zewnętrzne", "inne"),
    ("dotacja celowa z budżetu powiatu", "powiat"), ("dotacje celowe", "panstwo"),
])
def test_payer_from_the_source_name(source, payer):
    assert payer_of(source) == payer


def test_frame_by_direction_has_goal_subtotals_and_the_same_total(tmp_path):
    plan = load_plan(write(tmp_path, PLAN))
    df = money.direction_costs_frame(plan).set_index(money.ROW)
    goal1 = df.loc["Cel strategiczny 1. Rodzina"]
    assert (goal1["2026"], goal1["2027"], goal1["Razem"]) == (150.0, 160.0, 310.0)
    assert df.loc["1.1.1. Asystenci", "2026"] == 110.0        # 100 from gminas + 10 from powiat
    assert df.loc["2.1.2. Bez kosztów", "Razem"] == 0.0
    assert df.loc["Razem", "Razem"] == 1310.0
    assert df.loc["Razem", "Razem"] == data.funding_frame(plan).iloc[-1]["Razem"]
    assert money.direction_costs_frame(plan).attrs["goal_rows"] == [0, 3]


def test_frame_by_goal_and_source(tmp_path):
    plan = load_plan(write(tmp_path, PLAN))
    df = money.goal_source_frame(plan).set_index("Cel strategiczny")
    assert list(df.columns) == ["budżet powiatu", "budżety gmin", "środki zewnętrzne", "Razem"]
    assert df.loc["1. Rodzina", "budżet powiatu"] == 10.0 + 40 + 50
    assert df.loc["2. Seniorzy", "środki zewnętrzne"] == 1000.0
    assert df.loc["Razem", "Razem"] == 1310.0


def test_wide_or_large_amount_tables_are_in_thousands():
    narrow = pd.DataFrame({"Źródło": ["a"], "2026": [9_999_999.0], "Razem": [9_999_999.0]})
    assert money.money_scale(narrow) == (1.0, "zł")
    large = narrow.assign(Razem=[10_000_000.0])
    assert money.money_scale(large) == (1000.0, "tys. zł")
    wide = pd.DataFrame({"Źródło": ["a"], **{str(y): [1.0] for y in range(2026, 2032)}})
    assert money.money_scale(wide) == (1000.0, "tys. zł")               # 6 amount columns
