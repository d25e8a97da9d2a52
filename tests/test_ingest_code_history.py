"""Gminas whose code or name changed since 2020, loaded with the packaged register only: the BDL
table export of powiat nowotarski (Czarny Dunajec 1211032 until 2022, 1211033 from 2023), a
conflict between the two codes, a renamed gmina, the gminas of 2025, and the table of gminas
with data by area printed after a load."""
import csv
import io
import json
import math
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from strategy.catalog import default_catalog
from strategy.cli import main
from strategy.coverage import coverage, format_coverage
from strategy.ingest.loading import load_inputs
from strategy.units import default_registry

FIX = Path(__file__).parent / "fixtures"
NOWOTARSKI = FIX / "powiat_1211" / "LUDN_2425_CTAB_20261207101500.csv"
SLUPSKI = FIX / "powiat_2212" / "BDL_ludnosc_2212.csv"
PRE_2022 = "w wieku przedprodukcyjnym;ogółem;2022;[osoba]"


@pytest.fixture()
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)          # no data/rejestr, no data/raw/jednostki.csv here
    default_registry.cache_clear()
    yield tmp_path
    default_registry.cache_clear()


def _series(store, code, indicator):
    f = store.frame
    f = f[(f["teryt"] == code) & (f["indicator"] == indicator)]
    return dict(zip(f["year"].astype(int), f["value"]))


def test_national_table_export_of_nowotarski_loads_with_the_packaged_register(project):
    store, problems, summary = load_inputs([NOWOTARSKI], powiat="1211")
    assert problems == [], [str(p) for p in problems]
    # the fixture's powiat row is the sum of its gminas (old and new code of Czarny Dunajec)
    assert summary.warnings == []
    gminas = sorted(u for u in set(store.frame["teryt"]) if len(u) == 7)
    assert gminas == ["1211011", "1211023", "1211033", "1211042", "1211052", "1211062",
                      "1211072", "1211082", "1211092", "1211102", "1211112", "1211123",
                      "1211132", "1211142"]
    # one series of five years under the current code, read by hand off rows 1211032 (2020-2022)
    # and 1211033 (2023-2024) of the file
    assert _series(store, "1211033", "ludnosc_przedprodukcyjna") == {
        2020: 4512, 2021: 4498, 2022: 4470, 2023: 4431, 2024: 4405}
    assert _series(store, "1211033", "ludnosc_produkcyjna") == {
        2020: 14020, 2021: 13990, 2022: 13960, 2023: 13930, 2024: 13900}
    assert _series(store, "1211033", "ludnosc_poprodukcyjna") == {
        2020: 3310, 2021: 3335, 2022: 3360, 2023: 3385, 2024: 3410}
    # the town and rural parts (1211034, 1211035) are parts, not the gmina: not stored
    assert not set(store.frame["teryt"]) & {"1211032", "1211034", "1211035"}
    assert any("Czarny Dunajec (1211033)" in n for n in summary.notes if "części gmin" in n)
    (moved,) = summary.recoded
    assert (moved["from"], moved["to"], moved["years"], moved["rows"]) == (
        "1211032", "1211033", [2020, 2021, 2022], 9)          # 3 indicators x 3 years
    assert summary.code_lines() == [(
        "1211032 Czarny Dunajec (gmina wiejska do 2022 r.) → 1211033: dane z lat 2020–2022 "
        "zapisano pod obecnym kodem gminy (9 wierszy)")]
    labels = dict(summary.units)
    assert labels["1211011"] == "Nowy Targ (gmina miejska)"
    assert labels["1211092"] == "Nowy Targ (gmina wiejska)"


def test_ingest_prints_the_code_change_records_it_and_shows_gminas_with_data(project, capsys):
    store_path = project / "m.parquet"
    assert main(["ingest", str(NOWOTARSKI), "--powiat", "1211", "--store", str(store_path)]) == 0
    out = capsys.readouterr().out
    assert ("1211032 Czarny Dunajec (gmina wiejska do 2022 r.) → 1211033: dane z lat "
            "2020–2022") in out
    assert "Lata: 2020–2024 (5 lat)" in out
    lines = out.splitlines()
    start = lines.index("Dane gmin według obszarów (powiat 1211 nowotarski, 14 gmin):")
    table = [[c.strip() for c in line.split("|")] for line in lines[start + 1:start + 13]]
    assert table[0] == ["obszar", "ostatni rok", "gminy z danymi w tym roku",
                        "gminy bez żadnych danych"]
    rows = {r[0]: r[1:] for r in table[1:]}
    assert rows["Demografia"] == ["2024", "14 z 14", "–"]
    assert rows["Rynek pracy i bezrobocie"] == ["–", "0 z 14", "wszystkie"]
    assert rows["Niepełnosprawność"] == ["–", "dane tylko dla powiatu"]
    meta = json.loads(pq.read_schema(store_path).metadata[b"strategy"])
    (codes,) = [load["codes"] for load in meta["loads"]]
    assert codes[0]["from"] == "1211032" and codes[0]["to"] == "1211033"
    assert codes[0]["years"] == [2020, 2021, 2022]


def _with_cell(text: str, code: str, column: str, value: str) -> str:
    """Return the CTAB text with one cell of the row of ``code`` replaced (format kept)."""
    records = list(csv.reader(io.StringIO(text), delimiter=";"))
    col = records[0].index(column)
    lines = text.split("\r\n")
    for i, line in enumerate(lines):
        if line.startswith(f'"{code}";'):
            cells = records[i]
            cells[col] = value
            lines[i] = ";".join(f'"{c}"' for c in cells[:-1]) + ";"
    return "\r\n".join(lines)


def _line_of(text: str, code: str) -> int:
    return next(i + 1 for i, line in enumerate(text.split("\r\n"))
                if line.lstrip("\ufeff").startswith(f'"{code}";'))


def test_value_under_the_old_and_the_new_code_is_a_conflict(project, capsys):
    text = NOWOTARSKI.read_bytes().decode("utf-8-sig")      # CRLF kept
    bad = project / NOWOTARSKI.name
    bad.write_bytes(b"\xef\xbb\xbf" + _with_cell(text, "1211033", PRE_2022, "4 471")
                    .encode("utf-8"))
    _, problems, _ = load_inputs([bad], powiat="1211")
    conflicts = [p for p in problems if p.rule == "kod_poprzedni"]
    assert len(conflicts) == 2 and len(problems) == 2
    assert {p.row for p in conflicts} == {_line_of(text, "1211032"), _line_of(text, "1211033")}
    assert all(p.file == bad.name and p.column == PRE_2022 for p in conflicts)
    old = next(p for p in conflicts if p.row == _line_of(text, "1211032"))
    assert old.value == "1211032: 4470"
    assert "wartość 4470 podana pod kodem 1211032, a pod kodem 1211033" in old.message
    assert "wartość 4471" in old.message and "rok 2022" in old.message
    # the command says it in the table of problems and writes nothing
    assert main(["ingest", str(bad), "--powiat", "1211", "--store",
                 str(project / "m.parquet")]) == 2
    assert "wartość pod starym i nowym kodem gminy [kod_poprzedni]: 2" in capsys.readouterr().out
    assert not (project / "m.parquet").exists()


def test_renamed_gmina_gets_its_new_name(project):
    store, problems, summary = load_inputs([SLUPSKI], powiat="2212")
    assert problems == [] and summary.warnings == []
    assert _series(store, "2212082", "ludnosc") == {2022: 17912, 2023: 18204, 2024: 18537}
    assert dict(summary.units)["2212082"] == "Redzikowo (gmina wiejska)"
    assert summary.code_lines() == [(
        "2212082 Słupsk → Redzikowo: plik podaje dawną nazwę gminy (obecna od 2024 r.); kod "
        "bez zmian, w dokumentach obecna nazwa")]


@pytest.mark.parametrize("code,name,powiat", [("1207132", "Szczawa", "1207"),
                                              ("2002162", "Grabówka", "2002")])
def test_gminas_of_2025_load(project, code, name, powiat):
    data = project / "dane.csv"
    data.write_text("teryt,year,indicator,value,unit,source,flag\n"
                    f"{code},2025,ludnosc,3100,osoba,GUS,\n", encoding="utf-8")
    _, problems, summary = load_inputs([data])
    assert problems == [] and summary.powiat == powiat
    assert dict(summary.units)[code] == f"{name} (gmina wiejska)"
    assert code in [g.teryt for g in default_registry().gminas_of(powiat)]


def test_coverage_counts_gminas_with_data_in_the_last_year_and_none_at_all():
    registry, catalog = default_registry(), default_catalog()
    gminas = [g.teryt for g in registry.gminas_of("3007")]
    assert len(gminas) == 11
    rows = [(g, 2024, "ludnosc", 5000.0) for g in gminas]
    rows += [(g, 2023, "bezrobotni", 100.0) for g in gminas[:3]]     # last year 2023
    rows += [(gminas[3], 2024, "bezrobotni", math.nan)]                # "-": no figure
    rows += [(gminas[4], 2022, "bezrobotni", 90.0)]                    # an earlier year only
    disability = catalog.in_area("niepelnosprawnosc")[0].id           # recorded for powiats
    rows += [("3007", 2023, disability, 800.0)]
    rows += [("3008012", 2024, "bezrobotni", 50.0)]                    # another powiat
    frame = pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value"])
    by_area = {a.area_id: a for a in coverage(frame, catalog, registry, "3007")}
    demo = by_area["demografia"]
    assert (demo.last_year, len(demo.with_data), demo.without) == (2024, 11, [])
    work = by_area["rynek_pracy"]
    assert work.last_year == 2023 and work.with_data == gminas[:3]
    assert work.without == [g for g in gminas if g not in gminas[:3] + [gminas[4]]]
    assert by_area["przemoc"].last_year is None and len(by_area["przemoc"].without) == 11
    assert by_area["niepelnosprawnosc"].powiat_only
    assert by_area["niepelnosprawnosc"].powiat_year == 2023
    text = format_coverage(list(by_area.values()), registry, "3007")
    (line,) = [x for x in text.splitlines() if x.strip().startswith("Rynek pracy")]
    cells = [c.strip() for c in line.split("|")]
    assert cells[:3] == ["Rynek pracy i bezrobocie", "2023", "3 z 11"]
    assert cells[3].split(", ") == [registry.display_name(g) for g in work.without]


def test_demo_data_use_the_current_codes_of_powiat_kaliski(project):
    # Koźminek (3007052 -> 3007053 in 2021) and Opatówek (3007082 -> 3007083 in 2020) are given
    # under their current codes for every year in the demo files: nothing is moved
    demo = Path(__file__).resolve().parents[1] / "data" / "raw" / "demo"
    store, problems, summary = load_inputs([demo])
    assert problems == [] and summary.recoded == []
    codes = sorted(u for u in set(store.frame["teryt"]) if len(u) == 7)
    registry = default_registry()
    assert codes == [g.teryt for g in registry.gminas_of("3007")]
    assert {"3007053", "3007083"} <= set(codes)
    assert store.frame.loc[store.frame["teryt"] == "3007053", "year"].min() == 2015
