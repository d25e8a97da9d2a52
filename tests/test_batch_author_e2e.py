"""The project's own notebooks as author copies through ``strategy build``: a copy of the
strategy notebook without its forecast chapter is built and the build summary, build.json and
index.html name the missing statutory chapter; a copy of Opatówek's diagnosis with an author's
cell (Markdown, a DataFrame, a matplotlib figure aimed at the forecast chapter) is built and its
Word file holds them in that chapter, numbered and listed. Copies are made with
``strategy notatnik`` in a copy of the notebooks folder under tmp_path."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest

from strategy import store as S
from strategy.batch.build import BuildOptions, run_build
from strategy.batch.jobs import DEFAULT_TABLE
from strategy.cli import main as cli_main
from strategy.ingest.loading import load_inputs

from test_author_notebooks import AUTHOR_CELL, check_author_content

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def project(tmp_path: Path) -> Path:
    """A job table like the package's, its notebooks copied to tmp_path/notebooks, the demo
    plans and a demo store; the notebooks still run with the project root as working folder."""
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks",
                    ignore=shutil.ignore_patterns("autorskie", "*.md"))
    table = DEFAULT_TABLE.read_text(encoding="utf-8")
    assert 'base = "cwd"\n' in table and 'plans = "data/raw/plany"\n' in table
    table = table.replace('base = "cwd"\n', 'base = "table"\n').replace(
        'plans = "data/raw/plany"\n', f'plans = "{(ROOT / "data/raw/plany").as_posix()}"\n')
    (tmp_path / "jobs.toml").write_text(table, encoding="utf-8")
    demo, problems, _ = load_inputs([ROOT / "data/raw/demo"], powiat="3007")
    assert problems == []
    S.write(demo, tmp_path / "indicators.parquet")
    return tmp_path


def notatnik(proj: Path, document: str, teryt: str) -> Path:
    assert cli_main(["notatnik", document, "--teryt", teryt,
                     "--table", str(proj / "jobs.toml")]) == 0
    [path] = (proj / "notebooks/autorskie" / teryt).glob("*.ipynb")
    return path


def test_author_copies_of_the_project_notebooks_through_strategy_build(tmp_path, capsys):
    proj = project(tmp_path)
    strategy = notatnik(proj, "strategia", "3007")
    assert strategy.name == "strategia_powiatu.ipynb"
    nb = nbformat.read(strategy, as_version=4)
    [cell] = [c for c in nb.cells if 'dok.chapter("prognoza")' in c.source]
    cell.source = "\n".join(x for x in cell.source.splitlines()
                            if x.strip() != 'dok.chapter("prognoza")')
    nbformat.write(nb, strategy)

    diagnosis = notatnik(proj, "diagnoza", "3007083")
    assert diagnosis.name == "diagnoza_gminy.ipynb"
    nb = nbformat.read(diagnosis, as_version=4)
    save = next(i for i, c in enumerate(nb.cells)
                if c.cell_type == "code" and "dok.save()" in c.source)
    nb.cells.insert(save - 1, nbformat.v4.new_code_cell(AUTHOR_CELL))
    nbformat.write(nb, diagnosis)
    capsys.readouterr()

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        report = run_build(BuildOptions(
            powiat=["3007"], gmina=["3007083"], only=["diagnoza", "strategia"], jobs=2,
            html=False, store=proj / "indicators.parquet", table=proj / "jobs.toml",
            reports=proj / "reports"))
    finally:
        os.chdir(cwd)
    assert report.exit_status == 0
    assert sorted((r["id"], r["status"]) for r in report.ran) == [
        ("diagnoza:3007083:2024", "ok"), ("strategia:3007:2024", "ok")]
    summary = capsys.readouterr().out
    assert "strategia (notatnik autorski)" in summary and "diagnoza (notatnik autorski)" in summary
    statutory = [x for x in summary.splitlines()
                 if x.startswith("OSTRZEŻENIE: 3007 powiat kaliski, dokument strategia "
                                 "(strategia.docx): ")]
    assert len(statutory) == 1
    assert "brak rozdziału „Prognoza zmian” wymaganego przez art. 16b" in statutory[0]
    assert "prognoza zmian w zakresie objętym strategią" in statutory[0]

    jobs = json.loads((proj / "reports/build.json").read_text(encoding="utf-8"))["jobs"]
    assert [w["kind"] for w in jobs["strategia:3007:2024"]["warnings"]] == ["statutowy"]
    assert jobs["strategia:3007:2024"]["notebook"] == str(strategy)
    assert jobs["diagnoza:3007083:2024"]["notebook"] == str(diagnosis)
    index = (proj / "reports/index.html").read_text(encoding="utf-8")
    assert "brak rozdziału „Prognoza zmian”" in index
    [docx] = (proj / "reports/3007/2024").glob("3007083_*/3007083_*_diagnoza.docx")
    check_author_content(docx)
