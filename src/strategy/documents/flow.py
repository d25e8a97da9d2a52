"""Where a document's landscape pages go: a wide table with its neighbours, no page of a few lines.

In: the blocks a document renders (:mod:`.blocks`) and the :class:`.report.Report` they go into
(its page sizes and the tables' measured layouts). Out: the landscape parts, as ranges of block
positions, that :func:`.render_word.render` opens and closes with
:meth:`.report.Report.landscape_begin` / :meth:`~.report.Report.landscape_end`.

A landscape part is a section of its own: it starts a new page and the page after it starts a
new page too. Set around each table too wide for a portrait page (the measured needs decide,
:func:`.tables.layout_table`), such a part would leave short pages wherever a few lines stand
between two wide tables, or between a wide table and a page break. So a part takes along:

- the lead-in: the heading and the short text right before the wide table (the heading would
  otherwise stand alone at the foot of the portrait page, the text on a page of its own);
- the short text between two wide tables, with any portrait table there (one landscape part,
  not three sections with a short portrait page between them);
- the short text after it up to the next heading (a note on the table), when it fits the
  part's last page, and the short rest of a chapter up to a page break or the end of the
  document;
- the short text between a page break (or the start of the body) and the part.

And a page break that would end a page of a few lines (a short annex that starts on a new
page, then the next annex) is left out (:func:`short_breaks`).

"Short" is measured, not counted in blocks: each block's height is estimated from its text
widths (:mod:`.measure`), its table rows (:func:`.tables.row_heights`) or its picture's size.
Figures never go on a landscape page (a chart is sized for a portrait page).
"""
from __future__ import annotations

import struct
from collections.abc import Sequence

from . import tables
from .blocks import (
    Block,
    Box,
    Bullets,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    RefTo,
    Run,
    Slot,
    Table,
)

#: Body text: 11 pt, line spacing 1,15 (as the reference template's "Normal"), space after.
TEXT_SIZE, TEXT_LINE, TEXT_AFTER = 11.0, 11.0 * 1.15 * 1.15, 6.0
#: Heights (points) of the headings of levels 1-3 with the space around them.
HEADING_HEIGHT = {1: 62.0, 2: 44.0, 3: 38.0}
#: Caption and source line of a table or figure (points).
CAPTION_HEIGHT, SOURCE_HEIGHT = 28.0, 22.0
#: Text around a wide table that goes on its landscape pages at most (a share of a landscape
#: page): the lead-in, the note after it, the text between two wide tables, a chapter's rest.
LEAD_SHARE, TAIL_SHARE, GAP_SHARE = 0.35, 0.35, 0.9


def landscape_parts(blocks: Sequence[Block], layouts: dict[int, tables.Layout],
                    page: tuple[float, float, float, float], *,
                    fresh: bool = True) -> list[tuple[int, int]]:
    """Return the landscape parts as (first, last) block positions, in order.

    ``layouts`` are the measured layouts of the tables by position; ``page`` the text width and
    height of a portrait and of a landscape page (points, :meth:`.report.Report.page_size`);
    ``fresh``: the first block starts a page (the body after the front matter).
    """
    _, _, lwidth, lheight = page
    wide = [i for i in sorted(layouts) if layouts[i].landscape]
    if not wide:
        return []

    def height(i: int) -> float:
        return block_height(blocks[i], layouts.get(i), lwidth)

    def movable(i: int) -> bool:
        """A block that may go on a landscape page: text, a heading, a table."""
        return isinstance(blocks[i], (Heading, Paragraph, Bullets, Box, Table, Slot))

    parts: list[list[int]] = []
    for i in wide:
        if parts and _between_fits(parts[-1][1], i, movable, height, GAP_SHARE * lheight):
            parts[-1][1] = i
        else:
            parts.append([i, i])
    n = len(blocks)
    for part in parts:
        first, last = part
        # lead-in: the short text right before it, with the heading it stands under
        k, total = first - 1, 0.0
        while k >= 0 and isinstance(blocks[k], (Paragraph, Bullets, Box, Slot)):
            total += height(k)
            k -= 1
        if total <= LEAD_SHARE * lheight:
            if k >= 0 and isinstance(blocks[k], Heading):
                while k - 1 >= 0 and isinstance(blocks[k - 1], Heading):
                    k -= 1
                part[0] = k
            else:
                part[0] = k + 1
        # tail: the text after the table up to the next heading, when short and when it fits
        # the part's last page (else it leads the portrait text that follows)
        k, total = last + 1, 0.0
        while k < n and isinstance(blocks[k], (Paragraph, Bullets, Box, Slot)):
            total += height(k)
            k += 1
        if k > last + 1 and total <= TAIL_SHARE * lheight and _fits_last_page(
                part[0], last, total, height, lheight):
            part[1] = k - 1
    # parts that now touch or overlap become one; a short stretch between them joins them
    merged: list[list[int]] = []
    for part in parts:
        if merged and (part[0] <= merged[-1][1] + 1 or _between_fits(
                merged[-1][1], part[0], movable, height, GAP_SHARE * lheight)):
            merged[-1][1] = max(merged[-1][1], part[1])
        else:
            merged.append(part)
    # the short start of a page run before a part: after a page break or the front matter
    for m, part in enumerate(merged):
        k, total = part[0] - 1, 0.0
        floor = merged[m - 1][1] if m else -1
        while k > floor and movable(k) and not _is_wide(k, layouts):
            total += height(k)
            k -= 1
        start = (k < 0 and fresh) or (k > floor and isinstance(blocks[k], PageBreak))
        if not start or k + 1 >= part[0]:
            continue
        first_page = total + _opening(part[0], blocks, layouts, height, lheight)
        if total <= TAIL_SHARE * lheight and first_page <= FILL_SAFE * lheight:
            part[0] = k + 1         # all of it on the part's first page
        elif total < SHORT_PAGE:
            # it would stand alone on a page: keep the lead-in with it on the portrait page
            part[0] = next(i for i in range(part[0], part[1] + 1) if _is_wide(i, layouts))
    # the short rest of a chapter after a part, before a page break or the end
    for part in merged:
        k, total = part[1] + 1, 0.0
        while k < n and movable(k) and not _is_wide(k, layouts):
            total += height(k)
            k += 1
        stop = k >= n or isinstance(blocks[k], PageBreak)
        if stop and k > part[1] + 1 and total <= TAIL_SHARE * lheight and _fits_last_page(
                part[0], part[1], total, height, lheight):
            part[1] = k - 1
    return [(a, b) for a, b in merged]


#: Share of a page the estimates may fill: they err by a line or two.
FILL_SAFE = 0.9


def _opening(first: int, blocks: Sequence[Block], layouts: dict[int, tables.Layout], height,
             page: float) -> float:
    """Return the height (points) that must stand on the first page of a landscape part
    beginning at ``first``: its lead-in and its first wide table - whole when the table is kept
    whole (:func:`.tables.keep_rows`), else its caption, header and first rows."""
    total, k = 0.0, first
    while k < len(blocks) and not (k in layouts and layouts[k].landscape):
        total += height(k)
        k += 1
    if k < len(blocks):
        rows = tables.row_heights(layouts[k])
        if sum(rows) <= tables.KEEP_WHOLE * page:
            total += height(k)
        else:
            total += CAPTION_HEIGHT + sum(rows[:tables.KEEP_FIRST + 1])
    return total


def _fits_last_page(first: int, last: int, extra: float, height, page: float) -> bool:
    """Whether ``extra`` points more fit the last page of the blocks ``first``..``last`` set
    on pages ``page`` points high (estimated: blocks fill pages one after another)."""
    used = 0.0
    for k in range(first, last + 1):
        used += height(k)
    on_last = used % page
    return on_last + extra <= FILL_SAFE * page


#: A page break after less than this (points: 16 lines of body text) since the last page
#: start is left out: the page would hold a few lines (:func:`short_breaks`).
SHORT_PAGE = 16 * TEXT_LINE


def short_breaks(blocks: Sequence[Block], layouts: dict[int, tables.Layout],
                 page: tuple[float, float, float, float],
                 parts: Sequence[tuple[int, int]] = (), *, fresh: bool = True) -> set[int]:
    """Return the positions of the page breaks to leave out: those that would end a page of
    less than :data:`SHORT_PAGE` - content that began on a new page (the start of the body when
    ``fresh``, a page break, the end of a landscape part) and ends in a page break before
    filling it (a short annex: the next one follows on the same page).
    """
    width = page[0]
    inside = {k for a, b in parts for k in range(a, b + 1)}
    starts = {b + 1 for _, b in parts} | ({0} if fresh else set())
    out: set[int] = set()
    total, known = 0.0, fresh
    for i, block in enumerate(blocks):
        if i in starts:
            total, known = 0.0, True
        if i in inside:
            continue
        if isinstance(block, PageBreak):
            if known and 0 < total < SHORT_PAGE:
                out.add(i)          # what follows goes on the same page: keep counting
            else:
                total, known = 0.0, True
            continue
        total += block_height(block, layouts.get(i), width)
    return out


def _is_wide(i: int, layouts: dict[int, tables.Layout]) -> bool:
    return i in layouts and layouts[i].landscape


def _between_fits(a: int, b: int, movable, height, room: float) -> bool:
    """Whether the blocks strictly between positions ``a`` and ``b`` may go on landscape pages
    and take at most ``room`` points."""
    total = 0.0
    for k in range(a + 1, b):
        if not movable(k):
            return False
        total += height(k)
        if total > room:
            return False
    return True


def block_height(block: Block, layout: tables.Layout | None, width: float) -> float:
    """Return the estimated height (points) of ``block`` on a page ``width`` points wide."""
    if isinstance(block, Heading):
        return HEADING_HEIGHT.get(block.level, 40.0)
    if isinstance(block, Paragraph):
        return text_height(_plain(block.runs), width)
    if isinstance(block, Bullets):
        return sum(text_height(_plain(item), width - 18) for item in block.items)
    if isinstance(block, Box):
        return 20.0 + sum(text_height(_plain(p), width - 12) for p in block.paragraphs)
    if isinstance(block, Table):
        rows = sum(tables.row_heights(layout)) if layout is not None else 20.0 * (len(block.frame) + 1)
        return CAPTION_HEIGHT + rows + SOURCE_HEIGHT
    if isinstance(block, Figure):
        return CAPTION_HEIGHT + picture_height(block.png, block.width_cm) + SOURCE_HEIGHT
    return 0.0


def text_height(text: str, width: float) -> float:
    """Return the height (points) of a paragraph of ``text`` in the body font, ``width`` wide."""
    lines = tables.wrapped_lines(text, width * 20 + tables.CELL_PADDING, TEXT_SIZE)
    return lines * TEXT_LINE + TEXT_AFTER


def picture_height(png: bytes, width_cm: float) -> float:
    """Return the height (points) of a PNG shown ``width_cm`` wide (its pixel proportions)."""
    if len(png) >= 24 and png[:8] == b"\x89PNG\r\n\x1a\n":
        w, h = struct.unpack(">II", png[16:24])
        if w:
            return width_cm / 2.54 * 72 * h / w
    return width_cm / 2.54 * 72 * 0.6


def _plain(runs) -> str:
    out = []
    for r in runs:
        if isinstance(r, Run):
            out.append(r.text)
        elif isinstance(r, RefTo):
            out.append("Tabela 10")
    return "".join(out)


__all__ = ["block_height", "landscape_parts", "picture_height", "short_breaks", "text_height"]
