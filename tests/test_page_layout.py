"""Page layout rules, with expectations written by hand: a table that fits a portrait page stays
portrait even when a landscape page is asked for; a caption keeps with its table's first rows
and rows never split; a goal's row keeps with its directions' rows; short text between two wide
tables goes on their landscape pages; count charts start at zero; a forecast line starts at
the last observed point."""
from __future__ import annotations

import docx
import numpy as np
import pandas as pd
from docx.oxml.ns import qn

from strategy import charts
from strategy.documents.blocks import Recorder
from strategy.documents.render_word import render
from strategy.documents.report import Report


def _sections_orient(doc) -> list[bool]:
    return [s.page_width > s.page_height for s in doc.sections]


def _keep_next(p) -> bool:
    return p._p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None


def _rows_keep(table) -> list[bool]:
    """Per row: every paragraph of the row keeps with the next."""
    return [all(_keep_next(p) for c in row.cells for p in c.paragraphs) for row in table.rows]


# a table of three short columns: about 5 cm of a 16,5 cm portrait text width
NARROW = pd.DataFrame({"Gmina": ["Blizanów", "Brzeziny"], "Ludność": [8208.0, 6264.0],
                       "Udział 65+ (%)": [18.0, 19.3]})


def test_a_table_that_fits_portrait_is_not_put_on_a_landscape_page_even_when_asked(tmp_path):
    rep = Report(title="Próba")
    rep.paragraph("Tekst przed tabelą.")
    rep.table(NARROW, "Ludność gmin", "test", landscape=True)
    rep.paragraph("Tekst po tabeli.")
    doc = docx.Document(str(rep.save(tmp_path / "a.docx")))
    assert _sections_orient(doc) == [False]

    rec = Recorder()
    rec.paragraph("Tekst przed tabelą.")
    rec.table(NARROW, "Ludność gmin", "test", landscape=True)
    rep = Report(title="Próba")
    render(rec.blocks, rep)
    doc = docx.Document(str(rep.save(tmp_path / "b.docx")))
    assert _sections_orient(doc) == [False]


def test_caption_keeps_with_the_first_rows_and_rows_do_not_split(tmp_path):
    rep = Report(title="Próba")
    # 60 rows: more than 0,4 of a page, so the table is not kept whole
    long = pd.DataFrame({"Wiersz": [f"pozycja {k}" for k in range(60)],
                         "Wartość": [float(k) for k in range(60)]})
    rep.table(long, "Długa tabela", "test")
    doc = docx.Document(str(rep.save(tmp_path / "c.docx")))
    caption = next(p for p in doc.paragraphs if p.text.startswith("Tabela 1."))
    assert caption.paragraph_format.keep_with_next or caption.style.paragraph_format.keep_with_next
    table = doc.tables[0]
    keep = _rows_keep(table)
    # the header and the first two body rows keep with what follows: caption + 3 rows together
    assert keep[:3] == [True, True, True]
    assert keep[3] is False and keep[30] is False          # the middle may break
    assert keep[-2:] == [True, True]     # the last two rows keep together, with the source line
    for row in table.rows:
        assert row._tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None


def test_a_short_table_is_kept_whole_with_its_source(tmp_path):
    rep = Report(title="Próba")
    rep.table(NARROW, "Krótka tabela", "test")
    doc = docx.Document(str(rep.save(tmp_path / "d.docx")))
    assert _rows_keep(doc.tables[0]) == [True, True, True]


def test_a_goals_row_keeps_with_its_directions_rows(tmp_path):
    # 4 goals of 12 directions each and a total: 53 body rows, too long to keep whole
    rows, bold = [], []
    for g in range(1, 5):
        bold.append(len(rows))
        rows.append((f"Cel strategiczny {g}", 100.0))
        rows += [(f"{g}.{d}. Kierunek działań", 10.0) for d in range(1, 13)]
    rows.append(("Razem", 400.0))
    frame = pd.DataFrame(rows, columns=["Cel strategiczny / kierunek działań", "2026"])
    rec = Recorder()
    rec.table(frame, "Ramy finansowe", "test")
    rec.bold_rows(*bold, -1)
    rep = Report(title="Próba")
    render(rec.blocks, rep)
    doc = docx.Document(str(rep.save(tmp_path / "e.docx")))
    keep = _rows_keep(doc.tables[0])
    # table rows: 0 the header, goal g at 1 + 13 (g - 1); its 12 directions follow
    for g in range(4):
        first = 1 + 13 * g
        assert all(keep[first:first + 12]), g      # the goal row .. the 11th direction
    # between the groups (the last direction of goal 1 and the row of goal 2) a page may break
    assert keep[13] is False and keep[26] is False


def test_short_text_between_two_wide_tables_shares_their_landscape_pages(tmp_path):
    # twelve columns of "100 003 024": too wide for portrait even at 8 pt
    wide = pd.DataFrame({str(y): [1e8 + y, 2e8 + y] for y in range(2013, 2025)})
    rec = Recorder()
    rec.heading("Finanse")
    rec.paragraph("Tekst na stronie pionowej przed tabelami.")
    rec.table(wide, "Pierwsza szeroka", "test", formats=dict.fromkeys(wide.columns, 0))
    rec.paragraph("Krótka uwaga między tabelami.")
    rec.table(NARROW, "Wąska między szerokimi", "test")
    rec.table(wide, "Druga szeroka", "test", formats=dict.fromkeys(wide.columns, 0))
    rec.paragraph("Krótka uwaga po tabeli.")
    rec.heading("Dalej")
    for _ in range(12):     # a chapter of a page and more: it stays portrait
        rec.paragraph("Tekst rozdziału, który idzie dalej pionowo. " * 12)
    rep = Report(title="Próba")
    render(rec.blocks, rep)
    doc = docx.Document(str(rep.save(tmp_path / "f.docx")))
    # one landscape part (portrait, landscape, portrait), not a section per table
    assert _sections_orient(doc) == [False, True, False]
    body = list(doc.element.body.iterchildren())
    texts = ["".join(t.text or "" for t in el.iter(qn("w:t"))) for el in body]
    breaks = [i for i, el in enumerate(body)
              if el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    first, second = breaks
    # the heading and its short text open the landscape part; the note after the second
    # table ends it; the next chapter, long, is portrait
    assert first < texts.index("Finanse") < texts.index("Krótka uwaga po tabeli.") < second
    assert second < texts.index("Dalej")


def test_a_count_chart_starts_at_zero():
    counts = pd.Series([25.0, 31.0, 28.0, 36.0, 40.0], index=range(2020, 2025))
    fig = charts.trend_chart("", counts, None, None, "osoby", "test", "gmina", "powiat")
    assert fig.axes[0].get_ylim()[0] == 0
    # an author's own figure: matplotlib starts its axis near 25; the document's PNG at 0
    from matplotlib.figure import Figure
    own = Figure()
    ax = own.add_subplot()
    ax.plot(list(counts.index), list(counts.values))
    assert ax.get_ylim()[0] > 20
    charts.figure_to_png(own)
    assert ax.get_ylim()[0] == 0
    # a chart that says so keeps its axis
    said = Figure()
    ax2 = said.add_subplot()
    ax2.plot(list(counts.index), list(counts.values))
    ax2.set_ylabel("liczba osób (oś nie od zera)")
    charts.figure_to_png(said)
    assert ax2.get_ylim()[0] > 20
    # a balance below zero keeps its negative part
    bal = Figure()
    ax3 = bal.add_subplot()
    ax3.plot([2020, 2021, 2022], [-3.0, 2.0, 5.0])
    charts.figure_to_png(bal)
    assert ax3.get_ylim()[0] < -3


class _Forecast:
    years = (2024, 2025, 2026, 2027)        # a base-year point too: must not be drawn twice
    values = (33.0, 35.0, 36.0, 37.0)
    lower = (30.0, 31.0, 30.0, 29.0)
    upper = (36.0, 39.0, 42.0, 45.0)
    made = True


def test_the_forecast_line_starts_at_the_last_observed_point():
    observed = pd.Series([40.0, 42.0, 38.0, 41.0, 45.0], index=range(2020, 2025))
    fig = charts.trend_chart("", observed, None, _Forecast(), "osoby", "test", "gmina", "powiat")
    ax = fig.axes[0]
    dashed = [ln for ln in ax.get_lines() if ln.get_linestyle() == "--"]
    assert len(dashed) == 1
    x, y = dashed[0].get_xdata(), dashed[0].get_ydata()
    assert (x[0], y[0]) == (2024, 45.0)          # the last observed year and value
    assert list(x) == [2024, 2025, 2026, 2027]    # 2024 once, then the forecast years
    # the interval band begins at the same point (zero width there)
    band = ax.collections[0].get_paths()[0].vertices
    at_start = band[np.isclose(band[:, 0], 2024)][:, 1]
    assert np.allclose(at_start, 45.0)


def _breaks_before(doc) -> list[str]:
    """The texts of the paragraphs that start a new page (page break before)."""
    return [p.text for p in doc.paragraphs if p.paragraph_format.page_break_before]


def test_a_page_break_after_a_few_lines_is_left_out_and_after_a_page_kept(tmp_path):
    rec = Recorder()
    rec.heading("Rozdział długi")
    for _ in range(30):         # 30 paragraphs of 3 lines: more than a page
        rec.paragraph("Zdanie rozdziału, które zajmuje miejsce na stronie. " * 6)
    rec.page_break()
    rec.heading("Załącznik 1", 1, numbered=False)
    rec.paragraph("Dwa wiersze załącznika.")
    rec.page_break()            # after 2 lines since the page began: left out
    rec.heading("Załącznik 2", 1, numbered=False)
    rec.paragraph("Dwa wiersze drugiego załącznika.")
    rep = Report(title="Próba")
    render(rec.blocks, rep)
    doc = docx.Document(str(rep.save(tmp_path / "g.docx")))
    assert _breaks_before(doc) == ["Załącznik 1"]
