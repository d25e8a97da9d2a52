"""`strategy uwagi`: every entry of the folder is read or listed with the reason, none vanishes.

Hidden names (".godziesze.docx") are read like any other file; lock files, system files,
subfolders, our own outputs and symbolic links leading outside the folder are skipped with a
Polish reason; the summary counts add up to the number of entries in the folder.
"""
from __future__ import annotations

import os
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "consultation"))
from consultation_builders import returned_docx

from strategy.cli import main
from strategy.consultation import collect_folder

SECRET = "root:x:0:0:tajny-wiersz-spoza-folderu"
STATUSES = ("wczytano", "odrzucono", "pominięto")


@pytest.fixture
def folder(tmp_path) -> Path:
    outside = tmp_path / "poza"
    outside.mkdir()
    (outside / "passwd").write_text(SECRET + "\n", encoding="utf-8")
    returned_docx(outside / "obca.docx", teryt="3007062", gmina="Koźminek")
    f = tmp_path / "zwrocone"
    f.mkdir()
    returned_docx(f / "blizanow.docx")
    returned_docx(f / ".godziesze.docx", teryt="3007042", gmina="Godziesze Wielkie")
    returned_docx(f / ".liskow.docx", teryt="3007072", gmina="Lisków")
    (f / "~$blizanow.docx").write_bytes(b"\x05Jan K" + b"\x00" * 150)
    (f / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (f / "notatka.pdf").write_bytes(b"%PDF-1.7\n")
    (f / "stare").mkdir()
    os.symlink(outside / "passwd", f / "haslo.docx")
    os.symlink(outside / "obca.docx", f / "obca.docx")
    os.symlink(f / "nie_ma.docx", f / "zerwane.docx")
    os.symlink(f / "blizanow.docx", f / "blizanow_link.docx")   # inside the folder: read
    return f


def _status(log) -> dict[str, str]:
    """Return {file: status} of the per-file lines, checking there is exactly one per file."""
    lines = [e for e in log if e.status in STATUSES]
    assert len(lines) == len({e.file for e in lines}), "a file has two status lines"
    return {e.file: e.status for e in lines}


def test_every_entry_has_exactly_one_status(folder):
    remarks, log = collect_folder(folder)
    status = _status(log)
    assert sorted(status) == sorted(os.listdir(folder))
    assert status == {
        "blizanow.docx": "wczytano", ".godziesze.docx": "wczytano", ".liskow.docx": "wczytano",
        "blizanow_link.docx": "wczytano", "~$blizanow.docx": "pominięto",
        ".DS_Store": "pominięto", "notatka.pdf": "odrzucono", "stare": "pominięto",
        "haslo.docx": "pominięto", "obca.docx": "pominięto", "zerwane.docx": "pominięto"}
    assert {r.gmina for r in remarks} == {"Blizanów", "Godziesze Wielkie", "Lisków"}
    assert Counter(r.gmina for r in remarks) == {"Blizanów": 7, "Godziesze Wielkie": 7,
                                                 "Lisków": 7}


def test_skipped_entries_say_why(folder):
    _, log = collect_folder(folder)
    why = {e.file: e.message for e in log if e.status == "pominięto"}
    assert "tymczasowy programu Word" in why["~$blizanow.docx"]
    assert "systemu macOS" in why[".DS_Store"]
    assert "podfolder" in why["stare"]
    assert "spoza folderu" in why["haslo.docx"] and "spoza folderu" in why["obca.docx"]
    assert "nie istnieje" in why["zerwane.docx"]


def test_links_outside_the_folder_are_not_read(folder):
    remarks, log = collect_folder(folder)
    text = " ".join(map(str, log)) + " ".join(map(str, remarks))
    assert SECRET not in text and "root:x" not in text
    assert "Koźminek" not in {r.gmina for r in remarks}


def test_cli_summary_counts_add_up_to_the_files_in_the_folder(folder, capsys):
    entries = len(os.listdir(folder))
    assert main(["uwagi", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"Plików w folderze: {entries}" in out
    m = re.search(r"Pliki przeczytane: (\d+), odrzucone: (\d+), pominięte: (\d+)", out)
    assert m and [int(x) for x in m.groups()] == [4, 1, 6]
    assert sum(int(x) for x in m.groups()) == entries
    listed = out.split("Pliki nieprzeczytane:")[1]
    for name in ("~$blizanow.docx", ".DS_Store", "notatka.pdf", "stare", "haslo.docx",
                 "obca.docx", "zerwane.docx"):
        assert f"  - {name}: " in listed
    assert "Godziesze Wielkie (3007042): 7" in out and "Lisków (3007072): 7" in out
    # the second run also accounts for the register, its CSV copy and the report it wrote
    assert main(["uwagi", str(folder)]) == 0
    out = capsys.readouterr().out
    m = re.search(r"Pliki przeczytane: (\d+), odrzucone: (\d+), pominięte: (\d+)", out)
    assert [int(x) for x in m.groups()] == [4, 1, 9]
    assert f"Plików w folderze: {entries + 3}" in out
    assert "rejestr_uwag.csv: plik utworzony przez to polecenie" in out
