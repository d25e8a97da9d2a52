"""An author copy runs where an author runs it: `jupyter nbconvert --execute` in the copy's own
folder (notebooks/autorskie/<kod>/), three levels below the project root, for a unit of a powiat
other than the demo one - with the copy's own unit as its default, not the template's 3007083.

Powiat kraśnicki (0607) from its real BDL long exports (tests/fixtures/powiat_0607).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from docx import Document

from strategy.batch.author_notebooks import set_defaults
from strategy.cli import main
from strategy.documents import read_custom_properties
from strategy.errors import BuildError

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).parent / "fixtures" / "powiat_0607"


def test_set_defaults_replaces_only_the_value():
    cell = ('teryt: str = "3007083"  # kod TERC gminy (7 cyfr)\n'
            'rok: int = 0  # rok danych\n'
            "plan = 'data/raw/plany/a.yaml'\n")
    out = set_defaults(cell, {"teryt": "0607052", "plan": "data/raw/plany/0607052 b.yaml"})
    assert out == ('teryt: str = "0607052"  # kod TERC gminy (7 cyfr)\n'
                   'rok: int = 0  # rok danych\n'
                   'plan = "data/raw/plany/0607052 b.yaml"\n')
    with pytest.raises(BuildError, match="nie ma parametru „horyzont”"):
        set_defaults(cell, {"horyzont": "2030"})


@pytest.mark.slow
def test_a_copy_for_a_gmina_of_another_powiat_runs_by_nbconvert_in_its_own_folder(
        tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data" / "raw" / "bdl").mkdir(parents=True)
    for name in ("BDL_ludnosc_wg_plci_0607.csv", "BDL_bezrobotni_zarejestrowani_0607.csv"):
        shutil.copy(FIX / name, tmp_path / "data" / "raw" / "bdl" / name)
    assert main(["ingest", "data/raw/bdl"]) == 0
    (tmp_path / "notebooks").mkdir()
    shutil.copy(ROOT / "notebooks" / "diagnoza_gminy.ipynb", tmp_path / "notebooks")
    capsys.readouterr()

    assert main(["notatnik", "diagnoza", "--teryt", "0607052"]) == 0
    said = capsys.readouterr().out
    assert "teryt = '0607052'" in said
    folder = tmp_path / "notebooks" / "autorskie" / "0607052"
    copy = folder / "diagnoza_gminy.ipynb"
    params = [c for c in nbformat.read(copy, as_version=4).cells
              if "parameters" in c.metadata.get("tags", [])]
    assert params[0].source.startswith('teryt: str = "0607052"')

    # As an author would: in the copy's folder, no parameters, plain nbconvert.
    run = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook",
                          "--execute", "--output", "wykonany.ipynb", copy.name],
                         cwd=folder, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    docx = tmp_path / "reports" / "notatniki" / "diagnoza.docx"
    assert docx.is_file()
    text = "\n".join(p.text for p in Document(docx).paragraphs)
    assert "Diagnoza sytuacji społecznej gminy Kraśnik (gmina wiejska)" in text
    assert "Opatówek" not in text
    assert read_custom_properties(docx)["strategy_teryt"] == "0607052"
    executed = json.loads((folder / "wykonany.ipynb").read_text(encoding="utf-8"))
    assert executed["cells"]  # the executed copy was written next to it
