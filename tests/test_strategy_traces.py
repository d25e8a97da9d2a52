"""The strategy's goals traced to the diagnosis and its targets flagged against the forecast:
a goal cites the findings of its indicators, every priority area is answered by a goal or
deferred with a reason (else a build warning and a mark), a ranking of near-zero scores names
no first priority, a target no better than the forecast is marked under its table.

A tiny plan and a hand-made diagnosis (ranking, areas, gminas compared, trends) stand in for
the demo, so each expectation can be computed by hand."""
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from strategy.analysis.trend import Trend
from strategy.catalog import default_catalog
from strategy.documents.blocks import Bullets, Paragraph, Recorder, Table, plain_text
from strategy.documents.builders import strategia_chapters as ch
from strategy.documents.builders.strategia_chapters import StrategyContext
from strategy.errors import PlanError
from strategy.plan import load_plan
from strategy.units import default_registry

NBSP = "\u00a0"

PLAN = """\
dokument: strategia_powiatu
jednostka: "3007"
instytucja: Powiatowe Centrum Pomocy Rodzinie w Kaliszu
tytul: Strategia
lata: [2026, 2035]
{deferred}
cele_strategiczne:
  - id: "1"
    nazwa: Rodzina
    cele_operacyjne:
      - id: "1.1"
        nazwa: Wsparcie rodzin
        kierunki:
          - id: "1.1.1"
            nazwa: Asystentura
            wskazniki_produktu:
              - nazwa: Liczba szkoleń
                jednostka: szkolenie
                bazowa: 1
                cel: 3
                rok_docelowy: 2030
            realizatorzy: [OPS]
            termin: 2026-2035
        wskazniki:
          - wskaznik: rodziny_na_asystenta
            cel: 11
            rok_docelowy: 2030
      - id: "1.2"
        nazwa: Przeciwdziałanie przemocy
        kierunki:
          - id: "1.2.1"
            nazwa: Program korekcyjny
            wskazniki_produktu:
              - nazwa: Liczba uczestników
                jednostka: osoba
                bazowa: 8
                cel: 12
                rok_docelowy: 2030
            realizatorzy: [PCPR]
            termin: 2026-2035
        wskazniki:
          - wskaznik: niebieskie_karty_na_10tys
            cel: 20
            rok_docelowy: 2030
"""
DEFER_LABOUR = """\
obszary_odroczone:
  - obszar: Rynek pracy i bezrobocie
    powod: aktywizację zawodową prowadzi powiatowy urząd pracy w swoim programie
"""


def plan_of(tmp_path, deferred=""):
    p = tmp_path / "plan.yaml"
    p.write_text(PLAN.format(deferred=deferred), encoding="utf-8")
    return load_plan(p)


def diagnosis(scores: dict[str, float]):
    """A powiat diagnosis of 2024: violence compared with the województwo (24,7 against 20,0,
    rising significantly since 2015 from 18,0), families per assistant compared with three
    gminas (Blizanów 14,0 is 14,8% above the powiat's 12,2; Brzeziny 12,5 only 2,5%;
    Ceków-Kolonia 11,0 is better), areas scored as ``scores`` says."""
    ranking = pd.DataFrame([
        {"indicator": "niebieskie_karty_na_10tys", "area": "przemoc", "year": 2024,
         "value": 24.7, "reference_value": 20.0, "reference": "wojewodztwo",
         "score": scores.get("przemoc", 0.0)},
        {"indicator": "rodziny_na_asystenta", "area": "rodzina", "year": 2024, "value": 12.2,
         "reference_value": float("nan"), "reference": "gminy",
         "score": scores.get("rodzina", 0.0)},
    ])
    tops = {"przemoc": ["niebieskie_karty_na_10tys"], "rodzina": ["rodziny_na_asystenta"]}
    areas = pd.DataFrame([{"area": a, "area_name": default_catalog().areas[a], "score": s,
                           "n_indicators": 1, "top_indicators": tops.get(a, []) if s > 0 else []}
                          for a, s in sorted(scores.items(), key=lambda x: -x[1])])
    comparisons = pd.DataFrame([
        {"teryt": t, "indicator": "rodziny_na_asystenta", "year": 2024, "value": v,
         "powiat_value": 12.2}
        for t, v in (("3007012", 14.0), ("3007022", 12.5), ("3007032", 11.0))])
    trend = Trend("niebieskie_karty_na_10tys", "3007", 2015, 2024, 18.0, 24.7, 6.7, 37.2, 3.6,
                  0.7, 0.4, 1.0, True, "wzrost", 0.5, 2.1, 10)
    return SimpleNamespace(ranking=ranking, areas=areas, comparisons=comparisons,
                           trend_items={"niebieskie_karty_na_10tys": trend}, figures={},
                           no_map="", year=2024)


def values_frame(rows=()):
    return pd.DataFrame(list(rows), columns=["teryt", "year", "indicator", "value", "level"])


def context(plan, d, values=None):
    return StrategyContext(plan, d, values_frame() if values is None else values,
                           default_catalog(), default_registry(), demo=False)


def texts(rec):
    return [plain_text(b).replace(NBSP, " ") for b in rec.blocks
            if isinstance(b, (Paragraph, Bullets))]


def table(rec, caption):
    (t,) = [b for b in rec.blocks if isinstance(b, Table) and b.caption == caption]
    return t.frame


SCORES = {"przemoc": 0.40, "rodzina": 0.30, "bezdomnosc": 0.10, "rynek_pracy": 0.05,
          "uzaleznienia": 0.0}


# -- goals cite the findings -------------------------------------------------------------------
def test_goal_cites_its_area_and_findings(tmp_path):
    ctx = context(plan_of(tmp_path), diagnosis(SCORES))
    rec = Recorder()
    ch.goals(rec, ctx)
    lines = "\n".join(texts(rec))
    # 1.2's indicator is in "Przemoc domowa", first of the ranking
    assert ("Cel operacyjny 1.2 odpowiada na obszar diagnozy „Przemoc domowa” (miejsce 1 w "
            "uszeregowaniu), a w nim na ustalenia:") in lines
    # value, trend (18,0 -> 24,7, more Blue Cards is worse) and the województwo, name once
    assert ("Liczba procedur „Niebieskie Karty” na 10 tys. mieszkańców: 24,7 na 10 tys. "
            "mieszkańców w 2024 r.; wyraźna tendencja wzrostowa od 2015 r. (z 18,0 na 10 tys. "
            "mieszkańców), niekorzystna; więcej niż w województwie (20,0 na 10 tys. "
            "mieszkańców).") in lines
    assert lines.count("Liczba procedur „Niebieskie Karty”") == 1
    # 1.1 against the gminas: only Blizanów is 10 % or more above the powiat (14,0 / 12,2)
    assert "Cel operacyjny 1.1 odpowiada na obszar diagnozy „Rodzina i wspieranie rodziny” " \
        "(miejsce 2 w uszeregowaniu)" \
        in lines
    assert ("w 1 z 3 gmin co najmniej o 10% mniej korzystnie niż w powiecie (najmniej "
            "korzystnie: Blizanów, 14,0") in lines


# -- every priority area answered or deferred --------------------------------------------------
def test_area_neither_answered_nor_deferred_is_marked_and_warned(tmp_path):
    ctx = context(plan_of(tmp_path), diagnosis(SCORES))
    rec = Recorder()
    ch.areas_goals(rec, ctx)
    frame = table(rec, "Obszary problemowe diagnozy a cele strategii")
    # areas with a score above 0 in the ranking's order; "Uzależnienia" (0) is not listed
    assert list(frame["Obszar problemowy"]) == ["Przemoc domowa", "Rodzina i wspieranie rodziny",
                                                "Bezdomność", "Rynek pracy i bezrobocie"]
    cells = dict(zip(frame["Obszar problemowy"], frame["Cele operacyjne strategii"]))
    assert cells["Przemoc domowa"] == "1.2. Przeciwdziałanie przemocy"
    assert cells["Bezdomność"].startswith("brak celu i brak powodu odroczenia")
    warnings = [w for kind, w in ctx.data_warnings if kind == "obszary"]
    assert len(warnings) == 2                     # Bezdomność (3rd) and Rynek pracy (4th)
    assert "„Bezdomność” (miejsce 3)" in warnings[0]
    assert "„Rynek pracy i bezrobocie” (miejsce 4)" in warnings[1]


def test_deferred_area_is_shown_with_its_reason(tmp_path):
    plan = plan_of(tmp_path, DEFER_LABOUR)
    assert [(d.area, d.line) for d in plan.deferred_areas] == [("rynek_pracy", 7)]
    ctx = context(plan, diagnosis(SCORES))
    rec = Recorder()
    ch.areas_goals(rec, ctx)
    cells = dict(zip(*(table(rec, "Obszary problemowe diagnozy a cele strategii")[c]
                       for c in ("Obszar problemowy", "Cele operacyjne strategii"))))
    assert cells["Rynek pracy i bezrobocie"] == ("odroczone: aktywizację zawodową prowadzi "
                                                 "powiatowy urząd pracy w swoim programie")
    warnings = [w for kind, w in ctx.data_warnings if kind == "obszary"]
    assert len(warnings) == 1 and "Bezdomność" in warnings[0]


def test_unknown_deferred_area_names_file_and_line(tmp_path):
    with pytest.raises(PlanError) as exc:
        plan_of(tmp_path, "obszary_odroczone:\n  - obszar: kosmos\n    powod: brak\n")
    assert "plik plan.yaml, wiersz 7: obszary_odroczone: nieznany obszar 'kosmos'" \
        in str(exc.value)


# -- a ranking of near-zero scores names no first priority ------------------------------------
def test_near_zero_ranking_names_no_first_priority(tmp_path):
    low = {"przemoc": 0.12, "rodzina": 0.06, "bezdomnosc": 0.0}
    ctx = context(plan_of(tmp_path), diagnosis(low))
    rec = Recorder()
    ch.ranking_areas(rec, ctx, charts=())
    words = " ".join(texts(rec))
    assert "Żaden obszar nie wyróżnia się wyraźnie" in words
    assert "najwyższy wynik, 0,12 (obszar „Przemoc domowa”), jest niższy niż 0,25" in words
    assert "Najwyższy wynik w powiecie ma obszar" not in words
    # the goals chapter says the order sets no priority
    rec = Recorder()
    ch.areas_goals(rec, ctx)
    assert "kolejność obszarów nie wyznacza priorytetów strategii" in " ".join(texts(rec))


def test_a_standing_out_area_is_named_first(tmp_path):
    ctx = context(plan_of(tmp_path), diagnosis(SCORES))   # 0,40 >= 0,25
    rec = Recorder()
    ch.ranking_areas(rec, ctx, charts=())
    words = " ".join(texts(rec))
    assert "Najwyższy wynik w powiecie ma obszar „Przemoc domowa”" in words
    assert "Żaden obszar nie wyróżnia się" not in words


# -- targets flagged against the forecast ------------------------------------------------------
def test_target_no_better_than_the_forecast_is_marked(tmp_path):
    """Blue Cards per 10 thousand fall by 1,0 a year, 2017-2024: 30,0 ... 23,0. A forecast
    that follows the fall, even damped by 0,8, is at most 23,0 - 0,8 = 22,2 in 2025 and lower
    after; a "less is better" target of 22,5 for 2030 is better than the baseline (23,0) but
    no better than doing nothing."""
    plan_text = PLAN.format(deferred="").replace("            cel: 20\n",
                                                  "            cel: 22.5\n")
    p = tmp_path / "plan.yaml"
    p.write_text(plan_text, encoding="utf-8")
    plan = load_plan(p)
    rows = [("3007", y, "niebieskie_karty_na_10tys", 30.0 - (y - 2017), "powiat")
            for y in range(2017, 2025)]
    ctx = context(plan, diagnosis(SCORES), values_frame(rows))
    rec = Recorder()
    ch.indicators(rec, ctx)
    frame = table(rec, "Wskaźniki realizacji działań: wartości bazowe i docelowe")
    names = dict(zip(frame["Cel"], frame["Wskaźnik"]))
    assert names["1.2"] == "Liczba procedur „Niebieskie Karty” na 10 tys. mieszkańców ¹"
    assert not names["1.1"].endswith("¹")
    note = [t for t in texts(rec) if t.startswith("¹ ")]
    assert len(note) == 1
    assert ("wartość docelowa 22,5 na 10 tys. mieszkańców na 2030 r. nie jest korzystniejsza "
            "od prognozy bez nowych działań") in note[0]
    assert "Przed przyjęciem strategii cel należy zmienić albo podać uzasadnienie." in note[0]
    warnings = [w for kind, w in ctx.data_warnings if kind == "cele"]
    assert len(warnings) == 1 and warnings[0].startswith("cel 1.2, wskaźnik „Liczba procedur")


def test_justified_flag_prints_the_reason_and_no_warning(tmp_path):
    plan_text = PLAN.format(deferred="").replace(
        "            cel: 20\n",
        "            cel: 22.5\n            uzasadnienie: zmiana definicji procedury w 2026 r.\n")
    p = tmp_path / "plan.yaml"
    p.write_text(plan_text, encoding="utf-8")
    rows = [("3007", y, "niebieskie_karty_na_10tys", 30.0 - (y - 2017), "powiat")
            for y in range(2017, 2025)]
    ctx = context(load_plan(p), diagnosis(SCORES), values_frame(rows))
    rec = Recorder()
    ch.indicators(rec, ctx)
    lines = texts(rec)
    note = [t for t in lines if t.startswith("¹ ")]
    assert note and note[0].endswith("Uzasadnienie: zmiana definicji procedury w 2026 r.")
    # the target improves on its baseline (22,5 < 23,0): no sentence of a worse value
    assert not any("dopuszcza pogorszenie" in t for t in lines)
    assert not [w for kind, w in ctx.data_warnings if kind == "cele"]


def test_demo_plan_defers_with_reasons_and_covers_the_new_duties():
    plan = load_plan(Path(__file__).resolve().parents[1]
                     / "data/raw/plany/DANE_DEMONSTRACYJNE_3007_strategia.yaml")
    assert {d.area for d in plan.deferred_areas} == {"demografia", "swiadczenia_rodzinne"}
    assert all(d.reason for d in plan.deferred_areas)
    names = " ".join(d.name.lower() for _, _, d in plan.directions())
    for duty in ("zakłady karne", "cudzoziemców", "doradztwo metodyczne"):
        assert duty in names, duty


# -- the powiat's tasks of art. 19 the scope names ---------------------------------------------
def test_resources_chapter_names_the_powiat_tasks_and_their_directions(tmp_path):
    from strategy.documents.builders import strategia_scope as scope
    plan_text = PLAN.format(deferred="").replace(
        "            nazwa: Program korekcyjny\n",
        "            nazwa: Pomoc w integracji osób opuszczających zakłady karne\n")
    p = tmp_path / "plan.yaml"
    p.write_text(plan_text, encoding="utf-8")
    rec = Recorder()
    scope.resources(rec, context(load_plan(p), diagnosis(SCORES)))
    (duties,) = [t for t in texts(rec) if t.startswith("Do zadań powiatu należą także")]
    # prison leavers: direction 1.2.1 (renamed above); foreigners and advice: none in this plan
    assert ("pomoc w integracji ze środowiskiem osobom opuszczającym zakłady karne i areszty "
            "śledcze (kierunek działań 1.2.1)") in duties
    assert ("indywidualnych programów integracji (strategia nie przewiduje jeszcze kierunku "
            "działań)") in duties
    assert "doradztwo metodyczne" in duties and duties.endswith("kierunku działań).")


def test_gmina_annex_lists_only_the_areas_that_stand_out(tmp_path):
    """Blizanów: violence 0,30 stands out (at least 0,25), family support 0,20 does not; the
    annex lists the first only, as the gmina's own diagnosis names no priority below 0,25."""
    from strategy.documents.builders.strategia_annexes import gmina_annex
    ctx = context(plan_of(tmp_path), diagnosis(SCORES))
    ctx.gmina_diagnoses = {"3007012": SimpleNamespace(areas=pd.DataFrame([
        {"area": "przemoc", "area_name": "Przemoc domowa", "score": 0.30,
         "top_indicators": ["niebieskie_karty_na_10tys"]},
        {"area": "rodzina", "area_name": "Rodzina i wspieranie rodziny", "score": 0.20,
         "top_indicators": ["rodziny_na_asystenta"]}]))}
    rec = Recorder()
    gmina_annex(rec, ctx, 1, "3007012")
    (items,) = [plain_text(b) for b in rec.blocks if isinstance(b, Bullets)]
    assert items == ("Przemoc domowa (wynik 0,30; najpilniejszy wskaźnik: Liczba procedur "
                     "„Niebieskie Karty” na 10 tys. mieszkańców)")


def test_targets_are_listed_next_to_the_forecast_of_their_year(tmp_path):
    """The plan's 1.2 target, 20 Blue Cards per 10 thousand in 2030, next to a forecast of
    24,3 (16,9-31,6) for 2030; a forecast of 2,4 with the interval 1,1-3,7 (2,6 wide, wider
    than 2,4 itself) is said to be too uncertain to compare with."""
    d = diagnosis(SCORES)
    d.forecasts = {"niebieskie_karty_na_10tys": SimpleNamespace(
        made=True, years=[2029, 2030], values=[24.5, 24.3], lower=[17.2, 16.9],
        upper=[31.8, 31.6])}
    ctx = context(plan_of(tmp_path), d)
    rec = Recorder()
    ch.indicators(rec, ctx)
    lines = texts(rec)
    assert ("Liczba procedur „Niebieskie Karty” na 10 tys. mieszkańców: cel 20,0 na 10 tys. "
            "mieszkańców na 2030 r., prognoza 24,3 (przedział 80%: 16,9–31,6).") in lines
    from strategy.text import strategia as text
    wide = SimpleNamespace(name="Udział bezrobotnych", target=2.3, year=2030, forecast=2.4,
                           low=1.1, high=3.7)
    assert text.forecast_item(wide, default_catalog().get("udzial_bezrobotnych")).endswith(
        "prognoza 2,4% (przedział 80%: 1,1%–3,7%) – prognoza zbyt niepewna, by ją porównywać "
        "z celem;")
