"""The parts of a plan as typed objects: :class:`Plan` and its goals, actions, targets, funding.

In: nothing (plain dataclasses, filled by :func:`strategy.plan.load_plan`). Out: the objects the
document builders and notebooks read. Light: no pandas.

Money: a plan's financial frame (:attr:`Plan.funding`) is a list of sources with amounts per
year; a direction of action may carry its own costs by source and year (:attr:`Direction.costs`),
and then the frame is their sum. Each source has a payer (:data:`PAYERS`: the powiat, the
gminas, the state, PFRON, EU funds, others), written by the authors (``platnik``) or read from
the source's name (:func:`payer_of`), so frames of different documents can be compared.
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


#: Who pays: key -> Polish name (genitive-free, as in "budżet powiatu").
PAYERS = {
    "powiat": "budżet powiatu",
    "gmina": "budżety gmin",
    "panstwo": "budżet państwa",
    "pfron": "PFRON",
    "ue": "fundusze Unii Europejskiej",
    "inne": "inne źródła",
}
#: Words of a source's name that tell its payer, checked in this order (lower case).
_PAYER_WORDS = (
    ("pfron", ("pfron", "państwowy fundusz rehabilitacji")),
    ("ue", ("unii europejskiej", "unia europejska", "europejski fundusz", "efs", " ue",
            "fundusze europejskie", "funduszy europejskich")),
    ("panstwo", ("państw", "rządow", "wojewod", "fundusz pracy")),
    ("gmina", ("gmin",)),
    ("powiat", ("powiat",)),
    ("panstwo", ("dotacj",)),  # a grant not from the gmina or powiat budget
)


def payer_of(source: str) -> str:
    """Return the payer key (:data:`PAYERS`) a source's name tells, "inne" when it tells none.

    >>> payer_of("współfinansowanie pieczy zastępczej (budżet gminy)")
    'gmina'
    """
    text = " " + source.lower()
    for key, words in _PAYER_WORDS:
        if any(w in text for w in words):
            return key
    return "inne"


@dataclass
class Funding:
    """One source of money with amounts per year (ramy finansowe) and who pays it."""
    source: str
    amounts: dict[int, float]
    line: int = 0
    payer: str = ""  # a key of PAYERS; "" = read from the source's name

    def __post_init__(self):
        if not self.payer:
            self.payer = payer_of(self.source)


@dataclass
class Direction:
    """A direction of action (kierunek działań) with who does it, when and with what money.

    ``funding`` names the sources in words; ``costs`` (optional) gives the amounts by source
    and year.
    """
    id: str
    name: str
    leads: list[str]
    partners: list[str]
    timeframe: str
    funding: list[str]
    line: int = 0
    outputs: list[Target] = field(default_factory=list)  # output indicators (wskaźniki produktu)
    costs: list[Funding] = field(default_factory=list)


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
class DeferredArea:
    """A problem area of the diagnosis the strategy leaves for later (obszary_odroczone), with
    the reason; ``area`` is the catalogue's area id."""
    area: str
    reason: str
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
    #: problem areas of the diagnosis no goal answers, left for later with a reason
    deferred_areas: list[DeferredArea] = field(default_factory=list)
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

    def has_costs(self) -> bool:
        """Return whether the directions of action carry costs (the frame by goal and action)."""
        return any(d.costs for _, _, d in self.directions())

    def by_payer(self) -> dict[str, dict[int, float]]:
        """Return the frame's amounts summed by payer and year: {payer: {year: amount}}."""
        out: dict[str, dict[int, float]] = {}
        for f in self.funding:
            for y, a in f.amounts.items():
                out.setdefault(f.payer, {})
                out[f.payer][y] = out[f.payer].get(y, 0.0) + a
        return out
