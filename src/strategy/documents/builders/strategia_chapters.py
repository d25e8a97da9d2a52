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
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ...analysis.forecast import DAMPING, WINDOW, method_description
from ...analysis.ranking import ranking_rule
from ...catalog import Catalog
from ...plan import Plan
from ...text import fmt_amount, fmt_number, fmt_percent, powiat_genitive
from ...units import Registry
from ..authoring import Slots
from ..blocks import Recorder, RefTo
from . import common, data, money
from .common import DATA_SOURCE, PLAN_SOURCE, source

if TYPE_CHECKING:  # the type only: documents run no analysis
    from ...diagnosis import Diagnosis

LEGAL_BASIS = [
    "ustawa z dnia 12 marca 2004 r. o pomocy społecznej – art. 16b (zawartość strategii), "
    "art. 19 pkt 1 (obowiązek opracowania strategii powiatu po konsultacji z gminami);",
    "ustawa z dnia 9 czerwca 2011 r. o wspieraniu rodziny i systemie pieczy zastępczej;",
    "ustawa z dnia 29 lipca 2005 r. o przeciwdziałaniu przemocy domowej;",
    "ustawa z dnia 27 sierpnia 1997 r. o rehabilitacji zawodowej i społecznej oraz "
    "zatrudnianiu osób niepełnosprawnych;",
    "ustawa z dnia 19 lipca 2019 r. o realizowaniu usług społecznych przez centrum usług "
    "społecznych – art. 2 ust. 1 (usługi społeczne);",
    "ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie – "
    "art. 4 ust. 1 (zadania publiczne zlecane organizacjom pozarządowym);",
    "ustawa z dnia 6 grudnia 2006 r. o zasadach prowadzenia polityki rozwoju.",
]
CEL_STRATEGICZNY = ("cel strategiczny", "cele strategiczne", "celów strategicznych")
CEL_OPERACYJNY = ("cel operacyjny", "cele operacyjne", "celów operacyjnych")
KIERUNEK = ("kierunek działań", "kierunki działań", "kierunków działań")
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
    from ..outline import STRATEGY

    plan, name = ctx.plan, ctx.name
    y0, y1 = plan.years
    rep.paragraph(
        f"Strategia rozwiązywania problemów społecznych powiatu {powiat_genitive(name)} na lata {y0}–{y1} "
        "określa, jak powiat – we współpracy z gminami, instytucjami i organizacjami "
        "pozarządowymi – będzie przeciwdziałał problemom społecznym mieszkańców. Powiat "
        "opracowuje ją po konsultacji z gminami z jego obszaru (art. 19 pkt 1 ustawy o pomocy "
        f"społecznej). Opracowanie dokumentu: {plan.institution}.")
    ctx.heading(rep, "Podstawy prawne", 2)
    rep.bullets(LEGAL_BASIS)
    ctx.heading(rep, "Metoda pracy i układ dokumentu", 2)
    rep.paragraph("Prace prowadzono w kolejności: diagnoza, pogrupowanie i uszeregowanie "
                  "problemów, cele, zasoby, rezultaty, wskaźniki, działania i koszty, "
                  "monitoring, konsultacje. Elementy wymagane przez art. 16b ustawy o pomocy "
                  "społecznej znajdują się w następujących rozdziałach:")
    rep.bullets([f"art. 16b {c.statute} – rozdział {number}"
                 for number, c in enumerate(STRATEGY, start=1) if c.statute])
    common.demo_paragraph(rep, ctx.demo)


def consistency(rep: Recorder, ctx: StrategyContext) -> None:
    """Consistency with higher-level strategic documents."""
    higher = pd.DataFrame([{"Dokument": str(h.get("dokument", "")), "Zakres zgodności": str(h.get("opis", ""))}
                           for h in ctx.plan.higher_documents if isinstance(h, dict)],
                          columns=["Dokument", "Zakres zgodności"])
    if len(higher):
        ref = rep.table(higher, "Dokumenty strategiczne wyższego rzędu, z którymi strategia jest zgodna",
                        ctx.psrc, widths=[7.0, 9.0])
        rep.paragraph("Cele strategii wpisują się w cele dokumentów krajowych, regionalnych i "
                      "powiatowych wymienionych w zestawieniu (zob. {t}).", refs={"t": ref})
    else:
        rep.paragraph("Dokumenty wyższego rzędu, z którymi strategia jest zgodna – do uzupełnienia "
                      "przez zespół.")


def diagnosis(rep: Recorder, ctx: StrategyContext) -> None:
    """Diagnosis: one section per area of the catalogue (in its order, so section numbers are
    the areas' positions), the gminas side by side, the ranking of problems, the capacity of
    social-economy entities."""
    d, name, catalog, src = ctx.diagnosis, ctx.name, ctx.catalog, ctx.src
    syn = data.synthesis_frame(ctx.values, ctx.powiat, d.year, ctx.registry)
    pop = syn.iloc[-1]["Ludność"]
    rep.paragraph(f"Diagnozę sporządzono dla powiatu {powiat_genitive(name)} według stanu na 31 grudnia "
                  f"{d.year} r. Powiat {name} liczył wtedy {fmt_number(pop, 0)} "
                  f"mieszkańców w {len(syn) - 1} gminach. Wartości powiatu są sumami liczb z gmin "
                  "podzielonymi przez sumy mianowników, a nie średnimi wskaźników gmin.")
    ranking = tuple(k for k in d.figures if k.startswith("ranking_"))
    for area, aname in catalog.areas.items():
        common.diagnosis_area(rep, d, area, aname, catalog, level=2, skip_figures=ranking,
                              )
        ctx.slots.emit(rep, area)
    ctx.heading(rep, "Gminy powiatu – zestawienie wskaźników kluczowych", 2)
    ref = rep.table(syn, f"Wskaźniki kluczowe gmin powiatu {powiat_genitive(name)} w {d.year} r.", src,
                    landscape=True, formats={c: (0 if c == "Ludność" else 1) for c in syn.columns[1:]},
                    widths=[4.4, 2.2] + [3.1] * (syn.shape[1] - 2))
    common.bold_last_row(rep)
    rep.paragraph("Wskaźniki kluczowe gmin zestawiono obok wartości całego powiatu (zob. {t}).",
                  refs={"t": ref})
    ctx.heading(rep, "Problemy społeczne w gminach powiatu", 2)
    rep.paragraph(ranking_rule())
    areas = common.areas_frame(d, catalog)
    ref = rep.table(areas, f"Obszary problemowe powiatu {powiat_genitive(name)} uszeregowane według wyniku", src,
                    widths=[1.9, 4.6, 1.5, 8.0])
    rep.paragraph(f"Najwyższy wynik w powiecie ma obszar „{areas.iloc[0]['Obszar']}” "
                  "(zob. {t}). Wykresy pokazują gminy uszeregowane według wskaźników "
                  "najpilniejszych obszarów.", refs={"t": ref})
    for key in ranking:
        fig = d.figures[key]
        rep.figure(fig.png, fig.caption, fig.source, width_cm=15)
    ctx.heading(rep, "Potencjał podmiotów ekonomii społecznej i organizacji pozarządowych", 2)
    plan = ctx.plan
    rep.paragraph(str(plan.social_economy.get("opis") or
                      "Opis potencjału podmiotów ekonomii społecznej – do uzupełnienia przez "
                      "zespół."))
    ses = data.social_economy_frame(plan)
    if len(ses):
        ref = rep.table(ses, "Podmioty ekonomii społecznej i organizacje pozarządowe zdolne do "
                        "realizacji usług społecznych", ctx.psrc, widths=[4.6, 2.8, 4.4, 4.2])
        rep.paragraph(f"W zestawieniu (zob. {{t}}) ujęto {len(ses)} podmiotów z ich zakresem "
                      "usług i potencjałem." if len(ses) >= 5 else
                      f"W zestawieniu (zob. {{t}}) ujęto {len(ses)} podmioty z ich zakresem "
                      "usług i potencjałem." if len(ses) >= 2 else
                      "W zestawieniu (zob. {t}) ujęto jeden podmiot z jego zakresem usług i "
                      "potencjałem.", refs={"t": ref})


def swot(rep: Recorder, ctx: StrategyContext) -> None:
    """SWOT: the team's findings and the suggestions computed from the data."""
    rep.paragraph("Analizę SWOT przygotował zespół opracowujący strategię. Zestawienie "
                  "uzupełniają propozycje wynikające z liczb diagnozy, oznaczone jako propozycje.")
    ref = rep.table(swot_grid(ctx.plan), "Analiza SWOT – ustalenia zespołu", ctx.psrc,
                    widths=[3.0, 6.5, 6.5])
    sw = common.swot_suggestions_frame(ctx.diagnosis)
    if len(sw):
        ref2 = rep.table(sw, "Propozycje do analizy SWOT wynikające z danych (do weryfikacji przez zespół)",
                         ctx.src, widths=[2.6, 3.2, 10.2])
        rep.paragraph("Ustalenia zespołu (zob. {a}) uzupełniają propozycje wyliczone z danych "
                      "(zob. {b}); te ostatnie są sugestiami, a nie ocenami zespołu.",
                      refs={"a": ref, "b": ref2})


def forecast(rep: Recorder, ctx: StrategyContext) -> None:
    """Forecast of changes (art. 16b ust. 2 pkt 2)."""
    d = ctx.diagnosis
    for para in method_description(d.horizon, WINDOW, DAMPING):
        rep.paragraph(para)
    fc = common.forecast_frame(d, ctx.catalog)
    if len(fc):
        ref = rep.table(fc, f"Prognoza wskaźników kluczowych powiatu {powiat_genitive(ctx.name)} "
                        f"do {d.horizon} r.", ctx.src, widths=[5.6, 1.2, 1.8, 1.9, 2.4, 3.1],
                        row_decimals=common.row_decimals(fc.attrs["indicators"], ctx.catalog))
        rep.paragraph("Wyniki prognozy zestawiono w tabeli (zob. {t}).", refs={"t": ref})
    rep.paragraph("Zdania opisujące prognozę każdego wskaźnika podano w rozdziałach "
                  "poświęconych poszczególnym obszarom.")


def mission(rep: Recorder, ctx: StrategyContext) -> None:
    """Mission and vision."""
    rep.paragraph([{"text": "Misja. ", "bold": True}, ctx.plan.mission or "do uzupełnienia"])
    rep.paragraph([{"text": "Wizja. ", "bold": True}, ctx.plan.vision or "do uzupełnienia"])


def goals(rep: Recorder, ctx: StrategyContext) -> None:
    """Strategic goals -> operational goals -> directions of action, one section per goal
    (section id from the goal's own id, so it stays when another goal is dropped)."""
    plan = ctx.plan
    n_op = sum(len(g.operational) for g in plan.goals)
    n_dir = len(plan.directions())
    rep.paragraph(f"Strategia ma {common.count(len(plan.goals), CEL_STRATEGICZNY)}, "
                  f"{common.count(n_op, CEL_OPERACYJNY)} i "
                  f"{common.count(n_dir, KIERUNEK)}. Dla każdego kierunku podano realizatorów, "
                  "partnerów, termin i źródła finansowania.")
    rep.bullets([f"Cel strategiczny {g.id}. {g.name}" for g in plan.goals])
    for g in plan.goals:
        ctx.heading(rep, f"Cel strategiczny {g.id}. {g.name}", 2,
                    section_id="{chapter}_" + common.section_id(g.id))
        rep.bullets([f"Cel operacyjny {og.id}. {og.name}" for og in g.operational])
        rep.table(data.goals_frame(plan, g.id), f"Kierunki działań celu strategicznego {g.id}",
                  ctx.psrc, widths=common.GOAL_WIDTHS)


def services(rep: Recorder, ctx: StrategyContext) -> None:
    """Social services and public tasks commissioned to NGOs (art. 16b ust. 3)."""
    plan = ctx.plan
    rep.paragraph("Zgodnie z art. 16b ust. 3 ustawy o pomocy społecznej strategia wskazuje usługi "
                  "społeczne (art. 2 ust. 1 ustawy o realizowaniu usług społecznych przez centrum "
                  "usług społecznych) oraz zadania publiczne, które będą zlecane organizacjom "
                  "pozarządowym (art. 4 ust. 1 ustawy o działalności pożytku publicznego i o "
                  "wolontariacie).")
    ctx.heading(rep, "Usługi społeczne", 2)
    _table_or(rep, ctx, data.services_frame(plan), "Usługi społeczne realizowane w ramach strategii",
              [6.0, 5.0, 5.0], "Usługi społeczne – do uzupełnienia przez zespół.")
    ctx.heading(rep, "Zadania publiczne zlecane organizacjom pozarządowym", 2)
    _table_or(rep, ctx, data.ngo_tasks_frame(plan),
              "Zadania publiczne zlecane organizacjom pozarządowym", [6.0, 4.0, 6.0],
              "Zadania zlecane organizacjom pozarządowym – do uzupełnienia przez zespół.")


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
    rep.paragraph(f"Strategię realizują jednostki wskazane przy kierunkach działań, a jej "
                  f"realizację koordynuje {coord}. Działania są ujmowane w rocznych planach "
                  "pracy i budżetach realizatorów; kwoty w ramach finansowych są szacunkami, "
                  "które co roku weryfikuje uchwała budżetowa.")
    if not len(plan.funding):
        rep.paragraph("Ramy finansowe strategii nie zostały jeszcze określone – do uzupełnienia.")
        return
    fund = data.funding_frame(plan)
    years = [c for c in fund.columns if c.isdigit()]
    span = f"{years[0]}–{years[-1]}"
    ref = _money_table(rep, ctx, fund, f"Ramy finansowe strategii na lata {span} według źródeł "
                       "finansowania")
    total = fund.iloc[-1]["Razem"]
    body = fund.iloc[:-1]
    top = body.loc[body["Razem"].idxmax()]
    rep.paragraph(f"Łączne szacowane nakłady na realizację strategii w latach {span} wynoszą "
                  f"{fmt_amount(total, None)} (zob. {{t}}). Największą "
                  f"część, {fmt_amount(top['Razem'], None)} "
                  f"({fmt_percent(top['Razem'] / total * 100 if total else float('nan'))}), "
                  f"ma pochodzić ze źródła: {top['Źródło finansowania']}.", refs={"t": ref})
    if not plan.has_costs():
        rep.paragraph("Ramy finansowe nie zostały rozpisane na cele i kierunki działań – "
                      "do uzupełnienia.")
        return
    by_dir = money.direction_costs_frame(plan)
    ref_d = _money_table(rep, ctx, by_dir, f"Ramy finansowe strategii na lata {span} według "
                         "celów i kierunków działań", bold=by_dir.attrs["goal_rows"])
    rep.paragraph("Koszty każdego kierunku działań w kolejnych latach, z sumami dla celów "
                  "strategicznych, podano w zestawieniu (zob. {d}).", refs={"d": ref_d})
    by_goal = money.goal_source_frame(plan)
    ref_g = _money_table(rep, ctx, by_goal, f"Ramy finansowe strategii na lata {span} według "
                         "celów strategicznych i źródeł finansowania")
    k = int(by_goal.iloc[:-1]["Razem"].idxmax())
    big = plan.goals[k]
    rep.paragraph(f"Podział kosztów celów strategicznych na źródła finansowania zawiera "
                  f"zestawienie (zob. {{g}}). Najwięcej, {fmt_amount(by_goal.iloc[k]['Razem'], None)}, "
                  f"wymaga cel strategiczny {big.id} „{big.name}”.", refs={"g": ref_g})


def _money_table(rep: Recorder, ctx: StrategyContext, frame: pd.DataFrame, caption: str,
                 bold: list[int] = ()) -> RefTo:
    """Write an amount table in zł or thousands of zł (:func:`.money.money_scale`), the last
    row and the rows ``bold`` in bold; return its reference."""
    div, unit = money.money_scale(frame)
    shown = frame.iloc[:, 1:].to_numpy(dtype=float) / div
    decimals = 0 if (np.isnan(shown) | (shown == shown.round())).all() else 1

    def amount(v) -> str:
        return "–" if pd.isna(v) else fmt_number(v / div, decimals)

    ref = rep.table(frame, f"{caption} ({unit})", ctx.psrc,
                    landscape=frame.shape[1] > LANDSCAPE_COLUMNS,
                    formats={c: amount for c in frame.columns[1:]})
    rep.bold_rows(*bold, -1)
    return ref


def indicators(rep: Recorder, ctx: StrategyContext) -> None:
    """Indicators of implementation with baselines from the data."""
    plan = ctx.plan
    tf = data.targets_frame(plan, ctx.values, ctx.catalog)
    rep.paragraph(f"Wartości bazowe wskaźników przyjętych w diagnozie uzupełniono z danych "
                  f"powiatu za rok {data.baseline_year(plan)} albo ostatni wcześniejszy rok z "
                  "danymi; wartości bazowe pozostałych wskaźników przyjął zespół.")
    if len(tf):
        rep.table(tf, "Wskaźniki realizacji działań: wartości bazowe i docelowe", source(
            "opracowanie własne na podstawie danych GUS BDL, sprawozdań jednostek i ustaleń "
            "zespołu", ctx.demo),
            landscape=True, widths=common.TARGET_WIDTHS, row_decimals=tf.attrs["row_decimals"])
    common.targets_notes(rep, plan, ctx.psrc, ctx.catalog)


def monitoring(rep: Recorder, ctx: StrategyContext) -> None:
    """Monitoring and evaluation."""
    rep.paragraph("Monitoring polega na corocznym zbieraniu wartości wskaźników realizacji i "
                  "informacji o wykonanych działaniach od realizatorów; ewaluacja ocenia "
                  "trafność, skuteczność i efektywność strategii oraz potrzebę jej aktualizacji.")
    common.bullets_or(rep, common.monitoring_items(ctx.plan.monitoring),
                      "Sposób monitorowania – do uzupełnienia.")


def annexes(rep: Recorder, ctx: StrategyContext) -> None:
    """One annex per gmina: its key indicators next to the powiat's and its most urgent areas."""
    from .strategia import gmina_annex

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
