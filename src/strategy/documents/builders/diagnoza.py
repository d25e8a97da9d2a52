"""Diagnoza sytuacji społecznej gminy: the Word document of one gmina's diagnosis.

In: what the notebook loaded (:class:`strategy.inputs.load.DiagnosisInputs`, or a gmina's
:class:`strategy.diagnosis.Diagnosis` alone) and the path to write. Out: the .docx - title
page, table of contents, lists of tables and figures, introduction (sources, years, method,
demo note), every area of the catalogue with its table, sentences and charts, the comparison
with the powiat, the forecast with its method, the ranking of problems with the parts of the
score and the SWOT suggestions computed from the figures.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ... import DEMO_MARK
from ...analysis.forecast import DAMPING, WINDOW
from ...catalog import Catalog, default_catalog
from ...errors import DocumentError
from ...text import diagnoza as text
from ...text import prognoza
from ...text import ranking as ranking_text
from .. import tables
from ..authoring import Chapter, Document, Slots
from . import common
from .common import DATA_SOURCE, source

if TYPE_CHECKING:  # the type only: documents run no analysis
    from ...diagnosis import Diagnosis


@dataclass
class DiagnosisContext:
    """What the chapters of a gmina's diagnosis are written from."""

    diagnosis: Diagnosis
    catalog: Catalog
    slots: Slots = field(default_factory=Slots)
    #: the gminas of the powiat (None: not known - the diagnosis given alone): a rank among
    #: fewer gminas, those with data, is said to be so
    n_gminas: int | None = None

    @property
    def src(self) -> str:
        return source(DATA_SOURCE, self.diagnosis.demo)


def diagnosis_document(inputs, out_path=None, *, template=None,
                       draft=None, date=None, catalog: Catalog | None = None) -> Document:
    """Return the document of a gmina's diagnosis for the notebook's cells to fill.

    ``inputs``: what :func:`strategy.inputs.load.load_diagnosis` loaded, or the gmina's
    :class:`strategy.diagnosis.Diagnosis` alone."""
    d = getattr(inputs, "diagnosis", inputs)
    catalog = catalog or getattr(inputs, "catalog", None)
    if d.kind != "gmina":
        raise DocumentError(f"diagnoza sytuacji społecznej gminy wymaga kodu gminy, podano {d.teryt}")
    registry = getattr(inputs, "registry", None)
    ctx = DiagnosisContext(d, catalog or default_catalog(),
                           n_gminas=len(registry.gminas_of(d.powiat)) if registry else None)

    def open_report():
        rep = common.new_report(f"Diagnoza sytuacji społecznej gminy {d.name}",
                                subject="Diagnoza sytuacji społecznej", author=f"Gmina {d.name}",
                                demo=d.demo, template=template, draft=draft, date=date,
                                keywords=["diagnoza", d.name, d.teryt],
                                custom_props={"strategy_document": "diagnoza",
                                              "strategy_teryt": d.teryt})
        common.front_matter(rep, subtitle=f"stan na 31 grudnia {d.year} r.",
                            lines=[f"Gmina {d.name}",
                                   f"Prognoza zmian do {d.horizon} r."], date=date)
        return rep

    return Document(kind="diagnoza", outline=OUTLINE, ctx=ctx, open_report=open_report,
                    out_path=out_path)


def build_diagnoza(inputs, out_path, *, template=None, draft=None,
                   date=None, catalog: Catalog | None = None) -> Path:
    """Write the diagnosis of a gmina with every default chapter to ``out_path``; return the path."""
    doc = diagnosis_document(inputs, out_path, template=template, draft=draft, date=date,
                             catalog=catalog)
    doc.default_chapters()
    return doc.save()


# ------------------------------------------------------------------------------------ chapters
def introduction(rep, ctx: DiagnosisContext) -> None:
    """Purpose, sources and years of the data, the method."""
    d, catalog = ctx.diagnosis, ctx.catalog
    years = sorted(int(y) for y in d.values.loc[(d.values["teryt"] == d.teryt)
                                                & d.values["value"].notna(), "year"].unique())
    rep.paragraph(text.purpose(d.name))
    sources = sorted({catalog.get(i).source for i in d.values.loc[d.values["teryt"] == d.teryt,
                                                                  "indicator"].unique()
                      if i in catalog and catalog.get(i).source})
    rep.paragraph(text.data_years(years[0], years[-1], d.year))
    rep.bullets(sources)
    common.demo_paragraph(rep, d.demo)
    rep.heading("Metoda", 2)
    for para in d.methodology:
        if not para.startswith(DEMO_MARK):
            rep.paragraph(para)


def areas(rep, ctx: DiagnosisContext) -> None:
    """One section per area of the catalogue; an author's content for an area (``section=``
    the area's id) follows its section."""
    d, catalog = ctx.diagnosis, ctx.catalog
    gmina_areas = _gmina_areas(catalog)
    for area, name in catalog.areas.items():
        # an area of the gminas' indicators is always shown: without data it says so
        if area in d.tables or d.sentences.get(area) or area in gmina_areas:
            common.diagnosis_area(rep, d, area, name, catalog, level=2,
                                  skip_figures=tuple(k for k in d.figures if k.startswith("ranking_")))
        ctx.slots.emit(rep, area)


def _gmina_areas(catalog: Catalog) -> set[str]:
    """Return the areas with indicators recorded for the gminas."""
    return {i.area for i in catalog if i.level == "gmina"}


def _areas_without_data(d, catalog: Catalog) -> list[str]:
    """Return the names of the gmina areas in which the gmina has no figure."""
    gmina_areas = _gmina_areas(catalog)
    return [name for area, name in catalog.areas.items()
            if area in gmina_areas and not (area in d.tables or d.sentences.get(area))]


def comparison(rep, ctx: DiagnosisContext) -> None:
    """The gmina next to the powiat: the comparison table, the ranking charts and maps."""
    d, catalog = ctx.diagnosis, ctx.catalog
    comp = common.comparison_frame(d, catalog)
    if len(comp):
        ref = rep.table(comp, f"Gmina {d.name} na tle powiatu w {d.year} r.", ctx.src,
                        widths=tables.measured_widths(comp, common.TEXT_WIDTH_CM))
        better = int((comp["Ocena"] == "korzystniej").sum())
        worse = int((comp["Ocena"] == "mniej korzystnie").sum())
        rep.paragraph(text.comparison_summary(len(comp), better, worse), refs={"t": ref})
        fewer = comp.attrs.get("n_units", [])
        if ctx.n_gminas and any(n < ctx.n_gminas for n in fewer):
            rep.paragraph(text.comparison_fewer(ctx.n_gminas))
    # each pressing area's ranking chart, then its map (the gmina outlined among the others)
    for key, fig in d.figures.items():
        if key.startswith(("ranking_", "mapa_")):
            rep.figure(fig.png, fig.caption, fig.source, width_cm=15)
    if d.no_map:
        rep.paragraph(d.no_map)


def forecast(rep, ctx: DiagnosisContext) -> None:
    """The forecast of the key indicators with its method."""
    d, catalog = ctx.diagnosis, ctx.catalog
    for para in prognoza.method_paragraphs(d.horizon, WINDOW, DAMPING):
        rep.paragraph(para)
    fc = common.forecast_frame(d, catalog)
    if len(fc):
        decimals = common.row_decimals(fc.attrs["indicators"], catalog)
        ref = rep.table(fc, f"Prognoza wskaźników kluczowych do {d.horizon} r. – {d.unit_label}",
                        ctx.src, widths=tables.measured_widths(fc, common.TEXT_WIDTH_CM,
                                                               row_decimals=decimals),
                        row_decimals=decimals)
        made = [catalog.get(i) for i, f in d.forecasts.items() if f.made]
        rep.paragraph(text.forecast_table_note(len(made), len(fc)), refs={"t": ref})
    rep.paragraph(prognoza.in_areas_note())


def ranking(rep, ctx: DiagnosisContext) -> None:
    """The areas by score and the parts of the score of the most urgent problems."""
    d, catalog, src = ctx.diagnosis, ctx.catalog, ctx.src
    rep.paragraph(ranking_text.ranking_rule())
    areas_df = common.areas_frame(d, catalog)
    if areas_df.empty:
        rep.paragraph(text.ranking_too_few())
        return
    ref_a = rep.table(areas_df, f"Obszary problemowe uszeregowane według wyniku – {d.unit_label}",
                      src, widths=[1.9, 4.6, 1.5, 8.0])
    rk = common.ranking_frame(d, catalog)
    if len(rk) and (areas_df["Wynik"] > 0).any():
        ref_r = rep.table(rk, f"Najpilniejsze problemy – składniki wyniku, {d.unit_label}, {d.year} r.",
                          src, widths=tables.measured_widths(rk, common.TEXT_WIDTH_CM))
        top = areas_df.iloc[0]
        rep.paragraph(text.ranking_top(top["Obszar"], top["Wynik"]), refs={"a": ref_a, "r": ref_r})
        missing = _areas_without_data(d, catalog)
        if missing:
            rep.paragraph(text.areas_not_scored(missing))
    else:
        missing = _areas_without_data(d, catalog)
        rep.paragraph(text.ranking_none_partial(missing) if missing else text.ranking_none())


def swot(rep, ctx: DiagnosisContext) -> None:
    """SWOT suggestions computed from the figures."""
    d = ctx.diagnosis
    rep.paragraph({"text": text.swot_intro(), "italic": True})
    sw = common.swot_suggestions_frame(d)
    if len(sw):
        rep.table(sw, f"Propozycje mocnych i słabych stron wynikające z danych – {d.unit_label}",
                  ctx.src, widths=[2.6, 3.2, 10.2])
    else:
        rep.paragraph(text.swot_none())


#: The chapters of a gmina's diagnosis in their default order.
OUTLINE: tuple[Chapter, ...] = (
    Chapter("wprowadzenie", "Wprowadzenie", "", introduction),
    Chapter("obszary", "Sytuacja społeczna gminy w poszczególnych obszarach", "", areas),
    Chapter("na_tle_powiatu", lambda ctx: f"Gmina {ctx.diagnosis.name} na tle powiatu", "",
            comparison),
    Chapter("prognoza", "Prognoza zmian", "", forecast),
    Chapter("ranking", "Ranking problemów społecznych", "", ranking),
    Chapter("swot", "Propozycje do analizy SWOT", "", swot),
)
