"""Chapters of the powiat strategy on its resources, consultation and adoption, one function each.

In: a :class:`strategy.documents.blocks.Recorder` (the report's method names) and a
:class:`~.strategia_chapters.StrategyContext`. Out: the content of a chapter as blocks (the
heading is written by the outline, as for every chapter ``chapter(rep, ctx)``):

* :func:`resources` - the powiat's institutions (DPS, ŚDS, WTZ, OIK, placówki, mieszkania ...)
  with places, occupied places and people waiting, from the plan's ``instytucje``;
* :func:`consultation` - the team that prepared the strategy, the consultation with the gminas
  and NGOs (counts of the gminas' remarks from the register of remarks the plan names, read and
  passed in by the notebook, otherwise from the plan) and how the remarks were handled;
* :func:`abbreviations` - the abbreviations used in the document, with their expansions;
* :func:`resolution` - the draft resolution of the council adopting the strategy, and
  :func:`resolution_annex` - the same as the last annex, with its own heading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ...errors import DocumentError, PlanError
from ...plan import Plan, RemarkCounts
from ...plan.scope import INSTITUTION_KINDS
from ...text import fmt_date, fmt_number, fmt_percent, powiat_genitive
from ..reference import TITLE_INFO
from ..report import Report
from .common import count, source

# -- resources ---------------------------------------------------------------------------------
JEDNOSTKA = ("jednostka", "jednostki", "jednostek")
MIEJSCE = ("miejsce", "miejsca", "miejsc")
GMINA = ("gmina", "gminy", "gmin")
ORGANIZACJA = ("organizacja pozarządowa", "organizacje pozarządowe", "organizacji pozarządowych")
UWAGA = ("uwaga", "uwagi", "uwag")
INSTITUTION_COLUMNS = ["Nazwa", "Profil", "Prowadzący", "Miejsca", "Zajęte", "Oczekujący"]
SUMMARY_COLUMNS = ["Rodzaj", "Liczba jednostek", "Miejsca", "Zajęte", "Obłożenie (%)",
                   "Oczekujący"]


def institutions_frame(plan: Plan) -> pd.DataFrame:
    """Return one row per institution, grouped by kind in the order of INSTITUTION_KINDS."""
    order = list(INSTITUTION_KINDS)
    rows = [{"Nazwa": i.name, "Profil": i.profile or "–", "Prowadzący": i.operator or "–",
             "Miejsca": _num(i.places), "Zajęte": _num(i.occupied),
             "Oczekujący": _num(i.waiting)}
            for i in sorted(plan.institutions, key=lambda i: order.index(i.kind)
                            if i.kind in order else len(order))]
    return pd.DataFrame(rows, columns=INSTITUTION_COLUMNS)


def institutions_summary(plan: Plan) -> pd.DataFrame:
    """Return one row per kind of institution: count, places, occupied, occupancy, waiting.

    Occupancy is occupied over places of the institutions that give both; the waiting count
    is the sum over the institutions that give it (NaN when none does).
    """
    rows = []
    for kind, label in INSTITUTION_KINDS.items():
        group = [i for i in plan.institutions if i.kind == kind]
        if not group:
            continue
        both = [i for i in group if i.places is not None and i.occupied is not None]
        places = sum(i.places for i in both)
        rows.append({
            "Rodzaj": label, "Liczba jednostek": len(group),
            "Miejsca": _sum(i.places for i in group),
            "Zajęte": _sum(i.occupied for i in group),
            "Obłożenie (%)": (sum(i.occupied for i in both) / places * 100) if places
            else float("nan"),
            "Oczekujący": _sum(i.waiting for i in group)})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def _num(v) -> float:
    return float("nan") if v is None else float(v)


def _sum(values) -> float:
    known = [v for v in values if v is not None]
    return float(sum(known)) if known else float("nan")


def _integer(v) -> str:
    return "–" if pd.isna(v) else fmt_number(v, 0)


def resources(rep: Report, ctx) -> None:
    """The powiat's institutions with their places and occupancy (from ``instytucje``)."""
    plan = ctx.plan
    rep.paragraph(f"Zadania powiatu z zakresu pomocy społecznej, wspierania rodziny i systemu "
                  f"pieczy zastępczej oraz rehabilitacji społecznej osób z niepełnosprawnościami "
                  f"koordynuje {plan.institution}. Realizują je także jednostki wymienione w tym "
                  "rozdziale: domy pomocy społecznej, ośrodki wsparcia, placówki "
                  "opiekuńczo-wychowawcze i mieszkania chronione, prowadzone przez powiat, "
                  "gminy i organizacje pozarządowe.")
    if not plan.institutions:
        rep.paragraph("Wykaz instytucji powiatu z liczbą miejsc – do uzupełnienia.")
        return
    when = (f"stan na {fmt_date(plan.institutions_as_of)}" if plan.institutions_as_of
            else "dane przekazane przez jednostki")
    summary = institutions_summary(plan)
    ref = rep.table(summary, f"Instytucje powiatu {powiat_genitive(ctx.name)} według rodzaju – "
                    f"miejsca i ich wykorzystanie ({when})", ctx.psrc,
                    widths=[5.8, 2.0, 1.9, 1.9, 2.2, 2.2],
                    formats={"Liczba jednostek": 0, "Miejsca": 0, "Zajęte": 0, "Oczekujący": 0,
                             "Obłożenie (%)": 1})
    rep.paragraph("Zestawienie (zob. {t}) obejmuje:", refs={"t": ref})
    lines = [_kind_line(r) for r in summary.itertuples(index=False)]
    rep.bullets(lines[:-1] + [lines[-1][:-1] + "."])
    detail = institutions_frame(plan)
    ref = rep.table(detail, f"Wykaz instytucji powiatu {powiat_genitive(ctx.name)} ({when})",
                    ctx.psrc, widths=[3.7, 3.6, 3.7, 1.5, 1.4, 2.1],
                    formats={c: 0 for c in ("Miejsca", "Zajęte", "Oczekujący")})
    waiting = summary["Oczekujący"].sum(min_count=1)
    text = "Poszczególne jednostki z ich profilem i podmiotem prowadzącym wymieniono w wykazie (zob. {t})."
    if not pd.isna(waiting) and waiting > 0:
        text += (" Łączna liczba osób oczekujących na miejsce we wszystkich jednostkach: "
                 f"{_integer(waiting)}.")
    rep.paragraph(text, refs={"t": ref})


def _kind_line(r) -> str:
    parts = [count(int(r[1]), JEDNOSTKA)]
    if r[2] == r[2]:
        parts.append(count(int(r[2]), MIEJSCE))
    line = f"{r[0]} – " + ", ".join(parts)
    if r[3] == r[3]:
        line += f" (zajęte: {_integer(r[3])}"
        line += f", tj. {fmt_percent(r[4])})" if r[4] == r[4] else ")"
    if r[5] == r[5]:
        line += f"; osoby oczekujące na miejsce: {_integer(r[5])}"
    return line + ";"


# -- consultation ------------------------------------------------------------------------------
@dataclass
class ConsultationCounts:
    """The gminas' remarks: how many gminas sent them, how many, how they were answered."""
    gminas: int | None
    remarks: RemarkCounts | None
    source: str   # "rejestr" or "plan"


def gmina_counts(plan: Plan, register: tuple[int, RemarkCounts] | None = None
                 ) -> ConsultationCounts:
    """Return the gminas' remarks: ``register`` - (gminas that sent remarks, remark counts),
    read by the caller from the register of remarks the plan names
    (:func:`strategy.notebook_helpers.remark_counts`) - when the plan names one, else the
    plan's own numbers. A plan naming a register whose counts were not passed is an error:
    documents read no files."""
    c = plan.consultation
    if c is None:
        return ConsultationCounts(None, None, "plan")
    if c.register is not None:
        if register is None:
            raise DocumentError(f"plan {plan.path.name} wskazuje rejestr uwag {c.register}, ale "
                                "liczby uwag z rejestru nie zostały przekazane do dokumentu "
                                "(w notatniku: strategy_document(..., remarks="
                                "nh.remark_counts(plan_dok)))")
        gminas, remarks = register
        return ConsultationCounts(gminas, remarks, "rejestr")
    return ConsultationCounts(c.gminas_with_remarks, c.gmina_remarks, "plan")


REMARK_ROWS = ["Podmioty, które zgłosiły uwagi", "Zgłoszone uwagi", "w tym: uwzględnione",
               "uwzględnione częściowo", "nieuwzględnione", "bez zajętego stanowiska"]


def remarks_frame(plan: Plan, gm: ConsultationCounts) -> pd.DataFrame:
    """Return the remarks by what happened to them (rows) and who sent them (columns: the
    gminas, the NGOs and their total); the row of remarks without an answer only when any."""
    c = plan.consultation
    groups = [("Gminy powiatu", gm.gminas, gm.remarks),
              ("Organizacje pozarządowe", c.ngos_with_remarks, c.ngo_remarks)]
    columns = {}
    for who, senders, r in groups:
        if r is not None:
            columns[who] = [_num(senders), r.submitted, r.accepted, r.partly, r.rejected,
                            r.unanswered]
    df = pd.DataFrame({"Wyszczególnienie": REMARK_ROWS, **columns})
    if len(columns) > 1:
        df["Razem"] = df[list(columns)].sum(axis=1, min_count=1)
    if len(columns) and not df[list(columns)].iloc[-1].fillna(0).any():
        df = df.iloc[:-1]
    return df if columns else df.iloc[0:0]


def consultation(rep: Report, ctx) -> None:
    """The team, the consultation with the gminas and NGOs, how the remarks were handled.

    In a draft sent for consultation (``ctx.section_bookmarks``) the chapter says that the
    consultation is under way instead of giving its results.
    """
    plan, c = ctx.plan, ctx.plan.consultation
    n_gminas = len(ctx.registry.gminas_of(plan.unit))
    ctx.heading(rep, "Zespół opracowujący strategię", 2)
    if c is not None and c.team:
        basis = f", powołany {c.team_basis}," if c.team_basis else ""
        rep.paragraph(f"Strategię opracował zespół{basis} w składzie:")
        rep.bullets([_list_item(x, last=k == len(c.team) - 1) for k, x in enumerate(c.team)])
        rep.paragraph(f"Prace zespołu były koordynowane przez {plan.institution}.")
    else:
        rep.paragraph(f"Strategia została opracowana przez {plan.institution}. Skład zespołu "
                      "opracowującego strategię – do uzupełnienia.")
    ctx.heading(rep, "Konsultacje z gminami i organizacjami pozarządowymi", 2)
    rep.paragraph(_keep_together(
        "Zgodnie z art. 19 pkt 1 ustawy o pomocy społecznej powiat opracowuje strategię "
        "rozwiązywania problemów społecznych po konsultacji z gminami ze swojego obszaru. "
        f"Projekt strategii przekazano wszystkim gminom powiatu ({count(n_gminas, GMINA)}) oraz "
        "organizacjom pozarządowym działającym w obszarze pomocy społecznej."))
    draft = ctx.section_bookmarks  # a draft sent for consultation: it is under way
    gm = gmina_counts(plan, ctx.remarks) if c is not None and not draft else None
    if draft:
        rep.paragraph("Niniejszy projekt jest przedmiotem tych konsultacji. Liczbę zgłoszonych "
                      "uwag i sposób ich rozpatrzenia przedstawia się w tym rozdziale po "
                      "zakończeniu konsultacji.")
    elif c is None:
        rep.paragraph("Przebieg konsultacji i liczba zgłoszonych uwag – do uzupełnienia.")
    else:
        _consultation_course(rep, ctx, c, gm, n_gminas)
    ctx.heading(rep, "Sposób rozpatrzenia uwag", 2)
    if draft:
        rep.paragraph("Uwagi zgłoszone w konsultacjach rozpatrzy zespół opracowujący strategię.")
    elif c is None or not c.handling:
        rep.paragraph("Sposób rozpatrzenia uwag – do uzupełnienia.")
    else:
        rep.paragraph(c.handling)
    unanswered = (sum(r.unanswered for r in (gm.remarks, c.ngo_remarks) if r is not None)
                  if gm is not None else 0)
    if unanswered > 0:
        rep.paragraph({"text": f"Do rozpatrzenia pozostaje {count(unanswered, UWAGA)} bez "
                       "zajętego stanowiska – należy je rozpatrzyć przed przedstawieniem "
                       "strategii Radzie Powiatu.", "bold": True})
    ctx.heading(rep, "Przyjęcie strategii", 2)
    council = council_names(plan, ctx.name)
    annex = "" if draft else " Projekt uchwały zamieszczono w załączniku do strategii."
    rep.paragraph(_keep_together(
        f"Strategię przyjmuje {council.council} w drodze uchwały (art. 12 pkt 11 ustawy o "
        "samorządzie powiatowym w związku z art. 19 pkt 1 ustawy o pomocy społecznej), której "
        f"wykonanie powierza się {council.board_dative}.{annex}"))


def _consultation_course(rep: Report, ctx, c, gm: ConsultationCounts, n_gminas: int) -> None:
    """The period and forms of the consultation and the remarks by who sent them."""
    if c.start and c.end:
        rep.paragraph(f"Konsultacje trwały od {fmt_date(c.start)} do {fmt_date(c.end)}"
                      + (" i prowadzono je w następujących formach:" if c.forms else "."))
    elif c.forms:
        rep.paragraph("Konsultacje prowadzono w następujących formach:")
    if c.forms:
        rep.bullets([_list_item(x, last=k == len(c.forms) - 1) for k, x in enumerate(c.forms)])
    sentences = _count_sentences(c, gm, n_gminas)
    if sentences:
        rep.paragraph(" ".join(sentences))
    frame = remarks_frame(ctx.plan, gm)
    if len(frame):
        base = ("opracowanie własne na podstawie rejestru uwag"
                if gm.source == "rejestr" else "opracowanie własne na podstawie dokumentacji "
                "konsultacji")
        cols = list(frame.columns)
        ref = rep.table(frame, "Uwagi zgłoszone w konsultacjach projektu strategii i sposób ich "
                        "rozpatrzenia", source(base, ctx.demo),
                        widths=[16.0 - 3.0 * (len(cols) - 1)] + [3.0] * (len(cols) - 1),
                        formats={col: 0 for col in cols[1:]})
        rep.paragraph("Liczbę uwag według zgłaszających i sposobu ich rozpatrzenia podano w "
                      "zestawieniu (zob. {t}).", refs={"t": ref})
    else:
        rep.paragraph("Liczba zgłoszonych uwag i sposób ich rozpatrzenia – do uzupełnienia.")


def _list_item(text: str, last: bool) -> str:
    text = text.strip().rstrip(";.")
    return text + ("." if last else ";")


def _count_sentences(c, gm: ConsultationCounts, n_gminas: int) -> list[str]:
    out = []
    if gm.remarks is not None:
        k = gm.gminas
        if k is None:
            out.append("Gminy zgłosiły do projektu łącznie "
                       f"{count(gm.remarks.submitted, UWAGA)}.")
        elif k == 0:
            out.append("Żadna z gmin nie zgłosiła uwag do projektu.")
        else:
            verb = "zgłosiła" if k == 1 else "zgłosiły" if _plural_verb(k) else "zgłosiło"
            out.append(f"Uwagi do projektu {verb} {fmt_number(k, 0)} spośród "
                       f"{fmt_number(n_gminas, 0)} gmin powiatu – łącznie "
                       f"{count(gm.remarks.submitted, UWAGA)}.")
        if gm.source == "rejestr":
            out.append("Liczby uwag gmin pochodzą z rejestru uwag prowadzonego w toku "
                       "konsultacji.")
    if c.ngo_remarks is not None:
        invited = (f" spośród {fmt_number(c.ngos_invited, 0)} zaproszonych"
                   if c.ngos_invited is not None else "")
        k = c.ngos_with_remarks
        if k is None:
            out.append(f"Organizacje pozarządowe zgłosiły łącznie "
                       f"{count(c.ngo_remarks.submitted, UWAGA)}.")
        elif k == 0:
            out.append(f"Żadna z organizacji pozarządowych{invited} nie zgłosiła uwag.")
        else:
            verb = "zgłosiła" if k == 1 else "zgłosiły" if _plural_verb(k) else "zgłosiło"
            out.append(f"Uwagi {verb} {count(k, ORGANIZACJA)}{invited} – łącznie {count(c.ngo_remarks.submitted, UWAGA)}.")
    return out


def _plural_verb(n: int) -> bool:
    """Return True when a numeral ``n`` takes a plural verb (2-4, 22-24 ...: "zgłosiły")."""
    return n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)


# -- resolution --------------------------------------------------------------------------------
@dataclass(frozen=True)
class CouncilNames:
    council: str         # Rada Powiatu Kaliskiego
    council_gen: str     # Rady Powiatu Kaliskiego
    board: str           # Zarząd Powiatu Kaliskiego
    board_dative: str    # Zarządowi Powiatu Kaliskiego


_GENITIVE = {"Rada": "Rady"}
_DATIVE = {"Zarząd": "Zarządowi", "Prezydent": "Prezydentowi", "Burmistrz": "Burmistrzowi"}


def council_names(plan: Plan, powiat_name: str) -> CouncilNames:
    """Return the council and the executive of the powiat in the forms the resolution needs.

    From the plan's ``uchwala`` (``rada``, ``zarzad``) or, for a land powiat (code 01-60 after
    the voivodeship), from its name: ``kaliski`` -> Rada Powiatu Kaliskiego, Zarząd Powiatu
    Kaliskiego. A city with powiat rights has other organs and must name them in the plan.
    """
    r = plan.resolution
    adjective = " ".join(w[:1].upper() + w[1:] for w in powiat_genitive(powiat_name).split())
    city = int(plan.unit[2:4]) > 60
    if city and not (r.council and r.board):
        raise PlanError(f"plik {plan.path.name}: {plan.unit} to miasto na prawach powiatu – "
                        "podaj w sekcji 'uchwala' pola 'rada' (np. Rada Miasta Kalisza) i "
                        "'zarzad' (np. Prezydent Miasta Kalisza)")
    council = r.council or f"Rada Powiatu {adjective}"
    board = r.board or f"Zarząd Powiatu {adjective}"
    first_c, _, rest_c = council.partition(" ")
    first_b, _, rest_b = board.partition(" ")
    if first_c not in _GENITIVE or first_b not in _DATIVE:
        raise PlanError(f"plik {plan.path.name}, wiersz {r.line}: uchwala - organ '{council}' "
                        f"lub '{board}' nie zaczyna się od słów: Rada; Zarząd, Prezydent, "
                        "Burmistrz")
    return CouncilNames(council, f"{_GENITIVE[first_c]} {rest_c}", board,
                        f"{_DATIVE[first_b]} {rest_b}")


JOURNAL_PLACEHOLDER = "Dz.\u00a0U. z\u00a0…\u00a0r. poz.\u00a0…"
_NBSP_RULES = [(re.compile(r"(\d{4}) r\."), "\\1\u00a0r."), (re.compile(r"§ (\d)"), "§\u00a0\\1"),
               (re.compile(r"Dz\. U\."), "Dz.\u00a0U."), (re.compile(r"(art\.|pkt|ust\.|poz\.) (\d)"),
                                                        "\\1\u00a0\\2")]


def _keep_together(text: str) -> str:
    """Return ``text`` with no-break spaces where a line must not break (1998 r., § 1, art. 12)."""
    for pattern, repl in _NBSP_RULES:
        text = pattern.sub(repl, text)
    return text


_CASES = {"nom": "Strategia", "gen": "Strategii", "acc": "Strategię"}


def strategy_name(plan: Plan, powiat_name: str, case: str = "gen") -> str:
    """Return the strategy's title in ``case`` (nom, gen, acc: "Strategię ..."), with en dashes
    in year ranges; a title that does not start with "Strategia" is quoted after the noun."""
    y0, y1 = plan.years
    title = plan.title or (f"Strategia rozwiązywania problemów społecznych powiatu "
                           f"{powiat_genitive(powiat_name)} na lata {y0}–{y1}")
    title = re.sub(r"(\d{4})\s*-\s*(\d{4})", "\\1–\\2", " ".join(title.split()))
    if title.startswith("Strategia "):
        return _CASES[case] + title[len("Strategia"):]
    return f"{_CASES[case].lower()} „{title}”"


def resolution_text(plan: Plan, powiat_name: str, n_gminas: int) -> dict[str, list[str]]:
    """Return the draft resolution's parts: ``head`` lines, ``body`` paragraphs, ``reasons``."""
    names = council_names(plan, powiat_name)
    r = plan.resolution
    head = ["UCHWAŁA NR …/…/…", names.council_gen.upper(), "z dnia … r.",
            f"w sprawie przyjęcia {strategy_name(plan, powiat_name, 'gen')}"]
    body = [(f"Na podstawie art. 12 pkt 11 ustawy z dnia 5 czerwca 1998 r. o samorządzie "
             f"powiatowym ({r.journal_usp or JOURNAL_PLACEHOLDER}) oraz art. 19 pkt 1 ustawy z "
             f"dnia 12 marca 2004 r. o pomocy społecznej ({r.journal_ups or JOURNAL_PLACEHOLDER}) "
             f"{names.council} uchwala, co następuje:"),
            (f"§ 1. Przyjmuje się {strategy_name(plan, powiat_name, 'acc')}, stanowiącą "
             "załącznik do niniejszej uchwały."),
            f"§ 2. Wykonanie uchwały powierza się {names.board_dative}.",
            "§ 3. Uchwała wchodzi w życie z dniem podjęcia."]
    c = plan.consultation
    consulted = ("Projekt strategii został skonsultowany z gminami powiatu"
                 + (f" ({count(n_gminas, GMINA)})" if n_gminas else "")
                 + (f" w terminie od {fmt_date(c.start)} do {fmt_date(c.end)}"
                    if c is not None and c.start and c.end else "")
                 + " oraz z organizacjami pozarządowymi; zgłoszone uwagi rozpatrzono, a sposób "
                 "ich rozpatrzenia opisano w strategii.") if c is not None else (
                 "Projekt strategii przekazano do konsultacji gminom powiatu; przebieg "
                 "konsultacji – do uzupełnienia.")
    reasons = [
        ("Zgodnie z art. 19 pkt 1 ustawy z dnia 12 marca 2004 r. o pomocy społecznej do zadań "
         "własnych powiatu należy opracowanie i realizacja powiatowej strategii rozwiązywania "
         "problemów społecznych, ze szczególnym uwzględnieniem programów pomocy społecznej, "
         "wspierania osób niepełnosprawnych i innych, których celem jest integracja osób i "
         "rodzin z grup szczególnego ryzyka – po konsultacji z właściwymi terytorialnie gminami."),
        ("Strategia zawiera elementy określone w art. 16b ustawy o pomocy społecznej: diagnozę "
         "sytuacji społecznej, prognozę zmian w zakresie objętym strategią, cele strategiczne "
         "projektowanych zmian, kierunki niezbędnych działań, sposób realizacji strategii i jej "
         "ramy finansowe oraz wskaźniki realizacji działań."),
        f"Projekt strategii został opracowany przez {plan.institution}. {consulted}",
        ("Działania określone w strategii będą finansowane w granicach środków ujmowanych "
         "corocznie w uchwałach budżetowych powiatu oraz ze środków zewnętrznych."),
        "Wobec powyższego podjęcie uchwały jest zasadne.",
    ]
    return {"head": head, "body": [_keep_together(t) for t in body],
            "reasons": [_keep_together(t) for t in reasons]}


def resolution(rep: Report, ctx) -> None:
    """The draft resolution of the council adopting the strategy (the last annex)."""
    n_gminas = len(ctx.registry.gminas_of(ctx.plan.unit))
    text = resolution_text(ctx.plan, ctx.name, n_gminas)
    rep.paragraph({"text": "Projekt", "italic": True}, style=TITLE_INFO)
    for k, line in enumerate(text["head"]):
        rep.paragraph({"text": line, "bold": k != 2}, style=TITLE_INFO)
    for para in text["body"]:
        rep.paragraph(para)
    rep.paragraph({"text": "Uzasadnienie", "bold": True}, style=TITLE_INFO)
    for para in text["reasons"]:
        rep.paragraph(para)


def resolution_annex(rep: Report, ctx) -> None:
    """The draft resolution as the last annex, numbered after the annexes of the gminas."""
    k = len(ctx.registry.gminas_of(ctx.plan.unit)) + 1
    names = council_names(ctx.plan, ctx.name)
    rep.page_break()
    rep.heading(f"Załącznik {k}. Projekt uchwały {names.council_gen} w sprawie przyjęcia "
                "strategii", 1, numbered=False)
    resolution(rep, ctx)


# -- abbreviations -----------------------------------------------------------------------------
#: Abbreviations the documents may use, with their expansions (shown when found in the text).
ABBREVIATIONS = {
    "BDL": "Bank Danych Lokalnych Głównego Urzędu Statystycznego",
    "BIP": "Biuletyn Informacji Publicznej",
    "CIS": "centrum integracji społecznej",
    "COVID-19": "choroba zakaźna wywoływana przez koronawirusa (ang. coronavirus disease 2019)",
    "CUS": "centrum usług społecznych",
    "DPS": "dom pomocy społecznej",
    "Dz. U.": "Dziennik Ustaw Rzeczypospolitej Polskiej",
    "EFS+": "Europejski Fundusz Społeczny Plus",
    "GKRPA": "gminna komisja rozwiązywania problemów alkoholowych",
    "GOPS": "gminny ośrodek pomocy społecznej",
    "GUS": "Główny Urząd Statystyczny",
    "MGOPS": "miejsko-gminny ośrodek pomocy społecznej",
    "MOPS": "miejski ośrodek pomocy społecznej",
    "MRPiPS": "Ministerstwo Rodziny, Pracy i Polityki Społecznej (MRPiPS-03 – sprawozdanie "
              "resortowe z udzielonych świadczeń pomocy społecznej)",
    "NGO": "organizacja pozarządowa",
    "OIK": "ośrodek interwencji kryzysowej",
    "OPS": "ośrodek pomocy społecznej",
    "OZPS": "ocena zasobów pomocy społecznej",
    "PCPR": "powiatowe centrum pomocy rodzinie",
    "PES": "podmiot ekonomii społecznej",
    "PFRON": "Państwowy Fundusz Rehabilitacji Osób Niepełnosprawnych",
    "PUP": "powiatowy urząd pracy",
    "PZON": "powiatowy zespół do spraw orzekania o niepełnosprawności",
    "SWOT": "analiza mocnych i słabych stron oraz szans i zagrożeń (ang. strengths, "
            "weaknesses, opportunities, threats)",
    "ŚDS": "środowiskowy dom samopomocy",
    "TERYT": "krajowy rejestr urzędowy podziału terytorialnego kraju",
    "u.p.s.": "ustawa z dnia 12 marca 2004 r. o pomocy społecznej",
    "UE": "Unia Europejska",
    "WTZ": "warsztat terapii zajęciowej",
    "ZAZ": "zakład aktywności zawodowej",
    "ZI": "zespół interdyscyplinarny",
}


def _pattern(abbr: str) -> re.Pattern:
    body = "[ \u00a0]".join(re.escape(part) for part in abbr.split(" "))
    return re.compile(r"(?<![\w.])" + body + (r"(?!\w)" if abbr[-1].isalnum()
                                                or abbr[-1] == "+" else ""))


_PATTERNS = {a: _pattern(a) for a in ABBREVIATIONS}


def used_abbreviations(text: str) -> list[str]:
    """Return the abbreviations of :data:`ABBREVIATIONS` that occur in ``text``, sorted as in
    a Polish dictionary (case-insensitive, Ś after S)."""
    found = [a for a, p in _PATTERNS.items() if p.search(text)]
    alphabet = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
    return sorted(found, key=lambda a: [alphabet.find(ch) if ch in alphabet else 100 + ord(ch)
                                        for ch in a.lower() if ch.isalpha()])


def document_text(rep) -> str:
    """Return the text of the document so far: its title, headings, paragraphs, captions and
    table cells (the blocks recorded before, :meth:`.blocks.Recorder.document_text`)."""
    return rep.document_text()


def abbreviations(rep: Report, ctx) -> None:
    """The abbreviations used in the document with their expansions.

    Found in what the document holds when the chapter is written and in the draft resolution
    annexed at the end: the list belongs after the chapters whose text it explains.
    """
    n_gminas = len(ctx.registry.gminas_of(ctx.plan.unit))
    resolution_parts = resolution_text(ctx.plan, ctx.name, n_gminas)
    text = "\n".join([document_text(rep),
                      *(s for part in resolution_parts.values() for s in part)])
    found = used_abbreviations(text)
    if not found:
        rep.paragraph("W dokumencie nie użyto skrótów wymagających objaśnienia.")
        return
    rep.paragraph("W dokumencie użyto następujących skrótów:")
    for a in found:
        rep.paragraph([{"text": a, "bold": True}, f" – {ABBREVIATIONS[a]}"])
