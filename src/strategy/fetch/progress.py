"""Progress of a download: a tqdm bar (variables x pages) on a terminal, plain lines otherwise.

tqdm (already installed with papermill) draws a bar that stays on one line and knows the
terminal width; in a log or a pipe it would write carriage returns, so there the same events
are written as one plain Polish line each. Retries and waits reported by the client
(:meth:`Progress.note`) are written above the bar.
"""
from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    """Counts steps (one per variable, one per further page); ``total`` may grow."""

    def __init__(self, *, enabled: bool = True, stream: TextIO | None = None,
                 bar: bool | None = None):
        self.enabled = enabled
        self.stream = stream or sys.stderr
        isatty = getattr(self.stream, "isatty", lambda: False)
        self.use_bar = enabled and (isatty() if bar is None else bar)
        self.total = 0
        self.done = 0
        self.label = ""
        self._bar = None

    def start(self, total: int) -> None:
        self.total = total
        if self.use_bar:
            from tqdm import tqdm

            self._bar = tqdm(total=total, file=self.stream, unit="krok", dynamic_ncols=True,
                             desc="Pobieranie z API BDL")

    def describe(self, label: str) -> None:
        self.label = label
        if self._bar is not None:
            self._bar.set_postfix_str(label)

    def grow(self, extra: int) -> None:
        """Add ``extra`` pages learnt from the first page's ``totalRecords``."""
        if extra <= 0:
            return
        self.total += extra
        if self._bar is not None:
            self._bar.total = self.total
            self._bar.refresh()

    def advance(self) -> None:
        self.done += 1
        if self._bar is not None:
            self._bar.update(1)
        elif self.enabled:
            print(f"[{self.done}/{self.total}] {self.label}", file=self.stream, flush=True)

    def note(self, text: str) -> None:
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.write(f"  uwaga: {text}", file=self.stream)
        else:
            print(f"  uwaga: {text}", file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
