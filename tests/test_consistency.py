"""Cross-document consistency checks: each kind of inconsistency planted in tiny plans (real
YAML format), in copies of the demo plans and in tiny values frames is reported with both
values and places; every category says whether it was checked, partly checked or not and why;
the demo powiat has no finding; the control annex shows the categories, the findings and says
"Nie stwierdzono niespójności" only when every category was checked in full."""
from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pandas as pd
import pytest

from strategy.catalog import default_catalog
from strategy.consistency import (
    CHECKED,
    CHECKS,
    NOT_CHECKED,
    PARTLY,
    Control,
    Finding,
    Status,
    baselines,
    check_powiat,
    cofinancing_against_programmes,
    frame_against_programmes,
    frame_against_spending,
    institutions_against_data,
    programme_against_spending,
    report_period,
    same_targets,
    same_tasks,
    targets_after_funding,
    term_years,
    terms_against_funding,
    unit_figures,
    year_ranges,
)
from strategy.documents.builders.common import new_report
from strategy.documents.builders.kontrola import control_annex
from strategy.plan import Plan, load_plan, plan_index
from strategy.text import fmt_amount

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


def strategy(tmp_path, powiat_2026=1_000_000, gminy_2026=500_000, targets=NO_TARGET, extra=""):
    costs = f"""            koszty:
              - zrodlo: budżet powiatu
                kwoty: {{2026: {powiat_2026}, 2027: {powiat_2026}, 2028: {powiat_2026}}}
              - zrodlo: budżety gmin
                kwoty: {{2026: {gminy_2026}, 2027: {gminy_2026}, 2028: {gminy_2026}}}
              - zrodlo: budżet państwa
                kwoty: {{2026: 50000, 2027: 50000, 2028: 50000}}
"""
    return plan(tmp_path, "strategia_powiatu", "3007", (2026, 2028), costs=costs,
                targets=targets, extra=extra)


def foster(tmp_path, powiat=(900_000, 950_000, 1_000_000), gminy=(300_000,) * 3,
           state=(50_000,) * 3, targets=NO_TARGET, extra=""):
    def kw(a):
        return "{" + ", ".join(f"{y}: {v}" for y, v in zip((2026, 2027, 2028), a)) + "}"
    frame = (f"finansowanie:\n  - zrodlo: budżet powiatu\n    kwoty: {kw(powiat)}\n"
             f"  - zrodlo: współfinansowanie gmin\n    kwoty: {kw(gminy)}\n"
             f"  - zrodlo: budżet państwa\n    kwoty: {kw(state)}\n")
    return plan(tmp_path, "program_pieczy_zastepczej", "3007", (2026, 2028), frame=frame,
                targets=targets, extra=extra)


def family(tmp_path, unit="3007083", own=100_000, cofin=80_000, extra="", targets=NO_TARGET):
    frame = (f"finansowanie:\n  - zrodlo: budżet gminy\n"
             f"    kwoty: {{2026: {own}, 2027: {own}, 2028: {own}}}\n"
             f"  - zrodlo: współfinansowanie pieczy zastępczej (budżet gminy)\n"
             f"    kwoty: {{2026: {cofin}, 2027: {cofin}, 2028: {cofin}}}\n")
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
    assert got.findings == [] and list(got) == []
    assert [s.kind for s in got.statuses] == list(CHECKS)
    # SPENDING knows two gminas, one of them (3007083) has a programme with amounts
    assert got.status("rama_program") == Status(
        "rama_program", PARTLY, "sprawdzono dla 1 z 2 gmin; gminy bez własnego programu: 3007012")
    assert not got.conclusion().startswith("Nie stwierdzono")


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
    fp = foster(tmp_path, gminy=(50_000,) * 3)
    got, st = cofinancing_against_programmes([fp], [family(tmp_path)], ["3007083", "3007012"],
                                             name={"3007012": "Blizanów"}.get)
    assert [f.text for f in got] == [
        (f"Gminne programy wspierania rodziny (1 z 2 gmin) przewidują na 2026{NBSP}r. "
         f"współfinansowanie pieczy zastępczej 80{NBSP}000{NBSP}zł, a program rozwoju pieczy "
         f"zastępczej oczekuje od gmin 50{NBSP}000{NBSP}zł. Kwoty się nie zgadzają także w "
         "latach 2027–2028.")]
    assert got[0].values == (80_000, 50_000)
    assert st == Status("wspolfinansowanie", PARTLY,
                        "sprawdzono dla 1 z 2 gmin; gminy bez własnego programu: Blizanów")
    # with every gmina's amounts the sum must equal the share: 80 000 below 300 000 is a finding
    got, st = cofinancing_against_programmes([foster(tmp_path)], [family(tmp_path)], ["3007083"])
    assert st.state == CHECKED and got[0].values == (80_000, 300_000)
    got, _ = cofinancing_against_programmes([foster(tmp_path, gminy=(80_000,) * 3)],
                                            [family(tmp_path)], ["3007083"])
    assert got == []


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
    assert got[0].values == (2025, "2026–2028") and got[1].values == ("2024–2025", "2026–2028")


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
    assert "wartość bazowa wpisana w dokumencie 3, a dane jednostki za 2024\u00a0r. – 2." in f.text
    assert f.values == (3.0, 2.0)
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
        f"jednostki Blizanów za 2024{NBSP}r.")
    assert got[0].values == (48.0, 11.0)
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
    got = check_powiat(strat, programmes, vals, name=reg.display_name)
    assert got.inconsistencies == []
    # what is left are notes on targets weaker than the forecast or the staff and places,
    # each quoting the document's justification
    for f in got.notes:
        assert f.note and f.kind in ("cel_prognoza", "cel_zasoby"), f.text
        assert "Dokument uzasadnia ten cel: „" in f.text
    # the demo's documents agree where they can be compared: targets, the same tasks' amounts
    # (programme = strategy directions 1.2.1 + 1.2.2 + 1.3.1), terms and funding
    for kind in ("cel_wskaznika", "cel_rok", "kwoty_zadan", "termin_finansowanie",
                 "cel_finansowanie", "rama_wydatki", "program_wydatki"):
        assert got.status(kind).state == CHECKED, kind
    # only Opatówek of the 11 gminas has a programme: the gminas' money is partly checked
    for kind in ("rama_program", "wspolfinansowanie"):
        assert got.status(kind).state == PARTLY
        assert got.status(kind).note.startswith("sprawdzono dla 1 z 11 gmin; gminy bez "
                                                "własnego programu: Blizanów, Brzeziny")
    # DPS 96 + 60 + 30 = 186 places and 12 + 6 + 2 = 20 waiting, ŚDS 30 + 20 = 50 places,
    # WTZ 30 + 25 = 55 occupied: the data's numbers for 2024; OIK, placówki, mieszkania and the
    # shelter have no indicator in the data
    st = got.status("instytucje_dane")
    assert st.state == PARTLY and "dane nie mają wskaźników dla: " in st.note
    assert "ośrodki interwencji kryzysowej" in st.note
    assert not got.complete
    assert not got.conclusion().startswith("Nie stwierdzono")
    # the partly checked categories in their order; the target checks before them may be
    # partly checked too, depending on the demo's targets
    assert "sprawdzono tylko częściowo: " in got.conclusion()
    assert "ramy finansowe a programy; współfinansowanie gmin" in got.conclusion()


def test_demo_checks_would_see_the_old_demo_budget(demo):
    # the demo strategy before its frame was made consistent: 1 850 000 zł from the powiat in 2026
    strat, programmes, vals, reg, _ = demo
    old = Plan(path=strat.path, kind=strat.kind, unit=strat.unit, institution="PCPR",
               years=strat.years, goals=strat.goals,
               funding=[type(strat.funding[0])("budżet powiatu", {2026: 1_850_000.0})])
    kinds = [f.kind for f in check_powiat(old, programmes, vals, name=reg.display_name)]
    assert "rama_program" in kinds and "rama_wydatki" in kinds


def _demo_copy(tmp_path, old: str, new: str, name="program_pieczy"):
    """Copy the demo plans to ``tmp_path`` with ``old`` replaced by ``new`` once in one plan."""
    folder = tmp_path / "plany"
    folder.mkdir()
    for p in (ROOT / "data/raw/plany").glob("*.yaml"):
        text = p.read_text(encoding="utf-8")
        if name in p.name:
            assert text.count(old) == 1, old
            text = text.replace(old, new)
        (folder / p.name).write_text(text, encoding="utf-8")
    plans = [load_plan(e.path) for e in plan_index(folder)]
    strat = next(p for p in plans if p.kind == "strategia_powiatu")
    return strat, [p for p in plans if p is not strat]


def test_a_target_conflict_put_into_the_foster_programme_is_a_finding(demo, tmp_path):
    # the strategy's direction 1.2.2 gives 6 coordinators for 2028; the copy of the programme
    # says 7 for 2028 in its goal 1.2
    *_, vals, reg, _ = demo
    strat, programmes = _demo_copy(tmp_path, "koordynatorzy_pieczy\n            cel: 6",
                                   "koordynatorzy_pieczy\n            cel: 7")
    got = check_powiat(strat, programmes, vals, name=reg.display_name)
    (f,) = got.inconsistencies
    assert f.kind == "cel_wskaznika" and f.values == (6.0, 7.0)
    assert f.where == (f"strategia, kierunek 1.2.2, 2028{NBSP}r.",
                       f"program rozwoju pieczy zastępczej, cel 1.2, 2028{NBSP}r.")
    assert f.text == (f"Wskaźnik „Liczba koordynatorów rodzinnej pieczy zastępczej”: strategia "
                      f"(kierunek 1.2.2) ma wartość docelową 6{NBSP}osób na 2028{NBSP}r., a "
                      f"program rozwoju pieczy zastępczej (cel 1.2) – 7{NBSP}osób na ten sam rok.")
    assert got.conclusion().startswith(f"Stwierdzono 1{NBSP}niespójność")


def test_a_family_care_target_changed_in_a_copy_of_the_foster_programme_is_named(demo,
                                                                                 tmp_path):
    # the strategy (goal 1.2) and the foster-care programme (goal 1.2) both give 85 % of
    # children in family care for 2028; the copy of the programme's plan says 88 %
    *_, vals, reg, _ = demo
    old = "udzial_pieczy_rodzinnej\n            cel: 85\n            rok_docelowy: 2028"
    strat, programmes = _demo_copy(tmp_path, old, old.replace("cel: 85", "cel: 88"))
    assert any(t.indicator == "udzial_pieczy_rodzinnej" and t.target_year == 2028
               and t.target == 85 for _, t in strat.targets())
    got = check_powiat(strat, programmes, vals, name=reg.display_name)
    (f,) = [x for x in got.inconsistencies if x.kind == "cel_wskaznika"]
    assert f.values == (85.0, 88.0)
    assert f.where == (f"strategia, cel 1.2, 2028{NBSP}r.",
                       f"program rozwoju pieczy zastępczej, cel 1.2, 2028{NBSP}r.")
    assert f.text == (f"Wskaźnik „{default_catalog().get('udzial_pieczy_rodzinnej').name}”: "
                      f"strategia (cel 1.2) ma wartość docelową 85,0% na 2028{NBSP}r., a program "
                      "rozwoju pieczy zastępczej (cel 1.2) – 88,0% na ten sam rok.")
    assert got.status("cel_wskaznika").state == CHECKED


def test_a_programme_target_for_a_year_the_strategy_has_no_value_for_is_a_note(demo, tmp_path):
    # the strategy: family care 85 % for 2028 and 90 % for 2035; the copy: 85 % for 2027
    *_, vals, reg, _ = demo
    strat, programmes = _demo_copy(
        tmp_path, "udzial_pieczy_rodzinnej\n            cel: 85\n            rok_docelowy: 2028",
        "udzial_pieczy_rodzinnej\n            cel: 85\n            rok_docelowy: 2027")
    got = check_powiat(strat, programmes, vals, name=reg.display_name)
    (f,) = [n for n in got.findings if n.kind == "cel_rok"]
    assert f in got.notes and got.inconsistencies == []
    assert f.values == (85.0, 85.0)
    assert f.where == (f"strategia, cel 1.2, 2028{NBSP}r.",
                       f"program rozwoju pieczy zastępczej, cel 1.2, 2027{NBSP}r.")
    assert f"na 2027{NBSP}r., a strategia podaje dla niego tylko" in f.text
    assert f"na 2028{NBSP}r. (cel 1.2)" in f.text and f"na 2035{NBSP}r. (cel 1.2)" in f.text
    n = len(got.notes)         # with the demo's justified targets (notes as well)
    assert f"Zapisano też {n}\u00a0uwag" in got.conclusion()


def test_an_amount_conflict_of_the_same_tasks(demo, tmp_path):
    # the strategy's directions 1.2.1, 1.2.2 and 1.3.1 hold the programme's tasks: from the
    # powiat in 2027 150 000 + 3 950 000 + 124 000 = 4 224 000 zł; the copy says 4 100 000
    *_, vals, reg, _ = demo
    strat, programmes = _demo_copy(tmp_path, "2027: 4224000", "2027: 4100000")
    got = check_powiat(strat, programmes, vals, name=reg.display_name)
    (f,) = got.inconsistencies
    assert f.kind == "kwoty_zadan" and f.values == (4_100_000, 4_224_000)
    # the directions are named in the order the programme maps its tasks to them
    assert f.text.startswith(f"Te same zadania mają na 2027{NBSP}r. z budżetu powiatu "
                             f"4{NBSP}100{NBSP}000{NBSP}zł w programie rozwoju pieczy zastępczej "
                             f"(ramy finansowe programu) i 4{NBSP}224{NBSP}000{NBSP}zł w strategii "
                             "(kierunki ")
    assert sorted(re.findall(r"\d\.\d\.\d", f.text.split(" w strategii ")[1])) == [
        "1.2.1", "1.2.2", "1.3.1"]
    assert f.where[0] == f"program rozwoju pieczy zastępczej, ramy finansowe programu, 2027{NBSP}r."
    assert f.where[1].startswith("strategia, kierunki ") and f.where[1].endswith(f"2027{NBSP}r.")


def test_amounts_of_a_programme_direction_mapped_in_the_plan(tmp_path):
    s = strategy(tmp_path)           # direction 1.1.1: 1 000 000 + 500 000 + 50 000 a year
    costs = """            koszty:
              - zrodlo: budżet powiatu
                kwoty: {2026: 900000, 2027: 1000000, 2028: 1000000}
              - zrodlo: współfinansowanie gmin
                kwoty: {2026: 500000, 2027: 500000, 2028: 500000}
              - zrodlo: budżet państwa
                kwoty: {2026: 50000, 2027: 50000, 2028: 50000}
"""
    p = plan(tmp_path, "program_pieczy_zastepczej", "3007", (2026, 2028), costs=costs,
             extra='w_strategii:\n  "1.1.1": ["1.1.1", "9.9.9"]\n')
    got, st = same_tasks(s, [p])
    assert [f.text for f in got] == [
        ("Program rozwoju pieczy zastępczej wskazuje kierunek strategii 9.9.9 jako miejsce "
         "swoich kosztów, a strategia nie ma takiego kierunku."),
        (f"Te same zadania mają na 2026{NBSP}r. z budżetu powiatu 900{NBSP}000{NBSP}zł w "
         f"programie rozwoju pieczy zastępczej (kierunek 1.1.1) i 1{NBSP}000{NBSP}000{NBSP}zł w "
         "strategii (kierunek 1.1.1).")]
    assert st == Status("kwoty_zadan", CHECKED)
    # without the mapping the directions of the same name are compared ("Działanie")
    p = plan(tmp_path, "program_pieczy_zastepczej", "3007", (2026, 2028), costs=costs)
    got, st = same_tasks(s, [p])
    assert [f.values for f in got] == [(900_000, 1_000_000)] and st.state == CHECKED
    # a programme with money only by source and no mapping cannot be compared
    got, st = same_tasks(s, [foster(tmp_path)])
    assert got == [] and st == Status(
        "kwoty_zadan", NOT_CHECKED, "program nie wskazuje, w których kierunkach strategii ujęto "
        "jego zadania, a nazwy kierunków się nie pokrywają")


TERMS = """dokument: strategia_powiatu
jednostka: "3007"
instytucja: PCPR
lata: [2026, 2030]
cele_strategiczne:
  - id: "1"
    nazwa: Rodzina
    cele_operacyjne:
      - id: "1.1"
        nazwa: Wsparcie
        kierunki:
          - id: "1.1.1"
            nazwa: Szkolenia
            realizatorzy: [PCPR]
            termin: 2027-2030
            wskazniki_produktu:
              - nazwa: Liczba szkoleń
                jednostka: szkolenie
                cel: 4
                rok_docelowy: 2030
            koszty:
              - zrodlo: budżet powiatu
                kwoty: {2026: 10000, 2027: 10000, 2028: 10000, 2029: 0, 2030: 0}
          - id: "1.1.2"
            nazwa: Poradnictwo
            realizatorzy: [PCPR]
            termin: do ustalenia
            koszty:
              - zrodlo: budżet powiatu
                kwoty: {2026: 5000}
        wskazniki:
          - nazwa: Liczba porad
            jednostka: porada
            bazowa: 1
            cel: 2
            rok_docelowy: 2030
"""


def test_terms_against_funding(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(TERMS, encoding="utf-8")
    s = load_plan(path)
    got, st = terms_against_funding([s])
    # 1.1.1: term 2027-2030, money in 2026-2028: 2026 outside the term, 2029-2030 without money
    assert [f.text for f in got] == [
        (f"Kierunek 1.1.1 (strategia) ma termin 2027–2030, a koszty także poza nim: w "
         f"2026{NBSP}r. (na 2026{NBSP}r. 10{NBSP}000{NBSP}zł)."),
        ("Kierunek 1.1.1 (strategia) ma termin 2027–2030, a w latach 2029–2030 nie ma na niego "
         "pieniędzy (koszty są w latach 2026–2028).")]
    assert got[0].values == ("2027–2030", 10_000)
    assert got[1].where == ("strategia, kierunek 1.1.1, termin",
                            f"strategia, kierunek 1.1.1, koszty, 2029{NBSP}r.")
    assert st == Status("termin_finansowanie", PARTLY,
                        "nie odczytano lat z terminu: strategia, kierunek 1.1.2 („do ustalenia”)")


def test_targets_after_the_funding_stops(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(TERMS, encoding="utf-8")
    got, st = targets_after_funding([load_plan(path)], catalog=default_catalog())
    # the output of 1.1.1 for 2030 (money to 2028); the goal's indicator for 2030 (its
    # directions' money ends in 2028 - 1.1.1 - and 2026 - 1.1.2)
    assert [f.text for f in got] == [
        (f"Wskaźnik „Liczba porad” (strategia, cel 1.1) ma wartość docelową 2 na 2030{NBSP}r., "
         f"a finansowanie kierunków tego celu kończy się w 2028{NBSP}r."),
        (f"Wskaźnik „Liczba szkoleń” (strategia, kierunek 1.1.1) ma wartość docelową 4 na "
         f"2030{NBSP}r., a finansowanie kierunku kończy się w 2028{NBSP}r.")]
    assert [f.values for f in got] == [(2030, 2028), (2030, 2028)]
    assert st.state == CHECKED


def test_term_years():
    assert term_years("2026-2030", (2026, 2035)) == (2026, 2030)
    assert term_years("2026–2035 r.", (2026, 2035)) == (2026, 2035)
    assert term_years("2027", (2026, 2035)) == (2027, 2027)
    assert term_years("od 2028", (2026, 2035)) == (2028, 2035)
    assert term_years("cały okres realizacji", (2026, 2035)) == (2026, 2035)
    assert term_years("do ustalenia", (2026, 2035)) is None
    assert term_years("2030-2026", (2026, 2035)) is None


INSTITUTIONS = """instytucje_stan_na: 2024-12-31
instytucje:
  - rodzaj: dps
    nazwa: DPS w Koźminku
    miejsca: 96
    zajete: 90
    oczekujacy: 20
  - rodzaj: dps
    nazwa: DPS w Liskowie
    miejsca: 105
    zajete: 100
    oczekujacy: 8
  - rodzaj: sds
    nazwa: ŚDS w Opatówku
    miejsca: 30
  - rodzaj: oik
    nazwa: OIK przy PCPR
    miejsca: 6
"""


def test_institutions_against_the_data(tmp_path):
    s = strategy(tmp_path, extra=INSTITUTIONS)
    v = values([("3007", 2024, "dps_miejsca", 251.0), ("3007", 2024, "dps_oczekujacy", 39.0),
                ("3007", 2023, "dps_miejsca", 201.0), ("3007", 2023, "sds_miejsca", 30.0)])
    got, st = institutions_against_data(s, v, catalog=default_catalog())
    # DPS: 96 + 105 = 201 places against 251; 20 + 8 = 28 waiting against 39 (2024 data;
    # the 2023 value that equals the plan is another year)
    assert [f.values for f in got] == [(201, 251), (28, 39)]
    as_of = f"stan na 31{NBSP}grudnia{NBSP}2024{NBSP}r."
    assert got[0].text == (f"Liczba miejsc w domach pomocy społecznej: strategia w opisie "
                           f"instytucji ({as_of}) podaje 201{NBSP}miejsc, a dane "
                           f"powiatu za 2024{NBSP}r. – 251{NBSP}miejsc.")
    assert got[1].where == (f"strategia, instytucje, {as_of}", f"dane, 2024{NBSP}r.")
    assert st == Status("instytucje_dane", PARTLY,
                        f"dane nie mają za 2024{NBSP}r. liczby miejsc w środowiskowych domach "
                        "samopomocy; dane nie mają wskaźników dla: ośrodki interwencji "
                        "kryzysowej")
    got, st = institutions_against_data(strategy(tmp_path), v, catalog=default_catalog())
    assert got == [] and st == Status("instytucje_dane", NOT_CHECKED,
                                      "strategia nie podaje instytucji")


def test_gmina_targets_summed_against_the_strategys(tmp_path):
    target = """          - wskaznik: asystenci_rodziny
            cel: {}
            rok_docelowy: 2028
"""
    s = strategy(tmp_path, targets=target.format(10))
    a = family(tmp_path, targets=target.format(4))
    b = family(tmp_path, unit="3007012", targets=target.format(5))
    cat = default_catalog()
    got, st, _ = same_targets(s, [], [a, b], ["3007083", "3007012"], catalog=cat)
    (f,) = got                                                  # 4 + 5 = 9 against 10
    assert f.kind == "cel_wskaznika" and f.values == (10.0, 9.0)
    assert st.note == "powiat nie ma jeszcze programu rozwoju pieczy zastępczej"
    got, st, _ = same_targets(s, [foster(tmp_path)], [a], ["3007083", "3007012"], catalog=cat)
    assert got == [] and st == Status(
        "cel_wskaznika", PARTLY, "cele gmin zsumowane można porównać z celem powiatu dopiero, "
        f"gdy mają je wszystkie gminy: „Liczba asystentów rodziny” na 2028{NBSP}r. (cel ma 1 z 2 "
        "gmin)")


def test_not_checked_categories_without_programmes(tmp_path):
    got = check_powiat(strategy(tmp_path), [], SPENDING)
    assert got.findings == []
    expected = {
        "rama_program": "brak programów: powiat nie ma jeszcze programu rozwoju pieczy "
                        "zastępczej ani gminnych programów wspierania rodziny",
        "kwoty_zadan": "powiat nie ma jeszcze programu rozwoju pieczy zastępczej",
        "wspolfinansowanie": "powiat nie ma jeszcze programu rozwoju pieczy zastępczej, który "
                             "podaje udział gmin",
        "cel_wskaznika": "brak programów, z którymi można porównać",
        "program_wydatki": "brak programów z kwotami na pieczę zastępczą",
        "instytucje_dane": "strategia nie podaje instytucji",
    }
    for kind, why in expected.items():
        assert got.status(kind) == Status(kind, NOT_CHECKED, why)
    # the annex does not claim a comparison with programmes that do not exist
    assert got.compared.startswith("Przed przekazaniem projektu porównano liczby strategii z "
                                   "danymi jednostek. Powiat nie ma jeszcze programu rozwoju "
                                   "pieczy zastępczej")
    assert "programem" not in got.compared and "programami" not in got.compared
    text = got.conclusion()
    assert text.startswith("W sprawdzonym zakresie") and "Nie stwierdzono" not in text
    assert "nie sprawdzono: " in text and CHECKS["kwoty_zadan"][0] in text


def test_not_checked_when_gmina_programmes_hold_no_amounts(tmp_path):
    names = {"3007083": "Opatówek", "3007012": "Blizanów", "3007022": "Brzeziny"}.get
    empty = plan(tmp_path, "program_wspierania_rodziny", "3007083", (2026, 2028))
    got = check_powiat(strategy(tmp_path), [foster(tmp_path), empty], SPENDING, name=names,
                       gminas=["3007012", "3007022", "3007083"])
    coverage = ("sprawdzono dla 0 z 3 gmin; gminy bez własnego programu: Blizanów, Brzeziny; "
                "gminy bez kwot w programie: Opatówek")
    assert got.status("wspolfinansowanie") == Status(
        "wspolfinansowanie", NOT_CHECKED, "żaden gminny program nie podaje kwot "
        f"współfinansowania pieczy zastępczej ({coverage})")
    assert got.status("rama_program") == Status("rama_program", PARTLY, coverage)


def test_unknown_gminas_and_no_documents_are_never_a_full_check(tmp_path):
    # the data know no gmina of the powiat: the gminas' money cannot be checked in full, and
    # Opatówek's 80 000 zł is not required to equal the programme's 300 000 zł gmina share;
    # the powiat's 900 000 zł spending is within the strategy's 1 000 000 zł
    got = check_powiat(strategy(tmp_path), [foster(tmp_path), family(tmp_path)],
                       values([("3007", 2024, "wydatki_piecza_powiat", 900_000.0)]))
    assert got.findings == []
    for kind in ("rama_program", "wspolfinansowanie"):
        assert got.status(kind) == Status(kind, PARTLY, "nie wiadomo, ile gmin ma powiat (dane "
                                          "nie mają gmin) – sprawdzono tylko gminy z własnym "
                                          "programem")
    nothing = check_powiat(None, [], values([]))
    assert {st.state for st in nothing.statuses} == {NOT_CHECKED}
    assert nothing.conclusion().startswith("Kontroli nie przeprowadzono")


COMPLETE_STRATEGY = """dokument: strategia_powiatu
jednostka: "3007"
instytucja: PCPR
lata: [2026, 2028]
cele_strategiczne:
  - id: "1"
    nazwa: Rodzina
    cele_operacyjne:
      - id: "1.1"
        nazwa: Wsparcie
        kierunki:
          - id: "1.1.1"
            nazwa: Zatrudnienie asystentów rodziny
            realizatorzy: [PCPR]
            termin: 2026-2028
            wskazniki_produktu:
              - wskaznik: asystenci_rodziny
                cel: 19
                rok_docelowy: 2028
            koszty:
              - zrodlo: budżet powiatu
                kwoty: {2026: 1000000, 2027: 1000000, 2028: 1000000}
              - zrodlo: budżety gmin
                kwoty: {2026: 500000, 2027: 500000, 2028: 500000}
              - zrodlo: budżet państwa
                kwoty: {2026: 50000, 2027: 50000, 2028: 50000}
        wskazniki:
          - wskaznik: udzial_pieczy_rodzinnej
            cel: 85
            rok_docelowy: 2028
          - wskaznik: rodziny_na_asystenta
            cel: 12
            rok_docelowy: 2028
"""
FAMILY_CARE_85 = """          - wskaznik: udzial_pieczy_rodzinnej
            cel: 85
            rok_docelowy: 2028
"""


def complete_set(tmp_path, *, sds=5.0):
    """Documents and data every category can be checked on in full, and agree."""
    inst = """instytucje_stan_na: 2024-12-31
instytucje:
  - rodzaj: dps
    nazwa: DPS
    miejsca: 10
    zajete: 9
    oczekujacy: 2
  - rodzaj: sds
    nazwa: ŚDS
    miejsca: 5
  - rodzaj: wtz
    nazwa: WTZ
    miejsca: 4
    zajete: 4
"""
    path = tmp_path / "strategia_complete.yaml"
    path.write_text(COMPLETE_STRATEGY + inst, encoding="utf-8")
    s = load_plan(path)
    fp = foster(tmp_path, powiat=(1_000_000,) * 3, gminy=(500_000,) * 3, targets=FAMILY_CARE_85,
                extra='w_strategii: ["1.1.1"]\n')
    fam = family(tmp_path, own=0, cofin=500_000)
    rows = [("3007", 2024, "wydatki_piecza_powiat", 1_200_000.0),
            ("3007083", 2024, "wydatki_gminy_piecza", 400_000.0),
            ("3007", 2024, "dps_miejsca", 10.0), ("3007", 2024, "dps_oczekujacy", 2.0),
            ("3007", 2024, "wtz_uczestnicy", 4.0), ("3007", 2024, "rodziny_na_asystenta", 12.0)]
    # five years of data: family care 80 % (forecast 80 %, below the target 85 %); 15
    # assistants costing 1 200 000 zł (80 000 zł each, flat: 19 x 80 000 = 1 520 000 zł,
    # within 15 % of the direction's 1 550 000 zł in 2028); 12 families per assistant x 15 =
    # 180 families, and 12 x 19 = 228 with the planned staff
    for y in range(2020, 2025):
        rows += [("3007", y, "udzial_pieczy_rodzinnej", 80.0),
                 ("3007", y, "asystenci_rodziny", 15.0),
                 ("3007", y, "koszt_asystentow", 1_200_000.0)]
    if sds is not None:
        rows.append(("3007", 2024, "sds_miejsca", sds))
    return s, [fp, fam], values(rows)


def test_nie_stwierdzono_only_when_every_category_was_checked(tmp_path):
    # strategy 1.1.1 = programme (1 000 000 + 500 000 + 50 000 a year, w_strategii); the only
    # gmina's co-financing 500 000 = the programme's gmina share; own foster spending
    # 1 200 000 - 400 000 = 800 000 <= 1 000 000; family care 85 % for 2028 in both; DPS, ŚDS
    # and WTZ equal to the data; targets, staff and unit costs as complete_set says
    s, programmes, v = complete_set(tmp_path)
    got = check_powiat(s, programmes, v, gminas=["3007083"])
    assert got.findings == []
    assert [st.state for st in got.statuses] == [CHECKED] * len(CHECKS)
    assert got.complete
    assert got.conclusion().startswith("Nie stwierdzono niespójności")
    # the same set without the data on ŚDS places: one category partly checked
    s, programmes, v = complete_set(tmp_path, sds=None)
    got = check_powiat(s, programmes, v, gminas=["3007083"])
    assert got.findings == [] and not got.complete
    assert got.status("instytucje_dane").state == PARTLY
    assert not got.conclusion().startswith("Nie stwierdzono")
    assert "sprawdzono tylko częściowo: instytucje a dane" in got.conclusion()
    # ... and with ŚDS places that differ: a finding
    s, programmes, v = complete_set(tmp_path, sds=8.0)
    got = check_powiat(s, programmes, v, gminas=["3007083"])
    assert [f.values for f in got.findings] == [(5, 8)] and got.complete
    assert got.conclusion().startswith(f"Stwierdzono 1{NBSP}niespójność")


def _texts(path):
    d = docx.Document(str(path))
    return ([p.text for p in d.paragraphs if p.text.strip()],
            [[[c.text for c in r.cells] for r in t.rows] for t in d.tables])


def test_control_annex_shows_categories_findings_and_conclusion(tmp_path):
    statuses = [Status(k, CHECKED) for k in CHECKS]
    statuses[list(CHECKS).index("kwoty_zadan")] = Status(
        "kwoty_zadan", NOT_CHECKED, "powiat nie ma jeszcze programu rozwoju pieczy zastępczej")
    statuses[list(CHECKS).index("wspolfinansowanie")] = Status(
        "wspolfinansowanie", PARTLY, "sprawdzono dla 1 z 11 gmin")
    control = Control(statuses, [Finding("cel_wskaznika", "3007", "Cel 6 wobec 7.")],
                      "Przed przekazaniem projektu porównano liczby strategii z danymi.")
    rep = new_report("Strategia", subject="Strategia", author="PCPR", demo=False)
    rep.heading("Kontrola spójności", 1)
    control_annex(rep, control)
    paras, tables = _texts(rep.save(tmp_path / "a.docx"))
    assert paras[1].startswith("Przed przekazaniem projektu porównano liczby strategii z danymi.")
    cats, found = tables
    assert cats[0] == ["Kategoria", "Stan", "Wynik"] and len(cats) == len(CHECKS) + 1
    by_name = {r[0]: r[1:] for r in cats[1:]}
    assert by_name[CHECKS["cel_wskaznika"][0]] == ["sprawdzono", f"1{NBSP}niespójność"]
    assert by_name[CHECKS["kwoty_zadan"][0]] == [
        "nie sprawdzono", "powiat nie ma jeszcze programu rozwoju pieczy zastępczej"]
    assert by_name[CHECKS["okres_sprawozdania"][0]] == ["sprawdzono", "zgodne"]
    assert by_name[CHECKS["wspolfinansowanie"][0]] == [
        "sprawdzono częściowo", "zgodne w sprawdzonym zakresie; sprawdzono dla 1 z 11 gmin"]
    assert found == [["Kategoria", "Ustalenie"], [CHECKS["cel_wskaznika"][0], "Cel 6 wobec 7."]]
    assert paras[-1] == (f"Stwierdzono 1{NBSP}niespójność; każdą należy wyjaśnić albo poprawić "
                         "przed przyjęciem dokumentu. Kontrola nie jest pełna – nie sprawdzono: "
                         "kwoty tych samych zadań, a sprawdzono tylko częściowo: "
                         "współfinansowanie gmin (powody w tabeli kategorii).")
    assert not any(p.startswith("Nie stwierdzono") for p in paras)

    rep = new_report("Strategia", subject="Strategia", author="PCPR", demo=False)
    rep.heading("Kontrola spójności", 1)
    control_annex(rep, Control([Status(k, CHECKED) for k in CHECKS], [], "Porównano."))
    paras, tables = _texts(rep.save(tmp_path / "b.docx"))
    assert len(tables) == 1 and paras[-1].startswith("Nie stwierdzono niespójności")


def test_control_document_holds_the_findings_and_the_strategy_none(demo, tmp_path):
    # the demo plans with the powiat's money for foster care (direction 1.2.2) cut in 2026
    # from 3 700 000 to 1 000 000 zł: the powiat then gives 2 700 000 zł less than the demo
    # strategy's frame (about 3 000 000 zł), less than the foster programme's 3 970 000 zł and
    # less than the
    # 3 783 379,01 zł the powiat paid for foster care from its own budget in 2024; the
    # directions holding the programme's tasks give 150 000 + 1 000 000 + 120 000 =
    # 1 270 000 zł from the powiat against the programme's 3 970 000 zł
    *_, store = demo
    folder = tmp_path / "plany"
    folder.mkdir()
    for p in (ROOT / "data/raw/plany").glob("*.yaml"):
        text = p.read_text(encoding="utf-8")
        if "strategia" in p.name:
            assert text.count("kwoty: {2026: 3700000,") == 1
            text = text.replace("kwoty: {2026: 3700000,", "kwoty: {2026: 1000000,")
        (folder / p.name).write_text(text, encoding="utf-8")
    from strategy.documents.builders import build_kontrola, build_strategia
    from strategy.inputs.load import load_control, load_strategy

    plan = load_plan(folder / "DANE_DEMONSTRACYJNE_3007_strategia.yaml")
    demo_powiat = load_plan(ROOT / "data/raw/plany/DANE_DEMONSTRACYJNE_3007_strategia.yaml"
                            ).by_payer()["powiat"][2026]
    cut = demo_powiat - 2_700_000
    assert plan.by_payer()["powiat"][2026] == cut < 3_783_379.01
    out = build_kontrola(load_control(store, plan), tmp_path / "out" / "kontrola_spojnosci.docx")
    control = json.loads((out.parent / "kontrola_spojnosci.kontrola.json")
                         .read_text(encoding="utf-8"))
    texts = [w["text"] for w in control["warnings"] if w["kind"] == "spojnosc"]
    assert len(texts) == 3
    assert (f"z budżetu powiatu 3{NBSP}970{NBSP}000{NBSP}zł w programie" in texts[0]
            and f"1{NBSP}270{NBSP}000{NBSP}zł w strategii" in texts[0])
    assert f"z budżetu powiatu {fmt_amount(cut, None)}" in texts[1]
    assert f"3{NBSP}970{NBSP}000{NBSP}zł" in texts[1]
    assert f"3{NBSP}783{NBSP}379,01{NBSP}zł" in texts[2]
    paras, tables = _texts(out)
    assert paras[0] == "Raport z kontroli spójności dokumentów powiatu kaliskiego"
    found = next(t for t in tables if t[0] == ["Kategoria", "Ustalenie"])
    rows = [r for r in found[1:] if not r[0].endswith(" (uwaga)")]  # notes are no warnings
    assert [r[1] for r in rows] == texts
    assert [r[0] for r in rows] == [CHECKS[k][0] for k in
                                    ("kwoty_zadan", "rama_program", "rama_wydatki")]
    assert paras[-1].startswith(f"Stwierdzono 3{NBSP}niespójności")


    # the strategy of the same plans holds neither the control nor its findings
    strategy = build_strategia(load_strategy(store, plan), tmp_path / "out" / "strategia.docx")
    assert not (strategy.parent / "strategia.kontrola.json").exists()
    paras, tables = _texts(strategy)
    assert not any("spójności" in p for p in paras)
    assert not any(t[0] in (["Kategoria", "Ustalenie"], ["Kategoria", "Stan", "Wynik"])
                   for t in tables)


def test_a_target_conflict_in_a_copy_of_the_foster_programme_is_in_the_control_document(
        demo, tmp_path):
    # the strategy's direction 1.2.2 gives 6 coordinators of family foster care for 2028; the
    # copy of the programme's plan says 7 for 2028 in its goal 1.2
    *_, store = demo
    strat, programmes = _demo_copy(tmp_path, "koordynatorzy_pieczy\n            cel: 6",
                                   "koordynatorzy_pieczy\n            cel: 7")
    from strategy.documents.builders import build_kontrola
    from strategy.inputs.load import load_control

    inputs = load_control(store, strat)       # the programmes from the plan's folder
    assert {p.kind for p in inputs.programmes} == {"program_pieczy_zastepczej",
                                                   "program_wspierania_rodziny"}
    out = build_kontrola(inputs, tmp_path / "out" / "kontrola_spojnosci.docx")
    paras, tables = _texts(out)
    found = next(t for t in tables if t[0] == ["Kategoria", "Ustalenie"])
    rows = [r for r in found[1:] if not r[0].endswith(" (uwaga)")]
    assert len(rows) == 1 and rows[0][0] == CHECKS["cel_wskaznika"][0]
    sentence = rows[0][1]
    assert f"strategia (kierunek 1.2.2) ma wartość docelową 6{NBSP}osób na 2028{NBSP}r." \
        in sentence
    assert f"program rozwoju pieczy zastępczej (cel 1.2) – 7{NBSP}osób na ten sam rok" in sentence
    cats = next(t for t in tables if t[0] == ["Kategoria", "Stan", "Wynik"])
    row = next(r for r in cats if r[0] == CHECKS["cel_wskaznika"][0])
    assert row[1:] == ["sprawdzono", f"1{NBSP}niespójność"]
    assert paras[-1].startswith(f"Stwierdzono 1{NBSP}niespójność")
    control = json.loads((out.parent / "kontrola_spojnosci.kontrola.json")
                         .read_text(encoding="utf-8"))
    assert control["warnings"] == [{"kind": "spojnosc", "text": sentence}]


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
                  plans=plans, only=["strategia", "kontrola_spojnosci"])
    assert sorted(j.document for j in jobs) == ["kontrola_spojnosci", "strategia"]
    for job in jobs:
        names = {Path(p).name for p in job.inputs}
        assert {"DANE_DEMONSTRACYJNE_3007_strategia.yaml",
                "DANE_DEMONSTRACYJNE_3007_program_pieczy.yaml",
                "DANE_DEMONSTRACYJNE_3007083_program_wspierania_rodziny.yaml"} <= names
        assert "inny_3008012_program.yaml" not in names


def test_build_summary_and_index_show_the_control_report_with_its_finding(demo, tmp_path,
                                                                          monkeypatch, capsys):
    # the injected conflict of the test above, built by `strategy build` as a user builds it:
    # the summary and index.html name the control report and its one finding
    import html

    from strategy import store as S
    from strategy.batch.build import BuildOptions, run_build
    from strategy.batch.jobs import DEFAULT_TABLE

    *_, store = demo
    _demo_copy(tmp_path, "koordynatorzy_pieczy\n            cel: 6",
               "koordynatorzy_pieczy\n            cel: 7")
    table = DEFAULT_TABLE.read_text(encoding="utf-8")
    assert table.count('plans = "data/raw/plany"') == 1
    (tmp_path / "jobs.toml").write_text(
        table.replace('plans = "data/raw/plany"', f'plans = "{(tmp_path / "plany").as_posix()}"'),
        encoding="utf-8")
    S.write(store, tmp_path / "indicators.parquet")
    monkeypatch.chdir(ROOT)      # the table's notebook paths are relative to the project root
    report = run_build(BuildOptions(powiat=["3007"], only=["kontrola_spojnosci"], jobs=1,
                                    html=False, store=tmp_path / "indicators.parquet",
                                    reports=tmp_path / "reports", table=tmp_path / "jobs.toml"))
    out = capsys.readouterr().out
    assert report.exit_status == 0, out
    assert [r["document"] for r in report.ran] == ["kontrola_spojnosci"]
    assert "kontrola_spojnosci" in out and "ostrzeżenia kontroli: 1;" in out
    [line] = [x for x in out.splitlines() if x.startswith("OSTRZEŻENIE:")]
    assert "kontrola_spojnosci.docx" in line
    assert f"wartość docelową 6{NBSP}osób" in line and f"– 7{NBSP}osób" in line
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    [row] = [r for r in index.split("<tr") if "Raport z kontroli spójności" in r]
    assert "<td>gotowy</td>" in row and "kontrola_spojnosci.docx" in row
    assert row.count("<li>") == 1 and html.escape(f"– 7{NBSP}osób") in row
    assert "z ostrzeżeniami kontroli: 1" in index
