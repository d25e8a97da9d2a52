"""What each kind of document reads: one declaration for the loaders and the batch runner.

In: a kind of document (the names of the job table and of
:data:`strategy.notebook_helpers.OUTPUT_NAMES`: ``diagnoza``, ``strategia``,
``program_wspierania_rodziny``, ``program_pieczy_zastepczej``, ``sprawozdanie``,
``kontrola_spojnosci`` and the draft resolutions ``uchwala_<kind adopted>``), a unit code,
the index entry of its plan and the index of the plan's folder (:mod:`strategy.plan.index`).
Out: :data:`DECLARED` - per kind, a :class:`Reads` - and from it the store rows
(:func:`rows_read`) and the files (:func:`files_read`) a document of that kind reads.

Documents never read files and never run analysis: :mod:`strategy.inputs.load` loads what a
document needs into a plain dataclass (``StrategyInputs``, ``FamilyInputs``...) following the
same :class:`Reads`, the notebook passes it to the document, and ``strategy build`` puts exactly
the files and rows listed here into the job's key - so an incremental build equals a full one
without special cases per document.

Light: no pandas (the batch runner plans its jobs with it); the loaders are in
:mod:`strategy.inputs.load`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..plan.index import PlanFile, plan_index, programme_entries
from ..store_scope import rows_read as unit_rows

__all__ = ["DECLARED", "Reads", "author_diagnosis", "files_read", "programme_files", "reads",
           "rows_read"]


@dataclass(frozen=True)
class Reads:
    """What a kind of document reads besides the store rows of its unit (:func:`rows_read`).

    ``plan``: its plan file; ``register``: the register of remarks the plan names
    (``konsultacje.rejestr``); ``programmes``: the sectoral programmes of the plan's powiat in
    the plan's folder (:func:`strategy.plan.index.programme_entries`); ``gminas``: the
    diagnosis of every gmina of the powiat (read from the same store rows);
    ``author_diagnosis``: the author copy of the gmina's diagnosis notebook, whose team's
    conclusions the document offers (:func:`author_diagnosis`; listed whether it exists or not).
    """

    plan: bool = False
    register: bool = False
    programmes: bool = False
    gminas: bool = False
    author_diagnosis: bool = False


#: The declaration: what each kind of document reads.
DECLARED: dict[str, Reads] = {
    "diagnoza": Reads(),
    "program_wspierania_rodziny": Reads(plan=True, author_diagnosis=True),
    "program_pieczy_zastepczej": Reads(plan=True),
    "sprawozdanie": Reads(plan=True),
    "strategia": Reads(plan=True, register=True, programmes=True, gminas=True),
    # the consistency control of the powiat's documents: the strategy's plan, the programmes
    # it is compared with and the values of the powiat and its gminas
    "kontrola_spojnosci": Reads(plan=True, programmes=True),
    # the draft resolutions adopting a document: the plan of the document adopted (its title,
    # period, institution, the organs in its ``uchwala``); the store only says demo or not
    "uchwala_strategia": Reads(plan=True),
    "uchwala_program_pieczy_zastepczej": Reads(plan=True),
    "uchwala_program_wspierania_rodziny": Reads(plan=True),
}


def reads(kind: str) -> Reads:
    """Return what a document of ``kind`` reads; raise :class:`InputError` for an unknown kind."""
    try:
        return DECLARED[kind]
    except KeyError:
        raise InputError(f"nieznany rodzaj dokumentu '{kind}'; dozwolone: "
                         f"{', '.join(DECLARED)}") from None


def rows_read(kind: str, teryt: str) -> list[str]:
    """Return the unit patterns of the store rows a document of ``kind`` for ``teryt`` reads:
    the unit's powiat with all its gminas, its voivodeship and the country
    (:func:`strategy.store_scope.rows_read`; the strategy's gmina annexes read the same rows)."""
    reads(kind)
    return unit_rows(teryt)


def programme_files(plan_path: str | Path, powiat: str,
                    index: list[PlanFile] | None = None) -> list[PlanFile]:
    """Return the index entries of the programmes a strategy of ``powiat`` is checked against:
    those in the folder of ``plan_path`` (``index``: that folder's index, when already made)."""
    if index is None:
        index = plan_index(Path(plan_path).parent)
    return programme_entries(index, powiat)


#: The author copy of a gmina's diagnosis notebook, in the folder of the notebooks
#: (:mod:`strategy.batch.author_notebooks`).
AUTHOR_DIAGNOSIS = "autorskie/{teryt}/diagnoza_gminy.ipynb"


def author_diagnosis(notebooks: str | Path, teryt: str) -> Path:
    """Return where the author copy of gmina ``teryt``'s diagnosis notebook is, in the folder of
    the notebooks ``notebooks``."""
    return (Path(notebooks) / AUTHOR_DIAGNOSIS.format(teryt=teryt)).resolve()


def files_read(kind: str, plan: PlanFile | None, index: list[PlanFile] | None = None,
               *, teryt: str | None = None, notebooks: str | Path | None = None
               ) -> list[Path]:
    """Return the files a document of ``kind`` with plan ``plan`` (its index entry) reads.

    ``index`` is the index of the plan's folder (made here when not given). A file the plan
    names but that does not exist is listed too: its appearing changes what the document says.
    ``teryt`` (the document's unit) and ``notebooks`` (the folder of the notebooks) locate the
    author copy of the gmina's diagnosis notebook for a kind that reads it.
    """
    r = reads(kind)
    if not r.plan or plan is None:
        return []
    out = [plan.path.resolve()]
    if r.register:
        out += list(plan.inputs)        # the register of remarks, resolved by the index
    if r.programmes:
        out += [e.path.resolve() for e in programme_files(plan.path, plan.unit, index)]
    if r.author_diagnosis and teryt and notebooks is not None:
        out.append(author_diagnosis(notebooks, teryt))
    return list(dict.fromkeys(out))
