"""The document object notebooks fill: default chapters, an author's content, checks at save.

Documents are built from the demo store and read back with python-docx: where each author's
paragraph, table and figure stands (inside which chapter), its formatting, caption numbers,
the cached entries of the lists of tables and figures, the statutory check of the strategy.
"""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import docx
import matplotlib
import pandas as pd
import pytest
from docx.oxml.ns import qn
from matplotlib.figure import Figure

from strategy.diagnosis import diagnose
from strategy.documents.authoring import control_path
from strategy.documents.builders import diagnosis_document, strategy_document
from strategy.errors import DocumentError
from strategy.ingest.loading import load_inputs
from strategy.inputs.load import load_strategy
from strategy.plan import load_plan

matplotlib.use("Agg")
ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "data/raw/plany/DANE_DEMONSTRACYJNE_3007_strategia.yaml"


@pytest.fixture(scope="module")
def store():
    s, problems, _ = load_inputs([ROOT / "data/raw/demo"], powiat="3007")
    assert problems == []
    return s


@pytest.fixture(scope="module")
def diag(store):
    return diagnose("3007083", store, charts=False)


def body_blocks(path: Path) -> list[tuple[str, object]]:
    """Return the body in order: ("p", paragraph) and ("t", table)."""
    d = docx.Document(str(path))
    out = []
    for el in d.element.body.iterchildren():
        if el.tag == qn("w:p"):
            out.append(("p", docx.text.paragraph.Paragraph(el, d)))
        elif el.tag == qn("w:tbl"):
            out.append(("t", docx.table.Table(el, d)))
    return out


def chapter_of(blocks, index: int) -> str:
    """Return the text of the Heading 1 above block ``index``."""
    for kind, b in reversed(blocks[:index]):
        if kind == "p" and b.style.name == "Heading 1":
            return b.text
    return ""


def find(blocks, pred) -> int:
    return next(i for i, (k, b) in enumerate(blocks) if k == "p" and pred(b))


def a_figure() -> Figure:
    fig = Figure(figsize=(4, 3))
    ax = fig.subplots()
    ax.bar(["2023", "2024", "2025"], [12, 15, 11])
    ax.set_title("Rodziny w ankiecie")
    return fig


SURVEY = pd.DataFrame({"Odpowiedź": ["tak", "nie", "trudno powiedzieć"],
                       "Liczba osób": [1234, 56, 7], "Udział (%)": [95.1, 4.3, 0.54]})


def test_author_content_lands_in_the_named_chapter_with_numbers_continuing(diag, tmp_path):
    dok = diagnosis_document(diag, tmp_path / "diagnoza.docx")
    for key in ("wprowadzenie", "obszary", "na_tle_powiatu", "prognoza", "ranking", "swot"):
        dok.chapter(key)
    # added from a later cell, aimed at an earlier chapter
    dok.markdown("Interpretacja zespołu: **liczba rodzin** rośnie, *zwłaszcza* w sołectwach.\n\n"
                 "- pierwszy wniosek\n- drugi wniosek\n\nWięcej: [GUS](https://bdl.stat.gov.pl).",
                 chapter="prognoza")
    dok.table(SURVEY, "Wyniki ankiety wśród mieszkańców", "badanie ankietowe OPS, 2025",
              chapter="prognoza", key="ankieta", decimals={"Udział (%)": 1})
    dok.figure(a_figure(), "Rodziny objęte ankietą", "badanie ankietowe OPS, 2025",
               chapter="prognoza", key="wykres_ankiety")
    dok.markdown("Odpowiedzi zestawiono w tabeli (zob. {ankieta}) i na wykresie "
                 "(zob. {wykres_ankiety}).", chapter="prognoza")
    out = dok.save()
    blocks = body_blocks(out)

    i = find(blocks, lambda p: p.text.startswith("Interpretacja zespołu"))
    assert chapter_of(blocks, i) == "Prognoza zmian"
    para = blocks[i][1]
    assert [r.text for r in para.runs if r.bold] == ["liczba rodzin"]
    assert [r.text for r in para.runs if r.italic] == ["zwłaszcza"]
    items = [b.text for k, b in blocks[i + 1:i + 3]]
    assert items == ["pierwszy wniosek", "drugi wniosek"]
    assert all(blocks[i + 1 + k][1].style.name == "List Bullet" for k in range(2))
    link = blocks[i + 3][1]._p.findall(qn("w:hyperlink"))
    assert len(link) == 1 and "GUS" in "".join(t.text for t in link[0].iter(qn("w:t")))

    # every caption in document order: "Tabela n" and "Wykres n" count 1, 2, 3... without gaps
    captions = [b.text for k, b in blocks if k == "p" and b.style.name == "Caption"]
    tabs = [c for c in captions if c.startswith("Tabela ")]
    figs = [c for c in captions if c.startswith("Wykres ")]
    assert [int(re.match(r"Tabela (\d+)\.", c).group(1)) for c in tabs] == list(range(1, len(tabs) + 1))
    assert [int(re.match(r"Wykres (\d+)\.", c).group(1)) for c in figs] == list(range(1, len(figs) + 1))
    # the author's table follows the tables of the chapters before it
    j = find(blocks, lambda p: p.style.name == "Caption" and "Wyniki ankiety" in p.text)
    assert chapter_of(blocks, j) == "Prognoza zmian"
    before = sum(1 for k, b in blocks[:j] if k == "p" and b.style.name == "Caption"
                 and b.text.startswith("Tabela "))
    assert blocks[j][1].text == f"Tabela {before + 1}. Wyniki ankiety wśród mieszkańców"
    table = blocks[j + 1][1]
    assert [c.text for c in table.rows[0].cells] == ["Odpowiedź", "Liczba osób", "Udział (%)"]
    assert [c.text for c in table.rows[1].cells] == ["tak", "1234", "95,1"]
    assert table.rows[3].cells[2].text == "0,5"
    assert blocks[j + 2][1].text == "Źródło: badanie ankietowe OPS, 2025"
    # the figure: caption, picture, source, in the same chapter
    f = find(blocks, lambda p: p.style.name == "Caption" and "Rodziny objęte ankietą" in p.text)
    assert chapter_of(blocks, f) == "Prognoza zmian"
    assert blocks[f + 1][1]._p.findall(".//" + qn("w:drawing"))
    fig_no = re.match(r"Wykres (\d+)\.", blocks[f][1].text).group(1)
    # the cross-references show the numbers and are REF fields to the captions' bookmarks
    r = find(blocks, lambda p: p.text.startswith("Odpowiedzi zestawiono"))
    assert f"(zob. Tabela {before + 1})" in blocks[r][1].text
    assert f"(zob. Wykres {fig_no})" in blocks[r][1].text
    instr = " ".join(t.text for t in blocks[r][1]._p.iter(qn("w:instrText")))
    assert "REF Autor_ankieta" in instr and "REF Autor_wykres_ankiety" in instr
    # both are entries of the lists of tables and figures (cached TOC results)
    entries = [b.text for k, b in blocks if k == "p" and b.style.name.startswith("table of figures")]
    if not entries:   # the entries' style name depends on the template; fall back to the text
        toc_end = find(blocks, lambda p: p.style.name == "Heading 1")
        entries = [b.text for k, b in blocks[:toc_end] if k == "p"]
    assert any("Wyniki ankiety wśród mieszkańców" in e for e in entries)
    assert any("Rodziny objęte ankietą" in e for e in entries)
    assert not control_path(out).exists()


def test_conclusions_box_after_an_area_section(diag, tmp_path):
    dok = diagnosis_document(diag, tmp_path / "d.docx")
    dok.chapter("obszary")
    dok.conclusions("Rodzin z **niebieską kartą** przybywa.\n\n- potrzebny drugi asystent",
                    chapter="obszary", section="przemoc")
    out = dok.save()
    blocks = body_blocks(out)
    i = find(blocks, lambda p: p.text == "Wnioski")
    # the box follows the violence area: the last Heading 2 above it is that area's
    h2 = [b.text for k, b in blocks[:i] if k == "p" and b.style.name == "Heading 2"]
    from strategy.catalog import default_catalog
    assert h2[-1] == default_catalog().areas["przemoc"]
    box = [blocks[i][1], blocks[i + 1][1], blocks[i + 2][1]]
    assert box[1].text == "Rodzin z niebieską kartą przybywa."
    assert box[2].text == "• potrzebny drugi asystent"
    for p in box:
        bdr = p._p.pPr.find(qn("w:pBdr"))
        assert bdr is not None and bdr.find(qn("w:left")) is not None
        assert p._p.pPr.find(qn("w:shd")) is not None
    # the next area follows the box
    nxt = blocks[i + 3][1]
    assert nxt.style.name == "Heading 2"


def test_chapters_follow_the_cells_order_and_a_missing_cell_drops_its_chapter(diag, tmp_path):
    dok = diagnosis_document(diag, tmp_path / "d.docx")
    dok.chapter("prognoza")
    dok.chapter("wprowadzenie")
    out = dok.save()
    h1 = [b.text for k, b in body_blocks(out) if k == "p" and b.style.name == "Heading 1"]
    assert h1 == ["Prognoza zmian", "Wprowadzenie"]


def test_own_chapter_replaces_a_default_one_and_takes_its_place(diag, tmp_path):
    dok = diagnosis_document(diag, tmp_path / "d.docx")
    dok.chapter("wprowadzenie")
    dok.own_chapter("Analiza SWOT zespołu", replaces="swot")
    dok.markdown("## Mocne strony\n\nDobra współpraca z NGO.")
    out = dok.save()
    blocks = body_blocks(out)
    heads = [(b.style.name, b.text) for k, b in blocks if k == "p" and b.style.name.startswith("Heading")]
    assert ("Heading 1", "Analiza SWOT zespołu") in heads
    assert ("Heading 2", "Mocne strony") in heads
    assert "Propozycje do analizy SWOT" not in [t for _, t in heads]
    with pytest.raises(DocumentError, match="jest już w dokumencie"):
        dok.chapter("swot")


def test_mistakes_get_polish_messages(diag, tmp_path):
    dok = diagnosis_document(diag, tmp_path / "d.docx")
    with pytest.raises(DocumentError, match="nie ma rozdziału „cele”.*dostępne: wprowadzenie"):
        dok.chapter("cele")
    dok.chapter("obszary")
    with pytest.raises(DocumentError, match="jest już w dokumencie"):
        dok.chapter("obszary")
    with pytest.raises(DocumentError, match="rozdziału „prognoza” nie ma"):
        dok.markdown("tekst", chapter="prognoza")
    with pytest.raises(DocumentError, match="ramką danych"):
        dok.table([1, 2], "Tytuł", "źródło")
    with pytest.raises(DocumentError, match="musi mieć źródło"):
        dok.table(SURVEY, "Tytuł", " ")
    with pytest.raises(DocumentError, match="figurą matplotlib"):
        dok.figure(42, "Tytuł", "źródło")
    with pytest.raises(DocumentError, match="Markdown: element „image”|obrazów nie wstawia"):
        dok.markdown("![x](a.png)")
        dok.save()
    dok2 = diagnosis_document(diag, tmp_path / "e.docx")
    dok2.chapter("obszary")
    dok2.markdown("Tekst dla sekcji, której nie ma.", section="nie_ma_takiej")
    with pytest.raises(DocumentError, match="sekcji, których w dokumencie nie ma: nie_ma_takiej"):
        dok2.save()
    assert not (tmp_path / "e.docx").exists()


def test_strategy_without_a_statutory_chapter_is_saved_with_a_control_page(store, tmp_path):
    plan = load_plan(PLAN)
    dok = strategy_document(load_strategy(store, plan), tmp_path / "strategia.docx")
    for key in dok.outline:
        if key not in ("prognoza", "zalaczniki"):
            dok.chapter(key)
    out = dok.save()
    assert out.is_file()
    blocks = body_blocks(out)
    i = find(blocks, lambda p: p.text == "Kontrola kompletności dokumentu")
    listed = " ".join(b.text for k, b in blocks[i:] if k == "p")
    # the numbers of the provision kept with their abbreviations by no-break spaces
    assert "ust.\u00a02 pkt\u00a02 – prognoza zmian w zakresie objętym strategią" in listed
    control = json.loads(control_path(out).read_text(encoding="utf-8"))
    assert [w["kind"] for w in control["warnings"]] == ["statutowy"]
    assert "Prognoza zmian" in control["warnings"][0]["text"]


def test_complete_strategy_has_no_control_page_and_the_replacing_chapter_counts(store, tmp_path):
    plan = load_plan(PLAN)
    dok = strategy_document(load_strategy(store, plan), tmp_path / "strategia.docx")
    for key in dok.outline:
        if key == "prognoza":
            dok.own_chapter("Prognoza zmian według zespołu", replaces="prognoza")
            dok.markdown("Zespół przewiduje dalszy spadek liczby rodzin w pieczy.")
        elif key != "zalaczniki":
            dok.chapter(key)
    out = dok.save()
    texts = [b.text for k, b in body_blocks(out) if k == "p"]
    assert "Kontrola kompletności dokumentu" not in texts
    assert "Prognoza zmian według zespołu" in texts
    assert not control_path(out).exists()


def test_libreoffice_converts_a_document_with_author_content(diag, tmp_path):
    dok = diagnosis_document(diag, tmp_path / "d.docx")
    dok.chapter("wprowadzenie")
    dok.markdown("**Interpretacja.** Tekst autora z [odnośnikiem](https://example.org).")
    dok.table(SURVEY, "Wyniki ankiety", "badanie OPS")
    dok.figure(a_figure(), "Wykres autora", "badanie OPS")
    dok.conclusions("Wniosek.")
    out = dok.save()
    r = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                        str(out)], capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "d.pdf"
    assert r.returncode == 0 and pdf.is_file() and pdf.stat().st_size > 5_000
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Interpretacja." in text and "Wyniki ankiety" in text and "Wykres autora" in text
