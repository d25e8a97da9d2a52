"""The generated text says each thing once and only what the figures carry: an indicator
named once per paragraph, no statistical wording for small counts, no direction read from a
forecast whose interval is wider than its value, one assessment for the comparison table and
sentence, no first priority from a ranking whose scores are all near zero."""
from __future__ import annotations

from types import SimpleNamespace as NS

import pandas as pd

from strategy.analysis.compare import BETTER, SIMILAR, WORSE, assessment
from strategy.analysis.ranking import STANDOUT_SCORE, stands_out
from strategy.analysis.trend import COUNT_NOISE, compute_trend, trends_dict
from strategy.catalog import default_catalog
from strategy.text import diagnoza, ranking
from strategy.text import diagnoza_obszary as obszary
from strategy.text.numbers import NBSP


# ---- ranking: no first priority from scores all near zero --------------------------------------
def test_threshold_is_a_quarter_of_the_largest_score():
    assert STANDOUT_SCORE == 0.25
    assert not stands_out(0.12) and not stands_out(0.0) and not stands_out(None)
    assert stands_out(0.25) and stands_out(0.63)


def test_near_zero_ranking_names_no_first_priority():
    # every area between 0,00 and 0,12: the highest is 0,12 < 0,25
    text = diagnoza.ranking_top("Przemoc domowa", 0.12)
    assert "Przemoc domowa" not in text and "Najwyższy wynik ma obszar" not in text
    assert text.startswith("Żaden obszar nie wyróżnia się wyraźnie: najwyższy wynik obszaru "
                           "to 0,12 w skali od 0 do 1, czyli poniżej progu 0,25")
    assert "nie wskazuje priorytetu" in text
    # a score at the threshold names its area
    assert diagnoza.ranking_top("Przemoc domowa", 0.25).startswith(
        "Najwyższy wynik ma obszar „Przemoc domowa”")


# ---- one assessment for the table and the sentence ---------------------------------------------
def test_assessment_band_is_ten_percent_of_the_powiat_value():
    # powiat 100: 90 < x < 110 is similar; 110 and above is worse for a "worse" indicator
    assert assessment("worse", 109.9, 100.0) == SIMILAR
    assert assessment("worse", 90.1, 100.0) == SIMILAR
    assert assessment("worse", 110.0, 100.0) == WORSE
    assert assessment("worse", 90.0, 100.0) == BETTER
    assert assessment("better", 110.0, 100.0) == BETTER
    assert assessment("better", 40.4, 875.7) == WORSE      # far below: never "podobnie"
    assert assessment("neutral", 150.0, 100.0) is None
    assert assessment("worse", float("nan"), 100.0) is None
    assert assessment("worse", 0.0, 0.0) == SIMILAR
    assert assessment("worse", 1.0, 0.0) == WORSE


def test_ranking_rule_states_the_threshold():
    assert ("wyróżniający się, gdy jego wynik wynosi co najmniej 0,25 (jedną czwartą "
            "największego możliwego wyniku)") in ranking.ranking_rule()


# ---- an indicator named once per paragraph -----------------------------------------------------
CAT = default_catalog()
RODZINY = CAT.get("rodziny_pomoc")              # count, worse, "Liczba rodzin ...", feminine
UDZIAL = CAT.get("udzial_bezrobotnych")         # share, worse, "Udział ...", masculine


def _trend(**kw):
    base = dict(start_year=2015, end_year=2024, start_value=150, end_value=120,
                abs_change=-30, pct_change=-20.0, avg_annual_rate=-2.45, slope=-3.0,
                significant=True, direction="spadek", last_year_change=-3, n_points=10)
    base.update(kw)
    return NS(**base)


def _fc(value, lower, upper, **kw):
    base = dict(horizon=2035, years=[2035], values=[value], lower=[lower], upper=[upper],
                n_points=8, refusal=None, refused_reason=None, method="tłumionego trendu "
                "liniowego", level=0.8, last_year=2024, obs_years=list(range(2017, 2025)))
    base.update(kw)
    return NS(**base)


def test_a_paragraph_names_its_indicator_once():
    row = dict(year=2024, value=5.4, powiat_value=3.1, diff=2.3, diff_pct=74.2, rank=11,
               n_units=11, median=3.3, position="powyżej")
    trend = _trend(start_value=13.1, end_value=5.4, abs_change=-7.7, pct_change=-58.8,
                   avg_annual_rate=None, slope=-0.8)
    paras = obszary.area_sentences(
        [UDZIAL], "gmina Mycielin", 2024, rows={UDZIAL.id: row}, levels={UDZIAL.id: 5.4},
        trends={UDZIAL.id: trend}, forecasts={UDZIAL.id: _fc(3.5, 2.9, 4.1)},
        trend_years=10, window=8)
    assert len(paras) == 1
    name = "Udział bezrobotnych zarejestrowanych w liczbie ludności w wieku produkcyjnym"
    assert paras[0].count(name) == 1 and paras[0].lower().count(name.lower()) == 1
    # the later sentences refer back in the masculine of "udział"
    assert "Udział ten w latach 2015–2024 spadł z 13,1% do 5,4%" in paras[0]
    assert f"Według prognozy w 2035{NBSP}r. wyniesie on ok. 3,5%" in paras[0]


def test_referring_subject_follows_the_head_noun():
    assert obszary.referring_subject(RODZINY) == ("liczba ta", "f")
    assert obszary.referring_subject(UDZIAL) == ("udział ten", "m")
    assert obszary.referring_subject(NS(name="Saldo migracji", gender="n")) == ("saldo to", "n")
    # a name led by an adjective: "wskaźnik ten" (masculine)
    assert obszary.referring_subject(NS(name="Przeciętne obciążenie asystenta rodziny",
                                        gender="n")) == ("wskaźnik ten", "m")


# ---- small counts: no statistical wording ------------------------------------------------------
def test_a_count_going_13_to_15_has_no_statistical_wording():
    # 13 -> 15 over six years, rising steadily: the OLS interval of such a line may exclude
    # zero, but a change of 2 against 2 * sqrt(13 + 15) = 10,6 is the noise of counts
    s = pd.Series([13.0, 13.0, 14.0, 14.0, 15.0, 15.0], index=range(2019, 2025))
    t = compute_trend(s, RODZINY.id)
    assert not t.significant and t.reason == COUNT_NOISE
    text = obszary.sentence_trend(RODZINY, "gmina Stawiszyn", t, expected_points=6)
    assert "istotn" not in text and "statystycz" not in text
    assert f"wzrosła z 13 do 15. Przy tak małych liczbach to zmiana o 2{NBSP}rodziny" in text
    assert "nie świadczy ona o trwałej tendencji" in text


def test_a_large_count_keeps_its_tested_trend():
    # 396 -> 142: a change of 254 against a noise of 2 * sqrt(538) = 46,4
    s = pd.Series([396.0, 350, 300, 250, 200, 142], index=range(2019, 2025))
    t = compute_trend(s, RODZINY.id)
    assert t.significant and t.reason is None
    assert "(istotna statystycznie)" in obszary.sentence_trend(RODZINY, "gmina Mycielin", t,
                                                              expected_points=6)


# ---- no direction read from a forecast wider than its value ------------------------------------
def test_forecast_interval_wider_than_the_value_gives_no_reading():
    # value 20, interval 0,0-45,7: 45,7 > 20
    ind = NS(name="Liczba procedur „Niebieskie Karty” na 10 tys. mieszkańców", gender="f",
             kind="rate", unit="na 10 tys. mieszkańców", noun=None, direction="worse")
    f = _fc(20.0, -3.0, 45.7)
    s = obszary.sentence_services(ind, "gmina Mycielin", f, 23.7, 2024,
                                  "interwencję kryzysową")
    for word in ("mniejsze zapotrzebowanie", "większe zapotrzebowanie", "ma spaść",
                 "ma wzrosnąć", "zbliżone do obecnego"):
        assert word not in s
    assert f"od 0,0 do 45,7{NBSP}na 10 tys. mieszkańców" in s
    assert "zbyt niepewna, aby wskazać kierunek zmian" in s
    fc = obszary.sentence_forecast(ind, "gmina Mycielin", f, window=8)
    assert "nie pozwala ocenić kierunku zmian" in fc
    # the same forecast with a narrow interval (16-24, not holding 30) is read
    s2 = obszary.sentence_services(ind, "gmina Mycielin", _fc(20.0, 16.0, 24.0), 30.0, 2024,
                                   "interwencję kryzysową")
    assert "mniejsze zapotrzebowanie na interwencję kryzysową" in s2


def test_forecast_interval_holding_the_last_value_draws_no_conclusion():
    # 761,9 -> 568,2 with an interval 334,1-802,4: narrower than the value, but 761,9 is inside
    ind = CAT.get("beneficjenci_na_10tys")
    s = obszary.sentence_services(ind, "gmina Mycielin", _fc(568.2, 334.1, 802.4), 761.9,
                                  2024, "świadczenia pomocy społecznej")
    assert "mniejsze zapotrzebowanie" not in s and "obejmuje także obecną wartość" in s


# ---- table and sentence agree ------------------------------------------------------------------
def test_table_and_sentence_agree_at_the_boundary_of_similar():
    ind = CAT.get("beneficjenci_na_10tys")           # rate, worse
    assert ind.direction == "worse"
    # powiat 500: 549,9 is within 10 % (similar), 550 is not (worse), 450 is better
    for value, cell, phrase in [(549.9, "podobnie jak w powiecie", "podobnie jak średnio"),
                                (550.0, "mniej korzystnie", "mniej korzystnie niż średnio"),
                                (450.0, "korzystniej", "korzystniej niż średnio"),
                                (450.1, "podobnie jak w powiecie", "podobnie jak średnio")]:
        row = dict(year=2024, value=value, powiat_value=500.0, diff=value - 500.0,
                   diff_pct=(value - 500.0) / 5, rank=5, n_units=11, median=600.0,
                   position="poniżej")
        assert obszary.assessment_cell(ind.direction, value, 500.0) == cell
        text = obszary.sentence_comparison(ind, "gmina Mycielin", row, 11)
        assert f" – {phrase}" in text
        others = {"podobnie jak średnio", "mniej korzystnie niż średnio",
                  "korzystniej niż średnio"} - {phrase}
        assert not any(f"– {o}" in text for o in others)


def test_a_rate_on_fifteen_children_each_year_has_no_statistical_wording():
    # the rate rises steadily 15,4 -> 16,9 (fewer children in the gmina) while the children in
    # foster care stay 15 in every year: the counts behind it change by 0 <= 2 * sqrt(30)
    rows = []
    for k, y in enumerate(range(2015, 2025)):
        rows.append(("3007072", y, "dzieci_piecza_na_1000", 15.4 + k * 1.5 / 9))
        rows.append(("3007072", y, "dzieci_piecza_z_gminy", 15.0))
    v = pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value"])
    t = trends_dict(v)[("3007072", "dzieci_piecza_na_1000")]
    assert not t.significant and t.reason == COUNT_NOISE
    assert (t.basis_start, t.basis_end) == (15.0, 15.0)
    text = obszary.sentence_trend(CAT.get("dzieci_piecza_na_1000"), "gmina Mycielin", t, 10)
    assert "istotn" not in text and "statystycz" not in text
    assert (f"Liczba przypadków, na których opiera się wskaźnik, nie zmieniła się (15 w "
            f"2015{NBSP}r. i 15 w 2024{NBSP}r.)") in text


def test_swot_sentence_takes_the_tables_assessment():
    from strategy.text.swot import sentence_swot
    ind = CAT.get("beneficjenci_na_10tys")
    # 530 against 500 is 6 % more: the table says "podobnie", so does the SWOT sentence
    item = dict(kind="słaba strona", indicator=ind, unit_name="gmina Mycielin", year=2024,
                value=530.0, powiat_value=500.0, rank=9, n_units=11)
    assert obszary.assessment_cell(ind.direction, 530.0, 500.0) == "podobnie jak w powiecie"
    assert "– podobnie jak średnio w powiecie" in sentence_swot(item)
    assert "mniej korzystnie" not in sentence_swot(item)


def test_assistants_hired_are_a_decision_not_chance():
    # 1 -> 2 family assistants: a small count, but hired by the gmina - no statistics and no
    # talk of random fluctuation, the change is said as it is
    s = pd.Series([1.0, 1, 1, 2, 2, 2], index=range(2019, 2025))
    t = compute_trend(s, "asystenci_rodziny")
    assert t.reason == COUNT_NOISE
    text = obszary.sentence_trend(CAT.get("asystenci_rodziny"), "gmina Mycielin", t, 6,
                                  named=True)
    assert text.startswith("Liczba ta w latach 2019–2024 wzrosła z 1 do 2 (o 1).")
    assert "istotn" not in text and "wahań" not in text
