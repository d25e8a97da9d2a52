"""Progress lines of long loads, on stderr (stdout keeps the summary and the problem table).

In: a file being read (its name and size) and, while it is read, the number of rows so far.
Out: Polish lines on stderr - one when a large file starts, then one every few seconds while
rows are read - so a user loading a national export sees the program working. Small files and
short loads print nothing.
"""
from __future__ import annotations

import sys
import time

#: Files at least this large are announced when their reading starts.
ANNOUNCE_BYTES = 5 * 1024 * 1024
#: Seconds between two progress lines of one file (the first comes after as long).
EVERY_SECONDS = 3.0


def announce(label: str, size: int) -> None:
    """Print that a large file starts being read (nothing for a small file)."""
    if size >= ANNOUNCE_BYTES:
        _say(f"Wczytywanie pliku {label} ({size / (1024 * 1024):.0f} MB)...")


class RowProgress:
    """Count rows of one file and print a line every :data:`EVERY_SECONDS` seconds."""

    def __init__(self, label: str):
        self.label = label
        self.next = time.monotonic() + EVERY_SECONDS

    def tick(self, rows: int) -> None:
        """Note that ``rows`` rows have been read so far (cheap: call it every 10 000 rows)."""
        now = time.monotonic()
        if now >= self.next:
            self.next = now + EVERY_SECONDS
            _say(f"  {self.label}: przeczytano {rows:,} wierszy...".replace(",", " "))


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
