"""The strategy's annexes for the gminas: each gmina's key indicators next to the powiat's
and its most urgent areas.

In: the strategy's context (:class:`.strategia_chapters.StrategyContext`: the values frame and
every gmina's diagnosis, loaded by the notebook). Out: :func:`gmina_annex` writes one annex;
:func:`gmina_summary` is its table.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ...catalog import Catalog
from ...text import fmt_number, shown_difference
from ...text import strategia as text
from . import common, data

if TYPE_CHECKING:  # the type only (strategia_chapters imports this module)
    from .strategia_chapters import StrategyContext

__all__ = ["ANNEX_INDICATORS", "gmina_annex", "gmina_summary"]

#: Key indicators shown for each gmina in the annexes.
ANNEX_INDICATORS = list(data.SYNTHESIS)


def gmina_annex(rep, ctx: StrategyContext, k: int, teryt: str) -> None:
    """Add annex ``k``: the gmina's key indicators next to the powiat's and its urgent areas."""
    d, powiat = ctx.diagnosis, ctx.powiat
    gd = ctx.gmina_diagnoses[teryt]
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
           for r in gd.areas.itertuples() if r.score > 0][:3]
    rep.paragraph({"text": text.annex_urgent_intro(), "bold": True})
    common.bullets_or(rep, top, text.annex_urgent_none())


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
