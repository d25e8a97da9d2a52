"""BDL CSV export reader: encodings, separators, dimension filters, mapping files, bad files."""
from pathlib import Path

import pandas as pd
import pytest

from strategy.ingest.bdl_csv import is_bdl_header, read_bdl_csv
from strategy.ingest.mapping import default_mapping, load_mapping, mapping_for
from strategy.catalog import default_catalog

HEADER = '"Kod";"Nazwa";"Płeć";"Rok";"Wartosc";"Jednostka miary";"Atrybut";\n'
MAPPING = ("plik;zmienna_bdl;filtr;wskaznik;uwagi\n"
           "dane*.csv;72305;Płeć=ogółem;ludnosc;test\n"
           "dane*.csv;;Płeć=kobiety;ludnosc_kobiety;\n")


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def folder(tmp_path):
    write(tmp_path, "mapping.csv", MAPPING)
    return tmp_path


def test_cp1250_file_with_polish_names(folder):
    text = HEADER + '"023011807053";"Koźminek (3)";"ogółem";"2023";"7 890";"osoba";"1";\n'
    path = write(folder, "dane.csv", text, "cp1250")
    res = read_bdl_csv(path)
    assert res.problems == []
    row = res.frame.iloc[0]
    assert row["name_raw"] == "Koźminek (3)"
    assert row["teryt_raw"] == "023011807053"
    assert row["indicator"] == "ludnosc"
    assert row["value_raw"] == "7 890"


def test_utf8_bom_does_not_stick_to_the_first_header(folder):
    text = HEADER + '"3007012";"Blizanów (2)";"ogółem";"2022";"8 650";"osoba";"";\n'
    path = folder / "dane.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    res = read_bdl_csv(path)
    assert res.problems == []
    assert list(res.frame["teryt_column"]) == ["Kod"]
    assert list(res.frame["teryt_raw"]) == ["3007012"]


def test_three_thousands_separators_kept_exactly(folder):
    text = (HEADER
            + '"023011807012";"Blizanów (2)";"ogółem";"2021";"1 234";"osoba";;\n'
            + '"023011807022";"Brzeziny (2)";"ogółem";"2021";"1\u00a0234";"osoba";;\n'
            + '"023011807032";"Ceków-Kolonia (2)";"ogółem";"2021";"1\u202f234,5";"osoba";;\n')
    res = read_bdl_csv(write(folder, "dane.csv", text))
    assert list(res.frame["value_raw"]) == ["1 234", "1\u00a0234", "1\u202f234,5"]
    assert res.frame["value_num"].isna().all()


def test_trailing_semicolon_gives_no_extra_column_and_empty_attribute(folder):
    text = HEADER + '"023011807012";"Blizanów (2)";"ogółem";"2021";"-";"osoba";;\n'
    res = read_bdl_csv(write(folder, "dane.csv", text))
    row = res.frame.iloc[0]
    assert row["attr_raw"] == ""
    assert row["unit"] == "osoba"
    assert row["value_raw"] == "-"
    assert row["column"] == "Wartosc"
    assert row["year_column"] == "Rok"


def test_codes_stay_text_with_leading_zeros_12_and_7_digits(folder):
    text = (HEADER
            + '"000000000000";"POLSKA";"ogółem";"2020";"38 000 000";"osoba";;\n'
            + '"0201011";"Bolesławiec (1)";"ogółem";"2020";"38 000";"osoba";;\n')
    res = read_bdl_csv(write(folder, "dane.csv", text))
    assert list(res.frame["teryt_raw"]) == ["000000000000", "0201011"]
    assert list(res.frame["year_raw"]) == ["2020", "2020"]


def test_dimension_filters_split_one_file_into_indicators(tmp_path):
    write(tmp_path, "mapping.csv",
          'plik;zmienna_bdl;filtr;wskaznik;uwagi\n'
          'ludn*.csv;;"Płeć=kobiety; Wiek=ogółem";ludnosc_kobiety;\n'
          'ludn*.csv;;"plec=OGÓŁEM; wiek=ogółem";ludnosc;\n')
    text = ('"Kod";"Nazwa";"Płeć";"Wiek";"Rok";"Wartosc";"Jednostka miary";"Atrybut";\n'
            '"3007012";"Blizanów (2)";"ogółem";"ogółem";"2023";"100";"osoba";;\n'
            '"3007012";"Blizanów (2)";"kobiety";"ogółem";"2023";"51";"osoba";;\n'
            '"3007012";"Blizanów (2)";"Kobiety";"0-17";"2023";"9";"osoba";;\n'
            '"3007012";"Blizanów (2)";"mężczyźni";"ogółem";"2023";"49";"osoba";;\n')
    res = read_bdl_csv(write(tmp_path, "ludnosc.csv", text))
    assert res.problems == []
    got = sorted(zip(res.frame["indicator"], res.frame["value_raw"], res.frame["row"]))
    assert got == [("ludnosc", "100", 2), ("ludnosc_kobiety", "51", 3)]


def test_rows_are_physical_lines_and_title_line_marks_demo(folder):
    text = ('"DANE DEMONSTRACYJNE - liczby wygenerowane";\n'
            + HEADER
            + '"3007012";"Blizanów (2)";"ogółem";"2023";"1";"osoba";;\n'
            + "\n"
            + '"3007022";"Brzeziny (2)";"ogółem";"2023";"2";"osoba";;\n')
    res = read_bdl_csv(write(folder, "dane.csv", text))
    assert res.demo is True
    assert list(res.frame["row"]) == [3, 5]


def test_demo_mark_in_file_name(folder):
    text = HEADER + '"3007012";"Blizanów (2)";"ogółem";"2023";"1";"osoba";;\n'
    res = read_bdl_csv(write(folder, "dane_DANE_DEMONSTRACYJNE.csv", text))
    assert res.demo is True
    res2 = read_bdl_csv(write(folder, "dane2.csv", text))
    assert res2.demo is False


def test_empty_value_cell_is_none_and_source_names_variable_or_file(folder):
    text = (HEADER + '"3007012";"Blizanów (2)";"ogółem";"2023";"";"osoba";;\n'
            + '"3007012";"Blizanów (2)";"kobiety";"2023";"5";"osoba";;\n')
    res = read_bdl_csv(write(folder, "dane.csv", text))
    by_ind = res.frame.set_index("indicator")
    assert by_ind.loc["ludnosc", "value_raw"] is None
    assert by_ind.loc["ludnosc", "source"] == "GUS BDL, zmienna 72305"
    assert by_ind.loc["ludnosc_kobiety", "source"] == "GUS BDL, plik dane.csv"


def test_header_names_tolerant_to_case_diacritics_quotes(folder):
    text = ('KOD;nazwa;"PŁEĆ";rok;"Wartość";JEDNOSTKA MIARY;atrybut\n'
            '"3007012";"Blizanów (2)";"ogółem";"2023";"12,5";"osoba";"1"\n')
    res = read_bdl_csv(write(folder, "dane.csv", text))
    assert res.problems == []
    assert res.frame.iloc[0]["column"] == "Wartość"
    assert res.frame.iloc[0]["value_raw"] == "12,5"
    assert res.frame.iloc[0]["attr_raw"] == "1"


def test_missing_required_column_is_named(folder):
    text = ('"Kod";"Nazwa";"Płeć";"Rok";"Jednostka miary";"Atrybut";\n'
            '"3007012";"B";"ogółem";"2023";"osoba";;\n')
    res = read_bdl_csv(write(folder, "dane.csv", text))
    assert len(res.frame) == 0
    [p] = res.problems
    assert p.file == "dane.csv"
    assert p.row == 1
    assert "Wartosc" in p.message and "Kod" not in p.message


def test_file_no_mapping_describes_is_a_problem(folder):
    text = HEADER + '"3007012";"Blizanów (2)";"ogółem";"2023";"1";"osoba";;\n'
    res = read_bdl_csv(write(folder, "zupelnie_inny_plik.csv", text))
    assert len(res.frame) == 0
    [p] = res.problems
    assert p.file == "zupelnie_inny_plik.csv"
    assert p.rule == "mapowanie"
    assert "mapowania" in p.message


def test_no_row_passing_filters_is_reported_with_absent_column(tmp_path):
    write(tmp_path, "mapping.csv", "plik;zmienna_bdl;filtr;wskaznik;uwagi\n"
                                   "dane.csv;;Wiek=ogółem;ludnosc;\n")
    text = HEADER + '"3007012";"Blizanów (2)";"ogółem";"2023";"1";"osoba";;\n'
    res = read_bdl_csv(write(tmp_path, "dane.csv", text))
    [p] = res.problems
    assert "filtr" in p.message and "wiek" in p.message


def test_mapping_line_with_unknown_indicator_names_mapping_file_and_line(tmp_path):
    write(tmp_path, "mapping.csv",
          "plik;zmienna_bdl;filtr;wskaznik;uwagi\n"
          "dane.csv;;Płeć=ogółem;ludnosc;\n"
          "dane.csv;;Płeć=kobiety;ludnosc_kobiet_blad;\n")
    text = HEADER + '"3007012";"Blizanów (2)";"ogółem";"2023";"1";"osoba";;\n'
    res = read_bdl_csv(write(tmp_path, "dane.csv", text), root=tmp_path)
    assert list(res.frame["indicator"]) == ["ludnosc"]
    [p] = res.problems
    assert p.file.endswith("mapping.csv")
    assert p.row == 3
    assert p.column == "wskaznik"
    assert p.value == "ludnosc_kobiet_blad"


def test_comma_separated_mapping_is_accepted(tmp_path):
    m = load_mapping(write(tmp_path, "mapping.csv",
                           'plik,zmienna_bdl,filtr,wskaznik,uwagi\n'
                           'x*.csv,72305,"Płeć=kobiety; Wiek=ogółem",ludnosc_kobiety,uwaga\n'))
    assert m.problems == []
    [rule] = m.rules
    assert rule.indicator == "ludnosc_kobiety"
    assert rule.variable == "72305"
    assert rule.filters == (("plec", "kobiety"), ("wiek", "ogółem"))


def test_malformed_filter_is_a_problem(tmp_path):
    m = load_mapping(write(tmp_path, "mapping.csv",
                           "plik;zmienna_bdl;filtr;wskaznik;uwagi\nx.csv;;kobiety;ludnosc;\n"))
    assert m.rules == []
    [p] = m.problems
    assert p.row == 2 and p.column == "filtr"


def test_nearest_mapping_wins_and_parent_mapping_applies_up_to_root(tmp_path):
    sub = tmp_path / "gus" / "2023"
    sub.mkdir(parents=True)
    write(tmp_path, "mapping.csv", "plik;zmienna_bdl;filtr;wskaznik;uwagi\n"
                                   "a.csv;;;bezrobotni;\nb.csv;;;beneficjenci;\n")
    write(tmp_path / "gus", "mapping.csv", "plik;zmienna_bdl;filtr;wskaznik;uwagi\n"
                                           "a.csv;;;ludnosc;\n")
    chain = mapping_for(sub / "a.csv", root=tmp_path)
    assert [r.indicator for r in chain.rules_for_file("a.csv")] == ["ludnosc"]
    assert [r.indicator for r in chain.rules_for_file("b.csv")] == ["beneficjenci"]
    # without a root only the file's own folder (then the package default) is asked
    alone = mapping_for(sub / "a.csv")
    assert alone.rules_for_file("b.csv") == []


def test_package_default_mapping_is_clean_and_covers_catalogue_bdl_vars():
    m = default_mapping()
    assert m.problems == []
    variables = {r.variable for r in m.rules}
    catalog_vars = {i.bdl_var for i in default_catalog() if i.bdl_var}
    assert catalog_vars <= variables
    # every row says whether its variable id was verified, and a verified one says where
    import csv
    from importlib import resources
    text = (resources.files("strategy") / "data" / "bdl_mapping.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines(), delimiter=";"))
    assert len(rows) == len(m.rules)
    assert {r["zweryfikowane"] for r in rows} <= {"tak", "nie"}
    assert all(r["zrodlo"] for r in rows if r["zweryfikowane"] == "tak")
    assert any(r["zweryfikowane"] == "tak" and r["zmienna_bdl"] == "72305" for r in rows)


def test_default_mapping_used_without_local_one(tmp_path):
    text = (HEADER + '"023011807012";"Blizanów (2)";"ogółem";"2023";"8 650";"osoba";;\n'
            + '"023011807012";"Blizanów (2)";"kobiety";"2023";"4 400";"osoba";;\n'
            + '"023011807012";"Blizanów (2)";"mężczyźni";"2023";"4 250";"osoba";;\n')
    res = read_bdl_csv(write(tmp_path, "ludnosc_2023.csv", text))
    assert res.problems == []
    assert dict(zip(res.frame["indicator"], res.frame["value_raw"])) == {
        "ludnosc": "8 650", "ludnosc_kobiety": "4 400"}


@pytest.mark.parametrize("data, rule", [
    (b"", "pusty"),
    (b"\x00\x01\x02\x03PK\x00\xff\xfe\x00garbage\x00" * 20, "binarny"),
    (b"<!DOCTYPE html>\n<html><body>B\xc5\x82\xc4\x85d 500</body></html>", "html"),
    (b'"Kod";"Nazwa"\n"\x81\x98\x90";"x"\n', "kodowanie"),
])
def test_unreadable_files_are_problems_not_crashes(folder, data, rule):
    path = folder / "dane.csv"
    path.write_bytes(data)
    res = read_bdl_csv(path)
    assert len(res.frame) == 0
    [p] = res.problems
    assert p.rule == rule
    assert p.file == "dane.csv"
    assert res.files == ["dane.csv"]


def test_is_bdl_header():
    assert is_bdl_header(["Kod", "Nazwa", "Rok", "Wartosc", "Jednostka miary", "Atrybut", ""])
    assert is_bdl_header(["\ufeffKod", "Nazwa", "Ogółem", "Rok", "Wartość"])
    assert not is_bdl_header(["teryt", "year", "indicator", "value"])
    assert not is_bdl_header(["Kod", "Gmina", "2021", "2022"])


def test_raw_frame_has_contract_columns(folder):
    from strategy.ingest.raw import RAW_COLUMNS
    text = HEADER + '"3007012";"Blizanów (2)";"ogółem";"2023";"1";"osoba";;\n'
    res = read_bdl_csv(write(folder, "dane.csv", text))
    assert list(res.frame.columns) == RAW_COLUMNS
    assert res.frame["value_num"].dtype == "float64"
    assert isinstance(res.frame["row"].iloc[0], (int,)) or pd.api.types.is_integer(
        res.frame["row"].iloc[0])
