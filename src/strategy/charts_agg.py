"""The drawing end of :mod:`strategy.charts`: an Agg canvas that remembers text, and PNG encoding.

In: a matplotlib Figure (for :class:`CachingCanvas`) or an RGBA pixel array (for
:func:`encode_png`).
Out: the same pixels matplotlib's own Agg canvas draws, sooner; PNG bytes without metadata.

Text dominates the drawing of a chart: for every string matplotlib lays the glyphs out twice
(once to measure, once to draw) and renders every glyph with the font's hinting, all over again
for each figure. The charts of a diagnosis repeat most of their strings (tick labels, the source
line, legend labels, gmina names), so :class:`CachingRenderer` keeps, per thread:

* the size of each string (by text, font properties and dpi),
* the glyph layout of each string (by font, size, dpi, features, language, hinting),
* each rendered glyph bitmap, by font, size, dpi, glyph, transform and the position's fraction
  of a pixel (in FreeType's 1/64 units); the integer part only shifts the bitmap;
* the glyph bitmaps of each string joined into a few images, blended onto the canvas in one
  call each instead of one call per glyph (see :meth:`CachingRenderer._draw_glyphs`);
* each font's ascent, descent and line gap, which Text._get_layout otherwise reads from the
  font's tables (after a font look-up) for every text it lays out.

The glyphs are drawn exactly as :meth:`RendererAgg._draw_text_glyphs_and_boxes` draws them, so the
pixels are the same (the tests compare them with ``savefig``). The glyph and layout caches rely on
the glyph-by-glyph text drawing of matplotlib 3.11; with another matplotlib they stay off and only
the size cache is used. Mathtext goes the ordinary way. Caches are emptied when they grow past
:data:`CACHE_LIMIT` entries, the joined strings past :data:`RUN_CACHE_BYTES` bytes.
"""
from __future__ import annotations

import math
import struct
import threading
import zlib

try:  # ISA-L's deflate writes a standard zlib stream ~8x faster than zlib at level 1 (0.6 ms
    # against 5 ms for a chart, measured); zlib when it is missing
    from isal.isal_zlib import compress as _deflate
except ImportError:  # pragma: no cover - isal is a dependency; any zlib build still works
    from zlib import compress as _deflate

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.font_manager import fontManager, get_font
from matplotlib.text import Text
from matplotlib.transforms import Bbox

try:
    from matplotlib.ft2font import FT2Font, RenderMode
except ImportError:  # pragma: no cover - matplotlib without RenderMode
    FT2Font = RenderMode = None

from . import caches

CACHE_LIMIT = 50_000
#: Joined glyph images of whole strings are larger: they are kept up to this many bytes.
RUN_CACHE_BYTES = 16 * 2**20

#: The glyph-by-glyph text drawing these caches reproduce (matplotlib 3.11).
GLYPH_CACHE = (RenderMode is not None
               and hasattr(RendererAgg, "_draw_text_glyphs_and_boxes")
               and hasattr(RendererAgg, "_prepare_font")
               and all(hasattr(FT2Font, m) for m in ("_layout", "_render_glyph", "_set_transform")))

_local = threading.local()


def _caches() -> tuple[dict, dict, dict, dict]:
    c = getattr(_local, "caches", None)
    if c is None:
        c = _local.caches = ({}, {}, {}, _RunCache())
    return c


class _RunCache(dict):
    """Joined images of strings, emptied when their pixels pass :data:`RUN_CACHE_BYTES`
    (a chart's title is drawn once and weighs some tens of kilobytes)."""

    nbytes = 0

    def remember(self, key, runs):
        size = sum(image.nbytes for image, _, _ in runs)
        if size > RUN_CACHE_BYTES:
            return runs
        if self.nbytes + size > RUN_CACHE_BYTES:
            self.clear()
        self[key] = runs
        self.nbytes += size
        return runs

    def clear(self):
        super().clear()
        self.nbytes = 0


@caches.register
def clear_caches() -> None:
    """Forget the text sizes, layouts, glyph bitmaps and joined strings of this thread."""
    for c in _caches():
        c.clear()


def legend_cache() -> dict:
    """The per-thread dictionary where :mod:`strategy.charts` keeps recorded legends (emptied
    with the other caches, and past :data:`CACHE_LIMIT` entries)."""
    return _caches()[0]


def remember(cache: dict, key, value):
    """Store ``value`` under ``key``, emptying ``cache`` first if it is full; return it."""
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[key] = value
    return value


class _Layout:
    """A string's glyphs as FT2Font._layout places them: (font, glyph) and offsets.

    Equal (and hashed) by its glyphs, so it stands for them in a key of the joined strings;
    the hash is computed once."""

    __slots__ = ("glyphs", "dx", "dy", "_hash")

    def __init__(self, items):
        items = list(items)
        self.glyphs = tuple((item.ft_object, item.glyph_index) for item in items)
        self.dx = [float(item.x) for item in items]
        self.dy = [float(item.y) for item in items]
        self._hash = hash(self.glyphs)

    def __hash__(self):
        return self._hash

    def __eq__(self, other):
        return isinstance(other, _Layout) and self.glyphs == other.glyphs


def _prop_key(prop) -> tuple:
    """The font properties as a key: the values FontProperties hashes and compares by,
    without copying the object."""
    return tuple(prop.__dict__.values())


class CachingRenderer(RendererAgg):
    """An Agg renderer that reuses text sizes, layouts and glyph bitmaps across figures."""

    def get_text_width_height_descent(self, s, prop, ismath):
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        sizes = _caches()[0]
        key = (s, _prop_key(prop), self.dpi, get_hinting_flag())
        hit = sizes.get(key)
        if hit is None:
            hit = remember(sizes, key, super().get_text_width_height_descent(s, prop, ismath))
        return hit

    if GLYPH_CACHE:
        def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
            if ismath:
                return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            flags = get_hinting_flag()
            features = mtext.get_fontfeatures() if mtext is not None else None
            language = mtext.get_language() if mtext is not None else None
            layouts = _caches()[1]
            key = (s, _prop_key(prop), self.dpi, flags,
                   tuple(features) if features is not None else None,
                   language if language is None or isinstance(language, str)
                   else tuple(map(tuple, language)))
            layout = layouts.get(key)
            if layout is None:
                font = self._prepare_font(prop)
                layout = remember(layouts, key, _Layout(
                    font._layout(s, flags=flags, features=features, language=language)))
            size = prop.get_size_in_points()
            self._draw_glyphs(gc, x, y, angle, size, layout, flags)

        def _draw_glyphs(self, gc, x, y, angle, size, layout, flags):
            """Draw laid-out glyphs as matplotlib 3.11 does, each string's bitmaps joined once.

            Matplotlib blends every glyph bitmap onto the canvas by itself, and each of those
            calls converts the whole graphics context again - most of the time of a text.
            Here the glyphs of a string are joined into a few images ("runs") and each run is
            blended once. A run never holds two glyphs whose inked pixels overlap: a pixel is
            then covered by one glyph of the run, and blending the run changes exactly the
            pixels, by exactly the amounts, that blending its glyphs one by one would (a zero
            coverage leaves a pixel alone). Glyphs that do overlap go to successive runs, in
            the string's order, so those pixels are blended in the same order as before.
            """
            if not layout.glyphs:
                return
            cos = math.cos(math.radians(angle))
            sin = math.sin(math.radians(angle))
            height = self.height
            # each glyph's position in FreeType's 1/64 pixel, computed as matplotlib does
            # (the same operations in the same order, in double precision, rounded half to
            # even: round() as numpy's rint); plain floats are quicker than arrays for the
            # few glyphs of a string
            x, hy = float(x), float(height - y)
            px = [round(0x40 * (x + dx * cos - dy * sin)) for dx, dy in zip(layout.dx, layout.dy)]
            py = [round(0x40 * (hy + dx * sin + dy * cos)) for dx, dy in zip(layout.dx, layout.dy)]
            mode = RenderMode.NORMAL if gc.get_antialiased() else RenderMode.MONO
            bx, by = px[0] >> 6, py[0] >> 6
            # the positions relative to the first glyph's pixel (fractions and offsets)
            ox, oy = bx << 6, by << 6
            key = (size, self.dpi, angle, flags, mode, layout,
                   tuple([p - ox for p in px]), tuple([p - oy for p in py]))
            runs_cache = _caches()[3]
            runs = runs_cache.get(key)
            if runs is None:
                placed = [(font, glyph_index, gx, gy) for (font, glyph_index), gx, gy
                          in zip(layout.glyphs, px, py)]
                runs = runs_cache.remember(
                    key, self._runs(placed, bx, by, cos, sin, size, flags, mode))
            draw = self._renderer.draw_text_image
            anchor = int(height) - by    # FreeType's y is upwards, the canvas rows downwards
            for buffer, left, bottom in runs:
                draw(buffer, bx + left, anchor + bottom, 0, gc)

        def _runs(self, placed, bx, by, cos, sin, size, flags, mode):
            """Return the string's glyphs joined in runs: (bitmap, left, bottom) in pixels
            right of and down from the first glyph's pixel (``bx``, ``height - by``)."""
            matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]])).round().astype(int)
            mkey = tuple(matrix.ravel().tolist())
            glyphs = _caches()[2]
            boxes = []      # (bitmap, x0, y0) in pixels right and down of the anchor
            for font, glyph_index, px, py in placed:
                key = (font, size, self.dpi, glyph_index, mkey, px & 63, py & 63, flags, mode)
                hit = glyphs.get(key)
                if hit is None:
                    font.set_size(size, self.dpi)
                    font._set_transform(matrix, [px, py])
                    bitmap = font._render_glyph(glyph_index, flags, mode)
                    buffer = np.array(bitmap.buffer)          # a copy, FreeType reuses its own
                    if mode is RenderMode.MONO:
                        buffer *= 0xff
                    hit = remember(glyphs, key, (buffer, bitmap.left - (px >> 6),
                                                  bitmap.top - (py >> 6)))
                buffer, left, top = hit
                if buffer.size:
                    boxes.append((buffer, left + (px >> 6) - bx, -(top + (py >> 6) - by)))
            return _join_runs(boxes)

        def _get_font_height_metrics(self, prop):
            """Return (ascent, descent, line gap) of the font in pixels, as Text._get_layout
            computes them from the font's tables for every text it lays out, once per font.

            Text._get_layout asks the renderer first (the hook is there for the PDF and PS
            backends); it scales by the figure's dpi, which is the renderer's while drawing.
            """
            cache = _caches()[0]
            key = ("_font_height_metrics", _prop_key(prop), self.dpi)
            hit = cache.get(key)
            if hit is None:
                hit = (None, None, None)
                font = get_font(fontManager._find_fonts_by_props(prop))
                for table_name, gap_key, ascent_key, descent_key in (
                        ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                        ("hhea", "lineGap", "ascent", "descent")):
                    table = font.get_sfnt_table(table_name)
                    if table is None:
                        continue
                    units_per_em = font.get_sfnt_table("head")["unitsPerEm"]
                    scale = 1 / units_per_em * prop.get_size_in_points() * self.dpi / 72
                    hit = (table[ascent_key] * scale, -table[descent_key] * scale,
                           table[gap_key] * scale)
                    break
                remember(cache, key, hit)
            return hit


def _join_runs(boxes) -> tuple:
    """Join placed glyph bitmaps (bitmap, x0, y0) into images (bitmap, left, bottom).

    Glyphs go into the current image in order until one would ink a pixel that an earlier
    glyph of that image inks; that glyph starts the next image.
    """
    if len(boxes) <= 1:
        return tuple((b, x, y + b.shape[0]) for b, x, y in boxes)
    x_min = min(x for _, x, _ in boxes)
    y_min = min(y for _, _, y in boxes)
    width = max(x + b.shape[1] for b, x, _ in boxes) - x_min
    height = max(y + b.shape[0] for b, _, y in boxes) - y_min
    runs = []
    image, extent = None, None
    for b, x, y in boxes:
        h, w = b.shape
        rows, cols = slice(y - y_min, y - y_min + h), slice(x - x_min, x - x_min + w)
        if image is not None and np.logical_and(image[rows, cols], b).any():
            runs.append(_crop(image, extent, x_min, y_min))
            image = None
        if image is None:
            image = np.zeros((height, width), dtype=np.uint8)
            extent = [x, y, x + w, y + h]
        else:
            extent = [min(extent[0], x), min(extent[1], y), max(extent[2], x + w),
                      max(extent[3], y + h)]
        view = image[rows, cols]
        np.maximum(view, b, out=view)
    runs.append(_crop(image, extent, x_min, y_min))
    return tuple(runs)


def _crop(image, extent, x_min, y_min):
    x0, y0, x1, y1 = extent
    return (np.ascontiguousarray(image[y0 - y_min:y1 - y_min, x0 - x_min:x1 - x_min]), x0, y1)


def layout_style(text: Text) -> tuple:
    """Return what the layout of a Text depends on besides its string, the dpi and the renderer:
    font properties, rotation and its mode, alignments and line spacing (math parsing too)."""
    return (_prop_key(text.get_fontproperties()), text.get_rotation(),
            text.get_rotation_mode(), text.get_horizontalalignment(),
            text.get_verticalalignment(), text._multialignment, text._linespacing,
            text.get_parse_math())


def text_layout(renderer, style: tuple, s: str, text: Text):
    """Return ``text._get_layout(renderer)`` for ``text`` showing ``s`` in ``style`` (see
    :func:`layout_style`), remembered per thread, and the lines as Text.draw draws them.

    The layout is relative to the text's anchor, so one entry serves every text of that string
    and style wherever it stands. Returns (bbox points, info, corner, lines), ``lines`` being
    (string, math flag, x, y) per line; the caller makes its own Bbox of the points.
    """
    cache = _caches()[0]
    fig = text.get_figure(root=True)
    key = ("_layout", style, s, fig.dpi, renderer.dpi, get_hinting_flag())
    hit = cache.get(key)
    if hit is None:
        if text.get_text() != s:
            text.set_text(s)
        bbox, info, corner = Text._get_layout(text, renderer)
        lines = tuple((*text._preprocess_math(line), x, y) for line, _, (x, y) in info)
        hit = remember(cache, key, (bbox.get_points().copy(), tuple(info), corner, lines))
    return hit


class LayoutCachingText(Text):
    """A Text whose layout comes from :func:`text_layout` when drawn by a
    :class:`CachingRenderer` (legend labels, titles): the same numbers, computed once."""

    def _get_layout(self, renderer):
        if (not isinstance(renderer, CachingRenderer) or self.get_usetex() or self.get_wrap()
                or self.get_transform_rotates_text()):
            return super()._get_layout(renderer)
        points, info, corner, _ = text_layout(renderer, layout_style(self), self._text, self)
        return Bbox(points.copy()), list(info), corner


class CachingCanvas(FigureCanvasAgg):
    """An Agg canvas drawing with :class:`CachingRenderer`."""

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = CachingRenderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _rgb_rows(a: np.ndarray, row: int) -> np.ndarray:
    """Return rows of a filter byte and the RGB bytes of opaque RGBA pixels ``a``.

    Each pixel is copied as one 32-bit word to 3-byte steps after the row's filter byte, in
    order, so the next pixel overwrites the alpha byte (the last pixel's lands on the next
    row's filter byte, set by the caller, or on a spare byte): 0.25 ms for a chart, against
    0.9 ms copying the three planes and 6 ms for strided 3-byte pixels. It relies on numpy
    copying in increasing address order, checked once at import (:data:`_WORD_COPY_OK`).
    """
    height, width, _ = a.shape
    buffer = np.empty(height * row + 1, dtype=np.uint8)
    words = np.ndarray((height, width), dtype="<u4", buffer=buffer, offset=1,
                       strides=(row, 3))
    words[...] = a.view("<u4")[..., 0]
    return buffer[:-1].reshape(height, row)


def _rgb_rows_by_plane(a: np.ndarray, row: int) -> np.ndarray:
    """The same rows as :func:`_rgb_rows`, copying the three colour planes one by one."""
    height, width, _ = a.shape
    raw = np.empty((height, row), dtype=np.uint8)
    body = raw[:, 1:].reshape(height, width, 3)
    for c in range(3):
        body[..., c] = a[..., c]
    return raw


def _word_copy_works() -> bool:
    """Check on a small image that :func:`_rgb_rows` gives what the plane copy gives."""
    rng = np.random.default_rng(0)
    a = rng.integers(0, 256, (5, 37, 4), dtype=np.uint8)
    a[..., 3] = 255
    row = 1 + 37 * 3
    fast, slow = _rgb_rows(a, row), _rgb_rows_by_plane(a, row)
    return bool((fast[:, 1:] == slow[:, 1:]).all())


#: Whether this numpy copies the overlapping words of :func:`_rgb_rows` in order.
_WORD_COPY_OK = _word_copy_works()


def encode_png(rgba, dpi: int = 200) -> bytes:
    """Return PNG bytes of an RGBA pixel array (height x width x 4, uint8), without metadata.

    An opaque image (every alpha 255, as a chart on a white background) is stored as RGB, the
    same pixels in three quarters of the data (see :func:`_rgb_rows`). Rows are not filtered
    (filter type None) and the data are deflated at level 1 through ISA-L (:data:`_deflate`):
    for a chart ~1 ms and 80 kB,
    against 2 ms and 100 kB with the "Up" filter and 5 ms with zlib (Pillow at its fastest
    level: ~14 ms, 79 kB) - ISA-L finds the long runs of a chart's flat areas in the raw rows.
    The pHYs chunk carries the resolution, so Word places the image at its physical size.
    """
    a = np.ascontiguousarray(rgba, dtype=np.uint8)
    height, width, _ = a.shape
    # every alpha 255: each pixel read as a little-endian 32-bit number has alpha on top
    opaque = bool((a.view("<u4") >= 0xFF000000).all())
    channels = 3 if opaque else 4
    row = 1 + width * channels
    if opaque:
        raw = _rgb_rows(a, row) if _WORD_COPY_OK else _rgb_rows_by_plane(a, row)
    else:
        raw = np.empty((height, row), dtype=np.uint8)
        raw[:, 1:] = a.reshape(height, -1)
    raw[:, 0] = 0                                       # filter type None for every row
    ppm = int(dpi / 0.0254 + 0.5)                       # pixels per metre
    header = struct.pack(">IIBBBBB", width, height, 8, 2 if opaque else 6, 0, 0, 0)
    return b"".join([b"\x89PNG\r\n\x1a\n", _png_chunk(b"IHDR", header),
                     _png_chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1)),
                     _png_chunk(b"IDAT", _deflate(raw.data, 1)),
                     _png_chunk(b"IEND", b"")])
