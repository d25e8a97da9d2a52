"""BDL table exports ("CTAB"): both variants, units from the header, filtered to a powiat."""
from pathlib import Path

import pytest

from strategy.ingest import read_path
from strategy.ingest.bdl_ctab import is_ctab_header, parse_header_cell
from strategy.ingest.loading import load_inputs

FIX = Path(__file__).parent / "fixtures" / "powiat_0607"
NATIONAL = FIX / "LUDN_2137_CTAB_20260101093000.csv"      # ',' + decimal point, two voivodeships
VOIVODESHIP = FIX / "LUDN_1342_CTAB_20260414235116.csv"   # ';' + decimal comma, lubelskie


@pytest.mark.parametrize("cell,expected", [
    ("ogółem;ogółem;2024;[osoba]", (("ogółem", "ogółem"), "2024", "osoba")),
    ("w wieku poprodukcyjnym;ogółem;2024;[osoba]",
     (("w wieku poprodukcyjnym", "ogółem"), "2024", "osoba")),
    ("ludność w tysiącach,2024,[tys. osób]", (("ludność w tysiącach",), "2024", "tys. osób")),
    ("Kod", None), ("Nazwa", None), ("ogółem;ogółem", None),
])
def test_header_cell(cell, expected):
    assert parse_header_cell(cell) == expected


def test_ctab_header_recognised_long_header_not():
    assert is_ctab_header(["Kod", "Nazwa", "ogółem;ogółem;2024;[osoba]", ""])
    assert not is_ctab_header(["Kod", "Nazwa", "Płeć", "Rok", "Wartosc", "Jednostka miary"])


def _values(store):
    return store.frame.set_index(["teryt", "year", "indicator"])["value"]


@pytest.mark.parametrize("powiat,gminas,expected", [
    # hand-read from the fixture rows of 2024
    ("0607", 10, {("0607011", "ludnosc"): 34011, ("0607052", "ludnosc"): 7455,
                  ("0607023", "ludnosc"): 8890, ("0607", "ludnosc"): 112336,
                  ("06", "ludnosc"): 2024637, ("PL", "ludnosc"): 37636508}),
    ("3007", 11, {("3007053", "ludnosc"): 7866, ("3007083", "ludnosc_kobiety"): 5540,
                  ("3007", "ludnosc"): 82054, ("30", "ludnosc"): 3475323}),
])
def test_national_comma_file_loads_for_any_powiat(powiat, gminas, expected):
    store, problems, summary = load_inputs([NATIONAL], powiat=powiat)
    assert problems == [], [str(p) for p in problems]
    v = _values(store)
    for (code, ind), value in expected.items():
        assert v[(code, 2024, ind)] == value
    units = set(store.frame["teryt"])
    assert len([u for u in units if len(u) == 7]) == gminas
    assert all(u.startswith(powiat) or u in ("PL", powiat[:2]) for u in units)
    assert not any(u[-1] in "45" for u in units if len(u) == 7)   # parts never stored
    skipped = [n for n in summary.notes if "innych jednostek" in n]
    assert len(skipped) == 1 and "obejmuje większy obszar" in skipped[0]
    parts = [n for n in summary.notes if "części gmin" in n]
    assert len(parts) == 1                                           # one line per file


def test_skipped_counts_in_notes():
    _, _, summary = load_inputs([NATIONAL], powiat="0607")
    # 38 unit rows: Polska, 2 voivodeships kept, 0607 + 14 rows of its gminas and parts kept;
    # the 21 rows of wielkopolskie's units other than the voivodeship are skipped
    assert any("pominięto 21 wierszy innych jednostek" in n for n in summary.notes)
    assert any("pominięto 4 wiersze części gmin" in n and "Annopol (0607023)" in n
               and "Urzędów (0607083)" in n for n in summary.notes)
    assert any("pominięto 1 kolumnę" in n and "ludność w tysiącach" in n for n in summary.notes)


def test_semicolon_file_with_decimal_comma_and_no_data():
    store, problems, summary = load_inputs([VOIVODESHIP], powiat="0607")
    assert problems == []
    v = _values(store)
    assert v[("0607011", 2024, "ludnosc_poprodukcyjna")] == 8690
    assert v[("0607052", 2023, "ludnosc_przedprodukcyjna")] == 1450
    assert v[("0607", 2024, "ludnosc_produkcyjna")] == 67871
    f = store.frame.set_index(["teryt", "year", "indicator"])
    assert f.loc[("0607062", 2023, "ludnosc_poprodukcyjna"), "flag"] == "brak_danych"
    assert any("pominięto 12 kolumn" in n for n in summary.notes)


def test_thousands_converted_and_count_never_stored_as_rate(tmp_path):
    tys = tmp_path / "tabela_ludnosc_tys.csv"
    tys.write_text('Kod,Nazwa,"ludność w tysiącach,2024,[tys. osób]"\n'
                   '0607011,"Kraśnik (1)",34.0\n0607052,"Kraśnik (2)",7.5\n', encoding="utf-8")
    store, problems, _ = load_inputs([tys], powiat="0607")
    assert problems == []
    assert _values(store)[("0607052", 2024, "ludnosc")] == 7500
    # the beneficiaries header maps to a count or a rate by the unit in brackets
    ben = tmp_path / "OCHR_1234_CTAB_20260101000000.csv"
    ben.write_text('"Kod";"Nazwa";"beneficjenci środowiskowej pomocy społecznej;2024;[osoba]";'
                   '"beneficjenci środowiskowej pomocy społecznej;2024;[na 10 tys. ludności]";\n'
                   '"0607011";"Kraśnik (1)";"2 040";"599,8";\n', encoding="utf-8")
    store, problems, _ = load_inputs([ben], powiat="0607")
    assert problems == []
    v = _values(store)
    assert v[("0607011", 2024, "beneficjenci")] == 2040
    assert v[("0607011", 2024, "beneficjenci_na_10tys")] == pytest.approx(599.8)


def test_unmapped_table_lists_its_columns(tmp_path):
    f = tmp_path / "ROLN_9999_CTAB_20260101000000.csv"
    f.write_text('"Kod";"Nazwa";"pszenica;2024;[ha]";\n"0607011";"Kraśnik (1)";"12,5";\n',
                 encoding="utf-8")
    result = read_path(f)
    (p,) = result.problems
    assert p.rule == "mapowanie" and "pszenica;2024;[ha]" in p.message
    assert "ROLN_9999_*.csv" in p.expected
