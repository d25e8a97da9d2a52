"""The chapters of the powiat strategy, one function each: ``chapter(rep, ctx)``.

In: a :class:`strategy.documents.blocks.Recorder` (the Report's method names) and a
:class:`StrategyContext` (the plan, the powiat diagnosis, the values of the powiat and its
gminas, the catalogue, the registry). Out: the chapter's content as blocks. The order, titles
and statutory elements (art. 16b u.p.s.) of the chapters are described once, in
:mod:`strategy.documents.outline`; the strategy's notebook adds them one cell each, and the
consultation drafts are rendered from the blocks the strategy's document saved.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import pandas as pd

from ...analysis.forecast import DAMPING, WINDOW
from ...analysis.targets import target_flags
from ...catalog import Catalog
from ...coverage import AreaCoverage, coverage
from ...plan import Plan
from ...text import powiat_genitive, prognoza, wspolne
from ...text import ranking as ranking_text
from ...text import strategia as text
from ...units import Registry
from ..authoring import Slots
from ..blocks import Recorder, RefTo
from . import common, data, money
from . import strategia_traces as traces
from .common import DATA_SOURCE, PLAN_SOURCE, source
from .strategia_annexes import gmina_annex

if TYPE_CHECKING:  # the type only: documents run no analysis
    from ...diagnosis import Diagnosis

#: An amount table with more columns than this goes on a landscape page. Two such tables
#: are never written one right after the other: a paragraph stands between them, otherwise
#: the portrait section between the two landscape ones is an empty page.
LANDSCAPE_COLUMNS = 6


@dataclass
class StrategyContext:
    """What the chapters of the strategy are written from.

    ``values`` is the long values frame of the powiat and its gminas
    (:func:`strategy.diagnosis.powiat_values`). ``section_bookmarks`` marks the strategy as a
    draft for consultation with the gminas: the consultation chapter says the consultation is
    under way, and its drafts' headings get ``sec_<number>`` bookmarks when rendered
    (:func:`strategy.documents.render_word.render`; goals ``sec_8_<goal id>``).
    """

    plan: Plan
    diagnosis: Diagnosis
    values: pd.DataFrame
    catalog: Catalog
    registry: Registry
    demo: bool
    section_bookmarks: bool = False
    #: the diagnosis of every gmina of the powiat by code (the annexes), loaded by the notebook
    gmina_diagnoses: dict = field(default_factory=dict)
    slots: Slots = field(default_factory=Slots)
    findings: object = None  # strategy.consistency.Control of the strategy; None: not checked
    #: the chapters of the strategy (:data:`.strategia_outline.OUTLINE`), for the introduction's
    #: list of where each statutory element is; set by the strategy's document
    outline: tuple = ()
    #: the gminas' remarks from the register the plan names: (gminas that sent remarks,
    #: RemarkCounts), read by the notebook (strategy.notebook_helpers.remark_counts)
    remarks: tuple | None = None

    @property
    def powiat(self) -> str:
        return self.plan.unit

    @property
    def name(self) -> str:
        return self.registry.name(self.plan.unit)

    @property
    def src(self) -> str:
        return source(DATA_SOURCE, self.demo)

    @cached_property
    def coverage(self) -> dict[str, AreaCoverage]:
        """Which gminas have data in each area (:func:`strategy.coverage.coverage` of the
        values), by area id."""
        return {a.area_id: a for a in coverage(self.values, self.catalog, self.registry,
                                               self.powiat)}

    def missing(self, area: str) -> list[str]:
        """Return the names of the powiat's gminas with no figure in the area's last year with
        data (all of them when the area has no gmina data); none for an area recorded for the
        powiat only."""
        a = self.coverage.get(area)
        if a is None or a.powiat_only:
            return []
        return [self.registry.display_name(g) for g in a.gminas if g not in a.with_data]

    @property
    def data_warnings(self) -> list[tuple[str, str]]:
        """Return the warnings on the data for the build summary: the gminas without data by
        area (``brak danych z gmin: … – obszary: …``), one line per group of gminas."""
        by_gminas: dict[tuple, list[str]] = {}
        for area_id, a in self.coverage.items():
            names = tuple(self.missing(area_id))
            if names:
                by_gminas.setdefault(names, []).append(a.area[:1].lower() + a.area[1:])
        out = [("dane_gmin", text.coverage_warning(list(names), areas))
               for names, areas in by_gminas.items()]
        answers = self.area_answers
        out += [("obszary", text.unanswered_warning(a.name, answers.index(a) + 1))
                for a in traces.unanswered(answers)]
        out += [("cele", text.flag_warning(f)) for f in self.target_flags if not f.justified]
        return out

    @cached_property
    def target_flags(self) -> list:
        """The targets no better than the forecast or not carried by the plan's staff and
        places (:func:`strategy.analysis.targets.target_flags`); none without values."""
        if self.values is None or self.values.empty:
            return []
        return target_flags(self.plan, self.values, self.catalog)

    @cached_property
    def area_answers(self) -> list[traces.AreaAnswer]:
        """The priority areas of the diagnosis with the goals that answer them
        (:func:`.strategia_traces.area_answers`)."""
        return traces.area_answers(self.plan, self.diagnosis, self.catalog)

    @property
    def psrc(self) -> str:
        return source(PLAN_SOURCE, self.demo)

    def heading(self, rep: Recorder, title: str, level: int = 1,
                section_id: str | None = None) -> RefTo:
        """Add a numbered heading; ``section_id`` names its section in consultation drafts
        (``"{chapter}_1"``: section 1 of the chapter it stands in); return its reference."""
        return rep.heading(title, level, section_id=section_id)


# ------------------------------------------------------------------------------------ chapters
def introduction(rep: Recorder, ctx: StrategyContext) -> None:
    """Introduction and legal basis; where each statutory element is (art. 16b)."""
    plan, name = ctx.plan, ctx.name
    y0, y1 = plan.years
    rep.paragraph(text.purpose(name, y0, y1, plan.institution))
    ctx.heading(rep, "Podstawy prawne", 2)
    rep.bullets(text.LEGAL_BASIS)
    ctx.heading(rep, "Metoda pracy i układ dokumentu", 2)
    rep.paragraph(text.work_order())
    rep.bullets([text.statute_item(c.statute, number)
                 for number, c in enumerate(ctx.outline, start=1) if c.statute])
    common.demo_paragraph(rep, ctx.demo)


def consistency(rep: Recorder, ctx: StrategyContext) -> None:
    """Consistency with higher-level strategic documents."""
    higher = pd.DataFrame([{"Dokument": str(h.get("dokument", "")), "Zakres zgodności": str(h.get("opis", ""))}
                           for h in ctx.plan.higher_documents if isinstance(h, dict)],
                          columns=["Dokument", "Zakres zgodności"])
    if len(higher):
        ref = rep.table(higher, "Dokumenty strategiczne wyższego rzędu, z którymi strategia jest zgodna",
                        ctx.psrc, widths=[7.0, 9.0])
        rep.paragraph(text.higher_documents_note(), refs={"t": ref})
    else:
        rep.paragraph(text.higher_documents_missing())


def diagnosis(rep: Recorder, ctx: StrategyContext) -> None:
    """Diagnosis: one section per area of the catalogue (in its order, so section numbers are
    the areas' positions), the gminas side by side, the ranking of problems, the capacity of
    social-economy entities."""
    d, name, catalog, src = ctx.diagnosis, ctx.name, ctx.catalog, ctx.src
    syn = data.synthesis_frame(ctx.values, ctx.powiat, d.year, ctx.registry)
    pop = syn.iloc[-1]["Ludność"]
    rep.paragraph(text.diagnosis_intro(name, d.year, pop, len(syn) - 1))
    ranking = tuple(k for k in d.figures if k.startswith("ranking_"))
    for area, aname in catalog.areas.items():
        common.diagnosis_area(rep, d, area, aname, catalog, level=2, skip_figures=ranking,
                              )
        coverage_note(rep, ctx, area)
        ctx.slots.emit(rep, area)
    ctx.heading(rep, "Gminy powiatu – zestawienie wskaźników kluczowych", 2)
    ref = rep.table(syn, f"Wskaźniki kluczowe gmin powiatu {powiat_genitive(name)} w {d.year} r.", src,
                    landscape=True, formats={c: (0 if c == "Ludność" else 1) for c in syn.columns[1:]},
                    widths=[4.4, 2.2] + [3.1] * (syn.shape[1] - 2))
    common.bold_last_row(rep)
    rep.paragraph(text.synthesis_note(), refs={"t": ref})
    ctx.heading(rep, "Problemy społeczne w gminach powiatu", 2)
    rep.paragraph(ranking_text.ranking_rule())
    ranking_areas(rep, ctx, ranking)
    # each priority area's ranking chart, then the map of its key indicator
    for key, fig in d.figures.items():
        if key.startswith(("ranking_", "mapa_")):
            rep.figure(fig.png, fig.caption, fig.source, width_cm=15)
    if d.no_map:
        rep.paragraph(d.no_map)
    ctx.heading(rep, "Potencjał podmiotów ekonomii społecznej i organizacji pozarządowych", 2)
    plan = ctx.plan
    rep.paragraph(str(plan.social_economy.get("opis") or text.social_economy_missing()))
    ses = data.social_economy_frame(plan)
    if len(ses):
        ref = rep.table(ses, "Podmioty ekonomii społecznej i organizacje pozarządowe zdolne do "
                        "realizacji usług społecznych", ctx.psrc, widths=[4.6, 2.8, 4.4, 4.2])
        rep.paragraph(text.social_economy_note(len(ses)), refs={"t": ref})


def coverage_note(rep: Recorder, ctx: StrategyContext, area: str) -> None:
    """Say which gminas' data an area of the powiat rests on when not all have them."""
    a = ctx.coverage.get(area)
    missing = ctx.missing(area)
    if a is None or not missing:
        return
    if a.last_year is None:
        rep.paragraph(text.coverage_none(len(a.gminas)))
    else:
        rep.paragraph(text.coverage_partial(a.last_year, len(a.with_data), len(a.gminas),
                                            missing))


def ranking_areas(rep: Recorder, ctx: StrategyContext, charts) -> None:
    """The table of problem areas by score and the sentence under it: the top area (and what
    the ranking ``charts`` show, when there are any), no area standing out when every score is
    zero, too few data when no area could be scored."""
    areas = common.areas_frame(ctx.diagnosis, ctx.catalog)
    if areas.empty:
        rep.paragraph(text.ranking_too_few())
        return
    ref = rep.table(areas, f"Obszary problemowe powiatu {powiat_genitive(ctx.name)} uszeregowane "
                    "według wyniku", ctx.src, widths=[1.9, 4.6, 1.5, 8.0])
    if traces.stands_out(ctx.diagnosis):
        rep.paragraph(text.ranking_top(areas.iloc[0]["Obszar"], charts=bool(charts)),
                      refs={"t": ref})
    elif (areas["Wynik"] > 0).any():
        rep.paragraph(text.ranking_flat(areas.iloc[0]["Obszar"], float(areas.iloc[0]["Wynik"]),
                                        traces.STANDS_OUT, charts=bool(charts)),
                      refs={"t": ref})
    else:
        rep.paragraph(text.ranking_none(), refs={"t": ref})
    # areas scored from the data of some gminas only: said, so a low score is not read as
    # an all-clear for the whole powiat
    shown = set(areas["Obszar"])
    groups: dict[tuple, list[str]] = {}
    for area_id, aname in ctx.catalog.areas.items():
        missing = tuple(ctx.missing(area_id))
        if aname in shown and missing:
            groups.setdefault(missing, []).append(aname)
    for missing, names in groups.items():
        rep.paragraph(text.ranking_partial(names, list(missing)))


def swot(rep: Recorder, ctx: StrategyContext) -> None:
    """SWOT: the team's findings (the suggestions computed from the data are the team's working
    material after the annexes: :func:`.strategia_annexes.working_material`)."""
    rep.paragraph(text.swot_intro())
    ref = rep.table(swot_grid(ctx.plan), "Analiza SWOT", ctx.psrc, widths=[3.0, 6.5, 6.5])
    rep.paragraph(text.swot_note(), refs={"a": ref})


def forecast(rep: Recorder, ctx: StrategyContext) -> None:
    """Forecast of changes (art. 16b ust. 2 pkt 2)."""
    d = ctx.diagnosis
    for para in prognoza.method_paragraphs(d.horizon, WINDOW, DAMPING):
        rep.paragraph(para)
    fc = common.forecast_frame(d, ctx.catalog)
    if len(fc):
        ref = rep.table(fc, f"Prognoza wskaźników kluczowych powiatu {powiat_genitive(ctx.name)} "
                        f"do {d.horizon} r.", ctx.src, widths=[5.6, 1.2, 1.8, 1.9, 2.4, 3.1],
                        row_decimals=common.row_decimals(fc.attrs["indicators"], ctx.catalog))
        rep.paragraph(text.forecast_table_note(), refs={"t": ref})
    rep.paragraph(prognoza.in_areas_note())


def mission(rep: Recorder, ctx: StrategyContext) -> None:
    """Mission and vision."""
    rep.paragraph([{"text": "Misja. ", "bold": True}, ctx.plan.mission or text.missing_text()])
    rep.paragraph([{"text": "Wizja. ", "bold": True}, ctx.plan.vision or text.missing_text()])


def goals(rep: Recorder, ctx: StrategyContext) -> None:
    """Strategic goals -> operational goals -> directions of action, one section per goal
    (section id from the goal's own id, so it stays when another goal is dropped)."""
    plan = ctx.plan
    n_op = sum(len(g.operational) for g in plan.goals)
    n_dir = len(plan.directions())
    rep.paragraph(text.goals_summary(len(plan.goals), n_op, n_dir))
    rep.bullets([f"Cel strategiczny {g.id}. {g.name}" for g in plan.goals])
    areas_goals(rep, ctx)
    findings = traces.goal_findings(plan, ctx.diagnosis, ctx.catalog, ctx.registry)
    places = traces.goal_places(plan, ctx.diagnosis, ctx.catalog)
    for g in plan.goals:
        ctx.heading(rep, f"Cel strategiczny {g.id}. {g.name}", 2,
                    section_id="{chapter}_" + common.section_id(g.id))
        rep.bullets([f"Cel operacyjny {og.id}. {og.name}" for og in g.operational])
        for og in g.operational:
            goal_findings(rep, ctx, og.id, findings.get(og.id, []), places.get(og.id, []))
        rep.table(data.goals_frame(plan, g.id), f"Kierunki działań celu strategicznego {g.id}",
                  ctx.psrc, widths=common.GOAL_WIDTHS)


def areas_goals(rep: Recorder, ctx: StrategyContext) -> None:
    """The table of the diagnosis' priority areas (score above 0, in the ranking's order) and
    the operational goals answering each, or the reason it is deferred, or a mark when it is
    neither (a build warning too: :attr:`StrategyContext.data_warnings`)."""
    answers = ctx.area_answers
    if not answers:
        return
    frame = pd.DataFrame([{"Miejsce": str(k), "Obszar problemowy": a.name, "Wynik": a.score,
                           "Cele operacyjne strategii": text.area_goals_cell(a.goals, a.deferred)}
                          for k, a in enumerate(answers, start=1)],
                         columns=["Miejsce", "Obszar problemowy", "Wynik",
                                  "Cele operacyjne strategii"])
    ref = rep.table(frame, text.AREAS_GOALS_CAPTION, ctx.src, widths=[1.9, 4.6, 1.5, 8.0],
                    formats={"Wynik": 2})
    rep.paragraph(text.areas_goals_intro(traces.stands_out(ctx.diagnosis)), refs={"t": ref})
    missing = [a.name for a in traces.unanswered(answers)]
    if missing:
        rep.paragraph({"text": text.unanswered_note(missing), "bold": True})


def goal_findings(rep: Recorder, ctx: StrategyContext, goal_id: str, findings: list,
                  places: list) -> None:
    """The areas and the findings of the diagnosis an operational goal answers, one line
    each."""
    if not findings:
        rep.paragraph(text.goal_no_findings(goal_id))
        return
    rep.paragraph({"text": text.goal_findings_lead(goal_id, places), "bold": True})
    rep.bullets([text.finding(f, ctx.catalog.get(f.indicator)) for f in findings])


def services(rep: Recorder, ctx: StrategyContext) -> None:
    """Social services and public tasks commissioned to NGOs (art. 16b ust. 3)."""
    plan = ctx.plan
    rep.paragraph(text.services_intro())
    ctx.heading(rep, "Usługi społeczne", 2)
    _table_or(rep, ctx, data.services_frame(plan), "Usługi społeczne realizowane w ramach strategii",
              [6.0, 5.0, 5.0], text.services_missing())
    ctx.heading(rep, "Zadania publiczne zlecane organizacjom pozarządowym", 2)
    _table_or(rep, ctx, data.ngo_tasks_frame(plan),
              "Zadania publiczne zlecane organizacjom pozarządowym", [6.0, 4.0, 6.0],
              text.ngo_tasks_missing())


def _table_or(rep: Recorder, ctx: StrategyContext, frame, caption: str, widths: list[float],
              missing: str) -> None:
    """Write ``frame`` as a table from the plan, or the ``missing`` paragraph when it is empty."""
    if len(frame):
        rep.table(frame, caption, ctx.psrc, widths=widths)
    else:
        rep.paragraph(missing)


def implementation(rep: Recorder, ctx: StrategyContext) -> None:
    """How the strategy is implemented and its financial frame: by source and year, and - when
    the directions of action carry costs - by goal and direction and by goal and source."""
    plan = ctx.plan
    coord = plan.monitoring.get("koordynator") or plan.institution
    rep.paragraph(text.implementation(coord))
    if not len(plan.funding):
        rep.paragraph(text.funding_missing())
        return
    fund = data.funding_frame(plan)
    years = [c for c in fund.columns if c.isdigit()]
    span = f"{years[0]}–{years[-1]}"
    ref = _money_table(rep, ctx, fund, f"Ramy finansowe strategii na lata {span} według źródeł "
                       "finansowania")
    total = fund.iloc[-1]["Razem"]
    body = fund.iloc[:-1]
    top = body.loc[body["Razem"].idxmax()]
    rep.paragraph(text.funding_total(span, total, top["Razem"], top["Źródło finansowania"]),
                  refs={"t": ref})
    if not plan.has_costs():
        rep.paragraph(text.costs_missing())
        return
    by_dir = money.direction_costs_frame(plan)
    ref_d = _money_table(rep, ctx, by_dir, f"Ramy finansowe strategii na lata {span} według "
                         "celów i kierunków działań", bold=by_dir.attrs["goal_rows"])
    rep.paragraph(text.direction_costs_note(), refs={"d": ref_d})
    by_goal = money.goal_source_frame(plan)
    ref_g = _money_table(rep, ctx, by_goal, f"Ramy finansowe strategii na lata {span} według "
                         "celów strategicznych i źródeł finansowania")
    k = int(by_goal.iloc[:-1]["Razem"].idxmax())
    big = plan.goals[k]
    rep.paragraph(text.goal_costs_note(by_goal.iloc[k]["Razem"], big.id, big.name),
                  refs={"g": ref_g})


def _money_table(rep: Recorder, ctx: StrategyContext, frame: pd.DataFrame, caption: str,
                 bold: list[int] = ()) -> RefTo:
    """Write an amount table of the strategy (:func:`.money.amount_table`); return its reference."""
    return money.amount_table(rep, frame, caption, ctx.psrc, bold, LANDSCAPE_COLUMNS)


def indicators(rep: Recorder, ctx: StrategyContext) -> None:
    """Indicators of implementation with baselines from the data; a target no better than the
    forecast without action, or one the planned staff and places do not carry, is marked in
    its table and explained under it (:func:`strategy.analysis.targets.target_flags`)."""
    plan = ctx.plan
    flags = ctx.target_flags
    marks = {id(f): text.flag_mark(k) for k, f in enumerate(flags, start=1)}
    tf = data.targets_frame(plan, ctx.values, ctx.catalog)
    rep.paragraph(text.baselines(data.baseline_year(plan)))
    if len(tf):
        goal_flags = [f for f in flags if f.detail.get("part") != "kierunek"]
        tf = _marked(tf, goal_flags, marks, "Cel", "Wskaźnik")
        rep.table(tf, "Wskaźniki realizacji działań: wartości bazowe i docelowe", source(
            "opracowanie własne na podstawie danych GUS BDL, sprawozdań jednostek i ustaleń "
            "zespołu", ctx.demo),
            landscape=True, widths=common.TARGET_WIDTHS, row_decimals=tf.attrs["row_decimals"])
        _flag_notes(rep, ctx, goal_flags, marks)
        forecasts = traces.target_forecasts(plan, ctx.diagnosis, ctx.catalog)
        if forecasts:
            rep.paragraph(text.forecasts_intro())
            items = [text.forecast_item(f, ctx.catalog.get(f.indicator)) for f in forecasts]
            rep.bullets(items[:-1] + [items[-1][:-1] + "."])
    flagged = {(f.goal, f.name, f.year) for f in flags}
    shown = [(og_id, t) for og_id, t in data.justified(plan)
             if (og_id, t.name, t.target_year) not in flagged]
    if shown:
        kept = set(map(id, (t for _, t in shown)))
        for line, (_, t) in zip(data.justification_sentences(plan, ctx.values, ctx.catalog),
                                data.justified(plan)):
            if id(t) in kept:
                rep.paragraph(line)
    of = data.outputs_frame(plan, ctx.catalog)
    if len(of):
        out_flags = [f for f in flags if f.detail.get("part") == "kierunek"]
        of = _marked(of, out_flags, marks, "Kierunek działań", "Wskaźnik produktu")
        ref = rep.table(of, "Wskaźniki produktu kierunków działań", ctx.psrc,
                        widths=common.OUTPUT_WIDTHS)
        rep.paragraph(wspolne.outputs_table_note(), refs={"t": ref})
        _flag_notes(rep, ctx, out_flags, marks)
        note = data.outputs_note(plan)
        if note:
            rep.paragraph({"text": note, "bold": True})


def _marked(frame: pd.DataFrame, flags: list, marks: dict, goal_col: str,
            name_col: str) -> pd.DataFrame:
    """Return ``frame`` with the mark of each flag after the indicator's name in its row (the
    row of the flag's goal or direction, indicator name and target year)."""
    if not flags:
        return frame
    out = frame.copy()
    for f in flags:
        goal = out[goal_col].astype(str)
        own = (goal == f.goal) | goal.str.startswith(f"{f.goal}. ")
        rows = out.index[own & (out[name_col] == f.name)
                         & (out["Rok docelowy"].astype(str) == str(f.year))]
        for i in rows[:1]:
            out.at[i, name_col] = f"{out.at[i, name_col]} {marks[id(f)]}"
    out.attrs.update(frame.attrs)
    return out


def _flag_notes(rep: Recorder, ctx: StrategyContext, flags: list, marks: dict) -> None:
    """Write under a table one note per flagged target: why it is flagged and its
    justification, or (bold) that it must be explained before the strategy is adopted."""
    for f in flags:
        ind = ctx.catalog.get(f.indicator) if f.indicator in ctx.catalog else None
        note = text.flag_note(marks[id(f)], f, ind)
        rep.paragraph(note if f.justified else {"text": note, "bold": True})


def monitoring(rep: Recorder, ctx: StrategyContext) -> None:
    """Monitoring and evaluation."""
    rep.paragraph(text.monitoring())
    common.bullets_or(rep, common.monitoring_items(ctx.plan.monitoring),
                      wspolne.monitoring_missing())


def annexes(rep: Recorder, ctx: StrategyContext) -> None:
    """One annex per gmina: its key indicators next to the powiat's and its most urgent areas."""
    for k, unit in enumerate(ctx.registry.gminas_of(ctx.powiat), start=1):
        gmina_annex(rep, ctx, k, unit.teryt)


def swot_grid(plan: Plan) -> pd.DataFrame:
    """Return the authors' SWOT as a 2x2 grid: internal/external factors by positive/negative."""
    def cell(key):
        items = plan.swot.get(key) or []
        return "\n".join(f"• {x}" for x in items) if items else "nie wskazano"
    return pd.DataFrame([
        {"Czynniki": "wewnętrzne", "Pozytywne – mocne strony / szanse": "Mocne strony:\n" + cell("mocne_strony"),
         "Negatywne – słabe strony / zagrożenia": "Słabe strony:\n" + cell("slabe_strony")},
        {"Czynniki": "zewnętrzne", "Pozytywne – mocne strony / szanse": "Szanse:\n" + cell("szanse"),
         "Negatywne – słabe strony / zagrożenia": "Zagrożenia:\n" + cell("zagrozenia")},
    ])
