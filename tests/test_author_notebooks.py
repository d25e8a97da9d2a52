"""An author's copy of a notebook is the source of its document, in papermill and in the build.

A copy of the diagnosis notebook gets one more cell - a Markdown paragraph, a DataFrame and a
plain matplotlib figure aimed at the forecast chapter - and is run through papermill; the
Word file holds them inside that chapter, numbered after the package's own tables and figures
and listed in the lists of tables and figures. A copy of the strategy notebook without its
forecast cell is saved with the missing statutory element named.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import nbformat
import papermill as pm
import pytest
from docx.oxml.ns import qn

from strategy import store as S
from strategy.documents.authoring import control_path
from strategy.ingest.loading import load_inputs

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

AUTHOR_CELL = '''import matplotlib.pyplot as plt
import pandas as pd

ankieta = pd.DataFrame({"Odpowiedź": ["tak", "nie"], "Liczba osób": [1412, 88]})
dok.markdown("Zespół ocenia prognozę **ostrożnie**: *liczba rodzin* może spaść szybciej.",
             chapter="prognoza")
dok.table(ankieta, "Ankieta wśród rodzin", "badanie ankietowe OPS, 2025", chapter="prognoza")
fig, ax = plt.subplots(figsize=(4, 3))
ax.bar(["2023", "2024", "2025"], [12, 15, 11])
dok.figure(fig, "Rodziny w ankiecie zespołu", "badanie ankietowe OPS, 2025", chapter="prognoza")
ankieta.head()  # shown in the notebook only
'''


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory) -> Path:
    store, problems, _ = load_inputs([ROOT / "data/raw/demo"], powiat="3007")
    assert problems == []
    return S.write(store, tmp_path_factory.mktemp("store") / "indicators.parquet")


def author_copy(template: str, dest: Path, *, add: str | None = None,
                drop_chapter: str | None = None) -> Path:
    """Write an author's copy of ``template``: ``add`` a code cell before the save cells,
    ``drop_chapter`` removes the line adding that chapter."""
    nb = nbformat.read(NOTEBOOKS / template, as_version=4)
    if drop_chapter:
        line = f'dok.chapter("{drop_chapter}")'
        hits = [c for c in nb.cells if c.cell_type == "code" and line in c.source]
        assert len(hits) == 1
        hits[0].source = "\n".join(x for x in hits[0].source.splitlines() if x.strip() != line)
    if add:
        save = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code"
                    and "dok.save()" in c.source)
        nb.cells.insert(save - 1, nbformat.v4.new_code_cell(add))
    dest.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, dest)
    return dest


def blocks(path: Path):
    d = docx.Document(str(path))
    out = []
    for el in d.element.body.iterchildren():
        if el.tag == qn("w:p"):
            out.append(docx.text.paragraph.Paragraph(el, d))
    return out


def check_author_content(path: Path) -> None:
    paras = blocks(path)
    heads = [(i, p.text) for i, p in enumerate(paras) if p.style.name == "Heading 1"]

    def chapter(i):
        return [t for k, t in heads if k < i][-1]

    i = next(k for k, p in enumerate(paras) if p.text.startswith("Zespół ocenia prognozę"))
    assert chapter(i) == "Prognoza zmian"
    assert [r.text for r in paras[i].runs if r.bold] == ["ostrożnie"]
    assert [r.text for r in paras[i].runs if r.italic] == ["liczba rodzin"]
    caps = [(k, p.text) for k, p in enumerate(paras) if p.style.name == "Caption"]
    tab = [(k, t) for k, t in caps if "Ankieta wśród rodzin" in t]
    fig = [(k, t) for k, t in caps if "Rodziny w ankiecie zespołu" in t]
    assert len(tab) == 1 and len(fig) == 1
    assert chapter(tab[0][0]) == "Prognoza zmian" and chapter(fig[0][0]) == "Prognoza zmian"
    # numbers continue those of the chapters before: n tables/figures above -> number n + 1
    n_tab = sum(1 for k, t in caps if k < tab[0][0] and t.startswith("Tabela "))
    n_fig = sum(1 for k, t in caps if k < fig[0][0] and t.startswith("Wykres "))
    assert n_tab >= 1 and n_fig >= 1   # the areas chapter has its own tables and charts
    assert tab[0][1] == f"Tabela {n_tab + 1}. Ankieta wśród rodzin"
    assert fig[0][1] == f"Wykres {n_fig + 1}. Rodziny w ankiecie zespołu"
    # the tables after it are renumbered: the next caption of each kind is one more
    later = [t for k, t in caps if k > tab[0][0] and t.startswith("Tabela ")]
    if later:
        assert later[0].startswith(f"Tabela {n_tab + 2}.")
    # listed in the lists of tables and figures (the cached entries before chapter 1)
    front = " ".join(p.text for p in paras[:heads[0][0]])
    assert f"Tabela {n_tab + 1}. Ankieta wśród rodzin" in front
    assert f"Wykres {n_fig + 1}. Rodziny w ankiecie zespołu" in front
    # the preview (ankieta.head()) did not go in: the survey is in the document once, as a table
    d = docx.Document(str(path))
    survey = [t for t in d.tables if t.rows[0].cells[0].text == "Odpowiedź"]
    assert len(survey) == 1 and survey[0].rows[1].cells[1].text == "1412"


def test_author_cell_through_papermill(demo_store, tmp_path):
    nb = author_copy("diagnoza_gminy.ipynb", tmp_path / "autor.ipynb", add=AUTHOR_CELL)
    out_dir = tmp_path / "out"
    pm.execute_notebook(str(nb), str(tmp_path / "wynik.ipynb"), cwd=str(ROOT),
                        parameters={"store": str(demo_store), "output_dir": str(out_dir)},
                        kernel_name="python3", progress_bar=False)
    out = out_dir / "diagnoza.docx"
    check_author_content(out)
    r = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                        str(out)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and (tmp_path / "diagnoza.pdf").stat().st_size > 10_000


def test_strategy_copy_without_the_forecast_cell_names_the_missing_element(demo_store, tmp_path):
    nb = author_copy("strategia_powiatu.ipynb", tmp_path / "autor.ipynb", drop_chapter="prognoza")
    out_dir = tmp_path / "out"
    run = pm.execute_notebook(str(nb), str(tmp_path / "wynik.ipynb"), cwd=str(ROOT),
                              parameters={"store": str(demo_store), "output_dir": str(out_dir)},
                              kernel_name="python3", progress_bar=False)
    out = out_dir / "strategia.docx"
    assert out.is_file()
    printed = "".join(o.get("text", "") for o in run.cells[-1].outputs)
    assert re.search(r"UWAGA: brak rozdziału „Prognoza zmian”", printed)
    assert "Kontrola kompletności dokumentu" in [p.text for p in blocks(out)]
    assert "prognoza zmian w zakresie objętym strategią" in control_path(out).read_text("utf-8")
