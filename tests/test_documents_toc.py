"""Tables of contents and lists of tables/figures: TOC fields, their entries, bookmarks, pages.

The documents are read back with python-docx and checked against what Word would write; the
paginated ones (page numbers from LibreOffice's layout) and the PDFs LibreOffice makes are
compared with the text of each page found by pdftotext. LibreOffice, given a document with a
heading and a caption added after it was saved, rebuilds the lists with them (its "Update
index"), which shows that it takes the fields for indexes.
"""
from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib

import docx
import pandas as pd
import pytest
from docx.oxml.ns import qn

from strategy.documents import Report, docx_to_pdf
from strategy.documents import toc as toc_mod
from strategy.documents.pdf import pdf_page_count, run_basic_macro
from strategy.errors import DocumentError

TOC_STYLES = {"toc 1": 1, "toc 2": 2, "toc 3": 3}


def tiny_png(w: int = 40, h: int = 20) -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\x80\x40\x20" * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


SMALL = pd.DataFrame({"Gmina": ["Blizanów", "Brzeziny"], "Ludność": [12345, 6543]})

# The headings of the sample below, with the numbers Word's multilevel list gives them.
EXPECTED_TOC = [
    (1, "1", "Wprowadzenie"),
    (2, "1.1", "Podstawy prawne"),
    (2, "1.2", "Metoda"),
    (3, "1.2.1", "Źródła danych"),
    (1, "2", "Diagnoza"),
    (2, "2.1", "Demografia"),
    (1, "", "Załączniki"),
]
EXPECTED_TABLES = ["Tabela 1. Ludność gmin w 2024\u00a0r.",   # the year and "r." kept together
                   "Tabela 2. Korzystający z pomocy społecznej"]
EXPECTED_FIGURES = ["Wykres 1. Rodziny objęte pomocą"]


def build(long: bool = False) -> Report:
    rep = Report(title="Diagnoza problemów społecznych – spis treści", author="PCPR", demo=True)
    rep.title_page(subtitle="dokument testowy")                   # page 1
    rep.toc()                                                     # page 2
    rep.list_of_tables()
    rep.list_of_figures()
    rep.page_break()
    filler = "Tekst akapitu z polskimi znakami: zażółć gęślą jaźń. " * (60 if long else 2)
    rep.heading("Wprowadzenie")                                   # page 3
    rep.paragraph(filler)
    rep.heading("Podstawy prawne", 2)
    rep.paragraph(filler)
    rep.heading("Metoda", 2)
    rep.heading("Źródła danych", 3)
    rep.table(SMALL, "Ludność gmin w 2024 r.", "GUS BDL")
    rep.page_break()
    rep.heading("Diagnoza")                                       # page 4
    rep.paragraph(filler)
    rep.figure(tiny_png(), "Rodziny objęte pomocą", "dane OPS")
    rep.heading("Demografia", 2)
    rep.table(SMALL, "Korzystający z pomocy społecznej", "dane OPS")
    rep.page_break()
    rep.heading("Załączniki", numbered=False)                     # page 5
    rep.paragraph(filler)
    return rep


# ----------------------------------------------------------------------------- reading back
TOC_INSTR = 'TOC \\o "1-3" \\h \\z \\u'
TABLES_INSTR = 'TOC \\h \\z \\c "Tabela"'
FIGURES_INSTR = 'TOC \\h \\z \\c "Wykres"'


def toc_fields(doc):
    """Return {instruction: [paragraphs]} of the TOC fields of the body: the paragraphs from the
    one holding the field's begin to the one holding its end (nested fields counted); two
    fields with the same instruction are joined."""
    out, current, depth = {}, None, 0
    for p in doc.element.body.iter(qn("w:p")):
        if current is None:
            instr = next(((i.text or "").strip() for i in p.iter(qn("w:instrText"))
                          if (i.text or "").strip().startswith("TOC ")), None)
            if instr is None:
                continue
            current, depth = instr, 0
            out.setdefault(current, [])
        out[current].append(docx.text.paragraph.Paragraph(p, doc._body))
        for fc in p.iter(qn("w:fldChar")):
            depth += {"begin": 1, "end": -1}.get(fc.get(qn("w:fldCharType")), 0)
        if depth == 0:
            current = None
    return out


def pagerefs(p_el):
    """Return [(target bookmark, cached page)] of the PAGEREF fields in a paragraph element."""
    out, instr, result, state = [], "", "", None
    for el in p_el.iter(qn("w:fldChar"), qn("w:instrText"), qn("w:t")):
        if el.tag == qn("w:fldChar"):
            kind = el.get(qn("w:fldCharType"))
            if kind == "begin":
                instr, result, state = "", "", "instr"
            elif kind == "separate":
                state = "result"
            elif kind == "end" and state is not None:
                if instr.strip().startswith("PAGEREF"):
                    out.append((instr.split()[1], result))
                state = None
        elif el.tag == qn("w:instrText") and state == "instr":
            instr += el.text
        elif el.tag == qn("w:t") and state == "result":
            result += el.text
    return out


def entry_rows(paragraphs):
    """Return (style, number, text, bookmark, page) for each entry paragraph."""
    rows = []
    for p in paragraphs:
        links = p._p.findall(qn("w:hyperlink"))
        if not links:
            continue
        link = links[0]
        texts, before_field = [], True
        for el in link.iter(qn("w:t"), qn("w:fldChar")):
            if el.tag == qn("w:fldChar"):
                before_field = False
            elif before_field:
                texts.append(el.text)
        (target, page), = pagerefs(p._p)
        assert link.get(qn("w:anchor")) == target  # the hyperlink and PAGEREF share the bookmark
        number, text = (texts if len(texts) == 2 else ["", texts[0]])
        rows.append((p.style.name, number, text, target, page))
    return rows


def bookmarked_paragraphs(doc):
    """Return {bookmark name: paragraph} of the body."""
    out = {}
    for p in doc.paragraphs:
        for bm in p._p.iter(qn("w:bookmarkStart")):
            out[bm.get(qn("w:name"))] = p
    return out


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    path = tmp_path_factory.mktemp("toc") / "spis.docx"
    build().save(path)
    return path, docx.Document(str(path))


# ----------------------------------------------------------------------------- cached entries
def test_toc_lists_every_heading_of_levels_1_to_3_in_order(saved):
    _, doc = saved
    fields = toc_fields(doc)
    rows = entry_rows(fields[TOC_INSTR])
    got = [(TOC_STYLES[style], number, text) for style, number, text, _, _ in rows]
    assert got == EXPECTED_TOC


def test_entry_paragraph_has_dot_leader_right_tab_and_number_tab(saved):
    _, doc = saved
    rows = toc_fields(doc)[TOC_INSTR]
    text_width = round((doc.sections[0].page_width - doc.sections[0].left_margin
                        - doc.sections[0].right_margin) / 635)
    assert len(rows) == len(EXPECTED_TOC)   # one paragraph per entry, nothing else
    # the TOC field's own runs stand outside the entries' hyperlinks: its begin, instruction
    # and separator open the first entry, its end closes the last one
    own = [[c.get(qn("w:fldCharType")) if c.tag == qn("w:fldChar") else c.text.strip()
            for r in p._p.iterchildren(qn("w:r"))
            for c in r.iterchildren(qn("w:fldChar"), qn("w:instrText"))] for p in rows]
    assert own[0] == ["begin", TOC_INSTR, "separate"] and own[-1] == ["end"]
    assert all(k == [] for k in own[1:-1])
    for p in rows:
        assert p._p.findall(qn("w:hyperlink"))
        tabs = p._p.findall(f"{qn('w:pPr')}/{qn('w:tabs')}/{qn('w:tab')}")
        right = [t for t in tabs if t.get(qn("w:val")) == "right"]
        assert len(right) == 1 and right[0].get(qn("w:leader")) == "dot"
        assert int(right[0].get(qn("w:pos"))) == text_width
        # number, tab, text, tab, page: "1.2.1\tŹródła danych\t"
        assert p.text.count("\t") == (2 if re.match(r"^\d", p.text) else 1)


def test_lists_of_tables_and_figures_list_every_caption(saved):
    _, doc = saved
    fields = toc_fields(doc)
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    tables = entry_rows(fields[TABLES_INSTR])
    figures = entry_rows(fields[FIGURES_INSTR])
    assert [r[2] for r in tables] == EXPECTED_TABLES == [c for c in captions if c.startswith("Tabela")]
    assert [r[2] for r in figures] == EXPECTED_FIGURES
    assert {r[0] for r in tables + figures} == {"table of figures"}


def test_pagerefs_point_to_bookmarks_of_their_headings_and_captions(saved):
    _, doc = saved
    marks = bookmarked_paragraphs(doc)
    rows = [r for paras in toc_fields(doc).values() for r in entry_rows(paras)]
    assert len(rows) == len(EXPECTED_TOC) + len(EXPECTED_TABLES) + len(EXPECTED_FIGURES)
    names = [r[3] for r in rows]
    assert len(set(names)) == len(names)
    for style, number, text, target, page in rows:
        assert re.fullmatch(r"_Toc\d{9}", target)  # hidden bookmark, as Word names them
        assert target in marks, target
        p = marks[target]
        if style == "table of figures":
            assert p.style.name == "Caption" and p.text == text
        else:
            assert p.style.name == f"Heading {TOC_STYLES[style]}" and p.text == text
        assert page == ""  # without pagination Word fills the page numbers on open
    # bookmark ids stay unique next to the engine's own bookmarks
    ids = [b.get(qn("w:id")) for b in doc.element.body.iter(qn("w:bookmarkStart"))]
    assert len(ids) == len(set(ids))


def test_no_placeholder_and_word_still_refreshes_fields(saved):
    _, doc = saved
    assert not any("F9" in p.text for p in doc.paragraphs)
    upd = doc.settings.element.find(qn("w:updateFields"))
    assert upd is not None and upd.get(qn("w:val")) == "true"


def test_saving_twice_gives_the_same_bytes_and_no_duplicate_entries(tmp_path):
    rep = build()
    a = rep.save(tmp_path / "a.docx").read_bytes()
    b = rep.save(tmp_path / "b.docx").read_bytes()
    c = build().save(tmp_path / "c.docx").read_bytes()
    assert a == b == c
    doc = docx.Document(str(tmp_path / "b.docx"))
    assert len(entry_rows(toc_fields(doc)[TOC_INSTR])) == len(EXPECTED_TOC)


def test_an_empty_list_is_left_out_with_its_heading(tmp_path):
    rep = Report(title="Pusty")
    rep.toc()
    rep.list_of_tables()
    rep.paragraph("Bez nagłówków i tabel.")
    doc = docx.Document(str(rep.save(tmp_path / "pusty.docx")))
    assert toc_fields(doc) == {}
    assert [p.text for p in doc.paragraphs] == ["Bez nagłówków i tabel."]


def _entries_by_elements(doc, instr, entries, pages):
    """A TOC field's result built one python-docx element at a time: one "toc N" / "table of
    figures" paragraph per entry with a hyperlink holding the number, a tab, the text, a tab and
    a PAGEREF field, the last two "web hidden"; the field's begin, instruction and separator
    open the first paragraph and its end closes the last."""
    from docx.oxml import OxmlElement

    def el(tag, **attrs):
        e = OxmlElement(tag)
        for k, v in attrs.items():
            e.set(qn(k.replace("_", ":", 1)), v)
        return e

    def run(*children, hidden=False):
        r, rpr = el("w:r"), el("w:rPr")
        rpr.append(el("w:noProof"))
        if hidden:
            rpr.append(el("w:webHidden"))
        r.append(rpr)
        for c in children:
            r.append(c)
        return r

    def text(t):
        e = el("w:t", xml_space="preserve")
        e.text = t
        return e

    def instr_text(t):
        e = el("w:instrText", xml_space="preserve")
        e.text = f" {t} "
        return e

    def fld(kind, **attrs):
        return el("w:fldChar", w_fldCharType=kind, **attrs)

    def para(style_name, tabs):
        p, ppr = el("w:p"), el("w:pPr")
        if style_name:
            ppr.append(el("w:pStyle", w_val=doc.styles[style_name].style_id))
        if tabs:
            t = el("w:tabs")
            for val, leader, pos in tabs:
                t.append(el("w:tab", w_val=val, **({"w_leader": leader} if leader else {}),
                            w_pos=str(pos)))
            ppr.append(t)
        rpr = el("w:rPr")
        rpr.append(el("w:noProof"))
        ppr.append(rpr)
        p.append(ppr)
        return p

    start = [run(fld("begin", w_dirty="true")), run(instr_text(instr)), run(fld("separate"))]
    s = doc.sections[0]
    right = ("right", "dot", int((s.page_width - s.left_margin - s.right_margin) / 635))
    if not entries:
        p = para(None, [])
        for r in start + [run(text("Nie znaleziono pozycji spisu treści.")), run(fld("end"))]:
            p.append(r)
        return [p]
    out = []
    for e in entries:
        style = "table of figures" if e.level == 0 else f"toc {e.level}"
        ind = doc.styles[style].element.find(f"{qn('w:pPr')}/{qn('w:ind')}")
        number_tab = [("left", "", ind.get(qn("w:left")))] if e.number and ind is not None else []
        p = para(style, number_tab + [right])
        link = el("w:hyperlink", w_anchor=e.bookmark, w_history="1")
        if e.number:
            link.append(run(text(e.number)))
            link.append(run(el("w:tab")))
        link.append(run(text(e.text)))
        link.append(run(el("w:tab"), hidden=True))
        link.append(run(fld("begin"), hidden=True))
        link.append(run(instr_text(f"PAGEREF {e.bookmark} \\h"), hidden=True))
        link.append(run(fld("separate"), hidden=True))
        if pages.get(e.bookmark):
            link.append(run(text(pages[e.bookmark]), hidden=True))
        link.append(run(fld("end"), hidden=True))
        p.append(link)
        out.append(p)
    for k, r in enumerate(start):
        out[0].insert(1 + k, r)
    out[-1].append(run(fld("end")))
    return out


def test_cached_entries_are_the_xml_built_element_by_element():
    from lxml import etree

    def c14n(el):   # the element as XML, namespace declarations only where used
        return etree.tostring(el, method="c14n", exclusive=True)

    rep = build()
    rep.heading("Znaki & <specjalne> \"cudzysłów\"\tz tabulatorem", 2)
    rep.toc("Drugi spis")   # a second TOC field, after the headings
    doc = rep.doc
    entries = toc_mod.fill_tocs(doc)
    pages = {e.bookmark: str(k + 3) for k, e in enumerate(entries) if k % 2 == 0}
    entries = toc_mod.fill_tocs(doc, pages)   # again, with page numbers: replaces the entries
    headings = [e for e in entries if e.level]
    by_label = {"Tabela": [e for e in entries if e.text.startswith("Tabela")],
                "Wykres": [e for e in entries if e.text.startswith("Wykres")]}
    instrs = [i.text.strip() for i in doc.element.body.iter(qn("w:instrText"))
              if i.text.strip().startswith("TOC ")]
    assert instrs == [TOC_INSTR, TABLES_INSTR, FIGURES_INSTR, TOC_INSTR]
    fields = toc_fields(doc)
    assert len(fields) == 3   # the two lists of headings are joined
    got = {k: [p._p for p in paras] for k, paras in fields.items()}
    for instr in instrs:
        label = re.search(r'\\c "(\w+)"', instr)
        want = _entries_by_elements(doc, instr, by_label[label.group(1)] if label else headings,
                                    pages)
        assert [c14n(p) for p in got[instr][:len(want)]] == [c14n(p) for p in want], instr
        got[instr] = got[instr][len(want):]
    assert all(not rest for rest in got.values())
    # a TOC field of a user's template gets Word's cached result
    from strategy.documents import ooxml
    templ = Report(title="Szablon z polem spisu")
    templ.heading("Wprowadzenie")
    p = templ.doc.add_paragraph()
    ooxml.add_field(p, 'TOC \\o "1-3" \\h \\z \\u', "stary spis", dirty=True)
    (entry,) = toc_mod.fill_tocs(templ.doc)
    paras = list(templ.doc.element.body.iterchildren(qn("w:p")))[-1:]
    assert [c14n(p) for p in paras] == \
        [c14n(p) for p in _entries_by_elements(templ.doc, 'TOC \\o "1-3" \\h \\z \\u', [entry], {})]


def test_paginate_docx_reports_missing_file(tmp_path):
    with pytest.raises(DocumentError, match="nie znaleziono dokumentu"):
        toc_mod.paginate_docx(tmp_path / "brak.docx")


# ----------------------------------------------------------------------------- pagination (slow)
def _need_tools():
    missing = [t for t in ("soffice", "pdftotext") if not shutil.which(t)]
    if missing:
        pytest.fail(f"brak programów {', '.join(missing)}: test stron wymaga LibreOffice i "
                    "poppler-utils")


def _heading_pages(page_texts, labels, first_page):
    """Independent search: for each "number text" label, the first page from ``first_page`` on
    (1-based) where a line starts with it."""
    out = []
    for label in labels:
        pat = re.compile(r"(?m)^\s*" + r"\s+".join(map(re.escape, label.split())))
        out.append(next((k + 1 for k in range(first_page - 1, len(page_texts))
                         if pat.search(page_texts[k])), None))
    return out


def pdf_pages_text(pdf) -> list[str]:
    """The text of each page of ``pdf`` (pdftotext ends every page with a form feed)."""
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return out[:-1].split("\f") if out.endswith("\f") else out.split("\f")


@pytest.fixture(scope="module")
def paginated(tmp_path_factory):
    _need_tools()
    tmp = tmp_path_factory.mktemp("paginated")
    path = build(long=True).save(tmp / "spis.docx")
    pdf = tmp / "pdf" / "spis.pdf"
    pages = toc_mod.paginate_docx(path, pdf_to=pdf)    # one LibreOffice run: pages and PDF
    return path, docx.Document(str(path)), pdf, pages


@pytest.mark.slow
def test_paginated_toc_shows_the_pages_where_headings_are(paginated):
    _, doc, pdf, pages = paginated
    texts = pdf_pages_text(pdf)
    assert len(texts) == pdf_page_count(pdf) >= 5
    toc_rows = entry_rows(toc_fields(doc)[TOC_INSTR])
    labels = [f"{n} {t}" if n else t for _, n, t, _, _ in toc_rows]
    expected = _heading_pages(texts, labels, first_page=3)
    assert None not in expected
    assert [int(r[4]) for r in toc_rows] == expected
    assert expected == sorted(expected) and expected[0] == 3 and expected[-1] > expected[0]
    tab_rows = entry_rows(toc_fields(doc)[TABLES_INSTR])
    assert [int(r[4]) for r in tab_rows] == _heading_pages(texts, EXPECTED_TABLES, first_page=3)
    assert {r[3]: int(r[4]) for r in toc_rows + tab_rows}.items() <= pages.items()


def _check_pdf_toc(page2, rows):
    for _, number, text, _, page in rows:
        line = next((ln for ln in page2.splitlines() if text in ln and ".." in ln), None)
        assert line is not None, text
        assert line.strip().startswith(number) and re.search(rf"\.\.\s*{page}\s*$", line), line
    for caption in EXPECTED_TABLES + EXPECTED_FIGURES:
        assert re.sub(r"\s+", " ", caption) in re.sub(r"\s+", " ", page2)
    assert "F9" not in page2


@pytest.mark.slow
def test_pdf_made_by_libreoffice_shows_toc_entries_with_pages(paginated):
    _, doc, pdf, _ = paginated
    _check_pdf_toc(pdf_pages_text(pdf)[1], entry_rows(toc_fields(doc)[TOC_INSTR]))


@pytest.mark.slow
def test_pdf_of_a_document_saved_without_page_numbers_has_them(paginated, tmp_path):
    # LibreOffice updates the indexes before exporting: the PDF's TOC has the page numbers
    # even though the .docx holds none
    _, doc, _, _ = paginated
    plain = build(long=True).save(tmp_path / "plain.docx")
    saved = entry_rows(toc_fields(docx.Document(str(plain)))[TOC_INSTR])
    assert all(r[4] == "" for r in saved)
    pdf = docx_to_pdf(plain, tmp_path)
    _check_pdf_toc(pdf_pages_text(pdf)[1], entry_rows(toc_fields(doc)[TOC_INSTR]))


@pytest.mark.slow
def test_libreoffice_opening_a_paginated_docx_shows_its_page_numbers(paginated, tmp_path):
    # no macro, no index update: what a user gets opening a file in LibreOffice (or converting
    # it with soffice --convert-to pdf) are the TOC fields' results as saved: with the page
    # numbers paginate_docx (strategy pdf --strony-w-docx) wrote into them; a file saved by the
    # engine alone lists its entries without numbers until the index is updated (Word updates
    # the fields on opening, docx_to_pdf before exporting)
    path, doc, _, _ = paginated
    plain = build(long=True).save(tmp_path / "plain.docx")
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profil').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"),
                    str(path), str(plain)], capture_output=True, check=True, timeout=180)
    rows = entry_rows(toc_fields(doc)[TOC_INSTR])
    _check_pdf_toc(pdf_pages_text(tmp_path / "pdf" / "spis.pdf")[1], rows)
    page2 = pdf_pages_text(tmp_path / "pdf" / "plain.pdf")[1]
    for _, _, text, _, _ in rows:
        line = next((ln for ln in page2.splitlines() if text in ln and ".." in ln), None)
        assert line is not None and re.search(r"\.\.\s*$", line), (text, line)


#: Basic procedure of the test below: a director's edit in LibreOffice. A new chapter (Heading 1,
#: on a page of its own) and a new table caption ("Tabela " and a SEQ Tabela field) at the end,
#: then "Update all indexes"; writes "index<TAB>kind<TAB>label" for each index LibreOffice found
#: and the page of the new heading, and saves the document as .docx.
EDIT_MACRO = """
Sub Edit(src As String, out As String, report As String, errors As String)
  On Error GoTo Failed
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = "Hidden"
  load(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(src), "_blank", 0, load())
  oText = oDoc.getText()
  oCursor = oText.createTextCursorByRange(oText.getEnd())
  oText.insertControlCharacter(oCursor, com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK, False)
  oCursor.ParaStyleName = "Heading 1"
  oCursor.BreakType = com.sun.star.style.BreakType.PAGE_BEFORE
  oText.insertString(oCursor, "Rozdział dopisany w edytorze", False)
  oHeading = oCursor.getStart()
  oText.insertControlCharacter(oCursor, com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK, False)
  oCursor.ParaStyleName = "Caption"
  oCursor.BreakType = com.sun.star.style.BreakType.NONE
  oText.insertString(oCursor, "Tabela ", False)
  oMaster = oDoc.getTextFieldMasters().getByName("com.sun.star.text.fieldmaster.SetExpression.Tabela")
  oField = oDoc.createInstance("com.sun.star.text.TextField.SetExpression")
  oField.NumberingType = com.sun.star.style.NumberingType.ARABIC
  oField.Content = "Tabela+1"
  oField.attachTextFieldMaster(oMaster)
  oText.insertTextContent(oCursor, oField, False)
  oText.insertString(oCursor, ". Tabela dopisana w edytorze", False)
  oIndexes = oDoc.getDocumentIndexes()
  iFile = FreeFile
  Open report For Output As #iFile
  For i = 0 To oIndexes.getCount() - 1
    oIndex = oIndexes.getByIndex(i)
    oIndex.update()
    sKind = "inny"
    sLabel = ""
    If oIndex.supportsService("com.sun.star.text.ContentIndex") Then sKind = "spis treści"
    If oIndex.supportsService("com.sun.star.text.IllustrationsIndex") Then
      sKind = "spis ilustracji"
      sLabel = oIndex.LabelCategory
    End If
    Print #iFile, "index" & Chr(9) & sKind & Chr(9) & sLabel
  Next i
  oView = oDoc.getCurrentController().getViewCursor()
  oView.gotoRange(oHeading, False)
  Print #iFile, "page" & Chr(9) & oView.getPage()
  Close #iFile
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = "FilterName"
  store(0).Value = "MS Word 2007 XML"
  oDoc.storeToURL(ConvertToURL(out), store())
  oDoc.close(True)
  Exit Sub
Failed:
  iErr = FreeFile
  Open errors For Output As #iErr
  Print #iErr, "Error " & Err & ": " & Error$ & " (line " & Erl & ")"
  Close #iErr
  If Not IsNull(oDoc) And Not IsEmpty(oDoc) Then oDoc.close(True)
End Sub
"""


def _index_rows(paragraphs):
    """(number, text, page) of each entry of an index as LibreOffice writes it (the entry's
    text, a tab, the page number)."""
    rows = []
    for p in paragraphs:
        m = re.fullmatch(r"(?:(\d+(?:\.\d+)*)\s+)?(.+?)\t(\d+)", p.text)
        assert m, p.text
        rows.append((m.group(1) or "", m.group(2), int(m.group(3))))
    return rows


@pytest.mark.slow
def test_libreoffice_update_lists_a_heading_and_a_caption_added_after_saving(tmp_path):
    _need_tools()
    rep = Report(title="Spis do uzupełnienia")
    rep.toc()
    rep.list_of_tables()                                          # page 1
    rep.page_break()
    rep.heading("Pierwszy")                                       # page 2
    rep.paragraph("Tekst rozdziału.")
    rep.table(SMALL, "Ludność gmin", "GUS BDL")
    rep.page_break()
    rep.heading("Drugi")                                          # page 3
    path = rep.save(tmp_path / "maly.docx")
    edited, report = tmp_path / "po_zmianach.docx", tmp_path / "indeksy.txt"
    run_basic_macro(EDIT_MACRO, "Edit", path, edited, report, what=path.name)

    lines = [ln.split("\t") for ln in report.read_text(encoding="utf-8").splitlines()]
    # the two TOC fields are LibreOffice's indexes: a table of contents and the list of the
    # captions of the SEQ category "Tabela"
    assert [ln for ln in lines if ln[0] == "index"] == [
        ["index", "spis treści", ""], ["index", "spis ilustracji", "Tabela"]]
    assert ["page", "4"] in lines     # the new chapter opens the page after the last one
    fields = toc_fields(docx.Document(str(edited)))
    toc = [paras for instr, paras in fields.items() if re.search(r'\\o "1-3"', instr)]
    tables = [paras for instr, paras in fields.items() if re.search(r'\\c "Tabela"', instr)]
    assert len(toc) == len(tables) == 1
    assert _index_rows(toc[0]) == [("1", "Pierwszy", 2), ("2", "Drugi", 3),
                                   ("3", "Rozdział dopisany w edytorze", 4)]
    assert _index_rows(tables[0]) == [("", "Tabela 1. Ludność gmin", 2),
                                      ("", "Tabela 2. Tabela dopisana w edytorze", 4)]


@pytest.mark.slow
def test_paginating_again_gives_the_same_bytes(paginated, tmp_path):
    path, _, _, _ = paginated
    again = build(long=True).save(tmp_path / "again.docx")
    toc_mod.paginate_docx(again)
    assert again.read_bytes() == path.read_bytes()


def test_a_toc_word_keeps_in_a_content_control_gets_its_entries_and_pages(tmp_path):
    # Word (and LibreOffice) save a table of contents inside a w:sdt content control; the
    # page numbers paginate_docx finds go into that field's entries too
    from docx.oxml import OxmlElement

    doc = docx.Document(str(build().save(tmp_path / "spis.docx")))
    paras = toc_fields(doc)[TOC_INSTR]
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    sdt.append(content)
    paras[0]._p.addprevious(sdt)
    for p in paras:
        content.append(p._p)
    pages = {e.bookmark: k + 3 for k, e in enumerate(toc_mod.fill_tocs(doc))}
    entries = toc_mod.fill_tocs(doc, pages)
    inside = [docx.text.paragraph.Paragraph(p, doc._body) for p in content.iterchildren(qn("w:p"))]
    rows = entry_rows(inside)
    assert [(TOC_STYLES[r[0]], r[1], r[2]) for r in rows] == EXPECTED_TOC
    want = {e.bookmark: str(k + 3) for k, e in enumerate(entries)}
    assert [r[4] for r in rows] == [want[r[3]] for r in rows]
    assert doc.element.body.find(qn("w:sdt")) is sdt    # the content control stays
