"""Language of the documents, not of the tool: every paragraph and table cell of the demo
documents (strategy, foster-care programme, gmina diagnoses, family-support programmes of a
gmina with its own plan and of a gmina without one, the report on implementation, a gmina's
consultation draft), built by the builders on the demo store and read back with python-docx
(paragraphs, table cells, headers and footers), is checked for

* words of the tool ("plik planu", "katalog" of indicators) and forms such as "przygotował(o)"
  or "Wójt (burmistrz)" that leave a choice to the reader;
* a unit in brackets written twice ("(rodziny na asystenta) (rodzin na asystenta)") and a gmina
  named twice ("dostępnych dla gminy w gminie Opatówek");
* agreement of a noun with the number before it. The forms below are Polish grammar written
  out here, not taken from the package: after 1 the nominative (or accusative) singular, after
  2-4, 22-24, 32-34... (not 12-14) the nominative plural, after 0, 5-21, 25-31... the genitive
  plural, and after a number printed with a decimal part the genitive singular ("9,6 rodziny",
  "2,5 dziecka"); after a preposition that governs the genitive ("z", "do", "dla", "spośród"...)
  the genitive ("z 3 rodzin", "dla 1 rodziny"); after "z" also the instrumental ("z 1 rodziną",
  "z 13 rodzinami"); "tys." and "mln" take the genitive plural ("10 tys. mieszkańców");
* the gmina's organ: wójt in a rural gmina, burmistrz in an urban-rural one.
"""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from strategy.consultation.drafts import make_drafts
from strategy.documents.builders import (build_diagnoza, build_kontrola,
                                         build_program_pieczy_zastepczej,
                                         build_program_wspierania_rodziny, build_sprawozdanie,
                                         build_strategia)
from strategy.ingest.loading import load_inputs
from strategy.inputs.load import (load_control, load_diagnosis, load_family, load_foster,
                                   load_report, load_strategy)
from strategy.plan import load_plan
from strategy.text import name_in_unit

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "data/raw/plany"
NUM_SPACE = "[ \u00a0\u202f]"

# noun: (nom. sg, acc. sg, nom. pl, gen. pl, gen. sg, instr. sg, instr. pl), with a second
# nominative plural for masculine-personal nouns, whose "3 asystentów" and "3 asystenci" are
# both correct. Adjectives of multi-word nouns agree too ("9,6 rodziny zastępczej").
NOUNS: dict[str, dict[str, tuple[str, ...]]] = {
    "osoba": {"nom_sg": ("osoba",), "acc_sg": ("osobę",), "nom_pl": ("osoby",),
              "gen_pl": ("osób",), "gen_sg": ("osoby",), "ins_sg": ("osobą",),
              "ins_pl": ("osobami",)},
    "rodzina": {"nom_sg": ("rodzina",), "acc_sg": ("rodzinę",), "nom_pl": ("rodziny",),
                "gen_pl": ("rodzin",), "gen_sg": ("rodziny",), "ins_sg": ("rodziną",),
                "ins_pl": ("rodzinami",)},
    "rodzina zastępcza": {"nom_sg": ("rodzina zastępcza",), "acc_sg": ("rodzinę zastępczą",),
                          "nom_pl": ("rodziny zastępcze",), "gen_pl": ("rodzin zastępczych",),
                          "gen_sg": ("rodziny zastępczej",), "ins_sg": ("rodziną zastępczą",),
                          "ins_pl": ("rodzinami zastępczymi",)},
    "dziecko": {"nom_sg": ("dziecko",), "acc_sg": ("dziecko",), "nom_pl": ("dzieci",),
                "gen_pl": ("dzieci",), "gen_sg": ("dziecka",), "ins_sg": ("dzieckiem",),
                "ins_pl": ("dziećmi",)},
    "miejsce": {"nom_sg": ("miejsce",), "acc_sg": ("miejsce",), "nom_pl": ("miejsca",),
                "gen_pl": ("miejsc",), "gen_sg": ("miejsca",), "ins_sg": ("miejscem",),
                "ins_pl": ("miejscami",)},
    "placówka": {"nom_sg": ("placówka",), "acc_sg": ("placówkę",), "nom_pl": ("placówki",),
                 "gen_pl": ("placówek",), "gen_sg": ("placówki",), "ins_sg": ("placówką",),
                 "ins_pl": ("placówkami",)},
    "procedura": {"nom_sg": ("procedura",), "acc_sg": ("procedurę",), "nom_pl": ("procedury",),
                  "gen_pl": ("procedur",), "gen_sg": ("procedury",), "ins_sg": ("procedurą",),
                  "ins_pl": ("procedurami",)},
    "gmina": {"nom_sg": ("gmina",), "acc_sg": ("gminę",), "nom_pl": ("gminy",),
              "gen_pl": ("gmin",), "gen_sg": ("gminy",), "ins_sg": ("gminą",),
              "ins_pl": ("gminami",)},
    "usługa": {"nom_sg": ("usługa",), "acc_sg": ("usługę",), "nom_pl": ("usługi",),
               "gen_pl": ("usług",), "gen_sg": ("usługi",), "ins_sg": ("usługą",),
               "ins_pl": ("usługami",)},
    "obserwacja": {"nom_sg": ("obserwacja",), "acc_sg": ("obserwację",),
                   "nom_pl": ("obserwacje",), "gen_pl": ("obserwacji",),
                   "gen_sg": ("obserwacji",), "ins_sg": ("obserwacją",),
                   "ins_pl": ("obserwacjami",)},
    "świadczenie": {"nom_sg": ("świadczenie",), "acc_sg": ("świadczenie",),
                    "nom_pl": ("świadczenia",), "gen_pl": ("świadczeń",),
                    "gen_sg": ("świadczenia",), "ins_sg": ("świadczeniem",),
                    "ins_pl": ("świadczeniami",)},
    "orzeczenie": {"nom_sg": ("orzeczenie",), "acc_sg": ("orzeczenie",),
                   "nom_pl": ("orzeczenia",), "gen_pl": ("orzeczeń",),
                   "gen_sg": ("orzeczenia",), "ins_sg": ("orzeczeniem",),
                   "ins_pl": ("orzeczeniami",)},
    "wniosek": {"nom_sg": ("wniosek",), "acc_sg": ("wniosek",), "nom_pl": ("wnioski",),
                "gen_pl": ("wniosków",), "gen_sg": ("wniosku",), "ins_sg": ("wnioskiem",),
                "ins_pl": ("wnioskami",)},
    "wskaźnik": {"nom_sg": ("wskaźnik",), "acc_sg": ("wskaźnik",), "nom_pl": ("wskaźniki",),
                 "gen_pl": ("wskaźników",), "gen_sg": ("wskaźnika",), "ins_sg": ("wskaźnikiem",),
                 "ins_pl": ("wskaźnikami",)},
    "podmiot": {"nom_sg": ("podmiot",), "acc_sg": ("podmiot",), "nom_pl": ("podmioty",),
                "gen_pl": ("podmiotów",), "gen_sg": ("podmiotu",), "ins_sg": ("podmiotem",),
                "ins_pl": ("podmiotami",)},
    "cel": {"nom_sg": ("cel",), "acc_sg": ("cel",), "nom_pl": ("cele",), "gen_pl": ("celów",),
            "gen_sg": ("celu",), "ins_sg": ("celem",), "ins_pl": ("celami",)},
    "kierunek": {"nom_sg": ("kierunek",), "acc_sg": ("kierunek",), "nom_pl": ("kierunki",),
                 "gen_pl": ("kierunków",), "gen_sg": ("kierunku",), "ins_sg": ("kierunkiem",),
                 "ins_pl": ("kierunkami",)},
    "etat": {"nom_sg": ("etat",), "acc_sg": ("etat",), "nom_pl": ("etaty",),
             "gen_pl": ("etatów",), "gen_sg": ("etatu",), "ins_sg": ("etatem",),
             "ins_pl": ("etatami",)},
    "rok": {"nom_sg": ("rok",), "acc_sg": ("rok",), "nom_pl": ("lata",), "gen_pl": ("lat",),
            "gen_sg": ("roku",), "ins_sg": ("rokiem",), "ins_pl": ("latami",)},
    "miesiąc": {"nom_sg": ("miesiąc",), "acc_sg": ("miesiąc",), "nom_pl": ("miesiące",),
                "gen_pl": ("miesięcy",), "gen_sg": ("miesiąca",), "ins_sg": ("miesiącem",),
                "ins_pl": ("miesiącami",)},
    "punkt": {"nom_sg": ("punkt",), "acc_sg": ("punkt",), "nom_pl": ("punkty",),
              "gen_pl": ("punktów",), "gen_sg": ("punktu",), "ins_sg": ("punktem",),
              "ins_pl": ("punktami",)},
    "asystent": {"nom_sg": ("asystent",), "acc_sg": ("asystenta",),
                 "nom_pl": ("asystenci", "asystentów"), "gen_pl": ("asystentów",),
                 "gen_sg": ("asystenta",), "ins_sg": ("asystentem",), "ins_pl": ("asystentami",)},
    "koordynator": {"nom_sg": ("koordynator",), "acc_sg": ("koordynatora",),
                    "nom_pl": ("koordynatorzy", "koordynatorów"), "gen_pl": ("koordynatorów",),
                    "gen_sg": ("koordynatora",), "ins_sg": ("koordynatorem",),
                    "ins_pl": ("koordynatorami",)},
    "mieszkaniec": {"nom_sg": ("mieszkaniec",), "acc_sg": ("mieszkańca",),
                    "nom_pl": ("mieszkańcy", "mieszkańców"), "gen_pl": ("mieszkańców",),
                    "gen_sg": ("mieszkańca",), "ins_sg": ("mieszkańcem",),
                    "ins_pl": ("mieszkańcami",)},
    "uczestnik": {"nom_sg": ("uczestnik",), "acc_sg": ("uczestnika",),
                  "nom_pl": ("uczestnicy", "uczestników"), "gen_pl": ("uczestników",),
                  "gen_sg": ("uczestnika",), "ins_sg": ("uczestnikiem",),
                  "ins_pl": ("uczestnikami",)},
    "kandydat": {"nom_sg": ("kandydat",), "acc_sg": ("kandydata",),
                 "nom_pl": ("kandydaci", "kandydatów"), "gen_pl": ("kandydatów",),
                 "gen_sg": ("kandydata",), "ins_sg": ("kandydatem",), "ins_pl": ("kandydatami",)},
    "wychowanek": {"nom_sg": ("wychowanek",), "acc_sg": ("wychowanka",),
                   "nom_pl": ("wychowankowie", "wychowanków"), "gen_pl": ("wychowanków",),
                   "gen_sg": ("wychowanka",), "ins_sg": ("wychowankiem",),
                   "ins_pl": ("wychowankami",)},
    "rodzic": {"nom_sg": ("rodzic",), "acc_sg": ("rodzica",), "nom_pl": ("rodzice", "rodziców"),
               "gen_pl": ("rodziców",), "gen_sg": ("rodzica",), "ins_sg": ("rodzicem",),
               "ins_pl": ("rodzicami",)},
}
#: Prepositions after which a number and its noun stand in the genitive.
GENITIVE_PREPOSITIONS = {"z", "ze", "od", "do", "dla", "spośród", "wśród", "wobec", "bez", "u",
                         "około", "ok.", "oprócz", "według", "spoza", "zamiast", "powyżej",
                         "poniżej"}
#: Words between a preposition and its number that do not change the case ("z co najmniej 3
#: lat", "do ok. 60 miejsc").
QUANTIFIERS = {"co", "najmniej", "najwyżej", "nie", "więcej", "mniej", "niż", "ok.", "około",
               "prawie", "ponad", "blisko", "łącznie", "jeszcze", "tylko", "średnio"}

_FORMS: list[tuple[str, str, str]] = sorted(
    ((form, noun, slot) for noun, slots in NOUNS.items() for slot, forms in slots.items()
     for form in forms), key=lambda x: -len(x[0]))
_FORM_ALT = "|".join(sorted({re.escape(f) for f, _, _ in _FORMS}, key=len, reverse=True))
_NUMBER = r"\d{1,3}(?:" + NUM_SPACE + r"\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_PAIR = re.compile(r"(?<![\d,.\w-])(" + _NUMBER + r")" + NUM_SPACE + r"(tys\.|mln|mld)?"
                   + NUM_SPACE + r"?(" + _FORM_ALT + r")(?![\wąćęłńóśźż])")


def category(number: str) -> str:
    """Return one/few/many/fraction of a number as printed ("1", "22", "1 437", "9,6")."""
    if "," in number:
        return "fraction"
    n = int(re.sub(NUM_SPACE, "", number))
    if n == 1:
        return "one"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return "few"
    return "many"


def _context(text: str, start: int) -> str:
    """Return "gen" when the number at ``start`` follows a genitive preposition (over
    quantifiers such as "co najmniej"), "ins" after "z", else "nom"."""
    words = re.findall(r"[\wąćęłńóśźż.]+", text[max(0, start - 60):start].lower())
    for w in reversed(words):
        if w in QUANTIFIERS and w not in ("ok.", "około"):
            continue
        if w in ("z", "ze"):
            return "z"
        return "gen" if w in GENITIVE_PREPOSITIONS else "nom"
    return "nom"


def _valid(slot: str, cat: str, ctx: str, thousands: bool) -> bool:
    """Return whether a noun in ``slot`` agrees with a number of category ``cat``."""
    if thousands:                                   # "10 tys. mieszkańców"
        return slot == "gen_pl"
    if cat == "fraction":
        return slot == "gen_sg"
    gen = ctx in ("gen", "z")
    if slot in ("ins_sg", "ins_pl"):
        return ctx == "z" and (slot == "ins_sg") == (cat == "one")
    if cat == "one":
        return slot == "gen_sg" if gen else slot in ("nom_sg", "acc_sg")
    if cat == "few":
        return slot == "gen_pl" if gen else slot == "nom_pl"
    return slot == "gen_pl"                         # many: the genitive plural in every case


def agreement_errors(text: str) -> list[str]:
    """Return every "<number> <noun form>" in ``text`` whose form does not agree."""
    errors = []
    for m in _PAIR.finditer(text):
        number, thousands, form = m.group(1), bool(m.group(2)), m.group(3)
        if re.fullmatch(r"(19|20)\d\d", number) and form in ("roku", "rok"):  # "w 2024 roku"
            continue
        cat, ctx = category(number), _context(text, m.start())
        readings = [(noun, slot) for f, noun, slot in _FORMS if f == form]
        if not any(_valid(slot, cat, ctx, thousands) for _, slot in readings):
            errors.append(text[max(0, m.start() - 40):m.end() + 10])
    return errors


TOOL_WORDS = re.compile(r"plik\w* planu|katalog\w*|\w+ł\(o\)|\w+\((?:o|a|y)\)(?!\w)|"
                        r"wójt \(burmistrz\)|\(wójt|\(burmistrz|\(prezydent", re.IGNORECASE)
_BRACKETS = re.compile(r"\(([^()]+)\)\s*\(([^()]+)\)")
_GMINA_TWICE = re.compile(r"\bgmin(?:y|ę|a)\s+w gminie\b")
_UNIT_AFTER_ITSELF = re.compile(r"((?:\S+\s+){1,4}\S+)\s+\(\1\)")


def _same_unit(a: str, b: str) -> bool:
    """True when two bracketed texts say the same unit (one inside the other, or the same
    words but for the case of the first: "rodziny na asystenta" / "rodzin na asystenta")."""
    a, b = a.lower().split(), b.lower().split()
    if " ".join(b) in " ".join(a) or " ".join(a) in " ".join(b):
        return True
    return len(a) == len(b) and a[1:] == b[1:] and a[0][:5] == b[0][:5]


def wording_errors(text: str) -> list[str]:
    """Return tool words, "(o)" forms, a unit in brackets twice and a gmina named twice."""
    out = [m.group(0) for m in TOOL_WORDS.finditer(text)]
    out += [m.group(0) for m in _BRACKETS.finditer(text) if _same_unit(m.group(1), m.group(2))]
    out += [text[max(0, m.start() - 40):m.end() + 20] for m in _GMINA_TWICE.finditer(text)]
    # "... na 10 tys. mieszkańców (na 10 tys. mieszkańców)": the unit the name already says
    plain = " ".join(text.replace("\u00a0", " ").split())
    out += [m.group(0) for m in _UNIT_AFTER_ITSELF.finditer(plain)]
    return out


def document_texts(path: Path) -> list[str]:
    """Return the text of every paragraph and table cell of a .docx (nested tables too)."""
    d = docx.Document(path)
    out = [p.text for p in d.paragraphs]

    def cells(tables):
        for t in tables:
            for row in t.rows:
                for c in row.cells:
                    out.extend(p.text for p in c.paragraphs)
                    cells(c.tables)
    cells(d.tables)
    for s in d.sections:
        out.extend(p.text for p in s.header.paragraphs)
        out.extend(p.text for p in s.footer.paragraphs)
    return [t for t in out if t.strip()]


# ------------------------------------------------------------------ the checks on their own
@pytest.mark.parametrize("text", [
    "przypadało średnio 9,6 rodzin zastępczych", "9,6 rodzin", "2,5 dzieci", "1,5 osób",
    "1 rodzin", "działało 5 rodziny", "22 osób",
    "12 osoby", "pracował z 1 rodzinami", "z 3 rodziny", "1 asystentów", "10 tys. osoby",
    "Strategia ma 3 celów", "2 lat",
])
def test_agreement_check_finds_errors(text):
    assert agreement_errors(text), text


@pytest.mark.parametrize("text", [
    "9,6 rodziny zastępczej", "2,5 dziecka", "1,5 osoby", "0,5 etatu", "1 rodzina",
    "objęto 1 rodzinę", "2 rodziny", "22 osoby", "12 osób", "112 osób", "1 437 osób",
    "1\u00a0437\u00a0osób", "z 3 rodzin", "dla 1 rodziny", "pracował z 1 rodziną",
    "pracowali z 13 rodzinami", "3 asystentów rodziny", "3 asystenci", "na 10 tys. mieszkańców",
    "w wieku 15-64 lata", "w wieku 0-17 lat", "z co najmniej 3 lat", "w 2024 roku",
    "11. miejsce spośród 11 gmin", "5 kierunków działań", "3 cele strategiczne",
    "13,0 rodziny na asystenta", "ok. 60 osób",
])
def test_agreement_check_accepts_correct_text(text):
    assert not agreement_errors(text), text


@pytest.mark.parametrize("text", [
    "Dokument przygotował(o): PCPR", "Wójt (burmistrz) składa", "podał zespół w pliku planu",
    "Plik planu nie wymienia", "wskaźników z katalogu",
    "Przeciętne obciążenie asystenta rodziny (rodziny na asystenta) (rodzin na asystenta)",
    "Współczynnik (65+ na 100 osób w wieku 15-64) (na 100 osób)",
    "Liczba miejsc w schroniskach dostępnych dla gminy w gminie Opatówek",
    "Saldo migracji na 1000 mieszkańców (na 1000 mieszkańców)",
    "Niebieskie Karty na 10\u00a0tys. mieszkańców (na 10 tys. mieszkańców)",
])
def test_wording_check_finds_tool_language(text):
    assert wording_errors(text), text


@pytest.mark.parametrize("text", [
    "Opracowanie dokumentu: Powiatowe Centrum Pomocy Rodzinie w Kaliszu.",
    "Przeciętne obciążenie asystenta rodziny (rodzin na asystenta)",
    "Liczba ludności (stan na 31 XII) (osoba)",
    "Liczba miejsc w schroniskach i noclegowniach dostępnych dla gminy Opatówek",
    "do uzupełnienia przez zespół",
    "Saldo migracji na 1000 mieszkańców",
])
def test_wording_check_accepts_document_language(text):
    assert not wording_errors(text), text


# ------------------------------------------------------------------ the demo documents
@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, list[str]]:
    store, problems, _ = load_inputs([ROOT / "data/raw/demo"], powiat="3007")
    assert not problems
    out = tmp_path_factory.mktemp("jezyk")
    strategy = load_plan(PLANS / "DANE_DEMONSTRACYJNE_3007_strategia.yaml")
    family = load_plan(PLANS / "DANE_DEMONSTRACYJNE_3007083_program_wspierania_rodziny.yaml")
    foster = load_plan(PLANS / "DANE_DEMONSTRACYJNE_3007_program_pieczy.yaml")
    strategy_inputs = load_strategy(store, strategy)
    paths = {
        "strategia": build_strategia(strategy_inputs, out / "strategia.docx"),
        "piecza": build_program_pieczy_zastepczej(load_foster(store, foster), out / "piecza.docx"),
        "sprawozdanie 3007083": build_sprawozdanie(load_report(store, family),
                                                   out / "sprawozdanie.docx"),
        "kontrola spójności": build_kontrola(load_control(store, strategy),
                                             out / "kontrola_spojnosci.docx"),
    }
    for teryt in ("3007083", "3007012"):          # urban-rural with its own plan, rural without
        paths[f"diagnoza {teryt}"] = build_diagnoza(load_diagnosis(store, teryt),
                                                    out / f"diagnoza_{teryt}.docx")
        paths[f"rodzina {teryt}"] = build_program_wspierania_rodziny(
            load_family(store, family, teryt), out / f"rodzina_{teryt}.docx")
    make_drafts(store, PLANS / "DANE_DEMONSTRACYJNE_3007_strategia.yaml", "3007", "1.0",
                "2026-12-15", "2026-11-22", out / "konsultacje", gminas=["3007053"],
                inputs=strategy_inputs)
    paths["projekt do konsultacji 3007053"], = (out / "konsultacje").rglob("3007053_*.docx")
    return {name: document_texts(p) for name, p in paths.items()}


def test_documents_speak_the_language_of_a_document(documents):
    found = {name: [e for t in texts for e in wording_errors(t)]
             for name, texts in documents.items()}
    assert not any(found.values()), {k: v for k, v in found.items() if v}


def test_numbers_agree_with_their_nouns_in_every_document(documents):
    found = {name: [e for t in texts for e in agreement_errors(t)]
             for name, texts in documents.items()}
    assert not any(found.values()), {k: v for k, v in found.items() if v}
    # the check saw the numbers it is about: fractions with a noun and counts of each category
    pairs = [m.group(1) for texts in documents.values() for t in texts
             for m in _PAIR.finditer(t)]
    cats = {category(p) for p in pairs}
    assert {"fraction", "many"} <= cats and len(pairs) > 100


def test_organ_follows_the_gmina_type(documents):
    rural = " ".join(documents["rodzina 3007012"])        # Blizanów, gmina wiejska
    urban_rural = " ".join(documents["rodzina 3007083"])  # Opatówek, gmina miejsko-wiejska
    assert "Wójt składa radzie gminy" in rural and "Burmistrz" not in rural
    assert "Burmistrz składa radzie gminy" in urban_rural and "Wójt" not in urban_rural
    report = " ".join(documents["sprawozdanie 3007083"])
    assert "Burmistrz przedkłada je radzie gminy" in report
    assert "Opracowanie: Gminny Ośrodek Pomocy Społecznej w Opatówku." in report


def test_gmina_named_once_in_indicator_sentences(documents):
    text = " ".join(documents["diagnoza 3007012"])
    assert "Liczba dzieci z gminy Blizanów umieszczonych w pieczy zastępczej wyniosła" in text
    assert "dostępnych dla gminy Blizanów wyniosła" in text
    assert "Liczba dzieci z gminy umieszczonych w pieczy zastępczej w gminie" not in text


def test_foster_family_counts_agree(documents):
    text = " ".join(documents["piecza"])
    per = re.search(r"przypadało średnio (\d+,\d)" + NUM_SPACE + r"(\S+ \S+) lub (\S+ \S+ \S+)",
                    text)
    assert per and per.group(2) == "rodziny zastępczej"               # 9,6 rodziny zastępczej
    assert per.group(3) == "rodzinnego domu dziecka"
    now = re.search(r"w powiecie (działał\w) (\d+)" + NUM_SPACE + r"(\w+ \w+)\.", text)
    expected = {"one": ("działała", "taka rodzina"), "few": ("działały", "takie rodziny"),
                "many": ("działało", "takich rodzin")}[category(now.group(2))]
    assert (now.group(1), now.group(3)) == expected


@pytest.mark.parametrize("name,unit,expected", [
    ("Liczba miejsc w schroniskach i noclegowniach dostępnych dla gminy", "gmina Opatówek",
     "Liczba miejsc w schroniskach i noclegowniach dostępnych dla gminy Opatówek"),
    ("Liczba dzieci z gminy umieszczonych w pieczy zastępczej", "gmina wiejska Kraśnik",
     "Liczba dzieci z gminy wiejskiej Kraśnik umieszczonych w pieczy zastępczej"),
    ("Kwota współfinansowania pieczy zastępczej przez gminę", "gmina miejska Kraśnik",
     "Kwota współfinansowania pieczy zastępczej przez gminę miejską Kraśnik"),
    ("Liczba mieszkańców gminy w domach pomocy społecznej", "Blizanów",
     "Liczba mieszkańców gminy Blizanów w domach pomocy społecznej"),
    ("Kwota odpłatności gminy za pobyt mieszkańców w DPS", "powiat kaliski",
     "Kwota odpłatności gmin za pobyt mieszkańców w DPS w powiecie kaliskim"),
    ("Kwota współfinansowania pieczy zastępczej przez gminę", "powiat kaliski",
     "Kwota współfinansowania pieczy zastępczej przez gminy w powiecie kaliskim"),
    ("Liczba osób bezdomnych", "gmina Opatówek", "Liczba osób bezdomnych w gminie Opatówek"),
    ("Liczba osób bezdomnych", "powiat kaliski", "Liczba osób bezdomnych w powiecie kaliskim"),
])
def test_indicator_name_names_its_gmina_once(name, unit, expected):
    assert name_in_unit(name, unit) == expected


def test_report_counts_reached_targets_with_an_agreed_verb(documents):
    text = " ".join(documents["sprawozdanie 3007083"])
    m = re.search(r"znamy dla (\d+) z (\d+) (\w+); (?:cel (\w+) lub \w+ (\d+) z nich|żaden)", text)
    assert m, text
    assert m.group(3) == ("wskaźnika" if m.group(2) == "1" else "wskaźników")
    if m.group(4):       # 1 osiągnął (one indicator), 2-4 osiągnęły, 5+ osiągnęło
        expected = {"one": "osiągnął", "few": "osiągnęły", "many": "osiągnęło"}
        assert m.group(4) == expected[category(m.group(5))]


@pytest.mark.parametrize("name,unit,expected", [
    ("Saldo migracji na 1000 mieszkańców", "na 1000 mieszkańców",
     "Saldo migracji na 1000 mieszkańców"),
    ("Liczba dzieci z zasiłkiem rodzinnym na 100 dzieci w wieku 0-17 lat", "na 100 dzieci",
     "Liczba dzieci z zasiłkiem rodzinnym na 100 dzieci w wieku 0-17 lat"),
    ("Udział osób w wieku 65 lat i więcej w ludności", "%",
     "Udział osób w wieku 65 lat i więcej w ludności (%)"),
    ("Liczba rodzin objętych pomocą", "rodziny", "Liczba rodzin objętych pomocą (rodziny)"),
])
def test_table_name_gives_a_unit_only_when_the_name_does_not(name, unit, expected):
    from strategy.documents.builders.common import name_with_unit
    assert name_with_unit(name, unit) == expected


#: What the tool, not a document, would say: the plan file behind the text, codes in brackets,
#: counts of indicators with data, what "we" do not compute, the team's working label.
TOOL_PHRASES = [r"określa plan\b", r"wpisane w planach", r"\bobliczamy\b", r"\bnie liczymy\b",
                r"wskaźnik\w* z danymi\)", r"do weryfikacji przez zespół",
                r"(gminy|programu|gmina) [A-ZŁŚŻŹĆ][\w-]+ \(30\d{2,5}\)"]


#: The title page of a gmina's consultation draft names the gmina with its code (the form it
#: returns is matched to the gmina by it); that line is the one place a code stands in brackets.
DRAFT_TITLE = re.compile(r"^Projekt przekazany do konsultacji: gmina [\w -]+ \(30\d{5}\)$")


def test_no_document_speaks_of_plans_codes_or_counts_of_indicators(documents):
    found = {name: [t for t in texts for p in TOOL_PHRASES
                    if re.search(p, t) and not DRAFT_TITLE.match(t)]
             for name, texts in documents.items()}
    assert not any(found.values()), {k: v for k, v in found.items() if v}


def test_the_data_swot_is_working_material_after_the_strategy(documents):
    texts = documents["strategia"]
    work = max(i for i, t in enumerate(texts)
               if t.startswith("Materiał roboczy zespołu – nie jest częścią dokumentu do "
                               "przyjęcia"))
    last_annex = max(i for i, t in enumerate(texts) if t.startswith("Załącznik "))
    suggestions = [i for i, t in enumerate(texts) if "Propozycje do analizy SWOT" in t]
    # one caption in the body, after the last annex and the working material's heading; the
    # list of tables at the front names it once more
    assert len(suggestions) == 2 and max(suggestions) > work > last_annex
