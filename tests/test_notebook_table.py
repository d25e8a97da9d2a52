"""Tables as the notebooks show them: escaped HTML, numbers right-aligned, a text fallback."""
import pandas as pd

from strategy import notebook_helpers as nh
from strategy.notebook_table import NotebookTable

NBSP = "\u00a0"


def test_html_has_the_header_the_cells_and_right_aligned_number_columns_only():
    df = pd.DataFrame({"Wskaźnik": ["Ludność <ogółem>", "Bezrobotni & inni"],
                       "2024": [12345.0, 6.5]})
    html = nh.show_table(df, decimals=1).to_html()
    assert html.startswith('<table class="dataframe strategy-table"><thead><tr><th>Wskaźnik</th>'
                           '<th style="text-align: right">2024</th></tr></thead>')
    assert "<td>Ludność &lt;ogółem&gt;</td>" in html          # text escaped, left-aligned
    assert "<td>Bezrobotni &amp; inni</td>" in html
    assert f'<td style="text-align: right">12{NBSP}345,0</td>' in html
    assert '<td style="text-align: right">6,5</td>' in html
    assert html.count("<tr>") == 3 and "index" not in html   # header + two rows, no index


def test_missing_text_is_an_empty_cell_and_text_fallback_is_aligned():
    t = NotebookTable(pd.DataFrame({"Obszar": ["Rodzina", None], "Wynik": ["12", "7"]}),
                      numeric=["Wynik"])
    assert t.rows == [["Rodzina", "12"], ["", "7"]]
    lines = repr(t).splitlines()
    # columns 7 ("Rodzina") and 5 ("Wynik") wide, two spaces apart, the numbers right-aligned
    assert lines == ["Obszar   Wynik", "Rodzina     12", " " * 13 + "7"]
    assert len(t) == 2
