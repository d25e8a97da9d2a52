"""The implementation report compares planned and spent amounts by task (direction of action):
the execution rate, the reasons required outside 90-110 %, the day-support centres and the
family assistants; a bad entry of the report's spending is an error naming file and line."""
from __future__ import annotations

import math
import re
from pathlib import Path

import docx
import pandas as pd
import pytest
from docx.oxml.ns import qn

from strategy.catalog import default_catalog
from strategy.documents.builders.sprawozdanie import report_document, tasks_frame
from strategy.errors import PlanError
from strategy.inputs.load import ReportInputs, load_report
from strategy.plan import load_plan
from strategy.plan.report import execution_by_task
from strategy.units import default_registry

ROOT = Path(__file__).resolve().parents[1]
DEMO_PLAN = ROOT / "data/raw/plany/DANE_DEMONSTRACYJNE_3007083_program_wspierania_rodziny.yaml"

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
            koszty:
              - zrodlo: budżet gminy
                kwoty: {2026: 80000, 2027: 82000, 2028: 84000}
              - zrodlo: program rządowy
                kwoty: {2026: 20000, 2027: 20000, 2028: 20000}
          - id: "1.1.2"
            nazwa: Warsztaty dla rodziców
            realizatorzy: [GOPS]
            termin: 2026-2028
            koszty:
              - zrodlo: budżet gminy
                kwoty: {2026: 10000, 2027: 10000, 2028: 10000}
        wskazniki:
          - wskaznik: asystenci_rodziny
            cel: 2
            rok_docelowy: 2028
            wykonanie: {2026: 1}
sprawozdanie:
  rok: 2026
  wydatki:
    - kierunek: "1.1.1"
      zrodlo: budżet gminy
      kwota: 74000
    - kierunek: "1.1.1"
      zrodlo: program rządowy
      kwota: {spent_grant}
    - kierunek: "1.1.2"
      zrodlo: budżet gminy
      kwota: {spent_workshops}
"""
SPENDING_LINE = 36          # "    - kierunek: "1.1.1"" of the first entry
SECOND_AMOUNT_LINE = 41     # "kwota: {spent_grant}"


def write(tmp_path, text, name="plan.yaml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def tiny(tmp_path, spent_grant="18500", spent_workshops="9500", tail=""):
    return load_plan(write(tmp_path, PLAN.replace("{spent_grant}", spent_grant)
                           .replace("{spent_workshops}", spent_workshops) + tail))


def inputs(plan):
    values = pd.DataFrame([("3007083", 2024, "asystenci_rodziny", 1.0)],
                          columns=["teryt", "year", "indicator", "value"])
    return ReportInputs(plan, "3007083", values, True, default_catalog(), default_registry())


# ---- the execution rate and the reasons ----------------------------------------------------------
def test_execution_rate_of_each_task_from_the_plan_and_the_report(tmp_path):
    tasks = {t.id: t for t in execution_by_task(tiny(tmp_path), 2026)}
    # 1.1.1: planned 80 000 + 20 000 = 100 000, spent 74 000 + 18 500 = 92 500 -> 92,5 %
    assert tasks["1.1.1"].planned == 100_000 and tasks["1.1.1"].spent == 92_500
    assert tasks["1.1.1"].rate == pytest.approx(92.5)
    assert not tasks["1.1.1"].needs_reason                 # within 90-110 %
    # 1.1.2: planned 10 000, spent 9 500 -> 95 %
    assert tasks["1.1.2"].rate == pytest.approx(95.0)


def test_tasks_table_has_a_total_row(tmp_path):
    df = tasks_frame(tiny(tmp_path), 2026)
    assert list(df.iloc[:, 0]) == ["1.1.1 Asystenci rodziny", "1.1.2 Warsztaty dla rodziców",
                                   "Razem"]
    # total: planned 100 000 + 10 000 = 110 000, spent 92 500 + 9 500 = 102 000 -> 92,7 %
    total = df.iloc[-1]
    assert (total.iloc[1], total.iloc[2]) == (110_000, 102_000)
    assert total.iloc[3] == pytest.approx(102_000 / 110_000 * 100)


def test_a_rate_under_90_percent_without_reasons_is_a_polish_warning_naming_the_task(tmp_path):
    # workshops: 7 000 of 10 000 = 70 %; assistants 92,5 % need no reason
    plan = tiny(tmp_path, spent_workshops="7000")
    doc = report_document(inputs(plan))
    texts = [w["text"] for w in doc.warnings if w["kind"] == "przyczyny"]
    assert len(texts) == 1
    assert "kierunek działań 1.1.2 „Warsztaty dla rodziców”" in texts[0]
    assert "wykonanie 70,0% planu na 2026\u00a0r." in texts[0]
    assert "nie podaje przyczyn" in texts[0]
    # the table says so in the reasons column
    row = tasks_frame(plan, 2026).iloc[1]
    assert row.iloc[4].startswith("brak wyjaśnienia")


def test_a_reason_given_silences_the_warning_and_fills_the_column(tmp_path):
    tail = '  przyczyny:\n    "1.1.2": Jeden warsztat przeniesiono na 2027 r.\n'
    plan = tiny(tmp_path, spent_workshops="7000", tail=tail)
    assert not [w for w in report_document(inputs(plan)).warnings if w["kind"] == "przyczyny"]
    assert tasks_frame(plan, 2026).iloc[1].iloc[4] == "Jeden warsztat przeniesiono na 2027 r."


def test_a_rate_over_110_percent_needs_reasons_too(tmp_path):
    # assistants: 74 000 + 40 000 = 114 000 of 100 000 = 114 %
    plan = tiny(tmp_path, spent_grant="40000")
    (t, _) = execution_by_task(plan, 2026)
    assert t.rate == pytest.approx(114.0) and t.needs_reason


# ---- errors in the report's spending ------------------------------------------------------------
def test_a_bad_amount_is_an_error_with_file_and_line(tmp_path):
    with pytest.raises(PlanError) as e:
        tiny(tmp_path, spent_grant="dużo")
    assert (f"plik plan.yaml, wiersz {SECOND_AMOUNT_LINE}: sprawozdanie, wydatki 'program "
            "rządowy', kwota: 'dużo' nie jest liczbą") in str(e.value)


def test_an_unknown_direction_is_an_error_with_file_and_line(tmp_path):
    text = PLAN.replace('    - kierunek: "1.1.2"', '    - kierunek: "1.1.9"')
    text = text.replace("{spent_grant}", "1").replace("{spent_workshops}", "1")
    with pytest.raises(PlanError) as e:
        load_plan(write(tmp_path, text))
    assert ("plik plan.yaml, wiersz 42: sprawozdanie, wydatki 'budżet gminy': program nie ma "
            "kierunku działań '1.1.9'") in str(e.value)


def test_an_entry_without_a_direction_among_entries_with_one_is_an_error(tmp_path):
    text = PLAN.replace('    - kierunek: "1.1.2"\n      zrodlo', '    - zrodlo')
    text = text.replace("{spent_grant}", "1").replace("{spent_workshops}", "1")
    with pytest.raises(PlanError) as e:
        load_plan(write(tmp_path, text))
    assert "plik plan.yaml, wiersz 42: sprawozdanie, wydatki 'budżet gminy': brak kierunku" \
        in str(e.value)
    assert f"wiersz {SPENDING_LINE}" not in str(e.value)


# ---- the demo report ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_report(tmp_path_factory):
    from strategy.ingest.loading import load_inputs
    store, problems, _ = load_inputs([ROOT / "data/raw/demo"], powiat="3007")
    assert not problems
    doc = report_document(load_report(store, load_plan(DEMO_PLAN)),
                          tmp_path_factory.mktemp("spr") / "sprawozdanie.docx")
    doc.default_chapters()
    return doc, docx.Document(doc.save())


def _table_after(document, caption_start: str):
    for el in document.element.body.iterchildren():
        if el.tag == qn("w:p"):
            text = "".join(t.text or "" for t in el.iter(qn("w:t")))
            style = el.xpath("string(./w:pPr/w:pStyle/@w:val)")
            if "Caption" in style and re.match(r"Tabela \d+\. " + re.escape(caption_start), text):
                nxt = el.getnext()
                while nxt is not None and nxt.tag != qn("w:tbl"):
                    nxt = nxt.getnext()
                return docx.table.Table(nxt, document)
    raise AssertionError(caption_start)


def _number(text: str) -> float:
    return float(re.sub(r"[\s\u00a0\u202fzł]", "", text).replace(",", "."))


def test_demo_report_compares_planned_and_spent_by_task(demo_report):
    doc, document = demo_report
    rows = [[c.text for c in r.cells] for r in _table_after(
        document, "Plan i wykonanie wydatków według kierunków działań w 2026").rows]
    assert rows[0][:4] == ["Kierunek działań", "Plan na 2026\u00a0r. (zł)", "Wydatki (zł)",
                           "Wykonanie (%)"]
    # eight directions of the demo programme and the total, added up by hand from the YAML:
    # planned 249 000 + 18 000 + 12 000 + 6 000 + 240 000 + 15 000 + 10 000 + 120 000 = 670 000
    # spent 246 430 + 14 250 + 9 600 + 1 200 + 236 780 + 14 820 + 11 650 + 117 940 = 652 670
    assert len(rows) == 1 + 8 + 1
    total = rows[-1]
    assert total[0] == "Razem" and _number(total[1]) == 670_000 and _number(total[2]) == 652_670
    assert total[3] == "97,4"                               # 652 670 / 670 000 = 97,41 %
    workshops = next(r for r in rows if r[0].startswith("1.1.2"))
    assert workshops[3] == "79,2" and workshops[4].startswith("Szósty warsztat")   # 14 250 / 18 000
    # every rate outside 90-110 % has its reason: no warning
    assert not [w for w in doc.warnings if w["kind"] == "przyczyny"]


def test_demo_report_covers_centres_and_assistants(demo_report):
    _, document = demo_report
    rows = [[c.text for c in r.cells] for r in _table_after(
        document, "Placówki wsparcia dziennego w 2026").rows]
    assert rows[-1][:4] == ["Razem", "50", "44", "88"]         # 30 + 20 places, 27 + 17 children
    text = "\n".join(p.text for p in document.paragraphs)
    # 246 430 zł for 3 assistants = 82 143,33 zł each; planned 249 000 / 3 = 83 000 zł;
    # data of 2024: 158 028,40 zł for 2 assistants = 79 014,20 zł
    for part in ("zatrudniała 3\u00a0asystentów rodziny", "82\u00a0143,33\u00a0zł na asystenta",
                 "83\u00a0000\u00a0zł zaplanowanych", "79\u00a0014,20\u00a0zł"):
        assert part in text, part


def test_demo_report_figures_are_not_the_old_ones():
    text = DEMO_PLAN.read_text(encoding="utf-8")
    for old in ("54889", "111824", "117406"):
        assert old not in text
    assert math.isclose(sum(float(x) for x in re.findall(r"kwota: (\d+)", text)), 652_670)


def test_assistants_of_the_report_must_agree_with_the_values_achieved(tmp_path):
    # the tiny plan reports 1 assistant achieved in 2026 (wykonanie); the report part says 2
    tail = '  asystenci: {kierunek: "1.1.1", liczba: 2, rodziny: 14}\n'
    with pytest.raises(PlanError) as e:
        tiny(tmp_path, tail=tail)
    assert ("plik plan.yaml, wiersz 45: sprawozdanie, asystenci: liczba 2, a wykonanie "
            "wskaźnika liczby asystentów rodziny za 2026 r. to 1") in str(e.value)
    tail = '  asystenci: {kierunek: "1.1.1", liczba: 1, rodziny: 9}\n'
    assert tiny(tmp_path, tail=tail).extra["sprawozdanie"]["asystenci"]["rodziny"] == 9


def test_spending_by_source_only_still_reads_and_is_compared_by_source(tmp_path):
    # an older report part: no kierunek; budżet gminy 80 000 + 10 000 planned for 2026
    text = re.sub(r'    - kierunek: "1\.1\.\d"\n      zrodlo', "    - zrodlo", PLAN)
    text = text.split("  wydatki:")[0] + ("  wydatki:\n    - zrodlo: budżet gminy\n"
                                          "      kwota: 81000\n")
    plan = load_plan(write(tmp_path, text))
    assert execution_by_task(plan, 2026) == [] and not len(tasks_frame(plan, 2026))
    from strategy.documents.builders.sprawozdanie import sources_frame
    df = sources_frame(plan, plan.extra["sprawozdanie"], 2026)
    row = df.iloc[0]
    assert (row.iloc[0], row.iloc[1], row.iloc[2]) == ("budżet gminy", 90_000, 81_000)
    assert row.iloc[3] == pytest.approx(90.0)                       # 81 000 / 90 000
    assert df.iloc[-1].iloc[1] == 110_000                           # + program rządowy 20 000
