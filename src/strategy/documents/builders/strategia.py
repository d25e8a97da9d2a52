"""Strategia rozwiązywania problemów społecznych powiatu: the draft strategy document.

In: the store, the powiat's plan (``dokument: strategia_powiatu``) and the path to write; the
powiat diagnosis is computed here (or passed in as ``diagnosis``). Out: the .docx with every
element of art. 16b ust. 2 and 3 u.p.s. as a chapter (:data:`CHAPTERS`): introduction and legal
basis, consistency with higher-level documents, the diagnosis with the synthesis of the gminas
and the capacity of social-economy entities, SWOT, forecast, mission and vision, goals ->
operational goals -> directions of action, social services and tasks commissioned to NGOs,
implementation and the financial frame (totals by year and source), indicators with baselines
from the data, monitoring and evaluation, lists of tables and figures, and a short annex per gmina.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ...analysis.forecast import DAMPING, WINDOW, method_description
from ...analysis.ranking import ranking_rule
from ...catalog import Catalog, default_catalog
from ...diagnosis import Diagnosis, diagnose, powiat_values
from ...errors import PlanError
from ...plan import Plan
from ...store import Store
from ...text import fmt_amount, fmt_number, fmt_percent, powiat_genitive
from ...units import Registry, default_registry
from . import common, data
from .common import DATA_SOURCE, PLAN_SOURCE, source

#: Chapter titles; the art. 16b elements each have their own chapter.
CHAPTERS = {
    "wprowadzenie": "Wprowadzenie i podstawy prawne",
    "zgodnosc": "Zgodność z dokumentami strategicznymi wyższego rzędu",
    "diagnoza": "Diagnoza sytuacji społecznej powiatu",
    "swot": "Analiza SWOT",
    "prognoza": "Prognoza zmian",
    "misja": "Misja i wizja",
    "cele": "Cele strategiczne, cele operacyjne i kierunki działań",
    "uslugi": "Usługi społeczne i zadania zlecane organizacjom pozarządowym",
    "ramy": "Sposób realizacji strategii i ramy finansowe",
    "wskazniki": "Wskaźniki realizacji działań",
    "monitoring": "Monitoring i ewaluacja",
    "spisy": "Spis tabel i wykresów",
}
LEGAL_BASIS = [
    "ustawa z dnia 12 marca 2004 r. o pomocy społecznej – art. 16b (zawartość strategii), "
    "art. 19 pkt 1 (obowiązek opracowania strategii powiatu po konsultacji z gminami);",
    "ustawa z dnia 9 czerwca 2011 r. o wspieraniu rodziny i systemie pieczy zastępczej;",
    "ustawa z dnia 29 lipca 2005 r. o przeciwdziałaniu przemocy domowej;",
    "ustawa z dnia 27 sierpnia 1997 r. o rehabilitacji zawodowej i społecznej oraz "
    "zatrudnianiu osób niepełnosprawnych;",
    "ustawa z dnia 19 lipca 2019 r. o realizowaniu usług społecznych przez centrum usług "
    "społecznych – art. 2 ust. 1 (usługi społeczne);",
    "ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie – "
    "art. 4 ust. 1 (zadania publiczne zlecane organizacjom pozarządowym);",
    "ustawa z dnia 6 grudnia 2006 r. o zasadach prowadzenia polityki rozwoju.",
]
#: Elements of art. 16b and the chapter that holds each.
ART_16B = [
    ("ust. 2 pkt 1 – diagnoza sytuacji społecznej, w tym potencjał podmiotów ekonomii "
     "społecznej do realizacji usług społecznych", "diagnoza"),
    ("ust. 2 pkt 2 – prognoza zmian w zakresie objętym strategią", "prognoza"),
    ("ust. 2 pkt 3 lit. a i b – cele strategiczne projektowanych zmian i kierunki niezbędnych "
     "działań", "cele"),
    ("ust. 2 pkt 3 lit. c – sposób realizacji strategii oraz jej ramy finansowe", "ramy"),
    ("ust. 2 pkt 3 lit. d – wskaźniki realizacji działań", "wskazniki"),
    ("ust. 3 – usługi społeczne i zadania publiczne zlecane organizacjom pozarządowym", "uslugi"),
]
SWOT_PARTS = {"mocne_strony": "Mocne strony", "slabe_strony": "Słabe strony",
              "szanse": "Szanse", "zagrozenia": "Zagrożenia"}
#: Key indicators shown for each gmina in the annexes.
ANNEX_INDICATORS = list(data.SYNTHESIS)


def build_strategia(store: Store, plan: Plan, out_path, *, template=None, draft=None, date=None,
                    year: int | None = None, horizon: int = 2030,
                    diagnosis: Diagnosis | None = None, catalog: Catalog | None = None,
                    registry: Registry | None = None) -> Path:
    """Write the powiat strategy drafted from ``plan`` and the data in ``store``; return the path."""
    catalog = catalog or default_catalog()
    registry = registry or default_registry()
    if plan.kind != "strategia_powiatu" or len(plan.unit) != 4:
        raise PlanError(f"plik {plan.path.name}: to plan dokumentu '{plan.kind}' jednostki "
                        f"{plan.unit}, a strategia wymaga planu strategii powiatu")
    powiat = plan.unit
    d = diagnosis or diagnose(powiat, store, year=year, horizon=horizon, catalog=catalog,
                              registry=registry)
    values, _ = powiat_values(store, powiat, catalog, registry)
    demo = bool(d.demo or plan.demo)
    src, psrc = source(DATA_SOURCE, demo), source(PLAN_SOURCE, demo)
    name = registry.name(powiat)
    title = plan.title or f"Strategia rozwiązywania problemów społecznych powiatu {powiat_genitive(name)}"
    rep = common.new_report(title, subject="Strategia rozwiązywania problemów społecznych",
                            author=plan.institution, demo=demo, template=template, draft=draft,
                            date=date, keywords=["strategia", f"powiat {name}", powiat],
                            custom_props={"strategy_document": "strategia", "strategy_teryt": powiat})
    y0, y1 = plan.years
    common.front_matter(rep, subtitle=f"na lata {y0}–{y1}", lines=[plan.institution,
                        f"Diagnoza według stanu na 31 grudnia {d.year} r."], date=date)
    chapters = {}

    # 1 --------------------------------------------------------------------------------------
    chapters["wprowadzenie"] = rep.heading(CHAPTERS["wprowadzenie"])
    rep.paragraph(
        f"Strategia rozwiązywania problemów społecznych powiatu {powiat_genitive(name)} na lata {y0}–{y1} "
        "określa, jak powiat – we współpracy z gminami, instytucjami i organizacjami "
        "pozarządowymi – będzie przeciwdziałał problemom społecznym mieszkańców. Powiat "
        "opracowuje ją po konsultacji z gminami z jego obszaru (art. 19 pkt 1 ustawy o pomocy "
        f"społecznej). Dokument przygotował(o): {plan.institution}.")
    rep.heading("Podstawy prawne", 2)
    rep.bullets(LEGAL_BASIS)
    rep.heading("Metoda pracy i układ dokumentu", 2)
    rep.paragraph("Prace prowadzono w kolejności: diagnoza, pogrupowanie i uszeregowanie "
                  "problemów, cele, zasoby, rezultaty, wskaźniki, działania i koszty, "
                  "monitoring, konsultacje. Elementy wymagane przez art. 16b ustawy o pomocy "
                  "społecznej znajdują się w następujących rozdziałach:")
    number = {key: i for i, key in enumerate(CHAPTERS, start=1)}
    rep.bullets([f"art. 16b {text} – rozdział {number[key]}" for text, key in ART_16B])
    common.demo_paragraph(rep, demo)

    # 2 --------------------------------------------------------------------------------------
    chapters["zgodnosc"] = rep.heading(CHAPTERS["zgodnosc"])
    higher = pd.DataFrame([{"Dokument": str(h.get("dokument", "")), "Zakres zgodności": str(h.get("opis", ""))}
                           for h in plan.higher_documents if isinstance(h, dict)],
                          columns=["Dokument", "Zakres zgodności"])
    if len(higher):
        ref = rep.table(higher, "Dokumenty strategiczne wyższego rzędu, z którymi strategia jest zgodna",
                        psrc, widths=[7.0, 9.0])
        rep.paragraph("Cele strategii wpisują się w cele dokumentów krajowych, regionalnych i "
                      "powiatowych wymienionych w zestawieniu (zob. {t}).", refs={"t": ref})
    else:
        rep.paragraph("Plik planu nie wymienia dokumentów wyższego rzędu – do uzupełnienia.")

    # 3 --------------------------------------------------------------------------------------
    chapters["diagnoza"] = rep.heading(CHAPTERS["diagnoza"])
    rep.paragraph(f"Diagnozę sporządzono dla powiatu {powiat_genitive(name)} według stanu na 31 grudnia "
                  f"{d.year} r. Wartości powiatu są sumami liczb z gmin podzielonymi przez sumy "
                  "mianowników, a nie średnimi wskaźników gmin.")
    rep.heading("Gminy powiatu – zestawienie wskaźników kluczowych", 2)
    syn = data.synthesis_frame(values, powiat, d.year, registry)
    ref = rep.table(syn, f"Wskaźniki kluczowe gmin powiatu {powiat_genitive(name)} w {d.year} r.", src,
                    landscape=True, formats={c: (0 if c == "Ludność" else 1) for c in syn.columns[1:]},
                    widths=[4.4, 2.2] + [3.1] * (syn.shape[1] - 2))
    common.bold_last_row(rep)
    pop = syn.iloc[-1]["Ludność"]
    rep.paragraph(f"Powiat {name} liczył na koniec {d.year} r. {fmt_number(pop, 0, group4=True)} "
                  f"mieszkańców w {len(syn) - 1} gminach (zob. {{t}}).", refs={"t": ref})
    for area, aname in catalog.areas.items():
        if area in d.tables or d.sentences.get(area):
            common.diagnosis_area(rep, d, area, aname, catalog, level=2,
                                  skip_figures=tuple(k for k in d.figures if k.startswith("ranking_")))
    rep.heading("Problemy społeczne w gminach powiatu", 2)
    rep.paragraph(ranking_rule())
    areas = common.areas_frame(d, catalog)
    ref = rep.table(areas, f"Obszary problemowe powiatu {powiat_genitive(name)} uszeregowane według wyniku", src,
                    widths=[1.6, 4.6, 1.6, 8.2])
    rep.paragraph(f"Najwyższy wynik w powiecie ma obszar „{areas.iloc[0]['Obszar']}” "
                  "(zob. {t}). Wykresy pokazują gminy uszeregowane według wskaźników "
                  "najpilniejszych obszarów.", refs={"t": ref})
    for key, fig in d.figures.items():
        if key.startswith("ranking_"):
            rep.figure(fig.png, fig.caption, fig.source, width_cm=15)
    rep.heading("Potencjał podmiotów ekonomii społecznej i organizacji pozarządowych", 2)
    rep.paragraph(str(plan.social_economy.get("opis") or
                      "Plik planu nie opisuje potencjału podmiotów ekonomii społecznej – do uzupełnienia."))
    ses = data.social_economy_frame(plan)
    if len(ses):
        ref = rep.table(ses, "Podmioty ekonomii społecznej i organizacje pozarządowe zdolne do "
                        "realizacji usług społecznych", psrc, widths=[4.6, 2.8, 4.4, 4.2])
        rep.paragraph(f"W zestawieniu (zob. {{t}}) ujęto {len(ses)} podmiotów z ich zakresem "
                      "usług i potencjałem." if len(ses) >= 5 else
                      f"W zestawieniu (zob. {{t}}) ujęto {len(ses)} podmioty z ich zakresem "
                      "usług i potencjałem." if len(ses) >= 2 else
                      "W zestawieniu (zob. {t}) ujęto jeden podmiot z jego zakresem usług i "
                      "potencjałem.", refs={"t": ref})

    # 4 --------------------------------------------------------------------------------------
    chapters["swot"] = rep.heading(CHAPTERS["swot"])
    rep.paragraph("Analizę SWOT przygotował zespół opracowujący strategię. Zestawienie "
                  "uzupełniają propozycje wynikające z liczb diagnozy, oznaczone jako propozycje.")
    ref = rep.table(swot_grid(plan), "Analiza SWOT – ustalenia zespołu", psrc, widths=[3.0, 6.5, 6.5])
    sw = common.swot_suggestions_frame(d)
    if len(sw):
        ref2 = rep.table(sw, "Propozycje do analizy SWOT wynikające z danych (do weryfikacji przez zespół)",
                         src, widths=[2.6, 3.2, 10.2])
        rep.paragraph("Ustalenia zespołu (zob. {a}) uzupełniają propozycje wyliczone z danych "
                      "(zob. {b}); te ostatnie są sugestiami, a nie ocenami zespołu.",
                      refs={"a": ref, "b": ref2})

    # 5 --------------------------------------------------------------------------------------
    chapters["prognoza"] = rep.heading(CHAPTERS["prognoza"])
    for para in method_description(d.horizon, WINDOW, DAMPING):
        rep.paragraph(para)
    fc = common.forecast_frame(d, catalog)
    if len(fc):
        ref = rep.table(fc, f"Prognoza wskaźników kluczowych powiatu {powiat_genitive(name)} do {d.horizon} r.", src,
                        widths=[5.6, 1.2, 1.8, 1.9, 2.4, 3.1],
                        row_decimals=common.row_decimals(fc.attrs["indicators"], catalog))
        rep.paragraph("Wyniki prognozy zestawiono w tabeli (zob. {t}).", refs={"t": ref})
    rep.paragraph("Zdania opisujące prognozę każdego wskaźnika podano w rozdziałach "
                  "poświęconych poszczególnym obszarom.")

    # 6 --------------------------------------------------------------------------------------
    chapters["misja"] = rep.heading(CHAPTERS["misja"])
    rep.paragraph([{"text": "Misja. ", "bold": True}, plan.mission or "do uzupełnienia"])
    rep.paragraph([{"text": "Wizja. ", "bold": True}, plan.vision or "do uzupełnienia"])

    # 7 --------------------------------------------------------------------------------------
    chapters["cele"] = rep.heading(CHAPTERS["cele"])
    n_op = sum(len(g.operational) for g in plan.goals)
    n_dir = len(plan.directions())
    rep.paragraph(f"Strategia ma {common.count(len(plan.goals), CEL_STRATEGICZNY)}, "
                  f"{common.count(n_op, CEL_OPERACYJNY)} i "
                  f"{common.count(n_dir, KIERUNEK)}. Dla każdego kierunku podano realizatorów, "
                  "partnerów, termin i źródła finansowania.")
    rep.bullets([f"Cel strategiczny {g.id}. {g.name}" for g in plan.goals])
    for g in plan.goals:
        rep.heading(f"Cel strategiczny {g.id}. {g.name}", 2)
        rep.bullets([f"Cel operacyjny {og.id}. {og.name}" for og in g.operational])
        rep.table(data.goals_frame(plan, g.id), f"Kierunki działań celu strategicznego {g.id}",
                  psrc, widths=common.GOAL_WIDTHS)

    # 8 --------------------------------------------------------------------------------------
    chapters["uslugi"] = rep.heading(CHAPTERS["uslugi"])
    rep.paragraph("Zgodnie z art. 16b ust. 3 ustawy o pomocy społecznej strategia wskazuje usługi "
                  "społeczne (art. 2 ust. 1 ustawy o realizowaniu usług społecznych przez centrum "
                  "usług społecznych) oraz zadania publiczne, które będą zlecane organizacjom "
                  "pozarządowym (art. 4 ust. 1 ustawy o działalności pożytku publicznego i o "
                  "wolontariacie).")
    rep.heading("Usługi społeczne", 2)
    sv = data.services_frame(plan)
    if len(sv):
        rep.table(sv, "Usługi społeczne realizowane w ramach strategii", psrc, widths=[6.0, 5.0, 5.0])
    else:
        rep.paragraph("Plik planu nie wymienia usług społecznych – do uzupełnienia.")
    rep.heading("Zadania publiczne zlecane organizacjom pozarządowym", 2)
    nt = data.ngo_tasks_frame(plan)
    if len(nt):
        rep.table(nt, "Zadania publiczne zlecane organizacjom pozarządowym", psrc, widths=[6.0, 4.0, 6.0])
    else:
        rep.paragraph("Plik planu nie wymienia zadań zlecanych – do uzupełnienia.")

    # 9 --------------------------------------------------------------------------------------
    chapters["ramy"] = rep.heading(CHAPTERS["ramy"])
    coord = plan.monitoring.get("koordynator") or plan.institution
    rep.paragraph(f"Strategię realizują jednostki wskazane przy kierunkach działań, a jej "
                  f"realizację koordynuje {coord}. Działania są ujmowane w rocznych planach "
                  "pracy i budżetach realizatorów; kwoty w ramach finansowych są szacunkami, "
                  "które co roku weryfikuje uchwała budżetowa.")
    fund = data.funding_frame(plan)
    if len(plan.funding):
        years = [c for c in fund.columns if c.isdigit()]
        wide = len(years) > 4
        amount = lambda v: "–" if v != v else fmt_number(v, 0, group4=True)  # noqa: E731
        ref = rep.table(fund, f"Ramy finansowe strategii na lata {years[0]}–{years[-1]} (zł)", psrc,
                        landscape=wide, formats={c: amount for c in fund.columns[1:]})
        common.bold_last_row(rep)
        total = fund.iloc[-1]["Razem"]
        body = fund.iloc[:-1]
        top = body.loc[body["Razem"].idxmax()]
        rep.paragraph(f"Łączne szacowane nakłady na realizację strategii w latach {years[0]}–"
                      f"{years[-1]} wynoszą {fmt_amount(total, None)} (zob. {{t}}). Największą "
                      f"część, {fmt_amount(top['Razem'], None)} "
                      f"({fmt_percent(top['Razem'] / total * 100 if total else float('nan'))}), "
                      f"ma pochodzić ze źródła: {top['Źródło finansowania']}.", refs={"t": ref})
    else:
        rep.paragraph("Plik planu nie zawiera ram finansowych – do uzupełnienia.")

    # 10 -------------------------------------------------------------------------------------
    chapters["wskazniki"] = rep.heading(CHAPTERS["wskazniki"])
    tf = data.targets_frame(plan, values, catalog)
    rep.paragraph(f"Wartości bazowe wskaźników z katalogu uzupełniono z danych powiatu za rok "
                  f"{data.baseline_year(plan)} albo ostatni wcześniejszy rok z danymi; wartości "
                  "bazowe pozostałych wskaźników podał zespół w pliku planu.")
    if len(tf):
        rep.table(tf, "Wskaźniki realizacji działań: wartości bazowe i docelowe", source(
            "opracowanie własne na podstawie danych GUS BDL, sprawozdań jednostek i planu", demo),
            landscape=True, widths=common.TARGET_WIDTHS)

    # 11 -------------------------------------------------------------------------------------
    chapters["monitoring"] = rep.heading(CHAPTERS["monitoring"])
    rep.paragraph("Monitoring polega na corocznym zbieraniu wartości wskaźników realizacji i "
                  "informacji o wykonanych działaniach od realizatorów; ewaluacja ocenia "
                  "trafność, skuteczność i efektywność strategii oraz potrzebę jej aktualizacji.")
    common.bullets_or(rep, common.monitoring_items(plan.monitoring),
                      "Sposób monitorowania – do uzupełnienia.")

    # 12 -------------------------------------------------------------------------------------
    chapters["spisy"] = rep.heading(CHAPTERS["spisy"])
    rep.list_of_tables()
    rep.list_of_figures()

    # annexes --------------------------------------------------------------------------------
    for k, unit in enumerate(registry.gminas_of(powiat), start=1):
        gd = diagnose(unit.teryt, store, year=d.year, horizon=d.horizon, catalog=catalog,
                      registry=registry, charts=False)
        rep.page_break()
        rep.heading(f"Załącznik {k}. Gmina {unit.name} – podsumowanie diagnozy", 1, numbered=False)
        gs = gmina_summary(values, unit.teryt, powiat, d.year, catalog)
        rep.table(gs, f"Wskaźniki kluczowe gminy {unit.name} na tle powiatu w {d.year} r.", src,
                  widths=[8.0, 2.6, 2.6, 2.8],
                  formats={"Różnica": lambda v: "–" if v != v else fmt_number(v, 1)},
                  row_decimals=common.row_decimals(ANNEX_INDICATORS, catalog))
        top = [f"{r.area_name} (wynik {fmt_number(r.score, 2)}; najpilniejszy wskaźnik: "
               f"{catalog.get(list(r.top_indicators)[0]).name})"
               for r in gd.areas.itertuples() if r.score > 0][:3]
        rep.paragraph({"text": "Najpilniejsze obszary problemowe:", "bold": True})
        common.bullets_or(rep, top, "Dane nie wskazują obszarów wyraźnie odbiegających od powiatu.")

    return rep.save(out_path)


CEL_STRATEGICZNY = ("cel strategiczny", "cele strategiczne", "celów strategicznych")
CEL_OPERACYJNY = ("cel operacyjny", "cele operacyjne", "celów operacyjnych")
KIERUNEK = ("kierunek działań", "kierunki działań", "kierunków działań")


def swot_grid(plan: Plan) -> pd.DataFrame:
    """Return the authors' SWOT as a 2x2 grid: internal/external factors by positive/negative."""
    def cell(key):
        items = plan.swot.get(key) or []
        return "\n".join(f"• {x}" for x in items) if items else "nie wskazano"
    return pd.DataFrame([
        {"Czynniki": "wewnętrzne", "Pozytywne – mocne strony / szanse": "Mocne strony:\n" + cell("mocne_strony"),
         "Negatywne – słabe strony / zagrożenia": "Słabe strony:\n" + cell("slabe_strony")},
        {"Czynniki": "zewnętrzne", "Pozytywne – mocne strony / szanse": "Szanse:\n" + cell("szanse"),
         "Negatywne – słabe strony / zagrożenia": "Zagrożenia:\n" + cell("zagrozenia")},
    ])


def gmina_summary(values: pd.DataFrame, teryt: str, powiat: str, year: int,
                  catalog: Catalog) -> pd.DataFrame:
    """Return the key indicators of a gmina next to the powiat in ``year`` with the difference."""
    rows = []
    for ind_id in ANNEX_INDICATORS:
        ind = catalog.get(ind_id)
        g = data.value_at(values, teryt, ind_id, year)
        p = data.value_at(values, powiat, ind_id, year)
        intensive = ind.kind not in ("count", "amount", "balance")
        rows.append({"Wskaźnik (jednostka)": f"{ind.name} ({ind.unit})", "Gmina": g, "Powiat": p,
                     "Różnica": g - p if intensive else float("nan")})
    return pd.DataFrame(rows, columns=["Wskaźnik (jednostka)", "Gmina", "Powiat", "Różnica"])
