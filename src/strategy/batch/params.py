"""Check job parameters against the notebooks' parameter cells before anything runs.

In: jobs. Out: :class:`BuildError` naming the notebook and the parameter and listing the allowed
parameters with their types (papermill itself only warns about unknown names) when a template
notebook does not take its parameters - nothing runs then. A unit's author notebook (a job with
:attr:`Job.template`) that does not take them - most often its parameters cell lost the
``parameters`` tag - fails only that job: :func:`check` returns its message.
Uses ``papermill.inspect_notebook``, once per notebook.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import BuildError
from .author_notebooks import parameters_problem, shown
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


def check(jobs: list[Job]) -> dict[str, str]:
    """Raise :class:`BuildError` for the first job whose template notebook does not take its
    parameters; return, by job id, why each job with an author notebook cannot run."""
    import papermill as pm  # heavy: imported only when a job has to run

    declared: dict[str, dict] = {}
    failed = {}
    for job in jobs:
        try:
            _check_job(job, declared, pm.inspect_notebook)
        except BuildError as exc:
            if not job.template:
                raise
            failed[job.id] = str(exc)
    return failed


def _check_job(job: Job, declared: dict, inspect) -> None:
    if job.template:
        problem = parameters_problem(job.notebook)
        if problem:
            raise BuildError(problem)
    if job.notebook not in declared:
        if not Path(job.notebook).is_file():
            raise BuildError(f"brak notatnika {job.notebook} (dokument '{job.document}')")
        declared[job.notebook] = inspect(job.notebook)
    spec = declared[job.notebook]
    what = f"notatnik autorski {shown(job.notebook)}" if job.template else f"notatnik {job.notebook}"
    allowed = ", ".join(f"{n} ({p['inferred_type_name']})" for n, p in spec.items()) or "brak"
    names = dict(job.parameters)
    if job.output_param:
        names[job.output_param] = ""
    for name, value in names.items():
        if name not in spec:
            raise BuildError(f"{what} nie ma parametru '{name}' (dokument '{job.document}'); "
                             f"dozwolone parametry: {allowed}")
        type_name = spec[name]["inferred_type_name"]
        if not _type_ok(value, type_name):
            raise BuildError(f"{what}: parametr '{name}' ma typ {type_name}, a podano "
                             f"{value!r} ({type(value).__name__}); dozwolone parametry: {allowed}")
