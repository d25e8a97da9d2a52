"""Charts: what each chart shows (read from the returned Figure's public API), the Polish number
format, the highlighted unit chosen by code, and deterministic PNG bytes for documents."""
import struct
import warnings
from importlib import resources
from types import SimpleNamespace as NS

import matplotlib
import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from strategy import charts
from strategy.text import NBSP

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    width, height = struct.unpack(">II", data[16:24])  # IHDR follows the signature
    return width, height


def png_chunks(data: bytes) -> list[bytes]:
    pos, names = 8, []
    while pos < len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        names.append(data[pos + 4:pos + 8])
        pos += 12 + length
    return names


UNIT = pd.Series([120, 130, np.nan, 150, 145.5], index=[2019, 2020, 2021, 2022, 2023])
POWIAT = pd.Series([100.0, 110, 115, np.nan, 121], index=range(2019, 2024))
FORECAST = NS(years=[2024, 2025, 2026], values=[150, 153, 157], lower=[140, 138, 136],
              upper=[160, 168, 178])
#: Powiat kraśnicki: two gminas called Kraśnik (the town and the rural gmina).
KRASNIK = pd.Series({"0607011": 12.5, "0607022": 30.0, "0607032": 20.25})
KRASNIK_LABELS = {"0607011": "Kraśnik", "0607022": "Kraśnik", "0607032": "Dzierzkowice"}
REASONS = {"ubóstwo": 120, "bezrobocie": 80, "klęska żywiołowa lub ekologiczna": 0,
           "bezradność w sprawach opiekuńczo-wychowawczych i prowadzenia gospodarstwa "
           "domowego": 45, "alkoholizm": np.nan}
AGE = pd.DataFrame({"przedprodukcyjny": [1200, 1180, np.nan, 1150],
                    "produkcyjny": [3900, 3880, 3850, 3800],
                    "poprodukcyjny": [900, 940, 1100, 1050]}, index=[2020, 2021, 2022, 2023])
FOSTER = pd.DataFrame({"dzieci_rz_spokrewnione": [20, 22, 19],
                       "dzieci_rz_niezawodowe": [10, np.nan, 12],
                       "dzieci_placowki": [7, 6, 4]}, index=[2021, 2022, 2023])
SOURCE = "opracowanie własne na podstawie danych GUS BDL"

CHARTS = {
    "trend": (charts.trend_chart, ("Beneficjenci na 10 tys. mieszkańców", UNIT, POWIAT,
                                   FORECAST, "na 10 tys. mieszkańców", SOURCE,
                                   "gmina Blizanów", "powiat kaliski"), {}),
    "trend_bez_powiatu": (charts.trend_chart, ("Liczba rodzin", -UNIT, None, None, "rodziny",
                                               SOURCE, "Blizanów", ""), {}),
    "ranking": (charts.ranking_chart, ("Ranking gmin", KRASNIK, "0607022", 21.5, "worse",
                                       "na 10 tys. mieszkańców", SOURCE),
                {"labels": KRASNIK_LABELS}),
    "ranking_bez_wyroznienia": (charts.ranking_chart, ("Ranking", KRASNIK * 100, None, None,
                                                       "better", "osoby", SOURCE), {}),
    "reasons": (charts.reasons_chart, ("Powody przyznania pomocy", REASONS, SOURCE), {}),
    "age": (charts.age_structure_chart, ("Struktura wieku ludności", AGE, SOURCE), {}),
    "foster": (charts.foster_care_chart, ("Dzieci w pieczy zastępczej", FOSTER, SOURCE), {}),
}


def draw(name, **extra):
    fn, args, kwargs = CHARTS[name]
    return fn(*args, **kwargs, **extra)


def drawn(fig: Figure) -> Figure:
    fig.canvas.draw()          # tick labels are set when the figure is drawn
    return fig


def tick_labels(ax, axis: str) -> list[str]:
    """The tick labels shown inside the axis's view (matplotlib also keeps one beyond)."""
    lo, hi = sorted(ax.get_xlim() if axis == "x" else ax.get_ylim())
    index = 0 if axis == "x" else 1
    labels = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [t.get_text() for t in labels if lo - 1e-9 <= t.get_position()[index] <= hi + 1e-9]


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def legend_entries(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def source_line(fig) -> str:
    """The chart's source, which the picture must not show (the document prints it under it)."""
    held = [t for t in fig.texts if t.get_gid() == charts.SOURCE_GID]
    assert held and not any(t.get_visible() for t in held)
    assert not any("Źródło" in t.get_text() for t in fig.texts if t.get_visible())
    return charts.chart_source(fig)


def same_color(a, b) -> bool:
    return mcolors.to_hex(a) == mcolors.to_hex(b)


# ---- PNG for documents -------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_png_is_deterministic_16cm_wide_without_metadata(name):
    first, second = charts.figure_to_png(draw(name)), charts.figure_to_png(draw(name))
    assert first == second
    width, height = png_size(first)
    assert width == round(16 / 2.54 * 200)        # 16 cm at 200 dpi = 1260 px
    assert 400 <= height <= 1800                  # 2 to 9 in: fits an A4 page with its caption
    assert b"tEXt" not in png_chunks(first) and b"tIME" not in png_chunks(first)


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_the_picture_does_not_show_the_source(name):
    # the document prints the source once, under the figure: two sources, the same pixels
    fn, args, kwargs = CHARTS[name]
    is_source = [isinstance(a, str) and a == SOURCE for a in args]
    assert any(is_source)
    other = [("inne źródło danych, bardzo długie " * 4) if s else a for a, s in zip(args, is_source)]
    assert charts.figure_to_png(fn(*other, **kwargs)) == charts.figure_to_png(draw(name))


def test_a_reused_figure_gives_the_bytes_of_a_new_one():
    # charts of every kind one after another, twice, in two orders: each drawn into the
    # figure kept for its kind gives what a new figure gives (nothing left from the last one)
    fresh = {name: charts.figure_to_png(draw(name)) for name in CHARTS}
    for order in (list(CHARTS), list(CHARTS)[::-1]):
        for name in order:
            fn, args, kwargs = CHARTS[name]
            assert charts.chart_png(fn, *args, **kwargs) == fresh[name], name


def test_figure_to_png_closes_only_when_asked():
    fig = Figure(figsize=(charts.WIDTH_IN, 3))
    fig.add_subplot().plot([1, 2, 3], [2, 1, 3])
    data = charts.figure_to_png(fig)
    assert png_size(data) == (1260, 600) and len(fig.axes) == 1
    assert charts.figure_to_png(fig, close=True) == data
    assert fig.axes == []
    managed = plt.figure(figsize=(charts.WIDTH_IN, 3))
    managed.add_subplot().plot([1, 2, 3], [2, 1, 3])
    number = managed.number
    assert number in plt.get_fignums()
    assert charts.figure_to_png(managed, close=True) == data
    assert number not in plt.get_fignums()


def test_charts_make_no_pyplot_figures_and_leave_the_global_style_alone():
    before = dict(matplotlib.rcParams)
    figures = plt.get_fignums()
    for name in CHARTS:
        charts.figure_to_png(draw(name))
    assert plt.get_fignums() == figures
    after = dict(matplotlib.rcParams)
    assert {k for k in before if before[k] != after[k]} == set()


def test_the_style_sheet_ships_with_the_package_and_works_in_a_notebook_cell():
    shipped = resources.files("strategy") / "data" / "charts.mplstyle"
    assert shipped.is_file()
    outside = matplotlib.rcParams["savefig.dpi"]
    with plt.style.context(charts.STYLE):
        assert matplotlib.rcParams["font.sans-serif"][0] == "DejaVu Sans"
        assert matplotlib.rcParams["savefig.dpi"] == 200
        assert not matplotlib.rcParams["axes.spines.top"]
    assert matplotlib.rcParams["savefig.dpi"] == outside


# ---- Polish numbers -----------------------------------------------------------------------

def test_decimal_comma_formatter_on_sample_ticks():
    f = charts.DecimalCommaFormatter()
    f.set_locs([0, 0.5, 1.0, 1.5])
    assert [f(v) for v in (0, 0.5, 1.0, 1.5)] == ["0,0", "0,5", "1,0", "1,5"]
    f.set_locs([0, 5000, 10000, 15000])
    assert [f(v) for v in (0, 5000, 10000, 15000)] == ["0", f"5{NBSP}000", f"10{NBSP}000",
                                                     f"15{NBSP}000"]
    f.set_locs([-2500, 0, 2500])
    assert f(-2500) == f"\u22122{NBSP}500"   # a real minus sign
    f.set_locs([0, 0.25, 0.5])
    assert f(0.25) == "0,25"
    pct = charts.DecimalCommaFormatter(suffix="%")
    pct.set_locs([0, 20, 40])
    assert pct(40) == "40%"
    fixed = charts.DecimalCommaFormatter(1)
    fixed.set_locs([0, 1000, 2000])
    assert fixed(1234.56) == f"1{NBSP}234,6"


def test_axis_tick_labels_have_a_decimal_comma_and_grouped_thousands():
    small = pd.Series([0.5, 1.25, 2.0], index=[2021, 2022, 2023])
    ax = drawn(charts.trend_chart("t", small, None, None, "%", "s", "a", "b")).axes[0]
    # the axis runs from 0 to 2,24 (2,0 x 1,12): ticks every 0,5
    assert tick_labels(ax, "y") == ["0,0", "0,5", "1,0", "1,5", "2,0"]
    assert tick_labels(ax, "x") == ["2021", "2022", "2023"]
    large = pd.Series([12000.0, 15500.0], index=[2022, 2023])
    ax = drawn(charts.trend_chart("t", large, None, None, "osoby", "s", "a", "b")).axes[0]
    labels = tick_labels(ax, "y")
    assert "0" in labels and f"10{NBSP}000" in labels
    assert not any("." in label or "," in label for label in labels)


# ---- what each chart shows ----------------------------------------------------------------

def test_trend_chart_shows_unit_powiat_and_forecast_band():
    fig = draw("trend")
    ax = fig.axes[0]
    assert isinstance(ax, Axes)
    assert fig.get_suptitle() == "Beneficjenci na 10 tys. mieszkańców"
    assert ax.get_ylabel() == "na 10 tys. mieszkańców"
    assert source_line(fig) == f"Źródło: {SOURCE}"
    assert legend_entries(ax) == ["gmina Blizanów", "powiat kaliski", "przedział prognozy",
                                  "prognoza"]
    unit_line = ax.get_lines()[0]
    assert same_color(unit_line.get_color(), charts.UNIT_COLOR)
    assert list(unit_line.get_xdata()) == [2019, 2020, 2021, 2022, 2023]
    assert np.isnan(unit_line.get_ydata()[2])               # 2021 missing: a gap in the line
    # the band runs from the last observed point (2023: 145,5) over lower 136..upper 178
    (band,) = ax.collections
    box = band.get_paths()[0].get_extents()
    assert (box.x0, box.x1) == (2023, 2026) and (box.y0, box.y1) == (136, 178)
    assert same_color(band.get_facecolor()[0], charts.FORECAST_FILL)
    forecast_line = ax.get_lines()[2]
    assert list(forecast_line.get_xdata()) == [2023, 2024, 2025, 2026]
    assert list(forecast_line.get_ydata()) == [145.5, 150, 153, 157]
    assert "prognoza" in texts(ax)
    assert ax.get_ylim() == pytest.approx((0, 178 * 1.12))   # from 0, 12% above the top
    assert ax.get_xlim() == pytest.approx((2018.6, 2026.4))


def test_trend_chart_without_powiat_or_forecast_and_with_negative_values():
    ax = draw("trend_bez_powiatu").axes[0]
    assert legend_entries(ax) == ["Blizanów"]
    assert len(ax.collections) == 0 and "prognoza" not in texts(ax)
    # -150 .. -120 with 5% margins of the 30 span
    assert ax.get_ylim() == pytest.approx((-151.5, -118.5))


def test_ranking_highlights_the_unit_by_code_when_two_units_share_a_name():
    fig = draw("ranking")
    ax = fig.axes[0]
    bars = ax.containers[0]
    # 'worse': the largest value at the bottom (y = 0), the smallest on top
    assert [bar.get_width() for bar in bars] == [30.0, 20.25, 12.5]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Kraśnik", "Dzierzkowice",
                                                            "Kraśnik"]
    dark = [bar.get_width() for bar in bars
            if same_color(bar.get_facecolor(), charts.UNIT_COLOR)]
    assert dark == [30.0]                                      # 0607022, not both Kraśniks
    assert all(same_color(bar.get_facecolor(), charts.OTHER_COLOR)
               for bar in bars if bar.get_width() != 30.0)
    weights = [t.get_fontweight() for t in ax.get_yticklabels()]
    assert weights == ["bold", "normal", "normal"]
    other = charts.ranking_chart("Ranking gmin", KRASNIK, "0607011", 21.5, "worse", "x",
                                 SOURCE, labels=KRASNIK_LABELS).axes[0]
    assert [bar.get_width() for bar in other.containers[0]
            if same_color(bar.get_facecolor(), charts.UNIT_COLOR)] == [12.5]


def test_ranking_shows_values_the_powiat_line_and_labels():
    fig = draw("ranking")
    ax = fig.axes[0]
    assert fig.get_suptitle() == "Ranking gmin"
    assert ax.get_xlabel() == "na 10 tys. mieszkańców"
    assert source_line(fig) == f"Źródło: {SOURCE}"
    # one decimal (12,5 needs it); 20,25 rounds half up to 20,3
    assert texts(ax) == ["30,0", "20,3", "12,5", " powiat: 21,5"]
    (powiat_line,) = ax.get_lines()
    assert list(powiat_line.get_xdata()) == [21.5, 21.5]
    plain = draw("ranking_bez_wyroznienia").axes[0]
    # no labels given: the codes are shown; 'better': the largest on top; no highlight
    assert [t.get_text() for t in plain.get_yticklabels()] == ["0607011", "0607032",
                                                               "0607022"]
    assert not any(same_color(b.get_facecolor(), charts.UNIT_COLOR)
                   for b in plain.containers[0])
    assert len(plain.get_lines()) == 0


def test_reasons_chart_drops_zeros_and_puts_the_largest_on_top():
    fig = draw("reasons")
    ax = fig.axes[0]
    assert [bar.get_width() for bar in ax.containers[0]] == [45, 80, 120]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[1:] == ["bezrobocie", "ubóstwo"]
    assert labels[0].startswith("bezradność w sprawach") and "\n" in labels[0]  # wrapped
    assert texts(ax) == ["45", "80", "120"]
    assert ax.get_xlabel() == "liczba rodzin"
    assert fig.get_suptitle() == "Powody przyznania pomocy"


def test_reasons_labels_of_several_lines_do_not_run_into_each_other():
    reasons = {"ubóstwo": 74, "bezrobocie": 41,
               "bezradność w sprawach opiekuńczo-wychowawczych i prowadzenia gospodarstwa "
               "domowego": 32, "potrzeba ochrony macierzyństwa (w tym wielodzietność)": 17,
               "trudności w przystosowaniu do życia po opuszczeniu zakładu karnego": 3,
               "bezdomność": 2}
    ax = drawn(charts.reasons_chart("Powody", reasons, SOURCE)).axes[0]
    boxes = [t.get_window_extent() for t in ax.get_yticklabels()]   # bottom to top
    assert [t.get_text().count("\n") + 1 for t in ax.get_yticklabels()] == [1, 2, 2, 3, 1, 1]
    for lower, upper in zip(boxes, boxes[1:]):
        assert lower.y1 <= upper.y0


def test_age_structure_chart_shows_shares_in_percent():
    fig = drawn(draw("age"))
    ax = fig.axes[0]
    assert legend_entries(ax) == ["wiek przedprodukcyjny (0-17 lat)", "wiek produkcyjny",
                                  "wiek poprodukcyjny"]
    assert ax.get_ylabel() == "udział w ludności ogółem"
    # 2020: 1200 + 3900 + 900 = 6000 -> 20%, 65%, 15%
    assert [c[0].get_height() for c in ax.containers] == pytest.approx([20.0, 65.0, 15.0])
    assert {"20,0%", "65,0%", "15,0%"} <= set(texts(ax))
    assert "brak danych" in texts(ax)                         # 2022: one group missing
    assert tick_labels(ax, "y") == ["0%", "20%", "40%", "60%", "80%", "100%"]
    assert ax.get_ylim() == (0, 100)


def test_foster_care_chart_shows_totals_and_incomplete_years():
    fig = draw("foster")
    ax = fig.axes[0]
    assert legend_entries(ax) == ["rodziny zastępcze spokrewnione",
                                  "rodziny zastępcze niezawodowe",
                                  "placówki opiekuńczo-wychowawcze"]
    assert ax.get_ylabel() == "liczba dzieci"
    shown = texts(ax)
    assert "37" in shown and "35" in shown                    # 20 + 10 + 7, 19 + 12 + 4
    assert "dane niepełne" in shown and "28" not in shown     # 2022: 22 + ? + 6
    assert ax.get_ylim() == pytest.approx((0, 37 * 1.12))


def test_long_title_is_wrapped_inside_the_figure():
    # ~100 characters of bold 9.5 pt text do not fit 16 cm: the title must wrap, not be cut off
    title = ("Udział bezrobotnych zarejestrowanych w liczbie ludności w wieku produkcyjnym - "
             "gmina Blizanów na tle powiatu")
    fig = drawn(charts.trend_chart(title, UNIT, None, None, "%", "test", "a", "b"))
    (text,) = [t for t in fig.texts if t.get_text() == fig.get_suptitle()]
    assert "\n" in text.get_text()
    assert text.get_window_extent().x1 <= fig.bbox.x1


def test_a_notebook_can_change_the_returned_figure():
    fig = draw("trend")
    before = charts.figure_to_png(fig)
    fig.axes[0].axhline(100, color="red")
    assert charts.figure_to_png(fig) != before


def test_charts_run_on_all_missing_and_tiny_inputs():
    nan = pd.Series([np.nan, np.nan], index=[2022, 2023])
    ax = charts.trend_chart("t", nan, nan, None, "y", "s", "a", "b").axes[0]
    assert "brak danych" in texts(ax) and ax.get_ylim() == (0, 1)
    one = charts.ranking_chart("t", {"0607011": 3}, "0607011", None, "neutral", "x", "s")
    assert png_size(charts.figure_to_png(one))[0] == 1260
    empty = charts.reasons_chart("t", {"ubóstwo": 0}, "s").axes[0]
    assert "brak danych" in texts(empty)
    all_nan = pd.DataFrame({"a": [np.nan], "b": [np.nan]}, index=[2023])
    assert "brak danych" in texts(charts.foster_care_chart("t", all_nan, "s").axes[0])


def _glyph_warnings(caught):
    return [w for w in caught if "missing from font" in str(w.message).lower()
            or "glyph" in str(w.message).lower()]


def test_polish_letters_render_without_missing_glyphs():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts.figure_to_png(charts.trend_chart("Źródło: ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ", UNIT, POWIAT,
                                                None, "liczba osób", "Źródło: ąćęłńóśźż",
                                                "Żelazków", "powiat kaliski"))
    assert _glyph_warnings(caught) == []


def test_glyph_check_detects_a_missing_glyph():
    """The check above can fail: a character DejaVu Sans lacks does raise the warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts.figure_to_png(charts.trend_chart("\u4e2d", UNIT, None, None, "y", "s", "a", "b"))
    assert _glyph_warnings(caught)


# ---- ordering helpers ---------------------------------------------------------------------

def test_ranking_order_most_favourable_on_top():
    s = pd.Series({"A": 3.0, "B": 1.0, "C": np.nan, "D": 2.0})
    # barh draws the first row at the bottom, so the last one is on top
    assert list(charts._favourable_order(s, "worse").index) == ["C", "A", "D", "B"]
    assert list(charts._favourable_order(s, "better").index) == ["C", "B", "D", "A"]


def test_reasons_order_drops_zeros_and_missing():
    s = charts.reasons_order({"ubóstwo": 120, "bezrobocie": 80, "sieroctwo": 0,
                              "alkoholizm": np.nan, "przemoc w rodzinie": 95})
    assert list(s.index) == ["bezrobocie", "przemoc w rodzinie", "ubóstwo"]  # largest last


def test_age_shares():
    shares = charts.age_shares(AGE)
    assert list(shares.columns) == ["wiek przedprodukcyjny (0-17 lat)", "wiek produkcyjny",
                                    "wiek poprodukcyjny"]
    assert shares.loc[2020].tolist() == pytest.approx([20.0, 65.0, 15.0])
    assert shares.loc[2022].isna().all()       # one group missing: no shares that year
    ids = AGE.rename(columns={"przedprodukcyjny": "ludnosc_przedprodukcyjna",
                              "produkcyjny": "ludnosc_produkcyjna",
                              "poprodukcyjny": "ludnosc_poprodukcyjna"})
    assert charts.age_shares(ids).loc[2020].tolist() == pytest.approx([20.0, 65.0, 15.0])
