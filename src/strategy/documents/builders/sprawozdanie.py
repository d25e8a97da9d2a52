"""Sprawozdanie z realizacji: the annual report on a programme or the strategy.

In: what the notebook loaded (:class:`strategy.inputs.load.ReportInputs`: a plan of any kind
and the values of the unit's powiat; the plan's ``sprawozdanie`` part gives the reported year,
activities, money spent by direction of action and source, the reasons of deviations, the
family assistants and day-support centres, children in foster care co-financed, returns home
and conclusions - read and checked by :mod:`strategy.plan.report`; its targets' ``wykonanie``
the values achieved) and the path to write. Out: the .docx: introduction, each indicator's
baseline, target and value in the reported year (from ``wykonanie`` or the data) with the
degree of achievement (%), activities carried out, planned against spent by task (direction of
action) with the execution rate and the reasons, spending by source against the plan, the
day-support centres and the family assistants (cost per assistant against the plan and the
data), the summary in the words of the council report, conclusions and needs. A task whose
rate lies outside 90-110 % without reasons is a build warning (kind ``przyczyny``).

A report is made only for the plan's own unit (its figures - children, amounts, activities -
are that unit's) and for a year within the plan's years: anything else is a :class:`PlanError`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ...analysis.achievement import EXCEEDED, REACHED
from ...catalog import Catalog
from ...errors import PlanError
from ...plan import Plan
from ...plan import report as plan_report
from ...text import fmt_number, organ_of
from ...text import sprawozdanie as text
from ...units import Registry
from ..authoring import Chapter, Document, Slots
from . import common, data
from .common import PLAN_SOURCE, source
from .data import _nan

SPENDING_KEYS = {"dzieci_piecza_wspolfinansowane", "powroty_adopcje_usamodzielnienia"}


@dataclass
class ReportContext:
    """What the chapters of a report on the implementation of a plan are written from."""

    plan: Plan
    values: pd.DataFrame
    catalog: Catalog
    registry: Registry
    demo: bool
    unit: str
    year: int
    part: dict
    slots: Slots = field(default_factory=Slots)

    @property
    def doc_title(self) -> str:
        return self.plan.title or f"{self.plan.kind_name} – {self.registry.display_name(self.unit)}"

    @property
    def psrc(self) -> str:
        return source(PLAN_SOURCE, self.demo)


def report_document(inputs, out_path=None, *, template=None, draft=None,
                    date=None, year: int | None = None) -> Document:
    """Return the document of the report on ``inputs.plan`` for unit ``inputs.teryt`` in
    ``year`` (default: the plan's ``sprawozdanie.rok``, else the last year with data) for the
    notebook's cells to fill (``inputs``: loaded by :func:`strategy.inputs.load.load_report`)."""
    plan, unit, values = inputs.plan, inputs.teryt, inputs.values
    catalog, registry = inputs.catalog, inputs.registry
    if unit != plan.unit:
        raise PlanError(f"plik {plan.path.name}: to plan jednostki {plan.unit}, a sprawozdanie "
                        f"zamówiono dla jednostki {unit}; sprawozdanie z realizacji sporządza "
                        "się z planu tej samej jednostki (jej dzieci, kwoty i działania)")
    if not plan.targets():
        raise PlanError(f"plik {plan.path.name}: plan nie ma wskaźników – nie ma z czego "
                        "sporządzić sprawozdania")
    part = dict(plan.extra.get("sprawozdanie") or {})
    if year is None:
        year = int(part["rok"]) if part.get("rok") else data.last_data_year(values, unit)
    y0, y1 = plan.years
    if year is None or not y0 <= year <= y1:
        raise PlanError(f"plik {plan.path.name}: sprawozdanie za {year} r. nie dotyczy tego "
                        f"dokumentu – okres jego realizacji to lata {y0}–{y1} (pole 'lata'); "
                        "podaj rok z tego okresu (pole 'rok' w części 'sprawozdanie')")
    ctx = ReportContext(plan, values, catalog, registry, bool(inputs.demo or plan.demo), unit,
                        year, part)

    def open_report():
        rep = common.new_report(f"Sprawozdanie z realizacji za {year} r.: {ctx.doc_title}",
                                subject="Sprawozdanie z realizacji", author=plan.institution,
                                demo=ctx.demo, template=template, draft=draft, date=date,
                                keywords=["sprawozdanie", str(year), unit],
                                custom_props={"strategy_document": "sprawozdanie",
                                              "strategy_teryt": unit, "strategy_year": str(year)})
        common.front_matter(rep, subtitle=ctx.doc_title, lines=[plan.institution], date=date)
        return rep

    doc = Document(kind="sprawozdanie", outline=OUTLINE, ctx=ctx, open_report=open_report,
                   out_path=out_path)
    for t in plan_report.execution_by_task(plan, year):
        if t.needs_reason and not t.reason:
            doc.warn("przyczyny", text.reason_warning(t.id, t.name, year, t.rate,
                                                      plan_report.LOW, plan_report.HIGH))
    return doc


def build_sprawozdanie(inputs, out_path, *, template=None, draft=None,
                       date=None, year: int | None = None) -> Path:
    """Write the report on the implementation of ``inputs.plan`` with every default chapter;
    return the path."""
    doc = report_document(inputs, out_path, template=template, draft=draft, date=date,
                          year=year)
    doc.default_chapters()
    return doc.save()


# ------------------------------------------------------------------------------------ chapters
def introduction(rep, ctx: ReportContext) -> None:
    """What is reported, by whom, to whom and on what legal basis."""
    plan, unit, year = ctx.plan, ctx.unit, ctx.year
    powiat = len(unit) == 4
    council = "radzie powiatu" if powiat else "radzie gminy"
    organ = "zarząd powiatu" if powiat else organ_of(unit)     # the statute's generic names
    basis = ("art. 179 ust. 2 ustawy o wspieraniu rodziny i systemie pieczy zastępczej"
             if plan.kind == "program_wspierania_rodziny" else
             "art. 182 ust. 6 ustawy o wspieraniu rodziny i systemie pieczy zastępczej"
             if plan.kind == "program_pieczy_zastepczej" else
             "zasadami monitoringu przyjętymi w strategii")
    rep.paragraph(text.introduction(ctx.doc_title, year, plan.institution, organ, council,
                                    basis))
    common.demo_paragraph(rep, ctx.demo)


def indicators(rep, ctx: ReportContext) -> None:
    """Baseline, target and achieved value of each indicator with the degree of achievement."""
    year = ctx.year
    rep.paragraph(text.achievement_rule())
    ach = data.achievement_frame(ctx.plan, ctx.values, year, ctx.unit, ctx.catalog)
    ref = rep.table(ach, f"Wartości bazowe, docelowe i osiągnięte wskaźników w {year} r.", source(
        "opracowanie własne na podstawie sprawozdań realizatorów, danych GUS BDL i ustaleń "
        "zespołu", ctx.demo),
        landscape=True, widths=[1.0, 5.0, 2.2, 1.9, 1.8, 2.0, 2.0, 1.9, 2.6, 1.9, 2.7],
        formats={"Stopień realizacji (%)": lambda v: "–" if _nan(v) else fmt_number(v, 1)},
        row_decimals=ach.attrs["row_decimals"])
    done = ach["Stopień realizacji (%)"]
    n_known = int(done.notna().sum())
    n_reached = int(ach["Ocena"].isin([REACHED, EXCEEDED]).sum())
    rep.paragraph(text.indicators_summary(year, n_known, len(ach), n_reached), refs={"t": ref})
    for line in data.justification_sentences(ctx.plan, ctx.values, ctx.catalog, ctx.unit):
        rep.paragraph(line)


def activities(rep, ctx: ReportContext) -> None:
    """Activities carried out in the year and the summary in the council-report form."""
    common.bullets_or(rep, [str(x) for x in ctx.part.get("dzialania") or []],
                      text.activities_missing())
    summary = summary_sentence(ctx.plan, ctx.part, ctx.year)
    if summary:
        rep.paragraph(summary)


def _money(v) -> str:
    return "–" if _nan(v) else fmt_number(v, 2, group4=True)


def _rate(v) -> str:
    return "–" if _nan(v) else fmt_number(v, 1)


def tasks_frame(plan: Plan, year: int, tasks=None) -> pd.DataFrame:
    """Return the planned and spent amounts of each direction of action in ``year`` with the
    execution rate (%), the reasons and a 'Razem' row; empty when the report gives no spending
    by direction. ``tasks``: :func:`strategy.plan.report.execution_by_task` of ``plan`` and
    ``year`` when the caller has it already."""
    cols = ["Kierunek działań", f"Plan na {year} r. (zł)", "Wydatki (zł)", "Wykonanie (%)",
            "Przyczyny odchyleń"]
    if tasks is None:
        tasks = plan_report.execution_by_task(plan, year)
    rows = [[f"{t.id} {t.name}", t.planned, t.spent, t.rate,
             t.reason or (text.reason_missing() if t.needs_reason else text.reason_not_needed())]
            for t in tasks]
    if rows:
        planned = math.fsum(t.planned for t in tasks)
        spent = math.fsum(t.spent for t in tasks)
        rows.append([data.TOTAL, planned, spent, spent / planned * 100 if planned else math.nan,
                     ""])
    return pd.DataFrame(rows, columns=cols)


def tasks(rep, ctx: ReportContext) -> None:
    """Planned against spent amounts by task (direction of action), the rate and the reasons."""
    body = plan_report.execution_by_task(ctx.plan, ctx.year)
    df = tasks_frame(ctx.plan, ctx.year, body)
    if not len(df):
        rep.paragraph(text.tasks_missing(bool(ctx.part.get("wydatki"))))
        return
    rep.paragraph(text.tasks_rule(ctx.year, plan_report.LOW, plan_report.HIGH))
    plan_col, spent_col = df.columns[1], df.columns[2]
    ref = rep.table(df, f"Plan i wykonanie wydatków według kierunków działań w {ctx.year} r.",
                    source("opracowanie własne na podstawie programu i sprawozdań realizatorów",
                           ctx.demo),
                    widths=[5.4, 2.3, 2.3, 1.7, 4.8],
                    formats={plan_col: _money, spent_col: _money, "Wykonanie (%)": _rate})
    common.bold_last_row(rep)
    outside = [t for t in body if t.needs_reason]
    total = df.iloc[-1]
    rep.paragraph(text.tasks_summary(ctx.year, total[plan_col], total[spent_col],
                                     [t.id for t in outside],
                                     [t.id for t in outside if not t.reason],
                                     plan_report.LOW, plan_report.HIGH), refs={"t": ref})


def sources_frame(plan: Plan, part: dict, year: int) -> pd.DataFrame:
    """Return the money spent by source in ``year`` against the plan's amounts from that source
    (NaN when the plan has none under that name) with a 'Razem' row."""
    planned = plan_report.planned_by_source(plan, year)
    rows = []
    for src, spent in plan_report.spent_by_source(part):
        p = planned.get(" ".join(src.lower().split()), math.nan)
        rows.append([src, p, spent, spent / p * 100 if not _nan(p) and p else math.nan])
    df = pd.DataFrame(rows, columns=["Źródło finansowania", "Plan (zł)", "Wydatki (zł)",
                                     "Wykonanie (%)"])
    if len(df):
        p = math.fsum(planned.values()) if planned else math.nan
        s = float(df["Wydatki (zł)"].sum())
        df.loc[len(df)] = [data.TOTAL, p, s, s / p * 100 if not _nan(p) and p else math.nan]
    if not planned:
        df = df.drop(columns=["Plan (zł)", "Wykonanie (%)"])
    return df


def spending(rep, ctx: ReportContext) -> None:
    """Money spent by source against the plan, with the total."""
    sp = sources_frame(ctx.plan, ctx.part, ctx.year)
    if not len(sp):
        rep.paragraph(text.spending_missing())
        return
    with_plan = "Plan (zł)" in sp.columns
    ref = rep.table(sp, f"Wydatki poniesione w {ctx.year} r. według źródeł finansowania",
                    ctx.psrc, widths=[7.5, 3.2, 3.2, 2.6] if with_plan else [11.0, 5.0],
                    formats={"Plan (zł)": _money, "Wydatki (zł)": _money,
                             "Wykonanie (%)": _rate} if with_plan else {"Wydatki (zł)": _money})
    common.bold_last_row(rep)
    total = sp.iloc[-1]
    if with_plan and not _nan(total["Plan (zł)"]):
        rep.paragraph(text.spending_against_plan(ctx.year, total["Plan (zł)"],
                                                 total["Wydatki (zł)"]), refs={"t": ref})
    else:
        rep.paragraph(text.spending_total(total["Wydatki (zł)"]), refs={"t": ref})


def centres_frame(part: dict) -> pd.DataFrame:
    """Return the day-support centres of the report: places, children, use of places (%),
    what was done; with a 'Razem' row when there are two or more."""
    rows = [[c["nazwa"], c.get("miejsca"), c.get("dzieci"),
             c["dzieci"] / c["miejsca"] * 100 if c.get("miejsca") and c.get("dzieci") is not None
             else math.nan, c.get("dzialania") or "–"]
            for c in part.get("placowki") or []]
    df = pd.DataFrame(rows, columns=["Placówka", "Miejsca", "Dzieci (średnio)",
                                     "Wykorzystanie miejsc (%)", "Zrealizowane działania"])
    if len(df) > 1:
        places, kids = df["Miejsca"].sum(min_count=1), df["Dzieci (średnio)"].sum(min_count=1)
        df.loc[len(df)] = [data.TOTAL, places, kids,
                           kids / places * 100 if not _nan(places) and places else math.nan, ""]
    return df


def _data_cost_per_assistant(values: pd.DataFrame, unit: str,
                             year: int) -> tuple[float | None, int | None]:
    """Return the cost per family assistant in the last year with data up to ``year``."""
    v = values[(values["teryt"] == unit) & (values["year"] <= year)
               & values["indicator"].isin(["koszt_asystentow", "asystenci_rodziny"])
               & values["value"].notna()]
    wide = v.pivot_table(index="year", columns="indicator", values="value", aggfunc="last")
    if not {"koszt_asystentow", "asystenci_rodziny"} <= set(wide.columns):
        return None, None
    wide = wide.dropna()
    wide = wide[wide["asystenci_rodziny"] > 0]
    if not len(wide):
        return None, None
    y = int(wide.index.max())
    return float(wide.loc[y, "koszt_asystentow"] / wide.loc[y, "asystenci_rodziny"]), y


def institutions(rep, ctx: ReportContext) -> None:
    """The day-support centres (places, children, what was done) and the family assistants
    (number, families, cost per assistant against the plan and the data)."""
    part, year = ctx.part, ctx.year
    centres = centres_frame(part)
    if len(centres):
        ref = rep.table(centres, f"Placówki wsparcia dziennego w {year} r.", ctx.psrc,
                        widths=[4.2, 1.8, 2.0, 2.4, 6.1],
                        formats={"Miejsca": lambda v: fmt_number(v, 0),
                                 "Dzieci (średnio)": lambda v: fmt_number(v, 0),
                                 "Wykorzystanie miejsc (%)": lambda v: "–" if _nan(v) else
                                 fmt_number(v, 0)})
        n = len(part.get("placowki") or [])
        if n > 1:
            common.bold_last_row(rep)
        last = centres.iloc[-1]
        kids = last["Dzieci (średnio)"]
        rep.paragraph(text.centres_summary(year, n, last["Miejsca"],
                                           None if _nan(kids) else kids), refs={"t": ref})
    elif ctx.plan.kind == "program_wspierania_rodziny":
        rep.paragraph(text.centres_missing())
    a = part.get("asystenci") or {}
    actual = {t.indicator: t.actual.get(year) for _, t in ctx.plan.targets() if t.indicator}
    number = a.get("liczba") or actual.get("asystenci_rodziny")
    spent = planned = None
    if a.get("kierunek"):
        task = next((t for t in plan_report.execution_by_task(ctx.plan, year)
                     if t.id == a["kierunek"]), None)
        if task is not None:
            spent, planned = task.spent, task.planned
    cost, cost_year = _data_cost_per_assistant(ctx.values, ctx.unit, year)
    families = a.get("rodziny")
    if families is None and number and actual.get("rodziny_na_asystenta"):
        families = number * actual["rodziny_na_asystenta"]
    line = text.assistants_paragraph(year, number, a.get("liczba_planowana"), families, spent,
                                     planned, cost, cost_year)
    if line:
        rep.paragraph(line)
    elif not len(centres) and ctx.plan.kind != "program_wspierania_rodziny":
        rep.paragraph(text.institutions_missing())


def conclusions(rep, ctx: ReportContext) -> None:
    """Conclusions and needs."""
    common.bullets_or(rep, [str(x) for x in ctx.part.get("wnioski") or []],
                      text.conclusions_missing())


def summary_sentence(plan: Plan, part: dict, year: int) -> str:
    """Return the summary of the family-support year in the council-report form
    (:func:`strategy.text.sprawozdanie.year_summary`) from the plan's values achieved in
    ``year`` and its report part."""
    actual = {t.indicator: t.actual.get(year) for _, t in plan.targets() if t.indicator}
    spending = plan_report.spent_by_source(part)
    return text.year_summary(year, actual.get("asystenci_rodziny"),
                             actual.get("rodziny_na_asystenta"), spending,
                             part.get("dzieci_piecza_wspolfinansowane"),
                             part.get("powroty_adopcje_usamodzielnienia"))


#: The chapters of a report on the implementation of a plan in their default order.
OUTLINE: tuple[Chapter, ...] = (
    Chapter("wprowadzenie", "Wprowadzenie", "", introduction),
    Chapter("wskazniki", "Realizacja wskaźników", "", indicators),
    Chapter("dzialania", "Zrealizowane działania", "", activities),
    Chapter("zadania", "Plan i wykonanie wydatków według zadań", "", tasks),
    Chapter("wydatki", "Wydatki według źródeł finansowania", "", spending),
    Chapter("placowki", lambda ctx: ("Placówki wsparcia dziennego i asystenci rodziny"
                                     if ctx.plan.kind == "program_wspierania_rodziny"
                                     else "Instytucje i kadra"), "", institutions),
    Chapter("wnioski", "Wnioski i potrzeby", "", conclusions),
)
