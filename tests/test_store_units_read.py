"""Reading only some units of the store: exactly the matching rows, and a file laid out so that
pyarrow's own filtering can skip the row groups of every other unit."""
import pandas as pd
import pyarrow.dataset as ds

from strategy import store as st


def _frame():
    codes = ["3007012", "3007022", "3008011", "30", "PL", "3107011"]
    rows = [(c, y, "ludnosc", float(i * 10 + y - 2020)) for i, c in enumerate(codes)
            for y in (2021, 2022, 2023)]
    f = pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value"])
    return f.assign(unit="osoba", source="GUS BDL", flag="")


def test_units_read_keeps_exactly_the_matching_rows_and_the_metadata(tmp_path):
    path = tmp_path / "indicators.parquet"
    st.write(st.Store(_frame(), demo=True, sources=["a.csv"]), path)
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


def test_written_store_is_sorted_by_unit_in_row_groups_a_filter_can_skip(tmp_path, monkeypatch):
    path = tmp_path / "indicators.parquet"
    monkeypatch.setattr(st, "_GROUP_ROWS", 3)   # 18 rows -> 6 groups of one unit each
    frame = _frame().sample(frac=1, random_state=3)   # written in any order
    st.write(st.Store(frame, demo=True), path)
    md = st.pq.ParquetFile(path).metadata
    assert md.num_row_groups == 6
    col = st.pq.ParquetFile(path).schema_arrow.get_field_index("teryt")
    bounds = [(md.row_group(i).column(col).statistics.min,
               md.row_group(i).column(col).statistics.max) for i in range(6)]
    # sorted codes: 30 < 3007012 < 3007022 < 3008011 < 3107011 < PL, three years each
    assert bounds == [("30", "30"), ("3007012", "3007012"), ("3007022", "3007022"),
                      ("3008011", "3008011"), ("3107011", "3107011"), ("PL", "PL")]
    # the row groups pyarrow keeps for the filter the store's load uses
    [fragment] = ds.dataset(path).get_fragments()
    kept = fragment.subset(st.pq.filters_to_expression(st._filters(["3007*", "PL"])))
    assert [rg.id for rg in kept.row_groups] == [1, 2, 5]
    got = st.load(path, units=["3007*", "PL"])
    assert got.frame["teryt"].tolist() == ["3007012"] * 3 + ["3007022"] * 3 + ["PL"] * 3
    assert got.frame["year"].tolist() == [2021, 2022, 2023] * 3
    assert st.load(path, units=["30"]).frame["teryt"].tolist() == ["30"] * 3  # not 30xxxxx


def test_store_written_in_one_unsorted_row_group_is_read_right(tmp_path):
    # the layout of stores written before the rows were grouped by unit
    path = tmp_path / "indicators.parquet"
    frame = st.conform(_frame().sample(frac=1, random_state=5))
    table = st.pa.Table.from_pandas(frame, preserve_index=False)
    st.pq.write_table(table.replace_schema_metadata(
        {**table.schema.metadata, b"strategy": b'{"demo": true, "sources": ["b.csv"]}'}), path)
    assert st.pq.ParquetFile(path).metadata.num_row_groups == 1
    got = st.load(path, units=["3007*", "30"])
    assert got.sources == ["b.csv"]
    expected = frame[frame["teryt"].isin(["3007012", "3007022", "30"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(got.frame, expected)
