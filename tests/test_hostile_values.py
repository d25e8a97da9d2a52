"""Absurd values: numeric overflow is a Polish validation error with file, row and column; a
store that bypassed validation is warned about; an unreadable store gets a Polish message."""
from __future__ import annotations

import pandas as pd
import pytest

from strategy import notebook_helpers as nh
from strategy.errors import StoreError
from strategy.ingest.loading import load_inputs
from strategy.store import Store, load, write
from strategy.text import fmt_number
from strategy.validate import check_store_values

HUGE = "1" + "0" * 300


def test_overflow_in_a_tidy_csv_is_a_polish_problem_with_the_place(tmp_path):
    (tmp_path / "ops.csv").write_text(
        "teryt,year,indicator,value\n3007012,2023,rodziny_pomoc,12\n"
        f"3007022,2023,rodziny_pomoc,{HUGE}\n", encoding="utf-8")
    _, problems, _ = load_inputs([tmp_path], powiat="3007")
    (p,) = problems
    assert (p.file, p.row, p.column) == ("ops.csv", 3, "value")
    assert "liczba zbyt duża" in p.message and "InvalidOperation" not in str(p)


def test_overflow_in_an_xlsx_number_cell(tmp_path):
    from openpyxl import load_workbook

    from strategy.ingest.template import write_template
    path = write_template(tmp_path / "szablon.xlsx", "3007", years=[2023])
    wb = load_workbook(path)
    ws = wb["Pomoc społeczna i ubóstwo"]
    col = [c.value for c in ws[4]].index("rodziny_pomoc") + 1
    ws.cell(5, col, 1e300)
    wb.save(path)
    _, problems, _ = load_inputs([path], powiat="3007")
    (p,) = problems
    assert p.sheet == "Pomoc społeczna i ubóstwo" and p.row == 5
    assert "liczba zbyt duża" in p.message


def test_formatting_a_huge_value_does_not_raise():
    text = fmt_number(1e300)
    assert text.startswith("1\u00a0000\u00a0000") and len(text.replace("\u00a0", "")) == 301
    assert fmt_number(-2.5e40, 1).startswith("\u221225\u00a0000")


def _demo_store() -> Store:
    store, problems, _ = load_inputs(["data/raw/demo"], powiat="3007")
    assert not problems
    return store


def test_store_values_that_bypassed_validation_are_warned_about(tmp_path, capsys):
    store = _demo_store()
    assert check_store_values(store.frame) == []
    f = store.frame.copy()
    pop = f.index[(f["indicator"] == "ludnosc") & (f["teryt"] == "3007022")
                  & (f["year"] == 2020)][0]
    f.loc[pop, "value"] = -5
    share = f.index[f["indicator"] == "stopa_bezrobocia"][0]
    f.loc[share, "value"] = 140.0
    warnings = check_store_values(f)
    assert len(warnings) == 2
    assert any("Brzeziny" in w and "3007022" in w and "rok 2020" in w and "-5" in w
               and "Liczba ludności" in w and "ujemna" in w for w in warnings)
    assert any("powiat kaliski" in w and "140" in w and "udział powyżej 100%" in w
               for w in warnings)
    path = write(Store(frame=f, demo=True, sources=store.sources), tmp_path / "m.parquet")
    nh.open_store(path, "3007022")
    err = capsys.readouterr().err
    assert err.count("UWAGA: magazyn danych:") == 2 and "Brzeziny" in err


def test_many_bad_values_are_listed_up_to_the_limit():
    f = _demo_store().frame.copy()
    f.loc[f["indicator"] == "ludnosc", "value"] = -1.0
    n = int((f["indicator"] == "ludnosc").sum())
    warnings = check_store_values(f, limit=5)
    assert len(warnings) == 6 and warnings[-1] == f"magazyn danych: i {n - 5} innych takich wartości"


def test_unreadable_store_has_a_polish_message_naming_the_file(tmp_path):
    bad = tmp_path / "indicators.parquet"
    bad.write_bytes(b"PAR1 to nie jest magazyn")
    for units in (None, ["3007*"]):
        with pytest.raises(StoreError) as info:
            load(bad, units=units)
        msg = str(info.value)
        assert str(bad) in msg and "uszkodzony" in msg and "strategy ingest" in msg
        assert "magic bytes" not in msg and "Parquet magic" not in msg


def test_store_frame_helper_is_a_dataframe():
    # the check accepts an empty frame (a new store) without work
    assert check_store_values(pd.DataFrame(columns=["teryt", "year", "indicator", "value"])) == []
