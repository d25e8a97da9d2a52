"""Forecast sentences: the number of observations only where it differs (with the reason),
decided quantities, the meaning for services; and every sentence builder with fractions.
Every expected string is written by hand."""
import re
from types import SimpleNamespace as NS

import pytest

from strategy.catalog import default_catalog
from strategy.text import NBSP
from strategy.text.diagnoza_obszary import (sentence_comparison, sentence_forecast,
                                            sentence_level, sentence_services, sentence_trend)
from strategy.text.swot import sentence_swot

CAT = default_catalog()
RODZINY = CAT.get("rodziny_pomoc")                 # count, worse, noun rodzina
OBCIAZENIE = CAT.get("rodziny_na_asystenta")       # ratio, worse, "rodzin na asystenta"
UDZIAL = CAT.get("udzial_bezrobotnych")            # share, worse
USLUGI = CAT.get("uslugi_opiekuncze_na_1000_65plus")  # rate, better


def sp(text: str) -> str:
    return text.replace("~", NBSP)


def _trend(**kw):
    base = dict(start_year=2015, end_year=2024, start_value=150, end_value=120,
                abs_change=-30, pct_change=-20.0, avg_annual_rate=-2.45, slope=-3.0,
                significant=True, direction="spadek", last_year_change=-3, n_points=10)
    base.update(kw)
    return NS(**base)


def test_trend_count_left_out_when_it_is_the_stated_number():
    text = sentence_trend(RODZINY, "Blizanów", _trend(), expected_points=10)
    assert "Tendencja spadkowa jest wyraźna (istotna statystycznie)." in text
    assert "obserwacji" not in text


def test_trend_count_given_with_the_reason_when_years_are_missing():
    text = sentence_trend(RODZINY, "Blizanów", _trend(n_points=8, start_year=2017),
                          expected_points=10)
    assert sp("(istotna statystycznie, na podstawie 8~obserwacji – brak danych za 2 z "
              "10~lat).") in text


def _fc(**kw):
    base = dict(horizon=2035, years=list(range(2025, 2036)), values=[100.0] * 10 + [90.4],
                lower=[80.0] * 11, upper=[110.0] * 11, n_points=8, refused_reason=None,
                method="tłumionego trendu liniowego", level=0.8, last_year=2024,
                obs_years=list(range(2017, 2025)))
    base.update(kw)
    return NS(**base)


def test_forecast_count_only_where_it_differs_with_the_missing_years():
    full = sentence_forecast(RODZINY, "Blizanów", _fc(), window=8)
    assert full.endswith("Prognozę sporządzono metodą tłumionego trendu liniowego.")
    assert sp("w 2035~r. wyniesie według prognozy ok. 90") in full
    # 6 observations: 2017 and 2020 missing from the window 2017-2024
    short = sentence_forecast(RODZINY, "Blizanów",
                              _fc(n_points=6, obs_years=[2018, 2019, 2021, 2022, 2023, 2024]),
                              window=8)
    assert short.endswith(sp("metodą tłumionego trendu liniowego na podstawie 6~obserwacji "
                             "– brak danych za lata 2017, 2020."))
    run = sentence_forecast(RODZINY, "Blizanów",
                            _fc(n_points=5, obs_years=[2020, 2021, 2022, 2023, 2024]), window=8)
    assert run.endswith(sp("na podstawie 5~obserwacji – brak danych za lata 2017–2019."))


def test_decided_quantity_reads_as_a_plan():
    ind = CAT.get("sds_miejsca")
    f = NS(horizon=2035, years=[], values=[], lower=[], upper=[], n_points=8,
           refused_reason="Wielkość zależna od decyzji (liczbę miejsc ustala organ prowadzący), "
                          "a nie zjawisko, którego zmiany można przedłużyć trendem; jej wartości "
                          "na kolejne lata określa plan.", method="x")
    text = sentence_forecast(ind, "powiat kaliski", f, window=8)
    assert text == ("Liczba miejsc w środowiskowych domach samopomocy w powiecie kaliskim nie "
                    "została objęta prognozą: to wielkość zależna od decyzji (liczbę miejsc "
                    "ustala organ prowadzący), a nie zjawisko, którego zmiany można przedłużyć "
                    "trendem; jej wartości na kolejne lata określa plan.")
    assert "od 30 do 30" not in text and "ok." not in text


def test_refusal_lead_is_not_repeated():
    f = NS(horizon=2035, years=[], values=[], lower=[], upper=[], n_points=3,
           refused_reason="Prognozy nie sporządzono: dostępne są dane z 3 lat, a metoda "
                          "wymaga danych z co najmniej 5 lat.", method="x")
    assert sentence_forecast(RODZINY, "Blizanów", f).endswith(
        "nie została objęta prognozą: dostępne są dane z 3 lat, a metoda wymaga danych z co "
        "najmniej 5 lat.")


def test_services_need_rising_falling_and_flat():
    # need (direction worse): 154 -> 190.4 is +23.6 % -> more demand
    up = sentence_services(RODZINY, "gmina Opatówek", _fc(values=[0] * 10 + [190.4]), 154, 2024,
                           "świadczenia pomocy społecznej")
    assert up == sp("Znaczenie dla usług: według prognozy liczba rodzin objętych pomocą "
                    "społeczną w gminie Opatówek ma wzrosnąć o ok. 24% (ze 154 w 2024~r. do "
                    "ok. 190 w 2035~r.), co oznacza większe zapotrzebowanie na świadczenia "
                    "pomocy społecznej.")
    down = sentence_services(RODZINY, "gmina Opatówek", _fc(values=[0] * 10 + [120]), 154, 2024,
                             "świadczenia")
    assert "ma spaść o ok. 22%" in down and "mniejsze zapotrzebowanie na świadczenia." in down
    # 154 -> 150: -2.6 % is below 5 %: flat
    flat = sentence_services(RODZINY, "gmina Opatówek", _fc(values=[0] * 10 + [150]), 154, 2024,
                             "świadczenia")
    assert "ma pozostać na zbliżonym poziomie" in flat
    assert "zapotrzebowanie na świadczenia zbliżone do obecnego" in flat


def test_services_share_in_points_and_coverage_direction():
    # intervals narrower than the value and without the last value: the direction is read
    s = sentence_services(UDZIAL, "gmina Opatówek",
                          _fc(values=[0] * 10 + [1.6], lower=[1.2] * 11, upper=[1.9] * 11),
                          2.1, 2024, "aktywizację zawodową")
    assert sp("ma spaść o ok. 0,5~pkt proc. (z 2,1% w 2024~r. do ok. 1,6% w 2035~r.)") in s
    # coverage (direction better): a fall means less support unless the plan pays for it
    c = sentence_services(USLUGI, "gmina Opatówek",
                          _fc(values=[0] * 10 + [20.0], lower=[17.0] * 11, upper=[23.0] * 11),
                          27.0, 2024, "usługi opiekuńcze")
    assert "ma spaść o ok. 26%" in c
    assert c.endswith("co oznacza ograniczenie wsparcia, jeśli nie zostaną zapewnione środki "
                      "na usługi opiekuńcze.")
    assert sentence_services(RODZINY, "gmina Opatówek",
                             _fc(refused_reason="x", values=[], years=[]), 154, 2024, "x") == ""


# ---- every sentence builder with fractional values: genitive singular after a fraction ------
_FRACTION_NOUN = re.compile(r"\d+,\d+" + NBSP + r"(rodzin|osób|dzieci|rodzin zastępczych)\b")


def _all_sentences(ind, x):
    row = dict(year=2024, value=x, powiat_value=x + 1.5, diff=-1.5, diff_pct=-10.0, rank=2,
               n_units=11, median=x + 0.5, position=None)
    out = [sentence_level(ind, "gmina Opatówek", 2024, x),
           sentence_comparison(ind, "gmina Opatówek", row, 11),
           sentence_trend(ind, "gmina Opatówek",
                          _trend(start_value=x + 2.5, end_value=x, abs_change=-2.5,
                                 pct_change=-20.0, last_year_change=-0.5), expected_points=10),
           sentence_forecast(ind, "gmina Opatówek",
                             _fc(values=[x] * 11, lower=[x - 0.5] * 11, upper=[x + 2.5] * 11),
                             window=8),
           sentence_services(ind, "gmina Opatówek", _fc(values=[x + 2.5] * 11), x, 2024,
                             "pracę asystentów rodziny"),
           sentence_swot(dict(kind="słaba strona", indicator=ind, unit_name="gmina Opatówek",
                              year=2024, value=x, powiat_value=x + 1.5, rank=9, n_units=11))]
    return out


@pytest.mark.parametrize("ind_id", ["rodziny_na_asystenta", "uslugi_opiekuncze_na_1000_65plus",
                                    "rodziny_pomoc", "kandydaci_rz", "wydatki_gminy_piecza",
                                    "udzial_bezrobotnych", "dzieci_piecza_na_1000",
                                    "wsp_obciazenia_starszymi"])
@pytest.mark.parametrize("x", [9.6, 2.5, 0.5, 12.25])
def test_fractions_take_the_genitive_singular_in_every_builder(ind_id, x):
    ind = CAT.get(ind_id)
    for text in _all_sentences(ind, x):
        assert not _FRACTION_NOUN.search(text), text
        # no doubled unit such as "(rodziny na asystenta) (rodzin na asystenta)"
        assert "(rodziny na asystenta)" not in text, text
        assert "  " not in text and ".." not in text


def test_ratio_fraction_reads_rodziny_na_asystenta_and_the_unit_once():
    text = sentence_level(OBCIAZENIE, "gmina Opatówek", 2024, 9.6)
    assert text == sp("Przeciętne obciążenie asystenta rodziny w gminie Opatówek wyniosło "
                      "w 2024~r. 9,6~rodziny na asystenta.")
    # a bracket that defines the indicator stays
    wsp = CAT.get("wsp_obciazenia_starszymi")
    assert "(65+ na 100 osób w wieku 15-64) w gminie" in sentence_level(wsp, "gmina Opatówek",
                                                                        2024, 27.0)
    assert sp("0,5~rodziny na asystenta") in sentence_level(OBCIAZENIE, "gmina Opatówek", 2024,
                                                              0.5)
