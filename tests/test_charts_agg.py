"""The drawing end of the charts: PNG encoding keeps the pixels exactly and records 200 dpi; the
direct draw gives the same picture as savefig; the caching renderer the same pixels as Agg."""
import io
import struct
import zlib

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from strategy import charts
from strategy.charts_agg import encode_png


def _chunks(data: bytes) -> dict[bytes, bytes]:
    pos, out = 8, {}
    while pos < len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        crc = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]
        assert crc == zlib.crc32(kind + body)
        out[kind] = out.get(kind, b"") + body
        pos += 12 + length
    return out


def _decode(data: bytes) -> tuple[str, np.ndarray]:
    im = Image.open(io.BytesIO(data))
    return im.mode, np.asarray(im)


@pytest.mark.parametrize("shape", [(37, 53), (1, 1), (6, 1260)])
def test_opaque_pixels_round_trip_as_rgb_with_200_dpi(shape):
    rng = np.random.default_rng(7)
    rgba = rng.integers(0, 256, size=(*shape, 4), dtype=np.uint8)
    rgba[..., 3] = 255
    data = encode_png(rgba)
    mode, px = _decode(data)
    assert mode == "RGB"
    assert (px == rgba[..., :3]).all()
    # 200 dpi = 200 / 0.0254 = 7874.0 pixels per metre, unit byte 1 (metre)
    assert _chunks(data)[b"pHYs"] == struct.pack(">IIB", 7874, 7874, 1)
    assert set(_chunks(data)) == {b"IHDR", b"pHYs", b"IDAT", b"IEND"}   # no text, no time


def test_translucent_pixels_keep_the_alpha_channel():
    rgba = np.full((4, 6, 4), 255, dtype=np.uint8)
    rgba[1, 2] = (10, 200, 30, 128)
    rgba[3, 5] = (0, 0, 0, 0)
    mode, px = _decode(encode_png(rgba))
    assert mode == "RGBA"
    assert (px == rgba).all()


def test_up_filter_wraps_around_between_rows():
    # a row of 255 under a row of 0 and back: differences of +255 and -255 must wrap mod 256
    rgba = np.zeros((3, 2, 4), dtype=np.uint8)
    rgba[..., 3] = 255
    rgba[1, :, :3] = 255
    assert (_decode(encode_png(rgba))[1] == rgba[..., :3]).all()


def _figure():
    with matplotlib.rc_context(charts.STYLE):
        fig = Figure(figsize=(charts.WIDTH_IN, 2.5), dpi=charts.DPI)
        ax = fig.add_axes([0.12, 0.2, 0.8, 0.7])
        ax.plot([2019, 2020, 2021], [1.5, 2.25, 1.75], marker="o", color=charts.UNIT_COLOR)
        ax.set_title("Żółć gęślą jaźń")
        ax.yaxis.set_major_formatter(charts.decimal_comma_formatter())
    return fig


@pytest.mark.parametrize("dpi", [charts.DPI, 100])
def test_direct_draw_equals_savefig(dpi):
    reference = io.BytesIO()
    fig = _figure()
    fig.set_dpi(dpi)
    with matplotlib.rc_context(charts.STYLE):
        fig.savefig(reference, format="png", dpi=charts.DPI, facecolor="white",
                    edgecolor="white")
    fig = _figure()
    fig.set_dpi(dpi)
    ours = charts.figure_to_png(fig)
    mode, px = _decode(ours)
    ref = np.asarray(Image.open(io.BytesIO(reference.getvalue())).convert("RGB"))
    assert mode == "RGB" and px.shape == ref.shape == (500, 1260, 3)
    assert (px == ref).all()


def _text_figure(canvas_class, antialiased=True):
    """Strings at many fractions of a pixel, rotated and not, at several sizes."""
    with matplotlib.rc_context({**charts.STYLE, "text.antialiased": antialiased}):
        fig = Figure(figsize=(3, 2), dpi=charts.DPI)
        canvas_class(fig)
        for i in range(12):
            fig.text(0.02 + i * 0.0013, 0.05 + i * 0.07, "Źródło: gęś 1 234,5",
                     fontsize=7 + (i % 3) * 0.5)
            fig.text(0.7 + i * 0.0021, 0.1, "2019 żółw", rotation=90, fontsize=8)
        fig.text(0.3, 0.9, "Łódź ąę", fontsize=9.5, fontweight="bold", ha="center")
        fig.canvas.draw()
        return np.asarray(fig.canvas.buffer_rgba()).copy()


@pytest.mark.parametrize("antialiased", [True, False])
def test_caching_renderer_draws_the_same_pixels_as_agg(antialiased):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from strategy.charts_agg import CachingCanvas, clear_caches
    clear_caches()
    plain = _text_figure(FigureCanvasAgg, antialiased)
    cold = _text_figure(CachingCanvas, antialiased)      # caches filled while drawing
    warm = _text_figure(CachingCanvas, antialiased)      # everything taken from the caches
    assert (plain != 255).any()                          # there is text to compare
    assert (cold == plain).all()
    assert (warm == plain).all()


def test_caches_fill_and_clear():
    from strategy import charts_agg
    charts_agg.clear_caches()
    _text_figure(charts_agg.CachingCanvas)
    sizes, layouts, glyphs, runs = charts_agg._caches()
    assert sizes
    if charts_agg.GLYPH_CACHE:
        assert layouts and glyphs and runs
    charts_agg.clear_caches()
    assert not any(charts_agg._caches())


def test_warm_chart_equals_cold_chart():
    from strategy.charts_agg import clear_caches
    clear_caches()
    cold = charts.ranking_chart("Ranking", {"Ceków-Kolonia": 3.25, "Lisków": 1.5}, "Lisków",
                                2.0, "worse", "na 10 tys.", "Źródło: GUS")
    warm = charts.ranking_chart("Ranking", {"Ceków-Kolonia": 3.25, "Lisków": 1.5}, "Lisków",
                                2.0, "worse", "na 10 tys.", "Źródło: GUS")
    assert cold == warm


def _legend_charts():
    import pandas as pd
    from types import SimpleNamespace
    years = range(2018, 2024)
    unit = pd.Series([3.5, 4.25, np.nan, 5.0, 4.5, 4.75], index=years)
    forecast = SimpleNamespace(years=[2024, 2025], values=[4.8, 5.1], lower=[4.1, 4.0],
                               upper=[5.5, 6.2])
    age = pd.DataFrame({"przedprodukcyjny": [1200, 1180, 1150], "produkcyjny": [3900, 3880, 3850],
                        "poprodukcyjny": [900, 940, 1100]}, index=[2021, 2022, 2023])
    return [charts.trend_chart("Wskaźnik", unit, unit * 0.9, forecast, "os.", "GUS", "gmina Lisków",
                               "powiat kaliski"),
            charts.trend_chart("Inny wskaźnik", unit * 100, None, None, "os.", "GUS",
                               "gmina Lisków", ""),
            charts.age_structure_chart("Grupy wieku", age, "GUS")]


def test_replayed_legend_draws_the_same_pixels():
    # the first legend of a kind is drawn by matplotlib (and recorded), the next ones replayed
    from strategy import charts_agg
    charts_agg.clear_caches()
    cold = _legend_charts()
    assert any(key[0] == "_legend" for key in charts_agg._caches()[0] if isinstance(key, tuple))
    warm = _legend_charts()
    assert [_decode(c)[1].tolist() == _decode(w)[1].tolist() for c, w in zip(cold, warm)] == \
        [True] * 3
    assert cold == warm


def _overlap_figure(canvas_class):
    """Italic, bold and kerned strings whose neighbouring glyphs ink the same pixels, and
    texts of several lines."""
    with matplotlib.rc_context(charts.STYLE):
        fig = Figure(figsize=(3, 2), dpi=charts.DPI)
        canvas_class(fig)
        for i, s in enumerate(["brak danych", "prognoza", "ffi Wykres AVA", "/\\/\\ ////",
                               "Tyła Żyj", "rodziny zastępcze"]):
            fig.text(0.02 + i * 0.0017, 0.05 + i * 0.15, s, fontsize=7 + i * 0.5,
                     fontstyle="italic" if i % 2 else "normal",
                     fontweight="bold" if i % 3 == 2 else "normal")
        # several lines: the layout adds the font's line gap and ascent/descent
        fig.text(0.6, 0.9, "Liczba beneficjentów -\ngmina Blizanów", fontsize=9.5,
                 fontweight="bold", va="top")
        fig.text(0.6, 0.3, "wiek\nprzedprodukcyjny", fontsize=8, va="center_baseline",
                 ha="right", rotation=90, rotation_mode="anchor")
        fig.canvas.draw()
        return np.asarray(fig.canvas.buffer_rgba()).copy()


def test_joined_glyph_runs_keep_overlapping_glyphs_apart():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from strategy import charts_agg
    charts_agg.clear_caches()
    plain = _overlap_figure(FigureCanvasAgg)
    cold = _overlap_figure(charts_agg.CachingCanvas)
    warm = _overlap_figure(charts_agg.CachingCanvas)
    assert (cold == plain).all() and (warm == plain).all()
    if charts_agg.GLYPH_CACHE:
        runs = charts_agg._caches()[3]
        assert any(len(r) > 1 for r in runs.values())     # some glyphs did overlap


def test_joined_strings_stay_within_their_byte_budget(monkeypatch):
    from strategy import charts_agg
    if not charts_agg.GLYPH_CACHE:
        pytest.skip("glyph caches need matplotlib 3.11")
    charts_agg.clear_caches()
    monkeypatch.setattr(charts_agg, "RUN_CACHE_BYTES", 4000)
    _overlap_figure(charts_agg.CachingCanvas)
    runs = charts_agg._caches()[3]
    assert 0 < runs.nbytes <= 4000
    assert runs.nbytes == sum(im.nbytes for r in runs.values() for im, _, _ in r)
    charts_agg.clear_caches()
    assert runs.nbytes == 0 and not runs


def test_rgb_rows_word_copy_equals_the_plane_copy_at_chart_size():
    from strategy import charts_agg

    rng = np.random.default_rng(5)
    a = rng.integers(0, 256, (300, 1260, 4), dtype=np.uint8)
    a[..., 3] = 255
    row = 1 + 1260 * 3
    fast = charts_agg._rgb_rows(a, row)
    slow = charts_agg._rgb_rows_by_plane(a, row)
    # by definition: after each row's filter byte, R G B of every pixel in order
    assert (slow[:, 1:].reshape(300, 1260, 3) == a[..., :3]).all()
    assert (fast[:, 1:] == slow[:, 1:]).all() and charts_agg._WORD_COPY_OK
