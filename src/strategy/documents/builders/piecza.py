"""Powiatowy program rozwoju pieczy zastępczej: the three-year foster-care programme of a powiat.

In: what the notebook loaded (:class:`strategy.inputs.load.FosterInputs`: a plan of
``dokument: program_pieczy_zastepczej`` with ``limit_rodzin_zawodowych``, the powiat's
diagnosis and values) and the path to write. Out: the .docx: introduction, foster care by form
and over time (table and chart), placements, leavings and returns home, usamodzielnienia,
coordinators and their load, children by gmina of origin with the gminas' share of costs and
the gminas whose rate of children in care is extreme against the powiat's
(:func:`extreme_gminas`), the annual limit of professional foster families, goals and tasks by
specific goal - each form of care the plan maps to a specific goal (``formy_pieczy``) shown with
its current figures from the data (families, children, placówki and their places, leavings),
the path from institutional to family care - indicators, financing, monitoring.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ...catalog import Catalog
from ...errors import PlanError
from ...plan import Plan
from ...text import fmt_amount, fmt_date, in_unit, wspolne
from ...text import program_pieczy as text
from ...units import Registry
from ..authoring import Chapter, Document, Slots
from . import common, data
from .common import DATA_SOURCE, PLAN_SOURCE, source
from .rodzina import _funding
from .uchwaly_organy import council_of

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
        common.front_matter(rep, subtitle=f"na lata {y0}–{y1}", lines=[plan.institution], date=date,
                            adopted_by=council_of(plan, powiat, ctx.registry))
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
                        formats={"Wydatki gminy (zł)": lambda v: "b.d." if v != v else fmt_amount(v),
                                 # one decimal, as the sentence on the extreme gminas prints it
                                 "Na 1000 dzieci 0-17": 1})
        common.bold_last_row(rep)
        tot = og.iloc[-1]
        rep.paragraph(text.gminas_cost(d.year, tot["Wydatki gminy (zł)"]), refs={"t": ref})
    ext = extreme_gminas(values, powiat, d.year, gmina_names(ctx))
    for para in text.extreme_rates(ext.year, ext.powiat_rate, ext.high, ext.low, HIGH_RATIO,
                                   gmina_goal(ctx.plan)):
        rep.paragraph(para)
    if ext.missing:
        rep.paragraph(text.rates_missing(ext.year, ext.missing))
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
    """Goals, specific goals and tasks: a section per specific goal with its directions of
    action; a specific goal the plan maps to a form of care (``formy_pieczy``) starts with the
    form's current figures, the goal for the gminas with the highest rates names them."""
    plan = ctx.plan
    forms = form_goals(plan)
    for_gminas = gmina_goal(plan)
    for g in plan.goals:
        rep.heading(f"Cel {g.id}. {g.name}", 2)
        df = data.goals_frame(plan, g.id)
        for og in g.operational:
            rep.heading(f"Cel szczegółowy {og.id}. {og.name}", 3)
            if og.id in forms:
                form_state(rep, ctx, forms[og.id])
            if og.id == for_gminas:
                ext = extreme_gminas(ctx.values, ctx.powiat, ctx.diagnosis.year, gmina_names(ctx))
                rep.paragraph(text.criterion_gminas(ext.year, [h[0] for h in ext.high],
                                                    HIGH_RATIO) if pd.notna(ext.powiat_rate)
                              else text.extreme_rates(ext.year, ext.powiat_rate, [], [],
                                                      HIGH_RATIO)[0])
            own = {f"{d.id}. {d.name}" for d in og.directions}
            rep.table(df[df["Kierunek działań"].isin(own)].reset_index(drop=True),
                      text.directions_caption(og.id), ctx.psrc, widths=common.GOAL_WIDTHS)


def form_state(rep, ctx: FosterCareContext, form: str) -> None:
    """Write the current figures of one form of care (a key of :data:`FORMS`) from the data:
    the families and the children in them, the placówki with their places and the path to
    family care, the wychowankowie leaving care."""
    values, powiat, year = ctx.values, ctx.powiat, ctx.diagnosis.year
    first = year - 4

    def at(ind, y):
        return data.value_at(values, powiat, ind, y)

    if form in FAMILY_FORM_DATA:
        fam, kids = FAMILY_FORM_DATA[form]
        rep.paragraph(text.family_form_state(form, year, at(fam, year), at(kids, year), first,
                                             at(fam, first), at(kids, first)))
        if form == "zawodowe":
            rep.paragraph(text.emergency_families_missing())
            line = text.limits_line(ctx.plan.extra.get("limit_rodzin_zawodowych") or {})
            if line:
                rep.paragraph(line)
    elif form == "placowki":
        kids = at("dzieci_placowki", year)
        total = data.foster_forms_frame(values, powiat, [year]).set_index(
            "Forma pieczy")[str(year)]["piecza zastępcza razem"]
        share = 100.0 * kids / total if pd.notna(total) and total > 0 else float("nan")
        rep.paragraph(text.institutional_state(year, kids, first, at("dzieci_placowki", first),
                                               share))
        inst = institutions_frame(ctx.plan)
        if len(inst):
            ref = rep.table(inst, "Placówki opiekuńczo-wychowawcze prowadzone przez powiat",
                            ctx.psrc, widths=[8.0, 4.0, 2.0, 2.0],
                            formats={"Miejsca": 0, "Zajęte miejsca": 0})
            as_of = fmt_date(ctx.plan.institutions_as_of) if ctx.plan.institutions_as_of else ""
            rep.paragraph(text.institutions_note(inst["Miejsca"].sum(min_count=1),
                                                 inst["Zajęte miejsca"].sum(min_count=1), as_of),
                          refs={"t": ref})
        target, ty = plan_target(ctx.plan, "dzieci_placowki")
        share_t, sy = plan_target(ctx.plan, "udzial_pieczy_rodzinnej")
        rep.paragraph(text.institutional_path(kids, year, target, ty, share_t, sy))
    elif form == "usamodzielnienie":
        rep.paragraph(text.leaving_state(year, at("usamodzielnienia", year), first,
                                         at("usamodzielnienia", first)))


def indicators(rep, ctx: FosterCareContext) -> None:
    """Indicators of the programme with baselines from the data."""
    tf = data.targets_frame(ctx.plan, ctx.values, ctx.catalog)
    if len(tf):
        rep.table(tf, "Wskaźniki realizacji programu", source(
            "opracowanie własne na podstawie sprawozdań PCPR i ustaleń zespołu", ctx.demo),
            landscape=True, widths=common.TARGET_WIDTHS, row_decimals=tf.attrs["row_decimals"])
    common.targets_notes(rep, ctx.plan, ctx.psrc, ctx.catalog, ctx.values)


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


# ------------------------------------------------------------------------- forms and gminas
#: The plan's key mapping the forms of care to its specific goals ({form: goal id}), and the
#: key naming the specific goal with the tasks for the gminas with the highest rates.
FORMS_KEY = "formy_pieczy"
GMINA_GOAL_KEY = "cel_dla_gmin_o_wysokim_wskazniku"
#: The family forms of care: (families, children in them) in the catalogue.
FAMILY_FORM_DATA = {"spokrewnione": ("rz_spokrewnione", "dzieci_rz_spokrewnione"),
                    "niezawodowe": ("rz_niezawodowe", "dzieci_rz_niezawodowe"),
                    "zawodowe": ("rz_zawodowe", "dzieci_rz_zawodowe"),
                    "rodzinne_domy_dziecka": ("rodzinne_domy_dziecka", "dzieci_rdd")}
#: Every form of care a specific goal can be mapped to.
FORMS = (*FAMILY_FORM_DATA, "placowki", "usamodzielnienie")
#: The rate compared between the gminas and the powiat, and the count of children behind it.
RATE = "dzieci_piecza_na_1000"
RATE_COUNT = "dzieci_piecza_z_gminy"
#: A gmina whose rate is at least this many times the powiat's is named among the highest; one
#: at most 1/HIGH_RATIO of it among the lowest.
HIGH_RATIO = 1.5


@dataclass(frozen=True)
class ExtremeRates:
    """The gminas whose rate of children in foster care per 1000 children stands out in
    ``year``: ``high`` and ``low`` hold (name, rate, ratio to the powiat, children in care),
    the highest ratio first (the lowest first for ``low``); ``missing`` the gminas without the
    rate that year."""

    year: int
    powiat_rate: float
    high: list[tuple[str, float, float, float]]
    low: list[tuple[str, float, float, float]]
    missing: list[str]


def extreme_gminas(values: pd.DataFrame, powiat: str, year: int,
                   gminas: dict[str, str]) -> ExtremeRates:
    """Return the gminas (``gminas``: TERC code -> name) whose :data:`RATE` in ``year`` is at
    least :data:`HIGH_RATIO` times the powiat's, or at most its 1/:data:`HIGH_RATIO`, and those
    without the rate; nothing is compared when the powiat has no rate that year."""
    p = data.value_at(values, powiat, RATE, year)
    high, low, missing = [], [], []
    for teryt, name in gminas.items():
        r = data.value_at(values, teryt, RATE, year)
        if pd.isna(r):
            missing.append(name)
            continue
        if pd.isna(p) or p <= 0:
            continue
        row = (name, r, r / p, data.value_at(values, teryt, RATE_COUNT, year))
        if r >= HIGH_RATIO * p:
            high.append(row)
        elif r * HIGH_RATIO <= p:
            low.append(row)
    return ExtremeRates(year, p, sorted(high, key=lambda h: -h[2]),
                        sorted(low, key=lambda h: h[2]), missing)


def gmina_names(ctx: FosterCareContext) -> dict[str, str]:
    return {u.teryt: ctx.registry.display_name(u.teryt)
            for u in ctx.registry.gminas_of(ctx.powiat)}


def form_goals(plan: Plan) -> dict[str, str]:
    """Return {specific goal id: form of care} from the plan's ``formy_pieczy``; raise
    :class:`PlanError` for a form that does not exist or a goal the plan does not have."""
    raw = plan.extra.get(FORMS_KEY) or {}
    if not isinstance(raw, dict):
        raise PlanError(f"plik {plan.path.name}: pole '{FORMS_KEY}' powinno przypisywać formom "
                        "pieczy cele szczegółowe (np. spokrewnione: \"1.1\")")
    ids = {og.id for g in plan.goals for og in g.operational}
    out = {}
    for form, og_id in raw.items():
        if form not in FORMS:
            raise PlanError(f"plik {plan.path.name}: pole '{FORMS_KEY}': nieznana forma pieczy "
                            f"'{form}', dozwolone: {', '.join(FORMS)}")
        if str(og_id) not in ids:
            raise PlanError(f"plik {plan.path.name}: pole '{FORMS_KEY}': forma '{form}' wskazuje "
                            f"cel szczegółowy {og_id}, którego plan nie ma")
        out[str(og_id)] = form
    return out


def gmina_goal(plan: Plan) -> str | None:
    """Return the id of the specific goal for the gminas with the highest rates (None when the
    plan names none)."""
    raw = plan.extra.get(GMINA_GOAL_KEY)
    return str(raw) if raw is not None else None


def plan_target(plan: Plan, indicator: str) -> tuple[float, int | None]:
    """Return the plan's last target (value, year) for a catalogue indicator, (NaN, None) when
    it sets none."""
    got = sorted((t.target_year, t.target) for _, t in plan.targets()
                 if t.indicator == indicator and t.target is not None and t.target_year)
    return (float(got[-1][1]), got[-1][0]) if got else (float("nan"), None)


def institutions_frame(plan: Plan) -> pd.DataFrame:
    """Return the plan's placówki opiekuńczo-wychowawcze with their places and occupied places."""
    rows = [{"Placówka": i.name, "Typ": i.profile or "–",
             "Miejsca": float("nan") if i.places is None else float(i.places),
             "Zajęte miejsca": float("nan") if i.occupied is None else float(i.occupied)}
            for i in plan.institutions if i.kind == "placowka"]
    return pd.DataFrame(rows, columns=["Placówka", "Typ", "Miejsca", "Zajęte miejsca"])


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
