"""Consultation drafts ('strategy consult'), the shipping register and the consultation report:
documents are read back with python-docx and checked against the contract of the collector."""
from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from openpyxl import load_workbook

from strategy.cli import main
from strategy.consultation import Remark, update_register
from strategy.consultation.collect import FORM_HEADER
from strategy.consultation.drafts import (FORM_ROWS, SHIPPING_COLUMNS, make_drafts,
                                          read_shipping_register, slug)
from strategy.consultation.report_docx import (TABLE_COLUMNS, build_consultation_report,
                                               intro_sentences, report_frame)
from strategy.consultation import register_frame
from strategy.documents import read_custom_properties
from strategy.errors import DocumentError, InputError, PlanError
from strategy.ingest.loading import load_inputs
from strategy.inputs.load import load_strategy
from strategy.plan import load_plan
from strategy.store import write

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "data/raw/plany"
PLAN = PLANS / "DANE_DEMONSTRACYJNE_3007_strategia.yaml"
NBSP = "\u00a0"
AREAS = ["Demografia", "Rynek pracy i bezrobocie", "Pomoc społeczna i ubóstwo",
         "Rodzina i wspieranie rodziny", "Świadczenia rodzinne", "Piecza zastępcza",
         "Przemoc domowa", "Niepełnosprawność", "Uzależnienia", "Bezdomność",
         "Seniorzy, usługi opiekuńcze i DPS"]          # data/areas.csv, in its order


@pytest.fixture(scope="module")
def store():
    s, problems, _ = load_inputs([ROOT / "data/raw/demo"], powiat="3007")
    assert not problems
    return s


@pytest.fixture(scope="module")
def inputs(store):
    """What the strategy's notebook loads: the drafts' default chapters are made from it."""
    return load_strategy(store, load_plan(PLAN))


@pytest.fixture(scope="module")
def out(store, inputs, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("reports")
    make_drafts(store, PLAN, "3007", "1.0", "2026-12-15", "2026-11-22", root,
                gminas=["3007012", "3007112"], inputs=inputs)
    return root


def draft(out: Path, version="1.0", name="3007012_blizanow.docx") -> Path:
    return out / "3007" / "konsultacje" / version / name


def sections(path: Path) -> dict[str, str]:
    """Return {bookmark: heading text} of the sec_* bookmarks of a document."""
    doc = docx.Document(path)
    found = {}
    for p in doc.paragraphs:
        for name in p._p.xpath("./w:bookmarkStart/@w:name"):
            if name.startswith("sec_"):
                assert p.style.name.startswith("Heading"), (name, p.style.name)
                found[name] = p.text
    return found


def test_drafts_are_written_per_gmina_with_slugged_names(out):
    folder = out / "3007" / "konsultacje" / "1.0"
    assert sorted(p.name for p in folder.iterdir()) == ["3007012_blizanow.docx",
                                                        "3007112_zelazkow.docx"]


def test_slug_is_ascii_and_keeps_word_breaks():
    assert slug("Żelazków") == "zelazkow"
    assert slug("Godziesze Wielkie") == "godziesze_wielkie"
    assert slug("Ceków-Kolonia") == "cekow_kolonia"
    assert slug("Łódź") == "lodz"


def test_custom_properties_follow_the_contract(out):
    assert read_custom_properties(draft(out, name="3007112_zelazkow.docx")) == {
        "strategy_document": "strategia_powiatu", "strategy_version": "1.0",
        "strategy_teryt": "3007112", "strategy_gmina": "Żelazków", "strategy_sent": "2026-11-22",
        "strategy_demo": True}


def test_header_marks_draft_version_dates_deadline_and_demo(out):
    doc = docx.Document(draft(out))
    header = [p.text for p in doc.sections[0].header.paragraphs]
    d = lambda s: s.replace(" ", NBSP)  # noqa: E731 - dates never break
    assert f"PROJEKT – wersja do konsultacji 1.0 z {d('22 listopada 2026 r.')} – uwagi do " \
           f"{d('15 grudnia 2026 r.')}" in header
    assert "DANE DEMONSTRACYJNE" in header


def _heading_bookmarks(path: Path) -> list[tuple[str, list[str]]]:
    """Return (heading text, its sec_* bookmarks) of every heading, in document order."""
    doc = docx.Document(path)
    return [(p.text, [n for n in p._p.xpath("./w:bookmarkStart/@w:name") if n.startswith("sec_")])
            for p in doc.paragraphs if p.style.name.startswith("Heading")]


def test_every_heading_has_a_section_bookmark_named_by_its_number(out):
    # the numbers Word's multilevel list gives the headings, counted here in document order;
    # annexes are unnumbered: Z1, Z2 and their sections Z1_1, Z1_2...
    doc = docx.Document(draft(out))
    expected, counters, annex, k = [], [0, 0, 0], None, 0
    for p in doc.paragraphs:
        if not p.style.name.startswith("Heading"):
            continue
        level = int(p.style.name.split()[-1])
        if p.text.startswith("Załącznik"):
            annex, k = "Z" + p.text.split()[1].rstrip("."), 0
            expected.append(f"sec_{annex}")
        elif annex:
            k += 1
            expected.append(f"sec_{annex}_{k}")
        else:
            counters[level - 1] += 1
            counters[level:] = [0] * (3 - level)
            expected.append("sec_" + "_".join(str(n) for n in counters[:level]))
    got = _heading_bookmarks(draft(out))
    assert [names for _, names in got] == [[e] for e in expected]   # one each, none missing
    secs = sections(draft(out))
    plan = load_plan(PLAN)
    assert [secs[f"sec_3_{k}"] for k in range(1, len(AREAS) + 1)] == AREAS
    assert secs["sec_3_2"] == secs["sec_Z1_2"] == "Rynek pracy i bezrobocie"
    assert secs["sec_6"] == "Prognoza zmian"
    assert secs["sec_8_1"] == f"Cel strategiczny 1. {plan.goals[0].name}"
    assert secs["sec_9"] == "Usługi społeczne i zadania zlecane organizacjom pozarządowym"
    assert secs["sec_Z1"] == "Załącznik 1. Diagnoza sytuacji społecznej – gmina Blizanów"
    assert secs["sec_Z2"] == "Załącznik 2. Formularz zgłaszania uwag"


def test_draft_has_the_chapters_of_the_strategy(inputs, out, tmp_path):
    # the drafts add bookmarks and annexes to the strategy's own chapters: the headings up to
    # the annexes are those of the strategy document, in the same order and at the same levels
    from strategy.documents.builders import build_strategia

    def outline(path):
        doc = docx.Document(path)
        heads = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
        end = next(i for i, (_, t) in enumerate(heads) if t.startswith("Załącznik"))
        return heads[:end]

    strategy = outline(build_strategia(inputs, tmp_path / "strategia.docx"))
    consulted = outline(draft(out))
    assert consulted == strategy
    assert [t for s, t in strategy if s == "Heading 1"] == [
        "Wprowadzenie i podstawy prawne", "Zgodność z dokumentami strategicznymi wyższego rzędu",
        "Diagnoza sytuacji społecznej powiatu", "Zasoby instytucjonalne powiatu", "Analiza SWOT", "Prognoza zmian", "Misja i wizja",
        "Cele strategiczne, cele operacyjne i kierunki działań",
        "Usługi społeczne i zadania zlecane organizacjom pozarządowym",
        "Sposób realizacji strategii i ramy finansowe", "Wskaźniki realizacji działań",
        "Monitoring i ewaluacja", "Opracowanie, konsultacje i przyjęcie strategii",
        "Wykaz skrótów"]
    assert ("Heading 2", "Zadania publiczne zlecane organizacjom pozarządowym") in consulted


def test_draft_carries_no_consistency_control(out):
    # the control report is a document of its own: no annex, heading or table of it in a draft
    doc = docx.Document(draft(out))
    heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert heads and not any("spójności" in h for h in heads)
    assert not any("Kontrola spójności" in p.text for p in doc.paragraphs)
    assert not any([c.text for c in t.rows[0].cells] in (["Kategoria", "Stan", "Wynik"],
                                                          ["Kategoria", "Ustalenie"])
                   for t in doc.tables)


def test_section_ids_do_not_shift_when_a_goal_is_dropped_or_the_version_changes(store, out,
                                                                                 tmp_path):
    plan = copy.deepcopy(load_plan(PLAN))
    dropped = plan.goals.pop(0)
    make_drafts(store, plan, "3007", "1.1", "2027-01-20", "2027-01-05", tmp_path,
                gminas=["3007012"], inputs=load_strategy(store, plan))
    before, after = sections(draft(out)), sections(draft(tmp_path, "1.1"))
    assert f"sec_8_{dropped.id}" not in after
    same = {k: v for k, v in before.items() if not k.startswith(f"sec_8_{dropped.id}")}
    assert after == same


def test_form_annex_says_how_where_and_by_when(out):
    doc = docx.Document(draft(out))
    paras = doc.paragraphs
    start = next(i for i, p in enumerate(paras) if p.style.name.startswith("Heading")
                 and p.text.startswith("Załącznik 2. Formularz"))
    intro = " ".join(p.text for p in paras[start:])
    assert "Recenzja > Śledź zmiany" in intro
    assert "Recenzja > Nowy komentarz" in intro
    assert "formularz zgłaszania uwag" in intro
    assert "Powiatowe Centrum Pomocy Rodzinie w Kaliszu" in intro
    assert f"15{NBSP}grudnia{NBSP}2026{NBSP}r." in intro
    title_page = " ".join(p.text for p in paras[:8])
    assert "Termin zgłaszania uwag" in title_page and "Załączniku 2" in title_page


def test_annex_holds_the_gminas_own_diagnosis(out):
    doc = docx.Document(draft(out, name="3007112_zelazkow.docx"))
    texts = [p.text for p in doc.paragraphs]
    z1 = texts.index("Załącznik 1. Diagnoza sytuacji społecznej – gmina Żelazków")
    captions = [t for t in texts[z1:] if t.startswith("Tabela")]
    assert captions and all("gmina Żelazków" in c for c in captions[:-1])
    assert captions[-1].endswith("Formularz zgłaszania uwag")
    assert any("Żelazków" in t for t in texts[z1 + 1:z1 + 6])


def test_remarks_form_is_the_last_table_with_the_contract_header_and_empty_rows(out):
    doc = docx.Document(draft(out))
    form = doc.tables[-1]
    assert tuple(c.text for c in form.rows[0].cells) == FORM_HEADER
    assert len(form.rows) == 1 + FORM_ROWS
    assert all(c.text == "" for r in form.rows[1:] for c in r.cells)


def test_same_inputs_give_the_same_bytes_and_the_register_hash(store, inputs, out, tmp_path):
    make_drafts(store, PLAN, "3007", "1.0", "2026-12-15", "2026-11-22", tmp_path,
                gminas=["3007012"], inputs=inputs)
    assert draft(tmp_path).read_bytes() == draft(out).read_bytes()
    reg = read_shipping_register(out / "3007" / "konsultacje")
    row = reg[reg["teryt"] == "3007012"].iloc[0]
    assert row["sha256"] == hashlib.sha256(draft(out).read_bytes()).hexdigest()
    assert row["plik"] == "1.0/3007012_blizanow.docx"


def test_shipping_register_is_appended_per_version_and_never_loses_lines(store, inputs,
                                                                        tmp_path):
    make_drafts(store, PLAN, "3007", "1.0", "2026-12-15", "2026-11-22", tmp_path,
                gminas=["3007012", "3007112"], inputs=inputs)
    make_drafts(store, PLAN, "3007", "2.0", "2027-02-15", "2027-02-01", tmp_path,
                gminas=["3007012"], inputs=inputs)
    make_drafts(store, PLAN, "3007", "2.0", "2027-02-15", "2027-02-01", tmp_path,
                gminas=["3007012"], inputs=inputs)        # sent again: its own line is replaced, not doubled
    folder = tmp_path / "3007" / "konsultacje"
    reg = read_shipping_register(folder)
    assert list(reg.columns) == SHIPPING_COLUMNS
    assert reg[["gmina", "teryt", "wersja", "data wysłania", "termin uwag"]].values.tolist() == [
        ["Blizanów", "3007012", "1.0", "2026-11-22", "2026-12-15"],
        ["Żelazków", "3007112", "1.0", "2026-11-22", "2026-12-15"],
        ["Blizanów", "3007012", "2.0", "2027-02-01", "2027-02-15"]]
    ws = load_workbook(folder / "rejestr_wysylki.xlsx").active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == SHIPPING_COLUMNS
    assert [r[:3] for r in rows[1:]] == [["Blizanów", "3007012", "1.0"],
                                         ["Żelazków", "3007112", "1.0"],
                                         ["Blizanów", "3007012", "2.0"]]


def test_bad_arguments_are_refused_in_polish(store, tmp_path):
    with pytest.raises(InputError, match="termin uwag 2026-11-01 jest wcześniejszy"):
        make_drafts(store, PLAN, "3007", "1.0", "2026-11-01", "2026-11-22", tmp_path)
    with pytest.raises(InputError, match="4-cyfrowy kod powiatu"):
        make_drafts(store, PLAN, "3007012", "1.0", "2026-12-15", "2026-11-22", tmp_path)
    with pytest.raises(InputError, match="gminy spoza powiatu 3007: 3061011"):
        make_drafts(store, PLAN, "3007", "1.0", "2026-12-15", "2026-11-22", tmp_path,
                    gminas=["3061011"])
    with pytest.raises(PlanError, match="program_wspierania_rodziny"):
        make_drafts(store, PLANS / "DANE_DEMONSTRACYJNE_3007083_program_wspierania_rodziny.yaml",
                    "3007", "1.0", "2026-12-15", "2026-11-22", tmp_path)
    assert not (tmp_path / "3007").exists()


AUTHOR_PARAGRAPH = "Zespół PCPR dopisał ten akapit w swoim notatniku strategii."


def author_strategy_notebook(tmp_path: Path) -> Path:
    """Return a copy of the strategy's template with an author's paragraph added to the
    introduction and the SWOT chapter's cell deleted (as an author would do in JupyterLab)."""
    import nbformat
    nb = nbformat.read(ROOT / "notebooks" / "strategia_powiatu.ipynb", as_version=4)
    nb.cells = [c for c in nb.cells if c.source.strip() != 'dok.chapter("swot")']
    at = next(i for i, c in enumerate(nb.cells) if c.source.strip() == 'dok.chapter("zgodnosc")')
    nb.cells.insert(at, nbformat.v4.new_code_cell(
        f'dok.markdown("{AUTHOR_PARAGRAPH}", chapter="wprowadzenie")'))
    path = tmp_path / "strategia_powiatu.ipynb"
    nbformat.write(nb, path)
    return path


def test_cli_consult_makes_drafts_from_the_strategy_as_its_notebook_leaves_it(store, tmp_path,
                                                                                capsys):
    path = write(store, tmp_path / "indicators.parquet")
    notebook = author_strategy_notebook(tmp_path)
    rc = main(["consult", "--powiat", "3007", "--wersja", "1.0", "--termin", "2026-12-15",
               "--data", "2026-11-22", "--store", str(path), "--reports", str(tmp_path / "r"),
               "--gminy", "3007083", "3007012", "--notatnik", str(notebook)])
    out = capsys.readouterr().out
    assert rc == 0
    assert f"Strategia z notatnika {notebook}" in out
    assert "Opatówek (3007083): 3007083_opatowek.docx" in out
    assert "rejestr_wysylki.xlsx" in out
    folder = tmp_path / "r" / "3007" / "konsultacje" / "1.0"
    strategy = docx.Document(str(folder / "strategia" / "strategia.docx"))
    assert AUTHOR_PARAGRAPH in [p.text for p in strategy.paragraphs]
    for name in ("3007083_opatowek.docx", "3007012_blizanow.docx"):
        d = docx.Document(str(folder / name))
        texts = [p.text for p in d.paragraphs]
        assert AUTHOR_PARAGRAPH in texts
        heads = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
        assert "Analiza SWOT" not in heads and "Wprowadzenie i podstawy prawne" in heads
        # the draft's own parts are still there, the consultation is said to be under way
        assert heads[-2:] == [f"Załącznik 1. Diagnoza sytuacji społecznej – gmina "
                              f"{'Opatówek' if name.startswith('3007083') else 'Blizanów'}",
                              "Załącznik 2. Formularz zgłaszania uwag"]
        assert any(t.startswith("Niniejszy projekt jest przedmiotem tych konsultacji")
                   for t in texts)
    assert main(["consult", "--data", "22.11.2026", "--store", str(path)]) == 2
    assert "RRRR-MM-DD" in capsys.readouterr().err


def test_blocks_of_a_final_strategy_are_refused_for_drafts(tmp_path):
    import json
    blocks = tmp_path / "strategia.bloki.json"
    blocks.write_text(json.dumps({"format": "strategy-document", "version": 1,
                                  "kind": "strategia", "consultation": False, "parts": []}),
                      encoding="utf-8")
    from strategy.consultation.drafts import strategy_blocks
    with pytest.raises(InputError, match=r"consultation=konsultacje"):
        strategy_blocks(blocks, "3007")


# ---- the consultation report ------------------------------------------------------------


def _remark(i: int, gmina: str, teryt: str, kind: str, section=("3_2", "Rynek pracy"),
            fragment="", text="", proposed="") -> Remark:
    return Remark(id=f"U-{i:010d}", teryt=teryt, gmina=gmina, version="1.0", kind=kind,
                  author="Anna Nowak", date="2026-12-01", section_id=section[0],
                  section_title=section[1], fragment=fragment, text=text or f"uwaga {i}",
                  proposed=proposed, file="x.docx")


@pytest.fixture
def register(tmp_path) -> Path:
    xlsx = tmp_path / "rejestr_uwag.xlsx"
    update_register([
        _remark(1, "Blizanów", "3007012", "komentarz", fragment="x" * 400),
        _remark(2, "Blizanów", "3007012", "zmiana", section=("Z1_1", "Demografia"),
                proposed="Nowe zdanie."),
        _remark(3, "Opatówek", "3007083", "formularz", section=("", ""), text="Bez rozdziału"),
        _remark(4, "Opatówek", "3007083", "komentarz"),
    ], xlsx)
    wb = load_workbook(xlsx)
    ws = wb.active
    head = [c.value for c in ws[1]]
    s, j = head.index("Stanowisko") + 1, head.index("Uzasadnienie stanowiska") + 1
    ws.cell(2, s).value, ws.cell(2, j).value = "uwzględniono", "Poprawiono dane."
    ws.cell(3, s).value = "nie uwzględniono"
    ws.cell(4, s).value = "uwzględniono"
    wb.save(xlsx)
    return xlsx


def test_report_intro_counts_by_kind_and_response(register):
    text = " ".join(intro_sentences(register_frame(register)))
    assert "Raport dotyczy projektu w wersji 1.0." in text
    assert "Liczba gmin, które zgłosiły uwagi: 2 (Blizanów (3007012), Opatówek (3007083))." in text
    assert "Liczba zgłoszonych uwag: 4." in text
    assert ("Według sposobu zgłoszenia – komentarze w tekście: 2; zmiany w tekście (śledzone): 1; "
            "uwagi z formularza: 1.") in text
    assert ("Według stanowiska – uwzględniono: 2; nie uwzględniono: 1; bez stanowiska: 1."
            in text)


def test_report_table_rows(register):
    t = report_frame(register_frame(register))
    assert list(t.columns) == TABLE_COLUMNS
    assert t["Lp."].tolist() == ["1", "2", "3", "4"]
    first = t.iloc[0]
    assert first["Fragment / rozdział"] == "3.2 Rynek pracy: „" + "x" * 300 + " […]”"
    assert (first["Stanowisko"], first["Uzasadnienie"]) == ("uwzględniono", "Poprawiono dane.")
    assert t.iloc[1]["Fragment / rozdział"] == "Z1.1 Demografia"
    assert t.iloc[1]["Proponowana zmiana"] == "Nowe zdanie."
    assert t.iloc[3]["Stanowisko"] == "bez stanowiska"


def test_report_docx_has_landscape_table_and_source(register, tmp_path):
    path = build_consultation_report(register, tmp_path / "raport.docx", date="2026-12-20",
                                     demo=True)
    doc = docx.Document(path)
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == TABLE_COLUMNS
    assert len(table.rows) == 5
    assert table.rows[3].cells[1].text == "Opatówek (3007083)"
    texts = [p.text for p in doc.paragraphs]
    assert any(t.startswith("Źródło: opracowanie własne na podstawie rejestru uwag "
                            "(rejestr_uwag.xlsx)") for t in texts)
    body = list(doc.element.body)
    after = body[body.index(table._tbl):]
    # the section holding the table ends at the first section break after it
    sect = next(s for el in after for s in el.xpath("./w:pPr/w:sectPr | self::w:sectPr"))
    assert sect.xpath("./w:pgSz/@w:orient") == ["landscape"]
    first = doc.element.body.xpath("./w:p/w:pPr/w:sectPr | ./w:sectPr")[0]
    assert first.xpath("./w:pgSz/@w:orient") != ["landscape"]   # the introduction is portrait
    assert "DANE DEMONSTRACYJNE" in [p.text for p in doc.sections[0].header.paragraphs]
    again = build_consultation_report(register, tmp_path / "raport2.docx", date="2026-12-20",
                                      demo=True)
    assert again.read_bytes() == path.read_bytes()


def test_empty_register_gives_no_report(tmp_path):
    xlsx = tmp_path / "pusty.xlsx"
    update_register([], xlsx)
    with pytest.raises(DocumentError, match="rejestr uwag .* jest pusty"):
        build_consultation_report(xlsx, tmp_path / "r.docx")
    assert not (tmp_path / "r.docx").exists()


def test_long_remark_is_cut_in_the_report_table_and_points_to_the_register():
    from strategy.consultation import COLUMNS
    row = {c: "" for c in COLUMNS}
    row.update({"Lp.": "1", "Uwaga": "a" * 1500, "Proponowana zmiana": "krótko"})
    t = report_frame(__import__("pandas").DataFrame([row], dtype="string"))
    assert t.iloc[0]["Uwaga"] == "a" * 1200 + " […] (pełny tekst w rejestrze uwag)"
    assert t.iloc[0]["Proponowana zmiana"] == "krótko"
    assert t.iloc[0]["Fragment / rozdział"] == ""
