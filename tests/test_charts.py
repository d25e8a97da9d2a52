"""Charts: deterministic PNG bytes, page size, decimal-comma axes, Polish glyphs, NaN gaps."""
import struct
import warnings
from types import SimpleNamespace as NS

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

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
GMINAS = pd.Series({"Blizanów": 450.3, "Brzeziny": 380.1, "Ceków-Kolonia": np.nan,
                    "Godziesze Wielkie": 512.0, "Koźminek": 301.2, "Żelazków": 333.3})
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
    "trend": lambda: charts.trend_chart("Beneficjenci na 10 tys. mieszkańców", UNIT, POWIAT,
                                        FORECAST, "na 10 tys. mieszkańców", SOURCE,
                                        "gmina Blizanów", "powiat kaliski"),
    "trend_bez_powiatu": lambda: charts.trend_chart("Liczba rodzin", UNIT, None, None,
                                                    "rodziny", SOURCE, "Blizanów", ""),
    "ranking": lambda: charts.ranking_chart("Ranking gmin", GMINAS, "Blizanów", 380.5,
                                            "worse", "na 10 tys. mieszkańców", SOURCE),
    "reasons": lambda: charts.reasons_chart("Powody przyznania pomocy", REASONS, SOURCE),
    "age": lambda: charts.age_structure_chart("Struktura wieku ludności", AGE, SOURCE),
    "foster": lambda: charts.foster_care_chart("Dzieci w pieczy zastępczej", FOSTER, SOURCE),
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_is_deterministic_png_16cm_wide(name):
    first, second = CHARTS[name](), CHARTS[name]()
    assert first == second
    width, height = png_size(first)
    assert width == round(16 / 2.54 * 200)        # 16 cm at 200 dpi = 1260 px
    assert 400 <= height <= 1800                  # 2 to 9 in: fits an A4 page with its caption
    assert b"tEXt" not in png_chunks(first) and b"tIME" not in png_chunks(first)


def test_charts_run_on_all_missing_and_tiny_inputs():
    nan = pd.Series([np.nan, np.nan], index=[2022, 2023])
    assert png_size(charts.trend_chart("t", nan, nan, None, "y", "s", "a", "b"))[0] == 1260
    one = charts.ranking_chart("t", {"Lisków": 3}, "Lisków", None, "neutral", "x", "s")
    assert one[:8] == PNG_SIGNATURE
    assert charts.reasons_chart("t", {"ubóstwo": 0}, "s")[:8] == PNG_SIGNATURE
    all_nan = pd.DataFrame({"a": [np.nan], "b": [np.nan]}, index=[2023])
    assert charts.foster_care_chart("t", all_nan, "s")[:8] == PNG_SIGNATURE


def test_decimal_comma_formatter_on_sample_ticks():
    f = charts.decimal_comma_formatter()
    f.set_locs([0, 0.5, 1.0, 1.5])
    assert [f(v) for v in (0, 0.5, 1.0, 1.5)] == ["0,0", "0,5", "1,0", "1,5"]
    f.set_locs([0, 5000, 10000, 15000])
    assert [f(v) for v in (0, 5000, 10000, 15000)] == ["0", f"5{NBSP}000", f"10{NBSP}000",
                                                     f"15{NBSP}000"]
    f.set_locs([-2500, 0, 2500])
    assert f(-2500) == f"-2{NBSP}500"
    f.set_locs([0, 0.25, 0.5])
    assert f(0.25) == "0,25"
    pct = charts.decimal_comma_formatter(suffix="%")
    pct.set_locs([0, 20, 40])
    assert pct(40) == "40%"
    fixed = charts.decimal_comma_formatter(1)
    fixed.set_locs([0, 1000, 2000])
    assert fixed(1234.56) == f"1{NBSP}234,6"


def _glyph_warnings(caught):
    return [w for w in caught if "missing from font" in str(w.message).lower()
            or "glyph" in str(w.message).lower()]


def test_polish_letters_render_without_missing_glyphs():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = charts.trend_chart("Źródło: ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ", UNIT, POWIAT, None,
                                  "liczba osób", "Źródło: ąćęłńóśźż", "Żelazków",
                                  "powiat kaliski")
    assert data[:8] == PNG_SIGNATURE
    assert _glyph_warnings(caught) == []


def test_glyph_check_detects_a_missing_glyph():
    """The check above can fail: a character DejaVu Sans lacks does raise the warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts.trend_chart("\u4e2d", UNIT, None, None, "y", "s", "a", "b")
    assert _glyph_warnings(caught)


def test_no_pyplot_figures_and_no_global_style_changes():
    from matplotlib._pylab_helpers import Gcf
    before = dict(matplotlib.rcParams)
    managers = Gcf.get_num_fig_managers()
    for _ in range(20):
        CHARTS["ranking"]()
    assert Gcf.get_num_fig_managers() == managers
    after = dict(matplotlib.rcParams)
    assert {k for k in before if before[k] != after[k]} == set()


def test_figure_to_png_is_deterministic_and_releases_the_figure():
    def build():
        fig = Figure(figsize=(charts.WIDTH_IN, 3))
        fig.add_subplot().plot([1, 2, 3], [2, 1, 3])
        return fig
    fig = build()
    a = charts.figure_to_png(fig)
    assert fig.axes == []                      # cleared after rendering
    assert a == charts.figure_to_png(build())
    assert png_size(a) == (1260, 600)


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
    # 2020: 1200 + 3900 + 900 = 6000 -> 20%, 65%, 15%
    assert shares.loc[2020].tolist() == pytest.approx([20.0, 65.0, 15.0])
    assert shares.loc[2022].isna().all()       # one group missing: no shares that year
    ids = AGE.rename(columns={"przedprodukcyjny": "ludnosc_przedprodukcyjna",
                              "produkcyjny": "ludnosc_produkcyjna",
                              "poprodukcyjny": "ludnosc_poprodukcyjna"})
    assert charts.age_shares(ids).loc[2020].tolist() == pytest.approx([20.0, 65.0, 15.0])


def test_long_title_is_wrapped_inside_the_figure():
    # ~100 characters of bold 9.5 pt text do not fit 16 cm: the title must wrap, not be cut off
    from strategy.charts import _Canvas
    title = ("Udział bezrobotnych zarejestrowanych w liczbie ludności w wieku produkcyjnym - "
             "gmina Blizanów na tle powiatu")
    canvas = _Canvas(title, "Źródło: test", 3.0)
    text = canvas.fig.texts[0]
    renderer = canvas.fig.canvas.get_renderer()
    box = text.get_window_extent(renderer)
    assert "\n" in text.get_text()
    assert box.x1 <= canvas.fig.bbox.x1


# _Plot draws the plot area without a matplotlib Axes; it must give the same picture as an
# Axes given the same calls. Each case draws through both and compares every pixel.

def _axes_case_trend(ax, plot):
    years = [2018, 2019, 2020, 2021, 2022]
    ax.plot(years, [-3.5, -1.25, np.nan, 0.4, -2.2], color=charts.UNIT_COLOR, linewidth=2.0,
            marker="o", markersize=4, label="gmina Żelazków", zorder=3)
    ax.plot(years, [-1.0, -0.5, -0.75, 0.1, -1.1], color=charts.POWIAT_COLOR, linewidth=1.4,
            marker="s", markersize=3.5, label="powiat kaliski", zorder=2)
    ax.fill_between([2022, 2023, 2024], [-2.2, -4.0, -5.5], [-2.2, 0.5, 1.75],
                    color=charts.FORECAST_FILL, linewidth=0, label="przedział prognozy")
    ax.plot([2022, 2023, 2024], [-2.2, -1.8, -1.9], color=charts.UNIT_COLOR, linewidth=1.6,
            linestyle="--", marker="o", markersize=3, markerfacecolor="white",
            label="prognoza", zorder=3)
    ax.axvline(2022.5, color=charts.POWIAT_COLOR, linewidth=0.8, linestyle=":")
    ax.text(2022.6, 1.0, "prognoza", transform=ax.get_xaxis_transform(), ha="left",
            va="top", fontsize=7.5, color=charts.POWIAT_COLOR, fontstyle="italic")
    ax.set_xlim(2017.6, 2024.4)                      # y is autoscaled (negative values)
    locator = MaxNLocator(integer=True, steps=[1, 2, 5, 10])
    if plot:
        ax.y.grid = True
        ax.x.locator, ax.x.formatter = locator, charts._YEAR_FORMATTER
        ax.y.formatter, ax.y.label = charts.DecimalCommaFormatter(), "na 1000 mieszkańców"
    else:
        ax.grid(axis="y")
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(charts._YEAR_FORMATTER)
        ax.yaxis.set_major_formatter(charts.DecimalCommaFormatter())
        ax.set_ylabel("na 1000 mieszkańców")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)


def _axes_case_ranking(ax, plot):
    names = ["Ceków-Kolonia", "Lisków", "Blizanów", "Godziesze Wielkie"]
    values = np.array([-12.5, 3.25, 40.0, 61.75])
    y = np.arange(len(names))
    colors = [charts.UNIT_COLOR if n == "Blizanów" else charts.OTHER_COLOR for n in names]
    ax.barh(y, values, color=colors, height=0.7, edgecolor="#4d4d4d", linewidth=0.4)
    for yi, v in zip(y, values):
        ax.text(v + 0.7, yi, f"{v:.2f}".replace(".", ","), va="center", ha="left",
                fontsize=7.5)
    ax.axvline(20.5, color=charts.POWIAT_COLOR, linestyle="--", linewidth=1.2)
    ax.text(20.5, 1.0, " powiat: 20,5", transform=ax.get_xaxis_transform(), ha="left",
            va="bottom", fontsize=7.5, color=charts.POWIAT_COLOR)
    if plot:
        ax.y.fixed, ax.y.labels, ax.y.bold = y, names, "Blizanów"
        ax.y.size, ax.y.labelsize = 0, 7.5
        ax.x.grid, ax.x.formatter, ax.x.label = True, charts.DecimalCommaFormatter(), "osoby"
    else:
        ax.set_yticks(y, labels=names)
        for label in ax.get_yticklabels():
            if label.get_text() == "Blizanów":
                label.set_fontweight("bold")
        ax.grid(axis="x")
        ax.xaxis.set_major_formatter(charts.DecimalCommaFormatter())
        ax.set_xlabel("osoby")
        ax.tick_params(axis="y", length=0, labelsize=7.5)
    ax.set_xlim(-12.5 * 1.15, 61.75 * 1.15)
    ax.set_ylim(-0.6, len(names) - 0.4)


def _axes_case_stacked(ax, plot):
    years = [2020, 2021, 2022]
    bottom = np.zeros(3)
    for i, v in enumerate([[20.0, 25.5, 30.0], [60.0, 55.0, 50.0], [20.0, 19.5, 20.0]]):
        ax.bar(years, v, bottom=bottom, color=charts.STACK_COLORS[i], edgecolor="#4d4d4d",
               linewidth=0.4, hatch=charts.STACK_HATCHES[i], width=0.7, label=f"grupa {i}")
        bottom = bottom + np.asarray(v)
    ax.text(2021, 50, "55,0%", ha="center", va="center", fontsize=7,
            bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8})
    ax.text(2022, 0, "brak danych", ha="center", va="bottom", rotation=90, fontsize=7)
    if plot:
        ax.x.fixed, ax.x.formatter = np.asarray(years), charts._YEAR_FORMATTER
        ax.y.formatter = charts.DecimalCommaFormatter(suffix="%")
        ax.y.grid, ax.y.locator, ax.y.label = True, MaxNLocator(integer=True), "udział"
    else:
        ax.set_xticks(years)
        ax.xaxis.set_major_formatter(charts._YEAR_FORMATTER)
        ax.yaxis.set_major_formatter(charts.DecimalCommaFormatter(suffix="%"))
        ax.grid(axis="y")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel("udział")
    ax.set_xlim(2019.4, 2022.6)
    ax.set_ylim(0, 100)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=3)


def _axes_case_random_bars(ax, plot, seed=0):
    # bars at arbitrary fractions of a pixel, hatched and not, some of zero height, with
    # neighbours far apart and close together: joined or one by one, the same pixels
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 14))
    x = np.cumsum(rng.uniform(0.3, 1.7, n))
    bottom = np.zeros(n)
    for i in range(3):
        v = rng.uniform(0, 40, n) * (rng.uniform(size=n) > 0.15)
        width = float(rng.uniform(0.2, 1.1))
        ax.bar(x, v, bottom=bottom, color=[charts.STACK_COLORS[(i + k) % 2 + i]
                                           for k in range(n)] if i == 1 else
               charts.STACK_COLORS[i], edgecolor="#4d4d4d", linewidth=float(rng.uniform(0, 2)),
               hatch=charts.STACK_HATCHES[(i + seed) % len(charts.STACK_HATCHES)], width=width,
               label=f"grupa {i}")
        bottom = bottom + v
    y = np.arange(4) + rng.uniform(-0.3, 0.3)
    ax.barh(y, rng.uniform(-5, 30, 4), color=charts.OTHER_COLOR, height=0.7,
            edgecolor="#4d4d4d", linewidth=0.4)
    if plot:
        ax.x.fixed, ax.x.formatter = x, charts._YEAR_FORMATTER
    else:
        ax.set_xticks(x)
        ax.xaxis.set_major_formatter(charts._YEAR_FORMATTER)
    ax.set_xlim(-6, x[-1] + 1)
    ax.set_ylim(0, float(bottom.max()) * 1.05 + 1)


@pytest.mark.parametrize("case", [_axes_case_trend, _axes_case_ranking, _axes_case_stacked,
                                  *(lambda ax, plot, s=seed: _axes_case_random_bars(ax, plot, s)
                                    for seed in range(6))])
def test_plot_area_draws_what_an_axes_draws(case):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    rect = [0.3, 0.35, 0.62, 0.55]
    pictures = []
    for plot in (False, True):
        with matplotlib.rc_context(charts.STYLE):
            fig = Figure(figsize=(charts.WIDTH_IN, 3.4), dpi=charts.DPI)
            FigureCanvasAgg(fig)
            ax = fig.add_artist(charts._Plot(fig, rect)) if plot else fig.add_axes(rect)
            case(ax, plot)
            fig.canvas.draw()
            pictures.append(np.asarray(fig.canvas.buffer_rgba()).copy())
    axes, plot_area = pictures
    assert (axes != 255).any()
    assert (plot_area == axes).all()
