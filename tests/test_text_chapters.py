"""The sentences each chapter module of strategy.text writes from the facts of the analysis:
forecast refusals and method, ranking rule, methodology, achievement, captions, the order of an
area's sentences and a SWOT item's justification. Every expected string is written by hand."""
from types import SimpleNamespace as NS

import pandas as pd
import pytest

from strategy import DEMO_MARK
from strategy.analysis.achievement import achievement
from strategy.analysis.forecast import decided, forecast
from strategy.catalog import default_catalog
from strategy.text import NBSP
from strategy.text import diagnoza_obszary as obszary
from strategy.text import metodologia, prognoza, ranking, realizacja, swot, wykresy

CAT = default_catalog()
RODZINY = CAT.get("rodziny_pomoc")                 # count, worse, noun rodzina
SDS = CAT.get("sds_miejsca")                       # a decided quantity


def sp(text: str) -> str:
    return text.replace("~", NBSP)


def _s(vals, start=2015):
    return pd.Series(vals, index=range(start, start + len(vals)), dtype="float64")


# ---- prognoza: why a forecast was not made ---------------------------------------------------
def test_refusal_for_too_few_years():
    f = forecast(_s([1, 2, 3]), "rodziny_pomoc", "3007012", kind="count")
    assert prognoza.refusal_reason(f) == ("Prognozy nie sporządzono: dostępne są dane z 3 lat, "
                                          "a metoda wymaga danych z co najmniej 5 lat.")
    assert obszary.sentence_forecast(RODZINY, "gmina Blizanów", f, window=8) == (
        "Liczba rodzin objętych pomocą społeczną w gminie Blizanów nie została objęta "
        "prognozą: dostępne są dane z 3 lat, a metoda wymaga danych z co najmniej 5 lat.")
    one = forecast(_s([7]), kind="count")
    assert prognoza.refusal_clause(one) == ("dostępne są dane z 1 roku, a metoda wymaga danych "
                                            "z co najmniej 5 lat")


def test_refusal_for_a_horizon_not_after_the_data():
    f = forecast(_s([5, 6, 7, 8, 9]), horizon=2019)
    assert prognoza.refusal_reason(f) == ("Prognozy nie sporządzono: rok horyzontu (2019) nie "
                                          "jest późniejszy niż ostatni rok z danymi (2019).")


def test_a_decided_quantity_is_a_plan():
    f = decided(_s([30.0] * 6), "sds_miejsca", "3007", "miejsca w ŚDS ustala organ prowadzący")
    assert prognoza.refusal_reason(f) == ("Wielkość zależna od decyzji (miejsca w ŚDS ustala "
                                          "organ prowadzący); jej wartości na kolejne lata "
                                          "ustala się w strategii i programach.")
    assert obszary.sentence_forecast(SDS, "powiat kaliski", f, window=8) == (
        "Liczba miejsc w środowiskowych domach samopomocy w powiecie kaliskim nie została "
        "objęta prognozą: to wielkość zależna od decyzji (miejsca w ŚDS ustala organ "
        "prowadzący); jej wartości na kolejne lata ustala się w strategii i programach.")


def test_a_forecast_made_has_no_refusal():
    f = forecast(_s([5, 6, 7, 8, 9]), horizon=2022)
    assert f.made and prognoza.refusal_reason(f) is None and not prognoza.not_made(f)


def test_method_paragraphs_name_the_horizon_the_damping_and_the_caveats():
    paras = prognoza.method_paragraphs(2030, 8, 0.8)
    text = " ".join(paras)
    assert len(paras) == 3
    assert "metodą tłumionego trendu liniowego do roku 2030." in text
    assert "(współczynnik tłumienia 0,8)" in text and "80-procentowy przedział prognozy" in text
    assert "Każdą prognozę oparto na 8 obserwacjach – wartościach z 8 ostatnich lat" in text
    assert "dostępne były dane z mniej niż 5 lat" in text
    assert "2020 r. (pandemia COVID-19)" in text and "W małych gminach" in text


# ---- ranking and methodology ----------------------------------------------------------------
def test_ranking_rule_states_the_constants():
    text = ranking.ranking_rule()
    assert "odchylenie mniejsze niż 10% pominięto" in text
    assert "daje ono do 0,5 punktu (pełną wagę przy odchyleniu 50% i większym)" in text
    assert "gmin powiatu daje 0,3 punktu" in text
    assert "niekorzystny istotny trend zwiększa go o 25%" in text
    assert "mniej niż 10 osób, rodzin lub zdarzeń" in text and "o ponad 10%." in text
    assert "Wynik obszaru to średnia 3 najwyżej ocenionych wskaźników" in text


def test_methodology_in_order_with_the_demo_note_first():
    paras = metodologia.methodology(2035, demo=True, trend_years=10, window=8, damping=0.8)
    assert paras[0] == (f"{DEMO_MARK}: liczby w tej diagnozie są wygenerowane i służą "
                        "wyłącznie do pokazania działania narzędzia.")
    assert paras[1].startswith("Wskaźniki w przeliczeniu na mieszkańców i udziały obliczono")
    assert paras[2] == metodologia.position_rule() and paras[3] == metodologia.trend_rule(10)
    assert paras[4] == ranking.ranking_rule()
    assert paras[5:] == prognoza.method_paragraphs(2035, 8, 0.8)
    plain = metodologia.methodology(2035, demo=False, trend_years=10, window=8, damping=0.8)
    assert plain == paras[1:]


def test_trend_and_position_rules():
    rule = metodologia.trend_rule(10)
    assert "Trend uznano za istotny, gdy 95-procentowy przedział ufności" in rule
    assert "(wymaga to danych z co najmniej 3 lat)" in rule
    assert "nie przekracza 5%, sytuację opisano jako stabilną („bez zmian”)" in rule
    assert rule.endswith("Tendencje oceniano na podstawie wartości z 10 ostatnich lat (po "
                         "jednej obserwacji na rok); liczbę obserwacji podano przy wskaźniku "
                         "tylko wtedy, gdy brakowało danych za część tych lat.")
    assert "ostatnich lat" not in metodologia.trend_rule()
    # a dash between clauses is an en dash
    assert "od liczby mieszkańców – porównuje się" in metodologia.position_rule()


# ---- realizacja: what a degree of achievement means ----------------------------------------
@pytest.mark.parametrize("args, expected", [
    ((11, 12, 13, "worse"), "Wartość docelowa oznacza pogorszenie wskaźnika względem wartości "
                            "bazowej: stopnia realizacji nie obliczono, cel wymaga korekty."),
    ((11, 10, 13, "worse"), "Brak postępu: wskaźnik oddalił się od wartości docelowej (−200,0% "
                            "planowanej zmiany)."),
    ((11, 10, 11, "worse"), "Brak postępu: wskaźnik nie zmienił się względem wartości bazowej "
                            "(0,0% planowanej zmiany)."),
    ((20, 30, 25, "better"), "Cel w trakcie realizacji: osiągnięto 50,0% planowanej zmiany."),
    ((20, 30, 35, "better"), "Cel przekroczony: osiągnięto 150,0% planowanej zmiany."),
    ((20, 30, 30, "better"), "Cel osiągnięto (100,0% planowanej zmiany)."),
    ((5, 5, 4, "worse"), "Cel (utrzymanie poziomu) został osiągnięty."),
    ((5, 5, 6, "worse"), "Cel (utrzymanie poziomu) nie został osiągnięty: wskaźnik pogorszył "
                         "się względem wartości bazowej."),
    ((float("nan"), 10, 8, "better"), "Brak wartości bazowej: stopnia realizacji nie "
                                      "obliczono."),
    ((1, float("nan"), 1, "better"), "Brak wartości docelowej lub osiągniętej."),
])
def test_achievement_sentence(args, expected):
    assert realizacja.achievement_sentence(achievement(*args)) == expected


def test_achievement_sentence_of_a_justified_ceiling():
    within = achievement(11, 13, 12, "worse", justified=True)
    beyond = achievement(11, 13, 14, "worse", justified=True)
    assert realizacja.achievement_sentence(within) == (
        "Plan dopuszczał pogorszenie wskaźnika (z uzasadnieniem); wartość osiągnięta mieści "
        "się w dopuszczonym poziomie.")
    assert realizacja.achievement_sentence(beyond) == (
        "Plan dopuszczał pogorszenie wskaźnika (z uzasadnieniem), ale wartość osiągnięta "
        "przekroczyła dopuszczony poziom.")


# ---- wykresy: captions ------------------------------------------------------------------------
def test_captions_and_source():
    assert wykresy.trend_caption("Liczba rodzin", 2015, 2024, against_powiat=True,
                                 horizon=2035) == ("Liczba rodzin w latach 2015–2024 na tle "
                                                   "powiatu wraz z prognozą do 2035 r.")
    assert wykresy.trend_caption("Liczba rodzin", 2015, 2024,
                                 against_powiat=False) == "Liczba rodzin w latach 2015–2024"
    assert wykresy.ranking_caption("Udział bezrobotnych", "kaliski", 2024) == (
        "Udział bezrobotnych w gminach powiatu kaliskiego w 2024 r.")
    assert wykresy.reasons_caption("gmina Blizanów", 2024) == (
        "Rodziny objęte pomocą społeczną według powodów przyznania pomocy – gmina Blizanów, "
        "2024 r.")
    assert wykresy.source(True) == ("opracowanie własne na podstawie danych GUS BDL i "
                                    "sprawozdań jednostek (DANE DEMONSTRACYJNE)")
    assert wykresy.source(False) == ("opracowanie własne na podstawie danych GUS BDL i "
                                     "sprawozdań jednostek")


# ---- an area section: the order of its sentences --------------------------------------------
def _trend():
    return NS(start_year=2015, end_year=2024, start_value=150, end_value=120, abs_change=-30,
              pct_change=-20.0, avg_annual_rate=-2.45, slope=-3.0, significant=True,
              direction="spadek", last_year_change=-3, n_points=10)


def _forecast(**kw):
    base = dict(horizon=2035, years=list(range(2025, 2036)), values=[100.0] * 10 + [190.4],
                lower=[80.0] * 11, upper=[210.0] * 11, n_points=8, refusal=None,
                refused_reason=None, method="tłumionego trendu liniowego", level=0.8,
                last_year=2024, obs_years=list(range(2017, 2025)))
    base.update(kw)
    return NS(**base)


def test_area_sentences_level_trend_forecast_then_services():
    f = _forecast()
    lines = obszary.area_sentences(
        [RODZINY], "gmina Opatówek", 2024, rows={}, levels={"rodziny_pomoc": 154},
        trends={"rodziny_pomoc": _trend()}, forecasts={"rodziny_pomoc": f},
        services="świadczenia pomocy społecznej", trend_years=10, window=8)
    # one paragraph for the indicator, named once, then the services paragraph
    assert lines[0].startswith(sp("Liczba rodzin objętych pomocą społeczną w gminie Opatówek "
                                  "wyniosła w 2024~r. 154. Liczba ta w latach 2015–2024 spadła "
                                  "ze 150 do 120"))
    assert sp(" Według prognozy w 2035~r. wyniesie ona ok. 190") in lines[0]
    assert lines[0].count("Liczba rodzin objętych pomocą społeczną") == 1
    assert lines[1].startswith("Znaczenie dla usług: według prognozy liczba rodzin")
    assert len(lines) == 2


def test_area_sentences_compare_a_gmina_with_its_rank_and_skip_services_of_a_refusal():
    row = dict(year=2024, value=154.0, powiat_value=140.0, diff=14.0, diff_pct=10.0, rank=3,
               n_units=11, median=150.0, position=None)
    refused = forecast(_s([1, 2, 3]), kind="count")
    lines = obszary.area_sentences(
        [RODZINY], "gmina Opatówek", 2024, rows={"rodziny_pomoc": row},
        levels={"rodziny_pomoc": 154}, trends={}, forecasts={"rodziny_pomoc": refused},
        services="świadczenia", trend_years=10, window=8)
    assert len(lines) == 1
    assert sp("; to 3. miejsce spośród 11~gmin powiatu (licząc od najkorzystniejszej "
              "sytuacji).") in lines[0]
    assert lines[0].endswith(" Prognozy dla tego wskaźnika nie sporządzono: dostępne są dane z "
                             "3 lat, a metoda wymaga danych z co najmniej 5 lat.")


# ---- swot: a SWOT item's justification -------------------------------------------------------
def test_swot_text_joins_the_comparison_and_the_trend():
    item = dict(kind="słaba strona", basis=["porównanie", "trend"], unit_name="gmina Opatówek",
                year=2024, value=154.0, powiat_value=140.0, rank=9, n_units=11)
    text = swot.swot_text(item, RODZINY, "gmina Opatówek", _trend(), trend_years=10)
    first = sp("Liczba rodzin objętych pomocą społeczną w gminie Opatówek wyniosła w 2024~r. "
               "154 wobec 140 w całym powiecie (9. miejsce spośród 11~gmin powiatu, licząc od "
               "najkorzystniejszej sytuacji).")
    assert text.startswith(first + " ")
    # the trend sentence refers back to the indicator named in the first one
    assert text[len(first) + 1:] == obszary.sentence_trend(RODZINY, "gmina Opatówek", _trend(),
                                                           expected_points=10, named=True)
    assert text.count("Liczba rodzin objętych pomocą społeczną") == 1
    # a trend basis without the unit's trend falls back on the comparison sentence
    only = swot.swot_text({**item, "basis": ["trend"]}, RODZINY, "gmina Opatówek", None)
    assert only == first


def test_a_rise_from_zero_is_not_said_twice():
    from strategy.catalog import default_catalog
    ind = default_catalog().get("ludnosc")
    trend = {"start_year": 2015, "end_year": 2024, "start_value": 0.0, "end_value": 109.0,
             "abs_change": 109.0, "pct_change": None, "avg_annual_rate": None, "slope": 12.0,
             "significant": True, "direction": "wzrost", "last_year_change": 15.0,
             "n_points": 10}
    text = obszary.sentence_trend(ind, "powiat kaliski", trend, expected_points=10)
    assert "wzrosła z 0 do 109." in text.replace("\u00a0", " ") and "(o 109)" not in text
