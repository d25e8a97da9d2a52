"""Cross-document consistency: does the strategy agree with the programmes and with the data?

In: the plans of a powiat's documents (:class:`strategy.plan.Plan`: the strategy, the foster-care
programme, the gminas' family-support programmes with their annual-report part) and the long
values frame of the powiat and its gminas (``teryt``, ``year``, ``indicator``, ``value``, as
:func:`strategy.diagnosis.powiat_values` returns it). Out: a list of :class:`Finding` - the
check (``kind``), the unit it concerns and one Polish sentence that gives both numbers. Pure:
nothing is read or written here; the strategy's control annex and the build summary show them.

The checks (thresholds are the module's constants, described in ``data/raw/plany/README.md``):

* ``rama_program`` - in every year the strategy's money from each payer is at least what the
  sectoral programmes of the powiat plan from that payer: the foster-care programme and the
  family-support programmes of the gminas. A gmina programme's co-financing of foster care
  (a gmina source whose name says "piecz") is already the foster programme's gmina share, so
  it counts once, and it must not exceed that share;
* ``rama_wydatki`` - the strategy's powiat budget is in no year below what the powiat paid
  from its own budget for foster care alone in the last year with data (the powiat's spending
  minus the gminas' co-financing);
* ``program_wydatki`` - a programme's money for a task in its first year is within a factor of
  :data:`PLAUSIBLE_FACTOR` of the spending on that task in the last year with data (the whole
  foster-care programme against the powiat's foster-care spending; a gmina's co-financing of
  foster care against what the gmina paid);
* ``okres_sprawozdania`` - the year of a programme's annual report and the years of reported
  values (``wykonanie``) lie within the programme's period;
* ``wartosc_bazowa`` - a baseline typed beside a catalogue indicator equals the unit's data for
  that year, to the decimals typed;
* ``dane_jednostki`` - figures a document gives for its unit (the annual report's children in
  co-financed foster care and its co-financing spending, reported values of catalogue
  indicators) are that unit's: equal to its data for the year when the data have the year,
  else within :data:`PLAUSIBLE_FACTOR` of its last value; a figure that is another unit's value
  is said to be so.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from .plan import Plan
from .plan.model import PAYERS
from .text import NBSP, fmt_amount, fmt_number

#: A planned or reported figure more than this many times above or below the data is implausible.
PLAUSIBLE_FACTOR = 2.0
#: Spending indicators of the data (catalogue ids).
POWIAT_FOSTER_SPENDING = "wydatki_piecza_powiat"
GMINA_FOSTER_COFINANCING = "wydatki_gminy_piecza"
#: Figures of a family-support programme's annual report and the catalogue indicator each one is.
REPORT_FIGURES = {"dzieci_piecza_wspolfinansowane": "dzieci_piecza_z_gminy"}
#: How the strategy's money from a payer is named in a sentence ("z budżetu powiatu").
FROM_PAYER = {"powiat": "z budżetu powiatu", "gmina": "z budżetów gmin",
              "panstwo": "z budżetu państwa", "pfron": "ze środków PFRON",
              "ue": "z funduszy Unii Europejskiej", "inne": "z innych źródeł"}
FOSTER, FAMILY, STRATEGY = ("program_pieczy_zastepczej", "program_wspierania_rodziny",
                            "strategia_powiatu")


#: The checks: kind -> (short Polish name, what is checked - one bullet of the control annex).
CHECKS = {
    "rama_program": ("ramy finansowe a programy",
                     ("ramy finansowe strategii od każdego płatnika w każdym roku nie są mniejsze "
                      "niż suma kwot powiatowego programu rozwoju pieczy zastępczej i gminnych "
                      "programów wspierania rodziny")),
    "rama_wydatki": ("ramy finansowe a wydatki",
                     ("budżet powiatu w strategii nie jest mniejszy niż wydatki powiatu z "
                      "własnego budżetu na samą pieczę zastępczą w ostatnim roku z danymi")),
    "program_wydatki": ("program a wydatki",
                        ("kwoty programów na pierwszy rok nie są więcej niż dwa razy mniejsze ani "
                         "większe od wydatków na to samo zadanie w ostatnim roku z danymi")),
    "okres_sprawozdania": ("okres sprawozdania",
                           "rok sprawozdania i lata wartości wykonania należą do okresu programu"),
    "wartosc_bazowa": ("wartość bazowa",
                       "wartości bazowe wpisane w planach zgadzają się z danymi jednostki"),
    "dane_jednostki": ("dane jednostki",
                       ("liczby podane dla gminy (sprawozdanie, wykonanie wskaźników) pochodzą z "
                        "danych tej gminy, a nie innej jednostki")),
}


@dataclass(frozen=True)
class Finding:
    """One inconsistency: the check that found it, the unit's TERC code, a Polish sentence."""

    kind: str
    unit: str
    text: str


def check_powiat(strategy: Plan | None, programmes: list[Plan], values: pd.DataFrame, *,
                 name: Callable[[str], str] = str) -> list[Finding]:
    """Return the findings of every check for a powiat's documents.

    ``programmes`` are the plans of the powiat's own programmes (the foster-care programme of
    the powiat, the family-support programmes of gminas that have their own plan); ``name``
    gives a unit's name for the sentences (e.g. ``Registry.display_name``).
    """
    out: list[Finding] = []
    plans = [p for p in [strategy, *programmes] if p is not None]
    if strategy is not None:
        out += frame_against_programmes(strategy, programmes, name=name)
        out += frame_against_spending(strategy, values)
    for p in programmes:
        out += programme_against_spending(p, values, name=name)
    for p in plans:
        out += report_period(p, name=name)
        out += baselines(p, values, name=name)
        out += unit_figures(p, values, name=name)
    return out


# ---- money ---------------------------------------------------------------------------------
def _is_foster_cofinancing(source: str, payer: str) -> bool:
    return payer == "gmina" and "piecz" in source.lower()


def _programme_amounts(p: Plan, payer: str, *, skip_cofinancing: bool) -> dict[int, float]:
    out: dict[int, float] = {}
    for f in p.funding:
        if f.payer != payer or (skip_cofinancing and _is_foster_cofinancing(f.source, f.payer)):
            continue
        for y, a in f.amounts.items():
            out[y] = out.get(y, 0.0) + a
    return out


def _cofinancing(p: Plan) -> dict[int, float]:
    out: dict[int, float] = {}
    for f in p.funding:
        if _is_foster_cofinancing(f.source, f.payer):
            for y, a in f.amounts.items():
                out[y] = out.get(y, 0.0) + a
    return out


def year_ranges(years: list[int]) -> str:
    """Return sorted years with runs joined by an en dash: ``2027–2029, 2031``."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def _years_note(years: list[int], what: str) -> str:
    if not years:
        return ""
    return f" {what} także w {'roku' if len(years) == 1 else 'latach'} {year_ranges(years)}."


def _title(p: Plan, name: Callable[[str], str]) -> str:
    if p.kind == FOSTER:
        return "powiatowy program rozwoju pieczy zastępczej"
    if p.kind == FAMILY:
        return f"program wspierania rodziny gminy {name(p.unit)}"
    return "strategia"


def frame_against_programmes(strategy: Plan, programmes: list[Plan], *,
                             name: Callable[[str], str] = str) -> list[Finding]:
    """Return a finding per payer whose money in the strategy is below the programmes' sum in
    some year (``rama_program``), and one when the gminas' programmes plan more co-financing of
    foster care than the foster-care programme expects from the gminas."""
    foster = [p for p in programmes if p.kind == FOSTER and p.unit == strategy.unit]
    family = [p for p in programmes if p.kind == FAMILY and p.unit[:4] == strategy.unit]
    years = set(range(strategy.years[0], strategy.years[1] + 1))
    frame = strategy.by_payer()
    out = []
    for payer in PAYERS:
        parts: list[tuple[Plan, dict[int, float]]] = []
        for p in foster:
            parts.append((p, _programme_amounts(p, payer, skip_cofinancing=False)))
        for p in family:
            parts.append((p, _programme_amounts(p, payer, skip_cofinancing=bool(foster))))
        need = {y: math.fsum(a.get(y, 0.0) for _, a in parts) for y in years}
        short = [y for y in sorted(years)
                 if need[y] > 0 and frame.get(payer, {}).get(y, 0.0) < need[y] - 0.005]
        if not short:
            continue
        y = short[0]
        have = frame.get(payer, {}).get(y, 0.0)
        named = "; ".join(f"{_title(p, name)}: {fmt_amount(a[y], None)}"
                          for p, a in parts if a.get(y))
        out.append(Finding("rama_program", strategy.unit,
            f"Ramy finansowe strategii przewidują na {y}{NBSP}r. {FROM_PAYER[payer]} "
            f"{fmt_amount(have, None)}, a programy powiatu i gmin na ten rok "
            f"{fmt_amount(need[y], None)} ({named})."
            + _years_note(short[1:], "Mniej niż w programach jest")))
    if foster and family:
        share = {y: math.fsum(_programme_amounts(p, "gmina", skip_cofinancing=False).get(y, 0.0)
                              for p in foster) for y in years}
        cof = {y: math.fsum(_cofinancing(p).get(y, 0.0) for p in family) for y in years}
        over = [y for y in sorted(years) if cof[y] > share[y] + 0.005 and any(
            y in range(p.years[0], p.years[1] + 1) for p in foster)]
        if over:
            y = over[0]
            out.append(Finding("rama_program", strategy.unit,
                f"Gminne programy wspierania rodziny przewidują na {y}{NBSP}r. współfinansowanie "
                f"pieczy zastępczej {fmt_amount(cof[y], None)}, a powiatowy program rozwoju "
                f"pieczy zastępczej oczekuje od gmin {fmt_amount(share[y], None)}."
                + _years_note(over[1:], "Więcej niż w programie pieczy jest")))
    return out


def _last(values: pd.DataFrame, teryt: str, indicator: str,
          year: int | None = None) -> tuple[float, int | None]:
    v = values[(values["teryt"] == teryt) & (values["indicator"] == indicator)
               & values["value"].notna()]
    if year is not None:
        v = v[v["year"] <= year]
    if not len(v):
        return float("nan"), None
    row = v.sort_values("year").iloc[-1]
    return float(row["value"]), int(row["year"])


def _at(values: pd.DataFrame, teryt: str, indicator: str, year: int) -> float:
    v = values[(values["teryt"] == teryt) & (values["indicator"] == indicator)
               & (values["year"] == year)]["value"].dropna()
    return float(v.iloc[0]) if len(v) else float("nan")


def own_foster_spending(values: pd.DataFrame, powiat: str) -> tuple[float, float, float, int] | None:
    """Return (own, spent, co-financed, year): what powiat ``powiat`` spent on foster care in
    the last year with data, the gminas' co-financing of that year and the difference; None
    without data."""
    spent, year = _last(values, powiat, POWIAT_FOSTER_SPENDING)
    if year is None:
        return None
    g = values[(values["indicator"] == GMINA_FOSTER_COFINANCING) & (values["year"] == year)
               & values["teryt"].str.startswith(powiat) & (values["teryt"].str.len() == 7)]
    cof = float(g["value"].dropna().sum())
    return spent - cof, spent, cof, year


def frame_against_spending(strategy: Plan, values: pd.DataFrame) -> list[Finding]:
    """Return a finding when the strategy's powiat budget is in some year below the powiat's own
    spending on foster care in the last year with data (``rama_wydatki``)."""
    got = own_foster_spending(values, strategy.unit)
    if got is None:
        return []
    own, spent, cof, data_year = got
    money = strategy.by_payer().get("powiat", {})
    years = range(strategy.years[0], strategy.years[1] + 1)
    short = [y for y in years if money.get(y, 0.0) < own - 0.005]
    if not short:
        return []
    y = short[0]
    how = (f" ({fmt_amount(spent, None)} wydatków minus {fmt_amount(cof, None)} "
           "współfinansowania gmin)" if cof else "")
    return [Finding("rama_wydatki", strategy.unit,
        f"Ramy finansowe strategii przewidują na {y}{NBSP}r. z budżetu powiatu "
        f"{fmt_amount(money.get(y, 0.0), None)}, mniej niż powiat wydał z własnego budżetu na "
        f"samą pieczę zastępczą w {data_year}{NBSP}r.: {fmt_amount(own, None)}{how}."
        + _years_note(short[1:], "Mniej jest"))]


def _times(figure: float, base: float) -> str:
    """Return '3,4 raza więcej' / '2,5 raza mniej' (``figure`` against ``base``)."""
    if figure >= base:
        return f"{fmt_number(figure / base, 1)} raza więcej"
    return f"{fmt_number(base / figure, 1) if figure else '∞'} raza mniej"


def _implausible(planned: float, actual: float) -> bool:
    if not actual or math.isnan(actual) or math.isnan(planned):
        return False
    return planned > actual * PLAUSIBLE_FACTOR or planned < actual / PLAUSIBLE_FACTOR


def programme_against_spending(p: Plan, values: pd.DataFrame, *,
                               name: Callable[[str], str] = str) -> list[Finding]:
    """Return a finding when a programme's money for a task in its first year is implausible
    against the spending on that task in the last year with data (``program_wydatki``)."""
    if p.kind == FOSTER:
        indicator, amounts = POWIAT_FOSTER_SPENDING, {}
        for f in p.funding:
            for y, a in f.amounts.items():
                amounts[y] = amounts.get(y, 0.0) + a
        what, whose = "na pieczę zastępczą ze wszystkich źródeł", "powiat wydał na pieczę zastępczą"
    elif p.kind == FAMILY:
        indicator, amounts = GMINA_FOSTER_COFINANCING, _cofinancing(p)
        what, whose = ("na współfinansowanie pieczy zastępczej",
                       "gmina zapłaciła za pieczę zastępczą swoich dzieci")
    else:
        return []
    if not amounts:
        return []
    actual, data_year = _last(values, p.unit, indicator)
    y = min(amounts)
    if data_year is None or not _implausible(amounts[y], actual):
        return []
    title = _title(p, name)
    return [Finding("program_wydatki", p.unit,
        f"{title[0].upper()}{title[1:]} przewiduje na {y}{NBSP}r. {what} "
        f"{fmt_amount(amounts[y], None)}, a w {data_year}{NBSP}r. {whose} "
        f"{fmt_amount(actual, None)} (dane) – plan to {_times(amounts[y], actual)}.")]


# ---- years, baselines, figures of the unit -----------------------------------------------------
def report_period(p: Plan, *, name: Callable[[str], str] = str) -> list[Finding]:
    """Return a finding when the annual report or a reported value lies outside the plan's
    period (``okres_sprawozdania``)."""
    y0, y1 = p.years
    out = []
    report = p.extra.get("sprawozdanie")
    if isinstance(report, dict) and report.get("rok") is not None:
        try:
            year = int(report["rok"])
        except (TypeError, ValueError):
            year = None
        if year is not None and not y0 <= year <= y1:
            out.append(Finding("okres_sprawozdania", p.unit,
                f"Sprawozdanie ({_title(p, name)}) dotyczy {year}{NBSP}r., a program obejmuje lata "
                f"{y0}–{y1}."))
    for og, t in p.targets():
        outside = sorted(y for y in t.actual if not y0 <= y <= y1)
        if outside:
            out.append(Finding("okres_sprawozdania", p.unit,
                f"Wskaźnik „{t.name}” (cel {og.id}, {_title(p, name)}) ma wartość wykonania za "
                f"{year_ranges(outside)}{NBSP}r., poza okresem {y0}–{y1}."))
    return out


def _decimals(x: float) -> int:
    text = repr(float(x))
    if "e" in text:
        return 6
    frac = text.split(".")[1].rstrip("0")
    return len(frac)


def baselines(p: Plan, values: pd.DataFrame, *,
              name: Callable[[str], str] = str) -> list[Finding]:
    """Return a finding per typed baseline of a catalogue indicator that differs from the unit's
    data for its year (``wartosc_bazowa``), compared to the decimals typed."""
    out = []
    for og, t in p.targets():
        if not t.indicator or t.baseline is None:
            continue
        year = t.baseline_year or p.years[0] - 1
        data = _at(values, p.unit, t.indicator, year)
        if math.isnan(data):
            continue
        d = _decimals(t.baseline)
        if abs(data - t.baseline) >= 0.5 * 10 ** -d:
            out.append(Finding("wartosc_bazowa", p.unit,
                f"Wskaźnik „{t.name}” (cel {og.id}, {_title(p, name)}): wartość bazowa w "
                f"planie {fmt_number(t.baseline)}, a dane jednostki za {year}{NBSP}r. – "
                f"{fmt_number(data)}."))
    return out


def _whose(values: pd.DataFrame, indicator: str, figure: float, year: int, own: str,
           name: Callable[[str], str]) -> str:
    """Return ' – tyle ma gmina X (kod) w 2024 r.' when another unit has ``figure``."""
    v = values[(values["indicator"] == indicator) & (values["teryt"] != own)
               & (values["year"] <= year) & values["value"].notna()]
    hit = v[(v["value"] - figure).abs() <= max(0.005, abs(figure) * 1e-9)]
    if not len(hit):
        return ""
    row = hit.sort_values("year").iloc[-1]
    return (f"; taką wartość mają dane jednostki {name(row['teryt'])} ({row['teryt']}) za "
            f"{int(row['year'])}{NBSP}r.")


def _figure(p: Plan, values: pd.DataFrame, indicator: str, figure: float, year: int,
            label: str, amount: bool, name: Callable[[str], str]) -> Finding | None:
    fmt = (lambda x: fmt_amount(x)) if amount else (lambda x: fmt_number(x))
    same = _at(values, p.unit, indicator, year)
    if not math.isnan(same):
        if abs(same - figure) < 0.005:
            return None
        why = f"dane jednostki za {year}{NBSP}r. – {fmt(same)}"
    else:
        last, last_year = _last(values, p.unit, indicator, year)
        if last_year is None or not _implausible(figure, last):
            return None
        why = (f"ostatnia wartość w danych jednostki ({last_year}{NBSP}r.) to {fmt(last)} – "
               f"podana liczba jest {_times(figure, last)}")
    text = (f"{label} ({_title(p, name)}, {year}{NBSP}r.): {fmt(figure)}, a {why}"
            f"{_whose(values, indicator, figure, year, p.unit, name)}")
    return Finding("dane_jednostki", p.unit, text if text.endswith(".") else text + ".")


def unit_figures(p: Plan, values: pd.DataFrame, *,
                 name: Callable[[str], str] = str) -> list[Finding]:
    """Return a finding per figure of the plan that is not its unit's (``dane_jednostki``)."""
    out = []
    report = p.extra.get("sprawozdanie")
    if isinstance(report, dict) and report.get("rok") is not None:
        try:
            year = int(report["rok"])
        except (TypeError, ValueError):
            year = None
        if year is not None:
            for key, indicator in REPORT_FIGURES.items():
                if isinstance(report.get(key), (int, float)) and not isinstance(report.get(key), bool):
                    out.append(_figure(p, values, indicator, float(report[key]), year,
                                       "Dzieci w pieczy zastępczej współfinansowanej przez gminę",
                                       False, name))
            spent = [float(w.get("kwota", 0) or 0) for w in report.get("wydatki") or []
                     if isinstance(w, dict) and "piecz" in str(w.get("zrodlo", "")).lower()]
            if spent:
                out.append(_figure(p, values, GMINA_FOSTER_COFINANCING, math.fsum(spent), year,
                                   "Wydatki na współfinansowanie pieczy zastępczej", True, name))
    for og, t in p.targets():
        if not t.indicator:
            continue
        for year, figure in sorted(t.actual.items()):
            out.append(_figure(p, values, t.indicator, float(figure), year,
                               f"Wykonanie wskaźnika „{t.name}” (cel {og.id})", False, name))
    return [f for f in out if f is not None]
