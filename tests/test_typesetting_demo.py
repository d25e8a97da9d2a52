"""Typesetting of every document of the demo powiat, built by ``strategy build`` as a user builds
them: all their text (paragraphs, list items, headings, captions, table cells, lists) read back
with python-docx, the column widths of every table against the widths of the numbers measured
with the font LibreOffice sets them in, and the table of contents of a diagnosis converted to PDF
by LibreOffice as a user would (``soffice --convert-to pdf``) read with ``pdftotext -layout``."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from strategy import store as S
from strategy.batch.build import BuildOptions, run_build
from strategy.documents import docx_to_pdf
from strategy.ingest.loading import load_inputs

ROOT = Path(__file__).resolve().parents[1]
LIBERATION = [Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
              Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf")]


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    store, problems, _ = load_inputs([ROOT / "data/raw/demo"], powiat="3007")
    assert not problems
    work = tmp_path_factory.mktemp("typesetting")
    S.write(store, work / "indicators.parquet")
    cwd = os.getcwd()
    os.chdir(ROOT)  # the job table's notebook and plan paths are relative to the project root
    try:
        report = run_build(BuildOptions(powiat=["3007"], store=work / "indicators.parquet",
                                        reports=work / "reports", jobs=2, html=False, quiet=True))
    finally:
        os.chdir(cwd)
    assert report.exit_status == 0, report.failed
    paths = sorted(work / "reports" / r["out_dir_rel"] / n for r in report.ran
                   for n in r["outputs"] if n.endswith(".docx"))
    kinds = {re.sub(r"^\d+_[a-z_]+?_(diagnoza|strategia|program_\w+|sprawozdanie\w*)$", r"\1",
                    p.stem) for p in paths}
    assert {"diagnoza", "strategia", "program_pieczy_zastepczej",
            "program_wspierania_rodziny", "sprawozdanie_z_realizacji"} <= kinds
    return paths


def all_texts(path: Path) -> list[str]:
    """The text of every paragraph of the body (table cells and lists included) and of the
    headers and footers."""
    doc = docx.Document(str(path))
    parts = [doc.element.body]
    for sec in doc.sections:
        parts += [sec.header._element, sec.footer._element]
    return ["".join(t.text or "" for t in p.iter(qn("w:t")))
            for part in parts for p in part.iter(qn("w:p"))]


# the breaking space is U+0020; a no-break space (U+00A0) is what must stand there
UNIT_AFTER_SPACE = re.compile(r"\d (?:r\.|zł|tys\.|mln|mld|os\.|%)(?![^\W\d_])")
RANGE = re.compile(r"(?<![\w.,/\-\u2212])(\d+(?:,\d+)?)-(\d+(?:,\d+)?)(?![\w\-])")
NOT_A_RANGE = re.compile(r"\d{4}-\d{2}-\d{2}|(?<!\d)\d{2}-\d{3}(?!\d)")   # dates, postal codes
HYPHEN_MINUS = re.compile(r"(?:^|[\s(])-\d")


def test_no_breaking_space_between_a_number_and_its_unit_or_r(documents):
    bad = [(p.name, t) for p in documents for t in all_texts(p) if UNIT_AFTER_SPACE.search(t)]
    assert not bad, bad[:10]


def test_no_straight_double_quotes(documents):
    bad = [(p.name, t) for p in documents for t in all_texts(p) if '"' in t]
    assert not bad, bad[:10]


def test_no_hyphen_in_a_range_of_numbers_and_no_hyphen_for_a_minus(documents):
    bad = []
    for p in documents:
        for t in all_texts(p):
            for token in t.split():
                if any(c in token for c in "/_@") or re.search(r"\.(docx|yaml|csv|xlsx)", token):
                    continue    # paths, identifiers, e-mails and file names keep their hyphens
                for m in RANGE.finditer(token):
                    a, b = (float(x.replace(",", ".")) for x in m.groups())
                    if a < b and not NOT_A_RANGE.search(token):
                        bad.append((p.name, token, t))
            if HYPHEN_MINUS.search(t):
                bad.append((p.name, "minus", t))
    assert not bad, bad[:10]


def test_each_list_of_tables_and_figures_appears_once(documents):
    for p in documents:
        doc = docx.Document(str(p))
        instrs = [(i.text or "").strip() for i in doc.element.body.iter(qn("w:instrText"))]
        for kind in ('\\o "1-3"', '\\c "Tabela"', '\\c "Wykres"'):
            assert sum(i.startswith("TOC ") and kind in i for i in instrs) <= 1, (p.name, kind)
        texts = [q.text.strip() for q in doc.paragraphs]
        for title in ("Spis treści", "Spis tabel", "Spis wykresów", "Spis tabel i wykresów"):
            assert texts.count(title) <= 1, (p.name, title)
        assert not any(t.startswith("Nie znaleziono pozycji spisu") for t in texts), p.name


def test_no_table_cell_is_narrower_than_a_number_or_a_header_word_in_it(documents):
    # widths measured with the font LibreOffice sets Arial in (Liberation Sans, installed by
    # tasks.py), independently of the engine's own width table
    from PIL import ImageFont

    missing = [str(f) for f in LIBERATION if not f.exists()]
    assert not missing, f"brak czcionek Liberation Sans ({missing}): python3 tasks.py test je instaluje"
    fonts = {False: ImageFont.truetype(str(LIBERATION[0]), 1000),
             True: ImageFont.truetype(str(LIBERATION[1]), 1000)}
    margins_twips = 2 * 85
    checked, bad = 0, []
    for p in documents:
        doc = docx.Document(str(p))
        for t_no, table in enumerate(doc.tables, start=1):
            widths = [c.width / 635 for c in table.columns]            # EMU -> twips
            for r_no, row in enumerate(table.rows):
                for cell, width in zip(row.cells, widths):
                    for para in cell.paragraphs:
                        size = next((r.font.size.pt for r in para.runs if r.font.size), 9.0)
                        for piece in re.split(r"[ \t\n]+|(?<=[-\u2013])", para.text):
                            if not piece or (r_no > 0 and not re.search(r"\d", piece)):
                                continue    # body cells: numbers; header row: every word
                            need = fonts[r_no == 0].getlength(piece) / 1000 * size * 20
                            checked += 1
                            if need + margins_twips > width:
                                bad.append((p.name, t_no, piece, round(need), round(width)))
    assert checked > 1000
    assert not bad, bad[:10]


def pdf_page_texts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return out.rstrip("\f").split("\f")


def test_libreoffice_pdf_of_a_diagnosis_has_page_numbers_in_its_toc(documents, tmp_path):
    missing = [t for t in ("soffice", "pdftotext") if not shutil.which(t)]
    assert not missing, f"brak programów {missing}: python3 tasks.py test je instaluje"
    diagnosis = next(p for p in documents if p.name.startswith("3007083_") and
                     p.stem.endswith("_diagnoza"))
    # as strategy pdf makes it: LibreOffice updates the TOC field (its index) before exporting
    pages = pdf_page_texts(docx_to_pdf(diagnosis, tmp_path))
    doc = docx.Document(str(diagnosis))
    headings = [(q.style.name, q.text) for q in doc.paragraphs if q.style.name == "Heading 1"]
    assert len(headings) >= 4
    toc_page = next(k for k, t in enumerate(pages) if "Spis treści" in t)
    entries = {}
    for line in pages[toc_page].splitlines():
        m = re.match(r"^\s*(\d+)\s+(.+?)\.{3,}\s*(\d+)\s*$", line)
        if m:
            entries[m.group(2).strip()] = int(m.group(3))
    for number, (_, text) in enumerate(headings, start=1):
        assert text in entries, (text, pages[toc_page])
        # the page the TOC gives is the page where the numbered heading stands
        where = [k + 1 for k, t in enumerate(pages) if k > toc_page and re.search(
            rf"(?m)^\s*{number}\s+{re.escape(text)}\s*$", t)]
        assert where and entries[text] == where[0], (text, entries[text], where)


def _printed_number(text: str) -> float | None:
    t = text.replace("\u00a0", "").replace(" ", "").replace("\u2212", "-").replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


def test_differences_are_those_of_the_values_as_printed(documents):
    """A 'Różnica' next to a gmina's and the powiat's value is the difference of the two
    numbers the reader sees (18,8 and 18,9 give -0,1, not the -0,2 of the unrounded values)."""
    checked = 0
    for path in documents:
        for table in docx.Document(str(path)).tables:
            head = [c.text for c in table.rows[0].cells]
            if not {"Gmina", "Powiat", "Różnica"} <= set(head):
                continue
            g, p, r = head.index("Gmina"), head.index("Powiat"), head.index("Różnica")
            for row in table.rows[1:]:
                cells = [c.text for c in row.cells]
                a, b, diff = (_printed_number(cells[k]) for k in (g, p, r))
                if None in (a, b, diff):
                    continue
                decimals = max(len(cells[k].partition(",")[2]) for k in (g, p))
                assert diff == pytest.approx(round(a - b, decimals), abs=1e-9), (path.name, cells)
                checked += 1
    assert checked >= 20   # the diagnoses' comparison tables and the strategy's gmina annexes
