"""The authors' content: mission, vision, goals, actions, indicators, budget - loaded and validated.

In: a YAML plan file per document (powiat strategy, gmina family-support programme, powiat
foster-care programme), written by people. YAML was chosen over a spreadsheet because the content
is a tree (strategic goal -> operational goals -> directions of action) with long Polish texts;
the demo files in ``data/raw/plany/`` are commented line by line so an office worker can copy one
and edit it in Notepad or any editor. Out: :class:`Plan` with typed parts, or :class:`PlanError`
listing every problem with the file and line.

Checks: the document kind and unit are known; years are integers and in order; every indicator
named by a catalogue id exists; every target has a value and a year; an indicator outside the
catalogue has a unit (``jednostka``); a typed baseline and target do not worsen the indicator
against its ``kierunek`` without ``uzasadnienie`` (targets of catalogue indicators are checked
against the data when a document is built, :mod:`strategy.plan.directions`); amounts are
numbers; every operational goal has at least one direction of action; the annual report's part
(its year, spending by direction and source, reasons, assistants, centres: :mod:`.report`) and
the reported values (``wykonanie``) lie within the plan's years; ids are unique; the powiat's
institutions, consultation and resolution data (``instytucje``, ``konsultacje``, ``uchwala``) as
:mod:`.scope` describes.

Money comes in one of two forms. The frame by source and year (``finansowanie``: a list of
``zrodlo`` with ``kwoty`` per year) is all an older plan has. A plan may instead - or as well -
give each direction of action its costs (``koszty`` under the direction, the same list form);
the frame is then the sum of the directions' costs by source and year, and a ``finansowanie``
written beside them must equal that sum (every source and year that differs is an error with
both amounts). A source may name its payer (``platnik``: one of :data:`.model.PAYERS`), else the
payer is read from its name (:func:`.model.payer_of`).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..catalog import Catalog, default_catalog
from ..errors import PlanError, UnitError
from ..text import fmt_amount
from ..units import default_registry, validate_terc
from . import report, scope
from .directions import FAVOURABLE, WORDS, number_text, worsens
from .index import plan_index, programme_entries, unit_code
from .model import (
    DOCUMENT_KINDS,
    PAYERS,
    Direction,
    Funding,
    OperationalGoal,
    Plan,
    StrategicGoal,
    Target,
)
from .yaml_text import Node, read_yaml


class _Checker:
    def __init__(self, path: Path, catalog: Catalog):
        self.path, self.catalog, self.problems = path, catalog, []

    def err(self, line: int | None, msg: str) -> None:
        where = f"plik {self.path.name}" + (f", wiersz {line}" if line else "")
        self.problems.append(f"{where}: {msg}")

    def line(self, node: Any, key: str | None = None) -> int:
        if key is not None and isinstance(node, Node):
            return node.key_lines.get(key, node.line)
        return getattr(node, "line", 0)

    def text(self, node, key, required=True) -> str:
        v = node.get(key) if isinstance(node, dict) else None
        if v is None or (isinstance(v, str) and not v.strip()):
            if required:
                self.err(self.line(node), f"brak pola '{key}'")
            return ""
        return str(v).strip()

    def strings(self, node, key) -> list[str]:
        v = node.get(key) if isinstance(node, dict) else None
        if v is None:
            return []
        if isinstance(v, str):
            return [v]
        if not isinstance(v, list):
            self.err(self.line(node, key), f"pole '{key}' powinno być listą")
            return []
        return [str(x) for x in v]

    def number(self, value, line, what) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool):
            self.err(line, f"{what}: '{value}' nie jest liczbą")
            return None
        if isinstance(value, (int, float)):
            return float(value)
        s = re.sub(r"[\s\u00a0\u202f]|zł$", "", str(value)).replace(",", ".")
        try:
            return float(s)
        except ValueError:
            self.err(line, f"{what}: '{value}' nie jest liczbą")
            return None

    def year(self, value, line, what) -> int | None:
        if value is None:
            return None
        try:
            y = int(str(value).strip())
        except ValueError:
            self.err(line, f"{what}: '{value}' nie jest rokiem")
            return None
        if not 1990 <= y <= 2100:
            self.err(line, f"{what}: rok {y} spoza zakresu 1990-2100")
            return None
        return y

    def items(self, node, key) -> list:
        v = node.get(key) if isinstance(node, dict) else None
        if v is None:
            return []
        if not isinstance(v, list):
            self.err(self.line(node, key), f"pole '{key}' powinno być listą")
            return []
        return v


def load_programmes(folder: str | Path, powiat: str,
                    catalog: Catalog | None = None) -> list[Plan]:
    """Return the sectoral programmes of ``powiat`` in a folder of plan files: its foster-care
    programme and the family-support programmes of its gminas that have a plan of their own
    (what the strategy's consistency checks compare). A file that cannot be read is left out
    here: the document built from it fails with its error."""
    out = []
    for e in programme_entries(plan_index(folder), powiat):
        if not e.error:
            try:
                out.append(load_plan(e.path, catalog))
            except PlanError:
                continue
    return out


def load_plan(path: str | Path, catalog: Catalog | None = None) -> Plan:
    """Load and validate a plan file; raise :class:`PlanError` listing every problem."""
    path = Path(path)
    catalog = catalog or default_catalog()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PlanError(f"brak pliku planu {path}") from None
    except UnicodeDecodeError:
        raise PlanError(f"plik {path.name}: plik nie jest zapisany w UTF-8") from None
    data = read_yaml(text, path.name)
    if not isinstance(data, dict):
        raise PlanError(f"plik {path.name}: plik planu musi zawierać pola (klucz: wartość)")
    c = _Checker(path, catalog)
    kind = c.text(data, "dokument")
    if kind and kind not in DOCUMENT_KINDS:
        c.err(c.line(data, "dokument"), f"nieznany rodzaj dokumentu '{kind}', dozwolone: "
              + ", ".join(DOCUMENT_KINDS))
    unit = ""
    try:
        unit = validate_terc(unit_code(data.get("jednostka")))
    except (PlanError, UnitError) as exc:
        c.err(c.line(data, "jednostka"), str(exc))
    years = c.items(data, "lata")
    y0 = y1 = None
    if len(years) == 2:
        y0 = c.year(years[0], c.line(data, "lata"), "lata")
        y1 = c.year(years[1], c.line(data, "lata"), "lata")
        if y0 and y1 and y1 < y0:
            c.err(c.line(data, "lata"), f"lata: rok końcowy {y1} przed początkowym {y0}")
    else:
        c.err(c.line(data, "lata") or data.line, "pole 'lata' powinno mieć postać [rok_od, rok_do]")

    goals = [_goal(c, g, (y0, y1)) for g in c.items(data, "cele_strategiczne")]
    if kind and not goals:
        c.err(c.line(data, "cele_strategiczne") or data.line, "brak celów (cele_strategiczne)")
    ids = [x.id for g in goals for x in [g, *g.operational]]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        c.err(None, f"identyfikator celu '{dup}' występuje więcej niż raz")

    funding = _funding_list(c, data, "finansowanie", "finansowanie")
    funding = _frame_from_costs(c, data, goals, funding)

    swot_in = data.get("swot") or {}
    swot = {k: [str(x) for x in (swot_in.get(k) or [])]
            for k in ("mocne_strony", "slabe_strony", "szanse", "zagrozenia")}
    known = {"dokument", "jednostka", "instytucja", "lata", "tytul", "demo", "misja", "wizja",
             "zgodnosc", "swot", "ekonomia_spoleczna", "uslugi_spoleczne", "zadania_zlecane",
             "cele_strategiczne", "finansowanie", "monitoring", "instytucje", "konsultacje",
             "uchwala", "instytucje_stan_na", "obszary_odroczone"}
    plan = Plan(
        path=path, kind=kind, unit=unit, institution=c.text(data, "instytucja"),
        years=(y0 or 0, y1 or 0), title=c.text(data, "tytul", required=False),
        demo=bool(data.get("demo", False)), mission=c.text(data, "misja", required=False),
        vision=c.text(data, "wizja", required=False),
        higher_documents=list(c.items(data, "zgodnosc")), swot=swot,
        social_economy=dict(data.get("ekonomia_spoleczna") or {}),
        social_services=list(c.items(data, "uslugi_spoleczne")),
        ngo_tasks=list(c.items(data, "zadania_zlecane")), goals=goals, funding=funding,
        monitoring=dict(data.get("monitoring") or {}),
        extra={k: v for k, v in data.items() if k not in known},
        institutions=scope.institutions(c, data),
        institutions_as_of=scope.as_of(c, data, "instytucje_stan_na"),
        consultation=scope.consultation(c, data, path, _gminas(unit)),
        resolution=scope.resolution(c, data),
        deferred_areas=scope.deferred_areas(c, data),
    )
    if kind == "strategia_powiatu" and unit and len(unit) != 4:
        c.err(c.line(data, "jednostka"), "strategia powiatu wymaga 4-cyfrowego kodu powiatu")
    if kind == "program_wspierania_rodziny" and unit and len(unit) != 7:
        c.err(c.line(data, "jednostka"), "program wspierania rodziny wymaga 7-cyfrowego kodu gminy")
    report.check(c, data, plan)
    if kind == "program_pieczy_zastepczej":
        for yr, lim in (data.get("limit_rodzin_zawodowych") or {}).items():
            c.year(yr, c.line(data, "limit_rodzin_zawodowych"), "limit_rodzin_zawodowych")
            c.number(lim, c.line(data, "limit_rodzin_zawodowych"), f"limit na rok {yr}")
    if c.problems:
        raise PlanError("\n".join(c.problems))
    return plan


def _gminas(unit: str) -> int | None:
    """Return the number of gminas of a powiat ``unit`` (None for a gmina or an unknown code)."""
    if len(unit) != 4:
        return None
    try:
        return len(default_registry().gminas_of(unit)) or None
    except UnitError:
        return None


def _goal(c: _Checker, node, years: tuple) -> StrategicGoal:
    ops = []
    for og in c.items(node, "cele_operacyjne"):
        dirs = [Direction(id=str(d.get("id", "")), name=c.text(d, "nazwa"),
                          leads=c.strings(d, "realizatorzy"), partners=c.strings(d, "partnerzy"),
                          timeframe=c.text(d, "termin"),
                          funding=c.strings(d, "zrodla_finansowania"), line=c.line(d),
                          outputs=[_target(c, t, str(d.get("id", "")))
                                   for t in c.items(d, "wskazniki_produktu")],
                          costs=_funding_list(c, d, "koszty",
                                              f"kierunek {d.get('id', '')}, koszty"))
                for d in c.items(og, "kierunki")]
        og_id = str(og.get("id", "")) if isinstance(og, dict) else ""
        if not dirs:
            c.err(c.line(og), f"cel operacyjny {og_id} nie ma żadnego kierunku działań (kierunki)")
        targets = [_target(c, t, og_id, years) for t in c.items(og, "wskazniki")]
        ops.append(OperationalGoal(id=og_id, name=c.text(og, "nazwa"), directions=dirs,
                                   targets=targets, line=c.line(og)))
    g_id = str(node.get("id", "")) if isinstance(node, dict) else ""
    if not ops:
        c.err(c.line(node), f"cel strategiczny {g_id} nie ma celów operacyjnych")
    return StrategicGoal(id=g_id, name=c.text(node, "nazwa"), operational=ops, line=c.line(node))


def _target(c: _Checker, t, og_id: str, years: tuple = (None, None)) -> Target:
    line = c.line(t)
    if not isinstance(t, dict):
        c.err(line, f"wskaźnik celu {og_id}: podaj go jako pola (wskaznik: ... albo nazwa: ...)")
        return Target(name=str(t), indicator=None, target=None, target_year=None, line=line)
    ind = t.get("wskaznik") if isinstance(t, dict) else None
    if ind is not None and ind not in c.catalog:
        c.err(c.line(t, "wskaznik"), f"nieznany wskaźnik '{ind}' (cel {og_id}); użyj "
              "identyfikatora z katalogu wskaźników albo pola 'nazwa' z wartością bazową")
        ind = None
    name = c.text(t, "nazwa", required=False) or (c.catalog.get(ind).name if ind else "")
    if not name:
        c.err(line, f"wskaźnik celu {og_id} bez nazwy i bez identyfikatora z katalogu")
    target = c.number(t.get("cel"), c.line(t, "cel"), f"wskaźnik '{name}', wartość docelowa")
    year = c.year(t.get("rok_docelowy"), c.line(t, "rok_docelowy"), f"wskaźnik '{name}'")
    if target is not None and year is None and "rok_docelowy" not in t:
        c.err(line, f"wskaźnik '{name}': wartość docelowa bez roku (rok_docelowy)")
    if target is None and "cel" not in t:
        c.err(line, f"wskaźnik '{name}': brak wartości docelowej (cel)")
    actual = {}
    y0, y1 = years
    for yr, v in (t.get("wykonanie") or {}).items():
        y = c.year(yr, c.line(t, "wykonanie"), f"wskaźnik '{name}', wykonanie")
        val = c.number(v, c.line(t, "wykonanie"), f"wskaźnik '{name}', wykonanie {yr}")
        if y is not None and y0 and y1 and not y0 <= y <= y1:
            c.err(c.line(t, "wykonanie"), f"wskaźnik '{name}': wykonanie za {y} r. spoza okresu "
                  f"realizacji {y0}–{y1}")
        elif y is not None and val is not None:
            actual[y] = val
    unit = c.text(t, "jednostka", required=False)
    if ind is None and name and not unit:
        c.err(line, f"wskaźnik '{name}' spoza katalogu: brak pola 'jednostka' (np. osoba, "
              "rodzina, %, zł)")
    direction = ""
    word = c.text(t, "kierunek", required=False)
    if word:
        if word not in FAVOURABLE:
            c.err(c.line(t, "kierunek"), f"wskaźnik '{name}': pole 'kierunek' ma wartość "
                  f"'{word}', dozwolone: wzrost, spadek")
        elif ind and c.catalog.get(ind).direction not in ("neutral", FAVOURABLE[word]):
            c.err(c.line(t, "kierunek"), f"wskaźnik '{name}': korzystny kierunek zmiany tego "
                  f"wskaźnika to {WORDS[c.catalog.get(ind).direction]}, a nie {word}")
        else:
            direction = FAVOURABLE[word]
    why = c.text(t, "uzasadnienie", required=False)
    baseline = c.number(t.get("bazowa"), line, f"wskaźnik '{name}', wartość bazowa")
    if ind is None and not why and worsens(baseline, target, direction):
        c.err(c.line(t, "cel"), f"wskaźnik „{name}” (cel {og_id}): wartość docelowa "
              f"{number_text(target)} oznacza pogorszenie względem wartości bazowej "
              f"{number_text(baseline)} – korzystny kierunek zmiany tego wskaźnika to "
              f"{WORDS[direction]}. Popraw wartość docelową albo dodaj pole 'uzasadnienie' z "
              "wyjaśnieniem, dlaczego program dopuszcza pogorszenie.")
    return Target(
        name=name, indicator=ind, target=target, target_year=year,
        baseline=baseline,
        baseline_year=c.year(t.get("rok_bazowy"), line, f"wskaźnik '{name}'") if t.get("rok_bazowy") else None,
        source=str(t.get("zrodlo", "")), frequency=str(t.get("czestotliwosc", "corocznie")),
        actual=actual, line=line, unit=unit, direction=direction, justification=why,
        target_line=c.line(t, "cel") if "cel" in t else line,
    )



def _funding_list(c: _Checker, node, key: str, what: str) -> list[Funding]:
    """Return the sources with amounts per year of ``node[key]`` (``finansowanie`` of a plan or
    ``koszty`` of a direction): ``- zrodlo: ...``, ``kwoty: {2026: ...}``, optional ``platnik``."""
    out = []
    for f in c.items(node, key):
        src = c.text(f, "zrodlo")
        amounts = {}
        kw = f.get("kwoty") if isinstance(f, dict) else None
        if not isinstance(kw, dict):
            c.err(c.line(f), f"{what} '{src}': brak kwot na lata (kwoty: {{2026: ...}})")
            kw = {}
        for yr, amount in kw.items():
            line = kw.key_lines.get(yr, c.line(f)) if isinstance(kw, Node) else c.line(f)
            y = c.year(yr, line, f"{what} '{src}'")
            a = c.number(amount, line, f"{what} '{src}', rok {yr}, kwota")
            if y is not None and a is not None:
                if a < 0:
                    c.err(line, f"{what} '{src}', rok {y}: kwota ujemna")
                amounts[y] = a
        payer = str(f.get("platnik") or "").strip() if isinstance(f, dict) else ""
        if payer and payer not in PAYERS:
            c.err(c.line(f, "platnik"), f"{what} '{src}': nieznany płatnik '{payer}', "
                  "dozwolone: " + ", ".join(PAYERS))
            payer = ""
        out.append(Funding(src, amounts, c.line(f), payer))
    return out


def _same_source(name: str) -> str:
    return " ".join(name.lower().split())


def _frame_from_costs(c: _Checker, data, goals: list[StrategicGoal],
                      written: list[Funding]) -> list[Funding]:
    """Return the financial frame: the sum of the directions' costs by source and year when
    they have costs (checked against a ``finansowanie`` written beside them), else ``written``."""
    costs = [(d, f) for g in goals for og in g.operational for d in og.directions
             for f in d.costs]
    if not costs:
        return written
    summed: dict[str, Funding] = {}
    for d, f in costs:
        key = _same_source(f.source)
        if key not in summed:
            summed[key] = Funding(f.source, {}, f.line, f.payer)
        elif summed[key].payer != f.payer:
            c.err(f.line, f"kierunek {d.id}, koszty '{f.source}': płatnik '{f.payer}' inny niż "
                  f"w innym kierunku ('{summed[key].payer}')")
        for y, a in f.amounts.items():
            summed[key].amounts[y] = summed[key].amounts.get(y, 0.0) + a
    order = list(PAYERS)
    frame = sorted(summed.values(), key=lambda f: order.index(f.payer))
    if not written:
        return frame
    by_name = {_same_source(f.source): f for f in written}
    for key, s in summed.items():
        w = by_name.get(key)
        if w is None:
            c.err(c.line(data, "finansowanie"), f"finansowanie: brak źródła '{s.source}', "
                  "z którego kierunki działań mają koszty")
            continue
        for y in sorted(set(s.amounts) | set(w.amounts)):
            a, b = w.amounts.get(y, 0.0), s.amounts.get(y, 0.0)
            if abs(a - b) >= 0.005:
                c.err(w.line, f"finansowanie '{w.source}', rok {y}: {fmt_amount(a)}, a suma "
                      f"kosztów kierunków działań z tego źródła to {fmt_amount(b)}")
    for key, w in by_name.items():
        if key not in summed and any(w.amounts.values()):
            c.err(w.line, f"finansowanie '{w.source}': żaden kierunek działań nie ma kosztów z "
                  "tego źródła (koszty)")
    return written
