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
* :func:`council_names` - the council adopting the strategy and the board carrying the
  resolution out (the draft resolution is a document of its own: :mod:`.uchwaly`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ...errors import DocumentError, PlanError
from ...plan import Plan, RemarkCounts
from ...plan.scope import INSTITUTION_KINDS
from ...text import fmt_date, powiat_genitive
from ...text import strategia_zakres as text
from ..report import Report
from .common import source

# -- resources ---------------------------------------------------------------------------------
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


#: Words of a direction's name that tell which task of :data:`strategy.text.strategia_zakres.
#: DUTIES it carries (lower case).
DUTY_WORDS = {"karne": r"zakład\w* karn|aresz\w* śledcz", "cudzoziemcy": r"cudzoziem|uchodźc",
              "doradztwo": r"doradztw\w* metodyczn|szkoleni\w*[^.]*\bops\b"}


def duty_directions(plan) -> dict[str, list[str]]:
    """Return the ids of the plan's directions of action that carry each of the powiat's tasks
    of :data:`DUTY_WORDS`, read from the directions' names."""
    return {key: [d.id for _, _, d in plan.directions() if re.search(words, d.name.lower())]
            for key, words in DUTY_WORDS.items()}


def resources(rep: Report, ctx) -> None:
    """The powiat's institutions with their places and occupancy (from ``instytucje``)."""
    plan = ctx.plan
    rep.paragraph(text.resources_intro(plan.institution))
    rep.paragraph(text.duties(duty_directions(plan)))
    if not plan.institutions:
        rep.paragraph(text.institutions_missing())
        return
    when = (f"stan na {fmt_date(plan.institutions_as_of)}" if plan.institutions_as_of
            else "dane przekazane przez jednostki")
    summary = institutions_summary(plan)
    ref = rep.table(summary, f"Instytucje powiatu {powiat_genitive(ctx.name)} według rodzaju – "
                    f"miejsca i ich wykorzystanie ({when})", ctx.psrc,
                    widths=[5.8, 2.0, 1.9, 1.9, 2.2, 2.2],
                    formats={"Liczba jednostek": 0, "Miejsca": 0, "Zajęte": 0, "Oczekujący": 0,
                             "Obłożenie (%)": 1})
    rep.paragraph(text.summary_intro(), refs={"t": ref})
    lines = [text.kind_item(*r) for r in summary.itertuples(index=False)]
    rep.bullets(lines[:-1] + [lines[-1][:-1] + "."])
    detail = institutions_frame(plan)
    ref = rep.table(detail, f"Wykaz instytucji powiatu {powiat_genitive(ctx.name)} ({when})",
                    ctx.psrc, widths=[3.7, 3.6, 3.7, 1.5, 1.4, 2.1],
                    formats={c: 0 for c in ("Miejsca", "Zajęte", "Oczekujący")})
    rep.paragraph(text.detail_note(summary["Oczekujący"].sum(min_count=1)), refs={"t": ref})


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
        rep.paragraph(text.team_intro(c.team_basis))
        rep.bullets([_list_item(x, last=k == len(c.team) - 1) for k, x in enumerate(c.team)])
        rep.paragraph(text.team_coordinated(plan.institution))
    else:
        rep.paragraph(text.team_missing(plan.institution))
    ctx.heading(rep, "Konsultacje z gminami i organizacjami pozarządowymi", 2)
    rep.paragraph(text.consultation_basis(n_gminas))
    draft = ctx.section_bookmarks  # a draft sent for consultation: it is under way
    gm = gmina_counts(plan, ctx.remarks) if c is not None and not draft else None
    if draft:
        rep.paragraph(text.consultation_under_way())
    elif c is None:
        rep.paragraph(text.consultation_missing())
    else:
        _consultation_course(rep, ctx, c, gm, n_gminas)
    ctx.heading(rep, "Sposób rozpatrzenia uwag", 2)
    if draft:
        rep.paragraph(text.handling_by_team())
    elif c is None or not c.handling:
        rep.paragraph(text.handling_missing())
    else:
        rep.paragraph(c.handling)
    unanswered = (sum(r.unanswered for r in (gm.remarks, c.ngo_remarks) if r is not None)
                  if gm is not None else 0)
    if unanswered > 0:
        rep.paragraph({"text": text.unanswered(unanswered), "bold": True})
    ctx.heading(rep, "Przyjęcie strategii", 2)
    council = council_names(plan, ctx.name)
    rep.paragraph(text.adoption(council.council, council.board_dative, annexed=not draft))


def _consultation_course(rep: Report, ctx, c, gm: ConsultationCounts, n_gminas: int) -> None:
    """The period and forms of the consultation and the remarks by who sent them."""
    if c.start and c.end:
        rep.paragraph(text.consultation_period(c.start, c.end, with_forms=bool(c.forms)))
    elif c.forms:
        rep.paragraph(text.consultation_forms())
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
        rep.paragraph(text.remarks_table_note(), refs={"t": ref})
    else:
        rep.paragraph(text.remarks_missing())


def _list_item(text: str, last: bool) -> str:
    text = text.strip().rstrip(";.")
    return text + ("." if last else ";")


def _count_sentences(c, gm: ConsultationCounts, n_gminas: int) -> list[str]:
    """Return the sentences on the remarks of the gminas and of the NGOs, those known."""
    out = []
    if gm.remarks is not None:
        out.append(text.gmina_remarks(gm.gminas, n_gminas, gm.remarks.submitted))
        if gm.source == "rejestr":
            out.append(text.register_note())
    if c.ngo_remarks is not None:
        out.append(text.ngo_remarks(c.ngos_with_remarks, c.ngo_remarks.submitted,
                                    c.ngos_invited))
    return out


# -- the organs adopting the strategy ---------------------------------------------------------
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
    "GUGiK": "Główny Urząd Geodezji i Kartografii",
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
    "PRG": "państwowy rejestr granic i powierzchni jednostek podziałów terytorialnych kraju",
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

    Found in what the document holds when the chapter is written: the list belongs after the
    chapters whose text it explains.
    """
    found = used_abbreviations(document_text(rep))
    if not found:
        rep.paragraph(text.abbreviations_none())
        return
    rep.paragraph(text.abbreviations_intro())
    for a in found:
        rep.paragraph([{"text": a, "bold": True}, f" – {ABBREVIATIONS[a]}"])
