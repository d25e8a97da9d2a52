"""Per-unit author notebooks in ``strategy build``: ``strategy notatnik`` makes a unit's copy of
a template notebook, the build runs the copy for that unit instead of the template, rebuilds
only what an edit of the copy or of the template concerns, says when the template changed
since the copy was made and fails only that unit when the copy lost its parameters tag.
Real papermill runs of the small fixture notebooks of test_batch."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from strategy.batch.build import run_build
from strategy.cli import main as cli_main

from test_batch import GMINAS, options, out, record, setup_project

pytestmark = pytest.mark.slow
ALL = sorted(["strategia:3007:2024"] + [f"diagnoza:{g}:2024" for g in GMINAS])


def loud(proj: Path, **kw):
    """Return build options that print the summary."""
    o = options(proj, **kw)
    o.quiet = False
    return o


def notatnik(proj: Path, document: str, teryt: str) -> int:
    return cli_main(["notatnik", document, "--teryt", teryt, "--table", str(proj / "jobs.toml")])


def edit_last_cell(path: Path, old: str, new: str) -> None:
    """Replace text in the notebook's last cell (the one that writes the output file)."""
    nb = nbformat.read(path, as_version=4)
    assert old in nb.cells[-1].source
    nb.cells[-1].source = nb.cells[-1].source.replace(old, new)
    nbformat.write(nb, path)


def test_an_author_copy_is_built_for_its_unit_and_edits_rebuild_only_what_they_concern(
        tmp_path, capsys):
    proj = setup_project(tmp_path)
    assert sorted(r["id"] for r in run_build(options(proj)).ran) == ALL
    template = proj / "diagnoza_test.ipynb"
    template_sha = hashlib.sha256(template.read_bytes()).hexdigest()

    assert notatnik(proj, "diagnoza", "3007022") == 0
    copy = proj / "autorskie" / "3007022" / "diagnoza_test.ipynb"
    assert str(copy) in capsys.readouterr().out
    made = json.loads(copy.read_text(encoding="utf-8"))["metadata"]["strategy"]["author_copy"]
    assert made["template_sha256"] == template_sha
    assert made["document"] == "diagnoza" and made["teryt"] == "3007022"
    assert template.read_bytes() != copy.read_bytes()   # the copy carries its own metadata

    # The author writes something of their own into the document of Brzeziny.
    edit_last_cell(copy, "f.write(f'{teryt}", "f.write('AUTORSKI;' + f'{teryt}")
    second = run_build(loud(proj))
    assert [r["id"] for r in second.ran] == ["diagnoza:3007022:2024"]
    summary = capsys.readouterr().out
    assert "diagnoza (notatnik autorski)" in summary
    assert f"NOTATNIK AUTORSKI: 3007022 Brzeziny, dokument diagnoza: {copy}" in summary
    assert "UWAGA" not in summary                       # the template has not changed
    assert out(proj, "3007022", "diagnoza.txt").read_text(encoding="utf-8").startswith(
        "AUTORSKI;3007022;2024;6;")
    assert out(proj, "3007012", "diagnoza.txt").read_text(encoding="utf-8").startswith(
        "3007012;2024;6;")
    rec = record(proj)["jobs"]["diagnoza:3007022:2024"]
    assert rec["notebook"] == str(copy)
    assert rec["author_notebook"]["template"] == str(template)
    assert rec["author_notebook"]["template_changed"] is False
    assert record(proj)["jobs"]["diagnoza:3007012:2024"]["author_notebook"] is None
    index = (proj / "reports/index.html").read_text(encoding="utf-8")
    row = next(line for line in index.splitlines() if "<td>3007022</td>" in line)
    assert "notatnik autorski" in row and str(copy) in row
    other = next(line for line in index.splitlines() if "<td>3007012</td>" in line)
    assert "notatnik autorski" not in other and "<td>szablon</td>" in other

    # Nothing changed: nothing runs; another edit of the copy rebuilds that unit alone.
    assert run_build(options(proj)).ran == []
    edit_last_cell(copy, "'AUTORSKI;'", "'AUTORSKI2;'")
    assert [r["id"] for r in run_build(options(proj)).ran] == ["diagnoza:3007022:2024"]

    # The template changes: the units built from it are rebuilt, the copy's unit is not, the
    # copy is left as it was and the summary warns that its template changed.
    copy_bytes = copy.read_bytes()
    edit_last_cell(template, "f.write(f'{teryt}", "f.write('NOWY;' + f'{teryt}")
    third = run_build(loud(proj))
    assert sorted(r["id"] for r in third.ran) == ["diagnoza:3007012:2024",
                                                   "diagnoza:3007032:2024"]
    assert copy.read_bytes() == copy_bytes
    assert out(proj, "3007012", "diagnoza.txt").read_text(encoding="utf-8").startswith("NOWY;")
    assert out(proj, "3007022", "diagnoza.txt").read_text(encoding="utf-8").startswith(
        "AUTORSKI2;")
    summary = capsys.readouterr().out
    [warning] = [x for x in summary.splitlines() if x.startswith("UWAGA: ")]
    assert warning.startswith("UWAGA: 3007022 Brzeziny, dokument diagnoza: szablon "
                              f"{template} zmienił się od utworzenia notatnika autorskiego {copy}")
    rec = record(proj)["jobs"]["diagnoza:3007022:2024"]
    assert rec["author_notebook"]["template_changed"] is True
    assert "zmienił się od utworzenia" in (proj / "reports/index.html").read_text(encoding="utf-8")

    # A copy is never overwritten, not even when the template changed.
    assert notatnik(proj, "diagnoza", "3007022") == 2
    assert "już istnieje - nie nadpisuję go" in capsys.readouterr().err
    assert copy.read_bytes() == copy_bytes

    # The author reviewed the template and says so: the warning goes, the cells stay, the
    # unit's document is built again (its notebook file changed) and nothing else.
    assert "--szablon-przejrzany" in warning
    cells = [c.source for c in nbformat.read(copy, as_version=4).cells]
    assert cli_main(["notatnik", "diagnoza", "--teryt", "3007022", "--szablon-przejrzany",
                     "--table", str(proj / "jobs.toml")]) == 0
    assert [c.source for c in nbformat.read(copy, as_version=4).cells] == cells
    capsys.readouterr()
    fourth = run_build(loud(proj))
    assert [r["id"] for r in fourth.ran] == ["diagnoza:3007022:2024"]
    assert "UWAGA" not in capsys.readouterr().out
    assert record(proj)["jobs"]["diagnoza:3007022:2024"]["author_notebook"][
        "template_changed"] is False

    # The powiat's document gets its copy in the folder of the powiat's code.
    assert notatnik(proj, "strategia", "3007") == 0
    assert (proj / "autorskie/3007/strategia_test.ipynb").is_file()
    assert [r["id"] for r in run_build(options(proj)).ran] == ["strategia:3007:2024"]


def test_a_copy_that_lost_its_parameters_tag_fails_alone_with_a_polish_message(tmp_path, capsys):
    proj = setup_project(tmp_path)
    assert notatnik(proj, "diagnoza", "3007012") == 0
    copy = proj / "autorskie" / "3007012" / "diagnoza_test.ipynb"
    nb = nbformat.read(copy, as_version=4)
    assert nb.cells[1].metadata["tags"] == ["parameters"]
    nb.cells[1].metadata["tags"] = []
    nbformat.write(nb, copy)
    report = run_build(loud(proj))
    assert report.exit_status == 1
    assert [r["id"] for r in report.failed] == ["diagnoza:3007012:2024"]
    assert sorted(r["id"] for r in report.ran if r["status"] == "ok") == [
        i for i in ALL if i != "diagnoza:3007012:2024"]
    message = record(proj)["jobs"]["diagnoza:3007012:2024"]["error"]["message"]
    assert message.startswith(f"notatnik autorski {copy} nie ma komórki parametrów (komórki kodu "
                              "z tagiem „parameters”)")
    assert f"BŁĄD: jednostka 3007012, notatnik {copy}: notatnik autorski" in capsys.readouterr().out
    assert not out(proj, "3007012", "diagnoza.txt").exists()

    # The tag restored, the unit is built from its copy.
    nb.cells[1].metadata["tags"] = ["parameters"]
    nbformat.write(nb, copy)
    again = run_build(options(proj))
    assert [r["id"] for r in again.ran] == ["diagnoza:3007012:2024"] and again.exit_status == 0


def test_a_copy_made_by_hand_is_used_and_the_summary_says_its_template_version_is_unknown(
        tmp_path, capsys):
    proj = setup_project(tmp_path)
    copy = proj / "autorskie" / "3007032" / "diagnoza_test.ipynb"
    copy.parent.mkdir(parents=True)
    shutil.copyfile(proj / "diagnoza_test.ipynb", copy)
    report = run_build(loud(proj))
    assert report.exit_status == 0
    assert record(proj)["jobs"]["diagnoza:3007032:2024"]["notebook"] == str(copy)
    [warning] = [x for x in capsys.readouterr().out.splitlines() if x.startswith("UWAGA: ")]
    assert warning.startswith(f"UWAGA: 3007032 Ceków-Kolonia, dokument diagnoza: notatnik "
                              f"autorski {copy} nie zapisuje, z której wersji szablonu")
    assert record(proj)["jobs"]["diagnoza:3007032:2024"]["author_notebook"][
        "template_changed"] is None


def test_notatnik_strips_outputs_and_checks_the_code(tmp_path, capsys):
    proj = setup_project(tmp_path)
    template = proj / "diagnoza_test.ipynb"
    nb = nbformat.read(template, as_version=4)
    nb.cells[3].outputs = [nbformat.v4.new_output("stream", name="stdout", text="3007012 2024\n")]
    nb.cells[3].execution_count = 7
    nbformat.write(nb, template)
    assert notatnik(proj, "diagnoza", "3007032") == 0
    copy = nbformat.read(proj / "autorskie/3007032/diagnoza_test.ipynb", as_version=4)
    assert copy.cells[3].outputs == [] and copy.cells[3].execution_count is None
    # the same cells, but the copy's default unit is its own (the template's is 3007012)
    assert [c.source for c in copy.cells[2:]] == [c.source for c in nb.cells[2:]]
    assert copy.cells[1].source == nb.cells[1].source.replace('"3007012"', '"3007032"')
    assert '"3007032"' in copy.cells[1].source and "3007012" not in copy.cells[1].source
    capsys.readouterr()
    # A gmina's document needs a gmina's code, a powiat's a powiat's; a part of an urban-rural
    # gmina is not a gmina; an unknown document is named with the known ones.
    assert notatnik(proj, "diagnoza", "3007") == 2
    assert "jest dokumentem gminy, a '3007' nie jest kodem TERC gminy (7 cyfr)" in \
        capsys.readouterr().err
    assert notatnik(proj, "strategia", "3007012") == 2
    assert "nie jest kodem TERC powiatu (4 cyfry)" in capsys.readouterr().err
    assert notatnik(proj, "diagnoza", "3007084") == 2
    assert "kod części gminy miejsko-wiejskiej" in capsys.readouterr().err
    assert notatnik(proj, "diagnozy", "3007012") == 2
    assert "nieznany dokument 'diagnozy'; dostępne: diagnoza, strategia" in capsys.readouterr().err
    assert sorted(p.name for p in (proj / "autorskie").iterdir()) == ["3007032"]
