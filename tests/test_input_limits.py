"""Bounded input: size and row limits of the readers, XLSX checked before it is opened, progress
lines on stderr, symbolic links out of the input folder not followed.

The limits are lowered with monkeypatch where a real-size file would make the test slow; the
files themselves are in the real formats (BDL long CSV: ``;``, quoted, trailing ``;``).
"""
from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

from openpyxl import Workbook

from strategy.ingest import limits, progress, read_paths
from strategy.ingest import template as template_mod
from strategy.ingest.loading import load_inputs
from strategy.ingest.template import read_template_xlsx, write_template

MAPPING = "plik;zmienna_bdl;filtr;wskaznik;uwagi\nBDL_*.csv;72305;Płeć=ogółem;ludnosc;\n"
HEADER = '"Kod";"Nazwa";"Płeć";"Rok";"Wartosc";"Jednostka miary";"Atrybut";\r\n'
SECRET = "root:x:0:0:sekretny-pierwszy-wiersz"


def bdl_file(folder: Path, name: str, rows: int) -> Path:
    """Write a BDL long export of Blizanów's population for ``rows`` years (2000, 2001, ...)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mapping.csv").write_text(MAPPING, encoding="utf-8")
    lines = [HEADER] + [f'"023011807012";"Blizanów (2)";"ogółem";"{2000 + k}";5\u00a0{k:03d};'
                        f'"osoba";"1";\r\n' for k in range(rows)]
    path = folder / name
    path.write_bytes("".join(lines).encode("cp1250"))
    return path


# --------------------------------------------------------------------------- CSV


def test_bdl_reader_reads_every_row_into_the_raw_frame(tmp_path):
    bdl_file(tmp_path, "BDL_ludnosc.csv", 25)
    res = read_paths([tmp_path])
    assert res.problems == []
    f = res.frame
    assert len(f) == 25
    assert f["row"].tolist() == list(range(2, 27))
    assert f["value_raw"].iloc[3] == "5\u00a0003"
    assert f["year_raw"].tolist() == [str(2000 + k) for k in range(25)]
    assert set(f["column"]) == {"Wartosc"} and set(f["file"]) == {"BDL_ludnosc.csv"}


def test_text_file_over_the_size_limit_is_not_read(tmp_path, monkeypatch):
    path = bdl_file(tmp_path, "BDL_ludnosc.csv", 40)
    monkeypatch.setattr(limits, "MAX_TEXT_BYTES", 1024)
    res = read_paths([tmp_path])
    (p,) = res.problems
    assert p.file == "BDL_ludnosc.csv" and p.rule == "rozmiar"
    assert "zbyt duży" in p.message and "najwyżej 1 MB" in p.message
    assert path.stat().st_size > 1024 and len(res.frame) == 0


def test_text_file_over_the_row_limit_is_reported_with_the_line(tmp_path, monkeypatch):
    bdl_file(tmp_path, "BDL_ludnosc.csv", 12)
    monkeypatch.setattr(limits, "MAX_TEXT_ROWS", 10)   # header + 9 data records
    res = read_paths([tmp_path])
    (p,) = res.problems
    assert p.file == "BDL_ludnosc.csv" and p.rule == "rozmiar" and p.row == 11
    assert "więcej niż 10 wierszy" in p.message
    assert len(res.frame) == 9


def test_template_csv_over_the_size_limit(tmp_path, monkeypatch):
    from strategy.ingest.template import read_template_csv, write_template_csv
    path = write_template_csv(tmp_path / "szablon.csv", "3007", years=[2023])
    monkeypatch.setattr(limits, "MAX_TEXT_BYTES", 100)
    res = read_template_csv(path, "szablon.csv")
    assert [p.rule for p in res.problems] == ["rozmiar"]
    assert res.problems[0].file == "szablon.csv"


def test_progress_lines_go_to_stderr(tmp_path, monkeypatch, capsys):
    bdl_file(tmp_path, "BDL_ludnosc.csv", 30_000)
    monkeypatch.setattr(progress, "ANNOUNCE_BYTES", 1)
    monkeypatch.setattr(progress, "EVERY_SECONDS", 0.0)
    res = read_paths([tmp_path])
    assert len(res.frame) == 30_000
    out, err = capsys.readouterr()
    assert out == ""
    assert "Wczytywanie pliku BDL_ludnosc.csv" in err
    assert "BDL_ludnosc.csv: przeczytano 10 000 wierszy" in err
    assert "przeczytano 30 000 wierszy" in err


def test_small_loads_print_nothing(tmp_path, capsys):
    bdl_file(tmp_path, "BDL_ludnosc.csv", 5)
    read_paths([tmp_path])
    assert capsys.readouterr().err == ""


# --------------------------------------------------------------------------- XLSX


def _xlsx_with_parts(path: Path, parts: dict[str, bytes], base: Path | None = None) -> Path:
    """Copy the workbook ``base`` (default: a small new one), replacing or adding parts."""
    if base is None:
        wb = Workbook()
        wb.active.cell(1, 1, "x")
        buf = io.BytesIO()
        wb.save(buf)
        payload = buf.getvalue()
    else:
        payload = base.read_bytes()
    src = zipfile.ZipFile(io.BytesIO(payload))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, parts.pop(info.filename, src.read(info.filename)))
        for name, data in parts.items():
            dst.writestr(name, data)
    return path


def _no_openpyxl(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl opened a workbook beyond the limits")
    monkeypatch.setattr(template_mod, "load_workbook", refuse)


def test_huge_shared_string_is_refused_before_openpyxl(tmp_path, monkeypatch):
    long_text = "A" * 3_000_000   # compresses to a few KB, like the 400-million-character probe
    sst = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
           f'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>{long_text}</t></si></sst>')
    path = _xlsx_with_parts(tmp_path / "bomba.xlsx", {"xl/sharedStrings.xml": sst.encode()})
    assert path.stat().st_size < 100_000
    monkeypatch.setattr(limits, "MAX_XLSX_SHARED_STRINGS", 2 * limits.MB)
    _no_openpyxl(monkeypatch)
    res = read_template_xlsx(path, "bomba.xlsx")
    (p,) = res.problems
    assert p.file == "bomba.xlsx" and p.rule == "rozmiar"
    assert "sharedStrings.xml" in p.message and "pliku nie otwierano" in p.message


def test_oversized_sheet_part_and_file_are_refused_before_openpyxl(tmp_path, monkeypatch):
    path = write_template(tmp_path / "szablon.xlsx", "3007", years=[2023])
    _no_openpyxl(monkeypatch)
    monkeypatch.setattr(limits, "MAX_XLSX_SHEET_BYTES", 1000)
    (p,) = read_template_xlsx(path, "szablon.xlsx").problems
    assert "arkusz xl/worksheets/sheet" in p.message and "CSV" in p.message
    monkeypatch.setattr(limits, "MAX_XLSX_BYTES", 1000)
    (p,) = read_template_xlsx(path, "szablon.xlsx").problems
    assert "plik XLSX jest zbyt duży" in p.message


def test_formatted_empty_rows_below_the_data_end_the_sheet(tmp_path):
    import pandas as pd
    data = pd.DataFrame([("3007112", 2023, "rodziny_pomoc", 17.0, "")],
                        columns=["teryt", "year", "indicator", "value", "flag"])
    path = write_template(tmp_path / "szablon.xlsx", "3007", years=[2023], data=data)
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        sheets = {n: z.read(n).decode() for n in names}
    # 200 000 formatted, empty rows below the data of every sheet, the way Excel writes them
    empty = "".join(f'<row r="{r}" s="1" customFormat="1"/>' for r in range(100, 200_100))
    parts = {n: x.replace("</sheetData>", empty + "</sheetData>").encode()
             for n, x in sheets.items()}
    out = _xlsx_with_parts(tmp_path / "puste.xlsx", parts, base=path)
    res = read_template_xlsx(out, "puste.xlsx")
    assert res.problems == []
    f = res.frame
    assert f[["teryt_raw", "year_raw", "indicator", "value_num"]].values.tolist() == [
        ["3007112", "2023", "rodziny_pomoc", 17.0]]


def test_more_rows_than_the_limit_is_a_problem(tmp_path, monkeypatch):
    path = write_template(tmp_path / "szablon.xlsx", "3007", years=[2021, 2022, 2023])
    monkeypatch.setattr(limits, "MAX_XLSX_ROWS", 10)
    res = read_template_xlsx(path, "szablon.xlsx")
    found = [p for p in res.problems if p.rule == "rozmiar"]
    assert found and all(p.row == 11 for p in found)
    assert "więcej niż 10 wierszy" in found[0].message


# --------------------------------------------------------------------------- symbolic links


def test_links_out_of_the_input_folder_are_reported_not_read(tmp_path):
    outside = tmp_path / "poza"
    outside.mkdir()
    (outside / "passwd").write_text(SECRET + "\n", encoding="utf-8")
    bdl_file(outside, "BDL_obcy.csv", 3)
    data = tmp_path / "dane"
    bdl_file(data, "BDL_ludnosc.csv", 3)
    os.symlink(outside / "passwd", data / "hasla.csv")
    os.symlink(outside / "BDL_obcy.csv", data / "BDL_obcy.csv")
    os.symlink(outside, data / "katalog")
    os.symlink(data / "BDL_ludnosc.csv", data / "BDL_kopia.csv")   # inside: read
    _, problems, _ = load_inputs([data], powiat="3007")
    links = sorted(p.file for p in problems if "poza folder" in p.message)
    assert links == ["BDL_obcy.csv", "hasla.csv", "katalog"]
    assert not any(SECRET in str(p) or "root:x" in str(p) for p in problems)
    res = read_paths([data])   # the file and the link to it inside the folder: 2 x 3 rows
    assert len(res.frame) == 6 and res.frame["teryt_raw"].tolist() == ["023011807012"] * 6


def test_tidy_csv_is_read_whole_with_progress_and_row_limit(tmp_path, monkeypatch, capsys):
    lines = ["teryt,year,indicator,value,source"] + [
        f"3007012,{2000 + k % 25},rodziny_pomoc,{k},OPS" for k in range(30_000)]
    (tmp_path / "ops.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(progress, "EVERY_SECONDS", 0.0)
    res = read_paths([tmp_path])
    f = res.frame
    assert res.problems == [] and len(f) == 30_000
    assert f["value_raw"].iloc[-1] == "29999" and f["row"].iloc[-1] == 30_001
    assert set(f["source"]) == {"OPS"} and set(f["column"]) == {"value"}
    assert "ops.csv: przeczytano 30 000 wierszy" in capsys.readouterr().err
    monkeypatch.setattr(limits, "MAX_TEXT_ROWS", 100)
    (p,) = read_paths([tmp_path]).problems
    assert p.file == "ops.csv" and p.rule == "rozmiar" and p.row == 101


def test_a_record_the_csv_reader_cannot_read_is_said_in_polish(tmp_path, capsys):
    """A field over the csv module's limit (an unclosed quote) in a data file and in
    mapping.csv: a Polish problem with the line, never the reader's English text."""
    from strategy.cli import main
    mapped, tidy = tmp_path / "bdl", tmp_path / "tidy"
    mapped.mkdir()
    tidy.mkdir()
    (mapped / "mapping.csv").write_text(
        'plik;zmienna_bdl;filtr;wskaznik;uwagi\nLUDN.csv;72305;"' + "x" * 200_000 +
        '";ludnosc;\n', encoding="utf-8")
    shutil.copy(Path(__file__).parent / "bad_inputs" / "bdl_ludnosc_duplikat.csv",
                mapped / "LUDN.csv")
    (tidy / "tidy.csv").write_text(
        "teryt,year,indicator,value,unit,source,flag\n3007012,2023,ludnosc,5849,osoba,GUS,\n"
        '3007012,2024,ludnosc,"' + "1" * 200_000 + ",osoba,GUS,\n", encoding="utf-8")
    for folder, name, line in ((mapped, "mapping.csv", "2"), (tidy, "tidy.csv", "3")):
        assert main(["ingest", str(folder), "--store", str(tmp_path / "m.parquet")]) == 2
        out = capsys.readouterr().out
        assert "field larger" not in out and "Error" not in out and "nieoczekiwany" not in out
        row = next(ln for ln in out.splitlines() if ln.startswith(name))
        assert f"| {line} " in row
        assert "rekord CSV, którego nie można odczytać: pole dłuższe" in row
        assert "131\u00a0072 znaki" in out and "Error" not in out
        assert not (tmp_path / "m.parquet").exists()
