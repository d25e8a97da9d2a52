"""The frames the document builders print, checked against their row-by-row definitions on the
diagnoses of the demo gminas."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from strategy.catalog import default_catalog
from strategy.diagnosis import diagnose
from strategy.documents.builders import common
from strategy.units import default_registry

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def diagnoses():
    from strategy.ingest.loading import load_inputs

    store, problems, _ = load_inputs(ROOT / "data" / "raw" / "demo")
    assert not problems
    gminas = [u.teryt for u in default_registry().gminas_of("3007")]
    return [diagnose(t, store) for t in gminas[:3]]


def _label(name: str, unit: str) -> str:
    """"name (unit)", the unit once: not added when the name's closing bracket already states it
    ("... (65+ na 100 osób w wieku 15-64)" with the unit "na 100 osób")."""
    if not unit:
        return name
    if name.endswith(")") and unit in name[name.rfind("("):]:
        return name
    if f" {unit} " in f" {name} ":   # "Saldo migracji na 1000 mieszkańców": said already
        return name
    return f"{name} ({unit})"


def _area_table_expected(table: pd.DataFrame) -> pd.DataFrame:
    df = table.copy()
    df.insert(0, "Wskaźnik (jednostka)", [_label(w, j)
                                          for w, j in zip(table["Wskaźnik"], table["Jednostka"])])
    df = df.drop(columns=["Wskaźnik", "Jednostka"])
    if "Miejsce wśród gmin" in df.columns:
        df["Miejsce wśród gmin"] = [
            "–" if pd.isna(r) or pd.isna(n) else f"{int(r)} z {int(n)}"
            for r, n in zip(table["Miejsce wśród gmin"], table["Liczba gmin"])]
        df = df.drop(columns=["Liczba gmin"])
    return df


def test_area_table_joins_units_and_ranks(diagnoses):
    n = 0
    for d in diagnoses:
        for table in d.tables.values():
            got = common.area_table(table)
            pd.testing.assert_frame_equal(got, _area_table_expected(table))
            assert got.attrs == table.attrs and got.attrs is not table.attrs
            n += 1
    assert n >= 10
    # a rank missing in one row, a unit missing in another
    # and a unit that the name's bracket already states
    t = pd.DataFrame({"Wskaźnik": ["a", "b", "c (65+ na 100 osób w wieku 15-64)"],
                      "Jednostka": ["osoby", "", "na 100 osób"], "2024": [1.0, np.nan, 2.0],
                      "Miejsce wśród gmin": [np.nan, 2.0, 1.0], "Liczba gmin": [11.0] * 3})
    t.attrs["indicators"] = ["x", "y", "z"]
    got = common.area_table(t)
    pd.testing.assert_frame_equal(got, _area_table_expected(t))
    assert got["Miejsce wśród gmin"].tolist() == ["–", "2 z 11", "1 z 11"]
    assert got["Wskaźnik (jednostka)"].tolist() == ["a (osoby)", "b",
                                                    "c (65+ na 100 osób w wieku 15-64)"]
    # repeated value column names are kept, each column with its own values
    t = pd.DataFrame([["a", "%", 1, 2.5, 3.0, 11.0], ["b", "", 3, 4.0, np.nan, 11.0]],
                     columns=["Wskaźnik", "Jednostka", "2024", "2024", "Miejsce wśród gmin",
                              "Liczba gmin"])
    got = common.area_table(t)
    pd.testing.assert_frame_equal(got, _area_table_expected(t))
    assert list(got.columns) == ["Wskaźnik (jednostka)", "2024", "2024", "Miejsce wśród gmin"]


def test_comparison_ranking_and_areas_frames_follow_the_rows(diagnoses):
    catalog = default_catalog()
    for d in diagnoses:
        c = d.comparisons[(d.comparisons["teryt"] == d.teryt)
                          & d.comparisons["comparable"].fillna(False).astype(bool)]
        want = []
        for r in c.itertuples():
            ind = catalog.get(r.indicator)
            # the assessment: similar within 10 % of the powiat's value, else by direction
            if r.direction == "neutral" or pd.isna(r.diff):
                verdict = "–"
            elif abs(r.value - r.powiat_value) < 0.1 * abs(r.powiat_value):
                verdict = "podobnie jak w powiecie"
            else:
                better = (r.diff < 0) if r.direction == "worse" else (r.diff > 0)
                verdict = "korzystniej" if better else "mniej korzystnie"
            # the difference of the values as printed: at most 2 places, half up
            shown = (Decimal(repr(float(r.value))).quantize(Decimal("0.01"), ROUND_HALF_UP)
                     - Decimal(repr(float(r.powiat_value))).quantize(Decimal("0.01"),
                                                                     ROUND_HALF_UP))
            want.append([_label(ind.name, ind.unit), float(r.value), float(r.powiat_value),
                         float(shown),
                         "–" if pd.isna(r.rank) else f"{int(r.rank)} z {int(r.n_units)}", verdict])
        got = common.comparison_frame(d, catalog)
        assert len(want) > 5
        assert got.astype(object).values.tolist() == want

        r = d.ranking[d.ranking["score"] > 0].head(12)
        want = [[str(i), catalog.get(x.indicator).name, catalog.areas.get(x.area, x.area),
                 float(x.gap), float(x.trend), float(x.level), float(x.score)]
                for i, x in enumerate(r.itertuples(), start=1)]
        assert common.ranking_frame(d, catalog).astype(object).values.tolist() == want

        want = [[str(i), a.area_name, float(a.score),
                 "; ".join(catalog.get(x).name for x in list(a.top_indicators)[:2])]
                for i, a in enumerate(d.areas.itertuples(), start=1)]
        assert common.areas_frame(d, catalog).astype(object).values.tolist() == want


def test_area_widths_give_the_indicator_name_what_the_figures_leave():
    import pandas as pd

    from strategy.documents.builders.common import RANK_WIDTH_CM, area_widths
    from strategy.documents.measure import text_width

    cols = ["Wskaźnik (jednostka)", "2020", "2021", "2022", "2023", "2024", "Powiat (2024)",
            "Miejsce wśród gmin"]
    name = "Liczba osób w rodzinach, którym przyznano pomoc z powodu: alkoholizm (osoba)"
    df = pd.DataFrame([[name, 4289830.0, 5.0, 6.0, 7.0, 8.0, 9.0, "1 z 11"]], columns=cols)
    w = area_widths(df, 16.5)
    assert len(w) == 8 and abs(sum(w) - 16.5) < 1e-6 and w[-1] >= RANK_WIDTH_CM
    # "4 289 830" at 9 pt: seven digits of 556/1000 em and two no-break spaces of 278/1000 em
    # = 40,03 pt = 800,6 twips, +3 % and 210 twips of cell margins and slack: 1034,6 twips
    assert abs(w[1] - 1034.6 / 567) < 0.01
    # the one-digit years need only their header word "2021" in bold: narrower than 2020's
    assert w[2] < w[1]
    # the name takes the rest: at least half of its unbroken width, so at most 2-3 lines
    # (the old fixed 4,6 cm made it 5 lines)
    assert w[0] >= text_width(name, 9) / 72 * 2.54 / 2 > 4.6
