"""The annual report part of a plan (``sprawozdanie:``): read, checked and compared with the plan.

In: the ``sprawozdanie`` mapping of a plan file (as :mod:`.yaml_text` read it, lines kept) and
the plan's directions of action with their costs. Out: the part as plain values (numbers as
floats, direction ids as text) that replaces the raw mapping in ``Plan.extra``, or errors naming
file and line on the :class:`~strategy.plan.load._Checker`; and, for a built report, the
execution of each task (:func:`execution_by_task`): planned amount for the report year (the
direction's ``koszty``), amount spent (``wydatki`` with ``kierunek``), the execution rate and
the authors' reasons (``przyczyny``) - required when the rate lies outside
:data:`LOW`-:data:`HIGH` %.

The format (all keys optional except ``rok``)::

    sprawozdanie:
      rok: 2026
      wydatki:                 # by direction and source; without kierunek: by source only
        - kierunek: "1.1.1"
          zrodlo: budżet gminy
          kwota: 186430
      przyczyny:               # direction id: why the rate is under 90 % or over 110 %
        "1.1.2": Szósty warsztat przeniesiono na 2027 r.
      asystenci: {kierunek: "1.1.1", liczba_planowana: 3, liczba: 3, rodziny: 30}
      placowki:                # day-support centres: name, places, children, what was done
        - {nazwa: ..., miejsca: 30, dzieci: 27, dzialania: ...}
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..text.grammar import plural
from ..text.numbers import fmt_number
from .model import Plan

#: Execution rate (%) under which or over which the authors must give the reasons.
LOW, HIGH = 90.0, 110.0


def _same(name: str) -> str:
    return " ".join(str(name).lower().split())


def check(c, data, plan: Plan) -> None:
    """Check the ``sprawozdanie`` part of ``data`` against ``plan`` (its years and directions)
    and replace ``plan.extra['sprawozdanie']`` with its plain values; problems go to ``c``."""
    part = data.get("sprawozdanie")
    if part is None:
        return
    if not isinstance(part, dict):
        c.err(c.line(data, "sprawozdanie"), "część 'sprawozdanie' powinna zawierać pola "
              "(rok, dzialania, wydatki, ...)")
        return
    y0, y1 = plan.years
    out = dict(part)
    if part.get("rok") is not None:
        line = c.line(part, "rok")
        y = c.year(part.get("rok"), line, "sprawozdanie, rok")
        if y is not None and y0 and y1 and not y0 <= y <= y1:
            c.err(line, f"sprawozdanie za {y} r. nie dotyczy tego dokumentu: okres realizacji "
                  f"to lata {y0}–{y1} (pole 'lata'); sprawozdanie z realizacji obejmuje rok z "
                  "tego okresu – za wcześniejsze lata sporządza się je na podstawie poprzedniego "
                  "programu")
    ids = {d.id: d for _, _, d in plan.directions()}
    out["wydatki"] = _spending(c, part, ids)
    out["przyczyny"] = _reasons(c, part, ids)
    if "asystenci" in part:
        out["asystenci"] = _assistants(c, part, ids)
        _assistants_agree(c, part, out["asystenci"], plan, out.get("rok"))
    if "placowki" in part:
        out["placowki"] = _centres(c, part)
    plan.extra["sprawozdanie"] = out


def _direction(c, node, ids: dict, what: str) -> str | None:
    """Return the direction id ``node['kierunek']`` names, None (with an error) when the plan
    has no such direction."""
    raw = node.get("kierunek")
    if raw is None:
        return None
    key = str(raw).strip()
    if key not in ids:
        known = ", ".join(ids) or "brak kierunków"
        c.err(c.line(node, "kierunek"), f"{what}: program nie ma kierunku działań '{key}' "
              f"(kierunki programu: {known})")
        return None
    return key


def _spending(c, part, ids: dict) -> list[dict]:
    """Return the ``wydatki`` entries as ``{'kierunek', 'zrodlo', 'kwota', 'line'}``."""
    out, seen = [], {}
    entries = c.items(part, "wydatki")
    with_direction = [isinstance(w, dict) and w.get("kierunek") is not None for w in entries]
    for w, has in zip(entries, with_direction):
        line = c.line(w)
        if not isinstance(w, dict):
            c.err(line, f"sprawozdanie, wydatki: wpis '{w}' powinien mieć pola kierunek, "
                  "zrodlo i kwota")
            continue
        src = c.text(w, "zrodlo", required=False)
        if not src:
            c.err(line, "sprawozdanie, wydatki: wpis bez źródła finansowania (zrodlo)")
        if "kwota" not in w or w.get("kwota") is None:
            c.err(line, f"sprawozdanie, wydatki '{src}': brak kwoty (kwota)")
            continue
        amount = c.number(w.get("kwota"), c.line(w, "kwota"), f"sprawozdanie, wydatki '{src}', "
                          "kwota")
        if amount is not None and amount < 0:
            c.err(c.line(w, "kwota"), f"sprawozdanie, wydatki '{src}': kwota ujemna")
            amount = None
        if any(with_direction) and not has:
            c.err(line, f"sprawozdanie, wydatki '{src}': brak kierunku działań (kierunek) – "
                  "gdy wydatki są podane według kierunków, każdy wpis musi go mieć")
        key = _direction(c, w, ids, f"sprawozdanie, wydatki '{src}'") if has else None
        pair = (key, _same(src))
        if pair in seen and src:
            c.err(line, f"sprawozdanie, wydatki '{src}'" + (f", kierunek {key}" if key else "")
                  + f": ten sam wpis już w wierszu {seen[pair]} – połącz kwoty w jeden wpis")
        seen.setdefault(pair, line)
        if amount is not None and src:
            out.append({"kierunek": key, "zrodlo": src, "kwota": amount, "line": line})
    return out


def _reasons(c, part, ids: dict) -> dict[str, str]:
    raw = part.get("przyczyny")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        c.err(c.line(part, "przyczyny"), "sprawozdanie, przyczyny: podaj je jako pola "
              "'identyfikator kierunku: wyjaśnienie' (np. \"1.1.2\": ...)")
        return {}
    out = {}
    for key, why in raw.items():
        line = raw.key_lines.get(key, c.line(part, "przyczyny")) if hasattr(raw, "key_lines") \
            else c.line(part, "przyczyny")
        k = str(key).strip()
        if k not in ids:
            c.err(line, f"sprawozdanie, przyczyny: program nie ma kierunku działań '{k}'")
        elif why is None or not str(why).strip():
            c.err(line, f"sprawozdanie, przyczyny: kierunek {k} bez wyjaśnienia")
        else:
            out[k] = " ".join(str(why).split())
    return out


def _count(c, node, key: str, what: str) -> float | None:
    v = c.number(node.get(key), c.line(node, key), f"{what}, {key}")
    if v is not None and (v < 0 or v != int(v)):
        c.err(c.line(node, key), f"{what}, {key}: '{node.get(key)}' nie jest liczbą całkowitą "
              "nieujemną")
        return None
    return v


def _assistants(c, part, ids: dict) -> dict:
    node = part.get("asystenci")
    what = "sprawozdanie, asystenci"
    if not isinstance(node, dict):
        c.err(c.line(part, "asystenci"), f"{what}: podaj pola kierunek, liczba_planowana, "
              "liczba i rodziny")
        return {}
    return {"kierunek": _direction(c, node, ids, what),
            "liczba_planowana": _count(c, node, "liczba_planowana", what),
            "liczba": _count(c, node, "liczba", what),
            "rodziny": _count(c, node, "rodziny", what)}


def _assistants_agree(c, part, a: dict, plan: Plan, year) -> None:
    """Check that the report's assistants and families agree with the values achieved
    (``wykonanie``) of the assistants and of the families per assistant in its year: the
    report would otherwise print two numbers for one thing."""
    try:
        year = int(year)
    except (TypeError, ValueError):
        return
    actual = {t.indicator: t.actual[year] for _, t in plan.targets()
              if t.indicator and year in t.actual}
    line = c.line(part, "asystenci")
    n, families = a.get("liczba"), a.get("rodziny")
    if n is not None and "asystenci_rodziny" in actual and n != actual["asystenci_rodziny"]:
        c.err(line, f"sprawozdanie, asystenci: liczba {fmt_number(n)}, a wykonanie wskaźnika "
              f"liczby asystentów rodziny za {year} r. to "
              f"{fmt_number(actual['asystenci_rodziny'])} – podaj tę samą liczbę w obu miejscach")
    per = actual.get("rodziny_na_asystenta")
    if n and families is not None and per is not None and abs(families / n - per) >= 0.05:
        c.err(line, f"sprawozdanie, asystenci: {plural(families, 'rodzina')} na "
              f"{plural(n, 'asystent', case='acc')} to {fmt_number(families / n, 1)} rodziny "
              f"na asystenta, a wykonanie wskaźnika obciążenia asystenta za {year} r. to "
              f"{fmt_number(per)} – popraw jedną z tych liczb")


def _centres(c, part) -> list[dict]:
    out = []
    for p in c.items(part, "placowki"):
        if not isinstance(p, dict):
            c.err(c.line(p) or c.line(part, "placowki"), f"sprawozdanie, placowki: wpis '{p}' "
                  "powinien mieć pola nazwa, miejsca, dzieci i dzialania")
            continue
        name = c.text(p, "nazwa")
        what = f"sprawozdanie, placówka '{name}'"
        places, children = _count(c, p, "miejsca", what), _count(c, p, "dzieci", what)
        out.append({"nazwa": name, "miejsca": places, "dzieci": children,
                    "dzialania": c.text(p, "dzialania", required=False), "line": c.line(p)})
    return out


# ---- the report against the plan ---------------------------------------------------------------
@dataclass
class TaskExecution:
    """One direction of action in the report year: planned, spent, rate (%) and reasons."""
    id: str
    name: str
    planned: float
    spent: float
    reason: str = ""

    @property
    def rate(self) -> float:
        """Spent as a share of planned (%); NaN when nothing was planned."""
        return self.spent / self.planned * 100 if self.planned else math.nan

    @property
    def needs_reason(self) -> bool:
        """The rate lies outside LOW-HIGH %, or money was spent on a task with no plan."""
        r = self.rate
        return (self.spent > 0) if math.isnan(r) else not LOW <= round(r, 1) <= HIGH


def execution_by_task(plan: Plan, year: int) -> list[TaskExecution]:
    """Return the execution of each direction of action in ``year``: its costs for the year
    against the report's ``wydatki`` with its id; directions with neither are left out. Empty
    when the report gives no spending by direction."""
    part = plan.extra.get("sprawozdanie") or {}
    spending = [w for w in part.get("wydatki") or [] if w.get("kierunek")]
    if not spending:
        return []
    reasons = part.get("przyczyny") or {}
    out = []
    for _, _, d in plan.directions():
        planned = math.fsum(f.amounts.get(year, 0.0) for f in d.costs)
        spent = math.fsum(float(w["kwota"]) for w in spending if w["kierunek"] == d.id)
        if planned or spent:
            out.append(TaskExecution(d.id, d.name, planned, spent, reasons.get(d.id, "")))
    return out


def planned_by_source(plan: Plan, year: int) -> dict[str, float]:
    """Return the plan's amounts for ``year`` by source (normalised name -> amount)."""
    out: dict[str, float] = {}
    for f in plan.funding:
        if year in f.amounts:
            out[_same(f.source)] = out.get(_same(f.source), 0.0) + f.amounts[year]
    return out


def spent_by_source(part: dict) -> list[tuple[str, float]]:
    """Return the amounts spent by source (as first written) in the order of first mention."""
    names: dict[str, str] = {}
    sums: dict[str, float] = {}
    for w in part.get("wydatki") or []:
        key = _same(w.get("zrodlo", ""))
        names.setdefault(key, str(w.get("zrodlo", "")))
        sums[key] = sums.get(key, 0.0) + float(w.get("kwota", 0) or 0)
    return [(names[k], sums[k]) for k in names]
