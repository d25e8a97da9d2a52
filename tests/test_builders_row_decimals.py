"""The engine's per-row decimals (a table whose rows are different indicators)."""
import pandas as pd
import pytest

from strategy.documents.tables import cell_texts
from strategy.errors import DocumentError


def test_row_decimals_format_each_row_and_keep_numbers_numeric():
    df = pd.DataFrame({"Wskaźnik": ["ludność", "udział 65+"], "2024": [11598.0, 17.456]})
    texts, nums, _ = cell_texts(df, None, [0, 1])
    assert texts[0][1] == "11\u00a0598"
    assert texts[1][1] == "17,5"
    assert nums[0][1] and nums[1][1]


def test_without_row_decimals_the_column_decides():
    df = pd.DataFrame({"x": [11598.0, 17.456]})
    texts, _, _ = cell_texts(df)
    assert texts[0][0] == "11\u00a0598,00"


def test_row_decimals_must_match_rows():
    with pytest.raises(DocumentError):
        cell_texts(pd.DataFrame({"x": [1.0, 2.0]}), None, [0])
