"""Check job parameters against the notebooks' parameter cells before anything runs.

In: jobs. Out: nothing, or :class:`BuildError` naming the notebook and the parameter and listing
the allowed parameters with their types (papermill itself only warns about unknown names).
Uses ``papermill.inspect_notebook``, once per notebook.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import BuildError
from .jobs import Job

_TYPES = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,),
          "list": (list,), "dict": (dict,)}


def _type_ok(value, type_name: str) -> bool:
    base = (type_name or "None").split("[")[0].strip()
    if base in ("None", "", "Any") or base not in _TYPES:
        return True
    if isinstance(value, bool) and base in ("int", "float"):
        return False
    if value is None:
        return "Optional" in type_name or "None" in type_name
    return isinstance(value, _TYPES[base])


def check(jobs: list[Job]) -> None:
    """Raise :class:`BuildError` for the first job whose parameters its notebook does not take."""
    from .lean_imports import skipping_optional_imports

    with skipping_optional_imports():
        import papermill as pm

    declared: dict[str, dict] = {}
    for job in jobs:
        if job.notebook not in declared:
            if not Path(job.notebook).is_file():
                raise BuildError(f"brak notatnika {job.notebook} (dokument '{job.document}')")
            declared[job.notebook] = pm.inspect_notebook(job.notebook)
        spec = declared[job.notebook]
        allowed = ", ".join(f"{n} ({p['inferred_type_name']})" for n, p in spec.items()) or "brak"
        names = dict(job.parameters)
        if job.output_param:
            names[job.output_param] = ""
        for name, value in names.items():
            if name not in spec:
                raise BuildError(
                    f"notatnik {job.notebook} nie ma parametru '{name}' (dokument "
                    f"'{job.document}'); dozwolone parametry: {allowed}")
            type_name = spec[name]["inferred_type_name"]
            if not _type_ok(value, type_name):
                raise BuildError(
                    f"notatnik {job.notebook}: parametr '{name}' ma typ {type_name}, a podano "
                    f"{value!r} ({type(value).__name__}); dozwolone parametry: {allowed}")
