"""The sentences of the powiat strategy's chapters (Strategia rozwiązywania problemów
społecznych), in the order of the chapters: introduction, consistency with higher-level
documents, diagnosis, SWOT, forecast, goals, services, implementation and the financial frame,
indicators, monitoring.

The chapters on the powiat's resources, the consultation, the abbreviations and the draft
resolution are in :mod:`.strategia_zakres`; an area section of the diagnosis in
:mod:`.diagnoza_obszary`; the ranking rule in :mod:`.ranking`; the forecast's method in
:mod:`.prognoza`; the notes under the targets in :mod:`.wspolne`.

In: plain values (the powiat's name, years, counts, amounts). Out: Polish paragraphs; a
``{t}`` (``{a}``, ``{b}``, ``{d}``, ``{g}``) in a paragraph is the place of a cross-reference to
a table.
"""
from __future__ import annotations

from .grammar import count, powiat_genitive
from .numbers import fmt_amount, fmt_number, fmt_percent
from .prognoza import WIDE, unreadable
from .sentences import bare_text, field_of, level_text, year_text, z_prep

#: The legal basis of the strategy, one bullet each.
LEGAL_BASIS = [
    ("ustawa z dnia 12 marca 2004 r. o pomocy społecznej – art. 16b (zawartość strategii), "
     "art. 19 pkt 1 (obowiązek opracowania strategii powiatu po konsultacji z gminami);"),
    "ustawa z dnia 9 czerwca 2011 r. o wspieraniu rodziny i systemie pieczy zastępczej;",
    "ustawa z dnia 29 lipca 2005 r. o przeciwdziałaniu przemocy domowej;",
    ("ustawa z dnia 27 sierpnia 1997 r. o rehabilitacji zawodowej i społecznej oraz "
     "zatrudnianiu osób niepełnosprawnych;"),
    ("ustawa z dnia 19 lipca 2019 r. o realizowaniu usług społecznych przez centrum usług "
     "społecznych – art. 2 ust. 1 (usługi społeczne);"),
    ("ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie – "
     "art. 4 ust. 1 (zadania publiczne zlecane organizacjom pozarządowym);"),
    "ustawa z dnia 6 grudnia 2006 r. o zasadach prowadzenia polityki rozwoju.",
]
CEL_STRATEGICZNY = ("cel strategiczny", "cele strategiczne", "celów strategicznych")
CEL_OPERACYJNY = ("cel operacyjny", "cele operacyjne", "celów operacyjnych")
KIERUNEK = ("kierunek działań", "kierunki działań", "kierunków działań")


# -- introduction ------------------------------------------------------------------------------
def purpose(powiat: str, first: int, last: int, institution: str) -> str:
    """Return the first paragraph: what the strategy of powiat ``powiat`` ("kaliski") for the
    years ``first``–``last`` does, and who prepared it."""
    return (f"Strategia rozwiązywania problemów społecznych powiatu {powiat_genitive(powiat)} "
            f"na lata {first}–{last} określa, jak powiat – we współpracy z gminami, "
            "instytucjami i organizacjami pozarządowymi – będzie przeciwdziałał problemom "
            "społecznym mieszkańców. Powiat opracowuje ją po konsultacji z gminami z jego "
            "obszaru (art. 19 pkt 1 ustawy o pomocy społecznej). Opracowanie dokumentu: "
            f"{institution}.")


def work_order() -> str:
    """Return the paragraph on the order of work, ending with a colon before the list of the
    chapters that hold the statutory elements."""
    return ("Prace prowadzono w kolejności: diagnoza, pogrupowanie i uszeregowanie problemów, "
            "cele, zasoby, rezultaty, wskaźniki, działania i koszty, monitoring, konsultacje. "
            "Elementy wymagane przez art. 16b ustawy o pomocy społecznej znajdują się w "
            "następujących rozdziałach:")


def statute_item(statute: str, chapter: int) -> str:
    """Return a bullet "art. 16b ust. 2 pkt 1 – rozdział 3"."""
    return f"art. 16b {statute} – rozdział {chapter}"


# -- consistency -------------------------------------------------------------------------------
def higher_documents_note() -> str:
    """Return the sentence under the table of higher-level documents (``{t}``)."""
    return ("Cele strategii wpisują się w cele dokumentów krajowych, regionalnych i powiatowych "
            "wymienionych w zestawieniu (zob. {t}).")


def higher_documents_missing() -> str:
    return ("Dokumenty wyższego rzędu, z którymi strategia jest zgodna – do uzupełnienia przez "
            "zespół.")


# -- diagnosis ---------------------------------------------------------------------------------
def diagnosis_intro(powiat: str, year: int, population, n_gminas: int) -> str:
    """Return the first paragraph of the diagnosis: the date, the population, the number of
    gminas and how the powiat's values are computed."""
    return (f"Diagnozę sporządzono dla powiatu {powiat_genitive(powiat)} według stanu na 31 "
            f"grudnia {year} r. Powiat {powiat} liczył wtedy {fmt_number(population, 0)} "
            f"mieszkańców w {n_gminas} gminach. Wartości powiatu są sumami liczb z gmin "
            "podzielonymi przez sumy mianowników, a nie średnimi wskaźników gmin.")


def synthesis_note() -> str:
    """Return the sentence under the table of the gminas' key indicators (``{t}``)."""
    return "Wskaźniki kluczowe gmin zestawiono obok wartości całego powiatu (zob. {t})."


def ranking_top(area: str, charts: bool = True) -> str:
    """Return the sentence under the table of problem areas (``{t}``): the area with the
    highest score, and (``charts``) what the charts after it show."""
    text = f"Najwyższy wynik w powiecie ma obszar „{area}” (zob. {{t}})."
    if charts:
        text += " Wykresy pokazują gminy uszeregowane według wskaźników najpilniejszych obszarów."
    return text


def ranking_flat(area: str, score: float, threshold: float, charts: bool = True) -> str:
    """Return the sentence under the table of problem areas (``{t}``) when no area's score
    reaches ``threshold``: no first priority is named."""
    text = (f"Żaden obszar nie wyróżnia się wyraźnie (zob. {{t}}): najwyższy wynik, "
            f"{fmt_number(score, 2)} (obszar „{area}”), jest niższy niż "
            f"{fmt_number(threshold, 2)}, czyli żaden obszar nie odbiega od wartości "
            f"odniesienia nawet w najgorszych wskaźnikach o {fmt_percent(threshold * 100, 0)}. "
            "Kolejność w tabeli porządkuje niewielkie różnice i nie wyznacza pierwszego "
            "priorytetu strategii.")
    if charts:
        text += " Wykresy pokazują gminy uszeregowane według wskaźników tych obszarów."
    return text


def ranking_none() -> str:
    """Return the sentence under the table of problem areas (``{t}``) when every area scored
    zero."""
    return ("Żaden obszar nie uzyskał dodatniego wyniku (zob. {t}): dane nie wskazują obszaru "
            "wyraźnie wyróżniającego się na tle pozostałych.")


def ranking_partial(areas: list[str], gminas: list[str]) -> str:
    """Return the sentence on the areas whose score rests on the data of some gminas only."""
    which = "obszaru" if len(areas) == 1 else "obszarów"
    return (f"Wynik {which} {', '.join(f'„{a}”' for a in areas)} oparto na danych części "
            f"gmin (brak danych z: {', '.join(gminas)}); niski wynik nie oznacza, że w tych "
            "gminach nie ma problemów.")


def ranking_too_few() -> str:
    """Return the paragraph when the data are too few to rank the areas."""
    return ("Danych jest za mało, aby uszeregować obszary problemowe: żaden wskaźnik względny "
            "nie ma w roku diagnozy wartości porównywalnych z powiatem lub województwem.")


def social_economy_missing() -> str:
    return ("Opis potencjału podmiotów ekonomii społecznej – do uzupełnienia przez zespół.")


def social_economy_note(n: int) -> str:
    """Return the sentence under the table of ``n`` social-economy entities (``{t}``)."""
    if n >= 5:
        return (f"W zestawieniu (zob. {{t}}) ujęto {n} podmiotów z ich zakresem usług i "
                "potencjałem.")
    if n >= 2:
        return (f"W zestawieniu (zob. {{t}}) ujęto {n} podmioty z ich zakresem usług i "
                "potencjałem.")
    return "W zestawieniu (zob. {t}) ujęto jeden podmiot z jego zakresem usług i potencjałem."


# -- SWOT and forecast -------------------------------------------------------------------------
def swot_intro() -> str:
    return ("Analizę SWOT przygotował zespół opracowujący strategię na podstawie diagnozy "
            "sytuacji społecznej powiatu.")


def swot_note() -> str:
    """Return the sentence under the SWOT table (``{a}``)."""
    return "Mocne i słabe strony oraz szanse i zagrożenia powiatu zestawiono w tabeli (zob. {a})."


#: The title of the team's working material after the annexes of the strategy.
WORKING_TITLE = "Materiał roboczy zespołu – nie jest częścią dokumentu do przyjęcia"


def working_intro() -> str:
    """Return the (italic) paragraph that opens the team's working material."""
    return ("Poniższe propozycje mocnych i słabych stron wynikają wyłącznie z liczb diagnozy "
            "(porównania gmin z powiatem i tendencji). Służyły zespołowi przy przygotowaniu "
            "analizy SWOT; nie są częścią strategii i przed przyjęciem dokumentu należy je "
            "usunąć.")


def forecast_table_note() -> str:
    """Return the sentence under the forecast table (``{t}``)."""
    return "Wyniki prognozy zestawiono w tabeli (zob. {t})."


# -- mission and goals -------------------------------------------------------------------------
def missing_text() -> str:
    """Return what stands for a mission or vision the plan does not give."""
    return "do uzupełnienia"


def goals_summary(n_goals: int, n_operational: int, n_directions: int) -> str:
    """Return "Strategia ma 3 cele strategiczne, 8 celów operacyjnych i 20 kierunków działań.
    ..." with the nouns agreed with the numbers."""
    return (f"Strategia ma {count(n_goals, CEL_STRATEGICZNY)}, "
            f"{count(n_operational, CEL_OPERACYJNY)} i {count(n_directions, KIERUNEK)}. Dla "
            "każdego kierunku podano realizatorów, partnerów, termin i źródła finansowania.")


# -- goals traced to the diagnosis -------------------------------------------------------------
#: The caption of the table of the diagnosis' priority areas and the goals answering them.
AREAS_GOALS_CAPTION = "Obszary problemowe diagnozy a cele strategii"


def areas_goals_intro(stands_out: bool) -> str:
    """Return the paragraph before the table of priority areas and goals."""
    if stands_out:
        lead = ("Cele strategii odpowiadają na obszary problemowe wskazane w diagnozie. ")
    else:
        lead = ("Diagnoza nie wskazała obszaru wyraźnie wyróżniającego się na tle pozostałych, "
                "dlatego kolejność obszarów nie wyznacza priorytetów strategii; cele odpowiadają "
                "jednak na każdy obszar z dodatnim wynikiem. ")
    return lead + ("Zestawienie (zob. {t}) podaje przy każdym obszarze z dodatnim wynikiem "
                   "cele operacyjne, których wskaźniki należą do tego obszaru, albo powód "
                   "odłożenia działań na później.")


def area_goals_cell(goals: list[tuple[str, str]], deferred: str) -> str:
    """Return the cell of an area: its operational goals one a line, "odroczone: …" with the
    reason, or the mark of an area neither answered nor deferred."""
    if goals:
        return "\n".join(f"{gid}. {name}" for gid, name in goals)
    if deferred:
        return f"odroczone: {deferred.rstrip('.')}"
    return UNANSWERED_MARK


#: What the table shows for a priority area no goal answers and no reason defers.
UNANSWERED_MARK = ("brak celu i brak powodu odroczenia – do uzupełnienia przed przyjęciem "
                   "strategii")


def unanswered_note(areas: list[str]) -> str:
    """Return the bold sentence under the table on the areas neither answered nor deferred."""
    which = "Obszar" if len(areas) == 1 else "Obszary"
    verb = "nie ma" if len(areas) == 1 else "nie mają"
    return (f"{which} {', '.join(f'„{a}”' for a in areas)} {verb} celu ani wskazanego powodu "
            "odroczenia – przed przyjęciem strategii należy dodać cel albo uzasadnić "
            "odroczenie.")


def unanswered_warning(area: str, place: int) -> str:
    """Return the build warning on a priority area neither answered nor deferred."""
    return (f"obszar problemowy diagnozy „{area}” (miejsce {place}) nie ma celu strategii ani "
            "powodu odroczenia – dodaj cel ze wskaźnikiem tego obszaru albo wpis w "
            "obszary_odroczone")


def goal_findings_lead(goal_id: str, areas: list[tuple[str, int | None]]) -> str:
    """Return the (bold) line before the findings an operational goal answers, with the areas
    of its indicators and their places in the ranking of problem areas (None: an area without
    a positive score): "Cel operacyjny 1.1 odpowiada na obszary diagnozy „Rodzina …” (miejsce 1
    w uszeregowaniu) i „Bezdomność” (wynik 0), a w nich na ustalenia:"."""
    if not areas:
        return f"Cel operacyjny {goal_id} odpowiada na ustalenia diagnozy:"
    named = []
    for k, (name, place) in enumerate(areas):
        where = (f"miejsce {place}" + (" w uszeregowaniu" if k == 0 else "")) if place \
            else "wynik 0"
        named.append(f"„{name}” ({where})")
    which = "obszar" if len(named) == 1 else "obszary"
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " i " + named[-1]
    return (f"Cel operacyjny {goal_id} odpowiada na {which} diagnozy {listed}, a w "
            f"{'nim' if len(named) == 1 else 'nich'} na ustalenia:")


def goal_no_findings(goal_id: str) -> str:
    """Return the paragraph of an operational goal without a catalogue indicator the diagnosis
    ranks."""
    return (f"Cel operacyjny {goal_id} nie ma wskaźników z diagnozy: jego wskaźniki pochodzą "
            "ze sprawozdań realizatorów, więc nie powiązano go z liczbami diagnozy.")


_TREND = {"wzrost": "tendencja wzrostowa", "spadek": "tendencja spadkowa"}
_REF = {"wojewodztwo": "w województwie", "polska": "w Polsce"}


def _favourable(change: str, direction: str) -> str | None:
    if direction not in ("worse", "better") or change not in ("wzrost", "spadek"):
        return None
    good = (change == "spadek") == (direction == "worse")
    return "korzystna" if good else "niekorzystna"


def finding(f, indicator) -> str:
    """Return one line on a finding of the diagnosis (``f``: indicator name, value, year, trend,
    comparison - :class:`strategy.documents.builders.strategia_traces.Finding`; ``indicator``:
    its catalogue entry), the indicator named once: "Przeciętne obciążenie asystenta rodziny:
    12,2 rodziny na asystenta w 2024 r.; wyraźna tendencja wzrostowa od 2015 r. (z 10,1),
    niekorzystna; w 3 z 11 gmin co najmniej o 10% mniej korzystnie niż w powiecie
    (najmniej korzystnie: Mycielin, 13,5)."."""
    value, year = field_of(f, "value"), field_of(f, "year")
    parts = [f"{field_of(f, 'name')}: {level_text(indicator, value)} w {year_text(year)}"]
    trend, start = field_of(f, "trend"), field_of(f, "trend_start")
    if trend and start and start < year:
        if field_of(f, "trend_significant") and trend in _TREND:
            v0 = level_text(indicator, field_of(f, "trend_start_value"))
            text = f"wyraźna {_TREND[trend]} od {year_text(start)} ({z_prep(v0)} {v0})"
            how = _favourable(trend, indicator.direction)
            parts.append(text + (f", {how}" if how else ""))
        else:
            parts.append(f"bez wyraźnej tendencji w latach {start}–{year}")
    ref = field_of(f, "reference")
    if ref in _REF:
        rv = field_of(f, "reference_value")
        shown_v, shown_r = level_text(indicator, value), level_text(indicator, rv)
        if shown_v == shown_r:
            rel = "tyle samo co"
        else:
            rel = "więcej niż" if value > rv else "mniej niż"
        parts.append(f"{rel} {_REF[ref]} ({shown_r})")
    elif ref == "gminy":
        worse, n = field_of(f, "worse_gminas") or [], field_of(f, "n_gminas")
        if worse:
            name, v = worse[0]
            parts.append(f"w {len(worse)} z {n} gmin co najmniej o 10% mniej korzystnie niż w "
                         f"powiecie (najmniej korzystnie: {name}, {level_text(indicator, v)})")
        elif n:
            parts.append(f"żadna z {n} gmin nie odbiega od powiatu niekorzystnie o 10% lub "
                         "więcej")
    return "; ".join(parts) + "."


# -- targets against the forecast --------------------------------------------------------------
def forecasts_intro() -> str:
    """Return the line before the list of targets next to the forecast without action."""
    return ("Wartości docelowe wskaźników, dla których diagnoza zawiera prognozę, zestawiono z "
            "prognozą bez nowych działań na rok docelowy:")


def forecast_item(f, indicator) -> str:
    """Return one item: "Udział bezrobotnych …: cel 2,3% na 2030 r., prognoza 2,4% (przedział
    80%: 1,1–3,7%)" - and, when the interval is wider than the forecast itself, that the
    forecast is too uncertain to compare with."""
    def bare(x):
        return bare_text(indicator, x)
    text = (f"{f.name}: cel {_num(f.target, indicator)} na {year_text(f.year)}, prognoza "
            f"{bare(f.forecast)} (przedział 80%: {bare(f.low)}–{bare(f.high)})")
    if unreadable(f.forecast, f.low, f.high) == WIDE:
        text += " – prognoza zbyt niepewna, by ją porównywać z celem"
    return text + ";"


# -- targets flagged against the forecast or the resources ---------------------------------
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def flag_mark(k: int) -> str:
    """Return the mark of the ``k``-th flagged target ("¹", "²", …, "¹⁰")."""
    return str(k).translate(_SUPERSCRIPT)


def _num(x, indicator=None) -> str:
    """Return a number of a flag: as the indicator shows it, else whole or with one decimal."""
    if indicator is not None:
        return level_text(indicator, x)
    x = float(x)
    return fmt_number(x, 0 if x == round(x) else 1)


def _flag_reason(f, indicator) -> str:
    """Return why a target is flagged (``f``: :class:`strategy.analysis.targets.TargetFlag`)."""
    d = field_of(f, "detail") or {}
    target, year = _num(f.target, indicator), f.year
    if f.kind == "prognoza":
        interval = ""
        if f.low is not None and f.high is not None:
            interval = (f"; przedział 80%: {_num(f.low, indicator)}–"
                        f"{_num(f.high, indicator)}")
        return (f"wartość docelowa {target} na {year_text(year)} nie jest korzystniejsza od "
                f"prognozy bez nowych działań ({_num(f.reference, indicator)}{interval})")
    if d.get("measure") == "wskaznik_na_kadre":
        return (f"wartość docelowa {target} na {year_text(year)} przy kadrze planowanej na ten "
                f"rok ({_num(d['staff_target'])}) oznacza wsparcie dla ok. "
                f"{_num(round(d['served_implied']))} wobec {_num(round(d['served_baseline']))} "
                f"w {year_text(d['baseline_year'])}, czyli dla mniejszej liczby odbiorców; "
                f"tę samą liczbę zapewnia wartość {_num(f.reference, indicator)}")
    if d.get("measure") == "miejsca":
        where = ", ".join(d.get("institutions") or []) or "instytucjach tego rodzaju"
        return (f"wartość docelowa {target} na {year_text(year)} zwiększa liczbę miejsc "
                f"z {_num(d['places'])}, choć ich wykorzystanie wynosiło "
                f"{fmt_percent(d['occupancy'] * 100, 0)} ({_num(d['occupied'])} z "
                f"{_num(d['places'])} miejsc; {where}), mniej niż "
                f"{fmt_percent(d['threshold'] * 100, 0)}")
    return (f"wartość docelowa {target} na {year_text(year)} nie ma pokrycia w kadrze lub "
            "miejscach planowanych w strategii")


def flag_note(mark: str, f, indicator=None) -> str:
    """Return the note under a table on a flagged target: the mark, the indicator, why it is
    flagged and its justification, or that it must be raised or justified before adoption."""
    text = f"{mark} {f.name}: {_flag_reason(f, indicator)}."
    why = (field_of(f, "detail") or {}).get("justification", "")
    if f.justified and why:
        return f"{text} Uzasadnienie: {why.strip().rstrip('.')}."
    return (f"{text} Przed przyjęciem strategii cel należy zmienić albo podać uzasadnienie.")


def flag_warning(f, indicator=None) -> str:
    """Return the build warning on a flagged target without a justification."""
    where = "kierunek" if (field_of(f, "detail") or {}).get("part") == "kierunek" else "cel"
    return (f"{where} {f.goal}, wskaźnik „{f.name}”: {_flag_reason(f, indicator)} – brak "
            "uzasadnienia (uzasadnienie)")


# -- services ----------------------------------------------------------------------------------
def services_intro() -> str:
    return ("Zgodnie z art. 16b ust. 3 ustawy o pomocy społecznej strategia wskazuje usługi "
            "społeczne (art. 2 ust. 1 ustawy o realizowaniu usług społecznych przez centrum "
            "usług społecznych) oraz zadania publiczne, które będą zlecane organizacjom "
            "pozarządowym (art. 4 ust. 1 ustawy o działalności pożytku publicznego i o "
            "wolontariacie).")


def services_missing() -> str:
    return "Usługi społeczne – do uzupełnienia przez zespół."


def ngo_tasks_missing() -> str:
    return "Zadania zlecane organizacjom pozarządowym – do uzupełnienia przez zespół."


# -- implementation and the financial frame ----------------------------------------------------
def implementation(coordinator: str) -> str:
    """Return the paragraph on who implements the strategy and how it is financed."""
    return (f"Strategię realizują jednostki wskazane przy kierunkach działań, a jej realizację "
            f"koordynuje {coordinator}. Działania są ujmowane w rocznych planach pracy i "
            "budżetach realizatorów; kwoty w ramach finansowych są szacunkami, które co roku "
            "weryfikuje uchwała budżetowa.")


def funding_missing() -> str:
    return "Ramy finansowe strategii nie zostały jeszcze określone – do uzupełnienia."


def funding_total(span: str, total, top_amount, top_source: str) -> str:
    """Return the sentence under the funding table (``{t}``): the total in the years ``span``
    ("2025–2030") and the largest source with its amount and share of the total."""
    share = top_amount / total * 100 if total else float("nan")
    return (f"Łączne szacowane nakłady na realizację strategii w latach {span} wynoszą "
            f"{fmt_amount(total, None)} (zob. {{t}}). Największą część, "
            f"{fmt_amount(top_amount, None)} ({fmt_percent(share)}), ma pochodzić ze źródła: "
            f"{top_source}.")


def costs_missing() -> str:
    return ("Ramy finansowe nie zostały rozpisane na cele i kierunki działań – do "
            "uzupełnienia.")


def direction_costs_note() -> str:
    """Return the sentence under the costs by goal and direction (``{d}``)."""
    return ("Koszty każdego kierunku działań w kolejnych latach, z sumami dla celów "
            "strategicznych, podano w zestawieniu (zob. {d}).")


def goal_costs_note(amount, goal_id: str, goal_name: str) -> str:
    """Return the sentence under the costs by goal and source (``{g}``): the goal that needs
    the most."""
    return (f"Podział kosztów celów strategicznych na źródła finansowania zawiera zestawienie "
            f"(zob. {{g}}). Najwięcej, {fmt_amount(amount, None)}, wymaga cel strategiczny "
            f"{goal_id} „{goal_name}”.")


# -- indicators and monitoring -----------------------------------------------------------------
def baselines(year: int) -> str:
    """Return the paragraph on where the baselines of the indicators come from."""
    return (f"Wartości bazowe wskaźników przyjętych w diagnozie uzupełniono z danych powiatu za "
            f"rok {year} albo ostatni wcześniejszy rok z danymi; wartości bazowe pozostałych "
            "wskaźników przyjął zespół.")


def monitoring() -> str:
    return ("Monitoring polega na corocznym zbieraniu wartości wskaźników realizacji i "
            "informacji o wykonanych działaniach od realizatorów; ewaluacja ocenia trafność, "
            "skuteczność i efektywność strategii oraz potrzebę jej aktualizacji.")


# -- the gminas' annexes -----------------------------------------------------------------------
def annex_urgent_intro() -> str:
    """Return the (bold) line before the list of a gmina's most urgent problem areas."""
    return "Najpilniejsze obszary problemowe:"


def annex_urgent_item(area: str, score: float, indicator: str) -> str:
    """Return an item of the list: "Bezrobocie (wynik 0,42; najpilniejszy wskaźnik: …)"."""
    return f"{area} (wynik {fmt_number(score, 2)}; najpilniejszy wskaźnik: {indicator})"


def annex_urgent_none() -> str:
    """Return the paragraph when no area of the gmina stands out from the powiat."""
    return "Dane nie wskazują obszarów wyraźnie odbiegających od powiatu."


def annex_urgent_none_checked(areas: list[str]) -> str:
    """Return the paragraph when no area with the gmina's data stands out, some areas having
    no data of the gmina: the all-clear is said of the areas with data only."""
    return ("W obszarach, dla których gmina ma dane, dane nie wskazują obszarów wyraźnie "
            f"odbiegających od powiatu; brak danych gminy w obszarach: {', '.join(areas)}.")


def annex_no_data(areas: list[str]) -> str:
    """Return the paragraph of a gmina's annex on the areas with no data of the gmina."""
    return f"Brak danych gminy w obszarach: {', '.join(areas)} – tych obszarów nie oceniono."


def annex_no_data_at_all() -> str:
    """Return the paragraph of a gmina's annex when the gmina has no data in any area."""
    return ("Brak danych gminy w obszarach diagnozy – nie można wskazać obszarów "
            "problemowych.")


def coverage_partial(year: int, n_with: int, n_all: int, missing: list[str]) -> str:
    """Return the paragraph of an area whose data come from some gminas only: "Dane gmin za
    2024 r. w tym obszarze: dane z 9 z 11 gmin; brak danych z: Szczytniki, Żelazków. ..."
    (a powiat figure summed from the gminas is given only for years all gminas have it:
    :mod:`strategy.analysis.derive`)."""
    return (f"Dane gmin za {year} r. w tym obszarze: dane z {n_with} z {n_all} gmin; brak "
            f"danych z: {', '.join(missing)}. Wartości powiatu, które są sumą danych gmin, "
            "podano tylko za lata, w których dane mają wszystkie gminy: suma danych części gmin "
            "nie opisuje całego powiatu.")


def coverage_none(n_all: int) -> str:
    """Return the paragraph of an area in which no gmina of the powiat has data."""
    who = "Gmina powiatu nie ma" if n_all == 1 else f"Żadna z {n_all} gmin powiatu nie ma"
    return f"{who} danych w tym obszarze; obszaru nie oceniono na podstawie danych gmin."


def coverage_warning(gminas: list[str], areas: list[str]) -> str:
    """Return the build warning on gminas without data: "brak danych z gmin: Szczytniki,
    Żelazków – obszary: pomoc społeczna, rodzina i wspieranie rodziny"."""
    return f"brak danych z gmin: {', '.join(gminas)} – obszary: {', '.join(areas)}"
