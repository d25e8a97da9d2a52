"""Width of a text in the documents' font, for table column widths: cheap and the same everywhere.

In: a text, a font size in points, bold or not. Out: its width in points as Word or LibreOffice
sets it in Arial (LibreOffice uses Liberation Sans, the metric-compatible font: the same advance
widths). The advance widths of the characters the documents use are stored below (units of
1/1000 em, read from Liberation Sans Regular and Bold, equal to Arial's), so a width is a sum of
table lookups - no font file is opened, and every machine gets the same column widths (and the
same bytes). Kerning is ignored: Word and LibreOffice do not kern body text by default.
A character not in the table counts as a wide letter (:data:`UNKNOWN`), erring towards room.
"""
from __future__ import annotations

import re
from functools import lru_cache

CHARS = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ąćęłńóśźżĄĆĘŁŃÓŚŹŻ\xa0–—„”“−…§²³‰°×→≥≤•±·«»’‘éèáöüäÉÖÜ'
REGULAR = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722,
    722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
    667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
    556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
    500, 334, 260, 334, 584, 556, 500, 556, 222, 556, 556, 500, 500, 500, 667, 722, 667, 556,
    722, 778, 667, 611, 611, 278, 556, 1000, 333, 333, 333, 584, 1000, 556, 333, 333, 1000, 400,
    584, 1000, 549, 549, 350, 549, 278, 556, 556, 222, 222, 556, 556, 556, 556, 556, 556, 667,
    778, 722,
)
BOLD = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722,
    722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722,
    667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
    611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556,
    500, 389, 280, 389, 584, 556, 556, 556, 278, 611, 611, 556, 500, 500, 722, 722, 667, 611,
    722, 778, 667, 611, 611, 278, 556, 1000, 500, 500, 500, 584, 1000, 556, 333, 333, 1000, 400,
    584, 1000, 549, 549, 350, 549, 278, 556, 556, 278, 278, 556, 556, 556, 611, 611, 556, 667,
    778, 722,
)
UNKNOWN = 780          # 1/1000 em: a character missing from the table counts as wide ("M" is 833)
_WIDTHS = {False: dict(zip(CHARS, REGULAR)), True: dict(zip(CHARS, BOLD))}


@lru_cache(maxsize=65536)
def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Return the width of ``text`` in points, set in Arial of ``size_pt`` (bold or regular)."""
    widths = _WIDTHS[bool(bold)]
    return sum(widths.get(c, UNKNOWN) for c in text) * size_pt / 1000


#: Where a line may break inside a cell text: at an ordinary space and after a hyphen or dash.
BREAK_AFTER = "-\u2013\u2014"


def words(text: str) -> list[str]:
    """Return the pieces of ``text`` a line cannot break inside: split at ordinary spaces (not
    no-break spaces) and after hyphens and dashes (which stay with the piece before)."""
    return [w for w in _BREAKS.split(text) if w]


_BREAKS = re.compile(r"[ \t\r\n]+|(?<=[" + BREAK_AFTER + r"])")
