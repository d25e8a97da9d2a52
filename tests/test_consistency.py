"""Cross-document consistency checks: each kind of inconsistency planted in tiny plans (real
YAML format) and tiny values frames is reported with both numbers; the demo powiat has none;
the control annex lists the findings or says there are none."""
from __future__ import annotations

import json
from pathlib import Path

import docx
import pandas as pd
import pytest

from strategy.consistency import (
    CHECKS,
    Finding,
    baselines,
    check_powiat,
    frame_against_programmes,
    frame_against_spending,
    programme_against_spending,
    report_period,
    unit_figures,
    year_ranges,
)
from strategy.documents.builders.common import new_report
from strategy.documents.builders.kontrola import control_annex
from strategy.plan import Plan, load_plan, plan_index

ROOT = Path(__file__).resolve().parents[1]
NBSP = "\u00a0"

GOALS = """\
cele_strategiczne:
  - id: "1"
    nazwa: Rodzina
    cele_operacyjne:
      - id: "1.1"
        nazwa: Wsparcie
        kierunki:
          - id: "1.1.1"
            nazwa: Działanie
            realizatorzy: [PCPR]
            termin: 2026-2028
{costs}        wskazniki:
{targets}"""
NO_TARGET = """          - nazwa: Liczba porad
            jednostka: porada
            bazowa: 1
            cel: 2
            rok_docelowy: 2028
"""


def plan(tmp_path, kind, unit, years, *, costs="", frame="", targets=NO_TARGET, extra=""):
    text = (f'dokument: {kind}\njednostka: "{unit}"\ninstytucja: PCPR\nlata: {list(years)}\n'
            + GOALS.format(costs=costs, targets=targets) + frame + extra)
    path = tmp_path / f"{kind}_{unit}.yaml"
    path.write_text(text, encoding="utf-8")
    return load_plan(path)


def strategy(tmp_path, powiat_2026=1_000_000, gminy_2026=500_000):
    costs = f"""            koszty:
              - zrodlo: budżet powiatu
                kwoty: {{2026: {powiat_2026}, 2027: {powiat_2026}, 2028: {powiat_2026}}}
              - zrodlo: budżety gmin
                kwoty: {{2026: {gminy_2026}, 2027: {gminy_2026}, 2028: {gminy_2026}}}
              - zrodlo: budżet państwa
                kwoty: {{2026: 50000, 2027: 50000, 2028: 50000}}
"""
    return plan(tmp_path, "strategia_powiatu", "3007", (2026, 2028), costs=costs)


def foster(tmp_path, powiat=(900_000, 950_000, 1_000_000), gminy=(300_000,) * 3,
           state=(50_000,) * 3):
    def kw(a):
        return "{" + ", ".join(f"{y}: {v}" for y, v in zip((2026, 2027, 2028), a)) + "}"
    frame = (f"finansowanie:\n  - zrodlo: budżet powiatu\n    kwoty: {kw(powiat)}\n"
             f"  - zrodlo: współfinansowanie gmin\n    kwoty: {kw(gminy)}\n"
             f"  - zrodlo: budżet państwa\n    kwoty: {kw(state)}\n")
    return plan(tmp_path, "program_pieczy_zastepczej", "3007", (2026, 2028), frame=frame)


def family(tmp_path, unit="3007083", own=100_000, cofin=80_000, extra="", targets=NO_TARGET):
    frame = (f"finansowanie:\n  - zrodlo: budżet gminy\n    kwoty: {{2026: {own}}}\n"
             f"  - zrodlo: współfinansowanie pieczy zastępczej (budżet gminy)\n"
             f"    kwoty: {{2026: {cofin}}}\n")
    return plan(tmp_path, "program_wspierania_rodziny", unit, (2026, 2028), frame=frame,
                extra=extra, targets=targets)


def values(rows):
    return pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value"])


SPENDING = values([("3007", 2024, "wydatki_piecza_powiat", 1_200_000.0),
                   ("3007083", 2024, "wydatki_gminy_piecza", 70_000.0),
                   ("3007012", 2024, "wydatki_gminy_piecza", 130_000.0),
                   ("3007083", 2024, "dzieci_piecza_z_gminy", 11.0),
                   ("3007012", 2024, "dzieci_piecza_z_gminy", 48.0)])


def test_a_consistent_set_has_no_findings(tmp_path):
    # powiat: strategy 1 000 000 >= foster 900 000 (2026) and >= own spending 1 000 000
    # (1 200 000 - 70 000 - 130 000); gminas: 500 000 >= 300 000 + 100 000
    got = check_powiat(strategy(tmp_path), [foster(tmp_path), family(tmp_path)], SPENDING)
    assert got == []


def test_strategy_below_the_foster_programme(tmp_path):
    s = strategy(tmp_path, powiat_2026=800_000)
    (f,) = frame_against_programmes(s, [foster(tmp_path)])
    assert f.kind == "rama_program" and f.unit == "3007"
    assert f.text == (f"Ramy finansowe strategii przewidują na 2026{NBSP}r. z budżetu powiatu "
                      f"800{NBSP}000{NBSP}zł, a programy powiatu i gmin na ten rok "
                      f"900{NBSP}000{NBSP}zł (powiatowy program rozwoju pieczy zastępczej: "
                      f"900{NBSP}000{NBSP}zł). Mniej niż w programach jest także w latach "
                      "2027–2028.")


def test_gmina_money_counts_the_cofinancing_once(tmp_path):
    # gminas need 300 000 (foster programme) + 100 000 (own programme without co-financing):
    # 390 000 is short by 10 000; the co-financing of 80 000 is inside the 300 000
    s = strategy(tmp_path, gminy_2026=390_000)
    (f,) = frame_against_programmes(s, [foster(tmp_path), family(tmp_path)], name=lambda c: "Opatówek")
    assert f"z budżetów gmin 390{NBSP}000{NBSP}zł" in f.text
    assert f"na ten rok 400{NBSP}000{NBSP}zł" in f.text
    assert f"program wspierania rodziny gminy Opatówek: 100{NBSP}000{NBSP}zł" in f.text
    # without a foster programme the co-financing is the gminas' own money: 180 000
    (f,) = frame_against_programmes(strategy(tmp_path, gminy_2026=150_000), [family(tmp_path)])
    assert f"na ten rok 180{NBSP}000{NBSP}zł" in f.text


def test_cofinancing_above_the_foster_programmes_gmina_share(tmp_path):
    s = strategy(tmp_path, gminy_2026=2_000_000)
    got = frame_against_programmes(s, [foster(tmp_path, gminy=(50_000,) * 3), family(tmp_path)])
    assert [f.text for f in got] == [
        (f"Gminne programy wspierania rodziny przewidują na 2026{NBSP}r. współfinansowanie "
         f"pieczy zastępczej 80{NBSP}000{NBSP}zł, a powiatowy program rozwoju pieczy zastępczej "
         f"oczekuje od gmin 50{NBSP}000{NBSP}zł.")]


def test_strategy_below_the_powiats_own_foster_spending(tmp_path):
    s = strategy(tmp_path, powiat_2026=999_000)
    (f,) = frame_against_spending(s, SPENDING)
    assert f.kind == "rama_wydatki"
    assert f.text == (f"Ramy finansowe strategii przewidują na 2026{NBSP}r. z budżetu powiatu "
                      f"999{NBSP}000{NBSP}zł, mniej niż powiat wydał z własnego budżetu na samą "
                      f"pieczę zastępczą w 2024{NBSP}r.: 1{NBSP}000{NBSP}000{NBSP}zł "
                      f"(1{NBSP}200{NBSP}000{NBSP}zł wydatków minus 200{NBSP}000{NBSP}zł "
                      "współfinansowania gmin). Mniej jest także w latach 2027–2028.")
    assert frame_against_spending(strategy(tmp_path, powiat_2026=1_000_000), SPENDING) == []


def test_programmes_far_from_the_spending_in_the_data(tmp_path):
    # foster programme 2026: 200 000 + 300 000 + 50 000 = 550 000, below half of 1 200 000
    (f,) = programme_against_spending(foster(tmp_path, powiat=(200_000,) * 3), SPENDING)
    assert f.kind == "program_wydatki" and f.unit == "3007"
    assert f"550{NBSP}000{NBSP}zł" in f.text and f"1{NBSP}200{NBSP}000{NBSP}zł" in f.text
    assert "2,2 raza mniej" in f.text                                    # 1 200 000 / 550 000
    assert programme_against_spending(foster(tmp_path, powiat=(700_000,) * 3), SPENDING) == []
    # Opatówek paid 70 000; a plan of 380 000 is 5,4 times that
    (f,) = programme_against_spending(family(tmp_path, cofin=380_000), SPENDING,
                                      name=lambda c: "Opatówek")
    assert f.text == (f"Program wspierania rodziny gminy Opatówek przewiduje na 2026{NBSP}r. na "
                      f"współfinansowanie pieczy zastępczej 380{NBSP}000{NBSP}zł, a w 2024{NBSP}r. "
                      f"gmina zapłaciła za pieczę zastępczą swoich dzieci 70{NBSP}000{NBSP}zł "
                      "(dane) – plan to 5,4 raza więcej.")


REPORT = """sprawozdanie:
  rok: {year}
  wydatki:
    - zrodlo: współfinansowanie pieczy zastępczej
      kwota: {spent}
  dzieci_piecza_wspolfinansowane: {children}
"""


def test_report_year_outside_the_programme_period(tmp_path):
    p = family(tmp_path, extra=REPORT.format(year=2026, spent=70000, children=11))
    assert report_period(p) == []
    p.extra["sprawozdanie"]["rok"] = 2025        # as an older plan file had it
    p.goals[0].operational[0].targets[0].actual = {2024: 1.0, 2025: 2.0, 2026: 2.0}
    got = report_period(p, name=lambda c: "Opatówek")
    assert [f.kind for f in got] == ["okres_sprawozdania"] * 2
    assert got[0].text == (f"Sprawozdanie (program wspierania rodziny gminy Opatówek) dotyczy "
                           f"2025{NBSP}r., a program obejmuje lata 2026–2028.")
    assert f"wartość wykonania za 2024–2025{NBSP}r., poza okresem 2026–2028" in got[1].text


def test_typed_baseline_against_the_store(tmp_path):
    targets = """          - wskaznik: asystenci_rodziny
            bazowa: 3
            rok_bazowy: 2024
            cel: 4
            rok_docelowy: 2028
          - wskaznik: dzieci_piecza_na_1000
            bazowa: 5.2
            cel: 4
            rok_docelowy: 2028
"""
    p = family(tmp_path, targets=targets)
    v = values([("3007083", 2024, "asystenci_rodziny", 2.0),
                ("3007083", 2025, "dzieci_piecza_na_1000", 5.24)])  # 5,24 typed as 5,2: agrees
    (f,) = baselines(p, v)
    assert f.kind == "wartosc_bazowa" and f.unit == "3007083"
    assert "wartość bazowa w planie 3, a dane jednostki za 2024\u00a0r. – 2." in f.text
    v.loc[1, "value"] = 5.26                                           # rounds to 5,3
    assert len(baselines(p, v)) == 2


def test_figures_of_another_unit_in_the_report(tmp_path):
    # the case: Opatówek's report gives 48 children, Blizanów's number, while
    # Opatówek's data show 11 (the data end in 2024, the report is for 2026)
    p = family(tmp_path, extra=REPORT.format(year=2026, spent=150000, children=48))
    names = {"3007083": "Opatówek", "3007012": "Blizanów"}.get
    got = unit_figures(p, SPENDING, name=names)
    assert [f.kind for f in got] == ["dane_jednostki"] * 2
    assert got[0].text == (
        f"Dzieci w pieczy zastępczej współfinansowanej przez gminę (program wspierania rodziny "
        f"gminy Opatówek, 2026{NBSP}r.): 48, a ostatnia wartość w danych jednostki "
        f"(2024{NBSP}r.) to 11 – podana liczba jest 4,4 raza więcej; taką wartość mają dane "
        f"jednostki Blizanów (3007012) za 2024{NBSP}r.")
    assert f"150{NBSP}000,00{NBSP}zł" in got[1].text and f"70{NBSP}000,00{NBSP}zł" in got[1].text
    assert "2,1 raza więcej" in got[1].text                              # 150 000 / 70 000
    # the same year in the data: the figure must equal it
    same = family(tmp_path, extra=REPORT.format(year=2026, spent=70000, children=12))
    v = pd.concat([SPENDING, values([("3007083", 2026, "dzieci_piecza_z_gminy", 11.0),
                                     ("3007083", 2026, "wydatki_gminy_piecza", 70000.0)])])
    (f,) = unit_figures(same, v, name=names)
    assert f"12, a dane jednostki za 2026{NBSP}r. – 11" in f.text


def test_reported_value_of_a_catalogue_indicator(tmp_path):
    targets = """          - wskaznik: asystenci_rodziny
            cel: 4
            rok_docelowy: 2028
            wykonanie: {2026: 9}
"""
    p = family(tmp_path, targets=targets)
    v = values([("3007083", 2024, "asystenci_rodziny", 2.0)])
    (f,) = unit_figures(p, v)
    assert "Wykonanie wskaźnika „Liczba asystentów rodziny” (cel 1.1)" in f.text
    assert "podana liczba jest 4,5 raza więcej" in f.text
    v.loc[0, "value"] = 5.0
    assert unit_figures(p, v) == []


def test_year_ranges():
    assert year_ranges([2031, 2027, 2028, 2029, 2033, 2034]) == "2027–2029, 2031, 2033–2034"


@pytest.fixture(scope="module")
def demo():
    from strategy.diagnosis import powiat_values
    from strategy.ingest.loading import load_inputs
    from strategy.units import default_registry

    store, problems, _ = load_inputs([ROOT / "data/raw/demo"], powiat="3007")
    assert not problems
    vals, _ = powiat_values(store, "3007")
    plans = [load_plan(e.path) for e in plan_index(ROOT / "data/raw/plany")]
    strat = next(p for p in plans if p.kind == "strategia_powiatu")
    return strat, [p for p in plans if p is not strat], vals, default_registry(), store


def test_demo_powiat_has_no_findings(demo):
    strat, programmes, vals, reg, _ = demo
    assert {p.kind for p in programmes} == {"program_pieczy_zastepczej",
                                            "program_wspierania_rodziny"}
    assert check_powiat(strat, programmes, vals, name=reg.display_name) == []


def test_demo_checks_would_see_the_old_demo_budget(demo):
    # the demo strategy before its frame was made consistent: 1 850 000 zł from the powiat in 2026
    strat, programmes, vals, reg, _ = demo
    old = Plan(path=strat.path, kind=strat.kind, unit=strat.unit, institution="PCPR",
               years=strat.years, goals=strat.goals,
               funding=[type(strat.funding[0])("budżet powiatu", {2026: 1_850_000.0})])
    kinds = [f.kind for f in check_powiat(old, programmes, vals, name=reg.display_name)]
    assert "rama_program" in kinds and "rama_wydatki" in kinds


def _texts(path):
    d = docx.Document(str(path))
    return ([p.text for p in d.paragraphs],
            [[c.text for c in r.cells] for t in d.tables for r in t.rows])


def test_control_annex_lists_findings_or_says_none(tmp_path):
    rep = new_report("Strategia", subject="Strategia", author="PCPR", demo=False)
    rep.heading("Kontrola spójności", 1)
    control_annex(rep, [Finding("rama_program", "3007", "Ramy są za małe: 1 wobec 2."),
                        Finding("dane_jednostki", "3007083", "Liczba 48 wobec 11.")])
    paras, rows = _texts(rep.save(tmp_path / "a.docx"))
    assert rows[0] == ["Kontrola", "Jednostka", "Ustalenie"]
    assert rows[1] == [CHECKS["rama_program"][0], "3007", "Ramy są za małe: 1 wobec 2."]
    assert rows[2][1:] == ["3007083", "Liczba 48 wobec 11."]
    assert any(p.startswith(f"Stwierdzono 2{NBSP}niespójności") for p in paras)
    assert sum(what + ";" in paras for _, what in CHECKS.values()) == len(CHECKS) - 1

    rep = new_report("Strategia", subject="Strategia", author="PCPR", demo=False)
    rep.heading("Kontrola spójności", 1)
    control_annex(rep, [])
    paras, rows = _texts(rep.save(tmp_path / "b.docx"))
    assert rows == [] and any(p.startswith("Nie stwierdzono niespójności") for p in paras)


def test_strategy_document_puts_findings_in_its_annex_and_control_file(demo, tmp_path):
    # the demo plans with the powiat's money for foster care (direction 1.2.2) cut in 2026
    # from 3 700 000 to 1 000 000 zł: the powiat then gives 5 700 000 - 2 700 000 =
    # 3 000 000 zł, less than the foster programme's 3 850 000 zł and less than the
    # 3 783 379,01 zł the powiat paid for foster care from its own budget in 2024
    *_, store = demo
    folder = tmp_path / "plany"
    folder.mkdir()
    for p in (ROOT / "data/raw/plany").glob("*.yaml"):
        text = p.read_text(encoding="utf-8")
        if "strategia" in p.name:
            assert text.count("kwoty: {2026: 3700000,") == 1
            text = text.replace("kwoty: {2026: 3700000,", "kwoty: {2026: 1000000,")
        (folder / p.name).write_text(text, encoding="utf-8")
    from strategy.documents.builders import build_strategia

    plan = load_plan(folder / "DANE_DEMONSTRACYJNE_3007_strategia.yaml")
    out = build_strategia(store, plan, tmp_path / "out" / "strategia.docx")
    control = json.loads((out.parent / "strategia.kontrola.json").read_text(encoding="utf-8"))
    texts = [w["text"] for w in control["warnings"] if w["kind"] == "spojnosc"]
    assert len(texts) == 2
    assert f"z budżetu powiatu 3{NBSP}000{NBSP}000{NBSP}zł" in texts[0]
    assert f"3{NBSP}850{NBSP}000{NBSP}zł" in texts[0]
    assert f"3{NBSP}783{NBSP}379,01{NBSP}zł" in texts[1]
    paras, rows = _texts(out)
    assert "Załącznik 13. Kontrola spójności" in paras  # after 11 gminas and the resolution
    found = [r for r in rows if r[0] in (CHECKS["rama_program"][0], CHECKS["rama_wydatki"][0])]
    assert [r[2] for r in found] == texts and {r[1] for r in found} == {"3007"}


def test_the_strategy_is_rebuilt_when_a_programme_it_is_checked_against_changes(tmp_path):
    """The strategy's build inputs hold the powiat's programme plans (what the checks read),
    not plans of another powiat's units."""
    import shutil

    from strategy.batch.jobs import DEFAULT_TABLE, expand, load_table

    plans = tmp_path / "plany"
    shutil.copytree(ROOT / "data/raw/plany", plans)
    other = plans / "DANE_DEMONSTRACYJNE_3007083_program_wspierania_rodziny.yaml"
    text = other.read_text(encoding="utf-8")
    assert "3007083" in text
    (plans / "inny_3008012_program.yaml").write_text(text.replace("3007083", "3008012"),
                                                     encoding="utf-8")
    table = load_table(DEFAULT_TABLE)
    jobs = expand(table.documents, {"3007": (["3007083"], True)}, 2024,
                  store=tmp_path / "s.parquet", reports=tmp_path / "r", base=ROOT, root=ROOT,
                  plans=plans, only=["strategia"])
    [job] = jobs
    names = {Path(p).name for p in job.inputs}
    assert {"DANE_DEMONSTRACYJNE_3007_strategia.yaml", "DANE_DEMONSTRACYJNE_3007_program_pieczy.yaml",
            "DANE_DEMONSTRACYJNE_3007083_program_wspierania_rodziny.yaml"} <= names
    assert "inny_3008012_program.yaml" not in names
