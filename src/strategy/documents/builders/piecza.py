"""Powiatowy program rozwoju pieczy zastępczej: the three-year foster-care programme of a powiat.

In: what the notebook loaded (:class:`strategy.inputs.load.FosterInputs`: a plan of
``dokument: program_pieczy_zastepczej`` with ``limit_rodzin_zawodowych``, the powiat's
diagnosis and values) and the path to write. Out: the .docx: introduction, foster care by form
and over time (table and chart), placements, leavings and returns home, usamodzielnienia,
coordinators and their load, children by gmina of origin with the gminas' share of costs, the
annual limit of professional foster families, goals and tasks, indicators, financing, monitoring.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ...catalog import Catalog
from ...errors import PlanError
from ...plan import Plan
from ...text import fmt_amount, in_unit, wspolne
from ...text import program_pieczy as text
from ...units import Registry
from ..authoring import Chapter, Document, Slots
from . import common, data
from .common import DATA_SOURCE, PLAN_SOURCE, source
from .rodzina import _funding

if TYPE_CHECKING:  # the types only: documents run no analysis and load nothing
    from ...diagnosis import Diagnosis


@dataclass
class FosterCareContext:
    """What the chapters of the foster-care programme are written from."""

    plan: Plan
    diagnosis: Diagnosis
    values: pd.DataFrame
    catalog: Catalog
    registry: Registry
    demo: bool
    slots: Slots = field(default_factory=Slots)

    @property
    def powiat(self) -> str:
        return self.plan.unit

    @property
    def name(self) -> str:
        return self.registry.name(self.plan.unit)

    @property
    def src(self) -> str:
        return source(DATA_SOURCE, self.demo)

    @property
    def psrc(self) -> str:
        return source(PLAN_SOURCE, self.demo)


def foster_care_document(inputs, out_path=None, *, template=None, draft=None,
                         date=None) -> Document:
    """Return the document of the powiat's foster-care programme for the notebook to fill
    (``inputs``: loaded by :func:`strategy.inputs.load.load_foster`)."""
    plan = inputs.plan
    if plan.kind != "program_pieczy_zastepczej" or len(plan.unit) != 4:
        raise PlanError(f"plik {plan.path.name}: to plan dokumentu '{plan.kind}' jednostki "
                        f"{plan.unit}, a nie powiatowego programu rozwoju pieczy zastępczej")
    powiat = plan.unit
    d = inputs.diagnosis
    ctx = FosterCareContext(plan, d, inputs.values, inputs.catalog, inputs.registry,
                            bool(d.demo or plan.demo))

    def open_report():
        name = ctx.name
        y0, y1 = plan.years
        title = plan.title or f"Powiatowy program rozwoju pieczy zastępczej {in_unit('powiat ' + name)}"
        rep = common.new_report(title, subject="Powiatowy program rozwoju pieczy zastępczej",
                                author=plan.institution, demo=ctx.demo, template=template,
                                draft=draft, date=date,
                                keywords=["piecza zastępcza", f"powiat {name}", powiat],
                                custom_props={"strategy_document": "program_pieczy_zastepczej",
                                              "strategy_teryt": powiat})
        common.front_matter(rep, subtitle=f"na lata {y0}–{y1}", lines=[plan.institution], date=date)
        return rep

    return common.plan_warnings(Document(kind="program_pieczy_zastepczej", outline=OUTLINE,
                                         ctx=ctx, open_report=open_report, out_path=out_path),
                                plan)


def build_program_pieczy_zastepczej(inputs, out_path, *, template=None,
                                    draft=None, date=None) -> Path:
    """Write the foster-care programme of the plan's powiat with every default chapter;
    return the path."""
    doc = foster_care_document(inputs, out_path, template=template, draft=draft, date=date)
    doc.default_chapters()
    return doc.save()


# ------------------------------------------------------------------------------------ chapters
def introduction(rep, ctx: FosterCareContext) -> None:
    """The programme's legal basis and contents."""
    y0, y1 = ctx.plan.years
    rep.paragraph(text.purpose(ctx.name, y0, y1))
    common.demo_paragraph(rep, ctx.demo)


def diagnosis_chapter(rep, ctx: FosterCareContext) -> None:
    """Foster care by form, movements and staff, children by gmina of origin (sections
    ``formy``, ``ruch`` and ``gminy`` for an author's content)."""
    d, values, powiat, catalog, src = ctx.diagnosis, ctx.values, ctx.powiat, ctx.catalog, ctx.src
    years = list(range(d.year - 4, d.year + 1))
    rep.heading("Dzieci w pieczy zastępczej według form pieczy", 2)
    forms = data.foster_forms_frame(values, powiat, years)
    ref = rep.table(forms, f"Dzieci w pieczy zastępczej według form pieczy, lata {years[0]}–{years[-1]}",
                    src, widths=[6.0] + [2.0] * len(years),
                    row_decimals=[0] * (len(forms) - 1) + [1])
    last = forms.set_index("Forma pieczy")[str(d.year)]
    first = forms.set_index("Forma pieczy")[str(years[0])]
    rep.paragraph(text.forms_summary(d.year, last["piecza zastępcza razem"], years[0],
                                     first["piecza zastępcza razem"],
                                     last["piecza rodzinna razem"],
                                     last["udział pieczy rodzinnej (%)"]), refs={"t": ref})
    if "piecza_formy" in d.figures:
        f = d.figures["piecza_formy"]
        rep.figure(f.png, f.caption, f.source, width_cm=15)
    ctx.slots.emit(rep, "formy")

    rep.heading("Umieszczenia, opuszczenia, usamodzielnienia i kadra", 2)
    flows = data.indicator_years(values, powiat, data.FOSTER_FLOWS, years, catalog)
    if len(flows):
        inds = [i for i in data.FOSTER_FLOWS if catalog.get(i).name in set(flows["Wskaźnik"])]
        df = flows.drop(columns="Jednostka")
        ref = rep.table(df, f"Ruch w pieczy zastępczej, rodziny zastępcze i koordynatorzy, lata "
                        f"{years[0]}–{years[-1]}", src, widths=[7.0] + [1.8] * len(years),
                        row_decimals=common.row_decimals(inds, catalog))
        rep.paragraph(text.flows_note(), refs={"t": ref})
    for para in coordinator_sentences(values, powiat, d.year):
        rep.paragraph(para)
    ctx.slots.emit(rep, "ruch")

    rep.heading("Dzieci w pieczy zastępczej według gminy pochodzenia", 2)
    og = origin_frame(values, powiat, d.year, ctx.registry)
    if og["Dzieci w pieczy"].notna().any():
        ref = rep.table(og, f"Dzieci z gmin powiatu w pieczy zastępczej i wydatki gmin w {d.year} r.",
                        src, widths=[5.0, 3.0, 3.6, 4.4],
                        formats={"Wydatki gminy (zł)": lambda v: "b.d." if v != v else fmt_amount(v)})
        common.bold_last_row(rep)
        tot = og.iloc[-1]
        rep.paragraph(text.gminas_cost(d.year, tot["Wydatki gminy (zł)"]), refs={"t": ref})
    ctx.slots.emit(rep, "gminy")


def limit(rep, ctx: FosterCareContext) -> None:
    """The annual limit of professional foster families."""
    lim = data.limits_frame(ctx.plan, ctx.values)
    now, now_year = lim.attrs["current"]
    if len(lim):
        ref = rep.table(lim, "Roczny limit rodzin zastępczych zawodowych", ctx.psrc, widths=[2.0, 6.0, 8.0],
                        formats={"Zmiana wobec stanu z ostatniego roku z danymi":
                                 lambda v: "b.d." if v != v else (f"+{v:.0f}" if v > 0 else f"{v:.0f}")})
        rep.paragraph(text.limit_note(now_year, now), refs={"t": ref})
    else:
        rep.paragraph(text.limit_missing())


def goals(rep, ctx: FosterCareContext) -> None:
    """Goals, specific goals and tasks."""
    plan = ctx.plan
    for g in plan.goals:
        rep.heading(f"Cel {g.id}. {g.name}", 2)
        rep.bullets([f"Cel szczegółowy {og.id}. {og.name}" for og in g.operational])
        rep.table(data.goals_frame(plan, g.id), f"Cele szczegółowe i zadania – cel {g.id}", ctx.psrc,
                  widths=common.GOAL_WIDTHS)


def indicators(rep, ctx: FosterCareContext) -> None:
    """Indicators of the programme with baselines from the data."""
    tf = data.targets_frame(ctx.plan, ctx.values, ctx.catalog)
    if len(tf):
        rep.table(tf, "Wskaźniki realizacji programu", source(
            "opracowanie własne na podstawie sprawozdań PCPR i ustaleń zespołu", ctx.demo),
            landscape=True, widths=common.TARGET_WIDTHS, row_decimals=tf.attrs["row_decimals"])
    common.targets_notes(rep, ctx.plan, ctx.psrc, ctx.catalog)


def funding(rep, ctx: FosterCareContext) -> None:
    """Sources of funding by year."""
    _funding(rep, ctx.plan, ctx.psrc, "programu")


def monitoring(rep, ctx: FosterCareContext) -> None:
    """How the programme is monitored."""
    common.bullets_or(rep, common.monitoring_items(ctx.plan.monitoring),
                      wspolne.monitoring_missing())


def coordinator_sentences(values, powiat: str, year: int) -> list[str]:
    """Return the load of coordinators: foster families per coordinator against the limit."""
    coord, cy = data.last_value(values, powiat, "koordynatorzy_pieczy", year)
    fams = [data.value_at(values, powiat, i, cy) for i in
            ("rz_spokrewnione", "rz_niezawodowe", "rz_zawodowe", "rodzinne_domy_dziecka")] if cy else []
    if not cy or not coord or any(f != f for f in fams):
        return []
    return [text.coordinator_load(cy, sum(fams), coord, data.FAMILIES_PER_COORDINATOR)]


def origin_frame(values, powiat: str, year: int, registry: Registry) -> pd.DataFrame:
    """Return children in foster care by gmina of origin, per 1000 children and the gmina's
    spending, with a powiat row of sums."""
    rows = []
    for u in registry.gminas_of(powiat):
        rows.append({"Gmina": registry.display_name(u.teryt),
                     "Dzieci w pieczy": data.value_at(values, u.teryt, "dzieci_piecza_z_gminy", year),
                     "Na 1000 dzieci 0-17": data.value_at(values, u.teryt, "dzieci_piecza_na_1000", year),
                     "Wydatki gminy (zł)": data.value_at(values, u.teryt, "wydatki_gminy_piecza", year)})
    df = pd.DataFrame(rows, columns=["Gmina", "Dzieci w pieczy", "Na 1000 dzieci 0-17",
                                     "Wydatki gminy (zł)"])
    total = {"Gmina": "Razem", "Dzieci w pieczy": float(df["Dzieci w pieczy"].sum(min_count=1)),
             "Na 1000 dzieci 0-17": data.value_at(values, powiat, "dzieci_piecza_na_1000", year),
             "Wydatki gminy (zł)": float(df["Wydatki gminy (zł)"].sum(min_count=1))}
    return pd.concat([df, pd.DataFrame([total])], ignore_index=True)


#: The chapters of the foster-care programme in their default order.
OUTLINE: tuple[Chapter, ...] = (
    Chapter("wprowadzenie", "Wprowadzenie", "", introduction),
    Chapter("diagnoza", "Diagnoza pieczy zastępczej w powiecie", "", diagnosis_chapter),
    Chapter("limit", "Limit rodzin zastępczych zawodowych", "", limit),
    Chapter("cele", "Cele i zadania", "", goals),
    Chapter("wskazniki", "Wskaźniki realizacji programu", "", indicators),
    Chapter("finansowanie", "Finansowanie", "", funding),
    Chapter("monitoring", "Monitoring", "", monitoring),
)
