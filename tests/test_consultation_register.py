"""The remarks register: typed responses survive new runs, new remarks go to the end."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "consultation"))
from consultation_builders import returned_docx  # noqa: E402

from strategy.cli import main  # noqa: E402
from strategy.consultation import (COLUMNS, RESPONSES, Remark, collect_folder,  # noqa: E402
                                   register_frame, update_register)
from strategy.consultation import register as register_mod  # noqa: E402
from strategy.errors import InputError  # noqa: E402


def _remark(i: int, **kw) -> Remark:
    base = dict(id=f"U-{i:010d}", teryt="3007012", gmina="Blizanów", version="1.0",
                kind="komentarz", author="Anna Nowak", date="2026-03-10 09:00", section_id="3_2",
                section_title="Cele strategiczne", fragment=f"fragment {i}", text=f"uwaga {i}",
                file="a.docx")
    base.update(kw)
    return Remark(**base)


def _rows(path: Path) -> list[dict]:
    ws = load_workbook(path)["Rejestr uwag"]
    header = [c.value for c in ws[1]]
    return [dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)]


def _type_response(path: Path, rid: str, stance: str, why: str) -> None:
    wb = load_workbook(path)
    ws = wb["Rejestr uwag"]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[header.index("Identyfikator")].value == rid:
            row[header.index("Stanowisko")].value = stance
            row[header.index("Uzasadnienie stanowiska")].value = why
    wb.save(path)


def test_new_register_columns_rows_and_validation(tmp_path):
    path = tmp_path / "rejestr.xlsx"
    res = update_register([_remark(1), _remark(2, kind="formularz", justification="bo tak",
                                               proposed="nowe brzmienie")], path)
    assert res.added == ["U-0000000001", "U-0000000002"] and res.kept == 0 and res.total == 2
    assert res.backup_path is None
    ws = load_workbook(path)["Rejestr uwag"]
    assert [c.value for c in ws[1]][:14] == [
        "Lp.", "Identyfikator", "Gmina", "Wersja", "Rodzaj", "Autor", "Data", "Rozdział",
        "Fragment", "Uwaga", "Proponowana zmiana", "Stanowisko", "Uzasadnienie stanowiska", "Plik"]
    rows = _rows(path)
    assert rows[0]["Lp."] == 1 and rows[1]["Lp."] == 2
    assert rows[0]["Gmina"] == "Blizanów (3007012)"
    assert rows[0]["Rozdział"] == "3.2 Cele strategiczne"
    assert rows[1]["Uwaga"] == "uwaga 2\n\nUzasadnienie gminy: bo tak"
    assert rows[1]["Proponowana zmiana"] == "nowe brzmienie"
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list"
    assert dv.formula1 == '"uwzględniono,nie uwzględniono,częściowo uwzględniono"'
    assert str(dv.sqref).startswith("L2:")
    assert RESPONSES == ("uwzględniono", "nie uwzględniono", "częściowo uwzględniono")


def test_typed_responses_survive_reordering_edits_and_new_remarks(tmp_path):
    path = tmp_path / "rejestr.xlsx"
    update_register([_remark(1), _remark(2), _remark(3)], path)
    _type_response(path, "U-0000000002", "uwzględniono", "Dopisano w rozdziale 3.2.")
    _type_response(path, "U-0000000003", "nie uwzględniono", "Poza zakresem strategii.")
    # the user sorts rows in reverse and edits the remark text of U-...3
    wb = load_workbook(path)
    ws = wb["Rejestr uwag"]
    data = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)][::-1]
    data[0][9] = "uwaga 3 (poprawiona przez PCPR)"
    for i, values in enumerate(data, start=2):
        for j, v in enumerate(values, start=1):
            ws.cell(row=i, column=j, value=v)
    wb.save(path)

    # next run: remark 1 no longer in the files, remark 4 is new
    res = update_register([_remark(2), _remark(3), _remark(4)], path)
    assert res.added == ["U-0000000004"] and res.kept == 3 and res.missing == 1
    rows = _rows(path)
    assert [r["Identyfikator"] for r in rows] == ["U-0000000003", "U-0000000002", "U-0000000001",
                                                 "U-0000000004"]
    by_id = {r["Identyfikator"]: r for r in rows}
    assert by_id["U-0000000002"]["Stanowisko"] == "uwzględniono"
    assert by_id["U-0000000002"]["Uzasadnienie stanowiska"] == "Dopisano w rozdziale 3.2."
    assert by_id["U-0000000003"]["Stanowisko"] == "nie uwzględniono"
    assert by_id["U-0000000003"]["Uwaga"] == "uwaga 3 (poprawiona przez PCPR)"
    assert by_id["U-0000000004"]["Lp."] == 4
    assert by_id["U-0000000001"]["Status"].startswith("nie znaleziono w plikach")
    assert not by_id["U-0000000002"]["Status"]
    assert res.backup_path and res.backup_path.exists()
    assert [r["Identyfikator"] for r in _rows(res.backup_path)][0] == "U-0000000003"


def test_rows_added_by_hand_and_extra_columns_are_kept(tmp_path):
    path = tmp_path / "rejestr.xlsx"
    update_register([_remark(1)], path)
    wb = load_workbook(path)
    ws = wb["Rejestr uwag"]
    ws.cell(row=1, column=16, value="Notatki")
    ws.cell(row=2, column=16, value="zadzwonić do OPS")
    ws.cell(row=3, column=10, value="uwaga przysłana e-mailem")
    wb.save(path)
    update_register([_remark(1), _remark(2)], path)
    rows = _rows(path)
    assert rows[0]["Notatki"] == "zadzwonić do OPS"
    assert rows[1]["Uwaga"] == "uwaga przysłana e-mailem" and rows[1]["Identyfikator"] is None
    assert rows[2]["Identyfikator"] == "U-0000000002"


def test_failure_midway_leaves_the_old_register_untouched(tmp_path, monkeypatch):
    path = tmp_path / "rejestr.xlsx"
    update_register([_remark(1)], path)
    _type_response(path, "U-0000000001", "częściowo uwzględniono", "Częściowo.")
    before = path.read_bytes()

    def broken_save(self, filename):
        Path(filename).write_bytes(b"half")
        raise OSError("dysk pełny")

    monkeypatch.setattr(register_mod.Workbook, "save", broken_save)
    with pytest.raises(OSError):
        update_register([_remark(1), _remark(2)], path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rejestr.xlsx"]


def test_unreadable_register_is_not_overwritten(tmp_path):
    path = tmp_path / "rejestr.xlsx"
    path.write_bytes(b"to nie jest xlsx")
    with pytest.raises(InputError, match="bez zmian"):
        update_register([_remark(1)], path)
    assert path.read_bytes() == b"to nie jest xlsx"


def test_csv_export_and_register_frame(tmp_path):
    path, csv = tmp_path / "r.xlsx", tmp_path / "r.csv"
    formula = "=HYPERLINK(\"http://example.invalid\";\"klik\")"
    update_register([_remark(1, text="Zażółć; gęślą jaźń"), _remark(2, text=formula)], path, csv)
    raw = csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines()[0].startswith("Lp.;Identyfikator;Gmina;")
    back = pd.read_csv(csv, sep=";", encoding="utf-8-sig", dtype=str)
    assert back.loc[0, "Uwaga"] == "Zażółć; gęślą jaźń"
    assert back.loc[1, "Uwaga"] == "'" + formula  # neutralised for spreadsheets
    ws = load_workbook(path)["Rejestr uwag"]
    assert ws["J3"].data_type == "s" and ws["J3"].value == formula
    frame = register_frame(path)
    assert list(frame.columns) == COLUMNS
    assert frame["Identyfikator"].tolist() == ["U-0000000001", "U-0000000002"]
    assert frame.loc[0, "Lp."] == "1" and frame.loc[0, "Stanowisko"] == ""


def test_end_to_end_with_returned_files(tmp_path, capsys):
    folder = tmp_path / "zwrocone"
    folder.mkdir()
    returned_docx(folder / "blizanow.docx")
    (folder / "notatka.pdf").write_bytes(b"%PDF-1.7\n")
    assert main(["uwagi", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Pliki przeczytane: 1, odrzucone: 1" in out
    assert "komentarze 2, zmiany w tekście 4, formularz uwag 1" in out
    assert "Blizanów (3007012): 7" in out
    assert "notatka.pdf: plik PDF" in out
    reg = folder / "rejestr_uwag.xlsx"
    assert (folder / "rejestr_uwag.csv").exists()
    first = register_frame(reg)
    rid = first.loc[first["Rodzaj"] == "formularz", "Identyfikator"].item()
    _type_response(reg, rid, "uwzględniono", "Dodano kierunek działań 3.2.4.")

    returned_docx(folder / "brzeziny.docx", teryt="3007022", gmina="Brzeziny")
    returned_docx(folder / "blizanow_kopia.docx")  # the same file sent again
    assert main(["uwagi", str(folder)]) == 0
    out = capsys.readouterr().out
    # our own outputs in the folder are accounted for as skipped, never read as returned files
    # (3 returned files, the PDF, the register, its CSV copy and the report of the first run)
    assert "Plików w folderze: 7" in out
    assert "Pliki przeczytane: 3, odrzucone: 1, pominięte: 3" in out
    assert "rejestr_uwag.xlsx: plik utworzony przez to polecenie" in out
    frame = register_frame(reg)
    assert len(frame) == 14
    assert frame["Identyfikator"].tolist()[:7] == first["Identyfikator"].tolist()
    assert set(frame["Gmina"].iloc[7:]) == {"Brzeziny (3007022)"}
    row = frame[frame["Identyfikator"] == rid].iloc[0]
    assert row["Stanowisko"] == "uwzględniono"
    assert row["Uzasadnienie stanowiska"] == "Dodano kierunek działań 3.2.4."
    assert frame["Lp."].tolist() == [str(i) for i in range(1, 15)]


def test_cli_unusable_arguments(tmp_path, capsys):
    assert main(["uwagi", str(tmp_path / "brak")]) == 2
    assert "nie jest folderem" in capsys.readouterr().err
    assert main(["uwagi", str(tmp_path), "--rejestr", str(tmp_path / "r.ods")]) == 2
    assert ".xlsx" in capsys.readouterr().err
    bad = tmp_path / "zly.xlsx"
    bad.write_text("x")
    assert main(["uwagi", str(tmp_path), "--rejestr", str(bad)]) == 2
    assert bad.read_text() == "x"
