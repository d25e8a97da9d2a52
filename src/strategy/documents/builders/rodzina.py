"""Gminny program wspierania rodziny: the three-year programme of one gmina.

In: what the notebook loaded (:class:`strategy.inputs.load.FamilyInputs`: a plan of
``dokument: program_wspierania_rodziny``, the gmina's code and diagnosis, the values of its
powiat) and the path to write; for another gmina than the plan's the plan serves as a template
(:func:`plan_for_gmina` substitutes the gmina's name and code and turns the figures into
proposals from the gmina's own data: targets from its baseline and trend, no amounts -
:mod:`strategy.plan.proposals`). Out: the .docx: wprowadzenie, słownik, diagnoza (families in
difficulty and why, family assistants and families per assistant against the statutory limit
of 15, day-support centres, children of the gmina in foster care and what the gmina pays),
zasoby, cele i działania, efekty i rezultaty with indicators, źródła finansowania (by source
and year and, when the plan gives costs per action, by action and year), monitorowanie.

A proposal (a gmina without its own plan) says why it adds each action derived from the
gmina's data (:func:`strategy.plan.proposals.findings`: worsening problems of families, a
foster-care rate far above the powiat's, an institution the gmina lacks) and which resources
and actions of the template it left out because the gmina lacks the institution. The team's
conclusions from the author copy of the gmina's diagnosis notebook (``inputs.team_notes``,
:mod:`strategy.inputs.team_notes`) close the diagnosis chapter, each marked when no action of
the programme mentions it yet (:func:`mentioned`).
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ...catalog import Catalog
from ...errors import PlanError
from ...plan import Plan
from ...plan.proposals import HIGH, MAX_CHANGE, MIN_CHANGE, MISSING, WORSE, as_proposal
from ...text import fmt_number, organ_of, wspolne
from ...text import program_rodziny as text
from ...units import Registry, default_registry
from ..authoring import Chapter, Document, Slots
from . import common, data, money
from .common import DATA_SOURCE, PLAN_SOURCE, source
from .uchwaly_organy import council_of

if TYPE_CHECKING:  # the types only: documents run no analysis and load nothing
    from ...diagnosis import Diagnosis

DEFAULT_GLOSSARY = {
    "rodzina": "rodzice i dzieci lub opiekunowie prawni i dzieci pozostające pod ich opieką",
    "asystent rodziny": "osoba prowadząca pracę z rodziną w jej środowisku (art. 11-17 ustawy o "
                        "wspieraniu rodziny i systemie pieczy zastępczej)",
    "piecza zastępcza": "opieka i wychowanie dzieci, które czasowo nie mogą przebywać z rodzicami",
}
FAMILY_AREAS = {"rodzina": "Rodzina i wspieranie rodziny", "piecza_zastepcza": "Piecza zastępcza"}


def plan_for_gmina(plan: Plan, teryt: str, registry: Registry | None = None,
                   values: pd.DataFrame | None = None, catalog: Catalog | None = None) -> Plan:
    """Return a copy of a family-support ``plan`` adapted to gmina ``teryt``.

    The unit, title and institution get the gmina's name; names of the template gmina in the
    texts are replaced; no figure of the template gmina is kept: targets become proposals from
    gmina ``teryt``'s own data in ``values`` (its baseline and trend; without values every
    target is left to the gmina), output indicators and amounts are left to the gmina, the
    reported values and the annual report part are dropped (:func:`as_proposal`).
    ``extra['wzor']`` names the template.
    """
    registry = registry or default_registry()
    if teryt == plan.unit:
        return plan
    old, new = registry.name(plan.unit), registry.name(teryt)
    loc = plan.institution.rsplit(" w ", 1)[-1] if " w " in plan.institution else None
    p = copy.deepcopy(plan)
    p.institution = f"Ośrodek pomocy społecznej w gminie {new}"
    # the template's social-assistance centre, by its full name or its abbreviation
    # ("GOPS w Opatówku"), becomes this gmina's centre under the name the document gives it
    own = [plan.institution] + ([f"{a} w {loc}" for a in ("MGOPS", "MOPS", "GOPS", "OPS")]
                                if loc else [])

    def sub(text: str) -> str:
        for name in own:
            text = text.replace(name, p.institution)
        if loc:
            text = text.replace(f" w {loc}", f" w gminie {new}")
        return text.replace(f"gminie {old}", f"gminie {new}").replace(old, new)

    p.unit = teryt
    y0, y1 = plan.years
    p.title = f"Gminny program wspierania rodziny w gminie {new} na lata {y0}–{y1}"
    for g in p.goals:
        g.name = sub(g.name)
        for og in g.operational:
            og.name = sub(og.name)
            for d in og.directions:
                d.name, d.leads = sub(d.name), [sub(x) for x in d.leads]
                d.partners = [sub(x) for x in d.partners]
            for t in og.targets:
                t.actual = {}
                if t.indicator is None:
                    t.baseline, t.baseline_year = None, None
    p.monitoring = {k: sub(str(v)) for k, v in p.monitoring.items()}
    p.extra = {k: v for k, v in p.extra.items() if k != "sprawozdanie"}
    if isinstance(p.extra.get("zasoby"), list):
        p.extra["zasoby"] = [sub(str(x)) for x in p.extra["zasoby"]]
    p.extra["wzor"] = {"teryt": plan.unit, "nazwa": old, "plik": plan.path.name}
    if values is None:
        values = pd.DataFrame(columns=["teryt", "year", "indicator", "value"])
    return as_proposal(p, teryt, values, catalog)


@dataclass
class FamilyContext:
    """What the chapters of a gmina's family-support programme are written from."""

    plan: Plan
    diagnosis: Diagnosis
    values: pd.DataFrame
    catalog: Catalog
    registry: Registry
    demo: bool
    teryt: str
    slots: Slots = field(default_factory=Slots)
    team_notes: object = None       # strategy.inputs.team_notes.TeamNotes or None

    @property
    def name(self) -> str:
        return self.diagnosis.name

    @property
    def src(self) -> str:
        return source(DATA_SOURCE, self.demo)

    @property
    def psrc(self) -> str:
        return source(PLAN_SOURCE, self.demo)


def family_document(inputs, out_path=None, *, template=None, draft=None,
                    date=None) -> Document:
    """Return the document of gmina ``inputs.teryt``'s family-support programme for the
    notebook's cells to fill (``inputs``: loaded by :func:`strategy.inputs.load.load_family`;
    a plan of another gmina serves as a template, :func:`plan_for_gmina`)."""
    plan, teryt, d = inputs.plan, inputs.teryt, inputs.diagnosis
    catalog, registry, values = inputs.catalog, inputs.registry, inputs.values
    if plan.kind != "program_wspierania_rodziny":
        raise PlanError(f"plik {plan.path.name}: to plan dokumentu '{plan.kind}', a nie "
                        "gminnego programu wspierania rodziny")
    plan = plan_for_gmina(plan, teryt, registry, values, catalog)
    ctx = FamilyContext(plan, d, values, catalog, registry, bool(d.demo or plan.demo), teryt,
                        team_notes=getattr(inputs, "team_notes", None))

    def open_report():
        name = ctx.name
        y0, y1 = plan.years
        title = plan.title or f"Gminny program wspierania rodziny w gminie {name} na lata {y0}–{y1}"
        rep = common.new_report(title, subject="Gminny program wspierania rodziny",
                                author=plan.institution, demo=ctx.demo, template=template,
                                draft=draft, date=date,
                                keywords=["program wspierania rodziny", name, teryt],
                                custom_props={"strategy_document": "program_wspierania_rodziny",
                                              "strategy_teryt": teryt})
        common.front_matter(rep, subtitle=f"na lata {y0}–{y1}",
                            lines=[plan.institution, f"Gmina {name} (kod TERC {teryt})"], date=date,
                            adopted_by=council_of(inputs.plan, teryt, registry))
        return rep

    return common.plan_warnings(Document(kind="program_wspierania_rodziny", outline=OUTLINE,
                                         ctx=ctx, open_report=open_report, out_path=out_path),
                                plan)


def build_program_wspierania_rodziny(inputs, out_path, *, template=None,
                                     draft=None, date=None) -> Path:
    """Write the family-support programme of gmina ``inputs.teryt`` with every default
    chapter; return the path."""
    doc = family_document(inputs, out_path, template=template, draft=draft, date=date)
    doc.default_chapters()
    return doc.save()


# ------------------------------------------------------------------------------------ chapters
def introduction(rep, ctx: FamilyContext) -> None:
    """Legal basis and purpose; the template note for a gmina without its own plan."""
    plan, name = ctx.plan, ctx.name
    y0, y1 = plan.years
    rep.paragraph(text.purpose(name, y0, y1))
    wzor = plan.extra.get("wzor")
    if wzor:
        rep.paragraph({"text": text.template_note(name, wzor["nazwa"]),
                       "bold": True})
    common.demo_paragraph(rep, ctx.demo)


def glossary(rep, ctx: FamilyContext) -> None:
    """Terms used in the programme."""
    terms = ctx.plan.extra.get("slownik") or DEFAULT_GLOSSARY
    rep.bullets([[{"text": f"{k}", "bold": True}, f" – {v}"] for k, v in terms.items()])


def diagnosis_chapter(rep, ctx: FamilyContext) -> None:
    """Families in difficulty, assistants, day support, children in foster care; the areas
    ``rodzina`` and ``piecza_zastepcza`` (sections for an author's content)."""
    d, values, teryt, catalog, name = ctx.diagnosis, ctx.values, ctx.teryt, ctx.catalog, ctx.name
    years = list(range(d.year - 4, d.year + 1))
    tbl = data.indicator_years(values, teryt, data.FAMILY_SUPPORT, years, catalog)
    if len(tbl):
        inds = [i for i in data.FAMILY_SUPPORT if i in catalog
                and catalog.get(i).name in set(tbl["Wskaźnik"])]
        df = tbl.copy()
        df.insert(0, "Wskaźnik (jednostka)", [common.name_with_unit(w, j) for w, j
                                              in zip(df["Wskaźnik"], df["Jednostka"])])
        df = df.drop(columns=["Wskaźnik", "Jednostka"])
        ref = rep.table(df, f"Rodziny w trudnej sytuacji, wsparcie rodziny i piecza zastępcza – "
                        f"gmina {name}, lata {years[0]}–{years[-1]}", ctx.src,
                        widths=[7.0] + [1.8] * 5, row_decimals=common.row_decimals(inds, catalog))
        rep.paragraph(text.table_note(), refs={"t": ref})
    for para in family_sentences(values, teryt, d.year, catalog):
        rep.paragraph(para)
    if "powody_pomocy" in d.figures:
        f = d.figures["powody_pomocy"]
        rep.figure(f.png, f.caption, f.source, width_cm=15)
    for area, aname in FAMILY_AREAS.items():
        if area in d.tables or d.sentences.get(area):
            common.diagnosis_area(rep, d, area, aname, catalog, level=2, only_trends=True)
        ctx.slots.emit(rep, area)
    team_conclusions(rep, ctx)


#: Words too common in the names of actions to tell whether one answers a conclusion.
_COMMON = ("rodzina", "gmina", "gminny", "ośrodek", "zespół", "wniosek", "proponuje", "program",
           "strategia", "potrzeba", "dzieci", "zwraca", "uwagę", "przewidziała", "podstawie",
           "podstawowe")


def _same(a: str, b: str) -> bool:
    """True when two words share their first five letters (four when one has at most five:
    "grupę" and "grupa"; "dyżurów" and "dyżury")."""
    k = max(4, min(5, len(a) - 1, len(b) - 1))
    return a[:k] == b[:k]


def _words(s: str) -> set[str]:
    """Return the significant words of ``s``: of five letters or more, common ones left out."""
    return {w for w in re.findall(r"[a-ząćęłńóśźż]{5,}", s.lower())
            if not any(_same(w, c) for c in _COMMON)}


def mentioned(item: str, actions: list[str]) -> bool:
    """True when the names of the ``actions`` hold at least half of ``item``'s significant
    words and at least two (:func:`_words`, compared by :func:`_same`): the programme mentions
    the topic."""
    own = _words(item)
    used = set().union(*(_words(a) for a in actions)) if actions else set()
    hit = sum(any(_same(w, u) for u in used) for w in own)
    return hit >= 2 and hit * 2 >= len(own)


def team_conclusions(rep, ctx: FamilyContext) -> None:
    """The team's conclusions and notes from the gmina's diagnosis notebook, and those no
    action of the programme mentions yet (nothing without them)."""
    notes = ctx.team_notes
    if not notes:
        return
    rep.heading(text.TEAM_TITLE, 2)
    rep.paragraph(text.team_intro(ctx.name))
    if notes.conclusions:
        rep.paragraph(text.team_conclusions_intro())
        rep.bullets(notes.conclusions)
    if notes.notes:
        rep.paragraph(text.team_notes_intro(bool(notes.conclusions)))
        rep.bullets(notes.notes)
    items = notes.items()
    actions = [og.name for g in ctx.plan.goals for og in g.operational] + [
        d.name for _, _, d in ctx.plan.directions()]
    missing = [x for x in items if not mentioned(x, actions)]
    rep.paragraph(text.team_unanswered(missing) if missing else text.team_answered_all())


def resources(rep, ctx: FamilyContext) -> None:
    """The gmina's resources: the plan's list, assistants and day-support centres."""
    d, values, teryt = ctx.diagnosis, ctx.values, ctx.teryt
    res = ctx.plan.extra.get("zasoby") or []
    common.bullets_or(rep, [str(x) for x in res],
                      text.resources_missing())
    asst, ay = data.last_value(values, teryt, "asystenci_rodziny", d.year)
    plac, _ = data.last_value(values, teryt, "placowki_wsparcia_dziennego", d.year)
    if ay is not None:
        rep.paragraph(text.assistants(ay, asst, plac))
    for para in dict.fromkeys(text.resource_left_out(ind, year, action) for _, ind, year, action
                              in ctx.plan.extra.get("zasoby_pominiete") or []):
        rep.paragraph(para)


def goals(rep, ctx: FamilyContext) -> None:
    """Main goals, specific goals and actions."""
    plan = ctx.plan
    for g in plan.goals:
        rep.heading(f"Cel główny {g.id}. {g.name}", 2)
        rep.bullets([f"Cel szczegółowy {og.id}. {og.name}" for og in g.operational])
        rep.table(data.goals_frame(plan, g.id), f"Cele szczegółowe i działania – cel {g.id}",
                  ctx.psrc, widths=common.GOAL_WIDTHS)
    if "odpowiedzi" in plan.extra:
        _proposed_actions(rep, ctx)


def _reason(f) -> str | None:
    if f.kind == WORSE:
        return text.worsening_reason(f.action, f.indicator, f.year, f.value, f.before,
                                     f.year - 1, f.mean, f.first_year)
    if f.kind == HIGH:
        return text.high_rate_reason(f.action, f.year, f.value, f.powiat, f.value / f.powiat)
    if f.kind == MISSING and f.action:
        return text.missing_reason(f.action, f.indicator, f.year)
    return None


def _by_id(f) -> list[int]:
    return [int(x) if x.isdigit() else 0 for x in f.action.split(".")]


def _proposed_actions(rep, ctx: FamilyContext) -> None:
    """Why a proposal adds each action derived from the gmina's data; the template's actions
    left out because the gmina lacks the institution they run."""
    for para in dict.fromkeys(text.action_left_out(ind, year, action) for _, ind, year, action
                              in ctx.plan.extra.get("dzialania_pominiete") or []):
        rep.paragraph(para)
    found = [f for f in ctx.plan.extra["odpowiedzi"] if f.action]
    if not found:
        rep.paragraph(text.no_problems_found(ctx.name))
    else:
        rep.paragraph(text.proposed_actions_intro())
        rep.bullets([r for r in map(_reason, sorted(found, key=_by_id)) if r])


def results(rep, ctx: FamilyContext) -> None:
    """Expected effects and the indicators of results."""
    plan = ctx.plan
    rep.paragraph(text.results_intro(data.baseline_year(plan)))
    if plan.extra.get("propozycja"):
        _proposed_targets(rep, ctx)
    else:
        tf = data.targets_frame(plan, ctx.values, ctx.catalog)
        if len(tf):
            rep.table(tf, "Wskaźniki rezultatów programu", source(
                "opracowanie własne na podstawie danych sprawozdawczych i ustaleń zespołu",
                ctx.demo),
                landscape=True, widths=common.TARGET_WIDTHS,
                row_decimals=tf.attrs["row_decimals"])
    common.targets_notes(rep, plan, ctx.psrc, ctx.catalog, ctx.values)


def _proposed_targets(rep, ctx: FamilyContext) -> None:
    """The proposed targets of a gmina without its own programme, with the rule they follow."""
    tf = data.proposals_frame(ctx.plan, ctx.values, ctx.catalog, ctx.teryt)
    if not len(tf):
        return
    low, high = round(MIN_CHANGE * 100), round(MAX_CHANGE * 100)
    ref = rep.table(tf, "Proponowane wskaźniki rezultatów programu (propozycja do uzupełnienia "
                    "przez gminę)", source("opracowanie własne na podstawie danych gminy",
                                           ctx.demo),
                    landscape=True, widths=common.PROPOSAL_WIDTHS,
                    row_decimals=tf.attrs["row_decimals"])
    rep.paragraph(text.proposals_rule(ctx.name, low, high), refs={"t": ref})


def funding(rep, ctx: FamilyContext) -> None:
    """Sources of funding by year; for a proposal only the sources, the amounts left to the
    gmina."""
    sources = ctx.plan.extra.get("zrodla_propozycja")
    if ctx.plan.extra.get("propozycja"):
        rep.paragraph({"text": text.no_amounts(ctx.name), "bold": True})
        if sources:
            rep.paragraph(text.sources_intro())
            rep.bullets([str(s) for s in sources])
        return
    _funding(rep, ctx.plan, ctx.psrc, "programu")
    action_costs(rep, ctx)


def action_costs(rep, ctx: FamilyContext) -> None:
    """The costs of each action by year (all sources together) when the plan gives costs per
    action (:func:`.money.direction_costs_frame`; a subtotal per main goal only when there
    are several); nothing otherwise."""
    plan = ctx.plan
    if not plan.funding or not plan.has_costs():
        return
    several = len(plan.goals) > 1
    frame = money.direction_costs_frame(plan, text.MAIN_GOAL,
                                        text.COSTS_ROW_GOALS if several else text.COSTS_ROW,
                                        subtotals=several)
    years = [c for c in frame.columns if c.isdigit()]
    ref = money.amount_table(rep, frame, text.action_costs_caption(years[0], years[-1]),
                             ctx.psrc, bold=frame.attrs["goal_rows"])
    rep.paragraph(text.action_costs_note(), refs={"t": ref})


def monitoring(rep, ctx: FamilyContext) -> None:
    """The annual report to the council and how the programme is monitored."""
    rep.paragraph(text.annual_report(organ_of(ctx.teryt)))
    common.bullets_or(rep, common.monitoring_items(ctx.plan.monitoring),
                      wspolne.monitoring_missing())


def family_sentences(values, teryt: str, year: int, catalog: Catalog) -> list[str]:
    """Return sentences on families helped for bezradność, assistants' load against the limit
    of 15 families and the gmina's children in foster care with the gmina's cost."""
    out = []
    fam, fy = data.last_value(values, teryt, "rodziny_pomoc", year)
    bez, by = data.last_value(values, teryt, "powod_bezradnosc_rodziny", year)
    if fy is not None and by == fy and fam:
        out.append(text.families_helped(fy, fam, bez))
    load, ly = data.last_value(values, teryt, "rodziny_na_asystenta", year)
    if ly is not None:
        out.append(text.assistant_load(ly, load, catalog.get("rodziny_na_asystenta"),
                                       data.FAMILIES_PER_ASSISTANT))
    kids, ky = data.last_value(values, teryt, "dzieci_piecza_z_gminy", year)
    cost, cy = data.last_value(values, teryt, "wydatki_gminy_piecza", year)
    if ky is not None:
        out.append(text.children_in_care(ky, kids, cost if cy == ky else None))
    return out


def _funding(rep, plan: Plan, psrc: str, what: str) -> None:
    """Add the funding table (sources by year with totals) and its sentence."""
    if not plan.funding:
        rep.paragraph(wspolne.funding_missing())
        return
    fund = data.funding_frame(plan)
    years = [c for c in fund.columns if c.isdigit()]
    amount = lambda v: "–" if v != v else fmt_number(v, 0)  # noqa: E731
    ref = rep.table(fund, f"Źródła finansowania {what} w latach {years[0]}–{years[-1]} (zł)", psrc,
                    formats={c: amount for c in fund.columns[1:]}, landscape=len(years) > 4)
    common.bold_last_row(rep)
    rep.paragraph(wspolne.funding_total(fund.iloc[-1]["Razem"]), refs={"t": ref})


#: The chapters of a gmina's family-support programme in their default order.
OUTLINE: tuple[Chapter, ...] = (
    Chapter("wprowadzenie", "Wprowadzenie", "", introduction),
    Chapter("slownik", "Słownik pojęć", "", glossary),
    Chapter("diagnoza", "Diagnoza sytuacji rodzin", "", diagnosis_chapter),
    Chapter("zasoby", "Zasoby gminy", "", resources),
    Chapter("cele", "Cele i działania", "", goals),
    Chapter("efekty", "Efekty i rezultaty", "", results),
    Chapter("finansowanie", "Źródła finansowania", "", funding),
    Chapter("monitoring", "Monitorowanie i sprawozdawczość", "", monitoring),
)
