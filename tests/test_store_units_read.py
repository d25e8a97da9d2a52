"""Reading only some units of the store: the rows kept across many small batches."""
import pandas as pd

from strategy import store as st


def _frame():
    codes = ["3007012", "3007022", "3008011", "30", "PL", "3107011"]
    rows = [(c, y, "ludnosc", float(i * 10 + y - 2020)) for i, c in enumerate(codes)
            for y in (2021, 2022, 2023)]
    f = pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value"])
    return f.assign(unit="osoba", source="GUS BDL", flag="")


def test_units_read_in_small_batches_keeps_exactly_the_matching_rows(tmp_path, monkeypatch):
    path = tmp_path / "indicators.parquet"
    st.write(st.Store(_frame(), demo=True, sources=["a.csv"]), path)
    monkeypatch.setattr(st, "_BATCH_ROWS", 4)  # 18 rows -> 5 batches, a match in several
    got = st.load(path, units=["3007*", "30", "PL"])
    assert got.demo is True and got.sources == ["a.csv"]
    # 3007012, 3007022, 30, PL: three years each; 3008011 and 3107011 left out
    assert got.frame["teryt"].value_counts().to_dict() == {"3007012": 3, "3007022": 3, "30": 3,
                                                           "PL": 3}
    assert got.frame.loc[got.frame["teryt"] == "PL", "value"].tolist() == [41.0, 42.0, 43.0]


def test_units_read_with_no_match_gives_an_empty_store_with_the_columns(tmp_path):
    path = tmp_path / "indicators.parquet"
    st.write(st.Store(_frame()), path)
    got = st.load(path, units=["0201*"])
    assert got.frame.empty and list(got.frame.columns) == st.COLUMNS
