"""Polish formatting, agreement and sentences; every expected string is written by hand."""
import dataclasses
import datetime as dt
import math
from types import SimpleNamespace as NS

import numpy as np
import pytest

from strategy.catalog import default_catalog
from strategy.text import (NBSP, TextError, direction_of, direction_verb, fmt_amount,
                           fmt_change, fmt_date, fmt_number, fmt_percent, fmt_pp, fmt_signed,
                           fmt_value, in_unit, noun_form, plural, rank_phrase, verb)
from strategy.text.diagnoza_obszary import (sentence_comparison, sentence_forecast,
                                            sentence_level, sentence_trend)
from strategy.text.swot import sentence_swot

S = NBSP  # no-break space


def sp(text: str) -> str:
    """Expected strings are written with "~" where a no-break space is meant."""
    return text.replace("~", S)


CAT = default_catalog()
RODZINY = CAT.get("rodziny_pomoc")           # count, f, noun rodzina, worse
UDZIAL = CAT.get("udzial_bezrobotnych")      # share, m, worse
WSP = CAT.get("wsp_obciazenia_starszymi")   # rate, m, worse
# "Procedury ... na 10 tys." has a plural head noun: agreement needs the plural gender
NA_10TYS = CAT.get("niebieskie_karty_na_10tys")  # rate, f ("Liczba procedur ...")
KOSZT = CAT.get("koszt_asystentow")          # amount, m, neutral
OBCIAZENIE = CAT.get("rodziny_na_asystenta")  # ratio, n
SALDO = CAT.get("saldo_migracji")            # balance, n, better
PIECZA_RODZ = CAT.get("udzial_pieczy_rodzinnej")  # share, m, better


# --- numbers -------------------------------------------------------------------------------

def test_domain_examples():
    assert fmt_number(12345) == "12" + S + "345"
    assert fmt_percent(12.5) == "12,5%"
    assert fmt_amount(128437.15) == "128" + S + "437,15" + S + "zł"
    assert fmt_date(dt.date(2020, 5, 29)) == sp("29~maja~2020~r.")


def test_grouping_of_large_and_four_digit_numbers():
    assert fmt_number(1234567) == sp("1~234~567")
    assert fmt_number(1234) == "1234"            # running text: four digits stay together
    assert fmt_number(1234, group4=True) == sp("1~234")  # tables
    assert fmt_number(9999.5, 1) == "9999,5"
    assert fmt_number(10000) == sp("10~000")


def test_decimals_and_rounding_half_up():
    assert fmt_number(2.675, 2) == "2,68"        # binary float is 2.67499..., written 2.675
    assert fmt_number(0.125, 2) == "0,13"
    assert fmt_number(2.5, 0) == "3"
    assert fmt_number(-2.5, 0) == "−3"
    assert fmt_number(12.0, 1) == "12,0"
    assert fmt_number(12.25) == "12,25"          # None: up to two decimals
    assert fmt_number(12.5) == "12,5"
    assert fmt_number(7.0) == "7"
    assert fmt_number(1 / 3) == "0,33"


def test_negative_numbers_and_negative_zero():
    assert fmt_number(-12345.5) == sp("−12~345,5")
    assert fmt_number(-0.04, 1) == "0,0"
    assert fmt_amount(-1500) == sp("−1500,00~zł")
    assert fmt_pp(-2.34) == sp("−2,3~pkt proc.")


def test_signed_percent_points_and_amounts():
    assert fmt_pp(2.3) == sp("2,3~pkt proc.")
    assert fmt_pp(2.3, signed=True) == sp("+2,3~pkt proc.")
    assert fmt_signed(2.3, 1) == "+2,3"
    assert fmt_signed(-2.3, 1) == "−2,3"
    assert fmt_signed(0.04, 1) == "0,0"          # shows zero, so no sign
    assert fmt_signed(5, 0, "zł") == sp("+5~zł")
    assert fmt_percent(-1.25, signed=True) == "−1,3%"
    assert fmt_amount(57310, None) == sp("57~310~zł")
    assert fmt_amount(370676.76, None) == sp("370~676,76~zł")


def test_missing_values():
    for x in (None, float("nan"), np.nan, math.inf):
        assert fmt_number(x) == "brak danych"
        assert fmt_percent(x) == "brak danych"
        assert fmt_amount(x) == "brak danych"
    assert fmt_date(None) == "brak danych"


def test_numpy_scalars():
    assert fmt_number(np.int64(12345)) == sp("12~345")
    assert fmt_number(np.float64(0.5), 1) == "0,5"


def test_dates_genitive_months():
    assert fmt_date("2024-01-01") == sp("1~stycznia~2024~r.")
    assert fmt_date(dt.datetime(2023, 12, 31, 15, 0)) == sp("31~grudnia~2023~r.")
    assert fmt_date(dt.date(2021, 3, 15)) == sp("15~marca~2021~r.")


# --- numerals ------------------------------------------------------------------------------

@pytest.mark.parametrize("n, osoba, rodzina, dziecko", [
    (1, "osoba", "rodzina", "dziecko"),
    (2, "osoby", "rodziny", "dzieci"),
    (4, "osoby", "rodziny", "dzieci"),
    (5, "osób", "rodzin", "dzieci"),
    (12, "osób", "rodzin", "dzieci"),
    (21, "osób", "rodzin", "dzieci"),
    (22, "osoby", "rodziny", "dzieci"),
    (25, "osób", "rodzin", "dzieci"),
    (101, "osób", "rodzin", "dzieci"),
    (112, "osób", "rodzin", "dzieci"),
    (0, "osób", "rodzin", "dzieci"),
])
def test_numeral_agreement(n, osoba, rodzina, dziecko):
    assert noun_form(n, "osoba") == osoba
    assert noun_form(n, "rodzina") == rodzina
    assert noun_form(n, "dziecko") == dziecko


def test_plural_strings():
    assert plural(5, "osoba") == sp("5~osób")
    assert plural(22, "osoba") == sp("22~osoby")
    assert plural(1, "gmina") == sp("1~gmina")
    assert plural(11, "gmina") == sp("11~gmin")
    assert plural(3, "rok") == sp("3~lata")
    assert plural(5, "rok") == sp("5~lat")
    assert plural(24, "wniosek") == sp("24~wnioski")
    assert plural(15, "orzeczenie") == sp("15~orzeczeń")
    assert plural(2, "placówka") == sp("2~placówki")
    assert plural(7, "placówka") == sp("7~placówek")
    assert plural(3, "procedura") == sp("3~procedury")
    assert plural(1, "miejsce") == sp("1~miejsce")
    assert plural(30, "miejsce") == sp("30~miejsc")
    assert plural(3, "asystent") == sp("3~asystentów")
    assert plural(1, "asystent rodziny") == sp("1~asystent rodziny")
    assert plural(2, "gospodarstwo domowe") == sp("2~gospodarstwa domowe")
    assert plural(5, "gospodarstwo domowe") == sp("5~gospodarstw domowych")
    assert plural(12345, "osoba") == sp("12~345~osób")


def test_zloty_and_percentage_points():
    assert noun_form(1, "zł") == "złoty"
    assert noun_form(2, "złoty") == "złote"
    assert noun_form(5, "złoty") == "złotych"
    assert noun_form(1, "punkt procentowy") == "punkt procentowy"
    assert noun_form(3, "punkt procentowy") == "punkty procentowe"
    assert noun_form(7, "punkt procentowy") == "punktów procentowych"
    assert noun_form(1.5, "punkt procentowy") == "punktu procentowego"


def test_fractions_take_genitive_singular():
    assert plural(2.5, "osoba") == sp("2,5~osoby")
    assert plural(0.5, "rodzina") == sp("0,5~rodziny")
    assert plural(1.5, "dziecko") == sp("1,5~dziecka")
    assert plural(5.5, "złoty") == sp("5,5~złotego")
    assert plural(1, "rodzina", decimals=1) == sp("1,0~rodziny")  # printed with a decimal


def test_accusative_after_o():
    assert noun_form(1, "osoba", case="acc") == "osobę"
    assert noun_form(1, "asystent", case="acc") == "asystenta"
    assert noun_form(2, "osoba", case="acc") == "osoby"
    assert noun_form(5, "osoba", case="acc") == "osób"


def test_unknown_noun_and_gender_raise():
    with pytest.raises(TextError):
        noun_form(3, "krzesło")
    with pytest.raises(TextError):
        verb("wzrósł", "x")
    with pytest.raises(TextError):
        verb("skoczył", "m")


# --- verbs, directions, ranks --------------------------------------------------------------

@pytest.mark.parametrize("word, m, f, n", [
    ("wzrósł", "wzrósł", "wzrosła", "wzrosło"),
    ("spadł", "spadł", "spadła", "spadło"),
    ("zmniejszył się", "zmniejszył się", "zmniejszyła się", "zmniejszyło się"),
    ("zwiększył się", "zwiększył się", "zwiększyła się", "zwiększyło się"),
    ("wyniósł", "wyniósł", "wyniosła", "wyniosło"),
    ("pozostał bez zmian", "pozostał bez zmian", "pozostała bez zmian", "pozostało bez zmian"),
])
def test_verb_agreement(word, m, f, n):
    assert (verb(word, "m"), verb(word, "f"), verb(word, "n")) == (m, f, n)


def test_verb_accepts_any_form_and_infinitive():
    assert verb("wzrosła", "m") == "wzrósł"
    assert verb("wzrosnąć", "f") == "wzrosła"
    assert verb("spaść", "pl") == "spadły"
    assert verb("wynieść", "n") == "wyniosło"


def test_domain_agreement_examples():
    assert f"liczba {direction_verb('wzrost', 'f')}" == "liczba wzrosła"
    assert f"udział {direction_verb('wzrost', 'm')}" == "udział wzrósł"
    assert f"odsetek {direction_verb('spadek', 'm')}" == "odsetek spadł"
    assert direction_verb("bez zmian", "n") == "pozostało bez zmian"


def test_direction_of():
    assert direction_of(3) == "wzrost"
    assert direction_of(-0.1) == "spadek"
    assert direction_of(0) == "bez zmian"
    assert direction_of(0.4, tolerance=0.5) == "bez zmian"
    assert direction_of(float("nan")) == "bez zmian"


def test_rank_phrase():
    assert rank_phrase(3, 11) == sp("3. miejsce spośród 11~gmin powiatu")
    assert rank_phrase(1, 2, "gmina") == sp("1. miejsce spośród 2~gmin powiatu")
    assert rank_phrase(12, 35, "powiatów") == sp(
        "12. miejsce spośród 35~powiatów województwa")
    assert rank_phrase(None, 11) == ""


def test_in_unit():
    assert in_unit("gmina Blizanów") == "w gminie Blizanów"
    assert in_unit("Blizanów") == "w gminie Blizanów"
    assert in_unit("gmina wiejska Żelazków") == "w gminie wiejskiej Żelazków"
    assert in_unit("powiat kaliski") == "w powiecie kaliskim"
    assert in_unit("kaliski") == "w powiecie kaliskim"
    assert in_unit("województwo wielkopolskie") == "w województwie wielkopolskim"
    assert in_unit("miasto Kalisz") == "w mieście Kalisz"


# --- values by indicator kind --------------------------------------------------------------

def test_fmt_value_by_kind():
    assert fmt_value(1234.4, RODZINY) == sp("1234~rodziny")
    assert fmt_value(5, RODZINY) == sp("5~rodzin")
    assert fmt_value(5, RODZINY, with_unit=False) == "5"
    assert fmt_value(12.345, UDZIAL) == "12,3%"
    assert fmt_value(45.26, NA_10TYS) == sp("45,3~na 10 tys. mieszkańców")
    assert fmt_value(45.26, WSP) == sp("45,3~na 100 osób")
    assert fmt_value(128437.15, KOSZT) == sp("128~437,15~zł")
    assert fmt_value(12.3, OBCIAZENIE) == sp("12,3~rodziny na asystenta")
    assert fmt_value(-12, SALDO) == sp("−12~osób")
    assert fmt_value(float("nan"), UDZIAL) == "brak danych"


def test_fmt_change():
    assert fmt_change(-2.34, UDZIAL) == sp("2,3~pkt proc.")
    assert fmt_change(-2.34, UDZIAL, signed=True) == sp("−2,3~pkt proc.")
    assert fmt_change(30, RODZINY, signed=True) == "+30"
    assert fmt_change(-200, KOSZT) == sp("200,00~zł")


# --- sentences -----------------------------------------------------------------------------

def test_sentence_level_agrees_with_gender():
    assert sentence_level(RODZINY, "gmina Blizanów", 2023, 125) == sp(
        "Liczba rodzin objętych pomocą społeczną w gminie Blizanów wyniosła w 2023~r. 125.")
    assert sentence_level(UDZIAL, "Blizanów", 2023, 5.234) == sp(
        "Udział bezrobotnych zarejestrowanych w liczbie ludności w wieku produkcyjnym "
        "w gminie Blizanów wyniósł w 2023~r. 5,2%.")
    assert sentence_level(OBCIAZENIE, "Koźminek", 2022, 12) == sp(
        "Przeciętne obciążenie asystenta rodziny w gminie Koźminek "
        "wyniosło w 2022~r. 12,0~rodziny na asystenta.")
    assert sentence_level(UDZIAL, "Blizanów", 2023, None) == sp(
        "Udział bezrobotnych zarejestrowanych w liczbie ludności w wieku produkcyjnym "
        "w gminie Blizanów: brak danych za 2023~r.")


def _trend(**kw):
    base = dict(start_year=2019, end_year=2023, start_value=150, end_value=120,
                abs_change=-30, pct_change=-20.0, avg_annual_rate=-5.43, slope=-7.5,
                significant=True, direction="spadek", last_year_change=-3, n_points=5)
    base.update(kw)
    return NS(**base)


def test_sentence_trend_significant_decrease():
    assert sentence_trend(RODZINY, "Blizanów", _trend()) == sp(
        "Liczba rodzin objętych pomocą społeczną w gminie Blizanów w latach 2019–2023 "
        "spadła ze 150 do 120 (o 30, tj. o 20,0%); średnie roczne tempo zmian wyniosło −5,4%. "
        "Tendencja spadkowa jest wyraźna (istotna statystycznie, na podstawie 5~obserwacji). "
        "W ostatnim roku (2023 wobec 2022) zmiana wyniosła −3.")


def test_sentence_trend_within_noise_for_share():
    t = _trend(start_value=5.2, end_value=6.1, abs_change=0.9, pct_change=17.3, slope=0.2,
               significant=False, direction="wzrost", last_year_change=-0.3, n_points=4)
    assert sentence_trend(UDZIAL, "Blizanów", t) == sp(
        "Udział bezrobotnych zarejestrowanych w liczbie ludności w wieku produkcyjnym "
        "w gminie Blizanów w latach 2019–2023 wzrósł z 5,2% do 6,1% (o 0,9~pkt proc.); "
        "średnia zmiana roczna wyniosła +0,2~pkt proc. "
        "Zmiana nie odbiega od wahań losowych (na podstawie 4~obserwacji), więc nie świadczy "
        "o trwałej tendencji. W ostatnim roku (2023 wobec 2022) zmiana wyniosła −0,3~pkt proc.")


def test_sentence_trend_no_change_and_too_few_points():
    t = _trend(start_value=40, end_value=40, abs_change=0, pct_change=0.0, significant=False,
               direction="bez zmian", last_year_change=None)
    assert sentence_trend(RODZINY, "Lisków", t) == sp(
        "Liczba rodzin objętych pomocą społeczną w gminie Lisków w latach 2019–2023 "
        "pozostała bez zmian (40 w 2019~r. i 40 w 2023~r.).")
    one = _trend(n_points=1, end_value=float("nan"))
    assert sentence_trend(RODZINY, "Lisków", one) == (
        "Liczba rodzin objętych pomocą społeczną w gminie Lisków: za mało danych do oceny "
        "zmian (liczba lat z danymi: 1).")


def test_sentence_comparison_rate_worse_than_powiat():
    row = dict(year=2023, value=45.26, powiat_value=38.1, diff=7.16, diff_pct=18.79, rank=9,
               n_units=11, median=40.0, position="powyżej mediany")
    assert sentence_comparison(WSP, "Blizanów", row, 11) == sp(
        "Współczynnik obciążenia demograficznego osobami starszymi (65+ na 100 osób w wieku "
        "15-64) w gminie Blizanów wyniósł w 2023~r. 45,3~na 100 osób wobec 38,1 w powiecie, "
        "tj. o 7,2 (18,8%) więcej – mniej korzystnie niż średnio w powiecie; to 9. miejsce "
        "spośród 11~gmin powiatu (licząc od najkorzystniejszej sytuacji); mediana dla gmin "
        "powiatu: 40,0.")


def test_sentence_comparison_share_in_points_and_better_direction():
    row = dict(year=2023, value=4.1, powiat_value=5.2, diff=-1.1, diff_pct=-21.2, rank=2,
               n_units=11, median=None, position=None)
    assert sentence_comparison(UDZIAL, "Blizanów", row, 11).endswith(sp(
        "wyniósł w 2023~r. 4,1% wobec 5,2% w powiecie, tj. o 1,1~pkt proc. mniej – "
        "korzystniej niż średnio w powiecie; to 2. miejsce spośród 11~gmin powiatu "
        "(licząc od najkorzystniejszej sytuacji)."))
    # higher is better: a higher share is the favourable side (85 against 75 is 13,3 % more,
    # beyond the 10 % band of "podobnie"); 80 against 75 (6,7 %) is within it
    row = dict(year=2023, value=85.0, powiat_value=75.0, diff=10.0, diff_pct=13.3, rank=None,
               n_units=1, median=None, position=None)
    text = sentence_comparison(PIECZA_RODZ, "powiat kaliski", row, 1)
    assert sp("o 10,0~pkt proc. więcej – korzystniej niż średnio w powiecie.") in text
    row = dict(row, value=80.0, diff=5.0, diff_pct=6.7)
    text = sentence_comparison(PIECZA_RODZ, "powiat kaliski", row, 1)
    assert sp("o 5,0~pkt proc. więcej – podobnie jak średnio w powiecie.") in text


def test_sentence_comparison_neutral_and_counts():
    row = dict(year=2023, value=128437.15, powiat_value=900000, diff=None, diff_pct=None,
               rank=None, n_units=11, median=None, position=None)
    assert sentence_comparison(KOSZT, "Opatówek", row, 11) == sp(
        "Koszt zatrudnienia asystentów rodziny w gminie Opatówek wyniósł w 2023~r. "
        "128~437,15~zł wobec 900~000,00~zł w całym powiecie.")


def test_sentence_forecast_with_interval():
    f = NS(horizon=2027, years=[2024, 2025, 2026, 2027], values=[121, 118, 115, 112.4],
           lower=[110, 100, 90, -3], upper=[130, 135, 140, 150.2], n_points=6,
           refused_reason=None, method="linear")
    assert sentence_forecast(RODZINY, "Blizanów", f) == sp(
        "Liczba rodzin objętych pomocą społeczną w gminie Blizanów w 2027~r. wyniesie według "
        "prognozy ok. 112 (przedział prognozy: od 0 do 150). Przedział jest szerszy niż sama "
        "prognozowana wartość, dlatego prognoza nie pozwala ocenić kierunku zmian. Prognozę "
        "sporządzono metodą trendu liniowego na podstawie 6~obserwacji.")
    f2 = NS(horizon=2, years=[2024, 2025], values=[5.0, 5.25], lower=[4.5, 4.0],
            upper=[5.5, 6.5], n_points=8, refused_reason=None, method=None, level=0.8)
    assert sentence_forecast(UDZIAL, "Blizanów", f2).endswith(sp(
        "w 2025~r. wyniesie według prognozy ok. 5,3% (przedział prognozy 80%: od 4,0% "
        "do 6,5%)."))


def test_sentence_forecast_refused():
    f = NS(horizon=2027, years=[], values=[], lower=[], upper=[], n_points=2,
           refused_reason="za mało obserwacji (2, potrzeba co najmniej 5)", method=None)
    assert sentence_forecast(UDZIAL, "Blizanów", f) == (
        "Udział bezrobotnych zarejestrowanych w liczbie ludności w wieku produkcyjnym "
        "w gminie Blizanów nie został objęty prognozą: za mało obserwacji (2, potrzeba "
        "co najmniej 5).")
    assert "nie została objęta prognozą: brak wartości prognozy." in sentence_forecast(
        RODZINY, "Blizanów", NS(horizon=2027, years=[], values=[], lower=None, upper=None,
                                n_points=0, refused_reason=None, method=None))


def test_sentence_swot():
    item = dict(kind="słaba strona", indicator=NA_10TYS, unit_name="gmina Mycielin", year=2023,
                value=61.04, powiat_value=38.1, rank=11, n_units=11)
    assert sentence_swot(item) == sp(
        "Liczba procedur „Niebieskie Karty” na 10 tys. mieszkańców w gminie Mycielin wyniosła "
        "w 2023~r. 61,0~na 10 tys. mieszkańców wobec 38,1 w powiecie – mniej korzystnie niż "
        "średnio w powiecie (11. miejsce spośród 11~gmin powiatu, licząc od najkorzystniejszej"
        " sytuacji).")


@pytest.mark.parametrize("name,gen", [("kaliski", "kaliskiego"), ("ostrowski", "ostrowskiego"),
                                      ("łódzki wschodni", "łódzkiego wschodniego"),
                                      ("nowodworski (mazowiecki)", "nowodworskiego (mazowiecki)"),
                                      ("Kalisz", "Kalisz"), ("m. Poznań", "m. Poznań")])
def test_powiat_genitive(name, gen):
    from strategy.text import powiat_genitive
    assert powiat_genitive(name) == gen


def test_shown_difference_is_that_of_the_printed_values():
    from strategy.text import shown_difference
    # 18,75 -> 18,8 and 18,94 -> 18,9 at one place: 18,8 - 18,9 = -0,1 (unrounded: -0,19)
    assert shown_difference(18.75, 18.94, 1) == pytest.approx(-0.1)
    assert shown_difference(0.25, 0.0, 1) == pytest.approx(0.3)      # half up, as printed
    assert shown_difference(318.164, 472.946, 2) == pytest.approx(-154.79)
    assert math.isnan(shown_difference(None, 1.0, 1))


def test_sentences_give_the_difference_of_the_values_they_print():
    row = dict(year=2023, value=18.75, powiat_value=18.94, diff=-0.19, diff_pct=-1.0, rank=None,
               n_units=11, median=None, position=None)
    assert sp("wyniósł w 2023~r. 18,8% wobec 18,9% w powiecie, tj. o 0,1~pkt proc. mniej") in (
        sentence_comparison(UDZIAL, "Blizanów", row, 11))
    t = _trend(start_value=5.25, end_value=6.14, abs_change=0.89, pct_change=17.0, slope=0.2,
               significant=False, direction="wzrost", last_year_change=None, n_points=4)
    assert sp("wzrósł z 5,3% do 6,1% (o 0,8~pkt proc.)") in sentence_trend(UDZIAL, "Blizanów", t)
