"""Cross-document consistency: does the strategy agree with the programmes and with the data?

In: the plans of a powiat's documents (:class:`strategy.plan.Plan`: the strategy, the foster-care
programme, the gminas' family-support programmes with their annual-report part) and the long
values frame of the powiat and its gminas (``teryt``, ``year``, ``indicator``, ``value``, as
:func:`strategy.diagnosis.powiat_values` returns it). Out: :func:`check_powiat` gives a
:class:`Control` - for every category of :data:`CHECKS` a :class:`Status` (checked, partly
checked, not checked, with the Polish reason: no foster-care programme yet, gminas without
amounts in a programme of their own, no data on an institution) and the :class:`Finding` list
(the category, the unit, one Polish sentence with both values and both places; ``values`` and
``where`` hold them apart). Iterating a control gives its findings. Pure: nothing is read or
written here; the strategy's control annex and the build summary show them. The annex says
"Nie stwierdzono niespójności" only when :attr:`Control.complete` and nothing was found
(:meth:`Control.conclusion`).

The checks (thresholds are the module's constants, described in ``data/raw/plany/README.md``):

* ``cel_wskaznika`` - the strategy and the foster-care programme give no different targets of
  one catalogue indicator for the same year (goal indicators and direction outputs); gmina
  programmes' targets of a gmina-level count are summed and compared with the strategy's target
  of that year only when every gmina of the powiat has one (else: partly checked);
* ``cel_rok`` (a note, :data:`NOTE_KINDS`) - the programme has a target for a year the strategy
  gives no value for, while the strategy targets the same indicator in other years;
* ``kwoty_zadan`` - the foster-care programme's money and the strategy's costs of the
  directions that hold the same tasks are equal per payer in every year of the programme; the
  tasks are matched by :func:`task_pairs` (the programme's ``w_strategii``, else directions of
  the same name);
* ``termin_finansowanie`` - a direction with costs has money in every year of its term within
  the plan's years and none outside it (a plan without direction costs: its frame against the
  years of its directions' terms);
* ``cel_finansowanie`` - a target's year is not after the last year its direction (outputs)
  or its goal's directions (goal indicators) have money;
* ``wspolfinansowanie`` - the gmina programmes' co-financing of foster care does not exceed the
  foster-care programme's gmina share, and equals it when every gmina gives amounts;
* ``instytucje_dane`` - the strategy's institutions (places, waiting, occupied, summed by kind)
  equal the powiat's catalogue indicators holding them (:data:`INSTITUTION_DATA`) in the year
  the institutions are given for;
* ``rama_program`` - in every year the strategy's money from each payer is at least what the
  sectoral programmes of the powiat plan from that payer: the foster-care programme and the
  family-support programmes of the gminas. A gmina programme's co-financing of foster care
  (a gmina source whose name says "piecz") is already the foster programme's gmina share, so
  it counts once (``wspolfinansowanie`` compares the two);
* ``rama_wydatki`` - the strategy's powiat budget is in no year below what the powiat paid
  from its own budget for foster care alone in the last year with data (the powiat's spending
  minus the gminas' co-financing);
* ``program_wydatki`` - a programme's money for a task in its first year is within a factor of
  :data:`PLAUSIBLE_FACTOR` of the spending on that task in the last year with data (the whole
  foster-care programme against the powiat's foster-care spending; a gmina's co-financing of
  foster care against what the gmina paid);
* ``koszt_jednostkowy`` - a direction whose targets fix a count (family assistants, children
  in foster care) has costs in the count's year within
  :data:`strategy.analysis.unit_costs.TOLERANCE` of count x the unit cost from the data
  (carried forward by its trend); a plan without direction costs: its frame is not below that
  (:mod:`strategy.analysis.unit_costs`);
* ``cel_prognoza`` - a catalogue target for a year after the data is better than the
  no-action forecast of its indicator (the diagnosis's method); a justified one is a note;
* ``cel_zasoby`` - a ratio per staff (families per assistant) with the staff the plan sets
  does not mean fewer served than at the baseline; a places target is not raised in
  institutions occupied below 80 % (:mod:`strategy.analysis.targets`; the three checks run in
  :mod:`strategy.consistency_targets`);
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
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from .catalog import Catalog, default_catalog
from .consistency_base import (  # noqa: F401 - re-exported
    CHECKED,
    FAMILY,
    FOSTER,
    NOT_CHECKED,
    NOTE_KINDS,
    PARTLY,
    STRATEGY,
    Finding,
    Status,
)
from .consistency_base import doc_name as _doc
from .consistency_base import year_text as _yr
from .consistency_targets import (
    amounts_against_unit_costs,
    targets_against_forecast,
    targets_against_resources,
)
from .plan import Plan
from .plan.model import PAYERS, Funding
from .plan.scope import INSTITUTION_KINDS
from .text import NBSP, fmt_amount, fmt_date, fmt_number, fmt_value, plural_category
from .text import kontrola as kontrola_text

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


#: The checks: kind -> (short Polish name, what is checked - one bullet of the control annex),
#: in the order the annex lists them.
CHECKS = {
    "cel_wskaznika": ("cele tego samego wskaźnika",
                      ("strategia i programy nie podają różnych wartości docelowych tego samego "
                       "wskaźnika na ten sam rok (cele gmin zsumowane – gdy mają je wszystkie "
                       "gminy)")),
    "cel_rok": ("cele w różnych latach",
                ("gdy program ma cel wskaźnika na rok, na który strategia dla tego wskaźnika "
                 "celu nie podaje, zapisuje się uwagę")),
    "cel_prognoza": kontrola_text.CHECK_FORECAST,
    "cel_zasoby": kontrola_text.CHECK_RESOURCES,
    "kwoty_zadan": ("kwoty tych samych zadań",
                    ("program rozwoju pieczy zastępczej i kierunki strategii, w których ujęto "
                     "jego zadania, mają na każdy rok programu te same kwoty od każdego płatnika")),
    "termin_finansowanie": ("termin a finansowanie",
                            ("kierunki działań mają pieniądze w każdym roku swojego terminu i nie "
                             "mają ich poza nim")),
    "cel_finansowanie": ("cel a finansowanie",
                         ("finansowanie kierunków nie kończy się przed rokiem wartości "
                          "docelowej ich wskaźników")),
    "rama_program": ("ramy finansowe a programy",
                     ("ramy finansowe strategii od każdego płatnika w każdym roku nie są mniejsze "
                      "niż suma kwot powiatowego programu rozwoju pieczy zastępczej i gminnych "
                      "programów wspierania rodziny")),
    "wspolfinansowanie": ("współfinansowanie gmin",
                          ("współfinansowanie pieczy zastępczej w gminnych programach nie "
                           "przekracza udziału gmin w programie rozwoju pieczy zastępczej, a "
                           "gdy kwoty podają wszystkie gminy – równa się mu")),
    "rama_wydatki": ("ramy finansowe a wydatki",
                     ("budżet powiatu w strategii nie jest mniejszy niż wydatki powiatu z "
                      "własnego budżetu na samą pieczę zastępczą w ostatnim roku z danymi")),
    "program_wydatki": ("program a wydatki",
                        ("kwoty programów na pierwszy rok nie odbiegają więcej niż dwukrotnie "
                         "(w górę ani w dół) od wydatków na to samo zadanie w ostatnim roku "
                         "z danymi")),
    "koszt_jednostkowy": kontrola_text.CHECK_UNIT_COST,
    "instytucje_dane": ("instytucje a dane",
                        ("liczby miejsc, uczestników i oczekujących w instytucjach opisanych w "
                         "strategii równają się danym powiatu za ten sam rok")),
    "okres_sprawozdania": ("okres sprawozdania",
                           "rok sprawozdania i lata wartości wykonania należą do okresu programu"),
    "wartosc_bazowa": ("wartość bazowa",
                       "wartości bazowe wpisane przy wskaźnikach zgadzają się z danymi jednostki"),
    "dane_jednostki": ("dane jednostki",
                       ("liczby podane dla gminy (sprawozdanie, wykonanie wskaźników) pochodzą z "
                        "danych tej gminy, a nie innej jednostki")),
}


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
    some year (``rama_program``)."""
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
            + _years_note(short[1:], "Mniej niż w programach jest"),
            (have, need[y]), (f"strategia, ramy finansowe, {_yr(y)}",
                              f"programy powiatu i gmin, ramy finansowe, {_yr(y)}")))
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
        + _years_note(short[1:], "Mniej jest"),
        (money.get(y, 0.0), own), (f"strategia, ramy finansowe, {_yr(y)}",
                                   f"dane, {_yr(data_year)}"))]


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
        f"{fmt_amount(actual, None)} (dane) – plan to {_times(amounts[y], actual)}.",
        (amounts[y], actual), (f"{_doc(p, name)}, ramy finansowe, {_yr(y)}",
                               f"dane, {_yr(data_year)}"))]


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
                f"{y0}–{y1}.", (year, f"{y0}–{y1}"),
                (f"{_doc(p, name)}, sprawozdanie", f"{_doc(p, name)}, okres programu")))
    for og, t in p.targets():
        outside = sorted(y for y in t.actual if not y0 <= y <= y1)
        if outside:
            out.append(Finding("okres_sprawozdania", p.unit,
                f"Wskaźnik „{t.name}” (cel {og.id}, {_title(p, name)}) ma wartość wykonania za "
                f"{year_ranges(outside)}{NBSP}r., poza okresem {y0}–{y1}.",
                (year_ranges(outside), f"{y0}–{y1}"),
                (f"{_doc(p, name)}, cel {og.id}, wykonanie", f"{_doc(p, name)}, okres")))
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
                f"Wskaźnik „{t.name}” (cel {og.id}, {_title(p, name)}): wartość bazowa "
                f"wpisana w dokumencie {fmt_number(t.baseline)}, a dane jednostki za {year}{NBSP}r. – "
                f"{fmt_number(data)}.",
                (t.baseline, data), (f"{_doc(p, name)}, cel {og.id}, wartość bazowa",
                                     f"dane, {_yr(year)}")))
    return out


def _whose(values: pd.DataFrame, indicator: str, figure: float, year: int, own: str,
           name: Callable[[str], str]) -> str:
    """Return '; taką wartość mają dane jednostki X za 2024 r.' when another unit has ``figure``."""
    v = values[(values["indicator"] == indicator) & (values["teryt"] != own)
               & (values["year"] <= year) & values["value"].notna()]
    hit = v[(v["value"] - figure).abs() <= max(0.005, abs(figure) * 1e-9)]
    if not len(hit):
        return ""
    row = hit.sort_values("year").iloc[-1]
    return (f"; taką wartość mają dane jednostki {name(row['teryt'])} za "
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
    data_value = same if not math.isnan(same) else last
    data_year = year if not math.isnan(same) else last_year
    return Finding("dane_jednostki", p.unit, text if text.endswith(".") else text + ".",
                   (figure, data_value), (f"{_doc(p, name)}, {_yr(year)}",
                                          f"dane, {_yr(data_year)}"))


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


# ---- the control: every category with its status ------------------------------------------------
#: An institution's figure (kind, attribute) and the catalogue indicator of the data that holds it
#: for the powiat, with the Polish noun of the figure.
INSTITUTION_DATA = {
    ("dps", "places"): ("dps_miejsca", "miejsca"),
    ("dps", "waiting"): ("dps_oczekujacy", "osoby oczekujące"),
    ("sds", "places"): ("sds_miejsca", "miejsca"),
    ("wtz", "occupied"): ("wtz_uczestnicy", "uczestnicy (zajęte miejsca)"),
}
_ATTR_WORDS = {"places": "miejsc w {}", "occupied": "zajętych miejsc w {}",
               "waiting": "osób oczekujących na miejsce w {}"}
#: Kind of an institution in the locative plural ("w domach pomocy społecznej").
_KIND_IN = {"dps": "domach pomocy społecznej", "sds": "środowiskowych domach samopomocy",
            "wtz": "warsztatach terapii zajęciowej"}
#: Kind of an institution in the genitive plural for sentences.
_KIND_WORDS = {"dps": "domów pomocy społecznej", "sds": "środowiskowych domów samopomocy",
               "wtz": "warsztatów terapii zajęciowej", "zaz": "zakładów aktywności zawodowej",
               "oik": "ośrodków interwencji kryzysowej",
               "placowka": "placówek opiekuńczo-wychowawczych",
               "mieszkanie": "mieszkań chronionych i treningowych",
               "schronisko": "schronisk i noclegowni", "inna": "innych jednostek"}
#: Key of a foster-care programme's plan naming the strategy's directions that hold its money.
IN_STRATEGY = "w_strategii"
#: Words of a direction's term (``termin``) that mean the whole period of the plan.
_WHOLE_PERIOD = re.compile(r"\bcał\w* okres|\bcorocznie\b|\bna bieżąco\b|\bstale\b|\bciągł")


@dataclass
class Control:
    """The result of the control: a status per category (in :data:`CHECKS` order), the findings
    and, in Polish, the documents compared. Iterating gives the findings."""

    statuses: list[Status]
    findings: list[Finding]
    compared: str = ""

    def __iter__(self):
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def status(self, kind: str) -> Status:
        return next(s for s in self.statuses if s.kind == kind)

    @property
    def inconsistencies(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_note]

    @property
    def notes(self) -> list[Finding]:
        return [f for f in self.findings if f.is_note]

    @property
    def complete(self) -> bool:
        """Whether every category was checked in full."""
        return all(s.state == CHECKED for s in self.statuses)

    def unchecked(self) -> tuple[list[str], list[str]]:
        """Return the Polish names of the categories not checked and partly checked."""
        return ([CHECKS[s.kind][0] for s in self.statuses if s.state == NOT_CHECKED],
                [CHECKS[s.kind][0] for s in self.statuses if s.state == PARTLY])

    def conclusion(self) -> str:
        """Return the control's conclusion: "Nie stwierdzono niespójności" only when every
        category was checked and nothing was found; else what was found and what was not
        (fully) checked."""
        bad, notes = len(self.inconsistencies), len(self.notes)
        missing, partly = self.unchecked()
        gaps = []
        if missing:
            gaps.append("nie sprawdzono: " + "; ".join(missing))
        if partly:
            gaps.append("sprawdzono tylko częściowo: " + "; ".join(partly))
        gap = ("Kontrola nie jest pełna – " + ", a ".join(gaps) + " (powody w tabeli kategorii)."
               if gaps else "")
        note = (f" Zapisano też {_count(notes, ('uwagę', 'uwagi', 'uwag'))} do wyjaśnienia."
                if notes else "")
        if all(s.state == NOT_CHECKED for s in self.statuses):
            return ("Kontroli nie przeprowadzono: nie ma dokumentów ani danych do porównania "
                    "(powody w tabeli kategorii).")
        if not bad and not gaps:
            return ("Nie stwierdzono niespójności: liczby strategii, programów i danych zgadzają "
                    "się we wszystkich kategoriach kontroli." + note)
        if not bad:
            return ("W sprawdzonym zakresie liczby strategii, programów i danych zgadzają się."
                    + note + " " + gap)
        return (f"Stwierdzono {_count(bad, ('niespójność', 'niespójności', 'niespójności'))}; "
                "każdą należy wyjaśnić albo poprawić przed przyjęciem dokumentu." + note
                + (" " + gap if gap else ""))


def _count(n: int, forms: tuple[str, str, str]) -> str:
    cat = plural_category(n, 0)
    return f"{n}{NBSP}{forms[0] if cat == 'one' else forms[1] if cat == 'few' else forms[2]}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " i " + items[-1]


def _in_years(years: list[int]) -> str:
    """Return ``w 2026 r.`` or ``w latach 2026, 2033–2035``."""
    return f"w {_yr(years[0])}" if len(years) == 1 else f"w latach {year_ranges(years)}"


def _gminas(powiat: str, values: pd.DataFrame, gminas: list[str] | None) -> list[str]:
    if gminas is not None:
        return sorted(gminas)
    t = values["teryt"].astype(str) if len(values) else pd.Series([], dtype=str)
    return sorted({x for x in t if len(x) == 7 and x.startswith(powiat)})


def _gmina_programmes(powiat: str, programmes: list[Plan]) -> list[Plan]:
    return [p for p in programmes if p.kind == FAMILY and p.unit[:4] == powiat]


def _foster(powiat: str, programmes: list[Plan]) -> list[Plan]:
    return [p for p in programmes if p.kind == FOSTER and p.unit == powiat]


def _gmina_coverage(gminas: list[str], family: list[Plan], has: Callable[[Plan], bool],
                    name: Callable[[str], str]) -> tuple[int, str]:
    """Return how many gminas have a programme that ``has`` what is needed, and a Polish note
    (``sprawdzono dla 1 z 11 gmin; gminy bez kwot w programie: ...``) when not all do."""
    with_it = {p.unit for p in family if has(p)}
    have_plan = {p.unit for p in family}
    if not gminas:
        return len(with_it), ("nie wiadomo, ile gmin ma powiat (dane nie mają gmin) – "
                              "sprawdzono tylko gminy z własnym programem")
    n = len([g for g in gminas if g in with_it])
    if n == len(gminas):
        return n, ""
    without_plan = [name(g) for g in gminas if g not in have_plan]
    without = [name(g) for g in gminas if g in have_plan and g not in with_it]
    parts = [f"sprawdzono dla {n} z {len(gminas)} gmin"]
    if without_plan:
        parts.append("gminy bez własnego programu: " + ", ".join(without_plan))
    if without:
        parts.append("gminy bez kwot w programie: " + ", ".join(without))
    return n, "; ".join(parts)


def _has_money(p: Plan) -> bool:
    return any(a for f in p.funding for a in f.amounts.values())


def _has_cofinancing(p: Plan) -> bool:
    return any(_cofinancing(p).values())


def check_powiat(strategy: Plan | None, programmes: list[Plan], values: pd.DataFrame, *,
                   name: Callable[[str], str] = str, gminas: list[str] | None = None,
                   catalog: Catalog | None = None) -> Control:
    """Return the control of a powiat's documents: every category's status and the findings.

    ``gminas`` are the TERC codes of the powiat's gminas (by default the gminas in ``values``).
    """
    catalog = catalog or default_catalog()
    powiat = strategy.unit if strategy is not None else next(
        (p.unit[:4] for p in programmes), "")
    gm = _gminas(powiat, values, gminas)
    foster = _foster(powiat, programmes)
    family = _gmina_programmes(powiat, programmes)
    plans = [p for p in [strategy, *programmes] if p is not None]
    found: list[Finding] = []
    status: dict[str, Status] = {}
    no_foster = "powiat nie ma jeszcze programu rozwoju pieczy zastępczej"

    # rama_program
    if strategy is None:
        status["rama_program"] = Status("rama_program", NOT_CHECKED, "brak strategii")
    elif not foster and not family:
        status["rama_program"] = Status("rama_program", NOT_CHECKED,
                                        "brak programów: " + no_foster + " ani gminnych "
                                        "programów wspierania rodziny")
    else:
        found += frame_against_programmes(strategy, programmes, name=name)
        _, note = _gmina_coverage(gm, family, _has_money, name)
        notes = ([no_foster] if not foster else []) + ([note] if note else [])
        status["rama_program"] = Status("rama_program", PARTLY if notes else CHECKED,
                                        "; ".join(notes))
    # rama_wydatki
    if strategy is None:
        status["rama_wydatki"] = Status("rama_wydatki", NOT_CHECKED, "brak strategii")
    elif own_foster_spending(values, strategy.unit) is None:
        status["rama_wydatki"] = Status("rama_wydatki", NOT_CHECKED,
                                        "dane nie mają wydatków powiatu na pieczę zastępczą")
    else:
        found += frame_against_spending(strategy, values)
        status["rama_wydatki"] = Status("rama_wydatki", CHECKED)
    # program_wydatki
    with_money = [p for p in foster if _has_money(p)] + [p for p in family if _has_cofinancing(p)]
    if not with_money:
        status["program_wydatki"] = Status("program_wydatki", NOT_CHECKED,
                                           "brak programów z kwotami na pieczę zastępczą")
    else:
        no_data = []
        for p in with_money:
            ind = POWIAT_FOSTER_SPENDING if p.kind == FOSTER else GMINA_FOSTER_COFINANCING
            if _last(values, p.unit, ind)[1] is None:
                no_data.append(_doc(p, name))
            found += programme_against_spending(p, values, name=name)
        notes = ([no_foster] if not foster else [])
        if no_data:
            notes.append("dane nie mają wydatków do porównania z: " + ", ".join(no_data))
        status["program_wydatki"] = Status("program_wydatki", PARTLY if notes else CHECKED,
                                           "; ".join(notes))
    # okres_sprawozdania, wartosc_bazowa, dane_jednostki
    if not plans:
        for kind in ("okres_sprawozdania", "wartosc_bazowa", "dane_jednostki"):
            status[kind] = Status(kind, NOT_CHECKED, "brak dokumentów")
    else:
        for p in plans:
            found += report_period(p, name=name)
            found += baselines(p, values, name=name)
            found += unit_figures(p, values, name=name)
        reported = any(isinstance(p.extra.get("sprawozdanie"), dict) or
                       any(t.actual for _, t in p.targets()) for p in plans)
        status["okres_sprawozdania"] = Status(
            "okres_sprawozdania", CHECKED,
            "" if reported else "dokumenty nie mają sprawozdania ani wartości wykonania")
        status["wartosc_bazowa"] = _baseline_status(plans, values, name)
        status["dane_jednostki"] = _figure_status(plans, values, name)
    # the new categories
    got, status["cel_wskaznika"], status["cel_rok"] = same_targets(
        strategy, foster, family, gm, catalog=catalog, name=name)
    found += got
    got, status["kwoty_zadan"] = same_tasks(strategy, foster, name=name)
    found += got
    got, status["termin_finansowanie"] = terms_against_funding(plans, name=name)
    found += got
    got, status["cel_finansowanie"] = targets_after_funding(plans, catalog=catalog, name=name)
    found += got
    got, status["instytucje_dane"] = institutions_against_data(strategy, values, catalog=catalog)
    found += got
    got, status["wspolfinansowanie"] = cofinancing_against_programmes(foster, family, gm,
                                                                      name=name)
    found += got
    # targets against the forecast and the resources, amounts against unit costs
    for check, kind in ((targets_against_forecast, "cel_prognoza"),
                        (targets_against_resources, "cel_zasoby"),
                        (amounts_against_unit_costs, "koszt_jednostkowy")):
        got, status[kind] = check(plans, values, catalog=catalog, name=name)
        found += got

    order = list(CHECKS)
    return Control([status[k] for k in order], sorted(found, key=lambda f: order.index(f.kind)),
                   _compared(strategy, foster, family, gm))


def _compared(strategy, foster, family, gm) -> str:
    """Return the Polish sentence saying which documents were compared."""
    have = []
    if foster:
        have.append("powiatowym programem rozwoju pieczy zastępczej")
    if family:
        have.append("gminnymi programami wspierania rodziny"
                    + (f" (własny program ma {len(family)} z {len(gm)} gmin)" if gm else ""))
    have.append("danymi jednostek")
    what = "liczby strategii" if strategy is not None else "liczby programów"
    text = f"Przed przekazaniem projektu porównano {what} z {_and(have)}."
    lack = []
    if not foster:
        lack.append("powiat nie ma jeszcze programu rozwoju pieczy zastępczej")
    if not family:
        lack.append("żadna gmina powiatu nie ma własnego programu wspierania rodziny wśród "
                    "porównywanych dokumentów")
    if lack:
        text += " " + _and(lack)[0].upper() + _and(lack)[1:] + ", więc kategorii, które ich "
        text += "wymagają, nie sprawdzono w pełni."
    return text


def _baseline_status(plans: list[Plan], values: pd.DataFrame,
                     name: Callable[[str], str]) -> Status:
    missing, typed = [], 0
    for p in plans:
        for og, t in p.targets():
            if t.indicator and t.baseline is not None:
                typed += 1
                year = t.baseline_year or p.years[0] - 1
                if math.isnan(_at(values, p.unit, t.indicator, year)):
                    missing.append(f"„{t.name}” ({_doc(p, name)}, {_yr(year)})")
    if missing:
        return Status("wartosc_bazowa", PARTLY, "dane nie mają roku bazowego dla: "
                      + ", ".join(missing))
    return Status("wartosc_bazowa", CHECKED, "" if typed else
                  "dokumenty nie wpisują wartości bazowych wskaźników liczonych z danych")


def _figure_status(plans: list[Plan], values: pd.DataFrame,
                   name: Callable[[str], str]) -> Status:
    missing = []
    given = any(isinstance(p.extra.get("sprawozdanie"), dict) or
                any(t.actual for _, t in p.targets()) for p in plans)
    for p in plans:
        for og, t in p.targets():
            if t.indicator and t.actual and _last(values, p.unit, t.indicator,
                                                  max(t.actual))[1] is None:
                missing.append(f"„{t.name}” ({_doc(p, name)})")
    if missing:
        return Status("dane_jednostki", PARTLY, "dane jednostki nie mają wartości do "
                      "porównania dla: " + ", ".join(missing))
    return Status("dane_jednostki", CHECKED, "" if given else
                  "dokumenty nie podają liczb ze sprawozdań ani wartości wykonania")


# ---- targets of the same indicator ---------------------------------------------------------------
def _catalogue_targets(p: Plan) -> list[tuple[str, int, float, str, str]]:
    """Return (indicator, year, value, part, name) of every catalogue target of a plan: the
    operational goals' indicators and the directions' output indicators."""
    out = [(t.indicator, t.target_year, t.target, f"cel {og.id}", t.name)
           for og, t in p.targets()]
    out += [(t.indicator, t.target_year, t.target, f"kierunek {d.id}", t.name)
            for _, _, d in p.directions() for t in d.outputs]
    return [x for x in out if x[0] and x[1] is not None and x[2] is not None]


def same_targets(strategy: Plan | None, foster: list[Plan], family: list[Plan],
                 gminas: list[str], *, catalog: Catalog,
                 name: Callable[[str], str] = str) -> tuple[list[Finding], Status, Status]:
    """Return the findings of targets of one catalogue indicator in two documents.

    ``cel_wskaznika``: the strategy and the foster-care programme (both the powiat's) give a
    target for the same indicator and year with different values; the gminas' targets of a
    count indicator of the gmina level for a year the strategy has a target for are summed
    and compared with it when every gmina of the powiat has such a target. ``cel_rok`` (a
    note): the programme has a target for a year the strategy gives no value for, while the
    strategy has targets of the same indicator for other years."""
    if strategy is None or (not foster and not family):
        why = "brak strategii" if strategy is None else "brak programów, z którymi można porównać"
        return ([], Status("cel_wskaznika", NOT_CHECKED, why),
                Status("cel_rok", NOT_CHECKED, why))
    out: list[Finding] = []
    mine: dict[str, list[tuple[int, float, str, str]]] = {}
    for ind, y, v, part, tname in _catalogue_targets(strategy):
        mine.setdefault(ind, []).append((y, v, part, tname))
    for p in foster:
        for ind, y, v, part, tname in _catalogue_targets(p):
            if ind not in mine:
                continue
            same = [m for m in mine[ind] if m[0] == y]
            fmt = (lambda x, i=ind: fmt_value(x, catalog.get(i))) if ind in catalog else fmt_number
            for my, mv, mpart, _ in same:
                if abs(mv - v) >= 1e-9 * max(1.0, abs(mv)):
                    out.append(Finding(
                        "cel_wskaznika", strategy.unit,
                        f"Wskaźnik „{tname}”: strategia ({mpart}) ma wartość docelową {fmt(mv)} "
                        f"na {_yr(y)}, a program rozwoju pieczy zastępczej ({part}) – {fmt(v)} "
                        "na ten sam rok.",
                        (mv, v), (f"strategia, {mpart}, {_yr(y)}", (f"{_doc(p, name)}, {part}, "
                                  f"{_yr(y)}"))))
            if not same:
                other = sorted(mine[ind])
                when = "; ".join(f"{fmt(mv)} na {_yr(my)} ({mpart})" for my, mv, mpart, _ in other)
                out.append(Finding(
                    "cel_rok", strategy.unit,
                    f"Wskaźnik „{tname}”: program rozwoju pieczy zastępczej ({part}) ma wartość "
                    f"docelową {fmt(v)} na {_yr(y)}, a strategia podaje dla niego tylko {when} – "
                    f"nie mówi, ile ma wynosić w {_yr(y)}; warto dopisać w strategii wartość "
                    "na ten rok.",
                    (other[0][1], v), (f"strategia, {other[0][2]}, {_yr(other[0][0])}",
                                       f"{_doc(p, name)}, {part}, {_yr(y)}")))
    # the gminas' targets against the powiat's
    partial = []
    by_key: dict[tuple[str, int], dict[str, tuple[float, str]]] = {}
    for p in family:
        for ind, y, v, part, _ in _catalogue_targets(p):
            if ind in mine and ind in catalog and catalog.get(ind).level == "gmina" \
                    and catalog.get(ind).kind in ("count", "amount") \
                    and any(m[0] == y for m in mine[ind]):
                by_key.setdefault((ind, y), {})[p.unit] = (v, part)
    for (ind, y), units in sorted(by_key.items()):
        tname = catalog.get(ind).name
        if gminas and all(g in units for g in gminas):
            total = math.fsum(v for v, _ in units.values())
            for my, mv, mpart, _ in (m for m in mine[ind] if m[0] == y):
                if abs(total - mv) >= 1e-9 * max(1.0, abs(mv)):
                    fmt = lambda x, i=ind: fmt_value(x, catalog.get(i))
                    out.append(Finding(
                        "cel_wskaznika", strategy.unit,
                        f"Wskaźnik „{tname}”: strategia ({mpart}) ma wartość docelową {fmt(mv)} "
                        f"na {_yr(y)}, a suma wartości docelowych programów wspierania rodziny "
                        f"wszystkich gmin na ten rok to {fmt(total)}.",
                        (mv, total), (f"strategia, {mpart}, {_yr(y)}",
                                      f"programy wspierania rodziny gmin, {_yr(y)}")))
        else:
            partial.append(f"„{tname}” na {_yr(y)} (cel ma {len(units)} z {len(gminas)} gmin)")
    notes = [] if foster else ["powiat nie ma jeszcze programu rozwoju pieczy zastępczej"]
    if partial:
        notes.append("cele gmin zsumowane można porównać z celem powiatu dopiero, gdy mają je "
                     "wszystkie gminy: " + ", ".join(partial))
    state = PARTLY if notes else CHECKED
    note_status = (Status("cel_rok", CHECKED) if foster else
                   Status("cel_rok", NOT_CHECKED, "powiat nie ma jeszcze programu rozwoju "
                          "pieczy zastępczej"))
    return out, Status("cel_wskaznika", state, "; ".join(notes)), note_status


# ---- the same tasks' amounts -------------------------------------------------------------------
def _norm(text: str) -> str:
    return " ".join(str(text).lower().split())


def _costs_by_payer(directions) -> dict[str, dict[int, float]]:
    out: dict[str, dict[int, float]] = {}
    for d in directions:
        for f in d.costs:
            for y, a in f.amounts.items():
                out.setdefault(f.payer, {})
                out[f.payer][y] = out[f.payer].get(y, 0.0) + a
    return out


def _ids(value) -> list[str] | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [str(value).strip()]
    if isinstance(value, list) and all(isinstance(x, (str, int, float)) for x in value):
        return [str(x).strip() for x in value]
    return None


def task_pairs(strategy: Plan, programme: Plan
               ) -> tuple[list[tuple[list, list]], list[str], list[str]]:
    """Return the programme's tasks matched with the strategy's directions that hold their money,
    as pairs (programme directions - empty for the whole programme, strategy directions), the
    directions named but missing (Polish sentences: inconsistencies) and what could not be
    matched (Polish notes: the category is then partly checked).

    The rule: a programme names them in ``w_strategii`` - a list of the strategy's direction ids
    (the programme's whole money is in their costs) or a mapping from the programme's direction
    ids to the strategy's (each programme direction's costs are in theirs; without the
    programme's own direction costs the mapped directions together hold the programme's whole
    money). Without ``w_strategii`` a programme direction with costs is matched with the
    strategy's direction of the same name (letter case and spaces aside)."""
    sdirs = {d.id: d for _, _, d in strategy.directions()}
    pdirs = {d.id: d for _, _, d in programme.directions()}
    missing: list[str] = []
    problems: list[str] = []
    raw = programme.extra.get(IN_STRATEGY)
    if raw is None:
        by_name = {_norm(d.name): d for d in sdirs.values() if d.costs}
        return ([([d], [by_name[_norm(d.name)]]) for d in pdirs.values()
                 if d.costs and _norm(d.name) in by_name], missing, problems)

    def strategy_dirs(ids):
        out = []
        for i in ids:
            if i in sdirs:
                out.append(sdirs[i])
            else:
                missing.append(f"Program rozwoju pieczy zastępczej wskazuje kierunek strategii "
                               f"{i} jako miejsce swoich kosztów, a strategia nie ma takiego "
                               "kierunku.")
        return out

    ids = _ids(raw)
    if ids is not None:
        return [([], strategy_dirs(ids))], missing, problems
    if not isinstance(raw, dict):
        return [], missing, [("nie da się odczytać, w których kierunkach strategii program "
                              "ujmuje swoje zadania")]
    pairs = []
    own_costs = any(d.costs for d in pdirs.values())
    union: list = []
    for pid, sids in raw.items():
        pid = str(pid).strip()
        got = _ids(sids)
        if got is None:
            problems.append(f"nie da się odczytać kierunków strategii dla kierunku programu {pid}")
            continue
        if pid not in pdirs:
            missing.append(f"Program rozwoju pieczy zastępczej przypisuje kierunkom strategii "
                           f"swój kierunek {pid}, którego nie ma.")
            continue
        targets = strategy_dirs(got)
        if own_costs:
            pairs.append(([pdirs[pid]], targets))
        else:
            union += [d for d in targets if d not in union]
    if not own_costs:
        pairs = [([], union)]
    else:
        unmapped = [d.id for d in pdirs.values() if d.costs and d.id not in
                    {str(k).strip() for k in raw}]
        if unmapped:
            problems.append("kierunki programu z kosztami bez wskazania w strategii: "
                            + ", ".join(unmapped))
    return pairs, missing, problems


def _ids_text(ds) -> str:
    ids = [d.id for d in ds]
    return ("kierunek " if len(ids) == 1 else "kierunki ") + _and(ids)


def same_tasks(strategy: Plan | None, foster: list[Plan], *,
               name: Callable[[str], str] = str) -> tuple[list[Finding], Status]:
    """Return a finding per payer whose money for the same tasks differs in some year of the
    programme between the foster-care programme and the strategy (``kwoty_zadan``); the tasks
    are matched by :func:`task_pairs`."""
    if strategy is None:
        return [], Status("kwoty_zadan", NOT_CHECKED, "brak strategii")
    if not foster:
        return [], Status("kwoty_zadan", NOT_CHECKED,
                          "powiat nie ma jeszcze programu rozwoju pieczy zastępczej")
    out, notes = [], []
    compared = 0
    for p in foster:
        pairs, missing, problems = task_pairs(strategy, p)
        notes += problems
        out += [Finding("kwoty_zadan", strategy.unit, m) for m in missing]
        years = range(p.years[0], p.years[1] + 1)
        for pdirs, sdirs in pairs:
            if not sdirs:
                continue
            compared += 1
            mine = p.by_payer() if not pdirs else _costs_by_payer(pdirs)
            theirs = _costs_by_payer(sdirs)
            ppart = "ramy finansowe programu" if not pdirs else _ids_text(pdirs)
            spart = _ids_text(sdirs)
            for payer in PAYERS:
                a, b = mine.get(payer, {}), theirs.get(payer, {})
                diff = [y for y in years if abs(a.get(y, 0.0) - b.get(y, 0.0)) >= 0.005]
                if not diff:
                    continue
                y = diff[0]
                out.append(Finding(
                    "kwoty_zadan", strategy.unit,
                    f"Te same zadania mają na {_yr(y)} {FROM_PAYER[payer]} "
                    f"{fmt_amount(a.get(y, 0.0), None)} w programie rozwoju pieczy zastępczej "
                    f"({ppart}) i {fmt_amount(b.get(y, 0.0), None)} w strategii ({spart})."
                    + _years_note(diff[1:], "Kwoty różnią się"),
                    (a.get(y, 0.0), b.get(y, 0.0)),
                    (f"{_doc(p, name)}, {ppart}, {_yr(y)}", f"strategia, {spart}, {_yr(y)}")))
    if not compared and not notes and not out:
        notes.append("program nie wskazuje, w których kierunkach strategii ujęto jego zadania, "
                     "a nazwy kierunków się nie pokrywają")
    if not compared and not notes:
        notes.append("żaden ze wskazanych kierunków strategii nie istnieje")
    state = CHECKED if compared and not notes else PARTLY if compared else NOT_CHECKED
    return out, Status("kwoty_zadan", state, "; ".join(notes))


# ---- terms and funding -------------------------------------------------------------------------
def term_years(term: str, plan_years: tuple[int, int]) -> tuple[int, int] | None:
    """Return the years of a direction's term (``2026-2030``, ``2027``, ``2026–2035 r.``, or
    words meaning the whole period), None when the text tells no years."""
    text = _norm(term)
    m = re.fullmatch(r"(?:lata |od )?(\d{4})(?: ?r\.?)?(?: ?(?:-|–|—|do) ?(\d{4})(?: ?r\.?)?)?",
                     text)
    if m:
        y0 = int(m.group(1))
        y1 = int(m.group(2)) if m.group(2) else (plan_years[1] if text.startswith("od ")
                                                 else y0)
        return (y0, y1) if y1 >= y0 else None
    if _WHOLE_PERIOD.search(text):
        return plan_years
    return None


def _funded(costs: list[Funding]) -> list[int]:
    years: dict[int, float] = {}
    for f in costs:
        for y, a in f.amounts.items():
            years[y] = years.get(y, 0.0) + a
    return sorted(y for y, a in years.items() if a > 0.005)


def _frame_funded(p: Plan) -> list[int]:
    return _funded(p.funding)


def terms_against_funding(plans: list[Plan], *,
                          name: Callable[[str], str] = str) -> tuple[list[Finding], Status]:
    """Return a finding per direction whose costs have money outside its term or none in a year
    of its term within the plan's years (``termin_finansowanie``); for a plan whose money is
    only by source, its frame's years against the years of all its directions' terms."""
    if not plans:
        return [], Status("termin_finansowanie", NOT_CHECKED, "brak dokumentów")
    out, unread, no_costs = [], [], []
    for p in plans:
        y0, y1 = p.years
        terms = {}
        for _, _, d in p.directions():
            t = term_years(d.timeframe, p.years)
            if t is None:
                unread.append(f"{_doc(p, name)}, kierunek {d.id} („{d.timeframe}”)")
            else:
                terms[d.id] = t
        if p.has_costs():
            for _, _, d in p.directions():
                if d.id not in terms:
                    continue
                if not d.costs:
                    no_costs.append(f"{_doc(p, name)}, kierunek {d.id}")
                    continue
                t0, t1 = terms[d.id]
                funded = _funded(d.costs)
                outside = [y for y in funded if not t0 <= y <= t1]
                empty = [y for y in range(max(t0, y0), min(t1, y1) + 1) if y not in funded]
                place = f"{_doc(p, name)}, kierunek {d.id}"
                if outside:
                    amount = math.fsum(f.amounts.get(outside[0], 0.0) for f in d.costs)
                    out.append(Finding(
                        "termin_finansowanie", p.unit,
                        f"Kierunek {d.id} ({_doc(p, name)}) ma termin {t0}–{t1}, a koszty także "
                        f"poza nim: {_in_years(outside)} (na {_yr(outside[0])} "
                        f"{fmt_amount(amount, None)}).",
                        (f"{t0}–{t1}", amount), (f"{place}, termin", (f"{place}, koszty, "
                                                 f"{_yr(outside[0])}"))))
                if empty:
                    out.append(Finding(
                        "termin_finansowanie", p.unit,
                        f"Kierunek {d.id} ({_doc(p, name)}) ma termin {t0}–{t1}, a "
                        f"{_in_years(empty)} nie ma na niego pieniędzy (koszty "
                        f"{'są ' + _in_years(funded) if funded else 'są zerowe'}).",
                        (f"{t0}–{t1}", 0.0), (f"{place}, termin", (f"{place}, koszty, "
                                              f"{_yr(empty[0])}"))))
        elif terms and p.funding:
            covered = {y for t0, t1 in terms.values() for y in range(t0, t1 + 1)}
            funded = _frame_funded(p)
            outside = [y for y in funded if y not in covered]
            empty = [y for y in sorted(covered) if y0 <= y <= y1 and y not in funded]
            if outside:
                out.append(Finding(
                    "termin_finansowanie", p.unit,
                    f"Ramy finansowe ({_doc(p, name)}) mają kwoty "
                    f"{_in_years(outside)}, a żaden kierunek działań nie ma terminu "
                    f"w tych latach (terminy kierunków: {year_ranges(sorted(covered))}).",
                    (year_ranges(sorted(covered)), year_ranges(outside)),
                    (f"{_doc(p, name)}, terminy kierunków", f"{_doc(p, name)}, ramy finansowe")))
            if empty:
                out.append(Finding(
                    "termin_finansowanie", p.unit,
                    f"Kierunki działań ({_doc(p, name)}) trwają {_in_years(empty)}, "
                    "a ramy finansowe nie mają na te lata pieniędzy.",
                    (year_ranges(sorted(covered)), year_ranges(funded)),
                    (f"{_doc(p, name)}, terminy kierunków", f"{_doc(p, name)}, ramy finansowe")))
        elif terms:
            no_costs.append(f"{_doc(p, name)} (brak ram finansowych)")
    notes = []
    if unread:
        notes.append("nie odczytano lat z terminu: " + "; ".join(unread))
    if no_costs:
        notes.append("kierunki bez kosztów: " + "; ".join(no_costs))
    return out, Status("termin_finansowanie", PARTLY if notes else CHECKED, "; ".join(notes))


def targets_after_funding(plans: list[Plan], *, catalog: Catalog,
                          name: Callable[[str], str] = str) -> tuple[list[Finding], Status]:
    """Return a finding per target whose year comes after the last year its direction (output
    indicators) or any direction of its goal (goal indicators) has money - for a plan whose
    money is only by source, after the last year of its frame (``cel_finansowanie``)."""
    if not plans:
        return [], Status("cel_finansowanie", NOT_CHECKED, "brak dokumentów")
    out, unfunded = [], []

    def check(p, t, last, part, whose):
        if t.target_year is None or t.target is None:
            return
        if last is None:
            unfunded.append(f"{_doc(p, name)}, {part}")
            return
        if t.target_year > last:
            value = (fmt_value(t.target, catalog.get(t.indicator))
                     if t.indicator and t.indicator in catalog else fmt_number(t.target))
            out.append(Finding(
                "cel_finansowanie", p.unit,
                f"Wskaźnik „{t.name}” ({_doc(p, name)}, {part}) ma wartość docelową {value} na "
                f"{_yr(t.target_year)}, a {whose} kończy się w {_yr(last)}",
                (t.target_year, last), (f"{_doc(p, name)}, {part}, {_yr(t.target_year)}",
                                        f"{_doc(p, name)}, {part}, koszty, {_yr(last)}")))

    for p in plans:
        if p.has_costs():
            for og in (og for g in p.goals for og in g.operational):
                lasts = [_funded(d.costs)[-1] for d in og.directions if _funded(d.costs)]
                for t in og.targets:
                    check(p, t, max(lasts) if lasts else None, f"cel {og.id}",
                          "finansowanie kierunków tego celu")
                for d in og.directions:
                    f = _funded(d.costs)
                    for t in d.outputs:
                        check(p, t, f[-1] if f else None, f"kierunek {d.id}",
                              "finansowanie kierunku")
        else:
            f = _frame_funded(p)
            for og, t in p.targets():
                check(p, t, f[-1] if f else None, f"cel {og.id}", "finansowanie dokumentu")
            for _, og, d in p.directions():
                for t in d.outputs:
                    check(p, t, f[-1] if f else None, f"kierunek {d.id}",
                          "finansowanie dokumentu")
    if unfunded:
        return out, Status("cel_finansowanie", PARTLY, "bez kosztów: " + "; ".join(unfunded))
    return out, Status("cel_finansowanie", CHECKED)


# ---- institutions and the data -----------------------------------------------------------------
def institutions_against_data(strategy: Plan | None, values: pd.DataFrame, *,
                              catalog: Catalog) -> tuple[list[Finding], Status]:
    """Return a finding per figure of the strategy's institutions (places, occupied places,
    waiting people of a kind, summed) that differs from the powiat's catalogue indicator holding
    it (:data:`INSTITUTION_DATA`) in the year the institutions are given for
    (``instytucje_dane``)."""
    if strategy is None:
        return [], Status("instytucje_dane", NOT_CHECKED, "brak strategii")
    if not strategy.institutions:
        return [], Status("instytucje_dane", NOT_CHECKED, "strategia nie podaje instytucji")
    notes = []
    if strategy.institutions_as_of is not None:
        year = strategy.institutions_as_of.year
        as_of = f"stan na {fmt_date(strategy.institutions_as_of)}"
    else:
        year = strategy.years[0] - 1
        as_of = f"bez daty stanu, przyjęto {_yr(year)}"
        notes.append(f"strategia nie podaje, na kiedy są liczby instytucji – przyjęto {_yr(year)}")
    out, compared = [], 0
    kinds = {i.kind for i in strategy.institutions}
    for (kind, attr), (ind, noun) in INSTITUTION_DATA.items():
        data = _at(values, strategy.unit, ind, year)
        mine = [i for i in strategy.institutions if i.kind == kind]
        words = _ATTR_WORDS[attr].format(_KIND_IN[kind])
        if math.isnan(data):
            if mine and any(getattr(i, attr) is not None for i in mine):
                notes.append(f"dane nie mają za {_yr(year)} liczby {words}")
            continue
        got = [getattr(i, attr) for i in mine]
        if any(g is None for g in got) and any(g is not None for g in got):
            notes.append(f"nie przy wszystkich instytucjach ({INSTITUTION_KINDS[kind]}) "
                         f"podano liczbę {words}")
            continue
        if mine and all(g is None for g in got):
            notes.append(f"strategia nie podaje liczby {words}")
            continue
        total = float(sum(got))
        compared += 1
        if abs(total - data) >= 0.5:
            fmt = (lambda x, i=ind: fmt_value(x, catalog.get(i))) if ind in catalog else fmt_number
            mine_text = (f"podaje {fmt(total)}" if mine else
                         f"nie wymienia {_KIND_WORDS[kind]}")
            out.append(Finding(
                "instytucje_dane", strategy.unit,
                f"Liczba {words}: strategia w opisie instytucji ({as_of}) {mine_text}, a dane "
                f"powiatu za {_yr(year)} – {fmt(data)}.",
                (total, data), (f"strategia, instytucje, {as_of}", f"dane, {_yr(year)}")))
    no_data = sorted({INSTITUTION_KINDS.get(k, k) for k in kinds} - {
        INSTITUTION_KINDS[k] for k, _ in INSTITUTION_DATA})
    if no_data:
        notes.append("dane nie mają wskaźników dla: " + ", ".join(no_data))
    if not compared:
        return out, Status("instytucje_dane", NOT_CHECKED, "; ".join(notes)
                           or "brak danych o instytucjach")
    return out, Status("instytucje_dane", PARTLY if notes else CHECKED, "; ".join(notes))


# ---- the gminas' co-financing of foster care ------------------------------------------------------
def cofinancing_against_programmes(foster: list[Plan], family: list[Plan], gminas: list[str], *,
                                   name: Callable[[str], str] = str
                                   ) -> tuple[list[Finding], Status]:
    """Return a finding per year of the foster-care programme when the gmina programmes'
    co-financing of foster care exceeds the programme's gmina share - or, with every gmina's
    amounts, differs from it (``wspolfinansowanie``)."""
    if not foster:
        return [], Status("wspolfinansowanie", NOT_CHECKED, "powiat nie ma jeszcze programu "
                          "rozwoju pieczy zastępczej, który podaje udział gmin")
    n, note = _gmina_coverage(gminas, family, _has_cofinancing, name)
    if not n:
        return [], Status("wspolfinansowanie", NOT_CHECKED,
                          "żaden gminny program nie podaje kwot współfinansowania pieczy "
                          "zastępczej" + (f" ({note})" if note else ""))
    complete = not note
    given = [p for p in family if _has_cofinancing(p)]
    out = []
    for fp in foster:
        share = _programme_amounts(fp, "gmina", skip_cofinancing=False)
        bad = []
        for y in range(fp.years[0], fp.years[1] + 1):
            cof = math.fsum(_cofinancing(p).get(y, 0.0) for p in given)
            s = share.get(y, 0.0)
            if (complete and abs(cof - s) >= 0.005) or cof > s + 0.005:
                bad.append((y, cof, s))
        if bad:
            y, cof, s = bad[0]
            how = ("wszystkich gmin" if complete else
                   f"{len(given)} z {len(gminas)} gmin" if gminas else "gmin")
            out.append(Finding(
                "wspolfinansowanie", fp.unit,
                f"Gminne programy wspierania rodziny ({how}) przewidują na {_yr(y)} "
                f"współfinansowanie pieczy zastępczej {fmt_amount(cof, None)}, a program rozwoju "
                f"pieczy zastępczej oczekuje od gmin {fmt_amount(s, None)}."
                + _years_note([b[0] for b in bad[1:]], "Kwoty się nie zgadzają"),
                (cof, s), (f"programy wspierania rodziny gmin, {_yr(y)}",
                           f"{_doc(fp, name)}, ramy finansowe, {_yr(y)}")))
    return out, Status("wspolfinansowanie", CHECKED if complete else PARTLY, note)
