"""Importing papermill and nbformat without the optional parts a build never uses.

In: a ``with skipping_optional_imports():`` block around the imports. Out: the same modules,
imported without pyarrow.fs (papermill's HDFS paths; pulls in pyarrow and numpy, ~80 MB in a
worker) and rfc3987_syntax (jsonschema's IRI format check, which builds a grammar at import:
~1 s, measured, in every build and every worker).
"""
from __future__ import annotations

import contextlib
import sys

SKIPPED_OPTIONAL_IMPORTS = ("pyarrow.fs", "rfc3987_syntax")


@contextlib.contextmanager
def skipping_optional_imports(names=SKIPPED_OPTIONAL_IMPORTS):
    """Let ``import name`` fail (ImportError) while the block runs, for names not yet loaded.

    The libraries treat these imports as optional and fall back; afterwards the names are
    importable again, so nothing else in the process is affected.
    """
    blocked = [n for n in names if n not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # the import system raises ImportError for a None entry
    try:
        yield
    finally:
        for name in blocked:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
