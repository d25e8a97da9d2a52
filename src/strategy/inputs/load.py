"""Load what a document needs, as :mod:`strategy.inputs` declares it, into plain dataclasses.

In: a loaded store (:class:`strategy.store.Store`, the rows :func:`strategy.inputs.rows_read`
names), a loaded plan (its path locates the programmes and the register of remarks), the year
and the forecast horizon. Out: :class:`DiagnosisInputs`, :class:`FamilyInputs`,
:class:`FosterInputs`, :class:`ReportInputs`, :class:`StrategyInputs`,
:class:`ControlInputs`, :class:`ResolutionInputs` - the diagnoses, the
long values frame of the powiat and its gminas, the programmes, the remarks counts - which the
``*_document`` functions of :mod:`strategy.documents.builders` take. Every file read here is
one :func:`strategy.inputs.files_read` lists for the build's key (:data:`strategy.inputs.DECLARED`
says what each kind reads; the loaders follow it).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..catalog import Catalog, default_catalog
from ..consultation.register import STATUS_MISSING, register_frame
from ..diagnosis import Diagnosis, diagnose, powiat_values
from ..errors import PlanError
from ..plan import Plan, RemarkCounts
from ..plan.load import load_programmes
from ..project import project_root
from ..store import Store
from ..units import Registry, default_registry
from . import author_diagnosis, reads
from .team_notes import TeamNotes, read_team_notes

__all__ = ["ControlInputs", "DiagnosisInputs", "FamilyInputs", "FosterInputs", "ReportInputs",
           "ResolutionInputs", "StrategyInputs", "load_control", "load_diagnosis", "load_family",
           "load_foster", "load_report", "load_resolution", "load_strategy", "remark_counts"]


@dataclass
class DiagnosisInputs:
    """What a gmina's diagnosis is written from."""

    diagnosis: Diagnosis
    values: pd.DataFrame        # the powiat and its gminas, long (powiat_values)
    catalog: Catalog
    registry: Registry


@dataclass
class FamilyInputs:
    """What a gmina's family-support programme is written from (``plan`` as in its file: the
    document adapts another gmina's plan used as a template; ``team_notes``: the conclusions
    of the author copy of the gmina's diagnosis notebook, :mod:`strategy.inputs.team_notes`)."""

    plan: Plan
    teryt: str
    diagnosis: Diagnosis
    values: pd.DataFrame
    catalog: Catalog
    registry: Registry
    team_notes: TeamNotes | None = None


@dataclass
class FosterInputs:
    """What the powiat's foster-care programme is written from."""

    plan: Plan
    diagnosis: Diagnosis
    values: pd.DataFrame
    catalog: Catalog
    registry: Registry


@dataclass
class ReportInputs:
    """What a report on the implementation of a plan is written from."""

    plan: Plan
    teryt: str
    values: pd.DataFrame
    demo: bool                  # the store holds demo data
    catalog: Catalog
    registry: Registry


@dataclass
class StrategyInputs:
    """What the powiat's strategy is written from: its diagnosis and the values of the powiat
    and its gminas, the programmes it is checked against, the diagnosis of every gmina (the
    annexes), the gminas' remarks from the register of remarks (None: the plan names none)."""

    plan: Plan
    diagnosis: Diagnosis
    values: pd.DataFrame
    programmes: list[Plan]
    gmina_diagnoses: dict[str, Diagnosis]
    remarks: tuple[int, RemarkCounts] | None
    catalog: Catalog
    registry: Registry
    demo: bool = field(init=False)

    def __post_init__(self):
        self.demo = bool(self.diagnosis.demo or self.plan.demo)


@dataclass
class ControlInputs:
    """What the report of the consistency control of a powiat's documents is written from:
    the strategy's plan, the programmes it is compared with (the powiat's foster-care
    programme, its gminas' family-support programmes) and the values of the powiat and its
    gminas; ``demo``: the store or a plan holds demo data."""

    plan: Plan
    values: pd.DataFrame
    programmes: list[Plan]
    catalog: Catalog
    registry: Registry
    demo: bool = False


@dataclass
class ResolutionInputs:
    """What a draft resolution adopting a document is written from: the plan of the document
    adopted (for a gmina without its own family-support plan, the plan its programme is drafted
    on), the unit whose council adopts it, the register of units (the gmina's type gives its
    organs) and whether the store holds demo data."""

    plan: Plan
    teryt: str
    registry: Registry
    demo: bool = False


def _defaults(catalog, registry) -> tuple[Catalog, Registry]:
    return catalog or default_catalog(), registry or default_registry()


def _check_kind(plan: Plan, kind: str, what: str, powiat: bool = False) -> None:
    if plan.kind != kind or (powiat and len(plan.unit) != 4):
        raise PlanError(f"plik {plan.path.name}: to plan dokumentu '{plan.kind}' jednostki "
                        f"{plan.unit}, a {what}")


def load_diagnosis(store: Store, teryt: str, *, year: int | None = None,
                   horizon: int = 2030, catalog: Catalog | None = None,
                   registry: Registry | None = None) -> DiagnosisInputs:
    """Return what the diagnosis of gmina ``teryt`` is written from."""
    catalog, registry = _defaults(catalog, registry)
    reads("diagnoza")
    d = diagnose(teryt, store, year=year, horizon=horizon, catalog=catalog, registry=registry)
    values, _ = powiat_values(store, teryt[:4], catalog, registry)
    return DiagnosisInputs(d, values, catalog, registry)


def load_family(store: Store, plan: Plan, teryt: str | None = None, *, year: int | None = None,
                horizon: int = 2030, catalog: Catalog | None = None,
                registry: Registry | None = None,
                notebooks: str | Path | None = None) -> FamilyInputs:
    """Return what the family-support programme of gmina ``teryt`` (default: the plan's) is
    written from; ``notebooks``: the folder of the notebooks, where the author copy of the
    gmina's diagnosis notebook is looked for (default: ``notebooks`` of the project root,
    :func:`strategy.project.project_root`)."""
    catalog, registry = _defaults(catalog, registry)
    declared = reads("program_wspierania_rodziny")
    if plan.kind != "program_wspierania_rodziny":
        raise PlanError(f"plik {plan.path.name}: to plan dokumentu '{plan.kind}', a nie "
                        "gminnego programu wspierania rodziny")
    teryt = teryt or plan.unit
    d = diagnose(teryt, store, year=year, horizon=horizon, catalog=catalog, registry=registry)
    values, _ = powiat_values(store, teryt[:4], catalog, registry)
    notes = None
    if declared.author_diagnosis:
        if notebooks is None:
            notebooks = project_root() / "notebooks"
        notes = read_team_notes(author_diagnosis(notebooks, teryt))
    return FamilyInputs(plan, teryt, d, values, catalog, registry, notes)


def load_foster(store: Store, plan: Plan, *, year: int | None = None, horizon: int = 2030,
                catalog: Catalog | None = None, registry: Registry | None = None) -> FosterInputs:
    """Return what the foster-care programme of the plan's powiat is written from."""
    catalog, registry = _defaults(catalog, registry)
    reads("program_pieczy_zastepczej")
    _check_kind(plan, "program_pieczy_zastepczej",
                "nie powiatowego programu rozwoju pieczy zastępczej", powiat=True)
    d = diagnose(plan.unit, store, year=year, horizon=horizon, catalog=catalog, registry=registry)
    values, _ = powiat_values(store, plan.unit, catalog, registry)
    return FosterInputs(plan, d, values, catalog, registry)


def load_report(store: Store, plan: Plan, teryt: str | None = None, *,
                catalog: Catalog | None = None, registry: Registry | None = None) -> ReportInputs:
    """Return what the report on ``plan`` for unit ``teryt`` (default: the plan's) is written
    from (the document checks the unit and the year)."""
    catalog, registry = _defaults(catalog, registry)
    reads("sprawozdanie")
    unit = teryt or plan.unit
    values, _ = powiat_values(store, unit[:4], catalog, registry)
    return ReportInputs(plan, unit, values, bool(store.demo), catalog, registry)


#: The plan kind the document each draft resolution adopts is written from.
RESOLUTION_PLANS = {"uchwala_strategia": "strategia_powiatu",
                    "uchwala_program_pieczy_zastepczej": "program_pieczy_zastepczej",
                    "uchwala_program_wspierania_rodziny": "program_wspierania_rodziny"}


def load_resolution(store: Store, plan: Plan, kind: str, teryt: str | None = None, *,
                    registry: Registry | None = None) -> ResolutionInputs:
    """Return what the draft resolution of ``kind`` (``uchwala_strategia``...) for unit
    ``teryt`` (default: the plan's) is written from; the store only says whether its data are
    demo data."""
    reads(kind)
    registry = registry or default_registry()
    expected = RESOLUTION_PLANS[kind]
    unit = teryt or plan.unit
    if plan.kind != expected or len(plan.unit) != len(unit):
        raise PlanError(f"plik {plan.path.name}: to plan dokumentu '{plan.kind}' jednostki "
                        f"{plan.unit}, a projekt uchwały przyjmuje dokument planu '{expected}'")
    return ResolutionInputs(plan, unit, registry, bool(store.demo))


def remark_counts(plan: Plan) -> tuple[int, RemarkCounts] | None:
    """Return the gminas' remarks from the register of remarks ``plan`` names - (gminas that
    sent remarks, :class:`strategy.plan.RemarkCounts`) - or None when it names none.

    Remarks the register marks as no longer found in the returned files are left out; an
    answer outside the three allowed ones counts as no answer.
    """
    c = getattr(plan, "consultation", None)
    if c is None or c.register is None:
        return None
    reg = register_frame(c.register).fillna("")
    reg = reg[~reg["Status"].str.startswith(STATUS_MISSING)]
    answers = Counter(str(a).strip().lower() for a in reg["Stanowisko"])
    gminas = {g for g in reg["Gmina"] if str(g).strip()}
    return len(gminas), RemarkCounts(submitted=len(reg), accepted=answers["uwzględniono"],
                                     partly=answers["częściowo uwzględniono"],
                                     rejected=answers["nie uwzględniono"])


def load_strategy(store: Store, plan: Plan, *, year: int | None = None, horizon: int = 2030,
                  programmes: list[Plan] | None = None, catalog: Catalog | None = None,
                  registry: Registry | None = None) -> StrategyInputs:
    """Return what the strategy of ``plan``'s powiat is written from.

    ``programmes`` replaces the programmes found in the plan's folder
    (:func:`strategy.plan.load.load_programmes`: the powiat's foster-care programme and its
    gminas' family-support programmes, :func:`strategy.inputs.programme_files`).
    """
    catalog, registry = _defaults(catalog, registry)
    declared = reads("strategia")
    _check_kind(plan, "strategia_powiatu", "strategia wymaga planu strategii powiatu",
                powiat=True)
    powiat = plan.unit
    d = diagnose(powiat, store, year=year, horizon=horizon, catalog=catalog, registry=registry)
    values, _ = powiat_values(store, powiat, catalog, registry)
    if programmes is None:
        # the files programme_files lists (strategy.inputs.files_read): the same index entries
        programmes = (load_programmes(plan.path.parent, powiat, catalog)
                      if declared.programmes else [])
    gminas = {}
    if declared.gminas:
        gminas = {u.teryt: diagnose(u.teryt, store, year=d.year, horizon=d.horizon,
                                    catalog=catalog, registry=registry, charts=False)
                  for u in registry.gminas_of(powiat)}
    remarks = remark_counts(plan) if declared.register else None
    return StrategyInputs(plan, d, values, programmes, gminas, remarks, catalog, registry)


def load_control(store: Store, plan: Plan, *, year: int | None = None,
                 programmes: list[Plan] | None = None, catalog: Catalog | None = None,
                 registry: Registry | None = None) -> ControlInputs:
    """Return what the consistency control of ``plan``'s powiat (the strategy's plan) is
    written from: the same plan, programmes and values the strategy reads; with ``year`` only
    the values up to that year (the "last year with data" of the checks is then ``year``).

    ``programmes`` replaces the programmes found in the plan's folder
    (:func:`strategy.plan.load.load_programmes`, :func:`strategy.inputs.programme_files`).
    """
    catalog, registry = _defaults(catalog, registry)
    declared = reads("kontrola_spojnosci")
    _check_kind(plan, "strategia_powiatu",
                "kontrola spójności wymaga planu strategii powiatu", powiat=True)
    values, _ = powiat_values(store, plan.unit, catalog, registry)
    if year is not None:
        values = values[values["year"] <= year]
    if programmes is None:
        programmes = (load_programmes(plan.path.parent, plan.unit, catalog)
                      if declared.programmes else [])
    demo = bool(store.demo or plan.demo or any(p.demo for p in programmes))
    return ControlInputs(plan, values, programmes, catalog, registry, demo)
