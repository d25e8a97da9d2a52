"""Sprawozdanie z realizacji: the annual report on a programme or the strategy.

In: what the notebook loaded (:class:`strategy.inputs.load.ReportInputs`: a plan of any kind
and the values of the unit's powiat; the plan's ``sprawozdanie`` part gives the reported year,
activities, money spent by source, children in foster care co-financed, returns home and
conclusions; its targets' ``wykonanie`` the values achieved) and the path to write. Out: the
.docx: introduction, each indicator's baseline, target and value in the reported year (from
``wykonanie`` or the data) with the degree of achievement (%), activities carried out, money
spent by source with the total, the summary in the words of the council report, conclusions and
needs.

A report is made only for the plan's own unit (its figures - children, amounts, activities -
are that unit's) and for a year within the plan's years: anything else is a :class:`PlanError`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ...analysis.achievement import EXCEEDED, REACHED
from ...catalog import Catalog
from ...errors import PlanError
from ...plan import Plan
from ...text import fmt_amount, fmt_number, organ_of
from ...text import sprawozdanie as text
from ...units import Registry
from ..authoring import Chapter, Document, Slots
from . import common, data
from .common import PLAN_SOURCE, source

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

    return Document(kind="sprawozdanie", outline=OUTLINE, ctx=ctx, open_report=open_report,
                    out_path=out_path)


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
        formats={"Stopień realizacji (%)": lambda v: "–" if v != v else fmt_number(v, 1)},
        row_decimals=ach.attrs["row_decimals"])
    done = ach["Stopień realizacji (%)"]
    n_known = int(done.notna().sum())
    n_reached = int(ach["Ocena"].isin([REACHED, EXCEEDED]).sum())
    rep.paragraph(text.indicators_summary(year, n_known, len(ach), n_reached), refs={"t": ref})
    for line in data.justification_sentences(ctx.plan):
        rep.paragraph(line)


def activities(rep, ctx: ReportContext) -> None:
    """Activities carried out in the year and the summary in the council-report form."""
    common.bullets_or(rep, [str(x) for x in ctx.part.get("dzialania") or []],
                      text.activities_missing())
    summary = summary_sentence(ctx.plan, ctx.part, ctx.year)
    if summary:
        rep.paragraph(summary)


def spending(rep, ctx: ReportContext) -> None:
    """Money spent by source with the total."""
    sp = data.spending_frame(ctx.part.get("wydatki") or [])
    if len(sp):
        ref = rep.table(sp, f"Wydatki poniesione w {ctx.year} r. według źródeł finansowania",
                        ctx.psrc, widths=[11.0, 5.0], formats={"Kwota (zł)": lambda v: fmt_amount(v)})
        common.bold_last_row(rep)
        rep.paragraph(text.spending_total(sp.iloc[-1]["Kwota (zł)"]), refs={"t": ref})
    else:
        rep.paragraph(text.spending_missing())


def conclusions(rep, ctx: ReportContext) -> None:
    """Conclusions and needs."""
    common.bullets_or(rep, [str(x) for x in ctx.part.get("wnioski") or []],
                      text.conclusions_missing())


def summary_sentence(plan: Plan, part: dict, year: int) -> str:
    """Return the summary of the family-support year in the council-report form
    (:func:`strategy.text.sprawozdanie.year_summary`) from the plan's values achieved in
    ``year`` and its report part."""
    actual = {t.indicator: t.actual.get(year) for _, t in plan.targets() if t.indicator}
    spending = [(w.get("zrodlo", ""), float(w.get("kwota", 0))) for w in part.get("wydatki") or []]
    return text.year_summary(year, actual.get("asystenci_rodziny"),
                             actual.get("rodziny_na_asystenta"), spending,
                             part.get("dzieci_piecza_wspolfinansowane"),
                             part.get("powroty_adopcje_usamodzielnienia"))


#: The chapters of a report on the implementation of a plan in their default order.
OUTLINE: tuple[Chapter, ...] = (
    Chapter("wprowadzenie", "Wprowadzenie", "", introduction),
    Chapter("wskazniki", "Realizacja wskaźników", "", indicators),
    Chapter("dzialania", "Zrealizowane działania", "", activities),
    Chapter("wydatki", "Wydatki według źródeł finansowania", "", spending),
    Chapter("wnioski", "Wnioski i potrzeby", "", conclusions),
)
