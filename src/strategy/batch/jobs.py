"""The job table and the concrete jobs expanded from it.

In: a TOML job table - one ``[[document]]`` per kind of document (name, title, notebook, unit
``gmina`` or ``powiat``, parameters with ``{placeholders}``, input files, output files the
notebook writes, time limit) - and the units to build.
Out: :class:`Job` objects, one per (document, unit, year): plain data that can be pickled or
sent to another machine.

Placeholders in parameter values, input paths and ``data``: ``{teryt}`` (the unit's code),
``{powiat}``, ``{woj}`` (the voivodeship's 2 digits), ``{rok}`` (int when it is the whole value),
``{store}`` (absolute path of the store), ``{name}`` (document name). The parameter named by
``output_param`` (default ``output_dir``) is filled by the worker with the temporary folder the
notebook must write its outputs to.

What a job reads - the store rows and the files besides its notebook - comes from the one
declaration of :mod:`strategy.inputs`, the same the notebook's loaders follow: ``reads`` names
the kind of document whose declaration applies (default: the document's name when it is a
declared kind, else the kind that reads the document's ``plan`` kind, else ``diagnoza``). The
rows are :func:`strategy.inputs.rows_read` - so a gmina's document is rebuilt when any figure of
its powiat changes - unless ``data`` lists them (``"3007*"`` a powiat with its gminas, an exact
code); the files are the plan and what :func:`strategy.inputs.files_read` adds to it (the
strategy: the register of remarks the plan names and the powiat's programmes; a gmina's
family-support programme: the author copy of its diagnosis notebook, in the folder of the
document's notebook). A document with a ``plan`` that the folder does not provide, or whose plan file
cannot be read, becomes a job that does not run and says why (:attr:`Job.blocked`); a document
with ``plan_part`` is built only for plans that have that part and is not missed elsewhere.
Outputs go to ``<reports>/<powiat>/<rok>/<teryt>_<name>/`` (:func:`unit_folder`), each file
named with the same prefix (:func:`placed`).

A unit with an author notebook - ``<template folder>/autorskie/<teryt>/<template file name>``,
see :mod:`strategy.batch.author_notebooks` - runs that copy instead of the template
(:attr:`Job.notebook` is the copy, :attr:`Job.template` the template it replaces).
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import BuildError
from ..inputs import DECLARED, files_read, rows_read
from ..plan.index import find_entry, plan_index
from .author_notebooks import AuthorCopies

UNIT_KINDS = ("gmina", "powiat")
DEFAULT_TIMEOUT = 600
DEFAULT_TABLE = Path(__file__).with_name("jobs.toml")


@dataclass(frozen=True)
class DocumentSpec:
    """One row of the job table: how to build one kind of document."""

    name: str
    title: str
    notebook: str
    unit: str
    parameters: dict
    inputs: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()
    output_param: str = "output_dir"
    timeout: int = DEFAULT_TIMEOUT
    plan: str = ""              # plan kind the notebook reads ({plan} in parameters), "" = none
    plan_own: bool = False      # only units with a plan of their own (else: the powiat's template)
    plan_part: str = ""         # a top-level key the plan must have, e.g. "sprawozdanie"
    data: tuple[str, ...] = ()  # store rows read (unit patterns); () = strategy.inputs.rows_read
    reads: str = ""             # kind of document whose declaration applies (strategy.inputs)


@dataclass
class Job:
    """One notebook run for one unit: everything a worker needs, as plain data."""

    id: str                     # "<document>:<teryt>:<rok>"
    document: str
    title: str
    unit_kind: str
    teryt: str
    powiat: str
    rok: int
    notebook: str               # absolute path: the template, or the unit's author copy
    parameters: dict            # resolved, without the output folder
    output_param: str
    outputs: tuple[str, ...]    # file names the notebook writes into its output folder
    inputs: tuple[str, ...]     # absolute paths of further input files (plans, templates)
    data_scope: tuple[str, ...]  # store rows the job reads: unit patterns ("3007*", "30", "PL")
    out_dir: str                # absolute final folder of the outputs
    cwd: str                    # working directory of the notebook
    timeout: int
    html: bool = True
    unit_name: str = ""         # the name a reader sees ("Kraśnik (gmina miejska)")
    plan_unit: str = ""         # unit of the plan used when another unit's plan is the model
    blocked: dict | None = None  # why the job cannot run: {"status", "message"}; None: it can
    template: str = ""          # the template notebook when ``notebook`` is an author copy
    author: dict | None = None  # the author copy and its template's state, filled by the builder
    key: str = ""               # hash of all inputs, filled by the builder
    input_hashes: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def output_files(self) -> list[str]:
        """Return the names of every file the job places in ``out_dir`` (see :func:`placed`)."""
        names = [f"{self.document}.ipynb"] + list(self.outputs)
        if self.html:
            names.insert(1, f"{self.document}.html")
        return [placed(self.out_dir, n) for n in names]


def placed(out_dir: str, name: str) -> str:
    """Return the name under which a file ``name`` the notebook wrote is placed in ``out_dir``:
    with the unit's code and name in front (``3007012_blizanow_diagnoza.docx``), so a file sent
    on its own still says whose it is."""
    return f"{Path(out_dir).name}_{name}"


@dataclass(frozen=True)
class Table:
    """A loaded job table."""

    documents: list[DocumentSpec]
    base: Path          # folder notebook and input paths are relative to
    package_key: str    # "sources": package version and sources; "version": the version only
    plans: Path | None = None  # folder of plan files for documents with a ``plan`` kind


def load_table(path: str | Path = DEFAULT_TABLE) -> Table:
    """Return the job table: its documents, base folder and how the package enters the keys.

    Notebook and input paths are relative to the table's folder, or to the working directory
    (the project root) when the table says ``base = "cwd"``. Raise :class:`BuildError` if the
    table is invalid.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BuildError(f"brak tabeli zadań {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise BuildError(f"tabela zadań {path} jest niepoprawna: {exc}") from None
    specs, seen = [], set()
    for i, row in enumerate(data.get("document", []), start=1):
        where = f"tabela zadań {path}, dokument nr {i}"
        for key in ("name", "notebook", "unit"):
            if not isinstance(row.get(key), str) or not row[key]:
                raise BuildError(f"{where}: brak pola '{key}'")
        if row["unit"] not in UNIT_KINDS:
            raise BuildError(f"{where}: pole 'unit' musi mieć wartość gmina lub powiat, "
                             f"a ma '{row['unit']}'")
        if row["name"] in seen:
            raise BuildError(f"{where}: nazwa dokumentu '{row['name']}' powtarza się")
        seen.add(row["name"])
        specs.append(DocumentSpec(
            name=row["name"], title=row.get("title", row["name"]), notebook=row["notebook"],
            unit=row["unit"], parameters=dict(row.get("parameters", {})),
            inputs=tuple(row.get("inputs", ())), outputs=tuple(row.get("outputs", ())),
            output_param=row.get("output_param", "output_dir"),
            timeout=int(row.get("timeout", DEFAULT_TIMEOUT)),
            plan=row.get("plan", ""), plan_own=bool(row.get("plan_own", False)),
            plan_part=row.get("plan_part", ""), data=tuple(row.get("data", ())),
            reads=_reads(row, where),
        ))
    if not specs:
        raise BuildError(f"tabela zadań {path} nie zawiera żadnego dokumentu ([[document]])")
    base = data.get("base", "table")
    if base not in ("table", "cwd"):
        raise BuildError(f"tabela zadań {path}: 'base' musi mieć wartość table lub cwd")
    package_key = data.get("package_key", "sources")
    if package_key not in ("sources", "version"):
        raise BuildError(f"tabela zadań {path}: 'package_key' musi mieć wartość sources lub version")
    root = Path.cwd() if base == "cwd" else path.resolve().parent
    plans = root / data["plans"] if data.get("plans") else None
    if any(s.plan for s in specs) and plans is None:
        raise BuildError(f"tabela zadań {path}: dokumenty z planem wymagają pola 'plans' "
                         "(folder plików planu)")
    return Table(specs, root, package_key, plans)


#: The kind of document that reads a plan kind, for a table row that names neither.
_PLAN_READER = {"strategia_powiatu": "strategia",
                "program_wspierania_rodziny": "program_wspierania_rodziny",
                "program_pieczy_zastepczej": "program_pieczy_zastepczej"}


def _reads(row: dict, where: str) -> str:
    """Return the declared kind of document (:data:`strategy.inputs.DECLARED`) a table row
    reads as: its ``reads``, else its name when declared, else by its plan kind."""
    kind = row.get("reads") or ""
    if kind and kind not in DECLARED:
        raise BuildError(f"{where}: pole 'reads' musi mieć jedną z wartości "
                         f"{', '.join(DECLARED)}, a ma '{kind}'")
    if kind:
        return kind
    if row["name"] in DECLARED:
        return row["name"]
    return _PLAN_READER.get(row.get("plan", ""), "diagnoza")


def _fill(value, ctx: dict):
    if isinstance(value, str):
        for k, v in ctx.items():
            if value == "{" + k + "}":
                return v
        try:
            return value.format(**ctx)
        except (KeyError, IndexError, ValueError) as exc:
            raise BuildError(f"nieznany symbol {exc} w wartości '{value}' tabeli zadań") from None
    if isinstance(value, list):
        return [_fill(v, ctx) for v in value]
    return value


def slug(name: str) -> str:
    """Return an ASCII file-name form of a name ("Kraśnik (gmina miejska)" -> "krasnik_gmina_miejska")."""
    s = unicodedata.normalize("NFKD", name.replace("ł", "l").replace("Ł", "L"))
    s = s.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


def unit_label(teryt: str, name: str) -> str:
    """Return the unit as a reader names it: ``powiat kaliski`` for a powiat (its register name
    is the adjective), a city with powiat rights or a gmina by its name (``Kalisz``,
    ``Kraśnik (gmina miejska)``)."""
    if len(teryt) == 4 and name[:1].islower():
        return f"powiat {name}"
    return name


#: Most characters of a unit's name in a folder or file name: the folder and every file in it
#: start with code and name, and a file system takes 255 bytes a name.
MAX_NAME_SLUG = 60


def unit_folder(teryt: str, name: str) -> str:
    """Return the folder name of a unit's documents, code and name: ``3007012_blizanow``,
    ``3007_powiat_kaliski``, ``0607011_krasnik_gmina_miejska``; the name part cut to
    :data:`MAX_NAME_SLUG` characters (the code is always whole)."""
    label = slug(unit_label(teryt, name))[:MAX_NAME_SLUG].rstrip("_")
    return f"{teryt}_{label}" if label else teryt


#: A unit pattern of ``data``: a powiat with its gminas (``3007*``) or one exact code.
_PATTERN = re.compile(r"\d{4}\*|\d{2}|\d{4}|\d{7}|PL")
#: Plan kinds in the genitive, for "brak planu ...".
KIND_NAMES = {"strategia_powiatu": "strategii powiatu",
              "program_wspierania_rodziny": "gminnego programu wspierania rodziny",
              "program_pieczy_zastepczej": "powiatowego programu pieczy zastępczej"}


def _plan_block(spec: DocumentSpec, teryt: str, entry, plans: Path) -> dict | None:
    """Return why the job of ``spec`` for ``teryt`` cannot run with plan ``entry``, or None."""
    if entry is None:
        model = (" ani planu innej gminy powiatu (wzoru)"
                 if len(teryt) == 7 and not spec.plan_own else "")
        return {"status": "missing",
                "message": f"brak planu {KIND_NAMES.get(spec.plan, spec.plan)} (plik YAML z "
                           f"polami dokument: {spec.plan}, jednostka: \"{teryt}\"){model} "
                           f"w folderze {plans}"}
    if entry.error:
        model = f" (wzoru: planu jednostki {entry.unit})" if entry.unit != teryt else ""
        return {"status": "error", "message": f"błąd planu{model}: {entry.error}"}
    return None


def _scope(spec: DocumentSpec, teryt: str, ctx: dict) -> tuple[str, ...]:
    if not spec.data:
        return tuple(rows_read(spec.reads or "diagnoza", teryt))
    out = tuple(str(_fill(p, ctx)) for p in spec.data)
    for p in out:
        if not _PATTERN.fullmatch(p):
            raise BuildError(f"dokument '{spec.name}': pole 'data' tabeli zadań przyjmuje kody "
                             f"jednostek i powiaty z gminami ('3007*'), a podano '{p}'")
    return out


def expand(specs: list[DocumentSpec], units: dict[str, list[str]], rok: int, *, store: Path,
           reports: Path, base: Path, root: Path, html: bool = True,
           only: list[str] | None = None, plans: Path | None = None,
           names: dict[str, str] | None = None, index: list | None = None) -> list[Job]:
    """Return the jobs for ``units`` (powiat code -> (gmina codes, build the powiat too)).

    ``specs`` are the table's documents, ``base`` the folder notebook and input paths are
    relative to, ``root`` the working directory of the notebooks, ``names`` the names a reader
    sees by code (for folder names and titles).

    ``only`` limits the documents by name. Documents with a ``plan`` kind get the unit's plan
    from ``plans`` (the index of :func:`strategy.plan.plan_index`, or ``index`` when given; see
    :func:`strategy.plan.index.find_entry`) as ``{plan}``; the plan and the other files the
    document reads (:func:`strategy.inputs.files_read`) are the job's inputs. Without a usable
    plan the job is still returned, with :attr:`Job.blocked` saying why it cannot run - except
    for a document with ``plan_part``, which exists only where a plan has that part.
    """
    names = names or {}
    if only:
        unknown = [n for n in only if n not in {s.name for s in specs}]
        if unknown:
            raise BuildError(f"nieznany dokument {', '.join(unknown)}; dostępne: "
                             f"{', '.join(s.name for s in specs)}")
        specs = [s for s in specs if s.name in only]
    jobs = []
    copies = AuthorCopies()
    if index is None and plans is not None and any(s.plan for s in specs):
        index = plan_index(plans) if plans.is_dir() else []
    for powiat, (gminas, with_powiat) in units.items():
        targets = []
        for spec in specs:
            if spec.unit == "powiat" and with_powiat:
                targets.append((spec, powiat))
            elif spec.unit == "gmina":
                targets += [(spec, g) for g in gminas]
        for spec, teryt in targets:
            ctx = {"teryt": teryt, "powiat": powiat, "woj": powiat[:2], "rok": rok,
                   "store": str(store), "name": spec.name}
            inputs = [str((base / _fill(p, ctx)).resolve()) for p in spec.inputs]
            blocked, plan_unit = None, ""
            if spec.plan:
                entry = find_entry(index or [], spec.plan, teryt, own=spec.plan_own,
                                   part=spec.plan_part or None)
                if entry is None and spec.plan_part:
                    continue  # exists only where a plan has that part
                blocked = _plan_block(spec, teryt, entry, plans)
                if entry is not None:
                    ctx["plan"] = str(entry.path.resolve())
                    inputs.append(ctx["plan"])
                    read = files_read(spec.reads or "diagnoza", entry, index or [],
                                      teryt=teryt, notebooks=(base / spec.notebook).parent)
                    inputs.extend(str(f) for f in read if str(f) not in inputs)
                    plan_unit = entry.unit if entry.unit != teryt else ""
                else:
                    ctx["plan"] = ""
            name = names.get(teryt, "")
            out_dir = reports / powiat / str(rok) / unit_folder(teryt, name)
            params = {k: _fill(v, ctx) for k, v in spec.parameters.items()}
            template = (base / spec.notebook).resolve()
            author = copies.find(template, teryt)
            jobs.append(Job(
                id=f"{spec.name}:{teryt}:{rok}", document=spec.name, title=spec.title,
                unit_kind=spec.unit, teryt=teryt, powiat=powiat, rok=rok,
                notebook=str(author or template), parameters=params,
                output_param=spec.output_param, outputs=spec.outputs,
                inputs=tuple(inputs), data_scope=_scope(spec, teryt, ctx),
                out_dir=str(out_dir.resolve()), cwd=str(root.resolve()),
                timeout=spec.timeout, html=html, unit_name=name, plan_unit=plan_unit,
                blocked=blocked, template=str(template) if author else "",
            ))
    # Powiat documents first: they are the longest, start them early.
    jobs.sort(key=lambda j: (j.unit_kind != "powiat", j.teryt, j.document))
    return jobs
