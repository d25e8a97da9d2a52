"""Targets point the indicator's favourable way (or say why not), have a unit, are shown as
their kind needs; the annual report lies within the programme's years; every direction of
action shows its output indicators or a mark that they are missing."""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from strategy.analysis.achievement import BEYOND_LIMIT, WITHIN_LIMIT, WRONG_WAY
from strategy.catalog import default_catalog
from strategy.documents.builders import data
from strategy.errors import PlanError
from strategy.plan import load_plan

PLANS = Path(__file__).resolve().parents[1] / "data" / "raw" / "plany"

# Line numbers below are counted by hand in this text (line 1: "dokument: ...").
PLAN = """\
dokument: program_wspierania_rodziny
jednostka: "3007083"
instytucja: GOPS
lata: [2026, 2028]
cele_strategiczne:
  - id: "1"
    nazwa: Cel
    cele_operacyjne:
      - id: "1.1"
        nazwa: Cel operacyjny
        kierunki:
          - id: "1.1.1"
            nazwa: Asystenci rodziny
            realizatorzy: [GOPS]
            termin: 2026-2028
            wskazniki_produktu:
              - nazwa: Liczba rodzin objętych pracą asystenta
                jednostka: rodzina
                cel: 40
                rok_docelowy: 2028
          - id: "1.1.2"
            nazwa: Warsztaty
            realizatorzy: [GOPS]
            termin: 2026-2028
        wskazniki:
          - wskaznik: rodziny_na_asystenta
            cel: 12
            rok_docelowy: 2028
            wykonanie: {2026: 13}
          - wskaznik: asystenci_rodziny
            cel: 4
            rok_docelowy: 2028
          - nazwa: Liczba dzieci, które wróciły do rodziny
            jednostka: dziecko
            kierunek: wzrost
            bazowa: 1
            rok_bazowy: 2024
            cel: 3
            rok_docelowy: 2028
sprawozdanie:
  rok: 2026
"""
CASELOAD_TARGET_LINE = 27   # "cel: 12" of rodziny_na_asystenta


def write(tmp_path, text, name="plan.yaml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def values(rows):
    return pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value"])


# baseline year of a 2026-2028 programme: 2025, the last with data not after it: 2024
V = values([("3007083", 2024, "rodziny_na_asystenta", 11.0),
            ("3007083", 2024, "asystenci_rodziny", 2.0)])


def test_the_line_numbers_of_the_test_plan_are_right():
    lines = PLAN.splitlines()
    assert lines[CASELOAD_TARGET_LINE - 1].strip() == "cel: 12"
    assert lines[CASELOAD_TARGET_LINE - 2].strip() == "- wskaznik: rodziny_na_asystenta"


def test_a_catalogue_target_that_worsens_the_indicator_is_an_error_with_file_and_line(tmp_path):
    plan = load_plan(write(tmp_path, PLAN))           # the data are not known when loading
    with pytest.raises(PlanError) as e:
        data.targets_frame(plan, V, default_catalog())
    msg = str(e.value)
    assert f"plik plan.yaml, wiersz {CASELOAD_TARGET_LINE}:" in msg
    assert "wartość docelowa 12 na 2028 r." in msg and "wartości bazowej 11 (2024 r.)" in msg
    assert "spadek" in msg and "uzasadnienie" in msg
    assert "asystentów" not in msg.split("wiersz")[1][:20]     # only the wrong target is named
    assert msg.count("plik plan.yaml") == 1


def test_a_justified_worse_target_is_accepted_and_its_reason_shown(tmp_path):
    text = PLAN.replace("            cel: 12\n", "            cel: 12\n            uzasadnienie: "
                        "Asystenci obejmą wsparciem więcej rodzin z listy oczekujących.\n")
    plan = load_plan(write(tmp_path, text))
    tf = data.targets_frame(plan, V, default_catalog())
    assert list(tf["Wartość docelowa"]) == [12.0, 4.0, 3.0]
    (line,) = data.justification_sentences(plan)
    assert "(cel 1.1)" in line and "Uzasadnienie: Asystenci obejmą wsparciem więcej rodzin" in line
    # the report does not score a rise of a bad indicator: 11 -> 13 against an allowed 12
    ach = data.achievement_frame(plan, V, 2026).set_index("Cel").iloc[0]
    assert math.isnan(ach["Stopień realizacji (%)"]) and ach["Ocena"] == BEYOND_LIMIT
    ok = load_plan(write(tmp_path, text.replace("{2026: 13}", "{2026: 12}"), "ok.yaml"))
    assert data.achievement_frame(ok, V, 2026).iloc[0]["Ocena"] == WITHIN_LIMIT


def test_an_unjustified_wrong_target_is_never_scored_in_a_report(tmp_path):
    # the report of an adopted programme still reports; 11 -> 13 under 12 is not "200 %"
    plan = load_plan(write(tmp_path, PLAN))
    ach = data.achievement_frame(plan, V, 2026).iloc[0]
    assert math.isnan(ach["Stopień realizacji (%)"]) and ach["Ocena"] == WRONG_WAY


def test_a_typed_target_that_worsens_its_indicator_is_an_error_when_loading(tmp_path):
    text = PLAN.replace("            cel: 3\n", "            cel: 0\n")
    with pytest.raises(PlanError) as e:
        load_plan(write(tmp_path, text))
    line = 38                                     # "cel: 0" of the typed indicator
    assert text.splitlines()[line - 1] == "            cel: 0"
    assert f"plik plan.yaml, wiersz {line}:" in str(e.value)
    assert "wartość docelowa 0 oznacza pogorszenie względem wartości bazowej 1" in str(e.value)
    # without "kierunek" the planned change itself sets the direction: no error
    load_plan(write(tmp_path, text.replace("            kierunek: wzrost\n", ""), "n.yaml"))


@pytest.mark.parametrize("old,new,message", [
    ("            jednostka: dziecko\n", "",
     "wskaźnik 'Liczba dzieci, które wróciły do rodziny' spoza katalogu: brak pola 'jednostka'"),
    ("kierunek: wzrost", "kierunek: w górę", "pole 'kierunek' ma wartość 'w górę'"),
    ("            cel: 4\n", "            cel: 4\n            kierunek: spadek\n",
     "korzystny kierunek zmiany tego wskaźnika to wzrost, a nie spadek"),
    ("  rok: 2026", "  rok: 2025",
     "sprawozdanie za 2025 r. nie dotyczy tego dokumentu: okres realizacji to lata 2026–2028"),
    ("{2026: 13}", "{2025: 13}", "wykonanie za 2025 r. spoza okresu realizacji 2026–2028"),
    ("{2026: 13}", "{2029: 13}", "wykonanie za 2029 r. spoza okresu realizacji 2026–2028"),
])
def test_plan_problems_of_targets_and_the_report_year(tmp_path, old, new, message):
    assert old in PLAN
    text = PLAN.replace(old, new)
    with pytest.raises(PlanError) as e:
        load_plan(write(tmp_path, text))
    assert message in str(e.value)
    assert str(e.value).startswith("plik plan.yaml, wiersz ")


def test_the_report_year_error_names_the_line_of_the_year(tmp_path):
    text = PLAN.replace("  rok: 2026", "  rok: 2025")
    with pytest.raises(PlanError) as e:
        load_plan(write(tmp_path, text))
    assert str(e.value).startswith(f"plik plan.yaml, wiersz {len(text.splitlines())}: ")


def test_counts_are_whole_numbers_and_every_row_has_a_unit(tmp_path):
    plan = load_plan(write(tmp_path, PLAN.replace("cel: 12", "cel: 10")))
    tf = data.targets_frame(plan, V, default_catalog())
    # ratio (families per assistant) 1 place, count (assistants) 0, typed whole numbers 0
    assert tf.attrs["row_decimals"] == [1, 0, 0]
    assert list(tf["Jednostka"]) == ["rodzin na asystenta", "osoba", "dziecko"]
    from strategy.text.cells import cell_texts
    texts, _, _ = cell_texts(tf, row_decimals=tf.attrs["row_decimals"])
    assert [r[3] for r in texts] == ["11,0", "2", "1"] and [r[5] for r in texts] == ["10,0", "4", "3"]


def test_output_indicators_or_a_mark_for_each_direction(tmp_path):
    plan = load_plan(write(tmp_path, PLAN.replace("cel: 12", "cel: 10")))
    of = data.outputs_frame(plan)
    assert list(of["Kierunek działań"]) == ["1.1.1. Asystenci rodziny", "1.1.2. Warsztaty"]
    assert of.iloc[0]["Wskaźnik produktu"] == "Liczba rodzin objętych pracą asystenta"
    assert (of.iloc[0]["Jednostka"], of.iloc[0]["Wartość docelowa"]) == ("rodzina", 40.0)
    assert of.iloc[1]["Wskaźnik produktu"] == data.MISSING_OUTPUT
    assert data.outputs_note(plan).startswith("Kierunek działań 1.1.2 nie ma jeszcze wskaźnika "
                                              "produktu")


@pytest.fixture(scope="module")
def demo_store():
    from strategy.ingest.loading import load_inputs
    store, problems, _ = load_inputs([PLANS.parent / "demo"], powiat="3007")
    assert not problems
    return store


def test_demo_plans_have_no_wrong_way_target_and_an_output_for_each_action(demo_store):
    from strategy.diagnosis import powiat_values
    v, _ = powiat_values(demo_store, "3007")
    for path in PLANS.glob("*.yaml"):
        plan = load_plan(path)
        tf = data.targets_frame(plan, v, default_catalog())       # raises on a wrong-way target
        assert (tf["Jednostka"] != "").all(), path.name
        if plan.kind != "strategia_powiatu":
            assert not data.outputs_note(plan), path.name


def test_a_report_is_for_the_plans_own_unit_and_a_year_of_its_period(demo_store):
    from strategy.documents.builders.sprawozdanie import report_document
    from strategy.inputs.load import load_report
    plan = load_plan(PLANS / "DANE_DEMONSTRACYJNE_3007083_program_wspierania_rodziny.yaml")
    with pytest.raises(PlanError) as e:      # another gmina would print Opatówek's figures
        report_document(load_report(demo_store, plan, "3007012"))
    assert "to plan jednostki 3007083, a sprawozdanie zamówiono dla jednostki 3007012" in str(e.value)
    with pytest.raises(PlanError) as e:      # 2025 precedes the programme of 2026-2028
        report_document(load_report(demo_store, plan), year=2025)
    assert str(e.value).startswith("plik DANE_DEMONSTRACYJNE_3007083_program_wspierania_"
                                   "rodziny.yaml: sprawozdanie za 2025 r. nie dotyczy")
    assert "lata 2026–2028" in str(e.value)
    assert report_document(load_report(demo_store, plan)).ctx.year == 2026          # the plan's own year
