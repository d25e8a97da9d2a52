"""The input template: XLSX/CSV written with data, read back, validation rules, broken files."""
from __future__ import annotations

import argparse
import math

import pandas as pd
import pytest
from openpyxl import load_workbook

from strategy.cli import template_cmd
from strategy.errors import InputError
from strategy.ingest.template import (
    is_template_header, read_template_csv, read_template_xlsx, sheet_name, write_template,
    write_template_csv,
)

YEARS = [2022, 2023, 2024]
# Gminas of powiat kaliski in code order (DOMAIN.md), index used for row numbers.
GMINAS = ["3007012", "3007022", "3007032", "3007042", "3007053", "3007062", "3007072",
          "3007083", "3007093", "3007102", "3007112"]


def data_frame():
    rows = [
        ("3007012", 2022, "rodziny_pomoc", 120.0, ""),
        ("3007012", 2024, "osoby_w_rodzinach_pomoc", 305.0, ""),
        ("3007083", 2023, "rodziny_pomoc", 95.0, ""),
        ("3007083", 2023, "wydatki_pomoc_spoleczna", 128437.15, ""),
        ("3007112", 2022, "praca_socjalna_rodziny", math.nan, "brak_danych"),
        ("3007112", 2023, "praca_socjalna_rodziny", math.nan, "nie_dotyczy"),
        ("3007", 2024, "dzieci_placowki", 23.0, ""),
        ("3007", 2022, "stopa_bezrobocia", 3.7, ""),
    ]
    return pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value", "flag"])


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    path = tmp_path_factory.mktemp("tpl") / "szablon.xlsx"
    write_template(path, "3007", years=YEARS, data=data_frame())
    return path


def cell(frame, teryt, year, ind):
    hit = frame[(frame.teryt_raw == teryt) & (frame.year_raw == str(year)) & (frame.indicator == ind)]
    assert len(hit) == 1, (teryt, year, ind, len(hit))
    return hit.iloc[0]


def test_xlsx_round_trip_values_codes_and_rows(filled):
    res = read_template_xlsx(filled, "szablon.xlsx")
    assert res.problems == []
    assert res.demo is False
    f = res.frame
    assert len(f) == 8  # only the eight pre-filled cells; empty cells are "not given"
    r = cell(f, "3007012", 2022, "rodziny_pomoc")
    assert r.value_raw == "120" and r.value_num == 120.0
    assert r.sheet == "Pomoc społeczna i ubóstwo"
    assert r.column == "Liczba rodzin objętych pomocą społeczną"
    assert r.row == 5  # title, hint, header, id row, then Blizanów 2022
    r = cell(f, "3007083", 2023, "wydatki_pomoc_spoleczna")
    assert r.value_num == pytest.approx(128437.15)
    # Opatówek is the 8th gmina (index 7), 2023 the 2nd year: row 5 + 7*3 + 1
    assert r.row == 27
    assert r.name_raw == "Opatówek"
    r = cell(f, "3007112", 2022, "praca_socjalna_rodziny")
    assert r.value_raw == "-" and math.isnan(r.value_num)
    assert cell(f, "3007112", 2023, "praca_socjalna_rodziny").value_raw == "x"
    # powiat rows follow the 11 gminas in a mixed sheet: row 5 + 11*3 + 2 for 2024
    r = cell(f, "3007", 2024, "dzieci_placowki")
    assert r.value_num == 23.0 and r.row == 5 + 33 + 2
    assert cell(f, "3007", 2022, "stopa_bezrobocia").value_num == pytest.approx(3.7)
    assert set(f.teryt_column) == {"Kod TERC"} and set(f.year_column) == {"Rok"}


def test_xlsx_codes_are_text_cells(filled):
    wb = load_workbook(filled)
    ws = wb["Pomoc społeczna i ubóstwo"]
    codes = [ws.cell(r, 1) for r in range(5, 5 + 33)]
    assert all(c.data_type == "s" and c.number_format == "@" for c in codes)
    assert [c.value for c in codes[::3]] == GMINAS


def test_xlsx_layout_instruction_ids_and_frozen_panes(filled):
    wb = load_workbook(filled)
    assert wb.sheetnames[0] == "Instrukcja"
    text = " ".join(str(c.value) for row in wb["Instrukcja"].iter_rows() for c in row if c.value)
    for phrase in ("brak danych", "brak wiarygodnych danych", "nie dotyczy", "PCPR",
                   "MRPiPS-03", "grosze"):
        assert phrase in text
    assert all(len(n) <= 31 for n in wb.sheetnames)
    ws = wb["Pomoc społeczna i ubóstwo"]
    assert ws.freeze_panes == "D5"
    assert ws.cell(4, 1).value == "#id" and ws.cell(4, 4).value == "rodziny_pomoc"
    # no demography sheet: every demography indicator comes from GUS BDL
    assert "Demografia" not in wb.sheetnames


def test_xlsx_data_validation_on_value_cells(filled):
    ws = load_workbook(filled)["Pomoc społeczna i ubóstwo"]
    dvs = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    count = dvs["D5:D37"]  # rodziny_pomoc, the 33 gmina rows
    assert count.type == "custom"
    f = count.formula1
    assert "ISNUMBER(D5)" in f and "INT(D5)" in f and ">=0" in f
    assert '"-"' in f and '"."' in f and '"x"' in f
    assert "rodzina" in count.promptTitle and "MRPiPS-03" in count.prompt
    amounts = [dv for dv in dvs.values() if dv.promptTitle == "Jednostka: zł"]
    assert amounts and all("INT(" not in dv.formula1 and ">=0" in dv.formula1 for dv in amounts)


def test_demo_marker_in_sheets_and_properties(tmp_path):
    path = tmp_path / "demo.xlsx"
    write_template(path, "3007", years=[2024], demo=True)
    wb = load_workbook(path)
    assert "DANE DEMONSTRACYJNE" in wb.properties.keywords
    assert all("DANE DEMONSTRACYJNE" in str(wb[n].cell(1, 1).value) for n in wb.sheetnames[1:])
    assert read_template_xlsx(path, "demo.xlsx").demo is True


def test_truncated_xlsx_gives_problem_not_exception(filled, tmp_path):
    bad = tmp_path / "uciety.xlsx"
    bad.write_bytes(filled.read_bytes()[:3000])
    res = read_template_xlsx(bad, "uciety.xlsx")
    assert len(res.frame) == 0
    assert len(res.problems) == 1 and res.problems[0].file == "uciety.xlsx"
    assert "XLSX" in res.problems[0].message


def test_removed_id_row_reported_and_columns_matched_by_name(filled, tmp_path):
    wb = load_workbook(filled)
    ws = wb["Pomoc społeczna i ubóstwo"]
    ws.delete_rows(4)
    ws.cell(3, 5).value = "Osoby razem"  # renamed header of osoby_w_rodzinach_pomoc
    path = tmp_path / "bez_id.xlsx"
    wb.save(path)
    res = read_template_xlsx(path, "bez_id.xlsx")
    sheet_probs = [p for p in res.problems if p.sheet == "Pomoc społeczna i ubóstwo"]
    assert any(p.rule == "szablon_brak_id" for p in sheet_probs)
    renamed = [p for p in sheet_probs if p.column == "Osoby razem"]
    assert len(renamed) == 1 and renamed[0].row == 3
    # the column still named as in the catalogue is read, one row higher than before
    r = cell(res.frame, "3007012", 2022, "rodziny_pomoc")
    assert r.value_num == 120.0 and r.row == 4
    assert res.frame[res.frame.indicator == "osoby_w_rodzinach_pomoc"].empty


def test_unknown_id_in_machine_row(filled, tmp_path):
    wb = load_workbook(filled)
    ws = wb["Pomoc społeczna i ubóstwo"]
    ws.cell(4, 4).value = "rodziny_pomocx"
    path = tmp_path / "zle_id.xlsx"
    wb.save(path)
    res = read_template_xlsx(path, "zle_id.xlsx")
    assert len(res.problems) == 1
    p = res.problems[0]
    assert p.column == "Liczba rodzin objętych pomocą społeczną" and p.value == "rodziny_pomocx"
    assert "zle_id.xlsx" in str(p) and "Pomoc społeczna" in str(p)
    assert res.frame[res.frame.indicator == "rodziny_pomoc"].empty
    assert len(res.frame) == 6  # both rodziny_pomoc cells dropped


def test_user_typed_values_are_read(filled, tmp_path):
    wb = load_workbook(filled)
    ws = wb["Pomoc społeczna i ubóstwo"]
    ws.cell(6, 4).value = "12,5"   # text typed into a cell
    ws.cell(7, 4).value = 0        # a zero is a value, not an empty cell
    path = tmp_path / "wpisane.xlsx"
    wb.save(path)
    f = read_template_xlsx(path, "wpisane.xlsx").frame
    r = cell(f, "3007012", 2023, "rodziny_pomoc")
    assert r.value_raw == "12,5" and math.isnan(r.value_num) and r.row == 6
    r = cell(f, "3007012", 2024, "rodziny_pomoc")
    assert r.value_raw == "0" and r.value_num == 0.0


def test_csv_round_trip(tmp_path):
    path = tmp_path / "szablon.csv"
    write_template_csv(path, "3007", years=YEARS, data=data_frame(), demo=True)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8-sig").splitlines()[0].split(";")
    assert is_template_header(header)
    res = read_template_csv(path, "szablon.csv")
    assert res.problems == [] and res.demo is True
    f = res.frame
    assert len(f) == 8
    r = cell(f, "3007083", 2023, "wydatki_pomoc_spoleczna")
    assert r.value_raw == "128437,15" and r.column == "2023" and r.sheet == ""
    assert cell(f, "3007112", 2022, "praca_socjalna_rodziny").value_raw == "-"
    # row of Blizanów's rodziny_pomoc: header, then bezrobotni_dlugotrwale, then rodziny_pomoc
    assert cell(f, "3007012", 2022, "rodziny_pomoc").row == 3
    assert cell(f, "3007", 2024, "dzieci_placowki").teryt_raw == "3007"


def test_csv_header_recognition():
    good = ["\ufeffKod TERC", "Nazwa jednostki", "Identyfikator wskaźnika", "Wskaźnik",
            "Jednostka miary", "Źródło", "2023", "2024", "Uwagi"]
    assert is_template_header(good)
    assert is_template_header(good[:-1] + [""])
    assert not is_template_header(["Kod", "Nazwa", "Rok", "Wartosc", "Jednostka miary", "Atrybut", ""])
    assert not is_template_header(good[:6] + ["Uwagi"])  # no year column


def test_csv_broken_header_and_unknown_id(tmp_path):
    bad = tmp_path / "zly.csv"
    bad.write_text("Kod;Nazwa;Rok\n3007012;Blizanów;2024\n", encoding="utf-8")
    res = read_template_csv(bad, "zly.csv")
    assert len(res.frame) == 0 and res.problems[0].row == 1
    path = tmp_path / "szablon.csv"
    write_template_csv(path, "3007", years=[2024], data=data_frame())
    text = path.read_text(encoding="utf-8-sig").replace(";praca_socjalna_rodziny;", ";praca_x;", 1)
    path.write_text(text, encoding="cp1250")  # also: saved by Excel in Windows-1250
    res = read_template_csv(path, "szablon.csv")
    assert [p.value for p in res.problems] == ["praca_x"]
    assert res.problems[0].column == "Identyfikator wskaźnika" and res.problems[0].row == 5
    assert cell(res.frame, "3007012", 2024, "osoby_w_rodzinach_pomoc").name_raw == "Blizanów"


def test_sheet_names_valid_and_unique():
    taken = set()
    long = sheet_name("Seniorzy, usługi opiekuńcze i DPS", taken)
    assert long == "Seniorzy, usługi opiekuńcze"
    assert sheet_name("a/b:c*d?[e]", taken) == "a b c d  e"
    dup = sheet_name("Seniorzy, usługi opiekuńcze", taken)
    assert dup != long and len(dup) <= 31


def test_areas_limit_and_gmina_code_rejected(tmp_path):
    path = tmp_path / "pcpr.xlsx"
    write_template(path, "3007", years=[2024], areas=["piecza_zastepcza"])
    assert load_workbook(path).sheetnames == ["Instrukcja", "Piecza zastępcza"]
    with pytest.raises(InputError):
        write_template(tmp_path / "g.xlsx", "3007012", years=[2024])


def run_cli(argv):
    p = argparse.ArgumentParser()
    template_cmd.register(p.add_subparsers())
    args = p.parse_args(argv)
    return args.func(args)


def test_cli_writes_template_atomically(tmp_path, capsys):
    out = tmp_path / "szablon.xlsx"
    assert run_cli(["template", str(out), "--powiat", "3007", "--lata", "2021-2023"]) == 0
    assert "Zapisano szablon XLSX" in capsys.readouterr().out
    ws = load_workbook(out)["Pomoc społeczna i ubóstwo"]
    assert [ws.cell(r, 3).value for r in (5, 6, 7, 8)] == [2021, 2022, 2023, 2021]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["szablon.xlsx"]
    assert run_cli(["template", str(tmp_path / "s.csv"), "--lata", "2024", "--csv"]) == 0
    assert is_template_header((tmp_path / "s.csv").read_text(encoding="utf-8-sig").split("\n")[0].split(";"))


def test_cli_bad_years():
    with pytest.raises(InputError):
        template_cmd.parse_years("2024-2022")
    with pytest.raises(InputError):
        template_cmd.parse_years("dwa tysiące")
    assert list(template_cmd.parse_years("2022–2024")) == [2022, 2023, 2024]
