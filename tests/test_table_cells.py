"""One rule for table cells: the notebook display and the Word table print the same texts."""
from __future__ import annotations

from html.parser import HTMLParser

import docx
import pandas as pd
import pytest

from strategy.documents import Report
from strategy.documents.blocks import Recorder
from strategy.documents.render_notebook import render_html
from strategy.text import TextError, cells

NBSP = "\u00a0"

#: A missing value, a large number and a fraction, with text beside them.
FRAME = pd.DataFrame({"Gmina": ["Blizanów", "Brzeziny", "Ceków-Kolonia"],
                      "Ludność": [1234567.0, 6543.0, float("nan")],
                      "Udział 65+ (%)": [0.25, 17.0, 18.5]})
#: The cells written by hand: numbers of five digits and more grouped by three with a no-break
#: space, four-digit ones unbroken as in running text, a decimal comma, the decimals the column needs (0,25 needs two, so all get two),
#: and "b.d." for the missing value.
EXPECTED = [["Blizanów", f"1{NBSP}234{NBSP}567", "0,25"],
            ["Brzeziny", "6543", "17,00"],
            ["Ceków-Kolonia", "b.d.", "18,50"]]


class _Cells(HTMLParser):
    """Collect the texts of the <td> cells of an HTML table, row by row."""

    def __init__(self):
        super().__init__()
        self.rows, self._in_td = [], False

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self._in_td = True
            self.rows[-1].append("")

    def handle_endtag(self, tag):
        if tag == "td":
            self._in_td = False

    def handle_data(self, data):
        if self._in_td:
            self.rows[-1][-1] += data


def notebook_cells(df: pd.DataFrame, **kw) -> list[list[str]]:
    rec = Recorder()
    rec.table(df, "Tabela testowa", "opracowanie własne", **kw)
    parser = _Cells()
    parser.feed(render_html(rec.blocks))
    return [r for r in parser.rows if r]            # the header row has <th> cells only


def word_cells(df: pd.DataFrame, tmp_path, **kw) -> list[list[str]]:
    rep = Report(None, title="Tabela", subject="Test", author="PCPR", demo=True)
    rep.table(df, "Tabela testowa", "opracowanie własne", **kw)
    path = tmp_path / "tabela.docx"
    rep.save(path)
    table = docx.Document(str(path)).tables[0]
    return [[c.text for c in r.cells] for r in table.rows[1:]]


def test_notebook_and_word_print_the_same_cell_texts(tmp_path):
    assert notebook_cells(FRAME) == EXPECTED
    assert word_cells(FRAME, tmp_path) == EXPECTED


def test_row_decimals_give_the_same_texts_in_notebook_and_word(tmp_path):
    # rows of different indicators: a count (0 places) and a rate (1 place)
    df = pd.DataFrame({"Wskaźnik": ["ludność", "stopa"], "2024": [12345.4, 6.66]})
    expected = [["ludność", f"12{NBSP}345"], ["stopa", "6,7"]]
    assert notebook_cells(df, row_decimals=[0, 1]) == expected
    assert word_cells(df, tmp_path, row_decimals=[0, 1]) == expected


def test_missing_value_text_and_its_note():
    assert cells.MISSING == "b.d."
    assert cells.MISSING_NOTE == "b.d. – brak danych"
    texts, nums, has_missing = cells.cell_texts(FRAME)
    assert texts == EXPECTED and has_missing
    assert nums[2] == [False, True, True]   # a missing number still sits in a number column
    assert cells.cell_texts(FRAME.fillna(1.0))[2] is False


def test_lists_are_joined_and_errors_name_the_problem():
    df = pd.DataFrame({"Obszar": ["rodzina"], "Wskaźniki": [["ludność", "bezrobocie"]]})
    assert cells.cell_texts(df)[0] == [["rodzina", "ludność, bezrobocie"]]
    with pytest.raises(TextError, match="nie ma w tabeli"):
        cells.cell_texts(df, {"Brak": 1})
    with pytest.raises(TextError, match="2 wierszy"):
        cells.cell_texts(df, row_decimals=[0, 1])
