"""Batch regeneration of the documents: runs the notebooks of a job table through papermill.

In: a job table (TOML: document name, notebook, unit kind, parameters, input files, outputs),
the processed store and the units to build. Out: under ``reports/<powiat>/<rok>/<teryt>_<nazwa>/`` the
executed notebook, its HTML rendering and the files the notebook writes (DOCX), plus
``reports/index.html`` and the build record ``reports/build.json``.

Modules: ``jobs`` (table -> concrete jobs), ``hashing`` (input keys, stat-cached),
``params`` (parameter check against the notebooks), ``kernel`` (the worker's warm kernel: a
started kernel manager), ``kernel_state`` (runs inside that kernel: warm-up and the reset
between notebooks), ``engine`` (papermill engine running each notebook in the warm kernel
through nbclient's ``km`` argument), ``worker`` (one job: execute, render, place outputs atomically),
``executor`` (the ``Executor`` protocol and the local process pool), ``record`` (journal,
build.json, index.html), ``author_notebooks`` (a unit's author copy of a template notebook,
used instead of the template), ``control_findings`` (the ``X.kontrola.json`` warnings a
notebook leaves beside its document), ``build`` (the orchestration used by ``strategy build``).

Heavy libraries (pandas, papermill, nbconvert) are imported only where a job really runs, so a
build with nothing to do starts and finishes quickly.
"""
from __future__ import annotations

from .build import BuildOptions, BuildReport, run_build

__all__ = ["BuildOptions", "BuildReport", "run_build"]
