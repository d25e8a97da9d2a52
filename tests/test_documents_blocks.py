"""Blocks and their two renderers on tiny block lists: the Word file and the notebook's HTML
hold the same headings, captions, cell texts and resolved references; the blocks file keeps
them (tables as JSON, figures as PNG) so that a draft rendered from it equals the original."""
from __future__ import annotations

import io
import json
import re

import docx
import pandas as pd
import pytest
from matplotlib.figure import Figure as MplFigure

from strategy.documents import Report
from strategy.documents.authoring import Document, document_from_json
from strategy.documents.blocks import (
    Figure,
    Heading,
    Paragraph,
    Recorder,
    RefTo,
    Run,
    Slot,
    Table,
    blocks_from_json,
    blocks_to_json,
    chapter_blocks,
)
from strategy.documents.render_notebook import render_html
from strategy.documents.render_word import render
from strategy.errors import DocumentError

NBSP = "\u00a0"


def png() -> bytes:
    fig = MplFigure(figsize=(2, 1))
    fig.add_subplot().plot([1, 2], [3, 4])
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def tiny(rec: Recorder, ctx) -> None:
    rec.heading("Dane", 2)
    t = rec.table(pd.DataFrame({"Gmina": ["A", "B", "Razem"], "Ludność": [12345.0, 5678.5, 18023.5]}),
                  "Ludność gmin", "GUS", formats={"Ludność": 1})
    rec.bold_rows(-1)
    rec.paragraph("Liczby podano w zestawieniu (zob. {t}).", refs={"t": t})
    f = rec.figure(ctx, "Wykres ludności", "GUS", width_cm=8)
    rec.paragraph(["Por. ", f, {"text": " – koniec", "bold": True}])


def word(blocks, tmp_path, **kw):
    rep = Report(title="Test")
    render(blocks, rep, **kw)
    return docx.Document(str(rep.save(tmp_path / "t.docx")))


def test_chapter_blocks_are_what_the_chapter_writes_with_references_by_id():
    blocks = chapter_blocks(tiny, png(), prefix="dane")
    assert [type(b).__name__ for b in blocks] == ["Heading", "Table", "Paragraph", "Figure",
                                                  "Paragraph"]
    table, para = blocks[1], blocks[2]
    assert table.bold_rows == (-1,) and table.id == "dane.2"
    assert para.runs == (Run("Liczby podano w zestawieniu (zob. "), RefTo("dane.2"), Run(")."))


def test_unknown_placeholder_is_an_error_and_plain_braces_stay():
    rec = Recorder()
    with pytest.raises(DocumentError, match="odwołania bez celu: x"):
        rec.paragraph("zob. {x}", refs={"t": RefTo("a")})
    rec.paragraph("klamry {x} bez odwołań zostają")
    assert rec.blocks[0].runs == (Run("klamry {x} bez odwołań zostają"),)


def test_word_and_notebook_show_the_same_captions_numbers_and_references(tmp_path):
    blocks = [Heading("Wstęp", 1, id="wstep")] + chapter_blocks(tiny, png(), prefix="dane")
    d = word(blocks, tmp_path)
    captions = [p.text for p in d.paragraphs if p.style.name == "Caption"]
    assert captions == ["Tabela 1. Ludność gmin", "Wykres 1. Wykres ludności"]
    texts = [p.text for p in d.paragraphs]
    assert "Liczby podano w zestawieniu (zob. Tabela 1)." in texts
    assert "Por. Wykres 1 – koniec" in texts
    # the last row bold, numbers the Polish way
    assert [c.text for c in d.tables[0].rows[-1].cells] == ["Razem", f"18{NBSP}023,5"]
    assert all(r.bold for c in d.tables[0].rows[-1].cells for p in c.paragraphs for r in p.runs)
    assert not any(r.bold for c in d.tables[0].rows[1].cells for p in c.paragraphs for r in p.runs)
    assert len(d.inline_shapes) == 1

    html = render_html(blocks)
    assert re.findall(r"<(?:fig)?caption>(.*?)</(?:fig)?caption>", html) == captions
    assert "<h2>1 Wstęp</h2>" in html and "<h3>1.1 Dane</h3>" in html
    assert "(zob. Tabela 1)." in html and "Por. Wykres 1" in html
    assert f'<td class="num">12{NBSP}345,0</td>' in html
    assert html.count('<img src="data:image/png;base64,') == 1
    assert html.count('<table class="strategy-table">') == 1


def test_notebook_numbering_continues_from_the_blocks_before():
    from strategy.documents.blocks import Numbering
    numbering, labels = Numbering(), {}
    render_html(chapter_blocks(tiny, png(), prefix="a"), numbering, labels)
    html = render_html(chapter_blocks(tiny, png(), prefix="b"), numbering, labels)
    assert "Tabela 2. Ludność gmin" in html and "Wykres 2. Wykres ludności" in html
    assert labels["a.2"] == "Tabela 1" and labels["b.2"] == "Tabela 2"


def test_reference_to_a_block_not_written_before_is_refused(tmp_path):
    with pytest.raises(DocumentError, match="odwołanie do „later”"):
        word([Paragraph((Run("zob. "), RefTo("later")))], tmp_path)


def test_section_bookmarks_name_headings_by_number_and_section_id(tmp_path):
    blocks = [Heading("Cele", 1), Heading("Cel 1", 2, section_id="{chapter}_A1"),
              Heading("Inne", 2)]
    d = word(blocks, tmp_path, section_bookmarks=True)
    names = [b.get(docx.oxml.ns.qn("w:name")) for b in d.element.body.iter(
        docx.oxml.ns.qn("w:bookmarkStart"))]
    assert {"sec_1", "sec_1_A1", "sec_1_2"} <= set(names)


def test_blocks_survive_json_with_formats_given_as_functions():
    rec = Recorder()
    df = pd.DataFrame({"Źródło": ["a", "b"], "2026": [1500.0, float("nan")], "n": [1, 2]})
    rec.table(df, "Kwoty", "plan", formats={"2026": lambda v: "brak" if pd.isna(v) else f"{v:.0f} zł"})
    rec.figure(b"\x89PNG fake", "Obraz", "źródło")
    rec.slot("rodzina")
    back = blocks_from_json(blocks_to_json(rec.blocks))
    t, f, s = back
    assert isinstance(t, Table) and isinstance(f, Figure) and s == Slot("rodzina")
    assert list(t.frame.columns) == ["Źródło", "2026", "n"] and t.frame["n"].dtype == "int64"
    fmt = t.format_map()["2026"]
    assert (fmt(1500.0), fmt(float("nan"))) == ("1500 zł", "brak")
    assert f.png == b"\x89PNG fake"
    with pytest.raises(DocumentError, match="nieznany rodzaj bloku"):
        blocks_from_json({"format": "strategy-blocks", "version": 1, "blocks": [{"type": "X"}]})


def test_document_shows_a_chapter_as_computed_and_saves_the_same_blocks(tmp_path):
    from strategy.documents.authoring import Chapter

    calls = []

    def body(rec, ctx):
        calls.append(1)
        tiny(rec, ctx)
        rec.slot("koniec")

    doc = Document(kind="test", outline=[Chapter("dane", "Dane gminy", "", body)], ctx=png(),
                   open_report=lambda: Report(title="Test"), out_path=tmp_path / "t.docx")
    view = doc.chapter("dane")
    html = view._repr_html_()
    assert "<h2>1 Dane gminy</h2>" in html and "Tabela 1. Ludność gmin" in html
    shown = doc.markdown("Dopisek autora (zob. {dane}).", chapter="dane", section="koniec")
    assert "Dopisek autora (zob. 1)." in shown._repr_html_()
    author = doc.table(pd.DataFrame({"x": [1]}), "Tabela autora", "OPS", key="ankieta")
    assert "Tabela 2. Tabela autora" in author._repr_mimebundle_()["text/html"]
    path = doc.save()
    assert calls == [1]     # the chapter was computed once, when its cell ran
    d = docx.Document(str(path))
    texts = [p.text for p in d.paragraphs]
    assert "Dopisek autora (zob. 1)." in texts
    assert [p.text for p in d.paragraphs if p.style.name == "Caption"] == [
        "Tabela 1. Ludność gmin", "Wykres 1. Wykres ludności", "Tabela 2. Tabela autora"]
    saved = document_from_json(json.loads((tmp_path / "t.bloki.json").read_text("utf-8")))
    assert saved["kind"] == "test" and [p["key"] for p in saved["parts"]] == ["", "dane"]
    kinds = [type(b).__name__ for b in saved["parts"][1]["blocks"]]
    assert kinds == ["Heading", "Heading", "Table", "Paragraph", "Figure", "Paragraph",
                     "Paragraph", "Table"]


def test_documents_never_import_the_consultation_room():
    import ast
    from pathlib import Path
    root = Path(__file__).resolve().parents[1] / "src" / "strategy" / "documents"
    found = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and "consultation" in (node.module or ""):
                found.append(f"{path.name}: {node.module}")
            elif isinstance(node, ast.Import):
                found += [f"{path.name}: {a.name}" for a in node.names if "consultation" in a.name]
    assert found == []


def test_a_table_with_dates_is_kept_in_the_blocks_file_as_their_text():
    rec = Recorder()
    rec.table(pd.DataFrame({"Data": pd.to_datetime(["2026-01-15"]), "n": [3]}), "Terminy", "OPS")
    data = blocks_to_json(rec.blocks)
    assert data["blocks"][0]["rows"] == [["2026-01-15 00:00:00", 3]]
    (back,) = blocks_from_json(data)
    assert back.frame.iloc[0].tolist() == ["2026-01-15 00:00:00", 3]
