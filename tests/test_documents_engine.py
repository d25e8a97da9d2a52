"""Word engine: documents are read back with python-docx and docx2python and checked field by field."""
from __future__ import annotations

import re
import struct
import zipfile
import zlib
from datetime import datetime, timezone

import docx
import numpy as np
import pandas as pd
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm
from docx2python import docx2python

from strategy.documents import (Report, build_reference_docx, missing_styles,
                                open_template, read_custom_properties, reference_path)
from strategy.documents import package as package_mod
from strategy.errors import DocumentError

NBSP = "\u00a0"
TITLE = "Strategia rozwiązywania problemów społecznych Powiatu Kaliskiego"
PROPS = {"strategy_teryt": "3007", "strategy_version": "0.3", "strategy_document": "strategia",
         "liczba_gmin": 11, "demo": True}


def tiny_png(w: int = 40, h: int = 20) -> bytes:
    """Return a valid solid-colour RGB PNG built by hand."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\x20\x60\xa0" * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


POP = pd.DataFrame({"Gmina": ["Blizanów", "Brzeziny", "Ceków-Kolonia"],
                    "Ludność": [12345, 6543, 4821],
                    "Udział 65+ (%)": [17.25, 18.5, np.nan]})
# twelve columns of "202 014,0": too wide for a portrait page even at 8 pt
WIDE = pd.DataFrame({str(y): [100000.5 * k + y for k in range(3)] for y in range(2013, 2025)})


def build(path, *, demo=True, draft=True, template=None, date=datetime(2025, 5, 12)):
    rep = Report(template, title=TITLE, subject="Strategia", author="PCPR w Kaliszu",
                 keywords=["strategia", "powiat kaliski"], demo=demo,
                 draft={"version": "0.3", "date": "2025-05-12"} if draft else None,
                 date=date, custom_props=PROPS)
    rep.title_page(subtitle="na lata 2026–2035", lines=["PCPR w Kaliszu"])
    rep.toc()
    rep.list_of_tables()
    rep.list_of_figures()
    rep.page_break()
    intro = rep.heading("Wprowadzenie", bookmark="wprowadzenie")
    rep.paragraph("Tekst wprowadzenia.")
    rep.heading("Podstawy prawne", 2)
    rep.bullets(["ustawa o pomocy społecznej", "ustawa o wspieraniu rodziny"])
    rep.bullets(["diagnoza", "cele"], numbered=True)
    rep.bullets(["działania", "monitoring"], numbered=True)
    rep.heading("Diagnoza")
    t1 = rep.table(POP, "Ludność gmin w 2024 r.", "opracowanie własne na podstawie danych GUS BDL",
                   bookmark="tab_ludnosc")
    w1 = rep.figure(tiny_png(), "Rodziny objęte pomocą", "dane OPS")
    t2 = rep.table(WIDE, "Osoby w rodzinach objętych pomocą w latach 2015–2024", "GUS BDL",
                   landscape=True)
    rep.paragraph("Dane zebrano w tabeli (zob. {t1}) i na wykresie ({w1}); por. {t2} i rozdział {r}.",
                  refs={"t1": t1, "w1": w1, "t2": t2, "r": intro})
    rep.heading("Prognoza zmian")
    rep.paragraph(["Zob. ", {"text": "pogrubienie", "bold": True}, " oraz ", t2, "."])
    rep.save(path)
    return {"t1": t1, "w1": w1, "t2": t2, "intro": intro}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("doc") / "strategia.docx"
    refs = build(path)
    return path, docx.Document(str(path)), refs


def body_elements(doc):
    return [el for el in doc.element.body if el.tag in (qn("w:p"), qn("w:tbl"))]


def instr_texts(el):
    return ["".join(t.text for t in [i]).strip() for i in el.iter(qn("w:instrText"))]


def fields(par_el):
    """Return (instruction, cached result) of every complex field in a paragraph element."""
    out, instr, result, state = [], "", "", None
    for el in par_el.iter(qn("w:fldChar"), qn("w:instrText"), qn("w:t")):
        if el.tag == qn("w:fldChar"):
            kind = el.get(qn("w:fldCharType"))
            if kind == "begin":
                instr, result, state = "", "", "instr"
            elif kind == "separate":
                state = "result"
            elif kind == "end":
                out.append((instr.strip(), result))
                state = None
        elif el.tag == qn("w:instrText") and state == "instr":
            instr += el.text
        elif el.tag == qn("w:t") and state == "result":
            result += el.text
    return out


def bookmark_texts(doc):
    """Return {bookmark name: text between its start and end} for bookmarks in the body."""
    out, open_ = {}, {}    # a bookmark may span paragraphs (the lists of the front matter)
    for p in doc.element.body.iter(qn("w:p")):
        for el in p.iter(qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:t")):
            if el.tag == qn("w:bookmarkStart"):
                open_[el.get(qn("w:id"))] = [el.get(qn("w:name")), ""]
            elif el.tag == qn("w:bookmarkEnd"):
                name, text = open_.pop(el.get(qn("w:id")))
                out[name] = text
            else:
                for v in open_.values():
                    v[1] += el.text
    return out


# --------------------------------------------------------------------------- reference template
def test_reference_template_is_reproducible_and_shipped_copy_is_current(tmp_path):
    a = build_reference_docx(tmp_path / "a.docx")
    b = build_reference_docx(tmp_path / "b.docx")
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() == reference_path().read_bytes(), "regenerate data/reference.docx"


def test_reference_headings_numbered_by_multilevel_list():
    doc = docx.Document(str(reference_path()))
    numbering = doc.part.numbering_part.element
    expected = {"Heading 1": (0, "%1"), "Heading 2": (1, "%1.%2"), "Heading 3": (2, "%1.%2.%3")}
    num_ids = set()
    for name, (ilvl, text) in expected.items():
        style = doc.styles[name]
        numpr = style.element.pPr.numPr
        assert numpr is not None, name
        assert (numpr.ilvl.val if numpr.ilvl is not None else 0) == ilvl
        num_ids.add(numpr.numId.val)
        abstract_id = numbering.num_having_numId(numpr.numId.val).abstractNumId.val
        absn = [a for a in numbering.findall(qn("w:abstractNum"))
                if a.get(qn("w:abstractNumId")) == str(abstract_id)][0]
        assert absn.find(qn("w:multiLevelType")).get(qn("w:val")) == "multilevel"
        lvl = [lv for lv in absn.findall(qn("w:lvl")) if lv.get(qn("w:ilvl")) == str(ilvl)][0]
        assert lvl.find(qn("w:lvlText")).get(qn("w:val")) == text
        assert lvl.find(qn("w:pStyle")).get(qn("w:val")) == style.style_id
        assert style.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(ilvl)
    assert len(num_ids) == 1  # one list for all three levels


def test_reference_has_styles_language_and_a4():
    doc = docx.Document(str(reference_path()))
    assert missing_styles(doc) == []
    styles_xml = doc.styles.element
    default_lang = styles_xml.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert default_lang.get(qn("w:val")) == "pl-PL"
    for name in ("Normal", "Heading 1", "Caption", "Źródło", "Tekst tabeli"):
        lang = doc.styles[name].element.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        assert lang is not None and lang.get(qn("w:val")) == "pl-PL", name
    sec = doc.sections[0]
    assert round(sec.page_width.cm, 1) == 21.0 and round(sec.page_height.cm, 1) == 29.7
    assert sec.left_margin.cm >= 2 and sec.right_margin.cm >= 1.5
    table_style = doc.styles["Tabela strategii"].element
    first_row = [p for p in table_style.findall(qn("w:tblStylePr")) if p.get(qn("w:type")) == "firstRow"]
    assert first_row and first_row[0].find(f"{qn('w:tcPr')}/{qn('w:shd')}") is not None
    for name in ("List Bullet", "List Number"):
        assert doc.styles[name].element.pPr.numPr is not None, name


# --------------------------------------------------------------------------- fields
def test_toc_and_lists_of_tables_and_figures_are_toc_fields_with_page_fields(built):
    _, doc, _ = built
    instrs = instr_texts(doc.element.body)
    # Word's own fields, which "Update table" rebuilds: the headings of levels 1-3 and the
    # captions of the SEQ categories the captions use
    assert [i for i in instrs if i.startswith("TOC")] == [
        'TOC \\o "1-3" \\h \\z \\u', 'TOC \\h \\z \\c "Tabela"', 'TOC \\h \\z \\c "Wykres"']
    assert {i.split()[1] for i in instrs if i.startswith("SEQ")} == {"Tabela", "Wykres"}
    assert any(i.startswith("PAGEREF _Toc") for i in instrs)
    # the cached results list the entries (checked in test_documents_toc.py), no placeholder
    assert not any("F9" in p.text for p in doc.paragraphs)
    upd = doc.settings.element.find(qn("w:updateFields"))
    assert upd is not None and upd.get(qn("w:val")) == "true"


def test_captions_numbered_in_order_with_seq_fields(built):
    _, doc, _ = built
    caps = [p for p in doc.paragraphs if p.style.name == "Caption"]
    assert [p.text for p in caps] == [
        f"Tabela 1. Ludność gmin w 2024{NBSP}r.",   # the year and "r." kept together
        "Wykres 1. Rodziny objęte pomocą",
        "Tabela 2. Osoby w rodzinach objętych pomocą w latach 2015–2024",
    ]
    seqs = [fields(p._p)[0] for p in caps]
    assert seqs == [("SEQ Tabela \\* ARABIC", "1"), ("SEQ Wykres \\* ARABIC", "1"),
                    ("SEQ Tabela \\* ARABIC", "2")]


def test_caption_comes_before_table_and_figure(built):
    _, doc, _ = built
    els = body_elements(doc)
    for i, el in enumerate(els):
        is_fig = el.tag == qn("w:p") and el.find(".//" + qn("w:drawing")) is not None
        if el.tag == qn("w:tbl") or is_fig:
            prev = docx.text.paragraph.Paragraph(els[i - 1], doc._body)
            assert prev.style.name == "Caption"
            assert prev.style.paragraph_format.keep_with_next  # caption stays with its object


def test_ref_fields_point_to_bookmarks_with_matching_cached_text(built):
    _, doc, refs = built
    marks = bookmark_texts(doc)
    assert marks["tab_ludnosc"] == "Tabela 1"
    assert refs["t1"].text == "Tabela 1" and refs["t2"].text == "Tabela 2"
    assert refs["w1"].text == "Wykres 1"
    ref_fields = [f for p in doc.element.body.iter(qn("w:p")) for f in fields(p) if f[0].startswith("REF")]
    assert len(ref_fields) == 5
    for instr, cached in ref_fields:
        name = instr.split()[1]
        assert name in marks, name
        if "\\r" in instr:  # heading number of the bookmarked heading
            assert cached == "1"
        else:
            assert cached == marks[name]
    para = next(p for p in doc.paragraphs if p.text.startswith("Dane zebrano"))
    assert para.text == ("Dane zebrano w tabeli (zob. Tabela 1) i na wykresie (Wykres 1); "
                         "por. Tabela 2 i rozdział 1.")


def test_heading_refs_carry_outline_numbers(tmp_path):
    rep = Report(title="T")
    a = rep.heading("A")
    a1 = rep.heading("A1", 2)
    a2 = rep.heading("A2", 2)
    a21 = rep.heading("A21", 3)
    b = rep.heading("B")
    b1 = rep.heading("B1", 2)
    annex = rep.heading("Załączniki", numbered=False)
    assert [r.number for r in (a, a1, a2, a21, b, b1)] == ["1", "1.1", "1.2", "1.2.1", "2", "2.1"]
    assert annex.text == "Załączniki" and annex.number == ""
    path = rep.save(tmp_path / "h.docx")
    d = docx.Document(str(path))
    unnumbered = [p for p in d.paragraphs if p.text == "Załączniki"][0]
    assert unnumbered._p.pPr.numPr.numId.val == 0


def test_every_table_and_figure_has_source_line_right_after(built):
    _, doc, _ = built
    els = body_elements(doc)
    n = 0
    for i, el in enumerate(els):
        is_fig = el.tag == qn("w:p") and el.find(".//" + qn("w:drawing")) is not None
        if el.tag == qn("w:tbl") or is_fig:
            n += 1
            nxt = docx.text.paragraph.Paragraph(els[i + 1], doc._body)
            assert nxt.style.name == "Źródło"
            assert nxt.text.startswith("Źródło: ")
    assert n == 3
    src = [p.text for p in doc.paragraphs if p.style.name == "Źródło"]
    assert src[0] == "Źródło: opracowanie własne na podstawie danych GUS BDL\nb.d. – brak danych"
    assert src[1] == "Źródło: dane OPS"


# --------------------------------------------------------------------------- header, footer
def header_texts(doc):
    out = []
    for s in doc.sections:
        if not s.header.is_linked_to_previous:
            out += [p.text for p in s.header.paragraphs]
    return out


def test_header_has_title_draft_and_demo_marks(built):
    _, doc, _ = built
    texts = header_texts(doc)
    assert TITLE in texts
    assert "DANE DEMONSTRACYJNE" in texts
    assert f"PROJEKT – wersja 0.3 z 12{NBSP}maja{NBSP}2025{NBSP}r." in texts
    # later sections inherit the header, so every page shows it
    assert all(s.header.is_linked_to_previous for s in doc.sections[1:])


def test_header_without_draft_and_demo(tmp_path):
    path = tmp_path / "final.docx"
    build(path, demo=False, draft=False)
    texts = header_texts(docx.Document(str(path)))
    assert texts == [TITLE]
    with docx2python(path) as d:
        assert "DANE DEMONSTRACYJNE" not in d.text and "PROJEKT" not in d.text


def test_footer_page_x_of_y(built):
    _, doc, _ = built
    footer = doc.sections[0].footer
    assert not footer.is_linked_to_previous
    flds = [f for p in footer.paragraphs for f in fields(p._p)]
    assert [f[0] for f in flds] == ["PAGE", "NUMPAGES"]
    assert footer.paragraphs[0].text == "Strona 1 z 1"


# --------------------------------------------------------------------------- tables
def test_table_numbers_formatted_polish_and_aligned(built):
    _, doc, _ = built
    t = doc.tables[0]
    rows = [[c.text for c in r.cells] for r in t.rows]
    assert rows[0] == ["Gmina", "Ludność", "Udział 65+ (%)"]
    # hand-formatted: decimal comma, no-break space thousands from five digits on (as in the
    # text), column decimals 2, NaN -> b.d.
    assert rows[1] == ["Blizanów", f"12{NBSP}345", "17,25"]
    assert rows[2] == ["Brzeziny", "6543", "18,50"]
    assert rows[3] == ["Ceków-Kolonia", "4821", "b.d."]
    def aligned(p):   # the paragraph's own alignment, else its style's
        return p.alignment if p.alignment is not None else p.style.paragraph_format.alignment

    for r in t.rows[1:]:
        assert aligned(r.cells[0].paragraphs[0]) in (None, 0)  # left
        assert aligned(r.cells[1].paragraphs[0]) == 2  # right
        assert aligned(r.cells[2].paragraphs[0]) == 2
    assert [aligned(c.paragraphs[0]) for c in t.rows[0].cells] == [0, 2, 2]   # header too
    assert t.style.name == "Tabela strategii"


def test_table_header_repeats_and_rows_do_not_split(built):
    _, doc, _ = built
    for t in doc.tables:
        trs = t._tbl.tr_lst
        assert trs[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(tr.trPr.find(qn("w:tblHeader")) is None for tr in trs[1:])
        assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in trs)


def test_table_formats_and_index(tmp_path):
    df = pd.DataFrame({"wartość": [1234.5, 2.0]}, index=pd.Index(["a", "b"], name="jednostka"))
    rep = Report(title="T")
    rep.table(df, "Z indeksem", "źródło: test", formats={"wartość": lambda v: f"{v:.0f} zł"})
    rep.table(pd.DataFrame({"x": [1.25, 3.0]}), "Miejsca", "test", formats={"x": 0})
    with pytest.raises(DocumentError, match="nie ma w tabeli"):
        rep.table(pd.DataFrame({"x": [1]}), "Zła", "test", formats={"y": 1})
    d = docx.Document(str(rep.save(tmp_path / "t.docx")))
    assert [[c.text for c in r.cells] for r in d.tables[0].rows] == [
        ["jednostka", "wartość"], ["a", f"1234{NBSP}zł"], ["b", f"2{NBSP}zł"]]   # unit kept on
    assert [r.cells[0].text for r in d.tables[1].rows] == ["x", "1", "3"]
    src = [p.text for p in d.paragraphs if p.style.name == "Źródło"]
    assert src[0] == "źródło: test"  # not doubled


def test_landscape_section_swaps_dimensions(built):
    _, doc, _ = built
    secs = doc.sections
    assert len(secs) == 3
    portrait, land, back = secs
    assert portrait.page_height > portrait.page_width
    assert land.orientation == 1  # WD_ORIENT.LANDSCAPE
    assert land.page_width == portrait.page_height and land.page_height == portrait.page_width
    assert back.orientation == 0 and back.page_width == portrait.page_width
    # the wide table sits in the landscape section and is as wide as its text area
    tbl = doc.tables[1]
    total = sum(int(c.width) for c in tbl.rows[0].cells)
    land_text = land.page_width - land.left_margin - land.right_margin
    assert abs(total - land_text) < int(Cm(0.1))


# --------------------------------------------------------------------------- properties
def test_core_and_custom_properties(built):
    path, doc, _ = built
    cp = doc.core_properties
    assert cp.title == TITLE and cp.author == "PCPR w Kaliszu" and cp.subject == "Strategia"
    assert cp.keywords == "strategia, powiat kaliski"
    assert cp.language == "pl-PL"
    utc = timezone.utc
    assert cp.created == datetime(2025, 5, 12, tzinfo=utc) == cp.modified
    assert read_custom_properties(path) == PROPS
    with docx2python(path) as d:
        assert d.core_properties["language"] == "pl-PL"


def test_document_language_is_polish(built):
    path, _, _ = built
    with zipfile.ZipFile(path) as z:
        styles = z.read("word/styles.xml").decode()
    assert re.search(r'<w:docDefaults>.*w:lang w:val="pl-PL"', styles, re.S)


# --------------------------------------------------------------------------- determinism, saving
def test_two_builds_are_byte_identical(tmp_path):
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    build(a)
    build(b)
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_default_date_is_fixed_and_today_on_request(tmp_path):
    p1 = Report(title="T").save(tmp_path / "1.docx")
    assert docx.Document(str(p1)).core_properties.created == datetime(2025, 1, 1, tzinfo=timezone.utc)
    p2 = Report(title="T", date="today").save(tmp_path / "2.docx")
    t = datetime.now()
    assert docx.Document(str(p2)).core_properties.created == datetime(t.year, t.month, t.day, tzinfo=timezone.utc)


def test_atomic_save_keeps_old_file_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "doc.docx"
    build(path)
    before = path.read_bytes()
    real = package_mod._write_zip

    def failing(fileobj, entries):
        real(fileobj, entries[:3])  # part of the package is on disk...
        raise OSError("dysk pełny")  # ...then the write fails

    monkeypatch.setattr(package_mod, "_write_zip", failing)
    rep = Report(title="Inny")
    rep.paragraph("nowa treść")
    with pytest.raises(OSError):
        rep.save(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.docx"]


# --------------------------------------------------------------------------- independent reader
def test_docx2python_reads_captions_tables_and_refs(built):
    path, _, _ = built
    with docx2python(path) as d:
        text = d.text
        header = " ".join(x for sec in d.header for tbl in sec for row in tbl for x in row)
    assert f"Tabela 1. Ludność gmin w 2024{NBSP}r." in text
    assert "Wykres 1. Rodziny objęte pomocą" in text
    assert f"12{NBSP}345" in text and "17,25" in text
    assert "(zob. Tabela 1)" in text
    assert "DANE DEMONSTRACYJNE" in header and TITLE in header


# --------------------------------------------------------------------------- lists, templates, errors
def test_numbered_lists_restart(built):
    _, doc, _ = built
    numbered = [p for p in doc.paragraphs if p.style.name == "List Number"]
    ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert ids[0] == ids[1] and ids[2] == ids[3] and ids[0] != ids[2]
    numbering = doc.part.numbering_part.element
    for num_id in (ids[0], ids[2]):
        num = numbering.num_having_numId(num_id)
        start = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        assert start is not None and start.get(qn("w:val")) == "1"
    bullets = [p for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert [p.text for p in bullets] == ["ustawa o pomocy społecznej", "ustawa o wspieraniu rodziny"]


def test_user_template_keeps_look_and_gets_missing_styles(tmp_path):
    user = docx.Document()  # python-docx's blank template: no "Źródło", no table style of ours
    user.add_paragraph("stara treść, która ma zniknąć")
    sec = user.sections[0]
    sec.left_margin = Cm(3.0)
    sec.header.is_linked_to_previous = False
    sec.header.paragraphs[0].text = "Starostwo Powiatowe w Kaliszu"
    tpl = tmp_path / "moj_szablon.docx"
    user.save(str(tpl))
    assert "Źródło" in missing_styles(docx.Document(str(tpl)))

    opened = open_template(tpl)
    assert missing_styles(opened) == []
    assert opened.paragraphs == [] or all(not p.text for p in opened.paragraphs)

    out = tmp_path / "z_szablonu.docx"
    build(out, template=tpl)
    d = docx.Document(str(out))
    assert "stara treść, która ma zniknąć" not in [p.text for p in d.paragraphs]
    assert round(d.sections[0].left_margin.cm, 1) == 3.0
    htexts = header_texts(d)
    assert htexts[0] == "Starostwo Powiatowe w Kaliszu" and TITLE in htexts
    assert "DANE DEMONSTRACYJNE" in htexts
    src = [p for p in d.paragraphs if p.text.startswith("Źródło: ")]
    assert src and all(p.style.name == "Źródło" for p in src)
    # the copied list style brings its numbering along
    lb = d.styles["List Number"].element.pPr.numPr
    assert lb is not None
    # the TOC fields' headings and entries are in styles the document defines (Word's and
    # LibreOffice's updates use them too)
    assert {"TOC Heading", "toc 1", "toc 2", "table of figures"} <= {p.style.name for p in d.paragraphs}
    assert set(d.element.body.xpath(".//w:pStyle/@w:val")) <= {s.style_id for s in d.styles}


def test_errors_are_polish_document_errors(tmp_path):
    rep = Report(title="T")
    with pytest.raises(DocumentError, match="zakładki"):
        rep.heading("X", bookmark="zła nazwa")
    with pytest.raises(DocumentError, match="obrazu"):
        rep.figure(b"to nie jest obraz", "Wykres", "test")
    with pytest.raises(DocumentError, match="źródło"):
        rep.table(POP, "Bez źródła", "")
    with pytest.raises(DocumentError, match="bez celu"):
        rep.paragraph("zob. {brak}", refs={"inny": rep.heading("Y")})
    with pytest.raises(DocumentError, match="poziom"):
        rep.heading("Z", level=4)
    with pytest.raises(DocumentError, match="szablonu"):
        Report(tmp_path / "nie_ma.docx", title="T")
    with pytest.raises(DocumentError, match="tytuł"):
        Report(title=" ")


# --------------------------------------------------------------------------- XML written directly
def test_table_with_control_characters_fails_as_in_python_docx():
    with pytest.raises(ValueError):
        Report(title="T").table(pd.DataFrame({"x": ["a\x01b"]}), "Tabela", "test")


def test_figure_shape_ids_are_python_docx_next_ids(tmp_path):
    # python-docx gives a new picture the largest numeric id attribute of the document plus one
    rep = Report(title="T")
    rep.figure(tiny_png(), "Pierwszy", "test")
    first = rep.doc.element.xpath("//wp:docPr/@id")
    rep.paragraph("tekst")
    rep.table(POP, "Tabela", "test")
    rep.figure(tiny_png(30, 30), "Drugi", "test")
    rep.figure(tiny_png(), "Trzeci", "test")   # the same picture again: one image part
    d = docx.Document(str(rep.save(tmp_path / "f.docx")))
    ids = [int(x) for x in d.element.xpath("//wp:docPr/@id")]
    assert [int(first[0])] == ids[:1]
    assert ids == [ids[0], ids[0] + 1, ids[0] + 2]
    others = [int(x) for x in d.element.xpath("//@id") if x.isdigit() and int(x) not in ids]
    assert ids[0] == max(others, default=0) + 1
    assert [s.height > 0 and s.width > 0 for s in d.inline_shapes] == [True] * 3
    assert len({r.target_part.partname for r in d.part.rels.values()
                if r.reltype.endswith("/image")}) == 2


def test_cell_texts_follow_the_definitions_for_every_kind_of_column():
    from strategy.documents.tables import auto_decimals, cell_texts, is_na, is_number
    from strategy.text import fmt_number, round_half_up

    df = pd.DataFrame({
        "tekst": ["a", None, "c", "d"],
        "liczby": [1.25, np.nan, np.inf, -0.0],
        "całkowite": [1, 22, 333, 4444],
        "Int64": pd.array([1, None, 3, 12345], dtype="Int64"),
        "mieszane": pd.Series([1.5, "x", None, 2], dtype=object),
        "logiczne": [True, False, True, False],
        "kategorie": pd.Categorical(["x", "y", None, "x"]),
        "daty": pd.to_datetime(["2020-01-01", None, "2021-02-03", "2022-03-04"]),
        "ułamki": [0.1, 2.675, 3.0, 1e-9],
    })

    def decimals(v):   # the fewest places printing v as it is at two places
        return next(k for k in (0, 1, 2) if round_half_up(v, k) == round_half_up(v, 2))

    want = []
    for row in df.itertuples(index=False, name=None):
        out = []
        for j, v in enumerate(row):
            col = df.iloc[:, j]
            dec = max([decimals(x) for x in col if is_number(x)], default=0)
            out.append("b.d." if is_na(v) else fmt_number(v, dec) if is_number(v)
                       else str(v))
        want.append(out)
    texts, nums, has_missing = cell_texts(df)
    assert texts == want
    assert has_missing
    assert [auto_decimals(df[c]) for c in ("liczby", "całkowite", "ułamki")] == [2, 0, 2]
    assert texts[1][8] == "2,68" and texts[0][1] == "1,25" and texts[2][1] == "inf"
    assert [r[3] for r in nums] == [True, True, True, True]   # NA in a numeric column
    assert [r[4] for r in nums] == [True, False, False, True]


def test_figure_reuses_an_equal_picture_added_outside_the_report(tmp_path):
    import io

    rep = Report(title="T")
    rep.figure(tiny_png(), "Pierwszy", "test")
    rep.doc.add_picture(io.BytesIO(tiny_png(30, 30)))   # python-docx's own image part
    rep.figure(tiny_png(30, 30), "Drugi", "test")
    rep.figure(tiny_png(), "Trzeci", "test")
    rep.figure(tiny_png(20, 20), "Czwarty", "test")
    d = docx.Document(str(rep.save(tmp_path / "f.docx")))
    parts = [r.target_part for r in d.part.rels.values() if r.reltype.endswith("/image")]
    assert len(parts) == 3
    assert sorted(str(p.partname) for p in parts) == [f"/word/media/image{i}.png" for i in (1, 2, 3)]
    assert len(d.inline_shapes) == 5




def test_figure_takes_png_bytes_a_path_or_a_stream(tmp_path):
    import io

    png = tmp_path / "wykres.png"
    png.write_bytes(tiny_png(30, 10))
    rep = Report(title="T")
    rep.figure(tiny_png(), "Z bajtów", "test", width_cm=8)
    rep.figure(png, "Z pliku", "test", width_cm=8)
    rep.figure(io.BytesIO(tiny_png(20, 20)), "Ze strumienia", "test", width_cm=8)
    for bad in (b"", 12, "brak.png"):
        with pytest.raises(DocumentError):
            rep.figure(bad, "Zły", "test")
    d = docx.Document(str(rep.save(tmp_path / "f.docx")))
    shapes = d.inline_shapes
    assert len(shapes) == 3
    # 8 cm wide each, the height in the picture's own proportions (40x20, 30x10, 20x20 px)
    assert [round(s.width.cm, 2) for s in shapes] == [8.0] * 3
    assert [round(s.height.cm, 2) for s in shapes] == [4.0, round(8 / 3, 2), 8.0]
    descr = d.element.xpath("//wp:docPr/@descr")
    assert descr == ["Wykres 1. Z bajtów", "Wykres 2. Z pliku", "Wykres 3. Ze strumienia"]


def test_custom_properties_set_twice_are_merged_into_one_part(tmp_path):
    from strategy.documents.properties import set_custom

    rep = Report(title="T", custom_props={"strategy_teryt": "3007012", "strategy_version": "1.0"})
    set_custom(rep.doc, {"strategy_version": "2.0", "strategy_demo": True})
    path = rep.save(tmp_path / "p.docx")
    assert read_custom_properties(path) == {"strategy_teryt": "3007012",
                                            "strategy_version": "1.0", "strategy_demo": True}
    with zipfile.ZipFile(path) as z:
        assert [n for n in z.namelist() if "custom" in n] == ["docProps/custom.xml"]
        assert z.namelist()[0] == "[Content_Types].xml"
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_unit_name_longer_than_a_core_property_holds_does_not_stop_the_document(tmp_path):
    # A gmina name of 300 characters (accepted by strategy jednostki, with a warning) goes into
    # the title and keywords; the OPC core properties hold 255 characters each.
    name = "Gmina " + "Bardzo-Długa-Nazwa " * 16
    assert len(name) > 300
    rep = Report(title=f"Diagnoza sytuacji społecznej gminy {name}", subject="Diagnoza",
                 author=f"Gmina {name}", keywords=["diagnoza", name, "3007012"])
    rep.heading("Wprowadzenie", 1)
    rep.paragraph("Tekst.")
    out = rep.save(tmp_path / "dlugi.docx")
    cp = docx.Document(str(out)).core_properties
    for value in (cp.title, cp.author, cp.keywords):
        assert len(value) == 255 and value.endswith("…")
    assert cp.title.startswith("Diagnoza sytuacji społecznej gminy Gmina Bardzo-Długa-Nazwa")
    assert cp.subject == "Diagnoza"


def test_a_saved_document_follows_the_umask(tmp_path):
    import os
    rep = Report(title="Próba")
    rep.paragraph("Tekst.")
    old = os.umask(0o027)
    try:
        out = rep.save(tmp_path / "proba.docx")
    finally:
        os.umask(old)
    assert (out.stat().st_mode & 0o777) == 0o640      # 0666 less the umask 027
    old = os.umask(0o022)
    try:
        out = rep.save(tmp_path / "proba2.docx")
    finally:
        os.umask(old)
    assert (out.stat().st_mode & 0o777) == 0o644
