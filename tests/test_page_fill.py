"""The demo strategy on paper: built by ``strategy build`` (its notebook through papermill, as a
user builds it), converted to PDF by LibreOffice, and no page but the cover and at most two
chapter ends holds fewer than 14 lines.

A "line" here: a row of text in the page's body - between the running header and the footer,
the rows of a table's cells at one height counted once - and, for a picture, its height in
lines: a gap of more than 40 pt between two rows of text is a chart or a map, and counts as
one line per 14 pt (the height of a line of body text, 11 pt at 1,15 spacing, rounded down).
The running header and the footer stand in the top 66 pt and the bottom 52 pt of the page
(the margins are 2,5 cm = 70,9 pt and 2 cm = 56,7 pt; the header and footer sit inside them).
"""
from __future__ import annotations

import itertools
import os
import re
import subprocess
from pathlib import Path

import pytest

from strategy import store as S
from strategy.batch.build import BuildOptions, run_build
from strategy.documents import docx_to_pdf
from strategy.ingest.loading import load_inputs

ROOT = Path(__file__).resolve().parents[1]
HEADER_PT, FOOTER_PT = 66.0, 52.0
PICTURE_GAP_PT, LINE_PT = 40.0, 14.0
MIN_LINES = 14
#: Pages allowed under MIN_LINES besides the cover: chapter ends before a page break.
SHORT_ALLOWED = 2


def page_lines(pdf: Path) -> list[tuple[int, bool]]:
    """Return (lines, landscape) per page of ``pdf`` (see the module docstring)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    out = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.DOTALL):
        width, height, body = float(page.group(1)), float(page.group(2)), page.group(3)
        rows = sorted((float(a), float(b)) for a, b in re.findall(
            r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">', body))
        rows = [(a, b) for a, b in rows if a >= HEADER_PT and b <= height - FOOTER_PT]
        merged: list[tuple[float, float]] = []
        for a, b in rows:               # cells of one table row: one line
            if merged and a < merged[-1][1] - 2:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        n = len(merged)
        for (_, end), (start, _) in itertools.pairwise(merged):
            if start - end > PICTURE_GAP_PT:
                n += int((start - end) // LINE_PT)
        out.append((n, width > height))
    return out


def test_page_lines_counts_text_rows_and_pictures(tmp_path):
    """The counting itself, on a PDF of known content: 10 lines of text, then a picture."""
    from strategy.documents.report import Report
    rep = Report(title="Próba")
    for k in range(10):
        rep.paragraph(f"Wiersz {k}")
    png = _png(400, 300)                          # 15 cm wide: 11,25 cm = 319 pt high
    rep.figure(png, "Rysunek", "test", width_cm=15)
    path = rep.save(tmp_path / "liczenie.docx")
    pdf = docx_to_pdf(path, tmp_path / "pdf")
    [(n, landscape)] = page_lines(pdf)
    # 10 text lines + caption + source = 12 rows; the picture 319 pt / 14 = 22 lines (20-24
    # with the spacing around it)
    assert not landscape
    assert 10 + 2 + 20 <= n <= 10 + 2 + 24


def _png(w: int, h: int) -> bytes:
    import io

    from matplotlib.figure import Figure
    fig = Figure(figsize=(w / 100, h / 100), dpi=100)
    fig.add_subplot().plot([0, 1], [0, 1])
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    return buf.getvalue()


@pytest.fixture(scope="module")
def strategy_pdf(tmp_path_factory):
    work = tmp_path_factory.mktemp("fill")
    store, problems, _ = load_inputs([ROOT / "data/raw/demo"], powiat="3007")
    assert not problems
    S.write(store, work / "indicators.parquet")
    cwd = os.getcwd()
    os.chdir(ROOT)      # the job table's notebook and plan paths are relative to the project root
    try:
        report = run_build(BuildOptions(powiat=["3007"], only=["strategia"],
                                        store=work / "indicators.parquet",
                                        reports=work / "reports", jobs=1, html=False,
                                        quiet=True))
    finally:
        os.chdir(cwd)
    assert report.exit_status == 0, report.failed
    [docx_path] = list((work / "reports").glob("3007/*/3007_*/3007_*_strategia.docx"))
    return docx_to_pdf(docx_path, work / "pdf")


def test_no_page_of_the_strategy_holds_a_few_lines_but_two_chapter_ends(strategy_pdf):
    pages = page_lines(strategy_pdf)
    assert len(pages) > 30                      # the whole strategy, not a stub
    short = [(k, n, "poziomo" if land else "pionowo")
             for k, (n, land) in enumerate(pages, start=1) if k > 1 and n < MIN_LINES]
    assert len(short) <= SHORT_ALLOWED, short
    # no landscape page is mostly empty: a landscape page holds about 30 lines
    assert all(n >= MIN_LINES for n, land in pages if land)
