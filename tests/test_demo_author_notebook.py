"""The demo's author notebook: Opatówek's diagnosis (``notebooks/autorskie/3007083``) with the
team's written interpretation, a chart of its own and a 'Wnioski' box.

It was made by ``strategy notatnik diagnoza --teryt 3007083`` from the current template (so the
demo build gives no 'template changed' warning), the build of the demo picks it for Opatówek's
diagnosis and for no other job, and run through papermill it puts the author's content into the
areas chapter: the figure with its caption and source in the social-assistance section, the
interpretation with its bold phrase and list after it, the box in the family section.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import docx
import nbformat
import papermill as pm
import pytest
from docx.oxml.ns import qn

from strategy import store as S
from strategy.batch.author_notebooks import copy_info
from strategy.batch.jobs import DEFAULT_TABLE, expand, load_table
from strategy.ingest.loading import load_inputs

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "notebooks" / "diagnoza_gminy.ipynb"
AUTHOR = ROOT / "notebooks" / "autorskie" / "3007083" / "diagnoza_gminy.ipynb"
GMINAS = ["3007012", "3007022", "3007083", "3007112"]


def test_demo_author_copy_is_made_from_the_current_template():
    info = copy_info(AUTHOR)
    assert info is not None, "the demo author notebook records the template it was made from"
    assert info["document"] == "diagnoza" and info["teryt"] == "3007083"
    assert info["template"] == "notebooks/diagnoza_gminy.ipynb"
    # a template change must be reviewed into the demo copy (strategy notatnik ...
    # --szablon-przejrzany), otherwise the README's first command warns about it
    assert info["template_sha256"] == hashlib.sha256(TEMPLATE.read_bytes()).hexdigest()
    nb = nbformat.read(AUTHOR, as_version=4)
    assert [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_demo_build_uses_the_author_copy_for_opatowek_diagnosis_only(tmp_path):
    table = load_table(DEFAULT_TABLE)
    jobs = expand(table.documents, {"3007": (GMINAS, True)}, 2024, store=tmp_path / "s.parquet",
                  reports=tmp_path / "reports", base=ROOT, root=ROOT,
                  plans=ROOT / "data" / "raw" / "plany")
    authored = [(j.document, j.teryt) for j in jobs if j.template]
    assert authored == [("diagnoza", "3007083")]
    [job] = [j for j in jobs if j.template]
    assert Path(job.notebook) == AUTHOR.resolve() and Path(job.template) == TEMPLATE.resolve()
    others = [j for j in jobs if j.document == "diagnoza" and j.teryt != "3007083"]
    assert others and all(Path(j.notebook) == TEMPLATE.resolve() for j in others)


@pytest.mark.slow
def test_demo_author_notebook_puts_its_content_into_the_areas_chapter(tmp_path):
    demo, problems, _ = load_inputs([ROOT / "data/raw/demo"], powiat="3007")
    assert problems == []
    store = S.write(demo, tmp_path / "indicators.parquet")
    out_dir = tmp_path / "out"
    pm.execute_notebook(str(AUTHOR), str(tmp_path / "wynik.ipynb"), cwd=str(ROOT),
                        parameters={"store": str(store), "output_dir": str(out_dir)},
                        progress_bar=False)
    [path] = out_dir.glob("*.docx")
    d = docx.Document(str(path))
    paras = [docx.text.paragraph.Paragraph(el, d) for el in d.element.body.iterchildren()
             if el.tag == qn("w:p")]
    texts = [p.text for p in paras]
    heads = [(i, p.style.name, p.text) for i, p in enumerate(paras)
             if p.style.name.startswith("Heading")]
    first_chapter = next(i for i, s, _ in heads if s == "Heading 1")

    def under(i, level):
        return [t for k, s, t in heads if k < i and s == f"Heading {level}"][-1]

    caption = next(i for i, t in enumerate(texts) if i > first_chapter
                   and t.endswith("Rodziny objęte pomocą społeczną w gminie Opatówek, "
                                  "lata 2015–2024"))
    assert paras[caption].style.name == "Caption" and texts[caption].startswith("Wykres ")
    assert under(caption, 1) == "Sytuacja społeczna gminy w poszczególnych obszarach"
    assert under(caption, 2) == "Pomoc społeczna i ubóstwo"
    # caption above the figure, the source once, under it
    assert any(t.startswith("Źródło: opracowanie zespołu OPS") for t in texts[caption:caption + 4])
    # listed in the list of figures of the front matter with the same number
    assert texts[caption] in " ".join(texts[:first_chapter])

    interp = texts.index("Interpretacja zespołu ośrodka pomocy społecznej")
    assert interp > caption and under(interp, 2) == "Pomoc społeczna i ubóstwo"
    body = next(p for p in paras[interp:] if p.text.startswith("W latach 2015–2024"))
    assert [r.text for r in body.runs if r.bold] == [
        "z powodu bezradności w sprawach opiekuńczo-wychowawczych"]
    assert "(zob. Wykres " in body.text   # the {rodziny_ops} reference became a REF field
    assert any(t.startswith("potrzebę dyżurów pracownika socjalnego") for t in texts[interp:])

    box = next(i for i, t in enumerate(texts) if i > first_chapter and t == "Wnioski")
    assert under(box, 2) == "Rodzina i wspieranie rodziny"
    assert texts[box + 1].startswith("Ośrodek proponuje, aby strategia gminy przewidziała")
    # the preview (tabela.tail()) stays in the notebook: no table of the author's frame
    assert not [t for t in d.tables if t.rows[0].cells[0].text in ("year", "indicator")]
