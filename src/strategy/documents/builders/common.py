"""What every document builder shares: the report set-up, source lines, diagnosis sections.

In: a document title, the builder options (``template``, ``draft``, ``date``), a
:class:`strategy.diagnosis.Diagnosis`. Out: a :class:`strategy.documents.Report` with its front
matter (what a document's blocks are rendered into), Polish source lines ("opracowanie własne
... (DANE DEMONSTRACYJNE)"), and parts chapters write into a :class:`strategy.documents.blocks.Recorder`
(the report's method names): area sections (table, the sentences with a cross-reference to the
table, charts) and the usual closing parts.
"""
from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ... import DEMO_MARK
from ...catalog import Catalog
from ...text import (
    KIND_DECIMALS,
    diagnoza_obszary,
    fmt_date,
    fmt_number,
    prognoza,
    shown_difference,
    uchwaly,
    wspolne,
)
from .. import tables
from ..report import Ref, Report
from . import data

if TYPE_CHECKING:  # the type only: documents run no analysis
    from ...diagnosis import Diagnosis

DATA_SOURCE = "opracowanie własne na podstawie danych GUS BDL i sprawozdań jednostek"
PLAN_SOURCE = "opracowanie własne"
#: Column widths (cm) of a goal's directions of action on a portrait page.
GOAL_WIDTHS = [5.6, 3.0, 3.3, 1.7, 2.4]
#: Column widths (cm) of the targets table (wskaźniki realizacji), on a landscape page.
TARGET_WIDTHS = [1.2, 6.0, 2.6, 1.9, 1.4, 1.9, 1.5, 4.0, 2.7]
#: Columns of the output indicators (data.outputs_frame), portrait page.
OUTPUT_WIDTHS = [5.2, 4.8, 2.0, 2.2, 1.8]
#: Columns of the proposed targets of a gmina without its own plan (data.proposals_frame).
PROPOSAL_WIDTHS = [1.0, 5.2, 2.2, 1.9, 1.8, 2.6, 2.0, 8.3]
#: Figures of a diagnosis that are not named after an indicator, and the area they belong to.
FIGURE_AREAS = {"powody_pomocy": "pomoc_spoleczna", "struktura_wieku": "demografia",
                "piecza_formy": "piecza_zastepcza"}


def name_with_unit(name, unit) -> str:
    """Return "name (unit)" for a table's "Wskaźnik (jednostka)" column, the unit left out when
    the name's own bracket already states it ("... (65+ na 100 osób w wieku 15-64)" with the unit
    "na 100 osób"), so that no unit stands twice."""
    name, unit = str(name), str(unit or "")
    if not unit:
        return name
    inner = name[name.rfind("(") + 1:-1] if name.endswith(")") and "(" in name else ""
    if _norm(unit) in _norm(inner):
        return name
    # "Saldo migracji na 1000 mieszkańców" with the unit "na 1000 mieszkańców": said already
    if re.search(rf"(?<!\w){re.escape(_norm(unit))}(?!\w)", _norm(name)):
        return name
    return f"{name} ({unit})"


def _norm(text: str) -> str:
    """Lower case, no-break spaces as spaces, hyphens in ranges as en dashes (for comparing)."""
    return " ".join(str(text).replace("\u00a0", " ").replace("-", "–").lower().split())


def source(base: str, demo: bool) -> str:
    """Return a source line, marked as demo data when ``demo``."""
    return f"{base} ({DEMO_MARK})" if demo else base


def draft_option(draft) -> Mapping | None:
    """Return the engine's draft mapping from a builder's ``draft`` option.

    ``None``/``False``/empty: a final document; ``True``: "PROJEKT"; a string: the stage label
    (e.g. "projekt 1"); a mapping is passed on as it is (version, date, deadline...).
    """
    if draft is None or draft is False or (isinstance(draft, str) and not draft.strip()):
        return None
    if draft is True:
        return {}
    if isinstance(draft, Mapping):
        return dict(draft)
    return {"label": str(draft).strip()}


def new_report(title: str, *, subject: str, author: str, demo: bool, template=None, draft=None,
               date=None, keywords=(), custom_props=None) -> Report:
    """Return an empty :class:`Report` with the builders' defaults."""
    return Report(template, title=title, subject=subject, author=author, keywords=keywords,
                  draft=draft_option(draft), demo=demo, date=date, custom_props=custom_props)


def front_matter(rep: Report, *, subtitle: str, lines: list[str], date=None,
                 place: str | None = None, adopted_by: str | None = None) -> None:
    """Add the title page, the table of contents and the lists of tables and figures.

    ``adopted_by``: the council adopting the document, in the genitive ("Rady Powiatu
    Kaliskiego", :func:`.uchwaly.council_of`): the cover then starts with "Załącznik do uchwały
    nr … Rady Powiatu Kaliskiego z dnia … r.". A subtitle naming the period the title names
    already ("na lata 2026–2035" under "... na lata 2026-2035") is left out: the period is
    printed once.
    """
    place_date = None
    if date is not None:
        place_date = f"{place + ', ' if place else ''}{fmt_date(date)}"
    if subtitle and _periods(subtitle) and _periods(subtitle) <= _periods(rep.title):
        subtitle = None
    annex = uchwaly.annex_line(adopted_by) if adopted_by else None
    rep.title_page(subtitle=subtitle, lines=lines, place_date=place_date, annex_line=annex)
    rep.toc()
    rep.list_of_tables()
    rep.list_of_figures()
    rep.page_break()


def _periods(text: str) -> set[tuple[str, str]]:
    """Return the year ranges ``text`` names ("2026-2035", "2026–2035")."""
    return set(re.findall(r"(\d{4})\s*[-–]\s*(\d{4})", str(text)))


def demo_paragraph(rep: Report, demo: bool) -> None:
    if demo:
        rep.paragraph({"text": wspolne.demo_note(), "bold": True})


def figure_area(key: str, catalog: Catalog) -> str | None:
    """Return the area a diagnosis figure belongs to (``trend_<ind>``, ``ranking_<ind>``...)."""
    if key in FIGURE_AREAS:
        return FIGURE_AREAS[key]
    for prefix in ("trend_", "ranking_"):
        ind = key[len(prefix):]
        if key.startswith(prefix) and ind in catalog:
            return catalog.get(ind).area
    return None


def area_table(table: pd.DataFrame) -> pd.DataFrame:
    """Return a diagnosis area table made narrow enough for a portrait page: the unit joins
    the indicator's name and the rank becomes one column "4 z 11"."""
    # One new frame from the columns (not a copy, an insert and two drops: a few times faster).
    # The columns are read as arrays, by position (repeated names allowed): each table[c]
    # would deep-copy the table's attrs.
    pos = {c: k for k, c in enumerate(table.columns)}

    def items(c):
        return tables.column_items(table, pos[c])

    rank = "Miejsce wśród gmin" in pos
    names = ["Wskaźnik (jednostka)"]
    arrays = [[name_with_unit(w, j) for w, j in zip(items("Wskaźnik"), items("Jednostka"))]]
    for k, c in enumerate(table.columns):
        if c in ("Wskaźnik", "Jednostka") or (rank and c == "Liczba gmin"):
            continue
        names.append(c)
        if rank and c == "Miejsce wśród gmin":
            arrays.append(["–" if pd.isna(r) or pd.isna(n) else f"{int(r)} z {int(n)}"
                           for r, n in zip(items("Miejsce wśród gmin"), items("Liczba gmin"))])
        else:
            arrays.append(table.iloc[:, k].array)
    df = pd.DataFrame(dict(enumerate(arrays)), index=table.index)
    df.columns = pd.Index(names)
    df.attrs = copy.deepcopy(table.attrs)
    return df


#: An amount in zł of at least this much is shown in thousands of zł in an area table: seven
#: digits in each year's column would leave the indicator's name a column of a few letters.
THOUSANDS_FROM = 100_000


def amounts_in_thousands(df: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Return the area table ``df`` (:func:`area_table` of ``table``) with the rows of amounts
    in zł that reach :data:`THOUSANDS_FROM` shown in thousands of zł: the values divided by
    1000 and the unit in the name "(tys. zł)"."""
    if "Jednostka" not in table.columns or not len(df):
        return df
    units = [str(u) for u in tables.column_items(table, list(table.columns).index("Jednostka"))]
    names = [str(w) for w in tables.column_items(table, list(table.columns).index("Wskaźnik"))]
    values = [c for c in df.columns[1:] if pd.api.types.is_numeric_dtype(df[c])]
    rows = [k for k, u in enumerate(units) if u == "zł" and values
            and (df.iloc[k][values].abs() >= THOUSANDS_FROM).any()]
    if not rows:
        return df
    out = df.copy()
    for k in rows:
        out.iloc[k, 0] = name_with_unit(names[k], "tys. zł")
        for c in values:
            out.iloc[k, list(out.columns).index(c)] = df.iloc[k][c] / 1000
    return out


def _column_lists(df: pd.DataFrame, *names: str) -> list[list]:
    """Return the items of the columns ``names`` of ``df`` (as ``itertuples`` gives them)."""
    pos = {c: k for k, c in enumerate(df.columns)}
    return [tables.column_items(df, pos[c]) for c in names]


def row_decimals(indicators, catalog: Catalog) -> list[int | None]:
    """Return the decimals of each row's indicator (counts and amounts 0, rates 1...)."""
    dec = {**KIND_DECIMALS, "amount": 0}
    return [dec.get(catalog.get(i).kind) if i in catalog else None for i in indicators]


def group_sentences(lines: list[str]) -> list[str]:
    """Return the sentences joined into one paragraph per indicator (consecutive sentences
    about the same indicator start with the same words)."""
    out: list[str] = []
    key = None
    for line in lines:
        k = line[:30]
        if out and k == key:
            out[-1] += " " + line
        else:
            out.append(line)
            key = k
    return out


#: Width (cm) of the rank column: "Miejsce" in the bold 9 pt header must not break mid-word.
RANK_WIDTH_CM = 1.9
#: The text width (cm) of a portrait page of the reference template (A4, margins 2,5 and 2 cm).
TEXT_WIDTH_CM = 16.5


def area_widths(df: pd.DataFrame, text_width_cm: float = TEXT_WIDTH_CM,
                row_decimals=None) -> list[float]:
    """Return the column widths (cm) of an area table from the measured texts of its cells:
    each value column as wide as its widest figure or header word needs (headers may wrap),
    the rank column at least :data:`RANK_WIDTH_CM`, and the indicator's name all the rest, so
    that a name wraps over two or three lines, not five (:func:`.tables.measured_widths`)."""
    rank = {df.shape[1] - 1: RANK_WIDTH_CM} if (
        df.shape[1] > 1 and df.columns[-1] == "Miejsce wśród gmin") else {}
    w = tables.measured_widths(df, text_width_cm, row_decimals=row_decimals, least=rank)
    # the name takes what the figures leave, even when it would not wrap in less
    return [max(text_width_cm - sum(w[1:]), 2.0)] + w[1:]


def diagnosis_area(rep: Report, d: Diagnosis, area: str, name: str, catalog: Catalog, *,
                   level: int = 2, figures: bool = True, only_trends: bool = False,
                   skip_figures: tuple[str, ...] = (), bookmark: str | None = None) -> Ref | None:
    """Add one area of a diagnosis: heading, table, the sentences (citing the table), charts.

    Return the table's :class:`Ref` (None when the area has no data). ``bookmark`` names the
    heading's bookmark (default: the report's own).
    """
    rep.heading(name, level, bookmark=bookmark)
    src = source(DATA_SOURCE, d.demo)
    table = d.tables.get(area)
    lines = d.sentences.get(area) or []
    ref = None
    if table is not None and len(table):
        df = amounts_in_thousands(area_table(table), table)
        years = [c for c in df.columns if c.isdigit()]
        inds = table.attrs.get("indicators")
        rd = row_decimals(inds, catalog) if inds and len(inds) == len(df) else None
        span = (f"{years[0]} r." if years[0] == years[-1]
                else f"lata {years[0]}–{years[-1]}")     # never "lata 2024–2024"
        ref = rep.table(df, f"{name} – {d.unit_label}, {span}", src,
                        widths=area_widths(df, row_decimals=rd), row_decimals=rd)
        rep.paragraph(diagnoza_obszary.table_note(), refs={"t": ref})
        for para in group_sentences(lines):
            rep.paragraph(para)
    elif lines:
        for para in group_sentences(lines):
            rep.paragraph(para)
    else:
        rep.paragraph(diagnoza_obszary.no_data(d.unit_label))
    if figures:
        for key, fig in d.figures.items():
            if key in skip_figures or figure_area(key, catalog) != area:
                continue
            if only_trends and not key.startswith("trend_"):
                continue
            rep.figure(fig.png, fig.caption, fig.source, width_cm=15)
    return ref


def comparison_frame(d: Diagnosis, catalog: Catalog) -> pd.DataFrame:
    """Return the gmina's comparable indicators next to the powiat: value, powiat value,
    difference, rank and the assessment (korzystniej / mniej korzystnie / podobnie).
    ``attrs['n_units']``: the number of gminas each printed rank is among."""
    c = d.comparisons[(d.comparisons["teryt"] == d.teryt) & d.comparisons["comparable"].fillna(False)
                      .astype(bool)]
    rows, ranked_among = [], []
    for indicator, direction, diff, position, value, powiat_value, rank, n_units in zip(
            *_column_lists(c, "indicator", "direction", "diff", "position", "value",
                           "powiat_value", "rank", "n_units")):
        ind = catalog.get(indicator)
        verdict = diagnoza_obszary.assessment_cell(direction, value, powiat_value)
        rows.append({"Wskaźnik (jednostka)": name_with_unit(ind.name, ind.unit),
                     "Gmina": float(value),
                     "Powiat": float(powiat_value),
                     # from the values as the table prints them (at most 2 places, half up)
                     "Różnica": shown_difference(value, powiat_value, 2),
                     "Miejsce": "–" if pd.isna(rank) else f"{int(rank)} z {int(n_units)}",
                     "Ocena": verdict})
        if not pd.isna(rank):
            ranked_among.append(int(n_units))
    df = pd.DataFrame(rows, columns=["Wskaźnik (jednostka)", "Gmina", "Powiat", "Różnica",
                                     "Miejsce", "Ocena"])
    df.attrs["n_units"] = ranked_among
    return df


def forecast_frame(d: Diagnosis, catalog: Catalog) -> pd.DataFrame:
    """Return one row per forecast of a diagnosis: the last observed value, the forecast at the
    horizon with its 80% interval, or the reason no forecast was made."""
    own = d.values[(d.values["teryt"] == d.teryt) & d.values["value"].notna()]
    # The latest observation of each indicator, in one pass over the unit's rows (not a
    # filter and a sort per forecast).
    latest: dict[str, tuple[int, float]] = {}
    for ind_id, year, value in zip(own["indicator"].tolist(), own["year"].tolist(),
                                   own["value"].tolist()):
        if ind_id not in latest or year > latest[ind_id][0]:
            latest[ind_id] = (year, value)
    rows = []
    for ind_id, f in d.forecasts.items():
        ind = catalog.get(ind_id)
        dec = 0 if ind.kind in ("count", "balance", "amount") else 1
        obs = latest.get(ind_id)
        last = float(obs[1]) if obs else float("nan")
        made = f.made and bool(f.values)
        rows.append({"Wskaźnik (jednostka)": name_with_unit(ind.name, ind.unit),
                     "Rok": str(int(obs[0])) if obs else "–",
                     "Wartość": last,
                     f"Prognoza {f.horizon}": float(f.values[-1]) if made else float("nan"),
                     "Przedział 80%": (f"{fmt_number(f.lower[-1], dec)} – {fmt_number(f.upper[-1], dec)}"
                                       if made else "–"),
                     "Uwagi": f"metoda {f.method}" if made else (
                         prognoza.refusal_reason(f) or f.refused_reason or "–")})
    df = pd.DataFrame(rows)
    df.attrs["indicators"] = list(d.forecasts)
    return df


def ranking_frame(d: Diagnosis, catalog: Catalog, n: int = 12) -> pd.DataFrame:
    """Return the most pressing indicators (score > 0) with the parts of their score."""
    r = d.ranking[d.ranking["score"] > 0].head(n)
    rows = [{"Lp.": str(i), "Wskaźnik": catalog.get(indicator).name,
             "Obszar": catalog.areas.get(area, area),
             "Odchylenie od powiatu": float(gap), "Tendencja": float(trend),
             "Poziom": float(level), "Wynik": float(score)}
            for i, (indicator, area, gap, trend, level, score) in enumerate(
                zip(*_column_lists(r, "indicator", "area", "gap", "trend", "level", "score")),
                start=1)]
    return pd.DataFrame(rows, columns=["Lp.", "Wskaźnik", "Obszar", "Odchylenie od powiatu",
                                       "Tendencja", "Poziom", "Wynik"])


def areas_frame(d: Diagnosis, catalog: Catalog) -> pd.DataFrame:
    """Return the areas ordered by their score with their most pressing indicators."""
    rows = [{"Miejsce": str(i), "Obszar": name, "Wynik": float(score),
             "Najpilniejsze wskaźniki": "; ".join(catalog.get(x).name for x in list(top)[:2])}
            for i, (name, score, top) in enumerate(
                zip(*_column_lists(d.areas, "area_name", "score", "top_indicators")), start=1)]
    return pd.DataFrame(rows, columns=["Miejsce", "Obszar", "Wynik", "Najpilniejsze wskaźniki"])


def swot_suggestions_frame(d: Diagnosis) -> pd.DataFrame:
    """Return the SWOT suggestions computed from the figures."""
    rows = [{"Kategoria": s.get("kind", ""), "Obszar": s.get("area_name", ""),
             "Uzasadnienie z danych": s.get("text", "")} for s in d.swot]
    return pd.DataFrame(rows, columns=["Kategoria", "Obszar", "Uzasadnienie z danych"])


def bold_last_row(rep: Report) -> None:
    """Print the last row of the table just added in bold (a 'Razem' row)."""
    rep.bold_rows(-1)


def bullets_or(rep: Report, items, empty: str) -> None:
    items = [i for i in items if i]
    if items:
        rep.bullets(items)
    else:
        rep.paragraph(empty)


def monitoring_items(monitoring: Mapping) -> list:
    labels = {"koordynator": "Koordynator", "zespol": "Zespół monitorujący",
              "raporty": "Sprawozdawczość", "ewaluacja": "Ewaluacja", "opis": "Opis"}
    return [[{"text": f"{labels.get(k, str(k).capitalize())}: ", "bold": True}, str(v)]
            for k, v in monitoring.items() if v]


def section_id(item_id: str) -> str:
    """Return an id from the plan ("1.2") as a part of a bookmark name ("1_2")."""
    return re.sub(r"[^0-9A-Za-z]+", "_", str(item_id)).strip("_")


def out_path(path) -> Path:
    return Path(path)


def targets_notes(rep: Report, plan, psrc: str, catalog: Catalog, values=None) -> None:
    """Write, after a table of targets, the justification of each target that has one (worse
    than its baseline or not: from ``values`` when given), and the output indicators of each
    direction of action (with a mark and a bold sentence where a direction has none)."""
    for line in data.justification_sentences(plan, values, catalog):
        rep.paragraph(line)
    of = data.outputs_frame(plan, catalog)
    if not len(of):
        return
    ref = rep.table(of, "Wskaźniki produktu kierunków działań", psrc, widths=OUTPUT_WIDTHS)
    rep.paragraph(wspolne.outputs_table_note(), refs={"t": ref})
    note = data.outputs_note(plan)
    if note:
        rep.paragraph({"text": note, "bold": True})


def plan_warnings(doc, plan):
    """Record on ``doc`` (for the build summary and the control file) that its targets are
    proposals for a gmina without its own programme, each target without a baseline (not
    checked until it has one) and the warnings of the document's context on its data (its
    ``data_warnings``: e.g. the gminas without data by area in the strategy); return ``doc``.
    (Directions of action without an output indicator are marked in the document itself:
    :func:`targets_notes`.)"""
    for kind, line in getattr(doc.ctx, "data_warnings", ()):
        doc.warn(kind, line)
    values = getattr(doc.ctx, "values", None)
    if values is not None and not plan.extra.get("propozycja"):
        for line in data.missing_baselines(plan, values):
            doc.warn("bazowa", line)
    wzor = plan.extra.get("wzor")
    if plan.extra.get("propozycja") and wzor:
        doc.warn("propozycja", f"gmina nie ma własnego programu: cele i działania według "
                               f"programu gminy {wzor['nazwa']}, wartości docelowe "
                               "zaproponowane z danych gminy, kwoty do ustalenia przez gminę")
    return doc
