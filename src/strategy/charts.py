"""Charts of a diagnosis in one house style: ordinary matplotlib figures, and PNG for Word.

In: pandas Series/DataFrames of figures by year or by unit (NaN = no data), Polish labels, the
source (kept for the document's source line, not drawn), and for the trend chart an optional forecast (an object with ``years``, ``values``,
``lower``, ``upper``).
Out: each chart function returns a :class:`matplotlib.figure.Figure` with one real ``Axes``
(``fig.axes[0]``), 16 cm (6.3 in) wide, high enough to read but within an A4 page. A notebook
may change it like any figure; :func:`figure_to_png` turns it into PNG bytes for a document.

House style: the style sheet :data:`STYLE` (``src/strategy/data/charts.mplstyle``) - DejaVu Sans
(ships with matplotlib and has every Polish letter), sizes, spines, grid, white background -
plus the colours below, chosen for distinct lightness (and hatching in stacked bars) so a
grayscale print stays readable: the unit dark blue, the powiat neutral grey. Numbers on the axes
have a decimal comma and no-break-space thousands (:class:`DecimalCommaFormatter`, a
:class:`matplotlib.ticker.Formatter`). A chart's title (empty for the charts of a diagnosis,
whose caption names them) is drawn on top; its source is not drawn in the
picture: a document prints it once, under the figure (``Report.figure(..., source)``), and
:func:`chart_source` gives it back ("Źródło: ...") from the figure. Authors use the same style in their own cells::

    import matplotlib.pyplot as plt
    from strategy import charts
    plt.style.use(charts.STYLE)                 # or: with plt.style.context(charts.STYLE):
    fig, ax = plt.subplots()
    ax.bar(["2022", "2023"], [1234.5, 1500])
    ax.yaxis.set_major_formatter(charts.DecimalCommaFormatter())

Adding a chart kind is a plain matplotlib function: :func:`_new_chart` gives the figure with
its title and its source (or the one kept for the kind), then ordinary ``Axes`` calls::

    def bar_chart(title, values, ylabel, source, *, reuse=False):
        values = pd.Series(values, dtype=float)
        with matplotlib.style.context(STYLE):
            fig, ax = _new_chart("bar", title, source, 3.0, reuse=reuse)
            bars = ax.bar([str(i) for i in values.index], values.to_numpy(), color=UNIT_COLOR)
            ax.bar_label(bars, labels=[fmt_number(v) for v in values], fontsize=7.5)
            ax.yaxis.set_major_formatter(DecimalCommaFormatter())
            ax.set_ylabel(ylabel)
        return fig

Library code never touches the global ``rcParams`` or pyplot: figures are plain ``Figure``
objects on an explicit Agg canvas, built and saved inside ``matplotlib.style.context(STYLE)``,
so nothing leaks between calls and notebooks keep their own settings. Layout uses fixed margins
in inches (no ``tight_layout``), which keeps the pixel size exact. ``savefig`` writes no
metadata, so the same inputs always give the same bytes.

Resolution: :data:`DPI` = 200, so a chart is 1260 px wide. The smallest text (7 pt) is then
about 19 px high and sharp in print, and Word, which by default keeps pictures at
220 ppi, does not resample it; 300 dpi would more than double the pixels to draw and compress
(the drawing is most of a chart's time) for no visible gain at 16 cm.

Speed: a document build draws many charts of the same kind in a row (a diagnosis has about
ten trend charts). :func:`chart_png` draws each into the figure kept for its kind: the figure,
its canvas and renderer, the ``Axes`` with its ticks and tick labels and the title are reused, only the data artists are removed and added again, and the limits, ticks and
labels are set anew by the chart function (so the picture is the same as from a new figure).
"""
from __future__ import annotations

import io
import math
import textwrap
from pathlib import Path

import matplotlib.style
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter, MaxNLocator

from . import caches
from .text import NO_DATA, fmt_number, wykresy

#: The house style sheet: ``plt.style.use(STYLE)`` or ``matplotlib.style.context(STYLE)``.
STYLE = str(Path(__file__).with_name("data") / "charts.mplstyle")
WIDTH_IN = 6.3           # 16 cm
DPI = 200                # see the module docstring
MAX_HEIGHT_IN = 9.0      # leaves room for the caption on an A4 page with 2.5 cm margins

#: Colours chosen for distinct lightness, so that they stay apart in grayscale.
UNIT_COLOR = "#08306b"       # the unit the document is about: dark blue
POWIAT_COLOR = "#737373"     # the powiat: neutral grey
OTHER_COLOR = "#c6c6c6"      # other gminas: light grey
FORECAST_FILL = "#c6dbef"    # forecast interval: pale blue
EDGE_COLOR = "#4d4d4d"
STACK_COLORS = ["#08306b", "#6baed6", "#deebf7", "#fdae6b", "#a63603"]
STACK_HATCHES = ["", "//", "..", "xx", "\\\\"]
SOURCE_GID = "zrodlo"        # the gid of the (invisible) Text holding a chart's source

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
    """Tick labels with a decimal comma and no-break-space thousands, ``1 234,5``.

    ``decimals=None``: the fewest decimals (at most three) that show all the axis's ticks
    exactly, one number of decimals per axis, so an axis reads ``0,0 0,5 1,0 1,5`` or
    ``0 5 000 10 000``. ``suffix`` is appended (``%``).
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


class YearFormatter(Formatter):
    """Tick labels of years: ``2023``, never ``2 023`` or ``2023,0``."""

    def __call__(self, x, pos=None):
        return f"{int(round(x))}"


def _decimals_needed(values, most: int = 3) -> int:
    finite = [float(v) for v in values if v is not None and np.isfinite(v)]
    for d in range(most + 1):
        if all(abs(v - round(v, d)) < 1e-9 * max(1.0, abs(v)) for v in finite):
            return d
    return most


#: Words in an axis label or a title that state that the value axis does not start at zero.
NOT_FROM_ZERO = "nie od zera"


def zero_based(fig: Figure) -> Figure:
    """Start the value (y) axis of each chart of ``fig`` at zero when its data are all
    zero or more and matplotlib started it higher (a count of 25 to 40 drawn from 25 makes a
    small change look large); return ``fig``.

    Left as drawn: an axis whose label or chart title says "nie od zera" (a chart that does not
    start at zero says so), data below zero (balances), axes without a frame (maps), axes of
    years and logarithmic axes."""
    for ax in fig.axes:
        if (not ax.axison or ax.get_aspect() == 1.0 or ax.name != "rectilinear"
                or ax.get_yscale() != "linear"):
            continue
        said = " ".join([ax.get_ylabel(), ax.get_title(), fig.get_suptitle() if hasattr(
            fig, "get_suptitle") else ""]).lower()
        if NOT_FROM_ZERO in said:
            continue
        ys = _y_data(ax)
        if not ys.size or ys.min() < 0:
            continue
        if np.all(ys == np.round(ys)) and ys.min() >= 1900 and ys.max() <= 2100:
            continue    # years
        bottom, top = ax.get_ylim()
        if ax.yaxis_inverted():
            if top > 0:
                ax.set_ylim(bottom, 0)
        elif bottom > 0:
            ax.set_ylim(0, top)
    return fig


def _y_data(ax) -> np.ndarray:
    """Return the y values an Axes shows: line points, bar ends, filled areas."""
    parts = [np.asarray(line.get_ydata(), dtype=float).ravel() for line in ax.get_lines()]
    for patch in ax.patches:
        if hasattr(patch, "get_y") and hasattr(patch, "get_height"):
            parts.append(np.array([patch.get_y(), patch.get_y() + patch.get_height()], dtype=float))
    for coll in ax.collections:
        for path in coll.get_paths():
            parts.append(np.asarray(path.vertices, dtype=float)[:, 1])
    vals = np.concatenate(parts) if parts else np.array([])
    return vals[np.isfinite(vals)]


def figure_to_png(fig: Figure, *, close: bool = False) -> bytes:
    """Return the figure as PNG bytes at :data:`DPI` on white, without metadata, its value
    axes started at zero (:func:`zero_based`).

    The same figure always gives the same bytes (``savefig`` writes no "Software" text, no
    time). ``close=True`` releases the figure after saving: a pyplot figure is closed
    (``plt.close``), any other one cleared, so nothing keeps its artists alive.
    """
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    zero_based(fig)
    buf = io.BytesIO()
    with matplotlib.style.context(STYLE):
        # zlib level 1 with run-length matching (Z_RLE = 3): charts are mostly runs of one
        # colour; about three quarters of the default level's encoding time and a file a
        # tenth smaller than level 1 alone gives; the pixels are the same.
        fig.savefig(buf, format="png", dpi=DPI, facecolor="white", edgecolor="white",
                    metadata={"Software": None},
                    pil_kwargs={"compress_level": 1, "compress_type": 3})
    if close:
        if fig.canvas.manager is not None:     # made by pyplot
            import matplotlib.pyplot as plt
            plt.close(fig)
        else:
            fig.clear()
    return buf.getvalue()


#: The figure kept for each chart kind by :func:`chart_png` (emptied with the other caches).
_KEPT: dict[str, Figure] = caches.register_dict({})


def chart_png(chart, *args, **kwargs) -> bytes:
    """Return PNG bytes of ``chart(*args, **kwargs)`` drawn into the figure kept for its kind.

    ``chart`` is one of this module's chart functions. The bytes are the same as
    ``figure_to_png(chart(*args, **kwargs))`` gives; reusing the figure saves building its
    ``Axes``, ticks and texts again for each chart of a document.
    """
    return figure_to_png(chart(*args, reuse=True, **kwargs))


def _source_text(source: str) -> str:
    s = (source or "").strip()
    if not s:
        return ""
    return s if s.lower().startswith("źródło") else f"Źródło: {s}"


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width, break_long_words=False)) or str(text)


def _new_chart(kind: str, title: str, source: str, height: float, *, left: float = 0.75,
               right: float = 0.25, bottom: float = 0.55, extra_bottom: float = 0.0,
               reuse: bool = False):
    """Return ``(fig, ax)``: a figure 16 cm wide with one Axes at fixed margins (inches),
    the title (``fig.get_suptitle()``) on top. The source is kept in an invisible text of the
    figure (:func:`chart_source`), not drawn: the document prints it under the figure.

    ``reuse``: take the figure kept for ``kind`` (see :func:`chart_png`), resized, its data
    artists and legend removed; the caller sets everything else anew.
    """
    title = _wrap(title, 78) if title else ""
    top = 0.15 + 0.19 * (title.count("\n") + 1 if title else 0) + 0.1
    height = min(max(height, 2.2), MAX_HEIGHT_IN)
    bottom = bottom + extra_bottom
    rect = [left / WIDTH_IN, bottom / height, 1 - (left + right) / WIDTH_IN,
            1 - (bottom + top) / height]
    fig = _KEPT.get(kind) if reuse else None
    if fig is None:
        fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
        FigureCanvasAgg(fig)
        ax = fig.add_axes(rect)
        source_line = fig.text(0, 0, "", gid=SOURCE_GID, visible=False)
        if reuse:
            _KEPT[kind] = fig
    else:
        ax = fig.axes[0]
        for container in list(ax.containers):      # the bars with their patches
            container.remove()
        for artist in [*ax.lines, *ax.patches, *ax.collections, *ax.texts]:
            artist.remove()
        if ax.get_legend() is not None:
            ax.get_legend().remove()
        ax.relim()                     # no data left: limits as on a new Axes
        ax.set_autoscale_on(True)
        if tuple(fig.get_size_inches()) != (WIDTH_IN, height):
            fig.set_size_inches(WIDTH_IN, height)
        ax.set_position(rect)
        source_line = next(t for t in fig.texts if t.get_gid() == SOURCE_GID)
    fig.suptitle(title, x=0.08 / WIDTH_IN, y=1 - 0.12 / height, ha="left", va="top",
                 fontsize=9.5, fontweight="bold")
    source_line.set_text(_source_text(source))
    return fig, ax


def chart_source(fig: Figure) -> str:
    """Return the source a chart function was given ("Źródło: ..."), "" when it has none.

    The picture does not show it: a document prints the source once, under the figure.
    """
    return next((t.get_text() for t in fig.texts if t.get_gid() == SOURCE_GID), "")


def _legend_below(fig: Figure, ax, ncol: int, offset_in: float = 0.3) -> None:
    height = ax.get_position().height * fig.get_size_inches()[1]
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -offset_in / height), ncol=ncol)


def _series(s) -> pd.Series:
    """Return a float series indexed by int year, sorted; None -> empty."""
    if s is None:
        return pd.Series(dtype=float)
    s = pd.to_numeric(pd.Series(s), errors="coerce").astype(float)
    s.index = [int(float(i)) for i in s.index]
    return s.sort_index()


def _data_range(*arrays):
    vals = np.concatenate([np.asarray(a, dtype=float).ravel() for a in arrays if len(a)] or
                          [np.array([])])
    vals = vals[np.isfinite(vals)]
    return (float(vals.min()), float(vals.max())) if vals.size else (math.nan, math.nan)


#: A trend chart needs the unit's figures of at least this many years (one year is a level,
#: not a trend: a sentence or a table says it).
MIN_TREND_YEARS = 2


def trend_years(series) -> int:
    """Return the number of years with a figure in ``series`` (values indexed by year)."""
    s = _series(series)
    return int(pd.Index(s.index[s.notna().to_numpy()]).nunique())


def trend_chart(title, unit_series, powiat_series, forecast, ylabel, source, unit_label,
                powiat_label, *, reuse: bool = False) -> Figure:
    """Return a line chart of the unit (and the powiat) over years, with the forecast dashed.

    NaN years leave gaps in the line. The forecast (``years``, ``values``, ``lower``,
    ``upper``) continues from the last observed point as a dashed line over a shaded
    interval (legend "przedział prognozy"), in a region marked "prognoza". The y axis starts
    at 0 unless a value is negative. A unit with figures of one year only has no trend: the
    chart says so and draws no line (a diagnosis does not make such a chart at all).
    """
    if trend_years(unit_series) == 1:
        unit_series = powiat_series = forecast = None
        note = wykresy.ONE_YEAR
    else:
        note = NO_DATA
    with matplotlib.style.context(STYLE):
        fig, ax = _new_chart("trend", title, source, 3.4, extra_bottom=0.3, reuse=reuse)
        unit, pow_ = _series(unit_series), _series(powiat_series)
        ax.plot(unit.index, unit.values, color=UNIT_COLOR, linewidth=2.0, marker="o",
                markersize=4, label=unit_label, zorder=3)
        if len(pow_):
            ax.plot(pow_.index, pow_.values, color=POWIAT_COLOR, linewidth=1.4, marker="s",
                    markersize=3.5, label=powiat_label, zorder=2)
        arrays, years = [unit.values, pow_.values], list(unit.index) + list(pow_.index)
        if forecast is not None and len(list(getattr(forecast, "years", []) or [])):
            fy = [int(y) for y in forecast.years]
            fv = np.asarray(forecast.values, dtype=float)
            lower, upper = getattr(forecast, "lower", None), getattr(forecast, "upper", None)
            lo = np.asarray(fv if lower is None else lower, dtype=float)
            hi = np.asarray(fv if upper is None else upper, dtype=float)
            observed = unit.dropna()
            fx, line, band_lo, band_hi, edge = fy, fv, lo, hi, fy[0] - 0.5
            if len(observed):      # the forecast starts from the last observed point
                x0, y0 = int(observed.index[-1]), float(observed.iloc[-1])
                after = [k for k, y in enumerate(fy) if y > x0]   # no second point at x0
                fy, fv, lo, hi = [fy[k] for k in after], fv[after], lo[after], hi[after]
                fx, edge = [x0] + fy, x0 + 0.5
                line, band_lo, band_hi = (np.concatenate([[y0], a]) for a in (fv, lo, hi))
            ax.fill_between(fx, band_lo, band_hi, color=FORECAST_FILL, linewidth=0,
                            label="przedział prognozy")
            ax.plot(fx, line, color=UNIT_COLOR, linewidth=1.6, linestyle="--", marker="o",
                    markersize=3, markerfacecolor="white", label="prognoza", zorder=3)
            ax.axvline(edge, color=POWIAT_COLOR, linewidth=0.8, linestyle=":")
            ax.text(edge + 0.1, 1.0, "prognoza", transform=ax.get_xaxis_transform(),
                    ha="left", va="top", fontsize=7.5, color=POWIAT_COLOR, fontstyle="italic")
            arrays += [fv, lo, hi]
            years += fy
        lo_v, hi_v = _data_range(*arrays)
        if not np.isfinite(lo_v):
            ax.set_ylim(0, 1)
            ax.text(0.5, 0.5, note, transform=ax.transAxes, ha="center", va="center")
        elif lo_v >= 0:
            ax.set_ylim(0, hi_v * 1.12 if hi_v > 0 else 1)
        else:                      # matplotlib's own margins around negative data
            margin = 0.05 * (hi_v - lo_v) or 1.0
            ax.set_ylim(lo_v - margin, hi_v + margin)
        if years:
            ax.set_xlim(min(years) - 0.4, max(years) + 0.4)
        ax.grid(True, axis="y")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
        ax.xaxis.set_major_formatter(YearFormatter())
        ax.yaxis.set_major_formatter(DecimalCommaFormatter())
        ax.set_ylabel("" if ylabel is None else str(ylabel))
        _legend_below(fig, ax, ncol=2)
    return fig


def _favourable_order(values: pd.Series, direction: str) -> pd.Series:
    """Return values ordered bottom-to-top for barh: the most favourable ends on top."""
    ascending = direction != "worse"      # 'worse': smallest is best -> on top -> last
    known = values.dropna().sort_values(ascending=ascending, kind="mergesort")
    missing = values[values.isna()]
    return pd.concat([missing, known])    # no data at the bottom


def ranking_chart(title, values, highlight, powiat_value, direction, xlabel, source,
                  decimals: int | None = None, *, labels=None, reuse: bool = False) -> Figure:
    """Return horizontal bars of units, the most favourable on top, ``highlight`` coloured.

    ``values`` is a Series (or dict) by unit code; ``highlight`` is the code of the unit the
    document is about (or None): its bar is dark and its label bold, whatever the names.
    ``labels`` maps codes to the names shown (two gminas may share a name, so the caller
    passes names that tell them apart); a code without a label is shown as it is.
    ``direction`` is the indicator's (``worse``: higher is worse; ``better``; ``neutral``
    sorts the largest on top). A dashed line marks the powiat value; each bar carries its
    value with a decimal comma.
    """
    s = pd.to_numeric(pd.Series(values), errors="coerce").astype(float)
    s.index = [str(i) for i in s.index]
    s = _favourable_order(s, direction)
    labels = labels or {}
    names = [str(labels.get(code, code)) for code in s.index]
    mine = [code == str(highlight) for code in s.index]
    if decimals is None:
        decimals = 0 if _decimals_needed(s.dropna().values, 1) == 0 else 1
    left = min(0.25 + 0.062 * max([len(n) for n in names] + [4]), 2.6)
    with matplotlib.style.context(STYLE):
        fig, ax = _new_chart("ranking", title, source, 1.1 + 0.27 * max(len(s), 1),
                             left=left, right=0.55, reuse=reuse)
        y = np.arange(len(s))
        ax.barh(y, s.fillna(0).values, height=0.7, edgecolor=EDGE_COLOR, linewidth=0.4,
                color=[UNIT_COLOR if m else OTHER_COLOR for m in mine])
        ax.set_yticks(y, labels=names)
        for label, m in zip(ax.get_yticklabels(), mine):
            label.set_fontweight("bold" if m else "normal")
        lo_v, hi_v = _data_range(s.values, [] if powiat_value is None else [powiat_value])
        span = (hi_v - min(lo_v, 0)) if np.isfinite(hi_v) else 1.0
        pad = (span or 1.0) * 0.01
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
        ax.grid(True, axis="x")
        ax.xaxis.set_major_formatter(DecimalCommaFormatter())
        ax.set_xlabel("" if xlabel is None else str(xlabel))
        ax.tick_params(axis="y", length=0)
    return fig


def reasons_order(reasons) -> pd.Series:
    """Return the reasons as barh draws them: zeros and NaN dropped, ascending (largest on top)."""
    s = pd.to_numeric(pd.Series(reasons, dtype=object), errors="coerce").astype(float)
    s = s[s.notna() & (s != 0)]
    return s.sort_values(ascending=True, kind="mergesort")


def reasons_chart(title, reasons, source, *, reuse: bool = False) -> Figure:
    """Return horizontal bars of families by reason for help, largest on top, zeros dropped.

    ``reasons`` is a Series (or dict) of counts by Polish label; long labels are wrapped,
    and a row of a label of two or more lines is taller, so labels never run into each other.
    """
    s = reasons_order(reasons)
    labels = [_wrap(i, 38) for i in s.index]
    rows = np.array([max(1.0, 0.5 * (label.count("\n") + 1) + 0.15) for label in labels])
    with matplotlib.style.context(STYLE):
        fig, ax = _new_chart("reasons", title, source, 1.3 + 0.27 * max(rows.sum(), 2),
                             left=2.45, right=0.45, extra_bottom=0.15, reuse=reuse)
        y = np.cumsum(rows) - rows / 2 - 0.5        # row centres; one-line rows 1 apart
        ax.barh(y, s.values, color=UNIT_COLOR, height=0.7)
        ax.set_yticks(y, labels=labels)
        ax.tick_params(axis="y", length=0, labelsize=7.5)
        hi = float(s.max()) if len(s) else 1.0
        for yi, v in zip(y, s.values):
            ax.text(v + hi * 0.01, yi, fmt_number(v), va="center", ha="left", fontsize=7.5)
        ax.set_xlim(0, hi * 1.12)
        ax.set_ylim(-0.6, max(rows.sum(), 1) - 0.4)
        if not len(s):
            ax.text(0.5, 0.5, NO_DATA, transform=ax.transAxes, ha="center", va="center")
        ax.grid(True, axis="x")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(DecimalCommaFormatter())
        ax.set_xlabel("liczba rodzin")
    return fig


def _stacked(ax, frame: pd.DataFrame, labels: list[str], suffix: str, label_decimals: int,
             totals: bool) -> None:
    """Stacked bars of ``frame`` (years x parts) with values on the segments and, above a
    bar, its total (``totals``), "dane niepełne" (some parts missing) or "brak danych"."""
    years = [int(float(y)) for y in frame.index]
    sums = frame.sum(axis=1).values
    bottom = np.zeros(len(frame))
    # the smallest segment that gets its value written on it
    least = 0.07 * max(float(np.nanmax(sums)), 1e-9) if len(frame) else 0
    for i, (col, label) in enumerate(zip(frame.columns, labels)):
        v = frame[col].fillna(0).values.astype(float)
        color = STACK_COLORS[i % len(STACK_COLORS)]
        ax.bar(years, v, bottom=bottom, color=color, edgecolor=EDGE_COLOR, linewidth=0.4,
               hatch=STACK_HATCHES[i % len(STACK_HATCHES)], width=0.7, label=label)
        dark = color in (STACK_COLORS[0], STACK_COLORS[4])
        for x, b, h in zip(years, bottom, v):
            if h > 0 and h >= least:
                ax.text(x, b + h / 2, fmt_number(h, label_decimals) + suffix, ha="center",
                        va="center", fontsize=7, color="white" if dark else "black",
                        bbox=None if dark else {"boxstyle": "square,pad=0.1", "fc": "white",
                                                "ec": "none", "alpha": 0.8})
        bottom = bottom + v
    empty = frame.isna().all(axis=1).values
    partial = frame.isna().any(axis=1).values & ~empty
    note = {"fontsize": 7, "color": POWIAT_COLOR, "fontstyle": "italic", "ha": "center"}
    for x, total, e, part in zip(years, bottom, empty, partial):
        if e:
            ax.text(x, 0, NO_DATA, va="bottom", rotation=90, **note)
        elif part:  # a sum over incomplete data would look like a real total
            ax.text(x, total, "dane niepełne", va="bottom", **note)
        elif totals:
            ax.text(x, total, fmt_number(total), ha="center", va="bottom", fontsize=7.5)
    ax.set_xticks(years)
    ax.xaxis.set_major_formatter(YearFormatter())
    ax.yaxis.set_major_formatter(DecimalCommaFormatter(suffix=suffix))
    ax.grid(True, axis="y")
    if years:
        ax.set_xlim(min(years) - 0.6, max(years) + 0.6)


def age_structure_chart(title, frame, source, *, reuse: bool = False) -> Figure:
    """Return stacked bars of the shares (%) of the economic age groups in each year.

    ``frame`` is indexed by year with counts in columns whose names contain
    ``przedprodukcyjn``, ``produkcyjn`` and ``poprodukcyjn`` (e.g. ``przedprodukcyjny`` or the
    catalogue ids ``ludnosc_przedprodukcyjna``...). A year with any group missing has no bar.
    """
    shares = age_shares(frame)
    with matplotlib.style.context(STYLE):
        fig, ax = _new_chart("age", title, source, 3.4, extra_bottom=0.3, reuse=reuse)
        _stacked(ax, shares, _AGE_ORDER, "%", 1, totals=False)
        ax.set_ylim(0, 100)
        ax.set_ylabel("udział w ludności ogółem")
        _legend_below(fig, ax, ncol=3)
    return fig


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
    missing = [label for label in _AGE_ORDER if label not in columns]
    if missing:
        raise ValueError(f"brak kolumn grup wieku: {', '.join(missing)}")
    counts = frame[[columns[label] for label in _AGE_ORDER]].apply(pd.to_numeric,
                                                                   errors="coerce")
    counts = counts.astype(float).sort_index()
    total = counts.sum(axis=1, min_count=len(_AGE_ORDER))
    shares = counts.div(total.where(total > 0), axis=0) * 100
    shares.loc[counts.isna().any(axis=1).values] = np.nan
    shares.columns = list(_AGE_ORDER)
    return shares


def foster_care_chart(title, frame, source, *, reuse: bool = False) -> Figure:
    """Return stacked bars of children in foster care by form of care, per year, with totals.

    A year with some forms missing shows what is known and "dane niepełne" instead of a total.

    ``frame`` is indexed by year, one column per form of care (Polish labels, or the
    catalogue ids listed in :data:`FOSTER_LABELS`), counts of children.
    """
    data = frame.apply(pd.to_numeric, errors="coerce").astype(float).sort_index()
    labels = [FOSTER_LABELS.get(str(c), str(c)) for c in data.columns]
    legend_rows = math.ceil(max(len(labels), 1) / 2)
    with matplotlib.style.context(STYLE):
        fig, ax = _new_chart("foster", title, source, 3.4 + 0.2 * legend_rows,
                             extra_bottom=0.2 * legend_rows, reuse=reuse)
        _stacked(ax, data, labels, "", 0, totals=True)
        hi = np.nanmax(data.sum(axis=1).values) if len(data) else 0
        ax.set_ylim(0, (hi if np.isfinite(hi) and hi > 0 else 1) * 1.12)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel("liczba dzieci")
        _legend_below(fig, ax, ncol=2)
    return fig


def house_style():
    """Return a context in which an author's own matplotlib figure gets the house look::

        with charts.house_style():
            fig, ax = plt.subplots()
            ax.bar(lata, wartosci)
        dok.figure(fig, "Tytuł wykresu", "źródło danych")

    (``matplotlib.style.context`` with the charts' style sheet: fonts, colours, grid.)
    """
    return matplotlib.style.context(STYLE)
