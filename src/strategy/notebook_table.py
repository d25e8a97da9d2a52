"""A table as a notebook shows it: Polish-formatted text cells, numbers aligned right.

In: a DataFrame of strings (:func:`strategy.notebook_helpers.polish_table`) and the names of the
columns that held numbers. Out: an object IPython displays as an HTML table (``text/html``) with
a plain-text fallback (``text/plain``).

Written by hand rather than with pandas' Styler: a Styler renders through its Jinja template and
computes per-cell styles, ~8 ms a table; a diagnosis notebook shows fourteen tables per gmina
and a batch build runs it for every gmina. This builds the same visible table in ~0.2 ms.
"""
from __future__ import annotations

import html
import math

import pandas as pd

#: Class attributes of the table (JupyterLab styles ``dataframe`` tables like pandas' own).
TABLE_CLASS = "dataframe strategy-table"
RIGHT = ' style="text-align: right"'


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value)


class NotebookTable:
    """A text table for ``display``: header row, no index, numeric columns aligned right."""

    def __init__(self, text: pd.DataFrame, numeric=()):
        self.columns = [str(c) for c in text.columns]
        self.rows = [[_text(v) for v in row] for row in text.itertuples(index=False, name=None)]
        numeric = {str(c) for c in numeric}
        self.right = [c in numeric for c in self.columns]

    def to_html(self) -> str:
        """Return the table as HTML (cells escaped)."""
        esc = html.escape
        head = "".join(f"<th{RIGHT if r else ''}>{esc(c)}</th>"
                       for c, r in zip(self.columns, self.right))
        body = "".join(
            "<tr>" + "".join(f"<td{RIGHT if r else ''}>{esc(v)}</td>"
                             for v, r in zip(row, self.right)) + "</tr>"
            for row in self.rows)
        return (f'<table class="{TABLE_CLASS}"><thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table>")

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_text(self) -> str:
        """Return the table as aligned plain text (columns separated by two spaces)."""
        grid = [self.columns] + self.rows
        widths = [max(len(r[i]) for r in grid) for i in range(len(self.columns))]
        return "\n".join(
            "  ".join(v.rjust(w) if right else v.ljust(w)
                      for v, w, right in zip(r, widths, self.right)).rstrip()
            for r in grid)

    def __repr__(self) -> str:
        return self.to_text()

    def __len__(self) -> int:
        return len(self.rows)
