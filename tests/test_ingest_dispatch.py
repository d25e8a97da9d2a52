"""Dispatch: choosing the reader by content, expanding folders, merging results."""
import json
from pathlib import Path

import pytest

import strategy.ingest as ingest
from strategy.ingest import read_path, read_paths
from strategy.ingest.raw import ReadResult, empty_raw
from strategy.ingest.problems import Problem

FIXTURES = Path(__file__).parent / "fixtures" / "ingest" / "powiat"
BDL = ('"Kod";"Nazwa";"Płeć";"Rok";"Wartosc";"Jednostka miary";"Atrybut";\n'
       '"3007012";"Blizanów (2)";"ogółem";"2023";"1";"osoba";;\n')


def test_folder_is_expanded_recursively_and_merged():
    res = read_paths([FIXTURES])
    assert res.problems == []
    assert sorted(res.files) == ["api/72305_strona0.json", "api/72305_strona1.json",
                                 "gus/ludnosc_2023.csv", "ops.csv"]
    f = res.frame
    # cp1250 BDL export: ogółem and kobiety rows, mężczyźni dropped, "-" kept
    gus = f[f["file"] == "gus/ludnosc_2023.csv"]
    assert sorted(zip(gus["teryt_raw"], gus["indicator"], gus["value_raw"], gus["row"])) == [
        ("023011807053", "ludnosc", "7\u00a0890", 2),
        ("023011807053", "ludnosc_kobiety", "4 012", 3),
        ("3007112", "ludnosc", "-", 5)]
    assert set(gus["name_raw"]) == {"Koźminek (3)", "Żelazków (2)"}
    # two API pages: parts 4 and 5 of Koźminek dropped, Blizanów kept
    api = f[f["file"].str.startswith("api/")]
    assert list(api["teryt_raw"]) == ["023011807012"]
    assert list(api["value_num"]) == [8700.0]
    tidy = f[f["file"] == "ops.csv"]
    assert list(tidy["indicator"]) == ["rodziny_pomoc"]
    assert len(f) == 5
    assert res.demo is False


def test_single_file_is_named_by_its_name_and_finds_its_folder_mapping():
    res = read_paths([FIXTURES / "gus" / "ludnosc_2023.csv"])
    # the mapping sits in the parent folder, above the file's own folder: not found,
    # but the package default maps ludnosc*.csv files too
    assert res.files == ["ludnosc_2023.csv"]
    assert set(res.frame["indicator"]) == {"ludnosc", "ludnosc_kobiety"}


def test_txt_with_bdl_content_and_csv_with_json_content(tmp_path):
    (tmp_path / "mapping.csv").write_text(
        "plik;zmienna_bdl;filtr;wskaznik;uwagi\ndane.txt;72305;Płeć=ogółem;ludnosc;\n",
        encoding="utf-8")
    (tmp_path / "dane.txt").write_text(BDL, encoding="utf-8")
    res = read_path(tmp_path / "dane.txt", tmp_path)
    assert list(res.frame["indicator"]) == ["ludnosc"]
    page = {"totalRecords": 1, "page": 0, "pageSize": 100, "variableId": 72305,
            "results": [{"id": "023011807012", "name": "Blizanów",
                         "values": [{"year": "2023", "val": 1.0, "attrId": 1}]}]}
    (tmp_path / "api.csv").write_text(json.dumps(page), encoding="utf-8")
    res = read_path(tmp_path / "api.csv", tmp_path)
    assert res.problems == []
    assert list(res.frame["value_raw"]) == ["1.0"]


@pytest.mark.parametrize("name", ["dane.xls", "dane.ods", "pismo.doc"])
def test_unsupported_formats(tmp_path, name):
    (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    res = read_path(tmp_path / name)
    [p] = res.problems
    assert p.message.startswith("nieobsługiwany format")
    assert "zapisz go jako XLSX lub CSV" in p.message
    assert p.file == name


def test_old_office_file_disguised_as_csv(tmp_path):
    (tmp_path / "dane.csv").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    [p] = read_path(tmp_path / "dane.csv").problems
    assert p.message.startswith("nieobsługiwany format")


@pytest.mark.parametrize("data, rule", [
    (b"", "pusty"),
    (b"<html><head><title>Blad</title></head><body>Nie znaleziono</body></html>", "html"),
    (bytes(range(256)) * 4, "binarny"),
])
def test_bad_csv_files(tmp_path, data, rule):
    (tmp_path / "dane.csv").write_bytes(data)
    res = read_path(tmp_path / "dane.csv")
    [p] = res.problems
    assert p.rule == rule and p.file == "dane.csv"
    assert res.files == ["dane.csv"]


def test_unknown_csv_layout(tmp_path):
    (tmp_path / "dane.csv").write_text("gmina;liczba\nBlizanów;5\n", encoding="utf-8")
    [p] = read_path(tmp_path / "dane.csv").problems
    assert p.message.startswith("nie rozpoznano układu pliku CSV")
    assert p.value == "gmina;liczba" and p.row == 1


def _fake_result(tag):
    def reader(path, name):
        return ReadResult(files=[name], problems=[Problem(name, tag)])
    return reader


def test_xlsx_and_template_csv_go_to_the_template_reader(tmp_path, monkeypatch):
    from strategy.ingest import template
    monkeypatch.setattr(template, "read_template_xlsx", _fake_result("xlsx"), raising=False)
    monkeypatch.setattr(template, "read_template_csv", _fake_result("csv"), raising=False)
    monkeypatch.setattr(template, "is_template_header",
                        lambda cells: bool(cells) and cells[0] == "Kod TERC", raising=False)
    (tmp_path / "szablon.xlsx").write_bytes(b"PK\x03\x04rest")
    (tmp_path / "szablon.csv").write_text("Kod TERC;Gmina;Rok\n3007012;Blizanów;2023\n",
                                          encoding="utf-8")
    assert read_path(tmp_path / "szablon.xlsx").problems[0].message == "xlsx"
    assert read_path(tmp_path / "szablon.csv").problems[0].message == "csv"


def test_missing_template_module_is_a_clear_problem(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "_template_module", lambda: None)
    (tmp_path / "szablon.xlsx").write_bytes(b"PK\x03\x04rest")
    [p] = read_path(tmp_path / "szablon.xlsx").problems
    assert "szablonu" in p.message and p.file == "szablon.xlsx"


def test_demo_mark_in_a_file_name_marks_the_merged_result(tmp_path):
    (tmp_path / "mapping.csv").write_text(
        "plik;zmienna_bdl;filtr;wskaznik;uwagi\n*.csv;;Płeć=ogółem;ludnosc;\n",
        encoding="utf-8")
    (tmp_path / "a.csv").write_text(BDL, encoding="utf-8")
    (tmp_path / "b_dane_demonstracyjne.csv").write_text(BDL, encoding="utf-8")
    res = read_paths([tmp_path])
    assert res.demo is True
    assert sorted(res.files) == ["a.csv", "b_dane_demonstracyjne.csv"]


def test_mapping_problem_reported_once_for_many_files(tmp_path):
    (tmp_path / "mapping.csv").write_text(
        "plik;zmienna_bdl;filtr;wskaznik;uwagi\n*.csv;;Płeć=ogółem;ludnosc;\n"
        "*.csv;;Płeć=kobiety;nie_ma_takiego;\n", encoding="utf-8")
    (tmp_path / "a.csv").write_text(BDL, encoding="utf-8")
    (tmp_path / "b.csv").write_text(BDL, encoding="utf-8")
    res = read_paths([tmp_path])
    assert [(p.file, p.row, p.value) for p in res.problems] == [
        ("mapping.csv", 3, "nie_ma_takiego")]
    assert len(res.frame) == 2


def test_missing_path_and_empty_folder(tmp_path):
    (tmp_path / "pusty").mkdir()
    res = read_paths([tmp_path / "nie_ma", tmp_path / "pusty"])
    assert [p.rule for p in res.problems] == ["odczyt", "pusty"]
    assert len(res.frame) == 0
    assert list(res.frame.columns) == list(empty_raw().columns)
