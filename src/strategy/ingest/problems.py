"""A problem found in input data, located by file, sheet, row and column, told in Polish.

Readers (``ingest``) report file-level problems (cannot decode, empty, missing columns) and the
validator (``validate``) reports row-level ones; both use :class:`Problem` so a user sees one
table of everything that is wrong, in one pass.
"""
from __future__ import annotations

from dataclasses import dataclass


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

    def where(self) -> str:
        """Return 'plik X, arkusz Y, wiersz N, kolumna 'K'' with the parts that are known."""
        parts = [f"plik {self.file}"]
        if self.sheet:
            parts.append(f"arkusz '{self.sheet}'")
        if self.row is not None:
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


def _short(v: str, n: int = 60) -> str:
    v = str(v)
    return v if len(v) <= n else v[: n - 1] + "…"
