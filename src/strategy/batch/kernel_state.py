"""Runs inside a warm kernel: the baseline taken once, and the reset before every notebook.

In: nothing (``capture``, run by the kernel at start-up through IPython's ``exec_lines``) / the
working directory of the next notebook (``reset``, a cell the engine executes before each
notebook). Out: a kernel whose user namespace, matplotlib state, pandas options, environment,
sys.path, warning filters and working directory are as they were right after start-up, while
the modules imported during warm-up stay loaded (that is what makes the next notebook start
fast). Everything here is ordinary code run in the kernel through public APIs (IPython's
``InteractiveShell.reset``, matplotlib's rcParams, pandas' options).
"""
from __future__ import annotations

import gc
import os
import sys
import warnings

from .memory import status_mb

#: Modules imported once per kernel so notebooks find them loaded.
WARM_MODULES = ("numpy", "pandas", "pyarrow", "pyarrow.parquet", "matplotlib",
                "matplotlib.pyplot", "IPython.display", "strategy", "strategy.store",
                "strategy.units", "strategy.catalog", "strategy.notebook_helpers",
                "strategy.diagnosis", "strategy.charts", "strategy.maps",
                "strategy.documents.builders")
_baseline: dict = {}


def capture(modules=WARM_MODULES) -> list[str]:
    """Import ``modules`` and remember the state :func:`reset` restores; return failures."""
    import importlib

    failed = []
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a module not written yet must not stop warm-up
            failed.append(name)
    gc.collect()  # the garbage of the imports, once, before the first notebook
    _baseline["environ"] = dict(os.environ)
    _baseline["path"] = list(sys.path)
    _baseline["filters"] = list(warnings.filters)
    if "matplotlib" in sys.modules:
        import matplotlib
        _baseline["rc"] = {k: v for k, v in matplotlib.rcParams.items() if k != "backend"}
    return failed


def reset(cwd: str) -> None:
    """Give the next notebook a clean namespace and the baseline state, in ``cwd``."""
    if "environ" not in _baseline:  # the start-up warm-up did not run: take the baseline now
        capture()
    ip = get_ipython()  # noqa: F821 - defined inside IPython
    ip.reset(new_session=True)  # user namespace and history; imported modules stay
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    if "rc" in _baseline:
        import matplotlib
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            matplotlib.rcParams.update(_baseline["rc"])
    if "pandas" in sys.modules:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sys.modules["pandas"].reset_option("all")
    os.environ.clear()
    os.environ.update(_baseline["environ"])
    sys.path[:] = _baseline["path"]
    warnings.filters[:] = _baseline["filters"]
    os.chdir(cwd)
    _baseline["notebooks"] = _baseline.get("notebooks", 0) + 1
    if (_baseline["notebooks"] % CACHE_TRIM_EVERY == 0
            or (rss_mb() > CACHE_TRIM_MB and _baseline["notebooks"] % 10 == 0)):
        trim_caches()


#: The caches registered in :mod:`strategy.caches` (chart text, glyph, layout and legend
#: caches, number formats, table runs) fill with every gmina's names (~1.7 MB a notebook,
#: measured): without a bound a kernel serving a whole country would grow past a gigabyte.
#: :func:`reset` empties them every :data:`CACHE_TRIM_EVERY` notebooks, and every tenth
#: notebook while the kernel's resident size is past :data:`CACHE_TRIM_MB` (freed memory
#: stays with the process for the next notebooks, so the size alone would ask for a trim at
#: every notebook). Emptied, they refill in the next notebook (~0.1 s).
CACHE_TRIM_EVERY = 50
CACHE_TRIM_MB = 330


def rss_mb() -> float:
    """Return this process's resident set size in MB (0 where /proc is missing)."""
    return status_mb("VmRSS") or 0.0


def trim_caches() -> None:
    """Empty the package's caches and collect what they held."""
    caches = sys.modules.get("strategy.caches")
    if caches is not None:
        caches.clear_all()
    gc.collect()
