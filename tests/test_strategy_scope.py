"""The whole scope of a powiat's tasks: the plan's institutions, consultation and resolution,
the output indicators of every direction, and the chapters that write them (resources,
consultation and adoption, abbreviations), read back with python-docx."""
from pathlib import Path

import docx
import pandas as pd
import pytest
from openpyxl import load_workbook

from strategy import notebook_helpers as nh
from strategy.catalog import default_catalog
from strategy.consultation import Remark, update_register
from strategy.documents.blocks import Recorder
from strategy.documents.builders import common
from strategy.documents.builders import strategia_scope as scope
from strategy.documents.builders.strategia_chapters import StrategyContext
from strategy.documents.render_word import render
from strategy.errors import DocumentError, PlanError
from strategy.ingest.loading import load_inputs
from strategy.plan import load_plan
from strategy.units import default_registry

ROOT = Path(__file__).resolve().parents[1]
DEMO_PLAN = ROOT / "data/raw/plany/DANE_DEMONSTRACYJNE_3007_strategia.yaml"

BASE = """\
dokument: strategia_powiatu
jednostka: "3007"
instytucja: Powiatowe Centrum Pomocy Rodzinie w Kaliszu
tytul: Strategia rozwiązywania problemów społecznych powiatu kaliskiego na lata 2026-2035
lata: [2026, 2035]
cele_strategiczne:
  - id: "1"
    nazwa: Cel
    cele_operacyjne:
      - id: "1.1"
        nazwa: Cel operacyjny
        kierunki:
          - id: "1.1.1"
            nazwa: Kierunek
            wskazniki_produktu:
              - nazwa: Liczba szkoleń
                jednostka: szkolenie
                bazowa: 1
                cel: 3
                rok_docelowy: 2030
            realizatorzy: [zespół]
            termin: 2026-2035
        wskazniki:
          - wskaznik: rodziny_na_asystenta
            cel: 12
            rok_docelowy: 2030
"""
INSTITUTIONS = """\
instytucje_stan_na: 2024-12-31
instytucje:
  - rodzaj: dps
    nazwa: Dom Pomocy Społecznej w A
    miejsca: 10
    zajete: 9
    oczekujacy: 3
  - rodzaj: wtz
    nazwa: Warsztat Terapii Zajęciowej w C
    miejsca: 25
  - rodzaj: dps
    nazwa: Dom Pomocy Społecznej w B
    profil: dla osób starszych
    prowadzacy: Powiat
    miejsca: 20
    zajete: 20
"""
CONSULTATION = """\
konsultacje:
  zespol:
    powolanie: zarządzeniem Dyrektora PCPR
    sklad:
      - Dyrektor PCPR – przewodniczący
      - kierownicy OPS
  termin: [2025-09-15, 2025-10-15]
  formy: [przesłanie projektu gminom, spotkanie konsultacyjne]
  gminy:
    zgloszone_uwagi: 3
    uwagi: {zgloszone: 12, uwzglednione: 6, czesciowo: 2, nieuwzglednione: 1}
  organizacje:
    zaproszone: 10
    zgloszone_uwagi: 1
    uwagi: {zgloszone: 2, uwzglednione: 2}
  rozpatrzenie: Każdą uwagę rozpatrzył zespół.
"""


def plan_file(tmp_path, *parts, name="plan.yaml"):
    p = tmp_path / name
    p.write_text(BASE + "".join(parts), encoding="utf-8")
    return p


def context(plan, demo=False):
    return StrategyContext(plan, None, pd.DataFrame(), default_catalog(), default_registry(),
                           demo=demo)


def write_chapter(tmp_path, plan, fn, title="Rozdział"):
    ctx = context(plan)
    ctx.remarks = nh.remark_counts(plan)   # what the strategy's notebook passes in
    rep = common.new_report("Test", subject="Test", author="PCPR", demo=False)
    rec = Recorder()
    ctx.heading(rec, title, 1)
    fn(rec, ctx)
    render(rec.blocks, rep)
    return docx.Document(rep.save(tmp_path / "out.docx"))


def texts(doc):
    return [p.text for p in doc.paragraphs]


def rows(table):
    return [[c.text for c in r.cells] for r in table.rows]


# -- the plan ----------------------------------------------------------------------------------
def test_plan_reads_outputs_institutions_consultation(tmp_path):
    plan = load_plan(plan_file(tmp_path, INSTITUTIONS, CONSULTATION))
    (_, _, d), = plan.directions()
    (out,) = d.outputs
    assert (out.name, out.unit, out.baseline, out.target, out.target_year) == (
        "Liczba szkoleń", "szkolenie", 1.0, 3.0, 2030)
    assert [(i.kind, i.places, i.occupied, i.waiting) for i in plan.institutions] == [
        ("dps", 10, 9, 3), ("wtz", 25, None, None), ("dps", 20, 20, None)]
    assert str(plan.institutions_as_of) == "2024-12-31"
    c = plan.consultation
    assert (c.gminas_with_remarks, c.gmina_remarks.submitted, c.gmina_remarks.unanswered) == (3, 12, 3)
    assert (c.ngos_invited, c.ngo_remarks.accepted, c.ngo_remarks.unanswered) == (10, 2, 0)
    assert c.team == ["Dyrektor PCPR – przewodniczący", "kierownicy OPS"]
    assert "instytucje" not in plan.extra and "konsultacje" not in plan.extra


@pytest.mark.parametrize("old,new,message", [
    ("rodzaj: wtz", "rodzaj: warsztat", "nieznany rodzaj 'warsztat'"),
    ("    zajete: 20\n", "    zajete: 21\n", "zajętych miejsc (21) więcej niż miejsc (20)"),
    ("    miejsca: 25\n", "    miejsca: -2\n", "'-2' nie jest liczbą całkowitą nieujemną"),
    ("    oczekujacy: 3\n", "    oczekujacy: 2.5\n", "'2.5' nie jest liczbą całkowitą"),
    ("uwzglednione: 6, czesciowo: 2", "uwzglednione: 10, czesciowo: 2",
     "rozpatrzonych uwag (13) więcej niż zgłoszonych (12)"),
    ("termin: [2025-09-15, 2025-10-15]", "termin: [2025-10-15, 2025-09-15]",
     "koniec 2025-09-15 przed początkiem 2025-10-15"),
    ("    zgloszone_uwagi: 3\n", "    zgloszone_uwagi: 12\n",
     "uwagi zgłosiło 12 gmin, a powiat ma ich 11"),
    ("    zgloszone_uwagi: 1\n", "    zgloszone_uwagi: 11\n",
     "uwagi zgłosiło 11 organizacji, a zaproszono 10"),
    ("  rozpatrzenie:", "  rejestr: brak/rejestr_uwag.xlsx\n  rozpatrzenie:",
     "nie ma pliku rejestru uwag"),
])
def test_plan_scope_errors_name_file_and_line(tmp_path, old, new, message):
    """The problem is reported on the line of the changed field."""
    text = INSTITUTIONS + CONSULTATION
    assert old in text
    p = plan_file(tmp_path, text.replace(old, new, 1))
    lines = p.read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(lines, 1) if new.splitlines()[0].strip() in t)
    with pytest.raises(PlanError) as exc:
        load_plan(p)
    assert message in str(exc.value)
    assert f"plik plan.yaml, wiersz {line}:" in str(exc.value)


def test_demo_plan_covers_the_powiat_tasks():
    plan = load_plan(DEMO_PLAN)
    names = " ".join(f"{g.name} {og.name} {d.name}" for g, og, d in plan.directions()).lower()
    for task in ["domów pomocy społecznej", "dps", "środowiskowych domach samopomocy",
                 "warsztatów terapii zajęciowej", "interwencji kryzysowej", "mieszkania chronione",
                 "mieszkania treningowe", "usamodzielnien", "pieczy zastępczej", "przemoc",
                 "bezdomności", "uzależn", "zdrowia psychicznego", "pfron", "usług opiekuńczych",
                 "kadr", "szkolenia", "z gminami", "organizacjom pozarządowym"]:
        assert task in names, task
    assert len(plan.goals) >= 4 and len(plan.directions()) >= 25
    assert all(d.outputs for _, _, d in plan.directions())
    assert "(przykład)" not in DEMO_PLAN.read_text(encoding="utf-8")
    assert all(t.unit or t.indicator for _, _, d in plan.directions() for t in d.outputs)


@pytest.fixture(scope="module")
def demo_values():
    from strategy.diagnosis import powiat_values
    store, problems, _ = load_inputs([ROOT / "data/raw/demo"], powiat="3007")
    assert not problems
    values, _ = powiat_values(store, "3007", default_catalog(), default_registry())
    return values


def test_demo_institutions_agree_with_the_data(demo_values):
    """The places of the named institutions add up to the powiat's figures in the data."""
    plan = load_plan(DEMO_PLAN)
    v = demo_values[(demo_values.teryt == "3007") & (demo_values.year == 2024)]
    data = dict(zip(v.indicator, v.value))

    def total(kind, attr):
        return sum(getattr(i, attr) or 0 for i in plan.institutions if i.kind == kind)

    assert total("dps", "places") == data["dps_miejsca"]
    assert total("dps", "waiting") == data["dps_oczekujacy"]
    assert total("sds", "places") == data["sds_miejsca"]
    assert total("wtz", "occupied") == data["wtz_uczestnicy"]
    assert total("placowka", "occupied") == data["dzieci_placowki"]
    assert total("schronisko", "places") == data["miejsca_schronienia"]


def test_demo_catalogue_targets_point_the_favourable_way(demo_values):
    plan = load_plan(DEMO_PLAN)
    cat = default_catalog()
    v = demo_values[(demo_values.teryt == "3007") & (demo_values.year == 2024)]
    data = dict(zip(v.indicator, v.value))
    targets = [t for _, t in plan.targets()] + [t for _, _, d in plan.directions() for t in d.outputs]
    checked = 0
    for t in targets:
        if not t.indicator or cat.get(t.indicator).direction not in ("better", "worse"):
            continue
        better = cat.get(t.indicator).direction == "better"
        base = data[t.indicator]
        assert (t.target >= base) if better else (t.target <= base), (t.indicator, base, t.target)
        checked += 1
    assert checked >= 10
    for t in targets:  # typed indicators: the target is not below the baseline (more services)
        if not t.indicator:
            assert t.target >= t.baseline, t.name


# -- resources ---------------------------------------------------------------------------------
def test_resources_chapter_sums_places_by_kind(tmp_path):
    plan = load_plan(plan_file(tmp_path, INSTITUTIONS))
    doc = write_chapter(tmp_path, plan, scope.resources)
    summary, detail = doc.tables
    # by hand: DPS 10 + 20 places, 9 + 20 occupied (29 / 30 = 96,7%), 3 waiting; WTZ 25 places
    assert rows(summary) == [
        ["Rodzaj", "Liczba jednostek", "Miejsca", "Zajęte", "Obłożenie (%)", "Oczekujący"],
        ["domy pomocy społecznej", "2", "30", "29", "96,7", "3"],
        ["warsztaty terapii zajęciowej", "1", "25", "b.d.", "b.d.", "b.d."]]
    assert [r[0] for r in rows(detail)[1:]] == ["Dom Pomocy Społecznej w A",
                                                "Dom Pomocy Społecznej w B",
                                                "Warsztat Terapii Zajęciowej w C"]
    assert rows(detail)[2] == ["Dom Pomocy Społecznej w B", "dla osób starszych", "Powiat",
                               "20", "20", "b.d."]
    assert rows(detail)[3][1:3] == ["–", "–"]  # no profile, no operator given
    body = texts(doc)
    assert ("domy pomocy społecznej – 2\u00a0jednostki, 30\u00a0miejsc (zajęte: 29, tj. 96,7%); "
            "osoby oczekujące na miejsce: 3;") in body
    assert "warsztaty terapii zajęciowej – 1\u00a0jednostka, 25\u00a0miejsc." in body  # the last
    assert any(t.endswith("(stan na 31\u00a0grudnia\u00a02024\u00a0r.)") for t in body)


def test_resources_without_institutions_says_what_is_missing(tmp_path):
    plan = load_plan(plan_file(tmp_path))
    doc = write_chapter(tmp_path, plan, scope.resources)
    assert not doc.tables
    assert "Wykaz instytucji powiatu z liczbą miejsc – do uzupełnienia." in texts(doc)


# -- consultation ------------------------------------------------------------------------------
def test_consultation_chapter_from_the_plan(tmp_path):
    plan = load_plan(plan_file(tmp_path, CONSULTATION))
    doc = write_chapter(tmp_path, plan, scope.consultation)
    body = texts(doc)
    assert ("Strategię opracował zespół, powołany zarządzeniem Dyrektora PCPR, w składzie:"
            in body)
    assert "Dyrektor PCPR – przewodniczący;" in body and "kierownicy OPS." in body
    assert ("Konsultacje trwały od 15\u00a0września\u00a02025\u00a0r. do "
            "15\u00a0października\u00a02025\u00a0r. i prowadzono je w następujących formach:"
            in body)
    assert ("Uwagi do projektu zgłosiły 3 spośród 11 gmin powiatu – łącznie 12\u00a0uwag. "
            "Uwagi zgłosiła 1\u00a0organizacja pozarządowa spośród 10 zaproszonych – łącznie "
            "2\u00a0uwagi.") in body
    (table,) = doc.tables
    # gminas: 12 remarks, 6 + 2 + 1 answered, 3 without an answer; NGOs: 2, both accepted
    assert rows(table) == [
        ["Wyszczególnienie", "Gminy powiatu", "Organizacje pozarządowe", "Razem"],
        ["Podmioty, które zgłosiły uwagi", "3", "1", "4"],
        ["Zgłoszone uwagi", "12", "2", "14"],
        ["w tym: uwzględnione", "6", "2", "8"],
        ["uwzględnione częściowo", "2", "0", "2"],
        ["nieuwzględnione", "1", "0", "1"],
        ["bez zajętego stanowiska", "3", "0", "3"]]
    assert any(t.startswith("Do rozpatrzenia pozostaje 3\u00a0uwagi bez zajętego stanowiska")
               for t in body)
    assert ("Strategię przyjmuje Rada Powiatu Kaliskiego w drodze uchwały (art. 12 pkt 11 "
            "ustawy o samorządzie powiatowym w związku z art. 19 pkt 1 ustawy o pomocy "
            "społecznej), której wykonanie powierza się Zarządowi Powiatu Kaliskiego. Projekt "
            "uchwały jest odrębnym dokumentem; strategia stanowi załącznik do uchwały.") in [t.replace("\u00a0", " ")
                                                                  for t in body]
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading 2")]
    assert headings == ["Zespół opracowujący strategię",
                        "Konsultacje z gminami i organizacjami pozarządowymi",
                        "Sposób rozpatrzenia uwag", "Przyjęcie strategii"]


def test_consultation_in_a_draft_for_consultation_gives_no_results_yet(tmp_path):
    plan = load_plan(plan_file(tmp_path, CONSULTATION))
    ctx = context(plan)
    ctx.section_bookmarks = True
    rep = common.new_report("Test", subject="Test", author="PCPR", demo=False)
    rec = Recorder()
    ctx.heading(rec, "Opracowanie, konsultacje i przyjęcie strategii", 1)
    scope.consultation(rec, ctx)
    render(rec.blocks, rep)
    doc = docx.Document(rep.save(tmp_path / "out.docx"))
    assert not doc.tables
    body = texts(doc)
    assert any(t.startswith("Niniejszy projekt jest przedmiotem tych konsultacji.") for t in body)
    assert not any("zgłosiły" in t or "Każdą uwagę" in t or "załączniku" in t for t in body)
    # the same sections as in the strategy itself
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading 2")]
    assert headings == ["Zespół opracowujący strategię",
                        "Konsultacje z gminami i organizacjami pozarządowymi",
                        "Sposób rozpatrzenia uwag", "Przyjęcie strategii"]


def _register(tmp_path) -> Path:
    def remark(rid, teryt, gmina):
        return Remark(id=rid, teryt=teryt, gmina=gmina, version="1.0", kind="komentarz",
                      author="X", date="2025-09-20", section_id="3_1", section_title="Diagnoza",
                      fragment="tekst", text="uwaga")
    xlsx = tmp_path / "konsultacje" / "rejestr_uwag.xlsx"
    update_register([remark("a1", "3007083", "Opatówek"), remark("a2", "3007083", "Opatówek"),
                     remark("a3", "3007083", "Opatówek"), remark("b1", "3007012", "Blizanów"),
                     remark("c1", "3007062", "Lisków")], xlsx)
    update_register([remark(r, t, g) for r, t, g in [
        ("a1", "3007083", "Opatówek"), ("a2", "3007083", "Opatówek"),
        ("a3", "3007083", "Opatówek"), ("b1", "3007012", "Blizanów")]], xlsx)  # c1 withdrawn
    wb = load_workbook(xlsx)  # the authors type their answers
    ws = wb.active
    header = [c.value for c in ws[1]]
    col = header.index("Stanowisko") + 1
    for row, answer in zip(range(2, 6), ["uwzględniono", "nie uwzględniono", None,
                                         "częściowo uwzględniono"]):
        ws.cell(row, col, answer)
    wb.save(xlsx)
    return xlsx


def test_consultation_counts_come_from_the_register_when_the_plan_names_it(tmp_path):
    _register(tmp_path)
    text = CONSULTATION.replace("  rozpatrzenie:", "  rejestr: konsultacje/rejestr_uwag.xlsx\n"
                                "  rozpatrzenie:")
    plan = load_plan(plan_file(tmp_path, text))
    assert plan.consultation.register == tmp_path / "konsultacje" / "rejestr_uwag.xlsx"
    doc = write_chapter(tmp_path, plan, scope.consultation)
    (table,) = doc.tables
    # register: Opatówek 3 remarks, Blizanów 1, Lisków's remark no longer in the files (left
    # out); answers: 1 accepted, 1 rejected, 1 partly, 1 without an answer
    assert [r[1] for r in rows(table)] == ["Gminy powiatu", "2", "4", "1", "1", "1", "1"]
    body = texts(doc)
    assert any("Uwagi do projektu zgłosiły 2 spośród 11 gmin powiatu – łącznie 4\u00a0uwagi." in t
               for t in body)
    caption_source = [p.text for p in doc.paragraphs if p.text.startswith("Źródło:")]
    assert caption_source == ["Źródło: opracowanie własne na podstawie rejestru uwag"]
    # documents read no files: without the counts read from the register, a clear error
    with pytest.raises(DocumentError, match="rejestr uwag .*nie zostały przekazane"):
        scope.gmina_counts(plan)


def test_the_register_named_by_the_plan_is_an_input_of_its_documents(tmp_path):
    from strategy.plan.index import read_entry
    xlsx = _register(tmp_path)
    text = CONSULTATION.replace("  rozpatrzenie:", "  rejestr: konsultacje/rejestr_uwag.xlsx\n"
                                "  rozpatrzenie:")
    assert read_entry(plan_file(tmp_path, text)).inputs == (xlsx.resolve(),)
    assert read_entry(plan_file(tmp_path, CONSULTATION, name="bez.yaml")).inputs == ()


def test_remarks_table_leaves_out_the_unanswered_row_when_every_remark_has_an_answer(tmp_path):
    text = CONSULTATION.replace("uwzglednione: 6, czesciowo: 2, nieuwzglednione: 1",
                                "uwzglednione: 6, czesciowo: 2, nieuwzglednione: 4")
    plan = load_plan(plan_file(tmp_path, text))
    frame = scope.remarks_frame(plan, scope.gmina_counts(plan))
    assert list(frame["Wyszczególnienie"])[-1] == "nieuwzględnione"
    assert list(frame["Razem"]) == [4, 14, 8, 2, 4]


def test_consultation_without_the_section_says_what_is_missing(tmp_path):
    plan = load_plan(plan_file(tmp_path))
    doc = write_chapter(tmp_path, plan, scope.consultation)
    body = texts(doc)
    assert "Przebieg konsultacji i liczba zgłoszonych uwag – do uzupełnienia." in body
    assert "Sposób rozpatrzenia uwag – do uzupełnienia." in body
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading 2")]
    assert headings[-1] == "Przyjęcie strategii"
    assert any("Skład zespołu opracowującego strategię – do uzupełnienia." in t for t in body)


# -- abbreviations -----------------------------------------------------------------------------
def test_abbreviations_lists_what_the_text_uses_in_polish_order(tmp_path):
    plan = load_plan(plan_file(tmp_path))
    ctx = context(plan)
    rep = common.new_report("Test", subject="Test", author="X", demo=False)
    rec = Recorder()
    rec.paragraph("Zadania PCPR i GOPS-ów (art. 19 u.p.s.) oraz uczestnicy ŚDS; SWOTY nie.")
    ctx.heading(rec, "Wykaz skrótów", 1)
    scope.abbreviations(rec, ctx)
    render(rec.blocks, rep)
    doc = docx.Document(rep.save(tmp_path / "out.docx"))
    body = texts(doc)
    start = body.index("W dokumencie użyto następujących skrótów:") + 1
    found = [t.split(" – ")[0] for t in body[start:]]
    # GOPS (not OPS inside it), PCPR, ŚDS (Ś after S), u.p.s.; no SWOT inside "SWOTY"; no
    # "Dz. U." - the draft resolution that cites it is a document of its own
    assert found == ["GOPS", "PCPR", "ŚDS", "u.p.s."]
    assert body[start + 1] == "PCPR – powiatowe centrum pomocy rodzinie"
