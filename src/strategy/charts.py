"""Charts of a diagnosis in one house style, returned as PNG bytes ready for a Word document.

In: pandas Series/DataFrames of figures by year or by gmina (NaN = no data), Polish labels, the
source line, and for the trend chart an optional forecast (an object with ``years``, ``values``,
``lower``, ``upper``).
Out: PNG bytes, 16 cm (6.3 in) wide at 200 dpi, high enough to read but within an A4 page.

House style: DejaVu Sans (ships with matplotlib and has every Polish letter), decimal comma and
no-break-space grouping on the axes (formatted by :func:`strategy.text.fmt_number`), a source
line ("Źródło: ...") under the plot, the unit in a dark colour, the powiat in a neutral grey, and
colours of distinct lightness (plus hatching in stacked bars) so a grayscale print stays readable.

This module and its drawing end :mod:`strategy.charts_agg` are the only ones that import
matplotlib. They never touch the global ``rcParams`` or the pyplot state: figures are plain
:class:`~matplotlib.figure.Figure` objects on an explicit Agg canvas, built and drawn with the
house style set and the previous values put back afterwards (:func:`_house_style`, a lighter
:func:`matplotlib.rc_context`), so nothing leaks between calls and notebooks keep their own
settings. Layout uses fixed margins (no ``tight_layout``), which is fast and keeps the pixel size
exact. The plot area is not a matplotlib Axes but :class:`_Plot`, which draws the same picture
(ticks, grid, labels, spines, legend) from a few plain artists in about half the time. The
canvas (:class:`~strategy.charts_agg.CachingCanvas`) reuses text sizes, layouts and glyph
bitmaps from earlier charts - the same pixels, drawn in about half the time. The PNG carries
no metadata, so the same inputs always give the same bytes.
"""
from __future__ import annotations

import contextlib
import math
import textwrap

import matplotlib
import matplotlib.colors as mcolors
import matplotlib.path as mpath
import matplotlib.transforms as mtransforms
import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import Collection, FillBetweenPolyCollection
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.offsetbox import OffsetBox
from matplotlib.lines import TICKDOWN, TICKLEFT, Line2D
from matplotlib.patches import Patch, PathPatch, Rectangle
from matplotlib.text import Text
from matplotlib.ticker import (AutoLocator, FixedLocator, Formatter, FuncFormatter, Locator,
                               MaxNLocator)

from . import caches
from .charts_agg import (CachingCanvas, CachingRenderer, LayoutCachingText, encode_png,
                         layout_style, legend_cache, remember, text_layout)
from .text import NO_DATA, fmt_number

WIDTH_IN = 6.3           # 16 cm
DPI = 200
MAX_HEIGHT_IN = 9.0      # leaves room for the caption on an A4 page with 2.5 cm margins

#: Colours chosen for distinct lightness, so that they stay apart in grayscale.
UNIT_COLOR = "#08306b"       # the unit the document is about: dark blue
POWIAT_COLOR = "#737373"     # the powiat: neutral grey
OTHER_COLOR = "#c6c6c6"      # other gminas: light grey
FORECAST_FILL = "#c6dbef"    # forecast interval: pale blue
STACK_COLORS = ["#08306b", "#6baed6", "#deebf7", "#fdae6b", "#a63603"]
STACK_HATCHES = ["", "//", "..", "xx", "\\\\"]

STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 8.5,
    "axes.titlesize": 9,
    "axes.labelsize": 8.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#4d4d4d",
    "axes.axisbelow": True,
    "axes.unicode_minus": False,
    "grid.color": "#e0e0e0",
    "grid.linewidth": 0.6,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "hatch.linewidth": 0.6,
    "hatch.color": "#4d4d4d",
    "svg.hashsalt": "strategy",
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
}

AGE_GROUPS = [("przedprodukcyjn", "wiek przedprodukcyjny (0-17 lat)"),
              ("poprodukcyjn", "wiek poprodukcyjny"),
              ("produkcyjn", "wiek produkcyjny")]
_AGE_ORDER = ["wiek przedprodukcyjny (0-17 lat)", "wiek produkcyjny", "wiek poprodukcyjny"]

#: Labels of the foster-care forms when the frame uses catalogue ids as column names.
FOSTER_LABELS = {
    "dzieci_rz_spokrewnione": "rodziny zastępcze spokrewnione",
    "dzieci_rz_niezawodowe": "rodziny zastępcze niezawodowe",
    "dzieci_rz_zawodowe": "rodziny zastępcze zawodowe",
    "dzieci_rdd": "rodzinne domy dziecka",
    "dzieci_placowki": "placówki opiekuńczo-wychowawcze",
}


class DecimalCommaFormatter(Formatter):
    """Tick labels with a decimal comma and grouped thousands, one number of decimals per axis.

    The number of decimals is the fewest (at most three) that tell all the axis's ticks apart
    exactly, so an axis reads ``0,0 0,5 1,0 1,5`` or ``0 5 000 10 000``; ``suffix`` is appended
    (``%``).
    """

    def __init__(self, decimals: int | None = None, suffix: str = ""):
        self.fixed = decimals
        self.decimals = 0 if decimals is None else decimals
        self.suffix = suffix

    def set_locs(self, locs):
        super().set_locs(locs)
        if self.fixed is None:
            self.decimals = _decimals_needed(locs)

    def __call__(self, x, pos=None):
        return fmt_number(x, self.decimals, group4=True) + self.suffix


def _decimals_needed(values, most: int = 3) -> int:
    finite = [float(v) for v in values if v is not None and np.isfinite(v)]
    for d in range(most + 1):
        if all(abs(v - round(v, d)) < 1e-9 * max(1.0, abs(v)) for v in finite):
            return d
    return most


def decimal_comma_formatter(decimals: int | None = None, suffix: str = "") -> Formatter:
    """Return the axis formatter of the house style (decimal comma, grouped thousands)."""
    return DecimalCommaFormatter(decimals, suffix)


_YEAR_FORMATTER = FuncFormatter(lambda v, pos=None: f"{int(round(v))}")


@contextlib.contextmanager
def _house_style():
    """``rc_context(STYLE)`` for the chart functions' own code, which sets no other rcParams:
    only the keys of :data:`STYLE` are saved and put back (rc_context copies all ~300
    rcParams at each chart)."""
    rc = matplotlib.rcParams
    saved = {key: rc[key] for key in STYLE}
    try:
        rc.update(STYLE)
        yield
    finally:
        if hasattr(rc, "_update_raw"):
            rc._update_raw(saved)
        else:  # pragma: no cover - older matplotlib
            dict.update(rc, saved)


def _render(fig, styled: bool = False) -> bytes:
    """Return PNG bytes of the figure drawn at :data:`DPI` on a white background.

    ``styled``: the caller draws inside the house style (:func:`_house_style`) already.
    """
    with contextlib.nullcontext() if styled else matplotlib.rc_context(STYLE):
        canvas = fig.canvas
        if canvas is None or not isinstance(canvas, FigureCanvasAgg):
            canvas = CachingCanvas(fig)
        if fig.get_dpi() != DPI:
            fig.set_dpi(DPI)
        fig.patch.set_facecolor("white")
        fig.patch.set_edgecolor("white")
        canvas.draw()
        return encode_png(np.asarray(canvas.buffer_rgba()), DPI)


def figure_to_png(fig) -> bytes:
    """Return the figure as PNG bytes without metadata (deterministic) and release it.

    The figure is drawn at :data:`DPI` on a white background straight onto its Agg canvas and
    the pixels are encoded by :func:`encode_png` (``savefig`` would draw the same pixels but
    spend longer on its own bookkeeping and on Pillow's encoder). A pyplot figure is closed;
    any figure is cleared, so a caller holding it keeps no artists alive.
    """
    data = _render(fig)
    if getattr(fig.canvas, "manager", None) is not None:  # a pyplot figure passed in
        import matplotlib.pyplot as plt
        plt.close(fig)
    fig.clear()
    return data


def _source_text(source: str) -> str:
    s = (source or "").strip()
    if not s:
        return ""
    return s if s.lower().startswith("źródło") else f"Źródło: {s}"


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width, break_long_words=False)) or str(text)


class _Legend(Legend):
    """A Legend that lays its boxes out once per draw.

    Drawing a legend asks every box of it for its size again and again (the legend's extent,
    then each packer for its children's, down to every text's layout) - most of a legend's
    time. The sizes depend only on the renderer, so while this legend draws, each box keeps
    the first answer; positions are set and the artists drawn exactly as before.
    """

    def draw(self, renderer):
        boxes, stack = [], [self._legend_box]
        while stack:
            box = stack.pop()
            boxes.append(box)
            stack.extend(c for c in box.get_children() if isinstance(c, OffsetBox))
        patched = []
        for box in boxes:
            for name in ("get_bbox", "_get_bbox_and_child_offsets"):
                if hasattr(box, name):
                    setattr(box, name, _once(getattr(box, name)))
                    patched.append((box, name))
        try:
            super().draw(renderer)
        finally:
            for box, name in patched:
                delattr(box, name)


def _once(method):
    """Return ``method`` remembering its result for each renderer."""
    results = {}

    def remembered(renderer):
        key = id(renderer)
        if key not in results:
            results[key] = method(renderer)
        return results[key]
    return remembered


class _TextStyle:
    """The look of a group of plot texts: font, colour, alignment and rotation, taken from a
    Text built with the same keywords (so from the same rcParams) and kept as its template."""

    __slots__ = ("template", "prop", "rgba", "antialiased", "angle", "key")

    def __init__(self, fig, kwargs):
        t = Text(0, 0, "", **kwargs)
        t.set_figure(fig)
        self.template = t
        self.prop = t.get_fontproperties()
        self.rgba = mcolors.to_rgba(t.get_color())
        self.antialiased = t.get_antialiased()
        self.angle = t.get_rotation()
        self.key = layout_style(t)


class _Label:
    """A text of the plot area, drawn exactly as :meth:`Text.draw` draws a Text of its style
    (same layout, position, graphics context and glyphs) without building a Text: a chart has
    some thirty of them, and a Text costs more to set up and draw than its glyphs. The layout
    comes from the canvas's cache (:func:`strategy.charts_agg.text_layout`)."""

    __slots__ = ("x", "y", "text", "transform", "style")
    zorder = 3      # Text's

    def __init__(self, x, y, text, transform, style: _TextStyle):
        self.x, self.y, self.text = x, y, str(text)
        self.transform = transform
        self.style = style

    def get_zorder(self):
        return self.zorder

    def _layout(self, renderer):
        return text_layout(renderer, self.style.key, self.text, self.style.template)

    def get_window_extent(self, renderer):
        """The same box as Text.get_window_extent."""
        x, y = self.transform.transform((float(self.x), float(self.y)))
        if self.text == "":
            return mtransforms.Bbox.from_bounds(x, y, 0, 0)
        points = self._layout(renderer)[0]
        return mtransforms.Bbox(points + (x, y))

    def draw(self, renderer):
        if self.text == "":
            return
        lines = self._layout(renderer)[3]
        posx, posy = self.transform.transform((float(self.x), float(self.y)))
        if not (np.isfinite(posx) and np.isfinite(posy)):
            return
        canvash = renderer.get_canvas_width_height()[1]
        st = self.style
        gc = renderer.new_gc()
        gc.set_foreground(st.rgba, isRGBA=True)
        gc.set_alpha(None)
        gc.set_url(None)
        gc.set_antialiased(st.antialiased)
        gc.set_snap(None)
        flip = renderer.flipy()
        for line, ismath, x, y in lines:
            x = x + posx
            y = y + posy
            if flip:
                y = canvash - y
            renderer.draw_text(gc, x, y, line, st.prop, st.angle, ismath=ismath, mtext=None)
        gc.restore()


class _AxisSpec:
    """What one axis of a :class:`_Plot` shows: locator or fixed ticks, formatter, grid, label."""

    def __init__(self, name: str):
        self.name = name
        self.lim = None             # explicit view limits, None = autoscale
        self.locator = None         # None = matplotlib's default AutoLocator
        self.formatter = None       # None = DecimalCommaFormatter()
        self.fixed = None           # fixed tick positions (set_ticks)
        self.labels = None          # fixed tick labels
        self.bold = None            # the tick label drawn in bold
        self.grid = False
        self.size = None            # tick length in points (None = rcParams)
        self.labelsize = None
        self.label = ""


_RECT_CODES = mpath.Path.unit_rectangle().codes


class _Bars:
    """Bars of one style (edge, hatch, line width; the face colour may vary), drawn as
    :meth:`Patch.draw` draws a Rectangle for each, in order, from one graphics context.

    A Rectangle per bar costs more to build and draw than Agg takes to fill it. Here the
    first bar's Rectangle carries the style (and stands for the bars in a legend); each bar
    is the unit square under the transform a Rectangle of its bounds would have, the matrix
    computed as matplotlib computes it (checked against the Rectangle's own on the first bar;
    should they ever differ, every bar's transform comes from the Rectangle itself).
    """

    __slots__ = ("patch", "left", "bottom", "width", "height", "faces")

    def __init__(self, patch: Rectangle, left, bottom, width, height, facecolors):
        self.patch = patch
        self.left, self.bottom, self.width, self.height = left, bottom, width, height
        alpha = patch.get_alpha() if patch.get_fill() else 0
        self.faces = [mcolors.to_rgba(c, alpha) for c in facecolors]

    def get_zorder(self):
        return self.patch.get_zorder()

    def _matrices(self):
        patch = self.patch
        data = Artist.get_transform(patch).get_matrix()
        out = []
        for x0, y0, w, h in zip(self.left, self.bottom, self.width, self.height):
            # Rectangle.get_patch_transform: BboxTransformTo(bbox) after an identity (no
            # rotation), then the data transform (CompositeAffine2D.get_matrix)
            x1, y1 = x0 + w, y0 + h
            box = np.array([[x1 - x0, 0.0, x0], [0.0, y1 - y0, y0], [0.0, 0.0, 1.0]], float)
            out.append(np.dot(data, box))
        patch.set_bounds(self.left[0], self.bottom[0], self.width[0], self.height[0])
        if not np.array_equal(out[0], patch.get_transform().get_affine().get_matrix()):
            out = []
            for bounds in zip(self.left, self.bottom, self.width, self.height):
                patch.set_bounds(*bounds)
                out.append(patch.get_transform().get_affine().get_matrix())
        return out

    def draw(self, renderer):
        patch = self.patch
        if not patch.get_visible():
            return
        path = patch.get_path()
        matrices = self._matrices()
        args = self._joined(matrices, renderer, path)
        if args is None:
            args = [(path, m, face if face[3] else None) for m, face in zip(matrices, self.faces)]
        patch._draw_paths_with_artist_properties(renderer, args)

    def _joined(self, matrices, renderer, path):
        """Return the bars as one path per face colour, in pixels, or None.

        Agg fills, hatches and strokes a path in one go, and for a hatched path it renders
        the whole hatch tile first (most of the time of a hatched bar). Bars whose pixels,
        edge and anti-aliasing included, lie well apart draw the same pixels joined into one
        path as one by one, in any order: each pixel is touched by one bar only, and the
        hatch pattern is anchored to the canvas, not to the path. The corners are the numbers
        Agg computes for each bar (the bar's matrix times its flip of the y axis, applied to
        the unit square); the joined path goes in with the matrix that Agg's flip turns into
        exactly the identity, so Agg snaps and fills those very numbers. Bars that come
        close, a face without colour (a clipped outline) or a rotated bar: None, the bars
        are drawn one by one.
        """
        n = len(matrices)
        if n < 2 or n > 200 or renderer.flipy() is not True:
            return None
        if not all(face[3] for face in self.faces):
            return None
        if not (np.array_equal(path.vertices, [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]])
                and np.array_equal(path.codes, _RECT_CODES)):
            return None
        height = float(renderer.height)
        margin = self.patch.get_linewidth() * renderer.dpi / 72 / 2 + 3
        boxes, verts = [], []
        for m in matrices:
            (sx, shx, tx), (shy, sy, ty), _ = m.tolist()
            if shx != 0 or shy != 0:
                return None
            # Agg: trans(m) * scaling(1, -1) * translation(0, height) gives, for the unit
            # square's (u, v) in {0, 1}: x = tx + u*sx, y = (height - ty) - v*sy, evaluated as
            # below (the products with 0 and 1 are exact)
            base = -ty + height
            x0, x1 = tx, sx + tx
            y0, y1 = base, -sy + base
            verts.append([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)])
            boxes.append((min(x0, x1) - margin, min(y0, y1) - margin,
                          max(x0, x1) + margin, max(y0, y1) + margin))
        order = sorted(range(n), key=lambda i: boxes[i][0])
        for a, i in enumerate(order):
            for j in order[a + 1:]:
                if boxes[j][0] > boxes[i][2]:
                    break
                if boxes[j][1] <= boxes[i][3] and boxes[i][1] <= boxes[j][3]:
                    return None
        # Agg multiplies this by scaling(1, -1) and translation(0, height): the identity,
        # exactly (1, 0, 0 / 0, 1, -height + height)
        unflip = np.array([[1.0, 0.0, 0.0], [0.0, -1.0, height], [0.0, 0.0, 1.0]])
        groups = {}
        for v, face in zip(verts, self.faces):
            groups.setdefault(face, []).append(v)
        return [(mpath.Path(np.asarray(vs, float).reshape(-1, 2),
                            np.tile(_RECT_CODES, len(vs))), unflip, face)
                for face, vs in groups.items()]


#: The rcParams a Text reads when it is built (font, colour, math, anti-aliasing).
_TEXT_RC = ("text.color", "text.usetex", "text.parse_math", "text.antialiased", "font.family",
            "font.style", "font.variant", "font.weight", "font.stretch", "font.size",
            "mathtext.fontset")
_TEXT_STYLES: dict = caches.register_dict({})
_BARE_FIGURES: dict = caches.register_dict({})


def _bare_figure(dpi) -> Figure:
    """A figure of that dpi for the template texts of shared styles (their layouts read the
    figure's dpi), so a style keeps no chart's figure alive."""
    fig = _BARE_FIGURES.get(dpi)
    if fig is None:
        fig = _BARE_FIGURES[dpi] = Figure(dpi=dpi)
    return fig


#: Keywords of :meth:`_Plot.text` a :class:`_Label` draws (the rest make a Text).
_LABEL_KEYWORDS = {"verticalalignment", "horizontalalignment", "va", "ha", "fontsize",
                   "fontstyle", "fontweight", "color", "rotation"}


def _hashable(value):
    """Return ``value`` with lists, tuples and dicts as tuples (for a cache key); None if some
    part of it cannot be hashed."""
    if isinstance(value, dict):
        value = tuple(sorted(value.items()))
    if isinstance(value, tuple):
        try:
            hash(value)
            return value
        except TypeError:
            pass
    if isinstance(value, (list, tuple)):
        parts = tuple(_hashable(v) for v in value)
        return None if any(p is None and v is not None for p, v in zip(parts, value)) else parts
    if isinstance(value, np.ndarray):
        return ("array", value.dtype.str, value.shape, value.tobytes())
    try:
        hash(value)
    except TypeError:
        return None
    return value


_LEGEND_RC_PREFIXES = ("legend.", "lines.", "patch.", "hatch.", "font.", "text.", "markers.",
                       "path.", "agg.", "mathtext.", "_internal.")
_LEGEND_RC: list = []


def _legend_rc_keys() -> list:
    """The rcParams a legend's look can depend on (legend, lines, patches, text, paths)."""
    if not _LEGEND_RC:
        _LEGEND_RC.extend(k for k in matplotlib.rcParams if k.startswith(_LEGEND_RC_PREFIXES))
    return _LEGEND_RC


def _rc_values(keys) -> tuple:
    """The rcParams under ``keys`` as a key (lists as tuples; rcParams hold no deeper lists)."""
    rc = matplotlib.rcParams
    return tuple([tuple(v) if isinstance(v, list) else v for v in map(rc.__getitem__, keys)])


class _LegendSlot:
    """The legend's place in the plot's drawing order."""

    __slots__ = ("plot",)

    def __init__(self, plot):
        self.plot = plot

    def draw(self, renderer):
        self.plot._draw_legend(renderer)


class _RecordingRenderer:
    """Stands for a renderer while a legend draws: passes every call on and notes the drawing
    calls (draw_path, draw_markers, draw_text) with copies of their graphics contexts and
    frozen transforms. Any other drawing call marks the record incomplete."""

    _RECORDED = ("draw_path", "draw_markers", "draw_text")

    def __init__(self, renderer):
        self._renderer = renderer
        self.calls = []
        self.complete = True

    def __getattr__(self, name):
        if name.startswith(("draw_", "start_", "stop_")) and name not in self._RECORDED:
            self.complete = False
        return getattr(self._renderer, name)

    def _gc(self, gc):
        copy = self._renderer.new_gc()
        copy.copy_properties(gc)
        return copy

    def draw_path(self, gc, path, transform, rgbFace=None):
        self.calls.append(("draw_path", (self._gc(gc), path, transform.frozen(),
                                         None if rgbFace is None else tuple(rgbFace))))
        self._renderer.draw_path(gc, path, transform, rgbFace)

    def draw_markers(self, gc, marker_path, marker_trans, path, trans, rgbFace=None):
        self.calls.append(("draw_markers", (self._gc(gc), marker_path, marker_trans.frozen(),
                                            path, trans.frozen(),
                                            None if rgbFace is None else tuple(rgbFace))))
        self._renderer.draw_markers(gc, marker_path, marker_trans, path, trans, rgbFace)

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if mtext is not None and (mtext.get_fontfeatures() is not None
                                  or mtext.get_language() is not None):
            self.complete = False
        self.calls.append(("draw_text", (self._gc(gc), x, y, s, prop.copy(), angle, ismath,
                                         None)))
        self._renderer.draw_text(gc, x, y, s, prop, angle, ismath, mtext)


class _TickSpace:
    """Stands for an Axis where a locator asks for the number of ticks that fit."""

    def __init__(self, space: int):
        self.space = space

    def get_tick_space(self):
        return self.space


class _Plot(Artist):
    """The plot area of a chart: data artists, ticks, grid, axis labels, spines and legend.

    It draws what a matplotlib Axes with the house style draws, from a few plain artists. An
    Axes costs most of a chart's time in objects the chart never uses: every Axes builds and
    resets two Axis objects, four spines, three titles and a patch, and every tick is a Tick
    of five artists, re-created and re-styled at each draw (the axis label position asks for
    the ticks twice more). Here the positions, labels and layout are computed as
    :mod:`matplotlib.axis` computes them (the same transforms, locators, formatters, pads and
    label offsets, the ticks outside the view dropped), and each axis is drawn as one line of
    gridlines, one line of tick markers and a :class:`_Label` per label (drawn as a Text draws
    it), in the order the Axes draws (axes below the data, spines, then the legend), so the
    pixels stay the same. Texts of the chart itself (values on bars, notes) are _Labels too.

    The view limits are the explicit ones (``set_xlim``/``set_ylim``), or autoscaled as an
    Axes does (data limits of the lines and filled areas, 5% margins); charts with bars set
    both limits themselves. tests/test_charts.py compares it with an Axes pixel by pixel.
    """

    zorder = 0

    def __init__(self, fig, rect):
        super().__init__()
        self.set_figure(fig)
        self.fig = fig
        self._position = mtransforms.Bbox.from_bounds(*rect)
        self.bbox = mtransforms.TransformedBbox(self._position, fig.transSubfigure)
        self.transAxes = mtransforms.BboxTransformTo(self.bbox)
        self.viewLim = mtransforms.Bbox.unit()
        self.transScale = mtransforms.TransformWrapper(mtransforms.IdentityTransform())
        self.transLimits = mtransforms.BboxTransformFrom(
            mtransforms.TransformedBbox(self.viewLim, self.transScale))
        self.transData = self.transScale + (self.transLimits + self.transAxes)
        self._xaxis_transform = mtransforms.blended_transform_factory(self.transData,
                                                                      self.transAxes)
        self._yaxis_transform = mtransforms.blended_transform_factory(self.transAxes,
                                                                      self.transData)
        self.clipbox_axes = mtransforms.TransformedBbox(mtransforms.Bbox.unit(), self.transAxes)
        self.x, self.y = _AxisSpec("x"), _AxisSpec("y")
        self._children = []          # data artists in the order added
        self._containers = []        # bar groups with a legend label
        self._data = {"x": [], "y": []}   # finite data coordinates for autoscaling
        self._legend_spec = None     # (handles, labels, keywords, what the legend looks like)
        self._looks = {}             # id of a data artist -> how it was made (for the legend)
        self._styles = {}            # text keywords -> _TextStyle

    def _style(self, **kwargs) -> _TextStyle:
        key = tuple(sorted(kwargs.items()))
        style = self._styles.get(key)
        if style is None:
            # the same keywords under the same text rcParams make the same Text: its style is
            # shared by every chart (the template sits on a bare figure of the same dpi)
            shared = (key, self.fig.dpi, *_rc_values(_TEXT_RC))
            style = _TEXT_STYLES.get(shared)
            if style is None:
                if len(_TEXT_STYLES) >= 1000:
                    _TEXT_STYLES.clear()
                style = _TEXT_STYLES[shared] = _TextStyle(_bare_figure(self.fig.dpi), kwargs)
            self._styles[key] = style
        return style

    # -- the parts of the Axes interface the charts use ------------------------------------

    def get_position(self):
        return self._position.frozen()

    def get_xaxis_transform(self):
        return self._xaxis_transform

    def _add(self, artist, clip=True):
        artist.set_figure(self.fig)
        if not artist.is_transform_set():
            artist.set_transform(self.transData)
        if clip:
            artist.clipbox = self.clipbox_axes
        self._children.append(artist)
        return artist

    def _add_data(self, x, y):
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        ok = np.isfinite(x) & np.isfinite(y)
        self._data["x"].append(x[ok])
        self._data["y"].append(y[ok])

    def plot(self, x, y, **kwargs):
        line = self._add(Line2D(np.asarray(x), np.asarray(y), transform=self.transData,
                                **kwargs))
        self._add_data(x, y)
        self._looks[id(line)] = ("plot", _hashable(kwargs))
        return line

    def fill_between(self, x, y1, y2, **kwargs):
        t, f1, f2 = map(np.ma.masked_invalid, (x, y1, y2))
        coll = FillBetweenPolyCollection("x", t, f1, f2, transform=self.transData, **kwargs)
        self._add(coll)
        self._looks[id(coll)] = ("fill_between", _hashable(kwargs))
        ok = ~(np.ma.getmaskarray(t) | np.ma.getmaskarray(f1) | np.ma.getmaskarray(f2))
        self._add_data(np.concatenate([t.data[ok]] * 2), np.concatenate([f1.data[ok],
                                                                          f2.data[ok]]))
        return coll

    def axvline(self, x, **kwargs):
        return self._add(Line2D([x, x], [0, 1], transform=self._xaxis_transform, **kwargs))

    def text(self, x, y, s, **kwargs):
        kw = {"verticalalignment": "baseline", "horizontalalignment": "left",
              "transform": self.transData, "clip_on": False, **kwargs}
        transform, clip_on = kw.pop("transform"), kw.pop("clip_on")
        if set(kw) <= _LABEL_KEYWORDS:       # no clip box is set, so clip_on changes nothing
            label = _Label(x, y, s, transform, self._style(**kw))
            self._children.append(label)
            return label
        # a text with a box around it (or other keywords) stays a Text
        return self._add(LayoutCachingText(x, y, s, transform=transform, clip_on=clip_on, **kw),
                         clip=False)

    def _bars(self, left, bottom, width, height, facecolors, edgecolor, linewidth, hatch,
              label, sticky):
        if not len(left):
            container = BarContainer([], None, label=label)
            self._containers.append(container)
            return container
        first = Rectangle(xy=(left[0], bottom[0]), width=width[0], height=height[0],
                          facecolor=facecolors[0], edgecolor=edgecolor, linewidth=linewidth,
                          label="_nolegend_", hatch=hatch)
        getattr(first.sticky_edges, sticky).append(left[0] if sticky == "x" else bottom[0])
        self._add(first)
        self._children[-1] = _Bars(first, left, bottom, width, height,
                                   [facecolors[i % len(facecolors)] for i in range(len(left))])
        container = BarContainer([first], None, label=label)
        self._containers.append(container)
        self._looks[id(container)] = ("bars", _hashable((tuple(map(float, facecolors[0])),
                                                         edgecolor, linewidth, hatch)))
        return container

    def bar(self, x, height, width, bottom, color, edgecolor=None, linewidth=None, hatch=None,
            label=""):
        """Vertical bars centred on ``x``, as :meth:`Axes.bar` builds them."""
        x, height, width, bottom = np.broadcast_arrays(np.atleast_1d(np.asarray(x)), height,
                                                       width, bottom)
        return self._bars(x - width / 2, bottom, width, height, _colors(color), edgecolor,
                          linewidth, hatch, label, "y")

    def barh(self, y, width, height, color, edgecolor=None, linewidth=None):
        """Horizontal bars from 0, centred on ``y``, as :meth:`Axes.barh` builds them."""
        y, width, height, left = np.broadcast_arrays(np.atleast_1d(np.asarray(y)), width,
                                                     height, 0)
        return self._bars(left, y - height / 2, width, height, _colors(color), edgecolor,
                          linewidth, None, "", "x")

    def set_xlim(self, lo, hi):
        self.x.lim = _nonsingular(lo, hi)

    def set_ylim(self, lo, hi):
        self.y.lim = _nonsingular(lo, hi)

    def legend(self, handles=None, labels=None, **kwargs):
        if handles is None:
            handles, labels = [], []
            for h in [*(a for a in self._children if isinstance(a, (Line2D, Patch, Collection))),
                      *self._containers]:
                label = h.get_label()
                if label and not label.startswith("_"):
                    handles.append(h)
                    labels.append(label)
        looks = [self._looks.get(id(h)) for h in handles]
        key = None
        if all(looks) and all(isinstance(label, str) for label in labels):
            kw = _hashable(kwargs)
            key = None if kw is None else (tuple(looks), tuple(labels), kw)
        self._legend_spec = (handles, labels, kwargs, key)

    def _make_legend(self):
        handles, labels, kwargs, _ = self._legend_spec
        legend = _Legend(self.fig, handles, labels, bbox_transform=self.transAxes, **kwargs)
        for t in legend.texts:
            t.__class__ = LayoutCachingText       # the same Text, its layout remembered
        return legend

    def _draw_legend(self, renderer):
        """Draw the legend, or replay the drawing calls of an earlier one that is the same.

        A legend is drawn from its handles' looks, its labels and keywords, the rcParams and
        where it stands on the canvas; given all of these, its drawing calls to the renderer
        are the same. The first legend of each such kind is built and drawn through a
        :class:`_RecordingRenderer`; later ones repeat its calls (with copies of the graphics
        contexts and frozen transforms) without building a Legend. Handles not made by this
        plot's methods, or drawing calls that are not recorded, leave the legend uncached.
        """
        key = self._legend_spec[3]
        if key is not None and isinstance(renderer, CachingRenderer):
            key = ("_legend", key, self.transAxes.get_matrix().tobytes(), renderer.dpi,
                   renderer.width, renderer.height, self.fig.dpi,
                   _rc_values(_legend_rc_keys()))
            cache = legend_cache()
            calls = cache.get(key)
            if calls is not None:
                for name, args in calls:
                    getattr(renderer, name)(*args)
                return
            recorder = _RecordingRenderer(renderer)
            self._make_legend().draw(recorder)
            if recorder.complete:
                remember(cache, key, tuple(recorder.calls))
            return
        self._make_legend().draw(renderer)

    # -- drawing ------------------------------------------------------------------------------

    def _view(self, axis: _AxisSpec):
        """Return the view limits: explicit, or autoscaled as Axes.autoscale_view does."""
        if axis.lim is not None:
            return axis.lim
        values = np.concatenate(self._data[axis.name] or [np.empty(0)])
        x0, x1 = (values.min(), values.max()) if values.size else (-np.inf, np.inf)
        locator = axis.locator or (FixedLocator(axis.fixed) if axis.fixed is not None
                                   else AutoLocator())
        x0, x1 = locator.nonsingular(x0, x1)
        delta = (x1 - x0) * matplotlib.rcParams[f"axes.{axis.name}margin"]
        if not np.isfinite(delta):
            delta = 0
        x0, x1 = x0 - delta, x1 + delta
        x0, x1 = locator.view_limits(x0, x1)
        return _nonsingular(x0, x1)

    def _ticks(self, axis: _AxisSpec, lo: float, hi: float, labelsize: float):
        """Return the tick positions in view and their labels, as Axis._update_ticks does."""
        if axis.fixed is not None:
            locs = axis.fixed
        else:
            locator = axis.locator
            if locator is None:
                locator = AutoLocator()
                ends = mtransforms.Bbox.unit().transformed(self.transAxes
                                                           - self.fig.dpi_scale_trans)
                length = (ends.width if axis.name == "x" else ends.height) * 72
                size = FontProperties(size=labelsize).get_size_in_points() * (
                    3 if axis.name == "x" else 2)
                locator.set_axis(_TickSpace(int(np.floor(length / size))))
            locs = locator.tick_values(lo, hi)
        if axis.labels is not None:
            labels = [str(axis.labels[i]) if i < len(axis.labels) else ""
                      for i in range(len(locs))]
        else:
            labels = (axis.formatter or DecimalCommaFormatter()).format_ticks(locs)
        a, b = sorted((lo, hi))
        tol = (b - a) * 1e-10
        return [(loc, label) for loc, label in zip(locs, labels) if a - tol <= loc <= b + tol]

    def _axis_artists(self, axis: _AxisSpec, lo, hi, renderer):
        """Return the artists of one axis in drawing order: grid, tick marks, labels, title."""
        rc = matplotlib.rcParams
        n = axis.name
        labelsize = rc[f"{n}tick.labelsize"] if axis.labelsize is None else axis.labelsize
        size = rc[f"{n}tick.major.size"] if axis.size is None else axis.size
        pad = rc[f"{n}tick.major.pad"] + size * 1.0           # ticks point out
        ticks = self._ticks(axis, lo, hi, labelsize)
        locs = [loc for loc, _ in ticks]
        color = rc[f"{n}tick.color"]
        labelcolor = rc[f"{n}tick.labelcolor"]
        if labelcolor == "inherit":
            labelcolor = color
        trans = self._xaxis_transform if n == "x" else self._yaxis_transform
        out = []
        if axis.grid and locs:
            nan = np.full(len(locs), np.nan)
            along = np.column_stack([locs, locs, nan]).ravel()
            across = np.column_stack([np.zeros(len(locs)), np.ones(len(locs)), nan]).ravel()
            grid = Line2D(*((along, across) if n == "x" else (across, along)),
                          color=rc["grid.color"], alpha=rc["grid.alpha"],
                          linestyle=rc["grid.linestyle"], linewidth=rc["grid.linewidth"],
                          marker="", transform=trans)
            grid.clipbox = self.clipbox_axes
            out.append(grid)
        if size > 0 and locs:
            zeros = np.zeros(len(locs))
            out.append(Line2D(*((locs, zeros) if n == "x" else (zeros, locs)), color=color,
                              linestyle="none", markeredgecolor=color, markersize=size,
                              markeredgewidth=rc[f"{n}tick.major.width"],
                              marker=TICKDOWN if n == "x" else TICKLEFT, transform=trans))
        if n == "x":
            label_trans = trans + mtransforms.ScaledTranslation(0, -pad / 72,
                                                                self.fig.dpi_scale_trans)
            align = {"verticalalignment": "top",
                     "horizontalalignment": rc["xtick.alignment"]}
        else:
            label_trans = trans + mtransforms.ScaledTranslation(-pad / 72, 0,
                                                                self.fig.dpi_scale_trans)
            align = {"verticalalignment": rc["ytick.alignment"],
                     "horizontalalignment": "right"}
        style = self._style(fontsize=labelsize, color=labelcolor, **align)
        bold = None
        labels = []
        for loc, s in ticks:
            if axis.bold is not None and s == axis.bold:
                bold = bold or self._style(fontsize=labelsize, color=labelcolor,
                                           fontweight="bold", **align)
                labels.append(_Label(*((loc, 0) if n == "x" else (0, loc)), s, label_trans,
                                     bold))
            else:
                labels.append(_Label(*((loc, 0) if n == "x" else (0, loc)), s, label_trans,
                                     style))
        out += labels
        if axis.label:
            # the axis label goes outside the tick labels and the spine with its tick marks
            spine = mpath.Path([(lo, 0), (hi, 0)] if n == "x" else [(0, lo), (0, hi)])
            bb = spine.get_extents(trans)
            if locs and size > 0:
                bb = bb.frozen()
                tick = size / 72 * self.fig.dpi
                if n == "x":
                    bb.y0 = bb.y0 - tick
                else:
                    bb.x0 = bb.x0 - tick
            box = mtransforms.Bbox.union([*(t.get_window_extent(renderer) for t in labels),
                                          bb])
            offset = rc["axes.labelpad"] * self.fig.dpi / 72
            kw = {"fontsize": rc["axes.labelsize"], "fontweight": rc["axes.labelweight"],
                  "color": rc["axes.labelcolor"]}
            if n == "x":
                label = _Label(0.5, box.y0 - offset, axis.label,
                               mtransforms.blended_transform_factory(
                                   self.transAxes, mtransforms.IdentityTransform()),
                               self._style(verticalalignment="top",
                                           horizontalalignment="center", **kw))
            else:
                label = _Label(box.x0 - offset, 0.5, axis.label,
                               mtransforms.blended_transform_factory(
                                   mtransforms.IdentityTransform(), self.transAxes),
                               self._style(verticalalignment="bottom",
                                           horizontalalignment="center", rotation="vertical",
                                           rotation_mode="anchor", **kw))
            out.append(label)
        return out

    def draw(self, renderer):
        xlim, ylim = self._view(self.x), self._view(self.y)
        self.viewLim.intervalx = xlim
        self.viewLim.intervaly = ylim
        rc = matplotlib.rcParams
        groups = [(0.5, self._axis_artists(self.x, *xlim, renderer)),
                  (0.5, self._axis_artists(self.y, *ylim, renderer)),
                  *((a.get_zorder(), [a]) for a in self._children)]
        for name, path, trans in (("left", [(0, ylim[0]), (0, ylim[1])], self._yaxis_transform),
                                  ("bottom", [(xlim[0], 0), (xlim[1], 0)],
                                   self._xaxis_transform)):
            if rc[f"axes.spines.{name}"]:
                spine = PathPatch(mpath.Path(path), facecolor="none",
                                  edgecolor=rc["axes.edgecolor"], linewidth=rc["axes.linewidth"],
                                  capstyle="projecting", transform=trans)
                spine.set_figure(self.fig)
                groups.append((2.5, [spine]))
        if self._legend_spec is not None:
            groups.append((_Legend.zorder, [_LegendSlot(self)]))
        groups.sort(key=lambda g: g[0])
        for _, artists in groups:
            for a in artists:
                a.draw(renderer)
        self.stale = False


def _label(text) -> str:
    return "" if text is None else str(text)


def _colors(color):
    return list(mcolors.to_rgba_array(color))


def _nonsingular(lo, hi):
    """Return the limits an Axis keeps of set_xlim(lo, hi) (widened if equal)."""
    lo, hi = float(lo), float(hi)
    reverse = lo > hi
    lo, hi = Locator().nonsingular(lo, hi)
    return tuple(sorted([lo, hi], reverse=reverse))


class _Canvas:
    """A figure with fixed margins (inches): title on top, the source line at the bottom."""

    def __init__(self, title: str, source: str, height: float, left: float = 0.75,
                 right: float = 0.25, bottom: float = 0.55, extra_bottom: float = 0.0):
        title = _wrap(title, 78) if title else ""
        title_lines = title.count("\n") + 1 if title else 0
        top = 0.15 + 0.19 * title_lines + 0.1
        height = min(max(height, 2.2), MAX_HEIGHT_IN)
        bottom = bottom + extra_bottom + 0.2
        self.fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
        CachingCanvas(self.fig)
        self.height = height
        self.ax = self.fig.add_artist(_Plot(self.fig, [left / WIDTH_IN, bottom / height,
                                                       1 - (left + right) / WIDTH_IN,
                                                       1 - (bottom + top) / height]))
        if title:
            t = self.fig.text(0.08 / WIDTH_IN, 1 - 0.12 / height, title, ha="left", va="top",
                              fontsize=9.5, fontweight="bold")
            t.__class__ = LayoutCachingText
        src = _source_text(source)
        if src:
            t = self.fig.text(0.08 / WIDTH_IN, 0.08 / height, _wrap(src, 120), ha="left",
                              va="bottom", fontsize=7, color="#4d4d4d")
            t.__class__ = LayoutCachingText

    def legend_below(self, handles=None, labels=None, ncol: int = 3, offset_in: float = 0.45):
        ax = self.ax
        kw = {} if handles is None else {"handles": handles, "labels": labels}
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -offset_in / (
            ax.get_position().height * self.height)), ncol=ncol, **kw)

    def png(self) -> bytes:
        # not figure_to_png: clearing rebuilds every axis of a figure about to be dropped
        # (~4% of a chart's time); nothing else holds this one, the collector frees it
        # the chart functions call this inside their _house_style()
        data = _render(self.fig, styled=True)
        self.fig = self.ax = None
        return data


def _series(s) -> pd.Series:
    """Return a float series indexed by int year, sorted; None -> empty."""
    if s is None:
        return pd.Series(dtype=float)
    s = pd.Series(s)
    s = pd.to_numeric(s, errors="coerce").astype(float)
    s.index = [int(float(i)) for i in s.index]
    return s.sort_index()


def _data_range(*arrays):
    vals = np.concatenate([np.asarray(a, dtype=float).ravel() for a in arrays if len(a)] or
                          [np.array([])])
    vals = vals[np.isfinite(vals)]
    return (float(vals.min()), float(vals.max())) if vals.size else (math.nan, math.nan)


def trend_chart(title, unit_series, powiat_series, forecast, ylabel, source, unit_label,
                powiat_label) -> bytes:
    """Return a line chart of the unit (and the powiat) over years, with the forecast dashed.

    NaN years leave gaps in the line. The forecast (``years``, ``values``, ``lower``,
    ``upper``) continues from the last observed point as a dashed line over a shaded
    interval, in a region marked "prognoza".
    """
    with _house_style():
        c = _Canvas(title, source, 3.4, extra_bottom=0.3)
        ax = c.ax
        unit = _series(unit_series)
        pow_ = _series(powiat_series)
        ax.y.grid = True
        ax.plot(unit.index, unit.values, color=UNIT_COLOR, linewidth=2.0, marker="o",
                markersize=4, label=unit_label, zorder=3)
        if len(pow_):
            ax.plot(pow_.index, pow_.values, color=POWIAT_COLOR, linewidth=1.4, marker="s",
                    markersize=3.5, label=powiat_label, zorder=2)
        arrays = [unit.values, pow_.values]
        years = list(unit.index) + list(pow_.index)
        if forecast is not None and len(list(getattr(forecast, "years", []) or [])):
            fy = [int(y) for y in forecast.years]
            fv = np.asarray(forecast.values, dtype=float)
            lo = np.asarray(getattr(forecast, "lower", None) if getattr(
                forecast, "lower", None) is not None else fv, dtype=float)
            hi = np.asarray(getattr(forecast, "upper", None) if getattr(
                forecast, "upper", None) is not None else fv, dtype=float)
            observed = unit.dropna()
            if len(observed):
                x0, y0 = int(observed.index[-1]), float(observed.iloc[-1])
                line_x, line_y = [x0] + fy, np.concatenate([[y0], fv])
                band_x, band_lo, band_hi = line_x, np.concatenate([[y0], lo]), \
                    np.concatenate([[y0], hi])
            else:
                x0 = fy[0]
                line_x, line_y, band_x, band_lo, band_hi = fy, fv, fy, lo, hi
            ax.fill_between(band_x, band_lo, band_hi, color=FORECAST_FILL, linewidth=0,
                            label="przedział prognozy")
            ax.plot(line_x, line_y, color=UNIT_COLOR, linewidth=1.6, linestyle="--",
                    marker="o", markersize=3, markerfacecolor="white",
                    label="prognoza", zorder=3)
            ax.axvline(x0 + 0.5 if len(observed) else x0 - 0.5, color=POWIAT_COLOR,
                       linewidth=0.8, linestyle=":")
            ax.text(x0 + 0.6 if len(observed) else x0 - 0.4, 1.0, "prognoza",
                    transform=ax.get_xaxis_transform(), ha="left", va="top", fontsize=7.5,
                    color=POWIAT_COLOR, fontstyle="italic")
            arrays += [fv, lo, hi]
            years += fy
        lo_v, hi_v = _data_range(*arrays)
        if np.isfinite(lo_v):
            if lo_v >= 0:
                ax.set_ylim(0, hi_v * 1.12 if hi_v > 0 else 1)
        else:
            ax.set_ylim(0, 1)
            ax.text(0.5, 0.5, NO_DATA, transform=ax.transAxes, ha="center", va="center")
        if years:
            ax.set_xlim(min(years) - 0.4, max(years) + 0.4)
        ax.x.locator = MaxNLocator(integer=True, steps=[1, 2, 5, 10])
        ax.x.formatter = _YEAR_FORMATTER
        ax.y.formatter = DecimalCommaFormatter()
        ax.y.label = _label(ylabel)
        c.legend_below(ncol=2, offset_in=0.3)
        return c.png()


def _favourable_order(values: pd.Series, direction: str) -> pd.Series:
    """Return values ordered bottom-to-top for barh: the most favourable ends on top."""
    ascending = direction != "worse"      # 'worse': smallest is best -> on top -> last
    known = values.dropna().sort_values(ascending=ascending, kind="mergesort")
    missing = values[values.isna()]
    return pd.concat([missing, known])    # no data at the bottom


def ranking_chart(title, values, highlight, powiat_value, direction, xlabel, source,
                  decimals: int | None = None) -> bytes:
    """Return horizontal bars of gminas, the most favourable on top, ``highlight`` coloured.

    ``values`` is a Series (or dict) by gmina name; ``direction`` is the indicator's
    (``worse``: higher is worse; ``better``; ``neutral`` sorts the largest on top). A dashed
    line marks the powiat value; each bar carries its value with a decimal comma.
    """
    with _house_style():
        s = pd.to_numeric(pd.Series(values), errors="coerce").astype(float)
        s.index = [str(i) for i in s.index]
        s = _favourable_order(s, direction)
        left = 0.25 + 0.062 * max([len(i) for i in s.index] + [4])
        c = _Canvas(title, source, 1.1 + 0.27 * max(len(s), 1), left=min(left, 2.6),
                    right=0.55)
        ax = c.ax
        if decimals is None:
            decimals = 0 if _decimals_needed(s.dropna().values, 1) == 0 else 1
        y = np.arange(len(s))
        colors = [UNIT_COLOR if name == str(highlight) else OTHER_COLOR for name in s.index]
        ax.barh(y, s.fillna(0).values, color=colors, height=0.7, edgecolor="#4d4d4d",
                linewidth=0.4)
        ax.y.fixed, ax.y.labels, ax.y.bold = y, list(s.index), str(highlight)
        lo_v, hi_v = _data_range(s.values, [powiat_value] if powiat_value is not None else [])
        span = (hi_v - min(lo_v, 0)) if np.isfinite(hi_v) else 1.0
        span = span or 1.0
        pad = span * 0.01
        for yi, v in zip(y, s.values):
            if np.isfinite(v):
                ax.text(v + pad if v >= 0 else v - pad, yi, fmt_number(v, decimals),
                        va="center", ha="left" if v >= 0 else "right", fontsize=7.5)
            else:
                ax.text(pad, yi, NO_DATA, va="center", ha="left", fontsize=7.5,
                        fontstyle="italic", color=POWIAT_COLOR)
        if powiat_value is not None and np.isfinite(float(powiat_value)):
            ax.axvline(float(powiat_value), color=POWIAT_COLOR, linestyle="--", linewidth=1.2)
            ax.text(float(powiat_value), 1.0, f" powiat: {fmt_number(powiat_value, decimals)}",
                    transform=ax.get_xaxis_transform(), ha="left", va="bottom", fontsize=7.5,
                    color=POWIAT_COLOR)
        right = hi_v if np.isfinite(hi_v) else 1.0
        ax.set_xlim(min(lo_v, 0) * 1.15 if np.isfinite(lo_v) else 0, max(right, 0) * 1.15 or 1)
        ax.set_ylim(-0.6, len(s) - 0.4)
        ax.x.grid = True
        ax.x.formatter = DecimalCommaFormatter()
        ax.x.label = _label(xlabel)
        ax.y.size = 0
        return c.png()


def reasons_order(reasons) -> pd.Series:
    """Return the reasons as barh draws them: zeros and NaN dropped, ascending (largest on top)."""
    s = pd.to_numeric(pd.Series(reasons, dtype=object), errors="coerce").astype(float)
    s = s[s.notna() & (s != 0)]
    return s.sort_values(ascending=True, kind="mergesort")


def reasons_chart(title, reasons, source) -> bytes:
    """Return horizontal bars of families by reason for help, largest on top, zeros dropped.

    ``reasons`` is a Series (or dict) of counts by Polish label; long labels are wrapped.
    """
    with _house_style():
        s = reasons_order(reasons)
        labels = [_wrap(i, 38) for i in s.index]
        lines = sum(l.count("\n") + 1 for l in labels)
        c = _Canvas(title, source, 1.1 + 0.16 * max(lines, 2) + 0.1 * len(s), left=2.45,
                    right=0.45, extra_bottom=0.15)
        ax = c.ax
        y = np.arange(len(s))
        ax.barh(y, s.values, color=UNIT_COLOR, height=0.7)
        ax.y.fixed, ax.y.labels = y, labels
        ax.y.size, ax.y.labelsize = 0, 7.5
        hi = float(s.max()) if len(s) else 1.0
        for yi, v in zip(y, s.values):
            ax.text(v + hi * 0.01, yi, fmt_number(v), va="center", ha="left", fontsize=7.5)
        ax.set_xlim(0, hi * 1.12)
        ax.set_ylim(-0.6, max(len(s), 1) - 0.4)
        if not len(s):
            ax.text(0.5, 0.5, NO_DATA, transform=ax.transAxes, ha="center", va="center")
        ax.x.grid = True
        ax.x.locator = MaxNLocator(integer=True)
        ax.x.formatter = DecimalCommaFormatter()
        ax.x.label = "liczba rodzin"
        return c.png()


def _stacked(c: "_Canvas", frame: pd.DataFrame, labels: list[str], suffix: str,
             label_decimals: int, totals: bool) -> None:
    ax = c.ax
    years = [int(float(y)) for y in frame.index]
    bottom = np.zeros(len(frame))
    empty = frame.isna().all(axis=1).values
    # the smallest segment that gets its value written on it
    least = 0.07 * max(float(np.nanmax(frame.sum(axis=1).values)), 1e-9) if len(frame) else 0
    for i, (col, label) in enumerate(zip(frame.columns, labels)):
        v = frame[col].fillna(0).values.astype(float)
        color = STACK_COLORS[i % len(STACK_COLORS)]
        ax.bar(years, v, bottom=bottom, color=color, edgecolor="#4d4d4d", linewidth=0.4,
               hatch=STACK_HATCHES[i % len(STACK_HATCHES)], width=0.7, label=label)
        dark = i == 0 or color in ("#a63603",)
        for x, b, h in zip(years, bottom, v):
            if h > 0 and h >= least:
                ax.text(x, b + h / 2, fmt_number(h, label_decimals) + suffix, ha="center",
                        va="center",
                        fontsize=7, color="white" if dark else "black",
                        bbox=None if dark else {"boxstyle": "square,pad=0.1", "fc": "white",
                                                "ec": "none", "alpha": 0.8})
        bottom = bottom + v
    partial = frame.isna().any(axis=1).values & ~empty
    for x, total, e, part in zip(years, bottom, empty, partial):
        if e:
            ax.text(x, 0, NO_DATA, ha="center", va="bottom", rotation=90, fontsize=7,
                    color=POWIAT_COLOR, fontstyle="italic")
        elif part:  # a sum over incomplete data would look like a real total
            ax.text(x, total, "dane niepełne", ha="center", va="bottom", fontsize=7,
                    color=POWIAT_COLOR, fontstyle="italic")
        elif totals:
            ax.text(x, total, fmt_number(total), ha="center", va="bottom", fontsize=7.5)
    ax.x.fixed = np.asarray(years)
    ax.x.formatter = _YEAR_FORMATTER
    ax.y.formatter = DecimalCommaFormatter(suffix=suffix)
    ax.y.grid = True
    if years:
        ax.set_xlim(min(years) - 0.6, max(years) + 0.6)


def age_structure_chart(title, frame, source) -> bytes:
    """Return stacked bars of the shares (%) of the economic age groups in each year.

    ``frame`` is indexed by year with counts in columns whose names contain
    ``przedprodukcyjn``, ``produkcyjn`` and ``poprodukcyjn`` (e.g. ``przedprodukcyjny`` or the
    catalogue ids ``ludnosc_przedprodukcyjna``...). A year with any group missing has no bar.
    """
    shares = age_shares(frame)
    with _house_style():
        c = _Canvas(title, source, 3.4, extra_bottom=0.3)
        _stacked(c, shares, _AGE_ORDER, "%", 1, totals=False)
        c.ax.set_ylim(0, 100)
        c.ax.y.label = "udział w ludności ogółem"
        c.legend_below(ncol=3, offset_in=0.3)
        return c.png()


def age_shares(frame) -> pd.DataFrame:
    """Return the percentage of each economic age group in each year (NaN if any is missing).

    Columns of the result are the Polish labels in order: przedprodukcyjny, produkcyjny,
    poprodukcyjny.
    """
    columns = {}
    for col in frame.columns:
        for key, label in AGE_GROUPS:
            if key in str(col).lower() and label not in columns:
                columns[label] = col
                break
    missing = [lbl for lbl in _AGE_ORDER if lbl not in columns]
    if missing:
        raise ValueError(f"brak kolumn grup wieku: {', '.join(missing)}")
    counts = frame[[columns[l] for l in _AGE_ORDER]].apply(pd.to_numeric, errors="coerce")
    counts = counts.astype(float).sort_index()
    total = counts.sum(axis=1, min_count=len(_AGE_ORDER))
    shares = counts.div(total.where(total > 0), axis=0) * 100
    shares.loc[counts.isna().any(axis=1).values] = np.nan
    shares.columns = list(_AGE_ORDER)
    return shares


def foster_care_chart(title, frame, source) -> bytes:
    """Return stacked bars of children in foster care by form of care, per year, with totals.

    A year with some forms missing shows what is known and "dane niepełne" instead of a total.

    ``frame`` is indexed by year, one column per form of care (Polish labels, or the
    catalogue ids listed in :data:`FOSTER_LABELS`), counts of children.
    """
    data = frame.apply(pd.to_numeric, errors="coerce").astype(float).sort_index()
    labels = [FOSTER_LABELS.get(str(c), str(c)) for c in data.columns]
    legend_rows = math.ceil(max(len(labels), 1) / 2)
    with _house_style():
        c = _Canvas(title, source, 3.4 + 0.2 * legend_rows, extra_bottom=0.2 * legend_rows)
        _stacked(c, data, labels, "", 0, totals=True)
        hi = np.nanmax(data.sum(axis=1).values) if len(data) else 0
        c.ax.set_ylim(0, (hi if np.isfinite(hi) and hi > 0 else 1) * 1.12)
        c.ax.y.locator = MaxNLocator(integer=True)
        c.ax.y.label = "liczba dzieci"
        c.legend_below(ncol=2, offset_in=0.3)
        return c.png()
