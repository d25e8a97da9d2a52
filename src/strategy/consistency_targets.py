"""The control's checks of targets and amounts against the data: targets against the no-action
forecast (``cel_prognoza``), ratio and places targets against the staff and places
(``cel_zasoby``), amounts against unit costs (``koszt_jednostkowy``).

In: the plans of a powiat's documents and the long values frame (as
:func:`strategy.consistency.check_powiat` takes them). Out: per check the findings
(:class:`strategy.consistency_base.Finding`; a justified target is a note, ``note=True``) and
the category's :class:`strategy.consistency_base.Status`. The facts come from
:mod:`strategy.analysis.targets` and :mod:`strategy.analysis.unit_costs`; the sentences from
:mod:`strategy.text.kontrola`. :func:`strategy.consistency.check_powiat` calls these.
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from .analysis import targets as tg
from .analysis.unit_costs import cost_checks, report_checks
from .catalog import Catalog
from .consistency_base import CHECKED, NOT_CHECKED, PARTLY, Finding, Status
from .consistency_base import doc_name as _doc
from .consistency_base import year_text as _yr
from .plan import Plan
from .text import fmt_amount, fmt_date, fmt_number, fmt_percent, fmt_value
from .text import kontrola as text


def _fmt(catalog: Catalog, indicator: str | None, unit: bool = True):
    if indicator and indicator in catalog:
        ind = catalog.get(indicator)
        return lambda x: fmt_value(x, ind, with_unit=unit)
    return lambda x: fmt_number(x)


def _place(p: Plan, flag, name) -> str:
    return f"{_doc(p, name)}, {flag.detail.get('part', 'cel')} {flag.goal}"


def _years(years: list[int]) -> str:
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])


def _by_doc(items: list[tuple[Plan, str]], name) -> str:
    """Return "strategia – 3, program ... – 2": how many per document."""
    counts: dict[str, int] = {}
    for p, _ in items:
        counts[_doc(p, name)] = counts.get(_doc(p, name), 0) + 1
    return ", ".join(f"{d} – {n}" for d, n in counts.items())


def _gap_notes(gaps: list[tuple[Plan, object]], name, counted: set[str]) -> list[str]:
    """Return a status note per gap reason: counts per document for the ``counted`` reasons,
    else the targets named."""
    notes = []
    reasons = list(dict.fromkeys(g.reason for _, g in gaps))
    for r in reasons:
        mine = [(p, g) for p, g in gaps if g.reason == r]
        if r in counted:
            notes.append(text.target_gap(r, _by_doc([(p, g.name) for p, g in mine], name)))
        else:
            notes.append(text.target_gap(r, "; ".join(
                f"„{g.name}” ({_doc(p, name)}, {g.part} {g.goal})" for p, g in mine)))
    return notes


def targets_against_forecast(plans: list[Plan], values: pd.DataFrame, *, catalog: Catalog,
                             name: Callable[[str], str] = str) -> tuple[list[Finding], Status]:
    """Return a finding per target no better than the no-action forecast (a note when the
    target is justified) and the category's status (``cel_prognoza``)."""
    if not plans:
        return [], Status("cel_prognoza", NOT_CHECKED, text.NO_DOCUMENTS)
    out, gaps, checked = [], [], 0
    for p in plans:
        review = tg.forecast_review(p, values, catalog)
        checked += review.checked
        gaps += [(p, g) for g in review.gaps]
        for f in review.flags:
            fmt, bare = _fmt(catalog, f.indicator), _fmt(catalog, f.indicator, unit=False)
            d = f.detail
            whose = "gminy" if len(p.unit) == 7 else "powiatu"
            sentence = text.target_forecast(
                f.name, _place(p, f, name), fmt(f.target), f.year, fmt(f.reference),
                bare(f.low), fmt(f.high), _years(d["obs_years"]),
                fmt(f.baseline) if f.baseline is not None else "brak danych",
                d.get("baseline_year"), d.get("justification", ""))
            out.append(Finding(
                "cel_prognoza", p.unit, sentence, (f.target, f.reference),
                (f"{_place(p, f, name)}, {_yr(f.year)}",
                 f"prognoza z danych {whose} do {_yr(d['last_year'])}"), note=f.justified))
    # typed indicators have no data to forecast: said in the note, outside the check's scope
    typed = _gap_notes([g for g in gaps if g[1].reason == tg.TYPED], name, counted={tg.TYPED})
    notes = _gap_notes([g for g in gaps if g[1].reason != tg.TYPED], name, counted=set())
    if not checked:
        return out, Status("cel_prognoza", NOT_CHECKED, "; ".join(notes + typed)
                           or text.FORECAST_NONE)
    return out, Status("cel_prognoza", PARTLY if notes else CHECKED, "; ".join(notes + typed))


def targets_against_resources(plans: list[Plan], values: pd.DataFrame, *, catalog: Catalog,
                              name: Callable[[str], str] = str
                              ) -> tuple[list[Finding], Status]:
    """Return a finding per ratio target the planned staff does not carry and per places
    target in institutions occupied below the threshold, with the status (``cel_zasoby``)."""
    if not plans:
        return [], Status("cel_zasoby", NOT_CHECKED, text.NO_DOCUMENTS)
    out, gaps, checked = [], [], 0
    for p in plans:
        review = tg.resource_review(p, values, catalog)
        checked += review.checked
        gaps += [(p, g) for g in review.gaps]
        for f in review.flags:
            d = f.detail
            place = _place(p, f, name)
            if d["measure"] == "miejsca":
                sentence = text.target_places(
                    f.name, place, fmt_number(f.baseline), fmt_number(f.target), f.year,
                    d["institutions"], fmt_number(d["occupied"]), fmt_number(d["places"]),
                    fmt_percent(100 * d["occupancy"], 0), fmt_percent(100 * d["threshold"], 0),
                    fmt_date(d["as_of"]) if d.get("as_of") else "", d.get("justification", ""))
                values_ = (f.target, d["occupancy"])
                second = f"{_doc(p, name)}, instytucje"
            else:
                fmt = _fmt(catalog, f.indicator)
                staff_ind = catalog.get(d["staff_indicator"])
                served_ind = catalog.get(d["served_indicator"])
                plan_value = (fmt_number(d["staff_plan_target"])
                              if d.get("staff_plan_target") is not None else "")
                sentence = text.target_staff(
                    f.name, place, fmt(f.target), f.year, staff_ind.name,
                    fmt_number(d["staff_target"], 1), d["staff_source"], d["baseline_year"],
                    d.get("staff_target_year"), plan_value, served_ind.name,
                    fmt_number(d["served_baseline"], 1), fmt_number(d["served_implied"], 1),
                    fmt(f.reference), d.get("justification", ""))
                values_ = (f.target, f.reference)
                second = f"dane {'gminy' if len(p.unit) == 7 else 'powiatu'}, " \
                         f"{_yr(d['baseline_year'])}"
            out.append(Finding("cel_zasoby", p.unit, sentence, values_,
                               (f"{place}, {_yr(f.year)}", second), note=f.justified))
    notes = _gap_notes(gaps, name, counted=set())
    if not checked:
        return out, Status("cel_zasoby", NOT_CHECKED, "; ".join(notes)
                                                 or text.RESOURCES_NONE)
    return out, Status("cel_zasoby", PARTLY if notes else CHECKED, "; ".join(notes))


def amounts_against_unit_costs(plans: list[Plan], values: pd.DataFrame, *, catalog: Catalog,
                               name: Callable[[str], str] = str
                               ) -> tuple[list[Finding], Status]:
    """Return a finding per count a plan fixes whose money differs from count x unit cost by
    more than the tolerance, with the status (``koszt_jednostkowy``)."""
    if not plans:
        return [], Status("koszt_jednostkowy", NOT_CHECKED, text.NO_DOCUMENTS)
    out, skips, whole, compared = [], [], [], 0
    for p in plans:
        checks, skipped = cost_checks(p, values, catalog)
        checks += report_checks(p, values)
        skips += [(p, s) for s in skipped]
        compared += len(checks)
        for c in checks:
            if c.part == "ramy" and _doc(p, name) not in whole:
                whole.append(_doc(p, name))
            if not c.finding:
                continue
            whose = "gminy" if len(c.cost.teryt) == 7 else "powiatu"
            if c.part == "sprawozdanie":
                sentence = text.unit_cost_report(
                    _doc(p, name), c.year, c.direction, fmt_amount(c.planned, None),
                    fmt_number(c.count), fmt_amount(c.cost_in_year, 0),
                    fmt_amount(c.cost.amount, 0), c.cost.year, whose, c.carried,
                    fmt_amount(c.expected, 0), fmt_percent(abs(100 * c.difference), 0),
                    c.difference < 0)
                out.append(Finding("koszt_jednostkowy", p.unit, sentence,
                                   (c.planned, c.expected),
                                   (f"{_doc(p, name)}, sprawozdanie, {_yr(c.year)}",
                                    f"dane {whose}, {_yr(c.cost.year)}")))
                continue
            sentence = text.unit_cost_finding(
                c.part == "ramy", c.direction, _doc(p, name), c.year, fmt_amount(c.planned, 0),
                c.cost.key, fmt_number(c.count), c.target_part, fmt_amount(c.cost_in_year, 0),
                fmt_amount(c.cost.amount, 0), c.cost.year, whose, c.carried,
                fmt_amount(c.expected, 0), fmt_percent(abs(100 * c.difference), 0),
                c.difference < 0)
            where = (f"{_doc(p, name)}, ramy finansowe, {_yr(c.year)}" if c.part == "ramy"
                     else f"{_doc(p, name)}, kierunek {c.direction}, koszty, {_yr(c.year)}")
            out.append(Finding("koszt_jednostkowy", p.unit, sentence, (c.planned, c.expected),
                               (where, f"dane {whose}, {_yr(c.cost.year)}")))
    notes = []
    for reason in dict.fromkeys(s.reason for _, s in skips):
        notes.append(text.unit_cost_gap(reason, "; ".join(
            f"„{s.name}” ({_doc(p, name)}, {s.target_part})" for p, s in skips
            if s.reason == reason)))
    if whole:
        notes.append(text.frame_only(whole))
    if not compared:
        return out, Status("koszt_jednostkowy", NOT_CHECKED, "; ".join(notes)
                                                        or text.UNIT_COST_NONE)
    return out, Status("koszt_jednostkowy", PARTLY if notes else CHECKED, "; ".join(notes))
