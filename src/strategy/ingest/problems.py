"""A problem found in input data, located by file, sheet, row and column, told in Polish.

Readers (``ingest``) report file-level problems (cannot decode, empty, missing columns) and the
validator (``validate``) reports row-level ones; both use :class:`Problem` so a user sees one
table of everything that is wrong, in one pass.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

#: Longest text kept in each field of a problem (longer is cut with "…" when the problem is
#: made, before any formatting: a cell of a file may hold megabytes).
FIELD_CHARS = {"file": 300, "sheet": 100, "column": 200, "value": 200, "expected": 300,
               "message": 1500}


@dataclass(frozen=True)
class Problem:
    file: str
    message: str              # what is wrong, in Polish, e.g. "wartość nie jest liczbą"
    sheet: str = ""
    row: int | None = None    # 1-based row as the user sees it in the file (header = row 1)
    column: str = ""          # column header as in the file
    value: str = ""           # the value found (shortened for display)
    expected: str = ""        # what was expected, in Polish
    rule: str = ""            # short machine id of the rule, e.g. "liczba", "teryt", "duplikat"
    rows: tuple[int, ...] = ()  # a grouped problem: every row it was found on (see group_problems)

    def __post_init__(self) -> None:
        for name, limit in FIELD_CHARS.items():
            text = getattr(self, name)
            if isinstance(text, str) and len(text) > limit:
                cut = f"… (skrócono; razem {_int(len(text))} znaków)"
                object.__setattr__(self, name, text[: limit - len(cut)] + cut)

    def where(self) -> str:
        """Return 'plik X, arkusz Y, wiersz N, kolumna 'K'' with the parts that are known."""
        parts = [f"plik {self.file}"]
        if self.sheet:
            parts.append(f"arkusz '{self.sheet}'")
        if self.rows:
            parts.append(self.rows_text())
        elif self.row is not None:
            parts.append(f"wiersz {self.row}")
        if self.column:
            parts.append(f"kolumna '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        s = f"{self.where()}: {self.message}"
        if self.value:
            s += f" (znaleziono: '{_short(self.value)}'"
            s += f"; oczekiwano: {self.expected})" if self.expected else ")"
        elif self.expected:
            s += f" (oczekiwano: {self.expected})"
        return s


    def rows_text(self) -> str:
        """Return 'wiersze 2–5, 9 (5 wierszy)' for a grouped problem."""
        return rows_text(self.rows)


def rows_text(rows) -> str:
    """Return 'wiersze 2–5, 9 (5 wierszy)': the first eight spans of ``rows`` and their count."""
    spans, start, prev = [], None, None
    for r in sorted(set(rows)):
        if start is None:
            start = prev = r
        elif r == prev + 1:
            prev = r
        else:
            spans.append((start, prev))
            start = prev = r
    if start is not None:
        spans.append((start, prev))
    shown = [f"{a}–{b}" if b > a else str(a) for a, b in spans[:8]]
    more = " i dalsze" if len(spans) > 8 else ""
    n = len(set(rows))
    head = "wiersz" if n == 1 else "wiersze"
    return f"{head} {', '.join(shown)}{more} ({_int(n)} {rows_word(n)})"


def rows_word(n: int) -> str:
    """Return the form of „wiersz” that agrees with the number ``n``."""
    if n == 1:
        return "wiersz"
    return "wiersze" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "wierszy"


def _int(n: int) -> str:
    """Return ``n`` with no-break spaces between thousands ("1\u00a0000")."""
    return f"{n:,}".replace(",", "\u00a0")


def group_problems(problems: list[Problem]) -> list[Problem]:
    """Return ``problems`` with identical ones (same file, sheet, column, value, message, rule)
    on several rows merged into one problem carrying all the rows; order of first appearance."""
    groups: dict[tuple, list[Problem]] = {}
    for p in problems:
        key = (p.file, p.sheet, p.column, p.value, p.message, p.expected, p.rule)
        groups.setdefault(key, []).append(p)
    out = []
    for members in groups.values():
        rows = tuple(p.row for p in members if p.row is not None)
        if len(members) > 1 and len(rows) == len(members):
            out.append(replace(members[0], row=None, rows=rows))
        else:
            out.extend(members)
    return out


def _short(v: str, n: int = 60) -> str:
    v = str(v)
    return v if len(v) <= n else v[: n - 1] + "…"
