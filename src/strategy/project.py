"""Where the project is: the folder a notebook, the build and the loaders resolve relative
paths against.

In: a working directory (default: the current one). Out: :func:`project_root` - the nearest
folder at or above it holding ``data/`` beside ``notebooks/``, ``reports/`` or
``pyproject.toml``. Light (pathlib only): :mod:`strategy.notebook_helpers` and
:mod:`strategy.inputs.load` both use it, and neither imports the other for it.
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["PROJECT_MARKERS", "project_root"]


#: What marks a project folder: the folders the commands read and write (``data/``) next to
#: the notebooks or the package's own ``pyproject.toml``.
PROJECT_MARKERS = ("notebooks", "pyproject.toml", "reports")


def _is_project(folder: Path) -> bool:
    return (folder / "data").is_dir() and any((folder / m).exists() for m in PROJECT_MARKERS)


def project_root(cwd: Path | None = None) -> Path:
    """Return the project root: the nearest of ``cwd`` and the folders above it that holds a
    ``data`` folder beside ``notebooks``, ``reports`` or ``pyproject.toml`` (else the nearest
    with a ``data`` folder).

    A notebook may be run from the project root (papermill, ``strategy build``), from
    ``notebooks/`` or from an author copy's own folder ``notebooks/autorskie/<kod>/``
    (JupyterLab opened there, ``jupyter nbconvert --execute``): all find the same project.
    Without such a folder above, ``cwd`` itself.
    """
    cwd = (Path.cwd() if cwd is None else Path(cwd)).resolve()
    folders = (cwd, *cwd.parents)
    for folder in folders:
        if _is_project(folder):
            return folder
    return next((f for f in folders if (f / "data").is_dir()), cwd)
