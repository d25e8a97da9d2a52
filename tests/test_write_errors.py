"""A write the file system refuses (full disk, no permission, name too long, read-only medium)
ends in one Polish line naming the path, a non-zero exit and no half-written file; names made
from long unit names are cut with the unit code kept; `strategy jednostki` warns of odd names."""
from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

from strategy.batch.jobs import MAX_NAME_SLUG, unit_folder
from strategy.cli import main
from strategy.consultation.drafts import slug as draft_slug
from strategy.units import default_registry
from strategy.writing import write_error

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "consultation"))
from consultation_builders import returned_docx

DATA = Path(__file__).resolve().parents[1] / "src" / "strategy" / "data"
GOOD = ("teryt,year,indicator,value,unit,source,flag\n"
        "3007012,2023,ludnosc,5849,osoba,GUS,\n")


def _refuse(number: int):
    def fake(src, dst, *args, **kwargs):
        raise OSError(number, os.strerror(number), str(dst))
    return fake


@pytest.mark.parametrize("number, said", [
    (errno.ENOSPC, "brak miejsca na dysku; zwolnij miejsce"),
    (errno.EACCES, "brak uprawnień do zapisu"),
    (errno.ENAMETOOLONG, "nazwa pliku lub ścieżka jest za długa"),
    (errno.EROFS, "nośnik jest tylko do odczytu")])
def test_ingest_write_error_is_one_polish_line_and_the_store_stays(tmp_path, capsys,
                                                                  monkeypatch, number, said):
    src = tmp_path / "dane.csv"
    src.write_text(GOOD, encoding="utf-8")
    store = tmp_path / "m" / "indicators.parquet"
    assert main(["ingest", str(src), "--store", str(store)]) == 0
    before = store.read_bytes()
    capsys.readouterr()
    src.write_text(GOOD.replace("5849", "6000"), encoding="utf-8")
    monkeypatch.setattr(os, "replace", _refuse(number))
    assert main(["ingest", str(src), "--store", str(store)]) == 1
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("BŁĄD: nie można zapisać magazynu danych ")
    assert said in lines[0] and str(store) in lines[0] and "Magazyn pozostał bez zmian" in lines[0]
    assert "Traceback" not in out + err and "Magazyn danych zapisano" not in out
    monkeypatch.undo()
    assert store.read_bytes() == before
    assert sorted(p.name for p in store.parent.iterdir()) == ["indicators.parquet"]


def test_pyarrow_english_text_is_read_for_its_errno():
    exc = OSError("Error writing bytes to file. Detail: [errno 28] No space left on device")
    line = write_error(exc, "/x/indicators.parquet", "magazynu danych")
    assert line.startswith("nie można zapisać magazynu danych /x/indicators.parquet: brak miejsca")
    assert "Error" not in line


def test_store_path_that_is_a_folder_is_said_so(tmp_path, capsys):
    src = tmp_path / "dane.csv"
    src.write_text(GOOD, encoding="utf-8")
    folder = tmp_path / "magazyn"
    folder.mkdir()
    assert main(["ingest", str(src), "--store", str(folder)]) == 2
    err = capsys.readouterr().err
    assert f"{folder} jest folderem, a magazyn danych to plik" in err
    assert "kolumn" not in err


def _register_with_remarks(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "zwroty"
    folder.mkdir()
    returned_docx(folder / "blizanow.docx")
    register = tmp_path / "rejestr_uwag.xlsx"
    assert main(["uwagi", str(folder), "--rejestr", str(register)]) == 0
    return folder, register


def test_uwagi_on_a_full_disk_leaves_no_empty_copy(tmp_path, capsys, monkeypatch):
    folder, register = _register_with_remarks(tmp_path)
    before = register.read_bytes()
    returned_docx(folder / "brzeziny.docx", teryt="3007022", gmina="Brzeziny")
    capsys.readouterr()

    def half_copy(src, dst, *args, **kwargs):   # the disk fills up during the backup copy
        Path(dst).write_bytes(b"")
        raise OSError(errno.ENOSPC, "No space left on device", str(dst))

    monkeypatch.setattr(shutil, "copy2", half_copy)
    assert main(["uwagi", str(folder), "--rejestr", str(register)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    line = err.strip().splitlines()[-1]
    assert line.startswith("BŁĄD: nie można zapisać rejestru uwag ") and "brak miejsca" in line
    assert register.read_bytes() == before
    assert not (tmp_path / "rejestr_uwag.kopia.xlsx").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_template_write_errors_and_the_umask(tmp_path, capsys, monkeypatch):
    # a real over-long name: the system's ENAMETOOLONG
    long_path = tmp_path / ("szablon_" + "a" * 300 + ".xlsx")
    assert main(["template", str(long_path), "--lata", "2023-2024"]) == 1
    err = capsys.readouterr().err
    assert "BŁĄD: nie można zapisać szablonu" in err and "za długa" in err
    assert "Traceback" not in err
    monkeypatch.setattr(os, "replace", _refuse(errno.EROFS))
    assert main(["template", str(tmp_path / "s.xlsx"), "--lata", "2023-2024"]) == 1
    assert "tylko do odczytu" in capsys.readouterr().err
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []
    old = os.umask(0o027)
    try:
        assert main(["template", str(tmp_path / "s.xlsx"), "--lata", "2023-2024"]) == 0
        assert main(["template", str(tmp_path / "s.csv"), "--lata", "2023-2024"]) == 0
    finally:
        os.umask(old)
    for name in ("s.xlsx", "s.csv"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o640


def test_long_unit_names_are_cut_in_folder_and_file_names():
    name = "Gmina " + "Bardzo Długa Nazwa " * 16          # 310 characters
    folder = unit_folder("3007012", name)
    assert folder.startswith("3007012_gmina_bardzo_dluga_nazwa_")
    assert len(folder) <= len("3007012_") + MAX_NAME_SLUG and not folder.endswith("_")
    assert unit_folder("3007012", "Blizanów") == "3007012_blizanow"   # real names untouched
    assert len(draft_slug(name)) <= 60 and draft_slug("Żelazków") == "zelazkow"
    # the longest file of a job: folder + "_" + document + extension
    assert len(f"{folder}_diagnoza_gminy.docx".encode()) < 255


@pytest.fixture()
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    default_registry.cache_clear()
    yield tmp_path
    default_registry.cache_clear()


def test_jednostki_warns_of_control_characters_and_long_names(project, capsys):
    text = (DATA / "TERC_Urzedowy_2025-11-18.csv").read_text(encoding="utf-8-sig")
    long_name = "Blizanów " + "x" * 300
    text = text.replace("30;07;01;2;Blizanów;", f"30;07;01;2;{long_name};")
    text = text.replace("30;07;02;2;Brzeziny;", '30;07;02;2;"Brze\nziny";')
    path = project / "TERC_Urzedowy_2027-01-01.csv"
    path.write_text("\ufeff" + text.replace("2025-01-01", "2027-01-01"), encoding="utf-8")
    assert main(["jednostki", str(path)]) == 0
    out = capsys.readouterr().out
    warned = [ln for ln in out.splitlines() if ln.startswith("UWAGA: ")]
    assert len(warned) == 2
    assert "jednostka 3007012 ma nazwę dłuższą niż 100 znaków (309" in warned[0] + warned[1]
    assert "jednostka 3007022 („Brze ziny”) ma w nazwie znaki sterujące (U+000A" in out
    assert "Zapisano rejestr: data/rejestr/TERC.csv" in out
    assert not (project / "data" / ".rejestr.lock").exists()


def test_uwagi_names_a_missing_folder_in_polish(tmp_path, capsys):
    assert main(["uwagi", str(tmp_path / "brak")]) == 2
    assert "nie jest folderem" in capsys.readouterr().err
