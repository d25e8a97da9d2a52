"""PDF through LibreOffice: a sample document converts and has a sane number of pages."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from strategy.documents import Report, docx_to_pdf, pdf_page_count
from strategy.errors import DocumentError

pytestmark = pytest.mark.slow


def test_sample_document_converts_to_pdf(tmp_path):
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.fail("brak LibreOffice (soffice) w PATH: test konwersji do PDF wymaga LibreOffice; "
                    "zainstaluj pakiet libreoffice-writer")
    rep = Report(title="Diagnoza – przykład", author="PCPR", demo=True)
    rep.title_page(subtitle="dokument testowy")          # page 1
    rep.toc()                                            # page 2
    rep.page_break()
    rep.heading("Demografia")                            # page 3
    rep.paragraph("Akapit z polskimi znakami: zażółć gęślą jaźń.")
    # twelve columns of "100 003 024,0": too wide for a portrait page even at 8 pt
    wide = pd.DataFrame({str(y): [y * 1.5, 1e8 + y * 1.5] for y in range(2013, 2025)})
    rep.table(wide, "Tabela szeroka", "GUS BDL", landscape=True)  # page 4 (landscape)
    rep.heading("Wnioski")                               # page 5
    docx_path = rep.save(tmp_path / "przyklad.docx")
    pdf = docx_to_pdf(docx_path, tmp_path / "pdf")
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    assert pdf_page_count(pdf) == 5


def test_pdf_page_count_rejects_non_pdf(tmp_path):
    bad = tmp_path / "x.pdf"
    bad.write_text("to nie jest PDF")
    with pytest.raises(DocumentError, match="nie jest plikiem PDF"):
        pdf_page_count(bad)


def test_missing_docx_is_reported(tmp_path):
    with pytest.raises(DocumentError, match="nie znaleziono dokumentu"):
        docx_to_pdf(tmp_path / "brak.docx")


def test_pdf_command_writes_pdfs_and_page_numbers_into_the_docx(tmp_path, capsys):
    import docx
    from docx.oxml.ns import qn

    from strategy.cli import main

    rep = Report(title="Strony", author="PCPR")
    rep.toc()
    rep.page_break()
    rep.heading("Pierwszy")                              # page 2
    rep.page_break()
    rep.heading("Drugi")                                 # page 3
    path = rep.save(tmp_path / "strony.docx")
    assert main(["pdf", str(path), "--katalog", str(tmp_path / "pdf"), "--strony-w-docx"]) == 0
    pdf = tmp_path / "pdf" / "strony.pdf"
    assert pdf_page_count(pdf) == 3 and "Zapisano" in capsys.readouterr().out
    # the cached PAGEREF results of the TOC entries now hold the pages of the headings
    doc = docx.Document(str(path))
    pages, state = [], None
    for el in doc.element.body.iter(qn("w:fldChar"), qn("w:instrText"), qn("w:t")):
        if el.tag == qn("w:instrText"):
            state = "pageref" if el.text.strip().startswith("PAGEREF") else None
        elif el.tag == qn("w:t") and state == "pageref":
            pages.append(el.text)
        elif el.tag == qn("w:fldChar") and el.get(qn("w:fldCharType")) == "end":
            state = None
    assert pages == ["2", "3"]


def test_pdf_command_refuses_what_is_not_a_docx(tmp_path, capsys):
    from strategy.cli import main

    other = tmp_path / "dane.xlsx"
    other.write_bytes(b"x")
    assert main(["pdf", str(other)]) == 2
    assert "dane.xlsx" in capsys.readouterr().err and not (tmp_path / "dane.pdf").exists()
