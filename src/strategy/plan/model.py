"""The parts of a plan as typed objects: :class:`Plan` and its goals, actions, targets, funding.

In: nothing (plain dataclasses, filled by :func:`strategy.plan.load_plan`). Out: the objects the
document builders and notebooks read. Light: no pandas.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

DOCUMENT_KINDS = {  # keys: strategy.plan.index.KINDS
    "strategia_powiatu": "Strategia rozwiązywania problemów społecznych powiatu",
    "program_wspierania_rodziny": "Gminny program wspierania rodziny",
    "program_pieczy_zastepczej": "Powiatowy program rozwoju pieczy zastępczej",
}


# -- the plan ----------------------------------------------------------------------------------

@dataclass
class Target:
    """An indicator of the implementation with its baseline and target (wskaźnik realizacji)."""
    name: str
    indicator: str | None        # catalogue id: baseline filled from the data
    target: float | None
    target_year: int | None
    baseline: float | None = None  # typed by authors when there is no catalogue id
    baseline_year: int | None = None
    source: str = ""
    frequency: str = "corocznie"
    actual: dict[int, float] = field(default_factory=dict)  # values reported in annual reports
    line: int = 0
    unit: str = ""               # typed by authors when there is no catalogue id (jednostka)
    #: Favourable direction of a typed indicator (``better``/``worse``, from ``kierunek:
    #: wzrost/spadek``); a catalogue indicator takes the catalogue's.
    direction: str = ""
    #: Why the target lets the indicator get worse than its baseline (uzasadnienie); without
    #: it such a target is an error (:mod:`strategy.plan.directions`).
    justification: str = ""
    target_line: int = 0         # line of the target value (cel) in the plan file
    #: How the target was set when it is a proposal, not the authors' own value (Polish).
    proposal: str = ""


@dataclass
class Direction:
    """A direction of action (kierunek działań) with who does it, when and with what money."""
    id: str
    name: str
    leads: list[str]
    partners: list[str]
    timeframe: str
    funding: list[str]
    line: int = 0
    outputs: list[Target] = field(default_factory=list)  # output indicators (wskaźniki produktu)


@dataclass
class OperationalGoal:
    id: str
    name: str
    directions: list[Direction]
    targets: list[Target]
    line: int = 0


@dataclass
class StrategicGoal:
    id: str
    name: str
    operational: list[OperationalGoal]
    line: int = 0


@dataclass
class Funding:
    """One source of money with amounts per year (ramy finansowe)."""
    source: str
    amounts: dict[int, float]
    line: int = 0


# -- the powiat's resources, consultation and adoption (plan/scope.py reads them) -------------

@dataclass
class Institution:
    """An institution of the powiat with its places (instytucje): DPS, ŚDS, WTZ, OIK, ..."""
    kind: str                 # a key of strategy.plan.scope.INSTITUTION_KINDS
    name: str
    town: str = ""
    operator: str = ""
    profile: str = ""         # e.g. "dla osób przewlekle psychicznie chorych"
    places: int | None = None
    occupied: int | None = None
    waiting: int | None = None
    line: int = 0


@dataclass
class RemarkCounts:
    """Remarks of one group of consulted bodies and how they were answered."""
    submitted: int = 0
    accepted: int = 0
    partly: int = 0
    rejected: int = 0

    @property
    def unanswered(self) -> int:
        return self.submitted - self.accepted - self.partly - self.rejected


@dataclass
class Consultation:
    """The team that prepared the strategy and the consultation of its draft (konsultacje)."""
    team_basis: str = ""
    team: list[str] = field(default_factory=list)
    start: _dt.date | None = None
    end: _dt.date | None = None
    forms: list[str] = field(default_factory=list)
    gminas_with_remarks: int | None = None
    gmina_remarks: RemarkCounts | None = None
    ngos_invited: int | None = None
    ngos_with_remarks: int | None = None
    ngo_remarks: RemarkCounts | None = None
    handling: str = ""
    register: Path | None = None   # the XLSX register of remarks (strategy uwagi), resolved
    line: int = 0


@dataclass
class Resolution:
    """What the draft resolution of the council needs beyond the plan (uchwala)."""
    council: str = ""          # "Rada Powiatu Kaliskiego" (derived from the powiat when empty)
    board: str = ""            # "Zarząd Powiatu Kaliskiego" (executes the resolution)
    journal_usp: str = ""      # where the act on powiat self-government is published
    journal_ups: str = ""      # where the act on social assistance is published
    line: int = 0


@dataclass
class Plan:
    path: Path
    kind: str
    unit: str
    institution: str
    years: tuple[int, int]
    title: str = ""
    demo: bool = False
    mission: str = ""
    vision: str = ""
    higher_documents: list[dict] = field(default_factory=list)
    swot: dict[str, list[str]] = field(default_factory=dict)
    social_economy: dict = field(default_factory=dict)
    social_services: list[dict] = field(default_factory=list)
    ngo_tasks: list[dict] = field(default_factory=list)
    goals: list[StrategicGoal] = field(default_factory=list)
    funding: list[Funding] = field(default_factory=list)
    monitoring: dict = field(default_factory=dict)
    institutions: list[Institution] = field(default_factory=list)
    institutions_as_of: _dt.date | None = None
    consultation: Consultation | None = None
    resolution: Resolution = field(default_factory=lambda: Resolution())
    extra: dict = field(default_factory=dict)  # document-specific parts (słownik, limits, report)

    @property
    def kind_name(self) -> str:
        return DOCUMENT_KINDS[self.kind]

    def targets(self) -> list[tuple[OperationalGoal, Target]]:
        return [(og, t) for g in self.goals for og in g.operational for t in og.targets]

    def directions(self) -> list[tuple[StrategicGoal, OperationalGoal, Direction]]:
        return [(g, og, d) for g in self.goals for og in g.operational for d in og.directions]

    def funding_years(self) -> list[int]:
        return sorted({y for f in self.funding for y in f.amounts})
