"""Spreadsheet output is inert: hostile names through every XLSX/CSV writer, read back.

The corpus is the OWASP "CSV Injection" list of dangerous first characters. Each writer gets
the names where outside text goes (unit names from a unit file, remarks, authors, file names)
and the files are read back: with openpyxl no cell may be a formula, with the csv module every
such cell must start with a single quote and be enclosed in double quotes; figures we write
ourselves (-5) stay figures.
"""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from strategy.consultation import Remark, update_register
from strategy.consultation.drafts import (
    DraftInfo,
    read_shipping_register,
    write_shipping_register,
)
from strategy.ingest.template import write_template, write_template_csv
from strategy.spreadsheet_cells import csv_cell, csv_line, csv_restore, csv_text
from strategy.units import Registry, default_registry

HOSTILE = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)", "\t=1", "\r=1",
           '=HYPERLINK("http://example.invalid";"klik")', "#N/A"]
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def _csv_rows(raw: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def _formula_cells(path: Path) -> list[str]:
    """Return the coordinates of formula cells in every sheet, as openpyxl reads them."""
    wb = load_workbook(path)
    return [f"{ws.title}!{c.coordinate}" for ws in wb.worksheets for row in ws.iter_rows()
            for c in row if c.data_type == "f"]


def _hostile_registry() -> Registry:
    """The real registry with powiat kaliski's gminas (and the powiat) renamed to the corpus."""
    frame = default_registry().frame()
    gminas = [u.teryt for u in default_registry().gminas_of("3007")]
    for k, code in enumerate(gminas):
        frame.loc[frame["teryt"] == code, "name"] = HOSTILE[k] if k < len(HOSTILE) else f"=A{k}"
    frame.loc[frame["teryt"] == "3007", "name"] = "=kaliski"
    frame["note"] = ""
    return Registry(frame)


# --------------------------------------------------------------------------- the rule


@pytest.mark.parametrize("text", HOSTILE[:6])
def test_csv_cell_prefixes_every_dangerous_start(text):
    assert csv_cell(text) == "'" + text
    assert csv_restore(csv_cell(text)) == text


@pytest.mark.parametrize("text", ["Blizanów", "3007012", "'zwykły cytat", "", "12,5", "a=b"])
def test_csv_cell_leaves_ordinary_text(text):
    assert csv_cell(text) == text
    assert csv_restore(text) == text


def test_csv_line_quotes_neutralised_cells_and_keeps_own_figures():
    line = csv_line(["=1+2", 'ma "cudzysłów"', "a;b", "-5", "-", "zwykły"], raw=(3, 4))
    assert line == '"\'=1+2";"ma ""cudzysłów""";"a;b";-5;-;zwykły'
    assert next(csv.reader([line], delimiter=";")) == ["'=1+2", 'ma "cudzysłów"', "a;b", "-5",
                                                       "-", "zwykły"]


def test_csv_text_round_trips_through_the_csv_module():
    rows = [["nazwa", "wartość"]] + [[h, "1"] for h in HOSTILE]
    text = csv_text(rows, raw=(1,))
    back = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert [r[0] for r in back[1:]] == [csv_cell(h) for h in HOSTILE]
    assert all(r[1] == "1" for r in back[1:])


# --------------------------------------------------------------------------- template


@pytest.fixture(scope="module")
def hostile_templates(tmp_path_factory):
    root = tmp_path_factory.mktemp("inert")
    reg = _hostile_registry()
    # a figure we write ourselves, negative on purpose (pre-filled from data as it is)
    data = pd.DataFrame([("3007012", 2023, "rodziny_pomoc", -5.0, ""),
                         ("3007022", 2023, "rodziny_pomoc", 12.0, "")],
                        columns=["teryt", "year", "indicator", "value", "flag"])
    xlsx = write_template(root / "t.xlsx", "3007", registry=reg, years=[2022, 2023], data=data)
    csv_path = write_template_csv(root / "t.csv", "3007", registry=reg, years=[2022, 2023],
                                  data=data)
    return reg, xlsx, csv_path


def test_template_xlsx_has_no_formula_in_any_sheet(hostile_templates):
    reg, xlsx, _ = hostile_templates
    wb = load_workbook(xlsx)
    assert len(wb.worksheets) == 11   # the instruction and 10 area sheets
    assert _formula_cells(xlsx) == []
    names = {u.name for u in reg.gminas_of("3007")}
    assert {"=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)"} <= names
    seen = set()
    for ws in wb.worksheets[1:]:
        found = {ws.cell(r, 2).value for r in range(5, ws.max_row + 1)} - {None}
        seen |= {n for n in found if not str(n).startswith("powiat")}
        for r in range(5, ws.max_row + 1):
            c = ws.cell(r, 2)
            if c.value is not None:
                assert c.data_type == "s", (ws.title, c.coordinate)
    assert seen == names
    with zipfile.ZipFile(xlsx) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)


def test_template_xlsx_keeps_our_figures_as_numbers(hostile_templates):
    _, xlsx, _ = hostile_templates
    ws = load_workbook(xlsx)["Pomoc społeczna i ubóstwo"]
    ids = [c.value for c in ws[4]]
    col = ids.index("rodziny_pomoc") + 1
    by_key = {(ws.cell(r, 1).value, ws.cell(r, 3).value): ws.cell(r, col)
              for r in range(5, ws.max_row + 1)}
    assert by_key[("3007012", 2023)].value == -5 and by_key[("3007012", 2023)].data_type == "n"
    assert by_key[("3007022", 2023)].value == 12


def test_template_csv_neutralises_names_and_keeps_figures(hostile_templates):
    reg, _, csv_path = hostile_templates
    raw = csv_path.read_bytes()
    rows = _csv_rows(raw)
    head = rows[0]
    name_col, y2023 = head.index("Nazwa jednostki"), head.index("2023")
    written = {r[name_col] for r in rows[1:]}
    for unit in reg.gminas_of("3007"):
        assert csv_cell(unit.name) in written
        assert unit.name[0] not in DANGEROUS or ("'" + unit.name) in written
    for r in rows[1:]:
        assert r[name_col][:1] not in DANGEROUS
    line = next(r for r in rows if r[0] == "3007012" and r[2] == "rodziny_pomoc")
    assert line[y2023] == "-5"
    text = raw.decode("utf-8-sig")
    assert "\"'=cmd|' /C calc'!A0\"" in text   # the neutralised cell is also quoted


# --------------------------------------------------------------------------- registers


def _remark(i: int, text: str) -> Remark:
    return Remark(id=f"U-{i:010d}", teryt="3007012", gmina=text, version="1.0",
                  kind="komentarz", author=text, date="2026-03-10 09:00", section_id="3_2",
                  section_title=text, fragment=text, text=text, proposed=text, file=text)


def test_remarks_register_xlsx_and_csv_are_inert(tmp_path):
    xlsx, csv_path = tmp_path / "rejestr.xlsx", tmp_path / "rejestr.csv"
    update_register([_remark(i, h) for i, h in enumerate(HOSTILE, 1)], xlsx, csv_path)
    assert _formula_cells(xlsx) == []
    ws = load_workbook(xlsx)["Rejestr uwag"]
    header = [c.value for c in ws[1]]
    authors = [ws.cell(r, header.index("Autor") + 1) for r in range(2, ws.max_row + 1)]
    assert [c.value for c in authors] == HOSTILE
    assert all(c.data_type == "s" for c in authors)
    rows = _csv_rows(csv_path.read_bytes())
    col = rows[0].index("Autor")
    # the CSV copy holds the cell texts stripped of outer white space ("\t=1" -> "=1")
    assert [r[col] for r in rows[1:]] == [csv_cell(h.strip()) for h in HOSTILE]
    assert all(r[col][:1] not in DANGEROUS for r in rows[1:])
    assert rows[1][rows[0].index("Lp.")] == "1"


def test_shipping_register_xlsx_and_csv_are_inert_and_read_back(tmp_path):
    infos = [DraftInfo(teryt="3007012", gmina=h, version="1.0", sent="2026-11-22",
                       deadline="2026-12-15", path=tmp_path / f"{k}{h.strip()}.docx",
                       sha256="ab" * 32) for k, h in enumerate(HOSTILE)]
    infos.append(DraftInfo(teryt="3007022", gmina="-Brzeziny", version="-1",
                           sent="2026-11-22", deadline="2026-12-15",
                           path=tmp_path / "=plik.docx", sha256="cd" * 32))
    csv_path, xlsx = write_shipping_register(infos, tmp_path)
    assert _formula_cells(xlsx) == []
    ws = load_workbook(xlsx).active
    assert [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)] == [i.gmina for i in infos]
    rows = _csv_rows(csv_path.read_bytes())
    assert [r[0] for r in rows[1:]] == [csv_cell(i.gmina) for i in infos]
    assert rows[-1][2] == "'-1" and rows[-1][5] == "'=plik.docx"
    back = read_shipping_register(tmp_path)
    assert back["gmina"].tolist() == [i.gmina for i in infos]
    assert back["plik"].tolist()[-1] == "=plik.docx"
    # written again: the lines read back are the same lines, not quoted twice
    csv_path, xlsx = write_shipping_register(infos[:1], tmp_path)
    again = read_shipping_register(tmp_path)
    assert sorted(again["gmina"].tolist()) == sorted(i.gmina for i in infos)


def test_register_beyond_the_xlsx_limits_is_refused_untouched(tmp_path, monkeypatch):
    from strategy.errors import InputError
    from strategy.ingest import limits
    xlsx = tmp_path / "rejestr.xlsx"
    update_register([_remark(1, "uwaga")], xlsx)
    before = xlsx.read_bytes()
    monkeypatch.setattr(limits, "MAX_XLSX_BYTES", 1000)
    with pytest.raises(InputError, match="rejestr uwag .*plik XLSX jest zbyt duży"):
        update_register([_remark(2, "druga")], xlsx)
    assert xlsx.read_bytes() == before
