"""Which rows of the store a document of a unit reads - one answer for the notebooks and the build.

In: a unit code (a gmina's 7 digits or a powiat's 4). Out: the unit patterns that
:func:`strategy.store.load` takes (``'3007*'``: the powiat and all its gminas; ``'30'``: its
voivodeship; ``'PL'``: the country). A gmina's diagnosis compares the gmina with the other gminas
of its powiat, quotes the powiat total and its rank among the gminas, so it reads the whole
powiat; the strategy's gmina annexes read the same rows. :func:`strategy.inputs.rows_read` gives
them per kind of document to the notebooks' loader and to the batch runner, which puts exactly
these rows into the job's key, so a change in one gmina's figures rebuilds every document that
quotes them (an incremental build equals a full one).
Light: no imports.
"""
from __future__ import annotations


def rows_read(teryt: str) -> list[str]:
    """Return the unit patterns of the store rows a document of unit ``teryt`` reads."""
    code = str(teryt).strip()
    return [code[:4] + "*", code[:2], "PL"]
