"""Tables of the documents as plain DataFrames, computed from the plan and the values frame.

In: a :class:`strategy.plan.Plan` and the long values frame of a powiat
(:func:`strategy.diagnosis.powiat_values`: one row per unit, year and indicator, gminas and the
powiat with its sums-over-sums values). Out: DataFrames with Polish column names, numbers kept as
numbers (the Word engine formats them): the goals tree, the financial frame with row and column
totals, the indicators of implementation with their baseline filled from the data, the degree of
achievement, the synthesis of the gminas of a powiat, family support and foster care over time.
No Word here: the builders lay these frames out.
"""
from __future__ import annotations

import math

import pandas as pd

from ...analysis.achievement import achievement
from ...catalog import Catalog, default_catalog
from ...errors import PlanError
from ...plan import Plan, Target
from ...plan.directions import (
    direction_problems,
    favourable,
    justified,
    without_outputs,
    worsens,
)
from ...plan.proposals import TO_SET
from ...text import KIND_DECIMALS, wspolne
from ...units import Registry

TOTAL = "Razem"
#: Mark of a direction of action without an output indicator (wskaźnik produktu).
MISSING_OUTPUT = "brak – do uzupełnienia przed przyjęciem dokumentu"
#: Key indicators of the powiat synthesis (table of the gminas side by side), with short headers.
SYNTHESIS = {
    "ludnosc": "Ludność",
    "udzial_65plus": "Udział 65+ (%)",
    "udzial_bezrobotnych": "Bezrobotni w wieku prod. (%)",
    "beneficjenci_na_10tys": "Beneficjenci pomocy na 10 tys.",
    "rodziny_na_asystenta": "Rodziny na asystenta",
    "dzieci_piecza_na_1000": "Dzieci w pieczy na 1000",
    "niebieskie_karty_na_10tys": "Niebieskie Karty na 10 tys.",
}
#: Statutory limit of families per family assistant (art. 15 ust. 4 u.w.r.p.z.).
FAMILIES_PER_ASSISTANT = 15
#: Statutory limit of foster families per coordinator (art. 77 ust. 4 u.w.r.p.z.).
FAMILIES_PER_COORDINATOR = 15
#: Indicators of the diagnosis part of the family-support programme, in the order shown.
FAMILY_SUPPORT = ["rodziny_pomoc", "powod_bezradnosc_rodziny", "powod_przemoc_rodziny",
                  "powod_alkoholizm_rodziny", "asystenci_rodziny", "rodziny_z_asystentem",
                  "rodziny_na_asystenta", "placowki_wsparcia_dziennego",
                  "miejsca_wsparcia_dziennego", "rodziny_wspierajace", "dzieci_piecza_z_gminy",
                  "dzieci_piecza_na_1000", "wydatki_gminy_piecza"]
FOSTER_FORMS = {"dzieci_rz_spokrewnione": "rodziny zastępcze spokrewnione",
                "dzieci_rz_niezawodowe": "rodziny zastępcze niezawodowe",
                "dzieci_rz_zawodowe": "rodziny zastępcze zawodowe",
                "dzieci_rdd": "rodzinne domy dziecka",
                "dzieci_placowki": "placówki opiekuńczo-wychowawcze"}
FOSTER_FAMILY_FORMS = ["dzieci_rz_spokrewnione", "dzieci_rz_niezawodowe", "dzieci_rz_zawodowe",
                       "dzieci_rdd"]
FOSTER_FLOWS = ["umieszczenia_piecza", "opuszczenia_piecza", "powroty_do_rodziny",
                "usamodzielnienia", "rz_spokrewnione", "rz_niezawodowe", "rz_zawodowe",
                "rodzinne_domy_dziecka", "koordynatorzy_pieczy", "kandydaci_rz",
                "wydatki_piecza_powiat"]


# ---- values ---------------------------------------------------------------------------------
def value_at(values: pd.DataFrame, teryt: str, indicator: str, year: int) -> float:
    """Return the value of ``indicator`` for ``teryt`` in ``year`` (NaN when there is none)."""
    v = values[(values["teryt"] == teryt) & (values["indicator"] == indicator)
               & (values["year"] == year)]["value"]
    v = v.dropna()
    return float(v.iloc[0]) if len(v) else float("nan")


def last_value(values: pd.DataFrame, teryt: str, indicator: str,
               year: int | None = None) -> tuple[float, int | None]:
    """Return (value, year) of the last year with data not after ``year`` (NaN, None if none)."""
    v = values[(values["teryt"] == teryt) & (values["indicator"] == indicator)
               & values["value"].notna()]
    if year is not None:
        v = v[v["year"] <= year]
    if not len(v):
        return float("nan"), None
    row = v.sort_values("year").iloc[-1]
    return float(row["value"]), int(row["year"])


def last_data_year(values: pd.DataFrame, teryt: str) -> int | None:
    """Return the last year in which ``teryt`` has any value."""
    v = values[(values["teryt"] == teryt) & values["value"].notna()]
    return int(v["year"].max()) if len(v) else None


def indicator_years(values: pd.DataFrame, teryt: str, indicators: list[str], years: list[int],
                    catalog: Catalog, *, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """Return one row per indicator with data: 'Wskaźnik', 'Jednostka' and a column per year."""
    v = values[(values["teryt"] == teryt) & values["indicator"].isin(indicators)
               & values["year"].isin(years)]
    rows = []
    for ind_id in indicators:
        s = v[v["indicator"] == ind_id].set_index("year")["value"]
        if not s.notna().any():
            continue
        ind = catalog.get(ind_id)
        r = {"Wskaźnik": (labels or {}).get(ind_id, ind.name), "Jednostka": ind.unit}
        r.update({str(y): float(s.get(y, float("nan"))) for y in years})
        rows.append(r)
    return pd.DataFrame(rows, columns=["Wskaźnik", "Jednostka", *map(str, years)])


# ---- plan: goals, money, targets ------------------------------------------------------------
def goals_frame(plan: Plan, goal_id: str | None = None) -> pd.DataFrame:
    """Return one row per direction of action; for one strategic goal (``goal_id``) without the
    goal columns (the direction's id names its operational goal)."""
    rows = [{"Cel strategiczny": f"{g.id}. {g.name}", "Cel operacyjny": f"{og.id}. {og.name}",
             "Kierunek działań": f"{d.id}. {d.name}",
             "Realizatorzy": ", ".join(d.leads) or "–", "Partnerzy": ", ".join(d.partners) or "–",
             "Termin": d.timeframe or "–", "Źródła finansowania": ", ".join(d.funding) or "–"}
            for g, og, d in plan.directions() if goal_id is None or g.id == goal_id]
    cols = ["Cel strategiczny", "Cel operacyjny", "Kierunek działań", "Realizatorzy",
            "Partnerzy", "Termin", "Źródła finansowania"]
    df = pd.DataFrame(rows, columns=cols)
    return df.drop(columns=["Cel strategiczny", "Cel operacyjny"]) if goal_id is not None else df


def funding_frame(plan: Plan) -> pd.DataFrame:
    """Return the financial frame: a row per source and a 'Razem' row, a column per year and a
    'Razem' column, in zł (a year a source does not name counts as 0)."""
    years = plan.funding_years()
    rows = []
    for f in plan.funding:
        r = {"Źródło finansowania": f.source}
        r.update({str(y): float(f.amounts.get(y, 0.0)) for y in years})
        r[TOTAL] = float(sum(f.amounts.get(y, 0.0) for y in years))
        rows.append(r)
    df = pd.DataFrame(rows, columns=["Źródło finansowania", *map(str, years), TOTAL])
    total = {"Źródło finansowania": TOTAL}
    total.update({c: float(df[c].sum()) for c in df.columns[1:]})
    return pd.concat([df, pd.DataFrame([total])], ignore_index=True)


def baseline_year(plan: Plan) -> int:
    """Return the baseline year of a plan: the year before its first year."""
    return plan.years[0] - 1


def target_baseline(t: Target, values: pd.DataFrame, unit: str,
                    year: int) -> tuple[float, int | None, str]:
    """Return (baseline, its year, where from) of a target: the data of ``unit`` for the last
    year not after ``year`` for a catalogue indicator, else the authors' value from the plan."""
    if t.indicator:
        v, y = last_value(values, unit, t.indicator, year)
        if y is not None:
            return v, y, "dane"
    if t.baseline is not None:
        return float(t.baseline), t.baseline_year, "plan"
    return float("nan"), None, ""


def target_unit(t: Target, catalog: Catalog) -> str:
    """Return the unit of a target's indicator: the catalogue's, else the plan's ``jednostka``."""
    return catalog.get(t.indicator).unit if t.indicator in catalog else t.unit


def target_decimals(t: Target, catalog: Catalog, numbers=()) -> int | None:
    """Return the decimals of a target's row: a count 0 (``4``, not ``4,00``), a rate or ratio
    1, a share 1, an amount 0; a typed indicator 0 when all its ``numbers`` are whole, else the
    column's own (None)."""
    if t.indicator in catalog:
        return {**KIND_DECIMALS, "amount": 0}.get(catalog.get(t.indicator).kind)
    nums = [float(x) for x in numbers if not _nan(x)]
    return 0 if nums and all(x == int(x) for x in nums) else None


def check_targets(plan: Plan, values: pd.DataFrame, catalog: Catalog,
                  unit: str | None = None) -> list[tuple[float, int | None]]:
    """Return (baseline, its year) per target of ``plan`` for ``unit``; raise
    :class:`PlanError` (file and line of each target value) when a target worsens its indicator
    against the baseline without a justification (:mod:`strategy.plan.directions`)."""
    unit = unit or plan.unit
    base = [target_baseline(t, values, unit, baseline_year(plan))[:2] for _, t in plan.targets()]
    problems = direction_problems(plan, base, catalog)
    if problems:
        raise PlanError("\n".join(problems))
    return base


def targets_frame(plan: Plan, values: pd.DataFrame, catalog: Catalog,
                  unit: str | None = None) -> pd.DataFrame:
    """Return the indicators of implementation with the baseline filled from the data.

    Raise :class:`PlanError` for a target that worsens its indicator without a justification
    (:func:`check_targets`). ``attrs['row_decimals']`` gives each row's decimals for the Word
    table and the notebooks (counts as whole numbers).
    """
    unit = unit or plan.unit
    rows, decimals = [], []
    for (og, t), (b, by) in zip(plan.targets(), check_targets(plan, values, catalog, unit)):
        decimals.append(target_decimals(t, catalog, (b, t.target)))
        rows.append({"Cel": og.id, "Wskaźnik": t.name, "Jednostka": target_unit(t, catalog),
                     "Wartość bazowa": wspolne.BASELINE_PENDING if _nan(b) else b,
                     "Rok bazowy": str(by) if by else "–",
                     "Wartość docelowa": t.target if t.target is not None else float("nan"),
                     "Rok docelowy": str(t.target_year) if t.target_year else "–",
                     "Źródło danych": t.source or "–", "Częstotliwość pomiaru": t.frequency})
    df = pd.DataFrame(rows, columns=["Cel", "Wskaźnik", "Jednostka", "Wartość bazowa",
                                     "Rok bazowy", "Wartość docelowa", "Rok docelowy",
                                     "Źródło danych", "Częstotliwość pomiaru"])
    df.attrs["row_decimals"] = decimals
    df.attrs["row_columns"] = ["Wartość bazowa", "Wartość docelowa"]
    return df


def missing_baselines(plan: Plan, values: pd.DataFrame, unit: str | None = None) -> list[str]:
    """Return a warning for every target of ``plan`` with no baseline (neither in the data of
    ``unit`` up to the baseline year nor given in the plan): such a target is not checked."""
    unit = unit or plan.unit
    out = []
    for og, t in plan.targets():
        b, _, _ = target_baseline(t, values, unit, baseline_year(plan))
        if _nan(b):
            out.append(wspolne.baseline_missing(og.id, t.name, t.target, t.target_year))
    return out


def proposals_frame(plan: Plan, values: pd.DataFrame, catalog: Catalog,
                    unit: str | None = None) -> pd.DataFrame:
    """Return the proposed indicators of a gmina without its own plan
    (:func:`strategy.plan.proposals.as_proposal`): the gmina's own baseline, the proposed
    target or "do ustalenia przez gminę", and how the proposal was set. ``attrs['row_decimals']``
    as in :func:`targets_frame`."""
    unit = unit or plan.unit
    rows, decimals = [], []
    for (og, t), (b, by) in zip(plan.targets(), check_targets(plan, values, catalog, unit)):
        decimals.append(target_decimals(t, catalog, (b, t.target)))
        rows.append({"Cel": og.id, "Wskaźnik": t.name, "Jednostka": target_unit(t, catalog),
                     "Wartość bazowa": b if by else "–", "Rok bazowy": str(by) if by else "–",
                     "Proponowana wartość docelowa": TO_SET if t.target is None else t.target,
                     "Rok docelowy": str(t.target_year) if t.target_year else "–",
                     "Sposób wyznaczenia": t.proposal or "–"})
    df = pd.DataFrame(rows, columns=["Cel", "Wskaźnik", "Jednostka", "Wartość bazowa",
                                     "Rok bazowy", "Proponowana wartość docelowa",
                                     "Rok docelowy", "Sposób wyznaczenia"])
    df.attrs["row_decimals"] = decimals
    df.attrs["row_columns"] = ["Wartość bazowa", "Proponowana wartość docelowa"]
    return df


def justification_sentences(plan: Plan, values: pd.DataFrame | None = None,
                            catalog: Catalog | None = None, unit: str | None = None
                            ) -> list[str]:
    """Return one sentence per target with a justification (the document prints them under the
    table of indicators), saying whether the target is worse than its baseline: the baseline
    from ``values`` of ``unit`` (default: the plan's) for a catalogue indicator, the plan's own
    otherwise; a target whose baseline is unknown (no ``values``) is taken as worse - the case
    a justification is required for (:mod:`strategy.plan.directions`)."""
    catalog = catalog or default_catalog()
    out = []
    for og_id, t in justified(plan):
        if values is not None:
            b, _, _ = target_baseline(t, values, unit or plan.unit, baseline_year(plan))
        else:
            b = t.baseline if not t.indicator else None
        worse = True if _nan(b) else worsens(b, t.target, favourable(t, catalog))
        out.append(wspolne.justification(t.name, og_id, t.justification, worse))
    return out


def outputs_frame(plan: Plan, catalog: Catalog | None = None,
                  goal_id: str | None = None) -> pd.DataFrame:
    """Return the output indicators (wskaźniki produktu) of every direction of action, with
    their unit and target; a direction without one gets a row saying that it is to be filled
    in before the document is adopted."""
    catalog = catalog or default_catalog()
    rows = []
    for g, _, d in plan.directions():
        if goal_id is not None and g.id != goal_id:
            continue
        for o in d.outputs:
            rows.append({"Kierunek działań": f"{d.id}. {d.name}", "Wskaźnik produktu": o.name,
                         "Jednostka": target_unit(o, catalog) or "–",
                         "Wartość docelowa": (o.proposal or "–") if o.target is None
                         else o.target,
                         "Rok docelowy": str(o.target_year) if o.target_year else "–"})
        if not d.outputs:
            rows.append({"Kierunek działań": f"{d.id}. {d.name}",
                         "Wskaźnik produktu": MISSING_OUTPUT, "Jednostka": "–",
                         "Wartość docelowa": "–", "Rok docelowy": "–"})
    return pd.DataFrame(rows, columns=["Kierunek działań", "Wskaźnik produktu", "Jednostka",
                                       "Wartość docelowa", "Rok docelowy"])


def outputs_note(plan: Plan) -> str:
    """Return the sentence on the directions of action without an output indicator ("" when
    every direction has one)."""
    return wspolne.outputs_missing([d.id for d in without_outputs(plan)])


def achievement_frame(plan: Plan, values: pd.DataFrame, year: int,
                      unit: str | None = None, catalog: Catalog | None = None) -> pd.DataFrame:
    """Return per target: baseline, target, value in ``year``, the degree of achievement and
    its assessment, aware of the indicator's favourable direction in the catalogue (see
    :func:`strategy.analysis.achievement.achievement`; a typed indicator without a catalogue id
    takes its ``kierunek``, else the direction of the planned change). ``attrs['row_decimals']``
    gives each row's decimals (counts as whole numbers) for the value columns.

    The value in ``year`` comes from the plan's ``wykonanie`` when given, else from the data.
    """
    unit = unit or plan.unit
    catalog = catalog or default_catalog()
    rows, decimals = [], []
    for og, t in plan.targets():
        b, by, _ = target_baseline(t, values, unit, baseline_year(plan))
        if year in t.actual:
            actual, where = float(t.actual[year]), "sprawozdanie"
        elif t.indicator:
            actual = value_at(values, unit, t.indicator, year)
            where = "dane" if not _nan(actual) else "–"
        else:
            actual, where = float("nan"), "–"
        tgt = t.target if t.target is not None else float("nan")
        a = achievement(b, tgt, actual, favourable(t, catalog),
                        justified=bool(t.justification))
        nan = float("nan")
        decimals.append(target_decimals(t, catalog, (b, tgt, actual)))
        rows.append({"Cel": og.id, "Wskaźnik": t.name, "Jednostka": target_unit(t, catalog),
                     "Wartość bazowa": b,
                     "Rok bazowy": str(by) if by else "–", "Wartość docelowa": tgt,
                     "Rok docelowy": str(t.target_year) if t.target_year else "–",
                     f"Wartość w {year} r.": actual, "Źródło wartości": where,
                     "Stopień realizacji (%)": nan if a.pct is None else a.pct,
                     "Ocena": a.status})
    df = pd.DataFrame(rows, columns=["Cel", "Wskaźnik", "Jednostka", "Wartość bazowa",
                                     "Rok bazowy", "Wartość docelowa", "Rok docelowy",
                                     f"Wartość w {year} r.", "Źródło wartości",
                                     "Stopień realizacji (%)", "Ocena"])
    df.attrs["row_decimals"] = decimals
    df.attrs["row_columns"] = ["Wartość bazowa", "Wartość docelowa", f"Wartość w {year} r."]
    return df


def spending_frame(items: list[dict]) -> pd.DataFrame:
    """Return the money spent by source (``[{'zrodlo':..., 'kwota':...}]``) with a 'Razem' row."""
    rows = [{"Źródło finansowania": str(w.get("zrodlo", "")), "Kwota (zł)": float(w.get("kwota", 0))}
            for w in items]
    df = pd.DataFrame(rows, columns=["Źródło finansowania", "Kwota (zł)"])
    if len(df):
        df = pd.concat([df, pd.DataFrame([{"Źródło finansowania": TOTAL,
                                           "Kwota (zł)": float(df["Kwota (zł)"].sum())}])],
                       ignore_index=True)
    return df


# ---- powiat: gminas side by side ------------------------------------------------------------
def synthesis_frame(values: pd.DataFrame, powiat: str, year: int, registry: Registry,
                    indicators: dict[str, str] | None = None) -> pd.DataFrame:
    """Return the key indicators of every gmina of ``powiat`` in ``year`` and a powiat row
    (the powiat's own sums-over-sums values, never a mean of the gminas)."""
    indicators = indicators or SYNTHESIS
    units = [(u.teryt, registry.display_name(u.teryt)) for u in registry.gminas_of(powiat)]
    units.append((powiat, f"Powiat {registry.name(powiat)}"))
    v = values[(values["year"] == year) & values["indicator"].isin(list(indicators))]
    rows = []
    for teryt, name in units:
        own = v[v["teryt"] == teryt].set_index("indicator")["value"]
        r = {"Gmina": name}
        r.update({label: float(own.get(ind, float("nan"))) for ind, label in indicators.items()})
        rows.append(r)
    return pd.DataFrame(rows, columns=["Gmina", *indicators.values()])


def social_economy_frame(plan: Plan) -> pd.DataFrame:
    """Return the social-economy entities and NGOs named in the plan with their capacity."""
    rows = [{"Podmiot": str(p.get("nazwa", "")), "Rodzaj": str(p.get("rodzaj", "")),
             "Zakres usług": str(p.get("zakres", "")), "Potencjał": str(p.get("potencjal", ""))}
            for p in (plan.social_economy.get("podmioty") or []) if isinstance(p, dict)]
    return pd.DataFrame(rows, columns=["Podmiot", "Rodzaj", "Zakres usług", "Potencjał"])


def services_frame(plan: Plan) -> pd.DataFrame:
    """Return the social services the plan names (art. 16b ust. 3 u.p.s.)."""
    rows = [{"Usługa społeczna": str(s.get("usluga", "")), "Realizator": str(s.get("realizator", "")),
             "Odbiorcy": str(s.get("odbiorcy", ""))} for s in plan.social_services if isinstance(s, dict)]
    return pd.DataFrame(rows, columns=["Usługa społeczna", "Realizator", "Odbiorcy"])


def ngo_tasks_frame(plan: Plan) -> pd.DataFrame:
    """Return the public tasks to be commissioned to NGOs (art. 16b ust. 3 u.p.s.)."""
    rows = [{"Zadanie publiczne": str(s.get("zadanie", "")), "Tryb zlecenia": str(s.get("tryb", "")),
             "Organizacje": str(s.get("organizacje", ""))} for s in plan.ngo_tasks if isinstance(s, dict)]
    return pd.DataFrame(rows, columns=["Zadanie publiczne", "Tryb zlecenia", "Organizacje"])


# ---- foster care -----------------------------------------------------------------------------
def foster_forms_frame(values: pd.DataFrame, powiat: str, years: list[int]) -> pd.DataFrame:
    """Return children in foster care by form (rows) and year (columns), with the total of
    family forms, the total and the share of family care (%) computed from the counts."""
    v = values[(values["teryt"] == powiat) & values["year"].isin(years)]
    pv = v.pivot_table(index="indicator", columns="year", values="value", aggfunc="first")
    rows = []

    def get(ind, y):
        return float(pv.at[ind, y]) if ind in pv.index and y in pv.columns else float("nan")

    for ind, label in FOSTER_FORMS.items():
        rows.append({"Forma pieczy": label, **{str(y): get(ind, y) for y in years}})
    fam = {str(y): math.fsum(get(i, y) for i in FOSTER_FAMILY_FORMS) for y in years}
    tot = {str(y): fam[str(y)] + get("dzieci_placowki", y) for y in years}
    rows.append({"Forma pieczy": "piecza rodzinna razem", **fam})
    rows.append({"Forma pieczy": "piecza zastępcza razem", **tot})
    rows.append({"Forma pieczy": "udział pieczy rodzinnej (%)",
                 **{k: (fam[k] / tot[k] * 100 if tot[k] else float("nan")) for k in tot}})
    return pd.DataFrame(rows, columns=["Forma pieczy", *map(str, years)])


def limits_frame(plan: Plan, values: pd.DataFrame) -> pd.DataFrame:
    """Return the annual limit of professional foster families per year of the plan, next to the
    number of such families in the last year with data."""
    limits = plan.extra.get("limit_rodzin_zawodowych") or {}
    now, now_year = last_value(values, plan.unit, "rz_zawodowe")
    rows = [{"Rok": str(int(y)), "Limit rodzin zastępczych zawodowych": float(n),
             "Zmiana wobec stanu z ostatniego roku z danymi": float(n) - now}
            for y, n in sorted(limits.items(), key=lambda kv: int(kv[0]))]
    df = pd.DataFrame(rows, columns=["Rok", "Limit rodzin zastępczych zawodowych",
                                     "Zmiana wobec stanu z ostatniego roku z danymi"])
    df.attrs["current"] = (now, now_year)
    return df


def _nan(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))
