"""The draft resolutions adopting the documents, each a document of its own, and the covers of
the adopted documents: the resolution line at the top, the period printed once, no running
header on the cover, room for the coat of arms.

The first tests need no demo build (the sentences, the organs by the gmina's type, a cover made
by the Word engine); the last ones read the demo powiat's documents built by ``strategy build``
as a user builds them (the strategy, the programmes and the resolutions only)."""
from __future__ import annotations

import io
import os
import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from strategy import notebook_helpers as nh
from strategy import store as S
from strategy.batch.build import BuildOptions, run_build
from strategy.batch.jobs import DEFAULT_TABLE, load_table
from strategy.documents.builders import common
from strategy.documents.builders.uchwaly import build_uchwala
from strategy.documents.builders.uchwaly_organy import organs_of
from strategy.documents.report import ARMS_HEIGHT_CM
from strategy.errors import PlanError
from strategy.ingest.loading import load_inputs
from strategy.inputs.load import ResolutionInputs
from strategy.plan import load_plan
from strategy.text import uchwaly
from strategy.units import default_registry

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "data/raw/plany"
STRATEGY = PLANS / "DANE_DEMONSTRACYJNE_3007_strategia.yaml"
FOSTER = PLANS / "DANE_DEMONSTRACYJNE_3007_program_pieczy.yaml"
FAMILY = PLANS / "DANE_DEMONSTRACYJNE_3007083_program_wspierania_rodziny.yaml"
#: The demo powiat's gminas and their types (the TERC register: 2 rural, 3 urban-rural).
GMINAS = {"3007012": "2", "3007022": "2", "3007032": "2", "3007042": "2", "3007053": "3",
          "3007062": "2", "3007072": "2", "3007083": "3", "3007093": "3", "3007102": "2",
          "3007112": "2"}


def plain(text: str) -> str:
    return text.replace("\u00a0", " ")


def paragraphs(path) -> list[str]:
    return [plain(p.text) for p in docx.Document(str(path)).paragraphs]


# -- the sentences -----------------------------------------------------------------------------
def test_the_legal_bases_of_the_three_resolutions():
    s = plain(uchwaly.legal_basis("strategia", "Rada Powiatu Kaliskiego"))
    assert s == ("Na podstawie art. 12 pkt 11 ustawy z dnia 5 czerwca 1998 r. o samorządzie "
                 "powiatowym (Dz. U. z … r. poz. …) w związku z art. 19 pkt 1 i art. 16b ustawy "
                 "z dnia 12 marca 2004 r. o pomocy społecznej (Dz. U. z … r. poz. …) Rada "
                 "Powiatu Kaliskiego uchwala, co następuje:")
    f = plain(uchwaly.legal_basis("program_pieczy_zastepczej", "Rada Powiatu Kaliskiego",
                                  {"usp": "Dz. U. z 2024 r. poz. 107"}))
    assert f == ("Na podstawie art. 12 pkt 11 ustawy z dnia 5 czerwca 1998 r. o samorządzie "
                 "powiatowym (Dz. U. z 2024 r. poz. 107) w związku z art. 180 pkt 1 ustawy z "
                 "dnia 9 czerwca 2011 r. o wspieraniu rodziny i systemie pieczy zastępczej "
                 "(Dz. U. z … r. poz. …) Rada Powiatu Kaliskiego uchwala, co następuje:")
    g = plain(uchwaly.legal_basis("program_wspierania_rodziny", "Rada Gminy Lisków"))
    assert g.startswith("Na podstawie art. 18 ust. 2 pkt 15 ustawy z dnia 8 marca 1990 r. o "
                        "samorządzie gminnym (Dz. U. z … r. poz. …) w związku z art. 176 pkt 1 "
                        "ustawy z dnia 9 czerwca 2011 r. o wspieraniu rodziny")
    # no line break inside "1998 r.", "§ 1", "art. 12", "pkt 11"
    raw = uchwaly.legal_basis("strategia", "Rada Powiatu Kaliskiego")
    assert "1998\u00a0r." in raw and "art.\u00a012 pkt\u00a011" in raw
    assert uchwaly.paragraphs("strategia", "Strategię X", "Zarządowi Powiatu Kaliskiego")[0] \
        == "§\u00a01. Przyjmuje się Strategię X, stanowiącą załącznik do niniejszej uchwały."


def test_titles_are_declined_for_the_head_and_for_paragraph_1():
    t = "Gminny program wspierania rodziny w gminie Lisków na lata 2026–2028"
    assert uchwaly.title_in_case("program_wspierania_rodziny", t, "gen") == (
        "Gminnego programu wspierania rodziny w gminie Lisków na lata 2026–2028")
    assert uchwaly.title_in_case("program_wspierania_rodziny", t, "acc") == t
    assert uchwaly.title_in_case("strategia", "Strategia X na lata 2026–2035", "acc") == (
        "Strategię X na lata 2026–2035")
    # a title of another shape is quoted after the noun
    assert uchwaly.title_in_case("program_pieczy_zastepczej", "Rodzina przede wszystkim",
                                 "gen") == "programu „Rodzina przede wszystkim”"
    assert uchwaly.with_period("Program X na lata 2026-2028", (2026, 2028)) == (
        "Program X na lata 2026–2028")
    assert uchwaly.with_period("Program X", (2026, 2028)) == "Program X na lata 2026–2028"


def test_a_gminas_council_and_executive_follow_its_type_in_the_register():
    reg = default_registry()
    plan = load_plan(FAMILY)             # Opatówek's own plan, with no 'uchwala' section
    rural = organs_of(plan, "3007012", reg)
    assert (rural.council, rural.council_gen, rural.executive_dative) == (
        "Rada Gminy Blizanów", "Rady Gminy Blizanów", "Wójtowi Gminy Blizanów")
    urban_rural = organs_of(plan, "3007093", reg)
    assert (urban_rural.council, urban_rural.council_gen, urban_rural.executive_dative) == (
        "Rada Miejska w Stawiszynie", "Rady Miejskiej w Stawiszynie",
        "Burmistrzowi Gminy Stawiszyn")
    assert organs_of(plan, "3007083", reg).council == "Rada Miejska w Opatówku"
    # an urban gmina without a derived locative; an urban-rural one
    assert uchwaly.gmina_council("Łódź", "1") == ("Rada Miasta Łódź", "Rady Miasta Łódź")
    assert uchwaly.gmina_council("Nowe Miasto", "3")[0] == "Rada Gminy i Miasta Nowe Miasto"
    assert uchwaly.gmina_executive_dative("burmistrz", "Kraśnik", "1") == (
        "Burmistrzowi Miasta Kraśnik")


def _plan(tmp_path, source: Path, extra: str = "", unit: tuple[str, str] | None = None):
    text = source.read_text(encoding="utf-8") + extra
    if unit:
        text = text.replace(*unit)
    p = tmp_path / source.name
    p.write_text(text, encoding="utf-8")
    return load_plan(p)


def test_the_organs_and_journals_named_in_the_plan_win(tmp_path):
    plan = _plan(tmp_path, FAMILY, "uchwala:\n  rada: Rada Gminy i Miasta Opatówek\n"
                 "  zarzad: Burmistrz Opatówka\n")
    o = organs_of(plan, "3007083", default_registry())
    assert (o.council_gen, o.executive_dative) == ("Rady Gminy i Miasta Opatówek",
                                                  "Burmistrzowi Opatówka")
    # another gmina drafting on Opatówek's plan does not take Opatówek's organs
    assert organs_of(plan, "3007012", default_registry()).council == "Rada Gminy Blizanów"
    strategy = _plan(tmp_path, STRATEGY, "uchwala:\n  rada: Rada Miasta Kalisza\n"
                     "  zarzad: Prezydent Miasta Kalisza\n"
                     "  dz_u_samorzad_powiatowy: Dz. U. z 2024 r. poz. 107\n")
    out = build_uchwala("strategia", ResolutionInputs(strategy, "3007", default_registry()),
                        tmp_path / "u.docx")
    body = paragraphs(out)
    assert "RADY MIASTA KALISZA" in body
    assert "§ 2. Wykonanie uchwały powierza się Prezydentowi Miasta Kalisza." in body
    assert any("(Dz. U. z 2024 r. poz. 107) w związku z art. 19 pkt 1" in t for t in body)


def test_a_city_powiat_must_name_its_organs(tmp_path):
    p = tmp_path / "kalisz.yaml"
    p.write_text('dokument: strategia_powiatu\njednostka: "3061"\ninstytucja: MOPR w Kaliszu\n'
                 "lata: [2026, 2035]\ncele_strategiczne:\n  - id: '1'\n    nazwa: Cel\n"
                 "    cele_operacyjne:\n      - id: '1.1'\n        nazwa: Cel operacyjny\n"
                 "        kierunki:\n          - id: '1.1.1'\n            nazwa: Kierunek\n"
                 "            realizatorzy: [zespół]\n            termin: 2026-2035\n",
                 encoding="utf-8")
    plan = load_plan(p)
    with pytest.raises(PlanError, match="miasto na prawach powiatu.*'rada'"):
        organs_of(plan, "3061", default_registry())


# -- the cover (the Word engine) ---------------------------------------------------------------
def cover(doc) -> list[str]:
    """The texts of the cover: the body's paragraphs before the first that starts a new page."""
    out = []
    for p in doc.element.body.iter(qn("w:p")):
        if p.xpath("./w:pPr/w:pageBreakBefore") or p.xpath(".//w:br[@w:type='page']"):
            break
        out.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return out


def _cover_report(tmp_path, template=None, name="c.docx"):
    rep = common.new_report("Strategia X powiatu kaliskiego na lata 2026-2035", subject="S",
                            author="PCPR", demo=True, template=template)
    common.front_matter(rep, subtitle="na lata 2026–2035", lines=["PCPR w Kaliszu"],
                        adopted_by="Rady Powiatu Kaliskiego")
    rep.paragraph("Treść.")
    return docx.Document(str(rep.save(tmp_path / name)))


def test_the_cover_names_the_resolution_and_the_period_once_without_the_running_header(tmp_path):
    doc = _cover_report(tmp_path)
    texts = [plain(t) for t in cover(doc)]
    assert texts[0] == "Załącznik do uchwały nr …/…/… Rady Powiatu Kaliskiego z dnia … r."
    assert texts[1] == ""                              # the room for the coat of arms
    p = doc.paragraphs[1]
    assert round(p.paragraph_format.line_spacing.cm, 1) == ARMS_HEIGHT_CM
    joined = " ".join(texts)
    assert len(re.findall(r"2026\s*[-–]\s*2035", joined)) == 1
    assert "DANE DEMONSTRACYJNE" in joined             # the demo mark stays on the cover body
    s = doc.sections[0]
    assert s.different_first_page_header_footer
    assert all(not x.text.strip() for x in s.first_page_header.paragraphs)
    assert all(not x.text.strip() for x in s.first_page_footer.paragraphs)
    # the other pages keep the running header with the title and the demo mark
    header = " ".join(x.text for x in s.header.paragraphs)
    assert "Strategia X" in header and "DANE DEMONSTRACYJNE" in header


def _png() -> bytes:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig = plt.figure(figsize=(1, 1))
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def test_a_coat_of_arms_in_the_templates_first_page_header_stays_on_the_cover(tmp_path):
    user = docx.Document()
    sec = user.sections[0]
    sec.different_first_page_header_footer = True
    sec.first_page_header.is_linked_to_previous = False
    sec.first_page_header.paragraphs[0].add_run().add_picture(io.BytesIO(_png()), width=Cm(2))
    tpl = tmp_path / "herb.docx"
    user.save(str(tpl))
    doc = _cover_report(tmp_path, template=tpl)
    first = doc.sections[0].first_page_header
    assert first.paragraphs[0]._p.xpath(".//w:drawing")         # the coat of arms is kept
    assert all(not x.text.strip() for x in first.paragraphs)     # without the running title
    texts = cover(doc)
    # no empty room for the arms on the page: the header holds them
    assert plain(texts[0]).startswith("Załącznik do uchwały nr") and texts[1].startswith("Strategia X")


# -- the demo build ------------------------------------------------------------------------------
RESOLUTIONS = ["uchwala_strategia", "uchwala_program_pieczy_zastepczej",
               "uchwala_program_wspierania_rodziny"]


def test_the_job_table_and_the_notebook_helpers_know_the_resolutions():
    names = {s.name: s for s in load_table(DEFAULT_TABLE).documents}
    for name in RESOLUTIONS:
        assert names[name].notebook == "notebooks/projekt_uchwaly.ipynb"
        assert names[name].parameters["rodzaj"] == name
        assert names[name].outputs == (nh.OUTPUT_NAMES[name],)
    assert names["uchwala_program_wspierania_rodziny"].unit == "gmina"
    # like the programme: every gmina gets one, on another gmina's model when it has no plan
    assert not names["uchwala_program_wspierania_rodziny"].plan_own


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    store, problems, _ = load_inputs([ROOT / "data/raw/demo"], powiat="3007")
    assert not problems
    work = tmp_path_factory.mktemp("uchwaly")
    S.write(store, work / "indicators.parquet")
    cwd = os.getcwd()
    os.chdir(ROOT)  # the job table's notebook and plan paths are relative to the project root
    try:
        report = run_build(BuildOptions(
            powiat=["3007"], store=work / "indicators.parquet", reports=work / "reports",
            jobs=1, html=False, quiet=True,
            only=["strategia", "program_pieczy_zastepczej", "program_wspierania_rodziny",
                  *RESOLUTIONS]))
    finally:
        os.chdir(cwd)
    assert report.exit_status == 0, report.failed
    return work / "reports" / "3007" / "2024"


def found(root: Path, unit: str, kind: str) -> Path:
    # a programme's file name is the end of its resolution's
    hits = [p for p in root.glob(f"{unit}_*/{unit}_*_{kind}.docx")
            if "projekt_uchwaly" not in p.name or "projekt_uchwaly" in kind]
    assert len(hits) == 1, hits
    return hits[0]


def test_the_powiats_resolutions_are_documents_of_their_own(built):
    s = paragraphs(found(built, "3007", "projekt_uchwaly_strategia"))
    assert s[:5] == ["Projekt", "UCHWAŁA NR …/…/…", "RADY POWIATU KALISKIEGO", "z dnia … r.",
                     ("w sprawie przyjęcia Strategii rozwiązywania problemów społecznych "
                      "powiatu kaliskiego na lata 2026–2035")]
    assert any(t.startswith("Na podstawie art. 12 pkt 11 ustawy z dnia 5 czerwca 1998 r. o "
                            "samorządzie powiatowym") and "art. 19 pkt 1 i art. 16b" in t
               and t.endswith("Rada Powiatu Kaliskiego uchwala, co następuje:") for t in s)
    assert "§ 2. Wykonanie uchwały powierza się Zarządowi Powiatu Kaliskiego." in s
    assert "Uzasadnienie" in s
    f = paragraphs(found(built, "3007", "projekt_uchwaly_program_pieczy_zastepczej"))
    assert "w sprawie przyjęcia Powiatowego programu rozwoju pieczy zastępczej w powiecie " \
           "kaliskim na lata 2026–2028" in f
    assert any("w związku z art. 180 pkt 1 ustawy z dnia 9 czerwca 2011 r. o wspieraniu rodziny "
               "i systemie pieczy zastępczej" in t for t in f)
    assert "§ 1. Przyjmuje się Powiatowy program rozwoju pieczy zastępczej w powiecie kaliskim " \
           "na lata 2026–2028, stanowiący załącznik do niniejszej uchwały." in f


def test_every_gmina_with_a_programme_gets_its_councils_resolution(built):
    for teryt, kind in GMINAS.items():
        found(built, teryt, "program_wspierania_rodziny")
        body = paragraphs(found(built, teryt, "projekt_uchwaly_program_wspierania_rodziny"))
        assert any("art. 18 ust. 2 pkt 15 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym "
                   "(Dz. U. z … r. poz. …) w związku z art. 176 pkt 1" in t for t in body)
        executive = next(t for t in body if t.startswith("§ 2."))
        assert executive.startswith("§ 2. Wykonanie uchwały powierza się "
                                    + ("Wójtowi Gminy " if kind == "2" else "Burmistrzowi "))
    blizanow = paragraphs(found(built, "3007012", "projekt_uchwaly_program_wspierania_rodziny"))
    assert "RADY GMINY BLIZANÓW" in blizanow
    assert any(t.endswith("Rada Gminy Blizanów uchwala, co następuje:") for t in blizanow)
    # drafted on Opatówek's plan: Blizanów's programme, by the centre the programme names
    assert "w sprawie przyjęcia Gminnego programu wspierania rodziny w gminie Blizanów na " \
           "lata 2026–2028" in blizanow
    assert not any("Opatów" in t for t in blizanow)
    stawiszyn = paragraphs(found(built, "3007093", "projekt_uchwaly_program_wspierania_rodziny"))
    assert "RADY MIEJSKIEJ W STAWISZYNIE" in stawiszyn


def test_the_strategy_no_longer_holds_the_draft_resolution(built):
    body = paragraphs(found(built, "3007", "strategia"))
    assert not any(t.startswith(("UCHWAŁA NR", "Projekt uchwały")) for t in body)
    assert not any("uchwala, co następuje" in t for t in body)


@pytest.mark.parametrize("unit,kind,council,period", [
    ("3007", "strategia", "Rady Powiatu Kaliskiego", "2026–2035"),
    ("3007", "program_pieczy_zastepczej", "Rady Powiatu Kaliskiego", "2026–2028"),
    ("3007083", "program_wspierania_rodziny", "Rady Miejskiej w Opatówku", "2026–2028"),
    ("3007012", "program_wspierania_rodziny", "Rady Gminy Blizanów", "2026–2028")])
def test_covers_of_the_adopted_documents(built, unit, kind, council, period):
    doc = docx.Document(str(found(built, unit, kind)))
    texts = [plain(t) for t in cover(doc)]
    assert texts[0] == f"Załącznik do uchwały nr …/…/… {council} z dnia … r."
    first = doc.sections[0].first_page_header
    words = " ".join(texts + [x.text for x in first.paragraphs])
    y0, y1 = period.split("–")
    assert len(re.findall(rf"{y0}\s*[-–]\s*{y1}", words)) == 1, texts
    assert doc.sections[0].different_first_page_header_footer
    assert all(not x.text.strip() for x in first.paragraphs)
