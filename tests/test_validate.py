"""Validation of raw frames (strategy.validate) on small inline frames."""
import math

import pandas as pd
import pytest

from strategy.ingest.raw import RAW_COLUMNS
from strategy.store import COLUMNS, FLAG_NO_DATA, FLAG_NOT_APPLICABLE, FLAG_OK
from strategy.validate import (POLAND, check_frame_consistency, check_powiat, infer_powiat,
                               validate)

YEARS = (1990, 2025)


def raw(*rows):
    base = dict(teryt_raw="3007012", name_raw="", year_raw="2020", indicator="ludnosc",
                value_raw="100", value_num=math.nan, attr_raw="", unit="", source="test",
                file="a.csv", sheet="", row=2, column="Wartosc", teryt_column="Kod",
                year_column="Rok")
    out = []
    for i, r in enumerate(rows):
        rec = dict(base, row=2 + i)
        rec.update(r)
        out.append(rec)
    return pd.DataFrame(out, columns=RAW_COLUMNS)


def run(*rows, **kw):
    kw.setdefault("years", YEARS)
    return validate(raw(*rows), **kw)


def rules(problems):
    return [p.rule for p in problems]


def test_clean_rows_become_canonical_frame():
    frame, problems = run({"value_raw": "1 234"}, {"indicator": "bezrobotni", "value_raw": "56"})
    assert problems == []
    assert list(frame.columns[:len(COLUMNS)]) == COLUMNS
    assert frame["value"].tolist() == [1234.0, 56.0]
    assert frame["teryt"].tolist() == ["3007012", "3007012"]
    assert frame["year"].tolist() == [2020, 2020]
    assert frame["unit"].tolist() == ["osoba", "osoba"]   # from the catalogue
    assert frame["file"].tolist() == ["a.csv", "a.csv"]
    assert frame["row"].tolist() == [2, 3]


def test_non_numeric_value_names_column_and_row():
    _, problems = run({"value_raw": "12,a", "row": 14})
    (p,) = problems
    assert p.rule == "liczba" and p.row == 14 and p.column == "Wartosc" and p.value == "12,a"
    assert "'12,a' nie jest liczbą" in p.message
    assert str(p).startswith("plik a.csv, wiersz 14, kolumna 'Wartosc'")


def test_all_problems_collected_in_one_pass():
    _, problems = run({"value_raw": "12,a"}, {"year_raw": "1850"}, {"indicator": "nieznany"},
                      {"teryt_raw": "141.803,00"}, {"value_raw": "-5"})
    assert sorted(rules(problems)) == sorted(["liczba", "rok_zakres", "wskaznik", "teryt",
                                              "ujemna"])


def test_symbols_become_nan_with_flags():
    frame, problems = run({"value_raw": "-"}, {"indicator": "bezrobotni", "value_raw": "x"},
                          {"indicator": "beneficjenci", "value_raw": "."},
                          {"indicator": "rodziny_pomoc", "value_raw": "0"})
    assert problems == []
    assert frame["flag"].tolist() == [FLAG_NO_DATA, FLAG_NOT_APPLICABLE, FLAG_NO_DATA, FLAG_OK]
    assert frame["value"].isna().tolist() == [True, True, True, False]
    assert frame["value"].iloc[3] == 0.0   # "0" is a value below half the unit


def test_bdl_attributes():
    frame, problems = run({"value_raw": None, "value_num": 0.0, "attr_raw": "4"},
                          {"indicator": "bezrobotni", "value_raw": "12", "attr_raw": "1"},
                          {"indicator": "beneficjenci", "value_raw": "7", "attr_raw": "brak_danych"})
    assert problems == []
    assert frame["flag"].tolist() == [FLAG_NO_DATA, FLAG_OK, FLAG_NO_DATA]
    assert math.isnan(frame["value"].iloc[0])   # attr 4: the 0 in val is not a figure
    assert frame["value"].iloc[1] == 12.0


def test_value_num_wins_over_text():
    frame, problems = run({"value_raw": "1234.0", "value_num": 1234.0})
    assert problems == [] and frame["value"].tolist() == [1234.0]


def test_tidy_csv_dot_is_decimal_point():
    frame, problems = run({"indicator": "przyrost_naturalny_na_1000", "value_raw": "1.234",
                           "column": "value"})
    assert problems == [] and frame["value"].tolist() == [1.234]
    _, problems = run({"indicator": "przyrost_naturalny_na_1000", "value_raw": "1.234"})
    assert rules(problems) == ["liczba"]


def test_negative_count_rejected_balance_allowed():
    frame, problems = run({"value_raw": "-3"}, {"indicator": "saldo_migracji", "value_raw": "-3"})
    assert rules(problems) == ["ujemna"]
    assert frame["indicator"].tolist() == ["saldo_migracji"]
    assert frame["value"].tolist() == [-3.0]


def test_share_above_100():
    _, problems = run({"teryt_raw": "3007", "indicator": "stopa_bezrobocia", "value_raw": "104,5"})
    (p,) = problems
    assert p.rule == "udzial" and p.value == "104,5" and "100%" in p.message


def test_share_of_100_is_fine():
    _, problems = run({"teryt_raw": "3007", "indicator": "stopa_bezrobocia", "value_raw": "100"})
    assert problems == []


def test_count_must_be_whole():
    _, problems = run({"value_raw": "12,5"})
    assert rules(problems) == ["calkowita"]
    _, problems = run({"indicator": "wydatki_pomoc_spoleczna", "value_raw": "128 437,15"})
    assert problems == []   # amounts may have grosze


@pytest.mark.parametrize("year, rule", [("1850", "rok_zakres"), ("2031", "rok_zakres"),
                                        ("2020,5", "rok"), ("dwa tysiące", "rok"), ("", "rok")])
def test_years(year, rule):
    _, problems = run({"year_raw": year})
    (p,) = problems
    assert p.rule == rule and p.column == "Rok"


def test_year_written_as_float_is_fine():
    frame, problems = run({"year_raw": "2020.0"})
    assert problems == [] and frame["year"].tolist() == [2020]


def test_unknown_indicator_suggests_close_id():
    _, problems = run({"indicator": "ludnośc"})
    (p,) = problems
    assert p.rule == "wskaznik" and "'ludnośc'" in p.message and "ludnosc" in p.expected


@pytest.mark.parametrize("code, fragment", [
    ("141.803,00", "zniekształcony przez Excel"),
    ("1,20101E+06", "wykładniczy"),
    ("30070", "oczekiwano 7 cyfr"),
    ("abc", "nie jest kodem TERC"),
    ("", "brak kodu"),
])
def test_malformed_codes(code, fragment):
    _, problems = run({"teryt_raw": code})
    (p,) = problems
    assert p.rule == "teryt" and fragment in p.message and p.column == "Kod"


def test_excel_mangled_code_with_all_digits_is_recovered():
    frame, problems = run({"teryt_raw": "3.007.012,00"})
    assert problems == [] and frame["teryt"].tolist() == ["3007012"]


def test_bdl_id_converted_and_unknown_unit_reported():
    frame, problems = run({"teryt_raw": "023011807083"}, {"teryt_raw": "3299011", "name_raw": "Nowa Gmina (1)"})
    assert frame["teryt"].tolist() == ["3007083"]
    (p,) = problems
    assert p.rule == "jednostka" and "3299011" in p.message and "Nowa Gmina" in p.message
    assert "strategy jednostki" in p.message


def test_poland_benchmark():
    frame, problems = run({"teryt_raw": "000000000000"}, powiat="3007")
    assert problems == [] and frame["teryt"].tolist() == [POLAND]


def test_predecessor_code_mapped_to_successor():
    frame, problems = run({"teryt_raw": "3007052", "year_raw": "2019"},
                          {"teryt_raw": "023011807052", "year_raw": "2018"},
                          {"teryt_raw": "3007053", "year_raw": "2021"})
    assert problems == []
    assert frame["teryt"].tolist() == ["3007053"] * 3
    assert sorted(frame["year"].tolist()) == [2018, 2019, 2021]


def test_gmina_parts_skipped_with_one_note_per_file():
    notes = []
    frame, problems = run({"teryt_raw": "3007093", "value_raw": "7420"},
                          {"teryt_raw": "3007094", "value_raw": "3520"},
                          {"teryt_raw": "023011807095", "value_raw": "3900"},
                          {"teryt_raw": "3007083", "value_raw": "11000"},
                          {"teryt_raw": "3007084", "value_raw": "2000"}, notes=notes)
    assert problems == []
    assert sorted(frame["teryt"]) == ["3007083", "3007093"]
    assert sorted(frame["value"]) == [7420.0, 11000.0]
    (note,) = notes
    assert "pominięto 3 wiersze" in note
    assert "Opatówek (3007083)" in note and "Stawiszyn (3007093)" in note


def test_only_gmina_parts_refused():
    _, problems = run({"teryt_raw": "3007094"})
    (p,) = problems
    assert p.rule == "czesc_gminy" and "Stawiszyn" in p.message


def test_six_digit_code_explained_as_lost_zero():
    _, problems = run({"teryt_raw": "607042", "name_raw": "Gościeradów"})
    (p,) = problems
    assert p.rule == "teryt" and "0607042" in p.message and "zero" in p.message


@pytest.mark.parametrize("code,name,blocking", [
    ("0607011", "Kraśnik (2)", True),            # type suffix of the rural gmina
    ("0607011", "Kraśnik (gmina wiejska)", True),
    ("0607023", "Urzędów (3)", True),            # another gmina of the powiat
    ("0607011", "Kraśnik (1)", False),
    ("0607052", "Kraśnik (gmina wiejska)", False),
    ("0607000", "Powiat kraśnicki", False),
])
def test_name_contradicting_code(code, name, blocking):
    warnings = []
    _, problems = run({"teryt_raw": code, "name_raw": name}, warnings=warnings)
    if blocking:
        (p,) = problems
        assert p.rule == "nazwa_kod" and name in p.message
    else:
        assert problems == [] and warnings == []


def test_renamed_unit_is_a_warning_only():
    warnings = []
    frame, problems = run({"teryt_raw": "0607032", "name_raw": "Dzierzkowice Nowe (2)"},
                          warnings=warnings)
    assert problems == [] and len(frame) == 1
    (w,) = warnings
    assert "Dzierzkowice" in w.message


def test_unit_outside_powiat():
    _, problems = run({"teryt_raw": "3061011"}, {"teryt_raw": "3007"}, {"teryt_raw": "30"},
                      {"teryt_raw": "3007112"}, powiat="3007")
    (p,) = problems
    assert p.rule == "poza_powiatem" and "3061011" in p.message and p.row == 2


def test_duplicates_identical_collapse_different_reported_once_with_both_places():
    frame, problems = run({"value_raw": "100", "row": 5}, {"value_raw": "100", "row": 9})
    assert problems == [] and len(frame) == 1
    frame, problems = run({"value_raw": "100", "row": 5}, {"value_raw": "101", "row": 9})
    (p,) = problems
    assert p.rule == "duplikat" and p.rows == (5, 9) and p.row is None
    assert p.message.startswith("wiersze 5, 9 (2 wiersze) podają różne wartości dla ")
    assert "100 (wiersz 5); 101 (wiersz 9)" in p.message
    assert p.value == "100; 101"


def test_a_key_repeated_on_a_thousand_rows_is_one_short_problem():
    rows = [{"value_raw": str(i), "row": i + 2} for i in range(1000)]
    frame, problems = run(*rows)
    (p,) = problems
    assert frame.empty
    assert p.rows == tuple(range(2, 1002))
    # one key, 1000 rows 2..1001: the brief form, the first five values, the rest counted
    assert p.message.startswith("wiersze 2–1001 (1\u00a0000 wierszy) podają różne wartości dla ")
    assert "0 (wiersz 2); 1 (wiersz 3); 2 (wiersz 4); 3 (wiersz 5); 4 (wiersz 6) i 995 dalszych" \
        in p.message
    assert len(p.message) < 400 and p.value == "0; 1; 2; 3; 4; …"


def test_value_under_old_and_new_code_is_a_conflict_at_both_places():
    # Koźminek: 3007052 until 2020, 3007053 from 2021; one year given under both codes
    frame, problems = run({"teryt_raw": "3007052", "value_raw": "1", "row": 4},
                          {"teryt_raw": "3007053", "value_raw": "2", "row": 7})
    assert rules(problems) == ["kod_poprzedni", "kod_poprzedni"] and frame.empty
    at4 = next(p for p in problems if p.row == 4)
    assert at4.file == "a.csv" and at4.column == "Wartosc" and at4.value == "3007052: 1"
    assert "pod kodem 3007053 (plik a.csv, wiersz 7) wartość 2" in at4.message
    assert "3007052 Koźminek (gmina wiejska do 2020 r.) → 3007053" in at4.message
    # the same value under both codes is a conflict too: nothing is picked silently
    _, problems = run({"teryt_raw": "3007052", "value_raw": "5"},
                      {"teryt_raw": "3007053", "value_raw": "5"})
    assert rules(problems) == ["kod_poprzedni", "kod_poprzedni"]


def test_old_code_until_the_change_and_new_code_after_make_one_series():
    # as BDL gives it: the old code's cells empty ("-") after the change, the new code's before
    rows = [{"teryt_raw": "3007052", "year_raw": str(y), "value_raw": v, "row": 3}
            for y, v in ((2019, "7 010"), (2020, "7 020"), (2021, "-"))]
    rows += [{"teryt_raw": "3007053", "year_raw": str(y), "value_raw": v, "row": 4}
             for y, v in ((2019, "-"), (2020, "-"), (2021, "7 030"))]
    recoded = []
    frame, problems = run(*rows, recoded=recoded)
    assert problems == []
    assert frame[["teryt", "year", "value"]].values.tolist() == [
        ["3007053", 2019, 7010.0], ["3007053", 2020, 7020.0], ["3007053", 2021, 7030.0]]
    (moved,) = recoded
    assert moved["from"] == "3007052" and moved["to"] == "3007053"
    assert moved["years"] == [2019, 2020] and moved["rows"] == 2


def test_former_name_is_no_warning_and_is_recorded():
    warnings, recoded = [], []
    frame, problems = run({"teryt_raw": "2212082", "name_raw": "Słupsk (2)"},
                          warnings=warnings, recoded=recoded)
    assert problems == [] and warnings == [] and frame["teryt"].tolist() == ["2212082"]
    assert recoded == [{"code": "2212082", "former_name": "Słupsk", "name": "Redzikowo",
                        "renamed_in": 2024, "files": ["a.csv"]}]


def test_missing_required_columns():
    frame, problems = validate(raw({}).drop(columns=["value_raw", "year_raw"]))
    (p,) = problems
    assert p.rule == "kolumny" and "value_raw" in p.message and "year_raw" in p.message
    assert frame.empty


def test_empty_frame_is_fine():
    frame, problems = validate(raw().iloc[0:0])
    assert problems == [] and frame.empty


def test_infer_powiat():
    frame, _ = run({"teryt_raw": "3007012"}, {"teryt_raw": "3007", "indicator": "bezrobotni"},
                   {"teryt_raw": "30", "indicator": "beneficjenci"})
    assert infer_powiat(frame) == ("3007", ["3007"])
    frame, _ = run({"teryt_raw": "3007012"}, {"teryt_raw": "3061011"})
    assert infer_powiat(frame) == (None, ["3007", "3061"])
    assert rules(check_powiat(frame, "3061")) == ["poza_powiatem"]


def test_consistency_warnings():
    frame, problems = run({"indicator": "rodziny_pomoc", "value_raw": "40"},
                          {"indicator": "powod_ubostwo_rodziny", "value_raw": "41", "row": 7},
                          {"indicator": "bezrobotni", "value_raw": "10"},
                          {"indicator": "bezrobotni_kobiety", "value_raw": "10"})
    assert problems == []
    (w,) = check_frame_consistency(frame)
    assert w.rule == "spojnosc" and w.row == 7 and "powod_ubostwo_rodziny" in w.message


def test_former_name_of_a_powiat_is_no_warning():
    # powiat jeleniogórski was renamed karkonoski (0206) in 2021
    warnings, recoded = [], []
    frame, problems = run({"teryt_raw": "0206000", "name_raw": "Powiat jeleniogórski"},
                          warnings=warnings, recoded=recoded)
    assert problems == [] and warnings == [] and frame["teryt"].tolist() == ["0206"]
    assert [(r["code"], r["former_name"], r["name"]) for r in recoded] == [
        ("0206", "jeleniogórski", "karkonoski")]
    _, problems = run({"teryt_raw": "0206000", "name_raw": "Powiat lwówecki"}, warnings=warnings)
    assert problems == [] and [w.rule for w in warnings] == ["nazwa"]


def test_no_value_under_either_code_keeps_one_row_without_a_problem():
    frame, problems = run({"teryt_raw": "3007052", "value_raw": "-", "row": 3},
                          {"teryt_raw": "3007053", "value_raw": "-", "row": 4})
    assert problems == []
    assert frame[["teryt", "row"]].values.tolist() == [["3007053", 4]]
    assert math.isnan(frame["value"].iloc[0]) and frame["flag"].iloc[0] == FLAG_NO_DATA
