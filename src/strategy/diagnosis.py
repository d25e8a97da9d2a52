"""The diagnosis of one gmina or of a powiat: everything a document or notebook shows about it.

In: a TERC code (7 digits: gmina, 4 digits: powiat), the store (loaded once and reused), the
year of the diagnosis (by default the last year with data for the unit) and the forecast horizon.
Out: :class:`Diagnosis` - values, tables per area with Polish headers, comparisons with the
powiat, trends, forecasts (prognoza zmian) of the key indicators, the problem ranking, SWOT
suggestions, Polish sentences per area, figures (:mod:`strategy.charts`, drawn as PNG bytes when
a caller first reads them) and the methodology paragraphs.

The facts come from :mod:`strategy.analysis` (numbers, codes, frames); every sentence from the
module of its chapter in :mod:`strategy.text` (an area's sentences:
:mod:`strategy.text.diagnoza_obszary`; SWOT: :mod:`strategy.text.swot`; methodology:
:mod:`strategy.text.metodologia`; captions: :mod:`strategy.text.wykresy`; a forecast's
refusal: :mod:`strategy.text.prognoza`). Nothing here writes Polish prose.

The powiat-wide computations (derived values of every unit, comparisons) are cached per store
object, so diagnosing all gminas of a powiat computes them once. Pass ``values=`` to reuse values
computed elsewhere.
"""
from __future__ import annotations

import sys
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import pandas as pd

from .analysis.compare import INTENSIVE, compare, comparison_rows
from .analysis.derive import SeriesLookup, compute_values
from .analysis.forecast import DAMPING, DEFAULT_HORIZON, WINDOW, Forecast, decided, forecast
from .analysis.forecast_rules import decided_basis
from .analysis.ranking import rank_areas, rank_problems, swot_suggestions
from .analysis.trend import Trend, trends_dict, trends_table
from .catalog import Catalog, default_catalog
from .caches import lru_cache
from .errors import StoreError
from .store import Store, load
from .text import diagnoza_obszary, metodologia, prognoza, wykresy
from .text import swot as swot_text
from .units import Registry, default_registry, kind_of

#: Years shown in the tables (the diagnosis year and the ones before it).
TABLE_YEARS = 5
#: Years a trend is computed over.
TREND_YEARS = 10
#: Key indicators per area (forecast, sentences, charts).
KEY_PER_AREA = 4
#: Ranking charts (gminas side by side) are drawn for this many most pressing areas.
RANKING_CHARTS = 3
#: Charts of a diagnosis draw no title: the caption above each figure (in the document and in the
#: notebook) names it, and a title in the picture would repeat it (its source, likewise, is printed
#: once under the figure).
NO_TITLE = ""
FOSTER_FORMS = ["dzieci_rz_spokrewnione", "dzieci_rz_niezawodowe", "dzieci_rz_zawodowe",
                "dzieci_rdd", "dzieci_placowki"]
AGE_GROUPS = {"ludnosc_przedprodukcyjna": "przedprodukcyjny",
              "ludnosc_produkcyjna": "produkcyjny", "ludnosc_poprodukcyjna": "poprodukcyjny"}


class Figure:
    """A chart ready for a document: PNG bytes, caption (without number) and source line.

    ``png`` is the bytes, or ``draw``: a chart function of :mod:`strategy.charts` with its
    arguments (a :func:`functools.partial`). Then the chart is drawn the first time ``png``
    is read (into the figure kept for its kind, see :func:`strategy.charts.chart_png`) and
    kept, so a document that shows one figure of a diagnosis (the reasons for assistance,
    foster care) does not pay for the other fourteen; :meth:`chart` gives it as a new
    matplotlib figure that a notebook may change and show.
    """

    __slots__ = ("_png", "draw", "caption", "source")

    def __init__(self, png: bytes | Callable, caption: str, source: str):
        self._png, self.draw = (None, png) if callable(png) else (png, None)
        self.caption = caption
        self.source = source

    @property
    def png(self) -> bytes:
        """Return the PNG bytes, drawing the chart on first use."""
        if self._png is None:
            # lazy: strategy.charts loads matplotlib, which a diagnosis without charts skips
            from .charts import figure_to_png
            self._png = figure_to_png(self.draw(reuse=True))
        return self._png

    @property
    def drawn(self) -> bool:
        """Return True once the PNG bytes exist."""
        return self._png is not None

    def chart(self):
        """Return the chart as a new :class:`matplotlib.figure.Figure` (None for a figure
        made from PNG bytes)."""
        return None if self.draw is None else self.draw()

    def __eq__(self, other):
        if not isinstance(other, Figure):
            return NotImplemented
        return (self.png, self.caption, self.source) == (other.png, other.caption, other.source)

    __hash__ = None

    def __repr__(self):
        state = f"{len(self._png)} B" if self._png is not None else "do narysowania"
        return f"Figure(png=<{state}>, caption={self.caption!r}, source={self.source!r})"


@dataclass
class Diagnosis:
    teryt: str
    name: str
    kind: str                       # 'gmina' | 'powiat'
    powiat: str
    year: int
    demo: bool
    values: pd.DataFrame            # long values of this unit and its powiat (+ benchmarks)
    tables: dict[str, pd.DataFrame]
    comparisons: pd.DataFrame       # gminas of the powiat vs the powiat, the diagnosis year
    trends: pd.DataFrame
    trend_items: dict[str, Trend]   # by indicator id, this unit
    forecasts: dict[str, Forecast]  # by indicator id, key indicators of each area
    ranking: pd.DataFrame
    areas: pd.DataFrame             # areas ordered by score
    swot: list[dict]
    sentences: dict[str, list[str]]
    figures: dict[str, Figure]
    methodology: list[str]
    unit_label: str = ""            # "gmina Blizanów" / "powiat kaliski"
    key_indicators: dict[str, list[str]] = field(default_factory=dict)
    horizon: int = DEFAULT_HORIZON
    #: Why the diagnosis has no map of gminas (a city with powiat rights), "" otherwise.
    no_map: str = ""


# ---- cache of powiat-wide computations, per store object ------------------------------------
_CACHE: dict[int, tuple[weakref.ref, dict]] = {}


def _cached(store: Store, key: tuple, build):
    ident = id(store.frame)
    entry = _CACHE.get(ident)
    if entry is None or entry[0]() is not store.frame:
        entry = (weakref.ref(store.frame), {})
        _CACHE[ident] = entry
        weakref.finalize(store.frame, _CACHE.pop, ident, None)
    if key not in entry[1]:
        entry[1][key] = build()
    return entry[1][key]


def powiat_values(store: Store, powiat: str, catalog: Catalog | None = None,
                  registry: Registry | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (values, comparisons) of a powiat, computed once per store object."""
    catalog = catalog or default_catalog()
    registry = registry or default_registry()

    def build():
        v = compute_values(store.frame, powiat, catalog, registry)
        return v, compare(v, catalog)
    return _cached(store, ("values", powiat, id(catalog), id(registry)), build)


def unit_label(teryt: str, registry: Registry) -> str:
    """Return 'gmina Blizanów' or 'powiat kaliski' (the form sentences expect).

    A gmina that shares its name with another gmina of its powiat is named with its type:
    'gmina miejska Kraśnik', 'gmina wiejska Kraśnik' (see ``Registry.display_name``).
    """
    u = registry.get(teryt)
    if u.kind == "powiat":
        return f"powiat {u.name}"
    return f"{u.type_name} {u.name}" if registry.shares_name(teryt) else f"gmina {u.name}"


def horizon_for(horizon: int | None = 0, plan=None) -> int:
    """Return the forecast horizon: ``horizon`` when it is a year (not 0/None), else the last
    year of the plan's period (``plan.years``) when a plan is given, else
    :data:`~strategy.analysis.forecast.DEFAULT_HORIZON`. A strategy for 2026-2035 forecasts
    to 2035."""
    if horizon:
        return int(horizon)
    years = getattr(plan, "years", None)
    if years and years[-1]:
        return int(years[-1])
    return DEFAULT_HORIZON


def diagnose(teryt: str, store: Store | None = None, year: int | None = None,
             horizon: int = DEFAULT_HORIZON,
             *, catalog: Catalog | None = None, registry: Registry | None = None,
             charts: bool = True, values: pd.DataFrame | None = None,
             maps: bool = True) -> Diagnosis:
    """Return the diagnosis of a gmina (7-digit TERC) or a powiat (4-digit TERC).

    ``maps=False`` leaves out the maps of gminas (``mapa_<indicator>``; they come with
    ``charts``)."""
    catalog = catalog or default_catalog()
    registry = registry or default_registry()
    kind = kind_of(teryt)
    if kind == "wojewodztwo":
        raise StoreError(f"diagnoza dotyczy gminy lub powiatu, a podano kod województwa {teryt}")
    unit = registry.get(teryt)
    powiat = teryt[:4]
    store = store if store is not None else load()
    if values is None:
        all_values, comparisons_all = powiat_values(store, powiat, catalog, registry)
    else:
        all_values, comparisons_all = values, compare(values, catalog)
    own = all_values[all_values["teryt"] == teryt]
    if not own["value"].notna().any():
        raise StoreError(f"brak danych dla jednostki {teryt} ({unit.name}) w magazynie danych")
    if year is None:
        year = int(own.loc[own["value"].notna(), "year"].max())
    label = unit_label(teryt, registry)
    woj = powiat[:2]
    keep = [teryt, powiat, woj, "00"]
    values_u = all_values[all_values["teryt"].isin(keep) & (all_values["year"] <= year)]
    comparisons = comparisons_all[comparisons_all["year"] == year]
    trend_items_all = trends_dict(values_u, teryts=[teryt], first_year=year - TREND_YEARS + 1,
                                  last_year=year, catalog=catalog)
    trend_items = {ind: t for (_, ind), t in trend_items_all.items()}
    trends = trends_table(trend_items.values())
    ranking = rank_problems(teryt, year, all_values,
                            comparisons, trend_items_all, catalog)
    areas = rank_areas(ranking, catalog)
    swot = swot_suggestions(ranking, comparisons, trend_items_all, teryt, label, catalog)

    own_u = own[own["year"] <= year]
    has_data = set(own_u.loc[own_u["value"].notna(), "indicator"])
    key = _key_indicators(catalog, has_data)
    series_of = SeriesLookup(values_u)     # series(values_u, unit, indicator), grouped once
    forecasts: dict[str, Forecast] = {}
    for inds in key.values():
        for ind_id in inds:
            ind = catalog.get(ind_id)
            basis = decided_basis(ind_id)
            if basis:       # places, institutions, staff: a plan, not a forecast
                f = decided(series_of(teryt, ind_id), ind_id, teryt, basis, horizon=horizon)
            else:
                f = forecast(series_of(teryt, ind_id), ind_id, teryt, kind=ind.kind,
                             horizon=horizon)
            f.refused_reason = prognoza.refusal_reason(f)   # for the tables that print it
            forecasts[ind_id] = f
    tables = _tables(teryt, kind, year, values_u, comparisons, catalog, has_data)
    sentences = _sentences(teryt, kind, label, year, catalog, key, own_u, comparisons,
                           trend_items, forecasts, swot, len(registry.gminas_of(powiat)))
    methodology = _methodology(horizon, store.demo)
    # the gminas side by side on the most pressing indicator of the most pressing areas
    ranked_areas = {}
    for r in areas.itertuples():
        top = [i for i in r.top_indicators if catalog.get(i).kind in INTENSIVE
               and catalog.get(i).level == "gmina"]
        if top and r.score > 0 and len(ranked_areas) < RANKING_CHARTS:
            ranked_areas[r.area] = top[0]
    city = registry.get(powiat).city_rights or len(registry.gminas_of(powiat)) < 2
    no_map = wykresy.no_map_city(registry.name(powiat)) if city else ""
    if charts and maps and not city and ranked_areas and not _has_boundaries(powiat, registry):
        no_map = wykresy.no_map_boundaries(registry.name(powiat))
    figures = (_figures(teryt, kind, label, year, catalog, registry, key, all_values, own_u,
                        series_of, forecasts, store.demo, horizon, ranked_areas,
                        maps and not no_map)
               if charts else {})
    return Diagnosis(
        teryt=teryt, name=registry.display_name(teryt), kind=kind, powiat=powiat, year=year, demo=store.demo,
        values=values_u.reset_index(drop=True), tables=tables,
        comparisons=comparisons.reset_index(drop=True), trends=trends, trend_items=trend_items,
        forecasts=forecasts, ranking=ranking, areas=areas, swot=swot, sentences=sentences,
        figures=figures, methodology=methodology, unit_label=label, key_indicators=key,
        horizon=horizon, no_map=no_map)


def _key_indicators(catalog: Catalog, has_data: set[str]) -> dict[str, list[str]]:
    """Return per area: the first stored indicator with data (the area's headline count) and
    the derived indicators with data, at most :data:`KEY_PER_AREA`."""
    out: dict[str, list[str]] = {}
    for area in catalog.areas:
        inds = [i for i in catalog.in_area(area) if i.id in has_data]
        derived = [i.id for i in inds if i.derived]
        stored = [i.id for i in inds if not i.derived]
        chosen = (derived + stored[:1])[:KEY_PER_AREA] if derived else stored[:2]
        if chosen:
            out[area] = chosen
    return out


def _tables(teryt, kind, year, values, comparisons, catalog, has_data) -> dict[str, pd.DataFrame]:
    years = list(range(year - TABLE_YEARS + 1, year + 1))
    v = values[values["year"].isin(years)]
    # the unit's values by (indicator, year); an indicator with a row in these years has a
    # table row (as in a pivot of the rows, NaN where a year is missing)
    o = v[v["teryt"] == teryt]
    own = dict(zip(zip(o["indicator"].tolist(), o["year"].tolist()), o["value"].tolist()))
    own_inds = {i for i, _ in own}
    powiat = teryt[:4]
    if kind == "gmina":
        r = v[(v["teryt"] == powiat) & (v["year"] == year)]
        ref_col = f"Powiat ({year})"
    else:
        r = v[(v["level"] == "wojewodztwo") & (v["year"] == year)]
        ref_col = f"Województwo ({year})"
    ref = dict(zip(r["indicator"].tolist(), r["value"].tolist()))
    c = comparisons[comparisons["teryt"] == teryt]
    comp = dict(zip(c["indicator"].tolist(), zip(c["rank"].tolist(), c["n_units"].tolist())))
    nan = float("nan")
    out = {}
    for area in catalog.areas:
        rows = []
        shown = []
        for ind in catalog.in_area(area):
            if ind.id not in has_data or ind.id not in own_inds:
                continue
            r = {"Wskaźnik": ind.name, "Jednostka": ind.unit}
            for y in years:
                r[str(y)] = float(own.get((ind.id, y), nan))
            if kind == "gmina" or len(ref):
                r[ref_col] = float(ref.get(ind.id, nan))
            if kind == "gmina":
                rank, n = comp.get(ind.id, (pd.NA, pd.NA))
                r["Miejsce wśród gmin"] = nan if pd.isna(rank) else float(rank)
                r["Liczba gmin"] = nan if pd.isna(rank) or pd.isna(n) else float(n)
            rows.append(r)
            shown.append(ind.id)
        if rows:
            df = pd.DataFrame(rows)
            df.attrs["indicators"] = shown
            out[area] = df
    return out


def _sentences(teryt, kind, label, year, catalog, key, own, comparisons, trends, forecasts,
               swot, n_gminas: int) -> dict[str, list[str]]:
    """Return the sentences of each area (and set each SWOT item's ``text``); ``own``: the
    unit's values (its rows of the diagnosis values); ``n_gminas``: the powiat's gminas (a
    rank among fewer, those with data, says so)."""
    o = own[own["year"] == year]
    levels = dict(zip(o["indicator"].tolist(), o["value"].to_numpy()))
    rows = comparison_rows(comparisons, teryt, year) if kind == "gmina" else {}
    for row in rows.values():
        row["n_powiat"] = n_gminas
    services = area_services()
    out: dict[str, list[str]] = {}
    for area, inds in key.items():
        out[area] = diagnoza_obszary.area_sentences(
            [catalog.get(i) for i in inds], label, year, rows=rows, levels=levels,
            trends=trends, forecasts=forecasts, services=services.get(area),
            trend_years=TREND_YEARS, window=WINDOW)
    for item in swot:
        item["n_powiat"] = n_gminas
        item["text"] = swot_text.swot_text(item, catalog.get(item["indicator"]), label,
                                           trends.get(item["indicator"]), TREND_YEARS)
    return out


@lru_cache(maxsize=1)
def area_services() -> dict[str, str]:
    """Return ``{area: services}`` from ``data/area_services.csv``: the services of an area in
    the accusative after "zapotrzebowanie na", for the sentence on what a forecast means."""
    from importlib import resources
    with resources.as_file(resources.files("strategy") / "data" / "area_services.csv") as p:
        df = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8")
    return dict(zip(df["area"].str.strip(), df["services"].str.strip()))


def _methodology(horizon: int, demo: bool) -> list[str]:
    return metodologia.methodology(horizon, demo=demo, trend_years=TREND_YEARS, window=WINDOW,
                                   damping=DAMPING)


def _figures(teryt, kind, label, year, catalog, registry, key, values, own, series_of,
             forecasts, demo, horizon, ranked_areas, with_maps=True) -> dict[str, Figure]:
    """Return the figures: per area a trend chart of its headline indicator (with the powiat
    and the forecast), a ranking of the gminas for the most pressing areas, the reasons for
    social assistance, the economic age groups and, for a powiat, foster care by form.

    The data of each chart is prepared here; the chart itself is drawn when its ``png`` is
    first read (see :class:`Figure`)."""
    from . import charts  # lazy: matplotlib only for a diagnosis that has charts

    src = wykresy.source(demo)
    powiat = teryt[:4]
    powiat_label = unit_label(powiat, registry)
    figs: dict[str, Figure] = {}
    names = {u.teryt: registry.display_name(u.teryt) for u in registry.gminas_of(powiat)}
    first = year - TREND_YEARS + 1
    for area, inds in key.items():
        head = next((i for i in inds if catalog.get(i).kind in INTENSIVE), inds[0])
        ind = catalog.get(head)
        unit_s = series_of(teryt, head, first)
        pow_s = series_of(powiat, head, first) if kind == "gmina" else None
        fc = forecasts.get(head)
        fc = fc if fc is not None and fc.made else None
        if charts.trend_years(unit_s) >= charts.MIN_TREND_YEARS:   # one year: no trend
            png = partial(charts.trend_chart, NO_TITLE, unit_s, pow_s, fc, ind.unit, src, label,
                          powiat_label)
            cap = wykresy.trend_caption(ind.name, int(unit_s.index[0]), int(unit_s.index[-1]),
                                        against_powiat=kind == "gmina",
                                        horizon=horizon if fc else None)
            figs[f"trend_{head}"] = Figure(png, cap, src)
    vy = values[values["year"] == year] if ranked_areas else values
    for area, head in ranked_areas.items():
        ind = catalog.get(head)
        g = vy[(vy["level"] == "gmina") & (vy["indicator"] == head)]
        s = pd.Series(g["value"].to_numpy(), index=g["teryt"].to_numpy())
        if s.notna().sum() >= 2:
            pv = vy[(vy["teryt"] == powiat) & (vy["indicator"] == head)]["value"]
            pval = float(pv.iloc[0]) if len(pv) and pd.notna(pv.iloc[0]) else None
            png = partial(charts.ranking_chart, NO_TITLE, s,
                          teryt if kind == "gmina" else None,
                          pval, ind.direction, ind.unit, src, labels=names)
            left_out = [n for g, n in names.items() if g not in set(s.dropna().index)]
            figs[f"ranking_{head}"] = Figure(
                png, wykresy.ranking_caption(ind.name, registry.name(powiat), year, left_out),
                src)
            if with_maps:
                figs[f"mapa_{head}"] = _map_figure(s, powiat, ind, year, registry, demo,
                                                   teryt if kind == "gmina" else None, label)
    # reasons for granting social assistance, families, diagnosis year
    reasons = own[own["indicator"].str.startswith("powod_") & own["indicator"].str.endswith(
        "_rodziny") & (own["year"] == year)]
    if reasons["value"].notna().any():
        s = pd.Series(reasons["value"].to_numpy(),
                      index=[catalog.get(i).name.split("z powodu:")[-1].strip()
                             for i in reasons["indicator"]])
        png = partial(charts.reasons_chart, NO_TITLE, s, src)
        figs["powody_pomocy"] = Figure(png, wykresy.reasons_caption(label, year), src)
    age = own[own["indicator"].isin(list(AGE_GROUPS)) & (own["year"] >= first)]
    if age["value"].notna().any():
        frame = _wide(age).rename(columns=AGE_GROUPS)
        png = partial(charts.age_structure_chart, NO_TITLE, frame, src)
        figs["struktura_wieku"] = Figure(png, wykresy.age_caption(label), src)
    if kind == "powiat":
        fc = own[own["indicator"].isin(FOSTER_FORMS) & (own["year"] >= first)]
        if fc["value"].notna().any():
            frame = _wide(fc).reindex(
                columns=[c for c in FOSTER_FORMS if c in set(fc["indicator"])])
            png = partial(charts.foster_care_chart, NO_TITLE, frame, src)
            figs["piecza_formy"] = Figure(png, wykresy.foster_care_caption(label), src)
    return figs


def _has_boundaries(powiat: str, registry: Registry) -> bool:
    """Return whether the boundaries in use (the package's or the project's own, see
    :mod:`strategy.geo`) cover ``powiat``; when not, say on stderr how to load them (the
    document then says there is no map, and is built all the same)."""
    from . import geo  # lazy: geopandas only for a diagnosis that draws maps

    try:
        geo.powiat_map(powiat, registry=registry)
    except geo.GeoError as exc:
        print(f"UWAGA: mapy gmin pominięto: {exc}", file=sys.stderr)
        return False
    return True


def _map_figure(values: pd.Series, powiat: str, ind, year: int, registry: Registry,
                demo: bool, highlight: str | None, label: str) -> Figure:
    """Return the map of gminas of one indicator (the gmina of a gmina's diagnosis outlined),
    drawn when first read; its source line names the data and the boundaries."""
    from . import geo  # lazy: geopandas only for a diagnosis whose maps are read

    draw = partial(_draw_map, dict(values.items()), powiat, ind.unit, highlight, registry)
    caption = wykresy.map_caption(ind.name, registry.name(powiat), year,
                                  label if highlight else None)
    return Figure(draw, caption, wykresy.map_source(demo, geo.boundaries_credit()))


def _draw_map(values: dict, powiat: str, unit: str, highlight: str | None, registry: Registry,
              *, reuse: bool = False):
    """Return the map as a new figure (``reuse`` is accepted as :class:`Figure` passes it;
    a map has no kept figure: each powiat's shape differs). The source is printed under the
    figure by the document, so the picture leaves it out."""
    from . import maps  # lazy: geopandas and shapely only when a map is drawn

    return maps.gmina_map(values, powiat, unit=unit, highlight=highlight, show_source=False,
                          registry=registry)


def _wide(rows: pd.DataFrame) -> pd.DataFrame:
    """Return one unit's values as a frame year x indicator, as
    ``rows.pivot_table(index="year", columns="indicator", values="value")`` gives it for rows
    with one value per year and indicator (rows without a value left out), without its
    group-by."""
    rows = rows.loc[rows["value"].notna()]
    return rows.pivot(index="year", columns="indicator", values="value")
