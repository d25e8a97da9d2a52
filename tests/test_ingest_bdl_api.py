"""BDL API JSON reader: pages, parts of urban-rural gminas, duplicates, gaps, bad JSON."""
import json
import math
from pathlib import Path

import pytest

from strategy.ingest.bdl_api import read_bdl_json, read_bdl_json_files

MAPPING = "plik;zmienna_bdl;filtr;wskaznik;uwagi\n;72305;;ludnosc;test\n"


def page(number, results, total=4, size=2, var=72305):
    return {"totalRecords": total, "page": number, "pageSize": size,
            "links": {"next": None}, "variableId": var, "measureUnitId": 5,
            "lastUpdate": "2024-05-01T00:00:00", "results": results}


def unit(uid, name, *values):
    return {"id": uid, "name": name,
            "values": [{"year": y, "val": v, "attrId": a} for y, v, a in values]}


BLIZANOW = unit("023011807012", "Blizanów", ("2023", 8650.0, 1), ("2024", None, 4))
KOZMINEK = unit("023011807053", "Koźminek", ("2024", 7890, 1))
KOZMINEK_TOWN = unit("023011807054", "Koźminek - miasto", ("2024", 2000.0, 1))
KOZMINEK_RURAL = unit("023011807055", "Koźminek - obszar wiejski", ("2024", 5890.0, 1))


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "mapping.csv").write_text(MAPPING, encoding="utf-8")
    return tmp_path


def dump(folder: Path, name: str, data) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def test_two_page_files_parts_4_and_5_dropped(folder):
    # 4 units over 2 pages of 2; the town and rural parts of Koźminek are dropped
    p0 = dump(folder, "p0.json", page(0, [BLIZANOW, KOZMINEK_TOWN]))
    p1 = dump(folder, "p1.json", page(1, [KOZMINEK, KOZMINEK_RURAL]))
    res = read_bdl_json_files([p0, p1])
    assert res.problems == []
    assert res.files == ["p0.json", "p1.json"]
    got = sorted(zip(res.frame["teryt_raw"], res.frame["year_raw"], res.frame["value_raw"]))
    assert got == [("023011807012", "2023", "8650.0"), ("023011807012", "2024", None),
                   ("023011807053", "2024", "7890")]
    assert set(res.frame["indicator"]) == {"ludnosc"}
    assert set(res.frame["source"]) == {"GUS BDL, zmienna 72305"}
    blizanow_2024 = res.frame[(res.frame["teryt_raw"] == "023011807012")
                              & (res.frame["year_raw"] == "2024")].iloc[0]
    assert math.isnan(blizanow_2024["value_num"])
    assert blizanow_2024["attr_raw"] == "4"
    kozminek = res.frame[res.frame["teryt_raw"] == "023011807053"].iloc[0]
    assert kozminek["value_num"] == 7890.0
    assert kozminek["name_raw"] == "Koźminek"
    assert kozminek["file"] == "p1.json"
    assert kozminek["column"] == "val" and kozminek["teryt_column"] == "id"


def test_list_of_pages_in_one_file_with_repeated_record(folder):
    # Blizanów repeated identically on both pages: kept once
    path = dump(folder, "ludnosc.json", [page(0, [BLIZANOW, KOZMINEK], total=3),
                                         page(1, [BLIZANOW, KOZMINEK_TOWN], total=3)])
    res = read_bdl_json(path)
    assert res.problems == []
    assert len(res.frame) == 3   # Blizanów 2023, 2024 and Koźminek 2024
    assert sorted(res.frame["teryt_raw"]) == ["023011807012", "023011807012", "023011807053"]


def test_page_gap_is_reported(folder):
    p0 = dump(folder, "p0.json", page(0, [BLIZANOW, KOZMINEK], total=5))
    p2 = dump(folder, "p2.json", page(2, [KOZMINEK_TOWN], total=5))
    res = read_bdl_json_files([p0, p2])
    [p] = res.problems
    assert p.message.startswith("brakuje strony 1 ")
    assert p.file == "p0.json, p2.json"
    assert len(res.frame) == 3   # what was there is still read


def test_total_records_mismatch_is_reported(folder):
    path = dump(folder, "p0.json", page(0, [BLIZANOW], total=2, size=100))
    res = read_bdl_json(path)
    [p] = res.problems
    assert p.message.startswith("brakuje strony")
    assert p.value == "1" and p.expected == "2"


def test_malformed_json_gives_line_and_column(folder):
    path = folder / "zly.json"
    path.write_text('{"totalRecords": 1,\n "page": 0,\n "results": [ {"id": "1" "name": "x"} ]\n}',
                    encoding="utf-8")
    res = read_bdl_json(path)
    [p] = res.problems
    assert p.row == 3
    assert "wierszu 3, kolumnie 26" in p.message
    assert p.file == "zly.json"
    assert len(res.frame) == 0


def test_unmapped_variable_is_a_problem(folder):
    path = dump(folder, "inna.json", page(0, [BLIZANOW], total=1, var=999999))
    res = read_bdl_json(path)
    [p] = res.problems
    assert "999999" in p.message and p.rule == "mapowanie"
    assert len(res.frame) == 0


def test_json_that_is_not_an_api_response(folder):
    res = read_bdl_json(dump(folder, "cos.json", {"hello": "world"}))
    [p] = res.problems
    assert "results" in p.message


def test_mapping_by_variable_from_package_default(tmp_path):
    # no mapping.csv in the folder: the package default knows 72305
    path = dump(tmp_path, "p.json", page(0, [KOZMINEK], total=1))
    res = read_bdl_json(path)
    assert res.problems == []
    assert list(res.frame["indicator"]) == ["ludnosc"]


def test_demo_mark_in_content(folder):
    data = page(0, [KOZMINEK], total=1)
    data["uwaga"] = "DANE DEMONSTRACYJNE"
    assert read_bdl_json(dump(folder, "p.json", data)).demo is True
    assert read_bdl_json(dump(folder, "q.json", page(0, [KOZMINEK], total=1))).demo is False


def unit_page(number, results, total=2, size=2, uid="023011807000"):
    """One page of ``/data/by-unit/{uid}?var-id=...`` (SingleUnitData)."""
    return {"totalRecords": total, "page": number, "pageSize": size, "links": {},
            "unitId": uid, "unitName": "Powiat kaliski", "aggregateId": 1, "results": results}


def var_values(var, *values):
    return {"id": var, "measureUnitId": 1, "lastUpdate": "2024-05-01T00:00:00",
            "values": [{"year": y, "val": v, "attrId": a} for y, v, a in values]}


def test_by_unit_page_gives_the_unit_values_of_each_variable(folder):
    (folder / "mapping.csv").write_text(MAPPING + ";634989;;udzial_65plus;test\n",
                                        encoding="utf-8")
    path = dump(folder, "powiat.json", unit_page(0, [
        var_values(72305, ("2023", 82000.0, 1), ("2024", 81900.0, 1)),
        var_values(634989, ("2024", 19.5, 1))]))
    res = read_bdl_json(path)
    assert res.problems == []
    got = sorted(zip(res.frame["teryt_raw"], res.frame["indicator"], res.frame["year_raw"],
                     res.frame["value_num"]))
    assert got == [("023011807000", "ludnosc", "2023", 82000.0),
                   ("023011807000", "ludnosc", "2024", 81900.0),
                   ("023011807000", "udzial_65plus", "2024", 19.5)]
    assert set(res.frame["name_raw"]) == {"Powiat kaliski"}
    assert set(res.frame["source"]) == {"GUS BDL, zmienna 72305", "GUS BDL, zmienna 634989"}


def test_by_unit_missing_page_is_reported(folder):
    # 3 variables, 2 per page: page 1 is missing
    path = dump(folder, "powiat.json", unit_page(0, [var_values(72305, ("2024", 1.0, 1)),
                                                     var_values(72305, ("2023", 1.0, 1))],
                                                 total=3))
    res = read_bdl_json(path)
    assert [p.rule for p in res.problems] == ["strony"]
    assert "brakuje strony 1 wyników jednostki BDL 023011807000" in res.problems[0].message


def test_one_page_answer_without_paging_fields_is_read_whole(folder):
    # a real one-page answer: no page, pageSize or links; lastUpdate null
    body = {"totalRecords": 2, "variableId": 72305, "measureUnitId": 26, "aggregateId": 1,
            "lastUpdate": None, "results": [BLIZANOW, KOZMINEK]}
    res = read_bdl_json(dump(folder, "zmienna_72305_strona_000.json", body))
    assert res.problems == []
    got = sorted(zip(res.frame["teryt_raw"], res.frame["year_raw"], res.frame["value_num"]))
    assert got[0] == ("023011807012", "2023", 8650.0) and got[2] == ("023011807053", "2024", 7890)


def test_powiat_and_city_total_attr_97_is_skipped_with_a_note(folder):
    by_unit = {"totalRecords": 1, "unitId": "023011807000", "unitName": "Powiat kaliski",
               "aggregateId": 1, "results": [{"id": 72305, "measureUnitId": 26, "values": [
                   {"year": "2023", "val": 81870.0, "attrId": 1},
                   {"year": "2024", "val": 190210.0, "attrId": 97}]}]}
    res = read_bdl_json(dump(folder, "jednostka.json", by_unit))
    assert res.problems == []
    assert list(zip(res.frame["year_raw"], res.frame["value_num"])) == [("2023", 81870.0)]
    assert res.notes == [("jednostka.json: pominięto 1 wartość z atrybutem 97 („Łącznie dla "
                         "powiatu i miasta na prawach powiatu”): to liczby powiatu łącznie z "
                         "miastem na prawach powiatu, nie samego powiatu")]


def test_attributes_saved_by_the_download_decide_what_a_value_is(folder):
    # the manifest of a download holds the API's /attributes; an id the built-in copy lacks
    # ("60", no figure) is read as an empty cell, and one described as the powiat with its city
    # is skipped whatever its number
    sub = folder / "gminy"
    sub.mkdir()
    (folder / "manifest.json").write_text(json.dumps({"attributes": {
        "60": {"name": "-", "symbol": "n", "description": "Dana jeszcze niedostępna"},
        "61": {"name": "wartość", "symbol": "p",
               "description": "Łącznie dla powiatu i miasta na prawach powiatu"}}}),
        encoding="utf-8")
    body = {"totalRecords": 2, "variableId": 72305, "measureUnitId": 26, "results": [
        unit("023011807012", "Blizanów", ("2023", 0.0, 60), ("2024", 8600.0, 1)),
        unit("023011807053", "Koźminek", ("2024", 99999.0, 61))]}
    res = read_bdl_json_files([dump(sub, "zmienna_72305_strona_000.json", body)])
    assert res.problems == []
    rows = sorted(zip(res.frame["teryt_raw"], res.frame["year_raw"], res.frame["value_raw"]))
    assert rows == [("023011807012", "2023", None), ("023011807012", "2024", "8600.0")]
    assert len(res.notes) == 1 and "z atrybutem 61" in res.notes[0]


def test_deeply_nested_json_is_a_polish_problem(tmp_path):
    from strategy.ingest.bdl_api import load_pages
    path = tmp_path / "bdl_api_1.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    pages, problems, _ = load_pages(path, "bdl_api_1.json")
    assert pages == []
    (p,) = problems
    assert p.rule == "json" and "zbyt głęboko zagnieżdżone nawiasy" in p.message
    assert "Recursion" not in str(p)
