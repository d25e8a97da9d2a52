"""Figures of a diagnosis are drawn when first read, and are the charts the data asks for."""
import matplotlib.colors as mcolors
import pandas as pd
from matplotlib.figure import Figure as MplFigure

from strategy import charts
from strategy.diagnosis import Figure, diagnose
from strategy.store import Store, conform
from strategy.units import default_registry

GMINAS = [u.teryt for u in default_registry().gminas_of("3007")]


def _store():
    rows = []
    for i, t in enumerate(GMINAS):
        for y in range(2017, 2024):
            rows.append((t, y, "ludnosc", 1000 * (i + 1)))
            rows.append((t, y, "beneficjenci", 10 * (i + 1) + (y - 2017)))
    df = pd.DataFrame(rows, columns=["teryt", "year", "indicator", "value"])
    return Store(frame=conform(df.assign(unit="", source="", flag="")), demo=False)


def test_figure_draws_once_on_first_read():
    calls = []

    def draw(reuse=False):
        calls.append(reuse)
        fig = MplFigure(figsize=(2, 1))
        fig.add_subplot().plot([0, 1], [1, 0])
        return fig
    f = Figure(draw, "Podpis", "Źródło")
    assert not f.drawn and calls == []
    png = f.png
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and f.png is png
    assert calls == [True] and f.drawn           # drawn once, into a kept figure
    assert isinstance(f.chart(), MplFigure) and calls == [True, False]   # a new one
    eager = Figure(b"abc", "Podpis", "Źródło")
    assert eager.drawn and eager.png == b"abc" and eager.chart() is None
    assert Figure(b"abc", "Podpis", "Źródło") == eager


def test_diagnosis_draws_only_the_figures_read(monkeypatch):
    drawn = []
    trend = charts.trend_chart

    def counting(*args, **kwargs):
        drawn.append(args)
        return trend(*args, **kwargs)
    monkeypatch.setattr(charts, "trend_chart", counting)
    d = diagnose(GMINAS[0], _store(), horizon=2026)
    assert "trend_beneficjenci_na_10tys" in d.figures
    assert drawn == [] and not any(f.drawn for f in d.figures.values())
    png = d.figures["trend_beneficjenci_na_10tys"].png
    assert len(drawn) == 1
    title, unit_s, powiat_s, fc = drawn[0][:4]
    # no title in the picture: the caption above the figure names it
    assert title == ""
    assert d.figures["trend_beneficjenci_na_10tys"].caption.startswith("Liczba beneficjentów")
    # gmina 1: (10 + (y - 2017)) / 1000 * 10 000 per 10 thousand residents
    assert unit_s.loc[2023] == 160.0 and unit_s.loc[2017] == 100.0
    assert fc is not None and list(fc.years)[-1] == 2026
    assert png == charts.figure_to_png(trend(*drawn[0]))   # the chart drawn directly
    assert d.figures["trend_beneficjenci_na_10tys"].caption.endswith(
        "na tle powiatu wraz z prognozą do 2026 r.")


def test_ranking_figure_highlights_the_gmina_by_code():
    d = diagnose(GMINAS[0], _store(), horizon=2026)
    ax = d.figures["ranking_beneficjenci_na_10tys"].chart().axes[0]
    dark = [bar.get_width() for bar in ax.containers[0]
            if mcolors.to_hex(bar.get_facecolor()) == charts.UNIT_COLOR]
    # gmina 1 in 2023: (10 + 6) / 1000 * 10 000 = 160 beneficiaries per 10 thousand
    assert dark == [160.0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert d.name in names and len(names) == len(GMINAS)
