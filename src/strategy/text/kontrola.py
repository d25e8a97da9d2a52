"""The sentences of the report of the consistency control ("Raport z kontroli spójności
dokumentów powiatu", a document of its own, not for adoption): what the report is, which
documents were compared, what was checked, where the categories and the findings are.

The findings of the older categories and the conclusion are written by
:mod:`strategy.consistency` (each a sentence with both values and places); the findings of the
targets against the forecast and the resources and of the amounts against unit costs are
written here (:func:`target_forecast`, :func:`target_staff`, :func:`target_places`,
:func:`unit_cost_finding`) from the facts of :mod:`strategy.analysis.targets` and
:mod:`strategy.analysis.unit_costs`.

In: the sentence naming the documents compared and the categories (short name, what each
checks). Out: Polish paragraphs and list items; ``{k}`` and ``{f}`` are the places of
cross-references to the table of categories and the table of findings.
"""
from __future__ import annotations

from .numbers import NBSP


def compared_intro(compared: str) -> str:
    """Return the paragraph that names the documents compared (``compared``, a sentence) and
    introduces the list of checks."""
    return compared + " Sprawdzono, czy:"


def check_items(checks) -> list[str]:
    """Return the list items "short – what it checks;" of ``checks`` ((short, what) pairs), the
    last ending with a full stop."""
    items = [f"{short} – {what}" for short, what in checks]
    return [w + ";" for w in items[:-1]] + [items[-1] + "."]


def categories_note(with_findings: bool) -> str:
    """Return the sentence after the tables: where the state of each category (``{k}``) and,
    ``with_findings``, the findings (``{f}``) are."""
    if with_findings:
        return ("Stan każdej kategorii przedstawia zestawienie kategorii (zob. {k}), a "
                "ustalenia – zestawienie niespójności i uwag (zob. {f}).")
    return "Stan każdej kategorii przedstawia zestawienie kategorii (zob. {k})."


def subtitle(y0: int, y1: int) -> str:
    """Return the subtitle of the report: the strategy's period (``y0``-``y1``)."""
    return f"strategii na lata {y0}–{y1}, programów i danych"


def not_for_adoption() -> str:
    """Return the title page's line saying the report is the team's working material."""
    return "Materiał roboczy zespołu – nie jest częścią dokumentów przyjmowanych uchwałą"


def purpose(powiat: str) -> str:
    """Return the first paragraph: what the report is for (``powiat``: the powiat's name in
    the genitive, ``kaliskiego``)."""
    return (f"Raport porównuje liczby strategii rozwiązywania problemów społecznych powiatu "
            f"{powiat}, programów powiatu i jego gmin oraz danych statystycznych. Służy zespołowi "
            "przygotowującemu dokumenty: każdą niespójność należy wyjaśnić albo poprawić przed "
            "przekazaniem projektów do przyjęcia. Raport nie jest częścią strategii ani "
            "programów.")


def compared_state(exists: bool) -> str:
    """Return the state of one document in the table of documents."""
    return "porównano" if exists else "brak dokumentu – nie porównano"


def documents_note() -> str:
    """Return the sentence after the table of documents (``{d}``: its place)."""
    return ("Zestawienie dokumentów (zob. {d}) wskazuje dokumenty porównane i te, których "
            "powiat lub gminy jeszcze nie mają.")


def categories_intro() -> str:
    """Return the paragraph introducing the list of checks."""
    return "Sprawdzono, czy:"


def no_findings() -> str:
    """Return the paragraph of a control that found nothing (within what it checked)."""
    return ("Kontrola nie wykazała niespójności ani uwag w sprawdzonym zakresie; zakres "
            "sprawdzenia każdej kategorii podaje zestawienie kategorii.")


def findings_note() -> str:
    """Return the sentence after the table of findings (``{f}``: its place)."""
    return ("Każde ustalenie podaje obie wartości i miejsca, w których stoją (zob. {f}); "
            "o tym, którą wartość przyjąć, decyduje zespół.")


# ---- targets against the forecast and the resources, amounts against unit costs ----------------
#: The categories of these checks: (short name, what is checked - a bullet of the report).
CHECK_FORECAST = ("cele a prognoza",
                  ("wartości docelowe wskaźników liczonych z danych są lepsze od prognozy przy "
                   "utrzymaniu dotychczasowego trendu; cel nie lepszy od prognozy wymaga "
                   "uzasadnienia (wtedy zapisuje się uwagę)"))
CHECK_RESOURCES = ("cele a kadra i miejsca",
                   ("cele liczone na pracownika (np. liczba rodzin na asystenta) przy kadrze, "
                    "którą przewiduje dokument, nie zmniejszają liczby objętych wsparciem, a "
                    "więcej miejsc planuje się tylko w instytucjach zajętych co najmniej w 80%"))
CHECK_UNIT_COST = ("kwoty a koszty jednostkowe",
                   ("kwoty kierunków, które ustalają liczbę asystentów rodziny albo dzieci "
                    "w pieczy zastępczej, i wydatki na asystentów w sprawozdaniu nie odbiegają "
                    "o więcej niż 15% od tej liczby pomnożonej przez koszt jednostkowy z danych"))
#: A unit cost's subject: (the genitive after "koszt jednego", the count's name in the
#: nominative) by the key of :data:`strategy.analysis.unit_costs.COSTS`.
COST_SUBJECT = {"asystent": ("asystenta rodziny", "liczba asystentów rodziny"),
                "dziecko_piecza": ("dziecka w pieczy zastępczej",
                                   "liczba dzieci w pieczy zastępczej")}


def _justification(why: str) -> str:
    why = why.strip().rstrip(".")
    return f" Dokument uzasadnia ten cel: „{why}”." if why else ""


def target_forecast(name: str, place: str, target: str, year: int, forecast: str, low: str,
                    high: str, years: str, baseline: str, baseline_year: int | None,
                    justification: str = "") -> str:
    """Return the finding (or, with ``justification``, the note) of a target no better than
    the forecast: the target and the forecast for its year with the interval and the years it
    rests on, the baseline; values already formatted. ``place``: "strategia, cel 2.1"."""
    base = f" Wartość bazowa: {baseline}" + (f" ({baseline_year}{NBSP}r.)" if baseline_year
                                              else "") + "."
    return (f"Wskaźnik „{name}” ({place}) ma wartość docelową {target} na {year}{NBSP}r., a "
            f"prognoza przy utrzymaniu dotychczasowego trendu daje na ten rok {forecast} "
            f"(przedział prognozy {low}–{high}, dane z lat {years}) – cel nie jest lepszy od "
            f"tego, co przyniesie sam trend.{base}" + _justification(justification))


def _staff_source(how: str, base_year: int, plan_year: int | None, plan_value: str) -> str:
    if how == "plan":
        return "wartość docelowa dokumentu na ten rok"
    if how == "interpolacja":
        return (f"wyliczona liniowo między stanem z {base_year}{NBSP}r. a wartością docelową "
                f"{plan_value} na {plan_year}{NBSP}r.")
    if how == "plan_wczesniej":
        return f"wartość docelowa dokumentu na {plan_year}{NBSP}r."
    return f"stan z {base_year}{NBSP}r. – dokument nie ustala jej wartości docelowej"


def _locative_of_count(name: str) -> str:
    """Return "liczbie asystentów rodziny" of "Liczba asystentów rodziny" (a catalogue name),
    else the name in quotes after "wskaźniku"."""
    if name.startswith("Liczba "):
        return "liczbie " + name[len("Liczba "):]
    return f"wskaźniku „{name}”"


def _nominative_of_count(name: str) -> str:
    return name[0].lower() + name[1:] if name.startswith("Liczba ") else f"„{name}”"


def target_staff(name: str, place: str, target: str, year: int, staff_name: str,
                 staff: str, how: str, base_year: int, plan_year: int | None, plan_value: str,
                 served_name: str, served_base: str, served_implied: str,
                 reference: str, justification: str = "") -> str:
    """Return the finding (note with ``justification``) of a ratio target the planned staff
    does not carry: fewer served than at the baseline. Names are the catalogue's ("Liczba
    asystentów rodziny"); values already formatted; ``how``: see
    :func:`strategy.analysis.targets.staff_in`."""
    source = _staff_source(how, base_year, plan_year, plan_value)
    return (f"Wskaźnik „{name}” ({place}) ma wartość docelową {target} na {year}{NBSP}r. Przy "
            f"{_locative_of_count(staff_name)} {staff} ({source}) oznacza to, że "
            f"{_nominative_of_count(served_name)} spadnie z {served_base} w {base_year}{NBSP}r. "
            f"do {served_implied}; jej utrzymanie wymaga wartości docelowej nie niższej niż "
            f"{reference}." + _justification(justification))


def target_places(name: str, place: str, baseline: str, target: str, year: int,
                  institutions: list[str], occupied: str, places: str, occupancy: str,
                  threshold: str, as_of: str, justification: str = "") -> str:
    """Return the finding (note with ``justification``) of a places target raised in
    institutions occupied below the threshold; values already formatted."""
    which = (f"w instytucji, której dotyczy ({institutions[0]})" if len(institutions) == 1
             else f"w instytucjach, których dotyczy ({', '.join(institutions)})")
    when = f", stan na {as_of}" if as_of else ""
    return (f"Wskaźnik „{name}” ({place}) zwiększa liczbę miejsc z {baseline} do {target} na "
            f"{year}{NBSP}r., a {which}, zajęte miejsca to {occupied} z {places} ({occupancy}"
            f"{when}) – mniej niż {threshold}, więc obecne wykorzystanie nie uzasadnia nowych "
            "miejsc." + _justification(justification))


def unit_cost_finding(whole: bool, direction: str, doc: str, year: int, planned: str,
                      subject: str, count: str, target_part: str, per: str, base_per: str,
                      base_year: int, whose: str, carried: bool, expected: str,
                      difference: str, less: bool) -> str:
    """Return the finding of an amount that does not match count x unit cost.

    ``whole``: the plan's whole frame (without foster-care co-financing) is compared, as it has
    no direction costs; ``subject``: a key of :data:`COST_SUBJECT`; ``per`` the unit cost in
    ``year``, ``base_per`` in ``base_year`` (``carried``: carried forward by the trend);
    ``whose``: "gminy", "powiatu"; ``difference``: "30%"; values already formatted."""
    one, counted = COST_SUBJECT[subject]
    money = (f"Ramy finansowe ({doc}, bez współfinansowania pieczy zastępczej) mają"
             if whole else f"Kierunek {direction} ({doc}) ma")
    cost = _unit_cost(per, base_per, base_year, year, whose, carried)
    way = "mniejsza" if less else "większa"
    return (f"{money} na {year}{NBSP}r. {planned}, a {counted}, którą dokument ustala na ten rok "
            f"({target_part}), to {count} – przy koszcie jednego {one} {cost} potrzeba "
            f"{expected}; kwota jest o {difference} {way}.")


def _unit_cost(per: str, base_per: str, base_year: int, year: int, whose: str,
               carried: bool) -> str:
    if carried:
        return (f"{per} (w {base_year}{NBSP}r. według danych {whose} {base_per}; na "
                f"{year}{NBSP}r. przedłużono dotychczasowy trend)")
    return f"{per} (według danych {whose} za {base_year}{NBSP}r.)"


def unit_cost_report(doc: str, year: int, direction: str, spent: str, count: str, per: str,
                     base_per: str, base_year: int, whose: str, carried: bool, expected: str,
                     difference: str, less: bool) -> str:
    """Return the finding of an annual report whose spending on family assistants does not
    match the number of assistants it reports x the unit cost; values already formatted."""
    where = f" (kierunek {direction})" if direction else ""
    way = "mniejsze" if less else "większe"
    return (f"Sprawozdanie za {year}{NBSP}r. ({doc}) podaje na asystentów rodziny{where} "
            f"{spent} wydatków przy liczbie asystentów {count}, a przy koszcie jednego asystenta "
            f"rodziny {_unit_cost(per, base_per, base_year, year, whose, carried)} daje to "
            f"{expected}; wydatki są o {difference} {way}.")


def unit_cost_gap(reason: str, what: str) -> str:
    """Return the status note of counts not compared with a unit cost (``reason``: a code of
    :data:`strategy.analysis.unit_costs.SKIP_REASONS`; ``what``: the targets, joined)."""
    return {"brak_kosztu": "dane nie mają kosztu jednostkowego dla: ",
            "brak_kwot": "kierunek nie ma kwot w roku wartości docelowej: ",
            "brak_kierunku": "nie wiadomo, który kierunek celu finansuje: "}[reason] + what


def target_gap(reason: str, what: str) -> str:
    """Return the status note of targets not judged (``reason``: a code of
    :mod:`strategy.analysis.targets`; ``what``: the targets, joined, or their number)."""
    return {"spoza_katalogu": ("wskaźniki opisane tylko w dokumencie (bez danych "
                               "statystycznych) nie są prognozowane: "),
            "za_malo_danych": "za mało lat z danymi do prognozy: ",
            "brak_danych": "brak danych jednostki: ",
            "brak_instytucji": "dokument nie opisuje instytucji z zajętymi miejscami dla: ",
            }[reason] + what


#: Status notes of the categories above when nothing could be compared.
NO_DOCUMENTS = "brak dokumentów"
FORECAST_NONE = "żaden cel nie dotyczy wskaźnika z danymi na rok po ostatnich danych"
RESOURCES_NONE = "dokumenty nie mają celów liczonych na pracownika ani celów liczby miejsc"
UNIT_COST_NONE = ("żaden kierunek nie ustala liczby asystentów rodziny ani dzieci w pieczy "
                  "zastępczej")


def frame_only(docs: list[str]) -> str:
    """Return the status note for documents without direction costs, whose whole frame was
    compared as an upper bound."""
    return ("bez kosztów kierunków sprawdzono tylko, czy ramy finansowe wystarczą: "
            + ", ".join(docs))
