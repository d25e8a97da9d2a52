"""Tidy CSV reader: canonical columns, separators, encodings, codes and values kept as text."""
from strategy.ingest.tidy_csv import is_tidy_header, read_tidy_csv


def test_comma_separated_values_and_codes_as_text(tmp_path):
    path = tmp_path / "dane.csv"
    path.write_text("teryt,year,indicator,value,unit,source,flag\n"
                    "0201011,2023,ludnosc,38123,osoba,GUS BDL,\n"
                    "3007012,2023,beneficjenci_na_10tys,412.5,,,\n"
                    "3007012,2022,bezrobotni,-,osoba,PUP Kalisz,brak_danych\n", encoding="utf-8")
    res = read_tidy_csv(path)
    assert res.problems == []
    f = res.frame
    assert list(f["teryt_raw"]) == ["0201011", "3007012", "3007012"]
    assert list(f["value_raw"]) == ["38123", "412.5", "-"]
    assert list(f["attr_raw"]) == ["", "", "brak_danych"]
    assert list(f["source"]) == ["GUS BDL", "plik dane.csv", "PUP Kalisz"]
    assert list(f["row"]) == [2, 3, 4]
    assert list(f["year_raw"]) == ["2023", "2023", "2022"]
    assert set(f["column"]) == {"value"}
    assert f["value_num"].isna().all()


def test_semicolon_cp1250_decimal_comma_and_reordered_columns(tmp_path):
    path = tmp_path / "dane.csv"
    text = ("Indicator;TERYT;Year;Value;Source\n"
            "wydatki_pomoc_spoleczna;3007083;2023;1 234 567,89;OPS Opatówek\n")
    path.write_bytes(text.encode("cp1250"))
    res = read_tidy_csv(path)
    assert res.problems == []
    row = res.frame.iloc[0]
    assert row["teryt_raw"] == "3007083"
    assert row["value_raw"] == "1 234 567,89"
    assert row["source"] == "OPS Opatówek"
    assert row["unit"] == ""
    assert row["teryt_column"] == "TERYT"


def test_missing_column_is_named(tmp_path):
    path = tmp_path / "dane.csv"
    path.write_text("teryt,year,indicator,unit\n3007012,2023,ludnosc,osoba\n", encoding="utf-8")
    res = read_tidy_csv(path)
    [p] = res.problems
    assert p.message == "brakuje kolumn: value"
    assert p.row == 1 and p.file == "dane.csv"
    assert len(res.frame) == 0


def test_empty_value_is_none_and_demo_source_marks_demo(tmp_path):
    path = tmp_path / "dane.csv"
    path.write_text("teryt,year,indicator,value,source\n"
                    "3007012,2023,ludnosc,,DANE DEMONSTRACYJNE\n", encoding="utf-8")
    res = read_tidy_csv(path)
    assert res.frame.iloc[0]["value_raw"] is None
    assert res.demo is True


def test_header_only_is_a_problem(tmp_path):
    path = tmp_path / "dane.csv"
    path.write_text("teryt,year,indicator,value\n", encoding="utf-8")
    [p] = read_tidy_csv(path).problems
    assert p.rule == "pusty"


def test_is_tidy_header():
    assert is_tidy_header(["teryt", "year", "indicator", "value", "unit", "source", "flag"])
    assert not is_tidy_header(["Kod", "Nazwa", "Rok", "Wartosc"])
