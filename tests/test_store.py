import os

import pandas as pd
import pytest

from strategy import store as st
from strategy.errors import StoreError


def frame():
    return pd.DataFrame({
        "teryt": ["3007012", "3007012", "3007022"], "year": [2023, 2024, 2024],
        "indicator": ["ludnosc", "ludnosc", "ludnosc"], "value": [5100.0, 5080.0, float("nan")],
        "unit": ["osoba"] * 3, "source": ["GUS BDL"] * 3, "flag": ["", "", st.FLAG_NO_DATA],
    })


def test_write_and_load_roundtrip(tmp_path):
    path = tmp_path / "p" / "indicators.parquet"
    st.write(st.Store(frame(), demo=True, sources=["a.csv"]), path)
    got = st.load(path)
    assert got.demo is True and got.sources == ["a.csv"]
    assert list(got.frame.columns) == st.COLUMNS
    assert got.frame["teryt"].tolist() == ["3007012", "3007012", "3007022"]
    assert got.frame.loc[2, "flag"] == "brak_danych" and pd.isna(got.frame.loc[2, "value"])
    assert got.select(teryt="3007012", years=2024)["value"].tolist() == [5080.0]
    assert len(got.select(teryt="3007*")) == 3


def test_failed_write_leaves_previous_store(tmp_path, monkeypatch):
    path = tmp_path / "indicators.parquet"
    st.write(st.Store(frame()), path)
    before = path.read_bytes()

    def boom(*a, **k):
        raise OSError("dysk pełny")
    monkeypatch.setattr(st.pq, "write_table", boom)
    with pytest.raises(OSError):
        st.write(st.Store(frame().iloc[:1]), path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["indicators.parquet"]  # no temporary file left


def test_missing_store_message(tmp_path):
    with pytest.raises(StoreError, match="strategy ingest"):
        st.load(tmp_path / "brak.parquet")


def test_load_reads_only_the_units_asked_for(tmp_path):
    path = tmp_path / "s.parquet"
    f = pd.DataFrame({"teryt": ["3007012", "3007", "3008012", "30", "PL", "3061011"],
                      "year": [2024] * 6, "indicator": ["ludnosc"] * 6,
                      "value": [1.0, 2, 3, 4, 5, 6], "unit": "osoba", "source": "", "flag": ""})
    st.write(st.Store(f), path)
    got = st.load(path, units=["3007*", "30", "PL"]).frame
    assert sorted(got["teryt"]) == ["30", "3007", "3007012", "PL"]
    assert len(st.load(path).frame) == 6
