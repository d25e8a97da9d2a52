"""The strategy's annexes for the gminas: each gmina's key indicators next to the powiat's
and its most urgent areas (those that stand out: a score of at least
:data:`strategy.analysis.ranking.STANDOUT_SCORE`, as in the gmina's diagnosis).

In: the strategy's context (:class:`.strategia_chapters.StrategyContext`: the values frame and
every gmina's diagnosis, loaded by the notebook). Out: :func:`gmina_annex` writes one annex;
:func:`gmina_summary` is its table.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ...analysis.ranking import stands_out
from ...catalog import Catalog
from ...text import fmt_number, shown_difference
from ...text import strategia as text
from . import common, data

if TYPE_CHECKING:  # the type only (strategia_chapters imports this module)
    from .strategia_chapters import StrategyContext

__all__ = ["ANNEX_INDICATORS", "gmina_annex", "gmina_summary", "working_material"]

#: Key indicators shown for each gmina in the annexes.
ANNEX_INDICATORS = list(data.SYNTHESIS)


def gmina_annex(rep, ctx: StrategyContext, k: int, teryt: str) -> None:
    """Add annex ``k``: the gmina's key indicators next to the powiat's and its urgent areas."""
    d, powiat = ctx.diagnosis, ctx.powiat
    gd = ctx.gmina_diagnoses.get(teryt)
    name = ctx.registry.display_name(teryt)
    rep.page_break()
    rep.heading(f"Załącznik {k}. Gmina {name} – podsumowanie diagnozy", 1, numbered=False)
    gs = gmina_summary(ctx.values, teryt, powiat, d.year, ctx.catalog)
    rep.table(gs, f"Wskaźniki kluczowe gminy {name} na tle powiatu w {d.year} r.", ctx.src,
              widths=[8.0, 2.6, 2.6, 2.8],
              formats={"Różnica": lambda v: "–" if v != v else fmt_number(v, 1)},
              row_decimals=common.row_decimals(ANNEX_INDICATORS, ctx.catalog))
    top = [text.annex_urgent_item(r.area_name, r.score,
                                  ctx.catalog.get(list(r.top_indicators)[0]).name)
           for r in (gd.areas.itertuples() if gd is not None else ())
           if stands_out(r.score)][:3]
    # areas in which the gmina has no figure: never said to be without problems
    no_data = [a.area for area, a in ctx.coverage.items()
               if not a.powiat_only and teryt not in a.with_data]
    rep.paragraph({"text": text.annex_urgent_intro(), "bold": True})
    if top:
        rep.bullets(top)
        if no_data:
            rep.paragraph(text.annex_no_data(no_data))
    elif len(no_data) == sum(not a.powiat_only for a in ctx.coverage.values()):
        rep.paragraph(text.annex_no_data_at_all())
    elif no_data:
        rep.paragraph(text.annex_urgent_none_checked(no_data))
    else:
        rep.paragraph(text.annex_urgent_none())


def working_material(rep, ctx: StrategyContext) -> None:
    """Add the team's working material after the annexes, an unnumbered part marked as not
    for adoption: the SWOT suggestions computed from the figures of the powiat's diagnosis.
    Nothing is added when the figures suggest none."""
    sw = common.swot_suggestions_frame(ctx.diagnosis)
    if not len(sw):
        return
    rep.page_break()
    rep.heading(text.WORKING_TITLE, 1, numbered=False)
    rep.paragraph({"text": text.working_intro(), "italic": True})
    rep.table(sw, "Propozycje do analizy SWOT wynikające z danych", ctx.src,
              widths=[2.6, 3.2, 10.2])


def gmina_summary(values: pd.DataFrame, teryt: str, powiat: str, year: int,
                  catalog: Catalog) -> pd.DataFrame:
    """Return the key indicators of a gmina next to the powiat in ``year`` with the difference."""
    rows = []
    for ind_id in ANNEX_INDICATORS:
        ind = catalog.get(ind_id)
        g = data.value_at(values, teryt, ind_id, year)
        p = data.value_at(values, powiat, ind_id, year)
        intensive = ind.kind not in ("count", "amount", "balance")
        # printed at the row's decimals; the difference is that of the printed values
        shown = common.row_decimals([ind_id], catalog)[0]
        rows.append({"Wskaźnik (jednostka)": common.name_with_unit(ind.name, ind.unit),
                     "Gmina": g, "Powiat": p,
                     "Różnica": shown_difference(g, p, shown if shown is not None else 2)
                     if intensive else float("nan")})
    return pd.DataFrame(rows, columns=["Wskaźnik (jednostka)", "Gmina", "Powiat", "Różnica"])
